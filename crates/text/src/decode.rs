//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1256, ISO-8859-6.
//!
//! Order of decisions:
//! 1. a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE);
//! 2. NUL bytes (or mostly control bytes) mean binary data: [`DecodeError::Binary`];
//! 3. valid UTF-8 is read as UTF-8, whatever the hint says (Arabic in a legacy
//!    encoding is practically never valid UTF-8);
//! 4. a `hint` naming a legacy Arabic encoding (`windows-1256`, `iso-8859-6`,
//!    `cp1256`, …) is used, and malformed bytes in it are an error with their offset;
//! 5. otherwise Windows-1256 and ISO-8859-6 are tried, and the one whose non-ASCII
//!    characters are mostly Arabic letters wins; failing that, another single-byte
//!    encoding named by the hint (`windows-1252`) is used; if nothing fits, the input
//!    is [`DecodeError::Invalid`] at the first invalid UTF-8 byte.

use encoding_rs::{DecoderResult, Encoding, ISO_8859_6, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1256};

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

/// Decodes `bytes` (after any BOM) with `enc`, failing at the first malformed sequence.
/// `base` is added to reported offsets.
fn decode_strict(enc: &'static Encoding, bytes: &[u8], base: usize) -> Result<String, DecodeError> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3 + 16);
    let mut out = String::with_capacity(cap);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        DecoderResult::InputEmpty => Ok(out),
        DecoderResult::Malformed(bad, _) => Err(DecodeError::Invalid {
            offset: base + read.saturating_sub(bad as usize),
        }),
        DecoderResult::OutputFull => {
            // Capacity was computed up front; fall back to the replacing decoder.
            let (cow, _) = enc.decode_without_bom_handling(bytes);
            Ok(cow.into_owned())
        }
    }
}

fn check_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    if let Some(i) = memchr::memchr(0, bytes) {
        return Err(DecodeError::Binary { offset: i });
    }
    let is_ctl = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | 0x1B);
    // Branch-free count (vectorises): a control byte is below 0x20 and not one of the
    // six allowed ones.
    let ctl: usize = bytes
        .chunks(1 << 16)
        .map(|chunk| {
            chunk
                .iter()
                .map(|&b| {
                    u32::from(
                        (b < 0x20)
                            & (b != b'\t')
                            & (b != b'\n')
                            & (b != b'\r')
                            & (b != 0x0B)
                            & (b != 0x0C)
                            & (b != 0x1B),
                    )
                })
                .sum::<u32>() as usize
        })
        .sum();
    if ctl > 0 && ctl * 20 > bytes.len() {
        let first = bytes.iter().position(|&b| is_ctl(b)).unwrap_or(0);
        return Err(DecodeError::Binary { offset: first });
    }
    Ok(())
}

/// Share of non-ASCII characters that are Arabic letters, marks or digits (0..=1), and
/// the number of Arabic letters.
fn arabic_share(s: &str) -> (f64, usize) {
    let (mut non_ascii, mut arabic) = (0usize, 0usize);
    for c in s.chars() {
        if c.is_ascii() {
            continue;
        }
        non_ascii += 1;
        if ('\u{0600}'..='\u{06FF}').contains(&c) {
            arabic += 1;
        }
    }
    if non_ascii == 0 {
        (0.0, 0)
    } else {
        (arabic as f64 / non_ascii as f64, arabic)
    }
}

/// Decodes bytes. `hint` is a charset label (from HTML meta or HTTP), if any.
pub fn decode(bytes: &[u8], hint: Option<&str>) -> Result<Decoded, DecodeError> {
    // 1. BOMs.
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let text = decode_strict(enc, &bytes[bom_len..], bom_len)?;
        if text.contains('\0') {
            return Err(DecodeError::Binary { offset: bom_len });
        }
        return Ok(Decoded {
            text,
            encoding: enc.name(),
        });
    }
    // 2. Binary.
    check_binary(bytes)?;
    // 3. UTF-8.
    // SIMD validation (simdutf8); its error gives the same `valid_up_to` as std's.
    let utf8_err = match simdutf8::compat::from_utf8(bytes) {
        Ok(s) => {
            return Ok(Decoded {
                text: s.to_string(),
                encoding: UTF_8.name(),
            })
        }
        Err(e) => e.valid_up_to(),
    };
    // 4./5. Hint, or a guess among the legacy Arabic encodings.
    let hinted = hint
        .and_then(|h| Encoding::for_label(h.trim().as_bytes()))
        .filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE && e.is_single_byte());
    if let Some(enc) = hinted.filter(|e| *e == WINDOWS_1256 || *e == ISO_8859_6) {
        let text = decode_strict(enc, bytes, 0)?;
        return Ok(Decoded {
            text,
            encoding: enc.name(),
        });
    }
    let mut best: Option<(f64, String, &'static str)> = None;
    for enc in [WINDOWS_1256, ISO_8859_6] {
        if let Ok(text) = decode_strict(enc, bytes, 0) {
            let (share, letters) = arabic_share(&text);
            if letters >= 2 && share >= 0.8 && best.as_ref().is_none_or(|b| share > b.0) {
                best = Some((share, text, enc.name()));
            }
        }
    }
    // A non-Arabic legacy hint (often a wrong `iso-8859-1` label) is used only when
    // the bytes do not read as Arabic.
    if let (None, Some(enc)) = (&best, hinted) {
        let text = decode_strict(enc, bytes, 0)?;
        return Ok(Decoded {
            text,
            encoding: enc.name(),
        });
    }
    match best {
        Some((_, text, encoding)) => Ok(Decoded { text, encoding }),
        None => Err(DecodeError::Invalid { offset: utf8_err }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "قال الرئيس إن الاجتماع كان مثمرا، وإن الحوار سيستمر.";

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode(SAMPLE.as_bytes(), None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "UTF-8"));
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(decode(&b, None).unwrap().text, SAMPLE);
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in SAMPLE.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le, None).unwrap().text, SAMPLE);
        assert_eq!(decode(&be, None).unwrap().encoding, "UTF-16BE");
        // A lone surrogate is an error with its offset.
        le.extend_from_slice(&0xD800u16.to_le_bytes());
        le.extend_from_slice(&0x0041u16.to_le_bytes());
        assert!(matches!(
            decode(&le, None),
            Err(DecodeError::Invalid { .. })
        ));
    }

    #[test]
    fn legacy_detected_without_hint() {
        let (b, _, _) = WINDOWS_1256.encode(SAMPLE);
        let d = decode(&b, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "windows-1256"));
        let (b, _, _) = ISO_8859_6.encode(SAMPLE);
        let d = decode(&b, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "ISO-8859-6"));
    }

    #[test]
    fn legacy_from_hint() {
        let (b, _, _) = WINDOWS_1256.encode(SAMPLE);
        assert_eq!(decode(&b, Some("cp1256")).unwrap().text, SAMPLE);
        // A wrong Western label does not garble Arabic.
        assert_eq!(
            decode(&b, Some("iso-8859-1")).unwrap().encoding,
            "windows-1256"
        );
        assert_eq!(decode(b"caf\xe9", Some("iso-8859-1")).unwrap().text, "café");
        // Valid UTF-8 wins over a wrong hint.
        assert_eq!(
            decode(SAMPLE.as_bytes(), Some("windows-1256"))
                .unwrap()
                .text,
            SAMPLE
        );
    }

    #[test]
    fn binary_and_invalid() {
        assert_eq!(
            decode(b"abc\0def", None),
            Err(DecodeError::Binary { offset: 3 })
        );
        // Invalid UTF-8 that is not plausible Arabic in any legacy encoding.
        assert_eq!(
            decode(b"hello \xff\xfe\xfd world", None),
            Err(DecodeError::Invalid { offset: 6 })
        );
        // ISO-8859-6 has unmapped bytes: an explicit hint reports where.
        assert_eq!(
            decode(b"ab\xa1cd", Some("iso-8859-6")),
            Err(DecodeError::Invalid { offset: 2 })
        );
        assert_eq!(decode(b"", None).unwrap().text, "");
    }
}
