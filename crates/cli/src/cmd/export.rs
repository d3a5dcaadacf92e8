//! `marsad export --format jsonl|csv|gkg|geojson|parquet`: the corpus in other formats.

use std::path::PathBuf;

use marsad_store::{ExportFormat, ExportOptions, Store};

/// Arguments of `marsad export`.
#[derive(clap::Args)]
pub struct Args {
    /// jsonl (marsad.document/1 per line), csv (articles), gkg (GDELT GKG 2.1-style TSV),
    /// geojson (places with mention counts) or parquet (articles; needs --out).
    #[arg(long, default_value = "jsonl")]
    format: String,
    /// Output file (default: standard output).
    #[arg(long, short)]
    out: Option<PathBuf>,
    #[command(flatten)]
    store: crate::util::StoreDir,
    /// Include duplicates and near duplicates.
    #[arg(long)]
    all: bool,
    /// Published on or after.
    #[arg(long)]
    from: Option<String>,
    /// Published on or before.
    #[arg(long)]
    to: Option<String>,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let format: ExportFormat = args.format.parse()?;
    let store = args.store.open()?;
    let out: Box<dyn std::io::Write + Send> = match &args.out {
        Some(p) => {
            Box::new(std::fs::File::create(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?)
        }
        None if format == ExportFormat::Parquet => anyhow::bail!("parquet needs --out FILE"),
        None => Box::new(std::io::stdout()),
    };
    let opts = ExportOptions {
        include_duplicates: args.all,
        from: args.from,
        to: args.to,
    };
    let n = store.export(format, &opts, out)?;
    if let Some(p) = &args.out {
        eprintln!("wrote {n} records to {}", p.display());
    }
    Ok(())
}
