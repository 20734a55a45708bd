//! FHIR resources → health-book DTOs. Pure functions, tested natively with realistic and odd
//! resources: a missing or strange field drops that item or field, never the whole screen.
//!
//! This file holds what every section shares (provenance, facilities, measurements,
//! allergies); each section's own mapping is in `map/<section>.rs`.

/// Identity, insurance, contact, representatives.
pub mod administrative;
/// Correction requests (FHIR Task) both ways.
pub mod corrections;
/// The FHIR Bundle of "download my data".
pub mod export;
/// History and risk factors.
pub mod history;
/// Immunizations and the EPI schedule.
pub mod immunizations;
/// Lab results, vitals and check-ups: series, flags, trends.
pub mod results;
/// Self-reported values → FHIR resources.
pub mod self_reported;
/// Visits timeline and visit detail, referrals and re-exams.
pub mod visits;

use crate::fhir::model::{
    AllergyIntolerance, CodeableConcept, Coverage, Meta, Observation, Organization, Patient,
    Reference, display_name, identifier_in,
};
use shared::date::IsoDate;
use shared::dto::{
    Allergy, AllergyCategory, BloodPressure, Criticality, FacilityRef, InsuranceCard, Measurement,
    PatientHeader, Provenance,
};
use shared::fhir::{
    CS_RECORD_SOURCE, RECORD_SOURCE_SELF_REPORTED, SYSTEM_BHYT, SYSTEM_CCCD, SYSTEM_FACILITY,
    SYSTEM_LOINC, loinc,
};
use shared::id::{BhytCard, Sex};

/// `"<Type>/<id>"`, the `record` handle of an item; `None` without an id.
pub fn record_ref(resource_type: &str, id: Option<&String>) -> Option<String> {
    id.filter(|id| !id.is_empty())
        .map(|id| format!("{resource_type}/{id}"))
}

/// The facility part of an actor: an Organization's display, or the "— facility" part of a
/// clinician's "Title Name — Facility" display (the store's convention for PractitionerRole).
pub fn facility_of_actor(r: &Reference) -> Option<String> {
    let display = r.display.as_deref()?.trim();
    if display.is_empty() {
        return None;
    }
    if r.id_of("Organization").is_some() {
        return Some(display.to_owned());
    }
    if r.id_of("PractitionerRole").is_some() {
        return display
            .rsplit_once(" — ")
            .map(|(_, facility)| facility.trim().to_owned())
            .filter(|f| !f.is_empty());
    }
    None
}

/// Whether a record carries the self-reported tag.
pub fn tagged_self_reported(meta: Option<&Meta>) -> bool {
    meta.is_some_and(|m| m.has_tag(CS_RECORD_SOURCE, RECORD_SOURCE_SELF_REPORTED))
}

/// Where and when a record was made: `actors` are its performer/recorder/asserter references.
/// Declared by the patient or a relative (or tagged so) means self-reported; the facility is
/// the first Organization among the actors, else a clinician role's facility.
pub fn provenance_of(
    date: Option<IsoDate>,
    actors: &[&Reference],
    meta: Option<&Meta>,
) -> Provenance {
    let by_citizen = actors
        .iter()
        .any(|r| r.id_of("Patient").is_some() || r.id_of("RelatedPerson").is_some());
    let self_reported = by_citizen || tagged_self_reported(meta);
    let organization = actors
        .iter()
        .find(|r| r.id_of("Organization").is_some())
        .and_then(|r| facility_of_actor(r));
    let facility = organization.or_else(|| {
        actors
            .iter()
            .find_map(|r| facility_of_actor(r))
            .filter(|_| !self_reported)
    });
    Provenance {
        date,
        facility,
        self_reported,
    }
}

/// The first date of several FHIR date fields that parses.
pub fn first_date(candidates: &[Option<&str>]) -> Option<IsoDate> {
    candidates.iter().flatten().find_map(|d| IsoDate::parse(d))
}

/// A person's age in whole years on `today`.
pub fn age_on(patient: &Patient, today: IsoDate) -> Option<i32> {
    let birth = patient.birth_date.as_deref().and_then(IsoDate::parse)?;
    Some(birth.years_until(today))
}

pub fn patient_header(patient: &Patient, id: &str) -> PatientHeader {
    PatientHeader {
        id: id.to_owned(),
        name: display_name(&patient.name).unwrap_or_else(|| "—".to_owned()),
        birth_date: patient.birth_date.as_deref().and_then(IsoDate::parse),
        sex: match patient.gender.as_deref() {
            Some("male") => Sex::Male,
            Some("female") => Sex::Female,
            Some("other") => Sex::Other,
            _ => Sex::Unknown,
        },
        cccd: identifier_in(&patient.identifier, SYSTEM_CCCD).map(str::to_owned),
    }
}

/// A facility as people see it, from the reference and the Organization when the store sent it.
pub fn facility(reference: &Reference, organizations: &[Organization]) -> Option<FacilityRef> {
    let id = reference.id_of("Organization");
    let org = id.and_then(|id| organizations.iter().find(|o| o.id.as_deref() == Some(id)));
    let name = org
        .and_then(|o| o.name.clone())
        .or_else(|| reference.display.clone())?;
    let code = org
        .and_then(|o| identifier_in(&o.identifier, SYSTEM_FACILITY))
        .map(str::to_owned);
    Some(FacilityRef { code, name })
}

/// The card to show: an active coverage with a valid BHYT number, latest expiry first.
pub fn current_card(coverages: &[Coverage]) -> Option<(BhytCard, &Coverage)> {
    let mut cards: Vec<(BhytCard, &Coverage)> = coverages
        .iter()
        .filter(|c| !matches!(c.status.as_deref(), Some("cancelled" | "entered-in-error")))
        .filter_map(|c| {
            let raw = identifier_in(&c.identifier, SYSTEM_BHYT).or(c.subscriber_id.as_deref())?;
            Some((BhytCard::parse(raw).ok()?, c))
        })
        .collect();
    cards.sort_by_key(|(_, c)| std::cmp::Reverse(coverage_end(c)));
    cards.into_iter().next()
}

fn coverage_end(c: &Coverage) -> Option<IsoDate> {
    c.period
        .as_ref()
        .and_then(|p| p.end.as_deref())
        .and_then(IsoDate::parse)
}

/// The card to show, as the summary shows it.
pub fn insurance(coverages: &[Coverage], registered: Option<FacilityRef>) -> Option<InsuranceCard> {
    let (card, coverage) = current_card(coverages)?;
    let level = card.benefit_level();
    Some(InsuranceCard {
        number: card.as_str().to_owned(),
        benefit_level: level.number(),
        coverage_percent: level.coverage_percent(),
        valid_from: coverage
            .period
            .as_ref()
            .and_then(|p| p.start.as_deref())
            .and_then(IsoDate::parse),
        expires: coverage_end(coverage),
        registered_facility: registered,
    })
}

/// Where and when an observation was made. Performed by the patient or a relative (or tagged
/// self-reported) means the citizen declared it.
pub fn observation_provenance(obs: &Observation) -> Provenance {
    let date = first_date(&[
        obs.effective_date_time.as_deref(),
        obs.effective_period
            .as_ref()
            .and_then(|p| p.start.as_deref()),
        obs.issued.as_deref(),
    ]);
    let actors: Vec<&Reference> = obs.performer.iter().collect();
    provenance_of(date, &actors, obs.meta.as_ref())
}

pub fn is_usable(obs: &Observation) -> bool {
    !matches!(
        obs.status.as_deref(),
        Some("entered-in-error" | "cancelled")
    )
}

/// A single-valued measurement (height, weight) if the observation has a usable value.
pub fn measurement(obs: &Observation) -> Option<Measurement> {
    if !is_usable(obs) {
        return None;
    }
    let q = obs.value_quantity.as_ref()?;
    let value = q.value.filter(|v| v.is_finite() && *v > 0.0)?;
    let unit = q
        .unit
        .clone()
        .or_else(|| q.code.clone())
        .unwrap_or_default();
    Some(Measurement {
        value,
        unit,
        source: observation_provenance(obs),
    })
}

fn component(obs: &Observation, code: &str) -> Option<f64> {
    obs.component
        .iter()
        .find(|c| c.code.has(SYSTEM_LOINC, code))
        .and_then(|c| c.value_quantity.as_ref()?.value)
        .filter(|v| v.is_finite() && *v > 0.0)
}

/// A blood-pressure panel; both components are required.
pub fn blood_pressure(obs: &Observation) -> Option<BloodPressure> {
    if !is_usable(obs) {
        return None;
    }
    Some(BloodPressure {
        systolic: component(obs, loinc::SYSTOLIC)?,
        diastolic: component(obs, loinc::DIASTOLIC)?,
        source: observation_provenance(obs),
    })
}

pub fn status_code(concept: Option<&CodeableConcept>) -> Option<&str> {
    concept?.coding.iter().find_map(|c| c.code.as_deref())
}

/// An allergy the person still has; refuted, resolved and mistaken entries are dropped.
pub fn allergy(a: &AllergyIntolerance) -> Option<Allergy> {
    if matches!(
        status_code(a.clinical_status.as_ref()),
        Some("inactive" | "resolved")
    ) || matches!(
        status_code(a.verification_status.as_ref()),
        Some("refuted" | "entered-in-error")
    ) {
        return None;
    }
    let substance = a.code.as_ref()?.label()?;
    let category = match a.category.first().map(String::as_str) {
        Some("medication") => AllergyCategory::Medication,
        Some("food") => AllergyCategory::Food,
        Some("environment") => AllergyCategory::Environment,
        Some("biologic") => AllergyCategory::Biologic,
        _ => AllergyCategory::Other,
    };
    let criticality = match a.criticality.as_deref() {
        Some("high") => Criticality::High,
        Some("low") => Criticality::Low,
        Some("unable-to-assess") => Criticality::UnableToAssess,
        _ => Criticality::Unknown,
    };
    let reaction = a.reaction.iter().find_map(|r| {
        r.manifestation
            .iter()
            .find_map(CodeableConcept::label)
            .or_else(|| r.description.clone())
    });
    let date = first_date(&[a.recorded_date.as_deref(), a.onset_date_time.as_deref()]);
    let actors: Vec<&Reference> = a.recorder.iter().chain(a.asserter.iter()).collect();
    let source = provenance_of(date, &actors, a.meta.as_ref());
    Some(Allergy {
        substance,
        category,
        criticality,
        reaction,
        source,
    })
}

/// How a clinician scans allergies: high criticality first, then drugs, then by name.
pub fn allergy_rank(a: &Allergy) -> (bool, bool, String) {
    (
        a.criticality != Criticality::High,
        a.category != AllergyCategory::Medication,
        a.substance.clone(),
    )
}

/// Sorts allergies the way a clinician scans them ([`allergy_rank`]).
pub fn sort_allergies(allergies: &mut [Allergy]) {
    allergies.sort_by_key(allergy_rank);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obs(v: serde_json::Value) -> Observation {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn weight_with_facility_and_date() {
        let o = obs(json!({
            "resourceType": "Observation", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7"}]},
            "effectiveDateTime": "2025-10-02T08:15:00+07:00",
            "performer": [{"reference": "Organization/fac-01001", "display": "Bệnh viện Bạch Mai"}],
            "valueQuantity": {"value": 61.5, "unit": "kg", "system": "http://unitsofmeasure.org", "code": "kg"}
        }));
        let m = measurement(&o).unwrap();
        assert_eq!(m.value, 61.5);
        assert_eq!(m.unit, "kg");
        assert_eq!(m.source.date.unwrap().display_vn(), "02/10/2025");
        assert_eq!(m.source.facility.as_deref(), Some("Bệnh viện Bạch Mai"));
        assert!(!m.source.self_reported);
    }

    #[test]
    fn odd_observations() {
        // No value, zero, NaN-like, entered in error: nothing to show.
        for v in [
            json!({"status": "final"}),
            json!({"status": "final", "valueQuantity": {"value": 0}}),
            json!({"status": "entered-in-error", "valueQuantity": {"value": 60, "unit": "kg"}}),
        ] {
            assert!(measurement(&obs(v)).is_none());
        }
        // Unit only as code; period instead of dateTime; self-reported.
        let m = measurement(&obs(json!({
            "valueQuantity": {"value": 160, "code": "cm"},
            "effectivePeriod": {"start": "2024-01-05"},
            "performer": [{"reference": "Patient/p1"}]
        })))
        .unwrap();
        assert_eq!(m.unit, "cm");
        assert_eq!(m.source.date.unwrap().to_string(), "2024-01-05");
        assert!(m.source.self_reported);
        assert_eq!(m.source.facility, None);
    }

    #[test]
    fn blood_pressure_needs_both_components() {
        let full = obs(json!({
            "status": "final",
            "effectiveDateTime": "2026-01-01",
            "component": [
                {"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]}, "valueQuantity": {"value": 135, "unit": "mm[Hg]"}},
                {"code": {"coding": [{"system": "http://loinc.org", "code": "8462-4"}]}, "valueQuantity": {"value": 85, "unit": "mm[Hg]"}}
            ]
        }));
        let bp = blood_pressure(&full).unwrap();
        assert_eq!((bp.systolic, bp.diastolic), (135.0, 85.0));
        let half = obs(json!({
            "component": [{"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]}, "valueQuantity": {"value": 135}}]
        }));
        assert!(blood_pressure(&half).is_none());
    }

    #[test]
    fn insurance_picks_latest_valid_card() {
        let cov = |v: serde_json::Value| -> Coverage { serde_json::from_value(v).unwrap() };
        let coverages = vec![
            cov(
                json!({"status": "active", "identifier": [{"system": SYSTEM_BHYT, "value": "HC4010123456789"}], "period": {"start": "2024-01-01", "end": "2024-12-31"}}),
            ),
            cov(
                json!({"status": "active", "identifier": [{"system": SYSTEM_BHYT, "value": "HT2010123456789"}], "period": {"start": "2025-01-01", "end": "2026-12-31"}}),
            ),
            cov(
                json!({"status": "active", "identifier": [{"system": SYSTEM_BHYT, "value": "not a card"}], "period": {"end": "2099-12-31"}}),
            ),
            cov(
                json!({"status": "cancelled", "identifier": [{"system": SYSTEM_BHYT, "value": "DN4010123456789"}], "period": {"end": "2098-12-31"}}),
            ),
        ];
        let registered = Some(FacilityRef {
            code: Some("01001".into()),
            name: "Trạm Y tế Phường Ba Đình".into(),
        });
        let card = insurance(&coverages, registered.clone()).unwrap();
        assert_eq!(card.number, "HT2010123456789");
        assert_eq!((card.benefit_level, card.coverage_percent), (2, 100));
        assert_eq!(card.expires.unwrap().to_string(), "2026-12-31");
        assert_eq!(card.registered_facility, registered);
        assert!(insurance(&[], None).is_none());
    }

    #[test]
    fn facility_prefers_organization_then_display() {
        let org: Organization = serde_json::from_value(json!({
            "id": "fac-1", "name": "Bệnh viện Chợ Rẫy",
            "identifier": [{"system": SYSTEM_FACILITY, "value": "79001"}]
        }))
        .unwrap();
        let r = Reference {
            reference: Some("Organization/fac-1".into()),
            display: Some("old".into()),
        };
        assert_eq!(
            facility(&r, std::slice::from_ref(&org)),
            Some(FacilityRef {
                code: Some("79001".into()),
                name: "Bệnh viện Chợ Rẫy".into()
            })
        );
        assert_eq!(
            facility(&r, &[]),
            Some(FacilityRef {
                code: None,
                name: "old".into()
            })
        );
        assert_eq!(facility(&Reference::default(), &[]), None);
    }

    #[test]
    fn allergies_filter_and_sort() {
        let a = |v: serde_json::Value| -> AllergyIntolerance { serde_json::from_value(v).unwrap() };
        let list = [
            a(
                json!({"category": ["food"], "criticality": "low", "code": {"text": "Hải sản"}, "recordedDate": "2020-05-01",
                     "recorder": {"reference": "PractitionerRole/r1", "display": "BS. Lê Văn C — Bệnh viện Bạch Mai"}}),
            ),
            a(
                json!({"category": ["medication"], "criticality": "high", "code": {"coding": [{"display": "Penicillin"}]},
                     "reaction": [{"manifestation": [{"text": "Phát ban"}]}]}),
            ),
            a(
                json!({"clinicalStatus": {"coding": [{"code": "resolved"}]}, "code": {"text": "Phấn hoa"}}),
            ),
            a(
                json!({"verificationStatus": {"coding": [{"code": "refuted"}]}, "code": {"text": "Sữa"}}),
            ),
            a(json!({"category": ["environment"]})),
        ];
        let mut out: Vec<Allergy> = list.iter().filter_map(allergy).collect();
        sort_allergies(&mut out);
        let names: Vec<&str> = out.iter().map(|a| a.substance.as_str()).collect();
        assert_eq!(names, ["Penicillin", "Hải sản"]);
        assert_eq!(out[0].reaction.as_deref(), Some("Phát ban"));
        assert_eq!(
            out[1].source.facility.as_deref(),
            Some("Bệnh viện Bạch Mai")
        );
        assert_eq!(out[1].category, AllergyCategory::Food);
    }

    #[test]
    fn patient_header_maps_identity() {
        let p: Patient = serde_json::from_value(json!({
            "resourceType": "Patient", "id": "p1", "gender": "female", "birthDate": "1985-03-09",
            "name": [{"use": "official", "text": "Phạm Thị Hồng Nhung", "family": "Phạm", "given": ["Thị", "Hồng", "Nhung"]}],
            "identifier": [{"system": SYSTEM_CCCD, "value": "001185012345"}]
        }))
        .unwrap();
        let h = patient_header(&p, "p1");
        assert_eq!(h.name, "Phạm Thị Hồng Nhung");
        assert_eq!(h.sex, Sex::Female);
        assert_eq!(h.cccd.as_deref(), Some("001185012345"));
        assert_eq!(h.birth_date.unwrap().display_vn(), "09/03/1985");
        let empty = patient_header(&Patient::default(), "x");
        assert_eq!(
            (empty.name.as_str(), empty.sex, empty.cccd),
            ("—", Sex::Unknown, None)
        );
    }
}
