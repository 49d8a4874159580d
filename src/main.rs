//! The `newsdiff` binary: parse arguments, run, map the result to an exit code.
//!
//! The command line ([`cli`]) lives here, not in the library: the library computes and renders, the binary owns
//! the process (arguments, exit codes, progress bars, Ctrl-C clean-up of output files being written).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
