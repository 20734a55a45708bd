//! Sổ Sức Khỏe in the browser: Leptos client-side apps compiled to WebAssembly.
//!
//! One library, several entry points (`src/main.rs` the citizen app, `src/bin/*` other apps such
//! as the clinic console): each entry links only what it uses, so a citizen's phone never
//! downloads the clinic's code.
//!
//! Size is a feature here: the people this serves are often elderly, on cheap Android phones
//! and 3G. Hence no router, UI kit or i18n crate: a few small hand-written modules instead.

/// The only code that talks HTTP (`/api/v1`, `/auth/logout`), with cancellation and timeouts.
pub mod api;
/// The root component: language, router and session in context; landing page or shell.
pub mod app;
/// Thin wrappers over browser APIs other than fetch: URL and history, storage, document, clock.
pub mod browser;
/// The clinic console (`src/bin/clinic.rs`, served under `/clinic/`) and its QR decoder worker
/// (`src/bin/clinic_qr.rs`): a separate app that only staff download.
#[cfg(feature = "clinic")]
pub mod clinic;
/// Presentation-only building blocks shared by pages.
pub mod components;
/// Pure presentation logic (CCCD groups, ages, BMI, card validity, decimals), tested natively.
pub mod format;
/// Every user-facing string, Vietnamese first, English one tap away.
pub mod i18n;
/// One module per screen.
pub mod pages;
/// The hand-written router: the `Route` enum, `pushState` and `popstate`.
pub mod route;

/// Mounts the citizen app (the entry point of `src/main.rs`).
pub fn start_citizen_app() {
    browser::mount(app::App);
}
