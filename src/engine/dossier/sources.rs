//! The dossier's sources: every file read, kept with what is needed to filter it again for
//! another territory, and what each gives the territory chosen.
//!
//! ```
//! use carnet::engine::dossier::sources::{Contribution, Source};
//! use carnet::engine::read::{ReadOptions, workspace::Workspace};
//! use carnet::engine::territory::Place;
//! let csv = b"CODGEO;MED20\n59522;29440\n59339;21090\n";
//! let ws = Workspace::load("cc_filosofi_2020_COM.csv", csv, &mut ()).unwrap();
//! let mut source = Source::new(ws, Some(csv.to_vec()), ReadOptions::default(), 2);
//! let place = Place { code: "59522".into(), name: "Sailly-lez-Lannoy".into(), ..Place::default() };
//! source.filter(Some(&place), &[]);
//! assert!(matches!(source.view().contribution, Contribution::Rows { rows: 1, indicators: 1, .. }));
//! ```

use crate::engine::ErrorKind;
use crate::engine::read::ReadOptions;
use crate::engine::read::workspace::Workspace;
use crate::engine::table::{CodeKind, ColumnKind, Table};
use crate::engine::territory::Place;
use crate::engine::territory::levels::{self, Level};
use crate::engine::territory::selection::Selection;
use crate::engine::tidy::compile::Extract;
use crate::engine::tidy::standardize::{self, Step};
use serde::{Deserialize, Serialize};

/// What a source gives the territory chosen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Contribution {
    /// No territory chosen yet.
    Waiting,
    /// Rows for the territory.
    Rows {
        /// How many rows.
        rows: usize,
        /// Their levels, from the smallest, each once (the commune's, its EPCI's…).
        levels: Vec<Level>,
        /// Numeric indicators with a value in them.
        indicators: usize,
    },
    /// The file has no column of territory codes: it cannot be filtered.
    NoTerritoryColumn,
    /// The file has no row for the territory nor for the levels above it.
    NoRows,
    /// The file was too large to keep and streamed for another territory: the page sends it
    /// again.
    Reread,
}

/// What the page shows of a source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceView {
    /// The file's name: the source's identity in the dossier.
    pub file_name: String,
    /// The publication its name points to, with its vintage ("Insee, Filosofi 2021").
    pub publication: Option<String>,
    /// Its vintage.
    pub year: Option<u16>,
    /// The level of its rows, when one column of codes says it (communes, IRIS).
    pub level: Option<Level>,
    /// Its size in bytes.
    pub size: u64,
    /// Data rows in the file.
    pub rows: usize,
    /// Rows set aside.
    pub set_aside: usize,
    /// Columns.
    pub columns: usize,
    /// Whether it streamed through the engine (too large to keep).
    pub streamed: bool,
    /// What it gives the territory chosen.
    pub contribution: Contribution,
    /// The file it takes the place of (last year's, or the recipe's) and how its columns
    /// changed.
    #[serde(default)]
    pub follows: Option<super::report::Follows>,
}

/// A file of the dossier.
pub struct Source {
    /// The read, as last filtered.
    pub(super) workspace: Workspace,
    /// The bytes, to read it again for another territory; `None` once it streamed.
    bytes: Option<Vec<u8>>,
    /// How it was read.
    pub(super) options: ReadOptions,
    /// Its size in bytes.
    size: u64,
    /// The territory's rows, as read.
    pub(super) selection: Option<Selection>,
    /// The territory's rows with the dossier's steps, for the tidy table.
    pub(super) extract: Option<Extract>,
    contribution: Contribution,
    /// France's sums over the file, when it is national: the same for every territory.
    pub(super) france: levels::FranceMemo,
    /// The whole file read once for a map of every commune of a département, while the read
    /// kept is the territory's: kept until the file is read again.
    whole_read: std::cell::OnceCell<Workspace>,
}

impl Source {
    /// A file read into `workspace`, with its `bytes` unless it streamed.
    pub fn new(workspace: Workspace, bytes: Option<Vec<u8>>, options: ReadOptions, size: u64) -> Self {
        Self {
            workspace,
            bytes,
            options,
            size,
            selection: None,
            extract: None,
            contribution: Contribution::Waiting,
            france: levels::FranceMemo::default(),
            whole_read: std::cell::OnceCell::new(),
        }
    }

    /// The file's name.
    pub fn file_name(&self) -> &str {
        self.workspace.file_name()
    }

    /// Keeps the rows of `place` (reading the kept bytes again when the read was for another
    /// territory), and the tidy table's extract with the `steps` that apply to this file.
    pub fn filter(&mut self, place: Option<&Place>, steps: &[Step]) {
        (self.selection, self.extract) = (None, None);
        let Some(place) = place else {
            self.contribution = Contribution::Waiting;
            return;
        };
        if !self.workspace.holds(&place.code) {
            let Some(bytes) = &self.bytes else {
                self.contribution = Contribution::Reread;
                return;
            };
            let codes = levels::codes_to_read(place);
            match Workspace::load_for(self.file_name(), bytes, self.options, Some(&codes), &mut ()) {
                Ok(ws) => {
                    self.workspace = ws;
                    self.france = levels::FranceMemo::default();
                    self.whole_read = std::cell::OnceCell::new();
                }
                // The bytes were read once with these options: this cannot fail; say so plainly.
                Err(_) => {
                    self.contribution = Contribution::NoRows;
                    return;
                }
            }
        }
        match Selection::of(&self.workspace, place) {
            Ok(selection) => {
                let table = lenient(&selection.table, steps);
                let mut kinds: Vec<Level> = selection.levels.clone();
                kinds.dedup();
                self.contribution = Contribution::Rows {
                    rows: selection.table.rows(),
                    levels: kinds,
                    indicators: crate::engine::chart::chartable(&table).len(),
                };
                self.extract = Some(Extract::new(self.file_name(), table));
                self.selection = Some(selection);
            }
            Err(e) if matches!(e.kind(), ErrorKind::NoCommuneColumn) => {
                self.contribution = Contribution::NoTerritoryColumn;
            }
            Err(_) => self.contribution = Contribution::NoRows,
        }
    }

    /// Takes a read of the whole file (the explorer's), keeping the bytes and the rows.
    pub(super) fn take_whole(&mut self) -> crate::engine::Result<()> {
        if self.workspace.is_whole() {
            return Ok(());
        }
        self.workspace = match self.whole_read.take() {
            Some(whole) => whole,
            None => {
                let bytes = self.bytes.as_ref().ok_or(ErrorKind::TooLargeToExplore)?;
                Workspace::load_with(self.file_name(), bytes, self.options, &mut ())?
            }
        };
        self.france = levels::FranceMemo::default();
        Ok(())
    }

    /// The whole file read: the read kept when it is whole, else the bytes kept read whole once
    /// (a map of a whole département needs every commune's row; each edit of that map asks
    /// again); `None` for a file that streamed.
    pub(super) fn whole(&self) -> Option<&Workspace> {
        if self.workspace.is_whole() {
            return Some(&self.workspace);
        }
        if let Some(whole) = self.whole_read.get() {
            return Some(whole);
        }
        let bytes = self.bytes.as_ref()?;
        let whole = Workspace::load_with(self.file_name(), bytes, self.options, &mut ()).ok()?;
        Some(self.whole_read.get_or_init(|| whole))
    }

    /// Its columns with their kinds, as detected.
    pub fn columns(&self) -> Vec<(String, ColumnKind)> {
        self.workspace.detection().columns.iter().map(|c| (c.name.clone(), c.kind)).collect()
    }

    /// How it was read.
    pub fn options(&self) -> ReadOptions {
        self.options
    }

    /// What the page shows of it (without what it follows: see [`super::report`]).
    pub fn view(&self) -> SourceView {
        let detection = self.workspace.detection();
        let name = self.file_name();
        SourceView {
            file_name: name.to_owned(),
            publication: crate::engine::read::source::describe(name),
            year: crate::engine::read::source::year(&name.to_lowercase()),
            level: level(self.workspace.table()),
            size: self.size,
            rows: detection.rows,
            set_aside: detection.set_aside,
            columns: detection.columns.len(),
            streamed: self.bytes.is_none(),
            contribution: self.contribution.clone(),
            follows: None,
        }
    }
}

/// The level of a table's rows, when its column of codes says it.
fn level(table: &Table) -> Option<Level> {
    let geo = levels::geo_column(table)?;
    match table.columns()[geo].kind() {
        ColumnKind::Code(CodeKind::Commune) => Some(Level::Commune),
        ColumnKind::Code(CodeKind::Iris) => Some(Level::Iris),
        _ => levels::file_level(table),
    }
}

/// `table` with each of `steps` that applies to it: a rename of a column this file lacks
/// (another vintage's) leaves it as it is.
fn lenient(table: &Table, steps: &[Step]) -> Table {
    steps.iter().fold(table.clone(), |table, step| match standardize::apply(&table, std::slice::from_ref(step)) {
        Ok((changed, _)) => changed,
        Err(_) => table,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, csv: &str) -> Source {
        let ws = Workspace::load(name, csv.as_bytes(), &mut ()).unwrap();
        Source::new(ws, Some(csv.as_bytes().to_vec()), ReadOptions::default(), csv.len() as u64)
    }

    fn place(code: &str) -> Place {
        Place { code: code.into(), name: "x".into(), ..Place::default() }
    }

    #[test]
    fn a_source_says_what_it_gives_each_territory() {
        let mut s = source("cc_filosofi_2021_COM.csv", "CODGEO;MED21\n59522;29860\n59339;21090\n");
        assert_eq!(s.view().contribution, Contribution::Waiting);
        assert_eq!(s.view().year, Some(2021));
        assert_eq!(s.view().level, Some(Level::Commune));
        s.filter(Some(&place("59522")), &[Step::Rename { column: "MED20".into(), to: "m".into() }]);
        assert_eq!(
            s.view().contribution,
            Contribution::Rows { rows: 1, levels: vec![Level::Commune], indicators: 1 },
            "a step about another vintage's column leaves this one as it is"
        );
        s.filter(Some(&place("01001")), &[]);
        assert_eq!(s.view().contribution, Contribution::NoRows);
        let mut notes = source("notes.csv", "titre;valeur\nun;1\ndeux;2\n");
        notes.filter(Some(&place("59522")), &[]);
        assert_eq!(notes.view().contribution, Contribution::NoTerritoryColumn);
    }

    #[test]
    fn a_streamed_source_asks_to_be_read_again_for_another_territory() {
        let csv = "CODGEO;MED21\n59522;29860\n59339;21090\n";
        let ws = Workspace::load_for("f.csv", csv.as_bytes(), ReadOptions::default(), Some(&["59522".into()]), &mut ())
            .unwrap();
        let mut s = Source::new(ws, None, ReadOptions::default(), 1 << 30);
        s.filter(Some(&place("59522")), &[]);
        assert!(matches!(s.view().contribution, Contribution::Rows { .. }));
        assert!(s.view().streamed);
    }
}
