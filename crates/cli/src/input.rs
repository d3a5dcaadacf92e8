//! Reading command-line inputs: files or stdin, decoded, and JSONL split into records.

use anyhow::{Context, Result};
use std::io::Read;
use std::path::Path;

/// One text to analyse, with the metadata its input gave.
pub struct InputDoc {
    /// Where it came from (file path, `-`, or `path:line`).
    pub source: String,
    /// Id given by the input, if any.
    pub id: Option<String>,
    /// Title given by the input, if any.
    pub title: Option<String>,
    /// Published date given by the input, if any.
    pub published: Option<String>,
    /// The decoded text.
    pub text: String,
}

impl InputDoc {
    /// Analyses the document; `published` is the fallback anchor date when the input
    /// gave none.
    pub fn analyze(
        self,
        extractor: &marsad_extract::Extractor,
        published: &Option<String>,
        with_tokens: bool,
    ) -> marsad_extract::Document {
        let src = marsad_extract::Source {
            id: self.id,
            source: self.source,
            title: self.title,
            published: self.published.or_else(|| published.clone()),
            with_tokens,
        };
        extractor.analyze(&self.text, &src)
    }
}

/// Reads the raw bytes of a path, or stdin for `-`.
pub fn read_bytes(path: &str) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    if path == "-" {
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("reading standard input")?;
    } else {
        buf = std::fs::read(path).with_context(|| format!("reading {path}"))?;
    }
    Ok(buf)
}

/// Decodes bytes with the text layer, naming the file on error.
pub fn decode(path: &str, bytes: &[u8]) -> Result<String> {
    let decoded = marsad_text::decode(bytes, None).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
    Ok(decoded.text)
}

fn is_jsonl(path: &str, bytes: &[u8]) -> bool {
    let ext = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    let first = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    ext == "jsonl" || ext == "ndjson" || (path == "-" && first == Some(&b'{'))
}

/// Reads one input path into documents: one for a text file, one per line for JSONL.
///
/// A JSONL line that cannot be read (invalid UTF-8, e.g. a file cut in the middle of a
/// character, bad JSON, no text) is reported on stderr with its line number and
/// skipped: the other lines are still analysed. Only when no line is usable is it an
/// error.
pub fn read_docs(path: &str) -> Result<Vec<InputDoc>> {
    let bytes = read_bytes(path)?;
    if bytes.is_empty() {
        anyhow::bail!("{path}: empty input");
    }
    if !is_jsonl(path, &bytes) {
        let text = decode(path, &bytes)?;
        return Ok(vec![InputDoc {
            source: path.to_string(),
            id: None,
            title: None,
            published: None,
            text,
        }]);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut out = Vec::new();
    let mut skipped = 0usize;
    for (i, line) in body.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        match jsonl_doc(path, i + 1, line) {
            Ok(doc) => out.push(doc),
            Err(e) => {
                skipped += 1;
                eprintln!("warning: {e:#}; line skipped");
            }
        }
    }
    if out.is_empty() {
        anyhow::bail!("{path}: no readable JSONL line ({skipped} skipped)");
    }
    if skipped > 0 {
        eprintln!(
            "warning: {path}: {skipped} line(s) skipped, {} read",
            out.len()
        );
    }
    Ok(out)
}

/// One JSONL record: `text` (or `content`) required; `id`, `title`, `published` (or
/// `date_extracted`), `source` (or `url`) kept when present.
fn jsonl_doc(path: &str, line_no: usize, line: &[u8]) -> Result<InputDoc> {
    // The SIMD check first (several times faster on Arabic text); the standard one only
    // to say where a bad line goes wrong.
    let line = match simdutf8::basic::from_utf8(line) {
        Ok(line) => line,
        Err(_) => std::str::from_utf8(line).map_err(|e| {
            anyhow::anyhow!(
                "{path}:{line_no}: invalid UTF-8 at byte {} of the line",
                e.valid_up_to()
            )
        })?,
    };
    let v: serde_json::Value = serde_json::from_str(line)
        .with_context(|| format!("{path}:{line_no}: not a JSON object"))?;
    let get = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    let body = get("text")
        .or_else(|| get("content"))
        .with_context(|| format!("{path}:{line_no}: no \"text\" field"))?;
    Ok(InputDoc {
        source: get("source")
            .or_else(|| get("url"))
            .unwrap_or_else(|| format!("{path}:{line_no}")),
        id: get("id"),
        title: get("title"),
        published: get("published")
            .or_else(|| get("date_extracted"))
            .map(|d| d.chars().take(10).collect()),
        text: body,
    })
}
