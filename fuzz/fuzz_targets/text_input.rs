//! Fuzzes the text-file reader: decoding any bytes (UTF-8, UTF-16, invalid) and reading them as an article
//! (title, date line), then normalizing it. Every span must slice the decoded text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdiff::article::Article;
use newsdiff::input::decode::decode;
use newsdiff::normalize::Normalizer;

fuzz_target!(|data: &[u8]| {
    let decoded = decode(data);
    let article = Article::from_text("fuzz", &decoded.text);
    if let Some((start, end)) = article.title_span {
        assert!(article.text.get(start..end).is_some());
    }
    let doc = Normalizer::new().normalize(&article);
    for t in &doc.tokens {
        assert!(article.text.get(t.span.0..t.span.1).is_some());
    }
    for s in &doc.sentences {
        assert!(article.text.get(s.span.0..s.span.1).is_some());
    }
});
