//! The Arabic search analyzer (`marsad_ar`), built on the text layer.
//!
//! Each token of [`marsad_text::tokenize`] becomes one search term:
//! - Arabic words: search-folded (diacritics, tatweel, alef forms, ya, ta marbuta and hamza
//!   seats never matter), clitics removed with [`marsad_text::segment`] and light-stemmed
//!   ([`marsad_text::light_stem`]) in [`Mode::Stem`]; only folded in [`Mode::Norm`].
//! - Latin words: lower-cased. Numbers: digits folded to ASCII.
//! - Punctuation, symbols and URLs: dropped.
//!
//! Offsets are **byte** offsets into the text given to the tokenizer, as tantivy's
//! snippet generator needs. In stem mode the offsets cover the word without its clitics.

use marsad_text::{normalize_word, Folding, TokenKind};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Name of the stemming analyzer registered on every index.
pub const STEM_ANALYZER: &str = "marsad_ar";
/// Name of the normalising (unstemmed) analyzer.
pub const NORM_ANALYZER: &str = "marsad_ar_norm";

/// Longest term indexed, bytes; longer tokens (base64 blobs, runs of letters) are dropped.
const MAX_TERM_BYTES: usize = 120;

/// What the analyzer emits for Arabic words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Folded, clitics removed, light-stemmed.
    Stem,
    /// Folded whole word.
    Norm,
}

/// The tantivy tokenizer over the text layer.
#[derive(Debug, Clone, Copy)]
pub struct ArabicTokenizer {
    mode: Mode,
}

impl ArabicTokenizer {
    /// A tokenizer in the given mode.
    pub fn new(mode: Mode) -> ArabicTokenizer {
        ArabicTokenizer { mode }
    }
}

/// Byte length of the first `n` characters of `s` (all of `s` if shorter).
fn byte_len_of_chars(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map(|(b, _)| b).unwrap_or(s.len())
}

/// Search terms of a text with their byte ranges: the analyzer without tantivy.
pub fn terms(text: &str, mode: Mode) -> Vec<Token> {
    let mut out = Vec::new();
    for t in marsad_text::tokenize(text) {
        let (term, from, to) = match t.kind {
            TokenKind::Punct | TokenKind::Symbol | TokenKind::Url => continue,
            TokenKind::Latin => (t.text.to_lowercase(), t.bytes.start, t.bytes.end),
            TokenKind::Number => (
                normalize_word(t.text, Folding::SEARCH),
                t.bytes.start,
                t.bytes.end,
            ),
            TokenKind::Word => {
                let norm = normalize_word(t.text, Folding::SEARCH);
                match mode {
                    Mode::Norm => (norm, t.bytes.start, t.bytes.end),
                    Mode::Stem => {
                        let seg = marsad_text::segment(t.text);
                        let stem =
                            normalize_word(&marsad_text::light_stem(&seg.base), Folding::SEARCH);
                        let chars = t.text.chars().count();
                        let keep = chars.saturating_sub(seg.prefix_chars + seg.suffix_chars);
                        if stem.is_empty() || keep == 0 {
                            (norm, t.bytes.start, t.bytes.end)
                        } else {
                            let from = byte_len_of_chars(t.text, seg.prefix_chars);
                            let to = byte_len_of_chars(t.text, seg.prefix_chars + keep);
                            (stem, t.bytes.start + from, t.bytes.start + to)
                        }
                    }
                }
            }
        };
        if term.is_empty() || term.len() > MAX_TERM_BYTES {
            continue;
        }
        let position = out.len();
        out.push(Token {
            offset_from: from,
            offset_to: to,
            position,
            text: term,
            position_length: 1,
        });
    }
    out
}

/// Token stream over precomputed terms.
pub struct ArabicTokenStream {
    tokens: Vec<Token>,
    next: usize,
    current: Token,
}

impl TokenStream for ArabicTokenStream {
    fn advance(&mut self) -> bool {
        match self.tokens.get_mut(self.next) {
            Some(t) => {
                self.current = std::mem::take(t);
                self.next += 1;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

impl Tokenizer for ArabicTokenizer {
    type TokenStream<'a> = ArabicTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicTokenStream {
        ArabicTokenStream {
            tokens: terms(text, self.mode),
            next: 0,
            current: Token::default(),
        }
    }
}

/// Registers both analyzers on an index.
pub fn register(index: &tantivy::Index) {
    let m = index.tokenizers();
    m.register(STEM_ANALYZER, ArabicTokenizer::new(Mode::Stem));
    m.register(NORM_ANALYZER, ArabicTokenizer::new(Mode::Norm));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str, mode: Mode) -> Vec<String> {
        terms(s, mode).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn diacritics_and_alef_forms_do_not_matter() {
        assert_eq!(texts("إِسْلَام", Mode::Norm), texts("اسلام", Mode::Norm));
        assert_eq!(texts("أحمد", Mode::Stem), texts("احمد", Mode::Stem));
    }

    #[test]
    fn offsets_are_bytes_into_the_text() {
        let text = "قال Putin إن 12 دولة";
        for t in terms(text, Mode::Stem) {
            assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
            assert!(t.offset_from < t.offset_to && t.offset_to <= text.len());
        }
        assert!(texts(text, Mode::Stem).contains(&"putin".to_string()));
    }

    #[test]
    fn punctuation_is_dropped() {
        assert!(texts("«»،.!", Mode::Stem).is_empty());
    }
}
