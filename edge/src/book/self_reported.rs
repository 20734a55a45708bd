//! `POST /api/v1/book/self-reported[?patient=]`: values the citizen (or their guardian)
//! declares, checked for plausibility and written in one FHIR transaction (all or nothing).

use super::map::{self, self_reported as declare};
use super::{now, open, patient, read_json};
use crate::access::{self, Ground};
use crate::error::{AppError, Upstream};
use crate::fhir::Transaction;
use crate::fhir::model::{Observation, Reference, display_name};
use crate::{Ctx, http};
use futures_util::join;
use shared::dto::book::{SelfReport, SelfReportSaved};
use shared::fhir::{SYSTEM_LOINC, loinc, token};
use shared::plausible;
use worker::{Request, Response};

pub async fn create(ctx: &Ctx<'_>, req: &mut Request) -> Result<Response, AppError> {
    let (principal, access) = open(ctx, req).await?;
    let report: SelfReport = read_json(req).await?;
    let store = &ctx.store;
    let id = access.patient.as_str();
    let patient_ref = format!("Patient/{id}");
    let height_code = token(SYSTEM_LOINC, loinc::BODY_HEIGHT);
    let height_params = [
        ("patient", patient_ref.as_str()),
        ("code", height_code.as_str()),
        ("_sort", "-date"),
        ("_count", "1"),
    ];
    let (p, height) = join!(
        patient(store, id),
        store.first_page("Observation", &height_params),
    );
    let (patient, _) = p?;
    let (moment, instant) = now();
    let birth = patient
        .birth_date
        .as_deref()
        .and_then(shared::date::IsoDate::parse);
    plausible::check_report(&report, moment, birth)
        .map_err(|e| AppError::bad_request(e.code, e.message()))?;
    // An adult's height does not change: a new weight gets its BMI from the latest one.
    let adult = map::age_on(&patient, moment.today).is_some_and(|age| age >= 18);
    let adult_height_cm = height?
        .matches_as::<Observation>()
        .first()
        .and_then(map::measurement)
        .filter(|m| adult && m.unit == "cm")
        .map(|m| m.value);
    let declarer = match (&access.ground, &principal) {
        (
            Ground::Representative { related_person, .. },
            crate::auth::session::Principal::Citizen { name, .. },
        ) => Reference {
            reference: Some(format!("RelatedPerson/{related_person}")),
            display: Some(name.clone()),
        },
        _ => Reference {
            reference: Some(patient_ref.clone()),
            display: display_name(&patient.name),
        },
    };
    let resources = declare::resources(
        &report,
        &declare::Context {
            patient: id,
            declarer,
            now: moment,
            instant: &instant,
            adult_height_cm,
        },
    );
    let expected = resources.len();
    // No unrecorded write: the guardian's write is on record before it happens.
    access::record_write(
        store,
        &principal,
        &access,
        "health book: self-reported data",
    )
    .await?;
    let stored = match store
        .transaction(declare::transaction_entries(resources))
        .await?
    {
        Transaction::Committed(stored) => stored,
        // Only creates: nothing can be stale, so a conflict is the store's problem.
        Transaction::Conflict => return Err(AppError::UpstreamUnavailable(Upstream::Store)),
    };
    let records = declare::created_records(&stored);
    if records.len() != expected {
        return Err(AppError::internal("transaction answer lacks locations"));
    }
    http::json(201, &SelfReportSaved { records })
}
