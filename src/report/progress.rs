//! Progress of a long report, as the library tells it: what stage it is in and how far along. The library
//! draws nothing; the caller (the binary, with a progress bar on standard error) decides how to show it, and
//! [`NoProgress`] shows nothing.

/// Receives the progress of [`super::build_report`]. Methods are called from several threads at once.
pub trait Progress: Sync {
    /// A new stage begins; `name` says what it does (`"grouping stories"`).
    fn set_stage(&self, name: &str);
    /// Counting starts again at 0, out of `len` steps.
    fn set_len(&self, len: u64);
    /// `n` more steps are done.
    fn inc(&self, n: u64);
}

/// Progress that goes nowhere: for callers that show none (tests, benchmarks, small batches).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn set_stage(&self, _name: &str) {}
    fn set_len(&self, _len: u64) {}
    fn inc(&self, _n: u64) {}
}
