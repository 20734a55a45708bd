//! OpenID Connect, Authorization Code + PKCE, with the edge as a confidential client
//! (backend-for-frontend): tokens stay here, the browser only ever gets our session cookie.

use crate::config::Config;
use crate::crypto;
use crate::error::{AppError, Upstream};
use crate::fhir::encode_component;
use crate::upstream::{Outgoing, call};
use serde::Deserialize;
use serde_json::Value;
use std::cell::RefCell;
use worker::Method;

/// The provider's metadata (`/.well-known/openid-configuration`), the fields we use.
#[derive(Clone, Debug, Deserialize)]
pub struct Discovery {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
    #[serde(default)]
    pub end_session_endpoint: Option<String>,
}

/// How long metadata and keys are reused within one isolate before being fetched again.
const METADATA_TTL_MS: f64 = 10.0 * 60.0 * 1000.0;
/// Clock skew tolerated on `exp`/`iat`.
const SKEW_SECONDS: i64 = 60;

thread_local! {
    // Isolates are single-threaded; caching here saves two round trips per sign-in.
    static DISCOVERY: RefCell<Option<(String, Discovery, f64)>> = const { RefCell::new(None) };
    static JWKS: RefCell<Option<(String, Vec<Value>, f64)>> = const { RefCell::new(None) };
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Fetches the provider's metadata now, bypassing the cache (health checks).
pub async fn probe(config: &Config) -> Result<(), AppError> {
    fetch_discovery(config).await.map(|_| ())
}

pub async fn discovery(config: &Config) -> Result<Discovery, AppError> {
    let cached = DISCOVERY.with(|d| {
        d.borrow().as_ref().and_then(|(issuer, disc, at)| {
            (issuer == &config.oidc_issuer && now_ms() - at < METADATA_TTL_MS).then(|| disc.clone())
        })
    });
    if let Some(disc) = cached {
        return Ok(disc);
    }
    let disc = fetch_discovery(config).await?;
    DISCOVERY
        .with(|d| *d.borrow_mut() = Some((config.oidc_issuer.clone(), disc.clone(), now_ms())));
    Ok(disc)
}

/// GETs a JSON document from the identity provider; anything but 2xx JSON is a 502.
async fn get_json<T: serde::de::DeserializeOwned>(
    config: &Config,
    url: &str,
) -> Result<T, AppError> {
    let out = Outgoing {
        method: Method::Get,
        url,
        headers: &[("Accept", "application/json")],
        body: None,
    };
    let reply = call(out, config.upstream_timeout_ms, Upstream::Identity).await?;
    if !reply.is_success() {
        return Err(AppError::UpstreamUnavailable(Upstream::Identity));
    }
    reply.json(Upstream::Identity)
}

async fn fetch_discovery(config: &Config) -> Result<Discovery, AppError> {
    let url = format!("{}/.well-known/openid-configuration", config.oidc_issuer);
    let disc: Discovery = get_json(config, &url).await?;
    // A provider must describe itself under the issuer we were configured with (OIDC
    // Discovery §4.3); anything else is a misconfiguration or an attack.
    if disc.issuer.trim_end_matches('/') != config.oidc_issuer {
        return Err(AppError::internal("identity provider issuer mismatch"));
    }
    Ok(disc)
}

async fn jwks(config: &Config, disc: &Discovery, refresh: bool) -> Result<Vec<Value>, AppError> {
    if !refresh {
        let cached = JWKS.with(|j| {
            j.borrow().as_ref().and_then(|(uri, keys, at)| {
                (uri == &disc.jwks_uri && now_ms() - at < METADATA_TTL_MS).then(|| keys.clone())
            })
        });
        if let Some(keys) = cached {
            return Ok(keys);
        }
    }
    #[derive(Deserialize)]
    struct Jwks {
        keys: Vec<Value>,
    }
    let keys = get_json::<Jwks>(config, &disc.jwks_uri).await?.keys;
    JWKS.with(|j| *j.borrow_mut() = Some((disc.jwks_uri.clone(), keys.clone(), now_ms())));
    Ok(keys)
}

/// What the sign-in request asks the provider for.
pub struct AuthorizationRequest<'a> {
    pub state: &'a str,
    pub nonce: &'a str,
    pub code_challenge: &'a str,
    /// `Some("none")` for silent sign-in inside a host app.
    pub prompt: Option<&'a str>,
}

pub fn authorization_url(
    config: &Config,
    disc: &Discovery,
    req: &AuthorizationRequest<'_>,
) -> String {
    let mut params = vec![
        ("response_type", "code".to_owned()),
        ("client_id", config.oidc_client_id.clone()),
        ("redirect_uri", config.redirect_uri()),
        ("scope", "openid profile vneid".to_owned()),
        ("state", req.state.to_owned()),
        ("nonce", req.nonce.to_owned()),
        ("code_challenge", req.code_challenge.to_owned()),
        ("code_challenge_method", "S256".to_owned()),
        ("ui_locales", "vi en".to_owned()),
    ];
    if let Some(prompt) = req.prompt {
        params.push(("prompt", prompt.to_owned()));
    }
    let query: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_component(v)))
        .collect();
    let sep = if disc.authorization_endpoint.contains('?') {
        '&'
    } else {
        '?'
    };
    format!("{}{sep}{}", disc.authorization_endpoint, query.join("&"))
}

/// The provider's end-session URL that returns to the app, if it supports RP-initiated logout.
pub fn end_session_url(config: &Config, disc: &Discovery) -> Option<String> {
    let endpoint = disc.end_session_endpoint.as_ref()?;
    Some(format!(
        "{endpoint}?client_id={}&post_logout_redirect_uri={}",
        encode_component(&config.oidc_client_id),
        encode_component(&format!("{}/", config.app_origin)),
    ))
}

/// Exchanges the authorization code (with the PKCE verifier) for an ID token.
pub async fn exchange_code(
    config: &Config,
    disc: &Discovery,
    code: &str,
    verifier: &str,
) -> Result<String, AppError> {
    // RFC 6749 §2.3.1: client id and secret are form-encoded before Basic encoding.
    let basic = crypto::b64_encode(
        format!(
            "{}:{}",
            encode_component(&config.oidc_client_id),
            encode_component(&config.oidc_client_secret)
        )
        .as_bytes(),
    );
    let authorization = format!("Basic {basic}");
    let body = [
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", &config.redirect_uri()),
        ("code_verifier", verifier),
    ]
    .iter()
    .map(|(k, v)| format!("{k}={}", encode_component(v)))
    .collect::<Vec<_>>()
    .join("&");
    let reply = call(
        Outgoing {
            method: Method::Post,
            url: &disc.token_endpoint,
            headers: &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Accept", "application/json"),
                ("Authorization", &authorization),
            ],
            body: Some(body),
        },
        config.upstream_timeout_ms,
        Upstream::Identity,
    )
    .await?;
    match reply.status {
        // invalid_grant & co: a replayed, expired or forged code. The citizen signs in again.
        400 | 401 => Err(AppError::Unauthenticated),
        _ if reply.is_success() => {
            #[derive(Deserialize)]
            struct TokenResponse {
                id_token: Option<String>,
            }
            reply
                .json::<TokenResponse>(Upstream::Identity)?
                .id_token
                .ok_or(AppError::UpstreamUnavailable(Upstream::Identity))
        }
        _ => Err(AppError::UpstreamUnavailable(Upstream::Identity)),
    }
}

/// The ID token claims the edge relies on.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct IdClaims {
    pub iss: String,
    pub sub: String,
    #[serde(deserialize_with = "audience")]
    pub aud: Vec<String>,
    #[serde(default)]
    pub azp: Option<String>,
    pub exp: i64,
    #[serde(default)]
    pub iat: Option<i64>,
    #[serde(default)]
    pub nonce: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub birthdate: Option<String>,
    /// The 12-digit personal ID (CCCD), a VNeID-style claim.
    #[serde(default)]
    pub personal_id: Option<String>,
    /// `staff` for clinic accounts.
    #[serde(default)]
    pub ssk_role: Option<String>,
    /// Staff: the BHXH code of their facility.
    #[serde(default)]
    pub facility_code: Option<String>,
}

fn audience<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Aud {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Aud::deserialize(d)? {
        Aud::One(a) => vec![a],
        Aud::Many(a) => a,
    })
}

/// What the claims must match (OIDC Core §3.1.3.7).
pub struct Expected<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub nonce: &'a str,
    pub now_seconds: i64,
}

/// Checks issuer, audience, authorized party, expiry, issue time and nonce. Pure, so it is
/// tested natively; the signature is checked before this by [`verify_id_token`].
pub fn check_claims(claims: &IdClaims, expected: &Expected<'_>) -> Result<(), &'static str> {
    if claims.iss.trim_end_matches('/') != expected.issuer {
        return Err("issuer");
    }
    if !claims.aud.iter().any(|a| a == expected.client_id) {
        return Err("audience");
    }
    if claims.aud.len() > 1 && claims.azp.as_deref() != Some(expected.client_id) {
        return Err("authorized party");
    }
    if claims.exp + SKEW_SECONDS <= expected.now_seconds {
        return Err("expired");
    }
    if claims
        .iat
        .is_some_and(|iat| iat > expected.now_seconds + SKEW_SECONDS)
    {
        return Err("issued in the future");
    }
    match claims.nonce.as_deref() {
        Some(n) if crypto::constant_time_eq(n.as_bytes(), expected.nonce.as_bytes()) => {}
        _ => return Err("nonce"),
    }
    if claims.sub.is_empty() {
        return Err("subject");
    }
    Ok(())
}

/// A decoded, not yet verified, compact JWS.
pub struct Jws {
    pub kid: Option<String>,
    pub claims: IdClaims,
    pub signature: Vec<u8>,
    /// `header.payload`, the bytes the signature covers.
    pub signed: String,
}

/// Splits a compact JWS and decodes its header and claims. Only RS256 is accepted: `none`
/// and HMAC algorithms would let a forger choose how the token is checked.
pub fn parse_jwt(token: &str) -> Result<Jws, &'static str> {
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("not a compact JWS");
    };
    #[derive(Deserialize)]
    struct Header {
        alg: String,
        #[serde(default)]
        kid: Option<String>,
    }
    let header: Header = crypto::b64url_decode(h)
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or("header")?;
    if header.alg != "RS256" {
        return Err("algorithm");
    }
    let claims: IdClaims = crypto::b64url_decode(p)
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or("claims")?;
    let signature = crypto::b64url_decode(s).ok_or("signature encoding")?;
    Ok(Jws {
        kid: header.kid,
        claims,
        signature,
        signed: format!("{h}.{p}"),
    })
}

/// Verifies the ID token's signature against the provider's JWKS and checks its claims.
pub async fn verify_id_token(
    config: &Config,
    disc: &Discovery,
    token: &str,
    nonce: &str,
) -> Result<IdClaims, AppError> {
    let rejected = |why: &str| {
        worker::console_warn!("id_token rejected: {why}");
        AppError::Unauthenticated
    };
    let Jws {
        kid,
        claims,
        signature,
        signed,
    } = parse_jwt(token).map_err(rejected)?;
    let pick = |keys: &[Value]| -> Option<Value> {
        keys.iter()
            .filter(|k| k.get("kty").and_then(Value::as_str) == Some("RSA"))
            .filter(|k| {
                k.get("use")
                    .and_then(Value::as_str)
                    .is_none_or(|u| u == "sig")
            })
            .find(|k| kid.is_none() || k.get("kid").and_then(Value::as_str) == kid.as_deref())
            .cloned()
    };
    // An unknown key id may mean the provider rotated its keys: refetch once.
    let key = match pick(&jwks(config, disc, false).await?) {
        Some(key) => key,
        None => pick(&jwks(config, disc, true).await?).ok_or_else(|| rejected("unknown key"))?,
    };
    if !crypto::verify_rs256(&key, signed.as_bytes(), &signature).await? {
        return Err(rejected("signature"));
    }
    let expected = Expected {
        issuer: &config.oidc_issuer,
        client_id: &config.oidc_client_id,
        nonce,
        now_seconds: (now_ms() / 1000.0) as i64,
    };
    check_claims(&claims, &expected).map_err(rejected)?;
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims() -> IdClaims {
        IdClaims {
            iss: "http://idp".into(),
            sub: "s1".into(),
            aud: vec!["app".into()],
            exp: 2_000,
            iat: Some(1_000),
            nonce: Some("n0nce".into()),
            ..IdClaims::default()
        }
    }

    fn expected() -> Expected<'static> {
        Expected {
            issuer: "http://idp",
            client_id: "app",
            nonce: "n0nce",
            now_seconds: 1_500,
        }
    }

    #[test]
    fn claim_checks() {
        let check = |edit: fn(&mut IdClaims), result: Result<(), &'static str>| {
            let mut c = claims();
            edit(&mut c);
            assert_eq!(check_claims(&c, &expected()), result);
        };
        check(|_| {}, Ok(()));
        check(|c| c.iss = "http://evil".into(), Err("issuer"));
        check(|c| c.aud = vec!["other".into()], Err("audience"));
        check(
            |c| c.aud = vec!["app".into(), "other".into()],
            Err("authorized party"),
        );
        check(
            |c| {
                c.aud = vec!["app".into(), "other".into()];
                c.azp = Some("app".into());
            },
            Ok(()),
        );
        check(|c| c.exp = 1_400, Err("expired"));
        check(|c| c.exp = 1_460, Ok(())); // within skew
        check(|c| c.iat = Some(9_999), Err("issued in the future"));
        check(|c| c.nonce = None, Err("nonce"));
        check(|c| c.nonce = Some("other".into()), Err("nonce"));
        check(|c| c.sub = String::new(), Err("subject"));
    }

    #[test]
    fn jwt_parsing_rejects_other_algorithms() {
        let enc = |v: serde_json::Value| crypto::b64url_encode(v.to_string().as_bytes());
        let payload = enc(serde_json::json!({"iss":"i","sub":"s","aud":"a","exp":1}));
        let none = format!("{}.{payload}.", enc(serde_json::json!({"alg":"none"})));
        assert!(matches!(parse_jwt(&none), Err("algorithm")));
        let hs = format!("{}.{payload}.c2ln", enc(serde_json::json!({"alg":"HS256"})));
        assert!(matches!(parse_jwt(&hs), Err("algorithm")));
        let rs = format!(
            "{}.{payload}.c2ln",
            enc(serde_json::json!({"alg":"RS256","kid":"k1"}))
        );
        let jws = parse_jwt(&rs).unwrap();
        assert_eq!(jws.kid.as_deref(), Some("k1"));
        assert_eq!(jws.claims.aud, vec!["a".to_owned()]);
        assert_eq!(jws.signature, b"sig");
        assert!(matches!(parse_jwt("a.b"), Err("not a compact JWS")));
    }
}
