//! Reference-range flags and trend statistics: what makes a chart explain itself.
//!
//! Pure functions over plain numbers. The edge uses them to flag every point of a series and to
//! summarise its direction ([`Trend`]); the frontend may reuse them for optimistic updates.

use crate::dto::book::{Flag, ReferenceRange, Trend, TrendAssessment, TrendDirection};

/// Flags `value` against `range`; [`Flag::Unknown`] without a range (or with two open bounds).
pub fn flag(value: f64, range: Option<&ReferenceRange>) -> Flag {
    let Some(range) = range else {
        return Flag::Unknown;
    };
    match (range.low, range.high) {
        (None, None) => Flag::Unknown,
        (Some(low), _) if value < low => Flag::Low,
        (_, Some(high)) if value > high => Flag::High,
        _ => Flag::Normal,
    }
}

/// A facility's own interpretation code (HL7 v3 ObservationInterpretation) as a flag.
pub fn flag_from_interpretation(code: &str) -> Option<Flag> {
    Some(match code {
        "N" => Flag::Normal,
        "L" | "<" => Flag::Low,
        "H" | ">" => Flag::High,
        "LL" | "LU" => Flag::CriticalLow,
        "HH" | "HU" => Flag::CriticalHigh,
        "A" | "AA" | "POS" | "DET" | "R" => Flag::Abnormal,
        "NEG" | "ND" | "S" => Flag::Normal,
        _ => return None,
    })
}

/// How serious a flag is, for picking the worse of two.
fn severity(flag: Flag) -> u8 {
    match flag {
        Flag::Unknown => 0,
        Flag::Normal => 1,
        Flag::Abnormal => 2,
        Flag::Low | Flag::High => 3,
        Flag::CriticalLow | Flag::CriticalHigh => 4,
    }
}

/// The worse of two flags (the first on a tie).
pub fn worse(a: Flag, b: Flag) -> Flag {
    if severity(b) > severity(a) { b } else { a }
}

/// Whether a flag means "outside the range".
pub fn is_out_of_range(flag: Flag) -> bool {
    !matches!(flag, Flag::Normal | Flag::Unknown)
}

/// Adult blood-pressure thresholds of the Vietnamese hypertension guideline (mmHg).
pub const SYSTOLIC_RANGE: (f64, f64) = (90.0, 139.0);
pub const DIASTOLIC_RANGE: (f64, f64) = (60.0, 89.0);

/// A blood-pressure reading's flag: ≥ 180/110 is a hypertensive crisis level, ≥ 140/90 high,
/// < 90/60 low.
pub fn blood_pressure_flag(systolic: f64, diastolic: f64) -> Flag {
    if systolic >= 180.0 || diastolic >= 110.0 {
        Flag::CriticalHigh
    } else if systolic > SYSTOLIC_RANGE.1 || diastolic > DIASTOLIC_RANGE.1 {
        Flag::High
    } else if systolic < SYSTOLIC_RANGE.0 || diastolic < DIASTOLIC_RANGE.0 {
        Flag::Low
    } else {
        Flag::Normal
    }
}

/// How far `value` lies outside `range` (0 inside).
fn distance_outside(value: f64, range: &ReferenceRange) -> f64 {
    match (range.low, range.high) {
        (Some(low), _) if value < low => low - value,
        (_, Some(high)) if value > high => value - high,
        _ => 0.0,
    }
}

/// The smallest change that counts as movement: a tenth of the range's width, 5 % of its one
/// bound, or 3 % of the value without a range.
fn threshold(reference: f64, range: Option<&ReferenceRange>) -> f64 {
    let t = match range.map(|r| (r.low, r.high)) {
        Some((Some(low), Some(high))) if high > low => (high - low) / 10.0,
        Some((Some(bound), None)) | Some((None, Some(bound))) => bound.abs() * 0.05,
        _ => reference.abs() * 0.03,
    };
    t.max(f64::EPSILON)
}

/// Summarises a series (values oldest first, with their flags). `None` when empty.
///
/// The direction compares the latest value with the mean of up to three values before it, so
/// one noisy reading does not flip it; the assessment judges that movement against the range.
pub fn trend(values: &[f64], flags: &[Flag], range: Option<&ReferenceRange>) -> Option<Trend> {
    let (&latest, earlier) = values.split_last()?;
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let out_of_range = flags.iter().filter(|f| is_out_of_range(**f)).count() as u32;
    let Some(&previous) = earlier.last() else {
        return Some(Trend {
            direction: TrendDirection::Single,
            assessment: TrendAssessment::Unknown,
            change: None,
            min,
            max,
            out_of_range,
        });
    };
    let recent = &earlier[earlier.len().saturating_sub(3)..];
    let baseline = recent.iter().sum::<f64>() / recent.len() as f64;
    let step = threshold(baseline, range);
    let delta = latest - baseline;
    let direction = if delta.abs() < step {
        TrendDirection::Stable
    } else if delta > 0.0 {
        TrendDirection::Rising
    } else {
        TrendDirection::Falling
    };
    let assessment = match range {
        Some(r) if r.low.is_some() || r.high.is_some() => {
            let now = distance_outside(latest, r);
            let before = distance_outside(baseline, r);
            match (now == 0.0, before == 0.0) {
                (true, true) => TrendAssessment::Steady,
                (true, false) => TrendAssessment::Improving,
                (false, true) => TrendAssessment::Worsening,
                (false, false) if before - now >= step => TrendAssessment::Improving,
                (false, false) if now - before >= step => TrendAssessment::Worsening,
                (false, false) => TrendAssessment::OutOfRange,
            }
        }
        _ => TrendAssessment::Unknown,
    };
    Some(Trend {
        direction,
        assessment,
        change: Some(round(latest - previous, 2)),
        min,
        max,
        out_of_range,
    })
}

/// Rounds to `decimals` places (for display-ready differences).
pub fn round(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    (value * factor).round() / factor
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(low: Option<f64>, high: Option<f64>) -> ReferenceRange {
        ReferenceRange {
            low,
            high,
            text: None,
        }
    }

    #[test]
    fn flags_against_ranges() {
        let both = range(Some(3.9), Some(6.4));
        let upper = range(None, Some(5.2));
        let lower = range(Some(0.9), None);
        for (value, r, expected) in [
            (5.0, Some(&both), Flag::Normal),
            (3.9, Some(&both), Flag::Normal),
            (6.4, Some(&both), Flag::Normal),
            (3.8, Some(&both), Flag::Low),
            (7.1, Some(&both), Flag::High),
            (6.0, Some(&upper), Flag::High),
            (1.0, Some(&upper), Flag::Normal),
            (0.8, Some(&lower), Flag::Low),
            (9.0, Some(&lower), Flag::Normal),
            (5.0, None, Flag::Unknown),
        ] {
            assert_eq!(flag(value, r), expected, "{value} {r:?}");
        }
        assert_eq!(flag(1.0, Some(&range(None, None))), Flag::Unknown);
    }

    #[test]
    fn interpretations() {
        for (code, expected) in [
            ("N", Some(Flag::Normal)),
            ("H", Some(Flag::High)),
            ("L", Some(Flag::Low)),
            ("HH", Some(Flag::CriticalHigh)),
            ("LL", Some(Flag::CriticalLow)),
            ("A", Some(Flag::Abnormal)),
            ("POS", Some(Flag::Abnormal)),
            ("NEG", Some(Flag::Normal)),
            ("IND", None),
            ("", None),
        ] {
            assert_eq!(flag_from_interpretation(code), expected, "{code}");
        }
    }

    #[test]
    fn blood_pressure_flags() {
        for (s, d, expected) in [
            (120.0, 80.0, Flag::Normal),
            (139.0, 89.0, Flag::Normal),
            (140.0, 80.0, Flag::High),
            (130.0, 90.0, Flag::High),
            (185.0, 100.0, Flag::CriticalHigh),
            (150.0, 112.0, Flag::CriticalHigh),
            (85.0, 55.0, Flag::Low),
            (100.0, 58.0, Flag::Low),
        ] {
            assert_eq!(blood_pressure_flag(s, d), expected, "{s}/{d}");
        }
        assert_eq!(worse(Flag::Normal, Flag::High), Flag::High);
        assert_eq!(worse(Flag::CriticalHigh, Flag::Low), Flag::CriticalHigh);
        assert_eq!(worse(Flag::Unknown, Flag::Normal), Flag::Normal);
    }

    fn flags(values: &[f64], r: Option<&ReferenceRange>) -> Vec<Flag> {
        values.iter().map(|v| flag(*v, r)).collect()
    }

    #[test]
    fn trends() {
        let glucose = range(Some(3.9), Some(6.4));
        let check = |values: &[f64],
                     r: Option<&ReferenceRange>,
                     direction: TrendDirection,
                     assessment: TrendAssessment| {
            let t = trend(values, &flags(values, r), r).expect("non-empty");
            assert_eq!(
                (t.direction, t.assessment),
                (direction, assessment),
                "{values:?}"
            );
        };
        use TrendAssessment as A;
        use TrendDirection as D;
        check(&[5.0], Some(&glucose), D::Single, A::Unknown);
        check(&[5.0, 5.1, 5.0, 5.05], Some(&glucose), D::Stable, A::Steady);
        check(
            &[9.0, 8.5, 8.8, 7.2],
            Some(&glucose),
            D::Falling,
            A::Improving,
        );
        check(&[8.0, 8.2, 6.0], Some(&glucose), D::Falling, A::Improving);
        check(&[5.5, 5.8, 7.5], Some(&glucose), D::Rising, A::Worsening);
        check(&[7.5, 7.6, 8.9], Some(&glucose), D::Rising, A::Worsening);
        check(&[7.5, 7.6, 7.55], Some(&glucose), D::Stable, A::OutOfRange);
        check(&[60.0, 62.0], None, D::Rising, A::Unknown);
        check(&[60.0, 60.5], None, D::Stable, A::Unknown);
        // Only the last few points count: an old spike does not make today "falling".
        check(
            &[20.0, 5.0, 5.1, 5.0, 5.0],
            Some(&glucose),
            D::Stable,
            A::Steady,
        );
        assert!(trend(&[], &[], None).is_none());
    }

    #[test]
    fn trend_statistics() {
        let hdl = range(Some(0.9), None);
        let values = [0.8, 1.1, 0.85, 1.2];
        let t = trend(&values, &flags(&values, Some(&hdl)), Some(&hdl)).unwrap();
        assert_eq!((t.min, t.max, t.out_of_range), (0.8, 1.2, 2));
        assert_eq!(t.change, Some(0.35));
        // The mean of the three before (0.92) is already in range.
        assert_eq!(t.assessment, TrendAssessment::Steady);
    }
}
