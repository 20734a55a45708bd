//! Bodies of the booking and clinic-console API.
