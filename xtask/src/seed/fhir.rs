//! Small builders for the FHIR R4 JSON datatypes the seeder writes again and again.

use super::names::FullName;
use serde_json::{Value, json};
use shared::date::IsoDate;
use shared::id::Sex;
use std::fmt;

pub use shared::fhir::{CS_INTERPRETATION, CS_V3_ACT_CODE, SYSTEM_ATC, SYSTEM_CVX, SYSTEM_SNOMED};

/// A local date and time in Vietnam (UTC+07:00, no DST), minute precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct At {
    pub date: IsoDate,
    /// Minutes after local midnight.
    pub minute: u32,
}

impl At {
    pub fn new(date: IsoDate, minute: u32) -> Self {
        Self { date, minute }
    }

    /// The same moment plus `minutes` (may roll over to later days).
    pub fn plus_minutes(self, minutes: u32) -> Self {
        let total = self.minute + minutes;
        Self {
            date: self.date.add_days(i64::from(total / 1440)),
            minute: total % 1440,
        }
    }
}

impl fmt::Display for At {
    /// FHIR `dateTime`/`instant` with the Vietnamese offset.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}T{:02}:{:02}:00+07:00",
            self.date,
            self.minute / 60,
            self.minute % 60
        )
    }
}

pub fn reference(resource_type: &str, id: &str, display: &str) -> Value {
    json!({"reference": format!("{resource_type}/{id}"), "display": display})
}

pub fn coding(system: &str, code: &str, display: &str) -> Value {
    json!({"system": system, "code": code, "display": display})
}

/// A CodeableConcept with one coding and Vietnamese text.
pub fn concept(system: &str, code: &str, display: &str, text: &str) -> Value {
    json!({"coding": [coding(system, code, display)], "text": text})
}

pub fn text(text: &str) -> Value {
    json!({"text": text})
}

pub fn gender(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "male",
        Sex::Female => "female",
        Sex::Other => "other",
        Sex::Unknown => "unknown",
    }
}

pub fn human_name(name: &FullName, prefix: Option<&str>) -> Value {
    let mut v = json!({
        "use": "official",
        "text": name.text(),
        "family": name.family,
        "given": name.given,
    });
    if let Some(p) = prefix {
        v["prefix"] = json!([p]);
    }
    v
}

/// Address in the post-2025 form: line, ward/commune (`city`), province (`state`).
pub fn address(use_: &str, line: &str, ward: &str, province: &str) -> Value {
    json!({
        "use": use_,
        "type": "physical",
        "text": format!("{line}, {ward}, {province}"),
        "line": [line],
        "city": ward,
        "state": province,
        "country": "VN",
    })
}

/// A UCUM quantity rounded to `decimals`.
pub fn quantity(value: f64, unit: &str, ucum: &str, decimals: u32) -> Value {
    json!({"value": round(value, decimals), "unit": unit, "system": shared::fhir::SYSTEM_UCUM, "code": ucum})
}

pub fn round(value: f64, decimals: u32) -> f64 {
    let factor = 10f64.powi(decimals as i32);
    (value * factor).round() / factor
}

/// HL7 v3 interpretation flag for a value against a range.
pub fn interpretation(value: f64, low: Option<f64>, high: Option<f64>) -> Value {
    let (code, display, text) = match (low, high) {
        (Some(l), _) if value < l => ("L", "Low", "Thấp"),
        (_, Some(h)) if value > h => ("H", "High", "Cao"),
        _ => ("N", "Normal", "Bình thường"),
    };
    json!([concept(CS_INTERPRETATION, code, display, text)])
}
