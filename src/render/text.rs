//! Plain-text helpers shared by the renderers: widths in terminal columns, cutting, wrapping and padding to a
//! width, whitespace collapsing and plurals.
//!
//! Widths are display columns ([`width`], from `unicode-width`), not characters: a CJK character or an emoji
//! takes two columns, a combining accent none, so that wrapped and aligned text lines up on a terminal. Text
//! given to these helpers must not hold ANSI escape codes (paint after measuring).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Narrowest width [`wrap`] wraps at: narrower lines would hold a word or two and read worse than long ones.
pub const MIN_WRAP_WIDTH: usize = 20;

/// The width of `text` on a terminal, in columns.
#[must_use]
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// The width of one character, in columns (control characters count as none).
fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// The longest start of `text` that fits in `columns`, and the rest (the start is empty when the first
/// character is wider than `columns`).
#[must_use]
pub fn split_at_width(text: &str, columns: usize) -> (&str, &str) {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        used += char_width(c);
        if used > columns {
            return text.split_at(i);
        }
    }
    (text, "")
}

/// `text` cut to `columns` columns, with an ellipsis when cut.
#[must_use]
pub fn clip(text: &str, columns: usize) -> String {
    if width(text) <= columns {
        return text.to_string();
    }
    let (head, _) = split_at_width(text, columns.saturating_sub(1));
    let mut s = head.to_string();
    s.push('…');
    s
}

/// `text` padded with spaces on the right to `columns` columns (unchanged when it is already as wide).
#[must_use]
pub fn pad(text: &str, columns: usize) -> String {
    let mut s = text.to_string();
    s.extend(std::iter::repeat_n(' ', columns.saturating_sub(width(text))));
    s
}

/// Greedy word wrap at `columns` columns (at least [`MIN_WRAP_WIDTH`]); whitespace runs become single spaces
/// and words wider than a line are clipped.
#[must_use]
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(MIN_WRAP_WIDTH);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in text.split_whitespace() {
        let wl = width(word);
        if len > 0 && len + 1 + wl > columns {
            lines.push(std::mem::take(&mut line));
            len = 0;
        }
        if len > 0 {
            line.push(' ');
            len += 1;
        }
        line.push_str(&clip(word, columns));
        len += wl.min(columns);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Collapses whitespace runs (line breaks included) to single spaces and trims both ends.
#[must_use]
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Like [`one_line`] but keeps a single space where the text starts or ends with whitespace (for pieces of a
/// sentence that are put together again).
#[must_use]
pub fn one_line_keep_edges(text: &str) -> String {
    let mut out = String::new();
    if text.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    out.push_str(&one_line(text));
    if text.ends_with(char::is_whitespace) && !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// `1 article`, `2 articles`, `3 stories`: `n` and the noun, in the plural unless `n` is 1 (a noun ending in
/// `y` takes `ies`).
#[must_use]
pub fn plural(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_respects_width() {
        let text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
        for line in wrap(text, 20) {
            assert!(width(&line) <= 20, "{line}");
        }
        assert_eq!(wrap(text, 20).join(" "), text);
        assert_eq!(clip("abcdef", 4), "abc…");
    }

    #[test]
    fn widths_are_columns_not_characters() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("日本語"), 6);
        assert_eq!(width("e\u{301}"), 1, "a combining accent takes no column");
        assert_eq!(clip("日本語です", 5), "日本…");
        assert_eq!(clip("日本語", 2), "…");
        assert_eq!(pad("日本", 5), "日本 ");
        assert_eq!(pad("abcdef", 3), "abcdef");
        // Wide text wraps by columns: each line of ten two-column characters fills 20 columns.
        let wide = "日本語日本語日本語日 日本語日本語日本語日本";
        assert_eq!(wrap(wide, 20), ["日本語日本語日本語日", "日本語日本語日本語…"]);
        for line in wrap("東京 大阪 名古屋 札幌 福岡 神戸 京都 横浜 川崎 仙台 広島 千葉", 20) {
            assert!(width(&line) <= 20, "{line}");
        }
    }

    #[test]
    fn split_at_width_fits() {
        assert_eq!(split_at_width("日本", 1), ("", "日本"));
        assert_eq!(split_at_width("日本", 3), ("日", "本"));
        assert_eq!(split_at_width("e\u{301}x", 1), ("e\u{301}", "x"));
        assert_eq!(split_at_width("abc", 0), ("", "abc"));
        assert_eq!(split_at_width("abc", 2), ("ab", "c"));
        assert_eq!(split_at_width("ab", 5), ("ab", ""));
    }

    #[test]
    fn one_line_and_plural() {
        assert_eq!(one_line(" a\n b\t c "), "a b c");
        assert_eq!(one_line_keep_edges(" a\n b "), " a b ");
        assert_eq!(plural(1, "story"), "1 story");
        assert_eq!(plural(3, "story"), "3 stories");
        assert_eq!(plural(0, "article"), "0 articles");
    }
}
