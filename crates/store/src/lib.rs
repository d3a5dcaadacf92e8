//! marsad store stage (ingest, embedded store, search). Filled by the corpus issue.
