//! MinHash signatures by one-permutation hashing with optimal densification.
//!
//! Classic MinHash applies `m` hash functions to every shingle (`m × |shingles|` hashes per article).
//! One-permutation hashing (Li, Owen and Zhang, 2012) hashes each shingle once: the high bits of the shingle
//! hash pick one of `m` bins and the low 32 bits are the value; each bin keeps its minimum. Bins that stay empty
//! (short articles) are filled by *optimal densification* (Shrivastava, ICML 2017): an empty bin `i` probes the
//! bins `p(i, 0), p(i, 1), ...` of a fixed pseudo-random sequence and copies the value of the first non-empty one.
//! Both articles of a pair probe the same sequence, so `P[sig_a[i] == sig_b[i]] ≈ J(a, b)` for every bin and the
//! fraction of equal bins estimates the Jaccard similarity, as with `m` independent permutations, at the cost of
//! one hash per shingle (shingle hashes are already uniform 64-bit values).

/// Probes an empty bin makes before it falls back to the first non-empty bin (never reached in practice:
/// with one non-empty bin of 128, the chance of missing it 4096 times is below 1e-13).
const MAX_PROBES: u64 = 4096;

/// Marks an empty bin while the signature is built.
const EMPTY: u64 = u64::MAX;

/// A 64-bit finalizer (MurmurHash3 `fmix64`): a bijection that spreads every input bit.
#[inline]
#[must_use]
pub fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Writes the MinHash signature of a sorted shingle set into `sig` (one `u32` per bin; `sig.len()` bins).
///
/// An empty shingle set gives an all-zero signature; callers keep such articles out of the index.
///
/// ```
/// use newsdiff::dedup::minhash::signature;
/// let shingles: Vec<u64> = (0..500u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect();
/// let mut a = vec![0; 128];
/// signature(&shingles, &mut a);
/// let mut b = vec![0; 128];
/// signature(&shingles[..450], &mut b);
/// let equal = a.iter().zip(&b).filter(|(x, y)| x == y).count();
/// assert!((80..=128).contains(&equal)); // J = 0.9
/// ```
pub fn signature(shingles: &[u64], sig: &mut [u32]) {
    let m = sig.len();
    if m == 0 {
        return;
    }
    if shingles.is_empty() {
        sig.fill(0);
        return;
    }
    let mut bins = [EMPTY; 1024];
    let bins = &mut bins[..m.min(1024)];
    let m64 = bins.len() as u64;
    for &s in shingles {
        // The shingle hash is already uniform; mix once more so that the bin (high bits) and the value (low
        // bits) are independent of how the caller's hashes were built.
        let h = fmix64(s);
        let bin = (((h >> 32) * m64) >> 32) as usize;
        let value = h & 0xffff_ffff;
        if value < bins[bin] {
            bins[bin] = value;
        }
    }
    let first_full = bins.iter().position(|&v| v != EMPTY).unwrap_or(0);
    for i in 0..bins.len() {
        let v = if bins[i] == EMPTY {
            let mut found = bins[first_full];
            for attempt in 0..MAX_PROBES {
                let j = (((fmix64(((i as u64) << 32) ^ attempt ^ 0x5bd1_e995) & 0xffff_ffff) * m64) >> 32) as usize;
                if bins[j] != EMPTY {
                    found = bins[j];
                    break;
                }
            }
            found
        } else {
            bins[i]
        };
        // Only the first 1024 bins are computed; longer signatures repeat them (a documented limit).
        sig[i] = v as u32;
    }
    for i in bins.len()..m {
        sig[i] = sig[i % bins.len()];
    }
}

/// Fraction of equal bins: the MinHash estimate of the Jaccard similarity.
#[must_use]
pub fn estimate(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two sets with a chosen Jaccard similarity: `shared` common elements and `own` elements each.
    fn pair(shared: u64, own: u64, salt: u64) -> (Vec<u64>, Vec<u64>) {
        let h = |i: u64| fmix64(i ^ (salt << 40));
        let common: Vec<u64> = (0..shared).map(h).collect();
        let mut a: Vec<u64> = common.iter().copied().chain((shared..shared + own).map(h)).collect();
        let mut b: Vec<u64> = common.iter().copied().chain((shared + own..shared + 2 * own).map(h)).collect();
        a.sort_unstable();
        b.sort_unstable();
        (a, b)
    }

    #[test]
    fn estimate_approaches_exact_jaccard() {
        // Over many pairs the mean estimate is within 0.01 of the exact value, and single estimates have the
        // spread of a binomial with 128 trials (standard deviation ~0.035 at J = 0.8).
        for (shared, own, size) in [(400, 50, "long"), (80, 10, "short"), (20, 3, "shorter than the signature")] {
            let exact = shared as f64 / (shared + 2 * own) as f64;
            let mut total = 0.0;
            let mut worst: f64 = 0.0;
            let trials = 200;
            for salt in 0..trials {
                let (a, b) = pair(shared, own, salt);
                assert!((crate::dedup::jaccard(&a, &b) - exact).abs() < 1e-12);
                let (mut sa, mut sb) = (vec![0; 128], vec![0; 128]);
                signature(&a, &mut sa);
                signature(&b, &mut sb);
                let e = estimate(&sa, &sb);
                total += e;
                worst = worst.max((e - exact).abs());
            }
            let mean = total / trials as f64;
            assert!((mean - exact).abs() < 0.02, "{size}: mean {mean} vs exact {exact}");
            assert!(worst < 0.2, "{size}: worst error {worst}");
        }
    }

    #[test]
    fn identical_sets_identical_signatures_and_disjoint_sets_differ() {
        let (a, b) = pair(0, 300, 7);
        let (mut sa, mut sb, mut sa2) = (vec![0; 128], vec![0; 128], vec![0; 128]);
        signature(&a, &mut sa);
        signature(&a, &mut sa2);
        signature(&b, &mut sb);
        assert_eq!(sa, sa2);
        assert!(estimate(&sa, &sb) < 0.05);
        // A single shingle fills every bin through densification.
        let mut one = vec![0; 128];
        signature(&[42], &mut one);
        assert!(one.iter().all(|&v| v == one[0]));
    }
}
