//! Running commands with visible progress, and where things are.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The repository root (xtask lives one level below it).
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Where cargo installs binaries (`$CARGO_HOME/bin`, by default `~/.cargo/bin`).
pub fn cargo_bin_dir() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

/// The project's npm tools (`node_modules/.bin/<name>`).
pub fn npm_bin(name: &str) -> PathBuf {
    root().join("node_modules/.bin").join(name)
}

/// Prints a step header; the returned guard prints how long it took.
pub fn step(name: &str) -> StepTimer {
    eprintln!("\n==> {name}");
    StepTimer {
        name: name.to_owned(),
        started: Instant::now(),
    }
}

pub struct StepTimer {
    name: String,
    started: Instant,
}

impl Drop for StepTimer {
    fn drop(&mut self) {
        eprintln!(
            "    {} took {:.1} s",
            self.name,
            self.started.elapsed().as_secs_f64()
        );
    }
}

/// Runs a command with inherited output; an error names the command.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = describe(cmd);
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Runs a command and returns its stdout, or `None` if it cannot run or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn describe(cmd: &Command) -> String {
    let mut parts = vec![cmd.get_program().to_string_lossy().into_owned()];
    parts.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
    parts.join(" ")
}

/// The version of `package` pinned in Cargo.lock.
pub fn locked_version(package: &str) -> Option<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).ok()?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock.find(&needle)? + needle.len();
    let end = lock[start..].find('"')?;
    Some(lock[start..start + end].to_owned())
}

/// A 64-bit FNV-1a content hash, hex: enough to name immutable assets.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// A TCP port on loopback that nothing listens on right now.
pub fn free_port() -> Result<u16, String> {
    let listener =
        std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

/// `preferred` if it is free, else any free port.
pub fn port_or_free(preferred: u16) -> Result<u16, String> {
    match std::net::TcpListener::bind(("127.0.0.1", preferred)) {
        Ok(_) => Ok(preferred),
        Err(_) => free_port(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_stable() {
        assert_eq!(content_hash(b""), "cbf29ce484222325");
        assert_eq!(content_hash(b"a"), "af63dc4c8601ec8c");
    }
}
