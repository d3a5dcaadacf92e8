//! Prints the clitic segmentation, base span and stem of each word read from
//! standard input (one or more per line), for inspecting the segmenter:
//! `echo "وبالجيش للبنان زيارته" | cargo run -p marsad-text --example segment_words`.

use std::io::BufRead;

fn main() -> std::io::Result<()> {
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        for t in marsad_text::analyze(&line).tokens {
            if t.kind != marsad_text::TokenKind::Word {
                continue;
            }
            let original: String = line.chars().skip(t.span.start).take(t.span.len()).collect();
            let base_text: String = line
                .chars()
                .skip(t.base_span.start)
                .take(t.base_span.len())
                .collect();
            println!(
                "{original}\t{}\t{base_text}\tbase={}\tbare={}\tstem={}",
                t.segments().join("+"),
                t.base,
                t.bare(),
                t.stem()
            );
        }
    }
    Ok(())
}
