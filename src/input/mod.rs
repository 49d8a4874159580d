//! Article input, shared by every subcommand: text files, directories, JSON Lines and standard input.
//!
//! A path may be:
//! - a text file (`.txt`, `.md`, or no extension): one article, with an optional `date YYYY-MM-DD` line and a
//!   title line ([`Article::from_text`] describes the rules);
//! - a directory: every article file below it, in sorted order; hidden and binary files are skipped with a
//!   warning;
//! - a JSON Lines file (`.jsonl`, `.ndjson`): one article per line, fields chosen by [`Fields`];
//! - `-`: standard input, read as JSON Lines when its first character is `{`, as one text article otherwise.
//!
//! Reading never panics on what a user can give it: every failure is an [`InputError`] that names the file
//! (and line). Invalid UTF-8 is decoded lossily with a warning unless [`InputOptions::strict`] is set.

pub mod decode;
pub mod jsonl;
pub mod pairs;
pub mod positioned;
pub mod stream;

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use crate::article::{Article, Origin};
pub use jsonl::Fields;

/// Default per-article size limit: 64 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Default limit on the number of articles read: 10 million.
pub const DEFAULT_MAX_ARTICLES: usize = 10_000_000;

/// Everything that can go wrong while reading articles.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The path does not exist.
    #[error("{path}: no such file or directory")]
    NotFound {
        /// The path.
        path: String,
    },
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Standard input could not be read.
    #[error("-: cannot read standard input")]
    Stdin {
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file (or JSONL line) is larger than the limit.
    #[error("{path}: {size} bytes is over the limit of {limit} bytes per article (raise it with --max-bytes)")]
    TooLarge {
        /// The path, with the line for JSONL.
        path: String,
        /// The size found.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The file holds NUL bytes and is not text.
    #[error("{path}: looks binary (NUL byte at offset {offset}); not an article")]
    Binary {
        /// The path.
        path: String,
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// Invalid UTF-8 under `--strict`.
    #[error("{path}: invalid UTF-8 ({count} bad bytes); drop --strict to decode it lossily")]
    InvalidUtf8 {
        /// The path.
        path: String,
        /// Number of invalid bytes.
        count: usize,
    },
    /// The file has no text.
    #[error("{path}: empty file")]
    Empty {
        /// The path.
        path: String,
    },
    /// A JSONL line is not a JSON object.
    #[error("{path}:{line}: invalid JSON: {message}")]
    Json {
        /// The path.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What the JSON parser said.
        message: String,
    },
    /// A JSONL line has no text field.
    #[error("{path}:{line}: no text field (looked for {fields}; choose one with --text-field)")]
    MissingText {
        /// The path.
        path: String,
        /// 1-based line number.
        line: usize,
        /// The field names tried.
        fields: String,
    },
    /// More articles than `--max-articles`.
    #[error("more than {limit} articles (raise the limit with --max-articles)")]
    TooMany {
        /// The limit.
        limit: usize,
    },
    /// A directory walk failed (for example a symlink loop).
    #[error("{path}: {message}")]
    Walk {
        /// The path.
        path: String,
        /// What went wrong.
        message: String,
    },
}

impl InputError {
    /// True for errors about one article or line, which `--skip-bad` may skip.
    #[must_use]
    pub fn is_skippable(&self) -> bool {
        !matches!(self, Self::TooMany { .. } | Self::NotFound { .. })
    }
}

/// How articles are read.
#[derive(Debug, Clone)]
pub struct InputOptions {
    /// JSONL field names.
    pub fields: Fields,
    /// Refuse invalid UTF-8 instead of decoding it lossily.
    pub strict: bool,
    /// Skip bad articles and JSONL lines (counting them) instead of stopping.
    pub skip_bad: bool,
    /// Largest article in bytes (a text file, or a JSONL line).
    pub max_bytes: u64,
    /// Most articles to read.
    pub max_articles: usize,
}

impl Default for InputOptions {
    fn default() -> Self {
        Self {
            fields: Fields::default(),
            strict: false,
            skip_bad: false,
            max_bytes: DEFAULT_MAX_BYTES,
            max_articles: DEFAULT_MAX_ARTICLES,
        }
    }
}

/// Articles read from the command line's paths, with what was worth a warning.
#[derive(Debug, Default)]
pub struct Batch {
    /// The articles, in input order.
    pub articles: Vec<Article>,
    /// Warnings: skipped files, lossy decoding, skipped bad lines.
    pub warnings: Vec<String>,
    /// How many articles or lines were skipped as bad (with `--skip-bad`).
    pub skipped: usize,
}

impl Batch {
    fn absorb(&mut self, other: Batch) {
        self.articles.extend(other.articles);
        self.warnings.extend(other.warnings);
        self.skipped += other.skipped;
    }

    /// Records an error: skipped and counted with `--skip-bad`, returned otherwise.
    fn fail(&mut self, err: InputError, opts: &InputOptions) -> Result<(), InputError> {
        if opts.skip_bad && err.is_skippable() {
            self.warnings.push(format!("skipped {err}"));
            self.skipped += 1;
            Ok(())
        } else {
            Err(err)
        }
    }
}

/// The kind of input a path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// A text article.
    Text,
    /// A JSON Lines file.
    Jsonl,
}

/// Classifies a file by its extension; `None` for files that are not articles.
#[must_use]
pub fn path_kind(path: &Path) -> Option<PathKind> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        None | Some("txt" | "md" | "text" | "markdown") => Some(PathKind::Text),
        Some("jsonl" | "ndjson") => Some(PathKind::Jsonl),
        Some(_) => None,
    }
}

/// Reads every article named by `paths` (files, directories, JSONL, `-`), in order.
///
/// # Errors
/// The first [`InputError`], unless `opts.skip_bad` lets it be skipped.
pub fn read_inputs(paths: &[PathBuf], opts: &InputOptions) -> Result<Batch, InputError> {
    let mut batch = Batch::default();
    for path in paths {
        let part = read_path(path, opts)?;
        batch.absorb(part);
        if batch.articles.len() > opts.max_articles {
            return Err(InputError::TooMany { limit: opts.max_articles });
        }
    }
    Ok(batch)
}

/// The whole content of a file, or of standard input for `-`: for inputs that are not articles (claim pairs,
/// name lists).
///
/// # Errors
/// [`InputError::NotFound`], [`InputError::Io`] or [`InputError::Stdin`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    if path.as_os_str() == "-" {
        return read_stdin_bytes();
    }
    std::fs::read(path).map_err(|e| io_error(&path.display().to_string(), e))
}

/// All of standard input.
fn read_stdin_bytes() -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    std::io::stdin().lock().read_to_end(&mut bytes).map_err(|source| InputError::Stdin { source })?;
    Ok(bytes)
}

/// An I/O error on the file `display`: [`InputError::NotFound`] when it does not exist.
pub(crate) fn io_error(display: &str, e: std::io::Error) -> InputError {
    match e.kind() {
        std::io::ErrorKind::NotFound => InputError::NotFound { path: display.to_string() },
        _ => InputError::Io { path: display.to_string(), source: e },
    }
}

fn read_path(path: &Path, opts: &InputOptions) -> Result<Batch, InputError> {
    if path.as_os_str() == "-" {
        return read_stdin(opts);
    }
    let display = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| io_error(&display, e))?;
    if meta.is_dir() {
        return read_dir(path, opts);
    }
    let mut batch = Batch::default();
    let kind = path_kind(path).unwrap_or(PathKind::Text);
    match read_file(path, kind, opts, false) {
        Ok(part) => batch.absorb(part),
        Err(e) => batch.fail(e, opts)?,
    }
    Ok(batch)
}

fn read_dir(dir: &Path, opts: &InputOptions) -> Result<Batch, InputError> {
    let mut batch = Batch::default();
    let files = list_dir(dir, &mut batch.warnings);
    let results: Vec<Result<Batch, InputError>> =
        files.par_iter().map(|(path, kind)| read_file(path, *kind, opts, true)).collect();
    for result in results {
        match result {
            Ok(part) => batch.absorb(part),
            Err(e @ (InputError::Binary { .. } | InputError::Empty { .. })) => {
                batch.warnings.push(format!("skipped {e}"));
            }
            Err(e) => batch.fail(e, opts)?,
        }
        if batch.articles.len() > opts.max_articles {
            return Err(InputError::TooMany { limit: opts.max_articles });
        }
    }
    Ok(batch)
}

/// The article files below `dir`, sorted, with warnings for what is skipped (hidden, not articles, walk errors).
pub(crate) fn list_dir(dir: &Path, warnings: &mut Vec<String>) -> Vec<(PathBuf, PathKind)> {
    let mut files = Vec::new();
    let mut hidden = Vec::new();
    let walker = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
        let is_hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
        if is_hidden {
            hidden.push(e.path().display().to_string());
        }
        !is_hidden
    });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => match path_kind(entry.path()) {
                Some(kind) => files.push((entry.into_path(), kind)),
                None => warnings.push(format!("skipped {}: not an article file", entry.path().display())),
            },
            Ok(_) => {}
            Err(e) => {
                let path = e.path().map_or_else(|| dir.display().to_string(), |p| p.display().to_string());
                let message = if e.loop_ancestor().is_some() {
                    "symlink loop, skipped".to_string()
                } else {
                    e.io_error().map_or_else(|| e.to_string(), ToString::to_string)
                };
                warnings.push(format!("skipped {path}: {message}"));
            }
        }
    }
    warnings.extend(hidden.into_iter().map(|path| format!("skipped {path}: hidden")));
    files
}

fn stem_of(path: &Path) -> String {
    path.file_stem().map_or_else(|| "stdin".to_string(), |s| s.to_string_lossy().into_owned())
}

fn read_file(path: &Path, kind: PathKind, opts: &InputOptions, in_dir: bool) -> Result<Batch, InputError> {
    let display = path.display().to_string();
    let io = |e: std::io::Error| io_error(&display, e);
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if kind == PathKind::Text && size > opts.max_bytes {
        return Err(InputError::TooLarge { path: display, size, limit: opts.max_bytes });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).min(1 << 30));
    // Read one byte past the limit so that a file that grew after `metadata` is still caught.
    let cap = if kind == PathKind::Text { opts.max_bytes.saturating_add(1) } else { u64::MAX };
    file.take(cap).read_to_end(&mut bytes).map_err(io)?;
    let _ = in_dir;
    match kind {
        PathKind::Text => read_text_bytes(&bytes, &display, &stem_of(path), opts),
        PathKind::Jsonl => read_jsonl_bytes(&bytes, &display, &stem_of(path), opts),
    }
}

fn read_stdin(opts: &InputOptions) -> Result<Batch, InputError> {
    let bytes = read_stdin_bytes()?;
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        read_jsonl_bytes(&bytes, "-", "stdin", opts)
    } else {
        read_text_bytes(&bytes, "-", "stdin", opts)
    }
}

fn decode_checked(
    bytes: &[u8],
    path: &str,
    opts: &InputOptions,
    warnings: &mut Vec<String>,
) -> Result<String, InputError> {
    let decoded = decode::decode(bytes);
    if !decoded.utf16
        && let Some(offset) = decode::first_nul(bytes)
    {
        return Err(InputError::Binary { path: path.to_string(), offset });
    }
    if decoded.replaced > 0 {
        if opts.strict {
            return Err(InputError::InvalidUtf8 { path: path.to_string(), count: decoded.replaced });
        }
        warnings.push(format!("{path}: invalid UTF-8, {} bytes replaced by U+FFFD", decoded.replaced));
    }
    Ok(decoded.text.into_owned())
}

fn read_text_bytes(bytes: &[u8], path: &str, stem: &str, opts: &InputOptions) -> Result<Batch, InputError> {
    if bytes.len() as u64 > opts.max_bytes {
        return Err(InputError::TooLarge { path: path.to_string(), size: bytes.len() as u64, limit: opts.max_bytes });
    }
    let mut batch = Batch::default();
    let text = decode_checked(bytes, path, opts, &mut batch.warnings)?;
    if text.trim_matches(|c: char| c.is_whitespace() || decode_invisible(c)).is_empty() {
        return Err(InputError::Empty { path: path.to_string() });
    }
    let origin = Origin { path: path.to_string(), line: None };
    batch.articles.push(crate::article::text::parse_text_article(stem, stem, text.into(), origin));
    Ok(batch)
}

fn decode_invisible(c: char) -> bool {
    crate::normalize::fold::is_invisible(c)
}

/// Splits JSONL bytes into `(line number, line)` pairs, skipping blank lines.
fn jsonl_lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix(b"\r").unwrap_or(l)))
        .filter(|(_, l)| l.iter().any(|b| !b.is_ascii_whitespace()))
}

fn read_jsonl_bytes(bytes: &[u8], path: &str, stem: &str, opts: &InputOptions) -> Result<Batch, InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let lines: Vec<(usize, &[u8])> = jsonl_lines(bytes).collect();
    if lines.is_empty() {
        return Err(InputError::Empty { path: path.to_string() });
    }
    if lines.len() > opts.max_articles {
        return Err(InputError::TooMany { limit: opts.max_articles });
    }
    let parsed: Vec<(Result<Article, InputError>, Vec<String>)> = lines
        .par_iter()
        .with_min_len(64)
        .map(|&(line_no, line)| {
            let mut warnings = Vec::new();
            let result = parse_jsonl_bytes(line, path, line_no, stem, opts, &mut warnings);
            (result, warnings)
        })
        .collect();
    let mut batch = Batch::default();
    for (result, warnings) in parsed {
        batch.warnings.extend(warnings);
        match result {
            Ok(article) => batch.articles.push(article),
            Err(e) => batch.fail(e, opts)?,
        }
    }
    Ok(batch)
}

/// Parses one JSONL line given as bytes: size limit, decoding and field extraction.
///
/// # Errors
/// Any [`InputError`] about this line; the message names `path` and `line_no`.
pub fn parse_jsonl_bytes(
    line: &[u8],
    path: &str,
    line_no: usize,
    stem: &str,
    opts: &InputOptions,
    warnings: &mut Vec<String>,
) -> Result<Article, InputError> {
    let at = || format!("{path}:{line_no}");
    if line.len() as u64 > opts.max_bytes {
        return Err(InputError::TooLarge { path: at(), size: line.len() as u64, limit: opts.max_bytes });
    }
    let text = match std::str::from_utf8(line) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => std::borrow::Cow::Owned(decode_checked(line, &at(), opts, warnings)?),
    };
    jsonl::parse_line(&text, path, line_no, stem, &opts.fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_bad_line_is_named_or_skipped() {
        let data = b"{\"text\":\"One.\"}\n\nnot json\n{\"text\":\"Two.\"}\n";
        let err = read_jsonl_bytes(data, "b.jsonl", "b", &InputOptions::default()).unwrap_err();
        assert_eq!(err.to_string().split(':').take(2).collect::<Vec<_>>(), ["b.jsonl", "3"]);
        let opts = InputOptions { skip_bad: true, ..InputOptions::default() };
        let batch = read_jsonl_bytes(data, "b.jsonl", "b", &opts).unwrap();
        assert_eq!(batch.articles.len(), 2);
        assert_eq!(batch.skipped, 1);
        assert_eq!(batch.articles[1].origin.line, Some(4));
    }

    #[test]
    fn text_limits_and_binary() {
        let opts = InputOptions { max_bytes: 4, ..InputOptions::default() };
        assert!(matches!(read_text_bytes(b"Hello.", "h.txt", "h", &opts), Err(InputError::TooLarge { .. })));
        let d = InputOptions::default();
        assert!(matches!(read_text_bytes(b"He\0llo", "h.txt", "h", &d), Err(InputError::Binary { offset: 2, .. })));
        assert!(matches!(read_text_bytes(b" \n\n", "h.txt", "h", &d), Err(InputError::Empty { .. })));
        let strict = InputOptions { strict: true, ..InputOptions::default() };
        assert!(matches!(
            read_text_bytes(b"Caf\xE9.", "h.txt", "h", &strict),
            Err(InputError::InvalidUtf8 { count: 1, .. })
        ));
        let lossy = read_text_bytes(b"Caf\xE9.", "h.txt", "h", &d).unwrap();
        assert_eq!(lossy.warnings.len(), 1);
    }

    #[test]
    fn path_kinds() {
        assert_eq!(path_kind(Path::new("a/b.txt")), Some(PathKind::Text));
        assert_eq!(path_kind(Path::new("a/b")), Some(PathKind::Text));
        assert_eq!(path_kind(Path::new("a/b.NDJSON")), Some(PathKind::Jsonl));
        assert_eq!(path_kind(Path::new("a/b.png")), None);
    }
}
