//! Speaker phrases: finding the words that name who speaks, and the entity they name.

use super::layout::{is_mark, Layout};
use super::lexicon::{CueClass, SpeakerWord, LEXICONS};
use crate::{Entity, EntityType, MentionKind};
use marsad_text::Span;

/// One entity mention, flattened for look-ups by position.
#[derive(Debug, Clone, Copy)]
pub struct MentionRef {
    /// The mention's span.
    pub span: Span,
    /// Index of the entity in the entity list.
    pub entity: usize,
    /// The entity's type.
    pub kind: EntityType,
    /// How the mention names the entity.
    pub mention_kind: MentionKind,
}

/// A phrase naming a speaker.
#[derive(Debug, Clone)]
pub struct SpeakerPhrase {
    /// First word index.
    pub first: usize,
    /// One past the last word index.
    pub end: usize,
    /// The span of the naming words.
    pub span: Span,
    /// The entity it names, if any.
    pub entity: Option<usize>,
    /// True when the phrase is an unnamed source (`مسؤول سوري`, `مصادر`).
    pub unnamed: bool,
    /// True when the phrase holds an entity mention, a title or an unnamed-source head,
    /// i.e. it certainly names a speaker; false for unknown words.
    pub anchored: bool,
}

/// Complementizers (folded): the content starts after them.
pub fn is_complementizer(key: &str) -> bool {
    matches!(
        key,
        "ان" | "انه" | "انها" | "انهم" | "انهن" | "بان" | "بانه" | "بانها" | "بانهم"
    )
}

/// Prepositions that may stand between a cue and its complementizer (`إلى أن`).
pub fn is_comp_preposition(key: &str) -> bool {
    COMP_PREPOSITIONS.contains(&key)
}

/// See [`is_comp_preposition`] (folded as word keys are: `الي` is إلى).
pub(crate) const COMP_PREPOSITIONS: &[&str] = &["الي", "علي", "في", "من", "عن"];

/// A demonstrative pronoun (folded: `هذا`, `تلك`), with a conjunction before it or not.
pub fn is_demonstrative(key: &str) -> bool {
    demonstrative(key.strip_prefix(['و', 'ف']).unwrap_or(key))
}

fn demonstrative(key: &str) -> bool {
    matches!(
        key,
        "هذه" | "هذا" | "تلك" | "ذلك" | "هذان" | "هاتان" | "هؤلاء" | "اولئك"
    )
}

/// Entity mentions and look-ups over them.
#[derive(Debug)]
pub struct Speakers<'e> {
    /// The document's entities.
    pub entities: &'e [Entity],
    /// Every mention, sorted by start.
    pub mentions: Vec<MentionRef>,
    /// For each mention, the largest end of the mentions up to it: the mentions that
    /// [`Speakers::overlapping`] need not look at come first.
    ends_so_far: Vec<usize>,
}

impl<'e> Speakers<'e> {
    /// Indexes the mentions of `entities`.
    pub fn new(entities: &'e [Entity]) -> Speakers<'e> {
        let mut mentions: Vec<MentionRef> = entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| {
                e.mentions.iter().map(move |m| MentionRef {
                    span: Span::new(m.start, m.end),
                    entity: i,
                    kind: e.kind,
                    mention_kind: m.kind,
                })
            })
            .filter(|m| m.span.start < m.span.end)
            .collect();
        mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
        let ends_so_far = mentions
            .iter()
            .scan(0, |end, m| {
                *end = m.span.end.max(*end);
                Some(*end)
            })
            .collect();
        Speakers {
            entities,
            mentions,
            ends_so_far,
        }
    }

    /// Mentions overlapping a span.
    pub fn overlapping(&self, span: Span) -> impl Iterator<Item = &MentionRef> {
        let hi = self.mentions.partition_point(|m| m.span.start < span.end);
        // The mentions before `lo` all end at or before the span starts.
        let lo = self.ends_so_far[..hi].partition_point(|&end| end <= span.start);
        self.mentions[lo..hi]
            .iter()
            .filter(move |m| m.span.overlaps(span))
    }

    /// The entity id of an entity index.
    pub fn id(&self, i: usize) -> Option<String> {
        self.entities.get(i).map(|e| e.id.clone())
    }

    fn kind_of(&self, i: usize) -> Option<EntityType> {
        self.entities.get(i).map(|e| e.kind)
    }

    /// The person or organisation whose name matches the folded words exactly (a mention
    /// elsewhere in the text, or the last word(s) of its Arabic name): the first person
    /// that matches, else the first organisation.
    ///
    /// Read off the entities at each call, folding as it compares and stopping at the
    /// first character that differs: a text asks a few times at most, and an index of
    /// every folded name cost more to build than all its look-ups.
    pub fn by_name(&self, key: &str) -> Option<usize> {
        if key.chars().count() < 2 {
            return None;
        }
        let mut any = None;
        for (i, e) in self.entities.iter().enumerate() {
            if !matches!(e.kind, EntityType::Person | EntityType::Org) {
                continue;
            }
            let named = folded_name_tail_is(&e.name_ar, key)
                || e.mentions
                    .iter()
                    .any(|m| m.kind == MentionKind::Name && folded_equals(&m.text, key));
            if !named {
                continue;
            }
            if e.kind == EntityType::Person {
                return Some(i);
            }
            any = any.or(Some(i));
        }
        any
    }

    /// The person last mentioned before `pos` whose id is not `except`.
    pub fn other_party(&self, pos: usize, except: Option<&str>) -> Option<usize> {
        self.mentions
            .iter()
            .filter(|m| m.span.end <= pos && m.kind == EntityType::Person)
            .filter(|m| Some(self.entities[m.entity].id.as_str()) != except)
            .max_by_key(|m| m.span.start)
            .map(|m| m.entity)
    }
}

/// The characters of [`super::lexicon::fold`]`(text)`, made one at a time.
fn folded_chars(text: &str) -> impl DoubleEndedIterator<Item = char> + '_ {
    text.chars()
        .filter_map(|c| marsad_text::fold_char(c, marsad_text::Folding::MATCH))
        .map(|c| if c == 'ة' { 'ه' } else { c })
}

/// `fold(text) == key`, without making the folded string.
fn folded_equals(text: &str, key: &str) -> bool {
    folded_chars(text).eq(key.chars())
}

/// `key` is `fold(name)` or the part of it after one of its spaces, compared from the
/// end without making the folded string.
fn folded_name_tail_is(name: &str, key: &str) -> bool {
    let mut name_rev = folded_chars(name).rev();
    key.chars().rev().all(|k| name_rev.next() == Some(k))
        && matches!(name_rev.next(), None | Some(' '))
}

/// Looks up a word in the speaker lexicon, also without a leading و/ف, ل or ب (لل → ال).
/// Evidence words (`الأرقام`) are no speaker words: see [`is_evidence`].
pub fn speaker_word(key: &str) -> Option<SpeakerWord> {
    speaker_or_evidence_word(key).filter(|c| *c != SpeakerWord::Evidence)
}

/// The word is evidence that speaks for no one (`الأرقام`, `والتوقعات`).
pub fn is_evidence(key: &str) -> bool {
    speaker_or_evidence_word(key) == Some(SpeakerWord::Evidence)
}

fn speaker_or_evidence_word(key: &str) -> Option<SpeakerWord> {
    let words = &LEXICONS.speaker_words;
    if let Some(c) = words.get(key) {
        return Some(*c);
    }
    let mut variants = Vec::new();
    let mut rest = key;
    for p in ["و", "ف"] {
        if let Some(r) = key.strip_prefix(p) {
            if r.chars().count() >= 2 {
                rest = r;
                variants.push(r.to_string());
            }
        }
    }
    if let Some(r) = rest.strip_prefix("لل") {
        variants.push(format!("ال{r}"));
    } else if let Some(r) = rest.strip_prefix('ل').or_else(|| rest.strip_prefix('ب')) {
        if r.chars().count() >= 2 {
            variants.push(r.to_string());
        }
    }
    variants
        .iter()
        .find_map(|v| words.get(v.as_str()))
        .copied()
        .filter(|c| *c != SpeakerWord::Stop)
}

/// The folded key is a reporting cue (looked up whole, then without و/ف).
pub fn is_cue_word(lay: &Layout, wi: usize) -> bool {
    let Some(w) = lay.words.get(wi).filter(|w| w.may_be_cue) else {
        return false;
    };
    LEXICONS.cues.contains_key(w.key())
        || (w.conj_chars() > 0
            && LEXICONS
                .cues
                .get(w.bare())
                .is_some_and(|c| c.class != CueClass::Source))
}

/// True when the gap between two offsets holds only whitespace and quote marks.
pub fn clean_gap(lay: &Layout, start: usize, end: usize) -> bool {
    lay.gap(start, end)
        .iter()
        .all(|c| c.is_whitespace() || is_mark(*c) || *c == 'ـ')
}

impl Speakers<'_> {
    fn mention_of_word(&self, lay: &Layout, wi: usize) -> Option<MentionRef> {
        let span = lay.words[wi].span;
        self.overlapping(span)
            .min_by_key(|m| match m.kind {
                EntityType::Person => 0,
                EntityType::Org => 1,
                _ => 2,
            })
            .copied()
    }

    pub(crate) fn word_is_stop(&self, lay: &Layout, wi: usize) -> bool {
        let w = &lay.words[wi];
        if self.mention_of_word(lay, wi).is_some() {
            return false;
        }
        LEXICONS.speaker_words.get(w.key()) == Some(&SpeakerWord::Stop)
            || LEXICONS.speaker_words.get(w.bare()) == Some(&SpeakerWord::Stop)
                && w.conj_chars() > 0
            || is_complementizer(w.key())
            || w.key().starts_with("لل")
            || w.key() == "ل"
    }

    /// Collects a speaker phrase starting at word `first`, before offset `stop`.
    /// `next_is_terminator` tells whether what follows a candidate end is a complementizer,
    /// colon or quote mark (unknown words are names only then).
    pub fn phrase_forward(
        &self,
        lay: &Layout,
        first: usize,
        stop: usize,
        terminator_after: &dyn Fn(usize) -> bool,
    ) -> Option<SpeakerPhrase> {
        let n = lay.words.len();
        // A person named within a few words ends the phrase (`الأمين العام للأمم المتحدة
        // أنطونيو غوتيريش`); prepositional words may stand between the title and the name.
        let mut wide = first;
        // `قائد الأمن الداخلي في محافظة درعا العميد شاهر عمران`: after a title, `في`
        // followed by a place or organisation (or a class word and one) stays in the
        // phrase, which may then run a little longer.
        let title_first =
            n > first && speaker_word(lay.words[first].key()) == Some(SpeakerWord::Title);
        let mut limit = 8;
        while wide < n && lay.words[wide].span.start < stop && wide - first < limit {
            if wide > first
                && !clean_gap(
                    lay,
                    lay.words[wide - 1].span.end,
                    lay.words[wide].span.start,
                )
            {
                break;
            }
            let w = &lay.words[wide];
            let bridge = title_first
                && wide > first
                && w.key() == "في"
                && (wide + 1..(wide + 3).min(n)).any(|k| self.mention_of_word(lay, k).is_some());
            if bridge {
                limit = 11;
            }
            let strict_stop = !bridge
                && self.mention_of_word(lay, wide).is_none()
                && (LEXICONS.speaker_words.get(w.key()) == Some(&SpeakerWord::Stop)
                    || is_complementizer(w.key()));
            if strict_stop || (wide > first && is_cue_word(lay, wide)) {
                break;
            }
            wide += 1;
        }
        if first >= n || is_cue_word(lay, first) {
            return None;
        }
        if let Some(cut) = self.apposed_name(lay, first, wide, stop) {
            let entity = (first..cut).rev().find_map(|w| {
                self.mention_of_word(lay, w)
                    .filter(|m| m.kind == EntityType::Person)
                    .map(|m| m.entity)
            });
            return Some(self.phrase(lay, first, cut, entity, false, true));
        }
        if speaker_word(lay.words[first].key()) != Some(SpeakerWord::Unnamed) {
            let persons: Vec<MentionRef> = (first..wide)
                .filter_map(|w| self.mention_of_word(lay, w))
                .filter(|m| m.kind == EntityType::Person)
                .collect();
            if let Some(&m) = persons.first() {
                let mut m = m;
                // `مستشارة أوباما لمكافحة الإرهاب ليزا موناكو`: a name governed by a title
                // is not the speaker when another name follows.
                let mw = lay.word_at_or_after(m.span.start);
                if mw > first && speaker_word(lay.words[mw - 1].key()) == Some(SpeakerWord::Title) {
                    if let Some(later) = persons.iter().find(|p| p.entity != m.entity) {
                        m = *later;
                    }
                }
                // `الناطقة باسم دي ميستورا جيسي شاهين`: a second name right after the first
                // is the speaker's own.
                // `وزير الصحة الدكتور خالد الفالح`: the same person's name after a title
                // that is itself a mention of them, honorifics between, ends the phrase too.
                loop {
                    let mut next = lay.word_at_or_after(m.span.end);
                    let mut gap_from = m.span.end;
                    while next < wide
                        && next < n
                        && self.mention_of_word(lay, next).is_none()
                        && speaker_word(lay.words[next].key()) == Some(SpeakerWord::Title)
                        && clean_gap(lay, gap_from, lay.words[next].span.start)
                    {
                        gap_from = lay.words[next].span.end;
                        next += 1;
                    }
                    let follow = (next < wide
                        && clean_gap(lay, gap_from, lay.words[next].span.start))
                    .then(|| self.mention_of_word(lay, next))
                    .flatten()
                    .filter(|n| {
                        n.kind == EntityType::Person
                            && (n.entity != m.entity || n.span.start >= m.span.end)
                    });
                    match follow {
                        Some(n) => m = n,
                        None => break,
                    }
                }
                // The phrase takes in the whole name, even past the word limit
                // (`رئيس الوزراء القطري محمد بن عبد الرحمن آل ثاني`, nine words).
                let cut = (first..n)
                    .find(|&w| lay.words[w].span.end >= m.span.end)
                    .map_or(wide, |w| w + 1);
                let cut = self.name_tail_end(lay, cut, stop).unwrap_or(cut);
                return Some(self.phrase(lay, first, cut, Some(m.entity), false, true));
            }
        }
        let mut end = first;
        while end < n && lay.words[end].span.start < stop && end - first < 8 {
            if end > first
                && !clean_gap(lay, lay.words[end - 1].span.end, lay.words[end].span.start)
            {
                break;
            }
            if self.word_is_stop(lay, end) || (end > first && is_cue_word(lay, end)) {
                break;
            }
            end += 1;
        }
        if end == first {
            return None;
        }
        let first_class = speaker_word(lay.words[first].key());
        let ms: Vec<MentionRef> = (first..end)
            .filter_map(|w| self.mention_of_word(lay, w))
            .collect();
        // A person named in the phrase: the phrase ends with that name.
        if let Some(m) = ms.iter().find(|m| m.kind == EntityType::Person) {
            let cut = (first..end)
                .find(|&w| lay.words[w].span.end >= m.span.end)
                .map_or(end, |w| w + 1);
            return Some(self.phrase(lay, first, cut, Some(m.entity), false, true));
        }
        if first_class != Some(SpeakerWord::Unnamed) {
            if let Some(m) = ms.iter().find(|m| {
                m.kind == EntityType::Org
                    && m.span.start < lay.words[(first + 3).min(end - 1)].span.end
            }) {
                let cut = (first..end)
                    .find(|&w| lay.words[w].span.end >= m.span.end)
                    .map_or(end, |w| w + 1);
                return Some(self.phrase(lay, first, cut, Some(m.entity), false, true));
            }
        }
        if first_class == Some(SpeakerWord::Unnamed) {
            // The head and up to two adjectives (`مصادر أمنية سورية`, `مصدرين دبلوماسيين`).
            let mut cut = first + 1;
            while cut < end
                && cut < first + 3
                && !matches!(
                    speaker_word(lay.words[cut].key()),
                    Some(SpeakerWord::Title | SpeakerWord::Stop)
                )
                && (self.mention_of_word(lay, cut).is_some()
                    || adjective_like(lay.words[cut].key()))
            {
                cut += 1;
            }
            // A name the phrase has entered runs to its end.
            if let Some(m) = self.mention_of_word(lay, cut - 1) {
                cut = cut.max(lay.word_at_or_after(m.span.end));
            }
            // `مصادر دبلوماسية بالجامعة العربية`, `مصادر في وزارة الخارجية`: the place or
            // body the sources belong to.
            let at = if lay.words.get(cut).is_some_and(|w| w.key() == "في") {
                cut + 1
            } else {
                cut
            };
            if let Some(m) = (at < n
                && lay.words[at].span.start < stop
                && (cut..=at)
                    .all(|k| clean_gap(lay, lay.words[k - 1].span.end, lay.words[k].span.start)))
            .then(|| self.mention_of_word(lay, at))
            .flatten()
            .filter(|m| m.kind != EntityType::Person && m.span.start >= lay.words[at].span.start)
            {
                cut = lay.word_at_or_after(m.span.end).max(at + 1);
            }
            return Some(self.phrase(lay, first, cut, None, true, true));
        }
        // Titles, nisbas and organisation names: the phrase runs while words are such.
        let mut cut = first;
        while cut < end
            && (speaker_word(lay.words[cut].key()).is_some()
                || self.mention_of_word(lay, cut).is_some())
        {
            cut += 1;
        }
        if cut > first {
            // Unknown words right after a title are a name when a terminator follows them.
            let mut name_end = cut;
            while name_end < end && name_end < cut + 3 {
                name_end += 1;
                if terminator_after(name_end) {
                    cut = name_end;
                    break;
                }
            }
            let org = ms
                .iter()
                .filter(|m| lay.words[cut - 1].span.end >= m.span.end)
                .find(|m| m.kind == EntityType::Org);
            let entity = org.map(|m| m.entity).or_else(|| {
                self.title_holder(lay, first, cut)
                    .or_else(|| self.by_name(&key_of(lay, first, cut)))
                    .or_else(|| {
                        (cut == first + 1)
                            .then(|| self.anaphor(lay, first))
                            .flatten()
                    })
                    .or_else(|| {
                        ms.iter()
                            .filter(|m| lay.words[cut - 1].span.end >= m.span.end)
                            .find(|m| self.kind_of(m.entity) == Some(EntityType::Gpe))
                            .map(|m| m.entity)
                    })
            });
            return Some(self.phrase(lay, first, cut, entity, false, true));
        }
        // Unknown words: a name only when a terminator follows at once.
        for cut in (first + 1..=end.min(first + 3)).rev() {
            if terminator_after(cut) {
                let key = key_of(lay, first, cut);
                let entity = self.by_name(&key).or_else(|| {
                    (cut == first + 1)
                        .then(|| self.anaphor(lay, first))
                        .flatten()
                });
                return Some(self.phrase(lay, first, cut, entity, false, entity.is_some()));
            }
        }
        None
    }

    /// A person named a few words after the cue and followed at once by the content:
    /// `مدير عام الهيئة، سالم القحطاني، أن` (a comma between title and name),
    /// `إمام وخطيب المسجد الحرام الشيخ عبدالرحمن السديس، أن` (a first word that is also a
    /// preposition). `في` and `لل`-words may stand in the title (`أكاديمية الحوار للتدريب`).
    /// Applies when no person is named in the phrase before the first
    /// punctuation (`wide`) and the first word is not an unnamed source (`مصدر`). Up to two
    /// words after the name may complete it (`عبدالله بن عبدالملك المرشد`). Returns the
    /// word index just past the name.
    fn apposed_name(&self, lay: &Layout, first: usize, wide: usize, stop: usize) -> Option<usize> {
        let words = &lay.words;
        if first >= words.len()
            || speaker_word(words[first].key()) == Some(SpeakerWord::Unnamed)
            || is_complementizer(words[first].key())
            || (first..wide.min(words.len())).any(|w| {
                self.mention_of_word(lay, w)
                    .is_some_and(|m| m.kind == EntityType::Person)
            })
        {
            return None;
        }
        let only_commas = |gap: &[char]| {
            gap.iter()
                .all(|c| c.is_whitespace() || matches!(c, '،' | ','))
        };
        let mut k = first;
        let m = loop {
            if k >= words.len() || k > first + 16 || words[k].span.start >= stop {
                return None;
            }
            if k > first && !only_commas(lay.gap(words[k - 1].span.end, words[k].span.start)) {
                return None;
            }
            if let Some(m) = self.mention_of_word(lay, k) {
                if m.kind == EntityType::Person && m.span.start == words[k].span.start {
                    break m;
                }
            } else if k > first
                && (is_complementizer(words[k].key())
                    || is_cue_word(lay, k)
                    || (self.word_is_stop(lay, k)
                        && words[k].key() != "في"
                        && !words[k].key().starts_with("لل")))
            {
                return None;
            }
            k += 1;
        };
        self.name_tail_end(lay, lay.word_at_or_after(m.span.end), stop)
    }

    /// Where a name that ends before word `cut` really ends when the content opens right
    /// after it (a complementizer, maybe after a comma; a colon; a quote mark): at `cut`, or
    /// up to two words on when those words complete the name (`سعيد بن علي الغامدي، أن`
    /// with only `سعيد بن علي` known). `None` when the content does not open there.
    fn name_tail_end(&self, lay: &Layout, mut cut: usize, stop: usize) -> Option<usize> {
        let words = &lay.words;
        let only_commas = |gap: &[char]| {
            gap.iter()
                .all(|c| c.is_whitespace() || matches!(c, '،' | ','))
        };
        for extra in 0..=2 {
            if cut == 0 || cut > words.len() {
                return None;
            }
            let prev_end = words[cut - 1].span.end;
            let gap_end = words.get(cut).map_or(stop, |w| w.span.start.min(stop));
            let gap = lay.gap(prev_end, gap_end.max(prev_end));
            if gap.iter().any(|c| *c == ':' || is_mark(*c)) {
                return Some(cut);
            }
            let next = words.get(cut).filter(|w| w.span.start < stop)?;
            if only_commas(gap) && is_complementizer(next.key()) {
                return Some(cut);
            }
            // An adverb between the name and the complementizer (`عبد الله واد فجأة أنه`).
            if super::ADVERBS.contains(&next.key())
                && words.get(cut + 1).is_some_and(|w| {
                    w.span.start < stop
                        && is_complementizer(w.key())
                        && only_commas(lay.gap(next.span.end, w.span.start))
                })
            {
                return Some(cut);
            }
            // `أحمد بن حلي نائب الأمين العام للجامعة، أنه`: a title in apposition after
            // the name, up to a comma and a complementizer.
            if extra == 0
                && gap.iter().all(|c| c.is_whitespace())
                && speaker_word(next.key()) == Some(SpeakerWord::Title)
            {
                return self.apposed_title_end(lay, cut, stop);
            }
            // A word that completes the name: no punctuation before it, no mention, no
            // function word.
            if extra == 2
                || !gap.iter().all(|c| c.is_whitespace())
                || self.mention_of_word(lay, cut).is_some()
                || self.word_is_stop(lay, cut)
                || is_cue_word(lay, cut)
                || speaker_word(next.key()).is_some()
                || super::ADVERBS.contains(&next.key())
            {
                return None;
            }
            cut += 1;
        }
        None
    }

    /// For a title that starts at word `from` after a name, the word index where it ends
    /// when a comma and a complementizer follow it within twelve words (no other person,
    /// cue or complementizer inside).
    fn apposed_title_end(&self, lay: &Layout, from: usize, stop: usize) -> Option<usize> {
        let words = &lay.words;
        let mut k = from + 1;
        while k < words.len() && k <= from + 12 && words[k].span.start < stop {
            let gap = lay.gap(words[k - 1].span.end, words[k].span.start);
            if gap.iter().any(|c| !c.is_whitespace()) {
                let comma_only = gap
                    .iter()
                    .all(|c| c.is_whitespace() || matches!(c, '،' | ','));
                return (comma_only && is_complementizer(words[k].key())).then_some(k);
            }
            if is_complementizer(words[k].key())
                || is_cue_word(lay, k)
                || self
                    .mention_of_word(lay, k)
                    .is_some_and(|m| m.kind == EntityType::Person)
            {
                return None;
            }
            k += 1;
        }
        None
    }

    /// True when unknown words at `first` look like a non-speaker subject (`الزيارة`,
    /// `هذه الزيارة`), or it is evidence (`الأرقام`), which makes the cue a figure of speech
    /// rather than a report.
    pub fn inanimate_subject(&self, lay: &Layout, first: usize) -> bool {
        let Some(w) = lay.words.get(first) else {
            return false;
        };
        if is_evidence(w.key()) {
            return true;
        }
        if self.mention_of_word(lay, first).is_some() || speaker_word(w.key()).is_some() {
            return false;
        }
        (w.key().starts_with("ال") || demonstrative(w.key())) && !self.word_is_stop(lay, first)
    }

    /// Collects a speaker phrase ending just before word `cue` (subject before the verb).
    pub fn phrase_backward(&self, lay: &Layout, cue: usize, floor: usize) -> Option<SpeakerPhrase> {
        let mut end = cue;
        if end > floor && lay.words[end - 1].key() == "قد" {
            end -= 1;
        }
        if end <= floor
            || !clean_gap(
                lay,
                lay.words[end - 1].span.end,
                lay.words[end.min(cue)].span.start,
            )
        {
            return None;
        }
        // An unnamed head with up to two adjectives: تقارير صحفية تحدثت.
        for back in 1..=3usize {
            let Some(h) = end.checked_sub(back) else {
                break;
            };
            if h < floor {
                break;
            }
            if speaker_word(lay.words[h].key()) == Some(SpeakerWord::Unnamed)
                && (h + 1..end).all(|w| {
                    !self.word_is_stop(lay, w)
                        && clean_gap(lay, lay.words[w - 1].span.end, lay.words[w].span.start)
                })
            {
                return Some(self.phrase(lay, h, end, None, true, true));
            }
        }
        let mut first = end;
        while first > floor && end - first < 8 {
            let w = first - 1;
            if !clean_gap(lay, lay.words[w].span.end, lay.words[w + 1].span.start) {
                break;
            }
            if self.mention_of_word(lay, w).is_none()
                && !matches!(speaker_word(lay.words[w].key()), Some(SpeakerWord::Title))
            {
                break;
            }
            first = w;
        }
        if first == end {
            return None;
        }
        let ms: Vec<MentionRef> = (first..end)
            .filter_map(|w| self.mention_of_word(lay, w))
            .collect();
        let entity = ms
            .iter()
            .rev()
            .find(|m| m.kind == EntityType::Person)
            .or_else(|| ms.iter().rev().find(|m| m.kind == EntityType::Org))
            .map(|m| m.entity)
            .or_else(|| self.title_holder(lay, first, end))
            .or_else(|| {
                // `الإعلام الفرنسي قد أشار`: a titled phrase with only a state's nisba.
                (speaker_word(lay.words[first].key()) == Some(SpeakerWord::Title))
                    .then(|| {
                        ms.iter()
                            .find(|m| m.kind == EntityType::Gpe)
                            .map(|m| m.entity)
                    })
                    .flatten()
            });
        entity.map(|e| self.phrase(lay, first, end, Some(e), false, true))
    }

    /// The entity a one-word definite anaphor stands for (`الوزير`, `المنظمة`): the last
    /// person or organisation before it whose name is preceded (within four words) or
    /// begun by the same noun (`وزير الطاقة العراقي حيان عبد الغني`, `منظمة أطباء بلا حدود`).
    fn anaphor(&self, lay: &Layout, wi: usize) -> Option<usize> {
        let key = lay.words.get(wi)?.bare();
        let head = key.strip_prefix("ال")?;
        if head.chars().count() < 3 {
            return None;
        }
        let pos = lay.words[wi].span.start;
        fn strip(k: &str) -> &str {
            k.strip_prefix("ال").unwrap_or(k)
        }
        self.mentions
            .iter()
            .filter(|m| m.span.end <= pos && matches!(m.kind, EntityType::Person | EntityType::Org))
            .filter(|m| m.mention_kind == MentionKind::Name)
            .filter(|m| {
                let mw = lay.word_at_or_after(m.span.start);
                let lo = mw.saturating_sub(4);
                (lo..(mw + 1).min(lay.words.len())).any(|k| {
                    strip(lay.words[k].key()) == head || strip(lay.words[k].bare()) == head
                })
            })
            .max_by_key(|m| m.span.start)
            .map(|m| m.entity)
    }

    /// The person a title phrase stands for: the person whose name follows the same title
    /// words elsewhere in the text (`الرئيس الروسي` → the person of `الرئيس الروسي فلاديمير بوتين`).
    fn title_holder(&self, lay: &Layout, first: usize, end: usize) -> Option<usize> {
        let keys: Vec<&str> = (first..end).map(|w| lay.words[w].bare()).collect();
        if keys.is_empty() || speaker_word(keys[0]) != Some(SpeakerWord::Title) || keys.len() > 5 {
            return None;
        }
        // A title mention of a person is the simplest answer.
        let span = Span::new(lay.words[first].span.start, lay.words[end - 1].span.end);
        if let Some(m) = self
            .overlapping(span)
            .find(|m| m.kind == EntityType::Person && m.mention_kind == MentionKind::Title)
        {
            return Some(m.entity);
        }
        let mut best: Option<(usize, usize)> = None;
        for m in self
            .mentions
            .iter()
            .filter(|m| m.kind == EntityType::Person)
        {
            let wi = lay.word_at_or_after(m.span.start);
            if wi < keys.len() || wi >= lay.words.len() || lay.words[wi].span.start != m.span.start
            {
                continue;
            }
            let before = wi - keys.len();
            if (0..keys.len()).all(|k| {
                let w = &lay.words[before + k];
                let t = &lay.words[first + k];
                w.key() == t.key() || w.bare() == keys[k]
            }) {
                let dist = m.span.start.abs_diff(span.start);
                if best.is_none_or(|(d, _)| dist < d) {
                    best = Some((dist, m.entity));
                }
            }
        }
        best.map(|(_, e)| e)
    }

    fn phrase(
        &self,
        lay: &Layout,
        first: usize,
        end: usize,
        entity: Option<usize>,
        unnamed: bool,
        anchored: bool,
    ) -> SpeakerPhrase {
        let span = Span::new(lay.words[first].span.start, lay.words[end - 1].span.end);
        SpeakerPhrase {
            first,
            end,
            span,
            entity,
            unnamed,
            anchored,
        }
    }

    /// The words of a phrase as `speaker_text`: the proclitic of the first word dropped
    /// (`للمتحدث` → `المتحدث`, `وزير` stays).
    pub fn phrase_text(&self, lay: &Layout, p: &SpeakerPhrase) -> String {
        let w = &lay.words[p.first];
        let mut start = p.span.start;
        let in_mention = self.mention_of_word(lay, p.first).is_some();
        let mut prefix = String::new();
        if !in_mention {
            let key = &w.key();
            let rest = key.get(w.conj_chars() * 'و'.len_utf8()..).unwrap_or(key);
            if rest.starts_with("لل") && speaker_word(rest).is_some() {
                // لل + noun: drop the preposition and restore the article's alef.
                start += w.conj_chars() + 1;
                prefix = "ا".to_string();
            } else if (rest.starts_with('ل') || rest.starts_with('ب'))
                && !LEXICONS.speaker_words.contains_key(rest)
                && speaker_word(rest).is_some()
            {
                start += w.conj_chars() + 1;
            } else if w.conj_chars() > 0 && speaker_word(w.bare()).is_some() {
                start += w.conj_chars();
            }
        }
        let mut text = prefix;
        text.push_str(&lay.text(Span::new(start, p.span.end)));
        text.trim_matches(|c: char| c.is_whitespace() || is_mark(c))
            .to_string()
    }
}

fn key_of(lay: &Layout, first: usize, end: usize) -> String {
    (first..end)
        .map(|w| lay.words[w].bare())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word shaped like an adjective after an unnamed-source head: a nisba or participle
/// ending (`أمنية`, `مطلعة`, `دبلوماسيين`, `غربيون`).
fn adjective_like(key: &str) -> bool {
    ["ي", "ه", "ون", "ين", "يان"]
        .iter()
        .any(|e| key.ends_with(e))
        && key.chars().count() >= 3
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::fold;
    use super::*;
    use crate::entities::index::FastMap;
    use crate::Mention;
    use std::collections::hash_map::Entry;

    /// The look-up `by_name` replaced: an index of every folded name of each person and
    /// organisation (its Arabic name, each ending after a space, its name mentions),
    /// giving the first person and the first entity of each.
    fn by_name_indexed(entities: &[Entity], key: &str) -> Option<usize> {
        if key.chars().count() < 2 {
            return None;
        }
        let mut names: FastMap<String, (Option<usize>, usize)> = FastMap::default();
        for (i, e) in entities.iter().enumerate() {
            if !matches!(e.kind, EntityType::Person | EntityType::Org) {
                continue;
            }
            let person = e.kind == EntityType::Person;
            let mut add = |key: &str| {
                let hits = match names.entry(key.to_string()) {
                    Entry::Occupied(o) => o.into_mut(),
                    Entry::Vacant(v) => v.insert((None, i)),
                };
                if person && hits.0.is_none() {
                    hits.0 = Some(i);
                }
            };
            let name = fold(&e.name_ar);
            add(&name);
            for (at, _) in name.match_indices(' ') {
                add(name.get(at + 1..).unwrap_or(""));
            }
            for m in e.mentions.iter().filter(|m| m.kind == MentionKind::Name) {
                add(&fold(&m.text));
            }
        }
        let hits = names.get(key)?;
        hits.0.or(Some(hits.1))
    }

    fn entity(kind: EntityType, name: &str, mentions: &[(&str, MentionKind)]) -> Entity {
        let mut e = Entity::for_test("x:y", kind, true, &[]);
        e.name_ar = name.to_string();
        e.mentions = mentions
            .iter()
            .map(|&(text, kind)| Mention {
                start: 0,
                end: 1,
                text: text.to_string(),
                kind,
            })
            .collect();
        e
    }

    #[test]
    fn by_name_agrees_with_an_index_of_folded_names() {
        use EntityType::{Gpe, Org, Person};
        use MentionKind::{Name, Title};
        let entities = vec![
            entity(Gpe, "سوريا", &[("سوريا", Name)]),
            entity(Org, "وزارة الخارجية الأمريكية", &[("الخارجية", Name)]),
            entity(Person, "أحمد  الشرع", &[("الشرع", Name), ("الرئيس", Title)]),
            entity(Org, "حركة الشرع", &[]),
            entity(
                Person,
                "محمد بن سلمان",
                &[("ولي العهد", Title), ("إبن سلمان", Name)],
            ),
            entity(Org, "أرامكو", &[("ارامكو", Name)]),
            entity(Person, "عبد الله ", &[]),
        ];
        let mut keys: Vec<String> = vec![
            String::new(),
            "ا".into(),
            " ".into(),
            "الرئيس".into(),
            "ولي العهد".into(),
            "سوريا".into(),
            "الله ".into(),
            "عبد".into(),
        ];
        for e in &entities {
            let name = fold(&e.name_ar);
            keys.push(name.clone());
            let chars: Vec<char> = name.chars().collect();
            for k in 0..chars.len() {
                keys.push(chars[k..].iter().collect());
                keys.push(chars[..k].iter().collect());
            }
            keys.extend(e.mentions.iter().map(|m| fold(&m.text)));
            keys.extend(e.mentions.iter().map(|m| m.text.clone()));
        }
        let sp = Speakers::new(&entities);
        for key in &keys {
            assert_eq!(
                sp.by_name(key),
                by_name_indexed(&entities, key),
                "key {key:?}"
            );
        }
        assert_eq!(sp.by_name("الشرع"), Some(2));
        assert_eq!(sp.by_name("ارامكو"), Some(5));
        assert_eq!(sp.by_name("سلمان"), Some(4));
    }

    #[test]
    fn folded_comparisons_agree_with_fold() {
        let texts = ["", "أحمد", "وزارة الخارجية", "إبن  سلمان", "ـالله", " ة"];
        for t in texts {
            let f = fold(t);
            assert!(folded_equals(t, &f));
            assert!(folded_name_tail_is(t, &f));
            for u in texts {
                assert_eq!(folded_equals(t, &fold(u)), f == fold(u), "{t:?} {u:?}");
            }
        }
    }
}
