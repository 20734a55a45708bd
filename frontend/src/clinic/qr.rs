//! Reading a ticket: the booking code in what a clerk typed or a scanner read, and decoding a
//! camera frame's pixels with a Rust QR decoder (`rqrr`) for browsers without
//! `BarcodeDetector`. [`decode_rgba`] runs only inside the decoder worker (`src/bin/clinic_qr.rs`),
//! so the console's own wasm never links `rqrr`.

/// The booking code in `input`: a code typed by a clerk (any case, spaces), the text a
/// handheld scanner types (the QR's whole payload, then Enter), or the payload a camera read.
/// The ticket's QR carries the code itself or a link ending in it. `None` for anything that
/// cannot be a booking code (another QR code, an empty line).
pub fn booking_code(input: &str) -> Option<String> {
    let text = input.trim();
    // A link or a prefixed payload: the code is the last segment.
    let last = text
        .trim_end_matches('/')
        .rsplit(['/', ':', '=', '#', '?'])
        .next()?;
    let code: String = last
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    let plausible = (4..=32).contains(&code.len())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    plausible.then_some(code)
}

/// Perceived brightness (ITU-R BT.601 weights, integer arithmetic) of one RGBA pixel.
fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000) as u8
}

/// The text of the first QR code found in an RGBA frame (`ImageData.data`, row by row), if
/// any decodes.
pub fn decode_rgba(width: usize, height: usize, rgba: &[u8]) -> Option<String> {
    if width == 0 || height == 0 || rgba.len() < width * height * 4 {
        return None;
    }
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        let i = (y * width + x) * 4;
        luma(rgba[i], rgba[i + 1], rgba[i + 2])
    });
    image
        .detect_grids()
        .into_iter()
        .find_map(|grid| grid.decode().ok().map(|(_, text)| text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booking_codes_from_what_was_typed_or_scanned() {
        for (input, expected) in [
            ("K7Q2M9", Some("K7Q2M9")),
            ("  k7q2m9 \n", Some("K7Q2M9")),
            ("K7Q 2M9", Some("K7Q2M9")),
            ("https://sosuckhoe.vn/lich-hen/ma/K7Q2M9", Some("K7Q2M9")),
            ("https://sosuckhoe.vn/lich-hen/ma/K7Q2M9/", Some("K7Q2M9")),
            ("SSK:K7Q2M9", Some("K7Q2M9")),
            ("", None),
            ("   ", None),
            ("abc", None),
            ("WIFI:S:cafe;T:WPA;P:secret;;", None),
            ("Xin chào", None),
        ] {
            assert_eq!(booking_code(input).as_deref(), expected, "{input:?}");
        }
    }

    #[test]
    fn brightness_of_pixels() {
        assert_eq!(luma(0, 0, 0), 0);
        assert_eq!(luma(255, 255, 255), 255);
        assert!(luma(0, 0, 255) < 40, "blue is dark");
    }

    #[test]
    fn frames_that_hold_no_code_decode_to_nothing() {
        assert_eq!(decode_rgba(0, 0, &[]), None);
        assert_eq!(decode_rgba(4, 4, &[0; 8]), None, "too few bytes");
        assert_eq!(decode_rgba(64, 48, &[255; 64 * 48 * 4]), None, "a white frame");
    }
}
