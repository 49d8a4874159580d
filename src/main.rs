//! The `newsdiff` binary: parse arguments, run, map the result to an exit code.
//!
//! The command line ([`cli`]) lives here, not in the library: the library computes and renders, the binary owns
//! the process (arguments, exit codes, progress bars, Ctrl-C clean-up of output files being written).

mod cli;

use std::process::ExitCode;

/// The binary allocates and frees many small strings (tokens, keys, claims) from several threads; mimalloc
/// does that with less time and less fragmentation than the system allocator. The library leaves the choice
/// to the program that uses it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::main()
}
