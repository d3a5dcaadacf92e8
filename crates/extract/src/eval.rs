//! Entity-level NER evaluation over CoNLL files (placeholder).
