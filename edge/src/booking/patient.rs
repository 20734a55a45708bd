//! Whom a booking may be for, and the record of it.
//!
//! - Oneself: always.
//! - A dependant: when the store links the caller to them (an active RelatedPerson with the
//!   caller's CCCD) — decided by `access::open_book`, the single authority on that.
//! - Anyone else: by their number (BHYT 15-character card, 10-digit BHXH or 12-digit CCCD)
//!   plus a date of birth that matches the store. "No such number" and "wrong date of birth"
//!   get the same answer, and the answer names the person only by family name and initials.
//!
//! Every action on someone else's behalf (booking, cancelling, looking up their registered
//! facility) is written to the store as an `AuditEvent` before it takes effect; if the record
//! cannot be written, the action does not happen.

use super::directory::Directory;
use super::facility_day::Subject;
use super::records::masked_name;
use super::{BookingError, codes, refusal};
use crate::access::{self, Ground};
use crate::auth::session::Principal;
use crate::error::AppError;
use crate::fhir::Store;
use crate::fhir::model::{Coverage, Patient, display_name, identifier_in};
use serde_json::{Value, json};
use shared::copay::Cover;
use shared::date::IsoDate;
use shared::dto::booking::{BookedFor, PatientChoice, PersonLabel};
use shared::fhir::SYSTEM_BHYT;
use shared::id::{BhytCard, InsuranceLookup};

/// The resolved patient of a booking, with what the estimate needs.
pub struct Resolved {
    pub subject: Subject,
    /// The card's benefit level and whether it names this facility.
    pub benefit: Option<shared::id::BenefitLevel>,
    /// Code of the registered primary-care facility, if known.
    pub registered_code: Option<String>,
}

impl Resolved {
    pub fn cover_at(&self, facility_code: &str) -> Cover {
        Cover {
            benefit: self.benefit,
            registered_here: self.registered_code.as_deref() == Some(facility_code),
        }
    }
}

/// The signed-in citizen, or 403 for staff.
pub fn citizen(principal: &Principal) -> Result<(&str, &str, &str), BookingError> {
    match principal {
        Principal::Citizen {
            patient,
            cccd,
            name,
        } => Ok((patient.as_str(), cccd.as_str(), name.as_str())),
        Principal::Staff { .. } => Err(refusal(codes::NOT_AUTHORIZED)),
    }
}

/// Decides whom the booking is for (see the module documentation).
pub async fn resolve(
    store: &Store,
    directory: &Directory,
    principal: &Principal,
    choice: Option<&PatientChoice>,
    today: IsoDate,
) -> Result<Resolved, BookingError> {
    let (own, own_cccd, _) = citizen(principal)?;
    let (patient_id, relation) = match choice {
        None => (own.to_owned(), BookedFor::Own),
        Some(PatientChoice::Id(id)) if id == own => (own.to_owned(), BookedFor::Own),
        Some(PatientChoice::Id(id)) => {
            let access = access::open_book(store, principal, Some(id)).await?;
            match access.ground {
                Ground::Owner => (own.to_owned(), BookedFor::Own),
                Ground::Representative { .. } => (access.patient, BookedFor::Dependant),
            }
        }
        Some(PatientChoice::Number(number)) => {
            let lookup = InsuranceLookup::parse(&number.number)
                .map_err(|_| refusal(codes::PERSON_NOT_MATCHED))?;
            if let InsuranceLookup::PersonalId(cccd) = &lookup
                && cccd.as_str() == own_cccd
            {
                (own.to_owned(), BookedFor::Own)
            } else {
                let found = super::directory::registered_org_of(store, &lookup).await?;
                let Some((id, _)) = found else {
                    return Err(refusal(codes::PERSON_NOT_MATCHED));
                };
                if id == own {
                    (own.to_owned(), BookedFor::Own)
                } else {
                    let patient = read_patient(store, &id).await?;
                    let birth = patient.birth_date.as_deref().and_then(IsoDate::parse);
                    if birth != Some(number.birth_date) {
                        return Err(refusal(codes::PERSON_NOT_MATCHED));
                    }
                    (id, BookedFor::Other)
                }
            }
        }
    };
    let patient = read_patient(store, &patient_id).await?;
    let name = display_name(&patient.name).unwrap_or_default();
    let coverages: Vec<Coverage> = store
        .search(
            "Coverage",
            &[("beneficiary", &format!("Patient/{patient_id}"))],
        )
        .await?
        .matches_as();
    let benefit = current_card(&coverages, today).map(|c| c.benefit_level());
    let registered_code = patient
        .general_practitioner
        .iter()
        .find_map(|r| r.id_of("Organization"))
        .and_then(|org| directory.by_org(org))
        .map(|f| f.brief.code.clone());
    let label = PersonLabel {
        name: if relation == BookedFor::Other {
            masked_name(&name)
        } else {
            name.clone()
        },
        relation,
    };
    Ok(Resolved {
        subject: Subject {
            patient_id,
            name,
            label,
            birth_date: patient.birth_date.as_deref().and_then(IsoDate::parse),
        },
        benefit,
        registered_code,
    })
}

async fn read_patient(store: &Store, id: &str) -> Result<Patient, BookingError> {
    let value = store
        .read("Patient", id)
        .await?
        .ok_or_else(|| refusal(codes::PERSON_NOT_MATCHED))?;
    serde_json::from_value(value).map_err(|_| AppError::internal("patient decode").into())
}

/// The card in force today, if any.
pub fn current_card(coverages: &[Coverage], today: IsoDate) -> Option<BhytCard> {
    coverages
        .iter()
        .filter(|c| c.status.as_deref() != Some("cancelled"))
        .filter(|c| {
            c.period
                .as_ref()
                .and_then(|p| p.end.as_deref())
                .and_then(IsoDate::parse)
                .is_none_or(|end| end >= today)
        })
        .find_map(|c| {
            identifier_in(&c.identifier, SYSTEM_BHYT)
                .or(c.subscriber_id.as_deref())
                .and_then(|n| BhytCard::parse(n).ok())
        })
}

/// Whether `principal` may see and change `patient`'s appointments (owner or linked
/// representative), and on what ground.
pub async fn may_manage(
    store: &Store,
    principal: &Principal,
    patient: &str,
) -> Result<Option<access::BookAccess>, BookingError> {
    let (own, _, _) = citizen(principal)?;
    if patient == own {
        return Ok(Some(access::BookAccess {
            patient: own.to_owned(),
            ground: Ground::Owner,
        }));
    }
    match access::open_book(store, principal, Some(patient)).await {
        Ok(a) => Ok(Some(a)),
        Err(AppError::Forbidden { .. }) | Err(AppError::BadRequest { .. }) => Ok(None),
        Err(err) => Err(err.into()),
    }
}

/// What a non-owner did, for the audit record.
pub enum Action {
    /// Looked up someone's registered facility by their number.
    Lookup,
    /// Booked for someone.
    Book,
    /// Cancelled or rescheduled someone's appointment.
    Change,
    /// Read someone's appointments.
    Read,
    /// Clinic staff changed a booking's status.
    ClinicStatus,
    /// Clinic staff opened the day's list.
    ClinicList,
}

/// The caller as an `AuditEvent.agent`.
pub fn agent_of(principal: &Principal) -> Value {
    match principal {
        Principal::Citizen { patient, name, .. } => json!({
            "who": {"reference": format!("Patient/{patient}"), "display": name},
            "requestor": true,
        }),
        Principal::Staff {
            facility_code,
            name,
        } => json!({
            "who": {"display": format!("{name} — {facility_code}")},
            "altId": format!("staff:{facility_code}"),
            "requestor": true,
        }),
    }
}

/// An `AuditEvent` (without id) saying `agent` did `action` concerning `patients`.
pub fn audit_event(agent: &Value, patients: &[&str], action: Action) -> Value {
    let staff = agent.get("altId").is_some();
    let (code, action_code, description) = match action {
        Action::Lookup => ("read", "R", "registered facility looked up by number"),
        Action::Book => ("create", "C", "appointment booked on their behalf"),
        Action::Change => (
            "update",
            "U",
            "appointment cancelled or rescheduled on their behalf",
        ),
        Action::Read => ("read", "R", "appointments read"),
        Action::ClinicStatus => ("update", "U", "appointment status changed by the facility"),
        Action::ClinicList => ("read", "R", "listed in the facility's day list"),
    };
    let recorded = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    let entities: Vec<Value> = patients
        .iter()
        .map(|p| json!({"what": {"reference": format!("Patient/{p}")}, "description": description}))
        .collect();
    json!({
        "resourceType": "AuditEvent",
        "type": {"system": "http://terminology.hl7.org/CodeSystem/audit-event-type", "code": "rest", "display": "RESTful Operation"},
        "subtype": [{"system": "http://hl7.org/fhir/restful-interaction", "code": code, "display": code}],
        "action": action_code,
        "recorded": recorded,
        "outcome": "0",
        "purposeOfEvent": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "PATADMT", "display": "patient administration"}],
            "text": if staff { "Cơ sở khám chữa bệnh tiếp đón người bệnh" } else { "Người thân đặt hoặc quản lý lịch khám" }}],
        "agent": [agent],
        "source": {"observer": {"display": "Sổ Sức Khỏe edge"}},
        "entity": entities,
    })
}

/// Writes an `AuditEvent` for an action by `principal` concerning `patients` (nothing when the
/// only patient is the principal themself). Callers fail the action if this fails.
pub async fn audit(
    store: &Store,
    principal: &Principal,
    patients: &[&str],
    action: Action,
) -> Result<(), AppError> {
    if let Principal::Citizen { patient, .. } = principal
        && patients.iter().all(|p| p == patient)
    {
        return Ok(());
    }
    if patients.is_empty() {
        return Ok(());
    }
    store
        .create(&audit_event(&agent_of(principal), patients, action))
        .await
        .map(|_| ())
}

/// Records a card lookup of someone else's registered facility.
pub async fn audit_lookup(
    store: &Store,
    principal: &Principal,
    patient: &str,
) -> Result<(), AppError> {
    audit(store, principal, &[patient], Action::Lookup).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coverage(number: &str, end: &str) -> Coverage {
        serde_json::from_value(json!({
            "status": "active",
            "identifier": [{"system": SYSTEM_BHYT, "value": number}],
            "period": {"end": end}
        }))
        .unwrap()
    }

    #[test]
    fn the_current_card_is_the_unexpired_one() {
        let today = IsoDate::new(2026, 11, 23).unwrap();
        let old = coverage("HC4010123456789", "2025-12-31");
        let current = coverage("DN3790123456789", "2026-12-31");
        let card = current_card(&[old.clone(), current], today).unwrap();
        assert_eq!(card.benefit_level().number(), 3);
        assert!(current_card(&[old], today).is_none());
        assert!(current_card(&[], today).is_none());
    }
}
