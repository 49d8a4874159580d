//! `newsdiff report PATH...`: group a batch of articles into stories and report on each.
//!
//! The report is computed once ([`build_report`]) and shown by the renderers picked here: the terminal listing
//! (or `--json`) on standard output, and optionally CSV tables (`--csv DIR`) and an HTML page (`--html FILE`),
//! each file written atomically. When the report goes to files, standard output gets only where it went and
//! the batch summary, unless `--print` (or `--json`) asks for the whole report there too.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use indicatif::ProgressBar;

use super::common::{OutputArgs, finish, parse_unit};
use super::progress::{Bar, Counting, progress_bar};
use super::{Context, EXIT_SAME, InputArgs};
use crate::cli::output::{AtomicFile, WriteOptions};
use newsdiff::claims::{AlignConfig, Matcher};
use newsdiff::render::StoryRenderer;
use newsdiff::render::report_csv::{Csv, CsvTable};
use newsdiff::render::report_html::Html;
use newsdiff::render::report_json::JsonStream;
use newsdiff::render::report_jsonl::JsonLines;
use newsdiff::render::report_terminal::{Terminal, TerminalSummary};
use newsdiff::report::{ReportOptions, ReportPlan, ReportSink, Story, stream_report};
use newsdiff::stories::{DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS, StoryConfig};

/// Largest batch whose claims the sentence encoder aligns by default: beyond it the encoder would cost minutes
/// (about 2 ms of CPU per sentence of a multi-source story; 132 BASIL articles take about 16 s of CPU).
const MODEL_MAX_ARTICLES: usize = 1_000;

/// Arguments of `newsdiff report`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  newsdiff report seeds/\n  newsdiff report --json day.jsonl > report.json\n  \
newsdiff report --html report.html --csv tables/ day.jsonl")]
pub struct Args {
    /// Articles: text files, directories, JSONL files, or - for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print the whole report as one JSON object instead of the terminal listing.
    #[arg(long, conflicts_with = "jsonl")]
    pub json: bool,
    /// Print the report as JSON Lines instead: one story per line as it is finished, then a summary line
    /// (unique claims as sentence numbers per article unless --all); for large batches.
    #[arg(long)]
    pub jsonl: bool,
    /// Also write CSV tables (articles, stories, pairs, claims, variants) into this directory.
    #[arg(long, value_name = "DIR")]
    pub csv: Option<PathBuf>,
    /// Also write the report as one self-contained HTML page.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// With --html or --csv, also print the whole terminal listing (by default only where the files went and
    /// the batch summary).
    #[arg(long, conflicts_with = "json")]
    pub print: bool,
    /// Output file options.
    #[command(flatten)]
    pub output_files: OutputArgs,
    /// Articles dated more than this many days apart are never in one story.
    #[arg(long, value_name = "DAYS", default_value_t = DEFAULT_WINDOW_DAYS)]
    pub window: u32,
    /// Time limit for the word diff of one claim pair, in milliseconds (past it the diff is coarser).
    #[arg(long, value_name = "MS", default_value_t = 50)]
    pub timeout: u64,
    /// Ignore dates when grouping.
    #[arg(long, conflicts_with = "window")]
    pub ignore_dates: bool,
    /// Average similarity (0..1) at which groups of articles merge into one story; lower joins more.
    #[arg(long, value_name = "SIM", default_value_t = DEFAULT_THRESHOLD, value_parser = parse_unit::<f32>)]
    pub threshold: f32,
    /// Show every item of every list in the terminal listing (default: the first 5); with --jsonl, the text of
    /// every unique claim.
    #[arg(long)]
    pub all: bool,
    /// Align claims on word overlap only: do not run the embedded sentence encoder (fewer paraphrases are
    /// found). The default for batches of more than 1,000 articles, where the encoder would take minutes.
    #[arg(long, conflicts_with = "model")]
    pub no_model: bool,
    /// Run the embedded sentence encoder whatever the size of the batch (about 2 ms of CPU per sentence of the
    /// stories that several sources cover).
    #[arg(long)]
    pub model: bool,
    /// Input options.
    #[command(flatten)]
    pub input: InputArgs,
}

/// Runs `newsdiff report`.
///
/// # Errors
/// Input errors, refused or failed output files, and I/O errors on standard output.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<u8> {
    let write_opts = args.output_files.write_options(args.paths.clone());
    // Refuse bad output paths before the work, not after it.
    if let Some(path) = &args.html {
        crate::cli::output::check_target(path, &write_opts)?;
    }
    if let Some(dir) = &args.csv {
        check_csv_dir(dir, &write_opts)?;
    }
    let batch = ctx.read(&args.paths, &args.input)?;
    // Files found inside input directories are inputs too: never write over one of them.
    let mut write_opts = write_opts;
    let mut read: Vec<PathBuf> = batch.articles.iter().map(|a| PathBuf::from(&a.origin.path)).collect();
    read.dedup();
    write_opts.inputs.extend(read.into_iter().filter(|p| p.as_os_str() != "-"));
    if let Some(path) = &args.html {
        crate::cli::output::check_target(path, &write_opts)?;
    }
    if let Some(dir) = &args.csv {
        check_csv_dir(dir, &write_opts)?;
    }
    // Only batches large enough to take a while get a progress bar.
    let progress = Bar(if batch.articles.len() < 2_000 {
        ProgressBar::hidden()
    } else {
        progress_bar(ctx, batch.articles.len() as u64, Counting::Steps)
    });
    let lexical = args.no_model || (!args.model && batch.articles.len() > MODEL_MAX_ARTICLES);
    if lexical && !args.no_model && !ctx.quiet {
        eprintln!(
            "newsdiff: {} articles: aligning claims on word overlap only (--model runs the sentence encoder anyway)",
            batch.articles.len()
        );
    }
    let options = ReportOptions {
        stories: StoryConfig {
            window_days: (!args.ignore_dates).then_some(args.window),
            threshold: args.threshold,
            ..StoryConfig::default()
        },
        align: AlignConfig {
            matcher: if lexical { Matcher::Lexical } else { Matcher::Semantic },
            diff_timeout: std::time::Duration::from_millis(args.timeout),
            ..AlignConfig::default()
        },
        ..ReportOptions::default()
    };
    // Every output is opened before the work and written story by story as the report streams; the files are
    // renamed into place only when the whole report is written.
    let mut files: Vec<(Box<dyn StoryRenderer>, AtomicFile)> = Vec::new();
    if let Some(path) = &args.html {
        files.push((Box::new(Html.stream()), AtomicFile::create(path, &write_opts)?));
    }
    if let Some(dir) = &args.csv {
        std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create the directory", dir.display()))?;
        for table in CsvTable::ALL {
            files.push((Box::new(Csv { table }), AtomicFile::create(&dir.join(table.file_name()), &write_opts)?));
        }
    }
    let machine = args.json || args.jsonl;
    // When the report goes to files, standard output gets only where it went and the batch summary.
    let summary_only = !files.is_empty() && !machine && !args.print;
    let width = terminal_size::terminal_size().map_or(80, |(w, _)| usize::from(w.0)).clamp(60, 120);
    let width = if ctx.color { width } else { 80 };
    let stdout: Box<dyn StoryRenderer> = if args.jsonl {
        Box::new(JsonLines { all: args.all })
    } else if args.json {
        Box::new(JsonStream::default())
    } else if summary_only {
        Box::new(TerminalSummary { color: ctx.color, width })
    } else {
        let limit = if args.all { usize::MAX } else { 5 };
        Box::new(Terminal { color: ctx.color, width, limit }.stream())
    };
    let mut outputs = Outputs { stdout, out: ctx.stdout(), files, bar: &progress.0 };
    let end = stream_report(&batch.articles, &options, &progress, &mut outputs)?;
    progress.finish();
    if ctx.verbose > 0 && !ctx.quiet {
        for (stage, took) in &end.timings {
            eprintln!("newsdiff: {stage}: {:.2} s", took.as_secs_f64());
        }
    }
    let Outputs { mut stdout, mut out, files, .. } = outputs;
    for (mut renderer, mut file) in files {
        renderer
            .end(&end.summary, file.writer())
            .with_context(|| format!("{}: cannot write", file.path().display()))?;
        file.commit()?;
    }
    let mut written = Vec::new();
    if let Some(path) = &args.html {
        written.push(format!("wrote {}", path.display()));
    }
    if let Some(dir) = &args.csv {
        written.push(format!("wrote {} tables into {}", CsvTable::ALL.len(), dir.display()));
    }
    for line in &written {
        if summary_only {
            writeln!(out, "{line}")?;
        } else if !ctx.quiet && !machine {
            eprintln!("newsdiff: {line}");
        }
    }
    stdout.end(&end.summary, &mut out)?;
    finish(out)?;
    Ok(EXIT_SAME)
}

/// Where the streamed report goes: standard output and the output files, each with its renderer.
struct Outputs<'a, W: Write> {
    stdout: Box<dyn StoryRenderer>,
    out: W,
    files: Vec<(Box<dyn StoryRenderer>, AtomicFile)>,
    /// Hidden while standard output is written, so that a listing on the terminal does not mix with the bar.
    bar: &'a ProgressBar,
}

impl<W: Write> ReportSink for Outputs<'_, W> {
    type Error = anyhow::Error;

    fn plan(&mut self, plan: &ReportPlan) -> anyhow::Result<()> {
        for (renderer, file) in &mut self.files {
            renderer.begin(plan, file.writer()).with_context(|| format!("{}: cannot write", file.path().display()))?;
        }
        self.stdout.begin(plan, &mut self.out)
    }

    fn story(&mut self, story: Story) -> anyhow::Result<()> {
        for (renderer, file) in &mut self.files {
            renderer
                .story(&story, file.writer())
                .with_context(|| format!("{}: cannot write", file.path().display()))?;
        }
        let (stdout, out) = (&mut self.stdout, &mut self.out);
        self.bar.suspend(|| stdout.story(&story, out))
    }
}

/// Checks the CSV directory: not an input, not a file, and no table in it unless `--force`.
fn check_csv_dir(dir: &Path, opts: &WriteOptions) -> anyhow::Result<()> {
    if dir.exists() && !dir.is_dir() {
        bail!("{}: --csv needs a directory, and this is a file", dir.display());
    }
    for table in CsvTable::ALL {
        crate::cli::output::check_target(&dir.join(table.file_name()), opts)?;
    }
    Ok(())
}
