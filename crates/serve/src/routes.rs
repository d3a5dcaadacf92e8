//! The axum router: API handlers, pages, assets and the request limits.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, Query, Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use marsad_extract::{Document, Extractor, Source};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::corpus::*;
use crate::{assets, pages, ApiError};

/// Largest request body accepted (analyze and ingest).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
/// Largest query string accepted.
pub const MAX_QUERY_BYTES: usize = 2048;
/// Largest text a search query may hold, in characters.
pub const MAX_SEARCH_CHARS: usize = 256;
/// Largest co-occurrence graph answered.
pub const MAX_GRAPH_NODES: usize = 60;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The corpus answered from.
    pub corpus: Arc<dyn Corpus>,
    /// The extractor used by `/api/analyze` and `/api/ingest`.
    pub extractor: Arc<Extractor>,
    /// Whether `POST /api/ingest` is enabled.
    pub allow_ingest: bool,
}

/// Query parameters, rejected as `ApiError` (400) when malformed.
struct ApiQuery<T>(T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        Query::<T>::try_from_uri(&parts.uri)
            .map(|Query(t)| ApiQuery(t))
            .map_err(ApiError::from)
    }
}

/// Builds the whole application: API, pages and assets, with limits and headers.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/search", get(search))
        .route("/articles/{id}", get(article))
        .route("/entities/{id}", get(entity))
        .route("/quotes", get(quotes))
        .route("/events", get(events))
        .route("/timeline", get(timeline))
        .route("/graph", get(graph))
        .route("/places.geojson", get(places))
        .route("/analyze", post(analyze))
        .route("/ingest", post(ingest))
        .route("/openapi.json", get(openapi))
        .fallback(api_not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES));
    Router::new()
        .route("/", get(pages::search_page))
        .route("/article/{id}", get(pages::article_page))
        .route("/entity/{id}", get(pages::entity_page))
        .route("/map", get(pages::map_page))
        .route("/timeline", get(pages::timeline_page))
        .route("/assets/{*path}", get(assets::serve))
        .route("/favicon.ico", get(assets::favicon))
        .nest("/api", api)
        .fallback(pages::not_found)
        .layer(middleware::from_fn(limit_query))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .with_state(state)
}

/// Rejects long query strings (414) and methods other than GET/HEAD/POST (405).
async fn limit_query(req: Request, next: Next) -> Response {
    if req.uri().query().is_some_and(|q| q.len() > MAX_QUERY_BYTES) {
        return ApiError::new(StatusCode::URI_TOO_LONG, "query string too long").into_response();
    }
    if req.uri().path().len() > MAX_QUERY_BYTES {
        return ApiError::new(StatusCode::URI_TOO_LONG, "path too long").into_response();
    }
    if ![Method::GET, Method::HEAD, Method::POST].contains(req.method()) {
        return ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "method not allowed").into_response();
    }
    next.run(req).await
}

async fn api_not_found() -> ApiError {
    ApiError::not_found("no such endpoint")
}

/// Runs a corpus call on a blocking thread.
async fn blocking<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&dyn Corpus) -> Result<T, crate::Error> + Send + 'static,
{
    let corpus = Arc::clone(&state.corpus);
    let r = tokio::task::spawn_blocking(move || f(corpus.as_ref())).await?;
    r.map_err(ApiError::from)
}

/// Checks a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date parameter.
fn check_date(name: &str, v: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(v) = v.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let b = v.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let num = |r: std::ops::Range<usize>| v.get(r).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
    let ok = match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7) && (1..=12).contains(&num(5..7)),
        10 => {
            digits(0..4)
                && b[4] == b'-'
                && digits(5..7)
                && b[7] == b'-'
                && digits(8..10)
                && (1..=12).contains(&num(5..7))
                && (1..=31).contains(&num(8..10))
        }
        _ => false,
    };
    if ok {
        Ok(Some(v))
    } else {
        Err(ApiError::bad_request(format!(
            "`{name}` must be YYYY, YYYY-MM or YYYY-MM-DD"
        )))
    }
}

/// Empty strings count as absent.
fn opt(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

#[derive(Deserialize)]
struct SearchParams {
    q: Option<String>,
    entity: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    source: Option<String>,
    from: Option<String>,
    to: Option<String>,
    page: Option<usize>,
    limit: Option<usize>,
}

async fn search(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<SearchParams>,
) -> Result<Json<SearchResults>, ApiError> {
    let q = p.q.unwrap_or_default();
    if q.chars().count() > MAX_SEARCH_CHARS {
        return Err(ApiError::bad_request(format!(
            "`q` is longer than {MAX_SEARCH_CHARS} characters"
        )));
    }
    let query = SearchQuery {
        q: q.trim().to_string(),
        entity: opt(p.entity),
        kind: opt(p.kind).map(|k| k.to_ascii_uppercase()),
        source: opt(p.source),
        from: check_date("from", p.from)?,
        to: check_date("to", p.to)?,
        paging: Paging::new(p.page, p.limit),
    };
    Ok(Json(blocking(&state, move |c| c.search(&query)).await?))
}

async fn article(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Document>, ApiError> {
    let key = id.clone();
    blocking(&state, move |c| c.article(&key))
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no article `{id}`")))
}

async fn entity(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<EntityProfile>, ApiError> {
    let key = id.clone();
    blocking(&state, move |c| c.entity(&key))
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no entity `{id}`")))
}

#[derive(Deserialize)]
struct QuoteParams {
    speaker: Option<String>,
    page: Option<usize>,
    limit: Option<usize>,
}

async fn quotes(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<QuoteParams>,
) -> Result<Json<Page<QuoteHit>>, ApiError> {
    let q = QuoteQuery {
        speaker: opt(p.speaker),
        paging: Paging::new(p.page, p.limit),
    };
    Ok(Json(blocking(&state, move |c| c.quotes(&q)).await?))
}

#[derive(Deserialize)]
struct EventParams {
    #[serde(rename = "type")]
    kind: Option<String>,
    actor: Option<String>,
    from: Option<String>,
    to: Option<String>,
    page: Option<usize>,
    limit: Option<usize>,
}

async fn events(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<EventParams>,
) -> Result<Json<Page<EventHit>>, ApiError> {
    let q = EventQuery {
        kind: opt(p.kind).map(|k| k.to_ascii_uppercase()),
        actor: opt(p.actor),
        from: check_date("from", p.from)?,
        to: check_date("to", p.to)?,
        paging: Paging::new(p.page, p.limit),
    };
    Ok(Json(blocking(&state, move |c| c.events(&q)).await?))
}

#[derive(Deserialize)]
struct EntityParam {
    entity: Option<String>,
    limit: Option<usize>,
}

async fn timeline(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<EntityParam>,
) -> Result<Json<Timeline>, ApiError> {
    let e = opt(p.entity);
    Ok(Json(
        blocking(&state, move |c| c.timeline(e.as_deref())).await?,
    ))
}

async fn graph(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<EntityParam>,
) -> Result<Json<Graph>, ApiError> {
    let e = opt(p.entity);
    let n = p.limit.unwrap_or(30).clamp(1, MAX_GRAPH_NODES);
    Ok(Json(
        blocking(&state, move |c| c.graph(e.as_deref(), n)).await?,
    ))
}

async fn places(State(state): State<AppState>) -> Result<Response, ApiError> {
    let places = blocking(&state, |c| c.places()).await?;
    let features: Vec<serde_json::Value> = places
        .into_iter()
        .map(|p| {
            serde_json::json!({
                "type": "Feature",
                "id": p.id,
                "geometry": {"type": "Point", "coordinates": [p.geo.lon, p.geo.lat]},
                "properties": {
                    "id": p.id,
                    "type": p.kind,
                    "name_ar": p.name_ar,
                    "name_en": p.name_en,
                    "mentions": p.mentions,
                    "articles": p.articles,
                },
            })
        })
        .collect();
    let body = serde_json::json!({"type": "FeatureCollection", "features": features});
    Ok((
        [(header::CONTENT_TYPE, "application/geo+json")],
        body.to_string(),
    )
        .into_response())
}

#[derive(Deserialize)]
struct AnalyzeBody {
    text: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

fn media_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or("text/plain")
        .trim()
        .to_ascii_lowercase()
}

fn parse_analyze_body(headers: &HeaderMap, body: &[u8]) -> Result<AnalyzeBody, ApiError> {
    match media_type(headers).as_str() {
        "application/json" => serde_json::from_slice::<AnalyzeBody>(body)
            .map_err(|e| ApiError::bad_request(format!("invalid JSON body: {e}"))),
        "text/plain" => {
            let text = std::str::from_utf8(body)
                .map_err(|_| ApiError::bad_request("body is not UTF-8"))?;
            Ok(AnalyzeBody {
                text: text.to_string(),
                published: None,
                title: None,
                id: None,
                source: None,
            })
        }
        other => Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("unsupported content type `{other}`; send application/json or text/plain"),
        )),
    }
}

fn source_of(b: AnalyzeBody, default_source: &str) -> Result<(String, Source), ApiError> {
    let published = check_date("published", b.published)?;
    Ok((
        b.text,
        Source {
            id: opt(b.id),
            source: opt(b.source).unwrap_or_else(|| default_source.to_string()),
            title: opt(b.title),
            published,
            with_tokens: false,
        },
    ))
}

async fn analyze(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Document>, ApiError> {
    let body = body?;
    let (text, src) = source_of(parse_analyze_body(&headers, &body)?, "api")?;
    let ex = Arc::clone(&state.extractor);
    let doc = tokio::task::spawn_blocking(move || ex.analyze(&text, &src)).await?;
    Ok(Json(doc))
}

async fn ingest(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    if !state.allow_ingest {
        return Err(ApiError::forbidden(
            "ingest is disabled; start the server with --allow-ingest",
        ));
    }
    let body = body?;
    let mut items = Vec::new();
    if media_type(&headers) == "text/plain" {
        let b = parse_analyze_body(&headers, &body)?;
        items.push(source_of(b, "api")?);
    } else if let Ok(one) = serde_json::from_slice::<AnalyzeBody>(&body) {
        items.push(source_of(one, "api")?);
    } else {
        // JSON lines (application/x-ndjson), one article per line.
        let text =
            std::str::from_utf8(&body).map_err(|_| ApiError::bad_request("body is not UTF-8"))?;
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let b: AnalyzeBody = serde_json::from_str(line)
                .map_err(|e| ApiError::bad_request(format!("line {}: {e}", i + 1)))?;
            items.push(source_of(b, "api")?);
        }
    }
    let ex = Arc::clone(&state.extractor);
    let docs: Vec<Document> = tokio::task::spawn_blocking(move || {
        items
            .into_iter()
            .map(|(text, src)| ex.analyze(&text, &src))
            .collect()
    })
    .await?;
    let ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
    let n = blocking(&state, move |c| c.ingest(docs)).await?;
    Ok(Json(serde_json::json!({"ingested": n, "ids": ids})))
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::OPENAPI_JSON,
    )
        .into_response()
}
