//! The SQLite store: schema, the batch writer and the read queries.
//!
//! SQLite is the source of truth. Tables:
//! - `articles`: original text, metadata, the document JSON (without its text), the
//!   normalised-text hash, the SimHash, `duplicate_of` / `dup_kind` (`exact` | `near`).
//!   Exact duplicates keep only their metadata (no document, not indexed).
//! - `entities` (merged across articles by id, with article and mention counts),
//!   `entity_roles`, `aliases` (normalised written forms), `article_entities`, `mentions`.
//! - `quotes`, `times`.
//! - `events` (merged across articles by event key) and `event_articles` (every
//!   supporting article).
//! - `simhash_bands`: banded SimHash lookup for near duplicates.
//!
//! Counts (`entities.articles`, `entities.mentions`, `events.articles`) only count
//! articles that are not duplicates, so wire copies count once.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use marsad_extract::{Document, Event};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::dedup;
use crate::error::Result;
use crate::model::*;

/// Schema version stored in `PRAGMA user_version`.
pub const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS articles(
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  url TEXT, title TEXT, author TEXT, published TEXT,
  text TEXT NOT NULL,
  doc TEXT,
  text_hash TEXT NOT NULL,
  simhash INTEGER,
  duplicate_of TEXT,
  dup_kind TEXT,
  chars INTEGER NOT NULL,
  ingested_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(text_hash);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE INDEX IF NOT EXISTS articles_dup ON articles(duplicate_of);
CREATE TABLE IF NOT EXISTS simhash_bands(bkey INTEGER NOT NULL, article INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS simhash_bands_key ON simhash_bands(bkey);
CREATE TABLE IF NOT EXISTS entities(
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  name_ar TEXT NOT NULL, name_en TEXT NOT NULL,
  name_ar_norm TEXT NOT NULL, name_en_lower TEXT NOT NULL,
  lat REAL, lon REAL,
  known INTEGER NOT NULL,
  articles INTEGER NOT NULL DEFAULT 0,
  mentions INTEGER NOT NULL DEFAULT 0,
  first_seen TEXT, last_seen TEXT
);
CREATE INDEX IF NOT EXISTS entities_ar ON entities(name_ar_norm);
CREATE INDEX IF NOT EXISTS entities_en ON entities(name_en_lower);
CREATE TABLE IF NOT EXISTS entity_roles(entity TEXT NOT NULL, role TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY(entity, role)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS aliases(norm TEXT NOT NULL, entity TEXT NOT NULL, written TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY(norm, entity)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS aliases_entity ON aliases(entity);
CREATE TABLE IF NOT EXISTS article_entities(article INTEGER NOT NULL, entity TEXT NOT NULL, mentions INTEGER NOT NULL,
  PRIMARY KEY(article, entity)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_entities_entity ON article_entities(entity, article);
CREATE TABLE IF NOT EXISTS mentions(article INTEGER NOT NULL, entity TEXT NOT NULL,
  start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article);
CREATE TABLE IF NOT EXISTS quotes(article INTEGER NOT NULL, idx INTEGER NOT NULL,
  speaker TEXT, speaker_text TEXT, kind TEXT NOT NULL, cue TEXT NOT NULL,
  start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL, via TEXT,
  PRIMARY KEY(article, idx)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE TABLE IF NOT EXISTS times(article INTEGER NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
  text TEXT NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL, anchored INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS times_article ON times(article);
CREATE TABLE IF NOT EXISTS events(
  key TEXT PRIMARY KEY,
  type TEXT NOT NULL, mode TEXT, cameo TEXT,
  actor TEXT, target TEXT, location TEXT,
  date TEXT, day TEXT,
  negated INTEGER NOT NULL, hypothetical INTEGER NOT NULL,
  articles INTEGER NOT NULL DEFAULT 0,
  first_article INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_type ON events(type, day);
CREATE INDEX IF NOT EXISTS events_actor ON events(actor);
CREATE INDEX IF NOT EXISTS events_target ON events(target);
CREATE INDEX IF NOT EXISTS events_location ON events(location);
CREATE INDEX IF NOT EXISTS events_day ON events(day);
CREATE TABLE IF NOT EXISTS event_articles(key TEXT NOT NULL, article INTEGER NOT NULL, idx INTEGER NOT NULL,
  sentence INTEGER NOT NULL, trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL,
  PRIMARY KEY(key, article, idx)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_articles_article ON event_articles(article);
"#;

/// Opens (creating if needed) the database with WAL and the schema.
pub fn open(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    conn.pragma_update(None, "cache_size", -65536)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version < SCHEMA_VERSION {
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE;{SCHEMA}PRAGMA user_version={SCHEMA_VERSION};COMMIT;"
        ))?;
    }
    Ok(conn)
}

/// Opens the database for reading only (no schema changes).
pub fn open_read(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    Ok(conn)
}

/// Search folding of a name: words normalised, lower-cased, single-spaced.
pub fn norm_name(s: &str) -> String {
    s.split_whitespace()
        .map(|w| marsad_text::normalize_word(w, marsad_text::Folding::SEARCH).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// An analysed article ready to be written.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The document (its `id` is the article id).
    pub doc: Document,
    /// URL from the input.
    pub url: Option<String>,
    /// Author from the input.
    pub author: Option<String>,
    /// Hash of the normalised text.
    pub text_hash: String,
    /// SimHash, for texts long enough.
    pub simhash: Option<u64>,
    /// Whether the id was given by the input (not derived from the text).
    pub given_id: bool,
}

/// What happened to one article of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Stored as a new article.
    New {
        /// Its row id.
        rowid: i64,
    },
    /// Stored, but a near duplicate of another article.
    NearDuplicate {
        /// Its row id.
        rowid: i64,
        /// The article it duplicates.
        of: String,
    },
    /// Same normalised text as a stored article: recorded as a duplicate, not analysed.
    Duplicate {
        /// The article it duplicates.
        of: String,
    },
    /// The id is already stored (a re-run): nothing written.
    AlreadyStored,
}

/// The `day` of an event: its date when that is a full date, else the article's date.
fn event_day(ev: &Event, published: Option<&str>) -> Option<String> {
    match ev.date.as_deref() {
        Some(d)
            if d.len() >= 10 && crate::html::normalize_date(d).is_some_and(|n| n.len() == 10) =>
        {
            Some(d[..10].to_string())
        }
        _ => published.map(str::to_string),
    }
}

/// The cross-article key of an event: the extractor's `event_key`, else
/// `type|actor|target|day|location`; an event with no participants stays per article.
pub fn event_key(ev: &Event, article_id: &str, idx: usize, published: Option<&str>) -> String {
    if let Some(k) = ev.event_key.as_deref().filter(|k| !k.is_empty()) {
        return k.to_string();
    }
    if ev.actor.is_none() && ev.target.is_none() {
        return format!("{article_id}#{idx}");
    }
    let day = event_day(ev, published).unwrap_or_default();
    format!(
        "{}|{}|{}|{}|{}",
        ev.kind,
        ev.actor.as_deref().unwrap_or(""),
        ev.target.as_deref().unwrap_or(""),
        day,
        ev.location.as_deref().unwrap_or("")
    )
}

/// Writes a batch in one transaction and returns what happened to each article.
pub fn write_batch(conn: &mut Connection, batch: &mut [Prepared]) -> Result<Vec<Outcome>> {
    let tx = conn.transaction()?;
    let mut out = Vec::with_capacity(batch.len());
    for p in batch.iter_mut() {
        out.push(write_one(&tx, p)?);
    }
    tx.commit()?;
    Ok(out)
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn find_near(tx: &Transaction, h: u64) -> Result<Option<String>> {
    let mut st = tx.prepare_cached(
        "SELECT a.id, a.simhash FROM simhash_bands b JOIN articles a ON a.rowid = b.article WHERE b.bkey = ?1",
    )?;
    for (band, key) in dedup::bands(h) {
        let bkey = ((band as i64) << 16) | i64::from(key);
        let mut rows = st.query([bkey])?;
        while let Some(r) = rows.next()? {
            let other: Option<i64> = r.get(1)?;
            if let Some(o) = other {
                if dedup::distance(o as u64, h) <= dedup::MAX_DISTANCE {
                    return Ok(Some(r.get(0)?));
                }
            }
        }
    }
    Ok(None)
}

fn write_one(tx: &Transaction, p: &mut Prepared) -> Result<Outcome> {
    let exists: Option<i64> = tx
        .prepare_cached("SELECT rowid FROM articles WHERE id = ?1")?
        .query_row([&p.doc.id], |r| r.get(0))
        .optional()?;
    if exists.is_some() {
        return Ok(Outcome::AlreadyStored);
    }
    let exact: Option<String> = tx
        .prepare_cached(
            "SELECT COALESCE(duplicate_of, id) FROM articles WHERE text_hash = ?1 LIMIT 1",
        )?
        .query_row([&p.text_hash], |r| r.get(0))
        .optional()?;
    let near = match (&exact, p.simhash) {
        (None, Some(h)) => find_near(tx, h)?,
        _ => None,
    };
    let doc = &mut p.doc;
    let (dup_kind, dup_of) = match (&exact, &near) {
        (Some(of), _) => (Some("exact"), Some(of.clone())),
        (None, Some(of)) => (Some("near"), Some(of.clone())),
        _ => (None, None),
    };
    let doc_json = if exact.is_some() {
        None
    } else {
        let text = std::mem::take(&mut doc.text);
        let json = serde_json::to_string(&doc);
        doc.text = text;
        Some(json?)
    };
    tx.prepare_cached(
        "INSERT INTO articles(id, source, url, title, author, published, text, doc, text_hash, simhash,
           duplicate_of, dup_kind, chars, ingested_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)",
    )?
    .execute(params![
        doc.id,
        doc.source,
        p.url,
        doc.title,
        p.author,
        doc.published,
        doc.text,
        doc_json,
        p.text_hash,
        p.simhash.map(|h| h as i64),
        dup_of,
        dup_kind,
        doc.text.chars().count() as i64,
        now_secs()
    ])?;
    let rowid = tx.last_insert_rowid();
    if let Some(of) = exact {
        return Ok(Outcome::Duplicate { of });
    }
    let original = near.is_none();
    write_children(tx, rowid, doc, original)?;
    if original {
        if let Some(h) = p.simhash {
            let mut st =
                tx.prepare_cached("INSERT INTO simhash_bands(bkey, article) VALUES (?1, ?2)")?;
            for (band, key) in dedup::bands(h) {
                st.execute(params![((band as i64) << 16) | i64::from(key), rowid])?;
            }
        }
        Ok(Outcome::New { rowid })
    } else {
        Ok(Outcome::NearDuplicate {
            rowid,
            of: near.unwrap_or_default(),
        })
    }
}

/// Mentions, entities, quotes, times and events of one stored article. Counts grow only
/// for originals (`original`), so near duplicates count once.
fn write_children(tx: &Transaction, rowid: i64, doc: &Document, original: bool) -> Result<()> {
    let count = i64::from(original);
    let published = doc.published.as_deref();
    {
        let mut ent = tx.prepare_cached(
            "INSERT INTO entities(id, type, name_ar, name_en, name_ar_norm, name_en_lower, lat, lon, known,
               articles, mentions, first_seen, last_seen)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?12)
             ON CONFLICT(id) DO UPDATE SET
               articles = articles + excluded.articles,
               mentions = mentions + excluded.mentions,
               known = MAX(known, excluded.known),
               lat = COALESCE(lat, excluded.lat), lon = COALESCE(lon, excluded.lon),
               name_en = CASE WHEN name_en = '' THEN excluded.name_en ELSE name_en END,
               name_en_lower = CASE WHEN name_en_lower = '' THEN excluded.name_en_lower ELSE name_en_lower END,
               first_seen = CASE WHEN excluded.articles > 0 AND excluded.first_seen IS NOT NULL
                   AND (first_seen IS NULL OR excluded.first_seen < first_seen) THEN excluded.first_seen ELSE first_seen END,
               last_seen = CASE WHEN excluded.articles > 0 AND excluded.last_seen IS NOT NULL
                   AND (last_seen IS NULL OR excluded.last_seen > last_seen) THEN excluded.last_seen ELSE last_seen END",
        )?;
        let mut role = tx.prepare_cached(
            "INSERT INTO entity_roles(entity, role, n) VALUES (?1, ?2, ?3)
             ON CONFLICT(entity, role) DO UPDATE SET n = n + excluded.n",
        )?;
        let mut alias = tx.prepare_cached(
            "INSERT INTO aliases(norm, entity, written, n) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(norm, entity) DO UPDATE SET n = n + excluded.n",
        )?;
        let mut ae = tx.prepare_cached(
            "INSERT OR REPLACE INTO article_entities(article, entity, mentions) VALUES (?1, ?2, ?3)",
        )?;
        let mut men = tx.prepare_cached(
            "INSERT INTO mentions(article, entity, start_char, end_char, text, kind) VALUES (?1,?2,?3,?4,?5,?6)",
        )?;
        let mut seen: HashMap<&str, ()> = HashMap::new();
        for e in &doc.entities {
            if seen.insert(e.id.as_str(), ()).is_some() {
                continue;
            }
            let n = e.mentions.len() as i64;
            ent.execute(params![
                e.id,
                e.kind.as_str(),
                e.name_ar,
                e.name_en,
                norm_name(&e.name_ar),
                e.name_en.to_lowercase(),
                e.geo.map(|g| g.lat),
                e.geo.map(|g| g.lon),
                e.known,
                count,
                n * count,
                if original { published } else { None },
            ])?;
            for r in &e.roles {
                role.execute(params![e.id, r, count])?;
            }
            ae.execute(params![rowid, e.id, n])?;
            let mut forms: BTreeMap<String, (&str, i64)> = BTreeMap::new();
            for m in &e.mentions {
                men.execute(params![
                    rowid,
                    e.id,
                    m.start as i64,
                    m.end as i64,
                    m.text,
                    serde_json::to_value(m.kind)?.as_str().unwrap_or("name")
                ])?;
                if m.kind == marsad_extract::MentionKind::Name {
                    let f = forms
                        .entry(norm_name(&m.text))
                        .or_insert((m.text.as_str(), 0));
                    f.1 += 1;
                }
            }
            for (norm, (written, k)) in forms {
                if !norm.is_empty() {
                    alias.execute(params![norm, e.id, written, k * count.max(1)])?;
                }
            }
        }
    }
    {
        let mut q = tx.prepare_cached(
            "INSERT OR REPLACE INTO quotes(article, idx, speaker, speaker_text, kind, cue, start_char, end_char, text, via)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
        )?;
        for (i, x) in doc.quotes.iter().enumerate() {
            let kind = match x.kind {
                marsad_extract::QuoteKind::Direct => "direct",
                marsad_extract::QuoteKind::Indirect => "indirect",
            };
            q.execute(params![
                rowid,
                i as i64,
                x.speaker,
                x.speaker_text,
                kind,
                x.cue,
                x.start as i64,
                x.end as i64,
                x.text,
                x.via
            ])?;
        }
        let mut t = tx.prepare_cached(
            "INSERT INTO times(article, start_char, end_char, text, type, value, anchored) VALUES (?1,?2,?3,?4,?5,?6,?7)",
        )?;
        for x in &doc.times {
            let kind = serde_json::to_value(x.kind)?;
            t.execute(params![
                rowid,
                x.start as i64,
                x.end as i64,
                x.text,
                kind.as_str().unwrap_or(""),
                x.value,
                x.anchored
            ])?;
        }
    }
    {
        let mut ev = tx.prepare_cached(
            "INSERT INTO events(key, type, mode, cameo, actor, target, location, date, day, negated, hypothetical,
               articles, first_article) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)
             ON CONFLICT(key) DO UPDATE SET articles = articles + excluded.articles",
        )?;
        let mut ea = tx.prepare_cached(
            "INSERT OR IGNORE INTO event_articles(key, article, idx, sentence, trigger_start, trigger_end, trigger_text)
             VALUES (?1,?2,?3,?4,?5,?6,?7)",
        )?;
        let mut counted: HashMap<String, ()> = HashMap::new();
        for (i, x) in doc.events.iter().enumerate() {
            let key = event_key(x, &doc.id, i, published);
            // an article supports an event once, however often it reports it
            let inc = if counted.insert(key.clone(), ()).is_none() {
                count
            } else {
                0
            };
            ev.execute(params![
                key,
                x.kind,
                x.mode,
                x.cameo,
                x.actor,
                x.target,
                x.location,
                x.date,
                event_day(x, published),
                x.negated,
                x.hypothetical,
                inc,
                rowid
            ])?;
            ea.execute(params![
                key,
                rowid,
                i as i64,
                x.sentence as i64,
                x.trigger.start as i64,
                x.trigger.end as i64,
                x.trigger.text
            ])?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------
// Reads

fn count(conn: &Connection, sql: &str) -> Result<u64> {
    Ok(conn
        .query_row(sql, [], |r| r.get::<_, Option<i64>>(0))?
        .unwrap_or(0) as u64)
}

/// Corpus counts (sizes and `indexed` are filled by the caller).
pub fn stats(conn: &Connection) -> Result<Stats> {
    let (first, last): (Option<String>, Option<String>) = conn.query_row(
        "SELECT MIN(published), MAX(published) FROM articles WHERE dup_kind IS NOT 'exact'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(Stats {
        articles: count(conn, "SELECT COUNT(*) FROM articles WHERE dup_kind IS NOT 'exact'")?,
        entities: count(conn, "SELECT COUNT(*) FROM entities")?,
        quotes: count(
            conn,
            "SELECT COUNT(*) FROM quotes q JOIN articles a ON a.rowid = q.article WHERE a.duplicate_of IS NULL",
        )?,
        events: count(conn, "SELECT COUNT(*) FROM events WHERE articles > 0")?,
        mentions: count(conn, "SELECT SUM(mentions) FROM entities")?,
        unique_articles: count(conn, "SELECT COUNT(*) FROM articles WHERE dup_kind IS NULL")?,
        duplicates: count(conn, "SELECT COUNT(*) FROM articles WHERE dup_kind = 'exact'")?,
        near_duplicates: count(conn, "SELECT COUNT(*) FROM articles WHERE dup_kind = 'near'")?,
        sources: count(conn, "SELECT COUNT(DISTINCT source) FROM articles")?,
        first_published: first,
        last_published: last,
        ..Default::default()
    })
}

/// Largest article row id (0 when empty).
pub fn max_rowid(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT COALESCE(MAX(rowid), 0) FROM articles", [], |r| {
            r.get(0)
        })?,
    )
}

/// Every stored id and text hash (to skip work on a re-run before analysis).
pub fn known_keys(
    conn: &Connection,
) -> Result<(
    std::collections::HashSet<String>,
    std::collections::HashSet<String>,
)> {
    let mut ids = std::collections::HashSet::new();
    let mut hashes = std::collections::HashSet::new();
    let mut st = conn.prepare("SELECT id, text_hash FROM articles")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        ids.insert(r.get(0)?);
        hashes.insert(r.get(1)?);
    }
    Ok((ids, hashes))
}

fn summary_row(r: &rusqlite::Row) -> rusqlite::Result<EntitySummary> {
    Ok(EntitySummary {
        id: r.get(0)?,
        kind: r.get(1)?,
        name_ar: r.get(2)?,
        name_en: r.get(3)?,
        articles: r.get::<_, i64>(4)? as u64,
        mentions: r.get::<_, i64>(5)? as u64,
    })
}

const SUMMARY_COLS: &str = "id, type, name_ar, name_en, articles, mentions";

/// One entity by id.
pub fn entity_summary(conn: &Connection, id: &str) -> Result<Option<EntitySummary>> {
    Ok(conn
        .query_row(
            &format!("SELECT {SUMMARY_COLS} FROM entities WHERE id = ?1"),
            [id],
            summary_row,
        )
        .optional()?)
}

/// Resolves an id, English name, Arabic name or written form to an entity id; the best
/// attested candidate wins. Tries exact matches first, then containment.
pub fn resolve_entity(conn: &Connection, name: &str) -> Result<Option<String>> {
    let name = name.trim();
    if name.is_empty() {
        return Ok(None);
    }
    let norm = norm_name(name);
    let lower = name.to_lowercase();
    let tries: [(&str, &str); 5] = [
        ("SELECT id FROM entities WHERE id = ?1", name),
        ("SELECT id FROM entities WHERE name_en_lower = ?1 ORDER BY articles DESC LIMIT 1", &lower),
        ("SELECT id FROM entities WHERE name_ar_norm = ?1 ORDER BY articles DESC LIMIT 1", &norm),
        (
            "SELECT a.entity FROM aliases a JOIN entities e ON e.id = a.entity WHERE a.norm = ?1
             ORDER BY a.n DESC, e.articles DESC LIMIT 1",
            &norm,
        ),
        (
            "SELECT id FROM entities WHERE instr(name_en_lower, ?1) > 0 OR instr(name_ar_norm, ?1) > 0
               OR instr(id, ?1) > 0 ORDER BY articles DESC LIMIT 1",
            &norm,
        ),
    ];
    for (sql, arg) in tries {
        if arg.is_empty() {
            continue;
        }
        if let Some(id) = conn
            .query_row(sql, [arg], |r| r.get::<_, String>(0))
            .optional()?
        {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

/// Entities, most mentioned first.
pub fn entities(conn: &Connection, f: &EntityFilter) -> Result<Vec<EntitySummary>> {
    let limit = if f.limit == 0 { 50 } else { f.limit } as i64;
    let kind = f.kind.as_deref().map(str::to_uppercase);
    let name = f.name.as_deref().map(norm_name).filter(|s| !s.is_empty());
    let mut st = conn.prepare(&format!(
        "SELECT {SUMMARY_COLS} FROM entities
         WHERE (?1 IS NULL OR type = ?1)
           AND (?2 IS NULL OR instr(name_en_lower, ?2) > 0 OR instr(name_ar_norm, ?2) > 0 OR instr(id, ?2) > 0)
         ORDER BY articles DESC, mentions DESC, id LIMIT ?3"
    ))?;
    let rows = st.query_map(params![kind, name, limit], summary_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Upper bound for an inclusive date prefix (`2015-07` → everything in July).
pub fn date_upper(to: &str) -> String {
    format!("{to}~")
}

/// Quotes matching a filter, most recent first.
pub fn quotes(conn: &Connection, f: &QuoteFilter) -> Result<Vec<QuoteRow>> {
    let limit = if f.limit == 0 { 50 } else { f.limit } as i64;
    let (speaker_id, speaker_like) = match f
        .speaker
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(s) => match resolve_entity(conn, s)? {
            Some(id) => (Some(id), None),
            None => (None, Some(s.to_string())),
        },
        None => (None, None),
    };
    let mut st = conn.prepare_cached(
        "SELECT a.id, a.title, a.source, a.published, q.speaker, e.name_ar, e.name_en, q.speaker_text,
                q.kind, q.cue, q.text, q.start_char, q.end_char, q.via
         FROM quotes q JOIN articles a ON a.rowid = q.article LEFT JOIN entities e ON e.id = q.speaker
         WHERE (?1 IS NULL OR q.speaker = ?1)
           AND (?2 IS NULL OR instr(q.speaker_text, ?2) > 0)
           AND (?3 IS NULL OR instr(q.text, ?3) > 0)
           AND (?4 IS NULL OR q.kind = ?4)
           AND (?5 IS NULL OR a.published >= ?5)
           AND (?6 IS NULL OR a.published <= ?6)
           AND (?7 IS NULL OR a.source = ?7)
           AND (?8 IS NULL OR a.id = ?8)
           AND (?9 OR a.duplicate_of IS NULL)
         ORDER BY a.published DESC, a.rowid DESC, q.idx LIMIT ?10",
    )?;
    let rows = st.query_map(
        params![
            speaker_id,
            speaker_like,
            f.contains,
            f.kind,
            f.from,
            f.to.as_deref().map(date_upper),
            f.source,
            f.article,
            f.include_duplicates,
            limit
        ],
        |r| {
            Ok(QuoteRow {
                article: r.get(0)?,
                title: r.get(1)?,
                source: r.get(2)?,
                published: r.get(3)?,
                speaker: r.get(4)?,
                speaker_ar: r.get(5)?,
                speaker_en: r.get(6)?,
                speaker_text: r.get(7)?,
                kind: r.get(8)?,
                cue: r.get(9)?,
                text: r.get(10)?,
                start: r.get::<_, i64>(11)? as usize,
                end: r.get::<_, i64>(12)? as usize,
                via: r.get(13)?,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn resolve_or_raw(conn: &Connection, name: Option<&str>) -> Result<Option<String>> {
    match name.map(str::trim).filter(|s| !s.is_empty()) {
        Some(n) => Ok(Some(
            resolve_entity(conn, n)?.unwrap_or_else(|| n.to_string()),
        )),
        None => Ok(None),
    }
}

/// Events matching a filter. `order` is `chrono` (oldest first) or `support` (most
/// reported first).
pub fn events(conn: &Connection, f: &EventFilter, order: &str) -> Result<Vec<EventRow>> {
    let limit = if f.limit == 0 { 50 } else { f.limit } as i64;
    let actor = resolve_or_raw(conn, f.actor.as_deref())?;
    let target = resolve_or_raw(conn, f.target.as_deref())?;
    let location = resolve_or_raw(conn, f.location.as_deref())?;
    let entity = resolve_or_raw(conn, f.entity.as_deref())?;
    let order_by = if order == "support" {
        "ev.articles DESC, ev.day DESC, ev.key"
    } else {
        "ev.day IS NULL, ev.day, ev.articles DESC, ev.key"
    };
    let sql = format!(
        "SELECT ev.key, ev.type, ev.mode, ev.cameo, ev.actor, COALESCE(NULLIF(ea.name_en, ''), ea.name_ar),
                ev.target, COALESCE(NULLIF(et.name_en, ''), et.name_ar), ev.location,
                COALESCE(NULLIF(el.name_en, ''), el.name_ar), ev.date, ev.day, ev.negated, ev.hypothetical, ev.articles
         FROM events ev
         LEFT JOIN entities ea ON ea.id = ev.actor
         LEFT JOIN entities et ON et.id = ev.target
         LEFT JOIN entities el ON el.id = ev.location
         WHERE ev.articles > 0
           AND (?1 IS NULL OR ev.type = upper(?1))
           AND (?2 IS NULL OR ev.mode = ?2)
           AND (?3 IS NULL OR ev.actor = ?3)
           AND (?4 IS NULL OR ev.target = ?4)
           AND (?5 IS NULL OR ev.location = ?5)
           AND (?6 IS NULL OR ev.actor = ?6 OR ev.target = ?6 OR ev.location = ?6)
           AND (?7 IS NULL OR ev.day >= ?7)
           AND (?8 IS NULL OR ev.day <= ?8)
           AND (?9 OR ev.negated = 0)
           AND (?10 OR ev.hypothetical = 0)
         ORDER BY {order_by} LIMIT ?11"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(
        params![
            f.kind,
            f.mode,
            actor,
            target,
            location,
            entity,
            f.from,
            f.to.as_deref().map(date_upper),
            f.include_negated,
            f.include_hypothetical,
            limit
        ],
        |r| {
            Ok(EventRow {
                key: r.get(0)?,
                kind: r.get(1)?,
                mode: r.get(2)?,
                cameo: r.get(3)?,
                actor: r.get(4)?,
                actor_name: r.get(5)?,
                target: r.get(6)?,
                target_name: r.get(7)?,
                location: r.get(8)?,
                location_name: r.get(9)?,
                date: r.get(10)?,
                day: r.get(11)?,
                negated: r.get(12)?,
                hypothetical: r.get(13)?,
                articles: r.get::<_, i64>(14)? as u64,
                reports: Vec::new(),
            })
        },
    )?;
    let mut out: Vec<EventRow> = rows.collect::<rusqlite::Result<_>>()?;
    let mut rep = conn.prepare_cached(
        "SELECT a.id, a.published, ea.trigger_text, ea.trigger_start, ea.trigger_end, ea.sentence
         FROM event_articles ea JOIN articles a ON a.rowid = ea.article
         WHERE ea.key = ?1 ORDER BY a.published, a.rowid, ea.idx LIMIT 10",
    )?;
    for e in &mut out {
        let rows = rep.query_map([&e.key], |r| {
            Ok(EventMention {
                article: r.get(0)?,
                published: r.get(1)?,
                trigger: r.get(2)?,
                start: r.get::<_, i64>(3)? as usize,
                end: r.get::<_, i64>(4)? as usize,
                sentence: r.get::<_, i64>(5)? as usize,
            })
        })?;
        e.reports = rows.collect::<rusqlite::Result<_>>()?;
    }
    Ok(out)
}

/// Per-period counts of an entity's articles, mentions and events.
pub fn periods(conn: &Connection, id: &str, g: Granularity) -> Result<Vec<PeriodCount>> {
    let n = g.prefix_len() as i64;
    let mut map: BTreeMap<String, PeriodCount> = BTreeMap::new();
    let mut st = conn.prepare_cached(
        "SELECT COALESCE(substr(a.published, 1, ?2), 'unknown'), COUNT(*), SUM(ae.mentions)
         FROM article_entities ae JOIN articles a ON a.rowid = ae.article
         WHERE ae.entity = ?1 AND a.duplicate_of IS NULL GROUP BY 1",
    )?;
    let mut rows = st.query(params![id, n])?;
    while let Some(r) = rows.next()? {
        let p: String = r.get(0)?;
        map.insert(
            p.clone(),
            PeriodCount {
                period: p,
                articles: r.get::<_, i64>(1)? as u64,
                mentions: r.get::<_, Option<i64>>(2)?.unwrap_or(0) as u64,
                events: 0,
            },
        );
    }
    let mut st = conn.prepare_cached(
        "SELECT COALESCE(substr(day, 1, ?2), 'unknown'), COUNT(*) FROM events
         WHERE articles > 0 AND (actor = ?1 OR target = ?1 OR location = ?1) GROUP BY 1",
    )?;
    let mut rows = st.query(params![id, n])?;
    while let Some(r) = rows.next()? {
        let p: String = r.get(0)?;
        let c = r.get::<_, i64>(1)? as u64;
        map.entry(p.clone())
            .or_insert(PeriodCount {
                period: p,
                articles: 0,
                mentions: 0,
                events: 0,
            })
            .events += c;
    }
    Ok(map.into_values().collect())
}

/// An entity's profile.
pub fn profile(conn: &Connection, id: &str) -> Result<Option<EntityProfile>> {
    let Some(summary) = entity_summary(conn, id)? else {
        return Ok(None);
    };
    let (lat, lon, known, first_seen, last_seen): (
        Option<f64>,
        Option<f64>,
        bool,
        Option<String>,
        Option<String>,
    ) = conn.query_row(
        "SELECT lat, lon, known, first_seen, last_seen FROM entities WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    let mut st = conn.prepare_cached(
        "SELECT role FROM entity_roles WHERE entity = ?1 ORDER BY n DESC, role LIMIT 20",
    )?;
    let roles = st
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    let mut st = conn.prepare_cached(
        "SELECT written, n FROM aliases WHERE entity = ?1 ORDER BY n DESC, written LIMIT 20",
    )?;
    let names = st
        .query_map([id], |r| {
            Ok(NameCount {
                name: r.get(0)?,
                count: r.get::<_, i64>(1)? as u64,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut st = conn.prepare_cached(
        "SELECT e.id, e.type, e.name_ar, e.name_en, e.articles, e.mentions, x.c FROM (
           SELECT ae2.entity AS ent, COUNT(*) AS c
           FROM article_entities ae1
           JOIN article_entities ae2 ON ae2.article = ae1.article AND ae2.entity <> ae1.entity
           JOIN articles a ON a.rowid = ae1.article
           WHERE ae1.entity = ?1 AND a.duplicate_of IS NULL
           GROUP BY ae2.entity ORDER BY c DESC LIMIT 15) x
         JOIN entities e ON e.id = x.ent ORDER BY x.c DESC, e.articles DESC",
    )?;
    let co_occurring = st
        .query_map([id], |r| {
            Ok(CoEntity {
                entity: summary_row(r)?,
                shared_articles: r.get::<_, i64>(6)? as u64,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let quotes = quotes(
        conn,
        &QuoteFilter {
            speaker: Some(id.to_string()),
            limit: 10,
            ..Default::default()
        },
    )?;
    let events = events(
        conn,
        &EventFilter {
            entity: Some(id.to_string()),
            limit: 20,
            ..Default::default()
        },
        "support",
    )?;
    Ok(Some(EntityProfile {
        summary,
        roles,
        geo: lat
            .zip(lon)
            .map(|(lat, lon)| marsad_extract::Geo { lat, lon }),
        known,
        names,
        first_seen,
        last_seen,
        per_month: periods(conn, id, Granularity::Month)?,
        quotes,
        co_occurring,
        events,
    }))
}

/// An entity's timeline.
pub fn timeline(
    conn: &Connection,
    id: &str,
    g: Granularity,
    limit: usize,
) -> Result<Option<Timeline>> {
    let Some(entity) = entity_summary(conn, id)? else {
        return Ok(None);
    };
    Ok(Some(Timeline {
        periods: periods(conn, id, g)?,
        events: events(
            conn,
            &EventFilter {
                entity: Some(id.to_string()),
                limit: if limit == 0 { 200 } else { limit },
                ..Default::default()
            },
            "chrono",
        )?,
        entity,
    }))
}

/// An article's metadata.
pub fn article_meta(conn: &Connection, id: &str) -> Result<Option<ArticleMeta>> {
    Ok(conn
        .query_row(
            "SELECT id, source, url, title, author, published, duplicate_of, dup_kind, chars FROM articles WHERE id = ?1",
            [id],
            |r| {
                Ok(ArticleMeta {
                    id: r.get(0)?,
                    source: r.get(1)?,
                    url: r.get(2)?,
                    title: r.get(3)?,
                    author: r.get(4)?,
                    published: r.get(5)?,
                    duplicate_of: r.get(6)?,
                    duplicate_kind: r.get(7)?,
                    chars: r.get::<_, i64>(8)? as u64,
                })
            },
        )
        .optional()?)
}

/// Rebuilds a document from its stored JSON and text (`None` for unknown ids and exact
/// duplicates, which keep no document).
pub fn document_from_row(doc: Option<String>, text: String) -> Result<Option<Document>> {
    match doc {
        Some(j) => {
            let mut d: Document = serde_json::from_str(&j)?;
            d.text = text;
            Ok(Some(d))
        }
        None => Ok(None),
    }
}

/// The analysed document of an article.
pub fn document(conn: &Connection, id: &str) -> Result<Option<Document>> {
    let row: Option<(Option<String>, String)> = conn
        .query_row("SELECT doc, text FROM articles WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    match row {
        Some((doc, text)) => document_from_row(doc, text),
        None => Ok(None),
    }
}

/// Stored articles with a document after a row id, in row order: `(rowid, duplicate_of, doc)`.
pub fn documents_after(
    conn: &Connection,
    after: i64,
    limit: usize,
) -> Result<Vec<(i64, Option<String>, Document)>> {
    let mut st = conn.prepare_cached(
        "SELECT rowid, duplicate_of, doc, text FROM articles WHERE rowid > ?1 AND doc IS NOT NULL ORDER BY rowid LIMIT ?2",
    )?;
    let mut rows = st.query(params![after, limit as i64])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        if let Some(d) = document_from_row(r.get(2)?, r.get(3)?)? {
            out.push((r.get(0)?, r.get(1)?, d));
        }
    }
    Ok(out)
}
