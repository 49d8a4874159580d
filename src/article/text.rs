//! Plain-text articles: one article per file, opening with an optional header block.
//!
//! The header block is the file's first lines, before the first blank line: a title line and metadata lines
//! (`date 2024-03-05`, `Source: Fox News`, `url: https://...`), in any order. Each metadata key is matched
//! without regard to case, followed by a colon, `=` or (for `date` and `url`, whose values are recognisable)
//! just a space. Lines of the header that are neither stop it: the body starts there.

use std::sync::Arc;

use super::{Article, Origin, looks_like_iso_date};

/// Keys of a date line (`date 2025-11-29`, `Date: 2025-11-29`, `published: 2025-11-29T10:00Z`).
const DATE_KEYS: &[&str] = &["date", "published", "pubdate", "data"];

/// Keys of a source line (`Source: Fox News`, `outlet: nyt`); they need a colon or `=` (`Source says ...` is
/// a title, not a source).
const SOURCE_KEYS: &[&str] = &["source", "outlet", "publisher"];

/// Keys of a URL line (`url: https://...`); the value must start with `http://`, `https://` or `www.`.
const URL_KEYS: &[&str] = &["url", "link"];

/// Longest first line (in characters) that can still be a title.
const MAX_TITLE_CHARS: usize = 200;

/// Longest source name (in characters) taken from a header line: an outlet's name, not a sentence.
const MAX_SOURCE_CHARS: usize = 100;

/// Builds an article from the text of a file. `source` is used unless the header names one.
pub(crate) fn parse_text_article(id: &str, source: &str, text: Arc<str>, origin: Origin) -> Article {
    let header = Header::parse(&text);
    let title = header.title_span.map(|(s, e)| text[s..e].trim().to_string());
    Article {
        id: id.to_string(),
        source: header.source.unwrap_or_else(|| source.to_string()),
        title,
        date: header.date,
        url: header.url,
        text,
        body_start: header.body_start,
        title_span: header.title_span,
        origin,
    }
}

/// What the header block of a text article holds.
#[derive(Debug, Default, PartialEq)]
struct Header {
    title_span: Option<(usize, usize)>,
    date: Option<String>,
    source: Option<String>,
    url: Option<String>,
    /// Where the body starts: after the metadata lines. A title that comes before a metadata line is outside
    /// the body; a title after the last one (or without any) is the body's first line.
    body_start: usize,
}

/// One recognised metadata line.
enum Meta {
    /// A date on a line of its own.
    Date(String),
    /// A date, then text: the byte offset (in the line) where the text starts.
    DateThenText(String, usize),
    Source(String),
    Url(String),
}

impl Header {
    fn parse(text: &str) -> Self {
        let mut header = Self::default();
        let mut cursor = text.len() - text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}').len();
        header.body_start = cursor;
        let first_line = cursor;
        while cursor < text.len() {
            let line_end = text[cursor..].find('\n').map_or(text.len(), |i| cursor + i);
            let next = (line_end + 1).min(text.len());
            let line = text[cursor..line_end].trim_end();
            if line.trim_start().is_empty() {
                break; // the blank line that ends the header
            }
            match meta_line(line) {
                Some(Meta::DateThenText(date, rest)) => {
                    // `date 2025-11-29 Ukrainian President ...`: a date, then the body on the same line. Only the
                    // first line may do this; elsewhere it is a sentence of the body.
                    if cursor == first_line {
                        header.date = Some(date);
                        header.body_start = cursor + rest;
                    }
                    break;
                }
                Some(meta) => {
                    match meta {
                        Meta::Date(date) | Meta::DateThenText(date, _) => {
                            header.date = header.date.take().or(Some(date));
                        }
                        Meta::Source(source) => header.source = header.source.take().or(Some(source)),
                        Meta::Url(url) => header.url = header.url.take().or(Some(url)),
                    }
                    header.body_start = next;
                }
                None if header.title_span.is_none() && is_title(line, text[line_end..].trim().is_empty()) => {
                    let indent = line.len() - line.trim_start().len();
                    header.title_span = Some((cursor + indent, cursor + line.len()));
                }
                None => break,
            }
            cursor = next;
        }
        // The body starts at its first non-blank character (or at the title, when the title is its first line).
        let rest = &text[header.body_start..];
        header.body_start += rest.len() - rest.trim_start().len();
        header
    }
}

/// Recognises `key value`, `key: value` or `key=value` for the metadata keys. `line` has no line break.
fn meta_line(line: &str) -> Option<Meta> {
    let start = line.trim_start();
    let key_len = start.find(|c: char| !c.is_alphabetic()).unwrap_or(start.len());
    let key = start[..key_len].to_ascii_lowercase();
    let after = &start[key_len..];
    let spaced = after.trim_start_matches([' ', '\t']);
    let marked = spaced.starts_with([':', '=']);
    let value = spaced.trim_start_matches([':', '=']).trim_start_matches([' ', '\t']);
    if value.len() == after.len() {
        return None; // `dated`, `Sources`: a longer word, not a key and a separator
    }
    if DATE_KEYS.contains(&key.as_str()) {
        if !looks_like_iso_date(value) {
            return None;
        }
        let date_end = value.find(char::is_whitespace).unwrap_or(value.len());
        let raw = value[..date_end].trim_end_matches([',', ';']);
        let date = if raw.len() > 10 && raw.as_bytes()[10] == b'T' { &raw[..10] } else { raw };
        // Text after the date on the same line: its offset in `line` (a suffix of it).
        let tail = value[date_end..].trim_start();
        let date = date.to_string();
        return Some(if tail.is_empty() {
            Meta::Date(date)
        } else {
            Meta::DateThenText(date, line.len() - tail.len())
        });
    }
    if SOURCE_KEYS.contains(&key.as_str()) && marked {
        let name = value.trim();
        return (!name.is_empty() && name.chars().count() <= MAX_SOURCE_CHARS).then(|| Meta::Source(name.to_string()));
    }
    if URL_KEYS.contains(&key.as_str()) {
        let url = value.trim();
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        let is_url = (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www."))
            && !url.contains(char::is_whitespace);
        return is_url.then(|| Meta::Url(url.to_string()));
    }
    None
}

/// True when `line` can be a title: short, without a sentence end, and followed by more text (`last` is true
/// when nothing follows it).
fn is_title(line: &str, last: bool) -> bool {
    let line = line.trim();
    if line.is_empty() || last || line.chars().count() > MAX_TITLE_CHARS {
        return false;
    }
    let Some(end) = line.trim_end_matches(['"', '\'', '”', '’', ')', '»']).chars().last() else { return false };
    if matches!(end, '.' | '!' | '?' | ':' | ';' | ',' | '…') {
        return false;
    }
    // A title has few words: a long line without a full stop is more likely a paragraph cut short.
    line.split_whitespace().count() <= 30
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Article {
        parse_text_article("x", "x", text.into(), Origin { path: "x".into(), line: None })
    }

    #[test]
    fn title_is_a_short_first_line_without_full_stop() {
        let a = parse("Zelenskyy says meeting to happen\n\nUkrainian President spoke.");
        assert_eq!(a.title.as_deref(), Some("Zelenskyy says meeting to happen"));
        assert_eq!(a.title_span, Some((0, 32)));
        assert_eq!(a.body_start, 0);
    }

    #[test]
    fn a_first_paragraph_is_not_a_title() {
        assert_eq!(parse("He said it. Then more.\nAnother paragraph.").title, None);
        assert_eq!(parse("Only one line without stop").title, None);
    }

    #[test]
    fn date_line_on_its_own_or_inline() {
        let a = parse("date 2025-11-29\nTitle here\n\nBody text.");
        assert_eq!(a.date.as_deref(), Some("2025-11-29"));
        assert_eq!(a.body(), "Title here\n\nBody text.");
        assert_eq!(a.title.as_deref(), Some("Title here"));
        let b = parse(" date 2025-11-29 Ukrainian President spoke.\n\nMore.");
        assert_eq!(b.date.as_deref(), Some("2025-11-29"));
        assert_eq!(b.body(), "Ukrainian President spoke.\n\nMore.");
        let c = parse("Date: 2024-01-05\nBody.");
        assert_eq!(c.date.as_deref(), Some("2024-01-05"));
    }

    #[test]
    fn header_block_after_the_title_in_any_order() {
        let text = "Talks resume in Geneva\nDATE 2024-03-05\nurl: https://example.com/a\nSource: Daily Courier\n\n\
                    Delegations met on Friday.";
        let a = parse(text);
        assert_eq!(a.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(a.title_span, Some((0, 22)));
        assert_eq!(a.date.as_deref(), Some("2024-03-05"));
        assert_eq!(a.source, "Daily Courier");
        assert_eq!(a.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(a.body(), "Delegations met on Friday.");
        // Metadata first, then the title: the title opens the body, as before.
        let b = parse("outlet=nyt\ndate: 2024-03-05\nTalks resume\n\nDelegations met.");
        assert_eq!((b.source.as_str(), b.date.as_deref()), ("nyt", Some("2024-03-05")));
        assert_eq!(b.body(), "Talks resume\n\nDelegations met.");
        assert_eq!(b.title.as_deref(), Some("Talks resume"));
    }

    #[test]
    fn metadata_after_the_header_block_is_body_text() {
        let a = parse("Talks resume\n\ndate 2024-03-05\nSource: x");
        assert_eq!((a.date, a.source.as_str()), (None, "x"));
        assert_eq!(a.body_start, 0);
        // A line that is neither title nor metadata ends the header, even before a blank line.
        let b = parse("Talks resume\nDelegations met on Friday.\ndate 2024-03-05\n\nMore.");
        assert_eq!(b.date, None);
        assert_eq!(b.title.as_deref(), Some("Talks resume"));
    }

    #[test]
    fn words_that_start_like_keys_are_not_metadata() {
        let a = parse("Data 2025 showed growth.\nMore.");
        assert_eq!(a.date, None);
        assert_eq!(a.body_start, 0);
        let b = parse("dated 2025-11-29 letters\nMore.");
        assert_eq!(b.date, None);
        // A source needs its colon: `Source says ...` is a title.
        let c = parse("Source says talks stalled\n\nMore.");
        assert_eq!((c.source.as_str(), c.title.as_deref()), ("x", Some("Source says talks stalled")));
        let d = parse("Title\nurl: not a url\n\nMore.");
        assert_eq!(d.url, None);
        assert_eq!(d.body(), "Title\nurl: not a url\n\nMore.");
    }

    #[test]
    fn bom_and_crlf() {
        let a = parse("\u{FEFF}Title line\r\n\r\nBody text.\r\n\r\n");
        assert_eq!(a.title.as_deref(), Some("Title line"));
        assert_eq!(&a.text[a.title_span.unwrap().0..a.title_span.unwrap().1], "Title line");
        let b = parse("Title line\r\nDate: 2024-01-05\r\n\r\nBody text.");
        assert_eq!(b.date.as_deref(), Some("2024-01-05"));
        assert_eq!(b.body(), "Body text.");
    }
}
