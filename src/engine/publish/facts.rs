//! What the data says about itself: the facts the publication kit is built from (the source,
//! how it was read and cleaned, the territory, the years, each column), gathered once by the
//! worker and carried to the page, where the form and its checks use them.

use crate::engine::read::Detection;
use crate::engine::read::workspace::Workspace;
use crate::engine::table::{Cell, Column, Table};
use crate::engine::table::{CodeKind, ColumnKind, Marker};
use crate::engine::territory::Place;
use crate::engine::territory::selection::Selection;
use crate::engine::tidy::dictionary::Dictionary;
use crate::engine::tidy::standardize::{self, Effect};
use serde::{Deserialize, Serialize};

/// One column of a clean CSV, as its documentation needs it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldFacts {
    /// The column's name in the clean CSV.
    pub name: String,
    /// Its kind.
    pub kind: ColumnKind,
    /// A short label (from a variable dictionary), when known.
    pub title: Option<String>,
    /// What it holds, when known.
    pub description: Option<String>,
    /// Its first value, as the clean CSV writes it.
    pub example: Option<String>,
    /// Secret cells among the kept rows.
    pub secret: usize,
    /// For a code column: whether every value is a well-formed code of its kind.
    pub well_formed: bool,
    /// For an integer column: whether no value is negative.
    pub non_negative: bool,
}

/// A file the published rows come from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Origin {
    /// The file's name.
    pub file_name: String,
    /// The publication it comes from ("Insee, Filosofi 2020"), when its name tells it.
    pub publication: Option<String>,
    /// Its data rows.
    pub rows_read: usize,
}

/// Everything known of one clean CSV and where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// The source file's name.
    pub file_name: String,
    /// The publication the file comes from ("Insee, Filosofi 2020"), when its name tells it.
    pub publication: Option<String>,
    /// The territory the rows were kept for.
    pub place: Place,
    /// The clean CSV's file name.
    pub csv_name: String,
    /// Rows kept.
    pub rows: usize,
    /// Data rows in the source file.
    pub rows_read: usize,
    /// Rows set aside while reading.
    pub set_aside: usize,
    /// The source's encoding (standard label).
    pub encoding: String,
    /// The source's separator.
    pub separator: char,
    /// The source's header line, from 1.
    pub header_line: u64,
    /// Whether the source wrote decimals with a comma.
    pub decimal_comma: bool,
    /// Codes whose lost leading zeros were restored.
    pub repaired: usize,
    /// The first and last year the data covers, when known.
    pub years: Option<(i32, i32)>,
    /// The columns, in order.
    pub fields: Vec<FieldFacts>,
    /// The columns whose text cells the clean CSV neutralized for spreadsheets (a leading
    /// apostrophe before `=`, `+`, `-`, `@`…), with how many in each.
    pub neutralized: Vec<(String, usize)>,
    /// The files the rows come from: the source file alone, or every source of a dossier.
    pub sources: Vec<Origin>,
    /// What the source says around its table: its title lines and its notes (« Source : … »,
    /// « Champ : … »), as written.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// The source a table's notes name: what follows « Source : » or « Source(s) : » in the first
/// line that has it (`@Insee  Source(s) : Insee, Code officiel géographique` → `Insee, Code
/// officiel géographique`).
pub fn source_note(notes: &[String]) -> Option<String> {
    notes.iter().find_map(|n| {
        let at = n.as_bytes().windows(6).position(|w| w.eq_ignore_ascii_case(b"source"))?;
        let after = &n[at..];
        let colon = after.find(':')?;
        let said = after[colon + 1..].trim().trim_end_matches('.').trim();
        (!said.is_empty() && said.chars().count() <= 200).then(|| said.to_owned())
    })
}

impl Facts {
    /// The facts of `selection`, a territory's rows in the file `read`.
    pub fn of(read: &Workspace, selection: &Selection) -> Self {
        Self::gather(read.file_name(), read.detection(), &selection.place, &selection.table)
    }

    /// Gathers the facts of `table`, the rows kept for `place` from `file_name`.
    pub fn gather(file_name: &str, detection: &Detection, place: &Place, table: &Table) -> Self {
        let fields = table.columns().iter().map(|c| field(c, table.rows())).collect();
        let years = years_in(table).or_else(|| {
            let year = i32::from(crate::engine::read::source::year(&file_name.to_lowercase())?);
            Some((year, year))
        });
        let notes: Vec<String> =
            detection.layout.title_lines.iter().chain(&detection.layout.footnotes).cloned().collect();
        // The file's name tells the publication; else its own « Source : » line does.
        let publication = crate::engine::read::source::describe(file_name).or_else(|| source_note(&notes));
        let rows_read = detection.rows + detection.set_aside;
        Self {
            sources: vec![Origin { file_name: file_name.to_owned(), publication: publication.clone(), rows_read }],
            file_name: file_name.to_owned(),
            publication,
            place: place.clone(),
            csv_name: csv_name(file_name, &place.code),
            rows: table.rows(),
            rows_read,
            set_aside: detection.set_aside,
            encoding: detection.encoding.label().to_owned(),
            separator: char::from(detection.dialect.separator.byte()),
            header_line: detection.layout.header_line,
            decimal_comma: detection.decimal == Some(crate::engine::table::DecimalSign::Comma),
            repaired: detection.columns.iter().map(|c| c.repaired).sum(),
            years,
            fields,
            neutralized: super::csv::neutralized(table),
            notes,
        }
    }

    /// Secret cells among the kept rows.
    pub fn secret_cells(&self) -> usize {
        self.fields.iter().map(|f| f.secret).sum()
    }

    /// Labels the fields a variable dictionary knows, by the name each had in the source
    /// (`effects` are the standardization steps' that renamed them).
    pub fn label_with(&mut self, dictionary: &Dictionary, effects: &[Effect]) {
        for f in &mut self.fields {
            if let Some(label) = dictionary.label(&standardize::origin(effects, &f.name)) {
                f.title = Some(label.title.clone());
                f.description = label.description.clone();
            }
        }
    }

    /// The name of the column holding commune codes, if any.
    pub fn commune_field(&self) -> Option<&str> {
        self.fields.iter().find(|f| f.kind == ColumnKind::Code(CodeKind::Commune)).map(|f| f.name.as_str())
    }
}

fn field(column: &Column, rows: usize) -> FieldFacts {
    let cells = || (0..rows).map(|r| column.cell(r));
    let example = cells().find(|c| !matches!(c, Cell::Missing(_))).map(crate::engine::format::plain);
    let well_formed = match column.kind() {
        ColumnKind::Code(code) => cells().all(|c| if let Cell::Text(v) = c { code.accepts(v) } else { true }),
        _ => false,
    };
    let non_negative = column.kind() == ColumnKind::Integer && cells().all(|c| !matches!(c, Cell::Integer(v) if v < 0));
    FieldFacts {
        well_formed,
        non_negative,
        // As the clean CSV's header writes it: a name a spreadsheet would run gets its apostrophe
        // there, and the schema must name the same field.
        name: crate::engine::csv_out::safe(column.name()).into_owned(),
        kind: column.kind(),
        title: None,
        description: None,
        example,
        secret: cells().filter(|c| matches!(c, Cell::Missing(Marker::Secret))).count(),
    }
}

/// The smallest and largest value of the table's year columns.
fn years_in(table: &Table) -> Option<(i32, i32)> {
    let years = table
        .columns()
        .iter()
        .filter(|c| c.kind() == ColumnKind::Year)
        .flat_map(|c| (0..table.rows()).map(move |r| c.cell(r)))
        .filter_map(|cell| if let Cell::Year(y) = cell { i32::try_from(y).ok() } else { None });
    years.fold(None, |span, y| Some(span.map_or((y, y), |(a, b): (i32, i32)| (a.min(y), b.max(y)))))
}

/// The clean CSV's file name: `<source stem>_<code>.csv`, in characters safe everywhere.
pub fn csv_name(file_name: &str, code: &str) -> String {
    let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
    format!("{}_{code}.csv", crate::engine::chart::export::safe_name(stem))
}

/// Sailly-lez-Lannoy's Filosofi 2020 row as the unit tests of the kit's generators use it.
#[cfg(test)]
pub(crate) fn example() -> Facts {
    use crate::engine::table::DecimalSign;
    use crate::engine::territory::Named;
    let field = |name: &str, kind, example: &str, secret| FieldFacts {
        name: name.into(),
        kind,
        title: None,
        description: None,
        example: Some(example.into()),
        secret,
        well_formed: true,
        non_negative: true,
    };
    Facts {
        file_name: "cc_filosofi_2020_COM.csv".into(),
        publication: Some("Insee, Filosofi 2020".into()),
        place: Place {
            level: crate::engine::territory::Level::Commune,
            code: "59522".into(),
            name: "Sailly-lez-Lannoy".into(),
            epci: Some(Named {
                code: "200093201".into(), name: "Métropole Européenne de Lille".into(), liaison: None
            }),
            departement: Named { code: "59".into(), name: "Nord".into(), liaison: None },
            region: Named { code: "32".into(), name: "Hauts-de-France".into(), liaison: None },
            peers: vec![],
            former_codes: vec![],
            merged_peers: Default::default(),
            region_departements: vec![],
        },
        csv_name: "cc_filosofi_2020_COM_59522.csv".into(),
        rows: 1,
        rows_read: 34_932,
        set_aside: 0,
        encoding: "windows-1252".into(),
        separator: ';',
        header_line: 1,
        decimal_comma: true,
        repaired: 0,
        years: Some((2020, 2020)),
        neutralized: vec![],
        sources: vec![Origin {
            file_name: "cc_filosofi_2020_COM.csv".into(),
            publication: Some("Insee, Filosofi 2020".into()),
            rows_read: 34_932,
        }],
        notes: vec![],
        fields: vec![
            field("CODGEO", ColumnKind::Code(CodeKind::Commune), "59522", 0),
            field("MED20", ColumnKind::Integer, "29440", 0),
            field("PIMP20", ColumnKind::Decimal(DecimalSign::Comma), "s", 1),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_of_a_filosofi_extract() {
        let ws = Workspace::load(
            "cc_filosofi_2020_COM.csv",
            "CODGEO;NBMENFISC20;MED20;PIMP20\n59521;100;20000;s\n59522;765;29440;s\n".as_bytes(),
            &mut (),
        )
        .unwrap();
        let place = Place { code: "59522".into(), name: "Sailly-lez-Lannoy".into(), ..Place::default() };
        let sel = Selection::of(&ws, &place).unwrap();
        let facts = Facts::gather(ws.file_name(), ws.detection(), &place, &sel.table);
        assert_eq!(facts.csv_name, "cc_filosofi_2020_COM_59522.csv");
        assert_eq!(facts.publication.as_deref(), Some("Insee, Filosofi 2020"));
        assert_eq!(facts.years, Some((2020, 2020)));
        assert_eq!((facts.rows, facts.rows_read), (1, 2));
        assert_eq!(facts.fields[2].example.as_deref(), Some("29440"));
        assert_eq!(facts.secret_cells(), 1);
        assert_eq!(facts.commune_field(), Some("CODGEO"));
    }

    #[test]
    fn years_come_from_a_year_column_first() {
        let ws = Workspace::load("caf_2022.csv", b"CODGEO;ANNEE;N\n59522;2019;1\n59522;2021;2\n", &mut ()).unwrap();
        let place = Place { code: "59522".into(), ..Place::default() };
        let sel = Selection::of(&ws, &place).unwrap();
        assert_eq!(Facts::gather(ws.file_name(), ws.detection(), &place, &sel.table).years, Some((2019, 2021)));
    }
}
