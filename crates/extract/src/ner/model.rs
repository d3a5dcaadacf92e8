//! The averaged-perceptron model: weights, greedy decoding, training, (de)serialisation.

use super::features::{label_features, token_features, word_hashes, TokenHints, WordHashes};
use super::NerLabel;
use crate::Error;
use marsad_text::AnalyzedToken;

const MAGIC: &[u8; 6] = b"MNER2\0";
const L: usize = NerLabel::COUNT;

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// Seed of the shuffling.
    pub seed: u64,
    /// log2 of the number of hashed feature buckets.
    pub bucket_bits: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 10,
            seed: 7,
            bucket_bits: 19,
        }
    }
}

/// Maps a feature hash to one of `2^bits` buckets.
fn bucket_of(bits: u32, h: u64) -> usize {
    ((h ^ (h >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

/// Reused buffers of one decoding.
#[derive(Debug, Default)]
struct Scratch {
    feats: Vec<u64>,
    buckets: Vec<usize>,
    offsets: Vec<usize>,
    emit: Vec<[f32; L]>,
    trans: Vec<[[f32; L]; L]>,
    back: Vec<[u8; L]>,
}

/// A trained tagger: quantised weights (`i16 × scale`), `L` per hashed bucket.
#[derive(Debug, Clone)]
pub struct NerModel {
    bits: u32,
    scale: f32,
    weights: Vec<i16>,
}

impl NerModel {
    /// An all-zero model (tags everything `O`).
    pub fn empty(bucket_bits: u32) -> NerModel {
        let bits = bucket_bits.clamp(8, 24);
        NerModel {
            bits,
            scale: 1.0,
            weights: vec![0; (1usize << bits) * L],
        }
    }

    /// Quantises float weights (the scale maps the largest magnitude to `i16::MAX`).
    fn quantise(bits: u32, weights: &[f32]) -> NerModel {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let weights = weights
            .iter()
            .map(|w| (w / scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        NerModel {
            bits,
            scale,
            weights,
        }
    }

    /// The weights of one bucket in units of the scale.
    #[inline]
    fn row(&self, b: usize) -> [f32; L] {
        let r = &self.weights[b * L..b * L + L];
        std::array::from_fn(|k| f32::from(r[k]))
    }

    /// Labels every token (Viterbi over the first-order label chain; each sentence of
    /// the analysis starts afresh). `hints` may be empty or hold one entry per token.
    pub fn tag(&self, tokens: &[AnalyzedToken], hints: &[TokenHints]) -> Vec<NerLabel> {
        let mut scratch = Scratch::default();
        let mut words = Vec::new();
        word_hashes(tokens, &mut words);
        let mut out = vec![NerLabel::O; tokens.len()];
        let mut start = 0;
        while start < tokens.len() {
            let s = tokens[start].sentence;
            let end = start
                + tokens[start..]
                    .iter()
                    .take_while(|t| t.sentence == s)
                    .count();
            let input = Input {
                tokens,
                words: &words,
                hints,
            };
            decode(
                self.bits,
                &|b| self.row(b),
                &input,
                start..end,
                &mut scratch,
                &mut out[start..end],
            );
            start = end;
        }
        out
    }

    /// Trains on sentences given as (tokens, hints, gold labels): a structured perceptron
    /// (Viterbi decoding, updates on the differing labels and transitions), averaged.
    pub fn train(
        data: &[(Vec<AnalyzedToken>, Vec<TokenHints>, Vec<NerLabel>)],
        opts: TrainOptions,
    ) -> NerModel {
        let bits = opts.bucket_bits.clamp(8, 24);
        let mut weights = vec![0f32; (1usize << bits) * L];
        let mut totals = vec![0f32; weights.len()];
        let mut c: f32 = 1.0;
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = opts.seed.max(1);
        let mut sc = Scratch::default();
        let mut pred = Vec::new();
        let mut words = Vec::new();
        for _ in 0..opts.epochs {
            // Fisher–Yates with xorshift64: reproducible for a seed.
            for k in (1..order.len()).rev() {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                order.swap(k, (rng % (k as u64 + 1)) as usize);
            }
            for &d in &order {
                let (tokens, hints, gold) = &data[d];
                let len = tokens.len().min(gold.len());
                if len == 0 {
                    continue;
                }
                pred.clear();
                pred.resize(len, NerLabel::O);
                word_hashes(tokens, &mut words);
                {
                    let w = &weights;
                    let row = |b: usize| -> [f32; L] { std::array::from_fn(|k| w[b * L + k]) };
                    let input = Input {
                        tokens,
                        words: &words,
                        hints,
                    };
                    decode(bits, &row, &input, 0..len, &mut sc, &mut pred);
                }
                let mut update = |k: usize, delta: f32, w: &mut [f32]| {
                    w[k] += delta;
                    totals[k] += c * delta;
                };
                for i in 0..len {
                    let (g, p) = (gold[i], pred[i]);
                    if g != p {
                        for &b in &sc.buckets[sc.offsets[i]..sc.offsets[i + 1]] {
                            update(b * L + g.index(), 1.0, &mut weights);
                            update(b * L + p.index(), -1.0, &mut weights);
                        }
                    }
                    let gp = if i == 0 { NerLabel::O } else { gold[i - 1] };
                    let pp = if i == 0 { NerLabel::O } else { pred[i - 1] };
                    if (gp, g) != (pp, p) {
                        let mut lf = [0u64; 2];
                        label_features(&words[i], gp.index(), &mut lf);
                        for h in lf {
                            update(bucket_of(bits, h) * L + g.index(), 1.0, &mut weights);
                        }
                        label_features(&words[i], pp.index(), &mut lf);
                        for h in lf {
                            update(bucket_of(bits, h) * L + p.index(), -1.0, &mut weights);
                        }
                    }
                }
                c += 1.0;
            }
        }
        for (w, t) in weights.iter_mut().zip(&totals) {
            *w -= *t / c;
        }
        NerModel::quantise(bits, &weights)
    }

    /// Serialises: magic `MNER2\0`, u32 bucket bits, f32 scale, then one i16 per weight
    /// (bucket-major, 7 labels per bucket), all little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(14 + self.weights.len() * 2);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Reads what [`NerModel::to_bytes`] wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<NerModel, Error> {
        let bad = |message: &str| Error::Data {
            file: "ner/model.bin".into(),
            line: 0,
            message: message.into(),
        };
        if bytes.len() < 14 || &bytes[..6] != MAGIC {
            return Err(bad("not a marsad NER model"));
        }
        let bits = u32::from_le_bytes([bytes[6], bytes[7], bytes[8], bytes[9]]);
        let scale = f32::from_le_bytes([bytes[10], bytes[11], bytes[12], bytes[13]]);
        if !(8..=24).contains(&bits) {
            return Err(bad("bucket bits out of range"));
        }
        let n = (1usize << bits) * L;
        let body = &bytes[14..];
        if body.len() != n * 2 {
            return Err(bad("truncated model"));
        }
        if !scale.is_finite() || scale <= 0.0 {
            return Err(bad("bad weight scale"));
        }
        let weights = body
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(NerModel {
            bits,
            scale,
            weights,
        })
    }

    /// The model shipped in the binary (an empty one if the file is a placeholder).
    pub fn bundled() -> &'static NerModel {
        static MODEL: std::sync::LazyLock<NerModel> = std::sync::LazyLock::new(|| {
            NerModel::from_bytes(include_bytes!("../../data/ner/model.bin"))
                .unwrap_or_else(|_| NerModel::empty(8))
        });
        &MODEL
    }
}

/// Fills the scratch's emission and transition tables for `range` and runs Viterbi.
/// One stretch of tokens to decode, with what its features read.
struct Input<'a> {
    tokens: &'a [AnalyzedToken],
    words: &'a [WordHashes],
    hints: &'a [TokenHints],
}

fn decode(
    bits: u32,
    row: &impl Fn(usize) -> [f32; L],
    input: &Input<'_>,
    range: std::ops::Range<usize>,
    sc: &mut Scratch,
    out: &mut [NerLabel],
) {
    let Scratch {
        feats,
        buckets,
        offsets,
        emit,
        trans,
        back,
    } = sc;
    emit.clear();
    trans.clear();
    buckets.clear();
    offsets.clear();
    back.clear();
    for i in range {
        token_features(input.tokens, input.words, input.hints, i, feats);
        offsets.push(buckets.len());
        let mut e = [0f32; L];
        for &h in feats.iter() {
            let b = bucket_of(bits, h);
            buckets.push(b);
            for (acc, w) in e.iter_mut().zip(row(b)) {
                *acc += w;
            }
        }
        emit.push(e);
        let mut tr = [[0f32; L]; L];
        for (p, row_out) in tr.iter_mut().enumerate() {
            let mut lf = [0u64; 2];
            label_features(&input.words[i], p, &mut lf);
            for h in lf {
                for (acc, w) in row_out.iter_mut().zip(row(bucket_of(bits, h))) {
                    *acc += w;
                }
            }
        }
        trans.push(tr);
    }
    offsets.push(buckets.len());
    let (Some(first_emit), Some(first_trans)) = (emit.first(), trans.first()) else {
        return;
    };
    // Viterbi: best[y] = best score of a path ending in y; back pointers per position.
    let mut best = [f32::NEG_INFINITY; L];
    for (y, b) in best.iter_mut().enumerate() {
        if NerLabel::from_index(y).may_follow(NerLabel::O) {
            *b = first_emit[y] + first_trans[0][y];
        }
    }
    back.push([0u8; L]);
    for (e, tr) in emit.iter().zip(trans.iter()).skip(1) {
        let mut next = [f32::NEG_INFINITY; L];
        let mut bp = [0u8; L];
        for (y, nx) in next.iter_mut().enumerate() {
            let label = NerLabel::from_index(y);
            for (p, &bs) in best.iter().enumerate() {
                if bs == f32::NEG_INFINITY || !label.may_follow(NerLabel::from_index(p)) {
                    continue;
                }
                let v = bs + tr[p][y];
                if v > *nx {
                    *nx = v;
                    bp[y] = p as u8;
                }
            }
            *nx += e[y];
        }
        best = next;
        back.push(bp);
    }
    let mut y = (0..L)
        .max_by(|&a, &b| best[a].total_cmp(&best[b]).then(b.cmp(&a)))
        .unwrap_or(0);
    for (o, bp) in out.iter_mut().zip(back.iter()).rev() {
        *o = NerLabel::from_index(y);
        y = usize::from(bp[y]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::{read_conll, NerClass};

    fn data(text: &str) -> Vec<(Vec<AnalyzedToken>, Vec<TokenHints>, Vec<NerLabel>)> {
        read_conll(text)
            .iter()
            .map(|s| {
                let (t, _) = s.text();
                let a = marsad_text::analyze(&t);
                let labels = s.align(&a);
                (a.tokens, Vec::new(), labels)
            })
            .collect()
    }

    #[test]
    fn learns_a_trigger_context_and_round_trips() {
        let mut conll = String::new();
        for name in ["سامي", "نادر", "هشام", "وليد", "كريم", "باسل"] {
            conll.push_str(&format!(
                "قال O\nالباحث O\n{name} B-PERS\nإن O\nالوضع O\nصعب O\n\n"
            ));
            conll.push_str(&format!(
                "زار O\nالوفد O\nمدينة O\n{name}ية B-LOC\nأمس O\n\n"
            ));
        }
        let d = data(&conll);
        let model = NerModel::train(
            &d,
            TrainOptions {
                epochs: 5,
                seed: 1,
                bucket_bits: 12,
            },
        );
        let a = marsad_text::analyze("قال الباحث مازن إن الوضع صعب");
        let labels = model.tag(&a.tokens, &[]);
        assert_eq!(labels[2], NerLabel::Begin(NerClass::Person), "{labels:?}");
        assert_eq!(labels[0], NerLabel::O);
        let back = NerModel::from_bytes(&model.to_bytes()).expect("round trip");
        assert_eq!(back.tag(&a.tokens, &[]), labels);
    }

    #[test]
    fn decoding_keeps_bio_order_and_empty_input_is_fine() {
        let mut conll = String::new();
        for (a, b) in [("سامي", "نادر"), ("هشام", "وليد"), ("كريم", "باسل")]
        {
            conll.push_str(&format!(
                "قال O\nالوزير O\n{a} B-PERS\n{b} I-PERS\nأمس O\n\n"
            ));
            conll.push_str(&format!("في O\nمنظمة B-ORG\n{b} I-ORG\n{a} I-ORG\n\n"));
        }
        let model = NerModel::train(
            &data(&conll),
            TrainOptions {
                epochs: 4,
                seed: 3,
                bucket_bits: 12,
            },
        );
        for text in [
            "قال الوزير سامي باسل أمس. في منظمة نادر",
            "نادر",
            "",
            "123 ، ؟ abc",
        ] {
            let a = marsad_text::analyze(text);
            let labels = model.tag(&a.tokens, &[]);
            assert_eq!(labels.len(), a.tokens.len());
            for k in 0..labels.len() {
                let prev = if k == 0 || a.tokens[k].sentence != a.tokens[k - 1].sentence {
                    NerLabel::O
                } else {
                    labels[k - 1]
                };
                assert!(labels[k].may_follow(prev), "{text}: {labels:?}");
            }
        }
    }

    #[test]
    fn training_is_reproducible_for_a_seed() {
        let mut conll = String::new();
        for name in ["سامي", "نادر", "هشام"] {
            conll.push_str(&format!(
                "قال O\nالباحث O\n{name} B-PERS\n\nمدينة O\n{name} B-LOC\n\n"
            ));
        }
        let d = data(&conll);
        let opts = TrainOptions {
            epochs: 3,
            seed: 9,
            bucket_bits: 10,
        };
        assert_eq!(
            NerModel::train(&d, opts).to_bytes(),
            NerModel::train(&d, opts).to_bytes()
        );
    }

    #[test]
    fn rejects_garbage_models() {
        assert!(NerModel::from_bytes(b"nope").is_err());
        assert!(NerModel::from_bytes(b"MNER2\0\x12\0\0\0\0\0\x80\x3f").is_err());
    }
}
