//! Prints everything the text layer produces for a file, one line per item, so that
//! two versions of the crate can be compared byte for byte (pipe into `sha256sum`):
//! `cargo run --release -p marsad-text --example dump_tokens -- FILE | sha256sum`.
//!
//! The file is cut into chunks at line breaks (as `marsad bench text` does). For each
//! chunk it prints the owned tokens and sentences of [`marsad_text::analyze`], the
//! borrowed views of [`marsad_text::Analyzer`], the normalised chunk with its offset
//! map, and, once per distinct word, [`marsad_text::segment()`],
//! [`marsad_text::light_stem`], [`marsad_text::lexicon_form`] and its frequency.

use std::collections::HashSet;
use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: dump_tokens FILE [CHUNK_BYTES]")?;
    let chunk_bytes: usize = std::env::args()
        .nth(2)
        .map(|p| p.parse())
        .transpose()?
        .unwrap_or(1 << 16);
    let bytes = std::fs::read(&path)?;
    let decoded = marsad_text::decode(&bytes, None)?;
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    writeln!(out, "encoding {}", decoded.encoding)?;
    let mut analyzer = marsad_text::Analyzer::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut rest = decoded.text.as_str();
    while !rest.is_empty() {
        let mut cut = rest.len().min(chunk_bytes);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        if cut < rest.len() {
            cut = rest.as_bytes()[cut..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(rest.len(), |p| cut + p + 1);
        }
        let (chunk, tail) = rest.split_at(cut);
        rest = tail;
        writeln!(out, "chunk {}", chunk.len())?;
        let a = marsad_text::analyze(chunk);
        for t in &a.tokens {
            writeln!(out, "{t:?}")?;
        }
        writeln!(out, "sentences {:?}", a.sentences)?;
        let mut views = Vec::new();
        let spans = analyzer.run(chunk, |v| {
            views.push(format!(
                "view {:?} {:?} {} {} {} {:?} {}",
                v.token, v.token.kind, v.norm, v.base, v.stem, v.base_span, v.sentence
            ));
        });
        for v in views {
            writeln!(out, "{v}")?;
        }
        writeln!(out, "run sentences {spans:?}")?;
        let n = marsad_text::normalize(chunk, marsad_text::Folding::MATCH);
        writeln!(out, "norm {}\nmap {:?}", n.text, n.to_original)?;
        let s = marsad_text::normalize(chunk, marsad_text::Folding::SEARCH);
        writeln!(out, "search {}", s.text)?;
        for t in marsad_text::tokenize(chunk) {
            if seen.insert(t.text.to_string()) {
                let form = marsad_text::lexicon_form(t.text);
                writeln!(
                    out,
                    "word {} {:?} stem={} light={} freq={}",
                    t.text,
                    marsad_text::segment(t.text),
                    marsad_text::light_stem(&marsad_text::normalize_word(
                        t.text,
                        marsad_text::Folding::MATCH
                    )),
                    form,
                    marsad_text::word_frequency(&form)
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
