//! The sentence encoder's forward pass (a BERT encoder: embeddings, then self-attention and feed-forward layers),
//! over many sentences packed row after row.
//!
//! candle's `BertModel` pads a batch to its longest sentence and runs one small matrix product per operation; in
//! news, sentence lengths vary threefold, so a third of the work was padding, and the exact GELU (one `erf` a
//! value) cost as much as a fifth of the products. Here the dense layers multiply every word piece of every
//! sentence at once, in 8-bit integers against the 4-bit weights as stored (module `qproduct`, both cores),
//! attention runs within each sentence only (no padding, no mask), and the GELU's `erf` is a branch-free
//! polynomial the compiler vectorises; attention, GELU and normalisation are compiled for AVX2 too and chosen at
//! run time. The word embeddings stay 4-bit in memory (30,522 rows: 47 MB as F32) and are expanded only for the
//! pieces read.
//!
//! The result is the model's to within the 8-bit inputs of the products: `semantic`'s tests check the sentence
//! embeddings against the `pocket-encoder` crate (F32 products) the model was vendored from.

use std::collections::HashMap;

use half::f16;

use super::qproduct::{GROUP, QMatrix};
use super::semantic::{DIMENSIONS, EncoderError};

/// Attention heads per layer, and the width of each.
const HEADS: usize = 12;
const HEAD_WIDTH: usize = DIMENSIONS / HEADS;

/// Width of the feed-forward layer.
const INNER: usize = 4 * DIMENSIONS;

/// The epsilon of every layer normalisation (the model's `layer_norm_eps`).
const NORM_EPSILON: f32 = 1e-12;

/// Positions the model has embeddings for.
const POSITIONS: usize = 512;

use super::semantic::failed;

/// The vendored weights file: vectors stored as F32; each matrix as 4-bit values (two per byte, the low nibble
/// first, `value + 8`) with one F16 scale per [`GROUP`] values.
struct Stored<'a> {
    file: safetensors::SafeTensors<'a>,
    shapes: HashMap<String, Vec<usize>>,
}

impl<'a> Stored<'a> {
    fn shape(&self, name: &str) -> Result<&[usize], EncoderError> {
        self.shapes.get(name).map(Vec::as_slice).ok_or_else(|| failed(format!("{name}: not in the model")))
    }

    /// A vector, as stored.
    fn vector(&self, name: &str, len: usize) -> Result<Vec<f32>, EncoderError> {
        let data = self.file.tensor(name).map_err(failed)?;
        let v: Vec<f32> = data.data().chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
        if v.len() != len {
            return Err(failed(format!("{name}: {} values, {len} expected", v.len())));
        }
        Ok(v)
    }

    /// A matrix's packed values and scales, checked against its shape `[rows, columns]`.
    fn packed(&self, name: &str, rows: usize, columns: usize) -> Result<Packed, EncoderError> {
        if self.shape(name)? != [rows, columns] {
            return Err(failed(format!("{name}: shape {:?}, [{rows}, {columns}] expected", self.shape(name)?)));
        }
        let nibbles = self.file.tensor(&format!("{name}.q4")).map_err(failed)?.data().to_vec();
        let scales = self.file.tensor(&format!("{name}.scales")).map_err(failed)?;
        let scales: Vec<f32> =
            scales.data().chunks_exact(2).map(|b| f16::from_le_bytes([b[0], b[1]]).to_f32()).collect();
        if nibbles.len() * 2 < rows * columns || scales.len() * GROUP < rows * columns {
            return Err(failed(format!("{name}: fewer stored values than its shape needs")));
        }
        Ok(Packed { nibbles, scales, columns })
    }
}

/// A 4-bit matrix, expanded a row at a time.
struct Packed {
    nibbles: Vec<u8>,
    scales: Vec<f32>,
    columns: usize,
}

impl Packed {
    /// Writes row `r` into `out` (`columns` long).
    fn row_into(&self, r: usize, out: &mut [f32]) {
        let start = r * self.columns;
        for (k, o) in out.iter_mut().enumerate() {
            let i = start + k;
            let nibble = (self.nibbles[i / 2] >> ((i % 2) * 4)) & 0x0f;
            *o = f32::from(i16::from(nibble) - 8) * self.scales[i / GROUP];
        }
    }

    /// The first `len` stored values, as integers `-8..=7`.
    fn values(&self, len: usize) -> impl Iterator<Item = i8> + '_ {
        (0..len).map(|i| ((self.nibbles[i / 2] >> ((i % 2) * 4)) & 0x0f) as i8 - 8)
    }

    /// The whole matrix, row after row.
    fn expand(&self, rows: usize) -> Vec<f32> {
        let mut out = vec![0.0; rows * self.columns];
        for (r, row) in out.chunks_exact_mut(self.columns).enumerate() {
            self.row_into(r, row);
        }
        out
    }
}

/// A dense layer `x W^T + b`, its product in 8-bit integers ([`QMatrix`]).
struct Dense {
    weight: QMatrix,
    bias: Vec<f32>,
}

impl Dense {
    /// Joins the layers `names` (each `outputs_k × inputs`) into one whose outputs are theirs side by side.
    fn load(stored: &Stored, names: &[String], inputs: usize) -> Result<Self, EncoderError> {
        let mut values = Vec::new();
        let mut scales = Vec::new();
        let mut bias = Vec::new();
        for name in names {
            let outputs = stored.shape(&format!("{name}.weight"))?.first().copied().unwrap_or(0);
            let packed = stored.packed(&format!("{name}.weight"), outputs, inputs)?;
            values.extend(packed.values(outputs * inputs));
            scales.extend_from_slice(&packed.scales[..outputs * inputs / GROUP]);
            bias.extend(stored.vector(&format!("{name}.bias"), outputs)?);
        }
        let weight = QMatrix::new(&values, &scales, bias.len(), inputs)
            .ok_or_else(|| failed(format!("{}: sizes off the product's blocks", names.join(", "))))?;
        Ok(Self { weight, bias })
    }

    /// `x` (`rows × inputs`, row after row) through the layer.
    fn apply(&self, x: &[f32]) -> Vec<f32> {
        self.weight.product(x, &self.bias)
    }
}

/// A layer normalisation.
struct Norm {
    gain: Vec<f32>,
    shift: Vec<f32>,
}

impl Norm {
    fn load(stored: &Stored, name: &str) -> Result<Self, EncoderError> {
        Ok(Self {
            gain: stored.vector(&format!("{name}.weight"), DIMENSIONS)?,
            shift: stored.vector(&format!("{name}.bias"), DIMENSIONS)?,
        })
    }

    /// Normalises each row of `x` in place, after adding the same row of `residual`.
    fn apply(&self, x: &mut [f32], residual: &[f32]) {
        add_and_normalise(self, x, residual);
    }

    #[inline(always)]
    fn normalise(&self, row: &mut [f32]) {
        let mean = row.iter().sum::<f32>() / DIMENSIONS as f32;
        let variance = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / DIMENSIONS as f32;
        let scale = 1.0 / (variance + NORM_EPSILON).sqrt();
        for ((v, g), s) in row.iter_mut().zip(&self.gain).zip(&self.shift) {
            *v = (*v - mean) * scale * g + s;
        }
    }
}

/// One transformer layer.
struct Layer {
    /// Query, key and value side by side.
    attention_in: Dense,
    attention_out: Dense,
    attention_norm: Norm,
    up: Dense,
    down: Dense,
    output_norm: Norm,
}

impl Layer {
    fn load(stored: &Stored, k: usize) -> Result<Self, EncoderError> {
        let at = |part: &str| format!("encoder.layer.{k}.{part}");
        let own = ["query", "key", "value"].map(|p| at(&format!("attention.self.{p}")));
        Ok(Self {
            attention_in: Dense::load(stored, &own, DIMENSIONS)?,
            attention_out: Dense::load(stored, &[at("attention.output.dense")], DIMENSIONS)?,
            attention_norm: Norm::load(stored, &at("attention.output.LayerNorm"))?,
            up: Dense::load(stored, &[at("intermediate.dense")], DIMENSIONS)?,
            down: Dense::load(stored, &[at("output.dense")], INNER)?,
            output_norm: Norm::load(stored, &at("output.LayerNorm"))?,
        })
    }

    /// The layer over packed rows; `lengths` are the sentences' row counts, in order.
    fn apply(&self, hidden: &[f32], lengths: &[usize]) -> Result<Vec<f32>, EncoderError> {
        let qkv = self.attention_in.apply(hidden);
        let context = attend(&qkv, lengths);
        let mut attended = self.attention_out.apply(&context);
        self.attention_norm.apply(&mut attended, hidden);
        let mut inner = self.up.apply(&attended);
        gelu(&mut inner);
        let mut out = self.down.apply(&inner);
        self.output_norm.apply(&mut out, &attended);
        Ok(out)
    }
}

/// Whether this processor runs AVX2 with FMA (detected once per process): the loops of attention, GELU and
/// normalisation are compiled twice, for the baseline `x86_64` (SSE2, four lanes) and for AVX2 (eight lanes),
/// and give the same bits either way (Rust never fuses a multiply and an add by itself).
fn avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        static DETECTED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        *DETECTED.get_or_init(|| is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma"))
    }
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// Defines `$name`, which runs `$body` compiled for AVX2 where the processor has it, and for the baseline
/// elsewhere.
macro_rules! multiversion {
    ($(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),*) $(-> $ret:ty)? = $body:ident) => {
        $(#[$doc])*
        fn $name($($arg: $ty),*) $(-> $ret)? {
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx2,fma")]
                fn wide($($arg: $ty),*) $(-> $ret)? {
                    $body($($arg),*)
                }
                if avx2() {
                    // SAFETY: `avx2()` says the processor has AVX2 and FMA.
                    return unsafe { wide($($arg),*) };
                }
            }
            $body($($arg),*)
        }
    };
}

multiversion! {
    /// Self-attention within each sentence: `qkv` holds each row's query, key and value side by side; returns
    /// each row's context (`DIMENSIONS` wide).
    fn attend(qkv: &[f32], lengths: &[usize]) -> Vec<f32> = attend_body
}

multiversion! {
    /// The exact GELU, `x Φ(x) = x (1 + erf(x / √2)) / 2`, in place.
    fn gelu(x: &mut [f32]) = gelu_body
}

multiversion! {
    /// Normalises each row of `x` in place with `norm`, after adding the same row of `residual`.
    fn add_and_normalise(norm: &Norm, x: &mut [f32], residual: &[f32]) = add_and_normalise_body
}

#[inline(always)]
fn add_and_normalise_body(norm: &Norm, x: &mut [f32], residual: &[f32]) {
    for (row, res) in x.chunks_exact_mut(DIMENSIONS).zip(residual.chunks_exact(DIMENSIONS)) {
        for (v, r) in row.iter_mut().zip(res) {
            *v += r;
        }
        norm.normalise(row);
    }
}

#[inline(always)]
fn attend_body(qkv: &[f32], lengths: &[usize]) -> Vec<f32> {
    let width = 3 * DIMENSIONS;
    let scale = 1.0 / (HEAD_WIDTH as f32).sqrt();
    let mut context = vec![0.0f32; qkv.len() / 3];
    let mut start = 0;
    // One head's keys, transposed (`HEAD_WIDTH × len`), so that a query's scores against every key are sums
    // of whole rows, eight keys a step; and one query's scores.
    let mut keys = Vec::new();
    let mut weights = Vec::new();
    for &len in lengths {
        let rows = &qkv[start * width..(start + len) * width];
        let out = &mut context[start * DIMENSIONS..(start + len) * DIMENSIONS];
        for head in 0..HEADS {
            let (q0, k0, v0) = (head * HEAD_WIDTH, DIMENSIONS + head * HEAD_WIDTH, 2 * DIMENSIONS + head * HEAD_WIDTH);
            keys.clear();
            keys.resize(HEAD_WIDTH * len, 0.0);
            for (j, row) in rows.chunks_exact(width).enumerate() {
                for (d, &k) in row[k0..k0 + HEAD_WIDTH].iter().enumerate() {
                    keys[d * len + j] = k;
                }
            }
            for i in 0..len {
                let q = &rows[i * width + q0..][..HEAD_WIDTH];
                weights.clear();
                weights.resize(len, 0.0);
                for (&qd, key) in q.iter().zip(keys.chunks_exact(len)) {
                    let qd = qd * scale;
                    for (w, &k) in weights.iter_mut().zip(key) {
                        *w += qd * k;
                    }
                }
                softmax(&mut weights);
                // Summed in a local array, which stays in vector registers.
                let mut sum = [0.0f32; HEAD_WIDTH];
                for (row, &w) in rows.chunks_exact(width).zip(&weights) {
                    for (s, v) in sum.iter_mut().zip(&row[v0..v0 + HEAD_WIDTH]) {
                        *s += w * v;
                    }
                }
                out[i * DIMENSIONS + q0..][..HEAD_WIDTH].copy_from_slice(&sum);
            }
        }
        start += len;
    }
    context
}

/// The softmax of `x`, in place (with [`exp`], which the compiler vectorises: every `x - max` is at most 0).
#[inline(always)]
fn softmax(x: &mut [f32]) {
    let max = x.iter().fold(f32::NEG_INFINITY, |m, &v| if v > m { v } else { m });
    for v in x.iter_mut() {
        *v = exp(*v - max);
    }
    let sum: f32 = x.iter().sum();
    for v in x.iter_mut() {
        *v /= sum;
    }
}

#[inline(always)]
fn gelu_body(x: &mut [f32]) {
    for v in x.iter_mut() {
        *v = 0.5 * *v * (1.0 + erf(*v * std::f32::consts::FRAC_1_SQRT_2));
    }
}

/// The error function, within 5e-7 (Abramowitz and Stegun 7.1.26: 1.5e-7, plus single-precision rounding),
/// branch-free so loops over it vectorise.
#[inline(always)]
fn erf(x: f32) -> f32 {
    let a = x.abs();
    let t = 1.0 / (1.0 + 0.327_591_1 * a);
    let poly = t * (0.254_829_6 + t * (-0.284_496_74 + t * (1.421_413_7 + t * (-1.453_152_1 + t * 1.061_405_4))));
    (1.0 - poly * exp(-a * a)).copysign(x)
}

/// `e^x` for `x <= 0` (the only use), within a few units in the last place: `2^(x log2 e)` split into the nearest
/// power of two, set in the exponent bits, and the Taylor series of `2^f` for the rest (`|f| <= 1/2`, seven
/// terms: within 1e-8); branch-free.
#[inline(always)]
fn exp(x: f32) -> f32 {
    let y = (x * std::f32::consts::LOG2_E).max(-126.0);
    // Rounds to the nearest integer: `y <= 0`, and `as` truncates towards zero.
    let n = (y - 0.5) as i32;
    let f = y - n as f32;
    let p = 1.0
        + f * (std::f32::consts::LN_2
            + f * (0.240_226_5
                + f * (0.055_504_11
                    + f * (0.009_618_129 + f * (0.001_333_355_8 + f * (1.540_353e-4 + f * 1.525_273_4e-5))))));
    f32::from_bits(((n + 127) as u32) << 23) * p
}

/// The encoder's weights.
pub(super) struct Bert {
    words: Packed,
    positions: Vec<f32>,
    /// Every piece is of segment type 0.
    segment: Vec<f32>,
    embedding_norm: Norm,
    layers: Vec<Layer>,
}

impl Bert {
    /// Loads the model from the vendored weights, shapes and configuration files; the configuration must be the
    /// architecture this forward pass implements.
    pub(super) fn load(weights: &[u8], shapes: &str, config: &str) -> Result<Self, EncoderError> {
        let config: serde_json::Value = serde_json::from_str(config).map_err(failed)?;
        let number = |key: &str| config.get(key).and_then(serde_json::Value::as_f64).unwrap_or(f64::NAN);
        let expected = [
            ("hidden_size", DIMENSIONS as f64),
            ("num_attention_heads", HEADS as f64),
            ("intermediate_size", INNER as f64),
            ("max_position_embeddings", POSITIONS as f64),
            ("layer_norm_eps", f64::from(NORM_EPSILON)),
        ];
        for (key, value) in expected {
            if (number(key) - value).abs() > value * 1e-6 {
                return Err(failed(format!("the model's {key} is {}, {value} expected", number(key))));
            }
        }
        if config.get("hidden_act").and_then(serde_json::Value::as_str) != Some("gelu") {
            return Err(failed("the model's activation is not the exact GELU"));
        }
        let stored = Stored {
            file: safetensors::SafeTensors::deserialize(weights).map_err(failed)?,
            shapes: serde_json::from_str(shapes).map_err(failed)?,
        };
        let vocabulary = stored.shape("embeddings.word_embeddings.weight")?.first().copied().unwrap_or(0);
        let layers = (0..)
            .take_while(|k| stored.shapes.contains_key(&format!("encoder.layer.{k}.output.dense.weight")))
            .map(|k| Layer::load(&stored, k))
            .collect::<Result<Vec<_>, _>>()?;
        let positions = stored.packed("embeddings.position_embeddings.weight", POSITIONS, DIMENSIONS)?;
        let segments = stored.packed("embeddings.token_type_embeddings.weight", 2, DIMENSIONS)?;
        let mut segment = vec![0.0; DIMENSIONS];
        segments.row_into(0, &mut segment);
        Ok(Self {
            words: stored.packed("embeddings.word_embeddings.weight", vocabulary, DIMENSIONS)?,
            positions: positions.expand(POSITIONS),
            segment,
            embedding_norm: Norm::load(&stored, "embeddings.LayerNorm")?,
            layers,
        })
    }

    /// The output vector of every piece of every sentence, packed row after row in the sentences' order.
    ///
    /// # Errors
    /// A piece id outside the vocabulary, a sentence longer than the model's positions, or a failed product.
    pub(super) fn forward(&self, sentences: &[&[u32]]) -> Result<Vec<f32>, EncoderError> {
        let lengths: Vec<usize> = sentences.iter().map(|s| s.len()).collect();
        let rows: usize = lengths.iter().sum();
        let mut hidden = vec![0.0f32; rows * DIMENSIONS];
        let mut out = hidden.chunks_exact_mut(DIMENSIONS);
        let vocabulary = self.words.nibbles.len() * 2 / DIMENSIONS;
        for ids in sentences {
            if ids.len() > POSITIONS {
                return Err(failed(format!("{} pieces, at most {POSITIONS}", ids.len())));
            }
            for (p, &id) in ids.iter().enumerate() {
                let row = out.next().ok_or_else(|| failed("row count"))?;
                let id = id as usize;
                if id >= vocabulary {
                    return Err(failed(format!("piece id {id} outside the vocabulary")));
                }
                self.words.row_into(id, row);
                let position = &self.positions[p * DIMENSIONS..(p + 1) * DIMENSIONS];
                for ((v, a), b) in row.iter_mut().zip(position).zip(&self.segment) {
                    *v += a + b;
                }
                self.embedding_norm.normalise(row);
            }
        }
        for layer in &self.layers {
            hidden = layer.apply(&hidden, &lengths)?;
        }
        Ok(hidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erf_and_exp_are_close_to_the_exact_functions() {
        for k in -400..=400 {
            let x = k as f32 / 100.0;
            let exact = libm_erf(f64::from(x));
            assert!((f64::from(erf(x)) - exact).abs() < 5e-7, "erf({x}) = {} vs {exact}", erf(x));
            if x <= 0.0 {
                let e = f64::from(x).exp();
                assert!((f64::from(exp(x)) - e).abs() <= 5e-7 * e, "exp({x}) = {} vs {e}", exp(x));
            }
        }
        assert!(exp(-200.0) >= 0.0 && exp(-200.0) < 1e-37);
    }

    /// erf by its series (small `x`) or continued fraction (large `x`), in double precision.
    fn libm_erf(x: f64) -> f64 {
        let a = x.abs();
        let v = if a < 2.5 {
            let (mut term, mut sum) = (a, a);
            for n in 1..60 {
                term *= -a * a / f64::from(n);
                sum += term / f64::from(2 * n + 1);
            }
            sum * 2.0 / std::f64::consts::PI.sqrt()
        } else {
            let mut f = 0.0;
            for n in (1..80).rev() {
                f = f64::from(n) / 2.0 / (a + f);
            }
            1.0 - (-a * a).exp() / std::f64::consts::PI.sqrt() / (a + f)
        };
        v.copysign(x)
    }
}
