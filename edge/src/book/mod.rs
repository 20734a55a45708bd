//! The health book: `GET /api/v1/book/…`.
//!
//! One round trip per screen for the browser: the edge fans out FHIR queries in parallel and
//! answers one DTO.

/// FHIR → DTO mapping (pure).
pub mod map;

use crate::access::{self, BookAccess};
use crate::auth::session::Principal;
use crate::error::AppError;
use crate::fhir::Store;
use crate::fhir::model::{AllergyIntolerance, Coverage, Observation, Organization, Patient};
use crate::{Ctx, http};
use futures_util::join;
use shared::dto::{BookSummary, LatestVitals};
use shared::fhir::{SYSTEM_LOINC, loinc, token};
use worker::{Method, Request, Response};

/// (method, path template) of every health-book route.
pub const ROUTES: &[(&str, &str)] = &[("GET", "/api/v1/book/summary")];

/// Answers `req` if it is a health-book route, else `None`.
pub async fn handle(
    ctx: &Ctx<'_>,
    req: &mut Request,
    method: &Method,
    path: &str,
) -> Option<Result<Response, AppError>> {
    match (method, path) {
        (Method::Get, "/api/v1/book/summary") => Some(get_summary(ctx, req).await),
        _ => None,
    }
}

async fn get_summary(ctx: &Ctx<'_>, req: &Request) -> Result<Response, AppError> {
    let principal = ctx.principal(req).await?;
    let requested = http::query(req, "patient")?;
    http::json(
        200,
        &summary(&ctx.store, &principal, requested.as_deref()).await?,
    )
}

/// Observation statuses that count as results (not cancelled, not mistaken).
const RESULT_STATUSES: &str = "final,amended,corrected,preliminary";

/// The newest observation of `code` for `patient`.
async fn latest(
    store: &Store,
    patient_ref: &str,
    code: &str,
) -> Result<Option<Observation>, AppError> {
    let code = token(SYSTEM_LOINC, code);
    let found = store
        .first_page(
            "Observation",
            &[
                ("patient", patient_ref),
                ("code", &code),
                ("status", RESULT_STATUSES),
                ("_sort", "-date"),
                ("_count", "1"),
            ],
        )
        .await?;
    Ok(found.matches_as::<Observation>().into_iter().next())
}

/// `GET /api/v1/book/summary[?patient=<id>]`.
pub async fn summary(
    store: &Store,
    principal: &Principal,
    requested: Option<&str>,
) -> Result<BookSummary, AppError> {
    let access = access::open_book(store, principal, requested).await?;
    load_summary(store, principal, &access).await
}

async fn load_summary(
    store: &Store,
    principal: &Principal,
    access: &BookAccess,
) -> Result<BookSummary, AppError> {
    let id = access.patient.as_str();
    let patient_ref = format!("Patient/{id}");
    let patient_params = [("_id", id), ("_include", "Patient:general-practitioner")];
    let coverage_params = [("beneficiary", patient_ref.as_str())];
    let allergy_params = [("patient", patient_ref.as_str())];
    let (patient, coverages, height, weight, bp, allergies, audit) = join!(
        store.search("Patient", &patient_params),
        store.search("Coverage", &coverage_params),
        latest(store, &patient_ref, loinc::BODY_HEIGHT),
        latest(store, &patient_ref, loinc::BODY_WEIGHT),
        latest(store, &patient_ref, loinc::BLOOD_PRESSURE),
        store.search("AllergyIntolerance", &allergy_params),
        access::record(store, principal, access, "health book summary"),
    );
    audit?;
    let patient_found = patient?;
    let patient: Patient = patient_found
        .matches_as()
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    let organizations: Vec<Organization> = patient_found.included_as("Organization");
    let registered = patient
        .general_practitioner
        .iter()
        .find_map(|r| map::facility(r, &organizations));
    let coverages: Vec<Coverage> = coverages?.matches_as();
    let mut allergies: Vec<_> = allergies?
        .matches_as::<AllergyIntolerance>()
        .iter()
        .filter_map(map::allergy)
        .collect();
    map::sort_allergies(&mut allergies);
    Ok(BookSummary {
        patient: map::patient_header(&patient, id),
        insurance: map::insurance(&coverages, registered),
        vitals: LatestVitals {
            height: height?.as_ref().and_then(map::measurement),
            weight: weight?.as_ref().and_then(map::measurement),
            blood_pressure: bp?.as_ref().and_then(map::blood_pressure),
        },
        allergies,
    })
}
