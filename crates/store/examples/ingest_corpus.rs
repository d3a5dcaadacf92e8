//! Ingest benchmark without the CLI:
//! `cargo run --release -p marsad-store --example ingest_corpus -- DATA_DIR PATH…`
//! prints the ingest summary as JSON and the store/index sizes.

use marsad_store::{IngestOptions, SqliteStore, Store};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: ingest_corpus DATA_DIR PATH…")?;
    let paths: Vec<std::path::PathBuf> = args.map(Into::into).collect();
    let store = SqliteStore::open(&dir)?;
    let s = store.ingest(&paths, &IngestOptions::default())?;
    println!("{}", serde_json::to_string_pretty(&s)?);
    println!("{}", serde_json::to_string_pretty(&store.stats()?)?);
    Ok(())
}
