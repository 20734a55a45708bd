//! `GET /api/v1/health`: 200 when the store and the identity provider answer, 503 naming the
//! one that does not. Used by load balancers and by people wondering why sign-in fails.

use crate::auth::oidc;
use crate::config::Config;
use crate::error::AppError;
use crate::fhir::Store;
use crate::http;
use futures_util::join;
use shared::dto::{ApiError, Health};
use worker::Response;

/// Health probes must answer quickly even when an upstream hangs.
const PROBE_TIMEOUT_MS: u32 = 3_000;

pub async fn check(config: &Config) -> Result<Response, AppError> {
    let mut probe = config.clone();
    probe.upstream_timeout_ms = config.upstream_timeout_ms.min(PROBE_TIMEOUT_MS);
    let store = Store::new(&probe);
    let (store_ok, identity_ok) = join!(store.ping(), oidc::probe(&probe));
    let (store_ok, identity_ok) = (store_ok.is_ok(), identity_ok.is_ok());
    let failing = match (store_ok, identity_ok) {
        (true, true) => {
            let body = Health {
                status: "ok".into(),
                store: true,
                identity: true,
            };
            return http::json(200, &body);
        }
        (false, true) => (
            "store_unavailable",
            "Kho dữ liệu y tế quốc gia không phản hồi. / The national health data store is not answering.",
        ),
        (true, false) => (
            "identity_unavailable",
            "Hệ thống định danh không phản hồi. / The identity provider is not answering.",
        ),
        (false, false) => (
            "store_and_identity_unavailable",
            "Kho dữ liệu y tế quốc gia và hệ thống định danh đều không phản hồi. / Neither the national health data store nor the identity provider is answering.",
        ),
    };
    http::json(
        503,
        &ApiError {
            code: failing.0.into(),
            message: failing.1.into(),
        },
    )
}
