//! Training and measuring the tagger on CoNLL corpora (the texts come in as strings).

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

/// K-fold cross-validation over `main` (contiguous folds), with `extra` (weighing
/// `extra_weight` per sentence) always in training. With `per_doc`, test sentences are
/// scored in documents of that many sentences ([`evaluate_documents`]). Returns the
/// counts of each fold.
pub fn cross_validate(
    main: &[Example],
    extra: &[Example],
    extra_weight: f32,
    folds: usize,
    per_doc: Option<usize>,
    opts: TrainOptions,
) -> Vec<Counts> {
    let n = main.len();
    (0..folds)
        .map(|k| {
            let (lo, hi) = (k * n / folds, (k + 1) * n / folds);
            let mut rest: Vec<Example> = main[..lo].to_vec();
            rest.extend_from_slice(&main[hi..]);
            let model = train(&rest, extra, extra_weight, opts);
            match per_doc {
                Some(n) => evaluate_documents(&model, &main[lo..hi], n),
                None => evaluate(&model, &main[lo..hi]),
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
