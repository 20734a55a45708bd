//! Correction requests: `GET` the book's list, `POST` a new one ("this is wrong / missing").
//!
//! A request becomes a FHIR `Task` for the facility the item came from (see
//! `shared::fhir::CS_BOOK_TASK`). The item must be in the open book: anything else is answered
//! exactly like an item that does not exist.

use super::map::{self, corrections as tasks};
use super::{corrections_of, now, open, patient, read_json};
use crate::access::{self, Ground};
use crate::error::AppError;
use crate::fhir::model::{Organization, Reference, Task, display_name};
use crate::{Ctx, http};
use futures_util::join;
use shared::dto::book::{BookCorrections, CorrectionKind, CorrectionRequest};
use shared::fhir::{SYSTEM_FACILITY, token};
use shared::id::FacilityCode;
use worker::{Request, Response};

/// `GET /api/v1/book/corrections[?patient=]`.
pub async fn list(ctx: &Ctx<'_>, req: &Request) -> Result<Response, AppError> {
    let (principal, access) = open(ctx, req).await?;
    let store = &ctx.store;
    let id = access.patient.as_str();
    let patient_ref = format!("Patient/{id}");
    let (p, list, audit) = join!(
        patient(store, id),
        corrections_of(store, &patient_ref),
        access::record(
            store,
            &principal,
            &access,
            "health book: correction requests"
        ),
    );
    audit?;
    let (patient, _) = p?;
    http::json(
        200,
        &BookCorrections {
            patient: map::patient_header(&patient, id),
            corrections: list?,
        },
    )
}

fn unknown_record() -> AppError {
    AppError::bad_request(
        "unknown_record",
        "Không tìm thấy mục này trong sổ sức khỏe đang mở. / \
         This item is not in the open health book.",
    )
}

/// The facility that should correct `resource`: the Organization it names, else the one of
/// its visit, else the facility of the clinician role that recorded it.
async fn source_facility(
    ctx: &Ctx<'_>,
    resource: &serde_json::Value,
) -> Result<Option<Reference>, AppError> {
    if let Some(org) = tasks::organization_in(resource) {
        return Ok(Some(org));
    }
    let reference = |v: &serde_json::Value| v["reference"].as_str().map(str::to_owned);
    if let Some(encounter) = reference(&resource["encounter"])
        .and_then(|r| r.strip_prefix("Encounter/").map(str::to_owned))
        && let Some(visit) = ctx.store.read("Encounter", &encounter).await?
        && let Some(org) = tasks::organization_in(&visit["serviceProvider"])
    {
        return Ok(Some(org));
    }
    for key in ["recorder", "asserter", "requester"] {
        if let Some(role) = reference(&resource[key])
            .and_then(|r| r.strip_prefix("PractitionerRole/").map(str::to_owned))
            && let Some(role) = ctx.store.read("PractitionerRole", &role).await?
            && let Some(org) = tasks::organization_in(&role["organization"])
        {
            return Ok(Some(org));
        }
    }
    Ok(None)
}

fn registered_facility(
    patient: &crate::fhir::model::Patient,
    organizations: &[Organization],
) -> Option<Reference> {
    let gp = patient
        .general_practitioner
        .iter()
        .find(|r| r.id_of("Organization").is_some())?;
    let name = map::facility(gp, organizations).map(|f| f.name);
    Some(Reference {
        reference: gp.reference.clone(),
        display: name.or_else(|| gp.display.clone()),
    })
}

/// `POST /api/v1/book/corrections[?patient=]` → 201 with the new request.
pub async fn create(ctx: &Ctx<'_>, req: &mut Request) -> Result<Response, AppError> {
    let (principal, access) = open(ctx, req).await?;
    let request: CorrectionRequest = read_json(req).await?;
    let description = tasks::validate(&request)
        .map_err(|(code, message)| AppError::bad_request(code, message))?;
    let store = &ctx.store;
    let id = access.patient.as_str();
    let (patient, organizations) = patient(store, id).await?;
    let owner = match (&request.record, request.kind, &request.facility_code) {
        (Some(record), _, _) => {
            let (ty, item) = tasks::parse_record(record).ok_or_else(unknown_record)?;
            let resource = store.read(ty, item).await?.ok_or_else(unknown_record)?;
            if !map::export::is_about(&resource, id) {
                return Err(unknown_record());
            }
            match source_facility(ctx, &resource).await? {
                Some(org) => Some(org),
                None => registered_facility(&patient, &organizations),
            }
        }
        (None, CorrectionKind::Missing, Some(code)) if !code.trim().is_empty() => {
            let code = FacilityCode::parse(code).map_err(|_| unknown_facility())?;
            let found = store
                .search(
                    "Organization",
                    &[("identifier", &token(SYSTEM_FACILITY, code.as_str()))],
                )
                .await?;
            let org = found
                .matches_as::<Organization>()
                .into_iter()
                .next()
                .ok_or_else(unknown_facility)?;
            Some(Reference {
                reference: org.id.as_ref().map(|i| format!("Organization/{i}")),
                display: org.name.clone(),
            })
        }
        _ => registered_facility(&patient, &organizations),
    };
    let requester = match (&access.ground, &principal) {
        (Ground::Representative { related_person, .. }, _) => Reference {
            reference: Some(format!("RelatedPerson/{related_person}")),
            display: match &principal {
                crate::auth::session::Principal::Citizen { name, .. } => Some(name.clone()),
                _ => None,
            },
        },
        _ => Reference {
            reference: Some(format!("Patient/{id}")),
            display: display_name(&patient.name),
        },
    };
    access::record_write(
        store,
        &principal,
        &access,
        "health book: correction request",
    )
    .await?;
    let (_, instant) = now();
    let task = tasks::new_task(
        id,
        &request,
        &description,
        owner.as_ref(),
        &requester,
        &instant,
    );
    let stored = store.create(&task).await?;
    let task: Task = serde_json::from_value(stored)
        .map_err(|_| AppError::internal("store answered a Task create with garbage"))?;
    let correction = tasks::correction(&task)
        .ok_or_else(|| AppError::internal("store lost the correction Task's code"))?;
    http::json(201, &correction)
}

fn unknown_facility() -> AppError {
    AppError::bad_request(
        "unknown_facility",
        "Không tìm thấy cơ sở y tế với mã này. Vui lòng kiểm tra mã 5 ký tự. / \
         No facility has this code. Please check the 5-character code.",
    )
}
