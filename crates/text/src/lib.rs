//! The Arabic text layer of marsad: decoding, normalisation, offset-preserving
//! tokenisation, sentence splitting, clitic segmentation, light stemming and numbers.
//!
//! Every span this crate returns is in **characters** (Unicode scalar values) of the
//! original text, end exclusive. Normalisation never moves offsets: it returns a map
//! from normalised characters back to original ones.
//!
//! Conventions for clitics (see [`segment`]): the definite article stays in
//! `base` and `base_span` (`الرئيس`); `bare` is the base without it. For `لل` + noun
//! only the preposition is outside `base_span` (`للجيش` → span of `لجيش`), and `base`
//! has the article restored (`الجيش`).
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
pub use normalize::{
    fold_char, fold_chars, normalize, normalize_into, normalize_word, Folding, Normalized,
};
pub use segment::{lexicon_form, segment, strip_article, word_frequency, Segmentation};
pub use sentence::split_sentences;
pub use span::Span;
pub use stem::light_stem;
pub use token::{for_each_token, tokenize, Token, TokenKind};

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
    /// Proclitics, base, enclitic, in normalised form (`["و", "ب", "روسيا"]`). The
    /// definite article is part of the base (`["و", "الجيش"]`).
    pub segments: Vec<String>,
    /// The normalised base without clitics (definite article kept; for `لل` + noun the
    /// article is restored: `للجيش` → `الجيش`).
    pub base: String,
    /// Span of the base (without clitics) in the original text (characters).
    pub base_span: Span,
    /// Light stem of the base.
    pub stem: String,
    /// Index of the sentence that holds the token.
    pub sentence: usize,
    /// The base without the definite article (`الجيش` → `جيش`).
    pub bare: String,
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
    let mut scratch = segment::Scratch::default();
    let mut si = 0;
    for t in &tokens {
        while si + 1 < sentences.len() && sentences[si].end <= t.span.start {
            si += 1;
        }
        let norm = normalize_word(t.text, Folding::MATCH);
        let seg = if t.kind == TokenKind::Word {
            segment::segment_with(&mut scratch, t.text)
        } else {
            Segmentation {
                proclitics: Vec::new(),
                base: norm.clone(),
                enclitic: None,
                prefix_chars: 0,
                suffix_chars: 0,
                bare: norm.clone(),
            }
        };
        let stem = if t.kind == TokenKind::Word {
            let mut st = String::with_capacity(seg.base.len());
            stem::stem_into(&seg.base, &mut st, false);
            st
        } else {
            norm.clone()
        };
        let base_span = Span::new(
            (t.span.start + seg.prefix_chars).min(t.span.end),
            t.span
                .end
                .saturating_sub(seg.suffix_chars)
                .max(t.span.start + seg.prefix_chars)
                .min(t.span.end),
        );
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
            bare: seg.bare,
        });
    }
    Analysis {
        tokens: out,
        sentences,
    }
}

/// A light view of one analysed token, borrowed from an [`Analyzer`]'s buffers.
#[derive(Debug, Clone, Copy)]
pub struct TokenView<'a> {
    /// The original token.
    pub token: &'a Token<'a>,
    /// Normalised form.
    pub norm: &'a str,
    /// Normalised base (see [`AnalyzedToken::base`]).
    pub base: &'a str,
    /// Light stem of the base.
    pub stem: &'a str,
    /// Span of the base in the original text.
    pub base_span: Span,
    /// Index of the sentence that holds the token.
    pub sentence: usize,
}

/// Per-word results cached by an [`Analyzer`].
#[derive(Debug)]
struct CachedWord {
    norm: Box<str>,
    base: Box<str>,
    stem: Box<str>,
    prefix_chars: usize,
    suffix_chars: usize,
}

/// Most word forms an [`Analyzer`] remembers before it starts over.
const WORD_CACHE_CAP: usize = 1 << 18;

/// A reusable analyser that does the work of [`analyze`] without allocating per
/// token: it calls back with borrowed views, and remembers the normalisation,
/// segmentation and stem of word forms it has seen. Use it for throughput-bound work.
#[derive(Default)]
pub struct Analyzer {
    scratch: segment::Scratch,
    norm: String,
    base: String,
    stem: String,
    cache: rustc_hash::FxHashMap<Box<str>, CachedWord>,
}

impl Analyzer {
    /// Makes an analyser.
    pub fn new() -> Analyzer {
        Analyzer::default()
    }

    fn word(&mut self, text: &str) -> &CachedWord {
        if !self.cache.contains_key(text) {
            if self.cache.len() >= WORD_CACHE_CAP {
                self.cache.clear();
            }
            self.norm.clear();
            normalize_into(text, Folding::MATCH, &mut self.norm);
            let plan = self.scratch.plan(text);
            self.base.clear();
            self.scratch.base_into(&plan, &mut self.base);
            self.stem.clear();
            stem::stem_into(&self.base, &mut self.stem, false);
            self.cache.insert(
                text.into(),
                CachedWord {
                    norm: self.norm.as_str().into(),
                    base: self.base.as_str().into(),
                    stem: self.stem.as_str().into(),
                    prefix_chars: plan.prefix_chars,
                    suffix_chars: plan.suffix_chars,
                },
            );
        }
        &self.cache[text]
    }

    /// Analyses `text`, calling `f` for each token in order; returns the sentence spans.
    pub fn run(&mut self, text: &str, mut f: impl FnMut(TokenView<'_>)) -> Vec<Span> {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let mut si = 0;
        for t in &tokens {
            while si + 1 < sentences.len() && sentences[si].end <= t.span.start {
                si += 1;
            }
            if t.kind == TokenKind::Word {
                let w = self.word(t.text);
                let base_span = Span::new(
                    (t.span.start + w.prefix_chars).min(t.span.end),
                    t.span
                        .end
                        .saturating_sub(w.suffix_chars)
                        .max(t.span.start + w.prefix_chars)
                        .min(t.span.end),
                );
                f(TokenView {
                    token: t,
                    norm: &w.norm,
                    base: &w.base,
                    stem: &w.stem,
                    base_span,
                    sentence: si,
                });
            } else {
                self.norm.clear();
                normalize_into(t.text, Folding::MATCH, &mut self.norm);
                f(TokenView {
                    token: t,
                    norm: &self.norm,
                    base: &self.norm,
                    stem: &self.norm,
                    base_span: t.span,
                    sentence: si,
                });
            }
        }
        sentences
    }
}
