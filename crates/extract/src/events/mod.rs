//! PLOVER events: trigger words from a lexicon (`data/lexicons/event_triggers.tsv`),
//! arguments (actor, target, location) read from the clause, date from the time
//! expressions, negation and modality from cue words (`event_modality.tsv`).
//!
//! The steps, in order:
//! 1. **Triggers.** Each token is folded ([`lexicon::fold`]) and every way of removing its
//!    proclitics (و ف ب ل ك س, the article) is looked up among the inflected forms of the
//!    lexicon (perfect and imperfect conjugations, nouns with possessive pronouns); a
//!    filter on the first three letters of the forms skips most words before their
//!    splits are made or hashed ([`lexicon::PrefixFilter`]). Phrases
//!    (`إعادة تموضع`, `[طلب] من`) and context conditions (`needs`) are checked; the trigger
//!    span keeps the article and enclitic pronouns, not the proclitics.
//! 2. **Not events.** A trigger inside a longer proper name (`مجلس التعاون`), an indefinite
//!    noun right after another trigger (`اتفاقيات تعاون`), a noun of the same type governed
//!    by a trigger verb (`وقّع ... اتفاقية`) and the second of a `و` doublet are dropped.
//! 3. **Arguments** ([`args`]): subject after the verb (VSO) or before it (SVO), the
//!    genitive or nisba after a noun, prepositional phrases for target and location,
//!    the possessor for `زيارته`, dropped subjects from the previous event, anaphoric
//!    nouns (`هذه الزيارة`) from the last event of their type.
//! 4. **Modality** ([`modality`]), **source quote**, **date**; then date and location are
//!    shared between events with the same type, actor and target; then the
//!    [`event_key`].

pub mod args;
pub mod lexicon;
pub mod modality;
pub mod words;

use crate::{Entity, Event, MentionKind, Quote, TextContext, Time, Trigger};
use lexicon::{Pos, TriggerEntry, TriggerLexicon, TRIGGERS};
use std::sync::LazyLock;
use words::{original_offset, Split, Word, WordList};

/// The 16 PLOVER event types, in the schema's order.
pub const TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// A trigger found in the text, before its arguments are read.
#[derive(Debug, Clone)]
pub struct Found {
    /// First token of the matched phrase (context words included).
    pub first: usize,
    /// Last token of the matched phrase.
    pub last: usize,
    /// First token of the trigger span.
    pub span_first: usize,
    /// Last token of the trigger span.
    pub span_last: usize,
    /// Trigger start (characters).
    pub start: usize,
    /// Trigger end (characters).
    pub end: usize,
    /// Row of the trigger lexicon.
    pub entry: usize,
    /// How the first word was split.
    pub split: Split,
}

impl Found {
    /// The lexicon row.
    pub fn entry<'l>(&self, lex: &'l TriggerLexicon) -> &'l TriggerEntry {
        &lex.entries[self.entry]
    }
}

/// Finds events with their actor, target, location and date.
pub fn find_events(
    ctx: &TextContext<'_>,
    entities: &[Entity],
    quotes: &[Quote],
    times: &[Time],
) -> Vec<Event> {
    find_events_with(ctx, entities, quotes, times, &TRIGGERS)
}

/// [`find_events`] with a given trigger lexicon.
pub fn find_events_with(
    ctx: &TextContext<'_>,
    entities: &[Entity],
    quotes: &[Quote],
    times: &[Time],
    lex: &TriggerLexicon,
) -> Vec<Event> {
    let words = words::words(ctx);
    let found = find_triggers(ctx, &words, lex);
    let found = drop_non_events(found, &words, entities, lex);
    // The mentions are read only for the arguments of a trigger.
    let mentions = if found.is_empty() {
        args::Mentions::default()
    } else {
        args::Mentions::new(&words, entities)
    };
    let roles = args::arguments(&words, &mentions, entities, quotes, &found, lex);
    let mut events: Vec<Event> = Vec::with_capacity(found.len());
    let time_words = if found.is_empty() {
        Vec::new()
    } else {
        time_words(&words, times)
    };
    for (f, r) in found.iter().zip(roles) {
        let e = f.entry(lex);
        let needs_args = e.needs.contains(&lexicon::Need::Arguments);
        if needs_args && r.actor.is_none() && r.target.is_none() && r.location.is_none() {
            continue;
        }
        let (negated, hypothetical) = modality::modality(&words, f, lex);
        let sentence = words[f.span_first].sentence;
        let source = quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.start <= f.start && f.end <= q.end)
            .min_by_key(|(_, q)| q.end - q.start)
            .map(|(i, _)| i);
        let date = date_for(&words, &found, f, times, &time_words);
        events.push(Event {
            kind: e.kind.clone(),
            mode: Some(e.mode.clone()),
            cameo: Some(e.cameo.clone()),
            actor: r.actor.map(|i| entities[i].id.clone()),
            target: r.target.map(|i| entities[i].id.clone()),
            location: r.location.map(|i| entities[i].id.clone()),
            date,
            negated,
            hypothetical,
            trigger: Trigger {
                start: f.start,
                end: f.end,
                text: ctx
                    .slice(marsad_text::Span::new(f.start, f.end))
                    .to_string(),
            },
            sentence,
            source,
            event_key: None,
        });
    }
    share_date_and_location(&mut events);
    for ev in &mut events {
        ev.event_key = Some(event_key(ev));
    }
    events
}

/// The cross-article identity of an event:
/// `TYPE|actor|target|day|location`, with `-` for a missing part. `day` is the date
/// cut to `YYYY-MM-DD` when it is that precise, else the TIMEX3 value as it is
/// (`2025-10`, `PAST_REF`). Example: `CONSULT|gpe:syria|gpe:russia|2026-01-28|gpe:moscow`.
pub fn event_key(ev: &Event) -> String {
    let day = ev.date.as_deref().map(|d| {
        let b = d.as_bytes();
        if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && d.is_char_boundary(10) {
            &d[..10]
        } else {
            d
        }
    });
    let parts = [
        Some(ev.kind.as_str()),
        ev.actor.as_deref(),
        ev.target.as_deref(),
        day,
        ev.location.as_deref(),
    ];
    let mut key = String::with_capacity(parts.iter().map(|p| p.map_or(1, str::len) + 1).sum());
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            key.push('|');
        }
        key.push_str(part.unwrap_or("-"));
    }
    key
}

/// Index of the next word token after `i` in the same sentence, if no clause boundary
/// comes first.
pub(crate) fn next_word(words: &[Word], i: usize) -> Option<usize> {
    let s = words.get(i)?.sentence;
    let j = i + 1;
    let w = words.get(j)?;
    (w.sentence == s && w.is_word).then_some(j)
}

fn token_text<'a>(ctx: &TextContext<'a>, w: &Word) -> &'a str {
    ctx.slice(marsad_text::Span::new(w.start, w.end))
}

/// Scans the text for lexicon triggers.
pub fn find_triggers(ctx: &TextContext<'_>, words: &[Word], lex: &TriggerLexicon) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !words[i].is_word {
            i += 1;
            continue;
        }
        match match_at(ctx, words, lex, i) {
            Some(f) => {
                i = f.span_last.max(i) + 1;
                out.push(f);
            }
            None => i += 1,
        }
    }
    out
}

fn strip_article(w: &str) -> &str {
    match w.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => w,
    }
}

fn match_at(
    ctx: &TextContext<'_>,
    words: &[Word],
    lex: &TriggerLexicon,
    i: usize,
) -> Option<Found> {
    let w = &words[i];
    // Most words have no reading in the lexicon: look that up before the blocked list,
    // and first ask the prefix filter about the word, before its splits are made.
    if !lex.may_hold_form(&w.folded) {
        return None;
    }
    // The splits before the first with a reading are skipped below as well.
    let first_read = w
        .splits()
        .iter()
        .position(|s| !lex.lookup(w.core(&s)).is_empty())?;
    let raw = lexicon::strip_marks(token_text(ctx, w));
    let raw_bare = raw.strip_prefix(['و', 'ف']).unwrap_or(&raw);
    if lex.is_blocked(&raw) || lex.is_blocked(raw_bare) {
        return None;
    }
    for split in w.splits().iter().skip(first_read) {
        let split = &split;
        let ids = lex.lookup(w.core(split));
        if ids.is_empty() {
            continue;
        }
        let mut best: Option<((usize, usize, usize), Found)> = None;
        let nominal = reads_as_noun(words, i, split);
        // The words of the entry being tried; one buffer for all the entries (most
        // candidates fail), rather than a new vector for each.
        let mut toks: Vec<usize> = Vec::with_capacity(4);
        for &id in ids {
            let e = &lex.entries[id];
            if e.pos.is_verb() && (split.article || split.proclitics.contains(['ب', 'ك'])) {
                continue;
            }
            if !e.pos.is_verb() && split.proclitics.contains('س') {
                continue;
            }
            toks.clear();
            toks.push(i);
            let mut ok = true;
            for lw in e.words.iter().skip(1) {
                let Some(j) = toks.last().and_then(|&t| next_word(words, t)) else {
                    ok = false;
                    break;
                };
                if !words[j].starts_with(strip_article(lw)) {
                    ok = false;
                    break;
                }
                toks.push(j);
            }
            if !ok || !needs_hold(words, e, &toks, split) {
                continue;
            }
            let (a, b) = e.span_words;
            let span_first = toks[a.min(toks.len() - 1)];
            let span_last = toks[b.saturating_sub(1).min(toks.len() - 1)];
            let sw = &words[span_first];
            let procl = if a == 0 {
                split.proclitics.chars().count()
            } else {
                sw.proclitics_before(strip_article(&e.words[a]))
                    .map(|s| s.proclitics.chars().count())
                    .unwrap_or(0)
            };
            let start = sw.start + original_offset(token_text(ctx, sw), procl);
            let found = Found {
                first: i,
                last: *toks.last().unwrap_or(&i),
                span_first,
                span_last,
                start: start.min(words[span_last].end),
                end: words[span_last].end,
                entry: id,
                split: *split,
            };
            let fits_pos = usize::from(e.pos.is_verb() != nominal);
            let score = (e.words.len(), usize::from(!e.needs.is_empty()), fits_pos);
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, found));
            }
        }
        if let Some((_, f)) = best {
            return Some(f);
        }
    }
    None
}

/// Words after which a verbal noun reads as a noun (prepositions, `بعد`, `عدم`).
const GOVERNORS: [&str; 16] = [
    "في", "من", "الي", "علي", "عن", "مع", "ضد", "عبر", "بعد", "قبل", "عقب", "اثر", "خلال", "منذ",
    "بدء", "عدم",
];

static GOVERNOR_LIST: LazyLock<WordList> = LazyLock::new(|| WordList::new(&GOVERNORS));

/// Whether a word that could be a verb or a verbal noun (`دعم`, `طرد`) reads as a noun:
/// it has the article or a preposition, follows a preposition, or is coordinated
/// right after a noun.
fn reads_as_noun(words: &[Word], i: usize, split: &Split) -> bool {
    if split.article || split.proclitics.contains(['ب', 'ل', 'ك']) {
        return true;
    }
    let sentence = words[i].sentence;
    let mut j = i;
    let mut crossed_punct = false;
    let prev = loop {
        if j == 0 {
            return false;
        }
        j -= 1;
        let w = &words[j];
        if w.sentence != sentence {
            return false;
        }
        if w.is_word {
            break w;
        }
        crossed_punct = true;
    };
    if !crossed_punct && prev.is_bare_in(&GOVERNOR_LIST) {
        return true;
    }
    // `... في تلك الجغرافيا، وطرد`: coordinated right after a definite noun.
    split.proclitics == "و" && prev.definite()
}

fn needs_hold(words: &[Word], e: &TriggerEntry, toks: &[usize], split: &Split) -> bool {
    use lexicon::Need;
    let first = toks[0];
    let last = *toks.last().unwrap_or(&first);
    let next = next_word(words, last).map(|j| &words[j]);
    // A value ending in `$` must be the whole word (`عن$` is not `عند`).
    let any = |w: &Word, list: &[String]| {
        list.iter().any(|p| match p.strip_suffix('$') {
            Some(exact) => w.is(exact),
            None => w.starts_with(p),
        })
    };
    let before = |n: usize| {
        let mut v = Vec::new();
        let mut j = first;
        while v.len() < n && j > 0 {
            j -= 1;
            let w = &words[j];
            if w.boundary || !w.is_word || w.sentence != words[first].sentence {
                break;
            }
            v.push(w);
        }
        v
    };
    e.needs.iter().all(|n| match n {
        Need::Next(l) => next.is_some_and(|w| any(w, l)),
        Need::NotNext(l) => !next.is_some_and(|w| any(w, l)),
        Need::Prev(l) => before(3).iter().any(|w| any(w, l)),
        Need::NotPrev(l) => !before(1).iter().any(|w| any(w, l)),
        Need::Near(l) => {
            let mut j = last;
            let mut k = 0;
            let s = words[last].sentence;
            while k < 6 {
                j += 1;
                match words.get(j) {
                    Some(w) if w.sentence == s => {
                        if w.is_word {
                            k += 1;
                            if any(w, l) {
                                return true;
                            }
                        }
                    }
                    _ => break,
                }
            }
            false
        }
        Need::Proclitic(l) => l.iter().any(|p| split.proclitics.contains(p.as_str())),
        Need::Arguments => true,
    })
}

/// Drops triggers that are not events: inside a longer name, absorbed into a
/// neighbouring trigger, or the second word of a doublet.
pub fn drop_non_events(
    found: Vec<Found>,
    words: &[Word],
    entities: &[Entity],
    lex: &TriggerLexicon,
) -> Vec<Found> {
    let mut keep: Vec<Found> = Vec::with_capacity(found.len());
    let mut last_seen: Option<Found> = None;
    let names = if found.is_empty() {
        NameSpans::default()
    } else {
        NameSpans::new(entities)
    };
    for f in found {
        let e = f.entry(lex);
        if names.covers_longer(f.start, f.end) {
            continue;
        }
        let bare = f.split.proclitics.is_empty() && !f.split.article;
        let noun = !e.pos.is_verb();
        if let Some(p) = last_seen.replace(f.clone()) {
            // `اتفاقيات تعاون`: an indefinite noun in إضافة after a trigger noun.
            if p.last + 1 == f.first && bare && !p.entry(lex).pos.is_verb() {
                continue;
            }
        }
        if let Some(p) = keep.last() {
            let pe = p.entry(lex);
            let same_sentence = words[p.last].sentence == words[f.first].sentence;
            let adjacent = p.last + 1 == f.first;
            // `دعم وتأييد`: a doublet of the same type and mode.
            if adjacent && f.split.proclitics == "و" && pe.kind == e.kind && pe.mode == e.mode {
                continue;
            }
            // `وقّع ... اتفاقيات`: the object noun of a trigger verb of the same type.
            if same_sentence
                && noun
                && pe.pos.is_verb()
                && pe.kind == e.kind
                && f.first > p.last
                && f.first - p.last <= 6
                && !words[p.last..f.first].iter().any(|w| w.boundary)
            {
                continue;
            }
        }
        keep.push(f);
    }
    keep
}

/// The character spans of the name mentions, sorted by start, to ask which of them hold a
/// trigger: only the names starting at most the longest name's length before the
/// trigger's end can reach past it, so each question reads a few of them.
#[derive(Debug, Clone, Default)]
struct NameSpans {
    /// `(start, end)` of every name mention, by start.
    spans: Vec<(usize, usize)>,
    /// The length of the longest of them.
    longest: usize,
}

impl NameSpans {
    /// The name mentions of `entities`.
    fn new(entities: &[Entity]) -> NameSpans {
        let mut spans: Vec<(usize, usize)> = entities
            .iter()
            .flat_map(|ent| &ent.mentions)
            .filter(|m| m.kind == MentionKind::Name)
            .map(|m| (m.start, m.end))
            .collect();
        spans.sort_unstable();
        let longest = spans
            .iter()
            .map(|&(s, e)| e.saturating_sub(s))
            .max()
            .unwrap_or(0);
        NameSpans { spans, longest }
    }

    /// True when a name starts at or before `start`, ends at or after `end` and is longer
    /// than `start..end`.
    fn covers_longer(&self, start: usize, end: usize) -> bool {
        let to = self.spans.partition_point(|&(s, _)| s <= start);
        self.spans[..to]
            .iter()
            .rev()
            .take_while(|&&(s, _)| s + self.longest >= end)
            .any(|&(s, e)| end <= e && e - s > end - start)
    }
}

/// Character span of the clause around token `i` (punctuation-bounded, inside the sentence).
pub(crate) fn clause_tokens(words: &[Word], i: usize) -> (usize, usize) {
    let s = words[i].sentence;
    let mut a = i;
    while a > 0 && words[a - 1].sentence == s && !words[a - 1].boundary {
        a -= 1;
    }
    let mut b = i;
    while b + 1 < words.len() && words[b + 1].sentence == s && !words[b + 1].boundary {
        b += 1;
    }
    (a, b)
}

/// For each time: the word it starts in, and the first word ending after its start.
fn time_words(words: &[Word], times: &[Time]) -> Vec<(Option<usize>, Option<usize>)> {
    // Tokens come in text order without overlap, so starts and ends both rise and each
    // search is a binary search; a scan of every word per time is the fallback.
    let in_order = words
        .windows(2)
        .all(|p| p[0].start <= p[1].start && p[0].end <= p[1].end);
    times
        .iter()
        .map(|t| {
            if in_order {
                time_word_sorted(words, t.start)
            } else {
                time_word_scan(words, t.start)
            }
        })
        .collect()
}

/// For a character `at`: the first word that holds it (a word of no characters holds its
/// own start), and the first word ending after it; a scan of every word.
fn time_word_scan(words: &[Word], at: usize) -> (Option<usize>, Option<usize>) {
    let inside = words
        .iter()
        .position(|w| w.start <= at && at < w.end.max(w.start + 1));
    let after = words.iter().position(|w| w.end > at);
    (inside, after)
}

/// [`time_word_scan`] for words whose starts and ends both rise: the words holding `at`
/// by their ends form a tail, those starting at or before it a head, so both answers are
/// binary searches.
fn time_word_sorted(words: &[Word], at: usize) -> (Option<usize>, Option<usize>) {
    // `end.max(start + 1)` rises with `start` and `end`.
    let first_reaching = words.partition_point(|w| w.end.max(w.start + 1) <= at);
    let starting_by = words.partition_point(|w| w.start <= at);
    let inside = (first_reaching < starting_by).then_some(first_reaching);
    let after = words.partition_point(|w| w.end <= at);
    (inside, (after < words.len()).then_some(after))
}

fn date_for(
    words: &[Word],
    found: &[Found],
    f: &Found,
    times: &[Time],
    time_words: &[(Option<usize>, Option<usize>)],
) -> Option<String> {
    let (a, b) = clause_tokens(words, f.span_first);
    let (cs, ce) = (words[a].start, words[b].end);
    let near = |t: &Time| t.start.abs_diff(f.start).min(t.end.abs_diff(f.end));
    if let Some(t) = times
        .iter()
        .filter(|t| t.start >= cs && t.end <= ce)
        .min_by_key(|t| near(t))
    {
        return Some(t.value.clone());
    }
    // A time elsewhere in the sentence, when its clause holds no other trigger.
    let s = words[f.span_first].sentence;
    times
        .iter()
        .zip(time_words)
        .filter(|(_, (inside, _))| inside.is_some_and(|i| words[i].sentence == s))
        .filter(|(_, (_, after))| {
            let Some(ti) = *after else {
                return false;
            };
            let (ta, tb) = clause_tokens(words, ti);
            !found
                .iter()
                .any(|g| g.span_first >= ta && g.span_first <= tb && g.start != f.start)
        })
        .map(|(t, _)| t)
        .min_by_key(|t| near(t))
        .map(|t| t.value.clone())
}

/// Copies a missing date or location from the nearest event with the same type, actor
/// and target (the text often dates an event once and refers to it again later).
fn share_date_and_location(events: &mut [Event]) {
    let n = events.len();
    for i in 0..n {
        if events[i].actor.is_none() && events[i].target.is_none() {
            continue;
        }
        let same = |j: usize| {
            j != i
                && events[j].kind == events[i].kind
                && events[j].actor == events[i].actor
                && events[j].target == events[i].target
        };
        let mut order: Vec<usize> = (0..n).filter(|&j| same(j)).collect();
        order.sort_by_key(|&j| j.abs_diff(i));
        if events[i].date.is_none() {
            if let Some(d) = order.iter().find_map(|&j| events[j].date.clone()) {
                events[i].date = Some(d);
            }
        }
        if events[i].location.is_none() {
            if let Some(l) = order.iter().find_map(|&j| events[j].location.clone()) {
                events[i].location = Some(l);
            }
        }
    }
}

/// True when a lexicon row's first word inflects as a verb.
pub(crate) fn is_verb(e: &TriggerEntry) -> bool {
    e.pos.is_verb()
}

/// True when the row is a noun-like trigger.
pub(crate) fn is_noun(e: &TriggerEntry) -> bool {
    matches!(e.pos, Pos::Noun | Pos::Word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn word(start: usize, end: usize) -> Word<'static> {
        Word::new(start, end, true, false, Cow::Borrowed(""), 0)
    }

    /// The sorted name spans answer as the scan of every name mention, for names that
    /// overlap, nest, share starts, and mentions of other kinds (which never count).
    #[test]
    fn name_spans_agree_with_the_scan_of_every_mention() {
        let spans = [(0, 4), (2, 9), (2, 5), (7, 8), (10, 30), (12, 14), (31, 31)];
        let mut people = crate::Entity::for_test("per:a", crate::EntityType::Person, true, &spans);
        people.mentions[3].kind = MentionKind::Title;
        let other = crate::Entity::for_test("gpe:b", crate::EntityType::Gpe, true, &[(20, 23)]);
        let entities = [people, other];
        let names = NameSpans::new(&entities);
        for start in 0..34 {
            for end in start..34 {
                let scan = entities.iter().any(|ent| {
                    ent.mentions.iter().any(|m| {
                        m.kind == MentionKind::Name
                            && m.start <= start
                            && end <= m.end
                            && m.end - m.start > end - start
                    })
                });
                assert_eq!(names.covers_longer(start, end), scan, "{start}..{end}");
            }
        }
        assert!(!NameSpans::default().covers_longer(0, 0));
    }

    /// The binary searches agree with the scan on runs of words with gaps, words of no
    /// characters and characters before, between and after them.
    #[test]
    fn time_word_searches_agree_with_the_scan() {
        let layouts: Vec<Vec<(usize, usize)>> = vec![
            vec![],
            vec![(0, 3)],
            vec![(0, 3), (4, 7), (7, 9), (12, 15)],
            vec![(2, 2), (2, 5), (5, 5), (6, 6), (6, 8)],
            vec![(1, 1), (3, 4), (4, 4), (4, 6), (9, 9)],
        ];
        for layout in layouts {
            let words: Vec<Word> = layout.iter().map(|&(s, e)| word(s, e)).collect();
            for at in 0..18 {
                assert_eq!(
                    time_word_sorted(&words, at),
                    time_word_scan(&words, at),
                    "{layout:?} at {at}"
                );
            }
        }
    }
}
