//! A word-level view of the analysed text for event finding: each token folded, with
//! its possible proclitic splits, and the clause boundaries.

use std::borrow::Cow;
use std::cell::OnceCell;

use marsad_text::{fold_char, Folding, TokenKind};

use super::lexicon::{fold, fold_normalized};
use crate::entities::index::FastSet;
use crate::time::scan::strip_start;
use crate::TextContext;

/// One way to split proclitics off a folded word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// The proclitics removed (folded, e.g. `وب`), article not included.
    pub proclitics: &'static str,
    /// True when the article `ال` was also removed (it stays in a trigger span).
    pub article: bool,
    /// Byte offset in the folded word where the core (what is left) starts.
    pub core_at: usize,
}

impl Split {
    /// What is left of `folded` (the word this split was made from) after the split.
    pub fn core<'w>(&self, folded: &'w str) -> &'w str {
        folded.get(self.core_at..).unwrap_or("")
    }
}

/// The proclitic splits of one word (at most eight: with or without و/ف, with or
/// without one of ب ل ك س, with or without the article), packed inline: each split is
/// the index of its proclitics in the proclitic table (4 bits), the article (1 bit) and the
/// core offset (at most 8 bytes).
#[derive(Debug, Clone, Copy)]
pub struct Splits {
    packed: [u16; 8],
    len: u8,
}

impl Splits {
    /// No split at all (for tokens that are not words).
    pub fn empty() -> Splits {
        Splits {
            packed: [0; 8],
            len: 0,
        }
    }

    fn push(&mut self, procl: usize, article: bool, core_at: usize) {
        let len = usize::from(self.len);
        if len < self.packed.len() && procl < 16 && core_at < 1 << 11 {
            self.packed[len] = procl as u16 | u16::from(article) << 4 | (core_at as u16) << 5;
            self.len += 1;
        }
    }

    /// The splits, fewest characters removed first.
    pub fn iter(&self) -> impl Iterator<Item = Split> + '_ {
        self.packed[..usize::from(self.len).min(8)]
            .iter()
            .map(|&p| {
                let procl = usize::from(p & 15);
                Split {
                    proclitics: PROCLITICS[procl / 5][procl % 5],
                    article: p & 16 != 0,
                    core_at: usize::from(p >> 5),
                }
            })
    }

    /// The `i`-th split.
    pub fn get(&self, i: usize) -> Option<Split> {
        self.iter().nth(i)
    }
}

/// A token as the event finder sees it.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    /// First character of the token in the original text.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The token is an Arabic or Latin word (not a number or punctuation).
    pub is_word: bool,
    /// The token ends a clause (punctuation such as `،` `؛` `.` `:` quote marks).
    pub boundary: bool,
    /// Folded form of the whole token.
    pub folded: Cow<'a, str>,
    /// The proclitic splits, made on first use ([`Word::splits`]): the trigger scan needs
    /// them only for the few words that may hold a trigger form, the other steps only
    /// near a trigger.
    splits: OnceCell<Splits>,
    /// Sentence index.
    pub sentence: usize,
}

impl<'a> Word<'a> {
    /// A word of the text; its splits are made when first asked for.
    pub fn new(
        start: usize,
        end: usize,
        is_word: bool,
        boundary: bool,
        folded: Cow<'a, str>,
        sentence: usize,
    ) -> Word<'a> {
        Word {
            start,
            end,
            is_word,
            boundary,
            folded,
            splits: OnceCell::new(),
            sentence,
        }
    }

    /// Possible proclitic splits, fewest characters removed first (the first is the word
    /// itself); none for a token that is not a word.
    pub fn splits(&self) -> &Splits {
        self.splits.get_or_init(|| {
            if self.is_word {
                splits(&self.folded)
            } else {
                Splits::empty()
            }
        })
    }

    /// True when the word, or the word without some proclitics (and article), starts with `p`.
    pub fn starts_with(&self, p: &str) -> bool {
        self.splits()
            .iter()
            .any(|s| strip_start(self.core(&s), p).is_some())
            || strip_start(&self.folded, p).is_some()
    }

    /// True when the word, with or without proclitics and article, is exactly `w`.
    pub fn is(&self, w: &str) -> bool {
        // Every split leaves an end of the word, so a word that does not end with `w`
        // needs no splits.
        self.folded.ends_with(w)
            && (self.folded == w || self.splits().iter().any(|s| self.core(&s) == w))
    }

    /// True when the word is exactly `w` after removing only the conjunction و/ف.
    pub fn is_bare(&self, w: &str) -> bool {
        self.folded == w || self.without_conjunction() == Some(w)
    }

    /// The word without its leading conjunction و/ف (no other proclitic, no article
    /// removed), when that split exists. A word has at most one such split: the word
    /// after a first و or ف, when two characters are left (as [`splits`] makes it).
    pub fn without_conjunction(&self) -> Option<&str> {
        // و and ف are D9 88 and D9 81 in UTF-8.
        match self.folded.as_bytes() {
            [0xD9, 0x88 | 0x81, ..] => self.folded.get(2..).filter(|rest| two_chars(rest)),
            _ => None,
        }
    }

    /// The first of `list` that the word is after removing only the conjunction و/ف
    /// ([`Word::is_bare`] of each in turn).
    pub fn bare_one_of<'l>(&self, list: &[&'l str]) -> Option<&'l str> {
        let bare = self.without_conjunction();
        list.iter()
            .copied()
            .find(|&x| self.folded == x || bare == Some(x))
    }

    /// True when the word is one of `list` after removing only the conjunction و/ف
    /// ([`Word::is_bare`] for each word of the list, with one lookup per reading).
    pub fn is_bare_in(&self, list: &WordList) -> bool {
        list.contains(&self.folded)
            || self
                .without_conjunction()
                .is_some_and(|bare| list.contains(bare))
    }

    /// The proclitics of the shortest split whose core starts with `p`.
    pub fn proclitics_before(&self, p: &str) -> Option<Split> {
        self.splits()
            .iter()
            .find(|s| strip_start(self.core(s), p).is_some())
    }

    /// What is left of this word after a split (one of its [`Word::splits`]).
    pub fn core(&self, s: &Split) -> &str {
        s.core(&self.folded)
    }

    /// True when the word starts with the article (after the conjunction).
    pub fn definite(&self) -> bool {
        let f = self
            .folded
            .strip_prefix('و')
            .or_else(|| self.folded.strip_prefix('ف'))
            .unwrap_or(&self.folded);
        f.starts_with("ال") || f.starts_with("لل")
    }
}

/// A fixed set of folded function words (prepositions, relative pronouns…) that a word is
/// tested against with [`Word::is_bare_in`], with masks of the lengths, second bytes and
/// last bytes of the words: most words of a text are none of them, and three bit tests
/// tell so without hashing them.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    words: FastSet<&'static str>,
    /// Bit `n % 64` for a word of `n` bytes.
    lens: u64,
    /// Bit `b % 64` for a word whose second byte (the letter code of an Arabic first
    /// letter) is `b`, bit 0 for a word of one byte or none.
    seconds: u64,
    /// Bit `b % 64` for a word whose last byte is `b`, bit 0 for the empty word.
    lasts: u64,
}

impl WordList {
    /// The set of `words` (already folded).
    pub fn new(words: &[&'static str]) -> WordList {
        let mut list = WordList {
            words: words.iter().copied().collect(),
            ..WordList::default()
        };
        for w in words {
            let [l, s, e] = WordList::bits(w);
            list.lens |= l;
            list.seconds |= s;
            list.lasts |= e;
        }
        list
    }

    /// The length, second-byte and last-byte bits of `w`.
    #[inline]
    fn bits(w: &str) -> [u64; 3] {
        let b = w.as_bytes();
        let bit = |x: usize| 1u64 << (x % 64);
        [
            bit(b.len()),
            bit(b.get(1).map_or(0, |&x| usize::from(x))),
            bit(b.last().map_or(0, |&x| usize::from(x))),
        ]
    }

    /// True when `w` is one of the words.
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        let [l, s, e] = WordList::bits(w);
        self.lens & l != 0 && self.seconds & s != 0 && self.lasts & e != 0 && self.words.contains(w)
    }
}

/// The proclitic strings, by conjunction (none, و, ف) and preposition (none, ب, ل, ك, س).
const PROCLITICS: [[&str; 5]; 3] = [
    ["", "ب", "ل", "ك", "س"],
    ["و", "وب", "ول", "وك", "وس"],
    ["ف", "فب", "فل", "فك", "فس"],
];

/// True when the bytes of a word start with a proclitic letter (و ف ب ل ك س).
#[inline]
pub fn starts_with_proclitic(w: &[u8]) -> bool {
    // و ف ل ك are D9 88, D9 81, D9 84, D9 83 in UTF-8; ب س are D8 A8, D8 B3.
    matches!(
        w,
        [0xD9, 0x88 | 0x81 | 0x84 | 0x83, ..] | [0xD8, 0xA8 | 0xB3, ..]
    )
}

/// Every proclitic split of a folded word, fewest removed characters first.
pub fn splits(w: &str) -> Splits {
    // (sort key, proclitics index, article, core offset); the key is the characters
    // removed, the article counting two.
    // Without a proclitic letter first, the only splits are the word and its article
    // (what the general loop below gives for such a word, in the same order).
    if !starts_with_proclitic(w.as_bytes()) {
        let mut only = Splits::empty();
        if two_chars(w) {
            only.push(0, false, 0);
        }
        if let Some(rest) = strip_start(w, "ال") {
            if two_chars(rest) {
                only.push(0, true, w.len() - rest.len());
            }
        }
        return only;
    }
    // A word starts with at most one conjunction (و ف) and then at most one preposition
    // (ب ل ك س); the splits are made directly in the order of the characters removed
    // (the article counting two), as a sort of every combination would put them.
    let mut out = Splits::empty();
    let mut push = |procl: usize, article: bool, core_at: usize| {
        // A core of at least two characters.
        if w.get(core_at..).is_some_and(two_chars) {
            out.push(procl, article, core_at);
        }
    };
    let prep_of = |r: &str| {
        ["ب", "ل", "ك", "س"]
            .iter()
            .position(|p| strip_start(r, p).is_some())
            .map(|k| k + 1)
    };
    let conj = if strip_start(w, "و").is_some() {
        Some(1)
    } else if strip_start(w, "ف").is_some() {
        Some(2)
    } else {
        None
    };
    let two = 'ل'.len_utf8();
    push(0, false, 0);
    match conj {
        None => {
            // A preposition first.
            let Some(pi) = prep_of(w) else {
                return out;
            };
            push(pi, false, two);
            let rest = w.get(two..).unwrap_or("");
            if strip_start(rest, "ال").is_some() {
                push(pi, true, two + "ال".len());
            }
            // لل = lam + article with its alef dropped.
            if pi == 2 && strip_start(rest, "ل").is_some() {
                push(pi, true, two + two);
            }
        }
        Some(ci) => {
            let r1 = w.get(two..).unwrap_or("");
            let prep = prep_of(r1);
            push(ci * 5, false, two);
            if let Some(pi) = prep {
                push(ci * 5 + pi, false, two + two);
            }
            if strip_start(r1, "ال").is_some() {
                push(ci * 5, true, two + "ال".len());
            }
            if let Some(pi) = prep {
                let rest = w.get(two + two..).unwrap_or("");
                if strip_start(rest, "ال").is_some() {
                    push(ci * 5 + pi, true, two + two + "ال".len());
                }
                if pi == 2 && strip_start(rest, "ل").is_some() {
                    push(ci * 5 + pi, true, two + two + two);
                }
            }
        }
    }
    out
}

/// True when `s` has at least two characters (a character takes at most four bytes, so
/// five bytes always hold two).
fn two_chars(s: &str) -> bool {
    s.len() >= 5 || s.chars().nth(1).is_some()
}

/// Character offset inside `token_text` of the `n`-th character that survives folding.
pub fn original_offset(token_text: &str, n: usize) -> usize {
    let mut seen = 0;
    for (i, c) in token_text.chars().enumerate() {
        if fold_char(c, Folding::MATCH).is_some() {
            if seen == n {
                return i;
            }
            seen += 1;
        }
    }
    token_text.chars().count()
}

fn is_boundary_punct(s: &str) -> bool {
    s.chars().all(|c| {
        matches!(
            c,
            '،' | '؛'
                | ','
                | ';'
                | ':'
                | '.'
                | '؟'
                | '?'
                | '!'
                | '«'
                | '»'
                | '"'
                | '“'
                | '”'
                | '('
                | ')'
                | '['
                | ']'
                | '–'
                | '—'
                | '\''
        )
    }) && !s.is_empty()
}

/// Builds the word view of every token.
pub fn words<'a>(ctx: &'a TextContext<'_>) -> Vec<Word<'a>> {
    ctx.analysis
        .tokens
        .iter()
        .map(|t| {
            let is_word = matches!(t.kind, TokenKind::Word | TokenKind::Latin);
            // The token's `norm` is the matching folding of its text (the same text when
            // its byte range is the span's).
            let same_text = ctx.char_to_byte.get(t.span.start) == Some(&t.bytes.start)
                && ctx.char_to_byte.get(t.span.end) == Some(&t.bytes.end);
            let folded = match (is_word, same_text) {
                (false, _) => Cow::Borrowed(""),
                (true, true) => fold_normalized(&t.norm),
                (true, false) => Cow::Owned(fold(ctx.slice(t.span))),
            };
            let boundary = matches!(t.kind, TokenKind::Punct | TokenKind::Symbol)
                && is_boundary_punct(ctx.slice(t.span));
            Word::new(
                t.span.start,
                t.span.end,
                is_word,
                boundary,
                folded,
                t.sentence,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_cover_clitics_and_article() {
        let w = fold("وبالزيارة");
        let s = splits(&w);
        assert_eq!(s.get(0).map(|x| x.core(&w)), Some("وبالزيارة"));
        assert!(s
            .iter()
            .any(|x| x.core(&w) == "زيارة" && x.article && x.proclitics == "وب"));
        let w = fold("للمساهمة");
        let s = splits(&w);
        assert!(s
            .iter()
            .any(|x| x.core(&w) == "مساهمة" && x.proclitics == "ل"));
        // Words without a proclitic letter first take the short path.
        let w = fold("الزيارة");
        let s = splits(&w);
        assert_eq!(s.iter().count(), 2);
        assert_eq!(
            s.get(1).map(|x| (x.core(&w), x.article)),
            Some(("زيارة", true))
        );
        assert_eq!(splits("ا").iter().count(), 0);
    }

    /// The splits as first computed: every conjunction and preposition tried, then
    /// sorted by the characters removed.
    fn splits_reference(w: &str) -> Vec<(usize, bool, usize)> {
        let proclitic_first = matches!(w.chars().next(), Some('و' | 'ف' | 'ب' | 'ل' | 'ك' | 'س'));
        let mut out = Vec::new();
        let mut push = |key: usize, procl: usize, article: bool, core_at: usize| {
            if w[core_at..].chars().nth(1).is_some() {
                out.push((key + if article { 2 } else { 0 }, procl, article, core_at));
            }
        };
        for (ci, conj) in ["", "و", "ف"].into_iter().enumerate() {
            let Some(r1) = strip_start(w, conj) else {
                continue;
            };
            for (pi, prep) in ["", "ب", "ل", "ك", "س"].into_iter().enumerate() {
                if (ci > 0 || pi > 0) && !proclitic_first {
                    break;
                }
                let Some(rest) = strip_start(r1, prep) else {
                    continue;
                };
                let procl = ci * 5 + pi;
                let key = usize::from(ci > 0) + usize::from(pi > 0);
                let at = w.len() - rest.len();
                push(key, procl, false, at);
                if strip_start(rest, "ال").is_some() {
                    push(key, procl, true, at + "ال".len());
                }
                if pi == 2 && strip_start(rest, "ل").is_some() {
                    push(key, procl, true, at + 'ل'.len_utf8());
                }
            }
        }
        out.sort_by_key(|e| e.0);
        out.truncate(8);
        out.into_iter().map(|(_, p, a, c)| (p, a, c)).collect()
    }

    #[test]
    fn splits_are_the_reference_splits() {
        let heads = [
            "", "و", "ف", "ب", "ل", "ك", "س", "وب", "ول", "فك", "وس", "لل", "ولل", "فلل",
        ];
        let mids = ["", "ال", "ل", "ا"];
        let tails = ["", "ز", "زيارة", "ل", "لقاء"];
        for h in heads {
            for m in mids {
                for t in tails {
                    let w = format!("{h}{m}{t}");
                    let s = splits(&w);
                    let got: Vec<(usize, bool, usize)> = s
                        .iter()
                        .map(|x| {
                            let procl = PROCLITICS
                                .iter()
                                .flatten()
                                .position(|p| *p == x.proclitics)
                                .unwrap_or(99);
                            (procl, x.article, x.core_at)
                        })
                        .collect();
                    assert_eq!(got, splits_reference(&w), "{w}");
                }
            }
        }
    }

    /// The word tests that skip the splits agree with their definitions over the splits.
    #[test]
    fn word_tests_agree_with_the_splits() {
        let heads = [
            "", "و", "ف", "ب", "ل", "وب", "ول", "فك", "وس", "لل", "ولل", "فلل",
        ];
        let mids = ["", "ال", "ل", "ا", "و"];
        let tails = ["", "ز", "زيارة", "ل", "لقاء", "ي"];
        let mut words: Vec<String> = Vec::new();
        for h in heads {
            for m in mids {
                for t in tails {
                    words.push(format!("{h}{m}{t}"));
                }
            }
        }
        let probes: Vec<&str> = words.iter().map(String::as_str).take(120).collect();
        for (k, w) in words.iter().enumerate() {
            let word = Word::new(0, 1, true, false, Cow::Borrowed(w.as_str()), 0);
            let by_splits = splits(w)
                .iter()
                .find(|s| (s.proclitics == "و" || s.proclitics == "ف") && !s.article)
                .map(|s| s.core(w));
            assert_eq!(word.without_conjunction(), by_splits, "{w}");
            for p in probes.iter().skip(k % 5).step_by(5) {
                let is = *w == *p || splits(w).iter().any(|s| s.core(w) == *p);
                assert_eq!(word.is(p), is, "{w} {p}");
            }
        }
        let text = Word::new(0, 1, false, false, Cow::Borrowed(""), 0);
        assert_eq!(text.without_conjunction(), None);
    }

    /// The filtered lookup answers as the set alone, for the words of the list, their
    /// variants and other words.
    #[test]
    fn word_list_contains_exactly_its_words() {
        let words = ["من", "في", "الي", "التي", "بحسب", "ان"];
        let list = WordList::new(&words);
        let set: FastSet<&str> = words.iter().copied().collect();
        let heads = ["", "و", "ب", "ال"];
        let tails = ["", "ه", "ها", "ي"];
        for h in heads {
            for w in words.iter().chain(&["", "م", "زيارة", "فيما"]) {
                for t in tails {
                    let x = format!("{h}{w}{t}");
                    assert_eq!(list.contains(&x), set.contains(x.as_str()), "{x}");
                }
            }
        }
        assert!(!WordList::default().contains("من"));
    }

    #[test]
    fn two_chars_counts_characters() {
        for w in [
            "", "a", "ab", "abcde", "و", "وب", "𝕏", "𝕏a", "ﻻ", "ﻻﻻ", "abc", "ووو", "é", "éa",
        ] {
            assert_eq!(two_chars(w), w.chars().count() >= 2, "{w}");
        }
    }

    #[test]
    fn proclitic_letters_found_by_their_bytes() {
        for c in ('\u{0600}'..='\u{06FF}').chain(['a', '\u{0788}', '\u{1888}']) {
            let w = format!("{c}زيارة");
            let by_char = matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك' | 'س');
            // A word starting with a proclitic letter has a split without it.
            let split_off = splits(&w).iter().any(|s| s.core_at > 0 && !s.article);
            assert_eq!(split_off, by_char, "{c:?}");
        }
    }

    #[test]
    fn proclitic_start_read_from_the_bytes() {
        for c in ('\u{0600}'..='\u{06FF}').chain(['a', '\u{0788}', '\u{1888}', '\u{E888}']) {
            for rest in ["", "ز", "زيارة"] {
                let w = format!("{c}{rest}");
                let by_char = matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك' | 'س');
                assert_eq!(starts_with_proclitic(w.as_bytes()), by_char, "{c:?}");
            }
        }
        assert!(!starts_with_proclitic(b"") && !starts_with_proclitic(&[0xD9]));
    }

    #[test]
    fn offsets_skip_diacritics() {
        assert_eq!(original_offset("وَقّع", 1), 2);
        assert_eq!(original_offset("بطلب", 1), 1);
        assert_eq!(original_offset("ab", 5), 2);
    }
}
