//! Rendering of `newsdiff compare`: a terminal report (inline or side by side) and JSON.
//!
//! Terminal: a header (both articles' titles, sources, dates and claim counts; shared, conflicting and unique
//! counts; how much of each article the other covers), then the aligned pairs in reading order of A, each with
//! its score and kind and both claims with a word-level diff (removed words red, added green, conflicting
//! numbers and names highlighted; `[-...-]` and `{+...+}` mark them when colour is off), then the claims found
//! only in A and only in B.
//!
//! JSON (one object):
//! ```text
//! { "a": Article, "b": Article, "min_score": f32,
//!   "summary": { "claims_a", "claims_b", "pairs", "same", "variant", "overlap", "conflict", "only_a", "only_b": int,
//!                "covered_a", "covered_b": f32 },
//!   "pairs": [ { "a": Claim, "b": Claim, "score": f32, "kind": "same"|"variant"|"overlap"|"conflict",
//!                "conflicts": [ { "what": "number"|"date"|"name", "a": str, "b": str } ]?, "agreed": f32?,
//!                "diff": [ { "op": "equal"|"delete"|"insert"|"replace", "a": Segment?, "b": Segment?,
//!                            "note": "variant"|"conflict"? } ],
//!                "explain": Explanation? } ],
//!   "only_a": [Claim], "only_b": [Claim] }
//! Article  = { "id", "source": str, "title"?, "date"?: str, "origin": { "path": str, "line"?: int } }
//! Claim    = { "index": int, "sentence": int, "text": str, "span": [start, end], "title"?: true }
//! Segment  = { "text": str, "span": [start, end] }
//! ```
//! Spans are byte offsets `[start, end)` into each article's text as read.

use std::io::Write;

use serde::Serialize;

use super::style::{Painter, Role};
use super::text::{one_line, one_line_keep_edges, plural, split_at_width, width};
use crate::article::Article;
use crate::claims::similarity::{Explanation, MatchKind};
use crate::claims::worddiff::{OpNote, OpTag};
use crate::claims::{AlignedPair, Alignment, ClaimRef, PairKind};

/// How the terminal report is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TerminalOptions {
    /// Paint with colours.
    pub color: bool,
    /// Two columns instead of one below the other.
    pub side_by_side: bool,
    /// Total width for side-by-side output.
    pub width: usize,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    a: &'a Article,
    b: &'a Article,
    min_score: f32,
    #[serde(flatten)]
    alignment: &'a Alignment,
}

/// Writes the alignment as one JSON object (and a newline).
///
/// # Errors
/// I/O and serialization errors.
pub fn render_json(
    out: &mut dyn Write,
    a: &Article,
    b: &Article,
    alignment: &Alignment,
    min_score: f32,
) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &JsonReport { a, b, min_score, alignment })?;
    out.write_all(b"\n")?;
    Ok(())
}

fn describe(article: &Article) -> (String, String) {
    let title = article.title.clone().unwrap_or_else(|| article.id.clone());
    let mut meta = article.source.clone();
    if let Some(date) = &article.date {
        meta.push_str(&format!(", {date}"));
    }
    (title, meta)
}

fn percent(x: f32) -> String {
    format!("{:.0}%", x * 100.0)
}

/// Writes the terminal report.
///
/// # Errors
/// I/O errors.
pub fn render_terminal(
    out: &mut dyn Write,
    a: &Article,
    b: &Article,
    alignment: &Alignment,
    options: &TerminalOptions,
) -> anyhow::Result<()> {
    let p = Painter::new(options.color);
    let s = &alignment.summary;
    for (label, article, claims) in [("A", a, s.claims_a), ("B", b, s.claims_b)] {
        let (title, meta) = describe(article);
        writeln!(out, "{} {}", p.paint(Role::Heading, &format!("{label}:")), p.paint(Role::Heading, &title))?;
        writeln!(out, "   {}", p.paint(Role::Dim, &format!("{meta} · {}", plural(claims, "claim"))))?;
    }
    writeln!(
        out,
        "{} shared ({} same, {} variant, {} overlap), {} conflicting; {} only in A, {} only in B",
        s.same + s.variant + s.overlap,
        s.same,
        s.variant,
        s.overlap,
        p.paint(if s.conflict > 0 { Role::Conflict } else { Role::Dim }, &s.conflict.to_string()),
        s.only_a,
        s.only_b
    )?;
    writeln!(out, "B covers {} of A's words; A covers {} of B's", percent(s.covered_a), percent(s.covered_b))?;
    for pair in &alignment.pairs {
        writeln!(out)?;
        render_pair(out, pair, options)?;
    }
    for (label, claims) in [("A", &alignment.only_a), ("B", &alignment.only_b)] {
        if claims.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "{}", p.paint(Role::Heading, &format!("Only in {label} ({}):", claims.len())))?;
        for c in claims {
            let label = format!("#{}", c.index);
            if options.side_by_side {
                // Wrapped to the width, continuation lines indented under the text.
                let indent = width(&label) + 3;
                let lines = wrap(&[(one_line(&c.text), None)], options.width.saturating_sub(indent).max(20));
                for (k, line) in lines.iter().enumerate() {
                    let text: String = line.iter().map(|c| c.0.as_str()).collect();
                    if k == 0 {
                        writeln!(out, "  {} {}", p.paint(Role::Dim, &label), text.trim_end())?;
                    } else {
                        writeln!(out, "{}{}", " ".repeat(indent), text.trim_start().trim_end())?;
                    }
                }
            } else {
                writeln!(out, "  {} {}", p.paint(Role::Dim, &label), one_line(&c.text))?;
            }
        }
    }
    Ok(())
}

/// A piece of rendered claim text and the role it is painted in.
type Chunk = (String, Option<Role>);

/// One side of a pair's diff as chunks: the claim's original text with its changed words marked.
fn side_chunks(claim: &ClaimRef, pair: &AlignedPair, side_a: bool, color: bool) -> Vec<Chunk> {
    let mut chunks: Vec<Chunk> = Vec::new();
    let base = claim.span[0];
    let mut pos = base;
    let text = &claim.text;
    let slice = |from: usize, to: usize| one_line_keep_edges(&text[from - base..to - base]);
    for op in &pair.diff {
        let seg = if side_a { &op.a } else { &op.b };
        let Some(seg) = seg else { continue };
        if seg.span[0] > pos {
            chunks.push((slice(pos, seg.span[0]), None));
        }
        let words = slice(seg.span[0], seg.span[1]);
        let role = match (op.op, op.note) {
            (OpTag::Equal, _) => None,
            (_, Some(OpNote::Conflict)) => Some(Role::Conflict),
            _ if side_a => Some(Role::Removed),
            _ => Some(Role::Added),
        };
        let shown = match role {
            Some(_) if !color && side_a => format!("[-{words}-]"),
            Some(_) if !color => format!("{{+{words}+}}"),
            _ => words,
        };
        chunks.push((shown, role));
        pos = seg.span[1];
    }
    if pos < claim.span[1] {
        chunks.push((slice(pos, claim.span[1]), None));
    }
    chunks
}

fn paint_chunks(p: &Painter, chunks: &[Chunk]) -> String {
    chunks.iter().map(|(t, role)| role.map_or_else(|| t.clone(), |r| p.paint(r, t))).collect()
}

fn render_pair(out: &mut dyn Write, pair: &AlignedPair, options: &TerminalOptions) -> anyhow::Result<()> {
    let p = Painter::new(options.color);
    let kind_role = match pair.kind {
        PairKind::Same => Role::Good,
        PairKind::Variant | PairKind::Overlap => Role::Notice,
        PairKind::Conflict => Role::Conflict,
    };
    writeln!(
        out,
        "{} {}  {}",
        p.paint(Role::Heading, &format!("{:.2}", pair.score)),
        p.paint(kind_role, pair.kind.as_str()),
        p.paint(Role::Dim, &format!("A#{} ~ B#{}", pair.a.index, pair.b.index))
    )?;
    let a = side_chunks(&pair.a, pair, true, options.color);
    let b = side_chunks(&pair.b, pair, false, options.color);
    if options.side_by_side {
        render_columns(out, &p, &a, &b, options.width)?;
    } else {
        writeln!(out, "  A  {}", paint_chunks(&p, &a))?;
        writeln!(out, "  B  {}", paint_chunks(&p, &b))?;
    }
    for c in &pair.conflicts {
        let what = match c.what {
            crate::claims::ConflictKind::Number => "number",
            crate::claims::ConflictKind::Date => "date",
            crate::claims::ConflictKind::Name => "name",
        };
        writeln!(out, "  {} {what}: {} / {}", p.paint(Role::Conflict, "conflict"), c.a, c.b)?;
    }
    if let Some(e) = &pair.explain {
        render_explanation(out, &p, e)?;
    }
    Ok(())
}

/// Writes an explanation: the score's components, matched terms and their shares, unmatched terms.
///
/// # Errors
/// I/O errors.
pub fn render_explanation(out: &mut dyn Write, p: &Painter, e: &Explanation) -> anyhow::Result<()> {
    let c = &e.components;
    let mut line = format!(
        "  why: coverage A {:.2}, B {:.2}; order A {:.2}, B {:.2}; bigrams A {:.2}, B {:.2}{}",
        c.coverage_a,
        c.coverage_b,
        c.order_a,
        c.order_b,
        c.bigrams_a,
        c.bigrams_b,
        if c.number_mismatch { "; numbers differ" } else { "" }
    );
    writeln!(out, "{}", p.paint(Role::Dim, &line))?;
    line = String::from("  matched:");
    for m in &e.matched {
        let how = match m.how {
            MatchKind::Exact => String::new(),
            MatchKind::Fuzzy(s) => format!(" ~{s:.2}"),
        };
        let pair = if m.a == m.b { m.a.clone() } else { format!("{}={}", m.a, m.b) };
        line.push_str(&format!(" {pair}{how} ({:.2}/{:.2})", m.share_a, m.share_b));
    }
    writeln!(out, "{}", p.paint(Role::Dim, &line))?;
    for (label, rest) in [("only A", &e.only_a), ("only B", &e.only_b)] {
        if !rest.is_empty() {
            let items: Vec<String> = rest.iter().map(|(t, w)| format!("{t} ({w:.2})")).collect();
            writeln!(out, "{}", p.paint(Role::Dim, &format!("  {label}: {}", items.join(" "))))?;
        }
    }
    Ok(())
}

/// Lays two sides out in columns of equal width, wrapping at word boundaries.
fn render_columns(out: &mut dyn Write, p: &Painter, a: &[Chunk], b: &[Chunk], width: usize) -> anyhow::Result<()> {
    let col = (width.saturating_sub(9) / 2).max(20);
    let (la, lb) = (wrap(a, col), wrap(b, col));
    for k in 0..la.len().max(lb.len()) {
        let left = la.get(k).map_or((String::new(), 0), |l| (paint_chunks(p, l), visible(l)));
        let right = lb.get(k).map(|l| paint_chunks(p, l)).unwrap_or_default();
        let (label_a, label_b) = if k == 0 { ("A", "B") } else { (" ", " ") };
        let pad = " ".repeat(col.saturating_sub(left.1));
        let line = format!("  {label_a} {}{pad} │ {label_b} {right}", left.0);
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The width of a line of chunks, in terminal columns.
fn visible(line: &[Chunk]) -> usize {
    line.iter().map(|(t, _)| width(t)).sum()
}

/// Wraps chunks into lines of at most `columns` terminal columns, splitting chunks at spaces (a word wider than
/// a line is cut).
fn wrap(chunks: &[Chunk], columns: usize) -> Vec<Vec<Chunk>> {
    let mut lines: Vec<Vec<Chunk>> = vec![Vec::new()];
    let mut len = 0usize;
    for (text, role) in chunks {
        for (k, word) in text.split(' ').enumerate() {
            let space = k > 0;
            let mut word: &str = word;
            loop {
                let need = width(word) + usize::from(space && len > 0);
                if len > 0 && len + need > columns {
                    lines.push(Vec::new());
                    len = 0;
                }
                let line = lines.last_mut().expect("at least one line");
                let (mut fits, mut rest) = split_at_width(word, columns.saturating_sub(len));
                if fits.is_empty() && !rest.is_empty() {
                    // Not even one character fits: take one anyway, so that the loop ends.
                    let first = rest.chars().next().map_or(0, char::len_utf8);
                    (fits, rest) = word.split_at(first);
                }
                let piece = if space && len > 0 { format!(" {fits}") } else { fits.to_string() };
                len += width(&piece);
                match line.last_mut() {
                    Some((t, r)) if r == role => t.push_str(&piece),
                    _ => line.push((piece, *role)),
                }
                if rest.is_empty() {
                    break;
                }
                word = rest;
                lines.push(Vec::new());
                len = 0;
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_respects_width_and_keeps_roles() {
        let chunks: Vec<Chunk> =
            vec![("one two three ".into(), None), ("[-four-]".into(), Some(Role::Removed)), (" five".into(), None)];
        let lines = wrap(&chunks, 10);
        assert!(lines.iter().all(|l| visible(l) <= 10), "{lines:?}");
        let joined: String =
            lines.iter().map(|l| l.iter().map(|c| c.0.as_str()).collect::<String>()).collect::<Vec<_>>().join(" ");
        assert_eq!(joined.split_whitespace().collect::<Vec<_>>(), ["one", "two", "three", "[-four-]", "five"]);
        assert!(lines.iter().flatten().any(|c| c.1 == Some(Role::Removed) && c.0.contains("four")));
    }

    #[test]
    fn wrap_counts_terminal_columns() {
        let lines = wrap(&[("東京 大阪 名古屋 札幌 福岡".into(), None)], 10);
        assert!(lines.iter().all(|l| visible(l) <= 10), "{lines:?}");
        let text = |lines: &[Vec<Chunk>]| -> Vec<String> {
            lines.iter().map(|l| l.iter().map(|c| c.0.as_str()).collect()).collect()
        };
        assert_eq!(text(&lines), ["東京 大阪", "名古屋", "札幌 福岡"]);
        // A word wider than the line is cut by columns, never mid-character.
        assert_eq!(text(&wrap(&[("日本語日本語".into(), None)], 5)), ["日本", "語日", "本語"]);
        assert_eq!(text(&wrap(&[("日本".into(), None)], 1)), ["日", "本"], "one character per line at least");
    }
}
