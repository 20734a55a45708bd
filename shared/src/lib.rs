//! The boundary crate shared by the edge, the frontend and the tools.
//!
//! Everything here is pure: no I/O, no clock, no web APIs. It builds and tests natively in
//! milliseconds, and it is the single definition of what crosses the wire between the edge and
//! the browser. Raw FHIR never crosses that wire; these DTOs do.

/// "What is this test?": plain-language lines for common analytes and measurements.
pub mod analyte;
/// Small rules of the health book: card validity, BMI, check-up classification.
pub mod book;
/// Booking codes (mã đặt khám): format, check symbol, parsing.
pub mod booking_code;
/// Moments and times of day in Vietnam local time (RFC 3339 with +07:00 on the wire).
pub mod clock;
/// The co-pay estimate from the BHYT benefit level and the facility (always an estimate).
pub mod copay;
/// Calendar dates without a time zone library (Vietnam is UTC+07:00 all year).
pub mod date;
/// Request and response bodies of `/api/v1/…`.
pub mod dto;
/// The national immunisation (EPI) schedule and a child's done / due / overdue doses.
pub mod epi;
/// Identifier systems, code systems and extension URLs the national store is read with.
pub mod fhir;
/// CCCD, BHYT, BHXH and facility codes: parsing, normalisation, soft checks.
pub mod id;
/// Plausibility checks for self-reported values, with Vietnamese and English messages.
pub mod plausible;
/// Slot arithmetic: clinic hours, queue order, "arrive by", the booking window.
pub mod schedule;
/// Which of the citizen app's wasm modules serves a path.
pub mod shell;
/// Accent-insensitive matching of Vietnamese text.
pub mod text;
/// Reference-range flags and trend statistics of series.
pub mod trend;
