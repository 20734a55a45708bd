//! Plausibility checks for what a citizen declares about themselves (stage 2 of the national
//! plan): ranges, units, dates, text lengths. The edge runs them before anything is written;
//! the frontend may run the same checks to answer before the round trip.
//!
//! Ranges are deliberately wide (they catch typos such as 1700 cm or 12/8 mmHg, not unusual
//! people); anything outside them is refused with a sentence saying what is allowed.

use crate::date::IsoDate;
use crate::dto::book::{GlucoseUnit, SelfReport, SelfReportItem};

/// Items accepted in one report.
pub const MAX_ITEMS: usize = 10;

/// Why a declared value is refused: a stable machine code and a bilingual sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    /// `implausible_value`, `future_date`, `before_birth`, `bad_time`, `bad_text`,
    /// `bad_code`, `no_items`, `too_many_items`.
    pub code: &'static str,
    pub vi: String,
    pub en: String,
}

impl Invalid {
    fn new(code: &'static str, vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            code,
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// "Vietnamese / English", the shape of every error message.
    pub fn message(&self) -> String {
        format!("{} / {}", self.vi, self.en)
    }
}

/// The moment of the check, in Vietnam: today and the minute of the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Now {
    pub today: IsoDate,
    pub minute: u32,
}

/// A numeric bound with its words for messages.
struct Bound {
    min: f64,
    max: f64,
    vi: &'static str,
    en: &'static str,
    unit: &'static str,
}

const SYSTOLIC: Bound = Bound {
    min: 60.0,
    max: 260.0,
    vi: "Huyết áp tâm thu",
    en: "Systolic blood pressure",
    unit: "mmHg",
};
const DIASTOLIC: Bound = Bound {
    min: 30.0,
    max: 160.0,
    vi: "Huyết áp tâm trương",
    en: "Diastolic blood pressure",
    unit: "mmHg",
};
const PULSE: Bound = Bound {
    min: 30.0,
    max: 220.0,
    vi: "Mạch",
    en: "Pulse",
    unit: "lần/phút",
};
const WEIGHT: Bound = Bound {
    min: 0.5,
    max: 350.0,
    vi: "Cân nặng",
    en: "Weight",
    unit: "kg",
};
const HEIGHT: Bound = Bound {
    min: 30.0,
    max: 250.0,
    vi: "Chiều cao",
    en: "Height",
    unit: "cm",
};
const GLUCOSE: Bound = Bound {
    min: 1.0,
    max: 35.0,
    vi: "Đường huyết",
    en: "Blood glucose",
    unit: "mmol/L",
};
const GLUCOSE_MG: Bound = Bound {
    min: 18.0,
    max: 630.0,
    vi: "Đường huyết",
    en: "Blood glucose",
    unit: "mg/dL",
};
const PER_DAY: Bound = Bound {
    min: 0.0,
    max: 100.0,
    vi: "Số điếu thuốc mỗi ngày",
    en: "Cigarettes per day",
    unit: "điếu",
};
const DRINKS: Bound = Bound {
    min: 0.0,
    max: 30.0,
    vi: "Số đơn vị rượu bia mỗi ngày",
    en: "Standard drinks per day",
    unit: "đơn vị",
};
const ACTIVITY: Bound = Bound {
    min: 0.0,
    max: 7.0,
    vi: "Số ngày vận động mỗi tuần",
    en: "Active days per week",
    unit: "ngày",
};
const ONSET_AGE: Bound = Bound {
    min: 0.0,
    max: 120.0,
    vi: "Tuổi khởi phát",
    en: "Age at onset",
    unit: "tuổi",
};

fn check(b: &Bound, value: f64) -> Result<(), Invalid> {
    if value.is_finite() && value >= b.min && value <= b.max {
        return Ok(());
    }
    // `Display` for f64 prints 60.0 as "60" and 0.5 as "0.5".
    let (min, max) = (b.min.to_string(), b.max.to_string());
    Err(Invalid::new(
        "implausible_value",
        format!(
            "{} phải từ {} đến {} {}. Vui lòng kiểm tra lại số đã nhập.",
            b.vi,
            min.replace('.', ","),
            max.replace('.', ","),
            b.unit
        ),
        format!(
            "{} must be between {min} and {max} {}. Please check the number you entered.",
            b.en, b.unit
        ),
    ))
}

/// Checks a measurement's day and time: not in the future, not before birth.
fn check_when(
    date: Option<IsoDate>,
    time: Option<&str>,
    now: Now,
    birth: Option<IsoDate>,
) -> Result<(), Invalid> {
    let minute = match time {
        None => None,
        Some(t) => Some(parse_time(t).ok_or_else(|| {
            Invalid::new(
                "bad_time",
                "Giờ đo phải có dạng giờ:phút, ví dụ 07:30.",
                "The time must be hours:minutes, for example 07:30.",
            )
        })?),
    };
    let day = date.unwrap_or(now.today);
    let future = day > now.today || (day == now.today && minute.is_some_and(|m| m > now.minute));
    if future {
        return Err(Invalid::new(
            "future_date",
            "Ngày giờ đo không được ở tương lai.",
            "The date and time of a measurement cannot be in the future.",
        ));
    }
    if birth.is_some_and(|b| day < b) {
        return Err(Invalid::new(
            "before_birth",
            "Ngày đo không được trước ngày sinh.",
            "The date of a measurement cannot be before the date of birth.",
        ));
    }
    Ok(())
}

/// `"HH:MM"` (24-hour) → minutes after midnight.
pub fn parse_time(text: &str) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// Trimmed text of `min..=max` characters with no control characters.
fn check_text(text: &str, min: usize, max: usize, vi: &str, en: &str) -> Result<(), Invalid> {
    let trimmed = text.trim();
    let count = trimmed.chars().count();
    if count < min || count > max || trimmed.chars().any(char::is_control) {
        return Err(Invalid::new(
            "bad_text",
            format!("{vi} phải có từ {min} đến {max} ký tự."),
            format!("{en} must be {min} to {max} characters long."),
        ));
    }
    Ok(())
}

/// An ICD-10 code as facilities write it: a letter, two digits, optionally a dot and 1–2
/// characters (`I10`, `E11.9`, `C50.91`).
pub fn is_icd10(code: &str) -> bool {
    let b = code.as_bytes();
    let head = b.len() >= 3
        && b[0].is_ascii_uppercase()
        && b[1].is_ascii_digit()
        && (b[2].is_ascii_digit() || b[2] == b'A' || b[2] == b'B');
    let tail = match &code.get(3..) {
        Some("") => true,
        Some(rest) => {
            rest.len() >= 2
                && rest.len() <= 3
                && rest.starts_with('.')
                && rest[1..].bytes().all(|c| c.is_ascii_alphanumeric())
        }
        None => false,
    };
    head && tail
}

/// Glucose in mmol/L from a value in `unit`.
pub fn glucose_mmol(value: f64, unit: Option<GlucoseUnit>) -> f64 {
    match unit {
        Some(GlucoseUnit::MgDl) => value / 18.0,
        _ => value,
    }
}

/// Checks one item for a person born on `birth` (when known).
pub fn check_item(item: &SelfReportItem, now: Now, birth: Option<IsoDate>) -> Result<(), Invalid> {
    match item {
        SelfReportItem::BloodPressure {
            systolic,
            diastolic,
            pulse,
            date,
            time,
        } => {
            check(&SYSTOLIC, *systolic)?;
            check(&DIASTOLIC, *diastolic)?;
            if let Some(p) = pulse {
                check(&PULSE, *p)?;
            }
            if systolic <= diastolic {
                return Err(Invalid::new(
                    "implausible_value",
                    "Huyết áp tâm thu (số trên) phải lớn hơn huyết áp tâm trương (số dưới).",
                    "Systolic pressure (the upper number) must be higher than diastolic (the lower number).",
                ));
            }
            check_when(*date, time.as_deref(), now, birth)
        }
        SelfReportItem::Weight { value, date, time } => {
            check(&WEIGHT, *value)?;
            check_when(*date, time.as_deref(), now, birth)
        }
        SelfReportItem::Height { value, date, time } => {
            check(&HEIGHT, *value)?;
            check_when(*date, time.as_deref(), now, birth)
        }
        SelfReportItem::Glucose {
            value,
            unit,
            date,
            time,
            ..
        } => {
            match unit {
                Some(GlucoseUnit::MgDl) => check(&GLUCOSE_MG, *value)?,
                _ => check(&GLUCOSE, *value)?,
            }
            check_when(*date, time.as_deref(), now, birth)
        }
        SelfReportItem::BloodGroup { .. } => Ok(()),
        SelfReportItem::Allergy {
            substance,
            reaction,
            ..
        } => {
            check_text(substance, 2, 120, "Tên chất gây dị ứng", "The allergen")?;
            match reaction {
                Some(r) if !r.trim().is_empty() => {
                    check_text(r, 2, 200, "Mô tả phản ứng", "The reaction")
                }
                _ => Ok(()),
            }
        }
        SelfReportItem::FamilyHistory {
            condition,
            code,
            onset_age,
            ..
        } => {
            check_text(condition, 2, 120, "Tên bệnh", "The condition")?;
            if let Some(code) = code.as_deref().filter(|c| !c.trim().is_empty())
                && !is_icd10(code.trim())
            {
                return Err(Invalid::new(
                    "bad_code",
                    "Mã bệnh phải là mã ICD-10, ví dụ I10 hoặc E11.9.",
                    "The condition code must be an ICD-10 code, for example I10 or E11.9.",
                ));
            }
            match onset_age {
                Some(age) => check(&ONSET_AGE, f64::from(*age)),
                None => Ok(()),
            }
        }
        SelfReportItem::Tobacco { per_day, .. } => match per_day {
            Some(n) => check(&PER_DAY, *n),
            None => Ok(()),
        },
        SelfReportItem::Alcohol { drinks_per_day } => check(&DRINKS, *drinks_per_day),
        SelfReportItem::PhysicalActivity { days_per_week } => {
            check(&ACTIVITY, f64::from(*days_per_week))
        }
        SelfReportItem::OccupationalExposure { description } => check_text(
            description,
            2,
            200,
            "Mô tả yếu tố tiếp xúc nghề nghiệp",
            "The occupational exposure",
        ),
    }
}

/// Checks a whole report. The first problem is reported, prefixed with its item number when
/// there are several items.
pub fn check_report(report: &SelfReport, now: Now, birth: Option<IsoDate>) -> Result<(), Invalid> {
    if report.items.is_empty() {
        return Err(Invalid::new(
            "no_items",
            "Chưa có thông tin nào để lưu.",
            "There is nothing to save.",
        ));
    }
    if report.items.len() > MAX_ITEMS {
        return Err(Invalid::new(
            "too_many_items",
            format!("Mỗi lần chỉ lưu được tối đa {MAX_ITEMS} mục."),
            format!("At most {MAX_ITEMS} items can be saved at once."),
        ));
    }
    for (n, item) in report.items.iter().enumerate() {
        check_item(item, now, birth).map_err(|mut e| {
            if report.items.len() > 1 {
                e.vi = format!("Mục {}: {}", n + 1, e.vi);
                e.en = format!("Item {}: {}", n + 1, e.en);
            }
            e
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dto::AllergyCategory;
    use crate::dto::book::{AboGroup, FamilyRelation, TobaccoStatus};

    fn now() -> Now {
        Now {
            today: IsoDate::new(2026, 11, 23).unwrap(),
            minute: 9 * 60,
        }
    }

    fn birth() -> Option<IsoDate> {
        IsoDate::new(1955, 3, 12)
    }

    fn bp(s: f64, d: f64) -> SelfReportItem {
        SelfReportItem::BloodPressure {
            systolic: s,
            diastolic: d,
            pulse: None,
            date: None,
            time: None,
        }
    }

    fn code_of(item: SelfReportItem) -> Option<&'static str> {
        check_item(&item, now(), birth()).err().map(|e| e.code)
    }

    #[test]
    fn ranges() {
        let weight = |v: f64| SelfReportItem::Weight {
            value: v,
            date: None,
            time: None,
        };
        let height = |v: f64| SelfReportItem::Height {
            value: v,
            date: None,
            time: None,
        };
        let glucose = |v: f64, unit: Option<GlucoseUnit>| SelfReportItem::Glucose {
            value: v,
            unit,
            fasting: Some(true),
            date: None,
            time: None,
        };
        for (item, expected) in [
            (bp(135.0, 85.0), None),
            (bp(60.0, 30.0), None),
            (bp(261.0, 85.0), Some("implausible_value")),
            (bp(120.0, 20.0), Some("implausible_value")),
            (bp(80.0, 90.0), Some("implausible_value")),
            (bp(f64::NAN, 80.0), Some("implausible_value")),
            (weight(61.5), None),
            (weight(0.4), Some("implausible_value")),
            (weight(615.0), Some("implausible_value")),
            (height(160.0), None),
            (height(1600.0), Some("implausible_value")),
            (glucose(6.1, None), None),
            (glucose(110.0, Some(GlucoseUnit::MgDl)), None),
            (
                glucose(110.0, Some(GlucoseUnit::MmolL)),
                Some("implausible_value"),
            ),
            (glucose(0.5, None), Some("implausible_value")),
            (
                SelfReportItem::Alcohol {
                    drinks_per_day: 31.0,
                },
                Some("implausible_value"),
            ),
            (
                SelfReportItem::PhysicalActivity { days_per_week: 8 },
                Some("implausible_value"),
            ),
            (SelfReportItem::PhysicalActivity { days_per_week: 7 }, None),
            (
                SelfReportItem::Tobacco {
                    status: TobaccoStatus::Current,
                    per_day: Some(10.0),
                },
                None,
            ),
            (
                SelfReportItem::BloodGroup {
                    abo: AboGroup::O,
                    rh: None,
                },
                None,
            ),
        ] {
            let label = format!("{item:?}");
            assert_eq!(code_of(item), expected, "{label}");
        }
    }

    #[test]
    fn messages_are_bilingual_and_say_what_is_allowed() {
        let e = check_item(&bp(300.0, 80.0), now(), birth()).unwrap_err();
        assert_eq!(
            e.vi,
            "Huyết áp tâm thu phải từ 60 đến 260 mmHg. Vui lòng kiểm tra lại số đã nhập."
        );
        assert!(e.en.starts_with("Systolic blood pressure must be between 60 and 260 mmHg."));
        assert!(e.message().contains(" / "));
        let e = check_item(
            &SelfReportItem::Weight {
                value: 0.1,
                date: None,
                time: None,
            },
            now(),
            birth(),
        )
        .unwrap_err();
        assert!(e.vi.contains("từ 0,5 đến 350 kg"), "{}", e.vi);
    }

    #[test]
    fn dates_and_times() {
        let at = |date: Option<&str>, time: Option<&str>| SelfReportItem::Weight {
            value: 60.0,
            date: date.and_then(IsoDate::parse),
            time: time.map(str::to_owned),
        };
        for (item, expected) in [
            (at(None, None), None),
            (at(Some("2026-11-23"), Some("08:59")), None),
            (at(Some("2026-11-23"), Some("09:00")), None),
            (at(Some("2026-11-23"), Some("09:01")), Some("future_date")),
            (at(Some("2026-11-24"), None), Some("future_date")),
            (at(Some("2026-11-22"), Some("23:59")), None),
            (at(Some("1955-03-11"), None), Some("before_birth")),
            (at(None, Some("7:30")), None),
            (at(None, Some("24:00")), Some("bad_time")),
            (at(None, Some("08:5")), Some("bad_time")),
            (at(None, Some("sáng")), Some("bad_time")),
        ] {
            let label = format!("{item:?}");
            assert_eq!(code_of(item), expected, "{label}");
        }
        assert_eq!(parse_time("07:30"), Some(450));
        assert_eq!(parse_time("23:59"), Some(1439));
    }

    #[test]
    fn texts_and_codes() {
        let allergy = |s: &str, r: Option<&str>| SelfReportItem::Allergy {
            substance: s.into(),
            category: AllergyCategory::Medication,
            severe: Some(true),
            reaction: r.map(str::to_owned),
        };
        let family =
            |c: &str, code: Option<&str>, age: Option<u32>| SelfReportItem::FamilyHistory {
                relation: FamilyRelation::Father,
                condition: c.into(),
                code: code.map(str::to_owned),
                onset_age: age,
            };
        for (item, expected) in [
            (allergy("Penicillin", Some("Phát ban")), None),
            (allergy("Penicillin", Some("")), None),
            (allergy(" ", None), Some("bad_text")),
            (allergy(&"x".repeat(121), None), Some("bad_text")),
            (allergy("Tôm\u{0007}", None), Some("bad_text")),
            (family("Tăng huyết áp", Some("I10"), Some(55)), None),
            (family("Đái tháo đường", Some("E11.9"), None), None),
            (
                family("Đái tháo đường", Some("E11,9"), None),
                Some("bad_code"),
            ),
            (family("Ung thư", Some("cancer"), None), Some("bad_code")),
            (family("Hen", None, Some(121)), Some("implausible_value")),
            (
                SelfReportItem::OccupationalExposure {
                    description: "Bụi silic".into(),
                },
                None,
            ),
        ] {
            let label = format!("{item:?}");
            assert_eq!(code_of(item), expected, "{label}");
        }
        for (code, ok) in [
            ("I10", true),
            ("E11", true),
            ("E11.9", true),
            ("C50.91", true),
            ("U07.1", true),
            ("i10", false),
            ("I1", false),
            ("I10.", false),
            ("I10.1234", false),
            ("", false),
        ] {
            assert_eq!(is_icd10(code), ok, "{code}");
        }
    }

    #[test]
    fn reports() {
        let empty = SelfReport { items: vec![] };
        assert_eq!(
            check_report(&empty, now(), birth()).unwrap_err().code,
            "no_items"
        );
        let many = SelfReport {
            items: vec![bp(120.0, 80.0); 11],
        };
        assert_eq!(
            check_report(&many, now(), birth()).unwrap_err().code,
            "too_many_items"
        );
        let second_bad = SelfReport {
            items: vec![bp(120.0, 80.0), bp(20.0, 10.0)],
        };
        let e = check_report(&second_bad, now(), birth()).unwrap_err();
        assert!(e.vi.starts_with("Mục 2: ") && e.en.starts_with("Item 2: "));
        assert!(
            check_report(
                &SelfReport {
                    items: vec![bp(120.0, 80.0)]
                },
                now(),
                birth()
            )
            .is_ok()
        );
        assert!((glucose_mmol(126.0, Some(GlucoseUnit::MgDl)) - 7.0).abs() < 1e-9);
    }
}
