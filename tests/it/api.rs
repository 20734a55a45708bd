//! The edge's API against the running stack: sessions, authorization, failures, headers and
//! the OpenAPI document, as a host app or a script would exercise them.

use serde_json::Value;
use std::sync::Mutex;
use std::time::Duration;
use tests::{Stack, fhir_search, get, request, session_cookie, sign_in_at};

fn app() -> &'static str {
    &Stack::get().app
}

fn summary_url(patient: Option<&str>) -> String {
    match patient {
        Some(p) => format!("{}/api/v1/book/summary?patient={p}", app()),
        None => format!("{}/api/v1/book/summary", app()),
    }
}

/// Tests that switch the shared fault proxy run one at a time.
static FAULTS: Mutex<()> = Mutex::new(());

fn set_fault(mode: &str) {
    let (_, control) = Stack::get().degraded();
    let reply = request("POST", &format!("{control}/__fault/{mode}"), &[], None);
    assert_eq!(reply.status, 204, "fault proxy accepts mode {mode}");
}

fn assert_error(reply: &tests::Reply, status: u16, code: &str) {
    assert_eq!(reply.status, status, "body: {}", reply.body);
    assert_eq!(reply.code(), code, "body: {}", reply.body);
    let message = reply.json()["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        message.contains(" / "),
        "message is Vietnamese / English: {message}"
    );
}

#[test]
fn no_session_is_401() {
    for path in [
        "/api/v1/me",
        "/api/v1/book/summary",
        "/api/v1/book/summary?patient=abc",
    ] {
        assert_error(
            &get(&format!("{}{path}", app()), None),
            401,
            "unauthenticated",
        );
    }
}

#[test]
fn forged_and_tampered_sessions_are_401() {
    let citizen = Stack::get().login("citizen", 0);
    let cookie = session_cookie(citizen);
    let me = get(&format!("{}/api/v1/me", app()), Some(&cookie));
    assert_eq!(me.status, 200, "the genuine session works: {}", me.body);

    let value = cookie.trim_start_matches("ssk_session=");
    let (sid, sig) = value.split_once('.').expect("sid.signature");
    let flip = |s: &str| {
        let mut chars: Vec<char> = s.chars().collect();
        chars[5] = if chars[5] == 'A' { 'B' } else { 'A' };
        chars.into_iter().collect::<String>()
    };
    let forged = [
        format!("ssk_session={}.{}", "A".repeat(43), "B".repeat(43)),
        format!("ssk_session={}.{sig}", flip(sid)),
        format!("ssk_session={sid}.{}", flip(sig)),
        format!("ssk_session={sid}"),
        format!("ssk_session={sid}.{sig}x"),
        "ssk_session=".to_owned(),
        format!("other={value}"),
    ];
    for cookie in &forged {
        assert_error(
            &get(&format!("{}/api/v1/me", app()), Some(cookie)),
            401,
            "unauthenticated",
        );
        assert_error(
            &get(&summary_url(None), Some(cookie)),
            401,
            "unauthenticated",
        );
    }
}

#[test]
fn sign_out_ends_the_session_and_needs_our_origin() {
    let citizen = Stack::get().login("citizen", 0);
    let cookie = session_cookie(citizen);
    let logout = format!("{}/auth/logout", app());
    // CSRF defence: no Origin, or someone else's, is refused and the session survives.
    for origin in [None, Some("http://evil.example")] {
        let mut headers = vec![("Cookie", cookie.as_str())];
        if let Some(o) = origin {
            headers.push(("Origin", o));
        }
        assert_error(&request("POST", &logout, &headers, None), 403, "bad_origin");
    }
    assert_eq!(
        get(&format!("{}/api/v1/me", app()), Some(&cookie)).status,
        200
    );

    let out = request(
        "POST",
        &logout,
        &[("Cookie", &cookie), ("Origin", app())],
        None,
    );
    assert_eq!(out.status, 200, "{}", out.body);
    let redirect = out.json()["redirect"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        redirect.starts_with(&Stack::get().oidc),
        "ends the provider session too: {redirect}"
    );
    assert!(
        out.headers_named("set-cookie")
            .iter()
            .any(|c| c.starts_with("ssk_session=;") && c.contains("Max-Age=0"))
    );
    assert_error(
        &get(&format!("{}/api/v1/me", app()), Some(&cookie)),
        401,
        "unauthenticated",
    );
}

#[test]
fn session_cookie_is_locked_down() {
    let stack = Stack::get();
    let citizen = stack.login("citizen", 0);
    let signed = sign_in_at(&stack.app, &citizen.login, &stack.password);
    assert!(
        signed.landed.starts_with(&stack.app),
        "lands back in the app: {}",
        signed.landed
    );
    // Re-run the callback leg to see the Set-Cookie header itself.
    let mut jar = tests::Jar::default();
    let (page_url, page) = tests::follow(&mut jar, format!("{}/auth/login", stack.app));
    assert_eq!(page.status, 200, "{page_url}");
    let login = jar
        .get(&stack.app, "ssk_login")
        .expect("sign-in transaction cookie");
    assert!(!login.contains(&citizen.login));
    let callback = get(
        &format!("{}/auth/callback?code=forged&state=wrong", stack.app),
        Some(&format!("ssk_login={login}")),
    );
    assert_eq!(callback.status, 302);
    assert!(
        callback
            .header("location")
            .unwrap_or_default()
            .contains("error=sign_in_expired")
    );
    assert!(
        !callback
            .headers_named("set-cookie")
            .iter()
            .any(|c| c.starts_with("ssk_session=") && !c.contains("Max-Age=0"))
    );
}

#[test]
fn citizen_sees_own_summary_matching_the_store() {
    let citizen = Stack::get().login("citizen", 0);
    let patient = citizen.patient.as_deref().expect("demo citizen has a book");
    let cookie = session_cookie(citizen);
    let reply = get(&summary_url(None), Some(&cookie));
    assert_eq!(reply.status, 200, "{}", reply.body);
    let body = reply.json();
    assert_eq!(body["patient"]["id"], patient);
    assert_eq!(body["patient"]["name"], citizen.name.as_str());
    // Ground truth from the store.
    let coverage = fhir_search(&format!("Coverage?beneficiary=Patient/{patient}"));
    let bhyt: Vec<&str> = coverage
        .iter()
        .flat_map(|c| c["identifier"].as_array().into_iter().flatten())
        .filter(|i| i["system"] == shared::fhir::SYSTEM_BHYT)
        .filter_map(|i| i["value"].as_str())
        .collect();
    assert!(
        bhyt.contains(&body["insurance"]["number"].as_str().unwrap_or_default()),
        "BHYT {bhyt:?} vs {}",
        body["insurance"]
    );
    assert_eq!(body["patient"]["cccd"], citizen.login.as_str());
    // Explicit own id is the same book.
    let again = get(&summary_url(Some(patient)), Some(&cookie));
    assert_eq!(again.json(), body);
}

#[test]
fn a_citizen_never_obtains_another_citizens_data() {
    let stack = Stack::get();
    let a = stack.login("citizen", 0);
    let b = stack.login("citizen", 1);
    let guardian = stack.login("guardian", 0);
    let b_id = b.patient.as_deref().expect("b has a book");
    let child = guardian
        .dependants
        .first()
        .expect("guardian has a dependant")
        .as_str();
    let cookie = session_cookie(a);
    let secrets = [b.name.as_str(), b.login.as_str()];

    let attempts: Vec<String> = vec![
        summary_url(Some(b_id)),
        summary_url(Some(child)),
        format!(
            "{}?patient={b_id}&patient={}",
            summary_url(None),
            a.patient.as_deref().unwrap_or_default()
        ),
        summary_url(Some(&format!("Patient/{b_id}"))),
        summary_url(Some(&format!("{b_id}%2F..%2F"))),
        summary_url(Some(&format!("{b_id}%20"))),
        summary_url(Some(&b_id.to_uppercase())),
        summary_url(Some(&format!("{b_id}&_id={b_id}"))),
        summary_url(Some("")),
        format!(
            "{}/api/v1/book/summary?PATIENT={b_id}&patient={b_id}",
            app()
        ),
    ];
    for url in &attempts {
        let reply = get(url, Some(&cookie));
        if reply.status == 200 {
            // Only acceptable when the parameter was ignored and A got their own book.
            assert_eq!(
                reply.json()["patient"]["id"],
                a.patient.as_deref().unwrap_or_default(),
                "{url}"
            );
        } else {
            assert!(
                matches!(reply.status, 400 | 403 | 404),
                "{url} → {}: {}",
                reply.status,
                reply.body
            );
        }
        for secret in secrets {
            assert!(!reply.body.contains(secret), "{url} leaked {secret}");
        }
    }
    assert_error(
        &get(&summary_url(Some(b_id)), Some(&cookie)),
        403,
        "not_authorized",
    );
    assert_error(
        &get(&summary_url(Some("no/such")), Some(&cookie)),
        400,
        "bad_patient_id",
    );
}

#[test]
fn guardian_opens_a_dependants_book_and_it_is_recorded() {
    let guardian = Stack::get().login("guardian", 0);
    let child = guardian.dependants.first().expect("dependant").clone();
    let cookie = session_cookie(guardian);
    let me = get(&format!("{}/api/v1/me", app()), Some(&cookie)).json();
    let listed: Vec<&str> = me["dependants"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["patient"].as_str())
        .collect();
    assert!(
        listed.contains(&child.as_str()),
        "me lists the dependant: {me}"
    );

    let before = fhir_search(&format!("AuditEvent?entity=Patient/{child}&_count=1000")).len();
    let reply = get(&summary_url(Some(&child)), Some(&cookie));
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["patient"]["id"], child.as_str());
    let after = fhir_search(&format!("AuditEvent?entity=Patient/{child}&_count=1000"));
    // Other tests may open the same book concurrently, so "at least one more".
    assert!(
        after.len() > before,
        "an AuditEvent per access by a representative"
    );
    let event = after
        .iter()
        .max_by_key(|e| e["recorded"].as_str().unwrap_or_default().to_owned())
        .expect("event");
    assert!(
        event["agent"][0]["who"]["reference"]
            .as_str()
            .unwrap_or_default()
            .starts_with("RelatedPerson/")
    );

    // The owner's own reads are not audit noise.
    let own_id = me["patient"].as_str().unwrap_or_default().to_owned();
    let count = || fhir_search(&format!("AuditEvent?entity=Patient/{own_id}&_count=1000")).len();
    let before_own = count();
    assert_eq!(get(&summary_url(None), Some(&cookie)).status, 200);
    assert_eq!(count(), before_own);
}

#[test]
fn staff_see_their_facility_but_no_books_without_consent() {
    let staff = Stack::get().login("staff", 0);
    let citizen = Stack::get().login("citizen", 0);
    let cookie = session_cookie(staff);
    let me = get(&format!("{}/api/v1/me", app()), Some(&cookie));
    assert_eq!(me.status, 200, "{}", me.body);
    let me = me.json();
    assert_eq!(me["role"], "staff");
    assert_eq!(
        me["facility"]["code"],
        staff.facility_code.as_deref().unwrap_or_default()
    );
    for url in [summary_url(None), summary_url(citizen.patient.as_deref())] {
        assert_error(&get(&url, Some(&cookie)), 403, "not_authorized");
    }
}

#[test]
fn store_failures_become_clear_502_and_504() {
    let _serial = FAULTS.lock().unwrap_or_else(|e| e.into_inner());
    let stack = Stack::get();
    let (degraded, _) = stack.degraded();
    set_fault("pass");
    let citizen = stack.login("citizen", 0);
    let cookie = sign_in_at(degraded, &citizen.login, &stack.password).cookie(degraded);
    let summary = format!("{degraded}/api/v1/book/summary");
    assert_eq!(get(&summary, Some(&cookie)).status, 200);

    set_fault("hang");
    let started = std::time::Instant::now();
    assert_error(&get(&summary, Some(&cookie)), 504, "store_timeout");
    assert!(started.elapsed() < Duration::from_secs(10), "bounded wait");

    set_fault("close");
    assert_error(&get(&summary, Some(&cookie)), 502, "store_unavailable");
    let health = get(&format!("{degraded}/api/v1/health"), None);
    assert_error(&health, 503, "store_unavailable");

    set_fault("http500");
    let reply = get(&summary, Some(&cookie));
    assert_error(&reply, 502, "store_unavailable");
    assert!(
        !reply.body.contains("stack trace"),
        "upstream text never echoed"
    );

    set_fault("pass");
    assert_eq!(get(&summary, Some(&cookie)).status, 200);
    assert_eq!(get(&format!("{degraded}/api/v1/health"), None).status, 200);
}

#[test]
fn idle_sessions_expire() {
    let _serial = FAULTS.lock().unwrap_or_else(|e| e.into_inner());
    set_fault("pass");
    let stack = Stack::get();
    let (degraded, _) = stack.degraded();
    let citizen = stack.login("citizen", 1);
    let cookie = sign_in_at(degraded, &citizen.login, &stack.password).cookie(degraded);
    assert_eq!(
        get(&format!("{degraded}/api/v1/me"), Some(&cookie)).status,
        200
    );
    // The degraded edge ends sessions after 6 idle seconds.
    std::thread::sleep(Duration::from_secs(8));
    assert_error(
        &get(&format!("{degraded}/api/v1/me"), Some(&cookie)),
        401,
        "unauthenticated",
    );
}

#[test]
fn wrong_password_gets_no_session() {
    let stack = Stack::get();
    let citizen = stack.login("citizen", 0);
    let attempt = sign_in_at(&stack.app, &citizen.login, "not the password");
    assert!(attempt.jar.get(&stack.app, "ssk_session").is_none());
}

#[test]
fn every_response_carries_security_headers() {
    let stack = Stack::get();
    let index = get(&format!("{}/", stack.app), None);
    let asset = index
        .body
        .split("src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("index.html loads a script")
        .to_owned();
    let urls = [
        "/".to_owned(),
        "/so-suc-khoe".to_owned(),
        asset.clone(),
        "/api/v1/health".to_owned(),
        "/api/v1/me".to_owned(),
        "/api/v1/nope".to_owned(),
        "/auth/login".to_owned(),
    ];
    for path in &urls {
        let reply = get(&format!("{}{path}", stack.app), None);
        let csp = reply
            .header("content-security-policy")
            .unwrap_or_else(|| panic!("{path}: no CSP"));
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{path}: {csp}"
        );
        assert!(csp.contains("frame-ancestors"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(
            reply.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(
            reply.header("referrer-policy"),
            Some("no-referrer"),
            "{path}"
        );
    }
    let api = get(&format!("{}/api/v1/health", stack.app), None);
    assert_eq!(api.header("cache-control"), Some("no-store"));
    let hashed = get(&format!("{}{asset}", stack.app), None);
    assert!(
        hashed
            .header("cache-control")
            .unwrap_or_default()
            .contains("immutable")
    );
    assert_error(
        &get(&format!("{}/api/v1/nope", stack.app), None),
        404,
        "not_found",
    );
    assert_error(
        &request(
            "DELETE",
            &format!("{}/api/v1/me", stack.app),
            &[("Origin", &stack.app)],
            None,
        ),
        405,
        "method_not_allowed",
    );
}

#[test]
fn openapi_document_describes_real_answers() {
    let stack = Stack::get();
    let doc: Value = get(&format!("{}/api/v1/openapi.json", stack.app), None).json();
    let check = |schema: &str, value: &Value| {
        let errors = tests::schema::check(&doc, schema, value);
        assert!(
            errors.is_empty(),
            "{schema} does not describe {value}: {errors:#?}"
        );
    };
    check(
        "Health",
        &get(&format!("{}/api/v1/health", stack.app), None).json(),
    );
    check(
        "ApiError",
        &get(&format!("{}/api/v1/me", stack.app), None).json(),
    );
    for (role, n) in [
        ("citizen", 0),
        ("citizen", 1),
        ("guardian", 0),
        ("staff", 0),
    ] {
        let login = stack.login(role, n);
        let cookie = session_cookie(login);
        let me = get(&format!("{}/api/v1/me", stack.app), Some(&cookie)).json();
        check("Me", &me);
        if role == "staff" {
            check("ApiError", &get(&summary_url(None), Some(&cookie)).json());
            continue;
        }
        check(
            "BookSummary",
            &get(&summary_url(None), Some(&cookie)).json(),
        );
        for dependant in me["dependants"].as_array().into_iter().flatten() {
            let id = dependant["patient"].as_str().unwrap_or_default();
            check(
                "BookSummary",
                &get(&summary_url(Some(id)), Some(&cookie)).json(),
            );
        }
    }
}
