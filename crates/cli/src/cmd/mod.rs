//! One module per subcommand: each has `Args` (clap) and `run(Args)`.

pub mod analyze;
pub mod bench;
pub mod demo;
pub mod entity;
pub mod eval;
pub mod events;
pub mod export;
pub mod ingest;
pub mod quotes;
pub mod reindex;
pub mod search;
pub mod serve;
pub mod stats;
pub mod timeline;
pub mod train;
