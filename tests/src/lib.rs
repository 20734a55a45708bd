//! Harness for integration and browser end-to-end tests against the real local stack.
//!
//! `cargo xtask test` starts the stack (FHIR store, identity provider, edge in workerd) on free
//! ports and points these tests at it through `SSK_STACK` (a JSON manifest). Nothing here is a
//! mock: requests go over loopback to the real services.

/// A small JSON Schema checker for the OpenAPI document's component schemas.
pub mod schema;
/// A minimal blocking WebDriver client driving Debian's Chromium through chromedriver.
pub mod webdriver;

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::Duration;

/// One demo login from the manifest.
#[derive(Clone, Debug, Deserialize)]
pub struct Login {
    pub login: String,
    pub role: String,
    pub name: String,
    pub patient: Option<String>,
    #[serde(default)]
    pub dependants: Vec<String>,
    pub facility_code: Option<String>,
}

/// The running stack, as `cargo xtask test` describes it.
#[derive(Clone, Debug, Deserialize)]
pub struct Stack {
    pub app: String,
    pub fhir: String,
    pub oidc: String,
    pub degraded_app: Option<String>,
    pub fault_control: Option<String>,
    pub password: String,
    /// Origins the edge lets frame the app; the embedded e2e serves its host page from the
    /// first one.
    #[serde(default)]
    pub host_app_origins: Vec<String>,
    pub logins: Vec<Login>,
    /// How long a booking hold lasts on the main edge (the product's 300 s when absent).
    #[serde(default)]
    pub hold_seconds: Option<u64>,
}

impl Stack {
    /// The stack under test. Panics with instructions when run outside `cargo xtask test`.
    pub fn get() -> &'static Stack {
        static STACK: OnceLock<Stack> = OnceLock::new();
        STACK.get_or_init(|| {
            let path = std::env::var("SSK_STACK").unwrap_or_else(|_| {
                panic!("SSK_STACK is not set: run these tests with `cargo xtask test`, which starts the stack")
            });
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
        })
    }

    /// The `n`-th demo login with `role` (`citizen`, `guardian`, `staff`).
    pub fn login(&self, role: &str, n: usize) -> &Login {
        self.logins
            .iter()
            .filter(|l| l.role == role)
            .nth(n)
            .unwrap_or_else(|| panic!("the seed has no {role} demo login #{n}"))
    }

    pub fn degraded(&self) -> (&str, &str) {
        (
            self.degraded_app
                .as_deref()
                .expect("stack started without a degraded edge"),
            self.fault_control
                .as_deref()
                .expect("stack started without a fault proxy"),
        )
    }
}

/// Where tests put screenshots and other artifacts (not committed).
pub fn artifacts_dir() -> std::path::PathBuf {
    let dir = std::env::var("SSK_ARTIFACTS").unwrap_or_else(|_| "target/test-artifacts".to_owned());
    let path = std::path::PathBuf::from(dir);
    let _ = std::fs::create_dir_all(&path);
    path
}

/// An HTTP answer, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn headers_named(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The machine code of an error answer.
    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_owned()
    }
}

fn agent() -> &'static ureq::Agent {
    static AGENT: OnceLock<ureq::Agent> = OnceLock::new();
    AGENT.get_or_init(|| {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into()
    })
}

/// A request as a script would send it. Panics if nothing answers.
pub fn request(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&str>) -> Reply {
    try_request(method, url, headers, body).unwrap_or_else(|e| panic!("{method} {url}: {e}"))
}

/// A request that reports a transport failure (nothing listening, timeout) as an error.
pub fn try_request(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Result<Reply, String> {
    let mut builder = ureq::http::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    let req = builder
        .body(body.unwrap_or_default().to_owned())
        .expect("request");
    let mut resp = agent().run(req).map_err(|e| e.to_string())?;
    let status = resp.status().as_u16();
    let headers = resp
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                v.to_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let body = resp.body_mut().read_to_string().unwrap_or_default();
    Ok(Reply {
        status,
        headers,
        body,
    })
}

pub fn get(url: &str, cookie: Option<&str>) -> Reply {
    match cookie {
        Some(c) => request("GET", url, &[("Cookie", c)], None),
        None => request("GET", url, &[], None),
    }
}

/// Cookies per `host:port`, enough for following a sign-in across two origins.
#[derive(Default, Debug)]
pub struct Jar {
    cookies: HashMap<String, Vec<(String, String)>>,
}

fn authority(url: &str) -> String {
    url.split("://")
        .nth(1)
        .unwrap_or(url)
        .split('/')
        .next()
        .unwrap_or_default()
        .to_owned()
}

impl Jar {
    pub fn absorb(&mut self, url: &str, reply: &Reply) {
        let host = authority(url);
        for set in reply.headers_named("set-cookie") {
            let pair = set.split(';').next().unwrap_or_default();
            let Some((name, value)) = pair.split_once('=') else {
                continue;
            };
            let expired = set.to_ascii_lowercase().contains("max-age=0");
            let list = self.cookies.entry(host.clone()).or_default();
            list.retain(|(n, _)| n != name.trim());
            if !expired {
                list.push((name.trim().to_owned(), value.trim().to_owned()));
            }
        }
    }

    pub fn header_for(&self, url: &str) -> String {
        self.cookies
            .get(&authority(url))
            .map(|list| {
                list.iter()
                    .map(|(n, v)| format!("{n}={v}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default()
    }

    pub fn get(&self, url: &str, name: &str) -> Option<String> {
        self.cookies
            .get(&authority(url))?
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }
}

fn absolute(base: &str, location: &str) -> String {
    if location.starts_with("http://") || location.starts_with("https://") {
        location.to_owned()
    } else {
        let origin = base.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
        format!("{origin}{location}")
    }
}

/// GETs `url` and follows redirects, keeping cookies; returns the final URL and answer.
pub fn follow(jar: &mut Jar, mut url: String) -> (String, Reply) {
    for _ in 0..15 {
        let cookie = jar.header_for(&url);
        let reply = request("GET", &url, &[("Cookie", &cookie)], None);
        jar.absorb(&url, &reply);
        match (reply.status, reply.header("location")) {
            (301 | 302 | 303 | 307 | 308, Some(location)) => url = absolute(&url, location),
            _ => return (url, reply),
        }
    }
    panic!("too many redirects from {url}");
}

/// The `action` of the first form in an HTML page, made absolute.
fn form_action(page_url: &str, html: &str) -> String {
    let form = html
        .find("<form")
        .map(|i| &html[i..])
        .expect("sign-in page has a form");
    let action = form
        .split("action=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("form has an action")
        .replace("&amp;", "&");
    absolute(page_url, &action)
}

fn form_encode(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            let enc = |s: &str| {
                s.bytes()
                    .map(|b| match b {
                        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                            (b as char).to_string()
                        }
                        _ => format!("%{b:02X}"),
                    })
                    .collect::<String>()
            };
            format!("{}={}", enc(k), enc(v))
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The outcome of driving the sign-in pages like a script.
pub struct SignIn {
    pub jar: Jar,
    /// Where the browser would land after sign-in.
    pub landed: String,
}

impl SignIn {
    /// `Cookie` header value carrying the app session for `app`.
    pub fn cookie(&self, app: &str) -> String {
        let value = self
            .jar
            .get(app, "ssk_session")
            .expect("signed in: session cookie set");
        format!("ssk_session={value}")
    }
}

/// Signs in at `app` through the real identity provider's HTML form.
pub fn sign_in_at(app: &str, login: &str, password: &str) -> SignIn {
    let mut jar = Jar::default();
    let (page_url, page) = follow(&mut jar, format!("{app}/auth/login?return_to=/"));
    assert_eq!(
        page.status, 200,
        "sign-in page at {page_url}: {}",
        page.body
    );
    let action = form_action(&page_url, &page.body);
    let body = form_encode(&[("login", login), ("password", password)]);
    let cookie = jar.header_for(&action);
    let reply = request(
        "POST",
        &action,
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", &cookie),
        ],
        Some(&body),
    );
    jar.absorb(&action, &reply);
    let location = reply.header("location").map(|l| absolute(&action, l));
    let (landed, _) = match location {
        Some(next) => follow(&mut jar, next),
        None => (action.clone(), reply),
    };
    SignIn { jar, landed }
}

/// Signs in at the main edge and returns the session `Cookie` header.
pub fn session_cookie(login: &Login) -> String {
    let stack = Stack::get();
    sign_in_at(&stack.app, &login.login, &stack.password).cookie(&stack.app)
}

/// FHIR search on the store directly (the ground truth tests compare against).
pub fn fhir_search(query: &str) -> Vec<serde_json::Value> {
    let stack = Stack::get();
    let reply = request(
        "GET",
        &format!("{}/{query}", stack.fhir),
        &[("Accept", "application/fhir+json")],
        None,
    );
    assert_eq!(reply.status, 200, "FHIR {query}: {}", reply.body);
    reply.json()["entry"]
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .filter_map(|e| e.get("resource").cloned())
                .collect()
        })
        .unwrap_or_default()
}

/// Today's date in Vietnam (UTC+7), as the edge computes it.
pub fn vn_today() -> shared::date::IsoDate {
    let unix_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    shared::date::IsoDate::vn_today_from_unix_ms(unix_ms)
}

/// A JSON request from the app's own origin (every non-GET needs it), with a session cookie
/// when given and any extra headers.
pub fn send_json(
    method: &str,
    url: &str,
    cookie: Option<&str>,
    extra: &[(&str, &str)],
    body: Option<&serde_json::Value>,
) -> Reply {
    let stack = Stack::get();
    let origin = url.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
    let origin = if origin.is_empty() {
        stack.app.clone()
    } else {
        origin
    };
    let mut headers: Vec<(&str, &str)> = vec![("Origin", &origin), ("Accept", "application/json")];
    if let Some(c) = cookie {
        headers.push(("Cookie", c));
    }
    if body.is_some() {
        headers.push(("Content-Type", "application/json"));
    }
    headers.extend_from_slice(extra);
    let text = body.map(|b| b.to_string());
    request(method, url, &headers, text.as_deref())
}

/// A seeded citizen with an account at the identity provider (login = CCCD).
#[derive(Clone, Debug)]
pub struct Citizen {
    pub login: String,
    pub patient: String,
    pub birth_date: String,
    /// Full name as the store has it ("Nguyễn Thị Mai").
    pub name: String,
}

impl Citizen {
    /// Signs in through the real identity provider; returns the session `Cookie` header.
    pub fn sign_in(&self) -> String {
        let stack = Stack::get();
        sign_in_at(&stack.app, &self.login, &stack.password).cookie(&stack.app)
    }
}

/// Adult citizens of the seed who are not demo logins or their dependants, in a stable order
/// (by Patient id), so tests can take disjoint ranges of people who book nothing else.
pub fn seeded_citizens() -> &'static [Citizen] {
    static CITIZENS: OnceLock<Vec<Citizen>> = OnceLock::new();
    CITIZENS.get_or_init(|| {
        let stack = Stack::get();
        let demo: std::collections::HashSet<&str> = stack
            .logins
            .iter()
            .flat_map(|l| l.patient.iter().chain(l.dependants.iter()))
            .map(String::as_str)
            .collect();
        // Adults only: every citizen of 14 or more has an account; 20 leaves a margin.
        let born_before = vn_today().add_days(-20 * 366);
        let mut out = Vec::new();
        let mut url = format!("Patient?birthdate=le{born_before}&_count=1000&_sort=_id");
        loop {
            let reply = request(
                "GET",
                &format!("{}/{url}", stack.fhir),
                &[("Accept", "application/fhir+json")],
                None,
            );
            assert_eq!(reply.status, 200, "FHIR {url}: {}", reply.body);
            let bundle = reply.json();
            for entry in bundle["entry"].as_array().into_iter().flatten() {
                let p = &entry["resource"];
                let id = p["id"].as_str().unwrap_or_default();
                let cccd = p["identifier"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|i| i["system"] == shared::fhir::SYSTEM_CCCD)
                    .and_then(|i| i["value"].as_str());
                let (Some(cccd), Some(birth)) = (cccd, p["birthDate"].as_str()) else {
                    continue;
                };
                if demo.contains(id)
                    || p["deceasedBoolean"] == true
                    || p["deceasedDateTime"].is_string()
                {
                    continue;
                }
                let name = &p["name"][0];
                let text = name["text"].as_str().map(str::to_owned).unwrap_or_else(|| {
                    let family = name["family"].as_str().unwrap_or_default();
                    let given: Vec<&str> = name["given"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|g| g.as_str())
                        .collect();
                    format!("{family} {}", given.join(" "))
                });
                out.push(Citizen {
                    login: cccd.to_owned(),
                    patient: id.to_owned(),
                    birth_date: birth.to_owned(),
                    name: text.trim().to_owned(),
                });
            }
            let next = bundle["link"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|l| l["relation"] == "next")
                .and_then(|l| l["url"].as_str())
                .map(str::to_owned);
            match next {
                // The store answers with absolute links; keep the part after the base.
                Some(n) => match n.split_once("/fhir/R4/") {
                    Some((_, rest)) => url = rest.to_owned(),
                    None => break,
                },
                None => break,
            }
        }
        out.sort_by(|a, b| a.patient.cmp(&b.patient));
        out
    })
}
