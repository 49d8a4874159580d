//! Progress bars on standard error: the one set-up every subcommand uses, and the bridge that lets the library's
//! [`Progress`] drive one.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsdiff::report::Progress;

use super::Context;

/// What a progress bar counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    /// Steps (articles, stories), with the stage's name before the bar.
    Steps,
    /// Input bytes, with the throughput and the time left.
    Bytes,
}

/// A progress bar on standard error, out of `total`; hidden when `--quiet` or when standard error is not a
/// terminal.
#[must_use]
pub fn progress_bar(ctx: &Context, total: u64, counting: Counting) -> ProgressBar {
    if ctx.quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    let template = match counting {
        Counting::Steps => "{msg:20} [{bar:30}] {pos}/{len} ({elapsed})",
        Counting::Bytes => "{spinner} {msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// A progress bar driven by the library (see [`newsdiff::report::build_report`]).
#[derive(Debug, Clone)]
pub struct Bar(pub ProgressBar);

impl Bar {
    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl Progress for Bar {
    fn set_stage(&self, name: &str) {
        self.0.set_message(name.to_string());
    }

    fn set_len(&self, len: u64) {
        self.0.set_position(0);
        self.0.set_length(len);
    }

    fn inc(&self, n: u64) {
        self.0.inc(n);
    }
}
