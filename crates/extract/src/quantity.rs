//! Quantities: numbers with units.
//!
//! Read in this order at each token, the longest first:
//! - time lengths found by the time stage (`15 يوما` → 15 day, `يومين` → 2 day);
//! - `HEAD رقم N` where HEAD counts something (`الزيارة رقم 13` → 13 visit);
//! - a number (digits or words, with scale words: `5 ملايين`, `ثلاثة آلاف`) followed by
//!   `%`, a percent phrase (`في المئة`), a currency (`دولار` → USD), a unit of measure
//!   (`برميل`) or a counted noun (`8 مقاتلين` → person);
//! - `$` before a number;
//! - a fraction before a definite noun (`نصف السكان` → 0.5 fraction).
//!
//! Numbers inside dates, numbers without a unit (names, identifiers: `القرار 2216`),
//! ordinal adjectives and duals of count nouns are not quantities. Approximators
//! (`نحو`, `حوالي`) stay outside the span.

use std::sync::LazyLock;

use marsad_text::numbers::parse_number_words;

use crate::time::scan::{rows, Kind, Phrases, Tok};

use crate::{Quantity, TextContext};

/// What a unit word is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum UnitKind {
    /// A unit of measure: `about` stays null.
    Measure,
    /// A counted thing: `about` is the noun.
    Count,
    /// A percent phrase.
    Percent,
    /// A head noun before `رقم N`.
    Ordinal,
}

#[derive(Debug)]
struct Lexicon {
    units: Phrases<(String, UnitKind)>,
    ordinal_heads: Phrases<String>,
    currencies: Phrases<String>,
}

const UNITS: &str = include_str!("../data/lexicons/quantity_units.tsv");
const CURRENCIES: &str = include_str!("../data/lexicons/quantity_currencies.tsv");

fn parse_lexicon() -> Result<Lexicon, String> {
    let mut lex = Lexicon {
        units: Phrases::new(),
        ordinal_heads: Phrases::new(),
        currencies: Phrases::new(),
    };
    for r in rows(UNITS) {
        let kind = match r.get(2) {
            Some(&"measure") => UnitKind::Measure,
            Some(&"count") => UnitKind::Count,
            Some(&"percent") => UnitKind::Percent,
            Some(&"ordinal") => UnitKind::Ordinal,
            _ => return Err(format!("quantity_units.tsv: bad line {:?}", r.join("\t"))),
        };
        match (r.first(), r.get(1)) {
            (Some(f), Some(u)) if kind == UnitKind::Ordinal => {
                lex.ordinal_heads.insert(f, u.to_string())
            }
            (Some(f), Some(u)) => lex.units.insert(f, (u.to_string(), kind)),
            _ => return Err(format!("quantity_units.tsv: bad line {:?}", r.join("\t"))),
        }
    }
    for r in rows(CURRENCIES) {
        match (r.first(), r.get(1)) {
            (Some(f), Some(c)) if c.len() == 3 => lex.currencies.insert(f, c.to_string()),
            _ => {
                return Err(format!(
                    "quantity_currencies.tsv: bad line {:?}",
                    r.join("\t")
                ))
            }
        }
    }
    Ok(lex)
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    parse_lexicon().unwrap_or_else(|_| Lexicon {
        units: Phrases::new(),
        ordinal_heads: Phrases::new(),
        currencies: Phrases::new(),
    })
});

/// Finds the quantities of the text.
pub fn find_quantities(ctx: &TextContext<'_>) -> Vec<Quantity> {
    let (toks, hits) = ctx.time_scan();
    let mut out: Vec<Quantity> = Vec::new();
    let q = |start: usize, end: usize, value: f64, unit: Option<String>, about: Option<String>| {
        Quantity {
            start,
            end,
            text: ctx.slice(marsad_text::Span::new(start, end)).to_string(),
            value,
            unit,
            about,
        }
    };
    for h in hits {
        if let Some(l) = &h.length {
            out.push(q(l.start, l.end, l.value, Some(l.unit.clone()), None));
        }
    }
    // Tokens inside a time expression are not read again.
    let mut taken = vec![false; toks.len()];
    for h in hits {
        for t in taken.iter_mut().take(h.t1.min(toks.len())).skip(h.t0) {
            *t = true;
        }
    }
    let r = Reader {
        t: toks,
        taken: &taken,
    };
    let mut i = 0;
    while i < toks.len() {
        if taken[i] {
            i += 1;
            continue;
        }
        match r.at(i) {
            Some(f) => {
                let about = f
                    .about
                    .map(|(s, e)| ctx.slice(marsad_text::Span::new(s, e)).to_string());
                out.push(q(f.start, f.end, f.value, f.unit, about));
                i = f.t1.max(i + 1);
            }
            None => i += 1,
        }
    }
    out.sort_by_key(|x| (x.start, x.end));
    out.dedup_by_key(|x| (x.start, x.end));
    out
}

/// The fraction words (folded) and their values: `نصف السكان` → 0.5. The time scan flags
/// the tokens one of whose readings is one of them ([`Tok::fraction_word`]).
pub(crate) const FRACTION_WORDS: &[(&str, f64)] = &[
    ("نصف", 0.5),
    ("ربع", 0.25),
    ("ثلث", 1.0 / 3.0),
    ("ثلثي", 2.0 / 3.0),
    ("ثلثا", 2.0 / 3.0),
];

struct Found {
    t1: usize,
    start: usize,
    end: usize,
    value: f64,
    unit: Option<String>,
    about: Option<(usize, usize)>,
}

struct Reader<'a> {
    t: &'a [Tok],
    taken: &'a [bool],
}

impl Reader<'_> {
    fn w(&self, i: usize) -> Option<&str> {
        self.t.get(i).and_then(|t| t.word())
    }

    fn free(&self, i: usize) -> bool {
        i < self.t.len() && !self.taken[i]
    }

    fn other(&self, i: usize, c: &str) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.kind == Kind::Other && t.norm == c)
    }

    fn end(&self, t1: usize) -> usize {
        self.t.get(t1.wrapping_sub(1)).map_or(0, |t| t.end)
    }

    /// The span of the word at `i` (for `about`).
    fn surface(&self, i: usize) -> Option<(usize, usize)> {
        let t = self.t.get(i)?;
        Some((t.start, t.end))
    }

    /// A number at `i` with its scale words: (value, next token, first char).
    fn number(&self, i: usize) -> Option<(f64, usize, usize)> {
        let t = self.t.get(i)?;
        let (mut v, mut j, start) = if t.kind == Kind::Num {
            // Numbers inside names and identifiers: إف-16, الفرقة 30 (no unit follows anyway).
            if i > 0 && (self.other(i - 1, "-") && !self.t[i].space_before) {
                return None;
            }
            (t.value, i + 1, t.start)
        } else {
            let first = t.word()?;
            if !t.number_word {
                return None;
            }
            // Up to five free words after it, on the stack.
            let mut after = [""; 5];
            let mut n_after = 0;
            for (slot, next) in after.iter_mut().zip(
                (i + 1..(i + 6).min(self.t.len()))
                    .take_while(|&k| self.free(k))
                    .map_while(|k| self.w(k)),
            ) {
                *slot = next;
                n_after += 1;
            }
            let rest = &after[..n_after];
            let mut found = None;
            debug_assert_eq!(first, t.norm);
            for (drop, w) in t.readings() {
                if !crate::time::scan::is_number_reading(w) {
                    continue;
                }
                // The reading and the words after it, on the stack.
                let mut words = [""; 6];
                words[0] = w;
                let len = 1 + rest.len();
                words[1..len].copy_from_slice(rest);
                if let Some((v, n)) = parse_number_words(&words[..len]) {
                    // واحد / أحد alone are rhetorical or pronominal, not counts.
                    if n == 1 && matches!(w, "واحد" | "واحدة" | "احد" | "احدي") {
                        return None;
                    }
                    found = Some((v, i + n, t.off(drop)));
                    break;
                }
            }
            found?
        };
        // Scale words after digits: 5 ملايين, 1.5 مليار, 3 آلاف.
        if t.kind == Kind::Num {
            if let Some(w) = self.w(j) {
                let scale = match w {
                    "الف" | "الاف" | "الفا" => Some(1e3),
                    "مليون" | "ملايين" | "مليونا" => Some(1e6),
                    "مليار" | "مليارات" | "مليارا" | "بليون" => Some(1e9),
                    "تريليون" | "تريليونات" => Some(1e12),
                    _ => None,
                };
                if let Some(s) = scale {
                    v *= s;
                    j += 1;
                }
            }
        }
        Some((v, j, start))
    }

    fn at(&self, i: usize) -> Option<Found> {
        // Most tokens are words that are no number word: only a fraction can start there.
        // Other characters than `$`, Latin words and dates start none. (The readers below
        // find the same, token by token; this skips those that cannot match.)
        let t = self.t.get(i)?;
        match t.kind {
            Kind::Other if t.norm != "$" => return None,
            Kind::Latin | Kind::Date(..) => return None,
            // The scan flagged the words one of whose readings is a fraction word: any
            // other word starts nothing.
            Kind::Word if !t.number_word && t.norm != "رقم" => {
                return t.fraction_word.then(|| self.fraction(i)).flatten()
            }
            _ => {}
        }
        // HEAD رقم N
        if let Some(f) = self.ordinal(i) {
            return Some(f);
        }
        // $5 مليون
        if self.other(i, "$") {
            let (v, j, _) = self.number(i + 1)?;
            return Some(Found {
                t1: j,
                start: self.t[i].start,
                end: self.end(j),
                value: v,
                unit: Some("USD".into()),
                about: None,
            });
        }
        if let Some(f) = self.fraction(i) {
            return Some(f);
        }
        let (v, j, start) = self.number(i)?;
        if !self.free(j.saturating_sub(1)) {
            return None;
        }
        let found = |t1: usize, unit: &str, about: Option<(usize, usize)>| Found {
            t1,
            start,
            end: self.end(t1),
            value: v,
            unit: Some(unit.to_string()),
            about,
        };
        if self.other(j, "%") || self.other(j, "٪") {
            return Some(found(j + 1, "percent", self.percent_about(i)));
        }
        if self.other(j, "$") {
            return Some(found(j + 1, "USD", None));
        }
        if !self.free(j) {
            return None;
        }
        if let Some(c) = LEXICON.currencies.at(self.t, j, false) {
            return Some(found(j + c.len, c.value, None));
        }
        if let Some(u) = LEXICON.units.at(self.t, j, false) {
            let (unit, kind) = u.value;
            let about = match kind {
                UnitKind::Count => self.surface(j),
                UnitKind::Percent => self.percent_about(i),
                _ => None,
            };
            return Some(found(j + u.len, unit, about));
        }
        None
    }

    /// The noun before `بنسبة`/`بمعدل` for a percent (`نموا بنسبة 4.5%` → نموا).
    fn percent_about(&self, i: usize) -> Option<(usize, usize)> {
        if i >= 2 && matches!(self.w(i - 1), Some("بنسبة" | "بمعدل" | "نسبة")) {
            return self
                .w(i - 2)
                .filter(|w| w.chars().count() > 2)
                .and(self.surface(i - 2));
        }
        None
    }

    /// `الزيارة رقم 13`: the span is `رقم 13`, the unit comes from the head noun.
    fn ordinal(&self, i: usize) -> Option<Found> {
        if self.w(i) != Some("رقم") || i == 0 {
            return None;
        }
        let n = self.t.get(i + 1).filter(|t| t.kind == Kind::Num && t.int)?;
        let head = LEXICON.ordinal_heads.at(self.t, i - 1, true)?;
        Some(Found {
            t1: i + 2,
            start: self.t[i].start,
            end: n.end,
            value: n.value,
            unit: Some(head.value.clone()),
            about: self.surface(i - 1),
        })
    }

    /// `نصف السكان` → 0.5 fraction.
    fn fraction(&self, i: usize) -> Option<Found> {
        // The definite noun after it first: a cheap test that rules out most words
        // before their readings are compared.
        let next = self.w(i + 1)?;
        if !next.starts_with("ال") || !self.free(i + 1) {
            return None;
        }
        let w = self.w(i)?;
        debug_assert_eq!(Some(w), self.t[i].word());
        let (drop, v) = self.t[i].readings().find_map(|(n, r)| {
            FRACTION_WORDS
                .iter()
                .find(|(f, _)| *f == r)
                .map(|&(_, v)| (n, v))
        })?;
        Some(Found {
            t1: i + 1,
            start: self.t[i].off(drop),
            end: self.t[i].end,
            value: v,
            unit: Some("fraction".into()),
            about: self.surface(i + 1),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lexicons_parse() {
        let lex = parse_lexicon().expect("quantity lexicons parse");
        assert!(LEXICON.currencies.at_word("دولار").is_some());
        assert!(lex.units.at_word("برميل").is_some());
    }

    #[test]
    fn fraction_words_are_flagged_by_the_scan() {
        // Folding leaves each word as it is (the scan compares folded readings).
        for (w, _) in FRACTION_WORDS {
            assert_eq!(
                marsad_text::normalize_word(w, marsad_text::Folding::MATCH),
                *w
            );
        }
        let toks = crate::time::scan::scan("نصف وبنصف ثلثي ونصفه الثلث ربعا");
        let flagged: Vec<bool> = toks.iter().map(|t| t.fraction_word).collect();
        assert_eq!(flagged, [true, true, true, false, false, false]);
        // A flagged word is read as a fraction before a definite noun, another word not.
        for (text, want) in [
            ("نصف السكان", Some(0.5)),
            ("وبثلث الموازنة", Some(1.0 / 3.0)),
            ("ثلثا الأعضاء", Some(2.0 / 3.0)),
            ("ونصفه السكان", None),
            ("نصف سكان", None),
        ] {
            let ctx = TextContext::new(text, None);
            let q = find_quantities(&ctx);
            assert_eq!(q.first().map(|q| q.value), want, "{text}");
        }
    }

    #[test]
    fn unit_of_ordinal_comes_from_head() {
        let ctx = TextContext::new("هذه هي الزيارة رقم 13 بين البلدين", None);
        let q = find_quantities(&ctx);
        assert_eq!(q.len(), 1);
        assert_eq!(
            (q[0].text.as_str(), q[0].value, q[0].unit.as_deref()),
            ("رقم 13", 13.0, Some("visit"))
        );
    }
}
