//! Throughput of the whole extraction pipeline on one core, without building the CLI
//! (the same work as `marsad bench analyze`):
//! `cargo run --release -p marsad-extract --example bench_pipeline -- FILE.jsonl`.
//! FILE holds one JSON object per line with a `text` (or `content`) field and an
//! optional `published`; unreadable lines are skipped and counted.

use std::time::Instant;

/// CPU time of this thread in seconds.
fn cpu_seconds() -> f64 {
    cpu_time::ThreadTime::now().as_duration().as_secs_f64()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: bench_pipeline FILE.jsonl")?;
    let raw = std::fs::read_to_string(&path)?;
    let mut docs = Vec::new();
    let mut skipped = 0usize;
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            skipped += 1;
            continue;
        };
        let text = v
            .get("text")
            .or_else(|| v.get("content"))
            .and_then(|t| t.as_str())
            .unwrap_or_default()
            .to_string();
        let published = v
            .get("published")
            .or_else(|| v.get("date_extracted"))
            .and_then(|t| t.as_str())
            .map(|d| d.chars().take(10).collect::<String>());
        docs.push((text, published));
    }
    let extractor = marsad_extract::Extractor::bundled()?;
    // Load the lazily built tables before timing.
    extractor.analyze("قال الرئيس في دمشق يوم 3 يناير 2026.", &Default::default());
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let words: usize = docs.iter().map(|d| d.0.split_whitespace().count()).sum();
    let (mut entities, mut events) = (0usize, 0usize);
    let start = Instant::now();
    let cpu0 = cpu_seconds();
    for (text, published) in &docs {
        let src = marsad_extract::Source {
            published: published.clone(),
            ..Default::default()
        };
        let doc = extractor.analyze(text, &src);
        entities += doc.entities.len();
        events += doc.events.len();
    }
    let cpu = cpu_seconds() - cpu0;
    let wall = start.elapsed().as_secs_f64();
    println!(
        "{{\"docs\":{},\"skipped\":{skipped},\"bytes\":{bytes},\"words\":{words},\"cpu_seconds\":{cpu:.3},\"wall_seconds\":{wall:.3},\"cpu_mb_per_s\":{:.2},\"cpu_words_per_s\":{:.0},\"entities\":{entities},\"events\":{events}}}",
        docs.len(),
        bytes as f64 / 1e6 / cpu.max(1e-9),
        words as f64 / cpu.max(1e-9),
    );
    Ok(())
}
