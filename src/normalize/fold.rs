//! Character folding: the typographic and Unicode clean-up applied to every token's text.
//!
//! News text arrives with curly quotes, primes, a zoo of dashes and spaces, soft hyphens and zero-width
//! characters. Two outlets writing `Zelenskyy’s` and `Zelenskyy's` mean the same word, so these are folded
//! before anything is compared. Folding rewrites token *text* only; spans always point at the original bytes
//! (the tantivy rule: filters never move offsets).
//!
//! Two forms are produced per token:
//! - the **normalized** form ([`fold_norm`]): NFKC, typographic folding, case folding;
//! - the **matching key** ([`fold_key`]): the normalized form with accents and marks removed, letters such as
//!   `ø`/`ł`/`ß` spelled in ASCII, and abbreviation dots and apostrophes dropped (`U.S.` and `US` share `us`).
//!
//! Both have an ASCII fast path: most English news is ASCII and never touches the Unicode tables.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// What a single character becomes under typographic folding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folded {
    /// The character is kept as it is.
    Keep(char),
    /// The character is replaced by another one.
    Replace(char),
    /// The character is dropped (soft hyphens, zero-width characters, byte-order marks).
    Drop,
}

/// Folds one character: curly quotes and primes to ASCII quotes, dashes and minus signs to `-`, unusual
/// spaces to a plain space, invisible characters dropped.
#[must_use]
pub fn fold_char(c: char) -> Folded {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2035}' | '\u{02BC}' | '\u{02B9}'
        | '\u{FF07}' | '`' | '\u{00B4}' => Folded::Replace('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{2036}' | '\u{00AB}' | '\u{00BB}'
        | '\u{FF02}' => Folded::Replace('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' | '\u{FE58}'
        | '\u{FE63}' | '\u{FF0D}' => Folded::Replace('-'),
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            Folded::Replace(' ')
        }
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}' => Folded::Drop,
        _ => Folded::Keep(c),
    }
}

/// True for characters that [`fold_char`] drops: they are invisible and carry no text.
#[must_use]
pub fn is_invisible(c: char) -> bool {
    matches!(fold_char(c), Folded::Drop)
}

/// The normalized form of a piece of text: NFKC, typographic folding and lowercase.
///
/// ```
/// assert_eq!(newsdiff::normalize::fold::fold_norm("Zelenskyy\u{2019}s"), "zelenskyy's");
/// assert_eq!(newsdiff::normalize::fold::fold_norm("ＫＹＩＶ"), "kyiv");
/// ```
#[must_use]
pub fn fold_norm(text: &str) -> String {
    if text.is_ascii() {
        let mut out = String::with_capacity(text.len());
        for b in text.bytes() {
            out.push(match b {
                b'`' => '\'',
                _ => b.to_ascii_lowercase() as char,
            });
        }
        return out;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfkc() {
        match fold_char(c) {
            Folded::Keep(c) | Folded::Replace(c) => {
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    out.extend(c.to_lowercase());
                }
            }
            Folded::Drop => {}
        }
    }
    out
}

/// The matching key of an already normalized form: accents removed, special letters spelled in ASCII, dots
/// and apostrophes inside the word dropped.
///
/// ```
/// use newsdiff::normalize::fold::fold_key;
/// assert_eq!(fold_key("são paulo"), "sao paulo");
/// assert_eq!(fold_key("u.s."), "us");
/// assert_eq!(fold_key("o'neill"), "oneill");
/// assert_eq!(fold_key("łódź"), "lodz");
/// ```
#[must_use]
pub fn fold_key(norm: &str) -> String {
    let mut out = String::with_capacity(norm.len());
    if norm.is_ascii() {
        out.extend(norm.chars().filter(|&c| c != '.' && c != '\''));
        return out;
    }
    for c in norm.nfd() {
        if is_combining_mark(c) || c == '.' || c == '\'' {
            continue;
        }
        match c {
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' | 'ð' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'þ' => out.push_str("th"),
            'ı' => out.push('i'),
            'ħ' => out.push('h'),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks `fold` on `(input, expected)` pairs.
    fn folds(fold: fn(&str) -> String, cases: &[(&str, &str)]) {
        for (input, expected) in cases {
            assert_eq!(fold(input), *expected, "{input:?}");
        }
    }

    #[test]
    fn quotes_and_apostrophes_fold_to_ascii() {
        folds(
            fold_norm,
            &[
                ("\u{201C}peace\u{201D}", "\"peace\""),
                ("year\u{2019}s", "year's"),
                ("5\u{2032}", "5'"),
                ("\u{00AB}paz\u{00BB}", "\"paz\""),
            ],
        );
    }

    #[test]
    fn dashes_and_minus_fold_to_hyphen() {
        for d in ['\u{2010}', '\u{2011}', '\u{2013}', '\u{2014}', '\u{2212}'] {
            assert_eq!(fold_norm(&format!("a{d}b")), "a-b", "dash {d:?}");
        }
    }

    #[test]
    fn invisible_characters_are_dropped() {
        folds(fold_norm, &[("Zelen\u{00AD}skyy", "zelenskyy"), ("Ky\u{200B}iv", "kyiv"), ("\u{FEFF}Kyiv", "kyiv")]);
        assert!(is_invisible('\u{200D}'));
        assert!(!is_invisible('a'));
    }

    #[test]
    fn spaces_fold_to_plain_space() {
        folds(fold_norm, &[("10\u{00A0}000", "10 000"), ("a\u{202F}b", "a b")]);
    }

    #[test]
    fn nfkc_and_case_folding() {
        folds(fold_norm, &[("ﬁnance", "finance"), ("ÁGUA", "água")]);
        assert_eq!(fold_norm("İstanbul").chars().next(), Some('i'));
    }

    #[test]
    fn key_removes_accents_but_norm_keeps_them() {
        folds(fold_norm, &[("Zelenskyj", "zelenskyj"), ("Ação", "ação")]);
        folds(fold_key, &[("ação", "acao"), ("müller", "muller"), ("straße", "strasse")]);
    }

    #[test]
    fn key_keeps_non_latin_scripts() {
        folds(fold_key, &[("зеленский", "зеленскии"), ("كييف", "كييف")]);
    }
}
