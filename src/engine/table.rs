//! The columnar table: one Apache Arrow array per column, plus why each empty cell is empty.
//!
//! A table checks its invariants when built ([`Table::try_new`]): every column has the
//! table's row count. Codes and text are `StringArray`s, integers and years `Int64Array`s,
//! decimals and percentages `Float64Array`s, dates `Date32Array`s, yes/no `BooleanArray`s;
//! a missing cell is an Arrow null whose [`Marker`] says whether it was empty, secret or not
//! available.

use super::infer::{self, ColumnKind, DecimalSign, Inference, Marker, date, number};
use super::parse::RawColumn;
use arrow_array::builder::StringBuilder;
use arrow_array::{Array, ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, StringArray, UInt8Array};
use std::sync::Arc;

/// A typed column.
#[derive(Clone, Debug)]
pub struct Column {
    name: String,
    kind: ColumnKind,
    values: ArrayRef,
    /// Per row: 0 when a value is present, else a [`Marker::code`]. `None` when no cell is missing.
    markers: Option<UInt8Array>,
}

/// One cell, borrowed from a column.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell<'a> {
    /// Text or code.
    Text(&'a str),
    /// A whole number.
    Integer(i64),
    /// A decimal number.
    Decimal(f64),
    /// A percentage (the number before the `%`).
    Percent(f64),
    /// A year.
    Year(i64),
    /// A date, in days since 1970-01-01.
    Date(i32),
    /// Yes or no.
    Bool(bool),
    /// No value, and why.
    Missing(Marker),
}

impl Column {
    /// Builds a typed column from raw text cells as `inference` decided.
    pub fn from_raw(name: String, inference: &Inference, raw: &RawColumn) -> Self {
        let kind = inference.kind;
        let markers: Vec<u8> = raw.iter().map(|cell| Marker::of(cell).map_or(0, Marker::code)).collect();
        let any_missing = markers.iter().any(|&m| m != 0);
        // The cells that hold a value, trimmed; `None` where a marker stands.
        let cells = || raw.iter().zip(&markers).map(|(c, &m)| (m == 0).then(|| infer::trim(c)));
        let values: ArrayRef = match kind {
            ColumnKind::Integer | ColumnKind::Year => Arc::new(
                cells()
                    .map(|c| c.and_then(|c| number::parse(c, DecimalSign::Comma)).map(|v| v as i64))
                    .collect::<Int64Array>(),
            ),
            ColumnKind::Decimal(sign) | ColumnKind::Percent(sign) => {
                Arc::new(cells().map(|c| c.and_then(|c| number::parse(c, sign))).collect::<Float64Array>())
            }
            ColumnKind::Date(format) => {
                Arc::new(cells().map(|c| c.and_then(|c| date::parse(c, format))).collect::<Date32Array>())
            }
            ColumnKind::Boolean => Arc::new(cells().map(|c| c.and_then(infer::boolean)).collect::<BooleanArray>()),
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
        let markers = any_missing.then(|| UInt8Array::from(markers));
        Self { name, kind, values, markers }
    }

    /// Rebuilds a column from a name, a kind, typed values and per-row markers.
    ///
    /// # Errors
    /// When `markers` is not as long as `values`.
    pub fn try_new(
        name: String,
        kind: ColumnKind,
        values: ArrayRef,
        markers: Option<UInt8Array>,
    ) -> Result<Self, String> {
        if let Some(m) = &markers
            && m.len() != values.len()
        {
            return Err(format!("column {name}: {} markers for {} values", m.len(), values.len()));
        }
        Ok(Self { name, kind, values, markers })
    }

    /// The same column under another name.
    pub fn renamed(&self, name: String) -> Self {
        Self { name, ..self.clone() }
    }

    /// The column's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the column holds.
    pub fn kind(&self) -> ColumnKind {
        self.kind
    }

    /// The Arrow array of values.
    pub fn values(&self) -> &ArrayRef {
        &self.values
    }

    /// Per-row marker codes, when any cell is missing.
    pub fn markers(&self) -> Option<&UInt8Array> {
        self.markers.as_ref()
    }

    /// How many cells carry `marker`.
    pub fn count(&self, marker: Marker) -> usize {
        self.markers.as_ref().map_or(0, |m| m.values().iter().filter(|&&c| c == marker.code()).count())
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the column has no row.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The cell at `row`.
    ///
    /// # Panics
    /// If `row` is out of bounds.
    pub fn cell(&self, row: usize) -> Cell<'_> {
        if self.values.is_null(row) {
            let code = self.markers.as_ref().map_or(1, |m| m.value(row));
            return Cell::Missing(Marker::from_code(code).unwrap_or(Marker::Empty));
        }
        let any = self.values.as_any();
        match self.kind {
            ColumnKind::Code(_) | ColumnKind::Text => Cell::Text(downcast::<StringArray>(any).value(row)),
            ColumnKind::Integer => Cell::Integer(downcast::<Int64Array>(any).value(row)),
            ColumnKind::Year => Cell::Year(downcast::<Int64Array>(any).value(row)),
            ColumnKind::Decimal(_) => Cell::Decimal(downcast::<Float64Array>(any).value(row)),
            ColumnKind::Percent(_) => Cell::Percent(downcast::<Float64Array>(any).value(row)),
            ColumnKind::Date(_) => Cell::Date(downcast::<Date32Array>(any).value(row)),
            ColumnKind::Boolean => Cell::Bool(downcast::<BooleanArray>(any).value(row)),
        }
    }

    /// The value at `row` as a number, for numeric columns.
    pub fn number(&self, row: usize) -> Option<f64> {
        match self.cell(row) {
            Cell::Integer(v) => Some(v as f64),
            Cell::Decimal(v) | Cell::Percent(v) => Some(v),
            _ => None,
        }
    }

    /// A new column holding the rows `rows`, in that order.
    ///
    /// # Panics
    /// If a row is out of bounds.
    pub fn take(&self, rows: &[usize]) -> Self {
        let markers = self.markers.as_ref().map(|m| UInt8Array::from_iter_values(rows.iter().map(|&r| m.value(r))));
        Self { name: self.name.clone(), kind: self.kind, values: take(self.values.as_ref(), rows), markers }
    }
}

/// The array behind a column of a known kind.
fn downcast<T: Array + 'static>(any: &dyn std::any::Any) -> &T {
    any.downcast_ref::<T>().expect("a column's array matches its kind")
}

/// Gathers `rows` of `array`, of one of the types a table holds.
fn take(array: &dyn Array, rows: &[usize]) -> ArrayRef {
    macro_rules! gather {
        ($a:expr, $ty:ty) => {
            Arc::new(rows.iter().map(|&r| $a.is_valid(r).then(|| $a.value(r))).collect::<$ty>())
        };
    }
    let any = array.as_any();
    if let Some(a) = any.downcast_ref::<StringArray>() {
        gather!(a, StringArray)
    } else if let Some(a) = any.downcast_ref::<Int64Array>() {
        gather!(a, Int64Array)
    } else if let Some(a) = any.downcast_ref::<Float64Array>() {
        gather!(a, Float64Array)
    } else if let Some(a) = any.downcast_ref::<Date32Array>() {
        gather!(a, Date32Array)
    } else {
        let a = downcast::<BooleanArray>(any);
        gather!(a, BooleanArray)
    }
}

/// A table: named, typed columns of equal length.
#[derive(Clone, Debug, Default)]
pub struct Table {
    columns: Vec<Column>,
    rows: usize,
}

impl Table {
    /// Builds a table of `rows` rows.
    ///
    /// # Errors
    /// When a column's length is not `rows`.
    pub fn try_new(columns: Vec<Column>, rows: usize) -> Result<Self, String> {
        if let Some(c) = columns.iter().find(|c| c.len() != rows) {
            return Err(format!("column {} has {} rows, the table {rows}", c.name(), c.len()));
        }
        Ok(Self { columns, rows })
    }

    /// Builds a table from a parse, deciding every column's kind (`decimal`, the user's
    /// choice, overrides the decimal sign of numeric columns); returns the decisions too.
    ///
    /// # Errors
    /// When the columns are not all `rows` long.
    pub fn from_parsed(
        header: &[String],
        raw: &[RawColumn],
        rows: usize,
        decimal: Option<DecimalSign>,
    ) -> Result<(Self, Vec<Inference>), String> {
        let inferences = infer::columns(header, raw, decimal);
        let columns =
            header.iter().zip(raw).zip(&inferences).map(|((n, r), i)| Column::from_raw(n.clone(), i, r)).collect();
        Ok((Self::try_new(columns, rows)?, inferences))
    }

    /// The columns.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name() == name)
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// A table of the rows `rows`, in that order.
    pub fn take(&self, rows: &[usize]) -> Self {
        Self { columns: self.columns.iter().map(|c| c.take(rows)).collect(), rows: rows.len() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::dialect::Separator;
    use crate::engine::parse;

    fn table(text: &str) -> Table {
        let p = parse::parse(text, 1, Separator::Semicolon, &mut ());
        Table::from_parsed(&p.header, &p.columns, p.rows(), None).unwrap().0
    }

    #[test]
    fn secret_is_missing_not_zero() {
        let t = table("CODGEO;NB;TP\n01001;331;s\n01004;6882;17,0\n01006;s;\n");
        let nb = t.column("NB").unwrap();
        assert_eq!(nb.cell(0), Cell::Integer(331));
        assert_eq!(nb.cell(2), Cell::Missing(Marker::Secret));
        let tp = t.column("TP").unwrap();
        assert_eq!(tp.cell(0), Cell::Missing(Marker::Secret));
        assert_eq!(tp.cell(1), Cell::Decimal(17.0));
        assert_eq!(tp.cell(2), Cell::Missing(Marker::Empty));
        assert_eq!(t.column("CODGEO").unwrap().cell(0), Cell::Text("01001"));
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
        assert_eq!(t.column("part").unwrap().cell(0), Cell::Percent(12.5));
        assert_eq!(t.column("part").unwrap().cell(1), Cell::Missing(Marker::NotAvailable));
        let taken = t.take(&[1]);
        assert_eq!(taken.column("date").unwrap().cell(0), Cell::Date(18_993));
        assert_eq!(taken.column("rural").unwrap().cell(0), Cell::Bool(false));
    }

    #[test]
    fn lengths_are_checked() {
        let t = table("a\n1\n2\n");
        assert!(Table::try_new(t.columns().to_vec(), 3).is_err());
    }
}
