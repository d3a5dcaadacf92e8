//! The whole extraction pipeline: text layer, then entities, times and quantities,
//! quotes, events.

use crate::document::*;
use crate::{entities, events, quantity, quotes, time, Error, KnowledgeBase, TextContext};

/// Metadata that comes with a text.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// Id given by the source; when absent the id is derived from the text.
    pub id: Option<String>,
    /// File path, URL or feed id.
    pub source: String,
    /// Title.
    pub title: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Add tokens to the output.
    pub with_tokens: bool,
}

/// Runs every extraction stage with one loaded knowledge base and lexicon set.
#[derive(Debug)]
pub struct Extractor {
    kb: KnowledgeBase,
}

impl Extractor {
    /// An extractor over the knowledge base and lexicons bundled in the binary.
    pub fn bundled() -> Result<Extractor, Error> {
        Ok(Extractor {
            kb: KnowledgeBase::bundled()?,
        })
    }

    /// An extractor over a given knowledge base.
    pub fn with_kb(kb: KnowledgeBase) -> Extractor {
        Extractor { kb }
    }

    /// The knowledge base in use.
    pub fn kb(&self) -> &KnowledgeBase {
        &self.kb
    }

    /// Builds now the tables every stage loads on first use (the tagger's word lists,
    /// the transliteration tables, the event lexicon…) by analysing a short built-in
    /// text, so that the first real document does not pay that one-off cost: a server's
    /// first request, a benchmark's first article. Tables kept per thread are built for
    /// the calling thread only.
    pub fn prepare(&self) {
        let src = Source {
            published: Some("2025-03-01".to_string()),
            ..Source::default()
        };
        let _ = self.analyze_whole(WARM_UP_TEXT, &src);
    }

    /// Analyses one text.
    ///
    /// A text longer than [`SEGMENT_CHARS`] characters (a whole book, a concatenated dump,
    /// not a news article) is analysed in segments that end at line breaks, and the
    /// segments' results are joined (offsets shifted, one entity per id): some stages
    /// compare every name or quote of a text with every other, which must not make a huge
    /// text take quadratic time.
    pub fn analyze(&self, text: &str, src: &Source) -> Document {
        self.analyze_in_segments(text, src, SEGMENT_CHARS)
    }

    /// [`Extractor::analyze`] with segments of at most about `max_chars` characters.
    pub fn analyze_in_segments(&self, text: &str, src: &Source, max_chars: usize) -> Document {
        let pieces = segments(text, max_chars.max(1));
        if pieces.len() <= 1 {
            return self.analyze_whole(text, src);
        }
        let mut doc: Option<Document> = None;
        for (bytes, chars) in pieces {
            let part = self.analyze_whole(&text[bytes], src);
            match doc.as_mut() {
                None => doc = Some(part),
                Some(d) => append(d, part, chars),
            }
        }
        let mut doc = doc.unwrap_or_else(|| self.analyze_whole("", src));
        doc.text = text.to_string();
        doc.id = src.id.clone().unwrap_or_else(|| document_id(text));
        doc
    }

    fn analyze_whole(&self, text: &str, src: &Source) -> Document {
        let ctx = TextContext::new(text, src.published.as_deref());
        let times = time::find_times(&ctx);
        let quantities = quantity::find_quantities(&ctx);
        let mut entities = entities::find_entities(&ctx, &self.kb);
        crate::ner::unknown::add_unknown_names(&ctx, &self.kb, &mut entities);
        let taken: Vec<(usize, usize)> = times
            .iter()
            .map(|t| (t.start, t.end))
            .chain(quantities.iter().map(|q| (q.start, q.end)))
            .collect();
        // Before short names are linked: `نيسان` in `أبريل (نيسان)` is a month, not
        // a short form of Nissan.
        drop_new_names_inside(&mut entities, &taken);
        link_short_names(&mut entities, &self.kb, &ctx.analysis.tokens);
        add_latin_glosses(ctx.chars(), &mut entities);
        let time_spans: Vec<(usize, usize)> = times.iter().map(|t| (t.start, t.end)).collect();
        drop_places_inside_times(&mut entities, &time_spans);
        let quotes = quotes::find_quotes(&ctx, &entities);
        let events = events::find_events(&ctx, &entities, &quotes, &times);
        let tokens = src.with_tokens.then(|| {
            ctx.analysis
                .tokens
                .iter()
                .map(|t| TokenRecord {
                    start: t.span.start,
                    end: t.span.end,
                    norm: t.norm.to_string(),
                    segments: t.segments().iter().map(|s| s.to_string()).collect(),
                    stem: t.stem(),
                })
                .collect()
        });
        Document {
            schema: SCHEMA_VERSION.to_string(),
            id: src.id.clone().unwrap_or_else(|| document_id(text)),
            source: src.source.clone(),
            title: src.title.clone(),
            published: src.published.clone(),
            language: "ar".to_string(),
            text: text.to_string(),
            sentences: ctx
                .analysis
                .sentences
                .iter()
                .map(|s| SentenceSpan {
                    start: s.start,
                    end: s.end,
                })
                .collect(),
            entities,
            quotes,
            times,
            quantities,
            events,
            tokens,
        }
    }
}

/// A short text that goes through every stage: an unknown name with a role, a quote, a
/// date and a relative time, a quantity, an event.
const WARM_UP_TEXT: &str = "قال الباحث سامر الخوري في بيروت يوم 3 مارس/آذار 2025 \
    إن القوات ستنسحب من المطار بعد يومين، وأعلنت وزارة الدفاع أن 120 جنديا غادروا المدينة.";

/// Texts longer than this many characters are analysed in segments (see
/// [`Extractor::analyze`]).
pub const SEGMENT_CHARS: usize = 100_000;

/// Cuts `text` into pieces of about `max_chars` characters that end at a line break (or,
/// in a text without one, at a space; failing that, anywhere): the byte range and the
/// character offset of each piece. A text no longer than `max_chars` is one piece.
fn segments(text: &str, max_chars: usize) -> Vec<(std::ops::Range<usize>, usize)> {
    // No text of at most `max_chars` bytes has more characters than that.
    if text.len() <= max_chars {
        return vec![(0..text.len(), 0)];
    }
    let mut out = Vec::new();
    let (mut start, mut start_char) = (0usize, 0usize);
    while start < text.len() {
        let rest = &text[start..];
        // Byte offset just past `max_chars` characters of the rest, or its end.
        let Some((limit, _)) = rest.char_indices().nth(max_chars) else {
            out.push((start..text.len(), start_char));
            break;
        };
        let head = &rest[..limit];
        let cut = head
            .rfind('\n')
            .or_else(|| head.rfind(char::is_whitespace))
            .map(|i| i + head[i..].chars().next().map_or(1, char::len_utf8))
            .filter(|&c| c > 0)
            .unwrap_or(limit);
        out.push((start..start + cut, start_char));
        start_char += rest[..cut].chars().count();
        start += cut;
    }
    out
}

/// Appends the analysis of a later segment of the same text, whose first character is
/// at `offset`, to `doc`.
fn append(doc: &mut Document, part: Document, offset: usize) {
    let sentences_before = doc.sentences.len();
    let quotes_before = doc.quotes.len();
    let mut by_id: crate::entities::index::FastMap<String, usize> = doc
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), i))
        .collect();
    doc.sentences
        .extend(part.sentences.into_iter().map(|s| SentenceSpan {
            start: s.start + offset,
            end: s.end + offset,
        }));
    for mut e in part.entities {
        for m in &mut e.mentions {
            m.start += offset;
            m.end += offset;
        }
        match by_id.get(&e.id).and_then(|&i| doc.entities.get_mut(i)) {
            Some(d) => {
                d.mentions.append(&mut e.mentions);
                for r in e.roles {
                    if !d.roles.contains(&r) {
                        d.roles.push(r);
                    }
                }
            }
            None => {
                by_id.insert(e.id.clone(), doc.entities.len());
                doc.entities.push(e);
            }
        }
    }
    doc.quotes.extend(part.quotes.into_iter().map(|mut q| {
        q.start += offset;
        q.end += offset;
        q
    }));
    doc.times.extend(part.times.into_iter().map(|mut t| {
        t.start += offset;
        t.end += offset;
        t
    }));
    doc.quantities
        .extend(part.quantities.into_iter().map(|mut q| {
            q.start += offset;
            q.end += offset;
            q
        }));
    doc.events.extend(part.events.into_iter().map(|mut e| {
        e.trigger.start += offset;
        e.trigger.end += offset;
        e.sentence += sentences_before;
        e.source = e.source.map(|q| q + quotes_before);
        e
    }));
    if let (Some(all), Some(more)) = (doc.tokens.as_mut(), part.tokens) {
        all.extend(more.into_iter().map(|mut t| {
            t.start += offset;
            t.end += offset;
            t
        }));
    }
}

/// Drops mentions of entities the knowledge base does not know (`known: false`) that
/// overlap a time expression or a quantity, which the tagger sometimes reads as names
/// (the month "نيسان", the currency "ريال"), and the entities left without mentions.
fn drop_new_names_inside(entities: &mut Vec<Entity>, taken: &[(usize, usize)]) {
    if taken.is_empty() {
        return;
    }
    for e in entities.iter_mut().filter(|e| !e.known) {
        e.mentions
            .retain(|m| !taken.iter().any(|&(s, t)| m.start < t && s < m.end));
    }
    entities.retain(|e| !e.mentions.is_empty());
}

/// A new organisation the tagger found (`«الشرق الأوسط»`, `برشلونة` the team) that the
/// knowledge base names with a head (`صحيفة الشرق الأوسط`, `نادي برشلونة`; heads tried in
/// file order, the first that names exactly one organisation wins) is that organisation:
/// its mentions join the organisation's entity (made known) — unless a word before one
/// of them says it is of another kind (`فريق [العربي]` is a club, not the channel `قناة
/// العربي`; `entity_vouching_words.tsv`): it then stays new, with that kind as its role.
fn link_short_names(
    entities: &mut Vec<Entity>,
    kb: &KnowledgeBase,
    tokens: &[marsad_text::AnalyzedToken],
) {
    let mut i = 0;
    while i < entities.len() {
        let e = &entities[i];
        if e.known || e.kind != crate::EntityType::Org {
            i += 1;
            continue;
        }
        let name = crate::kb::normalize_phrase(&e.name_ar);
        // The first head (in file order) that names exactly one organisation.
        let found = crate::entities::lexicon::LEXICONS
            .short_name_heads
            .iter()
            .find_map(|head| {
                let mut orgs = kb
                    .aliases_of(&format!("{head} {name}"))
                    .iter()
                    .map(|&(k, _)| k)
                    .filter(|&k| {
                        kb.entity(k)
                            .is_some_and(|x| x.kind == crate::EntityType::Org)
                    });
                match (orgs.next(), orgs.next()) {
                    (Some(k), None) => Some(k),
                    _ => None,
                }
            });
        let Some(k) = found.and_then(|k| kb.entity(k)) else {
            i += 1;
            continue;
        };
        // The words before its mentions that say what kind of organisation it is.
        let said: Vec<_> = entities[i]
            .mentions
            .iter()
            .filter_map(|m| {
                let at = tokens.partition_point(|t| t.span.start < m.start);
                crate::entities::vouching_word(tokens.get(at.checked_sub(1)?)?)
            })
            .collect();
        // A name that is also an ordinary word (`الاتفاق`, the agreement) is the
        // organisation only where such a word says so (`نادي الاتفاق`) or where the
        // document names it in full (`شركة إعمار` … `إعمار`).
        // The organisation's entity in the text (itself aside: a new entity may carry
        // the organisation's id).
        let in_doc = (0..entities.len()).find(|&j| j != i && entities[j].id == k.id);
        if crate::entities::is_common_word_name(&name)
            && !said.iter().any(|w| w.fits(&k.roles))
            && in_doc.is_none()
        {
            i += 1;
            continue;
        }
        // A word before one of its mentions that says it is of another kind.
        let other_kind = said.into_iter().find(|w| !w.fits(&k.roles));
        if let Some(word) = other_kind {
            let e = &mut entities[i];
            if !e.roles.iter().any(|r| r == word.kind) {
                e.roles.push(word.kind.to_string());
            }
            i += 1;
            continue;
        }
        let mut mentions = std::mem::take(&mut entities[i].mentions);
        if let Some(j) = in_doc {
            let target = &mut entities[j].mentions;
            target.append(&mut mentions);
            target.sort_by_key(|m| (m.start, m.end));
            entities.remove(i);
            continue;
        }
        let e = &mut entities[i];
        e.id = k.id.clone();
        e.name_ar = k.name_ar.clone();
        e.name_en = k.name_en.clone();
        e.roles = k.roles.clone();
        e.known = true;
        e.mentions = mentions;
        i += 1;
    }
}

/// The Latin spelling in brackets right after a name (`أينشتاين (Albert Einstein)`),
/// as a character range: one to six capitalised words of Latin letters (with `.`, `'`,
/// `-`, `&`), the brackets and the spaces left out.
fn latin_gloss_after(chars: &[char], end: usize) -> Option<(usize, usize)> {
    let mut k = end;
    while chars.get(k).is_some_and(|c| *c == ' ') {
        k += 1;
    }
    if chars.get(k) != Some(&'(') {
        return None;
    }
    let start = k + 1 + chars[k + 1..].iter().take_while(|c| **c == ' ').count();
    let len = chars[start..]
        .iter()
        .take(80)
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '\'' | '-' | '&'))
        .count();
    let close = start + len;
    if chars.get(close) != Some(&')') {
        return None;
    }
    let gloss: String = chars[start..close].iter().collect();
    let gloss = gloss.trim_end();
    let words: Vec<&str> = gloss.split_whitespace().collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    let fits = (1..=6).contains(&words.len())
        && words.first().is_some_and(capitalised)
        && words.iter().all(|w| {
            capitalised(w)
                || matches!(
                    *w,
                    "of" | "the" | "de" | "al" | "bin" | "van" | "von" | "and" | "&"
                )
        })
        && gloss.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2;
    fits.then_some((start, start + gloss.chars().count()))
}

/// Adds the Latin spelling given in brackets after a name as a mention of the same
/// entity (`جيمس كاميرون (James Cameron)`), unless another mention covers it already; a
/// new person, or a new entity spelt out in several words, takes it as its English name,
/// better than a transliteration.
fn add_latin_glosses(chars: &[char], entities: &mut [Entity]) {
    let mut taken: Vec<(usize, usize)> = entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end)))
        .collect();
    for e in entities.iter_mut() {
        let mut glosses = Vec::new();
        for m in e.mentions.iter().filter(|m| m.kind == MentionKind::Name) {
            let Some((s, t)) = latin_gloss_after(chars, m.end) else {
                continue;
            };
            if taken.iter().any(|&(a, b)| a < t && s < b) {
                continue;
            }
            taken.push((s, t));
            glosses.push(crate::Mention {
                start: s,
                end: t,
                text: chars[s..t].iter().collect(),
                kind: MentionKind::Name,
            });
        }
        if glosses.is_empty() {
            continue;
        }
        let spelt_out = glosses[0].text.contains(' ');
        if !e.known && (e.kind == crate::EntityType::Person || spelt_out) {
            e.name_en = glosses[0].text.clone();
        }
        e.mentions.extend(glosses);
        e.mentions.sort_by_key(|m| (m.start, m.end));
    }
}

/// Drops name mentions of places that lie wholly inside a time expression: the month
/// `آب` in `أغسطس/آب` is not the town of that name, `تموز` not a place. Entities left
/// without mentions go too.
fn drop_places_inside_times(entities: &mut Vec<Entity>, times: &[(usize, usize)]) {
    if times.is_empty() {
        return;
    }
    for e in entities.iter_mut().filter(|e| {
        matches!(
            e.kind,
            crate::EntityType::Gpe | crate::EntityType::Loc | crate::EntityType::Fac
        )
    }) {
        e.mentions.retain(|m| {
            m.kind != MentionKind::Name || !times.iter().any(|&(s, t)| s <= m.start && m.end <= t)
        });
    }
    entities.retain(|e| !e.mentions.is_empty());
}

/// The schema's default id: first 16 hex characters of the sha256 of the text.
pub fn document_id(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(id: &str, known: bool, spans: &[(usize, usize)]) -> Entity {
        Entity::for_test(id, EntityType::Org, known, spans)
    }

    #[test]
    fn the_warm_up_text_goes_through_every_stage() {
        let Ok(x) = Extractor::bundled() else {
            panic!("bundled extractor");
        };
        let doc = x.analyze_whole(WARM_UP_TEXT, &Source::default());
        assert!(doc.entities.iter().any(|e| !e.known), "a new name");
        assert!(doc.entities.iter().any(|e| e.known), "a known entity");
        assert!(!doc.quotes.is_empty(), "a quote");
        assert!(doc.times.len() >= 2, "a date and a relative time");
        assert!(!doc.quantities.is_empty(), "a quantity");
        assert!(!doc.events.is_empty(), "an event");
        x.prepare();
    }

    #[test]
    fn new_names_inside_times_and_quantities_are_dropped() {
        let mut ents = vec![
            entity("org:month", false, &[(10, 15)]),
            entity("org:partly", false, &[(10, 15), (40, 45)]),
            entity("org:known", true, &[(10, 15)]),
            entity("org:elsewhere", false, &[(20, 25)]),
        ];
        drop_new_names_inside(&mut ents, &[(8, 16), (30, 35)]);
        let ids: Vec<&str> = ents.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["org:partly", "org:known", "org:elsewhere"]);
        assert_eq!(ents[0].mentions.len(), 1);
        assert_eq!(ents[0].mentions[0].start, 40);
    }

    #[test]
    fn a_latin_spelling_in_brackets_after_a_name() {
        let gloss = |text: &str, end: usize| {
            let chars: Vec<char> = text.chars().collect();
            latin_gloss_after(&chars, end).map(|(s, t)| chars[s..t].iter().collect::<String>())
        };
        assert_eq!(
            gloss("سامر (Samer Haddad) قال", 4).as_deref(),
            Some("Samer Haddad")
        );
        assert_eq!(
            gloss("المعهد ( Institute of Technology )", 6).as_deref(),
            Some("Institute of Technology")
        );
        assert_eq!(gloss("سامر (قال)", 4), None, "Arabic in the brackets");
        assert_eq!(gloss("سامر (2015)", 4), None, "a year");
        assert_eq!(gloss("سامر (see below)", 4), None, "not capitalised");
        assert_eq!(gloss("سامر (Samer", 4), None, "never closed");
        assert_eq!(
            gloss("سامر قال (Samer)", 4),
            None,
            "not right after the name"
        );

        let ex = Extractor::bundled().expect("bundled data parses");
        let doc = ex.analyze(
            "وقال الباحث سامر حداد (Samer Haddad) إن الأزمة طويلة.",
            &Source::default(),
        );
        let samer = doc
            .entities
            .iter()
            .find(|e| e.mentions.iter().any(|m| m.text == "سامر حداد"))
            .expect("the researcher");
        assert_eq!(samer.name_en, "Samer Haddad");
        assert!(samer.mentions.iter().any(|m| m.text == "Samer Haddad"));
    }

    #[test]
    fn a_month_name_is_no_short_form_of_a_company() {
        // `نيسان` is April beside `أبريل`, and Nissan when a sentence says so.
        let ex = Extractor::bundled().expect("bundled data parses");
        let nissan = |text: &str| {
            let doc = ex.analyze(text, &Source::default());
            doc.entities.iter().any(|e| e.id == "org:nissan")
        };
        assert!(!nissan(
            "وفي أبريل (نيسان) الماضي، حددت المحكمة موعدا للجلسة."
        ));
        assert!(!nissan(
            "قتل في 22 أبريل (نيسان) الماضي وسط مجموعة من المقاتلين."
        ));
        assert!(nissan("وقالت شركة نيسان إنها ستغلق المصنع."));
    }

    #[test]
    fn a_word_of_another_kind_before_the_name_keeps_it_new() {
        let kb = KnowledgeBase::bundled().expect("bundled kb");
        for (text, known) in [
            ("فاز فريق العربي أمس.", false),
            ("وقالت قناة العربي إن الوضع صعب.", true),
        ] {
            let tokens = marsad_text::analyze(text).tokens;
            let at = text.find("العربي").map(|b| text[..b].chars().count());
            let start = at.expect("in the text");
            let mut club = entity("org:al-arabi", false, &[(start, start + 6)]);
            club.name_ar = "العربي".into();
            let mut ents = vec![club];
            link_short_names(&mut ents, &kb, &tokens);
            assert_eq!(ents[0].known, known, "{text}: {:?}", ents[0]);
            if !known {
                assert_eq!(ents[0].roles, ["sports club"]);
            }
        }
    }

    #[test]
    fn a_common_word_organisation_needs_a_vouching_word_or_its_full_name() {
        let kb = KnowledgeBase::bundled().expect("bundled kb");
        let text = "حول الاتفاق النووي";
        let tokens = marsad_text::analyze(text).tokens;
        let deal = || {
            let mut e = entity("org:al-ittifaq", false, &[(4, 11)]);
            e.name_ar = "الاتفاق".into();
            e
        };
        // The agreement: nothing says it is the club.
        let mut ents = vec![deal()];
        link_short_names(&mut ents, &kb, &tokens);
        assert!(!ents[0].known, "{:?}", ents[0]);
        // The club named in full elsewhere in the document: the short name is it.
        let mut club = entity("org:al-ettifaq-fc", true, &[(30, 41)]);
        club.name_ar = "نادي الاتفاق".into();
        let mut ents = vec![deal(), club];
        link_short_names(&mut ents, &kb, &tokens);
        assert_eq!(ents.len(), 1, "{ents:?}");
        assert_eq!(ents[0].id, "org:al-ettifaq-fc");
        assert_eq!(ents[0].mentions.len(), 2);
    }

    #[test]
    fn a_new_organisation_named_like_an_outlet_or_club_becomes_it() {
        let kb = KnowledgeBase::bundled().expect("bundled kb");
        let mut paper = entity("org:al-sharq-al-awsat", false, &[(10, 22)]);
        paper.name_ar = "الشرق الأوسط".into();
        let mut other = entity("org:unheard-of", false, &[(30, 40)]);
        other.name_ar = "شركة لا يعرفها أحد".into();
        let mut club = entity("org:barshalouna", false, &[(50, 57)]);
        club.name_ar = "برشلونة".into();
        let mut ents = vec![paper, other, club];
        link_short_names(&mut ents, &kb, &[]);
        assert_eq!(ents[2].id, "org:fc-barcelona", "a club named without نادي");
        assert!(ents[2].known);
        assert_eq!(ents[0].id, "org:asharq-al-awsat");
        assert!(ents[0].known);
        assert_eq!(ents[0].mentions.len(), 1);
        assert_eq!(ents[1].id, "org:unheard-of");
        assert!(!ents[1].known);
    }

    #[test]
    fn places_inside_times_are_dropped_others_kept() {
        let mut place = entity("gpe:ab", true, &[(10, 12), (50, 52)]);
        place.kind = EntityType::Gpe;
        let mut only_in_time = entity("gpe:tammuz", true, &[(12, 16)]);
        only_in_time.kind = EntityType::Gpe;
        let mut ents = vec![place, only_in_time, entity("org:inside", true, &[(10, 12)])];
        drop_places_inside_times(&mut ents, &[(5, 20)]);
        let ids: Vec<&str> = ents.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["gpe:ab", "org:inside"]);
        assert_eq!(ents[0].mentions.len(), 1);
        assert_eq!(ents[0].mentions[0].start, 50);
    }

    fn char_slice(text: &str, start: usize, end: usize) -> String {
        text.chars().skip(start).take(end - start).collect()
    }

    #[test]
    fn segments_end_at_line_breaks_and_cover_the_text() {
        let text = "سطر أول قصير\nسطر ثان أطول قليلا من الأول\nثالث\n".repeat(20);
        let pieces = segments(&text, 60);
        assert!(pieces.len() > 5);
        let mut at = 0;
        for (bytes, chars) in &pieces {
            assert_eq!(bytes.start, at);
            assert_eq!(*chars, text[..bytes.start].chars().count());
            assert!(text[bytes.clone()].chars().count() <= 60);
            at = bytes.end;
        }
        assert_eq!(at, text.len());
        // Every piece but the last ends with a line break.
        for (bytes, _) in &pieces[..pieces.len() - 1] {
            assert!(text[bytes.clone()].ends_with('\n'));
        }
        // A text with no space at all is still cut.
        assert!(segments(&"ب".repeat(500), 100).len() >= 5);
        assert_eq!(segments("قصير", 100).len(), 1);
    }

    #[test]
    fn a_family_name_joins_the_person_before_it_and_stands_for_them_alone() {
        let ex = Extractor::bundled().expect("bundled extractor");
        let src = Source::default();
        let doc = ex.analyze(
            "قال الباحث خالد آل دغيم إن السياحة تنمو. وأوضح آل دغيم أن الطلب يزيد.\n\
             وطرح الأمير محمد بن نايف بن عبدالعزيز آل سعود فكرة المشروع.",
            &src,
        );
        let person = |text: &str| {
            doc.entities
                .iter()
                .filter(|e| e.mentions.iter().any(|m| m.text == text))
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            person("خالد آل دغيم"),
            person("آل دغيم"),
            "{:?}",
            doc.entities
        );
        assert_eq!(person("خالد آل دغيم").len(), 1);
        // A known person's mention grows over the family name the tagger reads after it.
        assert_eq!(
            person("محمد بن نايف بن عبدالعزيز آل سعود").len(),
            1,
            "{:?}",
            doc.entities
        );
        assert!(person("آل سعود").is_empty());
    }

    #[test]
    fn a_text_analysed_in_segments_keeps_offsets_and_one_entity_per_id() {
        let para = "قال وزير الخارجية السعودي عادل الجبير أمس إن الرياض تدعم الحل السياسي في اليمن.\n\
                    وزار الرئيس المصري عبد الفتاح السيسي الرياض يوم الأحد 12 يوليو 2015 والتقى الملك سلمان.\n";
        let text = para.repeat(12);
        let ex = Extractor::bundled().expect("bundled extractor");
        let src = Source {
            published: Some("2015-07-15".into()),
            ..Source::default()
        };
        let whole = ex.analyze(&text, &src);
        let cut = ex.analyze_in_segments(&text, &src, 400);
        assert_eq!(cut.text, text);
        assert_eq!(cut.id, whole.id);
        assert_eq!(cut.sentences.len(), whole.sentences.len());
        for s in &cut.sentences {
            assert!(s.start < s.end && s.end <= text.chars().count());
        }
        let mut ids: Vec<&str> = cut.entities.iter().map(|e| e.id.as_str()).collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "one entity per id");
        for e in &cut.entities {
            for m in &e.mentions {
                assert_eq!(char_slice(&text, m.start, m.end), m.text, "{}", e.id);
            }
        }
        // The same names are found, as often, as in one pass.
        let count = |d: &Document| d.entities.iter().map(|e| e.mentions.len()).sum::<usize>();
        assert_eq!(count(&cut), count(&whole));
        for q in &cut.quotes {
            assert_eq!(char_slice(&text, q.start, q.end), q.text);
        }
        for t in &cut.times {
            assert_eq!(char_slice(&text, t.start, t.end), t.text);
        }
        for e in &cut.events {
            assert_eq!(
                char_slice(&text, e.trigger.start, e.trigger.end),
                e.trigger.text
            );
            let s = &cut.sentences[e.sentence];
            assert!(s.start <= e.trigger.start && e.trigger.end <= s.end);
        }
        assert!(!cut.quotes.is_empty() && !cut.times.is_empty() && !cut.events.is_empty());
    }
}
