//! Locality-sensitive hashing by banding: candidate pairs from MinHash signatures.
//!
//! A signature of `m` values is cut into `b` bands of `r` rows; two articles are candidates when all `r` values of
//! at least one band agree. For a pair with Jaccard similarity `s` that happens with probability
//! `1 - (1 - s^r)^b`, an S-curve. Every candidate is verified with the exact Jaccard afterwards, so a false
//! candidate costs only a comparison while a missed pair is lost: [`Banding::for_threshold`] therefore picks the
//! band shape that still finds 99.5% of the pairs *at* the threshold, and more above it.

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Probability wanted at the threshold itself.
const TARGET_RECALL: f64 = 0.995;

/// Buckets larger than this (boilerplate shared by many articles) pair each member with the next
/// `MAX_BUCKET_PAIRS` members only, which keeps the work linear; true duplicates share many bands anyway.
pub const MAX_BUCKET_PAIRS: usize = 256;

/// A band shape: `bands` bands of `rows` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Banding {
    /// Number of bands.
    pub bands: usize,
    /// Rows (signature values) per band.
    pub rows: usize,
}

impl Banding {
    /// The widest band shape (fewest false candidates) that makes a pair of similarity `threshold` a candidate
    /// with probability at least 0.995, for signatures of `num_perm` values.
    ///
    /// ```
    /// use newsdiff::dedup::lsh::Banding;
    /// assert_eq!(Banding::for_threshold(128, 0.8), Banding { bands: 21, rows: 6 });
    /// ```
    #[must_use]
    pub fn for_threshold(num_perm: usize, threshold: f64) -> Self {
        let num_perm = num_perm.max(1);
        (1..=num_perm)
            .rev()
            .map(|rows| Self { bands: num_perm / rows, rows })
            .find(|b| b.probability(threshold) >= TARGET_RECALL)
            .unwrap_or(Self { bands: num_perm, rows: 1 })
    }

    /// Probability that a pair of Jaccard similarity `s` shares at least one band.
    #[must_use]
    pub fn probability(&self, s: f64) -> f64 {
        1.0 - (1.0 - s.clamp(0.0, 1.0).powi(self.rows as i32)).powi(self.bands as i32)
    }

    /// The key of band `band` of a signature.
    #[inline]
    #[must_use]
    pub fn key(&self, sig: &[u32], band: usize) -> u64 {
        let rows = &sig[band * self.rows..(band + 1) * self.rows];
        let mut buf = [0u8; 4 * 64];
        let mut h = band as u64;
        for chunk in rows.chunks(64) {
            for (dst, v) in buf.chunks_exact_mut(4).zip(chunk) {
                dst.copy_from_slice(&v.to_le_bytes());
            }
            h = xxh3_64_with_seed(&buf[..chunk.len() * 4], h);
        }
        h
    }
}

/// Candidate pairs `(a, b)` with `a < b` among the articles `ids` (signatures `sig_of(id)`), sorted and
/// deduplicated. `skip(a, b)` drops pairs not wanted (both from a saved index).
pub fn candidates<'s>(
    banding: &Banding,
    ids: &[u32],
    sig_of: impl Fn(u32) -> &'s [u32] + Sync,
    skip: impl Fn(u32, u32) -> bool + Sync,
) -> Vec<(u32, u32)> {
    use rayon::prelude::*;
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut keys: Vec<(u64, u32)> = Vec::with_capacity(ids.len());
    for band in 0..banding.bands {
        keys.clear();
        keys.par_extend(ids.par_iter().map(|&id| (banding.key(sig_of(id), band), id)));
        keys.par_sort_unstable();
        let mut start = 0;
        while start < keys.len() {
            let mut end = start + 1;
            while end < keys.len() && keys[end].0 == keys[start].0 {
                end += 1;
            }
            let bucket = &keys[start..end];
            for (i, &(_, a)) in bucket.iter().enumerate() {
                for &(_, b) in bucket.iter().skip(i + 1).take(MAX_BUCKET_PAIRS) {
                    let pair = if a < b { (a, b) } else { (b, a) };
                    if !skip(pair.0, pair.1) {
                        pairs.push(pair);
                    }
                }
            }
            start = end;
        }
        // Keep memory near the number of distinct pairs, not bands × pairs.
        if pairs.len() > 1 << 22 {
            pairs.par_sort_unstable();
            pairs.dedup();
        }
    }
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::minhash::{fmix64, signature};

    #[test]
    fn banding_probability_curve() {
        let b = Banding::for_threshold(128, 0.8);
        assert!(b.bands * b.rows <= 128);
        assert!(b.probability(0.8) >= 0.995);
        assert!(b.probability(0.9) > b.probability(0.8));
        assert!(b.probability(0.2) < 0.05, "unrelated articles are rarely candidates");
        assert_eq!(b.probability(1.0), 1.0);
        assert_eq!(b.probability(0.0), 0.0);
        // A lower threshold gives narrower bands.
        assert!(Banding::for_threshold(128, 0.5).rows < b.rows);
    }

    #[test]
    fn observed_candidate_rate_follows_the_curve() {
        // Pairs with Jaccard 0.6 are candidates about as often as the curve says.
        let banding = Banding::for_threshold(128, 0.8);
        let expected = banding.probability(0.6);
        let trials = 300u64;
        let mut hits = 0;
        for t in 0..trials {
            let h = |i: u64| fmix64(i ^ (t << 40));
            // |A ∩ B| = 300, |A \ B| = |B \ A| = 100: J = 300 / 500 = 0.6
            let mut a: Vec<u64> = (0..400).map(h).collect();
            let mut b: Vec<u64> = (0..300).chain(400..500).map(h).collect();
            a.sort_unstable();
            b.sort_unstable();
            let (mut sa, mut sb) = (vec![0; 128], vec![0; 128]);
            signature(&a, &mut sa);
            signature(&b, &mut sb);
            let sigs = [sa, sb];
            let found = candidates(&banding, &[0, 1], |i| &sigs[i as usize], |_, _| false);
            hits += usize::from(found == [(0, 1)]);
        }
        let rate = hits as f64 / trials as f64;
        assert!((rate - expected).abs() < 0.12, "observed {rate}, curve {expected}");
    }

    #[test]
    fn big_buckets_stay_linear() {
        let banding = Banding { bands: 1, rows: 4 };
        let sig = vec![7u32; 4];
        let ids: Vec<u32> = (0..1000).collect();
        let pairs = candidates(&banding, &ids, |_| &sig, |_, _| false);
        assert!(pairs.len() <= 1000 * MAX_BUCKET_PAIRS);
        assert!(pairs.contains(&(0, 1)) && pairs.contains(&(998, 999)));
    }
}
