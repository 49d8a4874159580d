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
mod packed;
pub mod report_csv;
pub mod report_html;
pub mod report_json;
pub mod report_jsonl;
pub mod report_terminal;
pub mod score;
pub mod style;
pub mod text;
pub mod tokens;
pub mod variants;

use std::io::Write;

use crate::report::{Report, ReportPlan, ReportSummary, Story};

/// Shows a [`crate::report::Report`] in one format: one implementation per format, picked once by the caller.
pub trait ReportRenderer {
    /// Writes the report.
    ///
    /// # Errors
    /// I/O and serialization errors.
    fn render(&self, report: &Report, out: &mut dyn Write) -> anyhow::Result<()>;
}

/// Shows a report story by story while it is built ([`crate::report::stream_report`]): the plan, then each
/// story in report order, then the summary. Every report format has one, and its [`ReportRenderer`] is the
/// same calls over a report held in memory ([`render_streamed`]), so both paths write the same bytes.
pub trait StoryRenderer {
    /// The stories are found; nothing is described yet.
    ///
    /// # Errors
    /// I/O and serialization errors.
    fn begin(&mut self, plan: &ReportPlan, out: &mut dyn Write) -> anyhow::Result<()>;
    /// The next story, in report order.
    ///
    /// # Errors
    /// I/O and serialization errors.
    fn story(&mut self, story: &Story, out: &mut dyn Write) -> anyhow::Result<()>;
    /// Every story has been shown; `summary` ends the report.
    ///
    /// # Errors
    /// I/O and serialization errors.
    fn end(&mut self, summary: &ReportSummary, out: &mut dyn Write) -> anyhow::Result<()>;
}

/// Shows a report held in memory with a streaming renderer.
///
/// # Errors
/// I/O and serialization errors.
pub fn render_streamed(renderer: &mut dyn StoryRenderer, report: &Report, out: &mut dyn Write) -> anyhow::Result<()> {
    let plan = ReportPlan {
        articles: report.summary.articles,
        stories: report.stories.len(),
        single_articles: report.stories.iter().filter(|s| s.articles.len() == 1).count(),
    };
    renderer.begin(&plan, out)?;
    for story in &report.stories {
        renderer.story(story, out)?;
    }
    renderer.end(&report.summary, out)
}

/// A small report for the renderers' tests: two seeds of one story and an unrelated article, claims aligned on
/// word overlap (no encoder), so that every renderer is tested on the same stories.
#[cfg(test)]
pub(crate) fn two_story_report() -> Report {
    use crate::article::Article;
    use crate::report::{NoProgress, ReportOptions, build_report};
    let articles: Vec<Article> = [
        ("000", include_str!("../../seeds/000_685572fa8566e146.txt")),
        ("001", include_str!("../../seeds/001_7fb53fbd3c46e9a8.txt")),
        ("x", "Chess final\n\nMagnus Carlsen won the rapid chess final in Oslo."),
    ]
    .iter()
    .map(|(id, t)| Article::from_text(id, t))
    .collect();
    let mut options = ReportOptions::default();
    options.align.matcher = crate::claims::Matcher::Lexical;
    build_report(&articles, &options, &NoProgress).unwrap()
}
