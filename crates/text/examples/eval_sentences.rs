//! Compares sentence splitting with a gold `marsad.document/1` file:
//! `cargo run -p marsad-text --example eval_sentences -- GOLD.json`.
//! Prints precision and recall of sentence-end boundaries and of exact spans, and
//! lists the differences. Given a plain text file instead, prints its sentences.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: eval_sentences GOLD.json")?;
    let raw = std::fs::read_to_string(&path)?;
    if !path.ends_with(".json") {
        // Plain text: print one sentence per line.
        let tokens = marsad_text::tokenize(&raw);
        let chars: Vec<char> = raw.chars().collect();
        for s in marsad_text::split_sentences(&raw, &tokens) {
            println!("{}", chars[s.start..s.end].iter().collect::<String>());
        }
        return Ok(());
    }
    let doc: serde_json::Value = serde_json::from_str(&raw)?;
    let text = doc["text"].as_str().ok_or("no text")?;
    let gold: Vec<(usize, usize)> = doc["sentences"]
        .as_array()
        .ok_or("no sentences")?
        .iter()
        .filter_map(|s| Some((s["start"].as_u64()? as usize, s["end"].as_u64()? as usize)))
        .collect();
    let tokens = marsad_text::tokenize(text);
    let pred: Vec<(usize, usize)> = marsad_text::split_sentences(text, &tokens)
        .iter()
        .map(|s| (s.start, s.end))
        .collect();
    let ends = |v: &[(usize, usize)]| {
        v.iter()
            .map(|s| s.1)
            .collect::<std::collections::BTreeSet<_>>()
    };
    let (ge, pe) = (ends(&gold), ends(&pred));
    let hit = ge.intersection(&pe).count() as f64;
    let spans_hit = pred.iter().filter(|s| gold.contains(s)).count() as f64;
    println!(
        "gold={} pred={} boundary P={:.3} R={:.3} span P={:.3} R={:.3}",
        gold.len(),
        pred.len(),
        hit / pe.len().max(1) as f64,
        hit / ge.len().max(1) as f64,
        spans_hit / pred.len().max(1) as f64,
        spans_hit / gold.len().max(1) as f64
    );
    let chars: Vec<char> = text.chars().collect();
    let show = |s: &(usize, usize)| {
        chars[s.0.min(chars.len())..s.1.min(chars.len())]
            .iter()
            .collect::<String>()
    };
    for s in gold.iter().filter(|s| !pred.contains(s)) {
        println!("missed: {:?} {}", s, show(s));
    }
    for s in pred.iter().filter(|s| !gold.contains(s)) {
        println!("extra:  {:?} {}", s, show(s));
    }
    Ok(())
}
