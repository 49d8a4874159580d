//! Fuzzes claim alignment: two articles cut from the input align without panicking, every pair and unpaired
//! claim points at real text, scores stay in 0..=1, and each claim is used at most once.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdiff::claims::{AlignConfig, Aligner, Idf};
use newsdiff::article::Article;
use newsdiff::normalize::Normalizer;

fuzz_target!(|text: &str| {
    let (left, right) = text.split_once('\u{1}').unwrap_or((text, text));
    let a = Article::from_text("a", left);
    let b = Article::from_text("b", right);
    let n = Normalizer::new();
    let (da, db) = (n.normalize(&a), n.normalize(&b));
    let idf = Idf::from_documents([&da, &db]);
    let alignment = Aligner::new(AlignConfig::default()).align(&a, &da, &b, &db, &idf);
    let mut used_a = std::collections::HashSet::new();
    let mut used_b = std::collections::HashSet::new();
    for p in &alignment.pairs {
        assert!((0.0..=1.0).contains(&p.score), "score {}", p.score);
        assert!(used_a.insert(p.a.index) && used_b.insert(p.b.index));
        assert_eq!(a.text.get(p.a.span[0]..p.a.span[1]), Some(p.a.text.as_str()));
        assert_eq!(b.text.get(p.b.span[0]..p.b.span[1]), Some(p.b.text.as_str()));
    }
    if left == right {
        assert!(alignment.is_identical(), "an article is identical to itself");
    }
});
