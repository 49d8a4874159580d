//! `newsdiff compare`: not implemented yet.

use std::path::PathBuf;

use super::Context;

/// Arguments of `newsdiff compare`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Inputs.
    pub paths: Vec<PathBuf>,
}

/// Runs `newsdiff compare`.
///
/// # Errors
/// Always, for now: the subcommand is not implemented yet.
pub fn run(_args: &Args, _ctx: &Context) -> anyhow::Result<u8> {
    anyhow::bail!("compare: not implemented yet")
}
