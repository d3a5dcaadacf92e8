//! Table-driven tests of the time stage (`test_data/times.tsv`), and a run over the shared
//! corpora (HeidelTime silver texts, SaudiNewsNet sample) that checks no input panics and
//! every span matches the text.

use marsad_extract::time::find_times;
use marsad_extract::{TextContext, TimeType};

const TABLE: &str = include_str!("../test_data/times.tsv");

fn kind_name(k: TimeType) -> &'static str {
    match k {
        TimeType::Date => "DATE",
        TimeType::Duration => "DURATION",
        TimeType::Set => "SET",
        TimeType::Time => "TIME",
    }
}

/// Checks one table row; returns a description of the failure.
fn check(row: &[&str]) -> Result<(), String> {
    let [text, anchor, kind, value, span, extra] = row else {
        return Err(format!("bad row {row:?}"));
    };
    let published = (*anchor != "-").then_some(*anchor);
    let ctx = TextContext::new(text, published);
    let times = find_times(&ctx);
    let chars: Vec<char> = text.chars().collect();
    for t in &times {
        let s: String = chars[t.start..t.end].iter().collect();
        if s != t.text {
            return Err(format!("span text {:?} != {:?}", t.text, s));
        }
    }
    if *kind == "NONE" {
        return match times.first() {
            None => Ok(()),
            Some(t) => Err(format!("expected no time, got {:?} {}", t.text, t.value)),
        };
    }
    let want_span = if *span == "=" { *text } else { *span };
    let Some(t) = times.iter().find(|t| t.text == want_span) else {
        let got: Vec<(&str, &str)> = times
            .iter()
            .map(|t| (t.text.as_str(), t.value.as_str()))
            .collect();
        return Err(format!("no time spanning {want_span:?}; got {got:?}"));
    };
    if kind_name(t.kind) != *kind || t.value != *value {
        return Err(format!(
            "{want_span:?}: got {} {}, want {kind} {value}",
            kind_name(t.kind),
            t.value
        ));
    }
    for check in extra.split(',').filter(|c| *c != "-") {
        let (k, v) = check.split_once('=').unwrap_or((check, ""));
        let got = match k {
            "anchored" => t.anchored.to_string(),
            "mod" => t.modifier.clone().unwrap_or_default(),
            "hijri" => t.hijri.clone().unwrap_or_default(),
            _ => return Err(format!("unknown check {k}")),
        };
        if got != v {
            return Err(format!("{want_span:?}: {k} = {got}, want {v}"));
        }
    }
    Ok(())
}

#[test]
fn times_table() {
    let rows: Vec<Vec<&str>> = TABLE
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(rows.len() >= 150, "the table has {} rows", rows.len());
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|r| check(r).err().map(|e| format!("{}: {e}", r[0])))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} rows fail:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

#[test]
fn no_anchor_gives_reference_values() {
    let ctx = TextContext::new("نما الاقتصاد العام الماضي ويصل الوفد غدا", None);
    let values: Vec<String> = find_times(&ctx).into_iter().map(|t| t.value).collect();
    assert_eq!(values, ["PAST_REF", "FUTURE_REF"]);
}

fn shared(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/"
    ))
    .join(rel)
}

/// Only the text of a TimeML file: the tags are machine output, not truth.
fn strip_tags(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// A context without the text layer's analysis (the time and quantity stages read only the
/// text), which keeps this run quick.
fn light_context<'a>(text: &'a str, published: Option<&'a str>) -> TextContext<'a> {
    TextContext::without_analysis(text, published)
}

fn check_spans(ctx: &TextContext<'_>) -> usize {
    let times = find_times(ctx);
    let quantities = marsad_extract::quantity::find_quantities(ctx);
    let chars: Vec<char> = ctx.text.chars().collect();
    for t in &times {
        assert!(t.start < t.end && t.end <= chars.len());
        assert_eq!(chars[t.start..t.end].iter().collect::<String>(), t.text);
    }
    for q in &quantities {
        assert!(q.start < q.end && q.end <= chars.len());
        assert_eq!(chars[q.start..q.end].iter().collect::<String>(), q.text);
    }
    times.len() + quantities.len()
}

#[test]
fn shared_corpora_run_without_panic() {
    let silver = shared("heideltime-arabic-news-silver");
    let saudi = shared("saudinewsnet/saudinewsnet_sample_1in25.jsonl");
    if !silver.is_dir() || !saudi.is_file() {
        println!(
            "skipped: /work/shared corpora not found at {}",
            silver.display()
        );
        return;
    }
    let mut texts = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&silver)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for p in files
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
    {
        texts.push(strip_tags(&std::fs::read_to_string(p).unwrap_or_default()));
    }
    let n_silver = texts.len();
    let jsonl = std::fs::read_to_string(&saudi).unwrap_or_default();
    for line in jsonl.lines().take(2000) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
        texts.push(v["content"].as_str().unwrap_or_default().to_string());
    }
    assert!(
        n_silver >= 50 && texts.len() > 1000,
        "{n_silver} silver, {} texts",
        texts.len()
    );
    let found: usize = texts
        .iter()
        .map(|t| check_spans(&light_context(t, Some("2015-12-23"))))
        .sum();
    // Roughly 10 expressions per news text; a collapse to a handful means something broke.
    assert!(
        found > 5 * texts.len(),
        "only {found} times and quantities in {} texts",
        texts.len()
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// No input panics, and every span's text is the text at its offsets.
    #[test]
    fn any_text_gives_matching_spans(
        text in "[0-9٠-٩ /:%٪.,٫٬\\-هـًٌٍَ]{0,6}(يناير|كانون الثاني|رمضان|عام|بعد|قبل|يومين|أيام|الساعة|رقم|مليون|دولار|في المئة|الاثنين|مساء|منتصف|نصف|خمسة|عشر|ال|و| |[0-9]{1,4}|[/.\\-]){0,12}"
    ) {
        check_spans(&light_context(&text, Some("2026-01-29")));
        check_spans(&light_context(&text, None));
    }
}
