//! Booking codes (mã đặt khám): what a ticket prints, its QR encodes and staff type to check a
//! patient in.
//!
//! Eight symbols shown as `XXXX-XXXX` from a 32-symbol alphabet without look-alikes (no `0`/`O`,
//! `1`/`I`): seven random symbols (32⁷ ≈ 34 billion codes) and a Luhn mod 32 check symbol, which
//! catches every single mistyped symbol and most swaps of neighbours before anything is looked
//! up. Randomness comes from the caller (the edge's CSPRNG), so this stays pure.

use std::fmt;

/// The symbols, in value order.
pub const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// Random symbols per code (the eighth is the check symbol).
pub const RANDOM_SYMBOLS: usize = 7;

/// A valid booking code, normalised (upper case, no separator).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BookingCode(String);

/// Why typed text is not a booking code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeError {
    /// Not 8 symbols after removing spaces and dashes.
    WrongLength(usize),
    /// A character outside the alphabet (e.g. `0`, `O`, `1`, `I`).
    BadSymbol(char),
    /// The check symbol does not match: a typo.
    CheckFailed,
}

fn value_of(symbol: u8) -> Option<u32> {
    ALPHABET.iter().position(|&s| s == symbol).map(|v| v as u32)
}

/// Luhn mod N check symbol value for `values` (N = 32).
fn check_value(values: &[u32]) -> u32 {
    const N: u32 = 32;
    let mut sum = 0;
    // From the rightmost data symbol, double every other one (the check symbol would be
    // rightmost and undoubled).
    for (i, &v) in values.iter().rev().enumerate() {
        let addend = if i % 2 == 0 { v * 2 } else { v };
        sum += addend / N + addend % N;
    }
    (N - sum % N) % N
}

impl BookingCode {
    /// A code from 7 random bytes (each byte is reduced mod 32, which is unbiased: 256 = 8 × 32).
    pub fn from_random(random: [u8; RANDOM_SYMBOLS]) -> Self {
        let values: Vec<u32> = random.iter().map(|b| u32::from(b % 32)).collect();
        let check = check_value(&values);
        let mut text: String = values
            .iter()
            .map(|&v| ALPHABET[v as usize] as char)
            .collect();
        text.push(ALPHABET[check as usize] as char);
        Self(text)
    }

    /// Parses a code as typed or scanned: case-insensitive, spaces and dashes ignored.
    pub fn parse(input: &str) -> Result<Self, CodeError> {
        let mut symbols = Vec::with_capacity(8);
        for c in input.chars() {
            match c {
                ' ' | '-' | '\u{a0}' => {}
                c if c.is_ascii_alphanumeric() => symbols.push(c.to_ascii_uppercase() as u8),
                c => return Err(CodeError::BadSymbol(c)),
            }
        }
        if symbols.len() != RANDOM_SYMBOLS + 1 {
            return Err(CodeError::WrongLength(symbols.len()));
        }
        let mut values = Vec::with_capacity(8);
        for &s in &symbols {
            values.push(value_of(s).ok_or(CodeError::BadSymbol(s as char))?);
        }
        let (data, check) = values.split_at(RANDOM_SYMBOLS);
        if check_value(data) != check[0] {
            return Err(CodeError::CheckFailed);
        }
        Ok(Self(symbols.iter().map(|&s| s as char).collect()))
    }

    /// Normalised form without the dash (`ABCD2345`).
    pub fn compact(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BookingCode {
    /// The printed form, `ABCD-2345`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", &self.0[..4], &self.0[4..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_parse_back() {
        for seed in 0u8..=255 {
            let random = [seed, seed.wrapping_mul(7), 3, 250, seed ^ 0x5a, 0, 31];
            let code = BookingCode::from_random(random);
            let printed = code.to_string();
            assert_eq!(printed.len(), 9);
            assert_eq!(&printed[4..5], "-");
            assert_eq!(BookingCode::parse(&printed), Ok(code.clone()));
            assert_eq!(
                BookingCode::parse(&printed.to_lowercase()),
                Ok(code.clone())
            );
            assert_eq!(BookingCode::parse(code.compact()), Ok(code));
        }
    }

    #[test]
    fn parse_table() {
        let good = BookingCode::from_random([1, 2, 3, 4, 5, 6, 7]).to_string();
        let check = |input: &str, expected: Result<(), CodeError>| {
            assert_eq!(
                BookingCode::parse(input).map(|_| ()),
                expected,
                "input {input:?}"
            );
        };
        check(&good, Ok(()));
        check(&format!(" {} ", good.replace('-', " ")), Ok(()));
        check("ABCD-234", Err(CodeError::WrongLength(7)));
        check("", Err(CodeError::WrongLength(0)));
        check("ABCD-2345-6", Err(CodeError::WrongLength(9)));
        check("ABCD-O345", Err(CodeError::BadSymbol('O')));
        check("ABC1-2345", Err(CodeError::BadSymbol('1')));
        check("ABCD/2345", Err(CodeError::BadSymbol('/')));
    }

    #[test]
    fn every_single_symbol_typo_is_caught() {
        let code = BookingCode::from_random([9, 200, 17, 64, 5, 77, 130]);
        let symbols: Vec<u8> = code.compact().bytes().collect();
        for pos in 0..symbols.len() {
            for &other in ALPHABET.iter().filter(|&&s| s != symbols[pos]) {
                let mut typo = symbols.clone();
                typo[pos] = other;
                let text: String = typo.iter().map(|&b| b as char).collect();
                assert_eq!(
                    BookingCode::parse(&text),
                    Err(CodeError::CheckFailed),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn most_neighbour_swaps_are_caught() {
        let mut caught = 0;
        let mut total = 0;
        for seed in 0u8..64 {
            let code = BookingCode::from_random([seed, 3, 9, seed / 2, 30, 1, seed % 5]);
            let symbols: Vec<u8> = code.compact().bytes().collect();
            for pos in 0..symbols.len() - 1 {
                if symbols[pos] == symbols[pos + 1] {
                    continue;
                }
                let mut swapped = symbols.clone();
                swapped.swap(pos, pos + 1);
                let text: String = swapped.iter().map(|&b| b as char).collect();
                total += 1;
                if BookingCode::parse(&text).is_err() {
                    caught += 1;
                }
            }
        }
        assert!(
            caught * 100 >= total * 90,
            "caught {caught} of {total} swaps"
        );
    }
}
