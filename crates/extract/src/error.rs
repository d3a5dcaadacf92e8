//! Errors of the extraction stage (only data loading can fail).

/// A data file (knowledge base or lexicon) could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A line of a data file is malformed.
    #[error("{file}:{line}: {message}")]
    Data {
        /// File name.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}
