//! The command line: clap definitions and one module per subcommand (each with its arguments and `run`).
//!
//! [`main`] parses the arguments, runs the subcommand and maps the outcome to an exit status:
//! 0 for "same" or success, 1 for "different" (or findings, for a linter-like check), 2 for trouble.
//! A closed standard output (`newsdiff ... | head`) ends the run quietly with status 0.

pub mod common;
pub mod compare;
pub mod dedup;
pub mod output;
pub mod progress;
pub mod report;
pub mod score;
pub mod tokens;
pub mod variants;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use common::{Context, InputArgs};

use output::ColorChoice;

/// Exit status: the run succeeded and found no difference.
pub const EXIT_SAME: u8 = 0;
/// Exit status: the run succeeded and found differences (or findings).
pub const EXIT_DIFFERENT: u8 = 1;
/// Exit status: trouble (bad input, bad arguments, I/O error).
pub const EXIT_TROUBLE: u8 = 2;

/// Compare news coverage across sources.
#[derive(Debug, Parser)]
#[command(name = "newsdiff", version, about, max_term_width = 100)]
#[command(long_about = "Compare news coverage across sources: aligned claim diffs between two articles, name \
spelling variants, near-duplicate articles at corpus scale, and story reports over a batch.\n\n\
Exit status: 0 same / success, 1 different / findings, 2 trouble.")]
pub struct Cli {
    /// Options shared by every subcommand.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by every subcommand.
#[derive(Debug, Clone, clap::Args)]
pub struct GlobalArgs {
    /// When to use colour (NO_COLOR in the environment also turns it off).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Print no warnings or progress on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more detail on stderr (repeat for more).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// Worker threads (default: one per core; RAYON_NUM_THREADS is honoured too).
    #[arg(short = 'j', long, value_name = "N", global = true)]
    pub threads: Option<usize>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what the normalizer makes of articles: sentences and tokens with their spans.
    Tokens(tokens::Args),
    /// Align the claims of two articles: shared, variant, conflicting and unique claims with word diffs.
    Compare(compare::Args),
    /// Score claim pairs in bulk (TSV or JSONL): similarity and same-claim verdict per pair.
    Score(score::Args),
    /// Find names spelled differently across and within sources.
    Variants(variants::Args),
    /// Find exact and near-duplicate articles at corpus scale; write a deduplicated corpus.
    Dedup(dedup::Args),
    /// Group a batch of articles into stories and report shared, conflicting and unique claims.
    Report(report::Args),
}

/// Runs the command line and returns the process exit code.
#[must_use]
pub fn main() -> ExitCode {
    output::install_interrupt_cleanup();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_TROUBLE } else { EXIT_SAME };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    if let Some(threads) = cli.global.threads
        && let Err(e) = rayon::ThreadPoolBuilder::new().num_threads(threads).build_global()
    {
        eprintln!("newsdiff: --threads {threads}: {e}");
        return ExitCode::from(EXIT_TROUBLE);
    }
    let ctx = Context::new(&cli.global);
    match run(&cli.command, &ctx) {
        Ok(code) => ExitCode::from(code),
        Err(err) if output::is_broken_pipe(&err) => ExitCode::from(EXIT_SAME),
        Err(err) => {
            output::remove_pending();
            eprintln!("newsdiff: {}", error_line(&err));
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

/// Runs one subcommand.
///
/// # Errors
/// Any error of the subcommand; the caller prints it and exits with status 2.
pub fn run(command: &Command, ctx: &Context) -> anyhow::Result<u8> {
    match command {
        Command::Tokens(args) => tokens::run(args, ctx),
        Command::Compare(args) => compare::run(args, ctx),
        Command::Score(args) => score::run(args, ctx),
        Command::Variants(args) => variants::run(args, ctx),
        Command::Dedup(args) => dedup::run(args, ctx),
        Command::Report(args) => report::run(args, ctx),
    }
}

/// The error and its causes on one line, each cause once: a message that already quotes its cause
/// (`style.tsv: No such file or directory (os error 2)` over the I/O error itself) does not repeat it.
#[must_use]
pub fn error_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if text.is_empty() || line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    newsdiff::render::text::one_line(&line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_are_not_repeated() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file or directory (os error 2)");
        let err = anyhow::Error::new(newsdiff::input::InputError::Io { path: "s.tsv".into(), source: io });
        assert_eq!(error_line(&err), "s.tsv: No such file or directory (os error 2)");
        let err = anyhow::anyhow!("disk full").context("out.html: cannot write");
        assert_eq!(error_line(&err), "out.html: cannot write: disk full");
    }

    #[test]
    fn verify_cli() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
