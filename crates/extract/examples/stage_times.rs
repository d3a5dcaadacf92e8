//! Per-stage timing of the extraction pipeline over a JSONL file of news
//! (`text`/`content` and `published`/`date_extracted` fields), and a dump of the
//! output to check that a speed change keeps it byte-identical.
//!
//! ```text
//! cargo run --release -p marsad-extract --example stage_times -- time FILE.jsonl [PASSES]
//! cargo run --release -p marsad-extract --example stage_times -- dump FILE.jsonl > out.jsonl
//! ```
//!
//! `time` prints the seconds spent in each stage (CPU time of this thread) and
//! the thread's CPU seconds over all stages.

use std::io::Write;

use marsad_extract::{
    entities, events, ner, quantity, quotes, time, Extractor, Source, TextContext,
};

/// CPU time of this thread, in seconds.
fn thread_cpu() -> f64 {
    cpu_time::ThreadTime::now().as_duration().as_secs_f64()
}

struct Doc {
    text: String,
    published: Option<String>,
}

fn read(path: &str) -> Vec<Doc> {
    let raw = std::fs::read_to_string(path).unwrap_or_default();
    raw.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            let get = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
            Some(Doc {
                text: get("text").or_else(|| get("content"))?,
                published: get("published")
                    .or_else(|| get("date_extracted"))
                    .map(|d| d.chars().take(10).collect()),
            })
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mode), Some(path)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: stage_times time|dump FILE.jsonl [PASSES]");
        std::process::exit(2);
    };
    let docs = read(path);
    let ex = match Extractor::bundled() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    if mode == "dump" {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for d in &docs {
            let src = Source {
                published: d.published.clone(),
                ..Source::default()
            };
            let doc = ex.analyze(&d.text, &src);
            let _ = serde_json::to_writer(&mut out, &doc);
            let _ = writeln!(out);
        }
        return;
    }
    let passes: usize = args.get(3).and_then(|p| p.parse().ok()).unwrap_or(1);
    let names = [
        "text",
        "entities",
        "ner_unk",
        "times",
        "quantities",
        "quotes",
        "events",
    ];
    let mut secs = [0f64; 7];
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum::<usize>() * passes;
    let cpu0 = thread_cpu();
    let mut check = 0usize;
    for _ in 0..passes {
        for d in &docs {
            let mut lap = thread_cpu();
            let mut tick = |k: usize| {
                let now = thread_cpu();
                secs[k] += now - lap;
                lap = now;
            };
            let ctx = TextContext::new(&d.text, d.published.as_deref());
            tick(0);
            let mut ents = entities::find_entities(&ctx, ex.kb());
            tick(1);
            ner::unknown::add_unknown_names(&ctx, ex.kb(), &mut ents);
            tick(2);
            let times = time::find_times(&ctx);
            tick(3);
            let qs = quantity::find_quantities(&ctx);
            tick(4);
            let quotes = quotes::find_quotes(&ctx, &ents);
            tick(5);
            let evs = events::find_events(&ctx, &ents, &quotes, &times);
            tick(6);
            check += ents.len() + times.len() + qs.len() + quotes.len() + evs.len();
        }
    }
    let cpu = Some(thread_cpu() - cpu0);
    let total: f64 = secs.iter().sum();
    for (n, s) in names.iter().zip(secs) {
        println!("{n:>11} {s:8.3} s {:5.1}%", 100.0 * s / total);
    }
    let mine: f64 = secs[1] + secs[3] + secs[4] + secs[5] + secs[6];
    println!("       mine {mine:8.3} s (entities+times+quantities+quotes+events)");
    println!(
        "      total {total:8.3} s, {:.2} MB/s",
        bytes as f64 / 1e6 / total
    );
    if let Some(c) = cpu {
        println!(
            "  cpu total {c:8.3} s, {:.2} MB/s (check {check})",
            bytes as f64 / 1e6 / c
        );
    }
}
