//! From a batch of articles to a [`Report`]: stories first, then for each story what the other comparison
//! stages say about it (near-duplicates, shared / conflicting / unique claims, name variants).
//!
//! This is the only place that knows how the stages combine; each stage stays usable on its own. Stories are
//! described in parallel (one rayon task per story) and collected in story order, so the report does not depend
//! on the number of threads.

use indicatif::ProgressBar;
use rayon::prelude::*;

use super::{Grouping, Profiles, StoryConfig, StoryGrouper};
use crate::input::Article;
use crate::normalize::{Document, Normalizer};
use crate::report::{Report, SCHEMA_VERSION, Settings, SourceSummary, Story, StoryArticle, Summary, Unavailable};

/// What a report is built with.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// How stories are found.
    pub stories: StoryConfig,
}

/// Everything a story description needs about the batch.
struct Batch<'a> {
    articles: &'a [Article],
    docs: &'a [Document],
    profiles: &'a Profiles,
}

/// Builds the report of a batch. `progress` counts articles normalized, then stories described (pass
/// [`ProgressBar::hidden`] for none).
#[must_use]
pub fn build_report(articles: &[Article], options: &ReportOptions, progress: &ProgressBar) -> Report {
    let normalizer = Normalizer::new();
    progress.set_length(articles.len() as u64);
    progress.set_message("reading articles");
    let docs: Vec<Document> = articles
        .par_iter()
        .map(|a| {
            let doc = normalizer.normalize(a);
            progress.inc(1);
            doc
        })
        .collect();
    progress.set_message("grouping stories");
    let grouper = StoryGrouper::new(options.stories.clone());
    let profiles = grouper.profile(articles, &docs);
    let grouping = grouper.group_profiles(&profiles);
    let batch = Batch { articles, docs: &docs, profiles: &profiles };
    progress.set_position(0);
    progress.set_length(grouping.stories.len() as u64);
    progress.set_message("describing stories");
    let stories: Vec<Story> = grouping
        .stories
        .par_iter()
        .enumerate()
        .map(|(k, members)| {
            let story = describe(&batch, k, members);
            progress.inc(1);
            story
        })
        .collect();
    let unavailable = unavailable_sections();
    let summary = summarize(&stories, &grouping, options);
    Report { stories, summary, unavailable, schema_version: SCHEMA_VERSION }
}

/// The sections this build cannot fill, with the reason.
fn unavailable_sections() -> Vec<Unavailable> {
    let missing = |section: &str, stage: &str| Unavailable {
        section: section.to_string(),
        reason: format!("the `{stage}` stage is not part of this build yet"),
    };
    vec![
        missing("duplicates", "dedup"),
        missing("shared_claims", "compare"),
        missing("conflicts", "compare"),
        missing("unique_claims", "compare"),
        missing("variants", "variants"),
    ]
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
    Story {
        id: format!("S{}", k + 1),
        articles,
        sources,
        headline,
        key_terms: batch.profiles.key_terms(members, 8),
        cohesion,
        similarity,
        ..Story::default()
    }
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

fn summarize(stories: &[Story], grouping: &Grouping, options: &ReportOptions) -> Summary {
    let mut per_source: std::collections::BTreeMap<&str, (usize, usize)> = std::collections::BTreeMap::new();
    for story in stories {
        for a in &story.articles {
            per_source.entry(a.source.as_str()).or_default().0 += 1;
        }
        for s in &story.sources {
            per_source.entry(s.as_str()).or_default().1 += 1;
        }
    }
    Summary {
        articles: stories.iter().map(|s| s.articles.len()).sum(),
        stories: stories.len(),
        multi_source_stories: stories.iter().filter(|s| s.is_multi_source()).count(),
        single_articles: stories.iter().filter(|s| s.articles.len() == 1).count(),
        sources: per_source
            .into_iter()
            .map(|(source, (articles, stories))| SourceSummary { source: source.to_string(), articles, stories })
            .collect(),
        duplicate_pairs: stories.iter().map(|s| s.duplicates.len()).sum(),
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
            ("000", include_str!("../../../seeds/000_685572fa8566e146.txt")),
            ("001", include_str!("../../../seeds/001_7fb53fbd3c46e9a8.txt")),
            ("002", include_str!("../../../seeds/002_6b34b3c9854d6455.txt")),
        ]
        .iter()
        .map(|(id, t)| Article::from_text(id, t))
        .collect();
        let report = build_report(&articles, &ReportOptions::default(), &ProgressBar::hidden());
        assert_eq!(report.stories.len(), 1);
        let story = &report.stories[0];
        assert_eq!(story.sources, ["000", "001", "002"]);
        assert_eq!(story.similarity.len(), 3);
        assert!(story.cohesion > 0.25, "{}", story.cohesion);
        assert!(story.key_terms.iter().any(|t| t == "zelenskyy" || t == "zelenskiy"), "{:?}", story.key_terms);
        assert_eq!(report.summary.multi_source_stories, 1);
    }
}
