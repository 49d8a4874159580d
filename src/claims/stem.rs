//! A light English stemmer, so that `attack`, `attacks`, `attacked` and `attacking` meet.
//!
//! Claim similarity needs inflections to match, not a linguistic root: this strips plural and verb endings
//! (`-s`, `-es`, `-ies`, `-ed`, `-ing`), undoubles a final consonant (`planned` -> `plan`) and drops a final `e`
//! (`announce` and `announced` both give `announc`). It touches only ASCII words longer than three letters and
//! never leaves a stem shorter than three letters, so names and short words pass through unchanged. Words in
//! other scripts pass through too: matching them relies on the normalizer's case and accent folding.

use std::borrow::Cow;

fn has_vowel(s: &str) -> bool {
    s.bytes().any(|b| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y'))
}

/// Drops one letter of a final double consonant (`plann` -> `plan`), except `ll`, `ss`, `zz` (`kill`, `pass`).
fn undouble(s: &str) -> &str {
    let b = s.as_bytes();
    let n = b.len();
    if n >= 4 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'a' | b'e' | b'i' | b'o' | b'u' | b'l' | b's' | b'z') {
        &s[..n - 1]
    } else {
        s
    }
}

/// Drops a final `e` from stems of four letters or more (`announce` -> `announc`, `make` -> `mak`).
fn drop_e(s: &str) -> &str {
    if s.len() >= 4 && s.ends_with('e') && !s.ends_with("ee") { &s[..s.len() - 1] } else { s }
}

/// The stem of a lowercase word.
///
/// ```
/// use newsdiff::claims::stem::stem;
/// for w in ["attack", "attacks", "attacked", "attacking"] {
///     assert_eq!(stem(w), "attack");
/// }
/// assert_eq!(stem("announced"), stem("announce"));
/// assert_eq!(stem("cities"), "city");
/// assert_eq!(stem("planned"), "plan");
/// assert_eq!(stem("kyiv"), "kyiv");
/// ```
#[must_use]
pub fn stem(word: &str) -> Cow<'_, str> {
    if word.len() <= 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return Cow::Borrowed(word);
    }
    let ok = |s: &str| s.len() >= 3 && has_vowel(s);
    if let Some(s) = word.strip_suffix("ies")
        && s.len() >= 2
    {
        return Cow::Owned(format!("{s}y"));
    }
    if let Some(s) = word.strip_suffix("ied")
        && s.len() >= 2
    {
        return Cow::Owned(format!("{s}y"));
    }
    if let Some(s) = word.strip_suffix("sses") {
        return Cow::Owned(format!("{s}ss"));
    }
    if let Some(s) = word.strip_suffix("ing")
        && ok(s)
    {
        return Cow::Borrowed(drop_e(undouble(s)));
    }
    if let Some(s) = word.strip_suffix("ed")
        && ok(s)
    {
        return Cow::Borrowed(drop_e(undouble(s)));
    }
    if let Some(s) = word.strip_suffix("es")
        && ok(s)
        && (s.ends_with(['s', 'x', 'z']) || s.ends_with("ch") || s.ends_with("sh"))
    {
        return Cow::Borrowed(s);
    }
    if let Some(s) = word.strip_suffix('s')
        && ok(s)
        && !s.ends_with(['s', 'u', 'i'])
    {
        return Cow::Borrowed(drop_e(s));
    }
    Cow::Borrowed(drop_e(word))
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn inflections_meet() {
        let groups: &[&[&str]] = &[
            &["attack", "attacks", "attacked", "attacking"],
            &["increase", "increases", "increased", "increasing"],
            &["plan", "plans", "planned", "planning"],
            &["make", "makes", "making"],
            &["tax", "taxes", "taxed"],
            &["study", "studies", "studied"],
            &["march", "marches", "marched"],
        ];
        for group in groups {
            let first = stem(group[0]);
            for w in *group {
                assert_eq!(stem(w), first, "{w} and {} share a stem", group[0]);
            }
        }
    }

    #[test]
    fn short_words_names_and_other_scripts_pass_through() {
        for w in ["us", "gas", "news", "kill", "pass", "київ", "bus", "this", "virus"] {
            let s = stem(w);
            assert!(s.len() >= 3 || s == w, "{w} -> {s}");
        }
        assert_eq!(stem("kill"), "kill");
        assert_eq!(stem("київ"), "київ");
        assert_eq!(stem("bring"), "bring");
        assert_eq!(stem("virus"), "virus");
    }
}
