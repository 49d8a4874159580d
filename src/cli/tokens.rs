//! `newsdiff tokens FILE...`: what the normalizer made of each article.

use std::path::PathBuf;

use rayon::prelude::*;

use super::{Context, EXIT_SAME, InputArgs, common::finish};
use newsdiff::normalize::Normalizer;
use newsdiff::render::tokens::{render_human, render_json};

/// Arguments of `newsdiff tokens`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  newsdiff tokens seeds/000_685572fa8566e146.txt\n  newsdiff tokens --json seeds/ | head"
)]
pub struct Args {
    /// Articles: text files, directories, JSONL files, or - for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print JSON Lines: one object per article with its sentences and tokens.
    #[arg(long)]
    pub json: bool,
    /// Input options.
    #[command(flatten)]
    pub input: InputArgs,
}

/// Runs `newsdiff tokens`.
///
/// # Errors
/// Input errors and I/O errors on standard output.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<u8> {
    let batch = ctx.read(&args.paths, &args.input)?;
    let normalizer = Normalizer::new();
    let mut out = ctx.stdout();
    // Normalize in parallel, in chunks so that output starts early and memory stays bounded.
    for chunk in batch.articles.chunks(256) {
        let docs: Vec<_> = chunk.par_iter().map(|a| normalizer.normalize(a)).collect();
        for (article, doc) in chunk.iter().zip(&docs) {
            if args.json {
                render_json(&mut out, article, doc)?;
            } else {
                render_human(&mut out, article, doc, ctx.color)?;
            }
        }
    }
    finish(out)?;
    Ok(EXIT_SAME)
}
