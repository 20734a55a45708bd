//! Integration and end-to-end tests against the running local stack (see `tests/src/lib.rs`).
//! Run them with `cargo xtask test`.

/// The API: sessions, authorization, failures, headers, OpenAPI.
mod api;
/// The complete health book's API: sections, visits, self-reported data, corrections, export.
mod book;
/// The complete health book in headless Chromium: every section, trends, dependants,
/// self-declared data, correction requests.
mod book_e2e;
/// Booking through the edge: lookups, availability, holds, idempotency, authorization.
mod booking;
/// Booking in the browser: book, ticket, cancel; reschedule; check-in at the clinic console.
mod booking_e2e;
/// The 7 AM rush: hundreds of citizens racing for one facility-day.
mod contention;
/// Headless Chromium through the real sign-in pages.
mod e2e;
/// The health book framed by a host super-app on another origin: silent sign-in, fallback.
mod embedded_e2e;
