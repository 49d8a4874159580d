//! The story report as plain data: what `newsdiff report` found in a batch, ready for any renderer.
//!
//! The data model is this module; [`build`] fills a [`Report`] from a batch of articles (story grouping,
//! near-duplicates, claim alignment and name variants, story by story), and the renderers in [`crate::render`] (terminal, JSON, CSV, HTML) show it. Every list is sorted by a total key, so
//! a report is the same whatever the number of threads.
//!
//! The JSON form is this structure serialized as is (field order below, `stories` first); docs/json.md documents
//! it. Every stage runs on every report: there is no switched-off or missing section (version 1 of the layout had
//! an `unavailable` list for those, always empty; version 2 dropped it).
//!
//! [`build_report`] tells its progress through the [`Progress`] trait, so that the library draws no progress bar
//! itself.

pub mod build;
pub mod progress;

use std::sync::Arc;

use serde::Serialize;

pub use build::{ReportEnd, ReportOptions, ReportPlan, ReportSink, build_report, stream_report};
pub use progress::{NoProgress, Progress};

/// Version of the JSON layout, bumped when a field changes meaning or disappears (2: `unavailable` removed).
pub const SCHEMA_VERSION: u32 = 2;

/// A whole report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// The stories, largest first (then by the input order of their first article). Every article of the
    /// batch is in exactly one story; a story of one article is coverage nobody else in the batch matched.
    pub stories: Vec<Story>,
    /// Batch totals.
    pub summary: ReportSummary,
    /// Version of this layout ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// How long each stage took, in order (not serialized: it changes from run to run; `-v` prints it).
    #[serde(skip)]
    pub timings: Vec<(String, std::time::Duration)>,
}

/// One story: articles from one or more sources about the same event.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Story {
    /// The story's id in this report: `S1`, `S2`, ... in report order.
    pub id: String,
    /// Its articles, in input order.
    pub articles: Vec<StoryArticle>,
    /// The distinct sources, sorted.
    pub sources: Vec<String>,
    /// A headline: the title (or first sentence) of the article closest to all others.
    pub headline: String,
    /// The terms that best characterise the story (names, places, numbers first by weight).
    pub key_terms: Vec<String>,
    /// Average pairwise similarity of its articles (1 for a single article).
    pub cohesion: f32,
    /// Pairwise similarity in `0..=1`, rows and columns in the order of `articles`.
    pub similarity: Vec<Vec<f32>>,
    /// Near-duplicate pairs among its articles.
    pub duplicates: Vec<DuplicatePair>,
    /// Claims made by two or more sources.
    pub shared_claims: Vec<SharedClaim>,
    /// Claims on which two sources disagree (numbers, names, dates), with the aligned diff.
    pub conflicts: Vec<StoryConflict>,
    /// Claims only one source makes.
    pub unique_claims: Vec<StoryClaimRef>,
    /// Names spelled differently within the story.
    pub variants: Vec<StoryVariantGroup>,
}

impl Story {
    /// True when the story has articles from at least two sources.
    #[must_use]
    pub fn is_multi_source(&self) -> bool {
        self.sources.len() > 1
    }
}

/// An article as the report lists it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StoryArticle {
    /// The article's id.
    pub id: String,
    /// Its source.
    pub source: String,
    /// Its title, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Its date, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where it was read from (`path` or `path:line`).
    pub origin: String,
    /// Its number of words.
    pub words: usize,
    /// The original text (not serialized; the HTML report shows it).
    #[serde(skip)]
    pub text: Arc<str>,
    /// Byte spans of its sentences in `text` (not serialized; claims point at them by index).
    #[serde(skip)]
    pub sentences: Vec<(usize, usize)>,
}

/// A sentence of an article of the story, as a claim (the report's form of [`crate::claims::ClaimRef`], which
/// points into one of two aligned articles).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StoryClaimRef {
    /// The article's id (always an article of the same story).
    pub article: String,
    /// The article's source.
    pub source: String,
    /// Index of the sentence in the article.
    pub sentence: usize,
    /// Byte span of the sentence in the article's text.
    pub span: (usize, usize),
    /// The sentence as written.
    pub text: String,
}

/// A claim several sources make: one sentence per article, aligned to each other.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SharedClaim {
    /// How alike its mentions are.
    pub kind: SharedClaimKind,
    /// The distinct sources making the claim, sorted.
    pub sources: Vec<String>,
    /// Lowest similarity between two of its mentions, in `0..=1`.
    pub similarity: f32,
    /// The sentences, one per article, in story order.
    pub mentions: Vec<StoryClaimRef>,
}

/// How alike the mentions of a shared claim are (serialized in lower case: `same`, `variant`, `overlap`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SharedClaimKind {
    /// Every mention says it in the same words.
    #[default]
    Same,
    /// The mentions differ only in the spelling of names.
    Variant,
    /// Some mentions say it in other words.
    Overlap,
}

impl SharedClaimKind {
    /// The kind as the JSON and CSV outputs write it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        crate::claims::PairKind::from(self).as_str()
    }
}

impl From<SharedClaimKind> for crate::claims::PairKind {
    fn from(kind: SharedClaimKind) -> Self {
        match kind {
            SharedClaimKind::Same => Self::Same,
            SharedClaimKind::Variant => Self::Variant,
            SharedClaimKind::Overlap => Self::Overlap,
        }
    }
}

/// Two sentences that make the same claim with different facts (the report's form of
/// [`crate::claims::kind::Conflict`], which is one differing fact).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StoryConflict {
    /// The first article's sentence.
    pub a: StoryClaimRef,
    /// The second article's sentence.
    pub b: StoryClaimRef,
    /// Similarity of the two sentences, in `0..=1`.
    pub similarity: f32,
    /// What differs, in words (`number: "28" vs "20"`).
    pub details: Vec<String>,
    /// `a`'s sentence cut into runs by the word diff against `b`.
    pub diff_a: Vec<DiffSpan>,
    /// `b`'s sentence cut into runs by the word diff against `a`.
    pub diff_b: Vec<DiffSpan>,
}

/// A run of one side of a word diff between two sentences; the runs of a side put together give its sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DiffSpan {
    /// What the run is to the other side.
    pub op: DiffSpanOp,
    /// The text of the run, as written.
    pub text: String,
}

/// What a run of a word diff is to the other side (serialized in lower case: `equal`, `removed`, ...).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffSpanOp {
    /// On both sides.
    #[default]
    Equal,
    /// Only in `a`.
    Removed,
    /// Only in `b`.
    Added,
    /// Replaced by other words.
    Changed,
    /// A replaced number, date or name.
    Conflict,
    /// The same name spelled otherwise.
    Variant,
}

/// Two articles that are near-copies of each other.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DuplicatePair {
    /// The first article's id (input order).
    pub a: String,
    /// The second article's id.
    pub b: String,
    /// Their resemblance (shingle Jaccard) in `0..=1`.
    pub similarity: f32,
    /// True when the texts are the same after normalization.
    pub exact: bool,
}

/// A name spelled in several ways within a story (the report's summary of a [`crate::names::VariantGroup`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StoryVariantGroup {
    /// The preferred spelling (the most frequent).
    pub canonical: String,
    /// The spellings, most frequent first.
    pub forms: Vec<StoryVariantForm>,
}

/// One spelling of a name within a story (the report's summary of a [`crate::names::VariantForm`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StoryVariantForm {
    /// The spelling as written.
    pub form: String,
    /// How many times it occurs.
    pub count: usize,
    /// The sources that use it, sorted.
    pub sources: Vec<String>,
}

/// Batch totals of a report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReportSummary {
    /// Articles in the batch.
    pub articles: usize,
    /// Stories (including single-article ones).
    pub stories: usize,
    /// Stories covered by two or more sources.
    pub multi_source_stories: usize,
    /// Articles no other article matched.
    pub single_articles: usize,
    /// Per source: its articles and the stories it covers, by source name.
    pub sources: Vec<SourceSummary>,
    /// Near-duplicate pairs, all stories together.
    pub duplicate_pairs: usize,
    /// Near-duplicate pairs whose articles ended up in different stories (dated too far apart, usually).
    pub cross_story_duplicate_pairs: usize,
    /// Name variant groups, all stories together.
    pub variant_groups: usize,
    /// Shared claims, all stories together.
    pub shared_claims: usize,
    /// Conflicting claims, all stories together.
    pub conflicts: usize,
    /// Article pairs whose similarity was computed.
    pub pairs_scored: usize,
    /// The settings that produced the stories.
    pub settings: Settings,
}

/// One source in the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SourceSummary {
    /// The source.
    pub source: String,
    /// Its articles.
    pub articles: usize,
    /// The stories it has an article in.
    pub stories: usize,
}

/// The grouping settings a report was made with.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Settings {
    /// `--window` in days, or `None` when dates were ignored.
    pub window_days: Option<u32>,
    /// `--threshold`: the average similarity at which groups merge.
    pub threshold: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_ops_serialize_in_lower_case() {
        for kind in [SharedClaimKind::Same, SharedClaimKind::Variant, SharedClaimKind::Overlap] {
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.as_str()));
        }
        for (op, name) in [
            (DiffSpanOp::Equal, "equal"),
            (DiffSpanOp::Removed, "removed"),
            (DiffSpanOp::Added, "added"),
            (DiffSpanOp::Changed, "changed"),
            (DiffSpanOp::Conflict, "conflict"),
            (DiffSpanOp::Variant, "variant"),
        ] {
            assert_eq!(serde_json::to_string(&op).unwrap(), format!("\"{name}\""));
        }
    }
}
