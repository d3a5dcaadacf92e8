//! `marsad serve`: the HTTP API and web UI over a corpus store.

use std::net::IpAddr;
use std::path::PathBuf;

/// Arguments of `marsad serve`.
#[derive(clap::Args)]
pub struct Args {
    /// Data directory of the corpus store (default: $MARSAD_DATA, else ./marsad-data).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Address to bind. The default, 127.0.0.1, keeps the server private to this machine.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Port to listen on; 0 picks a free port (the address is printed on start).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Enable `POST /api/ingest` (the server is read-only otherwise).
    #[arg(long)]
    allow_ingest: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let config = marsad_serve::Config {
        data: args
            .data
            .or_else(|| std::env::var_os("MARSAD_DATA").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("marsad-data")),
        host: args.host,
        port: args.port,
        allow_ingest: args.allow_ingest,
    };
    marsad_serve::run_blocking(config)?;
    Ok(())
}
