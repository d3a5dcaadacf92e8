//! [`StoreCorpus`]: the [`Corpus`] over the store crate's [`SqliteStore`].
//!
//! The store answers most queries directly. What it does not have is filled in here:
//! search facets (counted over the best [`FACET_WINDOW`] hits), a corpus-wide timeline
//! and co-occurrence graph, and place positions (from the knowledge base). The
//! corpus-wide answers are cached until the next ingest.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex};

use marsad_extract::{Document, Extractor};
use marsad_store::{
    EntityFilter, EventFilter, Granularity, QuoteFilter, SqliteStore, Store, DB_FILE,
};

use crate::corpus::*;
use crate::Error;

/// Search hits over which facets are counted.
pub const FACET_WINDOW: usize = 40;
/// Hits whose documents are read to count entity and type facets.
pub const FACET_DOCS: usize = 20;
/// Rows counted for a list's `total` beyond the page asked.
pub const COUNT_CAP: usize = 500;
/// Entities whose neighbours are read to draw the corpus-wide graph's edges.
const GRAPH_EDGE_SOURCES: usize = 12;

impl From<marsad_store::Error> for Error {
    fn from(e: marsad_store::Error) -> Error {
        match e {
            marsad_store::Error::Invalid(m) => Error::Invalid(m),
            other => Error::Store(other.to_string()),
        }
    }
}

#[derive(Default)]
struct Cache {
    graphs: HashMap<usize, Graph>,
    places: Option<Vec<Place>>,
    timeline: Option<Timeline>,
}

/// The store in a data directory, seen as a [`Corpus`].
pub struct StoreCorpus {
    store: SqliteStore,
    extractor: Arc<Extractor>,
    cache: Mutex<Cache>,
}

/// Opens the store in `data`. Without `create`, a directory holding no store is an
/// error (a read-only server has nothing to show); with it, an empty store is made.
pub fn open(data: &Path, create: bool, extractor: Arc<Extractor>) -> Result<StoreCorpus, Error> {
    if !create && !data.join(DB_FILE).exists() {
        return Err(Error::Invalid(format!(
            "no corpus in {}: run `marsad ingest --data {} FILE` first (or serve with --allow-ingest)",
            data.display(),
            data.display()
        )));
    }
    Ok(StoreCorpus {
        store: SqliteStore::open(data)?,
        extractor,
        cache: Mutex::new(Cache::default()),
    })
}

const ENTITY_TYPES: [&str; 5] = ["PERSON", "ORG", "GPE", "LOC", "FAC"];

fn upper_opt(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|s| s.to_ascii_uppercase())
}

impl StoreCorpus {
    fn cached<T: Clone>(
        &self,
        get: impl Fn(&Cache) -> Option<T>,
        put: impl Fn(&mut Cache, T),
        make: impl FnOnce() -> Result<T, Error>,
    ) -> Result<T, Error> {
        if let Some(v) = self.cache.lock().ok().and_then(|c| get(&c)) {
            return Ok(v);
        }
        let v = make()?;
        if let Ok(mut c) = self.cache.lock() {
            put(&mut c, v.clone());
        }
        Ok(v)
    }

    fn title_of(
        &self,
        article: &str,
        titles: &mut HashMap<String, Option<String>>,
    ) -> Option<String> {
        if let Some(t) = titles.get(article) {
            return t.clone();
        }
        let t = self
            .store
            .article(article)
            .ok()
            .flatten()
            .and_then(|m| m.title);
        titles.insert(article.to_string(), t.clone());
        t
    }

    fn corpus_graph(&self, max_nodes: usize) -> Result<Graph, Error> {
        let top = self.store.entities(&EntityFilter {
            limit: max_nodes,
            ..Default::default()
        })?;
        let keep: HashSet<&str> = top.iter().map(|e| e.id.as_str()).collect();
        let mut edges: BTreeMap<(String, String), usize> = BTreeMap::new();
        for e in top.iter().take(GRAPH_EDGE_SOURCES) {
            let Some(p) = self.store.entity(&e.id)? else {
                continue;
            };
            for co in p.co_occurring {
                let other = co.entity.id;
                if other == e.id || !keep.contains(other.as_str()) {
                    continue;
                }
                let key = if e.id < other {
                    (e.id.clone(), other)
                } else {
                    (other, e.id.clone())
                };
                edges.insert(key, co.shared_articles as usize);
            }
        }
        Ok(Graph {
            nodes: top
                .iter()
                .map(|e| GraphNode {
                    id: e.id.clone(),
                    kind: e.kind.clone(),
                    name_ar: e.name_ar.clone(),
                    name_en: e.name_en.clone(),
                    articles: e.articles as usize,
                })
                .collect(),
            edges: edges
                .into_iter()
                .map(|((source, target), weight)| GraphEdge {
                    source,
                    target,
                    weight,
                })
                .collect(),
        })
    }

    fn corpus_timeline(&self) -> Result<Timeline, Error> {
        let events = self.store.events(&EventFilter {
            include_negated: true,
            include_hypothetical: true,
            limit: 1_000_000,
            ..Default::default()
        })?;
        let mut days: BTreeMap<String, (HashSet<String>, usize)> = BTreeMap::new();
        for ev in events {
            let Some(day) = ev.day.clone() else { continue };
            let slot = days.entry(day).or_default();
            slot.1 += 1;
            for r in ev.reports {
                slot.0.insert(r.article);
            }
        }
        Ok(Timeline {
            entity: None,
            points: days
                .into_iter()
                .map(|(date, (arts, events))| TimelinePoint {
                    date,
                    articles: arts.len(),
                    mentions: 0,
                    events,
                })
                .collect(),
        })
    }

    fn all_places(&self) -> Result<Vec<Place>, Error> {
        let kb = self.extractor.kb();
        let mut out = Vec::new();
        for kind in ["GPE", "LOC", "FAC"] {
            let ents = self.store.entities(&EntityFilter {
                kind: Some(kind.to_string()),
                limit: 5000,
                ..Default::default()
            })?;
            for e in ents {
                let Some(geo) = kb
                    .index_of(&e.id)
                    .and_then(|i| kb.entity(i))
                    .and_then(|k| k.geo)
                else {
                    continue;
                };
                out.push(Place {
                    id: e.id,
                    kind: e.kind,
                    name_ar: e.name_ar,
                    name_en: e.name_en,
                    geo,
                    mentions: e.mentions as usize,
                    articles: e.articles as usize,
                });
            }
        }
        out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.id.cmp(&b.id)));
        Ok(out)
    }
}

fn bump(
    map: &mut HashMap<String, (usize, FacetCount)>,
    value: &str,
    make: impl FnOnce() -> FacetCount,
) {
    map.entry(value.to_string())
        .or_insert_with(|| (0, make()))
        .0 += 1;
}

fn finish(map: HashMap<String, (usize, FacetCount)>, by_value: bool) -> Vec<FacetCount> {
    let mut v: Vec<FacetCount> = map
        .into_values()
        .map(|(n, mut f)| {
            f.count = n;
            f
        })
        .collect();
    if by_value {
        v.sort_by(|a, b| a.value.cmp(&b.value));
    } else {
        v.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
        v.truncate(20);
    }
    v
}

fn plain(value: &str) -> FacetCount {
    FacetCount {
        value: value.to_string(),
        label: value.to_string(),
        label_en: None,
        kind: None,
        count: 0,
    }
}

impl Corpus for StoreCorpus {
    fn search(&self, q: &SearchQuery) -> Result<SearchResults, Error> {
        let (entity_type, event) = match q.kind.as_deref().map(str::to_ascii_uppercase) {
            Some(k) if ENTITY_TYPES.contains(&k.as_str()) => (Some(k), None),
            Some(k) => (None, Some(k)),
            None => (None, None),
        };
        let base = marsad_store::SearchQuery {
            text: q.q.clone(),
            entity: q.entity.clone(),
            entity_type,
            event,
            from: q.from.clone(),
            to: q.to.clone(),
            source: q.source.clone(),
            ..Default::default()
        };
        let p = q.paging;
        let window = self.store.search(&marsad_store::SearchQuery {
            limit: FACET_WINDOW,
            offset: 0,
            ..base.clone()
        })?;
        let page_hits = if p.offset() + p.limit <= FACET_WINDOW {
            p.slice(&window.hits)
        } else {
            self.store
                .search(&marsad_store::SearchQuery {
                    limit: p.limit,
                    offset: p.offset(),
                    ..base
                })?
                .hits
        };

        let (mut ents, mut types, mut sources, mut months) = (
            HashMap::new(),
            HashMap::new(),
            HashMap::new(),
            HashMap::new(),
        );
        for h in &window.hits {
            bump(&mut sources, &h.source, || plain(&h.source));
            if let Some(m) = h.published.as_deref().and_then(|d| d.get(..7)) {
                bump(&mut months, m, || plain(m));
            }
        }
        for h in window.hits.iter().take(FACET_DOCS) {
            let Some(doc) = self.store.document(&h.id)? else {
                continue;
            };
            let mut seen = HashSet::new();
            for e in &doc.entities {
                if seen.insert(e.id.as_str()) {
                    bump(&mut ents, &e.id, || FacetCount {
                        value: e.id.clone(),
                        label: e.name_ar.clone(),
                        label_en: Some(e.name_en.clone()),
                        kind: Some(e.kind.as_str().to_string()),
                        count: 0,
                    });
                }
            }
            let mut kinds: HashSet<&str> = doc.entities.iter().map(|e| e.kind.as_str()).collect();
            kinds.extend(doc.events.iter().map(|e| e.kind.as_str()));
            for k in kinds {
                bump(&mut types, k, || plain(k));
            }
        }
        Ok(SearchResults {
            query: q.q.clone(),
            total: window.total as usize,
            page: p.page,
            limit: p.limit,
            hits: page_hits
                .into_iter()
                .map(|h| SearchHit {
                    id: h.id,
                    title: h.title,
                    published: h.published,
                    source: h.source,
                    score: h.score,
                    snippet: Snippet {
                        text: h.fragment,
                        highlights: h.highlights,
                    },
                })
                .collect(),
            facets: Facets {
                entities: finish(ents, false),
                types: finish(types, false),
                sources: finish(sources, false),
                months: finish(months, true),
            },
        })
    }

    fn article(&self, id: &str) -> Result<Option<Document>, Error> {
        Ok(self.store.document(id)?)
    }

    fn entity(&self, id: &str) -> Result<Option<EntityProfile>, Error> {
        let Some(p) = self.store.entity(id)? else {
            return Ok(None);
        };
        let s = p.summary;
        Ok(Some(EntityProfile {
            id: s.id,
            kind: s.kind,
            name_ar: s.name_ar,
            name_en: s.name_en,
            roles: p.roles,
            geo: p.geo,
            known: p.known,
            articles: s.articles as usize,
            mentions: s.mentions as usize,
            aliases: p.names.into_iter().take(10).map(|n| n.name).collect(),
            related: p
                .co_occurring
                .into_iter()
                .take(30)
                .map(|c| EntityRef {
                    id: c.entity.id,
                    kind: c.entity.kind,
                    name_ar: c.entity.name_ar,
                    name_en: c.entity.name_en,
                    count: c.shared_articles as usize,
                })
                .collect(),
        }))
    }

    fn quotes(&self, q: &QuoteQuery) -> Result<Page<QuoteHit>, Error> {
        let rows = self.store.quotes(&QuoteFilter {
            speaker: q.speaker.clone(),
            limit: (q.paging.offset() + q.paging.limit).max(COUNT_CAP) + 1,
            ..Default::default()
        })?;
        let hits: Vec<QuoteHit> = rows
            .into_iter()
            .map(|r| QuoteHit {
                article: r.article,
                title: r.title,
                published: r.published,
                speaker: r.speaker,
                speaker_name: r.speaker_ar.or(r.speaker_text),
                speaker_name_en: r.speaker_en,
                kind: r.kind,
                cue: r.cue,
                text: r.text,
            })
            .collect();
        Ok(Page::of(&hits, q.paging))
    }

    fn events(&self, q: &EventQuery) -> Result<Page<EventHit>, Error> {
        let rows = self.store.events(&EventFilter {
            kind: upper_opt(&q.kind),
            actor: q.actor.clone(),
            from: q.from.clone(),
            to: q.to.clone(),
            include_negated: true,
            include_hypothetical: true,
            limit: (q.paging.offset() + q.paging.limit).max(COUNT_CAP) + 1,
            ..Default::default()
        })?;
        let total = rows.len();
        let mut titles = HashMap::new();
        let items: Vec<EventHit> = rows
            .iter()
            .skip(q.paging.offset())
            .take(q.paging.limit)
            .map(|r| {
                let first = r.reports.first();
                let article = first.map(|m| m.article.clone()).unwrap_or_default();
                EventHit {
                    title: self.title_of(&article, &mut titles),
                    published: first.and_then(|m| m.published.clone()),
                    article,
                    date: r.date.clone().or(r.day.clone()),
                    kind: r.kind.clone(),
                    mode: r.mode.clone(),
                    actor: r.actor.clone(),
                    actor_name: r.actor_name.clone(),
                    target: r.target.clone(),
                    target_name: r.target_name.clone(),
                    location: r.location.clone(),
                    location_name: r.location_name.clone(),
                    negated: r.negated,
                    hypothetical: r.hypothetical,
                    trigger: first.map(|m| m.trigger.clone()).unwrap_or_default(),
                    sentence: None,
                    articles: r.articles,
                }
            })
            .collect();
        Ok(Page {
            total,
            page: q.paging.page,
            limit: q.paging.limit,
            more: total > q.paging.offset() + q.paging.limit,
            items,
        })
    }

    fn timeline(&self, entity: Option<&str>) -> Result<Timeline, Error> {
        let Some(id) = entity else {
            return self.cached(
                |c| c.timeline.clone(),
                |c, v| c.timeline = Some(v),
                || self.corpus_timeline(),
            );
        };
        let points = match self.store.timeline(id, Granularity::Day)? {
            None => Vec::new(),
            Some(t) => t
                .periods
                .into_iter()
                .filter(|p| p.period != "unknown")
                .map(|p| TimelinePoint {
                    date: p.period,
                    articles: p.articles as usize,
                    mentions: p.mentions as usize,
                    events: p.events as usize,
                })
                .collect(),
        };
        Ok(Timeline {
            entity: Some(id.to_string()),
            points,
        })
    }

    fn graph(&self, entity: Option<&str>, max_nodes: usize) -> Result<Graph, Error> {
        let Some(id) = entity else {
            return self.cached(
                |c| c.graphs.get(&max_nodes).cloned(),
                |c, v| {
                    c.graphs.insert(max_nodes, v);
                },
                || self.corpus_graph(max_nodes),
            );
        };
        let Some(p) = self.store.entity(id)? else {
            return Ok(Graph::default());
        };
        let centre = p.summary;
        let mut nodes = vec![GraphNode {
            id: centre.id.clone(),
            kind: centre.kind.clone(),
            name_ar: centre.name_ar.clone(),
            name_en: centre.name_en.clone(),
            articles: centre.articles as usize,
        }];
        let mut edges = Vec::new();
        for co in p
            .co_occurring
            .into_iter()
            .filter(|c| c.entity.id != centre.id)
            .take(max_nodes.saturating_sub(1))
        {
            edges.push(GraphEdge {
                source: centre.id.clone(),
                target: co.entity.id.clone(),
                weight: co.shared_articles as usize,
            });
            nodes.push(GraphNode {
                id: co.entity.id,
                kind: co.entity.kind,
                name_ar: co.entity.name_ar,
                name_en: co.entity.name_en,
                articles: co.entity.articles as usize,
            });
        }
        Ok(Graph { nodes, edges })
    }

    fn places(&self) -> Result<Vec<Place>, Error> {
        self.cached(
            |c| c.places.clone(),
            |c, v| c.places = Some(v),
            || self.all_places(),
        )
    }

    fn ingest(&self, docs: Vec<Document>) -> Result<usize, Error> {
        let outcomes = self.store.add_documents(docs)?;
        if let Ok(mut c) = self.cache.lock() {
            *c = Cache::default();
        }
        Ok(outcomes
            .iter()
            .filter(|o| {
                matches!(
                    o,
                    marsad_store::Outcome::New { .. } | marsad_store::Outcome::NearDuplicate { .. }
                )
            })
            .count())
    }
}
