//! Search latency over queries drawn from the corpus' own entities.
//!
//! `cargo run --release -p marsad-store --example search_latency -- [DATA_DIR] [N]`
//! runs N (default 200) searches: the Arabic and English names of the most mentioned
//! entities, alternately, plus some with an entity filter; prints p50/p90/p99 in ms.

use std::time::Instant;

use marsad_store::{EntityFilter, SearchQuery, SqliteStore, Store};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = SqliteStore::data_dir(args.next().as_deref().map(std::path::Path::new));
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(200);
    let store = SqliteStore::open(&dir)?;
    let ents = store.entities(&EntityFilter {
        limit: n,
        ..Default::default()
    })?;
    if ents.is_empty() {
        return Err("no entities in the store: ingest first".into());
    }
    let mut queries: Vec<SearchQuery> = Vec::with_capacity(n);
    for i in 0..n {
        let e = &ents[i % ents.len()];
        let mut q = SearchQuery {
            limit: 10,
            ..Default::default()
        };
        match i % 4 {
            0 | 1 => q.text = e.name_ar.clone(),
            2 => {
                q.text = if e.name_en.is_empty() {
                    e.name_ar.clone()
                } else {
                    e.name_en.clone()
                }
            }
            _ => {
                q.text = ents[(i * 7 + 1) % ents.len()].name_ar.clone();
                q.entity = Some(e.id.clone());
            }
        }
        queries.push(q);
    }
    // warm up the caches once
    for q in queries.iter().take(20) {
        store.search(q)?;
    }
    let mut times = Vec::with_capacity(n);
    let mut hits = 0u64;
    for q in &queries {
        let t = Instant::now();
        let r = store.search(q)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        hits += r.total;
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    println!(
        "{} queries over {}: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms, mean {:.2} ms, mean hits {:.0}",
        times.len(),
        dir.display(),
        pct(0.5),
        pct(0.9),
        pct(0.99),
        times.last().copied().unwrap_or(0.0),
        mean,
        hits as f64 / times.len() as f64
    );
    Ok(())
}
