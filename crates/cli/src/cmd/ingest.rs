//! `marsad ingest PATH…`: files, folders (recursive), feeds, JSONL, HTML, `.gz`, or `-`
//! (stdin) into the corpus store.

use std::path::PathBuf;

use marsad_store::{IngestOptions, ReadOptions, Store};

/// Arguments of `marsad ingest`.
#[derive(clap::Args)]
pub struct Args {
    /// Files, folders (walked recursively) or `-` for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    store: crate::util::StoreDir,
    /// Articles per transaction.
    #[arg(long, default_value_t = 500)]
    batch: usize,
    /// Longest JSONL line / largest single document, bytes; longer ones are skipped.
    #[arg(long, default_value_t = 32 << 20)]
    max_record_bytes: usize,
    /// Analysis threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
    /// Print the summary as JSON on stdout.
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let store = args.store.open()?;
    let opts = IngestOptions {
        read: ReadOptions {
            max_record_bytes: args.max_record_bytes,
        },
        batch_size: args.batch,
        progress_bar: !args.quiet,
        threads: args.threads,
        ..Default::default()
    };
    let s = store.ingest(&args.paths, &opts)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(());
    }
    eprintln!(
        "read {} in {:.1} s ({:.0} articles/s, {:.2} MB/s): {} new, {} duplicate, {} near-duplicate, {} already stored, {} failed",
        s.read, s.seconds, s.articles_per_sec, s.mb_per_sec, s.new, s.duplicates, s.near_duplicates, s.already_stored, s.failed
    );
    for f in &s.failures {
        eprintln!("  skipped {}: {}", f.source, f.reason);
    }
    if s.failed as usize > s.failures.len() {
        eprintln!("  … and {} more", s.failed as usize - s.failures.len());
    }
    eprintln!("data: {}", store.dir().display());
    Ok(())
}
