//! Sentence splitting for news text.
//!
//! Rules:
//! - every non-blank line is at least one sentence (a line or paragraph break always
//!   ends a sentence);
//! - inside a line, a sentence ends after `.`, `!`, `?`, `؟`, `…`, `۔` or a run of three
//!   or more full stops, when whitespace (or the end of the text) follows; a run of
//!   terminators (`؟!`) ends it once, after the last;
//! - a closing quotation mark or bracket right after the terminator stays with the
//!   sentence (`... جدا." قال` splits after `"`);
//! - no split after two dots (`..`, used in headlines), after `؛` or `:`, inside a
//!   number (`4.5` is one token) or after an abbreviation (`د.` before a name, single
//!   Latin letters as in `U.S.`, the list in `data/abbreviations.tsv`);
//! - sentence spans are trimmed: they run from the first to the last token.

use crate::{Span, Token, TokenKind};
use std::sync::LazyLock;

static ABBREVIATIONS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("../data/abbreviations.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .collect()
});

/// True when the text between two tokens (UTF-8 bytes) holds a line break: `\n`,
/// `\r`, U+2028, U+2029 or U+0085. Works on bytes, without slicing a `str`: the gap
/// between tokens is most often one space.
fn has_line_break(gap: &[u8]) -> bool {
    match gap {
        [] | [b' '] => false,
        _ => {
            gap.iter().any(|&b| b == b'\n' || b == b'\r')
                || (!gap.is_ascii()
                    && (gap
                        .windows(3)
                        .any(|w| w == "\u{2028}".as_bytes() || w == "\u{2029}".as_bytes())
                        || gap.windows(2).any(|w| w == "\u{85}".as_bytes())))
        }
    }
}

fn is_terminator(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Punct
        && (matches!(t.text, "." | "!" | "?" | "؟" | "…" | "۔")
            || (t.text.len() >= 3 && t.text.bytes().all(|b| b == b'.')))
}

/// Letters of a word, ignoring diacritics, tatweel and invisible characters.
fn letter_count(s: &str) -> usize {
    s.chars()
        .filter(|&c| crate::fold_char(c, crate::Folding::MATCH).is_some())
        .count()
}

/// True when the full stop at `tokens[i]` closes an abbreviation.
fn is_abbreviation_stop(tokens: &[Token<'_>], i: usize) -> bool {
    if i == 0 || tokens[i].text != "." {
        return false;
    }
    let prev = &tokens[i - 1];
    if prev.bytes.end != tokens[i].bytes.start {
        return false;
    }
    let standalone =
        i < 2 || tokens[i - 2].bytes.end < prev.bytes.start || tokens[i - 2].text == ".";
    let after_number = i >= 2 && tokens[i - 2].kind == TokenKind::Number;
    match prev.kind {
        TokenKind::Word => {
            let single = letter_count(prev.text) == 1;
            let listed = ABBREVIATIONS.contains(&prev.text);
            // "إلخ." mostly ends a sentence when nothing else follows on the line.
            if prev.text == "إلخ" {
                return false;
            }
            (single || listed) && standalone && !after_number
        }
        TokenKind::Latin => {
            (prev.text.chars().count() == 1 && standalone) || ABBREVIATIONS.contains(&prev.text)
        }
        _ => false,
    }
}

/// True for marks that can close a quotation or parenthesis.
fn is_closing(t: &Token<'_>, straight_quote_open: bool, single_quote_open: bool) -> bool {
    match t.text {
        "»" | "”" | "’" | ")" | "]" | "}" | "›" | "\u{FD3F}" => true,
        "\"" => straight_quote_open,
        "'" => single_quote_open,
        _ => false,
    }
}

/// Splits text into sentence spans. `tokens` must be the tokens of `text`
/// (as returned by [`crate::tokenize`]).
pub fn split_sentences(text: &str, tokens: &[Token<'_>]) -> Vec<Span> {
    let mut out = Vec::with_capacity(tokens.len() / 20 + 1);
    let mut start: Option<usize> = None;
    let mut dq_open = false;
    let mut sq_open = false;
    let mut i = 0;
    let gap = |a: usize, b: usize| -> &[u8] {
        text.as_bytes()
            .get(tokens[a].bytes.end..tokens[b].bytes.start)
            .unwrap_or_default()
    };
    while i < tokens.len() {
        if i > 0 && start.is_some() && has_line_break(gap(i - 1, i)) {
            if let Some(s) = start.take() {
                out.push(Span::new(tokens[s].span.start, tokens[i - 1].span.end));
            }
            dq_open = false;
            sq_open = false;
        }
        if start.is_none() {
            start = Some(i);
        }
        let t = &tokens[i];
        match t.text {
            "\"" => dq_open = !dq_open,
            "'" => sq_open = !sq_open,
            _ => {}
        }
        if is_terminator(t) && !is_abbreviation_stop(tokens, i) {
            // Extend over adjacent terminators and closing marks.
            let mut end = i;
            while end + 1 < tokens.len() && tokens[end + 1].bytes.start == tokens[end].bytes.end {
                let n = &tokens[end + 1];
                if is_terminator(n) || n.text == ".." {
                    end += 1;
                } else if is_closing(n, dq_open, sq_open) {
                    match n.text {
                        "\"" => dq_open = false,
                        "'" => sq_open = false,
                        _ => {}
                    }
                    end += 1;
                } else {
                    break;
                }
            }
            let followed_by_space =
                end + 1 >= tokens.len() || tokens[end + 1].bytes.start > tokens[end].bytes.end;
            if followed_by_space {
                if let Some(s) = start.take() {
                    out.push(Span::new(tokens[s].span.start, tokens[end].span.end));
                }
                dq_open = false;
                sq_open = false;
            }
            i = end + 1;
            continue;
        }
        i += 1;
    }
    if let Some(s) = start {
        if let Some(last) = tokens.last() {
            out.push(Span::new(tokens[s].span.start, last.span.end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize;

    fn sents(s: &str) -> Vec<String> {
        let toks = tokenize(s);
        split_sentences(s, &toks)
            .into_iter()
            .map(|sp| s.chars().skip(sp.start).take(sp.len()).collect())
            .collect()
    }

    #[test]
    fn basic_terminators() {
        assert_eq!(
            sents("وصل الوفد. ثم غادر! هل عاد؟ نعم"),
            ["وصل الوفد.", "ثم غادر!", "هل عاد؟", "نعم"]
        );
    }

    #[test]
    fn lines_are_sentences() {
        assert_eq!(
            sents("عنوان رئيسي\n\nنص الخبر هنا.\n  عنوان فرعي  \n"),
            ["عنوان رئيسي", "نص الخبر هنا.", "عنوان فرعي"]
        );
    }

    #[test]
    fn no_split_in_numbers_dots_semicolon() {
        assert_eq!(
            sents("بلغ النمو 4.5 بالمئة؛ حيث ارتفع.. كيف؟"),
            ["بلغ النمو 4.5 بالمئة؛ حيث ارتفع.. كيف؟"]
        );
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            sents("قال د. أحمد إن الوضع جيد. وأضاف"),
            ["قال د. أحمد إن الوضع جيد.", "وأضاف"]
        );
        assert_eq!(
            sents("زار U.S. Army القاعدة. ثم عاد"),
            ["زار U.S. Army القاعدة.", "ثم عاد"]
        );
        assert_eq!(sents("ولد عام 1950 م. وعاش"), ["ولد عام 1950 م.", "وعاش"]);
    }

    #[test]
    fn closing_quote_stays() {
        assert_eq!(
            sents("وقال \"الوضع صعب جدا.\" ثم غادر."),
            ["وقال \"الوضع صعب جدا.\"", "ثم غادر."]
        );
        assert_eq!(sents("قال: «انتهينا.» وغادر"), ["قال: «انتهينا.»", "وغادر"]);
        assert_eq!(sents("هل انتهى؟! لا."), ["هل انتهى؟!", "لا."]);
    }

    #[test]
    fn opening_quote_after_stop_is_not_closing() {
        assert_eq!(
            sents("انتهى الاجتماع. \"نحن هنا\" قال."),
            ["انتهى الاجتماع.", "\"نحن هنا\" قال."]
        );
    }

    #[test]
    fn line_breaks_of_every_kind() {
        for br in [
            "\n",
            "\r\n",
            "\u{2028}",
            "\u{2029}",
            "\u{85}",
            " \u{200F}\n ",
        ] {
            assert_eq!(
                sents(&format!("جملة أولى{br}جملة ثانية")),
                ["جملة أولى", "جملة ثانية"],
                "{br:?}"
            );
        }
        for gap in [" ", "  ", "\u{00A0}", " \u{2003} "] {
            assert_eq!(sents(&format!("جملة{gap}واحدة")).len(), 1, "{gap:?}");
        }
    }

    #[test]
    fn empty() {
        assert!(sents("  \n ").is_empty());
    }
}
