//! Feature extraction: each token becomes a short list of hashed feature ids.
//!
//! A token's strings are hashed once ([`WordHashes`]); the features of a token and of its
//! neighbours combine those hashes with cheap integer mixing, so no feature allocates.

use super::profile::ProfileCodes;
use marsad_text::{AnalyzedToken, TokenKind};

/// Per-token hints from outside the tagger: knowledge-base hits and word clusters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokenHints {
    /// The knowledge base matched a name over this token: (class index 0..3, is first token).
    pub kb: Option<(u8, bool)>,
    /// A distributional word-cluster bit string for the token's base, if known.
    pub cluster: Option<u32>,
    /// How common the token's base is in unlabelled news: 0 unseen, 1 (<10) … 5 (≥10,000).
    pub frequency: u8,
    /// Word-list bits (given name, trigger words, stop word): see [`super::triggers`].
    pub lexicon: u8,
    /// How the token's base, and the words beside it, were tagged across unlabelled
    /// news (see [`super::profile`]); all 0 when unknown.
    pub profile: ProfileCodes,
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Prefix lengths (bits) of a token's own cluster code read as features: the levels of
/// the cluster tree (see [`super::clusters`]), coarse to fine.
const OWN_CLUSTER_BITS: [u32; 4] = [4, 8, 12, 16];

/// Prefix lengths of a neighbour's (±1) cluster code read as features.
const NEIGHBOUR_CLUSTER_BITS: [u32; 3] = [4, 8, 12];

/// Prefix length of the cluster classes paired in the cluster-bigram features.
const CLASS_BITS: u32 = 12;

/// A cluster code's prefix of `bits` bits (1..=32).
#[inline]
fn cluster_prefix(code: u32, bits: u32) -> u64 {
    u64::from(code >> (32 - bits))
}

/// Hashes bytes eight at a time (a multiply–rotate hash; the bucket mapping mixes again).
pub(crate) fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = seed.wrapping_mul(K) ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(26) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = (h.rotate_left(26) ^ le_word(rest)).wrapping_mul(K);
    }
    h ^ (h >> 31)
}

fn shape(t: &AnalyzedToken) -> u64 {
    match t.kind {
        TokenKind::Number => 1,
        TokenKind::Latin => 2,
        TokenKind::Url => 3,
        TokenKind::Punct => 4,
        TokenKind::Symbol => 5,
        TokenKind::Word => match t.base.chars().count() {
            0..=2 => 6,
            3 => 7,
            4 => 8,
            5..=6 => 9,
            _ => 10,
        },
    }
}

/// Hashes of one token's strings, computed once per token and shared by the features of
/// its neighbours (so a token's text is hashed once, not once per template).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordHashes {
    norm: u64,
    pub(crate) base: u64,
    bare: u64,
    shape: u64,
    /// The first 1–4 characters of the base without article.
    prefix: [u64; 4],
    /// The last 1–4 characters of the base.
    suffix: [u64; 4],
    /// The proclitics (segments before the base), as one hash.
    proclitics: u64,
    /// The base starts with the article.
    article: bool,
}

/// Stands for a position before the start or past the end.
const PAD: WordHashes = WordHashes {
    norm: 0x5bd1_e995_0000_0001,
    base: 0x5bd1_e995_0000_0002,
    bare: 0x5bd1_e995_0000_0004,
    shape: 0x5bd1_e995_0000_0005,
    prefix: [0; 4],
    suffix: [0; 4],
    proclitics: 0,
    article: false,
};

/// Up to the first 8 bytes of `bytes[..end]` as a little-endian word, and the length.
#[inline]
fn packed(bytes: &[u8]) -> u64 {
    if bytes.len() > 8 {
        return hash_bytes(40, bytes);
    }
    le_word(bytes) ^ (bytes.len() as u64) << 59
}

/// Up to eight bytes as a little-endian word, zero-padded (`u64::from_le_bytes` of the
/// bytes followed by zeros), without a call to `memcpy` for the variable length.
#[inline]
fn le_word(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .take(8)
        .enumerate()
        .fold(0u64, |w, (k, &b)| w | u64::from(b) << (8 * k))
}

impl WordHashes {
    /// The hashes of one token.
    pub(crate) fn of(t: &AnalyzedToken) -> WordHashes {
        let bare = t.bare().as_bytes();
        let base = t.base.as_bytes();
        // Affixes of up to four characters: ends of the first four characters of the
        // bare base and starts of the last four of the base (UTF-8 lead bytes).
        let mut prefix = [0u64; 4];
        let mut end = 0;
        for p in prefix.iter_mut() {
            if end < bare.len() {
                end += 1;
                while end < bare.len() && bare[end] & 0xC0 == 0x80 {
                    end += 1;
                }
            }
            *p = packed(&bare[..end]);
        }
        let mut suffix = [0u64; 4];
        let mut start = base.len();
        for s in suffix.iter_mut() {
            if start > 0 {
                start -= 1;
                while start > 0 && base[start] & 0xC0 == 0x80 {
                    start -= 1;
                }
            }
            *s = packed(&base[start..]);
        }
        let mut proclitics = 13u64;
        for s in t.segments().iter().take_while(|s| s.as_bytes() != base) {
            proclitics = hash_bytes(proclitics, s.as_bytes());
        }
        let base_hash = hash_bytes(2, base);
        WordHashes {
            norm: if t.norm.len() == base.len() {
                base_hash ^ 1
            } else {
                hash_bytes(1, t.norm.as_bytes())
            },
            base: base_hash,
            bare: if bare.len() == base.len() {
                base_hash ^ 2
            } else {
                hash_bytes(4, bare)
            },
            shape: shape(t),
            prefix,
            suffix,
            proclitics,
            article: base.starts_with("ال".as_bytes()),
        }
    }
}

/// The item `j` places from `i` (negative: before it), if there is one.
#[inline]
fn around<T>(items: &[T], i: usize, j: isize) -> Option<&T> {
    i.checked_add_signed(j).and_then(|k| items.get(k))
}

/// Fills `out` with the hashes of every token.
pub(crate) fn word_hashes(tokens: &[AnalyzedToken], out: &mut Vec<WordHashes>) {
    out.clear();
    out.extend(tokens.iter().map(WordHashes::of));
}

/// Combines a template tag with up to two hashes (order matters). The high bits of the
/// result are well mixed.
#[inline]
fn mix_raw(template: u64, a: u64, b: u64) -> u64 {
    let h = a.rotate_left(23) ^ b ^ template.wrapping_mul(K);
    (h ^ (h >> 32)).wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

/// A feature id: its high bits choose a 64-byte line of four weight rows in the model,
/// its low two bits the row in the line (see [`grouped`]).
#[inline]
fn mix(template: u64, a: u64, b: u64) -> u64 {
    let h = mix_raw(template, a, b);
    (h & !3) | ((h >> 40) & 3)
}

/// A feature that shares its line with three relatives: the line is chosen by `key`
/// alone and `slot` (0..4) picks the row. Features of one word (or word pair) seen from
/// neighbouring positions then share a cache line, which the neighbouring tokens read
/// anyway, so tagging touches far fewer cold lines.
#[inline]
fn grouped(template: u64, key: u64, slot: u64) -> u64 {
    (mix_raw(template, key, 0) & !3) | (slot & 3)
}

/// Maps a feature id to one of `2^bits` weight rows: the high bits choose a line of four
/// rows, the low two bits the row (see [`grouped`]).
#[inline]
pub(crate) fn bucket_of(bits: u32, h: u64) -> u32 {
    (((h >> (66 - bits)) << 2) | (h & 3)) as u32
}

/// The two tables of emission rows a feature id may land in, one after the other.
///
/// * The **lexical** table holds the features of one word: its spelling, its base at
///   each offset, its word-list hints. They are many (one per word form), so the table is
///   large and collisions are few; tagging sums them once per word form (the word cache),
///   so its size costs little time.
/// * The **context** table holds the features read afresh at every token: word pairs,
///   shape pairs, knowledge-base hits, cluster bigrams. It is small enough to stay in
///   the processor's cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tables {
    /// log2 of the rows of the lexical table.
    pub lexical_bits: u32,
    /// log2 of the rows of the context table.
    pub context_bits: u32,
}

impl Tables {
    /// The tables of `lexical_bits` and `context_bits`, clamped to what a model may hold
    /// (2^8 to 2^24 rows each).
    pub fn new(lexical_bits: u32, context_bits: u32) -> Tables {
        Tables {
            lexical_bits: lexical_bits.clamp(8, 24),
            context_bits: context_bits.clamp(8, 24),
        }
    }

    /// The number of rows of both tables.
    pub fn rows(self) -> usize {
        (1usize << self.lexical_bits) + (1usize << self.context_bits)
    }

    /// The row of a lexical feature id.
    #[inline]
    fn lexical(self, h: u64) -> u32 {
        bucket_of(self.lexical_bits, h)
    }

    /// The row of a context feature id (after the lexical table).
    #[inline]
    fn context(self, h: u64) -> u32 {
        (1u32 << self.lexical_bits) + bucket_of(self.context_bits, h)
    }
}

/// Which of a token's features [`token_features`] produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FeatureSet {
    /// Every feature (training).
    All,
    /// Only those that read the token's own word and its word-list hints, the same
    /// wherever the word occurs: their summed weights can be remembered per word.
    Word,
}

impl FeatureSet {
    fn keeps(self, own: bool) -> bool {
        match self {
            FeatureSet::All => true,
            FeatureSet::Word => own,
        }
    }
}

/// Appends to `out` the weight rows (in `tables`) of the static (label-independent)
/// features of token `i`. `words` holds [`WordHashes`] of every token; `hints` is empty
/// or one per token.
pub(crate) fn token_features(
    words: &[WordHashes],
    hints: &[TokenHints],
    i: usize,
    tables: Tables,
    set: FeatureSet,
    out: &mut Vec<u32>,
) {
    let at = |j: isize| -> &WordHashes { around(words, i, j).unwrap_or(&PAD) };
    let hint = |j: isize| -> Option<&TokenHints> { around(hints, i, j) };
    // Where a feature comes from: the token's own word (see [`FeatureSet`]), a
    // neighbour's word (both in the lexical table), or the context.
    #[derive(Clone, Copy, PartialEq)]
    enum Source {
        Own,
        Neighbour,
        Context,
    }
    let mut put = |id: u64, from: Source| {
        if set.keeps(from == Source::Own) {
            out.push(match from {
                Source::Context => tables.context(id),
                _ => tables.lexical(id),
            });
        }
    };
    let own = |yes: bool| if yes { Source::Own } else { Source::Neighbour };
    let pair = |j: isize| mix_raw(199, at(j).base, at(j + 1).base);
    let w = at(0);
    // The word's own spelling features (skipped at once when only context is wanted).
    if set.keeps(true) {
        put(mix(1, w.norm, 0), Source::Own);
        put(mix(4, w.bare, 0), Source::Own);
        for n in 0..4 {
            put(mix(5 + n as u64, w.prefix[n], 0), Source::Own);
            put(mix(9 + n as u64, w.suffix[n], 0), Source::Own);
        }
        put(mix(13, w.proclitics, 0), Source::Own);
        put(mix(14, w.shape, 0), Source::Own);
    }
    // The bases at -2..=2 and the word pairs around the token: grouped by word (pair).
    put(grouped(200, w.base, 0), Source::Own);
    put(grouped(200, at(-1).base, 1), Source::Neighbour);
    put(grouped(200, at(1).base, 2), Source::Neighbour);
    put(grouped(200, at(-2).base, 3), Source::Neighbour);
    put(grouped(201, at(2).base, 0), Source::Neighbour);
    put(grouped(202, pair(-1), 0), Source::Context);
    put(grouped(202, pair(0), 1), Source::Context);
    put(grouped(202, pair(-2), 2), Source::Context);
    put(grouped(202, pair(1), 3), Source::Context);
    put(mix(23, u64::from(w.article), w.shape), Source::Own);
    put(mix(24, at(-1).shape, w.shape), Source::Context);
    put(mix(25, w.shape, at(1).shape), Source::Context);
    for (j, tag) in [(-2isize, 29u64), (-1, 30), (0, 31), (1, 32), (2, 33)] {
        let Some(h) = hint(j) else { continue };
        if let Some((c, first)) = h.kb {
            put(
                mix(tag, u64::from(c) * 2 + u64::from(first), 0),
                Source::Context,
            );
        }
        if h.lexicon != 0 {
            put(mix(tag + 70, u64::from(h.lexicon), 0), own(j == 0));
        }
        if j.abs() == 2 {
            continue;
        }
        if let Some(cl) = h.cluster {
            let prefixes: &[u32] = if j == 0 {
                &OWN_CLUSTER_BITS
            } else {
                &NEIGHBOUR_CLUSTER_BITS
            };
            for &k in prefixes {
                put(
                    mix(tag + 10, u64::from(k), cluster_prefix(cl, k)),
                    own(j == 0),
                );
            }
        }
        put(mix(tag + 40, u64::from(h.frequency), 0), own(j == 0));
        if j == 0 {
            put(mix(tag + 50, u64::from(h.frequency), w.shape), Source::Own);
        }
        let p = h.profile;
        // For the word before: with how often a name opens after it.
        if !p.is_unknown() {
            let v = if j == -1 { p.pack() } else { u64::from(p.own) };
            put(mix(tag + 100, v, 0), own(j == 0));
        }
    }
    if let (Some(p), Some(h)) = (hint(-1), hint(0)) {
        // A trigger word (or a known name) before an unseen or rare word.
        let v = u64::from(p.lexicon) << 16
            | u64::from(h.frequency.min(2)) << 8
            | u64::from(h.lexicon & 1);
        put(mix(120, v, 0), Source::Context);
    }
    // Cluster bigrams: the classes of the token and each neighbour.
    let class = |j: isize| {
        hint(j)
            .and_then(|h| h.cluster)
            .map_or(1 << 40, |c| cluster_prefix(c, CLASS_BITS))
    };
    put(mix(162, class(-1), class(0)), Source::Context);
    put(mix(163, class(0), class(1)), Source::Context);
}

/// The feature of a token's word-specific transition block (its base).
pub(crate) fn transition_feature(word: &WordHashes) -> u64 {
    mix(61, word.base, 0)
}

/// The offsets of a token's neighbours whose word-only features a word's neighbour
/// sums hold (see [`neighbour_features`]).
pub(crate) const NEIGHBOURS: [isize; 4] = [-2, -1, 1, 2];

impl WordHashes {
    /// The hashes standing for a position before the start or past the end.
    pub(crate) fn pad() -> WordHashes {
        PAD
    }

    /// The token's shape class.
    pub(crate) fn shape(&self) -> u64 {
        self.shape
    }
}

/// Appends to `out` the weight rows of the features of a token that read only its
/// neighbour at offset `j` (one of [`NEIGHBOURS`]): that word's base and its word-list
/// hints `h` (cluster, frequency, list bits, profile; not the knowledge-base hit). They are the
/// same wherever the word stands at that offset, so their sums can be remembered per
/// word. [`token_features`] with [`FeatureSet::All`] gives exactly these, the
/// [`FeatureSet::Word`] features of the token and the [`context_features`].
pub(crate) fn neighbour_features(
    w: &WordHashes,
    h: Option<&TokenHints>,
    j: isize,
    tables: Tables,
    out: &mut Vec<u32>,
) {
    let mut put = |id: u64| out.push(tables.lexical(id));
    let tag = match j {
        -2 => {
            put(grouped(200, w.base, 3));
            29
        }
        -1 => {
            put(grouped(200, w.base, 1));
            30
        }
        1 => {
            put(grouped(200, w.base, 2));
            32
        }
        _ => {
            put(grouped(201, w.base, 0));
            33
        }
    };
    let Some(h) = h else { return };
    if h.lexicon != 0 {
        put(mix(tag + 70, u64::from(h.lexicon), 0));
    }
    if j.abs() == 2 {
        return;
    }
    if let Some(cl) = h.cluster {
        for k in NEIGHBOUR_CLUSTER_BITS {
            put(mix(tag + 10, u64::from(k), cluster_prefix(cl, k)));
        }
    }
    put(mix(tag + 40, u64::from(h.frequency), 0));
    let p = h.profile;
    if !p.is_unknown() {
        let v = if j == -1 { p.pack() } else { u64::from(p.own) };
        put(mix(tag + 100, v, 0));
    }
}

/// What [`context_features`] reads of one token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TokenFacts {
    /// [`WordHashes::base`].
    pub(crate) base: u64,
    /// [`WordHashes::shape`].
    pub(crate) shape: u64,
    /// The token's hints, if it has any.
    pub(crate) hint: Option<TokenHints>,
}

/// The weight-row line (its first row) of the grouped feature of the word pair
/// `(a, b)` (bases); a token reads four rows of it, one per position of the pair.
pub(crate) fn pair_line(tables: Tables, a: u64, b: u64) -> u32 {
    tables.context(grouped(202, mix_raw(199, a, b), 0))
}

/// Appends to `out` the weight rows of token `i`'s features that depend on more than
/// one word or on the knowledge base: word pairs, shape pairs, knowledge-base hits,
/// trigger-before-rare-word, cluster bigrams. `pairs[k + 2]` is the [`pair_line`] of
/// the words at `k` and `k + 1` (for `k` from -2 to `facts.len()`, [`WordHashes::pad`]
/// out of range).
pub(crate) fn context_features(
    facts: &[TokenFacts],
    pairs: &[u32],
    i: usize,
    tables: Tables,
    out: &mut Vec<u32>,
) {
    let fact = |j: isize| -> Option<&TokenFacts> { around(facts, i, j) };
    let shape = |j: isize| fact(j).map_or(PAD.shape, |f| f.shape);
    let hint = |j: isize| fact(j).and_then(|f| f.hint.as_ref());
    for (slot, k) in [(0u32, i + 1), (1, i + 2), (2, i), (3, i + 3)] {
        if let Some(&line) = pairs.get(k) {
            out.push(line | slot);
        }
    }
    let mut put = |id: u64| out.push(tables.context(id));
    let own = shape(0);
    put(mix(24, shape(-1), own));
    put(mix(25, own, shape(1)));
    for (j, tag) in [(-2isize, 29u64), (-1, 30), (0, 31), (1, 32), (2, 33)] {
        if let Some((c, first)) = hint(j).and_then(|h| h.kb) {
            put(mix(tag, u64::from(c) * 2 + u64::from(first), 0));
        }
    }
    if let (Some(p), Some(h)) = (hint(-1), hint(0)) {
        let v = u64::from(p.lexicon) << 16
            | u64::from(h.frequency.min(2)) << 8
            | u64::from(h.lexicon & 1);
        put(mix(120, v, 0));
    }
    let class = |j: isize| {
        hint(j)
            .and_then(|h| h.cluster)
            .map_or(1 << 40, |c| cluster_prefix(c, CLASS_BITS))
    };
    put(mix(162, class(-1), class(0)));
    put(mix(163, class(0), class(1)));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every feature of every token, split the way tagging reads them: the token's own
    /// word features, those of each neighbour, and the context features.
    #[test]
    fn split_features_are_exactly_all_features() {
        let a = marsad_text::analyze(
            "قال الوزير سامر الخطيب إن الوفد زار مدينة حمص. وبالمدرسة 12 طالباً، abc ؟",
        );
        let words: Vec<WordHashes> = a.tokens.iter().map(WordHashes::of).collect();
        let n = words.len();
        let tables = Tables::new(12, 10);
        // Hints of every kind, and a shorter hint list (the last tokens without).
        let full: Vec<TokenHints> = (0..n)
            .map(|k| TokenHints {
                kb: (k % 3 == 1).then_some(((k % 7) as u8, k % 2 == 0)),
                cluster: (k % 4 != 0).then_some(0x9E37_79B9u32.wrapping_mul(k as u32 + 1)),
                frequency: (k % 6) as u8,
                lexicon: if k % 5 == 2 { 0 } else { (k * 11 % 128) as u8 },
                profile: ProfileCodes {
                    own: (k * 7 % 5) as u8,
                    precedes: (k % 3) as u8,
                },
            })
            .collect();
        for hints in [&full[..], &full[..n - 3], &[]] {
            let facts: Vec<TokenFacts> = words
                .iter()
                .enumerate()
                .map(|(k, w)| TokenFacts {
                    base: w.base,
                    shape: w.shape,
                    hint: hints.get(k).copied(),
                })
                .collect();
            let base = |k: isize| {
                usize::try_from(k)
                    .ok()
                    .and_then(|k| words.get(k))
                    .map_or(PAD.base, |w| w.base)
            };
            let pairs: Vec<u32> = (-2..=n as isize)
                .map(|k| pair_line(tables, base(k), base(k + 1)))
                .collect();
            for i in 0..n {
                let mut all = Vec::new();
                token_features(&words, hints, i, tables, FeatureSet::All, &mut all);
                let mut split = Vec::new();
                let own_hint: Vec<TokenHints> = hints
                    .get(i)
                    .map(|h| TokenHints { kb: None, ..*h })
                    .into_iter()
                    .collect();
                token_features(
                    &words[i..=i],
                    &own_hint,
                    0,
                    tables,
                    FeatureSet::Word,
                    &mut split,
                );
                for j in NEIGHBOURS {
                    let k = i as isize + j;
                    let (w, h) = match usize::try_from(k).ok().and_then(|k| words.get(k)) {
                        Some(w) => (w, hints.get(k as usize)),
                        None => (&PAD, None),
                    };
                    neighbour_features(w, h, j, tables, &mut split);
                }
                context_features(&facts, &pairs, i, tables, &mut split);
                all.sort_unstable();
                split.sort_unstable();
                assert_eq!(all, split, "token {i} of {n}, {} hints", hints.len());
            }
        }
    }
}
