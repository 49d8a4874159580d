//! The token-level semantic match of two claims: BERTScore-like, over the content words only.
//!
//! The sentence encoder's pooled cosine ([`super::semantic`]) says two sentences are on one topic; the word
//! overlap ([`super::similarity`]) says they share words. Neither says whether the words one claim does *not*
//! share with the other have a counterpart there ("scheduled to occur in the near future" / "expected to take
//! place in the coming days"). This module matches each content word piece of one claim with its most similar
//! content word piece of the other, by the cosine of their contextual vectors from the same forward pass as the
//! sentence embedding, and averages the matches weighted by the word's idf, in each direction:
//! - [`TokenMatch::content`]: over every content piece (a word that is not a function word, a number, a name);
//! - [`TokenMatch::differing`]: over the content pieces whose word the other claim lacks: the words the lexical
//!   features cannot match, and whether they have a semantic partner (1 when there are none).
//!
//! The pair model ([`super::pair_model`]) takes both, and how a pair's content match ranks among its claims'
//! candidates. What they add was measured held out on the labelled events (`docs/model.md`).

use std::sync::Arc;

use super::semantic::{DIMENSIONS, Encoding};
use super::similarity::{Idf, TermClass, Terms};
use crate::normalize::Token;

/// The content word pieces of one claim: their vectors, the term each belongs to, its idf.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimPieces {
    vectors: Vec<f32>,
    terms: Vec<u64>,
    weights: Vec<f32>,
}

impl ClaimPieces {
    /// The content pieces of a claim whose text starts at byte `start` of its article, from its encoding (spans
    /// relative to the claim's text) and its tokens (spans in the article): a piece belongs to the token its
    /// first byte falls in, and counts when that token's first term is not a function word.
    #[must_use]
    pub fn new(encoding: &Arc<Encoding>, start: usize, tokens: &[Token], idf: &Idf) -> Self {
        let terms = Terms::from_tokens(tokens);
        let mut first_term: Vec<Option<usize>> = vec![None; tokens.len()];
        for (k, t) in terms.terms.iter().enumerate().rev() {
            if let Some(slot) = first_term.get_mut(t.token as usize) {
                *slot = Some(k);
            }
        }
        let mut out = Self::default();
        for (k, &(from, _)) in encoding.spans.iter().enumerate() {
            let at = start + from;
            let token = tokens.partition_point(|t| t.span.1 <= at);
            let Some(t) = tokens.get(token).filter(|t| t.span.0 <= at) else { continue };
            let Some(term) = first_term[token].map(|i| &terms.terms[i]) else { continue };
            if term.class == TermClass::Stop || t.span.1 <= t.span.0 {
                continue;
            }
            out.vectors.extend(encoding.piece(k).iter().map(|x| x.to_f32()));
            out.terms.push(term.id);
            out.weights.push(idf.idf(term.id));
        }
        out
    }

    /// Number of content pieces.
    #[must_use]
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// True when the claim has no content piece.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    fn vector(&self, k: usize) -> &[f32] {
        &self.vectors[k * DIMENSIONS..(k + 1) * DIMENSIONS]
    }
}

/// How well each claim's content pieces are matched in the other's, in `0..=1` (cosines below 0 count as 0).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TokenMatch {
    /// Idf-weighted mean best cosine of A's content pieces in B, and of B's in A.
    pub content: (f32, f32),
    /// The same over the pieces whose term the other claim lacks; 1 when there are none.
    pub differing: (f32, f32),
}

impl TokenMatch {
    /// The harmonic mean of the two directions of [`TokenMatch::content`]: the pair's token-level F, by which
    /// candidates are ranked.
    #[must_use]
    pub fn f(&self) -> f32 {
        let (p, r) = self.content;
        if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
    }
}

/// Matches two claims' content pieces.
#[must_use]
pub fn token_match(a: &ClaimPieces, b: &ClaimPieces) -> TokenMatch {
    if a.is_empty() || b.is_empty() {
        return TokenMatch { content: (0.0, 0.0), differing: (0.0, 0.0) };
    }
    let mut best_a = vec![0.0f32; a.len()];
    let mut best_b = vec![0.0f32; b.len()];
    for (k, ba) in best_a.iter_mut().enumerate() {
        let va = a.vector(k);
        for (l, bb) in best_b.iter_mut().enumerate() {
            let cos: f32 = va.iter().zip(b.vector(l)).map(|(x, y)| x * y).sum();
            *ba = ba.max(cos);
            *bb = bb.max(cos);
        }
    }
    let (content_a, differing_a) = direction(a, &best_a, b);
    let (content_b, differing_b) = direction(b, &best_b, a);
    TokenMatch { content: (content_a, content_b), differing: (differing_a, differing_b) }
}

/// The weighted means of `best` over `x`'s pieces and over those whose term `other` lacks.
fn direction(x: &ClaimPieces, best: &[f32], other: &ClaimPieces) -> (f32, f32) {
    let (mut all, mut all_w, mut differing, mut differing_w) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
    for ((&term, &w), &cos) in x.terms.iter().zip(&x.weights).zip(best) {
        let cos = cos.clamp(0.0, 1.0);
        all += w * cos;
        all_w += w;
        if !other.terms.contains(&term) {
            differing += w * cos;
            differing_w += w;
        }
    }
    let mean = |sum: f32, w: f32, none: f32| if w > 0.0 { (sum / w).clamp(0.0, 1.0) } else { none };
    (mean(all, all_w, 0.0), mean(differing, differing_w, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::semantic::SentenceEncoder;
    use crate::normalize::Normalizer;

    fn pieces(texts: &[&str]) -> Vec<ClaimPieces> {
        let n = Normalizer::new();
        let docs: Vec<_> = texts.iter().map(|t| n.normalize_str(t)).collect();
        let idf = Idf::from_documents(&docs);
        let enc = SentenceEncoder::shared().unwrap().encode(texts).unwrap();
        enc.iter().zip(&docs).map(|(e, d)| ClaimPieces::new(e, 0, &d.tokens, &idf)).collect()
    }

    /// The seeds' paraphrase: its differing words find partners (`meeting` / `discussions`, `scheduled` /
    /// `expected`) better than those of a sentence on the same topic that says something else.
    #[test]
    fn paraphrase_words_find_partners() {
        let p = pieces(&[
            "A high-level meeting with President Trump is scheduled to occur in the near future.",
            "Discussions with President Trump are expected to take place in the coming days.",
            "President Trump posted on social media about the war.",
        ]);
        let same = token_match(&p[0], &p[1]);
        let other = token_match(&p[0], &p[2]);
        assert!(same.f() > other.f(), "{same:?} / {other:?}");
        assert!(same.differing.0 > other.differing.0, "{same:?} / {other:?}");
    }

    /// Function words and punctuation carry no piece; a claim matched with itself matches fully; no content,
    /// no match.
    #[test]
    fn content_pieces_only() {
        let text = "Farenthold resigned on Friday.";
        let p = pieces(&[text, "the of and", text]);
        let all = SentenceEncoder::shared().unwrap().encode(&[text]).unwrap()[0].spans.len();
        assert_eq!(p[0].len(), all - 2, "every piece but `on` and `.`");
        assert!(p[1].is_empty());
        let m = token_match(&p[0], &p[2]);
        assert!((m.content.0 - 1.0).abs() < 1e-2 && (m.content.1 - 1.0).abs() < 1e-2, "{m:?}");
        assert_eq!(m.differing, (1.0, 1.0));
        assert_eq!(token_match(&p[0], &p[1]), TokenMatch::default());
    }
}
