//! Fuzzes the normalizer on any string: tokens and sentences in order, spans on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdiff::normalize::Normalizer;

fuzz_target!(|text: &str| {
    let doc = Normalizer::new().normalize_str(text);
    let mut last = 0;
    for t in &doc.tokens {
        assert!(t.span.0 >= last && t.span.0 < t.span.1);
        assert!(text.get(t.span.0..t.span.1).is_some());
        last = t.span.1;
    }
    for s in &doc.sentences {
        assert!(text.get(s.span.0..s.span.1).is_some());
        assert!(s.tokens.0 < s.tokens.1 && s.tokens.1 <= doc.tokens.len());
    }
});
