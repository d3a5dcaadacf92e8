//! Proleptic Gregorian day arithmetic, ISO weeks and the Hijri (Umm al-Qura) calendar.

use icu_calendar::cal::{Hijri, Iso};
use icu_calendar::Date;

/// A Gregorian calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Ymd {
    /// Year.
    pub y: i32,
    /// Month, 1–12.
    pub m: u32,
    /// Day, 1–31.
    pub d: u32,
}

impl Ymd {
    /// Reads `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Ymd> {
        let mut it = s.trim().splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.get(..2)?.parse().ok()?;
        valid(y, m, d).then_some(Ymd { y, m, d })
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        days_from_civil(self.y, self.m, self.d)
    }

    /// The day `n` days later.
    pub fn add_days(self, n: i64) -> Ymd {
        civil_from_days(self.days() + n)
    }

    /// ISO weekday, 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u32 {
        (self.days() + 3).rem_euclid(7) as u32 + 1
    }

    /// `YYYY-MM-DD`.
    pub fn value(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    /// `YYYY-Www` (ISO week).
    pub fn week_value(self) -> String {
        let thursday = self.add_days(4 - self.weekday() as i64);
        let jan1 = Ymd {
            y: thursday.y,
            m: 1,
            d: 1,
        };
        let week = (thursday.days() - jan1.days()) / 7 + 1;
        format!("{:04}-W{:02}", thursday.y, week)
    }
}

/// True for a real Gregorian day.
pub(crate) fn valid(y: i32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// Number of days in a Gregorian month (0 for a bad month).
pub(crate) fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> Ymd {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + if m <= 2 { 1 } else { 0 }) as i32;
    Ymd { y, m, d }
}

/// Adds `n` months to a year and month.
pub(crate) fn add_months(y: i32, m: u32, n: i64) -> (i32, u32) {
    let k = y as i64 * 12 + (m as i64 - 1) + n;
    (k.div_euclid(12) as i32, (k.rem_euclid(12) + 1) as u32)
}

/// The Gregorian day of a Hijri (Umm al-Qura) date, for years 1–2000 AH.
pub(crate) fn hijri_to_gregorian(y: i32, m: u32, d: u32) -> Option<Ymd> {
    if !(1..=2000).contains(&y) || !(1..=12).contains(&m) || !(1..=30).contains(&d) {
        return None;
    }
    let h =
        Date::try_new_hijri_with_calendar(y, m as u8, d as u8, Hijri::new_umm_al_qura()).ok()?;
    let iso = h.to_calendar(Iso);
    #[allow(deprecated)]
    let gy = iso.extended_year();
    Some(Ymd {
        y: gy,
        m: iso.month().ordinal as u32,
        d: iso.day_of_month().0 as u32,
    })
}

/// The Hijri (Umm al-Qura) year holding a Gregorian day.
pub(crate) fn hijri_year_of(g: Ymd) -> Option<i32> {
    let approx = ((g.y - 622) as f64 * 33.0 / 32.0) as i32 + 1;
    (approx - 1..=approx + 1)
        .rev()
        .find(|&hy| hijri_to_gregorian(hy, 1, 1).is_some_and(|s| s <= g))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic() {
        let d = Ymd {
            y: 2026,
            m: 1,
            d: 29,
        };
        assert_eq!(d.weekday(), 4);
        assert_eq!(d.add_days(3).value(), "2026-02-01");
        assert_eq!(d.week_value(), "2026-W05");
        assert_eq!(
            Ymd {
                y: 2021,
                m: 1,
                d: 3
            }
            .week_value(),
            "2020-W53"
        );
        assert_eq!(add_months(2026, 1, -1), (2025, 12));
        assert_eq!(
            Ymd::parse("2024-02-29").map(|d| d.add_days(1).value()),
            Some("2024-03-01".into())
        );
    }

    #[test]
    fn hijri() {
        assert_eq!(
            hijri_to_gregorian(1447, 9, 1).map(Ymd::value),
            Some("2026-02-18".into())
        );
        assert_eq!(
            hijri_year_of(Ymd {
                y: 2026,
                m: 1,
                d: 29
            }),
            Some(1447)
        );
    }
}
