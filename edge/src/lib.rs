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
/// Booking, availability, holds, appointments, the clinic console's API.
mod booking;
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
pub use booking::facility_day::FacilityDay;

use config::Config;
use error::AppError;
use fhir::Store;
use http::Kind;
use shared::shell::Shell;
use worker::{Context, Env, Method, Request, Response, event};

/// The OpenAPI 3.1 description of `/api/v1`, merged at build time from `edge/openapi/*.json`
/// (see `build.rs`), served as-is and checked against [`all_routes`] by a test.
const OPENAPI: &str = include_str!(concat!(env!("OUT_DIR"), "/openapi.json"));

/// Routes answered here rather than by an area module.
const CORE_ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/v1/health"),
    ("GET", "/api/v1/openapi.json"),
    ("GET", "/api/v1/me"),
    ("GET", "/auth/login"),
    ("GET", "/auth/callback"),
    ("POST", "/auth/logout"),
];

/// Every dynamic route: (method, path template). Templates use `{name}` segments.
pub fn all_routes() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    CORE_ROUTES
        .iter()
        .chain(book::ROUTES)
        .chain(booking::ROUTES)
}

/// What every handler needs: the environment, the settings and a store client.
pub struct Ctx<'a> {
    pub env: &'a Env,
    pub config: &'a Config,
    pub store: Store,
}

impl Ctx<'_> {
    /// The signed-in principal of this request, or 401.
    pub async fn principal(&self, req: &Request) -> Result<auth::session::Principal, AppError> {
        auth::session::require(req, self.env, self.config).await
    }
}

fn kind_of(path: &str) -> Kind {
    if path.starts_with("/api/") || path.starts_with("/auth/") {
        Kind::Private
    } else if path.starts_with("/assets/") {
        Kind::Immutable
    } else {
        Kind::Static
    }
}

/// Static files. The clinic console is its own app under `/clinic/`, and the citizen app's
/// pages beyond the first screen are other wasm modules (`shared::shell`): each client-side
/// route gets the shell of its module, not the site root's (the assets binding's SPA fallback
/// only knows one `index.html`).
async fn serve_static(req: Request, env: &Env, path: &str) -> Result<Response, AppError> {
    let assets = env.assets("ASSETS")?;
    let last = path.rsplit('/').next().unwrap_or_default();
    let shell = if last.contains('.') {
        None
    } else if path == "/clinic" || path.starts_with("/clinic/") {
        (path != "/clinic/").then_some("/clinic/")
    } else {
        Shell::of_path(path).index_path()
    };
    if let Some(shell) = shell {
        let mut url = req.url().map_err(|_| AppError::NotFound)?;
        url.set_path(shell);
        url.set_query(None);
        return Ok(assets.fetch(url.to_string(), None).await?);
    }
    Ok(assets.fetch_request(req).await?)
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

async fn route(
    mut req: Request,
    env: &Env,
    config: &Config,
    path: &str,
) -> Result<Response, AppError> {
    let method = req.method();
    let dynamic = path.starts_with("/api/") || path.starts_with("/auth/");
    if !dynamic {
        return match method {
            Method::Get | Method::Head => serve_static(req, env, path).await,
            _ => Err(AppError::MethodNotAllowed),
        };
    }
    http::require_same_origin(&req, &config.app_origin)?;
    let ctx = Ctx {
        env,
        config,
        store: Store::new(config),
    };
    if let Some(result) = book::handle(&ctx, &mut req, &method, path).await {
        return result;
    }
    if let Some(result) = booking::handle(&ctx, &mut req, &method, path).await {
        return result;
    }
    match (method, path) {
        (Method::Get, "/api/v1/health") => health::check(config).await,
        (Method::Get, "/api/v1/openapi.json") => {
            let resp = Response::ok(OPENAPI)?;
            resp.headers()
                .set("Content-Type", "application/json; charset=utf-8")?;
            Ok(resp)
        }
        (Method::Get, "/api/v1/me") => {
            let principal = ctx.principal(&req).await?;
            http::json(200, &account::me(&ctx.store, &principal).await?)
        }
        (Method::Get, "/auth/login") => auth::login(&req, config).await,
        (Method::Get, "/auth/callback") => auth::callback(&req, env, config).await,
        (Method::Post, "/auth/logout") => auth::logout(&req, env, config).await,
        (_, path) if all_routes().any(|(_, t)| http::match_path(t, path).is_some()) => {
            Err(AppError::MethodNotAllowed)
        }
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
        let mut routed: Vec<(String, String)> = all_routes()
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
