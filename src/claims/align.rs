//! Claim alignment: which claims of article A and article B make the same claim.
//!
//! 1. Both articles are cut into claims ([`super::extract`]) and every claim gets a weighted profile
//!    ([`super::similarity`]).
//! 2. Candidate pairs: those sharing a content word (an inverted index over B's terms, with a cheap upper bound
//!    that drops pairs whose word-overlap score cannot reach [`CANDIDATE_MIN_LEXICAL`]), and, with the sentence
//!    encoder ([`super::semantic`]), those whose cosine reaches [`CANDIDATE_MIN_COSINE`].
//! 3. The pair model ([`super::pair_model`]) gives each candidate the probability that the two claims share a
//!    claim, from word overlap, the cosine, and how each claim ranks the other among its candidates.
//! 4. Pairs are chosen globally: the set of one-to-one pairs above the threshold with the largest total
//!    probability (the Hungarian method, run on each connected group of candidates, so it stays small), then
//!    further partners where the model is confident (a headline that sums up the lede and a quote), at most
//!    [`MAX_PARTNERS`] per claim.
//! 5. Each pair gets a word diff ([`super::worddiff`]) and a kind ([`super::kind`]); claims left over are
//!    listed as only in A or only in B.
//!
//! Results are plain data, sorted by claim position, identical whatever the number of threads.

use std::ops::Range;

use rayon::prelude::*;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::extract::{Claim, claims, is_photo_caption};
use super::kind::{Conflict, PairKind, classify_located};
use super::pair_model::{self, ContextFeatures, ModelExplanation, PairFeatures, PairInputs, PairModel};
use super::referent::referent;
use super::semantic::{Embeddings, EncoderError, SentenceEncoder};
use super::similarity::{
    Components, Explanation, Idf, Profile, SimilarityConfig, TermClass, Terms, components, components_above,
    confirmed_names, explain, first_word, fuzzy_name_match, upper_bound,
};
use super::token_match::{ClaimPieces, TokenMatch, token_match};
use super::worddiff::{DIFF_DEADLINE, DiffOp, OpNote, diff_within, words};
use crate::article::Article;
use crate::normalize::{Document, Token};

/// Smallest word-overlap score (alignment preset) for a pair to be a candidate for the pair model: low, so that
/// paraphrases with little overlap still reach the model, which decides.
pub const CANDIDATE_MIN_LEXICAL: f32 = 0.05;

/// Smallest encoder cosine for a pair without word overlap to be a candidate for the pair model.
pub const CANDIDATE_MIN_COSINE: f32 = 0.5;

/// Smallest pair probability for a pair to be called a conflict: a disagreement on a number, date or name
/// is reported only where the model is confident that the two sentences make the same claim (below it, the pair
/// is an overlap). Chosen on the labelled events: at 0.5, most flagged conflicts are labelled ones.
pub const CONFLICT_MIN_PROBABILITY: f32 = 0.5;

/// Smallest probability the pair model gives a pair of claims that disagree on a detail (a number, date or name
/// found by [`super::kind`]) once the detail is made to agree, for the pair to be called a conflict whatever
/// its own probability: the pair model learned that a differing number or date means "not the same claim", so
/// the pairs that conflict are exactly those it scores low. Chosen by leave-one-event-out cross-validation on
/// the labelled events (`scripts/train-conflicts.py`; figures in `docs/model.md`), for the semantic model
/// ([`Matcher::conflict_min_agreed`]).
pub const CONFLICT_MIN_AGREED: f32 = 0.375;

/// Candidates below this probability are not examined for conflicts (it spares a word diff on most candidates):
/// on the labelled events, the conflicts the rules find score 0.43 and 0.77, and no candidate below 0.13 reaches
/// an `agreed` probability of 0.3 (`scripts/train-conflicts.py --show`).
pub const CONFLICT_CANDIDATE_MIN: f32 = 0.02;

/// Most partners one claim may have in a many-to-many alignment.
pub const MAX_PARTNERS: usize = 3;

/// Which pair model decides ([`super::pair_model`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Matcher {
    /// Word overlap and the embedded sentence encoder (the default).
    #[default]
    Semantic,
    /// Word overlap only: no encoder, for very large batches (`--no-model`).
    Lexical,
}

impl Matcher {
    /// The smallest probability, had its claims agreed on the detail, at which a pair that disagrees on a number,
    /// date or name is a conflict whatever its own probability ([`CONFLICT_MIN_AGREED`]); `None` for the lexical
    /// model, which held out ranks a pair that is no conflict above the labelled ones (`docs/model.md`).
    #[must_use]
    pub fn conflict_min_agreed(self) -> Option<f32> {
        match self {
            Self::Semantic => Some(CONFLICT_MIN_AGREED),
            Self::Lexical => None,
        }
    }

    /// The fitted model.
    #[must_use]
    pub fn model(self) -> &'static PairModel {
        match self {
            Self::Semantic => &pair_model::SEMANTIC,
            Self::Lexical => &pair_model::LEXICAL,
        }
    }
}

/// How claims are aligned.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AlignConfig {
    /// Which pair model decides.
    pub matcher: Matcher,
    /// Smallest pair probability for two claims to be paired (`None`: the model's cross-validated threshold).
    pub min_score: Option<f32>,
    /// Let every claim pair with several claims of the other article whenever the model is above the threshold
    /// (by default only where it is confident: the model's many-to-many threshold).
    pub many: bool,
    /// Split long sentences into clauses (off by default: the pair model was fitted on whole sentences, and
    /// held out it finds shared claims better that way: claim F1 0.70 against 0.68).
    pub clauses: bool,
    /// Attach an explanation of the score to each pair.
    pub explain: bool,
    /// The word-overlap similarity's parameters.
    pub similarity: SimilarityConfig,
    /// Time limit for the word diff of one pair (past it the diff is coarser, never wrong).
    pub diff_timeout: std::time::Duration,
}

impl Default for AlignConfig {
    fn default() -> Self {
        Self {
            matcher: Matcher::Semantic,
            min_score: None,
            many: false,
            clauses: false,
            explain: false,
            similarity: SimilarityConfig::alignment(),
            diff_timeout: DIFF_DEADLINE,
        }
    }
}

impl AlignConfig {
    /// The probability threshold in force.
    #[must_use]
    pub fn threshold(&self) -> f32 {
        self.min_score.unwrap_or(self.matcher.model().threshold)
    }

    /// The threshold for a claim's second and third partners.
    #[must_use]
    pub fn threshold_many(&self) -> f32 {
        if self.many { self.threshold() } else { self.matcher.model().threshold_many.max(self.threshold()) }
    }

    /// The threshold for a claim left without a partner to join a claim that already has one (a headline and
    /// the lede both summarise one sentence of the other article).
    #[must_use]
    pub fn threshold_orphan(&self) -> f32 {
        if self.many { self.threshold() } else { self.matcher.model().threshold_orphan.max(self.threshold()) }
    }
}

/// One candidate pair as the pair model saw it: where the two claims are, the features and the probability.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// Index of the claim in A.
    pub a: usize,
    /// Index of the claim in B.
    pub b: usize,
    /// Byte span of A's claim.
    pub a_span: [usize; 2],
    /// Byte span of B's claim.
    pub b_span: [usize; 2],
    /// The features ([`pair_model::FEATURE_NAMES`]).
    pub features: PairFeatures,
    /// The context features ([`pair_model::CONTEXT_NAMES`]).
    pub context: ContextFeatures,
    /// The model's probability that the two claims share a claim.
    pub probability: f32,
}

/// A candidate pair whose claims disagree on a detail, as [`Aligner::detail_conflicts`] sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DetailConflict {
    /// Index of the claim in A.
    pub a: usize,
    /// Index of the claim in B.
    pub b: usize,
    /// The pair model's probability that the two claims share a claim.
    pub probability: f32,
    /// The pair model's probability once B's disagreeing words are replaced by A's: whether the two claims
    /// would be the same claim but for the detail.
    pub agreed: f32,
    /// The disagreements.
    pub conflicts: Vec<Conflict>,
}

/// A claim as it appears in an alignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimRef {
    /// Position of the claim among the article's claims.
    pub index: usize,
    /// Index of its sentence in the normalized document.
    pub sentence: usize,
    /// The claim's original text.
    pub text: String,
    /// Byte span `[start, end)` in the article text.
    pub span: [usize; 2],
    /// The claim is (part of) the title.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub title: bool,
}

/// Two aligned claims.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlignedPair {
    /// The claim in A.
    pub a: ClaimRef,
    /// The claim in B.
    pub b: ClaimRef,
    /// Similarity in `0..=1`.
    pub score: f32,
    /// What kind of pair it is.
    pub kind: PairKind,
    /// For a conflict: the pair model's probability had the two claims agreed on the detail (B's disagreeing
    /// words replaced by A's), which is what makes the pair a conflict when [`AlignedPair::score`] is low.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreed: Option<f32>,
    /// The disagreements (for `conflict` pairs).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// The word diff, from A to B.
    pub diff: Vec<DiffOp>,
    /// Why the score is what it is (with [`AlignConfig::explain`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explanation>,
}

/// Summary figures of an alignment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Claims in A.
    pub claims_a: usize,
    /// Claims in B.
    pub claims_b: usize,
    /// Aligned pairs.
    pub pairs: usize,
    /// Pairs of kind `same`.
    pub same: usize,
    /// Pairs of kind `variant`.
    pub variant: usize,
    /// Pairs of kind `overlap`.
    pub overlap: usize,
    /// Pairs of kind `conflict`.
    pub conflict: usize,
    /// Claims only in A.
    pub only_a: usize,
    /// Claims only in B.
    pub only_b: usize,
    /// Share of A's words in claims aligned with B.
    pub covered_a: f32,
    /// Share of B's words in claims aligned with A.
    pub covered_b: f32,
}

/// The alignment of two articles' claims.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alignment {
    /// Aligned pairs, in reading order of A (then B).
    pub pairs: Vec<AlignedPair>,
    /// Claims of A without a partner.
    pub only_a: Vec<ClaimRef>,
    /// Claims of B without a partner.
    pub only_b: Vec<ClaimRef>,
    /// The figures.
    pub summary: Summary,
    /// The pair model that decided (the lexical one with `--no-model`).
    pub matcher: Matcher,
    /// The probability threshold the pairs passed.
    pub threshold: f32,
}

impl Alignment {
    /// True when the two articles make the same claims in the same words (after normalization): every claim
    /// paired, every pair `same`.
    #[must_use]
    pub fn is_identical(&self) -> bool {
        self.only_a.is_empty() && self.only_b.is_empty() && self.pairs.iter().all(|p| p.kind == PairKind::Same)
    }
}

/// One side of an alignment: an article, its document, its claims and their profiles, weighed with one
/// document frequency.
struct Side<'a> {
    text: &'a str,
    doc: &'a Document,
    idf: &'a Idf,
    claims: Vec<Claim>,
    profiles: Vec<Profile>,
    /// The claims' encoding (sentence embeddings and content word pieces), made on first use and kept: a story
    /// report aligns a prepared article with several others.
    encoded: OnceLock<Result<Encoded, EncoderError>>,
}

/// A side's sentence embeddings and its claims' content word pieces.
type Encoded = (Embeddings, Vec<ClaimPieces>);

/// An article cut into claims and weighed, ready to be aligned with several others
/// ([`Aligner::align_prepared`]): a story report aligns each article with every other source's, and prepares it
/// once rather than once per pair.
pub struct PreparedArticle<'a>(Side<'a>);

impl std::fmt::Debug for PreparedArticle<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedArticle").field("claims", &self.0.claims.len()).finish()
    }
}

impl<'a> Side<'a> {
    fn new(article: &'a Article, doc: &'a Document, idf: &'a Idf, config: &AlignConfig) -> Self {
        let claims: Vec<Claim> =
            claims(doc, config.clauses).into_iter().filter(|c| !is_photo_caption(c.text(&article.text))).collect();
        let confirmed = confirmed_names(doc);
        let profiles = claims
            .par_iter()
            .map(|c| {
                let tokens = c.tokens(doc);
                let mut terms = Terms::from_tokens(tokens);
                let starts_sentence = c.tokens.0 == doc.sentences[c.sentence].tokens.0;
                let unreliable_until = if c.is_title {
                    tokens.len()
                } else if starts_sentence {
                    first_word(tokens) + 1
                } else {
                    0
                };
                terms.demote_unconfirmed_names(u32::try_from(unreliable_until).unwrap_or(u32::MAX), &confirmed);
                if starts_sentence && let Some(referent) = referent(doc, c.sentence, &confirmed) {
                    terms.insert_referent(referent);
                }
                Profile::new(&terms, idf, &config.similarity)
            })
            .collect();
        Self { text: &article.text, doc, idf, claims, profiles, encoded: OnceLock::new() }
    }

    fn claim_ref(&self, index: usize) -> ClaimRef {
        let c = &self.claims[index];
        ClaimRef {
            index,
            sentence: c.sentence,
            text: c.text(self.text).to_string(),
            span: [c.span.0, c.span.1],
            title: c.is_title,
        }
    }

    fn words(&self, index: usize) -> usize {
        self.claims[index].tokens(self.doc).iter().filter(|t| t.is_wordlike()).count()
    }

    fn position(&self, index: usize) -> f32 {
        if self.claims.len() < 2 { 0.0 } else { index as f32 / (self.claims.len() - 1) as f32 }
    }

    /// The claims' sentence embeddings and content word pieces, from one pass of the encoder.
    fn encode(&self, encoder: &SentenceEncoder) -> Result<&Encoded, EncoderError> {
        let encoded = self.encoded.get_or_init(|| {
            let texts: Vec<&str> = self.claims.iter().map(|c| c.text(self.text)).collect();
            let encodings = encoder.encode(&texts)?;
            let pieces = (self.claims.par_iter().zip(&encodings))
                .map(|(c, e)| ClaimPieces::new(e, c.span.0, c.tokens(self.doc), self.idf))
                .collect();
            Ok((Embeddings::from_encodings(&encodings), pieces))
        });
        encoded.as_ref().map_err(Clone::clone)
    }
}

/// Aligns the claims of two articles.
#[derive(Debug, Clone, Default)]
pub struct Aligner {
    config: AlignConfig,
}

impl Aligner {
    /// An aligner with the given configuration.
    #[must_use]
    pub fn new(config: AlignConfig) -> Self {
        Self { config }
    }

    /// The configuration.
    #[must_use]
    pub fn config(&self) -> &AlignConfig {
        &self.config
    }

    /// Aligns the claims of article A (normalized as `a_doc`) with those of article B, weighing terms with `idf`
    /// (for example [`Idf::from_documents`] over both documents).
    ///
    /// With [`Matcher::Semantic`], the embedded sentence encoder is loaded on first use; should it ever fail
    /// (a broken build, never user input), the alignment falls back to the lexical model and says so in
    /// [`Alignment::matcher`].
    #[must_use]
    pub fn align(&self, a: &Article, a_doc: &Document, b: &Article, b_doc: &Document, idf: &Idf) -> Alignment {
        self.align_prepared(&self.prepare(a, a_doc, idf), &self.prepare(b, b_doc, idf))
    }

    /// Cuts an article (normalized as `doc`) into claims and weighs them with `idf`, for
    /// [`Aligner::align_prepared`]. Articles aligned together must be prepared with the same `idf`.
    #[must_use]
    pub fn prepare<'a>(&self, article: &'a Article, doc: &'a Document, idf: &'a Idf) -> PreparedArticle<'a> {
        PreparedArticle(Side::new(article, doc, idf, &self.config))
    }

    /// Aligns two prepared articles: the same as [`Aligner::align`] on the articles they were prepared from.
    #[must_use]
    pub fn align_prepared(&self, a: &PreparedArticle<'_>, b: &PreparedArticle<'_>) -> Alignment {
        let (sa, sb) = (&a.0, &b.0);
        let (table, matcher) = self.table(sa, sb);
        let config = AlignConfig { matcher, ..self.config };
        let identical = identical_pairs(sa, sb);
        let mut chosen = select(&table, sa.claims.len(), sb.claims.len(), &config, &identical);
        let aligner = Self::new(config);
        let min_agreed = matcher.conflict_min_agreed().unwrap_or(f32::INFINITY);
        let details = if min_agreed.is_finite() { aligner.details(sa, sb, &table) } else { Vec::new() };
        // Pairs that disagree on a detail and would otherwise be the same claim are conflicts, chosen or not: a
        // claim may conflict with one claim and be aligned with another.
        // Claims paired with a copy of themselves take no conflicting partner (an article compared with itself
        // is identical).
        let (mut copy_a, mut copy_b) = (vec![false; sa.claims.len()], vec![false; sb.claims.len()]);
        for &(i, j, _) in &chosen {
            if is_copy(&table, &identical, i, j) {
                copy_a[i] = true;
                copy_b[j] = true;
            }
        }
        for d in &details {
            if d.agreed >= min_agreed
                && !copy_a[d.a]
                && !copy_b[d.b]
                && chosen.binary_search_by_key(&(d.a, d.b), |c| (c.0, c.1)).is_err()
            {
                let at = chosen.binary_search_by_key(&(d.a, d.b), |c| (c.0, c.1)).unwrap_or_else(|e| e);
                chosen.insert(at, (d.a, d.b, d.probability));
            }
        }
        let agreed =
            |i: usize, j: usize| details.binary_search_by_key(&(i, j), |d| (d.a, d.b)).ok().map(|k| details[k].agreed);
        let pairs: Vec<AlignedPair> =
            chosen.par_iter().map(|&(i, j, score)| aligner.pair(sa, i, sb, j, score, agreed(i, j), &table)).collect();
        let mut used_a = vec![false; sa.claims.len()];
        let mut used_b = vec![false; sb.claims.len()];
        for &(i, j, _) in &chosen {
            used_a[i] = true;
            used_b[j] = true;
        }
        let only_a: Vec<ClaimRef> = (0..sa.claims.len()).filter(|&i| !used_a[i]).map(|i| sa.claim_ref(i)).collect();
        let only_b: Vec<ClaimRef> = (0..sb.claims.len()).filter(|&j| !used_b[j]).map(|j| sb.claim_ref(j)).collect();
        let share = |side: &Side, used: &[bool]| {
            let total: usize = (0..side.claims.len()).map(|i| side.words(i)).sum();
            let covered: usize = (0..side.claims.len()).filter(|&i| used[i]).map(|i| side.words(i)).sum();
            if total == 0 { 0.0 } else { covered as f32 / total as f32 }
        };
        let count = |k: PairKind| pairs.iter().filter(|p| p.kind == k).count();
        let summary = Summary {
            claims_a: sa.claims.len(),
            claims_b: sb.claims.len(),
            pairs: pairs.len(),
            same: count(PairKind::Same),
            variant: count(PairKind::Variant),
            overlap: count(PairKind::Overlap),
            conflict: count(PairKind::Conflict),
            only_a: only_a.len(),
            only_b: only_b.len(),
            covered_a: share(sa, &used_a),
            covered_b: share(sb, &used_b),
        };
        Alignment { pairs, only_a, only_b, summary, matcher, threshold: config.threshold() }
    }

    /// Every candidate pair with its features and probability, as the pair model sees it (what
    /// `examples/pair_features.rs` dumps to train the model).
    #[must_use]
    pub fn candidates(
        &self,
        a: &Article,
        a_doc: &Document,
        b: &Article,
        b_doc: &Document,
        idf: &Idf,
    ) -> Vec<Candidate> {
        let sa = Side::new(a, a_doc, idf, &self.config);
        let sb = Side::new(b, b_doc, idf, &self.config);
        self.table(&sa, &sb).0
    }

    /// Every candidate pair whose claims disagree on a number, date or name ([`super::kind`]), with its
    /// probability and the probability it would have had the claims agreed on the detail (what
    /// `examples/pair_features.rs --conflicts` dumps to choose [`CONFLICT_MIN_AGREED`]). Sorted by claim.
    #[must_use]
    pub fn detail_conflicts(
        &self,
        a: &Article,
        a_doc: &Document,
        b: &Article,
        b_doc: &Document,
        idf: &Idf,
    ) -> Vec<DetailConflict> {
        let sa = Side::new(a, a_doc, idf, &self.config);
        let sb = Side::new(b, b_doc, idf, &self.config);
        let (table, matcher) = self.table(&sa, &sb);
        Self::new(AlignConfig { matcher, ..self.config }).details(&sa, &sb, &table)
    }

    /// The candidates of `table` at or above [`CONFLICT_CANDIDATE_MIN`] whose claims disagree on a detail, with
    /// the probability each would have had the claims agreed on it.
    fn details(&self, sa: &Side, sb: &Side, table: &[Candidate]) -> Vec<DetailConflict> {
        let model = self.config.matcher.model();
        let first: Vec<(usize, usize, f32)> = table.iter().map(|c| (c.a, c.b, c.context[0])).collect();
        table
            .par_iter()
            .enumerate()
            .filter(|(_, c)| c.probability >= CONFLICT_CANDIDATE_MIN)
            .filter_map(|(k, c)| {
                let (ta, tb) = (sa.claims[c.a].tokens(sa.doc), sb.claims[c.b].tokens(sb.doc));
                let (wa, wb) = (words(ta), words(tb));
                // The word diff is not symmetric: the disagreement must be found reading A against B and B
                // against A, so that `compare B A` says what `compare A B` says.
                let mut ops = diff_within(&wa, sa.text, &wb, sb.text, self.config.diff_timeout);
                let (kind, found) = classify_located(&mut ops, &wa, sa.text, &wb, sb.text);
                let mut ops = diff_within(&wb, sb.text, &wa, sa.text, self.config.diff_timeout);
                let (back_kind, back) = classify_located(&mut ops, &wb, sb.text, &wa, sa.text);
                if kind != PairKind::Conflict || back_kind != PairKind::Conflict {
                    return None;
                }
                // The pair model's verdict on the components of the pair rewritten to agree.
                let verdict = |comps: Components| {
                    let better = |x: &Candidate| x.features[1] > comps.score && (x.a, x.b) != (c.a, c.b);
                    let rank = (
                        1 + table.iter().filter(|x| x.a == c.a && better(x)).count() as u32,
                        1 + table.iter().filter(|x| x.b == c.b && better(x)).count() as u32,
                    );
                    let features = pair_model::with_components(&c.features, &comps, rank);
                    let context = pair_model::context_at(&first, k, model.pair.probability(&features));
                    model.context.probability(&PairModel::joined(&features, &context))
                };
                let config = &self.config.similarity;
                let profile = |tokens: &[Token]| Profile::new(&Terms::from_tokens(tokens), sa.idf, config);
                // B as it would read with A's words in place of its own disagreeing ones, and A with B's, as each
                // reading found them; the smallest verdict.
                let ranges =
                    found.iter().map(|f| (&f.a_words, &f.b_words)).chain(back.iter().map(|f| (&f.b_words, &f.a_words)));
                let ranges: Vec<(&Range<usize>, &Range<usize>)> = ranges.collect();
                let (forth, back) = ranges.split_at(found.len());
                let mut agreed = f32::INFINITY;
                for part in [forth, back] {
                    let b_agreeing = profile(&agreed_tokens(&wa, tb, part.iter().map(|&(x, y)| (x, y))));
                    let a_agreeing = profile(&agreed_tokens(&wb, ta, part.iter().map(|&(x, y)| (y, x))));
                    agreed = agreed
                        .min(verdict(components(&sa.profiles[c.a], &b_agreeing, config)))
                        .min(verdict(components(&a_agreeing, &sb.profiles[c.b], config)));
                }
                Some(DetailConflict {
                    a: c.a,
                    b: c.b,
                    probability: c.probability,
                    agreed: agreed.max(c.probability),
                    conflicts: found.into_iter().map(|f| f.conflict).collect(),
                })
            })
            .collect()
    }

    /// The candidate table and the matcher that scored it.
    fn table(&self, sa: &Side, sb: &Side) -> (Vec<Candidate>, Matcher) {
        let embedded = match self.config.matcher {
            Matcher::Semantic => SentenceEncoder::shared()
                .and_then(|encoder| {
                    let (ea, eb) = rayon::join(|| sa.encode(encoder), || sb.encode(encoder));
                    Ok((ea?, eb?))
                })
                .ok(),
            Matcher::Lexical => None,
        };
        let matcher = if embedded.is_some() { Matcher::Semantic } else { Matcher::Lexical };
        let model = matcher.model();
        let (n_a, n_b) = (sa.claims.len(), sb.claims.len());
        let mut lexical = self.lexical_candidates(&sa.profiles, &sb.profiles);
        // Cosines of every pair (a dot product each), for the best-partner features and for candidates that
        // share no word.
        let cosines: Vec<f32> = match &embedded {
            Some(((ea, _), (eb, _))) => (0..n_a).flat_map(|i| (0..n_b).map(move |j| ea.cosine(i, eb, j))).collect(),
            None => Vec::new(),
        };
        let cosine = |i: usize, j: usize| cosines.get(i * n_b + j).copied().unwrap_or(0.0);
        if !cosines.is_empty() {
            let known: rustc_hash::FxHashSet<(usize, usize)> = lexical.iter().map(|c| (c.0, c.1)).collect();
            let extra: Vec<(usize, usize)> = (0..n_a)
                .flat_map(|i| (0..n_b).map(move |j| (i, j)))
                .filter(|&(i, j)| cosine(i, j) >= CANDIDATE_MIN_COSINE && !known.contains(&(i, j)))
                .collect();
            let scored: Vec<(usize, usize, Components)> = extra
                .par_iter()
                .map(|&(i, j)| (i, j, components(&sa.profiles[i], &sb.profiles[j], &self.config.similarity)))
                .collect();
            lexical.extend(scored);
            lexical.sort_by_key(|c| (c.0, c.1));
        }
        let best_cos_a: Vec<f32> = (0..n_a).map(|i| (0..n_b).map(|j| cosine(i, j)).fold(0.0, f32::max)).collect();
        let best_cos_b: Vec<f32> = (0..n_b).map(|j| (0..n_a).map(|i| cosine(i, j)).fold(0.0, f32::max)).collect();
        let mut best_lex_a = vec![0.0f32; n_a];
        let mut best_lex_b = vec![0.0f32; n_b];
        for (i, j, c) in &lexical {
            best_lex_a[*i] = best_lex_a[*i].max(c.score);
            best_lex_b[*j] = best_lex_b[*j].max(c.score);
        }
        let mut row_lex: Vec<Vec<f32>> = vec![Vec::new(); n_a];
        let mut col_lex: Vec<Vec<f32>> = vec![Vec::new(); n_b];
        for (i, j, c) in &lexical {
            row_lex[*i].push(c.score);
            col_lex[*j].push(c.score);
        }
        // The token-level match of each candidate, and its F for the ranks among each claim's candidates.
        let tokens: Vec<TokenMatch> = match &embedded {
            Some(((_, pa), (_, pb))) => lexical.par_iter().map(|(i, j, _)| token_match(&pa[*i], &pb[*j])).collect(),
            None => vec![TokenMatch::default(); lexical.len()],
        };
        let mut row_tok: Vec<Vec<f32>> = vec![Vec::new(); n_a];
        let mut col_tok: Vec<Vec<f32>> = vec![Vec::new(); n_b];
        for ((i, j, _), t) in lexical.iter().zip(&tokens) {
            row_tok[*i].push(t.f());
            col_tok[*j].push(t.f());
        }
        let rank = |values: &mut dyn Iterator<Item = f32>, x: f32| 1 + values.filter(|&v| v > x).count() as u32;
        let table = lexical
            .iter()
            .zip(&tokens)
            .map(|((i, j, c), t)| {
                let (i, j) = (*i, *j);
                let cos = cosine(i, j);
                let cosine_rank = if cosines.is_empty() {
                    (1, 1)
                } else {
                    (rank(&mut (0..n_b).map(|k| cosine(i, k)), cos), rank(&mut (0..n_a).map(|k| cosine(k, j)), cos))
                };
                let lexical_rank =
                    (rank(&mut row_lex[i].iter().copied(), c.score), rank(&mut col_lex[j].iter().copied(), c.score));
                let inputs = PairInputs {
                    components: c,
                    cosine: cos,
                    best_cosine_a: best_cos_a[i],
                    best_cosine_b: best_cos_b[j],
                    best_lexical_a: best_lex_a[i],
                    best_lexical_b: best_lex_b[j],
                    position_a: sa.position(i),
                    position_b: sb.position(j),
                    cosine_rank,
                    lexical_rank,
                    tokens: *t,
                    token_rank: (
                        rank(&mut row_tok[i].iter().copied(), t.f()),
                        rank(&mut col_tok[j].iter().copied(), t.f()),
                    ),
                };
                let features = pair_model::features(&inputs);
                let (ca, cb) = (&sa.claims[i], &sb.claims[j]);
                Candidate {
                    a: i,
                    b: j,
                    a_span: [ca.span.0, ca.span.1],
                    b_span: [cb.span.0, cb.span.1],
                    features,
                    context: [0.0; pair_model::CONTEXT_FEATURES],
                    probability: model.pair.probability(&features),
                }
            })
            .collect::<Vec<Candidate>>();
        let first: Vec<(usize, usize, f32)> = table.iter().map(|c| (c.a, c.b, c.probability)).collect();
        let mut table = table;
        for (c, context) in table.iter_mut().zip(pair_model::context_features(&first)) {
            c.context = context;
            c.probability = model.context.probability(&PairModel::joined(&c.features, &context));
        }
        (table, matcher)
    }

    /// Describes one pair: diff, kind, explanation.
    #[allow(clippy::too_many_arguments)]
    fn pair(
        &self,
        sa: &Side,
        i: usize,
        sb: &Side,
        j: usize,
        score: f32,
        agreed: Option<f32>,
        table: &[Candidate],
    ) -> AlignedPair {
        let wa = words(sa.claims[i].tokens(sa.doc));
        let wb = words(sb.claims[j].tokens(sb.doc));
        let mut ops = diff_within(&wa, sa.text, &wb, sb.text, self.config.diff_timeout);
        let (mut kind, found) = classify_located(&mut ops, &wa, sa.text, &wb, sb.text);
        let mut conflicts: Vec<Conflict> = found.into_iter().map(|f| f.conflict).collect();
        let min_agreed = self.config.matcher.conflict_min_agreed();
        let same_claim = score >= CONFLICT_MIN_PROBABILITY || agreed.zip(min_agreed).is_some_and(|(p, min)| p >= min);
        if kind == PairKind::Conflict && !same_claim {
            // Two sentences that may merely share some words do not disagree: a conflict needs the same claim.
            kind = PairKind::Overlap;
            conflicts.clear();
            for op in &mut ops {
                if op.note == Some(OpNote::Conflict) {
                    op.note = None;
                }
            }
        }
        let agreed = agreed.filter(|_| kind == PairKind::Conflict);
        let explain = self.config.explain.then(|| {
            let mut e = explain(&sa.profiles[i], &sb.profiles[j], &self.config.similarity);
            e.model = table
                .binary_search_by_key(&(i, j), |c| (c.a, c.b))
                .ok()
                .map(|k| ModelExplanation::new(self.config.matcher.model(), &table[k].features, &table[k].context));
            e
        });
        AlignedPair { a: sa.claim_ref(i), b: sb.claim_ref(j), score, kind, agreed, conflicts, diff: ops, explain }
    }

    /// Pairs whose word-overlap score reaches [`CANDIDATE_MIN_LEXICAL`] with at least one shared content word,
    /// as `(i, j, components)`, sorted. An inverted index over B's terms finds the pairs sharing a term, and a
    /// cheap upper bound drops most before the full score.
    fn lexical_candidates(&self, a: &[Profile], b: &[Profile]) -> Vec<(usize, usize, Components)> {
        let config = &self.config.similarity;
        // Inverted index over B: term id -> (claim, weight).
        let mut index: FxHashMap<u64, Vec<(u32, f32)>> = FxHashMap::default();
        for (j, p) in b.iter().enumerate() {
            for t in &p.terms {
                index.entry(t.id).or_default().push((j as u32, t.weight));
            }
        }
        // Fuzzy name equivalents: A's name ids -> B's name ids whose spelling is close enough.
        fn names(ps: &[Profile]) -> Vec<(u64, &str)> {
            let mut v: Vec<(u64, &str)> = ps
                .iter()
                .flat_map(|p| p.terms.iter().filter(|t| t.class == TermClass::Name).map(|t| (t.id, t.stem.as_str())))
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        }
        let (names_a, names_b) = (names(a), names(b));
        let mut fuzzy: FxHashMap<u64, Vec<u64>> = FxHashMap::default();
        for &(ia, sa) in &names_a {
            for &(ib, sb) in &names_b {
                if ia != ib && fuzzy_name_match(sa, sb, config).is_some() {
                    fuzzy.entry(ia).or_default().push(ib);
                }
            }
        }
        let min = CANDIDATE_MIN_LEXICAL;
        let mut out: Vec<(usize, usize, Components)> = a
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, pa)| {
                // Weight each B claim could match, on A's side and on B's side, and content words shared.
                let mut shared: Vec<(f32, f32, u16)> = vec![(0.0, 0.0, 0); b.len()];
                for t in &pa.terms {
                    let exact = index.get(&t.id).into_iter().flatten();
                    let near = fuzzy.get(&t.id).into_iter().flatten().filter_map(|id| index.get(id)).flatten();
                    for &(j, wb) in exact.chain(near) {
                        let e = &mut shared[j as usize];
                        e.0 += t.weight;
                        e.1 += wb;
                        e.2 += u16::from(t.class != TermClass::Stop);
                    }
                }
                shared
                    .into_iter()
                    .enumerate()
                    .filter(|&(j, (wa, wb, content))| content >= 1 && upper_bound(pa, &b[j], wa, wb, config) >= min)
                    .filter_map(|(j, _)| {
                        let c = components_above(pa, &b[j], config, min)?;
                        (c.score >= min).then_some((i, j, c))
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        out.sort_by_key(|c| (c.0, c.1));
        out
    }
}

/// One claim's tokens (`tokens`) with each of its disagreeing runs of words replaced by the other claim's
/// (`other_words`); `found` gives, per disagreement, the other claim's word range and this claim's (indices into
/// the word-like tokens).
fn agreed_tokens<'r>(
    other_words: &[&Token],
    tokens: &[Token],
    found: impl Iterator<Item = (&'r Range<usize>, &'r Range<usize>)>,
) -> Vec<Token> {
    let found: Vec<(&Range<usize>, &Range<usize>)> = found.collect();
    let mut out = Vec::with_capacity(tokens.len());
    let mut word = 0;
    for t in tokens {
        if !t.is_wordlike() {
            out.push(t.clone());
            continue;
        }
        match found.iter().find(|(_, mine)| mine.contains(&word)) {
            Some((theirs, mine)) if mine.start == word => {
                out.extend(other_words[(*theirs).clone()].iter().map(|&x| x.clone()));
            }
            Some(_) => {}
            None => out.push(t.clone()),
        }
        word += 1;
    }
    out
}

/// Smallest smaller coverage at which a pair is a copy (the same sentence, maybe respelled): its two claims take
/// no further partners, so an article compared with an edited copy of itself pairs sentence by sentence.
const COPY_COVERAGE: f32 = 0.95;

/// Whether A's claim `i` and B's claim `j` are copies: identical after normalization, or respelled
/// ([`COPY_COVERAGE`]).
fn is_copy(table: &[Candidate], identical: &[(usize, usize)], i: usize, j: usize) -> bool {
    identical.binary_search(&(i, j)).is_ok()
        || table
            .binary_search_by_key(&(i, j), |c| (c.a, c.b))
            .is_ok_and(|k| table[k].features[pair_model::COVERAGE_MIN] >= COPY_COVERAGE)
}

/// Chooses the pairs: one-to-one first (the set of pairs at or above the threshold with the largest total
/// probability, by the Hungarian method on each connected group; `identical` pairs always, with probability 1),
/// then, many-to-many, each claim's further partners at or above [`AlignConfig::threshold_many`], then each
/// claim still alone with its best candidate at or above [`AlignConfig::threshold_orphan`] though that
/// candidate has a partner already; at most [`MAX_PARTNERS`] per claim, and none more for claims paired with a
/// copy of themselves.
fn select(
    table: &[Candidate],
    n_a: usize,
    n_b: usize,
    config: &AlignConfig,
    identical: &[(usize, usize)],
) -> Vec<(usize, usize, f32)> {
    let threshold = config.threshold();
    let mut above: Vec<(usize, usize, f32)> = table
        .iter()
        .filter(|c| c.probability >= threshold && identical.binary_search(&(c.a, c.b)).is_err())
        .map(|c| (c.a, c.b, c.probability))
        .collect();
    above.extend(identical.iter().map(|&(i, j)| (i, j, 1.0)));
    above.sort_by_key(|&(i, j, _)| (i, j));
    let mut chosen = assign(&above, n_a, n_b);
    let mut partners_a = vec![0usize; n_a];
    let mut partners_b = vec![0usize; n_b];
    for &(i, j, _) in &chosen {
        let settled = if is_copy(table, identical, i, j) { MAX_PARTNERS } else { 1 };
        partners_a[i] = partners_a[i].max(settled);
        partners_b[j] = partners_b[j].max(settled);
    }
    let mut by_probability = above;
    by_probability.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    chosen.sort_by_key(|&(i, j, _)| (i, j));
    let mut partners = Partners { a: partners_a, b: partners_b };
    let many = config.threshold_many();
    for &(i, j, p) in by_probability.iter().filter(|c| c.2 >= many) {
        partners.add(&mut chosen, i, j, p);
    }
    let orphan = config.threshold_orphan();
    for &(i, j, p) in by_probability.iter().filter(|c| c.2 >= orphan) {
        if partners.a[i] == 0 || partners.b[j] == 0 {
            partners.add(&mut chosen, i, j, p);
        }
    }
    chosen
}

/// How many partners each claim of A and of B has so far.
struct Partners {
    a: Vec<usize>,
    b: Vec<usize>,
}

impl Partners {
    /// Adds the pair to `chosen` (sorted by claim indices) unless it is there or either claim has
    /// [`MAX_PARTNERS`] already.
    fn add(&mut self, chosen: &mut Vec<(usize, usize, f32)>, i: usize, j: usize, p: f32) {
        if self.a[i] >= MAX_PARTNERS || self.b[j] >= MAX_PARTNERS {
            return;
        }
        let Err(at) = chosen.binary_search_by_key(&(i, j), |c| (c.0, c.1)) else { return };
        self.a[i] += 1;
        self.b[j] += 1;
        chosen.insert(at, (i, j, p));
    }
}

/// Claims that are identical after normalization always pair, with score 1, even when they hold no content word
/// the score could count (`A.`, a heading of stop words). The k-th copy in A pairs with the k-th copy in B, so
/// repeated sentences add at most one pair each. Sorted.
fn identical_pairs(sa: &Side, sb: &Side) -> Vec<(usize, usize)> {
    fn key<'d>(side: &Side<'d>, i: usize) -> Vec<&'d str> {
        side.claims[i].tokens(side.doc).iter().filter(|t| t.is_wordlike()).map(|t| t.key()).collect()
    }
    let mut copies_in_b: FxHashMap<Vec<&str>, Vec<usize>> = FxHashMap::default();
    for j in 0..sb.claims.len() {
        copies_in_b.entry(key(sb, j)).or_default().push(j);
    }
    let mut seen: FxHashMap<Vec<&str>, usize> = FxHashMap::default();
    let mut out = Vec::new();
    for i in 0..sa.claims.len() {
        let k = key(sa, i);
        let Some(copies) = copies_in_b.get(&k) else { continue };
        let nth = seen.entry(k).or_insert(0);
        if let Some(&j) = copies.get(*nth) {
            out.push((i, j));
        }
        *nth += 1;
    }
    out.sort_unstable();
    out
}

/// Chooses one-to-one pairs with the largest total score: the Hungarian method on each connected group of
/// candidates.
fn assign(candidates: &[(usize, usize, f32)], n_a: usize, n_b: usize) -> Vec<(usize, usize, f32)> {
    // Connected groups via union-find over A's claims and B's claims (B offset by n_a).
    let mut parent: Vec<usize> = (0..n_a + n_b).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for &(i, j, _) in candidates {
        let (ra, rb) = (find(&mut parent, i), find(&mut parent, n_a + j));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut groups: FxHashMap<usize, Vec<(usize, usize, f32)>> = FxHashMap::default();
    for &c in candidates {
        let root = find(&mut parent, c.0);
        groups.entry(root).or_default().push(c);
    }
    let mut groups: Vec<Vec<(usize, usize, f32)>> = groups.into_values().collect();
    groups.sort_by_key(|g| (g[0].0, g[0].1));
    let mut out = Vec::new();
    for g in groups {
        if g.len() == 1 {
            out.push(g[0]);
            continue;
        }
        let mut rows: Vec<usize> = g.iter().map(|c| c.0).collect();
        let mut cols: Vec<usize> = g.iter().map(|c| c.1).collect();
        rows.sort_unstable();
        rows.dedup();
        cols.sort_unstable();
        cols.dedup();
        let mut weights = vec![vec![0.0f64; cols.len()]; rows.len()];
        for &(i, j, s) in &g {
            let (r, c) = (rows.binary_search(&i).unwrap_or(0), cols.binary_search(&j).unwrap_or(0));
            weights[r][c] = f64::from(s);
        }
        for (r, c) in max_weight_assignment(&weights) {
            let s = weights[r][c];
            if s > 0.0 {
                out.push((rows[r], cols[c], s as f32));
            }
        }
    }
    out
}

/// Maximum-weight assignment of rows to columns (weights >= 0; a zero weight means "no pair"): the Hungarian
/// method (Kuhn-Munkres with potentials), `O(n^3)` on the larger side. Returns `(row, column)` pairs.
#[must_use]
pub fn max_weight_assignment(weights: &[Vec<f64>]) -> Vec<(usize, usize)> {
    let rows = weights.len();
    let cols = weights.first().map_or(0, Vec::len);
    let n = rows.max(cols);
    if n == 0 {
        return Vec::new();
    }
    // Square cost matrix (minimize cost = max - weight), 1-based as in the classic formulation.
    let max = weights.iter().flatten().copied().fold(0.0f64, f64::max);
    let cost = |r: usize, c: usize| -> f64 { if r < rows && c < cols { max - weights[r][c] } else { max } };
    let inf = f64::INFINITY;
    let mut u = vec![0.0; n + 1];
    let mut v = vec![0.0; n + 1];
    let mut p = vec![0usize; n + 1];
    let mut way = vec![0usize; n + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = inf;
            let mut j1 = 0;
            for j in 1..=n {
                if !used[j] {
                    let cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut out: Vec<(usize, usize)> =
        (1..=n).filter(|&j| p[j] >= 1 && p[j] <= rows && j <= cols).map(|j| (p[j] - 1, j - 1)).collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    fn self_alignment(text: &str) -> Alignment {
        let a = Article::from_text("a", text);
        let doc = Normalizer::new().normalize(&a);
        let idf = Idf::from_documents([&doc]);
        Aligner::default().align(&a, &doc, &a, &doc, &idf)
    }

    #[test]
    fn claims_without_content_words_still_pair_with_their_copy() {
        // Found by fuzzing: a one-letter title is all stop words, so no score could pair it.
        for text in ["A", "It is what it is. It is.", "A.\n\nThe talks resumed in Kyiv."] {
            let alignment = self_alignment(text);
            assert!(alignment.is_identical(), "{text:?}: {:?}", alignment.summary);
        }
    }

    #[test]
    fn repeated_sentences_pair_copy_by_copy() {
        let alignment = self_alignment(&"Talks resumed in Kyiv on Friday. ".repeat(300));
        assert!(alignment.is_identical());
        assert_eq!(alignment.pairs.len(), 300);
    }

    fn greedy(candidates: &[(usize, usize, f32)]) -> Vec<(usize, usize, f32)> {
        let mut sorted = candidates.to_vec();
        sorted.sort_by(|x, y| y.2.total_cmp(&x.2));
        let (mut ua, mut ub) = (Vec::new(), Vec::new());
        let mut out = Vec::new();
        for c in sorted {
            if !ua.contains(&c.0) && !ub.contains(&c.1) {
                ua.push(c.0);
                ub.push(c.1);
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn global_assignment_beats_greedy() {
        // A0 is closest to B0, but A1 can only pair with B0: greedy takes A0-B0 and leaves A1 alone.
        let candidates = [(0, 0, 0.9), (0, 1, 0.8), (1, 0, 0.85)];
        let total = |v: &[(usize, usize, f32)]| v.iter().map(|c| c.2).sum::<f32>();
        let g = greedy(&candidates);
        let h = assign(&candidates, 2, 2);
        assert_eq!(g.len(), 1);
        assert_eq!(h.len(), 2);
        assert!(total(&h) > total(&g));
        let mut pairs: Vec<(usize, usize)> = h.iter().map(|c| (c.0, c.1)).collect();
        pairs.sort_unstable();
        assert_eq!(pairs, [(0, 1), (1, 0)]);
    }

    fn candidate(a: usize, b: usize, probability: f32) -> Candidate {
        Candidate {
            a,
            b,
            a_span: [0, 0],
            b_span: [0, 0],
            features: [0.0; pair_model::FEATURES],
            context: [0.0; pair_model::CONTEXT_FEATURES],
            probability,
        }
    }

    #[test]
    fn a_claim_left_alone_joins_a_partner_that_is_taken() {
        // The lexical model's thresholds (the semantic model's held-out fit turns this step off).
        let config = AlignConfig { matcher: Matcher::Lexical, ..AlignConfig::default() };
        let orphan = config.threshold_orphan();
        assert!(config.threshold() <= orphan && orphan < config.threshold_many());
        // B0 and B1 both say what A0 says; A1 has nothing in B. One-to-one leaves B1 alone.
        let table = [candidate(0, 0, 0.95), candidate(0, 1, orphan + 0.01), candidate(1, 1, 0.01)];
        let pairs: Vec<(usize, usize)> = select(&table, 2, 2, &config, &[]).iter().map(|c| (c.0, c.1)).collect();
        assert_eq!(pairs, [(0, 0), (0, 1)]);
        // Below the orphan threshold it stays alone.
        let table = [candidate(0, 0, 0.95), candidate(0, 1, orphan - 0.01)];
        let pairs: Vec<(usize, usize)> = select(&table, 1, 2, &config, &[]).iter().map(|c| (c.0, c.1)).collect();
        assert_eq!(pairs, [(0, 0)]);
    }

    #[test]
    fn hungarian_on_rectangles() {
        assert_eq!(max_weight_assignment(&[vec![1.0, 3.0, 0.0]]), [(0, 1)]);
        assert_eq!(max_weight_assignment(&[vec![2.0], vec![5.0]]), [(1, 0)]);
        assert_eq!(max_weight_assignment(&[vec![4.0, 3.0], vec![3.0, 0.0]]), [(0, 1), (1, 0)]);
        assert!(max_weight_assignment(&[]).is_empty());
    }

    fn align_texts(a: &str, b: &str, config: AlignConfig) -> Alignment {
        let (aa, ab) = (Article::from_text("a", a), Article::from_text("b", b));
        let n = Normalizer::new();
        let (da, db) = (n.normalize(&aa), n.normalize(&ab));
        let idf = Idf::from_documents([&da, &db]);
        Aligner::new(config).align(&aa, &da, &ab, &db, &idf)
    }

    #[test]
    fn many_lets_a_split_sentence_join_both_halves() {
        let a = "Russian drones struck Mykolaiv overnight and caused power outages in the city and its suburbs.";
        let b =
            "Russian drones struck Mykolaiv overnight. The strikes caused power outages in the city and its suburbs.";
        let config = AlignConfig { min_score: Some(0.3), ..AlignConfig::default() };
        let one = align_texts(a, b, config);
        let many = align_texts(a, b, AlignConfig { many: true, ..config });
        assert!(!one.pairs.is_empty() && one.pairs.len() <= many.pairs.len());
        assert_eq!(many.pairs.len(), 2, "{:?}", many.pairs.iter().map(|p| p.score).collect::<Vec<_>>());
        assert!(many.only_b.is_empty());
    }

    #[test]
    fn agreed_tokens_take_the_other_claims_detail() {
        let n = Normalizer::new();
        let (ta, tb) =
            (n.tokens("His term ends in 2019."), n.tokens("He may resign before his term ends in 2018, he said."));
        let (wa, wb) = (words(&ta), words(&tb));
        let (ka, kb) =
            (wa.iter().position(|t| t.norm == "2019").unwrap(), wb.iter().position(|t| t.norm == "2018").unwrap());
        let found = [(ka..ka + 1, kb..kb + 1)];
        let b = agreed_tokens(&wa, &tb, found.iter().map(|(x, y)| (x, y)));
        let text: Vec<&str> = b.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(text.join(" "), "he may resign before his term ends in 2019 , he said .");
        let a = agreed_tokens(&wb, &ta, found.iter().map(|(x, y)| (y, x)));
        assert!(a.iter().any(|t| t.norm == "2018") && !a.iter().any(|t| t.norm == "2019"));
    }

    /// Issue 12: a pair the model scores low because its years differ is still a conflict when, years agreeing,
    /// it would be the same claim; and the verdict is the same whichever article comes first.
    #[test]
    fn detail_conflicts_are_scored_as_if_the_detail_agreed() {
        let a = "LePage's second and final term as governor officially ends in 2019. He has clashed with Democrats.";
        let b = "LePage hinted on Tuesday that he may resign before his term ends in 2018, telling a local radio \
                 station he is looking at all options. LePage has clashed with Democrats.";
        let run = |x: &str, y: &str| {
            let (ax, ay) = (Article::from_text("x", x), Article::from_text("y", y));
            let n = Normalizer::new();
            let (dx, dy) = (n.normalize(&ax), n.normalize(&ay));
            let idf = Idf::from_documents([&dx, &dy]);
            Aligner::default().detail_conflicts(&ax, &dx, &ay, &dy, &idf)
        };
        let (ab, ba) = (run(a, b), run(b, a));
        assert_eq!(ab.len(), 1, "{ab:?}");
        assert_eq!(ba.len(), 1, "{ba:?}");
        assert_eq!((ab[0].a, ab[0].b), (0, 0));
        assert_eq!((ab[0].conflicts[0].a.as_str(), ab[0].conflicts[0].b.as_str()), ("2019", "2018"));
        assert!(ab[0].agreed > ab[0].probability, "{ab:?}");
        assert!((ab[0].agreed - ba[0].agreed).abs() < 1e-4, "{ab:?} {ba:?}");
    }

    #[test]
    fn identical_texts_pair_every_claim_as_same() {
        let text = include_str!("../../seeds/002_6b34b3c9854d6455.txt");
        let al = align_texts(text, text, AlignConfig::default());
        assert!(al.is_identical());
        assert_eq!(al.summary.pairs, al.summary.claims_a);
        assert!(al.pairs.iter().all(|p| p.a.index == p.b.index));
    }
}
