//! The story report as CSV tables for spreadsheets (`newsdiff report --csv DIR`).
//!
//! One file per table, each with a header row:
//! - `articles.csv`: `story, article, source, date, title, origin, words`
//! - `stories.csv`: `story, articles, sources, headline, cohesion, key_terms, duplicates, shared_claims,
//!   conflicts, unique_claims, variants` (lists joined with `; `)
//! - `pairs.csv`: every pair of articles within a story: `story, a, b, similarity, near_duplicate, resemblance`
//! - `claims.csv`: one row per sentence of a shared, conflicting or unique claim: `story, claim, kind, article,
//!   source, sentence, start, end, text` (`claim` numbers the claim within its story; `kind` is `same`,
//!   `variant` or `overlap` for a shared claim, `conflict` or `unique`)
//! - `variants.csv`: `story, group, form, count, sources`

use std::io::Write;

use super::{ReportRenderer, StoryRenderer};
use crate::report::{Report, ReportPlan, ReportSummary, Story, StoryClaimRef};

/// One CSV table of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvTable {
    /// One row per article.
    Articles,
    /// One row per story.
    Stories,
    /// One row per pair of articles in a story.
    Pairs,
    /// One row per claim sentence.
    Claims,
    /// One row per variant spelling.
    Variants,
}

impl CsvTable {
    /// Every table, in the order they are written.
    pub const ALL: [CsvTable; 5] = [Self::Articles, Self::Stories, Self::Pairs, Self::Claims, Self::Variants];

    /// The table's file name.
    #[must_use]
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Articles => "articles.csv",
            Self::Stories => "stories.csv",
            Self::Pairs => "pairs.csv",
            Self::Claims => "claims.csv",
            Self::Variants => "variants.csv",
        }
    }
}

/// The CSV renderer for one table.
#[derive(Debug, Clone, Copy)]
pub struct Csv {
    /// The table to write.
    pub table: CsvTable,
}

fn f3(v: f32) -> String {
    format!("{v:.3}")
}

impl ReportRenderer for Csv {
    fn render(&self, report: &Report, out: &mut dyn Write) -> anyhow::Result<()> {
        super::render_streamed(&mut { *self }, report, out)
    }
}

impl StoryRenderer for Csv {
    fn begin(&mut self, _plan: &ReportPlan, out: &mut dyn Write) -> anyhow::Result<()> {
        let header: &[&str] = match self.table {
            CsvTable::Articles => &["story", "article", "source", "date", "title", "origin", "words"],
            CsvTable::Stories => &[
                "story",
                "articles",
                "sources",
                "headline",
                "cohesion",
                "key_terms",
                "duplicates",
                "shared_claims",
                "conflicts",
                "unique_claims",
                "variants",
            ],
            CsvTable::Pairs => &["story", "a", "b", "similarity", "near_duplicate", "resemblance"],
            CsvTable::Claims => &["story", "claim", "kind", "article", "source", "sentence", "start", "end", "text"],
            CsvTable::Variants => &["story", "group", "form", "count", "sources"],
        };
        let mut w = csv::Writer::from_writer(out);
        w.write_record(header)?;
        w.flush()?;
        Ok(())
    }

    fn story(&mut self, story: &Story, out: &mut dyn Write) -> anyhow::Result<()> {
        // Rows only: the header was written by `begin`.
        let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(out);
        match self.table {
            CsvTable::Articles => articles(story, &mut w)?,
            CsvTable::Stories => stories(story, &mut w)?,
            CsvTable::Pairs => pairs(story, &mut w)?,
            CsvTable::Claims => claims(story, &mut w)?,
            CsvTable::Variants => variants(story, &mut w)?,
        }
        w.flush()?;
        Ok(())
    }

    fn end(&mut self, _summary: &ReportSummary, _out: &mut dyn Write) -> anyhow::Result<()> {
        Ok(())
    }
}

/// A CSV writer on the renderer's output.
type Writer<'a> = csv::Writer<&'a mut dyn Write>;

/// `articles.csv`: one row per article.
fn articles(s: &Story, w: &mut Writer<'_>) -> csv::Result<()> {
    for a in &s.articles {
        w.write_record([
            s.id.as_str(),
            &a.id,
            &a.source,
            a.date.as_deref().unwrap_or(""),
            a.title.as_deref().unwrap_or(""),
            &a.origin,
            &a.words.to_string(),
        ])?;
    }
    Ok(())
}

/// `stories.csv`: one row per story, with the count of each section.
fn stories(s: &Story, w: &mut Writer<'_>) -> csv::Result<()> {
    w.write_record([
        s.id.as_str(),
        &s.articles.len().to_string(),
        &s.sources.join("; "),
        &s.headline,
        &f3(s.cohesion),
        &s.key_terms.join("; "),
        &s.duplicates.len().to_string(),
        &s.shared_claims.len().to_string(),
        &s.conflicts.len().to_string(),
        &s.unique_claims.len().to_string(),
        &s.variants.len().to_string(),
    ])?;
    Ok(())
}

/// `pairs.csv`: one row per pair of articles within a story.
fn pairs(s: &Story, w: &mut Writer<'_>) -> csv::Result<()> {
    for i in 0..s.articles.len() {
        for j in i + 1..s.articles.len() {
            let (a, b) = (&s.articles[i].id, &s.articles[j].id);
            let dup = s.duplicates.iter().find(|d| (&d.a, &d.b) == (a, b) || (&d.a, &d.b) == (b, a));
            w.write_record([
                s.id.as_str(),
                a,
                b,
                &f3(s.similarity[i][j]),
                if dup.is_some() { "yes" } else { "no" },
                &dup.map_or(String::new(), |d| f3(d.similarity)),
            ])?;
        }
    }
    Ok(())
}

/// `claims.csv`: one row per sentence of a shared, conflicting or unique claim, claims numbered per story.
fn claims(s: &Story, w: &mut Writer<'_>) -> csv::Result<()> {
    let row = |w: &mut Writer<'_>, n: usize, kind: &str, c: &StoryClaimRef| {
        w.write_record([
            s.id.as_str(),
            &n.to_string(),
            kind,
            &c.article,
            &c.source,
            &c.sentence.to_string(),
            &c.span.0.to_string(),
            &c.span.1.to_string(),
            &c.text,
        ])
    };
    let mut n = 0;
    for c in &s.shared_claims {
        n += 1;
        for m in &c.mentions {
            row(w, n, c.kind.as_str(), m)?;
        }
    }
    for c in &s.conflicts {
        n += 1;
        row(w, n, "conflict", &c.a)?;
        row(w, n, "conflict", &c.b)?;
    }
    for c in &s.unique_claims {
        n += 1;
        row(w, n, "unique", c)?;
    }
    Ok(())
}

/// `variants.csv`: one row per spelling of a name with several.
fn variants(s: &Story, w: &mut Writer<'_>) -> csv::Result<()> {
    for (g, group) in s.variants.iter().enumerate() {
        for f in &group.forms {
            w.write_record([
                s.id.as_str(),
                &(g + 1).to_string(),
                &f.form,
                &f.count.to_string(),
                &f.sources.join("; "),
            ])?;
        }
    }
    Ok(())
}
