//! A column of numbers tallied cell by cell as its rows are split: the evidence
//! [`super::column`] gathers, and the values, parsed at once with the decimal sign the first
//! rows showed. The commonest cells (`24820`, `-14,5`, `s`, `nd`) are read in one pass over
//! their bytes; at the first cell this reading does not cover (grouped thousands, a percent, a
//! word), the tally gives up and the column is left to the reference path.
//!
//! ```
//! use carnet::engine::read::infer::tally::Tally;
//! use carnet::engine::table::{Cell, ColumnKind, DecimalSign};
//! let mut t = Tally::new(DecimalSign::Comma, 3);
//! for cell in ["48,0", "s", "17,25"] {
//!     t.push(cell.as_bytes(), &|b| String::from_utf8_lossy(b));
//! }
//! let inference = t.inference("TP60", None).unwrap();
//! assert_eq!(inference.kind, ColumnKind::Decimal(DecimalSign::Comma));
//! let column = t.column("TP60".into(), &inference).unwrap();
//! assert_eq!(column.cell(2), Cell::Decimal(17.25, 2));
//! ```

use super::number::{self, SignEvidence};
use super::{Inference, numeric};
use crate::engine::table::{Column, ColumnKind, DecimalSign, Marker};
use crate::engine::text::trim;
use arrow_array::builder::BooleanBufferBuilder;
use arrow_array::types::Int64Type;
use arrow_array::{ArrayRef, Float64Array, StringArray, UInt8Array};
use arrow_buffer::NullBuffer;
use std::borrow::Cow;
use std::sync::Arc;

/// A column of numbers being read.
#[derive(Debug)]
pub struct Tally {
    /// The sign values are parsed with.
    sign: DecimalSign,
    evidence: SignEvidence,
    /// The values, `0.0` where none.
    values: Vec<f64>,
    /// The cells without a value (a marker, or no number with the sign).
    nulls: Vec<usize>,
    /// Each cell's marker, up to the last marker (the rest hold values).
    markers: Vec<u8>,
    /// Whether a marker is one only among numbers (`c`, `ns`, `so`…): a value in text.
    numeric_only: bool,
    /// Whether a value has a fractional part with a comma, with a point.
    fraction: [bool; 2],
    /// The most digits after a comma, after a point.
    decimals: [u8; 2],
    /// Whether a value starts with a zero (`05`): codes, if all the values are digits.
    telling: bool,
    /// Whether every value is digits only.
    digits_only: bool,
    /// Whether every value is a year from 1800 to 2100.
    years: bool,
    /// Whether a cell was not read: the column is the reference path's.
    gave_up: bool,
}

/// Index of a decimal sign's byte in [`Tally::fraction`] and [`Tally::decimals`].
fn slot(sign: u8) -> usize {
    usize::from(sign == b'.')
}

impl Tally {
    /// A tally whose values are parsed with the decimal sign `sign`, room made for `rows`.
    pub fn new(sign: DecimalSign, rows: usize) -> Self {
        Self {
            sign,
            evidence: SignEvidence::default(),
            values: Vec::with_capacity(rows),
            nulls: Vec::new(),
            markers: Vec::new(),
            numeric_only: false,
            fraction: [false; 2],
            decimals: [0; 2],
            telling: false,
            digits_only: true,
            years: true,
            gave_up: false,
        }
    }

    /// Takes the cell that starts at `at` in `record` and ends at the next `sep` (or the
    /// record's end); returns where the next cell starts. `decode` gives the text of a cell
    /// that is not plain digits. The cell's bytes are read once: its end is found by reading
    /// its digits.
    pub fn take(&mut self, record: &[u8], at: usize, sep: u8, decode: &dyn Fn(&[u8]) -> Cow<'_, str>) -> usize {
        let at = at.min(record.len());
        let (plain, stop) = lex(&record[at..], Some(sep), false);
        let end = at + stop;
        if end == record.len() || record[end] == sep {
            if let Some(plain) = plain.filter(|_| !self.gave_up) {
                self.value(&record[at..end], plain);
                return end + 1;
            }
            self.other(&record[at..end], decode);
            return end + 1;
        }
        let end = memchr::memchr(sep, &record[end..]).map_or(record.len(), |i| end + i);
        self.other(&record[at..end], decode);
        end + 1
    }

    /// Takes the next cell, as bytes of the file; `decode` gives the text of a cell that is
    /// not plain digits.
    pub fn push(&mut self, cell: &[u8], decode: &dyn Fn(&[u8]) -> Cow<'_, str>) {
        match lex(cell, None, false) {
            (Some(plain), stop) if stop == cell.len() && !self.gave_up => self.value(cell, plain),
            _ => self.other(cell, decode),
        }
    }

    /// A cell that is not plain digits: a marker, a value with spaces around it, or a cell
    /// the tally does not read (it then gives up).
    fn other(&mut self, cell: &[u8], decode: &dyn Fn(&[u8]) -> Cow<'_, str>) {
        if self.gave_up {
            return;
        }
        let text = decode(cell);
        if let Some(marker) = Marker::of(&text) {
            self.markers.resize(self.values.len(), 0);
            self.markers.push(marker.code());
            self.numeric_only |= Marker::numeric_only(&text);
            self.nulls.push(self.values.len());
            self.values.push(0.0);
            return;
        }
        let value = trim(&text).as_bytes();
        match lex(value, None, true) {
            (Some(plain), stop) if stop == value.len() => self.value(value, plain),
            _ => self.gave_up = true,
        }
    }

    /// Takes a plain value (`cell`, as `lex` read it).
    #[inline]
    fn value(&mut self, cell: &[u8], plain: Plain) {
        let fraction = plain.fraction;
        let value = match fraction {
            Some((sign, decimals)) if sign != self.sign_byte() || decimals == 3 => {
                // Rare shapes read by the general functions; the cell is ASCII.
                let text = std::str::from_utf8(cell).unwrap_or_default();
                self.evidence.add_plain(fraction, text);
                number::parse(text, self.sign)
            }
            _ => {
                self.evidence.add_plain(fraction, "");
                Some(number::plain_value(plain.n, plain.negative, fraction.map_or(0, |(_, d)| d)))
            }
        };
        if value.is_none() {
            self.nulls.push(self.values.len());
        }
        self.values.push(value.unwrap_or(0.0));
        match fraction {
            Some((sign, decimals)) => {
                self.fraction[slot(sign)] = true;
                self.decimals[slot(sign)] = self.decimals[slot(sign)].max(decimals as u8);
                self.digits_only = false;
                self.years = false;
            }
            None => {
                self.digits_only &= !plain.negative;
                self.years &= !plain.negative && cell.len() == 4 && (1800..=2100).contains(&plain.n);
            }
        }
        self.telling |= matches!(cell, [b'0', _, ..]);
    }

    fn sign_byte(&self) -> u8 {
        match self.sign {
            DecimalSign::Comma => b',',
            DecimalSign::Point => b'.',
        }
    }

    /// What [`super::column`] decides of the column `name` (`hint`: the sign of the file's other
    /// columns), or `None` when the tally cannot tell: it gave up, or the values may be codes
    /// (`05`, all digits), or the column is of markers some of which are values in text.
    pub fn inference(&self, name: &str, hint: Option<DecimalSign>) -> Option<Inference> {
        if self.gave_up || (self.telling && self.digits_only) {
            return None;
        }
        if self.evidence.numbers == 0 {
            return (!self.numeric_only).then_some(Inference::of(ColumnKind::Text));
        }
        let slot = |sign| usize::from(sign == DecimalSign::Point);
        Some(numeric(name, &self.evidence, hint, |sign| self.fraction[slot(sign)], || self.years))
    }

    /// The typed column as `inference` decided, or `None` when its values were parsed with
    /// another decimal sign than its kind reads them with.
    pub fn column(self, name: String, inference: &Inference) -> Option<Column> {
        let kind = inference.kind;
        let sign = match kind {
            ColumnKind::Decimal(sign) | ColumnKind::Percent(sign) => sign,
            ColumnKind::Integer | ColumnKind::Year => inference.sign.unwrap_or(DecimalSign::Comma),
            ColumnKind::Text => DecimalSign::Comma,
            _ => return None,
        };
        if self.gave_up || (sign != self.sign && self.fraction.iter().any(|&f| f)) {
            return None;
        }
        let rows = self.values.len();
        let markers = (!self.markers.is_empty()).then(|| {
            let mut markers = self.markers;
            markers.resize(rows, 0);
            UInt8Array::from(markers)
        });
        let nulls = (!self.nulls.is_empty()).then(|| {
            let mut valid = BooleanBufferBuilder::new(rows);
            valid.append_n(rows, true);
            self.nulls.iter().for_each(|&r| valid.set_bit(r, false));
            NullBuffer::new(valid.finish())
        });
        let values = Float64Array::new(self.values.into(), nulls);
        let (values, decimals): (ArrayRef, u8) = match kind {
            // A column of markers only: text, every cell missing.
            ColumnKind::Text => (Arc::new(StringArray::new_null(rows)), 0),
            ColumnKind::Integer | ColumnKind::Year => (Arc::new(values.unary::<_, Int64Type>(|v| v as i64)), 0),
            _ => (Arc::new(values), self.decimals[usize::from(sign == DecimalSign::Point)]),
        };
        Some(Column::try_new(name, kind, values, markers).expect("one marker per value").with_decimals(decimals))
    }
}

/// A plain number: `[-]digits[<sign>digits]`, at most 15 digits.
#[derive(Clone, Copy, Debug)]
struct Plain {
    /// Its digits, as an integer.
    n: u64,
    negative: bool,
    /// Its decimal sign's byte and the digits after it.
    fraction: Option<(u8, usize)>,
}

/// Reads a plain number at the start of `bytes`, stopping at `stop` or at the first byte that
/// cannot be in one: the number if the bytes read make one, and where reading stopped. A `-`
/// is read only when `signed` (`-9999` may be a marker: the caller has ruled that out).
#[inline(always)]
fn lex(bytes: &[u8], stop: Option<u8>, signed: bool) -> (Option<Plain>, usize) {
    let negative = signed && bytes.first() == Some(&b'-');
    let from = usize::from(negative);
    let (mut n, mut i, mut sign_at) = (0u64, from, None);
    while let Some(&b) = bytes.get(i) {
        let digit = b.wrapping_sub(b'0');
        if digit < 10 {
            n = n.wrapping_mul(10).wrapping_add(u64::from(digit));
        } else if matches!(b, b',' | b'.') && sign_at.is_none() && i > from && Some(b) != stop {
            sign_at = Some(i);
        } else {
            break;
        }
        i += 1;
    }
    let length = i - from;
    let digits = length - usize::from(sign_at.is_some());
    if digits == 0 || digits > 15 || sign_at.is_some_and(|s| s + 1 == i) {
        return (None, i);
    }
    (Some(Plain { n, negative, fraction: sign_at.map(|s| (bytes[s], i - s - 1)) }), i)
}
