//! Quotes never panic and always give offsets that slice the text, whatever the input:
//! unbalanced marks, lone colons, cues at the very end, empty lines.

use marsad_extract::quotes::find_quotes;
use marsad_extract::{Quote, TextContext};
use proptest::prelude::*;

/// The quotes found in `text` (no entities).
fn quotes_in(text: &str) -> Vec<Quote> {
    find_quotes(&TextContext::new(text, None), &[])
}

/// The content and the speaker phrase of the one quote found in `text`.
fn the_quote(text: &str) -> (String, Option<String>) {
    let quotes = quotes_in(text);
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    (quotes[0].text.clone(), quotes[0].speaker_text.clone())
}

fn pieces() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "قال",
        "وأضاف",
        "مشيرا",
        "إلى",
        "أن",
        "إن",
        "بحسب",
        "وفق",
        "نقلت",
        "عن",
        "مسؤول",
        "الرئيس",
        "الروسي",
        "من",
        "جانبه",
        "بالقول",
        ":",
        "\"",
        "«",
        "»",
        "“",
        "”",
        "'",
        ".",
        "،",
        "\n",
        " ",
        "4.5",
        "جلو",
        "قوله",
        "–",
    ]);
    prop::collection::vec(words, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #[test]
    fn any_text_gives_valid_spans(text in pieces()) {
        let ctx = TextContext::new(&text, None);
        for q in find_quotes(&ctx, &[]) {
            prop_assert!(q.start < q.end);
            let slice: String = text.chars().skip(q.start).take(q.end - q.start).collect();
            prop_assert_eq!(slice, q.text);
        }
    }
}

#[test]
fn a_mark_left_open_stops_at_the_paragraph_end() {
    let text = "قال الوزير: \"لن نتراجع عن القرار\nوفي خبر آخر ارتفعت الأسعار.";
    let quotes = quotes_in(text);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].text, "لن نتراجع عن القرار");
}

#[test]
fn a_pull_quote_and_scare_quotes_are_not_quotes() {
    let text = "\"الاقتصاد أولا\"\nوتحمل الخطة اسم \"الأمل\" منذ إطلاقها.";
    assert!(quotes_in(text).is_empty());
}

#[test]
fn the_author_s_conclusion_is_not_a_quote() {
    let text = "وعليه، يمكن القول: إن المرحلة المقبلة ستكون صعبة.";
    assert!(quotes_in(text).is_empty());
}

#[test]
fn a_quotation_before_its_cue_is_attributed() {
    let text = "وصل الوفد إلى العاصمة.\n«سنواصل المفاوضات حتى نصل إلى اتفاق»، قال الوزير.";
    let quotes = quotes_in(text);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].text, "سنواصل المفاوضات حتى نصل إلى اتفاق");
    assert_eq!(quotes[0].speaker_text.as_deref(), Some("الوزير"));
    assert_eq!(quotes[0].cue, "قال");
}

#[test]
fn a_cue_with_its_preposition_reports_a_speaker_but_not_the_figures() {
    let text = "وأشار الوزير إلى أن العدد ارتفع. وتشير الأرقام إلى أن الصادرات تراجعت.";
    assert_eq!(
        the_quote(text),
        ("العدد ارتفع".to_string(), Some("الوزير".to_string()))
    );
}

#[test]
fn a_demonstrative_alone_reports_nothing_but_one_before_a_noun_names_a_speaker() {
    let text = "ارتفعت الأسعار كثيرا. ويشير هذا إلى أن الطلب قوي. وقال ذلك المسؤول إن الوضع مستقر.";
    assert_eq!(
        the_quote(text),
        ("الوضع مستقر".to_string(), Some("ذلك المسؤول".to_string()))
    );
}

#[test]
fn a_subject_the_reader_cannot_delimit_is_no_one_rather_than_the_previous_speaker() {
    let text = "قال الوزير إن الوضع مستقر. وأضاف وهو يبتسم أن الجميع مدعوون. وأوضحت إدارة مهرجان الربيع السنوي للفنون أن البرنامج سيبدأ غدا.";
    let quotes = quotes_in(text);
    let speakers: Vec<Option<&str>> = quotes.iter().map(|q| q.speaker_text.as_deref()).collect();
    // The second cue has no subject (a pronoun and its clause): the minister goes on.
    // The third has a subject of its own that no rule delimits: not the minister.
    assert_eq!(
        speakers,
        [Some("الوزير"), Some("الوزير"), None],
        "{quotes:?}"
    );
}
