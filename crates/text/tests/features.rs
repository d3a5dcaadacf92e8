//! Feature tests of the text layer, with short sentences written for the tests.

use marsad_text::{analyze, segment, Span, TokenKind};

fn base_text(s: &str, sp: Span) -> String {
    s.chars().skip(sp.start).take(sp.len()).collect()
}

#[test]
fn proclitics_are_stripped_with_lexicon_evidence() {
    for (word, procs, base) in [
        ("وقال", vec!["و"], "قال"),
        ("وبروسيا", vec!["و", "ب"], "روسيا"),
        ("والجيش", vec!["و"], "الجيش"),
        ("بالعاصمة", vec!["ب"], "العاصمة"),
        ("فقد", vec!["ف"], "قد"),
        ("سيتم", vec!["س"], "يتم"),
    ] {
        let s = segment(word);
        assert_eq!(
            (s.proclitics.clone(), s.base.as_str()),
            (procs, base),
            "{word}"
        );
    }
}

#[test]
fn word_initial_letters_are_kept() {
    for word in [
        "بوتين",
        "وزير",
        "لبنان",
        "كانون",
        "فلاديمير",
        "والي",
        "والد",
        "بحث",
        "سوريا",
        "كما",
        "الجيش",
        // The future prefix needs a verb after its own prefix: these are names.
        "سناء",
        "سياف",
    ] {
        let s = segment(word);
        assert!(s.proclitics.is_empty(), "{word}: {:?}", s.proclitics);
        assert_eq!(s.prefix_chars, 0, "{word}");
    }
}

#[test]
fn lam_lam_keeps_the_article_lam_in_the_span() {
    let text = "قدم الدعم للجيش وللأسد";
    let a = analyze(text);
    let t = &a.tokens[2];
    assert_eq!(base_text(text, t.base_span), "لجيش");
    assert_eq!(t.base, "الجيش");
    assert_eq!(t.bare(), "جيش");
    assert_eq!(t.segments().as_slice(), ["ل", "الجيش"]);
    let t = &a.tokens[3];
    assert_eq!(base_text(text, t.base_span), "لأسد");
    assert_eq!(t.segments().as_slice(), ["و", "ل", "الاسد"]);
    // ل + a word that itself starts with ل.
    let s = segment("للبنان");
    assert_eq!((s.base.as_str(), s.prefix_chars), ("لبنان", 1));
}

#[test]
fn enclitics_need_a_known_base() {
    let text = "أكد زيارته ولقاؤه بينهما";
    let a = analyze(text);
    let z = &a.tokens[1];
    assert_eq!(
        (z.base.as_str(), z.segments().last().copied()),
        ("زيارة", Some("ه"))
    );
    assert_eq!(base_text(text, z.base_span), "زيارت");
    let l = &a.tokens[2];
    assert_eq!(l.segments().as_slice(), ["و", "لقاء", "ه"]);
    assert_eq!(base_text(text, l.base_span), "لقاؤ");
    assert_eq!(a.tokens[3].segments().as_slice(), ["بين", "هما"]);
    // A particle with an enclitic is not read as preposition + word.
    let s = segment("لديها");
    assert!(s.proclitics.is_empty());
    assert_eq!(s.enclitic, Some("ها"));
    // Names and nisbas are not split.
    for word in ["الله", "كورونا", "قطري", "سوري", "اتجاه", "وجه"] {
        assert_eq!(segment(word).enclitic, None, "{word}");
    }
}

#[test]
fn a_word_ending_in_nunation_carries_no_pronoun() {
    // Bare, `أمينا` may be "our …"; with nunation it is one indefinite word ("as
    // secretary"), and its whole span is its base.
    let bare = segment("أمينا");
    assert_eq!(bare.enclitic, Some("نا"), "the bare form is split");
    let text = "عيّن أميناً للصندوق";
    let a = analyze(text);
    let t = &a.tokens[1];
    assert_eq!(t.segments().as_slice(), ["امينا"]);
    assert_eq!(base_text(text, t.base_span), "أميناً");
    // The proclitics of such a word are still read.
    assert_eq!(
        analyze("وأميناً").tokens[0].segments().as_slice(),
        ["و", "امينا"]
    );
}

#[test]
fn diacritics_on_clitics_belong_to_the_clitic() {
    let text = "وَبِالجَيْشِ";
    let a = analyze(text);
    let t = &a.tokens[0];
    assert_eq!(t.segments().as_slice(), ["و", "ب", "الجيش"]);
    assert_eq!(base_text(text, t.base_span), "الجَيْشِ");
}

#[test]
fn analysis_fields_line_up() {
    let text = "قال د. أحمد: «ارتفع النمو 4.5% في يناير/كانون الثاني». ورحبت الحكومة بذلك.";
    let a = analyze(text);
    assert_eq!(a.sentences.len(), 2);
    let kinds: Vec<TokenKind> = a.tokens.iter().map(|t| t.kind).collect();
    assert!(kinds.contains(&TokenKind::Number) && kinds.contains(&TokenKind::Symbol));
    let last = a.tokens.last().map(|t| t.sentence);
    assert_eq!(last, Some(1));
    let rahhabat = a.tokens.iter().find(|t| t.norm == "ورحبت").map(|t| {
        t.segments()
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    });
    assert_eq!(rahhabat, Some(vec!["و".to_string(), "رحبت".to_string()]));
}

#[test]
fn analyzer_matches_analyze() {
    let text = "وقال الرئيس للصحفيين إن زيارته إلى موسكو ناجحة.\nوأضاف: نعم";
    let a = analyze(text);
    let mut an = marsad_text::Analyzer::new();
    let mut i = 0;
    let sentences = an.run(text, |v| {
        let t = &a.tokens[i];
        assert_eq!(
            (v.norm, v.base, v.stem, v.base_span, v.sentence),
            (
                t.norm.as_str(),
                t.base.as_str(),
                t.stem().as_str(),
                t.base_span,
                t.sentence
            )
        );
        i += 1;
    });
    assert_eq!(i, a.tokens.len());
    assert_eq!(sentences, a.sentences);
}

/// A token's segments, rebuilt from its clitic codes and base, are those the segmenter
/// gives for the word on its own (the word table stores codes, not strings), for
/// remembered words and for words analysed afresh alike.
#[test]
fn token_segments_are_the_segmenters() {
    let text = "وبالجيش ولقائه بينهما للمدرسة فسيكتبونها وكتابهم والمستشفيات، 12 طالباً abc";
    // Twice: the second pass reads every word from the per-thread word table.
    for _ in 0..2 {
        for t in analyze(text).tokens {
            let word = &text[t.bytes.clone()];
            let seg = marsad_text::segment(word);
            let mut expected: Vec<&str> = seg.proclitics.clone();
            expected.push(&seg.base);
            expected.extend(seg.enclitic);
            if t.kind == TokenKind::Word {
                assert_eq!(t.segments().as_slice(), expected.as_slice(), "{word}");
            } else {
                assert_eq!(t.segments().as_slice(), [t.norm.as_str()], "{word}");
            }
            assert_eq!(t.clitics.is_empty(), t.segments().len() == 1, "{word}");
            assert_eq!(t.clitics.len(), t.segments().len() - 1, "{word}");
            assert_eq!(t.first_segment(), t.segments()[0], "{word}");
        }
    }
}

#[test]
fn clitics_keep_known_clitics_only() {
    use marsad_text::Clitics;
    let c = Clitics::of(&["و", "ب"], Some("هم"));
    assert_eq!(c.proclitics().collect::<Vec<_>>(), ["و", "ب"]);
    assert_eq!(c.enclitic(), Some("هم"));
    assert_ne!(c.code(), Clitics::NONE.code());
    // Not a clitic of the text layer: left out.
    let odd = Clitics::of(&["x", "ف"], Some("y"));
    assert_eq!(odd.proclitics().collect::<Vec<_>>(), ["ف"]);
    assert_eq!(odd.enclitic(), None);
    assert!(Clitics::of(&[], None).is_empty());
}

/// Every stage walks the tokens: a token stays within a few cache lines (a field added
/// without thought, such as another stored string, fails this).
#[test]
fn analysed_tokens_stay_small() {
    let size = std::mem::size_of::<marsad_text::AnalyzedToken>();
    assert!(size <= 120, "AnalyzedToken is {size} bytes");
}
