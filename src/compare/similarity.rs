//! Claim similarity: an explainable score in `0..=1` built from the normalizer's tokens.
//!
//! Two claims are compared as bags of *terms*, each term weighted by how informative it is:
//!
//! - **Terms.** Every word, number and compound part becomes a term: words are stemmed lightly
//!   ([`super::stem`]) on their accent-free matching key (so `attacked` meets `attacks`, `São` meets `Sao` and
//!   `U.S.` meets `US`); numbers become their value (`1,200` meets `1200`, `three` meets `3`); compounds give
//!   their parts (`28-point` gives `28` and `point`).
//! - **Weights.** A term weighs its inverse document frequency ([`Idf`]), counted over the sentences of the
//!   inputs themselves or of a reference corpus: a word found in every sentence weighs little, a name or a rare
//!   word a lot. Function words ([`crate::normalize::stopwords`]) weigh a fixed fraction of that.
//! - **Matching.** Terms match when their stems are equal; capitalized words that did not match exactly may match
//!   a capitalized word of the other claim fuzzily (Jaro-Winkler on the matching keys, same first letter), so
//!   `Zelenskyy` meets `Zelenskiy`, for the similarity times their weight.
//! - **Coverage.** Each side's coverage is the weight of its matched terms over its total weight. The core
//!   score mixes the smaller coverage with the mean of both ([`SimilarityConfig::min_share`]): a claim that
//!   says much more than the other is not the same claim.
//! - **Phrase order.** The Dice overlap of the two claims' word bigrams is mixed in as a bonus
//!   ([`SimilarityConfig::bigram_share`]).
//! - **Numbers.** When each claim has a number the other lacks, the score is multiplied by
//!   `1 - number_penalty`: `28-point` against `19-point` is the same topic but not the same claim.
//!
//! ```text
//! score = ((1 - β) · (μ · min(cov_a, cov_b) + (1 - μ) · mean(cov_a, cov_b)) + β · dice(bigrams)) · numbers
//! ```
//!
//! [`explain`] lists which terms matched, how, and how much each contributed. The default parameters and the
//! default threshold [`DEFAULT_THRESHOLD`] were chosen by 5-fold cross-validation on the MSRP training split
//! (`examples/tune_msrp.rs`, `scripts/eval-msrp.py`).

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};
use serde::Serialize;

use super::stem::stem;
use crate::input::Article;
use crate::normalize::stopwords::is_stop_word;
use crate::normalize::{Document, Normalizer, Token, TokenKind};

/// The score at or above which two claims are taken to be the same claim (`score` verdicts, `compare` pairs).
pub const DEFAULT_THRESHOLD: f32 = 0.5;

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

/// The terms of a claim in order, with its bigrams: what the similarity needs from a piece of text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Terms {
    /// Terms in text order (a term may repeat).
    pub terms: Vec<RawTerm>,
    /// Hashes of consecutive word pairs (sorted, unique).
    pub bigrams: Vec<u64>,
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
        let mut bigrams = Vec::with_capacity(tokens.len());
        let mut prev: Option<u64> = None;
        for (i, t) in tokens.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            let before = terms.len();
            match t.kind {
                TokenKind::Number => {
                    let key = t.value.map_or_else(|| t.key.clone(), number_key);
                    terms.push(RawTerm { id: hash_str(&key), stem: key, class: TermClass::Number, token: i });
                }
                TokenKind::Word => push_word(&mut terms, &t.norm, &t.key, t, i),
                TokenKind::Compound => {
                    let mut parts = t.key.split('-').filter(|p| !p.is_empty()).peekable();
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
            for term in &terms[before..] {
                if let Some(p) = prev {
                    bigrams.push(p.rotate_left(17) ^ term.id.wrapping_mul(0x9E37_79B9_7F4A_7C15));
                }
                prev = Some(term.id);
            }
        }
        bigrams.sort_unstable();
        bigrams.dedup();
        Self { terms, bigrams }
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
    /// Share of the smaller coverage in the core score; the rest is the mean coverage.
    pub min_share: f32,
    /// Share of the bigram Dice overlap in the score.
    pub bigram_share: f32,
    /// Factor taken off when each claim has a number the other lacks.
    pub number_penalty: f32,
    /// Smallest Jaro-Winkler similarity for a fuzzy name match.
    pub fuzzy_min: f32,
    /// Words that share this many first letters match partly (0: never).
    pub prefix_min: usize,
    /// How much a prefix match counts.
    pub prefix_similarity: f32,
}

impl Default for SimilarityConfig {
    fn default() -> Self {
        Self {
            stop_weight: 0.2,
            name_weight: 1.0,
            number_weight: 1.0,
            idf_power: 1.0,
            min_share: 0.5,
            bigram_share: 0.2,
            number_penalty: 0.3,
            fuzzy_min: 0.9,
            prefix_min: 5,
            prefix_similarity: 0.8,
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
}

/// A claim ready to be scored: distinct weighted terms sorted by id, bigrams, total weight.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    /// Distinct terms, sorted by id.
    pub terms: Vec<Term>,
    /// Bigram hashes, sorted and unique.
    pub bigrams: Vec<u64>,
    /// Sum of the term weights.
    pub total: f32,
    /// Whether any term is a number.
    pub has_number: bool,
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
                Term { id: t.id, stem: t.stem.clone(), class: t.class, weight: base * factor, token: t.token }
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
        Self { terms: out, bigrams: terms.bigrams.clone(), total, has_number }
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
    /// Dice overlap of the word bigrams.
    pub bigrams: f32,
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
            let sim = if ta.class == TermClass::Name && tb.class == TermClass::Name {
                fuzzy_name_similarity(&ta.stem, &tb.stem).filter(|&s| s >= config.fuzzy_min)
            } else {
                None
            }
            .or_else(|| {
                (config.prefix_min > 0 && same_prefix(&ta.stem, &tb.stem, config.prefix_min))
                    .then_some(config.prefix_similarity)
            });
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

/// True when two words share their first `n` letters (`legislation` / `legislative`).
fn same_prefix(a: &str, b: &str, n: usize) -> bool {
    a.len() >= n
        && b.len() >= n
        && a.as_bytes()[..n] == b.as_bytes()[..n]
        && a.is_char_boundary(n)
        && b.is_char_boundary(n)
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

fn dice(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * shared as f32 / (a.len() + b.len()) as f32
}

/// Combines coverages and bigram overlap into the score.
fn combine(cov_a: f32, cov_b: f32, bigrams: f32, number_mismatch: bool, config: &SimilarityConfig) -> f32 {
    let core = config.min_share * cov_a.min(cov_b) + (1.0 - config.min_share) * 0.5 * (cov_a + cov_b);
    let mut score = (1.0 - config.bigram_share) * core + config.bigram_share * bigrams;
    if number_mismatch {
        score *= 1.0 - config.number_penalty;
    }
    score.clamp(0.0, 1.0)
}

/// Scores two profiles, returning every component.
#[must_use]
pub fn components(a: &Profile, b: &Profile, config: &SimilarityConfig) -> Components {
    if a.is_empty() || b.is_empty() {
        return Components::default();
    }
    let (mut wa, mut wb) = (0.0f32, 0.0f32);
    let (mut num_a, mut num_b) = (0usize, 0usize);
    let (mut content_matched, mut names_matched) = (0u16, 0u16);
    match_terms(a, b, config, |i, j, how| {
        content_matched += u16::from(a.terms[i].class != TermClass::Stop);
        names_matched +=
            u16::from(a.terms[i].class == TermClass::Name) + u16::from(b.terms[j].class == TermClass::Name);
        let s = match how {
            MatchKind::Exact => 1.0,
            MatchKind::Fuzzy(s) => s,
        };
        wa += a.terms[i].weight * s;
        wb += b.terms[j].weight * s;
        if a.terms[i].class == TermClass::Number {
            num_a += 1;
            num_b += 1;
        }
    });
    let number_mismatch = a.has_number && b.has_number && {
        let count = |p: &Profile| p.terms.iter().filter(|t| t.class == TermClass::Number).count();
        count(a) > num_a && count(b) > num_b
    };
    let coverage_a = (wa / a.total.max(f32::MIN_POSITIVE)).min(1.0);
    let coverage_b = (wb / b.total.max(f32::MIN_POSITIVE)).min(1.0);
    let bigrams = dice(&a.bigrams, &b.bigrams);
    let score = combine(coverage_a, coverage_b, bigrams, number_mismatch, config);
    let count = |p: &Profile, c: &dyn Fn(TermClass) -> bool| {
        u16::try_from(p.terms.iter().filter(|t| c(t.class)).count()).unwrap_or(u16::MAX)
    };
    let content_a = count(a, &|c| c != TermClass::Stop);
    let content_b = count(b, &|c| c != TermClass::Stop);
    let names = count(a, &|c| c == TermClass::Name) + count(b, &|c| c == TermClass::Name);
    let names_unmatched = names.saturating_sub(names_matched);
    Components {
        coverage_a,
        coverage_b,
        bigrams,
        number_mismatch,
        content_a,
        content_b,
        content_matched,
        names_unmatched,
        weight_a: a.total,
        weight_b: b.total,
        score,
    }
}

/// The similarity of two profiles in `0..=1`.
#[must_use]
pub fn similarity(a: &Profile, b: &Profile, config: &SimilarityConfig) -> f32 {
    components(a, b, config).score
}

/// The highest score two profiles could reach if every term of the shorter side matched: a cheap bound used
/// to skip pairs before matching (`shared` is the weight already known to match on each side, if any).
#[must_use]
pub fn upper_bound(a: &Profile, b: &Profile, shared_a: f32, shared_b: f32, config: &SimilarityConfig) -> f32 {
    let cov_a = (shared_a / a.total.max(f32::MIN_POSITIVE)).min(1.0);
    let cov_b = (shared_b / b.total.max(f32::MIN_POSITIVE)).min(1.0);
    combine(cov_a, cov_b, 1.0, false, config)
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
    Explanation { components, matched, only_a, only_b }
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
    /// use newsdiff::compare::similarity::{Idf, Scorer, SimilarityConfig};
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

#[cfg(test)]
mod tests {
    use super::*;

    fn scorer() -> Scorer {
        Scorer::new(Idf::new(), SimilarityConfig::default())
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
        // Lowercase words are never matched fuzzily.
        let e = scorer().explain("prices rose", "prizes rose");
        assert!(e.matched.iter().all(|m| m.how == MatchKind::Exact));
        // Abbreviations meet their dotless form exactly.
        let e = scorer().explain("U.S. officials", "US officials");
        assert_eq!(e.components.score, 1.0);
    }

    #[test]
    fn numbers_match_by_value_and_mismatch_is_penalized() {
        assert!(comps("at least three people died", "at least 3 people died").score > 0.99);
        let c = comps("the 28-point plan", "the 19-point plan");
        assert!(c.number_mismatch && c.score < 0.75, "{c:?}");
        assert!(!comps("the plan", "the 19-point plan").number_mismatch);
    }

    #[test]
    fn bigrams_reward_phrase_order() {
        let ordered = comps("police arrested the protest leader", "police arrested the protest leader today");
        let shuffled = comps("police arrested the protest leader", "leader the protest arrested police today");
        assert!(ordered.bigrams > shuffled.bigrams);
        assert!(ordered.score > shuffled.score);
    }

    #[test]
    fn coverage_is_asymmetric_and_min_counts() {
        let c = comps("Rubio met Witkoff", "Rubio met Witkoff in Miami before flying to Moscow for talks with Putin");
        assert!(c.coverage_a > 0.99 && c.coverage_b < 0.6, "{c:?}");
        assert!(c.score < 0.75);
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
