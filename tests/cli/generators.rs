//! The generators of `testdata/`: deterministic, and what they plant is there to be found.

use newsdiff::article::{Article, parse_iso_day};
use newsdiff::dedup::{Shingler, jaccard};
use newsdiff::stories::{StoryConfig, StoryGrouper};

use super::testdata::corpus::{CorpusConfig, generate};
use super::testdata::synth;

#[test]
fn synth_days_round_trip() {
    for day in [0, 1, 19_000, 20_421] {
        assert_eq!(parse_iso_day(&synth::iso_day(day)), Some(day));
    }
}

#[test]
fn synth_planted_stories_are_found_by_both_candidate_paths() {
    let batch = synth::generate(300, 7);
    let articles: Vec<Article> = batch.iter().map(|s| s.article.clone()).collect();
    for exact_limit in [usize::MAX, 0] {
        let config = StoryConfig { exact_limit, ..StoryConfig::default() };
        let grouping = StoryGrouper::new(config).group(&articles);
        let mut label = vec![0; articles.len()];
        for (k, s) in grouping.stories.iter().enumerate() {
            for &i in s {
                label[i] = k;
            }
        }
        let (mut agree, mut total) = (0, 0);
        for i in 0..articles.len() {
            for j in i + 1..articles.len() {
                let (same_story, same_label) = (batch[i].story == batch[j].story, label[i] == label[j]);
                if same_story || same_label {
                    total += 1;
                    agree += usize::from(same_story && same_label);
                }
            }
        }
        // Pairwise Jaccard of planted and found pairs.
        assert!(agree * 100 >= total * 95, "exact_limit {exact_limit}: {agree}/{total}");
    }
}

#[test]
fn corpus_is_deterministic_and_planted() {
    let config = CorpusConfig { articles: 300, ..CorpusConfig::default() };
    let a = generate(config.clone());
    assert_eq!(a, generate(config));
    let reprints = a.iter().enumerate().filter(|(i, g)| g.group != *i).count();
    assert!((50..130).contains(&reprints), "{reprints} reprints");
    // Reprints spread over both sides of 0.8; originals are far apart.
    let s = Shingler::new();
    let sh: Vec<Vec<u64>> = a.iter().map(|g| s.shingles_of(&g.text, 5)).collect();
    let sims: Vec<f64> =
        a.iter().enumerate().filter(|(i, g)| g.group != *i).map(|(i, g)| jaccard(&sh[i], &sh[g.group])).collect();
    assert!(sims.iter().filter(|&&j| j >= 0.8).count() > sims.len() / 4);
    assert!(sims.iter().filter(|&&j| j < 0.8).count() > sims.len() / 10);
    assert!(jaccard(&sh[0], &sh[1]) < 0.05 || a[1].group == 0);
}
