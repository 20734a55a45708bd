//! The whole local stack on loopback: the national store (FHIR), the identity provider (OIDC)
//! and the edge in workerd (`wrangler dev`), seeded with the deterministic dataset.
//!
//! Used by `dev` (fixed ports when free) and by `test` (free ports, its own store, plus a
//! "degraded" edge whose store sits behind a fault injector). Children run in their own process
//! groups and are killed when the [`Stack`] is dropped or on Ctrl-C.

use crate::fault::FaultProxy;
use crate::seed::{self, Dataset};
use crate::tools::Tools;
use crate::util::{free_port, root, step};
use std::fs::{self, File};
use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The one password every demo account signs in with. Dev and test only: it is handed to the
/// identity provider through its environment and never reaches the edge.
pub const DEMO_PASSWORD: &str = "SoSucKhoe@2026";
const OIDC_CLIENT_ID: &str = "sosuckhoe-app";

/// Process groups to kill if xtask is interrupted.
static LIVE_GROUPS: Mutex<Vec<u32>> = Mutex::new(Vec::new());

/// Kills every child group on Ctrl-C / SIGTERM, then exits.
pub fn install_interrupt_handler() {
    let _ = ctrlc::set_handler(|| {
        eprintln!("\nstopping the stack…");
        let groups: Vec<u32> = LIVE_GROUPS.lock().map(|g| g.clone()).unwrap_or_default();
        for pgid in groups {
            signal_group(pgid, "TERM");
        }
        std::thread::sleep(Duration::from_millis(500));
        std::process::exit(130);
    });
}

fn signal_group(pgid: u32, signal: &str) {
    let _ = Command::new("kill")
        .args([&format!("-{signal}"), "--", &format!("-{pgid}")])
        .stderr(Stdio::null())
        .status();
}

/// A child process (and everything it spawned), stopped on drop.
pub struct Service {
    child: Child,
}

impl Drop for Service {
    fn drop(&mut self) {
        let pgid = self.child.id();
        signal_group(pgid, "TERM");
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        signal_group(pgid, "KILL");
        let _ = self.child.wait();
        if let Ok(mut groups) = LIVE_GROUPS.lock() {
            groups.retain(|g| *g != pgid);
        }
    }
}

/// Starts `cmd` with output in `<run_dir>/<name>.log`. If `ready` is given, waits for a stdout
/// line containing it.
fn spawn(
    name: &str,
    cmd: &mut Command,
    run_dir: &Path,
    ready: Option<&str>,
    timeout: Duration,
) -> Result<Service, String> {
    let log_path = run_dir.join(format!("{name}.log"));
    let log = File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
    let err_log = log.try_clone().map_err(|e| e.to_string())?;
    cmd.stdout(Stdio::piped())
        .stderr(Stdio::from(err_log))
        .stdin(Stdio::null())
        .process_group(0);
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("could not start {name}: {e}"))?;
    if let Ok(mut groups) = LIVE_GROUPS.lock() {
        groups.push(child.id());
    }
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (tx, rx) = mpsc::channel();
    let marker = ready.map(str::to_owned);
    std::thread::spawn(move || {
        let mut log = log;
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = writeln!(log, "{line}");
            if marker.as_deref().is_some_and(|m| line.contains(m)) {
                let _ = tx.send(line);
            }
        }
    });
    let service = Service { child };
    if ready.is_some() {
        rx.recv_timeout(timeout).map_err(|_| {
            format!(
                "{name} did not become ready within {} s; see {}",
                timeout.as_secs(),
                log_path.display()
            )
        })?;
    }
    Ok(service)
}

/// Waits until `url` answers 200.
fn wait_for_ok(name: &str, url: &str, timeout: Duration, log: &Path) -> Result<(), String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(5)))
        .http_status_as_error(false)
        .build()
        .into();
    let deadline = Instant::now() + timeout;
    let mut last = String::from("no answer");
    while Instant::now() < deadline {
        match agent.get(url).call() {
            Ok(resp) if resp.status() == 200 => return Ok(()),
            Ok(resp) => last = format!("HTTP {}", resp.status()),
            Err(e) => last = e.to_string(),
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    Err(format!(
        "{name} not healthy after {} s ({last}); see {}",
        timeout.as_secs(),
        log.display()
    ))
}

fn random_hex(bytes: usize) -> Result<String, String> {
    let mut buf = vec![0u8; bytes];
    use std::io::Read;
    File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| format!("/dev/urandom: {e}"))?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

/// Ports and extras for one stack.
pub struct StackOptions {
    /// `dev` or `test-<pid>`: names the run directory under `target/stack/`.
    pub name: String,
    pub app_port: u16,
    pub fhir_port: u16,
    pub oidc_port: u16,
    /// Also start an edge whose store is reached through a fault injector (tests).
    pub degraded: bool,
    /// Comma-free list of host-app origins allowed to frame the app.
    pub host_app_origins: Vec<String>,
    /// How long a booking hold lasts on the main edge; `None` keeps the product's 5 minutes.
    /// Tests shorten it so "no hold survives its expiry" can be observed in seconds.
    pub hold_seconds: Option<u32>,
}

/// A second edge for failure tests: same identity provider, store behind [`FaultProxy`],
/// short timeouts and a short idle limit so expiry can be observed.
pub struct Degraded {
    pub app: String,
    pub fault_control: String,
    _proxy: FaultProxy,
}

pub struct Stack {
    pub app: String,
    pub fhir: String,
    pub oidc: String,
    pub degraded: Option<Degraded>,
    pub dataset: Dataset,
    pub run_dir: PathBuf,
    /// Origins allowed to frame the app (the e2e host page is served from the first).
    pub host_app_origins: Vec<String>,
    /// The main edge's hold lifetime, as tests should expect it.
    pub hold_seconds: u32,
    _services: Vec<Service>,
}

struct EdgeSettings<'a> {
    name: &'a str,
    port: u16,
    fhir: &'a str,
    oidc: &'a str,
    client_secret: &'a str,
    host_app_origins: &'a [String],
    extra: &'a [(&'a str, &'a str)],
}

fn start_edge(tools: &Tools, run_dir: &Path, s: &EdgeSettings<'_>) -> Result<Service, String> {
    let app = format!("http://127.0.0.1:{}", s.port);
    let inspector = free_port()?;
    let state = run_dir.join(format!("{}-state", s.name));
    let session_secret = random_hex(32)?;
    let vars: Vec<(String, String)> = [
        ("APP_ORIGIN", app.as_str()),
        ("FHIR_BASE_URL", s.fhir),
        ("OIDC_ISSUER", s.oidc),
        ("OIDC_CLIENT_ID", OIDC_CLIENT_ID),
        ("OIDC_CLIENT_SECRET", s.client_secret),
        ("SESSION_SECRET", session_secret.as_str()),
        ("HOST_APP_ORIGINS", &s.host_app_origins.join(" ")),
    ]
    .iter()
    .chain(s.extra.iter())
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    let mut cmd = Command::new(&tools.wrangler);
    cmd.current_dir(root())
        .args(["dev", "--config", "edge/wrangler.toml", "--ip", "127.0.0.1"])
        .args([
            "--port",
            &s.port.to_string(),
            "--inspector-port",
            &inspector.to_string(),
        ])
        .arg("--persist-to")
        .arg(&state)
        .args([
            "--show-interactive-dev-session=false",
            "--log-level",
            "warn",
        ])
        .env("WRANGLER_SEND_METRICS", "false")
        .env("WRANGLER_LOG_PATH", run_dir.join("wrangler-logs"));
    for (k, v) in &vars {
        // An empty var would be read as absent anyway; wrangler rejects `KEY:` with no value.
        if !v.is_empty() {
            cmd.arg("--var").arg(format!("{k}:{v}"));
        }
    }
    spawn(s.name, &mut cmd, run_dir, None, Duration::ZERO)
}

impl Stack {
    pub fn start(tools: &Tools, opts: &StackOptions) -> Result<Stack, String> {
        let run_dir = root().join("target/stack").join(&opts.name);
        let _ = fs::remove_dir_all(&run_dir);
        fs::create_dir_all(&run_dir).map_err(|e| format!("{}: {e}", run_dir.display()))?;
        let app = format!("http://127.0.0.1:{}", opts.app_port);
        let fhir = format!("http://127.0.0.1:{}/fhir/R4", opts.fhir_port);
        let oidc = format!("http://127.0.0.1:{}", opts.oidc_port);

        let dataset = {
            let _t = step("stack: generating the demo dataset");
            let dataset = seed::generate(
                seed::DEFAULT_SEED,
                seed::DEFAULT_CITIZENS,
                seed::today_in_vietnam(),
            );
            seed::write_accounts(&run_dir.join("accounts.json"), &dataset)?;
            dataset
        };

        let mut services = Vec::new();
        let _t = step("stack: starting the national store (FHIR) and the identity provider (OIDC)");
        services.push(spawn(
            "fhir-store",
            Command::new("node").current_dir(root()).args([
                "tests/stack/fhir-store.mjs",
                "--port",
                &opts.fhir_port.to_string(),
            ]),
            &run_dir,
            Some("fhir-store ready"),
            Duration::from_secs(60),
        )?);

        let degraded_port = if opts.degraded {
            Some(free_port()?)
        } else {
            None
        };
        let client_secret = random_hex(24)?;
        let mut identity = Command::new("node");
        identity
            .current_dir(root())
            .args([
                "tests/stack/identity.mjs",
                "--port",
                &opts.oidc_port.to_string(),
                "--issuer",
                &oidc,
            ])
            .arg("--accounts")
            .arg(run_dir.join("accounts.json"))
            .args(["--client-id", OIDC_CLIENT_ID])
            .env("OIDC_CLIENT_SECRET", &client_secret)
            .env("DEMO_PASSWORD", DEMO_PASSWORD);
        for origin in std::iter::once(app.clone())
            .chain(degraded_port.map(|p| format!("http://127.0.0.1:{p}")))
        {
            identity
                .args(["--redirect-uri", &format!("{origin}/auth/callback")])
                .args(["--post-logout-redirect-uri", &format!("{origin}/")]);
        }
        services.push(spawn(
            "identity",
            &mut identity,
            &run_dir,
            Some("identity ready"),
            Duration::from_secs(60),
        )?);
        drop(_t);

        // workerd takes a few seconds to start: let it boot while the store is being seeded.
        let _t = step("stack: starting the edge in workerd and seeding the store");
        let hold_seconds = opts
            .hold_seconds
            .unwrap_or(shared::dto::booking::HOLD_SECONDS);
        let hold_var = hold_seconds.to_string();
        services.push(start_edge(
            tools,
            &run_dir,
            &EdgeSettings {
                name: "edge",
                port: opts.app_port,
                fhir: &fhir,
                oidc: &oidc,
                client_secret: &client_secret,
                host_app_origins: &opts.host_app_origins,
                extra: &[("HOLD_SECONDS", &hold_var)],
            },
        )?);
        let degraded = match degraded_port {
            Some(port) => {
                let proxy = FaultProxy::start(opts.fhir_port)?;
                let proxied = format!("http://127.0.0.1:{}/fhir/R4", proxy.port);
                services.push(start_edge(
                    tools,
                    &run_dir,
                    &EdgeSettings {
                        name: "edge-degraded",
                        port,
                        fhir: &proxied,
                        oidc: &oidc,
                        client_secret: &client_secret,
                        host_app_origins: &opts.host_app_origins,
                        extra: &[
                            ("UPSTREAM_TIMEOUT_MS", "1500"),
                            ("SESSION_IDLE_SECONDS", "6"),
                        ],
                    },
                )?);
                Some(Degraded {
                    app: format!("http://127.0.0.1:{port}"),
                    fault_control: format!("http://127.0.0.1:{}", proxy.port),
                    _proxy: proxy,
                })
            }
            None => None,
        };
        let stats = seed::load(&fhir, &dataset)?;
        eprintln!("    {stats}");
        wait_for_ok(
            "edge",
            &format!("{app}/api/v1/health"),
            Duration::from_secs(180),
            &run_dir.join("edge.log"),
        )?;
        if let Some(d) = &degraded {
            wait_for_ok(
                "degraded edge",
                &format!("{}/api/v1/health", d.app),
                Duration::from_secs(180),
                &run_dir.join("edge-degraded.log"),
            )?;
        }
        drop(_t);
        Ok(Stack {
            app,
            fhir,
            oidc,
            degraded,
            dataset,
            host_app_origins: opts.host_app_origins.clone(),
            run_dir,
            hold_seconds,
            _services: services,
        })
    }

    /// Writes what tests need to find the stack: URLs, the demo password and the demo logins.
    pub fn write_manifest(&self) -> Result<PathBuf, String> {
        let logins: Vec<serde_json::Value> = self
            .dataset
            .demo_logins
            .iter()
            .map(|l| {
                serde_json::json!({
                    "login": l.login, "role": l.role.as_str(), "name": l.name,
                    "patient": l.patient, "dependants": l.dependants, "facility_code": l.facility_code,
                })
            })
            .collect();
        let manifest = serde_json::json!({
            "app": self.app,
            "fhir": self.fhir,
            "oidc": self.oidc,
            "degraded_app": self.degraded.as_ref().map(|d| d.app.clone()),
            "fault_control": self.degraded.as_ref().map(|d| d.fault_control.clone()),
            "password": DEMO_PASSWORD,
            "host_app_origins": self.host_app_origins,
            "hold_seconds": self.hold_seconds,
            "logins": logins,
        });
        let path = self.run_dir.join("stack.json");
        let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(path)
    }
}
