//! `newsdiff dedup PATH...`: exact and near-duplicate articles at corpus scale, and a deduplicated corpus.
//!
//! The input streams through in chunks ([`ArticleStream`]); the deduplicator keeps a signature and ids per
//! article. `--output` reads the kept articles a second time and copies them (JSONL lines unchanged) with
//! [`write_corpus`], into a file written atomically.

use std::path::PathBuf;

use anyhow::Context as _;

use super::common::{OutputArgs, WARNINGS_SHOWN, finish, parse_unit};
use super::progress::{Counting, progress_bar};
use super::{Context, EXIT_SAME, InputArgs};
use crate::cli::output::{check_target, write_atomic};
use newsdiff::dedup::{DedupConfig, Deduplicator, Keep};
use newsdiff::input::stream::{ArticleStream, Chunk, RawRef, real_path};
use newsdiff::render::dedup::{render_csv, render_human, render_json, write_corpus};

/// Arguments of `newsdiff dedup`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  newsdiff dedup corpus.jsonl\n  newsdiff dedup --json corpus.jsonl > dups.json\n  \
newsdiff dedup --output clean.jsonl --keep longest corpus.jsonl\n  \
newsdiff dedup --save-index day1.idx day1.jsonl && newsdiff dedup --against day1.idx day2.jsonl\n\n\
Exit status: 0 when the run succeeds, whether or not duplicates were found; 2 on trouble.",
    mut_arg("force", |a| a.help("Replace existing --output and --save-index files"))
)]
pub struct Args {
    /// Articles: JSONL files, text files, directories, or - for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Jaccard similarity (of word shingles) at which two articles are duplicates.
    #[arg(long, value_name = "J", default_value_t = 0.8, value_parser = parse_unit::<f64>)]
    pub threshold: f64,
    /// Also pair articles when this share of the shorter one's shingles is inside the longer one (finds a wire
    /// story reprinted inside a longer article, when it is at least half as long).
    #[arg(long, value_name = "C", value_parser = parse_unit::<f64>)]
    pub containment: Option<f64>,
    /// Words per shingle.
    #[arg(long, value_name = "K", default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=16))]
    pub shingle: u16,
    /// MinHash values per article.
    #[arg(long, value_name = "M", default_value_t = 128, value_parser = clap::value_parser!(u16).range(8..=1024))]
    pub num_perm: u16,
    /// Which article of a cluster is kept.
    #[arg(long, value_enum, default_value_t = Keep::First)]
    pub keep: Keep,
    /// Write the deduplicated corpus (one representative per cluster) as JSONL to FILE.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Save this run's signatures and shingles to INDEX, for a later --against.
    #[arg(long, value_name = "INDEX")]
    pub save_index: Option<PathBuf>,
    /// Check the input against a saved index (repeatable): indexed articles count as already kept.
    #[arg(long, value_name = "INDEX")]
    pub against: Vec<PathBuf>,
    /// Output file options.
    #[command(flatten)]
    pub output_files: OutputArgs,
    /// Print every verified pair and cluster as JSON.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print every verified pair as CSV.
    #[arg(long)]
    pub csv: bool,
    /// Largest clusters shown in the terminal summary.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
    /// Input options.
    #[command(flatten)]
    pub input: InputArgs,
}

impl Args {
    /// The deduplication settings these flags describe.
    #[must_use]
    pub fn config(&self) -> DedupConfig {
        DedupConfig {
            shingle_size: usize::from(self.shingle),
            num_perm: usize::from(self.num_perm),
            threshold: self.threshold,
            containment: self.containment,
            keep: self.keep,
        }
    }
}

/// Runs `newsdiff dedup`.
///
/// # Errors
/// Input errors (naming file and line), index errors, refused or failed output files, I/O errors on stdout.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<u8> {
    let mut stream = ArticleStream::open(&args.paths, &args.input.options())?;
    let inputs: Vec<PathBuf> = stream
        .files()
        .iter()
        .filter_map(|f| real_path(f).map(PathBuf::from))
        .chain(args.against.iter().cloned())
        .collect();
    let write_opts = args.output_files.write_options(inputs);
    for target in [&args.output, &args.save_index].into_iter().flatten() {
        check_target(target, &write_opts)?;
    }
    if let (Some(a), Some(b)) = (&args.output, &args.save_index)
        && a == b
    {
        anyhow::bail!("{}: given to both --output and --save-index", a.display());
    }

    // Shingle sets go to a temporary file only when the index needs them; otherwise the articles of candidate
    // pairs are read again from the input for verification.
    let spill = args.save_index.is_some();
    let mut dedup = if spill { Deduplicator::new(args.config()) } else { Deduplicator::rereading(args.config()) }
        .context("cannot create a temporary file")?;
    for index in &args.against {
        dedup.load_index(index)?;
    }
    let started = std::time::Instant::now();
    let bar = progress_bar(ctx, stream.total_bytes(), Counting::Bytes);
    bar.set_message("reading");
    let mut raws: Vec<RawRef> = Vec::new();
    stream.for_each_chunk(|chunk: Chunk| -> anyhow::Result<()> {
        dedup.add_articles(&chunk.articles).context("cannot write the temporary shingle file")?;
        raws.extend(chunk.raw);
        bar.inc(chunk.bytes);
        Ok(())
    })?;
    if raws.is_empty() {
        // Every article was skipped as bad (a named directory without articles is refused by the stream).
        ctx.warn_input(&stream.warnings, stream.skipped);
        anyhow::bail!("{}: no articles found", super::common::joined(&args.paths));
    }
    let read_secs = started.elapsed().as_secs_f64();
    bar.set_message("comparing");
    let reader = stream.rereader()?;
    let result = if spill {
        dedup.finish().context("cannot read the temporary shingle file")?
    } else {
        let text_of = |i: usize| -> std::io::Result<String> {
            let article = reader.article(raws[i]).map_err(std::io::Error::other)?;
            Ok(article.body().to_string())
        };
        dedup.finish_rereading(&text_of).context("cannot read the input again")?
    };
    bar.finish_and_clear();
    if ctx.verbose > 0 && !ctx.quiet {
        eprintln!(
            "newsdiff: read and sketched {} articles in {read_secs:.2} s; candidates, verification and clusters in \
             {:.2} s",
            result.summary.articles,
            started.elapsed().as_secs_f64() - read_secs
        );
    }

    ctx.warn_input(&stream.warnings, stream.skipped);
    for d in result.duplicate_ids.iter().take(WARNINGS_SHOWN) {
        let shown: Vec<&str> = d.origins.iter().take(4).map(String::as_str).collect();
        let more = if d.origins.len() > 4 { ", ..." } else { "" };
        ctx.warn(&format!(
            "id {:?} is used by {} articles ({}{more}); they are kept apart",
            d.id,
            d.origins.len(),
            shown.join(", ")
        ));
    }
    if result.duplicate_ids.len() > WARNINGS_SHOWN {
        ctx.warn(&format!("... and {} more duplicate ids", result.duplicate_ids.len() - WARNINGS_SHOWN));
    }

    if let Some(path) = &args.save_index {
        write_atomic(path, &write_opts, |w| Ok(dedup.write_index(w)?))?;
    }
    if let Some(path) = &args.output {
        write_atomic(path, &write_opts, |w| write_corpus(w, &result, &raws, stream.files(), &reader))?;
    }

    let mut out = ctx.stdout();
    if args.json {
        render_json(&mut out, &result, stream.skipped)?;
    } else if args.csv {
        render_csv(&mut out, &result)?;
    } else {
        render_human(&mut out, &result, stream.skipped, args.top, ctx.color)?;
    }
    finish(out)?;
    Ok(EXIT_SAME)
}
