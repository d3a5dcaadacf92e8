//! Training and measuring the tagger on CoNLL corpora (the texts come in as strings).

use super::profile::{ProfileCounts, WordProfile};
use super::{count_matches, training_set, NerLabel, NerModel, TokenHints, TrainOptions};
use marsad_text::AnalyzedToken;

/// One training or test sentence: tokens, hints, gold labels.
pub type Example = (Vec<AnalyzedToken>, Vec<TokenHints>, Vec<NerLabel>);

/// Entity-level counts per class (PERS, ORG, LOC): `(true positives, predicted, gold)`.
pub type Counts = [(usize, usize, usize); 3];

/// Precision, recall and F1 of a `(tp, predicted, gold)` triple.
pub fn prf((tp, p, g): (usize, usize, usize)) -> (f64, f64, f64) {
    let pr = if p > 0 { tp as f64 / p as f64 } else { 0.0 };
    let rc = if g > 0 { tp as f64 / g as f64 } else { 0.0 };
    let f1 = if pr + rc > 0.0 {
        2.0 * pr * rc / (pr + rc)
    } else {
        0.0
    };
    (pr, rc, f1)
}

/// Words seen fewer times than this in the profiling corpus get no profile.
pub const PROFILE_MIN_SEEN: u32 = 3;

/// Unlabelled texts a first model tags to build the word profiles of a second one (see
/// [`super::profile`]), with the knowledge base that gives the tagger its hits, and how
/// to go about it.
#[derive(Clone, Copy)]
pub struct ProfileCorpus<'a> {
    /// The texts.
    pub texts: &'a [String],
    /// The knowledge base (its hits are tagging features, as in the pipeline).
    pub kb: &'a crate::KnowledgeBase,
    /// Threads that tag the texts.
    pub threads: usize,
    /// Parts the training sentences are cut into so that each gets the profiles of a
    /// model that has not seen it (see [`train_profiled`]; 0 or 1: not cut).
    pub parts: usize,
}

impl ProfileCorpus<'_> {
    /// Tags every text with `model` as [`super::find_names`] does (knowledge-base hits,
    /// then the labels made consistent per text) and counts the labels of each word
    /// form.
    pub fn count(&self, model: &NerModel) -> ProfileCounts {
        let threads = self.threads.clamp(1, 64);
        let chunk = self.texts.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let parts: Vec<_> = self
                .texts
                .chunks(chunk)
                .map(|texts| {
                    scope.spawn(move || {
                        let mut counts = ProfileCounts::default();
                        for text in texts {
                            let ctx = crate::TextContext::new(text, None);
                            let tokens = &ctx.analysis.tokens;
                            let entities = crate::entities::find_entities(&ctx, self.kb);
                            let hits = super::unknown::kb_hits_from_entities(tokens, &entities);
                            let (mut labels, hints, keys) = model.tag_with_hints(tokens, &hits);
                            super::propagate_with_keys(tokens, &hints, &mut labels, &keys);
                            counts.add(&keys, &labels);
                        }
                        counts
                    })
                })
                .collect();
            let mut total = ProfileCounts::default();
            for part in parts {
                // A panicking worker is a bug: surface it.
                total.merge(part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
            }
            total
        })
    }

    /// The word profiles of `model`'s labels over the corpus.
    pub fn profile(&self, model: &NerModel) -> WordProfile {
        self.count(model).build(PROFILE_MIN_SEEN)
    }
}

/// `data` with every token's hints carrying its word's profile.
pub fn with_profile(data: &[Example], profile: &WordProfile) -> Vec<Example> {
    data.iter()
        .map(|(tokens, hints, gold)| {
            let mut hints = hints.clone();
            for (h, t) in hints.iter_mut().zip(tokens) {
                h.profile = profile.get(super::word_key(t));
            }
            (tokens.clone(), hints, gold.clone())
        })
        .collect()
}

/// Trains in two rounds: a first model on the data as given, whose labels over
/// `corpus` make the word profiles; then the shipped model on the data with profiles,
/// carrying the first model's (see [`super::profile`]).
///
/// With [`ProfileCorpus::parts`] > 1 the second model's training sentences get their
/// profiles the way unseen text does: `main` is cut into that many parts, and the
/// sentences of each part get the profiles of a model trained without that part. (The
/// first model has learnt its training sentences' labels, so its profiles of their words are better
/// than those of new words, and a model trained on them would trust profiles too much.)
pub fn train_profiled(
    main: &[Example],
    extra: &[Example],
    extra_weight: f32,
    opts: TrainOptions,
    corpus: &ProfileCorpus<'_>,
) -> NerModel {
    let first = train(main, extra, extra_weight, opts);
    let profile = corpus.profile(&first);
    let parts = corpus.parts;
    let main_profiled = if parts > 1 {
        let mut out = Vec::with_capacity(main.len());
        for k in 0..parts {
            let (part, rest) = split_fold(main, k, parts);
            let held_out = corpus.profile(&train(&rest, extra, extra_weight, opts));
            out.extend(with_profile(&main[part], &held_out));
        }
        out
    } else {
        with_profile(main, &profile)
    };
    let extra = with_profile(extra, &profile);
    train(&main_profiled, &extra, extra_weight, opts).with_profile(profile)
}

/// Sums counts over classes.
pub fn overall(c: &Counts) -> (usize, usize, usize) {
    c.iter()
        .fold((0, 0, 0), |a, x| (a.0 + x.0, a.1 + x.1, a.2 + x.2))
}

fn add(acc: &mut Counts, c: &Counts) {
    for (a, x) in acc.iter_mut().zip(c) {
        a.0 += x.0;
        a.1 += x.1;
        a.2 += x.2;
    }
}

/// Reads CoNLL text into examples, with knowledge-base hints when `kb` is given.
pub fn examples(conll: &str, kb: Option<&crate::KnowledgeBase>) -> Vec<Example> {
    training_set(conll, kb)
}

/// Tags every example and counts entity matches.
pub fn evaluate(model: &NerModel, data: &[Example]) -> Counts {
    let mut acc = [(0, 0, 0); 3];
    for (tokens, hints, gold) in data {
        let pred = model.tag(tokens, hints);
        add(&mut acc, &count_matches(tokens, gold, &pred));
    }
    acc
}

/// Tags every example, then — as [`super::find_names`] does on a whole text — makes the
/// labels of each run of `per_doc` consecutive sentences consistent
/// ([`super::propagate_names`]) before counting entity matches.
pub fn evaluate_documents(model: &NerModel, data: &[Example], per_doc: usize) -> Counts {
    let mut acc = [(0, 0, 0); 3];
    for doc in data.chunks(per_doc.max(1)) {
        let mut tokens = Vec::new();
        let (mut gold, mut pred, mut doc_hints) = (Vec::new(), Vec::new(), Vec::new());
        for (k, (t, hints, g)) in doc.iter().enumerate() {
            let len = t.len().min(g.len());
            pred.extend(model.tag(&t[..len], hints));
            gold.extend_from_slice(&g[..len]);
            doc_hints.extend((0..len).map(|k| hints.get(k).copied().unwrap_or_default()));
            tokens.extend(t[..len].iter().cloned().map(|mut tok| {
                tok.sentence = k;
                tok
            }));
        }
        super::propagate_names(&tokens, &doc_hints, &mut pred);
        add(&mut acc, &count_matches(&tokens, &gold, &pred));
    }
    acc
}

/// Trains on `main` plus `extra`, whose sentences weigh `extra_weight` each.
pub fn train(
    main: &[Example],
    extra: &[Example],
    extra_weight: f32,
    opts: TrainOptions,
) -> NerModel {
    let mut data = main.to_vec();
    data.extend_from_slice(extra);
    let mut weights = vec![1.0; main.len()];
    weights.resize(data.len(), extra_weight);
    NerModel::train_weighted(&data, &weights, opts)
}

/// Part `k` of `data` cut into `parts` contiguous parts: its range, and the other
/// sentences in order.
pub fn split_fold(
    data: &[Example],
    k: usize,
    parts: usize,
) -> (std::ops::Range<usize>, Vec<Example>) {
    let n = data.len();
    let parts = parts.max(1);
    let (lo, hi) = (k * n / parts, ((k + 1) * n / parts).min(n));
    let mut rest = data[..lo].to_vec();
    rest.extend_from_slice(&data[hi..]);
    (lo..hi, rest)
}

/// K-fold cross-validation over `main` (contiguous folds), with `extra` (weighing
/// `extra_weight` per sentence) always in training. With `per_doc`, test sentences are
/// scored in documents of that many sentences ([`evaluate_documents`]). With a
/// `corpus`, each fold is trained with [`train_profiled`]: the first model of a fold
/// never sees its test sentences, so neither do the profiles its test words get.
/// Returns the counts of each fold.
pub fn cross_validate(
    main: &[Example],
    extra: &[Example],
    extra_weight: f32,
    folds: usize,
    per_doc: Option<usize>,
    opts: TrainOptions,
    corpus: Option<&ProfileCorpus<'_>>,
) -> Vec<Counts> {
    (0..folds)
        .map(|k| {
            let (part, rest) = split_fold(main, k, folds);
            let (model, test) = match corpus {
                Some(c) => {
                    let model = train_profiled(&rest, extra, extra_weight, opts, c);
                    let test = with_profile(&main[part], model.profile());
                    (model, test)
                }
                None => (train(&rest, extra, extra_weight, opts), main[part].to_vec()),
            };
            match per_doc {
                Some(n) => evaluate_documents(&model, &test, n),
                None => evaluate(&model, &test),
            }
        })
        .collect()
}

/// Sums fold counts.
pub fn total(folds: &[Counts]) -> Counts {
    let mut acc = [(0, 0, 0); 3];
    for f in folds {
        add(&mut acc, f);
    }
    acc
}

/// Entity-level scores as printed by `marsad train ner` and the `ner_lab` example: an
/// overall line, then one line per class.
pub fn report(name: &str, counts: &Counts) -> String {
    let (p, r, f1) = prf(overall(counts));
    let mut out = format!("{name}: overall P {p:.4} R {r:.4} F1 {f1:.4}");
    for (label, c) in ["PERS", "ORG", "LOC"].iter().zip(counts) {
        let (p, r, f1) = prf(*c);
        out.push_str(&format!(
            "\n  {label:5} P {p:.4} R {r:.4} F1 {f1:.4}  (gold {})",
            c.2
        ));
    }
    out
}
