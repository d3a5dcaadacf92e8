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

/// K-fold cross-validation over `main` (contiguous folds), with `extra` always in training.
/// Returns the counts of each fold.
pub fn cross_validate(
    main: &[Example],
    extra: &[Example],
    folds: usize,
    opts: TrainOptions,
) -> Vec<Counts> {
    let n = main.len();
    (0..folds)
        .map(|k| {
            let (lo, hi) = (k * n / folds, (k + 1) * n / folds);
            let mut train: Vec<Example> = main[..lo].to_vec();
            train.extend_from_slice(&main[hi..]);
            train.extend_from_slice(extra);
            let model = NerModel::train(&train, opts);
            evaluate(&model, &main[lo..hi])
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
