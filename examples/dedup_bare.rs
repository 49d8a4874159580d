//! Developer tool, for `dedup`'s evaluation. The floor for `newsdiff dedup`: a bare loop that only reads a JSONL
//! corpus, takes each line's `text`, splits it into lowercase ASCII words, and hashes every 5-word shingle (no
//! normalizer, no signatures, no comparison). `benches/peers/run.sh` times it next to `newsdiff dedup` to show what the
//! rest costs.
//!
//! ```sh
//! cargo run --release --example dedup_bare -- corpus.jsonl
//! ```
use std::io::Read;

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

#[derive(serde::Deserialize)]
struct Line<'a> {
    #[serde(borrow)]
    text: std::borrow::Cow<'a, str>,
}

fn shingle_hashes(text: &str) -> (u64, u64) {
    let mut words: Vec<u64> = Vec::with_capacity(text.len() / 6);
    let mut buf = Vec::with_capacity(32);
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        buf.clear();
        buf.extend(w.bytes().map(|b| b.to_ascii_lowercase()));
        words.push(xxh3_64(&buf));
    }
    let (mut n, mut acc) = (0u64, 0u64);
    for win in words.windows(5) {
        let mut bytes = [0u8; 40];
        for (dst, h) in bytes.chunks_exact_mut(8).zip(win) {
            dst.copy_from_slice(&h.to_le_bytes());
        }
        acc ^= xxh3_64(&bytes);
        n += 1;
    }
    (n, acc)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: dedup_bare CORPUS.jsonl")?;
    let mut file = std::fs::File::open(path)?;
    let mut buf: Vec<u8> = Vec::new();
    let (mut shingles, mut checksum, mut articles) = (0u64, 0u64, 0usize);
    loop {
        let start = buf.len();
        buf.resize(start + (8 << 20), 0);
        let n = file.read(&mut buf[start..])?;
        buf.truncate(start + n);
        let end = if n == 0 { buf.len() } else { memchr::memrchr(b'\n', &buf).map_or(0, |p| p + 1) };
        let lines: Vec<&[u8]> = buf[..end].split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect();
        let (s, c) = lines
            .par_iter()
            .map(|l| serde_json::from_slice::<Line>(l).map(|line| shingle_hashes(&line.text)).unwrap_or((0, 0)))
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 ^ b.1));
        articles += lines.len();
        shingles += s;
        checksum ^= c;
        buf.drain(..end);
        if n == 0 {
            break;
        }
    }
    println!("{articles} articles, {shingles} shingles, checksum {checksum:016x}");
    Ok(())
}
