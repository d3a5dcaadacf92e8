//! What the other occurrences of a word in the same text say about it.
//!
//! A name is often introduced once with a cue (`الباحث عمار جلو`, `مدينة القامشلي`)
//! and then repeated bare (`وقال جلو`). The tagger reads a window of five words, so the
//! bare repetition has no cue of its own. Each token gets an *echo*: a small bit set of
//! the cues that stood before the same word (its base, clitics removed) elsewhere in the
//! text. The echo is a context feature
//! (like a knowledge-base hit), computed per text when tagging and per document of
//! training sentences when training ([`set_document_echo`]).

use super::triggers::{GIVEN_NAME, ORG_TRIGGER, PERSON_TRIGGER, PLACE_TRIGGER, STOP_WORD};
use super::TokenHints;
use crate::entities::index::FastMap;
use marsad_text::{AnalyzedToken, TokenKind};

/// Another occurrence stands after a word that introduces persons (`الوزير`).
pub const AFTER_PERSON_TRIGGER: u8 = 1;
/// Another occurrence stands after a known given name (the word is a family name).
pub const AFTER_GIVEN_NAME: u8 = 2;
/// Another occurrence stands after a place class word (`مدينة`).
pub const AFTER_PLACE_TRIGGER: u8 = 4;
/// Another occurrence stands after a word that heads organisation names (`وكالة`).
pub const AFTER_ORG_TRIGGER: u8 = 8;

/// The cue bits that one occurrence gives its word: what stands before it.
fn cue(before: u8) -> u8 {
    let mut c = 0;
    if before & PERSON_TRIGGER != 0 {
        c |= AFTER_PERSON_TRIGGER;
    }
    if before & GIVEN_NAME != 0 && before & STOP_WORD == 0 {
        c |= AFTER_GIVEN_NAME;
    }
    if before & PLACE_TRIGGER != 0 {
        c |= AFTER_PLACE_TRIGGER;
    }
    if before & ORG_TRIGGER != 0 {
        c |= AFTER_ORG_TRIGGER;
    }
    c
}

/// Per word: how many of its occurrences carry each cue bit.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    cues: [u8; 4],
}

/// Reused tables of [`document_echo`].
#[derive(Debug, Default)]
pub(crate) struct EchoScratch {
    tally: FastMap<u64, Tally>,
    cues: Vec<u8>,
}

/// Fills `out` with the echo of each of `n` tokens: `word(k)` is the token's word key
/// ([`super::word_key`]) when it is a word that can be a name (`None` otherwise) and
/// `lexicon(k)` its word-list bits ([`super::triggers`]).
pub(crate) fn document_echo(
    n: usize,
    word: impl Fn(usize) -> Option<u64>,
    lexicon: impl Fn(usize) -> u8,
    scratch: &mut EchoScratch,
    out: &mut Vec<u8>,
) {
    let EchoScratch { tally, cues } = scratch;
    tally.clear();
    cues.clear();
    out.clear();
    let name_word = |k: usize| word(k).filter(|_| lexicon(k) & STOP_WORD == 0);
    for k in 0..n {
        let c = match name_word(k) {
            Some(key) => {
                let c = cue(if k > 0 { lexicon(k - 1) } else { 0 });
                if c != 0 {
                    let t = tally.entry(key).or_default();
                    for (b, count) in t.cues.iter_mut().enumerate() {
                        *count = count.saturating_add(c >> b & 1);
                    }
                }
                c
            }
            None => 0,
        };
        cues.push(c);
    }
    if tally.is_empty() {
        out.resize(n, 0);
        return;
    }
    out.extend((0..n).map(|k| {
        let Some(t) = name_word(k).and_then(|key| tally.get(&key)) else {
            return 0;
        };
        // The token's own cue is not an echo.
        let own = cues[k];
        let mut echo = 0;
        for (b, &count) in t.cues.iter().enumerate() {
            if count > own >> b & 1 {
                echo |= 1 << b;
            }
        }
        echo
    }));
}

/// The word key of a token that can be part of a name (a word), for [`document_echo`].
pub(crate) fn echo_word(t: &AnalyzedToken, key: u64) -> Option<u64> {
    (t.kind == TokenKind::Word).then_some(key)
}

/// Sets the echo of every token of training sentences, read over documents of
/// `per_doc` consecutive sentences (as texts are scored).
pub fn set_document_echo(examples: &mut [super::training::Example], per_doc: usize) {
    let mut scratch = EchoScratch::default();
    let mut echo = Vec::new();
    for doc in examples.chunks_mut(per_doc.max(1)) {
        let mut words = Vec::new();
        let mut lexicon = Vec::new();
        for (tokens, hints, _) in doc.iter() {
            for (k, t) in tokens.iter().enumerate() {
                words.push(echo_word(t, super::word_key(t)));
                // A sentence start has nothing before it.
                let h: Option<&TokenHints> = hints.get(k);
                lexicon.push(h.map_or(0, |h| h.lexicon));
            }
            lexicon.push(0);
            words.push(None);
        }
        document_echo(
            words.len(),
            |k| words[k],
            |k| lexicon[k],
            &mut scratch,
            &mut echo,
        );
        let mut at = 0;
        for (tokens, hints, _) in doc.iter_mut() {
            for (k, h) in hints.iter_mut().enumerate().take(tokens.len()) {
                h.echo = echo[at + k];
            }
            at += tokens.len() + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cue_before_one_occurrence_echoes_at_the_others() {
        // Words: A (after a person trigger), B, A, C, C.
        let words = [Some(1u64), Some(2), Some(1), Some(3), Some(3), None];
        // Token k's list bits are what stands before token k + 1.
        let lexicon = [PERSON_TRIGGER, 0, PLACE_TRIGGER, 0, 0, 0];
        let mut scratch = EchoScratch::default();
        let mut out = Vec::new();
        // Token 1 stands after a person trigger (token 0); token 3 after a place trigger.
        document_echo(6, |k| words[k], |k| lexicon[k], &mut scratch, &mut out);
        // Token 0 (A): the other A (token 2) stands after B, no cue.
        assert_eq!(out[0], 0);
        // Token 2 (A): the cue before token 0 is nothing.
        assert_eq!(out[2], 0);
        // Token 1 (B) occurs once, after a person trigger: its own cue is no echo.
        assert_eq!(out[1], 0);
        // Token 4 (C): the other C (token 3) stands after a place trigger (token 2).
        assert_eq!(out[4], AFTER_PLACE_TRIGGER);
        assert_eq!(out[3], 0);
        assert_eq!(out[5], 0);
    }
}
