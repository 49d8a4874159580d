//! The whole `report` on a generated batch of 10,000 articles (about 3,300 planted stories), and story grouping
//! alone on the same batch. The batch comes from `testdata/synth.rs` (deterministic); the number
//! of stories found is asserted so that the benchmark cannot silently measure nothing.
//!
//! `cargo bench --bench report`; peak memory is measured on the CLI (see docs/evaluation.md).

use criterion::{Criterion, criterion_group, criterion_main};
use newsdiff::article::Article;
use newsdiff::report::{NoProgress, ReportOptions, build_report};
use newsdiff::stories::{StoryConfig, StoryGrouper};
use testdata::synth;

#[path = "../testdata/mod.rs"]
mod testdata;

const ARTICLES: usize = 10_000;

fn bench(c: &mut Criterion) {
    let batch = synth::generate(ARTICLES, 42);
    let planted = batch.last().map_or(0, |s| s.story + 1);
    let articles: Vec<Article> = batch.into_iter().map(|s| s.article).collect();
    // Within 10% of the planted number of stories.
    let in_range = |found: usize| found * 10 >= planted * 9 && found * 10 <= planted * 11;
    let mut group = c.benchmark_group("report_10k");
    group.sample_size(10);
    group.bench_function("group_stories", |b| {
        let grouper = StoryGrouper::new(StoryConfig::default());
        b.iter(|| {
            let g = grouper.group(&articles);
            assert!(in_range(g.stories.len()), "{} stories for {planted} planted", g.stories.len());
            g.stories.len()
        });
    });
    group.bench_function("whole_report", |b| {
        b.iter(|| {
            let report = build_report(&articles, &ReportOptions::default(), &NoProgress).expect("report");
            assert!(in_range(report.stories.len()), "{} stories for {planted} planted", report.stories.len());
            assert!(report.summary.shared_claims > 1_000);
            report.stories.len()
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
