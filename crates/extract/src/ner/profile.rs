//! Name profiles: how a tagger labelled each word across a large unlabelled corpus.
//!
//! A first model tags tens of thousands of news articles; for every word form (the
//! token's base) the labels it got are counted and summed up in one byte, its
//! *profile*: how often the word was part of a name, of which class mostly, how
//! consistently, and whether it usually opens the name. A second model is then trained
//! with the profile as a feature and ships with the profile it was trained with
//! ([`super::NerModel::profile`]). The profile carries what one sentence cannot: that
//! `راؤول` stood after `قال` and before `مدرب` in hundreds of other articles.
//!
//! A second byte says how often a name of each class opens right after the word
//! (`المهاجم`, `مدرب`, `بلدة` before a name): trigger words learnt from the corpus. (The
//! mirror byte, names ending right before the word, was tried and lowered F1.)
//!
//! Words are keyed by the tagger's hash of their base (`WordHashes::base`), so the
//! table stores no strings and a lookup is one or two probes.

use super::NerLabel;
use std::collections::HashMap;

/// Label counts of one word form over a corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LabelCounts {
    /// Occurrences.
    pub seen: u32,
    /// Occurrences inside a name, per class (PERS, ORG, LOC).
    pub inside: [u32; 3],
    /// Occurrences opening a name, per class.
    pub begin: [u32; 3],
    /// Occurrences outside a name with a name of the class opening right after.
    pub before_name: [u32; 3],
}

/// The profile bytes of one word (0: unknown).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProfileCodes {
    /// How the word itself was labelled ([`LabelCounts::code`]).
    pub own: u8,
    /// Names that open right after it ([`LabelCounts::precedes_code`]).
    pub precedes: u8,
}

impl ProfileCodes {
    /// True when the word was seen often enough and was inside a name in under 15% of
    /// its occurrences (`الأديان`, `الصحافة`): an ordinary word.
    pub fn mostly_plain(&self) -> bool {
        self.own == 1 || (self.own >= 2 && ((self.own - 2) / 4).is_multiple_of(4))
    }

    /// True when the word stands inside a person's name at least `share_level` of the
    /// time (the levels of [`LabelCounts::code`]: 1 from 15%, 2 from 40%, 3 from 75%),
    /// person being its main class, and, with `opening`, mostly as the name's first word.
    pub fn in_person_names(&self, share_level: u8, opening: bool) -> bool {
        let Some(c) = self.own.checked_sub(2) else {
            return false;
        };
        c / 16 == 0 && (c / 4) % 4 >= share_level && (!opening || c % 2 == 1)
    }
}

impl LabelCounts {
    /// The profile byte of these counts (0: too rare to say; 1: seen, hardly ever a
    /// name; 2..=49: main class, share of occurrences in a name, purity, position).
    pub fn code(&self, min_seen: u32) -> u8 {
        if self.seen < min_seen.max(1) {
            return 0;
        }
        let names: u32 = self.inside.iter().sum();
        let share = f64::from(names) / f64::from(self.seen);
        if share < 0.02 {
            return 1;
        }
        let (class, &top) = self
            .inside
            .iter()
            .enumerate()
            .max_by_key(|&(k, &n)| (n, std::cmp::Reverse(k)))
            .unwrap_or((0, &0));
        let level = match share {
            s if s < 0.15 => 0,
            s if s < 0.4 => 1,
            s if s < 0.75 => 2,
            _ => 3,
        };
        let pure = u8::from(f64::from(top) >= 0.8 * f64::from(names));
        let opens = u8::from(2 * self.begin[class] >= top);
        2 + ((class as u8 * 4 + level) * 4) + pure * 2 + opens
    }

    /// The byte for names opening right after the word (0: too rare; 1: hardly ever;
    /// 2..=13: main class and share of occurrences).
    pub fn precedes_code(&self, min_seen: u32) -> u8 {
        if self.seen < min_seen.max(1) {
            return 0;
        }
        let beside = &self.before_name;
        let total: u32 = beside.iter().sum();
        let share = f64::from(total) / f64::from(self.seen);
        if share < 0.01 {
            return 1;
        }
        let class = (0..3).max_by_key(|&k| (beside[k], 3 - k)).unwrap_or(0) as u8;
        let level = match share {
            s if s < 0.05 => 0,
            s if s < 0.15 => 1,
            s if s < 0.4 => 2,
            _ => 3,
        };
        2 + class * 4 + level
    }

    /// Both bytes.
    pub fn codes(&self, min_seen: u32) -> ProfileCodes {
        ProfileCodes {
            own: self.code(min_seen),
            precedes: self.precedes_code(min_seen),
        }
    }
}

impl ProfileCodes {
    /// Both bytes in one word (own lowest).
    pub fn pack(self) -> u64 {
        u64::from(self.own) | u64::from(self.precedes) << 8
    }

    /// The codes in the low two bytes of `v`.
    pub fn unpack(v: u64) -> ProfileCodes {
        ProfileCodes {
            own: v as u8,
            precedes: (v >> 8) as u8,
        }
    }

    /// Whether both are 0.
    pub fn is_unknown(self) -> bool {
        self == ProfileCodes::default()
    }
}

/// Counts labels per word form while a model tags a corpus.
#[derive(Debug, Clone, Default)]
pub struct ProfileCounts {
    counts: HashMap<u64, LabelCounts>,
}

impl ProfileCounts {
    /// Adds one tagged text: `keys[k]` is token `k`'s base hash, `labels[k]` its label.
    pub fn add(&mut self, keys: &[u64], labels: &[NerLabel]) {
        let n = keys.len().min(labels.len());
        for k in 0..n {
            let c = self.counts.entry(keys[k]).or_default();
            c.seen += 1;
            match labels[k] {
                NerLabel::Begin(class) => {
                    c.inside[class as usize] += 1;
                    c.begin[class as usize] += 1;
                }
                NerLabel::Inside(class) => c.inside[class as usize] += 1,
                NerLabel::O => {
                    if let Some(NerLabel::Begin(class)) = labels[..n].get(k + 1) {
                        c.before_name[*class as usize] += 1;
                    }
                }
            }
        }
    }

    /// Adds another set of counts (of another part of the corpus).
    pub fn merge(&mut self, other: ProfileCounts) {
        for (key, o) in other.counts {
            let c = self.counts.entry(key).or_default();
            c.seen += o.seen;
            for k in 0..3 {
                c.inside[k] += o.inside[k];
                c.begin[k] += o.begin[k];
                c.before_name[k] += o.before_name[k];
            }
        }
    }

    /// The counts of one word form, by base hash.
    pub fn get(&self, key: u64) -> LabelCounts {
        self.counts.get(&key).copied().unwrap_or_default()
    }

    /// The profile of every word form seen at least `min_seen` times.
    pub fn build(&self, min_seen: u32) -> WordProfile {
        WordProfile::from_codes(self.counts.iter().map(|(&key, c)| (key, c.codes(min_seen))))
    }
}

/// Profile bytes by base hash: an open-addressing table of `u64` slots, at most half
/// full, each holding the hash with its low three bytes replaced by the codes (0:
/// empty; the third byte is kept free).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordProfile {
    slots: Vec<u64>,
    len: usize,
}

/// The part of a hash a slot keeps (its low byte holds the code).
const KEY_BITS: u64 = !0xFF_FFFF;
/// The smallest key (a hash whose kept bits are all 0 is stored as this).
const MIN_KEY: u64 = 1 << 24;

impl WordProfile {
    /// A table of `(base hash, codes)` pairs (unknown codes are left out).
    pub fn from_codes(codes: impl IntoIterator<Item = (u64, ProfileCodes)>) -> WordProfile {
        let codes: Vec<(u64, ProfileCodes)> =
            codes.into_iter().filter(|c| !c.1.is_unknown()).collect();
        if codes.is_empty() {
            return WordProfile::default();
        }
        let size = (codes.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![0u64; size];
        let mut len = 0;
        for (hash, code) in codes {
            let key = (hash & KEY_BITS).max(MIN_KEY);
            let mut i = (hash >> 24) as usize;
            loop {
                i &= size - 1;
                if slots[i] == 0 {
                    slots[i] = key | code.pack();
                    len += 1;
                    break;
                }
                if slots[i] & KEY_BITS == key {
                    slots[i] = key | code.pack();
                    break;
                }
                i += 1;
            }
        }
        WordProfile { slots, len }
    }

    /// The codes of the word whose base hashes to `hash` (all 0 when unknown).
    #[inline]
    pub fn get(&self, hash: u64) -> ProfileCodes {
        if self.slots.is_empty() {
            return ProfileCodes::default();
        }
        let key = (hash & KEY_BITS).max(MIN_KEY);
        let mask = self.slots.len() - 1;
        let mut i = (hash >> 24) as usize;
        loop {
            i &= mask;
            let s = self.slots[i];
            if s & KEY_BITS == key {
                return ProfileCodes::unpack(s);
            }
            if s == 0 {
                return ProfileCodes::default();
            }
            i += 1;
        }
    }

    /// How many word forms have a profile.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no word has a profile.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every slot in ascending order: the base hash with its low three bytes replaced
    /// by the codes (so a serialised table is the same for the same contents).
    pub fn packed(&self) -> Vec<u64> {
        let mut v: Vec<u64> = self.slots.iter().copied().filter(|&s| s != 0).collect();
        v.sort_unstable();
        v
    }

    /// A table from what [`WordProfile::packed`] gave.
    pub fn from_packed(packed: impl IntoIterator<Item = u64>) -> WordProfile {
        WordProfile::from_codes(
            packed
                .into_iter()
                .map(|v| (v & KEY_BITS, ProfileCodes::unpack(v))),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::NerClass;

    #[test]
    fn codes_tell_rare_plain_and_name_words_apart() {
        let mut p = ProfileCounts::default();
        let person = [
            NerLabel::Begin(NerClass::Person),
            NerLabel::Inside(NerClass::Person),
        ];
        let (trigger, first, last, plain, rare) = (5 << 24, 10 << 24, 20 << 24, 30 << 24, 40 << 24);
        for _ in 0..9 {
            p.add(
                &[trigger, first, last],
                &[NerLabel::O, person[0], person[1]],
            );
        }
        p.add(&[first, last], &[NerLabel::O, NerLabel::O]);
        for _ in 0..50 {
            p.add(&[plain], &[NerLabel::O]);
        }
        p.add(&[rare], &[NerLabel::Begin(NerClass::Loc)]);
        let codes = |k| p.get(k).codes(3);
        assert_eq!(codes(plain).own, 1);
        assert_eq!(codes(rare).own, 0, "seen once: too rare");
        assert_ne!(codes(first).own, codes(last).own, "opening a name or not");
        assert!(codes(first).own >= 2 && codes(last).own >= 2);
        assert!(codes(trigger).precedes >= 2, "{:?}", codes(trigger));
        assert_eq!(codes(plain).precedes, 1);
        let table = p.build(3);
        assert_eq!(table.len(), 4);
        for k in [trigger, first, last, plain] {
            assert_eq!(table.get(k), codes(k));
        }
        assert!(table.get(rare).is_unknown());
        assert!(table.get(99 << 24).is_unknown());
        let again = WordProfile::from_packed(table.packed());
        assert_eq!(again.packed(), table.packed());
        assert_eq!(again.get(last), codes(last));
    }

    #[test]
    fn the_main_class_and_share_change_the_code() {
        let counts = |inside: [u32; 3]| LabelCounts {
            seen: 100,
            inside,
            begin: inside,
            ..Default::default()
        };
        let codes: Vec<u8> = [[90, 0, 0], [0, 90, 0], [0, 0, 90], [0, 0, 20], [0, 0, 5]]
            .into_iter()
            .map(|c| counts(c).code(3))
            .collect();
        let mut unique = codes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), codes.len(), "{codes:?}");
        assert!(codes.iter().all(|&c| (2..=49).contains(&c)));
    }

    #[test]
    fn a_word_rarely_inside_a_name_is_mostly_plain() {
        let own = |names: u32| {
            let counts = LabelCounts {
                seen: 100,
                inside: [names, 0, 0],
                begin: [names, 0, 0],
                ..Default::default()
            };
            ProfileCodes {
                own: counts.code(3),
                precedes: 0,
            }
        };
        assert!(own(0).mostly_plain());
        assert!(own(10).mostly_plain(), "10% of the time in a name");
        assert!(!own(20).mostly_plain());
        assert!(!own(90).mostly_plain());
        assert!(
            !ProfileCodes::default().mostly_plain(),
            "unknown is not plain"
        );
    }
}
