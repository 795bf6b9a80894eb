//! Commune codes split in two columns — the département's code and the commune's number
//! within it (`59` and `522`), as the populations légales or the RNE give them — rebuilt into
//! the one code every other file uses (`59522`).
//!
//! ```
//! use carnet::engine::read::workspace::Workspace;
//! let csv = "Code département;Code commune;Population\n59;522;1936\n2A;004;67\n971;101;53\n";
//! let ws = Workspace::load("pop.csv", csv.as_bytes(), &mut ()).unwrap();
//! let code = ws.table().column("Code commune").unwrap();
//! let codes: Vec<String> = (0..3).map(|r| carnet::engine::format::plain(code.cell(r))).collect();
//! assert_eq!(codes, ["59522", "2A004", "97101"]);
//! assert!(ws.detection().rebuilt.is_some());
//! ```

use crate::engine::table::{Cell, CodeKind, Column, ColumnKind, Table};
use crate::engine::text::fold;
use arrow_array::StringArray;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The two columns a commune code was rebuilt from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rebuilt {
    /// The département's column.
    pub departement: String,
    /// The commune's column, which now holds the whole code.
    pub commune: String,
}

/// A cell as text, whatever its kind (a number `522` read as an integer).
fn text(cell: Cell<'_>) -> Option<String> {
    match cell {
        Cell::Missing(_) => None,
        other => Some(crate::engine::format::plain(other)),
    }
}

/// Whether a header names the commune's part of a split code (`Code commune`, `COM`).
fn names_commune_part(name: &str) -> bool {
    let key: String = fold(name).chars().filter(char::is_ascii_alphanumeric).collect();
    key == "com" || key == "codcom" || (key.contains("commune") && key.starts_with("cod"))
}

/// The whole code of the commune numbered `commune` in département `departement`.
fn whole(departement: &str, commune: &str) -> Option<String> {
    if !departement.is_ascii() || departement.is_empty() || departement.len() > 3 {
        return None;
    }
    let dep = match departement.len() {
        1 => format!("0{departement}"),
        // `059` as a spreadsheet pads it; overseas codes (971…) keep their three digits.
        3 if departement.starts_with('0') => departement[1..].to_owned(),
        _ => departement.to_owned(),
    };
    if commune.is_empty() || commune.len() > 3 || !commune.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = format!("{commune:0>3}");
    // Overseas: département 971 and commune 101 make 97101.
    let code = if dep.len() == 3 { format!("{}{number}", &dep[..2]) } else { format!("{dep}{number}") };
    CodeKind::Commune.accepts(&code).then_some(code)
}

/// `table` with its split commune code rebuilt, when it has no column of commune codes but a
/// département's and a commune number's (nine in ten of its cells rebuilt); `None` otherwise.
pub fn rebuild(table: &Table) -> Option<(Table, Rebuilt)> {
    let columns = table.columns();
    if columns.iter().any(|c| c.kind() == ColumnKind::Code(CodeKind::Commune)) {
        return None;
    }
    let dep = columns
        .iter()
        .find(|c| CodeKind::from_header(c.name()) == Some(CodeKind::Departement))
        .or_else(|| columns.iter().find(|c| c.kind() == ColumnKind::Code(CodeKind::Departement)))?;
    let (at, com) = columns.iter().enumerate().find(|(_, c)| names_commune_part(c.name()))?;
    let codes: Vec<Option<String>> =
        (0..table.rows()).map(|r| whole(&text(dep.cell(r))?, &text(com.cell(r))?)).collect();
    let good = codes.iter().filter(|c| c.is_some()).count();
    if table.rows() == 0 || good * 10 < table.rows() * 9 {
        return None;
    }
    let values = Arc::new(codes.iter().map(Option::as_deref).collect::<StringArray>());
    let column = Column::try_new(com.name().to_owned(), ColumnKind::Code(CodeKind::Commune), values, None).ok()?;
    let mut all = columns.to_vec();
    let rebuilt = Rebuilt { departement: dep.name().to_owned(), commune: com.name().to_owned() };
    all[at] = column;
    Some((Table::try_new(all, table.rows()).ok()?, rebuilt))
}
