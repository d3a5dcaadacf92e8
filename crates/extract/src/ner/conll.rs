//! Reading CoNLL-style NER files (`token TAG [TAG…]` per line, blank line between
//! sentences) and aligning their tokens with the text layer's.

use super::{NerClass, NerLabel};
use marsad_text::{Analysis, AnalyzedToken};

/// One sentence of a CoNLL file, with tags reduced to our three classes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConllSentence {
    /// The file's tokens (invisible marks removed).
    pub tokens: Vec<String>,
    /// One label per token.
    pub labels: Vec<NerLabel>,
}

impl ConllSentence {
    /// The sentence as running text (tokens joined by single spaces) and the character
    /// span of each token in it.
    pub fn text(&self) -> (String, Vec<(usize, usize)>) {
        let mut text = String::new();
        let mut offs = Vec::with_capacity(self.tokens.len());
        let mut pos = 0;
        for (i, t) in self.tokens.iter().enumerate() {
            if i > 0 {
                text.push(' ');
                pos += 1;
            }
            let n = t.chars().count();
            offs.push((pos, pos + n));
            text.push_str(t);
            pos += n;
        }
        (text, offs)
    }

    /// Labels for the text layer's tokens of [`ConllSentence::text`]: a token takes the
    /// label of the file token it starts in; a B- file token gives B- only to its first
    /// token of ours.
    pub fn align(&self, analysis: &Analysis) -> Vec<NerLabel> {
        let (_, offs) = self.text();
        align_labels(&analysis.tokens, &offs, &self.labels)
    }
}

/// Aligns file-token labels onto our tokens by character offsets.
pub fn align_labels(
    tokens: &[AnalyzedToken],
    offs: &[(usize, usize)],
    labels: &[NerLabel],
) -> Vec<NerLabel> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut last_src: Option<usize> = None;
    for t in tokens {
        let src = offs.partition_point(|&(_, e)| e <= t.span.start);
        let label = match (offs.get(src), labels.get(src)) {
            (Some(&(s, e)), Some(&l)) if s <= t.span.start && t.span.start < e => {
                let first_piece = last_src != Some(src);
                last_src = Some(src);
                match l {
                    NerLabel::Begin(c) if !first_piece => NerLabel::Inside(c),
                    other => other,
                }
            }
            _ => NerLabel::O,
        };
        out.push(label);
    }
    // An I- with nothing open (IOB1 files) starts a name.
    let mut prev = NerLabel::O;
    for l in out.iter_mut() {
        if let NerLabel::Inside(c) = *l {
            if !l.may_follow(prev) {
                *l = NerLabel::Begin(c);
            }
        }
        prev = *l;
    }
    out
}

fn label_of(tags: &[&str]) -> NerLabel {
    for tag in tags {
        let (bio, class) = match tag.split_once('-') {
            Some(x) => x,
            None => continue,
        };
        if let Some(c) = NerClass::from_conll(class) {
            return match bio {
                "B" => NerLabel::Begin(c),
                _ => NerLabel::Inside(c),
            };
        }
    }
    NerLabel::O
}

/// Reads a CoNLL file's text. Tags other than person/organisation/place classes
/// (MISC, DATE, …) read as `O`; with several tags per token (nested Wojood), the
/// outermost person/organisation/place tag wins.
pub fn read_conll(text: &str) -> Vec<ConllSentence> {
    let mut out = Vec::new();
    let mut cur = ConllSentence::default();
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        let Some(tok) = parts.next() else {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        };
        let tok: String = tok
            .chars()
            .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{FEFF}'))
            .collect();
        if tok.is_empty() || tok == "$#$" {
            continue;
        }
        let tags: Vec<&str> = parts.collect();
        cur.tokens.push(tok);
        cur.labels.push(label_of(&tags));
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_and_aligns_clitic_words() {
        let s = read_conll(
            "وقال O\nالرئيس O\nبرند B-PERS\nجوتشولك I-PERS\n.\tO\n\nفي O\nنابلس I-OCC B-GPE\n",
        );
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].labels[2], NerLabel::Begin(NerClass::Person));
        assert_eq!(s[1].labels[1], NerLabel::Begin(NerClass::Loc));
        let (text, _) = s[0].text();
        let analysis = marsad_text::analyze(&text);
        let labels = s[0].align(&analysis);
        assert_eq!(labels.len(), analysis.tokens.len());
        assert_eq!(
            labels
                .iter()
                .filter(|l| matches!(l, NerLabel::Begin(_)))
                .count(),
            1
        );
    }

    #[test]
    fn stray_inside_starts_a_name() {
        let s = read_conll("في O\nألمانيا I-LOC\n");
        let (text, _) = s[0].text();
        let analysis = marsad_text::analyze(&text);
        assert_eq!(s[0].align(&analysis)[1], NerLabel::Begin(NerClass::Loc));
    }
}
