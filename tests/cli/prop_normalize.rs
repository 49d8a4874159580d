//! Property tests for the normalizer and the text reader: any input normalizes without panicking, every span
//! slices the original on character boundaries, and tokens and sentences stay in order.

use newsdiff::article::Article;
use newsdiff::input::decode::decode;
use newsdiff::normalize::Normalizer;
use proptest::prelude::*;

/// Text that looks like news in several scripts, with the characters the normalizer treats specially.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Zelenskyy’s".to_string()),
        Just("U.S.".to_string()),
        Just("Mr.".to_string()),
        Just("28-point".to_string()),
        Just("3.6 million".to_string()),
        Just("“quoted.”".to_string()),
        Just("São Paulo".to_string()),
        Just("Київ".to_string()),
        Just("مرحبا".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{00AD}\u{200B}\u{FEFF}".to_string()),
        Just("—".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("1,200".to_string()),
        Just("🙂".to_string()),
        "[a-zA-Z]{1,8}",
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

fn check_document(text: &str, doc: &newsdiff::normalize::Document) {
    let mut last_end = 0;
    for t in &doc.tokens {
        assert!(t.span.0 < t.span.1, "empty token span {:?}", t.span);
        assert!(t.span.0 >= last_end, "tokens out of order");
        assert!(text.get(t.span.0..t.span.1).is_some(), "token span {:?} is not on char boundaries", t.span);
        last_end = t.span.1;
    }
    let mut last_sentence_end = 0;
    for s in &doc.sentences {
        assert!(text.get(s.span.0..s.span.1).is_some(), "sentence span {:?} is not on char boundaries", s.span);
        assert!(s.span.0 >= last_sentence_end, "sentences out of order");
        assert!(s.tokens.0 < s.tokens.1 && s.tokens.1 <= doc.tokens.len());
        last_sentence_end = s.span.1;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string_normalizes_with_valid_spans(text in "\\PC{0,200}") {
        let doc = Normalizer::new().normalize_str(&text);
        check_document(&text, &doc);
    }

    #[test]
    fn news_like_text_normalizes_with_valid_spans(text in newsish()) {
        let doc = Normalizer::new().normalize_str(&text);
        check_document(&text, &doc);
    }

    #[test]
    fn any_article_text_reads_and_normalizes(text in newsish()) {
        let article = Article::from_text("x", &text);
        let doc = Normalizer::new().normalize(&article);
        check_document(&article.text, &doc);
        if let Some((start, end)) = article.title_span {
            prop_assert!(article.text.get(start..end).is_some());
        }
    }

    #[test]
    fn any_bytes_decode_and_normalize(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let decoded = decode(&bytes);
        let doc = Normalizer::new().normalize_str(&decoded.text);
        check_document(&decoded.text, &doc);
    }
}
