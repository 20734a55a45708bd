//! `cargo xtask bench`: availability caching ratios and the contention run, measured in one run
//! on a stack of its own (edge in workerd, the store, the identity provider; seeded as usual).
//!
//! - Availability, three ways, for the same facility-days: straight from the store (the batch
//!   search the facility-day object sends), uncached through the edge (the first read of a
//!   facility-day: edge cache miss → facility-day object → store), and from the edge cache.
//! - Upstream requests per 1,000 availability reads under a skewed load (most readers want the
//!   popular hospitals' next days), counted by the store itself (`/__stats`).
//! - The contention run: the integration test `contention`, run against this stack; its figures
//!   are printed as it prints them.

use crate::stack::{Stack, StackOptions};
use crate::tools::Tools;
use crate::util::{free_port, root, step};
use serde_json::{Value, json};
use shared::date::IsoDate;
use shared::schedule::Weekday;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Concurrent readers. The store stand-in answers a cold facility-day (one batch of about ten
/// searches over ~30,000 Slots in memory) in hundreds of milliseconds; more readers than this
/// push cold reads past the edge's 8 s upstream timeout on a 2-core machine.
const READERS: usize = 8;
/// Reads per cached-availability run.
const CACHED_READS: usize = 2_000;
/// Facility-days read cold (each once) for the uncached figures.
const COLD_DAYS: usize = 120;
/// Reads in the skewed-load run.
const SKEWED_READS: usize = 3_000;

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

fn get(agent: &ureq::Agent, url: &str) -> Result<(u16, String), String> {
    let mut resp = agent.get(url).call().map_err(|e| format!("{url}: {e}"))?;
    let status = resp.status().as_u16();
    let body = resp.body_mut().read_to_string().unwrap_or_default();
    Ok((status, body))
}

fn store_requests(agent: &ureq::Agent, fhir: &str) -> Result<u64, String> {
    let base = fhir.trim_end_matches("/fhir/R4");
    let (_, body) = get(agent, &format!("{base}/__stats"))?;
    let v: Value = serde_json::from_str(&body).map_err(|e| format!("__stats: {e}"))?;
    v["requests"]
        .as_u64()
        .ok_or_else(|| "__stats: no count".to_owned())
}

/// Latency summary of one way of reading.
struct Figures {
    p50: f64,
    p99: f64,
    per_second: f64,
    n: usize,
}

fn figures(mut ms: Vec<f64>, wall: Duration) -> Figures {
    ms.sort_by(|a, b| a.total_cmp(b));
    let at = |p: f64| {
        if ms.is_empty() {
            0.0
        } else {
            ms[((p / 100.0) * (ms.len() - 1) as f64).round() as usize]
        }
    };
    Figures {
        p50: at(50.0),
        p99: at(99.0),
        per_second: ms.len() as f64 / wall.as_secs_f64().max(1e-9),
        n: ms.len(),
    }
}

/// Runs `n` requests on `READERS` threads; `url(i)` names the i-th. Returns the latencies (ms)
/// of the 200 answers and the wall time; other answers are errors.
fn load(
    n: usize,
    url: impl Fn(usize) -> String + Send + Sync + 'static,
) -> Result<(Vec<f64>, Duration), String> {
    let next = Arc::new(AtomicUsize::new(0));
    let url = Arc::new(url);
    let out = Arc::new(Mutex::new((Vec::with_capacity(n), Vec::new())));
    let started = Instant::now();
    let handles: Vec<_> = (0..READERS)
        .map(|_| {
            let (next, url, out) = (next.clone(), url.clone(), out.clone());
            std::thread::spawn(move || {
                let agent = agent();
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= n {
                        break;
                    }
                    let u = url(i);
                    let t = Instant::now();
                    let result = get(&agent, &u);
                    let ms = t.elapsed().as_secs_f64() * 1000.0;
                    let mut out = out.lock().unwrap_or_else(|e| e.into_inner());
                    match result {
                        Ok((200, _)) => out.0.push(ms),
                        Ok((status, body)) => out.1.push(format!(
                            "{status} {}",
                            body.chars().take(200).collect::<String>()
                        )),
                        Err(e) => out.1.push(e),
                    }
                }
            })
        })
        .collect();
    for h in handles {
        let _ = h.join();
    }
    let wall = started.elapsed();
    let (ms, errors) = std::mem::take(&mut *out.lock().unwrap_or_else(|e| e.into_inner()));
    if let Some(first) = errors.first() {
        // Reported, not hidden: the figures count only answered reads.
        println!("\n{} of {n} reads failed, e.g. {first}", errors.len());
        if ms.is_empty() {
            return Err("every read failed".to_owned());
        }
    }
    Ok((ms, wall))
}

/// The weekdays of the booking window, soonest first.
fn window_weekdays(today: IsoDate) -> Vec<IsoDate> {
    (1..=shared::schedule::BOOKING_WINDOW_DAYS)
        .map(|d| today.add_days(d))
        .filter(|d| !Weekday::of(*d).is_weekend())
        .collect()
}

/// Hospitals with online booking (stations have one doctor: too small to read as a rush).
const HOSPITALS: &[&str] = &[
    "01001", "01002", "01010", "01030", "01040", "79002", "79010", "79020", "48001", "92001",
    "31001", "46001", "56001", "40001", "40020",
];
/// Where the crowd goes: the popular hospitals the seed nearly fills.
const POPULAR: &[&str] = &["01001", "01002", "79002"];

/// The store request the facility-day object sends to load one day: one batch of Slot searches
/// (one per schedule) and Appointment searches (one per doctor). Built from the day's slots as
/// the store has them.
fn store_batch(
    agent: &ureq::Agent,
    app: &str,
    fhir: &str,
    code: &str,
    date: IsoDate,
) -> Result<Value, String> {
    let (status, body) = get(
        agent,
        &format!("{app}/api/v1/facilities/{code}/availability?date={date}"),
    )?;
    if status != 200 {
        return Err(format!("availability {code} {date}: {status}"));
    }
    let day: Value = serde_json::from_str(&body).map_err(|e| e.to_string())?;
    let ids: Vec<String> = day["slots"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["id"].as_str())
        .filter_map(|id| id.splitn(3, '.').nth(2).map(str::to_owned))
        .collect();
    let mut schedules: Vec<String> = Vec::new();
    for chunk in ids.chunks(50) {
        let (_, body) = get(
            agent,
            &format!("{fhir}/Slot?_id={}&_count=100", chunk.join(",")),
        )?;
        let bundle: Value = serde_json::from_str(&body).map_err(|e| e.to_string())?;
        for e in bundle["entry"].as_array().into_iter().flatten() {
            if let Some(s) = e["resource"]["schedule"]["reference"].as_str()
                && !schedules.iter().any(|x| x == s)
            {
                schedules.push(s.to_owned());
            }
        }
    }
    let mut roles: Vec<String> = Vec::new();
    for s in &schedules {
        let (_, body) = get(agent, &format!("{fhir}/{s}"))?;
        let schedule: Value = serde_json::from_str(&body).map_err(|e| e.to_string())?;
        for a in schedule["actor"].as_array().into_iter().flatten() {
            if let Some(r) = a["reference"]
                .as_str()
                .filter(|r| r.starts_with("PractitionerRole/"))
                && !roles.iter().any(|x| x == r)
            {
                roles.push(r.to_owned());
            }
        }
    }
    let enc = |s: &str| s.replace('+', "%2B").replace(':', "%3A");
    let from = enc(&format!("{date}T00:00:00+07:00"));
    let to = enc(&format!("{}T00:00:00+07:00", date.add_days(1)));
    let mut entries: Vec<Value> = schedules
        .iter()
        .map(|s| json!({"request": {"method": "GET", "url": format!("Slot?schedule={s}&start=ge{from}&start=lt{to}&_count=500")}}))
        .collect();
    entries.extend(roles.iter().map(|r| {
        json!({"request": {"method": "GET", "url": format!("Appointment?actor={r}&date=ge{from}&date=lt{to}&_count=500")}})
    }));
    Ok(json!({"resourceType": "Bundle", "type": "batch", "entry": entries}))
}

fn print_row(label: &str, f: &Figures, base: Option<&Figures>) {
    let ratio = base
        .map(|b| format!("{:.1}×", b.p50 / f.p50.max(1e-9)))
        .unwrap_or_else(|| "—".to_owned());
    println!(
        "| {label} | {} | {:.1} ms | {:.1} ms | {:.0}/s | {ratio} |",
        f.n, f.p50, f.p99, f.per_second
    );
}

pub fn run(tools: &Tools) -> Result<(), String> {
    let _t = step("bench: booking — a stack of its own (build, start, seed)");
    let opts = StackOptions {
        name: "bench".to_owned(),
        app_port: free_port()?,
        fhir_port: free_port()?,
        oidc_port: free_port()?,
        degraded: false,
        host_app_origins: Vec::new(),
        hold_seconds: Some(20),
    };
    let stack = Stack::start(tools, &opts)?;
    let manifest = stack.write_manifest()?;
    drop(_t);
    let app = stack.app.clone();
    let fhir = stack.fhir.clone();
    let agent = agent();
    let today = crate::seed::today_in_vietnam();
    let days = window_weekdays(today);

    let _t = step("bench: availability — store vs uncached edge vs edge cache");
    // Cold facility-days, each read once through the edge: every read misses the edge cache
    // and the facility-day object loads the day from the store.
    let cold: Vec<(String, IsoDate)> = HOSPITALS
        .iter()
        .flat_map(|h| days.iter().map(move |d| ((*h).to_owned(), *d)))
        .take(COLD_DAYS)
        .collect();
    let before = store_requests(&agent, &fhir)?;
    let cold_urls: Vec<String> = cold
        .iter()
        .map(|(c, d)| format!("{app}/api/v1/facilities/{c}/availability?date={d}"))
        .collect();
    let urls = cold_urls.clone();
    let (ms, wall) = load(cold_urls.len(), move |i| urls[i].clone())?;
    let uncached = figures(ms, wall);
    let cold_store_calls = store_requests(&agent, &fhir)? - before;
    // The same facility-days again, now from the edge cache (within its 5 s freshness, so
    // readers loop over a few of them).
    let warm: Vec<String> = cold_urls.iter().take(8).cloned().collect();
    for u in &warm {
        get(&agent, u)?;
    }
    let before = store_requests(&agent, &fhir)?;
    let urls = warm.clone();
    let (ms, wall) = load(CACHED_READS, move |i| urls[i % urls.len()].clone())?;
    let cached = figures(ms, wall);
    let cached_store_calls = store_requests(&agent, &fhir)? - before;
    // Straight from the store: the object's batch for the same facility-days.
    let mut batches = Vec::new();
    for (c, d) in cold.iter().take(8) {
        batches.push(store_batch(&agent, &app, &fhir, c, *d)?.to_string());
    }
    let batches = Arc::new(batches);
    let store_figures = {
        let next = Arc::new(AtomicUsize::new(0));
        let out = Arc::new(Mutex::new(Vec::new()));
        let started = Instant::now();
        let n = 400;
        let handles: Vec<_> = (0..READERS)
            .map(|_| {
                let (next, out, batches, fhir) =
                    (next.clone(), out.clone(), batches.clone(), fhir.clone());
                std::thread::spawn(move || {
                    let agent = self::agent();
                    loop {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        if i >= n {
                            break;
                        }
                        let t = Instant::now();
                        let ok = agent
                            .post(&fhir)
                            .header("Content-Type", "application/fhir+json")
                            .send(batches[i % batches.len()].as_str())
                            .map(|mut r| {
                                let _ = r.body_mut().read_to_string();
                                r.status().as_u16() == 200
                            })
                            .unwrap_or(false);
                        if ok {
                            out.lock()
                                .unwrap_or_else(|e| e.into_inner())
                                .push(t.elapsed().as_secs_f64() * 1000.0);
                        }
                    }
                })
            })
            .collect();
        for h in handles {
            let _ = h.join();
        }
        let ms = std::mem::take(&mut *out.lock().unwrap_or_else(|e| e.into_inner()));
        figures(ms, started.elapsed())
    };
    println!(
        "\n| Availability read ({READERS} concurrent) | Reads | p50 | p99 | Throughput | p50 vs store |"
    );
    println!("|---|---|---|---|---|---|");
    print_row(
        "straight from the store (the object's batch search)",
        &store_figures,
        None,
    );
    print_row(
        "through the edge, uncached (cold facility-day)",
        &uncached,
        Some(&store_figures),
    );
    print_row(
        "through the edge, from the edge cache",
        &cached,
        Some(&store_figures),
    );
    println!(
        "\nstore requests: {cold_store_calls} for {} cold reads; {cached_store_calls} for {} cached reads",
        uncached.n, cached.n
    );
    println!(
        "cache vs uncached through the edge: p50 {:.1}× faster, throughput {:.1}×",
        uncached.p50 / cached.p50.max(1e-9),
        cached.per_second / uncached.per_second.max(1e-9)
    );
    drop(_t);

    let _t = step("bench: upstream requests per 1,000 availability reads, skewed load");
    // 80% of readers want a popular hospital in the next five weekdays; the rest spread over
    // every hospital and the whole window. Deterministic (xorshift).
    let url = |h: &str, d: &IsoDate| format!("{app}/api/v1/facilities/{h}/availability?date={d}");
    let hot: Vec<String> = POPULAR
        .iter()
        .flat_map(|h| days.iter().take(5).map(|d| url(h, d)))
        .collect();
    let all: Vec<String> = HOSPITALS
        .iter()
        .flat_map(|h| days.iter().map(|d| url(h, d)))
        .collect();
    let picks: Vec<String> = {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        (0..SKEWED_READS)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                if x % 10 < 8 {
                    hot[(x / 10) as usize % hot.len()].clone()
                } else {
                    all[(x / 10) as usize % all.len()].clone()
                }
            })
            .collect()
    };
    let before = store_requests(&agent, &fhir)?;
    let picks = Arc::new(picks);
    let p = picks.clone();
    let (ms, wall) = load(SKEWED_READS, move |i| p[i].clone())?;
    let skewed = figures(ms, wall);
    let upstream = store_requests(&agent, &fhir)? - before;
    println!(
        "\nskewed load: {} reads in {:.1} s ({:.0}/s, p50 {:.1} ms, p99 {:.1} ms): {upstream} store requests = {:.1} per 1,000 reads",
        skewed.n,
        wall.as_secs_f64(),
        skewed.per_second,
        skewed.p50,
        skewed.p99,
        upstream as f64 * 1000.0 / skewed.n.max(1) as f64
    );
    drop(_t);

    let _t = step("bench: contention — the integration test `contention` against this stack");
    let before = store_requests(&agent, &fhir)?;
    let out = Command::new("cargo")
        .current_dir(root())
        .args([
            "test",
            "-p",
            "tests",
            "--",
            "contention::",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("SSK_STACK", &manifest)
        .output()
        .map_err(|e| format!("cargo test: {e}"))?;
    let upstream = store_requests(&agent, &fhir)? - before;
    let text = String::from_utf8_lossy(&out.stdout);
    for line in text.lines().filter(|l| l.starts_with("contention:")) {
        println!("{line}");
    }
    println!(
        "contention: store requests during the run (incl. sign-ins' reads and the test's own checks): {upstream}"
    );
    if !out.status.success() {
        return Err(format!(
            "the contention run failed:\n{}\n{}",
            text,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}
