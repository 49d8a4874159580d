//! Guarded similarity: which transliteration buckets are spellings of one name, and the guards against false
//! merges.
//!
//! Equal keys ([`super::key::group_key`]) already join most spellings. This pass joins what the key cannot:
//! the Arabic `q` written `k` or `g` (`Qaddafi`, `Gaddafi`), `ae`/`ai` (`Qaeda`, `Qaida`), `o`/`u` next to a
//! vowel (`Moammar`, `Muammar`), a vowel added to a vowel pair in a long name (`Matheson`, `Mathieson`); and it
//! refuses merges that look alike but are different words:
//! - derived words: `Russia` / `Russian`, `Ukraine` / `Ukrainian`, `Trump` / `Trumps`, `Iraq` / `Iraqi`: one
//!   spelling is the other plus a derivational or plural ending;
//! - known places ([`super::places`]): a place joins only its listed spellings (`Guiana` / `Guyana`,
//!   `Israel` / `Yisrael` stay apart);
//! - different names that differ in a consonant the transliteration rules never exchange (`Donbas` /
//!   `Donetsk`, `Kupiansk` / `Pokrovsk`, `Austria` / `Australia`, `Moscow` / `Moldova`).

use compact_str::CompactString;
use rustc_hash::FxHashMap;

use super::key;

/// Endings that derive a new word from a name: demonyms, adjectives, plurals.
const DERIVATIONS: &[&str] = &[
    "s", "es", "n", "an", "ian", "ians", "ans", "ns", "ese", "ish", "i", "is", "ic", "ics", "ist", "ists", "ism",
    "ite", "ites", "er", "ers", "ern", "ean", "eans", "ia",
];

/// True when one spelling is the other plus a derivational or plural ending (`Russia` / `Russian`,
/// `Trump` / `Trumps`), compared on the accent-folded spellings.
///
/// ```
/// use newsdiff::names::same_name::is_derived;
/// assert!(is_derived("Russia", "Russian"));
/// assert!(is_derived("Trumps", "Trump"));
/// assert!(!is_derived("Zelensky", "Zelenskyy"));
/// ```
#[must_use]
pub fn is_derived(a: &str, b: &str) -> bool {
    let (a, b) = (key::folded(a), key::folded(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 3 || !long.starts_with(short.as_str()) {
        // `Ukraine` / `Ukrainian`, `China` / `Chinese`: a final vowel gives way to the ending.
        return short.ends_with(['a', 'e', 'o'])
            && short.len() >= 4
            && long.starts_with(&short[..short.len() - 1])
            && DERIVATIONS.contains(&&long[short.len() - 1..]);
    }
    let tail = &long[short.len()..];
    // A doubled last letter or a `y`/`i` ending is a spelling difference, not a derivation.
    if tail.is_empty() || short.ends_with(tail) || (matches!(tail, "i" | "y" | "j") && short.ends_with(['i', 'y', 'j']))
    {
        return false;
    }
    DERIVATIONS.contains(&tail)
}

/// True when two name words (or multi-word names, word by word) are spellings of one name: `Zelenskyy` and
/// `Zelenskiy`, `U.S.` and `US`, `Odesa` and `Odessa`; never `Russia` and `Russian`.
///
/// This looks at the two strings only, without context; it is cheap enough to call for every pair a caller
/// wants to check.
///
/// ```
/// use newsdiff::names::same_name;
/// assert!(same_name("Zelenskyy", "Zelenskiy"));
/// assert!(same_name("U.S.", "US"));
/// assert!(!same_name("Austria", "Australia"));
/// assert!(!same_name("Ukraine", "Ukrainian"));
/// ```
#[must_use]
pub fn same_name(a: &str, b: &str) -> bool {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split_whitespace().collect(), b.split_whitespace().collect());
    if wa.len() != wb.len() || wa.is_empty() {
        return false;
    }
    wa.iter().zip(&wb).all(|(x, y)| same_word(x, y))
}

fn same_word(a: &str, b: &str) -> bool {
    if is_derived(a, b) {
        return false;
    }
    let (ka, kb) = (key::group_key(a), key::group_key(b));
    ka == kb || close_keys(&ka, &kb).is_some() || same_but_accents(&ka, &kb, a, b)
}

/// True when two names with transliteration skeletons as keys are spelled alike but for accents and the
/// marks the skeleton reads as sounds (`Miškolc` / `Miskolc`, `Aşgabat` / `Asgabat`, `Muñoz` / `Munoz`): a
/// spelling without the diacritics is the same name, not the name its letters would transliterate (`Miskolc`
/// is not read `Mishkolc`, but it is still `Miškolc`). Place keys (`@...`) already ignore accents.
/// Both spellings with diacritics and different skeletons are two names (`Čančun`, the Czech `Changchun`, and
/// `Cancún`).
fn same_but_accents(ka: &str, kb: &str, a: &str, b: &str) -> bool {
    ka.starts_with('~')
        && kb.starts_with('~')
        && a.is_ascii() != b.is_ascii()
        && key::folded(key::strip_article(a)) == key::folded(key::strip_article(b))
}

/// True when two name words are spellings of one name by transliteration knowledge alone, which needs no
/// evidence from the articles: a known alternation between their keys (`Qaddafi` / `Gadhafi`, `al-Qaeda` /
/// `al-Qaida`), or two listed spellings of one known place (`Kyiv` / `Kiev`).
pub(super) fn known_alternation(a: &str, b: &str) -> bool {
    if let (Some(pa), Some(pb)) = (super::places::place_of(a), super::places::place_of(b)) {
        return pa == pb;
    }
    close_keys(&key::group_key(a), &key::group_key(b)) == Some(Closeness::Known)
}

/// Shortest skeleton (in symbols) that the similarity pass may join with another: shorter names differ in one
/// letter far too often (`Ivan` / `Iван`, `Mara` / `Maria`).
pub const MIN_SIMILAR_LEN: usize = 7;

/// True for vowel symbols of a skeleton.
fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The one edit between two skeletons, when they are one substitution, insertion or deletion apart:
/// `Some((a_symbol, b_symbol, position))` with `None` for the missing side of an insertion.
fn one_edit(a: &[u8], b: &[u8]) -> Option<(Option<u8>, Option<u8>, usize)> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (da, db) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    match (da.len(), db.len()) {
        (1, 1) => Some((Some(da[0]), Some(db[0]), prefix)),
        (1, 0) => Some((Some(da[0]), None, prefix)),
        (0, 1) => Some((None, Some(db[0]), prefix)),
        _ => None,
    }
}

/// How two close keys are related: by transliteration knowledge that needs no further evidence, or merely by
/// similarity, which a caller with context backs with a shared first or last name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closeness {
    /// A known alternation (`Qaddafi` / `Gaddafi`, `Qaeda` / `Qaida`): as good as equal keys.
    Known,
    /// Similar spellings (`Matheson` / `Mathieson`): one name with the support of the context, if there is one.
    Similar,
    /// Spellings too often of two names to be joined without a cue (`Moammar` / `Muammar`, but `Yoichi` /
    /// `Yuichi` are two Japanese names): one name only when the context backs it, never in a plain list.
    Cue,
}

/// Whether two bucket keys are close enough to be one name, one edit apart:
/// - `q` for `k` or `g` anywhere, the first letter included (Arabic ق: `Qasim`, `Kasim`; `Qaddafi`, `Gaddafi`),
///   `q` for `g` in skeletons of six symbols or more only (`Khaqan` / `Hagan` are two people) [known];
/// - `e` for `i` after `a` (Arabic ـَي: `Qaeda` / `Qaida`, `Saeed` / `Saiid`) [known];
/// - `o` for `u` next to another vowel (Arabic ُ: `Moammar` / `Muammar`) [cue];
/// - on long skeletons ([`MIN_SIMILAR_LEN`] symbols) with the same first symbol, one vowel added to a vowel pair
///   inside the name (`Matheson` / `Mathieson`), never at the end (`Ludovico` / `Ludovica`) [similar].
///
/// Keys of at least [`key::MIN_SKELETON_LEN`] symbols only; place keys never (two places are two names).
fn close_keys(a: &str, b: &str) -> Option<Closeness> {
    let (Some(a), Some(b)) = (a.strip_prefix('~'), b.strip_prefix('~')) else { return None };
    if a.contains(' ') || b.contains(' ') {
        return None;
    }
    // Skeleton keys (`~...`) are ASCII: `group_key` makes them only for names written in ASCII letters.
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().min(b.len()) < key::MIN_SKELETON_LEN {
        return None;
    }
    let (x, y, at) = one_edit(a, b)?;
    let vowel_next_to = |s: &[u8], i: usize| s.get(i + 1).is_some_and(|&c| is_vowel(c)) || i > 0 && is_vowel(s[i - 1]);
    match (x, y) {
        (Some(x), Some(y)) => {
            let pair = (x.min(y), x.max(y));
            // `q` for `g` on six symbols at least: on five, `Haqan` / `Hagan` are two people (`Qasim` / `Kasim`
            // are one).
            let shortest = a.len().min(b.len());
            if pair == (b'k', b'q') || (pair == (b'g', b'q') && shortest >= 6) {
                return Some(Closeness::Known);
            }
            if pair == (b'e', b'i') && at > 0 && a[at - 1] == b'a' {
                return Some(Closeness::Known);
            }
            if pair == (b'o', b'u') && at > 0 && vowel_next_to(a, at) {
                return Some(Closeness::Cue);
            }
            None
        }
        (Some(c), None) | (None, Some(c)) => {
            let long = if a.len() > b.len() { a } else { b };
            (a.len().min(b.len()) >= MIN_SIMILAR_LEN
                && a[0] == b[0]
                && is_vowel(c)
                && at + 1 < long.len()
                && vowel_next_to(long, at))
            .then_some(Closeness::Similar)
        }
        (None, None) => None,
    }
}

/// Merges buckets of equal keys that the guarded similarity joins. `keys[b]` is bucket `b`'s key, `buckets[b]`
/// its members (indices into `names`); `support(x, y)` says whether the context backs joining names `x` and `y`
/// (`None` for a plain list, which has no context). Returns the merged buckets.
///
/// Blocking: every key is indexed under itself and each of its one-symbol deletions, so that two keys one
/// edit apart always share an index entry, and only keys sharing one are compared.
pub(super) fn merge_buckets(
    keys: &[&str],
    buckets: &[Vec<usize>],
    names: &[&str],
    support: Option<&(dyn Fn(usize, usize) -> bool + Sync)>,
) -> Vec<Vec<usize>> {
    let mut index: FxHashMap<Vec<u8>, Vec<usize>> = FxHashMap::default();
    // Buckets of skeleton keys linked by a name with diacritics and one without that fold to the same letters:
    // the same name but for accents ([`same_but_accents`]). Few names have diacritics, so most buckets have none.
    let folded_of = accent_links(keys, buckets, names);
    for (folded, members) in &folded_of.1 {
        if members.len() > 1 {
            let mut entry = Vec::with_capacity(folded.len() + 1);
            entry.push(b'=');
            entry.extend_from_slice(folded.as_bytes());
            index.insert(entry, members.clone());
        }
    }
    let accents = |a: usize, b: usize| {
        folded_of.0[a].iter().any(|(f, ascii)| folded_of.0[b].iter().any(|(g, other)| f == g && ascii != other))
    };
    for (b, key) in keys.iter().enumerate() {
        let Some(skel) = key.strip_prefix('~') else { continue };
        let bytes = skel.as_bytes();
        if bytes.len() < key::MIN_SKELETON_LEN || !skel.is_ascii() || skel.contains(' ') {
            continue;
        }
        index.entry(bytes.to_vec()).or_default().push(b);
        for k in 0..bytes.len() {
            let mut deleted = Vec::with_capacity(bytes.len() - 1);
            deleted.extend_from_slice(&bytes[..k]);
            deleted.extend_from_slice(&bytes[k + 1..]);
            index.entry(deleted).or_default().push(b);
        }
    }
    // Complete link: two clusters of buckets join only when every key of one is close to every key of the
    // other, so that chains (`a` close to `b`, `b` close to `c`) never join `a` and `c`.
    let mut cluster_of: Vec<usize> = (0..buckets.len()).collect();
    let mut members_of: Vec<Vec<usize>> = (0..buckets.len()).map(|b| vec![b]).collect();
    let mut entries: Vec<(&Vec<u8>, &Vec<usize>)> = index.iter().filter(|(_, v)| v.len() > 1).collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for (_, members) in entries {
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                if a != b {
                    candidates.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    for (a, b) in candidates {
        let (ca, cb) = (cluster_of[a], cluster_of[b]);
        if ca == cb {
            continue;
        }
        let Some(closeness) = close_keys(keys[a], keys[b]).or_else(|| accents(a, b).then_some(Closeness::Known)) else {
            continue;
        };
        let supported = || buckets[a].iter().any(|&x| buckets[b].iter().any(|&y| support.is_some_and(|f| f(x, y))));
        let joins = match closeness {
            Closeness::Known => true,
            Closeness::Similar => support.is_none() || supported(),
            Closeness::Cue => supported(),
        };
        if !joins {
            continue;
        }
        let linked = members_of[ca].iter().all(|&x| {
            members_of[cb].iter().all(|&y| {
                (close_keys(keys[x], keys[y]).is_some() || accents(x, y))
                    && no_guard_objects(&buckets[x], &buckets[y], names)
            })
        });
        if linked {
            let (keep, gone) = (ca.min(cb), ca.max(cb));
            let moved = std::mem::take(&mut members_of[gone]);
            for &m in &moved {
                cluster_of[m] = keep;
            }
            members_of[keep].extend(moved);
        }
    }
    let mut out: Vec<Vec<usize>> = members_of
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|m| m.iter().flat_map(|&b| buckets[b].iter().copied()).collect())
        .collect();
    out.sort_unstable();
    out
}

/// For each bucket, the folded spellings of its names that another bucket of a skeleton key shares, each marked
/// `true` when an ASCII name of the bucket has it; and the buckets of each such spelling. A link is a name with
/// diacritics and a name without any that folds to the same letters (`Miškolcas`, `Miskolcas`): two names that
/// both have diacritics and different skeletons are not linked (`Čančun`, the Czech `Changchun`, is not `Cancún`),
/// and when names with diacritics of two skeletons fold alike, the ASCII spelling links to neither.
#[allow(clippy::type_complexity)]
fn accent_links(
    keys: &[&str],
    buckets: &[Vec<usize>],
    names: &[&str],
) -> (Vec<Vec<(CompactString, bool)>>, FxHashMap<CompactString, Vec<usize>>) {
    let mut per_bucket: Vec<Vec<(CompactString, bool)>> = vec![Vec::new(); buckets.len()];
    // Folded spelling -> (buckets of names with diacritics, buckets of ASCII names).
    let mut by_folded: FxHashMap<CompactString, (Vec<usize>, Vec<usize>)> = FxHashMap::default();
    let skeleton_buckets = || buckets.iter().enumerate().filter(|(b, _)| keys[*b].starts_with('~'));
    for (b, members) in skeleton_buckets() {
        for &i in members.iter().filter(|&&i| !names[i].is_ascii()) {
            let list = &mut by_folded.entry(key::folded(key::strip_article(names[i]))).or_default().0;
            if list.last() != Some(&b) {
                list.push(b);
            }
        }
    }
    if !by_folded.is_empty() {
        for (b, members) in skeleton_buckets() {
            for &i in members.iter().filter(|&&i| names[i].is_ascii()) {
                if let Some((_, ascii)) = by_folded.get_mut(&key::folded(key::strip_article(names[i])))
                    && ascii.last() != Some(&b)
                {
                    ascii.push(b);
                }
            }
        }
    }
    let mut linked: FxHashMap<CompactString, Vec<usize>> = FxHashMap::default();
    for (f, (accented, ascii)) in by_folded {
        // Accented names of two skeletons that fold alike are two names, and the ASCII spelling could be
        // either (`Cancún`, `Čančun`, `Cancun`): no link.
        if accented.len() != 1 || ascii.is_empty() || ascii == accented {
            continue;
        }
        for &b in &accented {
            per_bucket[b].push((f.clone(), false));
        }
        for &b in &ascii {
            per_bucket[b].push((f.clone(), true));
        }
        let mut all = accented;
        all.extend(ascii);
        all.sort_unstable();
        all.dedup();
        linked.insert(f, all);
    }
    (per_bucket, linked)
}

/// True when no pair of names across two buckets is a derivation of the other.
fn no_guard_objects(a: &[usize], b: &[usize], names: &[&str]) -> bool {
    a.iter().all(|&x| b.iter().all(|&y| !is_derived(names[x], names[y])))
}

/// Different places that look alike: none of these may be joined. The first [`KEYS_APART`] do not even share a
/// grouping key (`key::tests`).
#[cfg(test)]
pub(crate) const DISTINCT_PLACES: &[(&str, &str)] = &[
    ("Donbas", "Donetsk"),
    ("Moscow", "Moldova"),
    ("Kupiansk", "Pokrovsk"),
    ("Austria", "Australia"),
    ("Luhansk", "Lutsk"),
    ("Kharkiv", "Kherson"),
    ("Slovakia", "Slovenia"),
    ("Iran", "Iraq"),
    ("Niger", "Nigeria"),
    ("Gambia", "Zambia"),
    ("Mali", "Malawi"),
    ("Guinea", "Guyana"),
    ("Dominica", "Dominican"),
    ("Pokrovsk", "Pokrov"),
    ("Toretsk", "Torez"),
    ("Chernihiv", "Chernivtsi"),
    ("Mykolaiv", "Mykolaivka"),
    ("Hamburg", "Homburg"),
    ("Colombia", "Columbia"),
    ("Rostov", "Rostock"),
    ("Kaliningrad", "Kalinin"),
    ("Volgograd", "Vologda"),
    ("Novgorod", "Novogrudok"),
    ("Alexandria", "Alexandrov"),
    ("Salzburg", "Strasbourg"),
    ("Gdansk", "Gdynia"),
    ("Kostiantynivka", "Kostiantynopil"),
    ("Kramatorsk", "Krasnodar"),
    ("Sumy", "Sudak"),
    ("Irpin", "Irbit"),
    ("Bakhmut", "Balakliia"),
    ("Kursk", "Kyiv"),
    ("Sweden", "Swedes"),
    ("Berlin", "Berliner"),
    ("Yaroslavl", "Yaroslav"),
    ("Vienna", "Vienne"),
    ("Nizhny Novgorod", "Veliky Novgorod"),
    ("Georgia", "Georgetown"),
    ("Malta", "Yalta"),
    ("Latvia", "Lithuania"),
    ("Armenia", "Romania"),
    ("Kazan", "Kazakhstan"),
    ("Belgorod", "Belgrade"),
    ("Sevastopol", "Sevastopolska"),
    ("Bryansk", "Yansk"),
    ("Mariupol", "Marinka"),
    ("Avdiivka", "Andriivka"),
    ("Tokmak", "Tokyo"),
    ("Kremenchuk", "Kremenets"),
    ("Vinnytsia", "Vilnius"),
];

/// How many of the first [`DISTINCT_PLACES`] have different grouping keys.
#[cfg(test)]
pub(crate) const KEYS_APART: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_words_are_not_spellings() {
        for (a, b) in [
            ("Russia", "Russian"),
            ("Ukraine", "Ukrainian"),
            ("Trump", "Trumps"),
            ("Iraq", "Iraqi"),
            ("Israel", "Israeli"),
            ("Europe", "European"),
            ("China", "Chinese"),
            ("Kremlin", "Kremlins"),
        ] {
            assert!(is_derived(a, b), "{a} / {b}");
            assert!(!same_name(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn spelling_variants_are_not_derivations() {
        for (a, b) in [("Zelensky", "Zelenskyy"), ("Zelenskiy", "Zelenskyy"), ("Odesa", "Odessa"), ("US", "U.S.")] {
            assert!(!is_derived(a, b), "{a} / {b}");
            assert!(same_name(a, b), "{a} / {b}");
        }
    }

    /// Spellings of one place.
    const SAME_PLACES: &[(&str, &str)] = &[
        ("Odesa", "Odessa"),
        ("Kherson", "Herson"),
        ("Mariupol", "Marioupol"),
        ("Zaporizhzhia", "Zaporizhia"),
        ("Lysychansk", "Lisichansk"),
        ("Sloviansk", "Slovyansk"),
        ("Kraków", "Krakow"),
        ("Düsseldorf", "Dusseldorf"),
    ];

    #[test]
    fn look_alike_places_are_never_the_same_name() {
        for (a, b) in DISTINCT_PLACES {
            assert!(!same_name(a, b), "{a} / {b} are different places");
        }
        let list: Vec<(&str, u64)> = DISTINCT_PLACES.iter().flat_map(|(a, b)| [(*a, 1), (*b, 1)]).collect();
        for g in super::super::group_names(&list) {
            assert_eq!(g.forms.len(), 1, "merged: {:?}", g.forms.iter().map(|f| &f.form).collect::<Vec<_>>());
        }
    }

    #[test]
    fn spellings_of_one_place_are_the_same_name() {
        for (a, b) in SAME_PLACES {
            assert!(same_name(a, b), "{a} / {b} are one place");
        }
    }

    #[test]
    fn arabic_alternations_join_one_name() {
        for (a, b) in [
            ("Qaddafi", "Gaddafi"),
            ("Qaddafi", "Gadhafi"),
            ("Qaddafi", "Kadafi"),
            ("Qaeda", "Qaida"),
            ("al-Qaeda", "al-Qaida"),
            ("al-Qaeda", "Qaeda"),
            ("Moammar", "Muammar"),
            ("Smirnoff", "Smirnov"),
        ] {
            assert!(same_name(a, b), "{a} / {b}");
        }
        // `q` may stand for `k` or `g`, but `k` and `g` are not one letter (`Garner` / `Karner`).
        assert!(!same_name("Garner", "Karner"));
        assert!(!same_name("Bergman", "Berkman"));
    }

    #[test]
    fn issue_16_a_spelling_without_diacritics_is_the_same_name() {
        for (a, b) in [("Miškolc", "Miskolc"), ("Aşgabat", "Asgabat"), ("Balašicha", "Balasicha"), ("Muñoz", "Munoz")]
        {
            assert!(same_name(a, b), "{a} / {b}");
        }
        // Two spellings with diacritics are compared by their skeletons: the Czech `Čančun` is Changchun.
        assert!(!same_name("Čančun", "Cancún"));
        assert!(!same_name("Paris", "Parish"));
        let groups = super::super::group_names(&[
            ("Miškolcas", 1),
            ("Miskolcas", 1),
            ("Cancún", 1),
            ("Cancun", 1),
            ("Čančun", 1),
            ("Chanchun", 1),
            ("Şimon", 1),
            ("Simón", 1),
            ("Simon", 1),
        ]);
        let forms: Vec<Vec<&str>> =
            groups.iter().map(|g| g.forms.iter().map(|f| f.form.as_str()).collect::<Vec<_>>()).collect();
        // `Simon` (and `Simón`) is not `Şimon` (`Shimon`): `Simon` could drop the marks of either.
        for pair in [["Cancun", "Cancún"], ["Chanchun", "Čančun"], ["Miskolcas", "Miškolcas"], ["Simon", "Simón"]]
        {
            assert!(forms.iter().any(|f| f.len() == 2 && pair.iter().all(|p| f.contains(p))), "{pair:?} in {forms:?}");
        }
    }

    #[test]
    fn transliteration_marks_and_endings_share_a_skeleton() {
        for (a, b) in
            [("Aşgabat", "Ashgabat"), ("Zveçan", "Zvechan"), ("Kurovskoye", "Kurovskoe"), ("Vidnoje", "Vidnoe")]
        {
            assert!(same_name(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn known_places_join_only_their_listed_spellings() {
        for (a, b) in [("Israel", "Yisrael"), ("Guiana", "Guyana"), ("Niger", "Nigeria"), ("Gambia", "Zambia")] {
            assert!(!same_name(a, b), "{a} / {b}");
        }
        for (a, b) in [("Kyiv", "Kiev"), ("Kharkiv", "Kharkov"), ("Odesa", "Odessa"), ("Chernobyl", "Chornobyl")] {
            assert!(same_name(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn vowel_pairs_join_long_names_but_not_endings() {
        assert!(same_name("Mathieson", "Matheson"));
        assert!(same_name("Grigorevich", "Grigorievich"));
        assert!(!same_name("Ludovico", "Ludovica"));
        assert!(!same_name("Antonelli", "Antonello"));
    }
}
