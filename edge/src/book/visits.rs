//! The visits timeline, one page at a time, and a visit's detail.
//!
//! Paging follows the store's own `next` links (standard FHIR paging, whatever mechanism the
//! server uses behind them). The link is handed to the browser as an opaque cursor, signed with
//! HMAC and bound to the book it came from: a client cannot forge one or replay it on another
//! book, and the store's address never reaches the browser in clear.

use super::map::{self, corrections::of_section};
use super::{PAGE, corrections_of, now, open, patient};
use crate::access;
use crate::crypto::{b64url_decode, b64url_encode, constant_time_eq, hmac_sha256};
use crate::error::AppError;
use crate::fhir::model::{
    Condition, DiagnosticReport, Encounter, MedicationRequest, Observation, Organization,
    Procedure, ServiceRequest,
};
use crate::fhir::{Found, is_valid_id};
use crate::{Ctx, http};
use futures_util::join;
use shared::dto::book::{BookSection, BookVisits, VISITS_PAGE_SIZE, VisitDetail, VisitSummary};
use worker::{Request, Response};

/// Bytes of the HMAC kept in a cursor (128 bits).
const CURSOR_MAC_BYTES: usize = 16;

async fn cursor_mac(secret: &[u8], patient: &str, next: &str) -> Result<Vec<u8>, AppError> {
    let mut mac = hmac_sha256(secret, format!("visits\n{patient}\n{next}").as_bytes()).await?;
    mac.truncate(CURSOR_MAC_BYTES);
    Ok(mac)
}

async fn encode_cursor(secret: &[u8], patient: &str, next: &str) -> Result<String, AppError> {
    let mac = cursor_mac(secret, patient, next).await?;
    Ok(format!(
        "{}.{}",
        b64url_encode(next.as_bytes()),
        b64url_encode(&mac)
    ))
}

fn bad_cursor() -> AppError {
    AppError::bad_request(
        "bad_cursor",
        "Liên kết trang tiếp theo không hợp lệ. Vui lòng tải lại danh sách. / \
         The next-page link is not valid. Please reload the list.",
    )
}

async fn decode_cursor(secret: &[u8], patient: &str, cursor: &str) -> Result<String, AppError> {
    let (body, mac) = cursor.split_once('.').ok_or_else(bad_cursor)?;
    let next = b64url_decode(body)
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(bad_cursor)?;
    let given = b64url_decode(mac).ok_or_else(bad_cursor)?;
    let expected = cursor_mac(secret, patient, &next).await?;
    if constant_time_eq(&given, &expected) {
        Ok(next)
    } else {
        Err(bad_cursor())
    }
}

fn organizations(found: &[&Found]) -> Vec<Organization> {
    found
        .iter()
        .flat_map(|f| f.included_as::<Organization>("Organization"))
        .collect()
}

/// `GET /api/v1/book/visits[?patient=][&cursor=]`.
pub async fn list(ctx: &Ctx<'_>, req: &Request) -> Result<Response, AppError> {
    let (principal, access) = open(ctx, req).await?;
    let cursor = http::query(req, "cursor")?.filter(|c| !c.is_empty());
    let store = &ctx.store;
    let secret = ctx.config.session_secret.as_slice();
    let id = access.patient.as_str();
    let patient_ref = format!("Patient/{id}");
    let next = match cursor.as_deref() {
        Some(c) => Some(decode_cursor(secret, id, c).await?),
        None => None,
    };
    let page_size = VISITS_PAGE_SIZE.to_string();
    let first_page_params = [
        ("patient", patient_ref.as_str()),
        ("_sort", "-date"),
        ("_count", page_size.as_str()),
        ("_include", "Encounter:service-provider"),
        ("_include", "Encounter:diagnosis"),
    ];
    let page = async {
        match next.as_deref() {
            Some(next) => store.next_page("Encounter", next).await,
            None => store.page("Encounter", &first_page_params).await,
        }
    };
    let request_params = [
        ("patient", patient_ref.as_str()),
        ("_include", "ServiceRequest:performer"),
        ("_count", PAGE),
    ];
    let (page, requests, p, tasks, audit) = join!(
        page,
        store.search("ServiceRequest", &request_params),
        patient(store, id),
        corrections_of(store, &patient_ref),
        access::record(store, &principal, &access, "health book: visits"),
    );
    audit?;
    let page = page?;
    let requests_found = requests?;
    let (patient, _) = p?;
    let orgs = organizations(&[&page, &requests_found]);
    let requests: Vec<ServiceRequest> = requests_found.matches_as();
    let conditions: Vec<Condition> = page.included_as("Condition");
    let mut visits: Vec<VisitSummary> = page
        .matches_as::<Encounter>()
        .iter()
        // The store filtered by patient; re-check so a page can never show someone else's.
        .filter(|e| e.subject.as_ref().and_then(|s| s.id_of("Patient")) == Some(id))
        .filter_map(|e| map::visits::visit_summary(e, &orgs, &conditions, &requests))
        .collect();
    map::visits::sort_visits(&mut visits);
    let next_cursor = match page.next.as_deref() {
        Some(next) if !visits.is_empty() => Some(encode_cursor(secret, id, next).await?),
        _ => None,
    };
    let upcoming_follow_ups = if next.is_none() {
        map::visits::upcoming_follow_ups(&requests, &orgs, now().0.today)
    } else {
        Vec::new()
    };
    http::json(
        200,
        &BookVisits {
            patient: map::patient_header(&patient, id),
            visits,
            next_cursor,
            total: page.total,
            upcoming_follow_ups,
            corrections: of_section(&tasks?, BookSection::Visits),
        },
    )
}

/// `GET /api/v1/book/visits/{id}[?patient=]`: 404 unless the visit is in the open book.
pub async fn detail(ctx: &Ctx<'_>, req: &Request, visit: &str) -> Result<Response, AppError> {
    let (principal, access) = open(ctx, req).await?;
    if !is_valid_id(visit) {
        return Err(AppError::NotFound);
    }
    let store = &ctx.store;
    let id = access.patient.as_str();
    let patient_ref = format!("Patient/{id}");
    let encounter_ref = format!("Encounter/{visit}");
    let of_visit = [
        ("patient", patient_ref.as_str()),
        ("encounter", encounter_ref.as_str()),
        ("_count", PAGE),
    ];
    let encounter_params = [
        ("_id", visit),
        ("patient", patient_ref.as_str()),
        ("_include", "Encounter:service-provider"),
        ("_include", "Encounter:diagnosis"),
    ];
    let request_params = [
        ("patient", patient_ref.as_str()),
        ("encounter", encounter_ref.as_str()),
        ("_include", "ServiceRequest:performer"),
    ];
    let (encounter, observations, reports, prescriptions, procedures, requests, p, tasks, audit) = join!(
        store.search("Encounter", &encounter_params),
        store.search("Observation", &of_visit),
        store.search("DiagnosticReport", &of_visit),
        store.search("MedicationRequest", &of_visit),
        store.search("Procedure", &of_visit),
        store.search("ServiceRequest", &request_params),
        patient(store, id),
        corrections_of(store, &patient_ref),
        access::record(store, &principal, &access, "health book: visit detail"),
    );
    audit?;
    let encounter_found = encounter?;
    let requests_found = requests?;
    let orgs = organizations(&[&encounter_found, &requests_found]);
    let conditions: Vec<Condition> = encounter_found.included_as("Condition");
    let encounter = encounter_found
        .matches_as::<Encounter>()
        .into_iter()
        .find(|e| {
            e.id.as_deref() == Some(visit)
                && e.subject.as_ref().and_then(|s| s.id_of("Patient")) == Some(id)
        })
        .ok_or(AppError::NotFound)?;
    let requests: Vec<ServiceRequest> = requests_found.matches_as();
    let summary = map::visits::visit_summary(&encounter, &orgs, &conditions, &requests)
        .ok_or(AppError::NotFound)?;
    let observations: Vec<Observation> = observations?.matches_as();
    let reports: Vec<DiagnosticReport> = reports?.matches_as();
    let prescriptions: Vec<MedicationRequest> = prescriptions?.matches_as();
    let procedures: Vec<Procedure> = procedures?.matches_as();
    let (patient, _) = p?;
    let is_category = |o: &Observation, code: &str| {
        o.category
            .iter()
            .any(|c| c.coding.iter().any(|x| x.code.as_deref() == Some(code)))
    };
    let vital_signs: Vec<&Observation> = observations
        .iter()
        .filter(|o| is_category(o, "vital-signs"))
        .collect();
    let lab_observations: Vec<&Observation> = observations
        .iter()
        .filter(|o| is_category(o, "laboratory"))
        .collect();
    let lab_sheets: Vec<&DiagnosticReport> = reports
        .iter()
        .filter(|r| map::visits::is_lab_report(r))
        .collect();
    let mut prescriptions: Vec<_> = prescriptions
        .iter()
        .filter_map(map::visits::prescription)
        .collect();
    prescriptions.sort_by(|a, b| a.drug.cmp(&b.drug));
    // Corrections raised on this visit or on anything recorded during it.
    let mut records: Vec<String> = vec![summary.record.clone()];
    records.extend(
        observations
            .iter()
            .filter_map(|o| map::record_ref("Observation", o.id.as_ref())),
    );
    records.extend(
        reports
            .iter()
            .filter_map(|r| map::record_ref("DiagnosticReport", r.id.as_ref())),
    );
    records.extend(
        procedures
            .iter()
            .filter_map(|r| map::record_ref("Procedure", r.id.as_ref())),
    );
    records.extend(
        requests
            .iter()
            .filter_map(|r| map::record_ref("ServiceRequest", r.id.as_ref())),
    );
    records.extend(prescriptions.iter().map(|p| p.record.clone()));
    let corrections = tasks?
        .into_iter()
        .filter(|c| c.record.as_ref().is_some_and(|r| records.contains(r)))
        .collect();
    http::json(
        200,
        &VisitDetail {
            patient: map::patient_header(&patient, id),
            clinician: encounter
                .participant
                .iter()
                .find_map(|p| p.individual.as_ref()?.display.clone()),
            room: encounter
                .location
                .iter()
                .find_map(|l| l.location.as_ref()?.display.clone()),
            vitals: map::results::visit_vitals(&vital_signs),
            lab_reports: map::results::lab_reports(&lab_sheets, &lab_observations, &summary.record),
            imaging: reports.iter().filter_map(map::visits::imaging).collect(),
            prescriptions,
            procedures: procedures
                .iter()
                .filter_map(map::visits::procedure)
                .collect(),
            referral: requests
                .iter()
                .find_map(|sr| map::visits::referral(sr, &orgs)),
            follow_up: requests
                .iter()
                .find_map(|sr| map::visits::follow_up(sr, &orgs)),
            corrections,
            visit: summary,
        },
    )
}
