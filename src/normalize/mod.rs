//! The normalizer: from an article's original text to tokens and sentences that point back into it.
//!
//! The chain, in the spirit of tantivy's analyzers, is
//! `Unicode word boundaries -> typographic folding -> NFKC -> case folding -> possessives -> compounds ->
//! numbers -> sentences`. Every stage rewrites token text and never a span: `&article.text[span.0..span.1]`
//! is always exactly what the reader saw, on character boundaries, whatever the script.
//!
//! ```
//! use newsdiff::article::Article;
//! use newsdiff::normalize::Normalizer;
//!
//! let article = Article::from_text("a", "Kyiv’s mayor spoke. The 28-point plan was discussed.");
//! let doc = Normalizer::default().normalize(&article);
//! assert_eq!(doc.sentences.len(), 2);
//! assert_eq!(doc.tokens[0].norm, "kyiv");
//! assert_eq!(doc.tokens[0].text(&article.text), "Kyiv’s");
//! ```

pub mod fold;
#[cfg(test)]
mod reference;
mod segment;
pub mod sentence;
pub mod stopwords;
pub mod token;

pub use sentence::Sentence;
pub use token::{Token, TokenKind};

use crate::article::Article;

/// The hash of one normalized word (`Token::norm`): xxh3, unseeded. The one word hash of the crate: dedup
/// builds its shingles from it, and name mentions remember the lowercase words of an article by it.
#[inline]
#[must_use]
pub fn word_hash(norm: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(norm.as_bytes())
}

/// Turns articles into [`Document`]s. Cheap to create and to share between threads.
#[derive(Debug, Clone, Default)]
pub struct Normalizer {
    _private: (),
}

/// What the normalizer made of one article: its tokens and sentences.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// All tokens of the article body, in order.
    pub tokens: Vec<Token>,
    /// Sentences, in order; the title, when the article has one in its text, is the first.
    pub sentences: Vec<Sentence>,
}

impl Document {
    /// The tokens of one sentence.
    #[must_use]
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        &self.tokens[sentence.tokens.0..sentence.tokens.1]
    }

    /// Number of word-like tokens (words, numbers, compounds).
    #[must_use]
    pub fn word_count(&self) -> usize {
        self.tokens.iter().filter(|t| t.is_wordlike()).count()
    }
}

impl Normalizer {
    /// A normalizer with the default chain.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Normalizes an article: its title and its body, without the metadata lines of its header.
    #[must_use]
    pub fn normalize(&self, article: &Article) -> Document {
        let title_end = article.title_span.map(|s| s.1);
        match article.title_span {
            // A title above metadata lines (`Title\ndate 2024-03-05\n\nBody`): the title, then the body.
            Some((start, end)) if end <= article.body_start => {
                let text = &article.text;
                let (mut tokens, mut breaks) = token::tokenize(text, start, end);
                let (body, mut body_breaks) = token::tokenize(text, article.body_start, text.len());
                if let Some(first) = body_breaks.first_mut() {
                    // A paragraph break between the title and the body.
                    *first = (*first & token::MAY_END) | (*first & token::BREAKS).max(2);
                }
                tokens.extend(body);
                breaks.extend(body_breaks);
                let sentences = sentence::split(text, &tokens, &breaks, title_end);
                Document { tokens, sentences }
            }
            _ => self.normalize_range(&article.text, article.body_start, article.text.len(), title_end),
        }
    }

    /// Normalizes a whole string (no title, no metadata).
    #[must_use]
    pub fn normalize_str(&self, text: &str) -> Document {
        self.normalize_range(text, 0, text.len(), None)
    }

    /// Normalizes `text[start..end]`; spans are offsets into `text`. `title_end` marks where a title ends.
    ///
    /// # Panics
    /// Panics if `start..end` is not a range of `text` on character boundaries.
    #[must_use]
    pub fn normalize_range(&self, text: &str, start: usize, end: usize, title_end: Option<usize>) -> Document {
        let (tokens, breaks) = token::tokenize(text, start, end);
        let sentences = sentence::split(text, &tokens, &breaks, title_end);
        Document { tokens, sentences }
    }

    /// Only the tokens of a string, without sentences (the fast path for dedup and indexing).
    #[must_use]
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        token::tokenize(text, 0, text.len()).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_title_is_its_own_sentence() {
        let text = crate::TEST_SEEDS[0].1;
        let article = Article::from_text("000", text);
        assert!(article.title.is_some());
        let doc = Normalizer::new().normalize(&article);
        assert!(doc.sentences[0].is_title);
        assert_eq!(doc.sentences[0].text(text), "Zelenskyy says meeting with Trump to happen ‘in the near future’");
        assert!(!doc.sentences[1].is_title);
        assert!(doc.sentences[1].text(text).starts_with("Ukrainian President Volodymyr Zelenskyy announced Friday"));
    }

    #[test]
    fn seed_with_date_line_skips_metadata() {
        let text = crate::TEST_SEEDS[2].1;
        let article = Article::from_text("002", text);
        assert_eq!(article.date.as_deref(), Some("2025-11-29"));
        let doc = Normalizer::new().normalize(&article);
        assert!(doc.sentences[0].text(text).starts_with("Ukrainian President Volodymyr Zelenskyy is stepping up"));
        assert!(doc.sentences.iter().any(|s| s.text(text) == "Chief Of Staff Resigns"));
    }

    #[test]
    fn every_span_slices_the_original() {
        for (_, text) in crate::TEST_SEEDS {
            let doc = Normalizer::new().normalize_str(text);
            for t in &doc.tokens {
                assert!(text.get(t.span.0..t.span.1).is_some());
            }
            for s in &doc.sentences {
                let toks = doc.sentence_tokens(s);
                assert_eq!(s.span.0, toks[0].span.0);
                assert_eq!(s.span.1, toks[toks.len() - 1].span.1);
            }
        }
    }
}
