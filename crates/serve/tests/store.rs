//! The router over the real store (SQLite + tantivy) in a temporary data directory,
//! filled through `POST /api/ingest` with the fixture articles.

use std::path::PathBuf;
use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use axum::Router;
use marsad_extract::Extractor;
use marsad_serve::{router, store, AppState};
use serde_json::Value;
use tower::ServiceExt;

const FIXTURE: &str = include_str!("fixtures/articles.jsonl");

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(name: &str) -> TempDir {
    let p = std::env::temp_dir().join(format!("marsad-serve-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    TempDir(p)
}

async fn call(app: &Router, req: Request<Body>) -> (StatusCode, Value) {
    let res = app.clone().oneshot(req).await.expect("router answers");
    let status = res.status();
    let body = to_bytes(res.into_body(), 16 << 20).await.expect("body");
    let v = serde_json::from_slice(&body).unwrap_or(Value::Null);
    (status, v)
}

async fn get(app: &Router, uri: &str) -> (StatusCode, Value) {
    call(app, Request::get(uri).body(Body::empty()).expect("request")).await
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~:".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn read_only_server_needs_an_existing_store() {
    let dir = temp_dir("missing");
    let ex = Arc::new(Extractor::bundled().expect("bundled"));
    assert!(store::open(&dir.0, false, ex).is_err());
    assert!(
        !dir.0.exists(),
        "a read-only open must not create the directory"
    );
}

#[tokio::test]
async fn store_backed_api_answers_after_ingest() {
    let dir = temp_dir("ingest");
    let ex = Arc::new(Extractor::bundled().expect("bundled"));
    let corpus = store::open(&dir.0, true, Arc::clone(&ex)).expect("store opens");
    let app = router(AppState {
        corpus: Arc::new(corpus),
        extractor: ex,
        allow_ingest: true,
    });

    let req = Request::post("/api/ingest")
        .header(header::CONTENT_TYPE, "application/x-ndjson")
        .body(Body::from(FIXTURE))
        .expect("request");
    let (status, v) = call(&app, req).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["ingested"], 6);

    let (status, v) = get(&app, &format!("/api/search?q={}", enc("بوتين"))).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let ids: Vec<&str> = v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|h| h["id"].as_str())
        .collect();
    assert!(ids.contains(&"t-001"), "{ids:?}");
    assert!(!ids.contains(&"t-004"), "{ids:?}");
    let hit = &v["hits"][0]["snippet"];
    let text: Vec<char> = hit["text"].as_str().expect("text").chars().collect();
    for h in hit["highlights"].as_array().expect("highlights") {
        let (s, e) = (
            h[0].as_u64().expect("s") as usize,
            h[1].as_u64().expect("e") as usize,
        );
        assert!(s < e && e <= text.len());
    }
    assert!(v["facets"]["entities"]
        .as_array()
        .is_some_and(|a| !a.is_empty()));

    let (status, v) = get(&app, "/api/search?source=wire-c").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["total"], 2);

    let (status, doc) = get(&app, "/api/articles/t-005").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["schema"], "marsad.document/1");
    assert!(doc["text"].as_str().is_some_and(|t| t.contains("<script>")));

    let first = doc["entities"][0]["id"]
        .as_str()
        .expect("an entity")
        .to_string();
    let (status, v) = get(&app, &format!("/api/entities/{}", enc(&first))).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["id"], first.as_str());
    assert!(v["articles"].as_u64().is_some_and(|n| n >= 1));

    let (status, v) = get(&app, &format!("/api/graph?entity={}", enc(&first))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["nodes"][0]["id"], first.as_str());

    for uri in [
        "/api/graph",
        "/api/timeline",
        "/api/quotes",
        "/api/events",
        "/api/places.geojson",
    ] {
        let (status, v) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {v}");
    }
    let (_, v) = get(&app, "/api/graph?limit=5").await;
    assert!(v["nodes"]
        .as_array()
        .is_some_and(|n| !n.is_empty() && n.len() <= 5));

    let (status, _) = get(&app, "/api/articles/absent").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, v) = get(&app, "/api/search?from=2025-99").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
}
