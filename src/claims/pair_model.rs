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
/// held out (leave one event out): claim F1 0.710, pair precision 0.808, claim recall 0.633.
pub const SEMANTIC: PairModel = PairModel {
    name: "semantic",
    pair: Logistic {
        mean: [
            0.439192, 0.109632, 0.093133, 0.166964, 0.118213, 0.048586, 0.026919, 0.253417, 0.597555, -0.23226,
            -0.106159, -0.217598, -0.070113, 0.355258, 0.115402, 0.055146, 0.120636, 0.006993, 0.132387, 0.283758,
            0.200517, 0.407127, 0.255237, 0.481025, 0.281459, 0.364086, 0.229014, 0.287141, 0.24068, 0.495213,
        ],
        scale: [
            0.145135, 0.111691, 0.105742, 0.150553, 0.09881, 0.132332, 0.161847, 0.179034, 0.324661, 0.16327, 0.106028,
            0.215199, 0.104065, 0.255658, 0.073908, 0.09813, 0.121009, 0.04717, 0.153435, 0.24983, 0.227245, 0.332868,
            0.235037, 0.326422, 0.104659, 0.128449, 0.082334, 0.121111, 0.223963, 0.323789,
        ],
        weights: [
            0.412757, 0.368023, 0.535816, 1.205893, 0.01464, 0.464299, -0.020449, -0.001549, -0.001268, 0.311452,
            -0.256269, -0.112119, 0.22119, -0.321546, -0.735997, -1.477889, -0.115497, 0.035206, 0.067583, -0.342369,
            0.111977, 0.276922, -0.113776, 0.094816, -0.089601, 0.594317, 0.467734, -0.472352, 0.177018, -0.077122,
        ],
        intercept: -3.396888,
    },
    context: Logistic {
        mean: [
            0.439192, 0.109632, 0.093133, 0.166964, 0.118213, 0.048586, 0.026919, 0.253417, 0.597555, -0.23226,
            -0.106159, -0.217598, -0.070113, 0.355258, 0.115402, 0.055146, 0.120636, 0.006993, 0.132387, 0.283758,
            0.200517, 0.407127, 0.255237, 0.481025, 0.281459, 0.364086, 0.229014, 0.287141, 0.24068, 0.495213,
            0.096204, -0.498923, -0.141175, 0.244739, 0.491154, 0.072726, 0.263413, 0.16489,
        ],
        scale: [
            0.145135, 0.111691, 0.105742, 0.150553, 0.09881, 0.132332, 0.161847, 0.179034, 0.324661, 0.16327, 0.106028,
            0.215199, 0.104065, 0.255658, 0.073908, 0.09813, 0.121009, 0.04717, 0.153435, 0.24983, 0.227245, 0.332868,
            0.235037, 0.326422, 0.104659, 0.128449, 0.082334, 0.121111, 0.223963, 0.323789, 0.203607, 0.350214,
            0.234409, 0.228778, 0.323563, 0.109265, 0.251086, 0.274348,
        ],
        weights: [
            0.377636, 0.444721, 0.457658, 1.987381, 0.05532, 0.905871, 0.07372, -0.049448, 0.042643, 0.669397,
            -0.424419, -0.131832, 0.433811, -0.481179, -1.174086, -1.46195, -0.146692, 0.099269, 0.256463, -0.52678,
            0.244993, 0.522019, -0.071739, 0.152395, -0.289714, 1.01527, 0.807138, -0.951441, 0.533144, -0.080987,
            -1.143751, -0.048773, -0.025504, -0.218934, -0.219276, -0.119704, 0.073935, 0.37023,
        ],
        intercept: -3.814048,
    },
    threshold: 0.4,
    threshold_many: 0.6,
    threshold_orphan: 0.5,
};
/// The lexical-only model (`--no-model`): the same features without the cosine.
///
/// Fitted by `scripts/train-pair-model.py` on 36 labelled article pairs of 12 events;
/// held out (leave one event out): claim F1 0.651, pair precision 0.677, claim recall 0.628.
pub const LEXICAL: PairModel = PairModel {
    name: "lexical",
    pair: Logistic {
        mean: [
            0.0, 0.119831, 0.100669, 0.180753, 0.122312, 0.053495, 0.00859, 0.266822, 0.591148, 0.0, 0.0, -0.216221,
            -0.065778, 0.354713, 0.116545, 0.0, 0.122196, 0.007814, 0.144238, 0.282584, 1.0, 1.0, 0.276134, 0.516261,
            0.0, 0.0, 0.0, 0.0, 1.0, 1.0,
        ],
        scale: [
            1.0, 0.114811, 0.110025, 0.154419, 0.103395, 0.139679, 0.092282, 0.18271, 0.324647, 1.0, 1.0, 0.221665,
            0.107507, 0.256219, 0.069449, 1.0, 0.125846, 0.04989, 0.157098, 0.249922, 1.0, 1.0, 0.242447, 0.327078,
            1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
        ],
        weights: [
            0.0, 0.299054, -0.11074, 1.150253, 0.079102, 0.370516, 0.102006, 0.115083, -0.110087, 0.0, 0.0, 0.05185,
            0.102301, -0.333764, -0.855449, 0.0, -0.04388, 0.029927, 0.145086, -0.360695, 0.0, 0.0, 0.093451, 0.081981,
            0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
        ],
        intercept: -2.942454,
    },
    context: Logistic {
        mean: [
            0.0, 0.119831, 0.100669, 0.180753, 0.122312, 0.053495, 0.00859, 0.266822, 0.591148, 0.0, 0.0, -0.216221,
            -0.065778, 0.354713, 0.116545, 0.0, 0.122196, 0.007814, 0.144238, 0.282584, 1.0, 1.0, 0.276134, 0.516261,
            0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.10689, -0.475262, -0.130366, 0.269649, 0.522747, 0.074876, 0.256627,
            0.162683,
        ],
        scale: [
            1.0, 0.114811, 0.110025, 0.154419, 0.103395, 0.139679, 0.092282, 0.18271, 0.324647, 1.0, 1.0, 0.221665,
            0.107507, 0.256219, 0.069449, 1.0, 0.125846, 0.04989, 0.157098, 0.249922, 1.0, 1.0, 0.242447, 0.327078,
            1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.207058, 0.350109, 0.228617, 0.239073, 0.324663, 0.106847, 0.250543, 0.2727,
        ],
        weights: [
            0.0, 0.4279, -0.212372, 1.777022, 0.116406, 0.722425, 0.212608, 0.213924, -0.163889, 0.0, 0.0, 0.148956,
            0.182269, -0.441506, -1.238913, 0.0, -0.039064, 0.096562, 0.31825, -0.525892, 0.0, 0.0, 0.256408, 0.287075,
            0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.903369, 0.020474, 0.011542, -0.00331, -0.402849, -0.232135, 0.09614,
            0.385508,
        ],
        intercept: -3.130906,
    },
    threshold: 0.3,
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
