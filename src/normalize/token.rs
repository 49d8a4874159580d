//! Tokens: words, numbers, compounds and punctuation, each with its normalized text and its original span.
//!
//! Tokenization starts from Unicode word boundaries (UAX #29, via `unicode-segmentation`), which already keep
//! `Zelenskyy’s`, `3.6` and `U.S` whole in any script written with spaces. On top of that, a few merges that news
//! text needs: hyphenated compounds (`28-point`, `Russo-Ukrainian`) stay one token whose parts remain reachable,
//! an abbreviation keeps its final dot (`U.S.`), and a number followed by a scale word (`3.6 million`) carries the
//! scaled value.

use compact_str::CompactString;
use serde::Serialize;

use super::fold::{fold_key, fold_norm, is_invisible};
use super::segment::{DIGIT, LOWER, MID_LETTER_NUM, Piece, ascii_classes};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A word in any script (`Kyiv`, `U.S.`, `Zelenskyy’s`, `ação`).
    #[default]
    Word,
    /// A number, possibly with decimals, thousands separators or an ordinal suffix (`28`, `3.6`, `1,200`, `29th`).
    Number,
    /// Words or numbers joined by hyphens (`28-point`, `four-year`, `Russo-Ukrainian`).
    Compound,
    /// Punctuation (`.`, `,`, `“`, `—`).
    Punct,
    /// Anything else that is visible: currency and math symbols, emoji.
    Symbol,
}

/// One token of an article.
///
/// `span` is the byte range `[start, end)` of the token in the article's original text, never changed by
/// normalization: `&text[span.0..span.1]` is exactly what the reader saw.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Token {
    /// Normalized form: NFKC, typographic folding, lowercase, possessive `'s` removed.
    pub norm: CompactString,
    /// The matching key when it differs from `norm` (read it with [`Token::key`]): `None` for most tokens, so
    /// that the common case neither builds nor copies a second string. Set it with [`Token::set_key`].
    #[serde(skip)]
    pub(super) distinct_key: Option<CompactString>,
    /// The token's kind.
    pub kind: TokenKind,
    /// Byte span `[start, end)` in the original text.
    pub span: (usize, usize),
    /// Numeric value for numbers (and compounds that start with one), scaled by a following `million` etc.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The original starts with an uppercase letter.
    #[serde(skip)]
    pub capitalized: bool,
    /// The original has at least two letters and all of them are uppercase (`NATO`, `KAIRO`, `U.S.`).
    #[serde(skip)]
    pub all_caps: bool,
}

impl Token {
    /// The original text of the token.
    #[must_use]
    pub fn text<'t>(&self, original: &'t str) -> &'t str {
        &original[self.span.0..self.span.1]
    }

    /// Matching key: the normalized form without accents, abbreviation dots and apostrophes (`U.S.` and `US`
    /// share `us`, `São` gives `sao`). The same as [`Token::norm`] for most tokens.
    #[must_use]
    pub fn key(&self) -> &str {
        self.distinct_key.as_deref().unwrap_or(&self.norm)
    }

    /// Sets the matching key, kept only when it differs from the normalized form (which `norm` must already
    /// hold), so that two tokens with the same key compare equal however it was built.
    pub(super) fn set_key(&mut self, key: &str) {
        self.distinct_key = (key != self.norm).then(|| CompactString::new(key));
    }

    /// True for words, numbers and compounds: the tokens that carry content.
    #[must_use]
    pub fn is_wordlike(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Number | TokenKind::Compound)
    }

    /// The normalized parts of a compound (`28-point` gives `28` and `point`); a single part otherwise.
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        self.norm.split('-').filter(|p| !p.is_empty())
    }
}

/// In the byte that [`tokenize`] reports for each token: the number of line breaks between the token and the
/// previous one, saturating at this value.
pub(crate) const BREAKS: u8 = 0x7F;
/// In the byte that [`tokenize`] reports for each token: the token may end a sentence (it is not word-like, or it
/// is a word whose original ends with a dot). The sentence splitter skips the other tokens when no line break
/// follows them, and decides on these from their text; a flag set on a token that cannot end a sentence costs
/// time, never a different answer.
pub(crate) const MAY_END: u8 = 0x80;

/// The [`MAY_END`] flag of a token whose original text is `original`.
#[inline]
fn may_end(kind: TokenKind, original: &[u8]) -> u8 {
    // Without branches: most tokens are words, and whether a word ends with a dot is rarely true.
    let not_wordlike = matches!(kind, TokenKind::Punct | TokenKind::Symbol);
    let dotted_word = (kind == TokenKind::Word) & (original.last() == Some(&b'.'));
    if not_wordlike | dotted_word { MAY_END } else { 0 }
}

/// `pending` line breaks and `newlines` more, saturating at [`BREAKS`].
fn add_breaks(pending: u8, newlines: usize) -> u8 {
    pending.saturating_add(u8::try_from(newlines).unwrap_or(u8::MAX)).min(BREAKS)
}

/// Splits `text[start..end]` into tokens whose spans are offsets into `text`.
///
/// Also reports a byte for each token: how many line breaks separate it from the previous token ([`BREAKS`])
/// and whether it may end a sentence ([`MAY_END`]), for the sentence splitter.
pub(crate) fn tokenize(text: &str, start: usize, end: usize) -> (Vec<Token>, Vec<u8>) {
    let body = &text[start..end];
    let mut tokens: Vec<Token> = Vec::with_capacity(body.len() / 5);
    let mut breaks: Vec<u8> = Vec::with_capacity(body.len() / 5);
    let mut pending_breaks: u8 = 0;
    // True when whitespace came since the last token (so the next token is not glued to it).
    let mut spaced = true;
    // Whether the last token was glued to the one before it.
    let mut last_glued = false;

    super::segment::for_each_segment(
        body,
        #[inline(always)]
        |piece| {
            let Piece { offset, text: seg, ascii, classes, spaced: space_before, newlines } = piece;
            // The ASCII whitespace before the segment, without a branch (no whitespace adds nothing).
            pending_breaks = add_breaks(pending_breaks, newlines);
            spaced |= space_before;
            let first = seg.as_bytes()[0];
            let is_space = if first.is_ascii() {
                first.is_ascii_whitespace()
            } else {
                seg.chars().all(|c| c.is_whitespace() || is_invisible(c)) && seg.chars().any(char::is_whitespace)
            };
            if is_space {
                let mut newlines = seg.bytes().filter(|&b| b == b'\n').count();
                // U+2028 and U+2029 are segments of their own (UAX #29), never in a run that starts with ASCII.
                if !first.is_ascii() {
                    newlines += seg.chars().filter(|&c| c == '\u{2028}' || c == '\u{2029}').count() * 2;
                }
                pending_breaks = add_breaks(pending_breaks, newlines);
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
            // The first test of `classify`, without the call: most tokens are ASCII words and numbers.
            let kind = match first {
                b'a'..=b'z' | b'A'..=b'Z' => TokenKind::Word,
                b'0'..=b'9' => TokenKind::Number,
                _ => classify(seg),
            };
            if glued && merge_into_last(text, &mut tokens, last_glued, seg, kind, (s, e)) {
                breaks.truncate(tokens.len());
                // The merged token is the last one now (an abbreviation with its dot, or a compound).
                if let (Some(last), Some(flags)) = (tokens.last(), breaks.last_mut()) {
                    *flags = (*flags & BREAKS) | may_end(last.kind, last.text(text).as_bytes());
                }
                last_glued = true;
                return;
            }
            // The common case, a short ASCII token, inlined here (the call and the copy of the result cost as much).
            let token = if ascii && seg.len() <= FAST_MAX_BYTES {
                ascii_token(seg, &text.as_bytes()[s..], kind, (s, e), classes)
            } else {
                make_token(seg, kind, (s, e), ascii)
            };
            // The cheap tests first: a scale word matters only after a number (rarely true, so tested before `glued`,
            // which is true and false in turn).
            if let Some(last) = tokens.last_mut()
                && last.kind == TokenKind::Number
                && !glued
                && let Some(v) = last.value
                && let Some(scale) = scale_of(&token.norm)
            {
                // `3.6 million`: the number carries the scaled value.
                last.value = Some(v * scale);
            }
            tokens.push(token);
            breaks.push(pending_breaks | may_end(kind, seg.as_bytes()));
            pending_breaks = 0;
            last_glued = glued;
        },
    );
    (tokens, breaks)
}

/// Longest hyphenated compound kept whole, in bytes; longer chains stay separate tokens (this also keeps
/// hostile input such as `a-a-a-...` linear).
pub(super) const MAX_COMPOUND_BYTES: usize = 64;

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
    let mut compound = make_token(&text[whole.0..whole.1], TokenKind::Compound, whole, false);
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
    } else if matches!(seg, "“" | "”" | "‘" | "’" | "–" | "—") {
        // The typographic punctuation of English news, without the Unicode tables below (same answer).
        return TokenKind::Punct;
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

pub(super) fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() && !matches!(c, '$' | '+' | '<' | '=' | '>' | '^' | '|' | '~')
        || matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}' | '\u{3001}'..='\u{3003}' | '\u{300C}'..='\u{300F}' | '\u{FF01}'..='\u{FF0F}' | '\u{060C}' | '\u{061F}' | '\u{06D4}')
}

/// Longest token (in bytes of the original) built by the fast paths; their normalized form fits a
/// `CompactString` without a heap allocation.
const FAST_MAX_BYTES: usize = 24;

/// Builds the token of a segment; `ascii` says the segment is known to be ASCII (else it is checked here).
fn make_token(seg: &str, kind: TokenKind, span: (usize, usize), ascii: bool) -> Token {
    if seg.len() <= FAST_MAX_BYTES {
        // The curly quotes and dashes that stand alone, as `typographic_token` folds them (without its loop).
        let folded = match (kind, seg) {
            (TokenKind::Punct, "\u{201C}" | "\u{201D}") => Some("\""),
            (TokenKind::Punct, "\u{2018}" | "\u{2019}") => Some("'"),
            (TokenKind::Punct, "\u{2013}" | "\u{2014}") => Some("-"),
            _ => None,
        };
        if let Some(norm) = folded {
            let norm = CompactString::const_new(norm);
            return Token { norm, distinct_key: None, kind, span, value: None, capitalized: false, all_caps: false };
        }
        if ascii || seg.is_ascii() {
            return ascii_token(seg, seg.as_bytes(), kind, span, ascii_classes(seg.as_bytes()));
        }
        if let Some(token) = typographic_token(seg, kind, span) {
            return token;
        }
    }
    let (capitalized, all_caps) = case_shape(seg);
    let mut norm = fold_norm(seg);
    if matches!(kind, TokenKind::Word) {
        strip_possessive(&mut norm);
    }
    let value = if kind == TokenKind::Number { parse_number(&norm) } else { None };
    let mut token = Token { norm: norm.as_str().into(), distinct_key: None, kind, span, value, capitalized, all_caps };
    if matches!(kind, TokenKind::Word | TokenKind::Compound) {
        token.set_key(&fold_key(&norm));
    }
    token
}

/// The fast path for a short ASCII token (most of English news): the case shape, the marks and whether it is
/// all digits come from `classes` (the classes of its bytes or-ed together, see `segment::ascii_classes`),
/// the normalized form from a fixed-size copy ([`ascii_norm`]), no Unicode tables and no heap allocation. Gives
/// exactly what the general path gives, except that `` ` `` stays as it is (as it always has on this path).
/// `tail` holds the bytes of the text from the token's start on (at least the token's).
#[inline(always)]
fn ascii_token(seg: &str, tail: &[u8], kind: TokenKind, span: (usize, usize), classes: u8) -> Token {
    let b = seg.as_bytes();
    let capitalized = b[0].is_ascii_uppercase();
    // With no lowercase letter, the letters are the uppercase ones: they are counted only then (rarely). The `&`
    // of the two tests leaves one branch, taken rarely, where `&&` would branch on `capitalized` too.
    let all_caps = capitalized & (classes & LOWER == 0) && b.iter().filter(|c| c.is_ascii_uppercase()).count() >= 2;
    // `.` or `'`: the matching key differs from the normalized form, and a possessive may end the word.
    let marks = classes & MID_LETTER_NUM != 0;
    let mut len = b.len();
    if kind == TokenKind::Word && marks {
        if len > 2 && b[len - 2] == b'\'' && b[len - 1].eq_ignore_ascii_case(&b's') {
            len -= 2;
        } else if len > 1 && b[len - 1] == b'\'' {
            len -= 1;
        }
    }
    let norm = ascii_norm(&seg[..len], tail);
    // The key differs from the normalized form only where a dot or an apostrophe is left to drop.
    let distinct_key = if marks && matches!(kind, TokenKind::Word | TokenKind::Compound) && norm.contains(['.', '\'']) {
        Some(norm.chars().filter(|&c| c != '.' && c != '\'').collect())
    } else {
        None
    };
    let value = match kind {
        // Up to 15 digits, an integer is exact in an f64: the value `parse_number` would give.
        // (The classes say all digits; the test of the bytes, for numbers only, keeps this exact for any caller.)
        TokenKind::Number if classes & !DIGIT == 0 && len <= 15 && b.iter().all(u8::is_ascii_digit) => {
            Some(b.iter().fold(0u64, |v, d| v * 10 + u64::from(d - b'0')) as f64)
        }
        TokenKind::Number => parse_number(&norm),
        _ => None,
    };
    Token { norm, distinct_key, kind, span, value, capitalized, all_caps }
}

/// How many bytes [`ascii_norm`] copies at once: most words are shorter.
const WINDOW: usize = 16;

/// The lowercase copy of an ASCII token, `prefix`, as a `CompactString`; `tail` holds the bytes of the text from
/// the token's start on. Where the text has [`WINDOW`] bytes from there and the token fits in them, the copy is
/// one load and one store of a constant size, and the lowercasing a few operations on all the bytes at once,
/// where a copy of the token's length would call `memcpy` (whose dispatch on the length the processor
/// mispredicts, token after token) and a lowercasing loop would branch on each byte (figures in
/// `docs/evaluation.md`, "The normalizer").
#[inline(always)]
fn ascii_norm(prefix: &str, tail: &[u8]) -> CompactString {
    let len = prefix.len();
    if len <= WINDOW
        && let Some(window) = tail.first_chunk::<WINDOW>()
    {
        let lowered = lowercase_prefix(window, len);
        // SAFETY: the first `len` bytes are `prefix`'s (a `str`) with only the bytes `A..=Z` changed (to `a..=z`),
        // which leaves UTF-8 valid, and the others are zeros.
        let padded = unsafe { std::str::from_utf8_unchecked(&lowered) };
        let mut norm = CompactString::new(padded);
        // SAFETY: `len <= WINDOW` is within the string, and cuts it where `prefix` ends (a character boundary).
        unsafe { norm.set_len(len) };
        return norm;
    }
    let mut norm = CompactString::new(prefix);
    norm.make_ascii_lowercase();
    norm
}

/// The first `len` bytes of `window` with `A..=Z` lowercased (other bytes kept), the others cleared.
///
/// # Panics
/// Panics if `len > WINDOW`.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn lowercase_prefix(window: &[u8; WINDOW], len: usize) -> [u8; WINDOW] {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpgt_epi8, _mm_loadu_si128, _mm_or_si128, _mm_set1_epi8, _mm_storeu_si128,
    };
    // `len` bytes of 0xFF, then zeros.
    static KEEP: [u8; 2 * WINDOW] = {
        let mut keep = [0u8; 2 * WINDOW];
        let mut i = 0;
        while i < WINDOW {
            keep[i] = 0xFF;
            i += 1;
        }
        keep
    };
    let mut out = [0u8; WINDOW];
    let keep: &[u8; WINDOW] = KEEP[WINDOW - len..].first_chunk().expect("len <= WINDOW");
    // SAFETY: SSE2 is part of x86_64; the loads read the `WINDOW` bytes of `window` and of `keep`, the store
    // writes the `WINDOW` bytes of `out`.
    unsafe {
        let keep = _mm_loadu_si128(keep.as_ptr().cast::<__m128i>());
        let bytes = _mm_and_si128(_mm_loadu_si128(window.as_ptr().cast::<__m128i>()), keep);
        // As signed bytes, `b > 'A' - 1` and `'Z' + 1 > b` hold for the capitals only (bytes from 0x80 are negative).
        let upper = _mm_and_si128(
            _mm_cmpgt_epi8(bytes, _mm_set1_epi8(b'A' as i8 - 1)),
            _mm_cmpgt_epi8(_mm_set1_epi8(b'Z' as i8 + 1), bytes),
        );
        let lowered = _mm_or_si128(bytes, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
        _mm_storeu_si128(out.as_mut_ptr().cast::<__m128i>(), lowered);
    }
    out
}

/// The first `len` bytes of `window` with `A..=Z` lowercased (other bytes kept), the others cleared.
///
/// # Panics
/// Panics if `len > WINDOW`.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn lowercase_prefix(window: &[u8; WINDOW], len: usize) -> [u8; WINDOW] {
    let mut out = [0u8; WINDOW];
    for (o, b) in out.iter_mut().zip(&window[..len]) {
        *o = b.to_ascii_lowercase();
    }
    out
}

/// The typographic characters of English news that fold to ASCII and are their own NFKC form: curly quotes
/// and the en and em dashes.
fn typographic_to_ascii(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '`' => Some('\''),
        '\u{201C}' | '\u{201D}' => Some('"'),
        '\u{2013}' | '\u{2014}' => Some('-'),
        c if c.is_ascii() => Some(c),
        _ => None,
    }
}

/// The fast path for a short token of ASCII and typographic quotes and dashes (`“`, `—`, `Zelenskyy’s`):
/// the general path's folding, case shape and keys without NFKC. `None` for any other character.
fn typographic_token(seg: &str, kind: TokenKind, span: (usize, usize)) -> Option<Token> {
    // The folded text is ASCII and no longer than `seg` (at most `FAST_MAX_BYTES`): built on the stack.
    let mut buf = [0u8; FAST_MAX_BYTES];
    let mut len = 0;
    let (mut letters, mut lower) = (0usize, false);
    for c in seg.chars() {
        let a = typographic_to_ascii(c)?;
        if c.is_ascii_alphabetic() {
            letters += 1;
            lower |= c.is_ascii_lowercase();
        }
        *buf.get_mut(len)? = (a as u8).to_ascii_lowercase();
        len += 1;
    }
    // As `case_shape` on non-ASCII text: the first character is uppercase; all letters (at least two) are.
    let capitalized = seg.as_bytes()[0].is_ascii_uppercase();
    let all_caps = letters >= 2 && !lower;
    if kind == TokenKind::Word {
        if len > 2 && buf[len - 2] == b'\'' && buf[len - 1] == b's' {
            len -= 2;
        } else if len > 1 && buf[len - 1] == b'\'' {
            len -= 1;
        }
    }
    // ASCII bytes are always UTF-8: `from_utf8` cannot fail here.
    let norm = CompactString::from_utf8(&buf[..len]).ok()?;
    let distinct_key = if matches!(kind, TokenKind::Word | TokenKind::Compound) && norm.contains(['.', '\'']) {
        Some(norm.chars().filter(|&c| c != '.' && c != '\'').collect())
    } else {
        None
    };
    let value = if kind == TokenKind::Number { parse_number(&norm) } else { None };
    Some(Token { norm, distinct_key, kind, span, value, capitalized, all_caps })
}

pub(super) fn case_shape(seg: &str) -> (bool, bool) {
    if seg.is_ascii() {
        let b = seg.as_bytes();
        let capitalized = b[0].is_ascii_uppercase();
        let letters = b.iter().filter(|c| c.is_ascii_alphabetic()).count();
        let all_caps = capitalized && letters >= 2 && b.iter().all(|c| !c.is_ascii_lowercase());
        return (capitalized, all_caps);
    }
    let capitalized = seg.chars().next().is_some_and(char::is_uppercase);
    let mut letters = 0;
    let mut upper = 0;
    for c in seg.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
        }
    }
    (capitalized, letters >= 2 && upper == letters)
}

/// Removes a possessive `'s` (or a lone trailing apostrophe) from a normalized word.
pub(super) fn strip_possessive(norm: &mut String) {
    if norm.len() > 2 && norm.ends_with("'s") {
        norm.truncate(norm.len() - 2);
    } else if norm.len() > 1 && norm.ends_with('\'') {
        norm.truncate(norm.len() - 1);
    }
}

/// Parses the numeric value of a normalized number token: `28`, `3.6`, `1,200`, `3.600.000`, `3,6`, `29th`.
///
/// A comma followed by groups of exactly three digits separates thousands; otherwise it is a decimal comma
/// (as in Portuguese). With both separators, the last one is the decimal point.
#[must_use]
pub fn parse_number(norm: &str) -> Option<f64> {
    let numeric: String = norm.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',').collect();
    let numeric = numeric.trim_end_matches(['.', ',']);
    if numeric.is_empty() {
        return norm.chars().next().and_then(|c| c.to_digit(10)).map(f64::from);
    }
    let last_dot = numeric.rfind('.');
    let last_comma = numeric.rfind(',');
    let cleaned: String = match (last_dot, last_comma) {
        (Some(d), Some(c)) => {
            let (dec, thou) = if d > c { ('.', ',') } else { (',', '.') };
            numeric.chars().filter(|&ch| ch != thou).map(|ch| if ch == dec { '.' } else { ch }).collect()
        }
        (None, Some(_)) => {
            if thousands_groups(numeric, ',') {
                numeric.replace(',', "")
            } else {
                numeric.replacen(',', ".", 1).replace(',', "")
            }
        }
        (Some(_), None) => {
            if numeric.matches('.').count() > 1 && thousands_groups(numeric, '.') {
                numeric.replace('.', "")
            } else {
                numeric.to_string()
            }
        }
        (None, None) => numeric.to_string(),
    };
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn thousands_groups(numeric: &str, sep: char) -> bool {
    let mut groups = numeric.split(sep);
    let head = groups.next().unwrap_or("");
    !head.is_empty() && head.len() <= 3 && groups.all(|g| g.len() == 3)
}

pub(super) fn scale_of(norm: &str) -> Option<f64> {
    Some(match norm {
        "hundred" => 1e2,
        "thousand" | "mil" => 1e3,
        "million" | "millions" | "mln" | "milhão" | "milhões" | "millón" | "millones" | "millionen" => 1e6,
        "billion" | "billions" | "bn" | "bilhão" | "bilhões" | "milliard" | "milliarden" => 1e9,
        "trillion" | "trillions" | "trilhão" | "trilhões" => 1e12,
        _ => return None,
    })
}

pub(super) fn is_hyphen(text: &str) -> bool {
    matches!(text, "-" | "\u{2010}" | "\u{2011}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Token> {
        tokenize(text, 0, text.len()).0
    }

    fn assert_token(t: &Token, text: &str, original: &str, norm: &str, kind: TokenKind) {
        assert_eq!(t.text(text), original, "original of {t:?}");
        assert_eq!(t.norm, norm, "norm of {t:?}");
        assert_eq!(t.kind, kind, "kind of {t:?}");
    }

    #[test]
    fn possessives_give_the_same_name() {
        let text = "Zelenskyy’s and Zelenskyy's";
        let t = toks(text);
        assert_token(&t[0], text, "Zelenskyy’s", "zelenskyy", TokenKind::Word);
        assert_token(&t[2], text, "Zelenskyy's", "zelenskyy", TokenKind::Word);
    }

    #[test]
    fn hyphenated_compounds_are_whole_with_parts() {
        let text = "the 28-point plan, a four-year war, the Russo-Ukrainian conflict";
        let t = toks(text);
        let c: Vec<&Token> = t.iter().filter(|t| t.kind == TokenKind::Compound).collect();
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].text(text), "28-point");
        assert_eq!(c[0].parts().collect::<Vec<_>>(), ["28", "point"]);
        assert_eq!(c[0].value, Some(28.0));
        assert_eq!(c[1].norm, "four-year");
        assert_eq!(c[2].norm, "russo-ukrainian");
    }

    #[test]
    fn spaced_dashes_are_not_compounds() {
        let text = "Our teams – Ukraine and the USA – will work";
        let t = toks(text);
        assert!(t.iter().all(|t| t.kind != TokenKind::Compound));
    }

    #[test]
    fn numbers_keep_their_value() {
        let text = "28 people, 3.6 million dollars, 1,200 troops, 3,6 milhões, 29th";
        let t = toks(text);
        let values: Vec<f64> = t.iter().filter_map(|t| t.value).collect();
        assert_eq!(values, [28.0, 3.6e6, 1200.0, 3.6e6, 29.0]);
    }

    #[test]
    fn parse_number_handles_separators() {
        assert_eq!(parse_number("3.600.000"), Some(3_600_000.0));
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("2022"), Some(2022.0));
        assert_eq!(parse_number("1st"), Some(1.0));
    }

    #[test]
    fn abbreviations_keep_their_dot_and_match_without_it() {
        let text = "U.S. President";
        let t = toks(text);
        assert_token(&t[0], text, "U.S.", "u.s.", TokenKind::Word);
        assert_eq!(t[0].key(), "us");
        assert!(t[0].all_caps);
    }

    #[test]
    fn spans_slice_multibyte_text() {
        let text = "São Paulo — «paz» 😀 Київ";
        for t in toks(text) {
            assert!(text.is_char_boundary(t.span.0) && text.is_char_boundary(t.span.1));
            assert!(!t.text(text).is_empty());
        }
        let t = toks(text);
        assert_token(&t[0], text, "São", "são", TokenKind::Word);
        assert_eq!(t[0].key(), "sao");
        assert!(t.iter().any(|t| t.kind == TokenKind::Symbol));
        assert_eq!(t.last().map(|t| t.norm.as_str()), Some("київ"));
    }

    #[test]
    fn case_shape_flags() {
        let text = "NATO Kyiv iPhone KAIRO";
        let t = toks(text);
        assert!(t[0].all_caps && t[0].capitalized);
        assert!(t[1].capitalized && !t[1].all_caps);
        assert!(!t[2].capitalized);
        assert!(t[3].all_caps);
    }

    #[test]
    fn line_breaks_are_counted() {
        let (t, b) = tokenize("One.\n\nTwo\r\nthree", 0, 16);
        assert_eq!(t.len(), 4);
        assert_eq!(b, [0, MAY_END, 2, 1]);
    }
}
