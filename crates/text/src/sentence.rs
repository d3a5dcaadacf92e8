//! Sentence splitting for news text.

use crate::{Span, Token};

/// Splits text into sentence spans (placeholder: `.`, `!`, `?`, `؟` and line breaks).
pub fn split_sentences(text: &str, tokens: &[Token<'_>]) -> Vec<Span> {
    let _ = text;
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut last_line = 0;
    for t in tokens {
        let line = text[..t.bytes.start].matches('\n').count();
        if let Some(s) = start {
            if line != last_line {
                out.push(Span::new(s, last_end));
                start = None;
            }
        }
        if start.is_none() {
            start = Some(t.span.start);
        }
        last_end = t.span.end;
        last_line = line;
        if matches!(t.text, "." | "!" | "?" | "؟") {
            if let Some(s) = start.take() {
                out.push(Span::new(s, t.span.end));
            }
        }
    }
    if let Some(s) = start {
        out.push(Span::new(s, last_end));
    }
    out
}
