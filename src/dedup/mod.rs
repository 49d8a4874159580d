//! Exact and near-duplicate articles at corpus scale.
//!
//! The pipeline, each step in its own module:
//!
//! 1. [`shingle`]: the words of each article (the normalizer's word-like tokens, through a fast path), their
//!    128-bit fingerprint and the set of `k`-word shingle hashes (default 5).
//! 2. Exact duplicates: articles with the same fingerprint (same words after normalization) join the first one;
//!    only that first copy goes on.
//! 3. [`minhash`]: a MinHash signature per article (one-permutation hashing with densification, 128 values).
//! 4. [`lsh`]: banding turns signatures into candidate pairs, tuned so that pairs at the threshold are found;
//!    candidates whose signatures agree far less than a pair at the threshold would (6 standard deviations) are
//!    dropped before the exact comparison.
//! 5. Verification: every candidate pair gets its exact Jaccard similarity and containment from the two shingle
//!    sets, read back from a temporary file or recomputed from the texts ([`Deduplicator::finish_rereading`]);
//!    pairs under the thresholds are dropped, so estimates never reach the output.
//! 6. [`crate::unionfind`]: clusters are the connected components of verified pairs; each gets a representative by
//!    the [`Keep`] rule and a stable id (clusters are ordered by their first article).
//!
//! Memory per article is its signature (512 bytes), its ids and a few counters; texts and shingle sets are not
//! kept in memory. [`Deduplicator::add_articles`] takes articles in chunks, so a corpus larger than memory streams
//! through.
//!
//! ```
//! use newsdiff::dedup::{DedupConfig, Deduplicator};
//! use newsdiff::article::Article;
//!
//! let wire = "Delegations from both countries met in Geneva on Friday to resume talks on a ceasefire, \
//!             officials said, adding that a second round would follow next week in Istanbul.";
//! let reprint = wire.replace("Friday", "Saturday");
//! let other = "The central bank left interest rates unchanged on Thursday and signalled no cut this year.";
//! let articles = [Article::from_text("a", wire), Article::from_text("b", &reprint), Article::from_text("c", other)];
//! let mut dedup = Deduplicator::new(DedupConfig { threshold: 0.5, ..DedupConfig::default() })?;
//! dedup.add_articles(&articles)?;
//! let result = dedup.finish()?;
//! assert_eq!(result.pairs.len(), 1);
//! assert_eq!((result.pairs[0].a, result.pairs[0].b), (0, 1));
//! assert_eq!(result.clusters[0].members, [0, 1]);
//! assert_eq!(result.summary.removed, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Saved indexes
//! [`Deduplicator::write_index`] saves this run's articles; [`Deduplicator::load_index`] brings them back in a
//! later run, which then compares its new articles with them (but not the indexed ones with each other). The
//! format is little-endian binary:
//!
//! ```text
//! header  "NDDEDUP\0" (8 bytes), u32 version = 1, u32 shingle size, u32 signature length m, u32 0, u64 count
//! record  id, source, title, date (each u32 byte length + UTF-8; length 0xFFFFFFFF = absent),
//!         u32 words, u128 fingerprint, u32 n (shingles), m × u32 signature, n × u64 sorted shingles
//! ```

pub mod lsh;
pub mod minhash;
pub mod shingle;
mod store;

use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

pub use lsh::Banding;
pub use shingle::{Shingler, containment, intersection_size, jaccard, shingles};

use crate::article::Article;
use crate::unionfind::UnionFind;
use store::{Loc, ShingleStore, len_u32};

/// Which article of a cluster is kept as its representative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Keep {
    /// The first in input order.
    #[default]
    First,
    /// The one with the most words (the first of those on a tie).
    Longest,
    /// The one with the earliest date (articles without a date come last; the first on a tie).
    Earliest,
}

/// Settings of a deduplication run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DedupConfig {
    /// Words per shingle (1 to 16).
    pub shingle_size: usize,
    /// Signature length (MinHash values per article).
    pub num_perm: usize,
    /// Pairs with an exact Jaccard similarity at least this are duplicates.
    pub threshold: f64,
    /// Pairs whose smaller article is at least this much inside the other are duplicates too.
    pub containment: Option<f64>,
    /// Which article of a cluster is kept.
    pub keep: Keep,
}

impl Default for DedupConfig {
    fn default() -> Self {
        Self { shingle_size: 5, num_perm: 128, threshold: 0.8, containment: None, keep: Keep::First }
    }
}

impl DedupConfig {
    /// The Jaccard similarity the LSH bands are tuned for: the threshold, or with containment `c` the Jaccard
    /// of a pair where the shorter article, half as long as the other, is `c` inside it (`c / (3 - c)`).
    #[must_use]
    pub fn lsh_threshold(&self) -> f64 {
        match self.containment {
            Some(c) => self.threshold.min(c / (3.0 - c)),
            None => self.threshold,
        }
    }

    /// The band shape used for these settings.
    #[must_use]
    pub fn banding(&self) -> Banding {
        Banding::for_threshold(self.num_perm, self.lsh_threshold())
    }
}

/// What is kept of an article: its ids and metadata, never its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleInfo {
    /// The article's id.
    pub id: String,
    /// Its source or outlet.
    pub source: String,
    /// Its title, when known.
    pub title: Option<String>,
    /// Its date as given.
    pub date: Option<String>,
    /// Number of words (word-like tokens); 0 for an empty article, which is never clustered.
    pub words: u32,
    /// True when the article comes from a saved index (`--against`), not from this run's input.
    pub indexed: bool,
    /// Where it was read from (`file:line`), or the index file.
    pub origin: String,
}

/// What the deduplicator computes from one article's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Sketch {
    /// Number of words.
    pub words: u32,
    /// Fingerprint of the word sequence (exact duplicates share it).
    pub fingerprint: u128,
    /// Sorted, deduplicated shingle hashes (left empty by a deduplicator that re-reads texts).
    pub shingles: Vec<u64>,
    /// MinHash signature.
    pub signature: Vec<u32>,
}

/// A verified pair of duplicates: indexes into [`Dedup::articles`], `a < b`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pair {
    /// The earlier article.
    pub a: u32,
    /// The later article.
    pub b: u32,
    /// Exact Jaccard similarity of the shingle sets.
    pub jaccard: f64,
    /// Exact containment: the share of the smaller shingle set found in the larger.
    pub containment: f64,
    /// True when both have the same words after normalization.
    pub exact: bool,
}

/// A cluster: articles joined by verified pairs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    /// Stable id: clusters are numbered from 0 in the order of their first article.
    pub id: usize,
    /// Members (indexes into [`Dedup::articles`]), in input order.
    pub members: Vec<u32>,
    /// The member kept by `--keep` (an indexed member when there is one: it was kept before).
    pub representative: u32,
}

/// Counts of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Articles of this run (not counting indexed ones).
    pub articles: usize,
    /// Articles loaded from saved indexes.
    pub indexed: usize,
    /// Articles without words (never clustered).
    pub empty: usize,
    /// Articles with the same words as an earlier one.
    pub exact_duplicates: usize,
    /// Verified pairs that are not exact duplicates.
    pub near_duplicate_pairs: usize,
    /// Candidate pairs verified exactly: proposed by the LSH bands, minus those whose signatures agree on far
    /// fewer values than a pair at the threshold would.
    pub candidates: usize,
    /// Clusters.
    pub clusters: usize,
    /// Articles in clusters.
    pub clustered_articles: usize,
    /// Articles of this run that a deduplicated corpus drops.
    pub removed: usize,
}

/// An id used by more than one article (the articles are kept apart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateId {
    /// The id.
    pub id: String,
    /// Where each article with this id was read from.
    pub origins: Vec<String>,
}

/// The result of a run: plain data, in a deterministic order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dedup {
    /// The settings.
    pub config: DedupConfig,
    /// The band shape used.
    pub banding: Banding,
    /// Counts.
    pub summary: Summary,
    /// Every article: indexed ones first, then this run's in input order.
    #[serde(skip)]
    pub articles: Vec<ArticleInfo>,
    /// Verified pairs, sorted by `(a, b)`. Exact duplicates are paired with the first copy only.
    pub pairs: Vec<Pair>,
    /// Clusters, ordered by id.
    pub clusters: Vec<Cluster>,
    /// Ids used more than once.
    pub duplicate_ids: Vec<DuplicateId>,
}

impl Dedup {
    /// For each article, whether a deduplicated corpus keeps it (indexed articles: false).
    #[must_use]
    pub fn kept(&self) -> Vec<bool> {
        let mut kept: Vec<bool> = self.articles.iter().map(|a| !a.indexed).collect();
        for c in &self.clusters {
            for &m in &c.members {
                if m != c.representative {
                    kept[m as usize] = false;
                }
            }
        }
        kept
    }

    /// The cluster of each article, if any.
    #[must_use]
    pub fn cluster_of(&self) -> Vec<Option<usize>> {
        let mut of = vec![None; self.articles.len()];
        for c in &self.clusters {
            for &m in &c.members {
                of[m as usize] = Some(c.id);
            }
        }
        of
    }
}

/// Errors of saved indexes.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The I/O error.
        source: io::Error,
    },
    /// The file is not a newsdiff dedup index, or it is damaged.
    #[error("{path}: not a newsdiff dedup index ({message})")]
    Invalid {
        /// The path.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The index was built with other settings.
    #[error("{path}: built with {what} {found}, this run uses {wanted} (pass the same --{flag})")]
    Mismatch {
        /// The path.
        path: String,
        /// The setting.
        what: &'static str,
        /// The flag that sets it.
        flag: &'static str,
        /// The index's value.
        found: u32,
        /// This run's value.
        wanted: u32,
    },
}

const MAGIC: &[u8; 8] = b"NDDEDUP\0";
const VERSION: u32 = 1;
const ABSENT: u32 = u32::MAX;

/// Finds exact and near-duplicate articles (see the module docs).
#[derive(Debug)]
pub struct Deduplicator {
    config: DedupConfig,
    banding: Banding,
    shingler: Shingler,
    infos: Vec<ArticleInfo>,
    signatures: Vec<u32>,
    locs: Vec<Loc>,
    first_with: FxHashMap<u128, u32>,
    fingerprints: Vec<u128>,
    exact_of: Vec<u32>,
    store: ShingleStore,
    spill: bool,
    indexed: usize,
    /// Band keys of every article so far (re-reading mode): an article that shares one with an earlier article
    /// is likely in a candidate pair, so its shingle set is kept in memory (within [`KEPT_BUDGET`]) instead of
    /// being read again.
    seen_keys: rustc_hash::FxHashSet<u64>,
    kept: FxHashMap<u32, Vec<u64>>,
    kept_bytes: usize,
}

/// Memory for shingle sets kept in re-reading mode; beyond it, sets are read again.
const KEPT_BUDGET: usize = 256 << 20;

impl Deduplicator {
    /// A deduplicator with the given settings that keeps every article's shingle set in a temporary file for
    /// verification (out-of-range settings are clamped: shingles 1..=16, signature 1..=1024 values, thresholds
    /// 0..=1).
    ///
    /// # Errors
    /// When the temporary file for shingle sets cannot be created.
    pub fn new(config: DedupConfig) -> io::Result<Self> {
        Self::build(config, true)
    }

    /// A deduplicator that keeps no shingle sets: [`Self::finish_rereading`] asks the caller for the texts of
    /// the articles in candidate pairs instead (a streaming caller reads them again from its input). Faster when
    /// the input can be read twice, and it needs no temporary space; [`Self::write_index`] is not available.
    ///
    /// # Errors
    /// When the (unused) temporary file cannot be created.
    pub fn rereading(config: DedupConfig) -> io::Result<Self> {
        Self::build(config, false)
    }

    fn build(mut config: DedupConfig, spill: bool) -> io::Result<Self> {
        config.shingle_size = config.shingle_size.clamp(1, shingle::MAX_SHINGLE);
        config.num_perm = config.num_perm.clamp(1, 1024);
        config.threshold = config.threshold.clamp(0.0, 1.0);
        config.containment = config.containment.map(|c| c.clamp(0.0, 1.0));
        Ok(Self {
            banding: config.banding(),
            config,
            shingler: Shingler::new(),
            infos: Vec::new(),
            signatures: Vec::new(),
            locs: Vec::new(),
            first_with: FxHashMap::default(),
            fingerprints: Vec::new(),
            exact_of: Vec::new(),
            store: ShingleStore::new()?,
            spill,
            indexed: 0,
            seen_keys: rustc_hash::FxHashSet::default(),
            kept: FxHashMap::default(),
            kept_bytes: 0,
        })
    }

    /// The settings in use.
    #[must_use]
    pub fn config(&self) -> &DedupConfig {
        &self.config
    }

    /// Number of articles added (indexed ones included).
    #[must_use]
    pub fn len(&self) -> usize {
        self.infos.len()
    }

    /// True when no article was added.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.infos.is_empty()
    }

    /// The sketch of one text: words, fingerprint, shingles and signature.
    #[must_use]
    pub fn sketch(&self, text: &str) -> Sketch {
        self.with_sketch(text, |sketch, window| {
            if self.spill {
                sketch.shingles = sorted_set(window);
            }
        })
    }

    /// The sketch of `text` without its shingle set; `f` may complete it, and sees the shingle hashes in text
    /// order (with repeats). Uses per-thread scratch buffers.
    fn with_sketch(&self, text: &str, f: impl FnOnce(&mut Sketch, &[u64])) -> Sketch {
        thread_local! {
            static SCRATCH: std::cell::RefCell<(shingle::Words, Vec<u64>)> = Default::default();
        }
        SCRATCH.with_borrow_mut(|(words, window)| {
            self.shingler.words_into(text, words);
            words.shingle_hashes_into(self.config.shingle_size, window);
            let mut signature = vec![0; self.config.num_perm];
            minhash::signature(window, &mut signature);
            let mut sketch = Sketch {
                words: u32::try_from(words.hashes.len()).unwrap_or(u32::MAX),
                fingerprint: words.fingerprint(),
                shingles: Vec::new(),
                signature,
            };
            f(&mut sketch, window);
            sketch
        })
    }

    /// Sketches a chunk of articles in parallel and adds them, in order.
    ///
    /// # Errors
    /// I/O errors on the temporary shingle file.
    pub fn add_articles(&mut self, articles: &[Article]) -> io::Result<()> {
        if self.spill {
            let sketches: Vec<Sketch> = articles.par_iter().with_min_len(8).map(|a| self.sketch(a.body())).collect();
            for (article, sketch) in articles.iter().zip(sketches) {
                self.add_sketch(info_of(article, sketch.words), sketch)?;
            }
            return Ok(());
        }
        // Re-reading mode: keep the shingle sets of the articles that share a band with an earlier one (the later
        // article of most candidate pairs) while their texts are at hand. Earlier chunks are checked in parallel;
        // articles of this chunk that only collide with each other get their sets afterwards.
        let sketched: Vec<(Sketch, Vec<u64>, Option<Vec<u64>>)> = articles
            .par_iter()
            .with_min_len(8)
            .map(|a| self.sketch_keeping(a.body(), |keys| keys.iter().any(|k| self.seen_keys.contains(k))))
            .collect();
        let mut kept = Vec::new();
        let mut later = Vec::new();
        for (pos, (article, (sketch, keys, set))) in articles.iter().zip(sketched).enumerate() {
            let idx = self.infos.len() as u32;
            let words = sketch.words;
            self.add_sketch(info_of(article, words), sketch)?;
            if words == 0 || self.exact_of[idx as usize] != idx {
                continue;
            }
            let mut hit = false;
            for key in keys {
                hit |= !self.seen_keys.insert(key);
            }
            if !hit || self.kept_bytes >= KEPT_BUDGET {
                continue;
            }
            match set {
                Some(set) => {
                    self.kept_bytes += set.len() * 8;
                    kept.push((idx, set));
                }
                None => {
                    self.kept_bytes += article.body().len();
                    later.push((idx, pos));
                }
            }
        }
        let k = self.config.shingle_size;
        kept.par_extend(later.par_iter().map(|&(idx, pos)| (idx, self.shingler.shingles_of(articles[pos].body(), k))));
        self.kept.extend(kept);
        Ok(())
    }

    /// The sketch of a text (without its shingle set), its band keys, and its sorted shingle set when
    /// `wanted(band keys)` says so. Uses per-thread scratch buffers.
    fn sketch_keeping(&self, text: &str, wanted: impl Fn(&[u64]) -> bool) -> (Sketch, Vec<u64>, Option<Vec<u64>>) {
        let (mut keys, mut set) = (Vec::new(), None);
        let sketch = self.with_sketch(text, |sketch, window| {
            keys = (0..self.banding.bands).map(|b| self.banding.key(&sketch.signature, b)).collect();
            set = (!window.is_empty() && wanted(&keys)).then(|| sorted_set(window));
        });
        (sketch, keys, set)
    }

    /// Adds one sketched article.
    ///
    /// # Errors
    /// I/O errors on the temporary shingle file.
    pub fn add_sketch(&mut self, info: ArticleInfo, sketch: Sketch) -> io::Result<()> {
        let loc = if self.spill { self.store.push(&sketch.shingles)? } else { Loc::NOT_STORED };
        self.push(&info, &sketch.signature, sketch.fingerprint, loc);
        self.infos.push(info);
        Ok(())
    }

    fn push(&mut self, info: &ArticleInfo, signature: &[u32], fingerprint: u128, loc: Loc) {
        let idx = u32::try_from(self.infos.len()).unwrap_or(u32::MAX);
        let first = if info.words == 0 { idx } else { *self.first_with.entry(fingerprint).or_insert(idx) };
        self.exact_of.push(first);
        self.fingerprints.push(fingerprint);
        self.signatures.extend_from_slice(signature);
        self.locs.push(loc);
    }

    fn signature(&self, idx: u32) -> &[u32] {
        let m = self.config.num_perm;
        &self.signatures[idx as usize * m..(idx as usize + 1) * m]
    }

    /// Loads a saved index: its articles take part in this run as already-kept articles. Load indexes before
    /// adding this run's articles.
    ///
    /// # Errors
    /// An [`IndexError`] naming the file: unreadable, not an index, damaged, or built with another shingle size
    /// or signature length.
    pub fn load_index(&mut self, path: &Path) -> Result<usize, IndexError> {
        let display = path.display().to_string();
        let io_err = |source: io::Error| IndexError::Io { path: display.clone(), source };
        let invalid = |message: String| IndexError::Invalid { path: display.clone(), message };
        let file = File::open(path).map_err(io_err)?;
        let total = file.metadata().map_err(io_err)?.len();
        let mut r = Reader { inner: BufReader::with_capacity(1 << 20, file.try_clone().map_err(io_err)?), pos: 0 };
        let mut magic = [0u8; 8];
        r.read_exact(&mut magic).map_err(|_| invalid("too short".into()))?;
        if &magic != MAGIC {
            return Err(invalid("wrong magic bytes".into()));
        }
        let header = (|| -> io::Result<[u32; 4]> { Ok([r.u32()?, r.u32()?, r.u32()?, r.u32()?]) })()
            .map_err(|_| invalid("truncated header".into()))?;
        if header[0] != VERSION {
            return Err(invalid(format!("version {} (this newsdiff reads version {VERSION})", header[0])));
        }
        for (what, flag, found, wanted) in [
            ("shingle size", "shingle", header[1], self.config.shingle_size as u32),
            ("signature length", "num-perm", header[2], self.config.num_perm as u32),
        ] {
            if found != wanted {
                return Err(IndexError::Mismatch { path: display.clone(), what, flag, found, wanted });
            }
        }
        let count = r.u64().map_err(|_| invalid("truncated header".into()))?;
        let file_no = self.store.add_file(file);
        let m = self.config.num_perm;
        let mut signature = vec![0u32; m];
        for n in 0..count {
            let record = (|| -> io::Result<(ArticleInfo, u128, Loc)> {
                let id = r.string()?.unwrap_or_default();
                let source = r.string()?.unwrap_or_default();
                let title = r.string()?;
                let date = r.string()?;
                let words = r.u32()?;
                let fingerprint = u128::from(r.u64()?) | (u128::from(r.u64()?) << 64);
                let len = r.u32()?;
                for v in &mut signature {
                    *v = r.u32()?;
                }
                let loc = ShingleStore::loc_in(file_no, r.pos, len);
                let skip = 8 * u64::from(len);
                if r.pos + skip > total {
                    return Err(io::ErrorKind::UnexpectedEof.into());
                }
                r.skip(skip)?;
                let origin = format!("{display}#{}", n + 1);
                let info = ArticleInfo { id, source, title, date, words, indexed: true, origin };
                Ok((info, fingerprint, loc))
            })()
            .map_err(|e| invalid(format!("record {} of {count}: {e}", n + 1)))?;
            let (info, fingerprint, loc) = record;
            self.push(&info, &signature, fingerprint, loc);
            self.infos.push(info);
            self.indexed += 1;
        }
        Ok(count as usize)
    }

    /// Writes this run's articles (not the indexed ones) as a saved index (format in the module docs).
    ///
    /// # Errors
    /// I/O errors.
    pub fn write_index(&mut self, w: &mut dyn Write) -> io::Result<()> {
        if !self.spill {
            return Err(io::Error::new(io::ErrorKind::Unsupported, "a re-reading deduplicator keeps no shingle sets"));
        }
        self.store.flush()?;
        w.write_all(MAGIC)?;
        for v in [VERSION, self.config.shingle_size as u32, self.config.num_perm as u32, 0] {
            w.write_all(&v.to_le_bytes())?;
        }
        w.write_all(&((self.infos.len() - self.indexed) as u64).to_le_bytes())?;
        let mut shingles = Vec::new();
        for idx in self.indexed..self.infos.len() {
            let info = &self.infos[idx];
            for s in [Some(&info.id), Some(&info.source), info.title.as_ref(), info.date.as_ref()] {
                match s {
                    Some(s) => {
                        w.write_all(&len_u32(s.len())?.to_le_bytes())?;
                        w.write_all(s.as_bytes())?;
                    }
                    None => w.write_all(&ABSENT.to_le_bytes())?,
                }
            }
            w.write_all(&info.words.to_le_bytes())?;
            self.store.read(self.locs[idx], &mut shingles)?;
            w.write_all(&self.fingerprints[idx].to_le_bytes())?;
            w.write_all(&len_u32(shingles.len())?.to_le_bytes())?;
            for v in self.signature(idx as u32) {
                w.write_all(&v.to_le_bytes())?;
            }
            for s in &shingles {
                w.write_all(&s.to_le_bytes())?;
            }
        }
        Ok(())
    }

    /// Finds the duplicates among everything added: candidates, verification, clusters.
    ///
    /// # Errors
    /// I/O errors reading shingle sets back; [`io::ErrorKind::Unsupported`] for a deduplicator made by
    /// [`Self::rereading`].
    pub fn finish(&mut self) -> io::Result<Dedup> {
        if !self.spill {
            return Err(io::Error::new(io::ErrorKind::Unsupported, "a re-reading deduplicator needs the texts"));
        }
        self.finish_with(&|_| Err(io::ErrorKind::Unsupported.into()))
    }

    /// [`Self::finish`] for a deduplicator made by [`Self::rereading`]: `text_of(i)` gives the text of the
    /// `i`-th article added in this run (0-based, not counting indexed ones), for the articles in candidate pairs.
    ///
    /// # Errors
    /// The errors of `text_of`, and I/O errors reading saved indexes.
    pub fn finish_rereading(&mut self, text_of: &(dyn Fn(usize) -> io::Result<String> + Sync)) -> io::Result<Dedup> {
        self.finish_with(text_of)
    }

    fn finish_with(&mut self, text_of: &(dyn Fn(usize) -> io::Result<String> + Sync)) -> io::Result<Dedup> {
        self.store.flush()?;
        let n = self.infos.len();
        let indexed = self.indexed as u32;
        let both_indexed = |a: u32, b: u32| a < indexed && b < indexed;

        // Exact duplicates: paired with the first copy.
        let mut pairs: Vec<Pair> = (0..n as u32)
            .filter(|&i| self.exact_of[i as usize] != i && !both_indexed(self.exact_of[i as usize], i))
            .map(|i| Pair { a: self.exact_of[i as usize], b: i, jaccard: 1.0, containment: 1.0, exact: true })
            .collect();
        let exact_duplicates = pairs.iter().filter(|p| p.b >= indexed).count();

        // Near duplicates among first copies with words.
        let leaders: Vec<u32> =
            (0..n as u32).filter(|&i| self.exact_of[i as usize] == i && self.infos[i as usize].words > 0).collect();
        let mut candidates = lsh::candidates(&self.banding, &leaders, |i| self.signature(i), both_indexed);
        // A cheap bound before the exact comparison: drop candidates whose signatures agree far less than a pair at
        // the threshold would (6 standard deviations of the estimate below it: a true pair is lost with
        // probability under 1e-9).
        let t = self.config.lsh_threshold();
        let floor = t - 6.0 * (t * (1.0 - t) / self.config.num_perm as f64).sqrt();
        let keep: Vec<bool> = candidates
            .par_iter()
            .map(|&(a, b)| minhash::estimate(self.signature(a), self.signature(b)) >= floor)
            .collect();
        let mut keep = keep.into_iter();
        candidates.retain(|_| keep.next().unwrap_or(true));
        let verified = self.verify(&candidates, text_of)?;
        let near_duplicate_pairs = verified.len();
        pairs.extend(verified);
        pairs.par_sort_unstable_by_key(|p| (p.a, p.b));

        // Clusters.
        let mut uf = UnionFind::new(n);
        for p in &pairs {
            uf.union(p.a, p.b);
        }
        let clusters: Vec<Cluster> = uf
            .groups()
            .into_iter()
            .enumerate()
            .map(|(id, members)| {
                let representative = self.representative(&members);
                Cluster { id, members, representative }
            })
            .collect();
        let mut result = Dedup {
            config: self.config.clone(),
            banding: self.banding,
            summary: Summary {
                articles: n - self.indexed,
                indexed: self.indexed,
                empty: self.infos[self.indexed..].iter().filter(|a| a.words == 0).count(),
                exact_duplicates,
                near_duplicate_pairs,
                candidates: candidates.len(),
                clusters: clusters.len(),
                clustered_articles: clusters.iter().map(|c| c.members.len()).sum(),
                removed: 0,
            },
            articles: self.infos.clone(),
            pairs,
            clusters,
            duplicate_ids: duplicate_ids(&self.infos),
        };
        result.summary.removed = result.kept()[self.indexed..].iter().filter(|k| !**k).count();
        Ok(result)
    }

    /// The exact similarities of candidate pairs, keeping those over a threshold.
    fn verify(
        &self,
        candidates: &[(u32, u32)],
        text_of: &(dyn Fn(usize) -> io::Result<String> + Sync),
    ) -> io::Result<Vec<Pair>> {
        let load = |idx: u32, out: &mut Vec<u64>| -> io::Result<()> {
            let loc = self.locs[idx as usize];
            if loc.is_stored() {
                self.store.read(loc, out)
            } else if let Some(set) = self.kept.get(&idx) {
                out.clone_from(set);
                Ok(())
            } else {
                let text = text_of(idx as usize - self.indexed)?;
                *out = self.shingler.shingles_of(&text, self.config.shingle_size);
                Ok(())
            }
        };
        let threshold = self.config.threshold;
        let min_containment = self.config.containment.unwrap_or(f64::INFINITY);
        // Candidates are verified in blocks: each article of a block is loaded (or re-read) once, and memory
        // holds at most two shingle sets per candidate of one block.
        const BLOCK: usize = 1 << 12;
        let mut pairs = Vec::new();
        for block in candidates.chunks(BLOCK) {
            let mut ids: Vec<u32> = block.iter().flat_map(|&(a, b)| [a, b]).collect();
            ids.sort_unstable();
            ids.dedup();
            let sets = ids
                .par_iter()
                .map(|&i| {
                    let mut set = Vec::new();
                    load(i, &mut set)?;
                    Ok(set)
                })
                .collect::<io::Result<Vec<Vec<u64>>>>()?;
            let set_of = |i: u32| ids.binary_search(&i).map_or(&[][..], |k| &sets[k][..]);
            let verified: Vec<Option<Pair>> = block
                .par_iter()
                .map(|&(a, b)| {
                    let (sa, sb) = (set_of(a), set_of(b));
                    let inter = intersection_size(sa, sb);
                    let union = sa.len() + sb.len() - inter;
                    let jaccard = inter as f64 / union.max(1) as f64;
                    let containment = inter as f64 / sa.len().min(sb.len()).max(1) as f64;
                    (jaccard >= threshold || containment >= min_containment).then_some(Pair {
                        a,
                        b,
                        jaccard,
                        containment,
                        exact: false,
                    })
                })
                .collect();
            pairs.extend(verified.into_iter().flatten());
        }
        Ok(pairs)
    }

    fn representative(&self, members: &[u32]) -> u32 {
        let indexed = self.indexed as u32;
        let pool: Vec<u32> = if members[0] < indexed {
            members.iter().copied().filter(|&m| m < indexed).collect()
        } else {
            members.to_vec()
        };
        let info = |m: u32| &self.infos[m as usize];
        match self.config.keep {
            Keep::First => Some(pool[0]),
            Keep::Longest => pool.iter().copied().min_by_key(|&m| (std::cmp::Reverse(info(m).words), m)),
            Keep::Earliest => pool.iter().copied().min_by_key(|&m| {
                let day = info(m).date.as_deref().and_then(crate::article::parse_iso_day);
                (day.is_none(), day, m)
            }),
        }
        .unwrap_or(pool[0])
    }
}

/// The sorted, deduplicated shingle set of a window of shingle hashes.
fn sorted_set(window: &[u64]) -> Vec<u64> {
    let mut set = window.to_vec();
    set.sort_unstable();
    set.dedup();
    set
}

fn info_of(article: &Article, words: u32) -> ArticleInfo {
    ArticleInfo {
        id: article.id.clone(),
        source: article.source.clone(),
        title: article.title.clone(),
        date: article.date.clone(),
        words,
        indexed: false,
        origin: article.origin.to_string(),
    }
}

/// Ids used by more than one article, sorted by id.
fn duplicate_ids(infos: &[ArticleInfo]) -> Vec<DuplicateId> {
    let mut order: Vec<usize> = (0..infos.len()).collect();
    order.par_sort_by(|&x, &y| infos[x].id.cmp(&infos[y].id).then(x.cmp(&y)));
    order
        .chunk_by(|&x, &y| infos[x].id == infos[y].id)
        .filter(|g| g.len() > 1)
        .map(|g| DuplicateId {
            id: infos[g[0]].id.clone(),
            origins: g.iter().map(|&i| infos[i].origin.clone()).collect(),
        })
        .collect()
}

/// A buffered reader that knows its position, for reading saved indexes.
struct Reader {
    inner: BufReader<File>,
    pos: u64,
}

impl Reader {
    fn read_exact(&mut self, buf: &mut [u8]) -> io::Result<()> {
        self.inner.read_exact(buf)?;
        self.pos += buf.len() as u64;
        Ok(())
    }

    fn u32(&mut self) -> io::Result<u32> {
        let mut b = [0u8; 4];
        self.read_exact(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    fn u64(&mut self) -> io::Result<u64> {
        let mut b = [0u8; 8];
        self.read_exact(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }

    fn string(&mut self) -> io::Result<Option<String>> {
        let len = self.u32()?;
        if len == ABSENT {
            return Ok(None);
        }
        if len > 1 << 24 {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "string longer than 16 MiB"));
        }
        let mut bytes = vec![0u8; len as usize];
        self.read_exact(&mut bytes)?;
        String::from_utf8(bytes).map(Some).map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "invalid UTF-8"))
    }

    fn skip(&mut self, n: u64) -> io::Result<()> {
        let n = i64::try_from(n).map_err(|_| io::Error::from(io::ErrorKind::InvalidData))?;
        self.inner.seek_relative(n)?;
        self.pos += n as u64;
        Ok(())
    }
}
