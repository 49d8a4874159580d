//! `newsdiff variants` throughput: mention extraction over a large generated corpus, and grouping of a large
//! generated list of distinct names (the transliteration keys, the blocked similarity pass and the clustering).
//!
//! The corpus is the seeds with their names replaced by generated ones, so that the index sees many distinct
//! names and spellings, not three articles' worth.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsdiff::article::Article;
use newsdiff::names::mentions::{MentionExtractor, Mentions};
use newsdiff::names::{VariantIndex, group_names};
use newsdiff::normalize::{Document, Normalizer};
use rayon::prelude::*;
use std::hint::black_box;
use testdata::SEEDS;
use testdata::rng::Rng;

#[path = "../testdata/mod.rs"]
mod testdata;

/// A generated name: two or three syllables with a transliteration-style ending, sometimes respelled.
fn name(rng: &mut Rng) -> String {
    const ONSETS: &[&str] = &["k", "v", "z", "sh", "kh", "ch", "ts", "zh", "m", "d", "p", "l", "r", "s", "t", "b", "g"];
    const VOWELS: &[&str] = &["a", "o", "e", "i", "u", "ya", "yu"];
    const ENDINGS: &[&str] = &["enko", "ov", "ev", "sky", "skiy", "skyy", "in", "uk", "yak", "ovich", "ich"];
    let mut s = String::new();
    for _ in 0..2 + rng.below(2) {
        s.push_str(rng.pick(ONSETS));
        s.push_str(rng.pick(VOWELS));
    }
    s.push_str(rng.pick(ENDINGS));
    let mut chars = s.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
    std::iter::once(first).chain(chars).collect()
}

/// `n` articles: seeds with `Zelenskyy`, `Trump`, `Witkoff` and `Kyiv` replaced by generated names.
fn corpus(n: usize) -> Vec<Article> {
    let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
    (0..n)
        .map(|i| {
            let mut text = SEEDS[i % SEEDS.len()].to_string();
            for old in ["Zelenskyy", "Zelenskiy", "Trump", "Witkoff", "Kyiv", "Umerov", "Yermak"] {
                text = text.replace(old, &name(&mut rng));
            }
            Article::from_text(&format!("a{i}"), &text)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let normalizer = Normalizer::new();
    let extractor = MentionExtractor::new();
    let articles = corpus(2_000);
    let docs: Vec<Document> = articles.par_iter().map(|a| normalizer.normalize(a)).collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();

    let mut group = c.benchmark_group("variants");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    let found: usize = articles.iter().zip(&docs).map(|(a, d)| extractor.extract(&a.text, d).mentions.len()).sum();
    assert!(found > 2_000 * 50, "{found} mentions: the corpus is full of names");
    group.bench_function("extract mentions, 2000 articles", |b| {
        b.iter(|| {
            let found: Vec<Mentions> =
                articles.par_iter().zip(&docs).map(|(a, d)| extractor.extract(&a.text, d)).collect();
            black_box(found)
        });
    });
    let pairs: Vec<(&Article, &Document)> = articles.iter().zip(&docs).collect();
    let groups = VariantIndex::from_documents(&pairs).into_groups().len();
    assert!(groups > 5_000, "{groups} names");
    group.bench_function("index and group, 2000 articles", |b| {
        b.iter(|| black_box(VariantIndex::from_documents(&pairs)));
    });

    let mut rng = Rng::new(42);
    let names: Vec<String> = (0..200_000).map(|_| name(&mut rng).to_lowercase()).collect();
    let list: Vec<(&str, u64)> = names.iter().map(|n| (n.as_str(), 1)).collect();
    let grouped = group_names(&list);
    assert!(grouped.len() > 50_000 && grouped.iter().any(|g| g.forms.len() > 1), "{} groups", grouped.len());
    group.throughput(Throughput::Elements(list.len() as u64));
    group.bench_function("group 200k names", |b| b.iter(|| black_box(group_names(&list))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
