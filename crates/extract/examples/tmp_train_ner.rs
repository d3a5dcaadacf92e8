use marsad_extract::ner::training;
use marsad_extract::ner::{NerModel, TrainOptions};
fn main() {
    let dir = std::path::Path::new("/work/shared/data");
    let kb = marsad_extract::KnowledgeBase::bundled().unwrap();
    let kbo = if std::env::var("NOKB").is_ok() {
        None
    } else {
        Some(&kb)
    };
    let load = |f: &str| training::examples(&std::fs::read_to_string(dir.join(f)).unwrap(), kbo);
    let aner = load("anercorp/ANERCorp_train_camelsplit.txt");
    let dev = load("aqmar/aqmar_dev.txt");
    let mut extra = load("aqmar/aqmar_train.txt");
    extra.extend(load("wojood-sample/wojood_sample_train.txt"));
    extra.extend(load("wojood-sample/wojood_sample_val.txt"));
    let epochs: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().unwrap())
        .unwrap_or(10);
    let bits: u32 = std::env::args()
        .nth(2)
        .map(|s| s.parse().unwrap())
        .unwrap_or(18);
    let opts = TrainOptions {
        epochs,
        seed: 7,
        bucket_bits: bits,
    };
    if std::env::var("ERR").is_ok() {
        let n = aner.len();
        let mut train: Vec<_> = aner[n / 5..].to_vec();
        train.extend_from_slice(&extra);
        let m = NerModel::train(&train, opts);
        for (tok, h, gold) in &aner[..n / 5] {
            let pred = m.tag(tok, h);
            let g = marsad_extract::ner::spans_from_labels(tok, gold);
            let p = marsad_extract::ner::spans_from_labels(tok, &pred);
            let show = |s: &marsad_extract::ner::NerSpan| {
                tok[s.tokens.clone()]
                    .iter()
                    .map(|t| t.norm.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let ctx = |s: &marsad_extract::ner::NerSpan| {
                tok[s.tokens.start.saturating_sub(2)..s.tokens.start]
                    .iter()
                    .map(|t| t.norm.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            for x in &g {
                if !p.iter().any(|y| y.tokens == x.tokens && y.class == x.class) {
                    let other = p
                        .iter()
                        .find(|y| y.tokens.start < x.tokens.end && x.tokens.start < y.tokens.end);
                    println!(
                        "MISS {:?}\t{}\t[{}]\tkb={:?}\tgot={:?}",
                        x.class,
                        show(x),
                        ctx(x),
                        h.get(x.tokens.start).and_then(|h| h.kb),
                        other.map(|o| (o.class, show(o)))
                    );
                }
            }
            for y in &p {
                if !g
                    .iter()
                    .any(|x| x.tokens.start < y.tokens.end && y.tokens.start < x.tokens.end)
                {
                    println!("FP {:?}\t{}\t[{}]", y.class, show(y), ctx(y));
                }
            }
        }
        return;
    }
    let t = std::time::Instant::now();
    let folds = training::cross_validate(&aner, &extra, 5, opts);
    let tot = training::total(&folds);
    println!(
        "cv {:?} {:?} {:.1}s",
        training::prf(training::overall(&tot)),
        tot.map(training::prf),
        t.elapsed().as_secs_f64()
    );
    let mut all = aner;
    all.extend(extra);
    let m = NerModel::train(&all, opts);
    let d = training::evaluate(&m, &dev);
    println!(
        "dev {:?} {:?}",
        training::prf(training::overall(&d)),
        d.map(training::prf)
    );
    let cpu = || {
        let st = std::fs::read_to_string("/proc/thread-self/stat").unwrap();
        let f: Vec<&str> = st.rsplit(')').next().unwrap().split_whitespace().collect();
        f[11].parse::<f64>().unwrap() / 100.0
    };
    let c0 = cpu();
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..3 {
        for (tok, h, _) in &dev {
            n += m.tag(tok, h).len();
        }
    }
    let bytes: usize = dev
        .iter()
        .flat_map(|d| d.0.iter())
        .map(|t| t.bytes.len() + 1)
        .sum::<usize>()
        * 3;
    let c = cpu() - c0;
    println!(
        "tag {:.0} tokens/s wall, {:.0} tokens/s cpu, {:.1} MB/s cpu",
        n as f64 / t.elapsed().as_secs_f64(),
        n as f64 / c,
        bytes as f64 / c / 1e6
    );
    std::fs::write("/tmp/model.bin", m.to_bytes()).unwrap();
}
