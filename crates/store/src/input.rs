//! Reading ingest inputs into raw articles: files and folders (recursive), stdin (`-`),
//! plain text, HTML, RSS/Atom feeds, JSONL, each optionally gzip-compressed.
//!
//! Reading is streaming (a JSONL file is never held whole in memory) and never fails as
//! a whole: a file or line that cannot be read becomes a [`Failure`] record and reading
//! goes on.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::html;

/// An article as read from its input, before analysis.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawArticle {
    /// Id given by the input (JSONL `id`), if any.
    pub id: Option<String>,
    /// Source: outlet, feed, file path or `path:line`.
    pub source: String,
    /// URL, if the input gave one.
    pub url: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Publication date `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The text.
    pub text: String,
}

/// An input that could not be read, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Failure {
    /// File path, or `path:line`.
    pub source: String,
    /// Why it was skipped.
    pub reason: String,
}

/// One record of the input stream.
#[derive(Debug)]
pub struct Record {
    /// Input bytes this record accounts for (for MB/s).
    pub bytes: u64,
    /// The article, or why it could not be read.
    pub result: Result<RawArticle, Failure>,
}

/// Limits on what is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Longest JSONL line and largest single document (bytes, after decompression);
    /// longer ones are reported and skipped.
    pub max_record_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_record_bytes: 32 << 20,
        }
    }
}

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
    Feed,
    Jsonl,
}

fn kind_of_ext(ext: &str) -> Option<Kind> {
    Some(match ext.to_ascii_lowercase().as_str() {
        "txt" | "text" | "md" => Kind::Text,
        "html" | "htm" | "xhtml" => Kind::Html,
        "xml" | "rss" | "atom" => Kind::Feed,
        "jsonl" | "ndjson" | "json" => Kind::Jsonl,
        _ => return None,
    })
}

/// The kind by extension (looking through `.gz`) and whether it is gzipped.
fn kind_of_path(path: &Path) -> (Option<Kind>, bool) {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let lower = name.to_ascii_lowercase();
    let (inner, gz) = match lower.strip_suffix(".gz") {
        Some(i) => (i.to_string(), true),
        None => (lower, false),
    };
    let ext = inner.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    (kind_of_ext(ext), gz)
}

/// Guesses the kind from the first bytes.
fn sniff(head: &[u8]) -> Kind {
    let s = String::from_utf8_lossy(&head[..head.len().min(1024)]).to_ascii_lowercase();
    let t = s.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') {
        Kind::Jsonl
    } else if t.starts_with("<rss")
        || t.starts_with("<feed")
        || (t.starts_with("<?xml")
            && (t.contains("<rss") || t.contains("<feed") || t.contains("<rdf")))
    {
        Kind::Feed
    } else if t.starts_with('<') {
        Kind::Html
    } else {
        Kind::Text
    }
}

type BoxRead = Box<dyn Read + Send>;

/// Streams the records of a list of inputs.
pub struct Reader {
    pending: VecDeque<(PathBuf, bool)>,
    current: Option<Box<dyn Iterator<Item = Record> + Send>>,
    opts: ReadOptions,
}

impl Reader {
    /// A reader over paths (`-` is stdin; folders are walked recursively, in name order,
    /// taking files whose extension is known: txt, html, htm, xml, rss, atom, jsonl,
    /// ndjson, json, and these with `.gz`).
    pub fn new<I, P>(paths: I, opts: ReadOptions) -> Reader
    where
        I: IntoIterator<Item = P>,
        P: Into<PathBuf>,
    {
        Reader {
            pending: paths.into_iter().map(|p| (p.into(), true)).collect(),
            current: None,
            opts,
        }
    }

    /// Total size of the input files in bytes (folders walked), for a progress bar; stdin
    /// and compressed files count by their size on disk.
    pub fn total_bytes(paths: &[PathBuf]) -> u64 {
        let mut total = 0;
        let mut stack: Vec<PathBuf> = paths.to_vec();
        while let Some(p) = stack.pop() {
            if p.as_os_str() == "-" {
                continue;
            }
            match std::fs::metadata(&p) {
                Ok(m) if m.is_dir() => {
                    if let Ok(rd) = std::fs::read_dir(&p) {
                        stack.extend(rd.filter_map(|e| e.ok()).map(|e| e.path()));
                    }
                }
                Ok(m) => {
                    if kind_of_path(&p).0.is_some() || paths.contains(&p) {
                        total += m.len();
                    }
                }
                Err(_) => {}
            }
        }
        total
    }

    fn open(
        &mut self,
        path: PathBuf,
        explicit: bool,
    ) -> Option<Box<dyn Iterator<Item = Record> + Send>> {
        let label = path.display().to_string();
        let fail = |reason: String| -> Option<Box<dyn Iterator<Item = Record> + Send>> {
            Some(Box::new(std::iter::once(Record {
                bytes: 0,
                result: Err(Failure {
                    source: label.clone(),
                    reason,
                }),
            })))
        };
        if path.as_os_str() == "-" {
            let stdin: BoxRead = Box::new(std::io::stdin());
            return self.open_stream("-".into(), stdin, None);
        }
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => return fail(e.to_string()),
        };
        if meta.is_dir() {
            let mut entries: Vec<PathBuf> = match std::fs::read_dir(&path) {
                Ok(rd) => rd.filter_map(|e| e.ok()).map(|e| e.path()).collect(),
                Err(e) => return fail(e.to_string()),
            };
            entries.retain(|p| {
                !p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
            });
            entries.sort();
            // a folder's files are read only when their extension is known
            for e in entries.into_iter().rev() {
                self.pending.push_front((e, false));
            }
            return None;
        }
        let (kind, gz) = kind_of_path(&path);
        if kind.is_none() && !explicit {
            return None;
        }
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) => return fail(e.to_string()),
        };
        let raw: BoxRead = if gz {
            Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file)))
        } else {
            Box::new(file)
        };
        self.open_stream(label, raw, kind)
    }

    fn open_stream(
        &self,
        label: String,
        raw: BoxRead,
        kind: Option<Kind>,
    ) -> Option<Box<dyn Iterator<Item = Record> + Send>> {
        let mut buf = BufReader::with_capacity(1 << 16, raw);
        let kind = match kind {
            Some(k) => k,
            None => match buf.fill_buf() {
                Ok(head) => sniff(head),
                Err(e) => {
                    return Some(Box::new(std::iter::once(Record {
                        bytes: 0,
                        result: Err(Failure {
                            source: label,
                            reason: e.to_string(),
                        }),
                    })))
                }
            },
        };
        let limit = self.opts.max_record_bytes;
        if kind == Kind::Jsonl {
            return Some(Box::new(JsonlReader {
                label,
                input: buf,
                line_no: 0,
                limit,
                done: false,
            }));
        }
        Some(Box::new(read_whole(label, buf, kind, limit).into_iter()))
    }
}

/// Reads a whole non-JSONL document (text, HTML, feed) with the size limit.
fn read_whole(label: String, input: impl Read, kind: Kind, limit: usize) -> Vec<Record> {
    let mut bytes = Vec::new();
    let read = input.take(limit as u64 + 1).read_to_end(&mut bytes);
    let fail = |bytes: u64, reason: String| {
        vec![Record {
            bytes,
            result: Err(Failure {
                source: label.clone(),
                reason,
            }),
        }]
    };
    if let Err(e) = read {
        return fail(bytes.len() as u64, format!("read error: {e}"));
    }
    let n = bytes.len() as u64;
    if bytes.len() > limit {
        return fail(n, format!("larger than the {limit}-byte limit"));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return fail(n, "empty".into());
    }
    match kind {
        Kind::Text => match marsad_text::decode(&bytes, None) {
            Ok(d) => vec![Record {
                bytes: n,
                result: Ok(RawArticle {
                    source: label.clone(),
                    text: d.text,
                    ..Default::default()
                }),
            }],
            Err(e) => fail(n, format!("not text: {e}")),
        },
        Kind::Html => {
            let hint = html::charset_hint(&bytes);
            match marsad_text::decode(&bytes, hint.as_deref()) {
                Ok(d) => {
                    let a = html::extract(&d.text, None);
                    if a.text.trim().is_empty() {
                        return fail(n, "no text found in the page".into());
                    }
                    vec![Record {
                        bytes: n,
                        result: Ok(RawArticle {
                            source: label.clone(),
                            title: a.title,
                            author: a.author,
                            published: a.published,
                            text: a.text,
                            ..Default::default()
                        }),
                    }]
                }
                Err(e) => fail(n, format!("not text: {e}")),
            }
        }
        Kind::Feed => read_feed(&label, &bytes),
        Kind::Jsonl => {
            let mut r = JsonlReader {
                label: label.clone(),
                input: BufReader::new(&bytes[..]),
                line_no: 0,
                limit,
                done: false,
            };
            std::iter::from_fn(|| r.next()).collect()
        }
    }
}

fn read_feed(label: &str, bytes: &[u8]) -> Vec<Record> {
    let n = bytes.len() as u64;
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(f) => f,
        Err(e) => {
            return vec![Record {
                bytes: n,
                result: Err(Failure {
                    source: label.to_string(),
                    reason: format!("not a feed: {e}"),
                }),
            }]
        }
    };
    let feed_title = feed.title.as_ref().map(|t| t.content.clone());
    let count = feed.entries.len().max(1) as u64;
    let mut out = Vec::new();
    for (i, e) in feed.entries.into_iter().enumerate() {
        let body = e
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| e.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let text = html::fragment_text(&body);
        let title = e.title.as_ref().map(|t| html::fragment_text(&t.content));
        let source = feed_title.clone().unwrap_or_else(|| label.to_string());
        let url = e.links.first().map(|l| l.href.clone());
        let published = e
            .published
            .or(e.updated)
            .map(|d| d.date_naive().to_string());
        let result = if text.trim().is_empty() {
            Err(Failure {
                source: format!("{label}#{}", i + 1),
                reason: "feed entry without text".into(),
            })
        } else {
            Ok(RawArticle {
                id: None,
                source,
                url,
                title,
                author: e.authors.first().and_then(|a| a.name.clone()),
                published,
                text,
            })
        };
        out.push(Record {
            bytes: n / count,
            result,
        });
    }
    out
}

/// Streams a JSONL input line by line with a line-length limit.
struct JsonlReader<R: BufRead> {
    label: String,
    input: R,
    line_no: usize,
    limit: usize,
    done: bool,
}

enum Line {
    Ok(Vec<u8>),
    TooLong(usize),
}

impl<R: BufRead> JsonlReader<R> {
    /// Next line without its newline; a line over the limit is skipped (not buffered).
    fn next_line(&mut self) -> std::io::Result<Option<Line>> {
        let mut line = Vec::new();
        let mut len = 0usize;
        let mut started = false;
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                if !started {
                    return Ok(None);
                }
                break;
            }
            started = true;
            let (chunk, consumed, end) = match memchr::memchr(b'\n', buf) {
                Some(i) => (&buf[..i], i + 1, true),
                None => (buf, buf.len(), false),
            };
            len += chunk.len();
            if len <= self.limit {
                line.extend_from_slice(chunk);
            } else {
                line = Vec::new();
            }
            self.input.consume(consumed);
            if end {
                break;
            }
        }
        Ok(Some(if len > self.limit {
            Line::TooLong(len)
        } else {
            Line::Ok(line)
        }))
    }
}

fn get_str(v: &serde_json::Value, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| {
        v.get(*k)
            .and_then(|x| x.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    })
}

/// One JSONL object to a raw article.
pub fn jsonl_article(v: &serde_json::Value, fallback_source: &str) -> Result<RawArticle, String> {
    if !v.is_object() {
        return Err("not a JSON object".into());
    }
    let text = get_str(v, &["text", "content", "body", "article"])
        .ok_or("no \"text\" or \"content\" field")?;
    let url = get_str(v, &["url", "link"]);
    let id = v.get("id").and_then(|x| match x {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    });
    let published = get_str(
        v,
        &[
            "published",
            "date",
            "date_published",
            "datePublished",
            "pubDate",
            "date_extracted",
        ],
    )
    .and_then(|d| html::normalize_date(&d));
    Ok(RawArticle {
        id,
        source: get_str(v, &["source", "outlet", "feed"])
            .or_else(|| url.clone())
            .unwrap_or_else(|| fallback_source.to_string()),
        url,
        title: get_str(v, &["title", "headline"]),
        author: get_str(v, &["author", "byline"]),
        published,
        text,
    })
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if self.done {
                return None;
            }
            self.line_no += 1;
            let where_ = format!("{}:{}", self.label, self.line_no);
            let line = match self.next_line() {
                Ok(Some(l)) => l,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Record {
                        bytes: 0,
                        result: Err(Failure {
                            source: where_,
                            reason: format!("read error: {e}"),
                        }),
                    });
                }
            };
            let (bytes, result) = match line {
                Line::TooLong(n) => (
                    n as u64 + 1,
                    Err(format!(
                        "line of {n} bytes is over the {}-byte limit",
                        self.limit
                    )),
                ),
                Line::Ok(l) => {
                    if l.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let n = l.len() as u64 + 1;
                    let r = match serde_json::from_slice::<serde_json::Value>(&l) {
                        Ok(v) => jsonl_article(&v, &where_),
                        Err(e) => Err(format!("bad JSON: {e}")),
                    };
                    (n, r)
                }
            };
            return Some(Record {
                bytes,
                result: result.map_err(|reason| Failure {
                    source: where_,
                    reason,
                }),
            });
        }
    }
}

impl Iterator for Reader {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if let Some(cur) = self.current.as_mut() {
                if let Some(r) = cur.next() {
                    return Some(r);
                }
                self.current = None;
            }
            let (path, explicit) = self.pending.pop_front()?;
            self.current = self.open(path, explicit);
        }
    }
}
