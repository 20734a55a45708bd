//! One module per screen, grouped by the area of the app a citizen thinks in.

/// The health book (sổ sức khỏe): its summary now; lab results, vaccinations… later.
pub mod book;
/// Booking a visit and "my appointments".
pub mod booking;
/// What a signed-out visitor sees: what this is, and the sign-in button.
pub mod landing;
/// An address the app does not know.
pub mod not_found;
