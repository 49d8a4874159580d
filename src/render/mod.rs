//! Renderers: terminal, JSON, CSV and HTML output of the comparison results.
//!
//! Computation never prints; renderers never compute. Each renderer writes to any [`std::io::Write`], and
//! colour is an option decided once by the caller (the binary, from `--color`, `NO_COLOR` and whether standard
//! output is a terminal).
//!
//! One module per result: [`compare`] (an alignment), [`tokens`] (normalized articles), [`score`] (scored
//! claim pairs), [`variants`] (name groups and house-style departures), [`dedup`] (near-duplicates and the
//! deduplicated corpus) and the story report in four formats ([`report_terminal`], [`report_json`],
//! [`report_csv`], [`report_html`]). The report is the one result shown in several formats picked at run time,
//! so it is the one with a trait, [`ReportRenderer`]; the others are plain functions per format. Text helpers
//! (widths in terminal columns, wrapping, plurals) are in [`text`], colours in [`style`].

pub mod compare;
pub mod dedup;
pub mod report_csv;
pub mod report_html;
pub mod report_json;
pub mod report_terminal;
pub mod score;
pub mod style;
pub mod text;
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
