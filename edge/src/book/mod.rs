//! The health book: `GET /api/v1/book/…`, self-reported data, correction requests, export.
//!
//! One round trip per screen for the browser: the edge fans out FHIR queries in parallel
//! (`join!`), follows the store's paging, reads facility names from `Reference.display` and
//! codes through `_include` (never one request per item), and answers one DTO. Every handler
//! starts with [`access::open_book`] and records non-owner access with the data.

/// Correction requests: list and create.
mod corrections;
/// "Download my data": the FHIR Bundle.
mod export;
/// FHIR → DTO mapping (pure).
pub mod map;
/// Administrative, history, allergies, labs, vitals, immunizations, check-ups.
mod sections;
/// Self-reported values: validation and the all-or-nothing write.
mod self_reported;
/// The visits timeline (paginated) and a visit's detail.
mod visits;

use crate::access::{self, BookAccess};
use crate::auth::session::Principal;
use crate::error::AppError;
use crate::fhir::Store;
use crate::fhir::model::{AllergyIntolerance, Coverage, Observation, Organization, Patient, Task};
use crate::{Ctx, http};
use futures_util::join;
use shared::date::IsoDate;
use shared::dto::book::{BookSection, Correction};
use shared::dto::{BookSummary, LatestVitals};
use shared::fhir::{BOOK_TASK_CORRECTION, CS_BOOK_TASK, SYSTEM_LOINC, loinc, token};
use shared::plausible::Now;
use worker::{Method, Request, Response};

/// (method, path template) of every health-book route.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/v1/book/summary"),
    ("GET", "/api/v1/book/administrative"),
    ("GET", "/api/v1/book/history"),
    ("GET", "/api/v1/book/allergies"),
    ("GET", "/api/v1/book/visits"),
    ("GET", "/api/v1/book/visits/{id}"),
    ("GET", "/api/v1/book/labs"),
    ("GET", "/api/v1/book/vitals"),
    ("GET", "/api/v1/book/immunizations"),
    ("GET", "/api/v1/book/checkups"),
    ("GET", "/api/v1/book/corrections"),
    ("POST", "/api/v1/book/corrections"),
    ("POST", "/api/v1/book/self-reported"),
    ("GET", "/api/v1/book/export"),
];

/// Answers `req` if it is a health-book route, else `None`.
pub async fn handle(
    ctx: &Ctx<'_>,
    req: &mut Request,
    method: &Method,
    path: &str,
) -> Option<Result<Response, AppError>> {
    let rest = path.strip_prefix("/api/v1/book/")?;
    Some(match (method, rest) {
        (Method::Get, "summary") => get_summary(ctx, req).await,
        (Method::Get, "export") => export::get(ctx, req).await,
        (Method::Get, "corrections") => corrections::list(ctx, req).await,
        (Method::Post, "corrections") => corrections::create(ctx, req).await,
        (Method::Post, "self-reported") => self_reported::create(ctx, req).await,
        (Method::Get, "visits") => visits::list(ctx, req).await,
        (Method::Get, rest) if rest.starts_with("visits/") => {
            let id = &rest["visits/".len()..];
            visits::detail(ctx, req, id).await
        }
        (Method::Get, section) => match BookSection::parse(section) {
            Some(section) => sections::get(ctx, req, section).await,
            None => return None,
        },
        _ => return None,
    })
}

/// The signed-in principal and the book they may open (`?patient=` selects a dependant).
async fn open(ctx: &Ctx<'_>, req: &Request) -> Result<(Principal, BookAccess), AppError> {
    let principal = ctx.principal(req).await?;
    let requested = http::query(req, "patient")?;
    let access = access::open_book(&ctx.store, &principal, requested.as_deref()).await?;
    Ok((principal, access))
}

/// The book's Patient, with its registered facility when `with_facility`.
async fn patient(store: &Store, id: &str) -> Result<(Patient, Vec<Organization>), AppError> {
    let found = store
        .search(
            "Patient",
            &[("_id", id), ("_include", "Patient:general-practitioner")],
        )
        .await?;
    let organizations = found.included_as("Organization");
    let patient = found
        .matches_as::<Patient>()
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    Ok((patient, organizations))
}

/// Every correction request of the book (Task), newest first.
async fn corrections_of(store: &Store, patient_ref: &str) -> Result<Vec<Correction>, AppError> {
    let code = token(CS_BOOK_TASK, BOOK_TASK_CORRECTION);
    let found = store
        .search(
            "Task",
            &[("patient", patient_ref), ("code", &code), ("_count", "200")],
        )
        .await?;
    Ok(map::corrections::corrections(&found.matches_as::<Task>()))
}

/// This moment in Vietnam (UTC+07:00): the day, the minute, and a FHIR instant.
fn now() -> (Now, String) {
    let ms = js_sys::Date::now() as i64;
    let today = IsoDate::vn_today_from_unix_ms(ms);
    let local_seconds = (ms / 1000 + shared::date::VN_OFFSET_SECONDS).rem_euclid(86_400);
    let minute = (local_seconds / 60) as u32;
    let instant = format!(
        "{today}T{:02}:{:02}:{:02}+07:00",
        minute / 60,
        minute % 60,
        local_seconds % 60
    );
    (Now { today, minute }, instant)
}

/// Largest request body accepted (a self-report of 10 items is ~2 KB).
const MAX_BODY_BYTES: usize = 16 * 1024;

/// Reads a JSON body of at most [`MAX_BODY_BYTES`].
async fn read_json<T: serde::de::DeserializeOwned>(req: &mut Request) -> Result<T, AppError> {
    let declared = req
        .headers()
        .get("Content-Length")
        .ok()
        .flatten()
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        return Err(too_large());
    }
    let content_type = req
        .headers()
        .get("Content-Type")
        .ok()
        .flatten()
        .unwrap_or_default();
    if !content_type
        .to_ascii_lowercase()
        .starts_with("application/json")
    {
        return Err(AppError::bad_request(
            "bad_content_type",
            "Dữ liệu gửi lên phải ở dạng JSON. / The request body must be JSON.",
        ));
    }
    let text = req
        .text()
        .await
        .map_err(|_| AppError::bad_request("bad_body", BAD_BODY))?;
    if text.len() > MAX_BODY_BYTES {
        return Err(too_large());
    }
    serde_json::from_str(&text).map_err(|_| AppError::bad_request("bad_body", BAD_BODY))
}

const BAD_BODY: &str = "Dữ liệu gửi lên không đúng định dạng. Vui lòng thử lại. / \
     The request body is not in the expected format. Please try again.";

fn too_large() -> AppError {
    AppError::bad_request(
        "body_too_large",
        "Dữ liệu gửi lên quá lớn. / The request body is too large.",
    )
}

/// A page of a search, large enough that most books need one request per resource type,
/// small enough that the largest books exercise the store's paging.
const PAGE: &str = "250";

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
