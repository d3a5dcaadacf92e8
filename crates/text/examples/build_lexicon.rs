//! Builds `data/lexicon.tsv`: frequencies of Arabic words (in `lexicon_form`) in a
//! JSONL corpus read from standard input (one document per line; the `content`,
//! `text` and `title` fields are counted).
//!
//! ```sh
//! zcat /work/shared/data/saudinewsnet/saudinewsnet_full.jsonl.gz \
//!   | cargo run --release -p marsad-text --example build_lexicon -- 80000 3 > crates/text/data/lexicon.tsv
//! ```
//! Arguments: maximum number of words (default 80000), minimum count (default 3).

use std::collections::HashMap;
use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let max_words: usize = args
        .get(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(80_000);
    let min_count: u64 = args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(3);
    let mut counts: HashMap<String, u64> = HashMap::new();
    let (mut docs, mut tokens) = (0u64, 0u64);
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line?;
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        docs += 1;
        for field in ["title", "content", "text"] {
            if let Some(text) = v.get(field).and_then(|t| t.as_str()) {
                marsad_text::for_each_token(text, |t| {
                    if t.kind == marsad_text::TokenKind::Word {
                        tokens += 1;
                        *counts.entry(marsad_text::lexicon_form(t.text)).or_default() += 1;
                    }
                });
            }
        }
    }
    let mut list: Vec<(String, u64)> = counts
        .into_iter()
        .filter(|(w, n)| *n >= min_count && w.chars().count() >= 2)
        .collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list.truncate(max_words);
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    writeln!(out, "# Word frequencies of Arabic news text (SaudiNewsNet: {docs} articles, {tokens} Arabic word tokens).")?;
    writeln!(out, "# Derived from SaudiNewsNet (Alshaabi et al.), licence CC BY-NC-SA 4.0; this list is shared under the same licence.")?;
    writeln!(out, "# Built by crates/text/examples/build_lexicon.rs: top {max_words} words with count >= {min_count}.")?;
    writeln!(
        out,
        "# Fields: word (lexicon_form: no diacritics, hamza forms kept) <TAB> count"
    )?;
    for (w, n) in list {
        writeln!(out, "{w}\t{n}")?;
    }
    Ok(())
}
