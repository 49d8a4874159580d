//! The [`Article`]: one news article as read, with its metadata and its original text untouched.
//!
//! This is the data every stage shares, so it sits below them all: readers in [`crate::input`] make articles,
//! the normalizer and every feature read them.

pub(crate) mod text;

use std::sync::Arc;

use serde::Serialize;

/// Where an article came from: a file, and the line for JSONL input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The path as given on the command line (or found below a directory); `-` for standard input.
    pub path: String,
    /// 1-based line number for JSONL input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.path),
            None => f.write_str(&self.path),
        }
    }
}

/// One article.
///
/// `text` is the original text exactly as read (after decoding); every span newsdiff reports is a byte range
/// of it. `body_start` skips the metadata lines of a text file's header (`date 2025-11-29`, `source: nyt`),
/// and `title_span`, when the title is part of the text, marks it: at `body_start` when the title is the
/// body's first line, before it when metadata lines follow the title.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// The article's id: the JSONL id field, or the file stem (`000_685572fa8566e146`).
    pub id: String,
    /// The outlet or source: the JSONL source field or a text file's `source:` line, else the name of the
    /// outlet folder the file sits in, else the file stem.
    pub source: String,
    /// The title, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The publication date as `YYYY-MM-DD` (or as given, when it is not in that form).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The article's address: a text file's `url:` line or the JSONL url field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The original text.
    #[serde(skip)]
    pub text: Arc<str>,
    /// Byte offset where the article body starts (after the metadata lines of a header).
    #[serde(skip)]
    pub body_start: usize,
    /// Byte span of the title inside `text`, when the text starts with it.
    #[serde(skip)]
    pub title_span: Option<(usize, usize)>,
    /// Where the article was read from.
    pub origin: Origin,
}

impl Article {
    /// Builds an article from plain text as a text file is read: a header block (the lines before the first
    /// blank line) may hold a title line and metadata lines in any order: `date YYYY-MM-DD`, `source: NAME`
    /// (or `outlet:`), `url: ADDRESS`, keys in any case, with a colon, `=` or (for `date` and `url`) a space.
    ///
    /// ```
    /// use newsdiff::article::Article;
    /// let a = Article::from_text("x", "Peace talks resume\nDate: 2025-11-29\nsource: Wire\n\nDelegations met.");
    /// assert_eq!(a.date.as_deref(), Some("2025-11-29"));
    /// assert_eq!(a.title.as_deref(), Some("Peace talks resume"));
    /// assert_eq!(a.source, "Wire");
    /// assert_eq!(a.body(), "Delegations met.");
    /// ```
    #[must_use]
    pub fn from_text(id: &str, text: &str) -> Self {
        text::parse_text_article(id, id, text.into(), Origin { path: id.to_string(), line: None })
    }

    /// The body: the text after the header's metadata lines (a title that precedes them is not part of it).
    #[must_use]
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The date as a day number (days since 1970-01-01), when it is a valid `YYYY-MM-DD`.
    #[must_use]
    pub fn day_number(&self) -> Option<i64> {
        self.date.as_deref().and_then(parse_iso_day)
    }
}

/// Parses `YYYY-MM-DD` (optionally followed by a time) into days since 1970-01-01.
///
/// ```
/// use newsdiff::article::parse_iso_day;
/// assert_eq!(parse_iso_day("1970-01-02"), Some(1));
/// assert_eq!(parse_iso_day("2025-11-29T10:00:00Z"), Some(20421));
/// assert_eq!(parse_iso_day("yesterday"), None);
/// ```
#[must_use]
pub fn parse_iso_day(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// True when `s` starts with a `YYYY-MM-DD` date.
#[must_use]
pub fn looks_like_iso_date(s: &str) -> bool {
    parse_iso_day(s).is_some()
}
