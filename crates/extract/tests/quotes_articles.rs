//! Golden tests for quotes: short articles written for marsad under
//! `test_data/quotes/NNNN_name.txt`, each with its expected quotes in `NNNN_name.json`.
//!
//! Entities are tagged inline in the `.txt`: `[[أحمد الشرع|person:ahmed-al-sharaa]]`, with
//! an optional mention kind: `[[الروسي|gpe:russia|nisba]]`. The tags are removed before the
//! text is analysed; their offsets become the entities' mentions. The `.json` lists, per
//! quote, `speaker`, `kind`, `cue` and `text`, and optionally `speaker_text` and `via`
//! (checked only when present). `UPDATE_EXPECT=1` rewrites the `.json` files from the
//! output, for review.

use marsad_extract::quotes::find_quotes;
use marsad_extract::{Entity, EntityType, Mention, MentionKind, Quote, QuoteKind, TextContext};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// Removes the inline tags; returns the plain text and its entities.
fn parse_tagged(src: &str) -> (String, Vec<Entity>) {
    let mut text = String::new();
    let mut n_chars = 0usize;
    let mut entities: Vec<Entity> = Vec::new();
    let mut rest = src;
    while let Some(open) = rest.find("[[") {
        let before = &rest[..open];
        text.push_str(before);
        n_chars += before.chars().count();
        let after = &rest[open + 2..];
        let close = after.find("]]").expect("every [[ tag closes");
        let tag = &after[..close];
        let mut parts = tag.split('|');
        let surface = parts.next().expect("surface");
        let id = parts.next().expect("entity id");
        let kind = match parts.next().unwrap_or("name") {
            "title" => MentionKind::Title,
            "nisba" => MentionKind::Nisba,
            _ => MentionKind::Name,
        };
        let len = surface.chars().count();
        let mention = Mention {
            start: n_chars,
            end: n_chars + len,
            text: surface.to_string(),
            kind,
        };
        text.push_str(surface);
        n_chars += len;
        match entities.iter_mut().find(|e| e.id == id) {
            Some(e) => e.mentions.push(mention),
            None => {
                let etype = match id.split(':').next() {
                    Some("person") => EntityType::Person,
                    Some("org") => EntityType::Org,
                    Some("loc") => EntityType::Loc,
                    Some("fac") => EntityType::Fac,
                    _ => EntityType::Gpe,
                };
                entities.push(Entity {
                    id: id.to_string(),
                    kind: etype,
                    name_ar: surface.to_string(),
                    name_en: id.to_string(),
                    roles: Vec::new(),
                    geo: None,
                    known: true,
                    mentions: vec![mention],
                });
            }
        }
        rest = &after[close + 2..];
    }
    text.push_str(rest);
    (text, entities)
}

fn as_json(q: &Quote) -> Value {
    let mut v = json!({
        "speaker": q.speaker,
        "speaker_text": q.speaker_text,
        "kind": match q.kind { QuoteKind::Direct => "direct", QuoteKind::Indirect => "indirect" },
        "cue": q.cue,
        "text": q.text,
    });
    if let Some(via) = &q.via {
        v["via"] = json!(via);
    }
    v
}

/// Compares one expected quote with one found quote on the fields the expectation has.
fn same(expected: &Value, got: &Value) -> bool {
    ["speaker", "kind", "cue", "text", "speaker_text", "via"]
        .iter()
        .all(|k| match expected.get(k) {
            None => true,
            Some(e) => got.get(k).unwrap_or(&Value::Null) == e,
        })
}

fn articles() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/quotes");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("test_data/quotes exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

#[test]
fn quote_articles_match_their_expectations() {
    let update = std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1");
    let paths = articles();
    assert!(paths.len() >= 10, "ten test articles");
    let mut failures = Vec::new();
    for path in &paths {
        let src = std::fs::read_to_string(path).expect("article reads");
        let (text, entities) = parse_tagged(&src);
        let ctx = TextContext::new(&text, None);
        let quotes = find_quotes(&ctx, &entities);
        for q in &quotes {
            let slice: String = text.chars().skip(q.start).take(q.end - q.start).collect();
            assert_eq!(slice, q.text, "{}: offsets match the text", path.display());
        }
        let got: Vec<Value> = quotes.iter().map(as_json).collect();
        let exp_path = path.with_extension("json");
        if update {
            let s = serde_json::to_string_pretty(&got).expect("serialises");
            std::fs::write(&exp_path, s + "\n").expect("expectation writes");
            continue;
        }
        let exp: Vec<Value> =
            serde_json::from_str(&std::fs::read_to_string(&exp_path).expect("expectation reads"))
                .expect("expectation parses");
        let ok = exp.len() == got.len() && exp.iter().zip(&got).all(|(e, g)| same(e, g));
        if !ok {
            failures.push(format!(
                "{}\n  expected: {}\n  got:      {}",
                path.display(),
                serde_json::to_string(&exp).unwrap_or_default(),
                serde_json::to_string(&got).unwrap_or_default()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn tags_become_mentions_at_the_right_offsets() {
    let (text, ents) = parse_tagged("قال [[بوتين|person:putin]] إن [[روسيا|gpe:russia]] مستعدة.");
    assert_eq!(text, "قال بوتين إن روسيا مستعدة.");
    assert_eq!(ents.len(), 2);
    assert_eq!((ents[0].mentions[0].start, ents[0].mentions[0].end), (4, 9));
}
