//! Rendering of `newsdiff tokens`: a readable listing, or JSON Lines.
//!
//! JSON schema (one object per line, one line per article):
//! ```text
//! { "id": str, "source": str, "title": str?, "date": str?, "origin": {"path": str, "line": int?},
//!   "sentences": [ { "text": str, "span": [start, end], "title": bool?,
//!                    "tokens": [ { "text": str, "norm": str, "kind": "word"|"number"|"compound"|"punct"|"symbol",
//!                                  "span": [start, end], "value": number? } ] } ] }
//! ```
//! Spans are byte offsets `[start, end)` into the article text as read.

use std::io::Write;

use serde::Serialize;

use super::style::{Painter, Role};
use super::text::{one_line, plural};
use crate::article::Article;
use crate::normalize::{Document, TokenKind};

#[derive(Serialize)]
struct JsonToken<'a> {
    text: &'a str,
    norm: &'a str,
    kind: TokenKind,
    span: [usize; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
}

#[derive(Serialize)]
struct JsonSentence<'a> {
    text: &'a str,
    span: [usize; 2],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    title: bool,
    tokens: Vec<JsonToken<'a>>,
}

#[derive(Serialize)]
struct JsonArticle<'a> {
    #[serde(flatten)]
    article: &'a Article,
    sentences: Vec<JsonSentence<'a>>,
}

/// Writes one article as a JSON line.
///
/// # Errors
/// I/O and serialization errors.
pub fn render_json(out: &mut dyn Write, article: &Article, doc: &Document) -> anyhow::Result<()> {
    let text = &article.text;
    let sentences = doc
        .sentences
        .iter()
        .map(|s| JsonSentence {
            text: s.text(text),
            span: [s.span.0, s.span.1],
            title: s.is_title,
            tokens: doc
                .sentence_tokens(s)
                .iter()
                .map(|t| JsonToken {
                    text: t.text(text),
                    norm: &t.norm,
                    kind: t.kind,
                    span: [t.span.0, t.span.1],
                    value: t.value,
                })
                .collect(),
        })
        .collect();
    serde_json::to_writer(&mut *out, &JsonArticle { article, sentences })?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Writes one article as a readable listing: a header, then each sentence with its span and its tokens
/// (`original→normalized` where normalization changed something, and the kind for non-words).
///
/// # Errors
/// I/O errors.
pub fn render_human(out: &mut dyn Write, article: &Article, doc: &Document, color: bool) -> anyhow::Result<()> {
    let p = Painter::new(color);
    let text = &article.text;
    let mut header = format!("{} ({})", article.id, article.source);
    if let Some(date) = &article.date {
        header.push_str(&format!(" {date}"));
    }
    writeln!(out, "{}", p.paint(Role::Heading, &header))?;
    if let Some(title) = &article.title {
        writeln!(out, "  title: {title}")?;
    }
    writeln!(
        out,
        "  {}, {}, {}",
        plural(doc.sentences.len(), "sentence"),
        plural(doc.tokens.len(), "token"),
        plural(doc.word_count(), "word")
    )?;
    for (i, s) in doc.sentences.iter().enumerate() {
        let label = if s.is_title { format!("#{i} title") } else { format!("#{i}") };
        writeln!(
            out,
            "  {} {}",
            p.paint(Role::Dim, &format!("{label} [{}..{})", s.span.0, s.span.1)),
            one_line(s.text(text))
        )?;
        let mut line = String::from("     ");
        for t in doc.sentence_tokens(s) {
            let original = t.text(text);
            let mut item = if original.to_lowercase() == t.norm.as_str() {
                original.to_string()
            } else {
                format!("{original}→{}", t.norm)
            };
            match t.kind {
                TokenKind::Word => {}
                TokenKind::Number => match t.value {
                    Some(v) => item.push_str(&format!("={v}")),
                    None => item.push_str("/number"),
                },
                TokenKind::Compound => item.push_str("/compound"),
                TokenKind::Punct | TokenKind::Symbol => continue,
            }
            line.push(' ');
            line.push_str(&item);
        }
        writeln!(out, "{}", p.paint(Role::Dim, &line))?;
    }
    writeln!(out)?;
    Ok(())
}
