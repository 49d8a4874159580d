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
//!   among its A claim's and its B claim's candidates (the lower and the higher).
//!
//! Every feature is symmetric in A and B (a pair of an A and a B value is given as its smaller and its larger
//! value), so `compare A B` and `compare B A` see the same probabilities.

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
    ]
}

/// The features of a pair whose word-overlap components are `c` instead of those behind `features`: what the
/// pair model sees when one claim is rewritten (a conflicting detail given the other claim's value, see
/// [`super::align::Aligner::detail_conflicts`]). `lexical_rank` is the rewritten pair's rank among its A
/// claim's candidates and among its B claim's; the encoder's cosine and the positions are kept.
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
/// held out (leave one event out): claim F1 0.673, pair precision 0.767, claim recall 0.599.
pub const SEMANTIC: PairModel = PairModel {
    name: "semantic",
    pair: Logistic {
        mean: [
            0.442778, 0.112640, 0.095736, 0.171917, 0.118638, 0.049115, 0.027778, 0.260761, 0.620680, -0.229664,
            -0.104829, -0.219204, -0.070974, 0.355571, 0.114790, 0.056952, 0.127942, 0.006997, 0.132713, 0.282339,
            0.202129, 0.410215, 0.254892, 0.481446,
        ],
        scale: [
            0.142461, 0.112222, 0.106302, 0.151572, 0.099105, 0.133061, 0.164336, 0.181557, 0.321315, 0.161705,
            0.105051, 0.214935, 0.104436, 0.256627, 0.074011, 0.098569, 0.126690, 0.047228, 0.153342, 0.250363,
            0.227953, 0.333522, 0.234963, 0.326321,
        ],
        weights: [
            0.534212, 0.522899, 0.574972, 1.353801, 0.016145, 0.425902, 0.015444, 0.119548, -0.034365, 0.352220,
            -0.260469, -0.143917, 0.198435, -0.337394, -0.833584, -1.444273, -0.200787, 0.057115, -0.010768, -0.324993,
            0.177667, 0.287757, -0.085056, 0.104530,
        ],
        intercept: -3.348262,
    },
    context: Logistic {
        mean: [
            0.442778, 0.112640, 0.095736, 0.171917, 0.118638, 0.049115, 0.027778, 0.260761, 0.620680, -0.229664,
            -0.104829, -0.219204, -0.070974, 0.355571, 0.114790, 0.056952, 0.127942, 0.006997, 0.132713, 0.282339,
            0.202129, 0.410215, 0.254892, 0.481446, 0.096874, -0.492216, -0.141484, 0.245690, 0.490359, 0.074468,
            0.264351, 0.163430,
        ],
        scale: [
            0.142461, 0.112222, 0.106302, 0.151572, 0.099105, 0.133061, 0.164336, 0.181557, 0.321315, 0.161705,
            0.105051, 0.214935, 0.104436, 0.256627, 0.074011, 0.098569, 0.126690, 0.047228, 0.153342, 0.250363,
            0.227953, 0.333522, 0.234963, 0.326321, 0.201918, 0.346086, 0.227951, 0.230163, 0.323356, 0.110158,
            0.251132, 0.270967,
        ],
        weights: [
            0.573096, 0.718852, 0.633492, 2.156946, 0.008493, 0.725384, 0.082074, 0.066196, -0.069007, 0.648812,
            -0.344267, -0.190257, 0.422036, -0.453988, -1.327161, -1.848589, -0.201682, 0.141983, 0.163375, -0.441701,
            0.364129, 0.488928, -0.012017, 0.199419, -0.999881, 0.039198, -0.151638, -0.032842, -0.171180, -0.091578,
            0.142649, 0.311372,
        ],
        intercept: -3.745316,
    },
    threshold: 0.375,
    threshold_many: 0.7,
};
/// The lexical-only model (`--no-model`): the same features without the cosine.
///
/// Fitted by `scripts/train-pair-model.py` on 36 labelled article pairs of 12 events;
/// held out (leave one event out): claim F1 0.647, pair precision 0.727, claim recall 0.583.
pub const LEXICAL: PairModel = PairModel {
    name: "lexical",
    pair: Logistic {
        mean: [
            0.000000, 0.122626, 0.103044, 0.185302, 0.122522, 0.053904, 0.009830, 0.273556, 0.616429, 0.000000,
            0.000000, -0.217823, -0.067001, 0.355709, 0.115576, 0.000000, 0.129645, 0.007792, 0.143850, 0.281146,
            1.000000, 1.000000, 0.275138, 0.515307,
        ],
        scale: [
            1.000000, 0.115175, 0.110485, 0.155346, 0.103583, 0.140210, 0.098657, 0.185179, 0.321001, 1.000000,
            1.000000, 0.221334, 0.107847, 0.257428, 0.069121, 1.000000, 0.131403, 0.049866, 0.156931, 0.250394,
            1.000000, 1.000000, 0.242551, 0.326790,
        ],
        weights: [
            0.000000, 0.311175, -0.139592, 1.249459, 0.105323, 0.366771, 0.114396, 0.170840, -0.151469, 0.000000,
            0.000000, 0.072236, 0.085573, -0.338757, -0.926243, 0.000000, -0.115648, 0.028272, 0.077489, -0.336296,
            0.000000, 0.000000, 0.017540, 0.140591,
        ],
        intercept: -2.957301,
    },
    context: Logistic {
        mean: [
            0.000000, 0.122626, 0.103044, 0.185302, 0.122522, 0.053904, 0.009830, 0.273556, 0.616429, 0.000000,
            0.000000, -0.217823, -0.067001, 0.355709, 0.115576, 0.000000, 0.129645, 0.007792, 0.143850, 0.281146,
            1.000000, 1.000000, 0.275138, 0.515307, 0.107212, -0.476309, -0.132745, 0.269766, 0.520679, 0.076542,
            0.259729, 0.161421,
        ],
        scale: [
            1.000000, 0.115175, 0.110485, 0.155346, 0.103583, 0.140210, 0.098657, 0.185179, 0.321001, 1.000000,
            1.000000, 0.221334, 0.107847, 0.257428, 0.069121, 1.000000, 0.131403, 0.049866, 0.156931, 0.250394,
            1.000000, 1.000000, 0.242551, 0.326790, 0.207665, 0.348164, 0.228199, 0.239260, 0.325176, 0.108972,
            0.251917, 0.271174,
        ],
        weights: [
            0.000000, 0.496163, -0.243014, 2.051943, 0.147738, 0.767549, 0.245666, 0.259788, -0.253451, 0.000000,
            0.000000, 0.163492, 0.175083, -0.488476, -1.439646, 0.000000, -0.118242, 0.109848, 0.247928, -0.515905,
            0.000000, 0.000000, 0.090827, 0.448041, -1.076103, 0.071840, -0.043443, 0.041981, -0.456311, -0.206418,
            0.131275, 0.327117,
        ],
        intercept: -3.185955,
    },
    threshold: 0.375,
    threshold_many: 0.6,
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
