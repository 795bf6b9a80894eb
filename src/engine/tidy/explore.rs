//! The explorer's view of a table: the rows a search and per-column filters keep, in the order
//! of a sort, as indices into the table; the page then asks for the slice it shows.
//!
//! ```
//! use carnet::engine::tidy::explore::{Query, Sort, view};
//! use carnet::engine::read::workspace::Workspace;
//! let ws = Workspace::load("f.csv", "CODGEO;LIBGEO;MED20\n01001;Abergement;24820\n59522;Sailly-lez-Lannoy;29440\n".as_bytes(), &mut ()).unwrap();
//! let q = Query { search: "sailly".into(), ..Query::default() };
//! assert_eq!(view(ws.table(), &q), [1]);
//! let q = Query { sort: Some(Sort { column: 2, descending: true }), ..Query::default() };
//! assert_eq!(view(ws.table(), &q), [1, 0]);
//! ```

use crate::engine::format;
use crate::engine::table::{Cell, Column, Marker, Table};
use crate::engine::text::fold;
use arrow_array::Array;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// An order on one column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    /// The column's position.
    pub column: usize,
    /// Largest (or last in alphabetical order) first.
    pub descending: bool,
}

/// What the explorer shows: a search across all columns, filters on some, an order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Query {
    /// Words every kept row holds somewhere (accents and case ignored).
    pub search: String,
    /// Per column (by position), text its cell must hold.
    pub filters: Vec<(usize, String)>,
    /// The order; the file's order without one.
    pub sort: Option<Sort>,
}

/// The rows of `table` that `query` keeps, in its order.
pub fn view(table: &Table, query: &Query) -> Vec<usize> {
    let columns = table.columns();
    let words: Vec<(String, bool)> = fold(&query.search)
        .split_whitespace()
        .map(|w| (w.to_owned(), w.chars().any(char::is_alphabetic) && !w.chars().any(|c| c.is_ascii_digit())))
        .collect();
    let filters: Vec<(&Column, String)> = query
        .filters
        .iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .filter_map(|(c, text)| Some((columns.get(*c)?, fold(text))))
        .collect();
    let shown = |c: &Column, r: usize| fold(&format::cell(c.cell(r)));
    // Each marker's text, folded, at its code (`Marker as usize`).
    let markers: Vec<String> = (0..=8_u8)
        .map(|code| Marker::from_code(code).map(|m| fold(&format::cell(Cell::Missing(m)))).unwrap_or_default())
        .collect();
    let mut rows: Vec<usize> = (0..table.rows())
        .filter(|&r| filters.iter().all(|(c, text)| shown(c, r).contains(text.as_str())))
        .filter(|&r| {
            // Every word in some cell (a word holds no space, so it never spans two cells). A
            // number written the French way holds no letter: a word with letters and no digit is
            // looked for only in text and in the markers of missing values — a search of a
            // national table of numbers formats no number.
            words.iter().all(|(w, wordy)| {
                columns.iter().any(|c| {
                    // A number's cell is only a marker's when it is null (a bit to read).
                    if *wordy && c.kind().is_numeric() && !c.values().is_null(r) {
                        return false;
                    }
                    match c.cell(r) {
                        // Five markers, folded once.
                        Cell::Missing(m) => markers[m as usize].contains(w.as_str()),
                        cell => fold(&format::cell(cell)).contains(w.as_str()),
                    }
                })
            })
        })
        .collect();
    if let Some(sort) = query.sort
        && let Some(column) = columns.get(sort.column)
    {
        // Stable: equal values keep the file's order. Missing values always come last.
        rows.sort_by(|&a, &b| {
            let (x, y) = (column.cell(a), column.cell(b));
            match (matches!(x, Cell::Missing(_)), matches!(y, Cell::Missing(_))) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => {
                    let order = compare(column, a, b);
                    if sort.descending { order.reverse() } else { order }
                }
            }
        });
    }
    rows
}

/// Two present cells of a column: by number when it is numeric, else by folded text.
fn compare(column: &Column, a: usize, b: usize) -> Ordering {
    match (column.number(a), column.number(b)) {
        (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        _ => fold(&format::cell(column.cell(a))).cmp(&fold(&format::cell(column.cell(b)))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::read::workspace::Workspace;

    fn table() -> Workspace {
        let csv = "CODGEO;LIBGEO;MED20\n01001;L'Abergement-Clémenciat;24820\n59522;Sailly-lez-Lannoy;29440\n\
                   2A004;Ajaccio;s\n59009;Villeneuve-d'Ascq;21630\n";
        Workspace::load("f.csv", csv.as_bytes(), &mut ()).unwrap()
    }

    #[test]
    fn search_ignores_accents_and_case_and_needs_every_word() {
        let ws = table();
        let q = |s: &str| view(ws.table(), &Query { search: s.into(), ..Query::default() });
        assert_eq!(q("clemenciat"), [0]);
        assert_eq!(q("SAILLY 29"), [1]);
        assert_eq!(q("sailly ajaccio"), Vec::<usize>::new());
        assert_eq!(q(""), [0, 1, 2, 3]);
        assert_eq!(q("secret"), [2], "a missing value's marker is found");
        assert_eq!(q("21 630"), [3], "numbers as the page writes them");
    }

    #[test]
    fn numbers_sort_as_numbers_and_missing_values_last() {
        let ws = table();
        let sort =
            |descending| view(ws.table(), &Query { sort: Some(Sort { column: 2, descending }), ..Query::default() });
        assert_eq!(sort(false), [3, 0, 1, 2]);
        assert_eq!(sort(true), [1, 0, 3, 2]);
        let by_code =
            view(ws.table(), &Query { sort: Some(Sort { column: 0, descending: false }), ..Query::default() });
        assert_eq!(by_code, [0, 2, 3, 1], "codes sort as text: 2A after 01");
    }

    #[test]
    fn column_filters() {
        let ws = table();
        let q = Query { filters: vec![(0, "59".into()), (1, "lannoy".into())], ..Query::default() };
        assert_eq!(view(ws.table(), &q), [1]);
        let blank = Query { filters: vec![(0, "  ".into()), (9, "x".into())], ..Query::default() };
        assert_eq!(view(ws.table(), &blank).len(), 4, "a blank filter or an unknown column keeps every row");
    }
}
