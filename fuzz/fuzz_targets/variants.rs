//! Fuzzes name-variant grouping: mentions from any text and any list of names group without panicking, and
//! every mention span slices the article.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdiff::names::{VariantIndex, group_names};
use newsdiff::article::Article;
use newsdiff::normalize::Normalizer;

fuzz_target!(|text: &str| {
    let article = Article::from_text("a", text);
    let doc = Normalizer::new().normalize(&article);
    let index = VariantIndex::from_documents(&[(&article, &doc)]);
    for group in index.groups() {
        for form in &group.forms {
            for m in &form.mentions {
                assert!(article.text.get(m.span.0..m.span.1).is_some());
            }
        }
    }
    let names: Vec<(&str, u64)> = text.lines().map(|l| (l, 1)).collect();
    let _ = group_names(&names);
});
