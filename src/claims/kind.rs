//! What an aligned pair of claims is: the same words, a spelling variant, the same claim in other words, or a
//! conflict.
//!
//! The kind is read off the word diff ([`super::worddiff`]):
//! - `same`: every word equal after normalization (case, typography, possessives);
//! - `variant`: every difference is one of spelling: equal matching keys (`U.S.` / `US`, `São` / `Sao`) or name
//!   spellings that [`crate::names::same_name()`] calls one name (`Zelenskyy` / `Zelenskiy`, never `Austria` /
//!   `Australia`);
//! - `conflict`: the claims disagree on a number (`28-point` / `19-point`, `three` / `five people`), a date
//!   (`Thursday` / `Friday`, `November` / `December`) or a named participant swapped for another in the same
//!   place (`Rubio said` / `Witkoff said`); a number counts when the other claim does not have it anywhere and
//!   the two numbers stand in the same replaced passage or count the same thing (`28-point plan` /
//!   `plan of 19 points`: both count `point`);
//! - `overlap`: anything else: the same claim told differently.

use std::ops::Range;

use serde::Serialize;

use super::similarity::number_word;
use super::stem::stem;
use super::worddiff::{DiffOp, OpNote, OpTag};
use crate::names::same_name;
use crate::normalize::stopwords::CALENDAR_WORDS;
use crate::normalize::stopwords::is_stop_word;
use crate::normalize::{Token, TokenKind};

/// The kind of an aligned pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PairKind {
    /// Identical after normalization.
    Same,
    /// Differs only in spelling, typography or name variants.
    Variant,
    /// The same claim in other words.
    Overlap,
    /// The same claim with different numbers, dates or named participants.
    Conflict,
}

impl PairKind {
    /// The kind's name as printed.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Same => "same",
            Self::Variant => "variant",
            Self::Overlap => "overlap",
            Self::Conflict => "conflict",
        }
    }
}

/// What a conflict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictKind {
    /// Different numbers or quantities.
    Number,
    /// Different dates, days or months.
    Date,
    /// Different named participants.
    Name,
}

/// One disagreement between the two claims of a pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// What it is about.
    pub what: ConflictKind,
    /// A's words.
    pub a: String,
    /// B's words.
    pub b: String,
}

fn value(t: &Token) -> Option<f64> {
    match t.kind {
        TokenKind::Number | TokenKind::Compound => t.value,
        TokenKind::Word => number_word(&t.norm),
        _ => None,
    }
}

fn is_date(t: &Token) -> bool {
    // `May` is a date only when capitalized (`may` is a verb).
    CALENDAR_WORDS.contains(&t.key()) && (t.key() != "may" || t.capitalized)
}

/// A year written in digits (`2019`; not `2,019` or `two thousand`).
fn is_year(t: &Token) -> bool {
    t.kind == TokenKind::Number
        && t.norm.len() == 4
        && t.norm.bytes().all(|b| b.is_ascii_digit())
        && value(t).is_some_and(|v| (1800.0..=2100.0).contains(&v))
}

/// Whether a date word names a day of the week (`true`) or a month (`false`): only two of a kind disagree.
fn is_weekday(t: &Token) -> bool {
    t.key().ends_with("day")
}

/// Longest passage on either side of a replaced number or date that may still be a conflict by itself: a long
/// passage is a different statement that happens to hold a number, not the same statement with another one.
const SHORT_PASSAGE: usize = 4;

/// True when the words next to a date in A and next to one in B say the same thing (`apologize Saturday` /
/// `on Friday apologized`): two dates of one action, not dates of two actions (`apologized Friday` /
/// `resigned Monday`).
fn anchored(a_words: &[&Token], ka: usize, b_words: &[&Token], kb: usize) -> bool {
    let near = |words: &[&Token], k: usize| -> Vec<String> {
        (k.saturating_sub(2)..(k + 3).min(words.len()))
            .filter(|&i| i != k && words[i].kind == TokenKind::Word && !is_stop_word(&words[i].norm))
            .filter(|&i| !is_date(words[i]))
            .map(|i| words[i].key().chars().take(5).collect())
            .collect()
    };
    let (na, nb) = (near(a_words, ka), near(b_words, kb));
    na.iter().any(|x| x.chars().count() >= 4 && nb.contains(x))
}

/// A year right before a content word names which one (`the 2016 election`, `a 2020 contender`), not when
/// something happened: two such years are two things (two elections), not a disagreement.
fn year_names_which(words: &[&Token], k: usize, text: &str) -> bool {
    is_year(words[k]) && names_which(words, k, text)
}

/// Whether the word after `words[k]` is a content word written right after it (`2016 election`).
fn names_which(words: &[&Token], k: usize, text: &str) -> bool {
    words.get(k + 1).is_some_and(|next| {
        next.kind == TokenKind::Word
            && !is_stop_word(&next.norm)
            && text.get(words[k].span.1..next.span.0).is_some_and(|gap| gap.chars().all(char::is_whitespace))
    })
}

fn is_name(t: &Token, position: usize) -> bool {
    t.kind == TokenKind::Word && t.capitalized && position > 0 && !is_stop_word(&t.norm) && !is_date(t)
}

/// Two words are spelled alike when their matching keys are equal, or when both are names that the one
/// same-name rule of [`crate::names`] calls spellings of one name (the rule `newsdiff variants` groups by, so that
/// `Austria` / `Australia` is never a variant here either).
fn spelled_alike(x: &Token, y: &Token) -> bool {
    x.key() == y.key() || (x.capitalized && y.capitalized && same_name(x.key(), y.key()))
}

/// Short and party names that stand for one another in news copy: never a conflict between them.
const ALIASES: &[(&str, &str)] = &[
    ("gop", "republican"),
    ("gop", "republicans"),
    ("dems", "democrats"),
    ("dem", "democrat"),
    ("u.s.", "america"),
    ("us", "america"),
    ("uk", "britain"),
    ("nyc", "york"),
];

/// English given names and their usual short forms that are not a prefix of the name (`Ken` / `Kenneth` is
/// caught by the prefix rule): `Chuck Schumer` is `Charles Schumer`, never a conflict.
const NICKNAMES: &[(&str, &str)] = &[
    ("bill", "william"),
    ("billy", "william"),
    ("bob", "robert"),
    ("bobby", "robert"),
    ("chuck", "charles"),
    ("dick", "richard"),
    ("rick", "richard"),
    ("jim", "james"),
    ("jimmy", "james"),
    ("joe", "joseph"),
    ("ted", "edward"),
    ("ted", "theodore"),
    ("ned", "edward"),
    ("jack", "john"),
    ("hank", "henry"),
    ("harry", "henry"),
    ("larry", "lawrence"),
    ("peggy", "margaret"),
    ("maggie", "margaret"),
    ("liz", "elizabeth"),
    ("beth", "elizabeth"),
    ("betsy", "elizabeth"),
    ("betty", "elizabeth"),
    ("kathy", "katherine"),
    ("kate", "katherine"),
    ("sue", "susan"),
    ("tony", "anthony"),
    ("jerry", "gerald"),
    ("jerry", "jerome"),
    ("steve", "stephen"),
    ("peg", "margaret"),
];

/// True when two names may refer to one person, party or place without being spellings of one name: a short
/// form (`Ken` / `Kenneth`, `Mike` / `Michael`'s first letters, `Chuck` / `Charles`), a known alias (`GOP` /
/// `Republican`), or the same consonants with a vowel or a doubled letter more (`Momma` / `Mama`).
fn same_referent(x: &Token, y: &Token) -> bool {
    if spelled_alike(x, y) {
        return true;
    }
    let (a, b) = (x.key(), y.key());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= 3 && long.starts_with(short) {
        return true;
    }
    if ALIASES.iter().chain(NICKNAMES).any(|&(p, q)| (p == a && q == b) || (p == b && q == a)) {
        return true;
    }
    let consonants = |s: &str| {
        let mut out: Vec<char> = s.chars().filter(|c| c.is_alphabetic() && !"aeiouy".contains(*c)).collect();
        out.dedup();
        out
    };
    a.len() >= 4 && b.len() >= 4 && a.chars().next() == b.chars().next() && consonants(a) == consonants(b)
}

/// How far before a day its actor may stand (`the House ensured the bill will become law after voting 348-77 to
/// override Wednesday`: ten words), and after it when none stands before (`On Thursday, the House voted`).
const ACTOR_BEFORE: usize = 12;
const ACTOR_AFTER: usize = 3;

/// The name a day belongs to: the nearest name before it, with no other day between, or else the first name
/// just after it.
fn actor_of(words: &[&Token], k: usize) -> Option<usize> {
    let before =
        (k.saturating_sub(ACTOR_BEFORE)..k).rev().take_while(|&i| !is_date(words[i])).find(|&i| is_name(words[i], i));
    before.or_else(|| {
        (k + 1..(k + 1 + ACTOR_AFTER).min(words.len()))
            .take_while(|&i| !is_date(words[i]))
            .find(|&i| is_name(words[i], i))
    })
}

/// The actor of each of the `days` (word indices) that has one: (actor, day) word indices.
fn actor_days(words: &[&Token], days: &[usize]) -> Vec<(usize, usize)> {
    days.iter().filter_map(|&k| actor_of(words, k).map(|x| (x, k))).collect()
}

/// A day A gives an actor and another day B gives the same actor (`the House voted on Wednesday` / `followed by
/// the House on Thursday`), neither side also giving that actor the other's day: the indices of the two days.
/// `a_days` and `b_days` are the word indices of each side's dates.
fn actor_days_differ(
    a_words: &[&Token],
    a_days: &[usize],
    b_words: &[&Token],
    b_days: &[usize],
) -> Option<(usize, usize)> {
    let (da, db) = (actor_days(a_words, a_days), actor_days(b_words, b_days));
    let gives = |days: &[(usize, usize)], words: &[&Token], actor: &Token, day: &Token| {
        days.iter().any(|&(x, k)| same_referent(words[x], actor) && spelled_alike(words[k], day))
    };
    da.iter().flat_map(|&(xa, ka)| db.iter().map(move |&(xb, kb)| (xa, ka, xb, kb))).find_map(|(xa, ka, xb, kb)| {
        let (day_a, day_b) = (a_words[ka], b_words[kb]);
        let disagree = same_referent(a_words[xa], b_words[xb])
            && is_weekday(day_a) == is_weekday(day_b)
            && !spelled_alike(day_a, day_b)
            && !gives(&db, b_words, a_words[xa], day_a)
            && !gives(&da, a_words, b_words[xb], day_b);
        disagree.then_some((ka, kb))
    })
}

/// Marks as conflicting the changed passages that hold A's word `ka` or B's word `kb`.
fn mark_conflict(ops: &mut [DiffOp], ka: usize, kb: usize) {
    let hits = |s: &Option<super::worddiff::Segment>, k: usize| {
        s.as_ref().is_some_and(|s| (s.words[0]..s.words[1]).contains(&k))
    };
    for op in ops.iter_mut() {
        if op.op != OpTag::Equal && (hits(&op.a, ka) || hits(&op.b, kb)) {
            op.note = Some(OpNote::Conflict);
        }
    }
}

/// What a number counts: the rest of its compound (`28-point` counts `point`) or the next word's stem.
/// None for the day of a month (`Sept. 11 attacks`, `11 September`): a date, not a count of anything.
fn unit(words: &[&Token], k: usize) -> Option<String> {
    let t = words[k];
    let month = |w: Option<&&Token>| w.is_some_and(|w| is_date(w) && !is_weekday(w));
    if month(k.checked_sub(1).and_then(|p| words.get(p))) || month(words.get(k + 1)) {
        return None;
    }
    if t.kind == TokenKind::Compound {
        let rest: Vec<&str> = t.key().split('-').skip(1).filter(|p| value_of_str(p).is_none()).collect();
        if let Some(last) = rest.last() {
            return Some(stem(last).into_owned());
        }
    }
    let next = words.get(k + 1)?;
    (value(next).is_none() && !is_stop_word(&next.norm)).then(|| stem(next.key()).into_owned())
}

fn value_of_str(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().or_else(|| number_word(s))
}

fn text_of(words: &[&Token], range: std::ops::Range<usize>, text: &str) -> String {
    if range.is_empty() {
        return String::new();
    }
    text[words[range.start].span.0..words[range.end - 1].span.1].to_string()
}

/// A conflict on one word of each claim.
fn located(
    what: ConflictKind,
    a_words: &[&Token],
    ka: usize,
    a_text: &str,
    b_words: &[&Token],
    kb: usize,
    b_text: &str,
) -> LocatedConflict {
    LocatedConflict {
        conflict: Conflict { what, a: text_of(a_words, ka..ka + 1, a_text), b: text_of(b_words, kb..kb + 1, b_text) },
        a_words: ka..ka + 1,
        b_words: kb..kb + 1,
    }
}

/// Classifies an aligned pair from its word diff, marking replaced passages that are variants or conflicts,
/// and lists the conflicts.
#[must_use]
pub fn classify(
    ops: &mut [DiffOp],
    a_words: &[&Token],
    a_text: &str,
    b_words: &[&Token],
    b_text: &str,
) -> (PairKind, Vec<Conflict>) {
    let (kind, found) = classify_located(ops, a_words, a_text, b_words, b_text);
    (kind, found.into_iter().map(|f| f.conflict).collect())
}

/// A conflict and where it is: the ranges of words (indices into the claims' words) that disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedConflict {
    /// The disagreement.
    pub conflict: Conflict,
    /// A's disagreeing words.
    pub a_words: Range<usize>,
    /// B's disagreeing words.
    pub b_words: Range<usize>,
}

/// [`classify`], with the words of each conflict (to ask the pair model what it would say had the two claims
/// agreed on them: [`super::align`]).
#[must_use]
pub fn classify_located(
    ops: &mut [DiffOp],
    a_words: &[&Token],
    a_text: &str,
    b_words: &[&Token],
    b_text: &str,
) -> (PairKind, Vec<LocatedConflict>) {
    let a_values: Vec<f64> = a_words.iter().filter_map(|t| value(t)).collect();
    let b_values: Vec<f64> = b_words.iter().filter_map(|t| value(t)).collect();
    let a_has = |v: f64| a_values.contains(&v);
    let b_has = |v: f64| b_values.contains(&v);
    let in_b = |t: &Token| b_words.iter().any(|y| spelled_alike(t, y));
    let in_a = |t: &Token| a_words.iter().any(|x| spelled_alike(x, t));
    let named_in_b = |t: &Token| b_words.iter().any(|y| same_referent(t, y));
    let named_in_a = |t: &Token| a_words.iter().any(|x| same_referent(x, t));
    let mut conflicts = Vec::new();
    let mut only_spelling = true;
    let mut number_flagged = false;
    for op in ops.iter_mut() {
        let ra = op.a.as_ref().map_or(0..0, |s| s.words[0]..s.words[1]);
        let rb = op.b.as_ref().map_or(0..0, |s| s.words[0]..s.words[1]);
        match op.op {
            OpTag::Equal => continue,
            OpTag::Delete | OpTag::Insert => {
                only_spelling = false;
                continue;
            }
            OpTag::Replace => {}
        }
        let (xa, xb) = (&a_words[ra.clone()], &b_words[rb.clone()]);
        if xa.len() == xb.len() && xa.iter().zip(xb).all(|(x, y)| spelled_alike(x, y)) {
            op.note = Some(OpNote::Variant);
            continue;
        }
        only_spelling = false;
        // The first number of each passage that the other claim lacks.
        let na = ra.clone().find(|&k| value(a_words[k]).is_some_and(|v| !b_has(v)));
        let nb = rb.clone().find(|&k| value(b_words[k]).is_some_and(|v| !a_has(v)));
        let da: Vec<usize> = ra.clone().filter(|&k| is_date(a_words[k]) && !in_b(a_words[k])).collect();
        let db: Vec<usize> = rb.clone().filter(|&k| is_date(b_words[k]) && !in_a(b_words[k])).collect();
        // A participant swapped for another: both passages are short and nothing but names, and each holds a
        // name that stands for nobody named on the other side (`Ken` / `Kenneth` and `GOP` / `Republican` do).
        let only_names = |x: &[&Token], start: usize, other: &dyn Fn(&Token) -> bool| {
            x.len() <= 3 && x.iter().enumerate().all(|(k, t)| is_name(t, start + k)) && x.iter().any(|t| !other(t))
        };
        let names = only_names(xa, ra.start, &named_in_b) && only_names(xb, rb.start, &named_in_a);
        let short = xa.len() <= SHORT_PASSAGE && xb.len() <= SHORT_PASSAGE;
        // A day swapped for another (`on Thursday` / `on Friday`), or days next to the same action.
        let only_the_day = xa.len() <= 2 && xb.len() <= 2;
        let dates = da.iter().flat_map(|&ka| db.iter().map(move |&kb| (ka, kb))).find(|&(ka, kb)| {
            is_weekday(a_words[ka]) == is_weekday(b_words[kb]) && (only_the_day || anchored(a_words, ka, b_words, kb))
        });
        // What disagrees, and the words that do (the numbers or days themselves; the names).
        // Two years that name which one of the same thing (`the 2016 election` / `the 2020 election`) are two
        // things, not a disagreement on one (the price: `won the 2012 election` / `won the 2016 election` said
        // of one race is missed).
        let two_of_a_kind = |ka: usize, kb: usize| {
            year_names_which(a_words, ka, a_text)
                && year_names_which(b_words, kb, b_text)
                && spelled_alike(a_words[ka + 1], b_words[kb + 1])
        };
        let found = match (na, nb, dates) {
            (Some(ka), Some(kb), _) if short && !two_of_a_kind(ka, kb) => {
                number_flagged = true;
                Some((ConflictKind::Number, ka..ka + 1, kb..kb + 1))
            }
            (_, _, Some((ka, kb))) => Some((ConflictKind::Date, ka..ka + 1, kb..kb + 1)),
            _ if names => Some((ConflictKind::Name, ra.clone(), rb.clone())),
            _ => None,
        };
        if let Some((what, a_detail, b_detail)) = found {
            op.note = Some(OpNote::Conflict);
            let conflict = Conflict { what, a: text_of(a_words, ra, a_text), b: text_of(b_words, rb, b_text) };
            conflicts.push(LocatedConflict { conflict, a_words: a_detail, b_words: b_detail });
        }
    }
    // Numbers in different places that count the same thing (`28-point plan` / `plan of 19 points`).
    if !number_flagged {
        // A year that names which one (`the 2016 election`) counts nothing.
        let units = |words: &[&Token], text: &str, other: &dyn Fn(f64) -> bool| -> Vec<(usize, String)> {
            words
                .iter()
                .enumerate()
                .filter(|&(k, t)| value(t).is_some_and(|v| !other(v)) && !year_names_which(words, k, text))
                .filter_map(|(k, _)| unit(words, k).map(|u| (k, u)))
                .collect()
        };
        let ua = units(a_words, a_text, &b_has);
        let ub = units(b_words, b_text, &a_has);
        if let Some(((ka, _), (kb, _))) =
            ua.iter().flat_map(|x| ub.iter().map(move |y| (x, y))).find(|(x, y)| x.1 == y.1)
        {
            mark_conflict(ops, *ka, *kb);
            conflicts.push(located(ConflictKind::Number, a_words, *ka, a_text, b_words, *kb, b_text));
        }
    }
    // Years in different places next to the same word (`his term ends in 2019` / `before his term ends in 2018,
    // telling ...`): both date the same thing, and no number is common to them. Only years: counts next to the
    // same word are too often counts of different things (`Lieberman, 75, who served` / `who served three terms`).
    if !conflicts.iter().any(|c| c.conflict.what == ConflictKind::Number) && !a_values.iter().any(|&v| b_has(v)) {
        let numbers = |words: &[&Token], text: &str| -> Vec<usize> {
            (0..words.len()).filter(|&k| is_year(words[k]) && !year_names_which(words, k, text)).collect()
        };
        let (xa, xb) = (numbers(a_words, a_text), numbers(b_words, b_text));
        if let Some((ka, kb)) = xa
            .iter()
            .flat_map(|&ka| xb.iter().map(move |&kb| (ka, kb)))
            .find(|&(ka, kb)| anchored(a_words, ka, b_words, kb))
        {
            mark_conflict(ops, ka, kb);
            conflicts.push(located(ConflictKind::Number, a_words, ka, a_text, b_words, kb, b_text));
        }
    }
    // Days named in different places (`apologize Saturday` / `on Friday apologized`): both sentences date the
    // same action, and no day is common to them.
    let days = |words: &[&Token]| -> Vec<usize> { (0..words.len()).filter(|&k| is_date(words[k])).collect() };
    let (xa, xb) = (days(a_words), days(b_words));
    let shared = xa.iter().any(|&k| in_b(a_words[k])) || xb.iter().any(|&k| in_a(b_words[k]));
    if conflicts.is_empty() {
        let pair = xa
            .iter()
            .flat_map(|&ka| xb.iter().map(move |&kb| (ka, kb)))
            .find(|&(ka, kb)| is_weekday(a_words[ka]) == is_weekday(b_words[kb]) && anchored(a_words, ka, b_words, kb));
        if let (Some((ka, kb)), false) = (pair, shared) {
            mark_conflict(ops, ka, kb);
            conflicts.push(located(ConflictKind::Date, a_words, ka, a_text, b_words, kb, b_text));
        }
    }
    // One actor, two days (`The House voted later on Wednesday` / `... in the Senate on Wednesday, followed by the
    // House on Thursday`): the days differ though both sentences name Wednesday, so the rules above miss it. Only
    // when a day is common to both: without one, the rule above decides by the action next to each day (a
    // Republican staffer who `apologized` on Friday and one who `resigned` Monday are two actions).
    if conflicts.is_empty()
        && shared
        && let Some((ka, kb)) = actor_days_differ(a_words, &xa, b_words, &xb)
    {
        mark_conflict(ops, ka, kb);
        conflicts.push(located(ConflictKind::Date, a_words, ka, a_text, b_words, kb, b_text));
    }
    let kind = if !conflicts.is_empty() {
        PairKind::Conflict
    } else if only_spelling {
        if ops.iter().any(|o| o.note == Some(OpNote::Variant)) { PairKind::Variant } else { PairKind::Same }
    } else {
        PairKind::Overlap
    };
    (kind, conflicts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::worddiff::{diff, words};
    use crate::normalize::Normalizer;

    fn kind_of(a: &str, b: &str) -> (PairKind, Vec<Conflict>) {
        let n = Normalizer::new();
        let (ta, tb) = (n.tokens(a), n.tokens(b));
        let (wa, wb) = (words(&ta), words(&tb));
        let mut ops = diff(&wa, a, &wb, b);
        classify(&mut ops, &wa, a, &wb, b)
    }

    #[test]
    fn same_after_normalization() {
        assert_eq!(kind_of("Zelenskyy’s plan “works”.", "zelenskyy's plan \"works\"").0, PairKind::Same);
    }

    #[test]
    fn variants_in_spelling_and_names() {
        assert_eq!(kind_of("Zelenskyy met U.S. envoys.", "Zelenskiy met US envoys.").0, PairKind::Variant);
        assert_eq!(
            kind_of("President Zelenskyy spoke in Kyiv.", "President Zelenskiy spoke in Kyiv.").0,
            PairKind::Variant
        );
        assert_eq!(kind_of("Talks in São Paulo.", "Talks in Sao Paulo.").0, PairKind::Variant);
        assert_eq!(kind_of("Talks in Odesa.", "Talks in Odessa.").0, PairKind::Variant);
    }

    /// Two forms of one name are neither a variant nor a conflict: a short form, an alias, the same consonants.
    #[test]
    fn forms_of_one_name_are_no_conflict() {
        assert_no_conflict(&[
            ("The bill was written by Ken Paxton.", "The bill was written by Kenneth Paxton."),
            ("The GOP leaders met on Monday.", "The Republican leaders met on Monday."),
            ("She called her Momma first.", "She called her Mama first."),
            ("Sen. Charles Schumer led the effort.", "Sen. Chuck Schumer led the effort."),
            ("Former Sen. Joe Lieberman is a finalist.", "Former Sen. Joseph Lieberman is a finalist."),
        ]);
    }

    fn assert_no_conflict(pairs: &[(&str, &str)]) {
        for (a, b) in pairs {
            let (k, c) = kind_of(a, b);
            assert!(c.is_empty(), "{a} / {b}: {c:?}");
            assert_ne!(k, PairKind::Conflict, "{a} / {b}");
        }
    }

    /// Look-alike names of different places or people are never a spelling variant: the same rule as
    /// `newsdiff variants` decides.
    #[test]
    fn look_alike_names_are_not_variants() {
        for (a, b) in [
            ("He flew in from Austria on Monday.", "He flew in from Australia on Monday."),
            ("Troops moved into Slovenia last week.", "Troops moved into Slovakia last week."),
            ("The bill was backed by Michelle Obama.", "The bill was backed by Michele Bachmann."),
        ] {
            let (k, c) = kind_of(a, b);
            assert_ne!(k, PairKind::Variant, "{a} / {b}");
            assert_eq!(k, PairKind::Conflict, "{a} / {b}");
            assert_eq!(c[0].what, ConflictKind::Name, "{a} / {b}");
        }
    }

    #[test]
    fn overlap_when_worded_differently() {
        let (k, c) =
            kind_of("Russian drones struck Kyiv overnight.", "Kyiv was struck by Russian drones during the night.");
        assert_eq!(k, PairKind::Overlap);
        assert!(c.is_empty());
    }

    #[test]
    fn conflicts_on_numbers_dates_and_names() {
        let (k, c) = kind_of("The attacks killed at least three people.", "The attacks killed at least five people.");
        assert_eq!(k, PairKind::Conflict);
        assert_eq!(c[0].what, ConflictKind::Number);
        assert_eq!((c[0].a.as_str(), c[0].b.as_str()), ("three", "five"));
        let (k, c) = kind_of("Trump put forward a 28-point proposal.", "Trump put forward a 19-point proposal.");
        assert_eq!(k, PairKind::Conflict);
        assert_eq!(c[0].a, "28-point");
        let (k, c) = kind_of("Trump backed a 28-point plan last week.", "The plan, of 19 points, was backed by Trump.");
        assert_eq!((k, c[0].what), (PairKind::Conflict, ConflictKind::Number));
        let (k, c) = kind_of("Zelenskyy met Witkoff on Thursday.", "Zelenskyy met Witkoff on Friday.");
        assert_eq!((k, c[0].what), (PairKind::Conflict, ConflictKind::Date));
        let (k, c) =
            kind_of("The plan was drafted by Rubio last month.", "The plan was drafted by Dmitriev last month.");
        assert_eq!((k, c[0].what), (PairKind::Conflict, ConflictKind::Name));
    }

    #[test]
    fn days_in_different_places_conflict() {
        let (k, c) = kind_of(
            "The staffer had to apologize Saturday for the post.",
            "The staffer on Friday apologized for the post.",
        );
        assert_eq!((k, c[0].what), (PairKind::Conflict, ConflictKind::Date));
        assert!(c[0].a.contains("Saturday") && c[0].b.contains("Friday"), "{c:?}");
        // Two actions, each with its day; a month and a weekday; a long passage that holds another number.
        assert_no_conflict(&[
            (
                "A Republican staffer on Friday apologized for the post.",
                "A congressional aide resigned Monday after it.",
            ),
            ("The Senate voted Wednesday to override the veto.", "Congress is set to vote in Sept to override it."),
            (
                "The law lets families sue for the 2001 attacks.",
                "Families pressed Congress before the 15th anniversary of the attacks.",
            ),
        ]);
    }

    /// Issue 12: one actor given two days, though both sentences name both days' words somewhere.
    #[test]
    fn one_actor_on_two_days_conflicts() {
        let house_thursday = "The override is expected to begin in the Senate on Wednesday, followed by the House on \
                              Thursday.";
        let (k, c) = kind_of("The House voted later on Wednesday to override the veto.", house_thursday);
        assert_eq!((k, c[0].what), (PairKind::Conflict, ConflictKind::Date), "{c:?}");
        assert_eq!((c[0].a.as_str(), c[0].b.as_str()), ("Wednesday", "Thursday"));
        let (k, _) = kind_of("On Wednesday, the House voted to override the veto.", house_thursday);
        assert_eq!(k, PairKind::Conflict);
        assert_no_conflict(&[
            // Each actor keeps its day.
            ("The Senate votes on Wednesday and the House on Thursday.", house_thursday),
            // Two actors, each with its day.
            (
                "Gov. Asa Hutchinson on Wednesday urged lawmakers to change the bill.",
                "On Thursday, the state's general assembly passed new language.",
            ),
            // A weekday and a month.
            ("The House voted on Wednesday.", "The House will vote again in September."),
            // No day common to both: two actions of one actor, each with its day.
            (
                "A Republican staffer on Friday apologized for the post.",
                "A young Republican congressional aide resigned Monday after the post.",
            ),
        ]);
    }

    /// Issue 12: a year in different places, next to the same action, with long passages around it.
    #[test]
    fn numbers_next_to_the_same_word_conflict() {
        let (k, c) = kind_of(
            "LePage's second and final term as governor officially ends in 2019.",
            "LePage hinted on Tuesday that he may resign before his term ends in 2018, telling a local radio station \
             he is looking at all options.",
        );
        assert_eq!((k, c[0].what), (PairKind::Conflict, ConflictKind::Number));
        assert_eq!((c[0].a.as_str(), c[0].b.as_str()), ("2019", "2018"));
        // Numbers of different things next to different words are no conflict.
        assert_no_conflict(&[(
            "The bill passed the House 348-77 on Wednesday.",
            "Nearly 3,000 people died in the attacks of 2001.",
        )]);
    }

    /// A year before a content word names which one: `the 2016 election` / `the 2008 elections` are two
    /// elections, and the year rule does not pair them.
    #[test]
    fn a_year_that_names_which_one_is_not_a_date() {
        assert_no_conflict(&[(
            "In the 2016 presidential election, Democrat Hillary Clinton won the state by less than 2 points.",
            "The 2008 elections saw Democrats ascendant, and as Barack Obama won the presidential election, the \
             race was close.",
        )]);
        let text = "the 2016 election was in 2019, telling";
        let doc = Normalizer::new().normalize(&crate::article::Article::from_text("a", text));
        let tokens: Vec<&Token> = words(&doc.tokens);
        let at = |w: &str| tokens.iter().position(|t| t.norm == w).expect(w);
        assert!(names_which(&tokens, at("2016"), text));
        assert!(!names_which(&tokens, at("2019"), text));
    }

    /// The same guard on the word diff's own path: a year swapped for another before the same word.
    #[test]
    fn two_years_naming_two_elections_are_no_conflict() {
        assert_no_conflict(&[(
            "Mueller found Russian interference in the 2016 election.",
            "Mueller found Russian interference in the 2020 election.",
        )]);
        assert_eq!(kind_of("He left office in 2016.", "He left office in 2020.").0, PairKind::Conflict);
    }

    /// The day of a month counts nothing: `Sept. 11 attacks` / `2001 attacks` is no conflict.
    #[test]
    fn day_of_month_is_not_a_count() {
        assert_no_conflict(&[(
            "Families may sue for any role the Saudi government played in the 2001 attacks.",
            "Families of those killed in the Sept. 11 attacks may sue Saudi Arabia for any role in the plot.",
        )]);
    }

    #[test]
    fn extra_numbers_on_one_side_are_no_conflict() {
        assert_eq!(kind_of("Russia fired drones at Kyiv.", "Russia fired 40 drones at Kyiv.").0, PairKind::Overlap);
        assert_eq!(kind_of("She may resign.", "She might resign.").0, PairKind::Overlap);
    }
}
