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

use super::ReportRenderer;
use crate::report::Report;

/// The JSON renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

impl ReportRenderer for Json {
    fn render(&self, report: &Report, out: &mut dyn Write) -> anyhow::Result<()> {
        serde_json::to_writer_pretty(&mut *out, report)?;
        out.write_all(b"\n")?;
        Ok(())
    }
}
