//! The change report: which source each file takes the place of — last year's file of its
//! series in the dossier, or a source the recipe expects — and how its columns changed; and
//! the sources the recipe still waits for.
//!
//! ```
//! use carnet::engine::dossier::recipe::Expected;
//! use carnet::engine::dossier::report;
//! use carnet::engine::table::ColumnKind;
//! let expected = [Expected { file_name: "cc_filosofi_2021_COM.csv".into(), read: Default::default(), columns: vec![("MED21".into(), ColumnKind::Integer)] }];
//! let columns = [("MED22".to_owned(), ColumnKind::Integer)];
//! let follows = report::follows("cc_filosofi_2022_COM.csv", &columns, std::iter::empty(), &expected).unwrap();
//! assert_eq!((follows.was.as_str(), follows.from_recipe), ("cc_filosofi_2021_COM.csv", true));
//! assert_eq!(follows.changes.vintages, [("MED21".to_owned(), "MED22".to_owned())]);
//! ```

use super::recipe::{self, Changes, Expected};
use crate::engine::table::ColumnKind;
use crate::engine::vintage;
use serde::{Deserialize, Serialize};

/// The source a file takes the place of, and how its columns changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Follows {
    /// The file it follows.
    pub was: String,
    /// Whether that file is the recipe's (not in the dossier).
    pub from_recipe: bool,
    /// How the columns changed.
    pub changes: Changes,
}

/// A file of the dossier as the report compares it: its name and columns.
pub struct Compared<'a> {
    /// Its name.
    pub file_name: &'a str,
    /// Its columns with their kinds.
    pub columns: Vec<(String, ColumnKind)>,
}

/// What the file `file_name` with `columns` follows: the file of its series in `dossier` with
/// the latest year before its own, else the source of `expected` it takes the place of.
pub fn follows<'a>(
    file_name: &str,
    columns: &[(String, ColumnKind)],
    dossier: impl Iterator<Item = Compared<'a>>,
    expected: &[Expected],
) -> Option<Follows> {
    let series = vintage::series(file_name);
    let year = crate::engine::read::source::year(&file_name.to_lowercase());
    let before = dossier
        .filter(|c| c.file_name != file_name && vintage::series(c.file_name) == series)
        .filter_map(|c| Some((crate::engine::read::source::year(&c.file_name.to_lowercase())?, c)))
        .filter(|(y, _)| year.is_some_and(|year| *y < year))
        .max_by_key(|(y, _)| *y);
    if let Some((_, c)) = before {
        return Some(Follows {
            was: c.file_name.to_owned(),
            from_recipe: false,
            changes: recipe::compare(&c.columns, columns),
        });
    }
    let (e, changes) = recipe::follow(expected, file_name, columns)?;
    Some(Follows { was: e.file_name.clone(), from_recipe: true, changes })
}

/// The series of `expected` of which no file is in the dossier: what the recipe still waits
/// for, each series named by its latest file. `taken` names the files of the dossier and the
/// recipe's files they follow.
pub fn awaited<'a>(expected: &'a [Expected], taken: &[&str]) -> Vec<&'a str> {
    let taken: Vec<String> = taken.iter().map(|t| vintage::series(t)).collect();
    let mut out: Vec<&str> = Vec::new();
    for e in expected.iter().rev() {
        let series = vintage::series(&e.file_name);
        if !taken.contains(&series) && !out.iter().any(|o| vintage::series(o) == series) {
            out.push(&e.file_name);
        }
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(names: &[&str]) -> Vec<(String, ColumnKind)> {
        names.iter().map(|n| ((*n).to_owned(), ColumnKind::Integer)).collect()
    }

    #[test]
    fn a_file_follows_last_year_s_in_the_dossier_before_the_recipe_s() {
        let (c19, c20) = (cols(&["MED19"]), cols(&["MED20", "D120"]));
        let dossier = || {
            [
                Compared { file_name: "cc_filosofi_2019_COM.csv", columns: c19.clone() },
                Compared { file_name: "cc_filosofi_2020_COM.csv", columns: c20.clone() },
                Compared { file_name: "cc_filosofi_2022_COM.csv", columns: cols(&["MED22"]) },
            ]
            .into_iter()
        };
        let expected = [Expected {
            file_name: "cc_filosofi_2018_COM.csv".into(),
            read: Default::default(),
            columns: cols(&["MED18"]),
        }];
        let f = follows("cc_filosofi_2021_COM.csv", &cols(&["MED21"]), dossier(), &expected).unwrap();
        assert_eq!((f.was.as_str(), f.from_recipe), ("cc_filosofi_2020_COM.csv", false));
        assert_eq!(f.changes.missing, ["D120"]);
        let first = follows("cc_filosofi_2019_COM.csv", &c19, dossier(), &expected).unwrap();
        assert_eq!((first.was.as_str(), first.from_recipe), ("cc_filosofi_2018_COM.csv", true));
        assert!(follows("caf.csv", &cols(&["X"]), dossier(), &expected).is_none());
        assert_eq!(awaited(&expected, &["cc_filosofi_2023_COM.csv"]), Vec::<&str>::new(), "its series is there");
        assert_eq!(awaited(&expected, &[]), ["cc_filosofi_2018_COM.csv"]);
        let three = ["2019", "2020", "caf"].map(|y| Expected {
            file_name: format!("cc_filosofi_{y}_COM.csv"),
            read: Default::default(),
            columns: Vec::new(),
        });
        assert_eq!(
            awaited(&three, &[]),
            ["cc_filosofi_2020_COM.csv", "cc_filosofi_caf_COM.csv"],
            "a series once, by its latest file"
        );
    }
}
