//! Normalisation for matching that never moves offsets.
//!
//! Folding is done character by character, so every normalised character comes from
//! exactly one original character ([`Normalized::to_original`]). One original character
//! may give zero characters (diacritics, tatweel, invisible controls are dropped) or
//! several (a presentation-form ligature such as `ﻻ` gives `لا`; both map to the
//! ligature's index).
//!
//! Always-on folds: harakat, tanween, shadda, sukun, superscript alef (U+0670), Quranic
//! marks and tatweel are dropped; `أ إ آ ٱ` → `ا`; `ى` → `ي`; Persian and Urdu letters
//! (`ی ک ڪ ە ۀ ھ ہ ۃ`) → their Arabic equivalents; Arabic presentation forms
//! (U+FB50–U+FDFF, U+FE70–U+FEFF) → their compatibility (NFKC) letters; zero-width
//! characters and bidi controls are dropped; Arabic-Indic and Persian digits → ASCII,
//! `٫` → `.`, `٬` → `,`. Optional folds are chosen with [`Folding`].

use std::sync::LazyLock;

/// Which optional foldings to apply on top of the always-on ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Folding {
    /// ة → ه.
    pub ta_marbuta: bool,
    /// ؤ → و, ئ → ي (search folding).
    pub hamza_seats: bool,
}

impl Folding {
    /// The folding used for matching names and lexicons.
    pub const MATCH: Folding = Folding {
        ta_marbuta: false,
        hamza_seats: false,
    };
    /// The folding used for search.
    pub const SEARCH: Folding = Folding {
        ta_marbuta: true,
        hamza_seats: true,
    };
}

/// Normalised text with a map back to the original.
#[derive(Debug, Clone, PartialEq)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// For each character of `text`, the index of the original character it came from;
    /// one extra trailing entry holds the original length in characters.
    pub to_original: Vec<usize>,
}

const PF_FIRST: u32 = 0xFB50;
const PF_LAST: u32 = 0xFEFF;

/// NFKC expansions of the Arabic presentation forms, indexed by `cp - 0xFB50`
/// (empty = not a presentation form with a decomposition).
static PRESENTATION: LazyLock<Vec<Box<[char]>>> = LazyLock::new(|| {
    let mut table: Vec<Box<[char]>> = vec![Box::default(); (PF_LAST - PF_FIRST + 1) as usize];
    for line in include_str!("../data/presentation_forms.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(cp), Some(exp)) = (fields.next(), fields.next()) else {
            continue;
        };
        let Ok(cp) = u32::from_str_radix(cp, 16) else {
            continue;
        };
        let mut chars: Vec<char> = exp
            .split(' ')
            .filter_map(|h| u32::from_str_radix(h, 16).ok())
            .filter_map(char::from_u32)
            .collect();
        // Isolated harakat forms decompose to SPACE + mark: keep only the mark.
        if chars.len() == 2 && chars[0] == ' ' && is_mark(chars[1]) {
            chars.remove(0);
        }
        if (PF_FIRST..=PF_LAST).contains(&cp) {
            table[(cp - PF_FIRST) as usize] = chars.into_boxed_slice();
        }
    }
    table
});

/// True for Arabic combining marks and tatweel: harakat, tanween, shadda, sukun,
/// superscript alef, Quranic annotation marks.
#[inline]
pub const fn is_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}' | '\u{06EA}'..='\u{06ED}' | '\u{08D3}'..='\u{08FF}')
}

/// True when a word ends in nunation (tanween: `ً` `ٌ` `ٍ`), the mark of an indefinite
/// noun or adjective: `أميناً`, `دوماً`, `كوبًا` (fathatan before its alef), `جانٍ`.
/// Only other marks, tatweel, and the alef or alef maqsura that carries fathatan may
/// follow it; a mark inside the word (a typing slip) does not count.
pub fn ends_in_nunation(word: &str) -> bool {
    for c in word.chars().rev() {
        match c {
            '\u{064B}'..='\u{064D}' => return true,
            'ا' | 'ى' => {}
            c if is_mark(c) || c == '\u{0640}' => {}
            _ => return false,
        }
    }
    false
}

/// True for invisible format characters that normalisation drops: zero-width
/// space/joiners, direction marks and embeddings, word joiner, BOM, soft hyphen,
/// Arabic letter mark.
#[inline]
pub const fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Folds one character without presentation-form expansion.
#[inline]
const fn fold_basic(c: char, f: Folding) -> Option<char> {
    if (c as u32) < 0xAD {
        return Some(c);
    }
    Some(match c {
        '\u{0640}' => return None,
        c if is_mark(c) || is_invisible(c) => return None,
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ی' | 'ې' | 'ۍ' => 'ي',
        'ک' | 'ڪ' => 'ك',
        'ە' | 'ۀ' | 'ھ' | 'ہ' => 'ه',
        'ۃ' => {
            if f.ta_marbuta {
                'ه'
            } else {
                'ة'
            }
        }
        'ة' if f.ta_marbuta => 'ه',
        'ؤ' if f.hamza_seats => 'و',
        'ئ' if f.hamza_seats => 'ي',
        '٠'..='٩' => (b'0' + (c as u32 - 0x0660) as u8) as char,
        '۰'..='۹' => (b'0' + (c as u32 - 0x06F0) as u8) as char,
        '٫' => '.',
        '٬' => ',',
        c => c,
    })
}

/// Folds one character; `None` drops it (diacritics, tatweel, invisible controls).
///
/// A presentation form that stands for one letter is folded to that letter. A
/// ligature of several letters (`ﻻ`, `ﷺ`) cannot be one character: it is returned
/// unchanged here; [`fold_chars`], [`normalize`] and [`normalize_word`] expand it.
pub fn fold_char(c: char, f: Folding) -> Option<char> {
    let cp = c as u32;
    if (0x0600..0x0700).contains(&cp) {
        let table = &ARABIC_BLOCK[usize::from(f.ta_marbuta) | usize::from(f.hamza_seats) << 1];
        return char::from_u32(table[(cp - 0x0600) as usize]);
    }
    if (PF_FIRST..=PF_LAST).contains(&cp) {
        let exp = &PRESENTATION[(cp - PF_FIRST) as usize];
        let mut folded = exp.iter().filter_map(|&d| fold_basic(d, f));
        return match (exp.is_empty(), folded.next(), folded.next()) {
            (true, _, _) => fold_basic(c, f),
            (false, None, _) => None,
            (false, Some(d), None) => Some(d),
            (false, Some(_), Some(_)) => Some(c),
        };
    }
    fold_basic(c, f)
}

/// Marks a dropped character in [`ARABIC_BLOCK`].
const DROPPED: u32 = u32::MAX;

/// [`fold_basic`] of U+0600–U+06FF, worked out at compile time for each of the four
/// foldings (index: `ta_marbuta | hamza_seats << 1`): the hot path of normalisation.
static ARABIC_BLOCK: [[u32; 256]; 4] = [
    block_table(Folding {
        ta_marbuta: false,
        hamza_seats: false,
    }),
    block_table(Folding {
        ta_marbuta: true,
        hamza_seats: false,
    }),
    block_table(Folding {
        ta_marbuta: false,
        hamza_seats: true,
    }),
    block_table(Folding {
        ta_marbuta: true,
        hamza_seats: true,
    }),
];

const fn block_table(f: Folding) -> [u32; 256] {
    let mut table = [DROPPED; 256];
    let mut i = 0;
    while i < 256 {
        if let Some(c) = char::from_u32(0x0600 + i as u32) {
            if let Some(d) = fold_basic(c, f) {
                table[i] = d as u32;
            }
        }
        i += 1;
    }
    table
}

/// Folds one character, expanding ligatures; calls `emit` for each resulting
/// character (zero, one or several times).
#[inline]
pub fn fold_chars(c: char, f: Folding, mut emit: impl FnMut(char)) {
    let cp = c as u32;
    if (0x0600..0x0700).contains(&cp) {
        let table = &ARABIC_BLOCK[usize::from(f.ta_marbuta) | usize::from(f.hamza_seats) << 1];
        if let Some(d) = char::from_u32(table[(cp - 0x0600) as usize]) {
            emit(d);
        }
        return;
    }
    if (PF_FIRST..=PF_LAST).contains(&cp) {
        let exp = &PRESENTATION[(cp - PF_FIRST) as usize];
        if !exp.is_empty() {
            for &d in exp.iter() {
                if let Some(e) = fold_basic(d, f) {
                    emit(e);
                }
            }
            return;
        }
    }
    if let Some(d) = fold_basic(c, f) {
        emit(d);
    }
}

/// Normalises a text, keeping the map to original characters.
pub fn normalize(s: &str, f: Folding) -> Normalized {
    let mut text = String::with_capacity(s.len());
    let mut to_original = Vec::with_capacity(s.len());
    let mut n = 0;
    for (i, c) in s.chars().enumerate() {
        fold_chars(c, f, |d| {
            text.push(d);
            to_original.push(i);
        });
        n = i + 1;
    }
    to_original.push(n);
    Normalized { text, to_original }
}

/// Normalises one word (no offset map).
pub fn normalize_word(s: &str, f: Folding) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, f, &mut out);
    out
}

/// Appends the normalised form of `s` to `out` (no allocation when `out` has room).
///
/// Read on the bytes: ASCII and the letters of the Arabic block that folding keeps
/// (nearly all of a word) are copied a run at a time; only the characters that fold to
/// something else or drop out are folded one by one.
pub fn normalize_into(s: &str, f: Folding, out: &mut String) {
    if s.is_ascii() {
        out.push_str(s);
        return;
    }
    let table = &ARABIC_BLOCK[usize::from(f.ta_marbuta) | usize::from(f.hamza_seats) << 1];
    let bytes = s.as_bytes();
    // Start of the run of unchanged characters not yet copied.
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // ASCII folds to itself.
            i += 1;
            continue;
        }
        if let (0xD8..=0xDB, Some(&b2)) = (b, bytes.get(i + 1)) {
            // U+0600–U+06FF, two bytes: the block table.
            let cp = (u32::from(b & 0x1F) << 6) | u32::from(b2 & 0x3F);
            let d = table[(cp - 0x0600) as usize];
            if d != cp {
                out.push_str(&s[run..i]);
                if let Some(d) = char::from_u32(d) {
                    out.push(d);
                }
                run = i + 2;
            }
            i += 2;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        out.push_str(&s[run..i]);
        fold_chars(c, f, |d| out.push(d));
        i += c.len_utf8();
        run = i;
    }
    out.push_str(&s[run..]);
}

/// Light normalisation used for the word lexicon: like [`Folding::MATCH`] but hamza
/// forms of alef (`أ إ آ`) and alef maqsura (`ى`) are kept, so `إلى` and `والي`
/// stay apart. Calls `emit` for each resulting character.
#[inline]
pub(crate) fn light_chars(c: char, mut emit: impl FnMut(char)) {
    match c {
        'أ' | 'إ' | 'آ' | 'ى' => emit(c),
        _ => fold_chars(c, Folding::MATCH, emit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nunation_is_read_at_the_end_of_a_word_only() {
        for w in ["أميناً", "كوبًا", "جانٍ", "رحيمٌ", "هدىً", "دوماًـ"]
        {
            assert!(ends_in_nunation(w), "{w}");
        }
        // Without the mark, with it inside the word, or on a word of no nunation.
        for w in ["أمينا", "الحميًد", "محمد", "", "ً", "شأنًا١"] {
            assert_eq!(ends_in_nunation(w), w == "ً", "{w}");
        }
    }

    #[test]
    fn the_block_table_agrees_with_the_rules() {
        for f in [Folding::MATCH, Folding::SEARCH, Folding::default()] {
            for cp in 0x0600u32..0x0700 {
                let c = char::from_u32(cp).expect("valid");
                let mut got = Vec::new();
                fold_chars(c, f, |d| got.push(d));
                assert_eq!(
                    got,
                    fold_basic(c, f).into_iter().collect::<Vec<_>>(),
                    "U+{cp:04X}"
                );
            }
        }
    }

    #[test]
    fn drops_diacritics_and_tatweel() {
        assert_eq!(normalize_word("مُحَمَّدٌ", Folding::MATCH), "محمد");
        assert_eq!(normalize_word("الســـلام", Folding::MATCH), "السلام");
        assert_eq!(normalize_word("هٰذا", Folding::MATCH), "هذا");
    }

    #[test]
    fn folds_letters() {
        assert_eq!(normalize_word("أإآٱ", Folding::MATCH), "اااا");
        assert_eq!(normalize_word("مستشفى", Folding::MATCH), "مستشفي");
        assert_eq!(normalize_word("مدرسة", Folding::MATCH), "مدرسة");
        assert_eq!(normalize_word("مدرسة", Folding::SEARCH), "مدرسه");
        assert_eq!(normalize_word("مسؤول", Folding::SEARCH), "مسوول");
        assert_eq!(normalize_word("رئيس", Folding::SEARCH), "رييس");
        assert_eq!(normalize_word("رئيس", Folding::MATCH), "رئيس");
        assert_eq!(normalize_word("کیست", Folding::MATCH), "كيست");
    }

    #[test]
    fn digits() {
        assert_eq!(normalize_word("٤٫٥", Folding::MATCH), "4.5");
        assert_eq!(normalize_word("۱۲٬۰۰۰", Folding::MATCH), "12,000");
    }

    #[test]
    fn presentation_forms_expand_with_shared_offsets() {
        let n = normalize("ﻻ ﺑﺪ", Folding::MATCH);
        assert_eq!(n.text, "لا بد");
        assert_eq!(n.to_original, vec![0, 0, 1, 2, 3, 4]);
        assert_eq!(fold_char('ﺃ', Folding::MATCH), Some('ا'));
        assert_eq!(fold_char('ﻻ', Folding::MATCH), Some('ﻻ'));
        assert_eq!(fold_char('\u{FE70}', Folding::MATCH), None);
    }

    #[test]
    fn invisible_dropped_and_map_kept() {
        let n = normalize("a\u{200F}ب\u{200C}ت", Folding::MATCH);
        assert_eq!(n.text, "abت".replace('b', "ب"));
        assert_eq!(n.to_original, vec![0, 2, 4, 5]);
    }

    #[test]
    fn normalize_into_folds_as_fold_chars_does() {
        let samples = [
            "أَحْمَد إلى مدرسةٌ ـــ ؤئ ٣٤٫٥ ﻻ ﷺ abc é\u{200B}ی ک",
            "الرئيسُ عبدالله ، «قال» 12",
            "ٱلآن ۃ ە ۰۱",
        ];
        for s in samples {
            for f in [Folding::MATCH, Folding::SEARCH] {
                let mut slow = String::new();
                for c in s.chars() {
                    fold_chars(c, f, |d| slow.push(d));
                }
                let mut fast = String::from("x");
                normalize_into(s, f, &mut fast);
                assert_eq!(fast, format!("x{slow}"), "{s:?}");
            }
        }
        let mut all = String::new();
        for cp in 0x80..0x1_0000u32 {
            all.extend(char::from_u32(cp));
        }
        for f in [Folding::MATCH, Folding::SEARCH] {
            let mut slow = String::new();
            for c in all.chars() {
                fold_chars(c, f, |d| slow.push(d));
            }
            assert_eq!(normalize_word(&all, f), slow);
        }
    }

    #[test]
    fn idempotent_on_examples() {
        for s in ["ﷺ ﻷن", "إِلَى الأمَام", "٣٬٥٠٠ ﮐﺘﺎﺏ"] {
            let once = normalize_word(s, Folding::SEARCH);
            assert_eq!(normalize_word(&once, Folding::SEARCH), once);
        }
    }
}
