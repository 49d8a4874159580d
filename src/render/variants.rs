//! Rendering of `newsdiff variants`: a readable listing, JSON and CSV, for name groups and for house-style
//! departures.
//!
//! JSON schema (one document):
//! ```text
//! { "groups": [ { "canonical": str, "count": int,
//!                 "forms": [ { "form": str, "count": int,
//!                              "sources": {source: int},                                  // articles only
//!                              "mentions": [ { "article": str, "sentence": int, "span": [start, end] } ] } ],
//!                 "mixed": [ { "source": str, "forms": {form: int} } ] } ],               // articles only
//!   "departures": [ { "path": str, "line": int, "column": int?, "article": str, "source": str,
//!                     "span": [start, end], "found": str, "preferred": str, "kind": "listed"|"variant",
//!                     "style_line": int } ] }                                              // --style only
//! ```
//! Spans are byte offsets `[start, end)` into the article text as read. For text files `line` and `column`
//! (1-based, in characters) locate the mention in the file; for JSON Lines input `line` is the JSONL line and
//! there is no `column`.
//!
//! CSV: one row per form and source (`group,canonical,form,count,source,source_count`), or with `--style` one
//! row per departure (`path,line,column,article,source,start,end,found,preferred,kind`).

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use super::style::{Painter, Role};
use super::text::{one_line, width};
use crate::names::style::{Departure, DepartureKind};
use crate::names::{IndexedArticle, VariantGroup};

#[derive(Serialize)]
struct JsonMention<'a> {
    article: &'a str,
    sentence: usize,
    span: [usize; 2],
}

#[derive(Serialize)]
struct JsonForm<'a> {
    form: &'a str,
    count: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    sources: Option<&'a BTreeMap<String, u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mentions: Option<Vec<JsonMention<'a>>>,
}

#[derive(Serialize)]
struct JsonMixed<'a> {
    source: &'a str,
    forms: &'a BTreeMap<String, u64>,
}

#[derive(Serialize)]
struct JsonGroup<'a> {
    canonical: &'a str,
    count: u64,
    forms: Vec<JsonForm<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mixed: Option<Vec<JsonMixed<'a>>>,
}

#[derive(Serialize)]
struct JsonDeparture<'a> {
    path: &'a str,
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    article: &'a str,
    source: &'a str,
    span: [usize; 2],
    found: &'a str,
    preferred: &'a str,
    kind: DepartureKind,
    style_line: usize,
}

#[derive(Serialize)]
struct JsonOutput<'a> {
    groups: Vec<JsonGroup<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    departures: Option<Vec<JsonDeparture<'a>>>,
}

/// What a renderer needs besides the groups: the articles (empty for a plain name list) and options.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    /// The articles that mention references point into; empty for `--names`.
    pub articles: &'a [IndexedArticle],
    /// List names with a single spelling too.
    pub all: bool,
    /// Hide names mentioned fewer times than this, all spellings together (`--min-count`; 0 and 1 hide none).
    pub min_count: u64,
    /// Colour.
    pub color: bool,
}

impl View<'_> {
    fn shown<'g>(&self, groups: &'g [VariantGroup]) -> impl Iterator<Item = &'g VariantGroup> {
        let (all, min_count) = (self.all, self.min_count);
        groups.iter().filter(move |g| (all || g.has_variants()) && g.count >= min_count)
    }

    fn has_articles(&self) -> bool {
        !self.articles.is_empty()
    }
}

/// Where a mention is in its file: path, line and (for text files) column.
#[must_use]
pub fn locate(article: &IndexedArticle, span: (usize, usize)) -> (&str, usize, Option<usize>) {
    match article.origin.line {
        Some(line) => (&article.origin.path, line, None),
        None => {
            let before = &article.text[..span.0];
            let line = 1 + before.bytes().filter(|&b| b == b'\n').count();
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            (&article.origin.path, line, Some(1 + before[line_start..].chars().count()))
        }
    }
}

/// Writes the groups (and departures, with `--style`) as one JSON document.
///
/// # Errors
/// I/O and serialization errors.
pub fn render_json(
    out: &mut dyn Write,
    groups: &[VariantGroup],
    departures: Option<&[Departure]>,
    view: &View<'_>,
) -> anyhow::Result<()> {
    let articles = view.articles;
    let groups = view
        .shown(groups)
        .map(|g| JsonGroup {
            canonical: &g.canonical,
            count: g.count,
            forms: g
                .forms
                .iter()
                .map(|f| JsonForm {
                    form: &f.form,
                    count: f.count,
                    sources: view.has_articles().then_some(&f.sources),
                    mentions: view.has_articles().then(|| {
                        f.mentions
                            .iter()
                            .map(|m| JsonMention {
                                article: &articles[m.article].id,
                                sentence: m.sentence,
                                span: [m.span.0, m.span.1],
                            })
                            .collect()
                    }),
                })
                .collect(),
            mixed: view
                .has_articles()
                .then(|| g.mixed.iter().map(|m| JsonMixed { source: &m.source, forms: &m.forms }).collect()),
        })
        .collect();
    let departures = departures.map(|ds| {
        ds.iter()
            .map(|d| {
                let a = &articles[d.mention.article];
                let (path, line, column) = locate(a, d.mention.span);
                JsonDeparture {
                    path,
                    line,
                    column,
                    article: &a.id,
                    source: &a.source,
                    span: [d.mention.span.0, d.mention.span.1],
                    found: &d.found,
                    preferred: &d.preferred,
                    kind: d.kind,
                    style_line: d.style_line,
                }
            })
            .collect()
    });
    serde_json::to_writer(&mut *out, &JsonOutput { groups, departures })?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Writes one CSV row per form and source (one per form for a plain name list).
///
/// # Errors
/// I/O and CSV errors.
pub fn render_csv(out: &mut dyn Write, groups: &[VariantGroup], view: &View<'_>) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["group", "canonical", "form", "count", "source", "source_count"])?;
    for (gi, g) in view.shown(groups).enumerate() {
        let group = (gi + 1).to_string();
        for f in &g.forms {
            let count = f.count.to_string();
            if f.sources.is_empty() {
                w.write_record([group.as_str(), &g.canonical, &f.form, &count, "", ""])?;
            }
            for (source, n) in &f.sources {
                w.write_record([group.as_str(), &g.canonical, &f.form, &count, source, &n.to_string()])?;
            }
        }
    }
    w.flush()?;
    Ok(())
}

/// Writes one CSV row per house-style departure.
///
/// # Errors
/// I/O and CSV errors.
pub fn render_departures_csv(out: &mut dyn Write, departures: &[Departure], view: &View<'_>) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["path", "line", "column", "article", "source", "start", "end", "found", "preferred", "kind"])?;
    for d in departures {
        let a = &view.articles[d.mention.article];
        let (path, line, column) = locate(a, d.mention.span);
        let kind = match d.kind {
            DepartureKind::Listed => "listed",
            DepartureKind::Variant => "variant",
        };
        w.write_record([
            path,
            &line.to_string(),
            &column.map(|c| c.to_string()).unwrap_or_default(),
            &a.id,
            &a.source,
            &d.mention.span.0.to_string(),
            &d.mention.span.1.to_string(),
            &d.found,
            &d.preferred,
            kind,
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Longest context shown on each side of a mention, in characters.
const CONTEXT_CHARS: usize = 45;

/// A short quote around a span: the same line, at most 45 characters on each side, cut at word boundaries,
/// with ellipses.
#[must_use]
pub fn snippet(text: &str, span: (usize, usize)) -> String {
    let line_start = text[..span.0].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.1..].find('\n').map_or(text.len(), |i| span.1 + i);
    let before: Vec<char> = text[line_start..span.0].chars().collect();
    let after: Vec<char> = text[span.1..line_end].chars().collect();
    let mut out = String::new();
    if before.len() > CONTEXT_CHARS {
        // Cut at a word boundary: drop the partial word at the start of the window.
        let window: String = before[before.len() - CONTEXT_CHARS..].iter().collect();
        out.push('…');
        out.push_str(window.find(char::is_whitespace).map_or(window.as_str(), |i| window[i..].trim_start()));
    } else {
        out.extend(&before);
    }
    out.push_str(&text[span.0..span.1]);
    if after.len() > CONTEXT_CHARS {
        let window: String = after[..CONTEXT_CHARS].iter().collect();
        out.push_str(window.rfind(char::is_whitespace).map_or(window.as_str(), |i| window[..i].trim_end()));
        out.push('…');
    } else {
        out.extend(&after);
    }
    one_line(&out)
}

/// Writes the groups for people: one block per name, each form with its count per source, the sources that
/// mix forms, and the first mention of each form in context.
///
/// # Errors
/// I/O errors.
pub fn render_human(out: &mut dyn Write, groups: &[VariantGroup], view: &View<'_>) -> anyhow::Result<()> {
    let p = Painter::new(view.color);
    for g in view.shown(groups) {
        if !g.has_variants() {
            let sources = g.forms[0].sources.iter().map(|(s, n)| format!("{s} {n}")).collect::<Vec<_>>().join(", ");
            let line =
                format!("{}  {}  {}", p.paint(Role::Heading, &g.canonical), g.count, p.paint(Role::Dim, &sources));
            writeln!(out, "{}", line.trim_end())?;
            continue;
        }
        let spellings =
            if g.forms.len() == 1 { "1 spelling".to_string() } else { format!("{} spellings", g.forms.len()) };
        writeln!(
            out,
            "{}  {}",
            p.paint(Role::Heading, &g.canonical),
            p.paint(
                Role::Dim,
                &format!("{spellings}, {} {}", g.count, if view.has_articles() { "mentions" } else { "in all" })
            )
        )?;
        let column = g.forms.iter().map(|f| width(&f.form)).max().unwrap_or(0);
        for f in &g.forms {
            let pad = " ".repeat(column - width(&f.form));
            let role = if f.form == g.canonical { Role::Good } else { Role::Conflict };
            let sources = f.sources.iter().map(|(s, n)| format!("{s} {n}")).collect::<Vec<_>>().join(", ");
            if sources.is_empty() {
                writeln!(out, "  {}{pad} {:>6}", p.paint(role, &f.form), f.count)?;
            } else {
                writeln!(out, "  {}{pad} {:>6}  {}", p.paint(role, &f.form), f.count, p.paint(Role::Dim, &sources))?;
            }
            if let Some(m) = f.mentions.first() {
                let a = &view.articles[m.article];
                writeln!(out, "      {} {}", snippet(&a.text, m.span), p.paint(Role::Dim, &format!("({})", a.id)))?;
            }
        }
        for m in &g.mixed {
            let forms = m.forms.iter().map(|(f, n)| format!("{f} {n}")).collect::<Vec<_>>().join(", ");
            writeln!(out, "  {} {} uses {} spellings: {forms}", p.paint(Role::Notice, "!"), m.source, m.forms.len())?;
        }
        writeln!(out)?;
    }
    let variants = groups.iter().filter(|g| g.has_variants()).count();
    let summary = format!(
        "{variants} {} with several spellings, {} {} in all{}",
        if variants == 1 { "name" } else { "names" },
        groups.len(),
        if groups.len() == 1 { "name" } else { "names" },
        match view.articles.len() {
            _ if !view.has_articles() => String::new(),
            1 => " in 1 article".to_string(),
            n => format!(" in {n} articles"),
        },
    );
    let hidden = groups.iter().filter(|g| (view.all || g.has_variants()) && g.count < view.min_count).count();
    let summary = if hidden > 0 {
        format!("{summary} ({hidden} shown only with a lower --min-count than {})", view.min_count)
    } else {
        summary
    };
    writeln!(out, "{}", p.paint(Role::Dim, &summary))?;
    Ok(())
}

/// Writes house-style departures like a linter: `path:line:column: found → preferred`, then a summary.
///
/// # Errors
/// I/O errors.
pub fn render_departures_human(out: &mut dyn Write, departures: &[Departure], view: &View<'_>) -> anyhow::Result<()> {
    let p = Painter::new(view.color);
    for d in departures {
        let a = &view.articles[d.mention.article];
        let (path, line, column) = locate(a, d.mention.span);
        let place = match column {
            Some(c) => format!("{path}:{line}:{c}"),
            None => format!("{path}:{line}: [{}..{})", d.mention.span.0, d.mention.span.1),
        };
        let why = match d.kind {
            DepartureKind::Listed => "house style",
            DepartureKind::Variant => "house style, variant spelling",
        };
        writeln!(
            out,
            "{}: {} → {} {}",
            place,
            p.paint(Role::Removed, &d.found),
            p.paint(Role::Added, &d.preferred),
            p.paint(Role::Dim, &format!("({why}, style line {})", d.style_line))
        )?;
    }
    let articles: std::collections::BTreeSet<usize> = departures.iter().map(|d| d.mention.article).collect();
    let summary = if departures.is_empty() {
        "no departures from the house style".to_string()
    } else {
        format!(
            "{} {} from the house style in {} {}",
            departures.len(),
            if departures.len() == 1 { "departure" } else { "departures" },
            articles.len(),
            if articles.len() == 1 { "article" } else { "articles" }
        )
    };
    writeln!(out, "{}", p.paint(Role::Dim, &summary))?;
    Ok(())
}
