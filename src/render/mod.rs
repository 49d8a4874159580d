//! Renderers: terminal, JSON, CSV and HTML output of the comparison results.
//!
//! Computation never prints; renderers never compute. Each renderer writes to any [`std::io::Write`], and
//! colour is an option decided once by the caller (the binary, from `--color`, `NO_COLOR` and whether standard
//! output is a terminal).

pub mod compare;
pub mod dedup;
pub mod report_csv;
pub mod report_html;
pub mod report_json;
pub mod report_terminal;
pub mod style;
pub mod tokens;
pub mod variants;

/// Shows a [`crate::report::Report`] in one format: one implementation per format, picked once by the caller.
pub trait ReportRenderer {
    /// Writes the report.
    ///
    /// # Errors
    /// I/O and serialization errors.
    fn render(&self, report: &crate::report::Report, out: &mut dyn std::io::Write) -> anyhow::Result<()>;
}
