//! Turning the tagger's names into entities: names the knowledge base did not link become
//! entities with `known: false`, a transliterated English name, and their later short
//! forms (a surname alone) join them.

use super::{find_names, NerClass, NerLabel};
use crate::entities::index::FastMap;
use crate::entities::lexicon::LEXICONS;
use crate::entities::translit::{slug, transliterate};
use crate::{Entity, EntityType, Mention, MentionKind, TextContext};
use marsad_text::{AnalyzedToken, Span, TokenKind};

/// Knowledge-base hits per token, read off the entities already found: the class of
/// the name mention covering each token and whether the token starts it.
pub fn kb_hits_from_entities(
    tokens: &[AnalyzedToken],
    entities: &[Entity],
) -> Vec<Option<(NerClass, bool)>> {
    // Mentions in a fixed order (start, longest first, class), so overlapping mentions
    // resolve the same way whatever order the entities come in: the first one wins.
    let mut mentions: Vec<(usize, usize, NerClass)> = entities
        .iter()
        .flat_map(|e| {
            let class = match e.kind {
                EntityType::Person => NerClass::Person,
                EntityType::Org => NerClass::Org,
                _ => NerClass::Loc,
            };
            e.mentions
                .iter()
                .filter(|m| m.kind == MentionKind::Name)
                .map(move |m| (m.start, m.end, class))
        })
        .collect();
    let rank = |c: NerClass| NerLabel::Begin(c).index();
    mentions.sort_by_key(|&(s, e, c)| (s, std::cmp::Reverse(e), rank(c)));
    mentions.dedup();
    let mut hits = vec![None; tokens.len()];
    // Mentions come by start, so the first token of each is found by moving on from the
    // last one's (the first token that ends after the start).
    let mut first = 0;
    for (start, end, class) in mentions {
        while first < tokens.len() && tokens[first].span.end <= start {
            first += 1;
        }
        let mut i = first;
        while i < tokens.len() && tokens[i].span.start < end {
            if hits[i].is_none() {
                hits[i] = Some((class, i == first));
            }
            i += 1;
        }
    }
    hits
}

/// Takes back the place mentions that lie within a name the tagger reads as an
/// organisation: a club, a newspaper or a university named after a place (`برشلونة`
/// the team, `الشرق الأوسط` the daily, `حسنية أكادير`). The caller then adds the
/// organisation. A facility stays: the linker chose it over the organisation of the same
/// name from the words around it (`في [الكرملين]` the place).
fn release_places_read_as_orgs(
    tokens: &[AnalyzedToken],
    names: &[super::NerSpan],
    entities: &mut Vec<Entity>,
) {
    let orgs: Vec<std::ops::Range<usize>> = names
        .iter()
        .filter(|n| n.class == NerClass::Org)
        .map(|n| n.tokens.clone())
        .collect();
    if orgs.is_empty() {
        return;
    }
    let token_range = |m: &Mention| {
        let first = tokens.partition_point(|t| t.span.end <= m.start);
        let end = first + tokens[first..].partition_point(|t| t.span.start < m.end);
        first..end
    };
    for e in entities
        .iter_mut()
        .filter(|e| matches!(e.kind, EntityType::Gpe | EntityType::Loc))
    {
        e.mentions.retain(|m| {
            m.kind != MentionKind::Name || {
                let r = token_range(m);
                !orgs.iter().any(|o| o.start <= r.start && r.end <= o.end)
            }
        });
    }
    entities.retain(|e| !e.mentions.is_empty());
}

/// A place-class word (`مدينة`, `قاعدتي`), a trigger word or a stop word.
fn is_common_word(t: &AnalyzedToken) -> bool {
    let listed = super::words::lookup(t).1 & super::triggers::COMMON_WORD != 0;
    listed || place_class_of(t).is_some()
}

/// The place-class word (`مدينة`, `مطار`) the token is, if it is one.
fn place_class_of(t: &AnalyzedToken) -> Option<&'static crate::entities::lexicon::PlaceClass> {
    crate::entities::lexicon::LEXICONS.place_class(&t.base, t.bare())
}

/// True when the knowledge base holds an organisation under the name `text`.
fn kb_holds_org(kb: &crate::KnowledgeBase, text: &str) -> bool {
    kb.aliases_of(&crate::kb::normalize_phrase(text))
        .iter()
        .any(|&(k, _)| kb.entity(k).is_some_and(|x| x.kind == EntityType::Org))
}

/// A place-class word that stays outside a place's name (`قرية`, `محافظة`; not `مطار`,
/// which is part of the airport's name).
fn is_generic_place_word(t: &AnalyzedToken) -> bool {
    place_class_of(t).is_some_and(|c| c.role == crate::entities::lexicon::ClassRole::Outside)
}

/// True when the word ends in a pronoun enclitic (`رضاه`, `جدتها`, `أنسها`: his
/// consent, her grandmother, I forgot it) or is one letter (`ت غ`, GMT): one such word
/// alone is no name, unless the whole word is a name a list or the knowledge base holds
/// (`عبده`, `أبها`, `سبها`). `نا` ("our") is left alone: names end so (`إيفانا`, `دانا`).
fn is_word_with_its_pronoun(t: &AnalyzedToken, kb: &crate::KnowledgeBase) -> bool {
    if t.base.chars().count() < 2 {
        return true;
    }
    let segments = t.segments();
    let Some(&enclitic) = segments.last().filter(|&&s| s != t.base.as_str()) else {
        return false;
    };
    if enclitic == "نا" {
        return false;
    }
    let whole: String = segments
        .iter()
        .skip_while(|&&s| s != t.base.as_str())
        .copied()
        .collect();
    let name_bits =
        super::triggers::GIVEN_NAME | super::triggers::PLACE_NAME | super::triggers::ORG_NAME;
    !(LEXICONS.given_names.contains_key(&whole)
        || super::words::bundled().get(&whole).base_bits & name_bits != 0
        || !kb
            .aliases_of(&crate::kb::normalize_phrase(&whole))
            .is_empty())
}

/// True when token `i`, a definite word in ي/ية (`الأهلي`), follows a definite noun that
/// is no trigger, class, stop or vouching word (`المجتمع [الأهلي]`, civil society): an
/// adjective, not a one-word name (`النادي الأهلي` keeps its trigger, `الفريق الأهلي`
/// its vouching word).
fn is_adjective_after_noun(tokens: &[AnalyzedToken], i: usize) -> bool {
    let (Some(t), Some(p)) = (tokens.get(i), i.checked_sub(1).and_then(|k| tokens.get(k))) else {
        return false;
    };
    let definite = |w: &AnalyzedToken| w.base.starts_with("ال") && w.base.chars().count() > 3;
    p.kind == TokenKind::Word
        && p.sentence == t.sentence
        && definite(p)
        && definite(t)
        && (t.base.ends_with('ي') || t.base.ends_with("ية"))
        && !is_common_word(p)
        && crate::entities::vouching_word(p).is_none()
}

/// A family name (`آل سعود`) right after a person's name mention in the same sentence
/// ends that name: when `name` starts with the particle right after the mention, or
/// runs from the mention's start over it (`محمد بن نايف بن عبدالعزيز آل سعود`), the
/// mention grows to the end of `name` and true is returned.
fn extends_person_before(
    ctx: &TextContext<'_>,
    entities: &mut [Entity],
    name: &super::NerSpan,
) -> bool {
    let tokens = &ctx.analysis.tokens;
    let lx = &crate::entities::lexicon::LEXICONS;
    let sentence = tokens[name.tokens.start].sentence;
    // The particle that starts the family name, if `name` holds one after its start
    // (or starts with one).
    let Some(particle) = name
        .tokens
        .clone()
        .find(|&k| lx.family_particles.contains(tokens[k].base.as_str()))
    else {
        return false;
    };
    let Some(before) = particle
        .checked_sub(1)
        .and_then(|k| tokens.get(k))
        .filter(|p| p.sentence == sentence)
    else {
        return false;
    };
    let Some(m) = entities
        .iter_mut()
        .filter(|e| e.kind == EntityType::Person)
        .flat_map(|e| e.mentions.iter_mut())
        .find(|m| {
            m.kind == MentionKind::Name
                && m.end == before.span.end
                && (particle == name.tokens.start || m.start == name.span.start)
        })
    else {
        return false;
    };
    m.end = name.span.end;
    m.text = ctx.slice(Span::new(m.start, m.end)).to_string();
    true
}

/// The class an organisation or place trigger word right before token `first` gives a
/// name (`شركة «[أكوا باور]»` an organisation, `مدينة [...]` a place), over an opening
/// quote mark; `None` without such a trigger, or when the word is also a person trigger.
/// A definite word does not name what follows (`رئيس الاتحاد [برند جوتشولك]` is a
/// person: a name joins an indefinite head, `شركة`, `مدينة`).
fn class_by_trigger(tokens: &[AnalyzedToken], first: usize) -> Option<NerClass> {
    use super::triggers::{ORG_TRIGGER, PERSON_TRIGGER, PLACE_TRIGGER};
    let sentence = tokens.get(first)?.sentence;
    let mut k = first.checked_sub(1)?;
    if crate::entities::is_opening_quote(&tokens[k]) {
        k = k.checked_sub(1)?;
    }
    let t = tokens.get(k).filter(|t| {
        t.sentence == sentence && t.kind == TokenKind::Word && !t.base.starts_with("ال")
    })?;
    let bits = super::triggers::bits(t) & (ORG_TRIGGER | PERSON_TRIGGER | PLACE_TRIGGER);
    match bits {
        ORG_TRIGGER => Some(NerClass::Org),
        PLACE_TRIGGER => Some(NerClass::Loc),
        _ => None,
    }
}

/// Where a person's name the tagger found really starts: past a trigger word read into it
/// (`[الإمام] الخميني`) and past a definite adjective between a trigger and the name,
/// right before a given name (`الشيخ [الجليل] سعد بن عباد`). A given name is never read
/// as a trigger, and at least one word stays.
fn trim_person_start(tokens: &[AnalyzedToken], name: std::ops::Range<usize>) -> usize {
    use super::triggers::PERSON_TRIGGER;
    let mut start = name.start;
    while start + 1 < name.end {
        let t = &tokens[start];
        let bits = super::triggers::bits(t);
        // The linker's given names (the tagger's name-list bit is far wider).
        let given = |t: &AnalyzedToken| {
            crate::entities::lexicon::LEXICONS
                .given_names
                .contains_key(t.base.as_str())
        };
        let trigger = bits & PERSON_TRIGGER != 0 && !given(t);
        let after_trigger = start
            .checked_sub(1)
            .and_then(|k| tokens.get(k))
            .is_some_and(|p| {
                p.sentence == t.sentence
                    && p.kind == TokenKind::Word
                    && super::triggers::bits(p) & PERSON_TRIGGER != 0
            });
        // `الجليل` before a given name (`سعد`), not `الحسن` before `بن علي`.
        let next = &tokens[start + 1];
        let adjective = after_trigger
            && t.base.starts_with("ال")
            && t.clitics.is_empty()
            && given(next)
            && !next.base.starts_with("ال");
        if !(trigger || adjective) {
            break;
        }
        start += 1;
    }
    start
}

/// A person's name the tagger reads over a phrase of kinship (`سامي النعمي ابن خالة
/// عبدالفتاح`) is two names, the one before the phrase and the one after it
/// (`data/ner/kinship_phrases.txt`).
fn split_names_at_kinship(
    tokens: &[AnalyzedToken],
    names: Vec<super::NerSpan>,
) -> Vec<super::NerSpan> {
    let lx = &crate::entities::lexicon::LEXICONS;
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        if name.class != NerClass::Person {
            out.push(name);
            continue;
        }
        let mut rest = name;
        while let Some((k, len)) = (rest.tokens.start + 1..rest.tokens.end)
            .find_map(|k| lx.kinship_phrase_at(tokens, k).map(|len| (k, len)))
        {
            out.push(super::NerSpan {
                tokens: rest.tokens.start..k,
                span: Span::new(rest.span.start, tokens[k - 1].span.end),
                class: rest.class,
            });
            let after = k + len;
            if after >= rest.tokens.end {
                rest.tokens.start = rest.tokens.end;
                break;
            }
            rest.tokens.start = after;
            rest.span.start = tokens[after].base_span.start;
        }
        if !rest.tokens.is_empty() {
            out.push(rest);
        }
    }
    out
}

/// A person's name the tagger ends on a connector (`محمد بن نايف آل` + `سعود`, `بن` +
/// …) goes on over the word after it, and takes in the name that starts there; a
/// connector alone (`آل`) is no name.
fn join_names_split_at_a_connector(
    tokens: &[AnalyzedToken],
    names: Vec<super::NerSpan>,
) -> Vec<super::NerSpan> {
    let connectors = &crate::entities::lexicon::LEXICONS.name_connectors;
    // The connector itself, not a name built on it with an enclitic (`عبده`).
    let is_connector = |k: usize| {
        let t = &tokens[k];
        connectors.contains(t.base.as_str()) && t.segments().last() == Some(&t.base.as_str())
    };
    let mut out: Vec<super::NerSpan> = Vec::with_capacity(names.len());
    for name in names {
        if let Some(last) = out.last_mut() {
            // The previous name took this one in.
            if name.tokens.start < last.tokens.end {
                if name.tokens.end > last.tokens.end && last.class == name.class {
                    last.tokens.end = name.tokens.end;
                    last.span.end = name.span.end;
                }
                continue;
            }
        }
        let mut name = name;
        if name.class == NerClass::Person
            && name.tokens.len() == 1
            && is_connector(name.tokens.start)
        {
            // A lone connector joins a name right after it, else is dropped.
            let next = name.tokens.end;
            let joins = tokens.get(next).is_some_and(|t| {
                t.kind == TokenKind::Word && t.sentence == tokens[name.tokens.start].sentence
            });
            if !joins {
                continue;
            }
        }
        if name.class == NerClass::Person && is_connector(name.tokens.end - 1) {
            let next = name.tokens.end;
            if tokens.get(next).is_some_and(|t| {
                t.kind == TokenKind::Word && t.sentence == tokens[name.tokens.start].sentence
            }) {
                name.tokens.end = next + 1;
                name.span.end = tokens[next].span.end;
            }
        }
        out.push(name);
    }
    out
}

/// Whether the one-word person the tagger found at token `k` goes on over the word
/// before it (a given name: `آلان [تايلور]`, `سلطان [اللويحق]`) or the word after it (a
/// name word, when the person's own word opens names: `[جون] راي`). Either word must be
/// in the person-name lists, not a trigger or stop word, without the article, read inside
/// people's names across unlabelled news (the word profiles: at least 40% of the time,
/// and for the word before mostly as the first word), and outside every mention found.
fn given_names_around(tokens: &[AnalyzedToken], k: usize, entities: &[Entity]) -> (bool, bool) {
    use super::triggers::{COMMON_WORD, GIVEN_NAME};
    let profile = |t: &AnalyzedToken| super::NerModel::bundled().profile().get(super::word_key(t));
    let sentence = tokens[k].sentence;
    // Without clitics; the word before may carry a conjunction (`وسلطان [الجميح]`).
    let name_word = |j: usize, conjunction: bool| {
        tokens.get(j).is_some_and(|t| {
            let bits = super::triggers::bits(t);
            let clitics = t.clitics.len();
            let joined = t.first_segment() == "و";
            t.kind == TokenKind::Word
                && (clitics == 0 || (conjunction && clitics == 1 && joined))
                && t.sentence == sentence
                && !t.base.starts_with("ال")
                && bits & GIVEN_NAME != 0
                && bits & COMMON_WORD == 0
                && !entities.iter().any(|e| {
                    e.mentions
                        .iter()
                        .any(|m| m.start < t.span.end && t.base_span.start < m.end)
                })
        })
    };
    // `حسام و[إبراهيم]` is two people.
    if tokens[k].base_span.start != tokens[k].span.start {
        return (false, false);
    }
    let before = k
        .checked_sub(1)
        .is_some_and(|p| name_word(p, true) && profile(&tokens[p]).in_person_names(2, true));
    let after = !before
        && tokens[k].base_span.end == tokens[k].span.end
        && profile(&tokens[k]).in_person_names(2, true)
        && name_word(k + 1, false)
        && profile(&tokens[k + 1]).in_person_names(2, false);
    (before, after)
}

/// The spans of all mentions of the entities, in one flat list, so that most names (those
/// no mention overlaps) are let through without [`make_room`] walking every entity and
/// mention. The list is read again from the entities after anything may have changed
/// their mentions, and grows by the mentions added.
struct MentionSpans {
    /// (start, end) of every mention, when `fresh`.
    spans: Vec<(usize, usize)>,
    /// False when the mentions may have changed since `spans` was read.
    fresh: bool,
    /// True when no entity is left without mentions (which [`make_room`] would drop even
    /// for a name nothing is in the way of).
    pruned: bool,
}

impl MentionSpans {
    /// The spans of the mentions of `entities`.
    fn of(entities: &[Entity]) -> MentionSpans {
        let mut spans = MentionSpans {
            spans: Vec::new(),
            fresh: false,
            pruned: entities.iter().all(|e| !e.mentions.is_empty()),
        };
        spans.refresh(entities);
        spans
    }

    /// Reads the spans again from `entities`.
    fn refresh(&mut self, entities: &[Entity]) {
        self.spans.clear();
        self.spans.extend(
            entities
                .iter()
                .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end))),
        );
        self.fresh = true;
    }

    /// Notes that the mentions may have changed.
    fn mark_stale(&mut self) {
        self.fresh = false;
    }

    /// Notes a mention added over `start..end`.
    fn add(&mut self, start: usize, end: usize) {
        if self.fresh {
            self.spans.push((start, end));
        }
    }

    /// False when [`make_room`] would find nothing to do for a name over `start..end`: no
    /// mention overlaps it and no entity is without mentions.
    fn may_be_in_the_way(&mut self, entities: &[Entity], start: usize, end: usize) -> bool {
        if !self.pruned {
            return true;
        }
        if !self.fresh {
            self.refresh(entities);
        }
        self.spans.iter().any(|&(s, e)| s < end && start < e)
    }
}

/// What [`make_room`] did for a name.
enum Room {
    /// Nothing is in the way (any more).
    Free,
    /// A shorter new mention inside the name now spans the whole name.
    Grown,
    /// Another mention overlaps the name.
    Blocked,
}

/// Makes room for a name the tagger found over mentions that are only parts of it:
/// - a nisba after the first word of a person's name (`المصري` in `أبو حمزة المصري`, not
///   Egypt), or opening an organisation's name, is dropped;
/// - so is a town, a knowledge-base organisation or a parent's name (after `بن`) past the
///   first word of a person's name (`أحمد أبو غزة`, `غوران إريكسون`);
/// - a new (`known: false`) mention of the same type inside the name (the first two words
///   of a three-word name), or one read after a descriptor that runs on past it, takes the
///   name's span; so does a known person named by the name's last words (`خوسي لويس
///   [ثاباتيرو]`), keeping its link.
///
/// Any other mention in the way blocks the name.
fn make_room(
    ctx: &TextContext<'_>,
    kb: &crate::KnowledgeBase,
    entities: &mut Vec<Entity>,
    name: &super::NerSpan,
) -> Room {
    let (start, end) = (name.span.start, name.span.end);
    let kind = name.class.entity_type();
    let person = kind == EntityType::Person;
    // Mentions that are parts of the name, dropped; and the mention that takes its span.
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut inner = None;
    for (ei, e) in entities.iter().enumerate() {
        for (mi, m) in e.mentions.iter().enumerate() {
            if !(m.start < end && start < m.end) {
                continue;
            }
            let inside = start <= m.start && m.end <= end;
            // Inside a person's name, after its first word (`أحمد أبو [غزة]`).
            let later_in_person = inside && person && m.start > start;
            // A new name read after a descriptor that runs on past the tagger's
            // (`الرئيس [صالح] تعهد`): the tagger knows where a name ends.
            let runs_on = person && m.start == start && m.end > end;
            // A nisba that opens an organisation's name is part of the name (`«[أمريكان]
            // أكسبريس»`): inside a fixed name nothing is nested.
            let opens_org = inside && kind == EntityType::Org && m.start == start && m.end < end;
            let name_mention = m.kind == MentionKind::Name;
            if m.kind == MentionKind::Nisba && (later_in_person || opens_org) {
                parts.push((ei, mi));
            } else if (inside || runs_on) && !e.known && e.kind == kind && inner.is_none() {
                inner = Some((ei, mi));
            } else if later_in_person && name_mention && is_place_in_a_name(e) {
                parts.push((ei, mi));
            } else if later_in_person && name_mention && e.known && e.kind == EntityType::Org {
                // `غوران [إريكسون]`: a company's name as a person's family name.
                parts.push((ei, mi));
            } else if later_in_person && name_mention && e.known && e.kind == kind {
                if after_son_of(ctx, m.start) {
                    // `أحمد بن [محمد بن راشد]`: the son, another person.
                    parts.push((ei, mi));
                } else if !first_name_fits(ctx, name, e) {
                    // `جيمس [كاميرون]`: another person of that family name.
                    parts.push((ei, mi));
                } else if inner.is_none() {
                    // `خوسي لويس [ثاباتيرو]`: the known person, named in full.
                    inner = Some((ei, mi));
                } else {
                    return Room::Blocked;
                }
            } else if person
                && name_mention
                && e.known
                && e.kind == kind
                && m.start == start
                && m.end < end
                && m.text.split(' ').any(|w| matches!(w, "بن" | "ابن" | "بنت"))
                && family_name_after(ctx, kb, m.end, end)
            {
                // `[فيصل بن عبدالعزيز] السديري`: a known person's name and father's
                // name are only the start of another person's, who carries a family
                // name of their own.
                parts.push((ei, mi));
            } else {
                return Room::Blocked;
            }
        }
    }
    parts.sort_unstable();
    for &(ei, mi) in parts.iter().rev() {
        entities[ei].mentions.remove(mi);
    }
    // Indices of the inner mention after the removals.
    let inner = inner.map(|(ei, mi)| {
        let before = parts.iter().filter(|&&(e, m)| e == ei && m < mi).count();
        (ei, mi - before)
    });
    let room = match inner {
        Some((ei, mi)) => {
            let text = ctx.slice(name.span).to_string();
            // A new entity named only by this mention takes the whole name, and the id
            // that goes with it (unless another entity has that id).
            let name_en = new_name_en(&text, entities[ei].kind, kb);
            let prefix = entities[ei]
                .id
                .split(':')
                .next()
                .unwrap_or("person")
                .to_string();
            let id = format!("{prefix}:{}", slug(&name_en));
            let id_free = !entities.iter().any(|x| x.id == id);
            let e = &mut entities[ei];
            if e.mentions.len() == 1 && !e.known {
                e.name_en = name_en;
                e.name_ar = text.clone();
                if id_free {
                    e.id = id;
                }
            }
            let m = &mut e.mentions[mi];
            m.start = start;
            m.end = end;
            m.text = text;
            Room::Grown
        }
        None => Room::Free,
    };
    entities.retain(|e| !e.mentions.is_empty());
    room
}

/// True when the text from character `from` to `end` is one word that reads as a family
/// name carried after a known person's name (`[فيصل بن عبدالعزيز] السديري`): a definite word that
/// is no common word and that the knowledge base does not know (not a nisba of a state,
/// not a place, not another name), so the two words before it name someone else.
fn family_name_after(
    ctx: &TextContext<'_>,
    kb: &crate::KnowledgeBase,
    from: usize,
    end: usize,
) -> bool {
    let tokens = &ctx.analysis.tokens;
    let k = tokens.partition_point(|t| t.span.end <= from);
    let Some(t) = tokens.get(k) else {
        return false;
    };
    t.span.start >= from
        && t.span.end == end
        && t.norm.starts_with("ال")
        && t.norm.chars().count() >= 5
        && !is_common_word(t)
        && kb
            .aliases_of(&crate::kb::normalize_phrase(&t.norm))
            .is_empty()
}

/// True when the first word of `name` may be a word of the known person `e`'s name:
/// one of its words, or another spelling of one (the same consonants: `خوسي` and
/// `خوسيه`, `الكسيس` and `أليكسيس`).
fn first_name_fits(ctx: &TextContext<'_>, name: &super::NerSpan, e: &Entity) -> bool {
    let fold = |w: &str| marsad_text::normalize_word(w, marsad_text::Folding::MATCH);
    let Some(first) = ctx.analysis.tokens.get(name.tokens.start) else {
        return false;
    };
    let first = fold(&first.base);
    let consonants = |w: &str| -> String {
        w.chars()
            .filter(|c| !matches!(c, 'ا' | 'و' | 'ي' | 'ى' | 'ء' | 'ه' | 'ة'))
            .collect()
    };
    let skeleton = consonants(&first);
    fold(&e.name_ar)
        .split(' ')
        .any(|k| k == first || (skeleton.chars().count() >= 2 && consonants(k) == skeleton))
}

/// True when the word right before character `at` is `بن`/`ابن`/`بنت` (son or daughter
/// of): the name from `at` on is a parent's.
fn after_son_of(ctx: &TextContext<'_>, at: usize) -> bool {
    let tokens = &ctx.analysis.tokens;
    let k = tokens.partition_point(|t| t.span.end <= at);
    k.checked_sub(1)
        .and_then(|p| tokens.get(p))
        .is_some_and(|t| matches!(t.norm.as_str(), "بن" | "ابن" | "بنت" | "ابنه"))
}

/// A place named inside a person's name past its first word is part of the name
/// (`أحمد أبو [غزة]`, `مايكل [بالاك]`), unless it is a state or a capital: the tagger,
/// which sees the knowledge-base hit, read the whole as a person.
fn is_place_in_a_name(e: &Entity) -> bool {
    matches!(e.kind, EntityType::Gpe | EntityType::Loc)
        && !e
            .roles
            .iter()
            .any(|r| r == "country" || r.contains("capital"))
}

/// Most words an organisation's name takes after its `لل` complement (`والدواء`,
/// `الصحية`).
const MAX_COMPLEMENT_WORDS: usize = 2;

/// An adjective in `ية` without the article or a proclitic (`إرهابية`, `عراقية`).
fn is_indefinite_adjective(t: &AnalyzedToken) -> bool {
    t.kind == TokenKind::Word
        && t.base_span == t.span
        && !t.norm.starts_with("ال")
        && t.norm.chars().count() >= 4
        && (t.norm.ends_with("ية") || t.norm.ends_with("يه"))
}

/// An organisation's name goes on over a `لل` complement and what is joined to it:
/// `الهيئة السعودية [للغذاء والدواء]`, `الهيئة العامة [للتخصصات الصحية]`. After the
/// complement come at most [`MAX_COMPLEMENT_WORDS`] definite words, each joined by و or
/// an adjective in ية/ي, none a stop word or modifier (`التالية`, `الحالي`). Returns the
/// new end token.
fn complement_end(tokens: &[AnalyzedToken], end: usize) -> usize {
    let word = |i: usize| tokens.get(i).filter(|t| t.kind == TokenKind::Word);
    let same_sentence =
        |i: usize| tokens.get(i).map(|t| t.sentence) == tokens.get(end - 1).map(|t| t.sentence);
    let Some(first) = word(end).filter(|t| t.norm.starts_with("لل") && same_sentence(end)) else {
        return end;
    };
    if first.norm.chars().count() < 5 || LEXICONS.never_names.contains(first.norm.as_str()) {
        return end;
    }
    let mut last = end + 1;
    for i in end + 1..end + 1 + MAX_COMPLEMENT_WORDS {
        let Some(t) = word(i).filter(|_| same_sentence(i)) else {
            break;
        };
        let n = t.norm.as_str();
        let joined = n.starts_with("وال") && n.chars().count() >= 5;
        let adjective = n.starts_with("ال") && (n.ends_with("ية") || n.ends_with('ي'));
        let listed = crate::entities::lexicon::LEXICONS.stop.contains_key(n)
            || crate::entities::lexicon::LEXICONS
                .stop
                .contains_key(t.base.as_str());
        if !(joined || adjective) || listed {
            break;
        }
        last = i + 1;
    }
    last
}

/// The English name of a new entity: an organisation whose name describes it is
/// translated (`الهيئة العامة للسياحة` → "General Authority for Tourism", see
/// [`crate::entities::org_english`]); another organisation or facility headed by a noun of
/// `entity_org_name_heads.tsv` or `entity_eponym_heads.tsv` is named by its pattern
/// (`جامعة تينيسي` → "Tinisi University"); anything else is transliterated.
fn new_name_en(text: &str, kind: EntityType, kb: &crate::KnowledgeBase) -> String {
    if matches!(kind, EntityType::Org | EntityType::Fac) {
        if let Some(name) = crate::entities::org_english::descriptive_name_en(text, kb) {
            return name;
        }
        if let Some((head, rest)) = text.split_once(' ') {
            let head = marsad_text::normalize_word(head, marsad_text::Folding::MATCH);
            if let Some(p) = crate::entities::lexicon::LEXICONS.org_name_heads.get(&head) {
                return p.replace("{name}", &transliterate(rest));
            }
        }
        // An organisation's name is a title: `Al-Arabi`, not `al-Arabi`.
        return crate::entities::translit::capitalise_first(&transliterate(text));
    }
    transliterate(text)
}

/// The name and nisba mentions of states and organisations, by their end (characters):
/// their start and the entity's English name; and by their start, the English name. Read
/// by [`introducing_role`] and [`role_after`].
///
/// Lists in entity and mention order rather than hash maps: a document has few such
/// mentions and a role reads a handful of positions, so a scan costs less than building a
/// map; and each entity's English name is copied once, not once per mention and map. For a
/// position held by several mentions, the first in that order counts.
struct Owners {
    /// The English name of each state and organisation, and whether it is a state.
    names: Vec<(String, bool)>,
    /// (end, start, index in `names`) of every mention.
    by_end: Vec<(usize, usize, usize)>,
    /// (start, index in `names`) of every mention.
    by_start: Vec<(usize, usize)>,
}

impl Owners {
    fn of(entities: &[Entity]) -> Owners {
        let owning = || {
            entities
                .iter()
                .filter(|e| matches!(e.kind, EntityType::Gpe | EntityType::Org))
        };
        // Room for every mention at once: the lists are not grown step by step.
        let (entity_count, mention_count) =
            owning().fold((0, 0), |(n, m), e| (n + 1, m + e.mentions.len()));
        let mut names = Vec::with_capacity(entity_count);
        let mut by_end = Vec::with_capacity(mention_count);
        let mut by_start = Vec::with_capacity(mention_count);
        for e in owning() {
            let before = by_end.len();
            for m in e
                .mentions
                .iter()
                .filter(|m| matches!(m.kind, MentionKind::Name | MentionKind::Nisba))
            {
                by_end.push((m.end, m.start, names.len()));
                by_start.push((m.start, names.len()));
            }
            if by_end.len() > before {
                names.push((e.name_en.clone(), e.kind == EntityType::Gpe));
            }
        }
        Owners {
            names,
            by_end,
            by_start,
        }
    }

    /// The start and English name of the first state or organisation mention that ends
    /// at character `end`.
    fn ending_at(&self, end: usize) -> Option<(usize, &str)> {
        let &(_, start, k) = self.by_end.iter().find(|&&(e, _, _)| e == end)?;
        let (name, _) = self.names.get(k)?;
        Some((start, name.as_str()))
    }

    /// The English name and statehood of the first state or organisation mention that
    /// starts at character `start`.
    fn at_start(&self, start: usize) -> Option<(&str, bool)> {
        let &(_, k) = self.by_start.iter().find(|&&(s, _)| s == start)?;
        let (name, state) = self.names.get(k)?;
        Some((name.as_str(), *state))
    }

    /// The English name of the state or organisation whose mention starts at token `t`
    /// (at its base, after a clitic: `لهيئة`, or at the token), and whether it is a state.
    fn starting_at(&self, t: &AnalyzedToken) -> Option<(&str, bool)> {
        self.at_start(t.base_span.start)
            .or_else(|| self.at_start(t.span.start))
    }
}

/// The knowledge-base title that ends at one of the phrase-index `nodes`, if any.
fn title_at<'k>(kb: &'k crate::KnowledgeBase, nodes: &[u32]) -> Option<&'k crate::kb::Title> {
    use crate::entities::index::Label;
    nodes.iter().find_map(|&n| {
        kb.index.labels(n).iter().find_map(|l| match *l {
            Label::Title(t) => kb.titles().get(t as usize),
            _ => None,
        })
    })
}

/// The trie tokens ([`crate::entities::index::PhraseIndex::token`]) a word of a title
/// may be read as: its base, its base made definite (`خارجية` → `الخارجية`, for a
/// construct title) and its base with a preposition kept (`باسمها` → `باسم`).
#[derive(Default, Clone, Copy)]
struct TitleForms {
    base: Option<u32>,
    definite: Option<u32>,
    with_prep: Option<u32>,
}

impl TitleForms {
    /// The forms of `t`; `buf` is room to spell them in.
    fn of(t: &AnalyzedToken, kb: &crate::KnowledgeBase, buf: &mut String) -> TitleForms {
        let base = kb.index.token(&t.base);
        let definite = if t.base.starts_with("ال") {
            base
        } else {
            buf.clear();
            buf.push_str("ال");
            buf.push_str(&t.base);
            kb.index.token(buf)
        };
        buf.clear();
        for seg in t.segments() {
            if seg == t.base.as_str() {
                break;
            }
            if !matches!(seg, "و" | "ف") {
                buf.push_str(seg);
            }
        }
        let with_prep = if buf.is_empty() {
            base
        } else {
            buf.push_str(&t.base);
            kb.index.token(buf)
        };
        TitleForms {
            base,
            definite,
            with_prep,
        }
    }
}

/// The role that introduces a new person named from token `first`: a title of the
/// knowledge base or a descriptor ending right before the name, or before the state or
/// organisation the title belongs to and an apposition comma: `وزير الخارجية النمساوي،
/// [name]` and `وزير خارجية النمسا [name]` → "foreign minister of Austria", `الناطق باسمها
/// [name]` → "spokesperson", `السيناتور [name]` → "senator". `owners` holds the states
/// and organisations found so far; `roles_before` keeps the titles read before a token
/// in this document.
fn introducing_role(
    tokens: &[AnalyzedToken],
    owners: &Owners,
    kb: &crate::KnowledgeBase,
    first: usize,
    roles_before: &mut RolesBefore,
) -> Option<String> {
    use crate::entities::lexicon::StopClass;
    let sentence = tokens.get(first)?.sentence;
    let in_sentence = |k: usize| tokens[k].sentence == sentence;
    let mut k = first;
    // `وزير الخارجية النمساوي، [name]`; but in `X وزير الخارجية، و[name]` the title
    // before the comma is X's.
    let coordinated =
        tokens[first].first_segment() == "و" && tokens[first].base != tokens[first].norm;
    if k > 0
        && !coordinated
        && in_sentence(k - 1)
        && tokens[k - 1].kind == TokenKind::Punct
        && matches!(tokens[k - 1].norm.as_str(), "،" | ",")
    {
        k -= 1;
    }
    // The state or organisation after the title (a nisba or a name), and modifiers
    // (`السابق`).
    let mut of: Option<&str> = None;
    for _ in 0..3 {
        let Some(p) = k.checked_sub(1).filter(|&p| in_sentence(p)) else {
            break;
        };
        if tokens[p].kind != TokenKind::Word {
            break;
        }
        if LEXICONS.stop.get(tokens[p].base.as_str()) == Some(&StopClass::Modifier) {
            k = p;
            continue;
        }
        let Some((start, name)) = owners.ending_at(tokens[p].span.end) else {
            break;
        };
        let s = tokens.partition_point(|t| t.span.end <= start);
        if s > p || !in_sentence(s) || of.is_some() {
            break;
        }
        of = Some(name);
        k = s;
    }
    let (role, alone, is_title) = roles_before
        .0
        .entry(k)
        .or_insert_with(|| role_before(tokens, kb, k))
        .as_ref()?;
    Some(match (of, alone) {
        (Some(o), _) if *is_title && !o.is_empty() => format!("{role} of {o}"),
        (None, Some(alone)) => alone.clone(),
        _ => role.clone(),
    })
}

/// A role read before a name: the role, the role before a name alone for a title, and
/// whether it is a title.
type RoleBefore = (String, Option<String>, bool);

/// The roles that end before each token ([`role_before`]), read once per document: a
/// new person's role is asked for when the name is found and again, with more owners
/// known, once all names are in ([`add_missing_roles`]).
#[derive(Default)]
struct RolesBefore(FastMap<usize, Option<RoleBefore>>);

/// The longest title or descriptor that ends right before token `k`, in its sentence (a
/// construct title read as the definite one: `وزير خارجية` as `وزير الخارجية`).
fn role_before(
    tokens: &[AnalyzedToken],
    kb: &crate::KnowledgeBase,
    k: usize,
) -> Option<RoleBefore> {
    use crate::entities::index::ROOT;
    let sentence = tokens.get(k)?.sentence;
    let in_sentence = |k: usize| tokens[k].sentence == sentence;
    let mut best: Option<RoleBefore> = None;
    // The trie tokens of the words before `k`, each looked up once (index `k - 1 - s`
    // for the word at `s`).
    let mut forms: [TitleForms; 4] = Default::default();
    // Trie nodes reached so far, and the next ones (reused across phrases).
    let (mut nodes, mut next): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
    let mut phrase = String::new();
    for len in 1..=4 {
        let Some(s) = k.checked_sub(len).filter(|&s| in_sentence(s)) else {
            break;
        };
        if tokens[s].kind != TokenKind::Word {
            break;
        }
        forms[len - 1] = TitleForms::of(&tokens[s], kb, &mut phrase);
        // The phrase is read either as written or with every word after the first
        // definite.
        let mut title = |definite: bool| {
            nodes.clear();
            nodes.push(ROOT);
            for j in 0..len {
                let f = &forms[len - 1 - j];
                let first = if definite && j > 0 {
                    f.definite
                } else {
                    f.base
                };
                next.clear();
                for &n in nodes.iter() {
                    for w in [first, f.with_prep].into_iter().flatten() {
                        next.extend(kb.index.step(n, w));
                    }
                }
                std::mem::swap(&mut nodes, &mut next);
            }
            title_at(kb, &nodes).map(|t| (t.role_en.clone(), Some(t.role_before_name())))
        };
        if let Some((r, alone)) = title(false).or_else(|| title(true)) {
            best = Some((r, alone, true));
            continue;
        }
        phrase.clear();
        for (j, t) in tokens[s..k].iter().enumerate() {
            if j > 0 {
                phrase.push(' ');
            }
            phrase.push_str(&t.base);
        }
        if let Some(d) = descriptor(&phrase) {
            best = Some((d.role_en.clone(), None, false));
        }
    }
    best
}

/// The descriptors of `entity_descriptors.tsv` by phrase, the first of the list for a
/// phrase listed twice: a role looks up to nine phrases, which a scan of the whole list
/// each would make the costliest part of reading it.
static DESCRIPTORS_BY_PHRASE: std::sync::LazyLock<
    FastMap<&'static str, &'static crate::entities::lexicon::Descriptor>,
> = std::sync::LazyLock::new(|| {
    let mut by_phrase = FastMap::default();
    for d in &LEXICONS.descriptors {
        by_phrase.entry(d.phrase.as_str()).or_insert(d);
    }
    by_phrase
});

/// The first descriptor whose phrase is `phrase`.
fn descriptor(phrase: &str) -> Option<&'static crate::entities::lexicon::Descriptor> {
    DESCRIPTORS_BY_PHRASE.get(phrase).copied()
}

/// The English role given in apposition right after a name whose last token is
/// `end - 1`: after a comma (`سعيد اللاوندي، الخبير بمركز ...`), straight after the name
/// (`[X] مدير عام الجمعية`) or after `وهو` / `وهي` (`[X] وهو مستشار أمني`). The phrase
/// of most words wins: a title of the knowledge base, a descriptor, or the head of a role
/// (`entity_apposition_heads.tsv`; on a tie the head, the plainer reading after a name:
/// `رئيس` is "head" there, not "president"). A title or head followed by a state or
/// organisation that the linker found gets it as its owner: `[X] المدير العام لهيئة
/// الإذاعة البريطانية` → "director-general of BBC".
fn role_after(
    tokens: &[AnalyzedToken],
    kb: &crate::KnowledgeBase,
    owners: &Owners,
    end: usize,
) -> Option<String> {
    use crate::entities::index::ROOT;
    let lx = &crate::entities::lexicon::LEXICONS;
    let sentence = tokens.get(end.checked_sub(1)?)?.sentence;
    let at = |k: usize, kind: TokenKind| {
        tokens
            .get(k)
            .filter(|t| t.sentence == sentence && t.kind == kind)
    };
    let mut j = end;
    if at(j, TokenKind::Punct).is_some_and(|t| matches!(t.norm.as_str(), "،" | ",")) {
        j += 1;
    }
    if at(j, TokenKind::Word).is_some_and(|t| matches!(t.base.as_str(), "هو" | "هي")) {
        j += 1;
    } else if at(j, TokenKind::Word)
        .is_some_and(|t| matches!(t.first_segment(), "و" | "ف" | "ل" | "ب") && t.base != t.norm)
    {
        // `[X] والأمير فيصل`, `[X]، ومدير الإدارة فلان`: the next person of a list;
        // `[X] للممثل الفرنسي`: someone else's.
        return None;
    }
    // (words, role, may have an owner); and the title of as many words as the head
    // that wins, which a state after it prefers (`رئيس أفغانستان`: president).
    let mut best: Option<(usize, &str, bool)> = None;
    let mut title_of_state: Option<(usize, &str)> = None;
    let (mut nodes, mut next) = (vec![ROOT], Vec::new());
    let (mut phrase, mut buf) = (String::new(), String::new());
    for len in 1..=5 {
        let Some(t) = at(j + len - 1, TokenKind::Word) else {
            break;
        };
        if !nodes.is_empty() {
            let f = TitleForms::of(t, kb, &mut buf);
            let forms = if len == 1 {
                [f.base, f.with_prep, None]
            } else {
                [f.base, f.definite, f.with_prep]
            };
            next.clear();
            for &n in &nodes {
                for w in forms.into_iter().flatten() {
                    next.extend(kb.index.step(n, w));
                }
            }
            next.sort_unstable();
            next.dedup();
            std::mem::swap(&mut nodes, &mut next);
            let title = title_at(kb, &nodes).map(|t| t.role_en.as_str());
            // One definite title word after a name stands before the next name
            // (`[X] الشيخ فلان`) or is a family name (`آل الشيخ`).
            if let Some(role) = title.filter(|_| len > 1 || !t.base.starts_with("ال")) {
                best = Some((len, role, true));
                title_of_state = Some((len, role));
            }
        }
        if len > 1 {
            phrase.push(' ');
        }
        phrase.push_str(&t.base);
        if let Some(d) = descriptor(&phrase) {
            best = Some((len, d.role_en.as_str(), false));
        }
        if let Some(role) = lx.apposition_heads.get(phrase.as_str()) {
            best = Some((len, role.as_str(), true));
        }
    }
    let (len, role, owned) = best?;
    let owner = tokens
        .get(j + len)
        .filter(|t| owned && t.sentence == sentence)
        .and_then(|t| owners.starting_at(t))
        .filter(|(o, _)| !o.is_empty());
    Some(match owner {
        Some((o, state)) => {
            let role = match title_of_state {
                Some((n, title)) if state && n == len => title,
                _ => role,
            };
            format!("{role} of {o}")
        }
        None => role.to_string(),
    })
}

/// True when the one word `word` is a short form of the full name `full` (both in
/// matching folding): its last word, unless that word follows a name particle
/// (`محمد بن [سلمان]`, `عبد [الله]`), is a regnal number (`[الثاني]`) or never names
/// anyone alone (`عز [الدين]`), as in the entities stage
/// (`data/lexicons/entity_name_particles.tsv`, `data/ner/never_names.txt`).
#[cfg(test)]
fn is_short_form(full: &str, word: &str) -> bool {
    let mut words = full.rsplit(' ');
    let (Some(last), Some(before)) = (words.next(), words.next()) else {
        return false;
    };
    let lx = &crate::entities::lexicon::LEXICONS;
    last == word
        && !lx.name_connectors.contains(before)
        && !lx.name_ordinals.contains(word)
        && !lx.never_names.contains(word)
}

/// True when `short` is a family particle and one word (`آل دغيم`, `أبو مازن`) that ends the
/// longer name `full` (`خالد آل دغيم`), both in matching folding.
#[cfg(test)]
fn is_family_name_of(full: &str, short: &str) -> bool {
    let lx = &crate::entities::lexicon::LEXICONS;
    let mut words = short.split(' ');
    let (Some(particle), Some(_), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    lx.family_particles.contains(particle)
        && full.len() > short.len()
        && full.ends_with(short)
        && full[..full.len() - short.len()].ends_with(' ')
}

/// A new name (matching folding) and what it may be of an earlier mention's text: the
/// same name, or for a person a short form of a full name (its last word) or a family
/// name that ends it (`آل دغيم` of `خالد آل دغيم`). What depends on the new name alone
/// is decided once here, not again for every mention it is held against.
struct NameMatch<'a> {
    norm: &'a str,
    /// The name's last character, if it has one.
    last: Option<char>,
    /// A person's one word that may be the last word of a full name: no regnal number,
    /// nor a word that never names anyone alone.
    short_form: bool,
    /// A person's family particle and one word.
    family_name: bool,
}

impl<'a> NameMatch<'a> {
    /// The tests for the new name `norm`, a person's when `person`.
    fn new(norm: &'a str, person: bool) -> NameMatch<'a> {
        let lx = &crate::entities::lexicon::LEXICONS;
        let short_form = person
            && !norm.contains(' ')
            && !lx.name_ordinals.contains(norm)
            && !lx.never_names.contains(norm);
        let family_name = person && {
            let mut words = norm.split(' ');
            matches!(
                (words.next(), words.next(), words.next()),
                (Some(particle), Some(_), None) if lx.family_particles.contains(particle)
            )
        };
        NameMatch {
            norm,
            last: norm.chars().next_back(),
            short_form,
            family_name,
        }
    }

    /// False when the text `raw` (as written) cannot name the same entity: its folding
    /// does not end in the name's last character, which both the same name and a name
    /// ending in it would. Much cheaper than folding `raw`: only its last characters are
    /// read.
    fn may_match(&self, raw: &str) -> bool {
        self.last.is_none() || last_folded_char(raw) == self.last
    }

    /// True when the mention text `n` (matching folding) names the same entity: it is the
    /// name, or the name is its short form or family name (`n` ends in a space and the
    /// name; for a short form, the word before is no name particle: `محمد بن [سلمان]`).
    fn matches(&self, n: &str) -> bool {
        if n == self.norm {
            return true;
        }
        if !(self.short_form || self.family_name) {
            return false;
        }
        let Some(before) = n.strip_suffix(self.norm).and_then(|b| b.strip_suffix(' ')) else {
            return false;
        };
        self.family_name || {
            let word_before = before.rsplit(' ').next().unwrap_or(before);
            !crate::entities::lexicon::LEXICONS
                .name_connectors
                .contains(word_before)
        }
    }
}

/// The last character of `text` in matching folding: the folding of its last character
/// that folds to something (a diacritic or tatweel drops out). Folding maps each
/// character on its own, so this is the last character of the whole folded text.
fn last_folded_char(text: &str) -> Option<char> {
    text.chars().rev().find_map(|c| {
        let mut last = None;
        marsad_text::fold_chars(c, marsad_text::Folding::MATCH, |d| last = Some(d));
        last
    })
}

/// Where a tagged name over `name` ends given nunation, the mark of an indefinite word
/// (`أحمد شعيب [أميناً]`, as secretary; `[إيماناً] منها`): before the first word that
/// carries it. `None` when that is the first word: then the span names nothing, unless
/// it is a person's given name alone with dammatan or kasratan, as verse writes names
/// (`وفاطمةٌ وحدها`). Fathatan is not enough: its alef makes `أميناً` read as the name
/// `أمين`, and in news such a word is the adjective or the noun far more often.
fn end_before_nunation(
    text: &str,
    tokens: &[AnalyzedToken],
    name: std::ops::Range<usize>,
    class: NerClass,
) -> Option<usize> {
    let word = |k: usize| text.get(tokens[k].bytes.clone()).unwrap_or("");
    let Some(k) = name
        .clone()
        .find(|&k| marsad_text::ends_in_nunation(word(k)))
    else {
        return Some(name.end);
    };
    if k > name.start {
        return Some(k);
    }
    let given_name = class == NerClass::Person
        && name.len() == 1
        && word(k).ends_with(['\u{064C}', '\u{064D}'])
        && super::words::bundled().get(&tokens[k].base).base_bits & super::triggers::GIVEN_NAME
            != 0;
    given_name.then_some(name.end)
}

/// Whether the word at `k` may stand for a club by the word before it: not after a word
/// that vouches for another kind of organisation (`صحيفة «الرياض»`, the paper), after
/// an organisation word that vouches for none (`شركة الأهلي`, the bank's firm), nor as an
/// adjective right after a definite noun (`القطاع الأهلي`, the private sector).
fn may_name_a_club(tokens: &[AnalyzedToken], k: usize) -> bool {
    let Some(t) = tokens.get(k) else {
        return false;
    };
    let Some(prev) = crate::entities::word_before_over_quote(tokens, k)
        .filter(|p| p.sentence == t.sentence && p.kind == TokenKind::Word)
    else {
        return true;
    };
    match crate::entities::vouching_word(prev) {
        Some(word) => word.fits_role("club"),
        None => {
            let org_word = super::triggers::bits(prev) & super::triggers::ORG_TRIGGER != 0;
            let adjective = t.base_span.start == t.span.start && prev.base.starts_with("ال");
            !org_word && !adjective
        }
    }
}

/// What a document says of the clubs it means, read once per document when a one-word
/// organisation name first needs it (see [`kb_club_in_context`]).
struct ClubContext {
    /// A word in the text vouches for a club (`فريق`, `لاعب`): the text is about sport.
    about_sport: bool,
    /// The knowledge-base entities the document names.
    named: Vec<usize>,
    /// The document's country: the one most names of known places and organisations are
    /// in (two at least, and no tie). Players and coaches come from everywhere, and a
    /// nisba tells a nationality (`زميله المصري`) more often than where things are.
    home: Option<usize>,
}

impl ClubContext {
    fn of(kb: &crate::KnowledgeBase, tokens: &[AnalyzedToken], entities: &[Entity]) -> Self {
        let about_sport = tokens
            .iter()
            .any(|t| crate::entities::vouching_word(t).is_some_and(|w| w.fits_role("club")));
        let known = entities.iter().filter(|e| e.known);
        let named = known.clone().filter_map(|e| kb.index_of(&e.id)).collect();
        let mut count: FastMap<usize, usize> = FastMap::default();
        for e in known.filter(|e| e.kind != EntityType::Person) {
            if let Some(c) = kb.index_of(&e.id).and_then(|x| kb.country_of(x)) {
                *count.entry(c).or_default() += e
                    .mentions
                    .iter()
                    .filter(|m| m.kind == MentionKind::Name)
                    .count();
            }
        }
        let most = count.values().copied().max().filter(|&n| n >= 2);
        let home =
            most.and_then(|most| only(count.iter().filter(|&(_, &n)| n == most).map(|(&c, _)| c)));
        ClubContext {
            about_sport,
            named,
            home,
        }
    }
}

/// The one item of `items`, if there is exactly one.
fn only(mut items: impl Iterator<Item = usize>) -> Option<usize> {
    let one = items.next()?;
    items.next().is_none().then_some(one)
}

/// The knowledge-base club a one-word organisation name at token `k` stands for in a
/// document about sport (`الأهلي`, `النصر`: many states have a club of that name, and the
/// knowledge base holds each as the word and its state's nisba, `الأهلي السعودي`,
/// `الأهلي المصري`): the one the document already names, else the one of the document's
/// country, when exactly one club is.
fn kb_club_in_context(
    kb: &crate::KnowledgeBase,
    norm: &str,
    tokens: &[AnalyzedToken],
    k: usize,
    context: &ClubContext,
) -> Option<usize> {
    if norm.contains(' ') || !context.about_sport || !may_name_a_club(tokens, k) {
        return None;
    }
    let prefix = format!("{norm} ");
    let is_club = |e: usize| {
        kb.entity(e).is_some_and(|x| {
            x.kind == EntityType::Org && x.roles.iter().any(|r| r.ends_with("club"))
        })
    };
    let mut clubs: Vec<(usize, usize)> = kb
        .aliases_with_prefix(&prefix)
        .filter_map(|(alias, targets)| {
            let nisba = alias.strip_prefix(prefix.as_str())?;
            let &(state, _) = kb
                .aliases_of(nisba)
                .iter()
                .find(|&&(s, k)| k == crate::kb::AliasKind::Nisba && kb.is_country(s))?;
            let &(club, _) = targets.iter().find(|&&(e, _)| is_club(e))?;
            Some((club, state))
        })
        .collect();
    clubs.sort_unstable();
    clubs.dedup();
    only(
        clubs
            .iter()
            .map(|&(c, _)| c)
            .filter(|c| context.named.contains(c)),
    )
    .or_else(|| {
        let home = context.home?;
        only(clubs.iter().filter(|&&(_, s)| s == home).map(|&(c, _)| c))
    })
}

/// Adds entities for names the tagger finds outside every existing mention. Returns how
/// many mentions were added.
pub fn add_unknown_names(
    ctx: &TextContext<'_>,
    kb: &crate::KnowledgeBase,
    entities: &mut Vec<Entity>,
) -> usize {
    let tokens = &ctx.analysis.tokens;
    let hits = kb_hits_from_entities(tokens, entities);
    let mut added = 0;
    let names = split_names_at_kinship(
        tokens,
        join_names_split_at_a_connector(tokens, find_names(tokens, &hits)),
    );
    release_places_read_as_orgs(tokens, &names, entities);
    // Mention texts in matching folding, each normalised once per document.
    let mut norms = Folded::default();
    // States and organisations by mention end, gathered once at the first person.
    let mut owners: Option<Owners> = None;
    // What the document says of the clubs it means, read at the first one-word
    // organisation name.
    let mut clubs: Option<ClubContext> = None;
    // Titles before tokens, read once for both rounds of roles.
    let mut roles_before = RolesBefore::default();
    // Every mention's span, to skip `make_room` for a name that nothing is in the way of.
    let mut spans = MentionSpans::of(entities);
    for mut name in names {
        // A person read right after an organisation or place word is that kind of name;
        // an organisation read right after a place word is a place (`مدينة «برمنغهام»`),
        // unless the knowledge base holds an organisation of that name (`منطقة الأهلي`,
        // the club's penalty area).
        match (name.class, class_by_trigger(tokens, name.tokens.start)) {
            (NerClass::Person, Some(class)) => name.class = class,
            (NerClass::Org, Some(NerClass::Loc)) if !kb_holds_org(kb, ctx.slice(name.span)) => {
                name.class = NerClass::Loc
            }
            _ => {}
        }
        // `[قرية] المفتاحة`: a generic word before a place stays outside its name.
        if name.class == NerClass::Loc
            && name.tokens.len() > 1
            && is_generic_place_word(&tokens[name.tokens.start])
        {
            name.tokens.start += 1;
            name.span.start = tokens[name.tokens.start].base_span.start;
        }
        if name.class == NerClass::Person {
            let start = trim_person_start(tokens, name.tokens.clone());
            if start > name.tokens.start {
                name.tokens.start = start;
                name.span.start = tokens[start].base_span.start;
            }
        }
        if name.class == NerClass::Person {
            // `[آل] دغيم`, `[أبو] مازن`: the particle before a family name is part of it.
            let first = name.tokens.start;
            if let Some(p) = first.checked_sub(1).and_then(|k| tokens.get(k)) {
                let lx = &crate::entities::lexicon::LEXICONS;
                if p.kind == TokenKind::Word
                    && p.sentence == tokens[first].sentence
                    && lx.family_particles.contains(p.base.as_str())
                {
                    name.tokens.start = first - 1;
                    name.span.start = p.base_span.start;
                }
            }
        }
        if name.class == NerClass::Person && name.tokens.len() == 1 {
            let (before, after) = given_names_around(tokens, name.tokens.start, entities);
            if before {
                name.tokens.start -= 1;
                name.span.start = tokens[name.tokens.start].base_span.start;
            } else if after {
                name.tokens.end += 1;
                name.span.end = tokens[name.tokens.end - 1].span.end;
            }
        }
        // `[و]يستمنستر`, `[ف]ان بيرسي`: a foreign name's first و or ف, which the text
        // layer read as the conjunction, is part of the name.
        {
            let first = &tokens[name.tokens.start];
            let word = ctx.slice(Span::new(first.span.start, first.base_span.end));
            if first.base_span.start == first.span.start + 1
                && name.span.start == first.base_span.start
                && crate::entities::translit::keeps_its_proclitic(word)
            {
                name.span.start = first.span.start;
            }
        }
        // `[محمد] صلى الله عليه وسلم`: a person's name ends before a formula of blessing.
        if name.class == NerClass::Person {
            if let Some(k) = (name.tokens.start + 1..name.tokens.end)
                .find(|&k| LEXICONS.starts_honorific_formula(tokens, k))
            {
                name.tokens.end = k;
                name.span.end = tokens[k - 1].span.end;
            }
        }
        // Only a name headed by an organisation word (`الهيئة`, not `نيسان [للدفع الرباعي]`).
        let headed = || {
            super::triggers::bits(&tokens[name.tokens.start]) & super::triggers::ORG_TRIGGER != 0
        };
        // `منظمة إرهابية`, `قوات عراقية`: an organisation word and an indefinite adjective
        // describe some organisation; they name none.
        if name.class == NerClass::Org
            && name.tokens.len() == 2
            && headed()
            && is_indefinite_adjective(&tokens[name.tokens.start + 1])
        {
            continue;
        }
        if name.class == NerClass::Org && headed() {
            let end = complement_end(tokens, name.tokens.end);
            if end > name.tokens.end {
                name.tokens.end = end;
                name.span.end = tokens[end - 1].span.end;
            }
        }
        // `كأس [إسبانيا]`: a place inside the name of a competition is no mention.
        if name.class == NerClass::Loc
            && crate::entities::after_event_head(tokens, name.tokens.start)
        {
            continue;
        }
        // `[مسقط] رأسه` (his birthplace), `صلاة [المغرب]`: a place's name in a fixed
        // phrase is an ordinary word, and a name over it (`الرباط الصليبي`, the cruciate
        // ligament) is no name of any kind.
        if name
            .tokens
            .clone()
            .any(|k| LEXICONS.name_idiom_at(tokens, k))
        {
            continue;
        }
        // `كسرت`, `كاسيا`: a one-word place read after the clitic `ك` is a place only
        // when it is a state (`crate::entities::like_clitic_bare`).
        if name.class == NerClass::Loc && name.tokens.len() == 1 {
            let t = &tokens[name.tokens.start];
            let word = ctx.slice(t.span);
            if crate::entities::like_clitic_bare(word, name.span.start - t.span.start) {
                let key =
                    marsad_text::normalize_word(ctx.slice(name.span), marsad_text::Folding::MATCH);
                if !kb.aliases_of(&key).iter().any(|&(e, _)| kb.is_country(e)) {
                    continue;
                }
            }
        }
        // `منظمة الFIFA`, `الهيئة الـ 38`: the article written onto a Latin name or a
        // number, or drawn out with a tatweel, is a token of its own, and no name ends in
        // it (`جيه أل أل`, JLL, ends in the letter L).
        let detached_article = |k: usize| {
            let t = &tokens[k];
            t.norm == "ال"
                && (ctx.slice(t.span).ends_with('\u{0640}')
                    || tokens.get(k + 1).is_some_and(|n| {
                        n.span.start == t.span.end
                            && matches!(n.kind, TokenKind::Latin | TokenKind::Number)
                    }))
        };
        while name.tokens.len() > 1 && detached_article(name.tokens.end - 1) {
            name.tokens.end -= 1;
            name.span.end = tokens[name.tokens.end - 1].span.end;
        }
        match end_before_nunation(ctx.text, tokens, name.tokens.clone(), name.class) {
            None => continue,
            Some(end) if end < name.tokens.end => {
                name.tokens.end = end;
                name.span.end = tokens[end - 1].span.end;
            }
            Some(_) => {}
        }
        let toks = &tokens[name.tokens.clone()];
        // A name is made of words; a span of punctuation or digits is noise.
        if !toks.iter().all(|t| t.kind == TokenKind::Word) {
            continue;
        }
        // No person's name holds a word of a shape no name has (`رسوم استقدام`, "fees of
        // recruitment": `data/ner/never_name_shapes.txt`).
        if name.class == NerClass::Person
            && toks.iter().any(|t| LEXICONS.has_never_name_shape(&t.base))
        {
            continue;
        }
        // A class, trigger or stop word alone (`قاعدتي`, `الوزير`) is not a name, nor a
        // word of `data/ner/never_names.txt` (`الله`).
        if let [t] = toks {
            // Unless the tagger reads an organisation the knowledge base holds under
            // that word (`تأهل [الجزيرة]`, the club; `جزيرة` is a place class word).
            let org_named = || name.class == NerClass::Org && kb_holds_org(kb, &t.base);
            if (is_common_word(t) && !org_named())
                || LEXICONS.never_names.contains(t.norm.as_str())
                || LEXICONS.never_names.contains(t.base.as_str())
                || is_word_with_its_pronoun(t, kb)
            {
                continue;
            }
            if is_adjective_after_noun(tokens, name.tokens.start) {
                continue;
            }
        } else if LEXICONS.is_never_name_phrase(toks) {
            continue;
        }
        let (start, end) = (name.span.start, name.span.end);
        if end <= start {
            continue;
        }
        // `محمد بن نايف [آل سعود]`: a family name right after a person's name ends it.
        if name.class == NerClass::Person && extends_person_before(ctx, entities, &name) {
            spans.mark_stale();
            continue;
        }
        let room = if spans.may_be_in_the_way(entities, start, end) {
            // Unless blocked (before any change), `make_room` may change mentions and it
            // drops the entities left without one.
            let room = make_room(ctx, kb, entities, &name);
            if !matches!(room, Room::Blocked) {
                spans.mark_stale();
                spans.pruned = true;
            }
            room
        } else {
            Room::Free
        };
        match room {
            Room::Grown => {
                added += 1;
                continue;
            }
            Room::Blocked => continue,
            Room::Free => {}
        }
        let text = ctx.slice(name.span).to_string();
        // The name as it would stand alone: `لجزيرة` (of `للجزيرة`) is `الجزيرة`.
        let standing: std::borrow::Cow<'_, str> =
            if tokens[name.tokens.start].base.starts_with("ال")
                && text.starts_with('ل')
                && !text.starts_with("ال")
            {
                format!("ا{text}").into()
            } else {
                text.as_str().into()
            };
        let norm = marsad_text::normalize_word(&standing, marsad_text::Folding::MATCH);
        let kind = name.class.entity_type();
        let role = match kind {
            EntityType::Person => introducing_role(
                tokens,
                owners.get_or_insert_with(|| Owners::of(entities)),
                kb,
                name.tokens.start,
                &mut roles_before,
            ),
            _ => None,
        };
        let mention = Mention {
            start,
            end,
            text: text.clone(),
            kind: MentionKind::Name,
        };
        // Same name, or a surname alone after a full name: the same entity.
        let name_match = NameMatch::new(&norm, kind == EntityType::Person);
        // Only a text whose folding ends as the name does is folded (looked up) in full.
        let same = entities.iter().position(|e| {
            e.kind == kind
                // A new entity named as this one stands alone (`الجزيرة` … `لجزيرة`).
                && ((!e.known && name_match.may_match(&e.name_ar) && norms.of(&e.name_ar) == norm)
                    || e.mentions.iter().any(|m| {
                        name_match.may_match(&m.text) && name_match.matches(norms.of(&m.text))
                    }))
        });
        // The knowledge-base entity the name is: a place spelt as the tagger reads it,
        // or an entity of the same type whose id the name's English spelling makes
        // (`سمانثا باور` → `person:samantha-power`; two words at least, so that a
        // given name alone is nobody in particular).
        // The English name and id of a new entity (none for another mention of one).
        let new_names = same.is_none().then(|| {
            let name_en = new_name_en(&standing, kind, kb);
            let id = format!("{}:{}", id_prefix(kind), slug(&name_en));
            (name_en, id)
        });
        let known_as = match (&new_names, kind) {
            (Some(_), EntityType::Gpe) => {
                kb_place_named(kb, &text, entities).and_then(|k| kb.entity(k))
            }
            (Some(_), EntityType::Org) if name.tokens.len() == 1 => {
                let context = clubs.get_or_insert_with(|| ClubContext::of(kb, tokens, entities));
                kb_club_in_context(kb, &norm, tokens, name.tokens.start, context)
                    .and_then(|k| kb.entity(k))
            }
            (Some((_, id)), _) if name.tokens.len() >= 2 => kb
                .index_of(id)
                .and_then(|k| kb.entity(k))
                .filter(|x| x.kind == kind),
            _ => None,
        };
        match (same, known_as) {
            (Some(i), _) => {
                let e = &mut entities[i];
                let at = e.mentions.partition_point(|m| m.start < start);
                e.mentions.insert(at, mention);
                if let Some(r) = role.filter(|r| !e.known && !e.roles.iter().any(|x| x == r)) {
                    e.roles.push(r);
                }
            }
            (None, Some(x)) => add_kb_mention(entities, x, mention),
            (None, None) => {
                let Some((name_en, mut id)) = new_names else {
                    continue;
                };
                // A new entity never takes the id of another, in the text or the
                // knowledge base (`الراية` the banner is not `org:al-raya` the daily
                // unless the linker says so).
                if entities.iter().any(|e| e.id == id) || kb.index_of(&id).is_some() {
                    id.push_str(&format!("-{start}"));
                }
                entities.push(Entity {
                    id,
                    kind,
                    name_ar: standing.into_owned(),
                    name_en,
                    roles: role.into_iter().collect(),
                    geo: None,
                    known: false,
                    mentions: vec![mention],
                });
            }
        }
        spans.add(start, end);
        added += 1;
    }
    link_persons_by_formula(ctx, kb, entities);
    link_persons_by_spelling_variant(kb, entities);
    add_missing_roles(tokens, kb, entities, &mut roles_before);
    entities.sort_by_key(|e| e.mentions.first().map_or(usize::MAX, |m| m.start));
    added
}

/// Moves every one-word mention of a new person that a formula of blessing follows and
/// gives to one person (`[محمد] صلى الله عليه وسلم`: the Prophet Muhammad, see
/// [`Lexicons::person_by_formula`](crate::entities::lexicon::Lexicons::person_by_formula))
/// to that knowledge-base person, whatever stage read the name.
fn link_persons_by_formula(
    ctx: &TextContext<'_>,
    kb: &crate::KnowledgeBase,
    entities: &mut Vec<Entity>,
) {
    let tokens = &ctx.analysis.tokens;
    let mut moved: Vec<(usize, Mention)> = Vec::new();
    for e in entities
        .iter_mut()
        .filter(|e| e.kind == EntityType::Person && !e.known)
    {
        e.mentions.retain(|m| {
            let k = tokens.partition_point(|t| t.span.end <= m.start);
            let one_word = tokens
                .get(k)
                .is_some_and(|t| t.span.start <= m.start && t.span.end == m.end);
            let person = one_word
                .then(|| LEXICONS.person_by_formula(tokens, k))
                .flatten()
                .and_then(|id| kb.index_of(id));
            match person {
                Some(p) => {
                    moved.push((p, m.clone()));
                    false
                }
                None => true,
            }
        });
    }
    if moved.is_empty() {
        return;
    }
    entities.retain(|e| !e.mentions.is_empty());
    for (p, mention) in moved {
        if let Some(x) = kb.entity(p) {
            add_kb_mention(entities, x, mention);
        }
    }
}

/// Moves every mention of a new person whose name of two words or more is another
/// spelling of a knowledge-base person's (`زيجمار جابريل`, Sigmar Gabriel: see
/// [`crate::KnowledgeBase::person_by_spelling_variant`]) to that person.
fn link_persons_by_spelling_variant(kb: &crate::KnowledgeBase, entities: &mut Vec<Entity>) {
    let mut moved: Vec<(usize, Vec<Mention>)> = Vec::new();
    for e in entities
        .iter_mut()
        .filter(|e| e.kind == EntityType::Person && !e.known)
    {
        let name = crate::kb::normalize_phrase(&e.name_ar);
        if let Some(p) = kb.person_by_spelling_variant(&name) {
            moved.push((p, std::mem::take(&mut e.mentions)));
        }
    }
    if moved.is_empty() {
        return;
    }
    entities.retain(|e| !e.mentions.is_empty());
    for (p, mentions) in moved {
        if let Some(x) = kb.entity(p) {
            for m in mentions {
                add_kb_mention(entities, x, m);
            }
        }
    }
}

/// Adds `mention` to the knowledge-base entity `x`, in order, making the entity when the
/// text has none of it yet.
fn add_kb_mention(entities: &mut Vec<Entity>, x: &crate::kb::KbEntity, mention: Mention) {
    let i = match entities.iter().position(|e| e.id == x.id) {
        Some(i) => i,
        None => {
            entities.push(Entity {
                id: x.id.clone(),
                kind: x.kind,
                name_ar: x.name_ar.clone(),
                name_en: x.name_en.clone(),
                roles: x.roles.clone(),
                geo: x.geo,
                known: true,
                mentions: Vec::new(),
            });
            entities.len() - 1
        }
    };
    let e = &mut entities[i];
    let at = e.mentions.partition_point(|m| m.start < mention.start);
    e.mentions.insert(at, mention);
}

/// `text` in matching folding, normalised once per document (`cache`).
/// Texts in matching folding, each normalised once per document.
#[derive(Default)]
struct Folded {
    /// Where in `forms` the folded form of each text seen is.
    index: FastMap<String, usize>,
    forms: Vec<String>,
}

impl Folded {
    /// `text` in matching folding (one lookup for a text seen before).
    fn of(&mut self, text: &str) -> &str {
        let i = match self.index.get(text) {
            Some(&i) => i,
            None => {
                let i = self.forms.len();
                self.forms.push(marsad_text::normalize_word(
                    text,
                    marsad_text::Folding::MATCH,
                ));
                self.index.insert(text.to_string(), i);
                i
            }
        };
        &self.forms[i]
    }
}

/// The first part of the id of an entity of type `kind` (`person` in `person:…`).
fn id_prefix(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "person",
        EntityType::Org => "org",
        EntityType::Gpe => "gpe",
        EntityType::Loc => "loc",
        EntityType::Fac => "fac",
    }
}

/// The knowledge-base place that a name the tagger reads as a place spells exactly:
/// the linker leaves a one-word town alone without a cue (`في`, `مدينة`), and the
/// tagger's reading is that cue (`محافظ [جدة]`, `بيروت أو [دبي]`). Among namesakes, one
/// whose country or province the document names, then the most important (a state, a
/// capital or province, a city, a town). Failing that, a well-known place it spells with
/// one letter off ([`crate::KnowledgeBase::place_by_spelling_variant`]: `دكار`, Dakar).
fn kb_place_named(kb: &crate::KnowledgeBase, text: &str, entities: &[Entity]) -> Option<usize> {
    let normalized = crate::kb::normalize_phrase(text);
    let cands = kb.aliases_of(&normalized);
    let in_doc = |k: usize| {
        kb.ancestors(k, 3)
            .filter_map(|q| kb.entity(q))
            .any(|q| entities.iter().any(|e| e.id == q.id))
    };
    let rank = |k: usize| {
        let roles = kb.entity(k).map(|x| x.roles.as_slice()).unwrap_or_default();
        let has = |w: &str| roles.iter().any(|r| r.contains(w));
        if kb.is_country(k) {
            3
        } else if has("capital") || has("governorate") || has("province") || has("emirate") {
            2
        } else {
            usize::from(has("city"))
        }
    };
    cands
        .iter()
        .map(|&(k, _)| k)
        .filter(|&k| {
            kb.entity(k)
                .is_some_and(|x| matches!(x.kind, EntityType::Gpe | EntityType::Loc))
        })
        .max_by_key(|&k| (in_doc(k), rank(k), std::cmp::Reverse(k)))
        .or_else(|| kb.place_by_spelling_variant(&normalized))
}

/// Gives a new person without a role, whichever stage found the person, the one that
/// introduces one of its name mentions ([`introducing_role`]) or, failing that, the one a
/// descriptor in apposition after it names (`سعيد اللاوندي، الخبير بمركز ...` → expert).
fn add_missing_roles(
    tokens: &[AnalyzedToken],
    kb: &crate::KnowledgeBase,
    entities: &mut [Entity],
    roles_before: &mut RolesBefore,
) {
    let mut owners: Option<Owners> = None;
    for i in 0..entities.len() {
        let e = &entities[i];
        if e.kind != EntityType::Person || e.known || !e.roles.is_empty() {
            continue;
        }
        let names = e.mentions.iter().filter(|m| m.kind == MentionKind::Name);
        let before = names.clone().find_map(|m| {
            let first = tokens.partition_point(|t| t.span.end <= m.start);
            introducing_role(
                tokens,
                owners.get_or_insert_with(|| Owners::of(entities)),
                kb,
                first,
                roles_before,
            )
        });
        let role = before.or_else(|| {
            names.clone().find_map(|m| {
                let last = tokens.partition_point(|t| t.span.end < m.end);
                (tokens.get(last)?.span.end == m.end).then(|| {
                    role_after(
                        tokens,
                        kb,
                        owners.get_or_insert_with(|| Owners::of(entities)),
                        last + 1,
                    )
                })?
            })
        });
        if let Some(r) = role {
            entities[i].roles.push(r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_text::Span;

    #[test]
    fn a_place_the_tagger_finds_is_the_knowledge_base_place_of_that_name() {
        let kb = crate::KnowledgeBase::bundled().expect("bundled kb");
        let id = |text: &str, ents: &[Entity]| {
            kb_place_named(&kb, text, ents)
                .and_then(|k| kb.entity(k))
                .map(|x| x.id.clone())
        };
        assert_eq!(id("دبي", &[]).as_deref(), Some("gpe:dubai"));
        assert_eq!(id("جدة", &[]).as_deref(), Some("gpe:jeddah"));
        // عمان: the state Oman, unless the document names Jordan, Amman's state.
        assert_eq!(id("عمان", &[]).as_deref(), Some("gpe:oman"));
        let jordan = Entity::for_test("gpe:jordan", EntityType::Gpe, true, &[(0, 6)]);
        assert_eq!(id("عمان", &[jordan]).as_deref(), Some("gpe:amman"));
        assert_eq!(id("سامر الحلبي", &[]), None);
    }

    #[test]
    fn invocations_of_god_and_formulas_of_blessing_are_no_names() {
        let lx = &LEXICONS;
        let words = |text: &str| marsad_text::analyze(text).tokens;
        // `بحمد الله`: the phrase without its proclitic; as written too (`ارسل رسالة`).
        let t = words("أصبحت بحمد الله آمنة");
        assert!(lx.is_never_name_phrase(&t[1..3]), "{:?}", t[1].base);
        assert!(lx.is_never_name_phrase(&words("ارسل رسالة")[..2]));
        // A family name built on the same word is a name.
        assert!(!lx.is_never_name_phrase(&words("حسين فضل الله")[..3]));
        assert!(!lx.is_never_name_phrase(&words("حمد")[..1]));
        // The formula starts at its first word only, and only when it is whole.
        let t = words("النبي محمد صلى الله عليه وسلم في المدينة");
        assert!(lx.starts_honorific_formula(&t, 2));
        assert!(!lx.starts_honorific_formula(&t, 1));
        assert!(!lx.starts_honorific_formula(&words("صلى الإمام في المسجد"), 0));
        // A given name with a formula that belongs to one person is that person.
        assert_eq!(lx.person_by_formula(&t, 1), Some("person:prophet-muhammad"));
        assert_eq!(lx.person_by_formula(&words("قال محمد بن سلمان"), 1), None);
        let t = words("وقال موسى عليه السلام لقومه");
        assert_eq!(lx.person_by_formula(&t, 1), Some("person:moses"));
        assert_eq!(lx.person_by_formula(&t, 2), None);
        assert_eq!(lx.person_by_formula(&words("قال موسى الكاظم"), 1), None);
        // Verbal nouns of form X name nobody; names of a near shape do.
        for w in ["استقدام", "استثمار", "استخدام"] {
            assert!(lx.has_never_name_shape(w), "{w}");
        }
        for w in ["استيفان", "ابتسام", "استانبول", "استقدامات", "أستاذ"]
        {
            assert!(!lx.has_never_name_shape(w), "{w}");
        }
        // Every person the table names is in the knowledge base.
        let kb = crate::KnowledgeBase::bundled().expect("bundled KB");
        for p in &lx.formula_persons {
            assert!(kb.index_of(p.id).is_some(), "{}", p.id);
        }
    }

    #[test]
    fn an_indefinite_adjective_describes_and_names_nothing() {
        let t = marsad_text::analyze("منظمة إرهابية وشركة أرامكو والحركة الإسلامية").tokens;
        assert!(is_indefinite_adjective(&t[1]), "{:?}", t[1].norm);
        assert!(!is_indefinite_adjective(&t[3]), "{:?}", t[3].norm);
        assert!(!is_indefinite_adjective(&t[5]), "{:?}", t[5].norm);
    }

    #[test]
    fn class_and_stop_words_alone_are_not_names() {
        let a = marsad_text::analyze("زار قاعدتي الوزير في سامر");
        let t = &a.tokens;
        assert!(is_common_word(&t[1]), "{:?}", t[1].base);
        assert!(is_common_word(&t[2]), "{:?}", t[2].base);
        assert!(is_common_word(&t[3]), "{:?}", t[3].base);
        assert!(!is_common_word(&t[4]), "{:?}", t[4].base);
    }

    #[test]
    fn a_one_word_person_takes_in_a_given_name_beside_it() {
        let around = |text: &str, word: &str, entities: &[Entity]| {
            let a = marsad_text::analyze(text);
            let k = a
                .tokens
                .iter()
                .position(|t| t.norm == word)
                .unwrap_or_else(|| panic!("{word}"));
            given_names_around(&a.tokens, k, entities)
        };
        // A given name before the surname the tagger found.
        assert_eq!(
            around("وأشارت مها باعشن إلى أن العمل", "باعشن", &[]),
            (true, false)
        );
        // Not a second person joined by a conjunction, nor a word a mention holds.
        assert_eq!(
            around("رحيل حسام وإبراهيم عن الفريق", "وابراهيم", &[]),
            (false, false)
        );
        let text = "وأشارت مها باعشن إلى أن العمل";
        let start = text.find("مها").map(|b| text[..b].chars().count());
        let held = Entity::for_test("org:x", EntityType::Org, true, &[]);
        let mut held = held;
        held.mentions = vec![Mention {
            start: start.expect("word"),
            end: start.expect("word") + 3,
            text: "مها".into(),
            kind: MentionKind::Name,
        }];
        assert_eq!(around(text, "باعشن", &[held]), (false, false));
    }

    #[test]
    fn a_role_in_apposition_after_a_name_gives_its_role() {
        let kb = crate::KnowledgeBase::bundled().expect("bundled KB");
        // The role after the name `سامر الخطيب` (always its tokens 1 and 2).
        let role = |text: &str, owners: &[Entity]| {
            let a = marsad_text::analyze(text);
            assert_eq!(a.tokens[2].norm, "الخطيب", "{text}");
            role_after(&a.tokens, &kb, &Owners::of(owners), 3)
        };
        let none: &[Entity] = &[];
        // A descriptor after a comma, or straight after the name.
        let analyst = Some("political analyst".to_string());
        assert_eq!(
            role(
                "وقال سامر الخطيب، المحلل السياسي في المركز، إن الأمر صعب",
                none
            ),
            analyst
        );
        assert_eq!(
            role("وقال سامر الخطيب المحلل السياسي إن الأمر صعب", none),
            analyst
        );
        // The head of a role with its complement, and after `وهو`.
        assert_eq!(
            role("وقال سامر الخطيب مدير عام الجمعية إن الأمر صعب", none).as_deref(),
            Some("director-general")
        );
        assert_eq!(
            role("وقال سامر الخطيب، وهو مستشار أمني، إن الأمر صعب", none).as_deref(),
            Some("adviser")
        );
        // `رئيس` with a complement is a head; a longer title of the knowledge base wins.
        assert_eq!(
            role("قال سامر الخطيب رئيس قسم الأطفال", none).as_deref(),
            Some("head of department")
        );
        assert_eq!(
            role("قال سامر الخطيب رئيس الوزراء", none).as_deref(),
            Some("prime minister")
        );
        // An organisation or a state the linker found after the head is its owner.
        let text = "قال سامر الخطيب رئيس رابطة الكتاب";
        let mut league = Entity::for_test("org:league", EntityType::Org, true, &[]);
        league.name_en = "Writers League".into();
        let start = text.find("رابطة").map(|b| text[..b].chars().count());
        league.mentions = vec![Mention {
            start: start.expect("word"),
            end: text.chars().count(),
            text: "رابطة الكتاب".into(),
            kind: MentionKind::Name,
        }];
        assert_eq!(
            role(text, std::slice::from_ref(&league)).as_deref(),
            Some("head of Writers League")
        );
        league.kind = EntityType::Gpe;
        assert_eq!(
            role(text, &[league]).as_deref(),
            Some("president of Writers League")
        );
        // No role word, the next person of a list, a title before the next name.
        assert_eq!(role("التقى سامر الخطيب، وزيدا في المركز", none), None);
        assert_eq!(role("حضر سامر الخطيب ومدير الإدارة زيد", none), None);
        assert_eq!(role("حضر سامر الخطيب، والمحلل السياسي زيد", none), None);
        assert_eq!(role("حضر سامر الخطيب الشيخ زيد", none), None);
        assert_eq!(role("قدم سامر الخطيب للممثل الفرنسي زيد", none), None);
    }

    #[test]
    fn a_nisba_after_a_definite_noun_is_an_adjective() {
        let a = marsad_text::analyze("نجح المجتمع الأهلي وفاز النادي الأهلي وقال الأهلي");
        let at = |k: usize| {
            a.tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| t.base == "الاهلي" || t.base == "الأهلي")
                .nth(k)
                .map(|(i, _)| i)
                .expect("word")
        };
        assert!(
            is_adjective_after_noun(&a.tokens, at(0)),
            "after a plain noun"
        );
        assert!(
            !is_adjective_after_noun(&a.tokens, at(1)),
            "after a trigger word"
        );
        assert!(!is_adjective_after_noun(&a.tokens, at(2)), "after a verb");
    }

    #[test]
    fn organisation_and_place_words_before_a_name_give_its_class() {
        let a = marsad_text::analyze("وقعت شركة «سامر للطاقة» عقدا في مدينة خلدا مع الدكتور خالد");
        let at = |w: &str| a.tokens.iter().position(|t| t.norm == w).expect(w);
        assert_eq!(class_by_trigger(&a.tokens, at("سامر")), Some(NerClass::Org));
        assert_eq!(class_by_trigger(&a.tokens, at("خلدا")), Some(NerClass::Loc));
        // A person word gives nothing here (a president of a country is no person name).
        assert_eq!(class_by_trigger(&a.tokens, at("خالد")), None);
        assert_eq!(class_by_trigger(&a.tokens, at("عقدا")), None);
    }

    #[test]
    fn a_family_name_with_its_particle_is_a_short_form() {
        let is = |full: &str, short: &str| {
            let n = |s: &str| marsad_text::normalize_word(s, marsad_text::Folding::MATCH);
            is_family_name_of(&n(full), &n(short))
        };
        assert!(is("خالد آل دغيم", "آل دغيم"));
        assert!(is("محمود أبو علي", "أبو علي"));
        assert!(is("محمود ابو علي", "ابو علي"));
        assert!(
            is("ستافان دي ميستورا", "دي ميستورا"),
            "a nobiliary particle"
        );
        // Not a particle, not the end of the name, not a word boundary.
        assert!(!is("خالد آل دغيم", "خالد آل"));
        assert!(!is("خالد سالم دغيم", "سالم دغيم"));
        assert!(!is("خالد الدغيم", "آل دغيم"));
        assert!(!is("آل دغيم", "آل دغيم"));
    }

    #[test]
    fn the_last_word_is_a_short_form_unless_it_never_names_anyone_alone() {
        assert!(is_short_form("سامر الحلبي", "الحلبي"));
        assert!(!is_short_form("محمد بن سلمان", "سلمان"), "the father");
        assert!(!is_short_form("عز الدين", "الدين"), "half of a compound");
        assert!(!is_short_form("نور الدين", "الدين"));
        assert!(!is_short_form("الحلبي", "الحلبي"), "one word");
    }

    #[test]
    fn owners_are_found_at_the_first_mention_ending_or_starting_at_a_position() {
        // Entities of every kind with mentions of both kinds at overlapping positions, in
        // no order; the plain reading is the first qualifying mention in entity order.
        let kinds = [
            EntityType::Gpe,
            EntityType::Org,
            EntityType::Person,
            EntityType::Loc,
        ];
        let mention_kinds = [MentionKind::Name, MentionKind::Nisba, MentionKind::Pronoun];
        let mut entities = Vec::new();
        for i in 0..40usize {
            let mentions = (0..i % 5)
                .map(|j| {
                    let start = (i * 7 + j * 13) % 23;
                    Mention {
                        start,
                        end: start + 1 + (i + j) % 4,
                        text: String::new(),
                        kind: mention_kinds[(i + j) % 3],
                    }
                })
                .collect();
            entities.push(Entity {
                id: format!("x:{i}"),
                kind: kinds[i % 4],
                name_ar: String::new(),
                name_en: format!("name {i}"),
                roles: Vec::new(),
                geo: None,
                known: false,
                mentions,
            });
        }
        let owners = Owners::of(&entities);
        let qualifying = || {
            entities
                .iter()
                .filter(|e| matches!(e.kind, EntityType::Gpe | EntityType::Org))
                .flat_map(|e| e.mentions.iter().map(move |m| (e, m)))
                .filter(|(_, m)| matches!(m.kind, MentionKind::Name | MentionKind::Nisba))
        };
        let mut found = 0;
        for at in 0..30 {
            let ending = qualifying()
                .find(|(_, m)| m.end == at)
                .map(|(e, m)| (m.start, e.name_en.as_str()));
            assert_eq!(owners.ending_at(at), ending, "ending at {at}");
            let starting = qualifying()
                .find(|(_, m)| m.start == at)
                .map(|(e, _)| (e.name_en.as_str(), e.kind == EntityType::Gpe));
            assert_eq!(owners.at_start(at), starting, "starting at {at}");
            found += usize::from(ending.is_some()) + usize::from(starting.is_some());
        }
        assert!(found > 20, "positions with owners were tried");
    }

    #[test]
    fn a_name_matches_a_mention_as_the_plain_tests_say() {
        // Words of every kind the tests read: names, particles, connectors, regnal
        // numbers, words that never name anyone alone, and empty words.
        let lx = &crate::entities::lexicon::LEXICONS;
        let mut words: Vec<String> = ["سامر", "الحلبي", "دغيم", "خالد", "سلمان", "الدين", ""]
            .iter()
            .map(|w| w.to_string())
            .collect();
        for set in [
            &lx.family_particles,
            &lx.name_connectors,
            &lx.name_ordinals,
            &lx.never_names,
        ] {
            let mut some: Vec<&String> = set.iter().filter(|w| !w.contains(' ')).collect();
            some.sort();
            words.extend(some.into_iter().take(3).cloned());
        }
        // Texts of one to three of those words.
        let mut texts: Vec<String> = words.clone();
        for a in &words {
            for b in &words {
                texts.push(format!("{a} {b}"));
                for c in words.iter().take(6) {
                    texts.push(format!("{a} {b} {c}"));
                }
            }
        }
        let mut checked = 0;
        for norm in &texts {
            for person in [true, false] {
                let test = NameMatch::new(norm, person);
                for n in &texts {
                    let plain = n == norm
                        || (person && !norm.contains(' ') && is_short_form(n, norm))
                        || (person && is_family_name_of(n, norm));
                    assert_eq!(test.matches(n), plain, "{n:?} against {norm:?}");
                    checked += usize::from(plain && n != norm);
                }
            }
        }
        assert!(checked > 100, "the short forms and family names were tried");
    }

    #[test]
    fn the_flat_mention_spans_tell_the_names_nothing_is_in_the_way_of() {
        let mut entities = vec![
            Entity::for_test("person:a", EntityType::Person, false, &[(0, 5), (30, 36)]),
            Entity::for_test("gpe:b", EntityType::Gpe, true, &[(10, 14)]),
        ];
        let plain = |entities: &[Entity], start: usize, end: usize| {
            entities
                .iter()
                .any(|e| e.mentions.iter().any(|m| m.start < end && start < m.end))
        };
        let mut spans = MentionSpans::of(&entities);
        let check = |spans: &mut MentionSpans, entities: &[Entity]| {
            for start in 0..40 {
                for end in start + 1..42 {
                    assert_eq!(
                        spans.may_be_in_the_way(entities, start, end),
                        plain(entities, start, end),
                        "{start}..{end}"
                    );
                }
            }
        };
        check(&mut spans, &entities);
        // A mention added, then one changed in place.
        entities[1]
            .mentions
            .push(Entity::for_test("x", EntityType::Gpe, true, &[(20, 24)]).mentions[0].clone());
        spans.add(20, 24);
        check(&mut spans, &entities);
        entities[0].mentions[1].end = 39;
        spans.mark_stale();
        check(&mut spans, &entities);
        // An entity without mentions sends every name to `make_room`.
        entities.push(Entity::for_test("org:c", EntityType::Org, false, &[]));
        let mut spans = MentionSpans::of(&entities);
        assert!(spans.may_be_in_the_way(&entities, 16, 18));
        spans.pruned = true;
        assert!(!spans.may_be_in_the_way(&entities, 16, 18));
    }

    #[test]
    fn the_last_folded_character_is_that_of_the_whole_folding() {
        // Texts with letters that fold (hamza seats, ta marbuta, alef maqsura), drop
        // (diacritics, tatweel, invisible marks) or stay; ASCII, digits and ligatures.
        let pieces = [
            "محمد",
            "أحمد",
            "إ",
            "آ",
            "ى",
            "ة",
            "ؤ",
            "ئ",
            "ـ",
            "\u{064B}",
            "\u{0651}",
            "\u{200F}",
            " ",
            "ab",
            "Z",
            "٣",
            "ﻻ",
            "ﷲ",
            "ک",
            "",
            "الدين",
        ];
        let mut texts = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in ["", "ـ", "\u{064E}", "ة", "ی", " "] {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        for text in &texts {
            let folded = marsad_text::normalize_word(text, marsad_text::Folding::MATCH);
            assert_eq!(last_folded_char(text), folded.chars().last(), "{text:?}");
        }
        // A name meets only texts whose folding ends as it does.
        for norm in ["الحلبي", "آل دغيم", "ا", ""] {
            let test = NameMatch::new(norm, true);
            for text in &texts {
                let folded = marsad_text::normalize_word(text, marsad_text::Folding::MATCH);
                if folded == norm || test.matches(&folded) {
                    assert!(test.may_match(text), "{text:?} against {norm:?}");
                }
            }
        }
        let test = NameMatch::new("الحلبي", true);
        assert!(test.may_match("سامر الحَلَبِى"));
        assert!(!test.may_match("سامر الحلبية"));
    }

    #[test]
    fn a_descriptor_is_found_by_its_phrase_as_by_a_scan_of_the_list() {
        let lx = &LEXICONS;
        let scan = |p: &str| lx.descriptors.iter().find(|d| d.phrase == p);
        let mut phrases: Vec<String> = lx.descriptors.iter().map(|d| d.phrase.clone()).collect();
        phrases.extend(["", "الرئيس", "وزير الخارجية", "المدرب الوطني"].map(String::from));
        phrases.extend(lx.descriptors.iter().map(|d| format!("{} ", d.phrase)));
        for p in &phrases {
            assert_eq!(
                descriptor(p).map(|d| d as *const _),
                scan(p).map(|d| d as *const _),
                "{p:?}"
            );
        }
        assert!(descriptor("المدرب").is_some());
    }

    #[test]
    fn an_organisation_goes_on_over_its_complement() {
        let at = |a: &marsad_text::Analysis, w: &str| {
            a.tokens.iter().position(|t| t.norm == w).expect(w)
        };
        // `لل` word, then a word joined by و: both belong to the name.
        let a = marsad_text::analyze("حذرت الهيئة الوطنية للغذاء والدواء اليوم من المنتج");
        let end = complement_end(&a.tokens, at(&a, "الوطنية") + 1);
        assert_eq!(end, at(&a, "اليوم"));
        // An adjective in ية belongs to it; a stop word after it does not.
        let a = marsad_text::analyze("شروط الهيئة الوطنية للتخصصات الصحية التالية:");
        let end = complement_end(&a.tokens, at(&a, "الوطنية") + 1);
        assert_eq!(end, at(&a, "التالية"));
        // No `لل` word, no complement; nor across a sentence end.
        let a = marsad_text::analyze("قالت الهيئة الوطنية إن العمل بدأ. للعلم فقط");
        let first = at(&a, "الوطنية") + 1;
        assert_eq!(complement_end(&a.tokens, first), first);
        let last = at(&a, "بدا") + 2;
        assert_eq!(complement_end(&a.tokens, last), last);
    }

    #[test]
    fn generic_place_words_are_outside_and_facility_words_inside() {
        let a = marsad_text::analyze("بقرية محافظة مطار المفتاحة");
        let t = &a.tokens;
        assert!(is_generic_place_word(&t[0]) && is_generic_place_word(&t[1]));
        assert!(!is_generic_place_word(&t[2]) && !is_generic_place_word(&t[3]));
    }

    #[test]
    fn a_word_with_its_pronoun_or_one_letter_is_no_name() {
        let kb = crate::KnowledgeBase::bundled().expect("bundled KB");
        let a = marsad_text::analyze("برضاه جدتها أنسها غ عبده سامر إيفانا أبها");
        let t = &a.tokens;
        for w in &t[..4] {
            assert!(is_word_with_its_pronoun(w, &kb), "{:?}", w.segments());
        }
        // A given name and a place that look like words with their pronoun, a plain
        // name, a name in `نا`.
        for w in &t[4..8] {
            assert!(!is_word_with_its_pronoun(w, &kb), "{:?}", w.segments());
        }
    }

    #[test]
    fn words_that_never_name_alone_give_no_new_entity() {
        let a = marsad_text::analyze("قال إن اللهَ رحيم وقال لي إنه سيعود");
        let words: Vec<&str> = a.tokens.iter().map(|t| t.norm.as_str()).collect();
        assert!(LEXICONS.never_names.contains(words[2]), "{words:?}");
        assert!(LEXICONS.never_names.contains(words[5]), "{words:?}");
        assert!(!LEXICONS.never_names.contains(words[0]));
        for text in [
            "وصلى الله عليه وسلم في المسجد.",
            "وقال لي سامر إن الطريق مغلق.",
        ] {
            let ctx = crate::TextContext::new(text, None);
            let mut entities = Vec::new();
            let kb = crate::KnowledgeBase::bundled().expect("bundled KB");
            add_unknown_names(&ctx, &kb, &mut entities);
            for e in &entities {
                for m in &e.mentions {
                    let n = marsad_text::normalize_word(&m.text, marsad_text::Folding::MATCH);
                    assert!(
                        !LEXICONS.never_names.contains(n.as_str()),
                        "{text}: {}",
                        m.text
                    );
                }
            }
        }
    }

    fn place(id: &str, mentions: &[(usize, usize)]) -> Entity {
        Entity::for_test(id, EntityType::Gpe, true, mentions)
    }

    #[test]
    fn places_the_tagger_reads_as_organisations_are_released() {
        // "Barcelona beat its guest in Barcelona": the team, then the city.
        let a = marsad_text::analyze("فاز برشلونة على ضيفه في برشلونة");
        let t = &a.tokens;
        let (first, second) = (t[1].span, t[5].span);
        let span = |i: usize, class| super::super::NerSpan {
            tokens: i..i + 1,
            span: t[i].span,
            class,
        };
        let names = [span(1, NerClass::Org), span(5, NerClass::Loc)];
        let mut entities = vec![
            place(
                "gpe:barcelona",
                &[(first.start, first.end), (second.start, second.end)],
            ),
            place("gpe:team-only", &[(first.start, first.end)]),
        ];
        release_places_read_as_orgs(t, &names, &mut entities);
        assert_eq!(entities.len(), 1, "an entity left without mentions goes");
        assert_eq!(entities[0].mentions.len(), 1);
        assert_eq!(entities[0].mentions[0].start, second.start);
        // A place within a wider organisation goes too; one wider than it stays.
        let wider = [super::super::NerSpan {
            tokens: 0..2,
            span: Span::new(t[0].span.start, first.end),
            class: NerClass::Org,
        }];
        let mut entities = vec![
            place("gpe:barcelona", &[(first.start, first.end)]),
            place("gpe:wider", &[(t[1].span.start, t[2].span.end)]),
        ];
        release_places_read_as_orgs(t, &wider, &mut entities);
        assert_eq!(entities.len(), 1);
        assert_eq!(entities[0].id, "gpe:wider");
    }

    fn mention(text: &str, word: &str, kind: MentionKind) -> Mention {
        let at = text.find(word).expect("word in text");
        let start = text[..at].chars().count();
        Mention {
            start,
            end: start + word.chars().count(),
            text: word.into(),
            kind,
        }
    }

    #[test]
    fn a_tagged_name_takes_in_its_nisba_and_its_shorter_new_mention() {
        let text = "قال أبو سامر المصري وزار كريم يوسف الفاضل القاهرة";
        let kb = crate::KnowledgeBase::bundled().expect("bundled KB");
        let ctx = TextContext::new(text, None);
        let t = &ctx.analysis.tokens;
        let person = |a: usize, b: usize| super::super::NerSpan {
            tokens: a..b,
            span: Span::new(t[a].span.start, t[b - 1].span.end),
            class: NerClass::Person,
        };
        let mut egypt = place("gpe:egypt", &[]);
        egypt.mentions = vec![mention(text, "المصري", MentionKind::Nisba)];
        let mut cairo = place("gpe:cairo", &[]);
        cairo.mentions = vec![mention(text, "القاهرة", MentionKind::Name)];
        let mut karim = place("person:karim-youssef", &[]);
        karim.kind = EntityType::Person;
        karim.known = false;
        karim.mentions = vec![mention(text, "كريم يوسف", MentionKind::Name)];
        let mut entities = vec![egypt, karim, cairo];
        assert!(matches!(
            make_room(&ctx, &kb, &mut entities, &person(1, 4)),
            Room::Free
        ));
        assert!(
            entities.iter().all(|e| e.id != "gpe:egypt"),
            "nisba dropped"
        );
        assert!(matches!(
            make_room(&ctx, &kb, &mut entities, &person(5, 8)),
            Room::Grown
        ));
        let karim = entities.iter().find(|e| !e.known).expect("karim");
        assert_eq!(karim.mentions[0].text, "كريم يوسف الفاضل");
        assert_eq!(karim.name_ar, "كريم يوسف الفاضل");
        // A known name in the way blocks the tagged one.
        assert!(matches!(
            make_room(&ctx, &kb, &mut entities, &person(7, 9)),
            Room::Blocked
        ));
        assert_eq!(entities.len(), 2);
    }

    #[test]
    fn a_descriptor_right_before_a_name_gives_its_role() {
        let kb = crate::KnowledgeBase::bundled().expect("bundled KB");
        let owners = Owners::of(&[]);
        let role = |a: &marsad_text::Analysis, k: usize| {
            introducing_role(&a.tokens, &owners, &kb, k, &mut RolesBefore::default())
        };
        let a = marsad_text::analyze("وقال الباحث سمير إن الأمر صعب. سمير غادر");
        assert_eq!(role(&a, 2).as_deref(), Some("researcher"));
        // Not across a sentence end, not at the start, not after an ordinary verb.
        let later = a
            .tokens
            .iter()
            .rposition(|t| t.base == "سمير")
            .expect("name");
        assert_eq!(role(&a, later), None);
        assert_eq!(role(&a, 0), None);
        assert_eq!(role(&a, 1), None);
    }

    #[test]
    fn roles_read_once_per_document_are_the_roles_read_afresh() {
        let kb = crate::KnowledgeBase::bundled().expect("bundled KB");
        let texts = [
            "وقال وزير الخارجية النمساوي، زيباستيان كورتسر إن وزير خارجية النمسا زيد مستعد.",
            "وقال الأمير خالد بن عبدالله المشاري إن الناطق باسمها إياد البزمي والباحث سمير حضرا.",
            "أكد المدير العام لهيئة الإذاعة البريطانية، وهو الرئيس السابق سامر، أن السيناتور زيد غادر",
        ];
        let mut roles = 0;
        for text in texts {
            let ctx = TextContext::new(text, None);
            let tokens = &ctx.analysis.tokens;
            let owners = Owners::of(&crate::entities::find_entities(&ctx, &kb));
            let afresh: Vec<Option<String>> = (0..tokens.len())
                .map(|k| introducing_role(tokens, &owners, &kb, k, &mut RolesBefore::default()))
                .collect();
            // One store for the document, read forwards and then backwards.
            let mut once = RolesBefore::default();
            for k in (0..tokens.len()).chain((0..tokens.len()).rev()) {
                let role = introducing_role(tokens, &owners, &kb, k, &mut once);
                assert_eq!(role, afresh[k], "{text} at {k}");
            }
            roles += afresh.iter().flatten().count();
        }
        assert!(roles >= 5, "titles and descriptors were read");
    }

    #[test]
    fn a_known_name_and_fathers_name_before_a_family_name_is_another_person() {
        let kb = crate::KnowledgeBase::bundled().expect("bundled KB");
        // (text, the known person's words, the tagger's name in words, room for it)
        let cases = [
            (
                "قال فيصل بن عبدالعزيز السديري أمس",
                "فيصل بن عبدالعزيز",
                4,
                true,
            ),
            (
                "قال خالد بن عبدالعزيز البراك أمس",
                "خالد بن عبدالعزيز",
                4,
                true,
            ),
            // A state's nisba, a town, a common word: no family name.
            (
                "قال فيصل بن عبدالعزيز السعودي أمس",
                "فيصل بن عبدالعزيز",
                4,
                false,
            ),
            (
                "قال فيصل بن عبدالعزيز الرياض أمس",
                "فيصل بن عبدالعزيز",
                4,
                false,
            ),
            (
                "قال خالد بن عبدالعزيز أيضا أمس",
                "خالد بن عبدالعزيز",
                4,
                false,
            ),
            // Without a father's name, the word after may say something of the person.
            ("قال نوري المالكي المنضوي أمس", "نوري المالكي", 3, false),
        ];
        for (text, known, words, free) in cases {
            let ctx = TextContext::new(text, None);
            let t = &ctx.analysis.tokens;
            let mut person = place("person:known", &[]);
            person.kind = EntityType::Person;
            person.mentions = vec![mention(text, known, MentionKind::Name)];
            let mut entities = vec![person];
            let name = super::super::NerSpan {
                tokens: 1..1 + words,
                span: Span::new(t[1].span.start, t[words].span.end),
                class: NerClass::Person,
            };
            let room = make_room(&ctx, &kb, &mut entities, &name);
            assert_eq!(matches!(room, Room::Free), free, "{text}");
            assert_eq!(entities.is_empty(), free, "{text}");
        }
    }

    #[test]
    fn a_tagged_name_wins_over_a_town_inside_it_and_a_descriptor_name_running_on() {
        let text = "قال رامي أبو خلدا وقال الرئيس سامر تعهد وزارت شركة أمريكان سامر";
        let kb = crate::KnowledgeBase::bundled().expect("bundled KB");
        let ctx = TextContext::new(text, None);
        let t = &ctx.analysis.tokens;
        let at = |w: &str| t.iter().position(|x| x.norm == w).expect(w);
        let name = |a: usize, b: usize, class| super::super::NerSpan {
            tokens: a..b,
            span: Span::new(t[a].span.start, t[b - 1].span.end),
            class,
        };
        let mut town = place("gpe:khalda", &[]);
        town.roles = vec!["town".into()];
        town.mentions = vec![mention(text, "خلدا", MentionKind::Name)];
        // A new person read after a descriptor, one word too far.
        let mut samer = place("person:samer-tahad", &[]);
        samer.kind = EntityType::Person;
        samer.known = false;
        samer.mentions = vec![mention(text, "سامر تعهد", MentionKind::Name)];
        let mut usa = place("gpe:united-states", &[]);
        usa.roles = vec!["country".into()];
        usa.mentions = vec![mention(text, "أمريكان", MentionKind::Nisba)];
        let mut entities = vec![town, samer, usa];
        let rami = at("رامي");
        assert!(matches!(
            make_room(
                &ctx,
                &kb,
                &mut entities,
                &name(rami, rami + 3, NerClass::Person)
            ),
            Room::Free
        ));
        assert!(
            entities.iter().all(|e| e.id != "gpe:khalda"),
            "town dropped"
        );
        let s = at("سامر");
        assert!(matches!(
            make_room(&ctx, &kb, &mut entities, &name(s, s + 1, NerClass::Person)),
            Room::Grown
        ));
        let samer = entities.iter().find(|e| !e.known).expect("samer");
        assert_eq!(samer.mentions[0].text, "سامر");
        // A nisba opening an organisation's name is part of it.
        let a = at("امريكان");
        assert!(matches!(
            make_room(&ctx, &kb, &mut entities, &name(a, a + 2, NerClass::Org)),
            Room::Free
        ));
        assert!(entities.iter().all(|e| e.id != "gpe:united-states"));
        // A known person named by the last words of the name grows to it and stays
        // known; a parent's name after `بن` is another person's.
        let text = "قال جميل رامي سامر وقال نادر بن رامي سامر";
        let ctx = TextContext::new(text, None);
        let t = &ctx.analysis.tokens;
        let at = |w: &str| t.iter().position(|x| x.norm == w).expect(w);
        let person_at = |a: usize, b: usize| super::super::NerSpan {
            tokens: a..b,
            span: Span::new(t[a].span.start, t[b - 1].span.end),
            class: NerClass::Person,
        };
        let mut known = place("person:rami-samer", &[]);
        known.kind = EntityType::Person;
        known.mentions = vec![mention(text, "رامي سامر", MentionKind::Name)];
        let jamil = at("جميل");
        // Another first name than the known person's: another person.
        known.name_ar = "نبيل رامي سامر".into();
        let mut entities = vec![known.clone()];
        assert!(matches!(
            make_room(&ctx, &kb, &mut entities, &person_at(jamil, jamil + 3)),
            Room::Free
        ));
        assert!(entities.is_empty());
        // The known person's first name (another spelling of it): the same person.
        known.name_ar = "جمييل رامي سامر".into();
        let mut entities = vec![known];
        assert!(matches!(
            make_room(&ctx, &kb, &mut entities, &person_at(jamil, jamil + 3)),
            Room::Grown
        ));
        assert_eq!(entities[0].id, "person:rami-samer");
        assert!(entities[0].known);
        assert_eq!(entities[0].mentions[0].text, "جميل رامي سامر");
        let second = text.rfind("رامي سامر").expect("second");
        let second = text[..second].chars().count();
        entities[0].mentions = vec![Mention {
            start: second,
            end: second + 9,
            text: "رامي سامر".into(),
            kind: MentionKind::Name,
        }];
        let nadir = at("نادر");
        assert!(matches!(
            make_room(&ctx, &kb, &mut entities, &person_at(nadir, nadir + 4)),
            Room::Free
        ));
        assert!(entities.is_empty(), "{entities:?}");
        // A state inside a person's name still blocks it.
        let text = "قال رامي أبو خلدا وقال الرئيس سامر تعهد وزارت شركة أمريكان سامر";
        let ctx = TextContext::new(text, None);
        let mut entities = vec![place("gpe:x", &[])];
        entities[0].roles = vec!["country".into()];
        entities[0].mentions = vec![mention(text, "خلدا", MentionKind::Name)];
        assert!(matches!(
            make_room(
                &ctx,
                &kb,
                &mut entities,
                &name(rami, rami + 3, NerClass::Person)
            ),
            Room::Blocked
        ));
    }

    /// The index of the first token whose normalised form is `w`.
    fn token_at(t: &[AnalyzedToken], w: &str) -> usize {
        t.iter().position(|x| x.norm == w).expect(w)
    }

    /// A person's name over the tokens `k`.
    fn person_span(t: &[AnalyzedToken], k: std::ops::Range<usize>) -> super::super::NerSpan {
        super::super::NerSpan {
            span: Span::new(t[k.start].span.start, t[k.end - 1].span.end),
            tokens: k,
            class: NerClass::Person,
        }
    }

    #[test]
    fn a_name_on_a_connector_goes_on_but_not_one_with_an_enclitic() {
        let a = marsad_text::analyze("وقدمت هند عبده برنامجا وقال خالد بن سعد");
        let t = &a.tokens;
        let at = |w: &str| token_at(t, w);
        let name = |a: usize, b: usize| person_span(t, a..b);
        let (hind, khalid) = (at("هند"), at("خالد"));
        let out = join_names_split_at_a_connector(
            t,
            vec![name(hind, hind + 2), name(khalid, khalid + 2)],
        );
        assert_eq!(out[0].tokens, hind..hind + 2, "عبده is a name, not عبد");
        assert_eq!(out[1].tokens, khalid..khalid + 3, "بن takes the next word");
    }

    #[test]
    fn a_name_read_over_a_phrase_of_kinship_is_two_names() {
        let text = "وقال سامي النعمي ابن خالة عبدالفتاح ثم زارهم خالد ابن عمه وقال محمد بن سلمان";
        let a = marsad_text::analyze(text);
        let t = &a.tokens;
        let at = |w: &str| token_at(t, w);
        let name = |a: usize, b: usize| person_span(t, a..b);
        let (sami, khalid, muhammad) = (at("سامي"), at("خالد"), at("محمد"));
        let out = split_names_at_kinship(
            t,
            vec![
                name(sami, sami + 5),
                name(khalid, khalid + 3),
                name(muhammad, muhammad + 3),
            ],
        );
        let texts: Vec<String> = out
            .iter()
            .map(|n| {
                let b = t[n.tokens.start].bytes.start..t[n.tokens.end - 1].bytes.end;
                text[b].to_string()
            })
            .collect();
        // The phrase with an enclitic (`ابن عمه`) ends the name too; a father's name does not.
        assert_eq!(texts, ["سامي النعمي", "عبدالفتاح", "خالد", "محمد بن سلمان"]);
        assert_eq!(out[1].span.start, t[at("عبدالفتاح")].span.start);
    }

    #[test]
    fn a_definite_organisation_word_does_not_name_the_next_name() {
        let a = marsad_text::analyze("قال رئيس الاتحاد سامر وقعت شركة سامر");
        let t = &a.tokens;
        let k: Vec<usize> = (0..t.len()).filter(|&k| t[k].norm == "سامر").collect();
        assert_eq!(class_by_trigger(t, k[0]), None);
        assert_eq!(class_by_trigger(t, k[1]), Some(NerClass::Org));
    }

    #[test]
    fn only_a_name_headed_by_an_organisation_word_goes_on_over_a_complement() {
        let ex = crate::Extractor::bundled().expect("bundled extractor");
        let doc = ex.analyze(
            "والذي يحتاج العنابي للفوز عليه في الدوحة.",
            &crate::Source::default(),
        );
        let texts: Vec<&str> = doc
            .entities
            .iter()
            .filter(|e| e.kind == EntityType::Org)
            .flat_map(|e| e.mentions.iter().map(|m| m.text.as_str()))
            .collect();
        assert_eq!(texts, ["العنابي"]);
    }

    #[test]
    fn a_place_name_in_a_fixed_phrase_is_no_name_of_any_reader() {
        let ex = crate::Extractor::bundled().expect("bundled extractor");
        let named = |text: &str, word: &str| {
            let doc = ex.analyze(text, &crate::Source::default());
            doc.entities
                .iter()
                .flat_map(|e| e.mentions.iter())
                .filter(|m| m.text == word)
                .count()
        };
        // The same word, once in the phrase and once a place: one mention each time
        // (the tagger reads the place's name and propagates it; the phrase stops it).
        let text = "وصل الوفد إلى مسقط أمس. وولد الشاعر في مسقط رأسه عام 1950.";
        assert_eq!(named(text, "مسقط"), 1);
        let text = "زار ملك المغرب الرياض، ثم أدى صلاة المغرب في المسجد.";
        assert_eq!(named(text, "المغرب"), 1);
        let text = "أضاف جوز الهند إلى الطبق، وهو مستورد من الهند.";
        assert_eq!(named(text, "الهند"), 1);
        // Nor is a name the tagger reads over the phrase.
        let text = "غاب اللاعب بسبب إصابة في الرباط الصليبي، وعاد إلى الرباط أمس.";
        assert_eq!(named(text, "الرباط الصليبي") + named(text, "الرباط"), 1);
    }

    #[test]
    fn a_new_name_spelt_as_a_knowledge_base_id_is_that_entity() {
        let ex = crate::Extractor::bundled().expect("bundled extractor");
        let kb = ex.kb();
        // A person of the knowledge base, written in a spelling it does not hold.
        let x = kb
            .index_of("person:samantha-power")
            .and_then(|k| kb.entity(k))
            .expect("the knowledge base holds Samantha Power");
        let doc = ex.analyze(
            "وقالت السفيرة سمانثا باور إن القرار مهم.",
            &crate::Source::default(),
        );
        let e = doc
            .entities
            .iter()
            .find(|e| e.mentions.iter().any(|m| m.text == "سمانثا باور"))
            .expect("the name is found");
        assert!(e.known && e.id == x.id, "{e:?}");
        // A new name never takes a knowledge-base id for itself.
        assert!(doc
            .entities
            .iter()
            .all(|e| e.known || kb.index_of(&e.id).is_none()));
    }

    #[test]
    fn the_title_that_introduces_a_new_person_is_its_role() {
        let ex = crate::Extractor::bundled().expect("bundled extractor");
        let role_of = |text: &str, name: &str| -> Vec<String> {
            let doc = ex.analyze(text, &crate::Source::default());
            doc.entities
                .iter()
                .find(|e| e.mentions.iter().any(|m| m.text == name))
                .map(|e| e.roles.clone())
                .unwrap_or_default()
        };
        // A title, its state after it (as a nisba or a name), an apposition comma.
        assert_eq!(
            role_of(
                "وقال وزير الخارجية النمساوي، زيباستيان كورتسر إن بلاده مستعدة.",
                "زيباستيان كورتسر"
            ),
            ["foreign minister of Austria"]
        );
        assert_eq!(
            role_of(
                "وقال وزير خارجية النمسا زيباستيان كورتسر إن بلاده مستعدة.",
                "زيباستيان كورتسر"
            ),
            ["foreign minister of Austria"]
        );
        // `الأمير` before a name alone is a prince; before a state, its emir.
        assert_eq!(
            role_of(
                "وقال الأمير خالد بن عبدالله المشاري إن الحفل ناجح.",
                "خالد بن عبدالله المشاري"
            ),
            ["prince"]
        );
        // A title with a pronoun for its organisation, a descriptor.
        assert_eq!(
            role_of(
                "واكتفى الناطق باسمها إياد البزمي بالقول إن التحقيق جار.",
                "إياد البزمي"
            ),
            ["spokesperson"]
        );
        assert_eq!(
            role_of("وقال السيناتور بوب كروكري إن الاتفاق سيئ.", "بوب كروكري"),
            ["senator"]
        );
        // A word that only gives a role (it does not make the next words a person).
        assert_eq!(
            role_of(
                "وقال المدرب السويسري مارسيل كولر إن الفريق جاهز.",
                "مارسيل كولر"
            ),
            ["coach"]
        );
        let lx = &crate::entities::lexicon::LEXICONS;
        let coach = lx.descriptors.iter().find(|d| d.phrase == "المدرب");
        assert!(coach.is_some_and(|d| !d.introduces));
        // `X وزير الخارجية، وY`: the title is X's, not Y's.
        let roles = role_of(
            "وحضر عادل الجبير وزير الخارجية السعودي، وخالد العيساوي وزير الدولة.",
            "خالد العيساوي",
        );
        assert!(!roles.iter().any(|r| r.contains("foreign")), "{roles:?}");
    }

    #[test]
    fn a_new_organisation_is_named_by_its_head_noun() {
        let kb = crate::KnowledgeBase::bundled().expect("bundled KB");
        let t = transliterate;
        // A place after the head is named as the knowledge base names it.
        assert_eq!(
            new_name_en("جامعة تينيسي", EntityType::Org, &kb),
            "Tennessee University"
        );
        assert_eq!(
            new_name_en("حزب الوفد", EntityType::Org, &kb),
            format!("{} Party", t("الوفد"))
        );
        assert_eq!(
            new_name_en("مطار جوبا", EntityType::Fac, &kb),
            "Juba Airport"
        );
        // Only organisations and facilities, and only with something after the head.
        assert_eq!(
            new_name_en("حزب", EntityType::Org, &kb),
            transliterate("حزب")
        );
        // A descriptive name with the article on its head is translated.
        assert_eq!(
            new_name_en("الهيئة العامة للسياحة", EntityType::Org, &kb),
            "General Authority for Tourism"
        );
        assert_eq!(
            new_name_en("جامعة تينيسي", EntityType::Person, &kb),
            transliterate("جامعة تينيسي")
        );
    }

    #[test]
    fn a_person_name_starts_after_its_trigger_and_a_definite_adjective() {
        let a =
            marsad_text::analyze("ودفن الشيخ الجليل سعد بن عباد هنا وزار الإمام الخميني المدينة");
        let t = &a.tokens;
        let at = |w: &str| t.iter().position(|x| x.base == w).expect(w);
        // The tagger's span `الجليل سعد بن عباد` starts at `سعد`.
        let (adj, end) = (at("الجليل"), at("هنا"));
        assert_eq!(trim_person_start(t, adj..end), at("سعد"));
        // `الإمام الخميني` starts at `الخميني`; a one-word name stays.
        let (imam, khomeini) = (at("الامام"), at("الخميني"));
        assert_eq!(trim_person_start(t, imam..khomeini + 1), khomeini);
        assert_eq!(trim_person_start(t, khomeini..khomeini + 1), khomeini);
        // A name that starts with a given name is left alone.
        let s = at("سعد");
        assert_eq!(trim_person_start(t, s..end), s);
    }

    #[test]
    fn a_name_ends_before_a_word_with_nunation() {
        let text = "وعيّن المجلس أحمد شعيب أميناً للصندوق إيماناً منه، وبقي خالد العمري وخالدٌ هنا";
        let a = marsad_text::analyze(text);
        let t = &a.tokens;
        let at = |w: &str| t.iter().position(|x| x.norm == w).expect(w);
        let (ahmed, amin) = (at("احمد"), at("امينا"));
        let p = NerClass::Person;
        // The indefinite `أميناً` (as secretary) is no part of the name before it.
        assert_eq!(end_before_nunation(text, t, ahmed..amin + 1, p), Some(amin));
        assert_eq!(end_before_nunation(text, t, ahmed..amin, p), Some(amin));
        // A span that starts with such a word names nothing, of any class, even one
        // with fathatan that reads as a given name (`أمين`).
        let iman = at("ايمانا");
        for class in [NerClass::Person, NerClass::Org, NerClass::Loc] {
            assert_eq!(end_before_nunation(text, t, iman..iman + 2, class), None);
        }
        assert_eq!(end_before_nunation(text, t, amin..amin + 1, p), None);
        // A given name alone with dammatan is a person's name as verse writes it.
        let k = at("وخالد");
        assert_eq!(end_before_nunation(text, t, k..k + 1, p), Some(k + 1));
        assert_eq!(end_before_nunation(text, t, k..k + 1, NerClass::Loc), None);
        // A name without it is left alone.
        let khalid = at("خالد");
        assert_eq!(
            end_before_nunation(text, t, khalid..khalid + 2, p),
            Some(khalid + 2)
        );
    }
}
