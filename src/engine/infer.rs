//! Column types: what each raw text column holds, decided from all of its cells.
//!
//! Codes stay text (`01001` keeps its zero, `2A004` its letter); numbers accept the French
//! forms (decimal comma, thousands grouped by spaces); missing and secret markers (`s`,
//! `nd`…) are told apart from values, and from each other.
//!
//! ```
//! use carnet::engine::infer::{self, ColumnKind, DecimalSign};
//! let cells = ["48,0", "s", "17,5", ""];
//! assert_eq!(infer::column("PIMP20", cells.into_iter()), ColumnKind::Decimal(DecimalSign::Comma));
//! ```

use serde::{Deserialize, Serialize};

/// The decimal sign of a numeric column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecimalSign {
    /// `12,5`.
    Comma,
    /// `12.5`.
    Point,
}

/// Which kind of code a code column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CodeKind {
    /// A commune's INSEE code: 5 characters, `2A`/`2B` in Corsica.
    Commune,
    /// Any other code made of digits that must keep its leading zeros.
    Other,
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ColumnKind {
    /// A code, kept as text.
    Code(CodeKind),
    /// Whole numbers.
    Integer,
    /// Numbers with a fractional part, written with this decimal sign.
    Decimal(DecimalSign),
    /// Anything else.
    Text,
}

impl ColumnKind {
    /// Whether the column holds numbers.
    pub fn is_numeric(self) -> bool {
        matches!(self, Self::Integer | Self::Decimal(_))
    }
}

/// Why a cell holds no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[repr(u8)]
pub enum Marker {
    /// An empty cell.
    Empty = 1,
    /// Statistical secret (`s`, `secret`).
    Secret = 2,
    /// Not available (`nd`, `n.d.`, `NA`, `-`).
    NotAvailable = 3,
}

impl Marker {
    /// The marker a cell stands for, if it is one.
    pub fn of(cell: &str) -> Option<Self> {
        match cell.trim() {
            "" => Some(Self::Empty),
            "s" | "S" | "secret" | "Secret" => Some(Self::Secret),
            "nd" | "ND" | "n.d." | "N.D." | "NA" | "N/A" | "n/a" | "-" | "…" | "..." => {
                Some(Self::NotAvailable)
            }
            _ => None,
        }
    }

    /// The marker stored as byte `code` (see [`Marker::code`]).
    pub fn from_code(code: u8) -> Option<Self> {
        match code {
            1 => Some(Self::Empty),
            2 => Some(Self::Secret),
            3 => Some(Self::NotAvailable),
            _ => None,
        }
    }

    /// The byte stored for this marker; 0 means "a value is present".
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// Header names that announce a commune code column, compared case-insensitively.
const COMMUNE_CODE_NAMES: [&str; 9] = [
    "codgeo",
    "code_insee",
    "codes_insee",
    "insee_com",
    "code_commune",
    "codecommune",
    "com",
    "depcom",
    "code_commune_insee",
];

/// Decides the kind of column `name` from its cells.
pub fn column<'a>(name: &str, cells: impl Iterator<Item = &'a str>) -> ColumnKind {
    let mut stats = Stats::default();
    for cell in cells {
        stats.add(cell.trim());
    }
    let named_commune = COMMUNE_CODE_NAMES.contains(&name.trim().to_ascii_lowercase().as_str());
    if stats.values == 0 {
        return if named_commune {
            ColumnKind::Code(CodeKind::Commune)
        } else {
            ColumnKind::Text
        };
    }
    if stats.commune_codes == stats.values
        && (named_commune || stats.leading_zero || stats.corsican)
    {
        return ColumnKind::Code(CodeKind::Commune);
    }
    if stats.digits_only == stats.values && stats.leading_zero {
        return ColumnKind::Code(CodeKind::Other);
    }
    if stats.numbers < stats.values {
        return ColumnKind::Text;
    }
    let decimal = if stats.last_sign_comma >= stats.last_sign_point {
        DecimalSign::Comma
    } else {
        DecimalSign::Point
    };
    let fractional = match decimal {
        DecimalSign::Comma => stats.last_sign_comma > 0,
        DecimalSign::Point => stats.last_sign_point > 0,
    };
    if fractional {
        ColumnKind::Decimal(decimal)
    } else {
        ColumnKind::Integer
    }
}

/// Counts over a column's non-missing cells.
#[derive(Default)]
struct Stats {
    values: usize,
    commune_codes: usize,
    digits_only: usize,
    leading_zero: bool,
    corsican: bool,
    numbers: usize,
    /// Numbers whose last `,` or `.` is a comma (resp. a point).
    last_sign_comma: usize,
    last_sign_point: usize,
}

impl Stats {
    fn add(&mut self, cell: &str) {
        if Marker::of(cell).is_some() {
            return;
        }
        self.values += 1;
        let bytes = cell.as_bytes();
        let digits = bytes.iter().all(u8::is_ascii_digit);
        if digits {
            self.digits_only += 1;
            self.leading_zero |= bytes.len() > 1 && bytes[0] == b'0';
        }
        if is_commune_code(bytes) {
            self.commune_codes += 1;
            self.corsican |= bytes[0] == b'2' && matches!(bytes[1], b'A' | b'B');
        }
        if looks_numeric(cell) {
            self.numbers += 1;
            match bytes.iter().rev().find(|b| matches!(b, b',' | b'.')) {
                Some(b',') => self.last_sign_comma += 1,
                Some(_) => self.last_sign_point += 1,
                None => {}
            }
        }
    }
}

/// `01001`, `2A004`, `97411`: five characters, digits but for Corsica's `2A`/`2B`.
pub fn is_commune_code(bytes: &[u8]) -> bool {
    bytes.len() == 5
        && (bytes.iter().all(u8::is_ascii_digit)
            || (bytes[0] == b'2'
                && matches!(bytes[1], b'A' | b'B')
                && bytes[2..].iter().all(u8::is_ascii_digit)))
}

/// Spaces that group thousands: space, no-break space, narrow no-break space.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\u{202F}')
}

fn looks_numeric(cell: &str) -> bool {
    parse_number(cell, DecimalSign::Comma).is_some()
        || parse_number(cell, DecimalSign::Point).is_some()
}

/// Reads a number written the French or the English way with the given decimal sign:
/// `-14,5`, `29 440`, `1.234,5` (comma) or `1,234.5` (point). `None` if it is not one.
pub fn parse_number(cell: &str, decimal: DecimalSign) -> Option<f64> {
    let (sign, group) = match decimal {
        DecimalSign::Comma => (',', '.'),
        DecimalSign::Point => ('.', ','),
    };
    let cell = cell.trim();
    if cell.is_empty() || cell.len() > 64 {
        return None;
    }
    let mut normal = String::with_capacity(cell.len());
    let mut seen_sign = false;
    for (i, c) in cell.char_indices() {
        match c {
            '0'..='9' => normal.push(c),
            '-' | '+' if i == 0 => normal.push(c),
            c if c == sign && !seen_sign => {
                seen_sign = true;
                normal.push('.');
            }
            c if (c == group || is_group_space(c)) && !seen_sign && i > 0 => {}
            _ => return None,
        }
    }
    if !normal.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    normal.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! infers {
        ($name:ident, $header:expr, [$($cell:expr),*], $expected:expr) => {
            #[test]
            fn $name() {
                assert_eq!(column($header, [$($cell),*].into_iter()), $expected);
            }
        };
    }

    infers!(
        codgeo,
        "CODGEO",
        ["01001", "2A004", "59522"],
        ColumnKind::Code(CodeKind::Commune)
    );
    infers!(
        codgeo_without_zero_by_name,
        "codgeo",
        ["59522", "75056"],
        ColumnKind::Code(CodeKind::Commune)
    );
    infers!(
        codes_with_zero_by_value,
        "X",
        ["01001", "59522"],
        ColumnKind::Code(CodeKind::Commune)
    );
    infers!(
        departement_codes,
        "DEP",
        ["01", "59", "974"],
        ColumnKind::Code(CodeKind::Other)
    );
    infers!(
        counts,
        "NBMENFISC20",
        ["331", "s", "", "6882"],
        ColumnKind::Integer
    );
    infers!(
        decimal_commas,
        "PIMP20",
        ["48,0", "s", "-14,5"],
        ColumnKind::Decimal(DecimalSign::Comma)
    );
    infers!(
        decimal_points,
        "PIMP19",
        ["48.0", "", "-14.5"],
        ColumnKind::Decimal(DecimalSign::Point)
    );
    infers!(
        grouped_thousands,
        "MED",
        ["29 440", "1\u{202F}234,5"],
        ColumnKind::Decimal(DecimalSign::Comma)
    );
    infers!(
        text,
        "LIBGEO",
        ["Sailly-lez-Lannoy", "12"],
        ColumnKind::Text
    );
    infers!(all_secret, "D120", ["s", "s"], ColumnKind::Text);

    #[test]
    fn numbers_in_french_and_english() {
        assert_eq!(parse_number("29 440", DecimalSign::Comma), Some(29440.0));
        assert_eq!(
            parse_number("29\u{A0}440,5", DecimalSign::Comma),
            Some(29440.5)
        );
        assert_eq!(parse_number("-14,5", DecimalSign::Comma), Some(-14.5));
        assert_eq!(parse_number("1.234,5", DecimalSign::Comma), Some(1234.5));
        assert_eq!(parse_number("1,234.5", DecimalSign::Point), Some(1234.5));
        assert_eq!(parse_number("s", DecimalSign::Comma), None);
        assert_eq!(parse_number("12,5,3", DecimalSign::Comma), None);
        assert_eq!(parse_number("-", DecimalSign::Comma), None);
    }

    #[test]
    fn markers() {
        assert_eq!(Marker::of(" "), Some(Marker::Empty));
        assert_eq!(Marker::of("s"), Some(Marker::Secret));
        assert_eq!(Marker::of("nd"), Some(Marker::NotAvailable));
        assert_eq!(Marker::of("0"), None);
        for m in [Marker::Empty, Marker::Secret, Marker::NotAvailable] {
            assert_eq!(Marker::from_code(m.code()), Some(m));
        }
    }
}
