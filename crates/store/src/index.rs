//! The tantivy search index, derived from SQLite and rebuildable at any time.
//!
//! Every commit carries a payload `{"version": …, "upto": ROWID}`: the highest article row
//! id whose effect is in the index. The payload is written atomically with the commit, so
//! after a crash the index is consistent and [`SearchIndex::indexed_upto`] says where to
//! catch up from. An index that cannot be opened, or has another version, is rebuilt.

use std::ops::Bound;
use std::path::{Path, PathBuf};

use marsad_extract::Document;
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED,
    STRING,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::analyzer;
use crate::error::{Error, Result};

/// Version of the index layout; a different one triggers a rebuild.
pub const INDEX_VERSION: &str = "marsad-index/1";

/// Memory budget of the index writer, bytes.
const WRITER_BUDGET: usize = 64 << 20;

#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    version: String,
    upto: i64,
}

/// The index fields.
#[derive(Debug, Clone, Copy)]
struct Fields {
    rowid: Field,
    title: Field,
    text: Field,
    text_norm: Field,
    names: Field,
    entity: Field,
    etype: Field,
    speaker: Field,
    event: Field,
    source: Field,
    day: Field,
    dup: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text_opts = |analyzer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let fields = Fields {
        rowid: b.add_u64_field("rowid", INDEXED | STORED | FAST),
        title: b.add_text_field("title", text_opts(analyzer::STEM_ANALYZER)),
        text: b.add_text_field("text", text_opts(analyzer::STEM_ANALYZER)),
        text_norm: b.add_text_field("text_norm", text_opts(analyzer::NORM_ANALYZER)),
        names: b.add_text_field("names", text_opts(analyzer::STEM_ANALYZER)),
        entity: b.add_text_field("entity", STRING),
        etype: b.add_text_field("etype", STRING),
        speaker: b.add_text_field("speaker", STRING),
        event: b.add_text_field("event", STRING),
        source: b.add_text_field("source", STRING),
        day: b.add_u64_field("day", INDEXED | FAST),
        dup: b.add_u64_field("dup", INDEXED),
    };
    (b.build(), fields)
}

/// A date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`) as a sortable number `yyyymmdd`; a prefix
/// becomes the start (`upper = false`) or end (`upper = true`) of its period.
pub fn day_number(date: &str, upper: bool) -> Option<u64> {
    let parts: Vec<&str> = date.trim().splitn(3, '-').collect();
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u64>().ok())
            .flatten()
    };
    let y = num(parts.first()?, 4)?;
    let fill = if upper { 99 } else { 0 };
    let m = match parts.get(1) {
        Some(m) => num(m, 2)?,
        None => fill,
    };
    let d = match parts.get(2) {
        Some(d) => num(d.get(..2)?, 2)?,
        None => fill,
    };
    Some(y * 10_000 + m * 100 + d)
}

/// What the index filters on (entity ids already resolved).
#[derive(Debug, Clone, Default)]
pub struct IndexFilter {
    /// Entity ids that must all be mentioned.
    pub entities: Vec<String>,
    /// Entity type present.
    pub entity_type: Option<String>,
    /// Speaker entity id.
    pub speaker: Option<String>,
    /// Event type present.
    pub event: Option<String>,
    /// Source.
    pub source: Option<String>,
    /// Start day (inclusive).
    pub from: Option<u64>,
    /// End day (inclusive).
    pub to: Option<u64>,
    /// Keep near duplicates.
    pub include_duplicates: bool,
}

/// Raw hits: row ids and scores, and the snippet generator for the text field.
pub struct IndexHits {
    /// Matching documents in all.
    pub total: u64,
    /// `(score, rowid)`, best first.
    pub hits: Vec<(f32, i64)>,
    /// Builds highlighted fragments from an article's text (None for match-all queries).
    pub snippets: Option<SnippetGenerator>,
}

/// The search index of a data folder.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    dir: PathBuf,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it (or re-creating it when it is unreadable or
    /// of another version: it is derived data).
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
        let (schema, fields) = schema();
        let index = match Self::try_open(dir, &schema) {
            Some(i) => i,
            None => {
                // unreadable or stale layout: start again
                let _ = std::fs::remove_dir_all(dir);
                std::fs::create_dir_all(dir)
                    .map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
                Index::create_in_dir(dir, schema)?
            }
        };
        analyzer::register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    fn try_open(dir: &Path, schema: &Schema) -> Option<Index> {
        if !dir.join("meta.json").exists() {
            return None;
        }
        let index = Index::open_in_dir(dir).ok()?;
        if index.schema() != *schema {
            return None;
        }
        let metas = index.load_metas().ok()?;
        match metas.payload.as_deref() {
            None => Some(index),
            Some(p) => {
                let p: Payload = serde_json::from_str(p).ok()?;
                (p.version == INDEX_VERSION).then_some(index)
            }
        }
    }

    /// Highest article row id included by the last commit (0 for an empty index).
    pub fn indexed_upto(&self) -> i64 {
        self.index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| serde_json::from_str::<Payload>(&p).ok())
            .map(|p| p.upto)
            .unwrap_or(0)
    }

    /// Documents in the index (as of the last reload).
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Size of the index folder, bytes.
    pub fn size_bytes(&self) -> u64 {
        dir_size(&self.dir)
    }

    /// A writer (fails if another process holds the index writer lock).
    pub fn writer(&self) -> Result<IndexWriter> {
        Ok(self.index.writer(WRITER_BUDGET)?)
    }

    /// Deletes everything (for a full rebuild) in the writer's next commit.
    pub fn clear(&self, w: &mut IndexWriter) -> Result<()> {
        w.delete_all_documents()?;
        Ok(())
    }

    /// Adds (or replaces) one article.
    pub fn add(&self, w: &IndexWriter, rowid: i64, duplicate: bool, doc: &Document) -> Result<()> {
        let f = &self.fields;
        w.delete_term(Term::from_field_u64(f.rowid, rowid as u64));
        let mut d = TantivyDocument::default();
        d.add_u64(f.rowid, rowid as u64);
        if let Some(t) = &doc.title {
            d.add_text(f.title, t);
        }
        d.add_text(f.text, &doc.text);
        d.add_text(f.text_norm, &doc.text);
        let mut types: Vec<&str> = Vec::new();
        for e in &doc.entities {
            d.add_text(f.entity, &e.id);
            d.add_text(f.names, &e.name_ar);
            if !e.name_en.is_empty() {
                d.add_text(f.names, &e.name_en);
            }
            types.push(e.kind.as_str());
        }
        types.sort_unstable();
        types.dedup();
        for t in types {
            d.add_text(f.etype, t);
        }
        let mut speakers: Vec<&str> = doc
            .quotes
            .iter()
            .filter_map(|q| q.speaker.as_deref())
            .collect();
        speakers.sort_unstable();
        speakers.dedup();
        for s in speakers {
            d.add_text(f.speaker, s);
        }
        let mut evs: Vec<&str> = doc.events.iter().map(|e| e.kind.as_str()).collect();
        evs.sort_unstable();
        evs.dedup();
        for e in evs {
            d.add_text(f.event, e);
        }
        d.add_text(f.source, &doc.source);
        if let Some(day) = doc.published.as_deref().and_then(|p| day_number(p, false)) {
            d.add_u64(f.day, day);
        }
        d.add_u64(f.dup, u64::from(duplicate));
        w.add_document(d)?;
        Ok(())
    }

    /// Commits with the high-water mark `upto` and reloads the reader.
    pub fn commit(&self, w: &mut IndexWriter, upto: i64) -> Result<()> {
        let payload = serde_json::to_string(&Payload {
            version: INDEX_VERSION.to_string(),
            upto,
        })?;
        let mut pc = w.prepare_commit()?;
        pc.set_payload(&payload);
        pc.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Reloads the reader (to see another process's commits at once).
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// Runs a query.
    pub fn search(
        &self,
        text: &str,
        filter: &IndexFilter,
        limit: usize,
        offset: usize,
    ) -> Result<IndexHits> {
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let text = text.trim();
        let main: Box<dyn Query> = if text.is_empty() || text == "*" {
            Box::new(AllQuery)
        } else {
            let mut qp =
                QueryParser::for_index(&self.index, vec![f.title, f.text, f.text_norm, f.names]);
            qp.set_conjunction_by_default();
            qp.set_field_boost(f.title, 2.0);
            qp.set_field_boost(f.text_norm, 1.5);
            qp.set_field_boost(f.names, 1.5);
            qp.parse_query_lenient(text).0
        };
        let snippets = if text.is_empty() || text == "*" {
            None
        } else {
            let mut g = SnippetGenerator::create(&searcher, &*main, f.text)?;
            g.set_max_num_chars(220);
            Some(g)
        };
        let term = |field: Field, v: &str| -> Box<dyn Query> {
            // filters do not change the ranking
            Box::new(ConstScoreQuery::new(
                Box::new(TermQuery::new(
                    Term::from_field_text(field, v),
                    IndexRecordOption::Basic,
                )),
                0.0,
            ))
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, main)];
        for e in &filter.entities {
            clauses.push((Occur::Must, term(f.entity, e)));
        }
        if let Some(t) = &filter.entity_type {
            clauses.push((Occur::Must, term(f.etype, &t.to_uppercase())));
        }
        if let Some(s) = &filter.speaker {
            clauses.push((Occur::Must, term(f.speaker, s)));
        }
        if let Some(e) = &filter.event {
            clauses.push((Occur::Must, term(f.event, &e.to_uppercase())));
        }
        if let Some(s) = &filter.source {
            clauses.push((Occur::Must, term(f.source, s)));
        }
        if filter.from.is_some() || filter.to.is_some() {
            let lo = filter.from.map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_u64(f.day, d))
            });
            let hi = filter.to.map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_u64(f.day, d))
            });
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(RangeQuery::new(lo, hi)), 0.0)),
            ));
        }
        if !filter.include_duplicates {
            clauses.push((
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_u64(f.dup, 1),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let limit = limit.max(1);
        let (top, total) = searcher.search(
            &query,
            &(
                TopDocs::with_limit(limit)
                    .and_offset(offset)
                    .order_by_score(),
                Count,
            ),
        )?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            if let Some(rowid) = self.rowid_of(&searcher, addr)? {
                hits.push((score, rowid));
            }
        }
        Ok(IndexHits {
            total: total as u64,
            hits,
            snippets,
        })
    }

    fn rowid_of(&self, searcher: &tantivy::Searcher, addr: DocAddress) -> Result<Option<i64>> {
        let d: TantivyDocument = searcher.doc(addr)?;
        Ok(d.get_first(self.fields.rowid)
            .and_then(|v| v.as_u64())
            .map(|v| v as i64))
    }
}

/// Total size of the files under a folder.
pub fn dir_size(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            match e.metadata() {
                Ok(m) if m.is_dir() => stack.push(e.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("2015-07-21", false), Some(20150721));
        assert_eq!(day_number("2015-07", false), Some(20150700));
        assert_eq!(day_number("2015-07", true), Some(20150799));
        assert_eq!(day_number("2015", true), Some(20159999));
        assert_eq!(day_number("July", false), None);
        assert_eq!(day_number("2015-7", false), None);
    }
}
