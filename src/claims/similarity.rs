//! Claim similarity: an explainable score in `0..=1` built from the normalizer's tokens.
//!
//! Two claims are compared as bags and sequences of *terms*, each term weighted by how informative it is:
//!
//! - **Terms.** Every word, number and compound part becomes a term: words are stemmed lightly
//!   ([`super::stem`]) on their accent-free matching key (so `attacked` meets `attacks`, `São` meets `Sao` and
//!   `U.S.` meets `US`); numbers become their value (`1,200` meets `1200`, `three` meets `3`); compounds give
//!   their parts (`28-point` gives `28` and `point`).
//! - **Weights.** A term weighs its inverse document frequency ([`Idf`]) raised to
//!   [`SimilarityConfig::idf_power`], counted over the sentences of the inputs themselves or of a reference
//!   corpus: a word found in every sentence weighs little, a name or a rare word a lot. Function words
//!   ([`crate::normalize::stopwords`]) weigh [`SimilarityConfig::stop_weight`] of that.
//! - **Matching.** Terms match when their stems are equal; capitalized words that did not match exactly may match
//!   a capitalized word of the other claim fuzzily when the same-name rule of [`crate::names::same_name()`]
//!   agrees (Jaro-Winkler on the matching keys gives the strength), so `Zelenskyy` meets `Zelenskiy` but
//!   `Austria` never meets `Australia`; words sharing their first [`SimilarityConfig::prefix_min`] letters
//!   match partly when the shared prefix is all but two letters of the shorter stem (`legislation` /
//!   `legislative`, not `conflict` / `confront`); a name meets a name or a word only when one derives from the
//!   other (`Ukraine` / `Ukrainian`, [`crate::names::same_name::is_derived`]), never on a shared prefix alone
//!   (`Press` and `President`, `Press` and `presidential`).
//! - **Components** ([`Components`]): each side's coverage (matched weight over total weight), word order (the
//!   longest common subsequence of the two term sequences over each length), shared bigrams over each side's
//!   bigrams, the difference in length, and whether each claim has a number the other lacks.
//! - **Combination** ([`Model`]): the default ([`MSRP_MODEL`]) is a logistic model fitted on the MSRP training
//!   split, the probability that two sentences make the same claim, scaled so that identical claims score 1;
//!   [`DEFAULT_THRESHOLD`] is its cross-validated best threshold. Claim alignment uses
//!   [`SimilarityConfig::alignment`], a linear combination that ranks partial overlaps.
//!
//! [`explain`] lists the components, which terms matched, how, and how much each contributed.
//! `examples/tune_msrp.rs` fits the model with 5-fold cross-validation; `scripts/eval-msrp.py` measures it next
//! to baselines.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use serde::Serialize;

use super::stem::stem;
use crate::article::Article;
use crate::normalize::stopwords::is_stop_word;
use crate::normalize::{Document, Normalizer, Token, TokenKind};

/// The score at or above which two claims are taken to be the same claim (`score` verdicts, `compare` pairs).
pub const DEFAULT_THRESHOLD: f32 = 0.52;

/// What a term is; decides its weight and whether it may match fuzzily.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TermClass {
    /// A function word (`the`, `of`, `said`).
    Stop,
    /// Any other word.
    Word,
    /// A capitalized word that is not a function word: a name, usually.
    Name,
    /// A number (by value).
    Number,
}

/// One term of a claim, before weighting.
#[derive(Debug, Clone, PartialEq)]
pub struct RawTerm {
    /// Hash of the term's text (the stem, or `#value` for a number): its identity.
    pub id: u64,
    /// The stem (or `#value`), kept for fuzzy matching and explanations.
    pub stem: compact_str::CompactString,
    /// What the term is.
    pub class: TermClass,
    /// Index of the token it came from, within the claim's tokens.
    pub token: u32,
}

/// The terms of a claim in order: what the similarity needs from a piece of text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Terms {
    /// Terms in text order (a term may repeat).
    pub terms: Vec<RawTerm>,
}

fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// English number words, so that `three` meets `3`.
#[must_use]
pub fn number_word(norm: &str) -> Option<f64> {
    Some(match norm {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" => 100.0,
        "dozen" => 12.0,
        _ => return None,
    })
}

/// The key of a number term: `#` and the value, shortest form (`#28`, `#3.6`, `#3600000`).
#[must_use]
pub fn number_key(value: f64) -> compact_str::CompactString {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        compact_str::format_compact!("#{}", value as i64)
    } else {
        compact_str::format_compact!("#{value}")
    }
}

impl Terms {
    /// The terms of a run of tokens (a claim).
    #[must_use]
    pub fn from_tokens(tokens: &[Token]) -> Self {
        let mut terms = Vec::with_capacity(tokens.len());
        for (i, t) in tokens.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            match t.kind {
                TokenKind::Number => {
                    let key = t.value.map_or_else(|| t.key().into(), number_key);
                    terms.push(RawTerm { id: hash_str(&key), stem: key, class: TermClass::Number, token: i });
                }
                TokenKind::Word => push_word(&mut terms, &t.norm, t.key(), t, i),
                TokenKind::Compound => {
                    let mut parts = t.key().split('-').filter(|p| !p.is_empty()).peekable();
                    if let Some(v) = t.value {
                        // `28-point`: the number, then the other parts.
                        parts.next();
                        let key = number_key(v);
                        terms.push(RawTerm { id: hash_str(&key), stem: key, class: TermClass::Number, token: i });
                    }
                    for p in parts {
                        push_word(&mut terms, p, p, t, i);
                    }
                }
                TokenKind::Symbol if t.norm == "%" => {
                    terms.push(RawTerm {
                        id: hash_str("percent"),
                        stem: "percent".into(),
                        class: TermClass::Word,
                        token: i,
                    });
                }
                TokenKind::Punct | TokenKind::Symbol => {}
            }
        }
        Self { terms }
    }

    /// The terms of a raw piece of text (normalized first).
    #[must_use]
    pub fn from_text(normalizer: &Normalizer, text: &str) -> Self {
        Self::from_tokens(&normalizer.tokens(text))
    }

    /// The distinct term ids, for document-frequency counting.
    pub fn distinct_ids(&self) -> impl Iterator<Item = u64> + '_ {
        let mut ids: Vec<u64> = self.terms.iter().map(|t| t.id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
    }

    /// Turns back into plain words the names whose capital letter says nothing: the claim's tokens before
    /// `unreliable_until` (a title's words, or the first word of a sentence) that `confirmed` does not hold.
    /// `Backers of the policy say ...` then weighs and matches `backers` as a word, while `Obama vetoed ...` keeps
    /// `Obama` a name when the document writes it capitalized elsewhere ([`confirmed_names`]).
    pub fn demote_unconfirmed_names(&mut self, unreliable_until: u32, confirmed: &FxHashSet<u64>) {
        for t in &mut self.terms {
            if t.token < unreliable_until && t.class == TermClass::Name && !confirmed.contains(&t.id) {
                t.class = TermClass::Word;
            }
        }
    }
}

/// The index of a sentence's first word-like token (the word whose capital may mark only the sentence's start),
/// or the number of tokens when it has none.
#[must_use]
pub fn first_word(tokens: &[Token]) -> usize {
    tokens.iter().position(Token::is_wordlike).unwrap_or(tokens.len())
}

/// The ids of the names a document writes capitalized where case says something: not in a title, not as the
/// first word of a sentence. A capitalized word found only at those places may be a common word
/// ([`Terms::demote_unconfirmed_names`]).
#[must_use]
pub fn confirmed_names(doc: &Document) -> FxHashSet<u64> {
    let mut out = FxHashSet::default();
    for s in doc.sentences.iter().filter(|s| !s.is_title) {
        let tokens = doc.sentence_tokens(s);
        let terms = Terms::from_tokens(tokens);
        let first = u32::try_from(first_word(tokens)).unwrap_or(u32::MAX);
        out.extend(terms.terms.iter().filter(|t| t.class == TermClass::Name && t.token != first).map(|t| t.id));
    }
    out
}

fn push_word(terms: &mut Vec<RawTerm>, norm: &str, key: &str, t: &Token, i: u32) {
    if let Some(v) = number_word(norm) {
        let key = number_key(v);
        terms.push(RawTerm { id: hash_str(&key), stem: key, class: TermClass::Number, token: i });
        return;
    }
    let stop = is_stop_word(norm) && !t.all_caps;
    let class = if stop {
        TermClass::Stop
    } else if t.capitalized && t.kind == TokenKind::Word {
        TermClass::Name
    } else {
        TermClass::Word
    };
    let s = stem(key);
    terms.push(RawTerm { id: hash_str(&s), stem: s.as_ref().into(), class, token: i });
}

/// Document frequencies of terms: how informative each term is.
///
/// A *document* is a sentence (a claim): a word that appears in most sentences of the inputs says little
/// about which claim a sentence makes.
#[derive(Debug, Clone, Default)]
pub struct Idf {
    df: FxHashMap<u64, u32>,
    docs: u32,
}

impl Idf {
    /// An empty table: every term is equally rare.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one document (its distinct terms).
    pub fn add(&mut self, terms: &Terms) {
        self.docs += 1;
        for id in terms.distinct_ids() {
            *self.df.entry(id).or_insert(0) += 1;
        }
    }

    /// Adds another table's counts to this one.
    pub fn merge(&mut self, other: &Idf) {
        self.docs += other.docs;
        for (&id, &n) in &other.df {
            *self.df.entry(id).or_insert(0) += n;
        }
    }

    /// A table over term lists (one document each).
    #[must_use]
    pub fn from_terms<'a>(docs: impl IntoIterator<Item = &'a Terms>) -> Self {
        let mut idf = Self::new();
        for t in docs {
            idf.add(t);
        }
        idf
    }

    /// A table over the sentences of normalized articles (each sentence one document).
    #[must_use]
    pub fn from_documents<'a>(docs: impl IntoIterator<Item = &'a Document>) -> Self {
        let mut idf = Self::new();
        for doc in docs {
            for s in &doc.sentences {
                idf.add(&Terms::from_tokens(doc.sentence_tokens(s)));
            }
        }
        idf
    }

    /// A table over the sentences of articles (normalized here).
    #[must_use]
    pub fn from_articles(articles: &[Article]) -> Self {
        let normalizer = Normalizer::new();
        let mut idf = Self::new();
        for a in articles {
            idf.merge(&Self::from_documents([&normalizer.normalize(a)]));
        }
        idf
    }

    /// Number of documents counted.
    #[must_use]
    pub fn documents(&self) -> u32 {
        self.docs
    }

    /// Inverse document frequency of a term id: `ln(1 + (N - df + 0.5) / (df + 0.5))`, always positive; an
    /// unseen term is as rare as can be.
    #[must_use]
    pub fn idf(&self, id: u64) -> f32 {
        let n = self.docs as f32;
        let df = self.df.get(&id).copied().unwrap_or(0) as f32;
        (1.0 + (n - df + 0.5).max(0.0) / (df + 0.5)).ln()
    }
}

/// Number of components the score combines ([`Components::features`]).
pub const FEATURES: usize = 8;

/// Names of the components the score combines, in [`Components::features`] order.
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "coverage_min",
    "coverage_max",
    "order_min",
    "order_max",
    "length_difference",
    "bigrams_min",
    "bigrams_max",
    "number_mismatch",
];

/// How the components combine into a score. Both forms are divided by their value for two identical claims,
/// so identical claims score 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "lowercase", tag = "form")]
pub enum Model {
    /// `σ(intercept + Σ weight · feature)`: a probability that the claims are the same (fitted on MSRP).
    Logistic {
        /// The intercept.
        intercept: f32,
        /// One weight per feature, in [`FEATURE_NAMES`] order.
        weights: [f32; FEATURES],
    },
    /// `Σ weight · feature`, clamped to `0..=1`: a graded overlap, for ranking partial matches.
    Linear {
        /// One weight per feature, in [`FEATURE_NAMES`] order.
        weights: [f32; FEATURES],
    },
}

/// The features of two identical claims.
const IDENTICAL: [f32; FEATURES] = [1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0];

impl Model {
    fn weights(&self) -> &[f32; FEATURES] {
        match self {
            Self::Logistic { weights, .. } | Self::Linear { weights } => weights,
        }
    }

    fn raw(&self, z: f32) -> f32 {
        match self {
            Self::Logistic { intercept, .. } => sigmoid(intercept + z),
            Self::Linear { .. } => z,
        }
    }

    fn weighted(&self, features: &[f32; FEATURES]) -> f32 {
        self.weights().iter().zip(features).map(|(w, f)| w * f).sum()
    }

    /// The score of a feature vector.
    #[must_use]
    pub fn score(&self, features: &[f32; FEATURES]) -> f32 {
        let top = self.raw(self.weighted(&IDENTICAL));
        if top <= 0.0 {
            return 0.0;
        }
        (self.raw(self.weighted(features)) / top).clamp(0.0, 1.0)
    }

    /// The highest score over features within `ranges` (`(low, high)` per feature).
    #[must_use]
    pub fn bound(&self, ranges: &[(f32, f32); FEATURES]) -> f32 {
        let best: f32 = self.weights().iter().zip(ranges).map(|(w, (lo, hi))| (w * lo).max(w * hi)).sum();
        let top = self.raw(self.weighted(&IDENTICAL));
        if top <= 0.0 { 0.0 } else { (self.raw(best) / top).clamp(0.0, 1.0) }
    }

    /// Each feature's contribution (weight times value), in [`FEATURE_NAMES`] order.
    #[must_use]
    pub fn contributions(&self, features: &[f32; FEATURES]) -> [f32; FEATURES] {
        let mut out = [0.0; FEATURES];
        for ((o, w), f) in out.iter_mut().zip(self.weights()).zip(features) {
            *o = w * f;
        }
        out
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// The tunable parameters of the similarity. [`SimilarityConfig::default`] holds the values chosen on MSRP.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SimilarityConfig {
    /// Weight of a function word, as a fraction of its idf.
    pub stop_weight: f32,
    /// Extra factor on names.
    pub name_weight: f32,
    /// Extra factor on numbers.
    pub number_weight: f32,
    /// Exponent applied to idf (1 = plain idf, 0 = every term counts the same).
    pub idf_power: f32,
    /// Smallest Jaro-Winkler similarity for a fuzzy name match.
    pub fuzzy_min: f32,
    /// Words that share this many first letters match partly (0: never).
    pub prefix_min: usize,
    /// How much a prefix match counts.
    pub prefix_similarity: f32,
    /// How the components make the score.
    pub model: Model,
}

/// The model fitted on the MSRP training split (`cargo run --release --example tune_msrp`).
///
/// Coverage and word order raise the score; length difference and a number mismatch lower it. Shared bigrams,
/// once coverage and order are counted, lower it too: in MSRP a sentence copied word for word into a longer
/// one that adds a clause is the typical "related but not the same claim" pair, while true paraphrases reword.
/// Fixing the bigram weights at zero or above costs 1.6 points of cross-validated accuracy (0.743 instead of
/// 0.759).
pub const MSRP_MODEL: Model =
    Model::Logistic { intercept: -4.977, weights: [4.703, 3.697, 2.560, 2.161, -0.166, -0.245, -3.779, -0.324] };

/// The alignment preset's combination: mostly the smaller coverage (a claim must be largely covered), some
/// of the larger one, a small penalty for numbers that disagree. Coverage alone bounds it tightly, which lets
/// the aligner skip almost every pair before the word-order and bigram features.
pub const ALIGNMENT_MODEL: Model = Model::Linear { weights: [0.75, 0.25, 0.0, 0.0, 0.0, 0.0, 0.0, -0.1] };

impl SimilarityConfig {
    /// The preset `compare` aligns claims with: plain idf weighting (rare words and names count much more than
    /// common ones) and a graded overlap ([`ALIGNMENT_MODEL`]). Two outlets rarely paraphrase each other
    /// sentence for sentence, so a shared claim scores by how much of it the other side covers, not by the
    /// probability that the two sentences are paraphrases (the default, fitted on MSRP, for `score`).
    #[must_use]
    pub fn alignment() -> Self {
        Self { stop_weight: 0.2, idf_power: 1.0, model: ALIGNMENT_MODEL, ..Self::default() }
    }
}

impl Default for SimilarityConfig {
    fn default() -> Self {
        Self {
            stop_weight: 0.8,
            name_weight: 1.0,
            number_weight: 1.0,
            idf_power: 0.25,
            fuzzy_min: 0.9,
            prefix_min: 4,
            prefix_similarity: 0.8,
            model: MSRP_MODEL,
        }
    }
}

/// A weighted, distinct term of a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// Identity (hash of the stem).
    pub id: u64,
    /// The stem or `#value`.
    pub stem: compact_str::CompactString,
    /// What it is.
    pub class: TermClass,
    /// Its weight.
    pub weight: f32,
    /// Index of its first token within the claim.
    pub token: u32,
    /// The stem's first four bytes (zero-padded): a quick test before fuzzy matching.
    pub head: [u8; 4],
}

fn head_of(stem: &str) -> [u8; 4] {
    let mut h = [0u8; 4];
    for (d, s) in h.iter_mut().zip(stem.bytes()) {
        *d = s;
    }
    h
}

/// A claim ready to be scored: distinct weighted terms sorted by id, the term sequence, total weight.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    /// Distinct terms, sorted by id.
    pub terms: Vec<Term>,
    /// Term ids in text order (with repeats).
    pub sequence: Vec<u64>,
    /// Sum of the term weights.
    pub total: f32,
    /// Whether any term is a number.
    pub has_number: bool,
    /// Distinct bigrams of [`Profile::sequence`], sorted (for the bigram features, computed once per claim).
    pub bigrams: Vec<(u64, u64)>,
    /// Distinct terms by class: content words (not stop words), names, numbers.
    pub class_counts: ClassCounts,
    /// Where each distinct id stands in [`Profile::sequence`], as bits, sorted by id; empty for a sequence of
    /// more than 64 ids (for the word-order feature, a word at a time).
    pub positions: Vec<(u64, u64)>,
}

/// How many of a profile's distinct terms are of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClassCounts {
    /// Terms that are not stop words.
    pub content: u16,
    /// Names.
    pub names: u16,
    /// Numbers.
    pub numbers: u16,
}

impl ClassCounts {
    fn of(terms: &[Term]) -> Self {
        let count = |c: &dyn Fn(TermClass) -> bool| {
            u16::try_from(terms.iter().filter(|t| c(t.class)).count()).unwrap_or(u16::MAX)
        };
        Self {
            content: count(&|c| c != TermClass::Stop),
            names: count(&|c| c == TermClass::Name),
            numbers: count(&|c| c == TermClass::Number),
        }
    }
}

impl Profile {
    /// Weighs a claim's terms.
    #[must_use]
    pub fn new(terms: &Terms, idf: &Idf, config: &SimilarityConfig) -> Self {
        let mut out: Vec<Term> = terms
            .terms
            .iter()
            .map(|t| {
                let base = idf.idf(t.id).max(1e-3).powf(config.idf_power);
                let factor = match t.class {
                    TermClass::Stop => config.stop_weight,
                    TermClass::Word => 1.0,
                    TermClass::Name => config.name_weight,
                    TermClass::Number => config.number_weight,
                };
                Term {
                    id: t.id,
                    stem: t.stem.clone(),
                    class: t.class,
                    weight: base * factor,
                    token: t.token,
                    head: head_of(&t.stem),
                }
            })
            .collect();
        out.sort_by(|a, b| a.id.cmp(&b.id).then(a.token.cmp(&b.token)));
        out.dedup_by(|later, first| {
            if later.id == first.id {
                // Keep the name class when one occurrence is capitalized.
                if later.class == TermClass::Name {
                    first.class = TermClass::Name;
                    first.weight = first.weight.max(later.weight);
                }
                true
            } else {
                false
            }
        });
        let total = out.iter().map(|t| t.weight).sum();
        let has_number = out.iter().any(|t| t.class == TermClass::Number);
        let sequence: Vec<u64> = terms.terms.iter().map(|t| t.id).collect();
        let class_counts = ClassCounts::of(&out);
        Self {
            bigrams: bigram_set(&sequence),
            positions: positions(&sequence),
            terms: out,
            sequence,
            total,
            has_number,
            class_counts,
        }
    }

    /// Number of distinct terms.
    #[must_use]
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// True when the claim has no terms.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// How two terms matched.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "lowercase", tag = "how", content = "similarity")]
pub enum MatchKind {
    /// Same stem (or same number).
    Exact,
    /// Name spellings close enough (Jaro-Winkler similarity given).
    Fuzzy(f32),
}

/// The parts of a score, for explanations and tuning.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Components {
    /// Matched weight of A over A's total weight.
    pub coverage_a: f32,
    /// Matched weight of B over B's total weight.
    pub coverage_b: f32,
    /// Longest common subsequence of the two term sequences over A's length (word order kept).
    pub order_a: f32,
    /// The same over B's length.
    pub order_b: f32,
    /// Share of A's word bigrams found in B.
    pub bigrams_a: f32,
    /// Share of B's word bigrams found in A.
    pub bigrams_b: f32,
    /// Difference in length, in terms.
    pub length_difference: f32,
    /// Each claim has a number the other lacks.
    pub number_mismatch: bool,
    /// Distinct content terms (not function words) of A.
    pub content_a: u16,
    /// Distinct content terms of B.
    pub content_b: u16,
    /// Content terms matched (pairs).
    pub content_matched: u16,
    /// Names of A and B left without a match.
    pub names_unmatched: u16,
    /// Name terms matched (pairs).
    pub names_matched: u16,
    /// Numbers matched (pairs).
    pub numbers_matched: u16,
    /// Total term weight of A.
    pub weight_a: f32,
    /// Total term weight of B.
    pub weight_b: f32,
    /// The final score.
    pub score: f32,
}

/// One matched pair of terms and what it contributed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    /// The term in A (stem or `#value`).
    pub a: String,
    /// The term in B.
    pub b: String,
    /// Index of the token in A's claim.
    pub a_token: u32,
    /// Index of the token in B's claim.
    pub b_token: u32,
    /// How they matched.
    #[serde(flatten)]
    pub how: MatchKind,
    /// Matched weight on A's side over A's total weight (its share of `coverage_a`).
    pub share_a: f32,
    /// Matched weight on B's side over B's total weight.
    pub share_b: f32,
}

/// An explained score: its components, the matched terms and the terms left unmatched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The score's components.
    #[serde(flatten)]
    pub components: Components,
    /// Matched terms, heaviest first.
    pub matched: Vec<Contribution>,
    /// A's terms without a match, with their share of A's weight.
    pub only_a: Vec<(String, f32)>,
    /// B's terms without a match, with their share of B's weight.
    pub only_b: Vec<(String, f32)>,
    /// The pair model's verdict and its reasons (in an alignment).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<super::pair_model::ModelExplanation>,
    /// The sentence encoder's cosine of the two claims, when the score used it (`newsdiff score` with the model).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cosine: Option<f32>,
}

fn fuzzy_class(c: TermClass) -> bool {
    matches!(c, TermClass::Name | TermClass::Word)
}

/// Matches two profiles' terms: exact matches by merge join, then fuzzy name matches among the rest.
/// Calls `on_match(i, j, kind, similarity)` for each match (i in A, j in B).
fn match_terms(a: &Profile, b: &Profile, config: &SimilarityConfig, mut on_match: impl FnMut(usize, usize, MatchKind)) {
    let (mut i, mut j) = (0, 0);
    let mut a_names: Vec<usize> = Vec::new();
    let mut b_names: Vec<usize> = Vec::new();
    while i < a.terms.len() && j < b.terms.len() {
        let (ta, tb) = (&a.terms[i], &b.terms[j]);
        match ta.id.cmp(&tb.id) {
            std::cmp::Ordering::Equal => {
                on_match(i, j, MatchKind::Exact);
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => {
                if fuzzy_class(ta.class) {
                    a_names.push(i);
                }
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                if fuzzy_class(tb.class) {
                    b_names.push(j);
                }
                j += 1;
            }
        }
    }
    a_names.extend((i..a.terms.len()).filter(|&k| fuzzy_class(a.terms[k].class)));
    b_names.extend((j..b.terms.len()).filter(|&k| fuzzy_class(b.terms[k].class)));
    if a_names.is_empty() || b_names.is_empty() {
        return;
    }
    let mut used = vec![false; b_names.len()];
    for &ia in &a_names {
        let ta = &a.terms[ia];
        let mut best: Option<(usize, f32)> = None;
        for (k, &jb) in b_names.iter().enumerate() {
            if used[k] {
                continue;
            }
            let tb = &b.terms[jb];
            // Both kinds of fuzzy match need the same first letter; a prefix match of up to four letters is
            // decided on the heads alone.
            if ta.head[0] != tb.head[0]
                || (config.prefix_min <= 4
                    && ta.class == TermClass::Word
                    && tb.class == TermClass::Word
                    && ta.head[..config.prefix_min] != tb.head[..config.prefix_min])
            {
                continue;
            }
            // Two names match by spelling only as the same-name rule allows, and partly when one derives from the
            // other (`Ukraine` / `Ukrainian`); a shared prefix alone says nothing about two names (`Press` /
            // `President`), only about word forms (`legislation` / `legislative`).
            let prefix = config.prefix_min > 0 && same_prefix(&ta.stem, &tb.stem, config.prefix_min);
            let derived = || prefix && crate::names::same_name::is_derived(&ta.stem, &tb.stem);
            let sim = match (ta.class, tb.class) {
                (TermClass::Name, TermClass::Name) => fuzzy_name_match(&ta.stem, &tb.stem, config)
                    .or_else(|| derived().then_some(config.prefix_similarity)),
                (TermClass::Word, TermClass::Word) => {
                    (prefix && word_forms(&ta.stem, &tb.stem)).then_some(config.prefix_similarity)
                }
                // A name meets a word only as its derivation (`Ukraine` / `ukrainian`), never by a shared prefix
                // (`Press` / `presidential`).
                _ => derived().then_some(config.prefix_similarity),
            };
            if let Some(sim) = sim
                && best.is_none_or(|(_, s)| sim > s)
            {
                best = Some((k, sim));
            }
        }
        if let Some((k, sim)) = best {
            used[k] = true;
            on_match(ia, b_names[k], MatchKind::Fuzzy(sim));
        }
    }
}

/// Most letters of the shorter stem that may follow the shared prefix of two forms of one word: `resolv` /
/// `resolut` and `diplomat` / `diplomac` are forms of one word, `conflict` / `confront` and `constitut` /
/// `construct` are not. Two letters, not one, for `destroy` / `destruct`; the price: `protect` / `protest` still
/// match partly.
const WORD_FORM_TAIL: usize = 2;

/// True when two stems that share a prefix are forms of one word: the prefix they share is all of the shorter
/// stem but at most [`WORD_FORM_TAIL`] letters.
fn word_forms(a: &str, b: &str) -> bool {
    let shared = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    a.len().min(b.len()) <= shared + WORD_FORM_TAIL
}

/// True when two words share their first `n` letters (`legislation` / `legislative`).
fn same_prefix(a: &str, b: &str, n: usize) -> bool {
    a.len() >= n
        && b.len() >= n
        && a.as_bytes()[..n] == b.as_bytes()[..n]
        && a.is_char_boundary(n)
        && b.is_char_boundary(n)
}

/// The strength of a fuzzy match between two name keys: their [`fuzzy_name_similarity`] when it reaches
/// [`SimilarityConfig::fuzzy_min`] and [`crate::names::same_name()`] holds (not `Russia` / `Russian`, not
/// `Austria` / `Australia`).
#[must_use]
pub fn fuzzy_name_match(a: &str, b: &str, config: &SimilarityConfig) -> Option<f32> {
    fuzzy_name_similarity(a, b).filter(|&s| s >= config.fuzzy_min && crate::names::same_name(a, b))
}

/// Jaro-Winkler similarity of two name keys when they may be spellings of one name: at least four letters
/// each, the same first letter, lengths within a third of each other. `None` when they cannot be.
#[must_use]
pub fn fuzzy_name_similarity(a: &str, b: &str) -> Option<f32> {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la < 4 || lb < 4 || a.chars().next() != b.chars().next() || la.abs_diff(lb) * 3 > la.max(lb) {
        return None;
    }
    Some(strsim::jaro_winkler(a, b) as f32)
}

impl Components {
    /// The model's features, in [`FEATURE_NAMES`] order.
    #[must_use]
    pub fn features(&self) -> [f32; FEATURES] {
        [
            self.coverage_a.min(self.coverage_b),
            self.coverage_a.max(self.coverage_b),
            self.order_a.min(self.order_b),
            self.order_a.max(self.order_b),
            self.length_difference,
            self.bigrams_a.min(self.bigrams_b),
            self.bigrams_a.max(self.bigrams_b),
            f32::from(u8::from(self.number_mismatch)),
        ]
    }
}

/// Longest term sequence the word-order feature looks at (the rest of a longer claim is ignored there), so that
/// the quadratic subsequence search stays bounded.
pub const MAX_ORDER_TERMS: usize = 512;

/// Length of the longest common subsequence of two id sequences (their first [`MAX_ORDER_TERMS`] ids).
fn lcs(a: &[u64], b: &[u64]) -> usize {
    let (a, b) = (&a[..a.len().min(MAX_ORDER_TERMS)], &b[..b.len().min(MAX_ORDER_TERMS)]);
    let mut row = vec![0u16; b.len() + 1];
    for x in a {
        let mut diagonal = 0u16;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { up.max(row[j]) };
            diagonal = up;
        }
    }
    usize::from(row[b.len()])
}

/// Where each distinct id of a sequence of at most 64 ids stands, as bits (bit `k` for position `k`), sorted by
/// id; empty for a longer sequence.
fn positions(seq: &[u64]) -> Vec<(u64, u64)> {
    if seq.len() > 64 {
        return Vec::new();
    }
    let mut v: Vec<(u64, u64)> = seq.iter().enumerate().map(|(k, &id)| (id, 1u64 << k)).collect();
    v.sort_unstable_by_key(|p| p.0);
    v.dedup_by(|later, first| {
        let same = later.0 == first.0;
        if same {
            first.1 |= later.1;
        }
        same
    });
    v
}

/// [`lcs`] of `a` and a sequence of `len` ids (at most 64) given by its [`positions`], a machine word at a
/// time: the bit-parallel form of the dynamic programme (Allison and Dix 1986; Hyyrö 2004). Bit `k` of `v` is
/// clear where the row of the programme steps up at column `k`, so the length is the number of clear bits.
fn lcs_with_positions(a: &[u64], positions: &[(u64, u64)], len: usize) -> usize {
    debug_assert!(len <= 64);
    let mut v = u64::MAX;
    for x in &a[..a.len().min(MAX_ORDER_TERMS)] {
        if let Ok(k) = positions.binary_search_by_key(x, |p| p.0) {
            let u = v & positions[k].1;
            v = v.wrapping_add(u) | (v & !positions[k].1);
        }
    }
    let columns = if len == 64 { u64::MAX } else { (1u64 << len) - 1 };
    (!v & columns).count_ones() as usize
}

/// Sorted, distinct bigrams of an id sequence.
fn bigram_set(seq: &[u64]) -> Vec<(u64, u64)> {
    let mut v: Vec<(u64, u64)> = seq.windows(2).map(|w| (w[0], w[1])).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn shared_sorted<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    n
}

/// Scores two profiles, returning every component.
#[must_use]
pub fn components(a: &Profile, b: &Profile, config: &SimilarityConfig) -> Components {
    components_above(a, b, config, f32::NEG_INFINITY).unwrap_or_default()
}

/// Like [`components`], but gives up (`None`) as soon as the matched terms show the score cannot reach `floor`:
/// the word-order and bigram features, the expensive part, are computed only for pairs that may.
#[must_use]
pub fn components_above(a: &Profile, b: &Profile, config: &SimilarityConfig, floor: f32) -> Option<Components> {
    if a.is_empty() || b.is_empty() {
        return (floor <= 0.0).then(Components::default);
    }
    let (mut wa, mut wb) = (0.0f32, 0.0f32);
    let (mut num_a, mut num_b) = (0usize, 0usize);
    let (mut content_matched, mut names_matched) = (0u16, 0u16);
    let mut names_pairs = 0usize;
    // B's ids that matched an A id fuzzily, to be read as that id in the sequence features.
    let mut renamed: Vec<(u64, u64)> = Vec::new();
    let mut matched = 0usize;
    match_terms(a, b, config, |i, j, how| {
        matched += 1;
        content_matched += u16::from(a.terms[i].class != TermClass::Stop);
        names_matched +=
            u16::from(a.terms[i].class == TermClass::Name) + u16::from(b.terms[j].class == TermClass::Name);
        names_pairs += usize::from(a.terms[i].class == TermClass::Name || b.terms[j].class == TermClass::Name);
        let s = match how {
            MatchKind::Exact => 1.0,
            MatchKind::Fuzzy(s) => {
                renamed.push((b.terms[j].id, a.terms[i].id));
                s
            }
        };
        wa += a.terms[i].weight * s;
        wb += b.terms[j].weight * s;
        if a.terms[i].class == TermClass::Number {
            num_a += 1;
            num_b += 1;
        }
    });
    if wa == 0.0 {
        return (floor <= 0.0).then(|| Components { weight_a: a.total, weight_b: b.total, ..Components::default() });
    }
    let number_mismatch = a.has_number
        && b.has_number
        && usize::from(a.class_counts.numbers) > num_a
        && usize::from(b.class_counts.numbers) > num_b;
    let coverage_a = (wa / a.total.max(f32::MIN_POSITIVE)).min(1.0);
    let coverage_b = (wb / b.total.max(f32::MIN_POSITIVE)).min(1.0);
    if floor > 0.0 {
        // k matched terms form at most k² distinct bigrams; a claim with d distinct terms has at least d - 1.
        let k = (matched * matched) as f32;
        let fewest = (a.terms.len().min(b.terms.len()).saturating_sub(1)).max(1) as f32;
        let bigrams = (k / fewest).min(1.0);
        let (la, lb) = (a.sequence.len().max(1) as f32, b.sequence.len().max(1) as f32);
        let ranges: [(f32, f32); FEATURES] = [
            (coverage_a.min(coverage_b), coverage_a.min(coverage_b)),
            (coverage_a.max(coverage_b), coverage_a.max(coverage_b)),
            (0.0, 1.0),
            (0.0, 1.0),
            ((la - lb).abs(), (la - lb).abs()),
            (0.0, bigrams),
            (0.0, bigrams),
            (f32::from(u8::from(number_mismatch)), f32::from(u8::from(number_mismatch))),
        ];
        if config.model.bound(&ranges) < floor {
            return None;
        }
    }
    // B's sequence reads fuzzily matched ids as A's; when nothing matched fuzzily it is B's own.
    let renamed_b: Option<Vec<u64>> = (!renamed.is_empty())
        .then(|| b.sequence.iter().map(|id| renamed.iter().find(|r| r.0 == *id).map_or(*id, |r| r.1)).collect());
    let b_seq: &[u64] = renamed_b.as_deref().unwrap_or(&b.sequence);
    let (la, lb) = (a.sequence.len().max(1) as f32, b_seq.len().max(1) as f32);
    let common = if renamed_b.is_none() && !b.positions.is_empty() {
        lcs_with_positions(&a.sequence, &b.positions, b.sequence.len())
    } else {
        lcs(&a.sequence, b_seq)
    } as f32;
    let (oa, ob) = (la.min(MAX_ORDER_TERMS as f32), lb.min(MAX_ORDER_TERMS as f32));
    let renamed_bigrams = renamed_b.as_deref().map(bigram_set);
    let (ga, gb) = (&a.bigrams, renamed_bigrams.as_ref().unwrap_or(&b.bigrams));
    let shared_bigrams = shared_sorted(ga, gb) as f32;
    let content_a = a.class_counts.content;
    let content_b = b.class_counts.content;
    let names = a.class_counts.names.saturating_add(b.class_counts.names);
    let names_unmatched = names.saturating_sub(names_matched);
    let mut c = Components {
        coverage_a,
        coverage_b,
        order_a: common / oa,
        order_b: common / ob,
        bigrams_a: if ga.is_empty() { 0.0 } else { shared_bigrams / ga.len() as f32 },
        bigrams_b: if gb.is_empty() { 0.0 } else { shared_bigrams / gb.len() as f32 },
        length_difference: (la - lb).abs(),
        number_mismatch,
        content_a,
        content_b,
        content_matched,
        names_unmatched,
        names_matched: u16::try_from(names_pairs).unwrap_or(u16::MAX),
        numbers_matched: u16::try_from(num_a).unwrap_or(u16::MAX),
        weight_a: a.total,
        weight_b: b.total,
        score: 0.0,
    };
    c.score = config.model.score(&c.features());
    Some(c)
}

/// The similarity of two profiles in `0..=1`.
#[must_use]
pub fn similarity(a: &Profile, b: &Profile, config: &SimilarityConfig) -> f32 {
    components(a, b, config).score
}

/// The highest score two profiles could reach given the weight known to match on each side (`shared_a`,
/// `shared_b`): each feature is set to its most favourable value within what those weights allow. A cheap
/// bound to skip pairs before the full score.
#[must_use]
pub fn upper_bound(a: &Profile, b: &Profile, shared_a: f32, shared_b: f32, config: &SimilarityConfig) -> f32 {
    let ua = (shared_a / a.total.max(f32::MIN_POSITIVE)).min(1.0);
    let ub = (shared_b / b.total.max(f32::MIN_POSITIVE)).min(1.0);
    let (la, lb) = (a.sequence.len().max(1) as f32, b.sequence.len().max(1) as f32);
    let ranges: [(f32, f32); FEATURES] = [
        (0.0, ua.min(ub)),
        (0.0, ua.max(ub)),
        (0.0, la.min(lb) / la.max(lb)),
        (0.0, 1.0),
        ((la - lb).abs(), (la - lb).abs()),
        (0.0, 1.0),
        (0.0, 1.0),
        (0.0, 1.0),
    ];
    config.model.bound(&ranges)
}

/// Explains a score: components, matched terms with their contributions, unmatched terms.
#[must_use]
pub fn explain(a: &Profile, b: &Profile, config: &SimilarityConfig) -> Explanation {
    let components = components(a, b, config);
    let mut matched = Vec::new();
    let mut used_a = vec![false; a.terms.len()];
    let mut used_b = vec![false; b.terms.len()];
    let (ta, tb) = (a.total.max(f32::MIN_POSITIVE), b.total.max(f32::MIN_POSITIVE));
    match_terms(a, b, config, |i, j, how| {
        let s = match how {
            MatchKind::Exact => 1.0,
            MatchKind::Fuzzy(s) => s,
        };
        used_a[i] = true;
        used_b[j] = true;
        matched.push(Contribution {
            a: a.terms[i].stem.to_string(),
            b: b.terms[j].stem.to_string(),
            a_token: a.terms[i].token,
            b_token: b.terms[j].token,
            how,
            share_a: a.terms[i].weight * s / ta,
            share_b: b.terms[j].weight * s / tb,
        });
    });
    matched.sort_by(|x, y| (y.share_a + y.share_b).total_cmp(&(x.share_a + x.share_b)).then(x.a.cmp(&y.a)));
    let rest = |p: &Profile, used: &[bool], total: f32| {
        let mut v: Vec<(String, f32)> = p
            .terms
            .iter()
            .zip(used)
            .filter(|(_, u)| !**u)
            .map(|(t, _)| (t.stem.to_string(), t.weight / total))
            .collect();
        v.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        v
    };
    let only_a = rest(a, &used_a, ta);
    let only_b = rest(b, &used_b, tb);
    Explanation { components, matched, only_a, only_b, model: None, cosine: None }
}

/// Scores raw sentence pairs with one idf table: the engine of `newsdiff score`.
#[derive(Debug, Clone, Default)]
pub struct Scorer {
    /// The informativeness of terms.
    pub idf: Idf,
    /// The similarity's parameters.
    pub config: SimilarityConfig,
    normalizer: Normalizer,
}

impl Scorer {
    /// A scorer with the given idf table and parameters.
    #[must_use]
    pub fn new(idf: Idf, config: SimilarityConfig) -> Self {
        Self { idf, config, normalizer: Normalizer::new() }
    }

    /// The terms of a raw text.
    #[must_use]
    pub fn terms(&self, text: &str) -> Terms {
        Terms::from_text(&self.normalizer, text)
    }

    /// The weighted profile of a raw text.
    #[must_use]
    pub fn profile(&self, terms: &Terms) -> Profile {
        Profile::new(terms, &self.idf, &self.config)
    }

    /// The similarity of two raw sentences.
    ///
    /// ```
    /// use newsdiff::claims::similarity::{Idf, Scorer, SimilarityConfig};
    /// let scorer = Scorer::new(Idf::new(), SimilarityConfig::default());
    /// let same = scorer.score("Russian drones attacked Kyiv overnight.", "Kyiv was attacked by Russian drones overnight.");
    /// let other = scorer.score("Russian drones attacked Kyiv overnight.", "The minister resigned on Friday.");
    /// assert!(same > 0.6 && other < 0.1, "{same} {other}");
    /// ```
    #[must_use]
    pub fn score(&self, a: &str, b: &str) -> f32 {
        similarity(&self.profile(&self.terms(a)), &self.profile(&self.terms(b)), &self.config)
    }

    /// Explains the similarity of two raw sentences.
    #[must_use]
    pub fn explain(&self, a: &str, b: &str) -> Explanation {
        explain(&self.profile(&self.terms(a)), &self.profile(&self.terms(b)), &self.config)
    }
}

/// Scores many raw sentence pairs, the engine of `newsdiff score`: every text is a document of the
/// idf table (with `extra`, a reference corpus, added), then pairs are scored in parallel. Results are in input
/// order; each has the score and, when `explain` is true, its explanation.
#[must_use]
pub fn score_pairs<S: AsRef<str> + Sync>(
    pairs: &[(S, S)],
    extra: Option<&Idf>,
    config: &SimilarityConfig,
    explain_each: bool,
) -> Vec<(f32, Option<Explanation>)> {
    score_pairs_with(pairs, extra, config, explain_each, |_, components| components.score)
}

/// Like [`score_pairs`], with the score of pair `k` given by `combine(k, components)` (the components weighted by
/// the idf table over all the pairs' texts).
pub fn score_pairs_with<S: AsRef<str> + Sync>(
    pairs: &[(S, S)],
    extra: Option<&Idf>,
    config: &SimilarityConfig,
    explain_each: bool,
    combine: impl Fn(usize, &Components) -> f32 + Sync,
) -> Vec<(f32, Option<Explanation>)> {
    use rayon::prelude::*;
    let normalizer = Normalizer::new();
    let terms: Vec<(Terms, Terms)> = pairs
        .par_iter()
        .with_min_len(64)
        .map(|(a, b)| (Terms::from_text(&normalizer, a.as_ref()), Terms::from_text(&normalizer, b.as_ref())))
        .collect();
    let mut idf = terms
        .par_iter()
        .with_min_len(256)
        .fold(Idf::new, |mut idf, (a, b)| {
            idf.add(a);
            idf.add(b);
            idf
        })
        .reduce(Idf::new, |mut x, y| {
            x.merge(&y);
            x
        });
    if let Some(extra) = extra {
        idf.merge(extra);
    }
    terms
        .par_iter()
        .enumerate()
        .with_min_len(64)
        .map(|(k, (a, b))| {
            let (pa, pb) = (Profile::new(a, &idf, config), Profile::new(b, &idf, config));
            let score = combine(k, &components(&pa, &pb, config));
            (score, explain_each.then(|| explain(&pa, &pb, config)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capital_that_only_opens_a_sentence_does_not_make_a_name() {
        let text = "Backers of the policy say it works. Obama vetoed the bill. Critics said Obama was wrong.";
        let doc = Normalizer::new().normalize_str(text);
        let confirmed = confirmed_names(&doc);
        let class_of = |sentence: usize, stem: &str| {
            let tokens = doc.sentence_tokens(&doc.sentences[sentence]);
            let mut terms = Terms::from_tokens(tokens);
            assert_eq!(terms.terms.iter().find(|t| t.stem == stem).unwrap().class, TermClass::Name);
            terms.demote_unconfirmed_names(u32::try_from(first_word(tokens) + 1).unwrap(), &confirmed);
            terms.terms.iter().find(|t| t.stem == stem).unwrap().class
        };
        assert_eq!(class_of(0, "backer"), TermClass::Word);
        assert_eq!(class_of(1, "obama"), TermClass::Name);
        assert_eq!(class_of(2, "critic"), TermClass::Word);
    }

    /// Component tests use the alignment preset: plain idf, function words light, linear combination.
    fn scorer() -> Scorer {
        Scorer::new(Idf::new(), SimilarityConfig::alignment())
    }

    #[test]
    fn default_model_separates_paraphrases_from_related_sentences() {
        let s = Scorer::new(Idf::new(), SimilarityConfig::default());
        let same = s.score(
            "Amrozi accused his brother, whom he called the witness, of deliberately distorting his evidence.",
            "Referring to him as only the witness, Amrozi accused his brother of deliberately distorting his evidence.",
        );
        let related = s.score(
            "Yucaipa owned Dominick's before selling the chain to Safeway in 1998 for $2.5 billion.",
            "Yucaipa bought Dominick's in 1995 for $693 million and sold it to Safeway for $1.8 billion in 1998.",
        );
        assert!(same >= DEFAULT_THRESHOLD && related < DEFAULT_THRESHOLD, "{same} {related}");
    }

    fn comps(a: &str, b: &str) -> Components {
        let s = scorer();
        components(&s.profile(&s.terms(a)), &s.profile(&s.terms(b)), &s.config)
    }

    #[test]
    fn identical_claims_score_one_and_unrelated_zero() {
        let c = comps("Russian drones struck Mykolaiv overnight.", "Russian drones struck Mykolaiv overnight.");
        assert!((c.score - 1.0).abs() < 1e-5, "{c:?}");
        assert_eq!(comps("Russian drones struck Mykolaiv.", "The minister resigned on Friday.").score, 0.0);
        assert_eq!(comps("", "Something.").score, 0.0);
    }

    #[test]
    fn stemming_matches_inflections() {
        let c = comps("Drones attacked the refinery", "Drone attacks on refineries");
        assert!(c.coverage_a > 0.9 && c.coverage_b > 0.9, "{c:?}");
    }

    #[test]
    fn idf_weights_rare_terms_over_common_ones() {
        let n = Normalizer::new();
        let docs: Vec<Terms> =
            ["Ukraine said talks", "Ukraine war goes on", "Ukraine and Russia", "Witkoff in Ukraine"]
                .iter()
                .map(|s| Terms::from_text(&n, s))
                .collect();
        let idf = Idf::from_terms(&docs);
        let common = Terms::from_text(&n, "Ukraine").terms[0].id;
        let rare = Terms::from_text(&n, "Witkoff").terms[0].id;
        assert!(idf.idf(rare) > 2.0 * idf.idf(common));
        // A pair sharing only the common word scores lower than a pair sharing only the rare one.
        let s = Scorer::new(idf, SimilarityConfig::default());
        assert!(s.score("Ukraine talks", "Ukraine drones") < s.score("Witkoff talks", "Witkoff drones"));
    }

    #[test]
    fn stop_words_count_little() {
        let c = comps("the plan of the president", "the sanctions of the parliament");
        assert!(c.coverage_a < 0.35, "{c:?}");
    }

    #[test]
    fn fuzzy_names_match_spelling_variants_only() {
        let e = scorer().explain("Zelenskyy met Trump", "Zelenskiy met Trump");
        assert!(e.matched.iter().any(|m| m.a == "zelenskyy" && matches!(m.how, MatchKind::Fuzzy(s) if s > 0.9)));
        assert!(e.components.coverage_a > 0.95 && e.components.score > 0.85, "{e:?}");
        assert!(fuzzy_name_similarity("zelenskyy", "zelenskiy").unwrap() > 0.9);
        assert!(fuzzy_name_similarity("rubio", "witkoff").is_none());
        // Two different names that share a prefix or look alike are not one name.
        let e = scorer().explain("White House Press Secretary spoke", "White House President spoke");
        assert!(e.matched.iter().all(|m| m.a != "press"), "{:?}", e.matched);
        // Nor a name and a word that share a prefix (`Press` / `presidential`).
        let e = scorer().explain("White House Press Secretary spoke", "a presidential adviser spoke");
        assert!(e.matched.iter().all(|m| m.a != "press"), "{:?}", e.matched);
        let e = scorer().explain("Austria agreed", "Australia agreed");
        assert!(e.matched.iter().all(|m| m.how == MatchKind::Exact), "{:?}", e.matched);
        // Lowercase words are never matched fuzzily.
        let e = scorer().explain("prices rose", "prizes rose");
        assert!(e.matched.iter().all(|m| m.how == MatchKind::Exact));
        // Abbreviations meet their dotless form exactly.
        let e = scorer().explain("U.S. officials", "US officials");
        assert_eq!(e.components.score, 1.0);
    }

    /// Forms of one word match partly; words that only share their first letters do not.
    #[test]
    fn word_forms_match_partly_and_shared_prefixes_do_not() {
        let fuzzy =
            |a: &str, b: &str| scorer().explain(a, b).matched.iter().any(|m| matches!(m.how, MatchKind::Fuzzy(_)));
        assert!(fuzzy("the diplomatic offensive", "diplomacy"));
        assert!(fuzzy("to resolve it", "a resolution"));
        assert!(fuzzy("they destroyed it", "its destruction"));
        assert!(!fuzzy("negotiations confront positions", "the conflict continues"));
        assert!(!fuzzy("the constitution", "the construction"));
        assert!(word_forms("intensifi", "intensif") && !word_forms("conflict", "confront"));
    }

    #[test]
    fn numbers_match_by_value_and_mismatch_is_penalized() {
        assert!(comps("at least three people died", "at least 3 people died").score > 0.99);
        let c = comps("the 28-point plan", "the 19-point plan");
        assert!(c.number_mismatch && c.score < 0.75, "{c:?}");
        assert!(!comps("the plan", "the 19-point plan").number_mismatch);
    }

    #[test]
    fn order_and_bigrams_measure_phrase_order() {
        let ordered = comps("police arrested the protest leader", "police arrested the protest leader today");
        let shuffled = comps("police arrested the protest leader", "leader the protest arrested police today");
        assert!(ordered.bigrams_a > shuffled.bigrams_a);
        assert!(ordered.order_a > shuffled.order_a, "{ordered:?} {shuffled:?}");
        assert!((ordered.coverage_a - shuffled.coverage_a).abs() < 1e-6, "same words, other order");
        // The MSRP model rewards word order (its bigram weights are fitted, see MSRP_MODEL).
        let Model::Logistic { weights, .. } = MSRP_MODEL else { panic!("logistic") };
        assert!(weights[2] > 0.0 && weights[3] > 0.0);
    }

    #[test]
    fn coverage_is_asymmetric_and_min_counts() {
        let c = comps("Rubio met Witkoff", "Rubio met Witkoff in Miami before flying to Moscow for talks with Putin");
        assert!(c.coverage_a > 0.99 && c.coverage_b < 0.6, "{c:?}");
        assert!(c.score < 0.75);
    }

    proptest::proptest! {
        /// The word-at-a-time subsequence length is the dynamic programme's, on sequences of up to 64 ids
        /// drawn from a small alphabet (so that ids repeat).
        #[test]
        fn bit_parallel_subsequence_is_the_programme_s(
            a in proptest::collection::vec(0u64..6, 0..90),
            b in proptest::collection::vec(0u64..6, 0..=64),
        ) {
            proptest::prop_assert_eq!(lcs_with_positions(&a, &positions(&b), b.len()), lcs(&a, &b));
        }
    }

    #[test]
    fn word_order_is_the_longest_common_subsequence() {
        assert_eq!(lcs(&[1, 2, 3, 4], &[1, 3, 4, 2]), 3);
        assert_eq!(lcs(&[], &[1]), 0);
        let fast = |a: &[u64], b: &[u64]| lcs_with_positions(a, &positions(b), b.len());
        assert_eq!(fast(&[1, 2, 3, 4], &[1, 3, 4, 2]), 3);
        assert_eq!(fast(&[], &[1]), 0);
        assert_eq!(fast(&[1], &[]), 0);
        let c = comps("police arrested the leader", "the leader arrested police");
        assert!((c.order_a - 0.5).abs() < 1e-6, "{c:?}");
        assert_eq!(c.length_difference, 0.0);
    }

    #[test]
    fn models_score_identical_features_one_and_bound_from_above() {
        for m in [MSRP_MODEL, ALIGNMENT_MODEL] {
            assert!((m.score(&IDENTICAL) - 1.0).abs() < 1e-6);
            let f = [0.5, 0.7, 0.4, 0.6, 3.0, 0.2, 0.3, 0.0];
            let ranges =
                [(0.0, 0.6), (0.0, 0.8), (0.0, 1.0), (0.0, 1.0), (3.0, 3.0), (0.0, 1.0), (0.0, 1.0), (0.0, 1.0)];
            assert!(m.bound(&ranges) >= m.score(&f));
        }
        let c = comps("Russian drones struck Mykolaiv overnight", "Russian drones struck Mykolaiv");
        let sum: f32 = MSRP_MODEL.contributions(&c.features()).iter().sum();
        assert!(sum.is_finite());
    }

    #[test]
    fn alignment_preset_weighs_rare_words() {
        let n = Normalizer::new();
        let texts = ["the war in Ukraine", "the war goes on", "Ukraine and the war", "the war", "Yermak resigned"];
        let idf = Idf::from_terms(&texts.iter().map(|t| Terms::from_text(&n, t)).collect::<Vec<_>>());
        let s = Scorer::new(idf, SimilarityConfig::alignment());
        let common = s.score("the war in Ukraine goes on", "Ukraine says the war will end");
        let rare = s.score("Yermak resigned on Friday", "Yermak resigned after raids");
        assert!(rare > common, "{rare} {common}");
    }

    #[test]
    fn upper_bound_bounds_the_score() {
        let s = scorer();
        let a = s.profile(&s.terms("Rubio and Witkoff developed the plan"));
        let b = s.profile(&s.terms("Witkoff and Rubio worked on a plan"));
        let c = components(&a, &b, &s.config);
        assert!(upper_bound(&a, &b, a.total, b.total, &s.config) >= c.score);
    }
}
