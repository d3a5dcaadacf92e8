//! Measures the transliteration rules on English–Arabic name pairs.
//!
//! usage: `translit_lab PAIRS [N]` — PAIRS holds `TYPE English Arabic` lines (ANETAC's
//! format); one-word person names are spelt without the spelling lists
//! ([`translit::word_without_lists`]) and compared with the English: the mean similarity
//! (1 − edit distance / longer length, lower case, letters only) and the exact rate,
//! then the N worst-scoring pairs among frequent patterns.

use marsad_extract::entities::translit;

fn letters(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| c.is_ascii_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &x) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(x != y)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: translit_lab PAIRS [N]");
        std::process::exit(2);
    };
    let show: usize = args.get(2).and_then(|x| x.parse().ok()).unwrap_or(0);
    let text = std::fs::read_to_string(path).expect("readable pairs file");
    let (mut sum, mut exact, mut n) = (0.0, 0usize, 0usize);
    let mut worst = Vec::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() != 3 || f[0] != "PERSON" {
            continue;
        }
        let (en, ar) = (f[1], f[2]);
        let got = translit::word_without_lists(ar);
        let (a, b) = (letters(&got), letters(en));
        if b.is_empty() {
            continue;
        }
        let sim = 1.0 - distance(&a, &b) as f64 / a.len().max(b.len()) as f64;
        sum += sim;
        exact += usize::from(a == b);
        n += 1;
        if show > 0 {
            worst.push((sim, ar.to_string(), en.to_string(), got));
        }
    }
    println!(
        "{n} one-word person names: similarity {:.4}, exact {:.4}",
        sum / n as f64,
        exact as f64 / n as f64
    );
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    // A spread sample of the bad half, not only the very worst.
    let bad = &worst[..worst.len() / 2];
    let step = (bad.len() / show.max(1)).max(1);
    for (sim, ar, en, got) in bad.iter().step_by(step).take(show) {
        println!("{sim:.2}\t{ar}\t{en}\t{got}");
    }
}
