//! Store-level tests: ingest of every input kind, duplicates, search, the corpus
//! queries and exports. Documents written with `add_documents` are built by hand against
//! the `marsad.document/1` contract, so they do not depend on what the extractor finds
//! today.

use std::io::Write;
use std::path::{Path, PathBuf};

use marsad_store::{
    EntityFilter, EventFilter, ExportFormat, ExportOptions, Granularity, IngestOptions, Outcome,
    QuoteFilter, ReadOptions, SearchQuery, SqliteStore, Store,
};
use serde_json::{json, Value};

/// Character span of the first `needle` in `text` at or after character `from`.
fn span(text: &str, needle: &str, from: usize) -> (usize, usize) {
    let byte_from = text.char_indices().nth(from).map_or(text.len(), |(b, _)| b);
    let b = byte_from + text[byte_from..].find(needle).expect("needle in text");
    let start = text[..b].chars().count();
    (start, start + needle.chars().count())
}

fn mention(text: &str, needle: &str) -> Value {
    let (s, e) = span(text, needle, 0);
    json!({"start": s, "end": e, "text": needle, "kind": "name"})
}

fn entity(
    id: &str,
    kind: &str,
    ar: &str,
    en: &str,
    mentions: Vec<Value>,
    geo: Option<(f64, f64)>,
) -> Value {
    json!({
        "id": id, "type": kind, "name_ar": ar, "name_en": en, "roles": [],
        "geo": geo.map(|(lat, lon)| json!({"lat": lat, "lon": lon})),
        "known": true, "mentions": mentions
    })
}

fn doc(
    id: &str,
    published: &str,
    source: &str,
    text: &str,
    entities: Vec<Value>,
    quotes: Vec<Value>,
    events: Vec<Value>,
) -> marsad_store::Document {
    serde_json::from_value(json!({
        "schema": "marsad.document/1", "id": id, "source": source, "title": format!("خبر {id}"),
        "published": published, "language": "ar", "text": text,
        "sentences": [{"start": 0, "end": text.chars().count()}],
        "entities": entities, "quotes": quotes, "times": [], "quantities": [], "events": events
    }))
    .expect("document JSON")
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn quiet() -> IngestOptions {
    IngestOptions {
        progress_bar: false,
        threads: 2,
        ..Default::default()
    }
}

/// A small corpus about Russia, written by hand.
fn corpus(store: &SqliteStore) {
    let t1 = "قال الرئيس فلاديمير بوتين إن روسيا مستعدة للحوار مع تركيا.";
    let t2 = "أكدت الخارجية أن العلاقات بين سوريا وروسيا متينة، وقال بوتين: «نحن شركاء».";
    let t3 = "أرسلت الصين شحنة قمح لروسيا الأسبوع الماضي.";
    let t4 = "هطلت أمطار غزيرة على الرياض وتوقفت الدراسة.";
    let putin = |t: &str| {
        entity(
            "person:vladimir-putin",
            "PERSON",
            "فلاديمير بوتين",
            "Vladimir Putin",
            vec![mention(t, "بوتين")],
            None,
        )
    };
    let russia = |t: &str, w: &str| {
        entity(
            "gpe:russia",
            "GPE",
            "روسيا",
            "Russia",
            vec![mention(t, w)],
            Some((61.5, 105.3)),
        )
    };
    let (qs, qe) = span(t2, "نحن شركاء", 0);
    let (ts, te) = span(t3, "أرسلت", 0);
    let docs = vec![
        doc(
            "a1",
            "2025-01-10",
            "agency",
            t1,
            vec![putin(t1), russia(t1, "روسيا")],
            vec![],
            vec![],
        ),
        doc(
            "a2",
            "2025-02-03",
            "paper",
            t2,
            vec![
                putin(t2),
                russia(t2, "روسيا"),
                entity(
                    "gpe:syria",
                    "GPE",
                    "سوريا",
                    "Syria",
                    vec![mention(t2, "سوريا")],
                    Some((35.0, 38.0)),
                ),
            ],
            vec![
                json!({"speaker": "person:vladimir-putin", "speaker_text": "بوتين", "kind": "direct", "cue": "قال",
                        "start": qs, "end": qe, "text": "نحن شركاء"}),
            ],
            vec![],
        ),
        doc(
            "a3",
            "2025-02-20",
            "agency",
            t3,
            vec![
                russia(t3, "روسيا"),
                entity(
                    "gpe:china",
                    "GPE",
                    "الصين",
                    "China",
                    vec![mention(t3, "الصين")],
                    None,
                ),
            ],
            vec![],
            vec![
                json!({"type": "AID", "mode": "economic", "actor": "gpe:china", "target": "gpe:russia", "location": null,
                        "date": "2025-02-13", "negated": false, "hypothetical": false,
                        "trigger": {"start": ts, "end": te, "text": "أرسلت"}, "sentence": 0}),
            ],
        ),
        doc("a4", "2025-03-01", "paper", t4, vec![], vec![], vec![]),
    ];
    let out = store.add_documents(docs).expect("add documents");
    assert!(
        out.iter().all(|o| matches!(o, Outcome::New { .. })),
        "{out:?}"
    );
}

fn ids(store: &SqliteStore, q: SearchQuery) -> Vec<String> {
    let mut v: Vec<String> = store
        .search(&q)
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    v.sort();
    v
}

fn text(t: &str) -> SearchQuery {
    SearchQuery {
        text: t.into(),
        ..Default::default()
    }
}

#[test]
fn arabic_search_ignores_clitics_diacritics_and_letter_forms() {
    let dir = tmp();
    let store = SqliteStore::open(dir.path()).unwrap();
    corpus(&store);
    // وروسيا, لروسيا and روسيا are the same word for search
    assert_eq!(ids(&store, text("روسيا")), ["a1", "a2", "a3"]);
    assert_eq!(ids(&store, text("لروسيا")), ["a1", "a2", "a3"]);
    // diacritics in the query and alef forms never matter
    assert_eq!(ids(&store, text("رُوسْيَا")), ["a1", "a2", "a3"]);
    assert_eq!(ids(&store, text("امطار")), ["a4"]);
    // English entity names find Arabic articles
    assert_eq!(ids(&store, text("Putin")), ["a1", "a2"]);
    assert_eq!(ids(&store, text("china")), ["a3"]);
    // conjunction by default
    assert_eq!(ids(&store, text("روسيا الصين")), ["a3"]);
    assert!(ids(&store, text("كلمةغيرموجودة")).is_empty());
}

#[test]
fn snippets_highlight_the_original_text() {
    let dir = tmp();
    let store = SqliteStore::open(dir.path()).unwrap();
    corpus(&store);
    let r = store.search(&text("روسيا")).unwrap();
    assert_eq!(r.total, 3);
    for h in &r.hits {
        assert!(h.snippet.contains("<b>"), "{}", h.snippet);
        assert!(!h.highlights.is_empty());
        for [s, e] in &h.highlights {
            let marked: String = h.fragment.chars().skip(*s).take(e - s).collect();
            assert_eq!(marked, "روسيا", "in {}", h.fragment);
        }
    }
}

#[test]
fn search_filters() {
    let dir = tmp();
    let store = SqliteStore::open(dir.path()).unwrap();
    corpus(&store);
    let q = |f: fn(&mut SearchQuery)| {
        let mut q = text("روسيا");
        f(&mut q);
        ids(&store, q)
    };
    assert_eq!(q(|q| q.source = Some("agency".into())), ["a1", "a3"]);
    assert_eq!(q(|q| q.from = Some("2025-02".into())), ["a2", "a3"]);
    assert_eq!(q(|q| q.to = Some("2025-02-03".into())), ["a1", "a2"]);
    assert_eq!(q(|q| q.entity = Some("بوتين".into())), ["a1", "a2"]);
    assert_eq!(q(|q| q.entity = Some("Syria".into())), ["a2"]);
    assert_eq!(q(|q| q.speaker = Some("Vladimir Putin".into())), ["a2"]);
    assert_eq!(q(|q| q.event = Some("aid".into())), ["a3"]);
    assert_eq!(q(|q| q.entity_type = Some("PERSON".into())), ["a1", "a2"]);
    assert!(q(|q| q.entity = Some("nobody at all".into())).is_empty());
    // match-all with a filter
    assert_eq!(
        ids(
            &store,
            SearchQuery {
                text: "*".into(),
                source: Some("paper".into()),
                ..Default::default()
            }
        ),
        ["a2", "a4"]
    );
    assert!(store
        .search(&SearchQuery {
            text: "x".into(),
            from: Some("soon".into()),
            ..Default::default()
        })
        .is_err());
}

#[test]
fn entity_profile_timeline_quotes_events() {
    let dir = tmp();
    let store = SqliteStore::open(dir.path()).unwrap();
    corpus(&store);
    for name in [
        "person:vladimir-putin",
        "بوتين",
        "Vladimir Putin",
        "putin",
        "فلاديمير بوتين",
    ] {
        assert_eq!(
            store.resolve_entity(name).unwrap().as_deref(),
            Some("person:vladimir-putin"),
            "{name}"
        );
    }
    let p = store.entity("Putin").unwrap().expect("profile");
    assert_eq!(p.summary.articles, 2);
    assert_eq!(p.summary.mentions, 2);
    assert_eq!(p.first_seen.as_deref(), Some("2025-01-10"));
    assert_eq!(
        p.per_month
            .iter()
            .map(|m| m.period.as_str())
            .collect::<Vec<_>>(),
        ["2025-01", "2025-02"]
    );
    assert_eq!(p.quotes.len(), 1);
    assert_eq!(p.co_occurring[0].entity.id, "gpe:russia");
    assert_eq!(p.co_occurring[0].shared_articles, 2);

    let t = store
        .timeline("روسيا", Granularity::Month)
        .unwrap()
        .expect("timeline");
    let feb = t
        .periods
        .iter()
        .find(|p| p.period == "2025-02")
        .expect("february");
    assert_eq!((feb.articles, feb.events), (2, 1));
    assert_eq!(t.events[0].kind, "AID");
    assert_eq!(t.events[0].day.as_deref(), Some("2025-02-13"));

    let q = store
        .quotes(&QuoteFilter {
            speaker: Some("بوتين".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "نحن شركاء");
    assert_eq!(q[0].speaker_en.as_deref(), Some("Vladimir Putin"));
    assert!(store
        .quotes(&QuoteFilter {
            speaker: Some("Syria".into()),
            ..Default::default()
        })
        .unwrap()
        .is_empty());

    let ev = |f: EventFilter| store.events(&f).unwrap();
    assert_eq!(
        ev(EventFilter {
            kind: Some("aid".into()),
            ..Default::default()
        })
        .len(),
        1
    );
    assert_eq!(
        ev(EventFilter {
            actor: Some("China".into()),
            ..Default::default()
        })
        .len(),
        1
    );
    assert!(ev(EventFilter {
        actor: Some("روسيا".into()),
        ..Default::default()
    })
    .is_empty());
    assert_eq!(
        ev(EventFilter {
            from: Some("2025-02".into()),
            to: Some("2025-02".into()),
            ..Default::default()
        })
        .len(),
        1
    );
    assert!(ev(EventFilter {
        from: Some("2025-03".into()),
        ..Default::default()
    })
    .is_empty());
    let e = &ev(EventFilter::default())[0];
    assert_eq!(e.target_name.as_deref(), Some("Russia"));
    assert_eq!(e.reports[0].article, "a3");

    let top = store
        .entities(&EntityFilter {
            kind: Some("GPE".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(top[0].id, "gpe:russia");
    let s = store.stats().unwrap();
    assert_eq!((s.articles, s.entities, s.quotes, s.events), (4, 4, 1, 1));
    assert_eq!(s.indexed, 4);
}

#[test]
fn events_merge_across_articles_by_key() {
    let dir = tmp();
    let store = SqliteStore::open(dir.path()).unwrap();
    let ev = |t: &str| {
        let (s, e) = span(t, "زار", 0);
        json!({"type": "CONSULT", "mode": "visit", "actor": "person:a", "target": "gpe:b", "location": null,
               "date": "2025-05-01", "negated": false, "hypothetical": false,
               "trigger": {"start": s, "end": e, "text": "زار"}, "sentence": 0, "event_key": "CONSULT|person:a|gpe:b|2025-05-01|"})
    };
    let t1 = "زار الوزير العاصمة أمس في زيارة رسمية.";
    let t2 = "الوزير زار العاصمة والتقى المسؤولين هناك.";
    store
        .add_documents(vec![
            doc("e1", "2025-05-02", "x", t1, vec![], vec![], vec![ev(t1)]),
            doc("e2", "2025-05-02", "y", t2, vec![], vec![], vec![ev(t2)]),
        ])
        .unwrap();
    let rows = store.events(&EventFilter::default()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].articles, 2);
    assert_eq!(rows[0].reports.len(), 2);
}

fn long_text(seed: &str) -> String {
    (0..40)
        .map(|i| {
            format!(
                "ذكر مراسل {seed} أن الاجتماع رقم {i} بين الوفدين انتهى دون اتفاق على جدول الأعمال. "
            )
        })
        .collect()
}

#[test]
fn duplicates_exact_and_near_count_once() {
    let dir = tmp();
    let store = SqliteStore::open(dir.path()).unwrap();
    let base = long_text("الوكالة");
    let mut near = base.clone();
    near.push_str("وأضاف المصدر أن المحادثات ستستمر.");
    let respaced = base.replace(' ', "  ").replace('.', "،");
    let out = store
        .add_documents(vec![
            doc("d1", "2025-01-01", "a", &base, vec![], vec![], vec![]),
            doc("d2", "2025-01-01", "b", &respaced, vec![], vec![], vec![]),
            doc("d3", "2025-01-02", "c", &near, vec![], vec![], vec![]),
            doc("d1", "2025-01-01", "a", &base, vec![], vec![], vec![]),
            doc(
                "d4",
                "2025-01-02",
                "d",
                &long_text("الصحيفة"),
                vec![],
                vec![],
                vec![],
            ),
        ])
        .unwrap();
    assert_eq!(out[0], Outcome::New { rowid: 1 });
    assert_eq!(out[1], Outcome::Duplicate { of: "d1".into() });
    assert!(
        matches!(&out[2], Outcome::NearDuplicate { of, .. } if of == "d1"),
        "{:?}",
        out[2]
    );
    assert_eq!(out[3], Outcome::AlreadyStored);
    assert!(matches!(out[4], Outcome::New { .. }), "{:?}", out[4]);
    assert_eq!(
        store
            .article("d3")
            .unwrap()
            .unwrap()
            .duplicate_of
            .as_deref(),
        Some("d1")
    );
    let s = store.stats().unwrap();
    assert_eq!(
        (
            s.articles,
            s.unique_articles,
            s.duplicates,
            s.near_duplicates
        ),
        (3, 2, 1, 1)
    );
    // a search shows the story once unless duplicates are asked for
    assert_eq!(ids(&store, text("الاجتماع")), ["d1", "d4"]);
    let all = SearchQuery {
        text: "الاجتماع".into(),
        include_duplicates: true,
        ..Default::default()
    };
    assert_eq!(ids(&store, all), ["d1", "d3", "d4"]);
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn ingest_every_input_kind_and_skip_bad_files() {
    let data = tmp();
    let inputs = tmp();
    let d = inputs.path();
    write(
        d,
        "a.txt",
        "قال وزير الخارجية إن الاجتماع المقبل سيعقد في عمان.".as_bytes(),
    );
    let jsonl = [
        json!({"id": "j1", "title": "خبر أول", "published": "2024-05-01", "source": "wire", "text": "وصل رئيس الوزراء إلى القاهرة في زيارة رسمية."}),
        json!({"source": "aawsat", "url": "http://example.org/2", "date_extracted": "2015-07-21 02:51:32", "title": "خبر", "content": "افتتح الأمير معرضا للكتاب في جدة."}),
    ];
    let mut lines: Vec<u8> = jsonl
        .iter()
        .flat_map(|v| format!("{v}\n").into_bytes())
        .collect();
    lines.extend_from_slice(b"{not json\n");
    lines.extend_from_slice(
        format!("{{\"id\": \"long\", \"text\": \"{}\"}}\n", "ب".repeat(3000)).as_bytes(),
    );
    lines.extend_from_slice(b"\n");
    write(d, "sub/news.jsonl", &lines);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(
        format!(
            "{}\n",
            json!({"id": "g1", "text": "أعلنت الشركة عن أرباح قياسية هذا العام."})
        )
        .as_bytes(),
    )
    .unwrap();
    write(d, "sub/more.jsonl.gz", &gz.finish().unwrap());
    let para = "<p>أعلنت وزارة الصحة عن حملة تطعيم واسعة تشمل جميع المدارس في المنطقة الشرقية خلال الشهر المقبل.</p>".repeat(6);
    write(
        d,
        "page.html",
        format!("<html><head><title>حملة تطعيم</title><meta property=\"article:published_time\" content=\"2024-02-03T10:00:00Z\"></head><body><article>{para}</article></body></html>").as_bytes(),
    );
    write(
        d,
        "truncated.htm",
        "<html><body><p>بدأت أعمال القمة العربية في".as_bytes(),
    );
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>موجز</title>
      <item><title>عاجل</title><link>http://example.org/r1</link><pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate>
      <description>&lt;p&gt;انخفضت أسعار النفط في الأسواق العالمية.&lt;/p&gt;</description></item></channel></rss>"#;
    write(d, "feed.rss", rss.as_bytes());
    let atom = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>أتوم</title>
      <id>urn:x</id><updated>2025-01-07T00:00:00Z</updated>
      <entry><title>خبر</title><id>urn:e1</id><updated>2025-01-07T00:00:00Z</updated>
      <content type="html">ارتفعت درجات الحرارة في الكويت.</content></entry></feed>"#;
    write(d, "feed.atom", atom.as_bytes());
    write(d, "binary.txt", &[0u8, 1, 2, 3, 0, 0, 255, 254, 0, 7]);
    write(
        d,
        "latin1.txt",
        &[b'c', b'a', b'f', 0xe9, b' ', 0xff, 0xfe, 0xfd],
    );
    write(d, "image.png", &[137, 80, 78, 71]); // unknown extension in a folder: not read

    let store = SqliteStore::open(data.path()).unwrap();
    let opts = IngestOptions {
        read: ReadOptions {
            max_record_bytes: 2000,
        },
        ..quiet()
    };
    let s = store.ingest(&[d.to_path_buf()], &opts).unwrap();
    let failed: Vec<&str> = s.failures.iter().map(|f| f.source.as_str()).collect();
    assert_eq!(s.new, 8, "{s:?}");
    assert_eq!(s.failed, 4, "{failed:?}");
    assert!(failed.iter().any(|f| f.ends_with("binary.txt")));
    assert!(failed.iter().any(|f| f.ends_with("news.jsonl:3")));
    assert!(failed.iter().any(|f| f.ends_with("news.jsonl:4")));
    assert!(s.failures.iter().any(|f| f.reason.contains("limit")));

    let j1 = store.article("j1").unwrap().expect("jsonl id kept");
    assert_eq!(
        (j1.source.as_str(), j1.published.as_deref()),
        ("wire", Some("2024-05-01"))
    );
    let stored = store
        .export(
            ExportFormat::Csv,
            &ExportOptions::default(),
            Box::new(Vec::new()),
        )
        .unwrap();
    assert_eq!(stored, 8);
    let hit = |q: &str| store.search(&text(q)).unwrap().hits;
    let page = &hit("تطعيم")[0];
    assert_eq!(page.title.as_deref(), Some("حملة تطعيم"));
    assert_eq!(page.published.as_deref(), Some("2024-02-03"));
    assert_eq!(hit("معرضا")[0].published.as_deref(), Some("2015-07-21"));
    assert_eq!(hit("معرضا")[0].source, "aawsat");
    assert_eq!(hit("النفط")[0].published.as_deref(), Some("2025-01-06"));
    assert_eq!(hit("الكويت").len(), 1);
    assert_eq!(hit("القمة").len(), 1);
    assert_eq!(hit("أرباح").len(), 1);

    // a second run adds nothing
    let again = store.ingest(&[d.to_path_buf()], &opts).unwrap();
    assert_eq!((again.new, again.already_stored), (0, 8), "{again:?}");
    assert_eq!(store.stats().unwrap().articles, 8);
}

#[test]
fn stdin_like_streams_and_explicit_files_are_sniffed() {
    let data = tmp();
    let inputs = tmp();
    let p = write(
        inputs.path(),
        "noext",
        "{\"id\": \"s1\", \"text\": \"نص من ملف بلا امتداد.\"}\n".as_bytes(),
    );
    let store = SqliteStore::open(data.path()).unwrap();
    let s = store.ingest(&[p], &quiet()).unwrap();
    assert_eq!(s.new, 1);
    assert!(store.article("s1").unwrap().is_some());
    let missing = store
        .ingest(&[inputs.path().join("nope.txt")], &quiet())
        .unwrap();
    assert_eq!(missing.failed, 1);
}

#[test]
fn a_deleted_or_stale_index_is_rebuilt_from_sqlite() {
    let dir = tmp();
    {
        let store = SqliteStore::open(dir.path()).unwrap();
        corpus(&store);
    }
    std::fs::remove_dir_all(dir.path().join("index")).unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(ids(&store, text("روسيا")), ["a1", "a2", "a3"]);
    assert_eq!(store.reindex().unwrap(), 4);
    assert_eq!(store.stats().unwrap().indexed, 4);
    drop(store);
    // garbage in the index folder
    std::fs::write(dir.path().join("index/meta.json"), b"{ not json").unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(ids(&store, text("Putin")), ["a1", "a2"]);
}

#[test]
fn exports() {
    let dir = tmp();
    let store = SqliteStore::open(dir.path()).unwrap();
    corpus(&store);
    let run = |f: ExportFormat| {
        let path = dir.path().join(format!("out.{f:?}"));
        let file = std::fs::File::create(&path).unwrap();
        let n = store
            .export(f, &ExportOptions::default(), Box::new(file))
            .unwrap();
        (n, std::fs::read(&path).unwrap())
    };
    let (n, jsonl) = run(ExportFormat::Jsonl);
    assert_eq!(n, 4);
    let first: marsad_store::Document =
        serde_json::from_slice(jsonl.split(|b| *b == b'\n').next().unwrap()).unwrap();
    assert!(first.text.contains("بوتين"));

    let (_, csv) = run(ExportFormat::Csv);
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("id,published,source"));
    assert_eq!(csv.lines().count(), 5);

    let (_, gkg) = run(ExportFormat::Gkg);
    let gkg = String::from_utf8(gkg).unwrap();
    for line in gkg.lines() {
        assert_eq!(line.split('\t').count(), 27, "{line}");
    }
    let a2 = gkg.lines().find(|l| l.contains("Syria")).expect("a2 row");
    assert!(a2.contains("Vladimir Putin,"), "{a2}");
    assert!(
        a2.split('\t')
            .nth(22)
            .is_some_and(|q| q.contains("|قال|نحن شركاء")),
        "{a2}"
    );

    let (n, geo) = run(ExportFormat::Geojson);
    let geo: Value = serde_json::from_slice(&geo).unwrap();
    assert_eq!(n, 2);
    assert_eq!(geo["features"][0]["properties"]["id"], "gpe:russia");
    assert_eq!(geo["features"][0]["geometry"]["coordinates"][0], 105.3);

    if cfg!(feature = "parquet") {
        let (n, pq) = run(ExportFormat::Parquet);
        assert_eq!(n, 4);
        assert_eq!(&pq[..4], b"PAR1");
    }
}

#[test]
fn readers_see_consistent_counts_while_ingesting() {
    let data = tmp();
    let inputs = tmp();
    let mut lines = String::new();
    for i in 0..120 {
        lines.push_str(&json!({"id": format!("c{i}"), "text": format!("خبر رقم {i} عن افتتاح مشروع جديد في المدينة.")}).to_string());
        lines.push('\n');
    }
    let p = write(inputs.path(), "c.jsonl", lines.as_bytes());
    let store = std::sync::Arc::new(SqliteStore::open(data.path()).unwrap());
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (store, done) = (store.clone(), done.clone());
        std::thread::spawn(move || {
            let mut last = 0;
            let mut polls = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                let s = store.stats().expect("stats while ingesting");
                assert!(s.articles >= last, "counts never go back");
                assert_eq!(s.articles % 10, 0, "whole batches only: {}", s.articles);
                last = s.articles;
                polls += 1;
            }
            polls
        })
    };
    let opts = IngestOptions {
        batch_size: 10,
        batch_interval: std::time::Duration::from_secs(600),
        ..quiet()
    };
    let s = store.ingest(&[p], &opts).unwrap();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(reader.join().unwrap() > 0);
    assert_eq!(s.new, 120);
}
