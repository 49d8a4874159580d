//! What the subcommands share: input and output-file options, argument parsers, the run context (colour,
//! verbosity), warnings.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use crate::cli::output::{self, WriteOptions};
use newsdiff::input::{self, Batch, Fields, InputOptions};

/// Input options, flattened into every subcommand that reads articles.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Input")]
pub struct InputArgs {
    /// JSONL field names.
    #[command(flatten)]
    pub fields: FieldArgs,
    /// Refuse invalid UTF-8 instead of decoding it lossily.
    #[arg(long)]
    pub strict: bool,
    /// Skip bad files and JSONL lines (counting them) instead of stopping at the first.
    #[arg(long)]
    pub skip_bad: bool,
    /// Largest article accepted, in bytes (suffixes K, M, G allowed).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_bytes: u64,
    /// Most articles read in one run.
    #[arg(long, value_name = "N", default_value_t = input::DEFAULT_MAX_ARTICLES)]
    pub max_articles: usize,
}

/// The JSONL field names given on the command line (the first of the input options).
#[derive(Debug, Clone, clap::Args)]
pub struct FieldArgs {
    /// JSONL field holding the article text (default: text, content, body, content_original, ...).
    #[arg(long, value_name = "FIELD")]
    pub text_field: Option<String>,
    /// JSONL field holding the article id (default: id, ID, _id, ...).
    #[arg(long, value_name = "FIELD")]
    pub id_field: Option<String>,
    /// JSONL field holding the source or outlet (default: source, outlet, publisher, ...).
    #[arg(long, value_name = "FIELD")]
    pub source_field: Option<String>,
    /// JSONL field holding the title (default: title, headline).
    #[arg(long, value_name = "FIELD")]
    pub title_field: Option<String>,
    /// JSONL field holding the date (default: date, published, published_at, ...).
    #[arg(long, value_name = "FIELD")]
    pub date_field: Option<String>,
}

impl FieldArgs {
    /// The default field names with these overrides.
    #[must_use]
    pub fn fields(&self) -> Fields {
        Fields::default().with_overrides(
            self.text_field.as_deref(),
            self.id_field.as_deref(),
            self.source_field.as_deref(),
            self.title_field.as_deref(),
            self.date_field.as_deref(),
        )
    }
}

/// Output-file options, flattened into every subcommand that writes files.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputArgs {
    /// Replace existing output files.
    #[arg(long)]
    pub force: bool,
}

impl OutputArgs {
    /// The write options these flags describe; `inputs` are never written over.
    #[must_use]
    pub fn write_options(&self, inputs: Vec<PathBuf>) -> WriteOptions {
        WriteOptions { force: self.force, inputs }
    }
}

/// Parses a size such as `64M`, `1G`, `500K` or `1000`.
///
/// # Errors
/// A message saying what a size looks like.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, mult) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let mult = match c.to_ascii_uppercase() {
                'K' => 1 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                'B' => 1,
                _ => return Err(format!("unknown size suffix in {s:?} (use K, M or G)")),
            };
            (&s[..i], mult)
        }
        _ => (s, 1),
    };
    digits
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("not a size: {s:?} (examples: 1000, 500K, 64M, 1G)"))
}

/// Parses a number in `0..=1`: a score, a similarity, a Jaccard threshold.
///
/// # Errors
/// A message saying what is expected.
pub fn parse_unit<T: std::str::FromStr + PartialOrd + From<u8>>(s: &str) -> Result<T, String> {
    match s.trim().parse::<T>() {
        Ok(x) if (T::from(0)..=T::from(1)).contains(&x) => Ok(x),
        _ => Err(format!("not a number between 0 and 1: {s:?} (example: 0.8)")),
    }
}

impl InputArgs {
    /// The reading options these flags describe.
    #[must_use]
    pub fn options(&self) -> InputOptions {
        InputOptions {
            fields: self.fields.fields(),
            strict: self.strict,
            skip_bad: self.skip_bad,
            max_bytes: self.max_bytes,
            max_articles: self.max_articles,
        }
    }
}

/// How many warnings of one kind are printed before the rest are only counted.
pub const WARNINGS_SHOWN: usize = 20;

/// The run context: decided once from the global flags.
#[derive(Debug, Clone)]
pub struct Context {
    /// Colour on standard output.
    pub color: bool,
    /// No warnings or progress.
    pub quiet: bool,
    /// Verbosity level.
    pub verbose: u8,
}

impl Context {
    /// The context for the given global flags.
    #[must_use]
    pub fn new(global: &super::GlobalArgs) -> Self {
        Self { color: output::color_enabled(global.color), quiet: global.quiet, verbose: global.verbose }
    }

    /// Prints a warning on stderr unless quiet.
    pub fn warn(&self, message: &str) {
        if !self.quiet {
            eprintln!("newsdiff: warning: {message}");
        }
    }

    /// Reads the articles named by `paths`, printing the batch's warnings.
    ///
    /// # Errors
    /// The first input error (see [`input::read_inputs`]); no article at all (every one skipped as bad).
    pub fn read(&self, paths: &[PathBuf], args: &InputArgs) -> anyhow::Result<Batch> {
        let batch = input::read_inputs(paths, &args.options())?;
        self.warn_input(&batch.warnings, batch.skipped);
        if batch.articles.is_empty() {
            anyhow::bail!("{}: no articles found", joined(paths));
        }
        Ok(batch)
    }

    /// Prints the warnings of reading the input (the first [`WARNINGS_SHOWN`], then how many more) and the
    /// number of bad articles or lines skipped.
    pub fn warn_input(&self, warnings: &[String], skipped: usize) {
        for w in warnings.iter().take(WARNINGS_SHOWN) {
            self.warn(w);
        }
        if warnings.len() > WARNINGS_SHOWN {
            self.warn(&format!("... and {} more warnings", warnings.len() - WARNINGS_SHOWN));
        }
        if skipped > 0 {
            let what = if skipped == 1 { "bad article or line" } else { "bad articles or lines" };
            self.warn(&format!("{skipped} {what} skipped"));
        }
    }

    /// A buffered writer on standard output.
    #[must_use]
    pub fn stdout(&self) -> BufWriter<io::StdoutLock<'static>> {
        BufWriter::with_capacity(64 * 1024, io::stdout().lock())
    }
}

/// The paths of the command line, for a message about all of them: `a.jsonl, b.jsonl`.
#[must_use]
pub fn joined(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

/// Flushes a writer, turning errors into `anyhow` errors (a broken pipe is recognised by the caller).
///
/// # Errors
/// The I/O error.
pub fn finish(mut w: impl Write) -> anyhow::Result<()> {
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("2g"), Ok(2 << 30));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5Q").is_err());
    }

    #[test]
    fn units() {
        assert_eq!(parse_unit::<f32>(" 0.25"), Ok(0.25));
        assert_eq!(parse_unit::<f64>("1"), Ok(1.0));
        assert_eq!(parse_unit::<f64>("0"), Ok(0.0));
        for bad in ["1.5", "-0.1", "NaN", "high", ""] {
            assert!(parse_unit::<f32>(bad).is_err(), "{bad}");
        }
    }
}
