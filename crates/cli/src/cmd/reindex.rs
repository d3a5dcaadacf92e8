//! `marsad reindex`: rebuilds the search index from the store.

use marsad_store::Store;

/// Arguments of `marsad reindex`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: crate::util::StoreDir,
    /// Print `{"indexed": N, "seconds": S}`.
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let store = args.store.open()?;
    let n = store.reindex()?;
    let secs = started.elapsed().as_secs_f64();
    if args.json {
        println!("{}", serde_json::json!({"indexed": n, "seconds": secs}));
    } else {
        println!("indexed {n} articles in {secs:.1} s");
    }
    Ok(())
}
