//! The story report as JSON Lines (`newsdiff report --jsonl`): one story per line as it is finished, then one
//! summary line, for batches whose report is too large to hold or parse as one object.
//!
//! A story line has the fields of a story of the `--json` object ([`super::report_json`]), in the same order,
//! with one change unless every claim is asked for (`--all`): in place of `unique_claims`, which lists the text
//! of every sentence only one source makes and is most of a large report, it has
//! ```text
//! "unique_claims_by_article": [ { "article": id, "source": str, "sentences": [int] } ]   // story order
//! ```
//! the sentence numbers of each article's unique claims (as `newsdiff tokens` numbers them; articles without
//! any are left out). With `--all` the line has `unique_claims` as in `--json`. The last line is
//! ```text
//! { "summary": { ... as in --json ... }, "schema_version": 2 }
//! ```
//! so a reader tells the two kinds of line apart by their first key (`id` or `summary`). Lines are compact (no
//! spaces) and in report order, the same with any number of threads.

use std::io::Write;

use serde::Serialize;

use super::{ReportRenderer, StoryRenderer};
use crate::report::{
    DuplicatePair, Report, ReportPlan, ReportSummary, SCHEMA_VERSION, SharedClaim, Story, StoryArticle, StoryClaimRef,
    StoryConflict, StoryVariantGroup,
};

/// The JSON Lines renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonLines {
    /// List the text of every unique claim (`unique_claims`) rather than their sentence numbers per article.
    pub all: bool,
}

impl ReportRenderer for JsonLines {
    fn render(&self, report: &Report, out: &mut dyn Write) -> anyhow::Result<()> {
        super::render_streamed(&mut { *self }, report, out)
    }
}

/// The unique claims of one article, by sentence number.
#[derive(Debug, Serialize)]
struct UniqueByArticle<'a> {
    article: &'a str,
    source: &'a str,
    sentences: Vec<usize>,
}

/// A story line: the fields of [`Story`] in its order, `unique_claims` summarised unless `--all`.
#[derive(Debug, Serialize)]
struct StoryLine<'a> {
    id: &'a str,
    articles: &'a [StoryArticle],
    sources: &'a [String],
    headline: &'a str,
    key_terms: &'a [String],
    cohesion: f32,
    similarity: &'a [Vec<f32>],
    duplicates: &'a [DuplicatePair],
    shared_claims: &'a [SharedClaim],
    conflicts: &'a [StoryConflict],
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_claims: Option<&'a [StoryClaimRef]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_claims_by_article: Option<Vec<UniqueByArticle<'a>>>,
    variants: &'a [StoryVariantGroup],
}

/// The last line.
#[derive(Debug, Serialize)]
struct SummaryLine<'a> {
    summary: &'a ReportSummary,
    schema_version: u32,
}

/// The unique claims of a story grouped by article, in the order of the story's articles.
fn by_article(story: &Story) -> Vec<UniqueByArticle<'_>> {
    story
        .articles
        .iter()
        .filter_map(|a| {
            let sentences: Vec<usize> =
                story.unique_claims.iter().filter(|c| c.article == a.id).map(|c| c.sentence).collect();
            (!sentences.is_empty()).then_some(UniqueByArticle { article: &a.id, source: &a.source, sentences })
        })
        .collect()
}

impl StoryRenderer for JsonLines {
    fn begin(&mut self, _plan: &ReportPlan, _out: &mut dyn Write) -> anyhow::Result<()> {
        Ok(())
    }

    fn story(&mut self, story: &Story, out: &mut dyn Write) -> anyhow::Result<()> {
        let line = StoryLine {
            id: &story.id,
            articles: &story.articles,
            sources: &story.sources,
            headline: &story.headline,
            key_terms: &story.key_terms,
            cohesion: story.cohesion,
            similarity: &story.similarity,
            duplicates: &story.duplicates,
            shared_claims: &story.shared_claims,
            conflicts: &story.conflicts,
            unique_claims: self.all.then_some(story.unique_claims.as_slice()),
            unique_claims_by_article: (!self.all).then(|| by_article(story)),
            variants: &story.variants,
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
        Ok(())
    }

    fn end(&mut self, summary: &ReportSummary, out: &mut dyn Write) -> anyhow::Result<()> {
        serde_json::to_writer(&mut *out, &SummaryLine { summary, schema_version: SCHEMA_VERSION })?;
        out.write_all(b"\n")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::two_story_report;

    #[test]
    fn one_line_per_story_then_the_summary() {
        let report = two_story_report();
        let mut out = Vec::new();
        JsonLines { all: true }.render(&report, &mut out).unwrap();
        let lines: Vec<serde_json::Value> =
            String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), report.stories.len() + 1);
        // With --all a story line is the story object of --json.
        for (line, story) in lines.iter().zip(&report.stories) {
            let story: serde_json::Value = serde_json::from_str(&serde_json::to_string(story).unwrap()).unwrap();
            assert_eq!(line, &story);
        }
        let summary: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&report.summary).unwrap()).unwrap();
        assert_eq!(lines.last().unwrap()["summary"], summary);
        assert_eq!(lines.last().unwrap()["schema_version"], SCHEMA_VERSION);
    }

    #[test]
    fn unique_claims_are_sentence_numbers_per_article_unless_all() {
        let report = two_story_report();
        let story = &report.stories[0];
        assert!(!story.unique_claims.is_empty());
        let mut out = Vec::new();
        JsonLines { all: false }.render(&report, &mut out).unwrap();
        let first: serde_json::Value =
            serde_json::from_str(String::from_utf8(out).unwrap().lines().next().unwrap()).unwrap();
        assert!(first.get("unique_claims").is_none());
        let groups = first["unique_claims_by_article"].as_array().unwrap();
        let listed: usize = groups.iter().map(|g| g["sentences"].as_array().unwrap().len()).sum();
        assert_eq!(listed, story.unique_claims.len());
        let a = &groups[0];
        let want: Vec<usize> =
            story.unique_claims.iter().filter(|c| c.article == a["article"]).map(|c| c.sentence).collect();
        assert_eq!(a["sentences"], serde_json::to_value(want).unwrap());
    }
}
