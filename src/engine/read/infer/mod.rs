//! Column types: what each raw text column holds, decided from its header and all its cells.
//!
//! Codes stay text (`01001` keeps its zero, `2A004` its letter; a code that lost its zero in a
//! spreadsheet, `1001`, is repaired); numbers accept the French forms (decimal comma, thousands
//! grouped by spaces or dots, `%`); missing and secret markers (`s`, `nd`, `-9999`…) are told
//! apart from values, and from each other.
//!
//! ```
//! use carnet::engine::table::{ColumnKind, DecimalSign};
//! use carnet::engine::read::infer;
//! use carnet::engine::read::parse::RawColumn;
//! let cells = RawColumn::from_cells(["48,0", "s", "17,5", ""]);
//! assert_eq!(infer::column("PIMP20", &cells, None).kind, ColumnKind::Decimal(DecimalSign::Comma));
//! ```

pub mod build;
pub mod code;
pub mod date;
pub mod number;
pub mod tally;

use super::parse::RawColumn;
use crate::engine::table::{CodeKind, ColumnKind, DecimalSign, Marker};
use crate::engine::text::trim;
use serde::{Deserialize, Serialize};

/// What was decided about a column, with its evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inference {
    /// The column's kind.
    pub kind: ColumnKind,
    /// Codes that had lost their leading zeros and will be padded.
    pub repaired: usize,
    /// Values of a code column that are not well-formed codes (`XXXXX`), kept as written.
    pub odd: usize,
    /// Whether the decimal sign was guessed from `1,234`-like cells alone.
    pub ambiguous_sign: bool,
    /// The decimal sign a column of numbers is read with: whole numbers too may group their
    /// thousands with the other sign (`1,234,567` in a file of decimal points).
    #[serde(default)]
    pub sign: Option<DecimalSign>,
}

impl Inference {
    pub(crate) fn of(kind: ColumnKind) -> Self {
        Self { kind, repaired: 0, odd: 0, ambiguous_sign: false, sign: None }
    }
}

/// The share of a header-announced code column's values that must be well formed (CAF files
/// carry pseudo-rows such as `XXXXX`).
const CODE_QUORUM_PERCENT: usize = 95;

/// Header names (folded) that announce a year.
const YEAR_HEADERS: [&str; 6] = ["an", "annee", "year", "millesime", "annees", "date_annee"];

/// Decides the kind of column `name` from its cells; `hint` is the decimal sign the file's
/// other columns use, to read `1,234` the same way.
pub fn column(name: &str, cells: &RawColumn, hint: Option<DecimalSign>) -> Inference {
    let present: Vec<&str> = cells.iter().filter(|c| Marker::of(c).is_none()).map(trim).collect();
    let values = || present.iter().copied();
    let count = present.len();
    let header_code = CodeKind::from_header(name);
    if count == 0 {
        return Inference::of(header_code.map_or(ColumnKind::Text, ColumnKind::Code));
    }
    if let Some(kind) = header_code {
        let (mut repaired, mut odd) = (0, 0);
        for v in values() {
            if kind.accepts(v) {
                continue;
            }
            if kind.repair(v).is_some() {
                repaired += 1;
            } else {
                odd += 1;
            }
        }
        if (count - odd) * 100 >= count * CODE_QUORUM_PERCENT {
            return Inference { kind: ColumnKind::Code(kind), repaired, odd, ambiguous_sign: false, sign: None };
        }
        // Territory codes of several levels (`59522`, `200093201`, `59`, `FR`): codes still,
        // never numbers; of one level above the commune (`CODGEO` of a file of départements),
        // codes of that level.
        if matches!(kind, CodeKind::Commune | CodeKind::Iris) {
            return Inference::of(match CodeKind::by_values(values()) {
                Some(level @ (CodeKind::Epci | CodeKind::Departement | CodeKind::Region)) => ColumnKind::Code(level),
                _ => ColumnKind::Text,
            });
        }
    }
    // `Code`, `Code géographique`…: the values say which level.
    if CodeKind::generic_header(name)
        && let Some(kind) = CodeKind::by_values(values())
    {
        let repaired = values().filter(|v| !kind.accepts(v)).count();
        return Inference { kind: ColumnKind::Code(kind), repaired, odd: 0, ambiguous_sign: false, sign: None };
    }
    if let Some(kind) = code_by_values(values) {
        return Inference::of(ColumnKind::Code(kind));
    }
    let first = values().next().unwrap_or_default();
    if let Some(format) = date::sniff(first)
        && values().all(|v| date::parse(v, format).is_some())
    {
        return Inference::of(ColumnKind::Date(format));
    }
    if values().all(|v| boolean(v).is_some()) {
        return Inference::of(ColumnKind::Boolean);
    }
    let mut evidence = number::SignEvidence::default();
    if !values().all(|v| evidence.add(v)) {
        return Inference::of(ColumnKind::Text);
    }
    numeric(
        name,
        &evidence,
        hint,
        |sign| number::has_fraction(values(), sign),
        || values().all(|v| v.len() == 4 && v.parse::<u16>().is_ok_and(|y| (1800..=2100).contains(&y))),
    )
}

/// The kind of column `name` every value of which reads as a number, from what its values
/// said: `has_fraction` tells whether one has a fractional part with a decimal sign, `years`
/// whether all are years from 1800 to 2100.
pub(crate) fn numeric(
    name: &str,
    evidence: &number::SignEvidence,
    hint: Option<DecimalSign>,
    has_fraction: impl Fn(DecimalSign) -> bool,
    years: impl FnOnce() -> bool,
) -> Inference {
    let mut sign = evidence.decide(hint);
    let kind = if evidence.percents * 2 >= evidence.numbers && evidence.percents > 0 {
        let percent = sign.unwrap_or(DecimalSign::Comma);
        sign = Some(percent);
        ColumnKind::Percent(percent)
    } else if let Some(sign) = sign.filter(|&s| has_fraction(s)) {
        ColumnKind::Decimal(sign)
    } else if is_year_header(name) && years() {
        ColumnKind::Year
    } else {
        ColumnKind::Integer
    };
    Inference { kind, repaired: 0, odd: 0, ambiguous_sign: evidence.ambiguous(), sign }
}

/// Code kinds recognised from values alone: only when a leading zero or a Corsican letter
/// shows they are not numbers.
fn code_by_values<'a, I: Iterator<Item = &'a str>>(values: impl Fn() -> I) -> Option<CodeKind> {
    let telling = |v: &str| matches!(v.as_bytes(), [b'0', _, ..] | [b'2', b'A' | b'B', ..]);
    if !values().any(telling) {
        return None;
    }
    [CodeKind::Commune, CodeKind::Iris, CodeKind::Departement, CodeKind::Other]
        .into_iter()
        .find(|k| values().all(|v| k.accepts(v)))
}

fn is_year_header(name: &str) -> bool {
    let folded = crate::engine::text::fold(name).replace(' ', "_");
    YEAR_HEADERS.contains(&folded.as_str())
}

/// `oui`/`non`, `vrai`/`faux`, `true`/`false`, any case.
pub fn boolean(cell: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "oui" | "vrai" | "true" => Some(true),
        "non" | "faux" | "false" => Some(false),
        _ => None,
    }
}

/// Decides every column of a file: columns whose decimal sign is ambiguous follow the sign
/// the other columns use; `forced`, the user's choice, overrides every numeric column's sign.
pub fn columns(header: &[String], raw: &[RawColumn], forced: Option<DecimalSign>) -> Vec<Inference> {
    let first: Vec<Inference> = header.iter().zip(raw).map(|(n, c)| column(n, c, None)).collect();
    if let Some(sign) = forced {
        return first.into_iter().zip(raw).map(|(i, c)| with_sign(i, c, sign)).collect();
    }
    let Some(hint) = hint(&first) else { return first };
    first
        .into_iter()
        .zip(header.iter().zip(raw))
        .map(|(i, (n, c))| if i.ambiguous_sign { column(n, c, Some(hint)) } else { i })
        .collect()
}

/// The decimal sign most of a file's columns use, from their first inferences: the columns
/// whose sign is ambiguous follow it.
pub(crate) fn hint(first: &[Inference]) -> Option<DecimalSign> {
    let (mut comma, mut point) = (0, 0);
    for i in first.iter().filter(|i| !i.ambiguous_sign) {
        match i.kind {
            ColumnKind::Decimal(DecimalSign::Comma) | ColumnKind::Percent(DecimalSign::Comma) => comma += 1,
            ColumnKind::Decimal(DecimalSign::Point) | ColumnKind::Percent(DecimalSign::Point) => point += 1,
            _ => {}
        }
    }
    match (comma, point) {
        (0, 0) => None,
        (c, p) if c >= p => Some(DecimalSign::Comma),
        _ => Some(DecimalSign::Point),
    }
}

/// A numeric column read again with decimal sign `sign`: still numeric if every value reads.
fn with_sign(inference: Inference, cells: &RawColumn, sign: DecimalSign) -> Inference {
    if !inference.kind.is_numeric() {
        return inference;
    }
    let values = || cells.iter().filter(|c| Marker::of(c).is_none()).map(trim);
    let kind = if !values().all(|v| number::parse(v, sign).is_some()) {
        ColumnKind::Text
    } else if matches!(inference.kind, ColumnKind::Percent(_)) {
        ColumnKind::Percent(sign)
    } else if number::has_fraction(values(), sign) {
        ColumnKind::Decimal(sign)
    } else {
        ColumnKind::Integer
    };
    let sign = kind.is_numeric().then_some(sign);
    Inference { kind, ambiguous_sign: false, sign, ..inference }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::table::DateFormat;

    macro_rules! infers {
        ($name:ident, $header:expr, [$($cell:expr),*], $expected:expr) => {
            #[test]
            fn $name() {
                let raw = RawColumn::from_cells([$($cell),*]);
                assert_eq!(column($header, &raw, None).kind, $expected);
            }
        };
    }

    infers!(codgeo, "CODGEO", ["01001", "2A004", "59522"], ColumnKind::Code(CodeKind::Commune));
    infers!(codgeo_by_name, "codgeo", ["59522", "75056"], ColumnKind::Code(CodeKind::Commune));
    infers!(codes_with_zero_by_value, "X", ["01001", "59522"], ColumnKind::Code(CodeKind::Commune));
    infers!(caf_codes, "Codes_Insee", ["59522", "2A004", "99999"], ColumnKind::Code(CodeKind::Commune));

    #[test]
    fn pseudo_rows_stay_in_a_code_column() {
        let mut cells = vec!["59522"; 40];
        cells.push("XXXXX");
        let i = column("Codes_Insee", &RawColumn::from_cells(cells), None);
        assert_eq!((i.kind, i.odd), (ColumnKind::Code(CodeKind::Commune), 1));
    }
    infers!(iris, "IRIS", ["590090101", "2A0040101"], ColumnKind::Code(CodeKind::Iris));
    infers!(departement_codes, "DEP", ["01", "59", "974", "2A"], ColumnKind::Code(CodeKind::Departement));
    infers!(code_by_content, "Code", ["59522", "59339", "1001"], ColumnKind::Code(CodeKind::Commune));
    infers!(code_of_departements, "Code", ["59", "62", "2A", "971"], ColumnKind::Code(CodeKind::Departement));
    infers!(code_of_epci, "Code géographique", ["200093201", "245900410"], ColumnKind::Code(CodeKind::Epci));
    infers!(code_not_codes, "Code", ["12345678", "x"], ColumnKind::Text);
    infers!(code_of_row_numbers, "Code", ["1", "2", "3", "49", "50"], ColumnKind::Integer);
    infers!(
        codgeo_of_a_few_departements,
        "CODGEO",
        ["02", "59", "60", "62", "80"],
        ColumnKind::Code(CodeKind::Departement)
    );
    infers!(codgeo_of_departements, "CODGEO", ["01", "59", "2A", "971"], ColumnKind::Code(CodeKind::Departement));
    infers!(codgeo_of_regions, "CODGEO", ["11", "32", "84"], ColumnKind::Code(CodeKind::Region));
    infers!(codgeo_of_levels, "CODGEO", ["59522", "200093201", "59", "FR"], ColumnKind::Text);
    infers!(siren, "siren", ["215905225"], ColumnKind::Code(CodeKind::Siren));
    infers!(postal, "code_postal", ["59390", "01000"], ColumnKind::Code(CodeKind::PostalCode));
    infers!(other_codes, "NUM", ["0012", "0345"], ColumnKind::Code(CodeKind::Other));
    infers!(counts, "NBMENFISC20", ["331", "s", "", "6882"], ColumnKind::Integer);
    infers!(five_digit_counts_are_not_codes, "POP", ["12345", "59522"], ColumnKind::Integer);
    infers!(decimal_commas, "PIMP20", ["48,0", "s", "-14,5"], ColumnKind::Decimal(DecimalSign::Comma));
    infers!(decimal_points, "PIMP19", ["48.0", "", "-14.5"], ColumnKind::Decimal(DecimalSign::Point));
    infers!(grouped_thousands, "MED", ["29 440", "1\u{202F}234,5"], ColumnKind::Decimal(DecimalSign::Comma));
    infers!(dot_thousands, "POP", ["1.234.567", "12.345"], ColumnKind::Integer);
    infers!(quoted_decimal_commas, "TP60", ["22,6", "17,1"], ColumnKind::Decimal(DecimalSign::Comma));
    infers!(percent, "part", ["12,5 %", "7 %", "nd"], ColumnKind::Percent(DecimalSign::Comma));
    infers!(sentinel, "med", ["21000", "-9999"], ColumnKind::Integer);
    infers!(year, "an", ["2019", "2020"], ColumnKind::Year);
    infers!(year_needs_header, "NB", ["2019", "2020"], ColumnKind::Integer);
    infers!(french_dates, "date", ["31/12/2021", "01/01/2022"], ColumnKind::Date(DateFormat::DayMonthYear));
    infers!(iso_dates, "date", ["2021-12-31"], ColumnKind::Date(DateFormat::Iso));
    infers!(booleans, "rural", ["oui", "Non"], ColumnKind::Boolean);
    infers!(text, "LIBGEO", ["Sailly-lez-Lannoy", "12"], ColumnKind::Text);
    infers!(all_secret, "D120", ["s", "s"], ColumnKind::Text);
    infers!(every_marker, "NB", ["12", "ns", "so", "(s)", "c", ".", "nc", "s.o.", "n.s.", "7"], ColumnKind::Integer);

    #[test]
    fn lost_zeros_are_counted() {
        let raw = RawColumn::from_cells(["1001", "59522", "2A004"]);
        let i = column("CODGEO", &raw, None);
        assert_eq!((i.kind, i.repaired), (ColumnKind::Code(CodeKind::Commune), 1));
    }

    #[test]
    fn ambiguous_columns_follow_the_file() {
        let header = ["A".to_owned(), "B".to_owned()];
        let raw = [RawColumn::from_cells(["1,234", "5,678"]), RawColumn::from_cells(["1.5", "2.25"])];
        let kinds: Vec<_> = columns(&header, &raw, None).into_iter().map(|i| i.kind).collect();
        assert_eq!(kinds, [ColumnKind::Integer, ColumnKind::Decimal(DecimalSign::Point)]);
        // The user says the comma is decimal: `1,234` is 1.234 and `1.5` no longer a number.
        let forced: Vec<_> = columns(&header, &raw, Some(DecimalSign::Comma)).into_iter().map(|i| i.kind).collect();
        assert_eq!(forced, [ColumnKind::Decimal(DecimalSign::Comma), ColumnKind::Text]);
    }

    #[test]
    fn markers() {
        assert_eq!(Marker::of(" "), Some(Marker::Empty));
        assert_eq!(Marker::of("s"), Some(Marker::Secret));
        assert_eq!(Marker::of("nd"), Some(Marker::NotAvailable));
        assert_eq!(Marker::of("ns"), Some(Marker::NotSignificant));
        assert_eq!(Marker::of("so"), Some(Marker::NotApplicable));
        assert_eq!(Marker::of("(s)"), Some(Marker::Secret));
        assert_eq!(Marker::of("sans"), None);
        assert_eq!(Marker::of("-9999"), Some(Marker::NotAvailable));
        assert_eq!(Marker::of("0"), None);
        for m in [Marker::Empty, Marker::Secret, Marker::NotAvailable] {
            assert_eq!(Marker::from_code(m.code()), Some(m));
        }
    }
}
