//! `cargo xtask bench`: health-book screen payloads and edge response times.

use crate::tools::Tools;

pub fn run(_tools: &Tools) -> Result<(), String> {
    Ok(())
}
