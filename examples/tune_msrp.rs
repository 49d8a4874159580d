//! Developer tool, for tuning the claim similarity: fits and cross-validates it on the MSRP training split.
//!
//! ```sh
//! cargo run --release --example tune_msrp [-- PATH/msr_paraphrase_train.txt]
//! ```
//! Reads `../shared/data/msrp/msr_paraphrase_train.txt` by default (relative to the repository root). The
//! similarity's components ([`Components::features`]) are combined by a logistic model; this program
//!
//! 1. measures 5-fold cross-validated accuracy and F1: the model and the threshold are fitted on four folds
//!    and measured on the fifth, for a few term-weighting settings;
//! 2. prints the model fitted on all pairs and the threshold with the best cross-validated accuracy, which are
//!    what `src/claims/similarity.rs` ships (`MSRP_MODEL`, `DEFAULT_THRESHOLD`);
//! 3. measures the shipped default the same way (its threshold chosen on four folds).
//!
//! Idf comes from all sentences of the file, as `newsdiff score` does it.

use std::path::PathBuf;

use newsdiff::claims::similarity::{
    FEATURE_NAMES, FEATURES, Idf, Profile, SimilarityConfig, Terms, components, similarity,
};
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

/// The threshold (on a 0.005 grid) with the best accuracy on `scores`.
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

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Logistic regression by Adam on the mean log loss (small L2), from zero: `(intercept, weights)`.
fn fit<const N: usize>(data: &[([f32; N], bool)]) -> (f32, [f32; N]) {
    let mut w = vec![0.0f64; N + 1];
    let (mut m, mut v) = (vec![0.0f64; N + 1], vec![0.0f64; N + 1]);
    for step in 1..=4000 {
        let mut g = vec![0.0f64; N + 1];
        for (x, y) in data {
            let z = w[0] + x.iter().zip(&w[1..]).map(|(a, b)| f64::from(*a) * b).sum::<f64>();
            let e = sigmoid(z) - f64::from(u8::from(*y));
            g[0] += e;
            for j in 0..N {
                g[j + 1] += e * f64::from(x[j]);
            }
        }
        for j in 0..=N {
            let gj = g[j] / data.len() as f64 + if j > 0 { 1e-4 * w[j] } else { 0.0 };
            m[j] = 0.9 * m[j] + 0.1 * gj;
            v[j] = 0.999 * v[j] + 0.001 * gj * gj;
            let mh = m[j] / (1.0 - 0.9f64.powi(step));
            let vh = v[j] / (1.0 - 0.999f64.powi(step));
            w[j] -= 0.05 * mh / (vh.sqrt() + 1e-8);
        }
    }
    let mut weights = [0.0f32; N];
    for (dst, src) in weights.iter_mut().zip(&w[1..]) {
        *dst = *src as f32;
    }
    (w[0] as f32, weights)
}

fn predict<const N: usize>((intercept, weights): &(f32, [f32; N]), x: &[f32; N]) -> f32 {
    let z = intercept + x.iter().zip(weights).map(|(a, b)| a * b).sum::<f32>();
    1.0 / (1.0 + (-z).exp())
}

/// 5-fold cross-validation: model and threshold fitted on four folds, measured on the fifth. Also returns the
/// mean of the five thresholds.
fn cross_validate<const N: usize>(features: &[([f32; N], bool)]) -> (f64, f64, f32) {
    let mut held: Vec<(f32, bool)> = Vec::new();
    let mut mean_t = 0.0;
    for f in 0..5 {
        let train: Vec<([f32; N], bool)> =
            features.iter().enumerate().filter(|(i, _)| fold_of(*i) != f).map(|(_, x)| *x).collect();
        let model = fit(&train);
        let scored: Vec<(f32, bool)> = train.iter().map(|(x, g)| (predict(&model, x), *g)).collect();
        let t = best_threshold(&scored);
        mean_t += t / 5.0;
        held.extend(
            features
                .iter()
                .enumerate()
                .filter(|(i, _)| fold_of(*i) == f)
                .map(|(_, (x, g))| (predict(&model, x) - t + 0.5, *g)),
        );
    }
    let (acc, f1) = measure(&held, 0.5);
    (acc, f1, mean_t)
}

/// Cross-validated accuracy/F1 of fixed scores, the threshold chosen on four folds.
fn cross_validate_threshold(scores: &[(f32, bool)]) -> (f64, f64, f32) {
    let mut held = Vec::new();
    let mut mean_t = 0.0;
    for f in 0..5 {
        let train: Vec<(f32, bool)> =
            scores.iter().enumerate().filter(|(i, _)| fold_of(*i) != f).map(|(_, x)| *x).collect();
        let t = best_threshold(&train);
        mean_t += t / 5.0;
        held.extend(scores.iter().enumerate().filter(|(i, _)| fold_of(*i) == f).map(|(_, (s, g))| (s - t + 0.5, *g)));
    }
    let (a, f1) = measure(&held, 0.5);
    (a, f1, mean_t)
}

fn main() {
    let path = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("../shared/data/msrp/msr_paraphrase_train.txt"), PathBuf::from);
    let rows = load(&path);
    println!("{}: {} pairs", path.display(), rows.len());
    let n = Normalizer::new();
    let pairs: Vec<Pair> = rows
        .par_iter()
        .map(|(a, b, g)| Pair { a: Terms::from_text(&n, a), b: Terms::from_text(&n, b), gold: *g })
        .collect();
    let idf = Idf::from_terms(pairs.iter().flat_map(|p| [&p.a, &p.b]));
    let features_of = |c: &SimilarityConfig| -> Vec<([f32; FEATURES], bool)> {
        pairs
            .par_iter()
            .map(|p| {
                let comp = components(&Profile::new(&p.a, &idf, c), &Profile::new(&p.b, &idf, c), c);
                (comp.features(), p.gold)
            })
            .collect()
    };
    let default = SimilarityConfig::default();
    println!("\n1. cross-validated (model and threshold fitted on 4 folds, measured on the 5th):");
    let settings = [
        ("shipped weighting", default),
        ("idf^0.5, function words 0.4", SimilarityConfig { idf_power: 0.5, stop_weight: 0.4, ..default }),
        ("plain idf, function words 0.2", SimilarityConfig { idf_power: 1.0, stop_weight: 0.2, ..default }),
        ("no prefix matches", SimilarityConfig { prefix_min: 0, ..default }),
    ];
    for (name, c) in settings {
        let (acc, f1, _) = cross_validate(&features_of(&c));
        println!("   {name:32} accuracy {acc:.4}  F1 {f1:.4}");
    }
    let all = features_of(&default);
    let (intercept, weights) = fit(&all);
    println!("\n2. model fitted on all pairs (paste into MSRP_MODEL):");
    println!("   intercept {intercept:.3}");
    for (name, w) in FEATURE_NAMES.iter().zip(weights) {
        println!("   {name:18} {w:.3}");
    }
    let shipped: Vec<(f32, bool)> = pairs
        .par_iter()
        .map(|p| {
            let (a, b) = (Profile::new(&p.a, &idf, &default), Profile::new(&p.b, &idf, &default));
            (similarity(&a, &b, &default), p.gold)
        })
        .collect();
    let (acc, f1, t) = cross_validate_threshold(&shipped);
    println!(
        "\n3. shipped default model: threshold cross-validated: accuracy {acc:.4}  F1 {f1:.4}  (mean threshold {t:.3})"
    );
    let (acc, f1) = measure(&shipped, newsdiff::claims::DEFAULT_THRESHOLD);
    println!(
        "   at DEFAULT_THRESHOLD {:.3} on all pairs: accuracy {acc:.4}  F1 {f1:.4}",
        newsdiff::claims::DEFAULT_THRESHOLD
    );

    semantic(&rows, &all);
}

/// 4. The components plus the embedded encoder's cosine (what `score` uses by default).
fn semantic(rows: &[(String, String, bool)], lexical: &[([f32; FEATURES], bool)]) {
    let encoder = newsdiff::claims::semantic::SentenceEncoder::shared().expect("the embedded encoder loads");
    let texts: Vec<&str> = rows.iter().flat_map(|(a, b, _)| [a.as_str(), b.as_str()]).collect();
    let embedded = encoder.embed(&texts).expect("the encoder embeds MSRP");
    let cosines: Vec<f32> = (0..rows.len()).map(|k| embedded.cosine(2 * k, &embedded, 2 * k + 1)).collect();
    let only: Vec<(f32, bool)> = cosines.iter().zip(lexical).map(|(c, (_, g))| (*c, *g)).collect();
    let (acc, f1, t) = cross_validate_threshold(&only);
    println!("\n4. with the sentence encoder (cross-validated as in 1):");
    println!("   cosine alone{:21} accuracy {acc:.4}  F1 {f1:.4}  (mean threshold {t:.3})", "");
    let joined: Vec<([f32; FEATURES + 1], bool)> = lexical
        .iter()
        .zip(&cosines)
        .map(|((x, g), c)| {
            let mut f = [0.0f32; FEATURES + 1];
            f[..FEATURES].copy_from_slice(x);
            f[FEATURES] = *c;
            (f, *g)
        })
        .collect();
    let (acc, f1, t) = cross_validate(&joined);
    println!("   components + cosine{:14} accuracy {acc:.4}  F1 {f1:.4}  (mean threshold {t:.3})", "");
    let interactions: Vec<([f32; FEATURES + 3], bool)> = joined
        .iter()
        .map(|(x, g)| {
            let mut f = [0.0f32; FEATURES + 3];
            f[..=FEATURES].copy_from_slice(x);
            let c = x[FEATURES];
            f[FEATURES + 1] = c * c;
            f[FEATURES + 2] = c * x[0];
            (f, *g)
        })
        .collect();
    let (acc, f1, t) = cross_validate(&interactions);
    println!("   + cosine², cosine x coverage_min accuracy {acc:.4}  F1 {f1:.4}  (mean threshold {t:.3})");
    let (intercept, weights) = fit(&joined);
    println!("   fitted on all pairs (paste into MSRP_SEMANTIC_MODEL): intercept {intercept:.3}");
    for (name, w) in FEATURE_NAMES.iter().chain(&["cosine"]).zip(weights) {
        println!("   {name:18} {w:.3}");
    }
}
