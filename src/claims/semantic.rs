//! The semantic signal: sentence embeddings and contextual word-piece vectors from a small sentence encoder that
//! ships inside the binary.
//!
//! Words alone miss paraphrases ("a meeting is scheduled to occur in the near future" / "discussions are expected
//! to take place in the coming days"); an encoder trained on paraphrase pairs places such sentences close
//! together. The encoder is `paraphrase-MiniLM-L3-v2` (Sentence-Transformers, Apache-2.0), three transformer
//! layers with their matrices quantized to 4 bits, as the `pocket-encoder` crate bundles it:
//! `scripts/vendor-model.sh` copies those files into `assets/encoder/`, they are compiled into the binary, and
//! newsdiff runs the model itself (its own forward pass, module `bert`): no download, no model cache, no network at run time.
//! `docs/model.md` records the licences and provenance.
//!
//! One forward pass per sentence gives both signals: the mean of its word-piece vectors (the sentence embedding,
//! [`Embeddings`]) and the word-piece vectors themselves ([`Encoding::pieces`], for the token-level match of
//! [`super::token_match`]). Each is one input among several of the pair model ([`super::pair_model`]), never
//! the verdict on its own: alone the sentence embedding pairs sentences on topic rather than on claim.
//!
//! Encoding costs about 2 ms of CPU a sentence (`score --model` on 1,000 MSRP sentences: 2.0-2.3 s), so the encoder
//! packs many sentences into each forward pass, spreads the work over rayon's threads, and keeps recent
//! encodings in a bounded cache keyed by the text: a story report aligns each article with every
//! other source's, and encodes each of its claims once.

use std::sync::{Arc, Mutex, OnceLock};

use half::f16;
use rustc_hash::FxHashMap;
use tokenizers::{Tokenizer, TruncationParams};

use rayon::prelude::*;

use super::bert::Bert;

/// Coordinates of one embedding.
pub const DIMENSIONS: usize = 384;

/// Longest text handed to the encoder, in bytes (it reads at most [`MAX_PIECES`] word pieces anyway).
const MAX_TEXT_BYTES: usize = 2_000;

/// Most word pieces the encoder reads, the special tokens included (the model's training length).
const MAX_PIECES: usize = 128;

/// Most bytes of encodings the cache keeps (a 30-piece sentence takes about 25 KB: some 5,000 sentences); when
/// full it starts again empty.
const CACHE_BYTES: usize = 128 << 20;

/// The vendored model files (`scripts/vendor-model.sh`).
const WEIGHTS: &[u8] = include_bytes!("../../assets/encoder/model.safetensors");
const SHAPES: &str = include_str!("../../assets/encoder/shapes.json");
const CONFIG: &str = include_str!("../../assets/encoder/config.json");
const TOKENIZER: &[u8] = include_bytes!("../../assets/encoder/tokenizer.json");

/// Recent encodings by a hash of their text, and the bytes they take.
type Cache = (FxHashMap<u64, Arc<Encoding>>, usize);

/// The process-wide cache of encodings.
static CACHE: Mutex<Option<Cache>> = Mutex::new(None);

fn text_key(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// The encoder could not be loaded or failed on an input.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the sentence encoder failed: {0}")]
pub struct EncoderError(String);

pub(super) fn failed(e: impl std::fmt::Display) -> EncoderError {
    EncoderError(e.to_string())
}

/// What the encoder makes of one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoding {
    /// The sentence embedding: the mean of every piece's vector (the special tokens included), unit length;
    /// zero for a text with no letters or digits.
    pub pooled: Box<[f32]>,
    /// The contextual vector of each word piece (the special tokens left out), unit length, row after row, in
    /// half precision to keep the cache small.
    pub pieces: Box<[f16]>,
    /// The byte span `[start, end)` of each word piece in the text.
    pub spans: Box<[(usize, usize)]>,
}

impl Encoding {
    fn empty() -> Self {
        Self { pooled: vec![0.0; DIMENSIONS].into(), pieces: Box::new([]), spans: Box::new([]) }
    }

    /// The `k`-th word piece's vector.
    #[must_use]
    pub fn piece(&self, k: usize) -> &[f16] {
        &self.pieces[k * DIMENSIONS..(k + 1) * DIMENSIONS]
    }

    fn bytes(&self) -> usize {
        self.pooled.len() * 4 + self.pieces.len() * 2 + self.spans.len() * 16 + 64
    }
}

/// The embedded sentence encoder. Loading takes a few tens of milliseconds and happens once per process.
pub struct SentenceEncoder {
    bert: Bert,
    tokenizer: Tokenizer,
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
        ENCODER.get_or_init(Self::load).as_ref().map_err(Clone::clone)
    }

    fn load() -> Result<Self, EncoderError> {
        let bert = Bert::load(WEIGHTS, SHAPES, CONFIG)?;
        let mut tokenizer = Tokenizer::from_bytes(TOKENIZER).map_err(failed)?;
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams { max_length: MAX_PIECES, ..TruncationParams::default() }))
            .map_err(failed)?;
        Ok(Self { bert, tokenizer })
    }

    /// Embeds texts in parallel, in order. A text with no letters or digits gets the zero vector (its cosine with
    /// anything is 0).
    ///
    /// # Errors
    /// An inference failure of the encoder.
    pub fn embed<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Result<Embeddings, EncoderError> {
        Ok(Embeddings::from_encodings(&self.encode(texts)?))
    }

    /// Encodes texts in parallel, in order: each text's embedding and word-piece vectors. A text with no letters
    /// or digits gets the zero embedding and no pieces.
    ///
    /// Texts not in the cache are encoded in batches of up to [`BATCH_PIECES`] word pieces, packed row after
    /// row: one forward pass multiplies every word piece of a batch by each weight matrix at once, which costs
    /// much less than one small product per sentence.
    ///
    /// # Errors
    /// An inference failure of the encoder.
    pub fn encode<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Result<Vec<Arc<Encoding>>, EncoderError> {
        let mut out: Vec<Option<Arc<Encoding>>> = vec![None; texts.len()];
        // Texts to encode, each once: its key, a position in `out` that wants it.
        let mut missing: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
        {
            let cache = CACHE.lock().ok();
            let cached = cache.as_ref().and_then(|c| c.as_ref());
            for (k, text) in texts.iter().enumerate() {
                let text = text.as_ref();
                if !text.chars().any(char::is_alphanumeric) {
                    out[k] = Some(Arc::new(Encoding::empty()));
                    continue;
                }
                let key = text_key(text);
                match cached.and_then(|c| c.0.get(&key)) {
                    Some(e) => out[k] = Some(Arc::clone(e)),
                    None => missing.entry(key).or_default().push(k),
                }
            }
        }
        let mut todo: Vec<(u64, usize)> = missing.iter().map(|(&key, at)| (key, at[0])).collect();
        todo.sort_unstable_by_key(|&(_, k)| k);
        let tokenized: Vec<Result<tokenizers::Encoding, EncoderError>> =
            todo.par_iter().map(|&(_, k)| self.tokenize(texts[k].as_ref())).collect();
        let tokenized: Vec<tokenizers::Encoding> = tokenized.into_iter().collect::<Result<_, _>>()?;
        let lengths: Vec<usize> = tokenized.iter().map(tokenizers::Encoding::len).collect();
        let encoded: Vec<Result<Vec<(usize, Encoding)>, EncoderError>> = batches(&lengths)
            .into_par_iter()
            .map(|batch| {
                let members: Vec<&tokenizers::Encoding> = batch.iter().map(|&i| &tokenized[i]).collect();
                Ok(batch.into_iter().zip(self.run_batch(&members)?).collect())
            })
            .collect();
        let mut fresh = Vec::with_capacity(todo.len());
        for batch in encoded {
            for (i, e) in batch? {
                let e = Arc::new(e);
                for &k in &missing[&todo[i].0] {
                    out[k] = Some(Arc::clone(&e));
                }
                fresh.push((todo[i].0, e));
            }
        }
        if let Ok(mut cache) = CACHE.lock() {
            let (map, bytes) = cache.get_or_insert_with(|| (FxHashMap::default(), 0));
            for (key, e) in fresh {
                if *bytes + e.bytes() > CACHE_BYTES {
                    map.clear();
                    *bytes = 0;
                }
                *bytes += e.bytes();
                map.insert(key, e);
            }
        }
        Ok(out.into_iter().map(|e| e.unwrap_or_else(|| Arc::new(Encoding::empty()))).collect())
    }

    /// Drops every cached encoding, so that the next [`encode`](Self::encode) runs the model again (for
    /// benchmarks of the encoder itself).
    pub fn clear_cache(&self) {
        if let Ok(mut cache) = CACHE.lock() {
            *cache = None;
        }
    }

    /// The word pieces of `text` (its first [`MAX_TEXT_BYTES`]), at most [`MAX_PIECES`] with the special tokens.
    fn tokenize(&self, text: &str) -> Result<tokenizers::Encoding, EncoderError> {
        let mut end = text.len().min(MAX_TEXT_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        self.tokenizer.encode(&text[..end], true).map_err(failed)
    }

    /// One forward pass over a batch of tokenized texts, packed row after row (attention stays within each).
    fn run_batch(&self, batch: &[&tokenizers::Encoding]) -> Result<Vec<Encoding>, EncoderError> {
        let ids: Vec<&[u32]> = batch.iter().map(|e| e.get_ids()).collect();
        let hidden = self.bert.forward(&ids)?;
        let mut start = 0;
        batch
            .iter()
            .map(|e| {
                let own = hidden
                    .get(start * DIMENSIONS..(start + e.len()) * DIMENSIONS)
                    .ok_or_else(|| EncoderError("unexpected output size".into()))?;
                start += e.len();
                Self::encoding(e, own)
            })
            .collect()
    }

    /// A text's encoding from its pieces' output vectors.
    fn encoding(enc: &tokenizers::Encoding, hidden: &[f32]) -> Result<Encoding, EncoderError> {
        // Every piece of the text (special tokens included) counts in the mean.
        let mut pooled = vec![0.0f32; DIMENSIONS];
        for v in hidden.chunks_exact(DIMENSIONS) {
            for (p, x) in pooled.iter_mut().zip(v) {
                *p += x;
            }
        }
        let pooled = unit(pooled).ok_or_else(|| EncoderError("non-finite or zero embedding".into()))?;
        let special = enc.get_special_tokens_mask();
        let mut pieces = Vec::with_capacity(enc.len() * DIMENSIONS);
        let mut spans = Vec::with_capacity(enc.len());
        for ((v, &span), _) in
            hidden.chunks_exact(DIMENSIONS).zip(enc.get_offsets()).zip(special).filter(|(_, s)| **s == 0)
        {
            if let Some(v) = unit(v.to_vec()) {
                pieces.extend(v.iter().map(|&x| f16::from_f32(x)));
                spans.push(span);
            }
        }
        Ok(Encoding { pooled: pooled.into(), pieces: pieces.into(), spans: spans.into() })
    }
}

/// Most word pieces in one batch. Not tuned: a batch's largest buffer (2,048 × 1,536 floats) is 12 MB, and
/// an article of 60 sentences fills one batch, so the two articles of a `compare` give each core one.
pub const BATCH_PIECES: usize = 2048;

/// Splits texts of the given lengths (in word pieces) into consecutive batches of at most [`BATCH_PIECES`]
/// pieces (a longer text alone). Returns the texts' indices per batch.
fn batches(lengths: &[usize]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut pieces = 0;
    for (i, &len) in lengths.iter().enumerate() {
        match out.last_mut() {
            Some(batch) if pieces + len <= BATCH_PIECES => batch.push(i),
            _ => {
                pieces = 0;
                out.push(vec![i]);
            }
        }
        pieces += len;
    }
    out
}

/// `v` scaled to unit length, or `None` when it has no length or is not finite.
fn unit(mut v: Vec<f32>) -> Option<Vec<f32>> {
    let norm = v.iter().map(|x| f64::from(*x).powi(2)).sum::<f64>().sqrt();
    if !norm.is_finite() || norm <= 0.0 {
        return None;
    }
    for x in &mut v {
        *x = (f64::from(*x) / norm) as f32;
    }
    Some(v)
}

/// Unit-length embeddings of a list of texts, stored row after row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Embeddings {
    data: Vec<f32>,
}

impl Embeddings {
    /// The sentence embeddings of encodings, in order.
    #[must_use]
    pub fn from_encodings(encodings: &[Arc<Encoding>]) -> Self {
        Self { data: encodings.iter().flat_map(|e| e.pooled.iter().copied()).collect() }
    }

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

    /// newsdiff runs the model itself; its sentence embeddings must be those of the crate it was vendored from,
    /// which the pair model and the `score` model were fitted on.
    #[test]
    fn embeddings_are_pocket_encoders() {
        let texts = [
            "Zelenskyy did not comment on his planned trip to Paris.",
            "Rep. Blake Farenthold resigned.",
            "A senior US official told news agencies that Secretary of State Marco Rubio, special envoy Steve \
             Witkoff, and President Donald Trump's son-in-law, Jared Kushner, will travel to Florida to meet with \
             the Ukrainian delegation on November 30.",
            "The 28-point plan was drafted by Witkoff and Dmitriev.",
            "At least three people were killed when Russian drones attacked Kyiv overnight.",
            "\"We're not going to comment,\" she said on Thursday, adding that 2,400 troops had left.",
        ];
        let ours = SentenceEncoder::shared().unwrap().embed(&texts).unwrap();
        let theirs = pocket_encoder::Encoder::new().unwrap().embed(&texts).unwrap();
        // The 8-bit product (module `qproduct`) moves them a little: the smallest cosine was 0.99995.
        let cosines: Vec<f32> = theirs.iter().enumerate().map(|(k, v)| dot(ours.get(k), v)).collect();
        println!("cosines with pocket-encoder's embeddings: {cosines:?}");
        for (k, cos) in cosines.iter().enumerate() {
            assert!(*cos > 0.9999, "text {k}: cosine {cos}");
        }
    }

    #[test]
    fn batches_are_consecutive_and_bounded() {
        assert_eq!(batches(&[1000, 1000, 100, 3000, 5]), [vec![0, 1], vec![2], vec![3], vec![4]]);
        assert!(batches(&[]).is_empty());
    }

    /// The word pieces: one vector per piece, unit length, each span inside the text, special tokens left out.
    #[test]
    fn pieces_point_into_the_text() {
        let text = "Farenthold resigned on Friday.";
        let e = &SentenceEncoder::shared().unwrap().encode(&[text]).unwrap()[0];
        assert!(e.spans.len() >= 5, "{:?}", e.spans);
        assert_eq!(e.pieces.len(), e.spans.len() * DIMENSIONS);
        assert_eq!(e.spans[0].0, 0);
        assert!(text[..e.spans[0].1].len() < "Farenthold".len(), "a word piece of the name: {:?}", e.spans[0]);
        assert_eq!(&text[e.spans[e.spans.len() - 1].0..e.spans[e.spans.len() - 1].1], ".");
        for k in 0..e.spans.len() {
            let norm: f32 = e.piece(k).iter().map(|x| x.to_f32().powi(2)).sum();
            assert!((norm - 1.0).abs() < 1e-2, "piece {k}: {norm}");
        }
        assert!(SentenceEncoder::shared().unwrap().encode(&["--"]).unwrap()[0].spans.is_empty());
    }
}
