//! Claim pairs for `newsdiff score`: a TSV file with two text columns, or JSON Lines with two text fields.
//!
//! TSV is split on tabs only, with no quoting: news sentences are full of `"` and a CSV reader would glue lines
//! together. The columns are chosen with [`Column`]s (1-based numbers, or header names); by default a
//! two-column file uses both, and a wider one its two columns with the longest texts. Whether the first row is
//! a header is detected ([`looks_like_header`]) unless told: a row of short labels (`sentence1`, `#1 String`,
//! or a label above a numeric column) is a header; a row of claims, however short, is not.

use serde_json::Value;

use super::decode;

/// A column of a TSV file or a field of a JSON object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// A 1-based column number.
    Number(usize),
    /// A header name (TSV) or field name (JSONL).
    Name(String),
}

impl std::str::FromStr for Column {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if s.is_empty() {
            return Err("empty column name".into());
        }
        match s.parse::<usize>() {
            Ok(0) => Err("columns are numbered from 1".into()),
            Ok(n) => Ok(Self::Number(n)),
            Err(_) => Ok(Self::Name(s.to_string())),
        }
    }
}

impl std::fmt::Display for Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Number(n) => write!(f, "{n}"),
            Self::Name(s) => f.write_str(s),
        }
    }
}

/// Whether a TSV file starts with a header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum HeaderMode {
    /// Detect it.
    #[default]
    Auto,
    /// The first row is a header.
    Yes,
    /// There is no header.
    No,
}

/// How pairs are read.
#[derive(Debug, Clone, Default)]
pub struct PairsOptions {
    /// The two columns (or fields) holding the texts; detected when absent.
    pub columns: Option<(Column, Column)>,
    /// Header row handling for TSV.
    pub header: HeaderMode,
    /// Read as JSON Lines (otherwise TSV); detected from the extension or the first character when absent.
    pub jsonl: Option<bool>,
}

/// One pair of texts and where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPair {
    /// 1-based line number in the input.
    pub line: usize,
    /// The first text.
    pub a: String,
    /// The second text.
    pub b: String,
}

/// What went wrong reading pairs; every message names the file (and line).
#[derive(Debug, thiserror::Error)]
pub enum PairsError {
    /// A row without the chosen columns.
    #[error("{path}:{line}: {found} columns, but column {column} is needed (choose columns with --columns)")]
    MissingColumn {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// Columns found.
        found: usize,
        /// The missing column.
        column: String,
    },
    /// A header name that is not in the header.
    #[error("{path}: no column named {name:?} in the header ({header})")]
    UnknownColumn {
        /// The file.
        path: String,
        /// The name asked for.
        name: String,
        /// The header row.
        header: String,
    },
    /// A JSONL line that is not an object with the chosen text fields.
    #[error("{path}:{line}: {message}")]
    BadLine {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Nothing to score.
    #[error("{path}: no pairs (a TSV with two text columns or JSON Lines with two text fields)")]
    Empty {
        /// The file.
        path: String,
    },
    /// A file with NUL bytes.
    #[error("{path}: looks binary (NUL byte at offset {offset}); not a pairs file")]
    Binary {
        /// The file.
        path: String,
        /// Offset of the first NUL.
        offset: usize,
    },
}

/// Pairs read from a file, with warnings.
#[derive(Debug, Default)]
pub struct Pairs {
    /// The pairs in input order.
    pub pairs: Vec<TextPair>,
    /// The header row, when one was found.
    pub header: Option<Vec<String>>,
    /// Warnings (lossy decoding).
    pub warnings: Vec<String>,
}

/// Known names of the text fields of a pair, tried in order when no field is chosen.
const KNOWN_FIELDS: &[(&str, &str)] = &[
    ("a", "b"),
    ("text_a", "text_b"),
    ("text1", "text2"),
    ("sentence1", "sentence2"),
    ("sentence_a", "sentence_b"),
    ("claim_a", "claim_b"),
    ("claim1", "claim2"),
    ("left", "right"),
    ("s1", "s2"),
    ("#1 String", "#2 String"),
    ("question1", "question2"),
    ("premise", "hypothesis"),
];

/// Words that make a short cell read as a column label.
const LABEL_WORDS: &[&str] = &[
    "a",
    "b",
    "text",
    "texts",
    "sentence",
    "sentences",
    "string",
    "claim",
    "claims",
    "left",
    "right",
    "first",
    "second",
    "source",
    "target",
    "s1",
    "s2",
    "text1",
    "text2",
    "text_a",
    "text_b",
    "sentence1",
    "sentence2",
    "sentence_a",
    "sentence_b",
    "claim_a",
    "claim_b",
    "claim1",
    "claim2",
    "#1",
    "#2",
    "1",
    "2",
    "id",
    "label",
    "question1",
    "question2",
    "premise",
    "hypothesis",
    "quality",
    "score",
    "original",
    "paraphrase",
];

fn is_numeric(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && s.parse::<f64>().is_ok()
}

fn is_label(cell: &str) -> bool {
    let cell = cell.trim();
    let words: Vec<String> = cell.split_whitespace().map(str::to_lowercase).collect();
    !words.is_empty()
        && cell.chars().count() <= 40
        && words.len() <= 4
        && !cell.ends_with(['.', '!', '?', '"', '”'])
        && words.iter().any(|w| LABEL_WORDS.contains(&w.as_str()))
}

/// True when `first` reads as a header above `next` (the following row, if any): every cell is a short label,
/// or the row has a non-numeric cell above a numeric one and no cell longer than a label.
#[must_use]
pub fn looks_like_header(first: &[&str], next: Option<&[&str]>) -> bool {
    let short = first.iter().all(|c| {
        let c = c.trim();
        c.chars().count() <= 40 && c.split_whitespace().count() <= 4 && !c.ends_with(['.', '!', '?'])
    });
    if !short {
        return false;
    }
    if first.iter().filter(|c| !c.trim().is_empty()).all(|c| is_label(c)) {
        return true;
    }
    next.is_some_and(|next| first.iter().zip(next).any(|(h, v)| !is_numeric(h) && is_numeric(v)))
}

/// Reads pairs from bytes (the contents of `path`).
///
/// # Errors
/// A [`PairsError`] naming the file and line.
pub fn parse_pairs(bytes: &[u8], path: &str, opts: &PairsOptions) -> Result<Pairs, PairsError> {
    let decoded = decode::decode(bytes);
    if !decoded.utf16
        && let Some(offset) = decode::first_nul(bytes)
    {
        return Err(PairsError::Binary { path: path.to_string(), offset });
    }
    let mut warnings = Vec::new();
    if decoded.replaced > 0 {
        let bytes = if decoded.replaced == 1 { "byte" } else { "bytes" };
        warnings.push(format!("{path}: invalid UTF-8, {} {bytes} replaced by U+FFFD", decoded.replaced));
    }
    let text = decoded.text.strip_prefix('\u{feff}').unwrap_or(&decoded.text);
    let jsonl = opts.jsonl.unwrap_or_else(|| text.trim_start().starts_with('{'));
    let mut pairs = if jsonl { parse_jsonl(text, path, opts)? } else { parse_tsv(text, path, opts)? };
    if pairs.pairs.is_empty() {
        return Err(PairsError::Empty { path: path.to_string() });
    }
    pairs.warnings.extend(warnings);
    Ok(pairs)
}

fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty())
}

fn parse_tsv(text: &str, path: &str, opts: &PairsOptions) -> Result<Pairs, PairsError> {
    let rows: Vec<(usize, Vec<&str>)> = lines(text).map(|(n, l)| (n, l.split('\t').collect())).collect();
    let Some((_, first)) = rows.first() else { return Ok(Pairs::default()) };
    let has_header = match opts.header {
        HeaderMode::Yes => true,
        HeaderMode::No => false,
        HeaderMode::Auto => looks_like_header(first, rows.get(1).map(|r| r.1.as_slice())),
    };
    let header: Option<Vec<String>> = has_header.then(|| first.iter().map(|s| s.trim().to_string()).collect());
    let body = &rows[usize::from(has_header)..];
    let index_of = |c: &Column| -> Result<usize, PairsError> {
        match c {
            Column::Number(n) => Ok(n - 1),
            Column::Name(name) => header
                .as_ref()
                .and_then(|h| h.iter().position(|x| x == name || x.eq_ignore_ascii_case(name)))
                .ok_or_else(|| PairsError::UnknownColumn {
                    path: path.to_string(),
                    name: name.clone(),
                    header: header.as_ref().map_or_else(|| "no header row".to_string(), |h| h.join(", ")),
                }),
        }
    };
    let (ia, ib) = match &opts.columns {
        Some((a, b)) => (index_of(a)?, index_of(b)?),
        None => default_columns(header.as_deref(), body),
    };
    let mut pairs = Vec::with_capacity(body.len());
    for (line, cells) in body {
        let get = |i: usize| {
            cells.get(i).map(|s| s.trim().to_string()).ok_or_else(|| PairsError::MissingColumn {
                path: path.to_string(),
                line: *line,
                found: cells.len(),
                column: (i + 1).to_string(),
            })
        };
        pairs.push(TextPair { line: *line, a: get(ia)?, b: get(ib)? });
    }
    Ok(Pairs { pairs, header, warnings: Vec::new() })
}

/// The default text columns: both columns of a two-column file; the header's known pair of names; otherwise
/// the two columns with the longest texts in the first rows.
fn default_columns(header: Option<&[String]>, body: &[(usize, Vec<&str>)]) -> (usize, usize) {
    if let Some(h) = header {
        for (x, y) in KNOWN_FIELDS {
            let pos = |n: &str| h.iter().position(|c| c.eq_ignore_ascii_case(n));
            if let (Some(a), Some(b)) = (pos(x), pos(y)) {
                return (a, b);
            }
        }
    }
    let width = body.iter().take(100).map(|r| r.1.len()).max().unwrap_or(2);
    if width <= 2 {
        return (0, 1);
    }
    let mut lengths: Vec<(usize, usize)> = (0..width)
        .map(|c| (body.iter().take(100).map(|r| r.1.get(c).map_or(0, |s| s.len())).sum::<usize>(), c))
        .collect();
    lengths.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    let (a, b) = (lengths[0].1, lengths[1].1);
    (a.min(b), a.max(b))
}

fn parse_jsonl(text: &str, path: &str, opts: &PairsOptions) -> Result<Pairs, PairsError> {
    let mut pairs = Vec::new();
    let mut fields: Option<(String, String)> = match &opts.columns {
        Some((Column::Name(a), Column::Name(b))) => Some((a.clone(), b.clone())),
        Some(_) => {
            return Err(PairsError::BadLine {
                path: path.to_string(),
                line: 1,
                message: "JSON Lines pairs need field names in --columns (for example --columns a,b)".into(),
            });
        }
        None => None,
    };
    for (line, l) in lines(text) {
        let bad = |message: String| PairsError::BadLine { path: path.to_string(), line, message };
        let value: Value = serde_json::from_str(l).map_err(|e| bad(format!("invalid JSON: {e}")))?;
        let Value::Object(obj) = value else { return Err(bad("not a JSON object".into())) };
        let (fa, fb) = match &fields {
            Some(f) => f.clone(),
            None => {
                let found = KNOWN_FIELDS
                    .iter()
                    .find(|(x, y)| {
                        obj.get(*x).is_some_and(Value::is_string) && obj.get(*y).is_some_and(Value::is_string)
                    })
                    .map(|(x, y)| ((*x).to_string(), (*y).to_string()))
                    .ok_or_else(|| {
                        let names: Vec<&str> = KNOWN_FIELDS.iter().take(6).map(|p| p.0).collect();
                        bad(format!(
                            "no known pair of text fields (tried {} and their partners); choose them with --columns",
                            names.join(", ")
                        ))
                    })?;
                fields = Some(found.clone());
                found
            }
        };
        let get = |f: &str| match obj.get(f) {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(bad(format!("field {f:?} is not a string"))),
            None => Err(bad(format!("no field {f:?}"))),
        };
        pairs.push(TextPair { line, a: get(&fa)?, b: get(&fb)? });
    }
    Ok(Pairs { pairs, header: None, warnings: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, opts: &PairsOptions) -> Result<Pairs, PairsError> {
        parse_pairs(text.as_bytes(), "p.tsv", opts)
    }

    #[test]
    fn headerless_two_columns_keep_the_first_row() {
        let p =
            read("Amrozi accused his brother.\tAmrozi blamed his brother.\nShort\tclaim\n", &PairsOptions::default())
                .unwrap();
        assert_eq!(p.pairs.len(), 2);
        assert!(p.header.is_none());
        assert_eq!(p.pairs[0].a, "Amrozi accused his brother.");
        // Even short rows are claims unless they read as labels.
        let p = read("Kyiv\tKiev\nPutin\tPoutine\n", &PairsOptions::default()).unwrap();
        assert_eq!(p.pairs.len(), 2);
    }

    #[test]
    fn headers_are_detected_and_named_columns_chosen() {
        let msrp = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t7\t8\tHe said \"yes\".\tHe agreed.\n";
        let p = read(msrp, &PairsOptions::default()).unwrap();
        assert_eq!(p.pairs.len(), 1);
        assert_eq!((p.pairs[0].a.as_str(), p.pairs[0].b.as_str()), ("He said \"yes\".", "He agreed."));
        assert_eq!(p.pairs[0].line, 2);
        let p = read("sentence1\tsentence2\nA b.\tC d.\n", &PairsOptions::default()).unwrap();
        assert_eq!(p.pairs.len(), 1);
        let opts = PairsOptions {
            columns: Some((Column::Name("#2 String".into()), Column::Number(4))),
            ..PairsOptions::default()
        };
        let p = read(msrp, &opts).unwrap();
        assert_eq!(p.pairs[0].a, "He agreed.");
        let no = PairsOptions { header: HeaderMode::No, ..PairsOptions::default() };
        assert_eq!(read("sentence1\tsentence2\nA b.\tC d.\n", &no).unwrap().pairs.len(), 2);
    }

    #[test]
    fn wide_files_use_their_longest_columns() {
        let p = read("1\tA long first sentence here.\tx\tAnother long sentence there.\n", &PairsOptions::default())
            .unwrap();
        assert_eq!(p.pairs[0].b, "Another long sentence there.");
    }

    #[test]
    fn errors_name_file_and_line() {
        let opts = PairsOptions { columns: Some((Column::Number(1), Column::Number(3))), ..PairsOptions::default() };
        let e = read("a b c.\td e f.\n", &opts).unwrap_err().to_string();
        assert!(e.starts_with("p.tsv:1:"), "{e}");
        assert!(read("\n\n", &PairsOptions::default()).is_err());
        let e = parse_pairs(b"{\"x\": 1}\n", "p.jsonl", &PairsOptions::default()).unwrap_err().to_string();
        assert!(e.contains("p.jsonl:1") && e.contains("--columns"), "{e}");
    }

    #[test]
    fn jsonl_pairs() {
        let p = parse_pairs(
            b"{\"a\": \"One.\", \"b\": \"Two.\"}\n{\"a\": \"x\", \"b\": \"y\"}\n",
            "p.jsonl",
            &PairsOptions::default(),
        )
        .unwrap();
        assert_eq!(p.pairs.len(), 2);
        let opts = PairsOptions {
            columns: Some((Column::Name("left".into()), Column::Name("right".into()))),
            ..PairsOptions::default()
        };
        let p = parse_pairs(b"{\"left\": \"One.\", \"right\": \"Two.\"}", "p.jsonl", &opts).unwrap();
        assert_eq!(p.pairs[0].b, "Two.");
    }
}
