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
//! `marsad bench text`.
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

/// What the text layer works out for one word form: the same for every occurrence, so
/// [`analyze`] computes it once per form and remembers it (see [`WordCache`]).
#[derive(Debug, Clone)]
struct WordAnalysis {
    norm: String,
    seg: Segmentation,
    stem: String,
}

impl WordAnalysis {
    fn of_word(scratch: &mut segment::Scratch, text: &str) -> WordAnalysis {
        let norm = normalize_word(text, Folding::MATCH);
        let seg = segment::segment_with(scratch, text);
        let mut stem = String::with_capacity(seg.base.len());
        stem::stem_into(&seg.base, &mut stem, false);
        WordAnalysis { norm, seg, stem }
    }

    fn of_other(text: &str) -> WordAnalysis {
        let norm = normalize_word(text, Folding::MATCH);
        WordAnalysis {
            seg: Segmentation {
                proclitics: Vec::new(),
                base: norm.clone(),
                enclitic: None,
                prefix_chars: 0,
                suffix_chars: 0,
                bare: norm.clone(),
            },
            stem: norm.clone(),
            norm,
        }
    }

    fn token(&self, t: &Token<'_>, sentence: usize) -> AnalyzedToken {
        let seg = &self.seg;
        let base_span = Span::new(
            (t.span.start + seg.prefix_chars).min(t.span.end),
            t.span
                .end
                .saturating_sub(seg.suffix_chars)
                .max(t.span.start + seg.prefix_chars)
                .min(t.span.end),
        );
        let mut segments = Vec::with_capacity(seg.proclitics.len() + 2);
        segments.extend(seg.proclitics.iter().map(|s| s.to_string()));
        segments.push(seg.base.clone());
        if let Some(e) = seg.enclitic {
            segments.push(e.to_string());
        }
        AnalyzedToken {
            span: t.span,
            bytes: t.bytes.clone(),
            kind: t.kind,
            norm: self.norm.clone(),
            segments,
            base: seg.base.clone(),
            base_span,
            stem: self.stem.clone(),
            sentence,
            bare: seg.bare.clone(),
        }
    }
}

/// Word forms [`analyze`] remembers per thread before it starts over.
const ANALYSIS_CACHE_CAP: usize = 1 << 17;

/// The per-thread memory of [`analyze`]: word form → its [`WordAnalysis`]. News repeats
/// its vocabulary, so most tokens are a lookup instead of a segmentation.
#[derive(Default)]
struct WordCache {
    scratch: segment::Scratch,
    index: rustc_hash::FxHashMap<Box<str>, u32>,
    words: Vec<WordAnalysis>,
}

impl WordCache {
    fn get(&mut self, text: &str) -> &WordAnalysis {
        let i = match self.index.get(text) {
            Some(&i) => i as usize,
            None => {
                if self.words.len() >= ANALYSIS_CACHE_CAP {
                    self.index.clear();
                    self.words.clear();
                }
                self.words
                    .push(WordAnalysis::of_word(&mut self.scratch, text));
                self.index
                    .insert(text.into(), (self.words.len() - 1) as u32);
                self.words.len() - 1
            }
        };
        &self.words[i]
    }
}

thread_local! {
    static WORD_CACHE: std::cell::RefCell<WordCache> = std::cell::RefCell::new(WordCache::default());
}

/// Runs tokenisation, sentence splitting, normalisation, segmentation and stemming.
///
/// Word forms are analysed once per thread and remembered (a bounded cache), so the
/// result is the same as analysing every token afresh, only faster.
pub fn analyze(text: &str) -> Analysis {
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    let mut out = Vec::with_capacity(tokens.len());
    WORD_CACHE.with(|cache| {
        let mut fresh = None;
        let mut cache = match cache.try_borrow_mut() {
            Ok(c) => c,
            // Re-entered from inside a cached call: work without the cache.
            Err(_) => fresh
                .insert(std::cell::RefCell::new(WordCache::default()))
                .borrow_mut(),
        };
        let mut si = 0;
        for t in &tokens {
            while si + 1 < sentences.len() && sentences[si].end <= t.span.start {
                si += 1;
            }
            if t.kind == TokenKind::Word {
                out.push(cache.get(t.text).token(t, si));
            } else {
                out.push(WordAnalysis::of_other(t.text).token(t, si));
            }
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

/// Per-word results cached by an [`Analyzer`]: ranges into its string arena.
#[derive(Debug, Clone, Copy)]
struct CachedWord {
    norm: (u32, u32),
    base: (u32, u32),
    stem: (u32, u32),
    prefix_chars: u32,
    suffix_chars: u32,
}

/// Most word forms an [`Analyzer`] remembers before it starts over.
const WORD_CACHE_CAP: usize = 1 << 18;
/// Slots of the small direct-mapped cache in front of the word map.
const HOT_SLOTS: usize = 1 << 13;
/// Longest word (bytes) the direct-mapped cache holds.
const HOT_KEY: usize = 40;

#[derive(Clone, Copy)]
struct HotSlot {
    hash: u64,
    idx: u32,
    len: u8,
    key: [u8; HOT_KEY],
    word: CachedWord,
}

/// A reusable analyser that does the work of [`analyze`] without allocating per
/// token: it calls back with borrowed views, and remembers the normalisation,
/// segmentation and stem of word forms it has seen (frequent ones in a small
/// direct-mapped cache). Use it for throughput-bound work.
#[derive(Default)]
pub struct Analyzer {
    scratch: segment::Scratch,
    norm: String,
    base: String,
    stem: String,
    cache: rustc_hash::FxHashMap<Box<str>, u32>,
    words: Vec<CachedWord>,
    arena: String,
    hot: Vec<HotSlot>,
}

impl Analyzer {
    /// Makes an analyser.
    pub fn new() -> Analyzer {
        Analyzer::default()
    }

    fn push_arena(&mut self, which: u8) -> (u32, u32) {
        let start = self.arena.len();
        let s = match which {
            0 => &self.norm,
            1 => &self.base,
            _ => &self.stem,
        };
        self.arena.push_str(s);
        (start as u32, self.arena.len() as u32)
    }

    fn word_index(&mut self, text: &str) -> CachedWord {
        use std::hash::Hasher;
        let mut hasher = rustc_hash::FxHasher::default();
        hasher.write(text.as_bytes());
        let hash = hasher.finish();
        if self.hot.is_empty() {
            self.hot = vec![
                HotSlot {
                    hash: 0,
                    idx: 0,
                    len: u8::MAX,
                    key: [0; HOT_KEY],
                    word: CachedWord {
                        norm: (0, 0),
                        base: (0, 0),
                        stem: (0, 0),
                        prefix_chars: 0,
                        suffix_chars: 0,
                    },
                };
                HOT_SLOTS
            ];
        }
        let slot = (hash as usize ^ (hash >> 32) as usize) & (HOT_SLOTS - 1);
        let h = &self.hot[slot];
        let len = text.len();
        if h.hash == hash
            && h.len as usize == len
            && len <= HOT_KEY
            && h.key[..len] == *text.as_bytes()
        {
            return h.word;
        }
        let idx = match self.cache.get(text) {
            Some(&i) => i as usize,
            None => self.insert_word(text),
        };
        // Words get their index on first sight, so a lower index is (roughly) a more
        // frequent word: it keeps its slot.
        if len <= HOT_KEY && (self.hot[slot].len == u8::MAX || idx as u32 <= self.hot[slot].idx) {
            let h = &mut self.hot[slot];
            h.hash = hash;
            h.idx = idx as u32;
            h.len = len as u8;
            h.key[..len].copy_from_slice(text.as_bytes());
            h.word = self.words[idx];
        }
        self.words[idx]
    }

    fn insert_word(&mut self, text: &str) -> usize {
        if self.words.len() >= WORD_CACHE_CAP || self.arena.len() > (u32::MAX as usize) / 2 {
            self.cache.clear();
            self.words.clear();
            self.arena.clear();
            for h in &mut self.hot {
                h.len = u8::MAX;
            }
        }
        self.norm.clear();
        normalize_into(text, Folding::MATCH, &mut self.norm);
        let plan = self.scratch.plan(text);
        self.base.clear();
        self.scratch.base_into(&plan, &mut self.base);
        self.stem.clear();
        stem::stem_into(&self.base, &mut self.stem, false);
        let norm = self.push_arena(0);
        let base = self.push_arena(1);
        let stem = self.push_arena(2);
        let i = self.words.len();
        self.words.push(CachedWord {
            norm,
            base,
            stem,
            prefix_chars: plan.prefix_chars as u32,
            suffix_chars: plan.suffix_chars as u32,
        });
        self.cache.insert(text.into(), i as u32);
        i
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
                let w = self.word_index(t.text);
                let (pre, suf) = (w.prefix_chars as usize, w.suffix_chars as usize);
                let base_span = Span::new(
                    (t.span.start + pre).min(t.span.end),
                    t.span
                        .end
                        .saturating_sub(suf)
                        .max(t.span.start + pre)
                        .min(t.span.end),
                );
                let get = |r: (u32, u32)| self.arena.get(r.0 as usize..r.1 as usize).unwrap_or("");
                f(TokenView {
                    token: t,
                    norm: get(w.norm),
                    base: get(w.base),
                    stem: get(w.stem),
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
