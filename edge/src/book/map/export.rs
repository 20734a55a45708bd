//! "Download my data": everything the citizen can see in their book as one FHIR R4 Bundle of
//! type `collection` (readable by any FHIR tool, and by the next app they choose).

use serde_json::{Value, json};

/// Resource types in the export and how each names the patient (search parameter).
pub const EXPORTED: &[(&str, &str)] = &[
    ("Coverage", "beneficiary"),
    ("RelatedPerson", "patient"),
    ("Encounter", "patient"),
    ("Condition", "patient"),
    ("Observation", "patient"),
    ("DiagnosticReport", "patient"),
    ("MedicationRequest", "patient"),
    ("Immunization", "patient"),
    ("AllergyIntolerance", "patient"),
    ("FamilyMemberHistory", "patient"),
    ("Procedure", "patient"),
    ("ServiceRequest", "patient"),
    ("Task", "patient"),
];

/// Whether `resource` is about `patient` (a last check: the store filtered already).
pub fn is_about(resource: &Value, patient: &str) -> bool {
    let own = format!("Patient/{patient}");
    if resource["resourceType"] == "Patient" {
        return resource["id"] == patient;
    }
    ["subject", "patient", "beneficiary", "for"]
        .iter()
        .any(|key| resource[*key]["reference"].as_str() == Some(own.as_str()))
}

/// The Bundle: the Patient first, then every other resource in the order given.
/// `base` is the store's base URL: `fullUrl` is each resource's address there.
pub fn bundle(patient: &str, resources: Vec<Value>, base: &str, timestamp: &str) -> Value {
    let entries: Vec<Value> = resources
        .into_iter()
        .filter(|r| is_about(r, patient))
        .filter_map(|r| {
            let ty = r["resourceType"].as_str()?.to_owned();
            let id = r["id"].as_str()?.to_owned();
            Some(json!({"fullUrl": format!("{base}/{ty}/{id}"), "resource": r}))
        })
        .collect();
    json!({
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": timestamp,
        "entry": entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_patients_own_resources() {
        let resources = vec![
            json!({"resourceType": "Patient", "id": "p1"}),
            json!({"resourceType": "Patient", "id": "p2"}),
            json!({"resourceType": "Observation", "id": "o1", "subject": {"reference": "Patient/p1"}}),
            json!({"resourceType": "Observation", "id": "o2", "subject": {"reference": "Patient/p2"}}),
            json!({"resourceType": "Coverage", "id": "c1", "beneficiary": {"reference": "Patient/p1"}}),
            json!({"resourceType": "Task", "id": "t1", "for": {"reference": "Patient/p1"}}),
            json!({"resourceType": "Observation", "subject": {"reference": "Patient/p1"}}),
        ];
        let b = bundle(
            "p1",
            resources,
            "https://store/fhir/R4",
            "2026-11-23T09:00:00+07:00",
        );
        assert_eq!(b["type"], "collection");
        let urls: Vec<&str> = b["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["fullUrl"].as_str().unwrap())
            .collect();
        assert_eq!(
            urls,
            [
                "https://store/fhir/R4/Patient/p1",
                "https://store/fhir/R4/Observation/o1",
                "https://store/fhir/R4/Coverage/c1",
                "https://store/fhir/R4/Task/t1"
            ]
        );
    }
}
