//! Static assets compiled into the binary, served by exact name only (no file system
//! access, so no path traversal).

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::ApiError;

/// One embedded file.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

macro_rules! asset {
    ($name:literal, $ct:expr) => {
        Asset {
            name: $name,
            content_type: $ct,
            body: include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/", $name)),
        }
    };
}

const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

static ASSETS: &[Asset] = &[
    asset!("app.js", JS),
    asset!("style.css", CSS),
    asset!("icon.svg", "image/svg+xml"),
    asset!("vendor/leaflet/leaflet.js", JS),
    asset!("vendor/leaflet/leaflet.css", CSS),
    asset!("vendor/topojson-client/topojson-client.min.js", JS),
    asset!("vendor/world-atlas/countries-110m.json", "application/json"),
];

/// The embedded file with this exact name, as (content type, bytes).
pub fn get(name: &str) -> Option<(&'static str, &'static [u8])> {
    ASSETS
        .iter()
        .find(|a| a.name == name)
        .map(|a| (a.content_type, a.body))
}

/// `GET /assets/{*path}`.
pub async fn serve(Path(path): Path<String>) -> Response {
    match get(&path) {
        Some((ct, body)) => (
            [
                (header::CONTENT_TYPE, ct),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            body,
        )
            .into_response(),
        None => ApiError::not_found("no such asset").into_response(),
    }
}

/// `GET /favicon.ico`: the icon is declared in the pages; nothing here.
pub async fn favicon() -> StatusCode {
    StatusCode::NO_CONTENT
}

#[cfg(test)]
mod tests {
    #[test]
    fn content_types_match_names() {
        for a in super::ASSETS {
            if a.name.ends_with(".js") {
                assert_eq!(a.content_type, super::JS);
            }
            if a.name.ends_with(".css") {
                assert_eq!(a.content_type, super::CSS);
            }
            assert!(!a.body.is_empty(), "{} is empty", a.name);
        }
    }
}
