//! The story report as plain data: what `newsdiff report` found in a batch, ready for any renderer.
//!
//! The data model is this module; [`build`] fills a [`Report`] from a batch of articles (story grouping,
//! near-duplicates, claim alignment and name variants, story by story), and the renderers in [`crate::render`] (terminal, JSON, CSV, HTML) show it. Every list is sorted by a total key, so
//! a report is the same whatever the number of threads.
//!
//! The JSON form is this structure serialized as is (field order below, `stories` first); docs/json.md
//! documents it. A section that could not be computed (its stage is missing or switched off) is empty in every
//! story and named in [`Report::unavailable`] with the reason, rather than silently empty.

pub mod build;

use std::sync::Arc;

use serde::Serialize;

pub use build::{ReportOptions, build_report};

/// Version of the JSON layout, bumped when a field changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 1;

/// A whole report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// The stories, largest first (then by the input order of their first article). Every article of the
    /// batch is in exactly one story; a story of one article is coverage nobody else in the batch matched.
    pub stories: Vec<Story>,
    /// Batch totals.
    pub summary: Summary,
    /// Sections that could not be computed, with the reason.
    pub unavailable: Vec<Unavailable>,
    /// Version of this layout ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// How long each stage took, in order (not serialized: it changes from run to run; `-v` prints it).
    #[serde(skip)]
    pub timings: Vec<(String, std::time::Duration)>,
}

/// A section of the report that is empty because it could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unavailable {
    /// The section: `duplicates`, `shared_claims`, `conflicts`, `unique_claims` or `variants`.
    pub section: String,
    /// Why, in a sentence.
    pub reason: String,
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
    pub conflicts: Vec<Conflict>,
    /// Claims only one source makes.
    pub unique_claims: Vec<ClaimRef>,
    /// Names spelled differently within the story.
    pub variants: Vec<VariantGroup>,
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

/// A sentence of an article, as a claim.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ClaimRef {
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
    /// `same` when every mention says it in the same words, `variant` when they differ only in spelling,
    /// `overlap` when some say it in other words.
    pub kind: String,
    /// The distinct sources making the claim, sorted.
    pub sources: Vec<String>,
    /// Lowest similarity between two of its mentions, in `0..=1`.
    pub similarity: f32,
    /// The sentences, one per article, in story order.
    pub mentions: Vec<ClaimRef>,
}

/// Two sentences that make the same claim with different facts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Conflict {
    /// The first article's sentence.
    pub a: ClaimRef,
    /// The second article's sentence.
    pub b: ClaimRef,
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
    /// `equal` (on both sides), `removed` (only in `a`), `added` (only in `b`), `changed` (replaced),
    /// `conflict` (a replaced number, date or name) or `variant` (the same name spelled otherwise).
    pub op: String,
    /// The text of the run, as written.
    pub text: String,
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

/// A name spelled in several ways.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct VariantGroup {
    /// The preferred spelling (the most frequent).
    pub canonical: String,
    /// The spellings, most frequent first.
    pub forms: Vec<VariantForm>,
}

/// One spelling of a name.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct VariantForm {
    /// The spelling as written.
    pub form: String,
    /// How many times it occurs.
    pub count: usize,
    /// The sources that use it, sorted.
    pub sources: Vec<String>,
}

/// Batch totals.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
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
