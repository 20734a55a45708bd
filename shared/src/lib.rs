//! The boundary crate shared by the edge, the frontend and the tools.
//!
//! Everything here is pure: no I/O, no clock, no web APIs. It builds and tests natively in
//! milliseconds, and it is the single definition of what crosses the wire between the edge and
//! the browser. Raw FHIR never crosses that wire; these DTOs do.

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
/// Identifier systems, code systems and extension URLs the national store is read with.
pub mod fhir;
/// CCCD, BHYT, BHXH and facility codes: parsing, normalisation, soft checks.
pub mod id;
/// Slot arithmetic: clinic hours, queue order, "arrive by", the booking window.
pub mod schedule;
/// Accent-insensitive matching of Vietnamese text.
pub mod text;
