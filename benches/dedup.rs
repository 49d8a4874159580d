//! Kernels of `newsdiff dedup`, apart from input reading: words and shingles from text, MinHash signatures,
//! exact verification of a pair, and the whole in-memory pipeline on a generated corpus.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsdiff::article::Article;
use newsdiff::dedup::{DedupConfig, Deduplicator, Shingler, intersection_size, minhash};
use std::hint::black_box;
use testdata::corpus::{CorpusConfig, generate};

#[path = "../testdata/mod.rs"]
mod testdata;

fn bench(c: &mut Criterion) {
    let corpus = generate(CorpusConfig { articles: 2000, seed: 1, ..CorpusConfig::default() });
    let bytes: u64 = corpus.iter().map(|a| a.text.len() as u64).sum();
    let shingler = Shingler::new();
    let sets: Vec<Vec<u64>> = corpus.iter().map(|a| shingler.shingles_of(&a.text, 5)).collect();
    let total_shingles: usize = sets.iter().map(Vec::len).sum();
    assert!(total_shingles > 400_000, "the corpus has content: {total_shingles}");

    let mut group = c.benchmark_group("dedup");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("words_and_shingles", |b| {
        b.iter(|| corpus.iter().map(|a| shingler.words(black_box(&a.text)).shingle_hashes(5).len()).sum::<usize>())
    });
    group.throughput(Throughput::Elements(total_shingles as u64));
    group.bench_function("signatures_128", |b| {
        let mut sig = vec![0u32; 128];
        b.iter(|| {
            for s in &sets {
                minhash::signature(black_box(s), &mut sig);
            }
            sig[0]
        })
    });
    group.bench_function("verify_pairs", |b| {
        // Each article against the next: a merge of two sorted shingle sets.
        b.iter(|| sets.windows(2).map(|w| intersection_size(black_box(&w[0]), black_box(&w[1]))).sum::<usize>())
    });
    let articles: Vec<Article> = corpus.iter().map(|a| Article::from_text(&a.id, &a.text)).collect();
    group.throughput(Throughput::Bytes(bytes));
    let expected = {
        let mut d = Deduplicator::new(DedupConfig::default()).unwrap();
        d.add_articles(&articles).unwrap();
        d.finish().unwrap().pairs.len()
    };
    assert!(expected > 100, "planted duplicates are found: {expected}");
    group.bench_function("pipeline_2000_articles", |b| {
        b.iter(|| {
            let mut d = Deduplicator::new(DedupConfig::default()).unwrap();
            d.add_articles(black_box(&articles)).unwrap();
            let pairs = d.finish().unwrap().pairs.len();
            assert_eq!(pairs, expected);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
