//! House style: a stylebook of preferred spellings, and the mentions that depart from it.
//!
//! A style file is a TSV: each line holds the preferred spelling, then the variants it replaces
//! (`Zelensky<TAB>Zelenskyy<TAB>Zelenskiy`). A line without tabs is split on spaces. Blank lines and lines
//! starting with `#` are skipped. Every field is one name word, compared ignoring case.
//!
//! A mention departs from the style when its spelling is a listed variant, or when the variant grouping puts
//! it with a preferred spelling it does not match (`Zelenskij` departs from `Zelensky` even if the file does
//! not list it): the stylebook does not need to foresee every transliteration.

use std::path::Path;

use compact_str::CompactString;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::{MentionRef, VariantIndex};
use crate::normalize::fold::fold_norm;

/// What can be wrong with a style file.
#[derive(Debug, thiserror::Error)]
pub enum StyleError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A line is malformed.
    #[error("{path}:{line}: {message}")]
    Line {
        /// The path.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The file has no entries.
    #[error("{path}: no entries (each line: preferred spelling, then the variants it replaces, tab-separated)")]
    Empty {
        /// The path.
        path: String,
    },
}

/// One line of a style file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StyleEntry {
    /// The preferred spelling.
    pub preferred: String,
    /// The spellings it replaces.
    pub variants: Vec<String>,
    /// 1-based line number in the style file.
    pub line: usize,
}

/// A parsed style file.
#[derive(Debug, Clone, Default)]
pub struct HouseStyle {
    entries: Vec<StyleEntry>,
    /// Normalized spelling -> (entry, is the preferred spelling).
    by_norm: FxHashMap<CompactString, (usize, bool)>,
}

/// Why a mention departs from the style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DepartureKind {
    /// The spelling is listed as a variant of the preferred one.
    Listed,
    /// The spelling is not listed, but is a variant of the preferred one.
    Variant,
}

/// A mention that departs from the house style.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Departure {
    /// Where the mention is.
    pub mention: MentionRef,
    /// The spelling found, as written.
    pub found: String,
    /// The preferred spelling.
    pub preferred: String,
    /// Listed in the style file, or found by the variant grouping.
    pub kind: DepartureKind,
    /// The style file line of the preferred spelling.
    pub style_line: usize,
}

impl HouseStyle {
    /// Reads a style file.
    ///
    /// # Errors
    /// [`StyleError`] naming the file (and line).
    pub fn from_path(path: &Path) -> Result<Self, StyleError> {
        let display = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| StyleError::Io { path: display.clone(), source })?;
        let text = String::from_utf8(bytes).map_err(|e| StyleError::Line {
            path: display.clone(),
            line: 1 + e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|&&b| b == b'\n').count(),
            message: "invalid UTF-8".into(),
        })?;
        Self::parse(&text, &display)
    }

    /// Parses the text of a style file; `path` is used in error messages.
    ///
    /// ```
    /// use newsdiff::names::style::HouseStyle;
    /// let style = HouseStyle::parse("# names\nKyiv\tKiev\nZelensky\tZelenskyy\tZelenskiy\n", "style.tsv").unwrap();
    /// assert_eq!(style.preferred_for("KIEV"), Some(("Kyiv", false)));
    /// assert_eq!(style.preferred_for("Kyiv"), Some(("Kyiv", true)));
    /// assert_eq!(style.preferred_for("Moscow"), None);
    /// ```
    ///
    /// # Errors
    /// [`StyleError`] naming the line that is malformed.
    pub fn parse(text: &str, path: &str) -> Result<Self, StyleError> {
        let mut style = Self::default();
        for (i, raw) in text.trim_start_matches('\u{FEFF}').lines().enumerate() {
            let line = i + 1;
            let err = |message: String| StyleError::Line { path: path.to_string(), line, message };
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if raw.contains('\t') && raw.split('\t').next().is_some_and(|f| f.trim().is_empty()) {
                return Err(err(
                    "starts with a tab: the preferred spelling comes first, then the variants it replaces, \
                                tab-separated"
                        .into(),
                ));
            }
            let fields: Vec<&str> = if raw.contains('\t') {
                raw.split('\t').map(str::trim).filter(|f| !f.is_empty()).collect()
            } else {
                trimmed.split_whitespace().collect()
            };
            for f in &fields {
                if f.split_whitespace().count() > 1 {
                    return Err(err(format!("{f:?}: one name word per field (the style applies to each word)")));
                }
                if !f.chars().any(char::is_alphanumeric) {
                    return Err(err(format!("{f:?} is not a name")));
                }
            }
            let Some((preferred, variants)) = fields.split_first() else { continue };
            let entry = style.entries.len();
            for (k, f) in fields.iter().enumerate() {
                let norm: CompactString = fold_norm(f).into();
                if k > 0 && norm == fold_norm(preferred) {
                    continue;
                }
                if let Some(&(other, _)) = style.by_norm.get(&norm)
                    && other != entry
                {
                    let o = &style.entries[other];
                    return Err(err(format!(
                        "{f:?} is already listed on line {} (preferred {:?}); list each spelling once",
                        o.line, o.preferred
                    )));
                }
                style.by_norm.insert(norm, (entry, k == 0));
            }
            style.entries.push(StyleEntry {
                preferred: (*preferred).to_string(),
                variants: variants.iter().map(|v| (*v).to_string()).collect(),
                line,
            });
        }
        if style.entries.is_empty() {
            return Err(StyleError::Empty { path: path.to_string() });
        }
        Ok(style)
    }

    /// The entries, in file order.
    #[must_use]
    pub fn entries(&self) -> &[StyleEntry] {
        &self.entries
    }

    /// The preferred spelling for a spelling the file lists, and whether it is the preferred one itself.
    #[must_use]
    pub fn preferred_for(&self, spelling: &str) -> Option<(&str, bool)> {
        self.entry_of(spelling).map(|(e, is_preferred)| (e.preferred.as_str(), is_preferred))
    }

    fn entry_of(&self, spelling: &str) -> Option<(&StyleEntry, bool)> {
        let norm = fold_norm(spelling);
        self.by_norm.get(norm.as_str()).map(|&(e, p)| (&self.entries[e], p))
    }

    /// Every mention of the index that departs from the style, in article and text order.
    #[must_use]
    pub fn check(&self, index: &VariantIndex) -> Vec<Departure> {
        let mut out = Vec::new();
        for group in index.groups() {
            // The entry that governs the group: one its forms are listed in, preferring a preferred spelling.
            let governing = group
                .forms
                .iter()
                .filter_map(|f| self.entry_of(&f.form))
                .max_by_key(|(e, p)| (*p, std::cmp::Reverse(e.line)))
                .map(|(e, _)| e);
            for form in &group.forms {
                let (entry, kind) = match self.entry_of(&form.form) {
                    Some((_, true)) => continue,
                    Some((e, false)) => (e, DepartureKind::Listed),
                    None => match governing {
                        Some(e) => (e, DepartureKind::Variant),
                        None => continue,
                    },
                };
                for &m in &form.mentions {
                    let a = &index.articles()[m.article];
                    out.push(Departure {
                        mention: m,
                        found: a.text[m.span.0..m.span.1].to_string(),
                        preferred: entry.preferred.clone(),
                        kind,
                        style_line: entry.line,
                    });
                }
            }
        }
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::normalize::{Document, Normalizer};

    fn index_of(text: &str) -> VariantIndex {
        let a = Article::from_text("a", text);
        let d: Document = Normalizer::new().normalize(&a);
        VariantIndex::from_documents(&[(&a, &d)])
    }

    #[test]
    fn listed_and_grouped_variants_depart() {
        let style = HouseStyle::parse("Zelensky\tZelenskiy\nKyiv\tKiev\n", "s.tsv").unwrap();
        let index = index_of("Zelensky met Zelenskiy in Kiev. Zelenskyy stayed in Kyiv. Zelensky left.");
        let found: Vec<(String, String, DepartureKind)> =
            style.check(&index).into_iter().map(|d| (d.found, d.preferred, d.kind)).collect();
        assert_eq!(
            found,
            [
                ("Zelenskiy".into(), "Zelensky".into(), DepartureKind::Listed),
                ("Kiev".into(), "Kyiv".into(), DepartureKind::Listed),
                ("Zelenskyy".into(), "Zelensky".into(), DepartureKind::Variant),
            ]
        );
    }

    #[test]
    fn malformed_lines_name_the_line() {
        let err = HouseStyle::parse("Kyiv\tKiev\nKiev\tKyyiv\n", "s.tsv").unwrap_err().to_string();
        assert!(err.starts_with("s.tsv:2:"), "{err}");
        let err = HouseStyle::parse("# nothing\n\n", "s.tsv").unwrap_err().to_string();
        assert!(err.contains("no entries"), "{err}");
        let err = HouseStyle::parse("Kyiv\tNew York\n", "s.tsv").unwrap_err().to_string();
        assert!(err.starts_with("s.tsv:1:") && err.contains("one name word"), "{err}");
        let err = HouseStyle::parse("Kyiv\tKiev\n\t\tbad\n", "s.tsv").unwrap_err().to_string();
        assert!(err.starts_with("s.tsv:2: starts with a tab"), "{err}");
    }
}
