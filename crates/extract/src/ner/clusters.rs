//! Word clusters learnt without labels: each frequent word gets a 32-bit signature of
//! its left and right neighbours (random-hyperplane hashing of its context counts), so
//! words used alike share signature prefixes. Built by `marsad train clusters`.

use std::collections::HashMap;

/// Settings of the cluster builder.
#[derive(Debug, Clone, Copy)]
pub struct ClusterOptions {
    /// How many of the most frequent words get a signature.
    pub vocabulary: usize,
    /// How many of the most frequent words serve as context features.
    pub contexts: usize,
    /// Words seen fewer times get no signature.
    pub min_count: u64,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            vocabulary: 60_000,
            contexts: 2_000,
            min_count: 5,
        }
    }
}

/// Counts word frequencies over texts of clitic-free bases.
#[derive(Debug, Default)]
pub struct ClusterBuilder {
    freq: HashMap<String, u64>,
    sentences: Vec<Vec<u32>>,
    ids: HashMap<String, u32>,
    words: Vec<String>,
}

impl ClusterBuilder {
    /// Adds one text: its word tokens' clitic-free bases, sentence by sentence.
    pub fn add_text(&mut self, text: &str) {
        let analysis = marsad_text::analyze(text);
        let mut cur: Vec<u32> = Vec::new();
        let mut sentence = usize::MAX;
        for t in &analysis.tokens {
            if t.sentence != sentence {
                if cur.len() > 1 {
                    self.sentences.push(std::mem::take(&mut cur));
                }
                cur.clear();
                sentence = t.sentence;
            }
            if t.kind != marsad_text::TokenKind::Word {
                continue;
            }
            let id = match self.ids.get(t.base.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.words.len() as u32;
                    self.ids.insert(t.base.to_string(), id);
                    self.words.push(t.base.to_string());
                    id
                }
            };
            *self.freq.entry(t.base.to_string()).or_insert(0) += 1;
            cur.push(id);
        }
        if cur.len() > 1 {
            self.sentences.push(cur);
        }
    }

    /// Computes signatures: `(word, count, signature)` for the vocabulary, most frequent first.
    pub fn build(&self, opts: ClusterOptions) -> Vec<(String, u64, u32)> {
        let mut by_freq: Vec<(&String, u64)> = self.freq.iter().map(|(w, &c)| (w, c)).collect();
        by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let ctx_index: HashMap<u32, usize> = by_freq
            .iter()
            .take(opts.contexts)
            .enumerate()
            .filter_map(|(i, (w, _))| self.ids.get(*w).map(|&id| (id, i)))
            .collect();
        let vocab: HashMap<u32, usize> = by_freq
            .iter()
            .take(opts.vocabulary)
            .filter(|(_, c)| *c >= opts.min_count)
            .enumerate()
            .filter_map(|(i, (w, _))| self.ids.get(*w).map(|&id| (id, i)))
            .collect();
        // Context counts: (word, side*contexts + context) -> count.
        let mut counts: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
        for s in &self.sentences {
            for (i, w) in s.iter().enumerate() {
                let Some(&vi) = vocab.get(w) else { continue };
                if i > 0 {
                    if let Some(&c) = ctx_index.get(&s[i - 1]) {
                        *counts[vi].entry(c as u32).or_insert(0.0) += 1.0;
                    }
                }
                if let Some(&c) = s.get(i + 1).and_then(|n| ctx_index.get(n)) {
                    *counts[vi].entry((opts.contexts + c) as u32).or_insert(0.0) += 1.0;
                }
            }
        }
        let mut out: Vec<(String, u64, u32)> = Vec::with_capacity(vocab.len());
        for (w, c) in by_freq.iter().take(opts.vocabulary) {
            let Some(id) = self.ids.get(*w) else { continue };
            let Some(&vi) = vocab.get(id) else { continue };
            let total: f32 = counts[vi].values().sum();
            if total < 3.0 {
                continue;
            }
            let mut acc = [0f32; 32];
            for (&feat, &n) in &counts[vi] {
                let weight = (1.0 + n).ln();
                let mut h =
                    u64::from(feat).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5851_F42D_4C95_7F2D;
                for a in acc.iter_mut() {
                    h ^= h >> 31;
                    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
                    *a += if h & 1 == 1 { weight } else { -weight };
                }
            }
            let sig =
                acc.iter().enumerate().fold(
                    0u32,
                    |s, (i, a)| if *a > 0.0 { s | (1 << (31 - i)) } else { s },
                );
            out.push(((*w).clone(), *c, sig));
        }
        out
    }
}

/// A word's entry in the clusters file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordCluster {
    /// 32-bit context signature.
    pub signature: u32,
    /// How often the word was seen in the unlabelled corpus.
    pub count: u64,
}

/// The bundled signatures, by word (clitic-free normalised base).
pub fn bundled() -> &'static HashMap<String, WordCluster> {
    static MAP: std::sync::LazyLock<HashMap<String, WordCluster>> =
        std::sync::LazyLock::new(|| parse(BUNDLED));
    &MAP
}

/// Parses a clusters file: `#` comments, then `word<TAB>count<TAB>hex signature` lines.
pub fn parse(text: &str) -> HashMap<String, WordCluster> {
    entries(text).map(|(w, c)| (w.to_string(), c)).collect()
}

/// The entries of a clusters file, borrowed from its text.
pub fn entries(text: &str) -> impl Iterator<Item = (&str, WordCluster)> + '_ {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            let w = f.next()?;
            let count = f.next()?.parse().ok()?;
            let signature = u32::from_str_radix(f.next()?, 16).ok()?;
            Some((w, WordCluster { signature, count }))
        })
}

/// The text of the bundled clusters file.
pub const BUNDLED: &str = include_str!("../../data/ner/clusters.tsv");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_slots_share_signature_bits() {
        let mut b = ClusterBuilder::default();
        for _ in 0..20 {
            for city in ["دمشق", "بيروت", "عمان"] {
                b.add_text(&format!("وصل الوزير إلى {city} صباح اليوم."));
            }
            for verb in ["أكد", "أوضح"] {
                b.add_text(&format!("و{verb} المتحدث أن الاجتماع ناجح."));
            }
        }
        let sigs = b.build(ClusterOptions {
            vocabulary: 100,
            contexts: 50,
            min_count: 1,
        });
        let get = |w: &str| sigs.iter().find(|s| s.0 == w).map(|s| s.2);
        let (d, b2) = (get("دمشق").expect("دمشق"), get("بيروت").expect("بيروت"));
        let v = get("المتحدث").expect("المتحدث");
        assert_eq!(d, b2, "same contexts, same signature");
        assert!((d ^ v).count_ones() > 4, "different contexts differ");
        let text: String = sigs
            .iter()
            .map(|(w, c, s)| format!("{w}\t{c}\t{s:08x}\n"))
            .collect();
        assert_eq!(parse(&text).get("دمشق").map(|c| c.signature), Some(d));
    }
}
