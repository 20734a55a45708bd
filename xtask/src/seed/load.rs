//! Loading the dataset through standard FHIR R4 REST: `transaction` Bundles of `PUT` entries
//! with client-assigned ids, so re-seeding is idempotent and no reference is rewritten.
//!
//! Resources go in the dataset's order: organisations and rooms, clinicians, people, encounters,
//! then everything recorded during encounters, so a store that checks references on write
//! finds the target (except the Encounter ↔ Condition cycle of diagnoses).
//! Errors name the chunk, the entry's type and opaque id and the server's issue codes and
//! paths — never resource contents: this is health data, even when synthetic.

use super::Dataset;
use serde_json::Value;
use std::fmt;
use std::time::{Duration, Instant};

/// Entries per transaction bundle.
const CHUNK: usize = 500;

/// What a load did, for the log line.
#[derive(Clone, Debug)]
pub struct LoadStats {
    pub resources: usize,
    pub bundles: usize,
    pub elapsed: Duration,
}

impl fmt::Display for LoadStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "seeded {} resources in {:.1} s ({} transaction bundles)",
            self.resources,
            self.elapsed.as_secs_f64(),
            self.bundles
        )
    }
}

fn type_of(resource: &Value) -> &str {
    resource["resourceType"].as_str().unwrap_or("?")
}

/// The transaction Bundle for `resources`, serialised without copying them into a new tree.
fn bundle_bytes(resources: &[Value]) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::with_capacity(resources.len() * 2048);
    out.extend_from_slice(br#"{"resourceType":"Bundle","type":"transaction","entry":["#);
    for (i, r) in resources.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let url = format!("{}/{}", type_of(r), r["id"].as_str().unwrap_or_default());
        let url = serde_json::to_string(&url)?;
        out.extend_from_slice(
            format!(r#"{{"fullUrl":{url},"request":{{"method":"PUT","url":{url}}},"resource":"#)
                .as_bytes(),
        );
        serde_json::to_writer(&mut out, r)?;
        out.push(b'}');
    }
    out.extend_from_slice(b"]}");
    Ok(out)
}

/// Server issue text without quoted values (which may echo resource contents); quoted
/// identifiers such as property names are kept because they say what to fix.
fn scrub(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('"').enumerate() {
        let quoted = i % 2 == 1;
        let identifier = !part.is_empty()
            && part.len() <= 40
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']'));
        if quoted && !identifier {
            out.push_str("\"…\"");
        } else if quoted {
            out.push('"');
            out.push_str(part);
            out.push('"');
        } else {
            out.push_str(part);
        }
    }
    out.chars().take(300).collect()
}

fn describe_outcome(outcome: &Value) -> String {
    let issues: Vec<String> = outcome["issue"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|i| {
            let code = i["code"].as_str().unwrap_or("?");
            let paths: Vec<&str> = i["expression"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .filter_map(Value::as_str)
                .collect();
            let text = i["details"]["text"]
                .as_str()
                .or(i["diagnostics"].as_str())
                .map(scrub)
                .unwrap_or_default();
            format!("{code} at {}: {text}", paths.join(", "))
        })
        .collect();
    if issues.is_empty() {
        "no OperationOutcome".to_owned()
    } else {
        issues.join("; ")
    }
}

fn post_chunk(
    agent: &ureq::Agent,
    url: &str,
    label: &str,
    chunk: &[Value],
    body: &[u8],
) -> Result<(), String> {
    let mut response = agent
        .post(url)
        .header("Content-Type", "application/fhir+json")
        .header("Accept", "application/fhir+json")
        .header("Prefer", "return=minimal")
        .send(body)
        .map_err(|e| format!("{label}: the FHIR store at {url} did not answer: {e}"))?;
    let status = response.status().as_u16();
    let text = response
        .body_mut()
        .with_config()
        .limit(512 * 1024 * 1024)
        .read_to_string()
        .map_err(|e| format!("{label}: reading the answer: {e}"))?;
    let answer: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    if !(200..300).contains(&status) {
        return Err(format!(
            "{label}: the store answered HTTP {status}: {}",
            describe_outcome(&answer)
        ));
    }
    let entries = answer["entry"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    if entries.len() != chunk.len() {
        return Err(format!(
            "{label}: the store answered {} entries for {} sent",
            entries.len(),
            chunk.len()
        ));
    }
    let mut failures = Vec::new();
    for (entry, resource) in entries.iter().zip(chunk) {
        let status = entry["response"]["status"].as_str().unwrap_or("");
        if !status.starts_with('2') {
            failures.push(format!(
                "{}/{} → {status}: {}",
                type_of(resource),
                resource["id"].as_str().unwrap_or("?"),
                describe_outcome(&entry["response"]["outcome"])
            ));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        let shown: Vec<&String> = failures.iter().take(10).collect();
        Err(format!(
            "{label}: the store rejected {} of {} resources:\n  {}",
            failures.len(),
            chunk.len(),
            shown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n  ")
        ))
    }
}

/// Loads every resource of `dataset` into the FHIR server at `fhir_base`.
///
/// Bundles are sent one at a time, in the dataset's order (referenced types first): the store
/// executes requests one at a time anyway. A helper thread serialises the next bundles while
/// the store works on the current one, which hides the client's share of the time.
pub fn load(fhir_base: &str, dataset: &Dataset) -> Result<LoadStats, String> {
    let started = Instant::now();
    let url = fhir_base.trim_end_matches('/');
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(300)))
        .build()
        .into();
    let total = dataset.resources.len();
    let chunks: Vec<&[Value]> = dataset.resources.chunks(CHUNK).collect();
    let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Vec<u8>, String>>(2);
    std::thread::scope(|scope| {
        let chunks = &chunks;
        scope.spawn(move || {
            for chunk in chunks {
                let body = bundle_bytes(chunk).map_err(|e| e.to_string());
                // The receiver hangs up after an error: stop serialising then.
                if tx.send(body).is_err() {
                    return;
                }
            }
        });
        let mut done = 0;
        for (i, (chunk, body)) in chunks.iter().zip(rx.iter()).enumerate() {
            let body = body.map_err(|e| format!("chunk {}: {e}", i + 1))?;
            let label = format!(
                "chunk {} of {} (resources {}–{}: {} … {})",
                i + 1,
                chunks.len(),
                done + 1,
                done + chunk.len(),
                type_of(&chunk[0]),
                type_of(&chunk[chunk.len() - 1]),
            );
            post_chunk(&agent, url, &label, chunk, &body)
                .map_err(|e| format!("seeding {url} failed at {e}"))?;
            done += chunk.len();
            if (i + 1) % 10 == 0 || done == total {
                eprintln!("seed: {done}/{total} resources");
            }
        }
        Ok(LoadStats {
            resources: total,
            bundles: chunks.len(),
            elapsed: started.elapsed(),
        })
    })
}
