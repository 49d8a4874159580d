//! Normalizer throughput: normalize + tokenize + sentences, in MB/s, on the seeds and on a large generated text.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsdiff::article::Article;
use newsdiff::normalize::Normalizer;
use rayon::prelude::*;
use std::hint::black_box;
use testdata::SEEDS;
use testdata::rng::Rng;

#[path = "../testdata/mod.rs"]
mod testdata;

/// About 4 MB of English news prose: the seeds shuffled into many paragraphs (deterministic).
fn large_text() -> String {
    let sentences: Vec<&str> = SEEDS.iter().flat_map(|s| s.split_inclusive(". ")).collect();
    let mut out = String::new();
    let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
    while out.len() < 4 << 20 {
        out.push_str(rng.pick(&sentences));
        if rng.below(5) == 0 {
            out.push_str("\n\n");
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let normalizer = Normalizer::new();
    let mut group = c.benchmark_group("normalize");
    let seeds: String = SEEDS.concat();
    let expected = normalizer.normalize_str(&seeds).sentences.len();
    assert!(expected > 30, "the seeds have many sentences");
    group.throughput(Throughput::Bytes(seeds.len() as u64));
    group.bench_function("seeds", |b| {
        b.iter(|| {
            let doc = normalizer.normalize_str(black_box(&seeds));
            assert_eq!(doc.sentences.len(), expected);
        });
    });
    let large = large_text();
    group.throughput(Throughput::Bytes(large.len() as u64));
    group.sample_size(10);
    group.bench_function("large_4mb", |b| b.iter(|| normalizer.normalize_str(black_box(&large)).tokens.len()));
    group.finish();

    // Many articles in parallel (rayon over articles), with 1 and 2 threads: the scaling figure.
    let articles: Vec<Article> = (0..3000).map(|i| Article::from_text(&i.to_string(), SEEDS[i % 3])).collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mut group = c.benchmark_group("normalize_batch");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
        group.bench_function(format!("{threads}_threads"), |b| {
            b.iter(|| {
                let n: usize =
                    pool.install(|| articles.par_iter().map(|a| normalizer.normalize(a).sentences.len()).sum());
                assert!(n > 3000 * 10);
                n
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
