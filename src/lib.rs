//! # newsdiff
//!
//! Compare news coverage across sources: which claims two articles share and how each worded them, which names
//! are spelled differently by whom, which articles are near-copies, and which cover the same story.
//!
//! ## The pipeline
//! Stages flow one way, each in its own module; a module never imports from a later stage:
//!
//! 1. [`article`] is one article ([`article::Article`]), its original text kept untouched.
//! 2. [`normalize`] turns an article into tokens and sentences ([`normalize::Document`]); every token and
//!    sentence carries the byte span of the original words.
//! 3. [`input`] reads articles from text files, directories, JSON Lines or standard input.
//! 4. [`claims`] (claim alignment), [`names`] (name variants), [`dedup`] (near-duplicates) and [`stories`]
//!    work on those documents, in parallel with rayon; [`unionfind`] is shared by any of them.
//! 5. [`report`] holds a batch report as plain data ([`report::build_report`] fills it).
//! 6. [`render`] prints results for people (terminal, HTML) and for programs (JSON, CSV).
//!
//! ```
//! use newsdiff::article::Article;
//! use newsdiff::normalize::Normalizer;
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
pub mod claims;
pub mod dedup;
pub mod input;
pub mod names;
pub mod normalize;
pub mod stories;
pub mod unionfind;

pub mod render;
pub mod report;

/// The bundled seed articles, `(id, text)`, for unit tests.
#[cfg(test)]
pub(crate) const TEST_SEEDS: [(&str, &str); 3] = [
    ("000", include_str!("../seeds/000_685572fa8566e146.txt")),
    ("001", include_str!("../seeds/001_7fb53fbd3c46e9a8.txt")),
    ("002", include_str!("../seeds/002_6b34b3c9854d6455.txt")),
];
