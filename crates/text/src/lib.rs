//! The Arabic text layer of marsad: decoding, normalisation, offset-preserving
//! tokenisation, sentence splitting, clitic segmentation, light stemming and numbers.
//!
//! Every span this crate returns is in **characters** (Unicode scalar values) of the
//! original text, end exclusive. Normalisation never moves offsets: it returns a map
//! from normalised characters back to original ones.
//!
//! ```
//! let analysis = marsad_text::analyze("قال بوتين: «سعداء». وروسيا 4.5%");
//! assert_eq!(analysis.sentences.len(), 2);
//! assert!(analysis.tokens.iter().any(|t| t.norm == "وروسيا"));
//! ```
#![deny(missing_docs)]

pub mod decode;
pub mod normalize;
pub mod numbers;
pub mod segment;
pub mod sentence;
pub mod span;
pub mod stem;
pub mod token;

pub use decode::{decode, DecodeError, Decoded};
pub use normalize::{fold_char, normalize, normalize_word, Folding, Normalized};
pub use segment::{segment, Segmentation};
pub use sentence::split_sentences;
pub use span::Span;
pub use stem::light_stem;
pub use token::{tokenize, Token, TokenKind};

/// A token with everything the extractors need: its normalised form, clitic
/// segmentation and stem, and the span of its base (the word without clitics).
#[derive(Debug, Clone, PartialEq)]
pub struct AnalyzedToken {
    /// Span of the whole token in the original text (characters).
    pub span: Span,
    /// Byte range of the whole token in the original text.
    pub bytes: std::ops::Range<usize>,
    /// What kind of token it is.
    pub kind: TokenKind,
    /// Normalised form (matching folding: diacritics, tatweel, alef, ya, ta marbuta).
    pub norm: String,
    /// Proclitics, base, enclitic, in normalised form (`["و", "ب", "روسيا"]`).
    pub segments: Vec<String>,
    /// The normalised base without clitics.
    pub base: String,
    /// Span of the base (without clitics) in the original text (characters).
    pub base_span: Span,
    /// Light stem of the base.
    pub stem: String,
    /// Index of the sentence that holds the token.
    pub sentence: usize,
}

/// The result of running the whole text layer over one text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Analysis {
    /// Tokens in text order.
    pub tokens: Vec<AnalyzedToken>,
    /// Sentence spans in text order.
    pub sentences: Vec<Span>,
}

/// Runs tokenisation, sentence splitting, normalisation, segmentation and stemming.
pub fn analyze(text: &str) -> Analysis {
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    let mut out = Vec::with_capacity(tokens.len());
    let mut si = 0;
    for t in &tokens {
        while si + 1 < sentences.len() && sentences[si].end <= t.span.start {
            si += 1;
        }
        let norm = normalize_word(t.text, Folding::MATCH);
        let seg = segment(t.text);
        let stem = light_stem(&seg.base);
        let base_span = Span::new(t.span.start + seg.prefix_chars, t.span.end - seg.suffix_chars);
        let mut segments: Vec<String> = seg.proclitics.iter().map(|s| s.to_string()).collect();
        segments.push(seg.base.clone());
        if let Some(e) = &seg.enclitic {
            segments.push(e.to_string());
        }
        out.push(AnalyzedToken {
            span: t.span,
            bytes: t.bytes.clone(),
            kind: t.kind,
            norm,
            segments,
            base: seg.base,
            base_span,
            stem,
            sentence: si,
        });
    }
    Analysis { tokens: out, sentences }
}
