//! Clitic segmentation with a lexicon guard.
//!
//! A word is split into proclitics (conjunction `و`/`ف`, then preposition `ب`/`ك`/`ل`
//! or future `س`), a base and a pronoun enclitic (`ه ها هم هما هن كم كما نا ك`).
//! Decisions use word frequencies from news text (`data/lexicon.tsv`, see
//! `data/README.md`). A proclitic is stripped when
//! - the remainder starts with the article (`والجيش`, `بالعاصمة`), or
//! - the whole word is unknown and the remainder is known (or, for `و`/`ف`, has at
//!   least three letters: `وكوباني`), or
//! - the remainder is at least as frequent as the whole (`وقال`, `فقد`), or
//! - the whole never takes the article itself (so it is not a noun of its own, unlike
//!   `وحدة`/`الوحدة`, `بحث`/`البحث`) and the remainder is frequent enough (within a
//!   factor 30 for common remainders, 8 for rare ones, 2 when the remainder is only
//!   known through an enclitic: `وأضاف`, `بشكل`, `لكرة`).
//!
//! so `وزير`, `بوتين`, `لبنان`, `كانون`, `فلاديمير`, `والي` stay whole; a short list of
//! exceptions (`data/clitic_exceptions.tsv`) covers function words and frequent words
//! the rule gets wrong (`كان`, `ولي`, `واحد`). `ك` is only stripped before the article
//! or when the remainder is more frequent (`كذلك`). The future `س` is only stripped
//! before an imperfect prefix (`سيتم`). An enclitic is stripped only when the lexicon
//! knows the base (`زيارته` → `زيارة` + `ه`, with `ة` restored from `ت`; `لقاؤه` →
//! `لقاء` + `ه`; `لديها` → `لدى` + `ها`), never from words with the article, and
//! never the ambiguous `ي` (nisba adjectives like `قطري`).
//!
//! Conventions (these matter for spans):
//! - The definite article is **kept** in the base: `الجيش` has no proclitics, base
//!   `الجيش`, base span = the whole word. The base without the article is
//!   [`Segmentation::bare`] (`جيش`).
//! - `لل` + noun: only the preposition is removed. `للجيش` → proclitics `["ل"]`, base
//!   span starting at the second `ل` (`لجيش` in the original), and base `الجيش` with the
//!   article's alef restored so that lexicon lookups work. (`للبنان` → `ل` + `لبنان`
//!   when the lexicon prefers that reading.)
//! - Offsets (`prefix_chars`, `suffix_chars`) count characters of the original word;
//!   diacritics written on a clitic belong to the clitic.

use crate::normalize::{fold_char, light_chars, Folding};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

/// A word split into proclitics, base and enclitic.
#[derive(Debug, Clone, PartialEq)]
pub struct Segmentation {
    /// Proclitics in order (normalised), e.g. `["و", "ب"]`.
    pub proclitics: Vec<&'static str>,
    /// The normalised base (definite article kept; `ة`, `ى`, `ء` restored when an
    /// enclitic changed them: `زيارته` → `زيارة`).
    pub base: String,
    /// The pronoun enclitic, if any (normalised).
    pub enclitic: Option<&'static str>,
    /// Characters of the original word taken by the proclitics.
    pub prefix_chars: usize,
    /// Characters of the original word taken by the enclitic.
    pub suffix_chars: usize,
    /// The base without the definite article (`الجيش` → `جيش`); equal to `base`
    /// when there is no article.
    pub bare: String,
}

/// Word frequencies from news text, keyed by [`lexicon_form`].
struct Lexicon {
    freq: FreqTable,
    exceptions: FxHashSet<&'static str>,
}

/// Word → frequency, built for lookups that touch little memory: most lookups of the
/// segmenter are for strings that are not words, and the table is far bigger than
/// the processor's caches, so each lookup should wait on one cache line only.
///
/// Open addressing over 32-byte slots, aligned so that none straddles a cache line,
/// each holding a word and its frequency inline: bytes 0–3 the frequency, byte 4 the
/// word's length (0 = empty slot), then the word. Words too long for a slot (and the
/// empty word) go to a plain map.
struct FreqTable {
    slots: Vec<FreqSlot>,
    other: FxHashMap<&'static str, u32>,
    /// Blocked Bloom filter of the words in `slots` (two bits in one 64-bit word per
    /// word): small enough to stay in cache, it answers most lookups of non-words
    /// without touching the slots.
    bloom: Vec<u64>,
}

/// Words of the Bloom filter (128 KB).
const BLOOM_WORDS: usize = 1 << 14;

/// The Bloom filter word and bits of a hash.
#[inline]
fn bloom_bits(h: u64) -> (usize, u64) {
    let word = (h >> 50) as usize & (BLOOM_WORDS - 1);
    (word, 1 << ((h >> 38) & 63) | 1 << ((h >> 44) & 63))
}

/// One slot of a [`FreqTable`].
#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct FreqSlot([u8; 32]);

/// Longest word (bytes) kept inline in a [`FreqSlot`].
const SLOT_WORD: usize = 27;

/// A count field of the lexicon: what `field.trim().parse::<u32>()` gives, with a
/// fast path for plain digits.
#[inline]
fn parse_count(field: &str) -> Option<u32> {
    let b = field.as_bytes();
    if !b.is_empty() && b.len() <= 9 && b.iter().all(u8::is_ascii_digit) {
        return Some(b.iter().fold(0, |n, &d| n * 10 + u32::from(d - b'0')));
    }
    field.trim().parse::<u32>().ok()
}

/// Hash of a lexicon key (also of a [`crate::WordTable`] key).
#[inline]
pub(crate) fn key_hash(key: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(key);
    // Finish with a multiply-xorshift so the low bits (the slot) depend on every byte.
    let x = h.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}

impl FreqTable {
    /// Builds the table from `word TAB count` lines of `text` (a word listed twice
    /// keeps its last count, as in a map filled in order).
    fn new(text: &'static str) -> FreqTable {
        let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
        let n = (lines * 3 / 2).next_power_of_two().max(16);
        let mut table = FreqTable {
            slots: Vec::with_capacity(n),
            other: FxHashMap::default(),
            bloom: vec![0; BLOOM_WORDS],
        };
        crate::words::advise_huge_pages(
            table.slots.as_ptr().cast(),
            n * std::mem::size_of::<FreqSlot>(),
        );
        table.slots.resize(n, FreqSlot([0; 32]));
        let mask = n - 1;
        for line in crate::tsv::lines(text) {
            if line.starts_with('#') {
                continue;
            }
            let (w, rest) = match crate::tsv::find_byte(b'\t', line.as_bytes()) {
                Some(t) => (&line[..t], &line[t + 1..]),
                None => continue,
            };
            let field = match crate::tsv::find_byte(b'\t', rest.as_bytes()) {
                Some(t) => &rest[..t],
                None => rest,
            };
            let Some(freq) = parse_count(field) else {
                continue;
            };
            if w.is_empty() || w.len() > SLOT_WORD {
                table.other.insert(w, freq);
                continue;
            }
            let h = key_hash(w.as_bytes());
            let (word, bits) = bloom_bits(h);
            table.bloom[word] |= bits;
            let mut i = h as usize & mask;
            loop {
                let slot = &mut table.slots[i].0;
                if slot[4] == 0
                    || (usize::from(slot[4]) == w.len()
                        && slot[5..5 + w.len()]
                            .iter()
                            .zip(w.as_bytes())
                            .all(|(a, b)| a == b))
                {
                    slot[..4].copy_from_slice(&freq.to_le_bytes());
                    slot[4] = w.len() as u8;
                    slot[5..5 + w.len()].copy_from_slice(w.as_bytes());
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        table
    }

    /// Prefetches the slot of a word of hash `h` (from [`key_hash`]) if the Bloom
    /// filter says it may be there.
    #[inline]
    fn prefetch(&self, h: u64) {
        let (word, bits) = bloom_bits(h);
        if self.bloom.get(word).is_some_and(|&w| w & bits == bits) {
            if let Some(s) = self.slots.get(h as usize & (self.slots.len() - 1)) {
                crate::words::prefetch_line(&s.0);
            }
        }
    }

    /// Frequency of `word`; 0 if unknown.
    #[inline]
    fn get(&self, word: &str) -> u32 {
        let key = word.as_bytes();
        if !key.is_empty() && key.len() <= SLOT_WORD {
            let h = key_hash(key);
            let (word, bits) = bloom_bits(h);
            if self.bloom[word] & bits != bits {
                return 0;
            }
            let mask = self.slots.len() - 1;
            let mut i = h as usize & mask;
            loop {
                let s = &self.slots[i].0;
                if s[4] == 0 {
                    break;
                }
                if usize::from(s[4]) == key.len()
                    && s[5..5 + key.len()].iter().zip(key).all(|(a, b)| a == b)
                {
                    return u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
                }
                i = (i + 1) & mask;
            }
            return 0;
        }
        self.other.get(word).copied().unwrap_or(0)
    }

    fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.0[4] != 0).count() + self.other.len()
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let freq = FreqTable::new(include_str!("../data/lexicon.tsv"));
    let exceptions = include_str!("../data/clitic_exceptions.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::trim)
        .collect();
    Lexicon { freq, exceptions }
});

/// Prefetches the lexicon entries that segmenting `word` (original text, hash `h`
/// from the word table, the same function as [`key_hash`]) will look up first: the
/// whole word and, after a proclitic letter, the rest. Exact only when the word is
/// already in lexicon form, as most are; a hint either way.
#[inline]
pub(crate) fn prefetch_frequencies(word: &str, h: u64) {
    let lexicon = &LEXICON.freq;
    lexicon.prefetch(h);
    let mut chars = word.chars();
    if matches!(chars.next(), Some('و' | 'ف' | 'ب' | 'ل' | 'ك' | 'س')) {
        lexicon.prefetch(key_hash(chars.as_str().as_bytes()));
    }
}

/// Frequency of a word (in [`lexicon_form`]) in the bundled news lexicon; 0 if unknown.
pub fn word_frequency(word: &str) -> u32 {
    LEXICON.freq.get(word)
}

/// Number of words in the bundled lexicon.
pub fn lexicon_len() -> usize {
    LEXICON.freq.len()
}

/// The form words take in the lexicon: diacritics, tatweel and invisible characters
/// dropped, presentation forms and Persian letters folded, digits folded, but the
/// hamza forms of alef (`أ إ آ`), `ى`, `ة`, `ؤ`, `ئ` kept.
pub fn lexicon_form(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    for c in word.chars() {
        light_chars(c, |d| s.push(d));
    }
    s
}

/// Reusable buffers for segmentation (no allocation per word once warm).
#[derive(Default)]
pub(crate) struct Scratch {
    chars: Vec<char>,
    idx: Vec<usize>,
    key: String,
}

/// The outcome of segmentation, in light characters (see [`Scratch::chars`]).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Plan {
    /// Proclitic letters (0 = none).
    pub procs: [char; 2],
    pub n_procs: usize,
    /// Light chars taken by proclitics.
    pub pre: usize,
    /// Base is `ا` + chars[pre..] (لل + noun).
    pub restore_al: bool,
    /// Light chars taken by the enclitic.
    pub enc: usize,
    pub enclitic: Option<&'static str>,
    /// Replacement for the last base char (ة for ت, ى for ي, ء for ؤ/ئ).
    pub last: Option<char>,
    /// Original chars taken by the proclitics / enclitic.
    pub prefix_chars: usize,
    pub suffix_chars: usize,
}

const MIN_KNOWN: u32 = 3;
const ENCLITICS: [(&str, &[char]); 9] = [
    ("هما", &['ه', 'م', 'ا']),
    ("كما", &['ك', 'م', 'ا']),
    ("هم", &['ه', 'م']),
    ("هن", &['ه', 'ن']),
    ("ها", &['ه', 'ا']),
    ("كم", &['ك', 'م']),
    ("نا", &['ن', 'ا']),
    ("ه", &['ه']),
    ("ك", &['ك']),
];

fn freq_of(key: &mut String, chars: &[char], prefix: &[char], last: Option<char>) -> u32 {
    key.clear();
    key.extend(prefix.iter());
    match (last, chars.split_last()) {
        (Some(l), Some((_, init))) => {
            key.extend(init.iter());
            key.push(l);
        }
        _ => key.extend(chars.iter()),
    }
    let f = word_frequency(key);
    if f >= MIN_KNOWN {
        f
    } else {
        0
    }
}

fn is_exception(key: &mut String, chars: &[char]) -> bool {
    key.clear();
    key.extend(chars.iter());
    LEXICON.exceptions.contains(key.as_str())
}

fn starts_with_article(chars: &[char]) -> bool {
    chars.len() >= 2 && chars[0] == 'ا' && chars[1] == 'ل'
}

/// Best enclitic split of `rest` with its base frequency, if the lexicon supports one.
fn enclitic_split(
    key: &mut String,
    rest: &[char],
) -> Option<(usize, &'static str, Option<char>, u32)> {
    if starts_with_article(rest) || rest.len() < 3 {
        return None;
    }
    // The frequency of the whole is looked up only once a base is known: most words
    // end in no enclitic the lexicon supports, and the lookup is a cache miss.
    let mut whole: Option<u32> = None;
    for (e, ec) in ENCLITICS {
        let el = ec.len();
        if rest.len() < el + 2 || !rest.ends_with(ec) {
            continue;
        }
        let base = &rest[..rest.len() - el];
        let min_len = if e == "ك" { 3 } else { 2 };
        if base.len() < min_len {
            continue;
        }
        let mut best: (u32, Option<char>) = (freq_of(key, base, &[], None), None);
        let restore: &[char] = match base.last() {
            Some('ت') => &['ة'],
            Some('ي') => &['ى'],
            Some('ؤ') | Some('ئ') => &['ء'],
            _ => &[],
        };
        for &r in restore {
            let f = freq_of(key, base, &[], Some(r));
            if f > best.0 {
                best = (f, Some(r));
            }
        }
        let (fb, last) = best;
        if fb == 0 {
            continue;
        }
        let whole = *whole.get_or_insert_with(|| freq_of(key, rest, &[], None));
        let ok = if e == "ك" {
            fb >= 20 * whole.max(1)
        } else {
            fb.saturating_mul(4) >= whole
        };
        if ok {
            return Some((el, e, last, fb));
        }
        // A longer enclitic that fails must not hide a shorter one (هم vs ه).
    }
    None
}

/// "Effective" frequency of a remainder: its own, or that of its base when it
/// carries a known enclitic.
fn eff_freq(key: &mut String, rest: &[char], prefix: &[char]) -> u32 {
    let f = freq_of(key, rest, prefix, None);
    if f > 0 || !prefix.is_empty() {
        return f;
    }
    match enclitic_split(key, rest) {
        Some((_, _, _, fb)) => (fb / 8).max(MIN_KNOWN),
        None => 0,
    }
}

/// Which clitic is being tested.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Clitic {
    /// و ف
    Conj,
    /// ب ل س
    Prep,
    /// ك (rarely a clitic in news before anything but the article)
    Kaf,
}

/// Decides whether `whole = clitic + rest` should be split. `rest_prefix` is `ا`
/// when the article's alef is restored (لل + noun).
fn accept(
    key: &mut String,
    whole: &[char],
    rest: &[char],
    rest_prefix: &[char],
    kind: Clitic,
) -> bool {
    let rest_len = rest.len() + rest_prefix.len();
    if rest_len < 2 || is_exception(key, whole) {
        return false;
    }
    let art = !rest_prefix.is_empty() || starts_with_article(rest);
    if art && rest_len < 4 {
        return false;
    }
    let fw = freq_of(key, whole, &[], None);
    let own = freq_of(key, rest, rest_prefix, None);
    let fr = if own > 0 {
        own
    } else {
        eff_freq(key, rest, rest_prefix)
    };
    if fr == 0 {
        // Both unknown: trust the article, or a conjunction before a 3+ letter word.
        return fw == 0 && (art || (kind == Clitic::Conj && rest_len >= 3));
    }
    if fw == 0 || art {
        return true;
    }
    if fr >= fw {
        return true;
    }
    if kind == Clitic::Kaf {
        return false;
    }
    // The whole word takes the article itself (الوحدة, البحث, اللجان): it is a word
    // of its own, not clitic + word.
    let with_article = freq_of(key, whole, &['ا', 'ل'], None);
    if with_article >= MIN_KNOWN.max(fw / 50) {
        return false;
    }
    // A remainder known only through its enclitic (ديها → دي + ها) is weak evidence.
    let ratio = if own == 0 {
        2
    } else if fr >= 50 {
        30
    } else {
        8
    };
    fr.saturating_mul(ratio) >= fw
}

/// Segments a word given as light characters; fills `plan`.
fn plan_chars(key: &mut String, c: &[char]) -> Plan {
    let mut plan = Plan::default();
    let n = c.len();
    let mut p = 0;
    if n >= 3 && matches!(c[0], 'و' | 'ف') && accept(key, c, &c[1..], &[], Clitic::Conj) {
        plan.procs[plan.n_procs] = c[0];
        plan.n_procs += 1;
        p = 1;
    }
    if n >= p + 3 {
        let w = &c[p..];
        match w[0] {
            'ل' if w[1] == 'ل' => {
                // للجيش = ل + الجيش, or للبنان = ل + لبنان.
                let plain = eff_freq(key, &w[1..], &[]);
                // "ال" + w[2..] is 'ا' + w[1..].
                let art = freq_of(key, &w[1..], &['ا'], None);
                if art >= plain && art > 0 && accept(key, w, &w[1..], &['ا'], Clitic::Prep) {
                    plan.restore_al = true;
                    plan.procs[plan.n_procs] = 'ل';
                    plan.n_procs += 1;
                    p += 1;
                } else if accept(key, w, &w[1..], &[], Clitic::Prep) {
                    plan.procs[plan.n_procs] = 'ل';
                    plan.n_procs += 1;
                    p += 1;
                } else if plain == 0
                    && art == 0
                    && w.len() >= 4
                    && !is_exception(key, w)
                    && freq_of(key, w, &[], None) == 0
                {
                    // Unknown لل-word: read it as preposition + article.
                    plan.restore_al = true;
                    plan.procs[plan.n_procs] = 'ل';
                    plan.n_procs += 1;
                    p += 1;
                }
            }
            'ب' | 'ل' if accept(key, w, &w[1..], &[], Clitic::Prep) => {
                plan.procs[plan.n_procs] = w[0];
                plan.n_procs += 1;
                p += 1;
            }
            'ك' if accept(key, w, &w[1..], &[], Clitic::Kaf) => {
                plan.procs[plan.n_procs] = w[0];
                plan.n_procs += 1;
                p += 1;
            }
            // The future prefix before an imperfect verb: its prefix, then a stem of
            // two letters at least, so not before a bare alef in a four-letter word
            // (`سناء`, `ستار`, `سياف` are names, not `س` + `ناء`).
            'س' if matches!(w[1], 'ي' | 'ت' | 'ن' | 'أ')
                && w.len() >= 4
                && !(w.len() == 4 && w[2] == 'ا')
                && accept(key, w, &w[1..], &[], Clitic::Prep) =>
            {
                plan.procs[plan.n_procs] = 'س';
                plan.n_procs += 1;
                p += 1;
            }
            _ => {}
        }
    }
    plan.pre = p;
    if !plan.restore_al {
        if let Some((el, e, last, _)) = enclitic_split(key, &c[p..]) {
            plan.enc = el;
            plan.enclitic = Some(e);
            plan.last = last;
        }
    }
    plan
}

impl Scratch {
    /// Loads a word's light characters; returns false when it is not Arabic.
    fn load(&mut self, word: &str) -> bool {
        self.chars.clear();
        self.idx.clear();
        let mut arabic = false;
        for (i, ch) in word.chars().enumerate() {
            let chars = &mut self.chars;
            let idx = &mut self.idx;
            light_chars(ch, |d| {
                arabic |= ('\u{0621}'..='\u{064A}').contains(&d);
                chars.push(d);
                idx.push(i);
            });
        }
        arabic
    }

    /// Plans the segmentation of one word (original text).
    pub(crate) fn plan(&mut self, word: &str) -> Plan {
        if !self.load(word) {
            return Plan::default();
        }
        let mut plan = plan_chars(&mut self.key, &self.chars);
        // `أميناً` (as secretary), `ممكناً`: nunation ends an indefinite word, and an
        // indefinite word carries no pronoun (its `نا` is no "our").
        if plan.enc > 0 && crate::normalize::ends_in_nunation(word) {
            plan.enc = 0;
            plan.enclitic = None;
            plan.last = None;
        }
        let n = self.chars.len();
        if plan.pre > 0 {
            plan.prefix_chars = self.idx[plan.pre];
        }
        if plan.enc > 0 {
            let total = word.chars().count();
            plan.suffix_chars = total - self.idx[n - plan.enc];
        }
        plan
    }

    /// Writes the base (MATCH folding) of the last planned word into `out`.
    pub(crate) fn base_into(&self, plan: &Plan, out: &mut String) {
        if plan.restore_al {
            out.push('ا');
        }
        let end = self.chars.len() - plan.enc;
        for (k, &ch) in self.chars[plan.pre..end].iter().enumerate() {
            let ch = match plan.last {
                Some(l) if plan.pre + k + 1 == end => l,
                _ => ch,
            };
            if let Some(d) = fold_char(ch, Folding::MATCH) {
                out.push(d);
            }
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

fn proclitic_str(c: char) -> &'static str {
    match c {
        'و' => "و",
        'ف' => "ف",
        'ب' => "ب",
        'ك' => "ك",
        'ل' => "ل",
        _ => "س",
    }
}

/// Strips the definite article from a normalised base (`الجيش` → `جيش`), when what
/// remains has at least two letters.
pub fn strip_article(base: &str) -> &str {
    match base.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 && rest != "له" => rest,
        _ => base,
    }
}

/// Segments one original word.
pub fn segment(word: &str) -> Segmentation {
    SCRATCH.with(|s| {
        let Ok(mut s) = s.try_borrow_mut() else {
            return segment_with(&mut Scratch::default(), word);
        };
        segment_with(&mut s, word)
    })
}

pub(crate) fn segment_with(s: &mut Scratch, word: &str) -> Segmentation {
    let plan = s.plan(word);
    if plan.pre == 0 && plan.enc == 0 && !plan.restore_al {
        let base = crate::normalize_word(word, Folding::MATCH);
        let bare = strip_article(&base).to_string();
        return Segmentation {
            proclitics: Vec::new(),
            base,
            enclitic: None,
            prefix_chars: 0,
            suffix_chars: 0,
            bare,
        };
    }
    let mut base = String::with_capacity(word.len());
    s.base_into(&plan, &mut base);
    let bare = strip_article(&base).to_string();
    Segmentation {
        proclitics: plan.procs[..plan.n_procs]
            .iter()
            .map(|&c| proclitic_str(c))
            .collect(),
        base,
        enclitic: plan.enclitic,
        prefix_chars: plan.prefix_chars,
        suffix_chars: plan.suffix_chars,
        bare,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_line_is_found_with_its_count() {
        let mut lines = 0;
        for line in include_str!("../data/lexicon.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            if let (Some(w), Some(n)) = (f.next(), f.next()) {
                assert_eq!(Ok(word_frequency(w)), n.trim().parse::<u32>(), "{w}");
                lines += 1;
            }
        }
        assert_eq!(lexicon_len(), lines);
        assert_eq!(word_frequency("زززززز"), 0);
        assert_eq!(word_frequency(""), 0);
    }

    #[test]
    fn counts_parse_like_the_standard_parser() {
        for field in [
            "12",
            " 12 ",
            "+5",
            "007",
            "4294967295",
            "4294967296",
            "",
            "x",
            "-1",
            "1 2",
        ] {
            assert_eq!(
                parse_count(field),
                field.trim().parse::<u32>().ok(),
                "{field:?}"
            );
        }
    }

    #[test]
    fn frequency_table_keeps_the_last_count_and_long_words() {
        let long = "ب".repeat(40);
        let text: &'static str = Box::leak(
            format!("# comment\nكتاب\t5\nقلم\t7\nكتاب\t9\n{long}\t4\n\t3\nبلا عدد\tx\n")
                .into_boxed_str(),
        );
        let table = FreqTable::new(text);
        assert_eq!(table.get("كتاب"), 9);
        assert_eq!(table.get("قلم"), 7);
        assert_eq!(table.get(&long), 4);
        assert_eq!(table.get(""), 3);
        assert_eq!(table.get("بلا عدد"), 0);
        assert_eq!(table.get("كتب"), 0);
        assert_eq!(table.len(), 4);
    }
}
