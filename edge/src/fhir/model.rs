//! The parts of FHIR R4 resources the edge reads. Everything is optional and unknown fields are
//! ignored: real stores send partial and odd data, and a missing field must never fail a screen.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Coding {
    pub system: Option<String>,
    pub code: Option<String>,
    pub display: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CodeableConcept {
    pub coding: Vec<Coding>,
    pub text: Option<String>,
}

impl CodeableConcept {
    /// The code in `system`, if present.
    pub fn code_in(&self, system: &str) -> Option<&str> {
        self.coding
            .iter()
            .find(|c| c.system.as_deref() == Some(system))
            .and_then(|c| c.code.as_deref())
    }

    /// Whether any coding has this system and code.
    pub fn has(&self, system: &str, code: &str) -> bool {
        self.coding
            .iter()
            .any(|c| c.system.as_deref() == Some(system) && c.code.as_deref() == Some(code))
    }

    /// Human text: `text`, else the first coding's display, else its code.
    pub fn label(&self) -> Option<String> {
        self.text
            .clone()
            .or_else(|| self.coding.iter().find_map(|c| c.display.clone()))
            .or_else(|| self.coding.iter().find_map(|c| c.code.clone()))
            .filter(|s| !s.trim().is_empty())
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Reference {
    pub reference: Option<String>,
    pub display: Option<String>,
}

impl Reference {
    /// The id if this is a relative reference to `resource_type` (`Patient/abc` → `abc`).
    pub fn id_of(&self, resource_type: &str) -> Option<&str> {
        let reference = self.reference.as_deref()?;
        let (ty, id) = reference.rsplit_once('/')?;
        let ty = ty.rsplit('/').next()?;
        (ty == resource_type && !id.is_empty()).then_some(id)
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Identifier {
    pub system: Option<String>,
    pub value: Option<String>,
}

/// The value of the first identifier in `system`.
pub fn identifier_in<'a>(identifiers: &'a [Identifier], system: &str) -> Option<&'a str> {
    identifiers
        .iter()
        .find(|i| i.system.as_deref() == Some(system))
        .and_then(|i| i.value.as_deref())
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct HumanName {
    #[serde(rename = "use")]
    pub use_: Option<String>,
    pub text: Option<String>,
    pub family: Option<String>,
    pub given: Vec<String>,
}

/// The name to show: the official one if marked, `text` if given, else "family given…" (the
/// Vietnamese order).
pub fn display_name(names: &[HumanName]) -> Option<String> {
    let name = names
        .iter()
        .find(|n| n.use_.as_deref() == Some("official"))
        .or_else(|| names.first())?;
    if let Some(text) = name.text.as_deref().filter(|t| !t.trim().is_empty()) {
        return Some(text.trim().to_owned());
    }
    let parts: Vec<&str> = name
        .family
        .iter()
        .map(String::as_str)
        .chain(name.given.iter().map(String::as_str))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Period {
    pub start: Option<String>,
    pub end: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Quantity {
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub code: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Patient {
    pub id: Option<String>,
    pub identifier: Vec<Identifier>,
    pub name: Vec<HumanName>,
    pub gender: Option<String>,
    pub birth_date: Option<String>,
    pub general_practitioner: Vec<Reference>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Coverage {
    pub id: Option<String>,
    pub status: Option<String>,
    pub identifier: Vec<Identifier>,
    pub subscriber_id: Option<String>,
    pub period: Option<Period>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ObservationComponent {
    pub code: CodeableConcept,
    pub value_quantity: Option<Quantity>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Observation {
    pub id: Option<String>,
    pub status: Option<String>,
    pub code: CodeableConcept,
    pub effective_date_time: Option<String>,
    pub effective_period: Option<Period>,
    pub issued: Option<String>,
    pub performer: Vec<Reference>,
    pub value_quantity: Option<Quantity>,
    pub component: Vec<ObservationComponent>,
    pub meta: Option<Meta>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Meta {
    pub version_id: Option<String>,
    pub last_updated: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AllergyReaction {
    pub manifestation: Vec<CodeableConcept>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AllergyIntolerance {
    pub id: Option<String>,
    pub clinical_status: Option<CodeableConcept>,
    pub verification_status: Option<CodeableConcept>,
    pub category: Vec<String>,
    pub criticality: Option<String>,
    pub code: Option<CodeableConcept>,
    pub recorded_date: Option<String>,
    pub onset_date_time: Option<String>,
    pub recorder: Option<Reference>,
    pub asserter: Option<Reference>,
    pub reaction: Vec<AllergyReaction>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RelatedPerson {
    pub id: Option<String>,
    pub active: Option<bool>,
    pub patient: Option<Reference>,
    pub identifier: Vec<Identifier>,
    pub relationship: Vec<CodeableConcept>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Organization {
    pub id: Option<String>,
    pub identifier: Vec<Identifier>,
    pub name: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Bundle {
    pub link: Vec<BundleLink>,
    pub entry: Vec<BundleEntry>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BundleLink {
    pub relation: Option<String>,
    pub url: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BundleEntry {
    pub resource: Option<serde_json::Value>,
    pub search: Option<BundleEntrySearch>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BundleEntrySearch {
    pub mode: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_ids() {
        let r = |s: &str| Reference {
            reference: Some(s.into()),
            display: None,
        };
        assert_eq!(r("Patient/abc").id_of("Patient"), Some("abc"));
        assert_eq!(
            r("http://store/fhir/R4/Patient/abc").id_of("Patient"),
            Some("abc")
        );
        assert_eq!(r("Organization/abc").id_of("Patient"), None);
        assert_eq!(r("Patient/").id_of("Patient"), None);
        assert_eq!(r("abc").id_of("Patient"), None);
    }

    #[test]
    fn names_prefer_official_text_then_parts() {
        let parse = |v: serde_json::Value| -> Vec<HumanName> { serde_json::from_value(v).unwrap() };
        let names = parse(serde_json::json!([
            {"use": "nickname", "text": "Bé Na"},
            {"use": "official", "text": "Nguyễn Thị Na"}
        ]));
        assert_eq!(display_name(&names).as_deref(), Some("Nguyễn Thị Na"));
        let names = parse(serde_json::json!([{"family": "Trần", "given": ["Văn", "Bình"]}]));
        assert_eq!(display_name(&names).as_deref(), Some("Trần Văn Bình"));
        assert_eq!(display_name(&[]), None);
        let names = parse(serde_json::json!([{"text": "  "}]));
        assert_eq!(display_name(&names), None);
    }
}
