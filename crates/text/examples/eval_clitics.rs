//! Checks clitic segmentation against the span starts of a gold
//! `marsad.document/1` file: every entity mention and event trigger starts either at
//! the start of its word or right after the word's proclitics, so the base span of
//! that word should start where the gold span does:
//! `cargo run -p marsad-text --example eval_clitics -- GOLD.json`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: eval_clitics GOLD.json")?;
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let text = doc["text"].as_str().ok_or("no text")?;
    let analysis = marsad_text::analyze(text);
    let mut starts = Vec::new();
    for e in doc["entities"].as_array().into_iter().flatten() {
        for m in e["mentions"].as_array().into_iter().flatten() {
            starts.push((
                m["start"].as_u64().unwrap_or(0) as usize,
                m["text"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    for e in doc["events"].as_array().into_iter().flatten() {
        let t = &e["trigger"];
        starts.push((
            t["start"].as_u64().unwrap_or(0) as usize,
            t["text"].as_str().unwrap_or("").to_string(),
        ));
    }
    let (mut ok, mut total) = (0, 0);
    for (start, s) in &starts {
        let Some(tok) = analysis
            .tokens
            .iter()
            .find(|t| t.span.start <= *start && *start < t.span.end)
        else {
            continue;
        };
        if tok.kind != marsad_text::TokenKind::Word {
            continue;
        }
        total += 1;
        if tok.base_span.start == *start {
            ok += 1;
        } else {
            let word: String = text
                .chars()
                .skip(tok.span.start)
                .take(tok.span.len())
                .collect();
            println!(
                "differs: gold {s:?} in word {word:?} -> segments {:?}",
                tok.segments()
            );
        }
    }
    println!("base_span.start agrees with gold span start: {ok}/{total}");
    Ok(())
}
