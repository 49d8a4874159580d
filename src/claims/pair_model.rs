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
//! - `cosine_gap_min`, `cosine_gap_max`, `lexical_gap_min`, `lexical_gap_max`: how far the pair is below the
//!   best partner of its A claim and of its B claim (the larger and the smaller gap): 0 for the best pair;
//! - `position`: the difference in relative position in the two articles;
//! - `short`: `1 / (1 + content words)` of the shorter claim;
//! - `cosine_x_lexical`: both signals at once;
//! - `names_matched`, `numbers_matched`, `words_matched`: who and how many, and the rest of what is shared (the
//!   action, mostly), capped;
//! - `position_min`: the earlier of the two relative positions (leads share more claims than the ends);
//! - `cosine_rank_min`, `cosine_rank_max`, `lexical_rank_min`, `lexical_rank_max`: `1 / rank` of the pair
//!   among its A claim's and its B claim's candidates (the lower and the higher);
//! - `token_content_min`, `token_content_max`, `token_differing_min`, `token_differing_max`: the token-level
//!   match of the encoder's word-piece vectors ([`super::token_match`]), over all content words and over those
//!   the other claim lacks, 0 without the model;
//! - `token_rank_min`, `token_rank_max`: `1 / rank` of the pair's token-level F among its A claim's and its B
//!   claim's candidates.
//!
//! Every feature is symmetric in A and B (a pair of an A and a B value is given as its smaller and its larger
//! value), so `compare A B` and `compare B A` see the same probabilities.

use serde::Serialize;

use super::similarity::Components;
use super::token_match::TokenMatch;

/// Number of features.
pub const FEATURES: usize = 30;

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
    "cosine_gap_min",
    "cosine_gap_max",
    "lexical_gap_min",
    "lexical_gap_max",
    "position",
    "short",
    "cosine_x_lexical",
    "names_matched",
    "numbers_matched",
    "words_matched",
    "position_min",
    "cosine_rank_min",
    "cosine_rank_max",
    "lexical_rank_min",
    "lexical_rank_max",
    "token_content_min",
    "token_content_max",
    "token_differing_min",
    "token_differing_max",
    "token_rank_min",
    "token_rank_max",
];

/// Index of `coverage_min` in [`FEATURE_NAMES`].
pub const COVERAGE_MIN: usize = 2;

/// The features of one candidate pair.
pub type PairFeatures = [f32; FEATURES];

/// Number of context features ([`CONTEXT_NAMES`]).
pub const CONTEXT_FEATURES: usize = 8;

/// The second stage's extra features: how the first stage's probability of a pair compares with the other
/// candidates of its two claims and of its neighbours (the claims just before and after).
pub const CONTEXT_NAMES: [&str; CONTEXT_FEATURES] = [
    "first_stage",
    "first_stage_gap_min",
    "first_stage_gap_max",
    "first_stage_rank_min",
    "first_stage_rank_max",
    "first_stage_second_min",
    "first_stage_second_max",
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
    /// The probability at or above which a claim left without a partner joins a claim already paired.
    pub threshold_orphan: f32,
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
    rows.iter()
        .map(|&(a, b, p)| {
            let neighbour = NEIGHBOURS
                .iter()
                .filter_map(|&(da, db)| {
                    let key = (a.checked_add_signed(da)?, b.checked_add_signed(db)?);
                    at.get(&key).copied()
                })
                .fold(0.0f32, f32::max);
            context_of(p, &by_a[&a], &by_b[&b], neighbour)
        })
        .collect()
}

/// The context features of candidate `k` alone, as if its first-stage probability were `p`: what
/// [`context_features`] gives for row `k` of `rows` with `rows[k].2` replaced by `p`, in one pass and without
/// copying the rows (the conflict check asks it of a pair rewritten to agree).
#[must_use]
pub fn context_at(rows: &[(usize, usize, f32)], k: usize, p: f32) -> ContextFeatures {
    let (a, b, _) = rows[k];
    let probability = |i: usize| if i == k { p } else { rows[i].2 };
    let sorted = |same: &dyn Fn(&(usize, usize, f32)) -> bool| {
        let mut v: Vec<f32> = (0..rows.len()).filter(|&i| same(&rows[i])).map(probability).collect();
        v.sort_by(|x, y| y.total_cmp(x));
        v
    };
    let (ra, rb) = (sorted(&|r| r.0 == a), sorted(&|r| r.1 == b));
    let neighbour = (0..rows.len())
        .filter(|&i| {
            let (x, y, _) = rows[i];
            NEIGHBOURS
                .iter()
                .any(|&(da, db)| a.checked_add_signed(da) == Some(x) && b.checked_add_signed(db) == Some(y))
        })
        .map(probability)
        .fold(0.0f32, f32::max);
    context_of(p, &ra, &rb, neighbour)
}

/// The offsets `(in A, in B)` of the pairs next to a pair: the claims just before and after on both sides, or
/// on one side.
const NEIGHBOURS: [(isize, isize); 6] = [(-1, -1), (1, 1), (-1, 0), (1, 0), (0, -1), (0, 1)];

/// The context features of a candidate of first-stage probability `p`, from the probabilities of every
/// candidate of its claim in A (`ra`) and in B (`rb`), each sorted from the highest, and the best probability
/// of its neighbours.
fn context_of(p: f32, ra: &[f32], rb: &[f32], neighbour: f32) -> ContextFeatures {
    let rank = |sorted: &[f32]| 1.0 / (1 + sorted.iter().filter(|&&q| q > p).count()) as f32;
    let second = |sorted: &[f32]| sorted.get(1).copied().unwrap_or(0.0);
    let (gap_a, gap_b) = (p - ra[0], p - rb[0]);
    let (rank_a, rank_b) = (rank(ra), rank(rb));
    let (second_a, second_b) = (second(ra), second(rb));
    [
        p,
        gap_a.min(gap_b),
        gap_a.max(gap_b),
        rank_a.min(rank_b),
        rank_a.max(rank_b),
        second_a.min(second_b),
        second_a.max(second_b),
        neighbour,
    ]
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
    /// The token-level match of the two claims (all zero without the model).
    pub tokens: TokenMatch,
    /// Rank (1 = best) of the pair's token-level F among the A claim's candidates, and among the B claim's.
    pub token_rank: (u32, u32),
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
        (x.cosine - x.best_cosine_a).min(x.cosine - x.best_cosine_b),
        (x.cosine - x.best_cosine_a).max(x.cosine - x.best_cosine_b),
        (lexical - x.best_lexical_a).min(lexical - x.best_lexical_b),
        (lexical - x.best_lexical_a).max(lexical - x.best_lexical_b),
        (x.position_a - x.position_b).abs(),
        1.0 / (1.0 + f32::from(c.content_a.min(c.content_b))),
        x.cosine * lexical,
        capped(c.names_matched),
        f32::from(c.numbers_matched.min(4)) / 4.0,
        capped(c.content_matched.saturating_sub(c.names_matched).saturating_sub(c.numbers_matched)),
        x.position_a.min(x.position_b),
        1.0 / x.cosine_rank.0.max(x.cosine_rank.1).max(1) as f32,
        1.0 / x.cosine_rank.0.min(x.cosine_rank.1).max(1) as f32,
        1.0 / x.lexical_rank.0.max(x.lexical_rank.1).max(1) as f32,
        1.0 / x.lexical_rank.0.min(x.lexical_rank.1).max(1) as f32,
        x.tokens.content.0.min(x.tokens.content.1),
        x.tokens.content.0.max(x.tokens.content.1),
        x.tokens.differing.0.min(x.tokens.differing.1),
        x.tokens.differing.0.max(x.tokens.differing.1),
        1.0 / x.token_rank.0.max(x.token_rank.1).max(1) as f32,
        1.0 / x.token_rank.0.min(x.token_rank.1).max(1) as f32,
    ]
}

/// The features of a pair whose word-overlap components are `c` instead of those behind `features`: what the
/// pair model sees when one claim is rewritten (a conflicting detail given the other claim's value, see
/// [`super::align::Aligner::detail_conflicts`]). `lexical_rank` is the rewritten pair's rank among its A
/// claim's candidates and among its B claim's; the encoder's cosine, the token-level match and the positions are
/// kept.
#[must_use]
pub fn with_components(features: &PairFeatures, c: &Components, lexical_rank: (u32, u32)) -> PairFeatures {
    let mut out = *features;
    let lexical = c.score;
    let delta = lexical - features[1];
    let capped = |n: u16| f32::from(n.min(8)) / 8.0;
    out[1] = lexical;
    out[2] = c.coverage_a.min(c.coverage_b);
    out[3] = c.coverage_a.max(c.coverage_b);
    out[4] = c.order_a.min(c.order_b);
    out[5] = c.bigrams_a.max(c.bigrams_b);
    out[6] = f32::from(u8::from(c.number_mismatch));
    out[7] = capped(c.content_matched);
    out[8] = capped(c.names_unmatched);
    // The gap to each claim's best partner: the rewritten pair may become the best (gap 0).
    out[11] = (features[11] + delta).min(0.0);
    out[12] = (features[12] + delta).min(0.0);
    out[14] = 1.0 / (1.0 + f32::from(c.content_a.min(c.content_b)));
    out[15] = features[0] * lexical;
    out[16] = capped(c.names_matched);
    out[17] = f32::from(c.numbers_matched.min(4)) / 4.0;
    out[18] = capped(c.content_matched.saturating_sub(c.names_matched).saturating_sub(c.numbers_matched));
    out[22] = 1.0 / lexical_rank.0.max(lexical_rank.1).max(1) as f32;
    out[23] = 1.0 / lexical_rank.0.min(lexical_rank.1).max(1) as f32;
    out
}

// BEGIN GENERATED by scripts/train-pair-model.py: do not edit by hand.
/// The default model: word overlap and the sentence encoder's cosine.
///
/// Fitted by `scripts/train-pair-model.py` on 36 labelled article pairs of 12 events;
/// held out (leave one event out): claim F1 0.687, pair precision 0.784, claim recall 0.612.
pub const SEMANTIC: PairModel = PairModel {
    name: "semantic",
    pair: Logistic {
        mean: [
            0.444093, 0.110385, 0.093808, 0.168264, 0.11843, 0.049637, 0.027904, 0.253839, 0.621593, -0.228402,
            -0.104041, -0.21838, -0.070538, 0.355802, 0.114964, 0.056046, 0.120971, 0.007138, 0.132571, 0.282838,
            0.20411, 0.413324, 0.259185, 0.485432, 0.285166, 0.36881, 0.231312, 0.289756, 0.244559, 0.499679,
        ],
        scale: [
            0.142906, 0.113122, 0.107058, 0.152738, 0.099884, 0.134159, 0.164698, 0.179694, 0.322186, 0.16188, 0.10521,
            0.217096, 0.10518, 0.256251, 0.07447, 0.099363, 0.123164, 0.04769, 0.152502, 0.250136, 0.229166, 0.334027,
            0.237111, 0.326878, 0.103121, 0.126713, 0.081607, 0.121388, 0.226231, 0.324124,
        ],
        weights: [
            0.402452, 0.370108, 0.548376, 1.196485, -0.009006, 0.50108, -0.021488, -0.040356, -0.006225, 0.300367,
            -0.244507, -0.126641, 0.2289, -0.32717, -0.76752, -1.495625, -0.115484, 0.038933, 0.092569, -0.348887,
            0.121422, 0.275788, -0.13366, 0.141532, -0.078962, 0.618974, 0.468887, -0.481826, 0.185112, -0.090266,
        ],
        intercept: -3.347811,
    },
    context: Logistic {
        mean: [
            0.444093, 0.110385, 0.093808, 0.168264, 0.11843, 0.049637, 0.027904, 0.253839, 0.621593, -0.228402,
            -0.104041, -0.21838, -0.070538, 0.355802, 0.114964, 0.056046, 0.120971, 0.007138, 0.132571, 0.282838,
            0.20411, 0.413324, 0.259185, 0.485432, 0.285166, 0.36881, 0.231312, 0.289756, 0.244559, 0.499679, 0.098654,
            -0.498767, -0.14327, 0.249616, 0.494621, 0.073969, 0.266793, 0.16563,
        ],
        scale: [
            0.142906, 0.113122, 0.107058, 0.152738, 0.099884, 0.134159, 0.164698, 0.179694, 0.322186, 0.16188, 0.10521,
            0.217096, 0.10518, 0.256251, 0.07447, 0.099363, 0.123164, 0.04769, 0.152502, 0.250136, 0.229166, 0.334027,
            0.237111, 0.326878, 0.103121, 0.126713, 0.081607, 0.121388, 0.226231, 0.324124, 0.206119, 0.349628,
            0.235615, 0.232632, 0.323495, 0.110887, 0.252338, 0.274977,
        ],
        weights: [
            0.377218, 0.468585, 0.43383, 2.061529, 0.011127, 0.990924, 0.077292, -0.097574, 0.016527, 0.643806,
            -0.416108, -0.162667, 0.468808, -0.502653, -1.266345, -1.505877, -0.157848, 0.109402, 0.29199, -0.549269,
            0.261319, 0.546507, -0.142654, 0.267635, -0.243314, 1.044393, 0.834967, -0.982237, 0.536423, -0.093883,
            -1.224655, -0.037879, -0.024594, -0.154466, -0.299736, -0.128543, 0.100499, 0.372092,
        ],
        intercept: -3.782711,
    },
    threshold: 0.4,
    threshold_many: 0.7,
    threshold_orphan: 1.0,
};
/// The lexical-only model (`--no-model`): the same features without the cosine.
///
/// Fitted by `scripts/train-pair-model.py` on 36 labelled article pairs of 12 events;
/// held out (leave one event out): claim F1 0.645, pair precision 0.707, claim recall 0.593.
pub const LEXICAL: PairModel = PairModel {
    name: "lexical",
    pair: Logistic {
        mean: [
            0.0, 0.121066, 0.101731, 0.182717, 0.122718, 0.054846, 0.009116, 0.267923, 0.616316, 0.0, 0.0, -0.217137,
            -0.066236, 0.355234, 0.115825, 0.0, 0.122598, 0.008007, 0.145048, 0.281438, 1.0, 1.0, 0.280964, 0.521223,
            0.0, 0.0, 0.0, 0.0, 1.0, 1.0,
        ],
        scale: [
            1.0, 0.116374, 0.111512, 0.15678, 0.104693, 0.141819, 0.095039, 0.183367, 0.321772, 1.0, 1.0, 0.223939,
            0.108895, 0.256927, 0.069569, 1.0, 0.128335, 0.050532, 0.156058, 0.250246, 1.0, 1.0, 0.244667, 0.327374,
            1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
        ],
        weights: [
            0.0, 0.311713, -0.093717, 1.150679, 0.049449, 0.403136, 0.104774, 0.106573, -0.119347, 0.0, 0.0, 0.03953,
            0.113078, -0.338683, -0.856378, 0.0, -0.04666, 0.031369, 0.156178, -0.364167, 0.0, 0.0, 0.072894, 0.114725,
            0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
        ],
        intercept: -2.891516,
    },
    context: Logistic {
        mean: [
            0.0, 0.121066, 0.101731, 0.182717, 0.122718, 0.054846, 0.009116, 0.267923, 0.616316, 0.0, 0.0, -0.217137,
            -0.066236, 0.355234, 0.115825, 0.0, 0.122598, 0.008007, 0.145048, 0.281438, 1.0, 1.0, 0.280964, 0.521223,
            0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.110014, -0.475177, -0.133009, 0.274239, 0.527949, 0.076616, 0.261026,
            0.163831,
        ],
        scale: [
            1.0, 0.116374, 0.111512, 0.15678, 0.104693, 0.141819, 0.095039, 0.183367, 0.321772, 1.0, 1.0, 0.223939,
            0.108895, 0.256927, 0.069569, 1.0, 0.128335, 0.050532, 0.156058, 0.250246, 1.0, 1.0, 0.244667, 0.327374,
            1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.209647, 0.349269, 0.230523, 0.240404, 0.325453, 0.10862, 0.25172, 0.273355,
        ],
        weights: [
            0.0, 0.444512, -0.184356, 1.764146, 0.069821, 0.779091, 0.211466, 0.201129, -0.178268, 0.0, 0.0, 0.143935,
            0.227798, -0.435739, -1.241774, 0.0, -0.045885, 0.099979, 0.324679, -0.516671, 0.0, 0.0, 0.183941, 0.34546,
            0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.915709, 0.013507, -0.013887, 0.05002, -0.404186, -0.223294, 0.119026,
            0.400028,
        ],
        intercept: -3.081439,
    },
    threshold: 0.375,
    threshold_many: 0.6,
    threshold_orphan: 0.4,
};
// END GENERATED

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_at_is_the_row_of_context_features() {
        let rows: Vec<(usize, usize, f32)> =
            (0..35).map(|i| (i % 7, (i * 3) % 5, ((i * 37) % 101) as f32 / 100.0)).collect();
        for k in [0, 5, 17, 34] {
            for p in [0.0, 0.33, rows[k].2, 0.99] {
                let mut changed = rows.clone();
                changed[k].2 = p;
                assert_eq!(context_at(&rows, k, p), context_features(&changed)[k], "row {k}, p {p}");
            }
        }
    }

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
            tokens: TokenMatch { content: (cosine, cosine), differing: (cosine, cosine) },
            token_rank: (1, 1),
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

    /// Rewriting a pair's components gives the features the pair would have had with them from the start.
    #[test]
    fn with_components_matches_features() {
        let strong = Components {
            coverage_a: 0.9,
            coverage_b: 0.8,
            order_a: 0.8,
            bigrams_b: 0.5,
            content_a: 8,
            content_b: 9,
            content_matched: 7,
            names_matched: 2,
            numbers_matched: 1,
            score: 0.85,
            ..Components::default()
        };
        let weak = Components {
            content_a: 8,
            content_b: 9,
            content_matched: 1,
            number_mismatch: true,
            score: 0.1,
            ..Components::default()
        };
        let mut weak_inputs = inputs(&weak, 0.3);
        weak_inputs.lexical_rank = (2, 3);
        let fw = features(&weak_inputs);
        assert_eq!(with_components(&fw, &weak, (2, 3)), fw);
        assert_eq!(with_components(&fw, &strong, (1, 1)), features(&inputs(&strong, 0.3)));
    }

    #[test]
    fn context_compares_each_pair_with_its_rivals() {
        let ctx = context_features(&[(0, 0, 0.9), (0, 1, 0.5), (1, 1, 0.7)]);
        let close = |x: &[f32], y: &[f32]| x.iter().zip(y).all(|(a, b)| (a - b).abs() < 1e-6);
        assert!(close(&ctx[0], &[0.9, 0.0, 0.0, 1.0, 1.0, 0.0, 0.5, 0.7]), "{:?}", ctx[0]);
        assert!(close(&ctx[1][..5], &[0.5, -0.4, -0.2, 0.5, 0.5]), "{:?}", ctx[1]);
        assert!(close(&ctx[2][7..], &[0.9]), "{:?}", ctx[2]);
    }
}
