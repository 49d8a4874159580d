//! Developer tool: a quick normalizer throughput check on the seeds (the criterion bench in
//! benches/normalize.rs is the reference).
//!
//! `cargo run --release --example normbench` (from the repository root)
use std::time::Instant;
fn main() {
    let s: String =
        ["seeds/000_685572fa8566e146.txt", "seeds/001_7fb53fbd3c46e9a8.txt", "seeds/002_6b34b3c9854d6455.txt"]
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("run from the repository root"))
            .collect();
    let norm = newsdiff::normalize::Normalizer::new();
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..2000 {
        n += norm.normalize_str(&s).sentences.len();
    }
    let d = t.elapsed().as_secs_f64();
    println!("normalize seeds: {n} sentences, {:.1} MB/s", 2000.0 * s.len() as f64 / d / 1e6);
}
