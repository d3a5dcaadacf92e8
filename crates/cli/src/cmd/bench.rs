//! `marsad bench`: throughput of the text layer and of the whole analysis, on one core.
//!
//! - `marsad bench text PATH`: decoding, normalisation, tokenisation, sentence
//!   splitting, clitic segmentation and stemming over a file (for `.jsonl`, the
//!   `text`/`content` fields of all lines, joined by blank lines).
//! - `marsad bench analyze PATH`: the full `Extractor::bundled()` analysis of each
//!   document of a text or JSONL file.
//!
//! Both print one JSON line:
//! `{"bytes":…,"words":…,"seconds":…,"mb_per_s":…,"words_per_s":…}` (plus a few
//! counts, and `cpu_seconds`/`cpu_mb_per_s`/`cpu_words_per_s` from the thread's CPU
//! time where Linux provides it). `words` are whitespace-separated words; only the
//! measured work is timed. `bench analyze` times the one-off start (loading the
//! knowledge base, [`marsad_extract::Extractor::prepare`]) apart, as `startup_seconds`:
//! the rates are those of a process that is already running.

use anyhow::Result;
use std::time::Instant;

/// Arguments of `marsad bench`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Text layer (decode, normalise, tokenise, split, segment, stem) over a file.
    Text {
        /// Plain text file, or `.jsonl` with `text`/`content` fields (`-` = stdin).
        path: String,
        /// Number of passes over the input (throughput is over all passes).
        #[arg(long, default_value_t = 1)]
        repeat: usize,
    },
    /// Full analysis (`Extractor::bundled()`) of each document of a file.
    Analyze {
        /// Plain text file (one document), or `.jsonl` (one document per line).
        path: String,
    },
}

/// Runs the command.
pub fn run(args: Args) -> Result<()> {
    match args.what {
        What::Text { path, repeat } => bench_text(&path, repeat.max(1)),
        What::Analyze { path } => bench_analyze(&path),
    }
}

fn is_jsonl(path: &str) -> bool {
    path.ends_with(".jsonl") || path.ends_with(".ndjson")
}

/// Reads the input as bytes; for JSONL, the joined text fields (UTF-8).
fn load_bytes(path: &str) -> Result<Vec<u8>> {
    let raw = crate::input::read_bytes(path)?;
    if !is_jsonl(path) {
        return Ok(raw);
    }
    // Lenient: a truncated sample (`head -c`) may end inside a character or a line.
    let text = String::from_utf8_lossy(&raw);
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if let Some(body) = v
            .get("text")
            .or_else(|| v.get("content"))
            .and_then(|b| b.as_str())
        {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(body);
        }
    }
    Ok(out.into_bytes())
}

/// CPU time of the current thread in seconds (Linux `/proc/thread-self/schedstat`),
/// if available. On a busy machine this is a fairer measure than wall time.
fn cpu_seconds() -> Option<f64> {
    cpu_time::ThreadTime::try_now()
        .ok()
        .map(|t| t.as_duration().as_secs_f64())
}

fn words_in(text: &str) -> usize {
    text.split_whitespace().count()
}

fn report(bytes: usize, words: usize, seconds: f64, cpu: Option<f64>, extra: serde_json::Value) {
    let secs = seconds.max(1e-9);
    let mut line = serde_json::json!({
        "bytes": bytes,
        "words": words,
        "seconds": (seconds * 1e6).round() / 1e6,
        "mb_per_s": ((bytes as f64 / 1e6 / secs) * 100.0).round() / 100.0,
        "words_per_s": (words as f64 / secs).round(),
    });
    if let (Some(obj), Some(cpu)) = (line.as_object_mut(), cpu) {
        let c = cpu.max(1e-9);
        obj.insert("cpu_seconds".into(), ((cpu * 1e6).round() / 1e6).into());
        obj.insert(
            "cpu_mb_per_s".into(),
            (((bytes as f64 / 1e6 / c) * 100.0).round() / 100.0).into(),
        );
        obj.insert("cpu_words_per_s".into(), (words as f64 / c).round().into());
    }
    if let (Some(obj), Some(more)) = (line.as_object_mut(), extra.as_object()) {
        for (k, v) in more {
            obj.insert(k.clone(), v.clone());
        }
    }
    println!("{line}");
}

/// Largest chunk handed to the analyser at once; chunks end at line breaks, which
/// always end sentences, so chunking does not change the result.
const CHUNK: usize = 1 << 16;

fn bench_text(path: &str, repeat: usize) -> Result<()> {
    let bytes = load_bytes(path)?;
    let words = {
        let text = String::from_utf8_lossy(&bytes);
        words_in(&text)
    };
    let mut analyzer = marsad_text::Analyzer::new();
    let (mut tokens, mut sentences, mut check) = (0usize, 0usize, 0usize);
    let start = Instant::now();
    let cpu0 = cpu_seconds();
    for _ in 0..repeat {
        let decoded =
            marsad_text::decode(&bytes, None).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
        let text = decoded.text.as_str();
        let mut rest = text;
        while !rest.is_empty() {
            let mut cut = rest.len().min(CHUNK);
            if cut < rest.len() {
                cut = match rest.as_bytes()[cut..].iter().position(|&b| b == b'\n') {
                    Some(p) => cut + p + 1,
                    None => rest.len(),
                };
            }
            let (chunk, tail) = rest.split_at(cut);
            rest = tail;
            let spans = analyzer.run(chunk, |v| {
                tokens += 1;
                check = check.wrapping_add(v.stem.len() + v.base_span.len());
            });
            sentences += spans.len();
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    report(
        bytes.len() * repeat,
        words * repeat,
        seconds,
        cpu,
        serde_json::json!({ "tokens": tokens, "sentences": sentences, "passes": repeat, "checksum": check }),
    );
    Ok(())
}

fn bench_analyze(path: &str) -> Result<()> {
    let docs = crate::input::read_docs(path)?;
    let loading = Instant::now();
    let extractor = marsad_extract::Extractor::bundled()
        .map_err(|e| anyhow::anyhow!("loading the extractor: {e}"))?;
    extractor.prepare();
    let startup = loading.elapsed().as_secs_f64();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let words: usize = docs.iter().map(|d| words_in(&d.text)).sum();
    let (mut entities, mut events) = (0usize, 0usize);
    let start = Instant::now();
    let cpu0 = cpu_seconds();
    for d in &docs {
        let src = marsad_extract::Source {
            id: d.id.clone(),
            source: d.source.clone(),
            title: d.title.clone(),
            published: d.published.clone(),
            with_tokens: false,
        };
        let doc = extractor.analyze(&d.text, &src);
        entities += doc.entities.len();
        events += doc.events.len();
    }
    let seconds = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    report(
        bytes,
        words,
        seconds,
        cpu,
        serde_json::json!({
            "docs": docs.len(),
            "entities": entities,
            "events": events,
            "startup_seconds": (startup * 1e3).round() / 1e3,
        }),
    );
    Ok(())
}
