//! `marsad stats`: corpus counts.

use std::path::PathBuf;

use marsad_store::{SqliteStore, Store};

/// Arguments of `marsad stats`.
#[derive(clap::Args)]
pub struct Args {
    /// Data folder (default: $MARSAD_DATA, else ./marsad-data).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Print JSON (`{"articles", "entities", "quotes", "events", …}`).
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let store = SqliteStore::open(SqliteStore::data_dir(args.data.as_deref()))?;
    let s = store.stats()?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(());
    }
    let mb = |b: u64| format!("{:.1} MB", b as f64 / 1e6);
    let rows = [
        ("articles", s.articles.to_string()),
        ("unique articles", s.unique_articles.to_string()),
        ("near duplicates", s.near_duplicates.to_string()),
        ("exact duplicates", s.duplicates.to_string()),
        ("sources", s.sources.to_string()),
        ("entities", s.entities.to_string()),
        ("mentions", s.mentions.to_string()),
        ("quotes", s.quotes.to_string()),
        ("events", s.events.to_string()),
        (
            "published",
            format!(
                "{} – {}",
                s.first_published.as_deref().unwrap_or("?"),
                s.last_published.as_deref().unwrap_or("?")
            ),
        ),
        ("indexed", s.indexed.to_string()),
        ("database", mb(s.db_bytes)),
        ("index", mb(s.index_bytes)),
    ];
    for (k, v) in rows {
        println!("{k:<17} {v}");
    }
    Ok(())
}
