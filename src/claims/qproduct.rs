//! The encoder's dense-layer product in 8-bit integers: the 4-bit weights exactly as stored (one `i8` per weight,
//! one scale per group of 32), each input row quantized on the fly to 8 bits per group of 32 values (Q8_0, as
//! GGML does for its Q4_0 products), the group sums exact in 32-bit integers and scaled in F32.
//!
//! Why: the F32 products were half the CPU of a story report, and the weights hold only 4 bits. One AVX-512 VNNI
//! instruction (`vpdpbusd`) multiplies and sums 64 byte pairs, where an AVX2 FMA does 8 float products. The
//! kernel is chosen at run time (`is_x86_feature_detected!`): AVX-512 VNNI, AVX2, or portable Rust. The integer
//! sums are exact and the F32 steps after them are the same operations in the same order in every kernel, so
//! every machine gives bit-identical results. What the 8-bit inputs cost in accuracy is measured in
//! `docs/model.md` ("The forward pass"); the sentence embeddings stay within the test's tolerance of
//! pocket-encoder's F32 ones (`semantic`'s tests).

use rayon::prelude::*;

/// Values per scale, in the weights (the stored 4-bit groups) and in the quantized input rows.
pub(super) const GROUP: usize = 32;

/// Output columns per weight block (two AVX-512 registers of 16 `i32`).
const BLOCK: usize = 32;

/// Input rows per kernel call.
const TILE: usize = 4;

/// Rows per parallel task (a multiple of [`TILE`]): 64 rows of 1,536 bytes stay in the L2 cache while every
/// weight block passes over them.
const TASK_ROWS: usize = 64;

/// Offset that makes the signed 8-bit inputs unsigned (`vpdpbusd` multiplies unsigned by signed bytes).
const OFFSET: i32 = 128;

/// A weight matrix `outputs × inputs`, packed for the kernels.
pub(super) struct QMatrix {
    inputs: usize,
    outputs: usize,
    /// Per block of [`BLOCK`] outputs, per 4 inputs, per output: 4 signed weights (`-8..=7`).
    weights: Vec<i8>,
    /// Per block, per group of inputs, per output: the weights' scale.
    scales: Vec<f32>,
    /// Per block, per group, per output: [`OFFSET`] times the sum of the group's weights (what the offset adds).
    offsets: Vec<i32>,
}

impl QMatrix {
    /// Packs a matrix given row after row (`outputs` rows of `inputs`) as 4-bit values `-8..=7` and one scale per
    /// [`GROUP`] values of a row. `None` when the sizes are not multiples of the block and group.
    pub(super) fn new(values: &[i8], scales: &[f32], outputs: usize, inputs: usize) -> Option<Self> {
        if !outputs.is_multiple_of(BLOCK)
            || !inputs.is_multiple_of(GROUP)
            || values.len() != outputs * inputs
            || scales.len() != outputs * inputs / GROUP
        {
            return None;
        }
        let groups = inputs / GROUP;
        let mut weights = Vec::with_capacity(values.len());
        let mut block_scales = Vec::with_capacity(scales.len());
        let mut offsets = Vec::with_capacity(scales.len());
        for block in 0..outputs / BLOCK {
            let columns = block * BLOCK..(block + 1) * BLOCK;
            for quad in 0..inputs / 4 {
                for j in columns.clone() {
                    weights.extend_from_slice(&values[j * inputs + 4 * quad..][..4]);
                }
            }
            for g in 0..groups {
                for j in columns.clone() {
                    block_scales.push(scales[j * groups + g]);
                    let sum: i32 = values[j * inputs + g * GROUP..][..GROUP].iter().map(|&v| i32::from(v)).sum();
                    offsets.push(OFFSET * sum);
                }
            }
        }
        Some(Self { inputs, outputs, weights, scales: block_scales, offsets })
    }

    /// `x W^T + bias` for `x` row after row (`rows × inputs`); returns `rows × outputs`, row after row.
    pub(super) fn product(&self, x: &[f32], bias: &[f32]) -> Vec<f32> {
        assert_eq!(bias.len(), self.outputs, "one bias per output");
        let rows = x.len() / self.inputs;
        let kernel = Kernel::detect();
        let mut out = vec![0.0f32; rows * self.outputs];
        out.par_chunks_mut(TASK_ROWS * self.outputs).zip(x.par_chunks(TASK_ROWS * self.inputs)).for_each(|(out, x)| {
            let input = Quantized::new(x, self.inputs);
            let mut tile = [[0.0f32; BLOCK]; TILE];
            for block in 0..self.outputs / BLOCK {
                for (t, rows) in input.values.chunks_exact(TILE * self.inputs).enumerate() {
                    let scales = &input.scales[t * TILE * input.groups..][..TILE * input.groups];
                    kernel.tile(self, block, rows, scales, &mut tile);
                    for (r, tile_row) in tile.iter().enumerate() {
                        let row = t * TILE + r;
                        if row < input.rows {
                            let out = &mut out[row * self.outputs + block * BLOCK..][..BLOCK];
                            for ((o, t), b) in out.iter_mut().zip(tile_row).zip(&bias[block * BLOCK..]) {
                                *o = t + b;
                            }
                        }
                    }
                }
            }
        });
        out
    }

    fn block_weights(&self, block: usize) -> &[i8] {
        &self.weights[block * BLOCK * self.inputs..][..BLOCK * self.inputs]
    }

    fn block_scales(&self, block: usize) -> (&[f32], &[i32]) {
        let len = BLOCK * self.inputs / GROUP;
        (&self.scales[block * len..][..len], &self.offsets[block * len..][..len])
    }
}

/// Input rows quantized per group of [`GROUP`] values: `x ≈ scale × q`, `q` in `-127..=127`, stored as
/// `q + OFFSET`; padded with zero rows to a multiple of [`TILE`].
struct Quantized {
    rows: usize,
    groups: usize,
    values: Vec<u8>,
    scales: Vec<f32>,
}

impl Quantized {
    fn new(x: &[f32], inputs: usize) -> Self {
        let rows = x.len() / inputs;
        let padded = rows.div_ceil(TILE) * TILE;
        let groups = inputs / GROUP;
        let mut values = vec![OFFSET as u8; padded * inputs];
        let mut scales = vec![0.0f32; padded * groups];
        quantize(x, &mut values, &mut scales);
        Self { rows, groups, values, scales }
    }
}

/// Quantizes `x` per group of [`GROUP`] into `values` (`q + OFFSET`) and `scales`; compiled for AVX2 too, with
/// the same result (rounding to nearest even by adding and subtracting 1.5 × 2^23, which needs no SSE4.1).
fn quantize(x: &[f32], values: &mut [u8], scales: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    {
        #[target_feature(enable = "avx2")]
        fn wide(x: &[f32], values: &mut [u8], scales: &mut [f32]) {
            quantize_body(x, values, scales);
        }
        if matches!(Kernel::detect(), Kernel::Avx2 | Kernel::Avx512Vnni) {
            // SAFETY: both kernels are chosen only where the processor has AVX2.
            unsafe { wide(x, values, scales) };
            return;
        }
    }
    quantize_body(x, values, scales);
}

#[inline(always)]
fn quantize_body(x: &[f32], values: &mut [u8], scales: &mut [f32]) {
    // Adding 1.5 × 2^23 rounds to the nearest integer, which then sits in the low bits of the sum.
    const ROUND: f32 = 12_582_912.0;
    for ((group, q), scale) in x.chunks_exact(GROUP).zip(values.chunks_exact_mut(GROUP)).zip(scales) {
        // The largest magnitude, in eight lanes (`>` rather than `f32::max`, whose NaN rule keeps it scalar).
        let mut lanes = [0.0f32; 8];
        for chunk in group.chunks_exact(8) {
            for (m, v) in lanes.iter_mut().zip(chunk) {
                *m = if v.abs() > *m { v.abs() } else { *m };
            }
        }
        let max = lanes.iter().fold(0.0f32, |m, &v| if v > m { v } else { m });
        if max > 0.0 && max.is_finite() {
            *scale = max / 127.0;
            let inverse = 127.0 / max;
            for (q, v) in q.iter_mut().zip(group) {
                let rounded = (v * inverse + ROUND).to_bits().wrapping_sub(ROUND.to_bits()) as i32;
                *q = (rounded + OFFSET) as u8;
            }
        }
    }
}

/// The product kernels; each gives the same bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kernel {
    /// AVX-512 with VNNI (`vpdpbusd`).
    #[cfg(target_arch = "x86_64")]
    Avx512Vnni,
    /// AVX2 (`vpmaddubsw`, `vpmaddwd`).
    #[cfg(target_arch = "x86_64")]
    Avx2,
    /// Portable Rust.
    Portable,
}

impl Kernel {
    /// The fastest kernel this processor runs (detected once per process).
    pub(super) fn detect() -> Self {
        #[cfg(target_arch = "x86_64")]
        {
            static DETECTED: std::sync::OnceLock<Kernel> = std::sync::OnceLock::new();
            *DETECTED.get_or_init(|| {
                if is_x86_feature_detected!("avx512f")
                    && is_x86_feature_detected!("avx512bw")
                    && is_x86_feature_detected!("avx512vnni")
                    && is_x86_feature_detected!("fma")
                {
                    Kernel::Avx512Vnni
                } else if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
                    Kernel::Avx2
                } else {
                    Kernel::Portable
                }
            })
        }
        #[cfg(not(target_arch = "x86_64"))]
        Kernel::Portable
    }

    /// Every kernel this processor runs (for the tests).
    #[cfg(test)]
    pub(super) fn available() -> Vec<Self> {
        let mut out = vec![Kernel::Portable];
        #[cfg(target_arch = "x86_64")]
        {
            if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
                out.push(Kernel::Avx2);
            }
            if Kernel::detect() == Kernel::Avx512Vnni {
                out.push(Kernel::Avx512Vnni);
            }
        }
        out
    }

    /// One tile: [`TILE`] quantized rows (`rows`, each `inputs` long; `scales`, each `groups` long) times the
    /// weight block `block`, into `out`.
    fn tile(self, m: &QMatrix, block: usize, rows: &[u8], scales: &[f32], out: &mut [[f32; BLOCK]; TILE]) {
        let weights = m.block_weights(block);
        let (weight_scales, offsets) = m.block_scales(block);
        match self {
            // SAFETY: `detect` chose these kernels only where the processor has the features; the slices'
            // lengths are those the kernels read (checked by `QMatrix::new` and `Quantized::new`).
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx512Vnni => unsafe {
                x86::tile_avx512_vnni(m.inputs, rows, scales, weights, weight_scales, offsets, out)
            },
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => unsafe { x86::tile_avx2(m.inputs, rows, scales, weights, weight_scales, offsets, out) },
            Kernel::Portable => tile_portable(m.inputs, rows, scales, weights, weight_scales, offsets, out),
        }
    }
}

/// The reference kernel: per row and output, per group, the exact integer sum minus the offset's share, then
/// `acc = fma(sum, row_scale × weight_scale, acc)`; the SIMD kernels do the same operations in the same order.
fn tile_portable(
    inputs: usize,
    rows: &[u8],
    scales: &[f32],
    weights: &[i8],
    weight_scales: &[f32],
    offsets: &[i32],
    out: &mut [[f32; BLOCK]; TILE],
) {
    let groups = inputs / GROUP;
    for (r, out) in out.iter_mut().enumerate() {
        let row = &rows[r * inputs..][..inputs];
        for (j, out) in out.iter_mut().enumerate() {
            let mut acc = 0.0f32;
            for g in 0..groups {
                let mut sum = 0i32;
                for quad in g * GROUP / 4..(g + 1) * GROUP / 4 {
                    let w = &weights[(quad * BLOCK + j) * 4..][..4];
                    for (&x, &w) in row[4 * quad..4 * quad + 4].iter().zip(w) {
                        sum += i32::from(x) * i32::from(w);
                    }
                }
                let sum = sum - offsets[g * BLOCK + j];
                let scale = scales[r * groups + g] * weight_scales[g * BLOCK + j];
                acc = (sum as f32).mul_add(scale, acc);
            }
            *out = acc;
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::{BLOCK, GROUP, TILE};
    use std::arch::x86_64::*;

    /// [`super::tile_portable`] with AVX-512 VNNI: per group of 32 inputs, 8 steps of 4 inputs, each one
    /// `vpdpbusd` per row and 16 outputs.
    ///
    /// # Safety
    /// The processor has AVX-512 F, BW, VNNI and FMA; the slices are as `tile_portable` reads them.
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni,fma")]
    pub(super) unsafe fn tile_avx512_vnni(
        inputs: usize,
        rows: &[u8],
        scales: &[f32],
        weights: &[i8],
        weight_scales: &[f32],
        offsets: &[i32],
        out: &mut [[f32; BLOCK]; TILE],
    ) {
        let groups = inputs / GROUP;
        debug_assert!(rows.len() >= TILE * inputs && weights.len() >= BLOCK * inputs);
        debug_assert!(scales.len() >= TILE * groups && weight_scales.len() >= BLOCK * groups);
        let mut acc = [[_mm512_setzero_ps(); 2]; TILE];
        let w = weights.as_ptr();
        let x = rows.as_ptr();
        for g in 0..groups {
            let mut sums = [[_mm512_setzero_si512(); 2]; TILE];
            for quad in g * GROUP / 4..(g + 1) * GROUP / 4 {
                // SAFETY: `quad * BLOCK * 4 + 64 + 64 <= BLOCK * inputs`, `r * inputs + 4 * quad + 4 <= TILE * inputs`.
                unsafe {
                    let w0 = _mm512_loadu_si512(w.add(quad * BLOCK * 4).cast());
                    let w1 = _mm512_loadu_si512(w.add(quad * BLOCK * 4 + 64).cast());
                    for (r, sums) in sums.iter_mut().enumerate() {
                        let xs = _mm512_set1_epi32(x.add(r * inputs + 4 * quad).cast::<i32>().read_unaligned());
                        sums[0] = _mm512_dpbusd_epi32(sums[0], xs, w0);
                        sums[1] = _mm512_dpbusd_epi32(sums[1], xs, w1);
                    }
                }
            }
            // SAFETY: `g * BLOCK + 32 <= BLOCK * groups`.
            unsafe {
                let o = [
                    _mm512_loadu_si512(offsets.as_ptr().add(g * BLOCK).cast()),
                    _mm512_loadu_si512(offsets.as_ptr().add(g * BLOCK + 16).cast()),
                ];
                let s = [
                    _mm512_loadu_ps(weight_scales.as_ptr().add(g * BLOCK)),
                    _mm512_loadu_ps(weight_scales.as_ptr().add(g * BLOCK + 16)),
                ];
                for (r, (acc, sums)) in acc.iter_mut().zip(&sums).enumerate() {
                    let row_scale = _mm512_set1_ps(*scales.get_unchecked(r * groups + g));
                    for (h, acc) in acc.iter_mut().enumerate() {
                        let sum = _mm512_cvtepi32_ps(_mm512_sub_epi32(sums[h], o[h]));
                        *acc = _mm512_fmadd_ps(sum, _mm512_mul_ps(row_scale, s[h]), *acc);
                    }
                }
            }
        }
        for (out, acc) in out.iter_mut().zip(&acc) {
            // SAFETY: each row of `out` holds 32 floats.
            unsafe {
                _mm512_storeu_ps(out.as_mut_ptr(), acc[0]);
                _mm512_storeu_ps(out.as_mut_ptr().add(16), acc[1]);
            }
        }
    }

    /// [`super::tile_portable`] with AVX2: per 8 outputs, per 4 inputs, `vpmaddubsw` (exact: unsigned bytes
    /// times weights in `-8..=7` never reach the 16-bit limit) then `vpmaddwd` by ones.
    ///
    /// # Safety
    /// The processor has AVX2 and FMA; the slices are as `tile_portable` reads them.
    #[target_feature(enable = "avx2,fma")]
    pub(super) unsafe fn tile_avx2(
        inputs: usize,
        rows: &[u8],
        scales: &[f32],
        weights: &[i8],
        weight_scales: &[f32],
        offsets: &[i32],
        out: &mut [[f32; BLOCK]; TILE],
    ) {
        let groups = inputs / GROUP;
        debug_assert!(rows.len() >= TILE * inputs && weights.len() >= BLOCK * inputs);
        debug_assert!(scales.len() >= TILE * groups && weight_scales.len() >= BLOCK * groups);
        let ones = _mm256_set1_epi16(1);
        let w = weights.as_ptr();
        let x = rows.as_ptr();
        for part in 0..BLOCK / 8 {
            let mut acc = [_mm256_setzero_ps(); TILE];
            for g in 0..groups {
                let mut sums = [_mm256_setzero_si256(); TILE];
                for quad in g * GROUP / 4..(g + 1) * GROUP / 4 {
                    // SAFETY: as in `tile_avx512_vnni`.
                    unsafe {
                        let wv = _mm256_loadu_si256(w.add(quad * BLOCK * 4 + part * 32).cast());
                        for (r, sum) in sums.iter_mut().enumerate() {
                            let xs = _mm256_set1_epi32(x.add(r * inputs + 4 * quad).cast::<i32>().read_unaligned());
                            let pairs = _mm256_maddubs_epi16(xs, wv);
                            *sum = _mm256_add_epi32(*sum, _mm256_madd_epi16(pairs, ones));
                        }
                    }
                }
                // SAFETY: `g * BLOCK + part * 8 + 8 <= BLOCK * groups`.
                unsafe {
                    let o = _mm256_loadu_si256(offsets.as_ptr().add(g * BLOCK + part * 8).cast());
                    let s = _mm256_loadu_ps(weight_scales.as_ptr().add(g * BLOCK + part * 8));
                    for (r, (acc, sum)) in acc.iter_mut().zip(&sums).enumerate() {
                        let row_scale = _mm256_set1_ps(*scales.get_unchecked(r * groups + g));
                        let sum = _mm256_cvtepi32_ps(_mm256_sub_epi32(*sum, o));
                        *acc = _mm256_fmadd_ps(sum, _mm256_mul_ps(row_scale, s), *acc);
                    }
                }
            }
            for (out, acc) in out.iter_mut().zip(&acc) {
                // SAFETY: each row of `out` holds 32 floats.
                unsafe { _mm256_storeu_ps(out.as_mut_ptr().add(part * 8), *acc) };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A matrix and inputs from a small deterministic generator.
    fn example(outputs: usize, inputs: usize, rows: usize) -> (QMatrix, Vec<f32>, Vec<f32>) {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let values: Vec<i8> = (0..outputs * inputs).map(|_| (next() % 16) as i8 - 8).collect();
        let scales: Vec<f32> =
            (0..outputs * inputs / GROUP).map(|_| (next() % 1000) as f32 / 40_000.0 + 0.001).collect();
        let x: Vec<f32> = (0..rows * inputs).map(|_| (next() % 20_001) as f32 / 1000.0 - 10.0).collect();
        // The exact product of the dequantized weights, in double precision.
        let mut exact = vec![0.0f32; rows * outputs];
        for r in 0..rows {
            for j in 0..outputs {
                let sum: f64 = (0..inputs)
                    .map(|k| {
                        f64::from(x[r * inputs + k])
                            * f64::from(values[j * inputs + k])
                            * f64::from(scales[(j * inputs + k) / GROUP])
                    })
                    .sum();
                exact[r * outputs + j] = sum as f32;
            }
        }
        (QMatrix::new(&values, &scales, outputs, inputs).unwrap(), x, exact)
    }

    #[test]
    fn every_kernel_gives_the_same_bits_close_to_the_exact_product() {
        // 70 rows: a task of 64 and one of 6, the last tile padded.
        let (m, x, exact) = example(64, 96, 70);
        let mut results = Vec::new();
        for kernel in Kernel::available() {
            let mut out = vec![0.0f32; 70 * 64];
            let input = Quantized::new(&x, 96);
            let mut tile = [[0.0f32; BLOCK]; TILE];
            for block in 0..2 {
                for (t, rows) in input.values.chunks_exact(TILE * 96).enumerate() {
                    kernel.tile(&m, block, rows, &input.scales[t * TILE * 3..][..TILE * 3], &mut tile);
                    for (r, tile_row) in tile.iter().enumerate() {
                        if t * TILE + r < 70 {
                            out[(t * TILE + r) * 64 + block * BLOCK..][..BLOCK].copy_from_slice(tile_row);
                        }
                    }
                }
            }
            results.push((kernel, out));
        }
        assert_eq!(m.product(&x, &[0.0; 64]), results[0].1, "the product uses the detected kernel");
        let shifted: Vec<f32> = results[0].1.iter().enumerate().map(|(k, v)| v + (k % 64) as f32).collect();
        let bias: Vec<f32> = (0..64).map(|j| j as f32).collect();
        assert_eq!(m.product(&x, &bias), shifted, "the bias is added to each output");
        for (kernel, out) in &results {
            assert_eq!(out, &results[0].1, "{kernel:?} against the portable kernel");
        }
        // 8-bit inputs: each value within half a step of 10/127 of its group's largest, so each output within a
        // small fraction of the typical output's size.
        let typical = (exact.iter().map(|v| v * v).sum::<f32>() / exact.len() as f32).sqrt();
        for (a, b) in results[0].1.iter().zip(&exact) {
            assert!((a - b).abs() < 0.03 * typical, "{a} vs {b} (typical {typical})");
        }
    }

    #[test]
    fn sizes_off_the_block_are_refused() {
        assert!(QMatrix::new(&[0; 16 * 32], &[1.0; 16], 16, 32).is_none());
        assert!(QMatrix::new(&[0; 32 * 40], &[1.0; 40], 32, 40).is_none());
        assert!(QMatrix::new(&[0; 32 * 32], &[1.0; 32], 32, 32).is_some());
    }

    #[test]
    fn zero_and_empty_inputs() {
        let (m, _, _) = example(32, 64, 1);
        assert_eq!(m.product(&[0.0; 64 * 3], &[0.0; 32]), vec![0.0; 32 * 3]);
        assert!(m.product(&[], &[0.0; 32]).is_empty());
    }
}
