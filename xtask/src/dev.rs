//! `cargo xtask dev`: install what is missing, build, start the whole stack on loopback with
//! seeded demo data, print where it is and how to sign in, and keep it running.

use crate::stack::{DEMO_PASSWORD, Stack, StackOptions, install_interrupt_handler};
use crate::util::port_or_free;
use crate::{build, tools};
use std::time::Instant;

pub fn run() -> Result<(), String> {
    let started = Instant::now();
    install_interrupt_handler();
    let tools = tools::ensure(false)?;
    build::frontend(&tools)?;
    build::edge(&tools)?;
    let opts = StackOptions {
        name: "dev".to_owned(),
        app_port: port_or_free(8787)?,
        fhir_port: port_or_free(8103)?,
        oidc_port: port_or_free(8104)?,
        degraded: false,
        // A loopback origin the browser tests serve a host-app page from (another port is
        // another origin): the edge lets it frame the app.
        host_app_origins: vec![format!("http://127.0.0.1:{}", port_or_free(8790)?)],
        // `SSK_HOLD_SECONDS=30 cargo xtask dev` shortens holds, e.g. to run the contention
        // test against the dev stack; by default holds last the product's 5 minutes.
        hold_seconds: std::env::var("SSK_HOLD_SECONDS")
            .ok()
            .and_then(|v| v.trim().parse().ok()),
    };
    let stack = Stack::start(&tools, &opts)?;
    // The contract other scripts read: one fact per line, in this order.
    println!("app: {}", stack.app);
    println!("fhir: {}", stack.fhir);
    println!("oidc: {}", stack.oidc);
    for login in &stack.dataset.demo_logins {
        println!(
            "login: {} password: {DEMO_PASSWORD} role: {} name: {}",
            login.login,
            login.role.as_str(),
            login.name
        );
    }
    // Integration tests can run against this stack: SSK_STACK=<manifest> cargo test -p tests.
    let manifest = stack.write_manifest()?;
    eprintln!(
        "\nready in {:.0} s. Logs: {}. Test manifest: {}. Press Ctrl-C to stop.",
        started.elapsed().as_secs_f64(),
        stack.run_dir.display(),
        manifest.display()
    );
    loop {
        std::thread::park();
    }
}
