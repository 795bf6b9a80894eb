//! Dates as French files write them (`31/12/2021`) or as ISO 8601 (`2021-12-31`), stored as
//! days since 1970-01-01 (Arrow `Date32`).

use crate::engine::calendar::days_from_civil;
use crate::engine::table::DateFormat;

/// Reads a date in `format`: days since 1970-01-01, or `None` if it is not a valid date.
pub fn parse(cell: &str, format: DateFormat) -> Option<i32> {
    let cell = cell.trim();
    let b = cell.as_bytes();
    let num = |s: &[u8]| -> Option<u32> {
        (!s.is_empty() && s.iter().all(u8::is_ascii_digit))
            .then(|| s.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let (y, m, d) = match format {
        DateFormat::Iso if b.len() == 10 && b[4] == b'-' && b[7] == b'-' => {
            (num(&b[..4])?, num(&b[5..7])?, num(&b[8..])?)
        }
        DateFormat::DayMonthYear if b.len() == 10 && b[2] == b[5] && matches!(b[2], b'/' | b'-') => {
            (num(&b[6..])?, num(&b[3..5])?, num(&b[..2])?)
        }
        _ => return None,
    };
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y as i32, m, d))
}

/// Which format reads `cell`, if any.
pub fn sniff(cell: &str) -> Option<DateFormat> {
    [DateFormat::Iso, DateFormat::DayMonthYear].into_iter().find(|&f| parse(cell, f).is_some())
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::calendar::{french, iso};

    #[test]
    fn reads_and_writes() {
        assert_eq!(parse("1970-01-01", DateFormat::Iso), Some(0));
        assert_eq!(parse("31/12/2021", DateFormat::DayMonthYear), Some(18_992));
        assert_eq!(iso(18_992), "2021-12-31");
        assert_eq!(french(18_992), "31/12/2021");
        assert_eq!(parse("29/02/2020", DateFormat::DayMonthYear).map(iso), Some("2020-02-29".into()));
    }

    #[test]
    fn refuses_non_dates() {
        assert_eq!(parse("29/02/2021", DateFormat::DayMonthYear), None);
        assert_eq!(parse("2021-13-01", DateFormat::Iso), None);
        assert_eq!(parse("12/2021", DateFormat::DayMonthYear), None);
        assert_eq!(sniff("59522"), None);
    }

    #[test]
    fn round_trip_over_centuries() {
        for days in (-200_000..200_000).step_by(997) {
            assert_eq!(parse(&iso(days), DateFormat::Iso), Some(days));
        }
    }
}
