//! Word-level diff of two claims: `similar`'s diff over the normalized keys of their words, reported as spans
//! of the original words.
//!
//! Diffing keys (lowercase, accent-free, typography folded) means `Zelenskyy’s` and `zelenskyy's` are equal,
//! while the output still prints what each outlet wrote. Punctuation is not diffed: it rides along inside the
//! spans. Each diff runs under a deadline ([`DIFF_DEADLINE`]) so that no input can hang it; past the deadline
//! `similar` returns a coarser (still correct) diff.

use std::time::{Duration, Instant};

use compact_str::CompactString;
use serde::Serialize;
use similar::{Algorithm, DiffTag, capture_diff_slices_by_key_deadline};

use std::ops::Range;

use crate::normalize::Token;
use crate::normalize::stopwords::is_stop_word;

/// The longest a single word diff may take before `similar` settles for a coarser answer.
pub const DIFF_DEADLINE: Duration = Duration::from_millis(50);

/// What a diff operation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OpTag {
    /// The words are the same (after normalization) on both sides.
    Equal,
    /// Words only in A.
    Delete,
    /// Words only in B.
    Insert,
    /// Words of A replaced by words of B.
    Replace,
}

/// A run of words on one side of a diff operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// The original text, from the first word's start to the last word's end.
    pub text: String,
    /// Byte span `[start, end)` in the article text.
    pub span: [usize; 2],
    /// Word range `[start, end)` within the claim's words.
    #[serde(skip)]
    pub words: [usize; 2],
}

/// How a replacement reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OpNote {
    /// The replaced words are spelling variants of each other (`Zelenskyy` / `Zelenskiy`).
    Variant,
    /// The replaced words disagree on a number, date or named participant.
    Conflict,
}

/// One operation of a word diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffOp {
    /// What the operation does.
    pub op: OpTag,
    /// A's words (absent for `insert`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub a: Option<Segment>,
    /// B's words (absent for `delete`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b: Option<Segment>,
    /// For `replace` (and `equal` words that differ in spelling only): what the change means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<OpNote>,
}

/// The word-like tokens of a claim, the units of the diff.
#[must_use]
pub fn words(tokens: &[Token]) -> Vec<&Token> {
    tokens.iter().filter(|t| t.is_wordlike()).collect()
}

fn segment(words: &[&Token], range: std::ops::Range<usize>, text: &str) -> Option<Segment> {
    if range.is_empty() {
        return None;
    }
    let span = [words[range.start].span.0, words[range.end - 1].span.1];
    Some(Segment { text: text[span[0]..span[1]].to_string(), span, words: [range.start, range.end] })
}

/// Readability clean-up: a run of at most [`SMALL_EQUAL`] function words left equal between two changes
/// (`[-grapples-] with {+battles+}`) joins them into one replacement, so the diff shows whole phrases.
fn absorb_small_equals(
    ops: Vec<(DiffTag, Range<usize>, Range<usize>)>,
    a_words: &[&Token],
) -> Vec<(DiffTag, Range<usize>, Range<usize>)> {
    let small = |tag: DiffTag, ra: &Range<usize>| {
        tag == DiffTag::Equal && ra.len() <= SMALL_EQUAL && a_words[ra.clone()].iter().all(|t| is_stop_word(&t.norm))
    };
    let mut out: Vec<(DiffTag, Range<usize>, Range<usize>)> = Vec::with_capacity(ops.len());
    let mut k = 0;
    while k < ops.len() {
        let (tag, ra, rb) = ops[k].clone();
        let prev_changed = out.last().is_some_and(|o| o.0 != DiffTag::Equal);
        let next_changed = ops.get(k + 1).is_some_and(|o| o.0 != DiffTag::Equal);
        if prev_changed && next_changed && small(tag, &ra) {
            let (_, nra, nrb) = ops[k + 1].clone();
            let last = out.last_mut().expect("a previous change");
            last.0 = DiffTag::Replace;
            last.1 = last.1.start..nra.end;
            last.2 = last.2.start..nrb.end;
            k += 2;
            continue;
        }
        match out.last_mut() {
            // Two changes in a row (after absorbing) become one replacement.
            Some(last) if last.0 != DiffTag::Equal && tag != DiffTag::Equal => {
                last.0 = DiffTag::Replace;
                last.1 = last.1.start..ra.end;
                last.2 = last.2.start..rb.end;
            }
            _ => out.push((tag, ra, rb)),
        }
        k += 1;
    }
    // A replacement with one side empty is a deletion or an insertion.
    for o in &mut out {
        if o.0 == DiffTag::Replace && o.1.is_empty() {
            o.0 = DiffTag::Insert;
        } else if o.0 == DiffTag::Replace && o.2.is_empty() {
            o.0 = DiffTag::Delete;
        }
    }
    out
}

/// Longest run of equal function words absorbed into the changes around it.
pub const SMALL_EQUAL: usize = 2;

/// Diffs two claims' words (`a_text`/`b_text` are the article texts the tokens' spans point into).
#[must_use]
pub fn diff(a_words: &[&Token], a_text: &str, b_words: &[&Token], b_text: &str) -> Vec<DiffOp> {
    diff_within(a_words, a_text, b_words, b_text, DIFF_DEADLINE)
}

/// Like [`diff`], with the time limit given: past it, the diff falls back to a coarser one (never wrong, only
/// less minimal).
#[must_use]
pub fn diff_within(a_words: &[&Token], a_text: &str, b_words: &[&Token], b_text: &str, limit: Duration) -> Vec<DiffOp> {
    let deadline = Instant::now() + limit;
    let ops = capture_diff_slices_by_key_deadline(
        Algorithm::Myers,
        a_words,
        b_words,
        |t| CompactString::from(t.key()),
        Some(deadline),
    );
    let ops: Vec<(DiffTag, Range<usize>, Range<usize>)> = ops.iter().map(similar::DiffOp::as_tag_tuple).collect();
    absorb_small_equals(ops, a_words)
        .into_iter()
        .map(|(tag, ra, rb)| {
            let op = match tag {
                DiffTag::Equal => OpTag::Equal,
                DiffTag::Delete => OpTag::Delete,
                DiffTag::Insert => OpTag::Insert,
                DiffTag::Replace => OpTag::Replace,
            };
            let note = (op == OpTag::Equal
                && a_words[ra.clone()].iter().zip(&b_words[rb.clone()]).any(|(x, y)| x.norm != y.norm))
            .then_some(OpNote::Variant);
            DiffOp { op, a: segment(a_words, ra, a_text), b: segment(b_words, rb, b_text), note }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    #[test]
    fn diff_keys_print_originals() {
        let n = Normalizer::new();
        let (a, b) = ("Zelenskyy’s team met U.S. envoys on Friday", "ZELENSKYY's team met US officials on Friday");
        let (ta, tb) = (n.tokens(a), n.tokens(b));
        let ops = diff(&words(&ta), a, &words(&tb), b);
        let tags: Vec<OpTag> = ops.iter().map(|o| o.op).collect();
        assert_eq!(tags, [OpTag::Equal, OpTag::Replace, OpTag::Equal]);
        assert_eq!(ops[0].a.as_ref().map(|s| s.text.as_str()), Some("Zelenskyy’s team met U.S."));
        assert_eq!(ops[0].b.as_ref().map(|s| s.text.as_str()), Some("ZELENSKYY's team met US"));
        assert_eq!(ops[0].note, Some(OpNote::Variant), "U.S. and US differ in spelling only");
        assert_eq!(ops[1].a.as_ref().map(|s| s.text.as_str()), Some("envoys"));
        assert_eq!(ops[1].b.as_ref().map(|s| s.text.as_str()), Some("officials"));
    }

    #[test]
    fn small_equal_function_words_join_the_changes_around_them() {
        let n = Normalizer::new();
        let (a, b) =
            ("the government grapples with a corruption scandal", "his government battles a corruption scandal");
        let (ta, tb) = (n.tokens(a), n.tokens(b));
        let ops = diff(&words(&ta), a, &words(&tb), b);
        let shown: Vec<(OpTag, Option<&str>, Option<&str>)> = ops
            .iter()
            .map(|o| (o.op, o.a.as_ref().map(|s| s.text.as_str()), o.b.as_ref().map(|s| s.text.as_str())))
            .collect();
        assert_eq!(
            shown,
            [
                (OpTag::Replace, Some("the"), Some("his")),
                (OpTag::Equal, Some("government"), Some("government")),
                (OpTag::Replace, Some("grapples with"), Some("battles")),
                (OpTag::Equal, Some("a corruption scandal"), Some("a corruption scandal")),
            ]
        );
    }

    #[test]
    fn long_hostile_input_finishes() {
        let n = Normalizer::new();
        let a: String = (0..3000).map(|i| format!("w{} ", i % 7)).collect();
        let b: String = (0..3000).map(|i| format!("w{} ", i % 11)).collect();
        let (ta, tb) = (n.tokens(&a), n.tokens(&b));
        let ops = diff(&words(&ta), &a, &words(&tb), &b);
        let covered: usize = ops.iter().filter_map(|o| o.a.as_ref()).map(|s| s.words[1] - s.words[0]).sum();
        assert_eq!(covered, 3000);
    }
}
