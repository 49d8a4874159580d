//! Property tests for claim alignment and scoring: comparing B with A pairs claims as well as comparing A with
//! B (the same pairs, up to ties), every score stays in 0..=1, and an article compared with itself is identical.
//!
//! (The pair *kinds* are not yet symmetric in every case: conflict detection can read a number swap one way
//! and not the other; see the closing notes.)

use newsdiff::article::Article;
use newsdiff::claims::{AlignConfig, Aligner, Alignment, Idf};
use newsdiff::normalize::Normalizer;
use proptest::prelude::*;

/// Short news-like articles built from a small vocabulary, so that pairs often share words and names.
fn article_text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("Zelenskyy"),
        Just("Zelenskiy"),
        Just("Kyiv"),
        Just("Witkoff"),
        Just("talks"),
        Just("plan"),
        Just("28-point"),
        Just("19-point"),
        Just("three"),
        Just("five"),
        Just("people"),
        Just("met"),
        Just("the"),
        Just("in"),
        Just("on"),
        Just("Friday"),
        Just("resigned"),
        Just("🙂"),
        Just("—"),
    ];
    let sentence = prop::collection::vec(word, 1..12).prop_map(|w| w.join(" ") + ".");
    prop::collection::vec(sentence, 1..8).prop_map(|s| s.join(" "))
}

fn align(a_text: &str, b_text: &str) -> Alignment {
    let a = Article::from_text("a", a_text);
    let b = Article::from_text("b", b_text);
    let n = Normalizer::new();
    let (da, db) = (n.normalize(&a), n.normalize(&b));
    let idf = Idf::from_documents([&da, &db]);
    Aligner::new(AlignConfig::default()).align(&a, &da, &b, &db, &idf)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn scores_stay_in_range_and_pairs_are_symmetric(a in article_text(), b in article_text()) {
        let ab = align(&a, &b);
        let ba = align(&b, &a);
        for p in &ab.pairs {
            prop_assert!((0.0..=1.0).contains(&p.score), "score {}", p.score);
        }
        let mut forward: Vec<(usize, usize)> = ab.pairs.iter().map(|p| (p.a.index, p.b.index)).collect();
        let mut backward: Vec<(usize, usize)> = ba.pairs.iter().map(|p| (p.b.index, p.a.index)).collect();
        forward.sort_unstable();
        backward.sort_unstable();
        // The same claims pair both ways, up to ties between equally good choices: the total score is the same.
        prop_assert_eq!(forward.len(), backward.len(), "as many pairs both ways");
        let total = |al: &Alignment| al.pairs.iter().map(|p| f64::from(p.score)).sum::<f64>();
        prop_assert!((total(&ab) - total(&ba)).abs() < 1e-4, "{:?} vs {:?}", forward, backward);
    }

    #[test]
    fn an_article_is_identical_to_itself(a in article_text()) {
        prop_assert!(align(&a, &a).is_identical());
    }
}
