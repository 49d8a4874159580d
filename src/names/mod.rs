//! Name variants: the same name spelled differently across and within sources.
//!
//! Outlets transliterate and style names differently (`Zelenskyy`, `Zelenskiy`, `Zelensky`; `Sergei`,
//! `Sergey`; `U.S.`, `US`). This module groups the spellings of one name and says who uses which:
//!
//! 1. [`crate::names::mentions`] finds the name mentions of each article;
//! 2. [`VariantIndex`] gathers them into *forms* (distinct spellings, ignoring case) with counts per source;
//! 3. forms are grouped: a bucket per transliteration key ([`key::group_key`]), then a guarded similarity pass
//!    between buckets ([`mod@same_name`]), and inside each group the cues that tell two people apart (different first
//!    names in one article) split it again;
//! 4. the result is plain data ([`VariantGroup`]), sorted by a total key, which renderers print.
//!
//! A plain list of names (no articles) goes through the same grouping with [`group_names`].
//!
//! False merges are worse than misses: a reader trusts a tool that says "these are one name" only if it never
//! joins `Austria` and `Australia`. Every merge therefore needs the transliteration key or a close
//! similarity between long names, and no guard may object (see [`mod@same_name`] for the guards).
//!
//! Nothing here compares every name with every other: forms are bucketed by key, and the similarity pass only
//! looks at neighbours that share a block.

pub mod key;
pub mod mentions;
pub mod places;
pub mod same_name;
pub mod style;

use std::collections::BTreeMap;
use std::sync::Arc;

use compact_str::CompactString;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::article::{Article, Origin};
use crate::normalize::fold::fold_norm;
use crate::normalize::{Document, word_hash};
use mentions::{Certainty, MentionExtractor, Mentions};

pub use same_name::same_name;

/// Where a mention is: an article (by its index in the input order), a sentence and a byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct MentionRef {
    /// Index of the article in the order articles were added.
    pub article: usize,
    /// Index of the sentence in the article's document.
    pub sentence: usize,
    /// Byte span `[start, end)` of the name in the article text (possessive excluded).
    pub span: (usize, usize),
}

/// One spelling of a name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariantForm {
    /// The spelling as written most often (`Zelenskyy`; case variants such as `ZELENSKYY` count as the same
    /// form).
    pub form: String,
    /// Number of mentions (or the count given with `--names`).
    pub count: u64,
    /// Mentions per source (empty for a plain name list).
    pub sources: BTreeMap<String, u64>,
    /// Every mention, in input order (empty for a plain name list).
    pub mentions: Vec<MentionRef>,
}

/// A source that uses several forms of one name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MixedSource {
    /// The source.
    pub source: String,
    /// How often it uses each form.
    pub forms: BTreeMap<String, u64>,
}

/// The spellings of one name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariantGroup {
    /// The preferred spelling: the one a house style prefers, else the most frequent form.
    pub canonical: String,
    /// Mentions of all forms together.
    pub count: u64,
    /// The forms, most frequent first (ties in alphabetical order).
    pub forms: Vec<VariantForm>,
    /// Sources that use more than one form, by source name.
    pub mixed: Vec<MixedSource>,
}

impl VariantGroup {
    /// True when the name is spelled in more than one way.
    #[must_use]
    pub fn has_variants(&self) -> bool {
        self.forms.len() > 1
    }
}

/// Groups a plain list of names with their counts (`("Sergei", 12)`); repeated names add up, and names that
/// differ only in case are one form.
///
/// Returns every group, single spellings included, most mentioned first.
///
/// ```
/// use newsdiff::names::group_names;
/// let groups = group_names(&[("Zelenskyy", 5), ("Zelenskiy", 3), ("Austria", 2), ("Australia", 2)]);
/// assert_eq!(groups[0].canonical, "Zelenskyy");
/// assert_eq!(groups[0].forms.len(), 2);
/// assert!(groups.iter().filter(|g| g.canonical.starts_with("Austr")).all(|g| g.forms.len() == 1));
/// ```
#[must_use]
pub fn group_names(names: &[(&str, u64)]) -> Vec<VariantGroup> {
    let mut index: FxHashMap<CompactString, usize> = FxHashMap::default();
    let mut forms: Vec<(CompactString, String, u64)> = Vec::new();
    for &(name, count) in names {
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        let norm: CompactString = fold_norm(name).into();
        match index.get(&norm) {
            Some(&i) => forms[i].2 += count,
            None => {
                index.insert(norm.clone(), forms.len());
                forms.push((norm, name.to_string(), count));
            }
        }
    }
    let norms: Vec<&str> = forms.iter().map(|f| f.0.as_str()).collect();
    let counts: Vec<u64> = forms.iter().map(|f| f.2).collect();
    // A plain list has no context: nothing vetoes a merge, and nothing supports one.
    let clusters = cluster(&norms, &counts, &|_, _| false, None);
    let mut groups: Vec<VariantGroup> = clusters
        .into_iter()
        .map(|members| {
            let forms: Vec<VariantForm> = members
                .iter()
                .map(|&i| VariantForm {
                    form: forms[i].1.clone(),
                    count: forms[i].2,
                    sources: BTreeMap::new(),
                    mentions: Vec::new(),
                })
                .collect();
            finish_group(forms)
        })
        .collect();
    sort_groups(&mut groups);
    groups
}

/// Groups forms: `names` are normalized spellings, `counts` their counts; `veto(i, j)` says that forms `i` and
/// `j` must not be in one group (a cue that they name different things), and `support(i, j)` that the context
/// backs a merge of merely similar keys (a shared first or last name; `None` for a plain list, where similar
/// keys need no support and keys that need a cue never join). Returns the groups as lists of indices, each
/// list most frequent first.
fn cluster(
    names: &[&str],
    counts: &[u64],
    veto: &(dyn Fn(usize, usize) -> bool + Sync),
    support: Option<&(dyn Fn(usize, usize) -> bool + Sync)>,
) -> Vec<Vec<usize>> {
    let keys: Vec<CompactString> = names.par_iter().with_min_len(1024).map(|n| name_key(n)).collect();
    // Buckets of equal keys, then guarded similarity merges between buckets.
    let mut bucket_of: FxHashMap<&str, usize> = FxHashMap::default();
    let mut buckets: Vec<Vec<usize>> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let b = *bucket_of.entry(k.as_str()).or_insert_with(|| {
            buckets.push(Vec::new());
            buckets.len() - 1
        });
        buckets[b].push(i);
    }
    let bucket_keys: Vec<&str> = {
        let mut v = vec![""; buckets.len()];
        for (k, &b) in &bucket_of {
            v[b] = k;
        }
        v
    };
    let merged = same_name::merge_buckets(&bucket_keys, &buckets, names, support);
    // Inside each merged bucket, split what the cues keep apart: greedy, most frequent first.
    let by_count = |a: &usize, b: &usize| counts[*b].cmp(&counts[*a]).then_with(|| names[*a].cmp(names[*b]));
    let mut out: Vec<Vec<usize>> = merged
        .into_par_iter()
        .flat_map_iter(|mut members| {
            members.sort_by(by_count);
            let mut groups: Vec<Vec<usize>> = Vec::new();
            for m in members {
                match groups.iter_mut().find(|g| g.iter().all(|&o| !veto(o, m))) {
                    Some(g) => g.push(m),
                    None => groups.push(vec![m]),
                }
            }
            groups
        })
        .collect();
    out.sort_by(|a, b| by_count(&a[0], &b[0]));
    out
}

/// The grouping key of a (possibly multi-word) normalized name: the key of its words written as one
/// hyphenated word, since a space, a hyphen or nothing between the words is a spelling difference, not another
/// name (`Sidi Bel Abbès`, `Sidi-Bel-Abbès`; `Mira Sol`, `Mirassol`).
///
/// A first word `St.`, `St`, `Sankt` or `Sint` is written `Saint`, and `Ste.` or `Ste` `Sainte`
/// (`St. Petersburg`, `Sankt Petersburg`, `Saint Petersburg`; `St-Étienne`, `Saint-Étienne`).
fn name_key(name: &str) -> CompactString {
    let saint = name.split([' ', '-']).next().and_then(|first| match first.trim_end_matches('.') {
        "st" | "sankt" | "sint" => Some((first.len(), "saint")),
        "ste" => Some((first.len(), "sainte")),
        _ => None,
    });
    let name = match saint {
        Some((len, full)) if name.len() > len + 1 => std::borrow::Cow::Owned(format!("{full}-{}", &name[len + 1..])),
        _ => std::borrow::Cow::Borrowed(name),
    };
    if !name.contains(char::is_whitespace) {
        return key::group_key(&name);
    }
    key::group_key(&name.split_whitespace().collect::<Vec<_>>().join("-"))
}

/// Builds a group from its forms: sorts them, picks the canonical form, finds mixed sources.
fn finish_group(mut forms: Vec<VariantForm>) -> VariantGroup {
    forms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.form.cmp(&b.form)));
    let count = forms.iter().map(|f| f.count).sum();
    let canonical = forms.first().map(|f| f.form.clone()).unwrap_or_default();
    let mut per_source: BTreeMap<&str, BTreeMap<String, u64>> = BTreeMap::new();
    if forms.len() > 1 {
        for f in &forms {
            for (s, &n) in &f.sources {
                per_source.entry(s.as_str()).or_default().insert(f.form.clone(), n);
            }
        }
    }
    let mixed = per_source
        .into_iter()
        .filter(|(_, fs)| fs.len() > 1)
        .map(|(s, forms)| MixedSource { source: s.to_string(), forms })
        .collect();
    VariantGroup { canonical, count, forms, mixed }
}

fn sort_groups(groups: &mut [VariantGroup]) {
    groups.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.canonical.to_lowercase().cmp(&b.canonical.to_lowercase()))
            .then_with(|| a.canonical.cmp(&b.canonical))
            .then_with(|| a.forms.len().cmp(&b.forms.len()))
    });
}

/// An article as the index remembers it: enough to name it and to quote it.
#[derive(Debug, Clone)]
pub struct IndexedArticle {
    /// The article id.
    pub id: String,
    /// The source.
    pub source: String,
    /// The original text (shared with the [`Article`]).
    pub text: Arc<str>,
    /// Where the article was read from.
    pub origin: Origin,
}

/// One form while the index is being built.
#[derive(Debug, Default)]
struct FormAcc {
    mentions: Vec<MentionRef>,
    /// For each mention, the index in `lasts` of the last word of its phrase ([`FormAcc::NO_LAST`]: none, or
    /// not kept): whose given name this mention is.
    mention_lasts: Vec<u32>,
    /// Mentions by certainty: sure, sentence start, heading.
    by_certainty: [u32; 3],
    /// `(article, first name)` for mentions that follow a first name.
    firsts: Vec<(usize, CompactString)>,
    /// Last words of the phrases this form starts or is inside (`obama` for `Michelle`): whose given name it is.
    lasts: Vec<CompactString>,
    /// Mentions by position in their phrase: alone, first, middle, last.
    positions: [u32; 4],
}

impl FormAcc {
    /// A mention without a last word of its phrase.
    const NO_LAST: u32 = u32::MAX;

    /// Sorts the mentions (by article, sentence, span), keeping each one's last word with it.
    fn sort_mentions(&mut self) {
        let mut pairs: Vec<(MentionRef, u32)> = self.mentions.drain(..).zip(self.mention_lasts.drain(..)).collect();
        pairs.sort_unstable();
        (self.mentions, self.mention_lasts) = pairs.into_iter().unzip();
    }

    /// Moves out the mentions whose phrase does not end in one of the `kept` last words (indices into
    /// `lasts`): they name someone else who has this given name (`Michelle Obama` out of the `Michelle` of
    /// `Michelle Bachmann`).
    fn split_off_other_people(&mut self, kept: &[u32]) -> Self {
        let mut other = Self::default();
        let (mut mentions, mut lasts) = (Vec::new(), Vec::new());
        for (m, l) in self.mentions.drain(..).zip(self.mention_lasts.drain(..)) {
            if kept.contains(&l) {
                mentions.push(m);
                lasts.push(l);
            } else {
                other.mentions.push(m);
                other.mention_lasts.push(l);
            }
        }
        (self.mentions, self.mention_lasts) = (mentions, lasts);
        other
    }
}

/// Collects mentions article by article; [`VariantIndexBuilder::finish`] groups them.
#[derive(Debug, Default)]
pub struct VariantIndexBuilder {
    articles: Vec<IndexedArticle>,
    forms: FxHashMap<CompactString, FormAcc>,
    /// For each word written in lowercase somewhere: in how many articles.
    lowercase: FxHashMap<u64, u32>,
}

impl VariantIndexBuilder {
    /// Adds an article and its mentions (from [`MentionExtractor::extract`]); articles are numbered in the
    /// order they are added.
    pub fn add(&mut self, article: &Article, mentions: Mentions) {
        let index = self.articles.len();
        self.articles.push(IndexedArticle {
            id: article.id.clone(),
            source: article.source.clone(),
            text: Arc::clone(&article.text),
            origin: article.origin.clone(),
        });
        for h in mentions.lowercase {
            *self.lowercase.entry(h).or_default() += 1;
        }
        for m in mentions.mentions {
            let acc = self.forms.entry(m.norm).or_default();
            acc.mentions.push(MentionRef { article: index, sentence: m.sentence, span: m.span });
            let last_index = m.last.as_ref().and_then(|last| match acc.lasts.iter().position(|l| l == last) {
                Some(k) => Some(k),
                None if acc.lasts.len() < Profile::MAX_FIRST_NAMES * 4 => {
                    acc.lasts.push(last.clone());
                    Some(acc.lasts.len() - 1)
                }
                None => None,
            });
            acc.mention_lasts.push(last_index.map_or(FormAcc::NO_LAST, |k| k as u32));
            acc.by_certainty[m.certainty as usize] += 1;
            acc.positions[m.position as usize] += 1;
            if let Some(first) = m.first {
                acc.firsts.push((index, first));
            }
        }
    }

    /// Groups the collected forms into a [`VariantIndex`].
    #[must_use]
    pub fn finish(self) -> VariantIndex {
        let Self { articles, forms, lowercase } = self;
        // Keep the forms that are names: sure somewhere, or a sentence start the corpus never writes in
        // lowercase. Heading words need running text to confirm them.
        let mut kept: Vec<(CompactString, FormAcc)> = forms
            .into_iter()
            .filter(|(norm, acc)| {
                acc.by_certainty[Certainty::Sure as usize] > 0
                    || (acc.by_certainty[Certainty::SentenceStart as usize] > 0
                        && !lowercase.contains_key(&word_hash(norm)))
            })
            .collect();
        kept.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (_, acc) in &mut kept {
            acc.sort_mentions();
            acc.firsts.sort_unstable();
            acc.firsts.dedup();
        }
        let names: Vec<&str> = kept.iter().map(|f| f.0.as_str()).collect();
        let counts: Vec<u64> = kept.iter().map(|f| f.1.mentions.len() as u64).collect();
        let profiles: Vec<Profile> = kept
            .par_iter()
            .map(|(norm, acc)| {
                let mut p = Profile::of(acc);
                p.common_word = lowercase.get(&word_hash(norm)).is_some_and(|&n| n >= Profile::COMMON_WORD_ARTICLES);
                p.place = places::place_of(norm).is_some();
                p.word = norm.chars().all(char::is_alphabetic) && norm.chars().count() >= 3;
                p.dotted = norm.contains('.');
                p.lowercase_letters = written_with_lowercase(&articles, acc);
                p
            })
            .collect();
        let veto = |a: usize, b: usize| {
            profiles[a].conflicts(&profiles[b])
                || different_people(&kept[a].1.firsts, &kept[b].1.firsts)
                || common_word_veto(&profiles[a], &profiles[b], &kept[a].0, &kept[b].0)
                || initials_veto((&kept[a].0, &kept[a].1, &profiles[a]), (&kept[b].0, &kept[b].1, &profiles[b]))
                || !spelling_evidence((&kept[a].0, &kept[a].1, &profiles[a]), (&kept[b].0, &kept[b].1, &profiles[b]))
        };
        let support = |a: usize, b: usize| {
            profiles[a].shares_first_name(&profiles[b]) || profiles[a].shares_last_name(&profiles[b])
        };
        let mut clusters = cluster(&names, &counts, &veto, Some(&support));
        // Move each form's mentions into its group (no copy: they are most of the index's memory).
        let mut accs: Vec<Option<FormAcc>> = kept.into_iter().map(|(_, acc)| Some(acc)).collect();
        let mut others = Vec::new();
        for members in &clusters {
            others.extend(split_given_names(members, &profiles, &mut accs));
        }
        drop(profiles);
        for acc in others {
            clusters.push(vec![accs.len()]);
            accs.push(Some(acc));
        }
        let clustered: Vec<Vec<FormAcc>> =
            clusters.iter().map(|members| members.iter().filter_map(|&i| accs[i].take()).collect()).collect();
        let mut groups: Vec<VariantGroup> = clustered
            .into_par_iter()
            .map(|accs| finish_group(accs.into_iter().map(|acc| form_of(&articles, acc)).collect()))
            .collect();
        sort_groups(&mut groups);
        VariantIndex { articles, groups }
    }
}

/// In a group of given names joined because they name one person (`Michele Bachmann`, `Michelle Bachmann`),
/// keeps only the mentions of that person: a mention whose phrase ends in a last name the other spellings do
/// not share (`Michelle Obama`), or that has none, names someone else or cannot tell, and is split off. Returns
/// the split-off mentions, one accumulator per form that had any (each becomes a name of one spelling).
fn split_given_names(members: &[usize], profiles: &[Profile], accs: &mut [Option<FormAcc>]) -> Vec<FormAcc> {
    let given = |i: usize| {
        let p = &profiles[i];
        p.word && !p.place && p.given > p.surname && !p.last_names.is_empty()
    };
    if members.len() < 2 || !members.iter().all(|&i| given(i)) {
        return Vec::new();
    }
    // For each form, the indices of its last words that a last word of another form of the group matches.
    let shared: Vec<Vec<u32>> = members
        .iter()
        .map(|&i| {
            let lasts = &accs[i].as_ref().map_or(&[][..], |a| &a.lasts[..]);
            (0..lasts.len() as u32)
                .filter(|&k| {
                    let mine = &lasts[k as usize];
                    members.iter().filter(|&&j| j != i).any(|&j| {
                        accs[j].as_ref().is_some_and(|o| o.lasts.iter().any(|l| l == mine || same_name(l, mine)))
                    })
                })
                .collect()
        })
        .collect();
    if shared.iter().any(Vec::is_empty) {
        return Vec::new();
    }
    members
        .iter()
        .zip(&shared)
        .filter_map(|(&i, kept)| {
            let other = accs[i].as_mut()?.split_off_other_people(kept);
            (!other.mentions.is_empty()).then_some(other)
        })
        .collect()
}

/// What the corpus says about how a form is used: as a given name or a surname, and after which first names.
#[derive(Debug, Default)]
struct Profile {
    /// Mentions as the first or a middle word of a phrase (given names).
    given: u32,
    /// Mentions as the last word of a phrase (surnames).
    surname: u32,
    /// Mentions on their own, outside a phrase.
    alone: u32,
    /// Distinct first names seen before it (at most [`Profile::MAX_FIRST_NAMES`]).
    first_names: Vec<CompactString>,
    /// Distinct last words of the phrases it starts or is inside (at most [`Profile::MAX_FIRST_NAMES`]).
    last_names: Vec<CompactString>,
    /// Written in lowercase in at least [`Profile::COMMON_WORD_ARTICLES`] articles: also a common word
    /// (`Sheriff`, `Joint`, `Medical`).
    common_word: bool,
    /// A listed spelling of a known place ([`places`]): never a given name.
    place: bool,
    /// Letters only, three or more (`Michelle`, not `N.Y.` or `OK`): what a given name looks like.
    word: bool,
    /// Mostly written with lowercase letters (`Jr`, `Web`), not in capitals (`US`, `FBI`).
    lowercase_letters: bool,
    /// Written with dots (`U.S.`, `J.D.`): an abbreviation or initials.
    dotted: bool,
}

impl Profile {
    const MAX_FIRST_NAMES: usize = 32;
    /// Articles that must write a word in lowercase for it to count as a common word: two, so that one
    /// lowercase slip (or a web address) does not take a name's variants away. On the AllSides sample
    /// (docs/evaluation.md) every false merge of a common word had it in lowercase in dozens of articles.
    const COMMON_WORD_ARTICLES: u32 = 2;

    fn of(acc: &FormAcc) -> Self {
        let mut first_names: Vec<CompactString> = acc.firsts.iter().map(|(_, f)| f.clone()).collect();
        first_names.sort_unstable();
        first_names.dedup();
        first_names.truncate(Self::MAX_FIRST_NAMES);
        let mut last_names: Vec<CompactString> = acc.lasts.clone();
        last_names.sort_unstable();
        last_names.truncate(Self::MAX_FIRST_NAMES);
        let [alone, first, middle, last] = acc.positions;
        Self {
            given: first + middle,
            surname: last,
            alone,
            first_names,
            last_names,
            common_word: false,
            place: false,
            word: false,
            lowercase_letters: false,
            dotted: false,
        }
    }

    /// Mostly a given name (`Michelle Obama`) or mostly a surname (`Andrea Mitchell`), with enough evidence.
    fn role(&self) -> Option<bool> {
        let n = self.given + self.surname;
        if n < 2 {
            return None;
        }
        if self.given * 4 >= n * 3 {
            Some(true)
        } else if self.surname * 4 >= n * 3 {
            Some(false)
        } else {
            None
        }
    }

    /// True when the corpus says two forms name different things: one is a given name and the other a
    /// surname, or both follow first names and none of those is a spelling of another (`Sarah Sanders`,
    /// `Thomas Saunders`).
    fn conflicts(&self, other: &Self) -> bool {
        if let (Some(a), Some(b)) = (self.role(), other.role())
            && a != b
        {
            return true;
        }
        // Mostly a given name against a form used more as a surname than as a given name (`Emmanuel Macron`,
        // `Rahm Emanuel`).
        if self.role() == Some(true) && other.surname > other.given
            || other.role() == Some(true) && self.surname > self.given
        {
            return true;
        }
        // Two given names are one only when they name the same person: a shared surname (`Julian Assange` and
        // `Julián Castro`, `Michelle Obama` and `Michele Bachmann` are two people).
        if self.word
            && other.word
            && !self.place
            && !other.place
            && self.given > self.surname
            && other.given > other.surname
            && !self.last_names.is_empty()
            && !other.last_names.is_empty()
            && !self.shares_last_name(other)
        {
            return true;
        }
        // Dotted abbreviations have no first names of their own: `U.N.` meets `UN`, whose norm is also the `Un`
        // of `Kim Jong Un`.
        !self.dotted
            && !other.dotted
            && !self.first_names.is_empty()
            && !other.first_names.is_empty()
            && !self.shares_first_name(other)
    }

    fn shares_first_name(&self, other: &Self) -> bool {
        self.first_names.iter().any(|a| other.first_names.iter().any(|b| a == b || same_name(a, b)))
    }

    fn shares_last_name(&self, other: &Self) -> bool {
        self.last_names.iter().any(|a| other.last_names.iter().any(|b| a == b || same_name(a, b)))
    }
}

/// True when two forms appear in one article after first names that are not spellings of one name: two
/// people who share (a spelling of) a surname, such as `Joe Biden` and `Jill Bidén`.
fn different_people(a: &[(usize, CompactString)], b: &[(usize, CompactString)]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let article = a[i].0;
                let fa: Vec<&str> = a[i..].iter().take_while(|x| x.0 == article).map(|x| x.1.as_str()).collect();
                let fb: Vec<&str> = b[j..].iter().take_while(|x| x.0 == article).map(|x| x.1.as_str()).collect();
                if !fa.iter().any(|x| fb.iter().any(|y| same_name(x, y))) {
                    return true;
                }
                i += fa.len();
                j += fb.len();
            }
        }
    }
    false
}

/// True when the articles show that two spellings are one name, or when they need no showing.
///
/// Two spellings that differ in more than case, accents, dots, hyphens, apostrophes or an Arabic article are two
/// names (`Bennet` and `Bennett`, `Volker` and `Volcker`, `Sylvia` and `Silvia`: each a name in its own right)
/// unless one of these says that one spells the other:
/// - transliteration knowledge ([`same_name::known_alternation`]: `Qaddafi` / `Gadhafi`, `Kyiv` / `Kiev`);
/// - the people they name: for two given names, a shared surname (`Sergei Lavrov`, `Sergey Lavrov`; the mentions
///   of other people are split off later); otherwise every first name (or every surname) the rarer spelling
///   follows (or starts) is one the commoner spelling has too (`Teddy Rosevelt` beside `Teddy`, `Franklin` and
///   `Theodore Roosevelt`; not `Michael` and `James Bennet` beside `Adam`, `Bob` and `Michael Bennett`);
/// - articles using both: most mentions of the rarer spelling are in articles that also use the other
///   (`House Speaker John Boehner` and, a few lines on, `Bohener`).
///
/// An Arabic article on one spelling only needs a shared first name or shared articles when the other spelling
/// is a surname (`Bashar al-Assad` and `Bashar Assad` are one person, `al-Omar` and `Ilhan Omar` are not), and
/// never joins a name only ever seen as a given name (`Maaret al-Numan`, `Numan Kurtulmus`).
///
/// Read by hand, the 200 largest groups with several spellings on 5,000 AllSides articles went from about 44
/// wrong to about 14 with this rule (docs/evaluation.md); it costs misspellings seen only once and alone
/// (`Hezbolllah`, `Massachussetts`). A plain list ([`group_names`]) has no articles and does not use it.
fn spelling_evidence(a: (&str, &FormAcc, &Profile), b: (&str, &FormAcc, &Profile)) -> bool {
    let ((na, acc_a, pa), (nb, acc_b, pb)) = (a, b);
    // An Arabic article makes a place or a family name, never a given name: `Maaret al-Numan` is not the
    // `Numan` of `Numan Kurtulmus`.
    let article = |n: &str| key::strip_article(n).len() < n.len();
    let only_given = |p: &Profile| p.given > 0 && p.surname == 0 && p.alone == 0;
    if (article(na) && only_given(pb)) || (article(nb) && only_given(pa)) {
        return false;
    }
    let ((minor, minor_acc), (major, major_acc)) = if acc_a.mentions.len() <= acc_b.mentions.len() {
        ((pa, acc_a), (pb, acc_b))
    } else {
        ((pb, acc_b), (pa, acc_a))
    };
    // An Arabic article on one spelling only: when the spelling without it names people (it follows first
    // names) and the one with it is never seen after one of those first names, they are two names (`Ilhan
    // Omar` and the `al-Omar` oilfield; `Saddam Hussein` and the `al-Hussein` hospital) unless both are used
    // in the same articles. After the same first name (`Bashar al-Assad`, `Bashar Assad`), or when the bare
    // spelling is not a surname (`al Qaeda` written with a space gives `Qaeda`), it is the same name.
    if article(na) != article(nb) {
        let (bare, with) = if article(na) { (pb, pa) } else { (pa, pb) };
        if !bare.first_names.is_empty() && !bare.shares_first_name(with) {
            return mostly_beside(minor_acc, major_acc);
        }
    }
    if key::folded(key::strip_article(na)) == key::folded(key::strip_article(nb))
        || same_name::known_alternation(na, nb)
    {
        return true;
    }
    let people = if pa.given > pa.surname && pb.given > pb.surname {
        pa.shares_last_name(pb)
    } else {
        names_within(&minor.first_names, &major.first_names) || names_within(&minor.last_names, &major.last_names)
    };
    people || mostly_beside(minor_acc, major_acc)
}

/// True when `minor` has names and each is (a spelling of) one of `major`. Known places do not count: a
/// possessive place starts a phrase without being a first name (`Libya’s Muammar Gaddafi`).
fn names_within(minor: &[CompactString], major: &[CompactString]) -> bool {
    let mut people = minor.iter().filter(|a| places::place_of(a).is_none()).peekable();
    people.peek().is_some() && people.all(|a| major.iter().any(|b| *a == b || same_name(a, b)))
}

/// True when most mentions of the rarer spelling are in articles that also use the commoner one (`Bohener` a few
/// lines after `John Boehner`), not merely one list that names two of them (`Fred Meyer` and `Meijer`, two
/// retailers). Both mention lists are sorted by article.
fn mostly_beside(minor: &FormAcc, major: &FormAcc) -> bool {
    let (a, b) = (&minor.mentions, &major.mentions);
    let (mut i, mut j, mut beside) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].article.cmp(&b[j].article) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                beside += 1;
                i += 1;
            }
        }
    }
    beside * 2 > a.len()
}

/// True when dotted initials are not the abbreviation written without dots:
/// - against a word written in lowercase letters: `J.R.` is not `Jr`, `W.E.B.` not `Web`, `M.D.` not `Md`
///   (while `U.S.` is `US` and `F.B.I.` is `FBI`, written in capitals);
/// - when the initials are mostly a person's given names (the first words of a phrase: `C.A. Goldberg`,
///   `K.T. McFarland`, `T.S. Eliot`) and the form without dots never ends a phrase the same way: `CA` (the
///   state) is not `C.A.`, while `JD Vance` is `J.D. Vance` and `US Army` is `U.S. Army`.
///
/// The last words compared are those the index keeps for each form ([`FormAcc::lasts`], the first 128 seen),
/// not the profile's shorter list: `U.N.` and `UN` share `Council` (`U.N. Security Council`) among many others.
fn initials_veto(a: (&str, &FormAcc, &Profile), b: (&str, &FormAcc, &Profile)) -> bool {
    let initials = |s: &str| {
        s.contains('.')
            && s.split_terminator('.').all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
    };
    let veto = |(_, dotted_acc, dotted): (&str, &FormAcc, &Profile),
                (_, plain_acc, plain): (&str, &FormAcc, &Profile)| {
        plain.lowercase_letters
            || (dotted.given > dotted.alone + dotted.surname
                && !dotted_acc.lasts.iter().any(|l| plain_acc.lasts.contains(l)))
    };
    (initials(a.0) && !b.0.contains('.') && veto(a, b)) || (initials(b.0) && !a.0.contains('.') && veto(b, a))
}

/// True when most of the first mentions of a form (up to 15) are written with a lowercase letter other than a
/// plural `s` (`Jr`, `Web`; not `JR`, `MPs`).
fn written_with_lowercase(articles: &[IndexedArticle], acc: &FormAcc) -> bool {
    let sample = &acc.mentions[..acc.mentions.len().min(15)];
    let lower = sample
        .iter()
        .filter(|m| {
            articles[m.article].text.get(m.span.0..m.span.1).is_some_and(|t| {
                let t = t.strip_suffix('s').unwrap_or(t);
                t.chars().any(char::is_lowercase)
            })
        })
        .count();
    lower * 2 > sample.len()
}

/// True when a common word keeps two forms apart. A word the corpus also writes in lowercase needs more than a
/// similar key: two common words are one only when they have the same letters but for dots and hyphens
/// (`Cooperation` / `Co-operation`, not `Fewer` / `Fever`), a common word and a name only when they have the
/// same letters but for dots (`US` / `U.S.`, not `Medical` / `Medi-Cal` or `Sheriff` / `Sherif`).
fn common_word_veto(pa: &Profile, pb: &Profile, a: &str, b: &str) -> bool {
    match (pa.common_word, pb.common_word) {
        (false, false) => false,
        (true, true) => !same_letters(a, b, &['.', '-']),
        _ => !same_letters(a, b, &['.']),
    }
}

/// True when two normalized forms have the same letters once the `ignored` characters are dropped.
fn same_letters(a: &str, b: &str, ignored: &[char]) -> bool {
    a.chars().filter(|c| !ignored.contains(c)).eq(b.chars().filter(|c| !ignored.contains(c)))
}

/// The plain-data form of an accumulated form: its most common written spelling and counts per source.
fn form_of(articles: &[IndexedArticle], acc: FormAcc) -> VariantForm {
    let mut spellings: FxHashMap<&str, u64> = FxHashMap::default();
    let mut sources: BTreeMap<String, u64> = BTreeMap::new();
    // Mentions are sorted by article: count each article's run at once.
    for run in acc.mentions.chunk_by(|x, y| x.article == y.article) {
        let a = &articles[run[0].article];
        for m in run {
            *spellings.entry(&a.text[m.span.0..m.span.1]).or_default() += 1;
        }
        match sources.get_mut(a.source.as_str()) {
            Some(n) => *n += run.len() as u64,
            None => {
                sources.insert(a.source.clone(), run.len() as u64);
            }
        }
    }
    // The most common spelling; among equals, one in mixed case (`Kairo` over `KAIRO`), then the smallest.
    let form = spellings
        .into_iter()
        .max_by(|a, b| {
            a.1.cmp(&b.1).then_with(|| is_mixed_case(a.0).cmp(&is_mixed_case(b.0))).then_with(|| b.0.cmp(a.0))
        })
        .map(|(s, _)| s.to_string())
        .unwrap_or_default();
    VariantForm { form, count: acc.mentions.len() as u64, sources, mentions: acc.mentions }
}

fn is_mixed_case(s: &str) -> bool {
    s.chars().any(char::is_lowercase) && s.chars().any(char::is_uppercase)
}

/// The names of a batch of articles, grouped into spellings of one name.
#[derive(Debug, Clone, Default)]
pub struct VariantIndex {
    articles: Vec<IndexedArticle>,
    groups: Vec<VariantGroup>,
}

impl VariantIndex {
    /// A builder that collects articles one by one (for input read in chunks).
    #[must_use]
    pub fn builder() -> VariantIndexBuilder {
        VariantIndexBuilder::default()
    }

    /// Extracts the mentions of every document (in parallel) and groups them. Mention references use the
    /// index of each article in `docs`.
    ///
    /// ```
    /// use newsdiff::names::VariantIndex;
    /// use newsdiff::article::Article;
    /// use newsdiff::normalize::Normalizer;
    ///
    /// let a = Article::from_text("a", "President Volodymyr Zelenskyy spoke. Zelenskyy left.");
    /// let b = Article::from_text("b", "Volodymyr Zelenskiy said Kyiv was ready.");
    /// let n = Normalizer::new();
    /// let (da, db) = (n.normalize(&a), n.normalize(&b));
    /// let index = VariantIndex::from_documents(&[(&a, &da), (&b, &db)]);
    /// let group = index.variant_groups().next().unwrap();
    /// assert_eq!(group.canonical, "Zelenskyy");
    /// assert_eq!(group.forms[1].form, "Zelenskiy");
    /// ```
    #[must_use]
    pub fn from_documents(docs: &[(&Article, &Document)]) -> Self {
        let extractor = MentionExtractor::new();
        let mentions: Vec<Mentions> = docs.par_iter().map(|(a, d)| extractor.extract(&a.text, d)).collect();
        let mut builder = Self::builder();
        for ((article, _), m) in docs.iter().zip(mentions) {
            builder.add(article, m);
        }
        builder.finish()
    }

    /// Every name, single spellings included, most mentioned first.
    #[must_use]
    pub fn groups(&self) -> &[VariantGroup] {
        &self.groups
    }

    /// The names spelled in more than one way, most mentioned first.
    pub fn variant_groups(&self) -> impl Iterator<Item = &VariantGroup> {
        self.groups.iter().filter(|g| g.has_variants())
    }

    /// The articles, in the order they were added ([`MentionRef::article`] indexes this).
    #[must_use]
    pub fn articles(&self) -> &[IndexedArticle] {
        &self.articles
    }

    /// The groups, giving up the index.
    #[must_use]
    pub fn into_groups(self) -> Vec<VariantGroup> {
        self.groups
    }

    /// Makes the house style's preferred spelling the canonical form of its group (and moves it first).
    pub fn apply_style(&mut self, style: &style::HouseStyle) {
        for g in &mut self.groups {
            if let Some(pos) = g.forms.iter().position(|f| style.preferred_for(&f.form).is_some_and(|p| p.1)) {
                g.canonical = g.forms[pos].form.clone();
            } else if let Some((preferred, _)) = g.forms.iter().find_map(|f| style.preferred_for(&f.form)) {
                g.canonical = preferred.to_string();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    fn index_of(texts: &[(&str, &str)]) -> VariantIndex {
        let articles: Vec<Article> = texts.iter().map(|(id, t)| Article::from_text(id, t)).collect();
        let n = Normalizer::new();
        let docs: Vec<Document> = articles.iter().map(|a| n.normalize(a)).collect();
        let pairs: Vec<(&Article, &Document)> = articles.iter().zip(&docs).collect();
        VariantIndex::from_documents(&pairs)
    }

    fn group_with<'a>(index: &'a VariantIndex, form: &str) -> &'a VariantGroup {
        index.groups().iter().find(|g| g.forms.iter().any(|f| f.form == form)).expect(form)
    }

    /// The forms of the group holding `form`.
    fn forms_with(index: &VariantIndex, form: &str) -> Vec<String> {
        group_with(index, form).forms.iter().map(|f| f.form.clone()).collect()
    }

    #[test]
    fn seeds_zelenskyy_is_one_group_and_002_is_mixed() {
        let index = index_of(&crate::TEST_SEEDS);
        let g = group_with(&index, "Zelenskyy");
        let forms: Vec<&str> = g.forms.iter().map(|f| f.form.as_str()).collect();
        assert_eq!(forms, ["Zelenskyy", "Zelenskiy"]);
        assert_eq!(g.mixed.len(), 1);
        assert_eq!(g.mixed[0].source, "002");
        for (a, b) in [("Russia", "Russian"), ("Ukraine", "Ukrainian"), ("Donbas", "Donetsk"), ("Trump", "Trumps")] {
            for g in index.groups() {
                let has = |x: &str| g.forms.iter().any(|f| f.form == x);
                assert!(!(has(a) && has(b)), "{a} and {b} merged");
            }
        }
    }

    #[test]
    fn corpus_cues_keep_similar_names_of_different_people_apart() {
        // Similar keys need a shared first name; different first names and different roles veto a merge.
        let index = index_of(&[
            ("a", "Press secretary Sarah Sanders spoke. Thomas Saunders, the chairman, did not."),
            ("b", "Michelle Obama met Andrea Mitchell. Later Michelle Obama and Andrea Mitchell left."),
            ("c", "Sergei Lavrov arrived; Sergey Lavrov spoke."),
        ]);
        assert_eq!(group_with(&index, "Sanders").forms.len(), 1);
        assert_eq!(group_with(&index, "Michelle").forms.len(), 1);
        assert_eq!(group_with(&index, "Sergei").forms.len(), 2);
    }

    #[test]
    fn given_names_are_variants_only_for_the_same_person() {
        let index = index_of(&[
            ("a", "Julian Assange was charged. Julian Assange appealed."),
            ("b", "Julián Castro spoke. Later Julián Castro left."),
            ("c", "Michelle Obama and Michele Bachmann met. Michelle Obama spoke, Michele Bachmann did not."),
            ("d", "Moammar Gadhafi ruled Libya. Moammar Gadhafi fell."),
            ("e", "Muammar Qaddafi ruled Libya. Muammar Qaddafi fell, and Qaddafi died."),
        ]);
        assert_eq!(group_with(&index, "Julian").forms.len(), 1);
        assert_eq!(group_with(&index, "Michelle").forms.len(), 1);
        assert_eq!(forms_with(&index, "Moammar").len(), 2, "{:?}", forms_with(&index, "Moammar"));
        assert_eq!(forms_with(&index, "Gadhafi").len(), 2, "{:?}", forms_with(&index, "Gadhafi"));
    }

    #[test]
    fn a_given_name_group_counts_only_the_person_it_names() {
        // `Michelle` joins `Michele` through Bachmann, whose name one outlet misspells; its mentions of Michelle
        // Obama (and a bare `Michelle`) are another person and stay out of that group.
        let index = index_of(&[
            ("a", "Michele Bachmann spoke. Later Michele Bachmann left."),
            ("b", "Michelle Bachmann spoke, and Michelle Obama replied. Michelle Obama left, and Michelle smiled."),
        ]);
        let group = index.variant_groups().find(|g| g.canonical == "Michele").expect("Michele group");
        let counts: Vec<(&str, u64)> = group.forms.iter().map(|f| (f.form.as_str(), f.count)).collect();
        assert_eq!(counts, [("Michele", 2), ("Michelle", 1)]);
        assert!(group.mixed.is_empty(), "{:?}", group.mixed);
        let obama = index.groups().iter().find(|g| g.canonical == "Michelle").expect("a group of Michelle alone");
        assert_eq!((obama.forms.len(), obama.count), (1, 3));
    }

    #[test]
    fn common_words_join_only_the_same_letters() {
        // `sheriff`, `joint` and `medical` are written in lowercase in two articles: common words, which a
        // look-alike (`Sherif`, `Joynt`, `Medi-Cal`) does not join; `US` and `U.S.` still do.
        let index = index_of(&[
            ("a", "The sheriff said the joint medical team came. Then Sheriff Brown spoke in the US."),
            ("b", "A sheriff and a joint medical office. Sherif Ali and John Joynt met at Medical Center."),
            ("c", "Medi-Cal pays, and the Joint Chiefs met in the U.S. capital. The sheriff spoke."),
        ]);
        for w in ["Sheriff", "Joint", "Medical"] {
            assert_eq!(group_with(&index, w).forms.len(), 1, "{w}");
        }
        assert_eq!(group_with(&index, "US").forms.len(), 2);
    }

    #[test]
    fn arabic_articles_and_q_spellings_group() {
        let index =
            index_of(&[("a", "Al-Qaeda claimed it. Qaeda fighters left."), ("b", "Officials blamed al-Qaida.")]);
        let g = group_with(&index, "Al-Qaeda");
        assert_eq!(g.forms.len(), 3, "{:?}", g.forms.iter().map(|f| &f.form).collect::<Vec<_>>());
    }

    #[test]
    fn different_first_names_in_one_article_are_different_people() {
        let index = index_of(&[("a", "Ivan Petrenko met Olena Petrenko and Mykola Petrenkko. Then Petrenko left.")]);
        let g = group_with(&index, "Petrenko");
        assert_eq!(g.forms.len(), 1, "{g:?}");
    }

    #[test]
    fn issue_16_surnames_that_differ_are_two_people_without_evidence() {
        // `Bennet` (Michael, James) and `Bennett` (Adam, Bill, and a Michael of its own) are two families; a
        // rarer spelling whose first names are all first names of the commoner one is a misspelling (`Teddy
        // Rosevelt`), and so is one used in an article beside the right spelling (`Bohener`).
        let index = index_of(&[
            ("a", "Sen. Michael Bennet spoke. Michael Bennet left, and James Bennet wrote."),
            ("b", "Adam Bennett and Bill Bennett met. Michael Bennett, the election chair, spoke. Bennett left."),
            ("c", "Theodore Roosevelt and Teddy Roosevelt, as Franklin Roosevelt said. Teddy Rosevelt won 27%."),
            ("d", "House Speaker John Boehner spoke. Boehner left. Some say Bohener is not changing."),
            ("e", "John Boehner replied, and Boehner won. Later Volker spoke, and Kurt Volker left."),
            ("f", "A Volcker Commission report on federal jobs came out."),
        ]);
        assert_eq!(forms_with(&index, "Bennet"), ["Bennet"]);
        assert_eq!(forms_with(&index, "Bennett"), ["Bennett"]);
        assert_eq!(forms_with(&index, "Roosevelt"), ["Roosevelt", "Rosevelt"]);
        assert_eq!(forms_with(&index, "Boehner"), ["Boehner", "Bohener"]);
        assert_eq!(forms_with(&index, "Volker"), ["Volker"]);
    }

    #[test]
    fn issue_16_dotted_initials_are_not_a_word_in_lowercase() {
        let index = index_of(&[
            ("a", "Martin Luther King Jr spoke, and J.R. Smith played. W.E.B. Du Bois wrote on the Web."),
            ("b", "The U.S. and the US are one. The F.B.I. is the FBI. MPs and M.P.s voted."),
        ]);
        for (a, b) in [("Jr", "J.R."), ("Web", "W.E.B.")] {
            let g = group_with(&index, a);
            assert!(g.forms.iter().all(|f| f.form != b), "{a} / {b}");
        }
        for w in ["US", "FBI", "MPs"] {
            assert_eq!(group_with(&index, w).forms.len(), 2, "{w}");
        }
    }

    #[test]
    fn issue_16_an_arabic_article_joins_only_with_evidence() {
        // `al-Omar` is an oilfield and a man, never Ilhan Omar; `Bashar al-Assad` and `Bashar Assad` are one
        // person, in articles that never use both spellings.
        let index = index_of(&[
            ("a", "Rep. Ilhan Omar spoke. Omar later left, and Ilhan Omar voted."),
            ("b", "Fighters seized the al-Omar oilfield. The al-Omar field burned."),
            ("c", "Bashar al-Assad spoke, and al-Assad left."),
            ("d", "Bashar Assad fled. Assad is in Moscow."),
            ("e", "Officials blamed al-Qaida, and al-Qaida denied it."),
            ("f", "Al-Qaeda claimed it. Al-Qaeda fighters left."),
        ]);
        assert_eq!(forms_with(&index, "Omar"), ["Omar"]);
        let mut assad = forms_with(&index, "Assad");
        assad.sort();
        assert_eq!(assad, ["Assad", "al-Assad"]);
        assert_eq!(forms_with(&index, "al-Qaida").len(), 2, "{:?}", forms_with(&index, "al-Qaida"));
    }

    #[test]
    fn issue_16_initials_of_a_person_are_not_an_abbreviation() {
        let index = index_of(&[
            ("a", "Lawyer C.A. Goldberg filed it, and C.A. Goldberg spoke. K.T. McFarland agreed."),
            ("b", "Wildfires in CA spread. CA officials said CA would act. KT is a brand."),
            ("c", "Sen. J.D. Vance spoke. The U.S. Army and the U.S. Senate met."),
            ("d", "JD Vance replied, and the US Army left. The US Senate voted."),
        ]);
        assert_eq!(forms_with(&index, "CA"), ["CA"]);
        assert_eq!(forms_with(&index, "KT"), ["KT"]);
        assert_eq!(forms_with(&index, "JD").len(), 2);
        assert_eq!(forms_with(&index, "US").len(), 2);
    }

    #[test]
    fn issue_16_an_arabic_article_does_not_join_a_given_name() {
        let index = index_of(&[
            ("a", "Rebels held Maaret al-Numan. Fighting in Maaret al-Numan went on."),
            ("b", "Deputy Prime Minister Numan Kurtulmus said so."),
            ("c", "Al-Qaeda claimed it, and Qaeda fighters left."),
        ]);
        assert_eq!(group_with(&index, "Numan").forms.len(), 1);
        assert_eq!(group_with(&index, "Qaeda").forms.len(), 2);
    }

    #[test]
    fn words_of_a_listed_name_may_be_written_apart_or_hyphenated() {
        let groups = group_names(&[("Sidi Bel Abbès", 3), ("Sidi-Bel-Abbès", 2), ("Mira Sol", 1), ("Mirassol", 1)]);
        assert_eq!(groups.len(), 2, "{groups:?}");
        assert!(groups.iter().all(|g| g.forms.len() == 2));
    }

    #[test]
    fn issue_16_saint_st_and_sankt_are_one_word_of_a_listed_name() {
        let groups = group_names(&[("Sankt Pölten", 2), ("St. Pölten", 1), ("Saint-Pölten", 1), ("Santa Pola", 1)]);
        assert_eq!(groups.len(), 2, "{groups:?}");
        assert_eq!(groups[0].forms.len(), 3);
    }

    #[test]
    fn case_variants_are_one_form_shown_in_mixed_case() {
        let index = index_of(&[("a", "KAIRO and Kairo met in Kairo.")]);
        let g = group_with(&index, "Kairo");
        assert_eq!(g.forms.len(), 1);
        assert_eq!(g.forms[0].count, 3);
    }

    #[test]
    fn sentence_initial_words_the_corpus_writes_in_lowercase_are_not_names() {
        let index = index_of(&[("a", "Talks resumed in Geneva. The talks were long. Geneva was cold.")]);
        assert!(index.groups().iter().all(|g| g.canonical != "Talks"));
        assert!(index.groups().iter().any(|g| g.canonical == "Geneva"));
    }

    #[test]
    fn names_list_groups_and_sums_repeats() {
        let groups = group_names(&[("Sergei", 2), ("sergei", 1), ("Serhiy", 1), ("Odesa", 3), ("Odessa", 2)]);
        let odesa = groups.iter().find(|g| g.canonical == "Odesa").unwrap();
        assert_eq!(odesa.forms.len(), 2);
        let sergei = groups.iter().find(|g| g.canonical == "Sergei").unwrap();
        assert_eq!(sergei.forms[0].count, 3);
    }
}
