//! The citizen app's entry point: the health book and booking.

fn main() {
    frontend::start_citizen_app();
}
