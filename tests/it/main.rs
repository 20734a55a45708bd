//! Integration and end-to-end tests against the running local stack (see `tests/src/lib.rs`).
//! Run them with `cargo xtask test`.

/// The API: sessions, authorization, failures, headers, OpenAPI.
mod api;
/// Booking through the edge: lookups, availability, holds, idempotency, authorization.
mod booking;
/// The 7 AM rush: hundreds of citizens racing for one facility-day.
mod contention;
/// Headless Chromium through the real sign-in pages.
mod e2e;
