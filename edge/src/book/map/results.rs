//! Lab results, vital signs and check-ups: observations → series with flags and trends.
//!
//! A series holds one analyte in one unit. Flags come from the facility's own interpretation
//! when it gave one, else from the point's own reference range, else from the series' range.

use super::{first_date, is_usable, measurement, observation_provenance, record_ref};
use crate::fhir::model::{DiagnosticReport, Observation, Reference};
use shared::book::{bmi_range, checkup_classification};
use shared::date::IsoDate;
use shared::dto::book::{
    AboGroup, BloodGroup, BloodPressurePoint, BloodPressureSeries, Checkup, Flag, LabReport,
    LabResult, ReferenceRange, RhFactor, Series, SeriesPoint, VisitVitals,
};
use shared::fhir::{SYSTEM_LOINC, SYSTEM_SNOMED, loinc, snomed};
use shared::trend;
use std::collections::BTreeMap;

/// The LOINC code of an observation, or `text:<name>` when it has none.
pub fn series_code(obs: &Observation) -> Option<String> {
    if let Some(code) = obs.code.code_in(SYSTEM_LOINC) {
        return Some(code.to_owned());
    }
    obs.code.label().map(|name| format!("text:{name}"))
}

/// A numeric value and its unit as recorded (the printed unit, else the UCUM code).
fn value_and_unit(obs: &Observation) -> Option<(f64, String)> {
    let q = obs.value_quantity.as_ref()?;
    let value = q.value.filter(|v| v.is_finite())?;
    let unit = q
        .unit
        .clone()
        .or_else(|| q.code.clone())
        .unwrap_or_default();
    Some((value, unit))
}

/// The observation's own reference range, when it has a bound.
pub fn own_range(obs: &Observation) -> Option<ReferenceRange> {
    obs.reference_range.iter().find_map(|r| {
        let low = r
            .low
            .as_ref()
            .and_then(|q| q.value)
            .filter(|v| v.is_finite());
        let high = r
            .high
            .as_ref()
            .and_then(|q| q.value)
            .filter(|v| v.is_finite());
        let text = r.text.clone().filter(|t| !t.trim().is_empty());
        (low.is_some() || high.is_some() || text.is_some()).then_some(ReferenceRange {
            low,
            high,
            text,
        })
    })
}

/// The facility's interpretation, if it gave a known one.
fn interpreted(obs: &Observation) -> Option<Flag> {
    obs.interpretation
        .iter()
        .flat_map(|c| c.coding.iter())
        .find_map(|c| trend::flag_from_interpretation(c.code.as_deref()?))
}

/// Flag of a numeric value: facility interpretation, else its own range, else `fallback`.
fn flag_of(obs: &Observation, value: f64, fallback: Option<&ReferenceRange>) -> Flag {
    interpreted(obs).unwrap_or_else(|| {
        let own = own_range(obs);
        trend::flag(value, own.as_ref().or(fallback))
    })
}

/// Oldest first by date, then by record id (stable across calls).
fn sort_points(points: &mut [SeriesPoint]) {
    points.sort_by(|a, b| {
        a.source
            .date
            .cmp(&b.source.date)
            .then_with(|| a.record.cmp(&b.record))
    });
}

fn finish_series(
    code: String,
    name: String,
    unit: String,
    range: Option<ReferenceRange>,
    mut points: Vec<SeriesPoint>,
) -> Series {
    sort_points(&mut points);
    let values: Vec<f64> = points.iter().map(|p| p.value).collect();
    let flags: Vec<Flag> = points.iter().map(|p| p.flag).collect();
    let trend = trend::trend(&values, &flags, range.as_ref());
    Series {
        code,
        name,
        unit,
        range,
        points,
        trend,
    }
}

/// One point of `obs`, if it has an id, a date and a numeric value.
fn point(obs: &Observation, value: f64, fallback: Option<&ReferenceRange>) -> Option<SeriesPoint> {
    let source = observation_provenance(obs);
    source.date?;
    Some(SeriesPoint {
        record: record_ref("Observation", obs.id.as_ref())?,
        value,
        flag: flag_of(obs, value, fallback),
        source,
    })
}

/// A non-numeric or numeric result as a single line (visit detail, other results).
pub fn lab_result(obs: &Observation) -> Option<LabResult> {
    if !is_usable(obs) {
        return None;
    }
    let record = record_ref("Observation", obs.id.as_ref())?;
    let name = obs.code.label()?;
    let range = own_range(obs);
    let numeric = value_and_unit(obs);
    let value_text = obs
        .value_codeable_concept
        .as_ref()
        .and_then(|c| c.label())
        .or_else(|| obs.value_string.clone())
        .filter(|t| !t.trim().is_empty());
    if numeric.is_none() && value_text.is_none() {
        return None;
    }
    let flag = match &numeric {
        Some((v, _)) => flag_of(obs, *v, None),
        None => interpreted(obs).unwrap_or(Flag::Unknown),
    };
    Some(LabResult {
        record,
        code: obs.code.code_in(SYSTEM_LOINC).map(str::to_owned),
        name,
        value: numeric.as_ref().map(|(v, _)| *v),
        value_text: if numeric.is_some() { None } else { value_text },
        unit: numeric.map(|(_, u)| u).filter(|u| !u.is_empty()),
        range,
        flag,
        source: observation_provenance(obs),
    })
}

/// Numeric lab observations grouped by analyte, the non-numeric ones, and the days with
/// results (newest first).
pub fn labs(observations: &[Observation]) -> (Vec<Series>, Vec<LabResult>, Vec<IsoDate>) {
    // code → observations with a numeric value.
    let mut groups: BTreeMap<String, Vec<(&Observation, f64, String)>> = BTreeMap::new();
    let mut other = Vec::new();
    for obs in observations.iter().filter(|o| is_usable(o)) {
        match (value_and_unit(obs), series_code(obs)) {
            (Some((value, unit)), Some(code)) => {
                groups.entry(code).or_default().push((obs, value, unit))
            }
            _ => other.extend(lab_result(obs)),
        }
    }
    let mut tests = Vec::new();
    for (code, mut members) in groups {
        // Latest first to read the current name, unit and range.
        members.sort_by_key(|(o, _, _)| std::cmp::Reverse(observation_provenance(o).date));
        let Some((latest, _, unit)) = members.first() else {
            continue;
        };
        let unit = unit.clone();
        let name = latest.code.label().unwrap_or_else(|| code.clone());
        let range = members.iter().find_map(|(o, _, _)| own_range(o));
        let points: Vec<SeriesPoint> = members
            .iter()
            .filter(|(_, _, u)| *u == unit)
            .filter_map(|(o, v, _)| point(o, *v, range.as_ref()))
            .collect();
        if points.is_empty() {
            continue;
        }
        tests.push(finish_series(code, name, unit, range, points));
    }
    let last_date = |s: &Series| s.points.last().and_then(|p| p.source.date);
    tests.sort_by(|a, b| {
        last_date(b)
            .cmp(&last_date(a))
            .then_with(|| a.name.cmp(&b.name))
    });
    other.sort_by_key(|r: &LabResult| std::cmp::Reverse(r.source.date));
    let mut dates: Vec<IsoDate> = tests
        .iter()
        .flat_map(|s| s.points.iter().filter_map(|p| p.source.date))
        .collect();
    dates.sort_by(|a, b| b.cmp(a));
    dates.dedup();
    (tests, other, dates)
}

/// Units a vital-sign series accepts, with the factor to its own unit.
fn unit_factor(code: &str, unit: &str) -> Option<f64> {
    let u = unit.trim().to_ascii_lowercase();
    match code {
        loinc::BODY_WEIGHT => match u.as_str() {
            "kg" => Some(1.0),
            "g" => Some(0.001),
            _ => None,
        },
        loinc::BODY_HEIGHT => match u.as_str() {
            "cm" => Some(1.0),
            "m" => Some(100.0),
            _ => None,
        },
        loinc::BMI => matches!(u.as_str(), "kg/m2" | "kg/m²").then_some(1.0),
        loinc::GLUCOSE | loinc::GLUCOSE_METER => match u.as_str() {
            "mmol/l" => Some(1.0),
            "mg/dl" => Some(1.0 / 18.0),
            _ => None,
        },
        _ => (!u.is_empty()).then_some(1.0),
    }
}

/// A vital sign series over `codes`, in `unit`, with a fixed range.
fn vital_series(
    observations: &[Observation],
    codes: &[&str],
    name: &str,
    unit: &str,
    range: Option<ReferenceRange>,
) -> Series {
    let points = observations
        .iter()
        .filter(|o| is_usable(o))
        .filter_map(|o| {
            let code = codes.iter().find(|c| o.code.has(SYSTEM_LOINC, c))?;
            let (value, recorded_unit) = value_and_unit(o)?;
            let factor = unit_factor(code, &recorded_unit)?;
            let value = trend::round(value * factor, 2);
            if value <= 0.0 {
                return None;
            }
            // A self-measured glucose has no range of its own: judge it on the series' range.
            let source = observation_provenance(o);
            source.date?;
            Some(SeriesPoint {
                record: record_ref("Observation", o.id.as_ref())?,
                value,
                flag: interpreted(o).unwrap_or_else(|| trend::flag(value, range.as_ref())),
                source,
            })
        })
        .collect();
    finish_series(
        codes[0].to_owned(),
        name.to_owned(),
        unit.to_owned(),
        range,
        points,
    )
}

/// The vital-sign series of the vitals screen, for a person `age` years old.
pub struct Vitals {
    pub blood_pressure: BloodPressureSeries,
    pub weight: Series,
    pub height: Series,
    pub bmi: Series,
    pub glucose: Series,
    pub blood_group: Option<BloodGroup>,
}

pub fn vitals(observations: &[Observation], age: Option<i32>) -> Vitals {
    let glucose_range = ReferenceRange {
        low: Some(3.9),
        high: Some(6.4),
        text: None,
    };
    let mut blood_groups: Vec<BloodGroup> = observations
        .iter()
        .filter(|o| o.code.has(SYSTEM_LOINC, loinc::BLOOD_GROUP))
        .filter_map(blood_group)
        .collect();
    blood_groups.sort_by_key(|b| std::cmp::Reverse(b.source.date));
    Vitals {
        blood_pressure: blood_pressure_series(observations),
        weight: vital_series(observations, &[loinc::BODY_WEIGHT], "Cân nặng", "kg", None),
        height: vital_series(observations, &[loinc::BODY_HEIGHT], "Chiều cao", "cm", None),
        bmi: vital_series(
            observations,
            &[loinc::BMI],
            "Chỉ số khối cơ thể (BMI)",
            "kg/m2",
            bmi_range(age),
        ),
        glucose: vital_series(
            observations,
            &[loinc::GLUCOSE, loinc::GLUCOSE_METER],
            "Đường huyết",
            "mmol/L",
            Some(glucose_range),
        ),
        blood_group: blood_groups.into_iter().next(),
    }
}

fn range(bounds: (f64, f64)) -> ReferenceRange {
    ReferenceRange {
        low: Some(bounds.0),
        high: Some(bounds.1),
        text: None,
    }
}

pub fn blood_pressure_series(observations: &[Observation]) -> BloodPressureSeries {
    let mut points: Vec<BloodPressurePoint> = observations
        .iter()
        .filter(|o| o.code.has(SYSTEM_LOINC, loinc::BLOOD_PRESSURE))
        .filter_map(|o| {
            let bp = super::blood_pressure(o)?;
            bp.source.date?;
            Some(BloodPressurePoint {
                record: record_ref("Observation", o.id.as_ref())?,
                systolic: bp.systolic,
                diastolic: bp.diastolic,
                flag: trend::blood_pressure_flag(bp.systolic, bp.diastolic),
                source: bp.source,
            })
        })
        .collect();
    points.sort_by(|a, b| {
        a.source
            .date
            .cmp(&b.source.date)
            .then_with(|| a.record.cmp(&b.record))
    });
    let systolic_range = range(trend::SYSTOLIC_RANGE);
    let diastolic_range = range(trend::DIASTOLIC_RANGE);
    let component_trend = |values: Vec<f64>, r: &ReferenceRange| {
        let flags: Vec<Flag> = values.iter().map(|v| trend::flag(*v, Some(r))).collect();
        trend::trend(&values, &flags, Some(r))
    };
    let systolic_trend =
        component_trend(points.iter().map(|p| p.systolic).collect(), &systolic_range);
    let diastolic_trend = component_trend(
        points.iter().map(|p| p.diastolic).collect(),
        &diastolic_range,
    );
    BloodPressureSeries {
        points,
        systolic_range,
        diastolic_range,
        systolic_trend,
        diastolic_trend,
    }
}

/// A blood group from a LOINC 882-1 observation: SNOMED code first, else the text.
pub fn blood_group(obs: &Observation) -> Option<BloodGroup> {
    if !is_usable(obs) {
        return None;
    }
    let concept = obs.value_codeable_concept.as_ref();
    let coded = concept.and_then(|c| {
        let code = c.code_in(SYSTEM_SNOMED)?;
        snomed::BLOOD_GROUPS
            .iter()
            .find(|(c, _, _)| *c == code)
            .map(|(_, abo, positive)| (*abo, *positive))
    });
    let text = concept
        .and_then(|c| c.label())
        .or_else(|| obs.value_string.clone());
    let (abo, rh) = match coded {
        Some((abo, positive)) => (
            abo_of(abo),
            Some(if positive {
                RhFactor::Positive
            } else {
                RhFactor::Negative
            }),
        ),
        None => parse_blood_group_text(text.as_deref().unwrap_or_default()),
    };
    if abo.is_none() && text.is_none() {
        return None;
    }
    Some(BloodGroup {
        record: record_ref("Observation", obs.id.as_ref())?,
        abo,
        rh,
        text,
        source: observation_provenance(obs),
    })
}

fn abo_of(text: &str) -> Option<AboGroup> {
    match text {
        "O" => Some(AboGroup::O),
        "A" => Some(AboGroup::A),
        "B" => Some(AboGroup::B),
        "AB" => Some(AboGroup::AB),
        _ => None,
    }
}

/// "Nhóm máu O, Rh(D) dương tính", "A+", "AB Rh-": best effort.
fn parse_blood_group_text(text: &str) -> (Option<AboGroup>, Option<RhFactor>) {
    let upper = text.to_uppercase();
    let cleaned = upper.replace("NHÓM MÁU", " ").replace(['(', ')', ','], " ");
    let abo = cleaned.split_whitespace().find_map(|w| {
        let w = w.trim_end_matches(['+', '-']);
        abo_of(w)
    });
    let rh = if upper.contains("ÂM TÍNH") || upper.contains("RH-") || upper.contains("NEGATIVE") {
        Some(RhFactor::Negative)
    } else if upper.contains("DƯƠNG TÍNH")
        || upper.contains("RH+")
        || upper.contains("POSITIVE")
        || cleaned.split_whitespace().any(|w| w.ends_with('+'))
    {
        Some(RhFactor::Positive)
    } else {
        None
    };
    (abo, rh)
}

/// The measurements among `observations` (one visit's): the latest of each.
pub fn visit_vitals(observations: &[&Observation]) -> VisitVitals {
    let latest = |code: &str| {
        observations
            .iter()
            .filter(|o| o.code.has(SYSTEM_LOINC, code))
            .filter(|o| is_usable(o))
            .max_by_key(|o| observation_provenance(o).date)
            .copied()
    };
    VisitVitals {
        height: latest(loinc::BODY_HEIGHT).and_then(measurement),
        weight: latest(loinc::BODY_WEIGHT).and_then(measurement),
        bmi: latest(loinc::BMI).and_then(measurement),
        blood_pressure: latest(loinc::BLOOD_PRESSURE).and_then(super::blood_pressure),
        heart_rate: latest(loinc::HEART_RATE).and_then(measurement),
        temperature: latest(loinc::BODY_TEMPERATURE).and_then(measurement),
    }
}

/// Lab result sheets of a visit with their results; lab observations on no sheet come last
/// under `leftover_record` (the visit) as "Kết quả xét nghiệm khác".
pub fn lab_reports(
    reports: &[&DiagnosticReport],
    observations: &[&Observation],
    leftover_record: &str,
) -> Vec<LabReport> {
    let mut used = std::collections::HashSet::new();
    let mut out = Vec::new();
    for report in reports {
        let Some(record) = record_ref("DiagnosticReport", report.id.as_ref()) else {
            continue;
        };
        let ids: Vec<&str> = report
            .result
            .iter()
            .filter_map(|r: &Reference| r.id_of("Observation"))
            .collect();
        let results: Vec<LabResult> = ids
            .iter()
            .filter_map(|id| observations.iter().find(|o| o.id.as_deref() == Some(*id)))
            .filter_map(|o| {
                used.insert(o.id.clone());
                lab_result(o)
            })
            .collect();
        let date = first_date(&[
            report.effective_date_time.as_deref(),
            report
                .effective_period
                .as_ref()
                .and_then(|p| p.start.as_deref()),
            report.issued.as_deref(),
        ]);
        let actors: Vec<&Reference> = report.performer.iter().collect();
        out.push(LabReport {
            record,
            name: report
                .code
                .label()
                .unwrap_or_else(|| "Xét nghiệm".to_owned()),
            results,
            conclusion: report.conclusion.clone().filter(|c| !c.trim().is_empty()),
            source: super::provenance_of(date, &actors, None),
        });
    }
    let leftovers: Vec<LabResult> = observations
        .iter()
        .filter(|o| !used.contains(&o.id))
        .filter_map(|o| lab_result(o))
        .collect();
    if let Some(first) = leftovers.first() {
        out.push(LabReport {
            record: leftover_record.to_owned(),
            name: "Kết quả xét nghiệm khác".to_owned(),
            source: first.source.clone(),
            results: leftovers,
            conclusion: None,
        });
    }
    out.sort_by_key(|a| a.source.date);
    out
}

/// Periodic check-ups: their reports (LOINC 34117-2) with the measurements they list, newest
/// first.
pub fn checkups(reports: &[DiagnosticReport], observations: &[Observation]) -> Vec<Checkup> {
    let mut out: Vec<Checkup> = reports
        .iter()
        .filter(|r| !matches!(r.status.as_deref(), Some("entered-in-error" | "cancelled")))
        .filter_map(|report| {
            let record = record_ref("DiagnosticReport", report.id.as_ref())?;
            let results: Vec<&Observation> = report
                .result
                .iter()
                .filter_map(|r| r.id_of("Observation"))
                .filter_map(|id| observations.iter().find(|o| o.id.as_deref() == Some(id)))
                .collect();
            let date = first_date(&[
                report.effective_date_time.as_deref(),
                report
                    .effective_period
                    .as_ref()
                    .and_then(|p| p.start.as_deref()),
                report.issued.as_deref(),
            ]);
            let actors: Vec<&Reference> = report.performer.iter().collect();
            let conclusion = report.conclusion.clone().filter(|c| !c.trim().is_empty());
            Some(Checkup {
                record,
                visit: report
                    .encounter
                    .as_ref()
                    .and_then(|e| e.id_of("Encounter"))
                    .map(str::to_owned),
                kind: report
                    .code
                    .text
                    .clone()
                    .filter(|t| !t.trim().is_empty())
                    .unwrap_or_else(|| "Khám sức khỏe định kỳ".to_owned()),
                classification: conclusion.as_deref().and_then(checkup_classification),
                conclusion,
                vitals: visit_vitals(&results),
                source: super::provenance_of(date, &actors, None),
            })
        })
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.source.date));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obs(v: serde_json::Value) -> Observation {
        serde_json::from_value(v).unwrap()
    }

    fn lab(id: &str, code: &str, name: &str, date: &str, value: f64, unit: &str) -> Observation {
        obs(json!({
            "id": id, "status": "final",
            "category": [{"coding": [{"code": "laboratory"}]}],
            "code": {"coding": [{"system": "http://loinc.org", "code": code}], "text": name},
            "effectiveDateTime": date,
            "performer": [{"reference": "Organization/f1", "display": "Bệnh viện Bạch Mai"}],
            "valueQuantity": {"value": value, "unit": unit},
            "referenceRange": [{"low": {"value": 3.9}, "high": {"value": 6.4}}]
        }))
    }

    #[test]
    fn labs_group_by_analyte_with_flags_and_trend() {
        let mut list = vec![
            lab(
                "g1",
                "2345-7",
                "Glucose máu lúc đói",
                "2024-01-10T08:00:00+07:00",
                8.2,
                "mmol/L",
            ),
            lab(
                "g2",
                "2345-7",
                "Glucose máu lúc đói",
                "2025-01-10T08:00:00+07:00",
                7.4,
                "mmol/L",
            ),
            lab(
                "g3",
                "2345-7",
                "Glucose",
                "2026-01-10T08:00:00+07:00",
                6.1,
                "mmol/L",
            ),
            // Another unit: left out of the series, never mixed.
            lab("g4", "2345-7", "Glucose", "2023-01-10", 110.0, "mg/dL"),
            lab("h1", "4548-4", "HbA1c", "2025-06-01", 7.9, "%"),
        ];
        // The facility flagged this one high itself, whatever the range says.
        list[4].interpretation =
            serde_json::from_value(json!([{"coding": [{"code": "H"}]}])).unwrap();
        // A qualitative result, an entered-in-error one, an undated one.
        list.push(obs(json!({
            "id": "b1", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "882-1"}], "text": "Nhóm máu"},
            "effectiveDateTime": "2019-07-14", "valueCodeableConcept": {"text": "Nhóm máu O, Rh(D) dương tính"}
        })));
        list.push(obs(json!({
            "id": "x1", "status": "entered-in-error", "code": {"coding": [{"system": "http://loinc.org", "code": "2345-7"}]},
            "effectiveDateTime": "2026-02-01", "valueQuantity": {"value": 30.0, "unit": "mmol/L"}
        })));
        list.push(obs(json!({
            "id": "u1", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "2345-7"}]},
            "valueQuantity": {"value": 5.0, "unit": "mmol/L"}
        })));
        let (tests, other, dates) = labs(&list);
        assert_eq!(tests.len(), 2);
        let glucose = &tests[0];
        assert_eq!(
            (glucose.code.as_str(), glucose.name.as_str()),
            ("2345-7", "Glucose")
        );
        assert_eq!(glucose.unit, "mmol/L");
        let values: Vec<f64> = glucose.points.iter().map(|p| p.value).collect();
        assert_eq!(values, [8.2, 7.4, 6.1]);
        let flags: Vec<Flag> = glucose.points.iter().map(|p| p.flag).collect();
        assert_eq!(flags, [Flag::High, Flag::High, Flag::Normal]);
        assert_eq!(glucose.points[0].record, "Observation/g1");
        assert_eq!(
            glucose.points[0].source.facility.as_deref(),
            Some("Bệnh viện Bạch Mai")
        );
        let t = glucose.trend.as_ref().unwrap();
        assert_eq!(t.direction, shared::dto::book::TrendDirection::Falling);
        assert_eq!(t.assessment, shared::dto::book::TrendAssessment::Improving);
        assert_eq!(t.out_of_range, 2);
        assert_eq!(tests[1].points[0].flag, Flag::High);
        assert_eq!(other.len(), 1);
        assert_eq!(
            other[0].value_text.as_deref(),
            Some("Nhóm máu O, Rh(D) dương tính")
        );
        assert_eq!(
            dates.first().map(|d| d.to_string()).as_deref(),
            Some("2026-01-10")
        );
        assert_eq!(dates.len(), 4);
        assert_eq!(labs(&[]).0.len(), 0);
    }

    #[test]
    fn vitals_series_convert_units_and_mark_self_reported() {
        let list = vec![
            obs(
                json!({"id": "w1", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7"}]},
                "effectiveDateTime": "2025-01-01", "valueQuantity": {"value": 61500, "unit": "g"}}),
            ),
            obs(
                json!({"id": "w2", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7"}]},
                "effectiveDateTime": "2026-01-01", "performer": [{"reference": "Patient/p1"}],
                "valueQuantity": {"value": 60.2, "unit": "kg"}}),
            ),
            obs(
                json!({"id": "w3", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7"}]},
                "effectiveDateTime": "2026-02-01", "valueQuantity": {"value": 60.2, "unit": "lb"}}),
            ),
            obs(
                json!({"id": "g1", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "14743-9"}]},
                "effectiveDateTime": "2026-03-01", "meta": {"tag": [{"system": shared::fhir::CS_RECORD_SOURCE, "code": "self-reported"}]},
                "valueQuantity": {"value": 126, "unit": "mg/dL"}}),
            ),
            obs(
                json!({"id": "bg", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "882-1"}]},
                "effectiveDateTime": "2019-07-14",
                "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "278153001"}], "text": "Nhóm máu B, Rh(D) âm tính"}}),
            ),
            obs(
                json!({"id": "bp1", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9"}]},
                "effectiveDateTime": "2026-03-02",
                "component": [
                    {"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]}, "valueQuantity": {"value": 185}},
                    {"code": {"coding": [{"system": "http://loinc.org", "code": "8462-4"}]}, "valueQuantity": {"value": 95}}]}),
            ),
        ];
        let v = vitals(&list, Some(70));
        let w: Vec<f64> = v.weight.points.iter().map(|p| p.value).collect();
        assert_eq!(w, [61.5, 60.2]);
        assert!(v.weight.points[1].source.self_reported);
        assert!(!v.weight.points[0].source.self_reported);
        assert_eq!(v.glucose.points[0].value, 7.0);
        assert_eq!(v.glucose.points[0].flag, Flag::High);
        assert!(v.glucose.points[0].source.self_reported);
        let bg = v.blood_group.unwrap();
        assert_eq!(
            (bg.abo, bg.rh),
            (Some(AboGroup::B), Some(RhFactor::Negative))
        );
        assert_eq!(v.blood_pressure.points[0].flag, Flag::CriticalHigh);
        assert!(v.bmi.points.is_empty() && v.bmi.trend.is_none() && v.bmi.range.is_some());
        assert!(vitals(&list, Some(8)).bmi.range.is_none());
    }

    #[test]
    fn blood_group_texts() {
        for (text, abo, rh) in [
            (
                "Nhóm máu O, Rh(D) dương tính",
                Some(AboGroup::O),
                Some(RhFactor::Positive),
            ),
            ("AB Rh-", Some(AboGroup::AB), Some(RhFactor::Negative)),
            ("A+", Some(AboGroup::A), Some(RhFactor::Positive)),
            ("không rõ", None, None),
        ] {
            assert_eq!(parse_blood_group_text(text), (abo, rh), "{text}");
        }
    }

    #[test]
    fn checkups_with_their_measurements() {
        let report: DiagnosticReport = serde_json::from_value(json!({
            "id": "r1", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "34117-2"}], "text": "Khám sức khỏe định kỳ"},
            "encounter": {"reference": "Encounter/e1"},
            "effectiveDateTime": "2025-11-03T08:05:00+07:00",
            "performer": [{"reference": "Organization/f1", "display": "Bệnh viện Đa khoa Đống Đa"}],
            "result": [{"reference": "Observation/h"}, {"reference": "Observation/missing"}],
            "conclusion": "Phân loại sức khỏe: Loại III. Huyết áp cao (150/95 mmHg)."
        }))
        .unwrap();
        let odd: DiagnosticReport =
            serde_json::from_value(json!({"id": "r2", "code": {}})).unwrap();
        let height = obs(
            json!({"id": "h", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "8302-2"}]},
            "effectiveDateTime": "2025-11-03", "valueQuantity": {"value": 163.5, "unit": "cm"}}),
        );
        let out = checkups(&[report, odd], &[height]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].classification.as_deref(), Some("III"));
        assert_eq!(out[0].visit.as_deref(), Some("e1"));
        assert_eq!(out[0].vitals.height.as_ref().map(|m| m.value), Some(163.5));
        assert_eq!(
            out[0].source.facility.as_deref(),
            Some("Bệnh viện Đa khoa Đống Đa")
        );
        assert_eq!(out[1].kind, "Khám sức khỏe định kỳ");
        assert_eq!(out[1].conclusion, None);
    }
}
