//! HTTP plumbing shared by every handler: JSON answers, cookies, the Origin check and the
//! security headers every response leaves with.

use crate::error::AppError;
use serde::Serialize;
use worker::{Headers, Method, Request, Response, ResponseBuilder};

/// What kind of response is leaving, which decides its caching headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// API and auth answers: may hold health data, never stored anywhere.
    Private,
    /// Content-hashed static files (`/assets/…`): cache for a year.
    Immutable,
    /// Other static files (the SPA shell, manifest): revalidate every time.
    Static,
}

/// A JSON answer with the given status.
pub fn json<T: Serialize>(status: u16, body: &T) -> Result<Response, AppError> {
    Ok(Response::from_json(body)?.with_status(status))
}

/// The error as a JSON answer. Logs internal details (never personal data) first.
pub fn error_response(err: &AppError) -> Response {
    if let AppError::Internal(detail) = err {
        worker::console_error!("internal error: {detail}");
    }
    match Response::from_json(&err.body()) {
        Ok(resp) => resp.with_status(err.status()),
        // Serialising two strings cannot really fail; answer something valid regardless.
        Err(_) => Response::empty()
            .map(|r| r.with_status(err.status()))
            .unwrap_or_else(|_| Response::builder().with_status(500).empty()),
    }
}

/// The Content-Security-Policy of every page: our own scripts and wasm only, nothing inline,
/// framed only by the configured host apps.
pub fn content_security_policy(host_app_origins: &[String]) -> String {
    let frame_ancestors = if host_app_origins.is_empty() {
        "'none'".to_owned()
    } else {
        host_app_origins.join(" ")
    };
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; \
         worker-src 'self'; base-uri 'none'; form-action 'self'; \
         frame-ancestors {frame_ancestors}"
    )
}

/// Copies the response into one with our security and caching headers. A copy, because
/// responses from the assets binding have immutable headers.
pub fn finalize(resp: Response, csp: &str, kind: Kind) -> Response {
    let status = resp.status_code();
    let headers = Headers::new();
    // `append`, not `set`: a response may carry several Set-Cookie headers.
    for (name, value) in resp.headers().entries() {
        let _ = headers.append(&name, &value);
    }
    let security = [
        ("Content-Security-Policy", csp),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        (
            "Permissions-Policy",
            "camera=(self), geolocation=(), microphone=(), payment=()",
        ),
        (
            "Strict-Transport-Security",
            "max-age=31536000; includeSubDomains",
        ),
    ];
    for (name, value) in security {
        let _ = headers.set(name, value);
    }
    let cache = match kind {
        Kind::Private => "no-store",
        Kind::Immutable => "public, max-age=31536000, immutable",
        Kind::Static => "no-cache",
    };
    let _ = headers.set("Cache-Control", cache);
    let (_, body) = resp.into_parts();
    ResponseBuilder::new()
        .with_status(status)
        .with_headers(headers)
        .body(body)
}

/// The value of cookie `name`, if the request carries it.
pub fn cookie(req: &Request, name: &str) -> Option<String> {
    let header = req.headers().get("Cookie").ok().flatten()?;
    header.split(';').find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name).then(|| v.to_owned())
    })
}

/// Cookie attributes. Session cookies are `SameSite=Strict`; the short-lived sign-in
/// transaction cookie must be `Lax` because it comes back on the identity provider's redirect.
pub struct CookieSpec<'a> {
    pub name: &'a str,
    pub value: &'a str,
    pub path: &'a str,
    pub max_age: u32,
    pub same_site: &'a str,
}

impl CookieSpec<'_> {
    pub fn header(&self) -> String {
        format!(
            "{}={}; Path={}; Max-Age={}; HttpOnly; Secure; SameSite={}",
            self.name, self.value, self.path, self.max_age, self.same_site
        )
    }
}

/// A header value that deletes cookie `name` at `path`.
pub fn clear_cookie(name: &str, path: &str, same_site: &str) -> String {
    CookieSpec {
        name,
        value: "",
        path,
        max_age: 0,
        same_site,
    }
    .header()
}

/// CSRF defence for state-changing requests: their `Origin` must be the app's own. Together
/// with `SameSite=Strict` session cookies this needs no extra token.
pub fn require_same_origin(req: &Request, app_origin: &str) -> Result<(), AppError> {
    if matches!(req.method(), Method::Get | Method::Head | Method::Options) {
        return Ok(());
    }
    match req.headers().get("Origin").ok().flatten() {
        Some(origin) if origin == app_origin => Ok(()),
        _ => Err(AppError::forbidden(
            "bad_origin",
            "Yêu cầu không đến từ ứng dụng Sổ Sức Khỏe nên đã bị từ chối. / \
             The request did not come from the Sổ Sức Khỏe app and was refused.",
        )),
    }
}

/// The first value of query parameter `name`.
pub fn query(req: &Request, name: &str) -> Result<Option<String>, AppError> {
    let url = req
        .url()
        .map_err(|_| AppError::bad_request("bad_url", BAD_URL))?;
    Ok(url
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned()))
}

const BAD_URL: &str = "Địa chỉ yêu cầu không hợp lệ. / The request address is not valid.";

/// Matches `path` against a route template such as `/api/v1/book/visits/{id}`; returns the
/// values of the `{…}` segments in order.
pub fn match_path<'a>(template: &str, path: &'a str) -> Option<Vec<&'a str>> {
    let mut params = Vec::new();
    let mut t = template.split('/');
    let mut p = path.split('/');
    loop {
        match (t.next(), p.next()) {
            (None, None) => return Some(params),
            (Some(ts), Some(ps)) if ts.starts_with('{') && ts.ends_with('}') && !ps.is_empty() => {
                params.push(ps)
            }
            (Some(ts), Some(ps)) if ts == ps => {}
            _ => return None,
        }
    }
}

/// Redirect (302) to an absolute or root-relative location.
pub fn redirect(location: &str) -> Result<Response, AppError> {
    let headers = Headers::new();
    headers.set("Location", location)?;
    Ok(ResponseBuilder::new()
        .with_status(302)
        .with_headers(headers)
        .empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_allows_wasm_and_only_configured_frames() {
        let csp = content_security_policy(&[]);
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
        let hosts = vec![
            "https://vneid.gov.vn".to_owned(),
            "http://127.0.0.1:9000".to_owned(),
        ];
        assert!(
            content_security_policy(&hosts)
                .ends_with("frame-ancestors https://vneid.gov.vn http://127.0.0.1:9000")
        );
    }

    #[test]
    fn path_templates() {
        assert_eq!(match_path("/api/v1/me", "/api/v1/me"), Some(vec![]));
        assert_eq!(
            match_path("/api/v1/book/visits/{id}", "/api/v1/book/visits/e1"),
            Some(vec!["e1"])
        );
        assert_eq!(
            match_path("/api/v1/book/visits/{id}", "/api/v1/book/visits/"),
            None
        );
        assert_eq!(
            match_path("/api/v1/book/visits/{id}", "/api/v1/book/visits/e1/x"),
            None
        );
        assert_eq!(match_path("/api/v1/me", "/api/v1/me/"), None);
    }

    #[test]
    fn cookie_header_is_locked_down() {
        let h = CookieSpec {
            name: "s",
            value: "v",
            path: "/",
            max_age: 60,
            same_site: "Strict",
        }
        .header();
        assert_eq!(
            h,
            "s=v; Path=/; Max-Age=60; HttpOnly; Secure; SameSite=Strict"
        );
        assert!(clear_cookie("s", "/", "Strict").contains("Max-Age=0"));
    }
}
