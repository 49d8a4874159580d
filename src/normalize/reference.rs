//! The normalizer as it was before its fast paths (segmentation, tokens and sentences), kept under
//! `#[cfg(test)]` as the reference that the fast paths must match exactly: every token (text, key, kind, span,
//! value, case flags) and every sentence boundary. The tests at the bottom compare both on the seeds, on hostile
//! Unicode and on generated text; `NEWSDIFF_EQUIV_CORPUS=FILE.jsonl` adds a JSON Lines corpus of your own
//! (`cargo test --release --lib normalize::reference -- --ignored`).
//!
//! Helpers that the fast paths did not change (folding, number parsing, possessives, the word lists) are
//! shared with the real modules.

use compact_str::CompactString;
use unicode_segmentation::UnicodeSegmentation;

use super::fold::{fold_key, fold_norm, is_invisible};
use super::sentence::{Sentence, is_closer, is_opener, starts_sentence_like, terminator_ends};
use super::token::{
    MAX_COMPOUND_BYTES, Token, TokenKind, case_shape, is_hyphen, is_punctuation, parse_number, scale_of,
    strip_possessive,
};

const TERMINATORS: &[&str] = &[".", "!", "?", "…", "‼", "⁇", "。", "؟", "।"];

fn is_terminator(text: &str) -> bool {
    TERMINATORS.contains(&text)
}

/// Calls `emit(offset, segment)` for every segment of `text`, offsets relative to `text`. Whitespace runs are
/// segments of their own, as in UAX #29.
fn for_each_segment<'t>(text: &'t str, mut emit: impl FnMut(usize, &'t str)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A whitespace run (ASCII whitespace only; Unicode spaces are handled by the slow path).
        if bytes[i].is_ascii_whitespace() {
            let start = i;
            // UAX #29 keeps CR LF together and every other line break apart; the tokenizer only counts line
            // breaks in whitespace, so grouping a whole ASCII whitespace run is equivalent for it.
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            emit(start, &text[start..i]);
            continue;
        }
        let start = i;
        let mut ascii = true;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            ascii &= bytes[i].is_ascii();
            i += 1;
        }
        let chunk = &text[start..i];
        if ascii {
            ascii_segments(chunk, |o, s| emit(start + o, s));
        } else {
            for (o, s) in chunk.split_word_bound_indices() {
                emit(start + o, s);
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    Under,
    MidLetterNum,
    MidNum,
    Other,
}

fn class(b: u8) -> Class {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'_' => Class::Under,
        b'.' | b'\'' => Class::MidLetterNum,
        b',' | b';' => Class::MidNum,
        _ => Class::Other,
    }
}

fn is_wordish(c: Class) -> bool {
    matches!(c, Class::Letter | Class::Digit | Class::Under)
}

/// Segments an ASCII chunk without whitespace.
fn ascii_segments<'t>(chunk: &'t str, mut emit: impl FnMut(usize, &'t str)) {
    let b = chunk.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let start = i;
        let c = class(b[i]);
        if !is_wordish(c) {
            emit(start, &chunk[start..start + 1]);
            i += 1;
            continue;
        }
        i += 1;
        let mut last = c;
        while i < n {
            let c = class(b[i]);
            if is_wordish(c) {
                last = c;
                i += 1;
                continue;
            }
            // A single middle character joins when the same kind of character is on both sides.
            if i + 1 < n {
                let next = class(b[i + 1]);
                let joins = match c {
                    Class::MidLetterNum => {
                        (last == Class::Letter && next == Class::Letter)
                            || (last == Class::Digit && next == Class::Digit)
                    }
                    Class::MidNum => last == Class::Digit && next == Class::Digit,
                    _ => false,
                };
                if joins {
                    i += 1;
                    continue;
                }
            }
            break;
        }
        emit(start, &chunk[start..i]);
    }
}

/// Splits `text[start..end]` into tokens whose spans are offsets into `text`.
///
/// Also reports, for each token, how many line breaks separate it from the previous token (used by the
/// sentence splitter).
pub(super) fn tokenize(text: &str, start: usize, end: usize) -> (Vec<Token>, Vec<u8>) {
    let body = &text[start..end];
    let mut tokens: Vec<Token> = Vec::with_capacity(body.len() / 5);
    let mut breaks: Vec<u8> = Vec::with_capacity(body.len() / 5);
    let mut pending_breaks: u8 = 0;
    // True when whitespace came since the last token (so the next token is not glued to it).
    let mut spaced = true;
    // Whether the last token was glued to the one before it.
    let mut last_glued = false;

    for_each_segment(body, |offset, seg| {
        let first = seg.as_bytes()[0];
        let is_space = if first.is_ascii() {
            first.is_ascii_whitespace()
        } else {
            seg.chars().all(|c| c.is_whitespace() || is_invisible(c)) && seg.chars().any(char::is_whitespace)
        };
        if is_space {
            let newlines = seg.bytes().filter(|&b| b == b'\n').count()
                + seg.chars().filter(|&c| c == '\u{2028}' || c == '\u{2029}').count() * 2;
            pending_breaks = pending_breaks.saturating_add(u8::try_from(newlines).unwrap_or(u8::MAX));
            spaced = true;
            return;
        }
        if !first.is_ascii() && seg.chars().all(is_invisible) {
            return;
        }
        let s = start + offset;
        let e = s + seg.len();
        let glued = !spaced;
        spaced = false;
        let kind = classify(seg);
        if glued && merge_into_last(text, &mut tokens, last_glued, seg, kind, (s, e)) {
            breaks.truncate(tokens.len());
            last_glued = true;
            return;
        }
        let token = make_token(seg, kind, (s, e));
        if !glued
            && let Some(scale) = scale_of(&token.norm)
            && let Some(last) = tokens.last_mut()
            && last.kind == TokenKind::Number
            && let Some(v) = last.value
        {
            // `3.6 million`: the number carries the scaled value.
            last.value = Some(v * scale);
        }
        tokens.push(token);
        breaks.push(pending_breaks);
        pending_breaks = 0;
        last_glued = glued;
    });
    (tokens, breaks)
}

/// Tries to merge a segment glued to the previous tokens: the next part of a hyphenated compound
/// (`28` `-` `point`), or the final dot of an abbreviation (`U.S` `.`). Returns true when merged.
fn merge_into_last(
    text: &str,
    tokens: &mut Vec<Token>,
    last_glued: bool,
    seg: &str,
    kind: TokenKind,
    span: (usize, usize),
) -> bool {
    let n = tokens.len();
    if seg == "." {
        let Some(last) = tokens.last_mut() else { return false };
        if last.kind == TokenKind::Word
            && last.norm.contains('.')
            && !last.norm.ends_with('.')
            && last.norm.chars().filter(|&c| c != '.').count() <= 6
        {
            last.span.1 = span.1;
            last.norm.push('.');
            return true;
        }
        return false;
    }
    if !matches!(kind, TokenKind::Word | TokenKind::Number) || n < 2 || !last_glued {
        return false;
    }
    let (head, hyphen) = (&tokens[n - 2], &tokens[n - 1]);
    if hyphen.kind != TokenKind::Punct
        || !is_hyphen(hyphen.text(text))
        || !head.is_wordlike()
        || span.1 - head.span.0 > MAX_COMPOUND_BYTES
        || hyphen.span.0 != head.span.1
    {
        return false;
    }
    let value = match head.kind {
        TokenKind::Number | TokenKind::Compound => head.value,
        _ => None,
    };
    let whole = (head.span.0, span.1);
    let mut compound = make_token(&text[whole.0..whole.1], TokenKind::Compound, whole);
    // Possessive on the last part (`Russo-Ukrainian's`).
    if compound.norm.ends_with("'s") || compound.norm.ends_with('\'') {
        let mut norm = compound.norm.to_string();
        strip_possessive(&mut norm);
        compound.norm = norm.as_str().into();
        compound.set_key(&fold_key(&norm));
    }
    compound.value = value;
    tokens.pop();
    if let Some(last) = tokens.last_mut() {
        *last = compound;
    }
    true
}

fn classify(seg: &str) -> TokenKind {
    let b0 = seg.as_bytes()[0];
    if b0.is_ascii_alphabetic() {
        return TokenKind::Word;
    } else if b0.is_ascii_digit() {
        return TokenKind::Number;
    } else if seg.len() == 1 {
        return if is_punctuation(b0 as char) { TokenKind::Punct } else { TokenKind::Symbol };
    }
    let mut chars = seg.chars();
    let first = chars.next().unwrap_or(' ');
    if first.is_numeric() {
        TokenKind::Number
    } else if seg.chars().any(char::is_alphanumeric) {
        TokenKind::Word
    } else if is_punctuation(first) {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    }
}

fn make_token(seg: &str, kind: TokenKind, span: (usize, usize)) -> Token {
    if seg.len() <= 24 && seg.is_ascii() {
        // Fast path: one pass over the bytes into a stack buffer; no Unicode tables, no heap allocation.
        let b = seg.as_bytes();
        let mut buf = [0u8; 24];
        let (mut letters, mut lower, mut marks) = (0usize, false, false);
        for (dst, &c) in buf.iter_mut().zip(b) {
            letters += usize::from(c.is_ascii_alphabetic());
            lower |= c.is_ascii_lowercase();
            marks |= c == b'.' || c == b'\'';
            *dst = c.to_ascii_lowercase();
        }
        let capitalized = b[0].is_ascii_uppercase();
        let all_caps = capitalized && letters >= 2 && !lower;
        let mut len = b.len();
        if kind == TokenKind::Word && marks {
            if len > 2 && buf[len - 2] == b'\'' && buf[len - 1] == b's' {
                len -= 2;
            } else if len > 1 && buf[len - 1] == b'\'' {
                len -= 1;
            }
        }
        let norm_str = std::str::from_utf8(&buf[..len]).unwrap_or_default();
        let norm = CompactString::new(norm_str);
        let key = if marks && matches!(kind, TokenKind::Word | TokenKind::Compound) {
            CompactString::from(fold_key(norm_str))
        } else {
            norm.clone()
        };
        let value = if kind == TokenKind::Number { parse_number(norm_str) } else { None };
        let mut token = Token { norm, distinct_key: None, kind, span, value, capitalized, all_caps };
        token.set_key(&key);
        return token;
    }
    let (capitalized, all_caps) = case_shape(seg);
    let mut norm = fold_norm(seg);
    if matches!(kind, TokenKind::Word) {
        strip_possessive(&mut norm);
    }
    let key = if matches!(kind, TokenKind::Word | TokenKind::Compound) { fold_key(&norm) } else { norm.clone() };
    let value = if kind == TokenKind::Number { parse_number(&norm) } else { None };
    let mut token = Token { norm: norm.into(), distinct_key: None, kind, span, value, capitalized, all_caps };
    token.set_key(&key);
    token
}

/// Splits tokens into sentences.
///
/// `breaks[i]` is the number of line breaks before token `i`; `title_end`, when the article has a title, is
/// the byte offset where it ends.
pub(super) fn split(text: &str, tokens: &[Token], breaks: &[u8], title_end: Option<usize>) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let n = tokens.len();
    let mut start = 0;
    let mut line_start_byte = tokens.first().map_or(0, |t| t.span.0);
    let mut i = 0;
    while i < n {
        // Where does the sentence that contains token i end? Decide at token i whether a break follows it.
        let mut end = i + 1;
        let tok = &tokens[i];
        let mut boundary = false;
        let t = tok.text(text);
        if is_terminator(t) {
            while end < n
                && breaks[end] == 0
                && (is_terminator(tokens[end].text(text)) || is_closer(tokens[end].text(text)))
            {
                end += 1;
            }
            boundary = end >= n || breaks[end] > 0 || terminator_ends(text, tokens, i, end);
        } else if tok.kind == TokenKind::Word && t.ends_with('.') && t.len() > 2 {
            // An abbreviation that absorbed its dot (`U.S.`): ends the sentence only before an opener.
            while end < n && breaks[end] == 0 && is_closer(tokens[end].text(text)) {
                end += 1;
            }
            boundary = end >= n || breaks[end] >= 2 || is_opener(&tokens[end]);
        }
        if end < n && breaks[end] > 0 {
            // A line break: a paragraph break always ends the sentence; a single one ends a short heading-like line.
            let line_len = tokens[end - 1].span.1 - line_start_byte;
            let title_ends = title_end.is_some_and(|te| tokens[end - 1].span.1 <= te && tokens[end].span.0 >= te);
            if breaks[end] >= 2 || title_ends || (line_len < 50 && starts_sentence_like(&tokens[end], text)) {
                boundary = true;
            }
            line_start_byte = tokens[end].span.0;
        }
        if boundary || end >= n {
            let span = (tokens[start].span.0, tokens[end - 1].span.1);
            let is_title = title_end.is_some_and(|te| span.1 <= te);
            sentences.push(Sentence { span, tokens: (start, end), is_title });
            start = end;
        }
        i = end;
    }
    sentences
}

/// The tokens, line breaks and sentences of `text[start..end]` by the real normalizer.
type Normalized = (Vec<Token>, Vec<u8>, Vec<Sentence>);

fn fast(text: &str, start: usize, end: usize, title_end: Option<usize>) -> Normalized {
    let (tokens, breaks) = super::token::tokenize(text, start, end);
    let sentences = super::sentence::split(text, &tokens, &breaks, title_end);
    (tokens, breaks, sentences)
}

fn slow(text: &str, start: usize, end: usize, title_end: Option<usize>) -> Normalized {
    let (tokens, breaks) = tokenize(text, start, end);
    let sentences = split(text, &tokens, &breaks, title_end);
    (tokens, breaks, sentences)
}

/// Panics with the first difference between the real normalizer and the reference on `text`, normalized whole
/// and from a few starting points inside it (spans are offsets into the whole text either way).
pub(super) fn assert_same(text: &str) {
    let mut starts: Vec<usize> = [0, 1, 7, text.len() / 3, text.len() / 2].into_iter().collect();
    starts.retain(|&s| s <= text.len() && text.is_char_boundary(s));
    starts.dedup();
    for start in starts {
        let title_end = text[start..].find('\n').map(|i| start + i);
        for title in [None, title_end] {
            let (ft, fb, fs) = fast(text, start, text.len(), title);
            let (st, sb, ss) = slow(text, start, text.len(), title);
            assert_eq!(ft.len(), st.len(), "token count from {start} of {text:?}");
            for (f, s) in ft.iter().zip(&st) {
                // `value` is compared by bits so that a NaN could not hide a difference.
                assert!(
                    f == s && f.value.map(f64::to_bits) == s.value.map(f64::to_bits),
                    "token differs from {start}: {f:?} vs reference {s:?} in {text:?}"
                );
                assert_eq!((f.key(), f.capitalized, f.all_caps), (s.key(), s.capitalized, s.all_caps), "{f:?}");
            }
            // The real tokenizer also flags the tokens that may end a sentence (a superset of those that do), and
            // counts line breaks up to `BREAKS` (the splitter only asks for none, one, or two and more).
            let fb: Vec<u8> = fb.iter().map(|b| b & super::token::BREAKS).collect();
            let sb: Vec<u8> = sb.iter().map(|&b| b.min(super::token::BREAKS)).collect();
            assert_eq!(fb, sb, "line breaks from {start} of {text:?}");
            assert_eq!(fs, ss, "sentences from {start} of {text:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::assert_same;
    use proptest::prelude::*;

    /// Hostile and unusual text: every script and character class the normalizer treats specially.
    const HOSTILE: &[&str] = &[
        "Zelenskyy’s ‘peace’ plan — “we are ready,” he said – and the U.S. agreed.",
        "ZELENSKYY’S U.S.’ NATO’s ‘NATO’ “NATO” ’Tis O’Neill’S D’Artagnan rock ’n’ roll",
        "e\u{301}te\u{301} cafe\u{301}’s Ame\u{301}lie São Paulo ação Łódź straße ÆTHER Ø",
        "مرحبا بالعالم. השלום עליכם. \u{202B}RTL\u{202C} \u{200F}mark\u{200E} «اقتباس»",
        "中国外交部发言人表示。日本の首相が発表した！한국 대통령이 말했다. カタカナ・テスト",
        "👨\u{200D}👩\u{200D}👧 🇺🇦🇺🇸 👍🏽 ❤\u{FE0F} 1️⃣ family👨\u{200D}👩\u{200D}👧emoji",
        "Zelen\u{00AD}skyy Ky\u{200B}iv \u{FEFF}BOM a\u{200D}b \u{2060}word\u{00AD} \u{00AD}\u{200B}",
        "10\u{00A0}000 troops\u{00A0}— 3\u{202F}600 km\u{2009}h a\u{3000}b \u{00A0}\u{00A0}",
        "ﬁnance ＫＹＩＶ ①② ⅓ x² Ⅻ ２０２４ \u{2033}quoted\u{2033} 5\u{2032} `tick` ´acute´",
        "28-point four-year Russo-Ukrainian’s a‑b a‐b 1,200 3.6 million 3,6 milhões 29th 1.234,5 3.600.000 2022",
        "12345678901234567890 000000000000007 999999999999999 1,2,3 1;2 1..2 a..b a.b.c. U.S.A. e.g. i.e.",
        "a:b Note:This “a:b” x_y _under __ ___a a_.b 3.a a.3 a'b a’b ’s ’ ‘ “ ” – — ―",
        "a:b,c;d.e'f-g(h)i[j]k{l}m<n>o:p!q?r a:b,c;d.e'f-g(h)i[j]k{l}m<n>o:p!q?r’ a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s“",
        "5’000 ‘a’b’ a’’b ’’ “’a’” x—y 1–2 a’.b a.’b O’Neill’s’ 3’a a’3 _’a a_’b “U.S.” ‘U.S’ —a— ’n’ a’:b a:’b",
        "Mr. Smith met Gen. Jones. Donald J. Trump agreed. On Jan. 5 it grew. In the U.S. The talks went on.",
        "Wait... What?! Yes… ‼ ⁇ 。 ؟ । “Really?” he asked. (Yes.) [No!] {Maybe?}",
        "line one\nline two\r\nline three\n\n\nparagraph\u{2028}ls\u{2029}ps\x0Bvt\x0Cff\r\r\n",
        "\t  \n  leading and trailing  \n\t",
        "a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a",
        "Supercalifragilisticexpialidocious’s abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ’s",
        "aaaaaaaaaaaaaaaaaaaaaa’s aaaaaaaaaaaaaaaaaaaaaaa’ AAAAAAAAAAAAAAAAAAAAA’S ’’’’’’’’ ““”” —— ––",
        "\u{FFFD}\u{FFFD} \u{0000} \u{007F} \u{0085}next \u{1680}ogham \u{180E}mvs",
        "$5 +3 <a> =b ^c |d ~e @f #g %h &i *j ! ? . , ; : ' \" ( ) [ ] { } / \\ - – — ` ´",
        "İstanbul ΣΊΣΥΦΟΣ ß ẞ ǅ ǈ ﬀ Ⓐ ᾳ Ǆ",
        "Зеленский заявил. Встреча состоится 5 декабря. «Мир» — это слово.",
        "",
        ".",
        "’",
        "A",
    ];

    #[test]
    fn seeds_normalize_as_the_reference_does() {
        for (_, text) in crate::TEST_SEEDS {
            assert_same(text);
        }
        // The seeds run together, and each seed's text with its quotes made straight (pure ASCII).
        let all: String = crate::TEST_SEEDS.iter().map(|(_, t)| *t).collect();
        assert_same(&all);
        assert_same(&all.replace(['’', '‘'], "'").replace(['“', '”'], "\""));
    }

    #[test]
    fn hostile_unicode_normalizes_as_the_reference_does() {
        for text in HOSTILE {
            assert_same(text);
        }
        assert_same(&HOSTILE.join(" "));
        assert_same(&HOSTILE.concat());
    }

    /// One piece of generated text: news words and every kind of character the fast paths distinguish.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(HOSTILE.iter().flat_map(|t| t.split(' ')).collect::<Vec<_>>())
                .prop_map(str::to_string),
            "[a-zA-Z0-9.,;:'`_\\-]{1,30}",
            "[ -~]{0,12}",
            "[a-zA-Z’‘“”–—'.]{1,12}",
            "[ \t\n\r]{1,3}",
            "\\PC{0,6}",
            "[0-9]{1,20}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn generated_text_normalizes_as_the_reference_does(pieces in prop::collection::vec(piece(), 0..30)) {
            assert_same(&pieces.concat());
            assert_same(&pieces.join(" "));
        }

        #[test]
        fn any_string_normalizes_as_the_reference_does(text in "\\PC{0,80}") {
            assert_same(&text);
        }
    }

    /// `NEWSDIFF_EQUIV_CORPUS=FILE.jsonl cargo test --release --lib normalize::reference -- --ignored`: every
    /// article of a JSON Lines corpus (its `text`, `content`, `body` or `content_original` field).
    #[test]
    #[ignore = "needs a corpus named by NEWSDIFF_EQUIV_CORPUS"]
    fn corpus_normalizes_as_the_reference_does() {
        let path = std::env::var("NEWSDIFF_EQUIV_CORPUS").expect("NEWSDIFF_EQUIV_CORPUS=FILE.jsonl");
        let data = std::fs::read_to_string(&path).expect("a readable UTF-8 file");
        let mut n = 0;
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let value: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
            let text = ["text", "content", "body", "content_original"]
                .iter()
                .find_map(|f| value.get(f).and_then(serde_json::Value::as_str))
                .unwrap_or_default();
            assert_same(text);
            n += 1;
        }
        assert!(n > 0, "no articles in {path}");
        eprintln!("{n} articles normalize as the reference does");
    }
}
