//! Sign-in and sign-out: `GET /auth/login`, `GET /auth/callback`, `POST /auth/logout`.
//!
//! Failures during sign-in are browser navigations, so they end in a redirect to the app with
//! `?error=<code>` (a code only, never data) that the app explains to the person.

/// OpenID Connect client (discovery, PKCE, token exchange, ID token verification).
pub mod oidc;
/// Session cookie and the per-session Durable Object.
pub mod session;

use crate::config::Config;
use crate::crypto;
use crate::error::AppError;
use crate::fhir::Store;
use crate::fhir::model::Patient;
use crate::http::{self, CookieSpec};
use serde::{Deserialize, Serialize};
use session::Principal;
use shared::fhir::{SYSTEM_CCCD, token};
use shared::id::{Cccd, FacilityCode};
use worker::{Env, Headers, Request, Response, ResponseBuilder};

const LOGIN_COOKIE: &str = "ssk_login";
/// The sign-in transaction cookie only travels to `/auth/…`.
const LOGIN_COOKIE_PATH: &str = "/auth";
/// A person has this long to finish signing in at the provider.
const LOGIN_TTL_SECONDS: u32 = 600;

/// The state of one sign-in attempt, carried in a signed, HttpOnly cookie between
/// `/auth/login` and `/auth/callback` so the edge keeps no per-attempt storage.
#[derive(Debug, Serialize, Deserialize)]
struct LoginTransaction {
    state: String,
    nonce: String,
    verifier: String,
    return_to: String,
    expires_ms: f64,
}

/// Only local paths may be returned to (no open redirect): `/x`, never `//evil` or `/\evil`.
pub fn safe_return_to(candidate: Option<&str>) -> String {
    match candidate {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && !p.chars().any(char::is_control)
                && p.len() <= 512 =>
        {
            p.to_owned()
        }
        _ => "/".to_owned(),
    }
}

async fn seal(config: &Config, tx: &LoginTransaction) -> Result<String, AppError> {
    let payload = crypto::b64url_encode(
        serde_json::to_string(tx)
            .map_err(|_| AppError::internal("login encode"))?
            .as_bytes(),
    );
    let tag = crypto::hmac_sha256(
        &config.session_secret,
        format!("login:{payload}").as_bytes(),
    )
    .await?;
    Ok(format!("{payload}.{}", crypto::b64url_encode(&tag)))
}

async fn unseal(config: &Config, value: &str) -> Result<Option<LoginTransaction>, AppError> {
    let Some((payload, tag)) = value.split_once('.') else {
        return Ok(None);
    };
    let expected = crypto::hmac_sha256(
        &config.session_secret,
        format!("login:{payload}").as_bytes(),
    )
    .await?;
    if !crypto::constant_time_eq(crypto::b64url_encode(&expected).as_bytes(), tag.as_bytes()) {
        return Ok(None);
    }
    let tx: Option<LoginTransaction> =
        crypto::b64url_decode(payload).and_then(|b| serde_json::from_slice(&b).ok());
    Ok(tx.filter(|tx| js_sys::Date::now() < tx.expires_ms))
}

/// `GET /auth/login[?return_to=/path][&prompt=none]`: starts Authorization Code + PKCE.
pub async fn login(req: &Request, config: &Config) -> Result<Response, AppError> {
    let return_to = safe_return_to(http::query(req, "return_to")?.as_deref());
    // Only silent sign-in is passed through; other prompts are the provider's business.
    let prompt = http::query(req, "prompt")?.filter(|p| p == "none");
    let disc = oidc::discovery(config).await?;
    let tx = LoginTransaction {
        state: crypto::random_token(24)?,
        nonce: crypto::random_token(24)?,
        verifier: crypto::random_token(32)?,
        return_to,
        expires_ms: js_sys::Date::now() + f64::from(LOGIN_TTL_SECONDS) * 1000.0,
    };
    let challenge = crypto::b64url_encode(&crypto::sha256(tx.verifier.as_bytes()).await?);
    let url = oidc::authorization_url(
        config,
        &disc,
        &oidc::AuthorizationRequest {
            state: &tx.state,
            nonce: &tx.nonce,
            code_challenge: &challenge,
            prompt: prompt.as_deref(),
        },
    );
    let cookie = CookieSpec {
        name: LOGIN_COOKIE,
        value: &seal(config, &tx).await?,
        path: LOGIN_COOKIE_PATH,
        max_age: LOGIN_TTL_SECONDS,
        same_site: "Lax",
    }
    .header();
    let resp = http::redirect(&url)?;
    resp.headers().append("Set-Cookie", &cookie)?;
    Ok(resp)
}

/// Where a failed sign-in sends the person: back to the app with an error code.
fn back_with_error(return_to: &str, code: &str) -> Result<Response, AppError> {
    let sep = if return_to.contains('?') { '&' } else { '?' };
    let resp = http::redirect(&format!("{return_to}{sep}error={code}"))?;
    resp.headers().append(
        "Set-Cookie",
        &http::clear_cookie(LOGIN_COOKIE, LOGIN_COOKIE_PATH, "Lax"),
    )?;
    Ok(resp)
}

/// `GET /auth/callback`: verifies the provider's answer and opens a session.
pub async fn callback(req: &Request, env: &Env, config: &Config) -> Result<Response, AppError> {
    let tx = match http::cookie(req, LOGIN_COOKIE) {
        Some(value) => unseal(config, &value).await?,
        None => None,
    };
    let state = http::query(req, "state")?;
    let Some(tx) = tx.filter(|tx| {
        state
            .as_deref()
            .is_some_and(|s| crypto::constant_time_eq(s.as_bytes(), tx.state.as_bytes()))
    }) else {
        return back_with_error("/", "sign_in_expired");
    };
    if let Some(error) = http::query(req, "error")? {
        let code = match error.as_str() {
            "login_required" | "interaction_required" | "consent_required" => "login_required",
            "access_denied" => "sign_in_cancelled",
            _ => "sign_in_failed",
        };
        return back_with_error(&tx.return_to, code);
    }
    let Some(code) = http::query(req, "code")? else {
        return back_with_error(&tx.return_to, "sign_in_failed");
    };

    let principal = match sign_in(config, &tx, &code).await {
        Ok(principal) => principal,
        Err(SignInError::App(AppError::UpstreamUnavailable(crate::error::Upstream::Store)))
        | Err(SignInError::App(AppError::UpstreamTimeout(crate::error::Upstream::Store))) => {
            return back_with_error(&tx.return_to, "store_unavailable");
        }
        Err(SignInError::App(AppError::UpstreamUnavailable(_)))
        | Err(SignInError::App(AppError::UpstreamTimeout(_))) => {
            return back_with_error(&tx.return_to, "identity_unavailable");
        }
        Err(SignInError::NoHealthBook) => return back_with_error(&tx.return_to, "no_health_book"),
        Err(SignInError::App(AppError::Internal(detail))) => {
            return Err(AppError::Internal(detail));
        }
        Err(SignInError::App(_)) => return back_with_error(&tx.return_to, "sign_in_failed"),
    };

    let session_cookie = session::create(env, config, principal).await?;
    let headers = Headers::new();
    headers.set("Location", &tx.return_to)?;
    headers.append("Set-Cookie", &session_cookie)?;
    headers.append(
        "Set-Cookie",
        &http::clear_cookie(LOGIN_COOKIE, LOGIN_COOKIE_PATH, "Lax"),
    )?;
    Ok(ResponseBuilder::new()
        .with_status(302)
        .with_headers(headers)
        .empty())
}

enum SignInError {
    App(AppError),
    /// A citizen the store has no health book for.
    NoHealthBook,
}

impl From<AppError> for SignInError {
    fn from(e: AppError) -> Self {
        SignInError::App(e)
    }
}

async fn sign_in(
    config: &Config,
    tx: &LoginTransaction,
    code: &str,
) -> Result<Principal, SignInError> {
    let disc = oidc::discovery(config).await?;
    let id_token = oidc::exchange_code(config, &disc, code, &tx.verifier).await?;
    let claims = oidc::verify_id_token(config, &disc, &id_token, &tx.nonce).await?;
    let name = claims.name.clone().unwrap_or_default();
    if claims.ssk_role.as_deref() == Some("staff") {
        let facility = claims
            .facility_code
            .as_deref()
            .and_then(|c| FacilityCode::parse(c).ok())
            .ok_or(AppError::Unauthenticated)?;
        return Ok(Principal::Staff {
            facility_code: facility.as_str().to_owned(),
            name,
        });
    }
    let cccd = claims
        .personal_id
        .as_deref()
        .and_then(|c| Cccd::parse(c).ok())
        .ok_or(AppError::Unauthenticated)?;
    let store = Store::new(config);
    let found = store
        .search(
            "Patient",
            &[
                ("identifier", &token(SYSTEM_CCCD, cccd.as_str())),
                ("_count", "2"),
            ],
        )
        .await?;
    let patients: Vec<Patient> = found.matches_as();
    // Exactly one book per person: zero means no book yet; two would be a store defect we
    // must not guess our way around.
    let [patient] = patients.as_slice() else {
        if patients.len() > 1 {
            worker::console_error!("store holds more than one Patient for one CCCD");
        }
        return Err(SignInError::NoHealthBook);
    };
    let id = patient.id.clone().ok_or(SignInError::NoHealthBook)?;
    let name = crate::fhir::model::display_name(&patient.name).unwrap_or(name);
    Ok(Principal::Citizen {
        patient: id,
        cccd: cccd.as_str().to_owned(),
        name,
    })
}

/// `POST /auth/logout`: ends the session here and hands back the provider's end-session URL,
/// so a shared family phone does not stay signed in at the provider either.
pub async fn logout(req: &Request, env: &Env, config: &Config) -> Result<Response, AppError> {
    session::destroy(req, env, config).await?;
    // The provider may be down; signing out here must still work.
    let redirect = match oidc::discovery(config).await {
        Ok(disc) => oidc::end_session_url(config, &disc),
        Err(_) => None,
    }
    .unwrap_or_else(|| "/".to_owned());
    let resp = http::json(200, &serde_json::json!({ "redirect": redirect }))?;
    resp.headers().append(
        "Set-Cookie",
        &http::clear_cookie(session::SESSION_COOKIE, "/", "Strict"),
    )?;
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_to_is_local_only() {
        let check = |input: Option<&str>, expected: &str| {
            assert_eq!(safe_return_to(input), expected, "{input:?}")
        };
        check(None, "/");
        check(Some("/so-suc-khoe?patient=x"), "/so-suc-khoe?patient=x");
        check(Some("//evil.example/"), "/");
        check(Some("/\\evil.example"), "/");
        check(Some("https://evil.example/"), "/");
        check(Some("/a\nSet-Cookie: x"), "/");
        check(Some(""), "/");
    }
}
