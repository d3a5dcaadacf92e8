//! The averaged-perceptron model: weights, Viterbi decoding, training, (de)serialisation.
//!
//! Scores come from three tables: an emission row of 8 `i16` (7 labels and a pad, one
//! aligned 16-byte load) per hashed feature bucket (a large lexical table and a small
//! context one, see [`Tables`]), one dense label-to-label transition matrix, and per
//! hashed word (the token's base) an 8 × 8 block of word-specific transition weights
//! (one 128-byte, cache-aligned load per token).
//!
//! At tagging time most of a token's score depends on one word alone: its own spelling
//! and word-list features, and the features its neighbours read of it. Those sums are
//! kept per word form in a per-thread cache ([`WordCache`]), so a token costs a few
//! pre-summed vectors and the rows of its word-pair and knowledge-base features.
//! Training decodes the plain way (every feature of every token).

use super::features::{
    bucket_of, context_features, neighbour_features, pair_line, token_features, transition_feature,
    word_hashes, FeatureSet, Tables, TokenFacts, TokenHints, WordHashes, NEIGHBOURS,
};
use super::profile::{ProfileCodes, WordProfile};
use super::{NerClass, NerLabel};
use crate::Error;
use marsad_text::words::prefetch;
use marsad_text::AnalyzedToken;

const MAGIC: &[u8; 6] = b"MNER5\0";
const L: usize = NerLabel::COUNT;
/// Lanes of a stored row (labels padded to 8).
const W: usize = 8;
const HEADER: usize = 26;

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// Seed of the shuffling.
    pub seed: u64,
    /// log2 of the number of rows of the lexical feature table (see [`Tables`]).
    pub lexical_bits: u32,
    /// log2 of the number of rows of the context feature table.
    pub context_bits: u32,
    /// log2 of the number of hashed word-transition blocks.
    pub word_bits: u32,
    /// Bias against `O` stored with the model (see [`NerModel::with_outside_bias`]).
    pub outside_bias: f32,
    /// Independent runs (shuffles) whose weights are averaged.
    pub runs: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 10,
            seed: 7,
            lexical_bits: 17,
            context_bits: 16,
            word_bits: 10,
            outside_bias: 0.0,
            runs: 1,
        }
    }
}

impl TrainOptions {
    /// The emission tables and word-block bits of the model, clamped to what a model
    /// may hold.
    fn layout(&self) -> (Tables, u32) {
        (
            Tables::new(self.lexical_bits, self.context_bits),
            self.word_bits.clamp(8, 20),
        )
    }
}

/// One emission row: the weights of the 7 labels and a zero pad.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(16))]
struct Row([i16; W]);

/// Word-specific transition weights: `[previous label][label]`, padded to 8 × 8.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(64))]
struct Block([[i16; W]; W]);

/// Reused buffers of one decoding, with scores of type `S`.
#[derive(Debug, Default)]
struct Scratch<S> {
    buckets: Vec<u32>,
    offsets: Vec<usize>,
    blocks: Vec<u32>,
    /// Emission scores, all 8 lanes (the pad too, so the sums stay one vector add).
    emit: Vec<[S; W]>,
    trans: Vec<[[S; L]; L]>,
    back: Vec<[u8; L]>,
}

/// A path score: `i32` in units of the scale for the shipped model, `f32` in training.
trait Score: Copy + PartialOrd + std::ops::Add<Output = Self> {
    /// The score of a forbidden transition (I-X after anything but B-X or I-X): far
    /// below any real path, yet safe to add a few times.
    const FORBIDDEN: Self;
}

impl Score for i32 {
    const FORBIDDEN: i32 = -(1 << 28);
}

impl Score for f32 {
    const FORBIDDEN: f32 = -1e30;
}

/// The transition scores of label pairs that BIO forbids, as a mask `[previous][label]`.
fn forbidden(p: usize, y: usize) -> bool {
    !NerLabel::from_index(y).may_follow(NerLabel::from_index(p))
}

/// Where the scores come from: the quantised model, or float weights while training.
trait Weights {
    /// The score type.
    type S: Score;
    /// The summed emission scores of some feature buckets.
    fn emission(&self, buckets: &[u32]) -> [Self::S; W];
    /// [`Weights::emission`] without the tagging-time `O` bias (for partial sums that
    /// are added to a full one).
    fn emission_plain(&self, buckets: &[u32]) -> [Self::S; W] {
        self.emission(buckets)
    }
    /// The transition scores `[previous][label]` of a token with word block `block`
    /// (forbidden pairs score [`Score::FORBIDDEN`]).
    fn transitions(&self, block: usize) -> [[Self::S; L]; L];
}

/// Float weights laid out as `emission rows | transition matrix | word blocks`.
struct Dense<'a> {
    w: &'a [f32],
    trans_at: usize,
    blocks_at: usize,
}

impl Weights for Dense<'_> {
    type S = f32;

    fn emission(&self, buckets: &[u32]) -> [f32; W] {
        let mut e = [0f32; W];
        for &b in buckets {
            let r = &self.w[b as usize * W..b as usize * W + L];
            for (acc, x) in e.iter_mut().zip(r) {
                *acc += x;
            }
        }
        e
    }

    fn transitions(&self, block: usize) -> [[f32; L]; L] {
        let b = self.blocks_at + block * W * W;
        std::array::from_fn(|p| {
            std::array::from_fn(|y| {
                if forbidden(p, y) {
                    f32::FORBIDDEN
                } else {
                    self.w[self.trans_at + p * W + y] + self.w[b + p * W + y]
                }
            })
        })
    }
}

/// A trained tagger: quantised weights (`i16 × scale`).
#[derive(Debug, Clone)]
pub struct NerModel {
    /// Tells models apart for the per-thread [`WordCache`] (clones share it: same weights).
    id: u64,
    tables: Tables,
    word_bits: u32,
    scale: f32,
    rows: Vec<Row>,
    trans: [[i16; W]; W],
    blocks: Vec<Block>,
    /// `trans` widened, with forbidden pairs at [`Score::FORBIDDEN`].
    trans_wide: [[i32; L]; L],
    /// `trans_wide` padded to 8 lanes (pad lanes 0), for the tagging-time Viterbi.
    trans_rows: [[i32; W]; L],
    /// Subtracted from every `O` score (in weight units): above 0 trades precision for
    /// recall.
    outside_bias: f32,
    /// `outside_bias` in units of the scale.
    outside_units: i32,
    /// The word profiles the model was trained with (see [`super::profile`]).
    profile: std::sync::Arc<WordProfile>,
}

impl Weights for NerModel {
    type S = i32;

    #[inline]
    fn emission(&self, buckets: &[u32]) -> [i32; W] {
        let mut e = self.emission_plain(buckets);
        e[0] -= self.outside_units;
        e
    }

    #[inline]
    fn emission_plain(&self, buckets: &[u32]) -> [i32; W] {
        // Two 4-lane halves kept in registers (one aligned row load each feature).
        let (mut lo, mut hi) = ([0i32; 4], [0i32; 4]);
        for &b in buckets {
            let Some(Row(r)) = self.rows.get(b as usize) else {
                continue;
            };
            for k in 0..4 {
                lo[k] += i32::from(r[k]);
                hi[k] += i32::from(r[k + 4]);
            }
        }
        [lo[0], lo[1], lo[2], lo[3], hi[0], hi[1], hi[2], hi[3]]
    }

    #[inline]
    fn transitions(&self, block: usize) -> [[i32; L]; L] {
        let b = &self.blocks[block & (self.blocks.len() - 1)];
        std::array::from_fn(|p| {
            std::array::from_fn(|y| self.trans_wide[p][y] + i32::from(b.0[p][y]))
        })
    }
}

/// Widens the transition matrix and marks the forbidden pairs.
fn widen(trans: &[[i16; W]; W]) -> [[i32; L]; L] {
    std::array::from_fn(|p| {
        std::array::from_fn(|y| {
            if forbidden(p, y) {
                i32::FORBIDDEN
            } else {
                i32::from(trans[p][y])
            }
        })
    })
}

/// Rows of 7 labels padded to 8 lanes with zeros.
fn pad_rows(t: &[[i32; L]; L]) -> [[i32; W]; L] {
    std::array::from_fn(|p| std::array::from_fn(|y| if y < L { t[p][y] } else { 0 }))
}

impl NerModel {
    /// An all-zero model (tags everything `O`) with the smallest tables.
    pub fn empty() -> NerModel {
        let tables = Tables::new(8, 8);
        NerModel {
            id: next_model_id(),
            tables,
            word_bits: 8,
            scale: 1.0,
            rows: vec![Row::default(); tables.rows()],
            trans: [[0; W]; W],
            blocks: vec![Block::default(); 1 << 8],
            trans_wide: widen(&[[0; W]; W]),
            trans_rows: pad_rows(&widen(&[[0; W]; W])),
            outside_bias: 0.0,
            outside_units: 0,
            profile: Default::default(),
        }
    }

    /// Quantises float weights laid out as in [`Dense`] (the scale maps the largest
    /// magnitude to `i16::MAX`).
    fn quantise(tables: Tables, word_bits: u32, weights: &[f32]) -> NerModel {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let q = |w: f32| (w / scale).round().clamp(-32767.0, 32767.0) as i16;
        let nb = tables.rows();
        let trans_at = nb * W;
        let blocks_at = trans_at + W * W;
        let rows = (0..nb)
            .map(|b| Row(std::array::from_fn(|k| q(weights[b * W + k]))))
            .collect();
        let trans =
            std::array::from_fn(|p| std::array::from_fn(|y| q(weights[trans_at + p * W + y])));
        let blocks = (0..1usize << word_bits)
            .map(|b| {
                let at = blocks_at + b * W * W;
                Block(std::array::from_fn(|p| {
                    std::array::from_fn(|y| q(weights[at + p * W + y]))
                }))
            })
            .collect();
        NerModel::from_parts(tables, word_bits, scale, rows, trans, blocks)
    }

    /// A model from its tables (no `O` bias; see [`NerModel::with_outside_bias`]).
    fn from_parts(
        tables: Tables,
        word_bits: u32,
        scale: f32,
        rows: Vec<Row>,
        trans: [[i16; W]; W],
        blocks: Vec<Block>,
    ) -> NerModel {
        NerModel {
            id: next_model_id(),
            tables,
            word_bits,
            scale,
            rows,
            trans,
            blocks,
            trans_wide: widen(&trans),
            trans_rows: pad_rows(&widen(&trans)),
            outside_bias: 0.0,
            outside_units: 0,
            profile: Default::default(),
        }
    }

    /// The same model with the word profiles it was trained with, which tagging looks
    /// up (a new model as far as the per-thread word cache goes).
    pub fn with_profile(mut self, profile: WordProfile) -> NerModel {
        self.profile = std::sync::Arc::new(profile);
        self.id = next_model_id();
        self
    }

    /// The word profiles of the model (empty for a model trained without).
    pub fn profile(&self) -> &WordProfile {
        &self.profile
    }

    /// The same model with `bias` (in weight units, ≥ 0) subtracted from every `O` score
    /// when tagging: the perceptron is cautious, and a small bias buys recall.
    pub fn with_outside_bias(mut self, bias: f32) -> NerModel {
        let bias = if bias.is_finite() { bias.max(0.0) } else { 0.0 };
        self.outside_bias = bias;
        self.outside_units = (bias / self.scale).round().min(1e8) as i32;
        self
    }

    /// Labels every token (Viterbi over the first-order label chain; each sentence of
    /// the analysis starts afresh). `hints` may be empty or hold one entry per token.
    pub fn tag(&self, tokens: &[AnalyzedToken], hints: &[TokenHints]) -> Vec<NerLabel> {
        if hints.len() > tokens.len() {
            // Hints past the last token still count as neighbours' hints: the plain way.
            return self.tag_plain(tokens, hints);
        }
        with_cache(|cache| {
            let mut out = vec![NerLabel::O; tokens.len()];
            self.tag_cached(tokens, Hints::Given(hints), cache, &mut out);
            out
        })
    }

    /// [`NerModel::tag`] with the hints of [`super::hints_for`] made on the way (the
    /// word-list facts of each word form are looked up once per thread, not once per
    /// token): the labels, and for [`super::propagate_names`] the hints and each
    /// token's [`super::word_key`].
    pub(crate) fn tag_with_hints(
        &self,
        tokens: &[AnalyzedToken],
        kb_hits: &[Option<(NerClass, bool)>],
    ) -> (Vec<NerLabel>, Vec<TokenHints>, Vec<u64>) {
        with_cache(|cache| {
            let mut out = vec![NerLabel::O; tokens.len()];
            self.tag_cached(tokens, Hints::Lookup(kb_hits), cache, &mut out);
            // Room for a hint per token up front: collected from `filter_map` the vector
            // would start small and grow (copying) many times over a long text.
            let mut hints = Vec::with_capacity(cache.facts.len());
            hints.extend(cache.facts.iter().filter_map(|f| f.hint));
            (out, hints, cache.facts.iter().map(|f| f.base).collect())
        })
    }

    /// [`NerModel::tag`] the plain way: every feature of every token read afresh (the
    /// reference the cached way must agree with).
    fn tag_plain(&self, tokens: &[AnalyzedToken], hints: &[TokenHints]) -> Vec<NerLabel> {
        let mut scratch = Scratch::<i32>::default();
        let mut words = Vec::new();
        word_hashes(tokens, &mut words);
        let mut out = vec![NerLabel::O; tokens.len()];
        for run in sentence_runs(tokens) {
            let input = Input {
                words: &words,
                hints,
            };
            decode(
                (self.tables, self.word_bits),
                self,
                &input,
                run.clone(),
                &mut scratch,
                &mut out[run],
            );
        }
        out
    }

    /// Tags with the per-thread [`WordCache`]: each token's word-only features (its own,
    /// and those its neighbours read of it) come summed from the cache, then the
    /// features of word pairs and knowledge-base hits are added, then Viterbi runs per
    /// sentence. Integer sums, so the labels are exactly those of
    /// [`NerModel::tag_plain`]. Leaves each token's facts in `cache.facts`.
    fn tag_cached(
        &self,
        tokens: &[AnalyzedToken],
        hints: Hints<'_>,
        cache: &mut WordCache,
        out: &mut [NerLabel],
    ) {
        cache.prepare(self);
        let n = tokens.len();
        let WordCache {
            views,
            pad,
            facts,
            blocks,
            emit,
            pairs,
            buckets,
            back,
            keys,
            offsets,
            fresh,
            made,
            ..
        } = cache;
        facts.clear();
        blocks.clear();
        emit.clear();
        emit.resize(n, [0; W]);
        let mask = views.len() - 1;
        let slot = |key: u64| (key >> 20) as usize & mask;
        // First every key (pure arithmetic), then a prefetch of every slot (the cache is
        // far bigger than the processor's), then the work on slots now close at hand.
        keys.clear();
        keys.extend(tokens.iter().enumerate().map(|(k, t)| {
            let given = match hints {
                Hints::Given(h) => Some(h.get(k)),
                Hints::Lookup(_) => None,
            };
            view_key(t, given)
        }));
        for &key in keys.iter() {
            prefetch(&views[slot(key)]);
        }
        let given = |k: usize| match hints {
            Hints::Given(h) => Some(h.get(k)),
            Hints::Lookup(_) => None,
        };
        // The word forms not in the cache, each once: their hashes and hints first (the
        // word-list probes kept in flight together), then all their rows, then the sums.
        fresh.clear();
        fresh.extend(
            keys.iter()
                .enumerate()
                .filter(|(_, &key)| views[slot(key)].key != key)
                .map(|(k, &key)| (key, k)),
        );
        fresh.sort_unstable_by_key(|x| x.0);
        fresh.dedup_by_key(|x| x.0);
        made.clear();
        made.extend(
            fresh
                .iter()
                .map(|&(_, k)| (WordHashes::of(&tokens[k]), None)),
        );
        // The word-list probes in a loop of their own, to keep many in flight.
        for ((_, k), (w, hint)) in fresh.iter().zip(made.iter_mut()) {
            *hint = view_hint(&tokens[*k], w, given(*k), &self.profile);
        }
        buckets.clear();
        offsets.clear();
        for (w, hint) in made.iter() {
            self.view_buckets(w, hint.as_ref(), buckets, offsets);
        }
        offsets.push(buckets.len());
        for (j, (&(key, _), (w, hint))) in fresh.iter().zip(made.iter()).enumerate() {
            let at = &offsets[j * 5..j * 5 + 6];
            if let Some(ahead) = offsets.get((j + 2) * 5..(j + 2) * 5 + 6) {
                for &b in &buckets[ahead[0]..ahead[5]] {
                    if let Some(r) = self.rows.get(b as usize) {
                        prefetch(r);
                    }
                }
            }
            let sums = std::array::from_fn(|d| self.emission_plain(&buckets[at[d]..at[d + 1]]));
            views[slot(key)] = self.assemble(key, w, *hint, sums);
        }
        for (k, t) in tokens.iter().enumerate() {
            let key = keys[k];
            let v = &mut views[slot(key)];
            if v.key != key {
                // Another new word of the text took the slot.
                let (w, hint) = self.view_source(t, given(k));
                buckets.clear();
                offsets.clear();
                self.view_buckets(&w, hint.as_ref(), buckets, offsets);
                offsets.push(buckets.len());
                let sums = std::array::from_fn(|d| {
                    self.emission_plain(&buckets[offsets[d]..offsets[d + 1]])
                });
                *v = self.assemble(key, &w, hint, sums);
            }
            let hint = v.hint().map(|mut h| {
                h.kb = match hints {
                    Hints::Given(g) => g.get(k).and_then(|g| g.kb),
                    Hints::Lookup(kb) => kb
                        .get(k)
                        .copied()
                        .flatten()
                        .map(|(c, first)| (NerLabel::Begin(c).index() as u8, first)),
                };
                h
            });
            facts.push(TokenFacts {
                base: v.base,
                shape: u64::from(v.shape),
                hint,
            });
            blocks.push(v.block);
            add(&mut emit[k], &v.own);
            // The word at k is the neighbour at offset j of the token at k - j.
            for (d, &j) in NEIGHBOURS.iter().enumerate() {
                if let Some(e) = k.checked_add_signed(-j).and_then(|i| emit.get_mut(i)) {
                    add(e, &v.near[d]);
                }
            }
        }
        // Neighbours out of the text are padding.
        for (d, &j) in NEIGHBOURS.iter().enumerate() {
            let range = if j < 0 {
                0..n.min(j.unsigned_abs())
            } else {
                n.saturating_sub(j.unsigned_abs())..n
            };
            for e in &mut emit[range] {
                add(e, &pad[d]);
            }
        }
        let pad_base = WordHashes::pad().base;
        let base = |k: isize| {
            usize::try_from(k)
                .ok()
                .and_then(|k| facts.get(k))
                .map_or(pad_base, |f| f.base)
        };
        pairs.clear();
        pairs.extend((-2..=n as isize).map(|k| pair_line(self.tables, base(k), base(k + 1))));
        // Every token's context rows first, then their reads (independent cache misses
        // kept in flight together).
        buckets.clear();
        offsets.clear();
        for i in 0..n {
            offsets.push(buckets.len());
            context_features(facts, pairs, i, self.tables, buckets);
        }
        offsets.push(buckets.len());
        for (k, (e, at)) in emit.iter_mut().zip(offsets.windows(2)).enumerate() {
            // The rows of a token some positions ahead are fetched while this one sums.
            if let Some(ahead) = offsets.get(k + ROWS_AHEAD..k + ROWS_AHEAD + 2) {
                for &b in &buckets[ahead[0]..ahead[1]] {
                    if let Some(r) = self.rows.get(b as usize) {
                        prefetch(r);
                    }
                }
            }
            add(e, &self.emission(&buckets[at[0]..at[1]]));
        }
        for run in sentence_runs(&tokens[..n]) {
            self.viterbi(
                &emit[run.clone()],
                &blocks[run.clone()],
                back,
                &mut out[run],
            );
        }
    }

    /// What a token's [`WordView`] is made from: its hashes and its word-list hints
    /// (`given` by the caller, `None`: looked up), without the knowledge-base hit.
    fn view_source(
        &self,
        t: &AnalyzedToken,
        given: Option<Option<&TokenHints>>,
    ) -> (WordHashes, Option<TokenHints>) {
        let w = WordHashes::of(t);
        (w, view_hint(t, &w, given, &self.profile))
    }

    /// Appends the rows of a view's five sums (its own word features, then those of
    /// each offset of [`NEIGHBOURS`]) to `out`, and where each starts to `starts`.
    fn view_buckets(
        &self,
        w: &WordHashes,
        hint: Option<&TokenHints>,
        out: &mut Vec<u32>,
        starts: &mut Vec<usize>,
    ) {
        starts.push(out.len());
        token_features(
            std::slice::from_ref(w),
            hint.map(std::slice::from_ref).unwrap_or_default(),
            0,
            self.tables,
            FeatureSet::Word,
            out,
        );
        for j in NEIGHBOURS {
            starts.push(out.len());
            neighbour_features(w, hint, j, self.tables, out);
        }
    }

    /// A [`WordView`] from its source and its five sums (see [`NerModel::view_buckets`]).
    fn assemble(
        &self,
        key: u64,
        w: &WordHashes,
        hint: Option<TokenHints>,
        sums: [[i32; W]; 5],
    ) -> WordView {
        let [own, near @ ..] = sums;
        WordView {
            key,
            base: w.base,
            block: bucket_of(self.word_bits, transition_feature(w))
                & (self.blocks.len() - 1) as u32,
            cluster: hint.and_then(|h| h.cluster).unwrap_or(0),
            frequency: hint.map_or(0, |h| h.frequency),
            lexicon: hint.map_or(0, |h| h.lexicon),
            profile: hint.map_or(ProfileCodes::default(), |h| h.profile),
            flags: u8::from(hint.is_some())
                | u8::from(hint.is_some_and(|h| h.cluster.is_some())) << 1,
            shape: w.shape() as u8,
            own,
            near,
        }
    }

    /// Viterbi over one sentence: `emit` the emission scores (the `O` bias included),
    /// `blocks` each token's word-transition block.
    fn viterbi(
        &self,
        emit: &[[i32; W]],
        blocks: &[u32],
        back: &mut Vec<[u8; W]>,
        out: &mut [NerLabel],
    ) {
        let (Some(first), Some(&b0)) = (emit.first(), blocks.first()) else {
            return;
        };
        back.clear();
        // The sentence starts after an `O`.
        let blk = &self.blocks[b0 as usize].0;
        let mut best: [i32; W] = std::array::from_fn(|y| {
            first[y]
                .wrapping_add(self.trans_rows[0][y])
                .wrapping_add(i32::from(blk[0][y]))
        });
        back.push([0; W]);
        for (e, &b) in emit.iter().zip(blocks).skip(1) {
            let blk = &self.blocks[b as usize].0;
            let score = |p: usize| -> [i32; W] {
                std::array::from_fn(|y| {
                    best[p]
                        .wrapping_add(self.trans_rows[p][y])
                        .wrapping_add(i32::from(blk[p][y]))
                })
            };
            let mut m = score(0);
            let mut bp = [0i32; W];
            for p in 1..L {
                let v = score(p);
                for y in 0..W {
                    let better = v[y] > m[y];
                    m[y] = if better { v[y] } else { m[y] };
                    bp[y] = if better { p as i32 } else { bp[y] };
                }
            }
            best = std::array::from_fn(|y| m[y].wrapping_add(e[y]));
            back.push(std::array::from_fn(|y| bp[y] as u8));
        }
        backtrace(&best[..L], back, out);
    }

    /// Trains on sentences given as (tokens, hints, gold labels): a structured perceptron
    /// (Viterbi decoding, updates on the differing labels and transitions), averaged.
    pub fn train(
        data: &[(Vec<AnalyzedToken>, Vec<TokenHints>, Vec<NerLabel>)],
        opts: TrainOptions,
    ) -> NerModel {
        NerModel::train_weighted(data, &[], opts)
    }

    /// [`NerModel::train`] with a weight per sentence (missing weights are 1): a
    /// sentence's updates are scaled by its weight, so out-of-domain data can count less.
    pub fn train_weighted(
        data: &[(Vec<AnalyzedToken>, Vec<TokenHints>, Vec<NerLabel>)],
        sentence_weights: &[f32],
        opts: TrainOptions,
    ) -> NerModel {
        let (tables, word_bits) = opts.layout();
        let runs = opts.runs.max(1);
        let mut sum = Vec::new();
        for r in 0..runs {
            let seed = opts.seed.wrapping_add(r as u64 * 0x9E37_79B9);
            let w = averaged_perceptron(data, sentence_weights, opts, seed);
            if sum.is_empty() {
                sum = w;
            } else {
                sum.iter_mut().zip(&w).for_each(|(s, x)| *s += x);
            }
        }
        sum.iter_mut().for_each(|s| *s /= runs as f32);
        NerModel::quantise(tables, word_bits, &sum).with_outside_bias(opts.outside_bias)
    }
}

/// One averaged-perceptron run over `data` shuffled with `seed`: the float weights in
/// the layout of [`Dense`].
fn averaged_perceptron(
    data: &[(Vec<AnalyzedToken>, Vec<TokenHints>, Vec<NerLabel>)],
    sentence_weights: &[f32],
    opts: TrainOptions,
    seed: u64,
) -> Vec<f32> {
    {
        let (tables, word_bits) = opts.layout();
        let trans_at = tables.rows() * W;
        let blocks_at = trans_at + W * W;
        let mut weights = vec![0f32; blocks_at + (1usize << word_bits) * W * W];
        let mut totals = vec![0f32; weights.len()];
        let mut c: f32 = 1.0;
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = seed.max(1);
        let mut sc = Scratch::<f32>::default();
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
                let weight = sentence_weights.get(d).copied().unwrap_or(1.0);
                let len = tokens.len().min(gold.len());
                if len == 0 {
                    continue;
                }
                pred.clear();
                pred.resize(len, NerLabel::O);
                word_hashes(&tokens[..len], &mut words);
                {
                    let dense = Dense {
                        w: &weights,
                        trans_at,
                        blocks_at,
                    };
                    let input = Input {
                        words: &words,
                        hints,
                    };
                    decode(
                        (tables, word_bits),
                        &dense,
                        &input,
                        0..len,
                        &mut sc,
                        &mut pred,
                    );
                }
                let mut update = |k: usize, delta: f32, w: &mut [f32]| {
                    w[k] += delta * weight;
                    totals[k] += c * delta * weight;
                };
                for i in 0..len {
                    let (g, p) = (gold[i], pred[i]);
                    if g != p {
                        for &b in &sc.buckets[sc.offsets[i]..sc.offsets[i + 1]] {
                            update(b as usize * W + g.index(), 1.0, &mut weights);
                            update(b as usize * W + p.index(), -1.0, &mut weights);
                        }
                    }
                    let gp = if i == 0 { NerLabel::O } else { gold[i - 1] };
                    let pp = if i == 0 { NerLabel::O } else { pred[i - 1] };
                    if (gp, g) != (pp, p) {
                        let block = blocks_at + sc.blocks[i] as usize * W * W;
                        for (prev, label, delta) in [(gp, g, 1.0), (pp, p, -1.0)] {
                            let cell = prev.index() * W + label.index();
                            update(trans_at + cell, delta, &mut weights);
                            update(block + cell, delta, &mut weights);
                        }
                    }
                }
                c += 1.0;
            }
        }
        for (w, t) in weights.iter_mut().zip(&totals) {
            *w -= *t / c;
        }
        weights
    }
}

impl NerModel {
    /// Serialises, all little-endian: magic `MNER5\0`, u32 lexical-table bits, u32
    /// context-table bits, u32 word-block bits, f32 scale, f32 outside bias; then the
    /// emission rows of both tables, sparse (most rows of the lexical table are never
    /// touched): a bitmap of the rows that are not all zero (bit `r % 8` of byte `r / 8`)
    /// and 7 `i16` per such row; then `i16` weights: the 7 × 7 transition matrix, 7 × 7
    /// per word block (previous label major); then the word profiles: a u32 count and
    /// that many u64 ([`WordProfile::packed`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + self.rows.len() / 8);
        out.extend_from_slice(MAGIC);
        for v in [
            self.tables.lexical_bits,
            self.tables.context_bits,
            self.word_bits,
        ] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&self.outside_bias.to_le_bytes());
        let used = |r: &Row| r.0.iter().any(|&w| w != 0);
        let mut bitmap = vec![0u8; self.rows.len().div_ceil(8)];
        for (k, r) in self.rows.iter().enumerate() {
            if used(r) {
                bitmap[k / 8] |= 1 << (k % 8);
            }
        }
        out.extend_from_slice(&bitmap);
        let mut put = |w: i16| out.extend_from_slice(&w.to_le_bytes());
        for r in self.rows.iter().filter(|r| used(r)) {
            r.0[..L].iter().for_each(|&w| put(w));
        }
        for p in &self.trans[..L] {
            p[..L].iter().for_each(|&w| put(w));
        }
        for b in &self.blocks {
            for p in &b.0[..L] {
                p[..L].iter().for_each(|&w| put(w));
            }
        }
        let packed = self.profile.packed();
        out.extend_from_slice(&(packed.len() as u32).to_le_bytes());
        for v in packed {
            out.extend_from_slice(&v.to_le_bytes());
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
        if bytes.len() < HEADER || &bytes[..6] != MAGIC {
            return Err(bad("not a marsad NER model (MNER5)"));
        }
        let truncated = || bad("truncated model");
        let mut cur = Cursor { bytes, at: 6 };
        let mut u32_next = || cur.u32().ok_or_else(truncated);
        let (lexical_bits, context_bits, word_bits) = (u32_next()?, u32_next()?, u32_next()?);
        let scale = f32::from_bits(u32_next()?);
        let outside_bias = f32::from_bits(u32_next()?);
        let in_range = |b: u32| (8..=24).contains(&b);
        if !in_range(lexical_bits) || !in_range(context_bits) || !(8..=20).contains(&word_bits) {
            return Err(bad("table bits out of range"));
        }
        if !scale.is_finite() || scale <= 0.0 {
            return Err(bad("bad weight scale"));
        }
        let tables = Tables::new(lexical_bits, context_bits);
        let nw = 1usize << word_bits;
        let bitmap = cur.take(tables.rows().div_ceil(8)).ok_or_else(truncated)?;
        let used = |k: usize| bitmap[k / 8] & (1 << (k % 8)) != 0;
        let n_used = bitmap
            .iter()
            .map(|b| b.count_ones() as usize)
            .sum::<usize>();
        let body = cur
            .take((n_used * L + L * L + nw * L * L) * 2)
            .ok_or_else(truncated)?;
        // The body holds whole rows of `L` weights (its length is checked above); each
        // is read into the first `L` lanes of a zeroed row.
        let mut stored = body.chunks_exact(2 * L);
        let mut row = || -> [i16; W] { row_from_le_bytes(stored.next().unwrap_or(&[])) };
        let rows = (0..tables.rows())
            .map(|k| if used(k) { Row(row()) } else { Row::default() })
            .collect();
        let trans = std::array::from_fn(|p| if p < L { row() } else { [0; W] });
        let blocks = (0..nw)
            .map(|_| Block(std::array::from_fn(|p| if p < L { row() } else { [0; W] })))
            .collect();
        let n = cur.u32().ok_or_else(truncated)? as usize;
        let entries = cur.take(n.saturating_mul(8)).ok_or_else(truncated)?;
        if cur.at != bytes.len() {
            return Err(bad("trailing bytes after the model"));
        }
        let profile = WordProfile::from_packed(entries.chunks_exact(8).map(|c| {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            u64::from_le_bytes(b)
        }));
        let mut model = NerModel::from_parts(tables, word_bits, scale, rows, trans, blocks)
            .with_outside_bias(outside_bias);
        model.profile = std::sync::Arc::new(profile);
        Ok(model)
    }

    /// The model shipped in the binary (an empty one if the file is a placeholder).
    pub fn bundled() -> &'static NerModel {
        static MODEL: std::sync::LazyLock<NerModel> = std::sync::LazyLock::new(|| {
            NerModel::from_bytes(include_bytes!("../../data/ner/model.bin"))
                .unwrap_or_else(|_| NerModel::empty())
        });
        &MODEL
    }
}

/// A row of weights from up to `W` little-endian `i16`s (`bytes`: two per weight); the
/// lanes past them are zero.
fn row_from_le_bytes(bytes: &[u8]) -> [i16; W] {
    let mut row = [0i16; W];
    for (w, b) in row.iter_mut().zip(bytes.chunks_exact(2)) {
        *w = i16::from_le_bytes([b[0], b[1]]);
    }
    row
}

/// Reads a model's bytes front to back.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    /// The next `n` bytes (`None` past the end).
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let part = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(part)
    }

    /// The next little-endian `u32`.
    fn u32(&mut self) -> Option<u32> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// One stretch of tokens to decode, with what its features read.
struct Input<'a> {
    words: &'a [WordHashes],
    hints: &'a [TokenHints],
}

/// log2 of the number of word forms a [`WordCache`] remembers (192 bytes each).
const WORD_CACHE_BITS: u32 = 16;

/// Where the hints of a tagging come from.
#[derive(Clone, Copy)]
enum Hints<'a> {
    /// Given by the caller (empty, or one per token).
    Given(&'a [TokenHints]),
    /// Looked up in the word lists, with these knowledge-base hits (empty, or one per
    /// token).
    Lookup(&'a [Option<(NerClass, bool)>]),
}

/// One word form's share of tagging under one model, with the hints it was made with:
/// the summed weights of its own word-only features ([`FeatureSet::Word`]) and of those
/// its neighbours read of it ([`neighbour_features`]), its word-transition block and
/// what the other features read of it. Exact integer sums, so the same whichever
/// token they are used for.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(64))]
struct WordView {
    /// [`view_key`] of the token (0: an empty slot).
    key: u64,
    /// [`WordHashes::base`].
    base: u64,
    /// Word-transition block.
    block: u32,
    /// Cluster signature (when `flags & 2`).
    cluster: u32,
    frequency: u8,
    lexicon: u8,
    profile: ProfileCodes,
    /// 1: made with hints; 2: the hints hold a cluster.
    flags: u8,
    /// [`WordHashes::shape`].
    shape: u8,
    own: [i32; W],
    /// Per offset of [`NEIGHBOURS`].
    near: [[i32; W]; 4],
}

impl WordView {
    /// The word-list hints the view was made with (no knowledge-base hit).
    fn hint(&self) -> Option<TokenHints> {
        (self.flags & 1 != 0).then_some(TokenHints {
            kb: None,
            cluster: (self.flags & 2 != 0).then_some(self.cluster),
            frequency: self.frequency,
            lexicon: self.lexicon,
            profile: self.profile,
        })
    }
}

/// A key for everything a [`WordView`] is made of: the token's kind and strings, and
/// the hints when the caller gives them (`given`; `None`: looked up, which depends on
/// the strings alone). Never 0. (Inlined into the loop of [`NerModel::tag_cached`]
/// over every token: left to itself the compiler sometimes calls it.)
#[inline]
fn view_key(t: &AnalyzedToken, given: Option<Option<&TokenHints>>) -> u64 {
    let mut h = fold(0x2d35_8dcc_aa6c_78a5, t.kind as u64 + 1);
    h = fold_str(h, t.norm.as_bytes());
    h = fold_str(h, t.base.as_bytes());
    h = fold(h, u64::from(t.clitics.code()));
    if let Some(given) = given {
        let hints = given.map_or(1 << 63, |h| {
            u64::from(h.cluster.unwrap_or(0))
                | u64::from(h.cluster.is_some()) << 32
                | u64::from(h.frequency) << 40
                | u64::from(h.lexicon) << 48
                | 1 << 56
        });
        h = fold(h ^ 0x5851_f42d_4c95_7f2d, hints);
        h = fold(h, given.map_or(0, |g| g.profile.pack()));
    }
    h | 1
}

/// Folds the word `x` into the running hash `h` (a folded 128-bit multiply).
#[inline]
fn fold(h: u64, x: u64) -> u64 {
    let r = u128::from(x ^ 0x9E37_79B9_7F4A_7C15) * u128::from(h ^ 0xe703_7ed1_a0b4_28db);
    (r as u64) ^ (r >> 64) as u64
}

/// Folds a string into the running hash `h`: its length, then its bytes a word at a
/// time (the last word overlapping, so no byte loop; with the length, the words read
/// determine the bytes).
#[inline]
fn fold_str(h: u64, b: &[u8]) -> u64 {
    let n = b.len();
    let word = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let half = |at: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&b[at..at + 4]);
        u64::from(u32::from_le_bytes(w))
    };
    let h = h ^ (n as u64).wrapping_mul(0x8ebc_6af0_9c88_c6e3);
    match n {
        0 => fold(h, 0),
        1..=3 => fold(
            h,
            u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16,
        ),
        4..=8 => fold(h, half(0) | half(n - 4) << 32),
        _ => {
            let mut h = h;
            let mut at = 0;
            while at + 8 < n {
                h = fold(h, word(at));
                at += 8;
            }
            fold(h, word(n - 8))
        }
    }
}

/// Per thread: the [`WordView`]s of recently seen word forms (direct-mapped, bounded)
/// under one model, and the reused buffers of a tagging.
#[derive(Debug, Default)]
struct WordCache {
    /// The [`NerModel::id`] the views belong to.
    model: u64,
    views: Vec<WordView>,
    /// Neighbour sums of a position out of the text.
    pad: [[i32; W]; 4],
    facts: Vec<TokenFacts>,
    blocks: Vec<u32>,
    emit: Vec<[i32; W]>,
    pairs: Vec<u32>,
    buckets: Vec<u32>,
    back: Vec<[u8; W]>,
    tmp: Vec<u32>,
    keys: Vec<u64>,
    offsets: Vec<usize>,
    /// (key, first token) of the word forms of a text new to the cache.
    fresh: Vec<(u64, usize)>,
    /// What their views are made from.
    made: Vec<(WordHashes, Option<TokenHints>)>,
}

impl WordCache {
    /// Empties the cache if it holds another model's views (a new cache gets
    /// `2^WORD_CACHE_BITS` slots; one given slots keeps their number).
    fn prepare(&mut self, model: &NerModel) {
        if self.model == model.id && !self.views.is_empty() {
            return;
        }
        self.model = model.id;
        let size = match self.views.len() {
            0 => 1 << WORD_CACHE_BITS,
            n => n.next_power_of_two(),
        };
        self.views.clear();
        self.views.resize(size, WordView::default());
        let pad = WordHashes::pad();
        self.pad = std::array::from_fn(|d| {
            self.tmp.clear();
            neighbour_features(&pad, None, NEIGHBOURS[d], model.tables, &mut self.tmp);
            model.emission_plain(&self.tmp)
        });
    }
}

/// Runs `f` with this thread's [`WordCache`] (a fresh one if it is in use).
fn with_cache<R>(f: impl FnOnce(&mut WordCache) -> R) -> R {
    thread_local! {
        static CACHE: std::cell::RefCell<WordCache> = std::cell::RefCell::default();
    }
    CACHE.with(|cell| match cell.try_borrow_mut() {
        Ok(mut cache) => f(&mut cache),
        Err(_) => f(&mut WordCache::default()),
    })
}

/// The word-list hints of a token with hashes `w`: `given` by the caller (without
/// the knowledge-base hit), or looked up (`None`).
#[inline]
fn view_hint(
    t: &AnalyzedToken,
    w: &WordHashes,
    given: Option<Option<&TokenHints>>,
    profile: &WordProfile,
) -> Option<TokenHints> {
    match given {
        Some(h) => h.map(|h| TokenHints { kb: None, ..*h }),
        None => {
            let (info, lexicon) = super::words::lookup_hashed(t, w.base);
            Some(TokenHints {
                kb: None,
                cluster: info.cluster,
                frequency: info.frequency,
                lexicon,
                profile: profile.get(w.base),
            })
        }
    }
}

/// Tokens ahead whose context rows are prefetched while a token's are summed.
const ROWS_AHEAD: usize = 10;

/// Adds `b` to `a`, lane by lane (wrapping, as the score arithmetic).
#[inline]
fn add(a: &mut [i32; W], b: &[i32; W]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x = x.wrapping_add(*y);
    }
}

/// A fresh id for a model (see [`WordCache`]).
fn next_model_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Fills the scratch's emission and transition tables for `range` and runs Viterbi.
/// `tables` are the emission tables, `word_bits` the word-block bucket bits.
fn decode<M: Weights<S = S>, S: Score>(
    (tables, word_bits): (Tables, u32),
    weights: &M,
    input: &Input<'_>,
    range: std::ops::Range<usize>,
    sc: &mut Scratch<S>,
    out: &mut [NerLabel],
) {
    let Scratch {
        buckets,
        offsets,
        blocks,
        emit,
        trans,
        back,
    } = sc;
    emit.clear();
    trans.clear();
    buckets.clear();
    offsets.clear();
    blocks.clear();
    back.clear();
    // First every bucket (pure arithmetic), then the table reads: separate loops let the
    // processor keep many independent cache misses in flight.
    for i in range {
        offsets.push(buckets.len());
        token_features(
            input.words,
            input.hints,
            i,
            tables,
            FeatureSet::All,
            buckets,
        );
        blocks.push(bucket_of(word_bits, transition_feature(&input.words[i])));
    }
    offsets.push(buckets.len());
    for (k, &block) in blocks.iter().enumerate() {
        emit.push(weights.emission(&buckets[offsets[k]..offsets[k + 1]]));
        trans.push(weights.transitions(block as usize));
    }
    let (Some(first_emit), Some(first_trans)) = (emit.first(), trans.first()) else {
        return;
    };
    // Viterbi: best[y] = best score of a path ending in y; back pointers per position.
    // The sentence starts after an `O`.
    let mut best: [M::S; L] = std::array::from_fn(|y| first_emit[y] + first_trans[0][y]);
    back.push([0u8; L]);
    for (e, tr) in emit.iter().zip(trans.iter()).skip(1) {
        let mut bp = [0u8; L];
        let next: [M::S; L] = std::array::from_fn(|y| {
            let mut m = best[0] + tr[0][y];
            for p in 1..L {
                let v = best[p] + tr[p][y];
                if v > m {
                    m = v;
                    bp[y] = p as u8;
                }
            }
            m + e[y]
        });
        best = next;
        back.push(bp);
    }
    backtrace(&best, back, out);
}

/// The token ranges of the sentences of `tokens`, in order (runs of one `sentence`).
fn sentence_runs(tokens: &[AnalyzedToken]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        let s = tokens.get(start)?.sentence;
        let end = start
            + tokens[start..]
                .iter()
                .take_while(|t| t.sentence == s)
                .count();
        let run = start..end;
        start = end;
        Some(run)
    })
}

/// The end of Viterbi: the best final label of `best` (one score per label), then the
/// back pointers (`back[k][y]`: the label before `y` at position `k`) read backwards
/// into `out`.
fn backtrace<S: PartialOrd, const N: usize>(best: &[S], back: &[[u8; N]], out: &mut [NerLabel]) {
    let mut y = 0;
    for k in 1..best.len() {
        if best[k] > best[y] {
            y = k;
        }
    }
    for (o, bp) in out.iter_mut().zip(back.iter()).rev() {
        *o = NerLabel::from_index(y);
        y = usize::from(bp[y]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::{read_conll, NerClass};

    #[test]
    fn a_row_read_from_bytes_is_the_weights_one_by_one() {
        // Weights of every sign and size, rows of every length up to `W` (and past it).
        let weights: Vec<i16> = (0..40)
            .map(|k: i32| ((k * 7919) % 65536 - 32768) as i16)
            .collect();
        let bytes: Vec<u8> = weights.iter().flat_map(|w| w.to_le_bytes()).collect();
        for n in 0..=W + 2 {
            let part = &bytes[..2 * n];
            let want: [i16; W] = std::array::from_fn(|k| if k < n { weights[k] } else { 0 });
            assert_eq!(row_from_le_bytes(part), want, "{n} weights");
        }
        // An odd byte at the end is no weight.
        assert_eq!(row_from_le_bytes(&bytes[..3])[1], 0);
    }

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
                lexical_bits: 12,
                context_bits: 10,
                word_bits: 8,
                outside_bias: 0.0,
                runs: 1,
            },
        );
        let a = marsad_text::analyze("قال الباحث مازن إن الوضع صعب");
        let labels = model.tag(&a.tokens, &[]);
        assert_eq!(labels[2], NerLabel::Begin(NerClass::Person), "{labels:?}");
        assert_eq!(labels[0], NerLabel::O);
        let bytes = model.to_bytes();
        let back = NerModel::from_bytes(&bytes).expect("round trip");
        assert_eq!(back.tag(&a.tokens, &[]), labels);
        // The sparse rows come back exactly: every weight, in its row.
        assert_eq!(back.to_bytes(), bytes);
        assert!(back.rows.iter().zip(&model.rows).all(|(x, y)| x.0 == y.0));
        // A bias against O is stored with the model and only adds names.
        let eager = model.clone().with_outside_bias(1e6);
        let back = NerModel::from_bytes(&eager.to_bytes()).expect("round trip");
        let eager_labels = back.tag(&a.tokens, &[]);
        assert_eq!(eager_labels, eager.tag(&a.tokens, &[]));
        assert!(
            eager_labels.iter().all(|l| *l != NerLabel::O),
            "{eager_labels:?}"
        );
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
                lexical_bits: 12,
                context_bits: 10,
                word_bits: 8,
                outside_bias: 0.0,
                runs: 1,
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
            lexical_bits: 10,
            context_bits: 8,
            word_bits: 8,
            outside_bias: 0.0,
            runs: 1,
        };
        assert_eq!(
            NerModel::train(&d, opts).to_bytes(),
            NerModel::train(&d, opts).to_bytes()
        );
    }

    #[test]
    fn cached_tagging_gives_the_labels_and_scores_of_plain_tagging() {
        let model = NerModel::bundled().clone().with_outside_bias(0.3);
        let text = "قال الوزير سامر الخطيب إن الوفد زار مدينة حمص أمس. \
                    وأعلنت منظمة الأمل للتنمية في بيروت أن سامر الخطيب سيزور حمص. \
                    وبالمدرسة 12 طالباً، abc ؟";
        let a = marsad_text::analyze(text);
        let n = a.tokens.len();
        let kb: Vec<Option<(NerClass, bool)>> = (0..n)
            .map(|k| (k % 9 == 3).then_some((NerClass::Loc, true)))
            .collect();
        let mut hints = crate::ner::hints_for(&a.tokens, &kb);
        for (h, t) in hints.iter_mut().zip(&a.tokens) {
            h.profile = model.profile().get(crate::ner::word_key(t));
        }
        assert!(hints.iter().any(|h| h.profile.own > 1), "{hints:?}");
        // Twice each: the second time every word form comes from the cache.
        for _ in 0..2 {
            let plain = model.tag_plain(&a.tokens, &hints);
            assert!(plain.iter().any(|l| *l != NerLabel::O), "{plain:?}");
            assert_eq!(model.tag(&a.tokens, &hints), plain);
            let keys: Vec<u64> = a.tokens.iter().map(crate::ner::word_key).collect();
            assert_eq!(
                model.tag_with_hints(&a.tokens, &kb),
                (plain, hints.clone(), keys)
            );
            let none = model.tag_plain(&a.tokens, &[]);
            assert_eq!(model.tag(&a.tokens, &[]), none);
            assert_eq!(
                model.tag(&a.tokens, &hints[..n / 2]),
                model.tag_plain(&a.tokens, &hints[..n / 2])
            );
        }
        // A cache of two slots: the words of a text keep taking each other's slots.
        let mut small = WordCache {
            views: vec![WordView::default(); 2],
            ..WordCache::default()
        };
        let mut out = vec![NerLabel::O; n];
        model.tag_cached(&a.tokens, Hints::Given(&hints), &mut small, &mut out);
        assert_eq!(out, model.tag_plain(&a.tokens, &hints));
        // The emission scores too, not only the best path.
        with_cache(|cache| {
            let mut out = vec![NerLabel::O; n];
            model.tag_cached(&a.tokens, Hints::Given(&hints), cache, &mut out);
            let mut words = Vec::new();
            word_hashes(&a.tokens, &mut words);
            let mut buckets = Vec::new();
            for (i, e) in cache.emit.iter().enumerate() {
                buckets.clear();
                token_features(
                    &words,
                    &hints,
                    i,
                    model.tables,
                    FeatureSet::All,
                    &mut buckets,
                );
                assert_eq!(*e, model.emission(&buckets), "token {i}");
            }
        });
    }

    #[test]
    fn word_profiles_travel_with_the_model_and_name_unseen_words() {
        use crate::ner::profile::{LabelCounts, ProfileCodes, WordProfile};
        let person = LabelCounts {
            seen: 100,
            inside: [90, 0, 0],
            begin: [90, 0, 0],
            ..Default::default()
        }
        .code(3);
        let names = [
            "سامي", "نادر", "هشام", "وليد", "كريم", "باسل", "مازن", "فادي",
        ];
        let nouns = ["كتاب", "قلم", "باب", "شباك", "طعام", "ماء", "ورق", "حجر"];
        let mut conll = String::new();
        for (name, noun) in names.iter().zip(nouns) {
            conll.push_str(&format!("رأى O\n{name} B-PERS\nأمس O\n\n"));
            conll.push_str(&format!("رأى O\n{noun} O\nأمس O\n\n"));
        }
        let key = |w: &str| crate::ner::word_key(&marsad_text::analyze(w).tokens[0]);
        let profile_of = |people: &[&str], things: &[&str]| {
            WordProfile::from_codes(
                people
                    .iter()
                    .map(|w| {
                        (
                            key(w),
                            ProfileCodes {
                                own: person,
                                precedes: 0,
                            },
                        )
                    })
                    .chain(things.iter().map(|w| {
                        (
                            key(w),
                            ProfileCodes {
                                own: 1,
                                precedes: 0,
                            },
                        )
                    })),
            )
        };
        // Hints that hold nothing but the profile (the word lists know these names).
        let profiled = |tokens: &[AnalyzedToken], p: &WordProfile| -> Vec<TokenHints> {
            tokens
                .iter()
                .map(|t| TokenHints {
                    profile: p.get(crate::ner::word_key(t)),
                    ..Default::default()
                })
                .collect()
        };
        let profile = profile_of(&names, &nouns);
        let d: Vec<_> = data(&conll)
            .into_iter()
            .map(|(t, _, g)| (profiled(&t, &profile), t, g))
            .map(|(h, t, g)| (t, h, g))
            .collect();
        let opts = TrainOptions {
            epochs: 8,
            seed: 3,
            lexical_bits: 12,
            context_bits: 10,
            word_bits: 8,
            outside_bias: 0.0,
            runs: 1,
        };
        // Unseen words: one the corpus calls a person, one it calls a plain word.
        let a = marsad_text::analyze("رأى عزت أمس\nرأى جوز أمس");
        let (izzat, nut) = (1, 4);
        let model = NerModel::train(&d, opts).with_profile(profile_of(&["عزت"], &["جوز"]));
        // How much more a person than nothing each token looks, under a model's own
        // profiles.
        let margins = |m: &NerModel| -> Vec<i32> {
            let hints = profiled(&a.tokens, m.profile());
            with_cache(|cache| {
                let mut out = vec![NerLabel::O; a.tokens.len()];
                m.tag_cached(&a.tokens, Hints::Given(&hints), cache, &mut out);
                let person = NerLabel::Begin(NerClass::Person).index();
                cache.emit.iter().map(|e| e[person] - e[0]).collect()
            })
        };
        let m = margins(&model);
        assert!(m[izzat] > m[nut], "{m:?}");
        let back = NerModel::from_bytes(&model.to_bytes()).expect("round trip");
        assert_eq!(back.profile(), model.profile());
        assert_eq!(margins(&back), m);
        // The same weights with the profiles swapped swap the order.
        let swapped = model.with_profile(profile_of(&["جوز"], &["عزت"]));
        let m = margins(&swapped);
        assert!(m[nut] > m[izzat], "{m:?}");
    }

    #[test]
    fn rejects_garbage_models() {
        assert!(NerModel::from_bytes(b"nope").is_err());
        // Models of the one-table format are refused, not misread.
        assert!(NerModel::from_bytes(b"MNER4\0\x12\0\0\0\x08\0\0\0\0\0\x80\x3f\0\0\0\0").is_err());
        let mut bytes = NerModel::empty().to_bytes();
        assert!(NerModel::from_bytes(&bytes).is_ok());
        // Table bits out of range.
        let mut wide = bytes.clone();
        wide[6..10].copy_from_slice(&30u32.to_le_bytes());
        assert!(NerModel::from_bytes(&wide).is_err());
        // Trailing bytes.
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(NerModel::from_bytes(&longer).is_err());
        // A profile count past the end of the file.
        let n = bytes.len();
        bytes[n - 4..].copy_from_slice(&7u32.to_le_bytes());
        assert!(NerModel::from_bytes(&bytes).is_err());
        bytes.truncate(n - 2);
        assert!(NerModel::from_bytes(&bytes).is_err());
    }
}
