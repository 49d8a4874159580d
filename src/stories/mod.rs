//! Stories: which articles of a batch cover the same news event, even when each outlet wrote its own text.
//!
//! Near-duplicate detection (shingles) only finds copies. Independently written articles about one event share
//! something else: the *informative* words, the names, places and numbers of the event, weighed by how rare they
//! are in the batch. This module
//!
//! 1. builds a [`Profile`] of each article: a sparse, length-normalized vector of its informative terms
//!    (sublinear term frequency × smoothed inverse document frequency over the batch; names and numbers weigh
//!    more, function words nothing), a separate vector for its title, and its day;
//! 2. finds candidate pairs without scoring all pairs: an inverted index over each article's few strongest terms
//!    (its *signature*), skipping terms so common that they say nothing; small batches are scored exactly;
//! 3. scores each candidate pair ([`Profiles::similarity`]): body cosine and title cosine, combined, and set
//!    to zero when the two dates are further apart than the window;
//! 4. clusters with average linkage over that sparse graph ([`average_linkage`]): two groups merge only when the
//!    *average* similarity over all their cross pairs reaches the threshold, so one loose link cannot chain two
//!    unrelated stories together the way connected components would.
//!
//! Everything is deterministic: profiles are built in parallel but collected in input order, and the merge
//! order is decided by a total key (similarity, then the smaller indices), so 1 thread or N give the same stories.
//!
//! ```
//! use newsdiff::stories::{StoryConfig, StoryGrouper};
//! use newsdiff::article::Article;
//!
//! let a = Article::from_text("a", "Flood in Porto Alegre\n\nThe Guaiba river flooded Porto Alegre on Monday, \
//!     forcing 3,000 residents to leave.");
//! let b = Article::from_text("b", "Porto Alegre evacuates\n\nAbout 3,000 residents of Porto Alegre left as the \
//!     Guaiba rose.");
//! let c = Article::from_text("c", "Chess final\n\nMagnus Carlsen won the rapid chess final in Oslo.");
//! let grouping = StoryGrouper::new(StoryConfig::default()).group(&[a, b, c]);
//! assert_eq!(grouping.stories, vec![vec![0, 1], vec![2]]);
//! ```

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::article::Article;
use crate::normalize::stopwords::is_stop_word;
use crate::normalize::{Document, Normalizer, TokenKind};

/// How stories are found. The defaults were chosen on development data with a leave-some-out check (see
/// docs/evaluation.md); each field says what it trades.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryConfig {
    /// Two articles dated more than this many days apart are never in one story; `None` ignores dates.
    /// Articles without a date are never kept apart by it.
    pub window_days: Option<u32>,
    /// Average-linkage cut: groups merge while their average pairwise similarity is at least this.
    pub threshold: f32,
    /// Weight of the title cosine in the similarity (the rest is the body cosine).
    pub title_weight: f32,
    /// Batches up to this many articles are scored on all pairs; larger ones use the inverted index.
    pub exact_limit: usize,
    /// Strongest terms per article used to find candidate pairs in large batches.
    pub signature_terms: usize,
    /// Terms kept per article profile (its strongest), bounding memory and scoring time.
    pub max_terms: usize,
}

impl Default for StoryConfig {
    fn default() -> Self {
        Self {
            window_days: Some(DEFAULT_WINDOW_DAYS),
            threshold: DEFAULT_THRESHOLD,
            title_weight: 0.15,
            exact_limit: 2_000,
            signature_terms: 24,
            max_terms: 160,
        }
    }
}

/// Default `--window`: coverage of one event by several outlets rarely spreads over more than a few days.
pub const DEFAULT_WINDOW_DAYS: u32 = 7;

/// Default average-linkage threshold.
pub const DEFAULT_THRESHOLD: f32 = 0.25;

/// Extra weight of a name (a word written capitalized inside a sentence, or in capitals).
const NAME_BOOST: f32 = 1.6;
/// Extra weight of a number.
const NUMBER_BOOST: f32 = 1.3;
/// Weight of a term found in only one article of the batch. Such a term cannot link its article to another;
/// it still counts, as a measure of how much of the article is its own, but at reduced weight so that
/// article-specific detail does not drown the shared core of a story (this raised pairwise F1 on the
/// development data from 0.96 to 0.99 and keeps unrelated articles of a tiny batch far apart).
const SINGLETON_WEIGHT: f32 = 0.5;
/// Candidate pairs of the inverted index are scored only when their strongest shared terms alone give at
/// least this much of the cosine (a fifth of the default threshold). On BASIL this loses no pair of a story;
/// on 10,000 generated articles it scores 0.4 million pairs instead of 1.2 million.
const CANDIDATE_MIN_DOT: f32 = 0.05;
/// Similarities below this are not kept as edges of the graph.
const MIN_EDGE: f32 = 0.02;

/// An edge of the similarity graph: two article indices `i < j` and their similarity.
pub type Edge = (usize, usize, f32);

/// A sparse vector: `(term id, weight)` sorted by term id, of unit length.
pub type SparseVec = Vec<(u32, f32)>;

/// One article reduced to what story grouping needs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    /// Informative terms of the whole article (title included), unit length.
    pub terms: SparseVec,
    /// Informative terms of the title, unit length (empty without a title).
    pub title: SparseVec,
    /// Day number of the article's date, when known.
    pub day: Option<i64>,
}

/// The profiles of a batch and its vocabulary: computes similarities and describes stories.
#[derive(Debug, Clone, Default)]
pub struct Profiles {
    /// One profile per article, in input order.
    pub profiles: Vec<Profile>,
    /// Term ids to their (accent-free, lowercase) text.
    pub vocab: Vec<String>,
    /// Document frequency of each term.
    pub df: Vec<u32>,
    window_days: Option<u32>,
    title_weight: f32,
}

/// The result of grouping: stories as lists of article indices.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grouping {
    /// Each story's article indices, ascending. Stories are sorted largest first, then by first index; every
    /// article is in exactly one story (a story of one is an article nobody else covered).
    pub stories: Vec<Vec<usize>>,
    /// How many pairs were scored.
    pub pairs_scored: usize,
}

/// Groups articles into stories.
#[derive(Debug, Clone, Default)]
pub struct StoryGrouper {
    config: StoryConfig,
    normalizer: Normalizer,
}

/// One article's informative terms before the batch weighs them ([`StoryGrouper::terms`]).
#[derive(Debug, Clone, Default)]
pub struct ArticleTerms {
    /// `(term, sublinear tf × kind boost)` over the whole article.
    body: Vec<(String, f32)>,
    /// The same for the title.
    title: Vec<(String, f32)>,
}

/// Collects the terms of a batch article by article, in input order, and weighs them into [`Profiles`] once the
/// batch is complete. Body terms become ids as they arrive, so a large batch keeps a few bytes per term of
/// each article rather than its text or its normalized document.
#[derive(Debug, Default)]
pub struct ProfileBuilder {
    ids: FxHashMap<String, u32>,
    vocab: Vec<String>,
    df: Vec<u32>,
    body: Vec<Vec<(u32, f32)>>,
    title: Vec<Vec<(String, f32)>>,
    days: Vec<Option<i64>>,
}

impl ProfileBuilder {
    /// Adds the next article of the batch (input order) with its terms.
    pub fn add(&mut self, article: &Article, terms: ArticleTerms) {
        let body = terms
            .body
            .into_iter()
            .map(|(term, w)| {
                let id = match self.ids.get(term.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = self.vocab.len() as u32;
                        self.vocab.push(term.clone());
                        self.df.push(0);
                        self.ids.insert(term, id);
                        id
                    }
                };
                self.df[id as usize] += 1;
                (id, w)
            })
            .collect();
        self.body.push(body);
        self.title.push(terms.title);
        self.days.push(article.day_number());
    }

    /// Weighs every article's terms by the batch (sublinear tf × smoothed idf, a term of one article only at
    /// half weight) into unit vectors.
    #[must_use]
    pub fn finish(self, config: &StoryConfig) -> Profiles {
        let Self { ids, vocab, df, body, title, days } = self;
        let n = body.len() as f32;
        let idf: Vec<f32> = df.iter().map(|&d| ((1.0 + n) / (1.0 + d as f32)).ln() + 1.0).collect();
        let weight = |id: u32, w: f32| {
            let single = if df[id as usize] == 1 { SINGLETON_WEIGHT } else { 1.0 };
            w * idf[id as usize] * single
        };
        let finish = |mut v: SparseVec, limit: usize| -> SparseVec {
            if v.len() > limit {
                v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                v.truncate(limit);
            }
            v.sort_unstable_by_key(|&(id, _)| id);
            unit(&mut v);
            v
        };
        let profiles = body
            .into_iter()
            .zip(title)
            .zip(days)
            .map(|((b, t), day)| Profile {
                terms: finish(b.into_iter().map(|(id, w)| (id, weight(id, w))).collect(), config.max_terms),
                title: finish(
                    t.iter().filter_map(|(term, w)| ids.get(term.as_str()).map(|&id| (id, weight(id, *w)))).collect(),
                    usize::MAX,
                ),
                day,
            })
            .collect();
        Profiles { profiles, vocab, df, window_days: config.window_days, title_weight: config.title_weight }
    }
}

impl StoryGrouper {
    /// A grouper with this configuration.
    #[must_use]
    pub fn new(config: StoryConfig) -> Self {
        Self { config, normalizer: Normalizer::new() }
    }

    /// The configuration.
    #[must_use]
    pub fn config(&self) -> &StoryConfig {
        &self.config
    }

    /// Normalizes the articles and groups them.
    #[must_use]
    pub fn group(&self, articles: &[Article]) -> Grouping {
        let docs: Vec<Document> = articles.par_iter().map(|a| self.normalizer.normalize(a)).collect();
        let profiles = self.profile(articles, &docs);
        self.group_profiles(&profiles)
    }

    /// Builds the profiles of a batch from its articles and their normalized documents (same order).
    #[must_use]
    pub fn profile(&self, articles: &[Article], docs: &[Document]) -> Profiles {
        let terms: Vec<ArticleTerms> =
            articles.par_iter().zip(docs.par_iter()).map(|(article, doc)| self.terms(article, doc)).collect();
        let mut builder = ProfileBuilder::default();
        for (article, t) in articles.iter().zip(terms) {
            builder.add(article, t);
        }
        builder.finish(&self.config)
    }

    /// What grouping keeps of one article once its normalized document is gone: its informative terms, not yet
    /// weighed by the batch. Feed them to a [`ProfileBuilder`] in input order.
    #[must_use]
    pub fn terms(&self, article: &Article, doc: &Document) -> ArticleTerms {
        let body = doc_terms(doc);
        let title = match &article.title {
            Some(t) => doc_terms(&self.normalizer.normalize_str(t)),
            None => Vec::new(),
        };
        ArticleTerms { body, title }
    }

    /// Groups articles whose profiles are given.
    #[must_use]
    pub fn group_profiles(&self, profiles: &Profiles) -> Grouping {
        let edges = self.edges(profiles);
        let pairs_scored = edges.1;
        let stories = average_linkage(profiles.profiles.len(), &edges.0, self.config.threshold);
        Grouping { stories, pairs_scored }
    }

    /// The scored edges of the similarity graph (pairs `i < j` with similarity at least [`MIN_EDGE`]), and how
    /// many pairs were scored.
    fn edges(&self, p: &Profiles) -> (Vec<Edge>, usize) {
        let n = p.profiles.len();
        if n <= self.config.exact_limit {
            let per: Vec<Vec<Edge>> = (0..n)
                .into_par_iter()
                .map(|i| {
                    (i + 1..n)
                        .filter_map(|j| {
                            let s = p.similarity(i, j);
                            (s >= MIN_EDGE).then_some((i, j, s))
                        })
                        .collect()
                })
                .collect();
            return (per.into_iter().flatten().collect(), n * n.saturating_sub(1) / 2);
        }
        // Signatures: each article's strongest terms that at least one other article has, and that are not so
        // common that their posting lists would make the pass quadratic.
        let cap = (n / 100).clamp(200, 2_000) as u32;
        let signatures: Vec<Vec<(u32, f32)>> = p
            .profiles
            .par_iter()
            .map(|prof| {
                let mut sig: Vec<(u32, f32)> =
                    prof.terms.iter().copied().filter(|&(t, _)| (2..=cap).contains(&p.df[t as usize])).collect();
                sig.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                sig.truncate(self.config.signature_terms);
                sig
            })
            .collect();
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); p.vocab.len()];
        for (i, sig) in signatures.iter().enumerate() {
            for &(t, w) in sig {
                postings[t as usize].push((i as u32, w));
            }
        }
        let per: Vec<(Vec<Edge>, usize)> = (0..n)
            .into_par_iter()
            .map(|i| {
                let mut acc: FxHashMap<u32, f32> = FxHashMap::default();
                for &(t, w) in &signatures[i] {
                    for &(j, wj) in &postings[t as usize] {
                        if j as usize > i {
                            *acc.entry(j).or_insert(0.0) += w * wj;
                        }
                    }
                }
                let mut cands: Vec<u32> =
                    acc.into_iter().filter(|&(_, dot)| dot >= CANDIDATE_MIN_DOT).map(|(j, _)| j).collect();
                cands.sort_unstable();
                let scored = cands.len();
                let edges = cands
                    .into_iter()
                    .filter_map(|j| {
                        let s = p.similarity(i, j as usize);
                        (s >= MIN_EDGE).then_some((i, j as usize, s))
                    })
                    .collect();
                (edges, scored)
            })
            .collect();
        let scored = per.iter().map(|e| e.1).sum();
        (per.into_iter().flat_map(|e| e.0).collect(), scored)
    }
}

impl Profiles {
    /// Similarity of articles `i` and `j` in `0..=1`: body and title cosines combined, zero when their dates
    /// are further apart than the window.
    #[must_use]
    pub fn similarity(&self, i: usize, j: usize) -> f32 {
        let (a, b) = (&self.profiles[i], &self.profiles[j]);
        if let (Some(w), Some(da), Some(db)) = (self.window_days, a.day, b.day)
            && (da - db).unsigned_abs() > u64::from(w)
        {
            return 0.0;
        }
        let body = dot(&a.terms, &b.terms);
        if a.title.is_empty() || b.title.is_empty() {
            return body;
        }
        let title = dot(&a.title, &b.title);
        ((1.0 - self.title_weight) * body + self.title_weight * title).clamp(0.0, 1.0)
    }

    /// The pairwise similarity matrix of some articles (by index), row by row.
    #[must_use]
    pub fn matrix(&self, members: &[usize]) -> Vec<Vec<f32>> {
        members
            .iter()
            .map(|&i| members.iter().map(|&j| if i == j { 1.0 } else { self.similarity(i, j) }).collect())
            .collect()
    }

    /// The terms that best describe a story: summed weight over its articles, boosted by how many of them use
    /// the term; ties by text. At most `k`.
    #[must_use]
    pub fn key_terms(&self, members: &[usize], k: usize) -> Vec<String> {
        let mut sum: FxHashMap<u32, (f32, u32)> = FxHashMap::default();
        for &i in members {
            for &(t, w) in &self.profiles[i].terms {
                let e = sum.entry(t).or_insert((0.0, 0));
                e.0 += w;
                e.1 += 1;
            }
        }
        let need = if members.len() > 1 { 2 } else { 1 };
        let mut terms: Vec<(u32, f32)> =
            sum.into_iter().filter(|&(_, (_, c))| c >= need).map(|(t, (w, c))| (t, w * c as f32)).collect();
        terms.sort_unstable_by(|a, b| {
            b.1.total_cmp(&a.1).then_with(|| self.vocab[a.0 as usize].cmp(&self.vocab[b.0 as usize]))
        });
        terms.into_iter().take(k).map(|(t, _)| self.vocab[t as usize].clone()).collect()
    }
}

/// The informative terms of a document with their boosted sublinear frequencies, sorted by term.
fn doc_terms(doc: &Document) -> Vec<(String, f32)> {
    // Words written capitalized somewhere other than at the start of a sentence are names.
    let mut sentence_start: FxHashSet<usize> = FxHashSet::default();
    for s in &doc.sentences {
        if let Some(k) = doc.tokens[s.tokens.0..s.tokens.1].iter().position(|t| t.is_wordlike()) {
            sentence_start.insert(s.tokens.0 + k);
        }
    }
    let mut names: FxHashSet<&str> = FxHashSet::default();
    for (k, t) in doc.tokens.iter().enumerate() {
        if t.kind == TokenKind::Word && (t.all_caps || (t.capitalized && !sentence_start.contains(&k))) {
            names.insert(t.key());
        }
    }
    let mut counts: FxHashMap<&str, (u32, f32)> = FxHashMap::default();
    for t in &doc.tokens {
        if !t.is_wordlike() || is_stop_word(&t.norm) {
            continue;
        }
        let key = t.key();
        let boost = match t.kind {
            TokenKind::Number => NUMBER_BOOST,
            _ if names.contains(key) => NAME_BOOST,
            _ => 1.0,
        };
        if key.chars().count() < 2 && t.kind != TokenKind::Number {
            continue;
        }
        let e = counts.entry(key).or_insert((0, boost));
        e.0 += 1;
    }
    let mut terms: Vec<(String, f32)> =
        counts.into_iter().map(|(k, (c, boost))| (k.to_string(), (1.0 + (c as f32).ln()) * boost)).collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    terms
}

fn unit(v: &mut SparseVec) {
    let norm = v.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for e in v.iter_mut() {
            e.1 /= norm;
        }
    }
}

/// Dot product of two sparse vectors sorted by id.
#[must_use]
pub fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// A candidate merge in the heap: ordered by average similarity, then by the smaller cluster ids (total order).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Merge {
    avg: f32,
    a: usize,
    b: usize,
}

impl Eq for Merge {}

impl Ord for Merge {
    fn cmp(&self, other: &Self) -> Ordering {
        self.avg.total_cmp(&other.avg).then_with(|| other.a.cmp(&self.a)).then_with(|| other.b.cmp(&self.b))
    }
}

impl PartialOrd for Merge {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Average-linkage agglomerative clustering of `n` items over a sparse similarity graph (missing pairs count
/// as similarity 0), stopping when no two clusters average `threshold` or more.
///
/// Returns the clusters as ascending index lists, largest first, then by smallest index. Deterministic for a
/// given edge set, whatever its order.
///
/// ```
/// use newsdiff::stories::average_linkage;
/// // 0-1 and 2-3 are close; one weak link 1-2 does not chain them.
/// let edges = [(0, 1, 0.9), (2, 3, 0.8), (1, 2, 0.5)];
/// assert_eq!(average_linkage(4, &edges, 0.4), vec![vec![0, 1], vec![2, 3]]);
/// ```
#[must_use]
pub fn average_linkage(n: usize, edges: &[Edge], threshold: f32) -> Vec<Vec<usize>> {
    // links[c]: other cluster -> sum of similarities over cross pairs.
    let mut links: Vec<FxHashMap<usize, f64>> = vec![FxHashMap::default(); n];
    for &(i, j, s) in edges {
        if i != j && i < n && j < n {
            *links[i].entry(j).or_insert(0.0) += f64::from(s);
            *links[j].entry(i).or_insert(0.0) += f64::from(s);
        }
    }
    let mut size = vec![1usize; n];
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut alive = vec![true; n];
    let mut heap = BinaryHeap::new();
    let avg = |sum: f64, a: usize, b: usize| (sum / (a * b) as f64) as f32;
    for (a, l) in links.iter().enumerate() {
        for (&b, &sum) in l {
            if a < b && avg(sum, 1, 1) >= threshold {
                heap.push(Merge { avg: avg(sum, 1, 1), a, b });
            }
        }
    }
    while let Some(m) = heap.pop() {
        if !alive[m.a] || !alive[m.b] {
            continue;
        }
        // Stale entry: the pair's current average differs (one side grew since).
        let Some(&sum) = links[m.a].get(&m.b) else { continue };
        let current = avg(sum, size[m.a], size[m.b]);
        if current != m.avg {
            continue;
        }
        // Merge b into a (a keeps the smaller id).
        let (a, b) = (m.a.min(m.b), m.a.max(m.b));
        alive[b] = false;
        let lb = std::mem::take(&mut links[b]);
        links[a].remove(&b);
        for (c, s) in lb {
            if c == a {
                continue;
            }
            *links[a].entry(c).or_insert(0.0) += s;
            let lc = &mut links[c];
            let sb = lc.remove(&b).unwrap_or(0.0);
            *lc.entry(a).or_insert(0.0) += sb;
        }
        size[a] += size[b];
        let mb = std::mem::take(&mut members[b]);
        members[a].extend(mb);
        let mut pushes: Vec<Merge> = links[a]
            .iter()
            .filter(|&(&c, _)| alive[c])
            .map(|(&c, &sum)| Merge { avg: avg(sum, size[a], size[c]), a: a.min(c), b: a.max(c) })
            .filter(|m| m.avg >= threshold)
            .collect();
        pushes.sort_unstable_by(|x, y| y.cmp(x));
        heap.extend(pushes);
    }
    let mut clusters: Vec<Vec<usize>> = members
        .into_iter()
        .zip(alive)
        .filter(|(_, alive)| *alive)
        .map(|(mut m, _)| {
            m.sort_unstable();
            m
        })
        .collect();
    clusters.sort_by(|x, y| y.len().cmp(&x.len()).then_with(|| x[0].cmp(&y[0])));
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Vec<Article> {
        crate::TEST_SEEDS.iter().map(|(id, t)| Article::from_text(id, t)).collect()
    }

    #[test]
    fn seeds_are_one_story() {
        let g = StoryGrouper::new(StoryConfig::default()).group(&seeds());
        assert_eq!(g.stories, vec![vec![0, 1, 2]]);
    }

    #[test]
    fn average_linkage_does_not_chain() {
        // A chain 0-1-2-3-4 of strong neighbour links only: single linkage would join all five.
        let edges: Vec<Edge> = (0..4).map(|i| (i, i + 1, 0.5)).collect();
        let clusters = average_linkage(5, &edges, 0.4);
        assert!(clusters.iter().all(|c| c.len() <= 2), "{clusters:?}");
    }

    #[test]
    fn linkage_is_independent_of_edge_order() {
        let mut edges = vec![(0, 1, 0.9), (1, 2, 0.7), (0, 2, 0.6), (3, 4, 0.8), (2, 3, 0.3), (4, 5, 0.45)];
        let first = average_linkage(6, &edges, 0.4);
        edges.reverse();
        assert_eq!(first, average_linkage(6, &edges, 0.4));
        assert_eq!(first, vec![vec![0, 1, 2], vec![3, 4], vec![5]]);
    }

    #[test]
    fn window_keeps_distant_dates_apart() {
        let a = Article::from_text("a", "date 2020-01-01\nQuake hits Izmir\n\nA quake hit Izmir, killing 12.");
        let b = Article::from_text("b", "date 2020-03-01\nQuake hits Izmir\n\nA quake hit Izmir, killing 12.");
        let g = StoryGrouper::new(StoryConfig::default()).group(&[a.clone(), b.clone()]);
        assert_eq!(g.stories.len(), 2);
        let g = StoryGrouper::new(StoryConfig { window_days: None, ..StoryConfig::default() }).group(&[a, b]);
        assert_eq!(g.stories.len(), 1);
    }

    #[test]
    fn index_path_finds_the_same_stories_as_all_pairs() {
        let mut articles = seeds();
        articles.push(Article::from_text("x", "Chess final\n\nMagnus Carlsen won the rapid chess final in Oslo."));
        articles.push(Article::from_text("y", "Carlsen wins in Oslo\n\nMagnus Carlsen took the chess title in Oslo."));
        let exact = StoryGrouper::new(StoryConfig::default()).group(&articles);
        let indexed = StoryGrouper::new(StoryConfig { exact_limit: 0, ..StoryConfig::default() }).group(&articles);
        assert_eq!(exact.stories, indexed.stories);
        assert_eq!(exact.stories, vec![vec![0, 1, 2], vec![3, 4]]);
    }
}
