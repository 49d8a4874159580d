//! # newsdiff
//!
//! Compare news coverage across sources: which claims two articles share and how each worded them, which names
//! are spelled differently by whom, which articles are near-copies, and which cover the same story.
//!
//! ## The pipeline
//! Stages flow one way, each in its own module; a module uses only the ones listed above it:
//!
//! 1. [`article`]: the [`Article`] every stage shares, with its original text untouched.
//! 2. [`normalize`]: tokens and sentences ([`normalize::Document`]); every token and sentence carries the byte
//!    span of the original words.
//! 3. [`input`]: every reader of user files (text files, directories, JSON Lines, standard input, pair lists).
//! 4. The features, each on normalized documents, in parallel with rayon:
//!    [`names`] (mentions, the one rule for "same name", variant groups),
//!    [`claims`] (claim similarity, the pair model, alignment, word diff, conflicts),
//!    [`dedup`] (shingles, MinHash, LSH, verified near-duplicate clusters),
//!    [`stories`] (grouping articles into stories); [`unionfind`] serves any of them.
//! 5. [`report`]: a batch report as typed plain data, and its builder (which tells its progress through
//!    [`report::Progress`], so the library draws no progress bar itself).
//! 6. [`render`]: terminal, JSON, CSV and HTML output; computation never prints.
//!
//! The command line is the `newsdiff` binary's own (`src/main.rs`, `src/cli/`), not part of the library.
//!
//! ```
//! use newsdiff::article::Article;
//! use newsdiff::Normalizer;
//!
//! let text = include_str!("../seeds/000_685572fa8566e146.txt");
//! let article = Article::from_text("000", text);
//! assert_eq!(article.title.as_deref(), Some("Zelenskyy says meeting with Trump to happen ‘in the near future’"));
//! let doc = Normalizer::new().normalize(&article);
//! let first = &doc.sentences[1];
//! assert!(first.text(&article.text).starts_with("Ukrainian President Volodymyr Zelenskyy"));
//! ```
#![warn(missing_docs)]

pub mod article;
pub mod normalize;

pub mod input;

pub mod claims;
pub mod dedup;
pub mod names;
pub mod stories;
pub mod unionfind;

pub mod report;

pub mod render;

pub use article::{Article, Origin};
pub use claims::{AlignConfig, Aligner, Alignment, Idf, Matcher};
pub use normalize::{Document, Normalizer};
pub use report::{Report, ReportOptions, build_report};

/// The bundled seed articles, `(id, text)`, for unit tests.
#[cfg(test)]
pub(crate) const TEST_SEEDS: [(&str, &str); 3] = [
    ("000", include_str!("../seeds/000_685572fa8566e146.txt")),
    ("001", include_str!("../seeds/001_7fb53fbd3c46e9a8.txt")),
    ("002", include_str!("../seeds/002_6b34b3c9854d6455.txt")),
];
