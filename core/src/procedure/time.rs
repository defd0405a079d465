//! Event times: RFC 3339 timestamps in UTC, passed in by the caller.
//!
//! The library never reads a clock (it must run in a browser, and replays must give the same
//! result on any day), so every action carries its time. Only one spelling is accepted, so
//! that two times compare the same way as text and as instants:
//! `YYYY-MM-DDTHH:MM:SS[.fraction]Z` — upper-case `T` and `Z`, UTC only (no `+01:00`), 1 to 9
//! fraction digits, seconds `00`–`59` (no leap second).

use std::cmp::Ordering;

use crate::formats::Date;

/// A parsed event time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timestamp {
    /// The calendar day (UTC).
    pub date: Date,
    /// Seconds since midnight.
    pub seconds: u32,
    /// Nanoseconds within the second.
    pub nanos: u32,
}

impl Timestamp {
    /// Parses the accepted RFC 3339 form; `None` for anything else.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let (date_text, rest) = text.split_once('T')?;
        let date = Date::parse(date_text)?;
        let rest = rest.strip_suffix('Z')?;
        let (clock, fraction) = match rest.split_once('.') {
            Some((clock, fraction)) => (clock, Some(fraction)),
            None => (rest, None),
        };
        let two = |s: &str, max: u32| -> Option<u32> {
            let ok = s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
            ok.then(|| s.parse().ok()).flatten().filter(|v| *v <= max)
        };
        let mut parts = clock.split(':');
        let hours = two(parts.next()?, 23)?;
        let minutes = two(parts.next()?, 59)?;
        let secs = two(parts.next()?, 59)?;
        if parts.next().is_some() {
            return None;
        }
        let nanos = match fraction {
            None => 0,
            Some(f) if (1..=9).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit()) => {
                let padded = format!("{f:0<9}");
                padded.parse().ok()?
            }
            Some(_) => return None,
        };
        Some(Timestamp {
            date,
            seconds: hours * 3600 + minutes * 60 + secs,
            nanos,
        })
    }
}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.date, self.seconds, self.nanos).cmp(&(other.date, other.seconds, other.nanos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_utc_forms_and_orders_them() {
        let a = Timestamp::parse("2025-03-01T09:00:00Z").unwrap();
        let b = Timestamp::parse("2025-03-01T09:00:00.5Z").unwrap();
        let c = Timestamp::parse("2025-03-02T00:00:00Z").unwrap();
        assert!(a < b && b < c);
        assert_eq!(b.nanos, 500_000_000);
        assert_eq!(a.date.to_string(), "2025-03-01");
    }

    #[test]
    fn refuses_other_spellings() {
        for bad in [
            "2025-03-01",
            "2025-03-01T09:00:00",
            "2025-03-01T09:00:00+01:00",
            "2025-03-01t09:00:00z",
            "2025-03-01T24:00:00Z",
            "2025-03-01T09:00:60Z",
            "2025-02-30T09:00:00Z",
            "2025-03-01T09:00Z",
            "2025-03-01T09:00:00.Z",
            "2025-03-01T09:00:00.1234567890Z",
            "2025-03-01T9:00:00Z",
        ] {
            assert_eq!(Timestamp::parse(bad), None, "{bad}");
        }
    }
}
