//! Pure presentation logic: how numbers, identifiers, ages and card validity are shown.
//!
//! Nothing here touches the browser, so it is tested natively (`cargo test -p frontend`).
//! Numbers are formatted with integer arithmetic on purpose: Rust's float formatting machinery
//! costs kilobytes of wasm, and the book only ever shows one or two decimals.

use crate::i18n::Lang;
use shared::date::IsoDate;
use shared::dto::{Allergy, AllergyCategory, Criticality, FacilityRef, Measurement};
use shared::id::BhytCard;

/// Days before the end of a BHYT card from which the book warns about it.
pub const CARD_WARNING_DAYS: i64 = 30;

/// Height and weight further apart than this are not combined into a BMI: a child's old height
/// with a new weight (or the reverse) gives a number that means nothing.
pub const BMI_MAX_DAYS_APART: i64 = 365;

/// A 12-digit personal ID in groups of three, as people read it aloud: `079 203 001 234`.
/// Anything else is shown as recorded.
pub fn cccd_grouped(cccd: &str) -> String {
    if cccd.len() != 12 || !cccd.bytes().all(|b| b.is_ascii_digit()) {
        return cccd.to_owned();
    }
    let mut out = String::with_capacity(15);
    for (i, c) in cccd.chars().enumerate() {
        if i > 0 && i % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A BHYT card number grouped as printed on the card (`HC 4 01 0123456789`); numbers of
/// another shape (the 10-digit BHXH number of newer cards) are shown as recorded.
pub fn bhyt_grouped(number: &str) -> String {
    BhytCard::parse(number)
        .map(|card| card.display_grouped())
        .unwrap_or_else(|_| number.to_owned())
}

/// "Trạm Y tế Phường Bến Nghé (79001)".
pub fn facility_label(facility: &FacilityRef) -> String {
    match &facility.code {
        Some(code) => format!("{} ({code})", facility.name),
        None => facility.name.clone(),
    }
}

/// How old someone is, the way it is said: months for babies, years after that.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Age {
    Months(i32),
    Years(i32),
}

/// The age on `today` of someone born on `birth`; `None` for a birth date in the future.
pub fn age_on(birth: IsoDate, today: IsoDate) -> Option<Age> {
    if birth > today {
        return None;
    }
    let years = birth.years_until(today);
    if years >= 2 {
        return Some(Age::Years(years));
    }
    let mut months =
        (today.year() - birth.year()) * 12 + i32::from(today.month()) - i32::from(birth.month());
    if today.day() < birth.day() {
        months -= 1;
    }
    Some(Age::Months(months))
}

/// Where a BHYT card stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardValidity {
    /// Valid, and not ending within [`CARD_WARNING_DAYS`] (or no end date recorded).
    Valid,
    /// Its validity starts later.
    NotYetValid,
    /// Its last valid day is `days_left` days away (0 = today).
    EndingSoon { days_left: i64 },
    /// Its last valid day has passed.
    Expired,
}

/// A card is valid through its `expires` date inclusive.
pub fn card_validity(
    valid_from: Option<IsoDate>,
    expires: Option<IsoDate>,
    today: IsoDate,
) -> CardValidity {
    if let Some(end) = expires {
        let days_left = end.days_since_epoch() - today.days_since_epoch();
        if days_left < 0 {
            return CardValidity::Expired;
        }
        if valid_from.is_some_and(|from| from > today) {
            return CardValidity::NotYetValid;
        }
        if days_left <= CARD_WARNING_DAYS {
            return CardValidity::EndingSoon { days_left };
        }
        return CardValidity::Valid;
    }
    if valid_from.is_some_and(|from| from > today) {
        CardValidity::NotYetValid
    } else {
        CardValidity::Valid
    }
}

/// `value` with at most `decimals` fraction digits, trailing zeros dropped, with the decimal
/// mark of the language (Vietnamese writes `58,5`, English `58.5`).
pub fn decimal(value: f64, decimals: u32, lang: Lang) -> String {
    let scale = 10_i64.pow(decimals);
    let scaled = (value * scale as f64).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let scaled = scaled.abs();
    let (whole, mut frac) = (scaled / scale, scaled % scale);
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let mut width = decimals as usize;
    while frac % 10 == 0 {
        frac /= 10;
        width -= 1;
    }
    let mark = match lang {
        Lang::Vi => ',',
        Lang::En => '.',
    };
    format!("{sign}{whole}{mark}{frac:0width$}")
}

/// A UCUM unit as people write it (`mm[Hg]` → `mmHg`).
pub fn unit_label(ucum: &str) -> &str {
    match ucum {
        "mm[Hg]" => "mmHg",
        "[in_i]" => "in",
        "[lb_av]" => "lb",
        "kg/m2" => "kg/m²",
        other => other,
    }
}

/// "165 cm", "58,5 kg".
pub fn measurement(m: &Measurement, lang: Lang) -> String {
    format!("{} {}", decimal(m.value, 1, lang), unit_label(&m.unit))
}

/// "120/80 mmHg".
pub fn blood_pressure(systolic: f64, diastolic: f64) -> String {
    format!(
        "{}/{} mmHg",
        decimal(systolic, 0, Lang::En),
        decimal(diastolic, 0, Lang::En)
    )
}

fn metres(value: f64, unit: &str) -> Option<f64> {
    match unit {
        "cm" => Some(value / 100.0),
        "m" => Some(value),
        "mm" => Some(value / 1000.0),
        "[in_i]" => Some(value * 0.0254),
        _ => None,
    }
}

fn kilograms(value: f64, unit: &str) -> Option<f64> {
    match unit {
        "kg" => Some(value),
        "g" => Some(value / 1000.0),
        "[lb_av]" => Some(value * 0.453_592_37),
        _ => None,
    }
}

/// Body mass index (kg/m²) from a height and a weight, when their units are known, the result
/// is humanly possible, and they were measured close enough in time to belong together.
pub fn bmi(height: &Measurement, weight: &Measurement) -> Option<f64> {
    if let (Some(h), Some(w)) = (height.source.date, weight.source.date)
        && (h.days_since_epoch() - w.days_since_epoch()).abs() > BMI_MAX_DAYS_APART
    {
        return None;
    }
    let m = metres(height.value, &height.unit)?;
    let kg = kilograms(weight.value, &weight.unit)?;
    if !(0.3..=2.6).contains(&m) || !(0.5..=400.0).contains(&kg) {
        return None;
    }
    let bmi = kg / (m * m);
    (5.0..=150.0).contains(&bmi).then_some(bmi)
}

/// Allergies in the order a clinician needs them: drug allergies first, then the dangerous
/// ones, otherwise as recorded.
pub fn allergies_in_order(allergies: &[Allergy]) -> Vec<Allergy> {
    // Four passes over a handful of items instead of a sort: the standard library's stable
    // sort is kilobytes of wasm.
    let rank = |a: &Allergy| {
        2 * u8::from(a.category != AllergyCategory::Medication)
            + u8::from(a.criticality != Criticality::High)
    };
    (0..4)
        .flat_map(|r| allergies.iter().filter(move |a| rank(a) == r).cloned())
        .collect()
}

/// A number as people type it on a phone: `58,5` (Vietnamese comma) or `58.5`, spaces
/// around it ignored. Thousands separators are not accepted: "1.250" would be ambiguous.
pub fn parse_decimal(input: &str) -> Option<f64> {
    let text = input.trim().replace(',', ".");
    if text.is_empty()
        || text.matches('.').count() > 1
        || !text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    {
        return None;
    }
    text.parse().ok()
}

/// Fraction digits worth showing for a series (0–2): as many as its values carry.
pub fn decimals_needed(values: impl IntoIterator<Item = f64>) -> u32 {
    let mut needed = 0;
    for v in values {
        while needed < 2 {
            let scaled = v * 10_f64.powi(needed as i32);
            if (scaled - scaled.round()).abs() < 1e-6 {
                break;
            }
            needed += 1;
        }
    }
    needed
}

/// A reference range as a lab sheet prints it: "3,9 – 6,4", "< 5,2", "> 0,9".
pub fn range_text(
    low: Option<f64>,
    high: Option<f64>,
    decimals: u32,
    lang: Lang,
) -> Option<String> {
    match (low, high) {
        (Some(l), Some(h)) => Some(format!(
            "{} – {}",
            decimal(l, decimals, lang),
            decimal(h, decimals, lang)
        )),
        (None, Some(h)) => Some(format!("≤ {}", decimal(h, decimals, lang))),
        (Some(l), None) => Some(format!("≥ {}", decimal(l, decimals, lang))),
        (None, None) => None,
    }
}

/// The half of a "Vietnamese / English" server message that matches `lang`.
pub fn message_in(message: &str, lang: Lang) -> &str {
    match (message.split_once(" / "), lang) {
        (Some((vi, _)), Lang::Vi) => vi.trim(),
        (Some((_, en)), Lang::En) => en.trim(),
        (None, _) => message.trim(),
    }
}

// ---- Booking ----

/// A full hold, in milliseconds (the edge's `seconds_left` is the truth for each hold).
pub const HOLD_MS: f64 = shared::dto::booking::HOLD_SECONDS as f64 * 1000.0;

/// A countdown as people read it: `4:05`, `0:09`; never negative.
pub fn countdown(ms_left: f64) -> String {
    let seconds = (ms_left.max(0.0) / 1000.0).ceil() as u32;
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// The moments a hold's remaining time is worth saying aloud to a screen-reader user: once a
/// minute, then at half a minute, then when it is over. Announcing every second would drown
/// out the form they are filling in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HoldLeft {
    /// Whole minutes left, rounded up (5 at the start).
    Minutes(u8),
    /// 30 seconds or less.
    HalfMinute,
    Over,
}

pub fn hold_left(ms_left: f64) -> HoldLeft {
    let seconds = (ms_left / 1000.0).ceil() as i64;
    match seconds {
        s if s <= 0 => HoldLeft::Over,
        s if s <= 30 => HoldLeft::HalfMinute,
        s => HoldLeft::Minutes(((s + 59) / 60).min(99) as u8),
    }
}

/// Day of the week, 0 = Monday … 6 = Sunday.
pub fn weekday(date: IsoDate) -> u8 {
    // 1970-01-01 was a Thursday (3).
    (date.days_since_epoch() + 3).rem_euclid(7) as u8
}

/// "Thứ Tư, 25/11" / "Wed 25/11": how a day is named on a date chip.
pub fn day_label(date: IsoDate, lang: Lang) -> String {
    const VI: [&str; 7] = [
        "Thứ Hai",
        "Thứ Ba",
        "Thứ Tư",
        "Thứ Năm",
        "Thứ Sáu",
        "Thứ Bảy",
        "Chủ Nhật",
    ];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let name = match lang {
        Lang::Vi => VI,
        Lang::En => EN,
    }[usize::from(weekday(date))];
    let sep = match lang {
        Lang::Vi => ", ",
        Lang::En => " ",
    };
    format!("{name}{sep}{:02}/{:02}", date.day(), date.month())
}

/// An amount in đồng, grouped the Vietnamese way: `50.600 đ`.
pub fn vnd(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::with_capacity(digits.len() + 6);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out.push_str(" đ");
    out
}

/// The edge's SVG as an `<img src>`: a `data:` URL (the CSP allows `img-src data:`; inline
/// SVG markup would need `innerHTML`, which we never use for server text).
pub fn svg_data_url(svg: &str) -> String {
    format!("data:image/svg+xml,{}", crate::route::encode_component(svg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::dto::Provenance;

    #[test]
    fn typed_numbers() {
        let check = |input: &str, expected: Option<f64>| {
            assert_eq!(parse_decimal(input), expected, "{input:?}");
        };
        check("120", Some(120.0));
        check(" 58,5 ", Some(58.5));
        check("58.5", Some(58.5));
        check("0,25", Some(0.25));
        check("", None);
        check("1.250,5", None);
        check("12a", None);
        check("-5", None);
        check("1e3", None);
    }

    #[test]
    fn decimals_follow_the_values() {
        assert_eq!(decimals_needed([120.0, 135.0]), 0);
        assert_eq!(decimals_needed([58.5, 60.0]), 1);
        assert_eq!(decimals_needed([1.23, 4.5]), 2);
        assert_eq!(decimals_needed([0.333_333]), 2);
        assert_eq!(decimals_needed([]), 0);
    }

    #[test]
    fn ranges_read_like_a_lab_sheet() {
        assert_eq!(
            range_text(Some(3.9), Some(6.4), 1, Lang::Vi).as_deref(),
            Some("3,9 – 6,4")
        );
        assert_eq!(
            range_text(None, Some(5.2), 1, Lang::En).as_deref(),
            Some("≤ 5.2")
        );
        assert_eq!(
            range_text(Some(0.9), None, 1, Lang::Vi).as_deref(),
            Some("≥ 0,9")
        );
        assert_eq!(range_text(None, None, 1, Lang::Vi), None);
    }

    fn date(s: &str) -> IsoDate {
        IsoDate::parse(s).unwrap()
    }

    fn measured(value: f64, unit: &str, on: Option<&str>) -> Measurement {
        Measurement {
            value,
            unit: unit.into(),
            source: Provenance {
                date: on.map(date),
                facility: None,
                self_reported: false,
            },
        }
    }

    #[test]
    fn cccd_is_grouped_by_three() {
        let check = |input: &str, expected: &str| assert_eq!(cccd_grouped(input), expected);
        check("079203001234", "079 203 001 234");
        check("001090000001", "001 090 000 001");
        check("07920300123", "07920300123");
        check("07920300123X", "07920300123X");
        check("", "");
    }

    #[test]
    fn bhyt_is_grouped_like_the_card() {
        assert_eq!(bhyt_grouped("HC4010123456789"), "HC 4 01 0123456789");
        assert_eq!(bhyt_grouped("0123456789"), "0123456789");
    }

    #[test]
    fn facility_with_and_without_code() {
        let f = FacilityRef {
            code: Some("79001".into()),
            name: "Trạm Y tế Phường Bến Nghé".into(),
        };
        assert_eq!(facility_label(&f), "Trạm Y tế Phường Bến Nghé (79001)");
        let f = FacilityRef { code: None, ..f };
        assert_eq!(facility_label(&f), "Trạm Y tế Phường Bến Nghé");
    }

    #[test]
    fn ages() {
        let check = |birth: &str, today: &str, expected: Option<Age>| {
            assert_eq!(
                age_on(date(birth), date(today)),
                expected,
                "{birth} on {today}"
            );
        };
        check("1990-07-04", "2026-07-03", Some(Age::Years(35)));
        check("1990-07-04", "2026-07-04", Some(Age::Years(36)));
        check("2026-01-15", "2026-01-20", Some(Age::Months(0)));
        check("2025-11-30", "2026-01-29", Some(Age::Months(1)));
        check("2025-11-30", "2026-01-30", Some(Age::Months(2)));
        check("2024-05-20", "2026-05-19", Some(Age::Months(23)));
        check("2024-05-20", "2026-05-20", Some(Age::Years(2)));
        check("2024-02-29", "2025-02-28", Some(Age::Months(11)));
        check("2027-01-01", "2026-01-01", None);
    }

    #[test]
    fn card_validity_table() {
        let today = date("2026-06-15");
        let check = |from: Option<&str>, to: Option<&str>, expected: CardValidity| {
            assert_eq!(
                card_validity(from.map(date), to.map(date), today),
                expected,
                "{from:?}..{to:?}"
            );
        };
        check(None, Some("2026-12-31"), CardValidity::Valid);
        check(None, Some("2026-07-16"), CardValidity::Valid);
        check(
            None,
            Some("2026-07-15"),
            CardValidity::EndingSoon { days_left: 30 },
        );
        check(
            None,
            Some("2026-06-16"),
            CardValidity::EndingSoon { days_left: 1 },
        );
        check(
            None,
            Some("2026-06-15"),
            CardValidity::EndingSoon { days_left: 0 },
        );
        check(None, Some("2026-06-14"), CardValidity::Expired);
        check(
            Some("2020-01-01"),
            Some("2025-12-31"),
            CardValidity::Expired,
        );
        check(
            Some("2026-07-01"),
            Some("2027-06-30"),
            CardValidity::NotYetValid,
        );
        check(Some("2026-07-01"), None, CardValidity::NotYetValid);
        check(None, None, CardValidity::Valid);
    }

    #[test]
    fn decimals_follow_the_language() {
        let check = |value: f64, places: u32, lang: Lang, expected: &str| {
            assert_eq!(decimal(value, places, lang), expected, "{value}");
        };
        check(58.5, 1, Lang::Vi, "58,5");
        check(58.5, 1, Lang::En, "58.5");
        check(165.0, 1, Lang::Vi, "165");
        check(22.857, 1, Lang::Vi, "22,9");
        check(22.96, 1, Lang::En, "23");
        check(1.05, 2, Lang::En, "1.05");
        check(1.5, 2, Lang::En, "1.5");
        check(0.04, 1, Lang::En, "0");
        check(120.0, 0, Lang::Vi, "120");
        check(-2.25, 1, Lang::En, "-2.3");
    }

    #[test]
    fn measurements_and_units() {
        assert_eq!(
            measurement(&measured(58.5, "kg", None), Lang::Vi),
            "58,5 kg"
        );
        assert_eq!(
            measurement(&measured(165.0, "cm", None), Lang::Vi),
            "165 cm"
        );
        assert_eq!(blood_pressure(120.0, 80.0), "120/80 mmHg");
        assert_eq!(unit_label("mm[Hg]"), "mmHg");
    }

    #[test]
    fn bmi_needs_plausible_values_measured_together() {
        let h = measured(165.0, "cm", Some("2025-03-01"));
        let w = measured(62.0, "kg", Some("2025-09-01"));
        let got = bmi(&h, &w).unwrap();
        assert!((got - 22.77).abs() < 0.01, "{got}");
        assert_eq!(decimal(got, 1, Lang::Vi), "22,8");
        // Metres and grams are converted.
        let got = bmi(
            &measured(1.65, "m", None),
            &measured(62_000.0, "g", Some("2020-01-01")),
        )
        .unwrap();
        assert!((got - 22.77).abs() < 0.01);
        // Too far apart in time.
        assert_eq!(bmi(&h, &measured(62.0, "kg", Some("2026-09-02"))), None);
        // Unknown unit, impossible values.
        assert_eq!(bmi(&measured(165.0, "ft", None), &w), None);
        assert_eq!(bmi(&measured(0.0, "cm", None), &w), None);
        assert_eq!(bmi(&h, &measured(-1.0, "kg", None)), None);
    }

    #[test]
    fn drug_allergies_come_first_then_dangerous_ones() {
        let allergy = |substance: &str, category, criticality| Allergy {
            substance: substance.into(),
            category,
            criticality,
            reaction: None,
            source: Provenance {
                date: None,
                facility: None,
                self_reported: true,
            },
        };
        let recorded = [
            allergy("Tôm", AllergyCategory::Food, Criticality::High),
            allergy("Phấn hoa", AllergyCategory::Environment, Criticality::Low),
            allergy("Aspirin", AllergyCategory::Medication, Criticality::Low),
            allergy("Penicillin", AllergyCategory::Medication, Criticality::High),
            allergy("Đậu phộng", AllergyCategory::Food, Criticality::Unknown),
        ];
        let order: Vec<String> = allergies_in_order(&recorded)
            .into_iter()
            .map(|a| a.substance)
            .collect();
        assert_eq!(
            order,
            ["Penicillin", "Aspirin", "Tôm", "Phấn hoa", "Đậu phộng"]
        );
    }

    #[test]
    fn server_messages_are_split_by_language() {
        let m = "Kho dữ liệu đang gặp sự cố. / The store is having problems.";
        assert_eq!(message_in(m, Lang::Vi), "Kho dữ liệu đang gặp sự cố.");
        assert_eq!(message_in(m, Lang::En), "The store is having problems.");
        assert_eq!(message_in("Chỉ một câu.", Lang::En), "Chỉ một câu.");
    }

    #[test]
    fn countdowns() {
        assert_eq!(countdown(HOLD_MS), "5:00");
        assert_eq!(countdown(245_000.0), "4:05");
        assert_eq!(countdown(8_100.0), "0:09");
        assert_eq!(countdown(0.0), "0:00");
        assert_eq!(countdown(-3_000.0), "0:00");
    }

    #[test]
    fn hold_announcements_change_rarely() {
        let check = |ms: f64, expected: HoldLeft| assert_eq!(hold_left(ms), expected, "{ms}");
        check(HOLD_MS, HoldLeft::Minutes(5));
        check(240_001.0, HoldLeft::Minutes(5));
        check(240_000.0, HoldLeft::Minutes(4));
        check(61_000.0, HoldLeft::Minutes(2));
        check(60_000.0, HoldLeft::Minutes(1));
        check(31_000.0, HoldLeft::Minutes(1));
        check(30_000.0, HoldLeft::HalfMinute);
        check(1.0, HoldLeft::HalfMinute);
        check(0.0, HoldLeft::Over);
        check(-5.0, HoldLeft::Over);
    }

    #[test]
    fn days_are_named() {
        assert_eq!(weekday(date("1970-01-01")), 3);
        assert_eq!(weekday(date("2026-11-23")), 0);
        assert_eq!(day_label(date("2026-11-25"), Lang::Vi), "Thứ Tư, 25/11");
        assert_eq!(day_label(date("2026-11-29"), Lang::En), "Sun 29/11");
    }

    #[test]
    fn money_and_pictures() {
        assert_eq!(vnd(0), "0 đ");
        assert_eq!(vnd(950), "950 đ");
        assert_eq!(vnd(50_600), "50.600 đ");
        assert_eq!(vnd(1_234_567), "1.234.567 đ");
        assert_eq!(
            svg_data_url("<svg a=\"1\"/>"),
            "data:image/svg+xml,%3Csvg%20a%3D%221%22%2F%3E"
        );
    }
}
