//! The clinic console: a second app of this library, with its own entry point
//! (`src/bin/clinic.rs`), wasm and page (`/clinic/`), so a citizen's phone never downloads it.
//! Staff sign in through the same identity provider; every request is scoped by the edge to
//! the staff member's facility. It reuses the library's language, HTTP failures and
//! presentation components, and keeps its own texts, API calls and screens here.
//!
//! Built for a counter on a cheap laptop or tablet: keyboard first (the code box has focus;
//! Enter checks in; a handheld scanner that types the QR works the same), large type, every
//! change confirmed in words.

/// The clinic API: today's list, check-in, no-show, slots.
pub mod api;
/// The root: sign-in, the staff frame, the current screen.
pub mod app;
/// Pure logic of the day views: clock times, counts, grouping, filtering.
pub mod day;
/// Every console sentence, Vietnamese first.
pub mod i18n;
/// Booking codes from typed or scanned text; decoding QR frames (decoder worker only).
pub mod qr;
/// The console's screens and their addresses.
pub mod route;
/// The camera scanner: `BarcodeDetector`, or frames sent to the decoder worker.
pub mod scanner;
/// Opening and closing slots for a day.
pub mod slots;
/// Today's appointments, check-in and no-shows.
pub mod today;
/// The decoder worker's main (`src/bin/clinic_qr.rs`).
pub mod worker;

/// Mounts the console (the entry point of `src/bin/clinic.rs`).
pub fn start() {
    crate::browser::mount(app::ClinicApp);
}
