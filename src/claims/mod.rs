//! Claims: which sentences two articles share, how each worded them, and where they disagree.
//!
//! Everything here works on normalized documents and returns plain data; rendering lives in
//! [`crate::render`].
//!
//! Claim alignment (`newsdiff compare`, `newsdiff score`) is layered like this:
//! [`stem`] -> [`similarity`] (terms, idf, the explainable word-overlap score) and [`semantic`] (the embedded
//! sentence encoder) -> [`token_match`] (its word-piece vectors matched) -> [`pair_model`] (the learned verdict on
//! a candidate pair) -> [`extract`] (sentences to claims) -> [`align`] (global pairing), which describes each
//! pair with [`worddiff`] and [`kind`] (using the one same-name rule of [`crate::names`]).
//!
//! ```
//! use newsdiff::claims::{AlignConfig, Aligner, Idf, PairKind};
//! use newsdiff::article::Article;
//! use newsdiff::normalize::Normalizer;
//!
//! let a = Article::from_text("a", "Russian drones struck Mykolaiv overnight. The mayor resigned.");
//! let b = Article::from_text("b", "The mayor resigned. Russian drones struck Mykolaiv on Friday night.");
//! let n = Normalizer::new();
//! let (da, db) = (n.normalize(&a), n.normalize(&b));
//! let idf = Idf::from_documents([&da, &db]);
//! let alignment = Aligner::new(AlignConfig::default()).align(&a, &da, &b, &db, &idf);
//! assert_eq!(alignment.pairs.len(), 2);
//! assert_eq!(alignment.pairs[1].kind, PairKind::Same);
//! ```

pub mod align;
mod bert;
pub mod extract;
pub mod kind;
pub mod pair_model;
mod qproduct;
pub mod referent;
pub mod semantic;
pub mod semantic_score;
pub mod similarity;
pub mod stem;
pub mod token_match;
pub mod worddiff;

pub use align::{AlignConfig, AlignedPair, Aligner, Alignment, Candidate, ClaimRef, Matcher, Summary};
pub use kind::{Conflict, ConflictKind, PairKind};
pub use similarity::{DEFAULT_THRESHOLD, Idf, Scorer, SimilarityConfig};
pub use worddiff::DiffOp;
