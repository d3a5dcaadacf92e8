//! `marsad train ner` and `marsad train clusters`: rebuild the learned models shipped in
//! `crates/extract/data/ner/` from the corpora in `../shared/data`.

use anyhow::{Context, Result};
use marsad_extract::ner::training::{self, Counts, Example};
use marsad_extract::ner::{self, TrainOptions};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// Arguments of `marsad train`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Train the NER tagger (with cross-validation figures).
    Ner(NerArgs),
    /// Learn word clusters from unlabelled news text.
    Clusters(ClusterArgs),
}

#[derive(clap::Args)]
struct NerArgs {
    /// Folder holding anercorp/, aqmar/ and wojood-sample/.
    #[arg(long, default_value = "../shared/data")]
    corpora: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = 10)]
    epochs: usize,
    /// Shuffling seed.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// log2 of the rows of the lexical feature table (features of one word, summed once
    /// per word form when tagging).
    #[arg(long, default_value_t = 17)]
    lexical_bits: u32,
    /// log2 of the rows of the context feature table (word pairs, knowledge-base hits:
    /// read at every token, so kept small).
    #[arg(long, default_value_t = 16)]
    context_bits: u32,
    /// log2 of the number of word-transition blocks.
    #[arg(long, default_value_t = 10)]
    word_bits: u32,
    /// Bias against the `O` label when tagging (trades precision for recall).
    #[arg(long, default_value_t = 0.0)]
    outside_bias: f32,
    /// Training runs (shuffles) whose weights are averaged.
    #[arg(long, default_value_t = 6)]
    runs: usize,
    /// Weight of each AQMAR and Wojood sentence against 1 for an ANERcorp one.
    #[arg(long, default_value_t = 0.1)]
    extra_weight: f32,
    /// Sentences per document when scoring (names are made consistent per document,
    /// as `find_names` does on a text; 0 scores sentence by sentence without that).
    #[arg(long, default_value_t = 20)]
    per_doc: usize,
    /// Cross-validation folds on ANERcorp train (0 to skip).
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Unlabelled news (JSONL, optionally .gz, a `content` or `text` field per line)
    /// that a first model tags to make the word profiles of the shipped one.
    #[arg(
        long,
        default_value = "../shared/data/saudinewsnet/saudinewsnet_full.jsonl.gz"
    )]
    profile_corpus: PathBuf,
    /// Read at most this many articles of the profile corpus.
    #[arg(long, default_value_t = 31_100)]
    profile_limit: usize,
    /// Parts the training sentences are cut into so that each gets the profiles of a
    /// model that has not seen it.
    #[arg(long, default_value_t = 2)]
    profile_parts: usize,
    /// Train without word profiles (one round, no profile corpus).
    #[arg(long)]
    no_profile: bool,
    /// Threads that tag the profile corpus (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Where to write the model.
    #[arg(long, default_value = "crates/extract/data/ner/model.bin")]
    out: PathBuf,
    /// Measure only; don't write the model.
    #[arg(long)]
    dry_run: bool,
}

#[derive(clap::Args)]
struct ClusterArgs {
    /// JSONL (optionally .gz) with a `content` or `text` field per line.
    #[arg(
        long,
        default_value = "../shared/data/saudinewsnet/saudinewsnet_full.jsonl.gz"
    )]
    input: PathBuf,
    /// Read at most this many articles.
    #[arg(long, default_value_t = 31_100)]
    limit: usize,
    /// How many words get a cluster code.
    #[arg(long, default_value_t = 60_000)]
    vocabulary: usize,
    /// Words seen fewer times in the corpus get no code.
    #[arg(long, default_value_t = 5)]
    min_count: u64,
    /// How many of the most frequent tokens serve as left and right neighbours.
    #[arg(long, default_value_t = 20_000)]
    contexts: usize,
    /// Dimensions of the word vectors (truncated SVD of the PPMI neighbour matrix).
    #[arg(long, default_value_t = 256)]
    dimensions: usize,
    /// Levels of the cluster tree (16 children a node, 4 bits of code a level).
    #[arg(long, default_value_t = 4)]
    levels: u32,
    /// Seed of the random projection and the k-means starts.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Where to write the clusters.
    #[arg(long, default_value = "crates/extract/data/ner/clusters.tsv")]
    out: PathBuf,
}

/// Runs the command.
pub fn run(args: Args) -> Result<()> {
    match args.what {
        What::Ner(a) => train_ner(a),
        What::Clusters(a) => train_clusters(a),
    }
}

fn load(path: &Path) -> Result<Vec<Example>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let kb = marsad_extract::KnowledgeBase::bundled()?;
    Ok(training::examples(&text, Some(&kb)))
}

fn report(name: &str, counts: &Counts) {
    println!("{}", training::report(name, counts));
}

fn train_ner(a: NerArgs) -> Result<()> {
    let opts = TrainOptions {
        epochs: a.epochs,
        seed: a.seed,
        lexical_bits: a.lexical_bits,
        context_bits: a.context_bits,
        word_bits: a.word_bits,
        outside_bias: a.outside_bias,
        runs: a.runs,
    };
    let per_doc = (a.per_doc > 0).then_some(a.per_doc);
    let t0 = std::time::Instant::now();
    let anercorp = load(&a.corpora.join("anercorp/ANERCorp_train_camelsplit.txt"))?;
    let aqmar_dev = load(&a.corpora.join("aqmar/aqmar_dev.txt"))?;
    let mut extra = load(&a.corpora.join("aqmar/aqmar_train.txt"))?;
    for f in [
        "wojood-sample/wojood_sample_train.txt",
        "wojood-sample/wojood_sample_val.txt",
    ] {
        extra.extend(load(&a.corpora.join(f))?);
    }
    eprintln!(
        "loaded {} ANERcorp, {} extra, {} AQMAR dev sentences in {:.1}s",
        anercorp.len(),
        extra.len(),
        aqmar_dev.len(),
        t0.elapsed().as_secs_f64()
    );
    let texts = if a.no_profile {
        Vec::new()
    } else {
        let mut texts = Vec::new();
        read_articles(&a.profile_corpus, a.profile_limit, |t| {
            texts.push(t.to_string())
        })?;
        eprintln!(
            "read {} profile articles in {:.1}s",
            texts.len(),
            t0.elapsed().as_secs_f64()
        );
        texts
    };
    let kb = marsad_extract::KnowledgeBase::bundled()?;
    let corpus = (!a.no_profile).then(|| training::ProfileCorpus {
        texts: &texts,
        kb: &kb,
        threads: a.threads.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        }),
        parts: a.profile_parts,
    });
    if a.folds > 1 {
        let folds = training::cross_validate(
            &anercorp,
            &extra,
            a.extra_weight,
            a.folds,
            per_doc,
            opts,
            corpus.as_ref(),
        );
        for (k, c) in folds.iter().enumerate() {
            report(&format!("fold {}", k + 1), c);
        }
        report(
            &format!("ANERcorp train, {}-fold cross-validation", a.folds),
            &training::total(&folds),
        );
    }
    let model = match &corpus {
        Some(c) => training::train_profiled(&anercorp, &extra, a.extra_weight, opts, c),
        None => training::train(&anercorp, &extra, a.extra_weight, opts),
    };
    let aqmar_dev = training::with_profile(&aqmar_dev, model.profile());
    let dev = match per_doc {
        Some(n) => training::evaluate_documents(&model, &aqmar_dev, n),
        None => training::evaluate(&model, &aqmar_dev),
    };
    report(
        "AQMAR dev (trained on ANERcorp + AQMAR train + Wojood sample)",
        &dev,
    );
    if !a.dry_run {
        std::fs::write(&a.out, model.to_bytes())
            .with_context(|| format!("writing {}", a.out.display()))?;
        eprintln!(
            "wrote {} in {:.1}s",
            a.out.display(),
            t0.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Calls `f` with the text (`content` or `text`) of each of the first `limit` articles
/// of a JSONL file, gzipped when its name ends in `.gz`; lines that are not such
/// objects are skipped. Returns how many articles were read.
fn read_articles(path: &Path, limit: usize, mut f: impl FnMut(&str)) -> Result<usize> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
            file,
        )))
    } else {
        Box::new(std::io::BufReader::new(file))
    };
    let mut n = 0;
    for line in reader.lines() {
        if n >= limit {
            break;
        }
        let line = line.with_context(|| format!("reading {}", path.display()))?;
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let Some(text) = v
            .get("content")
            .or_else(|| v.get("text"))
            .and_then(|t| t.as_str())
        else {
            continue;
        };
        f(text);
        n += 1;
    }
    Ok(n)
}

fn train_clusters(a: ClusterArgs) -> Result<()> {
    let mut builder = ner::clusters::ClusterBuilder::default();
    let n = read_articles(&a.input, a.limit, |t| builder.add_text(t))?;
    let started = std::time::Instant::now();
    let sigs = builder.build(ner::clusters::ClusterOptions {
        vocabulary: a.vocabulary,
        min_count: a.min_count,
        contexts: a.contexts,
        dimensions: a.dimensions,
        levels: a.levels,
        seed: a.seed,
        ..Default::default()
    });
    let built = started.elapsed();
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(&a.out).with_context(|| format!("writing {}", a.out.display()))?,
    );
    writeln!(
        out,
        "# Word clusters learnt by `marsad train clusters` from {n} SaudiNewsNet articles."
    )?;
    writeln!(out, "# Derived from SaudiNewsNet (CC BY-NC-SA 4.0): word, count, 32-bit cluster code (hex; 4 bits a tree level, most significant first).")?;
    for (w, c, s) in &sigs {
        writeln!(out, "{w}\t{c}\t{s:08x}")?;
    }
    eprintln!(
        "{} words from {n} articles, clustered in {:.1} s -> {}",
        sigs.len(),
        built.as_secs_f64(),
        a.out.display()
    );
    Ok(())
}
