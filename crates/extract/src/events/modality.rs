//! Negation and modality: cue words before or after a trigger inside its clause
//! (`data/lexicons/event_modality.tsv`), the future prefix سـ on a verb trigger and the
//! purpose lam on a noun trigger (`لتعزيز`).

use super::lexicon::{Effect, TriggerLexicon, MODALITY};
use super::words::Word;
use super::{is_noun, is_verb, Found};

fn looks_imperfect(w: &Word) -> bool {
    let f = w
        .folded
        .strip_prefix('و')
        .or_else(|| w.folded.strip_prefix('ف'))
        .unwrap_or(&w.folded);
    f.chars().count() >= 3 && f.starts_with(['ي', 'ت', 'ن', 'ا'])
}

/// `(negated, hypothetical)` for one trigger.
pub fn modality(words: &[Word], f: &Found, lex: &TriggerLexicon) -> (bool, bool) {
    let e = f.entry(lex);
    let mut negated = false;
    let mut hypothetical = false;
    if is_verb(e) && f.split.proclitics.ends_with('س') {
        hypothetical = true;
    }
    if is_noun(e) && f.split.proclitics.ends_with('ل') {
        hypothetical = true;
    }
    let s = words[f.span_first].sentence;
    // Words before, nearest first, inside the clause (at most 12 before and 4 after, in
    // arrays on the stack).
    let mut before = [0usize; 12];
    let mut n_before = 0;
    let mut j = f.first;
    while j > 0 && n_before < before.len() {
        j -= 1;
        let w = &words[j];
        if w.sentence != s || w.boundary {
            break;
        }
        if w.is_word {
            before[n_before] = j;
            n_before += 1;
        }
    }
    let mut after = [0usize; 4];
    let mut n_after = 0;
    let mut j = f.last;
    while j + 1 < words.len() && n_after < after.len() {
        j += 1;
        let w = &words[j];
        if w.sentence != s || w.boundary {
            break;
        }
        if w.is_word {
            after[n_after] = j;
            n_after += 1;
        }
    }
    // Each word near the trigger is looked up once; a cue counts when the word is within
    // its window on its side.
    for (side_before, list) in [(true, &before[..n_before]), (false, &after[..n_after])] {
        for (k, &j) in list.iter().enumerate() {
            let next_imperfect = || {
                words
                    .get(j + 1)
                    .is_some_and(|n| n.is_word && looks_imperfect(n))
            };
            MODALITY.for_each_match(&words[j], |cue| {
                if cue.before == side_before
                    && k < cue.window
                    && (!cue.needs_imperfect || next_imperfect())
                {
                    match cue.effect {
                        Effect::Negated => negated = true,
                        Effect::Hypothetical => hypothetical = true,
                    }
                }
            });
        }
    }
    (negated, hypothetical)
}
