//! Tunes the claim similarity on the MSRP training split with 5-fold cross-validation.
//!
//! ```sh
//! cargo run --release --example tune_msrp [-- PATH/msr_paraphrase_train.txt]
//! ```
//! Reads `../shared/data/msrp/msr_paraphrase_train.txt` by default (relative to the repository root). For each
//! parameter setting of a small grid, the threshold is chosen on four folds and measured on the fifth; the
//! setting is itself chosen on the training folds only (nested), so the reported figures are held-out.

use std::path::PathBuf;

use newsdiff::compare::similarity::{Components, Idf, Profile, SimilarityConfig, Terms, components, similarity};
use newsdiff::normalize::Normalizer;
use rayon::prelude::*;

struct Pair {
    a: Terms,
    b: Terms,
    gold: bool,
}

fn load(path: &PathBuf) -> Vec<(String, String, bool)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("{}: {e}\nThe MSRP data is not here; pass its path as the first argument.", path.display());
        std::process::exit(2)
    });
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 5).then(|| (f[3].to_string(), f[4].to_string(), f[0] == "1"))
        })
        .collect()
}

/// Accuracy and F1 of `score >= t` against gold.
fn measure(scores: &[(f32, bool)], t: f32) -> (f64, f64) {
    let (mut tp, mut fp, mut fneg, mut ok) = (0usize, 0usize, 0usize, 0usize);
    for &(s, g) in scores {
        let p = s >= t;
        ok += usize::from(p == g);
        tp += usize::from(p && g);
        fp += usize::from(p && !g);
        fneg += usize::from(!p && g);
    }
    (ok as f64 / scores.len() as f64, 2.0 * tp as f64 / (2 * tp + fp + fneg).max(1) as f64)
}

/// The threshold with the best accuracy on `scores`.
fn best_threshold(scores: &[(f32, bool)]) -> f32 {
    let mut best = (0.0, 0.5f32);
    for k in 0..=200 {
        let t = k as f32 / 200.0;
        let (acc, _) = measure(scores, t);
        if acc > best.0 {
            best = (acc, t);
        }
    }
    best.1
}

fn fold_of(i: usize) -> usize {
    i % 5
}

/// Cross-validated accuracy/F1 of a fixed setting: threshold chosen on 4 folds, measured on the 5th.
fn cv(scores: &[(f32, bool)], within: &[usize]) -> (f64, f64, f32) {
    let mut held: Vec<(f32, bool)> = Vec::new();
    let mut ts = 0.0;
    for f in 0..5 {
        let train: Vec<(f32, bool)> = within.iter().filter(|&&i| fold_of(i) != f).map(|&i| scores[i]).collect();
        let t = best_threshold(&train);
        ts += t / 5.0;
        held.extend(within.iter().filter(|&&i| fold_of(i) == f).map(|&i| (scores[i].0 - t + 0.5, scores[i].1)));
    }
    let (a, f1) = measure(&held, 0.5);
    (a, f1, ts)
}

fn main() {
    let path = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("../shared/data/msrp/msr_paraphrase_train.txt"), PathBuf::from);
    let rows = load(&path);
    let n = Normalizer::new();
    let pairs: Vec<Pair> = rows
        .par_iter()
        .map(|(a, b, g)| Pair { a: Terms::from_text(&n, a), b: Terms::from_text(&n, b), gold: *g })
        .collect();
    let idf = Idf::from_terms(pairs.iter().flat_map(|p| [&p.a, &p.b]));
    let base = SimilarityConfig::default();
    let mut grid = Vec::new();
    for stop_weight in [0.3, 0.5, 0.8] {
        for min_share in [0.0, 0.25, 0.5] {
            for bigram_share in [0.0, 0.1] {
                for number_penalty in [0.0, 0.2, 0.4] {
                    for idf_power in [0.25, 0.5] {
                        for prefix_min in [0, 4, 5, 6] {
                            grid.push(SimilarityConfig {
                                stop_weight,
                                min_share,
                                bigram_share,
                                number_penalty,
                                idf_power,
                                prefix_min,
                                ..base
                            });
                        }
                    }
                }
            }
        }
    }
    let all: Vec<usize> = (0..pairs.len()).collect();
    let scored: Vec<(SimilarityConfig, Vec<(f32, bool)>)> = grid
        .par_iter()
        .map(|c| {
            let s = pairs
                .iter()
                .map(|p| (similarity(&Profile::new(&p.a, &idf, c), &Profile::new(&p.b, &idf, c), c), p.gold))
                .collect();
            (*c, s)
        })
        .collect();
    let mut ranked: Vec<(f64, f64, f32, &SimilarityConfig)> = scored
        .iter()
        .map(|(c, s)| {
            let (a, f, t) = cv(s, &all);
            (a, f, t, c)
        })
        .collect();
    ranked.sort_by(|x, y| y.0.total_cmp(&x.0));
    for (a, f, t, c) in ranked.iter().take(10) {
        println!("cv acc {a:.4} f1 {f:.4} t {t:.3}  {c:?}");
    }
    let best = *ranked[0].3;
    if std::env::var_os("DUMP").is_some() {
        let s = &scored.iter().find(|(c, _)| *c == best).map(|x| x.1.clone()).unwrap_or_default();
        dump_errors(&rows, s, ranked[0].2);
        return;
    }
    let feats: Vec<(Vec<f64>, bool)> = pairs
        .iter()
        .map(|p| {
            let c = components(&Profile::new(&p.a, &idf, &best), &Profile::new(&p.b, &idf, &best), &best);
            (features(&c), p.gold)
        })
        .collect();
    let mut held = Vec::new();
    for f in 0..5 {
        let train: Vec<&(Vec<f64>, bool)> =
            feats.iter().enumerate().filter(|(i, _)| fold_of(*i) != f).map(|x| x.1).collect();
        let w = fit(&train);
        let tr: Vec<(f32, bool)> = train.iter().map(|(x, g)| (predict(&w, x) as f32, *g)).collect();
        let t = best_threshold(&tr);
        println!("fold {f}: t {t:.3} w {w:.2?}");
        held.extend(
            feats
                .iter()
                .enumerate()
                .filter(|(i, _)| fold_of(*i) == f)
                .map(|(_, (x, g))| (predict(&w, x) as f32 - t + 0.5, *g)),
        );
    }
    let (a, f1) = measure(&held, 0.5);
    println!("logistic: cv acc {a:.4} f1 {f1:.4}");
}

fn features(c: &Components) -> Vec<f64> {
    let ua = f64::from(c.content_a.saturating_sub(c.content_matched));
    let ub = f64::from(c.content_b.saturating_sub(c.content_matched));
    let (ca, cb) = (f64::from(c.content_a.max(1)), f64::from(c.content_b.max(1)));
    vec![
        f64::from(c.coverage_a.min(c.coverage_b)),
        f64::from(c.coverage_a.max(c.coverage_b)),
        f64::from(c.bigrams),
        f64::from(u8::from(c.number_mismatch)),
        ua.max(ub),
        ua.min(ub),
        ca.min(cb) / ca.max(cb),
        f64::from(c.names_unmatched),
        (ca + cb).ln(),
        f64::from((1.0 - c.coverage_a) * c.weight_a).max(f64::from((1.0 - c.coverage_b) * c.weight_b)),
        f64::from((1.0 - c.coverage_a) * c.weight_a).min(f64::from((1.0 - c.coverage_b) * c.weight_b)),
        f64::from(c.coverage_a.min(c.coverage_b)).powi(2),
        f64::from(c.coverage_a * c.coverage_b),
    ]
}

fn predict(w: &[f64], x: &[f64]) -> f64 {
    let z: f64 = w[0] + x.iter().zip(&w[1..]).map(|(a, b)| a * b).sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}

fn fit(data: &[&(Vec<f64>, bool)]) -> Vec<f64> {
    let k = data[0].0.len();
    let mut w = vec![0.0; k + 1];
    let mut m = vec![0.0; k + 1];
    let mut v = vec![0.0; k + 1];
    for step in 1..=3000 {
        let mut g = vec![0.0; k + 1];
        for (x, y) in data {
            let e = predict(&w, x) - f64::from(u8::from(*y));
            g[0] += e;
            for j in 0..k {
                g[j + 1] += e * x[j];
            }
        }
        for j in 0..=k {
            let gj = g[j] / data.len() as f64 + if j > 0 { 1e-4 * w[j] } else { 0.0 };
            m[j] = 0.9 * m[j] + 0.1 * gj;
            v[j] = 0.999 * v[j] + 0.001 * gj * gj;
            let mh = m[j] / (1.0 - 0.9f64.powi(step));
            let vh = v[j] / (1.0 - 0.999f64.powi(step));
            w[j] -= 0.05 * mh / (vh.sqrt() + 1e-8);
        }
    }
    w
}

/// Prints the worst errors of a setting (for development).
#[allow(dead_code)]
fn dump_errors(rows: &[(String, String, bool)], scores: &[(f32, bool)], t: f32) {
    for ((a, b, g), (s, _)) in rows.iter().zip(scores).take(600) {
        if (*s >= t) != *g {
            println!("{} {s:.3}\n  {a}\n  {b}", if *g { "FN" } else { "FP" });
        }
    }
}
