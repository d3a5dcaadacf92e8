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

fn is_jsonl(path: &str, text: &str) -> bool {
    let ext = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    ext == "jsonl" || ext == "ndjson" || (path == "-" && text.trim_start().starts_with('{'))
}

/// Reads one input path into documents: one for a text file, one per line for JSONL.
pub fn read_docs(path: &str) -> Result<Vec<InputDoc>> {
    let bytes = read_bytes(path)?;
    if bytes.is_empty() {
        anyhow::bail!("{path}: empty input");
    }
    let text = decode(path, &bytes)?;
    if !is_jsonl(path, &text) {
        return Ok(vec![InputDoc {
            source: path.to_string(),
            id: None,
            title: None,
            published: None,
            text,
        }]);
    }
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{path}:{}: not a JSON object", i + 1))?;
        let get = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let body = get("text")
            .or_else(|| get("content"))
            .with_context(|| format!("{path}:{}: no \"text\" field", i + 1))?;
        out.push(InputDoc {
            source: get("source")
                .or_else(|| get("url"))
                .unwrap_or_else(|| format!("{path}:{}", i + 1)),
            id: get("id"),
            title: get("title"),
            published: get("published")
                .or_else(|| get("date_extracted"))
                .map(|d| d.chars().take(10).collect()),
            text: body,
        });
    }
    Ok(out)
}
