//! Sentence splitting over the token stream.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes and brackets that follow), at a paragraph
//! break, after a heading line without a full stop, and after the title. It does not end after a title of
//! address or a month abbreviation (`Mr.`, `Gen.`, `Jan.`), an initial (`Donald J. Trump`), a decimal (`3.6`,
//! already one token) or an abbreviation such as `U.S.` unless a typical sentence opener follows it
//! (`... in the U.S. The talks ...`).

use serde::Serialize;

use super::token::{BREAKS, MAY_END, Token, TokenKind};

/// A sentence: a span of the original text and the range of its tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// Byte span `[start, end)` in the original text, from the first token's start to the last token's end.
    pub span: (usize, usize),
    /// Indices `[start, end)` of the sentence's tokens in the document's token list.
    #[serde(skip)]
    pub tokens: (usize, usize),
    /// This sentence is the article's title.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub is_title: bool,
}

impl Sentence {
    /// The original text of the sentence.
    #[must_use]
    pub fn text<'t>(&self, original: &'t str) -> &'t str {
        &original[self.span.0..self.span.1]
    }
}

/// Words after which a full stop does not end the sentence: titles of address and other short forms that are
/// followed by a name or a number.
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cmdr", "adm", "gov", "sen",
    "rep", "reps", "sens", "rev", "st", "ste", "mt", "ft", "pres", "supt", "atty", "hon", "amb", "no", "nos", "vol",
    "fig", "pp", "vs", "v", "cf", "approx", "sr", "jr", "sra", "sro", "dra", "exmo", "av", "nº", "art", "inc", "corp",
    "co", "ltd", "bros", "dept", "univ", "assn", "est",
];

/// Short forms that may end a sentence but usually do not (months, `etc`): they end it only before a
/// typical sentence opener.
const MAYBE_FINAL: &[&str] =
    &["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "etc", "al", "approx"];

/// Capitalized words that typically open a sentence; after an ambiguous abbreviation, one of them signals a
/// new sentence.
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "its",
    "their",
    "our",
    "this",
    "that",
    "these",
    "those",
    "there",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "as",
    "after",
    "before",
    "when",
    "while",
    "if",
    "however",
    "meanwhile",
    "still",
    "also",
    "some",
    "many",
    "one",
    "two",
    "officials",
    "o",
    "os",
    "as",
    "um",
    "uma",
    "ele",
    "ela",
    "eles",
    "mas",
    "no",
    "na",
    "em",
    "el",
    "la",
    "los",
    "las",
    "der",
    "die",
    "das",
    "le",
    "les",
];

/// The characters that end a sentence: `.`, `!`, `?`, `…`, `‼`, `⁇`, `。`, `؟`, `।` (a `match`, which compiles
/// to a test of the length and then of the bytes, not a scan of a list).
fn is_terminator(text: &str) -> bool {
    matches!(text, "." | "!" | "?" | "…" | "‼" | "⁇" | "。" | "؟" | "।")
}

pub(super) fn is_closer(text: &str) -> bool {
    matches!(text, "\"" | "'" | "”" | "’" | "»" | ")" | "]" | "}" | "›" | "」" | "』")
}

pub(super) fn starts_sentence_like(tok: &Token, text: &str) -> bool {
    let first = tok.text(text).chars().next().unwrap_or(' ');
    first.is_uppercase()
        || first.is_numeric()
        || matches!(tok.kind, TokenKind::Punct | TokenKind::Symbol) && !matches!(first, ',' | ';' | ':' | ')')
        || !first.is_lowercase() && first.is_alphabetic()
}

/// Splits tokens into sentences.
///
/// `flags[i]` is what the tokenizer says of token `i`: the line breaks before it (`flags[i] & BREAKS`) and
/// whether it may end a sentence (`MAY_END`); `title_end`, when the article has a title, is the byte offset
/// where it ends.
pub(crate) fn split(text: &str, tokens: &[Token], flags: &[u8], title_end: Option<usize>) -> Vec<Sentence> {
    let breaks = |i: usize| flags[i] & BREAKS;
    // News sentences average about 24 tokens (AllSides): room for sentences of 16, so that the vector is rarely
    // grown (it was, several times per article).
    let mut sentences = Vec::with_capacity(tokens.len() / 16 + 1);
    let n = tokens.len();
    let mut start = 0;
    let mut line_start_byte = tokens.first().map_or(0, |t| t.span.0);
    let mut i = 0;
    while i < n {
        // Most tokens: one that cannot end a sentence, followed by one on the same line. Nothing to decide.
        i = next_to_decide(flags, i);
        if i >= n {
            break;
        }
        // Where does the sentence that contains token i end? Decide at token i whether a break follows it.
        let mut end = i + 1;
        let tok = &tokens[i];
        let mut boundary = false;
        // A terminator is never word-like (it has no letter or digit): words skip the comparison of their text.
        if !tok.is_wordlike() && is_terminator(tok.text(text)) {
            while end < n
                && breaks(end) == 0
                && (is_terminator(tokens[end].text(text)) || is_closer(tokens[end].text(text)))
            {
                end += 1;
            }
            boundary = end >= n || breaks(end) > 0 || terminator_ends(text, tokens, i, end);
        } else if tok.kind == TokenKind::Word && tok.span.1 - tok.span.0 > 2 && text.as_bytes()[tok.span.1 - 1] == b'.'
        {
            // An abbreviation that absorbed its dot (`U.S.`): ends the sentence only before an opener.
            while end < n && breaks(end) == 0 && is_closer(tokens[end].text(text)) {
                end += 1;
            }
            boundary = end >= n || breaks(end) >= 2 || is_opener(&tokens[end]);
        }
        if end < n && breaks(end) > 0 {
            // A line break: a paragraph break always ends the sentence; a single one ends a short heading-like line.
            let line_len = tokens[end - 1].span.1 - line_start_byte;
            let title_ends = title_end.is_some_and(|te| tokens[end - 1].span.1 <= te && tokens[end].span.0 >= te);
            if breaks(end) >= 2 || title_ends || (line_len < 50 && starts_sentence_like(&tokens[end], text)) {
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

/// The first token from `i` on at which the splitter has something to decide: one that may end a sentence
/// ([`MAY_END`]), one followed by a line break, or the last token; `flags.len()` when `i` is past the end.
/// Eight tokens at a time where there are nine flags from `i`: each byte's high bit says `MAY_END`, and adding
/// 0x7F to the low 7 bits of the next flag sets it when a line break follows (no carry crosses a byte), so the
/// first interesting token of the eight is the lowest high bit. A loop over the tokens one by one branched on
/// each and left the loop at an unpredictable one (figures in `docs/evaluation.md`, "The normalizer").
#[inline]
fn next_to_decide(flags: &[u8], mut i: usize) -> usize {
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = !LOW;
    while let Some(window) = flags.get(i..).and_then(<[u8]>::first_chunk::<9>) {
        let this = u64::from_le_bytes(*window.first_chunk::<8>().unwrap_or(&[0; 8]));
        let next = u64::from_le_bytes(*window.last_chunk::<8>().unwrap_or(&[0; 8]));
        let decide = (this | ((next & LOW) + LOW)) & HIGH;
        if decide != 0 {
            return i + (decide.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < flags.len() {
        if flags[i] & MAY_END != 0 || flags.get(i + 1).is_none_or(|&f| f & BREAKS != 0) {
            return i;
        }
        i += 1;
    }
    flags.len()
}

pub(super) fn is_opener(tok: &Token) -> bool {
    tok.capitalized && OPENERS.contains(&tok.norm.as_str())
}

/// Decides whether the terminator run `tokens[i..end]` ends the sentence, given what follows it.
pub(super) fn terminator_ends(text: &str, tokens: &[Token], i: usize, end: usize) -> bool {
    let next = &tokens[end];
    let next_first = next.text(text).chars().next().unwrap_or(' ');
    if next_first.is_lowercase() || matches!(next_first, ',' | ';' | ':') {
        return false;
    }
    let only_dot = end == i + 1 && tokens[i].text(text) == ".";
    if only_dot && i > 0 {
        let prev = &tokens[i - 1];
        let glued = prev.span.1 == tokens[i].span.0;
        if glued && prev.kind == TokenKind::Word {
            let word = prev.norm.as_str();
            let letters = prev.text(text).chars().count();
            if NEVER_FINAL.contains(&word) && (prev.capitalized || matches!(word, "v" | "vs" | "cf")) {
                return false;
            }
            // An initial: one uppercase letter (`Donald J. Trump`).
            if letters == 1 && prev.capitalized {
                return is_opener(next) && next.norm != "a";
            }
            if MAYBE_FINAL.contains(&word) {
                return is_opener(next) || next.kind == TokenKind::Punct;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::token::tokenize;
    use super::*;

    #[test]
    fn next_to_decide_agrees_with_a_loop_over_the_tokens() {
        let by_one = |flags: &[u8], i: usize| {
            (i..flags.len())
                .find(|&j| flags[j] & MAY_END != 0 || flags.get(j + 1).is_none_or(|&f| f & BREAKS != 0))
                .unwrap_or(flags.len())
        };
        // Flags of every kind, sparse and dense, in arrays of every length up to 40 (a small xorshift generator).
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for len in 0..40 {
            for density in [2u64, 5, 17, 64] {
                let flags: Vec<u8> = (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        let (may_end, breaks) = (state.is_multiple_of(density), (state >> 8).is_multiple_of(density));
                        (if may_end { MAY_END } else { 0 }) | if breaks { ((state >> 16) % 127 + 1) as u8 } else { 0 }
                    })
                    .collect();
                for i in 0..=len {
                    assert_eq!(next_to_decide(&flags, i), by_one(&flags, i), "{flags:?} from {i}");
                }
            }
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        let (tokens, breaks) = tokenize(text, 0, text.len());
        split(text, &tokens, &breaks, None).iter().map(|s| s.text(text)).collect::<Vec<_>>()
    }

    #[test]
    fn splits_on_full_stops() {
        assert_eq!(sentences("One thing. Another thing! A third?"), ["One thing.", "Another thing!", "A third?"]);
    }

    #[test]
    fn titles_of_address_and_initials_do_not_split() {
        assert_eq!(
            sentences("Mr. Smith met Gen. Jones. Donald J. Trump agreed."),
            ["Mr. Smith met Gen. Jones.", "Donald J. Trump agreed."]
        );
    }

    #[test]
    fn abbreviations_split_only_before_an_opener() {
        assert_eq!(
            sentences("He met U.S. President Trump. They spoke in the U.S. The talks went on."),
            ["He met U.S. President Trump.", "They spoke in the U.S.", "The talks went on."]
        );
    }

    #[test]
    fn months_and_decimals() {
        assert_eq!(
            sentences("On Jan. 5 it grew 3.6 percent. Then it fell."),
            ["On Jan. 5 it grew 3.6 percent.", "Then it fell."]
        );
    }

    #[test]
    fn quotations_ending_a_sentence_stay_attached() {
        assert_eq!(
            sentences("“We are ready,” he said. “We will work.” While his office said."),
            ["“We are ready,” he said.", "“We will work.”", "While his office said."]
        );
        assert_eq!(sentences("He asked “why?” and left."), ["He asked “why?” and left."]);
    }

    #[test]
    fn headings_and_paragraphs() {
        assert_eq!(
            sentences("Chief Of Staff Resigns\n\nThe activity came after a week"),
            ["Chief Of Staff Resigns", "The activity came after a week"]
        );
        assert_eq!(sentences("Short heading\nThe body follows here."), ["Short heading", "The body follows here."]);
        assert_eq!(sentences("a line that was wrapped\nby an editor."), ["a line that was wrapped\nby an editor."]);
    }

    #[test]
    fn non_ascii_sentences() {
        assert_eq!(
            sentences("O presidente falou. A reunião terminou às 3h."),
            ["O presidente falou.", "A reunião terminou às 3h."]
        );
        assert_eq!(sentences("Зеленский заявил. Встреча состоится."), ["Зеленский заявил.", "Встреча состоится."]);
    }

    #[test]
    fn ellipsis_and_repeated_terminators() {
        assert_eq!(sentences("Wait... What?! Yes."), ["Wait...", "What?!", "Yes."]);
    }
}
