//! Quotes and speaker attribution.
//!
//! The finder walks the words of the text in order and stops at reporting cues from
//! `data/lexicons/quote_cues.tsv`: verbs (`قال`, `أكد`, `أشار إلى`), circumstantial
//! participles (`مشيرا إلى أن`), source phrases (`بحسب`, `وفق`) and relay verbs
//! (`نقلت X عن Y`). For each cue it finds
//!
//! * the **speaker phrase**: the subject after the verb (`قال الرئيس السوري أحمد الشرع`),
//!   or before it (`بيسكوف أكد`), or none, in which case the quote continues the last
//!   speaker (`وأضاف`, `مشيرا`), or goes to the other party after `من جانبه`;
//! * the **content**: after a complementizer (`أن`, `إن`, `إلى أن`, `أنه`), after a colon,
//!   inside quote marks, or a noun-phrase complement (`أعلن بوتين استعداد موسكو ...`),
//!   up to the end of the sentence, the closing mark, or the next participle cue.
//!
//! Headlines shaped `Name: statement` are indirect quotes with cue `:`. A line in quote
//! marks with no cue (a pull-quote) and short scare quotes are never quotes. The rules
//! follow `data/gold/NOTES.md`; fields of the lexicons are in `README.md` here.

mod layout;
mod lexicon;
mod speaker;

use crate::entities::index::StartFilter;
use crate::{Entity, Quote, QuoteKind, TextContext};
use layout::{is_mark, Layout};

use lexicon::{CueClass, QuoteCue, LEXICONS};
use marsad_text::Span;
use speaker::{
    clean_gap, is_comp_preposition, is_complementizer, is_cue_word, SpeakerPhrase, Speakers,
};

pub use lexicon::fold;

/// Finds direct and indirect quotes and attributes them to speakers.
pub fn find_quotes(ctx: &TextContext<'_>, entities: &[Entity]) -> Vec<Quote> {
    let lay = Layout::new(ctx);
    let speakers = Speakers::new(entities);
    let mut f = Finder {
        lay: &lay,
        sp: &speakers,
        quotes: Vec::new(),
        skip_until: 0,
        direct_spans: Vec::new(),
        indirect_spans: Vec::new(),
        last: Last::default(),
        last_quote_sentence: None,
    };
    // Only a word that may be a cue can start a quote: the others are passed before
    // `at_word` reads its spans (its tests before the cue look-up change nothing).
    for (wi, w) in lay.words.iter().enumerate() {
        if w.may_be_cue {
            f.at_word(wi);
        }
    }
    f.headlines();
    f.quotes.sort_by_key(|q| (q.start, q.end));
    f.quotes
}

/// The current speaker, inherited by continuations.
#[derive(Debug, Clone, Default)]
struct Last {
    speaker: Option<String>,
    /// Kept only for unnamed sources, whose continuations repeat it.
    text: Option<String>,
}

/// Where the reported content starts.
#[derive(Debug, Clone, Copy)]
enum Opening {
    /// After a complementizer word (index).
    Complementizer(usize),
    /// After a colon at this offset.
    Colon(usize),
    /// At an opening quote mark at this offset.
    Mark(usize),
    /// A noun-phrase complement starting at this word.
    NounPhrase(usize),
}

struct Finder<'a, 'e> {
    lay: &'a Layout<'a>,
    sp: &'a Speakers<'e>,
    quotes: Vec<Quote>,
    /// Cue words before this offset were already read as part of another quote's frame.
    skip_until: usize,
    /// Contents of direct quotes: cues inside are the speaker's own words.
    direct_spans: Vec<Span>,
    /// Contents of indirect quotes: cues inside make nested quotes.
    indirect_spans: Vec<Span>,
    last: Last,
    /// Sentence start of the last quote that was found.
    last_quote_sentence: Option<usize>,
}

/// The words of a found cue.
struct CueHit<'l> {
    word: usize,
    cue: &'l QuoteCue,
    /// True when the cue matched only without its leading conjunction.
    conj: bool,
}

/// Adverbs and pronoun-bearing prepositions that may stand between a cue and what follows
/// (`قال أيضا`, `أعلن فجأة`).
pub(crate) const ADVERBS: &[&str] = &[
    "قد",
    "ايضا",
    "كذلك",
    "مجددا",
    "اليوم",
    "امس",
    "فيه",
    "فيها",
    "له",
    "لها",
    "عنه",
    "عنها",
    "فجاه",
];

/// Words before أن that make it a temporal or purpose clause (`بعد أن`), not speech.
const TEMPORAL: &[&str] = &["بعد", "قبل", "منذ", "دون", "بدون", "حتي", "لحين", "ريثما"];

/// Words before a cue that make it a new clause (`حيث قال`).
const CLAUSE_OPENERS: &[&str] = &["حيث", "كما", "ثم", "اذ", "بينما", "فيما"];

/// Words before a cue that make it a relative clause (`ما يشير إلى`), not a report.
const RELATIVES: &[&str] = &["ما", "مما", "بما"];

/// A quick filter before the cue lexicon.
static CUE_FILTER: std::sync::LazyLock<StartFilter> =
    std::sync::LazyLock::new(|| StartFilter::new(LEXICONS.cues.keys().map(String::as_str)));

/// The cue of a folded word, if it is one.
fn cue(key: &str) -> Option<&'static QuoteCue> {
    if !CUE_FILTER.may_contain(key) {
        return None;
    }
    LEXICONS.cues.get(key)
}

/// A quick filter before the cue lexicon that also takes a token's `norm`: one bit per
/// [`cue_bit`] of every way to write each cue key with ة for some of its ه (a `norm` keeps
/// the ة that the quote key reads as ه).
static CUE_NORM_BITS: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
    let mut bits = vec![0u64; (1 << 16) / 64];
    for k in LEXICONS.cues.keys() {
        for s in ta_marbuta_spellings(k) {
            let b = cue_bit(&s);
            bits[b / 64] |= 1 << (b % 64);
        }
    }
    bits
});

/// The filter bit of a word: its byte length and first and last four bytes (two Arabic
/// letters each), hashed to 16 bits; read with whole loads rather than byte by byte.
fn cue_bit(w: &str) -> usize {
    let b = w.as_bytes();
    let n = b.len();
    let (head, tail) = match (b.get(..4), n.checked_sub(4).and_then(|s| b.get(s..))) {
        (Some(h), Some(t)) => (
            u32::from_le_bytes([h[0], h[1], h[2], h[3]]),
            u32::from_le_bytes([t[0], t[1], t[2], t[3]]),
        ),
        _ => {
            // Fewer than four bytes: all of them, both ways.
            let x = b.iter().fold(0u32, |x, &c| x << 8 | u32::from(c));
            (x, x)
        }
    };
    let x = n as u64 ^ u64::from(head) << 8 ^ u64::from(tail) << 32;
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

/// `key` and every string made from it by writing ة for some of its ه.
fn ta_marbuta_spellings(key: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for c in key.chars() {
        let n = out.len();
        if c == 'ه' {
            for k in 0..n {
                let mut v = out[k].clone();
                v.push('ة');
                out.push(v);
            }
        }
        for v in &mut out[..n] {
            v.push(c);
        }
    }
    out
}

/// False when the word `w` (a quote key, or a `norm` that folds to one with ة → ه) is
/// certainly no key of the cue lexicon, nor, when `also_without_first`, is the word
/// without its first letter (the form without a conjunction). A test on every word that
/// spares the lexicon look-up, and making the word's key, for most of them.
fn cue_shape_known(w: &str, also_without_first: bool) -> bool {
    let bits = &*CUE_NORM_BITS;
    let known = |v: &str| {
        let b = cue_bit(v);
        bits[b / 64] & (1 << (b % 64)) != 0
    };
    known(w)
        || also_without_first
            && w.chars()
                .next()
                .is_some_and(|c| known(w.get(c.len_utf8()..).unwrap_or("")))
}

impl Finder<'_, '_> {
    fn cue_of(&self, wi: usize) -> Option<CueHit<'static>> {
        let w = &self.lay.words[wi];
        if !w.may_be_cue {
            return None;
        }
        let whole = cue(w.key());
        if whole.is_none() && w.conj_chars() == 0 {
            return None;
        }
        // رأي (an opinion) folds like رأى (he saw).
        if w.bare() == "راي" && self.lay.chars.get(w.span.end.wrapping_sub(1)) == Some(&'ي') {
            return None;
        }
        if let Some(c) = whole {
            return Some(CueHit {
                word: wi,
                cue: c,
                conj: false,
            });
        }
        if w.conj_chars() > 0 {
            let c = cue(w.bare())?;
            // `فحسب` is "only", not a source.
            let conj = self.lay.chars.get(w.span.start).copied();
            if c.class == CueClass::Source && conj != Some('و') {
                return None;
            }
            return Some(CueHit {
                word: wi,
                cue: c,
                conj: true,
            });
        }
        None
    }

    fn at_word(&mut self, wi: usize) {
        let start = self.lay.words[wi].span.start;
        if start < self.skip_until
            || self
                .direct_spans
                .iter()
                .any(|s| s.start <= start && start < s.end)
        {
            return;
        }
        let Some(hit) = self.cue_of(wi) else { return };
        // `علي بن أبي طالب`: a cue word inside a person's name, past its first word.
        let span = self.lay.words[wi].span;
        if self
            .sp
            .overlapping(span)
            .any(|m| m.kind == crate::EntityType::Person && m.span.start < span.start)
        {
            return;
        }
        match hit.cue.class {
            CueClass::Verb | CueClass::Participle => self.verb(hit),
            CueClass::Source => self.source(hit),
            CueClass::Relay => self.relay(hit),
        }
    }

    /// The surface of a cue word without its conjunction.
    fn cue_surface(&self, hit: &CueHit<'_>) -> String {
        let w = &self.lay.words[hit.word];
        let mut s = w.span.start + if hit.conj { w.conj_chars() } else { 0 };
        while s < w.span.end && !self.lay.chars[s].is_alphabetic() {
            s += 1;
        }
        self.lay.text(Span::new(s, w.span.end))
    }

    /// Matches one of the cue's particles at word `at`; returns its length in words.
    fn particle_at(&self, cue: &QuoteCue, at: usize) -> Option<usize> {
        let words = &self.lay.words;
        cue.particles
            .iter()
            .filter(|p| {
                p.iter().enumerate().all(|(k, pk)| {
                    words.get(at + k).is_some_and(|w| w.key() == *pk)
                        && (k == 0
                            || clean_gap(
                                self.lay,
                                words[at + k - 1].span.end,
                                words[at + k].span.start,
                            ))
                })
            })
            .map(Vec::len)
            .max()
    }

    /// True when what follows word index `end` (exclusive) opens content: a complementizer
    /// (maybe after a preposition), a colon or a quote mark.
    fn terminator_after(&self, end: usize, sentence_end: usize) -> bool {
        let words = &self.lay.words;
        if end == 0 || end > words.len() {
            return false;
        }
        let prev_end = words[end - 1].span.end;
        let next_start = words.get(end).map_or(sentence_end, |w| w.span.start);
        let gap = self
            .lay
            .gap(prev_end, next_start.min(sentence_end.max(prev_end)));
        if gap.iter().any(|c| *c == ':' || is_mark(*c)) {
            return true;
        }
        if gap.iter().any(|c| !c.is_whitespace()) {
            return gap.iter().any(|c| matches!(c, '،' | ',' | '-' | '–' | '—'))
                && end < words.len()
                && words[end].span.start < sentence_end;
        }
        match words.get(end) {
            Some(w) if w.span.start < sentence_end => {
                is_complementizer(w.key())
                    || (is_comp_preposition(w.key())
                        && words
                            .get(end + 1)
                            .is_some_and(|n| is_complementizer(n.key())))
                    || w.key().starts_with("لـ")
                    || w.key() == "ل"
                    || w.key() == "قوله"
            }
            _ => false,
        }
    }

    /// Looks for where the content opens, from word `from` on, at most `limit` words on.
    fn find_opening(&self, from: usize, sentence_end: usize, limit: usize) -> Option<Opening> {
        let words = &self.lay.words;
        let mut prev_end = if from > 0 {
            words[from - 1].span.end
        } else {
            0
        };
        let mut wi = from;
        while wi < words.len() && wi < from + limit {
            let w = &words[wi];
            if w.span.start >= sentence_end {
                break;
            }
            if let Some(o) = self.opening_in_gap(prev_end, w.span.start) {
                return Some(o);
            }
            if is_complementizer(w.key()) && !(wi > 0 && TEMPORAL.contains(&words[wi - 1].key())) {
                return Some(Opening::Complementizer(wi));
            }
            // Another clause with its own cue (`، وقال`, `مشيرا`) ends the search; a verbal
            // noun (`طلب عدم ذكر اسمه`) does not.
            if wi > from && self.starts_clause(wi) {
                return None;
            }
            prev_end = w.span.end;
            wi += 1;
        }
        if wi < from + limit {
            return self.opening_in_gap(prev_end, sentence_end);
        }
        None
    }

    /// The particle of `cue` one to three words after `from`, with only plain words
    /// (the object) between: `داعيا الشركات إلى`.
    fn particle_after_object(&self, cue: &QuoteCue, from: usize, sent_end: usize) -> Option<usize> {
        let words = &self.lay.words;
        (from + 1..(from + 4).min(words.len()))
            .take_while(|&k| {
                words[k].span.start < sent_end
                    && clean_gap(self.lay, words[k - 1].span.end, words[k].span.start)
            })
            .find(|&k| self.particle_at(cue, k) == Some(1))
            .filter(|&k| {
                (from..k).all(|m| {
                    speaker::speaker_word(words[m].key()) != Some(lexicon::SpeakerWord::Stop)
                        && !is_complementizer(words[m].key())
                })
            })
    }

    /// A quote mark between the verb and its subject is fine when it encloses a short
    /// name followed by more words (`أكد «المرصد السوري» أن`).
    fn name_in_marks_ok(&self, start: usize, end: usize) -> bool {
        let lay = self.lay;
        lay.gap(start, end).iter().enumerate().all(|(k, c)| {
            if !is_mark(*c) {
                return true;
            }
            match lay.pair_at(start + k) {
                None => true,
                Some(m) => {
                    let n = lay.word_at_or_after(m.close) - lay.word_at_or_after(m.open);
                    let mut q = m.close + 1;
                    while q < lay.chars.len() && lay.chars[q] == ' ' {
                        q += 1;
                    }
                    m.closed && n <= 5 && lay.chars.get(q).is_some_and(|c| c.is_alphabetic())
                }
            }
        })
    }

    /// A participle reports speech when it follows punctuation (`، مشيرا إلى أن`) or
    /// opens its sentence, or when its complementizer follows at once; not as an adjective
    /// (`إجراءات مشددة`).
    fn participle_in_place(
        &self,
        cue: &QuoteCue,
        wi: usize,
        sent_start: usize,
        sent_end: usize,
    ) -> bool {
        let lay = self.lay;
        let words = &lay.words;
        if wi == 0 || words[wi].span.start <= sent_start {
            return true;
        }
        let gap = lay.gap(words[wi - 1].span.end, words[wi].span.start);
        if gap
            .iter()
            .any(|c| matches!(c, '،' | ',' | '؛' | ';' | '.' | '-' | '–' | '—') || is_mark(*c))
        {
            return true;
        }
        let mut k = wi + 1;
        if let Some(n) = self.particle_at(cue, k) {
            k += n;
        }
        words.get(k).is_some_and(|w| {
            w.span.start < sent_end
                && (is_complementizer(w.key())
                    || (is_comp_preposition(w.key())
                        && words.get(k + 1).is_some_and(|n| is_complementizer(n.key()))))
        })
    }

    fn starts_clause(&self, wi: usize) -> bool {
        let Some(hit) = self.cue_of(wi) else {
            return false;
        };
        let w = &self.lay.words[wi];
        let punct = wi > 0
            && self
                .lay
                .gap(self.lay.words[wi - 1].span.end, w.span.start)
                .iter()
                .any(|c| matches!(c, '،' | ',' | '؛' | ';'));
        let opener = CLAUSE_OPENERS.contains(&self.lay.words[wi - 1].key());
        hit.cue.class == CueClass::Participle || w.conj_chars() > 0 && hit.conj || punct || opener
    }

    fn opening_in_gap(&self, start: usize, end: usize) -> Option<Opening> {
        for (k, c) in self.lay.gap(start, end).iter().enumerate() {
            let pos = start + k;
            if *c == ':' {
                return Some(Opening::Colon(pos));
            }
            if is_mark(*c) && self.lay.pair_at(pos).is_some_and(|m| self.opens_quote(m)) {
                return Some(Opening::Mark(pos));
            }
        }
        None
    }

    /// False for short quoted names and scare quotes inside a running clause
    /// (`لـ«الاستقلال»:`, `"قسد"`): they do not open reported content.
    fn opens_quote(&self, m: layout::MarkPair) -> bool {
        let lay = self.lay;
        if !m.closed {
            return true;
        }
        let n_words = lay.word_at_or_after(m.close) - lay.word_at_or_after(m.open);
        if n_words >= 4 {
            return true;
        }
        let mut q = m.close + 1;
        while q < lay.chars.len() && lay.chars[q] == ' ' {
            q += 1;
        }
        lay.chars
            .get(q)
            .is_none_or(|c| matches!(c, '\n' | '.' | '!' | '؟' | '?'))
    }

    fn sentence_bounds(&self, pos: usize) -> (usize, usize) {
        self.lay.sentence_bounds(pos)
    }

    fn first_word_of_sentence(&self, sent_start: usize) -> usize {
        self.lay.word_at_or_after(sent_start)
    }

    fn verb(&mut self, hit: CueHit<'static>) {
        let lay = self.lay;
        let words = &lay.words;
        let wi = hit.word;
        let cue = hit.cue;
        let pos = words[wi].span.start;
        let (sent_start, sent_end) = self.sentence_bounds(pos);
        let participle = cue.class == CueClass::Participle;

        if wi > 0
            && (RELATIVES.contains(&words[wi - 1].key())
                || RELATIVES.contains(&words[wi - 1].bare()))
            && clean_gap(lay, words[wi - 1].span.end, pos)
        {
            return;
        }
        if participle && !self.participle_in_place(cue, wi, sent_start, sent_end) {
            return;
        }
        // Adverbs between the verb and what follows.
        let mut j = wi + 1;
        while j < words.len() && ADVERBS.contains(&words[j].key()) && words[j].span.start < sent_end
        {
            j += 1;
        }
        let mut particle_words: Vec<usize> = Vec::new();
        let mut subject: Option<SpeakerPhrase> = None;
        let gap_clean = j < words.len()
            && clean_gap(lay, words[j - 1].span.end, words[j].span.start)
            && self.name_in_marks_ok(words[j - 1].span.end, words[j].span.start);
        let particle_first = self.particle_at(cue, j).is_some();
        // Words after the cue that start a subject this reader cannot delimit (`وأوضحت
        // إدارة مهرجان سوق عكاظ أن`): the speaker is unknown, not the previous one.
        let mut unread_subject = false;
        if !participle && !particle_first && gap_clean && words[j].span.start < sent_end {
            let term = |end: usize| self.terminator_after(end, sent_end);
            subject = self.sp.phrase_forward(lay, j, sent_end, &term);
            if subject.is_none() && self.sp.inanimate_subject(lay, j) {
                return;
            }
            unread_subject = subject.is_none()
                && !self.sp.word_is_stop(lay, j)
                && !is_comp_preposition(words[j].key())
                && !words[j].key().starts_with(['ل', 'ب'])
                && !speaker::is_cue_word(lay, j);
        }
        let mut after = subject.as_ref().map_or(j, |s| s.end);
        while subject.is_some()
            && after < words.len()
            && ADVERBS.contains(&words[after].key())
            && words[after].span.start < sent_end
        {
            after += 1;
        }
        if let Some(n) = self.particle_at(cue, after) {
            particle_words.extend(after..after + n);
            after += n;
        }
        // The content opens right here, or a bit further on.
        let at_once = after < words.len()
            && words[after].span.start < sent_end
            && clean_gap(lay, words[after - 1].span.end, words[after].span.start);
        let opening = if at_once
            && is_comp_preposition(words[after].key())
            && words
                .get(after + 1)
                .is_some_and(|n| is_complementizer(n.key()))
        {
            Some(Opening::Complementizer(after + 1))
        } else if at_once
            && cue.np_complement
            && (subject.is_some()
                || participle
                || words[wi].conj_chars() > 0
                || self
                    .sp
                    .phrase_backward(lay, wi, self.first_word_of_sentence(sent_start))
                    .is_some())
            && !(subject.as_ref().is_some_and(|s| s.entity.is_none())
                && matches!(
                    self.find_opening(after, sent_end, 10),
                    Some(Opening::Complementizer(_) | Opening::Colon(_) | Opening::Mark(_))
                ))
            && (!cue.np_needs_particle || !particle_words.is_empty())
            && !is_complementizer(words[after].key())
            && !speaker::speaker_word(words[after].key())
                .is_some_and(|c| c == lexicon::SpeakerWord::Stop)
            && !ADVERBS.contains(&words[after].key())
            && !words[after].key().starts_with("لل")
            && words[after].key() != "ل"
            && !lay
                .gap(words[after - 1].span.end, words[after].span.start)
                .iter()
                .any(|c| is_mark(*c))
        {
            Some(Opening::NounPhrase(after))
        } else if let Some(k) = (at_once
            && cue.np_complement
            && particle_words.is_empty()
            && cue.np_needs_particle
            && self.find_opening(after, sent_end, 6).is_none())
        .then(|| self.particle_after_object(cue, after, sent_end))
        .flatten()
        {
            // The object stands between the verb and its particle: دعا الشركات إلى ...
            particle_words.push(k);
            Some(Opening::NounPhrase(after))
        } else {
            let limit = if subject.as_ref().is_some_and(|s| s.anchored) {
                24
            } else {
                14
            };
            let o = self.find_opening(after, sent_end, limit);
            if o.is_some() && particle_words.is_empty() {
                // A particle between the subject and the opening (`أشار في كلمته إلى أن`).
                if let Some(Opening::Complementizer(c)) = o {
                    if c > 0 && c > after {
                        if let Some(n) = self.particle_at(cue, c - 1) {
                            if n == 1 {
                                particle_words.push(c - 1);
                            }
                        }
                    }
                }
            }
            o
        };
        let preposed = if opening.is_none() && !participle {
            self.preposed_quote(wi, sent_start)
        } else {
            None
        };
        let Some(opening) = opening.or(preposed.map(|m| Opening::Mark(m.open))) else {
            return;
        };

        // Who speaks.
        let mut speaker_text = None;
        let mut entity = None;
        let mut explicit = false;
        if let Some(s) = subject.as_ref() {
            // Evidence is no speaker even right before `أن` (`تشير الأرقام إلى أن`), nor
            // is a demonstrative alone: `ويشير هذا إلى أن` ("this shows that") reports
            // nothing, while `هذا المسؤول` names someone.
            if speaker::is_evidence(lay.words[s.first].key())
                || s.end == s.first + 1 && speaker::is_demonstrative(lay.words[s.first].key())
                || !(s.anchored || s.entity.is_some() || self.named_unknown(s, opening))
                    && self.sp.inanimate_subject(lay, s.first)
            {
                return;
            }
        }
        if let Some(s) = subject.as_ref().filter(|s| {
            s.anchored
                || s.entity.is_some()
                || self.named_unknown(s, opening)
                || !self.sp.inanimate_subject(lay, s.first)
        }) {
            entity = s.entity;
            speaker_text = Some(self.sp.phrase_text(lay, s));
            explicit = true;
            let _ = s.unnamed;
        }
        if !explicit && !participle && words[wi].conj_chars() == 0 {
            let floor = self.first_word_of_sentence(sent_start);
            if let Some(s) = self.sp.phrase_backward(lay, wi, floor) {
                entity = s.entity;
                speaker_text = Some(self.sp.phrase_text(lay, &s));
                explicit = true;
            }
        }
        if !explicit && participle && self.last_quote_sentence != Some(sent_start) {
            // A participle after a non-reporting verb: the sentence's subject speaks.
            let first = self.first_word_of_sentence(sent_start);
            for w in &words[first.min(wi)..(first + 4).min(wi)] {
                if let Some(m) = self
                    .sp
                    .overlapping(w.span)
                    .find(|m| m.kind == crate::EntityType::Person)
                {
                    entity = Some(m.entity);
                    speaker_text = Some(lay.text(m.span));
                    explicit = true;
                    break;
                }
            }
        }
        let (speaker, speaker_text) = if explicit {
            (entity.and_then(|e| self.sp.id(e)), speaker_text)
        } else if self.last_quote_sentence != Some(sent_start)
            && self.other_party_marker(sent_start, pos)
        {
            let e = self.sp.other_party(pos, self.last.speaker.as_deref());
            (e.and_then(|e| self.sp.id(e)), None)
        } else if unread_subject {
            (None, None)
        } else {
            (self.last.speaker.clone(), self.last.text.clone())
        };

        let mut cue_text = self.cue_surface(&hit);
        for &p in &particle_words {
            cue_text.push(' ');
            cue_text.push_str(&lay.text(words[p].span));
        }
        let nested = self.is_nested(pos);
        let Some((kind, content)) = self.content(opening, sent_start, sent_end) else {
            return;
        };
        self.emit(
            Quote {
                speaker,
                speaker_text,
                kind,
                cue: cue_text,
                start: content.start,
                end: content.end,
                text: lay.text(content),
                via: None,
            },
            nested,
            explicit,
            sent_start,
        );
    }

    /// A quotation that opens its sentence and ends right before the cue:
    /// `«...»، قال الوزير.`
    fn preposed_quote(&self, wi: usize, sent_start: usize) -> Option<layout::MarkPair> {
        let lay = self.lay;
        let mut p = lay.words[wi].span.start;
        while p > 0 && (lay.chars[p - 1].is_whitespace() || matches!(lay.chars[p - 1], '،' | ','))
        {
            p -= 1;
        }
        let close = p.checked_sub(1)?;
        let m = lay
            .marks
            .iter()
            .copied()
            .find(|m| m.closed && m.close == close)?;
        let para = lay.paragraph_of(m.open);
        let opens_clause = m.open == para.start
            || m.open <= sent_start
            || lay.chars[..m.open]
                .iter()
                .rev()
                .take_while(|c| **c != '\n')
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| matches!(c, '.' | '!' | '؟' | ':'));
        let n_words = lay.word_at_or_after(m.close) - lay.word_at_or_after(m.open);
        (opens_clause && n_words >= 3).then_some(m)
    }

    /// Unknown words as the subject count when the content opens right after them.
    fn named_unknown(&self, s: &SpeakerPhrase, opening: Opening) -> bool {
        match opening {
            Opening::Complementizer(c) => {
                c == s.end || (c == s.end + 1 && is_comp_preposition(self.lay.words[s.end].key()))
            }
            Opening::Colon(p) | Opening::Mark(p) => {
                self.lay.words.get(s.end).is_none_or(|w| w.span.start > p)
            }
            Opening::NounPhrase(_) => false,
        }
    }

    fn other_party_marker(&self, sent_start: usize, pos: usize) -> bool {
        let words = &self.lay.words;
        let first = self.first_word_of_sentence(sent_start);
        (first..words.len())
            .take_while(|&k| words[k].span.start < pos)
            .any(|k| {
                let key = words[k].bare();
                matches!(key, "بدوره" | "بدورها" | "بدورهم")
                    || (key == "من"
                        && words.get(k + 1).is_some_and(|n| {
                            speaker::speaker_word(n.key()) == Some(lexicon::SpeakerWord::OtherParty)
                        }))
            })
    }

    fn is_nested(&self, pos: usize) -> bool {
        self.indirect_spans
            .iter()
            .any(|s| s.start <= pos && pos < s.end)
    }

    /// The content span and kind for an opening.
    fn content(
        &self,
        opening: Opening,
        sent_start: usize,
        sent_end: usize,
    ) -> Option<(QuoteKind, Span)> {
        let lay = self.lay;
        let words = &lay.words;
        let _ = sent_start;
        match opening {
            Opening::Complementizer(c) => {
                let start = words[c].span.end;
                Some((QuoteKind::Indirect, self.indirect_end(start, sent_end)?))
            }
            Opening::NounPhrase(w) => Some((
                QuoteKind::Indirect,
                self.indirect_end(words[w].span.start, sent_end)?,
            )),
            Opening::Colon(p) => {
                let mut q = p + 1;
                while q < lay.chars.len() && lay.chars[q].is_whitespace() && lay.chars[q] != '\n' {
                    q += 1;
                }
                if q < lay.chars.len() && is_mark(lay.chars[q]) && lay.pair_at(q).is_some() {
                    return self.marked(q, sent_end);
                }
                let wi = lay.word_at_or_after(q);
                let first = words.get(wi).filter(|w| w.span.start < sent_end)?;
                if is_complementizer(first.key()) {
                    return Some((
                        QuoteKind::Indirect,
                        self.indirect_end(first.span.end, sent_end)?,
                    ));
                }
                let end = lay.sentence_end(q, sent_end.max(q));
                let span = lay.trim(Span::new(q, end), false);
                (!span.is_empty()).then_some((QuoteKind::Direct, span))
            }
            Opening::Mark(p) => self.marked(p, sent_end),
        }
    }

    /// Content in quote marks opening at `open`: direct, or a mixed quote (the marks hold
    /// a fragment of a longer clause) read as indirect.
    fn marked(&self, open: usize, sent_end: usize) -> Option<(QuoteKind, Span)> {
        let lay = self.lay;
        let pair = lay.pair_at(open)?;
        let inner = lay.trim(Span::new(open + 1, pair.close), true);
        if inner.is_empty() {
            return None;
        }
        let n_words = lay.word_at_or_after(inner.end) - lay.word_at_or_after(inner.start);
        // What follows the closing mark.
        let mut q = pair.close + 1;
        while q < lay.chars.len() && lay.chars[q] == ' ' {
            q += 1;
        }
        let continues =
            pair.closed && q < sent_end && lay.chars.get(q).is_some_and(|c| c.is_alphabetic()) && {
                let w = lay.word_at_or_after(q);
                !(w < lay.words.len() && self.cue_of(w).is_some())
            };
        if continues || n_words <= 3 && pair.closed && q < sent_end && lay.chars[q] != '.' {
            let span = self.indirect_end(open, sent_end)?;
            return Some((QuoteKind::Indirect, span));
        }
        // A leading إن just inside the marks is outside the span.
        let mut start = inner.start;
        let wi = lay.word_at_or_after(start);
        if let Some(w) = lay.words.get(wi) {
            if w.span.start == start
                && (w.key() == "ان")
                && wi + 1 < lay.words.len()
                && lay.words[wi + 1].span.start < inner.end
            {
                start = lay.words[wi + 1].span.start;
            }
        }
        let span = lay.trim(Span::new(start, inner.end), false);
        (!span.is_empty()).then_some((QuoteKind::Direct, span))
    }

    /// Indirect content from `start` to the sentence end, or to the next participle cue or
    /// `، وأضاف`-style continuation in the sentence.
    fn indirect_end(&self, start: usize, sent_end: usize) -> Option<Span> {
        let lay = self.lay;
        let words = &lay.words;
        let mut end = lay.sentence_end(start, sent_end.max(start));
        let first = lay.word_at_or_after(start);
        for k in first..words.len() {
            let w = &words[k];
            if w.span.start >= end {
                break;
            }
            if k == first {
                continue;
            }
            if lay.inside_marks(w.span.start) {
                continue;
            }
            if let Some(hit) = self.cue_of(k) {
                let gap = lay.gap(words[k - 1].span.end, w.span.start);
                let comma = gap.iter().any(|c| matches!(c, '،' | ','));
                let ends = match hit.cue.class {
                    CueClass::Participle => true,
                    CueClass::Verb => comma && w.conj_chars() > 0,
                    _ => false,
                };
                if ends {
                    end = w.span.start;
                    break;
                }
            }
        }
        let span = lay.trim(Span::new(start, end), false);
        (!span.is_empty()).then_some(span)
    }

    fn emit(&mut self, q: Quote, nested: bool, explicit: bool, sent_start: usize) {
        let span = Span::new(q.start, q.end);
        if self
            .quotes
            .iter()
            .any(|o| o.start == q.start && o.end == q.end)
        {
            return;
        }
        let direct = q.kind == QuoteKind::Direct;
        if !nested {
            self.last = Last {
                speaker: q.speaker.clone(),
                text: if q.speaker.is_none() {
                    q.speaker_text.clone()
                } else {
                    None
                },
            };
            let _ = explicit;
        }
        self.last_quote_sentence = Some(sent_start);
        if direct {
            self.direct_spans.push(span);
            self.skip_until = self.skip_until.max(span.end);
        } else {
            self.indirect_spans.push(span);
            self.skip_until = self.skip_until.max(span.start);
        }
        self.quotes.push(q);
    }

    fn source(&mut self, hit: CueHit<'static>) {
        let lay = self.lay;
        let words = &lay.words;
        let wi = hit.word;
        let pos = words[wi].span.start;
        let (sent_start, sent_end) = self.sentence_bounds(pos);
        let mut j = wi + 1;
        let mut cue_text = self.cue_surface(&hit);
        // وفقا لـ / نقلا عن
        if let Some(n) = self.particle_at(hit.cue, j) {
            for w in &words[j..j + n] {
                cue_text.push(' ');
                cue_text.push_str(&lay.text(w.span));
            }
            j += n;
        } else if j < words.len() && (words[j].key() == "ل" || words[j].key() == "لـ") {
            j += 1;
        }
        // بحسب ما قال/ذكرت X, حسبما أفاد X
        if j + 1 < words.len() && words[j].key() == "ما" && self.cue_of(j + 1).is_some() {
            j += 2;
        } else if words[wi].key().ends_with("ما") && j < words.len() && self.cue_of(j).is_some() {
            j += 1;
        }
        while j < words.len() && ADVERBS.contains(&words[j].key()) {
            j += 1;
        }
        if j >= words.len()
            || words[j].span.start >= sent_end
            || !clean_gap(lay, words[j - 1].span.end, words[j].span.start)
        {
            return;
        }
        let term = |end: usize| {
            let next = words
                .get(end)
                .map_or(sent_end, |w| w.span.start)
                .min(sent_end);
            let prev = words[end - 1].span.end;
            next >= sent_end
                || lay
                    .gap(prev, next)
                    .iter()
                    .any(|c| matches!(c, '،' | ',' | '-' | '–' | '—' | '.'))
        };
        let Some(phrase) = self.sp.phrase_forward(lay, j, sent_end, &term) else {
            return;
        };
        let anchored = phrase.anchored || phrase.entity.is_some() || {
            let k = &words[phrase.first].key();
            !k.starts_with('ا')
                && !k.starts_with('ل')
                && !k.starts_with('ب')
                && phrase.end == phrase.first + 1
                && term(phrase.end)
        };
        if !anchored {
            return;
        }
        let first = self.first_word_of_sentence(sent_start);
        let phrase_end = phrase.span.end;
        // `وبحسب «الألمانية»، فقد ذكرت المؤسسة أن ...`: a reporting verb opens the rest of
        // the sentence and gives the quote itself.
        if wi == first
            && (phrase.end..(phrase.end + 3).min(words.len()))
                .take_while(|&k| words[k].span.start < sent_end)
                .any(|k| {
                    self.cue_of(k)
                        .is_some_and(|c| matches!(c.cue.class, CueClass::Verb))
                })
        {
            return;
        }
        let rest_empty = lay
            .gap(phrase_end, sent_end)
            .iter()
            .all(|c| !c.is_alphanumeric());
        let content = if wi == first {
            self.indirect_end(phrase_end, sent_end)
        } else if rest_empty {
            let s = self.strip_initial_conj(sent_start);
            let span = lay.trim(Span::new(s, pos), false);
            (!span.is_empty()).then_some(span)
        } else {
            let s = self.strip_initial_conj(sent_start);
            self.indirect_end(s, sent_end)
        };
        let Some(mut content) = content else { return };
        let mut kind = QuoteKind::Indirect;
        if let Some(m) = lay.pair_at(content.start) {
            if m.closed
                && lay
                    .trim(Span::new(m.close + 1, content.end), true)
                    .is_empty()
            {
                content = Span::new(content.start + 1, m.close);
                kind = QuoteKind::Direct;
            }
        }
        let speaker = phrase.entity.and_then(|e| self.sp.id(e));
        let speaker_text = Some(self.sp.phrase_text(lay, &phrase));
        let nested = self.is_nested(pos);
        self.skip_until = self.skip_until.max(phrase_end);
        self.emit(
            Quote {
                speaker,
                speaker_text,
                kind,
                cue: cue_text,
                start: content.start,
                end: content.end,
                text: lay.text(content),
                via: None,
            },
            nested,
            true,
            sent_start,
        );
    }

    /// Skips a sentence-initial conjunction و (a clitic on the first word).
    fn strip_initial_conj(&self, sent_start: usize) -> usize {
        let lay = self.lay;
        let wi = lay.word_at_or_after(sent_start);
        match lay.words.get(wi) {
            Some(w)
                if w.conj_chars() > 0
                    && lay.chars.get(w.span.start) == Some(&'و')
                    && initial_conj(w.bare()) =>
            {
                w.span.start + 1
            }
            _ => sent_start,
        }
    }

    fn relay(&mut self, hit: CueHit<'static>) {
        let lay = self.lay;
        let words = &lay.words;
        let wi = hit.word;
        let pos = words[wi].span.start;
        let (sent_start, sent_end) = self.sentence_bounds(pos);
        // The outlet: after the verb, or before it.
        let never = |_: usize| false;
        let outlet = self
            .sp
            .phrase_forward(lay, wi + 1, sent_end, &never)
            .filter(|p| p.entity.is_some())
            .or_else(|| {
                (words[wi].conj_chars() == 0)
                    .then(|| {
                        self.sp
                            .phrase_backward(lay, wi, self.first_word_of_sentence(sent_start))
                    })
                    .flatten()
            });
        let from = outlet
            .as_ref()
            .filter(|o| o.first > wi)
            .map_or(wi + 1, |o| o.end);
        // عن + source
        let Some(an) = (from..(from + 6).min(words.len()))
            .take_while(|&k| words[k].span.start < sent_end)
            .find(|&k| words[k].key() == "عن")
        else {
            return;
        };
        let term = |end: usize| self.terminator_after(end, sent_end);
        let source = self.sp.phrase_forward(lay, an + 1, sent_end, &term);
        let after = source.as_ref().map_or(an + 1, |s| s.end);
        let Some(opening) = self.find_opening(after, sent_end, 10) else {
            return;
        };
        let Some((kind, content)) = self.content(opening, sent_start, sent_end) else {
            return;
        };
        let via = outlet
            .as_ref()
            .and_then(|o| o.entity)
            .and_then(|e| self.sp.id(e));
        let (speaker, speaker_text) = match &source {
            Some(s) => (
                s.entity.and_then(|e| self.sp.id(e)),
                Some(self.sp.phrase_text(lay, s)),
            ),
            None => (None, None),
        };
        let cue = format!("{} {}", self.cue_surface(&hit), lay.text(words[an].span));
        let nested = self.is_nested(pos);
        self.emit(
            Quote {
                speaker,
                speaker_text,
                kind,
                cue,
                start: content.start,
                end: content.end,
                text: lay.text(content),
                via,
            },
            nested,
            true,
            sent_start,
        );
    }

    /// Headlines and lead lines shaped `Name: statement`.
    fn headlines(&mut self) {
        let lay = self.lay;
        for para in lay.paragraphs.clone() {
            if self
                .quotes
                .iter()
                .any(|q| q.start < para.end && para.start < q.end)
            {
                continue;
            }
            let Some(colon) = (para.start..para.end).find(|&i| lay.chars[i] == ':') else {
                continue;
            };
            let first = lay.word_at_or_after(para.start);
            let before = lay.word_at_or_after(colon);
            if before <= first || before - first > 4 {
                continue;
            }
            if (first..before).any(|k| is_cue_word(lay, k)) {
                continue;
            }
            let term = |end: usize| end == before;
            let Some(p) = self.sp.phrase_forward(lay, first, colon, &term) else {
                continue;
            };
            // A person speaks in a headline; a place before a colon is a dateline.
            let person = p
                .entity
                .and_then(|e| self.sp.entities.get(e))
                .is_some_and(|e| e.kind == crate::EntityType::Person);
            let n_words = lay.word_at_or_after(para.end) - first;
            if p.end != before || !(person || p.unnamed) || n_words > 30 {
                continue;
            }
            let mut content = lay.trim(Span::new(colon + 1, para.end), false);
            if let Some(m) = lay.pair_at(content.start) {
                if m.closed && m.close + 1 >= content.end {
                    content = lay.trim(Span::new(content.start + 1, m.close), true);
                }
            }
            if content.is_empty() {
                continue;
            }
            self.quotes.push(Quote {
                speaker: p.entity.and_then(|e| self.sp.id(e)),
                speaker_text: Some(self.sp.phrase_text(lay, &p)),
                kind: QuoteKind::Indirect,
                cue: ":".to_string(),
                start: content.start,
                end: content.end,
                text: lay.text(content),
                via: None,
            });
        }
    }
}

/// Function words that, after a first letter و, show it is the conjunction (`ومن`).
const FUNCTION_WORDS_AFTER_CONJ: &[&str] = &[
    "من", "في", "علي", "عن", "الي", "مع", "قد", "كان", "كانت", "لم", "لا", "ما", "هو", "هي", "هذا",
    "هذه", "بعد", "قبل", "منذ", "خلال", "بين", "اما", "اذا", "لكن",
];

/// A word whose first letter و is the conjunction: the rest is a function word or starts
/// with the article (`ومن`, `والحكومة`), or the text layer split it.
fn initial_conj(bare: &str) -> bool {
    bare.starts_with("ال")
        || bare.starts_with("لل")
        || FUNCTION_WORDS_AFTER_CONJ.contains(&bare)
        || bare.starts_with('ب')
        || bare.starts_with('ي')
        || bare.starts_with('ت')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ta_marbuta_spellings_cover_every_mix() {
        let mut v = ta_marbuta_spellings("مشيره");
        v.sort();
        assert_eq!(v, ["مشيرة", "مشيره"]);
        let v = ta_marbuta_spellings("ههه");
        assert_eq!(v.len(), 8);
        assert!(v.iter().all(|s| fold(s) == "ههه"));
        assert_eq!(ta_marbuta_spellings("قال"), ["قال"]);
    }

    #[test]
    fn the_cue_shape_test_keeps_every_cue_word() {
        // Every cue key, with ة for its ه and with a conjunction, in a text: each word
        // whose key or bare form is a cue passes the quick test.
        let mut text = String::new();
        for k in LEXICONS.cues.keys() {
            for s in ta_marbuta_spellings(k) {
                assert!(cue_shape_known(&s, false), "{s}");
                assert!(cue_shape_known(&format!("و{s}"), true), "و{s}");
                text.push_str(&format!("{s} و{s} ف{s} قال. "));
            }
        }
        let ctx = TextContext::new(&text, None);
        let lay = Layout::new(&ctx);
        let mut cues = 0;
        for w in &lay.words {
            let is_cue = cue(w.key()).is_some() || w.conj_chars() > 0 && cue(w.bare()).is_some();
            assert!(!is_cue || w.may_be_cue, "{}", w.key());
            cues += usize::from(is_cue);
        }
        assert!(cues > lay.words.len() / 2);
        // Most plain words do not pass.
        let ctx = TextContext::new("ذهب الطالب إلى المدرسة صباحا مع أخيه الصغير", None);
        let lay = Layout::new(&ctx);
        assert!(lay.words.iter().filter(|w| w.may_be_cue).count() <= 2);
    }

    #[test]
    fn the_word_lists_are_written_as_word_keys_are_folded() {
        assert_eq!(lexicon::fold("على"), "علي", "alef maqsura folds to ya");
        for w in ADVERBS
            .iter()
            .chain(TEMPORAL)
            .chain(CLAUSE_OPENERS)
            .chain(RELATIVES)
            .chain(FUNCTION_WORDS_AFTER_CONJ)
            .chain(speaker::COMP_PREPOSITIONS)
        {
            assert_eq!(lexicon::fold(w), *w, "{w} is not written folded");
        }
    }
}
