//! `marsad stats`: corpus counts.

use marsad_store::Store;

/// Arguments of `marsad stats`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: crate::util::StoreDir,
    /// Print JSON (`{"articles", "entities", "quotes", "events", …}`).
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let store = args.store.open()?;
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
