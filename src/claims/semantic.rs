//! The semantic signal: sentence embeddings from a small sentence encoder that ships inside the binary.
//!
//! Words alone miss paraphrases ("a meeting is scheduled to occur in the near future" / "discussions are expected
//! to take place in the coming days"); an encoder trained on paraphrase pairs places such sentences close
//! together. The encoder is `paraphrase-MiniLM-L3-v2` (Sentence-Transformers, Apache-2.0), three transformer
//! layers quantized to 4 bits, compiled into the binary by the `pocket-encoder` crate: no download, no model
//! cache, no network at run time. `docs/model.md` records its licence and provenance.
//!
//! The encoder is one input among several of the pair model ([`super::pair_model`]), never the verdict on its
//! own: alone it pairs sentences on topic rather than on claim.
//!
//! Encoding costs about 10 ms a sentence on one core, so the encoder spreads the work over rayon's threads and
//! keeps recent embeddings in a bounded cache keyed by the text: a story report aligns each article with every
//! other source's, and embeds each of its claims once.

use std::sync::{Mutex, OnceLock};

use rustc_hash::FxHashMap;

use rayon::prelude::*;

/// Coordinates of one embedding.
pub const DIMENSIONS: usize = 384;

/// Longest text handed to the encoder, in bytes (it reads at most 128 word pieces anyway).
const MAX_TEXT_BYTES: usize = 2_000;

/// Texts per rayon task: large enough to amortise the task, small enough to keep both cores busy.
const CHUNK: usize = 4;

/// Most embeddings the cache keeps (about 1.5 KB each: 15 MB); when full it starts again empty.
const CACHE_ENTRIES: usize = 10_000;

/// Recent embeddings by a hash of their text.
static CACHE: Mutex<Option<FxHashMap<u64, Box<[f32]>>>> = Mutex::new(None);

fn text_key(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// The encoder could not be loaded or failed on an input.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the sentence encoder failed: {0}")]
pub struct EncoderError(String);

/// The embedded sentence encoder. Loading takes a few tens of milliseconds and happens once per process.
#[derive(Clone)]
pub struct SentenceEncoder {
    inner: pocket_encoder::Encoder,
}

impl std::fmt::Debug for SentenceEncoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SentenceEncoder").field("model", &MODEL_NAME).finish()
    }
}

/// The model's name, as shown in `--explain` and the JSON settings.
pub const MODEL_NAME: &str = "paraphrase-MiniLM-L3-v2 (4-bit, embedded)";

impl SentenceEncoder {
    /// The process-wide encoder, loaded on first use.
    ///
    /// # Errors
    /// The bundled weights could not be loaded (a broken build, never user input).
    pub fn shared() -> Result<&'static SentenceEncoder, EncoderError> {
        static ENCODER: OnceLock<Result<SentenceEncoder, EncoderError>> = OnceLock::new();
        ENCODER
            .get_or_init(|| {
                pocket_encoder::Encoder::new()
                    .map(|inner| SentenceEncoder { inner })
                    .map_err(|e| EncoderError(e.to_string()))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Embeds texts in parallel, in order. A text with no letters or digits gets the zero vector (its cosine with
    /// anything is 0).
    ///
    /// # Errors
    /// An inference failure of the encoder.
    pub fn embed<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Result<Embeddings, EncoderError> {
        let chunks: Vec<Result<Vec<Vec<f32>>, EncoderError>> =
            texts.par_chunks(CHUNK).map(|chunk| chunk.iter().map(|t| self.one(t.as_ref())).collect()).collect();
        let mut data = Vec::with_capacity(texts.len() * DIMENSIONS);
        for chunk in chunks {
            for v in chunk? {
                data.extend_from_slice(&v);
            }
        }
        Ok(Embeddings { data })
    }

    fn one(&self, text: &str) -> Result<Vec<f32>, EncoderError> {
        if !text.chars().any(char::is_alphanumeric) {
            return Ok(vec![0.0; DIMENSIONS]);
        }
        let key = text_key(text);
        if let Some(v) = CACHE.lock().ok().and_then(|c| c.as_ref().and_then(|c| c.get(&key).map(|v| v.to_vec()))) {
            return Ok(v);
        }
        let v = self.encode(text)?;
        if let Ok(mut cache) = CACHE.lock() {
            let cache = cache.get_or_insert_with(FxHashMap::default);
            if cache.len() >= CACHE_ENTRIES {
                cache.clear();
            }
            cache.insert(key, v.clone().into_boxed_slice());
        }
        Ok(v)
    }

    fn encode(&self, text: &str) -> Result<Vec<f32>, EncoderError> {
        let mut end = text.len().min(MAX_TEXT_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let mut out = self.inner.embed(&[&text[..end]]).map_err(|e| EncoderError(e.to_string()))?;
        out.pop().filter(|v| v.len() == DIMENSIONS).ok_or_else(|| EncoderError("unexpected output size".into()))
    }
}

/// Unit-length embeddings of a list of texts, stored row after row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Embeddings {
    data: Vec<f32>,
}

impl Embeddings {
    /// Number of embeddings.
    #[must_use]
    pub fn len(&self) -> usize {
        self.data.len() / DIMENSIONS
    }

    /// True when there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The `i`-th embedding.
    #[must_use]
    pub fn get(&self, i: usize) -> &[f32] {
        &self.data[i * DIMENSIONS..(i + 1) * DIMENSIONS]
    }

    /// Cosine similarity of this list's `i`-th embedding and `other`'s `j`-th (both unit length), in `-1..=1`.
    #[must_use]
    pub fn cosine(&self, i: usize, other: &Embeddings, j: usize) -> f32 {
        dot(self.get(i), other.get(j)).clamp(-1.0, 1.0)
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The real embedded model, on a paraphrase and an unrelated sentence on the same topic.
    #[test]
    fn paraphrases_are_closer_than_topical_neighbours() {
        let encoder = SentenceEncoder::shared().unwrap();
        let e = encoder
            .embed(&[
                "A high-level meeting with President Trump is scheduled to occur in the near future.",
                "Discussions with President Trump are expected to take place in the coming days.",
                "President Trump posted on social media about the war.",
                "---",
            ])
            .unwrap();
        assert_eq!(e.len(), 4);
        assert!((e.cosine(0, &e, 0) - 1.0).abs() < 1e-4);
        assert!(e.cosine(0, &e, 1) > e.cosine(0, &e, 2) + 0.1, "{} vs {}", e.cosine(0, &e, 1), e.cosine(0, &e, 2));
        assert!(e.cosine(0, &e, 3).abs() < f32::EPSILON);
    }
}
