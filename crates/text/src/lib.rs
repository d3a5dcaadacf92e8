//! The Arabic text layer of marsad: decoding, normalisation, offset-preserving
//! tokenisation, sentence splitting, clitic segmentation, light stemming and numbers.
//!
//! Every span this crate returns is in **characters** (Unicode scalar values) of the
//! original text, end exclusive. Normalisation never moves offsets: it returns a map
//! from normalised characters back to original ones.
//!
//! Conventions for clitics (see [`mod@segment`]): the definite article stays in
//! `base` and `base_span` (`الرئيس`); `bare` is the base without it. For `لل` + noun
//! only the preposition is outside `base_span` (`للجيش` → span of `لجيش`), and `base`
//! has the article restored (`الجيش`).
//!
//! Entry points: [`decode()`] (bytes → text), [`analyze`] (everything, owned
//! results), [`Analyzer`] (the same work with per-word caching and borrowed results,
//! for throughput), and the single steps [`normalize()`], [`tokenize`] /
//! [`for_each_token`], [`split_sentences`], [`segment()`], [`light_stem`].
//!
//! Data (word lexicon, clitic exceptions, abbreviations, presentation forms) lives in
//! `crates/text/data/` and is compiled in; see `data/README.md` for sources and
//! licences. Quality checks against the gold file: `examples/eval_sentences.rs` and
//! `examples/eval_clitics.rs`; throughput: `examples/bench_text.rs` or
//! `marsad bench text`; that a speed change keeps the output byte-identical:
//! `examples/dump_tokens.rs` (every field of every token, hashed before and after).
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
pub mod tsv;
pub mod words;

pub use decode::{decode, DecodeError, Decoded};
pub use normalize::{
    ends_in_nunation, fold_char, fold_chars, normalize, normalize_into, normalize_word, Folding,
    Normalized,
};
pub use segment::{lexicon_form, segment, strip_article, word_frequency, Segmentation};
pub use sentence::split_sentences;
pub use span::Span;
pub use stem::light_stem;
pub use token::{for_each_token, tokenize, Token, TokenKind};
pub use words::{Clitics, WordForm, WordTable};

/// Short strings stored inline (no heap allocation up to 24 bytes): the type of the
/// per-token strings of [`AnalyzedToken`].
pub use compact_str::CompactString;

/// The segments of one token (proclitics, base, enclitic), borrowed from it: see
/// [`AnalyzedToken::segments`].
pub type Segments<'a> = smallvec::SmallVec<[&'a str; 4]>;

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
    pub norm: CompactString,
    /// The clitics around the base; with it, the token's segments (see
    /// [`AnalyzedToken::segments`]).
    pub clitics: Clitics,
    /// The normalised base without clitics (definite article kept; for `لل` + noun the
    /// article is restored: `للجيش` → `الجيش`).
    pub base: CompactString,
    /// Span of the base (without clitics) in the original text (characters).
    pub base_span: Span,
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

impl AnalyzedToken {
    /// Proclitics, base, enclitic, in normalised form (`["و", "ب", "روسيا"]`). The
    /// definite article is part of the base (`["و", "الجيش"]`).
    pub fn segments(&self) -> Segments<'_> {
        let mut out: Segments<'_> = Segments::new();
        for p in self.clitics.proclitics() {
            out.push(p);
        }
        out.push(self.base.as_str());
        if let Some(e) = self.clitics.enclitic() {
            out.push(e);
        }
        out
    }

    /// Light stem of the base (computed on each call: no extractor reads it, so the
    /// token does not carry it; [`Analyzer`] gives it from its word table).
    pub fn stem(&self) -> String {
        if self.kind == TokenKind::Word {
            let mut out = String::with_capacity(self.base.len());
            stem::stem_into(&self.base, &mut out, false);
            out
        } else {
            self.norm.to_string()
        }
    }

    /// The first of [`AnalyzedToken::segments`] (the first proclitic, else the base),
    /// without building the list.
    pub fn first_segment(&self) -> &str {
        self.clitics.proclitics().next().unwrap_or(&self.base)
    }

    /// The base without the definite article (`الجيش` → `جيش`; see
    /// [`strip_article`]); a token that is not a word is its own bare form.
    pub fn bare(&self) -> &str {
        if self.kind == TokenKind::Word {
            strip_article(&self.base)
        } else {
            &self.base
        }
    }
}

/// Builds the owned token for a word form (from the [`WordTable`] or computed afresh).
fn owned_token(t: &Token<'_>, w: &WordForm<'_>, sentence: usize) -> AnalyzedToken {
    let base_span = base_span_of(t.span, w.prefix_chars, w.suffix_chars);
    let norm = CompactString::new(w.norm);
    // A word without clitics has its norm for base, stored once in the table: the same
    // bytes, so the string just built is copied rather than built again.
    let base = if std::ptr::eq(w.base, w.norm) {
        norm.clone()
    } else {
        CompactString::new(w.base)
    };
    AnalyzedToken {
        span: t.span,
        bytes: t.bytes.clone(),
        kind: t.kind,
        norm,
        clitics: w.clitics(),
        base,
        base_span,
        sentence,
    }
}

/// The span of a token's base given the characters its clitics take.
fn base_span_of(span: Span, prefix_chars: usize, suffix_chars: usize) -> Span {
    Span::new(
        (span.start + prefix_chars).min(span.end),
        span.end
            .saturating_sub(suffix_chars)
            .max(span.start + prefix_chars)
            .min(span.end),
    )
}

/// A non-word token (number, punctuation, Latin…): its normalised form stands for
/// base, stem and its only segment. `buf` is room to normalise in (the form is then
/// stored inline: no allocation for short tokens).
fn other_token(t: &Token<'_>, sentence: usize, buf: &mut String) -> AnalyzedToken {
    buf.clear();
    normalize_into(t.text, Folding::MATCH, buf);
    let norm = CompactString::new(buf.as_str());
    AnalyzedToken {
        span: t.span,
        bytes: t.bytes.clone(),
        kind: t.kind,
        clitics: Clitics::NONE,
        base: norm.clone(),
        base_span: t.span,
        sentence,
        norm,
    }
}

/// A word too long for the [`WordTable`], analysed on its own.
fn long_word_token(t: &Token<'_>, sentence: usize) -> AnalyzedToken {
    let seg = segment::segment(t.text);
    let norm = normalize_word(t.text, Folding::MATCH);
    let base = CompactString::from(seg.base.as_str());
    let clitics = Clitics::of(&seg.proclitics, seg.enclitic);
    AnalyzedToken {
        span: t.span,
        bytes: t.bytes.clone(),
        kind: t.kind,
        norm: norm.into(),
        clitics,
        base,
        base_span: base_span_of(t.span, seg.prefix_chars, seg.suffix_chars),
        sentence,
    }
}

/// How many tokens ahead the [`WordTable`] bucket of a word is prefetched.
const PREFETCH_AHEAD: usize = 16;

/// How many tokens ahead a word that is new to the [`WordTable`] has its lexicon
/// entries prefetched (its bucket, prefetched earlier, says whether it is new).
const PREFETCH_NEW_AHEAD: usize = 4;

/// Prefetches for the tokens after token `i`: the [`WordTable`] bucket of the word
/// [`PREFETCH_AHEAD`] tokens on, and the lexicon entries the segmenter will want for
/// the word [`PREFETCH_NEW_AHEAD`] tokens on if that word is new.
#[inline]
fn prefetch(table: &WordTable, tokens: &[Token<'_>], hashes: &[u64], i: usize) {
    if let Some(&h) = hashes.get(i + PREFETCH_AHEAD).filter(|&&h| h != 0) {
        table.prefetch(h);
    }
    if let Some(&h) = hashes.get(i + PREFETCH_NEW_AHEAD).filter(|&&h| h != 0) {
        if table.surely_absent(h) {
            if let Some(t) = tokens.get(i + PREFETCH_NEW_AHEAD) {
                segment::prefetch_frequencies(t.text, h);
            }
        }
    }
}

/// Tokenises `text`, putting the [`WordTable`] hash of every token in `hashes` (0 for
/// non-words, which are not looked up) while each token is at hand.
fn tokenize_hashed<'a>(text: &'a str, hashes: &mut Vec<u64>) -> Vec<Token<'a>> {
    let mut tokens = Vec::with_capacity(text.len() / 6 + 1);
    hashes.clear();
    hashes.reserve(tokens.capacity());
    for_each_token(text, |t| {
        hashes.push(if t.kind == TokenKind::Word {
            WordTable::hash(t.text)
        } else {
            0
        });
        tokens.push(t);
    });
    tokens
}

thread_local! {
    // Without stems: the owned tokens of `analyze` do not carry one.
    static WORD_TABLE: std::cell::RefCell<WordTable> =
        std::cell::RefCell::new(WordTable::without_stems());
}

/// Runs tokenisation, sentence splitting, normalisation, segmentation and stemming.
///
/// Word forms are analysed once per thread and remembered (a bounded [`WordTable`]),
/// so the result is the same as analysing every token afresh, only faster.
pub fn analyze(text: &str) -> Analysis {
    let mut hashes = Vec::new();
    let tokens = tokenize_hashed(text, &mut hashes);
    let sentences = split_sentences(text, &tokens);
    let mut out = Vec::with_capacity(tokens.len());
    WORD_TABLE.with(|table| {
        let mut fresh = None;
        let mut table = match table.try_borrow_mut() {
            Ok(t) => t,
            // Re-entered from inside a call on this thread: work with a fresh table.
            Err(_) => fresh
                .insert(std::cell::RefCell::new(WordTable::without_stems()))
                .borrow_mut(),
        };
        let mut si = 0;
        let mut norm = String::new();
        for (i, t) in tokens.iter().enumerate() {
            while si + 1 < sentences.len() && sentences[si].end <= t.span.start {
                si += 1;
            }
            prefetch(&table, &tokens, &hashes, i);
            out.push(if t.kind != TokenKind::Word {
                other_token(t, si, &mut norm)
            } else {
                match table.get_hashed(t.text, hashes[i]) {
                    Some(w) => owned_token(t, &w, si),
                    None => long_word_token(t, si),
                }
            });
        }
    });
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

/// A reusable analyser that does the work of [`analyze`] without building owned
/// tokens: it calls back with borrowed views and keeps its own [`WordTable`]. Use it
/// for throughput-bound work that only reads each token once.
#[derive(Default)]
pub struct Analyzer {
    table: WordTable,
    norm: String,
    long: Option<AnalyzedToken>,
    /// The stem of `long`.
    long_stem: String,
    /// [`WordTable`] hashes of the tokens of the current text.
    hashes: Vec<u64>,
}

impl Analyzer {
    /// Makes an analyser.
    pub fn new() -> Analyzer {
        Analyzer::default()
    }

    /// Analyses `text`, calling `f` for each token in order; returns the sentence spans.
    pub fn run(&mut self, text: &str, mut f: impl FnMut(TokenView<'_>)) -> Vec<Span> {
        let tokens = tokenize_hashed(text, &mut self.hashes);
        let sentences = split_sentences(text, &tokens);
        let mut si = 0;
        for (i, t) in tokens.iter().enumerate() {
            while si + 1 < sentences.len() && sentences[si].end <= t.span.start {
                si += 1;
            }
            prefetch(&self.table, &tokens, &self.hashes, i);
            if t.kind == TokenKind::Word {
                if let Some(w) = self.table.get_hashed(t.text, self.hashes[i]) {
                    f(TokenView {
                        token: t,
                        norm: w.norm,
                        base: w.base,
                        stem: w.stem,
                        base_span: base_span_of(t.span, w.prefix_chars, w.suffix_chars),
                        sentence: si,
                    });
                    continue;
                }
                let long = self.long.insert(long_word_token(t, si));
                self.long_stem = long.stem();
                f(TokenView {
                    token: t,
                    norm: &long.norm,
                    base: &long.base,
                    stem: &self.long_stem,
                    base_span: long.base_span,
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
