//! The clinic console's entry point, served under `/clinic/`: today's appointments, check-in
//! by booking code or ticket QR, no-shows, opening and closing slots.

fn main() {
    frontend::clinic::start();
}
