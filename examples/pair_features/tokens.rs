//! Token-level semantic features of a candidate pair (an experiment, `pair_features --tokens DIR`).
//!
//! The sentence encoder's pooled cosine pairs sentences on topic. These features look at the encoder's
//! contextual word-piece vectors instead, BERTScore-like: each piece of one claim is matched to its most similar
//! piece of the other (greedy max cosine), and the matches are averaged, in both directions:
//! - `tok_all`: every word piece, unweighted (plain BERTScore precision/recall);
//! - `tok_content`: content pieces only (pieces of words that are not function words), weighted by the word's
//!   idf, matched to the other claim's content pieces;
//! - `tok_diff`: the same, over the content pieces whose word the other claim lacks (the words the lexical
//!   features cannot match): do they have a semantic partner? 1 when there are none;
//! - `tok_unexplained`: the idf mass of content words neither shared nor semantically matched, `Σ w (1 - max
//!   cos)` over the differing pieces, divided by the claim's whole content mass;
//! - `tok_rank`, `tok_gap`: `1 / rank` of the pair's `tok_content` F among its A claim's and its B claim's
//!   candidates, and how far it is below the best.
//!
//! Each A/B pair of values is given as its smaller and its larger, so the features stay symmetric.
//! The weights are read from a directory holding the 4-bit `model.safetensors` (groups of 32 weights with an F16
//! scale each), `shapes.json`, `config.json` and `tokenizer.json`.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use newsdiff::claims::similarity::{TermClass, Terms};
use newsdiff::claims::{Candidate, Idf};
use newsdiff::normalize::Normalizer;
use tokenizers::{Tokenizer, TruncationParams};

/// Names of the extra columns, in output order.
pub const NAMES: [&str; 12] = [
    "tok_all_min",
    "tok_all_max",
    "tok_content_min",
    "tok_content_max",
    "tok_diff_min",
    "tok_diff_max",
    "tok_unexplained_min",
    "tok_unexplained_max",
    "tok_rank_min",
    "tok_rank_max",
    "tok_gap_min",
    "tok_gap_max",
];

const DIM: usize = 384;
const GROUP: usize = 32;

/// The encoder, run for its token vectors.
pub struct TokenModel {
    bert: BertModel,
    tokenizer: Tokenizer,
}

/// The word pieces of one claim: unit vectors, and for each piece its word's term id and idf (0 for function
/// words, punctuation and special tokens).
struct Pieces {
    vectors: Vec<f32>,
    term: Vec<Option<u64>>,
    weight: Vec<f32>,
}

impl Pieces {
    fn len(&self) -> usize {
        self.term.len()
    }

    fn vector(&self, k: usize) -> &[f32] {
        &self.vectors[k * DIM..(k + 1) * DIM]
    }
}

impl TokenModel {
    /// Loads the quantized weights, the configuration and the tokenizer from `dir`.
    pub fn load(dir: impl AsRef<Path>) -> anyhow::Result<Self> {
        let dir = dir.as_ref();
        let bytes = std::fs::read(dir.join("model.safetensors")).context("model.safetensors")?;
        let file = safetensors::SafeTensors::deserialize(&bytes)?;
        let shapes: HashMap<String, Vec<usize>> =
            serde_json::from_slice(&std::fs::read(dir.join("shapes.json")).context("shapes.json")?)?;
        let mut tensors = HashMap::new();
        for (name, shape) in shapes {
            let count: usize = shape.iter().product();
            let data: Vec<f32> = if shape.len() < 2 {
                file.tensor(&name)?.data().chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
            } else {
                let packed = file.tensor(&format!("{name}.q4"))?;
                let scales: Vec<f32> = file
                    .tensor(&format!("{name}.scales"))?
                    .data()
                    .chunks_exact(2)
                    .map(|b| half::f16::from_le_bytes([b[0], b[1]]).to_f32())
                    .collect();
                let packed = packed.data();
                anyhow::ensure!(packed.len() * 2 >= count && scales.len() * GROUP >= count, "{name}: short tensor");
                (0..count)
                    .map(|i| {
                        let nibble = (packed[i / 2] >> ((i % 2) * 4)) & 0x0f;
                        f32::from(i16::from(nibble) as i8 - 8) * scales[i / GROUP]
                    })
                    .collect()
            };
            anyhow::ensure!(data.len() == count, "{name}: {} values for shape {shape:?}", data.len());
            tensors.insert(name, Tensor::from_vec(data, shape, &Device::Cpu)?);
        }
        let config: Config = serde_json::from_slice(&std::fs::read(dir.join("config.json")).context("config.json")?)?;
        let bert = BertModel::load(VarBuilder::from_tensors(tensors, DType::F32, &Device::Cpu), &config)?;
        let mut tokenizer = Tokenizer::from_file(dir.join("tokenizer.json")).map_err(|e| anyhow::anyhow!("{e}"))?;
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams { max_length: 128, ..Default::default() }))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(Self { bert, tokenizer })
    }

    /// The word pieces of `text`, without the special tokens.
    fn pieces(&self, text: &str, idf: &Idf, normalizer: &Normalizer) -> anyhow::Result<Pieces> {
        let enc = self.tokenizer.encode(text, true).map_err(|e| anyhow::anyhow!("{e}"))?;
        let ids = Tensor::new(enc.get_ids(), &Device::Cpu)?.unsqueeze(0)?;
        let types = Tensor::new(enc.get_type_ids(), &Device::Cpu)?.unsqueeze(0)?;
        let mask = Tensor::new(enc.get_attention_mask(), &Device::Cpu)?.unsqueeze(0)?;
        let hidden: Vec<Vec<f32>> = self.bert.forward(&ids, &types, Some(&mask))?.squeeze(0)?.to_vec2()?;
        let tokens = normalizer.tokens(text);
        let terms = Terms::from_tokens(&tokens);
        let mut out = Pieces { vectors: Vec::new(), term: Vec::new(), weight: Vec::new() };
        for (k, v) in hidden.iter().enumerate() {
            if enc.get_special_tokens_mask()[k] == 1 {
                continue;
            }
            let start = enc.get_offsets()[k].0;
            let token = tokens.iter().position(|t| t.span.0 <= start && start < t.span.1);
            let term = token.and_then(|t| terms.terms.iter().find(|r| r.token as usize == t));
            let content = term.filter(|r| r.class != TermClass::Stop);
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
            out.vectors.extend(v.iter().map(|x| x / norm));
            out.term.push(content.map(|r| r.id));
            out.weight.push(content.map_or(0.0, |r| idf.idf(r.id)));
        }
        Ok(out)
    }

    /// The extra features of each candidate of one article pair, in [`NAMES`] order.
    pub fn features(
        &self,
        a_text: &str,
        b_text: &str,
        candidates: &[Candidate],
        idf: &Idf,
        normalizer: &Normalizer,
    ) -> anyhow::Result<Vec<Vec<f32>>> {
        let mut a_pieces: HashMap<usize, Pieces> = HashMap::new();
        let mut b_pieces: HashMap<usize, Pieces> = HashMap::new();
        for c in candidates {
            if !a_pieces.contains_key(&c.a) {
                a_pieces.insert(c.a, self.pieces(&a_text[c.a_span[0]..c.a_span[1]], idf, normalizer)?);
            }
            if !b_pieces.contains_key(&c.b) {
                b_pieces.insert(c.b, self.pieces(&b_text[c.b_span[0]..c.b_span[1]], idf, normalizer)?);
            }
        }
        let raw: Vec<[f32; 8]> = candidates.iter().map(|c| pair(&a_pieces[&c.a], &b_pieces[&c.b])).collect();
        // The content F of each candidate, for its rank among its claims' candidates.
        let f = |r: &[f32; 8]| if r[2] + r[3] > 0.0 { 2.0 * r[2] * r[3] / (r[2] + r[3]) } else { 0.0 };
        let scores: Vec<f32> = raw.iter().map(f).collect();
        Ok(candidates
            .iter()
            .zip(&raw)
            .zip(&scores)
            .map(|((c, r), &s)| {
                let same_a = candidates.iter().zip(&scores).filter(|(x, _)| x.a == c.a).map(|(_, &y)| y);
                let same_b = candidates.iter().zip(&scores).filter(|(x, _)| x.b == c.b).map(|(_, &y)| y);
                let rank_a = 1.0 / (1 + same_a.clone().filter(|&y| y > s).count()) as f32;
                let rank_b = 1.0 / (1 + same_b.clone().filter(|&y| y > s).count()) as f32;
                let gap_a = s - same_a.fold(0.0, f32::max);
                let gap_b = s - same_b.fold(0.0, f32::max);
                let mut v = Vec::with_capacity(NAMES.len());
                for k in 0..4 {
                    v.push(r[2 * k].min(r[2 * k + 1]));
                    v.push(r[2 * k].max(r[2 * k + 1]));
                }
                v.extend([rank_a.min(rank_b), rank_a.max(rank_b), gap_a.min(gap_b), gap_a.max(gap_b)]);
                v
            })
            .collect())
    }
}

/// The raw directional values of one pair: (all A→B, all B→A, content A→B, content B→A, diff A→B, diff B→A,
/// unexplained A, unexplained B).
fn pair(a: &Pieces, b: &Pieces) -> [f32; 8] {
    let sim: Vec<f32> = (0..a.len())
        .flat_map(|k| (0..b.len()).map(move |l| (k, l)))
        .map(|(k, l)| a.vector(k).iter().zip(b.vector(l)).map(|(x, y)| x * y).sum())
        .collect();
    let at = |k: usize, l: usize| sim[k * b.len() + l];
    let (all_ab, content_ab, diff_ab, unexplained_a) = direction(a, b, |k, l| at(k, l));
    let (all_ba, content_ba, diff_ba, unexplained_b) = direction(b, a, |l, k| at(k, l));
    [all_ab, all_ba, content_ab, content_ba, diff_ab, diff_ba, unexplained_a, unexplained_b]
}

/// One direction of [`pair`]: how well `x`'s pieces are matched in `y`.
fn direction(x: &Pieces, y: &Pieces, sim: impl Fn(usize, usize) -> f32) -> (f32, f32, f32, f32) {
    let y_terms: Vec<u64> = y.term.iter().flatten().copied().collect();
    let (mut all, mut all_n) = (0.0f32, 0usize);
    let (mut content, mut content_w) = (0.0f32, 0.0f32);
    let (mut diff, mut diff_w, mut unexplained) = (0.0f32, 0.0f32, 0.0f32);
    for k in 0..x.len() {
        let best_all = (0..y.len()).map(|l| sim(k, l)).fold(f32::MIN, f32::max);
        if y.len() > 0 {
            all += best_all;
            all_n += 1;
        }
        let Some(term) = x.term[k] else { continue };
        let w = x.weight[k];
        let best = (0..y.len()).filter(|&l| y.term[l].is_some()).map(|l| sim(k, l)).fold(0.0f32, f32::max);
        content += w * best;
        content_w += w;
        if !y_terms.contains(&term) {
            diff += w * best;
            diff_w += w;
            unexplained += w * (1.0 - best);
        }
    }
    (
        if all_n > 0 { all / all_n as f32 } else { 0.0 },
        if content_w > 0.0 { content / content_w } else { 0.0 },
        if diff_w > 0.0 { diff / diff_w } else { 1.0 },
        if content_w > 0.0 { unexplained / content_w } else { 0.0 },
    )
}
