//! Visits (Encounter) for the timeline and the visit detail, with their diagnoses,
//! prescriptions, procedures, imaging, referral slips and re-exam appointments.

use super::{facility, first_date, provenance_of, record_ref};
use crate::fhir::model::{
    CodeableConcept, Condition, DiagnosticReport, Encounter, MedicationRequest, Organization,
    Procedure, Reference, ServiceRequest,
};
use shared::date::IsoDate;
use shared::dto::FacilityRef;
use shared::dto::book::{
    Diagnosis, FollowUp, ImagingReport, Prescription, PrescriptionStatus, ProcedureItem, Referral,
    VisitClass, VisitSummary,
};
use shared::fhir::{
    CS_V2_DIAGNOSTIC_SERVICE, SYSTEM_ATC, SYSTEM_ICD10, SYSTEM_SNOMED, loinc, referral,
};

fn label(concept: Option<&CodeableConcept>) -> Option<String> {
    concept.and_then(CodeableConcept::label)
}

fn start_of(e: &Encounter) -> Option<IsoDate> {
    e.period
        .as_ref()
        .and_then(|p| p.start.as_deref())
        .and_then(IsoDate::parse)
}

pub fn visit_class(e: &Encounter) -> VisitClass {
    match e.class.as_ref().and_then(|c| c.code.as_deref()) {
        Some("AMB") => VisitClass::Outpatient,
        Some("IMP" | "ACUTE" | "NONAC" | "PRENC" | "SS") => VisitClass::Inpatient,
        Some("EMER") => VisitClass::Emergency,
        _ => VisitClass::Other,
    }
}

/// The visit's diagnoses, main first: names and ICD-10 codes from the Conditions when the store
/// sent them, else the reference's display.
pub fn diagnoses(e: &Encounter, conditions: &[Condition]) -> Vec<Diagnosis> {
    let mut listed: Vec<(u32, Diagnosis)> = e
        .diagnosis
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let reference = d.condition.as_ref()?;
            let condition = reference
                .id_of("Condition")
                .and_then(|id| conditions.iter().find(|c| c.id.as_deref() == Some(id)));
            let code = condition
                .and_then(|c| c.code.as_ref())
                .and_then(|c| c.code_in(SYSTEM_ICD10))
                .map(str::to_owned);
            let name = reference
                .display
                .clone()
                .filter(|d| !d.trim().is_empty())
                .or_else(|| label(condition.and_then(|c| c.code.as_ref())))?;
            let rank = d.rank.unwrap_or(1000 + i as u32);
            Some((
                rank,
                Diagnosis {
                    code,
                    name,
                    primary: false,
                },
            ))
        })
        .collect();
    listed.sort_by_key(|(rank, _)| *rank);
    let mut out: Vec<Diagnosis> = listed.into_iter().map(|(_, d)| d).collect();
    if let Some(first) = out.first_mut() {
        first.primary = true;
    }
    out
}

fn has_category(sr: &ServiceRequest, code: &str) -> bool {
    sr.category.iter().any(|c| c.has(SYSTEM_SNOMED, code))
}

fn is_live(sr: &ServiceRequest) -> bool {
    !matches!(
        sr.status.as_deref(),
        Some("revoked" | "entered-in-error" | "draft")
    )
}

pub fn is_referral(sr: &ServiceRequest) -> bool {
    is_live(sr) && has_category(sr, referral::PATIENT_REFERRAL)
}

pub fn is_follow_up(sr: &ServiceRequest) -> bool {
    is_live(sr) && has_category(sr, referral::FOLLOW_UP)
}

fn encounter_id(r: Option<&Reference>) -> Option<&str> {
    r?.id_of("Encounter")
}

fn target(sr: &ServiceRequest, organizations: &[Organization]) -> Option<FacilityRef> {
    sr.performer.iter().find_map(|r| facility(r, organizations))
}

fn issued(sr: &ServiceRequest) -> shared::dto::Provenance {
    let actors: Vec<&Reference> = sr.requester.iter().collect();
    provenance_of(first_date(&[sr.authored_on.as_deref()]), &actors, None)
}

fn note(sr: &ServiceRequest) -> Option<String> {
    let notes: Vec<&str> = sr
        .note
        .iter()
        .filter_map(|n| n.text.as_deref())
        .filter(|t| !t.trim().is_empty())
        .collect();
    (!notes.is_empty()).then(|| notes.join(" "))
}

/// A referral slip, if `sr` is one and names where to go.
pub fn referral(sr: &ServiceRequest, organizations: &[Organization]) -> Option<Referral> {
    if !is_referral(sr) {
        return None;
    }
    Some(Referral {
        record: record_ref("ServiceRequest", sr.id.as_ref())?,
        to: target(sr, organizations)?,
        from: sr.requester.as_ref().and_then(|r| r.display.clone()),
        reason: sr
            .reason_code
            .iter()
            .find_map(CodeableConcept::label)
            .or_else(|| sr.reason_reference.iter().find_map(|r| r.display.clone()))
            .or_else(|| note(sr)),
        source: issued(sr),
    })
}

/// A re-exam appointment, if `sr` is one with a date and a facility.
pub fn follow_up(sr: &ServiceRequest, organizations: &[Organization]) -> Option<FollowUp> {
    if !is_follow_up(sr) {
        return None;
    }
    let date = first_date(&[
        sr.occurrence_date_time.as_deref(),
        sr.occurrence_period
            .as_ref()
            .and_then(|p| p.start.as_deref()),
    ])?;
    Some(FollowUp {
        record: record_ref("ServiceRequest", sr.id.as_ref())?,
        date,
        facility: target(sr, organizations)?,
        department: sr.location_code.iter().find_map(CodeableConcept::label),
        note: note(sr),
        visit: encounter_id(sr.encounter.as_ref()).map(str::to_owned),
        source: issued(sr),
    })
}

/// Upcoming re-exams (from `today` on, still active), soonest first.
pub fn upcoming_follow_ups(
    requests: &[ServiceRequest],
    organizations: &[Organization],
    today: IsoDate,
) -> Vec<FollowUp> {
    let mut out: Vec<FollowUp> = requests
        .iter()
        .filter(|sr| matches!(sr.status.as_deref(), Some("active") | None))
        .filter_map(|sr| follow_up(sr, organizations))
        .filter(|f| f.date >= today)
        .collect();
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.record.cmp(&b.record)));
    out
}

/// One visit of the timeline. `requests` are the patient's ServiceRequests (for the referral
/// and re-exam marks).
pub fn visit_summary(
    e: &Encounter,
    organizations: &[Organization],
    conditions: &[Condition],
    requests: &[ServiceRequest],
) -> Option<VisitSummary> {
    if matches!(e.status.as_deref(), Some("entered-in-error" | "cancelled")) {
        return None;
    }
    let id = e.id.clone().filter(|id| !id.is_empty())?;
    let of_visit = |sr: &&ServiceRequest| encounter_id(sr.encounter.as_ref()) == Some(&id);
    let start = start_of(e);
    let actors: Vec<&Reference> = e.service_provider.iter().collect();
    Some(VisitSummary {
        record: format!("Encounter/{id}"),
        start,
        end: e
            .period
            .as_ref()
            .and_then(|p| p.end.as_deref())
            .and_then(IsoDate::parse),
        class: visit_class(e),
        kind: e.type_.iter().find_map(CodeableConcept::label),
        facility: e
            .service_provider
            .as_ref()
            .and_then(|r| facility(r, organizations)),
        department: label(e.service_type.as_ref()),
        reason: e.reason_code.iter().find_map(CodeableConcept::label),
        diagnoses: diagnoses(e, conditions),
        outcome: label(
            e.hospitalization
                .as_ref()
                .and_then(|h| h.discharge_disposition.as_ref()),
        ),
        referral: requests.iter().filter(of_visit).any(is_referral),
        follow_up: requests
            .iter()
            .filter(of_visit)
            .filter_map(|sr| follow_up(sr, organizations))
            .map(|f| f.date)
            .max(),
        source: provenance_of(start, &actors, None),
        id,
    })
}

/// Newest first by start day, ties by id (the store's own order is kept across pages).
pub fn sort_visits(visits: &mut [VisitSummary]) {
    visits.sort_by(|a, b| b.start.cmp(&a.start).then_with(|| a.id.cmp(&b.id)));
}

fn prescription_status(mr: &MedicationRequest) -> PrescriptionStatus {
    match mr.status.as_deref() {
        Some("active" | "on-hold") => PrescriptionStatus::Active,
        Some("completed") => PrescriptionStatus::Completed,
        Some("stopped" | "cancelled") => PrescriptionStatus::Stopped,
        _ => PrescriptionStatus::Unknown,
    }
}

/// A prescription line; the facility is the dispensing pharmacy's (the prescriber's
/// facility for BHYT drugs).
pub fn prescription(mr: &MedicationRequest) -> Option<Prescription> {
    if matches!(mr.status.as_deref(), Some("entered-in-error" | "draft")) {
        return None;
    }
    let drug = mr
        .medication_codeable_concept
        .as_ref()
        .and_then(CodeableConcept::label)
        .or_else(|| mr.medication_reference.as_ref()?.display.clone())?;
    let dispense = mr.dispense_request.as_ref();
    let days = dispense
        .and_then(|d| d.expected_supply_duration.as_ref())
        .and_then(|q| {
            let v = q.value?;
            let factor = match q.code.as_deref().or(q.unit.as_deref()) {
                Some("wk") => 7.0,
                Some("mo") => 30.0,
                _ => 1.0,
            };
            let days = (v * factor).round();
            (days.is_finite() && (0.0..100_000.0).contains(&days)).then_some(days as u32)
        });
    let quantity = dispense.and_then(|d| d.quantity.as_ref());
    let mut actors: Vec<&Reference> = dispense
        .and_then(|d| d.performer.as_ref())
        .into_iter()
        .collect();
    actors.extend(mr.requester.iter());
    Some(Prescription {
        record: record_ref("MedicationRequest", mr.id.as_ref())?,
        code: mr
            .medication_codeable_concept
            .as_ref()
            .and_then(|c| c.code_in(SYSTEM_ATC))
            .map(str::to_owned),
        drug,
        dose: mr
            .dosage_instruction
            .iter()
            .filter_map(|d| d.text.clone())
            .find(|t| !t.trim().is_empty()),
        days,
        quantity: quantity.and_then(|q| q.value).filter(|v| v.is_finite()),
        quantity_unit: quantity.and_then(|q| q.unit.clone()),
        reason: mr
            .reason_reference
            .iter()
            .find_map(|r| r.display.clone())
            .or_else(|| mr.reason_code.iter().find_map(CodeableConcept::label)),
        prescriber: mr.requester.as_ref().and_then(|r| r.display.clone()),
        status: prescription_status(mr),
        source: provenance_of(first_date(&[mr.authored_on.as_deref()]), &actors, None),
    })
}

/// A procedure (surgery) as the book lists it.
pub fn procedure(p: &Procedure) -> Option<ProcedureItem> {
    if matches!(
        p.status.as_deref(),
        Some("entered-in-error" | "not-done" | "preparation")
    ) {
        return None;
    }
    let code = p.code.as_ref()?;
    let date = first_date(&[
        p.performed_date_time.as_deref(),
        p.performed_period.as_ref().and_then(|x| x.start.as_deref()),
    ]);
    let actors: Vec<&Reference> = p
        .performer
        .iter()
        .flat_map(|x| x.on_behalf_of.iter().chain(x.actor.iter()))
        .collect();
    Some(ProcedureItem {
        record: record_ref("Procedure", p.id.as_ref())?,
        name: code.label()?,
        code: code
            .code_in(SYSTEM_SNOMED)
            .or_else(|| code.coding.iter().find_map(|c| c.code.as_deref()))
            .map(str::to_owned),
        body_site: p.body_site.iter().find_map(CodeableConcept::label),
        visit: encounter_id(p.encounter.as_ref()).map(str::to_owned),
        source: provenance_of(date, &actors, p.meta.as_ref()),
    })
}

/// Whether a report is a lab result sheet (its results are shown as lab results).
pub fn is_lab_report(r: &DiagnosticReport) -> bool {
    r.category.iter().any(|c| {
        c.has(CS_V2_DIAGNOSTIC_SERVICE, "LAB")
            || c.code_in(CS_V2_DIAGNOSTIC_SERVICE)
                .is_some_and(|x| matches!(x, "HM" | "CH" | "MB" | "SP"))
    })
}

/// Imaging and other non-lab reports (X-ray, ultrasound, check-up conclusions).
pub fn imaging(r: &DiagnosticReport) -> Option<ImagingReport> {
    if is_lab_report(r) || matches!(r.status.as_deref(), Some("entered-in-error" | "cancelled")) {
        return None;
    }
    let date = first_date(&[
        r.effective_date_time.as_deref(),
        r.effective_period.as_ref().and_then(|p| p.start.as_deref()),
        r.issued.as_deref(),
    ]);
    let actors: Vec<&Reference> = r.performer.iter().collect();
    let name = if r
        .code
        .has(shared::fhir::SYSTEM_LOINC, loinc::CHECKUP_REPORT)
    {
        "Kết luận khám sức khỏe".to_owned()
    } else {
        r.code.label()?
    };
    Some(ImagingReport {
        record: record_ref("DiagnosticReport", r.id.as_ref())?,
        name,
        conclusion: r.conclusion.clone().filter(|c| !c.trim().is_empty()),
        source: provenance_of(date, &actors, None),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn encounter() -> Encounter {
        serde_json::from_value(json!({
            "resourceType": "Encounter", "id": "e1", "status": "finished",
            "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP"},
            "type": [{"text": "Điều trị nội trú"}],
            "serviceType": {"text": "Khoa Nội tiết"},
            "period": {"start": "2019-07-14T15:05:00+07:00", "end": "2019-07-20T09:22:00+07:00"},
            "reasonCode": [{"text": "Mệt nhiều, khát nước, đường máu cao"}],
            "diagnosis": [
                {"condition": {"reference": "Condition/c2", "display": "Bệnh đái tháo đường týp 2"}, "rank": 2},
                {"condition": {"reference": "Condition/c1", "display": "Tăng đường huyết, không đặc hiệu"}, "rank": 1}
            ],
            "hospitalization": {"dischargeDisposition": {"text": "Ra viện, về nhà"}},
            "serviceProvider": {"reference": "Organization/o1", "display": "Bệnh viện Bạch Mai"}
        }))
        .unwrap()
    }

    fn org() -> Organization {
        serde_json::from_value(json!({"id": "o1", "name": "Bệnh viện Bạch Mai",
            "identifier": [{"system": shared::fhir::SYSTEM_FACILITY, "value": "01001"}]}))
        .unwrap()
    }

    fn sr(v: serde_json::Value) -> ServiceRequest {
        serde_json::from_value(v).unwrap()
    }

    fn follow(id: &str, date: &str, status: &str) -> ServiceRequest {
        sr(json!({
            "id": id, "status": status, "intent": "order",
            "category": [{"coding": [{"system": "http://snomed.info/sct", "code": "390906007"}]}],
            "encounter": {"reference": "Encounter/e1"},
            "occurrenceDateTime": date, "authoredOn": "2019-07-20",
            "requester": {"reference": "PractitionerRole/r1", "display": "BS.CKII Trần Văn A — Bệnh viện Bạch Mai"},
            "performer": [{"reference": "Organization/o1", "display": "Bệnh viện Bạch Mai"}],
            "locationCode": [{"text": "Khoa Nội tiết"}],
            "note": [{"text": "Mang theo sổ theo dõi đường huyết."}]
        }))
    }

    #[test]
    fn summary_of_an_inpatient_stay() {
        let conditions: Vec<Condition> = vec![
            serde_json::from_value(json!({"id": "c1", "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": "R73.9"}]}})).unwrap(),
        ];
        let requests = vec![
            follow("f1", "2019-08-20", "completed"),
            sr(json!({"id": "x1", "status": "active",
                "category": [{"coding": [{"system": "http://snomed.info/sct", "code": "3457005"}]}],
                "encounter": {"reference": "Encounter/e1"},
                "performer": [{"reference": "Organization/o2", "display": "Bệnh viện Nội tiết Trung ương"}]})),
        ];
        let v = visit_summary(&encounter(), &[org()], &conditions, &requests).unwrap();
        assert_eq!(v.id, "e1");
        assert_eq!(v.record, "Encounter/e1");
        assert_eq!(v.class, VisitClass::Inpatient);
        assert_eq!(v.start.unwrap().to_string(), "2019-07-14");
        assert_eq!(v.end.unwrap().to_string(), "2019-07-20");
        assert_eq!(v.facility.as_ref().unwrap().code.as_deref(), Some("01001"));
        assert_eq!(v.department.as_deref(), Some("Khoa Nội tiết"));
        assert_eq!(v.outcome.as_deref(), Some("Ra viện, về nhà"));
        assert_eq!(v.diagnoses[0].name, "Tăng đường huyết, không đặc hiệu");
        assert_eq!(v.diagnoses[0].code.as_deref(), Some("R73.9"));
        assert!(v.diagnoses[0].primary && !v.diagnoses[1].primary);
        assert_eq!(v.diagnoses[1].code, None);
        assert!(v.referral);
        assert_eq!(v.follow_up.unwrap().to_string(), "2019-08-20");
        assert_eq!(v.source.facility.as_deref(), Some("Bệnh viện Bạch Mai"));
    }

    #[test]
    fn odd_encounters() {
        let bare: Encounter = serde_json::from_value(json!({"id": "e9"})).unwrap();
        let v = visit_summary(&bare, &[], &[], &[]).unwrap();
        assert_eq!(
            (v.class, v.start, v.facility.is_none()),
            (VisitClass::Other, None, true)
        );
        assert!(v.diagnoses.is_empty() && !v.referral && v.follow_up.is_none());
        let no_id: Encounter = serde_json::from_value(json!({"status": "finished"})).unwrap();
        assert!(visit_summary(&no_id, &[], &[], &[]).is_none());
        let mistaken: Encounter =
            serde_json::from_value(json!({"id": "e8", "status": "entered-in-error"})).unwrap();
        assert!(visit_summary(&mistaken, &[], &[], &[]).is_none());
    }

    #[test]
    fn referral_and_follow_up_carry_what_booking_needs() {
        let f = follow_up(
            &follow("f1", "2026-12-05T08:00:00+07:00", "active"),
            &[org()],
        )
        .unwrap();
        assert_eq!(f.date.to_string(), "2026-12-05");
        assert_eq!(f.facility.code.as_deref(), Some("01001"));
        assert_eq!(f.department.as_deref(), Some("Khoa Nội tiết"));
        assert_eq!(f.visit.as_deref(), Some("e1"));
        assert_eq!(f.source.facility.as_deref(), Some("Bệnh viện Bạch Mai"));
        assert_eq!(f.source.date.unwrap().to_string(), "2019-07-20");
        // Without a facility or a date there is nothing to book.
        let mut no_date = follow("f2", "", "active");
        no_date.occurrence_date_time = None;
        assert!(follow_up(&no_date, &[org()]).is_none());
        let today = IsoDate::new(2026, 11, 23).unwrap();
        let list = vec![
            follow("a", "2026-12-05", "active"),
            follow("b", "2026-11-30", "active"),
            follow("c", "2026-11-01", "active"),
            follow("d", "2026-12-01", "revoked"),
            follow("e", "2026-12-02", "completed"),
        ];
        let up: Vec<String> = upcoming_follow_ups(&list, &[org()], today)
            .into_iter()
            .map(|f| f.record)
            .collect();
        assert_eq!(up, ["ServiceRequest/b", "ServiceRequest/a"]);
        let r = referral(
            &sr(json!({"id": "r1", "status": "active",
                "category": [{"coding": [{"system": "http://snomed.info/sct", "code": "3457005"}]}],
                "reasonCode": [{"text": "Vượt quá khả năng chuyên môn"}],
                "requester": {"reference": "PractitionerRole/x", "display": "BS. Lê C — Trạm Y tế Phường Kim Liên"},
                "performer": [{"reference": "Organization/o1"}]})),
            &[org()],
        )
        .unwrap();
        assert_eq!(r.to.name, "Bệnh viện Bạch Mai");
        assert_eq!(r.reason.as_deref(), Some("Vượt quá khả năng chuyên môn"));
        assert_eq!(
            r.source.facility.as_deref(),
            Some("Trạm Y tế Phường Kim Liên")
        );
        assert!(referral(&follow("f", "2026-01-01", "active"), &[org()]).is_none());
    }

    #[test]
    fn prescriptions() {
        let mr: MedicationRequest = serde_json::from_value(json!({
            "id": "m1", "status": "completed",
            "medicationCodeableConcept": {"coding": [{"system": "http://www.whocc.no/atc", "code": "C08CA01"}], "text": "Amlodipin 5mg"},
            "authoredOn": "2025-03-01T08:30:00+07:00",
            "requester": {"reference": "Practitioner/p1", "display": "BS.CKI Lê Văn C"},
            "dosageInstruction": [{"text": "Uống 1 viên/lần, ngày 1 lần, buổi sáng"}],
            "dispenseRequest": {"quantity": {"value": 30, "unit": "viên"},
                "expectedSupplyDuration": {"value": 30, "unit": "ngày", "code": "d"},
                "performer": {"reference": "Organization/o1", "display": "Bệnh viện Bạch Mai"}},
            "reasonReference": [{"reference": "Condition/c1", "display": "Bệnh lý tăng huyết áp"}]
        }))
        .unwrap();
        let p = prescription(&mr).unwrap();
        assert_eq!(p.drug, "Amlodipin 5mg");
        assert_eq!(p.code.as_deref(), Some("C08CA01"));
        assert_eq!(p.days, Some(30));
        assert_eq!(
            (p.quantity, p.quantity_unit.as_deref()),
            (Some(30.0), Some("viên"))
        );
        assert_eq!(p.reason.as_deref(), Some("Bệnh lý tăng huyết áp"));
        assert_eq!(p.status, PrescriptionStatus::Completed);
        assert_eq!(p.source.facility.as_deref(), Some("Bệnh viện Bạch Mai"));
        let odd: MedicationRequest = serde_json::from_value(json!({"id": "m2",
            "medicationReference": {"display": "Insulin hỗn hợp"},
            "dispenseRequest": {"expectedSupplyDuration": {"value": 2, "code": "wk"}}}))
        .unwrap();
        let p = prescription(&odd).unwrap();
        assert_eq!(
            (p.drug.as_str(), p.days, p.status),
            ("Insulin hỗn hợp", Some(14), PrescriptionStatus::Unknown)
        );
        let nothing: MedicationRequest = serde_json::from_value(json!({"id": "m3"})).unwrap();
        assert!(prescription(&nothing).is_none());
    }

    #[test]
    fn procedures_and_imaging() {
        let p: Procedure = serde_json::from_value(json!({
            "id": "pr1", "status": "completed",
            "code": {"coding": [{"system": "http://snomed.info/sct", "code": "6025007"}], "text": "Phẫu thuật nội soi cắt ruột thừa"},
            "encounter": {"reference": "Encounter/e1"},
            "performedDateTime": "2022-05-02T10:00:00+07:00",
            "bodySite": [{"text": "Ruột thừa"}],
            "performer": [{"actor": {"reference": "Practitioner/x", "display": "BS. A"},
                           "onBehalfOf": {"reference": "Organization/o1", "display": "Bệnh viện Bạch Mai"}}]
        }))
        .unwrap();
        let item = procedure(&p).unwrap();
        assert_eq!(item.code.as_deref(), Some("6025007"));
        assert_eq!(item.body_site.as_deref(), Some("Ruột thừa"));
        assert_eq!(item.visit.as_deref(), Some("e1"));
        assert_eq!(item.source.facility.as_deref(), Some("Bệnh viện Bạch Mai"));
        let not_done: Procedure =
            serde_json::from_value(json!({"id": "p", "status": "not-done", "code": {"text": "x"}}))
                .unwrap();
        assert!(procedure(&not_done).is_none());
        let xray: DiagnosticReport = serde_json::from_value(json!({
            "id": "d1", "status": "final",
            "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0074", "code": "RAD"}]}],
            "code": {"text": "X-quang ngực thẳng"}, "conclusion": "Đám mờ thùy dưới phổi phải.",
            "effectiveDateTime": "2024-01-02"
        }))
        .unwrap();
        let lab: DiagnosticReport = serde_json::from_value(json!({
            "id": "d2", "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0074", "code": "LAB"}]}],
            "code": {"text": "Xét nghiệm"}
        }))
        .unwrap();
        assert_eq!(
            imaging(&xray).unwrap().conclusion.as_deref(),
            Some("Đám mờ thùy dưới phổi phải.")
        );
        assert!(imaging(&lab).is_none());
    }
}
