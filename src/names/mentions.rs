//! Name mentions: the words of an article that name someone or something.
//!
//! A name is a capitalized word that is not a function word (`Kyiv`, `Zelenskyy’s`, `Russo-Ukrainian`), an
//! all-caps word (`NATO`, `KAIRO`, `US`) or an abbreviation (`U.S.`, `RFE/RL` gives `RFE` and `RL`). Runs of
//! such words form one phrase (`Volodymyr Zelenskyy`), and every word of the phrase is a mention of its own
//! name, carrying the phrase's first word as a cue (`Zelenskyy` after `Volodymyr`): that is how a full name and
//! its last-name form end up together, and how two people who share a surname are told apart.
//!
//! Capitals do not always mean a name. A sentence starts with one (`Despite`, `Speaking`), and headings are
//! written in title case (`Chief Of Staff Resigns`). Such words are kept as *uncertain* mentions
//! ([`Certainty`]): the index keeps a sentence-initial word unless the corpus also writes it in lowercase, and a
//! heading word only when it is also capitalized in running text. Titles of office (`President`, `Minister`)
//! and calendar words (`Friday`, `November`) are never names; a title becomes a cue of the name after it.
//!
//! Possessives are not part of the name: the mention of `Zelenskyy’s` spans `Zelenskyy`.

use std::sync::OnceLock;

use compact_str::CompactString;
use rustc_hash::FxHashSet;
use serde::Serialize;

use crate::normalize::stopwords::CALENDAR_WORDS;
use crate::normalize::stopwords::is_stop_word;
use crate::normalize::{Document, Token, TokenKind, word_hash};

/// How sure we are that a capitalized word is a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// Capitalized inside running text, or all caps in a sentence that is not: a name.
    Sure,
    /// The first word of a sentence or quotation: a name unless the corpus writes it in lowercase too.
    SentenceStart,
    /// A word of a title-case or all-caps heading: a name only if running text confirms it.
    Heading,
}

/// One mention of a name in an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// The normalized name: lowercase, possessive removed (`zelenskyy`, `u.s.`).
    pub norm: CompactString,
    /// Byte span of the name in the article text, possessive excluded (`Zelenskyy` of `Zelenskyy’s`).
    pub span: (usize, usize),
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// Byte span of the whole phrase the name is part of (`Volodymyr Zelenskyy`).
    pub phrase: (usize, usize),
    /// For the last word of a phrase of several names: the normalized first word (`volodymyr`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<CompactString>,
    /// For the first and middle words of a phrase of several names: the normalized last word (`zelenskyy` for
    /// `Volodymyr` of `Volodymyr Zelenskyy`), which tells whose given name it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last: Option<CompactString>,
    /// A title of office right before the phrase (`president`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<CompactString>,
    /// How sure the extractor is that this is a name.
    pub certainty: Certainty,
    /// Where the word is in its phrase.
    pub position: Position,
}

/// Where a name word is in its phrase: alone (`Zelenskyy`), first (`Volodymyr` of `Volodymyr Zelenskyy`),
/// in the middle, or last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// A one-word phrase.
    Alone,
    /// The first word of several (usually a given name).
    First,
    /// Between the first and the last word.
    Middle,
    /// The last word of several (usually a surname).
    Last,
}

/// The mentions of one article, and the lowercase words it uses (to tell `Despite` from `Dmitry`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mentions {
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// Hashes ([`word_hash`]) of the distinct lowercase words of the article, sorted: enough to ask "does the
    /// corpus write this word in lowercase?" without keeping every word.
    pub lowercase: Vec<u64>,
}

/// Titles of office and forms of address: never names themselves, cues for the name that follows.
const TITLES: &[&str] = &[
    "president",
    "vice",
    "prime",
    "minister",
    "chancellor",
    "secretary",
    "general",
    "gen",
    "gen.",
    "lt",
    "lt.",
    "col",
    "col.",
    "sen",
    "sen.",
    "senator",
    "rep",
    "rep.",
    "representative",
    "gov",
    "gov.",
    "governor",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sheikh",
    "emir",
    "ayatollah",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "director",
    "ambassador",
    "envoy",
    "commander",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "judge",
    "justice",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "professor",
    "sir",
    "lord",
    "lady",
    "dame",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "adviser",
    "advisor",
    "deputy",
    "foreign",
    "defense",
    "defence",
    "interior",
    "speaker",
    "leader",
    "head",
    "senior",
    "former",
    "acting",
    "special",
    "presidente",
    "ministro",
    "ministra",
    "präsident",
    "président",
    "premier",
    "colonel",
    "captain",
    "lieutenant",
    "sergeant",
    "admiral",
    "marshal",
    "bishop",
    "archbishop",
    "patriarch",
    "cardinal",
    "rabbi",
    "imam",
    "officer",
];

/// Common sentence openers that the stop-word list does not hold.
const OPENERS: &[&str] = &[
    "despite",
    "following",
    "speaking",
    "earlier",
    "later",
    "last",
    "next",
    "separately",
    "instead",
    "additionally",
    "moreover",
    "furthermore",
    "nevertheless",
    "nonetheless",
    "indeed",
    "overall",
    "asked",
    "unlike",
    "amid",
    "several",
    "although",
    "yes",
    "meanwhile",
    "still",
    "according",
    "officials",
    "sources",
    "critics",
    "analysts",
    "experts",
    "residents",
    "people",
    "many",
    "another",
    "others",
    "first",
    "second",
    "third",
    "finally",
    "currently",
    "recently",
    "previously",
    "already",
    "there",
    "here",
    "now",
    "new",
];

fn sets() -> &'static (FxHashSet<&'static str>, FxHashSet<&'static str>) {
    static SETS: OnceLock<(FxHashSet<&'static str>, FxHashSet<&'static str>)> = OnceLock::new();
    SETS.get_or_init(|| (TITLES.iter().copied().collect(), CALENDAR_WORDS.iter().chain(OPENERS).copied().collect()))
}

/// True for words that are titles of office or forms of address (`president`, `mr.`).
#[must_use]
pub fn is_title_word(norm: &str) -> bool {
    sets().0.contains(norm)
}

/// True for words that a capital letter does not make a name: calendar words and common sentence openers.
#[must_use]
pub fn is_common_capitalized(norm: &str) -> bool {
    sets().1.contains(norm)
}

/// Extracts name mentions from normalized documents.
#[derive(Debug, Clone, Default)]
pub struct MentionExtractor {
    _private: (),
}

impl MentionExtractor {
    /// An extractor with the default rules.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The mentions of one document; `text` is the article text its spans point into.
    ///
    /// ```
    /// use newsdiff::names::mentions::MentionExtractor;
    /// use newsdiff::normalize::Normalizer;
    ///
    /// let text = "Meanwhile, President Volodymyr Zelenskyy’s office thanked the U.S. The talks went on.";
    /// let doc = Normalizer::new().normalize_str(text);
    /// let found = MentionExtractor::new().extract(text, &doc);
    /// let names: Vec<&str> = found.mentions.iter().map(|m| &text[m.span.0..m.span.1]).collect();
    /// assert_eq!(names, ["Volodymyr", "Zelenskyy", "U.S."]);
    /// assert_eq!(found.mentions[1].first.as_deref(), Some("volodymyr"));
    /// assert_eq!(found.mentions[1].title.as_deref(), Some("president"));
    /// ```
    #[must_use]
    pub fn extract(&self, text: &str, doc: &Document) -> Mentions {
        let mut out = Mentions::default();
        let mut lowercase: Vec<u64> = Vec::new();
        for (si, sentence) in doc.sentences.iter().enumerate() {
            let tokens = doc.sentence_tokens(sentence);
            let shape = SentenceShape::of(tokens, sentence.is_title);
            let mut run: Vec<(usize, Certainty)> = Vec::new();
            let mut title: Option<CompactString> = None;
            let mut run_title: Option<CompactString> = None;
            // True where the next word starts a sentence or a quotation.
            let mut at_start = true;
            for (ti, tok) in tokens.iter().enumerate() {
                let starts_here = at_start;
                if tok.kind == TokenKind::Punct {
                    let p = tok.norm.as_str();
                    // An opening quote, a colon or a dash makes the next word a start.
                    at_start = matches!(p, "\"" | "'" | ":" | "-" | "(" | "[") || at_start;
                    flush(text, tokens, si, &mut run, &mut run_title, &mut out.mentions);
                    title = None;
                    continue;
                }
                at_start = false;
                if tok.is_wordlike()
                    && !tok.capitalized
                    && tok.norm.chars().all(|c| c.is_alphabetic() || c == '-')
                    && !is_article_name(tok, text)
                {
                    lowercase.push(word_hash(&tok.norm));
                }
                match classify(tok, &shape, text) {
                    Word::Name => {
                        let certainty = if shape.heading {
                            Certainty::Heading
                        } else if starts_here && (!tok.all_caps || shape.all_caps) {
                            Certainty::SentenceStart
                        } else {
                            Certainty::Sure
                        };
                        if run.is_empty() {
                            run_title = title.take();
                        }
                        run.push((ti, certainty));
                        // A possessive place ends its phrase: `Libya’s Muammar Gaddafi` is the place `Libya`
                        // and the person `Muammar Gaddafi`, not a person whose first name is `Libya`.
                        if is_possessive_place(text, tok) {
                            flush(text, tokens, si, &mut run, &mut run_title, &mut out.mentions);
                        }
                    }
                    Word::Title => {
                        flush(text, tokens, si, &mut run, &mut run_title, &mut out.mentions);
                        title = Some(tok.norm.clone());
                    }
                    Word::Other => {
                        flush(text, tokens, si, &mut run, &mut run_title, &mut out.mentions);
                        title = None;
                    }
                }
            }
            flush(text, tokens, si, &mut run, &mut run_title, &mut out.mentions);
        }
        lowercase.sort_unstable();
        lowercase.dedup();
        out.lowercase = lowercase;
        out
    }
}

enum Word {
    Name,
    Title,
    Other,
}

/// What a sentence looks like as a whole: a title-case heading, or all caps.
struct SentenceShape {
    heading: bool,
    all_caps: bool,
}

impl SentenceShape {
    fn of(tokens: &[Token], is_title: bool) -> Self {
        let (mut words, mut capitalized, mut caps) = (0usize, 0usize, 0usize);
        for t in tokens {
            if !t.is_wordlike() || !t.norm.chars().any(char::is_alphabetic) {
                continue;
            }
            caps += usize::from(t.all_caps);
            if is_stop_word(&t.norm) {
                continue;
            }
            words += 1;
            capitalized += usize::from(t.capitalized);
        }
        let all_caps = words >= 3 && caps >= words;
        // Running text ends with a full stop; a heading usually does not (or is the title).
        let unterminated = is_title || tokens.last().is_none_or(|t| !matches!(t.norm.as_str(), "." | "!" | "?"));
        let heading = all_caps || (unterminated && capitalized * 10 >= words * 7 && capitalized >= 3);
        Self { heading, all_caps }
    }
}

fn classify(tok: &Token, shape: &SentenceShape, text: &str) -> Word {
    if !matches!(tok.kind, TokenKind::Word | TokenKind::Compound) {
        return Word::Other;
    }
    if !tok.capitalized {
        return if is_article_name(tok, text) { Word::Name } else { Word::Other };
    }
    let norm = tok.norm.as_str();
    if !norm.chars().any(char::is_alphabetic) {
        return Word::Other;
    }
    if is_title_word(norm) {
        return Word::Title;
    }
    let abbreviation = tok.all_caps && !shape.all_caps;
    if !abbreviation && (is_stop_word(norm) || is_common_capitalized(norm)) {
        return Word::Other;
    }
    if is_contraction(norm) {
        return Word::Other;
    }
    if tok.kind == TokenKind::Compound && !compound_is_name(tok) {
        return Word::Other;
    }
    Word::Name
}

/// An Arabic name written with a lowercase article (`al-Qaeda`, `el-Sisi`): the article, a hyphen, then a
/// capitalized part.
fn is_article_name(tok: &Token, text: &str) -> bool {
    let word = text.get(tok.span.0..tok.span.1).unwrap_or("");
    ["al-", "el-", "al\u{2011}", "el\u{2011}"].iter().any(|p| {
        word.strip_prefix(p).is_some_and(|rest| {
            rest.chars().next().is_some_and(char::is_uppercase)
                && rest.chars().filter(|c| c.is_alphabetic()).count() >= 3
        })
    })
}

/// A known place ([`super::places`]) written with a possessive (`Libya’s`, `Russia's`).
fn is_possessive_place(text: &str, tok: &Token) -> bool {
    let name = strip_possessive(text, tok.span);
    name != tok.span && text.get(name.0..name.1).is_some_and(|n| super::places::place_of(n).is_some())
}

/// Contractions (`We’re`, `I’d`, `Don’t`): an apostrophe followed by a clitic, or after a function word.
fn is_contraction(norm: &str) -> bool {
    let Some((head, tail)) = norm.rsplit_once('\'') else { return false };
    matches!(tail, "re" | "ve" | "ll" | "d" | "m" | "t" | "s" | "") || is_stop_word(head)
}

/// A hyphenated compound is a name when every alphabetic part is capitalized (`Russo-Ukrainian`, not
/// `US-backed`); the normalized parts are lowercase, so the original is not needed: the token's flags say
/// whether it starts with a capital, and the parts must not be common words.
fn compound_is_name(tok: &Token) -> bool {
    // A one-letter part is a party-and-state tag (`R-S.C.`, `D-N.Y.`) or an initial, not a name. An Arabic
    // article (`Al-Qaeda`, `El-Sisi`) is part of the name, though `al` and `el` are Spanish stop words.
    let article = matches!(tok.parts().next(), Some("al" | "el")) && tok.parts().count() == 2;
    tok.parts().skip(usize::from(article)).all(|p| {
        p.chars().filter(|c| c.is_alphabetic()).count() > 1
            && !p.chars().next().is_some_and(char::is_numeric)
            && !is_stop_word(p)
            && !COMPOUND_TAILS.contains(&p)
    })
}

/// Lowercase second parts that make a compound an adjective, not a name (`US-backed`, `Kremlin-linked`).
const COMPOUND_TAILS: &[&str] = &[
    "backed",
    "led",
    "linked",
    "based",
    "born",
    "made",
    "owned",
    "run",
    "style",
    "type",
    "controlled",
    "occupied",
    "held",
    "friendly",
    "allied",
    "funded",
    "brokered",
    "proposed",
    "era",
    "like",
    "related",
    "speaking",
    "language",
    "american",
    "wide",
    "bound",
    "affiliated",
    "aligned",
    "leaning",
];

/// Turns a finished run of name tokens into mentions.
fn flush(
    text: &str,
    tokens: &[Token],
    sentence: usize,
    run: &mut Vec<(usize, Certainty)>,
    run_title: &mut Option<CompactString>,
    out: &mut Vec<Mention>,
) {
    if run.is_empty() {
        return;
    }
    let first_tok = &tokens[run[0].0];
    let last_tok = &tokens[run[run.len() - 1].0];
    let phrase = (first_tok.span.0, strip_possessive(text, last_tok.span).1);
    let first = (run.len() >= 2).then(|| first_tok.norm.clone());
    let last = (run.len() >= 2).then(|| last_tok.norm.clone());
    let title = run_title.take();
    let n = run.len();
    for (k, &(ti, certainty)) in run.iter().enumerate() {
        let tok = &tokens[ti];
        // Inside a phrase, a word after a sure name is sure too (`Despite Volodymyr` is not, `Volodymyr
        // Zelenskyy` at a sentence start makes `Zelenskyy` as sure as the start allows).
        let certainty = if k > 0 && certainty == Certainty::SentenceStart { Certainty::Sure } else { certainty };
        out.push(Mention {
            norm: tok.norm.clone(),
            span: strip_possessive(text, tok.span),
            sentence,
            phrase,
            first: if k == n - 1 { first.clone() } else { None },
            last: if k < n - 1 { last.clone() } else { None },
            title: title.clone(),
            certainty,
            position: match (k, n) {
                (_, 1) => Position::Alone,
                (0, _) => Position::First,
                (k, n) if k == n - 1 => Position::Last,
                _ => Position::Middle,
            },
        });
    }
    run.clear();
}

/// The span without a trailing possessive (`’s`, `'s`, `’`, `'`).
fn strip_possessive(text: &str, span: (usize, usize)) -> (usize, usize) {
    let word = &text[span.0..span.1];
    for suffix in ["\u{2019}s", "'s", "\u{2019}S", "'S", "\u{2019}", "'"] {
        if let Some(rest) = word.strip_suffix(suffix)
            && !rest.is_empty()
        {
            return (span.0, span.0 + rest.len());
        }
    }
    span
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    fn names(text: &str) -> Vec<(String, Certainty)> {
        let doc = Normalizer::new().normalize_str(text);
        MentionExtractor::new()
            .extract(text, &doc)
            .mentions
            .iter()
            .map(|m| (text[m.span.0..m.span.1].to_string(), m.certainty))
            .collect()
    }

    fn words(text: &str) -> Vec<String> {
        names(text).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn function_words_at_sentence_start_are_not_names() {
        assert_eq!(words("The talks ended. Meanwhile Kyiv waited. In Moscow, nothing."), ["Kyiv", "Moscow"]);
    }

    #[test]
    fn possessives_are_removed_from_the_span() {
        assert_eq!(words("He praised Zelenskyy’s plan and Trump's reply."), ["Zelenskyy", "Trump"]);
    }

    #[test]
    fn abbreviations_and_all_caps() {
        assert_eq!(words("He met U.S. and NATO officials in KAIRO."), ["U.S.", "NATO", "KAIRO"]);
        assert_eq!(words("He spoke to RFE/RL on Friday."), ["RFE", "RL"]);
    }

    #[test]
    fn hyphenated_names_stay_whole_but_adjectives_do_not_count() {
        assert_eq!(words("The Russo-Ukrainian war and the US-backed plan."), ["Russo-Ukrainian"]);
    }

    #[test]
    fn contractions_and_party_tags_are_not_names() {
        assert_eq!(words("We’re sure. I’d go, said Sen. Lindsey Graham, R-S.C. Don't."), ["Lindsey", "Graham"]);
    }

    #[test]
    fn titles_are_cues_not_names() {
        let text = "It was Prime Minister Yulia Svyrydenko who spoke.";
        let doc = Normalizer::new().normalize_str(text);
        let m = MentionExtractor::new().extract(text, &doc).mentions;
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].title.as_deref(), Some("minister"));
        assert_eq!(m[1].first.as_deref(), Some("yulia"));
        assert_eq!(&text[m[1].phrase.0..m[1].phrase.1], "Yulia Svyrydenko");
    }

    #[test]
    fn sentence_starts_and_headings_are_uncertain() {
        let n = names("Despite this, Kyiv agreed. Zelenskiy spoke.\n\nChief Of Staff Resigns\n\nHe left.");
        assert_eq!(
            n,
            [
                ("Kyiv".to_string(), Certainty::Sure),
                ("Zelenskiy".to_string(), Certainty::SentenceStart),
                ("Staff".to_string(), Certainty::Heading),
                ("Resigns".to_string(), Certainty::Heading),
            ]
        );
    }

    #[test]
    fn issue_16_a_possessive_place_does_not_start_a_name() {
        let text = "Libya’s Muammar Gaddafi ruled for decades, and Russia's Vladimir Putin met Ford's Jim Farley.";
        let doc = Normalizer::new().normalize_str(text);
        let m = MentionExtractor::new().extract(text, &doc).mentions;
        let phrase = |name: &str| {
            let m = m.iter().find(|m| &text[m.span.0..m.span.1] == name).expect(name);
            &text[m.phrase.0..m.phrase.1]
        };
        assert_eq!(phrase("Libya"), "Libya");
        assert_eq!(phrase("Muammar"), "Muammar Gaddafi");
        assert_eq!(phrase("Gaddafi"), "Muammar Gaddafi");
        let gaddafi = m.iter().find(|m| &text[m.span.0..m.span.1] == "Gaddafi").unwrap();
        assert_eq!(gaddafi.first.as_deref(), Some("muammar"));
        assert_eq!(phrase("Russia"), "Russia");
        assert_eq!(phrase("Putin"), "Vladimir Putin");
        // Not a known place: the possessive stays inside the phrase, as before.
        assert_eq!(phrase("Farley"), "Ford's Jim Farley");
    }

    #[test]
    fn lowercase_words_are_collected() {
        let text = "Despite the rain, despite the wind.";
        let doc = Normalizer::new().normalize_str(text);
        let found = MentionExtractor::new().extract(text, &doc);
        assert!(found.lowercase.contains(&word_hash("despite")));
        assert!(!found.lowercase.contains(&word_hash("rain!")));
    }
}
