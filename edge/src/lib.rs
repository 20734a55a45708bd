//! The Sổ Sức Khỏe edge: a Cloudflare Worker (workers-rs) in front of the national store.
//!
//! This file is the entry point and the router only. Every response, whatever produced it,
//! leaves through [`http::finalize`], which adds the security headers.

/// Who may open which health book, and the audit record of it.
mod access;
/// `GET /api/v1/me`.
mod account;
/// Sign-in, sign-out, sessions.
mod auth;
/// The health book screens.
mod book;
/// Settings from the Worker environment.
mod config;
/// WebCrypto wrappers and base64.
mod crypto;
/// The one error type and its HTTP mapping.
mod error;
/// The FHIR client for the national store.
mod fhir;
/// `GET /api/v1/health`.
mod health;
/// Cookies, JSON answers, security headers, the Origin check.
mod http;
/// Timed calls to upstreams.
mod upstream;

pub use auth::session::SessionStore;

use config::Config;
use error::AppError;
use fhir::Store;
use http::Kind;
use worker::{Context, Env, Method, Request, Response, event};

/// The OpenAPI 3.1 description of `/api/v1`, served as-is and checked against [`ROUTES`] by a
/// test.
const OPENAPI: &str = include_str!("../openapi.json");

/// Every dynamic route: (method, path). Paths with `{…}` are templates.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/v1/health"),
    ("GET", "/api/v1/openapi.json"),
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/book/summary"),
    ("GET", "/auth/login"),
    ("GET", "/auth/callback"),
    ("POST", "/auth/logout"),
];

fn kind_of(path: &str) -> Kind {
    if path.starts_with("/api/") || path.starts_with("/auth/") {
        Kind::Private
    } else if path.starts_with("/assets/") {
        Kind::Immutable
    } else {
        Kind::Static
    }
}

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> worker::Result<Response> {
    let path = req.path();
    let config = Config::from_env(&env);
    let host_origins = config
        .as_ref()
        .map(|c| c.host_app_origins.as_slice())
        .unwrap_or(&[]);
    let csp = http::content_security_policy(host_origins);
    let result = match &config {
        Ok(config) => route(req, &env, config, &path).await,
        Err(err) => Err(AppError::internal(format!("configuration: {err:?}"))),
    };
    let resp = result.unwrap_or_else(|err| http::error_response(&err));
    Ok(http::finalize(resp, &csp, kind_of(&path)))
}

async fn route(req: Request, env: &Env, config: &Config, path: &str) -> Result<Response, AppError> {
    let method = req.method();
    let dynamic = path.starts_with("/api/") || path.starts_with("/auth/");
    if !dynamic {
        return match method {
            Method::Get | Method::Head => Ok(env.assets("ASSETS")?.fetch_request(req).await?),
            _ => Err(AppError::MethodNotAllowed),
        };
    }
    http::require_same_origin(&req, &config.app_origin)?;
    match (method.clone(), path) {
        (Method::Get, "/api/v1/health") => health::check(config).await,
        (Method::Get, "/api/v1/openapi.json") => {
            let resp = Response::ok(OPENAPI)?;
            resp.headers()
                .set("Content-Type", "application/json; charset=utf-8")?;
            Ok(resp)
        }
        (Method::Get, "/api/v1/me") => {
            let principal = auth::session::require(&req, env, config).await?;
            http::json(200, &account::me(&Store::new(config), &principal).await?)
        }
        (Method::Get, "/api/v1/book/summary") => {
            let principal = auth::session::require(&req, env, config).await?;
            let requested = http::query(&req, "patient")?;
            let summary =
                book::summary(&Store::new(config), &principal, requested.as_deref()).await?;
            http::json(200, &summary)
        }
        (Method::Get, "/auth/login") => auth::login(&req, config).await,
        (Method::Get, "/auth/callback") => auth::callback(&req, env, config).await,
        (Method::Post, "/auth/logout") => auth::logout(&req, env, config).await,
        (_, path) if ROUTES.iter().any(|(_, p)| *p == path) => Err(AppError::MethodNotAllowed),
        _ => Err(AppError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The OpenAPI document and the router describe the same API.
    #[test]
    fn openapi_matches_routes() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI).expect("openapi.json is JSON");
        assert_eq!(
            doc["openapi"].as_str().map(|v| v.starts_with("3.1")),
            Some(true)
        );
        let mut documented: Vec<(String, String)> = Vec::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for method in item.as_object().expect("path item").keys() {
                if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                    documented.push((method.to_uppercase(), path.clone()));
                }
            }
        }
        let mut routed: Vec<(String, String)> = ROUTES
            .iter()
            .map(|(m, p)| (m.to_string(), p.to_string()))
            .collect();
        documented.sort();
        routed.sort();
        assert_eq!(documented, routed);
    }

    #[test]
    fn kinds() {
        assert_eq!(kind_of("/api/v1/me"), Kind::Private);
        assert_eq!(kind_of("/auth/login"), Kind::Private);
        assert_eq!(kind_of("/assets/app-1234.wasm"), Kind::Immutable);
        assert_eq!(kind_of("/"), Kind::Static);
    }
}
