//! A token-level trie over every phrase the entity stage looks for: knowledge-base
//! aliases, titles, directions, and the entity lexicons. Built once per knowledge base.
//!
//! Phrases are normalised (matching folding) and split on spaces; every distinct token
//! gets a number, so matching a text token costs one hash lookup and following a phrase
//! one more per token.

use super::lexicon::{StopClass, LEXICONS};
use crate::kb::{normalize_phrase, AliasKind, KnowledgeBase};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small multiply-rotate hasher (the Fx hash of rustc) for short keys: token
/// strings and trie edges. Not resistant to adversarial keys; the keys here come from
/// the knowledge base and the lexicons.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The remaining bytes, zero-padded, little-endian (no `memcpy` call).
            let mut word = 0u64;
            for (i, &b) in rest.iter().enumerate() {
                word |= u64::from(b) << (8 * i);
            }
            self.add(word);
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        // The multiply mixes best into the high bits; the table index is taken from the
        // low bits, so bring high bits down (as rustc-hash 2 does).
        self.0.rotate_left(26)
    }
}

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A `HashSet` with [`FastHasher`].
pub type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<FastHasher>>;

/// A bit filter over the ends (first and last four bytes: two Arabic letters each) and
/// length of a set of words: a cheap "certainly not in the set" before a hash lookup.
#[derive(Debug, Clone, Default)]
pub struct StartFilter {
    bits: Vec<u64>,
}

impl StartFilter {
    const BITS: usize = 1 << 16;

    fn bit(w: &str) -> usize {
        // First four bytes, last four bytes and length: many words share a start (`ال`).
        let b = w.as_bytes();
        let mut x = b.len() as u64;
        for (i, &c) in b.iter().take(4).enumerate() {
            x |= u64::from(c) << (8 * i + 8);
        }
        for (i, &c) in b.iter().rev().take(4).enumerate() {
            x ^= u64::from(c) << (8 * i + 32);
        }
        (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize % StartFilter::BITS
    }

    /// The filter of a set of words.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> StartFilter {
        let mut bits = vec![0u64; StartFilter::BITS / 64];
        for w in words {
            let b = StartFilter::bit(w);
            bits[b / 64] |= 1 << (b % 64);
        }
        StartFilter { bits }
    }

    /// False when `w` is certainly not one of the words (always true for an empty filter).
    #[inline]
    pub fn may_contain(&self, w: &str) -> bool {
        if self.bits.is_empty() {
            return true;
        }
        let b = StartFilter::bit(w);
        self.bits[b / 64] & (1 << (b % 64)) != 0
    }
}

/// What a phrase ending at a trie node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// A knowledge-base alias of an entity.
    Alias {
        /// Entity index.
        entity: u32,
        /// Name or nisba.
        kind: AliasKind,
    },
    /// A title (index into the KB's titles).
    Title(u32),
    /// A direction word (index into the KB's directions).
    Direction(u32),
    /// A person-introducing descriptor (index into the lexicon).
    Descriptor(u32),
    /// A place class word (index into the lexicon).
    Class(u32),
    /// An organisation head word (index into the lexicon).
    Head(u32),
    /// A region area word (index into the lexicon).
    Region(u32),
    /// A common given name.
    Given,
    /// A noun heading fixed names built from a person's name (`مستشفى`).
    Eponym,
    /// A stop word or modifier.
    Stop(StopClass),
}

/// A set of label kinds, one bit per [`Label`] variant (stop classes apart): which
/// kinds of phrase end at a trie node, so that a search for one kind passes other nodes
/// without reading their labels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Kinds(u16);

impl Kinds {
    /// No kind.
    pub const NONE: Kinds = Kinds(0);
    /// [`Label::Alias`].
    pub const ALIAS: Kinds = Kinds(1 << 0);
    /// [`Label::Title`].
    pub const TITLE: Kinds = Kinds(1 << 1);
    /// [`Label::Direction`].
    pub const DIRECTION: Kinds = Kinds(1 << 2);
    /// [`Label::Descriptor`].
    pub const DESCRIPTOR: Kinds = Kinds(1 << 3);
    /// [`Label::Class`].
    pub const CLASS: Kinds = Kinds(1 << 4);
    /// [`Label::Head`].
    pub const HEAD: Kinds = Kinds(1 << 5);
    /// [`Label::Region`].
    pub const REGION: Kinds = Kinds(1 << 6);
    /// [`Label::Given`].
    pub const GIVEN: Kinds = Kinds(1 << 7);
    /// [`Label::Eponym`].
    pub const EPONYM: Kinds = Kinds(1 << 8);
    /// [`Label::Stop`] with [`StopClass::Stop`].
    pub const STOP: Kinds = Kinds(1 << 9);
    /// [`Label::Stop`] with [`StopClass::Modifier`].
    pub const MODIFIER: Kinds = Kinds(1 << 10);

    /// The kind of a label.
    pub fn of(label: &Label) -> Kinds {
        match label {
            Label::Alias { .. } => Kinds::ALIAS,
            Label::Title(_) => Kinds::TITLE,
            Label::Direction(_) => Kinds::DIRECTION,
            Label::Descriptor(_) => Kinds::DESCRIPTOR,
            Label::Class(_) => Kinds::CLASS,
            Label::Head(_) => Kinds::HEAD,
            Label::Region(_) => Kinds::REGION,
            Label::Given => Kinds::GIVEN,
            Label::Eponym => Kinds::EPONYM,
            Label::Stop(StopClass::Stop) => Kinds::STOP,
            Label::Stop(StopClass::Modifier) => Kinds::MODIFIER,
        }
    }

    /// True when the two sets share a kind.
    #[inline]
    pub fn meets(self, other: Kinds) -> bool {
        self.0 & other.0 != 0
    }
}

impl std::ops::BitOr for Kinds {
    type Output = Kinds;
    #[inline]
    fn bitor(self, other: Kinds) -> Kinds {
        Kinds(self.0 | other.0)
    }
}

impl std::ops::BitOrAssign for Kinds {
    #[inline]
    fn bitor_assign(&mut self, other: Kinds) {
        self.0 |= other.0;
    }
}

/// The trie.
#[derive(Debug, Default)]
pub struct PhraseIndex {
    /// Every token of a phrase and its number. The keys are stored inline (up to 24
    /// bytes: nearly every Arabic word), so a lookup reads no second allocation.
    vocab: FastMap<marsad_text::CompactString, u32>,
    edges: FastMap<u64, u32>,
    /// The labels of the phrases while the index is built, each with its node, in the
    /// order they were inserted; sorted into `labels` and `label_starts` at the end (one
    /// list, not one vector per node).
    pending: Vec<(u32, Label)>,
    /// The labels of all nodes, node after node, in one array: reading a node's labels
    /// follows no pointer of its own.
    labels: Vec<Label>,
    /// Where the labels of every node start in `labels` (and, one more, where they end).
    label_starts: Vec<u32>,
    /// The kinds of the labels of every node.
    kinds: Vec<Kinds>,
    /// The node reached from the root by every token ([`ROOT`]: none), so that the
    /// first step of a phrase costs no hash lookup.
    from_root: Vec<u32>,
}

/// The root node.
pub const ROOT: u32 = 0;

impl PhraseIndex {
    /// Builds the index over a knowledge base and the bundled lexicons.
    pub fn build(kb: &KnowledgeBase) -> PhraseIndex {
        let mut ix = PhraseIndex::empty();
        // Sized for the aliases, nearly all the phrases, so the maps do not grow while
        // they fill: every token of an alias is at most one edge and one word.
        let alias_tokens: usize = kb
            .aliases()
            .map(|(a, _)| a.bytes().filter(|&b| b == b' ').count() + 1)
            .sum();
        ix.edges.reserve(alias_tokens);
        ix.vocab.reserve(alias_tokens / 2);
        ix.pending.reserve(alias_tokens);
        for (alias, targets) in kb.aliases() {
            for &(entity, kind) in targets {
                ix.insert(
                    alias,
                    Label::Alias {
                        entity: entity as u32,
                        kind,
                    },
                );
            }
        }
        for (i, t) in kb.titles().iter().enumerate() {
            ix.insert(&normalize_phrase(&t.title_ar), Label::Title(i as u32));
        }
        for (i, d) in kb.directions().iter().enumerate() {
            let w = normalize_phrase(&d.word);
            ix.insert(&w, Label::Direction(i as u32));
        }
        let lx = &*LEXICONS;
        for (i, d) in lx
            .descriptors
            .iter()
            .enumerate()
            .filter(|(_, d)| d.introduces)
        {
            ix.insert(&d.phrase, Label::Descriptor(i as u32));
        }
        for (i, c) in lx.classes.iter().enumerate() {
            ix.insert(&c.word, Label::Class(i as u32));
        }
        for (i, h) in lx.heads.iter().enumerate() {
            ix.insert(&h.phrase, Label::Head(i as u32));
        }
        for (i, r) in lx.regions.iter().enumerate() {
            ix.insert(&r.word, Label::Region(i as u32));
        }
        for w in lx.given_names.keys() {
            ix.insert(w, Label::Given);
        }
        for w in lx.eponym_heads.keys() {
            ix.insert(w, Label::Eponym);
        }
        for (w, c) in &lx.stop {
            ix.insert(w, Label::Stop(*c));
        }
        ix.flatten_labels();
        ix
    }

    /// An index with only the root node.
    fn empty() -> PhraseIndex {
        PhraseIndex {
            kinds: vec![Kinds::NONE],
            ..PhraseIndex::default()
        }
    }

    fn insert(&mut self, phrase: &str, label: Label) {
        if phrase.is_empty() {
            return;
        }
        let mut node = ROOT;
        for tok in marsad_text::tsv::split_ascii(phrase, b' ') {
            // A token met before costs a lookup, not an allocation.
            let id = match self.vocab.get(tok) {
                Some(&id) => id,
                None => {
                    let n = self.vocab.len() as u32;
                    self.vocab.insert(tok.into(), n);
                    n
                }
            };
            let key = (u64::from(node) << 32) | u64::from(id);
            let next = match self.edges.get(&key) {
                Some(&next) => next,
                None => {
                    let next = self.kinds.len() as u32;
                    self.kinds.push(Kinds::NONE);
                    self.edges.insert(key, next);
                    next
                }
            };
            if node == ROOT {
                let at = id as usize;
                if self.from_root.len() <= at {
                    self.from_root.resize(at + 1, ROOT);
                }
                self.from_root[at] = next;
            }
            node = next;
        }
        self.pending.push((node, label));
        self.kinds[node as usize] |= Kinds::of(&label);
    }

    /// Moves the pending labels into one array, node after node (see `labels`): a
    /// counting sort by node that keeps each node's labels in the order they were
    /// inserted, a label inserted twice at a node kept once.
    fn flatten_labels(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let nodes = self.kinds.len();
        // Where each node's labels start, counting repeats (dropped below).
        let mut at = vec![0u32; nodes + 1];
        for &(node, _) in &pending {
            at[node as usize + 1] += 1;
        }
        for k in 1..at.len() {
            at[k] += at[k - 1];
        }
        let mut grouped = vec![Label::Given; pending.len()];
        let mut next = at.clone();
        for (node, label) in pending {
            let slot = &mut next[node as usize];
            grouped[*slot as usize] = label;
            *slot += 1;
        }
        self.labels = Vec::with_capacity(grouped.len());
        self.label_starts = Vec::with_capacity(nodes + 1);
        for node in 0..nodes {
            let start = self.labels.len();
            self.label_starts.push(start as u32);
            for &label in &grouped[at[node] as usize..at[node + 1] as usize] {
                if !self.labels[start..].contains(&label) {
                    self.labels.push(label);
                }
            }
        }
        self.label_starts.push(self.labels.len() as u32);
    }

    /// The number of a normalised token, if any phrase uses it.
    pub fn token(&self, norm: &str) -> Option<u32> {
        self.vocab.get(norm).copied()
    }

    /// The node reached from `node` by token `tok`.
    pub fn step(&self, node: u32, tok: u32) -> Option<u32> {
        if node == ROOT {
            return self
                .from_root
                .get(tok as usize)
                .copied()
                .filter(|&next| next != ROOT);
        }
        self.edges
            .get(&((u64::from(node) << 32) | u64::from(tok)))
            .copied()
    }

    /// The kinds of the phrases ending at `node` ([`Kinds::NONE`] for a node no phrase
    /// ends at).
    #[inline]
    pub fn kinds(&self, node: u32) -> Kinds {
        self.kinds.get(node as usize).copied().unwrap_or_default()
    }

    /// The phrases ending at `node`.
    pub fn labels(&self, node: u32) -> &[Label] {
        let at = node as usize;
        match (self.label_starts.get(at), self.label_starts.get(at + 1)) {
            (Some(&a), Some(&b)) => self.labels.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every label variant, with both stop classes.
    fn all_labels() -> Vec<Label> {
        vec![
            Label::Alias {
                entity: 3,
                kind: AliasKind::Name,
            },
            Label::Alias {
                entity: 4,
                kind: AliasKind::Nisba,
            },
            Label::Title(1),
            Label::Direction(2),
            Label::Descriptor(0),
            Label::Class(5),
            Label::Head(6),
            Label::Region(7),
            Label::Given,
            Label::Eponym,
            Label::Stop(StopClass::Stop),
            Label::Stop(StopClass::Modifier),
        ]
    }

    #[test]
    fn kinds_tell_label_variants_apart() {
        let labels = all_labels();
        for a in &labels {
            assert!(Kinds::of(a).meets(Kinds::of(a)));
            for b in &labels {
                let same = std::mem::discriminant(a) == std::mem::discriminant(b)
                    && !matches!(
                        (a, b),
                        (Label::Stop(x), Label::Stop(y)) if x != y
                    );
                assert_eq!(Kinds::of(a).meets(Kinds::of(b)), same, "{a:?} {b:?}");
            }
        }
        assert!(!Kinds::NONE.meets(Kinds::ALIAS));
        assert!((Kinds::TITLE | Kinds::HEAD).meets(Kinds::HEAD));
        assert!(!(Kinds::TITLE | Kinds::HEAD).meets(Kinds::ALIAS | Kinds::GIVEN));
    }

    #[test]
    fn node_kinds_are_the_kinds_of_its_labels() {
        let kb = KnowledgeBase::bundled().expect("bundled knowledge base");
        let ix = &kb.index;
        assert_eq!(ix.kinds.len() + 1, ix.label_starts.len());
        assert!(ix.pending.is_empty());
        let mut seen = Kinds::NONE;
        for node in 0..ix.kinds.len() as u32 {
            let want = ix
                .labels(node)
                .iter()
                .fold(Kinds::NONE, |k, l| k | Kinds::of(l));
            assert_eq!(ix.kinds(node), want, "node {node}");
            seen |= want;
        }
        // The bundled index holds every kind of phrase.
        for l in all_labels() {
            assert!(seen.meets(Kinds::of(&l)), "{l:?}");
        }
        assert_eq!(ix.kinds(u32::MAX), Kinds::NONE);
    }

    #[test]
    fn flat_labels_are_the_labels_inserted() {
        let kb = KnowledgeBase::bundled().expect("bundled knowledge base");
        let mut ix = PhraseIndex::empty();
        let phrases = [
            ("الامم المتحدة", Label::Given),
            ("الامم المتحدة", Label::Title(2)),
            ("الامم", Label::Direction(1)),
            ("مجلس الامن الدولي", Label::Head(4)),
            ("الامم المتحدة", Label::Given),
        ];
        for (p, l) in phrases {
            ix.insert(p, l);
        }
        // The labels of each node, first insertions first, each once: read off the
        // pending list node by node.
        let before: Vec<Vec<Label>> = (0..ix.kinds.len() as u32)
            .map(|node| {
                let mut want: Vec<Label> = Vec::new();
                for &(n, l) in &ix.pending {
                    if n == node && !want.contains(&l) {
                        want.push(l);
                    }
                }
                want
            })
            .collect();
        ix.flatten_labels();
        assert_eq!(ix.label_starts.len(), before.len() + 1);
        for (node, want) in before.iter().enumerate() {
            assert_eq!(ix.labels(node as u32), want.as_slice(), "node {node}");
        }
        let un = ix.token("المتحدة").and_then(|t| {
            let first = ix.token("الامم")?;
            ix.step(ix.step(ROOT, first)?, t)
        });
        assert_eq!(
            un.map(|n| ix.labels(n).to_vec()),
            Some(vec![Label::Given, Label::Title(2)])
        );
        assert_eq!(ix.labels(before.len() as u32), &[] as &[Label]);
        assert!(!kb.index.labels.is_empty());
    }

    #[test]
    fn first_steps_agree_with_the_edges() {
        let kb = KnowledgeBase::bundled().expect("bundled knowledge base");
        let ix = &kb.index;
        let mut children = 0;
        for id in 0..ix.vocab.len() as u32 + 2 {
            let by_edge = ix
                .edges
                .get(&((u64::from(ROOT) << 32) | u64::from(id)))
                .copied();
            assert_eq!(ix.step(ROOT, id), by_edge, "token {id}");
            children += usize::from(by_edge.is_some());
        }
        assert!(children > 1000, "{children}");
        let w = ix.token("سوريا").expect("a state's name");
        assert!(ix.step(ROOT, w).is_some());
    }
}
