//! `marsad demo`: the README's main job. Ingests the bundled demo corpus (six short
//! articles written for this repository, compiled into the binary) into a fresh store
//! and prints what marsad found: entities, quotes, events and a search.

use crate::util::clip;
use anyhow::{Context, Result};
use marsad_store::{
    EntityFilter, EventFilter, IngestOptions, QuoteFilter, SearchQuery, SqliteStore, Store,
};
use std::path::PathBuf;

/// The demo corpus, one JSON article per line.
const DEMO_CORPUS: &str = include_str!("../../../../demo/articles.jsonl");

/// Arguments of `marsad demo`.
#[derive(clap::Args)]
pub struct Args {
    /// Data folder for the demo store (emptied first).
    #[arg(long, default_value = "target/demo-data")]
    data: PathBuf,
    /// What to search for at the end.
    #[arg(long, default_value = "روسيا")]
    query: String,
}

/// Runs the command.
pub fn run(args: Args) -> Result<()> {
    if args.data.exists() {
        std::fs::remove_dir_all(&args.data)
            .with_context(|| format!("emptying {}", args.data.display()))?;
    }
    std::fs::create_dir_all(&args.data)
        .with_context(|| format!("creating {}", args.data.display()))?;
    let corpus = args.data.join("demo-articles.jsonl");
    std::fs::write(&corpus, DEMO_CORPUS)
        .with_context(|| format!("writing {}", corpus.display()))?;

    let store = SqliteStore::open(&args.data)?;
    let summary = store.ingest(&[corpus], &IngestOptions::default())?;
    println!(
        "Ingested {} demo articles into {} ({} failed) in {:.2}s\n",
        summary.new,
        args.data.display(),
        summary.failed,
        summary.seconds
    );
    let stats = store.stats()?;
    println!(
        "Corpus: {} articles, {} entities, {} quotes, {} events\n",
        stats.articles, stats.entities, stats.quotes, stats.events
    );

    println!("Most mentioned entities:");
    for e in store.entities(&EntityFilter {
        limit: 12,
        ..Default::default()
    })? {
        println!(
            "  {:<32} {:<6} {:<28} {:>3} mentions in {} articles",
            e.id, e.kind, e.name_en, e.mentions, e.articles
        );
    }

    println!("\nWho said what:");
    for q in store.quotes(&QuoteFilter {
        limit: 10,
        ..Default::default()
    })? {
        let who = q
            .speaker_en
            .clone()
            .or(q.speaker_text.clone())
            .unwrap_or_else(|| "(unattributed)".into());
        println!(
            "  {:<26} {:<10} {}",
            clip(&who, 26),
            q.cue,
            clip(&q.text, 60)
        );
    }

    println!("\nWhat happened:");
    for ev in store.events(&EventFilter {
        limit: 12,
        include_negated: true,
        include_hypothetical: true,
        ..Default::default()
    })? {
        println!(
            "  {:<10} {:<10} {:<8} {:<24} → {:<24} {}",
            ev.day.clone().unwrap_or_default(),
            ev.kind,
            ev.mode.clone().unwrap_or_default(),
            ev.actor_name.clone().unwrap_or_else(|| "?".into()),
            ev.target_name.clone().unwrap_or_else(|| "?".into()),
            ev.location_name.clone().unwrap_or_default()
        );
    }

    let hits = store.search(&SearchQuery {
        text: args.query.clone(),
        limit: 5,
        ..Default::default()
    })?;
    println!("\nSearch {:?}: {} articles", args.query, hits.total);
    for h in hits.hits {
        println!(
            "  {} {} — {}",
            h.id,
            h.title.unwrap_or_default(),
            clip(&h.fragment, 90)
        );
    }
    println!(
        "\nNext: `marsad serve --data {}` and open http://127.0.0.1:8080/",
        args.data.display()
    );
    Ok(())
}
