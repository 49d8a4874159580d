//! Claim comparison speed: `compare` on two 5,000-word articles (one thread, the lexical model) and on two
//! 600-word articles (two threads, with and without the embedded sentence encoder), and `score` over 10,000 claim
//! pairs (two threads, lexical) and 1,000 (two threads, with the encoder), on text generated deterministically
//! from the seeds' sentences. The runs with the encoder empty its cache first, so they measure encoding; the
//! model's one-off load (once per process) is not in them.
//!
//! Normalizing is measured apart (`benches/normalize.rs`); here `align` starts from normalized documents and
//! `score_pairs` from raw text (it normalizes, as `newsdiff score` does).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsdiff::article::Article;
use newsdiff::claims::semantic::SentenceEncoder;
use newsdiff::claims::semantic_score::score_pairs_semantic;
use newsdiff::claims::similarity::{SimilarityConfig, score_pairs};
use newsdiff::claims::{AlignConfig, Aligner, Idf, Matcher};
use newsdiff::normalize::Normalizer;
use std::hint::black_box;
use testdata::SEEDS;
use testdata::rng::Rng;

#[path = "../testdata/mod.rs"]
mod testdata;

/// The seeds' sentences, as the normalizer splits them.
fn sentences() -> Vec<&'static str> {
    let normalizer = Normalizer::new();
    SEEDS
        .iter()
        .flat_map(|text| normalizer.normalize_str(text).sentences.into_iter().map(move |s| s.text(text)))
        .filter(|s| s.len() > 20)
        .collect()
}

/// An article of about `words` words: seed sentences drawn at random, some with a word changed.
fn article(seed: u64, words: usize) -> String {
    let pool = sentences();
    let mut rng = Rng::new(seed);
    let mut out = String::new();
    let mut count = 0;
    while count < words {
        let s = rng.pick(&pool);
        let s = if rng.below(3) == 0 { s.replace("the", "a") } else { s.to_string() };
        count += s.split_whitespace().count();
        out.push_str(&s);
        out.push_str(if rng.below(4) == 0 { "\n\n" } else { " " });
    }
    out
}

fn bench(c: &mut Criterion) {
    let normalizer = Normalizer::new();
    let (a, b) = (Article::from_text("a", &article(1, 5000)), Article::from_text("b", &article(2, 5000)));
    let (da, db) = (normalizer.normalize(&a), normalizer.normalize(&b));
    assert!(da.word_count() >= 5000 && db.word_count() >= 5000);
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
    let two = rayon::ThreadPoolBuilder::new().num_threads(2).build().expect("pool");
    // The lexical model: this measures alignment itself; the encoder's cost is measured below.
    let aligner = Aligner::new(AlignConfig { matcher: Matcher::Lexical, ..AlignConfig::default() });
    let pairs_found = one.install(|| {
        let idf = Idf::from_documents([&da, &db]);
        aligner.align(&a, &da, &b, &db, &idf).pairs.len()
    });
    assert!(pairs_found > 100, "the two articles share many claims ({pairs_found})");
    let mut group = c.benchmark_group("compare");
    group.sample_size(20);
    group.bench_function("align_5000_words_1_thread", |bench| {
        bench.iter(|| {
            one.install(|| {
                let idf = Idf::from_documents([&da, &db]);
                black_box(aligner.align(&a, &da, &b, &db, &idf).pairs.len())
            })
        });
    });

    // Two 600-word articles, as `newsdiff compare` sees them, with the encoder and without.
    let (a6, b6) = (Article::from_text("a", &article(3, 600)), Article::from_text("b", &article(4, 600)));
    let (da6, db6) = (normalizer.normalize(&a6), normalizer.normalize(&b6));
    let encoder = SentenceEncoder::shared().expect("the embedded encoder loads");
    for (name, matcher) in [("model", Matcher::Semantic), ("no_model", Matcher::Lexical)] {
        let aligner = Aligner::new(AlignConfig { matcher, ..AlignConfig::default() });
        let found = two.install(|| {
            let idf = Idf::from_documents([&da6, &db6]);
            aligner.align(&a6, &da6, &b6, &db6, &idf).pairs.len()
        });
        assert!(found > 5, "the two 600-word articles share claims ({found}, {name})");
        group.bench_function(format!("align_600_words_{name}_2_threads"), |bench| {
            bench.iter(|| {
                encoder.clear_cache();
                two.install(|| {
                    let idf = Idf::from_documents([&da6, &db6]);
                    black_box(aligner.align(&a6, &da6, &b6, &db6, &idf).pairs.len())
                })
            });
        });
    }
    group.finish();

    let pool = sentences();
    let mut rng = Rng::new(7);
    let pairs: Vec<(String, String)> = (0..10_000)
        .map(|k| {
            let x = rng.pick(&pool).to_string();
            let y = if k % 2 == 0 {
                x.replace("Zelenskyy", "Zelenskiy").replace("the", "a")
            } else {
                rng.pick(&pool).to_string()
            };
            (x, y)
        })
        .collect();
    let config = SimilarityConfig::default();
    let same = two.install(|| score_pairs(&pairs, None, &config, false)).iter().filter(|s| s.0 >= 0.52).count();
    assert!(same >= 4000, "the edited copies are scored the same ({same})");
    let mut group = c.benchmark_group("score");
    group.sample_size(10);
    group.throughput(Throughput::Elements(pairs.len() as u64));
    group.bench_function("10000_pairs_2_threads", |bench| {
        bench.iter(|| two.install(|| black_box(score_pairs(&pairs, None, &config, false).len())));
    });
    // With the encoder: 1,000 pairs of distinct sentences (the seeds hold fewer, so each gets a number).
    let model_pairs: Vec<(String, String)> =
        pairs.iter().take(1000).enumerate().map(|(k, (x, y))| (format!("{x} ({k})"), format!("{y} ({k})"))).collect();
    let scored = two.install(|| score_pairs_semantic(&model_pairs, None, &config, false, encoder)).expect("encodes");
    assert_eq!(scored.len(), 1000);
    group.throughput(Throughput::Elements(model_pairs.len() as u64));
    group.bench_function("1000_pairs_model_2_threads", |bench| {
        bench.iter(|| {
            encoder.clear_cache();
            two.install(|| {
                black_box(score_pairs_semantic(&model_pairs, None, &config, false, encoder).map(|s| s.len()))
            })
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
