//! Developer tool, a tuning aid for story grouping: prints, for every pair of articles in a JSONL batch, the body
//! cosine, the title cosine and the distance in days, as TSV (`i j body title days`).
//!
//! `cargo run --release --example story_pairs -- batch.jsonl > pairs.tsv`
use newsdiff::input::{InputOptions, read_inputs};
use newsdiff::normalize::Normalizer;
use newsdiff::stories::{StoryConfig, StoryGrouper, dot};

fn main() -> anyhow::Result<()> {
    let paths: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    let batch = read_inputs(&paths, &InputOptions::default())?;
    let normalizer = Normalizer::new();
    let docs: Vec<_> = batch.articles.iter().map(|a| normalizer.normalize(a)).collect();
    let profiles = StoryGrouper::new(StoryConfig::default()).profile(&batch.articles, &docs);
    let p = &profiles.profiles;
    println!("i\tj\tbody\ttitle\tdays");
    for i in 0..p.len() {
        for j in i + 1..p.len() {
            let days = match (p[i].day, p[j].day) {
                (Some(a), Some(b)) => (a - b).abs().to_string(),
                _ => "-".to_string(),
            };
            println!("{i}\t{j}\t{:.4}\t{:.4}\t{days}", dot(&p[i].terms, &p[j].terms), dot(&p[i].title, &p[j].title));
        }
    }
    Ok(())
}
