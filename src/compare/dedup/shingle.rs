//! Word shingles: hashes of every run of `k` consecutive normalized words, and exact set similarities.
//!
//! A *word* is a word-like token of the normalizer (a word, number or compound) and its text is the token's
//! normalized form (`Kyiv’s` and `kyiv's` are both `kyiv`); punctuation and symbols are not words. A shingle is
//! the 64-bit [XXH3] hash of the `k` word hashes of a window, so a shingle set is a sorted `Vec<u64>` and the
//! Jaccard similarity of two articles is a merge of two sorted slices.
//!
//! Two ways give the same hashes:
//! - [`shingles`] from the normalizer's tokens, for callers that already have a [`Document`](crate::normalize::Document);
//! - [`Shingler::shingles_of`] from the text itself. This is the fast path of `newsdiff dedup`: the text is cut
//!   at ASCII whitespace (where the normalizer never joins tokens), a chunk that is plain ASCII letters and
//!   digits between simple punctuation (`"word,"`, `(2024).`) is lowercased on the stack, and every other chunk
//!   (hyphens, apostrophes, inner dots, non-ASCII) goes through [`Normalizer::tokens`]. A test checks that both
//!   ways agree.
//!
//! An article with fewer than `k` words has one shingle, all its words; an article without words has none.
//!
//! [XXH3]: https://github.com/Cyan4973/xxHash

use xxhash_rust::xxh3::{Xxh3Default, xxh3_64, xxh3_64_with_seed};

use crate::normalize::{Normalizer, Token};

/// Largest supported shingle size (words per shingle).
pub const MAX_SHINGLE: usize = 16;

/// Seed of the shingle hash (distinct from the word hash, which is unseeded).
const SHINGLE_SEED: u64 = 0x6e65_7773_6469_6666; // "newsdiff"

/// The hash of one normalized word.
#[inline]
#[must_use]
pub fn word_hash(norm: &str) -> u64 {
    xxh3_64(norm.as_bytes())
}

/// Hashes of the words of a text, in order, with a 128-bit hash of the whole word sequence.
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// One hash per word.
    pub hashes: Vec<u64>,
}

impl Words {
    /// A 128-bit fingerprint of the word sequence: equal for texts that differ only in case, typography,
    /// punctuation and whitespace.
    #[must_use]
    pub fn fingerprint(&self) -> u128 {
        let mut h = Xxh3Default::new();
        for w in &self.hashes {
            h.update(&w.to_le_bytes());
        }
        h.digest128()
    }

    /// The sorted, deduplicated shingle hashes of `k` consecutive words (`k` in `1..=MAX_SHINGLE`).
    #[must_use]
    pub fn shingles(&self, k: usize) -> Vec<u64> {
        let mut out = Vec::new();
        shingles_of_hashes(&self.hashes, k, &mut out);
        out
    }
}

/// Appends the sorted, deduplicated shingles of `hashes` to an emptied `out`.
fn shingles_of_hashes(hashes: &[u64], k: usize, out: &mut Vec<u64>) {
    let k = k.clamp(1, MAX_SHINGLE);
    out.clear();
    if hashes.is_empty() {
        return;
    }
    let mut buf = [0u8; MAX_SHINGLE * 8];
    let window = k.min(hashes.len());
    out.reserve(hashes.len() + 1 - window);
    for win in hashes.windows(window) {
        for (dst, h) in buf.chunks_exact_mut(8).zip(win) {
            dst.copy_from_slice(&h.to_le_bytes());
        }
        out.push(xxh3_64_with_seed(&buf[..window * 8], SHINGLE_SEED));
    }
    out.sort_unstable();
    out.dedup();
}

/// The sorted, deduplicated hashes of every `k` consecutive word-like tokens (see the module docs).
///
/// ```
/// use newsdiff::compare::dedup::{jaccard, shingles};
/// use newsdiff::normalize::Normalizer;
///
/// let n = Normalizer::new();
/// let a = shingles(&n.tokens("Talks resume in Geneva on Friday, officials said."), 5);
/// let b = shingles(&n.tokens("TALKS resume in Geneva on Friday — officials said"), 5);
/// assert_eq!(a.len(), 4);
/// assert_eq!(jaccard(&a, &b), 1.0);
/// ```
#[must_use]
pub fn shingles(tokens: &[Token], k: usize) -> Vec<u64> {
    let hashes: Vec<u64> = tokens.iter().filter(|t| t.is_wordlike()).map(|t| word_hash(&t.norm)).collect();
    let mut out = Vec::new();
    shingles_of_hashes(&hashes, k, &mut out);
    out
}

/// Size of the intersection of two sorted, deduplicated slices.
#[must_use]
pub fn intersection_size(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Exact Jaccard similarity `|A ∩ B| / |A ∪ B|` of two sorted, deduplicated shingle sets; 0 when both are empty.
#[must_use]
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let inter = intersection_size(a, b);
    let union = a.len() + b.len() - inter;
    if union == 0 { 0.0 } else { inter as f64 / union as f64 }
}

/// Containment `|A ∩ B| / min(|A|, |B|)`: how much of the smaller set is inside the larger one (1 when a short
/// wire story is reprinted whole inside a longer article); 0 when either is empty.
#[must_use]
pub fn containment(a: &[u64], b: &[u64]) -> f64 {
    let small = a.len().min(b.len());
    if small == 0 { 0.0 } else { intersection_size(a, b) as f64 / small as f64 }
}

/// Punctuation that never joins a neighbouring word in the normalizer (Unicode word boundaries, compounds,
/// abbreviations): a chunk made of one ASCII letter-and-digit run between these is one word.
fn is_plain_punct(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'"' | b',' | b';' | b':' | b'!' | b'?' | b'.')
}

/// Turns texts into word hashes and shingles, with a fast path for plain ASCII words (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct Shingler {
    normalizer: Normalizer,
}

impl Shingler {
    /// A shingler with the default normalizer.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The word hashes of `text`, equal to those of the normalizer's word-like tokens.
    #[must_use]
    pub fn words(&self, text: &str) -> Words {
        let mut hashes = Vec::with_capacity(text.len() / 6);
        for chunk in text.split(|c: char| c.is_ascii_whitespace()) {
            if chunk.is_empty() {
                continue;
            }
            if let Some(h) = plain_word(chunk.as_bytes()) {
                if let Some(h) = h {
                    hashes.push(h);
                }
            } else {
                for t in self.normalizer.tokens(chunk) {
                    if t.is_wordlike() {
                        hashes.push(word_hash(&t.norm));
                    }
                }
            }
        }
        Words { hashes }
    }

    /// The sorted, deduplicated `k`-word shingles of `text`: the same as [`shingles`] of its tokens.
    #[must_use]
    pub fn shingles_of(&self, text: &str, k: usize) -> Vec<u64> {
        self.words(text).shingles(k)
    }
}

/// The fast path for one whitespace-free chunk: `Some(Some(hash))` for a single plain word, `Some(None)` for
/// plain punctuation only, `None` when the chunk needs the normalizer.
#[inline]
fn plain_word(b: &[u8]) -> Option<Option<u64>> {
    let mut start = 0;
    while start < b.len() && is_plain_punct(b[start]) {
        start += 1;
    }
    let mut end = start;
    while end < b.len() && b[end].is_ascii_alphanumeric() {
        end += 1;
    }
    if b[end..].iter().any(|&c| !is_plain_punct(c)) {
        return None;
    }
    let len = end - start;
    if len == 0 {
        return Some(None);
    }
    if len > 24 {
        return None;
    }
    let mut buf = [0u8; 24];
    for (dst, c) in buf.iter_mut().zip(&b[start..end]) {
        *dst = c.to_ascii_lowercase();
    }
    Some(Some(xxh3_64(&buf[..len])))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn via_tokens(text: &str) -> Vec<u64> {
        Normalizer::new().tokens(text).iter().filter(|t| t.is_wordlike()).map(|t| word_hash(&t.norm)).collect()
    }

    #[test]
    fn fast_path_agrees_with_the_normalizer_on_news_text() {
        let shingler = Shingler::new();
        for text in [
            include_str!("../../../seeds/000_685572fa8566e146.txt"),
            include_str!("../../../seeds/001_7fb53fbd3c46e9a8.txt"),
            include_str!("../../../seeds/002_6b34b3c9854d6455.txt"),
            "The U.S. and the E.U. met (again). \"Yes,\" said Mr. Smith's aide; 1,200 troops, 3.6 million, 29th.",
            "A 28-point plan; Zelenskyy’s office — São Paulo, ação; don't, students' fees, rock'n'roll, e-mail.",
            "x_y a.b.c. 3.5. (U.S.) \"end.\" ... ?! __init__ #tag @user $100 50% a/b AT&T naïve café",
            "Supercalifragilisticexpialidociousness and antidisestablishmentarianisms\u{a0}here\u{200b}now",
        ] {
            assert_eq!(shingler.words(text).hashes, via_tokens(text), "{text}");
            let tokens = Normalizer::new().tokens(text);
            assert_eq!(shingler.shingles_of(text, 5), shingles(&tokens, 5));
        }
    }

    #[test]
    fn short_and_empty_texts() {
        let s = Shingler::new();
        assert!(s.shingles_of("", 5).is_empty());
        assert!(s.shingles_of(" ... — !", 5).is_empty());
        assert_eq!(s.shingles_of("Breaking news", 5).len(), 1);
        assert_eq!(s.shingles_of("one two three four five six", 5).len(), 2);
        assert_eq!(s.shingles_of("a a a a a a a a a a", 5).len(), 1, "deduplicated");
    }

    #[test]
    fn set_similarities() {
        let a = [1, 2, 3, 4];
        let b = [3, 4, 5, 6, 7, 8, 9, 10];
        assert_eq!(intersection_size(&a, &b), 2);
        assert!((jaccard(&a, &b) - 0.2).abs() < 1e-12);
        assert!((containment(&a, &b) - 0.5).abs() < 1e-12);
        assert_eq!(jaccard(&[], &[]), 0.0);
        assert_eq!(containment(&[], &a), 0.0);
        assert_eq!(jaccard(&a, &a), 1.0);
    }

    #[test]
    fn fingerprint_ignores_case_and_punctuation_only() {
        let s = Shingler::new();
        let fp = |t: &str| s.words(t).fingerprint();
        assert_eq!(fp("Talks resume, officials said."), fp("talks  RESUME officials said"));
        assert_ne!(fp("Talks resume, officials said."), fp("Talks resumed, officials said."));
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn fast_path_agrees_with_the_normalizer(text in "[a-zA-Z0-9 .,;:'\"()\\-_!?/$%\n\u{e9}\u{2019}\u{a0}]{0,80}") {
            let expected: Vec<u64> = Normalizer::new()
                .tokens(&text)
                .iter()
                .filter(|t| t.is_wordlike())
                .map(|t| word_hash(&t.norm))
                .collect();
            prop_assert_eq!(Shingler::new().words(&text).hashes, expected);
        }
    }
}
