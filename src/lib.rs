//! # newsdiff
//!
//! Compare news coverage across sources: which claims two articles share and how each worded them, which names
//! are spelled differently by whom, which articles are near-copies, and which cover the same story.
//!
//! ## The pipeline
//! Layers flow one way (a module uses only the ones above it in this list):
//!
//! 1. [`article`] is the data every stage shares: an [`article::Article`] as read, its text untouched.
//! 2. [`normalize`] turns an article into tokens and sentences ([`normalize::Document`]); every token and
//!    sentence carries the byte span of the original words.
//! 3. [`input`] reads articles from text files, directories, JSON Lines or standard input.
//! 4. The features work on those documents, in parallel with rayon: [`claims`] (claim alignment), [`names`]
//!    (name variants), [`dedup`] (near-duplicates) and [`stories`] (grouping a batch into stories).
//! 5. [`report`] combines them into a batch report, as plain data ([`report::build_report`] fills it and tells
//!    its progress through [`report::Progress`]).
//! 6. [`render`] prints results for people (terminal, HTML) and for programs (JSON, CSV).
//!
//! The command line (arguments, exit codes, progress bars, output files) is the binary's, not the library's.
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

pub mod render;
pub mod report;
