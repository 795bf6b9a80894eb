//! Dates as the table stores them (days since 1970-01-01, Arrow `Date32`) and back.
//!
//! ```
//! use carnet::engine::calendar;
//! assert_eq!(calendar::iso(18_992), "2021-12-31");
//! assert_eq!(calendar::french(18_992), "31/12/2021");
//! assert_eq!(calendar::days_from_civil(2021, 12, 31), 18_992);
//! assert_eq!(calendar::in_words("2026-12-01").as_deref(), Some("1er décembre 2026"));
//! assert_eq!(calendar::in_words("2026-08-15").as_deref(), Some("15 août 2026"));
//! ```

/// `2021-12-31` for a day count.
pub fn iso(days: i32) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `31/12/2021` for a day count.
pub fn french(days: i32) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{d:02}/{m:02}/{y:04}")
}

/// An ISO date (`2026-12-01`) in words, as French writes it: `1er décembre 2026`; `None` for
/// what is not an ISO date.
pub fn in_words(iso: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let mut parts = iso.get(..10)?.split('-');
    let (y, m, d): (i32, usize, u32) =
        (parts.next()?.parse().ok()?, parts.next()?.parse().ok()?, parts.next()?.parse().ok()?);
    let month = MONTHS.get(m.checked_sub(1)?)?;
    (1..=31).contains(&d).then(|| if d == 1 { format!("1er {month} {y}") } else { format!("{d} {month} {y}") })
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date (year, month, day) of a count of days since 1970-01-01.
pub fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}
