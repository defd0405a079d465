//! Today's date for the future-date checks.
//!
//! The library never reads a clock (it must run in browsers and give reproducible results);
//! the command-line program supplies "today" as the default reference date.

use std::time::{SystemTime, UNIX_EPOCH};

use attesta::formats::Date;

/// Today's date in UTC, or `None` when the system clock is before 1970 or beyond year 9999.
pub(crate) fn today_utc() -> Option<Date> {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    civil_from_days(seconds / 86_400)
}

/// The proleptic Gregorian date `days` days after 1970-01-01 (Howard Hinnant's algorithm).
pub(crate) fn civil_from_days(days: u64) -> Option<Date> {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    Date::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn known_days_map_to_their_dates() {
        for (days, expected) in [
            (0, "1970-01-01"),
            (59, "1970-03-01"),
            (11_016, "2000-02-29"),
            (19_782, "2024-02-29"),
            (20_453, "2025-12-31"),
        ] {
            let date = civil_from_days(days).map(|d| d.to_string());
            assert_eq!(date.as_deref(), Some(expected), "day {days}");
        }
    }
}
