//! Function words that carry little meaning on their own, for English and the other languages newsdiff meets
//! most (Portuguese, Spanish, French, German). Similarity and name extraction weigh them down.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

const WORDS: &str = "a about above after again against all almost also although am among an and another any are \
around as at be because been before being below between both but by can could did do does doing done down during \
each either else even ever every few for from further had has have having he her here hers herself him himself his \
how however i if in into is it its itself just least less like made make many may me meanwhile might more most \
much must my myself neither no nor not now of off often on once one only onto or other others our ours ourselves \
out over own per perhaps quite rather really said same says say she should since so some such than that the their \
theirs them themselves then there these they this those though through thus to too toward towards under until up \
upon us very via was we well were what whatever when where whether which while who whom whose why will with \
within without would yet you your yours yourself also yesterday today tomorrow mr mrs ms told according \
o os as um uma uns umas de do da dos das em no na nos nas por pelo pela pelos pelas para com sem sob sobre entre \
e ou mas que se não nao mais muito já ja também tambem como quando onde ele ela eles elas seu sua seus suas \
foi ser são sao está esta estão estao era foram tem têm ao aos à às isso isto esse essa este \
el la los las un una unos unas del al y o pero que en por para con sin sobre es son fue ha han lo le les su sus \
le la les un une des du de et ou mais que qui dans pour par sur avec sans est sont été il elle ils elles \
der die das ein eine und oder aber mit von zu im in auf für ist sind war nicht den dem des";

fn set() -> &'static FxHashSet<&'static str> {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| WORDS.split_whitespace().collect())
}

/// True when `norm` (a normalized, lowercase word) is a function word.
///
/// ```
/// use newsdiff::normalize::stopwords::is_stop_word;
/// assert!(is_stop_word("the"));
/// assert!(is_stop_word("uma"));
/// assert!(!is_stop_word("kyiv"));
/// ```
#[must_use]
pub fn is_stop_word(norm: &str) -> bool {
    set().contains(norm)
}

/// Month and weekday names and their abbreviations (folded): dates in claims, never names in mentions.
pub const CALENDAR_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];
