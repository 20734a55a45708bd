//! The administrative page: identity, insurance, contact, legal representatives.

use super::{current_card, facility, insurance, patient_header};
use crate::access::relationship_of;
use crate::fhir::model::{
    Coverage, Organization, Patient, RelatedPerson, display_name, extension, identifier_in,
    phone_in,
};
use shared::book::card_status;
use shared::date::IsoDate;
use shared::dto::Provenance;
use shared::dto::book::{BookAdministrative, Correction, InsuranceDetails, Representative};
use shared::fhir::{EXT_ETHNICITY, EXT_NATIONALITY, EXT_OCCUPATION, SYSTEM_CCCD};

/// The nationality in words: the `code` sub-extension of HL7's nationality extension.
fn nationality(patient: &Patient) -> Option<String> {
    let ext = extension(&patient.extension, EXT_NATIONALITY)?;
    extension(&ext.extension, "code")
        .and_then(|code| code.text())
        .or_else(|| ext.text())
}

pub fn representatives(links: &[RelatedPerson]) -> Vec<Representative> {
    let mut out: Vec<Representative> = links
        .iter()
        .filter(|rp| rp.active != Some(false))
        .filter_map(|rp| {
            Some(Representative {
                name: display_name(&rp.name)?,
                relationship: relationship_of(rp),
                relationship_text: rp
                    .relationship
                    .iter()
                    .find_map(|c| c.text.clone().or_else(|| c.label())),
                cccd: identifier_in(&rp.identifier, SYSTEM_CCCD).map(str::to_owned),
                phone: phone_in(&rp.telecom),
                since: rp
                    .period
                    .as_ref()
                    .and_then(|p| p.start.as_deref())
                    .and_then(IsoDate::parse),
            })
        })
        .collect();
    out.sort_by(|a, b| a.since.cmp(&b.since).then_with(|| a.name.cmp(&b.name)));
    out
}

pub fn administrative(
    patient: &Patient,
    id: &str,
    organizations: &[Organization],
    coverages: &[Coverage],
    links: &[RelatedPerson],
    today: IsoDate,
    corrections: Vec<Correction>,
) -> BookAdministrative {
    let registered = patient
        .general_practitioner
        .iter()
        .find_map(|r| facility(r, organizations));
    let details = insurance(coverages, registered).and_then(|card| {
        let (bhyt, coverage) = current_card(coverages)?;
        let (status, days_to_expiry) = card_status(card.valid_from, card.expires, today);
        let class = coverage
            .class
            .iter()
            .find(|c| c.value.as_deref() == Some(bhyt.group()))
            .or_else(|| coverage.class.first());
        Some(InsuranceDetails {
            group: bhyt.group().to_owned(),
            group_name: class.and_then(|c| c.name.clone()),
            status,
            days_to_expiry,
            source: Provenance {
                date: card.valid_from,
                facility: coverage.payor.iter().find_map(|p| p.display.clone()),
                self_reported: false,
            },
            card,
        })
    });
    BookAdministrative {
        patient: patient_header(patient, id),
        ethnicity: extension(&patient.extension, EXT_ETHNICITY).and_then(|e| e.text()),
        nationality: nationality(patient),
        occupation: extension(&patient.extension, EXT_OCCUPATION).and_then(|e| e.text()),
        phone: phone_in(&patient.telecom),
        address: patient
            .address
            .iter()
            .find(|a| a.use_.as_deref() == Some("home"))
            .or_else(|| patient.address.first())
            .and_then(|a| a.one_line()),
        insurance: details,
        representatives: representatives(links),
        corrections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use shared::dto::Relationship;
    use shared::dto::book::CardStatus;

    #[test]
    fn a_child_with_parents_and_a_card() {
        let patient: Patient = serde_json::from_value(json!({
            "id": "c1", "gender": "male", "birthDate": "2025-01-22",
            "name": [{"use": "official", "text": "Vũ Gia Huy"}],
            "telecom": [{"system": "email", "value": "x@y"}],
            "address": [{"use": "home", "line": ["Số 8 ngõ 165 phố Cầu Giấy"], "city": "Phường Cầu Giấy", "state": "Thành phố Hà Nội"}],
            "generalPractitioner": [{"reference": "Organization/o1", "display": "Trạm Y tế Phường Cầu Giấy"}],
            "extension": [
                {"url": EXT_ETHNICITY, "valueCodeableConcept": {"coding": [{"code": "01"}], "text": "Kinh"}},
                {"url": EXT_NATIONALITY, "extension": [{"url": "code", "valueCodeableConcept": {"coding": [{"system": "urn:iso:std:iso:3166", "code": "VN"}], "text": "Việt Nam"}}]},
                {"url": EXT_OCCUPATION, "valueString": "Trẻ em dưới 6 tuổi"}
            ]
        }))
        .unwrap();
        let coverages: Vec<Coverage> = serde_json::from_value(json!([{
            "status": "active",
            "identifier": [{"system": shared::fhir::SYSTEM_BHYT, "value": "TE1010123456789"}],
            "period": {"start": "2025-01-22", "end": "2026-12-10"},
            "payor": [{"display": "Bảo hiểm xã hội Việt Nam"}],
            "class": [{"type": {}, "value": "TE", "name": "Trẻ em dưới 6 tuổi"}]
        }]))
        .unwrap();
        let links: Vec<RelatedPerson> = serde_json::from_value(json!([
            {"id": "r1", "active": true, "name": [{"text": "Đỗ Thị Phương Thảo"}],
             "relationship": [{"coding": [{"system": shared::fhir::CS_V3_ROLE_CODE, "code": "MTH"}], "text": "Mẹ"}],
             "identifier": [{"system": SYSTEM_CCCD, "value": "001194012345"}],
             "telecom": [{"system": "phone", "value": "0912345678", "use": "mobile"}],
             "period": {"start": "2025-01-22"}},
            {"id": "r2", "active": false, "name": [{"text": "Người cũ"}]},
            {"id": "r3", "name": []}
        ]))
        .unwrap();
        let today = IsoDate::new(2026, 11, 23).unwrap();
        let page = administrative(&patient, "c1", &[], &coverages, &links, today, vec![]);
        assert_eq!(page.ethnicity.as_deref(), Some("Kinh"));
        assert_eq!(page.nationality.as_deref(), Some("Việt Nam"));
        assert_eq!(page.occupation.as_deref(), Some("Trẻ em dưới 6 tuổi"));
        assert_eq!(page.phone, None);
        assert_eq!(
            page.address.as_deref(),
            Some("Số 8 ngõ 165 phố Cầu Giấy, Phường Cầu Giấy, Thành phố Hà Nội")
        );
        let ins = page.insurance.unwrap();
        assert_eq!(
            (ins.group.as_str(), ins.group_name.as_deref()),
            ("TE", Some("Trẻ em dưới 6 tuổi"))
        );
        // 17 days to go: time to renew.
        assert_eq!(
            (ins.status, ins.days_to_expiry),
            (CardStatus::ExpiringSoon, Some(17))
        );
        assert_eq!(
            ins.card.registered_facility.unwrap().name,
            "Trạm Y tế Phường Cầu Giấy"
        );
        assert_eq!(
            ins.source.facility.as_deref(),
            Some("Bảo hiểm xã hội Việt Nam")
        );
        assert_eq!(page.representatives.len(), 1);
        let mother = &page.representatives[0];
        assert_eq!(mother.relationship, Relationship::Parent);
        assert_eq!(mother.relationship_text.as_deref(), Some("Mẹ"));
        assert_eq!(mother.phone.as_deref(), Some("0912345678"));
        assert_eq!(mother.cccd.as_deref(), Some("001194012345"));
    }

    #[test]
    fn a_bare_patient() {
        let patient = Patient::default();
        let page = administrative(
            &patient,
            "x",
            &[],
            &[],
            &[],
            IsoDate::new(2026, 1, 1).unwrap(),
            vec![],
        );
        assert!(page.insurance.is_none() && page.address.is_none() && page.ethnicity.is_none());
        assert!(page.representatives.is_empty());
    }
}
