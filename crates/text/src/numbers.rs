//! Digits and number words.
//!
//! [`parse_number`] reads a written number (ASCII, Arabic-Indic or Persian digits, with
//! `.`/`٫` decimals and `,`/`٬` thousands separators). [`parse_number_words`] reads a
//! cardinal written in words ("خمسة عشر", "ثلاثة آلاف", "مليونان"), and
//! [`parse_ordinal_words`] an ordinal ("الثانية", "الحادي عشر").
//!
//! ```
//! use marsad_text::numbers::{parse_number, parse_number_words, parse_ordinal_words};
//! assert_eq!(parse_number("٤٫٥"), Some(4.5));
//! assert_eq!(parse_number_words(&["خمسة", "عشر", "يوما"]), Some((15.0, 2)));
//! assert_eq!(parse_ordinal_words(&["الثانية"]), Some((2, 1)));
//! ```

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::{fold_char, Folding};

/// Reads a string of ASCII, Arabic-Indic or Persian digits with optional separators.
///
/// `.` and `٫` are decimal points. `,` and `٬` are thousands separators when exactly
/// three digits follow each of them (`1,200`), decimal commas otherwise (`4,5`).
pub fn parse_number(s: &str) -> Option<f64> {
    let t: String = s
        .chars()
        .filter_map(|c| fold_char(c, Folding::MATCH))
        .collect();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    if t.contains(',') {
        let groups: Vec<&str> = t.split(',').collect();
        let thousands =
            !t.contains('.') && groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3)
                || t.contains('.') && {
                    let int = t.split('.').next().unwrap_or("");
                    int.split(',').skip(1).all(|g| g.len() == 3)
                };
        let cleaned = if thousands {
            t.replace(',', "")
        } else if groups.len() == 2 && !t.contains('.') {
            t.replace(',', ".")
        } else {
            return None;
        };
        return cleaned.parse().ok();
    }
    t.parse().ok()
}

/// How a number word combines with what came before it.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Part {
    /// 1–9 (and 10 alone).
    Unit(f64),
    /// The `عشر`/`عشرة` of a teen (11–19) or 10 alone.
    Ten,
    /// 20, 30, … 90.
    Tens(f64),
    /// A whole hundreds word (100, 200, 300 written as one word, …).
    Hundreds(f64),
    /// `مئة` after a unit word written apart (`ثلاث مئة`).
    Hundred,
    /// A scale word in the singular or accusative (`ألف`, `مليون`, `ألفا`).
    Scale(f64),
    /// A scale word in the dual (`ألفان`, `مليونين`): 2 × scale.
    ScaleDual(f64),
    /// A scale word in the plural (`آلاف`, `ملايين`): used after 3–10.
    ScalePlural(f64),
    /// `نصف` after `و` (`مليون ونصف`): half of the last scale.
    Half,
}

/// Every number word written alone, its spellings and what it is (the hundreds written
/// in one word, `ثلاثمئة`, are read by [`word_part`] from their unit).
const NUMBER_WORDS: &[(&[&str], Part)] = &[
    (&["واحد", "واحدة", "احد", "احدي"], Part::Unit(1.0)),
    (
        &[
            "اثنان",
            "اثنين",
            "اثنتان",
            "اثنتين",
            "اثنا",
            "اثني",
            "اثنتا",
            "اثنتي",
        ],
        Part::Unit(2.0),
    ),
    (&["ثلاث", "ثلاثة"], Part::Unit(3.0)),
    (&["اربع", "اربعة"], Part::Unit(4.0)),
    (&["خمس", "خمسة"], Part::Unit(5.0)),
    (&["ست", "ستة"], Part::Unit(6.0)),
    (&["سبع", "سبعة"], Part::Unit(7.0)),
    (&["ثمان", "ثماني", "ثمانية"], Part::Unit(8.0)),
    (&["تسع", "تسعة"], Part::Unit(9.0)),
    (&["عشر", "عشرة"], Part::Ten),
    (&["عشرون", "عشرين"], Part::Tens(20.0)),
    (&["ثلاثون", "ثلاثين"], Part::Tens(30.0)),
    (&["اربعون", "اربعين"], Part::Tens(40.0)),
    (&["خمسون", "خمسين"], Part::Tens(50.0)),
    (&["ستون", "ستين"], Part::Tens(60.0)),
    (&["سبعون", "سبعين"], Part::Tens(70.0)),
    (&["ثمانون", "ثمانين"], Part::Tens(80.0)),
    (&["تسعون", "تسعين"], Part::Tens(90.0)),
    (&["مئة", "مائة", "ماية", "مية"], Part::Hundred),
    (
        &[
            "مئتان",
            "مئتين",
            "مائتان",
            "مائتين",
            "مئتا",
            "مائتا",
            "مئتي",
            "مائتي",
        ],
        Part::Hundreds(200.0),
    ),
    (&["الف", "الفا"], Part::Scale(1e3)),
    (&["الفان", "الفين", "الفي"], Part::ScaleDual(1e3)),
    (&["الاف", "الوف"], Part::ScalePlural(1e3)),
    (&["مليون", "مليونا"], Part::Scale(1e6)),
    (&["مليونان", "مليونين", "مليوني"], Part::ScaleDual(1e6)),
    (&["ملايين"], Part::ScalePlural(1e6)),
    (&["مليار", "مليارا", "بليون", "بليونا"], Part::Scale(1e9)),
    (
        &["ملياران", "مليارين", "ملياري", "بليونين"],
        Part::ScaleDual(1e9),
    ),
    (&["مليارات", "بلايين"], Part::ScalePlural(1e9)),
    (&["تريليون", "تريليونا"], Part::Scale(1e12)),
    (&["تريليونين", "تريليونان"], Part::ScaleDual(1e12)),
    (&["تريليونات"], Part::ScalePlural(1e12)),
    (&["نصف"], Part::Half),
];

/// [`NUMBER_WORDS`] by word: most words of a text are looked up and are none.
static PART_OF_WORD: LazyLock<FxHashMap<&'static str, Part>> = LazyLock::new(|| {
    NUMBER_WORDS
        .iter()
        .flat_map(|&(spellings, part)| spellings.iter().map(move |&w| (w, part)))
        .collect()
});

fn word_part(w: &str) -> Option<Part> {
    if let Some(&p) = PART_OF_WORD.get(w) {
        return Some(p);
    }
    // Hundreds written as one word: ثلاثمئة, اربعمائة, ...
    for suffix in ["مئة", "مائة"] {
        if let Some(Part::Unit(u)) = w
            .strip_suffix(suffix)
            .and_then(|head| PART_OF_WORD.get(head))
        {
            if *u >= 3.0 {
                return Some(Part::Hundreds(u * 100.0));
            }
        }
    }
    None
}

/// True when `folded` (a word already MATCH-folded, as in [`crate::normalize_word`]) is a
/// cardinal number word or a scale word (`خمسة`, `عشرين`, `ثلاثمئة`, `آلاف`, `مليونين`).
///
/// ```
/// use marsad_text::numbers::is_number_word;
/// assert!(is_number_word("خمسة"));
/// assert!(!is_number_word("سوريا"));
/// ```
pub fn is_number_word(folded: &str) -> bool {
    word_part(folded).is_some_and(|p| p != Part::Half)
}

/// Every word that [`is_number_word`] accepts, folded: the spellings of the number and
/// scale words, and the hundreds written as one word (`ثلاثمئة`, `تسعمائة`). A caller
/// may build a quick filter from them to skip most words before [`is_number_word`].
///
/// ```
/// use marsad_text::numbers::{is_number_word, number_words};
/// assert!(number_words().all(|w| is_number_word(&w)));
/// assert!(number_words().any(|w| w == "خمسمئة"));
/// ```
pub fn number_words() -> impl Iterator<Item = String> {
    let alone = NUMBER_WORDS
        .iter()
        .filter(|(_, part)| *part != Part::Half)
        .flat_map(|(spellings, _)| spellings.iter().map(|w| w.to_string()));
    // `word_part` reads a hundreds word as a unit of 3 or more before `مئة`/`مائة`.
    let hundreds = NUMBER_WORDS
        .iter()
        .filter(|(_, part)| matches!(part, Part::Unit(u) if *u >= 3.0))
        .flat_map(|(spellings, _)| spellings.iter())
        .flat_map(|unit| ["مئة", "مائة"].map(|suffix| format!("{unit}{suffix}")));
    alone.chain(hundreds)
}

/// Reads a cardinal number written in words at the start of `words`.
///
/// Words may carry diacritics and alef/ya variants; a conjunction `و` is read between
/// the parts of a number (`خمسة وعشرون`, `مليون ونصف`). Returns the value and how many
/// words it took, or `None` when `words` does not start with a number word.
/// A lone `نصف` is not read (it is a fraction, not a cardinal).
///
/// ```
/// use marsad_text::numbers::parse_number_words;
/// assert_eq!(parse_number_words(&["ثلاثة", "آلاف", "جندي"]), Some((3000.0, 2)));
/// assert_eq!(parse_number_words(&["مليونان"]), Some((2e6, 1)));
/// assert_eq!(parse_number_words(&["خمسة", "وعشرون"]), Some((25.0, 2)));
/// assert_eq!(parse_number_words(&["سوريا"]), None);
/// ```
pub fn parse_number_words(words: &[&str]) -> Option<(f64, usize)> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut last_scale = 0.0;
    let mut used = 0;
    let mut prev: Option<Part> = None;
    for (i, raw) in words.iter().enumerate() {
        let w: String = raw
            .chars()
            .filter_map(|c| fold_char(c, Folding::MATCH))
            .collect();
        let (part, joined) = match word_part(&w) {
            Some(p) if i == 0 || !matches!(p, Part::Half) => (p, false),
            _ => match w.strip_prefix('و').and_then(word_part) {
                Some(p) if i > 0 => (p, true),
                _ => break,
            },
        };
        let ok = match (prev, part) {
            (None, Part::Half) => false,
            (None, _) => true,
            // A teen: unit + عشر/عشرة without و.
            (Some(Part::Unit(_)), Part::Ten) if !joined => true,
            // Unit written apart from مئة.
            (Some(Part::Unit(_)), Part::Hundred) if !joined => true,
            // Scales after a number.
            (
                Some(Part::Unit(_) | Part::Ten | Part::Tens(_) | Part::Hundreds(_) | Part::Hundred),
                Part::Scale(_),
            ) if !joined => true,
            (Some(Part::Unit(_) | Part::Ten), Part::ScalePlural(_)) if !joined => true,
            // Joined by و: tens after a unit, or any smaller part after a bigger one.
            (Some(_), Part::Tens(_)) if joined => true,
            (Some(_), Part::Unit(_) | Part::Hundreds(_) | Part::Hundred | Part::Ten) if joined => {
                true
            }
            (Some(_), Part::Scale(_) | Part::ScaleDual(_)) if joined => true,
            (Some(Part::Scale(_) | Part::ScaleDual(_) | Part::ScalePlural(_)), Part::Half)
                if joined =>
            {
                true
            }
            _ => false,
        };
        if !ok {
            break;
        }
        match part {
            Part::Unit(u) => current += u,
            Part::Ten => current += 10.0,
            Part::Tens(t) => current += t,
            Part::Hundreds(h) => current += h,
            Part::Hundred => {
                current = if current == 0.0 {
                    100.0
                } else {
                    current * 100.0
                }
            }
            Part::Scale(s) => {
                total += if current == 0.0 { 1.0 } else { current } * s;
                current = 0.0;
                last_scale = s;
            }
            Part::ScaleDual(s) => {
                total += 2.0 * s;
                last_scale = s;
            }
            Part::ScalePlural(s) => {
                total += current * s;
                current = 0.0;
                last_scale = s;
            }
            Part::Half => total += last_scale / 2.0,
        }
        prev = Some(part);
        used = i + 1;
    }
    if used == 0 {
        None
    } else {
        Some((total + current, used))
    }
}

fn ordinal_word(w: &str) -> Option<u32> {
    let w = w.strip_prefix("ال").unwrap_or(w);
    Some(match w {
        "اول" | "اولي" | "حادي" | "حادية" => 1,
        "ثاني" | "ثانية" => 2,
        "ثالث" | "ثالثة" => 3,
        "رابع" | "رابعة" => 4,
        "خامس" | "خامسة" => 5,
        "سادس" | "سادسة" => 6,
        "سابع" | "سابعة" => 7,
        "ثامن" | "ثامنة" => 8,
        "تاسع" | "تاسعة" => 9,
        "عاشر" | "عاشرة" => 10,
        _ => return None,
    })
}

/// Reads an ordinal written in words at the start of `words`: `الأول`/`الأولى` → 1,
/// `الثانية` → 2, `العاشر` → 10, `الحادي عشر` → 11, `الحادي والعشرين` → 21,
/// `العشرين` → 20. Returns the value and the number of words taken.
///
/// ```
/// use marsad_text::numbers::parse_ordinal_words;
/// assert_eq!(parse_ordinal_words(&["العاشر"]), Some((10, 1)));
/// assert_eq!(parse_ordinal_words(&["الحادي", "والعشرين"]), Some((21, 2)));
/// assert_eq!(parse_ordinal_words(&["التاسع", "عشر"]), Some((19, 2)));
/// ```
pub fn parse_ordinal_words(words: &[&str]) -> Option<(u32, usize)> {
    let fold = |s: &str| -> String {
        s.chars()
            .filter_map(|c| fold_char(c, Folding::MATCH))
            .collect()
    };
    let first = fold(words.first()?);
    let tens_of = |w: &str| -> Option<u32> {
        let w = w.strip_prefix("ال").unwrap_or(w);
        match word_part(w) {
            Some(Part::Tens(t)) => Some(t as u32),
            _ => None,
        }
    };
    if let Some(u) = ordinal_word(&first) {
        if let Some(second) = words.get(1).map(|s| fold(s)) {
            if u < 10 && (second == "عشر" || second == "عشرة") {
                return Some((10 + u, 2));
            }
            if let Some(t) = second.strip_prefix('و').and_then(tens_of) {
                return Some((t + u, 2));
            }
        }
        return Some((u, 1));
    }
    if first.starts_with("ال") {
        if let Some(t) = tens_of(&first) {
            return Some((t, 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits() {
        assert_eq!(parse_number("1,200"), Some(1200.0));
        assert_eq!(parse_number("1,200,000"), Some(1_200_000.0));
        assert_eq!(parse_number("4,5"), Some(4.5));
        assert_eq!(parse_number("٢٠٢٦"), Some(2026.0));
        assert_eq!(parse_number("۱۵"), Some(15.0));
        assert_eq!(parse_number("١٬٥٠٠٫٥"), Some(1500.5));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn words() {
        let p = |s: &str| parse_number_words(&s.split(' ').collect::<Vec<_>>());
        assert_eq!(p("خمسة عشر"), Some((15.0, 2)));
        assert_eq!(p("إحدى عشرة"), Some((11.0, 2)));
        assert_eq!(p("اثنا عشر شهرا"), Some((12.0, 2)));
        assert_eq!(p("ثلاثة آلاف"), Some((3000.0, 2)));
        assert_eq!(p("ألفين"), Some((2000.0, 1)));
        assert_eq!(p("ألف وخمسمئة"), Some((1500.0, 2)));
        assert_eq!(p("ثلاثمائة"), Some((300.0, 1)));
        assert_eq!(p("ثلاث مئة"), Some((300.0, 2)));
        assert_eq!(p("مئتي"), Some((200.0, 1)));
        assert_eq!(p("مليون ونصف"), Some((1.5e6, 2)));
        assert_eq!(p("عشرة"), Some((10.0, 1)));
        assert_eq!(p("عشرين"), Some((20.0, 1)));
        assert_eq!(p("واحد وعشرين"), Some((21.0, 2)));
        assert_eq!(p("عشرة ملايين"), Some((1e7, 2)));
        assert_eq!(p("نصف"), None);
        assert_eq!(p("خمسة وزراء"), Some((5.0, 1)));
    }

    #[test]
    fn number_words_are_all_the_words_read_alone() {
        let listed: std::collections::HashSet<String> = number_words().collect();
        assert!(listed.iter().all(|w| is_number_word(w)));
        // Words near the listed ones (every listed word and every spelling with a letter
        // added or removed at either end) are number words only when listed.
        let mut near: Vec<String> = NUMBER_WORDS
            .iter()
            .flat_map(|(spellings, _)| spellings.iter().map(|w| w.to_string()))
            .chain(listed.iter().cloned())
            .collect();
        let more: Vec<String> = near
            .iter()
            .flat_map(|w| {
                let mut cs = w.chars();
                cs.next();
                let tail: String = cs.collect();
                let mut cs = w.chars();
                cs.next_back();
                let head: String = cs.collect();
                [
                    format!("و{w}"),
                    format!("{w}ة"),
                    format!("{w}مئة"),
                    format!("{w}مائة"),
                    tail,
                    head,
                ]
            })
            .collect();
        near.extend(more);
        near.extend(["ثلاثمئة", "عشرمئة", "اثنانمئة", "نصفمئة", "نصف", ""].map(String::from));
        for w in &near {
            assert_eq!(is_number_word(w), listed.contains(w), "{w}");
        }
    }

    #[test]
    fn ordinals() {
        let p = |s: &str| parse_ordinal_words(&s.split(' ').collect::<Vec<_>>());
        assert_eq!(p("الأولى"), Some((1, 1)));
        assert_eq!(p("الثانية"), Some((2, 1)));
        assert_eq!(p("العاشر"), Some((10, 1)));
        assert_eq!(p("الحادي عشر"), Some((11, 2)));
        assert_eq!(p("العشرين"), Some((20, 1)));
        assert_eq!(p("سوريا"), None);
    }
}
