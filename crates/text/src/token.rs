//! Offset-preserving tokenisation.

use crate::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// An Arabic-script word.
    Word,
    /// A number (4.5, 1,200, ٤٫٥).
    Number,
    /// A Latin-script word.
    Latin,
    /// A URL.
    Url,
    /// Punctuation.
    Punct,
    /// Any other symbol (%, $, ...).
    Symbol,
}

/// A token borrowed from the original text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token<'a> {
    /// Character span.
    pub span: Span,
    /// Byte range.
    pub bytes: std::ops::Range<usize>,
    /// The original text of the token.
    pub text: &'a str,
    /// Its kind.
    pub kind: TokenKind,
}

fn class(c: char) -> u8 {
    if c.is_whitespace() {
        0
    } else if c.is_numeric() {
        2
    } else if c.is_alphabetic() || ('\u{064B}'..='\u{065F}').contains(&c) || c == '\u{0640}' || c == '\u{0670}' {
        1
    } else {
        3
    }
}

/// Splits text into tokens (placeholder: words, numbers, single punctuation).
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize, u8)> = None; // (byte start, char start, class)
    let mut ci = 0;
    for (bi, c) in text.char_indices() {
        let k = class(c);
        if let Some((bs, cs, ck)) = cur {
            if k != ck || k == 3 {
                out.push(make(text, bs, bi, cs, ci, ck));
                cur = None;
            }
        }
        if cur.is_none() && k != 0 {
            cur = Some((bi, ci, k));
        }
        ci += 1;
    }
    if let Some((bs, cs, ck)) = cur {
        out.push(make(text, bs, text.len(), cs, ci, ck));
    }
    out
}

fn make(text: &str, bs: usize, be: usize, cs: usize, ce: usize, k: u8) -> Token<'_> {
    let t = &text[bs..be];
    let kind = match k {
        2 => TokenKind::Number,
        1 if t.chars().all(|c| c.is_ascii_alphabetic()) => TokenKind::Latin,
        1 => TokenKind::Word,
        _ => TokenKind::Punct,
    };
    Token {
        span: Span::new(cs, ce),
        bytes: bs..be,
        text: t,
        kind,
    }
}
