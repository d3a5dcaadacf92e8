//! Quotes on the shared gold article, with the gold entities as input: measures quote
//! finding and attribution apart from entity linking. Skipped when the shared data is
//! not beside the repository. Set `MARSAD_QUOTES_PRED=path` to write the prediction (a
//! document with the gold entities and the found quotes, for `score.py`).
//! `gold_article_through_the_pipeline` runs the whole extractor instead (its own entities);
//! `MARSAD_PIPELINE_PRED=path` writes that document.

use marsad_extract::quotes::find_quotes;
use marsad_extract::{Document, Quote, TextContext};
use std::path::PathBuf;

fn gold_path() -> Option<PathBuf> {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        std::env::var("MARSAD_GOLD").map(PathBuf::from).ok(),
        Some(here.join("../../../shared/data/gold/seed-syria-russia.json")),
        Some(PathBuf::from(
            "/work/shared/data/gold/seed-syria-russia.json",
        )),
    ];
    candidates.into_iter().flatten().find(|p| p.exists())
}

fn overlap(a: &Quote, b: &Quote) -> f64 {
    let inter = a.end.min(b.end).saturating_sub(a.start.max(b.start)) as f64;
    let union = (a.end.max(b.end) - a.start.min(b.start)) as f64;
    if union == 0.0 {
        0.0
    } else {
        inter / union
    }
}

/// Greedy one-to-one matching by IoU ≥ 0.5, as the shared scorer does.
fn matches(gold: &[Quote], pred: &[Quote]) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            let iou = overlap(g, p);
            if iou >= 0.5 {
                cands.push((iou, gi, pi));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut ug, mut up, mut out) = (vec![false; gold.len()], vec![false; pred.len()], Vec::new());
    for (_, gi, pi) in cands {
        if !ug[gi] && !up[pi] {
            ug[gi] = true;
            up[pi] = true;
            out.push((gi, pi));
        }
    }
    out
}

fn f1(tp: usize, pred: usize, gold: usize) -> f64 {
    if pred == 0 || gold == 0 || tp == 0 {
        return 0.0;
    }
    let p = tp as f64 / pred as f64;
    let r = tp as f64 / gold as f64;
    2.0 * p * r / (p + r)
}

#[test]
fn gold_article_quotes_with_gold_entities() {
    let Some(path) = gold_path() else {
        eprintln!("gold article not found; skipped");
        return;
    };
    let raw = std::fs::read_to_string(&path).expect("gold file reads");
    let gold: Document = serde_json::from_str(&raw).expect("gold parses");
    let ctx = TextContext::new(&gold.text, gold.published.as_deref());
    let pred = find_quotes(&ctx, &gold.entities);
    for q in &pred {
        let slice: String = gold
            .text
            .chars()
            .skip(q.start)
            .take(q.end - q.start)
            .collect();
        assert_eq!(slice, q.text, "offsets match the text");
    }
    let pairs = matches(&gold.quotes, &pred);
    let right = pairs
        .iter()
        .filter(|(g, p)| gold.quotes[*g].speaker == pred[*p].speaker)
        .count();
    let found = f1(pairs.len(), pred.len(), gold.quotes.len());
    let attributed = f1(right, pred.len(), gold.quotes.len());
    eprintln!(
        "quotes: pred {} gold {} matched {} attributed {} | found F1 {found:.3} attributed F1 {attributed:.3}",
        pred.len(),
        gold.quotes.len(),
        pairs.len(),
        right
    );
    if let Ok(out) = std::env::var("MARSAD_QUOTES_PRED") {
        let mut doc = gold.clone();
        doc.quotes = pred.clone();
        std::fs::write(out, serde_json::to_string_pretty(&doc).expect("serialises"))
            .expect("prediction writes");
    }
    assert!(found >= 0.95, "quotes_found F1 {found:.3}");
    assert!(attributed >= 0.95, "quotes_attributed F1 {attributed:.3}");
}

#[test]
fn gold_article_through_the_pipeline() {
    let Some(path) = gold_path() else {
        eprintln!("gold article not found; skipped");
        return;
    };
    let raw = std::fs::read_to_string(&path).expect("gold file reads");
    let gold: Document = serde_json::from_str(&raw).expect("gold parses");
    let extractor = marsad_extract::Extractor::bundled().expect("bundled data parses");
    let src = marsad_extract::Source {
        published: gold.published.clone(),
        ..Default::default()
    };
    let doc = extractor.analyze(&gold.text, &src);
    let pairs = matches(&gold.quotes, &doc.quotes);
    let found = f1(pairs.len(), doc.quotes.len(), gold.quotes.len());
    eprintln!(
        "pipeline quotes: pred {} gold {} matched {} | found F1 {found:.3}",
        doc.quotes.len(),
        gold.quotes.len(),
        pairs.len()
    );
    if let Ok(out) = std::env::var("MARSAD_PIPELINE_PRED") {
        std::fs::write(out, serde_json::to_string_pretty(&doc).expect("serialises"))
            .expect("prediction writes");
    }
    assert!(
        found >= 0.8,
        "quotes_found F1 through the pipeline {found:.3}"
    );
}
