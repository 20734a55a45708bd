//! The citizen app's health-book pages beyond the summary (trends, visits, forms, print),
//! loaded when a person first opens one of them.

fn main() {
    frontend::start_records();
}
