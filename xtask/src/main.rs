//! Project automation, in Rust rather than shell scripts: `cargo xtask <command>`.
//!
//! - `dev`: install what is missing, build, run the whole stack with demo data.
//! - `test`: everything CI runs.
//! - `bench`: sizes and timings for the README.
//! - `build`: release builds only (`dist/`, `edge/build/`), e.g. before `wrangler deploy`.
//! - `seed`: load the demo dataset into a FHIR server.

/// `cargo xtask bench`.
mod bench;
/// Release builds of the frontend and the edge.
mod build;
/// `cargo xtask dev`.
mod dev;
/// The fault injector in front of the store for failure tests.
mod fault;
/// Deterministic demo and test data for the national store and the identity provider.
mod seed;
/// Starting and stopping the local stack.
mod stack;
/// `cargo xtask test`.
mod suite;
/// Installing the toolchain pieces that are missing.
mod tools;
/// Commands, paths, ports, hashes.
mod util;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dev") => dev::run(),
        Some("test") => suite::run_all(),
        Some("bench") => bench::run(),
        Some("build") => build_command(),
        Some("seed") => seed_command(&args[1..]),
        _ => Err("usage: cargo xtask <dev|test|bench|build|seed>".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nerror: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask build`: what `wrangler deploy` ships.
fn build_command() -> Result<(), String> {
    let tools = tools::ensure(false)?;
    build::frontend(&tools)?;
    build::edge(&tools)
}

/// `cargo xtask seed --fhir <base> --accounts <file> [--citizens N]`: generate and load.
fn seed_command(args: &[String]) -> Result<(), String> {
    let mut fhir = None;
    let mut accounts = None;
    let mut citizens = seed::DEFAULT_CITIZENS;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--fhir" => fhir = Some(value.clone()),
            "--accounts" => accounts = Some(value.clone()),
            "--citizens" => citizens = value.parse().map_err(|_| "--citizens: a number")?,
            other => return Err(format!("unknown flag {other}")),
        }
    }
    let fhir = fhir.ok_or("--fhir <base url> is required")?;
    let today = seed::today_in_vietnam();
    let dataset = seed::generate(seed::DEFAULT_SEED, citizens, today);
    if let Some(path) = accounts {
        seed::write_accounts(std::path::Path::new(&path), &dataset)?;
    }
    let stats = seed::load(&fhir, &dataset)?;
    println!("{stats}");
    Ok(())
}
