//! The citizen app's booking and appointments, loaded when a person first opens them.

fn main() {
    frontend::start_booking();
}
