//! Who may open which health book. The single place where that is decided.
//!
//! Rules: the owner opens their own book; a guardian or carer opens a dependant's book when the
//! store links them (an active `RelatedPerson` whose `patient` is the dependant and whose
//! identifier is the guardian's CCCD). Nothing a client sends can widen this: the `?patient=`
//! parameter only selects among books the store already allows. Every opening of a book by
//! someone other than its owner is recorded in the store as an `AuditEvent` before data flows.

use crate::auth::session::Principal;
use crate::error::AppError;
use crate::fhir::model::{Patient, RelatedPerson, display_name};
use crate::fhir::{Store, is_valid_id};
use serde_json::json;
use shared::date::IsoDate;
use shared::dto::{Dependant, Relationship};
use shared::fhir::{CS_V3_ROLE_CODE, SYSTEM_CCCD, token};

/// On what ground a book is open.
#[derive(Clone, Debug, PartialEq)]
pub enum Ground {
    Owner,
    /// Acting for a dependant through this RelatedPerson.
    Representative {
        related_person: String,
        relationship: Relationship,
    },
}

/// An authorised opening of one book.
#[derive(Clone, Debug)]
pub struct BookAccess {
    pub patient: String,
    pub ground: Ground,
}

fn forbidden() -> AppError {
    AppError::forbidden(
        "not_authorized",
        "Bạn không có quyền mở sổ sức khỏe này. / You are not allowed to open this health book.",
    )
}

/// Maps a v3 RoleCode to how the book names the relationship.
pub fn relationship_of(rp: &RelatedPerson) -> Relationship {
    let codes: Vec<&str> = rp
        .relationship
        .iter()
        .filter_map(|c| c.code_in(CS_V3_ROLE_CODE))
        .collect();
    const PARENT: &[&str] = &[
        "MTH", "FTH", "PRN", "NMTH", "NFTH", "NPRN", "ADOPTMTH", "ADOPTFTH", "ADOPTPRN", "STPMTH",
        "STPFTH", "STPPRN",
    ];
    if codes.iter().any(|c| PARENT.contains(c)) {
        Relationship::Parent
    } else if codes.contains(&"GUARD") {
        Relationship::Guardian
    } else {
        Relationship::Carer
    }
}

/// Active links that let `cccd` act for someone: RelatedPersons carrying that CCCD.
/// With `patient`, only links to that dependant.
async fn links(
    store: &Store,
    cccd: &str,
    patient: Option<&str>,
) -> Result<Vec<RelatedPerson>, AppError> {
    let identifier = token(SYSTEM_CCCD, cccd);
    let patient_ref = patient.map(|p| format!("Patient/{p}"));
    let mut params = vec![("identifier", identifier.as_str()), ("active", "true")];
    if let Some(p) = patient_ref.as_deref() {
        params.push(("patient", p));
    }
    let found = store.search("RelatedPerson", &params).await?;
    // The store filtered already; re-check here so a store that ignores a parameter cannot
    // grant access by accident.
    Ok(found
        .matches_as::<RelatedPerson>()
        .into_iter()
        .filter(|rp| rp.active != Some(false))
        .filter(|rp| {
            rp.identifier.iter().any(|i| {
                i.system.as_deref() == Some(SYSTEM_CCCD) && i.value.as_deref() == Some(cccd)
            })
        })
        .filter(|rp| {
            match (
                patient,
                rp.patient.as_ref().and_then(|r| r.id_of("Patient")),
            ) {
                (Some(want), Some(got)) => want == got,
                (None, Some(_)) => true,
                _ => false,
            }
        })
        .collect())
}

/// The dependants `principal` may act for, with names, for `GET /me`.
pub async fn dependants(store: &Store, principal: &Principal) -> Result<Vec<Dependant>, AppError> {
    let Principal::Citizen { cccd, .. } = principal else {
        return Ok(Vec::new());
    };
    let links = links(store, cccd, None).await?;
    if links.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<&str> = links
        .iter()
        .filter_map(|rp| rp.patient.as_ref()?.id_of("Patient"))
        .collect();
    let joined = ids.join(",");
    let patients: Vec<Patient> = store
        .search("Patient", &[("_id", &joined)])
        .await?
        .matches_as();
    let mut out: Vec<Dependant> = links
        .iter()
        .filter_map(|rp| {
            let id = rp.patient.as_ref()?.id_of("Patient")?;
            let patient = patients.iter().find(|p| p.id.as_deref() == Some(id))?;
            Some(Dependant {
                patient: id.to_owned(),
                name: display_name(&patient.name)?,
                birth_date: patient.birth_date.as_deref().and_then(IsoDate::parse),
                relationship: relationship_of(rp),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        a.birth_date
            .cmp(&b.birth_date)
            .then_with(|| a.name.cmp(&b.name))
    });
    out.dedup_by(|a, b| a.patient == b.patient);
    Ok(out)
}

/// Decides whether `principal` may open the book of `requested` (own book when `None`).
pub async fn open_book(
    store: &Store,
    principal: &Principal,
    requested: Option<&str>,
) -> Result<BookAccess, AppError> {
    let Principal::Citizen {
        patient: own, cccd, ..
    } = principal
    else {
        // Clinic staff open a book only through a citizen's share grant (not built yet).
        return Err(forbidden());
    };
    let requested = match requested {
        None => {
            return Ok(BookAccess {
                patient: own.clone(),
                ground: Ground::Owner,
            });
        }
        Some(id) if id == own => {
            return Ok(BookAccess {
                patient: own.clone(),
                ground: Ground::Owner,
            });
        }
        Some(id) if !is_valid_id(id) => {
            return Err(AppError::bad_request(
                "bad_patient_id",
                "Mã sổ sức khỏe không hợp lệ. / The health book id is not valid.",
            ));
        }
        Some(id) => id,
    };
    let link = links(store, cccd, Some(requested))
        .await?
        .into_iter()
        .next()
        .ok_or_else(forbidden)?;
    Ok(BookAccess {
        patient: requested.to_owned(),
        ground: Ground::Representative {
            related_person: link.id.clone().unwrap_or_default(),
            relationship: relationship_of(&link),
        },
    })
}

/// What someone other than the owner did with a book.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Read a screen or exported the book.
    Read,
    /// Added self-reported data or a correction request.
    Create,
}

/// Records an opening of a book by someone other than its owner (owner reads need no record).
/// Callers await this together with the data and fail the request if it fails: there is no
/// unrecorded access.
pub async fn record(
    store: &Store,
    principal: &Principal,
    access: &BookAccess,
    what: &str,
) -> Result<(), AppError> {
    record_action(store, principal, access, Action::Read, what).await
}

/// Records a write to a book by someone other than its owner (a guardian declaring data or
/// asking for a correction for a dependant). Awaited before the write: no unrecorded write.
pub async fn record_write(
    store: &Store,
    principal: &Principal,
    access: &BookAccess,
    what: &str,
) -> Result<(), AppError> {
    record_action(store, principal, access, Action::Create, what).await
}

async fn record_action(
    store: &Store,
    principal: &Principal,
    access: &BookAccess,
    action: Action,
    what: &str,
) -> Result<(), AppError> {
    let Ground::Representative { related_person, .. } = &access.ground else {
        return Ok(());
    };
    let (interaction, action_code, purpose) = match action {
        Action::Read => ("read", "R", "Người giám hộ xem sổ sức khỏe"),
        Action::Create => ("create", "C", "Người giám hộ bổ sung sổ sức khỏe"),
    };
    let actor = match principal {
        Principal::Citizen { patient, name, .. } => json!({
            "who": { "reference": format!("RelatedPerson/{related_person}"), "display": name },
            "altId": format!("Patient/{patient}"),
            "requestor": true,
        }),
        Principal::Staff { .. } => return Err(forbidden()),
    };
    let recorded = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    let event = json!({
        "resourceType": "AuditEvent",
        "type": { "system": "http://terminology.hl7.org/CodeSystem/audit-event-type", "code": "rest", "display": "RESTful Operation" },
        "subtype": [{ "system": "http://hl7.org/fhir/restful-interaction", "code": interaction, "display": interaction }],
        "action": action_code,
        "recorded": recorded,
        "outcome": "0",
        "purposeOfEvent": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "PATADMT", "display": "patient administration" }], "text": purpose }],
        "agent": [actor],
        "source": { "observer": { "display": "Sổ Sức Khỏe edge" } },
        "entity": [{ "what": { "reference": format!("Patient/{}", access.patient) }, "description": what }],
    });
    store.create(&event).await.map(|_| ())
}
