//! The columnar table: one Apache Arrow array per column, plus why each empty cell is empty.
//!
//! A table checks its invariants when built ([`Table::try_new`]): every column has the
//! table's row count. Codes and text are `StringArray`s, integers and years `Int64Array`s,
//! decimals and percentages `Float64Array`s, dates `Date32Array`s, yes/no `BooleanArray`s;
//! a missing cell is an Arrow null whose [`Marker`] says whether it was empty, secret or not
//! available.

pub mod kind;

use arrow_array::{Array, ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, StringArray, UInt8Array};
pub use kind::{CodeKind, ColumnKind, DateFormat, DecimalSign, Marker};
use std::sync::Arc;

/// A typed column.
#[derive(Clone, Debug)]
pub struct Column {
    name: String,
    kind: ColumnKind,
    values: ArrayRef,
    /// Per row: 0 when a value is present, else a [`Marker::code`]. `None` when no cell is missing.
    markers: Option<UInt8Array>,
    /// Decimals and percentages: the most digits after the decimal sign the source wrote
    /// (`71,0`: one), so that values are written back as precisely as the source gave them.
    decimals: u8,
}

/// One cell, borrowed from a column.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell<'a> {
    /// Text or code.
    Text(&'a str),
    /// A whole number.
    Integer(i64),
    /// A decimal number, and the digits its column writes after the decimal sign.
    Decimal(f64, u8),
    /// A percentage (the number before the `%`), and its column's digits after the sign.
    Percent(f64, u8),
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
        Ok(Self { name, kind, values, markers, decimals: 0 })
    }

    /// The same column, its values written with `decimals` digits after the decimal sign.
    #[must_use]
    pub fn with_decimals(self, decimals: u8) -> Self {
        Self { decimals, ..self }
    }

    /// The digits after the decimal sign the source wrote at most (0 but for decimals and
    /// percentages).
    pub fn decimals(&self) -> u8 {
        self.decimals
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
            ColumnKind::Decimal(_) => Cell::Decimal(downcast::<Float64Array>(any).value(row), self.decimals),
            ColumnKind::Percent(_) => Cell::Percent(downcast::<Float64Array>(any).value(row), self.decimals),
            ColumnKind::Date(_) => Cell::Date(downcast::<Date32Array>(any).value(row)),
            ColumnKind::Boolean => Cell::Bool(downcast::<BooleanArray>(any).value(row)),
        }
    }

    /// The value at `row` as a number, for numeric columns.
    pub fn number(&self, row: usize) -> Option<f64> {
        match self.cell(row) {
            Cell::Integer(v) => Some(v as f64),
            Cell::Decimal(v, _) | Cell::Percent(v, _) => Some(v),
            _ => None,
        }
    }

    /// A new column holding the rows `rows`, in that order.
    ///
    /// # Panics
    /// If a row is out of bounds.
    pub fn take(&self, rows: &[usize]) -> Self {
        let markers = self.markers.as_ref().map(|m| UInt8Array::from_iter_values(rows.iter().map(|&r| m.value(r))));
        Self {
            name: self.name.clone(),
            kind: self.kind,
            values: take(self.values.as_ref(), rows),
            markers,
            decimals: self.decimals,
        }
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
