//! Fuzzes the text layer: arbitrary bytes are decoded (with and without a charset
//! hint) and, when they decode, analysed; every span must stay inside the text.
//! Run with `cargo +nightly fuzz run decode_analyze` from `fuzz/`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (hint, bytes) = match data.split_first() {
        Some((0, rest)) => (Some("windows-1256"), rest),
        Some((1, rest)) => (Some("iso-8859-6"), rest),
        _ => (None, data),
    };
    let Ok(decoded) = marsad_text::decode(bytes, hint) else {
        return;
    };
    let text = decoded.text.as_str();
    let n = text.chars().count();
    let analysis = marsad_text::analyze(text);
    for t in &analysis.tokens {
        assert!(t.span.end <= n && t.span.contains(t.base_span));
        assert_eq!(
            &text[t.bytes.clone()],
            text.chars()
                .skip(t.span.start)
                .take(t.span.len())
                .collect::<String>()
        );
    }
    for s in &analysis.sentences {
        assert!(s.start < s.end && s.end <= n);
    }
    let norm = marsad_text::normalize(text, marsad_text::Folding::SEARCH);
    assert_eq!(norm.to_original.len(), norm.text.chars().count() + 1);
});
