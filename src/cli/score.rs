//! `newsdiff score PAIRS`: score claim pairs in bulk.
//!
//! Every text of the file is a document for the idf table (so words common in the file weigh little), with
//! `--model` every distinct text is embedded by the sentence encoder, then the pairs are scored in parallel and printed in input order by [`newsdiff::render::score`]: TSV
//! `score<TAB>same<TAB>a<TAB>b` with a header, or JSON Lines `{"line", "score", "same", "a", "b"}` (plus
//! `"explain"` with `--explain`).

use std::path::PathBuf;

use super::common::{finish, parse_unit};
use super::{Context, EXIT_SAME, InputArgs};
use newsdiff::claims::DEFAULT_THRESHOLD;
use newsdiff::claims::semantic::SentenceEncoder;
use newsdiff::claims::semantic_score::{SEMANTIC_THRESHOLD, score_pairs_semantic};
use newsdiff::claims::similarity::{Idf, SimilarityConfig, score_pairs};
use newsdiff::input::pairs::{Column, HeaderMode, PairsOptions, parse_pairs};
use newsdiff::input::read_bytes;
use newsdiff::render::score::{render_json, render_tsv};

/// Arguments of `newsdiff score`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  newsdiff score pairs.tsv\n  newsdiff score --json --columns 4,5 \
msr_paraphrase_train.txt\n  newsdiff score --columns claim,evidence --min-score 0.6 checks.jsonl")]
pub struct Args {
    /// The pairs: a TSV file with two text columns, a JSON Lines file with two text fields, or - for stdin.
    #[arg(value_name = "PAIRS")]
    pub path: PathBuf,
    /// The two text columns: 1-based numbers or header names (TSV), field names (JSONL). Example: 4,5.
    #[arg(long, value_name = "A,B", value_delimiter = ',', num_args = 1)]
    pub columns: Vec<Column>,
    /// Whether the TSV's first row is a header (auto: detected).
    #[arg(long, value_enum, default_value_t = HeaderMode::Auto)]
    pub header: HeaderMode,
    /// Print JSON Lines: {"line", "score", "same", "a", "b"} per pair.
    #[arg(long)]
    pub json: bool,
    /// Score at or above which a pair is the same claim [default: the model's cross-validated threshold].
    #[arg(long, value_name = "SCORE", value_parser = parse_unit::<f32>)]
    pub min_score: Option<f32>,
    /// Add the embedded sentence encoder's cosine to the word-overlap components (about 2 ms of CPU per
    /// sentence; helps with paraphrases that share few words, equal on MSRP).
    #[arg(long)]
    pub model: bool,
    /// Add each score's explanation (JSON) or a line of matched terms (TSV).
    #[arg(long)]
    pub explain: bool,
    /// Weigh words by their rarity in this corpus of articles as well as in the pairs.
    #[arg(long, value_name = "PATH")]
    pub idf_from: Option<PathBuf>,
    /// Input options (for --idf-from).
    #[command(flatten)]
    pub input: InputArgs,
}

/// Runs `newsdiff score`.
///
/// # Errors
/// Input errors and I/O errors on standard output.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<u8> {
    let display = args.path.display().to_string();
    let bytes = read_bytes(&args.path)?;
    let ext = args.path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let opts = PairsOptions {
        columns: match args.columns.as_slice() {
            [] => None,
            [a, b] => Some((a.clone(), b.clone())),
            _ => anyhow::bail!("--columns needs exactly two columns, for example --columns 4,5 or --columns a,b"),
        },
        header: args.header,
        jsonl: matches!(ext.as_deref(), Some("jsonl" | "ndjson")).then_some(true),
    };
    let pairs = parse_pairs(&bytes, &display, &opts)?;
    for w in &pairs.warnings {
        ctx.warn(w);
    }
    let extra = match &args.idf_from {
        Some(path) => Some(Idf::from_articles(&ctx.read(std::slice::from_ref(path), &args.input)?.articles)),
        None => None,
    };
    let texts: Vec<(&str, &str)> = pairs.pairs.iter().map(|p| (p.a.as_str(), p.b.as_str())).collect();
    let config = SimilarityConfig::default();
    let (scored, default_threshold) = if args.model {
        let encoder = SentenceEncoder::shared()?;
        (score_pairs_semantic(&texts, extra.as_ref(), &config, args.explain, encoder)?, SEMANTIC_THRESHOLD)
    } else {
        (score_pairs(&texts, extra.as_ref(), &config, args.explain), DEFAULT_THRESHOLD)
    };
    let min_score = args.min_score.unwrap_or(default_threshold);
    let mut out = ctx.stdout();
    if args.json {
        render_json(&mut out, &pairs.pairs, &scored, min_score)?;
    } else {
        render_tsv(&mut out, &pairs.pairs, &scored, min_score)?;
    }
    finish(out)?;
    Ok(EXIT_SAME)
}
