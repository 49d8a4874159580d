//! The story report as one JSON object (`newsdiff report --json`).
//!
//! The object is [`crate::report::Report`] serialized as is, pretty-printed; its schema, field by field:
//! ```text
//! { "stories": [ {                       // largest first; every article is in exactly one story
//!     "id": "S1", "headline": str, "sources": [str], "key_terms": [str], "cohesion": float,
//!     "articles": [ { "id": str, "source": str, "title": str?, "date": str?, "origin": str, "words": int } ],
//!     "similarity": [[float]],           // rows and columns in the order of "articles"
//!     "duplicates": [ { "a": id, "b": id, "similarity": float, "exact": bool } ],
//!     "shared_claims": [ { "kind": "same"|"variant"|"overlap", "sources": [str], "similarity": float,
//!                          "mentions": [claim] } ],
//!     "conflicts": [ { "a": claim, "b": claim, "similarity": float, "details": [str],
//!                      "diff_a": [run], "diff_b": [run] } ],
//!     "unique_claims": [claim],
//!     "variants": [ { "canonical": str, "forms": [ { "form": str, "count": int, "sources": [str] } ] } ] } ],
//!   "summary": { "articles", "stories", "multi_source_stories", "single_articles": int,
//!                "sources": [ { "source": str, "articles": int, "stories": int } ],
//!                "duplicate_pairs", "cross_story_duplicate_pairs", "variant_groups", "shared_claims", "conflicts", "pairs_scored": int,
//!                "settings": { "window_days": int|null, "threshold": float } },
//!   "schema_version": 2 }                // 1 also had "unavailable": [], always empty
//! claim = { "article": id, "source": str, "sentence": int, "span": [start, end], "text": str }
//! run   = { "op": "equal"|"removed"|"added"|"changed"|"conflict"|"variant", "text": str }
//!         (the runs of diff_a put together give a's sentence, and likewise for b)
//! ```
//! A story object only ever holds ids of its own articles. Spans are byte offsets into the article as read.

use std::io::Write;

use super::{ReportRenderer, StoryRenderer};
use crate::report::{Report, ReportPlan, ReportSummary, SCHEMA_VERSION, Story};

/// The JSON renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

impl ReportRenderer for Json {
    fn render(&self, report: &Report, out: &mut dyn Write) -> anyhow::Result<()> {
        super::render_streamed(&mut JsonStream::default(), report, out)
    }
}

/// The JSON object written story by story: the same bytes as serializing the whole [`Report`] pretty-printed,
/// each story serialized on its own and indented to its depth (JSON strings hold no raw line breaks, so
/// indenting every line is exact).
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonStream {
    /// Stories written so far.
    stories: usize,
}

/// Writes `value` pretty-printed with every line after the first indented by `indent` spaces.
fn write_indented<T: serde::Serialize>(value: &T, indent: usize, out: &mut dyn Write) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    let pad = " ".repeat(indent);
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.write_all(b"\n")?;
            out.write_all(pad.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

impl StoryRenderer for JsonStream {
    fn begin(&mut self, _plan: &ReportPlan, out: &mut dyn Write) -> anyhow::Result<()> {
        self.stories = 0;
        out.write_all(b"{\n  \"stories\": [")?;
        Ok(())
    }

    fn story(&mut self, story: &Story, out: &mut dyn Write) -> anyhow::Result<()> {
        out.write_all(if self.stories == 0 { b"\n    " } else { b",\n    " })?;
        self.stories += 1;
        write_indented(story, 4, out)
    }

    fn end(&mut self, summary: &ReportSummary, out: &mut dyn Write) -> anyhow::Result<()> {
        if self.stories > 0 {
            out.write_all(b"\n  ")?;
        }
        out.write_all(b"],\n  \"summary\": ")?;
        write_indented(summary, 2, out)?;
        write!(out, ",\n  \"schema_version\": {SCHEMA_VERSION}\n}}\n")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::two_story_report;

    #[test]
    fn streamed_json_is_the_report_serialized_whole() {
        let report = two_story_report();
        assert_eq!(report.stories.len(), 2);
        let mut streamed = Vec::new();
        Json.render(&report, &mut streamed).unwrap();
        let mut whole = serde_json::to_vec_pretty(&report).unwrap();
        whole.push(b'\n');
        assert_eq!(String::from_utf8(streamed).unwrap(), String::from_utf8(whole).unwrap());
        let empty = Report { schema_version: SCHEMA_VERSION, ..Report::default() };
        let mut streamed = Vec::new();
        Json.render(&empty, &mut streamed).unwrap();
        let mut whole = serde_json::to_vec_pretty(&empty).unwrap();
        whole.push(b'\n');
        assert_eq!(String::from_utf8(streamed).unwrap(), String::from_utf8(whole).unwrap());
    }
}
