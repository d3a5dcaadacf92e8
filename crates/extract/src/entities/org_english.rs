//! English names of new organisations whose Arabic name describes them: a definite head
//! noun, adjectives, complements after ل (`الهيئة العامة للسياحة` → General Authority for
//! Tourism, `الوكالة الدولية للطاقة` → International Agency for Energy, `الاتحاد
//! المصري` → Egyptian Federation).
//!
//! Such a name is a phrase of ordinary words, so it is translated word by word, not
//! transliterated: the head by its pattern in `entity_org_name_heads.tsv` (`{name}
//! Authority`), the adjectives and complement nouns by `entity_org_words.tsv`, a state's
//! nisba by the state's demonym, a place by its English name. English puts the adjectives
//! before their noun, the last first (`الحركة القومية المتحدة` → United National
//! Movement). A name with a word none of these reads, or whose head has no article (`جامعة
//! برنستون`, a proper name after the head), gets no translation: the caller transliterates
//! it.

use super::index::FastMap;
use super::lexicon::{demonym, LEXICONS};
use crate::kb::{normalize_phrase, AliasKind, KnowledgeBase};
use std::sync::LazyLock;

/// What a word of `entity_org_words.tsv` is.
#[derive(Clone, Copy, PartialEq)]
enum WordClass {
    /// An adjective after a noun (`دولية` International).
    Adjective,
    /// A noun of a complement (`سياحة` Tourism); a two-word `phrase` is one too.
    Noun,
}

/// The words of descriptive organisation names, keyed by their matching form without
/// the article: English and class.
static ORG_WORDS: LazyLock<FastMap<String, (String, WordClass)>> = LazyLock::new(|| {
    include_str!("../../data/lexicons/entity_org_words.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split('\t').map(str::trim);
            let (word, english, class) = (f.next()?, f.next()?, f.next()?);
            let class = match class {
                "adj" => WordClass::Adjective,
                _ => WordClass::Noun,
            };
            Some((normalize_phrase(word), (english.to_string(), class)))
        })
        .collect()
});

/// A noun phrase of the English name: a noun with the adjectives after it in Arabic and
/// the nouns of its construct (`تنمية الصادرات`: Export Development).
#[derive(Default)]
struct Phrase {
    noun: String,
    /// Adjectives, in Arabic order.
    adjectives: Vec<String>,
    /// The construct's nouns after it, in Arabic order, each with its adjectives.
    genitives: Vec<Phrase>,
    /// Joined to the complement before by `and` (`والتدريب`), not `for`.
    and: bool,
    /// The noun is a place's name, which no adjective describes (`جامعة أوكلاهوما
    /// المسيحية`: the university is Christian).
    place: bool,
}

impl Phrase {
    /// English order: the construct's nouns first, the last first, then the adjectives,
    /// the last first, then the noun (`لجنة الأمن القومي` → National Security Committee).
    fn english_words(&self, out: &mut Vec<String>) {
        for g in self.genitives.iter().rev() {
            g.english_words(out);
        }
        out.extend(self.adjectives.iter().rev().cloned());
        if !self.noun.is_empty() {
            out.push(self.noun.clone());
        }
    }

    /// The phrase whose adjectives a word read next describes: the last noun of the
    /// construct that is no place's name, or the noun itself.
    fn last(&mut self) -> &mut Phrase {
        match self.genitives.last() {
            Some(g) if !g.place => {
                let n = self.genitives.len() - 1;
                self.genitives[n].last()
            }
            _ => self,
        }
    }
}

/// The English of the adjective `word` (matching form, article removed by the caller when
/// it had one): a listed adjective, else a state's nisba (`المصري` → Egyptian).
fn adjective(word: &str, with_article: &str, kb: &KnowledgeBase) -> Option<String> {
    if let Some((en, WordClass::Adjective)) = ORG_WORDS.get(word) {
        return Some(en.clone());
    }
    kb.aliases_of(with_article)
        .iter()
        .find(|&&(e, k)| k == AliasKind::Nisba && kb.is_country(e))
        .and_then(|&(e, _)| kb.entity(e))
        .map(|x| demonym(&x.name_en))
}

/// The English of a noun (`طاقة`, `حقوق الإنسان`; without the article), else of a place
/// the knowledge base names (`القدس`: Jerusalem, looked up as written), and whether it
/// is a place's name.
fn noun(bare: &str, written: &str, kb: &KnowledgeBase) -> Option<(String, bool)> {
    if let Some((en, WordClass::Noun)) = ORG_WORDS.get(bare) {
        return Some((en.clone(), false));
    }
    kb.aliases_of(written)
        .iter()
        .find(|&&(e, k)| {
            k == AliasKind::Name
                && kb
                    .entity(e)
                    .is_some_and(|x| matches!(x.kind, crate::EntityType::Gpe))
        })
        .and_then(|&(e, _)| kb.entity(e))
        .map(|x| (x.name_en.clone(), true))
}

/// A noun at `rest[k]` (without its proclitic, `bare`), or the two-word phrase that starts
/// there (`حقوق الإنسان`): the phrase it makes and how many words it takes.
fn noun_at(bare: &str, rest: &[String], k: usize, kb: &KnowledgeBase) -> Option<(Phrase, usize)> {
    let pair = rest.get(k + 1).and_then(|next| {
        let p = format!("{bare} {next}");
        noun(&p, &p, kb)
    });
    let ((noun, place), used) = match pair {
        Some(found) => (found, 2),
        None => (noun(bare, &rest[k], kb)?, 1),
    };
    Some((
        Phrase {
            noun,
            place,
            ..Phrase::default()
        },
        used,
    ))
}

/// The English name of the organisation named `text`, when it is a descriptive phrase
/// this module can translate (see the module docs); `None` otherwise.
pub fn descriptive_name_en(text: &str, kb: &KnowledgeBase) -> Option<String> {
    let words: Vec<String> = text.split_whitespace().map(normalize_phrase).collect();
    let (head, rest) = words.split_first()?;
    if rest.is_empty() {
        return None;
    }
    let definite = head.starts_with("ال");
    let pattern = LEXICONS
        .org_name_heads
        .get(head.strip_prefix("ال").unwrap_or(head))?;
    // The head noun's phrase (adjectives, construct), then the complements after ل.
    let mut main = Phrase::default();
    let mut complements: Vec<Phrase> = Vec::new();
    let mut k = 0;
    while k < rest.len() {
        let w = rest[k].as_str();
        // A complement: `للطاقة` (ل + ال), `لتنمية` (ل), `والتدريب` after one.
        let complement = if let Some(b) = w.strip_prefix("لل") {
            Some((b, false))
        } else if let (Some(b), false) = (w.strip_prefix("وال"), complements.is_empty()) {
            Some((b, true))
        } else {
            w.strip_prefix('ل')
                .filter(|b| ORG_WORDS.contains_key(*b))
                .map(|b| (b, false))
        };
        if let Some((bare, and)) = complement {
            let (phrase, used) = noun_at(bare, rest, k, kb)?;
            complements.push(Phrase { and, ..phrase });
            k += used;
            continue;
        }
        // The phrase being read: the last complement's, else the head's.
        let in_complement = !complements.is_empty();
        let current = complements.last_mut().unwrap_or(&mut main);
        let bare = w.strip_prefix("ال");
        // An adjective of the last noun; a head without the article takes none before
        // its construct (`قناة العربية` is a proper name).
        let described = definite || in_complement || !current.genitives.is_empty();
        if let Some(en) = bare.filter(|_| described).and_then(|b| adjective(b, w, kb)) {
            current.last().adjectives.push(en);
            k += 1;
            continue;
        }
        // A noun of the construct (`لجنة [الأمن]`, `تنمية [الصادرات]`); after a head with
        // the article, only in a complement.
        if definite && !in_complement {
            return None;
        }
        let (phrase, used) = noun_at(bare.unwrap_or(w), rest, k, kb)?;
        current.last().genitives.push(phrase);
        k += used;
    }
    let mut described = Vec::new();
    main.english_words(&mut described);
    let mut name = pattern
        .replace("{name}", &described.join(" "))
        .trim()
        .to_string();
    for (i, p) in complements.iter().enumerate() {
        name.push_str(if i > 0 && p.and { " and " } else { " for " });
        let mut words = Vec::new();
        p.english_words(&mut words);
        name.push_str(&words.join(" "));
    }
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each name against its expected English (`None`: left to the transliteration).
    fn check(cases: &[(&str, Option<&str>)]) {
        let kb = KnowledgeBase::bundled().expect("bundled knowledge base");
        for &(ar, want) in cases {
            assert_eq!(descriptive_name_en(ar, &kb).as_deref(), want, "{ar}");
        }
    }

    #[test]
    fn descriptive_names_are_translated() {
        check(&[
            (
                "الهيئة العامة للسياحة",
                Some("General Authority for Tourism"),
            ),
            (
                "الوكالة الدولية للطاقة الذرية",
                Some("International Agency for Atomic Energy"),
            ),
            (
                "المنظمة العربية لحقوق الإنسان",
                Some("Arab Organization for Human Rights"),
            ),
            (
                "المركز الوطني للتعليم والتدريب",
                Some("National Center for Education and Training"),
            ),
            // Adjectives go before the noun, the last first; a state's nisba is its
            // demonym.
            ("الحركة القومية المتحدة", Some("United National Movement")),
            ("الاتحاد المصري", Some("Egyptian Federation")),
        ]);
    }

    #[test]
    fn a_construct_of_ordinary_nouns_is_translated_in_english_order() {
        check(&[
            ("لجنة الأمن القومي", Some("National Security Committee")),
            ("هيئة تنمية الصادرات", Some("Export Development Authority")),
            (
                "الهيئة الوطنية لتنمية الصادرات",
                Some("National Authority for Export Development"),
            ),
            ("لجنة القدس", Some("Jerusalem Committee")),
            // An adjective after a place describes the head.
            ("بنك دبي التجاري", Some("Dubai Commercial Bank")),
        ]);
    }

    #[test]
    fn proper_names_and_unread_words_are_left_to_the_transliteration() {
        check(&[
            // A head without the article is followed by a proper name.
            ("جامعة برنستون", None),
            ("صحيفة الوطن", None),
            ("قناة العربية", None),
            // A word the lists do not read.
            ("الهيئة الملكية بينبع الصناعية", None),
            ("الاتحاد والترقي", None),
            // A head that is no organisation's, or a head alone.
            ("الرجل الدولي", None),
            ("الهيئة", None),
        ]);
    }
}
