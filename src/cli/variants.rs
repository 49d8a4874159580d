//! `newsdiff variants`: not implemented yet.

use std::path::PathBuf;

use super::Context;

/// Arguments of `newsdiff variants`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Inputs.
    pub paths: Vec<PathBuf>,
}

/// Runs `newsdiff variants`.
///
/// # Errors
/// Always, for now: the subcommand is not implemented yet.
pub fn run(_args: &Args, _ctx: &Context) -> anyhow::Result<u8> {
    anyhow::bail!("variants: not implemented yet")
}
