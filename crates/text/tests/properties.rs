//! Property tests: no panics and consistent offsets on arbitrary and Arabic-looking text.

use marsad_text::{analyze, normalize, normalize_word, split_sentences, tokenize, Folding};
use proptest::prelude::*;

fn slice_chars(s: &str, start: usize, end: usize) -> String {
    s.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// Characters a token must cover: everything but whitespace and stray invisible controls.
fn must_cover(c: char) -> bool {
    !c.is_whitespace() && marsad_text::fold_char(c, Folding::MATCH).is_some()
        || c == '\u{0640}'
        || ('\u{064B}'..='\u{065F}').contains(&c)
}

/// Arabic-looking text: words with clitics, diacritics, digits and punctuation.
fn arabic_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("و".to_string()),
        Just("بال".to_string()),
        Just("لل".to_string()),
        Just("ف".to_string()),
        "[ء-ي]{1,8}",
        "[ء-ي][\u{064B}-\u{0652}\u{0640}]?[ء-ي]{1,5}",
        "[0-9٠-٩]{1,4}([.,٫٬][0-9]{1,3})?",
        Just(" ".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just(". ".to_string()),
        Just("..".to_string()),
        Just("؟ ".to_string()),
        Just("، ".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("\"".to_string()),
        Just("%".to_string()),
        Just("/".to_string()),
        Just("ﻻ".to_string()),
        Just("\u{200C}".to_string()),
        Just("U.S.".to_string()),
        Just("https://a.b/c".to_string()),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check(s: &str) {
    let n_chars = s.chars().count();
    let tokens = tokenize(s);
    let mut covered = vec![false; n_chars];
    let mut last_end = 0;
    for t in &tokens {
        assert!(
            t.span.start >= last_end,
            "tokens overlap or are out of order"
        );
        assert!(t.span.start < t.span.end && t.span.end <= n_chars);
        assert_eq!(slice_chars(s, t.span.start, t.span.end), t.text);
        assert_eq!(&s[t.bytes.clone()], t.text);
        for c in covered.iter_mut().take(t.span.end).skip(t.span.start) {
            *c = true;
        }
        last_end = t.span.end;
    }
    for (i, c) in s.chars().enumerate() {
        if must_cover(c) {
            assert!(covered[i], "char {c:?} at {i} not in any token");
        }
    }
    let sentences = split_sentences(s, &tokens);
    let mut prev = 0;
    for sp in &sentences {
        assert!(sp.start >= prev && sp.start < sp.end && sp.end <= n_chars);
        let text = slice_chars(s, sp.start, sp.end);
        assert_eq!(text.trim(), text, "sentence not trimmed");
        prev = sp.end;
    }
    let a = analyze(s);
    assert_eq!(a.tokens.len(), tokens.len());
    for t in &a.tokens {
        assert!(
            t.span.contains(t.base_span),
            "base span {:?} outside {:?}",
            t.base_span,
            t.span
        );
        assert!(t.sentence < a.sentences.len().max(1));
        assert!(a.sentences.is_empty() || a.sentences[t.sentence].contains(t.span));
        assert_eq!(normalize_word(&t.norm, Folding::MATCH), t.norm);
    }
    for f in [Folding::MATCH, Folding::SEARCH] {
        let n = normalize(s, f);
        assert_eq!(n.to_original.len(), n.text.chars().count() + 1);
        assert!(n.to_original.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(n.to_original.last().copied(), Some(n_chars));
        assert_eq!(
            normalize_word(&n.text, f),
            n.text,
            "normalisation not idempotent"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_unicode(s in "\\PC{0,80}") {
        check(&s);
    }

    #[test]
    fn arbitrary_chars_with_controls(s in proptest::collection::vec(any::<char>(), 0..60)) {
        let s: String = s.into_iter().collect();
        check(&s);
    }

    #[test]
    fn arabic_like(s in arabic_text()) {
        check(&s);
    }

    #[test]
    fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200), hint in proptest::option::of("(utf-8|windows-1256|iso-8859-6|cp1256|latin1|x)")) {
        if let Ok(d) = marsad_text::decode(&bytes, hint.as_deref()) {
            check(&d.text);
        }
    }
}
