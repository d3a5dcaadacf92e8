//! The memory of word forms already analysed: [`WordTable`].
//!
//! News repeats its vocabulary: in 18 MB of SaudiNewsNet, 1.9 M tokens are ~150 k
//! distinct forms. Normalisation, clitic segmentation and stemming depend on the form
//! alone, so the text layer works them out once per form and looks them up afterwards.
//!
//! Layout, chosen so that a lookup touches one cache line: an open-addressing array of
//! 64-byte buckets, aligned to cache lines, each holding a whole record: a 16-byte
//! header (hash tag, lengths and offsets, clitic codes) and the form's key, normalised
//! form, base and stem, stored once each (the normalised form is often the key itself,
//! the base a part of it, the stem a part of the base). The rare record that does not
//! fit keeps its strings in a side arena. The buckets live in one `String` whose
//! header and padding bytes are all ASCII, so every bucket is valid UTF-8 by itself
//! and the strings are read without copying or unsafe code (writing a new bucket is a
//! same-length copy of UTF-8 over UTF-8, one small `unsafe` block).
//!
//! The table is far bigger than the caches, so the callers in `lib.rs` prefetch the
//! bucket of a word some tokens before they look it up, and the table asks Linux for
//! huge pages (fewer TLB misses).

use crate::normalize::{normalize_into, Folding};
use crate::segment::{self, Scratch};
use crate::stem;

/// Proclitics as stored in a record (code = index + 1; 0 = none).
const PROCLITICS: [&str; 6] = ["و", "ف", "ب", "ك", "ل", "س"];
/// Enclitics as stored in a record (code = index + 1; 0 = none).
const ENCLITICS: [&str; 9] = ["هما", "كما", "هم", "هن", "ها", "كم", "نا", "ه", "ك"];

/// Longest form (bytes) the table keeps; longer ones are analysed each time.
const MAX_KEY: usize = 255;
/// Forms the table holds before it starts over.
const MAX_WORDS: usize = 1 << 18;

/// Bytes of a bucket (one cache line).
const BUCKET: usize = 64;
/// Bytes of a bucket's header; the strings follow.
const HEADER: usize = 16;
/// Room for strings in a bucket.
const INLINE: usize = BUCKET - HEADER;
/// Buckets of a new table.
const FIRST_BUCKETS: usize = 1 << 12;
/// Buckets of a full table (32 MB): [`MAX_WORDS`] forms fill it to 50%.
const MAX_BUCKETS: usize = 1 << 19;
// A full table still has free buckets, so probing always ends.
const _: () = assert!(MAX_WORDS * 5 <= MAX_BUCKETS * 3);

// Header bytes (all below 0x80). Lengths and offsets are bytes within the string
// area of the bucket (or, for a spilled record, see `SPILL_*`).
/// 0 = empty, [`INLINE_RECORD`] or [`SPILLED_RECORD`].
const STATE: usize = 0;
const INLINE_RECORD: u8 = 1;
const SPILLED_RECORD: u8 = 2;
/// Seven bits of the key's hash.
const TAG: usize = 1;
const KEY_LEN: usize = 2;
const NORM_AT: usize = 3;
const NORM_LEN: usize = 4;
const BASE_AT: usize = 5;
const BASE_LEN: usize = 6;
const STEM_AT: usize = 7;
const STEM_LEN: usize = 8;
/// Two 7-bit bytes each.
const PREFIX_CHARS: usize = 9;
const SUFFIX_CHARS: usize = 11;
const PROC0: usize = 13;
const PROC1: usize = 14;
const ENCLITIC: usize = 15;
/// A spilled record's string area: arena offset (five 7-bit bytes), then the
/// lengths of key, norm, base and stem (two 7-bit bytes each), which follow one
/// another in the arena.
const SPILL_AT: usize = HEADER;
const SPILL_LENS: usize = HEADER + 5;

/// What the text layer knows of one word form, borrowed from a [`WordTable`].
#[derive(Debug, Clone, Copy)]
pub struct WordForm<'a> {
    /// Normalised form (matching folding).
    pub norm: &'a str,
    /// Normalised base without clitics (see [`crate::AnalyzedToken::base`]).
    pub base: &'a str,
    /// Light stem of the base (empty from the table [`crate::analyze`] keeps, which
    /// does not store stems).
    pub stem: &'a str,
    /// Characters of the original form taken by proclitics.
    pub prefix_chars: usize,
    /// Characters of the original form taken by the enclitic.
    pub suffix_chars: usize,
    procs: [u8; 2],
    enclitic: u8,
}

/// The clitics around a word's base: up to two proclitics and a pronoun enclitic,
/// kept as codes into the fixed clitic lists (four bytes, no strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Clitics {
    /// Codes of the proclitics in order (index in `PROCLITICS` + 1; 0 = none).
    procs: [u8; 2],
    /// Code of the enclitic (index in `ENCLITICS` + 1; 0 = none).
    enclitic: u8,
}

impl Clitics {
    /// No clitic at all.
    pub const NONE: Clitics = Clitics {
        procs: [0; 2],
        enclitic: 0,
    };

    /// The clitics given as normalised strings (`["و", "ب"]`, `Some("ه")`). A string
    /// that is not one of the text layer's clitics is left out, as is a third
    /// proclitic.
    pub fn of(proclitics: &[&str], enclitic: Option<&str>) -> Clitics {
        let mut procs = [0u8; 2];
        let codes = proclitics
            .iter()
            .map(|p| code_of(&PROCLITICS, p))
            .filter(|&c| c != 0);
        for (slot, c) in procs.iter_mut().zip(codes) {
            *slot = c;
        }
        Clitics {
            procs,
            enclitic: enclitic.map_or(0, |e| code_of(&ENCLITICS, e)),
        }
    }

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

    /// A number that tells sets of clitics apart (for hashing; 0: none).
    pub fn code(&self) -> u32 {
        u32::from_le_bytes([self.procs[0], self.procs[1], self.enclitic, 0])
    }

    /// The number of clitics (proclitics and enclitic).
    pub fn len(&self) -> usize {
        self.proclitics().count() + usize::from(self.enclitic != 0)
    }

    /// True when there is no clitic.
    pub fn is_empty(&self) -> bool {
        *self == Clitics::NONE
    }
}

impl<'a> WordForm<'a> {
    /// The clitics around the base.
    pub fn clitics(&self) -> Clitics {
        Clitics {
            procs: self.procs,
            enclitic: self.enclitic,
        }
    }

    /// The proclitics, in order (normalised: `و`, `ب` …).
    pub fn proclitics(&self) -> impl Iterator<Item = &'static str> {
        self.clitics().proclitics()
    }

    /// The pronoun enclitic, if any (normalised).
    pub fn enclitic(&self) -> Option<&'static str> {
        self.clitics().enclitic()
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
    /// `first` padding bytes, then the buckets (`BUCKET` bytes each), then slack.
    buckets: String,
    /// Offset of the first bucket in `buckets` (aligns buckets to cache lines).
    first: usize,
    /// Number of buckets (a power of two; 0 before first use).
    n_buckets: usize,
    /// Records held.
    len: usize,
    /// Strings of records that do not fit in their bucket.
    spill: String,
    scratch: Scratch,
    /// Builds the strings of a new form before they join the table.
    staging: String,
    /// Builds a new bucket.
    record: String,
    /// Builds the string area of a new bucket.
    area: String,
    /// True for a table whose records carry no stem (left empty): [`crate::analyze`]
    /// never reads it, and stemming every new form cost a fifth of its analysis.
    skip_stems: bool,
}

/// Byte equality for short keys: two overlapping 8-byte (or 4-byte) comparisons for
/// keys up to 16 bytes, as most words are (inlined: a `memcmp` call costs more than
/// the comparison for word-sized keys).
#[inline]
fn same_bytes(a: Option<&[u8]>, b: &[u8]) -> bool {
    let Some(a) = a else { return false };
    let n = b.len();
    if a.len() != n {
        return false;
    }
    let word8 = |s: &[u8], i: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&s[i..i + 8]);
        u64::from_le_bytes(w)
    };
    let word4 = |s: &[u8], i: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&s[i..i + 4]);
        u32::from_le_bytes(w)
    };
    match n {
        8..=16 => word8(a, 0) == word8(b, 0) && word8(a, n - 8) == word8(b, n - 8),
        4..=7 => word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4),
        _ => a == b,
    }
}

#[inline]
fn hash_of(key: &[u8]) -> u64 {
    // The lexicon's hash: a word's hash here also locates it in the lexicon, for
    // prefetching (see `segment::prefetch_frequencies`).
    segment::key_hash(key)
}

/// The seven-bit tag of a hash kept in the bucket header.
#[inline]
fn tag_of(h: u64) -> u8 {
    (h >> 57) as u8
}

fn code_of(table: &[&str], s: &str) -> u8 {
    table
        .iter()
        .position(|&t| t == s)
        .map_or(0, |i| (i + 1) as u8)
}

/// Reads a number stored in `n` 7-bit bytes (low bits first).
#[inline]
fn read7(b: &[u8], at: usize, n: usize) -> usize {
    (0..n).fold(0, |v, k| v | usize::from(b[at + k] & 0x7F) << (7 * k))
}

/// [`read7`] of two bytes.
#[inline]
fn read14(b: &[u8], at: usize) -> usize {
    usize::from(b[at] & 0x7F) | usize::from(b[at + 1] & 0x7F) << 7
}

/// Appends `v` as `n` 7-bit bytes (low bits first); `v` must fit.
fn push7(out: &mut String, v: usize, n: usize) {
    for k in 0..n {
        out.push(char::from(((v >> (7 * k)) & 0x7F) as u8));
    }
}

/// Prefetches the cache line that holds `b` (a hint only: no effect on results).
#[inline]
pub(crate) fn prefetch_line(b: &[u8]) {
    prefetch_lines(b.as_ptr(), 1);
}

/// Asks the processor to bring every cache line of `x` close (a hint only: no effect
/// on results). For tables read at random, a few items ahead of their use.
#[inline(always)]
pub fn prefetch<T>(x: &T) {
    prefetch_lines(
        (x as *const T).cast(),
        std::mem::size_of::<T>().div_ceil(64),
    );
}

/// Prefetches `lines` cache lines from `p`.
#[inline(always)]
fn prefetch_lines(p: *const u8, lines: usize) {
    #[cfg(target_arch = "x86_64")]
    for l in 0..lines {
        // SAFETY: SSE, which `_mm_prefetch` needs, is part of the x86_64 baseline, and a
        // prefetch never faults nor changes memory (any address may be given).
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                p.wrapping_add(64 * l).cast(),
            );
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (p, lines);
}

/// Overwrites the bucket at byte `at` with `record` (one whole bucket).
#[inline]
fn write_bucket(buckets: &mut str, at: usize, record: &str) {
    let Some(dst) = buckets.get_mut(at..at + BUCKET) else {
        return;
    };
    if record.len() != BUCKET {
        return;
    }
    // SAFETY: `dst` and `record` are both whole UTF-8 strings of the same length, so
    // putting the bytes of one in place of the other leaves the string valid UTF-8.
    // (`String::replace_range` does the same, safely, at several times the cost.)
    unsafe { dst.as_bytes_mut() }.copy_from_slice(record.as_bytes());
}

/// A zeroed bucket string for `n` buckets and the offset of the first, aligned to a
/// cache line.
fn empty_buckets(n: usize) -> (String, usize) {
    let total = n * BUCKET + BUCKET;
    let mut s = String::with_capacity(total);
    advise_huge_pages(s.as_ptr(), s.capacity());
    let zeros = "\0".repeat(total.min(1 << 12));
    while s.len() < total {
        let take = (total - s.len()).min(zeros.len());
        s.push_str(&zeros[..take]);
    }
    let first = s.as_ptr().align_offset(BUCKET);
    (s, if first < BUCKET { first } else { 0 })
}

/// Asks the kernel to back the 2 MB-aligned part of the `len` bytes at `ptr` (a fresh
/// allocation of ours, not yet written) with huge pages. The word table and the
/// lexicon are read at random over several megabytes: with 4 KB pages most lookups
/// also miss the TLB. A hint only (Linux; nothing elsewhere); contents never change.
pub(crate) fn advise_huge_pages(ptr: *const u8, len: usize) {
    const HUGE: usize = 1 << 21;
    #[cfg(target_os = "linux")]
    {
        let skip = ptr.align_offset(HUGE);
        if skip >= len || len - skip < HUGE {
            return;
        }
        let span = (len - skip) & !(HUGE - 1);
        // SAFETY: the range lies inside one allocation we own, starts at a page
        // boundary, and MADV_HUGEPAGE only advises on how to back it: it neither reads
        // nor changes its contents. A failure (no transparent huge pages) is harmless.
        unsafe {
            libc::madvise(
                ptr.wrapping_add(skip) as *mut libc::c_void,
                span,
                libc::MADV_HUGEPAGE,
            );
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (ptr, len, HUGE);
}

impl WordTable {
    /// An empty table.
    pub fn new() -> WordTable {
        WordTable::default()
    }

    /// An empty table whose forms have an empty [`WordForm::stem`] (for callers that
    /// never read it).
    pub(crate) fn without_stems() -> WordTable {
        WordTable {
            skip_stems: true,
            ..WordTable::default()
        }
    }

    /// The analysis of a word token's text (computed on first sight, then remembered);
    /// `None` for forms longer than 255 bytes, which the caller analyses itself.
    pub fn get(&mut self, word: &str) -> Option<WordForm<'_>> {
        self.get_hashed(word, hash_of(word.as_bytes()))
    }

    /// The hash [`WordTable::get_hashed`] wants for `word`.
    #[inline]
    pub(crate) fn hash(word: &str) -> u64 {
        hash_of(word.as_bytes())
    }

    /// Asks the processor to start loading the bucket of a word with hash `h` (from
    /// [`WordTable::hash`]), for a [`WordTable::get_hashed`] a little later: lookups of
    /// rare words wait on main memory, and prefetching overlaps those waits.
    #[inline]
    pub(crate) fn prefetch(&self, h: u64) {
        if self.n_buckets == 0 {
            return;
        }
        let at = self.first + (h as usize & (self.n_buckets - 1)) * BUCKET;
        if let Some(b) = self.buckets.as_bytes().get(at..at + BUCKET) {
            prefetch_line(b);
        }
    }

    /// True when a word of hash `h` is certainly not in the table (its home bucket is
    /// empty): a hint that it is about to be analysed.
    #[inline]
    pub(crate) fn surely_absent(&self, h: u64) -> bool {
        if self.n_buckets == 0 {
            return false;
        }
        let at = self.first + (h as usize & (self.n_buckets - 1)) * BUCKET;
        self.buckets.as_bytes().get(at + STATE) == Some(&0)
    }

    /// [`WordTable::get`] with the word's hash already computed.
    #[inline]
    pub(crate) fn get_hashed(&mut self, word: &str, h: u64) -> Option<WordForm<'_>> {
        let key = word.as_bytes();
        if key.len() > MAX_KEY {
            return None;
        }
        if self.n_buckets == 0 {
            self.reset(FIRST_BUCKETS);
        }
        let tag = tag_of(h);
        let mask = self.n_buckets - 1;
        let mut i = (h as usize) & mask;
        let bytes = self.buckets.as_bytes();
        loop {
            let at = self.first + i * BUCKET;
            let Some(b) = bytes.get(at..at + BUCKET) else {
                break;
            };
            match b[STATE] {
                0 => break,
                INLINE_RECORD => {
                    if b[TAG] == tag
                        && usize::from(b[KEY_LEN]) == key.len()
                        && same_bytes(b.get(HEADER..HEADER + key.len()), key)
                    {
                        return Some(self.form(at));
                    }
                }
                _ => {
                    if b[TAG] == tag && self.spilled_key(b) == key {
                        return Some(self.form(at));
                    }
                }
            }
            i = (i + 1) & mask;
        }
        self.insert(word, h)
    }

    /// The key of a spilled record.
    fn spilled_key(&self, b: &[u8]) -> &[u8] {
        let at = read7(b, SPILL_AT, 5);
        let len = read7(b, SPILL_LENS, 2);
        self.spill.as_bytes().get(at..at + len).unwrap_or_default()
    }

    /// The key of the record in bucket `at`.
    fn key_at(&self, at: usize) -> &[u8] {
        let b = &self.buckets.as_bytes()[at..at + BUCKET];
        if b[STATE] == INLINE_RECORD {
            &b[HEADER..HEADER + usize::from(b[KEY_LEN])]
        } else {
            self.spilled_key(b)
        }
    }

    /// Reads the record of bucket `at`.
    #[inline]
    fn form(&self, at: usize) -> WordForm<'_> {
        let b = &self.buckets.as_bytes()[at..at + BUCKET];
        let (norm, base, stem) = if b[STATE] == INLINE_RECORD {
            let text = |off: usize, len: usize| {
                let from = at + HEADER + usize::from(b[off]);
                self.buckets
                    .get(from..from + usize::from(b[len]))
                    .unwrap_or("")
            };
            (
                text(NORM_AT, NORM_LEN),
                text(BASE_AT, BASE_LEN),
                text(STEM_AT, STEM_LEN),
            )
        } else {
            let mut from = read7(b, SPILL_AT, 5) + read7(b, SPILL_LENS, 2);
            let mut text = |k: usize| {
                let len = read7(b, SPILL_LENS + 2 * k, 2);
                let s = self.spill.get(from..from + len).unwrap_or("");
                from += len;
                s
            };
            (text(1), text(2), text(3))
        };
        WordForm {
            norm,
            base,
            stem,
            prefix_chars: read14(b, PREFIX_CHARS),
            suffix_chars: read14(b, SUFFIX_CHARS),
            procs: [b[PROC0], b[PROC1]],
            enclitic: b[ENCLITIC],
        }
    }

    /// Empties the table, with `n` buckets.
    fn reset(&mut self, n: usize) {
        (self.buckets, self.first) = empty_buckets(n);
        self.n_buckets = n;
        self.len = 0;
        self.spill.clear();
    }

    /// A free bucket for hash `h`.
    fn free_bucket(&self, h: u64) -> usize {
        let mask = self.n_buckets - 1;
        let mut i = (h as usize) & mask;
        loop {
            let at = self.first + i * BUCKET;
            if self.buckets.as_bytes()[at + STATE] == 0 {
                return at;
            }
            i = (i + 1) & mask;
        }
    }

    /// Analyses and stores a new form; `None` when its strings are too long for a
    /// record (never for real words), and the caller analyses it itself.
    fn insert(&mut self, word: &str, h: u64) -> Option<WordForm<'_>> {
        if self.len >= MAX_WORDS || self.spill.len() >= (1 << 34) {
            self.reset(self.n_buckets);
        }
        // At most 60% full.
        if (self.len + 1) * 5 > self.n_buckets * 3 && self.n_buckets < MAX_BUCKETS {
            self.grow();
        }
        self.staging.clear();
        let lens = analyse_into(&mut self.scratch, word, !self.skip_stems, &mut self.staging);
        if [lens.key, lens.norm, lens.base, lens.stem]
            .iter()
            .any(|&n| n >= 1 << 14)
        {
            return None;
        }
        self.record.clear();
        encode_record(
            &lens,
            tag_of(h),
            &self.staging,
            &mut self.area,
            &mut self.spill,
            &mut self.record,
        );
        let at = self.free_bucket(h);
        write_bucket(&mut self.buckets, at, &self.record);
        self.len += 1;
        Some(self.form(at))
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.buckets);
        let (old_first, old_n) = (self.first, self.n_buckets);
        // Four times bigger (fewer rehashes and fresh pages than doubling), up to the
        // size that holds `MAX_WORDS` forms at most 60% full.
        let n = (old_n * 4).min(MAX_BUCKETS).max(old_n);
        (self.buckets, self.first) = empty_buckets(n);
        self.n_buckets = n;
        let old_table = WordTable {
            buckets: old,
            first: old_first,
            n_buckets: old_n,
            spill: std::mem::take(&mut self.spill),
            ..WordTable::default()
        };
        for i in 0..old_n {
            let from = old_first + i * BUCKET;
            if old_table.buckets.as_bytes()[from + STATE] == 0 {
                continue;
            }
            let to = self.free_bucket(hash_of(old_table.key_at(from)));
            let record = old_table
                .buckets
                .get(from..from + BUCKET)
                .unwrap_or_default();
            write_bucket(&mut self.buckets, to, record);
        }
        self.spill = old_table.spill;
    }
}

/// Lengths and clitics of an analysed form, as written by [`analyse_into`].
struct Analysed {
    key: usize,
    norm: usize,
    base: usize,
    stem: usize,
    prefix_chars: usize,
    suffix_chars: usize,
    procs: [u8; 2],
    enclitic: u8,
}

/// Where `needle` first occurs in `hay` (short strings: a plain scan beats the
/// set-up of a substring searcher). For UTF-8 text a match always starts and ends at
/// character boundaries.
fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| hay[i..].starts_with(needle))
}

/// Writes the bucket of a form whose key, norm, base and stem are in `strings`, one
/// after another; strings that do not fit go to `spill`.
fn encode_record(
    a: &Analysed,
    tag: u8,
    strings: &str,
    area: &mut String,
    spill: &mut String,
    out: &mut String,
) {
    let [n, b, s] = place_strings(a, strings, area);
    let inline = area.len() <= INLINE;
    // The header is built as bytes and appended at once (a push per byte cost more
    // than the rest of the record). Every byte is masked to seven bits, so it is ASCII.
    let mut header = [0u8; HEADER];
    header[STATE] = if inline {
        INLINE_RECORD
    } else {
        SPILLED_RECORD
    };
    header[TAG] = tag;
    if inline {
        for (k, v) in [a.key, n.0, n.1, b.0, b.1, s.0, s.1]
            .into_iter()
            .enumerate()
        {
            header[KEY_LEN + k] = v as u8;
        }
    }
    for (at, v) in [
        (PREFIX_CHARS, a.prefix_chars),
        (SUFFIX_CHARS, a.suffix_chars),
    ] {
        header[at] = v as u8;
        header[at + 1] = (v >> 7) as u8;
    }
    header[PROC0] = a.procs[0];
    header[PROC1] = a.procs[1];
    header[ENCLITIC] = a.enclitic;
    for h in &mut header {
        *h &= 0x7F;
    }
    out.push_str(std::str::from_utf8(&header).unwrap_or(&ZEROS[..HEADER]));
    if inline {
        out.push_str(area);
    } else {
        push7(out, spill.len(), 5);
        for v in [a.key, a.norm, a.base, a.stem] {
            push7(out, v, 2);
        }
        spill.push_str(strings);
    }
    out.push_str(&ZEROS[..BUCKET.saturating_sub(out.len())]);
}

/// Lays out a record's strings in `area` (cleared first): the key, then norm, base and
/// stem each stored once, an earlier copy reused when there is one. Returns the
/// (offset, length) in `area` of norm, base and stem.
fn place_strings(a: &Analysed, strings: &str, area: &mut String) -> [(usize, usize); 3] {
    let (k, nl, bl) = (a.key, a.norm, a.base);
    area.clear();
    area.push_str(&strings[..k]);
    let mut place = |s: &str| match find_bytes(area.as_bytes(), s.as_bytes()) {
        Some(i) => (i, s.len()),
        None => {
            area.push_str(s);
            (area.len() - s.len(), s.len())
        }
    };
    [
        place(&strings[k..k + nl]),
        place(&strings[k + nl..k + nl + bl]),
        place(&strings[k + nl + bl..]),
    ]
}

/// A bucket's worth of zero bytes (padding for new records).
const ZEROS: &str = match std::str::from_utf8(&[0u8; BUCKET]) {
    Ok(z) => z,
    Err(_) => "",
};

/// Analyses one word (at most [`MAX_KEY`] bytes), appending key, norm, base and stem
/// (empty unless `with_stem`) to `out`; returns their lengths and the clitics. Gives
/// what [`segment::segment`] gives, without allocating.
fn analyse_into(scratch: &mut Scratch, word: &str, with_stem: bool, out: &mut String) -> Analysed {
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
    if with_stem {
        // The stem is computed from the base just written (copied out: `out` grows).
        let mut buf = [0u8; 4 * MAX_KEY + 8];
        let base_bytes = &out.as_bytes()[base_at..stem_at];
        let n = base_bytes.len().min(buf.len());
        buf[..n].copy_from_slice(&base_bytes[..n]);
        let base_str = std::str::from_utf8(&buf[..n]).unwrap_or("");
        stem::stem_into(base_str, out, false);
    }
    let stem = out.len() - stem_at;
    let mut procs = [0u8; 2];
    for (slot, &c) in procs.iter_mut().zip(&plan.procs[..plan.n_procs]) {
        *slot = PROCLITICS
            .iter()
            .position(|p| p.starts_with(c))
            .map_or(0, |i| (i + 1) as u8);
    }
    Analysed {
        key,
        norm,
        base,
        stem,
        prefix_chars: plan.prefix_chars.min(255),
        suffix_chars: plan.suffix_chars.min(255),
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

    /// Words of every kind of record: clitics, diacritics, Latin, digits, a word too
    /// long to fit its bucket (spilled), presentation forms, one letter, nothing.
    const RECORD_SAMPLES: [&str; 14] = [
        "وبالجيش",
        "للجيش",
        "زيارته",
        "لقاؤه",
        "الرئيس",
        "مُحَمَّد",
        "abc",
        "٢٠٢٦",
        "ك",
        "",
        "وبالمستشفياتالعسكريةالميدانيةالجديدة",
        "ﷺﷺﷺ",
        "وبِالمُسْتَشْفَيَاتِ",
        "لديها",
    ];

    #[test]
    fn a_table_without_stems_differs_only_by_the_stem() {
        let words = RECORD_SAMPLES;
        let mut with = WordTable::new();
        let mut without = WordTable::without_stems();
        for _ in 0..2 {
            for w in words {
                let a = with.get(w).expect("short word is kept");
                let (a_norm, a_base) = (a.norm.to_string(), a.base.to_string());
                let a_rest = (a.prefix_chars, a.suffix_chars, a.clitics());
                let b = without.get(w).expect("short word is kept");
                assert_eq!(b.stem, "", "{w}");
                assert_eq!((b.norm, b.base), (a_norm.as_str(), a_base.as_str()), "{w}");
                assert_eq!((b.prefix_chars, b.suffix_chars, b.clitics()), a_rest, "{w}");
            }
        }
    }

    /// The record as it was first written, one byte at a time.
    fn encode_record_bytewise(a: &Analysed, tag: u8, strings: &str, out: &mut String) {
        let mut area = String::new();
        let spill = String::new();
        let [n, b, s] = place_strings(a, strings, &mut area);
        let inline = area.len() <= INLINE;
        out.push(char::from(if inline {
            INLINE_RECORD
        } else {
            SPILLED_RECORD
        }));
        out.push(char::from(tag & 0x7F));
        if inline {
            for v in [a.key, n.0, n.1, b.0, b.1, s.0, s.1] {
                out.push(char::from(v as u8));
            }
        } else {
            out.push_str("\0\0\0\0\0\0\0");
        }
        push7(out, a.prefix_chars, 2);
        push7(out, a.suffix_chars, 2);
        for v in [a.procs[0], a.procs[1], a.enclitic] {
            out.push(char::from(v));
        }
        if inline {
            out.push_str(&area);
        } else {
            push7(out, spill.len(), 5);
            for v in [a.key, a.norm, a.base, a.stem] {
                push7(out, v, 2);
            }
        }
        while out.len() < BUCKET {
            out.push('\0');
        }
    }

    #[test]
    fn records_are_encoded_as_byte_by_byte() {
        let mut scratch = Scratch::default();
        let words = RECORD_SAMPLES;
        for with_stem in [false, true] {
            for (i, w) in words.iter().enumerate() {
                let mut strings = String::new();
                let a = analyse_into(&mut scratch, w, with_stem, &mut strings);
                let tag = (i * 37 % 128) as u8;
                let (mut area, mut spill) = (String::new(), String::new());
                let mut fast = String::new();
                encode_record(&a, tag, &strings, &mut area, &mut spill, &mut fast);
                let mut plain = String::new();
                encode_record_bytewise(&a, tag, &strings, &mut plain);
                assert_eq!(fast.len(), BUCKET, "{w}");
                assert_eq!(fast, plain, "{w}");
            }
        }
    }

    #[test]
    fn byte_comparison_sees_every_byte() {
        for n in 0..40usize {
            let a: Vec<u8> = (0..n as u8).collect();
            assert!(same_bytes(Some(&a), &a), "{n}");
            for i in 0..n {
                let mut b = a.clone();
                b[i] ^= 0x80;
                assert!(!same_bytes(Some(&a), &b), "{n} {i}");
            }
            assert!(!same_bytes(Some(&a[..n.saturating_sub(1)]), &a) || n == 0);
        }
        assert!(!same_bytes(None, b"abc"));
    }

    #[test]
    fn records_too_big_for_a_bucket_spill_and_stay_exact() {
        let mut table = WordTable::new();
        // A key of 60 bytes, ligatures whose normal form is much longer than the key,
        // and a diacritised word whose norm differs from its key.
        let words = [
            "وبالمستشفياتالعسكريةالميدانيةالجديدة",
            "ﷺﷺﷺ",
            "وبِالمُسْتَشْفَيَاتِ",
            "ك",
            "",
        ];
        for _ in 0..2 {
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
