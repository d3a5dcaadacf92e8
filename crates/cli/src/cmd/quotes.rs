//! `marsad quotes FILE`: who said what in an article, as a table or as JSON.
//!
//! The file is analysed like `marsad analyze` does (text, JSONL or `-` for stdin), and
//! only its quotes are printed, with each speaker id resolved to the entity's English name.

use crate::input;
use anyhow::Result;
use marsad_extract::{Document, Extractor, Quote, QuoteKind};
use std::io::Write;

/// Arguments of `marsad quotes`.
#[derive(clap::Args)]
pub struct Args {
    /// A text file, a JSONL file, or `-` for stdin.
    file: Option<String>,
    /// Print the quotes as JSON (one array per document) instead of a table.
    #[arg(long)]
    json: bool,
    /// Anchor date (YYYY-MM-DD), when the input gives none.
    #[arg(long)]
    published: Option<String>,
    /// Corpus mode (no FILE): only quotes of this speaker (entity id, Arabic or English name).
    #[arg(long)]
    speaker: Option<String>,
    /// Corpus mode: the data folder (default `$MARSAD_DATA` or `./marsad-data`).
    #[arg(long)]
    data: Option<std::path::PathBuf>,
    /// Corpus mode: at most this many quotes.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Words of each quote shown in the table.
    #[arg(long, default_value_t = 10)]
    words: usize,
}

/// Runs the command. A closed output pipe (`marsad quotes FILE | head`) is not an error.
pub fn run(args: Args) -> Result<()> {
    match print_quotes(&args) {
        Err(e) if crate::util::broken_pipe(&e) => Ok(()),
        other => other,
    }
}

fn print_quotes(args: &Args) -> Result<()> {
    crate::util::check_published(&args.published)?;
    let Some(file) = args.file.as_deref() else {
        return corpus_quotes(args);
    };
    let extractor = Extractor::bundled()?;
    let docs = input::read_docs(file)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let many = docs.len() > 1;
    for d in docs {
        let doc = d.analyze(&extractor, &args.published, false);
        if args.json {
            let v: Vec<serde_json::Value> =
                doc.quotes.iter().map(|q| quote_json(&doc, q)).collect();
            if many {
                serde_json::to_writer(&mut out, &v)?;
            } else {
                serde_json::to_writer_pretty(&mut out, &v)?;
            }
            writeln!(out)?;
        } else {
            if many {
                writeln!(out, "# {}", doc.source)?;
            }
            write_table(&mut out, &doc, args.words)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The display name of a quote's speaker: the entity's English name, else the words
/// naming the speaker in the text, else `?`.
pub fn speaker_name(doc: &Document, q: &Quote) -> String {
    q.speaker
        .as_deref()
        .and_then(|id| doc.entities.iter().find(|e| e.id == id))
        .map(|e| e.name_en.clone())
        .or_else(|| q.speaker_text.clone())
        .unwrap_or_else(|| "?".to_string())
}

fn quote_json(doc: &Document, q: &Quote) -> serde_json::Value {
    let mut v = serde_json::to_value(q).unwrap_or(serde_json::Value::Null);
    if let Some(obj) = v.as_object_mut() {
        let name = q
            .speaker
            .as_deref()
            .and_then(|id| doc.entities.iter().find(|e| e.id == id))
            .map(|e| e.name_en.clone());
        obj.insert("speaker_name".to_string(), serde_json::json!(name));
        if let Some(via) = q.via.as_deref() {
            let via_name = doc
                .entities
                .iter()
                .find(|e| e.id == via)
                .map(|e| e.name_en.clone());
            obj.insert("via_name".to_string(), serde_json::json!(via_name));
        }
    }
    v
}

fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut s = words.iter().take(n).copied().collect::<Vec<_>>().join(" ");
    if words.len() > n {
        s.push_str(" …");
    }
    s
}

fn write_table(out: &mut impl Write, doc: &Document, n_words: usize) -> Result<()> {
    if doc.quotes.is_empty() {
        writeln!(out, "(no quotes)")?;
        return Ok(());
    }
    let rows: Vec<[String; 4]> = doc
        .quotes
        .iter()
        .map(|q| {
            let mut speaker = speaker_name(doc, q);
            if let Some(via) = q.via.as_deref() {
                let v = doc
                    .entities
                    .iter()
                    .find(|e| e.id == via)
                    .map_or(via.to_string(), |e| e.name_en.clone());
                speaker.push_str(&format!(" (via {v})"));
            }
            let kind = match q.kind {
                QuoteKind::Direct => "direct",
                QuoteKind::Indirect => "indirect",
            };
            [
                speaker,
                kind.to_string(),
                q.cue.clone(),
                first_words(&q.text, n_words),
            ]
        })
        .collect();
    let width = |i: usize| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0);
    let (w0, w1, w2) = (width(0).max(7), width(1).max(4), width(2).max(3));
    writeln!(
        out,
        "{:<w0$}  {:<w1$}  {:<w2$}  words",
        "speaker", "kind", "cue"
    )?;
    for r in rows {
        let pad =
            |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
        writeln!(
            out,
            "{}  {}  {}  {}",
            pad(&r[0], w0),
            pad(&r[1], w1),
            pad(&r[2], w2),
            r[3]
        )?;
    }
    Ok(())
}

/// `marsad quotes --speaker NAME`: quotes across the corpus, most recent first.
fn corpus_quotes(args: &Args) -> Result<()> {
    use marsad_store::{QuoteFilter, Store};
    let store = crate::util::StoreDir {
        data: args.data.clone(),
    }
    .open()?;
    let rows = store.quotes(&QuoteFilter {
        speaker: args.speaker.clone(),
        limit: args.limit,
        ..Default::default()
    })?;
    crate::util::print_rows(&rows, args.json, |out| {
        writeln!(
            out,
            "{:<10}  {:<28}  {:<14}  quote",
            "published", "speaker", "cue"
        )?;
        for q in &rows {
            let who = q
                .speaker_en
                .clone()
                .or_else(|| q.speaker_text.clone())
                .unwrap_or_else(|| "(unattributed)".into());
            let words: Vec<&str> = q.text.split_whitespace().take(args.words).collect();
            writeln!(
                out,
                "{:<10}  {:<28}  {:<14}  {}",
                q.published.clone().unwrap_or_else(|| "-".into()),
                crate::util::clip(&who, 28),
                q.cue,
                words.join(" ")
            )?;
        }
        Ok(())
    })
}
