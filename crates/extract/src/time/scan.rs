//! The token view that the time and quantity stages read, and phrase tables.
//!
//! The text is scanned directly (not through the text layer's tokens) so that numbers,
//! numeric dates and clitics are read the same way whatever the tokeniser does:
//! `28/1/2026` becomes one [`Kind::Date`] token, `4.5`, `1,200` and `٤٫٥` one
//! [`Kind::Num`], and `1447هـ` a number followed by a word.

use marsad_text::numbers::{is_number_word, number_words};
use marsad_text::{fold_char, normalize_word, CompactString, Folding};

use crate::entities::index::FastMap;

/// What a scanned token is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    /// Arabic-script word.
    Word,
    /// Latin-script word.
    Latin,
    /// A number.
    Num,
    /// A numeric date (`28/1/2026`, `2026-01-28`): year, month, day.
    Date(i32, u32, u32),
    /// Any other single character (punctuation, symbols).
    Other,
}

/// A scanned token.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    /// First character (offset into the original text).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
    /// Folded form: the word with MATCH folding, ASCII digits, or the character itself.
    pub norm: CompactString,
    /// For words whose folding dropped characters: the original character offset of
    /// each character of `norm` (empty when character `i` of `norm` is at `start + i`;
    /// see [`Tok::off`]).
    pub offs: Box<[usize]>,
    /// `norm` maps one to one onto the original characters from `start` (no offsets
    /// stored in `offs`).
    pub plain: bool,
    /// For words: the readings with proclitics removed ([`unclitic`] of `norm`).
    pub unc: Unclitic,
    /// For words: some reading with proclitics removed ([`unclitic`]) is a number word
    /// or a word that starts a time expression, so an expression may start here.
    pub starter: bool,
    /// For words: some reading with proclitics removed ([`unclitic`]) is a number word
    /// (`is_number_word`, so `parse_number_words` reads it).
    pub number_word: bool,
    /// For words: some reading with proclitics removed ([`unclitic`]) is a fraction word
    /// ([`crate::quantity::FRACTION_WORDS`]), so a fraction may start here.
    pub fraction_word: bool,
    /// For words: the time tables ([`tables`]) some phrase of which starts with some
    /// reading of the word with proclitics removed; a table with its bit clear has no
    /// phrase at this token ([`Phrases::at`]).
    pub tables: u8,
    /// For numbers: the value.
    pub value: f64,
    /// For numbers: the count of integer digits (0 for other tokens).
    pub digits: u32,
    /// For numbers: no decimal part.
    pub int: bool,
    /// Whitespace comes right before the token.
    pub space_before: bool,
}

impl Tok {
    /// The folded word, if this is an Arabic word.
    pub fn word(&self) -> Option<&str> {
        (self.kind == Kind::Word).then_some(self.norm.as_str())
    }

    /// For words: `(folded chars dropped, rest)` for each reading of the word with its
    /// proclitics removed, the whole word first (as [`unclitic`]).
    pub fn readings(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        self.unc.iter(&self.norm)
    }

    /// The character offset in the original text of folded character `i` of the word.
    pub fn off(&self, i: usize) -> usize {
        if self.plain {
            if i < self.end - self.start {
                self.start + i
            } else {
                self.end
            }
        } else {
            self.offs.get(i).copied().unwrap_or(self.end)
        }
    }
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('٠'..='٩').contains(&c) || ('۰'..='۹').contains(&c)
}

fn is_word_char(c: char) -> bool {
    // Arabic letters (hamza to ya, tatweel included) first: `is_alphabetic` is slow there.
    ('\u{0620}'..='\u{064A}').contains(&c)
        || c.is_ascii_alphabetic()
        || c.is_alphabetic()
        || fold_char(c, Folding::MATCH).is_none() && !c.is_whitespace()
}

/// What the scan asks of a character: [`fold_char`] with the matching folding, and as bits
/// of `flags`: [`is_word_char`], [`is_digit`], `char::is_whitespace`, and facts about the
/// folding that let a word skip being rebuilt. A word's characters are read with one test
/// each ([`CharClass::IN_WORD`]) and their flags and-ed together.
#[derive(Debug, Clone, Copy)]
struct CharClass {
    fold: Option<char>,
    flags: u8,
}

impl CharClass {
    /// [`is_word_char`].
    const WORD: u8 = 1;
    /// [`is_digit`].
    const DIGIT: u8 = 1 << 1;
    /// `char::is_whitespace`.
    const SPACE: u8 = 1 << 2;
    /// A word goes on over the character: a word character and not a digit.
    const IN_WORD: u8 = 1 << 3;
    /// The folding keeps a character (`fold.is_some()`).
    const FOLDS: u8 = 1 << 4;
    /// The folding keeps the character as it is (`fold == Some(c)`).
    const KEPT: u8 = 1 << 5;
    /// The character leaves a word Latin: it folds to an ASCII letter or is dropped.
    const LATIN: u8 = 1 << 6;

    fn of(c: char) -> CharClass {
        let fold = fold_char(c, Folding::MATCH);
        let (word, digit) = (is_word_char(c), is_digit(c));
        let flag = |yes: bool, bit: u8| if yes { bit } else { 0 };
        CharClass {
            fold,
            flags: flag(word, Self::WORD)
                | flag(digit, Self::DIGIT)
                | flag(c.is_whitespace(), Self::SPACE)
                | flag(word && !digit, Self::IN_WORD)
                | flag(fold.is_some(), Self::FOLDS)
                | flag(fold == Some(c), Self::KEPT)
                | flag(fold.is_none_or(|f| f.is_ascii_alphabetic()), Self::LATIN),
        }
    }

    /// The flag (or all of several flags) is set.
    #[inline]
    fn has(self, flag: u8) -> bool {
        self.flags & flag == flag
    }
}

/// The [`CharClass`] of ASCII and the Arabic block (U+0000–U+06FF), where nearly all
/// characters of the text are.
struct CharTable([CharClass; 0x700]);

static CHAR_TABLE: std::sync::LazyLock<CharTable> = std::sync::LazyLock::new(|| {
    CharTable(std::array::from_fn(|i| {
        CharClass::of(char::from_u32(i as u32).unwrap_or('\u{FFFD}'))
    }))
});

impl CharTable {
    #[inline]
    fn get(&self, c: char) -> CharClass {
        match self.0.get(c as usize) {
            Some(&class) => class,
            None => CharClass::of(c),
        }
    }
}

/// The text as the scan reads it: its characters, and where each one starts in the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ScanText<'a> {
    /// The text.
    pub text: &'a str,
    /// Its characters.
    pub chars: &'a [char],
    /// The byte offset of each character in `text`, then `text.len()`.
    pub char_to_byte: &'a [usize],
}

impl<'a> ScanText<'a> {
    /// The text of characters `s..e`, when the offsets allow it.
    fn slice(&self, s: usize, e: usize) -> Option<&'a str> {
        let (bs, be) = (*self.char_to_byte.get(s)?, *self.char_to_byte.get(e)?);
        self.text.get(bs..be)
    }
}

/// Scans the text into tokens.
#[cfg(test)]
pub(crate) fn scan(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    let char_to_byte: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    scan_text(ScanText {
        text,
        chars: &chars,
        char_to_byte: &char_to_byte,
    })
}

/// A reading is a number word ([`is_number_word`], so `parse_number_words` reads it).
const NUMBER_WORD: u8 = 1;
/// A reading is a word that can start a time expression ([`super::first_words`]).
const FIRST_WORD: u8 = 1 << 1;
/// A reading is a fraction word ([`crate::quantity::FRACTION_WORDS`]).
const FRACTION_WORD: u8 = 1 << 2;

/// The bits of the time tables in [`Tok::tables`] (set on a table by
/// [`Phrases::flagged`]).
pub(crate) mod tables {
    /// Month names.
    pub const MONTHS: u8 = 1;
    /// Weekdays.
    pub const WEEKDAYS: u8 = 1 << 1;
    /// Units of time.
    pub const UNITS: u8 = 1 << 2;
    /// Modifiers (`منتصف`).
    pub const MODS: u8 = 1 << 3;
    /// Parts of the day.
    pub const PARTS: u8 = 1 << 4;
    /// Lexicon expressions.
    pub const EXPRS: u8 = 1 << 5;
}

/// The words a time or quantity recogniser looks up at a token, with what each is
/// ([`NUMBER_WORD`], [`FIRST_WORD`], [`FRACTION_WORD`]): a few hundred words. The scan asks it once per
/// reading of a word, so that the recognisers need no lookup of their own to know
/// whether an expression may start at a token.
struct StartWords {
    /// The words, for a quick "certainly none" before the map: most words of a text
    /// are none of them and are never hashed. Wide (16,384 bits), so that few common
    /// words pass by chance.
    bits: WordBits<256>,
    /// The flags of each word, then the [`tables`] its phrases start in.
    flags: FastMap<String, (u8, u8)>,
}

impl StartWords {
    fn new() -> StartWords {
        let mut flags: FastMap<String, (u8, u8)> = FastMap::default();
        for w in super::first_words() {
            flags.entry(w.clone()).or_default().0 |= FIRST_WORD;
        }
        for w in number_words().filter(|w| is_number_word(w)) {
            flags.entry(w).or_default().0 |= NUMBER_WORD;
        }
        for (w, _) in crate::quantity::FRACTION_WORDS {
            flags.entry(w.to_string()).or_default().0 |= FRACTION_WORD;
        }
        for (bit, words) in super::lexicon::LEXICON.first_words_by_table() {
            for w in words {
                flags.entry(w).or_default().1 |= bit;
            }
        }
        StartWords {
            bits: WordBits::new(flags.keys().map(String::as_str)),
            flags,
        }
    }

    /// The flags and tables of a word (0 for most words).
    #[inline]
    fn of(&self, w: &str) -> (u8, u8) {
        if !self.bits.may_contain(w) {
            return (0, 0);
        }
        self.flags.get(w).copied().unwrap_or((0, 0))
    }

    /// The flags and tables of any of a word's readings.
    fn of_readings<'w>(&self, readings: impl Iterator<Item = &'w str>) -> (u8, u8) {
        readings.fold((0, 0), |(flags, tables), w| {
            let (f, t) = self.of(w);
            (flags | f, tables | t)
        })
    }
}

static START_WORDS: std::sync::LazyLock<StartWords> = std::sync::LazyLock::new(StartWords::new);

/// A folded word (such as a reading of [`Tok::readings`]) is a number word: what
/// `parse_number_words(&[w])` answers (it folds `w`, already folded, then asks
/// `is_number_word`), by the scan's exact lookup instead of a parse.
pub(crate) fn is_number_reading(w: &str) -> bool {
    START_WORDS.of(w).0 & NUMBER_WORD != 0
}

/// The MATCH folding of a word given as its characters, into `buf`.
fn fold_word(table: &CharTable, chars: &[char], buf: &mut String) {
    buf.clear();
    buf.extend(chars.iter().filter_map(|&c| table.get(c).fold));
}

/// Scans the text into tokens.
pub(crate) fn scan_text(src: ScanText<'_>) -> Vec<Tok> {
    let chars = src.chars;
    let table = &*CHAR_TABLE;
    let start_words = &*START_WORDS;
    let mut out = Vec::with_capacity(chars.len() / 4 + 4);
    let mut buf = String::new();
    let mut i = 0;
    let mut space = true;
    while i < chars.len() {
        let c = chars[i];
        let class = table.get(c);
        if class.has(CharClass::SPACE) {
            space = true;
            i += 1;
            continue;
        }
        if class.has(CharClass::DIGIT) {
            i = scan_number(chars, i, space, &mut out);
        } else if class.has(CharClass::WORD | CharClass::FOLDS) {
            // The extent of the word, and what its folding does: the flags all its
            // characters share.
            let s = i;
            let mut shared = u8::MAX;
            while let Some(&c) = chars.get(i) {
                let class = table.get(c);
                if !class.has(CharClass::IN_WORD) {
                    break;
                }
                shared &= class.flags;
                i += 1;
            }
            let plain = shared & CharClass::FOLDS != 0;
            let kept = shared & CharClass::KEPT != 0;
            let latin = shared & CharClass::LATIN != 0;
            // Inline for words of up to 24 bytes: no allocation per word. A word that
            // folds to itself is copied from the text; others are folded.
            let norm = match src.slice(s, i).filter(|_| kept) {
                Some(word) => CompactString::from(word),
                None => {
                    fold_word(table, &chars[s..i], &mut buf);
                    CompactString::from(buf.as_str())
                }
            };
            // Offsets are stored only when folding dropped a character.
            let offs: Box<[usize]> = if plain {
                Box::default()
            } else {
                (s..i)
                    .filter(|&k| table.get(chars[k]).fold.is_some())
                    .collect()
            };
            let kind = if latin { Kind::Latin } else { Kind::Word };
            // `parse_number_words(&[w])` folds `w` then asks `is_number_word`; the readings
            // are already folded (folding is idempotent, checked by a test), so ask directly.
            let unc = if kind == Kind::Word {
                unclitic(&norm)
            } else {
                Unclitic::default()
            };
            let (flags, tables) = if kind == Kind::Word {
                start_words.of_readings(unc.iter(&norm).map(|(_, w)| w))
            } else {
                (0, 0)
            };
            let number_word = flags & NUMBER_WORD != 0;
            let fraction_word = flags & FRACTION_WORD != 0;
            let starter = flags & (NUMBER_WORD | FIRST_WORD) != 0;
            out.push(Tok {
                start: s,
                end: i,
                kind,
                norm,
                offs,
                plain,
                unc,
                starter,
                number_word,
                fraction_word,
                tables,
                value: 0.0,
                digits: 0,
                int: false,
                space_before: space,
            });
        } else {
            out.push(Tok {
                start: i,
                end: i + 1,
                kind: Kind::Other,
                norm: CompactString::from(c.encode_utf8(&mut [0u8; 4]) as &str),
                offs: Box::default(),
                plain: true,
                unc: Unclitic::default(),
                starter: false,
                number_word: false,
                fraction_word: false,
                tables: 0,
                value: 0.0,
                digits: 0,
                int: false,
                space_before: space,
            });
            i += 1;
        }
        space = false;
    }
    out
}

/// A Bloom filter of a set of words (one bit per word, [`word_bit`]) in `WORDS` × 64 bits:
/// a quick "certainly not in the set" before a hash lookup.
#[derive(Debug)]
pub(crate) struct WordBits<const WORDS: usize = 16>([u64; WORDS]);

impl<const WORDS: usize> Default for WordBits<WORDS> {
    fn default() -> Self {
        WordBits([0; WORDS])
    }
}

impl<const WORDS: usize> WordBits<WORDS> {
    /// The filter of a set of words.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut bits = WordBits::default();
        for w in words {
            bits.insert(w);
        }
        bits
    }

    fn bit(w: &str) -> usize {
        word_bit(w) % (WORDS * 64)
    }

    /// Adds a word.
    pub fn insert(&mut self, w: &str) {
        let bit = Self::bit(w);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// False when `w` is certainly not one of the words.
    #[inline]
    pub fn may_contain(&self, w: &str) -> bool {
        let bit = Self::bit(w);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

fn fold_digit(c: char) -> char {
    fold_char(c, Folding::MATCH).unwrap_or(c)
}

/// Scans a run of digits and separators starting at `s`; returns the next index.
fn scan_number(chars: &[char], s: usize, space: bool, out: &mut Vec<Tok>) -> usize {
    // The run: digits, with single separators between digits.
    let mut e = s;
    while e < chars.len() {
        let separator = matches!(chars[e], '.' | ',' | '٫' | '٬' | '/' | '-')
            && e + 1 < chars.len()
            && is_digit(chars[e + 1])
            && e > s;
        if is_digit(chars[e]) || separator {
            e += 1;
        } else {
            break;
        }
    }
    let run: String = chars[s..e].iter().map(|&c| fold_digit(c)).collect();
    // Numeric dates.
    for sep in ['/', '-', '.'] {
        let parts: Vec<&str> = run.split(sep).collect();
        if parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        {
            let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
            if n.len() == 3 {
                let ymd = if parts[0].len() == 4 && parts[2].len() <= 2 {
                    Some((n[0] as i32, n[1], n[2]))
                } else if parts[2].len() == 4 && parts[0].len() <= 2 {
                    Some((n[2] as i32, n[1], n[0]))
                } else {
                    None
                };
                if let Some((y, m, d)) = ymd {
                    if (1..=12).contains(&m) && d >= 1 && d <= super::calendar::days_in_month(y, m)
                    {
                        out.push(Tok {
                            start: s,
                            end: e,
                            kind: Kind::Date(y, m, d),
                            norm: CompactString::from(run.as_str()),
                            offs: Box::default(),
                            plain: false,
                            unc: Unclitic::default(),
                            starter: false,
                            number_word: false,
                            fraction_word: false,
                            tables: 0,
                            value: 0.0,
                            digits: 0,
                            int: false,
                            space_before: space,
                        });
                        return e;
                    }
                }
            }
        }
    }
    // Otherwise numbers separated by '/' or '-' tokens.
    let mut pos = s;
    let mut first = true;
    for piece in split_keep(&run, &['/', '-']) {
        let len = piece.chars().count();
        if piece == "/" || piece == "-" {
            out.push(Tok {
                start: pos,
                end: pos + 1,
                kind: Kind::Other,
                norm: CompactString::from(piece),
                offs: Box::default(),
                plain: true,
                unc: Unclitic::default(),
                starter: false,
                number_word: false,
                fraction_word: false,
                tables: 0,
                value: 0.0,
                digits: 0,
                int: false,
                space_before: false,
            });
        } else {
            push_num(out, piece, pos, first && space);
        }
        pos += len;
        first = false;
    }
    e
}

fn push_num(out: &mut Vec<Tok>, piece: &str, pos: usize, space: bool) {
    let len = piece.chars().count();
    // Dots as thousands separators: 10.100.000.
    let groups: Vec<&str> = piece.split('.').collect();
    let dotted =
        groups.len() > 2 && !piece.contains(',') && groups[1..].iter().all(|g| g.len() == 3);
    let parsed = if dotted {
        marsad_text::numbers::parse_number(&piece.replace('.', ""))
    } else {
        marsad_text::numbers::parse_number(piece)
    };
    match parsed {
        Some(v) => {
            let int_part = piece.split(['.']).next().unwrap_or(piece);
            let decimal =
                !dotted && (piece.contains('.') || (piece.contains(',') && v.fract() != 0.0));
            out.push(Tok {
                start: pos,
                end: pos + len,
                kind: Kind::Num,
                norm: CompactString::from(piece),
                offs: Box::default(),
                plain: false,
                unc: Unclitic::default(),
                starter: false,
                number_word: false,
                fraction_word: false,
                tables: 0,
                value: v,
                digits: u32::try_from(int_part.chars().filter(|c| c.is_ascii_digit()).count())
                    .unwrap_or(u32::MAX),
                int: !decimal,
                space_before: space,
            });
        }
        None => {
            // Odd separators (1.2.3): one number per digit group.
            let mut p = pos;
            for (k, g) in split_keep(piece, &['.', ',']).into_iter().enumerate() {
                let l = g.chars().count();
                if g != "." && g != "," {
                    push_num(out, g, p, space && k == 0);
                } else {
                    out.push(Tok {
                        start: p,
                        end: p + 1,
                        kind: Kind::Other,
                        norm: CompactString::from(g),
                        offs: Box::default(),
                        plain: true,
                        unc: Unclitic::default(),
                        starter: false,
                        number_word: false,
                        fraction_word: false,
                        tables: 0,
                        value: 0.0,
                        digits: 0,
                        int: false,
                        space_before: false,
                    });
                }
                p += l;
            }
        }
    }
}

fn split_keep<'a>(s: &'a str, seps: &[char]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut last = 0;
    for (i, c) in s.char_indices() {
        if seps.contains(&c) {
            if i > last {
                out.push(&s[last..i]);
            }
            out.push(&s[i..i + c.len_utf8()]);
            last = i + c.len_utf8();
        }
    }
    if last < s.len() {
        out.push(&s[last..]);
    }
    out
}

/// `s` without the prefix `p`, compared byte by byte (short prefixes: no `memcmp` call).
#[inline]
pub(crate) fn strip_start<'s>(s: &'s str, p: &str) -> Option<&'s str> {
    let (sb, pb) = (s.as_bytes(), p.as_bytes());
    if sb.len() < pb.len() || sb.iter().zip(pb).any(|(a, b)| a != b) {
        return None;
    }
    s.get(pb.len()..)
}

/// The readings of a word with its proclitics removed (at most four), from [`unclitic`]:
/// offsets into the word, so that a token keeps them ([`Tok::readings`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Unclitic {
    /// (folded chars dropped, byte offset of the reading in the word, the reading is
    /// `alef` instead).
    items: [(u8, u8, bool); 4],
    len: u8,
    /// The one reading that is not a slice of the word: `ا` + the rest after `لل`.
    alef: Box<str>,
}

impl Unclitic {
    fn push(&mut self, n: usize, at: usize, alef: bool) {
        let len = usize::from(self.len);
        if len < self.items.len() && at <= usize::from(u8::MAX) {
            self.items[len] = (n as u8, at as u8, alef);
            self.len += 1;
        }
    }

    /// `(folded chars dropped, rest)`, the whole word first; `w` is the word given to
    /// [`unclitic`].
    pub fn iter<'s>(&'s self, w: &'s str) -> impl Iterator<Item = (usize, &'s str)> + 's {
        self.items[..usize::from(self.len).min(4)]
            .iter()
            .map(move |&(n, at, alef)| {
                let r = if alef {
                    &self.alef
                } else {
                    w.get(usize::from(at)..).unwrap_or("")
                };
                (usize::from(n), r)
            })
    }
}

/// True when `s` has at least two characters.
fn two_chars(s: &str) -> bool {
    s.chars().nth(1).is_some()
}

/// The ways to read a word with its proclitics removed: `(folded chars dropped, rest)`.
/// The whole word comes first. `لل` + noun reads as `ال` + noun with one `ل` dropped.
pub(crate) fn unclitic(w: &str) -> Unclitic {
    let mut out = Unclitic::default();
    out.push(0, 0, false);
    // Every reading below removes a one-letter proclitic (two bytes in UTF-8) first.
    // و ف ب ل ك are D9 88, D9 81, D8 A8, D9 84, D9 83 in UTF-8: a word starting with
    // any other letter has no reading but itself (most words: the loop below would find
    // no prefix to strip).
    if !matches!(
        w.as_bytes(),
        [0xD9, 0x88 | 0x81 | 0x84 | 0x83, ..] | [0xD8, 0xA8, ..]
    ) {
        return out;
    }
    let at = |r: &str| w.len() - r.len();
    // A word starts with at most one of the letters: a conjunction و/ف (then maybe a
    // preposition), or a preposition ب/ل/ك.
    let (n, r) = match strip_start(w, "و").or_else(|| strip_start(w, "ف")) {
        Some(r) => {
            if two_chars(r) {
                out.push(1, at(r), false);
            }
            (1, r)
        }
        None => (0, w),
    };
    let p = ["ب", "ل", "ك"]
        .into_iter()
        .find_map(|p| strip_start(r, p).map(|rr| (p, rr)));
    if let Some((p, rr)) = p {
        if two_chars(rr) {
            if p == "ل" && strip_start(rr, "ل").is_some() {
                out.alef = format!("ا{rr}").into_boxed_str();
                out.push(n + 1, 0, true);
            } else {
                out.push(n + 1, at(rr), false);
            }
        }
    }
    out
}

/// A table of phrases (sequences of folded words) with a value each.
#[derive(Debug)]
pub(crate) struct Phrases<V> {
    by_first: FastMap<String, Vec<(Vec<String>, V)>>,
    /// A Bloom filter of the first words before `by_first`: most
    /// words start no phrase, and the tables are small.
    first_bits: WordBits,
    /// The table's bit in [`Tok::tables`] ([`tables`]), or 0 when the scan does not
    /// flag its first words.
    scan_bit: u8,
}

/// The filter hash of a word ([`WordBits`]): from its first and last four bytes (two
/// Arabic letters each) and its length.
fn word_bit(w: &str) -> usize {
    let b = w.as_bytes();
    let (head, tail) = match (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        (Some(h), Some(t)) => (u32::from_le_bytes(*h), u32::from_le_bytes(*t)),
        // Shorter than four bytes.
        _ => (b.iter().fold(0, |x, &c| x << 8 | u32::from(c)), 0),
    };
    let x = (u64::from(head) << 32 | u64::from(tail)) ^ (b.len() as u64).rotate_right(8);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize
}

/// A phrase found in the tokens.
#[derive(Debug)]
pub(crate) struct Found<'a, V> {
    /// Number of tokens taken.
    pub len: usize,
    /// Original character offset where the phrase starts (after any proclitic).
    pub start: usize,
    /// The value.
    pub value: &'a V,
}

impl<V> Phrases<V> {
    /// An empty table.
    pub fn new() -> Phrases<V> {
        Phrases {
            by_first: FastMap::default(),
            first_bits: WordBits::default(),
            scan_bit: 0,
        }
    }

    /// The table, with its first words flagged by the scan under `bit` ([`tables`]), so
    /// that [`Phrases::at`] passes over a token whose bit is clear without a lookup.
    pub fn flagged(mut self, bit: u8) -> Phrases<V> {
        self.scan_bit = bit;
        self
    }

    /// The bit of [`Phrases::flagged`] (0 when not flagged).
    pub fn scan_bit(&self) -> u8 {
        self.scan_bit
    }

    /// True when the table holds no phrase.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// Adds a phrase written naturally (it is folded here).
    pub fn insert(&mut self, phrase: &str, value: V) {
        let words: Vec<String> = phrase
            .split_whitespace()
            .map(|w| normalize_word(w, Folding::MATCH))
            .collect();
        if let Some(first) = words.first().cloned() {
            self.first_bits.insert(&first);
            let v = self.by_first.entry(first).or_default();
            v.push((words, value));
            v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
    }

    /// The folded first words of all phrases.
    pub fn first_words(&self) -> impl Iterator<Item = String> + '_ {
        self.by_first.keys().cloned()
    }

    /// The value of a one-word phrase, given folded.
    pub fn at_word(&self, w: &str) -> Option<&V> {
        self.by_first
            .get(w)?
            .iter()
            .find(|(ws, _)| ws.len() == 1)
            .map(|(_, v)| v)
    }

    /// The longest phrase starting at token `i`; with `clitics`, the first word may carry
    /// proclitics (و ف ب ل ك). Inline: the recognisers ask several tables at every
    /// possible start, and most answers are the flag test's "none".
    #[inline]
    pub fn at(&self, toks: &[Tok], i: usize, clitics: bool) -> Option<Found<'_, V>> {
        // The scan flagged the tables whose first words some reading of the token is: the
        // readings looked up below are among them.
        let t = toks.get(i)?;
        if self.scan_bit != 0 && t.tables & self.scan_bit == 0 {
            return None;
        }
        self.at_unflagged(toks, i, clitics)
    }

    /// [`Phrases::at`] without the scan's table flags.
    #[inline(never)]
    fn at_unflagged(&self, toks: &[Tok], i: usize, clitics: bool) -> Option<Found<'_, V>> {
        let t = toks.get(i)?;
        let w = t.word()?;
        debug_assert_eq!(w, t.norm);
        let variants = t.readings().take(if clitics { 4 } else { 1 });
        let mut best: Option<Found<'_, V>> = None;
        for (drop, rest) in variants {
            if !self.first_bits.may_contain(rest) {
                continue;
            }
            let Some(list) = self.by_first.get(rest) else {
                continue;
            };
            for (words, value) in list {
                let ok = words[1..]
                    .iter()
                    .enumerate()
                    .all(|(k, pw)| toks.get(i + 1 + k).and_then(|t| t.word()) == Some(pw.as_str()));
                if ok && best.as_ref().is_none_or(|b| words.len() > b.len) {
                    best = Some(Found {
                        len: words.len(),
                        start: t.off(drop),
                        value,
                    });
                }
            }
        }
        best
    }
}

/// Parses a lexicon TSV: skips comments and blank lines, splits on tabs.
pub(crate) fn rows(src: &str) -> impl Iterator<Item = Vec<&str>> {
    src.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_numbers_and_dates() {
        let t = scan("في 28/1/2026 نما 4.5% و١٬٢٠٠ و1447هـ");
        assert!(matches!(t[1].kind, Kind::Date(2026, 1, 28)));
        assert_eq!(t[3].value, 4.5);
        assert_eq!(t[4].norm, "%");
        assert_eq!(t[6].value, 1200.0);
        assert_eq!(t[8].value, 1447.0);
        assert_eq!(t[9].norm, "ه");
    }

    #[test]
    fn folding_is_idempotent() {
        // The scan relies on it: a folded word and its readings need no second folding.
        let f = |c: char| fold_char(c, Folding::MATCH);
        let t = &*CHAR_TABLE;
        for c in (0..0x800u32).filter_map(char::from_u32) {
            let class = t.get(c);
            assert_eq!(class.fold, f(c), "{c:?}");
            assert_eq!(class.has(CharClass::WORD), is_word_char(c), "{c:?}");
            assert_eq!(class.has(CharClass::DIGIT), is_digit(c), "{c:?}");
            assert_eq!(class.has(CharClass::SPACE), c.is_whitespace(), "{c:?}");
            assert_eq!(
                class.has(CharClass::IN_WORD),
                is_word_char(c) && !is_digit(c),
                "{c:?}"
            );
            assert_eq!(class.has(CharClass::FOLDS), f(c).is_some(), "{c:?}");
            assert_eq!(class.has(CharClass::KEPT), f(c) == Some(c), "{c:?}");
        }
        for c in (0..0x3000u32)
            .chain(0xFB50..0x1_0000)
            .filter_map(char::from_u32)
        {
            if let Some(d) = f(c) {
                assert_eq!(f(d), Some(d), "{c:?}");
            }
        }
        assert_eq!(f('ا'), Some('ا'));
        for w in ["وثلاثة", "بخمسين", "للألف", "سوريا"] {
            let t = &scan(w)[0];
            let parsed = t
                .readings()
                .any(|(_, r)| marsad_text::numbers::parse_number_words(&[r]).is_some());
            assert_eq!(t.number_word, parsed, "{w}");
        }
    }

    /// A word's folded form and kind as first written: each character folded in turn.
    fn fold_reference(chars: &[char]) -> (String, bool) {
        let norm: String = chars
            .iter()
            .filter_map(|&c| fold_char(c, Folding::MATCH))
            .collect();
        let latin = chars
            .iter()
            .filter_map(|&c| fold_char(c, Folding::MATCH))
            .all(|f| f.is_ascii_alphabetic());
        (norm, latin)
    }

    #[test]
    fn words_fold_as_char_by_char() {
        // Kept words (copied from the text), words with hamza seats, alef maqsura,
        // diacritics, tatweel, ligatures and presentation forms (folded), Latin words.
        let text = "وفي العام الماضي أعلن إلى مُحَمَّد الــعــام مستشفى ﻻ ﺍﻟﻌﺎﻡ Reuters café \
                    آلاف ٱلف يومًا nineteen Ölçü ىى أإآ";
        let chars: Vec<char> = text.chars().collect();
        let toks = scan(text);
        assert!(toks.len() > 15);
        for t in toks
            .iter()
            .filter(|t| matches!(t.kind, Kind::Word | Kind::Latin))
        {
            let (norm, latin) = fold_reference(&chars[t.start..t.end]);
            assert_eq!(t.norm, norm, "{:?}", &chars[t.start..t.end]);
            assert_eq!(t.kind == Kind::Latin, latin, "{norm}");
            for k in 0..norm.chars().count() {
                let at = (t.start..t.end)
                    .filter(|&j| fold_char(chars[j], Folding::MATCH).is_some())
                    .nth(k);
                assert_eq!(Some(t.off(k)), at, "{norm} {k}");
            }
        }
    }

    #[test]
    fn start_words_are_exactly_the_number_and_first_words() {
        let mut words: Vec<String> = number_words().collect();
        words.extend(
            super::super::lexicon::LEXICON
                .units
                .first_words()
                .chain(super::super::lexicon::LEXICON.exprs.first_words()),
        );
        // Number words, near misses (عشرمئة, نصف), and the words of a news sentence.
        let text = "وثلاثة بخمسين للألف سوريا نصف ثلاثمئة اربعمائة عشرمئة سنوات يوما الف \
                    وقال الرئيس إن هذا هذه بين كان عام كل قبل بعد العام الماضي اليوم أمس \
                    الذين فإن الأوسط الولايات أحد واحد مليون ملايين الشهر المقبل يناير";
        words.extend(
            scan(text)
                .iter()
                .flat_map(|t| t.readings().map(|(_, r)| r.to_string()).collect::<Vec<_>>()),
        );
        words.extend(super::super::first_words().cloned());
        let start_words = &*START_WORDS;
        let by_table = super::super::lexicon::LEXICON.first_words_by_table();
        for w in &words {
            let (flags, tables) = start_words.of(w);
            assert_eq!(flags & NUMBER_WORD != 0, is_number_word(w), "{w}");
            assert_eq!(
                flags & FIRST_WORD != 0,
                super::super::first_words().any(|f| f == w),
                "{w}"
            );
            for (bit, firsts) in &by_table {
                assert_eq!(tables & bit != 0, firsts.contains(w), "{w} {bit}");
            }
        }
        assert!(words.iter().filter(|w| is_number_word(w)).count() > 100);
        // Several readings: the flags of any reading.
        assert_eq!(
            start_words.of_readings(["وخمسة", "خمسة"].into_iter()).0,
            NUMBER_WORD
        );
        assert_eq!(
            start_words.of_readings(["سوريا", "العام"].into_iter()).0,
            FIRST_WORD
        );
        assert_eq!(
            start_words.of_readings(["وسوريا", "سوريا"].into_iter()).0,
            0
        );
        // A scanned word carries them.
        let t = scan("وخمسة سوريا والعام");
        assert!(t[0].number_word && t[0].starter);
        assert!(!t[1].number_word && !t[1].starter);
        assert!(!t[2].number_word && t[2].starter);
    }

    /// The readings as first written: every conjunction, then every preposition, tried.
    fn unclitic_reference(w: &str) -> Vec<(usize, String)> {
        let mut out = vec![(0, w.to_string())];
        for (n, r) in [
            (0, Some(w)),
            (1, strip_start(w, "و")),
            (1, strip_start(w, "ف")),
        ] {
            let Some(r) = r else { continue };
            if n == 1 && two_chars(r) {
                out.push((1, r.to_string()));
            }
            for p in ["ب", "ل", "ك"] {
                if let Some(rr) = strip_start(r, p) {
                    if two_chars(rr) {
                        if p == "ل" && strip_start(rr, "ل").is_some() {
                            out.push((n + 1, format!("ا{rr}")));
                        } else {
                            out.push((n + 1, rr.to_string()));
                        }
                    }
                }
            }
        }
        out
    }

    #[test]
    fn unclitic_gives_the_reference_readings() {
        let heads = [
            "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فك", "لل", "ولل", "فلل", "بب", "وو",
        ];
        let tails = ["", "ا", "عام", "العام", "لعام", "ثلاثة", "ي", "ل", "ة"];
        for h in heads {
            for t in tails {
                let w = format!("{h}{t}");
                let got: Vec<(usize, String)> = unclitic(&w)
                    .iter(&w)
                    .map(|(n, r)| (n, r.to_string()))
                    .collect();
                assert_eq!(got, unclitic_reference(&w), "{w}");
            }
        }
    }

    #[test]
    fn clitic_letters_are_the_bytes_looked_for() {
        for (p, b) in [
            ("و", [0xD9, 0x88]),
            ("ف", [0xD9, 0x81]),
            ("ب", [0xD8, 0xA8]),
        ] {
            assert_eq!(p.as_bytes(), b);
        }
        assert_eq!("ل".as_bytes(), [0xD9, 0x84]);
        assert_eq!("ك".as_bytes(), [0xD9, 0x83]);
        // Words without a proclitic letter first have one reading.
        for w in ["العام", "سنة", "يوم"] {
            assert_eq!(unclitic(w).iter(w).count(), 1, "{w}");
        }
        assert_eq!(unclitic("بالعام").iter("بالعام").count(), 2);
    }

    #[test]
    fn number_readings_are_what_the_parser_reads() {
        let mut words: Vec<String> = number_words().collect();
        let text = "وثلاثة بخمسين للألف سوريا نصف ونصف ثلاثمئة اربعمائة عشرمئة سنوات يوما الف \
                    وقال الرئيس إن هذا واحد احدي مليون ملايين مليونان عشرات ثلثي ربع";
        words.extend(
            scan(text)
                .iter()
                .flat_map(|t| t.readings().map(|(_, r)| r.to_string()).collect::<Vec<_>>()),
        );
        for w in &words {
            assert_eq!(
                is_number_reading(w),
                marsad_text::numbers::parse_number_words(&[w]).is_some(),
                "{w}"
            );
        }
        assert!(words.iter().filter(|w| is_number_reading(w)).count() > 100);
    }

    #[test]
    fn table_flags_keep_every_phrase() {
        let lex = &*super::super::lexicon::LEXICON;
        let text = "وفي العام الماضي، ومنتصف يناير/كانون الثاني 2026 مساء الجمعة بعد يومين \
                    وللعام المقبل وبالشهر ولليوم والسنوات في صباح اليوم أمس الأحد ساعة \
                    قبل ثلاثة أيام كل أسبوع حتى نهاية العام وفي مطلع الشهر الجاري سوريا قال";
        let toks = scan(text);
        let mut seen = 0;
        for i in 0..toks.len() {
            for clitics in [false, true] {
                macro_rules! check {
                    ($table:expr) => {{
                        let table = &$table;
                        assert_ne!(table.scan_bit(), 0);
                        let want = table
                            .at_unflagged(&toks, i, clitics)
                            .map(|f| (f.len, f.start));
                        let got = table.at(&toks, i, clitics).map(|f| (f.len, f.start));
                        assert_eq!(got, want, "{} {clitics}", toks[i].norm);
                        seen += usize::from(got.is_some());
                    }};
                }
                check!(lex.months);
                check!(lex.weekdays);
                check!(lex.units);
                check!(lex.mods);
                check!(lex.parts);
                check!(lex.exprs);
            }
        }
        assert!(seen > 20, "{seen}");
        let bits: Vec<u8> = [
            lex.months.scan_bit(),
            lex.weekdays.scan_bit(),
            lex.units.scan_bit(),
            lex.mods.scan_bit(),
            lex.parts.scan_bit(),
            lex.exprs.scan_bit(),
        ]
        .to_vec();
        assert_eq!(bits.iter().fold(0, |a, b| a | b).count_ones(), 6);
    }

    #[test]
    fn phrase_filter_keeps_every_first_word() {
        let mut p = Phrases::new();
        for (k, w) in ["كانون الثاني", "يناير", "العام الماضي", "ا", "منتصف"]
            .iter()
            .enumerate()
        {
            p.insert(w, k);
        }
        for w in ["كانون", "يناير", "العام", "ا", "منتصف"] {
            assert!(p.first_bits.may_contain(w), "{w}");
        }
        let t = scan("وفي العام الماضي");
        assert_eq!(p.at(&t, 1, true).map(|f| (f.len, *f.value)), Some((2, 2)));
        assert!(p.at(&t, 0, true).is_none());
    }

    #[test]
    fn clitics() {
        let w = "وللعام";
        let v = unclitic(w);
        assert!(v.iter(w).any(|(n, r)| n == 2 && r == "العام"));
        assert_eq!(v.iter(w).next(), Some((0, w)));
    }
}
