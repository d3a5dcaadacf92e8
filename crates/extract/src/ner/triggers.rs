//! Word lists the tagger reads as features: trigger words that introduce or head names
//! (`data/ner/triggers.tsv`) and the linker's given names. Each token gets a small bit set.

use marsad_text::{normalize_word, AnalyzedToken, Folding};
use std::collections::HashMap;
use std::sync::LazyLock;

/// The token is a known given name.
pub const GIVEN_NAME: u8 = 1;
/// The token is a word that introduces person names (`الوزير`, `الباحث`).
pub const PERSON_TRIGGER: u8 = 2;
/// The token is a place class word (`مدينة`, `محافظة`).
pub const PLACE_TRIGGER: u8 = 4;
/// The token heads organisation names (`وكالة`, `حزب`).
pub const ORG_TRIGGER: u8 = 8;
/// The token is a function word or common word that is not part of names.
pub const STOP_WORD: u8 = 16;
/// The token is a word of a place name in a name list (`data/ner/place_names.txt`).
pub const PLACE_NAME: u8 = 32;
/// The token is a word of an organisation name in a name list (`data/ner/org_names.txt`).
pub const ORG_NAME: u8 = 64;
/// The bits of words that are not names by themselves (triggers and stop words).
pub const COMMON_WORD: u8 = PERSON_TRIGGER | PLACE_TRIGGER | ORG_TRIGGER | STOP_WORD;

/// Parses a triggers file: `#` comments, a header line, then `word<TAB>class` lines.
/// Words are normalised and stored without the definite article.
pub fn parse(text: &str) -> HashMap<String, u8> {
    let mut out = HashMap::new();
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
    {
        let mut f = line.split('\t').map(str::trim);
        let (Some(word), Some(class)) = (f.next(), f.next()) else {
            continue;
        };
        let bit = match class {
            "person" => PERSON_TRIGGER,
            "place" => PLACE_TRIGGER,
            "org" => ORG_TRIGGER,
            _ => continue,
        };
        let w = normalize_word(word, Folding::MATCH);
        let w = w.strip_prefix("ال").map(str::to_string).unwrap_or(w);
        *out.entry(w).or_insert(0) |= bit;
    }
    out
}

static TRIGGERS: LazyLock<HashMap<String, u8>> =
    LazyLock::new(|| parse(include_str!("../../data/ner/triggers.tsv")));

/// The words of a name-list file (`#` comments, one word a line), normalised.
fn list_words(text: &'static str) -> impl Iterator<Item = String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|w| normalize_word(w, Folding::MATCH))
}

/// The bundled name lists (`data/ner/{person,place,org}_names.txt` and
/// `data/ner/given_names.txt`), each word with its bit: [`GIVEN_NAME`] (read with the
/// linker's given names), [`PLACE_NAME`] or [`ORG_NAME`].
pub fn name_list_words() -> impl Iterator<Item = (String, u8)> {
    let list = |text: &'static str, bit: u8| list_words(text).map(move |w| (w, bit));
    list(include_str!("../../data/ner/person_names.txt"), GIVEN_NAME)
        .chain(list(
            include_str!("../../data/ner/given_names.txt"),
            GIVEN_NAME,
        ))
        .chain(list(
            include_str!("../../data/ner/place_names.txt"),
            PLACE_NAME,
        ))
        .chain(list(include_str!("../../data/ner/org_names.txt"), ORG_NAME))
}

/// Calls `f` with each word of the bundled name lists and its bit, as
/// [`name_list_words`] yields them, normalising into one reused buffer (no allocation
/// per word).
pub fn for_each_name_list_word(mut f: impl FnMut(&str, u8)) {
    let mut buf = String::new();
    for (text, bit) in [
        (include_str!("../../data/ner/person_names.txt"), GIVEN_NAME),
        (include_str!("../../data/ner/given_names.txt"), GIVEN_NAME),
        (include_str!("../../data/ner/place_names.txt"), PLACE_NAME),
        (include_str!("../../data/ner/org_names.txt"), ORG_NAME),
    ] {
        for w in marsad_text::tsv::lines(text)
            .map(marsad_text::tsv::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            buf.clear();
            marsad_text::normalize_into(w, Folding::MATCH, &mut buf);
            f(&buf, bit);
        }
    }
}

/// The bundled trigger words (normalised, without article) and their bits.
pub fn bundled() -> &'static HashMap<String, u8> {
    &TRIGGERS
}

/// The list bits of one token (see the constants of this module).
pub fn bits(t: &AnalyzedToken) -> u8 {
    super::words::lookup(t).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_parse_and_match_with_and_without_the_article() {
        let map = parse("# c\nword\tclass\nمدينة\tplace\nالوزير\tperson\nعشب\tnothing\n");
        assert_eq!(map.len(), 2);
        assert_eq!(map.get("وزير"), Some(&PERSON_TRIGGER));
        let a = marsad_text::analyze("وصل الوزير إلى المدينة ومدينة أخرى");
        let b: Vec<u8> = a.tokens.iter().map(bits).collect();
        assert_ne!(b[1] & PERSON_TRIGGER, 0, "{b:?}");
        assert_ne!(b[3] & PLACE_TRIGGER, 0, "{b:?}");
        assert_ne!(b[4] & PLACE_TRIGGER, 0, "clitic و removed: {b:?}");
        assert_eq!(b[5] & (PERSON_TRIGGER | PLACE_TRIGGER | ORG_TRIGGER), 0);
    }

    #[test]
    fn given_names_list_sets_the_given_name_bit() {
        // `سميحة` is in `given_names.txt` only, not in `person_names.txt`.
        let listed = |w: &str| name_list_words().any(|(x, b)| x == w && b == GIVEN_NAME);
        assert!(listed("سميحة"));
        let a = marsad_text::analyze("قالت سميحة إن الطقس حار");
        let b: Vec<u8> = a.tokens.iter().map(bits).collect();
        assert_ne!(b[1] & GIVEN_NAME, 0, "{b:?}");
        assert_eq!(b[3] & GIVEN_NAME, 0, "{b:?}");
    }
}
