//! Request and result types of the [`crate::Store`] API. Every result is
//! serde-serialisable so the HTTP server can return it as JSON unchanged.
//!
//! Dates are strings `YYYY-MM-DD` (or a prefix: `YYYY`, `YYYY-MM`); a `from`/`to`
//! range is inclusive at both ends and a prefix bound covers its whole period
//! (`to = "2015-07"` includes 31 July 2015).

use serde::{Deserialize, Serialize};

/// Corpus counts (`marsad stats --json`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Stored articles, near-duplicates included, exact duplicates excluded.
    pub articles: u64,
    /// Distinct entities.
    pub entities: u64,
    /// Quotes (in articles that are not duplicates).
    pub quotes: u64,
    /// Distinct events (merged across articles by event key).
    pub events: u64,
    /// Entity mentions (in articles that are not duplicates).
    pub mentions: u64,
    /// Articles that are neither exact nor near duplicates.
    pub unique_articles: u64,
    /// Exact duplicates recorded (same normalised text as a stored article).
    pub duplicates: u64,
    /// Near duplicates (SimHash distance ≤ 3 from a stored article).
    pub near_duplicates: u64,
    /// Distinct sources.
    pub sources: u64,
    /// Earliest publication date, if any article has one.
    pub first_published: Option<String>,
    /// Latest publication date.
    pub last_published: Option<String>,
    /// Articles in the search index.
    pub indexed: u64,
    /// Size of the SQLite database files, bytes.
    pub db_bytes: u64,
    /// Size of the search index, bytes.
    pub index_bytes: u64,
}

/// A full-text search with filters. Filters combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    /// The query text (tantivy syntax: words, `"phrases"`, `-exclusion`, `OR`). Empty or
    /// `*` matches every article (then the filters select).
    pub text: String,
    /// Articles that mention this entity (an id, or an Arabic or English name).
    pub entity: Option<String>,
    /// Articles that mention an entity of this type (`PERSON`, `ORG`, `GPE`, `LOC`, `FAC`).
    pub entity_type: Option<String>,
    /// Articles quoting this speaker (entity id or name).
    pub speaker: Option<String>,
    /// Articles with an event of this PLOVER type.
    pub event: Option<String>,
    /// Published on or after this date.
    pub from: Option<String>,
    /// Published on or before this date.
    pub to: Option<String>,
    /// Articles from this source (exact match).
    pub source: Option<String>,
    /// Include near duplicates (off by default: wire copies count once).
    pub include_duplicates: bool,
    /// Most hits to return (default 10 when 0).
    pub limit: usize,
    /// Hits to skip (paging).
    pub offset: usize,
}

/// One search hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// Article id.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Source (file path, URL, feed or outlet).
    pub source: String,
    /// Publication date.
    pub published: Option<String>,
    /// BM25 score.
    pub score: f32,
    /// HTML fragment of the text with matches in `<b>…</b>` (text HTML-escaped).
    pub snippet: String,
    /// The same fragment as plain text.
    pub fragment: String,
    /// Matched ranges in `fragment`, character offsets, end exclusive.
    pub highlights: Vec<[usize; 2]>,
    /// The article this one duplicates, if it is a near duplicate.
    pub duplicate_of: Option<String>,
}

/// Search results.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Matching articles in all.
    pub total: u64,
    /// The requested page of hits, best first.
    pub hits: Vec<SearchHit>,
    /// How long the search took, milliseconds.
    pub took_ms: f64,
}

/// An entity with its corpus counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntitySummary {
    /// Stable id (`person:vladimir-putin`).
    pub id: String,
    /// `PERSON`, `ORG`, `GPE`, `LOC` or `FAC`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Canonical Arabic name.
    pub name_ar: String,
    /// Canonical English name.
    pub name_en: String,
    /// Articles mentioning it (duplicates not counted).
    pub articles: u64,
    /// Mentions in all (duplicates not counted).
    pub mentions: u64,
}

/// Filter for listing entities.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EntityFilter {
    /// Only this type.
    pub kind: Option<String>,
    /// Name or id containing this text (Arabic compared normalised, English ignoring case).
    pub name: Option<String>,
    /// Most rows (default 50 when 0).
    pub limit: usize,
}

/// Counts for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodCount {
    /// `YYYY-MM` (or `YYYY-MM-DD` for daily timelines); `unknown` for undated articles.
    pub period: String,
    /// Articles mentioning the entity.
    pub articles: u64,
    /// Mentions.
    pub mentions: u64,
    /// Events the entity takes part in.
    pub events: u64,
}

/// An entity seen with another one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoEntity {
    /// The other entity.
    pub entity: EntitySummary,
    /// Articles mentioning both.
    pub shared_articles: u64,
}

/// How an entity is written in the corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NameCount {
    /// The written form.
    pub name: String,
    /// How often.
    pub count: u64,
}

/// An entity's profile across the corpus (`marsad entity NAME`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityProfile {
    /// Id, names and counts.
    #[serde(flatten)]
    pub summary: EntitySummary,
    /// Roles seen in any article (English).
    pub roles: Vec<String>,
    /// Position, for places.
    pub geo: Option<marsad_extract::Geo>,
    /// Known to the knowledge base.
    pub known: bool,
    /// Written forms, most frequent first.
    pub names: Vec<NameCount>,
    /// Earliest publication date of an article mentioning it.
    pub first_seen: Option<String>,
    /// Latest publication date.
    pub last_seen: Option<String>,
    /// Mentions per month.
    pub per_month: Vec<PeriodCount>,
    /// Its quotes, most recent first.
    pub quotes: Vec<QuoteRow>,
    /// Entities it co-occurs with most.
    pub co_occurring: Vec<CoEntity>,
    /// Events it takes part in (as actor, target or location), best supported first.
    pub events: Vec<EventRow>,
}

/// An entity's activity over time (`marsad timeline NAME`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    /// The entity.
    pub entity: EntitySummary,
    /// Counts per period, oldest first.
    pub periods: Vec<PeriodCount>,
    /// Its events, oldest first.
    pub events: Vec<EventRow>,
}

/// Period size of a timeline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// `YYYY-MM-DD`.
    Day,
    /// `YYYY-MM`.
    #[default]
    Month,
    /// `YYYY`.
    Year,
}

impl Granularity {
    /// Length of the date prefix that names a period.
    pub fn prefix_len(self) -> usize {
        match self {
            Granularity::Day => 10,
            Granularity::Month => 7,
            Granularity::Year => 4,
        }
    }
}

/// Filter for corpus quotes (`marsad quotes --speaker NAME`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuoteFilter {
    /// Speaker: entity id or name (also matches the speaker's words in the text).
    pub speaker: Option<String>,
    /// Quote text containing this (normalised comparison).
    pub contains: Option<String>,
    /// `direct` or `indirect`.
    pub kind: Option<String>,
    /// Published on or after.
    pub from: Option<String>,
    /// Published on or before.
    pub to: Option<String>,
    /// Only this source.
    pub source: Option<String>,
    /// Only this article.
    pub article: Option<String>,
    /// Include quotes of near-duplicate articles.
    pub include_duplicates: bool,
    /// Most rows (default 50 when 0).
    pub limit: usize,
}

/// One quote in the corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRow {
    /// Article id.
    pub article: String,
    /// Article title.
    pub title: Option<String>,
    /// Article source.
    pub source: String,
    /// Article date.
    pub published: Option<String>,
    /// Speaker entity id.
    pub speaker: Option<String>,
    /// Speaker's Arabic name (from the entity table).
    pub speaker_ar: Option<String>,
    /// Speaker's English name.
    pub speaker_en: Option<String>,
    /// The words naming the speaker in the text.
    pub speaker_text: Option<String>,
    /// `direct` or `indirect`.
    pub kind: String,
    /// Reporting verb.
    pub cue: String,
    /// Quoted content.
    pub text: String,
    /// Start in the article text (characters).
    pub start: usize,
    /// End in the article text (characters).
    pub end: usize,
    /// Relaying outlet, an entity id.
    pub via: Option<String>,
}

/// Filter for corpus events (`marsad events --type T --actor A --from D --to D`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventFilter {
    /// PLOVER type (`ASSAULT`, ...), case-insensitive.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Finer mode.
    pub mode: Option<String>,
    /// Actor: entity id or name.
    pub actor: Option<String>,
    /// Target: entity id or name.
    pub target: Option<String>,
    /// Location: entity id or name.
    pub location: Option<String>,
    /// Any role: entity id or name as actor, target or location.
    pub entity: Option<String>,
    /// On or after (event date, else the first article's date).
    pub from: Option<String>,
    /// On or before.
    pub to: Option<String>,
    /// Keep negated events (dropped by default).
    pub include_negated: bool,
    /// Keep hypothetical events (dropped by default).
    pub include_hypothetical: bool,
    /// Most rows (default 50 when 0).
    pub limit: usize,
}

/// An article reporting an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    /// Article id.
    pub article: String,
    /// Article date.
    pub published: Option<String>,
    /// Trigger words.
    pub trigger: String,
    /// Trigger start (characters).
    pub start: usize,
    /// Trigger end (characters).
    pub end: usize,
    /// Sentence index.
    pub sentence: usize,
}

/// An event merged across articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRow {
    /// Cross-article identity.
    pub key: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Finer mode.
    pub mode: Option<String>,
    /// CAMEO root code.
    pub cameo: Option<String>,
    /// Actor entity id.
    pub actor: Option<String>,
    /// Actor's name (English, else Arabic).
    pub actor_name: Option<String>,
    /// Target entity id.
    pub target: Option<String>,
    /// Target's name.
    pub target_name: Option<String>,
    /// Location entity id.
    pub location: Option<String>,
    /// Location's name.
    pub location_name: Option<String>,
    /// TIMEX3 value given by the text.
    pub date: Option<String>,
    /// The event's day (its date, else its first article's date).
    pub day: Option<String>,
    /// Negated.
    pub negated: bool,
    /// Hypothetical.
    pub hypothetical: bool,
    /// Supporting articles (near duplicates not counted).
    pub articles: u64,
    /// Up to ten supporting articles, earliest first.
    pub reports: Vec<EventMention>,
}

/// A stored article's metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// Article id.
    pub id: String,
    /// Source.
    pub source: String,
    /// URL, when the input gave one.
    pub url: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Author / byline.
    pub author: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Id of the article this one duplicates.
    pub duplicate_of: Option<String>,
    /// `exact` or `near` for duplicates.
    pub duplicate_kind: Option<String>,
    /// Length of the text, characters.
    pub chars: u64,
}
