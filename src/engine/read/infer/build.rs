//! Typed columns built from raw text cells as inference decided: codes repaired, numbers
//! parsed with their column's decimal sign, markers kept beside the Arrow arrays.

use super::{Inference, date, number};
use crate::engine::read::parse::RawColumn;
use crate::engine::table::{Column, ColumnKind, DecimalSign, Marker, Table};
use crate::engine::text::trim;
use arrow_array::builder::StringBuilder;
use arrow_array::{ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, StringArray, UInt8Array};
use std::sync::Arc;

/// Builds a table from a parse, deciding every column's kind (`decimal`, the user's choice,
/// overrides the decimal sign of numeric columns); returns the decisions too.
///
/// # Errors
/// When the columns are not all `rows` long.
pub fn table(
    header: &[String],
    raw: &[RawColumn],
    rows: usize,
    decimal: Option<DecimalSign>,
) -> Result<(Table, Vec<Inference>), String> {
    let inferences = super::columns(header, raw, decimal);
    let columns = header.iter().zip(raw).zip(&inferences).map(|((n, r), i)| column(n.clone(), i, r)).collect();
    Ok((Table::try_new(columns, rows)?, inferences))
}

/// Builds a typed column from raw text cells as `inference` decided.
pub fn column(name: String, inference: &Inference, raw: &RawColumn) -> Column {
    let kind = inference.kind;
    // `c`, `so`, `.`… mark a missing number; in a column of text they are values.
    let text = matches!(kind, ColumnKind::Text | ColumnKind::Code(_));
    let markers: Vec<u8> = raw
        .iter()
        .map(|cell| Marker::of(cell).filter(|_| !text || !Marker::numeric_only(cell)).map_or(0, Marker::code))
        .collect();
    let any_missing = markers.iter().any(|&m| m != 0);
    // The cells that hold a value, trimmed; `None` where a marker stands.
    let cells = || raw.iter().zip(&markers).map(|(c, &m)| (m == 0).then(|| trim(c)));
    let values: ArrayRef = match kind {
        ColumnKind::Integer | ColumnKind::Year => {
            // Whole numbers are read with the column's sign: `1,234` groups thousands in a
            // file of decimal points.
            let sign = inference.sign.unwrap_or(DecimalSign::Comma);
            Arc::new(cells().map(|c| c.and_then(|c| number::parse(c, sign)).map(|v| v as i64)).collect::<Int64Array>())
        }
        ColumnKind::Decimal(sign) | ColumnKind::Percent(sign) => {
            Arc::new(cells().map(|c| c.and_then(|c| number::parse(c, sign))).collect::<Float64Array>())
        }
        ColumnKind::Date(format) => {
            Arc::new(cells().map(|c| c.and_then(|c| date::parse(c, format))).collect::<Date32Array>())
        }
        ColumnKind::Boolean => Arc::new(cells().map(|c| c.and_then(super::boolean)).collect::<BooleanArray>()),
        ColumnKind::Code(code) => {
            let mut b = StringBuilder::with_capacity(raw.len(), raw.text.len());
            for cell in cells() {
                match cell {
                    Some(c) if !code.accepts(c) => match code.repair(c) {
                        Some(fixed) => b.append_value(fixed),
                        None => b.append_value(c),
                    },
                    Some(c) => b.append_value(c),
                    None => b.append_null(),
                }
            }
            Arc::new(b.finish())
        }
        ColumnKind::Text => Arc::new(cells().collect::<StringArray>()),
    };
    // The source's precision: the most digits it wrote after the decimal sign.
    let decimals = match kind {
        ColumnKind::Decimal(sign) | ColumnKind::Percent(sign) => {
            cells().flatten().map(|c| number::fraction_digits(c, sign)).max().unwrap_or(0)
        }
        _ => 0,
    };
    let markers = any_missing.then(|| UInt8Array::from(markers));
    Column::try_new(name, kind, values, markers).expect("one marker per value").with_decimals(decimals)
}

#[cfg(test)]
mod tests {
    use crate::engine::read::dialect::Separator;
    use crate::engine::read::parse;
    use crate::engine::table::{Cell, ColumnKind, Marker, Table};

    fn table(text: &str) -> Table {
        let p = parse::parse(text, 1, Separator::Semicolon, &mut ());
        super::table(&p.header, &p.columns, p.rows(), None).unwrap().0
    }

    #[test]
    fn secret_is_missing_not_zero() {
        let t = table("CODGEO;NB;TP\n01001;331;s\n01004;6882;17,0\n01006;s;\n");
        let nb = t.column("NB").unwrap();
        assert_eq!(nb.cell(0), Cell::Integer(331));
        assert_eq!(nb.cell(2), Cell::Missing(Marker::Secret));
        let tp = t.column("TP").unwrap();
        assert_eq!(tp.cell(0), Cell::Missing(Marker::Secret));
        assert_eq!(tp.cell(1), Cell::Decimal(17.0, 1));
        assert_eq!(tp.cell(2), Cell::Missing(Marker::Empty));
        assert_eq!(t.column("CODGEO").unwrap().cell(0), Cell::Text("01001"));
    }

    #[test]
    fn a_letter_is_a_marker_only_among_numbers() {
        let t = table("CODGEO;ZONE;NB\n01001;C;c\n01004;B1;12\n");
        assert_eq!(t.column("ZONE").unwrap().cell(0), Cell::Text("C"), "zone C is a zone");
        assert_eq!(t.column("NB").unwrap().cell(0), Cell::Missing(Marker::Secret));
    }

    #[test]
    fn take_keeps_markers() {
        let t = table("CODGEO;NB\n01001;1\n01002;s\n01003;3\n").take(&[2, 1]);
        assert_eq!(t.rows(), 2);
        assert_eq!(t.column("NB").unwrap().cell(1), Cell::Missing(Marker::Secret));
        assert_eq!(t.column("CODGEO").unwrap().cell(0), Cell::Text("01003"));
    }

    #[test]
    fn every_kind_reads_and_repairs() {
        let t = table("CODGEO;an;date;rural;part\n1001;2020;31/12/2021;oui;12,5 %\n2A004;2021;01/01/2022;non;nd\n");
        assert_eq!(t.column("CODGEO").unwrap().cell(0), Cell::Text("01001"));
        assert_eq!(t.column("an").unwrap().cell(1), Cell::Year(2021));
        assert_eq!(t.column("date").unwrap().cell(0), Cell::Date(18_992));
        assert_eq!(t.column("rural").unwrap().cell(1), Cell::Bool(false));
        assert_eq!(t.column("part").unwrap().cell(0), Cell::Percent(12.5, 1));
        assert_eq!(t.column("part").unwrap().cell(1), Cell::Missing(Marker::NotAvailable));
        let taken = t.take(&[1]);
        assert_eq!(taken.column("date").unwrap().cell(0), Cell::Date(18_993));
        assert_eq!(taken.column("rural").unwrap().cell(0), Cell::Bool(false));
    }

    #[test]
    fn whole_numbers_grouped_by_the_other_sign_keep_their_value() {
        let t = table("CODGEO;NB;TX\n01001;1,234,567;1.5\n01002;1,000;2.25\n01003;12;3.0\n");
        let nb = t.column("NB").unwrap();
        assert_eq!(nb.kind(), ColumnKind::Integer);
        assert_eq!(
            [nb.cell(0), nb.cell(1), nb.cell(2)],
            [Cell::Integer(1_234_567), Cell::Integer(1_000), Cell::Integer(12)]
        );
    }

    #[test]
    fn lengths_are_checked() {
        let t = table("a\n1\n2\n");
        assert!(Table::try_new(t.columns().to_vec(), 3).is_err());
    }
}
