//! Cells written the French way, as the UI and the charts show them ([`cell`]), and the
//! plain way the published files write them ([`plain`]).
//!
//! Thousands are grouped with a narrow no-break space (U+202F, as `Intl.NumberFormat('fr-FR')`
//! does), the decimal sign is a comma.
//!
//! ```
//! use carnet::engine::format;
//! assert_eq!(format::number(29440.0), "29\u{202F}440");
//! assert_eq!(format::number(-14.5), "-14,5");
//! ```

use super::table::Cell;
use super::table::Marker;

/// How a secret cell is written.
pub const SECRET: &str = "s";
/// How a not-available cell is written.
pub const NOT_AVAILABLE: &str = "nd";
/// How a not-significant cell is written.
pub const NOT_SIGNIFICANT: &str = "ns";
/// How a cell that does not apply is written.
pub const NOT_APPLICABLE: &str = "so";
/// Every way the published files write a missing value (the schema's `missingValues`).
pub const MISSING: [&str; 5] = ["", SECRET, NOT_AVAILABLE, NOT_SIGNIFICANT, NOT_APPLICABLE];

/// How the published files write a missing value of this kind.
pub fn written(marker: Marker) -> &'static str {
    match marker {
        Marker::Empty => "",
        Marker::Secret => SECRET,
        Marker::NotAvailable => NOT_AVAILABLE,
        Marker::NotSignificant => NOT_SIGNIFICANT,
        Marker::NotApplicable => NOT_APPLICABLE,
    }
}

/// The thousands separator: narrow no-break space.
pub const GROUP: char = '\u{202F}';

/// Writes `value` with French grouping and decimal comma, with as many decimals as it needs.
pub fn number(value: f64) -> String {
    grouped(value, &format!("{}", value.abs()))
}

/// Writes `value` the French way with at least `decimals` digits after the comma, as its
/// source wrote it (`71.0` with one: `71,0`); more when the value has more.
pub fn number_with(value: f64, decimals: u8) -> String {
    grouped(value, &plain_number(value.abs(), decimals))
}

/// [`number_with`] followed by `unit` after a no-break space, when there is one: `29 860 €`,
/// `71,0 %`, `1 905`.
pub fn number_in(value: f64, decimals: u8, unit: Option<&str>) -> String {
    match unit {
        Some(unit) => format!("{}\u{a0}{unit}", number_with(value, decimals)),
        None => number_with(value, decimals),
    }
}

/// `value` with a decimal point and at least `decimals` digits after it.
pub fn plain_number(value: f64, decimals: u8) -> String {
    let shortest = value.to_string();
    let has = shortest.split_once('.').map_or(0, |(_, f)| f.len());
    if decimals == 0 || has >= usize::from(decimals) || !value.is_finite() {
        shortest
    } else {
        format!("{value:.*}", usize::from(decimals))
    }
}

/// `value`, written plainly in `plain` (digits, a point), grouped the French way.
fn grouped(value: f64, plain: &str) -> String {
    if !value.is_finite() {
        return String::from("–");
    }
    let (int, frac) = plain.split_once('.').unwrap_or((plain, ""));
    let mut out = String::with_capacity(plain.len() + 4);
    if value < 0.0 && value != 0.0 {
        out.push('-');
    }
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(GROUP);
        }
        out.push(digit);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// Writes an integer with French grouping.
pub fn integer(value: i64) -> String {
    number(value as f64)
}

/// How a missing cell reads in French.
pub fn marker(marker: Marker) -> &'static str {
    match marker {
        Marker::Empty => "",
        Marker::Secret => "secret",
        Marker::NotAvailable => "n.d.",
        Marker::NotSignificant => "n.s.",
        Marker::NotApplicable => "s.o.",
    }
}

/// A cell as the user reads it.
pub fn cell(cell: Cell<'_>) -> String {
    match cell {
        Cell::Text(s) => s.to_owned(),
        Cell::Integer(v) => integer(v),
        Cell::Decimal(v, d) => number_with(v, d),
        Cell::Percent(v, d) => format!("{}\u{A0}%", number_with(v, d)),
        Cell::Year(v) => v.to_string(),
        Cell::Date(d) => super::calendar::french(d),
        Cell::Bool(b) => (if b { "oui" } else { "non" }).to_owned(),
        Cell::Missing(m) => marker(m).to_owned(),
    }
}

/// A cell as the files Carnet publishes write it: decimal point, ISO dates, [`MISSING`] for
/// the markers, text as it was read.
pub fn plain(cell: Cell<'_>) -> String {
    match cell {
        Cell::Text(s) => s.to_owned(),
        Cell::Integer(v) => v.to_string(),
        Cell::Decimal(v, d) | Cell::Percent(v, d) => plain_number(v, d),
        Cell::Year(v) => v.to_string(),
        Cell::Date(d) => super::calendar::iso(d),
        Cell::Bool(b) => b.to_string(),
        Cell::Missing(m) => written(m).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_numbers() {
        let nb = |s: &str| s.replace(GROUP, " ");
        assert_eq!(nb(&number(0.0)), "0");
        assert_eq!(nb(&number(759.0)), "759");
        assert_eq!(nb(&number(1986.0)), "1 986");
        assert_eq!(nb(&number(1_194_040.0)), "1 194 040");
        assert_eq!(nb(&number(12.5)), "12,5");
        assert_eq!(nb(&number(-1234.25)), "-1 234,25");
        assert_eq!(number(f64::NAN), "–");
    }

    #[test]
    fn cells() {
        assert_eq!(cell(Cell::Integer(29440)), "29\u{202F}440");
        assert_eq!(cell(Cell::Missing(Marker::Secret)), "secret");
        assert_eq!(cell(Cell::Text("2A004")), "2A004");
        assert_eq!(cell(Cell::Percent(12.5, 1)), "12,5\u{A0}%");
        assert_eq!(cell(Cell::Percent(71.0, 1)), "71,0\u{A0}%", "the source's precision");
        assert_eq!(cell(Cell::Decimal(3.0, 2)), "3,00");
        assert_eq!(plain(Cell::Decimal(71.0, 1)), "71.0");
        assert_eq!(plain(Cell::Decimal(-0.5, 2)), "-0.50");
        assert_eq!(plain(Cell::Decimal(1.25, 1)), "1.25", "never fewer digits than the value has");
        assert_eq!(number_with(12_345.0, 1).replace(GROUP, " "), "12 345,0");
        assert_eq!(cell(Cell::Year(2020)), "2020");
        assert_eq!(cell(Cell::Date(18_992)), "31/12/2021");
    }
}
