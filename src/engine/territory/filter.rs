//! Keeping the rows of one territory.
//!
//! ```
//! use carnet::engine::{read::workspace::Workspace, territory::filter};
//! let ws = Workspace::load("f.csv", b"CODGEO;MED\n01001;1\n59522;2\n", &mut ()).unwrap();
//! let col = carnet::engine::territory::levels::geo_column(ws.table()).unwrap();
//! assert_eq!(filter::rows_for(ws.table(), col, "59522"), [1]);
//! ```

use crate::engine::table::{Cell, Table};
use std::collections::HashMap;

/// The first row of each code of column `column`: a lookup for many codes at once.
///
/// # Panics
/// If `column` is out of bounds.
pub fn index(table: &Table, column: usize) -> HashMap<&str, usize> {
    let col = &table.columns()[column];
    let mut index = HashMap::new();
    for r in 0..table.rows() {
        if let Cell::Text(code) = col.cell(r) {
            index.entry(code).or_insert(r);
        }
    }
    index
}

/// The rows whose column `column` holds `code`, in table order.
///
/// # Panics
/// If `column` is out of bounds.
pub fn rows_for(table: &Table, column: usize, code: &str) -> Vec<usize> {
    let col = &table.columns()[column];
    (0..table.rows()).filter(|&r| matches!(col.cell(r), Cell::Text(c) if c == code)).collect()
}
