//! marsad's corpus store: ingest (files, folders, feeds, JSONL, HTML, gzip), an embedded
//! SQLite store that is the source of truth, a tantivy search index derived from it with
//! an Arabic analyzer, duplicate detection, and the corpus queries (search, entity
//! profiles, timelines, quotes, events, exports).
//!
//! The API is the [`Store`] trait; [`SqliteStore`] implements it over a data folder:
//!
//! ```no_run
//! use marsad_store::{IngestOptions, SearchQuery, SqliteStore, Store};
//! let store = SqliteStore::open(SqliteStore::data_dir(None))?;
//! let summary = store.ingest(&["news.jsonl".into()], &IngestOptions::default())?;
//! println!("{} new articles", summary.new);
//! let hits = store.search(&SearchQuery { text: "روسيا".into(), ..Default::default() })?;
//! for h in hits.hits {
//!     println!("{} {}", h.id, h.fragment);
//! }
//! # Ok::<(), marsad_store::Error>(())
//! ```
//!
//! Data folder layout: `marsad.sqlite` (+ WAL files) and `index/` (tantivy). The index
//! can be deleted at any time; it is rebuilt or caught up from SQLite on the next open.
//! Every type returned by a query is serde-serialisable.
#![deny(missing_docs)]

pub mod analyzer;
pub mod db;
pub mod dedup;
pub mod error;
pub mod export;
pub mod html;
pub mod index;
pub mod ingest;
pub mod input;
pub mod model;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use rusqlite::Connection;

pub use db::Outcome;
pub use error::{Error, Result};
pub use export::{ExportFormat, ExportOptions};
pub use ingest::{IngestOptions, IngestProgress, IngestSummary, ProgressFn};
pub use input::{Failure, RawArticle, ReadOptions};
pub use marsad_extract::Document;
pub use model::*;

/// Environment variable naming the data folder.
pub const DATA_ENV: &str = "MARSAD_DATA";
/// Default data folder.
pub const DEFAULT_DATA_DIR: &str = "marsad-data";
/// Database file inside the data folder.
pub const DB_FILE: &str = "marsad.sqlite";
/// Index folder inside the data folder.
pub const INDEX_DIR: &str = "index";

/// The corpus store. Every method takes `&self` and is safe to call from several threads
/// (the HTTP server shares one store). Other backends (PostgreSQL) implement the same trait.
pub trait Store: Send + Sync {
    /// Corpus counts.
    fn stats(&self) -> Result<Stats>;
    /// Full-text search with filters.
    fn search(&self, q: &SearchQuery) -> Result<SearchResults>;
    /// Resolves an entity id, English or Arabic name, or written form to an entity id.
    fn resolve_entity(&self, name: &str) -> Result<Option<String>>;
    /// Entities, most mentioned first.
    fn entities(&self, f: &EntityFilter) -> Result<Vec<EntitySummary>>;
    /// An entity's profile (`name` is resolved as in [`Store::resolve_entity`]).
    fn entity(&self, name: &str) -> Result<Option<EntityProfile>>;
    /// An entity's counts per period and its events.
    fn timeline(&self, name: &str, granularity: Granularity) -> Result<Option<Timeline>>;
    /// Quotes across the corpus, most recent first.
    fn quotes(&self, f: &QuoteFilter) -> Result<Vec<QuoteRow>>;
    /// Events across the corpus, oldest first.
    fn events(&self, f: &EventFilter) -> Result<Vec<EventRow>>;
    /// An article's metadata.
    fn article(&self, id: &str) -> Result<Option<ArticleMeta>>;
    /// An article's analysed document (with its text).
    fn document(&self, id: &str) -> Result<Option<Document>>;
    /// Ingests files, folders, feeds, JSONL or `-` (stdin).
    fn ingest(&self, paths: &[PathBuf], opts: &IngestOptions) -> Result<IngestSummary>;
    /// Stores already-analysed documents (duplicate detection and indexing included).
    fn add_documents(&self, docs: Vec<Document>) -> Result<Vec<db::Outcome>>;
    /// Rebuilds the search index from the store; returns the articles indexed.
    fn reindex(&self) -> Result<u64>;
    /// Writes an export; returns the number of records.
    fn export(
        &self,
        format: ExportFormat,
        opts: &ExportOptions,
        out: Box<dyn std::io::Write + Send>,
    ) -> Result<u64>;
}

/// The SQLite + tantivy store over a data folder.
pub struct SqliteStore {
    dir: PathBuf,
    db_path: PathBuf,
    index: index::SearchIndex,
    pool: Mutex<Vec<Connection>>,
}

impl SqliteStore {
    /// The data folder: `explicit` if given, else `$MARSAD_DATA`, else `./marsad-data`.
    pub fn data_dir(explicit: Option<&Path>) -> PathBuf {
        if let Some(p) = explicit {
            return p.to_path_buf();
        }
        match std::env::var_os(DATA_ENV) {
            Some(v) if !v.is_empty() => PathBuf::from(v),
            _ => PathBuf::from(DEFAULT_DATA_DIR),
        }
    }

    /// Opens (creating if needed) the store in `dir`. A search index that is missing,
    /// unreadable or behind the database is rebuilt or caught up here, unless another
    /// process (an ingest) holds the index writer, which then keeps it up to date itself.
    pub fn open(dir: impl AsRef<Path>) -> Result<SqliteStore> {
        let dir = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
        let db_path = dir.join(DB_FILE);
        let conn = db::open(&db_path)?;
        let index = index::SearchIndex::open(&dir.join(INDEX_DIR))?;
        let store = SqliteStore {
            dir,
            db_path,
            index,
            pool: Mutex::new(vec![conn]),
        };
        store.catch_up()?;
        Ok(store)
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Indexes articles stored but not yet indexed (after a crash or a deleted index).
    /// Returns how many; 0 without doing anything when another process holds the writer.
    pub fn catch_up(&self) -> Result<u64> {
        let behind = self.with_conn(|c| Ok(db::max_rowid(c)? > self.index.indexed_upto()))?;
        if !behind {
            return Ok(0);
        }
        let mut w = match self.index.writer() {
            Ok(w) => w,
            Err(_) => return Ok(0),
        };
        let n = self.with_conn(|c| ingest::catch_up(c, &self.index, &mut w))?;
        w.wait_merging_threads()?;
        Ok(n)
    }

    fn with_conn<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let pooled = self.pool.lock().ok().and_then(|mut p| p.pop());
        let conn = match pooled {
            Some(c) => c,
            None => db::open(&self.db_path)?,
        };
        let out = f(&conn);
        if let Ok(mut p) = self.pool.lock() {
            if p.len() < 8 {
                p.push(conn);
            }
        }
        out
    }

    fn resolve_filter(
        &self,
        c: &Connection,
        name: &Option<String>,
    ) -> Result<Option<Option<String>>> {
        match name.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(n) => Ok(Some(db::resolve_entity(c, n)?)),
        }
    }
}

fn date_bound(d: &Option<String>, upper: bool) -> Result<Option<u64>> {
    match d.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => index::day_number(s, upper).map(Some).ok_or_else(|| {
            Error::Invalid(format!("bad date {s:?}: use YYYY, YYYY-MM or YYYY-MM-DD"))
        }),
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Byte range in `s` to character range.
fn char_range(s: &str, r: &std::ops::Range<usize>) -> [usize; 2] {
    let start = s.get(..r.start).map_or(0, |p| p.chars().count());
    let len = s.get(r.start..r.end).map_or(0, |p| p.chars().count());
    [start, start + len]
}

impl Store for SqliteStore {
    fn stats(&self) -> Result<Stats> {
        let mut s = self.with_conn(db::stats)?;
        s.indexed = self.index.num_docs();
        s.index_bytes = self.index.size_bytes();
        s.db_bytes = ["", "-wal", "-shm"]
            .iter()
            .filter_map(|suf| std::fs::metadata(format!("{}{suf}", self.db_path.display())).ok())
            .map(|m| m.len())
            .sum();
        Ok(s)
    }

    fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        let started = Instant::now();
        let limit = if q.limit == 0 { 10 } else { q.limit };
        self.with_conn(|c| {
            let mut filter = index::IndexFilter {
                entity_type: q.entity_type.clone().filter(|s| !s.trim().is_empty()),
                event: q.event.clone().filter(|s| !s.trim().is_empty()),
                source: q.source.clone().filter(|s| !s.trim().is_empty()),
                from: date_bound(&q.from, false)?,
                to: date_bound(&q.to, true)?,
                include_duplicates: q.include_duplicates,
                ..Default::default()
            };
            match self.resolve_filter(c, &q.entity)? {
                Some(None) => return Ok(SearchResults::default()),
                Some(Some(id)) => filter.entities.push(id),
                None => {}
            }
            match self.resolve_filter(c, &q.speaker)? {
                Some(None) => return Ok(SearchResults::default()),
                Some(Some(id)) => filter.speaker = Some(id),
                None => {}
            }
            let raw = self.index.search(&q.text, &filter, limit, q.offset)?;
            let mut st = c.prepare_cached(
                "SELECT id, title, source, published, text, duplicate_of FROM articles WHERE rowid = ?1",
            )?;
            let mut hits = Vec::with_capacity(raw.hits.len());
            for (score, rowid) in raw.hits {
                let row = st.query_row([rowid], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, Option<String>>(5)?,
                    ))
                });
                let Ok((id, title, source, published, text, duplicate_of)) = row else {
                    continue;
                };
                let snippet = raw.snippets.as_ref().map(|g| g.snippet(&text));
                let (html, fragment, highlights) = match snippet.filter(|s| !s.fragment().is_empty()) {
                    Some(s) => {
                        let frag = s.fragment().to_string();
                        let hl = s.highlighted().iter().map(|r| char_range(&frag, r)).collect();
                        (s.to_html(), frag, hl)
                    }
                    None => {
                        let frag: String = text.chars().take(200).collect();
                        (html_escape(&frag), frag, Vec::new())
                    }
                };
                hits.push(SearchHit {
                    id,
                    title,
                    source,
                    published,
                    score,
                    snippet: html,
                    fragment,
                    highlights,
                    duplicate_of,
                });
            }
            Ok(SearchResults {
                total: raw.total,
                hits,
                took_ms: started.elapsed().as_secs_f64() * 1000.0,
            })
        })
    }

    fn resolve_entity(&self, name: &str) -> Result<Option<String>> {
        self.with_conn(|c| db::resolve_entity(c, name))
    }

    fn entities(&self, f: &EntityFilter) -> Result<Vec<EntitySummary>> {
        self.with_conn(|c| db::entities(c, f))
    }

    fn entity(&self, name: &str) -> Result<Option<EntityProfile>> {
        self.with_conn(|c| match db::resolve_entity(c, name)? {
            Some(id) => db::profile(c, &id),
            None => Ok(None),
        })
    }

    fn timeline(&self, name: &str, granularity: Granularity) -> Result<Option<Timeline>> {
        self.with_conn(|c| match db::resolve_entity(c, name)? {
            Some(id) => db::timeline(c, &id, granularity, 0),
            None => Ok(None),
        })
    }

    fn quotes(&self, f: &QuoteFilter) -> Result<Vec<QuoteRow>> {
        self.with_conn(|c| db::quotes(c, f))
    }

    fn events(&self, f: &EventFilter) -> Result<Vec<EventRow>> {
        self.with_conn(|c| db::events(c, f, "chrono"))
    }

    fn article(&self, id: &str) -> Result<Option<ArticleMeta>> {
        self.with_conn(|c| db::article_meta(c, id))
    }

    fn document(&self, id: &str) -> Result<Option<Document>> {
        self.with_conn(|c| db::document(c, id))
    }

    fn ingest(&self, paths: &[PathBuf], opts: &IngestOptions) -> Result<IngestSummary> {
        ingest::ingest(&self.db_path, &self.index, paths, opts)
    }

    fn add_documents(&self, docs: Vec<Document>) -> Result<Vec<db::Outcome>> {
        ingest::add_documents(&self.db_path, &self.index, docs)
    }

    fn reindex(&self) -> Result<u64> {
        self.with_conn(|c| ingest::rebuild(c, &self.index))
    }

    fn export(
        &self,
        format: ExportFormat,
        opts: &ExportOptions,
        out: Box<dyn std::io::Write + Send>,
    ) -> Result<u64> {
        self.with_conn(|c| export::export(c, format, opts, out))
    }
}
