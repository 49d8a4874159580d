//! From a batch of articles to a [`Report`]: stories first, then for each story what the other comparison
//! stages say about it (near-duplicates, shared / conflicting / unique claims, name variants).
//!
//! This is the only place that knows how the stages combine; each stage stays usable on its own. Stories are
//! described in parallel (one rayon task per story, a few dozen at a time) and handed on in story order
//! ([`stream_report`], [`ReportSink`]), so the report does not depend on the number of threads and a renderer
//! can write each story as it comes. Only the story terms of each article outlive the first pass: a story
//! normalizes its articles again when it is described.

use std::collections::{BTreeMap, BTreeSet};
use std::io;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::article::Article;
use crate::claims::align::{AlignConfig, Aligner, Alignment, PreparedArticle};
use crate::claims::similarity::Idf;
use crate::claims::worddiff::{DiffOp, OpNote, OpTag, Segment};
use crate::claims::{self as cmp, PairKind};
use crate::dedup::{DedupConfig, Deduplicator};
use crate::names::VariantIndex;
use crate::normalize::{Document, Normalizer};
use crate::report::{
    DiffSpan, DiffSpanOp, DuplicatePair, Progress, Report, ReportSummary, SCHEMA_VERSION, Settings, SharedClaim,
    SharedClaimKind, SourceSummary, Story, StoryArticle, StoryClaimRef, StoryConflict, StoryVariantForm,
    StoryVariantGroup,
};
use crate::stories::{ArticleTerms, Grouping, ProfileBuilder, Profiles, StoryConfig, StoryGrouper};

/// What a report is built with.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// How stories are found.
    pub stories: StoryConfig,
    /// How near-duplicates are found.
    pub dedup: DedupConfig,
    /// How the claims of two articles are aligned.
    pub align: AlignConfig,
}

/// Stories with more articles than this align each article with the story's most central one only (a star)
/// instead of every pair of sources.
pub const ALL_PAIRS_LIMIT: usize = 12;

/// Articles normalized (and reduced to their story terms) per parallel step of the first pass: large enough to
/// keep both cores busy, small enough that the normalized documents of one step stay a few tens of MB.
const NORMALIZE_CHUNK: usize = 1024;

/// Stories described per parallel step: they are described in parallel and handed on in story order while the
/// next step is described, so the memory held at once is about three times this many described stories (largest
/// first, so the first steps hold the largest).
const DESCRIBE_CHUNK: usize = 64;

/// Everything a story description needs about the batch. Normalized documents are not kept: each story
/// normalizes its own articles again when it is described, so memory grows with the largest story.
struct Batch<'a> {
    articles: &'a [Article],
    normalizer: &'a Normalizer,
    profiles: &'a Profiles,
    aligner: &'a Aligner,
}

/// What is known of a report once its stories are found, before any is described: enough for a streaming
/// renderer to lay out what comes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportPlan {
    /// Articles in the batch.
    pub articles: usize,
    /// Stories, single articles included.
    pub stories: usize,
    /// Stories of one article (they come last, stories being sorted largest first).
    pub single_articles: usize,
}

/// The end of a streamed report: what follows the stories.
#[derive(Debug, Clone, Default)]
pub struct ReportEnd {
    /// Batch totals.
    pub summary: ReportSummary,
    /// Version of the JSON layout ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// How long each stage took, in order.
    pub timings: Vec<(String, std::time::Duration)>,
}

/// Receives a report as it is built: its plan once the stories are found, then each story in report order.
pub trait ReportSink {
    /// What the sink can fail with (an I/O error of the report's own stages converts into it).
    type Error: From<io::Error>;
    /// The stories are found; `plan` says how many there are.
    ///
    /// # Errors
    /// Whatever the sink fails with; the report stops.
    fn plan(&mut self, plan: &ReportPlan) -> Result<(), Self::Error>;
    /// The next story, in report order (`S1`, `S2`, ...).
    ///
    /// # Errors
    /// Whatever the sink fails with; the report stops.
    fn story(&mut self, story: Story) -> Result<(), Self::Error>;
}

/// Collects the streamed stories into a [`Report`].
#[derive(Debug, Default)]
struct Collect(Vec<Story>);

impl ReportSink for Collect {
    type Error = io::Error;
    fn plan(&mut self, plan: &ReportPlan) -> io::Result<()> {
        self.0.reserve(plan.stories);
        Ok(())
    }
    fn story(&mut self, story: Story) -> io::Result<()> {
        self.0.push(story);
        Ok(())
    }
}

/// Builds the report of a batch in memory. `progress` counts articles normalized, then stories described (pass
/// [`crate::report::NoProgress`] for none). For large batches prefer [`stream_report`], which holds only the
/// stories being described.
///
/// # Errors
/// When the near-duplicate stage cannot create its temporary file.
pub fn build_report(articles: &[Article], options: &ReportOptions, progress: &dyn Progress) -> io::Result<Report> {
    let mut stories = Collect::default();
    let end = stream_report(articles, options, progress, &mut stories)?;
    Ok(Report { stories: stories.0, summary: end.summary, schema_version: end.schema_version, timings: end.timings })
}

/// Builds the report of a batch and hands each story to `sink` as soon as it and the stories before it are
/// described; returns the summary. The stories and their order are those of [`build_report`].
///
/// Memory: per article, only its story terms are kept after the first pass (not its normalized document);
/// stories are then described a few at a time, each normalizing its own articles again, so the peak grows with
/// the largest story, not with the batch (the article texts themselves stay in `articles`).
///
/// # Errors
/// When the near-duplicate stage cannot create its temporary file, or when `sink` fails.
pub fn stream_report<S: ReportSink>(
    articles: &[Article],
    options: &ReportOptions,
    progress: &dyn Progress,
    sink: &mut S,
) -> Result<ReportEnd, S::Error> {
    let mut timings = Vec::new();
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &str| {
        timings.push((name.to_string(), clock.elapsed()));
        clock = std::time::Instant::now();
    };
    let normalizer = Normalizer::new();
    let grouper = StoryGrouper::new(options.stories.clone());
    progress.set_len(articles.len() as u64);
    progress.set_stage("normalizing");
    let mut builder = ProfileBuilder::default();
    for chunk in articles.chunks(NORMALIZE_CHUNK) {
        let terms: Vec<ArticleTerms> = chunk
            .par_iter()
            .map(|a| {
                let terms = grouper.terms(a, &normalizer.normalize(a));
                progress.inc(1);
                terms
            })
            .collect();
        for (article, t) in chunk.iter().zip(terms) {
            builder.add(article, t);
        }
    }
    let profiles = builder.finish(grouper.config());
    lap("normalize");
    progress.set_len(0);
    progress.set_stage("grouping stories");
    let grouping = grouper.group_profiles(&profiles);
    lap("group stories");
    progress.set_len(articles.len() as u64);
    progress.set_stage("near-duplicates");
    let mut dedup = Deduplicator::new(options.dedup.clone())?;
    for chunk in articles.chunks(NORMALIZE_CHUNK * 4) {
        dedup.add_articles(chunk)?;
        progress.inc(chunk.len() as u64);
    }
    let dups = dedup.finish()?;
    let mut story_of = vec![0usize; articles.len()];
    for (k, members) in grouping.stories.iter().enumerate() {
        for &i in members {
            story_of[i] = k;
        }
    }
    let mut story_dups: Vec<Vec<DuplicatePair>> = vec![Vec::new(); grouping.stories.len()];
    let mut cross_story = 0;
    for p in &dups.pairs {
        let (a, b) = (p.a as usize, p.b as usize);
        if story_of[a] == story_of[b] {
            story_dups[story_of[a]].push(DuplicatePair {
                a: articles[a].id.clone(),
                b: articles[b].id.clone(),
                similarity: round3(p.jaccard as f32),
                exact: p.exact,
            });
        } else {
            cross_story += 1;
        }
    }
    drop(story_of);
    drop(dups);
    lap("near-duplicates");
    sink.plan(&ReportPlan {
        articles: articles.len(),
        stories: grouping.stories.len(),
        single_articles: grouping.stories.iter().filter(|s| s.len() == 1).count(),
    })?;
    let aligner = Aligner::new(options.align);
    let batch = Batch { articles, normalizer: &normalizer, profiles: &profiles, aligner: &aligner };
    progress.set_len(grouping.stories.len() as u64);
    progress.set_stage("claims and variants");
    let mut totals = SummaryBuilder::default();
    // Stories are described a chunk at a time on rayon's threads while this thread hands the chunk before to the
    // sink: rendering overlaps describing, and at most two described chunks are held at once (the one being
    // handed on, and the one waiting in the channel; a third waits to be sent).
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Story>>(1);
    std::thread::scope(|scope| -> Result<(), S::Error> {
        let (batch, stories) = (&batch, &grouping.stories);
        scope.spawn(move || {
            let mut story_dups = story_dups.into_iter();
            for (c, chunk) in stories.chunks(DESCRIBE_CHUNK).enumerate() {
                let dups: Vec<Vec<DuplicatePair>> = story_dups.by_ref().take(chunk.len()).collect();
                let described: Vec<Story> = chunk
                    .par_iter()
                    .enumerate()
                    .zip(dups)
                    .map(|((k, members), mut duplicates)| {
                        let mut story = describe(batch, c * DESCRIBE_CHUNK + k, members);
                        duplicates.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
                        story.duplicates = duplicates;
                        progress.inc(1);
                        story
                    })
                    .collect();
                // The sink failed and stopped listening: nothing more to describe.
                if send.send(described).is_err() {
                    return;
                }
            }
        });
        for described in receive {
            for story in described {
                totals.add(&story);
                sink.story(story)?;
            }
        }
        Ok(())
    })?;
    let mut summary = totals.finish(&grouping, options);
    summary.cross_story_duplicate_pairs = cross_story;
    lap("claims and variants");
    Ok(ReportEnd { summary, schema_version: SCHEMA_VERSION, timings })
}

fn conflict_kind(k: cmp::ConflictKind) -> &'static str {
    match k {
        cmp::ConflictKind::Number => "number",
        cmp::ConflictKind::Date => "date",
        cmp::ConflictKind::Name => "name",
    }
}

fn round3(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

/// Describes one story: its articles, sources, headline, key terms and similarity matrix.
///
/// Every article is normalized again here, a single article too: its name variants, the costliest part of a
/// one-article story, are found only now rather than for every article in the first pass (most articles of a
/// large batch belong to larger stories, whose variants are found over the whole story), and normalizing is
/// several times cheaper than finding name variants.
fn describe(batch: &Batch<'_>, k: usize, members: &[usize]) -> Story {
    let normalized = normalize_distinct(batch, members);
    let docs: Vec<&Document> = normalized.which.iter().map(|&u| &normalized.docs[u]).collect();
    // Three decimals: enough to read, and the same on every platform.
    let round = |v: f32| (v * 1000.0).round() / 1000.0;
    let mut similarity = batch.profiles.matrix(members);
    for v in similarity.iter_mut().flatten() {
        *v = round(*v);
    }
    let n = members.len();
    let cohesion = if n < 2 {
        1.0
    } else {
        let sum: f32 = (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))).map(|(i, j)| similarity[i][j]).sum();
        round(sum / (n * (n - 1) / 2) as f32)
    };
    // The most central article (highest summed similarity, first in input order on ties), preferring one
    // with a title.
    let central = (0..n)
        .max_by(|&a, &b| {
            let titled = |k: usize| batch.articles[members[k]].title.is_some();
            let (sa, sb): (f32, f32) = (similarity[a].iter().sum(), similarity[b].iter().sum());
            titled(a).cmp(&titled(b)).then(sa.total_cmp(&sb)).then(b.cmp(&a))
        })
        .unwrap_or(0);
    let articles: Vec<StoryArticle> = members
        .iter()
        .zip(&docs)
        .map(|(&i, &doc)| story_article(&batch.articles[i], doc.word_count(), sentence_spans(doc)))
        .collect();
    let mut sources: Vec<String> = articles.iter().map(|a| a.source.clone()).collect();
    sources.sort();
    sources.dedup();
    let headline = headline_of(&batch.articles[members[central]], docs[central].sentences.first().map(|s| s.span));
    let mut story = Story {
        id: format!("S{}", k + 1),
        articles,
        sources,
        headline,
        key_terms: batch.profiles.key_terms(members, 8),
        cohesion,
        similarity,
        ..Story::default()
    };
    if story.sources.len() > 1 {
        claims(batch, members, &docs, central, &mut story);
    }
    story.variants = variants(batch, members, &docs);
    story
}

/// The normalized articles of a story, each distinct text normalized once (copies of one text, common among
/// wire stories and near-duplicates, share its document).
struct DistinctDocs {
    /// One document per distinct text.
    docs: Vec<Document>,
    /// For each member of the story, its document in `docs`.
    which: Vec<usize>,
}

/// What the normalizer reads of an article: its text, its title's span and where its body starts.
type NormalizerInput<'a> = (&'a str, Option<(usize, usize)>, usize);

fn normalize_distinct(batch: &Batch<'_>, members: &[usize]) -> DistinctDocs {
    let mut first_of: FxHashMap<NormalizerInput<'_>, usize> = FxHashMap::default();
    let mut distinct: Vec<usize> = Vec::new();
    let which = members
        .iter()
        .map(|&i| {
            let a = &batch.articles[i];
            *first_of.entry((&a.text, a.title_span, a.body_start)).or_insert_with(|| {
                distinct.push(i);
                distinct.len() - 1
            })
        })
        .collect();
    let docs = distinct.par_iter().map(|&i| batch.normalizer.normalize(&batch.articles[i])).collect();
    DistinctDocs { docs, which }
}

/// A claim of the story: an article (by its place in the story) and the claim's index in that article.
type ClaimKey = (usize, usize);

/// Aligns the articles of a story pairwise (sources with sources) and sorts what the alignments say into
/// shared, conflicting and unique claims.
fn claims(batch: &Batch<'_>, members: &[usize], docs: &[&Document], central: usize, story: &mut Story) {
    let n = members.len();
    let source = |k: usize| batch.articles[members[k]].source.as_str();
    let pairs: Vec<(usize, usize)> = if n <= ALL_PAIRS_LIMIT {
        (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))).filter(|&(i, j)| source(i) != source(j)).collect()
    } else {
        (0..n)
            .filter(|&k| k != central && source(k) != source(central))
            .map(|k| (central.min(k), central.max(k)))
            .collect()
    };
    let idf = Idf::from_documents(docs.iter().copied());
    // Each article is cut into claims and weighed once, not once per pair it is in; copies of one text (which
    // share a document) share that too.
    let mut prepared_of: Vec<usize> = Vec::with_capacity(n);
    let mut to_prepare: Vec<usize> = Vec::new();
    let mut by_document: FxHashMap<*const Document, usize> = FxHashMap::default();
    for (k, &doc) in docs.iter().enumerate() {
        prepared_of.push(*by_document.entry(std::ptr::from_ref(doc)).or_insert_with(|| {
            to_prepare.push(k);
            to_prepare.len() - 1
        }));
    }
    let mut needed = vec![false; to_prepare.len()];
    for &(i, j) in &pairs {
        needed[prepared_of[i]] = true;
        needed[prepared_of[j]] = true;
    }
    let prepared: Vec<Option<PreparedArticle<'_>>> = to_prepare
        .par_iter()
        .zip(needed)
        .map(|(&k, needed)| needed.then(|| batch.aligner.prepare(&batch.articles[members[k]], docs[k], &idf)))
        .collect();
    let alignments: Vec<((usize, usize), Alignment)> = pairs
        .par_iter()
        .filter_map(|&(i, j)| {
            let (a, b) = (prepared[prepared_of[i]].as_ref()?, prepared[prepared_of[j]].as_ref()?);
            Some(((i, j), batch.aligner.align_prepared(a, b)))
        })
        .collect();
    let claim = |k: usize, c: &cmp::ClaimRef| StoryClaimRef {
        article: batch.articles[members[k]].id.clone(),
        source: source(k).to_string(),
        sentence: c.sentence,
        span: (c.span[0], c.span[1]),
        text: c.text.clone(),
    };
    // Every claim seen, and the links between claims that say the same thing.
    let mut all: BTreeMap<ClaimKey, StoryClaimRef> = BTreeMap::new();
    let mut titles: BTreeSet<ClaimKey> = BTreeSet::new();
    let mut links: Vec<(ClaimKey, ClaimKey, f32, PairKind)> = Vec::new();
    for ((i, j), al) in &alignments {
        for (k, c) in al.only_a.iter().map(|c| (*i, c)).chain(al.only_b.iter().map(|c| (*j, c))) {
            all.entry((k, c.index)).or_insert_with(|| claim(k, c));
            if c.title {
                titles.insert((k, c.index));
            }
        }
        for p in &al.pairs {
            let (ka, kb) = ((*i, p.a.index), (*j, p.b.index));
            all.entry(ka).or_insert_with(|| claim(*i, &p.a));
            all.entry(kb).or_insert_with(|| claim(*j, &p.b));
            if p.kind == PairKind::Conflict {
                let text_a = &batch.articles[members[*i]].text;
                let text_b = &batch.articles[members[*j]].text;
                story.conflicts.push(StoryConflict {
                    a: claim(*i, &p.a),
                    b: claim(*j, &p.b),
                    similarity: round3(p.score),
                    details: p
                        .conflicts
                        .iter()
                        .map(|c| format!("{}: {} vs {}", conflict_kind(c.what), c.a, c.b))
                        .collect(),
                    diff_a: diff_side(&p.diff, text_a, p.a.span, true),
                    diff_b: diff_side(&p.diff, text_b, p.b.span, false),
                });
            }
            links.push((ka, kb, p.score, p.kind));
        }
    }
    // Shared claims: groups of claims linked by same / variant / overlap pairs, over two or more sources.
    let keys: Vec<ClaimKey> = all.keys().copied().collect();
    let pos: BTreeMap<ClaimKey, usize> = keys.iter().enumerate().map(|(p, k)| (*k, p)).collect();
    let mut parent: Vec<usize> = (0..keys.len()).collect();
    fn find(parent: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while parent[r] != r {
            r = parent[r];
        }
        let mut y = x;
        while parent[y] != r {
            let next = parent[y];
            parent[y] = r;
            y = next;
        }
        r
    }
    let mut linked = vec![false; keys.len()];
    for &(a, b, _, kind) in &links {
        let (pa, pb) = (pos[&a], pos[&b]);
        linked[pa] = true;
        linked[pb] = true;
        if kind != PairKind::Conflict {
            let (ra, rb) = (find(&mut parent, pa), find(&mut parent, pb));
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for p in 0..keys.len() {
        let r = find(&mut parent, p);
        groups.entry(r).or_default().push(p);
    }
    for members_of in groups.values() {
        // One mention per article: its first claim in the group.
        let mut mentions: Vec<StoryClaimRef> = Vec::new();
        let mut seen_articles = BTreeSet::new();
        for &p in members_of {
            if seen_articles.insert(keys[p].0) {
                mentions.push(all[&keys[p]].clone());
            }
        }
        let sources: BTreeSet<&str> = mentions.iter().map(|m| m.source.as_str()).collect();
        if sources.len() < 2 {
            continue;
        }
        let in_group = |k: &ClaimKey| members_of.iter().any(|&p| keys[p] == *k);
        let edges: Vec<&(ClaimKey, ClaimKey, f32, PairKind)> =
            links.iter().filter(|l| l.3 != PairKind::Conflict && in_group(&l.0)).collect();
        let kind = if edges.iter().all(|l| l.3 == PairKind::Same) {
            SharedClaimKind::Same
        } else if edges.iter().all(|l| matches!(l.3, PairKind::Same | PairKind::Variant)) {
            SharedClaimKind::Variant
        } else {
            SharedClaimKind::Overlap
        };
        let similarity = edges.iter().map(|l| l.2).fold(1.0f32, f32::min);
        story.shared_claims.push(SharedClaim {
            kind,
            sources: sources.into_iter().map(str::to_string).collect(),
            similarity: round3(similarity),
            mentions,
        });
    }
    // Most widely shared first, then in the order of the story's first article.
    story.shared_claims.sort_by(|x, y| {
        y.sources.len().cmp(&x.sources.len()).then_with(|| {
            let key = |c: &SharedClaim| c.mentions.first().map(|m| (m.article.clone(), m.span));
            key(x).cmp(&key(y))
        })
    });
    // Unique claims: never linked to a claim of another source (titles restate the story and are left out).
    story.unique_claims = keys
        .iter()
        .enumerate()
        .filter(|&(p, k)| !linked[p] && !titles.contains(k))
        .map(|(_, k)| all[k].clone())
        .collect();
}

/// One side of a word diff as runs covering the claim's text: the words of each operation with the
/// punctuation and spaces between them.
fn diff_side(ops: &[DiffOp], text: &str, span: [usize; 2], side_a: bool) -> Vec<DiffSpan> {
    let mut runs: Vec<DiffSpan> = Vec::new();
    let mut push = |op: DiffSpanOp, t: &str| {
        if t.is_empty() {
            return;
        }
        match runs.last_mut() {
            Some(last) if last.op == op => last.text.push_str(t),
            _ => runs.push(DiffSpan { op, text: t.to_string() }),
        }
    };
    let mut at = span[0];
    for op in ops {
        let seg: Option<&Segment> = if side_a { op.a.as_ref() } else { op.b.as_ref() };
        let Some(seg) = seg else { continue };
        let (s, e) = (seg.span[0], seg.span[1]);
        if s < at || e > span[1] || text.get(at..s).is_none() || text.get(s..e).is_none() {
            continue;
        }
        push(DiffSpanOp::Equal, &text[at..s]);
        let kind = match (op.op, op.note) {
            (OpTag::Equal, _) => DiffSpanOp::Equal,
            (_, Some(OpNote::Conflict)) => DiffSpanOp::Conflict,
            (_, Some(OpNote::Variant)) => DiffSpanOp::Variant,
            (OpTag::Delete, _) => DiffSpanOp::Removed,
            (OpTag::Insert, _) => DiffSpanOp::Added,
            (OpTag::Replace, _) => DiffSpanOp::Changed,
        };
        push(kind, &text[s..e]);
        at = e;
    }
    if let Some(rest) = text.get(at..span[1]) {
        push(DiffSpanOp::Equal, rest);
    }
    runs
}

/// The names spelled in more than one way among the story's articles.
fn variants(batch: &Batch<'_>, members: &[usize], docs: &[&Document]) -> Vec<StoryVariantGroup> {
    let docs: Vec<(&Article, &Document)> = members.iter().zip(docs).map(|(&i, &d)| (&batch.articles[i], d)).collect();
    variant_groups(&docs)
}

/// The names spelled in more than one way among these articles.
fn variant_groups(docs: &[(&Article, &Document)]) -> Vec<StoryVariantGroup> {
    let index = VariantIndex::from_documents(docs);
    index
        .variant_groups()
        .map(|g| StoryVariantGroup {
            canonical: g.canonical.clone(),
            forms: g
                .forms
                .iter()
                .map(|f| StoryVariantForm {
                    form: f.form.clone(),
                    count: usize::try_from(f.count).unwrap_or(usize::MAX),
                    sources: f.sources.keys().cloned().collect(),
                })
                .collect(),
        })
        .collect()
}

fn sentence_spans(doc: &Document) -> Vec<(usize, usize)> {
    doc.sentences.iter().map(|s| s.span).collect()
}

fn story_article(article: &Article, words: usize, sentences: Vec<(usize, usize)>) -> StoryArticle {
    StoryArticle {
        id: article.id.clone(),
        source: article.source.clone(),
        title: article.title.clone(),
        date: article.date.clone(),
        origin: article.origin.to_string(),
        words,
        text: article.text.clone(),
        sentences,
    }
}

/// The title, or else the first sentence cut to about 100 characters.
fn headline_of(article: &Article, first: Option<(usize, usize)>) -> String {
    if let Some(t) = &article.title {
        return t.clone();
    }
    let first = first.and_then(|(s, e)| article.text.get(s..e)).unwrap_or("");
    let mut cut: String = first.chars().take(100).collect();
    if cut.len() < first.len() {
        cut.push('…');
    }
    cut
}

/// The batch totals, added up story by story as they are described.
#[derive(Debug, Default)]
struct SummaryBuilder {
    /// Per source: its articles and the stories it is in.
    per_source: BTreeMap<String, (usize, usize)>,
    summary: ReportSummary,
}

impl SummaryBuilder {
    fn add(&mut self, story: &Story) {
        for a in &story.articles {
            self.per_source.entry(a.source.clone()).or_default().0 += 1;
        }
        for s in &story.sources {
            self.per_source.entry(s.clone()).or_default().1 += 1;
        }
        let t = &mut self.summary;
        t.articles += story.articles.len();
        t.stories += 1;
        t.multi_source_stories += usize::from(story.is_multi_source());
        t.single_articles += usize::from(story.articles.len() == 1);
        t.duplicate_pairs += story.duplicates.len();
        t.variant_groups += story.variants.len();
        t.shared_claims += story.shared_claims.len();
        t.conflicts += story.conflicts.len();
    }

    fn finish(self, grouping: &Grouping, options: &ReportOptions) -> ReportSummary {
        ReportSummary {
            sources: self
                .per_source
                .into_iter()
                .map(|(source, (articles, stories))| SourceSummary { source, articles, stories })
                .collect(),
            pairs_scored: grouping.pairs_scored,
            settings: Settings { window_days: options.stories.window_days, threshold: options.stories.threshold },
            ..self.summary
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_make_one_story_with_three_sources() {
        let articles: Vec<Article> = [
            ("000", include_str!("../../seeds/000_685572fa8566e146.txt")),
            ("001", include_str!("../../seeds/001_7fb53fbd3c46e9a8.txt")),
            ("002", include_str!("../../seeds/002_6b34b3c9854d6455.txt")),
        ]
        .iter()
        .map(|(id, t)| Article::from_text(id, t))
        .collect();
        let report = build_report(&articles, &ReportOptions::default(), &crate::report::NoProgress).unwrap();
        assert_eq!(report.stories.len(), 1);
        let story = &report.stories[0];
        assert_eq!(story.sources, ["000", "001", "002"]);
        assert_eq!(story.similarity.len(), 3);
        assert!(story.cohesion > 0.25, "{}", story.cohesion);
        assert!(story.key_terms.iter().any(|t| t == "zelenskyy" || t == "zelenskiy"), "{:?}", story.key_terms);
        assert_eq!(report.summary.multi_source_stories, 1);
    }
}
