//! Release builds of the frontend (into `dist/`) and the edge (into `edge/build/`).
//!
//! The frontend pipeline is done here rather than by trunk: cargo → wasm-bindgen (web target)
//! → wasm-opt -Oz → content-hashed files under `/assets/` → `index.html` from the template.
//! That saves a 12-minute tool install on fresh machines and keeps every step visible.
//!
//! The citizen app is three wasm binaries (`shared::shell`: the first load `index.html`, then
//! `shell/records/` and `shell/booking/`, fetched when a person first opens those pages). Two
//! more binaries of the `frontend` crate make the clinic console
//! (`clinic/index.html`) and the console's QR decoder, a Web Worker the console starts only
//! when a camera frame must be decoded without the browser's `BarcodeDetector`. A citizen's
//! phone downloads none of the console's files, and the console's first load not the decoder.

use crate::tools::{Tools, WASM_TARGET};
use crate::util::{content_hash, root, run, step};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Size-relevant facts about a frontend build, for `bench`.
#[derive(Clone, Debug)]
pub struct FrontendBuild {
    pub dist: PathBuf,
    /// Files the browser must fetch before the app is interactive (boot JS, app JS, wasm, CSS).
    pub first_load: Vec<PathBuf>,
    /// Every module of the citizen app, the first-load one first.
    pub modules: Vec<CitizenModule>,
    /// The clinic console, served under `/clinic/`.
    #[allow(
        dead_code,
        reason = "read by `bench`, which prints the console's sizes"
    )]
    pub clinic: ClinicBuild,
}

/// One wasm module of the citizen app.
#[derive(Clone, Debug)]
pub struct CitizenModule {
    /// `app` (first load), `records`, `booking`.
    pub name: &'static str,
    /// What opening one of its pages fetches (boot JS, app JS, wasm, CSS).
    pub first_load: Vec<PathBuf>,
}

/// The clinic console's files.
#[derive(Clone, Debug)]
pub struct ClinicBuild {
    /// `dist/clinic/index.html`.
    pub index: PathBuf,
    /// What the console's first load fetches (boot JS, app JS, wasm, CSS).
    pub first_load: Vec<PathBuf>,
    /// The QR decoder worker (boot JS, wasm-bindgen JS, wasm): fetched only when the scanner
    /// opens in a browser without `BarcodeDetector`.
    pub qr_decoder: Vec<PathBuf>,
}

pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// wasm features rustc enables by default for wasm32 today; wasm-opt must be told.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-multivalue",
    "--enable-reference-types",
];

/// The citizen app's wasm modules (see `shared::shell`): binary, wasm-bindgen out-name, and
/// the directory of `dist/` its `index.html` goes to (the site root for the first module).
const CITIZEN_MODULES: [(&str, &str, &str); 3] = [
    ("frontend", "app", ""),
    ("records", "records", "shell/records"),
    ("booking", "booking", "shell/booking"),
];

pub fn frontend(tools: &Tools) -> Result<FrontendBuild, String> {
    let _t = step("build: frontend (Leptos → wasm, release)");
    let root = root();
    // The citizen app alone, without the console's feature: nothing of the console may change a
    // byte of it (see the `clinic` feature in `frontend/Cargo.toml`).
    let mut args = vec!["--no-default-features"];
    for (bin, _, _) in CITIZEN_MODULES {
        args.extend(["--bin", bin]);
    }
    cargo_build_frontend(&args)?;

    let dist = dist_dir();
    let _ = fs::remove_dir_all(&dist);
    let assets = dist.join("assets");
    fs::create_dir_all(&assets).map_err(|e| format!("create {}: {e}", assets.display()))?;
    copy_tree(&root.join("public"), &dist)?;
    let css_name = hashed(
        &assets,
        "style",
        "css",
        &read(&root.join("frontend/style.css"))?,
    )?;
    let template = fs::read_to_string(root.join("frontend/index.html"))
        .map_err(|e| format!("frontend/index.html: {e}"))?;
    for placeholder in ["%STYLE%", "%SCRIPT%", "%WASM%", "%APP_JS%"] {
        if !template.contains(placeholder) {
            return Err(format!(
                "frontend/index.html lacks the {placeholder} placeholder"
            ));
        }
    }

    let mut modules = Vec::new();
    for (bin, out_name, dir) in CITIZEN_MODULES {
        let built = bindgen(tools, bin, out_name)?;
        let snippets = built.dir.join("snippets");
        if snippets.exists() {
            copy_tree(&snippets, &assets.join("snippets"))?;
        }
        let wasm_name = hashed(&assets, out_name, "wasm", &read(&built.wasm)?)?;
        let js_name = hashed(&assets, out_name, "js", &read(&built.js)?)?;
        let boot_name = hashed(
            &assets,
            &format!("{out_name}-boot"),
            "js",
            boot_module(&js_name, &wasm_name).as_bytes(),
        )?;
        let html = template
            .replace("%STYLE%", &format!("/assets/{css_name}"))
            .replace("%SCRIPT%", &format!("/assets/{boot_name}"))
            .replace("%WASM%", &format!("/assets/{wasm_name}"))
            // Preloading the wasm-bindgen module saves a round trip (boot → app.js) on 3G.
            .replace("%APP_JS%", &format!("/assets/{js_name}"));
        let index_dir = dist.join(dir);
        fs::create_dir_all(&index_dir)
            .map_err(|e| format!("create {}: {e}", index_dir.display()))?;
        write(&index_dir.join("index.html"), html.as_bytes())?;
        let first_load = [&boot_name, &js_name, &wasm_name, &css_name]
            .iter()
            .map(|name| assets.join(name))
            .collect();
        modules.push(CitizenModule {
            name: out_name,
            first_load,
        });
    }

    let first_load = modules[0].first_load.clone();
    let clinic = clinic(tools, &dist)?;
    Ok(FrontendBuild {
        dist,
        first_load,
        modules,
        clinic,
    })
}

/// `cargo build` of the `frontend` crate for the browser, release profile, with `args`.
fn cargo_build_frontend(args: &[&str]) -> Result<(), String> {
    run(Command::new("cargo")
        .args([
            "build",
            "--package",
            "frontend",
            "--release",
            "--target",
            WASM_TARGET,
        ])
        .args(args)
        .current_dir(root()))
}

/// The output of wasm-bindgen + wasm-opt for one binary of the `frontend` crate.
struct Bindgen {
    dir: PathBuf,
    /// The optimised wasm.
    wasm: PathBuf,
    /// The wasm-bindgen JS module (`<out_name>.js`).
    js: PathBuf,
}

/// wasm-bindgen (web target) then wasm-opt -Oz for the binary `bin`, into
/// `target/frontend-bindgen[-<out_name>]`.
fn bindgen(tools: &Tools, bin: &str, out_name: &str) -> Result<Bindgen, String> {
    let root = root();
    let wasm_in = root
        .join("target")
        .join(WASM_TARGET)
        .join(format!("release/{bin}.wasm"));
    let dir = if out_name == "app" {
        root.join("target/frontend-bindgen")
    } else {
        root.join(format!("target/frontend-bindgen-{out_name}"))
    };
    let _ = fs::remove_dir_all(&dir);
    run(Command::new(&tools.wasm_bindgen)
        .arg(&wasm_in)
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            out_name,
            "--out-dir",
        ])
        .arg(&dir))?;
    let wasm_raw = dir.join(format!("{out_name}_bg.wasm"));
    let wasm = dir.join(format!("{out_name}_bg.opt.wasm"));
    run(Command::new(&tools.wasm_opt)
        .arg("-Oz")
        .args(WASM_FEATURES)
        .arg(&wasm_raw)
        .arg("-o")
        .arg(&wasm))?;
    let js = dir.join(format!("{out_name}.js"));
    Ok(Bindgen { dir, wasm, js })
}

/// Writes `bytes` as `/assets/<stem>-<hash>.<ext>`; returns the file name.
fn hashed(assets: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<String, String> {
    let name = format!("{stem}-{}.{ext}", content_hash(bytes));
    write(&assets.join(&name), bytes)?;
    Ok(name)
}

/// The module a page (or a worker) runs first: it loads the wasm-bindgen module and starts the
/// wasm. An external file, not an inline script: the CSP forbids inline code.
fn boot_module(js_name: &str, wasm_name: &str) -> String {
    format!(
        "import init from \"./{js_name}\";\ninit({{ module_or_path: \"/assets/{wasm_name}\" }});\n"
    )
}

/// The clinic console (`dist/clinic/index.html` + its assets) and its QR decoder worker, from
/// the `clinic` and `clinic_qr` binaries.
fn clinic(tools: &Tools, dist: &Path) -> Result<ClinicBuild, String> {
    let _t = step("build: clinic console and its QR decoder (Leptos → wasm, release)");
    let root = root();
    // Only these two binaries: building `frontend` here would overwrite the citizen app's wasm
    // with one compiled with the console's feature.
    cargo_build_frontend(&[
        "--features",
        "clinic",
        "--bin",
        "clinic",
        "--bin",
        "clinic_qr",
    ])?;
    let assets = dist.join("assets");
    let console = bindgen(tools, "clinic", "clinic")?;
    let decoder = bindgen(tools, "clinic_qr", "qr")?;
    for dir in [&console.dir, &decoder.dir] {
        let snippets = dir.join("snippets");
        if snippets.exists() {
            copy_tree(&snippets, &assets.join("snippets"))?;
        }
    }

    let qr_wasm = hashed(&assets, "qr", "wasm", &read(&decoder.wasm)?)?;
    let qr_js = hashed(&assets, "qr", "js", &read(&decoder.js)?)?;
    let qr_worker = hashed(
        &assets,
        "qr-worker",
        "js",
        boot_module(&qr_js, &qr_wasm).as_bytes(),
    )?;

    let wasm_name = hashed(&assets, "clinic", "wasm", &read(&console.wasm)?)?;
    let js_name = hashed(&assets, "clinic", "js", &read(&console.js)?)?;
    let css_name = hashed(
        &assets,
        "clinic",
        "css",
        &read(&root.join("frontend/clinic.css"))?,
    )?;
    let boot_name = hashed(
        &assets,
        "clinic-boot",
        "js",
        boot_module(&js_name, &wasm_name).as_bytes(),
    )?;

    let template = fs::read_to_string(root.join("frontend/clinic.html"))
        .map_err(|e| format!("frontend/clinic.html: {e}"))?;
    let fills = [
        ("%STYLE%", format!("/assets/{css_name}")),
        ("%SCRIPT%", format!("/assets/{boot_name}")),
        ("%WASM%", format!("/assets/{wasm_name}")),
        ("%APP_JS%", format!("/assets/{js_name}")),
        // The console reads the worker's hashed address from a <meta>: no inline script.
        ("%QR_WORKER%", format!("/assets/{qr_worker}")),
    ];
    let mut html = template;
    for (placeholder, value) in &fills {
        if !html.contains(placeholder) {
            return Err(format!(
                "frontend/clinic.html lacks the {placeholder} placeholder"
            ));
        }
        html = html.replace(placeholder, value);
    }
    let index = dist.join("clinic/index.html");
    fs::create_dir_all(dist.join("clinic")).map_err(|e| format!("create dist/clinic: {e}"))?;
    write(&index, html.as_bytes())?;

    Ok(ClinicBuild {
        index,
        first_load: [&boot_name, &js_name, &wasm_name, &css_name]
            .iter()
            .map(|name| assets.join(name))
            .collect(),
        qr_decoder: [&qr_worker, &qr_js, &qr_wasm]
            .iter()
            .map(|name| assets.join(name))
            .collect(),
    })
}

pub fn edge(tools: &Tools) -> Result<(), String> {
    let _t = step("build: edge (workers-rs → workerd, release)");
    run(Command::new(&tools.worker_build)
        .arg("--release")
        .current_dir(root().join("edge"))
        .env("WASM_BINDGEN_BIN", &tools.wasm_bindgen)
        .env("WASM_OPT_BIN", &tools.wasm_opt)
        .env("ESBUILD_BIN", &tools.esbuild))
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("read {}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    fs::write(path, bytes).map_err(|e| format!("write {}: {e}", path.display()))
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("create {}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)
                .map_err(|e| format!("copy {}: {e}", target.display()))?;
        }
    }
    Ok(())
}
