//! The ticket's QR code, drawn here as a small SVG so the citizen's phone downloads no encoder:
//! it shows the SVG as an image. The QR holds exactly the booking code (`ABCD-2345`), which
//! is what clinic staff would otherwise type.

use qrcodegen::{QrCode, QrCodeEcc};

/// Modules of white around the code, as the QR standard asks for reliable scanning.
const QUIET_ZONE: i32 = 4;

/// A complete SVG document for `text`: black modules on white, `viewBox` in modules and no
/// fixed size (the page scales it), one `<path>` of horizontal runs to keep it small.
/// `None` only if `text` does not fit a QR code (never for a booking code).
pub fn svg(text: &str) -> Option<String> {
    // Medium error correction: a ticket shown on a cracked or dim phone screen still scans.
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = qr.size();
    let full = size + 2 * QUIET_ZONE;
    let mut path = String::with_capacity((size * size) as usize);
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if qr.get_module(x, y) {
                let start = x;
                while x < size && qr.get_module(x, y) {
                    x += 1;
                }
                path.push_str(&format!(
                    "M{} {}h{}v1h-{}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE,
                    x - start,
                    x - start
                ));
            } else {
                x += 1;
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {full} {full}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR {text}\"><rect width=\"{full}\" height=\"{full}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_booking_code_makes_a_small_complete_svg() {
        let svg = svg("ABCD-2345").unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>"));
        // Version 1 (21 modules) + quiet zone on both sides.
        assert!(svg.contains("viewBox=\"0 0 29 29\""), "{svg}");
        assert!(svg.len() < 4000, "{} bytes", svg.len());
        // The finder pattern's top row: 7 dark modules starting at the quiet zone.
        assert!(svg.contains("M4 4h7v1h-7z"), "{svg}");
    }

    #[test]
    fn the_svg_decodes_back_to_the_code() {
        // Rebuild the module grid from the path and compare with the encoder's own grid.
        let text = "XY7K-9QMZ";
        let svg = svg(text).unwrap();
        let qr = QrCode::encode_text(text, QrCodeEcc::Medium).unwrap();
        let d = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let size = qr.size();
        let mut grid = vec![vec![false; size as usize]; size as usize];
        for run in d.split('M').filter(|r| !r.is_empty()) {
            let (xy, rest) = run.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let len: i32 = rest.split('v').next().unwrap().parse().unwrap();
            let (x, y): (i32, i32) = (x.parse().unwrap(), y.parse().unwrap());
            for dx in 0..len {
                grid[(y - QUIET_ZONE) as usize][(x - QUIET_ZONE + dx) as usize] = true;
            }
        }
        for y in 0..size {
            for x in 0..size {
                assert_eq!(
                    grid[y as usize][x as usize],
                    qr.get_module(x, y),
                    "({x},{y})"
                );
            }
        }
    }
}
