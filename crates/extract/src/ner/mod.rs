//! A learned named-entity tagger for names that no list holds.
//!
//! An averaged structured perceptron over hashed features, decoded with Viterbi over a
//! first-order label chain (BIO transitions enforced; the transition weights also see the
//! current word). Features are computed from the text layer's tokens (normalised form,
//! clitic-free base, base without article, stem, affixes, proclitics, shape, neighbours)
//! plus per-token hints (knowledge-base hits, word clusters and frequency from unlabelled
//! news, trigger-word and given-name lists), so the same code path runs in training and
//! at analysis time. After tagging, [`propagate_names`] makes the labels of a text
//! consistent: a name tagged once is a name wherever else it appears.
//!
//! The model ships as `data/ner/model.bin` (see [`NerModel::to_bytes`] for the format)
//! and is trained by `marsad train ner` from the CoNLL corpora in `../shared/data`.

pub mod clusters;
mod conll;
mod features;
mod model;
pub mod profile;
pub mod training;
pub mod triggers;
pub mod unknown;
pub mod words;

pub use conll::{read_conll, ConllSentence};
pub use features::{Tables, TokenHints};
pub use model::{NerModel, TrainOptions};

use crate::entities::index::{FastMap, FastSet};
use crate::EntityType;
use marsad_text::Span;

/// One of the three coarse NER classes the tagger predicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NerClass {
    /// A person.
    Person,
    /// An organisation.
    Org,
    /// A place (GPE, LOC or FAC in the schema).
    Loc,
}

impl NerClass {
    /// The schema type an unknown name of this class gets.
    pub fn entity_type(self) -> EntityType {
        match self {
            NerClass::Person => EntityType::Person,
            NerClass::Org => EntityType::Org,
            NerClass::Loc => EntityType::Gpe,
        }
    }

    /// Reads a CoNLL class name (PERS, PER, PERSON, ORG, LOC, GPE, FAC); others are `None`.
    pub fn from_conll(s: &str) -> Option<NerClass> {
        match s {
            "PERS" | "PER" | "PERSON" => Some(NerClass::Person),
            "ORG" => Some(NerClass::Org),
            "LOC" | "GPE" | "FAC" => Some(NerClass::Loc),
            _ => None,
        }
    }

    /// The CoNLL spelling used by ANERcorp.
    pub fn conll_name(self) -> &'static str {
        match self {
            NerClass::Person => "PERS",
            NerClass::Org => "ORG",
            NerClass::Loc => "LOC",
        }
    }
}

/// A BIO label over the three classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NerLabel {
    /// Outside any name.
    O,
    /// First token of a name.
    Begin(NerClass),
    /// A later token of a name.
    Inside(NerClass),
}

impl NerLabel {
    /// Number of labels.
    pub const COUNT: usize = 7;

    /// Dense index in `0..COUNT`.
    pub fn index(self) -> usize {
        match self {
            NerLabel::O => 0,
            NerLabel::Begin(NerClass::Person) => 1,
            NerLabel::Inside(NerClass::Person) => 2,
            NerLabel::Begin(NerClass::Org) => 3,
            NerLabel::Inside(NerClass::Org) => 4,
            NerLabel::Begin(NerClass::Loc) => 5,
            NerLabel::Inside(NerClass::Loc) => 6,
        }
    }

    /// The label of a dense index (indices past the end read as `O`).
    pub fn from_index(i: usize) -> NerLabel {
        match i {
            1 => NerLabel::Begin(NerClass::Person),
            2 => NerLabel::Inside(NerClass::Person),
            3 => NerLabel::Begin(NerClass::Org),
            4 => NerLabel::Inside(NerClass::Org),
            5 => NerLabel::Begin(NerClass::Loc),
            6 => NerLabel::Inside(NerClass::Loc),
            _ => NerLabel::O,
        }
    }

    /// True when `self` may follow `prev` (I-X only after B-X or I-X).
    pub fn may_follow(self, prev: NerLabel) -> bool {
        match self {
            NerLabel::Inside(c) => {
                matches!(prev, NerLabel::Begin(p) | NerLabel::Inside(p) if p == c)
            }
            _ => true,
        }
    }
}

/// A name found by the tagger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerSpan {
    /// Token indices (into the analysis's tokens), end exclusive.
    pub tokens: std::ops::Range<usize>,
    /// Characters of the name in the original text, clitics of the first token excluded.
    pub span: Span,
    /// Its class.
    pub class: NerClass,
}

/// Turns per-token labels into name spans.
pub fn spans_from_labels(
    tokens: &[marsad_text::AnalyzedToken],
    labels: &[NerLabel],
) -> Vec<NerSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NerClass)> = None;
    let close = |open: &mut Option<(usize, NerClass)>, end: usize, out: &mut Vec<NerSpan>| {
        if let Some((s, c)) = open.take() {
            if let (Some(first), Some(last)) = (tokens.get(s), tokens.get(end.wrapping_sub(1))) {
                out.push(NerSpan {
                    tokens: s..end,
                    span: Span::new(
                        first.base_span.start,
                        last.span.end.max(first.base_span.start),
                    ),
                    class: c,
                });
            }
        }
    };
    for (i, l) in labels.iter().enumerate() {
        match *l {
            NerLabel::O => close(&mut open, i, &mut out),
            NerLabel::Begin(c) => {
                close(&mut open, i, &mut out);
                open = Some((i, c));
            }
            NerLabel::Inside(c) => match open {
                Some((_, oc)) if oc == c => {}
                _ => {
                    close(&mut open, i, &mut out);
                    open = Some((i, c));
                }
            },
        }
    }
    close(&mut open, labels.len(), &mut out);
    out
}

/// Builds the per-token hints: word-cluster signatures from the bundled clusters and
/// knowledge-base hits given by the caller (one entry per token, or empty).
pub fn hints_for(
    tokens: &[marsad_text::AnalyzedToken],
    kb_hits: &[Option<(NerClass, bool)>],
) -> Vec<TokenHints> {
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (info, lexicon) = words::lookup(t);
            TokenHints {
                kb: kb_hits
                    .get(i)
                    .copied()
                    .flatten()
                    .map(|(c, first)| (NerLabel::Begin(c).index() as u8, first)),
                cluster: info.cluster,
                frequency: info.frequency,
                lexicon,
                profile: Default::default(),
            }
        })
        .collect()
}

/// Finds names with the bundled model, then makes the labels consistent over the text
/// (see [`propagate_names`]).
pub fn find_names(
    tokens: &[marsad_text::AnalyzedToken],
    kb_hits: &[Option<(NerClass, bool)>],
) -> Vec<NerSpan> {
    let (mut labels, hints, keys) = MODEL_OVERRIDE.with(|m| match &*m.borrow() {
        Some(model) => model.tag_with_hints(tokens, kb_hits),
        None => NerModel::bundled().tag_with_hints(tokens, kb_hits),
    });
    propagate_with_keys(tokens, &hints, &mut labels, &keys);
    spans_from_labels(tokens, &labels)
}

thread_local! {
    /// The model [`find_names`] uses on this thread instead of the bundled one.
    static MODEL_OVERRIDE: std::cell::RefCell<Option<std::sync::Arc<NerModel>>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs `f` with [`find_names`] (and so `Extractor::analyze`) using `model` instead of
/// the bundled one on this thread, then restores the previous model. Meant for
/// measuring: cross-validating the whole pipeline with a model trained on other folds.
pub fn with_model<R>(model: std::sync::Arc<NerModel>, f: impl FnOnce() -> R) -> R {
    let previous = MODEL_OVERRIDE.with(|m| m.borrow_mut().replace(model));
    let out = f();
    MODEL_OVERRIDE.with(|m| *m.borrow_mut() = previous);
    out
}

/// Longest name (in tokens) that [`propagate_names`] copies.
const PROPAGATE_MAX: usize = 4;

/// Document-level consistency (the classic second stage of NER taggers): a sequence of
/// words tagged as a name somewhere in the text is a name — of the class it was given
/// most often — wherever else it stands untagged, within one sentence and not as part
/// of a longer name. A single stop word or trigger word (`قاعدة`, `الوزير`) is never
/// copied. `hints` is empty or one per token, as for [`NerModel::tag`].
pub fn propagate_names(
    tokens: &[marsad_text::AnalyzedToken],
    hints: &[TokenHints],
    labels: &mut [NerLabel],
) {
    let n = tokens.len().min(labels.len());
    if labels[..n].iter().all(|l| *l == NerLabel::O) {
        return;
    }
    let keys: Vec<u64> = tokens[..n].iter().map(word_key).collect();
    propagate_with_keys(tokens, hints, labels, &keys);
}

/// What [`propagate_names`] compares words by: a hash of the token's base.
pub(crate) fn word_key(t: &marsad_text::AnalyzedToken) -> u64 {
    features::hash_bytes(2, t.base.as_bytes())
}

/// [`propagate_names`] given each token's [`word_key`] (at least one per token).
pub(crate) fn propagate_with_keys(
    tokens: &[marsad_text::AnalyzedToken],
    hints: &[TokenHints],
    labels: &mut [NerLabel],
    word_keys: &[u64],
) {
    let n = tokens.len().min(labels.len()).min(word_keys.len());
    let spans = spans_from_labels(&tokens[..n], &labels[..n]);
    if spans.is_empty() {
        return;
    }
    let key = |r: std::ops::Range<usize>| {
        word_keys[r].iter().fold(0x51_7cc1u64, |h, &k| {
            (h.rotate_left(21) ^ k).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        })
    };
    // (key, length) → votes per class; a map, so that a long text with many names stays
    // linear.
    let mut names: FastMap<(u64, usize), [u32; 3]> = FastMap::default();
    let mut vote = |r: std::ops::Range<usize>, class: NerClass| {
        let (k, len) = (key(r.clone()), r.len());
        let c = match class {
            NerClass::Person => 0,
            NerClass::Org => 1,
            NerClass::Loc => 2,
        };
        names.entry((k, len)).or_insert([0; 3])[c] += 1;
    };
    for s in &spans {
        if s.tokens.len() <= PROPAGATE_MAX {
            vote(s.tokens.clone(), s.class);
        }
    }
    // A person's last name alone (`Y` after `X Y`) names the same person.
    for s in spans
        .iter()
        .filter(|s| s.class == NerClass::Person && s.tokens.len() > 1)
    {
        vote(s.tokens.end - 1..s.tokens.end, NerClass::Person);
    }
    let longest = names.keys().map(|x| x.1).max().unwrap_or(0);
    let list_bits = |i: usize| match hints.get(i) {
        Some(h) => h.lexicon,
        None => words::lookup(&tokens[i]).1,
    };
    // The first word of every name, to skip most positions at once.
    let firsts: FastSet<u64> = spans
        .iter()
        .flat_map(|s| [word_keys[s.tokens.start], word_keys[s.tokens.end - 1]])
        .collect();
    let free = |i: usize, labels: &[NerLabel]| {
        labels[i] == NerLabel::O && tokens[i].kind == marsad_text::TokenKind::Word
    };
    let mut i = 0;
    while i < n {
        let mut step = 1;
        if firsts.contains(&word_keys[i]) && free(i, labels) {
            for len in (1..=longest.min(n - i)).rev() {
                let r = i..i + len;
                let k = key(r.clone());
                let Some(&votes) = names.get(&(k, len)) else {
                    continue;
                };
                if !r
                    .clone()
                    .all(|k| free(k, labels) && tokens[k].sentence == tokens[i].sentence)
                    // Not glued to a name right after it.
                    || labels
                        .get(i + len)
                        .is_some_and(|l| matches!(l, NerLabel::Inside(_)))
                    || (len == 1 && list_bits(i) & triggers::COMMON_WORD != 0)
                    // Nor an ordinary word alone, short form of a name as it may be
                    // (`الأديان` after the tagger's `ازدراء الأديان`).
                    || (len == 1 && hints.get(i).is_some_and(|h| h.profile.mostly_plain()))
                {
                    continue;
                }
                let best = (0..3).max_by_key(|&c| (votes[c], 3 - c)).unwrap_or(0);
                let class = [NerClass::Person, NerClass::Org, NerClass::Loc][best];
                labels[i] = NerLabel::Begin(class);
                for l in &mut labels[i + 1..i + len] {
                    *l = NerLabel::Inside(class);
                }
                step = len;
                break;
            }
        }
        i += step;
    }
}

/// Turns a CoNLL file's text into training sentences (tokens, hints, labels). With a
/// knowledge base, each sentence's linked names become hints, exactly as at analysis time.
pub fn training_set(
    conll: &str,
    kb: Option<&crate::KnowledgeBase>,
) -> Vec<(
    Vec<marsad_text::AnalyzedToken>,
    Vec<TokenHints>,
    Vec<NerLabel>,
)> {
    read_conll(conll)
        .iter()
        .map(|s| {
            let (text, _) = s.text();
            let ctx = crate::TextContext::new(&text, None);
            let labels = s.align(&ctx.analysis);
            let hits = match kb {
                Some(kb) => {
                    let entities = crate::entities::find_entities(&ctx, kb);
                    unknown::kb_hits_from_entities(&ctx.analysis.tokens, &entities)
                }
                None => Vec::new(),
            };
            let hints = hints_for(&ctx.analysis.tokens, &hits);
            (ctx.analysis.tokens, hints, labels)
        })
        .collect()
}

/// Entity-level precision/recall counts of predicted against gold labels (conlleval rules),
/// per class: `(true positives, predicted, gold)`.
pub fn count_matches(
    tokens: &[marsad_text::AnalyzedToken],
    gold: &[NerLabel],
    pred: &[NerLabel],
) -> [(usize, usize, usize); 3] {
    let g = spans_from_labels(tokens, gold);
    let p = spans_from_labels(tokens, pred);
    let mut out = [(0, 0, 0); 3];
    let idx = |c: NerClass| match c {
        NerClass::Person => 0,
        NerClass::Org => 1,
        NerClass::Loc => 2,
    };
    for s in &p {
        out[idx(s.class)].1 += 1;
        if g.iter().any(|x| x.tokens == s.tokens && x.class == s.class) {
            out[idx(s.class)].0 += 1;
        }
    }
    for s in &g {
        out[idx(s.class)].2 += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(tokens: &[marsad_text::AnalyzedToken], word: &str, nth: usize) -> usize {
        tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.base == word || t.norm == word)
            .nth(nth)
            .map(|(i, _)| i)
            .unwrap_or_else(|| panic!("{word} #{nth}"))
    }

    #[test]
    fn names_spread_over_the_text_with_their_surnames() {
        let a = marsad_text::analyze(
            "وصل سامر الخطيب إلى عمان. وقال الخطيب إن سامر الخطيب سعيد في عمان وإلى اللقاء",
        );
        let t = &a.tokens;
        let mut labels = vec![NerLabel::O; t.len()];
        let first = at(t, "سامر", 0);
        labels[first] = NerLabel::Begin(NerClass::Person);
        labels[first + 1] = NerLabel::Inside(NerClass::Person);
        labels[at(t, "عمان", 0)] = NerLabel::Begin(NerClass::Loc);
        // A stop word wrongly tagged once is not copied.
        labels[at(t, "الي", 0)] = NerLabel::Begin(NerClass::Loc);
        propagate_names(t, &[], &mut labels);
        let second = at(t, "سامر", 1);
        assert_eq!(labels[second], NerLabel::Begin(NerClass::Person));
        assert_eq!(labels[second + 1], NerLabel::Inside(NerClass::Person));
        let surname = at(t, "الخطيب", 1);
        assert_eq!(surname + 1, at(t, "ان", 0), "the surname alone");
        assert_eq!(labels[surname], NerLabel::Begin(NerClass::Person));
        assert_eq!(labels[at(t, "عمان", 1)], NerLabel::Begin(NerClass::Loc));
        assert_eq!(labels[at(t, "الي", 1)], NerLabel::O);
        assert_eq!(labels[at(t, "سعيد", 0)], NerLabel::O);
    }

    #[test]
    fn a_model_given_for_a_while_replaces_the_bundled_one() {
        let a = marsad_text::analyze("وقال الباحث سمير الخطيب إن الوضع صعب في مدينة حمص");
        let bundled = find_names(&a.tokens, &[]);
        assert!(!bundled.is_empty());
        let empty = std::sync::Arc::new(NerModel::empty());
        let during = with_model(empty, || find_names(&a.tokens, &[]));
        assert!(during.is_empty(), "{during:?}");
        assert_eq!(find_names(&a.tokens, &[]), bundled);
    }

    #[test]
    fn propagation_without_names_or_tokens_changes_nothing() {
        let a = marsad_text::analyze("قال الوزير إن الوضع صعب");
        let mut labels = vec![NerLabel::O; a.tokens.len()];
        propagate_names(&a.tokens, &[], &mut labels);
        assert!(labels.iter().all(|l| *l == NerLabel::O));
        propagate_names(&[], &[], &mut []);
    }
}
