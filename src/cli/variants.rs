//! `newsdiff variants`: names spelled differently across and within sources, a name index, a house-style
//! linter, and grouping of a plain list of names.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use super::common::finish;
use super::progress::{Counting, progress_bar};
use super::{Context, EXIT_DIFFERENT, EXIT_SAME, InputArgs};
use newsdiff::names::mentions::{MentionExtractor, Mentions};
use newsdiff::names::style::HouseStyle;
use newsdiff::names::{VariantIndex, group_names};
use newsdiff::normalize::Normalizer;
use newsdiff::render::variants::{
    View, render_csv, render_departures_csv, render_departures_human, render_human, render_json,
};

/// Arguments of `newsdiff variants`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  newsdiff variants seeds/\n  newsdiff variants --json seeds/ | jq '.groups[0]'\n  \
newsdiff variants --style house-style.tsv articles/\n  newsdiff variants --names names.tsv\n\n\
Exit status: 0 success, 1 house-style departures found (--style), 2 trouble."
)]
pub struct Args {
    /// Articles: text files, directories, JSONL files, or - for standard input.
    #[arg(value_name = "PATH", required_unless_present = "names", conflicts_with = "names")]
    pub paths: Vec<PathBuf>,
    /// Group a plain list of names instead of articles: one name per line, optionally followed by a tab and a
    /// count (- for standard input).
    #[arg(long, value_name = "FILE")]
    pub names: Option<PathBuf>,
    /// Also list names that have a single spelling (a name index of the inputs).
    #[arg(long)]
    pub all: bool,
    /// Hide names mentioned fewer than N times, all spellings together (singletons with 2).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub min_count: u64,
    /// House style (TSV: preferred spelling, then the variants it replaces): report every mention that departs
    /// from it, with file, line and span; exit status 1 when any does.
    #[arg(long, value_name = "FILE", conflicts_with = "names")]
    pub style: Option<PathBuf>,
    /// Print one JSON document (schema in docs/json.md).
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV: one row per form and source (or per departure, with --style).
    #[arg(long)]
    pub csv: bool,
    /// Input options.
    #[command(flatten)]
    pub input: InputArgs,
}

/// Runs `newsdiff variants`.
///
/// # Errors
/// Input errors (articles, name list, style file) and I/O errors on standard output.
pub fn run(args: &Args, ctx: &Context) -> anyhow::Result<u8> {
    if let Some(path) = &args.names {
        return run_names(args, ctx, path);
    }
    let style = args.style.as_deref().map(HouseStyle::from_path).transpose()?;
    let started = Instant::now();
    let batch = ctx.read(&args.paths, &args.input)?;
    let read = started.elapsed();
    let normalizer = Normalizer::new();
    let extractor = MentionExtractor::new();
    let mut builder = VariantIndex::builder();
    // Progress on standard error (only on a terminal): articles as their names are found, then the grouping.
    let bar = progress_bar(ctx, batch.articles.len() as u64, Counting::Steps);
    bar.set_message("finding names");
    // Normalize and extract in parallel, chunk by chunk, so that only the mentions are kept in memory.
    for chunk in batch.articles.chunks(2048) {
        let found: Vec<Mentions> = chunk
            .par_iter()
            .map(|a| {
                let m = extractor.extract(&a.text, &normalizer.normalize(a));
                bar.inc(1);
                m
            })
            .collect();
        for (article, mentions) in chunk.iter().zip(found) {
            builder.add(article, mentions);
        }
    }
    let articles = batch.articles.len();
    drop(batch);
    let extracted = started.elapsed();
    bar.set_message("grouping names");
    let mut index = builder.finish();
    bar.finish_and_clear();
    if ctx.verbose > 0 && !ctx.quiet {
        let total = started.elapsed();
        eprintln!(
            "newsdiff: {articles} articles read in {:.2}s, names found in {:.2}s, {} names grouped in {:.2}s",
            read.as_secs_f64(),
            (extracted - read).as_secs_f64(),
            index.groups().len(),
            (total - extracted).as_secs_f64()
        );
    }
    let view = View { articles: index.articles(), all: args.all, min_count: args.min_count, color: ctx.color };
    let mut out = ctx.stdout();
    let Some(style) = style else {
        if args.json {
            render_json(&mut out, index.groups(), None, &view)?;
        } else if args.csv {
            render_csv(&mut out, index.groups(), &view)?;
        } else {
            render_human(&mut out, index.groups(), &view)?;
        }
        finish(out)?;
        return Ok(EXIT_SAME);
    };
    index.apply_style(&style);
    let departures = style.check(&index);
    let view = View { articles: index.articles(), all: args.all, min_count: args.min_count, color: ctx.color };
    if args.json {
        render_json(&mut out, index.groups(), Some(&departures), &view)?;
    } else if args.csv {
        render_departures_csv(&mut out, &departures, &view)?;
    } else {
        render_departures_human(&mut out, &departures, &view)?;
    }
    finish(out)?;
    Ok(if departures.is_empty() { EXIT_SAME } else { EXIT_DIFFERENT })
}

fn run_names(args: &Args, ctx: &Context, path: &Path) -> anyhow::Result<u8> {
    let names = read_names(path)?;
    let refs: Vec<(&str, u64)> = names.iter().map(|(n, c)| (n.as_str(), *c)).collect();
    let groups = group_names(&refs);
    let view = View { articles: &[], all: args.all, min_count: args.min_count, color: ctx.color };
    let mut out = ctx.stdout();
    if args.json {
        render_json(&mut out, &groups, None, &view)?;
    } else if args.csv {
        render_csv(&mut out, &groups, &view)?;
    } else {
        render_human(&mut out, &groups, &view)?;
    }
    finish(out)?;
    Ok(EXIT_SAME)
}

/// Reads a name list: one name per line, optionally a tab and a count; a first line whose count column is
/// not a number is a header. Blank lines and lines starting with `#` are skipped.
///
/// # Errors
/// A message naming the file and line.
pub fn read_names(path: &Path) -> anyhow::Result<Vec<(String, u64)>> {
    let bytes = newsdiff::input::read_bytes(path)?;
    parse_names(&bytes, &path.display().to_string())
}

/// Parses the bytes of a name list (see [`read_names`]); `path` names it in errors.
///
/// # Errors
/// A message naming the file and line: invalid UTF-8, a binary file, a count that is not a whole number.
pub fn parse_names(bytes: &[u8], path: &str) -> anyhow::Result<Vec<(String, u64)>> {
    if let Some(offset) = memchr::memchr(0, bytes) {
        anyhow::bail!("{path}: looks binary (NUL byte at offset {offset}); not a name list");
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
        anyhow::anyhow!("{path}:{line}: invalid UTF-8")
    })?;
    let mut names = Vec::new();
    for (i, raw) in text.trim_start_matches('\u{FEFF}').lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (name, count) = match raw.split_once('\t') {
            Some((name, rest)) => {
                let count_field = rest.rsplit('\t').next().unwrap_or("").trim();
                match count_field.parse::<u64>() {
                    Ok(n) => (name.trim(), n),
                    Err(_) if count_field.is_empty() => (name.trim(), 1),
                    Err(_) if line == 1 => continue,
                    Err(_) => anyhow::bail!(
                        "{path}:{line}: count {count_field:?} is not a whole number (each line: name, then optionally a tab and a count)"
                    ),
                }
            }
            None => (trimmed, 1),
        };
        if name.is_empty() {
            anyhow::bail!("{path}:{line}: empty name before the tab");
        }
        names.push((name.to_string(), count));
    }
    if names.is_empty() {
        anyhow::bail!("{path}: no names (one name per line, optionally a tab and a count)");
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_lists_parse_counts_headers_and_errors() {
        let names = parse_names(b"latin\tcount\nsergei\t3\nsergey\n\n# note\nserhiy\t\n", "n.tsv").unwrap();
        assert_eq!(names, [("sergei".into(), 3), ("sergey".into(), 1), ("serhiy".into(), 1)]);
        let err = parse_names(b"a\t1\nb\tmany\n", "n.tsv").unwrap_err().to_string();
        assert!(err.starts_with("n.tsv:2: count \"many\""), "{err}");
        assert!(parse_names(b"\n# nothing\n", "n.tsv").unwrap_err().to_string().contains("no names"));
        assert!(parse_names(b"a\xff\n", "n.tsv").unwrap_err().to_string().starts_with("n.tsv:1: invalid UTF-8"));
        assert!(parse_names(b"\tcount\n\t3\n", "n.tsv").unwrap_err().to_string().starts_with("n.tsv:2: empty name"));
    }
}
