//! `newsdiff report`: not implemented yet.

use std::path::PathBuf;

use super::Context;

/// Arguments of `newsdiff report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Inputs.
    pub paths: Vec<PathBuf>,
}

/// Runs `newsdiff report`.
///
/// # Errors
/// Always, for now: the subcommand is not implemented yet.
pub fn run(_args: &Args, _ctx: &Context) -> anyhow::Result<u8> {
    anyhow::bail!("report: not implemented yet")
}
