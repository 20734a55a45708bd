//! Sessions: an opaque random id in an HttpOnly, Secure, SameSite=Strict cookie, signed with
//! HMAC so garbage is rejected without a storage round trip, and a Durable Object per session
//! holding who it is and when it ends.
//!
//! Durable Objects, not KV: KV is eventually consistent, and a signed-out session must stop
//! working everywhere at once.

use crate::config::Config;
use crate::crypto;
use crate::error::AppError;
use crate::http::{self, CookieSpec};
use serde::{Deserialize, Serialize};
use worker::{
    DurableObject, Env, Method, Request, RequestInit, Response, State, Stub, durable_object,
};

pub const SESSION_COOKIE: &str = "ssk_session";
/// Binding name of the [`SessionStore`] namespace in wrangler.toml.
const BINDING: &str = "SESSIONS";
const RECORD_KEY: &str = "session";
/// `last_seen` is written at most this often, to keep storage writes off most requests.
const TOUCH_EVERY_MS: f64 = 60_000.0;

/// Who a session belongs to, as resolved at sign-in.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Principal {
    Citizen {
        /// Their own `Patient` id.
        patient: String,
        /// Their CCCD: the key the store's guardian links (RelatedPerson.identifier) use.
        cccd: String,
        name: String,
    },
    Staff {
        /// BHXH code of the facility the identity provider vouches for.
        facility_code: String,
        name: String,
    },
}

/// What the session object stores.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SessionRecord {
    pub principal: Principal,
    pub created_ms: f64,
    /// Absolute end, whatever happens.
    pub expires_ms: f64,
    /// Idle limit.
    pub idle_ms: f64,
    pub last_seen_ms: f64,
}

impl SessionRecord {
    pub fn is_live(&self, now_ms: f64) -> bool {
        now_ms < self.expires_ms && now_ms - self.last_seen_ms < self.idle_ms
    }
}

async fn mac(config: &Config, sid: &str) -> Result<String, AppError> {
    let tag =
        crypto::hmac_sha256(&config.session_secret, format!("session:{sid}").as_bytes()).await?;
    Ok(crypto::b64url_encode(&tag))
}

/// The session id from the request's cookie, if it is present and carries our signature.
async fn signed_sid(req: &Request, config: &Config) -> Result<Option<String>, AppError> {
    let Some(value) = http::cookie(req, SESSION_COOKIE) else {
        return Ok(None);
    };
    let Some((sid, tag)) = value.split_once('.') else {
        return Ok(None);
    };
    if sid.len() != 43 {
        return Ok(None);
    }
    let expected = mac(config, sid).await?;
    Ok(crypto::constant_time_eq(expected.as_bytes(), tag.as_bytes()).then(|| sid.to_owned()))
}

fn stub(env: &Env, sid: &str) -> Result<Stub, AppError> {
    Ok(env.durable_object(BINDING)?.id_from_name(sid)?.get_stub()?)
}

async fn object_call(
    stub: &Stub,
    method: Method,
    body: Option<String>,
) -> Result<Response, AppError> {
    let mut init = RequestInit::new();
    init.with_method(method);
    if let Some(body) = body {
        init.with_body(Some(body.into()));
    }
    let req = Request::new_with_init("https://session/", &init)?;
    Ok(stub.fetch_with_request(req).await?)
}

/// Creates a session for `principal`; returns the `Set-Cookie` header value.
pub async fn create(env: &Env, config: &Config, principal: Principal) -> Result<String, AppError> {
    let sid = crypto::random_token(32)?;
    let now = js_sys::Date::now();
    let record = SessionRecord {
        principal,
        created_ms: now,
        expires_ms: now + f64::from(config.session_absolute_seconds) * 1000.0,
        idle_ms: f64::from(config.session_idle_seconds) * 1000.0,
        last_seen_ms: now,
    };
    let body = serde_json::to_string(&record).map_err(|_| AppError::internal("session encode"))?;
    let resp = object_call(&stub(env, &sid)?, Method::Put, Some(body)).await?;
    if resp.status_code() != 201 {
        return Err(AppError::internal("session object refused the session"));
    }
    let value = format!("{sid}.{}", mac(config, &sid).await?);
    Ok(CookieSpec {
        name: SESSION_COOKIE,
        value: &value,
        path: "/",
        max_age: config.session_absolute_seconds,
        same_site: "Strict",
    }
    .header())
}

/// The live session of this request, or 401.
pub async fn require(req: &Request, env: &Env, config: &Config) -> Result<Principal, AppError> {
    let sid = signed_sid(req, config)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let mut resp = object_call(&stub(env, &sid)?, Method::Get, None).await?;
    if resp.status_code() != 200 {
        return Err(AppError::Unauthenticated);
    }
    let record: SessionRecord = resp.json().await.map_err(|_| AppError::Unauthenticated)?;
    Ok(record.principal)
}

/// Ends the request's session, if any. Idempotent.
pub async fn destroy(req: &Request, env: &Env, config: &Config) -> Result<(), AppError> {
    if let Some(sid) = signed_sid(req, config).await? {
        object_call(&stub(env, &sid)?, Method::Delete, None).await?;
    }
    Ok(())
}

/// The Durable Object holding one session. Its storage, not memory, is the truth: idle
/// objects are evicted. An alarm deletes the record at its absolute end; alarms may run more
/// than once, and deleting twice is harmless.
#[durable_object]
pub struct SessionStore {
    state: State,
}

impl DurableObject for SessionStore {
    fn new(state: State, _env: Env) -> Self {
        Self { state }
    }

    async fn fetch(&self, mut req: Request) -> worker::Result<Response> {
        let storage = self.state.storage();
        let now = js_sys::Date::now();
        match req.method() {
            Method::Put => {
                let record: SessionRecord = req.json().await?;
                storage.put(RECORD_KEY, &record).await?;
                storage.set_alarm(record.expires_ms as i64).await?;
                Ok(Response::empty()?.with_status(201))
            }
            Method::Get => match storage.get::<SessionRecord>(RECORD_KEY).await? {
                Some(mut record) if record.is_live(now) => {
                    if now - record.last_seen_ms > TOUCH_EVERY_MS {
                        record.last_seen_ms = now;
                        storage.put(RECORD_KEY, &record).await?;
                    }
                    Response::from_json(&record)
                }
                Some(_) => {
                    storage.delete_all().await?;
                    Ok(Response::empty()?.with_status(404))
                }
                None => Ok(Response::empty()?.with_status(404)),
            },
            Method::Delete => {
                storage.delete_all().await?;
                storage.delete_alarm().await?;
                Ok(Response::empty()?.with_status(204))
            }
            _ => Ok(Response::empty()?.with_status(405)),
        }
    }

    async fn alarm(&self) -> worker::Result<Response> {
        self.state.storage().delete_all().await?;
        Response::empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn liveness_respects_absolute_and_idle_limits() {
        let record = SessionRecord {
            principal: Principal::Staff {
                facility_code: "01001".into(),
                name: "x".into(),
            },
            created_ms: 0.0,
            expires_ms: 10_000.0,
            idle_ms: 3_000.0,
            last_seen_ms: 5_000.0,
        };
        assert!(record.is_live(6_000.0));
        assert!(!record.is_live(8_000.0), "idle too long");
        let recent = SessionRecord {
            last_seen_ms: 9_500.0,
            ..record
        };
        assert!(!recent.is_live(10_000.0), "past the absolute end");
    }
}
