//! The memory of word forms already analysed: [`WordTable`].
//!
//! News repeats its vocabulary: in 18 MB of SaudiNewsNet, 1.9 M tokens are ~150 k
//! distinct forms. Normalisation, clitic segmentation and stemming depend on the form
//! alone, so the text layer works them out once per form and looks them up afterwards.
//!
//! Layout, chosen for lookups that touch as few cache lines as possible: one
//! open-addressing array of small [`Entry`] records (full 64-bit hash, lengths, clitic
//! codes) and one byte arena where each form's key, normalised form, base and stem sit
//! side by side. A lookup reads one entry and, on a hash match, one stretch of the arena.

use crate::normalize::{normalize_into, Folding};
use crate::segment::{self, Scratch};
use crate::stem;

/// Proclitics as stored in an [`Entry`] (code = index + 1; 0 = none).
const PROCLITICS: [&str; 6] = ["و", "ف", "ب", "ك", "ل", "س"];
/// Enclitics as stored in an [`Entry`] (code = index + 1; 0 = none).
const ENCLITICS: [&str; 9] = ["هما", "كما", "هم", "هن", "ها", "كم", "نا", "ه", "ك"];

/// Longest form (bytes) the table keeps; longer ones are analysed each time.
const MAX_KEY: usize = 255;
/// Forms the table holds before it starts over.
const MAX_WORDS: usize = 1 << 18;

/// One analysed word form: where its strings are in the arena and its clitics.
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    /// Full hash of the key (0 = empty slot; real hashes are forced odd).
    hash: u64,
    /// Arena offset of the key; norm, base and stem follow it.
    at: u32,
    key: u16,
    norm: u16,
    base: u16,
    stem: u16,
    prefix_chars: u8,
    suffix_chars: u8,
    /// Proclitic codes (see [`PROCLITICS`]).
    procs: [u8; 2],
    /// Enclitic code (see [`ENCLITICS`]).
    enclitic: u8,
}

/// What the text layer knows of one word form, borrowed from a [`WordTable`].
#[derive(Debug, Clone, Copy)]
pub struct WordForm<'a> {
    /// Normalised form (matching folding).
    pub norm: &'a str,
    /// Normalised base without clitics (see [`crate::AnalyzedToken::base`]).
    pub base: &'a str,
    /// Light stem of the base.
    pub stem: &'a str,
    /// Characters of the original form taken by proclitics.
    pub prefix_chars: usize,
    /// Characters of the original form taken by the enclitic.
    pub suffix_chars: usize,
    procs: [u8; 2],
    enclitic: u8,
}

impl<'a> WordForm<'a> {
    /// The proclitics, in order (normalised: `و`, `ب` …).
    pub fn proclitics(&self) -> impl Iterator<Item = &'static str> {
        self.procs
            .into_iter()
            .take_while(|&c| c != 0)
            .map(|c| PROCLITICS[usize::from(c - 1)])
    }

    /// The pronoun enclitic, if any (normalised).
    pub fn enclitic(&self) -> Option<&'static str> {
        (self.enclitic != 0).then(|| ENCLITICS[usize::from(self.enclitic - 1)])
    }

    /// The base without the definite article (see [`crate::AnalyzedToken::bare`]).
    pub fn bare(&self) -> &'a str {
        segment::strip_article(self.base)
    }
}

/// A table of analysed word forms (see the module docs). Bounded: when full it
/// forgets everything and starts over.
#[derive(Default)]
pub struct WordTable {
    slots: Vec<Entry>,
    arena: String,
    len: usize,
    scratch: Scratch,
    /// Builds the strings of a new form before they join the arena.
    staging: String,
    /// A small direct-mapped copy of frequent entries, small enough to stay in cache.
    hot: Vec<Entry>,
}

/// Slots of the hot copy (32 bytes each).
const HOT_SLOTS: usize = 1 << 13;

/// Byte equality for short keys, eight bytes at a time (inlined: a `memcmp` call costs
/// more than the comparison for word-sized keys).
#[inline]
fn same_bytes(a: Option<&[u8]>, b: &[u8]) -> bool {
    let Some(a) = a else { return false };
    if a.len() != b.len() {
        return false;
    }
    let mut ca = a.chunks_exact(8);
    let mut cb = b.chunks_exact(8);
    for (x, y) in ca.by_ref().zip(cb.by_ref()) {
        let x = u64::from_le_bytes([x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]]);
        let y = u64::from_le_bytes([y[0], y[1], y[2], y[3], y[4], y[5], y[6], y[7]]);
        if x != y {
            return false;
        }
    }
    ca.remainder()
        .iter()
        .zip(cb.remainder())
        .all(|(x, y)| x == y)
}

#[inline]
fn hash_of(key: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(key);
    // Finish with a multiply-xorshift so the low bits (the slot) depend on every byte.
    let x = h.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (x ^ (x >> 29)) | 1
}

fn code_of(table: &[&str], s: &str) -> u8 {
    table
        .iter()
        .position(|&t| t == s)
        .map_or(0, |i| (i + 1) as u8)
}

impl WordTable {
    /// An empty table.
    pub fn new() -> WordTable {
        WordTable::default()
    }

    /// The analysis of a word token's text (computed on first sight, then remembered);
    /// `None` for forms longer than 255 bytes, which the caller analyses itself.
    pub fn get(&mut self, word: &str) -> Option<WordForm<'_>> {
        let key = word.as_bytes();
        if key.len() > MAX_KEY {
            return None;
        }
        let h = hash_of(key);
        if self.slots.is_empty() {
            self.slots = vec![Entry::default(); 1 << 12];
            self.hot = vec![Entry::default(); HOT_SLOTS];
        }
        let hot = (h >> 40) as usize & (HOT_SLOTS - 1);
        let e = self.hot[hot];
        if e.hash == h && usize::from(e.key) == key.len() {
            let at = e.at as usize;
            if same_bytes(self.arena.as_bytes().get(at..at + key.len()), key) {
                return Some(form(&self.arena, &e));
            }
        }
        let mask = self.slots.len() - 1;
        let mut i = (h as usize) & mask;
        loop {
            let e = &self.slots[i];
            if e.hash == 0 {
                break;
            }
            if e.hash == h && usize::from(e.key) == key.len() {
                let at = e.at as usize;
                if same_bytes(self.arena.as_bytes().get(at..at + key.len()), key) {
                    let e = *e;
                    // Forms seen earlier (lower arena offset) are the more frequent:
                    // they keep their hot slot.
                    let h = &mut self.hot[hot];
                    if h.hash == 0 || e.at <= h.at {
                        *h = e;
                    }
                    return Some(form(&self.arena, &e));
                }
            }
            i = (i + 1) & mask;
        }
        Some(self.insert(word, h))
    }

    fn insert(&mut self, word: &str, h: u64) -> WordForm<'_> {
        if self.len >= MAX_WORDS || self.arena.len() > (u32::MAX as usize) / 2 {
            self.slots.iter_mut().for_each(|e| *e = Entry::default());
            self.hot.iter_mut().for_each(|e| *e = Entry::default());
            self.arena.clear();
            self.len = 0;
        }
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let at = self.arena.len();
        self.staging.clear();
        let mut e = analyse_into(&mut self.scratch, word, &mut self.staging, at);
        self.arena.push_str(&self.staging);
        e.hash = h;
        let mask = self.slots.len() - 1;
        let mut i = (h as usize) & mask;
        while self.slots[i].hash != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = e;
        self.len += 1;
        form(&self.arena, &e)
    }

    fn grow(&mut self) {
        let bigger = (self.slots.len() * 2).max(1 << 12);
        let old = std::mem::replace(&mut self.slots, vec![Entry::default(); bigger]);
        let mask = bigger - 1;
        for e in old.into_iter().filter(|e| e.hash != 0) {
            let mut i = (e.hash as usize) & mask;
            while self.slots[i].hash != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = e;
        }
    }
}

/// Reads a form's strings out of the arena.
fn form<'a>(arena: &'a str, e: &Entry) -> WordForm<'a> {
    let at = e.at as usize;
    let (k, n, b, s) = (
        usize::from(e.key),
        usize::from(e.norm),
        usize::from(e.base),
        usize::from(e.stem),
    );
    let text = |from: usize, len: usize| arena.get(from..from + len).unwrap_or("");
    WordForm {
        norm: text(at + k, n),
        base: text(at + k + n, b),
        stem: text(at + k + n + b, s),
        prefix_chars: usize::from(e.prefix_chars),
        suffix_chars: usize::from(e.suffix_chars),
        procs: e.procs,
        enclitic: e.enclitic,
    }
}

/// Analyses one word (at most [`MAX_KEY`] bytes), appending key, norm, base and stem
/// to `out`, whose first byte will sit at arena offset `at`; returns its entry
/// (without hash). Gives what [`segment::segment`] gives, without allocating.
fn analyse_into(scratch: &mut Scratch, word: &str, out: &mut String, at: usize) -> Entry {
    let plan = scratch.plan(word);
    let start = out.len();
    out.push_str(word);
    let key = out.len() - start;
    normalize_into(word, Folding::MATCH, out);
    let norm = out.len() - start - key;
    let base_at = out.len();
    if plan.pre == 0 && plan.enc == 0 && !plan.restore_al {
        // No clitics: the base is the normalised form just written.
        out.extend_from_within(base_at - norm..base_at);
    } else {
        scratch.base_into(&plan, out);
    }
    let base = out.len() - base_at;
    let stem_at = out.len();
    // The stem is computed from the base just written (copied out: `out` grows).
    let mut buf = [0u8; 4 * MAX_KEY + 8];
    let base_bytes = &out.as_bytes()[base_at..stem_at];
    let n = base_bytes.len().min(buf.len());
    buf[..n].copy_from_slice(&base_bytes[..n]);
    let base_str = std::str::from_utf8(&buf[..n]).unwrap_or("");
    stem::stem_into(base_str, out, false);
    let stem = out.len() - stem_at;
    let mut procs = [0u8; 2];
    for (slot, &c) in procs.iter_mut().zip(&plan.procs[..plan.n_procs]) {
        *slot = PROCLITICS
            .iter()
            .position(|p| p.starts_with(c))
            .map_or(0, |i| (i + 1) as u8);
    }
    let len16 = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    Entry {
        hash: 0,
        at: at as u32,
        key: len16(key),
        norm: len16(norm),
        base: len16(base),
        stem: len16(stem),
        prefix_chars: plan.prefix_chars.min(255) as u8,
        suffix_chars: plan.suffix_chars.min(255) as u8,
        procs,
        enclitic: plan.enclitic.map_or(0, |e| code_of(&ENCLITICS, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{normalize_word, segment};

    fn check(table: &mut WordTable, word: &str) {
        let seg = segment(word);
        let w = table.get(word).expect("short word is kept");
        assert_eq!(w.norm, normalize_word(word, Folding::MATCH), "{word}");
        assert_eq!(w.base, seg.base, "{word}");
        assert_eq!(w.bare(), seg.bare, "{word}");
        assert_eq!(w.proclitics().collect::<Vec<_>>(), seg.proclitics, "{word}");
        assert_eq!(w.enclitic(), seg.enclitic, "{word}");
        assert_eq!(
            (w.prefix_chars, w.suffix_chars),
            (seg.prefix_chars, seg.suffix_chars)
        );
        let mut stem = String::new();
        stem::stem_into(&seg.base, &mut stem, false);
        assert_eq!(w.stem, stem, "{word}");
    }

    #[test]
    fn remembered_forms_equal_a_fresh_analysis() {
        let words = [
            "وبالجيش",
            "للجيش",
            "زيارته",
            "لقاؤه",
            "فلاديمير",
            "بوتين",
            "وسيتم",
            "كذلك",
            "الرئيس",
            "مُحَمَّد",
            "لديها",
            "abc",
            "٢٠٢٦",
        ];
        let mut table = WordTable::new();
        for _ in 0..3 {
            for w in words {
                check(&mut table, w);
            }
        }
    }

    #[test]
    fn survives_growth_and_reset_and_refuses_long_forms() {
        let mut table = WordTable::new();
        // Enough distinct forms to grow the slot array several times.
        let forms: Vec<String> = (0..20_000).map(|i| format!("وال{i}كتاب")).collect();
        for f in &forms {
            assert!(table.get(f).is_some());
        }
        for f in forms.iter().step_by(997) {
            check(&mut table, f);
        }
        let long = "ب".repeat(200);
        assert!(table.get(&long).is_none());
    }
}
