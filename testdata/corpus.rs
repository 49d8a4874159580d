//! A deterministic generator of news-like corpora with planted near-duplicates, for tests and benchmarks.
//!
//! Originals are random prose over a Zipf-distributed vocabulary of made-up words (frequent words are short),
//! with names, numbers and paragraphs. A share of the articles are *reprints* of a recent original, edited the
//! way outlets edit wire copy: word substitutions, deletions and insertions, swapped sentences, a truncated
//! ending, re-spelled names (`Zelensky`/`Zelenskyy`), and some exact copies with only case or spacing changed.
//! The edit budget of each reprint is drawn so that its Jaccard similarity to the original spreads over both
//! sides of 0.8, which is what a recall measurement needs. Every article carries its `group` (the index of the
//! original it derives from; an original is its own group), the ground truth of which pairs could be
//! duplicates; whether they *are* is decided by their exact Jaccard similarity.
//!
//! The same seed gives the same corpus on every platform (the generator draws from [`super::rng::Rng`]).

use serde::Serialize;

use super::rng::Rng;

/// Settings of a generated corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusConfig {
    /// Number of articles.
    pub articles: usize,
    /// Random seed.
    pub seed: u64,
    /// Share of articles that are reprints of an earlier one (0..1).
    pub reprint_share: f64,
    /// Mean number of words of an original.
    pub mean_words: usize,
}

impl Default for CorpusConfig {
    fn default() -> Self {
        Self { articles: 1000, seed: 42, reprint_share: 0.3, mean_words: 330 }
    }
}

/// One generated article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GenArticle {
    /// `g000001`-style id.
    pub id: String,
    /// One of 40 made-up outlets.
    pub source: String,
    /// A title (not part of the text).
    pub title: String,
    /// `YYYY-MM-DD`; a reprint is never older than its original.
    pub date: String,
    /// The text: paragraphs separated by blank lines.
    pub text: String,
    /// Index of the original this article derives from (its own index for an original).
    pub group: usize,
}

const VOCABULARY: usize = 30_000;
const NAMES: usize = 3_000;
const POOL: usize = 400;
const SYLLABLES: [&str; 40] = [
    "ka", "lo", "mi", "ne", "ta", "ri", "so", "vu", "pe", "da", "gor", "lin", "bas", "tre", "mon", "sal", "ver", "dun",
    "pra", "kel", "zo", "fa", "hu", "ji", "wen", "sto", "bri", "cal", "der", "mur", "nix", "ol", "an", "el", "ur",
    "is", "tor", "gan", "pel", "rus",
];

/// The generator: an iterator of articles.
#[derive(Debug, Clone)]
pub struct Corpus {
    config: CorpusConfig,
    rng: Rng,
    words: Vec<String>,
    cdf: Vec<f64>,
    names: Vec<(String, String)>,
    pool: Vec<(usize, Vec<Vec<String>>, u32)>,
    next: usize,
}

impl Corpus {
    /// A generator for these settings.
    #[must_use]
    pub fn new(config: CorpusConfig) -> Self {
        let mut rng = Rng::new(config.seed ^ 0x00C0_FFEE);
        let mut words = Vec::with_capacity(VOCABULARY);
        let mut seen = std::collections::HashSet::new();
        while words.len() < VOCABULARY {
            let syllables = match words.len() {
                0..100 => 1,
                100..3000 => 2,
                _ => 3,
            };
            let w: String = (0..syllables).map(|_| rng.pick(&SYLLABLES)).collect();
            let w = if seen.contains(&w) { format!("{w}{}", rng.pick(&SYLLABLES)) } else { w };
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        let mut cdf = Vec::with_capacity(VOCABULARY);
        let mut total = 0.0;
        for rank in 0..VOCABULARY {
            total += 1.0 / (rank as f64 + 2.7);
            cdf.push(total);
        }
        for c in &mut cdf {
            *c /= total;
        }
        let names = (0..NAMES)
            .map(|i| {
                let base: String = (0..3).map(|_| rng.pick(&SYLLABLES)).collect();
                let mut name = capitalize(&base);
                name.push_str(["", "ov", "ski", "er"][i % 4]);
                let variant = respell(&name, &mut rng);
                (name, variant)
            })
            .collect();
        Self { rng, config, words, cdf, names, pool: Vec::new(), next: 0 }
    }

    fn word(&mut self) -> String {
        let u = self.rng.unit();
        let rank = self.cdf.partition_point(|&c| c < u).min(VOCABULARY - 1);
        self.words[rank].clone()
    }

    fn sentence(&mut self, names: &[usize]) -> Vec<String> {
        let len = 8 + self.rng.below(22);
        let mut s = Vec::with_capacity(len);
        for i in 0..len {
            let roll = self.rng.unit();
            let w = if roll < 0.05 && !names.is_empty() {
                self.names[names[self.rng.below(names.len())]].0.clone()
            } else if roll < 0.07 {
                format!("{}", self.rng.below(2000))
            } else {
                self.word()
            };
            s.push(if i == 0 { capitalize(&w) } else { w });
        }
        s
    }

    fn original(&mut self) -> Vec<Vec<String>> {
        let target = (self.config.mean_words as f64 * (0.25 + 1.5 * self.rng.unit())) as usize;
        let names: Vec<usize> = (0..3).map(|_| self.rng.below(NAMES)).collect();
        let mut sentences = Vec::new();
        let mut n = 0;
        while n < target.max(5) {
            let s = self.sentence(&names);
            n += s.len();
            sentences.push(s);
        }
        sentences
    }

    /// An edited copy of `sentences`.
    fn reprint(&mut self, sentences: &[Vec<String>]) -> (Vec<Vec<String>>, bool) {
        let mut out: Vec<Vec<String>> = sentences.to_vec();
        if self.rng.chance(0.1) {
            return (out, true);
        }
        // Edit budget: share of words touched. 0 to 6% spreads Jaccard over about 0.65 to 1.
        let budget = 0.06 * self.rng.unit();
        for s in &mut out {
            let mut i = 0;
            while i < s.len() {
                if self.rng.chance(budget) {
                    match self.rng.below(3) {
                        0 => s[i] = self.word(),
                        1 if s.len() > 3 => {
                            s.remove(i);
                            continue;
                        }
                        _ => {
                            let w = self.word();
                            s.insert(i, w);
                            i += 1;
                        }
                    }
                }
                i += 1;
            }
        }
        if out.len() > 3 && self.rng.chance(0.3) {
            let i = self.rng.below(out.len() - 1);
            out.swap(i, i + 1);
        }
        if out.len() > 4 && self.rng.chance(0.3) {
            let keep = out.len() - self.rng.below(out.len() / 4 + 1);
            out.truncate(keep.max(2));
        }
        if self.rng.chance(0.3) {
            // Re-spell every name of the article.
            let variants: std::collections::HashMap<&str, &str> =
                self.names.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            for s in &mut out {
                for w in s.iter_mut() {
                    if let Some(v) = variants.get(w.as_str()) {
                        *w = (*v).to_string();
                    }
                }
            }
        }
        (out, false)
    }

    fn render(&mut self, sentences: &[Vec<String>], shout: bool) -> String {
        let mut text = String::new();
        let mut in_paragraph = 0;
        for s in sentences {
            if in_paragraph > 0 {
                if in_paragraph >= 3 && self.rng.chance(0.3) {
                    text.push_str("\n\n");
                    in_paragraph = 0;
                } else {
                    text.push(' ');
                }
            }
            for (i, w) in s.iter().enumerate() {
                if i > 0 {
                    text.push_str(if i % 7 == 6 { ", " } else { " " });
                }
                text.push_str(w);
            }
            text.push('.');
            in_paragraph += 1;
        }
        if shout { text.to_uppercase() } else { text }
    }
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// A plausible other spelling of a name: a doubled or dropped letter, `y` for `i`, `k` for `c`.
fn respell(name: &str, rng: &mut Rng) -> String {
    let mut v = if name.contains('i') && rng.chance(0.5) {
        name.replacen('i', "y", 1)
    } else if name.contains('c') {
        name.replacen('c', "k", 1)
    } else {
        format!("{name}{}", name.chars().last().unwrap_or('a'))
    };
    if v == name {
        v.push('h');
    }
    v
}

impl Iterator for Corpus {
    type Item = GenArticle;

    fn next(&mut self) -> Option<GenArticle> {
        if self.next >= self.config.articles {
            return None;
        }
        let index = self.next;
        self.next += 1;
        let (sentences, group, day, shout) = if !self.pool.is_empty() && self.rng.chance(self.config.reprint_share) {
            let (group, base, day) = self.pool[self.rng.below(self.pool.len())].clone();
            let (sentences, exact) = self.reprint(&base);
            let shout = exact && self.rng.chance(0.3);
            (sentences, group, day + self.rng.below(3) as u32, shout)
        } else {
            let sentences = self.original();
            let day = (index / 300) as u32;
            if self.pool.len() == POOL {
                let evict = self.rng.below(POOL);
                self.pool.swap_remove(evict);
            }
            self.pool.push((index, sentences.clone(), day));
            (sentences, index, day, false)
        };
        let text = self.render(&sentences, shout);
        let title_words: Vec<String> = sentences[0].iter().take(8).cloned().collect();
        let date = format!("2025-{:02}-{:02}", 1 + (day / 28) % 12, 1 + day % 28);
        Some(GenArticle {
            id: format!("g{index:07}"),
            source: format!("outlet-{:02}", self.rng.below(40)),
            title: title_words.join(" "),
            date,
            text,
            group,
        })
    }
}

/// Generates a whole corpus in memory (for tests; stream the [`Corpus`] iterator for large ones).
#[must_use]
pub fn generate(config: CorpusConfig) -> Vec<GenArticle> {
    Corpus::new(config).collect()
}
