//! HTML pages. Each page is a fixed shell (no data is ever written into the HTML on
//! the server); `assets/app.js` fetches the API and builds the DOM with `textContent`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};

/// The Content-Security-Policy every page is served with: only this server's own
/// scripts, styles and data.
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; \
script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'";

/// Which page a shell is for; `app.js` reads it from `<body data-page>`.
#[derive(Debug, Clone, Copy)]
enum Page {
    Search,
    Article,
    Entity,
    Map,
    Timeline,
    NotFound,
}

impl Page {
    fn name(self) -> &'static str {
        match self {
            Page::Search => "search",
            Page::Article => "article",
            Page::Entity => "entity",
            Page::Map => "map",
            Page::Timeline => "timeline",
            Page::NotFound => "not-found",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Page::Search => "البحث",
            Page::Article => "مقال",
            Page::Entity => "كيان",
            Page::Map => "الخريطة",
            Page::Timeline => "الخط الزمني للأحداث",
            Page::NotFound => "غير موجود",
        }
    }
}

fn shell(page: Page) -> String {
    let map_head = if matches!(page, Page::Map) {
        "\n<link rel=\"stylesheet\" href=\"/assets/vendor/leaflet/leaflet.css\">"
    } else {
        ""
    };
    let map_scripts = if matches!(page, Page::Map) {
        "<script src=\"/assets/vendor/leaflet/leaflet.js\"></script>\n\
<script src=\"/assets/vendor/topojson-client/topojson-client.min.js\"></script>\n"
    } else {
        ""
    };
    format!(
        r#"<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · مرصد</title>
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/style.css">{map_head}
</head>
<body data-page="{name}">
<header class="topbar">
  <a class="brand" href="/"><span class="brand-ar">مرصد</span> <span class="brand-en" lang="en" dir="ltr">marsad</span></a>
  <nav>
    <a href="/" data-nav="search">البحث</a>
    <a href="/map" data-nav="map">الخريطة</a>
    <a href="/timeline" data-nav="timeline">الخط الزمني</a>
  </nav>
</header>
<main id="main" aria-live="polite"><p class="status">جارٍ التحميل…</p></main>
<footer class="footer" lang="en" dir="ltr">marsad · Arabic news to structured knowledge · <a href="/api/openapi.json">API</a></footer>
{map_scripts}<script src="/assets/app.js"></script>
</body>
</html>
"#,
        title = page.title(),
        name = page.name(),
    )
}

fn respond(status: StatusCode, page: Page) -> Response {
    let mut r = (status, Html(shell(page))).into_response();
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    r
}

/// `GET /`.
pub async fn search_page() -> Response {
    respond(StatusCode::OK, Page::Search)
}

/// `GET /article/{id}`.
pub async fn article_page() -> Response {
    respond(StatusCode::OK, Page::Article)
}

/// `GET /entity/{id}`.
pub async fn entity_page() -> Response {
    respond(StatusCode::OK, Page::Entity)
}

/// `GET /map`.
pub async fn map_page() -> Response {
    respond(StatusCode::OK, Page::Map)
}

/// `GET /timeline`.
pub async fn timeline_page() -> Response {
    respond(StatusCode::OK, Page::Timeline)
}

/// Anything else outside `/api/`.
pub async fn not_found() -> Response {
    respond(StatusCode::NOT_FOUND, Page::NotFound)
}
