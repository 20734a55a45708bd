//! Project automation, in Rust rather than shell scripts: `cargo xtask <command>`.

/// Deterministic demo and test data for the national store and the identity provider.
mod seed;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("seed") => seed_command(&args[1..]),
        _ => Err("usage: cargo xtask <dev|test|bench|seed>".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
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
