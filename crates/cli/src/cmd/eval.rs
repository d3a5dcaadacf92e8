//! `marsad eval ner FILE.conll`: entity-level precision, recall and F1 (conlleval rules)
//! of the bundled extractor on a CoNLL NER file.

use anyhow::{Context, Result};
use marsad_extract::eval::{evaluate, parse_conll, Counts, NerReport};
use marsad_extract::Extractor;

/// Arguments of `marsad eval`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Named entities against a CoNLL file (`token TAG` per line, ANERcorp or AQMAR tags).
    Ner(NerArgs),
}

#[derive(clap::Args)]
struct NerArgs {
    /// The CoNLL file.
    file: String,
    /// Sentences per analysed document.
    #[arg(long, default_value_t = 20)]
    per_doc: usize,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args) -> Result<()> {
    match args.what {
        What::Ner(a) => ner(a),
    }
}

fn ner(a: NerArgs) -> Result<()> {
    let bytes = std::fs::read(&a.file).with_context(|| format!("reading {}", a.file))?;
    let text = crate::input::decode(&a.file, &bytes)?;
    let sentences = parse_conll(&text);
    anyhow::ensure!(!sentences.is_empty(), "{}: no tokens", a.file);
    let extractor = Extractor::bundled()?;
    let report = evaluate(&extractor, &sentences, a.per_doc);
    if a.json {
        println!("{}", serde_json::to_string(&to_json(&report))?);
    } else {
        print_table(&a.file, &report);
    }
    Ok(())
}

fn figures(c: &Counts) -> serde_json::Value {
    serde_json::json!({
        "p": round4(c.precision()),
        "r": round4(c.recall()),
        "f1": round4(c.f1()),
        "tp": c.tp,
        "pred": c.pred,
        "gold": c.gold,
    })
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn to_json(r: &NerReport) -> serde_json::Value {
    let mut per = serde_json::Map::new();
    for (k, c) in &r.per_type {
        per.insert(k.clone(), figures(c));
    }
    serde_json::json!({
        "overall": figures(&r.overall),
        "overall_no_misc": figures(&r.overall_no_misc),
        "per_type": per,
        "sentences": r.sentences,
        "tokens": r.tokens,
        "documents": r.documents,
    })
}

fn print_table(file: &str, r: &NerReport) {
    println!(
        "{file}: {} tokens, {} sentences, {} documents",
        r.tokens, r.sentences, r.documents
    );
    let row = |name: &str, c: &Counts| {
        println!(
            "{name:16} P {:.3}  R {:.3}  F1 {:.3}  ({}/{} pred, {} gold)",
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.pred,
            c.gold
        );
    };
    for (k, c) in &r.per_type {
        row(k, c);
    }
    row("overall", &r.overall);
    row("overall-no-MISC", &r.overall_no_misc);
}
