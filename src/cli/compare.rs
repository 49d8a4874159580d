//! `newsdiff compare A B`: align the claims of two articles, show word-level diffs, flag conflicts.

use std::path::PathBuf;

use anyhow::bail;

use super::common::{finish, parse_unit};
use super::{Context, EXIT_DIFFERENT, EXIT_SAME, InputArgs};
use newsdiff::article::Article;
use newsdiff::claims::{AlignConfig, Aligner, Idf, Matcher};
use newsdiff::normalize::Normalizer;
use newsdiff::render::compare::{TerminalOptions, render_json, render_terminal};
use newsdiff::render::text::plural;

/// Arguments of `newsdiff compare`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit status: 0 when both articles make the same claims in the same words (after \
normalization), 1 when they differ, 2 on trouble.\n\nExamples:\n  newsdiff compare seeds/001_7fb53fbd3c46e9a8.txt \
seeds/002_6b34b3c9854d6455.txt\n  newsdiff compare --side-by-side --explain a.txt b.txt\n  newsdiff compare --json \
two-articles.jsonl")]
pub struct Args {
    /// The two articles: two paths, or one path (JSONL, directory) holding exactly two articles.
    #[arg(required = true, num_args = 1..=2, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print one JSON object: articles, pairs with diffs, claims only in A and in B, summary.
    #[arg(long)]
    pub json: bool,
    /// Smallest pair probability (0..=1) for two claims to be paired [default: the pair model's
    /// cross-validated threshold].
    #[arg(long, value_name = "SCORE", value_parser = parse_unit::<f32>)]
    pub min_score: Option<f32>,
    /// Let every claim pair with several claims of the other article above the threshold (by default only
    /// where the model is confident).
    #[arg(long)]
    pub many: bool,
    /// Word overlap only: do not run the embedded sentence encoder (faster, fewer paraphrases found).
    #[arg(long)]
    pub no_model: bool,
    /// Split long sentences into clauses and align those (by default whole sentences are aligned).
    #[arg(long)]
    pub clauses: bool,
    /// Compare whole sentences only: the default (kept for compatibility).
    #[arg(long, hide = true, conflicts_with = "clauses")]
    pub no_clauses: bool,
    /// Lay each pair out in two columns fitting the terminal width.
    #[arg(long)]
    pub side_by_side: bool,
    /// Width for --side-by-side (default: the terminal's, or 120).
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<usize>,
    /// Explain each score: coverage, bigrams, matched terms and their contributions.
    #[arg(long)]
    pub explain: bool,
    /// Weigh words by their rarity in this corpus (articles in any input format) as well as in A and B.
    #[arg(long, value_name = "PATH")]
    pub idf_from: Option<PathBuf>,
    /// Time limit for the word diff of one pair, in milliseconds (past it the diff is coarser, never wrong).
    #[arg(long, value_name = "MS", default_value_t = 50)]
    pub timeout: u64,
    /// Input options.
    #[command(flatten)]
    pub input: InputArgs,
}

/// The two articles the paths name.
fn two_articles(ctx: &Context, args: &Args) -> anyhow::Result<(Article, Article)> {
    let mut articles = Vec::new();
    for path in &args.paths {
        let batch = ctx.read(std::slice::from_ref(path), &args.input)?;
        if args.paths.len() == 2 && batch.articles.len() != 1 {
            bail!(
                "{}: holds {}; compare needs exactly one per path",
                path.display(),
                plural(batch.articles.len(), "article")
            );
        }
        articles.extend(batch.articles);
    }
    if articles.len() != 2 {
        bail!(
            "{}: holds {}; compare needs exactly two (give two paths, or one file with two articles)",
            args.paths[0].display(),
            plural(articles.len(), "article")
        );
    }
    let b = articles.pop().expect("two articles");
    let a = articles.pop().expect("two articles");
    Ok((a, b))
}

/// Runs `newsdiff compare`.
///
/// # Errors
/// Input errors and I/O errors on standard output.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<u8> {
    let (a, b) = two_articles(ctx, args)?;
    let normalizer = Normalizer::new();
    let (da, db) = rayon::join(|| normalizer.normalize(&a), || normalizer.normalize(&b));
    let mut idf = Idf::from_documents([&da, &db]);
    if let Some(path) = &args.idf_from {
        let corpus = ctx.read(std::slice::from_ref(path), &args.input)?;
        idf.merge(&Idf::from_articles(&corpus.articles));
    }
    let config = AlignConfig {
        matcher: if args.no_model { Matcher::Lexical } else { Matcher::Semantic },
        min_score: args.min_score,
        many: args.many,
        clauses: args.clauses,
        explain: args.explain,
        diff_timeout: std::time::Duration::from_millis(args.timeout),
        ..AlignConfig::default()
    };
    let alignment = Aligner::new(config).align(&a, &da, &b, &db, &idf);
    let mut out = ctx.stdout();
    if args.json {
        render_json(&mut out, &a, &b, &alignment, alignment.threshold)?;
    } else {
        let width = args.width.unwrap_or_else(|| {
            terminal_size::terminal_size().map_or(120, |(terminal_size::Width(w), _)| usize::from(w))
        });
        let options = TerminalOptions { color: ctx.color, side_by_side: args.side_by_side, width };
        render_terminal(&mut out, &a, &b, &alignment, &options)?;
    }
    finish(out)?;
    Ok(if alignment.is_identical() { EXIT_SAME } else { EXIT_DIFFERENT })
}
