//! Installs what is missing, idempotently: every check is cheap when the tool is already there.
//!
//! What and why (see README, "What gets installed"):
//! - the `wasm32-unknown-unknown` Rust target;
//! - `wasm-bindgen-cli` at exactly the `wasm-bindgen` version in Cargo.lock (the CLI and the
//!   library must agree byte for byte);
//! - `worker-build`, which packages the edge for workerd;
//! - npm packages from `package-lock.json`: wrangler (runs workerd), binaryen (`wasm-opt`),
//!   esbuild, the FHIR store and the identity provider;
//! - for browser tests only: Debian's `chromium` and `chromium-driver`.
//! Nothing is downloaded from outside the package registries.

use crate::util::{cargo_bin_dir, locked_version, npm_bin, output, root, run, step};
use std::path::{Path, PathBuf};
use std::process::Command;

const WORKER_BUILD_VERSION: &str = "0.8.7";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Paths of the build tools, once ensured.
#[derive(Clone, Debug)]
pub struct Tools {
    pub wasm_bindgen: PathBuf,
    pub worker_build: PathBuf,
    pub wasm_opt: PathBuf,
    pub esbuild: PathBuf,
    pub wrangler: PathBuf,
}

/// Ensures the build and run tools. `browser` adds Chromium + ChromeDriver (tests).
pub fn ensure(browser: bool) -> Result<Tools, String> {
    let _t = step("tools: checking what is installed");
    ensure_wasm_target()?;
    let wasm_bindgen = ensure_wasm_bindgen()?;
    let worker_build = ensure_worker_build()?;
    ensure_npm()?;
    if browser {
        ensure_chromium()?;
    }
    let esbuild = root().join("node_modules/@esbuild/linux-x64/bin/esbuild");
    let tools = Tools {
        wasm_bindgen,
        worker_build,
        wasm_opt: npm_bin("wasm-opt"),
        esbuild,
        wrangler: npm_bin("wrangler"),
    };
    for (name, path) in [
        ("wasm-opt", &tools.wasm_opt),
        ("esbuild", &tools.esbuild),
        ("wrangler", &tools.wrangler),
    ] {
        if !path.exists() {
            return Err(format!(
                "{name} is missing at {} after `npm ci`",
                path.display()
            ));
        }
    }
    Ok(tools)
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))
        .is_some_and(|list| list.lines().any(|l| l.trim() == WASM_TARGET));
    if installed {
        eprintln!("    rust target {WASM_TARGET}: present");
        return Ok(());
    }
    eprintln!("    rust target {WASM_TARGET}: installing (a few seconds)");
    run(Command::new("rustup").args(["target", "add", WASM_TARGET])).map_err(|e| {
        format!("{e}\n    The wasm32 target could not be installed with rustup; see README, \"Troubleshooting\".")
    })
}

/// The binary if `<bin> --version` prints a line ending in `version`.
fn installed_with_version(bin: &Path, version: &str) -> bool {
    output(Command::new(bin).arg("--version")).is_some_and(|v| v.trim().ends_with(version))
}

fn ensure_wasm_bindgen() -> Result<PathBuf, String> {
    let version = locked_version("wasm-bindgen")
        .ok_or("Cargo.lock has no wasm-bindgen entry; run `cargo generate-lockfile`")?;
    let bin = cargo_bin_dir().join("wasm-bindgen");
    if installed_with_version(&bin, &version) {
        eprintln!("    wasm-bindgen {version}: present");
        return Ok(bin);
    }
    eprintln!("    wasm-bindgen {version}: installing with cargo (about 6–8 minutes on 2 cores)");
    // `--locked` fails for this version (a pinned dependency is missing from the index).
    run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &version]))?;
    Ok(bin)
}

fn ensure_worker_build() -> Result<PathBuf, String> {
    let bin = cargo_bin_dir().join("worker-build");
    if installed_with_version(&bin, WORKER_BUILD_VERSION) {
        eprintln!("    worker-build {WORKER_BUILD_VERSION}: present");
        return Ok(bin);
    }
    eprintln!(
        "    worker-build {WORKER_BUILD_VERSION}: installing with cargo (about 6 minutes on 2 cores)"
    );
    let locked = run(Command::new("cargo").args([
        "install",
        "worker-build",
        "--version",
        WORKER_BUILD_VERSION,
        "--locked",
    ]));
    if locked.is_err() {
        run(Command::new("cargo").args([
            "install",
            "worker-build",
            "--version",
            WORKER_BUILD_VERSION,
        ]))?;
    }
    Ok(bin)
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn ensure_npm() -> Result<(), String> {
    let root = root();
    let lock = root.join("package-lock.json");
    let marker = root.join("node_modules/.package-lock.json");
    let fresh = match (modified(&lock), modified(&marker)) {
        (Some(lock), Some(marker)) => marker >= lock,
        _ => false,
    };
    if fresh {
        eprintln!("    npm packages: present");
        return Ok(());
    }
    eprintln!("    npm packages: installing from package-lock.json (`npm ci`, about a minute)");
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&root))
    .map_err(|e| {
        format!("{e}\n    Is Node.js 20 with npm on PATH? See README, \"Troubleshooting\".")
    })
}

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn ensure_chromium() -> Result<(), String> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        eprintln!("    chromium + chromedriver: present");
        return Ok(());
    }
    eprintln!("    chromium + chromedriver: installing Debian packages (apt-get, a few minutes)");
    let install = || {
        run(Command::new("apt-get")
            .args([
                "install",
                "-y",
                "--no-install-recommends",
                "chromium",
                "chromium-driver",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive"))
    };
    if install().is_err() {
        run(Command::new("apt-get").arg("update"))?;
        install().map_err(|e| format!("{e}\n    Browser tests need Debian's chromium and chromium-driver (run as root or install them first)."))?;
    }
    Ok(())
}
