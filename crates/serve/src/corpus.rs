//! What the HTTP layer needs from a corpus: the [`Corpus`] trait, the queries it is
//! asked and the JSON shapes it answers (documented in `assets/openapi.json`).
//!
//! The store crate is adapted to this trait in [`crate::store`]; [`crate::memory`] holds
//! a small in-memory implementation used by tests.

use marsad_extract::{Document, Geo};
use serde::Serialize;

use crate::Error;

/// Largest page size any list endpoint answers.
pub const MAX_LIMIT: usize = 100;
/// Page size when none is asked.
pub const DEFAULT_LIMIT: usize = 20;
/// Largest page number accepted (keeps offsets small).
pub const MAX_PAGE: usize = 10_000;

/// A page request: 1-based page number and page size, already capped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// 1-based page number.
    pub page: usize,
    /// Items per page, at most [`MAX_LIMIT`].
    pub limit: usize,
}

impl Paging {
    /// Caps a requested page and limit (`None` means the defaults).
    pub fn new(page: Option<usize>, limit: Option<usize>) -> Paging {
        Paging {
            page: page.unwrap_or(1).clamp(1, MAX_PAGE),
            limit: limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT),
        }
    }

    /// Number of items skipped before this page.
    pub fn offset(&self) -> usize {
        (self.page - 1) * self.limit
    }

    /// The items of this page out of a full list.
    pub fn slice<T: Clone>(&self, all: &[T]) -> Vec<T> {
        all.iter()
            .skip(self.offset())
            .take(self.limit)
            .cloned()
            .collect()
    }
}

impl Default for Paging {
    fn default() -> Paging {
        Paging::new(None, None)
    }
}

/// A full-text search with its filters.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// Words to look for (may be empty: then every article matches).
    pub q: String,
    /// Only articles that mention this entity id.
    pub entity: Option<String>,
    /// Only articles with an entity of this type (PERSON, ORG, ...) or an event of
    /// this type (ASSAULT, CONSULT, ...).
    pub kind: Option<String>,
    /// Only articles from this source.
    pub source: Option<String>,
    /// Only articles published on or after this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub from: Option<String>,
    /// Only articles published on or before this date.
    pub to: Option<String>,
    /// Which page.
    pub paging: Paging,
}

/// A quote listing.
#[derive(Debug, Clone, Default)]
pub struct QuoteQuery {
    /// Only quotes attributed to this entity id.
    pub speaker: Option<String>,
    /// Which page.
    pub paging: Paging,
}

/// An event listing.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    /// Only events of this type.
    pub kind: Option<String>,
    /// Only events whose actor is this entity id.
    pub actor: Option<String>,
    /// Only events dated (or published) on or after this date.
    pub from: Option<String>,
    /// Only events dated (or published) on or before this date.
    pub to: Option<String>,
    /// Which page.
    pub paging: Paging,
}

/// One page of a list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Page<T> {
    /// Items matching in all (a lower bound when a backend stops counting early).
    pub total: usize,
    /// 1-based page number.
    pub page: usize,
    /// Page size.
    pub limit: usize,
    /// Whether there are items after this page.
    pub more: bool,
    /// The items of this page.
    pub items: Vec<T>,
}

impl<T: Clone> Page<T> {
    /// Cuts one page out of the full list of matches.
    pub fn of(all: &[T], paging: Paging) -> Page<T> {
        Page {
            total: all.len(),
            page: paging.page,
            limit: paging.limit,
            more: all.len() > paging.offset() + paging.limit,
            items: paging.slice(all),
        }
    }
}

/// A piece of text with highlighted ranges.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Snippet {
    /// Plain text (never HTML).
    pub text: String,
    /// `[start, end)` ranges to highlight, in characters (code points) of `text`.
    pub highlights: Vec<[usize; 2]>,
}

/// One search result.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchHit {
    /// Article id.
    pub id: String,
    /// Title, if any.
    pub title: Option<String>,
    /// `YYYY-MM-DD`, if known.
    pub published: Option<String>,
    /// Source (feed, site or file).
    pub source: String,
    /// Relevance score (higher is better).
    pub score: f32,
    /// Text around the matches.
    pub snippet: Snippet,
}

/// A facet value with the number of matching articles that have it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FacetCount {
    /// The value (an entity id, a type, a source or a month).
    pub value: String,
    /// Display label (Arabic name for entities; the value otherwise).
    pub label: String,
    /// Secondary label (English name for entities), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    /// Entity type, for entity facets.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Matching articles with this value.
    pub count: usize,
}

/// Facet counts over all the matches of a search (not just one page).
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Facets {
    /// Most mentioned entities.
    pub entities: Vec<FacetCount>,
    /// Entity and event types.
    pub types: Vec<FacetCount>,
    /// Sources.
    pub sources: Vec<FacetCount>,
    /// Publication months (`YYYY-MM`).
    pub months: Vec<FacetCount>,
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchResults {
    /// The words searched.
    pub query: String,
    /// Matching articles in all.
    pub total: usize,
    /// 1-based page number.
    pub page: usize,
    /// Page size.
    pub limit: usize,
    /// This page's results.
    pub hits: Vec<SearchHit>,
    /// Facet counts over all matches.
    pub facets: Facets,
}

/// A short reference to an entity.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntityRef {
    /// Entity id.
    pub id: String,
    /// PERSON, ORG, GPE, LOC or FAC.
    #[serde(rename = "type")]
    pub kind: String,
    /// Arabic name.
    pub name_ar: String,
    /// English name.
    pub name_en: String,
    /// A count whose meaning depends on the list (articles shared, mentions).
    pub count: usize,
}

/// An entity across the corpus.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntityProfile {
    /// Entity id.
    pub id: String,
    /// PERSON, ORG, GPE, LOC or FAC.
    #[serde(rename = "type")]
    pub kind: String,
    /// Arabic name.
    pub name_ar: String,
    /// English name.
    pub name_en: String,
    /// Roles seen in any article.
    pub roles: Vec<String>,
    /// Position, for places.
    pub geo: Option<Geo>,
    /// Whether the knowledge base knows it.
    pub known: bool,
    /// Articles that mention it.
    pub articles: usize,
    /// Mentions in all.
    pub mentions: usize,
    /// Distinct surface forms seen, most frequent first.
    pub aliases: Vec<String>,
    /// Entities mentioned in the same articles, most shared first.
    pub related: Vec<EntityRef>,
}

/// A quote with where it was said.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuoteHit {
    /// Article id.
    pub article: String,
    /// Article title.
    pub title: Option<String>,
    /// Article date.
    pub published: Option<String>,
    /// Speaker entity id.
    pub speaker: Option<String>,
    /// Speaker's Arabic name (from the entity) or the words naming them.
    pub speaker_name: Option<String>,
    /// Speaker's English name, when the speaker is an entity.
    pub speaker_name_en: Option<String>,
    /// `direct` or `indirect`.
    pub kind: String,
    /// Reporting verb.
    pub cue: String,
    /// What was said.
    pub text: String,
}

/// An event with where it was reported.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventHit {
    /// The first article reporting it.
    pub article: String,
    /// That article's title.
    pub title: Option<String>,
    /// That article's date.
    pub published: Option<String>,
    /// Event date (TIMEX3), if the text gives one.
    pub date: Option<String>,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Finer mode.
    pub mode: Option<String>,
    /// Actor entity id.
    pub actor: Option<String>,
    /// Actor's name.
    pub actor_name: Option<String>,
    /// Target entity id.
    pub target: Option<String>,
    /// Target's name.
    pub target_name: Option<String>,
    /// Location entity id.
    pub location: Option<String>,
    /// Location's name.
    pub location_name: Option<String>,
    /// Negated ("did not ...").
    pub negated: bool,
    /// Hypothetical ("may ...").
    pub hypothetical: bool,
    /// The word that triggered it.
    pub trigger: String,
    /// The sentence it was found in, when known.
    pub sentence: Option<String>,
    /// Articles reporting it.
    pub articles: u64,
}

/// Counts on one date.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimelinePoint {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Articles published that day (mentioning the entity, when one is asked).
    pub articles: usize,
    /// Mentions of the entity that day (0 without an entity).
    pub mentions: usize,
    /// Events that day (with the entity as actor or target, when one is asked).
    pub events: usize,
}

/// Mentions and events over time.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Timeline {
    /// The entity asked, if any.
    pub entity: Option<String>,
    /// One point per date that has anything, in date order.
    pub points: Vec<TimelinePoint>,
}

/// A node of the co-occurrence graph.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GraphNode {
    /// Entity id.
    pub id: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Arabic name.
    pub name_ar: String,
    /// English name.
    pub name_en: String,
    /// Articles mentioning it.
    pub articles: usize,
}

/// An edge: two entities mentioned in the same articles.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GraphEdge {
    /// One entity id.
    pub source: String,
    /// The other entity id.
    pub target: String,
    /// Articles mentioning both.
    pub weight: usize,
}

/// Co-occurrence graph.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Graph {
    /// Entities.
    pub nodes: Vec<GraphNode>,
    /// Co-occurrences.
    pub edges: Vec<GraphEdge>,
}

/// A place with a position and how often it is mentioned.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Place {
    /// Entity id.
    pub id: String,
    /// GPE, LOC or FAC.
    #[serde(rename = "type")]
    pub kind: String,
    /// Arabic name.
    pub name_ar: String,
    /// English name.
    pub name_en: String,
    /// Position.
    pub geo: Geo,
    /// Mentions in all.
    pub mentions: usize,
    /// Articles mentioning it.
    pub articles: usize,
}

/// A corpus the server can answer from. Implementations are shared between request
/// workers and called from blocking threads.
pub trait Corpus: Send + Sync + 'static {
    /// Full-text search with filters and facets.
    fn search(&self, q: &SearchQuery) -> Result<SearchResults, Error>;
    /// One article's analysis, or `None` if there is no such id.
    fn article(&self, id: &str) -> Result<Option<Document>, Error>;
    /// One entity's profile, or `None` if no article mentions it.
    fn entity(&self, id: &str) -> Result<Option<EntityProfile>, Error>;
    /// Quotes, newest first.
    fn quotes(&self, q: &QuoteQuery) -> Result<Page<QuoteHit>, Error>;
    /// Events, oldest first.
    fn events(&self, q: &EventQuery) -> Result<Page<EventHit>, Error>;
    /// Counts per date, for one entity or for the corpus.
    fn timeline(&self, entity: Option<&str>) -> Result<Timeline, Error>;
    /// Co-occurrence graph: around one entity, or of the most mentioned entities.
    fn graph(&self, entity: Option<&str>, max_nodes: usize) -> Result<Graph, Error>;
    /// Places with positions.
    fn places(&self) -> Result<Vec<Place>, Error>;
    /// Adds analysed documents; answers how many were stored.
    fn ingest(&self, docs: Vec<Document>) -> Result<usize, Error>;
}
