//! Claims: the units two articles are compared by.
//!
//! A claim is a sentence of the normalized document. A long sentence made of two statements joined by `;`, or
//! by `, while` / `, whereas` / `, but` (or `while` / `whereas` alone between two full clauses), may be split
//! into clauses: outlets often say one of the statements and not the other, and the shorter claims align
//! better. A split needs at least [`MIN_CLAUSE_WORDS`] words on each side and never happens inside a quotation,
//! so quotes stay attached to their claim.
//!
//! Photo captions and credits scraped along with the article ([`is_photo_caption`]) are sentences but not
//! claims: the aligner leaves them out.

use serde::Serialize;

use crate::normalize::{Document, Token, TokenKind};

/// Fewest words on each side of a clause split.
pub const MIN_CLAUSE_WORDS: usize = 5;

/// One claim of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Claim {
    /// Index of the sentence the claim belongs to.
    pub sentence: usize,
    /// Byte span `[start, end)` in the article text.
    pub span: (usize, usize),
    /// Token range `[start, end)` in the document's token list.
    #[serde(skip)]
    pub tokens: (usize, usize),
    /// The claim is (part of) the title.
    pub is_title: bool,
    /// The claim is a clause of a longer sentence.
    pub is_clause: bool,
}

impl Claim {
    /// The original text of the claim.
    #[must_use]
    pub fn text<'t>(&self, original: &'t str) -> &'t str {
        &original[self.span.0..self.span.1]
    }

    /// The claim's tokens.
    #[must_use]
    pub fn tokens<'d>(&self, doc: &'d Document) -> &'d [Token] {
        &doc.tokens[self.tokens.0..self.tokens.1]
    }
}

/// Words that open a clause's subject.
const SUBJECTS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "he", "she", "it", "they", "we", "i", "you",
    "this", "that", "these", "those", "there", "some", "many", "most", "other", "others",
];

fn is_quote(t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "\"" | "'")
}

/// Where a sentence's tokens may be cut: indices of the first token of the second clause.
fn split_points(tokens: &[Token]) -> Vec<usize> {
    let words_before: Vec<usize> = tokens
        .iter()
        .scan(0usize, |n, t| {
            let before = *n;
            *n += usize::from(t.is_wordlike());
            Some(before)
        })
        .collect();
    let total = tokens.iter().filter(|t| t.is_wordlike()).count();
    let mut points = Vec::new();
    let mut quotes = 0usize;
    let mut last = 0usize;
    for (i, t) in tokens.iter().enumerate() {
        if is_quote(t) {
            quotes += 1;
        }
        if quotes % 2 == 1 || i == 0 {
            continue;
        }
        let prev_comma = tokens[i - 1].norm == ",";
        // A conjunction starts a clause only when a subject follows (`while the government ...`, not
        // `while skirting sanctions`).
        let subject_next = tokens
            .get(i + 1)
            .is_some_and(|n| n.kind == TokenKind::Word && (n.capitalized || SUBJECTS.contains(&n.norm.as_str())));
        let cut = match (t.kind, t.norm.as_str()) {
            (TokenKind::Punct, ";") => Some(i + 1),
            (TokenKind::Word, "while" | "whereas") if subject_next => Some(i),
            (TokenKind::Word, "but") if prev_comma && subject_next => Some(i),
            _ => None,
        };
        if let Some(cut) = cut
            && cut < tokens.len()
            && words_before[cut] - words_before[last] >= MIN_CLAUSE_WORDS
            && total - words_before[cut] >= MIN_CLAUSE_WORDS
        {
            points.push(cut);
            last = cut;
        }
    }
    points
}

/// The claims of a document, in reading order: one per sentence, or one per clause when `clauses` is true.
///
/// ```
/// use newsdiff::claims::extract::claims;
/// use newsdiff::normalize::Normalizer;
/// let text = "Its military faces setbacks on the battlefield while the government grapples with a scandal.";
/// let doc = Normalizer::new().normalize_str(text);
/// let c = claims(&doc, true);
/// assert_eq!(c.len(), 2);
/// assert_eq!(c[1].text(text), "while the government grapples with a scandal.");
/// assert_eq!(claims(&doc, false).len(), 1);
/// ```
#[must_use]
pub fn claims(doc: &Document, clauses: bool) -> Vec<Claim> {
    let mut out = Vec::with_capacity(doc.sentences.len());
    for (index, s) in doc.sentences.iter().enumerate() {
        let tokens = doc.sentence_tokens(s);
        // A run of punctuation, symbols or emoji states nothing: it is not a claim (and could never align).
        if !tokens.iter().any(Token::is_wordlike) {
            continue;
        }
        let mut cuts = if clauses && !s.is_title { split_points(tokens) } else { Vec::new() };
        let is_clause = !cuts.is_empty();
        cuts.push(tokens.len());
        let mut start = 0;
        for cut in cuts {
            let mut end = cut;
            // A clause does not end on the comma or semicolon before the cut.
            while end > start + 1 && is_trailing_separator(&tokens[end - 1]) {
                end -= 1;
            }
            let first = s.tokens.0 + start;
            let last = s.tokens.0 + end;
            out.push(Claim {
                sentence: index,
                span: (doc.tokens[first].span.0, doc.tokens[last - 1].span.1),
                tokens: (first, last),
                is_title: s.is_title,
                is_clause,
            });
            start = cut;
        }
    }
    out
}

/// Whether a sentence is a photo caption or credit rather than a claim: it carries a credit glued on by the page
/// scraper (`…at the Capitol.CreditJoshua Roberts/Reuters`), or opens with `Photo:`, `Credit:`, `Image:`,
/// `Photograph by` or `(AP Photo/…`. Such a sentence describes a picture; pairing it with a claim (both name
/// the same people) is always wrong.
///
/// ```
/// use newsdiff::claims::extract::is_photo_caption;
/// assert!(is_photo_caption("Blake Farenthold in December at the Capitol.CreditJoshua Roberts/Reuters"));
/// assert!(is_photo_caption("(AP Photo/Evan Vucci)"));
/// assert!(!is_photo_caption("Credit card debt rose in March."));
/// ```
#[must_use]
pub fn is_photo_caption(sentence: &str) -> bool {
    let glued_credit = sentence.match_indices("Credit").any(|(at, _)| {
        let glued = at > 0 && sentence[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '.');
        let next_upper = sentence[at + "Credit".len()..].chars().next().is_some_and(char::is_uppercase);
        glued && next_upper
    });
    let opening = sentence.trim_start_matches(|c: char| c == '(' || c == '[' || c.is_whitespace());
    let labelled = ["Photo:", "Photo by ", "Photograph:", "Photograph by ", "Credit:", "Image:", "AP Photo/"]
        .iter()
        .any(|label| opening.starts_with(label));
    glued_credit || labelled
}

fn is_trailing_separator(t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "," | ";" | "-" | ":")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    #[test]
    fn punctuation_and_emoji_are_not_claims() {
        let doc = Normalizer::new().normalize_str("🙂🙂 !!! ???\n\nTalks resumed in Kyiv. — «» ⁂.");
        let found = claims(&doc, true);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].sentence, 1);
    }

    fn texts(text: &str, clauses: bool) -> Vec<String> {
        let doc = Normalizer::new().normalize_str(text);
        claims(&doc, clauses).iter().map(|c| c.text(text).to_string()).collect()
    }

    #[test]
    fn photo_captions_are_recognised_and_claims_are_not() {
        for caption in [
            "Representative Blake Farenthold, Republican of Texas, in December at the Capitol.CreditJoshua Roberts/Reuters",
            "Mr. Perry in Iowa on Monday.CreditJim Wilson/The New York Times",
            "Photo: Getty Images",
            "(AP Photo/Evan Vucci)",
            "Photograph by Ashley Gilbertson for The New York Times",
        ] {
            assert!(is_photo_caption(caption), "{caption}");
        }
        for claim in [
            "Credit Suisse agreed to pay $2.6 billion.",
            "The senator gave the governor Credit for the plan.",
            "Photos of the meeting were released on Tuesday.",
            "The company's CreditWatch rating was cut.",
        ] {
            assert!(!is_photo_caption(claim), "{claim}");
        }
    }

    #[test]
    fn semicolons_split_independent_statements() {
        let t = "A BMI of 25 or above is considered overweight; 30 or above is considered to be obese.";
        assert_eq!(
            texts(t, true),
            ["A BMI of 25 or above is considered overweight", "30 or above is considered to be obese."]
        );
    }

    #[test]
    fn short_sides_and_quotes_are_not_split() {
        assert_eq!(texts("He left, but she stayed at home all day long.", true).len(), 1);
        let quoted = "\"We talked for hours with the team, but nothing was decided in the end,\" he said to reporters.";
        assert_eq!(texts(quoted, true).len(), 1);
    }

    #[test]
    fn every_claim_slices_its_sentence() {
        let text = include_str!("../../seeds/001_7fb53fbd3c46e9a8.txt");
        let doc = Normalizer::new().normalize_str(text);
        let cs = claims(&doc, true);
        assert!(cs.len() > doc.sentences.len(), "some sentences of the seed split into clauses");
        for c in &cs {
            let s = &doc.sentences[c.sentence];
            assert!(s.span.0 <= c.span.0 && c.span.1 <= s.span.1);
            assert!(!c.text(text).is_empty());
        }
    }
}
