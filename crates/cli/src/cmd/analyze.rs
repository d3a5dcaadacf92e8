//! `marsad analyze FILE|-...`: print `marsad.document/1` JSON.
//!
//! Documents are read as a stream and analysed in batches, on several threads when
//! `--jobs` allows; the output keeps the input's order whatever the number of threads.

use crate::input::{Docs, InputDoc};
use anyhow::Result;
use marsad_extract::Extractor;
use rayon::prelude::*;
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
    /// Threads that analyse documents (default: one per processor). The output is the
    /// same for any number.
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// KiB of text per thread read before a batch is analysed (for tests and tuning).
    #[arg(long, hide = true, default_value_t = BATCH_KIB_PER_JOB)]
    batch_kib: usize,
}

/// KiB of text read before a batch is analysed, per thread: enough documents that the
/// threads rarely wait for each other at the end of a batch.
const BATCH_KIB_PER_JOB: usize = 1024;

/// Runs the command.
pub fn run(args: Args) -> Result<()> {
    crate::util::check_published(&args.published)?;
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    // Every input is opened (and a text file read) before any output, so that a missing
    // or empty file is an error before anything is printed.
    let inputs: Vec<Docs> = args
        .files
        .iter()
        .map(|f| Docs::open(f))
        .collect::<Result<_>>()?;
    let extractor = Extractor::bundled()?;
    let single = args.files.len() == 1 && inputs.first().is_some_and(Docs::is_single);
    let pretty = single || args.pretty;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let write = |doc: InputDoc, buf: &mut Vec<u8>| -> Result<()> {
        let doc = doc.analyze(&extractor, &args.published, args.tokens);
        if pretty {
            serde_json::to_writer_pretty(&mut *buf, &doc)?;
        } else {
            serde_json::to_writer(&mut *buf, &doc)?;
        }
        buf.push(b'\n');
        Ok(())
    };
    let pool = if jobs > 1 {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .ok()
    } else {
        None
    };
    for mut docs in inputs {
        match &pool {
            None => {
                let mut buf = Vec::new();
                for doc in docs.by_ref() {
                    buf.clear();
                    write(doc?, &mut buf)?;
                    out.write_all(&buf)?;
                }
            }
            Some(pool) => loop {
                let mut batch = Vec::new();
                let mut bytes = 0;
                for doc in docs.by_ref() {
                    let doc = doc?;
                    bytes += doc.text.len();
                    batch.push(doc);
                    if bytes >= (args.batch_kib << 10) * jobs {
                        break;
                    }
                }
                if batch.is_empty() {
                    break;
                }
                let printed: Vec<Vec<u8>> = pool.install(|| {
                    batch
                        .into_par_iter()
                        .map(|doc| {
                            let mut buf = Vec::new();
                            write(doc, &mut buf).map(|()| buf)
                        })
                        .collect::<Result<_>>()
                })?;
                for p in printed {
                    out.write_all(&p)?;
                }
            },
        }
        docs.finish()?;
    }
    out.flush()?;
    // The process ends here: freeing the knowledge base and the models entry by entry
    // would only cost time (about 1.4% of a 300-article run).
    std::mem::forget(extractor);
    Ok(())
}
