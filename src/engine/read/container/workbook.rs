//! A workbook's sheet as text: the sheet with territory codes (or the user's), each cell's
//! value as stored — not as displayed — written as the UTF-8 `;` text the reader knows. Codes
//! stored as numbers (`1001` for `01001`) are repaired by the reader, as in a CSV re-saved by
//! a spreadsheet; dates become ISO dates.

use super::{Format, Opened, Problem, Unwrapped, bounded, problem};
use crate::engine::calendar;
use crate::engine::error::Result;
use crate::engine::table::CodeKind;
use calamine::{Data, Ods, Range, Reader, SheetType, Xls, Xlsb, Xlsx, open_workbook_from_rs};
use std::io::Cursor;

/// The most cells a sheet may hold (a national file has a few million).
pub const MAX_CELLS: usize = 60_000_000;
/// Rows of each sheet looked at to choose one.
const SCORED_ROWS: usize = 500;

/// The cells an XLSX sheet's XML spans, from A1 to its farthest cell reference (`r="XFD1048576"`):
/// what a reader allocates for it.
pub(crate) fn span(xml: &[u8]) -> u64 {
    let (mut rows, mut columns) = (0u64, 0u64);
    let mut at = 0;
    while let Some(found) = memchr::memmem::find(&xml[at..], b" r=\"") {
        let mut i = at + found + 4;
        let mut column = 0u64;
        while let Some(c) = xml.get(i).filter(|c| c.is_ascii_uppercase()) {
            column = (column * 26 + u64::from(c - b'A' + 1)).min(1 << 32);
            i += 1;
        }
        let mut row = 0u64;
        while let Some(d) = xml.get(i).filter(|d| d.is_ascii_digit()) {
            row = (row * 10 + u64::from(d - b'0')).min(1 << 32);
            i += 1;
        }
        rows = rows.max(row);
        columns = columns.max(column);
        at = i.max(at + found + 1);
    }
    rows.saturating_mul(columns)
}

/// An opened workbook of any format.
enum Book<'a> {
    Xlsx(Xlsx<Cursor<&'a [u8]>>),
    Xlsb(Xlsb<Cursor<&'a [u8]>>),
    Xls(Xls<Cursor<&'a [u8]>>),
    Ods(Ods<Cursor<&'a [u8]>>),
}

impl Book<'_> {
    /// The worksheets, in order (chart sheets and macros left out).
    fn sheets(&self) -> Vec<String> {
        let meta = match self {
            Self::Xlsx(b) => b.sheets_metadata(),
            Self::Xlsb(b) => b.sheets_metadata(),
            Self::Xls(b) => b.sheets_metadata(),
            Self::Ods(b) => b.sheets_metadata(),
        };
        meta.iter().filter(|s| s.typ == SheetType::WorkSheet).map(|s| s.name.clone()).collect()
    }

    /// The cells of sheet `name`.
    fn range(&mut self, name: &str) -> std::result::Result<Range<Data>, String> {
        match self {
            Self::Xlsx(b) => b.worksheet_range(name).map_err(|e| e.to_string()),
            Self::Xlsb(b) => b.worksheet_range(name).map_err(|e| e.to_string()),
            Self::Xls(b) => b.worksheet_range(name).map_err(|e| e.to_string()),
            Self::Ods(b) => b.worksheet_range(name).map_err(|e| e.to_string()),
        }
    }
}

/// Opens a workbook of `format` and writes sheet `sheet` (an index among its worksheets), or
/// the one Carnet chooses, as text.
///
/// # Errors
/// [`crate::engine::ErrorKind::Container`]: sealed with a password, damaged, too large, or
/// no sheet with cells.
pub fn open(bytes: &[u8], format: Format, sheet: Option<u16>) -> Result<Unwrapped> {
    if format != Format::Xls {
        bounded(bytes, format)?;
    }
    let mut book = book(bytes, format)?;
    let names = book.sheets();
    let damaged = |e: String| problem(format, Problem::Damaged(e));
    let (part, range, chosen) = match sheet {
        Some(i) => {
            let name = names.get(usize::from(i)).ok_or_else(|| problem(format, Problem::NoSuchPart(i.into())))?;
            (usize::from(i), book.range(name).map_err(damaged)?, true)
        }
        None => {
            let mut best: Option<(usize, (usize, usize), Range<Data>)> = None;
            for (i, name) in names.iter().enumerate() {
                let range = book.range(name).map_err(damaged)?;
                let score = score(&range);
                if best.as_ref().is_none_or(|(_, s, _)| score > *s) {
                    best = Some((i, score, range));
                }
            }
            let (i, _, range) = best.ok_or_else(|| problem(format, Problem::NothingToRead))?;
            (i, range, false)
        }
    };
    let (height, width) = range.get_size();
    if height.saturating_mul(width) > MAX_CELLS {
        return Err(problem(format, Problem::TooLarge { member: names[part].clone() }));
    }
    if range.is_empty() {
        return Err(problem(format, Problem::NothingToRead));
    }
    Ok(Unwrapped {
        bytes: text(&range).into_bytes(),
        written: true,
        opened: Opened { format, parts: names, part, chosen, inner: None, dictionary: None, levels: Vec::new() },
        dictionary: None,
    })
}

/// The workbook in `bytes`, read as `format`.
fn book(bytes: &[u8], format: Format) -> Result<Book<'_>> {
    let rs = || Cursor::new(bytes);
    let damaged = |e: &dyn std::fmt::Display| problem(format, Problem::Damaged(e.to_string()));
    Ok(match format {
        Format::Xlsx => Book::Xlsx(open_workbook_from_rs(rs()).map_err(|e| match e {
            calamine::XlsxError::Password => problem(format, Problem::Protected),
            e => damaged(&e),
        })?),
        Format::Xlsb => Book::Xlsb(open_workbook_from_rs(rs()).map_err(|e| damaged(&e))?),
        Format::Ods => Book::Ods(open_workbook_from_rs(rs()).map_err(|e| damaged(&e))?),
        Format::Xls => match open_workbook_from_rs::<Xls<_>, _>(rs()) {
            Ok(book) => Book::Xls(book),
            Err(calamine::XlsError::Password) => return Err(problem(format, Problem::Protected)),
            // An XLSX sealed with a password has the envelope of an XLS: the XLSX reader tells.
            Err(e) => match open_workbook_from_rs::<Xlsx<_>, _>(rs()) {
                Err(calamine::XlsxError::Password) => return Err(problem(Format::Xlsx, Problem::Protected)),
                _ => return Err(damaged(&e)),
            },
        },
        Format::Zip => return Err(problem(format, Problem::NothingToRead)),
    })
}

/// How well a sheet looks like a territory's table: its cells holding commune codes among its
/// first rows, then its filled cells.
fn score(range: &Range<Data>) -> (usize, usize) {
    let mut codes = 0;
    let mut filled = 0;
    for row in range.rows().take(SCORED_ROWS) {
        for cell in row {
            match cell {
                Data::Empty => {}
                Data::String(s) if CodeKind::Commune.accepts(s.trim()) => {
                    codes += 1;
                    filled += 1;
                }
                _ => filled += 1,
            }
        }
    }
    (codes, filled)
}

/// The sheet as `;` text, one line per row, every row as wide as the sheet.
fn text(range: &Range<Data>) -> String {
    let mut out = String::with_capacity(range.get_size().0 * range.get_size().1 * 6);
    for row in range.rows() {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(';');
            }
            write_cell(&mut out, cell);
        }
        out.push('\n');
    }
    out
}

/// One cell's value as stored: numbers in full (a point for decimals), dates as ISO dates.
fn write_cell(out: &mut String, cell: &Data) {
    use std::fmt::Write;
    match cell {
        Data::Empty | Data::Error(_) => {}
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => quoted(out, s.trim_end_matches(['\r', '\n'])),
        Data::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Data::Float(f) => number(out, *f),
        Data::Bool(b) => out.push_str(if *b { "vrai" } else { "faux" }),
        // Excel's dates run from 1900 to 9999 (serial 2,958,465).
        Data::DateTime(d) if d.is_datetime() && (0.0..2_958_466.0).contains(&d.as_f64()) => {
            // Days since 1899-12-30 (the 1900 date system; the reader does not tell a 1904
            // workbook, rare since Excel 2011).
            let epoch = calendar::days_from_civil(1899, 12, 30);
            out.push_str(&calendar::iso(epoch + d.as_f64().floor() as i32));
        }
        Data::DateTime(d) => number(out, d.as_f64()),
    }
}

/// A number as the reader reads it back: whole numbers without a point, others to the 15
/// significant digits a spreadsheet keeps (`0.30000000000000004` is `0.3`).
fn number(out: &mut String, f: f64) {
    use std::fmt::Write;
    let f = significant(f);
    if f.fract() == 0.0 && f.abs() < 1e15 {
        let _ = write!(out, "{}", f as i64);
    } else {
        let _ = write!(out, "{f}");
    }
}

/// `f` rounded to 15 significant digits.
fn significant(f: f64) -> f64 {
    if f == 0.0 || !f.is_finite() {
        return f;
    }
    let digits = 15 - (f.abs().log10().floor() as i32 + 1);
    if !(1..=15).contains(&digits) {
        return f;
    }
    let scale = 10f64.powi(digits);
    let rounded = (f * scale).round() / scale;
    if rounded.is_finite() { rounded } else { f }
}

/// A text cell, quoted when it holds the separator, a quote or a line break.
fn quoted(out: &mut String, s: &str) {
    if s.contains([';', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_sheet_s_span_is_its_farthest_cell() {
        let xml = br#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>"#;
        assert_eq!(super::span(xml), 1_048_576 * 16_384);
        assert_eq!(super::span(br#"<c r="C7"/>"#), 21);
    }

    #[test]
    fn float_noise_is_not_precision() {
        let written = |f: f64| {
            let mut out = String::new();
            super::number(&mut out, f);
            out
        };
        assert_eq!(written(0.1 + 0.2), "0.3");
        assert_eq!(written(17.6 + 1e-14), "17.6");
        assert_eq!(written(29_860.0), "29860");
        assert_eq!(written(-1.0 / 3.0), "-0.333333333333333");
        assert_eq!(written(1e20), "100000000000000000000");
    }
}
