//! The time lexicons (`data/lexicons/time_*.tsv`), parsed once.

use std::sync::LazyLock;

use super::scan::{rows, tables, Phrases};
use crate::TimeType;

/// How a unit of time is written: its TIMEX3 letter, grammatical number and name.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// TIMEX3 letter(s): Y M W D H MI S DE CE.
    pub code: String,
    /// 1 (singular), 2 (dual) or 0 (plural).
    pub number: u8,
    /// English name used as a quantity unit (`day`).
    pub name: String,
}

/// The granularity of a shifted deictic.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Gran {
    /// Day.
    Day,
    /// ISO week.
    Week,
    /// Month.
    Month,
    /// Year.
    Year,
    /// Century.
    Century,
}

/// How a lexicon expression is valued.
#[derive(Debug, Clone)]
pub(crate) enum Rule {
    /// The anchor's unit shifted by N, with an optional part of day.
    Shift(Gran, i64, Option<String>),
    /// A reference value (PAST_REF ...).
    Ref(String),
    /// An anchored duration value.
    Dur(String),
    /// A SET value.
    Set(String),
    /// An absolute value (a decade).
    Abs(String),
}

/// All time lexicons.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Month names: (is Hijri, month number).
    pub months: Phrases<(bool, u32)>,
    /// Weekday names: ISO weekday.
    pub weekdays: Phrases<u32>,
    /// Units of time.
    pub units: Phrases<Unit>,
    /// Modifiers: START/MID/END.
    pub mods: Phrases<String>,
    /// Parts of the day: TIMEX3 suffix.
    pub parts: Phrases<String>,
    /// Deictic and other expressions.
    pub exprs: Phrases<(TimeType, Rule)>,
}

impl Lexicon {
    /// The folded first words of each table, with the table's bit ([`tables`]), for the
    /// scan's flags.
    pub fn first_words_by_table(&self) -> Vec<(u8, Vec<String>)> {
        [
            (self.months.scan_bit(), self.months.first_words().collect()),
            (
                self.weekdays.scan_bit(),
                self.weekdays.first_words().collect(),
            ),
            (self.units.scan_bit(), self.units.first_words().collect()),
            (self.mods.scan_bit(), self.mods.first_words().collect()),
            (self.parts.scan_bit(), self.parts.first_words().collect()),
            (self.exprs.scan_bit(), self.exprs.first_words().collect()),
        ]
        .into()
    }
}

fn parse_rule(s: &str) -> Option<Rule> {
    let mut it = s.split(':');
    let head = it.next()?;
    let arg = it.next()?;
    let part = it.next().map(str::to_string);
    let gran = match head {
        "day" => Some(Gran::Day),
        "week" => Some(Gran::Week),
        "month" => Some(Gran::Month),
        "year" => Some(Gran::Year),
        "century" => Some(Gran::Century),
        _ => None,
    };
    Some(match (head, gran) {
        (_, Some(g)) => Rule::Shift(g, arg.parse().ok()?, part),
        ("ref", _) => Rule::Ref(arg.to_string()),
        ("dur", _) => Rule::Dur(arg.to_string()),
        ("set", _) => Rule::Set(arg.to_string()),
        ("decade", _) => Rule::Abs(arg.to_string()),
        _ => return None,
    })
}

fn time_type(s: &str) -> Option<TimeType> {
    Some(match s {
        "DATE" => TimeType::Date,
        "DURATION" => TimeType::Duration,
        "SET" => TimeType::Set,
        "TIME" => TimeType::Time,
        _ => return None,
    })
}

/// Source of each lexicon, compiled in.
pub(crate) const MONTHS: &str = include_str!("../../data/lexicons/time_months.tsv");
pub(crate) const WEEKDAYS: &str = include_str!("../../data/lexicons/time_weekdays.tsv");
pub(crate) const UNITS: &str = include_str!("../../data/lexicons/time_units.tsv");
pub(crate) const MODIFIERS: &str = include_str!("../../data/lexicons/time_modifiers.tsv");
pub(crate) const DAY_PARTS: &str = include_str!("../../data/lexicons/time_day_parts.tsv");
pub(crate) const EXPRESSIONS: &str = include_str!("../../data/lexicons/time_expressions.tsv");

/// Parses the lexicons; a bad line is an error naming the file and line.
pub(crate) fn parse() -> Result<Lexicon, String> {
    let mut lex = Lexicon {
        months: Phrases::new().flagged(tables::MONTHS),
        weekdays: Phrases::new().flagged(tables::WEEKDAYS),
        units: Phrases::new().flagged(tables::UNITS),
        mods: Phrases::new().flagged(tables::MODS),
        parts: Phrases::new().flagged(tables::PARTS),
        exprs: Phrases::new().flagged(tables::EXPRS),
    };
    let bad = |file: &str, row: &[&str]| format!("{file}: bad line {:?}", row.join("\t"));
    for r in rows(MONTHS) {
        match (
            r.first(),
            r.get(1),
            r.get(2).and_then(|m| m.parse::<u32>().ok()),
        ) {
            (Some(f), Some(&cal), Some(m))
                if (1..=12).contains(&m) && (cal == "hijri" || cal == "gregorian") =>
            {
                lex.months.insert(f, (cal == "hijri", m))
            }
            _ => return Err(bad("time_months.tsv", &r)),
        }
    }
    for r in rows(WEEKDAYS) {
        match (r.first(), r.get(1).and_then(|m| m.parse::<u32>().ok())) {
            (Some(f), Some(d)) if (1..=7).contains(&d) => lex.weekdays.insert(f, d),
            _ => return Err(bad("time_weekdays.tsv", &r)),
        }
    }
    for r in rows(UNITS) {
        let number = match r.get(2) {
            Some(&"1") => 1,
            Some(&"2") => 2,
            Some(&"pl") => 0,
            _ => return Err(bad("time_units.tsv", &r)),
        };
        match (r.first(), r.get(1), r.get(3)) {
            (Some(f), Some(c), Some(n)) => lex.units.insert(
                f,
                Unit {
                    code: c.to_string(),
                    number,
                    name: n.to_string(),
                },
            ),
            _ => return Err(bad("time_units.tsv", &r)),
        }
    }
    for r in rows(MODIFIERS) {
        match (r.first(), r.get(1)) {
            (Some(f), Some(m)) if ["START", "MID", "END"].contains(m) => {
                lex.mods.insert(f, m.to_string())
            }
            _ => return Err(bad("time_modifiers.tsv", &r)),
        }
    }
    for r in rows(DAY_PARTS) {
        match (r.first(), r.get(1)) {
            (Some(f), Some(p)) if p.starts_with('T') => lex.parts.insert(f, p.to_string()),
            _ => return Err(bad("time_day_parts.tsv", &r)),
        }
    }
    for r in rows(EXPRESSIONS) {
        match (
            r.first(),
            r.get(1).and_then(|t| time_type(t)),
            r.get(2).and_then(|x| parse_rule(x)),
        ) {
            (Some(f), Some(t), Some(rule)) => lex.exprs.insert(f, (t, rule)),
            _ => return Err(bad("time_expressions.tsv", &r)),
        }
    }
    Ok(lex)
}

/// The bundled lexicons (an empty lexicon if they fail to parse; a test checks they do).
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    parse().unwrap_or_else(|_| Lexicon {
        months: Phrases::new(),
        weekdays: Phrases::new(),
        units: Phrases::new(),
        mods: Phrases::new(),
        parts: Phrases::new(),
        exprs: Phrases::new(),
    })
});

#[cfg(test)]
mod tests {
    #[test]
    fn bundled_lexicons_parse() {
        let lex = super::parse().expect("time lexicons parse");
        assert!(!lex.months.is_empty());
    }
}
