//! What the tagger knows about a word before tagging — its cluster signature, its
//! frequency class and its word-list bits — in one flat open-addressing table keyed by a
//! 64-bit hash of the word, so a token's hints cost one or two probes of 16-byte slots
//! (no string comparison, no pointer chasing).

use super::features::hash_bytes;
use super::{clusters, triggers};
use std::sync::LazyLock;

/// The tagger's facts about one normalised word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// Cluster signature, when the word is in `clusters.tsv`.
    pub cluster: Option<u32>,
    /// Frequency class in unlabelled news: 0 unseen, 1 (<10) … 5 (≥10,000).
    pub frequency: u8,
    /// List bits that apply when the word is a token's base (given name, stop word,
    /// place or organisation name word).
    pub base_bits: u8,
    /// List bits that apply when the word is a token's base without article (triggers).
    pub bare_bits: u8,
}

/// The frequency class of a corpus count.
pub fn frequency_class(count: u64) -> u8 {
    match count {
        0 => 0,
        1..=9 => 1,
        10..=99 => 2,
        100..=999 => 3,
        1000..=9999 => 4,
        _ => 5,
    }
}

/// A word table: linear probing over a power-of-two number of 8-byte slots, at most
/// half full. A slot holds a 30-bit fingerprint of the word's hash in its top bits (0 =
/// empty; the slot index comes from other bits of the same hash), two name-list bits
/// (place, organisation) below it, and in its low 32 bits the word's packed facts: the
/// top 24 bits of its cluster signature, its frequency class (3 bits) and its list bits (5).
#[derive(Debug, Clone)]
pub struct WordTable {
    slots: Vec<u64>,
    mask: usize,
}

/// The hash of a word: slot index from the low bits, fingerprint (never 0) from the high.
#[inline]
fn hash_of(word: &str) -> (usize, u64) {
    split_hash(hash_bytes(2, word.as_bytes()))
}

/// Slot index and fingerprint of a word's `hash_bytes(2, word)`.
#[inline]
fn split_hash(h: u64) -> (usize, u64) {
    (h as usize, (h >> 34).max(1) << 34)
}

/// The slot bits that hold the fingerprint.
const FINGERPRINT: u64 = !0 << 34;
/// Where a slot keeps its name-list bits ([`triggers::PLACE_NAME`], [`triggers::ORG_NAME`]).
const NAME_LIST_SHIFT: u32 = 32;

impl WordTable {
    fn with_words(n: usize) -> WordTable {
        let size = (n * 2).next_power_of_two().max(16);
        WordTable {
            slots: vec![0; size],
            mask: size - 1,
        }
    }

    /// The slot of a word without its fingerprint (0 when unknown).
    #[inline]
    fn value(&self, word: &str) -> u64 {
        self.value_hashed(hash_bytes(2, word.as_bytes()))
    }

    /// [`WordTable::value`] given the word's hash (`hash_bytes(2, word)`).
    #[inline]
    fn value_hashed(&self, h: u64) -> u64 {
        let (mut i, key) = split_hash(h);
        loop {
            i &= self.mask;
            let s = self.slots[i];
            if s & FINGERPRINT == key {
                return s & !FINGERPRINT;
            }
            if s == 0 {
                return 0;
            }
            i += 1;
        }
    }

    /// Ors `value` (the slot's bits below the fingerprint) into the facts of `word`.
    fn or_slot(&mut self, word: &str, value: u64) {
        let (mut i, key) = hash_of(word);
        loop {
            i &= self.mask;
            let s = &mut self.slots[i];
            if *s == 0 || *s & FINGERPRINT == key {
                *s |= key | (value & !FINGERPRINT);
                return;
            }
            i += 1;
        }
    }

    /// Ors `value` into the packed facts of `word`.
    fn add(&mut self, word: &str, value: u32) {
        self.or_slot(word, u64::from(value));
    }

    /// Marks `word` with a name-list bit ([`triggers::PLACE_NAME`] or
    /// [`triggers::ORG_NAME`]).
    fn add_list_bits(&mut self, word: &str, bits: u8) {
        let slot = u64::from(bits & NAME_LIST_BITS) >> 5 << NAME_LIST_SHIFT;
        self.or_slot(word, slot);
    }

    /// The facts of a word (all zero when unknown).
    #[inline]
    pub fn get(&self, word: &str) -> WordInfo {
        self.info(self.value(word))
    }

    /// The facts in a slot's value.
    #[inline]
    fn info(&self, v: u64) -> WordInfo {
        let mut info = unpack(v as u32);
        info.base_bits |= ((v >> NAME_LIST_SHIFT) as u8 & 3) << 5;
        info
    }
}

/// Reads a packed value: signature `<< 8`, frequency class `<< 5`, list bits.
fn unpack(v: u32) -> WordInfo {
    let frequency = ((v >> 5) & 7) as u8;
    let bits = (v & 31) as u8;
    WordInfo {
        cluster: (frequency > 0).then_some(v & !0xFF),
        frequency,
        base_bits: bits & BASE_BITS,
        bare_bits: bits & !BASE_BITS,
    }
}

/// The list bits read off the base (the others are read off the base without article).
const BASE_BITS: u8 = triggers::GIVEN_NAME | triggers::STOP_WORD | NAME_LIST_BITS;

/// The name-list bits kept beside the fingerprint of a slot.
const NAME_LIST_BITS: u8 = triggers::PLACE_NAME | triggers::ORG_NAME;

/// About how many words the name lists `data/ner/*_names.txt` hold (sizes the table).
const NAME_LISTS_HINT: usize = 68_000;

/// How many lines [`marsad_text::tsv::lines`] reads in `text`, counted on the bytes: its
/// line ends, and a last line without one.
fn line_count(text: &str) -> usize {
    let ends = marsad_text::tsv::newlines(text);
    ends + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

/// The bundled table: clusters, triggers, given names and stop words.
pub fn bundled() -> &'static WordTable {
    static TABLE: LazyLock<WordTable> = LazyLock::new(|| {
        let lx = &crate::entities::lexicon::LEXICONS;
        let tr = triggers::bundled();
        let words = line_count(clusters::BUNDLED);
        let mut t = WordTable::with_words(
            words + tr.len() + lx.given_names.len() + lx.stop.len() + NAME_LISTS_HINT,
        );
        for (w, c) in clusters::entries(clusters::BUNDLED) {
            // Listed words were seen at least once, whatever the file says.
            let freq = u32::from(frequency_class(c.count.max(1)));
            t.add(w, (c.signature & !0xFF) | freq << 5);
        }
        for (w, &bits) in tr {
            t.add(w, u32::from(bits & !BASE_BITS));
        }
        for w in lx.given_names.keys() {
            t.add(w, u32::from(triggers::GIVEN_NAME));
        }
        triggers::for_each_name_list_word(|w, bit| match bit {
            triggers::GIVEN_NAME => t.add(w, u32::from(bit)),
            _ => t.add_list_bits(w, bit),
        });
        for w in lx.stop.keys() {
            t.add(w, u32::from(triggers::STOP_WORD));
        }
        t
    });
    &TABLE
}

/// The facts of a token: `(info of its base, list bits)`.
#[inline]
pub fn lookup(t: &marsad_text::AnalyzedToken) -> (WordInfo, u8) {
    lookup_hashed(t, hash_bytes(2, t.base.as_bytes()))
}

/// [`lookup`] given `base_hash`, the token's base hashed as the tagger's features hash
/// it (`hash_bytes(2, base)`), so the base is not hashed again.
#[inline]
pub(crate) fn lookup_hashed(t: &marsad_text::AnalyzedToken, base_hash: u64) -> (WordInfo, u8) {
    let table = bundled();
    let info = table.info(table.value_hashed(base_hash));
    let bare = t.bare();
    let bare_bits = if bare.len() == t.base.len() {
        info.bare_bits
    } else {
        table.get(bare).bare_bits
    };
    (info, info.base_bits | bare_bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_count_is_the_number_of_lines_read() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "a\nb\n",
            "\n\n",
            "a\r\nb\r\n",
            "\na",
            "a\n\nb",
        ] {
            assert_eq!(
                line_count(text),
                marsad_text::tsv::lines(text).count(),
                "{text:?}"
            );
        }
        let bundled = clusters::BUNDLED;
        assert_eq!(
            line_count(bundled),
            marsad_text::tsv::lines(bundled).count()
        );
    }

    #[test]
    fn the_table_finds_what_it_holds_and_nothing_else() {
        let mut t = WordTable::with_words(3);
        t.add("دمشق", 0xABCD_EF00 | 3 << 5);
        t.add("حلب", u32::from(triggers::GIVEN_NAME));
        t.add("حلب", u32::from(triggers::PLACE_TRIGGER));
        let d = t.get("دمشق");
        assert_eq!((d.frequency, d.cluster), (3, Some(0xABCD_EF00)));
        let h = t.get("حلب");
        assert_eq!(
            (h.base_bits, h.bare_bits),
            (triggers::GIVEN_NAME, triggers::PLACE_TRIGGER)
        );
        assert_eq!(h.cluster, None);
        assert_eq!(t.get("دمشقي"), WordInfo::default());
        assert_eq!(t.get(""), WordInfo::default());
    }

    #[test]
    fn name_list_bits_live_beside_the_packed_facts() {
        let mut t = WordTable::with_words(2);
        t.add(
            "حيفا",
            0x1234_5600 | 2 << 5 | u32::from(triggers::STOP_WORD),
        );
        t.add_list_bits("حيفا", triggers::PLACE_NAME);
        t.add_list_bits("هيئة", triggers::ORG_NAME | triggers::GIVEN_NAME);
        let h = t.get("حيفا");
        assert_eq!((h.frequency, h.cluster), (2, Some(0x1234_5600)));
        assert_eq!(h.base_bits, triggers::STOP_WORD | triggers::PLACE_NAME);
        let o = t.get("هيئة");
        assert_eq!(
            (o.base_bits, o.frequency, o.cluster),
            (triggers::ORG_NAME, 0, None)
        );
        assert_eq!(t.get("حيفاء"), WordInfo::default());
    }

    #[test]
    fn bundled_name_lists_mark_their_words() {
        let a = marsad_text::analyze("زار ماريك مدينة القامشلي");
        assert_ne!(lookup(&a.tokens[1]).1 & triggers::GIVEN_NAME, 0);
        assert_ne!(lookup(&a.tokens[3]).1 & triggers::PLACE_NAME, 0);
        assert_eq!(lookup(&a.tokens[0]).1 & triggers::PLACE_NAME, 0);
        let bits = triggers::name_list_words().fold(0, |acc, (_, b)| acc | b);
        assert_eq!(
            bits,
            triggers::GIVEN_NAME | triggers::PLACE_NAME | triggers::ORG_NAME
        );
    }

    #[test]
    fn name_list_words_come_the_same_both_ways() {
        let mut seen = Vec::new();
        triggers::for_each_name_list_word(|w, b| seen.push((w.to_string(), b)));
        assert!(seen
            .iter()
            .eq(triggers::name_list_words().collect::<Vec<_>>().iter()));
    }

    #[test]
    fn the_tagger_s_base_hash_finds_the_same_facts() {
        let a = marsad_text::analyze("قال الوزير ماريك إن وبالقامشلي 12 abc");
        for t in &a.tokens {
            let base = super::super::features::WordHashes::of(t).base;
            assert_eq!(lookup_hashed(t, base), lookup(t), "{:?}", t.base);
        }
    }

    #[test]
    fn a_token_gets_its_list_bits_and_frequency() {
        let a = marsad_text::analyze("قال الوزير إن");
        let (_, bits) = lookup(&a.tokens[1]);
        assert_ne!(bits & triggers::PERSON_TRIGGER, 0);
        let (info, bits) = lookup(&a.tokens[2]);
        assert_ne!(bits & triggers::STOP_WORD, 0, "{info:?}");
        assert!(info.frequency >= 4, "{info:?}");
        assert_eq!(frequency_class(0), 0);
        assert_eq!(frequency_class(12_000), 5);
    }
}
