//! The entity stage's own word lists (`data/lexicons/entity_*.tsv`), parsed once.

use super::index::{FastMap, FastSet};
use crate::kb::normalize_phrase;
use crate::EntityType;
use marsad_text::{AnalyzedToken, TokenKind};
use std::sync::LazyLock;

/// A word or phrase that introduces a person (`الباحث السياسي` → political researcher).
#[derive(Debug, Clone, PartialEq)]
pub struct Descriptor {
    /// Normalised Arabic phrase.
    pub phrase: String,
    /// English role.
    pub role_en: String,
    /// Whether the phrase makes the name after it a person (`الباحث السياسي`); `false`
    /// for words that only give a person found otherwise its role (`اللاعب`, after which
    /// ordinary words often follow).
    pub introduces: bool,
}

/// What a class word before a place name does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassRole {
    /// Stays outside the span; each following name is its own mention.
    Outside,
    /// Part of a facility name.
    Facility,
}

/// A class word before place names (`محافظة`, `مطار`).
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceClass {
    /// Normalised word.
    pub word: String,
    /// What it does.
    pub role: ClassRole,
    /// Normalised singular form.
    pub singular: String,
    /// English name pattern for composed facilities (`{place} Airport`).
    pub en_pattern: String,
    /// Slug pattern for composed facilities (`{place}-airport`).
    pub slug_pattern: String,
}

/// A head word that builds an organisation with a state nisba (`الجيش` + `السوري`).
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    /// Normalised Arabic head.
    pub phrase: String,
    /// English name pattern (`{demonym} Army`).
    pub en_pattern: String,
    /// Slug pattern (`{demonym}-army`).
    pub slug_pattern: String,
    /// The head alone names the organ of the document's country (`وزارة النفط`).
    pub bare: bool,
    /// The head is also an adjective (`الخارجية` foreign): right after a definite noun it
    /// names no organisation.
    pub adjective: bool,
}

/// An area word that builds a region with a place (`ريف` + `اللاذقية`).
#[derive(Debug, Clone, PartialEq)]
pub struct RegionWord {
    /// Normalised Arabic word.
    pub word: String,
    /// English name pattern (`{place} countryside`).
    pub en_pattern: String,
    /// Slug pattern (`{place}-countryside`).
    pub slug_pattern: String,
}

/// A noun that heads a fixed name built from a person's name (`مستشفى الملك فهد`).
#[derive(Debug, Clone)]
pub struct EponymHead {
    /// Type of the named thing (facility or organisation).
    pub kind: EntityType,
    /// English name; `{name}` = the title and name in English.
    pub en_pattern: String,
    /// Words that, right before the head, make it an ordinary noun (`عن طريق`, "by way
    /// of"): no fixed name starts at the head after one of them.
    pub not_after: Vec<String>,
}

/// Class of a word that cannot be part of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopClass {
    /// A function word, verb or common noun.
    Stop,
    /// A modifier that may stand between a title and a name (`السابق`).
    Modifier,
}

/// All entity-stage lexicons.
#[derive(Debug, Default)]
pub struct Lexicons {
    /// Person-introducing descriptors.
    pub descriptors: Vec<Descriptor>,
    /// Head words of a role in apposition after a name (`مدير`, `عضو`), by normalised
    /// phrase → English role (`entity_apposition_heads.tsv`).
    pub apposition_heads: FastMap<String, String>,
    /// Stop words and modifiers, by normalised word.
    pub stop: FastMap<String, StopClass>,
    /// Place class words.
    pub classes: Vec<PlaceClass>,
    /// Where in [`Lexicons::classes`] each class word first stands.
    pub class_index: FastMap<String, usize>,
    /// Organisation heads.
    pub heads: Vec<Head>,
    /// Region area words.
    pub regions: Vec<RegionWord>,
    /// English name of a state → English adjective.
    pub demonyms: FastMap<String, String>,
    /// Normalised given name → English spelling.
    pub given_names: FastMap<String, String>,
    /// Given names that are not also common words: they start a new name on their own.
    pub standalone_given: FastSet<String>,
    /// Name particles after which the last word of a name is no short form (`بن`, `عبد`).
    pub name_connectors: FastSet<String>,
    /// Connectors that start a family name or kunya used alone (`آل دغيم`, `أبو مازن`):
    /// class `family` in `entity_name_particles.tsv`.
    pub family_particles: FastSet<String>,
    /// Regnal numbers (`entity_regnal_numbers.tsv`) and similar last words that are no
    /// short form (`الثاني`, `الابن`).
    pub name_ordinals: FastSet<String>,
    /// Words that never name an entity on their own (`الله`, `لي`), in matching folding:
    /// no one-word name of the tagger, and no short form of a longer name
    /// (`data/ner/never_names.txt`).
    pub never_names: FastSet<String>,
    /// The last words of the phrases of `never_names` of more than one word: a name whose
    /// last word is none of them is no such phrase, and its phrase is not built.
    pub never_name_ends: FastSet<String>,
    /// Formulas of blessing that follow a name (`صلى الله عليه وسلم`), each as its words in
    /// matching folding: a new person's name ends before one (`data/ner/honorific_formulas.txt`).
    pub honorific_formulas: Vec<Vec<String>>,
    /// Phrases of kinship that stand between two people's names (`ابن خالة`), each as its
    /// words in matching folding (`data/ner/kinship_phrases.txt`).
    pub kinship_phrases: Vec<Vec<String>>,
    /// Word shapes that never name a person alone (`data/ner/never_name_shapes.txt`:
    /// `C` one consonant, any other character itself), in matching folding.
    pub never_name_shapes: Vec<Vec<char>>,
    /// A given name and a formula of blessing that together name one person, and that
    /// person's knowledge-base id (`data/ner/formula_persons.tsv`); name and formula in
    /// matching folding.
    pub formula_persons: Vec<FormulaPerson>,
    /// Nouns heading fixed names built from a person's name (`مستشفى`, `جامعة`).
    pub eponym_heads: FastMap<String, EponymHead>,
    /// Adjectives that end such names, with their English (`التخصصي` → Specialist):
    /// `entity_name_adjectives.tsv`, in matching folding.
    pub name_adjectives: FastMap<String, String>,
    /// Nouns that head the full names of organisations which news often names without
    /// them (`حركة`, `صحيفة`, `نادي`), in file order: `entity_short_name_heads.tsv`.
    pub short_name_heads: Vec<String>,
    /// Roles of organisations whose names a following state nisba only describes
    /// (`ميلان [الإيطالي]`): `entity_nisba_outside_roles.tsv`, lower case.
    pub nisba_outside_roles: Vec<String>,
    /// Those of [`Lexicons::short_name_heads`] that are never part of the name (outlets
    /// and clubs: column `outside`).
    pub outside_heads: FastSet<String>,
    /// Words that say what kind of organisation a one-word name after them is
    /// (`مراسل [الجزيرة]` an outlet, `فريق [الهلال]` a club): `entity_vouching_words.tsv`.
    pub vouching_words: FastMap<String, VouchingWord>,
    /// Words that start the fixed names of competitions and prizes (`كأس`, `بطولة`):
    /// `entity_event_heads.tsv`, each split into its normalised words.
    pub event_heads: Vec<Vec<String>>,
    /// Nouns after which a compass word names a position, not a region (`لاعب`, `خط`,
    /// `حزب`): `entity_position_words.tsv`, in matching folding.
    pub position_words: FastSet<String>,
    /// English patterns naming new organisations and facilities by their head noun
    /// (`حزب` → `{name} Party`): `entity_org_name_heads.tsv`, then the eponym heads.
    pub org_name_heads: FastMap<String, String>,
    /// Fixed phrases in which a name is an ordinary word (`[مسقط] رأسه`, his birthplace;
    /// `صلاة [المغرب]`; `نصيب [الأسد]`, the lion's share): `entity_name_idioms.tsv`.
    pub name_idioms: Vec<NameIdiom>,
    /// Every word that stands for the name in one of [`Lexicons::name_idioms`]:
    /// a token that is none of them is in no idiom's place (a test before trying each).
    pub name_idiom_names: FastSet<String>,
}

/// A fixed phrase in which a name is an ordinary word (`[مسقط] رأسه`, "his birthplace";
/// `نصيب [الأسد]`, "the lion's share"): see [`Lexicons::name_idiom_at`].
#[derive(Debug, Clone, Default)]
pub struct NameIdiom {
    /// The words at each position, each a set of alternatives in matching folding.
    pub words: Vec<Vec<String>>,
    /// The position of the name's word among them.
    pub name: usize,
}

impl NameIdiom {
    /// Parses `صلاة|أذان [المغرب]`: words separated by spaces, alternatives by `|`, the
    /// name's word in brackets. `None` without exactly one bracketed word.
    fn parse(phrase: &str) -> Option<NameIdiom> {
        let mut idiom = NameIdiom::default();
        let mut names = 0;
        for (k, word) in phrase.split_whitespace().enumerate() {
            let bare = word.trim_start_matches('[').trim_end_matches(']');
            if bare.len() != word.len() {
                idiom.name = k;
                names += 1;
            }
            idiom.words.push(
                bare.split('|')
                    .map(|w| marsad_text::normalize_word(w, marsad_text::Folding::MATCH))
                    .collect(),
            );
        }
        (names == 1).then_some(idiom)
    }
}

impl Lexicons {
    /// The first place class whose word is `a` or `b` (in [`Lexicons::classes`] order).
    pub fn place_class(&self, a: &str, b: &str) -> Option<&PlaceClass> {
        let at = |w: &str| self.class_index.get(w).copied();
        let i = match (at(a), at(b)) {
            (Some(i), Some(j)) => i.min(j),
            (i, j) => i.or(j)?,
        };
        self.classes.get(i)
    }

    /// Token `k` is the name's word in a phrase of `entity_name_idioms.tsv` that holds
    /// it there (`[مسقط] رأسه`): the name is an ordinary word. Every word of the phrase
    /// matches a word token's normalised form or its base without clitics, in one sentence.
    pub fn name_idiom_at(&self, tokens: &[AnalyzedToken], k: usize) -> bool {
        let Some(at) = tokens.get(k) else {
            return false;
        };
        if !(self.name_idiom_names.contains(at.norm.as_str())
            || self.name_idiom_names.contains(at.base.as_str()))
        {
            return false;
        }
        self.name_idioms.iter().any(|idiom| {
            let Some(first) = k.checked_sub(idiom.name) else {
                return false;
            };
            idiom.words.iter().enumerate().all(|(j, alternatives)| {
                tokens.get(first + j).is_some_and(|t| {
                    t.kind == TokenKind::Word
                        && t.sentence == at.sentence
                        && alternatives.iter().any(|w| t.norm == *w || t.base == *w)
                })
            })
        })
    }

    /// The words of a name are a phrase of `data/ner/never_names.txt` (`بـ[حمد الله]`): its
    /// first word read without proclitics, or as written.
    pub fn is_never_name_phrase(&self, toks: &[AnalyzedToken]) -> bool {
        let Some((first, rest)) = toks.split_first() else {
            return false;
        };
        let Some(last) = rest.last() else {
            // One word: the phrase is the word itself.
            return self.never_names.contains(first.base.as_str())
                || (first.norm != first.base && self.never_names.contains(first.norm.as_str()));
        };
        // The phrase ends with what follows the last space of the last word.
        let end = last.norm.rsplit(' ').next().unwrap_or_default();
        if !self.never_name_ends.contains(end) {
            return false;
        }
        self.never_names
            .contains(&never_name_phrase(&first.base, rest))
            || (first.norm != first.base
                && self
                    .never_names
                    .contains(&never_name_phrase(&first.norm, rest)))
    }

    /// The word (matching folding, without proclitics) has a shape that never names a
    /// person alone (`استقدام`: see `data/ner/never_name_shapes.txt`).
    pub fn has_never_name_shape(&self, word: &str) -> bool {
        let consonant = |c: char| {
            !matches!(
                c,
                'ا' | 'و' | 'ي' | 'ى' | 'ة' | 'ء' | 'آ' | 'أ' | 'إ' | 'ؤ' | 'ئ'
            )
        };
        self.never_name_shapes.iter().any(|shape| {
            word.chars().count() == shape.len()
                && word.chars().zip(shape).all(
                    |(c, &s)| {
                        if s == 'C' {
                            consonant(c)
                        } else {
                            c == s
                        }
                    },
                )
        })
    }

    /// A formula of blessing (`data/ner/honorific_formulas.txt`) starts at token `k`.
    pub fn starts_honorific_formula(&self, tokens: &[AnalyzedToken], k: usize) -> bool {
        self.honorific_formulas
            .iter()
            .any(|f| formula_at(f, tokens, k))
    }

    /// The number of words of the kinship phrase (`data/ner/kinship_phrases.txt`) that
    /// starts at token `k`, if one does. A word matches a token's normalised form or its
    /// base (`ابن خالته`, his cousin).
    pub fn kinship_phrase_at(&self, tokens: &[AnalyzedToken], k: usize) -> Option<usize> {
        self.kinship_phrases
            .iter()
            .find(|p| {
                p.iter().enumerate().all(|(j, w)| {
                    tokens.get(k + j).is_some_and(|t| {
                        t.kind == TokenKind::Word && (t.norm == *w || t.base == *w)
                    })
                })
            })
            .map(Vec::len)
    }

    /// The knowledge-base id of the person that token `name` names with the formula of
    /// blessing right after it (`[محمد] صلى الله عليه وسلم`: the Prophet Muhammad), from
    /// `data/ner/formula_persons.tsv`.
    pub fn person_by_formula(&self, tokens: &[AnalyzedToken], name: usize) -> Option<&'static str> {
        let word = tokens.get(name)?;
        self.formula_persons
            .iter()
            .find(|p| word.norm == p.name && formula_at(&p.formula, tokens, name + 1))
            .map(|p| p.id)
    }
}

/// A given name that a formula of blessing after it makes one person's (see
/// [`Lexicons::person_by_formula`]).
#[derive(Debug, Clone)]
pub struct FormulaPerson {
    /// The name, one word in matching folding.
    pub name: String,
    /// The formula's words, in matching folding.
    pub formula: Vec<String>,
    /// The person's knowledge-base id.
    pub id: &'static str,
}

/// The words of `formula` are the word tokens from `k` on.
fn formula_at(formula: &[String], tokens: &[AnalyzedToken], k: usize) -> bool {
    formula.iter().enumerate().all(|(j, w)| {
        tokens
            .get(k + j)
            .is_some_and(|t| t.kind == TokenKind::Word && t.norm == *w)
    })
}

/// A word that says what kind of organisation follows it (`entity_vouching_words.tsv`).
#[derive(Debug, Clone)]
pub struct VouchingWord {
    /// Words one of the organisation's roles contains when it is of that kind.
    pub roles: Vec<&'static str>,
    /// The role of a new organisation named after the word (`sports club`).
    pub kind: &'static str,
}

impl VouchingWord {
    /// Whether an organisation with these roles is of the word's kind.
    pub fn fits(&self, roles: &[String]) -> bool {
        roles.iter().any(|r| self.fits_role(r))
    }

    /// True when an organisation of this one role is of the word's kind (`club`).
    pub fn fits_role(&self, role: &str) -> bool {
        let r = role.to_lowercase();
        self.roles.iter().any(|w| r.contains(w))
    }
}

fn table(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>())
}

fn field(f: &[&'static str], i: usize) -> &'static str {
    f.get(i).copied().unwrap_or("")
}

/// The bundled lexicons.
pub static LEXICONS: LazyLock<Lexicons> = LazyLock::new(|| {
    let mut lx = Lexicons::default();
    for f in table(include_str!("../../data/lexicons/entity_descriptors.tsv")) {
        lx.descriptors.push(Descriptor {
            phrase: normalize_phrase(field(&f, 0)),
            role_en: field(&f, 1).to_string(),
            introduces: field(&f, 2) != "no",
        });
    }
    for f in table(include_str!(
        "../../data/lexicons/entity_apposition_heads.tsv"
    )) {
        lx.apposition_heads
            .insert(normalize_phrase(field(&f, 0)), field(&f, 1).to_string());
    }
    for f in table(include_str!("../../data/lexicons/entity_stopwords.tsv")) {
        let class = if field(&f, 1) == "modifier" {
            StopClass::Modifier
        } else {
            StopClass::Stop
        };
        lx.stop.insert(normalize_phrase(field(&f, 0)), class);
    }
    for f in table(include_str!("../../data/lexicons/entity_place_classes.tsv")) {
        lx.classes.push(PlaceClass {
            word: normalize_phrase(field(&f, 0)),
            role: if field(&f, 1) == "facility" {
                ClassRole::Facility
            } else {
                ClassRole::Outside
            },
            singular: normalize_phrase(field(&f, 2)),
            en_pattern: field(&f, 3).to_string(),
            slug_pattern: field(&f, 4).to_string(),
        });
    }
    for (i, c) in lx.classes.iter().enumerate() {
        lx.class_index.entry(c.word.clone()).or_insert(i);
    }
    for f in table(include_str!("../../data/lexicons/entity_heads.tsv")) {
        lx.heads.push(Head {
            phrase: normalize_phrase(field(&f, 0)),
            en_pattern: field(&f, 1).to_string(),
            slug_pattern: field(&f, 2).to_string(),
            bare: field(&f, 3) == "yes",
            adjective: field(&f, 4) == "yes",
        });
    }
    for f in table(include_str!("../../data/lexicons/entity_region_words.tsv")) {
        lx.regions.push(RegionWord {
            word: normalize_phrase(field(&f, 0)),
            en_pattern: field(&f, 1).to_string(),
            slug_pattern: field(&f, 2).to_string(),
        });
    }
    for f in table(include_str!("../../data/lexicons/entity_demonyms.tsv")) {
        lx.demonyms
            .insert(field(&f, 0).to_string(), field(&f, 1).to_string());
    }
    for f in table(include_str!("../../data/lexicons/entity_given_names.tsv")) {
        let name = normalize_phrase(field(&f, 0));
        if field(&f, 2) != "yes" {
            lx.standalone_given.insert(name.clone());
        }
        lx.given_names.insert(name, field(&f, 1).to_string());
    }
    // One-word regnal numbers (`الثاني`) are no surnames either.
    for f in table(include_str!(
        "../../data/lexicons/entity_regnal_numbers.tsv"
    )) {
        let word = normalize_phrase(field(&f, 0));
        if !word.contains(' ') {
            lx.name_ordinals.insert(word);
        }
    }
    for f in table(include_str!(
        "../../data/lexicons/entity_name_particles.tsv"
    )) {
        let word = normalize_phrase(field(&f, 0));
        if field(&f, 1) == "ordinal" {
            lx.name_ordinals.insert(word);
        } else {
            if field(&f, 1) == "family" {
                lx.family_particles.insert(word.clone());
            }
            lx.name_connectors.insert(word);
        }
    }
    let folded_words = |line: &str| -> Vec<String> {
        line.split_whitespace()
            .map(|w| marsad_text::normalize_word(w, marsad_text::Folding::MATCH))
            .collect()
    };
    let phrases = |text: &'static str| {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
    };
    lx.never_names = phrases(include_str!("../../data/ner/never_names.txt"))
        .map(|l| folded_words(l).join(" "))
        .collect();
    lx.never_name_ends = lx
        .never_names
        .iter()
        .filter_map(|p| p.rsplit_once(' ').map(|(_, end)| end.to_string()))
        .collect();
    lx.honorific_formulas = phrases(include_str!("../../data/ner/honorific_formulas.txt"))
        .map(folded_words)
        .collect();
    lx.kinship_phrases = phrases(include_str!("../../data/ner/kinship_phrases.txt"))
        .map(folded_words)
        .collect();
    lx.never_name_shapes = phrases(include_str!("../../data/ner/never_name_shapes.txt"))
        .map(|l| {
            // The literal letters folded as the text is; `C` kept.
            l.split('C')
                .map(|part| folded_words(part).concat())
                .collect::<Vec<_>>()
                .join("C")
                .chars()
                .collect()
        })
        .collect();
    lx.formula_persons = table(include_str!("../../data/ner/formula_persons.tsv"))
        .map(|f| FormulaPerson {
            name: folded_words(field(&f, 0)).join(" "),
            formula: folded_words(field(&f, 1)),
            id: field(&f, 2),
        })
        .collect();
    lx.name_idioms = table(include_str!("../../data/lexicons/entity_name_idioms.tsv"))
        .filter_map(|f| NameIdiom::parse(field(&f, 0)))
        .collect();
    lx.name_idiom_names = lx
        .name_idioms
        .iter()
        .filter_map(|idiom| idiom.words.get(idiom.name))
        .flatten()
        .cloned()
        .collect();
    lx.nisba_outside_roles = table(include_str!(
        "../../data/lexicons/entity_nisba_outside_roles.tsv"
    ))
    .map(|f| field(&f, 0).to_lowercase())
    .collect();
    for f in table(include_str!(
        "../../data/lexicons/entity_name_adjectives.tsv"
    )) {
        lx.name_adjectives
            .insert(normalize_phrase(field(&f, 0)), field(&f, 1).to_string());
    }
    for f in table(include_str!("../../data/lexicons/entity_eponym_heads.tsv")) {
        let kind = match field(&f, 1) {
            "ORG" => EntityType::Org,
            _ => EntityType::Fac,
        };
        lx.eponym_heads.insert(
            normalize_phrase(field(&f, 0)),
            EponymHead {
                kind,
                en_pattern: field(&f, 2).to_string(),
                not_after: field(&f, 3)
                    .split('|')
                    .filter(|w| !w.is_empty() && *w != "-")
                    .map(normalize_phrase)
                    .collect(),
            },
        );
    }
    for (word, head) in &lx.eponym_heads {
        lx.org_name_heads
            .entry(word.clone())
            .or_insert_with(|| head.en_pattern.clone());
    }
    for f in table(include_str!(
        "../../data/lexicons/entity_short_name_heads.tsv"
    )) {
        let head = normalize_phrase(field(&f, 0));
        if field(&f, 1) == "yes" {
            lx.outside_heads.insert(head.clone());
        }
        lx.short_name_heads.push(head);
    }
    for f in table(include_str!(
        "../../data/lexicons/entity_org_name_heads.tsv"
    )) {
        lx.org_name_heads
            .insert(normalize_phrase(field(&f, 0)), field(&f, 1).to_string());
    }
    for f in table(include_str!(
        "../../data/lexicons/entity_vouching_words.tsv"
    )) {
        lx.vouching_words.insert(
            normalize_phrase(field(&f, 0)),
            VouchingWord {
                roles: field(&f, 1)
                    .split('|')
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .collect(),
                kind: field(&f, 2),
            },
        );
    }
    lx.position_words = table(include_str!(
        "../../data/lexicons/entity_position_words.tsv"
    ))
    .map(|f| marsad_text::normalize_word(field(&f, 0), marsad_text::Folding::MATCH))
    .collect();
    for f in table(include_str!("../../data/lexicons/entity_event_heads.tsv")) {
        let words = normalize_phrase(field(&f, 0));
        lx.event_heads
            .push(words.split(' ').map(str::to_string).collect());
    }
    lx
});

/// The English adjective of a state's English name (`Syria` → `Syrian`).
pub fn demonym(name_en: &str) -> String {
    if let Some(d) = LEXICONS.demonyms.get(name_en) {
        return d.clone();
    }
    if name_en.ends_with('a') {
        format!("{name_en}n")
    } else {
        name_en.to_string()
    }
}

/// The phrase a name's words make for the never-name list: `head` (the first word, read
/// without proclitics or as written), then the normalised form of each later word.
fn never_name_phrase(head: &str, rest: &[AnalyzedToken]) -> String {
    let mut p = String::from(head);
    for t in rest {
        p.push(' ');
        p.push_str(&t.norm);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_name_phrase_agrees_with_building_every_phrase() {
        // The plain test: the phrase built from the first word's base, then as written.
        let plain = |toks: &[AnalyzedToken]| {
            let Some((first, rest)) = toks.split_first() else {
                return false;
            };
            let phrase = |head: &str| never_name_phrase(head, rest);
            LEXICONS.never_names.contains(&phrase(&first.base))
                || (first.norm != first.base && LEXICONS.never_names.contains(&phrase(&first.norm)))
        };
        // Every phrase of the list, with and without a proclitic, inside other words.
        let mut text = String::from("قال وزير الخارجية بحمد الله إن الله رحيم ");
        for p in &LEXICONS.never_names {
            text.push_str(&format!("قال {p} و{p} ب{p} محمد {p} الاخير. "));
        }
        let a = marsad_text::analyze(&text);
        let mut yes = 0;
        for i in 0..a.tokens.len() {
            for n in 0..5 {
                let toks = &a.tokens[i..(i + n).min(a.tokens.len())];
                let want = plain(toks);
                assert_eq!(LEXICONS.is_never_name_phrase(toks), want, "{i} {n}");
                yes += usize::from(want && n > 1);
            }
        }
        assert!(yes > 10, "{yes}");
    }

    #[test]
    fn every_lexicon_parses() {
        let lx = &*LEXICONS;
        assert!(lx.descriptors.iter().any(|d| d.phrase == "الباحث السياسي"));
        assert_eq!(lx.stop.get("السابق"), Some(&StopClass::Modifier));
        assert!(lx
            .classes
            .iter()
            .any(|c| c.word == "محافظات" && c.singular == "محافظة"));
        assert!(lx
            .heads
            .iter()
            .all(|h| h.slug_pattern.contains("{demonym}")));
        assert!(lx.regions.iter().all(|r| !r.en_pattern.is_empty()));
        assert_eq!(
            lx.given_names.get("احمد").map(String::as_str),
            Some("Ahmed")
        );
        assert!(lx.short_name_heads.iter().any(|h| h == "وكالة انباء"));
        assert!(lx.outside_heads.contains("النادي") && !lx.outside_heads.contains("وكالة انباء"));
        assert_eq!(demonym("Turkey"), "Turkish");
        assert_eq!(demonym("Armenia"), "Armenian");
    }

    #[test]
    fn a_name_in_a_fixed_phrase_is_an_ordinary_word() {
        let lx = &*LEXICONS;
        let words = |text: &str| marsad_text::analyze(text).tokens;
        // Every phrase of the file parses, with one name word.
        let rows = include_str!("../../data/lexicons/entity_name_idioms.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(lx.name_idioms.len(), rows - 1);
        // The other words match with clitics (`رأسه`, `لصلاة`), the name word too.
        let t = words("عاد إلى مسقط رأسه بعد سنوات");
        assert!(lx.name_idiom_at(&t, 2));
        assert!(!lx.name_idiom_at(&t, 3));
        let t = words("توجهوا لصلاة المغرب ثم أفطروا");
        assert!(lx.name_idiom_at(&t, 2));
        let t = words("بعد العصر أو المغرب مثلا");
        assert!(lx.name_idiom_at(&t, 3));
        // The same words elsewhere, or across a sentence end, are the name.
        assert!(!lx.name_idiom_at(&words("وصل الوفد إلى مسقط أمس"), 3));
        assert!(!lx.name_idiom_at(&words("زار ملك المغرب الرياض"), 2));
        let t = words("عاد إلى مسقط. رأسه مرفوع");
        assert!(!lx.name_idiom_at(&t, 2));
        // A bracketed word may have alternatives too (`كوبا [أمريكا|أميركا]`).
        let t = words("فازت تشيلي ببطولة كوبا أميركا");
        assert!(lx.name_idiom_at(&t, 3) && lx.name_idiom_at(&t, 4));
        // A person's name too: `بنصيب الأسد` is the lion's share, not Assad.
        let t = words("حظيت المدينة بنصيب الأسد من المشاريع");
        assert!(lx.name_idiom_at(&t, 3));
        assert!(!lx.name_idiom_at(&words("قال الأسد في خطابه"), 1));
        // An alternative holds only at its own position.
        assert!(!lx.name_idiom_at(&words("المغرب صلاة"), 0));
    }
}
