//! [`MemoryCorpus`]: a [`Corpus`] held in memory, answering by scanning every article.
//!
//! Meant for tests and small demos; the store crate is what `marsad serve` uses.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::RwLock;

use marsad_extract::{Document, Entity};

use crate::corpus::*;
use crate::Error;

/// Characters of context kept on each side of the first match in a snippet.
const SNIPPET_CONTEXT: usize = 90;

#[derive(Debug)]
struct Article {
    doc: Document,
    /// Normalised form and stem of every token, with its char span.
    words: Vec<(String, String, usize, usize)>,
}

/// A search hit being ranked: score, article, highlighted character ranges.
type ScoredArticle<'a> = (f32, &'a Article, Vec<(usize, usize)>);

/// An in-memory corpus.
#[derive(Debug, Default)]
pub struct MemoryCorpus {
    articles: RwLock<Vec<Article>>,
}

impl MemoryCorpus {
    /// An empty corpus.
    pub fn new() -> MemoryCorpus {
        MemoryCorpus::default()
    }

    /// A corpus holding these documents.
    pub fn with_documents(docs: Vec<Document>) -> MemoryCorpus {
        let c = MemoryCorpus::new();
        // Ingesting into a fresh corpus cannot fail.
        let _ = c.ingest(docs);
        c
    }

    fn read(&self) -> Result<std::sync::RwLockReadGuard<'_, Vec<Article>>, Error> {
        self.articles
            .read()
            .map_err(|_| Error::Store("corpus lock poisoned".into()))
    }
}

fn index_words(text: &str) -> Vec<(String, String, usize, usize)> {
    marsad_text::analyze(text)
        .tokens
        .into_iter()
        .map(|t| (t.norm.to_string(), t.stem(), t.span.start, t.span.end))
        .collect()
}

fn entity_ref(e: &Entity, count: usize) -> EntityRef {
    EntityRef {
        id: e.id.clone(),
        kind: e.kind.as_str().to_string(),
        name_ar: e.name_ar.clone(),
        name_en: e.name_en.clone(),
        count,
    }
}

/// Whether a date (`YYYY[-MM[-DD]]`) is within `[from, to]`, comparing by prefix.
pub(crate) fn date_in_range(date: Option<&str>, from: Option<&str>, to: Option<&str>) -> bool {
    if from.is_none() && to.is_none() {
        return true;
    }
    let Some(d) = date else { return false };
    if let Some(f) = from {
        let n = f.len().min(d.len());
        if d.get(..n).unwrap_or(d) < f.get(..n).unwrap_or(f) {
            return false;
        }
    }
    if let Some(t) = to {
        let n = t.len().min(d.len());
        if d.get(..n).unwrap_or(d) > t.get(..n).unwrap_or(t) {
            return false;
        }
    }
    true
}

fn snippet(text: &str, spans: &[(usize, usize)]) -> Snippet {
    let chars: Vec<char> = text.chars().collect();
    let first = spans.first().map(|s| s.0).unwrap_or(0);
    let start = first.saturating_sub(SNIPPET_CONTEXT);
    let end = (first + 2 * SNIPPET_CONTEXT).min(chars.len());
    let start = start.min(end);
    let mut out: String = chars[start..end].iter().collect();
    let mut shift = start;
    if start > 0 {
        out.insert(0, '…');
        shift = start.saturating_sub(1);
    }
    if end < chars.len() {
        out.push('…');
    }
    let highlights = spans
        .iter()
        .filter(|s| s.0 >= start && s.1 <= end)
        .map(|s| [s.0 - shift, s.1 - shift])
        .collect();
    Snippet {
        text: out,
        highlights,
    }
}

fn type_matches(doc: &Document, kind: &str) -> bool {
    let k = kind.to_ascii_uppercase();
    doc.entities.iter().any(|e| e.kind.as_str() == k) || doc.events.iter().any(|e| e.kind == k)
}

fn facet(map: HashMap<String, (usize, String, Option<String>, Option<String>)>) -> Vec<FacetCount> {
    let mut v: Vec<FacetCount> = map
        .into_iter()
        .map(|(value, (count, label, label_en, kind))| FacetCount {
            value,
            label,
            label_en,
            kind,
            count,
        })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
    v.truncate(20);
    v
}

fn newest_first(a: &Option<String>, b: &Option<String>) -> std::cmp::Ordering {
    b.cmp(a)
}

impl Corpus for MemoryCorpus {
    fn search(&self, q: &SearchQuery) -> Result<SearchResults, Error> {
        let arts = self.read()?;
        let terms: Vec<(String, String)> = marsad_text::analyze(&q.q)
            .tokens
            .into_iter()
            .map(|t| (t.norm.to_string(), t.stem()))
            .collect();
        let mut hits: Vec<ScoredArticle<'_>> = Vec::new();
        for a in arts.iter() {
            let d = &a.doc;
            if let Some(e) = &q.entity {
                if !d.entities.iter().any(|x| &x.id == e) {
                    continue;
                }
            }
            if let Some(k) = &q.kind {
                if !type_matches(d, k) {
                    continue;
                }
            }
            if let Some(s) = &q.source {
                if &d.source != s {
                    continue;
                }
            }
            if !date_in_range(d.published.as_deref(), q.from.as_deref(), q.to.as_deref()) {
                continue;
            }
            let mut spans = Vec::new();
            let mut all = true;
            for (norm, stem) in &terms {
                let m: Vec<(usize, usize)> = a
                    .words
                    .iter()
                    .filter(|w| &w.0 == norm || (!stem.is_empty() && &w.1 == stem))
                    .map(|w| (w.2, w.3))
                    .collect();
                if m.is_empty() {
                    all = false;
                    break;
                }
                spans.extend(m);
            }
            if !all {
                continue;
            }
            spans.sort_unstable();
            spans.dedup();
            hits.push((spans.len() as f32, a, spans));
        }
        hits.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| newest_first(&a.1.doc.published, &b.1.doc.published))
                .then_with(|| a.1.doc.id.cmp(&b.1.doc.id))
        });
        let mut ents = HashMap::new();
        let mut types = HashMap::new();
        let mut sources = HashMap::new();
        let mut months = HashMap::new();
        for (_, a, _) in &hits {
            let d = &a.doc;
            for e in &d.entities {
                let slot = ents.entry(e.id.clone()).or_insert((
                    0,
                    e.name_ar.clone(),
                    Some(e.name_en.clone()),
                    Some(e.kind.as_str().to_string()),
                ));
                slot.0 += 1;
            }
            let mut seen: HashSet<&str> = HashSet::new();
            for t in d.entities.iter().map(|e| e.kind.as_str()) {
                seen.insert(t);
            }
            for t in d.events.iter().map(|e| e.kind.as_str()) {
                seen.insert(t);
            }
            for t in seen {
                types
                    .entry(t.to_string())
                    .or_insert((0, t.to_string(), None, None))
                    .0 += 1;
            }
            sources
                .entry(d.source.clone())
                .or_insert((0, d.source.clone(), None, None))
                .0 += 1;
            if let Some(m) = d.published.as_deref().and_then(|p| p.get(..7)) {
                months
                    .entry(m.to_string())
                    .or_insert((0, m.to_string(), None, None))
                    .0 += 1;
            }
        }
        let mut months = facet(months);
        months.sort_by(|a, b| a.value.cmp(&b.value));
        let paging = q.paging;
        let page: Vec<SearchHit> = hits
            .iter()
            .skip(paging.offset())
            .take(paging.limit)
            .map(|(score, a, spans)| SearchHit {
                id: a.doc.id.clone(),
                title: a.doc.title.clone(),
                published: a.doc.published.clone(),
                source: a.doc.source.clone(),
                score: *score,
                snippet: snippet(&a.doc.text, spans),
            })
            .collect();
        Ok(SearchResults {
            query: q.q.clone(),
            total: hits.len(),
            page: paging.page,
            limit: paging.limit,
            hits: page,
            facets: Facets {
                entities: facet(ents),
                types: facet(types),
                sources: facet(sources),
                months,
            },
        })
    }

    fn article(&self, id: &str) -> Result<Option<Document>, Error> {
        Ok(self
            .read()?
            .iter()
            .find(|a| a.doc.id == id)
            .map(|a| a.doc.clone()))
    }

    fn entity(&self, id: &str) -> Result<Option<EntityProfile>, Error> {
        let arts = self.read()?;
        let mut first: Option<&Entity> = None;
        let mut roles: Vec<String> = Vec::new();
        let mut aliases: HashMap<&str, usize> = HashMap::new();
        let mut related: HashMap<&str, (usize, &Entity)> = HashMap::new();
        let (mut n_articles, mut n_mentions) = (0, 0);
        for a in arts.iter() {
            let Some(e) = a.doc.entities.iter().find(|e| e.id == id) else {
                continue;
            };
            first.get_or_insert(e);
            n_articles += 1;
            n_mentions += e.mentions.len();
            for r in &e.roles {
                if !roles.contains(r) {
                    roles.push(r.clone());
                }
            }
            for m in &e.mentions {
                *aliases.entry(m.text.as_str()).or_default() += 1;
            }
            for o in a.doc.entities.iter().filter(|o| o.id != id) {
                related.entry(o.id.as_str()).or_insert((0, o)).0 += 1;
            }
        }
        let Some(e) = first else { return Ok(None) };
        let mut aliases: Vec<(&str, usize)> = aliases.into_iter().collect();
        aliases.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut related: Vec<EntityRef> = related
            .into_values()
            .map(|(n, o)| entity_ref(o, n))
            .collect();
        related.sort_by(|a, b| b.count.cmp(&a.count).then(a.id.cmp(&b.id)));
        related.truncate(30);
        Ok(Some(EntityProfile {
            id: e.id.clone(),
            kind: e.kind.as_str().to_string(),
            name_ar: e.name_ar.clone(),
            name_en: e.name_en.clone(),
            roles,
            geo: e.geo,
            known: e.known,
            articles: n_articles,
            mentions: n_mentions,
            aliases: aliases
                .into_iter()
                .map(|a| a.0.to_string())
                .take(10)
                .collect(),
            related,
        }))
    }

    fn quotes(&self, q: &QuoteQuery) -> Result<Page<QuoteHit>, Error> {
        let arts = self.read()?;
        let mut all = Vec::new();
        for a in arts.iter() {
            let d = &a.doc;
            for qt in &d.quotes {
                if q.speaker.is_some() && qt.speaker != q.speaker {
                    continue;
                }
                let sp = qt
                    .speaker
                    .as_ref()
                    .and_then(|s| d.entities.iter().find(|e| &e.id == s));
                all.push(QuoteHit {
                    article: d.id.clone(),
                    title: d.title.clone(),
                    published: d.published.clone(),
                    speaker: qt.speaker.clone(),
                    speaker_name: sp
                        .map(|e| e.name_ar.clone())
                        .or_else(|| qt.speaker_text.clone()),
                    speaker_name_en: sp.map(|e| e.name_en.clone()),
                    kind: format!("{:?}", qt.kind).to_lowercase(),
                    cue: qt.cue.clone(),
                    text: qt.text.clone(),
                });
            }
        }
        all.sort_by(|a, b| newest_first(&a.published, &b.published));
        Ok(Page::of(&all, q.paging))
    }

    fn events(&self, q: &EventQuery) -> Result<Page<EventHit>, Error> {
        let arts = self.read()?;
        let mut all = Vec::new();
        for a in arts.iter() {
            let d = &a.doc;
            let name = |id: &Option<String>| {
                id.as_ref()
                    .and_then(|s| d.entities.iter().find(|e| &e.id == s))
                    .map(|e| e.name_en.clone())
            };
            for ev in &d.events {
                if let Some(k) = &q.kind {
                    if !ev.kind.eq_ignore_ascii_case(k) {
                        continue;
                    }
                }
                if q.actor.is_some() && ev.actor != q.actor {
                    continue;
                }
                let date = ev.date.as_deref().or(d.published.as_deref());
                if !date_in_range(date, q.from.as_deref(), q.to.as_deref()) {
                    continue;
                }
                let sentence: Option<String> = d.sentences.get(ev.sentence).map(|s| {
                    d.text
                        .chars()
                        .skip(s.start)
                        .take(s.end.saturating_sub(s.start))
                        .collect()
                });
                all.push(EventHit {
                    article: d.id.clone(),
                    title: d.title.clone(),
                    published: d.published.clone(),
                    date: ev.date.clone(),
                    kind: ev.kind.clone(),
                    mode: ev.mode.clone(),
                    actor: ev.actor.clone(),
                    actor_name: name(&ev.actor),
                    target: ev.target.clone(),
                    target_name: name(&ev.target),
                    location: ev.location.clone(),
                    location_name: name(&ev.location),
                    negated: ev.negated,
                    hypothetical: ev.hypothetical,
                    trigger: ev.trigger.text.clone(),
                    sentence,
                    articles: 1,
                });
            }
        }
        all.sort_by(|a, b| {
            let day = |e: &EventHit| e.date.clone().or(e.published.clone());
            day(a).cmp(&day(b))
        });
        Ok(Page::of(&all, q.paging))
    }

    fn timeline(&self, entity: Option<&str>) -> Result<Timeline, Error> {
        let arts = self.read()?;
        let mut points: BTreeMap<String, TimelinePoint> = BTreeMap::new();
        for a in arts.iter() {
            let d = &a.doc;
            let Some(date) = d.published.clone() else {
                continue;
            };
            let (mentions, events) = match entity {
                Some(id) => {
                    let Some(e) = d.entities.iter().find(|e| e.id == id) else {
                        continue;
                    };
                    let evs = d
                        .events
                        .iter()
                        .filter(|v| {
                            v.actor.as_deref() == Some(id) || v.target.as_deref() == Some(id)
                        })
                        .count();
                    (e.mentions.len(), evs)
                }
                None => (0, d.events.len()),
            };
            let p = points.entry(date.clone()).or_insert(TimelinePoint {
                date,
                articles: 0,
                mentions: 0,
                events: 0,
            });
            p.articles += 1;
            p.mentions += mentions;
            p.events += events;
        }
        Ok(Timeline {
            entity: entity.map(str::to_string),
            points: points.into_values().collect(),
        })
    }

    fn graph(&self, entity: Option<&str>, max_nodes: usize) -> Result<Graph, Error> {
        let arts = self.read()?;
        let mut counts: HashMap<&str, (usize, &Entity)> = HashMap::new();
        for a in arts.iter() {
            if let Some(id) = entity {
                if !a.doc.entities.iter().any(|e| e.id == id) {
                    continue;
                }
            }
            for e in &a.doc.entities {
                counts.entry(e.id.as_str()).or_insert((0, e)).0 += 1;
            }
        }
        let mut nodes: Vec<(usize, &Entity)> = counts.into_values().collect();
        nodes.sort_by(|a, b| {
            let a_centre = Some(a.1.id.as_str()) == entity;
            let b_centre = Some(b.1.id.as_str()) == entity;
            b_centre
                .cmp(&a_centre)
                .then(b.0.cmp(&a.0))
                .then(a.1.id.cmp(&b.1.id))
        });
        nodes.truncate(max_nodes);
        let keep: HashSet<&str> = nodes.iter().map(|n| n.1.id.as_str()).collect();
        let mut edges: BTreeMap<(String, String), usize> = BTreeMap::new();
        for a in arts.iter() {
            let mut ids: Vec<&str> = a
                .doc
                .entities
                .iter()
                .map(|e| e.id.as_str())
                .filter(|id| keep.contains(id))
                .collect();
            ids.sort_unstable();
            ids.dedup();
            for i in 0..ids.len() {
                for j in i + 1..ids.len() {
                    if let Some(c) = entity {
                        if ids[i] != c && ids[j] != c {
                            continue;
                        }
                    }
                    *edges
                        .entry((ids[i].to_string(), ids[j].to_string()))
                        .or_default() += 1;
                }
            }
        }
        Ok(Graph {
            nodes: nodes
                .into_iter()
                .map(|(n, e)| GraphNode {
                    id: e.id.clone(),
                    kind: e.kind.as_str().to_string(),
                    name_ar: e.name_ar.clone(),
                    name_en: e.name_en.clone(),
                    articles: n,
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

    fn places(&self) -> Result<Vec<Place>, Error> {
        let arts = self.read()?;
        let mut map: BTreeMap<&str, Place> = BTreeMap::new();
        for a in arts.iter() {
            for e in &a.doc.entities {
                let Some(geo) = e.geo else { continue };
                let p = map.entry(e.id.as_str()).or_insert(Place {
                    id: e.id.clone(),
                    kind: e.kind.as_str().to_string(),
                    name_ar: e.name_ar.clone(),
                    name_en: e.name_en.clone(),
                    geo,
                    mentions: 0,
                    articles: 0,
                });
                p.mentions += e.mentions.len();
                p.articles += 1;
            }
        }
        Ok(map.into_values().collect())
    }

    fn ingest(&self, docs: Vec<Document>) -> Result<usize, Error> {
        let n = docs.len();
        let new: Vec<Article> = docs
            .into_iter()
            .map(|doc| Article {
                words: index_words(&doc.text),
                doc,
            })
            .collect();
        let mut arts = self
            .articles
            .write()
            .map_err(|_| Error::Store("corpus lock poisoned".into()))?;
        for a in new {
            match arts.iter_mut().find(|x| x.doc.id == a.doc.id) {
                Some(slot) => *slot = a,
                None => arts.push(a),
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_range_compares_by_prefix() {
        assert!(date_in_range(
            Some("2024-03-05"),
            Some("2024"),
            Some("2024-03")
        ));
        assert!(!date_in_range(Some("2024-04-01"), None, Some("2024-03")));
        assert!(!date_in_range(None, Some("2024"), None));
        assert!(date_in_range(None, None, None));
    }

    #[test]
    fn snippet_highlights_stay_in_bounds() {
        let text = "كلمة ".repeat(100);
        let s = snippet(&text, &[(250, 254)]);
        let n = s.text.chars().count();
        assert!(s.highlights.iter().all(|h| h[0] < h[1] && h[1] <= n));
        let h = s.highlights[0];
        let got: String = s.text.chars().skip(h[0]).take(h[1] - h[0]).collect();
        assert_eq!(got, "كلمة");
    }
}
