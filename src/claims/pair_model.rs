//! The pair model: do two claims of two articles share a claim?
//!
//! A logistic model over features of a candidate pair, learned from hand-labelled cross-outlet article pairs
//! (BASIL events, every sentence pair that shares a claim) with cross-validation by event:
//! `scripts/train-pair-model.py` fits it from the features `examples/pair_features.rs` dumps, and writes the
//! weights below. No single signal decides: the sentence encoder's cosine ranks topical neighbours high, word
//! overlap ranks stock phrases ("did not comment", "told reporters") high; what makes a shared claim is the
//! combination, and above all whether each claim is the other's best match in its article (the rank features).
//!
//! Features ([`FEATURE_NAMES`]):
//! - `cosine`: the sentence encoder's cosine ([`super::semantic`]), 0 without the model;
//! - `lexical`, `coverage_min`, `coverage_max`, `order_min`, `bigrams_max`, `number_mismatch`: the explainable
//!   word-overlap components ([`super::similarity::Components`]);
//! - `content_matched`, `names_unmatched`: shared content words and names left without a partner (capped);
//! - `cosine_gap_a`, `cosine_gap_b`, `lexical_gap_a`, `lexical_gap_b`: how far the pair is below the best
//!   partner of its A claim (of its B claim): 0 for the best pair;
//! - `position`: the difference in relative position in the two articles;
//! - `short`: `1 / (1 + content words)` of the shorter claim;
//! - `cosine_x_lexical`: both signals at once;
//! - `names_matched`, `numbers_matched`, `words_matched`: who and how many, and the rest of what is shared (the
//!   action, mostly), capped;
//! - `position_min`: the earlier of the two relative positions (leads share more claims than the ends);
//! - `cosine_rank_a`, `cosine_rank_b`, `lexical_rank_a`, `lexical_rank_b`: `1 / rank` of the pair among its A
//!   claim's (B claim's) candidates.

use serde::Serialize;

use super::similarity::Components;

/// Number of features.
pub const FEATURES: usize = 24;

/// Feature names, in [`PairFeatures`] order.
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "cosine",
    "lexical",
    "coverage_min",
    "coverage_max",
    "order_min",
    "bigrams_max",
    "number_mismatch",
    "content_matched",
    "names_unmatched",
    "cosine_gap_a",
    "cosine_gap_b",
    "lexical_gap_a",
    "lexical_gap_b",
    "position",
    "short",
    "cosine_x_lexical",
    "names_matched",
    "numbers_matched",
    "words_matched",
    "position_min",
    "cosine_rank_a",
    "cosine_rank_b",
    "lexical_rank_a",
    "lexical_rank_b",
];

/// The features of one candidate pair.
pub type PairFeatures = [f32; FEATURES];

/// Number of context features ([`CONTEXT_NAMES`]).
pub const CONTEXT_FEATURES: usize = 8;

/// The second stage's extra features: how the first stage's probability of a pair compares with the other
/// candidates of its two claims and of its neighbours (the claims just before and after).
pub const CONTEXT_NAMES: [&str; CONTEXT_FEATURES] = [
    "first_stage",
    "first_stage_gap_a",
    "first_stage_gap_b",
    "first_stage_rank_a",
    "first_stage_rank_b",
    "first_stage_second_a",
    "first_stage_second_b",
    "first_stage_neighbour",
];

/// Number of features of the second stage: the pair's own and its context.
pub const ALL_FEATURES: usize = FEATURES + CONTEXT_FEATURES;

/// The context features of one candidate pair.
pub type ContextFeatures = [f32; CONTEXT_FEATURES];

/// A fitted logistic model: `σ(intercept + Σ weight · (feature - mean) / scale)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Logistic<const N: usize> {
    /// Per-feature mean of the training data.
    #[serde(with = "serde_arrays")]
    pub mean: [f32; N],
    /// Per-feature standard deviation of the training data.
    #[serde(with = "serde_arrays")]
    pub scale: [f32; N],
    /// Per-feature weights (on standardized features).
    #[serde(with = "serde_arrays")]
    pub weights: [f32; N],
    /// The intercept.
    pub intercept: f32,
}

impl<const N: usize> Logistic<N> {
    /// Each feature's contribution to the log-odds.
    #[must_use]
    pub fn contributions(&self, features: &[f32; N]) -> [f32; N] {
        let mut out = [0.0; N];
        for (k, o) in out.iter_mut().enumerate() {
            *o = self.weights[k] * (features[k] - self.mean[k]) / self.scale[k].max(1e-6);
        }
        out
    }

    /// The probability.
    #[must_use]
    pub fn probability(&self, features: &[f32; N]) -> f32 {
        let z = self.intercept + self.contributions(features).iter().sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}

/// Serializes fixed-size arrays of any length as JSON arrays.
mod serde_arrays {
    use serde::Serializer;
    use serde::ser::SerializeSeq;

    pub fn serialize<S: Serializer, const N: usize>(values: &[f32; N], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(N))?;
        for v in values {
            seq.serialize_element(v)?;
        }
        seq.end()
    }
}

/// The fitted pair model: a first stage on the pair's own features, a second on those and their context.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PairModel {
    /// Model name (which features it uses).
    pub name: &'static str,
    /// The first stage, on [`FEATURE_NAMES`].
    pub pair: Logistic<FEATURES>,
    /// The second stage, on [`FEATURE_NAMES`] then [`CONTEXT_NAMES`].
    pub context: Logistic<ALL_FEATURES>,
    /// The probability at or above which a pair is taken to share a claim (cross-validated best claim F1).
    pub threshold: f32,
    /// The probability at or above which a claim already paired takes a further partner (many-to-many).
    pub threshold_many: f32,
}

impl PairModel {
    /// The second stage's input: the pair's features followed by its context.
    #[must_use]
    pub fn joined(features: &PairFeatures, context: &ContextFeatures) -> [f32; ALL_FEATURES] {
        let mut all = [0.0; ALL_FEATURES];
        all[..FEATURES].copy_from_slice(features);
        all[FEATURES..].copy_from_slice(context);
        all
    }
}

/// The context features of every candidate of one article pair, given `(a, b, first-stage probability)` per
/// candidate (in any order; the output follows the input's order).
#[must_use]
pub fn context_features(rows: &[(usize, usize, f32)]) -> Vec<ContextFeatures> {
    use rustc_hash::FxHashMap;
    let mut by_a: FxHashMap<usize, Vec<f32>> = FxHashMap::default();
    let mut by_b: FxHashMap<usize, Vec<f32>> = FxHashMap::default();
    let mut at: FxHashMap<(usize, usize), f32> = FxHashMap::default();
    for &(a, b, p) in rows {
        by_a.entry(a).or_default().push(p);
        by_b.entry(b).or_default().push(p);
        at.insert((a, b), p);
    }
    for v in by_a.values_mut().chain(by_b.values_mut()) {
        v.sort_by(|x, y| y.total_cmp(x));
    }
    let rank = |sorted: &[f32], p: f32| 1.0 / (1 + sorted.iter().filter(|&&q| q > p).count()) as f32;
    let second = |sorted: &[f32]| sorted.get(1).copied().unwrap_or(0.0);
    rows.iter()
        .map(|&(a, b, p)| {
            let (ra, rb) = (&by_a[&a], &by_b[&b]);
            let neighbour = [(-1, -1), (1, 1), (-1, 0), (1, 0), (0, -1), (0, 1)]
                .iter()
                .filter_map(|&(da, db): &(isize, isize)| {
                    let key = (a.checked_add_signed(da)?, b.checked_add_signed(db)?);
                    at.get(&key).copied()
                })
                .fold(0.0f32, f32::max);
            [p, p - ra[0], p - rb[0], rank(ra, p), rank(rb, p), second(ra), second(rb), neighbour]
        })
        .collect()
}

/// Why the pair model gave a pair its probability (`--explain`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelExplanation {
    /// The model.
    pub model: &'static str,
    /// The probability.
    pub probability: f32,
    /// Each feature of the second stage: name, value, contribution to the log-odds; largest contribution first.
    pub features: Vec<(&'static str, f32, f32)>,
}

impl ModelExplanation {
    /// Explains `model`'s verdict on a pair's features and context.
    #[must_use]
    pub fn new(model: &PairModel, features: &PairFeatures, context: &ContextFeatures) -> Self {
        let all = PairModel::joined(features, context);
        let contributions = model.context.contributions(&all);
        let mut out: Vec<(&'static str, f32, f32)> = FEATURE_NAMES
            .iter()
            .chain(&CONTEXT_NAMES)
            .zip(all)
            .zip(contributions)
            .map(|((n, v), c)| (*n, v, c))
            .collect();
        out.retain(|f| f.2.abs() >= 0.005);
        out.sort_by(|x, y| y.2.abs().total_cmp(&x.2.abs()));
        Self { model: model.name, probability: model.context.probability(&all), features: out }
    }
}

/// What the feature builder needs to know about one candidate pair.
#[derive(Debug, Clone, Copy)]
pub struct PairInputs<'c> {
    /// The word-overlap components (alignment preset).
    pub components: &'c Components,
    /// The encoder's cosine (0 without the model).
    pub cosine: f32,
    /// Best cosine of the A claim with any B claim.
    pub best_cosine_a: f32,
    /// Best cosine of the B claim with any A claim.
    pub best_cosine_b: f32,
    /// Best lexical score of the A claim with any B claim.
    pub best_lexical_a: f32,
    /// Best lexical score of the B claim with any A claim.
    pub best_lexical_b: f32,
    /// Relative position of the A claim in its article (`0..=1`).
    pub position_a: f32,
    /// Relative position of the B claim in its article.
    pub position_b: f32,
    /// Rank (1 = best) of the pair's cosine among the A claim's pairs, and among the B claim's.
    pub cosine_rank: (u32, u32),
    /// Rank (1 = best) of the pair's lexical score among the A claim's candidates, and among the B claim's.
    pub lexical_rank: (u32, u32),
}

/// The features of a pair.
#[must_use]
pub fn features(x: &PairInputs) -> PairFeatures {
    let c = x.components;
    let lexical = c.score;
    let capped = |n: u16| f32::from(n.min(8)) / 8.0;
    [
        x.cosine,
        lexical,
        c.coverage_a.min(c.coverage_b),
        c.coverage_a.max(c.coverage_b),
        c.order_a.min(c.order_b),
        c.bigrams_a.max(c.bigrams_b),
        f32::from(u8::from(c.number_mismatch)),
        capped(c.content_matched),
        capped(c.names_unmatched),
        x.cosine - x.best_cosine_a,
        x.cosine - x.best_cosine_b,
        lexical - x.best_lexical_a,
        lexical - x.best_lexical_b,
        (x.position_a - x.position_b).abs(),
        1.0 / (1.0 + f32::from(c.content_a.min(c.content_b))),
        x.cosine * lexical,
        capped(c.names_matched),
        f32::from(c.numbers_matched.min(4)) / 4.0,
        capped(c.content_matched.saturating_sub(c.names_matched).saturating_sub(c.numbers_matched)),
        x.position_a.min(x.position_b),
        1.0 / x.cosine_rank.0.max(1) as f32,
        1.0 / x.cosine_rank.1.max(1) as f32,
        1.0 / x.lexical_rank.0.max(1) as f32,
        1.0 / x.lexical_rank.1.max(1) as f32,
    ]
}

// BEGIN GENERATED by scripts/train-pair-model.py: do not edit by hand.
/// The default model: word overlap and the sentence encoder's cosine.
///
/// Fitted by `scripts/train-pair-model.py` on 36 labelled article pairs of 12 events;
/// held out (leave one event out): claim F1 0.703, pair precision 0.776, claim recall 0.642.
pub const SEMANTIC: PairModel = PairModel {
    name: "semantic",
    pair: Logistic {
        mean: [
            0.442778, 0.112640, 0.095736, 0.171917, 0.118638, 0.049115, 0.027778, 0.260761, 0.620680, -0.177501,
            -0.156993, -0.154492, -0.135685, 0.355571, 0.114790, 0.056952, 0.127942, 0.006997, 0.132713, 0.282339,
            0.291165, 0.321179, 0.348843, 0.387495,
        ],
        scale: [
            0.142461, 0.112222, 0.106302, 0.151572, 0.099105, 0.133061, 0.164336, 0.181557, 0.321315, 0.154023,
            0.145061, 0.190563, 0.177761, 0.256627, 0.074011, 0.098569, 0.126690, 0.047228, 0.153342, 0.250363,
            0.301353, 0.305918, 0.304175, 0.306735,
        ],
        weights: [
            0.556008, 0.501587, 0.570808, 1.295585, -0.000868, 0.464904, 0.013560, 0.200048, -0.020275, 0.017006,
            0.041548, 0.093217, -0.002604, -0.353780, -0.815835, -1.414586, -0.221697, 0.035058, -0.058734, -0.341525,
            0.304420, 0.164140, 0.136379, -0.112664,
        ],
        intercept: -3.354401,
    },
    context: Logistic {
        mean: [
            0.442778, 0.112640, 0.095736, 0.171917, 0.118638, 0.049115, 0.027778, 0.260761, 0.620680, -0.177501,
            -0.156993, -0.154492, -0.135685, 0.355571, 0.114790, 0.056952, 0.127942, 0.006997, 0.132713, 0.282339,
            0.291165, 0.321179, 0.348843, 0.387495, 0.097155, -0.346543, -0.289221, 0.348724, 0.387325, 0.171626,
            0.165260, 0.164083,
        ],
        scale: [
            0.142461, 0.112222, 0.106302, 0.151572, 0.099105, 0.133061, 0.164336, 0.181557, 0.321315, 0.154023,
            0.145061, 0.190563, 0.177761, 0.256627, 0.074011, 0.098569, 0.126690, 0.047228, 0.153342, 0.250363,
            0.301353, 0.305918, 0.304175, 0.306735, 0.202355, 0.348949, 0.334760, 0.304270, 0.306823, 0.211700,
            0.219341, 0.271563,
        ],
        weights: [
            0.569953, 0.692064, 0.676484, 2.114240, -0.038003, 0.785284, 0.076926, 0.193824, -0.047028, 0.078686,
            0.203249, 0.092728, 0.158590, -0.489053, -1.318514, -1.856075, -0.232638, 0.110116, 0.064473, -0.470045,
            0.627363, 0.350898, 0.396625, -0.061627, -0.912409, 0.137367, -0.286241, -0.330604, -0.122441, 0.020875,
            -0.037967, 0.309826,
        ],
        intercept: -3.772942,
    },
    threshold: 0.325,
    threshold_many: 0.5,
};
/// The lexical-only model (`--no-model`): the same features without the cosine.
///
/// Fitted by `scripts/train-pair-model.py` on 36 labelled article pairs of 12 events;
/// held out (leave one event out): claim F1 0.647, pair precision 0.745, claim recall 0.572.
pub const LEXICAL: PairModel = PairModel {
    name: "lexical",
    pair: Logistic {
        mean: [
            0.000000, 0.122626, 0.103044, 0.185302, 0.122522, 0.053904, 0.009830, 0.273556, 0.616429, 0.000000,
            0.000000, -0.152616, -0.132208, 0.355709, 0.115576, 0.000000, 0.129645, 0.007792, 0.143850, 0.281146,
            1.000000, 1.000000, 0.376054, 0.414390,
        ],
        scale: [
            1.000000, 0.115175, 0.110485, 0.155346, 0.103583, 0.140210, 0.098657, 0.185179, 0.321001, 1.000000,
            1.000000, 0.196633, 0.181990, 0.257428, 0.069121, 1.000000, 0.131403, 0.049866, 0.156931, 0.250394,
            1.000000, 1.000000, 0.310299, 0.312159,
        ],
        weights: [
            0.000000, 0.295090, -0.143579, 1.209352, 0.105324, 0.402565, 0.111234, 0.223639, -0.144317, 0.000000,
            0.000000, 0.142664, 0.026396, -0.347107, -0.912517, 0.000000, -0.127507, 0.014482, 0.038338, -0.353711,
            0.000000, 0.000000, 0.256784, -0.077240,
        ],
        intercept: -2.977604,
    },
    context: Logistic {
        mean: [
            0.000000, 0.122626, 0.103044, 0.185302, 0.122522, 0.053904, 0.009830, 0.273556, 0.616429, 0.000000,
            0.000000, -0.152616, -0.132208, 0.355709, 0.115576, 0.000000, 0.129645, 0.007792, 0.143850, 0.281146,
            1.000000, 1.000000, 0.376054, 0.414390, 0.107322, -0.338497, -0.274494, 0.376054, 0.414390, 0.169477,
            0.165614, 0.161819,
        ],
        scale: [
            1.000000, 0.115175, 0.110485, 0.155346, 0.103583, 0.140210, 0.098657, 0.185179, 0.321001, 1.000000,
            1.000000, 0.196633, 0.181990, 0.257428, 0.069121, 1.000000, 0.131403, 0.049866, 0.156931, 0.250394,
            1.000000, 1.000000, 0.310299, 0.312159, 0.208334, 0.348484, 0.333255, 0.310299, 0.312159, 0.209489,
            0.219978, 0.271914,
        ],
        weights: [
            0.000000, 0.466723, -0.203248, 1.875482, 0.100439, 0.786057, 0.228595, 0.265127, -0.217688, 0.000000,
            0.000000, 0.150332, 0.253872, -0.471850, -1.361476, 0.000000, -0.096777, 0.102906, 0.198300, -0.513027,
            0.000000, 0.000000, 0.531130, 0.121391, -0.923804, 0.256080, -0.258118, -0.169773, -0.325396, 0.075264,
            -0.176394, 0.342246,
        ],
        intercept: -3.240765,
    },
    threshold: 0.35,
    threshold_many: 0.7,
};
// END GENERATED

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(c: &Components, cosine: f32) -> PairInputs<'_> {
        PairInputs {
            components: c,
            cosine,
            best_cosine_a: 0.9,
            best_cosine_b: 0.9,
            best_lexical_a: 0.85,
            best_lexical_b: 0.85,
            position_a: 0.1,
            position_b: 0.15,
            cosine_rank: (1, 1),
            lexical_rank: (1, 1),
        }
    }

    /// A pair that shares most words and names, is each claim's best partner and the encoder finds close is
    /// taken; a pair sharing one word, far down both claims' lists, is not.
    #[test]
    fn probabilities_follow_the_evidence() {
        let strong = Components {
            coverage_a: 0.9,
            coverage_b: 0.8,
            order_a: 0.8,
            order_b: 0.7,
            bigrams_a: 0.6,
            bigrams_b: 0.5,
            content_a: 8,
            content_b: 9,
            content_matched: 7,
            names_matched: 2,
            score: 0.85,
            ..Components::default()
        };
        let weak = Components { content_a: 8, content_b: 9, content_matched: 1, score: 0.1, ..Components::default() };
        for model in [SEMANTIC, LEXICAL] {
            let (fs, fw) = (features(&inputs(&strong, 0.9)), features(&inputs(&weak, 0.3)));
            let ctx = context_features(&[(0, 0, model.pair.probability(&fs)), (1, 0, model.pair.probability(&fw))]);
            let p_strong = model.context.probability(&PairModel::joined(&fs, &ctx[0]));
            let p_weak = model.context.probability(&PairModel::joined(&fw, &ctx[1]));
            assert!(p_strong > model.threshold && p_weak < model.threshold, "{}: {p_strong} {p_weak}", model.name);
        }
    }

    #[test]
    fn context_compares_each_pair_with_its_rivals() {
        let ctx = context_features(&[(0, 0, 0.9), (0, 1, 0.5), (1, 1, 0.7)]);
        let close = |x: &[f32], y: &[f32]| x.iter().zip(y).all(|(a, b)| (a - b).abs() < 1e-6);
        assert!(close(&ctx[0], &[0.9, 0.0, 0.0, 1.0, 1.0, 0.5, 0.0, 0.7]), "{:?}", ctx[0]);
        assert!(close(&ctx[1][..5], &[0.5, -0.4, -0.2, 0.5, 0.5]), "{:?}", ctx[1]);
        assert!(close(&ctx[2][7..], &[0.9]), "{:?}", ctx[2]);
    }
}
