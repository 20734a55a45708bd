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
    pub telecom: Vec<ContactPoint>,
    pub address: Vec<Address>,
    pub extension: Vec<Extension>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContactPoint {
    pub system: Option<String>,
    pub value: Option<String>,
    #[serde(rename = "use")]
    pub use_: Option<String>,
}

/// The phone number to show: a mobile first, else any phone.
pub fn phone_in(telecom: &[ContactPoint]) -> Option<String> {
    let phones = || {
        telecom
            .iter()
            .filter(|t| t.system.as_deref() == Some("phone"))
    };
    phones()
        .find(|t| t.use_.as_deref() == Some("mobile"))
        .or_else(|| phones().next())
        .and_then(|t| t.value.clone())
        .filter(|v| !v.trim().is_empty())
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Address {
    #[serde(rename = "use")]
    pub use_: Option<String>,
    pub text: Option<String>,
    pub line: Vec<String>,
    pub city: Option<String>,
    pub district: Option<String>,
    pub state: Option<String>,
}

impl Address {
    /// One line: `text` if given, else "line, ward, province".
    pub fn one_line(&self) -> Option<String> {
        if let Some(text) = self.text.as_deref().filter(|t| !t.trim().is_empty()) {
            return Some(text.trim().to_owned());
        }
        let parts: Vec<&str> = self
            .line
            .iter()
            .map(String::as_str)
            .chain(self.city.as_deref())
            .chain(self.district.as_deref())
            .chain(self.state.as_deref())
            .filter(|p| !p.trim().is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Extension {
    pub url: Option<String>,
    pub value_string: Option<String>,
    pub value_code: Option<String>,
    pub value_codeable_concept: Option<CodeableConcept>,
    pub extension: Vec<Extension>,
}

/// The first extension with `url`.
pub fn extension<'a>(extensions: &'a [Extension], url: &str) -> Option<&'a Extension> {
    extensions.iter().find(|e| e.url.as_deref() == Some(url))
}

impl Extension {
    /// The value as text: a string, a concept's label, or a code.
    pub fn text(&self) -> Option<String> {
        self.value_string
            .clone()
            .or_else(|| self.value_codeable_concept.as_ref()?.label())
            .or_else(|| self.value_code.clone())
            .filter(|t| !t.trim().is_empty())
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Annotation {
    pub text: Option<String>,
    pub time: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Coverage {
    pub id: Option<String>,
    pub status: Option<String>,
    pub identifier: Vec<Identifier>,
    pub subscriber_id: Option<String>,
    pub period: Option<Period>,
    pub class: Vec<CoverageClass>,
    pub payor: Vec<Reference>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CoverageClass {
    #[serde(rename = "type")]
    pub type_: CodeableConcept,
    pub value: Option<String>,
    pub name: Option<String>,
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
    pub category: Vec<CodeableConcept>,
    pub code: CodeableConcept,
    pub subject: Option<Reference>,
    pub encounter: Option<Reference>,
    pub effective_date_time: Option<String>,
    pub effective_period: Option<Period>,
    pub issued: Option<String>,
    pub performer: Vec<Reference>,
    pub value_quantity: Option<Quantity>,
    pub value_codeable_concept: Option<CodeableConcept>,
    pub value_string: Option<String>,
    pub interpretation: Vec<CodeableConcept>,
    pub reference_range: Vec<ObservationRange>,
    pub component: Vec<ObservationComponent>,
    pub note: Vec<Annotation>,
    pub meta: Option<Meta>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ObservationRange {
    pub low: Option<Quantity>,
    pub high: Option<Quantity>,
    pub text: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Meta {
    pub version_id: Option<String>,
    pub last_updated: Option<String>,
    pub tag: Vec<Coding>,
}

impl Meta {
    pub fn has_tag(&self, system: &str, code: &str) -> bool {
        self.tag
            .iter()
            .any(|c| c.system.as_deref() == Some(system) && c.code.as_deref() == Some(code))
    }
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
    pub meta: Option<Meta>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RelatedPerson {
    pub id: Option<String>,
    pub active: Option<bool>,
    pub patient: Option<Reference>,
    pub identifier: Vec<Identifier>,
    pub relationship: Vec<CodeableConcept>,
    pub name: Vec<HumanName>,
    pub telecom: Vec<ContactPoint>,
    pub period: Option<Period>,
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
pub struct Encounter {
    pub id: Option<String>,
    pub status: Option<String>,
    pub class: Option<Coding>,
    #[serde(rename = "type")]
    pub type_: Vec<CodeableConcept>,
    pub service_type: Option<CodeableConcept>,
    pub subject: Option<Reference>,
    pub participant: Vec<EncounterParticipant>,
    pub period: Option<Period>,
    pub reason_code: Vec<CodeableConcept>,
    pub diagnosis: Vec<EncounterDiagnosis>,
    pub hospitalization: Option<Hospitalization>,
    pub location: Vec<EncounterLocation>,
    pub service_provider: Option<Reference>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EncounterParticipant {
    pub individual: Option<Reference>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EncounterDiagnosis {
    pub condition: Option<Reference>,
    pub rank: Option<u32>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Hospitalization {
    pub discharge_disposition: Option<CodeableConcept>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EncounterLocation {
    pub location: Option<Reference>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Condition {
    pub id: Option<String>,
    pub clinical_status: Option<CodeableConcept>,
    pub verification_status: Option<CodeableConcept>,
    pub category: Vec<CodeableConcept>,
    pub code: Option<CodeableConcept>,
    pub subject: Option<Reference>,
    pub encounter: Option<Reference>,
    pub onset_date_time: Option<String>,
    pub onset_period: Option<Period>,
    pub abatement_date_time: Option<String>,
    pub recorded_date: Option<String>,
    pub recorder: Option<Reference>,
    pub asserter: Option<Reference>,
    pub meta: Option<Meta>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DiagnosticReport {
    pub id: Option<String>,
    pub status: Option<String>,
    pub category: Vec<CodeableConcept>,
    pub code: CodeableConcept,
    pub subject: Option<Reference>,
    pub encounter: Option<Reference>,
    pub effective_date_time: Option<String>,
    pub effective_period: Option<Period>,
    pub issued: Option<String>,
    pub performer: Vec<Reference>,
    pub result: Vec<Reference>,
    pub conclusion: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MedicationRequest {
    pub id: Option<String>,
    pub status: Option<String>,
    pub medication_codeable_concept: Option<CodeableConcept>,
    pub medication_reference: Option<Reference>,
    pub subject: Option<Reference>,
    pub encounter: Option<Reference>,
    pub authored_on: Option<String>,
    pub requester: Option<Reference>,
    pub dosage_instruction: Vec<Dosage>,
    pub dispense_request: Option<DispenseRequest>,
    pub reason_code: Vec<CodeableConcept>,
    pub reason_reference: Vec<Reference>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Dosage {
    pub text: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DispenseRequest {
    pub quantity: Option<Quantity>,
    pub expected_supply_duration: Option<Quantity>,
    pub performer: Option<Reference>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Immunization {
    pub id: Option<String>,
    pub status: Option<String>,
    pub vaccine_code: CodeableConcept,
    pub patient: Option<Reference>,
    pub encounter: Option<Reference>,
    pub occurrence_date_time: Option<String>,
    pub recorded: Option<String>,
    pub lot_number: Option<String>,
    pub performer: Vec<ImmunizationPerformer>,
    pub protocol_applied: Vec<ProtocolApplied>,
    pub meta: Option<Meta>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ImmunizationPerformer {
    pub actor: Option<Reference>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ProtocolApplied {
    pub series: Option<String>,
    pub target_disease: Vec<CodeableConcept>,
    pub dose_number_positive_int: Option<u32>,
    pub dose_number_string: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FamilyMemberHistory {
    pub id: Option<String>,
    pub status: Option<String>,
    pub patient: Option<Reference>,
    pub date: Option<String>,
    pub relationship: CodeableConcept,
    pub condition: Vec<FamilyMemberCondition>,
    pub meta: Option<Meta>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FamilyMemberCondition {
    pub code: CodeableConcept,
    pub onset_age: Option<Quantity>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Procedure {
    pub id: Option<String>,
    pub status: Option<String>,
    pub code: Option<CodeableConcept>,
    pub subject: Option<Reference>,
    pub encounter: Option<Reference>,
    pub performed_date_time: Option<String>,
    pub performed_period: Option<Period>,
    pub body_site: Vec<CodeableConcept>,
    pub performer: Vec<ProcedurePerformer>,
    pub meta: Option<Meta>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ProcedurePerformer {
    pub actor: Option<Reference>,
    pub on_behalf_of: Option<Reference>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ServiceRequest {
    pub id: Option<String>,
    pub status: Option<String>,
    pub intent: Option<String>,
    pub category: Vec<CodeableConcept>,
    pub code: Option<CodeableConcept>,
    pub subject: Option<Reference>,
    pub encounter: Option<Reference>,
    pub occurrence_date_time: Option<String>,
    pub occurrence_period: Option<Period>,
    pub authored_on: Option<String>,
    pub requester: Option<Reference>,
    pub performer: Vec<Reference>,
    pub reason_code: Vec<CodeableConcept>,
    pub reason_reference: Vec<Reference>,
    pub location_code: Vec<CodeableConcept>,
    pub note: Vec<Annotation>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Task {
    pub id: Option<String>,
    pub status: Option<String>,
    pub code: Option<CodeableConcept>,
    pub reason_code: Option<CodeableConcept>,
    pub status_reason: Option<CodeableConcept>,
    pub focus: Option<Reference>,
    #[serde(rename = "for")]
    pub for_: Option<Reference>,
    pub owner: Option<Reference>,
    pub requester: Option<Reference>,
    pub authored_on: Option<String>,
    pub last_modified: Option<String>,
    pub description: Option<String>,
    pub note: Vec<Annotation>,
    pub input: Vec<TaskInput>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TaskInput {
    #[serde(rename = "type")]
    pub type_: CodeableConcept,
    pub value_code: Option<String>,
    pub value_string: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Bundle {
    pub total: Option<u32>,
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
    pub response: Option<BundleEntryResponse>,
}

/// A transaction answer's entry: where the store put the resource.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BundleEntryResponse {
    pub status: Option<String>,
    pub location: Option<String>,
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
