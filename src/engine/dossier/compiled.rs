//! The dossier's tidy table: the territory's rows in every source, one value per line, as the
//! page shows it ([`shown`]) and as the publication kit writes it ([`published`], beside each
//! source's own rows: [`extracts`]).

use super::sources::Source;
use crate::engine::publish::dataset::{Resource, ResourceType};
use crate::engine::publish::facts::{Facts, Origin};
use crate::engine::publish::kit::Attachment;
use crate::engine::read::workspace::Workspace;
use crate::engine::territory::Place;
use crate::engine::tidy::compile::{self, Extract, Moved, Naming, Observation, Overlap};
use crate::engine::tidy::dictionary::Dictionary;
use serde::{Deserialize, Serialize};

/// Several extracts as one tidy table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Compiled {
    /// The territory's code.
    pub code: String,
    /// The territory's name.
    pub name: String,
    /// The files compiled, in the order read.
    pub files: Vec<String>,
    /// The long table's rows, written the French way.
    pub rows: Vec<Vec<String>>,
    /// The long table as CSV.
    pub long_csv: String,
    /// The wide table as CSV.
    pub wide_csv: String,
    /// Each indicator with the columns it was read in, to name them.
    pub indicators: Vec<(String, Vec<String>)>,
    /// Files giving the same indicators of the same year: the table keeps one.
    pub overlaps: Vec<Overlap>,
    /// Each value beside the same indicator's the year before: what moved.
    #[serde(default)]
    pub moved: Vec<Moved>,
}

/// The territory's rows in each source that has some, with the dossier's steps.
fn holding(sources: &[Source]) -> Vec<Extract> {
    sources.iter().filter_map(|s| s.extract.clone()).collect()
}

/// The long table of `place` over `sources`, indicators named by `names`, when two sources or
/// more hold its rows; with the overlaps it resolved and the extracts it comes from.
fn observations(
    sources: &[Source],
    place: &Place,
    labels: Option<&Dictionary>,
    names: &[Naming],
) -> Option<(Vec<Observation>, Vec<Overlap>, Vec<Extract>)> {
    let holding = holding(sources);
    (holding.len() >= 2).then(|| {
        let (observations, overlaps) = compile::gather(&holding, place, labels, names);
        (observations, overlaps, holding)
    })
}

/// The tidy table as the page shows it.
pub fn shown(sources: &[Source], place: &Place, labels: Option<&Dictionary>, names: &[Naming]) -> Option<Compiled> {
    let (observations, overlaps, holding) = observations(sources, place, labels, names)?;
    let mut indicators: Vec<(String, Vec<String>)> = Vec::new();
    for o in &observations {
        match indicators.iter_mut().find(|(i, _)| *i == o.indicator) {
            Some((_, columns)) if !columns.contains(&o.column) => columns.push(o.column.clone()),
            Some(_) => {}
            None => indicators.push((o.indicator.clone(), vec![o.column.clone()])),
        }
    }
    Some(Compiled {
        code: place.code.clone(),
        name: place.name.clone(),
        indicators,
        overlaps,
        moved: compile::moves(&observations),
        files: holding.iter().map(|e| e.file_name.clone()).collect(),
        rows: compile::long_fr(&observations),
        long_csv: compile::long_csv(&observations),
        wide_csv: compile::wide_csv(&observations),
    })
}

/// The facts and the clean CSV of the tidy table: the table read back as any file is, so that
/// its schema describes exactly what was written.
pub fn published(
    sources: &[Source],
    place: &Place,
    labels: Option<&Dictionary>,
    names: &[Naming],
) -> Option<(Facts, Vec<u8>)> {
    let (observations, _, holding) = observations(sources, place, labels, names)?;
    let csv = compile::long_csv(&observations).into_bytes();
    let years = observations.iter().filter_map(|o| o.year.map(i32::from));
    let years = years.clone().min().zip(years.max());
    let name = match years {
        Some((a, b)) if a != b => format!("dossier_{}_{a}-{b}.csv", place.code),
        Some((a, _)) => format!("dossier_{}_{a}.csv", place.code),
        None => format!("dossier_{}.csv", place.code),
    };
    let ws = Workspace::load(&name, &csv, &mut ()).ok()?;
    let mut facts = Facts::gather(&name, ws.detection(), place, ws.table());
    facts.csv_name = name;
    facts.years = years;
    let files: Vec<&str> = holding.iter().map(|e| e.file_name.as_str()).collect();
    facts.publication = Some(crate::engine::read::source::describe_all(&files));
    // The theme, the tags and the glossary follow the latest source.
    facts.file_name = files.last().map(|n| (*n).to_owned()).unwrap_or_default();
    facts.sources = sources
        .iter()
        .filter(|s| s.extract.is_some())
        .map(|s| {
            let detection = s.workspace.detection();
            Origin {
                file_name: s.file_name().to_owned(),
                publication: crate::engine::read::source::describe(s.file_name()),
                rows_read: detection.rows + detection.set_aside,
            }
        })
        .collect();
    for f in &mut facts.fields {
        f.title = compile::long_title(&f.name).map(str::to_owned);
    }
    Some((facts, csv))
}

/// Each source's rows for `place` as its own clean CSV in the kit.
pub fn extracts(sources: &[Source], place: &Place) -> Vec<Attachment> {
    sources
        .iter()
        .filter_map(|s| {
            let extract = s.extract.as_ref()?;
            let name = s.file_name();
            let from = crate::engine::read::source::describe(name).unwrap_or_else(|| format!("fichier {name}"));
            Some(Attachment {
                resource: Resource {
                    file: crate::engine::publish::facts::csv_name(name, &place.code),
                    title: format!("{from} : lignes de {}, CSV", place.name),
                    description: format!(
                        "Les lignes de {} dans le fichier {name}, telles que la source les publie : UTF-8, \
                         séparateur virgule, point décimal.",
                        place.designation()
                    ),
                    kind: ResourceType::Main,
                    format: "csv".to_owned(),
                },
                bytes: crate::engine::publish::csv::write(&extract.table),
            })
        })
        .collect()
}
