//! Normalisation for matching that never moves offsets.

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

/// Folds one character; `None` drops it (diacritics, tatweel, invisible controls).
pub fn fold_char(c: char, f: Folding) -> Option<char> {
    Some(match c {
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => return None,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' => {
            return None
        }
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' => 'ي',
        'ک' => 'ك',
        'ة' if f.ta_marbuta => 'ه',
        'ؤ' if f.hamza_seats => 'و',
        'ئ' if f.hamza_seats => 'ي',
        '٠'..='٩' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '٫' => '.',
        '٬' => ',',
        c => c,
    })
}

/// Normalises a text, keeping the map to original characters.
pub fn normalize(s: &str, f: Folding) -> Normalized {
    let mut text = String::with_capacity(s.len());
    let mut to_original = Vec::with_capacity(s.len());
    let mut n = 0;
    for (i, c) in s.chars().enumerate() {
        if let Some(d) = fold_char(c, f) {
            text.push(d);
            to_original.push(i);
        }
        n = i + 1;
    }
    to_original.push(n);
    Normalized { text, to_original }
}

/// Normalises one word (no offset map).
pub fn normalize_word(s: &str, f: Folding) -> String {
    s.chars().filter_map(|c| fold_char(c, f)).collect()
}
