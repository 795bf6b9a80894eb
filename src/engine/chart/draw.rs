//! A chart of one file's rows for a territory: its value, the ranking of its EPCI's communes,
//! or the territory beside the levels it belongs to.

use super::{Bar1, BarChart, ChartKind, ChartRequest, Drawn, Edits};
use crate::engine::format;
use crate::engine::read::workspace::Workspace;
use crate::engine::table::Column;
use crate::engine::territory::levels::{self, Level, Total};
use crate::engine::territory::selection::Selection;
use crate::engine::territory::{Named, Place, filter};

/// A chart of the selection's numeric column `request.column`: the commune's value; the
/// communes of its EPCI ranked (those the file has); or the commune beside its EPCI,
/// département, région and France (the file's rows, and `totals` computed for counts).
/// Titled by `request.label` when there is one (the column's code then stands in the
/// subtitle) and edited by `request.edits`. `None` when the column holds no number.
pub fn draw(read: &Workspace, selection: &Selection, request: &ChartRequest, totals: &[Total]) -> Option<Drawn> {
    let (column, kind, label) = (request.column.as_str(), request.kind, request.label.as_deref());
    let col = selection.table.column(column).filter(|c| c.kind().is_numeric())?;
    let place = &selection.place;
    // The territory's own level: the commune's (its IRIS' too), or the EPCI's… chosen instead.
    let own = place.level.max(Level::Commune);
    let bar = |c: &Column, r: usize, label: &str, highlight: bool| Bar1 {
        label: label.to_owned(),
        value: c.number(r),
        text: format::cell(c.cell(r)),
        highlight,
    };
    let bars: Vec<Bar1> = match kind {
        // Over several files: see `compile::evolution`; several series: `series::of_selection`.
        ChartKind::Evolution
        | ChartKind::Grouped
        | ChartKind::Stacked
        | ChartKind::Percent
        | ChartKind::Donut
        | ChartKind::Pyramid
        | ChartKind::Map => return None,
        ChartKind::Commune => (0..selection.table.rows())
            .filter(|&r| selection.levels[r] <= own)
            .map(|r| bar(col, r, &place.name, true))
            .collect(),
        ChartKind::Levels => {
            let at = read.table().columns().iter().position(|c| c.name() == column)?;
            let mut bars: Vec<(Level, Bar1)> = (0..selection.table.rows())
                .filter(|&r| selection.levels[r] != Level::Iris)
                .map(|r| {
                    let level = selection.levels[r];
                    (level, bar(col, r, &levels::name_of(place, level), level == own))
                })
                .collect();
            for t in totals.iter().filter(|t| t.counts.get(at) == Some(&true)) {
                let value = t.values[at];
                let text = value.map_or_else(|| "somme incomplète".to_owned(), format::number);
                let label = format!("{} (somme calculée)", t.name);
                bars.push((t.level, Bar1 { label, value, text, highlight: false }));
            }
            if bars.len() < 2 {
                return None;
            }
            bars.sort_by_key(|(level, _)| *level);
            bars.into_iter().map(|(_, b)| b).collect()
        }
        ChartKind::Ranking => {
            let chosen = highlighted(place, &request.edits);
            let all = read.table().column(column)?;
            let rows = filter::index(read.table(), levels::geo_column(read.table())?);
            let mut found: Vec<Bar1> = place
                .peers
                .iter()
                .filter_map(|peer| Some(bar(all, *rows.get(peer.code.as_str())?, &peer.name, peer.code == chosen.code)))
                .collect();
            // Highest first; missing values last.
            found.sort_by(|a, b| b.value.partial_cmp(&a.value).unwrap_or(std::cmp::Ordering::Equal));
            found
        }
    };
    let mut subtitle = match (kind, &place.epci) {
        (ChartKind::Ranking, Some(epci)) => {
            format!("Communes {} · {} en évidence", epci.of(), highlighted(place, &request.edits).name)
        }
        (ChartKind::Levels, _) => format!("{} et les territoires dont elle fait partie", place.name),
        _ => format!("{} ({})", place.name, place.code),
    };
    if label.is_some() {
        subtitle = format!("{column} · {subtitle}");
    }
    let year = crate::engine::read::source::year(read.file_name());
    let spec = BarChart {
        title: label.map_or_else(|| column.to_owned(), |l| super::dated(l, column, year)),
        subtitle,
        // A percentage column writes its `%` in each cell already.
        unit: request.unit.clone().filter(|_| !matches!(col.kind(), crate::engine::table::ColumnKind::Percent(_))),
        source: crate::engine::read::source::line(read.file_name()),
        horizontal: matches!(kind, ChartKind::Ranking | ChartKind::Levels),
        bars,
        ..BarChart::default()
    }
    .edited(&request.edits);
    let alt = match kind {
        ChartKind::Levels => {
            // The levels' names with their article: « la Métropole…, le Nord, la France ».
            let levels = [Level::Epci, Level::Departement, Level::Region, Level::France];
            let named = |label: &str| {
                levels.iter().find(|l| levels::name_of(place, **l) == label).map(|l| levels::the(place, *l))
            };
            super::alt::levels_alternative(&spec, &named)
        }
        _ => super::alt::text_alternative(&spec, place.epci.as_ref().map(Named::of).as_deref()),
    };
    let data = spec.bars.iter().map(|b| (b.label.clone(), spec.with_unit(&b.text))).collect();
    Some(Drawn {
        option: super::option::bar_option(&spec).to_string(),
        height: super::option::height(&spec),
        alt,
        data,
        values: spec.bars.iter().map(|b| b.value).collect(),
        title: spec.title.clone(),
        subtitle: spec.subtitle.clone(),
        source: spec.source.clone(),
        note: spec.note.clone(),
    })
}

/// The commune a ranking highlights: the one the edits name among the EPCI's, else the one
/// picked.
pub(super) fn highlighted(place: &Place, edits: &Edits) -> Named {
    edits
        .highlight
        .as_deref()
        .and_then(|code| place.peers.iter().find(|p| p.code == code))
        .cloned()
        .unwrap_or_else(|| Named { code: place.code.clone(), name: place.name.clone(), liaison: None })
}
