//! Word shingles: hashes of every run of `k` consecutive normalized words, and exact set similarities.
//!
//! A *word* is a word-like token of the normalizer (a word, number or compound) and its text is the token's
//! normalized form (`Kyiv’s` and `kyiv's` are both `kyiv`); punctuation and symbols are not words. A word's hash
//! is the 64-bit [XXH3] hash of that form; a shingle is a 64-bit hash of the `k` word hashes of a window, so a
//! shingle set is a sorted `Vec<u64>` and the Jaccard similarity of two articles is a merge of two sorted slices.
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

use xxhash_rust::xxh3::{Xxh3Default, xxh3_64};

use crate::normalize::{Normalizer, Token, word_hash};

/// Largest supported shingle size (words per shingle).
pub const MAX_SHINGLE: usize = 16;

/// Seed of the shingle hash (distinct from the word hash, which is unseeded).
const SHINGLE_SEED: u64 = 0x6e65_7773_6469_6666; // "newsdiff"

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
        let mut buf = [0u8; 8 * 64];
        for chunk in self.hashes.chunks(64) {
            for (dst, w) in buf.chunks_exact_mut(8).zip(chunk) {
                dst.copy_from_slice(&w.to_le_bytes());
            }
            h.update(&buf[..chunk.len() * 8]);
        }
        h.digest128()
    }

    /// The shingle hashes of `k` consecutive words written into `out` (replacing its content), in text order,
    /// with repeats.
    pub fn shingle_hashes_into(&self, k: usize, out: &mut Vec<u64>) {
        window_hashes(&self.hashes, k, out);
    }

    /// The shingle hashes of `k` consecutive words, in text order, with repeats (enough for a signature).
    #[must_use]
    pub fn shingle_hashes(&self, k: usize) -> Vec<u64> {
        let mut out = Vec::new();
        window_hashes(&self.hashes, k, &mut out);
        out
    }

    /// The sorted, deduplicated shingle hashes of `k` consecutive words (`k` in `1..=MAX_SHINGLE`).
    #[must_use]
    pub fn shingles(&self, k: usize) -> Vec<u64> {
        let mut out = Vec::new();
        shingles_of_hashes(&self.hashes, k, &mut out);
        out
    }
}

/// Writes the shingle hashes of `hashes` (in order, with repeats) to an emptied `out`: each window's word hashes
/// are chained by multiply-rotate steps (order matters) and finished with `fmix64`.
fn window_hashes(hashes: &[u64], k: usize, out: &mut Vec<u64>) {
    let k = k.clamp(1, MAX_SHINGLE);
    out.clear();
    if hashes.is_empty() {
        return;
    }
    let window = k.min(hashes.len());
    out.reserve(hashes.len() + 1 - window);
    out.extend(hashes.windows(window).map(|win| {
        let mut h = SHINGLE_SEED;
        for &w in win {
            h = (h ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
        }
        super::minhash::fmix64(h)
    }));
}

/// Writes the sorted, deduplicated shingles of `hashes` to an emptied `out`.
fn shingles_of_hashes(hashes: &[u64], k: usize, out: &mut Vec<u64>) {
    window_hashes(hashes, k, out);
    out.sort_unstable();
    out.dedup();
}

/// The sorted, deduplicated hashes of every `k` consecutive word-like tokens (see the module docs).
///
/// ```
/// use newsdiff::dedup::{jaccard, shingles};
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

const SPACE: u8 = 0;
const ALNUM: u8 = 1;
const PUNCT: u8 = 2;
const OTHER: u8 = 3;

/// Byte classes of the fast path: ASCII whitespace, ASCII letters and digits, punctuation that never joins a
/// neighbouring word in the normalizer (Unicode word boundaries, compounds, abbreviations), and everything else
/// (which sends its chunk to the normalizer).
static CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = if b.is_ascii_whitespace() {
            SPACE
        } else if b.is_ascii_alphanumeric() {
            ALNUM
        } else if matches!(b, b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'"' | b',' | b';' | b':' | b'!' | b'?' | b'.')
        {
            PUNCT
        } else {
            OTHER
        };
        c += 1;
    }
    t
};

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
        let mut words = Words { hashes: Vec::with_capacity(text.len() / 6) };
        self.words_into(text, &mut words);
        words
    }

    /// [`Self::words`] into an existing buffer (replacing its content), to save allocations in a loop.
    pub fn words_into(&self, text: &str, words: &mut Words) {
        let hashes = &mut words.hashes;
        hashes.clear();
        let b = text.as_bytes();
        let n = b.len();
        let mut i = 0;
        let mut buf = [0u8; 24];
        loop {
            while i < n && CLASS[b[i] as usize] == SPACE {
                i += 1;
            }
            if i >= n {
                break;
            }
            // One pass over a whitespace-free chunk: punctuation, one letter-and-digit run, punctuation.
            let start = i;
            while i < n && CLASS[b[i] as usize] == PUNCT {
                i += 1;
            }
            let mut len = 0;
            while i < n && CLASS[b[i] as usize] == ALNUM {
                if len < buf.len() {
                    // ASCII letters and digits: setting bit 5 lowercases letters and leaves digits alone.
                    buf[len] = b[i] | 0x20;
                }
                len += 1;
                i += 1;
            }
            while i < n && CLASS[b[i] as usize] == PUNCT {
                i += 1;
            }
            if (i < n && CLASS[b[i] as usize] != SPACE) || len > buf.len() {
                // Anything else (hyphens, apostrophes, inner dots, non-ASCII, long words): the normalizer.
                while i < n && CLASS[b[i] as usize] != SPACE {
                    i += 1;
                }
                // ASCII whitespace bytes are character boundaries, so this slice is valid.
                for t in self.normalizer.tokens(&text[start..i]) {
                    if t.is_wordlike() {
                        hashes.push(word_hash(&t.norm));
                    }
                }
            } else if len > 0 {
                // `word_hash` of this ASCII word, without a UTF-8 check.
                hashes.push(xxh3_64(&buf[..len]));
            }
        }
    }

    /// The sorted, deduplicated `k`-word shingles of `text`: the same as [`shingles`] of its tokens.
    #[must_use]
    pub fn shingles_of(&self, text: &str, k: usize) -> Vec<u64> {
        self.words(text).shingles(k)
    }
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
        let seeds = crate::TEST_SEEDS.map(|(_, text)| text);
        for text in seeds.into_iter().chain([
            "The U.S. and the E.U. met (again). \"Yes,\" said Mr. Smith's aide; 1,200 troops, 3.6 million, 29th.",
            "A 28-point plan; Zelenskyy’s office — São Paulo, ação; don't, students' fees, rock'n'roll, e-mail.",
            "x_y a.b.c. 3.5. (U.S.) \"end.\" ... ?! __init__ #tag @user $100 50% a/b AT&T naïve café",
            "Supercalifragilisticexpialidociousness and antidisestablishmentarianisms\u{a0}here\u{200b}now",
        ]) {
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
