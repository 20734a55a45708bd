//! Small pure rules of the health book: card validity, ages, BMI, check-up classification.

use crate::date::IsoDate;
use crate::dto::book::{BirthTerm, CardStatus, ReferenceRange};

/// Days before expiry from which a BHYT card is "expiring soon".
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// A card's status on `today`, and the days left until its expiry (negative once expired).
pub fn card_status(
    valid_from: Option<IsoDate>,
    expires: Option<IsoDate>,
    today: IsoDate,
) -> (CardStatus, Option<i64>) {
    let days = expires.map(|e| e.days_since_epoch() - today.days_since_epoch());
    let status = match (valid_from, days) {
        (Some(from), _) if today < from => CardStatus::NotYetValid,
        (_, Some(d)) if d < 0 => CardStatus::Expired,
        (_, Some(d)) if d <= EXPIRY_WARNING_DAYS => CardStatus::ExpiringSoon,
        _ => CardStatus::Valid,
    };
    (status, days)
}

/// Body mass index from kg and cm, rounded to one decimal; `None` for impossible inputs.
pub fn bmi(weight_kg: f64, height_cm: f64) -> Option<f64> {
    if !(weight_kg > 0.0 && height_cm > 0.0 && weight_kg.is_finite() && height_cm.is_finite()) {
        return None;
    }
    let m = height_cm / 100.0;
    Some((weight_kg / (m * m) * 10.0).round() / 10.0)
}

/// The adult BMI range (WHO; Vietnamese check-up conclusions use ≥ 25 for overweight).
pub const ADULT_BMI: (f64, f64) = (18.5, 24.9);

/// The BMI reference range for someone `age` years old: adults only (children are judged on
/// growth charts by age and sex, which a single band cannot show).
pub fn bmi_range(age: Option<i32>) -> Option<ReferenceRange> {
    (age? >= 18).then_some(ReferenceRange {
        low: Some(ADULT_BMI.0),
        high: Some(ADULT_BMI.1),
        text: None,
    })
}

/// Term from completed weeks of gestation.
pub fn birth_term(weeks: f64) -> Option<BirthTerm> {
    if !(20.0..=45.0).contains(&weeks) {
        return None;
    }
    Some(if weeks < 37.0 {
        BirthTerm::Preterm
    } else if weeks > 41.9 {
        BirthTerm::PostTerm
    } else {
        BirthTerm::Term
    })
}

/// The health classification (I–V) a check-up conclusion states ("Phân loại sức khỏe: Loại
/// II."; also "Loại 2", "loại III").
pub fn checkup_classification(conclusion: &str) -> Option<String> {
    let lower = conclusion.to_lowercase();
    lower.match_indices("loại ").find_map(|(at, word)| {
        let word: String = lower[at + word.len()..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let roman = match word.as_str() {
            "i" | "1" => "I",
            "ii" | "2" => "II",
            "iii" | "3" => "III",
            "iv" | "4" => "IV",
            "v" | "5" => "V",
            _ => return None,
        };
        Some(roman.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> IsoDate {
        IsoDate::parse(s).unwrap()
    }

    #[test]
    fn card_statuses() {
        let today = d("2026-11-23");
        for (from, to, status, days) in [
            (
                Some("2026-01-01"),
                Some("2026-12-31"),
                CardStatus::Valid,
                Some(38),
            ),
            (
                Some("2026-01-01"),
                Some("2026-12-23"),
                CardStatus::ExpiringSoon,
                Some(30),
            ),
            (
                Some("2026-01-01"),
                Some("2026-11-23"),
                CardStatus::ExpiringSoon,
                Some(0),
            ),
            (
                Some("2026-01-01"),
                Some("2026-11-22"),
                CardStatus::Expired,
                Some(-1),
            ),
            (
                Some("2026-12-01"),
                Some("2027-11-30"),
                CardStatus::NotYetValid,
                Some(372),
            ),
            (None, None, CardStatus::Valid, None),
        ] {
            assert_eq!(
                card_status(from.map(d), to.map(d), today),
                (status, days),
                "{from:?}–{to:?}"
            );
        }
    }

    #[test]
    fn bmi_and_ranges() {
        assert_eq!(bmi(61.5, 160.0), Some(24.0));
        assert_eq!(bmi(70.0, 175.0), Some(22.9));
        assert_eq!(bmi(0.0, 160.0), None);
        assert_eq!(bmi(60.0, f64::NAN), None);
        assert!(bmi_range(Some(30)).is_some());
        assert!(bmi_range(Some(7)).is_none());
        assert!(bmi_range(None).is_none());
    }

    #[test]
    fn terms() {
        for (weeks, term) in [
            (39.0, Some(BirthTerm::Term)),
            (37.0, Some(BirthTerm::Term)),
            (36.9, Some(BirthTerm::Preterm)),
            (42.0, Some(BirthTerm::PostTerm)),
            (5.0, None),
        ] {
            assert_eq!(birth_term(weeks), term, "{weeks}");
        }
    }

    #[test]
    fn classifications() {
        for (text, expected) in [
            (
                "Phân loại sức khỏe: Loại II. Chưa phát hiện bất thường.",
                Some("II"),
            ),
            ("Phân loại sức khỏe: Loại I.", Some("I")),
            ("Sức khỏe loại 3", Some("III")),
            (
                "Phân loại sức khỏe: Loại IV. Bệnh đang điều trị: tăng huyết áp.",
                Some("IV"),
            ),
            ("Chưa phát hiện bất thường.", None),
            ("Loại X", None),
        ] {
            assert_eq!(checkup_classification(text).as_deref(), expected, "{text}");
        }
    }
}
