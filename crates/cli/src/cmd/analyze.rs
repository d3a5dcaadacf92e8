//! `marsad analyze FILE|-...`: print `marsad.document/1` JSON.

use crate::input;
use anyhow::Result;
use marsad_extract::Extractor;
use std::io::Write;

/// Arguments of `marsad analyze`.
#[derive(clap::Args)]
pub struct Args {
    /// Text files, JSONL files, or `-` for stdin.
    #[arg(required = true)]
    files: Vec<String>,
    /// Anchor date for relative expressions (YYYY-MM-DD), when the input gives none.
    #[arg(long)]
    published: Option<String>,
    /// Add tokens (norm, segments, stem) to the output.
    #[arg(long)]
    tokens: bool,
    /// Pretty-print (the default for one text document).
    #[arg(long)]
    pretty: bool,
}

/// Runs the command.
pub fn run(args: Args) -> Result<()> {
    crate::util::check_published(&args.published)?;
    let extractor = Extractor::bundled()?;
    let mut docs = Vec::new();
    for f in &args.files {
        docs.extend(input::read_docs(f)?);
    }
    let single = docs.len() == 1 && args.files.len() == 1;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for d in docs {
        let doc = d.analyze(&extractor, &args.published, args.tokens);
        if single || args.pretty {
            serde_json::to_writer_pretty(&mut out, &doc)?;
        } else {
            serde_json::to_writer(&mut out, &doc)?;
        }
        writeln!(out)?;
    }
    out.flush()?;
    // The process ends here: freeing the knowledge base and the models entry by entry
    // would only cost time (about 1.4% of a 300-article run).
    std::mem::forget(extractor);
    Ok(())
}
