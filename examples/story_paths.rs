//! Developer tool, for tuning story grouping. Compares the two candidate paths of story grouping (all pairs, inverted
//! index) on a JSONL batch that has a gold `event` (or `story`) field: pairwise F1 of each and pairs scored.
//!
//! `cargo run --release --example story_paths -- batch.jsonl`
use std::collections::HashMap;

use newsdiff::input::{InputOptions, read_inputs};
use newsdiff::stories::{StoryConfig, StoryGrouper};

fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).ok_or_else(|| anyhow::anyhow!("usage: story_paths FILE.jsonl"))?;
    let batch = read_inputs(&[path.clone().into()], &InputOptions::default())?;
    let gold: Vec<String> = std::fs::read_to_string(&path)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap_or_default();
            v.get("event").or_else(|| v.get("story")).map(ToString::to_string).unwrap_or_default()
        })
        .collect();
    // All pairs only where that is affordable.
    let paths: &[usize] = if batch.articles.len() <= 20_000 { &[usize::MAX, 0] } else { &[0] };
    for &exact_limit in paths {
        let t = std::time::Instant::now();
        let g = StoryGrouper::new(StoryConfig { exact_limit, ..StoryConfig::default() }).group(&batch.articles);
        let took = t.elapsed();
        let mut label = vec![0; gold.len()];
        for (k, s) in g.stories.iter().enumerate() {
            for &i in s {
                label[i] = k;
            }
        }
        let mut by: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, e) in gold.iter().enumerate() {
            by.entry(e).or_default().push(i);
        }
        let (mut tp, mut pred, mut real) = (0u64, 0u64, 0u64);
        for s in &g.stories {
            let n = s.len() as u64;
            pred += n * n.saturating_sub(1) / 2;
        }
        for v in by.values() {
            let n = v.len() as u64;
            real += n * n.saturating_sub(1) / 2;
            for (a, &i) in v.iter().enumerate() {
                tp += v[a + 1..].iter().filter(|&&j| label[i] == label[j]).count() as u64;
            }
        }
        let (p, r) = (tp as f64 / pred.max(1) as f64, tp as f64 / real.max(1) as f64);
        println!(
            "{}: P {p:.4} R {r:.4} F1 {:.4}, {} pairs scored, {:.2} s",
            if exact_limit == 0 { "index" } else { "all pairs" },
            2.0 * p * r / (p + r).max(1e-9),
            g.pairs_scored,
            took.as_secs_f64()
        );
    }
    Ok(())
}
