//! `kill -9` during ingest: the test re-runs its own executable as a child that ingests
//! (the `child_ingest` test, active only with `MARSAD_CRASH_CHILD` set), kills it at
//! pseudo-random moments, and checks after each kill that the database is intact, that
//! committed articles are never lost, and finally that a re-run completes the corpus
//! without adding anything twice and leaves the index in step with SQLite.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use marsad_store::{IngestOptions, SearchQuery, SqliteStore, Store};

const CHILD_ENV: &str = "MARSAD_CRASH_CHILD";
const ARTICLES: usize = 300;

fn options() -> IngestOptions {
    IngestOptions {
        batch_size: 15,
        batch_interval: Duration::from_millis(50),
        progress_bar: false,
        threads: 2,
        ..Default::default()
    }
}

/// The child: ingests `input` into `data` (both from the environment). A no-op otherwise.
#[test]
fn child_ingest() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let (data, input) = spec.split_once('\n').expect("data\\ninput");
    let store = SqliteStore::open(data).expect("open");
    store.ingest(&[input.into()], &options()).expect("ingest");
}

fn write_corpus(path: &Path) {
    let cities = [
        "دمشق",
        "بغداد",
        "عمان",
        "بيروت",
        "القاهرة",
        "الرياض",
        "تونس",
        "الرباط",
    ];
    let mut out = String::new();
    for i in 0..ARTICLES {
        let city = cities[i % cities.len()];
        let text = format!(
            "أعلنت السلطات في {city} اليوم افتتاح المشروع رقم {i} لتحسين الخدمات. وقال المسؤول إن العمل سيكتمل خلال {} أشهر.",
            i % 12 + 1
        );
        out.push_str(
            &serde_json::json!({"id": format!("k{i}"), "published": "2025-04-01", "text": text})
                .to_string(),
        );
        out.push('\n');
    }
    std::fs::write(path, out).expect("write corpus");
}

fn pseudo_random(round: u64) -> u64 {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as u64)
        .unwrap_or(7);
    (nanos ^ (round.wrapping_mul(0x9e37_79b9_7f4a_7c15))).wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33
}

fn check_db(db: &Path) -> u64 {
    let conn = rusqlite::Connection::open(db).expect("open db");
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(ok, "ok");
    let n: i64 = conn
        .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    let with_doc: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM articles WHERE doc IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, with_doc, "every stored article has its document");
    let ids: i64 = conn
        .query_row("SELECT COUNT(DISTINCT id) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ids, n, "no article twice");
    n as u64
}

#[test]
fn kill_9_during_ingest_loses_nothing_and_resumes() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let input = dir.path().join("corpus.jsonl");
    write_corpus(&input);
    let exe = std::env::current_exe().unwrap();
    let mut last = 0;
    let mut kills = 0;
    // Kill times are drawn from [base, base + span) ms. On a fast machine the child may
    // finish before the first kill: then start over with an empty store and shorter waits,
    // so that some kill always lands mid-run whatever the machine's speed.
    let (mut base, mut span) = (150u64, 900u64);
    for round in 0..16 {
        let mut child = Command::new(&exe)
            .args(["--exact", "child_ingest", "--test-threads=1"])
            .env(
                CHILD_ENV,
                format!("{}\n{}", data.display(), input.display()),
            )
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn child");
        let wait = base + pseudo_random(round) % span;
        std::thread::sleep(Duration::from_millis(wait));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        }
        child.wait().unwrap();
        if !data.join(marsad_store::DB_FILE).exists() {
            continue;
        }
        let n = check_db(&data.join(marsad_store::DB_FILE));
        assert!(n >= last, "committed articles lost: {n} < {last}");
        last = n;
        if n as usize == ARTICLES {
            if kills > 0 {
                break;
            }
            std::fs::remove_dir_all(&data).unwrap();
            last = 0;
            base = (base / 2).max(5);
            span = (span / 2).max(20);
        }
    }
    assert!(kills > 0, "the child was never killed mid-run");

    // resume: the rest lands, nothing twice, and the index matches the database
    let store = SqliteStore::open(&data).unwrap();
    let s = store
        .ingest(std::slice::from_ref(&input), &options())
        .unwrap();
    assert_eq!(s.new + s.already_stored, ARTICLES as u64, "{s:?}");
    assert_eq!(s.already_stored, last, "{s:?}");
    let stats = store.stats().unwrap();
    assert_eq!(stats.articles, ARTICLES as u64);
    assert_eq!(stats.indexed, ARTICLES as u64, "index in step with SQLite");
    let all = store
        .search(&SearchQuery {
            text: "المشروع".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(all.total, ARTICLES as u64);
    let again = store.ingest(&[input], &options()).unwrap();
    assert_eq!((again.new, again.already_stored), (0, ARTICLES as u64));
    assert_eq!(check_db(&data.join(marsad_store::DB_FILE)), ARTICLES as u64);
}
