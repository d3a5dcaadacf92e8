//! The `marsad.document/1` contract (see `../shared/SCHEMA.md` and `docs/SCHEMA.md`).
//!
//! These are the only serde types below `serve`. Fields may be added, never renamed or
//! removed without bumping [`SCHEMA_VERSION`]. Every `start`/`end` is a character offset
//! (Unicode scalar values) into [`Document::text`], `end` exclusive.

use serde::{Deserialize, Serialize};

/// The schema tag written in every document.
pub const SCHEMA_VERSION: &str = "marsad.document/1";

/// One analysed article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Always [`SCHEMA_VERSION`].
    pub schema: String,
    /// sha256 of `text` (first 16 hex chars) or the id given by the source.
    pub id: String,
    /// File path, URL or feed id.
    pub source: String,
    /// Title, if the source gave one.
    pub title: Option<String>,
    /// `YYYY-MM-DD`, the anchor for relative dates.
    pub published: Option<String>,
    /// Always `ar` for now.
    pub language: String,
    /// The full original text, as decoded.
    pub text: String,
    /// Sentence spans.
    pub sentences: Vec<SentenceSpan>,
    /// One entry per distinct real-world entity.
    pub entities: Vec<Entity>,
    /// Direct and indirect quotes.
    pub quotes: Vec<Quote>,
    /// TIMEX3-style time expressions.
    pub times: Vec<Time>,
    /// Numbers with units.
    pub quantities: Vec<Quantity>,
    /// PLOVER events.
    pub events: Vec<Event>,
    /// Tokens, only with `--tokens`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub tokens: Option<Vec<TokenRecord>>,
}

/// A sentence: a span of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceSpan {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// A token as printed by `--tokens`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenRecord {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Normalised form.
    pub norm: String,
    /// Clitic segmentation of the normalised form, e.g. `["و", "ب", "روسيا"]`.
    pub segments: Vec<String>,
    /// Light stem.
    pub stem: String,
}

/// Entity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// A person.
    Person,
    /// An organisation: state organs, armies, militias, companies, media.
    Org,
    /// A geopolitical entity: country, governorate, city.
    Gpe,
    /// A location without government: region, river, sea.
    Loc,
    /// A facility: airport, base, port, building.
    Fac,
}

impl EntityType {
    /// The schema spelling (`PERSON`, `ORG`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Gpe => "GPE",
            EntityType::Loc => "LOC",
            EntityType::Fac => "FAC",
        }
    }

    /// Parses the schema spelling.
    pub fn parse(s: &str) -> Option<EntityType> {
        Some(match s {
            "PERSON" | "PER" | "PERS" => EntityType::Person,
            "ORG" => EntityType::Org,
            "GPE" => EntityType::Gpe,
            "LOC" => EntityType::Loc,
            "FAC" => EntityType::Fac,
            _ => return None,
        })
    }
}

/// A point on the map.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Geo {
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A proper name.
    Name,
    /// A title standing for a person (`الرئيس الروسي`).
    Title,
    /// A nisba adjective standing for a state (`السوري`).
    Nisba,
    /// A pronoun.
    Pronoun,
}

/// One place in the text that refers to an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// `text[start..end]`.
    pub text: String,
    /// How it names the entity.
    pub kind: MentionKind,
}

/// A distinct real-world entity with all its mentions in the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id, `type:slug`.
    pub id: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Canonical Arabic name.
    pub name_ar: String,
    /// Canonical English name (transliterated when none is known).
    pub name_en: String,
    /// Roles, in English.
    pub roles: Vec<String>,
    /// Position, for places whose position is known.
    pub geo: Option<Geo>,
    /// True when the knowledge base knows it; false when found by context.
    pub known: bool,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

#[cfg(test)]
impl Entity {
    /// A bare entity for unit tests: no names or roles, name mentions at `spans`.
    pub(crate) fn for_test(
        id: &str,
        kind: EntityType,
        known: bool,
        spans: &[(usize, usize)],
    ) -> Entity {
        Entity {
            id: id.into(),
            kind,
            name_ar: String::new(),
            name_en: String::new(),
            roles: Vec::new(),
            geo: None,
            known,
            mentions: spans
                .iter()
                .map(|&(start, end)| Mention {
                    start,
                    end,
                    text: String::new(),
                    kind: MentionKind::Name,
                })
                .collect(),
        }
    }
}

/// Direct or indirect speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words in quote marks (or after a colon in the first person).
    Direct,
    /// Reported speech.
    Indirect,
}

/// A quote and who said it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Entity id of the speaker, or null.
    pub speaker: Option<String>,
    /// The words naming the speaker in the text.
    pub speaker_text: Option<String>,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// The reporting verb or phrase.
    pub cue: String,
    /// First character of the content.
    pub start: usize,
    /// One past the last character of the content.
    pub end: usize,
    /// The quoted content only.
    pub text: String,
    /// The outlet that relayed the quote (`نقلت وكالة رويترز عن ...`), an entity id.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub via: Option<String>,
}

/// Kind of time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimeType {
    /// A calendar date or period.
    Date,
    /// A length of time.
    Duration,
    /// A recurrence.
    Set,
    /// A time of day.
    Time,
}

/// A time expression (TIMEX3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Time {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// `text[start..end]`.
    pub text: String,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: TimeType,
    /// TIMEX3 value.
    pub value: String,
    /// True when the value needed `published` or another date in the text.
    pub anchored: bool,
    /// TIMEX3 `mod` (START, MID, END, ...).
    #[serde(skip_serializing_if = "Option::is_none", default, rename = "mod")]
    pub modifier: Option<String>,
    /// The Hijri date as written, for Hijri expressions.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub hijri: Option<String>,
}

/// A number with a unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// `text[start..end]`.
    pub text: String,
    /// The numeric value.
    pub value: f64,
    /// Unit: `percent`, `day`, `USD`, `person`, ...
    pub unit: Option<String>,
    /// What is counted, in Arabic, or null.
    pub about: Option<String>,
}

/// The word or phrase that names an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trigger {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// `text[start..end]`.
    pub text: String,
}

/// A PLOVER event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// One of the 16 PLOVER types.
    #[serde(rename = "type")]
    pub kind: String,
    /// Finer mode (`visit`, `withdrawal`, ...).
    pub mode: Option<String>,
    /// CAMEO root code.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cameo: Option<String>,
    /// Actor entity id.
    pub actor: Option<String>,
    /// Target entity id.
    pub target: Option<String>,
    /// Location entity id.
    pub location: Option<String>,
    /// TIMEX3 value.
    pub date: Option<String>,
    /// Explicitly negated.
    pub negated: bool,
    /// Intended, possible, predicted.
    pub hypothetical: bool,
    /// The trigger.
    pub trigger: Trigger,
    /// Index into `sentences`.
    pub sentence: usize,
    /// Index into `quotes` when the event is only claimed by a speaker.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source: Option<usize>,
    /// Cross-article identity: type + actor + target + day + location.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub event_key: Option<String>,
}
