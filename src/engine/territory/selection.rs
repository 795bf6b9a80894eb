//! A territory's rows in a file read: the commune's (or its IRIS'), then those of the EPCI,
//! département, région and France it belongs to, when the file has them.

use crate::engine::error::{ErrorKind, Result};
use crate::engine::read::workspace::Workspace;
use crate::engine::table::Table;
use crate::engine::territory::Place;
use crate::engine::territory::levels::{self, Level};

/// The rows of one commune.
#[derive(Clone, Debug)]
pub struct Selection {
    /// The commune.
    pub place: Place,
    /// Its rows.
    pub table: Table,
    /// The physical line of each row in the source file.
    pub lines: Vec<u64>,
    /// The level of each row: the commune's (or its IRIS'), then those of its EPCI,
    /// département, région and France the file has, for comparison.
    pub levels: Vec<Level>,
}

impl Selection {
    /// Keeps the rows of the commune `place` in the file `read`.
    ///
    /// # Errors
    /// [`ErrorKind::NoCommuneColumn`] when no column holds commune codes;
    /// [`ErrorKind::CommuneNotFound`] when no row holds the commune's code.
    pub fn of(read: &Workspace, place: &Place) -> Result<Self> {
        let table = read.table();
        levels::geo_column(table).ok_or(ErrorKind::NoCommuneColumn)?;
        let kept = levels::rows(table, place);
        if kept.is_empty() {
            return Err(ErrorKind::CommuneNotFound { code: place.code.clone() }.into());
        }
        let rows: Vec<usize> = kept.iter().map(|(r, _)| *r).collect();
        Ok(Self {
            place: place.clone(),
            table: table.take(&rows),
            lines: rows.iter().map(|&r| read.lines()[r]).collect(),
            levels: kept.into_iter().map(|(_, level)| level).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_older_than_a_merger_gives_the_merged_communes_rows() {
        // A commune nouvelle keeping code 01015 and absorbing 01340: a file from before the
        // merger lists both parts, each under its own code, and both are kept.
        let ws =
            Workspace::load("rp_2015.csv", b"CODGEO;POP\n01014;100\n01340;250\n01016;30\n01015;80\n", &mut ()).unwrap();
        let merged =
            Place { code: "09999".into(), former_codes: vec!["01015".into(), "01340".into()], ..Place::default() };
        assert_eq!(Selection::of(&ws, &merged).unwrap().lines, [3, 5]);
        assert!(Selection::of(&ws, &Place { code: "09999".into(), ..Place::default() }).is_err());
    }
}
