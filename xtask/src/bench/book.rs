//! `cargo xtask bench`: health-book screen payloads and edge response times for the citizen
//! with the largest seeded history, on a stack of its own (free ports, fresh store).
//!
//! One screen = one request (the edge fans out to the store and answers one DTO), so the
//! request's time is the screen's wait for data. Each is run [`RUNS`] times after one warm-up;
//! the median is printed, with the fastest and slowest so noise is visible.

use super::{compressed_sizes, kb};
use crate::build;
use crate::stack::{DEMO_PASSWORD, Stack, StackOptions};
use crate::tools::Tools;
use crate::util::{free_port, root, step};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// The demo citizen with the most records (decades of chronic care, ~900 observations).
const LARGEST_HISTORY: &str = "001055056579";
const RUNS: usize = 15;
const SCREENS: [&str; 10] = [
    "summary",
    "administrative",
    "history",
    "allergies",
    "visits",
    "labs",
    "vitals",
    "immunizations",
    "checkups",
    "corrections",
];

pub fn run(tools: &Tools) -> Result<(), String> {
    build::edge(tools)?;
    let opts = StackOptions {
        name: "bench".to_owned(),
        app_port: free_port()?,
        fhir_port: free_port()?,
        oidc_port: free_port()?,
        degraded: false,
        host_app_origins: Vec::new(),
        hold_seconds: None,
    };
    let stack = Stack::start(tools, &opts)?;
    let _t = step(&format!(
        "bench: health-book screens for {LARGEST_HISTORY} (median of {RUNS} runs)"
    ));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let cookie = sign_in(&agent, &stack.app, LARGEST_HISTORY)?;
    let first_visit = {
        let (_, body) = fetch(
            &agent,
            &format!("{}/api/v1/book/visits", stack.app),
            &cookie,
        )?;
        let visits: serde_json::Value = serde_json::from_str(&body).map_err(|e| e.to_string())?;
        visits["visits"][0]["id"].as_str().map(str::to_owned)
    };
    let mut paths: Vec<String> = SCREENS.iter().map(|s| (*s).to_owned()).collect();
    if let Some(id) = first_visit {
        paths.push(format!("visits/{id}"));
    }
    paths.push("export".to_owned());

    println!("\n| Screen (`/api/v1/book/…`) | JSON | gzip -9 | brotli q11 | median | min – max |");
    println!("|---|---|---|---|---|---|");
    let scratch = root().join("target/bench-payload.json");
    for path in &paths {
        let url = format!("{}/api/v1/book/{path}", stack.app);
        let (status, body) = fetch(&agent, &url, &cookie)?; // warm-up
        if status != 200 {
            return Err(format!("{path}: HTTP {status}"));
        }
        let mut times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let started = Instant::now();
            fetch(&agent, &url, &cookie)?;
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        std::fs::write(&scratch, &body).map_err(|e| format!("{}: {e}", scratch.display()))?;
        let sizes = compressed_sizes(&scratch)?;
        let name = if path.starts_with("visits/") {
            "visits/{id}"
        } else {
            path.as_str()
        };
        println!(
            "| {name} | {} | {} | {} | {:.0} ms | {:.0} – {:.0} ms |",
            kb(sizes.raw),
            kb(sizes.gzip),
            kb(sizes.brotli),
            times[RUNS / 2],
            times[0],
            times[RUNS - 1]
        );
    }
    let _ = std::fs::remove_file(&scratch);
    drop(stack);
    Ok(())
}

/// GET with the session cookie: status and body.
fn fetch(agent: &ureq::Agent, url: &str, cookie: &str) -> Result<(u16, String), String> {
    let mut resp = agent
        .get(url)
        .header("Cookie", cookie)
        .call()
        .map_err(|e| format!("{url}: {e}"))?;
    let status = resp.status().as_u16();
    let body = resp
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
        .map_err(|e| format!("{url}: {e}"))?;
    Ok((status, body))
}

/// Signs in through the identity provider's HTML form, as a browser would; returns the app's
/// `Cookie` header.
fn sign_in(agent: &ureq::Agent, app: &str, login: &str) -> Result<String, String> {
    // Cookies per host:port: enough for the two origins of a sign-in.
    let mut jar: HashMap<String, HashMap<String, String>> = HashMap::new();
    let authority = |url: &str| {
        url.split("://")
            .nth(1)
            .unwrap_or(url)
            .split('/')
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    let absolute = |base: &str, location: &str| {
        if location.starts_with("http") {
            location.to_owned()
        } else {
            let origin: Vec<&str> = base.splitn(4, '/').take(3).collect();
            format!("{}{location}", origin.join("/"))
        }
    };
    let header_for = |jar: &HashMap<String, HashMap<String, String>>, url: &str| {
        jar.get(&authority(url))
            .map(|c| {
                c.iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default()
    };
    let absorb = |jar: &mut HashMap<String, HashMap<String, String>>,
                  url: &str,
                  resp: &ureq::http::Response<ureq::Body>| {
        for set in resp.headers().get_all("set-cookie") {
            let set = set.to_str().unwrap_or_default();
            if let Some((name, value)) = set.split(';').next().and_then(|p| p.split_once('=')) {
                jar.entry(authority(url))
                    .or_default()
                    .insert(name.trim().to_owned(), value.trim().to_owned());
            }
        }
    };
    let mut url = format!("{app}/auth/login?return_to=/");
    let mut page = String::new();
    for _ in 0..10 {
        let mut resp = agent
            .get(&url)
            .header("Cookie", &header_for(&jar, &url))
            .call()
            .map_err(|e| format!("{url}: {e}"))?;
        absorb(&mut jar, &url, &resp);
        match resp.headers().get("location").and_then(|l| l.to_str().ok()) {
            Some(location) => url = absolute(&url, location),
            None => {
                page = resp
                    .body_mut()
                    .read_to_string()
                    .map_err(|e| e.to_string())?;
                break;
            }
        }
    }
    let action = page
        .split("action=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .ok_or("the sign-in page has no form")?
        .replace("&amp;", "&");
    let action = absolute(&url, &action);
    let form = format!(
        "login={login}&password={}",
        DEMO_PASSWORD.replace('@', "%40")
    );
    let resp = agent
        .post(&action)
        .header("Cookie", &header_for(&jar, &action))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(form.as_str())
        .map_err(|e| format!("{action}: {e}"))?;
    absorb(&mut jar, &action, &resp);
    let mut next = resp
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .map(|l| absolute(&action, l));
    for _ in 0..10 {
        let Some(url) = next.take() else { break };
        let resp = agent
            .get(&url)
            .header("Cookie", &header_for(&jar, &url))
            .call()
            .map_err(|e| format!("{url}: {e}"))?;
        absorb(&mut jar, &url, &resp);
        next = resp
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .map(|l| absolute(&url, l));
    }
    let session = jar
        .get(&authority(app))
        .and_then(|c| c.get("ssk_session"))
        .ok_or("signing in gave no session cookie")?;
    Ok(format!("ssk_session={session}"))
}
