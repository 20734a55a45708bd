//! `cargo xtask bench`: availability caching ratios and the contention run.

use crate::tools::Tools;

pub fn run(_tools: &Tools) -> Result<(), String> {
    Ok(())
}
