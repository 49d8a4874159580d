//! From a batch of articles to a [`Report`]: stories first, then for each story what the other comparison
//! stages say about it (near-duplicates, shared / conflicting / unique claims, name variants).
//!
//! This is the only place that knows how the stages combine; each stage stays usable on its own. Stories are
//! described in parallel (one rayon task per story) and collected in story order, so the report does not depend
//! on the number of threads.

use std::collections::{BTreeMap, BTreeSet};
use std::io;

use rayon::prelude::*;

use crate::article::Article;
use crate::claims::align::{AlignConfig, Aligner, Alignment};
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
use crate::stories::{Grouping, Profiles, StoryConfig, StoryGrouper};

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

/// Everything a story description needs about the batch.
struct Batch<'a> {
    articles: &'a [Article],
    docs: &'a [Document],
    profiles: &'a Profiles,
    aligner: &'a Aligner,
}

/// Builds the report of a batch. `progress` counts articles normalized, then stories described (pass
/// [`crate::report::NoProgress`] for none).
///
/// # Errors
/// When the near-duplicate stage cannot create its temporary file.
pub fn build_report(articles: &[Article], options: &ReportOptions, progress: &dyn Progress) -> io::Result<Report> {
    let mut timings = Vec::new();
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &str| {
        timings.push((name.to_string(), clock.elapsed()));
        clock = std::time::Instant::now();
    };
    let normalizer = Normalizer::new();
    progress.set_len(articles.len() as u64);
    progress.set_stage("reading articles");
    let docs: Vec<Document> = articles
        .par_iter()
        .map(|a| {
            let doc = normalizer.normalize(a);
            progress.inc(1);
            doc
        })
        .collect();
    lap("normalize");
    progress.set_stage("grouping stories");
    let grouper = StoryGrouper::new(options.stories.clone());
    let profiles = grouper.profile(articles, &docs);
    let grouping = grouper.group_profiles(&profiles);
    lap("group stories");
    progress.set_stage("near-duplicates");
    let mut dedup = Deduplicator::new(options.dedup.clone())?;
    dedup.add_articles(articles)?;
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
    lap("near-duplicates");
    let aligner = Aligner::new(options.align);
    let batch = Batch { articles, docs: &docs, profiles: &profiles, aligner: &aligner };
    progress.set_len(grouping.stories.len() as u64);
    progress.set_stage("describing stories");
    let stories: Vec<Story> = grouping
        .stories
        .par_iter()
        .enumerate()
        .zip(story_dups)
        .map(|((k, members), mut duplicates)| {
            let mut story = describe(&batch, k, members);
            duplicates.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
            story.duplicates = duplicates;
            progress.inc(1);
            story
        })
        .collect();
    let mut summary = summarize(&stories, &grouping, options);
    summary.cross_story_duplicate_pairs = cross_story;
    lap("claims and variants");
    Ok(Report { stories, summary, schema_version: SCHEMA_VERSION, timings })
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
fn describe(batch: &Batch<'_>, k: usize, members: &[usize]) -> Story {
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
    let articles: Vec<StoryArticle> =
        members.iter().map(|&i| story_article(&batch.articles[i], &batch.docs[i])).collect();
    let mut sources: Vec<String> = articles.iter().map(|a| a.source.clone()).collect();
    sources.sort();
    sources.dedup();
    let headline = headline_of(&batch.articles[members[central]], &batch.docs[members[central]]);
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
        claims(batch, members, central, &mut story);
    }
    story.variants = variants(batch, members);
    story
}

/// A claim of the story: an article (by its place in the story) and the claim's index in that article.
type ClaimKey = (usize, usize);

/// Aligns the articles of a story pairwise (sources with sources) and sorts what the alignments say into
/// shared, conflicting and unique claims.
fn claims(batch: &Batch<'_>, members: &[usize], central: usize, story: &mut Story) {
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
    let idf = Idf::from_documents(members.iter().map(|&i| &batch.docs[i]));
    let alignments: Vec<((usize, usize), Alignment)> = pairs
        .par_iter()
        .map(|&(i, j)| {
            let (a, b) = (members[i], members[j]);
            ((i, j), batch.aligner.align(&batch.articles[a], &batch.docs[a], &batch.articles[b], &batch.docs[b], &idf))
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
fn variants(batch: &Batch<'_>, members: &[usize]) -> Vec<StoryVariantGroup> {
    let docs: Vec<(&Article, &Document)> = members.iter().map(|&i| (&batch.articles[i], &batch.docs[i])).collect();
    let index = VariantIndex::from_documents(&docs);
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

fn story_article(article: &Article, doc: &Document) -> StoryArticle {
    StoryArticle {
        id: article.id.clone(),
        source: article.source.clone(),
        title: article.title.clone(),
        date: article.date.clone(),
        origin: article.origin.to_string(),
        words: doc.word_count(),
        text: article.text.clone(),
        sentences: doc.sentences.iter().map(|s| s.span).collect(),
    }
}

/// The title, or else the first sentence cut to about 100 characters.
fn headline_of(article: &Article, doc: &Document) -> String {
    if let Some(t) = &article.title {
        return t.clone();
    }
    let first = doc.sentences.first().map_or("", |s| s.text(&article.text));
    let mut cut: String = first.chars().take(100).collect();
    if cut.len() < first.len() {
        cut.push('…');
    }
    cut
}

fn summarize(stories: &[Story], grouping: &Grouping, options: &ReportOptions) -> ReportSummary {
    let mut per_source: std::collections::BTreeMap<&str, (usize, usize)> = std::collections::BTreeMap::new();
    for story in stories {
        for a in &story.articles {
            per_source.entry(a.source.as_str()).or_default().0 += 1;
        }
        for s in &story.sources {
            per_source.entry(s.as_str()).or_default().1 += 1;
        }
    }
    ReportSummary {
        articles: stories.iter().map(|s| s.articles.len()).sum(),
        stories: stories.len(),
        multi_source_stories: stories.iter().filter(|s| s.is_multi_source()).count(),
        single_articles: stories.iter().filter(|s| s.articles.len() == 1).count(),
        sources: per_source
            .into_iter()
            .map(|(source, (articles, stories))| SourceSummary { source: source.to_string(), articles, stories })
            .collect(),
        duplicate_pairs: stories.iter().map(|s| s.duplicates.len()).sum(),
        cross_story_duplicate_pairs: 0,
        variant_groups: stories.iter().map(|s| s.variants.len()).sum(),
        shared_claims: stories.iter().map(|s| s.shared_claims.len()).sum(),
        conflicts: stories.iter().map(|s| s.conflicts.len()).sum(),
        pairs_scored: grouping.pairs_scored,
        settings: Settings { window_days: options.stories.window_days, threshold: options.stories.threshold },
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
