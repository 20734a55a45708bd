//! The health book's screens, under `/so-suc-khoe`.

/// The first screen: identity, allergies, insurance card, latest measurements.
pub mod summary;
