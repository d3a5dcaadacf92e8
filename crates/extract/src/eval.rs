//! Entity-level NER evaluation over CoNLL files (`token TAG` per line, blank line between
//! sentences), scored with the conlleval rules: a chunk starts at `B-X`, at `I-X` after
//! `O` or after another type, and a predicted chunk counts only when its span and type
//! equal a gold chunk's.
//!
//! The tokens are joined with single spaces (one sentence a line, `per_doc` sentences a
//! document, as `shared/tools/conll_ner.py` does), analysed with an [`Extractor`], and
//! every `name` mention is mapped back to BIO tags on the tokens it overlaps (longer
//! mentions first; a token keeps its first tag). Types follow ANERcorp: `PERSON` →
//! `PERS`, `ORG` → `ORG`, `GPE`/`LOC`/`FAC` → `LOC`; gold `PER`, `MIS` and `GPE` are read
//! as `PERS`, `MISC` and `LOC`. marsad predicts no `MISC`, so the report also gives the
//! overall figures without it.

use crate::{Document, EntityType, Extractor, MentionKind, Source};
use std::collections::{BTreeMap, HashSet};

/// One sentence of a CoNLL file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConllSentence {
    /// Tokens as written.
    pub tokens: Vec<String>,
    /// Their tags (`O`, `B-PERS`, `I-LOC`, ...), with type spellings unified.
    pub tags: Vec<String>,
}

/// A chunk: tokens `start..end` of one type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Chunk {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Type (`PERS`, `LOC`, `ORG`, `MISC`).
    pub kind: String,
}

/// True positives, predictions and gold chunks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Predicted chunks equal to a gold chunk.
    pub tp: usize,
    /// Predicted chunks.
    pub pred: usize,
    /// Gold chunks.
    pub gold: usize,
}

impl Counts {
    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            self.tp as f64 / self.pred as f64
        }
    }
    /// Recall (0 when there is no gold chunk).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }
    /// F1 (0 when precision and recall are both 0).
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.gold += o.gold;
    }
}

/// The result of an evaluation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NerReport {
    /// Counts per type (`LOC`, `MISC`, `ORG`, `PERS`).
    pub per_type: BTreeMap<String, Counts>,
    /// All types, conlleval's overall figure.
    pub overall: Counts,
    /// All types but `MISC` (comparable with `conll_ner.py`).
    pub overall_no_misc: Counts,
    /// Sentences read.
    pub sentences: usize,
    /// Tokens read.
    pub tokens: usize,
    /// Documents analysed.
    pub documents: usize,
}

fn unify(tag: &str) -> String {
    let Some((bio, kind)) = tag.split_once('-') else {
        return "O".to_string();
    };
    if bio != "B" && bio != "I" {
        return "O".to_string();
    }
    let kind = match kind {
        "PER" | "PERSON" => "PERS",
        "MIS" => "MISC",
        "GPE" => "LOC",
        k => k,
    };
    format!("{bio}-{kind}")
}

/// Reads a CoNLL file: the first column is the token, the last the tag.
pub fn parse_conll(text: &str) -> Vec<ConllSentence> {
    let mut out = Vec::new();
    let mut cur = ConllSentence::default();
    for line in text.lines() {
        let mut cols = line.split_whitespace();
        let Some(tok) = cols.next() else {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        };
        let tag = cols.next_back().unwrap_or("O");
        cur.tokens.push(tok.to_string());
        cur.tags.push(unify(tag));
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

/// The chunks of a tag sequence, conlleval-style.
pub fn chunks(tags: &[String]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, tag) in tags
        .iter()
        .map(String::as_str)
        .chain(std::iter::once("O"))
        .enumerate()
    {
        let (bio, kind) = tag.split_once('-').unwrap_or(("O", ""));
        let continues = bio == "I" && open.is_some_and(|(_, k)| k == kind);
        if !continues {
            if let Some((s, k)) = open.take() {
                out.push(Chunk {
                    start: s,
                    end: i,
                    kind: k.to_string(),
                });
            }
            if bio == "B" || bio == "I" {
                open = Some((i, kind));
            }
        }
    }
    out
}

/// The BIO tags an analysed document gives tokens at the character spans `offs`.
pub fn tag_tokens(doc: &Document, offs: &[(usize, usize)]) -> Vec<String> {
    let mut spans: Vec<(usize, usize, &'static str)> = Vec::new();
    for e in &doc.entities {
        let kind = match e.kind {
            EntityType::Person => "PERS",
            EntityType::Org => "ORG",
            EntityType::Gpe | EntityType::Loc | EntityType::Fac => "LOC",
        };
        for m in &e.mentions {
            if m.kind == MentionKind::Name {
                spans.push((m.start, m.end, kind));
            }
        }
    }
    spans.sort_by_key(|&(s, e, _)| (std::cmp::Reverse(e - s), s));
    let mut tags = vec!["O".to_string(); offs.len()];
    for (s, e, kind) in spans {
        let first = offs.partition_point(|&(_, te)| te <= s);
        let toks: Vec<usize> = (first..offs.len()).take_while(|&k| offs[k].0 < e).collect();
        if toks.is_empty() || toks.iter().any(|&k| tags[k] != "O") {
            continue;
        }
        for (n, &k) in toks.iter().enumerate() {
            tags[k] = format!("{}-{kind}", if n == 0 { "B" } else { "I" });
        }
    }
    tags
}

/// Analyses the sentences, `per_doc` to a document, and scores the predicted chunks.
pub fn evaluate(extractor: &Extractor, sentences: &[ConllSentence], per_doc: usize) -> NerReport {
    let mut report = NerReport {
        sentences: sentences.len(),
        ..NerReport::default()
    };
    for kind in ["LOC", "MISC", "ORG", "PERS"] {
        report.per_type.insert(kind.to_string(), Counts::default());
    }
    for group in sentences.chunks(per_doc.max(1)) {
        let mut text = String::new();
        let mut n_chars = 0;
        let mut offs = Vec::new();
        let mut gold_tags = Vec::new();
        for s in group {
            for (j, (tok, tag)) in s.tokens.iter().zip(&s.tags).enumerate() {
                if j > 0 {
                    text.push(' ');
                    n_chars += 1;
                }
                let len = tok.chars().count();
                offs.push((n_chars, n_chars + len));
                text.push_str(tok);
                n_chars += len;
                gold_tags.push(tag.clone());
            }
            text.push('\n');
            n_chars += 1;
        }
        report.tokens += offs.len();
        report.documents += 1;
        let doc = extractor.analyze(&text, &Source::default());
        let pred: HashSet<Chunk> = chunks(&tag_tokens(&doc, &offs)).into_iter().collect();
        let gold: HashSet<Chunk> = chunks(&gold_tags).into_iter().collect();
        for (kind, c) in report.per_type.iter_mut() {
            let g: HashSet<&Chunk> = gold.iter().filter(|x| &x.kind == kind).collect();
            let p: HashSet<&Chunk> = pred.iter().filter(|x| &x.kind == kind).collect();
            c.add(Counts {
                tp: g.intersection(&p).count(),
                pred: p.len(),
                gold: g.len(),
            });
        }
    }
    for (kind, c) in &report.per_type {
        report.overall.add(*c);
        if kind != "MISC" {
            report.overall_no_misc.add(*c);
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_conll_and_unifies_tags() {
        let s = parse_conll("زار B-PER\nبوتين I-PER\n\nفي O\nموسكو B-GPE\n");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tags, ["B-PERS", "I-PERS"]);
        assert_eq!(s[1].tags, ["O", "B-LOC"]);
    }

    #[test]
    fn conlleval_chunks() {
        let tags: Vec<String> = ["I-LOC", "I-LOC", "B-LOC", "I-ORG", "O", "I-PERS"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let c = chunks(&tags);
        let spans: Vec<(usize, usize, &str)> = c
            .iter()
            .map(|c| (c.start, c.end, c.kind.as_str()))
            .collect();
        assert_eq!(
            spans,
            [(0, 2, "LOC"), (2, 3, "LOC"), (3, 4, "ORG"), (5, 6, "PERS")]
        );
    }

    #[test]
    fn counts() {
        let c = Counts {
            tp: 1,
            pred: 2,
            gold: 4,
        };
        assert!((c.f1() - 2.0 * 0.5 * 0.25 / 0.75).abs() < 1e-9);
        assert_eq!(Counts::default().f1(), 0.0);
    }
}
