//! Fast iteration on the learned NER tagger without building the CLI.
//!
//! - `cargo run --release -p marsad-extract --example ner_lab -- cv [EPOCHS] [LEXICAL_BITS]
//!   [FOLDS] [OUT] [WORD_BITS]` trains with cross-validation on ANERcorp train (corpora from
//!   `$CORPORA`, default `../shared/data`), reports AQMAR dev and writes the model trained
//!   on everything to `OUT` if given. The defaults are those of `marsad train ner
//!   --no-profile`, so both write the same model (the shipped one has word profiles:
//!   make it with `marsad train ner`). Environment: `RUNS` (averaged runs, 6), `SEED` (7),
//!   `CTX_BITS` (log2 of the rows of the context feature table, 16),
//!   `EXTRA_WEIGHT` (weight of an AQMAR/Wojood sentence, 0.1), `PER_DOC` (sentences per
//!   scored document, 20; 0 for sentence by sentence), `OBIAS` (bias against `O`, 0),
//!   `ERRORS` (print the misses and false alarms of the first fold instead).
//! - `... -- bench FILE.jsonl [MODEL]` times the tagger (`find_names`: hints, tagging,
//!   propagation) alone over the articles of a JSONL file, in CPU time of this thread;
//!   each article is tagged right after its text analysis and knowledge-base scan (not
//!   timed), as in the pipeline. `WARM=N` also times N repeated calls on warm caches.
//! - `... -- names FILE.txt` prints the tagger's names in a text, tagged or propagated.
//! - `... -- pcv [EPOCHS] [LEXICAL_BITS] [FOLDS] [_] [WORD_BITS]` cross-validates the WHOLE
//!   pipeline as `../shared/tools/conll_ner.py` scores it: for each fold a model is
//!   trained on the other folds (same settings as `cv`), then `Extractor::analyze` runs
//!   with that model (`ner::with_model`) over the held-out sentences, 20 to a document
//!   (space-joined tokens, one sentence a line), and `name` mentions are scored as exact
//!   file-token spans. Prints the tagger-only CV of the same folds beside it, and the
//!   errors by kind (knowledge base or tagger; miss, false alarm, boundary, type);
//!   `ERRORS=N` also lists the N most frequent errors of each kind (with `LOST=1`, also
//!   the gold names the tagger alone gets and the pipeline loses, and the other way
//!   round, with what the pipeline has there instead). `DEV=1` runs the
//!   model trained on everything over AQMAR dev the same way (`DEV=errors`: and lists
//!   its errors). `PROFILE=FILE.jsonl` (plain JSONL) trains every model in two rounds with word
//!   profiles from those articles, as `marsad train ner` does (`PROFILE_LIMIT`
//!   articles at most, `PARTS` 2, `THREADS` 2; see `ner::profile`).
//! - `... -- analyze FILE.txt [PUBLISHED]` prints the document JSON of one text, as
//!   `marsad analyze FILE --published PUBLISHED` does (to score it with
//!   `../shared/tools/score.py` without building the CLI).

use marsad_extract::ner::training::{self, Counts, Example};
use marsad_extract::ner::{self, NerModel, TrainOptions};
use std::time::{Duration, Instant};

fn report(name: &str, counts: &Counts) {
    println!("{}", training::report(name, counts));
}

fn load(dir: &str, file: &str, kb: &marsad_extract::KnowledgeBase) -> Vec<Example> {
    let path = format!("{dir}/{file}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    training::examples(&text, Some(kb))
}

/// CPU time of this thread so far, so that time spent waiting for the CPU on a busy
/// machine is not counted.
fn cpu_time() -> Duration {
    cpu_time::ThreadTime::now().as_duration()
}

/// The texts of `PROFILE` (a JSONL file with a `content` or `text` field per line;
/// `PROFILE_LIMIT` articles at most), if set: the corpus of the word profiles.
fn profile_texts() -> Option<Vec<String>> {
    let path = std::env::var("PROFILE").ok()?;
    let limit: usize = env_or("PROFILE_LIMIT", usize::MAX);
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Some(
        raw.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| {
                v.get("content")
                    .or_else(|| v.get("text"))
                    .and_then(|t| t.as_str())
                    .map(str::to_string)
            })
            .take(limit)
            .collect(),
    )
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(default)
}

/// Training options from the command line and environment (see the module docs).
fn options(args: &[String]) -> TrainOptions {
    let num = |i: usize, d: u64| args.get(i).and_then(|x| x.parse().ok()).unwrap_or(d);
    TrainOptions {
        epochs: num(1, 10) as usize,
        lexical_bits: num(2, 17) as u32,
        context_bits: env_or("CTX_BITS", 16),
        word_bits: num(5, 10) as u32,
        runs: env_or("RUNS", 6),
        seed: env_or("SEED", 7),
        outside_bias: env_or("OBIAS", 0.0),
    }
}

/// Name spans of file-token labels, conlleval-style: `(first, end, class)`.
fn gold_spans(labels: &[ner::NerLabel], offset: usize) -> Vec<(usize, usize, ner::NerClass)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, ner::NerClass)> = None;
    for (i, l) in labels.iter().chain([&ner::NerLabel::O]).enumerate() {
        let continues = matches!((l, open), (ner::NerLabel::Inside(c), Some((_, o))) if *c == o);
        if !continues {
            if let Some((s, c)) = open.take() {
                out.push((offset + s, offset + i, c));
            }
            if let ner::NerLabel::Begin(c) | ner::NerLabel::Inside(c) = *l {
                open = Some((i, c));
            }
        }
    }
    out
}

/// Errors of the pipeline, by where the predicted mention came from and what went wrong.
#[derive(Default)]
struct PipelineErrors {
    counts: std::collections::BTreeMap<String, usize>,
    examples: std::collections::HashMap<String, std::collections::HashMap<String, usize>>,
}

impl PipelineErrors {
    fn add(&mut self, kind: String, example: String) {
        *self.counts.entry(kind.clone()).or_default() += 1;
        *self
            .examples
            .entry(kind)
            .or_default()
            .entry(example)
            .or_default() += 1;
    }
}

/// Runs the whole pipeline over `sentences`, `per_doc` to a document, and adds its
/// entity counts (and errors) to `acc`.
fn score_pipeline(
    extractor: &marsad_extract::Extractor,
    sentences: &[ner::ConllSentence],
    per_doc: usize,
    acc: &mut Counts,
    errors: &mut PipelineErrors,
) {
    let idx = |c: ner::NerClass| match c {
        ner::NerClass::Person => 0,
        ner::NerClass::Org => 1,
        ner::NerClass::Loc => 2,
    };
    for doc in sentences.chunks(per_doc.max(1)) {
        let (mut text, mut offs, mut words) = (String::new(), Vec::new(), Vec::new());
        let mut gold = Vec::new();
        let mut chars = 0;
        for s in doc {
            gold.extend(gold_spans(&s.labels, offs.len()));
            for (j, tok) in s.tokens.iter().enumerate() {
                if j > 0 {
                    text.push(' ');
                    chars += 1;
                }
                let n = tok.chars().count();
                offs.push((chars, chars + n));
                words.push(tok.as_str());
                text.push_str(tok);
                chars += n;
            }
            text.push('\n');
            chars += 1;
        }
        let document = extractor.analyze(&text, &marsad_extract::Source::default());
        // (first, end, class, known)
        let mut pred: Vec<(usize, usize, ner::NerClass, bool)> = Vec::new();
        for e in &document.entities {
            let class = match e.kind {
                marsad_extract::EntityType::Person => ner::NerClass::Person,
                marsad_extract::EntityType::Org => ner::NerClass::Org,
                _ => ner::NerClass::Loc,
            };
            for m in &e.mentions {
                if m.kind != marsad_extract::MentionKind::Name {
                    continue;
                }
                let first = offs.partition_point(|&(_, t)| t <= m.start);
                let mut end = first;
                while end < offs.len() && offs[end].0 < m.end {
                    end += 1;
                }
                if end > first && !pred.iter().any(|p| (p.0, p.1, p.2) == (first, end, class)) {
                    pred.push((first, end, class, e.known));
                }
            }
        }
        let show = |a: usize, b: usize| words[a..b].join(" ");
        if std::env::var_os("LOST").is_some() {
            // The tagger's own names on the same text (knowledge-base hits as features,
            // labels made consistent), against the pipeline's: gold names one has and
            // the other misses.
            let ctx = marsad_extract::TextContext::new(&text, None);
            let entities = marsad_extract::entities::find_entities(&ctx, extractor.kb());
            let t = &ctx.analysis.tokens;
            let hits = ner::unknown::kb_hits_from_entities(t, &entities);
            let tagged: Vec<(usize, usize, ner::NerClass)> = ner::find_names(t, &hits)
                .iter()
                .filter_map(|n| {
                    let first = offs.partition_point(|&(_, e)| e <= n.span.start);
                    let mut end = first;
                    while end < offs.len() && offs[end].0 < n.span.end {
                        end += 1;
                    }
                    (end > first).then_some((first, end, n.class))
                })
                .collect();
            for &(a, b, c) in &gold {
                let by_tagger = tagged.contains(&(a, b, c));
                let by_pipeline = pred.iter().any(|p| (p.0, p.1, p.2) == (a, b, c));
                if by_tagger != by_pipeline {
                    let around = show(a.saturating_sub(2), (b + 2).min(words.len()));
                    let what = if by_tagger { "lost  " } else { "gained" };
                    let instead = pred
                        .iter()
                        .filter(|p| p.0 < b && a < p.1)
                        .map(|p| format!(" [{} {:?}]", show(p.0, p.1), p.2))
                        .collect::<String>();
                    errors.add(
                        format!("{what} {c:?}"),
                        format!("[{}]{instead}  … {around} …", show(a, b)),
                    );
                }
            }
        }
        for &(a, b, c, known) in &pred {
            acc[idx(c)].1 += 1;
            let src = if known { "kb" } else { "tagger" };
            if gold.contains(&(a, b, c)) {
                acc[idx(c)].0 += 1;
                continue;
            }
            let what = if let Some(g) = gold.iter().find(|g| (g.0, g.1) == (a, b)) {
                format!("type (gold {:?})", g.2)
            } else if gold.iter().any(|g| g.0 < b && a < g.1 && g.2 == c) {
                "boundary".to_string()
            } else if gold.iter().any(|g| g.0 < b && a < g.1) {
                "boundary+type".to_string()
            } else {
                "false alarm".to_string()
            };
            let around = show(a.saturating_sub(2), (b + 2).min(words.len()));
            // For a boundary error, the gold span it overlaps.
            let gold_span = gold
                .iter()
                .find(|g| g.0 < b && a < g.1)
                .map(|g| format!("  gold [{}]", show(g.0, g.1)))
                .unwrap_or_default();
            errors.add(
                format!("{src:6} {c:?} {what}"),
                format!("[{}]{gold_span}  … {around} …", show(a, b)),
            );
        }
        for &(a, b, c) in &gold {
            acc[idx(c)].2 += 1;
            if !pred.iter().any(|p| p.0 < b && a < p.1) {
                let around = show(a.saturating_sub(2), (b + 2).min(words.len()));
                errors.add(
                    format!("miss   {c:?}"),
                    format!("[{}]  … {around} …", show(a, b)),
                );
            }
        }
    }
}

fn print_errors(errors: &PipelineErrors) {
    let top: usize = env_or("ERRORS", 0);
    println!("errors by kind:");
    for (k, n) in &errors.counts {
        println!("  {n:6}  {k}");
        if top > 0 {
            let mut v: Vec<_> = errors.examples[k].iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (ex, n) in v.into_iter().take(top) {
                println!("          {n:4} {ex}");
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let kb = marsad_extract::KnowledgeBase::bundled().expect("kb");
    match args.first().map(String::as_str) {
        Some("cv") => {
            let opts = options(&args);
            let num = |i: usize, d: u64| args.get(i).and_then(|x| x.parse().ok()).unwrap_or(d);
            let folds = num(3, 5) as usize;
            let dir = std::env::var("CORPORA").unwrap_or_else(|_| "../shared/data".into());
            let t0 = Instant::now();
            let anercorp = load(&dir, "anercorp/ANERCorp_train_camelsplit.txt", &kb);
            let dev = load(&dir, "aqmar/aqmar_dev.txt", &kb);
            let mut extra = load(&dir, "aqmar/aqmar_train.txt", &kb);
            extra.extend(load(&dir, "wojood-sample/wojood_sample_train.txt", &kb));
            extra.extend(load(&dir, "wojood-sample/wojood_sample_val.txt", &kb));
            // Sentences per scored document (0: sentence by sentence, no propagation).
            let per_doc = std::env::var("PER_DOC")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(20usize);
            let per_doc = (per_doc > 0).then_some(per_doc);
            let extra_weight: f32 = std::env::var("EXTRA_WEIGHT")
                .ok()
                .and_then(|w| w.parse().ok())
                .unwrap_or(0.1);
            eprintln!("loaded in {:.1}s", t0.elapsed().as_secs_f64());
            if std::env::var_os("ERRORS").is_some() {
                // Misses and false alarms on the first fold, with their sentences' words.
                let n = anercorp.len();
                let test = &anercorp[..n / folds];
                let model = training::train(&anercorp[n / folds..], &extra, extra_weight, opts);
                let mut freq: std::collections::HashMap<String, usize> = Default::default();
                for (t, h, g) in test {
                    let mut p = model.tag(t, h);
                    ner::propagate_names(t, h, &mut p);
                    let gs = ner::spans_from_labels(t, g);
                    let ps = ner::spans_from_labels(t, &p);
                    let text = |r: &std::ops::Range<usize>| {
                        t[r.clone()]
                            .iter()
                            .map(|x| x.norm.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    };
                    for x in &gs {
                        if !ps
                            .iter()
                            .any(|y| y.tokens == x.tokens && y.class == x.class)
                        {
                            let got = ps
                                .iter()
                                .find(|y| {
                                    y.tokens.start < x.tokens.end && x.tokens.start < y.tokens.end
                                })
                                .map_or("-".to_string(), |y| {
                                    format!("{:?} {}", y.class, text(&y.tokens))
                                });
                            *freq
                                .entry(format!(
                                    "MISS {:?}\t{}\t(got {got})",
                                    x.class,
                                    text(&x.tokens)
                                ))
                                .or_default() += 1;
                        }
                    }
                    for y in &ps {
                        if !gs
                            .iter()
                            .any(|x| x.tokens == y.tokens && x.class == y.class)
                            && !gs.iter().any(|x| {
                                x.tokens.start < y.tokens.end && y.tokens.start < x.tokens.end
                            })
                        {
                            *freq
                                .entry(format!("FALSE {:?}\t{}", y.class, text(&y.tokens)))
                                .or_default() += 1;
                        }
                    }
                }
                let mut v: Vec<_> = freq.into_iter().collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                for (k, c) in v {
                    println!("{c}\t{k}");
                }
                return;
            }
            if folds > 1 {
                let f = training::cross_validate(
                    &anercorp,
                    &extra,
                    extra_weight,
                    folds,
                    per_doc,
                    opts,
                    None,
                );
                report(
                    &format!("ANERcorp train {folds}-fold CV"),
                    &training::total(&f),
                );
            }
            let model = training::train(&anercorp, &extra, extra_weight, opts);
            let dev_counts = match per_doc {
                Some(n) => training::evaluate_documents(&model, &dev, n),
                None => training::evaluate(&model, &dev),
            };
            report("AQMAR dev", &dev_counts);
            if let Some(out) = args.get(4) {
                std::fs::write(out, model.to_bytes()).expect("write model");
            }
            eprintln!("done in {:.1}s", t0.elapsed().as_secs_f64());
        }
        Some("pcv") => {
            let opts = options(&args);
            let folds = args.get(3).and_then(|x| x.parse().ok()).unwrap_or(5usize);
            let dir = std::env::var("CORPORA").unwrap_or_else(|_| "../shared/data".into());
            let per_doc: usize = env_or("PER_DOC", 20);
            let extra_weight: f32 = env_or("EXTRA_WEIGHT", 0.1);
            let t0 = Instant::now();
            let path = format!("{dir}/anercorp/ANERCorp_train_camelsplit.txt");
            let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let sentences = ner::read_conll(&raw);
            let anercorp = training::examples(&raw, Some(&kb));
            assert_eq!(sentences.len(), anercorp.len());
            let mut extra = load(&dir, "aqmar/aqmar_train.txt", &kb);
            extra.extend(load(&dir, "wojood-sample/wojood_sample_train.txt", &kb));
            extra.extend(load(&dir, "wojood-sample/wojood_sample_val.txt", &kb));
            let extractor = marsad_extract::Extractor::bundled().expect("extractor");
            let texts = profile_texts();
            let corpus = texts.as_ref().map(|texts| training::ProfileCorpus {
                texts,
                kb: &kb,
                threads: env_or("THREADS", 2),
                parts: env_or("PARTS", 2),
            });
            let (mut tagger, mut pipeline) = ([(0, 0, 0); 3], [(0, 0, 0); 3]);
            let mut errors = PipelineErrors::default();
            let only: Option<usize> = std::env::var("FOLD").ok().and_then(|f| f.parse().ok());
            for k in (0..folds).filter(|k| only.is_none_or(|o| o == *k)) {
                let (part, rest) = training::split_fold(&anercorp, k, folds);
                let (lo, hi) = (part.start, part.end);
                let (model, test) = match &corpus {
                    Some(c) => {
                        let m = training::train_profiled(&rest, &extra, extra_weight, opts, c);
                        let test = training::with_profile(&anercorp[lo..hi], m.profile());
                        (m, test)
                    }
                    None => (
                        training::train(&rest, &extra, extra_weight, opts),
                        anercorp[lo..hi].to_vec(),
                    ),
                };
                let c = training::evaluate_documents(&model, &test, per_doc);
                for (a, x) in tagger.iter_mut().zip(&c) {
                    *a = (a.0 + x.0, a.1 + x.1, a.2 + x.2);
                }
                ner::with_model(std::sync::Arc::new(model), || {
                    score_pipeline(
                        &extractor,
                        &sentences[lo..hi],
                        per_doc,
                        &mut pipeline,
                        &mut errors,
                    )
                });
                eprintln!("fold {k} done at {:.0}s", t0.elapsed().as_secs_f64());
            }
            report(&format!("tagger only, {folds}-fold CV"), &tagger);
            report(&format!("whole pipeline, {folds}-fold CV"), &pipeline);
            print_errors(&errors);
            if std::env::var_os("DEV").is_some() {
                let model = match &corpus {
                    Some(c) => training::train_profiled(&anercorp, &extra, extra_weight, opts, c),
                    None => training::train(&anercorp, &extra, extra_weight, opts),
                };
                let path = format!("{dir}/aqmar/aqmar_dev.txt");
                let raw = std::fs::read_to_string(&path).expect("AQMAR dev");
                let (mut dev, mut dev_errors) = ([(0, 0, 0); 3], PipelineErrors::default());
                ner::with_model(std::sync::Arc::new(model), || {
                    score_pipeline(
                        &extractor,
                        &ner::read_conll(&raw),
                        per_doc,
                        &mut dev,
                        &mut dev_errors,
                    )
                });
                report("AQMAR dev, whole pipeline", &dev);
                if std::env::var("DEV").is_ok_and(|v| v == "errors") {
                    print_errors(&dev_errors);
                }
            }
            eprintln!("done in {:.1}s", t0.elapsed().as_secs_f64());
        }
        Some("analyze") => {
            // One text through the whole pipeline, as `marsad analyze FILE --published`.
            let path = args.get(1).expect("text file");
            let text = std::fs::read_to_string(path).expect("read text");
            let extractor = marsad_extract::Extractor::bundled().expect("extractor");
            let src = marsad_extract::Source {
                source: path.rsplit('/').next().unwrap_or(path).to_string(),
                published: args.get(2).cloned(),
                ..Default::default()
            };
            let doc = extractor.analyze(&text, &src);
            println!("{}", serde_json::to_string(&doc).expect("json"));
        }
        Some("bench") => {
            // Each article is tagged right after its analysis and knowledge-base scan, as
            // in the pipeline (so the tokens are as warm in cache as they are there); only
            // the tagger is timed.
            let path = args.get(1).expect("JSONL file");
            let text = std::fs::read_to_string(path).expect("read JSONL");
            let model = args.get(2).map(|f| {
                NerModel::from_bytes(&std::fs::read(f).expect("read model")).expect("model")
            });
            let find_names = |t: &[marsad_text::AnalyzedToken],
                              h: &[Option<(ner::NerClass, bool)>]| {
                match &model {
                    Some(m) => {
                        let hints = ner::hints_for(t, h);
                        let mut labels = m.tag(t, &hints);
                        ner::propagate_names(t, &hints, &mut labels);
                        ner::spans_from_labels(t, &labels)
                    }
                    None => ner::find_names(t, h),
                }
            };
            // Load the bundled tables before timing (a one-off cost per process).
            let _ = find_names(&marsad_text::analyze("قال سامي").tokens, &[]);
            let (mut bytes, mut tokens, mut names, mut docs) = (0, 0, 0, 0);
            let (mut tagging, mut hinting, mut warm) =
                (Duration::ZERO, Duration::ZERO, Duration::ZERO);
            for line in text.lines() {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                let Some(body) = v.get("content").and_then(|c| c.as_str()) else {
                    continue;
                };
                bytes += body.len();
                docs += 1;
                let ctx = marsad_extract::TextContext::new(body, None);
                let entities = marsad_extract::entities::find_entities(&ctx, &kb);
                let t = &ctx.analysis.tokens;
                let hits = ner::unknown::kb_hits_from_entities(t, &entities);
                tokens += t.len();
                let t0 = cpu_time();
                names += find_names(t, &hits).len();
                let t1 = cpu_time();
                std::hint::black_box(ner::hints_for(t, &hits));
                hinting += cpu_time() - t1;
                if let Some(n) = std::env::var("WARM")
                    .ok()
                    .and_then(|n| n.parse::<usize>().ok())
                {
                    let t2 = cpu_time();
                    for _ in 0..n {
                        std::hint::black_box(find_names(t, &hits));
                    }
                    warm += (cpu_time() - t2) / n as u32;
                }
                tagging += t1 - t0;
            }
            println!(
                "{docs} docs, {:.1} MB, {tokens} tokens: find_names {:.3} cpu-s ({:.1} MB/s, {:.0} ns/token), hints_for alone {:.3} cpu-s, again warm {:.3}; {names} names",
                bytes as f64 / 1e6,
                tagging.as_secs_f64(),
                bytes as f64 / 1e6 / tagging.as_secs_f64(),
                tagging.as_secs_f64() * 1e9 / tokens as f64,
                hinting.as_secs_f64(),
                warm.as_secs_f64(),
            );
        }
        Some("names") => {
            // The tagger's names in a text file, before and after propagation.
            let path = args.get(1).expect("text file");
            let text = std::fs::read_to_string(path).expect("read text");
            let ctx = marsad_extract::TextContext::new(&text, None);
            let entities = marsad_extract::entities::find_entities(&ctx, &kb);
            for e in &entities {
                for m in &e.mentions {
                    println!("{}\tknowledge base\t{}", e.id, m.text);
                }
            }
            let t = &ctx.analysis.tokens;
            let hints = ner::hints_for(t, &ner::unknown::kb_hits_from_entities(t, &entities));
            let mut labels = NerModel::bundled().tag(t, &hints);
            let before = ner::spans_from_labels(t, &labels);
            ner::propagate_names(t, &hints, &mut labels);
            for s in ner::spans_from_labels(t, &labels) {
                let how = if before.contains(&s) {
                    "tagged"
                } else {
                    "propagated"
                };
                let bytes = t[s.tokens.start].bytes.start..t[s.tokens.end - 1].bytes.end;
                println!("{:?}\t{how}\t{}", s.class, &text[bytes]);
            }
        }
        Some("places") => {
            // One-word place mentions of the knowledge base in a JSONL corpus, by entity and
            // word: how often the tagger (given the knowledge-base hit as a feature) reads
            // the word as a place, as another name, or as no name at all.
            let path = args.get(1).expect("JSONL file");
            let text = std::fs::read_to_string(path).expect("read JSONL");
            let model = NerModel::bundled();
            // (id, base) -> (loc, other, none, example)
            let mut seen: std::collections::BTreeMap<
                (String, String),
                (usize, usize, usize, String),
            > = Default::default();
            for line in text.lines() {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                let Some(body) = ["content", "text"]
                    .iter()
                    .find_map(|k| v.get(*k).and_then(|c| c.as_str()))
                else {
                    continue;
                };
                let ctx = marsad_extract::TextContext::new(body, None);
                let entities = marsad_extract::entities::find_entities(&ctx, &kb);
                let t = &ctx.analysis.tokens;
                let hints = ner::hints_for(t, &ner::unknown::kb_hits_from_entities(t, &entities));
                let labels = model.tag(t, &hints);
                for e in &entities {
                    if matches!(
                        e.kind,
                        marsad_extract::EntityType::Person | marsad_extract::EntityType::Org
                    ) {
                        continue;
                    }
                    for m in e
                        .mentions
                        .iter()
                        .filter(|m| m.kind == marsad_extract::MentionKind::Name)
                    {
                        let first = t.partition_point(|x| x.span.end <= m.start);
                        if first >= t.len() || t[first].span.end < m.end {
                            continue; // not one token
                        }
                        let entry = seen
                            .entry((e.id.clone(), t[first].base.to_string()))
                            .or_default();
                        match labels[first] {
                            ner::NerLabel::Begin(ner::NerClass::Loc)
                            | ner::NerLabel::Inside(ner::NerClass::Loc) => entry.0 += 1,
                            ner::NerLabel::O => {
                                entry.2 += 1;
                                if entry.3.is_empty() {
                                    let a = t[first.saturating_sub(3)].bytes.start;
                                    let b = t[(first + 3).min(t.len() - 1)].bytes.end;
                                    entry.3 = body[a..b].replace(['\n', '\t'], " ");
                                }
                            }
                            _ => entry.1 += 1,
                        }
                    }
                }
            }
            for ((id, base), (loc, other, none, ex)) in seen {
                println!(
                    "{id}\t{base}\t{}\t{loc}\t{other}\t{none}\t{ex}",
                    loc + other + none
                );
            }
        }
        _ => eprintln!(
            "usage: ner_lab cv|pcv [EPOCHS] [LEXICAL_BITS] [FOLDS] [OUT] [WORD_BITS] \
             | bench FILE.jsonl [MODEL] | names FILE.txt | places FILE.jsonl \
             | analyze FILE.txt [PUBLISHED]"
        ),
    }
}
