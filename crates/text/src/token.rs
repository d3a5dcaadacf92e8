//! Offset-preserving tokenisation.
//!
//! Tokens never overlap and, together, cover every character of the text except
//! whitespace and stray invisible format characters (zero-width and bidi controls
//! that are not inside a word). Rules:
//! - an Arabic word is a run of Arabic letters with its diacritics and tatweel (and
//!   zero-width joiners between its letters);
//! - a number is a run of ASCII, Arabic-Indic or Persian digits, with `.` `,` `٫` `٬`
//!   inside it when a digit follows (`4.5`, `1,200`, `٤٫٥` are one token each);
//! - a Latin (or other non-Arabic script) word is a run of letters and digits that
//!   starts with a letter (`G20`);
//! - a URL starts with `http://`, `https://` or `www.` and runs to whitespace, without
//!   trailing punctuation;
//! - a run of full stops (`..`, `...`) is one token; every other punctuation mark or
//!   symbol (`،` `«` `/` `%` `٪` …) is a token of its own.

use crate::normalize::{is_invisible, is_mark};
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Invisible,
    Arabic,
    Digit,
    Letter,
    Other,
}

/// True for Arabic-script letters (not marks, digits or punctuation).
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}' | '\u{066F}'
        | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}' | '\u{06EF}' | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}' | '\u{FB50}'..='\u{FD3D}'
        | '\u{FD50}'..='\u{FDFB}' | '\u{FE70}'..='\u{FEFC}')
}

#[inline]
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

#[inline]
fn class(c: char) -> Class {
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' => Class::Letter,
            '0'..='9' => Class::Digit,
            ' ' | '\t' | '\n' | '\r' | '\x0B' | '\x0C' => Class::Space,
            _ => Class::Other,
        };
    }
    let cp = c as u32;
    if (0x0600..0x0700).contains(&cp) {
        // Arabic punctuation (، ؛ ؟ ٪) would otherwise take the slow Unicode lookups.
        return ARABIC_BLOCK_CLASS[(cp - 0x0600) as usize];
    }
    class_by_properties(c)
}

/// [`class_by_properties`] of U+0600–U+06FF, looked up instead of recomputed.
static ARABIC_BLOCK_CLASS: std::sync::LazyLock<[Class; 256]> = std::sync::LazyLock::new(|| {
    std::array::from_fn(|i| {
        char::from_u32(0x0600 + i as u32).map_or(Class::Other, class_by_properties)
    })
});

/// The class of a non-ASCII character from its Unicode properties.
fn class_by_properties(c: char) -> Class {
    if is_arabic_letter(c) || is_mark(c) || c == '\u{0640}' {
        Class::Arabic
    } else if is_digit(c) || c.is_numeric() {
        Class::Digit
    } else if c.is_whitespace() {
        Class::Space
    } else if is_invisible(c) {
        Class::Invisible
    } else if c.is_alphabetic() || ('\u{0300}'..='\u{036F}').contains(&c) {
        Class::Letter
    } else {
        Class::Other
    }
}

/// True for characters tokenised as punctuation (everything else that is not a
/// letter, digit or space is a symbol).
pub fn is_punct(c: char) -> bool {
    matches!(c, '!' | '"' | '#' | '\'' | '(' | ')' | '*' | ',' | '-' | '.' | '/' | ':' | ';' | '?' | '@' | '['
        | '\\' | ']' | '_' | '{' | '}' | '&' | '،' | '؛' | '؟' | '«' | '»' | '٭' | '۔' | '¡' | '¿' | '·' | '§'
        | '¶' | '\u{FD3E}' | '\u{FD3F}' | '\u{060D}' | '\u{061E}' | '\u{2010}'..='\u{2027}'
        | '\u{2032}'..='\u{205E}' | '\u{3001}'..='\u{3003}')
}

#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    match text[i..].chars().next() {
        Some(c) => (c, c.len_utf8()),
        None => ('\0', 1),
    }
}

/// True when code point `cp` (U+0600–U+067F, the two-byte part of the Arabic block)
/// belongs to an Arabic word: letters, marks and tatweel (what [`class`] calls
/// `Arabic` there; a test checks they agree).
#[inline]
fn is_arabic_word_char_2b(cp: u32) -> bool {
    matches!(cp, 0x0610..=0x061A | 0x0620..=0x065F | 0x066E..=0x067F)
}

/// Scans a run of `want`-class characters from byte `i`; invisible characters are
/// taken only when more of the run follows them. Returns the end (byte, char count).
#[inline]
fn scan_run(text: &str, mut i: usize, mut n: usize, want: Class) -> (usize, usize) {
    let len = text.len();
    if want == Class::Arabic {
        // Fast path over the two-byte Arabic block: whole letters and marks without
        // decoding; anything else falls through to the general loop below.
        let bytes = text.as_bytes();
        while i + 1 < len {
            let b0 = bytes[i];
            if b0 != 0xD8 && b0 != 0xD9 {
                break;
            }
            let cp = (u32::from(b0 & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F);
            if !is_arabic_word_char_2b(cp) {
                break;
            }
            i += 2;
            n += 1;
        }
        // An ASCII character never continues an Arabic word (nor is it invisible).
        if i >= len || bytes[i] < 0x80 {
            return (i, n);
        }
    }
    while i < len {
        let (c, w) = char_at(text, i);
        let k = class(c);
        if k == want || (want == Class::Letter && c.is_ascii_digit()) {
            i += w;
            n += 1;
        } else if k == Class::Invisible {
            // Look past the invisible run.
            let (mut j, mut m) = (i + w, n + 1);
            let mut cont = false;
            while j < len {
                let (d, dw) = char_at(text, j);
                match class(d) {
                    Class::Invisible => {
                        j += dw;
                        m += 1;
                    }
                    kd => {
                        cont = kd == want;
                        break;
                    }
                }
            }
            if !cont {
                break;
            }
            i = j;
            n = m;
        } else {
            break;
        }
    }
    (i, n)
}

fn url_len(rest: &str) -> usize {
    let lower_starts = |p: &str| {
        rest.len() >= p.len() && rest.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    };
    if !(lower_starts("http://") || lower_starts("https://") || lower_starts("www.")) {
        return 0;
    }
    let mut end = 0;
    for (i, c) in rest.char_indices() {
        if c.is_whitespace() || matches!(c, '«' | '»' | '"' | '“' | '”' | '<' | '>' | '،' | '؛')
        {
            break;
        }
        end = i + c.len_utf8();
    }
    let trimmed =
        rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '}', '\'', '’', '؟']);
    let t = trimmed.len();
    // Must have something after the scheme.
    if t <= 8 && !trimmed.contains('.') {
        return 0;
    }
    t
}

/// Calls `f` for every token of `text`, in order, without allocating.
pub fn for_each_token<'a>(text: &'a str, mut f: impl FnMut(Token<'a>)) {
    let len = text.len();
    let bytes = text.as_bytes();
    let (mut i, mut n) = (0usize, 0usize);
    while i < len {
        // Fast paths for what news text is made of: spaces between words, and words
        // that start with a letter of the two-byte Arabic block (the same decisions
        // as the general path below).
        let b0 = bytes[i];
        if b0 == b' ' {
            i += 1;
            n += 1;
            continue;
        }
        if (b0 == 0xD8 || b0 == 0xD9) && i + 1 < len {
            let cp = (u32::from(b0 & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F);
            if is_arabic_word_char_2b(cp) {
                let (end, nend) = scan_run(text, i + 2, n + 1, Class::Arabic);
                f(Token {
                    span: Span::new(n, nend),
                    bytes: i..end,
                    text: &text[i..end],
                    kind: TokenKind::Word,
                });
                i = end;
                n = nend;
                continue;
            }
        }
        let (c, w) = char_at(text, i);
        let k = class(c);
        let (end, nend, kind) = match k {
            Class::Space | Class::Invisible => {
                i += w;
                n += 1;
                continue;
            }
            Class::Arabic => {
                let (e, m) = scan_run(text, i + w, n + 1, Class::Arabic);
                (e, m, TokenKind::Word)
            }
            Class::Digit => {
                let (mut e, mut m) = scan_run(text, i + w, n + 1, Class::Digit);
                while e < len {
                    let (s, sw) = char_at(text, e);
                    if !matches!(s, '.' | ',' | '٫' | '٬') || e + sw >= len {
                        break;
                    }
                    let (d, _) = char_at(text, e + sw);
                    if class(d) != Class::Digit {
                        break;
                    }
                    let (e2, m2) = scan_run(text, e + sw, m + 1, Class::Digit);
                    e = e2;
                    m = m2;
                }
                (e, m, TokenKind::Number)
            }
            Class::Letter => {
                let u = if c == 'h' || c == 'H' || c == 'w' || c == 'W' {
                    url_len(&text[i..])
                } else {
                    0
                };
                if u > 0 {
                    let m = n + text[i..i + u].chars().count();
                    (i + u, m, TokenKind::Url)
                } else {
                    let (e, m) = scan_run(text, i + w, n + 1, Class::Letter);
                    (e, m, TokenKind::Latin)
                }
            }
            Class::Other => {
                if c == '.' {
                    let mut e = i + 1;
                    while e < len && text.as_bytes()[e] == b'.' {
                        e += 1;
                    }
                    (e, n + (e - i), TokenKind::Punct)
                } else if is_punct(c) {
                    (i + w, n + 1, TokenKind::Punct)
                } else {
                    (i + w, n + 1, TokenKind::Symbol)
                }
            }
        };
        f(Token {
            span: Span::new(n, nend),
            bytes: i..end,
            text: &text[i..end],
            kind,
        });
        i = end;
        n = nend;
    }
}

/// Splits text into tokens.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    for_each_token(text, |t| out.push(t));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn the_block_table_agrees_with_the_properties() {
        for cp in 0x0080u32..0x0800 {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(class(c), class_by_properties(c), "U+{cp:04X}");
            }
        }
    }

    #[test]
    fn the_arabic_fast_path_agrees_with_the_classes() {
        for cp in 0x0600u32..0x0680 {
            let c = char::from_u32(cp).expect("valid");
            assert_eq!(
                is_arabic_word_char_2b(cp),
                class(c) == Class::Arabic,
                "U+{cp:04X}"
            );
        }
    }

    #[test]
    fn numbers_are_one_token() {
        assert_eq!(
            texts("ارتفع 4.5% و1,200 و٤٫٥ ٪"),
            ["ارتفع", "4.5", "%", "و", "1,200", "و", "٤٫٥", "٪"]
        );
        assert_eq!(texts("عام 2026."), ["عام", "2026", "."]);
        assert_eq!(texts("3، 4"), ["3", "،", "4"]);
    }

    #[test]
    fn punctuation_tokens() {
        assert_eq!(
            texts("قال: «نعم»، (لا) – ربما… حقا؟ انتهى.. \"هنا\""),
            [
                "قال",
                ":",
                "«",
                "نعم",
                "»",
                "،",
                "(",
                "لا",
                ")",
                "–",
                "ربما",
                "…",
                "حقا",
                "؟",
                "انتهى",
                "..",
                "\"",
                "هنا",
                "\""
            ]
        );
        assert_eq!(texts("يناير/كانون"), ["يناير", "/", "كانون"]);
        assert_eq!(texts("وأخيرا..."), ["وأخيرا", "..."]);
    }

    #[test]
    fn diacritics_and_tatweel_stay_inside() {
        assert_eq!(texts("مُحَمَّدٌ الســـلام"), ["مُحَمَّدٌ", "الســـلام"]);
        let t = tokenize("مُحَمَّدٌ");
        assert_eq!(t[0].span, Span::new(0, 9));
    }

    #[test]
    fn latin_urls_kinds() {
        let t = tokenize("زار U.S. موقع https://example.com/a?b=1. وG20");
        let got: Vec<(&str, TokenKind)> = t.iter().map(|t| (t.text, t.kind)).collect();
        assert_eq!(
            got,
            [
                ("زار", TokenKind::Word),
                ("U", TokenKind::Latin),
                (".", TokenKind::Punct),
                ("S", TokenKind::Latin),
                (".", TokenKind::Punct),
                ("موقع", TokenKind::Word),
                ("https://example.com/a?b=1", TokenKind::Url),
                (".", TokenKind::Punct),
                ("و", TokenKind::Word),
                ("G20", TokenKind::Latin),
            ]
        );
    }

    #[test]
    fn offsets_are_chars() {
        let s = "أهلاً بكم 12";
        for t in tokenize(s) {
            let by_chars: String = s.chars().skip(t.span.start).take(t.span.len()).collect();
            assert_eq!(by_chars, t.text);
        }
    }

    #[test]
    fn invisible_inside_and_outside_words() {
        // ZWNJ inside a word stays; a stray RLM between words is skipped.
        assert_eq!(
            texts("می\u{200C}خواهم \u{200F} نعم"),
            ["می\u{200C}خواهم", "نعم"]
        );
        assert_eq!(texts("نعم\u{200F}"), ["نعم"]);
    }
}
