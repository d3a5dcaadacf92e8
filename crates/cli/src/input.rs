//! Reading command-line inputs: files or stdin, decoded, and JSONL split into records.

use anyhow::{Context, Result};
use std::io::Read;
use std::path::Path;

/// One text to analyse, with the metadata its input gave.
#[derive(Debug)]
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
    let mut docs = Docs::open(path)?;
    let out: Vec<InputDoc> = docs.by_ref().collect::<Result<_>>()?;
    docs.finish()?;
    Ok(out)
}

/// The documents of one input path, read as they are asked for: a JSONL file is read
/// line by line (never held whole in memory), a text file as one document.
///
/// Lines that cannot be read are reported on stderr and skipped, as [`read_docs`]
/// says; call [`Docs::finish`] at the end for the summary and the "nothing readable"
/// error.
pub struct Docs {
    path: String,
    source: Source,
    line: Vec<u8>,
    line_no: usize,
    read: usize,
    skipped: usize,
}

/// Where the documents of a [`Docs`] come from.
enum Source {
    /// A whole (non-JSONL) document, until taken.
    Single(Option<InputDoc>),
    /// JSONL lines still to read.
    Lines(Box<dyn std::io::BufRead>),
}

impl Docs {
    /// Opens a path (`-` is stdin). JSONL is recognised by the extension (`.jsonl`,
    /// `.ndjson`), or on stdin by a first `{`.
    pub fn open(path: &str) -> Result<Docs> {
        let source = if path != "-" && is_jsonl(path, b"") {
            let file = std::fs::File::open(path).with_context(|| format!("reading {path}"))?;
            let empty = file.metadata().map(|m| m.len() == 0).unwrap_or(false);
            if empty {
                anyhow::bail!("{path}: empty input");
            }
            Source::Lines(Box::new(std::io::BufReader::with_capacity(1 << 20, file)))
        } else {
            let bytes = read_bytes(path)?;
            if bytes.is_empty() {
                anyhow::bail!("{path}: empty input");
            }
            if is_jsonl(path, &bytes) {
                Source::Lines(Box::new(std::io::Cursor::new(bytes)))
            } else {
                Source::Single(Some(InputDoc {
                    source: path.to_string(),
                    id: None,
                    title: None,
                    published: None,
                    text: decode(path, &bytes)?,
                }))
            }
        };
        Ok(Docs {
            path: path.to_string(),
            source,
            line: Vec::new(),
            line_no: 0,
            read: 0,
            skipped: 0,
        })
    }

    /// True for a whole (non-JSONL) document: one text file, or text on stdin.
    pub fn is_single(&self) -> bool {
        matches!(self.source, Source::Single(_))
    }

    /// Ends the reading: a warning with the count of skipped lines, or an error when no
    /// line was usable.
    pub fn finish(self) -> Result<()> {
        let path = &self.path;
        if self.read == 0 {
            anyhow::bail!("{path}: no readable JSONL line ({} skipped)", self.skipped);
        }
        if self.skipped > 0 {
            eprintln!(
                "warning: {path}: {} line(s) skipped, {} read",
                self.skipped, self.read
            );
        }
        Ok(())
    }
}

impl Iterator for Docs {
    type Item = Result<InputDoc>;

    fn next(&mut self) -> Option<Result<InputDoc>> {
        let input = match &mut self.source {
            Source::Single(doc) => {
                let doc = doc.take()?;
                self.read += 1;
                return Some(Ok(doc));
            }
            Source::Lines(input) => input,
        };
        loop {
            self.line.clear();
            match input.read_until(b'\n', &mut self.line) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    return Some(Err(anyhow::Error::new(e).context(format!(
                        "{}: reading line {}",
                        self.path,
                        self.line_no + 1
                    ))))
                }
            }
            self.line_no += 1;
            let mut line = self.line.as_slice();
            if self.line_no == 1 {
                line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
            }
            let line = line.strip_suffix(b"\n").unwrap_or(line);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            match jsonl_doc(&self.path, self.line_no, line) {
                Ok(doc) => {
                    self.read += 1;
                    return Some(Ok(doc));
                }
                Err(e) => {
                    self.skipped += 1;
                    eprintln!("warning: {e:#}; line skipped");
                }
            }
        }
    }
}

/// The fields of a JSONL record that [`jsonl_doc`] reads, borrowed from the line where
/// they hold no escapes. Any other field is ignored, and a field that is not a string
/// counts as absent.
///
/// Every field borrows from the line (`'de: 'a`), as `#[serde(borrow)]` on each would say.
#[derive(serde::Deserialize, Default)]
#[serde(default, bound(deserialize = "'de: 'a"))]
struct JsonlFields<'a> {
    text: TextField<'a>,
    content: TextField<'a>,
    id: TextField<'a>,
    title: TextField<'a>,
    published: TextField<'a>,
    date_extracted: TextField<'a>,
    source: TextField<'a>,
    url: TextField<'a>,
}

/// A JSON value kept only when it is a string.
#[derive(Default)]
struct TextField<'a>(Option<std::borrow::Cow<'a, str>>);

impl<'a> TextField<'a> {
    fn or(self, other: TextField<'a>) -> TextField<'a> {
        if self.0.is_some() {
            self
        } else {
            other
        }
    }

    fn owned(self) -> Option<String> {
        self.0.map(std::borrow::Cow::into_owned)
    }
}

impl<'de: 'a, 'a> serde::Deserialize<'de> for TextField<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = TextField<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(TextField(Some(std::borrow::Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(TextField(Some(std::borrow::Cow::Owned(v.to_string()))))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(TextField(Some(std::borrow::Cow::Owned(v))))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(TextField(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(TextField(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(TextField(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(TextField(None))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(TextField(None))
            }
            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(TextField(None))
            }
            fn visit_some<D: serde::Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Self::Value, D::Error> {
                d.deserialize_any(Visit)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(TextField(None))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(TextField(None))
            }
        }
        d.deserialize_any(Visit)
    }
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
    // The borrowed fields first; a record they cannot read (not an object, a field
    // given twice) goes through a whole JSON value, which also words the error.
    let fields = match serde_json::from_str::<JsonlFields>(line) {
        Ok(f) => f,
        Err(_) => fields_of_value(path, line_no, line)?,
    };
    let body = fields
        .text
        .or(fields.content)
        .owned()
        .with_context(|| format!("{path}:{line_no}: no \"text\" field"))?;
    Ok(InputDoc {
        source: fields
            .source
            .or(fields.url)
            .owned()
            .unwrap_or_else(|| format!("{path}:{line_no}")),
        id: fields.id.owned(),
        title: fields.title.owned(),
        published: fields
            .published
            .or(fields.date_extracted)
            .0
            .map(|d| d.chars().take(10).collect()),
        text: body,
    })
}

/// The fields of a record read through a [`serde_json::Value`]: the slow path, for
/// records the borrowed reader refuses. The last of repeated keys wins.
fn fields_of_value(path: &str, line_no: usize, line: &str) -> Result<JsonlFields<'static>> {
    let v: serde_json::Value = serde_json::from_str(line)
        .with_context(|| format!("{path}:{line_no}: not a JSON object"))?;
    let get = |k: &str| {
        TextField(
            v.get(k)
                .and_then(|x| x.as_str())
                .map(|s| std::borrow::Cow::Owned(s.to_string())),
        )
    };
    Ok(JsonlFields {
        text: get("text"),
        content: get("content"),
        id: get("id"),
        title: get("title"),
        published: get("published"),
        date_extracted: get("date_extracted"),
        source: get("source"),
        url: get("url"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields a record gives, as plain strings.
    fn fields(f: JsonlFields) -> [Option<String>; 8] {
        [
            f.text.owned(),
            f.content.owned(),
            f.id.owned(),
            f.title.owned(),
            f.published.owned(),
            f.date_extracted.owned(),
            f.source.owned(),
            f.url.owned(),
        ]
    }

    #[test]
    fn borrowed_fields_agree_with_the_json_value_reading() {
        let lines = [
            r#"{"id":"a1","text":"زار الوزير دمشق","title":"عنوان"}"#,
            r#"{"id":7,"content":"نص \"مقتبس\"\nوسطر","published":"2026-01-29T10:00"}"#,
            r#"{"text":null,"content":"بديل","source":["x"],"url":"https://e.example/1"}"#,
            r#"{"text":"a\u0628c","date_extracted":"2015-05-01 12:00","extra":{"text":"no"}}"#,
            r#"{"title":true,"text":"","id":{"nested":"x"},"source":1.5}"#,
        ];
        for line in lines {
            let fast = serde_json::from_str::<JsonlFields>(line).expect("borrowed reading");
            let slow = fields_of_value("f", 1, line).expect("value reading");
            assert_eq!(fields(fast), fields(slow), "{line}");
        }
    }

    #[test]
    fn a_field_without_escapes_is_borrowed_from_the_line() {
        let line = r#"{"text":"زار الوزير دمشق","title":"قال \"نعم\""}"#;
        let f = serde_json::from_str::<JsonlFields>(line).expect("fields");
        assert!(matches!(f.text.0, Some(std::borrow::Cow::Borrowed(_))));
        // An escape makes the reader build the string: it cannot point into the line.
        assert!(matches!(f.title.0, Some(std::borrow::Cow::Owned(_))));
    }

    #[test]
    fn records_the_borrowed_reader_refuses_still_read_like_before() {
        // A repeated key: the last one wins, as with a JSON value.
        let doc = jsonl_doc("f.jsonl", 3, br#"{"text":"first","text":"second"}"#).expect("doc");
        assert_eq!(doc.text, "second");
        assert_eq!(doc.source, "f.jsonl:3");
        let err = jsonl_doc("f.jsonl", 4, b"[1,2]").expect_err("no object");
        assert!(format!("{err:#}").contains("f.jsonl:4: no \"text\" field"));
        let err = jsonl_doc("f.jsonl", 5, b"{nope").expect_err("bad JSON");
        assert!(format!("{err:#}").contains("f.jsonl:5: not a JSON object"));
    }

    #[test]
    fn a_jsonl_stream_skips_bad_lines_and_counts_them() {
        let dir = std::env::temp_dir().join(format!("marsad-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("s.jsonl");
        let body =
            "\u{feff}{\"id\":\"a\",\"text\":\"x\"}\r\n\n  \n{bad\n{\"id\":\"b\",\"text\":\"y\"}";
        std::fs::write(&path, body).expect("write");
        let path = path.to_string_lossy().to_string();
        let mut docs = Docs::open(&path).expect("open");
        assert!(!docs.is_single());
        let got: Vec<(Option<String>, String)> = docs
            .by_ref()
            .map(|d| d.map(|d| (d.id, d.source)))
            .collect::<Result<_>>()
            .expect("read");
        assert_eq!(
            got,
            [
                (Some("a".to_string()), format!("{path}:1")),
                (Some("b".to_string()), format!("{path}:5")),
            ]
        );
        assert_eq!((docs.read, docs.skipped), (2, 1));
        docs.finish().expect("two lines were read");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
