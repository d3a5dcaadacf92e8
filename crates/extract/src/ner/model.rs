//! The averaged-perceptron model: weights, greedy decoding, training, (de)serialisation.

use super::features::{label_features, token_features, TokenHints};
use super::NerLabel;
use crate::Error;
use marsad_text::AnalyzedToken;

const MAGIC: &[u8; 6] = b"MNER1\0";
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
            epochs: 12,
            seed: 7,
            bucket_bits: 18,
        }
    }
}

/// Maps a feature hash to one of `2^bits` buckets.
fn bucket_of(bits: u32, h: u64) -> usize {
    ((h ^ (h >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

/// A trained tagger.
#[derive(Debug, Clone)]
pub struct NerModel {
    bits: u32,
    weights: Vec<f32>,
}

impl NerModel {
    /// An all-zero model (tags everything `O`).
    pub fn empty(bucket_bits: u32) -> NerModel {
        let bits = bucket_bits.clamp(8, 24);
        NerModel {
            bits,
            weights: vec![0.0; (1usize << bits) * L],
        }
    }

    fn bucket(&self, h: u64) -> usize {
        bucket_of(self.bits, h)
    }

    /// Labels every token. `hints` may be empty or hold one entry per token.
    pub fn tag(&self, tokens: &[AnalyzedToken], hints: &[TokenHints]) -> Vec<NerLabel> {
        let mut feats = Vec::with_capacity(48);
        let mut buckets = Vec::with_capacity(48);
        let mut out = Vec::with_capacity(tokens.len());
        let mut prev = NerLabel::O;
        for i in 0..tokens.len() {
            if i > 0 && tokens[i].sentence != tokens[i - 1].sentence {
                prev = NerLabel::O;
            }
            token_features(tokens, hints, i, &mut feats);
            buckets.clear();
            buckets.extend(feats.iter().map(|&h| self.bucket(h)));
            let label = self.best(tokens, i, &buckets, prev);
            out.push(label);
            prev = label;
        }
        out
    }

    fn scores(&self, tokens: &[AnalyzedToken], i: usize, buckets: &[usize], prev: NerLabel) -> [f32; L] {
        let mut s = [0f32; L];
        let mut lf = [0u64; 2];
        label_features(tokens, i, prev.index(), &mut lf);
        for b in buckets
            .iter()
            .copied()
            .chain(lf.iter().map(|&h| self.bucket(h)))
        {
            let row = &self.weights[b * L..b * L + L];
            for (acc, w) in s.iter_mut().zip(row) {
                *acc += *w;
            }
        }
        s
    }

    fn best(&self, tokens: &[AnalyzedToken], i: usize, buckets: &[usize], prev: NerLabel) -> NerLabel {
        let s = self.scores(tokens, i, buckets, prev);
        let mut best = NerLabel::O;
        let mut best_score = f32::NEG_INFINITY;
        for (k, &v) in s.iter().enumerate() {
            let l = NerLabel::from_index(k);
            if l.may_follow(prev) && v > best_score {
                best = l;
                best_score = v;
            }
        }
        best
    }

    /// Trains on sentences given as (tokens, hints, gold labels).
    pub fn train(data: &[(Vec<AnalyzedToken>, Vec<TokenHints>, Vec<NerLabel>)], opts: TrainOptions) -> NerModel {
        let mut model = NerModel::empty(opts.bucket_bits);
        let n = model.weights.len();
        let mut totals = vec![0f32; n];
        let mut c: f32 = 1.0;
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = opts.seed.max(1);
        let mut feats = Vec::new();
        let mut buckets = Vec::new();
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
                let mut prev_pred = NerLabel::O;
                let mut prev_gold = NerLabel::O;
                for i in 0..tokens.len().min(gold.len()) {
                    token_features(tokens, hints, i, &mut feats);
                    buckets.clear();
                    buckets.extend(feats.iter().map(|&h| model.bucket(h)));
                    let pred = model.best(tokens, i, &buckets, prev_pred);
                    let g = gold[i];
                    if pred != g {
                        let mut lf_g = [0u64; 2];
                        let mut lf_p = [0u64; 2];
                        label_features(tokens, i, prev_gold.index(), &mut lf_g);
                        label_features(tokens, i, prev_pred.index(), &mut lf_p);
                        let bucket = |h: u64| bucket_of(model.bits, h);
                        let mut changes: Vec<(usize, f32)> = Vec::with_capacity(buckets.len() * 2 + 4);
                        for &b in &buckets {
                            changes.push((b * L + g.index(), 1.0));
                            changes.push((b * L + pred.index(), -1.0));
                        }
                        for &h in &lf_g {
                            changes.push((bucket(h) * L + g.index(), 1.0));
                        }
                        for &h in &lf_p {
                            changes.push((bucket(h) * L + pred.index(), -1.0));
                        }
                        for (k, delta) in changes {
                            model.weights[k] += delta;
                            totals[k] += c * delta;
                        }
                    }
                    c += 1.0;
                    // Teacher forcing on the gold history keeps training stable.
                    prev_pred = g;
                    prev_gold = g;
                }
            }
        }
        for (w, t) in model.weights.iter_mut().zip(&totals) {
            *w -= *t / c;
        }
        model
    }

    /// Serialises: magic `MNER1\0`, u32 bucket bits, f32 scale, then one i16 per weight
    /// (bucket-major, 7 labels per bucket), all little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut out = Vec::with_capacity(14 + self.weights.len() * 2);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for w in &self.weights {
            let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
            out.extend_from_slice(&q.to_le_bytes());
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
        let weights = body
            .chunks_exact(2)
            .map(|c| f32::from(i16::from_le_bytes([c[0], c[1]])) * scale)
            .collect();
        Ok(NerModel { bits, weights })
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
            conll.push_str(&format!("قال O\nالباحث O\n{name} B-PERS\nإن O\nالوضع O\nصعب O\n\n"));
            conll.push_str(&format!("زار O\nالوفد O\nمدينة O\n{name}ية B-LOC\nأمس O\n\n"));
        }
        let d = data(&conll);
        let model = NerModel::train(&d, TrainOptions { epochs: 5, seed: 1, bucket_bits: 12 });
        let a = marsad_text::analyze("قال الباحث مازن إن الوضع صعب");
        let labels = model.tag(&a.tokens, &[]);
        assert_eq!(labels[2], NerLabel::Begin(NerClass::Person), "{labels:?}");
        assert_eq!(labels[0], NerLabel::O);
        let back = NerModel::from_bytes(&model.to_bytes()).expect("round trip");
        assert_eq!(back.tag(&a.tokens, &[]), labels);
    }

    #[test]
    fn rejects_garbage_models() {
        assert!(NerModel::from_bytes(b"nope").is_err());
        assert!(NerModel::from_bytes(b"MNER1\0\x12\0\0\0\0\0\x80\x3f").is_err());
    }
}
