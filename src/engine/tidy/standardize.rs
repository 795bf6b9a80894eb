//! Standardization steps on the rows kept: typed, serializable operations applied in order,
//! each reporting what it changed. The clean CSV already writes UTF-8, a comma, a decimal
//! point, ISO dates, codes as text and the `s`/`nd` markers; these steps shape the rest —
//! names and columns — as schema.data.gouv.fr recommends.
//!
//! ```
//! use carnet::engine::tidy::standardize::{apply, Step};
//! use carnet::engine::read::workspace::Workspace;
//! let ws = Workspace::load("f.csv", "Codes_Insee;NB allocataires\n59522;312\n".as_bytes(), &mut ()).unwrap();
//! let (table, effects) = apply(ws.table(), &[Step::FieldNames]).unwrap();
//! assert_eq!(table.columns()[1].name(), "nb_allocataires");
//! assert_eq!(effects[0].renamed, [("Codes_Insee".to_owned(), "codes_insee".to_owned()), ("NB allocataires".to_owned(), "nb_allocataires".to_owned())]);
//! ```

use crate::engine::format;
use crate::engine::table::ColumnKind;
use crate::engine::table::{Cell, Column, Table};
use crate::engine::text::fold;
use crate::engine::vintage;
use arrow_array::{ArrayRef, StringArray};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Cells shown before and after, per step.
const SAMPLES: usize = 3;

/// The longest field name schema.data.gouv.fr recommends.
pub const NAME_MAX: usize = 50;

/// One operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// Every column name to schema.data.gouv.fr's conventions: lower case, no accents, words
    /// joined by `_`, at most 50 characters.
    FieldNames,
    /// One column renamed.
    Rename {
        /// Its current name.
        column: String,
        /// Its new name.
        to: String,
    },
    /// Several columns renamed at once (the names a variable dictionary's labels give them);
    /// a column the file does not have is passed over.
    Renames {
        /// Current and new names.
        names: Vec<(String, String)>,
    },
    /// One column left out of the published file.
    Drop {
        /// Its name.
        column: String,
    },
    /// One column kept as text, as written (a code read as a number, say).
    AsText {
        /// Its name.
        column: String,
    },
}

/// What a step changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Effect {
    /// Columns renamed: before, after.
    pub renamed: Vec<(String, String)>,
    /// Columns left out.
    pub dropped: Vec<String>,
    /// Cells whose written form changed.
    pub cells: usize,
    /// A few of those cells, before and after (as the page, then the clean CSV, writes them).
    #[serde(default)]
    pub samples: Vec<(String, String)>,
}

/// Why a step cannot apply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepError {
    /// The step names a column the table does not have (any more).
    NoSuchColumn {
        /// The step's position, from 0.
        step: usize,
        /// The name.
        column: String,
    },
    /// Two columns would have the same name.
    DuplicateName {
        /// The step's position, from 0.
        step: usize,
        /// The name.
        name: String,
    },
    /// An empty name.
    EmptyName {
        /// The step's position, from 0.
        step: usize,
    },
}

impl StepError {
    /// The position of the step that cannot apply, from 0.
    pub fn step(&self) -> usize {
        match self {
            Self::NoSuchColumn { step, .. } | Self::DuplicateName { step, .. } | Self::EmptyName { step } => *step,
        }
    }
}

/// A name following schema.data.gouv.fr's conventions.
///
/// ```
/// use carnet::engine::tidy::standardize::field_name;
/// assert_eq!(field_name("Part des ménages imposés (%)"), "part_des_menages_imposes");
/// assert_eq!(field_name("MED20"), "med20");
/// ```
pub fn field_name(name: &str) -> String {
    let mut out = String::new();
    for c in fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let mut out = out.trim_end_matches('_').to_owned();
    if out.len() > NAME_MAX {
        out.truncate(NAME_MAX);
        out = out.trim_end_matches('_').to_owned();
    }
    if out.is_empty() { "colonne".to_owned() } else { out }
}

/// Applies `steps` in order to `table`; returns the new table and each step's effect.
///
/// # Errors
/// The first step that cannot apply.
pub fn apply(table: &Table, steps: &[Step]) -> Result<(Table, Vec<Effect>), StepError> {
    let mut columns: Vec<Column> = table.columns().to_vec();
    let mut effects = Vec::with_capacity(steps.len());
    for (i, step) in steps.iter().enumerate() {
        // A step made on another vintage names `MED20` where this file has `MED21`: the one
        // column with the same stem is the one meant.
        let find = |columns: &[Column], name: &str| {
            vintage::position(columns.iter().map(Column::name), name)
                .ok_or_else(|| StepError::NoSuchColumn { step: i, column: name.to_owned() })
        };
        let mut effect = Effect::default();
        match step {
            Step::FieldNames => {
                let names: Vec<String> = columns.iter().map(|c| field_name(c.name())).collect();
                if let Some(name) = names.iter().enumerate().find(|(j, n)| names[..*j].contains(n)).map(|(_, n)| n) {
                    return Err(StepError::DuplicateName { step: i, name: name.clone() });
                }
                for (c, name) in columns.iter_mut().zip(names) {
                    if c.name() != name {
                        effect.renamed.push((c.name().to_owned(), name.clone()));
                        *c = c.renamed(name);
                    }
                }
            }
            Step::Rename { column, to } => {
                let at = find(&columns, column)?;
                let to = to.trim();
                if to.is_empty() {
                    return Err(StepError::EmptyName { step: i });
                }
                if columns.iter().enumerate().any(|(j, c)| j != at && c.name() == to) {
                    return Err(StepError::DuplicateName { step: i, name: to.to_owned() });
                }
                effect.renamed.push((columns[at].name().to_owned(), to.to_owned()));
                columns[at] = columns[at].renamed(to.to_owned());
            }
            Step::Renames { names } => {
                for (from, to) in names {
                    let Ok(at) = find(&columns, from) else { continue };
                    let to = to.trim();
                    if to.is_empty() {
                        return Err(StepError::EmptyName { step: i });
                    }
                    if columns.iter().enumerate().any(|(j, c)| j != at && c.name() == to) {
                        return Err(StepError::DuplicateName { step: i, name: to.to_owned() });
                    }
                    if columns[at].name() != to {
                        effect.renamed.push((columns[at].name().to_owned(), to.to_owned()));
                        columns[at] = columns[at].renamed(to.to_owned());
                    }
                }
            }
            Step::Drop { column } => {
                let at = find(&columns, column)?;
                effect.dropped.push(columns.remove(at).name().to_owned());
            }
            Step::AsText { column } => {
                let at = find(&columns, column)?;
                let c = &columns[at];
                if c.kind() != ColumnKind::Text {
                    let cells: Vec<Option<String>> = (0..table.rows())
                        .map(|r| match c.cell(r) {
                            Cell::Missing(_) => None,
                            cell => Some(crate::engine::format::plain(cell)),
                        })
                        .collect();
                    effect.cells = cells.iter().flatten().count();
                    for (r, after) in cells.iter().enumerate().filter_map(|(r, a)| Some((r, a.as_ref()?))) {
                        let sample = (format::cell(c.cell(r)), after.clone());
                        if effect.samples.len() < SAMPLES && !effect.samples.contains(&sample) {
                            effect.samples.push(sample);
                        }
                    }
                    let values: ArrayRef = Arc::new(cells.into_iter().collect::<StringArray>());
                    columns[at] = Column::try_new(c.name().to_owned(), ColumnKind::Text, values, c.markers().cloned())
                        .expect("as many markers as values");
                }
            }
        }
        effects.push(effect);
    }
    let table = Table::try_new(columns, table.rows()).expect("every column keeps the table's rows");
    Ok((table, effects))
}

/// The new names a variable dictionary's short labels give `columns` (name, label), as
/// schema.data.gouv.fr writes them; a name taken twice gets `_2`, `_3`… Columns without a
/// label, or whose name is already the one proposed, are left out.
///
/// ```
/// use carnet::engine::tidy::standardize::names_from_labels;
/// let columns = [("MED20", Some("Médiane du niveau vie (€)")), ("CODGEO", None), ("D120", Some("Médiane du niveau vie (€)"))];
/// assert_eq!(
///     names_from_labels(&columns),
///     [("MED20".to_owned(), "mediane_du_niveau_vie".to_owned()), ("D120".to_owned(), "mediane_du_niveau_vie_2".to_owned())]
/// );
/// ```
pub fn names_from_labels(columns: &[(&str, Option<&str>)]) -> Vec<(String, String)> {
    let mut taken: Vec<String> = columns.iter().filter(|(_, l)| l.is_none()).map(|(n, _)| (*n).to_owned()).collect();
    let mut out = Vec::new();
    for (name, label) in columns {
        let Some(label) = label else { continue };
        let base = field_name(label);
        let mut candidate = base.clone();
        let mut n = 2;
        while taken.contains(&candidate) {
            let suffix = format!("_{n}");
            candidate = format!("{}{suffix}", &base[..base.len().min(NAME_MAX - suffix.len())]);
            n += 1;
        }
        taken.push(candidate.clone());
        if candidate != *name {
            out.push(((*name).to_owned(), candidate));
        }
    }
    out
}

/// The name column `name` of the standardized table had in the source, through the
/// renames of `effects` (the steps' effects, in order).
pub fn origin(effects: &[Effect], name: &str) -> String {
    effects.iter().rev().fold(name.to_owned(), |name, effect| {
        effect.renamed.iter().find(|(_, to)| *to == name).map_or(name, |(from, _)| from.clone())
    })
}

/// What a step changed, in French words.
pub fn report(effect: &Effect) -> String {
    let mut parts = Vec::new();
    if !effect.renamed.is_empty() {
        let shown: Vec<String> = effect.renamed.iter().take(4).map(|(a, b)| format!("{a} → {b}")).collect();
        let more = effect.renamed.len().saturating_sub(4);
        let n = effect.renamed.len();
        parts.push(format!(
            "{n} {} : {}{}",
            if n > 1 { "colonnes renommées" } else { "colonne renommée" },
            shown.join(", "),
            match more {
                0 => String::new(),
                1 => " et 1 autre".to_owned(),
                more => format!(" et {more} autres"),
            }
        ));
    }
    if !effect.dropped.is_empty() {
        let many = if effect.dropped.len() > 1 { "colonnes retirées" } else { "colonne retirée" };
        parts.push(format!("{many} : {}", effect.dropped.join(", ")));
    }
    if effect.cells > 0 {
        let cells = if effect.cells > 1 { "cellules réécrites" } else { "cellule réécrite" };
        let mut part = format!("{} {cells} en texte", format::integer(effect.cells as i64));
        if !effect.samples.is_empty() {
            let shown: Vec<String> = effect.samples.iter().map(|(a, b)| format!("« {a} » → « {b} »")).collect();
            part += &format!(" (par exemple {})", shown.join(", "));
        }
        parts.push(part);
    }
    if parts.is_empty() { "aucun changement".to_owned() } else { parts.join(" ; ") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::read::workspace::Workspace;

    fn ws() -> Workspace {
        Workspace::load(
            "f.csv",
            "CODGEO;Libellé commune;MED20\n59522;Sailly-lez-Lannoy;29440\n01001;L'Abergement;s\n".as_bytes(),
            &mut (),
        )
        .unwrap()
    }

    #[test]
    fn renames_from_a_dictionary_skip_absent_columns_and_refuse_a_clash() {
        let names = vec![("MED20".to_owned(), "mediane".to_owned()), ("ABSENT".to_owned(), "x".to_owned())];
        let (table, effects) = apply(ws().table(), &[Step::Renames { names }]).unwrap();
        assert_eq!(table.columns()[2].name(), "mediane");
        assert_eq!(effects[0].renamed, [("MED20".to_owned(), "mediane".to_owned())]);
        // Made on 2019's file, it follows the vintage: MED19 names this file's MED20.
        let names = vec![("MED19".to_owned(), "mediane".to_owned())];
        assert_eq!(apply(ws().table(), &[Step::Renames { names }]).unwrap().0.columns()[2].name(), "mediane");
        let names = vec![("MED20".to_owned(), "CODGEO".to_owned())];
        assert_eq!(
            apply(ws().table(), &[Step::Renames { names }]).unwrap_err(),
            StepError::DuplicateName { step: 0, name: "CODGEO".into() }
        );
    }

    #[test]
    fn as_text_shows_cells_before_and_after() {
        let ws = Workspace::load("f.csv", "CODGEO;NB\n59522;1 986\n59339;s\n".as_bytes(), &mut ()).unwrap();
        let (_, effects) = apply(ws.table(), &[Step::AsText { column: "NB".into() }]).unwrap();
        assert_eq!(effects[0].cells, 1);
        assert_eq!(effects[0].samples, [("1\u{202F}986".to_owned(), "1986".to_owned())]);
        assert_eq!(report(&effects[0]), "1 cellule réécrite en texte (par exemple « 1\u{202F}986 » → « 1986 »)");
    }

    #[test]
    fn a_renamed_column_is_traced_to_its_source_name() {
        let steps = [Step::FieldNames, Step::Rename { column: "med20".into(), to: "mediane".into() }];
        let (_, effects) = apply(ws().table(), &steps).unwrap();
        assert_eq!(origin(&effects, "mediane"), "MED20");
        assert_eq!(origin(&effects, "libelle_commune"), "Libellé commune");
        assert_eq!(origin(&effects, "codgeo"), "CODGEO");
        assert_eq!(origin(&[], "MED20"), "MED20");
    }

    #[test]
    fn steps_apply_in_order_and_report_their_effect() {
        let steps = [
            Step::FieldNames,
            Step::Rename { column: "med20".into(), to: "mediane_niveau_vie_2020".into() },
            Step::Drop { column: "libelle_commune".into() },
            Step::AsText { column: "mediane_niveau_vie_2020".into() },
        ];
        let (table, effects) = apply(ws().table(), &steps).unwrap();
        let names: Vec<&str> = table.columns().iter().map(Column::name).collect();
        assert_eq!(names, ["codgeo", "mediane_niveau_vie_2020"]);
        assert_eq!(effects[0].renamed.len(), 3);
        assert_eq!(effects[2].dropped, ["libelle_commune"]);
        assert_eq!(effects[3].cells, 1, "the secret cell stays missing");
        assert_eq!(table.columns()[1].cell(0), Cell::Text("29440"));
        assert!(matches!(table.columns()[1].cell(1), Cell::Missing(_)));
        assert_eq!(report(&effects[2]), "colonne retirée : libelle_commune");
    }

    #[test]
    fn bad_steps_are_refused_with_their_position() {
        let t = ws();
        let error = |steps: &[Step]| apply(t.table(), steps).err();
        assert_eq!(
            error(&[Step::Drop { column: "MED20".into() }, Step::Rename { column: "MED20".into(), to: "x".into() }]),
            Some(StepError::NoSuchColumn { step: 1, column: "MED20".into() })
        );
        assert_eq!(
            error(&[Step::Rename { column: "MED20".into(), to: "CODGEO".into() }]),
            Some(StepError::DuplicateName { step: 0, name: "CODGEO".into() })
        );
        assert_eq!(
            error(&[Step::Rename { column: "MED20".into(), to: " ".into() }]),
            Some(StepError::EmptyName { step: 0 })
        );
    }

    #[test]
    fn steps_made_on_another_vintage_find_their_column() {
        let ws = Workspace::load("f.csv", b"CODGEO;MED21;PIMP21\n59522;30000;12\n", &mut ()).unwrap();
        let steps =
            [Step::Rename { column: "MED20".into(), to: "mediane".into() }, Step::Drop { column: "PIMP20".into() }];
        let (table, effects) = apply(ws.table(), &steps).unwrap();
        let names: Vec<&str> = table.columns().iter().map(Column::name).collect();
        assert_eq!(names, ["CODGEO", "mediane"]);
        assert_eq!(effects[0].renamed, [("MED21".to_owned(), "mediane".to_owned())]);
    }

    #[test]
    fn long_names_are_cut_at_fifty() {
        let name =
            field_name("Taux de pauvreté des personnes dans les ménages dont le référent fiscal a moins de 30 ans");
        assert!(name.len() <= NAME_MAX && !name.ends_with('_'), "{name}");
    }
}
