//! marsad serve stage (HTTP API and web UI). Filled by the HTTP issue.
