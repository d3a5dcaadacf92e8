//! marsad's HTTP API and web UI.
//!
//! [`router`] builds the whole application over a [`Corpus`] (the store, or the
//! in-memory [`MemoryCorpus`] in tests) and an [`Extractor`](marsad_extract::Extractor):
//!
//! - pages `/`, `/article/{id}`, `/entity/{id}`, `/map`, `/timeline` — fixed HTML shells
//!   whose script (`assets/app.js`) fetches the API and builds the DOM with `textContent`;
//! - JSON under `/api/` (described by `/api/openapi.json`), errors as
//!   `{"error": "...", "status": N}` mapped in one place ([`ApiError`]);
//! - assets embedded in the binary, served by exact name.
//!
//! [`run_blocking`] opens the store in a data directory and serves until interrupted.
//!
//! ```no_run
//! let config = marsad_serve::Config::new("marsad-data");
//! marsad_serve::run_blocking(config).expect("served");
//! ```
#![deny(missing_docs)]

mod assets;
pub mod corpus;
mod error;
pub mod memory;
mod pages;
mod routes;
pub mod store;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

pub use corpus::Corpus;
pub use error::{ApiError, Error};
pub use memory::MemoryCorpus;
pub use routes::{router, AppState, MAX_BODY_BYTES, MAX_QUERY_BYTES};
pub use store::StoreCorpus;

/// The OpenAPI 3 document describing `/api/`.
pub const OPENAPI_JSON: &str = include_str!("../assets/openapi.json");

/// How to serve.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store's data directory.
    pub data: PathBuf,
    /// Address to bind (loopback by default).
    pub host: IpAddr,
    /// Port to bind; 0 picks a free one (printed on start).
    pub port: u16,
    /// Enables `POST /api/ingest`.
    pub allow_ingest: bool,
}

impl Config {
    /// Serves `data` on 127.0.0.1:8080, read-only.
    pub fn new(data: impl Into<PathBuf>) -> Config {
        Config {
            data: data.into(),
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 8080,
            allow_ingest: false,
        }
    }
}

/// Builds the application state: loads the bundled extractor and opens the store.
pub fn state(config: &Config) -> Result<AppState, Error> {
    let extractor = Arc::new(marsad_extract::Extractor::bundled()?);
    let corpus = store::open(&config.data, config.allow_ingest, Arc::clone(&extractor))?;
    Ok(AppState {
        corpus: Arc::new(corpus),
        extractor,
        allow_ingest: config.allow_ingest,
    })
}

/// Serves until Ctrl-C or SIGTERM, on a runtime of its own. Prints the address bound
/// (`marsad: serving on http://HOST:PORT/`) on standard output.
pub fn run_blocking(config: Config) -> Result<(), Error> {
    let state = state(&config)?;
    // The first request to analyse a text does not wait for the lexicons to load.
    state.extractor.prepare();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let addr = SocketAddr::new(config.host, config.port);
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let bound = listener.local_addr()?;
        println!("marsad: serving on http://{bound}/");
        if !bound.ip().is_loopback() {
            eprintln!("marsad: warning: listening on a non-loopback address ({bound})");
        }
        axum::serve(listener, router(state))
            .with_graceful_shutdown(shutdown())
            .await?;
        Ok(())
    })
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
