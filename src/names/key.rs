//! Transliteration-aware keys: what two spellings of one name have in common.
//!
//! The same Cyrillic (or Arabic, or Japanese) name reaches English news through several romanization systems
//! and house styles: `Зеленский` is `Zelenskyy`, `Zelenskiy`, `Zelensky` or `Zelenskij`; `Сергей` is `Sergei`,
//! `Sergey` or `Sergej`; `Михайлович` is `Mikhailovich`, `Mihajlović` or `Mykhailovych`. The
//! [`skeleton`] undoes the usual alternations so that such spellings collide, while keeping apart what the
//! alternations do not explain (`Russia` and `Russian` keep different skeletons).
//!
//! The skeleton is deliberately aggressive, which is safe only for long names: two different short names
//! collide far too easily (`Ani` and `Hani`, `Cai` and `Kai`). [`group_key`] therefore uses the skeleton for
//! names whose skeleton has at least [`MIN_SKELETON_LEN`] symbols, and for shorter ones only the accent-folded
//! spelling with a few letter alternations that keep the sound (`Carl`/`Karl`, `Toby`/`Tobi`).

use compact_str::CompactString;

use crate::normalize::fold::{fold_key, fold_norm};

/// Shortest skeleton used as a grouping key; shorter names group only by their accent-folded spelling.
pub const MIN_SKELETON_LEN: usize = 5;

/// The transliteration skeleton of a name (any case, accents allowed).
///
/// Steps: case and accent folding (`č`, `š`, `ž` keep their sound: `ch`, `sh`, `zh`); apostrophes, dots and
/// hyphens dropped; a few spellings of one sound respelled (`-ie` as `-y`, `-ez` as `-es`, `ee` as `i`, `mac` as
/// `mc`, `eau` as `o`, `ou` as `u`); then one symbol per sound class, longest spelling
/// first:
///
/// | sound | spellings |
/// |---|---|
/// | ш / щ | `sh`, `sch`, `shch`, `schtsch`, `sz`, `szcz`, `š`, `ş`, `ș`, `ŝ` (not `s`: `Paris` is not `Parish`) |
/// | ч | `ch` (the English spelling), `tch`, `tsch`, `cz`, `č`, `ć`, `ç`, `ĉ` |
/// | ж / з / ц | `zh`, `z`, `ž`, `ż`, `ts`, `tz` (not `ts` before `u`: the Japanese `tsu` is not `zu`) |
/// | х | `kh` and `h` at the start of the name; elsewhere both are dropped (`Mikhail`, `Mihail`; `Mohammed`) |
/// | к | `k`, `c`, `ck`; `x` is `ks`, `qu` is `kv`; a soft `c` (before `e`, `i`, `y`) is `s` |
/// | ق | `q` keeps its own symbol: the similarity pass lets it stand for `k` or `g` |
/// | в | `v`, `w` |
/// | й / и / ы | `i`, `y`, `j` (so `-iy`, `-yy`, `-ij`, `-yi` endings all become `-i`) |
/// | others | `ph` is `f`, `th` `t`, `gh` `g`, `dh` `d` |
///
/// Runs of one consonant symbol collapse (`Odessa` and `Odesa`, `Zelenskyy` and `Zelensky`), runs of vowels
/// do not (`Mooney` is not `Money`); the patronymic endings `-vich`, `-vitch`, `-witsch`, `-vič`, `-wicz`
/// become one, and so do `-ov` and `-off`, `-oye` and `-oe`; a leading `ye`/`je` is `e`; `yo`/`io` between
/// consonants is `e` (Ё). A final `e` is kept: `Louis` and `Louise`, `Daniel` and `Danielle` are different
/// people.
///
/// ```
/// use newsdiff::names::key::skeleton;
/// assert_eq!(skeleton("Zelenskyy"), skeleton("Zelenskiy"));
/// assert_eq!(skeleton("Zelensky"), skeleton("Zelenskij"));
/// assert_eq!(skeleton("Mikhailovich"), skeleton("Mihajlović"));
/// assert_eq!(skeleton("Puschtschino"), skeleton("Pushchino"));
/// assert_ne!(skeleton("Russia"), skeleton("Russian"));
/// ```
#[must_use]
pub fn skeleton(name: &str) -> CompactString {
    let letters = respell(letters_of(name));
    let mut out: Vec<char> = Vec::with_capacity(letters.len());
    let mut i = 0;
    while i < letters.len() {
        let (symbols, used) = sound_at(&letters, i);
        for &s in symbols {
            // Doubled consonants (and `i`, which `y`/`j` also give) collapse; doubled vowels are kept
            // (`Mooney` is not `Money`).
            if out.last() != Some(&s) || matches!(s, 'a' | 'e' | 'o' | 'u') {
                out.push(s);
            }
        }
        i += used;
    }
    // Patronymic endings: `-vich`/`-vych` (х) and `-vič`/`-vitch`/`-witsch`/`-wicz` (ч) are one ending.
    let n = out.len();
    if n >= 4 && out[n - 3] == 'v' && out[n - 2] == 'i' && matches!(out[n - 1], 'h' | 'c' | 'k') {
        out[n - 1] = 'c';
    }
    // `-off` is the French and older English spelling of the Russian ending `-ov` (`Smirnoff`, `Smirnov`).
    let n = out.len();
    if n >= 5 && out[n - 2] == 'o' && out[n - 1] == 'f' {
        out[n - 1] = 'v';
    }
    // The Russian neuter ending `-oye`/`-oje` is also written `-oe` (`Kurovskoye`, `Kurovskoe`, `Vidnoje`).
    let n = out.len();
    if n >= 5 && out[n - 3] == 'o' && out[n - 2] == 'i' && out[n - 1] == 'e' {
        out.remove(n - 2);
    }
    // `Ye`/`Je` at the start is the same Е as `E` (`Yevgeny`, `Evgeni`, `Jewgeni`).
    if out.len() > 3 && out[0] == 'i' && out[1] == 'e' {
        out.remove(0);
    }
    // Ё: `yo`/`io`/`jo` after a consonant and before one that does not end the name is also written `e`
    // (`Semyonov`, `Semenov`; `Fyodor`, `Fedor`; but `Station` is not `Staten`).
    let mut k = 1;
    while k + 2 < out.len() {
        if out[k] == 'i' && out[k + 1] == 'o' && !is_vowel(out[k + 2]) && !is_vowel(out[k - 1]) && k + 3 < out.len() {
            out.remove(k);
            out[k] = 'e';
        }
        k += 1;
    }
    out.into_iter().collect()
}

/// The lowercase, accent-folded letters of a name, with `č`/`š`/`ž` and `ñ` marked before folding: `C`, `S`
/// and `Z` stand for the sounds `ch`, `sh` and `zh`.
fn letters_of(name: &str) -> Vec<char> {
    let norm = fold_norm(name);
    let mut marked = String::with_capacity(norm.len());
    for c in norm.chars() {
        match c {
            // Turkish and Albanian `ç`, Esperanto `ĉ` are `ch` too (`Zveçan`, `Zvechan`); a French `ç` (`Françoise`)
            // still joins its spelling without the cedilla through the folded spelling (`same_name`).
            'č' | 'ć' | 'ç' | 'ĉ' => marked.push('C'),
            // Turkish and Romanian `ş`/`ș`, Esperanto `ŝ` (`Aşgabat`, `Ashgabat`).
            'š' | 'ś' | 'ş' | 'ș' | 'ŝ' => marked.push('S'),
            'ž' | 'ź' | 'ż' | 'ĵ' => marked.push('Z'),
            'ñ' => marked.push_str("ni"),
            'ə' => marked.push('a'),
            _ => marked.push(c),
        }
    }
    fold_key(&marked).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Spellings of one sound that English, French, Spanish and Scottish names write two ways, respelled before
/// the sound classes are read: a final `-ie` as `-y` (`Scottie`, `Scotty`), a final `-ez` as `-es` (`Rodriguez`,
/// `Rodrigues`), `ee` as `i` but before `v`, `i` or `y` (`Fareed`, `Farid`; not the Russian `-eev` of
/// `Alekseev`), a leading `mac` as `mc` (`MacMillan`, `McMillan`), `eau` as `o` (`Bruneau`, `Bruno`), `ou` as `u`
/// (`Edouard`, `Eduard`).
///
/// Where they come from: each was read off the spellings of one name that the skeleton kept apart in the
/// training names (`../shared/data/names`, Wikidata), and kept because, on each of the five training sets of
/// `scripts/eval-names.py` (four folds of five), at least half of the pairs it joins are spellings of one name
/// (`-ie` 0.55 to 0.70, `-ez` 0.76 to 0.90, `ee` 0.54 to 0.66, `mac` 0.75 to 1, `eau` 0.6 to 1, `ou` 0.63 to
/// 0.70). Tried and left out by the same test: `oo` as `u` (0.33 to 0.63), a final `-e` dropped (0.28 on the
/// whole list), a Latin `-us` dropped (0.44, and `Marcus` is not `Marc`).
fn respell(letters: Vec<char>) -> Vec<char> {
    let mut s: String = letters.into_iter().collect();
    if s.ends_with("ie") {
        s.truncate(s.len() - 2);
        s.push('y');
    }
    if s.ends_with("ez") {
        s.truncate(s.len() - 1);
        s.push('s');
    }
    if s.contains("ee") {
        let chars: Vec<char> = s.chars().collect();
        let mut out = String::with_capacity(s.len());
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == 'e'
                && chars.get(i + 1) == Some(&'e')
                && !chars.get(i + 2).is_some_and(|c| matches!(c, 'v' | 'i' | 'y'))
            {
                out.push('i');
                i += 2;
            } else {
                out.push(chars[i]);
                i += 1;
            }
        }
        s = out;
    }
    if s.starts_with("mac") {
        s.replace_range(..3, "mc");
    }
    for (from, to) in [("eau", "o"), ("ou", "u")] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    s.chars().collect()
}

/// Chinese syllables (pinyin) that start with `c`, which sounds `ts` there: a short name that is one of them
/// keeps its `c` in [`short_key`] (`Cai` is not `Kai`).
const PINYIN_C: &[&str] =
    &["ca", "cai", "can", "cang", "cao", "ce", "cen", "ceng", "cong", "cou", "cu", "cuan", "cui", "cun", "cuo"];

/// The key of a short name (a skeleton under [`MIN_SKELETON_LEN`] symbols), from its folded ASCII spelling: only
/// the letter alternations that keep the sound, never doubled letters collapsed or vowels changed. `ck` and a
/// hard `c` are `k` (`Carl`, `Karl`; `Mack`, `Mac`), `y` is `i` (`Toby`, `Tobi`), `th` is `t`, `ph` is `f`, `kh`
/// is `h`, `tz` is `z`, `x` is `ks`. Names of fewer than three letters or without a vowel letter (`US`, `CBS`)
/// keep their spelling.
///
/// Where it comes from: on the training names, short names kept apart by their folded spelling are the largest
/// share of the missed pairs (1,286 of 3,451 missed pairs have a name of four letters or fewer). Each
/// alternation was kept because on each of the five training sets of `scripts/eval-names.py` at least half of
/// the pairs it joins are spellings of one name (hard `c` 0.59 to 0.71, `y` 0.55 to 0.64, `ck` 0.65 to 0.92, `th`
/// 0.68 to 0.82, `tz` 0.5 to 0.75; `ph`, `kh`, `x` 0.67 to 1 on a few pairs). Left out by the same test: `w` as `v`
/// (0.47 on one training set), collapsing doubled letters (0.03 on the whole list), dropping an inner `h` (0.28)
/// or a final `e` (0.11).
fn short_key(plain: &str) -> CompactString {
    if plain.len() < 3 || !plain.contains(['a', 'e', 'i', 'o', 'u']) {
        return plain.into();
    }
    let s = plain.replace("ck", "k");
    let keep_c = PINYIN_C.contains(&s.as_str());
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 1);
    for (i, &c) in b.iter().enumerate() {
        let hard_c = c == b'c' && !keep_c && !b.get(i + 1).is_some_and(|n| matches!(n, b'e' | b'i' | b'y' | b'h'));
        out.push(if hard_c { 'k' } else { c as char });
    }
    let mut s = out.replace('y', "i");
    for (from, to) in [("th", "t"), ("ph", "f"), ("kh", "h"), ("tz", "z"), ("x", "ks")] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    s.into()
}

/// The symbol of ш (`sh`, `sch`, `sz`, `š`), apart from `s` (`Paris` is not `Parish`).
const SH: &[char] = &['S'];

/// The sound class symbols for the spelling at `letters[i..]`, and how many letters it used.
fn sound_at(letters: &[char], i: usize) -> (&'static [char], usize) {
    const LONG: &[(&str, &[char])] = &[
        ("schtsch", SH),
        ("shch", SH),
        ("szcz", SH),
        ("tsch", &['c']),
        ("sch", SH),
        ("tch", &['c']),
        ("zh", &['z']),
        ("sh", SH),
        ("sz", SH),
        ("cz", &['c']),
        ("kh", &['h']),
        ("ch", &['c']),
        ("ph", &['f']),
        ("th", &['t']),
        ("gh", &['g']),
        ("dh", &['d']),
        ("ck", &['k']),
        ("qu", &['k', 'v']),
        ("ts", &['z']),
        ("tz", &['z']),
    ];
    let starts = |pat: &str| pat.chars().enumerate().all(|(k, p)| letters.get(i + k) == Some(&p));
    for (pat, symbols) in LONG {
        if starts(pat) {
            // Inside a name, `kh` is as silent as a bare `h` (`Mikhail`, `Mihail`).
            if *pat == "kh" && i > 0 {
                return (&[], 2);
            }
            // `tsu` is the Japanese syllable つ, never `zu` ず (`Mitsushima` and `Mizushima` are two names): on
            // the training names, reading it `z` joined 69 pairs of spellings, none of one name.
            if *pat == "ts" && letters.get(i + 2) == Some(&'u') {
                return (&['t', 's'], 2);
            }
            return (symbols, pat.len());
        }
    }
    let symbols: &'static [char] = match letters[i] {
        // A soft `c` sounds `s` (`France` is not `Frank`).
        'c' if letters.get(i + 1).is_some_and(|&c| matches!(c, 'e' | 'i' | 'y')) => &['s'],
        'c' | 'k' => &['k'],
        // Arabic ق is written `q`, `k` or `g` (`Qaddafi`, `Kadafi`, `Gaddafi`): `q` keeps a symbol of its own,
        // which the similarity pass lets stand for either (`same_name::close_keys`).
        'q' => &['q'],
        'x' => &['k', 's'],
        'w' | 'v' => &['v'],
        'j' | 'y' | 'i' => &['i'],
        'h' if i == 0 => &['h'],
        'h' => &[],
        'C' => &['c'],
        'S' => SH,
        's' => &['s'],
        'Z' | 'z' => &['z'],
        c => return (single(c), 1),
    };
    (symbols, 1)
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// A one-symbol slice for any other character (letters and digits are kept as they are).
fn single(c: char) -> &'static [char] {
    const ASCII: [char; 36] = [
        'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v',
        'w', 'x', 'y', 'z', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
    ];
    match c {
        'a'..='z' => &ASCII[(c as u8 - b'a') as usize..=(c as u8 - b'a') as usize],
        '0'..='9' => &ASCII[26 + (c as u8 - b'0') as usize..=26 + (c as u8 - b'0') as usize],
        // Other scripts: the character itself cannot be borrowed as 'static; an unknown symbol is enough,
        // since names in other scripts are grouped by their folded spelling (see `group_key`).
        _ => &['?'],
    }
}

/// The accent-folded spelling of a name: lowercase, no accents, no apostrophes, dots or hyphens.
///
/// ```
/// use newsdiff::names::key::folded;
/// assert_eq!(folded("U.S."), "us");
/// assert_eq!(folded("Núñez"), "nunez");
/// assert_eq!(folded("O’Neill"), "oneill");
/// ```
#[must_use]
pub fn folded(name: &str) -> CompactString {
    fold_key(&fold_norm(name)).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Well-known spellings of people's names that no transliteration rule links to their other form (the
/// Ukrainian `Serhiy` for the Russian `Sergei`), each mapped to the spelling whose key it takes. Places have
/// their own list ([`super::places`]). Folded (lowercase, no accents or punctuation) on both sides.
const KNOWN_SPELLINGS: &[(&str, &str)] = &[("serhiy", "sergei"), ("serhii", "sergei")];

/// The grouping key of a single-word name: the place for a listed spelling of a known place
/// ([`super::places::place_of`]: `@kyiv` for `Kiev`, which no other spelling shares), else its [`skeleton`]
/// when that is long enough to be specific, otherwise its [`folded`] spelling with the short-name alternations
/// (`ck` and a hard `c` as `k`, `y` as `i`, `th` as `t`, ...: `Carl` and `Karl`); only its folded spelling for
/// names not written in the Latin script. An Arabic article joined by a hyphen does not count (`al-Qaeda` is keyed as `Qaeda`).
///
/// ```
/// use newsdiff::names::key::group_key;
/// assert_eq!(group_key("Zelenskyy"), group_key("Zelenskiy"));
/// assert_eq!(group_key("US"), group_key("U.S."));
/// assert_ne!(group_key("Kai"), group_key("Cai"));
/// ```
#[must_use]
pub fn group_key(name: &str) -> CompactString {
    let name = strip_article(name);
    if let Some(place) = super::places::place_of(name) {
        let mut key = CompactString::with_capacity(place.len() + 1);
        key.push('@');
        key.push_str(&place);
        return key;
    }
    let plain = folded(name);
    if let Some(&(_, to)) = KNOWN_SPELLINGS.iter().find(|(from, _)| *from == plain.as_str()) {
        return group_key(to);
    }
    if !plain.chars().all(|c| c.is_ascii_alphanumeric()) {
        return plain;
    }
    let skel = skeleton(name);
    if skel.chars().count() >= MIN_SKELETON_LEN {
        let mut key = CompactString::with_capacity(skel.len() + 1);
        key.push('~');
        key.push_str(&skel);
        key
    } else {
        short_key(&plain)
    }
}

/// The name without a leading Arabic article joined by a hyphen (`al-Qaeda`, `El-Sisi`), when what is left is
/// a name of three letters or more.
pub(crate) fn strip_article(name: &str) -> &str {
    for prefix in ["al-", "el-", "Al-", "El-", "AL-", "EL-", "al\u{2011}", "el\u{2011}"] {
        if let Some(rest) = name.strip_prefix(prefix)
            && rest.chars().filter(|c| c.is_alphabetic()).count() >= 3
        {
            return rest;
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::same_name::{DISTINCT_PLACES, KEYS_APART};

    fn same(a: &str, b: &str) {
        assert_eq!(group_key(a), group_key(b), "{a} and {b} should share a key");
    }

    fn apart(a: &str, b: &str) {
        assert_ne!(group_key(a), group_key(b), "{a} and {b} should have different keys");
    }

    #[test]
    fn arabic_articles_and_off_endings() {
        same("al-Baghdadi", "Baghdadi");
        same("El-Sisi", "Sisi");
        same("Smirnoff", "Smirnov");
        // `q` keeps its own symbol: the similarity pass, not the key, lets it stand for `k` or `g`.
        apart("Qaddafi", "Gaddafi");
    }

    #[test]
    fn well_known_spellings_share_a_key() {
        same("Kyiv", "Kiev");
        same("Kharkiv", "Kharkov");
        same("Mykolaiv", "Nikolaev");
        same("Luhansk", "Lugansk");
        same("Chornobyl", "Chernobyl");
        same("Serhiy", "Sergei");
        apart("Kyiv", "Kirov");
        apart("Lviv", "Lutsk");
    }

    #[test]
    fn y_i_endings_fold_together() {
        for v in ["Zelenskyy", "Zelenskiy", "Zelensky", "Zelenskij", "Zelenskyi", "Zelenskii", "Zelenski"] {
            same("Zelenskyy", v);
        }
    }

    #[test]
    fn consonant_alternations_fold_together() {
        same("Kharitonov", "Haritonov"); // kh/h
        same("Mikhail", "Mihail");
        same("Mikhailovich", "Mihajlovič");
        same("Mikhailowitsch", "Mykhailovych");
        same("Zhukov", "Žukov"); // zh/ž
        same("Shevchenko", "Ševčenko"); // sh/š, ch/č
        same("Tsarev", "Zarev"); // ts/z
        same("Aleksandrov", "Alexandrov"); // ks/x
        same("Vladimirov", "Wladimirow"); // v/w
        same("Yevgenyev", "Jewgenjew"); // ye/je, y/j
        same("Yulianov", "Julianov"); // yu/ju
        same("Odessa", "Odesa"); // doubled letters
        same("Muller", "Müller"); // accents
    }

    #[test]
    fn english_french_and_spanish_spellings_of_one_sound_share_a_key() {
        same("Scottie", "Scotty");
        same("Rodriguez", "Rodrigues");
        same("Fareed", "Farid");
        same("MacMillan", "McMillan");
        same("Bruneau", "Bruno");
        same("Edouard", "Eduard");
        // The Russian `-eev` keeps its `ee` (`Alekseev` joins `Alekseyev` in the similarity pass).
        apart("Alekseev", "Aleksiv");
    }

    #[test]
    fn japanese_tsu_is_not_zu() {
        apart("Mitsushima", "Mizushima");
        apart("Katsuhiko", "Kazuhiko");
        same("Tsarev", "Zarev");
    }

    #[test]
    fn short_names_join_letter_alternations_that_keep_the_sound() {
        same("Carl", "Karl");
        same("Toby", "Tobi");
        same("Mack", "Mac");
        // Doubled letters, other vowels and a final `e` are other names when the name is short.
        apart("Ana", "Anna");
        apart("Mia", "Mio");
        apart("Ann", "Anne");
        // A pinyin syllable keeps its `c`, an abbreviation without a vowel its letters.
        apart("Cai", "Kai");
        apart("CBS", "KBS");
    }

    #[test]
    fn abbreviations_and_short_names_use_the_folded_spelling() {
        same("U.S.", "US");
        same("Kyiv", "KYIV");
        apart("Kai", "Cai");
        apart("Ani", "Hani");
    }

    #[test]
    fn derived_words_keep_their_own_key() {
        apart("Russia", "Russian");
        apart("Ukraine", "Ukrainian");
        apart("Trump", "Trumps");
        apart("Israel", "Israeli");
    }

    #[test]
    fn look_alike_places_keep_their_own_key() {
        for (a, b) in &DISTINCT_PLACES[..KEYS_APART] {
            apart(a, b);
        }
    }

    #[test]
    fn other_scripts_are_grouped_by_their_folded_spelling() {
        assert_eq!(group_key("Київ"), group_key("КИЇВ"));
        assert_eq!(group_key("Київ"), folded("київ"));
        assert_eq!(skeleton(""), "");
        assert_eq!(group_key("'"), "");
    }
}
