//! `marsad events FILE...`: the events of each document, as a readable table or as JSON
//! objects (one per line, with the document id and the sentence text).

use crate::input;
use anyhow::Result;
use marsad_extract::{Document, Event, Extractor};
use std::io::Write;

/// Arguments of `marsad events`.
#[derive(clap::Args)]
pub struct Args {
    /// Text files, JSONL files, or `-` for stdin. Without files, the corpus in `--data`
    /// is queried instead.
    files: Vec<String>,
    /// Corpus mode: only events of this PLOVER type.
    #[arg(long = "type")]
    kind: Option<String>,
    /// Corpus mode: only events whose actor is this entity (id, Arabic or English name).
    #[arg(long)]
    actor: Option<String>,
    /// Corpus mode: only events whose target is this entity.
    #[arg(long)]
    target: Option<String>,
    /// Corpus mode: from this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Corpus mode: up to this date.
    #[arg(long)]
    to: Option<String>,
    /// Corpus mode: the data folder (default `$MARSAD_DATA` or `./marsad-data`).
    #[arg(long)]
    data: Option<std::path::PathBuf>,
    /// Corpus mode: at most this many events.
    #[arg(long, default_value_t = 50)]
    limit: usize,
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
        Err(e) if crate::util::broken_pipe(&e) => Ok(()),
        other => other,
    }
}

fn print_events(args: Args) -> Result<()> {
    crate::util::check_published(&args.published)?;
    if args.files.is_empty() {
        return corpus_events(&args);
    }
    let extractor = Extractor::bundled()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for f in &args.files {
        for d in input::read_docs(f)? {
            let doc = d.analyze(&extractor, &args.published, false);
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

/// `marsad events --type T --actor A --from D --to D`: events merged across the corpus.
fn corpus_events(args: &Args) -> Result<()> {
    use marsad_store::{EventFilter, Store};
    let store = crate::util::StoreDir {
        data: args.data.clone(),
    }
    .open()?;
    let rows = store.events(&EventFilter {
        kind: args.kind.clone(),
        actor: args.actor.clone(),
        target: args.target.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        include_negated: true,
        include_hypothetical: true,
        limit: args.limit,
        ..Default::default()
    })?;
    crate::util::print_rows(&rows, args.json, |out| {
        let name = |n: &Option<String>| n.clone().unwrap_or_else(|| "-".into());
        writeln!(
            out,
            "{:<10}  {:<22}  {:<26}  {:<26}  {:<18}  {:>8}  flags",
            "day", "type/mode", "actor", "target", "location", "articles"
        )?;
        for r in &rows {
            let flags = format!(
                "{}{}",
                if r.negated { "N" } else { "" },
                if r.hypothetical { "H" } else { "" }
            );
            writeln!(
                out,
                "{:<10}  {:<22}  {:<26}  {:<26}  {:<18}  {:>8}  {}",
                r.day.clone().unwrap_or_else(|| "-".into()),
                format!("{}/{}", r.kind, r.mode.clone().unwrap_or_default()),
                crate::util::clip(&name(&r.actor_name), 26),
                crate::util::clip(&name(&r.target_name), 26),
                crate::util::clip(&name(&r.location_name), 18),
                r.articles,
                flags
            )?;
        }
        Ok(())
    })
}
