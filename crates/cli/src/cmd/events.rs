//! `marsad events FILE...`: the events of each document, as a readable table or as JSON
//! objects (one per line, with the document id and the sentence text).

use crate::input;
use anyhow::Result;
use marsad_extract::{Document, Event, Extractor, Source};
use std::io::Write;

/// Arguments of `marsad events`.
#[derive(clap::Args)]
pub struct Args {
    /// Text files, JSONL files, or `-` for stdin.
    #[arg(required = true)]
    files: Vec<String>,
    /// Anchor date for relative expressions (YYYY-MM-DD), when the input gives none.
    #[arg(long)]
    published: Option<String>,
    /// Print one JSON object per event instead of a table.
    #[arg(long)]
    json: bool,
}

/// Runs the command. A closed pipe (`marsad events FILE | head`) ends it quietly.
pub fn run(args: Args) -> Result<()> {
    match print_events(args) {
        Err(e) if broken_pipe(&e) => Ok(()),
        other => other,
    }
}

fn broken_pipe(e: &anyhow::Error) -> bool {
    let pipe = std::io::ErrorKind::BrokenPipe;
    e.downcast_ref::<std::io::Error>()
        .is_some_and(|io| io.kind() == pipe)
        || e.downcast_ref::<serde_json::Error>()
            .and_then(|j| j.io_error_kind())
            .is_some_and(|k| k == pipe)
}

fn print_events(args: Args) -> Result<()> {
    if let Some(p) = &args.published {
        anyhow::ensure!(valid_date(p), "--published must be YYYY-MM-DD, got {p:?}");
    }
    let extractor = Extractor::bundled()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for f in &args.files {
        for d in input::read_docs(f)? {
            let src = Source {
                id: d.id,
                source: d.source,
                title: d.title,
                published: d.published.or_else(|| args.published.clone()),
                with_tokens: false,
            };
            let doc = extractor.analyze(&d.text, &src);
            if args.json {
                write_json(&mut out, &doc)?;
            } else {
                write_table(&mut out, &doc)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn sentence_text(doc: &Document, i: usize) -> String {
    doc.sentences
        .get(i)
        .map(|s| {
            doc.text
                .chars()
                .skip(s.start)
                .take(s.end.saturating_sub(s.start))
                .collect()
        })
        .unwrap_or_default()
}

fn write_json(out: &mut impl Write, doc: &Document) -> Result<()> {
    for ev in &doc.events {
        let mut v = serde_json::to_value(ev)?;
        if let Some(o) = v.as_object_mut() {
            o.insert("doc".into(), serde_json::Value::String(doc.id.clone()));
            o.insert(
                "sentence_text".into(),
                serde_json::Value::String(sentence_text(doc, ev.sentence)),
            );
        }
        serde_json::to_writer(&mut *out, &v)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Flags column: N = negated, H = hypothetical, Q = inside a quote.
fn flags(ev: &Event) -> String {
    let mut s = String::new();
    if ev.negated {
        s.push('N');
    }
    if ev.hypothetical {
        s.push('H');
    }
    if ev.source.is_some() {
        s.push('Q');
    }
    if s.is_empty() {
        s.push('-');
    }
    s
}

fn write_table(out: &mut impl Write, doc: &Document) -> Result<()> {
    writeln!(
        out,
        "# {} ({}), {} events",
        doc.source,
        doc.id,
        doc.events.len()
    )?;
    let rows: Vec<[String; 8]> = doc
        .events
        .iter()
        .map(|ev| {
            let o = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
            [
                ev.sentence.to_string(),
                format!("{}/{}", ev.kind, o(&ev.mode)),
                o(&ev.actor),
                o(&ev.target),
                o(&ev.location),
                o(&ev.date),
                flags(ev),
                ev.trigger.text.clone(),
            ]
        })
        .collect();
    let head = [
        "sent",
        "type/mode",
        "actor",
        "target",
        "location",
        "date",
        "flags",
        "trigger",
    ];
    let mut width = head.map(|h| h.chars().count());
    for r in &rows {
        for (w, c) in width.iter_mut().zip(r.iter()) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        cells
            .iter()
            .zip(width.iter())
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(c.chars().count()))))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(out, "{}", line(head.to_vec()))?;
    for r in &rows {
        writeln!(out, "{}", line(r.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}
