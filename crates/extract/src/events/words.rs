//! A word-level view of the analysed text for event finding: each token folded, with
//! its possible proclitic splits, and the clause boundaries.

use marsad_text::{fold_char, Folding, TokenKind};

use super::lexicon::fold;
use crate::TextContext;

/// One way to split proclitics off a folded word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The proclitics removed (folded, e.g. `وب`), article not included.
    pub proclitics: String,
    /// True when the article `ال` was also removed (it stays in a trigger span).
    pub article: bool,
    /// What is left.
    pub core: String,
}

/// A token as the event finder sees it.
#[derive(Debug, Clone)]
pub struct Word {
    /// First character of the token in the original text.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The token is an Arabic or Latin word (not a number or punctuation).
    pub is_word: bool,
    /// The token ends a clause (punctuation such as `،` `؛` `.` `:` quote marks).
    pub boundary: bool,
    /// Folded form of the whole token.
    pub folded: String,
    /// Possible proclitic splits, fewest characters removed first (the first is the word itself).
    pub splits: Vec<Split>,
    /// Sentence index.
    pub sentence: usize,
}

impl Word {
    /// True when the word, or the word without some proclitics (and article), starts with `p`.
    pub fn starts_with(&self, p: &str) -> bool {
        self.splits.iter().any(|s| s.core.starts_with(p)) || self.folded.starts_with(p)
    }

    /// True when the word, with or without proclitics and article, is exactly `w`.
    pub fn is(&self, w: &str) -> bool {
        self.folded == w || self.splits.iter().any(|s| s.core == w)
    }

    /// True when the word is exactly `w` after removing only the conjunction و/ف.
    pub fn is_bare(&self, w: &str) -> bool {
        self.folded == w
            || self
                .splits
                .iter()
                .any(|s| (s.proclitics == "و" || s.proclitics == "ف") && !s.article && s.core == w)
    }

    /// The proclitics of the shortest split whose core starts with `p`.
    pub fn proclitics_before(&self, p: &str) -> Option<&Split> {
        self.splits.iter().find(|s| s.core.starts_with(p))
    }

    /// True when the word starts with the article (after the conjunction).
    pub fn definite(&self) -> bool {
        let f = self
            .folded
            .strip_prefix('و')
            .or_else(|| self.folded.strip_prefix('ف'))
            .unwrap_or(&self.folded);
        f.starts_with("ال") || f.starts_with("لل")
    }
}

/// Every proclitic split of a folded word, fewest removed characters first.
pub fn splits(w: &str) -> Vec<Split> {
    let mut out: Vec<Split> = Vec::new();
    let mut push = |proclitics: String, article: bool, core: &str| {
        if core.chars().count() >= 2 {
            let s = Split {
                proclitics,
                article,
                core: core.to_string(),
            };
            if !out.contains(&s) {
                out.push(s);
            }
        }
    };
    for conj in ["", "و", "ف"] {
        let Some(r1) = w.strip_prefix(conj) else {
            continue;
        };
        for prep in ["", "ب", "ل", "ك", "س"] {
            let Some(rest) = r1.strip_prefix(prep) else {
                continue;
            };
            let procl = format!("{conj}{prep}");
            push(procl.clone(), false, rest);
            if let Some(core) = rest.strip_prefix("ال") {
                push(procl.clone(), true, core);
            }
            if prep == "ل" {
                if let Some(core) = rest.strip_prefix('ل') {
                    // لل = lam + article with its alef dropped.
                    push(procl.clone(), true, core);
                }
            }
        }
    }
    out.sort_by_key(|s| s.proclitics.chars().count() + if s.article { 2 } else { 0 });
    out
}

/// Character offset inside `token_text` of the `n`-th character that survives folding.
pub fn original_offset(token_text: &str, n: usize) -> usize {
    let mut seen = 0;
    for (i, c) in token_text.chars().enumerate() {
        if fold_char(c, Folding::MATCH).is_some() {
            if seen == n {
                return i;
            }
            seen += 1;
        }
    }
    token_text.chars().count()
}

fn is_boundary_punct(s: &str) -> bool {
    s.chars().all(|c| {
        matches!(
            c,
            '،' | '؛'
                | ','
                | ';'
                | ':'
                | '.'
                | '؟'
                | '?'
                | '!'
                | '«'
                | '»'
                | '"'
                | '“'
                | '”'
                | '('
                | ')'
                | '['
                | ']'
                | '–'
                | '—'
                | '\''
        )
    }) && !s.is_empty()
}

/// Builds the word view of every token.
pub fn words(ctx: &TextContext<'_>) -> Vec<Word> {
    ctx.analysis
        .tokens
        .iter()
        .map(|t| {
            let text = ctx.slice(t.span);
            let is_word = matches!(t.kind, TokenKind::Word | TokenKind::Latin);
            let folded = if is_word { fold(text) } else { String::new() };
            let splits = if is_word { splits(&folded) } else { Vec::new() };
            let boundary =
                matches!(t.kind, TokenKind::Punct | TokenKind::Symbol) && is_boundary_punct(text);
            Word {
                start: t.span.start,
                end: t.span.end,
                is_word,
                boundary,
                folded,
                splits,
                sentence: t.sentence,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_cover_clitics_and_article() {
        let s = splits(&fold("وبالزيارة"));
        assert_eq!(s[0].core, "وبالزيارة");
        assert!(s
            .iter()
            .any(|x| x.core == "زيارة" && x.article && x.proclitics == "وب"));
        let s = splits(&fold("للمساهمة"));
        assert!(s.iter().any(|x| x.core == "مساهمة" && x.proclitics == "ل"));
    }

    #[test]
    fn offsets_skip_diacritics() {
        assert_eq!(original_offset("وَقّع", 1), 2);
        assert_eq!(original_offset("بطلب", 1), 1);
        assert_eq!(original_offset("ab", 5), 2);
    }
}
