//! The score of `newsdiff score`: how likely two sentences are to make the same claim, from the word-overlap
//! components ([`super::similarity`]) and the embedded sentence encoder's cosine ([`super::semantic`]), combined
//! by a logistic model fitted on the MSRP paraphrase corpus.
//!
//! `newsdiff score --model` uses it; plain `newsdiff score` uses the components alone, which do as well on MSRP
//! ([`MSRP_SEMANTIC_MODEL`] gives the figures) at a hundredth of the cost.
//!
//! `compare` and `report` decide pairs with the pair model ([`super::pair_model`]), which also weighs each pair
//! against its rivals in the two articles; `score` has no articles around its pairs, only the pairs, so it uses
//! the pair-level signals of that model (the same components and the same encoder) fitted on sentence pairs
//! judged one by one. `examples/tune_msrp.rs` fits it and prints its cross-validated accuracy.

use super::semantic::{EncoderError, SentenceEncoder};
use super::similarity::{Components, Explanation, FEATURES, Idf, SimilarityConfig, score_pairs_with};

/// A logistic model over the similarity components and the encoder's cosine.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SemanticScoreModel {
    /// The intercept.
    pub intercept: f32,
    /// One weight per component, in [`super::similarity::FEATURE_NAMES`] order.
    pub weights: [f32; FEATURES],
    /// The weight of the cosine.
    pub cosine: f32,
}

impl SemanticScoreModel {
    /// The probability, in `0..=1`, that two sentences with these components and this cosine make the same claim.
    #[must_use]
    pub fn probability(&self, components: &Components, cosine: f32) -> f32 {
        let features = components.features();
        let z =
            self.intercept + features.iter().zip(&self.weights).map(|(x, w)| x * w).sum::<f32>() + self.cosine * cosine;
        1.0 / (1.0 + (-z).exp())
    }
}

/// The shipped model, fitted by `cargo run --release --example tune_msrp` on all 4,076 MSRP training pairs
/// (section 4 of its output). Five-fold cross-validated, it reaches accuracy 0.761 and F1 0.828, against 0.758 /
/// 0.829 for the components alone ([`super::similarity::MSRP_MODEL`]): MSRP's pairs were mined for word overlap,
/// and on them the encoder adds nothing the words do not already say, which is why `score` runs it only when
/// asked (`--model`). Its use is on paraphrases that share few words; the cosine alone reaches 0.724 / 0.813.
pub const MSRP_SEMANTIC_MODEL: SemanticScoreModel = SemanticScoreModel {
    intercept: -6.153,
    weights: [3.154, 2.661, 2.381, 2.208, -0.167, -0.160, -3.498, -0.452],
    cosine: 3.624,
};

/// The probability at or above which `score --model` calls a pair the same claim: the threshold with the best
/// accuracy chosen inside each fold of the cross-validation of `examples/tune_msrp.rs`, averaged over the five
/// folds.
pub const SEMANTIC_THRESHOLD: f32 = 0.558;

/// Scores raw sentence pairs with [`MSRP_SEMANTIC_MODEL`], in input order: the components as
/// [`super::similarity::score_pairs`] weighs them (every text a document of the idf table, `extra` added), the
/// cosine from `encoder`, which embeds every distinct text once, in batches on all cores. With `explain_each`,
/// each result carries its explanation, cosine included.
///
/// # Errors
/// An inference failure of the encoder.
pub fn score_pairs_semantic<S: AsRef<str> + Sync>(
    pairs: &[(S, S)],
    extra: Option<&Idf>,
    config: &SimilarityConfig,
    explain_each: bool,
    encoder: &SentenceEncoder,
) -> Result<Vec<(f32, Option<Explanation>)>, EncoderError> {
    let texts: Vec<&str> = pairs.iter().flat_map(|(a, b)| [a.as_ref(), b.as_ref()]).collect();
    let embedded = encoder.embed(&texts)?;
    let cosine = |k: usize| embedded.cosine(2 * k, &embedded, 2 * k + 1);
    let mut scored = score_pairs_with(pairs, extra, config, explain_each, |k, components| {
        MSRP_SEMANTIC_MODEL.probability(components, cosine(k))
    });
    for (k, (_, explanation)) in scored.iter_mut().enumerate() {
        if let Some(e) = explanation {
            e.cosine = Some(cosine(k));
        }
    }
    Ok(scored)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The real encoder: a paraphrase that shares few words scores well above a sentence on the same topic, and
    /// higher than the words alone score it; the explanation carries the cosine.
    #[test]
    fn paraphrases_score_above_topical_neighbours() {
        let pairs = [
            (
                "A high-level meeting with President Trump is scheduled to occur in the near future.",
                "Discussions with President Trump are expected to take place in the coming days.",
            ),
            (
                "A high-level meeting with President Trump is scheduled to occur in the near future.",
                "President Trump posted on social media about the war on Thursday.",
            ),
        ];
        let encoder = SentenceEncoder::shared().unwrap();
        let scored = score_pairs_semantic(&pairs, None, &SimilarityConfig::default(), true, encoder).unwrap();
        assert!(scored[0].0 > scored[1].0 + 0.2, "{} vs {}", scored[0].0, scored[1].0);
        assert!(scored[1].0 < SEMANTIC_THRESHOLD, "{}", scored[1].0);
        let words_alone = super::super::similarity::score_pairs(&pairs, None, &SimilarityConfig::default(), false);
        assert!(scored[0].0 > words_alone[0].0 + 0.05, "{} vs {}", scored[0].0, words_alone[0].0);
        let cosine = scored[0].1.as_ref().and_then(|e| e.cosine).unwrap();
        assert!((0.0..=1.0).contains(&cosine));
    }
}
