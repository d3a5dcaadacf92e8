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
