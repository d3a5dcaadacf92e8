use std::collections::HashMap;
use std::io::BufRead;
fn main() {
    // NER-only names (no KB hints) over SaudiNewsNet sample; then how many the KB links.
    let kb = marsad_extract::KnowledgeBase::bundled().unwrap();
    let ex = marsad_extract::Extractor::bundled().unwrap();
    let mut counts: HashMap<(String, &'static str), usize> = HashMap::new();
    let f = std::fs::File::open("/work/shared/data/saudinewsnet/saudinewsnet_sample_1in25.jsonl")
        .unwrap();
    for line in std::io::BufReader::new(f).lines().take(1241) {
        let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let text = v["content"].as_str().unwrap_or("");
        let ctx = marsad_extract::TextContext::new(text, None);
        for s in marsad_extract::ner::find_names(&ctx.analysis.tokens, &[]) {
            let name = marsad_text::normalize_word(ctx.slice(s.span), marsad_text::Folding::MATCH);
            *counts.entry((name, s.class.conll_name())).or_default() += 1;
        }
    }
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1));
    let mut linked = 0;
    let mut misses = Vec::new();
    for ((name, class), n) in v.iter().take(300) {
        let doc = ex.analyze(name, &Default::default());
        let known = doc.entities.iter().any(|e| {
            e.known
                && e.mentions
                    .iter()
                    .any(|m| m.start == 0 && m.end == name.chars().count())
        });
        let _ = &kb;
        if known {
            linked += 1
        } else {
            misses.push(format!("{name}/{class}/{n}"))
        }
    }
    println!("linked {linked} of 300");
    println!("misses: {}", misses.join(", "));
}
