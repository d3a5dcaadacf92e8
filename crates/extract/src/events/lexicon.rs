//! The trigger and modality lexicons (`data/lexicons/event_*.tsv`), parsed once.
//!
//! Every form is stored in the event folding ([`fold`]): the text layer's matching
//! folding plus every hamza seat → ء, so that `لقاؤه`, `لقائه` and `لقاء` + `ه` meet.
//! Ta marbuta is kept, so that a noun in `ة` never meets a verb with the pronoun `ه`.

use std::borrow::Cow;

use super::words::Word;
use crate::entities::index::{FastMap, FastSet, StartFilter};
use std::sync::LazyLock;

use marsad_text::{normalize_word, CompactString, Folding};

const TRIGGERS_TSV: &str = include_str!("../../data/lexicons/event_triggers.tsv");
const MODALITY_TSV: &str = include_str!("../../data/lexicons/event_modality.tsv");

/// The bundled trigger lexicon.
pub static TRIGGERS: LazyLock<TriggerLexicon> =
    LazyLock::new(|| TriggerLexicon::parse(TRIGGERS_TSV));

/// The bundled negation / modality cues.
pub static MODALITY: LazyLock<ModalityCues> =
    LazyLock::new(|| ModalityCues::new(parse_modality(MODALITY_TSV)));

/// Folds a word for event matching: diacritics and alef/ya as in [`Folding::MATCH`],
/// then ؤ ئ → ء.
pub fn fold(s: &str) -> String {
    let w = normalize_word(s, Folding::MATCH);
    if w.contains(['ؤ', 'ئ']) {
        w.chars().map(fold_extra).collect()
    } else {
        w
    }
}

/// [`fold`] of a word given already in the matching folding (a text-layer token's
/// `norm`): only the hamza seats are left to fold.
#[inline]
pub fn fold_normalized(norm: &str) -> Cow<'_, str> {
    // ؤ and ئ are D8 A4 and D8 A6; a byte A4 or A6 is rare, so look for it first, a
    // word at a time.
    let b = norm.as_bytes();
    if !crate::bytescan::contains_byte_either(b, 0xA4, 0x02) {
        return Cow::Borrowed(norm);
    }
    // Each seat becomes ء (D8 A1), two bytes for two: the text between seats is copied
    // as it is. A seat starts with the lead byte D8, so it starts a character.
    let mut out: Option<String> = None;
    let mut copied = 0;
    for i in 0..b.len().saturating_sub(1) {
        if b[i] == 0xD8 && (b[i + 1] == 0xA4 || b[i + 1] == 0xA6) {
            let o = out.get_or_insert_with(|| String::with_capacity(norm.len()));
            o.push_str(norm.get(copied..i).unwrap_or(""));
            o.push('ء');
            copied = i + 2;
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(norm.get(copied..).unwrap_or(""));
            Cow::Owned(o)
        }
        None => Cow::Borrowed(norm),
    }
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// True when `s` holds a mark of [`is_mark`]: in UTF-8, D9 followed by 80, 8B–9F or B0.
fn has_mark(s: &str) -> bool {
    s.as_bytes()
        .windows(2)
        .any(|w| w[0] == 0xD9 && matches!(w[1], 0x80 | 0x8B..=0x9F | 0xB0))
}

/// Removes diacritics and tatweel only (alef and hamza forms are kept).
pub fn strip_marks(s: &str) -> Cow<'_, str> {
    if has_mark(s) {
        Cow::Owned(s.chars().filter(|&c| !is_mark(c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// The extra per-character folding used on top of [`Folding::MATCH`].
pub fn fold_extra(c: char) -> char {
    match c {
        'ؤ' | 'ئ' => 'ء',
        c => c,
    }
}

/// How the first word of a lexicon form inflects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// Perfect verb, 3rd person masculine singular.
    VerbPerfect,
    /// Imperfect verb, 3rd person masculine singular (`يفعل`).
    VerbImperfect,
    /// Noun or verbal noun.
    Noun,
    /// Exactly the word as written (a noun or particle).
    Word,
    /// Exactly the word as written, a verb.
    VerbWord,
}

impl Pos {
    /// True for the two verb classes.
    pub fn is_verb(self) -> bool {
        matches!(self, Pos::VerbPerfect | Pos::VerbImperfect | Pos::VerbWord)
    }
}

/// How the arguments of a trigger are read from its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// Subject → actor, object → target.
    Agent,
    /// A visit: `إلى` + X gives the target and the location.
    Visit,
    /// Reciprocal (meetings, talks, agreements): `بين X و Y`, `مع X`.
    Pair,
    /// The subject hosts: the object is the visitor (actor), the subject the target.
    Host,
    /// `بطلب من X`: X is the actor.
    Request,
    /// Withdrawal, seizure, deployment: places go to the location.
    Place,
}

/// The role of the genitive noun after a noun trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Genitive {
    /// `زيارة الشرع`: the genitive is the actor.
    Actor,
    /// `دعم النظام`: the genitive is the target.
    Target,
    /// `ضمانات روسية`: the genitive and a nisba are both the target.
    Object,
}

/// One context condition of a lexicon row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// The word after the trigger starts with one of these.
    Next(Vec<String>),
    /// The word after the trigger starts with none of these.
    NotNext(Vec<String>),
    /// One of the three words before starts with one of these.
    Prev(Vec<String>),
    /// The word just before starts with none of these.
    NotPrev(Vec<String>),
    /// One of the six words after starts with one of these.
    Near(Vec<String>),
    /// The trigger word carries one of these proclitics.
    Proclitic(Vec<String>),
    /// The event needs an actor, a target or a location to be kept.
    Arguments,
}

/// One row of the trigger lexicon.
#[derive(Debug, Clone, PartialEq)]
pub struct TriggerEntry {
    /// The phrase, folded, one string per word (article removed from the first word).
    pub words: Vec<String>,
    /// Index range of the words that make the trigger span.
    pub span_words: (usize, usize),
    /// Inflection class of the first word.
    pub pos: Pos,
    /// PLOVER type.
    pub kind: String,
    /// Finer mode.
    pub mode: String,
    /// CAMEO root code.
    pub cameo: String,
    /// Argument frame.
    pub frame: Frame,
    /// Role of a genitive after a noun trigger.
    pub genitive: Genitive,
    /// Context conditions (all must hold).
    pub needs: Vec<Need>,
}

/// The trigger lexicon with every inflected first-word form indexed.
#[derive(Debug, Default)]
pub struct TriggerLexicon {
    /// All rows.
    pub entries: Vec<TriggerEntry>,
    /// Inflected first word → rows. Keys stored inline (up to 24 bytes), so a lookup
    /// reads no second allocation.
    pub index: FastMap<marsad_text::CompactString, Vec<usize>>,
    /// Quick filters before [`TriggerLexicon::index`] (the first three letters, then the
    /// whole word), and the index size they were built for (they are not used once the
    /// index has changed).
    starts: (PrefixFilter, WordFilter, usize),
    /// The same for [`TriggerLexicon::blocked`].
    blocked_starts: (StartFilter, usize),
    /// Words that are never triggers (rows with pos `x`), as written (marks removed,
    /// hamza kept: `هنا` is blocked, `هنأ` is not).
    pub blocked: FastSet<String>,
}

/// A Bloom filter over whole words (two bits each in 2^17, 16 KB): "certainly not in the set"
/// for nearly every word that is not, before a hash lookup. Every word of the text is
/// looked up in the trigger index with each of its proclitic splits, and the index holds
/// tens of thousands of inflected forms, too many for a [`StartFilter`].
#[derive(Debug, Clone, Default)]
pub struct WordFilter {
    bits: Vec<u64>,
}

impl WordFilter {
    const BITS: usize = 1 << 17;

    /// A hash of the whole word in which every byte reaches every bit.
    fn hash(w: &str) -> u64 {
        let b = w.as_bytes();
        let mut h = b.len() as u64;
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            let mut x = [0u8; 8];
            x.copy_from_slice(c);
            h = (h ^ u64::from_le_bytes(x))
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .rotate_left(31);
        }
        let mut last = 0u64;
        for (i, &x) in chunks.remainder().iter().enumerate() {
            last |= u64::from(x) << (8 * i);
        }
        h = (h ^ last).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        // The murmur3 finaliser.
        h ^= h >> 33;
        h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        h ^ (h >> 33)
    }

    /// The two bits of a hash.
    fn bits_of(h: u64) -> [usize; 2] {
        [
            (h as usize) % WordFilter::BITS,
            ((h >> 32) as usize) % WordFilter::BITS,
        ]
    }

    /// The filter of a set of words.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> WordFilter {
        let mut bits = vec![0u64; WordFilter::BITS / 64];
        for w in words {
            for b in WordFilter::bits_of(WordFilter::hash(w)) {
                bits[b / 64] |= 1 << (b % 64);
            }
        }
        WordFilter { bits }
    }

    /// False when `w` is certainly not one of the words (always true for an empty filter).
    #[inline]
    pub fn may_contain(&self, w: &str) -> bool {
        if self.bits.is_empty() {
            return true;
        }
        WordFilter::bits_of(WordFilter::hash(w))
            .iter()
            .all(|&b| self.bits[b / 64] & (1 << (b % 64)) != 0)
    }
}

/// A filter on the first three letters of a set of words: "certainly not in the set" for
/// a word whose first three letters begin no word of the set. The trigger forms start
/// with only a few hundred different three-letter runs, so this rejects most of the
/// words of a text (and their proclitic splits) without hashing them.
#[derive(Debug, Clone, Default)]
pub struct PrefixFilter {
    /// For the codes of the first two letters (64 × 64): one bit for the code of each
    /// third letter that follows them in a word of the set. One load answers a test (a
    /// table of 32 KB, of which a text touches the few rows of its common letter pairs).
    rows: Vec<u64>,
}

impl PrefixFilter {
    /// The codes of the first three characters of `w`: the low six bits of the second
    /// byte of each two-byte pair, which tell apart the Arabic letters U+0620–U+065F (two
    /// bytes each in UTF-8); missing bytes count as zero. Any other character gives some
    /// code too: only equality of codes matters (words with the same codes share a row
    /// and a bit), so a word of the set always passes.
    #[inline]
    fn codes(b: &[u8]) -> [usize; 3] {
        PrefixFilter::codes_at(b, 0)
    }

    /// [`PrefixFilter::codes`] of the bytes of `b` from `at` on: one length test for the
    /// usual case of three letters left, byte reads with a test each near the end.
    #[inline]
    fn codes_at(b: &[u8], at: usize) -> [usize; 3] {
        match b.get(at..at + 6) {
            Some(&[_, x, _, y, _, z]) => [x, y, z].map(|x| usize::from(x & 63)),
            _ => {
                let code = |i: usize| usize::from(b.get(i).map_or(0, |&x| x & 63));
                [code(at + 1), code(at + 3), code(at + 5)]
            }
        }
    }

    /// The filter of a set of words.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> PrefixFilter {
        let mut rows = vec![0u64; 64 * 64];
        for w in words {
            let [a, b, c] = PrefixFilter::codes(w.as_bytes());
            rows[a * 64 + b] |= 1 << c;
        }
        PrefixFilter { rows }
    }

    /// False when `w` certainly begins none of the words' first three letters, so is
    /// not one of them (always true for an empty filter).
    #[inline]
    pub fn may_contain(&self, w: &str) -> bool {
        self.rows.is_empty() || self.passes(PrefixFilter::codes(w.as_bytes()))
    }

    /// False when no proclitic split of the folded `word` ([`super::words::splits`]) can
    /// be one of the words. A split removes a conjunction, a preposition and the article,
    /// two bytes a letter: at most eight bytes, and only the article (four) when the word
    /// does not start with a proclitic letter; the filter is asked about the word cut at
    /// each such place.
    #[inline]
    pub fn may_contain_a_split(&self, word: &str) -> bool {
        if self.rows.is_empty() {
            return true;
        }
        let b = word.as_bytes();
        let cut_passes = |at: usize| self.passes(PrefixFilter::codes_at(b, at));
        if cut_passes(0) {
            return true;
        }
        if super::words::starts_with_proclitic(b) {
            [2, 4, 6, 8]
                .into_iter()
                .any(|at| at < b.len() && cut_passes(at))
        } else {
            // The article ال is D8 A7 D9 84.
            b.starts_with(&[0xD8, 0xA7, 0xD9, 0x84]) && cut_passes(4)
        }
    }

    /// Whether a word of the set has these codes ([`PrefixFilter::codes`]).
    #[inline]
    fn passes(&self, [a, b, c]: [usize; 3]) -> bool {
        self.rows
            .get(a * 64 + b)
            .is_some_and(|bits| bits >> (c & 63) & 1 != 0)
    }
}

/// Object and possessive pronoun suffixes (folded).
const ENCLITICS: [&str; 10] = ["ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "نا", "ني"];

fn strip_article(w: &str) -> &str {
    match w.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => w,
    }
}

/// Every inflected form of a first word, sorted, each once.
pub fn inflect(form: &str, pos: Pos) -> Vec<String> {
    let mut out: Vec<String> = inflected_forms(form, pos)
        .into_iter()
        .map(String::from)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The inflected forms of a first word in the order they are made (a form may come more
/// than once): the index takes them as they come, with no sort.
fn inflected_forms(form: &str, pos: Pos) -> Vec<CompactString> {
    let mut out: Vec<CompactString> = Vec::new();
    let push_with_enclitics = |out: &mut Vec<CompactString>, stem: &str| {
        out.push(stem.into());
        for e in ENCLITICS {
            out.push(cat(&[stem, e]));
        }
    };
    match pos {
        Pos::Word | Pos::VerbWord => out.push(form.into()),
        Pos::Noun => {
            out.push(form.into());
            out.push(cat(&[form, "ا"]));
            let bound = match form.strip_suffix('ة') {
                Some(s) => cat(&[s, "ت"]),
                None => form.into(),
            };
            out.push(cat(&[&bound, "ان"]));
            out.push(cat(&[&bound, "ين"]));
            // No first-person ي: `اجتماعي` is the adjective, not "my meeting".
            for e in ENCLITICS {
                if e != "ني" {
                    out.push(cat(&[&bound, e]));
                }
            }
        }
        Pos::VerbPerfect => {
            for suf in ["", "ت", "ا", "تا", "نا", "تم", "ن", "تما"] {
                push_with_enclitics(&mut out, &cat(&[form, suf]));
            }
            out.push(cat(&[form, "وا"]));
            for e in ENCLITICS {
                out.push(cat(&[form, "و", e]));
            }
        }
        Pos::VerbImperfect => {
            let stem: String = form.chars().skip(1).collect();
            // Jussive of a weak final verb: `لم يلتق`.
            if let Some(short) = stem.strip_suffix('ي') {
                for pre in ["ي", "ت", "ن", "ا"] {
                    out.push(cat(&[pre, short]));
                }
            }
            for pre in ["ي", "ت", "ن", "ا"] {
                for suf in ["", "ان", "ا", "ين", "ن"] {
                    push_with_enclitics(&mut out, &cat(&[pre, &stem, suf]));
                }
                out.push(cat(&[pre, &stem, "ون"]));
                out.push(cat(&[pre, &stem, "وا"]));
                for e in ENCLITICS {
                    out.push(cat(&[pre, &stem, "و", e]));
                }
            }
        }
    }
    out
}

/// The parts one after the other (`format!` without its formatting machinery).
fn cat(parts: &[&str]) -> CompactString {
    parts.iter().copied().collect()
}

fn parse_list(v: &str) -> Vec<String> {
    v.split('|')
        .map(|w| fold(w.trim()))
        .filter(|w| !w.is_empty())
        .collect()
}

fn parse_needs(field: &str) -> Vec<Need> {
    let mut out = Vec::new();
    for part in field.split(';') {
        if part.trim() == "args" {
            out.push(Need::Arguments);
            continue;
        }
        let Some((k, v)) = part.split_once('=') else {
            continue;
        };
        let list = parse_list(v);
        out.push(match k.trim() {
            "next" => Need::Next(list),
            "notnext" => Need::NotNext(list),
            "prev" => Need::Prev(list),
            "notprev" => Need::NotPrev(list),
            "near" => Need::Near(list),
            "pre" => Need::Proclitic(list),
            _ => continue,
        });
    }
    out
}

impl TriggerLexicon {
    /// Parses the TSV (comments `#`, header row starting with `form`). Bad rows are skipped.
    pub fn parse(tsv: &str) -> TriggerLexicon {
        let mut lex = TriggerLexicon::default();
        for line in tsv.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') || line.starts_with("form\t") {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 2 {
                continue;
            }
            let col = |i: usize| {
                cols.get(i)
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty() && *s != "-")
            };
            if cols[1].trim() == "x" {
                lex.blocked.insert(strip_marks(cols[0].trim()).into_owned());
                continue;
            }
            let pos = match cols[1].trim() {
                "vp" => Pos::VerbPerfect,
                "vi" => Pos::VerbImperfect,
                "n" => Pos::Noun,
                "w" => Pos::Word,
                "wv" => Pos::VerbWord,
                _ => continue,
            };
            if cols.len() < 5 {
                continue;
            }
            let kind = cols[2].trim().to_string();
            let frame = match col(5) {
                Some("visit") => Frame::Visit,
                Some("pair") => Frame::Pair,
                Some("host") => Frame::Host,
                Some("request") => Frame::Request,
                Some("place") => Frame::Place,
                _ => Frame::Agent,
            };
            let genitive = match col(6) {
                Some("actor") => Genitive::Actor,
                Some("target") => Genitive::Target,
                Some("object") => Genitive::Object,
                _ => default_genitive(&kind),
            };
            let needs = col(7).map(parse_needs).unwrap_or_default();
            // Words and the bracketed trigger span.
            let mut words = Vec::new();
            let (mut a, mut b) = (None, None);
            for raw in cols[0].split_whitespace() {
                let open = raw.starts_with('[');
                let close = raw.ends_with(']');
                let w = fold(raw.trim_matches(|c| c == '[' || c == ']'));
                if w.is_empty() {
                    continue;
                }
                if open {
                    a = Some(words.len());
                }
                words.push(w);
                if close {
                    b = Some(words.len());
                }
            }
            if words.is_empty() {
                continue;
            }
            let span_words = match (a, b) {
                (Some(a), Some(b)) if a < b => (a, b),
                _ => (0, words.len()),
            };
            words[0] = strip_article(&words[0]).to_string();
            let entry = TriggerEntry {
                words,
                span_words,
                pos,
                kind,
                mode: cols[3].trim().to_string(),
                cameo: cols[4].trim().to_string(),
                frame,
                genitive,
                needs,
            };
            let i = lex.entries.len();
            for f in inflected_forms(&entry.words[0], pos) {
                // A form made twice for this row comes right after itself in its list.
                let rows = lex.index.entry(f).or_default();
                if rows.last() != Some(&i) {
                    rows.push(i);
                }
            }
            lex.entries.push(entry);
        }
        let keys = || lex.index.keys().map(marsad_text::CompactString::as_str);
        lex.starts = (
            PrefixFilter::new(keys()),
            WordFilter::new(keys()),
            lex.index.len(),
        );
        lex.blocked_starts = (
            StartFilter::new(lex.blocked.iter().map(String::as_str)),
            lex.blocked.len(),
        );
        lex
    }

    /// True when `word` (marks removed, hamza kept) is never a trigger.
    pub fn is_blocked(&self, word: &str) -> bool {
        let (filter, built_for) = &self.blocked_starts;
        if *built_for == self.blocked.len() && !filter.may_contain(word) {
            return false;
        }
        self.blocked.contains(word)
    }

    /// False when no proclitic split of the folded `word` can be an inflected form of the
    /// index (a cheap test of the whole word before its splits are made): see
    /// [`PrefixFilter::may_contain_a_split`].
    #[inline]
    pub fn may_hold_form(&self, word: &str) -> bool {
        let (prefixes, _, built_for) = &self.starts;
        *built_for != self.index.len() || prefixes.may_contain_a_split(word)
    }

    /// Rows whose first word has the inflected form `form` (folded, clitics removed).
    #[inline]
    pub fn lookup(&self, form: &str) -> &[usize] {
        let (prefixes, filter, built_for) = &self.starts;
        if *built_for == self.index.len()
            && !(prefixes.may_contain(form) && filter.may_contain(form))
        {
            return &[];
        }
        self.index.get(form).map(|v| v.as_slice()).unwrap_or(&[])
    }
}

/// Genitive role when the lexicon row leaves it open: the genitive of an act done *to*
/// someone is its target, otherwise its actor.
fn default_genitive(kind: &str) -> Genitive {
    match kind {
        "SUPPORT" | "ASSAULT" | "COERCE" | "ACCUSE" | "THREATEN" | "SANCTION" | "CONCEDE"
        | "AID" => Genitive::Target,
        _ => Genitive::Actor,
    }
}

/// What a modality cue does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Explicit negation.
    Negated,
    /// Intended, possible, predicted.
    Hypothetical,
}

/// One negation or modality cue.
#[derive(Debug, Clone, PartialEq)]
pub struct ModalityCue {
    /// Folded cue word.
    pub word: String,
    /// True when the cue is a prefix (`س+`).
    pub prefix: bool,
    /// Negated or hypothetical.
    pub effect: Effect,
    /// True when the cue precedes the trigger.
    pub before: bool,
    /// Maximum distance in words.
    pub window: usize,
    /// The next word must be an imperfect verb.
    pub needs_imperfect: bool,
}

/// The negation and modality cues, indexed by word: exact cues by their folded word,
/// prefix cues (`س+`) in a short list.
#[derive(Debug, Clone, Default)]
pub struct ModalityCues {
    /// Every cue, in file order.
    pub cues: Vec<ModalityCue>,
    exact: FastMap<String, Vec<usize>>,
    /// The first three letters of the exact cues: most words near a trigger, and most of
    /// their splits, are no cue, and this tells without hashing them or making the splits.
    exact_starts: PrefixFilter,
    prefixes: Vec<usize>,
}

impl ModalityCues {
    /// Indexes a list of cues.
    pub fn new(cues: Vec<ModalityCue>) -> ModalityCues {
        let mut exact: FastMap<String, Vec<usize>> = FastMap::default();
        let mut prefixes = Vec::new();
        for (i, c) in cues.iter().enumerate() {
            if c.prefix {
                prefixes.push(i);
            } else {
                exact.entry(c.word.clone()).or_default().push(i);
            }
        }
        let exact_starts = PrefixFilter::new(exact.keys().map(String::as_str));
        ModalityCues {
            cues,
            exact,
            exact_starts,
            prefixes,
        }
    }

    /// Number of cues.
    pub fn len(&self) -> usize {
        self.cues.len()
    }

    /// True when there is no cue.
    pub fn is_empty(&self) -> bool {
        self.cues.is_empty()
    }

    /// Calls `f` with every cue that `word` matches: an exact cue that is the word or the
    /// word without some proclitics (and article), a prefix cue that one of those starts
    /// with. A cue may be reported more than once.
    pub fn for_each_match(&self, word: &Word, mut f: impl FnMut(&ModalityCue)) {
        let mut exact = |form: &str| {
            if self.exact_starts.may_contain(form) {
                if let Some(ids) = self.exact.get(form) {
                    ids.iter().for_each(|&i| f(&self.cues[i]));
                }
            }
        };
        exact(&word.folded);
        if self.exact_starts.may_contain_a_split(&word.folded) {
            for s in word.splits().iter() {
                exact(word.core(&s));
            }
        }
        for &i in &self.prefixes {
            if word.starts_with(&self.cues[i].word) {
                f(&self.cues[i]);
            }
        }
    }
}

fn parse_modality(tsv: &str) -> Vec<ModalityCue> {
    let mut out = Vec::new();
    for line in tsv.lines() {
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("cue\t") {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cols.len() < 4 {
            continue;
        }
        let (word, prefix) = match cols[0].strip_suffix('+') {
            Some(w) => (fold(w), true),
            None => (fold(cols[0]), false),
        };
        let effect = match cols[1] {
            "negated" => Effect::Negated,
            "hypothetical" => Effect::Hypothetical,
            _ => continue,
        };
        out.push(ModalityCue {
            word,
            prefix,
            effect,
            before: cols[2] != "after",
            window: cols[3].parse().unwrap_or(3),
            needs_imperfect: cols.get(4).is_some_and(|c| *c == "impf"),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_filter_keeps_every_word_and_drops_most_others() {
        let words: Vec<String> = (0..18_000).map(|i| format!("زيارة{i}")).collect();
        let f = WordFilter::new(words.iter().map(String::as_str));
        assert!(words.iter().all(|w| f.may_contain(w)));
        let passed = (0..10_000)
            .filter(|i| f.may_contain(&format!("انسحاب{i}")))
            .count();
        assert!(passed < 1_000, "{passed}");
        assert!(WordFilter::default().may_contain("اي"));
    }

    /// The first three characters, shorter words whole.
    fn first_three(w: &str) -> String {
        w.chars().take(3).collect()
    }

    /// The forms the index takes unsorted are the sorted forms, and every row of the
    /// bundled index is listed once under each of its forms, in row order.
    #[test]
    fn unsorted_forms_index_as_the_sorted_forms() {
        let pos = [
            Pos::Word,
            Pos::VerbWord,
            Pos::Noun,
            Pos::VerbPerfect,
            Pos::VerbImperfect,
        ];
        for form in ["زيارة", "دعم", "يلتقي", "التقي", "اتفاق", "ه"] {
            for p in pos {
                let mut made: Vec<String> = inflected_forms(form, p)
                    .into_iter()
                    .map(String::from)
                    .collect();
                made.sort();
                made.dedup();
                assert_eq!(made, inflect(form, p), "{form} {p:?}");
            }
        }
        let lex = &*TRIGGERS;
        for (form, rows) in &lex.index {
            assert!(rows.windows(2).all(|r| r[0] < r[1]), "{form}");
            for &i in rows {
                let e = &lex.entries[i];
                assert!(inflect(&e.words[0], e.pos)
                    .iter()
                    .any(|f| f == form.as_str()));
            }
        }
    }

    /// The byte-level seat folding is the character-level one, on words with seats at
    /// the start, the end, side by side, next to other characters and none.
    #[test]
    fn fold_normalized_folds_every_seat() {
        for w in [
            "",
            "ؤ",
            "ئ",
            "رئيس",
            "مسؤول",
            "ؤئؤ",
            "aئb",
            "٤٦",
            "رئيسئ",
            "زيارة",
            "𝕏ؤ",
            "ءؤئ",
        ] {
            let plain: String = w.chars().map(fold_extra).collect();
            assert_eq!(fold_normalized(w), plain, "{w}");
        }
    }

    /// The codes read after one length test are the codes read a byte at a time, at every
    /// cut of words of every length (missing bytes are zero).
    #[test]
    fn codes_at_read_the_bytes_a_cut_starts_with() {
        for w in [
            "",
            "a",
            "ab",
            "abc",
            "زي",
            "زيارة",
            "وبالزيارة",
            "ﻻa",
            "𝕏زيارة",
            "ولل",
        ] {
            let b = w.as_bytes();
            for at in 0..12 {
                let plain = [1, 3, 5].map(|k| usize::from(b.get(at + k).map_or(0, |&x| x & 63)));
                assert_eq!(PrefixFilter::codes_at(b, at), plain, "{w} {at}");
            }
        }
    }

    /// For words of Arabic letters, the prefix filter passes exactly the words whose
    /// first three letters (the whole word when shorter) are those of a word of the set.
    #[test]
    fn prefix_filter_passes_exactly_the_set_prefixes() {
        let letters: Vec<char> = "ءابتثجحخدذرزسشصضطظعغفقكلمنهوىي".chars().collect();
        // A small deterministic generator of words of one to five letters.
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut word = || {
            let mut next = || {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed
            };
            let n = 1 + (next() % 5) as usize;
            (0..n)
                .map(|_| letters[(next() % letters.len() as u64) as usize])
                .collect::<String>()
        };
        let set: Vec<String> = (0..400).map(|_| word()).collect();
        let filter = PrefixFilter::new(set.iter().map(String::as_str));
        let starts: std::collections::HashSet<String> =
            set.iter().map(|w| first_three(w)).collect();
        assert!(set.iter().all(|w| filter.may_contain(w)));
        let mut passed = 0;
        for _ in 0..20_000 {
            let w = word();
            let expected = starts.contains(&first_three(&w));
            assert_eq!(filter.may_contain(&w), expected, "{w}");
            passed += usize::from(expected);
        }
        assert!(passed > 100 && passed < 19_000, "{passed}");
        // Words with other characters, short and empty words of the set pass too.
        let set = ["ab", "زيa", "", "x", "ﻻﻻﻻ", "زي"];
        let mixed = PrefixFilter::new(set);
        assert!(set.iter().all(|w| mixed.may_contain(w)));
        assert!(!mixed.may_contain("زير") && !mixed.may_contain("زa"));
        assert!(PrefixFilter::default().may_contain("اي"));
    }

    /// A word with a split that is a trigger form always passes [`TriggerLexicon::may_hold_form`];
    /// most words of a sentence do not.
    #[test]
    fn words_with_a_trigger_split_may_hold_a_form() {
        let lex = &*TRIGGERS;
        let heads = [
            "", "و", "ف", "ب", "ل", "ك", "س", "ال", "وال", "بال", "لل", "ولل", "فلل", "وب", "ول",
            "فس", "وبال", "فبال", "وكال",
        ];
        let mut hits = 0;
        for (k, form) in lex.index.keys().enumerate().filter(|(k, _)| k % 7 == 0) {
            for h in heads.iter().skip(k % 3) {
                let w = format!("{h}{form}");
                let hit = super::super::words::splits(&w)
                    .iter()
                    .any(|s| !lex.lookup(s.core(&w)).is_empty());
                assert!(!hit || lex.may_hold_form(&w), "{w}");
                hits += usize::from(hit);
            }
        }
        assert!(hits > 1_000, "{hits}");
        let text = "قال المتحدث باسم الحكومة في بيان نشرته الصحف المحلية صباح اليوم";
        let passed = text
            .split(' ')
            .filter(|w| lex.may_hold_form(&fold(w)))
            .count();
        assert!(passed <= 3, "{passed}");
    }

    /// A word with a split in the set always passes; words whose splits all start
    /// otherwise do not.
    #[test]
    fn prefix_filter_passes_every_word_with_a_split_in_the_set() {
        let set = ["لم", "قد", "محتملة", "سوف", "يمكن"];
        let filter = PrefixFilter::new(set);
        let heads = [
            "", "و", "ف", "ب", "ل", "ال", "وال", "بال", "لل", "ولل", "فس", "وبال",
        ];
        let tails = [
            "لم",
            "قد",
            "محتملة",
            "سوف",
            "يمكن",
            "زيارة",
            "لقاء",
            "يمكنه",
            "قدم",
        ];
        let mut rejected = 0;
        for h in heads {
            for t in tails {
                let w = format!("{h}{t}");
                let in_set = super::super::words::splits(&w)
                    .iter()
                    .any(|s| set.contains(&s.core(&w)));
                let passes = filter.may_contain_a_split(&w);
                assert!(passes || !in_set, "{w}");
                rejected += usize::from(!passes);
            }
        }
        assert!(rejected >= 20, "{rejected}");
    }

    #[test]
    fn bundled_trigger_forms_pass_their_filters() {
        let lex = &*TRIGGERS;
        let (prefixes, words, _) = &lex.starts;
        for k in lex.index.keys() {
            assert!(prefixes.may_contain(k) && words.may_contain(k), "{k}");
            assert!(!lex.lookup(k).is_empty(), "{k}");
        }
    }

    #[test]
    fn marks_found_byte_wise() {
        for c in ('\u{0600}'..='\u{06FF}').chain(['a', 'ـ']) {
            assert_eq!(has_mark(&format!("ب{c}ت")), is_mark(c), "{c:?}");
        }
    }

    /// The cue index finds exactly the cues a scan of every cue with `Word::is` /
    /// `Word::starts_with` finds, for words with and without proclitics and article.
    #[test]
    fn cue_index_agrees_with_a_scan() {
        let text = "ولم يعد قد يزور لن وقد بالكاد ولا وسيعلن ربما المحتمل فلم زار ليس عدم";
        let ctx = crate::TextContext::new(text, None);
        let words = super::super::words::words(&ctx);
        let mut hits = 0;
        for w in words.iter().filter(|w| w.is_word) {
            let mut indexed = Vec::new();
            MODALITY.for_each_match(w, |c| indexed.push(c as *const ModalityCue));
            indexed.sort();
            indexed.dedup();
            let mut scanned: Vec<*const ModalityCue> = MODALITY
                .cues
                .iter()
                .filter(|c| {
                    if c.prefix {
                        w.starts_with(&c.word)
                    } else {
                        w.is(&c.word)
                    }
                })
                .map(|c| c as *const ModalityCue)
                .collect();
            scanned.sort();
            assert_eq!(indexed, scanned, "{}", w.folded);
            hits += scanned.len();
        }
        assert!(hits >= 8, "{hits}");
    }

    #[test]
    fn bundled_lexicons_parse() {
        assert!(TRIGGERS.entries.len() > 150);
        assert!(MODALITY.len() > 40);
        for e in &TRIGGERS.entries {
            assert!(
                crate::events::TYPES.contains(&e.kind.as_str()),
                "{}",
                e.kind
            );
            assert_eq!(e.cameo.len(), 2, "{:?}", e.words);
        }
    }

    #[test]
    fn bundled_rows_have_at_most_eight_columns() {
        for line in TRIGGERS_TSV.lines().filter(|l| !l.starts_with('#')) {
            assert!(line.split('\t').count() <= 8, "{line}");
        }
    }

    #[test]
    fn inflection_reaches_common_forms() {
        let lex = &*TRIGGERS;
        for w in [
            "زيارته",
            "لقاؤه",
            "لقائه",
            "بحثا",
            "سحبت",
            "ندعمها",
            "نهنئكم",
            "يزور",
            "تزور",
            "اجتماعات",
        ] {
            assert!(!lex.lookup(&fold(w)).is_empty(), "{w}");
        }
        assert!(lex.lookup(&fold("قال")).is_empty());
    }

    #[test]
    fn bracketed_span_and_needs() {
        let lex = TriggerLexicon::parse(
            "الحصول على [ضمانات]\tw\tREQUEST\tg\t10\tagent\tactor\tnext=من|ب\n",
        );
        assert_eq!(lex.entries.len(), 1);
        let e = &lex.entries[0];
        assert_eq!(e.words, vec![fold("حصول"), fold("على"), fold("ضمانات")]);
        assert_eq!(e.span_words, (2, 3));
        assert_eq!(e.needs, vec![Need::Next(vec!["من".into(), "ب".into()])]);
    }
}
