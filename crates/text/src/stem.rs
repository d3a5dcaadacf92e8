//! Light stemming for search.

/// Light stem of a normalised base (placeholder: identity).
pub fn light_stem(base: &str) -> String {
    base.to_string()
}
