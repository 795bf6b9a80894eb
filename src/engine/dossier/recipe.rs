//! The recipe ("carnet"): the dossier's work without its data — the sources expected (each
//! file's name, how it was read, its columns), the territory, the steps, the indicators' names,
//! the charts and the publication fields — one versioned JSON file the user keeps, to do the
//! same work on next year's files: each file read is matched with the source it replaces
//! ([`follow`]), and how its columns changed is said ([`compare`]).
//!
//! ```
//! use carnet::engine::dossier::recipe::Recipe;
//! let recipe = Recipe::new("cc_filosofi_2020_COM.csv", Default::default());
//! let text = recipe.to_json();
//! assert!(text.contains("\"format\": \"carnet\""));
//! assert_eq!(Recipe::from_json(&text).unwrap(), recipe);
//! ```

use crate::engine::chart::{ChartKind, Edits};
use crate::engine::portrait::PortraitRequest;
use crate::engine::publish::dataset::Dataset;
use crate::engine::read::ReadOptions;
use crate::engine::table::ColumnKind;
use crate::engine::territory::Place;
use crate::engine::tidy::compile::Naming;
use crate::engine::tidy::standardize::Step;
use crate::engine::vintage::{self, stem};
use serde::{Deserialize, Serialize};

/// The `format` field of every recipe.
pub const FORMAT: &str = "carnet";
/// The version of the recipe format this build writes (1: one file; 2: the dossier's sources,
/// names and charts besides; a version 1 recipe reads as a dossier of one source).
pub const VERSION: u32 = 2;

/// The chart the user settled on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartSettings {
    /// The column charted.
    pub column: String,
    /// Which chart.
    pub kind: ChartKind,
    /// The user's edits.
    #[serde(default)]
    pub edits: Edits,
    /// The indicators of a chart of several.
    #[serde(default)]
    pub columns: Vec<String>,
}

/// A chart kept in the dossier: its settings, the file its indicator comes from, and the title
/// it had when kept (to list it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DossierChart {
    /// The file the indicator was read in.
    pub file: Option<String>,
    /// The chart's title when it was kept.
    pub title: String,
    /// Its settings.
    pub settings: ChartSettings,
    /// The chart as drawn when it was kept: what the publication kit draws again as an image.
    #[serde(default)]
    pub drawn: Option<crate::engine::chart::Drawn>,
    /// When it was kept (ISO 8601).
    #[serde(default)]
    pub made: String,
}

/// A source the dossier expects: the file it was made on, how it was read, its columns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Expected {
    /// The file's name.
    pub file_name: String,
    /// The user's corrections to the detection.
    #[serde(default)]
    pub read: ReadOptions,
    /// Its columns with their kinds: what next year's file is compared with.
    #[serde(default)]
    pub columns: Vec<(String, ColumnKind)>,
}

impl DossierChart {
    /// The chart without its drawing: what a recipe keeps and the worker draws again.
    #[must_use]
    pub fn undrawn(&self) -> Self {
        Self { drawn: None, ..self.clone() }
    }
}

/// Everything needed to redo the work on a dossier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recipe {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format's version.
    pub version: u32,
    /// The file the recipe was made on.
    pub file_name: String,
    /// The user's corrections to the detection.
    pub read: ReadOptions,
    /// The columns of the file the recipe was made on, with their kinds: what the next file is
    /// compared with.
    #[serde(default)]
    pub columns: Vec<(String, ColumnKind)>,
    /// The commune's INSEE code (the commune chosen, or the one an EPCI… was chosen from).
    pub territory: Option<String>,
    /// The territory when it is not a commune (an EPCI, a département, a région).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// Every source of the dossier (from version 2; a version 1 recipe has the one above).
    #[serde(default)]
    pub sources: Vec<Expected>,
    /// The names given to the tidy table's indicators.
    #[serde(default)]
    pub names: Vec<Naming>,
    /// The charts kept in the dossier, without their drawing.
    #[serde(default)]
    pub charts: Vec<DossierChart>,
    /// The standardization steps.
    #[serde(default)]
    pub steps: Vec<Step>,
    /// The chart.
    pub chart: Option<ChartSettings>,
    /// The data.gouv.fr fields.
    pub publication: Option<Dataset>,
    /// The portrait, when the recipe opens on it: the figures the clerk chose, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portrait: Option<PortraitRequest>,
}

/// The largest recipe Carnet reads, in bytes: a recipe is a few kilobytes, and the cap keeps
/// a hostile file or link from holding the tab. Nesting is bounded by the JSON reader (128
/// levels).
pub const MAX_BYTES: usize = 1 << 20;

/// Why a text is not a recipe Carnet can use.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecipeError {
    /// Not JSON of the recipe's shape (the JSON reader's words).
    NotARecipe(String),
    /// JSON, but its `format` is not `carnet`.
    NotCarnet,
    /// A recipe from a newer Carnet.
    TooNew(u32),
    /// Larger than [`MAX_BYTES`].
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
}

impl Recipe {
    /// A recipe for `file_name` read with `read`, nothing else chosen yet.
    pub fn new(file_name: &str, read: ReadOptions) -> Self {
        Self {
            format: FORMAT.to_owned(),
            version: VERSION,
            file_name: file_name.to_owned(),
            read,
            columns: Vec::new(),
            territory: None,
            place: None,
            sources: Vec::new(),
            names: Vec::new(),
            charts: Vec::new(),
            steps: Vec::new(),
            chart: None,
            publication: None,
            portrait: None,
        }
    }

    /// The sources it expects: its dossier's, or the one file of a version 1 recipe.
    pub fn expected(&self) -> Vec<Expected> {
        if !self.sources.is_empty() {
            return self.sources.clone();
        }
        let one = Expected { file_name: self.file_name.clone(), read: self.read, columns: self.columns.clone() };
        (!one.file_name.is_empty()).then_some(one).into_iter().collect()
    }

    /// The recipe as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Reads a recipe.
    ///
    /// # Errors
    /// [`RecipeError`] when the text is not a recipe of a version this build reads.
    pub fn from_json(text: &str) -> Result<Self, RecipeError> {
        if text.len() > MAX_BYTES {
            return Err(RecipeError::TooLarge { bytes: text.len() });
        }
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| RecipeError::NotARecipe(e.to_string()))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(RecipeError::NotCarnet);
        }
        match value.get("version").and_then(serde_json::Value::as_u64) {
            Some(v) if v > u64::from(VERSION) => return Err(RecipeError::TooNew(v as u32)),
            _ => {}
        }
        serde_json::from_value(value).map_err(|e| RecipeError::NotARecipe(e.to_string()))
    }
}

/// How a file differs from the one a recipe was made on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    /// The same variable under another vintage: the recipe's name, the file's.
    pub vintages: Vec<(String, String)>,
    /// Columns the recipe's file did not have.
    pub new: Vec<String>,
    /// Columns the recipe's file had and this one has not.
    pub missing: Vec<String>,
    /// Columns read with another kind: name, the recipe's kind, the file's.
    pub retyped: Vec<(String, ColumnKind, ColumnKind)>,
}

impl Changes {
    /// Whether the file has the recipe's columns, as they were.
    pub fn is_empty(&self) -> bool {
        self.vintages.is_empty() && self.new.is_empty() && self.missing.is_empty() && self.retyped.is_empty()
    }

    /// The file's name for a column of the recipe's file (itself, or its next vintage).
    pub fn map(&self, column: &str) -> Option<&str> {
        self.vintages.iter().find(|(old, _)| old == column).map(|(_, new)| new.as_str())
    }
}

/// Compares the columns of a file with those `recipe` was made on; a variable whose name
/// differs only by its two-digit vintage suffix (`MED20`, `MED21`) is the same one.
pub fn compare(recipe: &[(String, ColumnKind)], file: &[(String, ColumnKind)]) -> Changes {
    let mut changes = Changes::default();
    let kind_in = |list: &[(String, ColumnKind)], name: &str| list.iter().find(|(n, _)| n == name).map(|(_, k)| *k);
    let mut matched: Vec<&str> = Vec::new();
    for (name, kind) in recipe {
        let found = if kind_in(file, name).is_some() {
            Some(name.as_str())
        } else {
            let s = stem(name);
            let candidate = file.iter().find(|(n, _)| {
                s.is_some() && stem(n) == s && kind_in(recipe, n).is_none() && !matched.contains(&n.as_str())
            });
            candidate.map(|(n, _)| {
                changes.vintages.push((name.clone(), n.clone()));
                n.as_str()
            })
        };
        match found {
            Some(n) => {
                matched.push(n);
                if let Some(k) = kind_in(file, n).filter(|k| k != kind) {
                    changes.retyped.push((n.to_owned(), *kind, k));
                }
            }
            None => changes.missing.push(name.clone()),
        }
    }
    changes.new = file.iter().filter(|(n, _)| !matched.contains(&n.as_str())).map(|(n, _)| n.clone()).collect();
    changes
}

/// The source of `expected` a file named `file_name` with `columns` takes the place of: the
/// one of its series (the same name but for the years: next year's file), else the one whose
/// columns it has the most of (at least half of them, two at least); with how its columns
/// changed.
pub fn follow<'a>(
    expected: &'a [Expected],
    file_name: &str,
    columns: &[(String, ColumnKind)],
) -> Option<(&'a Expected, Changes)> {
    let series = vintage::series(file_name);
    let year = |name: &str| crate::engine::read::source::year(&name.to_lowercase());
    // Of its series, the latest file (a dossier of three vintages expects next year's after the
    // third).
    let own = year(file_name);
    let named = expected.iter().find(|e| e.file_name == file_name).or_else(|| {
        let of_series = || expected.iter().filter(|e| vintage::series(&e.file_name) == series);
        // The latest before it; an older file than all (2018 after a 2021 recipe) takes the
        // earliest's place.
        of_series()
            .filter(|e| matches!((year(&e.file_name), own), (Some(y), Some(o)) if y < o))
            .max_by_key(|e| year(&e.file_name))
            .or_else(|| of_series().min_by_key(|e| year(&e.file_name)))
    });
    if let Some(e) = named {
        return Some((e, compare(&e.columns, columns)));
    }
    expected
        .iter()
        .map(|e| (e, compare(&e.columns, columns)))
        .filter(|(e, c)| {
            let kept = e.columns.len() - c.missing.len();
            kept >= 2 && kept * 2 >= e.columns.len()
        })
        .min_by_key(|(e, c)| (c.missing.len() * 1000) / e.columns.len().max(1))
}

/// The sources a recipe saved now expects: those of the dossier, then the series the recipe in
/// force still waited for (a file not given this time stays expected).
pub fn carried(dossier: &[Expected], before: &[Expected]) -> Vec<Expected> {
    let mut out = dossier.to_vec();
    for e in before {
        let series = vintage::series(&e.file_name);
        if !out.iter().any(|o| vintage::series(&o.file_name) == series) {
            out.push(e.clone());
        }
    }
    out
}

/// The read settings for a file named `file_name`: those of the source of its series the
/// recipe expects, if any.
pub fn options_for(expected: &[Expected], file_name: &str) -> Option<ReadOptions> {
    let series = vintage::series(file_name);
    expected.iter().find(|e| vintage::series(&e.file_name) == series).map(|e| e.read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hostile_recipe_is_refused_in_words_not_read() {
        let large = format!("{{\"format\":\"carnet\",\"pad\":\"{}\"}}", "x".repeat(MAX_BYTES));
        assert!(matches!(Recipe::from_json(&large), Err(RecipeError::TooLarge { .. })));
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(matches!(Recipe::from_json(&deep), Err(RecipeError::NotARecipe(_))), "no stack overflow");
        assert_eq!(Recipe::from_json(r#"{"format":"autre"}"#), Err(RecipeError::NotCarnet));
    }

    #[test]
    fn next_year_s_file_is_compared_with_the_recipe_s() {
        let cols = |list: &[(&str, ColumnKind)]| list.iter().map(|(n, k)| ((*n).to_owned(), *k)).collect::<Vec<_>>();
        let code = ColumnKind::Code(crate::engine::table::CodeKind::Commune);
        let recipe = cols(&[
            ("CODGEO", code),
            ("MED20", ColumnKind::Integer),
            ("PIMP20", ColumnKind::Text),
            ("RD20", ColumnKind::Integer),
        ]);
        let file = cols(&[
            ("CODGEO", code),
            ("MED21", ColumnKind::Integer),
            ("PIMP21", ColumnKind::Integer),
            ("D121", ColumnKind::Integer),
        ]);
        let c = compare(&recipe, &file);
        assert_eq!(c.vintages, [("MED20".to_owned(), "MED21".to_owned()), ("PIMP20".to_owned(), "PIMP21".to_owned())]);
        assert_eq!(c.missing, ["RD20"]);
        assert_eq!(c.new, ["D121"]);
        assert_eq!(c.retyped, [("PIMP21".to_owned(), ColumnKind::Text, ColumnKind::Integer)]);
        assert_eq!(c.map("MED20"), Some("MED21"));
        assert!(compare(&recipe, &recipe).is_empty());
    }

    #[test]
    fn next_year_s_file_takes_the_place_of_its_series_else_of_the_columns_it_shares() {
        let code = ColumnKind::Code(crate::engine::table::CodeKind::Commune);
        let expect = |name: &str, cols: &[&str]| Expected {
            file_name: name.into(),
            read: ReadOptions::default(),
            columns: cols
                .iter()
                .map(|c| ((*c).to_owned(), ColumnKind::Integer))
                .chain([("CODGEO".into(), code)])
                .collect(),
        };
        let expected = [
            expect("cc_filosofi_2020_COM.csv", &["MED20"]),
            expect("cc_filosofi_2021_COM.csv", &["MED21", "D121"]),
            expect("caf.csv", &["NBALLOC", "NBPERS"]),
        ];
        let cols = |names: &[&str]| {
            names
                .iter()
                .map(|c| ((*c).to_owned(), ColumnKind::Integer))
                .chain([("CODGEO".into(), code)])
                .collect::<Vec<_>>()
        };
        let (e, c) = follow(&expected, "cc_filosofi_2022_COM.csv", &cols(&["MED22"])).unwrap();
        assert_eq!(
            (e.file_name.as_str(), c.vintages.len(), c.missing.as_slice()),
            ("cc_filosofi_2021_COM.csv", 1, &["D121".to_owned()][..])
        );
        let (e, _) = follow(&expected, "export(3).csv", &cols(&["NBALLOC", "NBPERS", "NBENF"])).unwrap();
        assert_eq!(e.file_name, "caf.csv", "renamed by the browser, found by its columns");
        assert!(follow(&expected, "autre.csv", &cols(&["X"])).is_none(), "one column in common is not enough");
        assert_eq!(options_for(&expected, "CC_FILOSOFI_2023_COM.CSV"), Some(ReadOptions::default()));
        let (e, _) = follow(&expected, "cc_filosofi_2018_COM.csv", &cols(&["MED18"])).unwrap();
        assert_eq!(e.file_name, "cc_filosofi_2020_COM.csv", "an older file takes the earliest's place");
        let kept = carried(&expected[..1], &expected);
        assert_eq!(kept.len(), 2, "the CAF file not given stays expected; 2021 is of 2020's series");
    }

    #[test]
    fn a_version_1_recipe_expects_its_one_file() {
        let v1 = r#"{"format":"carnet","version":1,"file_name":"f.csv","read":{},"columns":[["X","Integer"]],"territory":"59522","chart":null,"publication":null}"#;
        let recipe = Recipe::from_json(v1).unwrap();
        assert_eq!(recipe.expected().len(), 1);
        assert_eq!(recipe.expected()[0].file_name, "f.csv");
        assert!(Recipe::new("", ReadOptions::default()).expected().is_empty());
    }

    #[test]
    fn other_json_is_refused() {
        assert_eq!(Recipe::from_json("{\"a\": 1}"), Err(RecipeError::NotCarnet));
        assert!(matches!(Recipe::from_json("pas du json"), Err(RecipeError::NotARecipe(_))));
        let newer = Recipe::new("f.csv", ReadOptions::default()).to_json().replace("\"version\": 2", "\"version\": 7");
        assert_eq!(Recipe::from_json(&newer), Err(RecipeError::TooNew(7)));
    }
}
