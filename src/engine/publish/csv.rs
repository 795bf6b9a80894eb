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

use crate::engine::format;
use crate::engine::read::parse::{SetAside, SetAsideReason};
use crate::engine::table::Table;

/// Writes `table` as a clean CSV.
pub fn write(table: &Table) -> Vec<u8> {
    let mut out = ::csv::WriterBuilder::new().terminator(::csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let columns = table.columns();
    // Writing to a Vec cannot fail.
    let _ = out.write_record(columns.iter().map(|c| c.name()));
    let mut record: Vec<String> = Vec::with_capacity(columns.len());
    for row in 0..table.rows() {
        record.clear();
        record.extend(columns.iter().map(|c| format::plain(c.cell(row))));
        let _ = out.write_record(&record);
    }
    out.into_inner().unwrap_or_default()
}

/// The rows set aside as a CSV (`ligne,raison,texte`), each reason worded by `reason`.
pub fn set_aside(rows: &[SetAside], reason: impl Fn(&SetAsideReason) -> String) -> Vec<u8> {
    let mut out = ::csv::WriterBuilder::new().terminator(::csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let _ = out.write_record(["ligne", "raison", "texte"]);
    for row in rows {
        let _ = out.write_record([row.line.to_string(), reason(&row.reason), row.text.clone()]);
    }
    out.into_inner().unwrap_or_default()
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
    fn quotes_and_commas_are_quoted() {
        assert_eq!(clean(b"a;b\nx,y;\"dit \"\"z\"\"\"\n"), "a,b\n\"x,y\",\"dit \"\"z\"\"\"\n");
    }
}
