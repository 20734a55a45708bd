//! Release builds of the frontend (into `dist/`) and the edge (into `edge/build/`).
//!
//! The frontend pipeline is done here rather than by trunk: cargo → wasm-bindgen (web target)
//! → wasm-opt -Oz → content-hashed files under `/assets/` → `index.html` from the template.
//! That saves a 12-minute tool install on fresh machines and keeps every step visible.

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

pub fn frontend(tools: &Tools) -> Result<FrontendBuild, String> {
    let _t = step("build: frontend (Leptos → wasm, release)");
    let root = root();
    run(Command::new("cargo")
        .args([
            "build",
            "--package",
            "frontend",
            "--release",
            "--target",
            WASM_TARGET,
        ])
        .current_dir(&root))?;
    let wasm_in = root
        .join("target")
        .join(WASM_TARGET)
        .join("release/frontend.wasm");
    let bindgen_out = root.join("target/frontend-bindgen");
    let _ = fs::remove_dir_all(&bindgen_out);
    run(Command::new(&tools.wasm_bindgen)
        .arg(&wasm_in)
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            "app",
            "--out-dir",
        ])
        .arg(&bindgen_out))?;
    let wasm_raw = bindgen_out.join("app_bg.wasm");
    let wasm_opt = bindgen_out.join("app_bg.opt.wasm");
    run(Command::new(&tools.wasm_opt)
        .arg("-Oz")
        .args(WASM_FEATURES)
        .arg(&wasm_raw)
        .arg("-o")
        .arg(&wasm_opt))?;

    let dist = dist_dir();
    let _ = fs::remove_dir_all(&dist);
    let assets = dist.join("assets");
    fs::create_dir_all(&assets).map_err(|e| format!("create {}: {e}", assets.display()))?;
    copy_tree(&root.join("public"), &dist)?;
    let snippets = bindgen_out.join("snippets");
    if snippets.exists() {
        copy_tree(&snippets, &assets.join("snippets"))?;
    }

    let wasm_bytes = read(&wasm_opt)?;
    let wasm_name = format!("app-{}.wasm", content_hash(&wasm_bytes));
    write(&assets.join(&wasm_name), &wasm_bytes)?;
    let js_bytes = read(&bindgen_out.join("app.js"))?;
    let js_name = format!("app-{}.js", content_hash(&js_bytes));
    write(&assets.join(&js_name), &js_bytes)?;
    let css_bytes = read(&root.join("frontend/style.css"))?;
    let css_name = format!("style-{}.css", content_hash(&css_bytes));
    write(&assets.join(&css_name), &css_bytes)?;
    // The boot module is an external file, not an inline script: the CSP forbids inline code.
    let boot = format!(
        "import init from \"./{js_name}\";\ninit({{ module_or_path: \"/assets/{wasm_name}\" }});\n"
    );
    let boot_name = format!("boot-{}.js", content_hash(boot.as_bytes()));
    write(&assets.join(&boot_name), boot.as_bytes())?;

    let template = fs::read_to_string(root.join("frontend/index.html"))
        .map_err(|e| format!("frontend/index.html: {e}"))?;
    for placeholder in ["%STYLE%", "%SCRIPT%", "%WASM%", "%APP_JS%"] {
        if !template.contains(placeholder) {
            return Err(format!(
                "frontend/index.html lacks the {placeholder} placeholder"
            ));
        }
    }
    let html = template
        .replace("%STYLE%", &format!("/assets/{css_name}"))
        .replace("%SCRIPT%", &format!("/assets/{boot_name}"))
        .replace("%WASM%", &format!("/assets/{wasm_name}"))
        // Preloading the wasm-bindgen module saves a round trip (boot → app.js) on 3G.
        .replace("%APP_JS%", &format!("/assets/{js_name}"));
    write(&dist.join("index.html"), html.as_bytes())?;

    let first_load = [&boot_name, &js_name, &wasm_name, &css_name]
        .iter()
        .map(|name| assets.join(name))
        .collect();
    Ok(FrontendBuild { dist, first_load })
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
