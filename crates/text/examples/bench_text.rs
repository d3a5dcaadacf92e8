//! Throughput of the text layer over a plain text file, on one core (the same work as
//! `marsad bench text`, without building the CLI):
//! `cargo run --release -p marsad-text --example bench_text -- FILE [PASSES]`.
//! With `BENCH_TOKENIZE_ONLY=1` only decoding and tokenisation are timed; with
//! `BENCH_NORMALIZE_ONLY=1` only decoding and `normalize` (with offset map); with
//! `BENCH_ANALYZE=1` the owned [`marsad_text::analyze`] is used instead of `Analyzer`.

use std::time::Instant;

/// CPU time of this thread in seconds.
fn cpu_seconds() -> f64 {
    cpu_time::ThreadTime::now().as_duration().as_secs_f64()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: bench_text FILE [PASSES]")?;
    let passes: usize = std::env::args()
        .nth(2)
        .map(|p| p.parse())
        .transpose()?
        .unwrap_or(1);
    let tokenize_only = std::env::var_os("BENCH_TOKENIZE_ONLY").is_some();
    let owned = std::env::var_os("BENCH_ANALYZE").is_some();
    let normalize_only = std::env::var_os("BENCH_NORMALIZE_ONLY").is_some();
    let bytes = std::fs::read(&path)?;
    let words = String::from_utf8_lossy(&bytes).split_whitespace().count();
    let mut analyzer = marsad_text::Analyzer::new();
    let (mut tokens, mut sentences, mut check) = (0usize, 0usize, 0usize);
    let start = Instant::now();
    let cpu0 = cpu_seconds();
    for _ in 0..passes {
        let decoded = marsad_text::decode(&bytes, None)?;
        let mut rest = decoded.text.as_str();
        while !rest.is_empty() {
            // Chunks end at line breaks, which always end sentences.
            let mut cut = rest.len().min(1 << 16);
            if cut < rest.len() {
                cut = rest.as_bytes()[cut..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(rest.len(), |p| cut + p + 1);
            }
            let (chunk, tail) = rest.split_at(cut);
            rest = tail;
            if tokenize_only {
                marsad_text::for_each_token(chunk, |t| {
                    tokens += 1;
                    check = check.wrapping_add(t.span.len());
                });
                continue;
            }
            if normalize_only {
                let n = marsad_text::normalize(chunk, marsad_text::Folding::MATCH);
                check = check.wrapping_add(n.text.len() + n.to_original.len());
                continue;
            }
            if owned {
                let a = marsad_text::analyze(chunk);
                tokens += a.tokens.len();
                sentences += a.sentences.len();
                check = check.wrapping_add(
                    a.tokens
                        .iter()
                        .map(|t| t.base.len() + t.base_span.len())
                        .sum::<usize>(),
                );
                continue;
            }
            let spans = analyzer.run(chunk, |v| {
                tokens += 1;
                check = check.wrapping_add(v.stem.len() + v.base_span.len());
            });
            sentences += spans.len();
        }
    }
    let wall = start.elapsed().as_secs_f64();
    let secs = cpu_seconds() - cpu0;
    println!(
        "{{\"bytes\":{},\"words\":{},\"wall_seconds\":{:.3},\"cpu_seconds\":{:.3},\"mb_per_s\":{:.1},\"words_per_s\":{:.0},\"tokens\":{},\"sentences\":{},\"checksum\":{}}}",
        bytes.len() * passes,
        words * passes,
        wall,
        secs,
        (bytes.len() * passes) as f64 / 1e6 / secs,
        (words * passes) as f64 / secs,
        tokens,
        sentences,
        check
    );
    Ok(())
}
