//! Fuzzes the JSONL line parser: any bytes give an article or an error naming the line, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdiff::input::{InputOptions, parse_jsonl_bytes};
use newsdiff::normalize::Normalizer;

fuzz_target!(|data: &[u8]| {
    let opts = InputOptions { max_bytes: 1 << 20, ..InputOptions::default() };
    let mut warnings = Vec::new();
    match parse_jsonl_bytes(data, "fuzz.jsonl", 7, "fuzz", &opts, &mut warnings) {
        Ok(article) => {
            let doc = Normalizer::new().normalize(&article);
            for t in &doc.tokens {
                assert!(article.text.get(t.span.0..t.span.1).is_some());
            }
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.jsonl:7")),
    }
});
