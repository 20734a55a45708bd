//! `cargo xtask test`: everything CI runs, in the order that fails fastest.

use crate::build;
use crate::stack::{Stack, StackOptions, install_interrupt_handler};
use crate::tools::{self, WASM_TARGET};
use crate::util::{free_port, root, run, step};
use std::process::Command;

fn cargo(args: &[&str]) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.args(args).current_dir(root());
    cmd
}

pub fn run_all() -> Result<(), String> {
    install_interrupt_handler();
    let tools = tools::ensure(true)?;
    {
        let _t = step("format: cargo fmt --check");
        run(&mut cargo(&["fmt", "--all", "--", "--check"]))?;
    }
    {
        let _t = step("lint: cargo clippy (native, all targets)");
        run(&mut cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
    }
    {
        let _t = step("lint: cargo clippy (wasm32: edge, frontend)");
        run(&mut cargo(&[
            "clippy",
            "-p",
            "edge",
            "-p",
            "frontend",
            "--target",
            WASM_TARGET,
            "--",
            "-D",
            "warnings",
        ]))?;
    }
    {
        let _t = step("unit tests: shared, edge, frontend, xtask");
        run(&mut cargo(&["test", "--workspace", "--exclude", "tests"]))?;
    }
    build::frontend(&tools)?;
    build::edge(&tools)?;
    let opts = StackOptions {
        name: format!("test-{}", std::process::id()),
        app_port: free_port()?,
        fhir_port: free_port()?,
        oidc_port: free_port()?,
        degraded: true,
        // The browser tests serve a host-app page from this origin and frame the app in it.
        host_app_origins: vec![format!("http://127.0.0.1:{}", free_port()?)],
        // Long enough for a browser to fill in the declaration, short enough for the
        // contention test to watch every abandoned hold expire.
        hold_seconds: Some(60),
    };
    let stack = Stack::start(&tools, &opts)?;
    let manifest = stack.write_manifest()?;
    let artifacts = root().join("target/test-artifacts");
    let _ = std::fs::create_dir_all(&artifacts);
    {
        let _t = step("integration + browser end-to-end tests against the running stack");
        run(cargo(&[
            "test",
            "-p",
            "tests",
            "--",
            "--test-threads",
            "2",
            "--skip",
            "contention::",
        ])
        .env("SSK_STACK", &manifest)
        .env("SSK_ARTIFACTS", &artifacts))?;
    }
    // The rush on its own: it saturates the local edge on purpose, and a browser test sharing
    // those seconds would measure the dev server's limits instead of the app.
    let _t = step("contention: the 7 AM rush on one facility-day");
    run(cargo(&[
        "test",
        "-p",
        "tests",
        "--",
        "--exact",
        "contention::the_seven_am_rush_books_capacity_exactly",
        "--nocapture",
    ])
    .env("SSK_STACK", &manifest)
    .env("SSK_ARTIFACTS", &artifacts))
}
