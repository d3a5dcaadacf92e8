//! Light stemming for search.
//!
//! A light10-style stemmer (Larkey, Connell and Ballesteros 2007) applied to a
//! normalised base: it removes the article prefixes `وال بال كال فال ال لل` and then
//! the suffixes `ها ان ات ون ين يه ية ه ة ي`, each at most once, in that order, while
//! at least two letters remain (three for two-letter suffixes, which avoids most of
//! light10's cuts into short roots such as `بيان` → `بي`).
//!
//! Unlike light10 it does not strip `و` from every word of four letters or more
//! (`وزير` → `زير`): a leading `و` is removed only when the word news lexicon knows
//! the remainder better than the whole word. In [`crate::analyze`] it runs on the
//! clitic-stripped base, so conjunctions are already gone there.

const PREFIXES: [&[char]; 6] = [
    &['و', 'ا', 'ل'],
    &['ب', 'ا', 'ل'],
    &['ك', 'ا', 'ل'],
    &['ف', 'ا', 'ل'],
    &['ا', 'ل'],
    &['ل', 'ل'],
];

const SUFFIXES: [&[char]; 10] = [
    &['ه', 'ا'],
    &['ا', 'ن'],
    &['ا', 'ت'],
    &['و', 'ن'],
    &['ي', 'ن'],
    &['ي', 'ه'],
    &['ي', 'ة'],
    &['ه'],
    &['ة'],
    &['ي'],
];

fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c)
}

/// Stems the characters of `word` (normalised) into `out` (appends).
pub(crate) fn stem_into(word: &str, out: &mut String, conjunction: bool) {
    let mut buf = ['\0'; 48];
    let mut n = 0;
    for c in word.chars() {
        if n == buf.len() {
            out.push_str(word);
            return;
        }
        buf[n] = c;
        n += 1;
    }
    let w = &buf[..n];
    if n < 3 || !w.iter().all(|&c| is_arabic_letter(c)) {
        out.push_str(word);
        return;
    }
    let (mut a, mut b) = (0usize, n);
    let mut prefixed = false;
    for p in PREFIXES {
        if w.starts_with(p) && n - p.len() >= 2 {
            a = p.len();
            prefixed = true;
            break;
        }
    }
    if conjunction && !prefixed && w[0] == 'و' && n >= 4 {
        let rest: String = w[1..].iter().collect();
        let whole: String = w.iter().collect();
        let (fr, fw) = (
            crate::segment::word_frequency(&rest),
            crate::segment::word_frequency(&whole),
        );
        if fr > fw.saturating_mul(2) {
            a = 1;
        }
    }
    for s in SUFFIXES {
        let min = if s.len() == 2 { 3 } else { 2 };
        if b - a >= s.len() + min && w[a..b].ends_with(s) {
            b -= s.len();
        }
    }
    out.extend(w[a..b].iter());
}

/// Light stem of a normalised word or base.
pub fn light_stem(base: &str) -> String {
    let mut out = String::with_capacity(base.len());
    stem_into(base, &mut out, true);
    out
}

#[cfg(test)]
mod tests {
    use super::light_stem;

    #[test]
    fn strips_article_and_suffixes() {
        assert_eq!(light_stem("الزيارة"), "زيار");
        assert_eq!(light_stem("زيارات"), "زيار");
        assert_eq!(light_stem("المسؤولين"), "مسؤول");
        assert_eq!(light_stem("للجيش"), "جيش");
        assert_eq!(light_stem("بالمعلمون"), "معلم");
        assert_eq!(light_stem("سياستها"), "سياست");
    }

    #[test]
    fn does_not_overstem() {
        assert_eq!(light_stem("وزير"), "وزير");
        assert_eq!(light_stem("بيان"), "بيان");
        assert_eq!(light_stem("من"), "من");
        assert_eq!(light_stem("G20"), "G20");
    }
}
