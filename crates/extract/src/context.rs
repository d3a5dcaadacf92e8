//! What every extraction stage reads: the text, its analysis and the anchor date.

use marsad_text::{Analysis, Span};

/// The analysed text handed to each extraction stage.
#[derive(Debug, Clone)]
pub struct TextContext<'a> {
    /// The original text.
    pub text: &'a str,
    /// Tokens and sentences from the text layer.
    pub analysis: Analysis,
    /// `YYYY-MM-DD` anchor for relative dates, if known.
    pub published: Option<&'a str>,
    /// Byte offset of every character, plus one trailing entry (`text.len()`).
    pub char_to_byte: Vec<usize>,
    /// The time scan, shared by the time and quantity stages (computed on first use).
    time_scan: std::sync::OnceLock<crate::time::TimeScan>,
    /// The text as characters, shared by the time scan and the quote finder (computed
    /// on first use).
    chars: std::sync::OnceLock<Vec<char>>,
}

/// The characters of `text` and the byte offset of each (then `text.len()`), decoded in
/// one pass: every stage that indexes the text by character reads one or the other, and
/// decoding the UTF-8 twice cost as much as filling both at once.
fn chars_and_offsets(text: &str) -> (Vec<char>, Vec<usize>) {
    // Sized by a count of the characters first (a quick pass): collecting straight from
    // `char_indices` guesses a quarter of the bytes and, for Arabic text, grows and
    // copies the vectors on the way.
    let n = text.chars().count();
    let mut chars = Vec::with_capacity(n);
    let mut char_to_byte = Vec::with_capacity(n + 1);
    for (b, c) in text.char_indices() {
        chars.push(c);
        char_to_byte.push(b);
    }
    char_to_byte.push(text.len());
    (chars, char_to_byte)
}

impl<'a> TextContext<'a> {
    /// Runs the text layer over `text`.
    pub fn new(text: &'a str, published: Option<&'a str>) -> TextContext<'a> {
        let mut ctx = TextContext::without_analysis(text, published);
        ctx.analysis = marsad_text::analyze(text);
        ctx
    }

    /// A context without the text layer's analysis (no tokens, no sentences), for stages
    /// that read only the text (times and quantities).
    pub fn without_analysis(text: &'a str, published: Option<&'a str>) -> TextContext<'a> {
        let analysis = Analysis::default();
        let (chars, char_to_byte) = chars_and_offsets(text);
        TextContext {
            text,
            analysis,
            published,
            char_to_byte,
            time_scan: std::sync::OnceLock::new(),
            chars: std::sync::OnceLock::from(chars),
        }
    }

    /// The time scan of the text, computed once and shared by the time and quantity stages.
    pub(crate) fn time_scan(&self) -> &crate::time::TimeScan {
        self.time_scan
            .get_or_init(|| crate::time::scan_times(self.scan_text(), self.published))
    }

    /// The text as the time scan reads it (characters and their byte offsets).
    pub(crate) fn scan_text(&self) -> crate::time::ScanText<'_> {
        crate::time::ScanText {
            text: self.text,
            chars: self.chars(),
            char_to_byte: &self.char_to_byte,
        }
    }

    /// The characters of the text, collected once and shared by the stages that index
    /// the text by character (the time scan, the quote finder).
    pub fn chars(&self) -> &[char] {
        self.chars.get_or_init(|| {
            let mut chars = Vec::with_capacity(self.char_len());
            chars.extend(self.text.chars());
            chars
        })
    }

    /// The original text of a character span.
    pub fn slice(&self, span: Span) -> &'a str {
        let n = self.char_to_byte.len() - 1;
        let s = self.char_to_byte[span.start.min(n)];
        let e = self.char_to_byte[span.end.min(n)];
        &self.text[s..e.max(s)]
    }

    /// Number of characters in the text.
    pub fn char_len(&self) -> usize {
        self.char_to_byte.len() - 1
    }

    /// Character offset of a byte offset (which must be on a char boundary).
    pub fn byte_to_char(&self, byte: usize) -> usize {
        self.char_to_byte.partition_point(|&b| b < byte)
    }

    /// Index of the sentence holding character `pos` (the last one starting at or before it).
    pub fn sentence_of(&self, pos: usize) -> usize {
        let s = &self.analysis.sentences;
        s.partition_point(|sp| sp.start <= pos).saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_and_offsets_match_the_text() {
        for text in [
            "",
            "a",
            "وفي العام الماضي، قال 28/1/2026 ١٬٢٠٠ café ﻻ 😀 end",
            "\u{10FFFF}\n\t x",
        ] {
            let (chars, offs) = chars_and_offsets(text);
            assert_eq!(chars, text.chars().collect::<Vec<_>>(), "{text}");
            let mut want: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            want.push(text.len());
            assert_eq!(offs, want, "{text}");
            let ctx = TextContext::without_analysis(text, None);
            assert_eq!(ctx.chars(), chars.as_slice());
            assert_eq!(ctx.char_to_byte, want);
        }
    }
}
