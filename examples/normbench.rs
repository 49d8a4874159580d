//! Developer tool: a quick normalizer throughput check (the criterion bench in benches/normalize.rs is the
//! reference). It times normalize + tokenize + sentences and prints MB/s of wall time and of CPU time (the
//! CPU time of the process, which a loaded machine inflates less than the wall time).
//!
//! `cargo run --release --example normbench` (from the repository root): the three seeds, 2,000 times.
//! `cargo run --release --example normbench -- [--iters N] [--threads N] FILE.jsonl...`: every article of JSON
//! Lines files (their `text`, `content`, `body` or `content_original` field), N times, on N threads.
use newsdiff::normalize::Normalizer;
use rayon::prelude::*;
use std::time::Instant;

/// CPU time of this process so far, in seconds (Linux: `/proc/self/stat`, in clock ticks of 1/100 s).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (which is in parentheses): utime and stime are the 12th and 13th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn texts_of(path: &str) -> Vec<String> {
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let value: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{path}: not JSON Lines: {e}"));
            ["text", "content", "body", "content_original"]
                .iter()
                .find_map(|f| value.get(f).and_then(serde_json::Value::as_str))
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut iters, mut threads, mut files) = (None, 1, Vec::new());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--iters" => iters = args.next().and_then(|n| n.parse().ok()),
            "--threads" => threads = args.next().and_then(|n| n.parse().ok()).expect("--threads N"),
            _ => files.push(arg),
        }
    }
    let (texts, iters): (Vec<String>, usize) = if files.is_empty() {
        let seeds =
            ["seeds/000_685572fa8566e146.txt", "seeds/001_7fb53fbd3c46e9a8.txt", "seeds/002_6b34b3c9854d6455.txt"]
                .iter()
                .map(|p| std::fs::read_to_string(p).expect("run from the repository root"))
                .collect();
        (vec![seeds], iters.unwrap_or(2000))
    } else {
        (files.iter().flat_map(|f| texts_of(f)).collect(), iters.unwrap_or(3))
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
    let norm = Normalizer::new();
    let (cpu, wall) = (cpu_seconds(), Instant::now());
    let mut sentences = 0;
    for _ in 0..iters {
        sentences += pool.install(|| texts.par_iter().map(|t| norm.normalize_str(t).sentences.len()).sum::<usize>());
    }
    let wall = wall.elapsed().as_secs_f64();
    let total = (iters * bytes) as f64 / 1e6;
    let cpu = cpu.zip(cpu_seconds()).map(|(a, b)| b - a);
    println!(
        "normalize {} texts, {:.1} MB, {iters}x on {threads} thread(s): {sentences} sentences, {:.1} MB/s wall, {}",
        texts.len(),
        bytes as f64 / 1e6,
        total / wall,
        cpu.map_or("no CPU time".to_string(), |c| format!("{:.1} MB/s of CPU time ({c:.2} s)", total / c)),
    );
}
