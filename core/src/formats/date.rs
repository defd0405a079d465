//! Calendar dates and partial dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
//!
//! People often remember only the year or the month of a job abroad, so periods use partial
//! dates. A partial date covers a range of days; comparisons use the earliest or latest day of
//! that range, so "2019" is not "after" "2019-06".

use std::fmt;

/// A calendar date in the proleptic Gregorian calendar (years 1000–9999).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year (1000–9999).
    pub year: u16,
    /// Month (1–12).
    pub month: u8,
    /// Day of month (1–31, valid for the month).
    pub day: u8,
}

impl Date {
    /// A date, if it exists in the calendar.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        ((1000..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        match PartialDate::parse(text)? {
            PartialDate::Day(date) => Some(date),
            _ => None,
        }
    }

    /// Whole years from `self` to `later` (negative when `later` is earlier).
    pub fn years_until(self, later: Date) -> i32 {
        let mut years = i32::from(later.year) - i32::from(self.year);
        if (later.month, later.day) < (self.month, self.day) {
            years -= 1;
        }
        years
    }

    /// The date `years` years later (29 February becomes 28 February in common years).
    #[must_use]
    pub fn add_years(self, years: u16) -> Date {
        let year = self.year.saturating_add(years).min(9999);
        let day = self.day.min(days_in_month(year, self.month));
        Date {
            year,
            month: self.month,
            day,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartialDate {
    /// Only the year is known.
    Year(u16),
    /// Year and month are known.
    Month(u16, u8),
    /// The full date is known.
    Day(Date),
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` for anything else or an impossible date.
    pub fn parse(text: &str) -> Option<PartialDate> {
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let mut parts = text.split('-');
        let year_text = parts.next()?;
        if !digits(year_text, 4) {
            return None;
        }
        let year: u16 = year_text.parse().ok()?;
        if year < 1000 {
            return None;
        }
        let Some(month_text) = parts.next() else {
            return Some(PartialDate::Year(year));
        };
        if !digits(month_text, 2) {
            return None;
        }
        let month: u8 = month_text.parse().ok()?;
        if !(1..=12).contains(&month) {
            return None;
        }
        let Some(day_text) = parts.next() else {
            return Some(PartialDate::Month(year, month));
        };
        if !digits(day_text, 2) || parts.next().is_some() {
            return None;
        }
        Date::new(year, month, day_text.parse().ok()?).map(PartialDate::Day)
    }

    /// The first day the partial date can mean.
    pub fn earliest(self) -> Date {
        match self {
            PartialDate::Year(y) => Date {
                year: y,
                month: 1,
                day: 1,
            },
            PartialDate::Month(y, m) => Date {
                year: y,
                month: m,
                day: 1,
            },
            PartialDate::Day(d) => d,
        }
    }

    /// The last day the partial date can mean.
    pub fn latest(self) -> Date {
        match self {
            PartialDate::Year(y) => Date {
                year: y,
                month: 12,
                day: 31,
            },
            PartialDate::Month(y, m) => Date {
                year: y,
                month: m,
                day: days_in_month(y, m),
            },
            PartialDate::Day(d) => d,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PartialDate::Day(d) => d.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_precisions() {
        assert_eq!(PartialDate::parse("2019"), Some(PartialDate::Year(2019)));
        assert_eq!(
            PartialDate::parse("2019-06"),
            Some(PartialDate::Month(2019, 6))
        );
        assert_eq!(
            PartialDate::parse("2020-02-29").map(|d| d.to_string()),
            Some("2020-02-29".into())
        );
    }

    #[test]
    fn rejects_impossible_or_malformed_dates() {
        for bad in [
            "2019-02-29",
            "2019-13",
            "2019-00",
            "19",
            "2019-6",
            "2019-06-1",
            "0999",
            "2019-06-01-01",
            "",
            "abcd",
        ] {
            assert_eq!(PartialDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn ranges_and_years() {
        let y = PartialDate::parse("2019").unwrap();
        assert_eq!(y.earliest().to_string(), "2019-01-01");
        assert_eq!(y.latest().to_string(), "2019-12-31");
        assert_eq!(PartialDate::parse("2024-02").unwrap().latest().day, 29);
        let d = Date::parse("2020-02-29").unwrap();
        assert_eq!(d.add_years(5).to_string(), "2025-02-28");
        assert_eq!(d.years_until(Date::parse("2025-02-28").unwrap()), 4);
    }
}
