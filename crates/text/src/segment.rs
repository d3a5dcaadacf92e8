//! Clitic segmentation.

/// A word split into proclitics, base and enclitic.
#[derive(Debug, Clone, PartialEq)]
pub struct Segmentation {
    /// Proclitics in order (normalised), e.g. `["و", "ب"]`.
    pub proclitics: Vec<&'static str>,
    /// The normalised base.
    pub base: String,
    /// The pronoun enclitic, if any (normalised).
    pub enclitic: Option<&'static str>,
    /// Characters of the original word taken by the proclitics.
    pub prefix_chars: usize,
    /// Characters of the original word taken by the enclitic.
    pub suffix_chars: usize,
}

/// Segments one original word (placeholder: no segmentation).
pub fn segment(word: &str) -> Segmentation {
    Segmentation {
        proclitics: Vec::new(),
        base: crate::normalize_word(word, crate::Folding::MATCH),
        enclitic: None,
        prefix_chars: 0,
        suffix_chars: 0,
    }
}
