//! Deployment settings, read from the Worker's vars and secrets (wrangler.toml / `wrangler
//! secret put`). Nothing here assumes loopback: production points the same code at the national
//! FHIR gateway and identity provider.

use crate::error::AppError;
use worker::Env;

#[derive(Clone, Debug)]
pub struct Config {
    /// Public origin of the app (`https://sosuckhoe.vn`): redirect URI base and the only
    /// `Origin` accepted on state-changing requests.
    pub app_origin: String,
    /// FHIR R4 base URL of the national store, without a trailing slash.
    pub fhir_base: String,
    /// Optional bearer token for the store (secret `FHIR_TOKEN`).
    pub fhir_token: Option<String>,
    /// OIDC issuer of the identity provider, without a trailing slash.
    pub oidc_issuer: String,
    pub oidc_client_id: String,
    /// Secret `OIDC_CLIENT_SECRET`.
    pub oidc_client_secret: String,
    /// Secret `SESSION_SECRET`: HMAC key for cookies. At least 32 bytes.
    pub session_secret: Vec<u8>,
    /// Origins allowed to embed the app in a frame (host super-apps), space-separated.
    pub host_app_origins: Vec<String>,
    /// Upper bound on one upstream call.
    pub upstream_timeout_ms: u32,
    /// A session ends this long after sign-in, whatever happens.
    pub session_absolute_seconds: u32,
    /// A session ends after this long without a request.
    pub session_idle_seconds: u32,
}

fn text(env: &Env, name: &str) -> Option<String> {
    // Secrets first so that a production secret can override a dev var of the same name.
    env.secret(name)
        .ok()
        .map(|s| s.to_string())
        .or_else(|| env.var(name).ok().map(|v| v.to_string()))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

fn required(env: &Env, name: &str) -> Result<String, AppError> {
    text(env, name).ok_or_else(|| AppError::internal(format!("missing setting {name}")))
}

fn number(env: &Env, name: &str, default: u32) -> Result<u32, AppError> {
    match text(env, name) {
        None => Ok(default),
        Some(v) => v
            .parse()
            .map_err(|_| AppError::internal(format!("setting {name} is not a number"))),
    }
}

impl Config {
    pub fn from_env(env: &Env) -> Result<Self, AppError> {
        let session_secret = required(env, "SESSION_SECRET")?.into_bytes();
        if session_secret.len() < 32 {
            return Err(AppError::internal(
                "SESSION_SECRET must be at least 32 bytes",
            ));
        }
        Ok(Self {
            app_origin: required(env, "APP_ORIGIN")?
                .trim_end_matches('/')
                .to_owned(),
            fhir_base: required(env, "FHIR_BASE_URL")?
                .trim_end_matches('/')
                .to_owned(),
            fhir_token: text(env, "FHIR_TOKEN"),
            oidc_issuer: required(env, "OIDC_ISSUER")?
                .trim_end_matches('/')
                .to_owned(),
            oidc_client_id: required(env, "OIDC_CLIENT_ID")?,
            oidc_client_secret: required(env, "OIDC_CLIENT_SECRET")?,
            session_secret,
            host_app_origins: text(env, "HOST_APP_ORIGINS")
                .map(|s| s.split_whitespace().map(str::to_owned).collect())
                .unwrap_or_default(),
            upstream_timeout_ms: number(env, "UPSTREAM_TIMEOUT_MS", 8_000)?,
            session_absolute_seconds: number(env, "SESSION_ABSOLUTE_SECONDS", 12 * 3600)?,
            session_idle_seconds: number(env, "SESSION_IDLE_SECONDS", 30 * 60)?,
        })
    }

    pub fn redirect_uri(&self) -> String {
        format!("{}/auth/callback", self.app_origin)
    }
}
