//! Plain-text articles: one article per file, with an optional leading metadata line and title line.

use std::sync::Arc;

use super::{Article, Origin, looks_like_iso_date};

/// Metadata keys recognised on a leading line (`date 2025-11-29`, `Date: 2025-11-29`).
const DATE_KEYS: &[&str] = &["date", "published", "pubdate", "data"];

/// Longest first line (in characters) that can still be a title.
const MAX_TITLE_CHARS: usize = 200;

/// Builds an article from the text of a file.
pub(crate) fn parse_text_article(id: &str, source: &str, text: Arc<str>, origin: Origin) -> Article {
    let (date, body_start) = leading_date(&text);
    let title_span = title_line(&text, body_start);
    let title = title_span.map(|(s, e)| text[s..e].trim().to_string());
    Article { id: id.to_string(), source: source.to_string(), title, date, text, body_start, title_span, origin }
}

/// Finds a leading `date YYYY-MM-DD` and returns it with the offset where the body starts.
fn leading_date(text: &str) -> (Option<String>, usize) {
    let skipped = text.len() - text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}').len();
    let rest = &text[skipped..];
    for key in DATE_KEYS {
        let Some(head) = rest.get(..key.len()) else { continue };
        if !head.eq_ignore_ascii_case(key) {
            continue;
        }
        let after = &rest[key.len()..];
        let value = after.trim_start_matches([':', '=']).trim_start_matches([' ', '\t']);
        if value.len() == after.len() && !after.starts_with([' ', '\t']) {
            continue; // `dated ...`: not a key followed by a separator
        }
        if !looks_like_iso_date(value) {
            continue;
        }
        let date_end = value.find(char::is_whitespace).unwrap_or(value.len());
        let date = value[..date_end].trim_end_matches([',', ';']).to_string();
        let date = if date.len() > 10 && date.as_bytes()[10] == b'T' { date[..10].to_string() } else { date };
        let consumed = text.len() - value.len() + date_end;
        let body_start = consumed + (text.len() - consumed - text[consumed..].trim_start().len());
        return (Some(date), body_start);
    }
    (None, skipped)
}

/// The span of a title line: short, without a sentence end, and followed by more text.
fn title_line(text: &str, body_start: usize) -> Option<(usize, usize)> {
    let body = &text[body_start..];
    let line_end = body.find('\n').unwrap_or(body.len());
    let line = body[..line_end].trim_end();
    if line.is_empty() || body[line_end..].trim().is_empty() || line.chars().count() > MAX_TITLE_CHARS {
        return None;
    }
    let last = line.trim_end_matches(['"', '\'', '”', '’', ')', '»']).chars().last()?;
    if matches!(last, '.' | '!' | '?' | ':' | ';' | ',' | '…') {
        return None;
    }
    // A title has few words: a long line without a full stop is more likely a paragraph cut short.
    if line.split_whitespace().count() > 30 {
        return None;
    }
    Some((body_start, body_start + line.len()))
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
    fn words_that_start_like_keys_are_not_metadata() {
        let a = parse("Data 2025 showed growth.\nMore.");
        assert_eq!(a.date, None);
        assert_eq!(a.body_start, 0);
        let b = parse("dated 2025-11-29 letters\nMore.");
        assert_eq!(b.date, None);
    }

    #[test]
    fn bom_and_crlf() {
        let a = parse("\u{FEFF}Title line\r\n\r\nBody text.\r\n\r\n");
        assert_eq!(a.title.as_deref(), Some("Title line"));
        assert_eq!(&a.text[a.title_span.unwrap().0..a.title_span.unwrap().1], "Title line");
    }
}
