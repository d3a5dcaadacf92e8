//! Event arguments: actor, target and location, read from the clause around a trigger.
//!
//! Noun phrases are runs of tokens after a position: title words and adjectives pass,
//! a nisba is remembered, a name (or title standing for a person) ends the phrase and
//! wins over the nisba (`الرئيس السوري أحمد الشرع` → the person). Prepositions, relative
//! pronouns, punctuation and a second conjunct stop it.

use super::lexicon::{Frame, Genitive, Pos, TriggerLexicon};
use super::words::{Word, WordList};
use super::{is_noun, is_verb, Found};
use crate::{Entity, EntityType, MentionKind, Quote};
use std::sync::LazyLock;

/// One mention with the tokens it covers.
#[derive(Debug, Clone)]
pub struct MentionAt {
    /// Index into `entities`.
    pub entity: usize,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Name, title, nisba, pronoun.
    pub kind: MentionKind,
    /// Entity type.
    pub etype: EntityType,
    /// First token covered.
    pub first: usize,
    /// Last token covered.
    pub last: usize,
}

/// All mentions, and the outermost mention at each token.
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    /// Every mention that covers at least one token.
    pub list: Vec<MentionAt>,
    /// For each token, the index in `list` of the longest mention that covers it, or
    /// [`Mentions::NONE`]: four bytes a token, filled without zeroing a larger table.
    longest: Vec<u32>,
}

impl Mentions {
    /// Indexes the mentions of `entities` over `words`.
    pub fn new(words: &[Word], entities: &[Entity]) -> Mentions {
        let mut list = Vec::with_capacity(entities.iter().map(|e| e.mentions.len()).sum());
        for (ei, e) in entities.iter().enumerate() {
            for m in &e.mentions {
                let first = words.partition_point(|w| w.end <= m.start);
                let mut last = first;
                while last + 1 < words.len() && words[last + 1].start < m.end {
                    last += 1;
                }
                if first >= words.len() || words[first].start >= m.end {
                    continue;
                }
                list.push(MentionAt {
                    entity: ei,
                    start: m.start,
                    end: m.end,
                    kind: m.kind,
                    etype: e.kind,
                    first,
                    last,
                });
            }
        }
        let mut longest: Vec<u32> = vec![Mentions::NONE; words.len()];
        for (mi, m) in list.iter().enumerate() {
            // More mentions than a u32 tells apart cannot come from one text.
            let Some(index) = u32::try_from(mi).ok().filter(|&i| i != Mentions::NONE) else {
                break;
            };
            for slot in longest.iter_mut().take(m.last + 1).skip(m.first) {
                let better = match *slot {
                    Mentions::NONE => true,
                    o => {
                        let o = &list[o as usize];
                        m.end - m.start > o.end - o.start
                    }
                };
                if better {
                    *slot = index;
                }
            }
        }
        Mentions { list, longest }
    }

    /// No mention covers the token.
    const NONE: u32 = u32::MAX;

    /// The longest mention that covers token `t` (an index into [`Mentions::list`]).
    #[inline]
    pub fn at(&self, t: usize) -> Option<usize> {
        match self.longest[t] {
            Mentions::NONE => None,
            m => Some(m as usize),
        }
    }
}

/// The arguments found for one event (indices into `entities`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Roles {
    /// Who acts.
    pub actor: Option<usize>,
    /// Who is acted on.
    pub target: Option<usize>,
    /// Where.
    pub location: Option<usize>,
}

const STOP: [&str; 52] = [
    "من",
    "في",
    "الي",
    "علي",
    "عن",
    "مع",
    "ضد",
    "بين",
    "خلال",
    "منذ",
    "حول",
    "عبر",
    "داخل",
    "قرب",
    "لدي",
    "عند",
    "نحو",
    "حتي",
    "بعد",
    "قبل",
    "ان",
    "لان",
    "التي",
    "الذي",
    "الذين",
    "اللذين",
    "اللتين",
    "كما",
    "او",
    "ثم",
    "حيث",
    "بينما",
    "فيما",
    "لكن",
    "لكي",
    "كي",
    "ما",
    "لا",
    "لم",
    "لن",
    "قد",
    "هو",
    "هي",
    "هم",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "دون",
    "ضمن",
    "وفق",
    "بحسب",
];

const CLAUSE_STOP: [&str; 12] = [
    "ان",
    "لان",
    "حيث",
    "بينما",
    "فيما",
    "لكن",
    "التي",
    "الذي",
    "الذين",
    "كما",
    "اذ",
    "لانه",
];

const RELATIVE: [&str; 5] = ["التي", "الذي", "الذين", "اللذين", "اللتين"];

static STOP_LIST: LazyLock<WordList> = LazyLock::new(|| WordList::new(&STOP));
static CLAUSE_STOP_LIST: LazyLock<WordList> = LazyLock::new(|| WordList::new(&CLAUSE_STOP));
static BACK_STOP_LIST: LazyLock<WordList> = LazyLock::new(|| WordList::new(&BACK_STOP));
static RELATIVE_LIST: LazyLock<WordList> = LazyLock::new(|| WordList::new(&RELATIVE));
static PREPOSITION_LIST: LazyLock<WordList> = LazyLock::new(|| WordList::new(&PREPOSITIONS));

/// The separate prepositions that open a prepositional phrase after a trigger, in the
/// order they are tried.
const PREPOSITIONS: [&str; 11] = [
    "من", "في", "الي", "علي", "عن", "مع", "ضد", "بين", "داخل", "لدي", "نحو",
];

/// The folded `بلاده` that every [`STATE_OF_SPEAKER`] word ends with, or holds right
/// before its last letter.
const BLADH: &[u8] = "بلاده".as_bytes();

/// Words that stand for the state of the person named before them.
const STATE_OF_SPEAKER: [&str; 3] = ["بلاده", "بلادها", "بلادهم"];

/// True when the word may be one of [`STATE_OF_SPEAKER`] after a split: each of them ends
/// the word, so the word ends with `بلاده` or holds it before its last letter (two bytes).
fn may_be_state_of_speaker(w: &Word) -> bool {
    let b = w.folded.as_bytes();
    b.ends_with(BLADH) || b[..b.len().saturating_sub(2)].ends_with(BLADH)
}

fn is_stop(w: &Word) -> bool {
    w.is_bare_in(&STOP_LIST)
}

fn is_party(t: EntityType) -> bool {
    matches!(t, EntityType::Person | EntityType::Org | EntityType::Gpe)
}

fn is_place(t: EntityType) -> bool {
    matches!(t, EntityType::Gpe | EntityType::Loc | EntityType::Fac)
}

/// True when token `t` carries a prepositional proclitic (ب ل ك) before its mention or
/// before the article.
fn has_prep_proclitic(words: &[Word], ms: &Mentions, t: usize) -> bool {
    let w = &words[t];
    if let Some(mi) = ms.at(t) {
        let m = &ms.list[mi];
        if m.first == t && m.start > w.start {
            let n = m.start - w.start;
            let pre: String = w.folded.chars().take(n).collect();
            return pre.contains(['ب', 'ل', 'ك']);
        }
    }
    let f = w
        .folded
        .strip_prefix('و')
        .or_else(|| w.folded.strip_prefix('ف'))
        .unwrap_or(&w.folded);
    f.starts_with("لل") || f.starts_with("بال") || f.starts_with("كال")
}

/// The proclitic preposition of token `t` (`ب`, `ل`), if any.
fn proclitic_prep(words: &[Word], ms: &Mentions, t: usize) -> Option<char> {
    if !has_prep_proclitic(words, ms, t) {
        return None;
    }
    let w = &words[t];
    let f = w
        .folded
        .strip_prefix('و')
        .or_else(|| w.folded.strip_prefix('ف'))
        .unwrap_or(&w.folded);
    f.chars().next().filter(|c| matches!(c, 'ب' | 'ل' | 'ك'))
}

/// A definite adjective that may stand between a noun and its nisba (`السياسي`,
/// `والعسكرية`, `السريع`): definite, and either nisba-shaped or short.
fn adjective_like(w: &Word) -> bool {
    let f = w.folded.strip_prefix('و').unwrap_or(&w.folded);
    let Some(core) = f.strip_prefix("ال") else {
        return false;
    };
    let n = core.chars().count();
    (n >= 4 && (core.ends_with('ي') || core.ends_with("ية"))) || (n == 4 && !core.ends_with('ة'))
}

/// Like [`has_prep_proclitic`], but also true for any word that starts with ب or ل
/// followed by at least three letters (`لوحدة`, `لسيطرة`).
fn loose_prep(words: &[Word], ms: &Mentions, t: usize) -> bool {
    if has_prep_proclitic(words, ms, t) {
        return true;
    }
    if ms.at(t).is_some() {
        return false;
    }
    let w = &words[t];
    let f = w
        .folded
        .strip_prefix('و')
        .or_else(|| w.folded.strip_prefix('ف'))
        .unwrap_or(&w.folded);
    (f.starts_with('ب') || f.starts_with('ل')) && f.chars().count() >= 4 && !f.starts_with("لا")
}

/// A second conjunct: `و` + a word of at least three letters (the only split that
/// removes just `و` is [`Word::without_conjunction`]), not `وال`.
fn conjunct(w: &Word) -> bool {
    w.folded.starts_with('و')
        && w.without_conjunction()
            .is_some_and(|rest| rest.chars().nth(2).is_some())
        && !w.folded.starts_with("وال")
}

/// The noun phrase starting at token `j`: the mention that names it and its last token.
pub fn np_after(words: &[Word], ms: &Mentions, j: usize) -> Option<(usize, usize)> {
    let s = words.get(j)?.sentence;
    let mut t = j;
    let mut fillers = 0;
    let mut nisba: Option<(usize, usize)> = None;
    while t < words.len() && words[t].sentence == s {
        let w = &words[t];
        if w.boundary || !w.is_word {
            break;
        }
        if t > j && (has_prep_proclitic(words, ms, t) || conjunct(w)) {
            break;
        }
        if ms.at(t).is_none() && is_stop(w) {
            break;
        }
        if let Some(mi) = ms.at(t) {
            let m = &ms.list[mi];
            if m.kind == MentionKind::Nisba {
                if nisba.is_none() {
                    nisba = Some((mi, m.last));
                }
                t = m.last.max(t) + 1;
                continue;
            }
            if m.first < j {
                t = m.last.max(t) + 1;
                continue;
            }
            if nisba.is_some() && m.etype != EntityType::Person {
                break;
            }
            return Some((mi, m.last));
        }
        fillers += 1;
        if fillers > 3 {
            break;
        }
        t += 1;
    }
    nisba
}

/// Words that end the backward search for a subject: a complementizer, a temporal
/// subordinator that opens another event, or a preposition that makes the trigger its object.
const BACK_STOP: [&str; 11] = [
    "ان",
    "انه",
    "انها",
    "مع",
    "بين",
    "عن",
    "عقب",
    "بعد",
    "قبل",
    "اثر",
    "عندما",
];

/// [`np_before`] without the stop words: the possessor of `دعمها` in
/// `أعربت فرنسا عن دعمها`.
fn np_before_any(
    words: &[Word],
    ms: &Mentions,
    entities: &[Entity],
    i: usize,
    max: usize,
) -> Option<usize> {
    np_before_inner(words, ms, entities, i, max, &[], false)
}

/// The nearest mention before token `i` in its sentence that is not inside a
/// place phrase (`في X`), looking back at most `max` tokens and not past another
/// trigger (`blockers`, token ranges) or a [`BACK_STOP`] word. `بلاده` stands for the
/// state of the person named before it.
pub fn np_before(
    words: &[Word],
    ms: &Mentions,
    entities: &[Entity],
    i: usize,
    max: usize,
    blockers: &[(usize, usize)],
) -> Option<usize> {
    np_before_inner(words, ms, entities, i, max, blockers, true)
}

fn np_before_inner(
    words: &[Word],
    ms: &Mentions,
    entities: &[Entity],
    i: usize,
    max: usize,
    blockers: &[(usize, usize)],
    stops: bool,
) -> Option<usize> {
    let s = words.get(i)?.sentence;
    let mut t = i;
    let mut n = 0;
    while t > 0 && n < max {
        t -= 1;
        if words[t].is_word {
            n += 1;
        }
        if words[t].sentence != s || blockers.iter().any(|&(a, b)| a <= t && t <= b) {
            break;
        }
        let Some(mi) = ms.at(t) else {
            let w = &words[t];
            if stops && w.is_bare_in(&BACK_STOP_LIST) {
                break;
            }
            if may_be_state_of_speaker(w) && STATE_OF_SPEAKER.iter().any(|x| w.is(x)) {
                let person = ms.list.iter().rev().find(|m| {
                    m.last < t && words[m.first].sentence == s && m.etype == EntityType::Person
                });
                if let Some(p) = person {
                    let state = speaker_state(ms, entities, p.entity);
                    if let Some(k) = ms.list.iter().position(|m| m.entity == state) {
                        return Some(k);
                    }
                }
            }
            continue;
        };
        let m = &ms.list[mi];
        t = m.first.min(t);
        if !is_party(m.etype) && m.kind != MentionKind::Nisba {
            continue;
        }
        let in_pp = has_prep_proclitic(words, ms, m.first)
            || (m.first > 0
                && ["في", "من", "الي", "علي", "عن", "داخل", "مع"]
                    .iter()
                    .any(|p| words[m.first - 1].is_bare(p)));
        if in_pp {
            continue;
        }
        return Some(mi);
    }
    None
}

/// Reads the arguments of every trigger, in text order (later events may take
/// arguments from earlier ones).
pub fn arguments(
    words: &[Word],
    ms: &Mentions,
    entities: &[Entity],
    quotes: &[Quote],
    found: &[Found],
    lex: &TriggerLexicon,
) -> Vec<Roles> {
    let mut out: Vec<Roles> = Vec::with_capacity(found.len());
    let other_state = main_state(entities);
    for (k, f) in found.iter().enumerate() {
        let r = roles_for(
            words,
            ms,
            entities,
            quotes,
            found,
            lex,
            k,
            &out,
            &other_state,
        );
        let _ = f;
        out.push(r);
    }
    out
}

/// The most mentioned country-like GPE of the text.
fn main_state(entities: &[Entity]) -> Vec<usize> {
    let mut v: Vec<(usize, usize)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityType::Gpe)
        .map(|(i, e)| (e.mentions.len(), i))
        .collect();
    v.sort_by(|a, b| b.cmp(a));
    v.into_iter().map(|(_, i)| i).collect()
}

/// The state a person speaks for: a nisba just before one of their mentions
/// (`الرئيس الروسي فلاديمير بوتين`), or the entity itself when it is a GPE.
fn speaker_state(ms: &Mentions, entities: &[Entity], speaker: usize) -> usize {
    if entities[speaker].kind == EntityType::Gpe {
        return speaker;
    }
    for m in ms.list.iter().filter(|m| m.entity == speaker) {
        if let Some(n) = ms.list.iter().find(|n| {
            n.kind == MentionKind::Nisba
                && n.end <= m.start
                && m.start - n.end <= 2
                && n.entity != speaker
        }) {
            return n.entity;
        }
    }
    speaker
}

#[allow(clippy::too_many_arguments)]
fn roles_for(
    words: &[Word],
    ms: &Mentions,
    entities: &[Entity],
    quotes: &[Quote],
    found: &[Found],
    lex: &TriggerLexicon,
    k: usize,
    prev: &[Roles],
    states: &[usize],
) -> Roles {
    let f = &found[k];
    let e = f.entry(lex);
    let ent = |mi: usize| ms.list[mi].entity;
    let etype = |mi: usize| ms.list[mi].etype;
    let mut r = Roles::default();
    let after = f.span_last + 1;
    let blockers: Vec<(usize, usize)> = Vec::new();
    let sentence = words[f.span_first].sentence;
    let core = words[f.first].core(&f.split);
    let form = &e.words[0];
    let suffix: String = if core.starts_with(form.as_str()) {
        core.chars().skip(form.chars().count()).collect()
    } else {
        String::new()
    };
    let quote = quotes
        .iter()
        .filter(|q| q.start <= f.start && f.end <= q.end)
        .min_by_key(|q| q.end - q.start);
    let first_person = match e.pos {
        Pos::VerbImperfect => core.starts_with('ن'),
        Pos::VerbPerfect => suffix.starts_with("نا"),
        _ => false,
    };
    let dual = match e.pos {
        Pos::VerbPerfect => suffix.starts_with('ا') || suffix.starts_with("تا"),
        Pos::VerbImperfect => core.ends_with("ان") || core.ends_with('ا'),
        Pos::VerbWord => form.ends_with("يا") || form.ends_with("تا"),
        _ => false,
    };
    let enclitic = is_noun(e)
        && e.pos == Pos::Noun
        && core.chars().count() > form.chars().count()
        && ["ه", "ها", "هم", "هما", "هن", "ك", "كم", "نا", "ي"]
            .iter()
            .any(|x| suffix.ends_with(x) && !suffix.starts_with('ا') && suffix != "ين");
    let prev_in_sentence = (0..k)
        .rev()
        .find(|&j| words[found[j].span_first].sentence == sentence && prev[j].actor.is_some());
    let mut pp_from = after;

    if is_verb(e) {
        let subj = np_after(words, ms, after);
        if e.frame == Frame::Host {
            if let Some((s, sl)) = subj {
                r.target = Some(ent(s));
                if let Some((o, ol)) = np_after(words, ms, sl + 1) {
                    r.actor = Some(ent(o));
                    pp_from = ol + 1;
                } else {
                    pp_from = sl + 1;
                }
            } else if let Some(b) = np_before(words, ms, entities, f.first, 10, &blockers) {
                r.target = Some(ent(b));
            }
        } else {
            let linked = f.split.proclitics.starts_with('و')
                || f.split.proclitics.starts_with('ف')
                || (f.first > 0
                    && ["حيث", "ثم", "كما"]
                        .iter()
                        .any(|x| words[f.first - 1].is_bare(x)));
            let pro_drop = match (subj, prev_in_sentence) {
                (Some((s, sl)), Some(p)) => {
                    linked
                        && prev[p].actor != Some(ent(s))
                        && matches!(etype(s), EntityType::Person)
                        && np_after(words, ms, sl + 1).is_none()
                        && prev[p]
                            .actor
                            .is_some_and(|a| entities[a].kind == EntityType::Person)
                }
                _ => false,
            };
            if pro_drop {
                if let (Some((s, sl)), Some(p)) = (subj, prev_in_sentence) {
                    r.actor = prev[p].actor;
                    r.target = Some(ent(s));
                    pp_from = sl + 1;
                }
            } else if let Some((s, sl)) = subj {
                r.actor = Some(ent(s));
                pp_from = sl + 1;
                if let Some((o, ol)) = np_after(words, ms, sl + 1) {
                    assign_object(&mut r, e.frame, ent(o), etype(o));
                    pp_from = ol + 1;
                }
            } else if first_person && quote.is_some() {
                if let Some(sp) = quote.and_then(|q| q.speaker.as_ref()) {
                    if let Some(si) = entities.iter().position(|x| &x.id == sp) {
                        r.actor = Some(speaker_state(ms, entities, si));
                    }
                }
            } else if dual {
                let both = |j: &usize| prev[*j].actor.is_some() && prev[*j].target.is_some();
                let people = |j: &usize| {
                    [prev[*j].actor, prev[*j].target]
                        .iter()
                        .all(|x| x.is_some_and(|i| entities[i].kind == EntityType::Person))
                };
                let same = (0..k)
                    .rev()
                    .filter(both)
                    .find(|j| found[*j].entry(lex).kind == e.kind && people(j))
                    .or_else(|| {
                        (0..k)
                            .rev()
                            .filter(both)
                            .find(|&j| found[j].entry(lex).kind == e.kind)
                    });
                if let Some(j) = same.or_else(|| (0..k).rev().find(both)) {
                    r.actor = prev[j].actor;
                    r.target = prev[j].target;
                }
            } else if let Some(b) = np_before(words, ms, entities, f.first, 10, &blockers) {
                r.actor = Some(ent(b));
            }
            if r.actor.is_none() && !first_person {
                if let Some(p) = prev_in_sentence {
                    r.actor = prev[p].actor;
                }
            }
        }
        // An object right after a verb with a dropped subject.
        if r.target.is_none() && subj.is_none() {
            if let Some((o, ol)) = np_after(words, ms, after) {
                assign_object(&mut r, e.frame, ent(o), etype(o));
                pp_from = ol + 1;
            }
        }
    } else {
        // The pronoun on a verbal noun is its subject (`زيارته`, `دعمها لـ`), except for
        // acts done to someone (`طرده`, `اعتقاله`), where it is the object.
        let possessor_acts =
            e.genitive == Genitive::Actor || matches!(e.kind.as_str(), "SUPPORT" | "AID");
        if enclitic {
            let possessor = np_before_any(words, ms, entities, f.first, 12).map(ent);
            if possessor_acts {
                r.actor = possessor.or_else(|| (0..k).rev().find_map(|j| prev[j].actor));
            } else {
                r.target = possessor;
            }
        }
        let after_is_pp = words
            .get(after)
            .is_some_and(|w| loose_prep(words, ms, after) || is_stop(w));
        if !after_is_pp {
            if let Some((g, gl)) = np_after(words, ms, after) {
                let m = &ms.list[g];
                let adjacent_nisba = m.kind == MentionKind::Nisba
                    && words[after..m.first]
                        .iter()
                        .all(|w| w.is_word && adjective_like(w));
                let consult = matches!(e.frame, Frame::Visit | Frame::Pair | Frame::Host);
                if adjacent_nisba && r.actor.is_none() && e.genitive != Genitive::Object {
                    r.actor = Some(ent(g));
                } else if consult && is_place(m.etype) && m.kind != MentionKind::Nisba {
                    // `مباحثات موسكو`, `زيارة روسيا`: the place of the talks, the host of the visit.
                    r.location = Some(ent(g));
                    if e.frame == Frame::Visit {
                        r.target = Some(ent(g));
                    }
                } else if m.kind == MentionKind::Nisba && !adjacent_nisba {
                    // A nisba further on qualifies another noun.
                } else if r.actor.is_none() && e.genitive == Genitive::Actor {
                    r.actor = Some(ent(g));
                } else if e.frame == Frame::Place && !is_party(m.etype) {
                    r.location = Some(ent(g));
                } else {
                    r.target = Some(ent(g));
                }
                pp_from = gl + 1;
            }
        }
    }

    prepositions(words, ms, found, f, pp_from, e, &mut r, lex);

    if r.actor.is_none() && is_noun(e) {
        if let Some(b) = np_before(words, ms, entities, f.first, 10, &blockers) {
            if Some(ent(b)) != r.target && Some(ent(b)) != r.location {
                r.actor = Some(ent(b));
            }
        }
    }
    // `زيادة التبادل ... ورفع مستوى التعاون`: a noun in the same sentence as an earlier
    // event, with no participant of its own, shares that event's participants.
    if r.actor.is_none() && r.target.is_none() && is_noun(e) {
        if let Some(p) = prev_in_sentence {
            if f.first.saturating_sub(found[p].last) <= 12 {
                r.actor = prev[p].actor;
                r.target = prev[p].target;
            }
        }
    }
    // Anaphora: `هذه الزيارة`, `المحادثات` take the last event of their type.
    if r.actor.is_none() && r.target.is_none() {
        let window = if e.kind == "CONSULT" { usize::MAX } else { 3 };
        let ok = |j: &usize, same_mode: bool| {
            let pe = found[*j].entry(lex);
            pe.kind == e.kind
                && (!same_mode || pe.mode == e.mode)
                && prev[*j].actor.is_some()
                && sentence - words[found[*j].span_first].sentence.min(sentence) <= window
        };
        let j = (0..k)
            .rev()
            .find(|j| ok(j, true))
            .or_else(|| (0..k).rev().find(|j| ok(j, false)));
        if let Some(j) = j {
            r.actor = prev[j].actor;
            r.target = prev[j].target;
        }
    } else if r.target.is_none() && matches!(e.frame, Frame::Visit | Frame::Pair | Frame::Host) {
        let ok = |j: &usize, same_mode: bool| {
            let pe = found[*j].entry(lex);
            pe.kind == e.kind
                && (!same_mode || pe.mode == e.mode)
                && prev[*j].actor == r.actor
                && prev[*j].target.is_some()
        };
        let j = (0..k)
            .rev()
            .find(|j| ok(j, true))
            .or_else(|| (0..k).rev().find(|j| ok(j, false)));
        if let Some(j) = j {
            r.target = prev[j].target;
        }
    }
    // `بطلب سوري`, `بطلب من دمشق`: the request is addressed to the actor of the event it explains.
    if e.kind == "REQUEST" && f.split.proclitics.contains('ب') {
        if let Some(p) = prev_in_sentence {
            if prev[p].actor != r.actor {
                r.target = prev[p].actor;
            }
        }
    }
    // First person inside a quote: "we" is the speaker's state, the other party the main state.
    if first_person && r.target.is_none() {
        r.target = states.iter().copied().find(|&s| Some(s) != r.actor);
    }
    if r.actor.is_some() && r.actor == r.target {
        r.target = None;
    }
    r
}

/// True when a trigger other than the one at character `start` has its first token at
/// `t`; a binary search when the triggers' first tokens rise (`firsts_rise`), else a scan.
fn other_trigger_at(found: &[Found], firsts_rise: bool, t: usize, start: usize) -> bool {
    let from = if firsts_rise {
        found.partition_point(|g| g.first < t)
    } else {
        0
    };
    found[from..]
        .iter()
        .take_while(|g| !firsts_rise || g.first == t)
        .any(|g| g.first == t && g.start != start)
}

fn assign_object(r: &mut Roles, frame: Frame, entity: usize, t: EntityType) {
    match frame {
        Frame::Place | Frame::Visit if is_place(t) && !matches!(t, EntityType::Gpe) => {
            if r.location.is_none() {
                r.location = Some(entity);
            }
        }
        Frame::Place if is_place(t) => {
            if r.location.is_none() {
                r.location = Some(entity);
            }
        }
        _ => {
            if r.target.is_none() && is_party(t) {
                r.target = Some(entity);
            } else if r.location.is_none() && is_place(t) {
                r.location = Some(entity);
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn prepositions(
    words: &[Word],
    ms: &Mentions,
    found: &[Found],
    f: &Found,
    from: usize,
    e: &super::lexicon::TriggerEntry,
    r: &mut Roles,
    _lex: &TriggerLexicon,
) {
    let s = words[f.span_first].sentence;
    // The triggers come in text order (the scan moves forward): then the one starting at
    // a token is found by a binary search.
    let firsts_rise = found.windows(2).all(|p| p[0].first <= p[1].first);
    let mut t = from;
    let mut seen = 0;
    let mut idle = 0;
    while t < words.len() && words[t].sentence == s && seen < 12 {
        let w = &words[t];
        if w.boundary {
            // `ضربة محتملة ضد إيران، سواء من قبل إسرائيل أو ...`: the either/or phrase
            // after a comma still belongs to the event.
            if words.get(t + 1).is_some_and(|n| n.is_bare("سواء")) {
                t += 2;
                continue;
            }
            break;
        }
        if other_trigger_at(found, firsts_rise, t, f.start) {
            break;
        }
        seen += 1;
        // `التي يجريها X`: the subject of a relative clause on the trigger.
        if w.is_bare_in(&RELATIVE_LIST) {
            if let Some(v) = super::next_word(words, t) {
                if ms.at(v).is_none() {
                    if let Some((m, ml)) = np_after(words, ms, v + 1) {
                        if r.actor.is_none() && is_party(ms.list[m].etype) {
                            r.actor = Some(ms.list[m].entity);
                        }
                        t = ml + 1;
                        continue;
                    }
                    t = v + 1;
                    continue;
                }
            }
            break;
        }
        if w.is_bare_in(&CLAUSE_STOP_LIST) {
            break;
        }
        let sep = if w.is_bare_in(&PREPOSITION_LIST) {
            w.bare_one_of(&PREPOSITIONS)
        } else {
            None
        };
        let (prep, np_start): (String, usize) = if let Some(p) = sep {
            if p == "من" && super::next_word(words, t).is_some_and(|n| words[n].is_bare("قبل"))
            {
                ("قبل".to_string(), t + 2)
            } else {
                (p.to_string(), t + 1)
            }
        } else if let Some(c) = proclitic_prep(words, ms, t) {
            (c.to_string(), t)
        } else if loose_prep(words, ms, t) {
            let c = w
                .folded
                .trim_start_matches(['و', 'ف'])
                .chars()
                .next()
                .unwrap_or('ب');
            (c.to_string(), t)
        } else {
            idle += 1;
            if idle > 4 {
                break;
            }
            t += 1;
            continue;
        };
        idle = 0;
        let Some((m, ml)) = np_after(words, ms, np_start) else {
            idle += 1;
            if idle > 4 {
                break;
            }
            t = np_start.max(t + 1);
            continue;
        };
        let id = ms.list[m].entity;
        let et = ms.list[m].etype;
        let place = is_place(et);
        let party = is_party(et);
        let set = |slot: &mut Option<usize>| {
            if slot.is_none() {
                *slot = Some(id);
            }
        };
        match prep.as_str() {
            "الي" => {
                if e.frame == Frame::Visit {
                    if party {
                        set(&mut r.target);
                    }
                    if place {
                        set(&mut r.location);
                    }
                } else if e.frame == Frame::Place && place {
                    set(&mut r.location);
                } else if party {
                    set(&mut r.target);
                }
            }
            "مع" if party && e.frame != Frame::Place => set(&mut r.target),
            "علي" | "ضد" => {
                if e.frame == Frame::Place && place {
                    set(&mut r.location);
                } else if party {
                    set(&mut r.target);
                } else if place {
                    set(&mut r.location);
                }
            }
            "ب" => {
                if place
                    && !matches!(et, EntityType::Person | EntityType::Org)
                    && e.kind != "ASSAULT"
                {
                    set(&mut r.location);
                } else if party
                    && matches!(
                        e.kind.as_str(),
                        "ASSAULT"
                            | "COERCE"
                            | "CONSULT"
                            | "ACCUSE"
                            | "SUPPORT"
                            | "THREATEN"
                            | "SANCTION"
                    )
                {
                    set(&mut r.target);
                }
            }
            "ل" => {
                if e.frame == Frame::Visit && place && et != EntityType::Person {
                    set(&mut r.target);
                    set(&mut r.location);
                } else if is_noun(e)
                    && e.genitive == Genitive::Actor
                    && r.actor.is_none()
                    && matches!(et, EntityType::Person | EntityType::Org)
                {
                    set(&mut r.actor);
                } else if party {
                    set(&mut r.target);
                }
            }
            "من" => {
                if e.frame == Frame::Request {
                    set(&mut r.actor);
                } else if place && matches!(e.frame, Frame::Place) {
                    set(&mut r.location);
                } else if e.kind == "REQUEST" && party {
                    set(&mut r.target);
                }
            }
            "قبل" => set(&mut r.actor),
            "عن" if e.kind == "CONCEDE" && party => set(&mut r.target),
            "في" | "داخل" if place => set(&mut r.location),
            "بين" => {
                let second = super::next_word(words, ml)
                    .and_then(|n| ms.at(n).filter(|_| words[n].folded.starts_with('و')));
                if let Some(m2) = second {
                    set(&mut r.actor);
                    let id2 = ms.list[m2].entity;
                    if r.target.is_none() && Some(id2) != r.actor {
                        r.target = Some(id2);
                    }
                    t = ms.list[m2].last + 1;
                    continue;
                }
            }
            _ => {}
        }
        t = ml + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn found_at(first: usize, start: usize) -> Found {
        Found {
            first,
            last: first,
            span_first: first,
            span_last: first,
            start,
            end: start + 1,
            entry: 0,
            split: super::super::words::splits("زيارة").get(0).unwrap_or(
                super::super::words::Split {
                    proclitics: "",
                    article: false,
                    core_at: 0,
                },
            ),
        }
    }

    /// The packed table answers as a table of options filled in mention order (the
    /// first of the longest mentions at a token wins), for nested, overlapping and
    /// equally long mentions and tokens that no mention covers.
    #[test]
    fn mentions_at_is_the_longest_first_mention() {
        let words: Vec<Word> = (0..12)
            .map(|k| Word::new(3 * k, 3 * k + 2, true, false, Cow::Borrowed(""), 0))
            .collect();
        let spans = [(0, 8), (3, 5), (9, 20), (12, 23), (30, 32), (31, 32)];
        let a = crate::Entity::for_test("per:a", EntityType::Person, true, &spans[..3]);
        let b = crate::Entity::for_test("gpe:b", EntityType::Gpe, true, &spans[3..]);
        let ms = Mentions::new(&words, &[a, b]);
        let mut plain: Vec<Option<usize>> = vec![None; words.len()];
        for (mi, m) in ms.list.iter().enumerate() {
            for slot in plain.iter_mut().take(m.last + 1).skip(m.first) {
                if slot.is_none_or(|o| m.end - m.start > ms.list[o].end - ms.list[o].start) {
                    *slot = Some(mi);
                }
            }
        }
        assert!(plain.iter().any(Option::is_none) && plain.iter().any(Option::is_some));
        for (t, want) in plain.iter().enumerate() {
            assert_eq!(ms.at(t), *want, "{t}");
        }
    }

    /// The binary search finds the same triggers as the scan, in rising and in mixed order.
    #[test]
    fn other_trigger_found_as_by_the_scan() {
        let rising: Vec<Found> = [(1, 10), (4, 40), (4, 41), (9, 90)]
            .iter()
            .map(|&(t, s)| found_at(t, s))
            .collect();
        let mixed: Vec<Found> = [(9, 90), (1, 10), (4, 40)]
            .iter()
            .map(|&(t, s)| found_at(t, s))
            .collect();
        for found in [&rising, &mixed] {
            let firsts_rise = found.windows(2).all(|p| p[0].first <= p[1].first);
            for t in 0..12 {
                for start in [10, 40, 41, 90, 5] {
                    let scan = found.iter().any(|g| g.first == t && g.start != start);
                    assert_eq!(
                        other_trigger_at(found, firsts_rise, t, start),
                        scan,
                        "{t} {start}"
                    );
                }
            }
        }
        assert!(!other_trigger_at(&[], true, 0, 0));
    }

    /// The cheap test never rejects a word that is one of the three after a split.
    #[test]
    fn state_of_speaker_test_keeps_every_reading() {
        let heads = ["", "و", "ف", "ب", "ل", "وب", "ال", "بال", "ولل"];
        let cores = ["بلاده", "بلادها", "بلادهم", "بلاد", "بلادي", "زيارة", "ه", ""];
        let mut kept = 0;
        for h in heads {
            for c in cores {
                let w = format!("{h}{c}");
                let word = Word::new(0, 1, true, false, Cow::Borrowed(w.as_str()), 0);
                let is = STATE_OF_SPEAKER.iter().any(|x| word.is(x));
                assert!(!is || may_be_state_of_speaker(&word), "{w}");
                kept += usize::from(may_be_state_of_speaker(&word));
            }
        }
        assert!(kept < heads.len() * 4, "{kept}");
    }

    #[test]
    fn conjunct_is_the_waw_split_of_three_letters() {
        for w in [
            "", "و", "وز", "وزي", "وزير", "فزير", "والي", "وال", "ولل", "وبال", "زير", "ووو",
        ] {
            let word = Word::new(0, 1, true, false, Cow::Borrowed(w), 0);
            let by_splits = super::super::words::splits(w)
                .iter()
                .any(|s| s.proclitics == "و" && !s.article && s.core(w).chars().count() >= 3)
                && !w.starts_with("وال");
            assert_eq!(conjunct(&word), by_splits, "{w}");
        }
    }
}
