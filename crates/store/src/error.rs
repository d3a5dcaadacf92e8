//! The store's error type.

/// Why a store operation failed. Bad input files are not errors: they are reported in
/// [`crate::IngestSummary::failures`] and skipped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite failed.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The search index failed.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// A filesystem operation failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A stored JSON value could not be read or written.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    /// The extractor could not be built.
    #[error("extractor: {0}")]
    Extract(String),
    /// A request was malformed (unknown export format, bad date, ...).
    #[error("{0}")]
    Invalid(String),
}

impl Error {
    /// An IO error with context.
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}

/// Result with the store's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
