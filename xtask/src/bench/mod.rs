//! `cargo xtask bench`: the numbers the README records. Not a test: these machines are noisy,
//! so numbers are printed for people to read (and compared as ratios within one run), never
//! asserted.

/// Health-book payloads and edge latency.
mod book;
/// Availability caching, contention.
mod booking;

use crate::build;
use crate::tools;
use crate::util::{root, step};
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// First-load budget for wasm + JS, brotli-compressed (the target).
const FIRST_LOAD_BUDGET_BROTLI: u64 = 150 * 1024;

struct Sizes {
    raw: u64,
    gzip: u64,
    brotli: u64,
}

/// gzip -9 and brotli q11 sizes via Node's zlib (already installed; no compression crates).
fn compressed_sizes(path: &Path) -> Result<Sizes, String> {
    let script = "const z=require('zlib'),fs=require('fs');const b=fs.readFileSync(process.argv[1]);\
        const br=z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}});\
        console.log(b.length, z.gzipSync(b,{level:9}).length, br.length);";
    let out = Command::new("node")
        .args(["-e", script])
        .arg(path)
        .output()
        .map_err(|e| format!("node: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let nums: Vec<u64> = text
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    match nums.as_slice() {
        [raw, gzip, brotli] => Ok(Sizes {
            raw: *raw,
            gzip: *gzip,
            brotli: *brotli,
        }),
        _ => Err(format!("could not measure {}", path.display())),
    }
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// Each wasm module of the citizen app: what opening its first page fetches (the stylesheet is
/// shared and cached). Only the first module counts against the first-load budget.
fn module_sizes(modules: &[build::CitizenModule]) -> Result<(), String> {
    let _t = step("bench: sizes of the citizen app's modules");
    println!("| Citizen app module | wasm + JS, raw | gzip -9 | brotli q11 |");
    println!("|---|---|---|---|");
    for module in modules {
        let (mut raw, mut gzip, mut brotli) = (0, 0, 0);
        for path in &module.first_load {
            if path.extension().is_some_and(|e| e == "css") {
                continue;
            }
            let sizes = compressed_sizes(path)?;
            raw += sizes.raw;
            gzip += sizes.gzip;
            brotli += sizes.brotli;
        }
        println!(
            "| {} | {} | {} | {} |",
            module.name,
            kb(raw),
            kb(gzip),
            kb(brotli)
        );
    }
    Ok(())
}

/// The clinic console's own files: what its first load fetches, and the QR decoder worker it
/// fetches only when the scanner opens without `BarcodeDetector`. None of them is part of the
/// citizen app's first load above.
fn clinic_sizes(clinic: &build::ClinicBuild) -> Result<(), String> {
    let _t = step("bench: sizes of the clinic console (its own entry point)");
    println!("| Clinic console file | Raw | gzip -9 | brotli q11 |");
    println!("|---|---|---|---|");
    let row = |label: &str, paths: &[&std::path::Path]| -> Result<(), String> {
        let (mut raw, mut gzip, mut brotli) = (0, 0, 0);
        for path in paths {
            let sizes = compressed_sizes(path)?;
            raw += sizes.raw;
            gzip += sizes.gzip;
            brotli += sizes.brotli;
        }
        println!("| {label} | {} | {} | {} |", kb(raw), kb(gzip), kb(brotli));
        Ok(())
    };
    for path in clinic.first_load.iter().chain(&clinic.qr_decoder) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        row(&name, &[path])?;
    }
    row("clinic/index.html", &[&clinic.index])?;
    let first: Vec<&std::path::Path> = clinic
        .first_load
        .iter()
        .map(|p| p.as_path())
        .chain([clinic.index.as_path()])
        .collect();
    row("**console first load**", &first)?;
    let decoder: Vec<&std::path::Path> = clinic.qr_decoder.iter().map(|p| p.as_path()).collect();
    row("**QR decoder, on demand**", &decoder)?;
    Ok(())
}

/// Seconds from starting `cargo xtask dev` to its "ready" line (tools already installed).
fn dev_time_to_ready() -> Result<f64, String> {
    let started = Instant::now();
    let mut child = Command::new("cargo")
        .args(["xtask", "dev"])
        .current_dir(root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cargo xtask dev: {e}"))?;
    let stderr = child.stderr.take().ok_or("no stderr")?;
    let mut ready = None;
    for line in BufReader::new(stderr).lines().map_while(Result::ok) {
        if line.contains("ready in") {
            ready = Some(started.elapsed().as_secs_f64());
            break;
        }
        if line.starts_with("error:") {
            break;
        }
    }
    // SIGINT runs dev's handler, which stops the whole stack.
    let _ = Command::new("kill")
        .args(["-INT", "--", &format!("-{}", child.id())])
        .status();
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline && matches!(child.try_wait(), Ok(None)) {
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    ready.ok_or_else(|| "cargo xtask dev did not report ready".to_owned())
}

pub fn run() -> Result<(), String> {
    let tools = tools::ensure(false)?;
    // `SSK_BENCH_ONLY=booking cargo xtask bench`: only the booking figures (a stack of their own);
    // `SSK_BENCH_ONLY=sizes`: only the download sizes (below).
    if std::env::var("SSK_BENCH_ONLY").as_deref() == Ok("booking") {
        build::frontend(&tools)?;
        build::edge(&tools)?;
        return booking::run(&tools);
    }
    let fe = build::frontend(&tools)?;
    let _t = step("bench: sizes of what a phone downloads on first load");
    println!("| File | Raw | gzip -9 | brotli q11 |");
    println!("|---|---|---|---|");
    let mut wasm_js_brotli = 0;
    let mut total = Sizes {
        raw: 0,
        gzip: 0,
        brotli: 0,
    };
    for path in &fe.first_load {
        let sizes = compressed_sizes(path)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let kind = name.rsplit('.').next().unwrap_or_default();
        if kind == "wasm" || kind == "js" {
            wasm_js_brotli += sizes.brotli;
        }
        println!(
            "| {name} | {} | {} | {} |",
            kb(sizes.raw),
            kb(sizes.gzip),
            kb(sizes.brotli)
        );
        total.raw += sizes.raw;
        total.gzip += sizes.gzip;
        total.brotli += sizes.brotli;
    }
    let html = compressed_sizes(&fe.dist.join("index.html"))?;
    println!(
        "| index.html | {} | {} | {} |",
        kb(html.raw),
        kb(html.gzip),
        kb(html.brotli)
    );
    println!(
        "| **total first load** | {} | {} | {} |",
        kb(total.raw + html.raw),
        kb(total.gzip + html.gzip),
        kb(total.brotli + html.brotli)
    );
    println!(
        "\nwasm + JS, brotli: {} (budget {}: {})",
        kb(wasm_js_brotli),
        kb(FIRST_LOAD_BUDGET_BROTLI),
        if wasm_js_brotli <= FIRST_LOAD_BUDGET_BROTLI {
            "within"
        } else {
            "OVER"
        }
    );
    drop(_t);
    module_sizes(&fe.modules)?;
    clinic_sizes(&fe.clinic)?;
    // `SSK_BENCH_ONLY=sizes cargo xtask bench`: only what the browsers download.
    if std::env::var("SSK_BENCH_ONLY").as_deref() == Ok("sizes") {
        return Ok(());
    }

    let _t = step("bench: `cargo xtask dev` start → ready (tools installed, builds cached)");
    // A slow or failed start is a number to report, not a reason to skip the rest.
    match dev_time_to_ready() {
        Ok(seconds) => println!("\ncargo xtask dev → ready: {seconds:.1} s"),
        Err(e) => println!("\ncargo xtask dev → ready: not measured ({e})"),
    }
    drop(_t);
    book::run(&tools)?;
    booking::run(&tools)?;
    Ok(())
}
