//! Streaming input: articles in chunks of bounded size, for corpora larger than memory.
//!
//! [`read_inputs`](super::read_inputs) loads a whole batch; [`ArticleStream`] hands the same articles (same
//! fields, same errors, same `--skip-bad` behaviour) to a callback a chunk at a time: a JSONL file is read
//! a few megabytes at a time and its lines are parsed in parallel; text files are grouped into chunks. Each
//! article comes with a [`RawRef`], where its bytes are, so that a second pass can copy chosen articles
//! unchanged (`newsdiff dedup --output`). Standard input is first copied to a temporary file, so it can be read
//! twice too.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::positioned::{PositionedReader, read_exact_at};
use super::{
    Article, InputError, InputOptions, Outlet, PathKind, io_error, json_elements, list_dir, no_articles,
    parse_jsonl_as, path_kind, read_file, read_text_bytes, skipped_in_dir, stem_of,
};

/// Bytes of JSONL (or text files) handed over per chunk.
pub const CHUNK_BYTES: usize = 8 << 20;

/// One input file of a stream.
#[derive(Debug)]
pub struct InputFile {
    /// The path read (`-` for standard input, whose anonymous copy is read instead).
    pub path: PathBuf,
    /// The name shown in messages (`-` for standard input).
    pub display: String,
    /// How it is read.
    pub kind: PathKind,
    /// Found below a directory given on the command line.
    pub in_dir: bool,
    /// The id and source of its articles when it sits in an outlet folder (see [`super::read_inputs`]).
    outlet: Option<Outlet>,
    /// The directory named on the command line it was found in (an index into the stream's directories).
    root: Option<usize>,
    /// Standard input's copy: an anonymous temporary file that the operating system removes when the process
    /// ends, however it ends (Ctrl-C included).
    stdin_copy: Option<File>,
}

impl InputFile {
    /// An independent handle on the file's bytes (positioned reads only for standard input's copy).
    fn handle(&self) -> io::Result<File> {
        match &self.stdin_copy {
            Some(copy) => copy.try_clone(),
            None => File::open(&self.path),
        }
    }

    /// Its size in bytes.
    fn len(&self) -> u64 {
        self.handle().and_then(|f| f.metadata()).map_or(0, |m| m.len())
    }

    /// `(stem, source)`: the stem names articles without an id, the source those without a source.
    fn naming(&self) -> (String, String) {
        match &self.outlet {
            Some(o) => (o.id.clone(), o.source.clone()),
            None if self.display == "-" => ("stdin".into(), "stdin".into()),
            None => (stem_of(&self.path), stem_of(&self.path)),
        }
    }
}

/// Where an article's bytes are: a JSONL line (without its line break) or a whole text file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawRef {
    /// Index into [`ArticleStream::files`].
    pub file: u32,
    /// Byte offset in the file.
    pub offset: u64,
    /// Length in bytes.
    pub len: u64,
}

/// A chunk of articles, in input order.
#[derive(Debug, Default)]
pub struct Chunk {
    /// The articles.
    pub articles: Vec<Article>,
    /// Where each article's bytes are.
    pub raw: Vec<RawRef>,
    /// Input bytes consumed by this chunk (for progress).
    pub bytes: u64,
}

/// Articles from the command line's paths, read a chunk at a time.
#[derive(Debug)]
pub struct ArticleStream {
    files: Vec<InputFile>,
    opts: InputOptions,
    /// Warnings so far (skipped files and lines, lossy decoding).
    pub warnings: Vec<String>,
    /// Bad articles or lines skipped so far (with `--skip-bad`).
    pub skipped: usize,
    articles: usize,
    /// The directories named on the command line, with the articles found below each so far and the files
    /// skipped while listing it (hidden, not articles).
    dirs: Vec<(PathBuf, usize, usize)>,
}

impl ArticleStream {
    /// Resolves `paths` (files, directories, `-`) into the files to read, in order.
    ///
    /// # Errors
    /// A path that does not exist or cannot be read; standard input that cannot be copied.
    pub fn open(paths: &[PathBuf], opts: &InputOptions) -> Result<Self, InputError> {
        let mut files = Vec::new();
        let mut warnings = Vec::new();
        let mut dirs = Vec::new();
        for path in paths {
            if path.as_os_str() == "-" {
                files.push(stdin_copy()?);
                continue;
            }
            let display = path.display().to_string();
            let meta = std::fs::metadata(path).map_err(|e| io_error(&display, e))?;
            if meta.is_dir() {
                let before = warnings.len();
                let listed = list_dir(path, &mut warnings);
                if listed.is_empty() {
                    return Err(no_articles(path, warnings.len() - before));
                }
                for f in listed {
                    let display = f.path.display().to_string();
                    let (root, outlet) = (Some(dirs.len()), f.outlet);
                    files.push(InputFile {
                        path: f.path,
                        display,
                        kind: f.kind,
                        in_dir: true,
                        outlet,
                        root,
                        stdin_copy: None,
                    });
                }
                dirs.push((path.clone(), 0, warnings.len() - before));
            } else {
                let kind = path_kind(path).unwrap_or(PathKind::Text);
                files.push(InputFile {
                    path: path.clone(),
                    display,
                    kind,
                    in_dir: false,
                    outlet: None,
                    root: None,
                    stdin_copy: None,
                });
            }
        }
        Ok(Self { files, opts: opts.clone(), warnings, skipped: 0, articles: 0, dirs })
    }

    /// The files read, in order.
    #[must_use]
    pub fn files(&self) -> &[InputFile] {
        &self.files
    }

    /// Total size of the input files in bytes (for a progress bar).
    #[must_use]
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(InputFile::len).sum()
    }

    /// Calls `sink` with every chunk of articles, in input order.
    ///
    /// # Errors
    /// The first input error that `--skip-bad` does not skip, or the first error of `sink`; at the end,
    /// [`InputError::NoArticles`] for a directory that gave no article.
    pub fn for_each_chunk<E: From<InputError>>(
        &mut self,
        mut sink: impl FnMut(Chunk) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut texts: Vec<usize> = Vec::new();
        let mut text_bytes = 0u64;
        for i in 0..self.files.len() {
            match self.files[i].kind {
                PathKind::Text => {
                    texts.push(i);
                    text_bytes += self.files[i].len();
                    if text_bytes as usize >= CHUNK_BYTES || texts.len() >= 4096 {
                        let chunk = self.text_chunk(&std::mem::take(&mut texts))?;
                        text_bytes = 0;
                        sink(chunk)?;
                    }
                }
                PathKind::Jsonl | PathKind::Json => {
                    if !texts.is_empty() {
                        let chunk = self.text_chunk(&std::mem::take(&mut texts))?;
                        text_bytes = 0;
                        sink(chunk)?;
                    }
                    if self.files[i].kind == PathKind::Jsonl {
                        self.jsonl_file(i, &mut sink)?;
                    } else {
                        let chunk = self.json_file(i)?;
                        sink(chunk)?;
                    }
                }
            }
        }
        if !texts.is_empty() {
            let chunk = self.text_chunk(&texts)?;
            sink(chunk)?;
        }
        if let Some(root) = self.dirs.iter().position(|d| d.1 == 0) {
            let files = self.files.iter().filter(|f| f.root == Some(root)).count();
            return Err(no_articles(&self.dirs[root].0, files + self.dirs[root].2).into());
        }
        Ok(())
    }

    /// Counts articles found below a named directory.
    fn found(&mut self, file: usize, n: usize) {
        if let Some(root) = self.files[file].root {
            self.dirs[root].1 += n;
        }
    }

    /// A `.json` file as one chunk: it is read whole (within `--max-bytes`), like a text file.
    fn json_file(&mut self, i: usize) -> Result<Chunk, InputError> {
        let result = read_file(&self.files[i].path, PathKind::Json, &self.opts, self.files[i].outlet.as_ref());
        let mut chunk = Chunk::default();
        match result {
            Ok(mut batch) => {
                self.warnings.append(&mut batch.warnings);
                self.skipped += batch.skipped;
                // Where each article's object is, for `--output`: read the file again (it was just read).
                let f = &self.files[i];
                let bytes = std::fs::read(&f.path).map_err(|e| io_error(&f.display, e))?;
                let places = json_elements(&bytes, &f.display)?;
                for article in batch.articles {
                    let line = article.origin.line.unwrap_or(0);
                    let Some(&(_, offset, raw)) = places.iter().find(|p| p.0 == line) else { continue };
                    chunk.bytes += raw.len() as u64;
                    chunk.raw.push(RawRef { file: i as u32, offset: offset as u64, len: raw.len() as u64 });
                    chunk.articles.push(article);
                }
            }
            Err(e) if self.files[i].in_dir && skipped_in_dir(&e) => self.warnings.push(format!("skipped {e}")),
            Err(e) => self.fail(e)?,
        }
        self.found(i, chunk.articles.len());
        self.count(chunk.articles.len())?;
        Ok(chunk)
    }

    fn fail(&mut self, err: InputError) -> Result<(), InputError> {
        if self.opts.skip_bad && err.is_skippable() {
            self.warnings.push(format!("skipped {err}"));
            self.skipped += 1;
            Ok(())
        } else {
            Err(err)
        }
    }

    fn count(&mut self, n: usize) -> Result<(), InputError> {
        self.articles += n;
        if self.articles > self.opts.max_articles {
            return Err(InputError::TooMany { limit: self.opts.max_articles });
        }
        Ok(())
    }

    fn text_chunk(&mut self, files: &[usize]) -> Result<Chunk, InputError> {
        let opts = &self.opts;
        let results: Vec<_> = files
            .par_iter()
            .map(|&i| {
                let f = &self.files[i];
                match &f.stdin_copy {
                    Some(copy) => read_stdin_copy(copy, opts),
                    None => read_file(&f.path, PathKind::Text, opts, f.outlet.as_ref()),
                }
            })
            .collect();
        let mut chunk = Chunk::default();
        for (&i, result) in files.iter().zip(results) {
            match result {
                Ok(mut batch) => {
                    self.warnings.append(&mut batch.warnings);
                    self.found(i, batch.articles.len());
                    for mut article in batch.articles {
                        let len = article.text.len() as u64;
                        if self.files[i].display == "-" {
                            article.origin.path = "-".into();
                        }
                        chunk.bytes += len;
                        chunk.articles.push(article);
                        chunk.raw.push(RawRef { file: i as u32, offset: 0, len });
                    }
                }
                Err(e) if self.files[i].in_dir && skipped_in_dir(&e) => {
                    self.warnings.push(format!("skipped {e}"));
                }
                Err(e) => self.fail(e)?,
            }
        }
        self.count(chunk.articles.len())?;
        Ok(chunk)
    }

    fn jsonl_file<E: From<InputError>>(
        &mut self,
        i: usize,
        sink: &mut impl FnMut(Chunk) -> Result<(), E>,
    ) -> Result<(), E> {
        let display = self.files[i].display.clone();
        let io_err = |e: io::Error| InputError::Io { path: display.clone(), source: e };
        let handle = self.files[i].handle().map_err(io_err)?;
        let mut file = PositionedReader::new(&handle);
        let (stem, source) = self.files[i].naming();
        let mut buf: Vec<u8> = Vec::with_capacity(CHUNK_BYTES + (64 << 10));
        let mut buf_offset = 0u64; // file offset of buf[0]
        let mut line_no = 0usize; // lines before buf[0]
        let mut eof = false;
        let mut any = false;
        let mut skipping_long = false;
        while !eof {
            let want = CHUNK_BYTES.max(buf.len() + (1 << 20));
            let start = buf.len();
            buf.resize(want, 0);
            let mut filled = start;
            while filled < buf.len() {
                match file.read(&mut buf[filled..]) {
                    Ok(0) => {
                        eof = true;
                        break;
                    }
                    Ok(n) => filled += n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(io_err(e).into()),
                }
            }
            buf.truncate(filled);
            if buf_offset == 0 && buf.starts_with(b"\xEF\xBB\xBF") {
                buf.drain(..3);
                buf_offset = 3;
            }
            let end = if eof { buf.len() } else { memchr::memrchr(b'\n', &buf).map_or(0, |p| p + 1) };
            if end == 0 && !eof {
                // One line longer than the buffer: over the limit, or keep reading.
                if buf.len() as u64 > self.opts.max_bytes {
                    if !skipping_long {
                        let at = format!("{display}:{}", line_no + 1);
                        let err = InputError::TooLarge { path: at, size: buf.len() as u64, limit: self.opts.max_bytes };
                        self.fail(err)?;
                        skipping_long = true;
                    }
                    buf_offset += buf.len() as u64;
                    buf.clear();
                }
                continue;
            }
            let mut lines: Vec<(usize, u64, &[u8])> = Vec::new();
            let mut pos = 0usize;
            for raw in buf[..end].split_inclusive(|&b| b == b'\n') {
                line_no += 1;
                let offset = buf_offset + pos as u64;
                pos += raw.len();
                if std::mem::take(&mut skipping_long) {
                    continue; // the tail of a line already reported as too long
                }
                let line = raw.strip_suffix(b"\n").unwrap_or(raw);
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                lines.push((line_no, offset, line));
            }
            any |= !lines.is_empty();
            let opts = &self.opts;
            let parsed: Vec<(Result<Article, InputError>, Vec<String>)> = lines
                .par_iter()
                .with_min_len(64)
                .map(|&(n, _, line)| {
                    let mut warnings = Vec::new();
                    let mut result = parse_jsonl_as(line, &display, n, (&stem, &source), opts, &mut warnings);
                    if let Ok(article) = &mut result
                        && display == "-"
                    {
                        article.origin.path = "-".into();
                    }
                    (result, warnings)
                })
                .collect();
            let mut chunk = Chunk { bytes: end as u64, ..Chunk::default() };
            for ((result, mut warnings), &(_, offset, line)) in parsed.into_iter().zip(&lines) {
                self.warnings.append(&mut warnings);
                match result {
                    Ok(article) => {
                        chunk.articles.push(article);
                        chunk.raw.push(RawRef { file: i as u32, offset, len: line.len() as u64 });
                    }
                    Err(e) => self.fail(e)?,
                }
            }
            drop(lines);
            self.found(i, chunk.articles.len());
            self.count(chunk.articles.len())?;
            buf.drain(..end);
            buf_offset += end as u64;
            sink(chunk)?;
        }
        if !any {
            let err = InputError::Empty { path: display.clone() };
            if self.files[i].in_dir {
                self.warnings.push(format!("skipped {err}"));
            } else {
                self.fail(err)?;
            }
        }
        Ok(())
    }

    /// A reader of articles by their [`RawRef`], usable from many threads at once.
    ///
    /// # Errors
    /// An input file that can no longer be opened.
    pub fn rereader(&self) -> Result<Rereader<'_>, InputError> {
        let handles = self
            .files
            .iter()
            .map(|f| f.handle().map_err(|e| InputError::Io { path: f.display.clone(), source: e }))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Rereader { stream: self, handles })
    }
}

/// Reads articles a second time, by position (see [`ArticleStream::rereader`]).
#[derive(Debug)]
pub struct Rereader<'s> {
    stream: &'s ArticleStream,
    handles: Vec<File>,
}

impl Rereader<'_> {
    /// The bytes of one article: its JSONL line, or its whole text file.
    ///
    /// # Errors
    /// I/O errors naming the file.
    pub fn raw(&self, raw: RawRef) -> Result<Vec<u8>, InputError> {
        let f = &self.stream.files[raw.file as usize];
        let mut bytes = vec![0u8; usize::try_from(raw.len).unwrap_or(0)];
        read_exact_at(&self.handles[raw.file as usize], &mut bytes, raw.offset)
            .map_err(|e| InputError::Io { path: f.display.clone(), source: e })?;
        Ok(bytes)
    }

    /// One article, parsed again from its bytes.
    ///
    /// # Errors
    /// I/O errors, or the input changed since it was first read.
    pub fn article(&self, raw: RawRef) -> Result<Article, InputError> {
        let bytes = self.raw(raw)?;
        let f = &self.stream.files[raw.file as usize];
        let (stem, source) = f.naming();
        let opts = &self.stream.opts;
        match f.kind {
            PathKind::Jsonl | PathKind::Json => {
                parse_jsonl_as(&bytes, &f.display, 0, (&stem, &source), opts, &mut Vec::new())
            }
            PathKind::Text => read_text_bytes(&bytes, &f.display, &stem, &source, opts)?
                .articles
                .pop()
                .ok_or_else(|| InputError::Empty { path: f.display.clone() }),
        }
    }
}

/// Copies standard input to an anonymous temporary file and classifies it (JSONL when it starts with `{`).
fn stdin_copy() -> Result<InputFile, InputError> {
    let io_err = |e: io::Error| InputError::Io { path: "-".into(), source: e };
    let mut copy = tempfile::tempfile().map_err(io_err)?;
    io::copy(&mut io::stdin().lock(), &mut copy).map_err(io_err)?;
    let mut head = Vec::new();
    PositionedReader::new(&copy).take(1 << 16).read_to_end(&mut head).map_err(io_err)?;
    let first = head.iter().find(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF));
    let kind = if first == Some(&b'{') { PathKind::Jsonl } else { PathKind::Text };
    Ok(InputFile {
        path: PathBuf::from("-"),
        display: "-".into(),
        kind,
        in_dir: false,
        outlet: None,
        root: None,
        stdin_copy: Some(copy),
    })
}

/// Standard input's copy read as one text article.
fn read_stdin_copy(copy: &File, opts: &InputOptions) -> Result<super::Batch, InputError> {
    let mut bytes = Vec::new();
    let cap = opts.max_bytes.saturating_add(1);
    PositionedReader::new(copy)
        .take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::Io { path: "-".into(), source: e })?;
    if bytes.len() as u64 > opts.max_bytes {
        return Err(InputError::TooLarge { path: "-".into(), size: bytes.len() as u64, limit: opts.max_bytes });
    }
    read_text_bytes(&bytes, "-", "stdin", "stdin", opts)
}

/// The path of an input, as the output check needs it (`None` for standard input).
#[must_use]
pub fn real_path(file: &InputFile) -> Option<&Path> {
    (file.display != "-").then_some(file.path.as_path())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(
        paths: &[PathBuf],
        opts: &InputOptions,
    ) -> Result<(Vec<Article>, Vec<RawRef>, ArticleStream), InputError> {
        let mut stream = ArticleStream::open(paths, opts)?;
        let (mut articles, mut raws) = (Vec::new(), Vec::new());
        stream.for_each_chunk(|c: Chunk| -> Result<(), InputError> {
            articles.extend(c.articles);
            raws.extend(c.raw);
            Ok(())
        })?;
        Ok((articles, raws, stream))
    }

    #[test]
    fn same_articles_as_the_batch_reader_and_raw_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        std::fs::write(&path, "\u{feff}{\"id\":\"x\",\"text\":\"One.\"}\r\n\n{\"id\":\"y\",\"text\":\"Two.\"}")
            .unwrap();
        let opts = InputOptions::default();
        let (articles, raws, stream) = collect(std::slice::from_ref(&path), &opts).unwrap();
        let batch = super::super::read_inputs(std::slice::from_ref(&path), &opts).unwrap();
        assert_eq!(articles, batch.articles);
        let reader = stream.rereader().unwrap();
        assert_eq!(reader.raw(raws[0]).unwrap(), b"{\"id\":\"x\",\"text\":\"One.\"}");
        assert_eq!(reader.raw(raws[1]).unwrap(), b"{\"id\":\"y\",\"text\":\"Two.\"}");
        assert_eq!(&*reader.article(raws[1]).unwrap().text, "Two.");
        assert_eq!(articles[1].origin.line, Some(3));
    }

    #[test]
    fn bad_lines_are_named_or_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.jsonl");
        std::fs::write(&path, "{\"text\":\"One.\"}\nnot json\n{\"text\":\"Two.\"}\n").unwrap();
        let err = collect(std::slice::from_ref(&path), &InputOptions::default()).unwrap_err();
        assert!(err.to_string().contains("b.jsonl:2: invalid JSON"), "{err}");
        let opts = InputOptions { skip_bad: true, ..InputOptions::default() };
        let (articles, _, stream) = collect(&[path], &opts).unwrap();
        assert_eq!(articles.len(), 2);
        assert_eq!(stream.skipped, 1);
    }
}
