//! Reading a ticket: the booking code in what a clerk typed or a scanner read, and decoding a
//! camera frame's pixels with a Rust QR decoder (`rqrr`) for browsers without
//! `BarcodeDetector`. [`decode_rgba`] runs only inside the decoder worker (`src/bin/clinic_qr.rs`),
//! so the console's own wasm never links `rqrr`.

use shared::booking_code::{BookingCode, CodeError};

/// The booking code in `input`: a code typed by a clerk (any case, spaces or dashes), the text
/// a handheld scanner types (the QR's payload, then Enter), or the payload a camera read (the
/// ticket's QR holds exactly the code). The code's check symbol catches a mistyped symbol
/// before anything is sent; any other QR code is refused the same way.
pub fn booking_code(input: &str) -> Result<BookingCode, CodeError> {
    BookingCode::parse(input.trim())
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
        let code = BookingCode::from_random([1, 2, 3, 4, 5, 6, 7]).to_string();
        let lower = code.to_lowercase();
        let spaced = code.replace('-', " ");
        let compact = code.replace('-', "");
        for input in [&code, &lower, &spaced, &compact, &format!("  {code}\n")] {
            assert_eq!(
                booking_code(input).map(|c| c.to_string()).as_deref(),
                Ok(code.as_str()),
                "{input:?}"
            );
        }
        // One symbol mistyped: the check symbol catches it.
        let mut typo = code.clone().into_bytes();
        typo[0] = if typo[0] == b'2' { b'3' } else { b'2' };
        let typo = String::from_utf8(typo).unwrap_or_default();
        assert_eq!(booking_code(&typo), Err(CodeError::CheckFailed));
        assert_eq!(booking_code(""), Err(CodeError::WrongLength(0)));
        assert!(booking_code("WIFI:S:cafe;T:WPA;P:secret;;").is_err());
        assert!(booking_code("https://example.com/x").is_err());
    }

    #[test]
    fn brightness_of_pixels() {
        assert_eq!(luma(0, 0, 0), 0);
        assert_eq!(luma(255, 255, 255), 255);
        assert!(luma(0, 0, 255) < 40, "blue is dark");
    }

    /// A ticket's QR for `text` as a camera might see it: `scale` pixels per module, a quiet
    /// zone, dark grey on off-white, in an RGBA frame of `width` × `height` at `(left, top)`.
    fn frame(
        text: &str,
        scale: usize,
        width: usize,
        height: usize,
        left: usize,
        top: usize,
    ) -> Vec<u8> {
        use qrcodegen::{QrCode, QrCodeEcc};
        let qr = QrCode::encode_text(text, QrCodeEcc::Medium).expect("encodes");
        let mut rgba = vec![0u8; width * height * 4];
        for y in 0..height {
            for x in 0..width {
                let module = |p: usize, origin: usize| {
                    (p as i64 - origin as i64).div_euclid(scale as i64) - 4
                };
                let (mx, my) = (module(x, left), module(y, top));
                let dark = qr.get_module(mx as i32, my as i32);
                let (r, g, b) = if dark { (40, 44, 52) } else { (236, 232, 220) };
                let i = (y * width + x) * 4;
                rgba[i..i + 4].copy_from_slice(&[r, g, b, 255]);
            }
        }
        rgba
    }

    #[test]
    fn a_ticket_qr_in_a_frame_decodes_to_its_booking_code() {
        let code = BookingCode::from_random([9, 8, 7, 6, 5, 4, 3]).to_string();
        let (w, h) = (320, 240);
        for (scale, left, top) in [(4, 40, 30), (6, 100, 20), (3, 0, 0)] {
            let rgba = frame(&code, scale, w, h, left, top);
            let read = decode_rgba(w, h, &rgba);
            assert_eq!(read.as_deref(), Some(code.as_str()), "scale {scale}");
            assert_eq!(
                booking_code(&read.unwrap_or_default()).map(|c| c.to_string()),
                Ok(code.clone())
            );
        }
    }

    #[test]
    fn frames_that_hold_no_code_decode_to_nothing() {
        assert_eq!(decode_rgba(0, 0, &[]), None);
        assert_eq!(decode_rgba(4, 4, &[0; 8]), None, "too few bytes");
        assert_eq!(
            decode_rgba(64, 48, &[255; 64 * 48 * 4]),
            None,
            "a white frame"
        );
    }
}
