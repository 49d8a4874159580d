//! Developer tool, for `dedup`'s evaluation and benchmarks. Writes a generated corpus with planted
//! near-duplicates as JSONL (fields `id`, `source`, `title`, `date`, `text`, `group`; see `testdata/corpus.rs`).
//!
//! ```sh
//! cargo run --release --example gen_corpus -- 100000 corpus.jsonl [SEED]
//! ```
use std::io::{BufWriter, Write};

use testdata::corpus::{Corpus, CorpusConfig};

#[path = "../testdata/mod.rs"]
mod testdata;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen_corpus ARTICLES OUTPUT.jsonl [SEED]";
    let articles: usize = args.next().ok_or(usage)?.parse()?;
    let path = args.next().ok_or(usage)?;
    let seed: u64 = args.next().map_or(Ok(42), |s| s.parse())?;
    let mut out = BufWriter::new(std::fs::File::create(&path)?);
    for article in Corpus::new(CorpusConfig { articles, seed, ..CorpusConfig::default() }) {
        serde_json::to_writer(&mut out, &article)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
