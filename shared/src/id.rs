//! National identifiers: the personal ID (CCCD), the health-insurance card (BHYT), the
//! social-insurance number (BHXH) and BHXH facility codes.
//!
//! Only the hard rules reject input: lengths, digits, the BHYT group letters and benefit level.
//! The conventional structure of a CCCD (birth province, century and sex, year) is exposed as
//! soft facts for warnings, never for rejection: no check digit exists and numbers get re-issued.
//! Separators people type from cards (spaces, `-`, `.`) are accepted and removed.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Why an identifier was rejected. Each variant has a stable machine code for API errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdError {
    /// Nothing was typed.
    Empty,
    /// A character that is neither a digit, a letter nor an accepted separator.
    InvalidCharacter(char),
    /// Wrong number of characters after removing separators.
    WrongLength {
        expected: &'static str,
        found: usize,
    },
    /// Letters where digits are required.
    NotDigits,
    /// A BHYT card must start with two letters (the beneficiary group).
    BadGroup,
    /// A BHYT benefit level is 1–5.
    BenefitLevelOutOfRange(u8),
}

impl IdError {
    /// Stable machine code, used in `{"code": …}` API errors.
    pub fn code(&self) -> &'static str {
        match self {
            IdError::Empty => "id_empty",
            IdError::InvalidCharacter(_) => "id_invalid_character",
            IdError::WrongLength { .. } => "id_wrong_length",
            IdError::NotDigits => "id_not_digits",
            IdError::BadGroup => "bhyt_bad_group",
            IdError::BenefitLevelOutOfRange(_) => "bhyt_benefit_level",
        }
    }

    /// A sentence a citizen can act on, Vietnamese first.
    pub fn message_vi(&self) -> String {
        match self {
            IdError::Empty => "Vui lòng nhập số.".into(),
            IdError::InvalidCharacter(c) => format!("Ký tự “{c}” không hợp lệ."),
            IdError::WrongLength { expected, found } => {
                format!("Cần {expected} ký tự, bạn đã nhập {found}.")
            }
            IdError::NotDigits => "Chỉ được nhập chữ số.".into(),
            IdError::BadGroup => {
                "Mã thẻ BHYT phải bắt đầu bằng 2 chữ cái (ví dụ HC, DN, TE).".into()
            }
            IdError::BenefitLevelOutOfRange(n) => {
                format!("Mức hưởng {n} không hợp lệ: ký tự thứ 3 của thẻ BHYT phải từ 1 đến 5.")
            }
        }
    }

    /// The same sentence in English.
    pub fn message_en(&self) -> String {
        match self {
            IdError::Empty => "Please enter a number.".into(),
            IdError::InvalidCharacter(c) => format!("The character “{c}” is not allowed."),
            IdError::WrongLength { expected, found } => {
                format!("{expected} characters are needed; you entered {found}.")
            }
            IdError::NotDigits => "Only digits are allowed.".into(),
            IdError::BadGroup => {
                "A BHYT card number starts with 2 letters (for example HC, DN, TE).".into()
            }
            IdError::BenefitLevelOutOfRange(n) => format!(
                "Benefit level {n} is not valid: the 3rd character of a BHYT card is 1 to 5."
            ),
        }
    }
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for IdError {}

/// Removes the separators people copy from cards and upper-cases letters.
fn compact(input: &str) -> Result<String, IdError> {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            ' ' | '\t' | '-' | '.' | '_' | '/' | '\u{a0}' => {}
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_uppercase()),
            c => return Err(IdError::InvalidCharacter(c)),
        }
    }
    if out.is_empty() {
        return Err(IdError::Empty);
    }
    Ok(out)
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// Sex as encoded in the CCCD's fourth digit and in FHIR `Patient.gender`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Male,
    Female,
    Other,
    Unknown,
}

/// Personal identification number (số định danh cá nhân, printed on the CCCD): 12 digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cccd(String);

impl Cccd {
    pub fn parse(input: &str) -> Result<Self, IdError> {
        let compact = compact(input)?;
        if !all_digits(&compact) {
            return Err(IdError::NotDigits);
        }
        if compact.len() != 12 {
            return Err(IdError::WrongLength {
                expected: "12",
                found: compact.len(),
            });
        }
        Ok(Self(compact))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Digits 1–3: the (pre-2025) province where the birth was registered, e.g. `079` TP.HCM.
    pub fn birth_province_code(&self) -> &str {
        &self.0[..3]
    }

    /// Digit 4 encodes century and sex (0/1 for the 1900s, 2/3 for the 2000s, 4/5 for the
    /// 2100s; even = male). A soft fact: `None` when the digit is outside that convention.
    pub fn sex_and_century(&self) -> Option<(Sex, i32)> {
        let digit = self.0.as_bytes()[3] - b'0';
        let century = match digit / 2 {
            0 => 1900,
            1 => 2000,
            2 => 2100,
            _ => return None,
        };
        let sex = if digit.is_multiple_of(2) {
            Sex::Male
        } else {
            Sex::Female
        };
        Some((sex, century))
    }

    /// Birth year by the convention (digit 4 century + digits 5–6), when it applies.
    pub fn birth_year(&self) -> Option<i32> {
        let (_, century) = self.sex_and_century()?;
        let yy: i32 = self.0[4..6].parse().ok()?;
        Some(century + yy)
    }
}

/// Social-insurance number (mã số BHXH): 10 digits, the only number on newer BHYT cards.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BhxhNumber(String);

impl BhxhNumber {
    pub fn parse(input: &str) -> Result<Self, IdError> {
        let compact = compact(input)?;
        if !all_digits(&compact) {
            return Err(IdError::NotDigits);
        }
        if compact.len() != 10 {
            return Err(IdError::WrongLength {
                expected: "10",
                found: compact.len(),
            });
        }
        Ok(Self(compact))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// BHYT benefit level (mức hưởng), the card's third character.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BenefitLevel(u8);

impl BenefitLevel {
    pub fn new(level: u8) -> Result<Self, IdError> {
        if (1..=5).contains(&level) {
            Ok(Self(level))
        } else {
            Err(IdError::BenefitLevelOutOfRange(level))
        }
    }

    pub fn number(self) -> u8 {
        self.0
    }

    /// Share of covered costs the fund pays for care in scope, in percent.
    /// Level 2 has a ceiling on high-tech services and level 5 also covers out-of-scope items;
    /// the percentage alone does not say that, see [`BenefitLevel::note_vi`].
    pub fn coverage_percent(self) -> u8 {
        match self.0 {
            3 => 95,
            4 => 80,
            _ => 100,
        }
    }

    /// What the level means, in a short Vietnamese sentence.
    pub fn note_vi(self) -> &'static str {
        match self.0 {
            1 => "Quỹ BHYT chi trả 100% chi phí khám chữa bệnh trong phạm vi được hưởng.",
            2 => "Quỹ BHYT chi trả 100%, có giới hạn tỷ lệ thanh toán dịch vụ kỹ thuật cao.",
            3 => "Quỹ BHYT chi trả 95%, bạn cùng chi trả 5%.",
            4 => "Quỹ BHYT chi trả 80%, bạn cùng chi trả 20%.",
            _ => "Quỹ BHYT chi trả 100%, kể cả một số chi phí ngoài phạm vi.",
        }
    }

    /// What the level means, in English.
    pub fn note_en(self) -> &'static str {
        match self.0 {
            1 => "The insurance fund pays 100% of covered care.",
            2 => "The insurance fund pays 100%, with a ceiling on high-tech services.",
            3 => "The insurance fund pays 95%; you pay 5%.",
            4 => "The insurance fund pays 80%; you pay 20%.",
            _ => "The insurance fund pays 100%, including some out-of-scope items.",
        }
    }
}

/// A legacy 15-character BHYT card number: group (2 letters), benefit level (1 digit),
/// province (2 digits), social-insurance number (10 digits). Stored normalised, without spaces.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BhytCard(String);

impl BhytCard {
    pub fn parse(input: &str) -> Result<Self, IdError> {
        let compact = compact(input)?;
        if compact.len() != 15 {
            return Err(IdError::WrongLength {
                expected: "15",
                found: compact.len(),
            });
        }
        let (group, rest) = compact.split_at(2);
        if !group.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(IdError::BadGroup);
        }
        if !all_digits(rest) {
            return Err(IdError::NotDigits);
        }
        BenefitLevel::new(rest.as_bytes()[0] - b'0')?;
        Ok(Self(compact))
    }

    /// Normalised form, `HC4010123456789`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Beneficiary group (đối tượng), e.g. `HC`, `DN`, `TE`.
    pub fn group(&self) -> &str {
        &self.0[..2]
    }

    pub fn benefit_level(&self) -> BenefitLevel {
        BenefitLevel(self.0.as_bytes()[2] - b'0')
    }

    /// Two-digit (pre-2025) province code of the issuing office.
    pub fn province_code(&self) -> &str {
        &self.0[3..5]
    }

    pub fn social_insurance_number(&self) -> BhxhNumber {
        BhxhNumber(self.0[5..].to_owned())
    }

    /// The grouping printed on cards: `HC 4 01 0123456789`.
    pub fn display_grouped(&self) -> String {
        format!(
            "{} {} {} {}",
            &self.0[..2],
            &self.0[2..3],
            &self.0[3..5],
            &self.0[5..]
        )
    }
}

/// What a person may type to identify their insurance: the 15-character card, the 10-digit
/// social-insurance number, or (since 2025) the 12-digit personal ID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InsuranceLookup {
    Card(BhytCard),
    SocialInsurance(BhxhNumber),
    PersonalId(Cccd),
}

impl InsuranceLookup {
    /// Chooses the form by length after normalisation; errors speak of the closest form.
    pub fn parse(input: &str) -> Result<Self, IdError> {
        let compact = compact(input)?;
        match compact.len() {
            15 => BhytCard::parse(&compact).map(Self::Card),
            10 => BhxhNumber::parse(&compact).map(Self::SocialInsurance),
            12 => Cccd::parse(&compact).map(Self::PersonalId),
            found => Err(IdError::WrongLength {
                expected: "10, 12 hoặc 15",
                found,
            }),
        }
    }
}

/// BHXH facility code (mã cơ sở khám chữa bệnh): 5 characters, usually 2-digit province + 3.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FacilityCode(String);

impl FacilityCode {
    pub fn parse(input: &str) -> Result<Self, IdError> {
        let compact = compact(input)?;
        if compact.len() != 5 {
            return Err(IdError::WrongLength {
                expected: "5",
                found: compact.len(),
            });
        }
        Ok(Self(compact))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The (pre-2025) province the code was issued in, when it starts with two digits.
    pub fn province_code(&self) -> Option<&str> {
        let prefix = &self.0[..2];
        all_digits(prefix).then_some(prefix)
    }
}

macro_rules! string_identifier {
    ($($ty:ident),*) => {$(
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $ty::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    )*};
}
string_identifier!(Cccd, BhxhNumber, BhytCard, FacilityCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cccd_table() {
        let check = |input: &str, expected: Result<&str, IdError>| {
            let got = Cccd::parse(input);
            assert_eq!(
                got.map(|id| id.as_str().to_owned()),
                expected.map(str::to_owned),
                "{input:?}"
            );
        };
        check("079203001234", Ok("079203001234"));
        check(" 079 203 001 234 ", Ok("079203001234"));
        check("079-203-001-234", Ok("079203001234"));
        check("079.203.001.234", Ok("079203001234"));
        check("", Err(IdError::Empty));
        check("  - ", Err(IdError::Empty));
        check(
            "07920300123",
            Err(IdError::WrongLength {
                expected: "12",
                found: 11,
            }),
        );
        check(
            "0792030012345",
            Err(IdError::WrongLength {
                expected: "12",
                found: 13,
            }),
        );
        check(
            "079203001234567",
            Err(IdError::WrongLength {
                expected: "12",
                found: 15,
            }),
        );
        check("07920300123A", Err(IdError::NotDigits));
        check("079203001234;", Err(IdError::InvalidCharacter(';')));
        check("０７９203001234", Err(IdError::InvalidCharacter('０')));
    }

    #[test]
    fn cccd_soft_structure() {
        let check = |input: &str, sex: Option<Sex>, year: Option<i32>| {
            let id = Cccd::parse(input).unwrap();
            assert_eq!(id.sex_and_century().map(|(s, _)| s), sex, "{input}");
            assert_eq!(id.birth_year(), year, "{input}");
        };
        check("001090123456", Some(Sex::Male), Some(1990));
        check("079185001234", Some(Sex::Female), Some(1985));
        check("048212345678", Some(Sex::Male), Some(2012));
        check("092305654321", Some(Sex::Female), Some(2005));
        check("001400000001", Some(Sex::Male), Some(2100));
        // Outside the convention: still a valid number, just no soft facts.
        check("001790123456", None, None);
        assert_eq!(
            Cccd::parse("079203001234").unwrap().birth_province_code(),
            "079"
        );
    }

    #[test]
    fn bhyt_card_table() {
        let check = |input: &str, expected: Result<&str, IdError>| {
            let got = BhytCard::parse(input);
            assert_eq!(
                got.map(|id| id.as_str().to_owned()),
                expected.map(str::to_owned),
                "{input:?}"
            );
        };
        check("HC4010123456789", Ok("HC4010123456789"));
        check("hc4010123456789", Ok("HC4010123456789"));
        check("HC4-01-0123456789", Ok("HC4010123456789"));
        check("HC 4 01 0123456789", Ok("HC4010123456789"));
        check("TE1790000000001", Ok("TE1790000000001"));
        check("DN5480000000001", Ok("DN5480000000001"));
        check("HC0010123456789", Err(IdError::BenefitLevelOutOfRange(0)));
        check("HC6010123456789", Err(IdError::BenefitLevelOutOfRange(6)));
        check("HC9010123456789", Err(IdError::BenefitLevelOutOfRange(9)));
        check("H14010123456789", Err(IdError::BadGroup));
        check("144010123456789", Err(IdError::BadGroup));
        check("HCA010123456789", Err(IdError::NotDigits));
        check("HC401012345678X", Err(IdError::NotDigits));
        check(
            "HC401012345678",
            Err(IdError::WrongLength {
                expected: "15",
                found: 14,
            }),
        );
        check(
            "HC40101234567890",
            Err(IdError::WrongLength {
                expected: "15",
                found: 16,
            }),
        );
        check("HC4Đ10123456789", Err(IdError::InvalidCharacter('Đ')));
    }

    #[test]
    fn bhyt_card_parts() {
        let card = BhytCard::parse("GD4-79-7901234567").unwrap();
        assert_eq!(card.group(), "GD");
        assert_eq!(card.benefit_level().number(), 4);
        assert_eq!(card.benefit_level().coverage_percent(), 80);
        assert_eq!(card.province_code(), "79");
        assert_eq!(card.social_insurance_number().as_str(), "7901234567");
        assert_eq!(card.display_grouped(), "GD 4 79 7901234567");
    }

    #[test]
    fn benefit_levels() {
        let percents: Vec<u8> = (1..=5)
            .map(|n| BenefitLevel::new(n).unwrap().coverage_percent())
            .collect();
        assert_eq!(percents, [100, 100, 95, 80, 100]);
        assert_eq!(
            BenefitLevel::new(0),
            Err(IdError::BenefitLevelOutOfRange(0))
        );
        assert_eq!(
            BenefitLevel::new(6),
            Err(IdError::BenefitLevelOutOfRange(6))
        );
    }

    #[test]
    fn insurance_lookup_accepts_three_forms() {
        let check = |input: &str, expected: Result<InsuranceLookup, IdError>| {
            assert_eq!(InsuranceLookup::parse(input), expected, "{input:?}");
        };
        check(
            "HC4-01-0123456789",
            Ok(InsuranceLookup::Card(
                BhytCard::parse("HC4010123456789").unwrap(),
            )),
        );
        check(
            "01 2345 6789",
            Ok(InsuranceLookup::SocialInsurance(
                BhxhNumber::parse("0123456789").unwrap(),
            )),
        );
        check(
            "079203001234",
            Ok(InsuranceLookup::PersonalId(
                Cccd::parse("079203001234").unwrap(),
            )),
        );
        check(
            "0123456789A",
            Err(IdError::WrongLength {
                expected: "10, 12 hoặc 15",
                found: 11,
            }),
        );
        check("01234567AB", Err(IdError::NotDigits));
        check("HC9010123456789", Err(IdError::BenefitLevelOutOfRange(9)));
        check("", Err(IdError::Empty));
    }

    #[test]
    fn facility_code_table() {
        let check = |input: &str, expected: Result<&str, IdError>| {
            let got = FacilityCode::parse(input);
            assert_eq!(
                got.map(|id| id.as_str().to_owned()),
                expected.map(str::to_owned),
                "{input:?}"
            );
        };
        check("01001", Ok("01001"));
        check("79-024", Ok("79024"));
        check(
            "0100",
            Err(IdError::WrongLength {
                expected: "5",
                found: 4,
            }),
        );
        check(
            "010011",
            Err(IdError::WrongLength {
                expected: "5",
                found: 6,
            }),
        );
        assert_eq!(
            FacilityCode::parse("79024").unwrap().province_code(),
            Some("79")
        );
    }

    #[test]
    fn serde_validates() {
        let card: BhytCard = serde_json::from_str("\"HC4-01-0123456789\"").unwrap();
        assert_eq!(serde_json::to_string(&card).unwrap(), "\"HC4010123456789\"");
        assert!(serde_json::from_str::<Cccd>("\"123\"").is_err());
    }

    #[test]
    fn every_error_has_a_code_and_both_languages() {
        let errors = [
            IdError::Empty,
            IdError::InvalidCharacter('x'),
            IdError::WrongLength {
                expected: "12",
                found: 3,
            },
            IdError::NotDigits,
            IdError::BadGroup,
            IdError::BenefitLevelOutOfRange(7),
        ];
        for e in errors {
            assert!(!e.code().is_empty());
            assert!(!e.message_vi().is_empty() && !e.message_en().is_empty());
            assert_ne!(e.message_vi(), e.message_en());
        }
    }
}
