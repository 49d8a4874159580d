//! Article input, shared by every subcommand: text files, directories, JSON Lines and standard input.
//!
//! A path may be:
//! - a text file (`.txt`, `.md`, or no extension): one article, with an optional header block of a title line
//!   and `date`, `source` and `url` lines ([`Article::from_text`] describes the rules);
//! - a directory: every article file below it, in sorted order; hidden and binary files are skipped with a
//!   warning. A file at least one folder below the directory takes its source from the first folder under it
//!   (`day/fox/a.txt` read as `day/` has source `fox`) unless it names its own, and its path below the
//!   directory without the extension as its id (`fox/a`), so that `fox/a.txt` and `nyt/a.txt` stay apart;
//! - a JSON Lines file (`.jsonl`, `.ndjson`): one article per line, fields chosen by [`Fields`];
//! - a JSON file (`.json`): one article object, or an array of them, read like JSON Lines (inside a
//!   directory, a `.json` file that holds no article objects is skipped with a warning);
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
    #[error("{path}: invalid UTF-8 ({count} bad {}); drop --strict to decode it lossily", if *count == 1 { "byte" } else { "bytes" })]
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
    /// A directory named on the command line holds no article.
    #[error("{path}: no articles found{detail}")]
    NoArticles {
        /// The directory.
        path: String,
        /// What was skipped, when anything was (`" (3 files skipped)"`).
        detail: String,
    },
    /// A `.json` file is neither an article object nor an array of article objects.
    #[error("{path}: {message}")]
    NotArticles {
        /// The path, with the line of the offending element when known.
        path: String,
        /// What was found instead.
        message: String,
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
        !matches!(self, Self::TooMany { .. } | Self::NotFound { .. } | Self::NoArticles { .. })
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
    /// A JSON file: one article object or an array of them.
    Json,
}

/// Classifies a file by its extension; `None` for files that are not articles.
#[must_use]
pub fn path_kind(path: &Path) -> Option<PathKind> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        None | Some("txt" | "md" | "text" | "markdown") => Some(PathKind::Text),
        Some("jsonl" | "ndjson") => Some(PathKind::Jsonl),
        Some("json") => Some(PathKind::Json),
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
    match read_file(path, kind, opts, None) {
        Ok(part) => batch.absorb(part),
        Err(e) => batch.fail(e, opts)?,
    }
    Ok(batch)
}

fn read_dir(dir: &Path, opts: &InputOptions) -> Result<Batch, InputError> {
    let mut batch = Batch::default();
    let files = list_dir(dir, &mut batch.warnings);
    let results: Vec<Result<Batch, InputError>> =
        files.par_iter().map(|f| read_file(&f.path, f.kind, opts, f.outlet.as_ref())).collect();
    for result in results {
        match result {
            Ok(part) => batch.absorb(part),
            Err(e) if skipped_in_dir(&e) => batch.warnings.push(format!("skipped {e}")),
            Err(e) => batch.fail(e, opts)?,
        }
        if batch.articles.len() > opts.max_articles {
            return Err(InputError::TooMany { limit: opts.max_articles });
        }
    }
    if batch.articles.is_empty() {
        return Err(no_articles(dir, batch.warnings.len()));
    }
    Ok(batch)
}

/// Errors that only skip a file found inside a directory (with a warning): it is not an article.
pub(crate) fn skipped_in_dir(e: &InputError) -> bool {
    matches!(e, InputError::Binary { .. } | InputError::Empty { .. } | InputError::NotArticles { .. })
}

/// The error for a directory that gave no article, saying how many files were skipped.
pub(crate) fn no_articles(dir: &Path, skipped: usize) -> InputError {
    let detail = match skipped {
        0 => String::new(),
        1 => " (1 file skipped)".to_string(),
        n => format!(" ({n} files skipped)"),
    };
    InputError::NoArticles { path: dir.display().to_string(), detail }
}

/// A file found below a directory named on the command line.
#[derive(Debug)]
pub(crate) struct Listed {
    /// Its path.
    pub path: PathBuf,
    /// How it is read.
    pub kind: PathKind,
    /// For a file in an outlet folder (see [`outlet_folder`]): its id and its outlet.
    pub outlet: Option<Outlet>,
}

/// How a file in an outlet folder names its articles: `day/fox/a.txt` read as `day/` is article `fox/a` of
/// source `fox` (unless the article names its own source).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Outlet {
    /// The file's path below the named directory, without its extension, with `/` between folders.
    pub id: String,
    /// The first folder below the named directory.
    pub source: String,
}

/// The outlet folder of a file found below `dir`: the first folder under `dir` on its path, when the file is
/// not directly in `dir` (`day/fox/a.txt` below `day` gives `fox`; `day/a.txt` gives none).
fn outlet_folder(dir: &Path, path: &Path) -> Option<Outlet> {
    let rel = path.strip_prefix(dir).ok()?;
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.len() < 2 {
        return None; // directly in `dir`: no outlet folder
    }
    let folders = &parts[..parts.len() - 1];
    let id = format!("{}/{}", folders.join("/"), stem_of(path));
    Some(Outlet { id, source: parts[0].clone() })
}

/// The article files below `dir`, sorted, with warnings for what is skipped (hidden, not articles, walk errors).
pub(crate) fn list_dir(dir: &Path, warnings: &mut Vec<String>) -> Vec<Listed> {
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
                Some(kind) => {
                    let outlet = outlet_folder(dir, entry.path());
                    files.push(Listed { path: entry.into_path(), kind, outlet });
                }
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

/// Reads one file; `outlet` names its articles when it sits in an outlet folder.
fn read_file(path: &Path, kind: PathKind, opts: &InputOptions, outlet: Option<&Outlet>) -> Result<Batch, InputError> {
    let display = path.display().to_string();
    let io = |e: std::io::Error| io_error(&display, e);
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    // Text and JSON files are read whole, so they are held to the per-article limit; JSONL is per line.
    let whole = kind != PathKind::Jsonl;
    if whole && size > opts.max_bytes {
        return Err(InputError::TooLarge { path: display, size, limit: opts.max_bytes });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).min(1 << 30));
    // Read one byte past the limit so that a file that grew after `metadata` is still caught.
    let cap = if whole { opts.max_bytes.saturating_add(1) } else { u64::MAX };
    file.take(cap).read_to_end(&mut bytes).map_err(io)?;
    let (stem, source) = match outlet {
        Some(o) => (o.id.clone(), o.source.as_str()),
        None => (stem_of(path), ""),
    };
    let source = if source.is_empty() { &stem } else { source };
    match kind {
        PathKind::Text => read_text_bytes(&bytes, &display, &stem, source, opts),
        PathKind::Jsonl => read_jsonl_bytes(&bytes, &display, &stem, source, opts),
        PathKind::Json => read_json_bytes(&bytes, &display, &stem, source, opts),
    }
}

fn read_stdin(opts: &InputOptions) -> Result<Batch, InputError> {
    let bytes = read_stdin_bytes()?;
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        read_jsonl_bytes(&bytes, "-", "stdin", "stdin", opts)
    } else {
        read_text_bytes(&bytes, "-", "stdin", "stdin", opts)
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
        let bytes = if decoded.replaced == 1 { "byte" } else { "bytes" };
        warnings.push(format!("{path}: invalid UTF-8, {} {bytes} replaced by U+FFFD", decoded.replaced));
    }
    Ok(decoded.text.into_owned())
}

/// One text article from a file's bytes: `stem` is its id, `source` its source unless its header names one.
fn read_text_bytes(
    bytes: &[u8],
    path: &str,
    stem: &str,
    source: &str,
    opts: &InputOptions,
) -> Result<Batch, InputError> {
    if bytes.len() as u64 > opts.max_bytes {
        return Err(InputError::TooLarge { path: path.to_string(), size: bytes.len() as u64, limit: opts.max_bytes });
    }
    let mut batch = Batch::default();
    let text = decode_checked(bytes, path, opts, &mut batch.warnings)?;
    if text.trim_matches(|c: char| c.is_whitespace() || crate::normalize::fold::is_invisible(c)).is_empty() {
        return Err(InputError::Empty { path: path.to_string() });
    }
    let origin = Origin { path: path.to_string(), line: None };
    batch.articles.push(crate::article::text::parse_text_article(stem, source, text.into(), origin));
    Ok(batch)
}

/// Splits JSONL bytes into `(line number, line)` pairs, skipping blank lines.
fn jsonl_lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix(b"\r").unwrap_or(l)))
        .filter(|(_, l)| l.iter().any(|b| !b.is_ascii_whitespace()))
}

fn read_jsonl_bytes(
    bytes: &[u8],
    path: &str,
    stem: &str,
    source: &str,
    opts: &InputOptions,
) -> Result<Batch, InputError> {
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
            let result = parse_jsonl_as(line, path, line_no, (stem, source), opts, &mut warnings);
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
    parse_jsonl_as(line, path, line_no, (stem, stem), opts, warnings)
}

/// [`parse_jsonl_bytes`] with `(stem, source)`: the source of an article without a source field.
pub(crate) fn parse_jsonl_as(
    line: &[u8],
    path: &str,
    line_no: usize,
    (stem, source): (&str, &str),
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
    jsonl::parse_line_as(&text, path, line_no, stem, source, &opts.fields)
}

/// One object of a `.json` file: its line, its byte offset in the file, and its bytes.
pub(crate) type Element<'b> = (usize, usize, &'b [u8]);

/// The article objects of a `.json` file, each as `(line, byte offset, bytes)`: the file's one object, or the
/// elements of its top-level array.
///
/// # Errors
/// [`InputError::Json`] for invalid JSON, [`InputError::NotArticles`] for any other top-level value or an
/// array element that is not an object, [`InputError::Empty`] for an empty file or array.
pub(crate) fn json_elements<'b>(bytes: &'b [u8], path: &str) -> Result<Vec<Element<'b>>, InputError> {
    use serde_json::value::RawValue;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let skipped = bytes.len() - body.len();
    let text = std::str::from_utf8(body).map_err(|e| {
        let line = 1 + body[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
        InputError::Json { path: path.to_string(), line, message: "invalid UTF-8".into() }
    })?;
    if text.trim().is_empty() {
        return Err(InputError::Empty { path: path.to_string() });
    }
    let json_err =
        |e: serde_json::Error| InputError::Json { path: path.to_string(), line: e.line(), message: e.to_string() };
    let raw: &RawValue = serde_json::from_str(text).map_err(json_err)?;
    // Line and byte offset of a value inside `text` (it borrows from it).
    fn placed<'t>(text: &'t str, skipped: usize, r: &'t RawValue) -> (usize, usize, &'t [u8]) {
        let offset = r.get().as_ptr() as usize - text.as_ptr() as usize;
        let line = 1 + text.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count();
        (line, skipped + offset, r.get().as_bytes())
    }
    let place = |r: &'b RawValue| placed(text, skipped, r);
    let not_articles = |line: usize, what: &str| InputError::NotArticles {
        path: format!("{path}:{line}"),
        message: format!("{what}, not an article object (a .json file holds one object or an array of objects)"),
    };
    match raw.get().as_bytes().first() {
        Some(b'{') => Ok(vec![place(raw)]),
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(raw.get()).map_err(json_err)?;
            if items.is_empty() {
                return Err(InputError::NotArticles { path: path.to_string(), message: "an empty array".into() });
            }
            items
                .into_iter()
                .map(|item| {
                    let placed = place(item);
                    if placed.2.first() == Some(&b'{') {
                        Ok(placed)
                    } else {
                        Err(not_articles(placed.0, json_kind(placed.2)))
                    }
                })
                .collect()
        }
        _ => Err(not_articles(1, json_kind(raw.get().as_bytes()))),
    }
}

/// What a JSON value is, from its first byte, for messages.
fn json_kind(value: &[u8]) -> &'static str {
    match value.first() {
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// The articles of a `.json` file (see [`json_elements`]), each parsed like a JSONL line; a `.json` file whose
/// objects have no text field is not an article file.
fn read_json_bytes(
    bytes: &[u8],
    path: &str,
    stem: &str,
    source: &str,
    opts: &InputOptions,
) -> Result<Batch, InputError> {
    let elements = json_elements(bytes, path)?;
    if elements.len() > opts.max_articles {
        return Err(InputError::TooMany { limit: opts.max_articles });
    }
    let mut batch = Batch::default();
    let mut parsed = Vec::with_capacity(elements.len());
    for &(line, _, element) in &elements {
        parsed.push(parse_jsonl_as(element, path, line, (stem, source), opts, &mut batch.warnings));
    }
    if parsed.iter().all(|r| matches!(r, Err(InputError::MissingText { .. }))) {
        return Err(InputError::NotArticles {
            path: path.to_string(),
            message: format!("no article objects (no text field: looked for {})", opts.fields.text.join(", ")),
        });
    }
    for result in parsed {
        match result {
            Ok(article) => batch.articles.push(article),
            Err(e) => batch.fail(e, opts)?,
        }
    }
    Ok(batch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_bad_line_is_named_or_skipped() {
        let data = b"{\"text\":\"One.\"}\n\nnot json\n{\"text\":\"Two.\"}\n";
        let err = read_jsonl_bytes(data, "b.jsonl", "b", "b", &InputOptions::default()).unwrap_err();
        assert_eq!(err.to_string().split(':').take(2).collect::<Vec<_>>(), ["b.jsonl", "3"]);
        let opts = InputOptions { skip_bad: true, ..InputOptions::default() };
        let batch = read_jsonl_bytes(data, "b.jsonl", "b", "b", &opts).unwrap();
        assert_eq!(batch.articles.len(), 2);
        assert_eq!(batch.skipped, 1);
        assert_eq!(batch.articles[1].origin.line, Some(4));
    }

    #[test]
    fn text_limits_and_binary() {
        let opts = InputOptions { max_bytes: 4, ..InputOptions::default() };
        assert!(matches!(read_text_bytes(b"Hello.", "h.txt", "h", "h", &opts), Err(InputError::TooLarge { .. })));
        let d = InputOptions::default();
        assert!(matches!(
            read_text_bytes(b"He\0llo", "h.txt", "h", "h", &d),
            Err(InputError::Binary { offset: 2, .. })
        ));
        assert!(matches!(read_text_bytes(b" \n\n", "h.txt", "h", "h", &d), Err(InputError::Empty { .. })));
        let strict = InputOptions { strict: true, ..InputOptions::default() };
        assert!(matches!(
            read_text_bytes(b"Caf\xE9.", "h.txt", "h", "h", &strict),
            Err(InputError::InvalidUtf8 { count: 1, .. })
        ));
        let lossy = read_text_bytes(b"Caf\xE9.", "h.txt", "h", "h", &d).unwrap();
        assert_eq!(lossy.warnings.len(), 1);
    }

    #[test]
    fn json_files_hold_an_object_or_an_array_of_objects() {
        let d = InputOptions::default();
        let array = b"[\n  {\"id\": \"a\", \"text\": \"One.\"},\n  {\"id\": \"b\", \"text\": \"Two.\"}\n]\n";
        let batch = read_json_bytes(array, "a.json", "a", "a", &d).unwrap();
        let lines: Vec<_> = batch.articles.iter().map(|a| (a.id.as_str(), a.origin.line)).collect();
        assert_eq!(lines, [("a", Some(2)), ("b", Some(3))]);
        let one =
            read_json_bytes(b"{\"text\": \"One.\", \"url\": \"https://x.org\"}", "o.json", "o", "fox", &d).unwrap();
        assert_eq!((one.articles[0].source.as_str(), one.articles[0].url.as_deref()), ("fox", Some("https://x.org")));
        let err = |bytes: &[u8]| read_json_bytes(bytes, "x.json", "x", "x", &d).unwrap_err().to_string();
        assert!(err(b"[1, 2]").starts_with("x.json:1: a number, not an article object"), "{}", err(b"[1, 2]"));
        assert!(err(b"\"text\"").contains("a string, not an article object"));
        assert!(err(b"{\"name\": \"pkg\"}").contains("no article objects"));
        assert!(err(b"[{\"text\": \"ok\"},\n{\"text\": ").starts_with("x.json:2: invalid JSON"));
        assert_eq!(err(b"[]"), "x.json: an empty array");
    }

    #[test]
    fn outlet_folders() {
        let day = Path::new("day");
        let outlet = |p: &str| outlet_folder(day, Path::new(p)).map(|o| (o.id, o.source));
        assert_eq!(outlet("day/fox/a.txt"), Some(("fox/a".into(), "fox".into())));
        assert_eq!(outlet("day/fox/2024/a.b.txt"), Some(("fox/2024/a.b".into(), "fox".into())));
        assert_eq!(outlet("day/a.txt"), None);
    }

    #[test]
    fn path_kinds() {
        assert_eq!(path_kind(Path::new("a/b.txt")), Some(PathKind::Text));
        assert_eq!(path_kind(Path::new("a/b")), Some(PathKind::Text));
        assert_eq!(path_kind(Path::new("a/b.NDJSON")), Some(PathKind::Jsonl));
        assert_eq!(path_kind(Path::new("a/b.png")), None);
    }
}
