//! The shape of a text as the quote finder sees it: words with folded keys, paragraphs,
//! paired quote marks and sentence ends that do not fall inside a quotation.

use std::cell::OnceCell;

use crate::{bytescan, TextContext};
use marsad_text::{AnalyzedToken, CompactString, Span, TokenKind};

/// A word of the text. Its folded forms are made on first use: the finder reads them
/// only around cue words, and most words are never looked at closely.
#[derive(Debug, Clone)]
pub struct Word<'t> {
    /// Span of the whole token.
    pub span: Span,
    /// The token (its `norm` gives the folded forms).
    token: &'t AnalyzedToken,
    /// The folded forms, made on first use (or at once when `norm` does not give them).
    folded: OnceCell<Folded>,
    /// False when neither the folded form nor the form without the first letter can be a
    /// key of the cue lexicon (the quick test of `cue_shape_known` in the finder).
    pub may_be_cue: bool,
}

/// The folded forms of a word.
#[derive(Debug, Clone)]
struct Folded {
    /// Folded form of the whole token (inline up to 24 bytes: no allocation per word).
    key: CompactString,
    /// Byte offset in `key` where the form without a leading conjunction starts.
    bare_at: u8,
    /// Characters of the original token taken by a leading conjunction (0 or 1).
    conj_chars: u8,
}

impl Folded {
    /// The forms of a token from its folded key.
    fn new(key: CompactString, t: &AnalyzedToken) -> Folded {
        let mut conj = conj_prefix(&key);
        // Trust the text layer's segmentation when it splits off a conjunction.
        if !t.clitics.is_empty() && matches!(t.first_segment().as_bytes(), [0xD9, 0x88 | 0x81]) {
            conj = 1;
        }
        let bare_at = if conj == 1 {
            key.chars().next().map_or(0, char::len_utf8)
        } else {
            0
        };
        Folded {
            key,
            // A character is at most four bytes.
            bare_at: bare_at as u8,
            conj_chars: conj as u8,
        }
    }
}

impl Word<'_> {
    fn folded(&self) -> &Folded {
        self.folded
            .get_or_init(|| Folded::new(key_from_norm(&self.token.norm), self.token))
    }

    /// Folded form of the whole token.
    pub fn key(&self) -> &str {
        &self.folded().key
    }

    /// Characters of the original token taken by a leading conjunction (0 or 1).
    pub fn conj_chars(&self) -> usize {
        usize::from(self.folded().conj_chars)
    }

    /// Folded form without a leading conjunction و/ف (equal to `key` when there is none).
    pub fn bare(&self) -> &str {
        let f = self.folded();
        f.key.get(usize::from(f.bare_at)..).unwrap_or("")
    }
}

/// A pair of quote marks: the opening mark's offset and the closing mark's offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkPair {
    /// Offset of the opening mark.
    pub open: usize,
    /// Offset of the closing mark, or the paragraph end when it never closes.
    pub close: usize,
    /// False when the mark never closed inside its paragraph.
    pub closed: bool,
}

/// Everything the quote finder needs about the text's layout.
#[derive(Debug)]
pub struct Layout<'t> {
    /// The original text.
    text: &'t str,
    /// Byte offset of every character of `text`, and `text.len()` (as in the context).
    char_to_byte: &'t [usize],
    /// The text as characters.
    pub chars: &'t [char],
    /// Words in text order.
    pub words: Vec<Word<'t>>,
    /// Paragraph (line) spans, trimmed.
    pub paragraphs: Vec<Span>,
    /// Top-level quote-mark pairs, in text order.
    pub marks: Vec<MarkPair>,
    /// Per paragraph, computed on first use: its sentences as (start, end, start of
    /// the next one), for [`Layout::sentence_start`].
    sentences: Vec<std::cell::OnceCell<Vec<(usize, usize, usize)>>>,
}

fn closer_for(c: char) -> &'static [char] {
    match c {
        '"' => &['"'],
        '“' => &['”', '“'],
        '”' => &['”', '“'],
        '«' => &['»'],
        '»' => &['«'],
        '„' => &['“', '”'],
        '‘' => &['’'],
        '\'' => &['\''],
        _ => &[],
    }
}

/// False for characters that are certainly not quote marks (most of the text): a quick
/// test before [`is_mark`] and [`closer_for`].
#[inline]
fn maybe_mark(c: char) -> bool {
    c >= '\u{2018}' || matches!(c, '"' | '\'' | '«' | '»')
}

/// False for bytes that certainly do not start a line break or a character of
/// [`maybe_mark`] in UTF-8: those start with `\n`, `"`, `'`, C2 (`«` `»`) or E0 and above
/// (U+0800 and above).
#[inline]
fn may_start_mark_or_break(b: u8) -> bool {
    matches!(b, b'\n' | b'"' | b'\'' | 0xC2) | (b >= 0xE0)
}

/// True for any character used as a quote mark.
pub fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„' | '‘' | '’' | '\'')
}

/// True when a word of the text is a bare complementizer-like conjunction prefix.
fn conj_prefix(key: &str) -> usize {
    let mut it = key.chars();
    match (it.next(), it.nth(1).is_some()) {
        (Some('و') | Some('ف'), true) => 1,
        _ => 0,
    }
}

/// True when the quote folding of a token is its text-layer `norm` (the matching folding
/// of the same text, with ligatures expanded) with ة read as ه, as [`key_from_norm`]
/// makes it; false when the text must be folded ([`fold_inline`]). `text_has_ef` tells
/// whether the whole text holds a byte EF (the lead byte of every presentation form):
/// when it does not, no token need be looked at for one.
fn norm_gives_key(ctx: &TextContext<'_>, t: &AnalyzedToken, text_has_ef: bool) -> bool {
    let same_text = ctx.char_to_byte.get(t.span.start) == Some(&t.bytes.start)
        && ctx.char_to_byte.get(t.span.end) == Some(&t.bytes.end);
    // The token's text is then the bytes of its byte range.
    let Some(bytes) = same_text
        .then(|| ctx.text.as_bytes().get(t.bytes.clone()))
        .flatten()
    else {
        return false;
    };
    // `norm` copies ASCII as it is and expands presentation forms: use it only when
    // neither happens.
    // (Presentation forms are three bytes starting with EF.)
    let plain = bytescan::has_non_ascii(bytes)
        && (!text_has_ef
            || !bytescan::contains_byte(bytes, 0xEF)
            || ctx
                .text
                .get(t.bytes.clone())
                .is_none_or(|text| !text.chars().any(|c| ('\u{FB50}'..='\u{FEFF}').contains(&c))));
    // A long norm with ة is folded from the text.
    let b = t.norm.as_bytes();
    plain && (b.len() <= 64 || !bytescan::contains_byte(b, 0xA9))
}

/// The quote folding of a token for which [`norm_gives_key`] holds: `norm` with ة → ه.
fn key_from_norm(norm: &CompactString) -> CompactString {
    // ة (bytes D8 A9) → ه (D9 87). A byte A9 is rare: look for it a word at a time first.
    let b = norm.as_bytes();
    if !bytescan::contains_byte(b, 0xA9) {
        return norm.clone();
    }
    // The pieces between the ة, joined by ه (inline: no allocation for a short word).
    let mut out = CompactString::with_capacity(b.len());
    for (k, piece) in norm.split('ة').enumerate() {
        if k > 0 {
            out.push('ه');
        }
        out.push_str(piece);
    }
    out
}

/// The quote folding of a token (see [`super::lexicon::fold`]).
#[cfg(test)]
fn key_of(ctx: &TextContext<'_>, t: &AnalyzedToken) -> CompactString {
    if norm_gives_key(ctx, t, ctx.text.as_bytes().contains(&0xEF)) {
        key_from_norm(&t.norm)
    } else {
        fold_inline(ctx.slice(t.span))
    }
}

/// [`super::lexicon::fold`] into an inline string (no allocation for words of up to 24 bytes).
fn fold_inline(text: &str) -> CompactString {
    let mut out = CompactString::with_capacity(text.len());
    for c in text.chars() {
        if let Some(f) = marsad_text::fold_char(c, marsad_text::Folding::MATCH) {
            out.push(if f == 'ة' { 'ه' } else { f });
        }
    }
    out
}

impl<'t> Layout<'t> {
    /// Builds the layout of the context's text.
    pub fn new(ctx: &'t TextContext<'_>) -> Layout<'t> {
        let chars = ctx.chars();
        let n = chars.len();
        let mut words = Vec::with_capacity(ctx.analysis.tokens.len());
        // One search of the whole text spares most texts a search of every token.
        let text_has_ef = ctx.text.as_bytes().contains(&0xEF);
        words.extend(
            ctx.analysis
                .tokens
                .iter()
                .filter(|t| {
                    matches!(
                        t.kind,
                        TokenKind::Word | TokenKind::Latin | TokenKind::Number
                    )
                })
                .filter(|t| t.span.start < t.span.end && t.span.end <= n)
                .map(|t| {
                    let folded = OnceCell::new();
                    let may_be_cue = if norm_gives_key(ctx, t, text_has_ef) {
                        // The cue shapes read ة as ه: `norm` answers for the key.
                        let norm = t.norm.as_str();
                        let conj_first = norm.starts_with(['و', 'ف'])
                            || (!t.clitics.is_empty()
                                && matches!(t.first_segment().as_bytes(), [0xD9, 0x88 | 0x81]));
                        super::cue_shape_known(norm, conj_first)
                    } else {
                        let f = Folded::new(fold_inline(ctx.slice(t.span)), t);
                        let known = super::cue_shape_known(&f.key, f.conj_chars > 0);
                        let _ = folded.set(f);
                        known
                    };
                    Word {
                        span: t.span,
                        token: t,
                        folded,
                        may_be_cue,
                    }
                }),
        );
        // One pass over the characters: line breaks and the characters that may be
        // quote marks (few in most texts).
        let mut breaks = Vec::new();
        let mut candidates = Vec::new();
        // Read on the bytes, 32 at a time: only a chunk holding a byte that may start a
        // line break or a mark is looked at closely (Arabic letters never are).
        let bytes = ctx.text.as_bytes();
        for (ci, chunk) in bytes.chunks(32).enumerate() {
            if !chunk
                .iter()
                .fold(false, |a, &b| a | may_start_mark_or_break(b))
            {
                continue;
            }
            for (k, &b) in chunk.iter().enumerate() {
                if !may_start_mark_or_break(b) {
                    continue;
                }
                let i = ctx.byte_to_char(ci * 32 + k);
                match chars.get(i) {
                    Some('\n') => breaks.push(i),
                    Some(&c) if maybe_mark(c) => candidates.push(i),
                    _ => {}
                }
            }
        }
        breaks.push(n);
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for &i in &breaks {
            let mut s = start;
            let mut e = i;
            while s < e && chars[s].is_whitespace() {
                s += 1;
            }
            while e > s && chars[e - 1].is_whitespace() {
                e -= 1;
            }
            if s < e {
                paragraphs.push(Span::new(s, e));
            }
            start = i + 1;
        }
        let mut marks = Vec::new();
        for p in &paragraphs {
            let from = candidates.partition_point(|&k| k < p.start);
            let to = candidates.partition_point(|&k| k < p.end);
            pair_marks(chars, *p, &candidates[from..to], &mut marks);
        }
        let sentences = vec![std::cell::OnceCell::new(); paragraphs.len()];
        Layout {
            text: ctx.text,
            char_to_byte: &ctx.char_to_byte,
            chars,
            words,
            paragraphs,
            marks,
            sentences,
        }
    }

    /// The paragraph holding `pos`, or an empty span at `pos`.
    pub fn paragraph_of(&self, pos: usize) -> Span {
        let i = self.paragraphs.partition_point(|p| p.start <= pos);
        match i.checked_sub(1).map(|i| self.paragraphs[i]) {
            Some(p) if pos <= p.end => p,
            _ => Span::new(pos, pos),
        }
    }

    /// The mark pair opening at `pos`, if any.
    pub fn pair_at(&self, pos: usize) -> Option<MarkPair> {
        let i = self.marks.partition_point(|m| m.open < pos);
        self.marks.get(i).copied().filter(|m| m.open == pos)
    }

    /// True when `pos` lies strictly inside a pair of quote marks.
    pub fn inside_marks(&self, pos: usize) -> bool {
        let i = self.marks.partition_point(|m| m.open < pos);
        i > 0 && pos < self.marks[i - 1].close
    }

    /// The end of the sentence that holds `from` (exclusive, before the terminator), never
    /// past `limit`. Terminators inside paired quote marks do not count.
    pub fn sentence_end(&self, from: usize, limit: usize) -> usize {
        let para = self.paragraph_of(from);
        let limit = limit.min(para.end.max(from)).min(self.chars.len());
        let mut i = from;
        while i < limit {
            // Arabic letters and spaces (most of the text) neither end a sentence nor open
            // a pair of marks.
            while i < limit
                && (('\u{0620}'..='\u{06FF}').contains(&self.chars[i]) || self.chars[i] == ' ')
            {
                i += 1;
            }
            let Some(&c) = self.chars.get(i).filter(|_| i < limit) else {
                break;
            };
            // Pairs open only on quote marks.
            if let Some(m) = (maybe_mark(c) && is_mark(c))
                .then(|| self.pair_at(i))
                .flatten()
            {
                if m.closed && m.close < limit {
                    i = m.close + 1;
                    continue;
                }
            }
            if c == '\n' {
                return i;
            }
            if matches!(c, '.' | '!' | '?' | '؟') && self.is_terminator(i) {
                return i;
            }
            i += 1;
        }
        limit
    }

    /// The start of the sentence that holds `pos`.
    #[cfg(test)]
    pub fn sentence_start(&self, pos: usize) -> usize {
        self.sentence_bounds(pos).0
    }

    /// The start and end of the sentence that holds `pos`: [`Layout::sentence_start`], and
    /// [`Layout::sentence_end`] from there to the end of the paragraph of `pos`.
    pub fn sentence_bounds(&self, pos: usize) -> (usize, usize) {
        let i = self.paragraphs.partition_point(|p| p.start <= pos);
        let Some(pi) = i.checked_sub(1).filter(|&k| pos <= self.paragraphs[k].end) else {
            let s = self.sentence_start_scan(pos);
            return (s, self.sentence_end(s, self.paragraph_of(pos).end));
        };
        let para = self.paragraphs[pi];
        let chain = self.sentences[pi].get_or_init(|| self.sentence_chain(para));
        // Each link's end is `sentence_end(start, para.end)`.
        for &(s, e, next) in chain {
            if e >= pos || e >= para.end || next > pos || next >= para.end {
                return (s, e);
            }
        }
        // The chain ends on a sentence that reaches the paragraph end (returned above).
        chain.last().map_or_else(
            || (para.start, self.sentence_end(para.start, para.end)),
            |c| (c.0, c.1),
        )
    }

    /// The sentences of a paragraph, in order: (start, end, start of the next).
    fn sentence_chain(&self, para: Span) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut s = para.start;
        loop {
            let e = self.sentence_end(s, para.end);
            let mut next = e + 1;
            while next < para.end && (self.chars[next].is_whitespace() || is_mark(self.chars[next]))
            {
                next += 1;
            }
            out.push((s, e, next));
            if e >= para.end || next >= para.end {
                return out;
            }
            s = next;
        }
    }

    /// [`Layout::sentence_start`] by walking the sentences from the paragraph start.
    fn sentence_start_scan(&self, pos: usize) -> usize {
        let para = self.paragraph_of(pos);
        let mut s = para.start;
        loop {
            let e = self.sentence_end(s, para.end);
            if e >= pos || e >= para.end {
                return s;
            }
            let mut next = e + 1;
            while next < para.end && (self.chars[next].is_whitespace() || is_mark(self.chars[next]))
            {
                next += 1;
            }
            if next > pos || next >= para.end {
                return s;
            }
            s = next;
        }
    }

    fn is_terminator(&self, i: usize) -> bool {
        let c = self.chars[i];
        if c == '.' {
            // A run of dots does not end a sentence; nor does a decimal point.
            if i > 0 && self.chars[i - 1] == '.' {
                return false;
            }
            if self.chars.get(i + 1) == Some(&'.') {
                return false;
            }
        }
        match self.chars.get(i + 1) {
            None => true,
            Some(n) => {
                n.is_whitespace()
                    || is_mark(*n)
                    || matches!(n, ')' | '»' | '”')
                    // `سوريا.وقال`: a full stop glued to the next Arabic word, not a decimal.
                    || (c == '.'
                        && ('\u{0621}'..='\u{064A}').contains(n)
                        && i > 0
                        && !self.chars[i - 1].is_ascii_digit())
            }
        }
    }

    /// The text between two offsets, as characters.
    pub fn gap(&self, start: usize, end: usize) -> &[char] {
        let n = self.chars.len();
        let s = start.min(n);
        &self.chars[s..end.min(n).max(s)]
    }

    /// The original text of a span.
    pub fn text(&self, span: Span) -> String {
        // The bytes of the characters `gap` gives.
        let n = self.chars.len();
        let s = span.start.min(n);
        let e = span.end.min(n).max(s);
        match (self.char_to_byte.get(s), self.char_to_byte.get(e)) {
            (Some(&bs), Some(&be)) => self.text.get(bs..be).unwrap_or_default().to_string(),
            _ => self.gap(span.start, span.end).iter().collect(),
        }
    }

    /// Index of the first word starting at or after `pos`.
    pub fn word_at_or_after(&self, pos: usize) -> usize {
        self.words.partition_point(|w| w.span.start < pos)
    }

    /// Shrinks a span: whitespace, the given punctuation and dashes at both ends.
    pub fn trim(&self, mut span: Span, strip_marks: bool) -> Span {
        let n = self.chars.len();
        span.end = span.end.min(n);
        let junk = |c: char| {
            c.is_whitespace()
                || matches!(c, '.' | '،' | ',' | '؛' | ';' | ':' | '-' | '–' | '—' | 'ـ')
                || (strip_marks && is_mark(c))
        };
        while span.start < span.end && junk(self.chars[span.start]) {
            span.start += 1;
        }
        while span.end > span.start && junk(self.chars[span.end - 1]) {
            span.end -= 1;
        }
        span
    }
}

/// Pairs quote marks inside one paragraph: an opening mark takes the nearest closing mark
/// of its kind. An apostrophe counts only at a word edge. `candidates` are the offsets of
/// the paragraph's characters that may be marks ([`maybe_mark`]), in order.
fn pair_marks(chars: &[char], para: Span, candidates: &[usize], out: &mut Vec<MarkPair>) {
    let mut k = 0;
    while k < candidates.len() {
        let i = candidates[k];
        let c = chars[i];
        let closers = closer_for(c);
        let opens = !closers.is_empty()
            && match c {
                '\'' | '‘' | '”' | '»' => {
                    (i == para.start || !chars[i - 1].is_alphanumeric())
                        && chars.get(i + 1).is_some_and(|n| n.is_alphabetic())
                }
                _ => chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) || c == '«',
            };
        if !opens {
            k += 1;
            continue;
        }
        // Every closing mark is a candidate: look only at the candidates after `i`.
        let mut found = None;
        for (kj, &j) in candidates.iter().enumerate().skip(k + 1) {
            let d = chars[j];
            if closers.contains(&d) {
                let edge_ok = d != '\'' || chars.get(j + 1).is_none_or(|n| !n.is_alphabetic());
                if edge_ok && j > i + 1 {
                    found = Some((kj, j));
                    break;
                }
            }
        }
        match found {
            Some((kj, j)) => {
                out.push(MarkPair {
                    open: i,
                    close: j,
                    closed: true,
                });
                k = kj + 1;
            }
            None => {
                if c == '\'' || c == '‘' {
                    k += 1;
                    continue;
                }
                out.push(MarkPair {
                    open: i,
                    close: para.end,
                    closed: false,
                });
                k = candidates.len();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::fold;
    use super::*;

    #[test]
    fn marks_pair_within_a_paragraph() {
        let ctx = TextContext::new("قال: «نحن هنا» ثم \"هناك\"\nو«مفتوح بلا إغلاق", None);
        let l = Layout::new(&ctx);
        assert_eq!(l.marks.len(), 3);
        assert!(l.marks[0].closed && l.marks[1].closed);
        assert!(!l.marks[2].closed);
        assert_eq!(l.marks[2].close, l.paragraphs[1].end);
    }

    #[test]
    fn sentence_end_skips_quoted_full_stops() {
        let text = "قال: \"جملة أولى. جملة ثانية\". ثم شيء آخر.";
        let ctx = TextContext::new(text, None);
        let l = Layout::new(&ctx);
        let e = l.sentence_end(0, text.chars().count());
        assert_eq!(l.chars[e], '.');
        assert_eq!(l.chars[e - 1], '"');
    }

    #[test]
    fn sentence_start_matches_a_walk_from_the_paragraph_start() {
        let text = "جملة أولى. قال: \"نعم. لا\". ثالثة!\n\nفقرة ثانية؟ نعم.";
        let ctx = TextContext::new(text, None);
        let l = Layout::new(&ctx);
        for pos in 0..=text.chars().count() {
            assert_eq!(l.sentence_start(pos), l.sentence_start_scan(pos), "{pos}");
            let s = l.sentence_start_scan(pos);
            let end = l.sentence_end(s, l.paragraph_of(pos).end);
            assert_eq!(l.sentence_bounds(pos), (s, end), "{pos}");
        }
    }

    #[test]
    fn quick_mark_test_keeps_every_mark() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            if maybe_mark(c) || c == '\n' {
                let mut buf = [0u8; 4];
                let first = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(may_start_mark_or_break(first), "{c:?}");
            }
            if is_mark(c) || !closer_for(c).is_empty() {
                assert!(maybe_mark(c), "{c:?}");
            }
        }
        assert_eq!("و".as_bytes(), [0xD9, 0x88]);
        assert_eq!("ف".as_bytes(), [0xD9, 0x81]);
    }

    #[test]
    fn inline_folding_is_the_lexicon_folding() {
        for w in [
            "قالَت",
            "الحكومة",
            "Reuters",
            "2026",
            "ﻻ",
            "وزارة_الخارجية",
            "ـهذا",
        ] {
            assert_eq!(fold_inline(w), fold(w), "{w}");
        }
        // Words with ة (at the end, inside, twice, past 24 bytes) and other bytes A9
        // (the digit ٩, ©).
        let ctx = TextContext::new(
            "قالت الحكومة إن 12 وزيرا ةاة والمساعدةالإنسانيةالعاجلةالمقدمة ٩٩ حكومة© قمةالقمة",
            None,
        );
        let l = Layout::new(&ctx);
        assert!(l.words.len() >= 9);
        for (w, t) in l.words.iter().zip(ctx.analysis.tokens.iter().filter(|t| {
            matches!(
                t.kind,
                TokenKind::Word | TokenKind::Latin | TokenKind::Number
            )
        })) {
            assert_eq!(w.key(), fold(ctx.slice(t.span)), "{:?}", t.span);
            assert_eq!(key_of(&ctx, t), fold(ctx.slice(t.span)), "{:?}", t.span);
        }
    }

    #[test]
    fn the_text_wide_ef_test_agrees_with_the_token_test() {
        // With presentation forms (ﻻ, ﷲ) and without: told there may be an EF byte,
        // every token is looked at; told so only when the text has one, the same answer.
        for text in [
            "قالت الحكومة ﻻ إن ﷲ وزيرا Reuters 2026",
            "قالت الحكومة إن الوزير أكد",
            "ﻻﻻ قال",
        ] {
            let ctx = TextContext::new(text, None);
            let has_ef = ctx.text.as_bytes().contains(&0xEF);
            for t in &ctx.analysis.tokens {
                assert_eq!(
                    norm_gives_key(&ctx, t, has_ef),
                    norm_gives_key(&ctx, t, true),
                    "{text} {:?}",
                    t.span
                );
            }
        }
    }

    #[test]
    fn text_of_a_span_is_its_characters() {
        let text = "قال: «نحن هنا» ثم\nسطر";
        let ctx = TextContext::new(text, None);
        let l = Layout::new(&ctx);
        let n = text.chars().count();
        for s in 0..=n + 2 {
            for e in 0..=n + 2 {
                let want: String = l.gap(s, e).iter().collect();
                assert_eq!(l.text(Span::new(s, e)), want, "{s}..{e}");
            }
        }
    }

    #[test]
    fn apostrophe_inside_a_word_is_not_a_mark() {
        let ctx = TextContext::new("l'homme قال 'نعم' هنا", None);
        let l = Layout::new(&ctx);
        assert_eq!(l.marks.len(), 1);
    }
}
