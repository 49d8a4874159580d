//! Who a sentence's `he` or `she` stands for, so that a claim told about a person by pronoun still names them.
//!
//! `In a statement, he indicated that discussions with US President Donald Trump are expected to take place in the
//! coming days.` names only Trump; the sentence before it says who `he` is (`President Volodymyr Zelenskiy has
//! expressed ...`). Reporters open the next sentence with the pronoun for the subject of the last one, so the
//! referent is the last word of the first run of names in the previous sentence. The rule is cheap and often
//! right; when it is wrong it adds one name that the claim's other words must still support.

use rustc_hash::FxHashSet;

use super::similarity::{RawTerm, TermClass, Terms, first_word};
use crate::normalize::{Document, Token};

/// Pronouns that stand for one person as the subject of a sentence.
const PERSON_PRONOUNS: &[&str] = &["he", "she"];

/// How many word tokens may come before the pronoun (`In a statement, he indicated ...`).
const PRONOUN_WITHIN: usize = 6;

/// The position (within the sentence's tokens) of a subject pronoun among the first words of a sentence, when
/// no name (as `confirmed` by the document) comes before it.
fn opening_pronoun(tokens: &[Token], confirmed: &FxHashSet<u64>) -> Option<usize> {
    let at = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_wordlike())
        .take(PRONOUN_WITHIN)
        .find(|(_, t)| PERSON_PRONOUNS.contains(&t.norm.as_str()))?
        .0;
    let mut terms = Terms::from_tokens(&tokens[..at]);
    terms.demote_unconfirmed_names(u32::try_from(first_word(tokens) + 1).unwrap_or(u32::MAX), confirmed);
    (!terms.terms.iter().any(|t| matches!(t.class, TermClass::Name | TermClass::Number))).then_some(at)
}

/// The name sentence `index` of `doc` means by an opening `he` or `she`, as a term placed at the pronoun:
/// the last word of the first run of names (as `confirmed` by the document) in the previous sentence.
#[must_use]
pub fn referent(doc: &Document, index: usize, confirmed: &FxHashSet<u64>) -> Option<RawTerm> {
    let sentence = doc.sentences.get(index)?;
    let previous = doc.sentences.get(index.checked_sub(1)?)?;
    if sentence.is_title || previous.is_title {
        return None;
    }
    let at = opening_pronoun(doc.sentence_tokens(sentence), confirmed)?;
    let terms = Terms::from_tokens(doc.sentence_tokens(previous));
    let is_name = |t: &RawTerm| t.class == TermClass::Name && confirmed.contains(&t.id);
    let start = terms.terms.iter().position(is_name)?;
    let mut last = &terms.terms[start];
    for t in &terms.terms[start + 1..] {
        if !is_name(t) || t.token != last.token + 1 {
            break;
        }
        last = t;
    }
    Some(RawTerm { token: u32::try_from(at).unwrap_or(u32::MAX), ..last.clone() })
}

impl Terms {
    /// Adds `referent` after the terms of the tokens before it (where its pronoun stands).
    pub fn insert_referent(&mut self, referent: RawTerm) {
        let at = self.terms.partition_point(|t| t.token <= referent.token);
        self.terms.insert(at, referent);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::similarity::confirmed_names;
    use crate::normalize::Normalizer;

    fn referent_stem(text: &str, sentence: usize) -> Option<String> {
        let doc = Normalizer::new().normalize_str(text);
        referent(&doc, sentence, &confirmed_names(&doc)).map(|t| t.stem.to_string())
    }

    #[test]
    fn an_opening_pronoun_stands_for_the_previous_subject() {
        let text = "President Volodymyr Zelenskiy has expressed his readiness to work with the US. In a statement, he \
                    indicated that talks with President Donald Trump are expected soon.";
        assert_eq!(referent_stem(text, 1).as_deref(), Some("zelenskiy"));
        // The pronoun term is placed where the pronoun stands, so word order still counts.
        let doc = Normalizer::new().normalize_str(text);
        let tokens = doc.sentence_tokens(&doc.sentences[1]);
        let r = referent(&doc, 1, &confirmed_names(&doc)).unwrap();
        assert_eq!(tokens[r.token as usize].norm, "he");
    }

    #[test]
    fn no_referent_when_the_sentence_names_its_subject_or_has_no_pronoun() {
        let first = "Governor Paul LePage left a voicemail for Drew Gattine on Thursday, Trump said. ";
        assert_eq!(referent_stem(&format!("{first}Trump said he would call."), 1), None);
        assert_eq!(referent_stem(&format!("{first}The lawmaker said it was a threat."), 1), None);
        assert_eq!(
            referent_stem(&format!("{first}Later that week, after many calls from reporters, he apologized."), 1),
            None
        );
        assert_eq!(referent_stem(&format!("{first}He apologized."), 1).as_deref(), Some("lepag"));
        assert_eq!(referent_stem("He apologized.", 0), None);
    }
}
