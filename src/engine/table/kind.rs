//! The kinds of a table's columns and why a cell holds no value: what the table stores,
//! decided when a file is read ([`crate::engine::read::infer`]).

use crate::engine::text::trim;
use serde::{Deserialize, Serialize};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ColumnKind {
    /// A code, kept as text.
    Code(CodeKind),
    /// Whole numbers.
    Integer,
    /// Numbers with a fractional part, written with this decimal sign.
    Decimal(DecimalSign),
    /// Percentages (`12,5 %`), stored as the number before the sign.
    Percent(DecimalSign),
    /// A year (`an`, `annee`… between 1800 and 2100).
    Year,
    /// Dates.
    Date(DateFormat),
    /// Yes/no values (`oui`/`non`, `vrai`/`faux`, `true`/`false`).
    Boolean,
    /// Anything else.
    Text,
}

impl ColumnKind {
    /// Whether the column holds quantities one can chart or sum.
    pub fn is_numeric(self) -> bool {
        matches!(self, Self::Integer | Self::Decimal(_) | Self::Percent(_))
    }

    /// The decimal sign numbers of this kind are read with.
    pub fn decimal_sign(self) -> DecimalSign {
        match self {
            Self::Decimal(s) | Self::Percent(s) => s,
            _ => DecimalSign::Comma,
        }
    }
}

/// Which kind of code a code column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CodeKind {
    /// A commune's INSEE code: 5 characters, `2A`/`2B` in Corsica, `97x` overseas.
    Commune,
    /// An IRIS code: the commune's 5 characters and 4 digits.
    Iris,
    /// A département code: `01`…`95`, `2A`, `2B`, `971`…`976`.
    Departement,
    /// A région code: 2 digits.
    Region,
    /// An EPCI's SIREN: 9 digits starting with 2.
    Epci,
    /// A SIREN: 9 digits passing the Luhn check.
    Siren,
    /// A SIRET: 14 digits passing the Luhn check.
    Siret,
    /// A postal code: 5 digits.
    PostalCode,
    /// Any other code of digits that must keep its leading zeros.
    Other,
}

/// The decimal sign of a numeric column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecimalSign {
    /// `12,5`.
    Comma,
    /// `12.5`.
    Point,
}

/// How a date column is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateFormat {
    /// `31/12/2021` (also `31-12-2021`).
    DayMonthYear,
    /// `2021-12-31` (ISO 8601).
    Iso,
}

/// Why a cell holds no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[repr(u8)]
pub enum Marker {
    /// An empty cell.
    Empty = 1,
    /// Statistical secret (`s`, `secret`).
    Secret = 2,
    /// Not available (`nd`, `n.d.`, `NA`, `-`, `.`, or a sentinel such as `-9999`).
    NotAvailable = 3,
    /// Not significant: too few observations to publish (`ns`, `n.s.`).
    NotSignificant = 4,
    /// Does not apply to this territory (`so`, « sans objet »).
    NotApplicable = 5,
}

impl Marker {
    /// The marker a cell stands for, if it is one.
    pub fn of(cell: &str) -> Option<Self> {
        // Most cells are values: tell them apart on length and first byte before comparing.
        let cell = cell.trim_ascii();
        match cell.as_bytes().first() {
            None => return Some(Self::Empty),
            Some(b's' | b'S' | b'n' | b'N' | b'-' | b'.' | b'#' | b'(' | b'c' | b'C' | 0xE2) if cell.len() <= 8 => {}
            Some(_) => return None,
        }
        match trim(cell) {
            "" => Some(Self::Empty),
            "s" | "S" | "secret" | "Secret" | "SECRET" | "(s)" | "c" | "C" => Some(Self::Secret),
            "nd" | "ND" | "n.d." | "N.D." | "n.d" | "NA" | "N/A" | "n/a" | "#N/A" | "-" | "–" | "…" | "..." | "."
            | "nc" | "NC" | "-9999" | "-99999" | "-999999" | "-9999,0" | "-9999.0" => Some(Self::NotAvailable),
            "ns" | "NS" | "n.s." | "N.S." => Some(Self::NotSignificant),
            "so" | "SO" | "s.o." | "S.O." => Some(Self::NotApplicable),
            _ => None,
        }
    }

    /// Whether `cell` is a marker only in a column of numbers (`c`, `(s)`, `.`, `nc`, `ns`, `so`):
    /// in a column of text it is a value (zone C, a class « c »).
    pub fn numeric_only(cell: &str) -> bool {
        matches!(
            trim(cell.trim_ascii()),
            "c" | "C" | "(s)" | "." | "nc" | "NC" | "ns" | "NS" | "n.s." | "N.S." | "so" | "SO" | "s.o." | "S.O."
        )
    }

    /// The marker stored as byte `code` (see [`Marker::code`]).
    pub fn from_code(code: u8) -> Option<Self> {
        match code {
            1 => Some(Self::Empty),
            2 => Some(Self::Secret),
            3 => Some(Self::NotAvailable),
            4 => Some(Self::NotSignificant),
            5 => Some(Self::NotApplicable),
            _ => None,
        }
    }

    /// The byte stored for this marker; 0 means "a value is present".
    pub fn code(self) -> u8 {
        self as u8
    }
}
