//! Developer tool, for `report`'s benchmarks. Writes a synthetic batch with planted stories as JSON Lines (`id`,
//! `source`, `date`, `title`, `text`, and the planted `story`), for timing `newsdiff report` at scale:
//!
//! `cargo run --release --example gen_stories -- 100000 > batch.jsonl` (the generator: `testdata/synth.rs`)
use std::io::Write;

#[path = "../testdata/mod.rs"]
mod testdata;

fn main() -> anyhow::Result<()> {
    let n: usize = std::env::args().nth(1).map_or(Ok(10_000), |s| s.parse())?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for s in testdata::synth::generate(n, 42) {
        let a = &s.article;
        let line = serde_json::json!({
            "id": a.id, "source": a.source, "date": a.date, "title": a.title, "text": a.body(), "story": s.story,
        });
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(())
}
