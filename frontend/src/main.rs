//! Sổ Sức Khỏe in the browser: a Leptos client-side app compiled to WebAssembly.
//!
//! Size is a feature here: the people this serves are often elderly, on cheap Android phones
//! and 3G. Hence no router, UI kit or i18n crate: a few small hand-written modules instead.

/// The only code that talks HTTP (`/api/v1`, `/auth/logout`), with cancellation and timeouts.
mod api;
/// The root component: language, router and session in context; landing page or shell.
mod app;
/// Thin wrappers over browser APIs other than fetch: URL and history, storage, document, clock.
mod browser;
/// Presentation-only building blocks shared by pages.
mod components;
/// Pure presentation logic (CCCD groups, ages, BMI, card validity, decimals), tested natively.
mod format;
/// Every user-facing string, Vietnamese first, English one tap away.
mod i18n;
/// One module per screen.
mod pages;
/// The hand-written router: the `Route` enum, `pushState` and `popstate`.
mod route;

fn main() {
    browser::mount(app::App);
}
