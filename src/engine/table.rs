//! The columnar table: one Apache Arrow array per column, plus why each empty cell is empty.
//!
//! A table checks its invariants when built ([`Table::try_new`]): every column has the
//! table's row count. Code and text columns are `StringArray`s, integers `Int64Array`s,
//! decimals `Float64Array`s; a missing cell is an Arrow null whose [`Marker`] says whether
//! it was empty, secret or not available.

use super::infer::{self, ColumnKind, DecimalSign, Marker};
use super::parse::RawColumn;
use arrow_array::builder::{Float64Builder, Int64Builder};
use arrow_array::{Array, ArrayRef, Float64Array, Int64Array, StringArray, UInt8Array};
use arrow_buffer::{Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
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
    /// No value, and why.
    Missing(Marker),
}

impl Column {
    /// Builds a typed column from raw text cells, reading numbers with `kind`'s decimal sign.
    pub fn from_raw(name: String, kind: ColumnKind, raw: &RawColumn) -> Self {
        let mut markers = Vec::with_capacity(raw.len());
        let mut any_missing = false;
        for cell in raw.iter() {
            let marker = if kind.is_numeric() || !cell.trim().is_empty() {
                Marker::of(cell)
            } else {
                Some(Marker::Empty)
            };
            any_missing |= marker.is_some();
            markers.push(marker.map_or(0, Marker::code));
        }
        let nulls = any_missing.then(|| NullBuffer::from_iter(markers.iter().map(|&m| m == 0)));
        let values: ArrayRef = match kind {
            ColumnKind::Integer => {
                let mut b = Int64Builder::with_capacity(raw.len());
                for (cell, &m) in raw.iter().zip(&markers) {
                    let value = (m == 0)
                        .then(|| infer::parse_number(cell, DecimalSign::Comma))
                        .flatten();
                    b.append_option(value.map(|v| v as i64));
                }
                Arc::new(b.finish())
            }
            ColumnKind::Decimal(sign) => {
                let mut b = Float64Builder::with_capacity(raw.len());
                for (cell, &m) in raw.iter().zip(&markers) {
                    b.append_option((m == 0).then(|| infer::parse_number(cell, sign)).flatten());
                }
                Arc::new(b.finish())
            }
            ColumnKind::Code(_) | ColumnKind::Text => {
                let offsets = OffsetBuffer::new(ScalarBuffer::from(raw.offsets.clone()));
                let strings = StringArray::try_new(offsets, Buffer::from(raw.bytes.clone()), nulls)
                    .unwrap_or_else(|_| StringArray::from_iter_values(raw.iter()));
                Arc::new(trimmed(strings))
            }
        };
        let markers = any_missing.then(|| UInt8Array::from(markers));
        Self {
            name,
            kind,
            values,
            markers,
        }
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
            return Err(format!(
                "column {name}: {} markers for {} values",
                m.len(),
                values.len()
            ));
        }
        Ok(Self {
            name,
            kind,
            values,
            markers,
        })
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
        if let Some(a) = any.downcast_ref::<StringArray>() {
            Cell::Text(a.value(row))
        } else if let Some(a) = any.downcast_ref::<Int64Array>() {
            Cell::Integer(a.value(row))
        } else if let Some(a) = any.downcast_ref::<Float64Array>() {
            Cell::Decimal(a.value(row))
        } else {
            Cell::Missing(Marker::Empty)
        }
    }

    /// The value at `row` as a number, for numeric columns.
    pub fn number(&self, row: usize) -> Option<f64> {
        match self.cell(row) {
            Cell::Integer(v) => Some(v as f64),
            Cell::Decimal(v) => Some(v),
            _ => None,
        }
    }

    /// A new column holding the rows `rows`, in that order.
    ///
    /// # Panics
    /// If a row is out of bounds.
    pub fn take(&self, rows: &[usize]) -> Self {
        let markers = self
            .markers
            .as_ref()
            .map(|m| UInt8Array::from_iter_values(rows.iter().map(|&r| m.value(r))));
        let values: ArrayRef = match self.values.as_any() {
            any if any.is::<StringArray>() => {
                let a = any.downcast_ref::<StringArray>().expect("checked");
                Arc::new(
                    rows.iter()
                        .map(|&r| a.is_valid(r).then(|| a.value(r)))
                        .collect::<StringArray>(),
                )
            }
            any if any.is::<Int64Array>() => {
                let a = any.downcast_ref::<Int64Array>().expect("checked");
                Arc::new(
                    rows.iter()
                        .map(|&r| a.is_valid(r).then(|| a.value(r)))
                        .collect::<Int64Array>(),
                )
            }
            any => {
                let a = any
                    .downcast_ref::<Float64Array>()
                    .expect("columns are strings, integers or decimals");
                Arc::new(
                    rows.iter()
                        .map(|&r| a.is_valid(r).then(|| a.value(r)))
                        .collect::<Float64Array>(),
                )
            }
        };
        Self {
            name: self.name.clone(),
            kind: self.kind,
            values,
            markers,
        }
    }
}

/// Trims the spaces around text cells (only when some cell needs it).
fn trimmed(strings: StringArray) -> StringArray {
    let needs = strings.iter().flatten().any(|s| s.len() != s.trim().len());
    if !needs {
        return strings;
    }
    strings.iter().map(|s| s.map(str::trim)).collect()
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
            return Err(format!(
                "column {} has {} rows, the table {rows}",
                c.name(),
                c.len()
            ));
        }
        Ok(Self { columns, rows })
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
        Self {
            columns: self.columns.iter().map(|c| c.take(rows)).collect(),
            rows: rows.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::dialect::Separator;
    use crate::engine::parse;

    fn table(text: &str) -> Table {
        let p = parse::parse(text, 1, Separator::Semicolon, &mut ());
        let columns = p
            .header
            .iter()
            .zip(&p.columns)
            .map(|(name, raw)| Column::from_raw(name.clone(), infer::column(name, raw.iter()), raw))
            .collect();
        Table::try_new(columns, p.rows()).unwrap()
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
        assert_eq!(
            t.column("NB").unwrap().cell(1),
            Cell::Missing(Marker::Secret)
        );
        assert_eq!(t.column("CODGEO").unwrap().cell(0), Cell::Text("01003"));
    }

    #[test]
    fn lengths_are_checked() {
        let t = table("a\n1\n2\n");
        assert!(Table::try_new(t.columns().to_vec(), 3).is_err());
    }
}
