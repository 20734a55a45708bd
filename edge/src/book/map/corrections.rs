//! Correction requests as FHIR `Task`s (see `shared::fhir::CS_BOOK_TASK` for the convention):
//! reading them back for the citizen, and building a new one.

use super::first_date;
use crate::fhir::model::{Reference, Task};
use serde_json::{Value, json};
use shared::dto::book::{
    BookSection, Correction, CorrectionKind, CorrectionRequest, CorrectionStatus,
};
use shared::fhir::{
    BOOK_TASK_CORRECTION, CS_BOOK_TASK, CS_CORRECTION_KIND, CS_TASK_CODE, TASK_INPUT_SECTION,
};

/// The first `Organization` reference anywhere in a resource (performer, serviceProvider,
/// dispenseRequest.performer, performer.actor, performer.onBehalfOf…): the facility that
/// recorded it.
pub fn organization_in(resource: &Value) -> Option<Reference> {
    match resource {
        Value::Object(map) => {
            if let Some(reference) = map.get("reference").and_then(Value::as_str)
                && reference.starts_with("Organization/")
            {
                return Some(Reference {
                    reference: Some(reference.to_owned()),
                    display: map
                        .get("display")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                });
            }
            // Patient.generalPractitioner is the registered facility, not the item's source;
            // `payor` is the insurance fund.
            map.iter()
                .filter(|(k, _)| {
                    !matches!(
                        k.as_str(),
                        "generalPractitioner" | "payor" | "managingOrganization"
                    )
                })
                .find_map(|(_, v)| organization_in(v))
        }
        Value::Array(items) => items.iter().find_map(organization_in),
        _ => None,
    }
}

/// Resource types a correction may point at: the items the book shows.
pub const CORRECTABLE: &[&str] = &[
    "Patient",
    "Coverage",
    "RelatedPerson",
    "Encounter",
    "Condition",
    "Observation",
    "DiagnosticReport",
    "MedicationRequest",
    "Immunization",
    "AllergyIntolerance",
    "FamilyMemberHistory",
    "Procedure",
    "ServiceRequest",
];

/// Description length bounds, characters.
pub const DESCRIPTION_CHARS: (usize, usize) = (5, 1000);

/// `"Observation/abc"` → `("Observation", "abc")` for a correctable type and a valid id.
pub fn parse_record(record: &str) -> Option<(&str, &str)> {
    let (ty, id) = record.split_once('/')?;
    (CORRECTABLE.contains(&ty) && crate::fhir::is_valid_id(id)).then_some((ty, id))
}

fn status(task: &Task) -> CorrectionStatus {
    match task.status.as_deref() {
        Some("accepted" | "in-progress" | "ready" | "on-hold") => CorrectionStatus::InProgress,
        Some("completed") => CorrectionStatus::Completed,
        Some("rejected") => CorrectionStatus::Rejected,
        Some("cancelled" | "failed" | "entered-in-error") => CorrectionStatus::Cancelled,
        _ => CorrectionStatus::Requested,
    }
}

pub fn is_correction(task: &Task) -> bool {
    task.code
        .as_ref()
        .is_some_and(|c| c.has(CS_BOOK_TASK, BOOK_TASK_CORRECTION))
}

pub fn correction(task: &Task) -> Option<Correction> {
    if !is_correction(task) {
        return None;
    }
    let section = task
        .input
        .iter()
        .find(|i| i.type_.has(CS_BOOK_TASK, TASK_INPUT_SECTION))
        .and_then(|i| i.value_code.as_deref().or(i.value_string.as_deref()))
        .and_then(BookSection::parse);
    let kind = match task
        .reason_code
        .as_ref()
        .and_then(|c| c.code_in(CS_CORRECTION_KIND))
    {
        Some("missing") => CorrectionKind::Missing,
        _ => CorrectionKind::Wrong,
    };
    let response = task
        .status_reason
        .as_ref()
        .and_then(|c| c.label())
        .or_else(|| task.note.iter().rev().find_map(|n| n.text.clone()))
        .filter(|t| !t.trim().is_empty());
    Some(Correction {
        id: task.id.clone().filter(|id| !id.is_empty())?,
        record: task
            .focus
            .as_ref()
            .and_then(|f| f.reference.clone())
            .filter(|r| parse_record(r).is_some()),
        section,
        kind,
        description: task.description.clone().unwrap_or_default(),
        status: status(task),
        facility: task.owner.as_ref().and_then(|o| o.display.clone()),
        requested: first_date(&[task.authored_on.as_deref()]),
        updated: first_date(&[task.last_modified.as_deref(), task.authored_on.as_deref()]),
        response,
    })
}

/// All correction requests, newest first.
pub fn corrections(tasks: &[Task]) -> Vec<Correction> {
    let mut out: Vec<Correction> = tasks.iter().filter_map(correction).collect();
    out.sort_by(|a, b| b.requested.cmp(&a.requested).then_with(|| b.id.cmp(&a.id)));
    out
}

/// Those raised from `section`.
pub fn of_section(all: &[Correction], section: BookSection) -> Vec<Correction> {
    all.iter()
        .filter(|c| c.section == Some(section))
        .cloned()
        .collect()
}

/// Checks a request's own shape (the edge then checks the record belongs to the book).
/// Returns the trimmed description.
pub fn validate(request: &CorrectionRequest) -> Result<String, (&'static str, String)> {
    let description = request.description.trim();
    let chars = description.chars().count();
    if chars < DESCRIPTION_CHARS.0
        || chars > DESCRIPTION_CHARS.1
        || description.chars().any(|c| c.is_control() && c != '\n')
    {
        return Err((
            "bad_description",
            format!(
                "Vui lòng mô tả điều sai hoặc còn thiếu trong {} đến {} ký tự. / \
                 Please describe what is wrong or missing in {} to {} characters.",
                DESCRIPTION_CHARS.0, DESCRIPTION_CHARS.1, DESCRIPTION_CHARS.0, DESCRIPTION_CHARS.1
            ),
        ));
    }
    match (&request.record, request.kind) {
        (Some(r), _) if parse_record(r).is_none() => Err((
            "bad_record",
            "Mục cần đính chính không hợp lệ. / The item to correct is not valid.".to_owned(),
        )),
        (None, CorrectionKind::Wrong) => Err((
            "bad_record",
            "Hãy chọn mục bị sai trong sổ. / Please choose the item that is wrong.".to_owned(),
        )),
        _ => Ok(description.to_owned()),
    }
}

/// The Task for a validated request. `owner` is the facility asked to correct it,
/// `requester` the Patient or the guardian's RelatedPerson, `now` an instant.
pub fn new_task(
    patient: &str,
    request: &CorrectionRequest,
    description: &str,
    owner: Option<&Reference>,
    requester: &Reference,
    now: &str,
) -> Value {
    let (kind, kind_vi) = match request.kind {
        CorrectionKind::Wrong => ("wrong", "Thông tin sai"),
        CorrectionKind::Missing => ("missing", "Thông tin còn thiếu"),
    };
    let mut task = json!({
        "resourceType": "Task",
        "status": "requested",
        "intent": "order",
        "priority": "routine",
        "code": {
            "coding": [
                {"system": CS_BOOK_TASK, "code": BOOK_TASK_CORRECTION, "display": "Health book correction request"},
                {"system": CS_TASK_CODE, "code": "change", "display": "Change the focal resource"}
            ],
            "text": "Yêu cầu đính chính thông tin sổ sức khỏe"
        },
        "reasonCode": {"coding": [{"system": CS_CORRECTION_KIND, "code": kind}], "text": kind_vi},
        "description": description,
        "for": {"reference": format!("Patient/{patient}")},
        "requester": requester,
        "authoredOn": now,
        "lastModified": now,
        "input": [{
            "type": {"coding": [{"system": CS_BOOK_TASK, "code": TASK_INPUT_SECTION}], "text": "Mục trong sổ"},
            "valueCode": request.section.as_str()
        }],
    });
    if let Some(record) = &request.record {
        task["focus"] = json!({"reference": record});
    }
    if let Some(owner) = owner {
        task["owner"] = json!(owner);
    }
    task
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(record: Option<&str>, kind: CorrectionKind, description: &str) -> CorrectionRequest {
        CorrectionRequest {
            record: record.map(str::to_owned),
            section: BookSection::Labs,
            kind,
            description: description.to_owned(),
            facility_code: None,
        }
    }

    #[test]
    fn source_organization_of_an_item() {
        let obs = serde_json::json!({"resourceType": "Observation",
            "subject": {"reference": "Patient/p"},
            "performer": [{"reference": "Organization/o1", "display": "Bệnh viện Bạch Mai"}]});
        let r = organization_in(&obs).unwrap();
        assert_eq!(r.display.as_deref(), Some("Bệnh viện Bạch Mai"));
        let mr =
            serde_json::json!({"dispenseRequest": {"performer": {"reference": "Organization/o2"}}});
        assert_eq!(
            organization_in(&mr).unwrap().reference.as_deref(),
            Some("Organization/o2")
        );
        let patient =
            serde_json::json!({"generalPractitioner": [{"reference": "Organization/o3"}]});
        assert!(organization_in(&patient).is_none());
    }

    #[test]
    fn records_are_checked() {
        assert_eq!(
            parse_record("Observation/abc-1"),
            Some(("Observation", "abc-1"))
        );
        for bad in [
            "Observation/",
            "Practitioner/x",
            "AuditEvent/x",
            "Observation/a/b",
            "abc",
            "Observation/a b",
        ] {
            assert_eq!(parse_record(bad), None, "{bad}");
        }
    }

    #[test]
    fn requests_are_validated() {
        let ok = request(
            Some("Observation/o1"),
            CorrectionKind::Wrong,
            "  Kết quả này không phải của tôi  ",
        );
        assert_eq!(validate(&ok).unwrap(), "Kết quả này không phải của tôi");
        for (r, code) in [
            (
                request(Some("Observation/o1"), CorrectionKind::Wrong, "sai"),
                "bad_description",
            ),
            (
                request(
                    Some("Observation/o1"),
                    CorrectionKind::Wrong,
                    &"x".repeat(1001),
                ),
                "bad_description",
            ),
            (
                request(Some("Observation/o1"), CorrectionKind::Wrong, "abc\u{0}def"),
                "bad_description",
            ),
            (
                request(Some("Secret/1"), CorrectionKind::Wrong, "sai rồi bạn ơi"),
                "bad_record",
            ),
            (
                request(None, CorrectionKind::Wrong, "sai rồi bạn ơi"),
                "bad_record",
            ),
        ] {
            assert_eq!(validate(&r).unwrap_err().0, code, "{r:?}");
        }
        assert!(
            validate(&request(
                None,
                CorrectionKind::Missing,
                "Thiếu mũi tiêm sởi tháng 3"
            ))
            .is_ok()
        );
    }

    #[test]
    fn task_round_trip() {
        let r = request(
            Some("Observation/o1"),
            CorrectionKind::Wrong,
            "Sai ngày xét nghiệm",
        );
        let owner = Reference {
            reference: Some("Organization/f1".into()),
            display: Some("Bệnh viện Bạch Mai".into()),
        };
        let requester = Reference {
            reference: Some("RelatedPerson/rp1".into()),
            display: Some("Đỗ Thị Phương Thảo".into()),
        };
        let mut value = new_task(
            "p1",
            &r,
            "Sai ngày xét nghiệm",
            Some(&owner),
            &requester,
            "2026-11-23T09:00:00+07:00",
        );
        assert_eq!(value["for"]["reference"], "Patient/p1");
        assert_eq!(value["focus"]["reference"], "Observation/o1");
        assert_eq!(value["status"], "requested");
        value["id"] = "t1".into();
        let task: Task = serde_json::from_value(value.clone()).unwrap();
        let c = correction(&task).unwrap();
        assert_eq!(c.id, "t1");
        assert_eq!(c.record.as_deref(), Some("Observation/o1"));
        assert_eq!(
            (c.section, c.kind, c.status),
            (
                Some(BookSection::Labs),
                CorrectionKind::Wrong,
                CorrectionStatus::Requested
            )
        );
        assert_eq!(c.facility.as_deref(), Some("Bệnh viện Bạch Mai"));
        assert_eq!(c.requested.unwrap().to_string(), "2026-11-23");
        // The facility answers.
        value["status"] = "rejected".into();
        value["statusReason"] = serde_json::json!({"text": "Kết quả đúng theo hồ sơ gốc"});
        value["lastModified"] = "2026-11-25T10:00:00+07:00".into();
        let c = correction(&serde_json::from_value(value).unwrap()).unwrap();
        assert_eq!(c.status, CorrectionStatus::Rejected);
        assert_eq!(c.response.as_deref(), Some("Kết quả đúng theo hồ sơ gốc"));
        assert_eq!(c.updated.unwrap().to_string(), "2026-11-25");
        // Other tasks are not corrections.
        let other: Task =
            serde_json::from_value(serde_json::json!({"id": "t2", "status": "requested"})).unwrap();
        assert!(correction(&other).is_none());
    }
}
