//! Digits and number words.

/// Reads a string of ASCII, Arabic-Indic or Persian digits with optional separators.
pub fn parse_number(s: &str) -> Option<f64> {
    let t: String = s
        .chars()
        .filter_map(|c| crate::fold_char(c, crate::Folding::MATCH))
        .filter(|c| *c != ',')
        .collect();
    t.parse().ok()
}
