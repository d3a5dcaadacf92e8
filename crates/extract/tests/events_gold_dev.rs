//! Development harness (ignored by default): runs the event stage alone over a gold
//! document, with the gold entities, quotes and times as input, and writes the
//! document with predicted events so that `score.py` can compare the events alone.
//!
//! `MARSAD_GOLD=path/to/gold.json MARSAD_PRED=/tmp/ev.json cargo test -p marsad-extract
//! --test events_gold_dev -- --ignored`

use marsad_extract::{events, Document, TextContext};

#[test]
#[ignore]
fn events_over_gold_inputs() {
    let (Ok(gold), Ok(out)) = (std::env::var("MARSAD_GOLD"), std::env::var("MARSAD_PRED")) else {
        eprintln!("set MARSAD_GOLD and MARSAD_PRED");
        return;
    };
    let raw = std::fs::read_to_string(&gold).expect("gold file readable");
    let mut doc: Document = serde_json::from_str(&raw).expect("gold parses as a document");
    let ctx = TextContext::new(&doc.text, doc.published.as_deref());
    let evs = events::find_events(&ctx, &doc.entities, &doc.quotes, &doc.times);
    assert!(!evs.is_empty());
    doc.events = evs;
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&doc).expect("serialises"),
    )
    .expect("writes");
}

/// `MARSAD_JSONL=file.jsonl` (fields `text`, `published`): prints each text's events
/// through the whole bundled pipeline, for judging precision by hand.
#[test]
#[ignore]
fn events_over_jsonl() {
    let Ok(path) = std::env::var("MARSAD_JSONL") else {
        eprintln!("set MARSAD_JSONL");
        return;
    };
    let ex = marsad_extract::Extractor::bundled().expect("bundled data parses");
    let raw = std::fs::read_to_string(&path).expect("readable");
    for (i, line) in raw.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        let text = v["text"].as_str().unwrap_or_default();
        let src = marsad_extract::Source {
            published: v["published"].as_str().map(str::to_string),
            ..Default::default()
        };
        let doc = ex.analyze(text, &src);
        println!("[{i}] {text}");
        for e in &doc.events {
            println!(
                "    {}/{} trig={} actor={:?} target={:?} loc={:?} neg={} hyp={}",
                e.kind,
                e.mode.as_deref().unwrap_or("-"),
                e.trigger.text,
                e.actor,
                e.target,
                e.location,
                e.negated,
                e.hypothetical
            );
        }
    }
}

/// `MARSAD_TEXT=file.txt MARSAD_PUBLISHED=YYYY-MM-DD MARSAD_PRED=out.json`: the whole
/// bundled pipeline over one text (what `marsad analyze --published` prints).
#[test]
#[ignore]
fn full_pipeline_over_text() {
    let (Ok(path), Ok(out)) = (std::env::var("MARSAD_TEXT"), std::env::var("MARSAD_PRED")) else {
        eprintln!("set MARSAD_TEXT and MARSAD_PRED");
        return;
    };
    let text = std::fs::read_to_string(&path).expect("readable");
    let ex = marsad_extract::Extractor::bundled().expect("bundled data parses");
    let src = marsad_extract::Source {
        source: path,
        published: std::env::var("MARSAD_PUBLISHED").ok(),
        ..Default::default()
    };
    let doc = ex.analyze(&text, &src);
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&doc).expect("serialises"),
    )
    .expect("writes");
}
