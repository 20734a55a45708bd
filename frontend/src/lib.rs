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

use app::{App, Screens};
use leptos::prelude::*;
use route::{BookPage, Route, Shell};

/// Mounts the citizen app's first module (`src/main.rs`): sign-in and the health book's
/// summary, the first screen everyone sees. Everything else is in the other modules.
pub fn start_citizen_app() {
    start(Screens {
        shell: Shell::Home,
        page: |_, route| match route {
            Route::Book {
                patient,
                page: BookPage::Summary,
            } => view! { <pages::book::summary::SummaryPage patient=patient /> }.into_any(),
            _ => not_found(),
        },
    });
}

/// Mounts the health book's other pages (`src/bin/records.rs`).
pub fn start_records() {
    start(Screens {
        shell: Shell::Records,
        page: |_, route| match route {
            Route::Book { patient, page } => pages::book::page(page, patient),
            _ => not_found(),
        },
    });
}

/// Mounts booking and appointments (`src/bin/booking.rs`).
pub fn start_booking() {
    start(Screens {
        shell: Shell::Booking,
        page: |me, route| match pages::booking::page(me, &route) {
            Some(page) => page.into_any(),
            None => not_found(),
        },
    });
}

fn start(screens: Screens) {
    browser::mount(move || view! { <App screens=screens /> });
}

fn not_found() -> AnyView {
    view! { <pages::not_found::NotFoundPage /> }.into_any()
}
