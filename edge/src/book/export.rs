//! `GET /api/v1/book/export[?patient=]`: "download my data", a FHIR R4 Bundle
//! (`application/fhir+json`) of everything the book shows, fetched in parallel with every page
//! followed.

use super::map::export::{EXPORTED, bundle};
use super::{now, open};
use crate::Ctx;
use crate::access;
use crate::error::AppError;
use futures_util::future::try_join_all;
use futures_util::join;
use worker::{Headers, Request, Response, ResponseBuilder};

/// Resources per page when exporting (the store's maximum is 1000).
const EXPORT_PAGE: &str = "1000";

pub async fn get(ctx: &Ctx<'_>, req: &Request) -> Result<Response, AppError> {
    let (principal, access) = open(ctx, req).await?;
    let store = &ctx.store;
    let id = access.patient.as_str();
    let patient_ref = format!("Patient/{id}");
    let searches = EXPORTED.iter().map(|(ty, param)| {
        let patient_ref = patient_ref.as_str();
        async move {
            store
                .search(ty, &[(param, patient_ref), ("_count", EXPORT_PAGE)])
                .await
        }
    });
    let (patient, found, audit) = join!(
        store.read("Patient", id),
        try_join_all(searches),
        access::record(store, &principal, &access, "health book: export"),
    );
    audit?;
    let patient = patient?.ok_or(AppError::NotFound)?;
    let mut resources = vec![patient];
    for f in found? {
        resources.extend(f.matches);
    }
    let (moment, instant) = now();
    let body = bundle(id, resources, &ctx.config.fhir_base, &instant);
    let headers = Headers::new();
    headers.set("Content-Type", "application/fhir+json; charset=utf-8")?;
    headers.set(
        "Content-Disposition",
        &format!("attachment; filename=\"so-suc-khoe-{}.json\"", moment.today),
    )?;
    Ok(ResponseBuilder::new()
        .with_status(200)
        .with_headers(headers)
        .fixed(body.to_string().into_bytes()))
}
