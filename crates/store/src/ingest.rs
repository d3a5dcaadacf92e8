//! The ingest pipeline: read → analyse in parallel (rayon) → one writer thread that
//! commits batches to SQLite and then to the search index.
//!
//! Crash safety: an article is stored when its batch's SQLite transaction commits;
//! the index commit that follows records the highest row id it covers, so a process
//! killed between the two leaves an index that is merely behind, caught up on the next
//! open. A re-run skips ids already stored before analysing them.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use marsad_extract::{Extractor, Source};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::{self, Outcome, Prepared};
use crate::dedup;
use crate::error::{Error, Result};
use crate::index::SearchIndex;
use crate::input::{Failure, RawArticle, ReadOptions, Reader, Record};

/// A progress report, sent to [`IngestOptions::on_progress`] about twice a second.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IngestProgress {
    /// Records read (articles and failures).
    pub read: u64,
    /// Articles written so far (new and near duplicates).
    pub stored: u64,
    /// Input bytes consumed.
    pub bytes: u64,
    /// Input bytes in all (0 when unknown, e.g. stdin).
    pub total_bytes: u64,
    /// Seconds since the start.
    pub seconds: f64,
}

/// Callback for progress reports.
pub type ProgressFn = Arc<dyn Fn(&IngestProgress) + Send + Sync>;

/// How to ingest.
#[derive(Clone)]
pub struct IngestOptions {
    /// Input limits.
    pub read: ReadOptions,
    /// Articles per transaction.
    pub batch_size: usize,
    /// A batch is also committed after this long, so slow inputs still land.
    pub batch_interval: Duration,
    /// Draw a progress bar on stderr (only when stderr is a terminal).
    pub progress_bar: bool,
    /// Called about twice a second with the progress.
    pub on_progress: Option<ProgressFn>,
    /// Analysis threads (0: one per core).
    pub threads: usize,
    /// Keep at most this many failures in the summary (all are counted).
    pub max_failures_listed: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            read: ReadOptions::default(),
            batch_size: 500,
            batch_interval: Duration::from_secs(2),
            progress_bar: true,
            on_progress: None,
            threads: 0,
            max_failures_listed: 200,
        }
    }
}

impl std::fmt::Debug for IngestOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IngestOptions")
            .field("read", &self.read)
            .field("batch_size", &self.batch_size)
            .field("progress_bar", &self.progress_bar)
            .field("threads", &self.threads)
            .finish()
    }
}

/// What an ingest did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IngestSummary {
    /// Records read (articles and failures).
    pub read: u64,
    /// New articles stored.
    pub new: u64,
    /// Exact duplicates of stored articles (recorded, linked, not analysed again).
    pub duplicates: u64,
    /// Near duplicates (stored and linked with `duplicate_of`; counted once).
    pub near_duplicates: u64,
    /// Already in the store (same id): skipped.
    pub already_stored: u64,
    /// Inputs that could not be read or analysed.
    pub failed: u64,
    /// Why, for the first few failures.
    pub failures: Vec<Failure>,
    /// Input bytes read.
    pub bytes: u64,
    /// Wall time, seconds.
    pub seconds: f64,
    /// Records per second.
    pub articles_per_sec: f64,
    /// Input megabytes (10^6 bytes) per second.
    pub mb_per_sec: f64,
    /// Articles added to the search index (including catch-up of earlier runs).
    pub indexed: u64,
}

enum Item {
    Ready(Box<Prepared>),
    Already,
    Failed(Failure),
}

/// Analyses one raw article.
fn prepare(
    extractor: &Extractor,
    raw: RawArticle,
    known: &std::collections::HashSet<String>,
) -> Item {
    if raw.text.trim().is_empty() {
        return Item::Failed(Failure {
            source: raw.source,
            reason: "empty text".into(),
        });
    }
    let given_id = raw.id.is_some();
    let id = raw
        .id
        .clone()
        .unwrap_or_else(|| marsad_extract::document_id(&raw.text));
    if known.contains(&id) {
        return Item::Already;
    }
    let words = dedup::words(&raw.text);
    let text_hash = dedup::text_hash(&words);
    let simhash = dedup::simhash(&words);
    drop(words);
    let src = Source {
        id: Some(id.clone()),
        source: raw.source.clone(),
        title: raw.title.clone(),
        published: raw.published.clone(),
        ..Default::default()
    };
    let analysed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extractor.analyze(&raw.text, &src)
    }));
    match analysed {
        Ok(mut doc) => {
            doc.id = id;
            Item::Ready(Box::new(Prepared {
                doc,
                url: raw.url,
                author: raw.author,
                text_hash,
                simhash,
                given_id,
            }))
        }
        Err(_) => Item::Failed(Failure {
            source: raw.source,
            reason: "the analyser failed on this text".into(),
        }),
    }
}

struct Counters {
    read: AtomicU64,
    stored: AtomicU64,
    bytes: AtomicU64,
}

/// Brings the index up to the database: indexes stored articles after the index's
/// high-water mark. Returns how many were indexed.
pub fn catch_up(
    conn: &rusqlite::Connection,
    index: &SearchIndex,
    writer: &mut tantivy::IndexWriter,
) -> Result<u64> {
    let max = db::max_rowid(conn)?;
    let mut upto = index.indexed_upto();
    if upto >= max {
        return Ok(0);
    }
    let mut n = 0;
    loop {
        let docs = db::documents_after(conn, upto, 1000)?;
        let Some(last) = docs.last().map(|d| d.0) else {
            break;
        };
        for (rowid, dup, doc) in &docs {
            index.add(writer, *rowid, dup.is_some(), doc)?;
            n += 1;
        }
        upto = last;
        if n % 10_000 < 1000 {
            index.commit(writer, upto)?;
        }
    }
    index.commit(writer, max.max(upto))?;
    Ok(n)
}

/// Rebuilds the index from scratch.
pub fn rebuild(conn: &rusqlite::Connection, index: &SearchIndex) -> Result<u64> {
    let mut w = index.writer()?;
    index.clear(&mut w)?;
    index.commit(&mut w, 0)?;
    let n = catch_up(conn, index, &mut w)?;
    w.wait_merging_threads()?;
    Ok(n)
}

/// Ingests inputs into the store at `db_path` / `index`.
pub fn ingest(
    db_path: &std::path::Path,
    index: &SearchIndex,
    paths: &[PathBuf],
    opts: &IngestOptions,
) -> Result<IngestSummary> {
    let started = Instant::now();
    let extractor = Extractor::bundled().map_err(|e| Error::Extract(e.to_string()))?;
    let mut conn = db::open(db_path)?;
    let known = db::known_keys(&conn)?.0;
    let mut writer = index.writer()?;
    let mut indexed = catch_up(&conn, index, &mut writer)?;

    let counters = Arc::new(Counters {
        read: AtomicU64::new(0),
        stored: AtomicU64::new(0),
        bytes: AtomicU64::new(0),
    });
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicBool::new(false));
    let total_bytes = Reader::total_bytes(paths);
    let progress = spawn_progress(opts, counters.clone(), done.clone(), total_bytes, started);

    let (tx, rx) = sync_channel::<Item>(opts.batch_size.max(1) * 2);
    let batch_size = opts.batch_size.max(1);
    let interval = opts.batch_interval;
    let max_listed = opts.max_failures_listed;
    let wcounters = counters.clone();
    let wstop = stop.clone();

    let scoped = std::thread::scope(|scope| {
        let writer_thread = scope.spawn(move || -> Result<(IngestSummary, u64)> {
            let mut s = IngestSummary::default();
            let mut batch: Vec<Prepared> = Vec::with_capacity(batch_size);
            let mut last = Instant::now();
            let mut indexed = 0u64;
            let mut flush = |batch: &mut Vec<Prepared>, s: &mut IngestSummary| -> Result<()> {
                if batch.is_empty() {
                    return Ok(());
                }
                let outcomes = db::write_batch(&mut conn, batch)?;
                let mut max_row = 0;
                for (p, o) in batch.iter().zip(&outcomes) {
                    match o {
                        Outcome::New { rowid } => {
                            s.new += 1;
                            index.add(&writer, *rowid, false, &p.doc)?;
                            indexed += 1;
                            max_row = max_row.max(*rowid);
                        }
                        Outcome::NearDuplicate { rowid, .. } => {
                            s.near_duplicates += 1;
                            index.add(&writer, *rowid, true, &p.doc)?;
                            indexed += 1;
                            max_row = max_row.max(*rowid);
                        }
                        Outcome::Duplicate { .. } => s.duplicates += 1,
                        Outcome::AlreadyStored => s.already_stored += 1,
                    }
                }
                wcounters
                    .stored
                    .store(s.new + s.near_duplicates, Ordering::Relaxed);
                let upto = db::max_rowid(&conn)?.max(max_row);
                index.commit(&mut writer, upto)?;
                batch.clear();
                Ok(())
            };
            loop {
                match rx.recv_timeout(Duration::from_millis(200)) {
                    Ok(Item::Ready(p)) => batch.push(*p),
                    Ok(Item::Already) => s.already_stored += 1,
                    Ok(Item::Failed(f)) => {
                        s.failed += 1;
                        if s.failures.len() < max_listed {
                            s.failures.push(f);
                        }
                    }
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => break,
                }
                if batch.len() >= batch_size || (!batch.is_empty() && last.elapsed() >= interval) {
                    if let Err(e) = flush(&mut batch, &mut s) {
                        wstop.store(true, Ordering::Relaxed);
                        return Err(e);
                    }
                    last = Instant::now();
                }
            }
            flush(&mut batch, &mut s)?;
            writer.wait_merging_threads()?;
            Ok((s, indexed))
        });

        let work = || {
            let reader = Reader::new(paths.iter().cloned(), opts.read);
            let rstop = stop.clone();
            reader
                .take_while(move |_| !rstop.load(Ordering::Relaxed))
                .par_bridge()
                .for_each_with(tx, |tx, rec: Record| {
                    counters.bytes.fetch_add(rec.bytes, Ordering::Relaxed);
                    counters.read.fetch_add(1, Ordering::Relaxed);
                    let item = match rec.result {
                        Ok(raw) => prepare(&extractor, raw, &known),
                        Err(f) => Item::Failed(f),
                    };
                    if tx.send(item).is_err() {
                        stop.store(true, Ordering::Relaxed);
                    }
                });
        };
        if opts.threads > 0 {
            match rayon::ThreadPoolBuilder::new()
                .num_threads(opts.threads)
                .build()
            {
                Ok(pool) => pool.install(work),
                Err(_) => work(),
            }
        } else {
            work();
        }
        writer_thread
            .join()
            .map_err(|_| Error::Invalid("the writer thread panicked".into()))
    });
    done.store(true, Ordering::Relaxed);
    if let Some(p) = progress {
        let _ = p.join();
    }
    let (mut s, n) = scoped??;
    indexed += n;
    s.read = counters.read.load(Ordering::Relaxed);
    s.bytes = counters.bytes.load(Ordering::Relaxed);
    s.seconds = started.elapsed().as_secs_f64();
    if s.seconds > 0.0 {
        s.articles_per_sec = s.read as f64 / s.seconds;
        s.mb_per_sec = s.bytes as f64 / 1e6 / s.seconds;
    }
    s.indexed = indexed;
    Ok(s)
}

fn spawn_progress(
    opts: &IngestOptions,
    counters: Arc<Counters>,
    done: Arc<AtomicBool>,
    total_bytes: u64,
    started: Instant,
) -> Option<std::thread::JoinHandle<()>> {
    use std::io::IsTerminal;
    let bar_wanted =
        opts.progress_bar && cfg!(feature = "progress") && std::io::stderr().is_terminal();
    let callback = opts.on_progress.clone();
    if !bar_wanted && callback.is_none() {
        return None;
    }
    Some(std::thread::spawn(move || {
        #[cfg(feature = "progress")]
        let bar = bar_wanted.then(|| make_bar(total_bytes));
        loop {
            let finished = done.load(Ordering::Relaxed);
            let p = IngestProgress {
                read: counters.read.load(Ordering::Relaxed),
                stored: counters.stored.load(Ordering::Relaxed),
                bytes: counters.bytes.load(Ordering::Relaxed),
                total_bytes,
                seconds: started.elapsed().as_secs_f64(),
            };
            #[cfg(feature = "progress")]
            if let Some(b) = &bar {
                b.set_position(p.bytes);
                let rate = if p.seconds > 0.0 {
                    p.read as f64 / p.seconds
                } else {
                    0.0
                };
                b.set_message(format!(
                    "{} articles ({rate:.0}/s), {} stored",
                    p.read, p.stored
                ));
            }
            if let Some(cb) = &callback {
                cb(&p);
            }
            if finished {
                break;
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        #[cfg(feature = "progress")]
        if let Some(b) = bar {
            b.finish_and_clear();
        }
    }))
}

#[cfg(feature = "progress")]
fn make_bar(total: u64) -> indicatif::ProgressBar {
    let bar = if total > 0 {
        indicatif::ProgressBar::new(total)
    } else {
        indicatif::ProgressBar::new_spinner()
    };
    let template = if total > 0 {
        "{spinner} {elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {bytes_per_sec} {msg}"
    } else {
        "{spinner} {elapsed_precise} {bytes} {bytes_per_sec} {msg}"
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
    bar
}

/// Stores documents that are already analysed (e.g. by `marsad analyze` or the HTTP API),
/// with the same duplicate detection and indexing as [`ingest`]. Returns one outcome per
/// document.
pub fn add_documents(
    db_path: &std::path::Path,
    index: &SearchIndex,
    docs: Vec<marsad_extract::Document>,
) -> Result<Vec<Outcome>> {
    let mut conn = db::open(db_path)?;
    let mut writer = index.writer()?;
    catch_up(&conn, index, &mut writer)?;
    let mut batch: Vec<Prepared> = docs
        .into_iter()
        .map(|doc| {
            let words = dedup::words(&doc.text);
            Prepared {
                text_hash: dedup::text_hash(&words),
                simhash: dedup::simhash(&words),
                url: None,
                author: None,
                given_id: true,
                doc,
            }
        })
        .collect();
    let outcomes = db::write_batch(&mut conn, &mut batch)?;
    for (p, o) in batch.iter().zip(&outcomes) {
        match o {
            Outcome::New { rowid } => index.add(&writer, *rowid, false, &p.doc)?,
            Outcome::NearDuplicate { rowid, .. } => index.add(&writer, *rowid, true, &p.doc)?,
            _ => {}
        }
    }
    index.commit(&mut writer, db::max_rowid(&conn)?)?;
    writer.wait_merging_threads()?;
    Ok(outcomes)
}
