//! Several extracts, one tidy table: the rows a territory has in each file read (Filosofi
//! 2019, 2020…) become one long table — territory, indicator without its vintage suffix
//! (`MED19`, `MED20` → `MED`), label, year, value, unit, source file — and its wide form.

use crate::engine::chart::{self, Bar1, BarChart, ChartRequest, Drawn, Edits, Order};
use crate::engine::csv_out::{CsvOut, Field};
use crate::engine::format;
use crate::engine::table::{Cell, Table};
use crate::engine::table::{ColumnKind, Marker};
use crate::engine::territory::Place;
use crate::engine::tidy::dictionary::Dictionary;
use crate::engine::vintage;
use serde::{Deserialize, Serialize};

/// The rows a territory has in one file.
#[derive(Clone, Debug)]
pub struct Extract {
    /// The file's name.
    pub file_name: String,
    /// The file's vintage, from its name.
    pub year: Option<u16>,
    /// The rows.
    pub table: Table,
}

impl Extract {
    /// The rows `table` of `file_name`, its vintage read from the name.
    pub fn new(file_name: &str, table: Table) -> Self {
        let year = crate::engine::read::source::year(&file_name.to_lowercase());
        Self { file_name: file_name.to_owned(), year, table }
    }
}

/// One value of the long table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    /// The territory's code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// The indicator, without its vintage suffix (or as the user named it).
    pub indicator: String,
    /// The column it was read in.
    pub column: String,
    /// What it measures, from the dictionary.
    pub label: Option<String>,
    /// The year.
    pub year: Option<u16>,
    /// The value; `None` when missing, then `marker` says why.
    pub value: Option<f64>,
    /// The digits its source wrote after the decimal sign, at most (`71,0`: one).
    #[serde(default)]
    pub decimals: u8,
    /// Why the value is missing.
    pub marker: Option<Marker>,
    /// Its unit (`€`, `%`), when the label or the column type tells it.
    pub unit: Option<String>,
    /// The file it comes from.
    pub source: String,
}

/// A name the user gives indicators of the tidy table: the columns whose indicator (their
/// name without vintage, `MED`) or whose own name (`MED21`) is `from` are reported under `to`.
/// Two indicators given one name merge; one vintage's column given a name of its own splits it
/// off. A column's own name wins over its indicator's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Naming {
    /// The indicator or the column named.
    pub from: String,
    /// The name given.
    pub to: String,
}

/// The indicator `column` (of indicator `indicator`) is reported under.
fn named<'a>(column: &str, indicator: &'a str, names: &'a [Naming]) -> &'a str {
    let by = |from: &str| names.iter().rev().find(|n| n.from == from).map(|n| n.to.as_str());
    by(column).or_else(|| by(indicator)).unwrap_or(indicator)
}

/// The long table of `extracts`, in their order, then the columns' order. `name` gives a
/// territory's name from its code; `names`, the user's names of indicators.
pub fn long(
    extracts: &[Extract],
    name: &dyn Fn(&str) -> Option<String>,
    labels: Option<&Dictionary>,
    names: &[Naming],
) -> Vec<Observation> {
    extracts.iter().flat_map(|e| (0..e.table.rows()).flat_map(move |r| row(e, r, name, labels, names))).collect()
}

/// The values of row `r` of extract `e`, one per numeric column; none for a row without a
/// territory's code.
pub fn row(
    e: &Extract,
    r: usize,
    name: &dyn Fn(&str) -> Option<String>,
    labels: Option<&Dictionary>,
    names: &[Naming],
) -> Vec<Observation> {
    let Some(code_column) = crate::engine::territory::levels::geo_column(&e.table) else { return Vec::new() };
    let Cell::Text(code) = e.table.columns()[code_column].cell(r) else { return Vec::new() };
    let year_column = e.table.columns().iter().find(|c| c.kind() == ColumnKind::Year);
    let year = match year_column.map(|c| c.cell(r)) {
        Some(Cell::Year(y)) => u16::try_from(y).ok(),
        _ => e.year,
    };
    e.table
        .columns()
        .iter()
        .filter(|c| c.kind().is_numeric())
        .map(|c| {
            let indicator = named(c.name(), vintage::indicator(c.name(), e.year), names).to_owned();
            let labelled = labels.and_then(|d| d.label(c.name()));
            // The unit a label ends with (`… (€)`), or a percentage column's.
            let unit = labelled
                .as_ref()
                .and_then(|l| l.unit())
                .or_else(|| matches!(c.kind(), ColumnKind::Percent(_)).then(|| "%".to_owned()));
            let label = labelled.map(|l| l.words().to_owned());
            let (value, marker) = match c.cell(r) {
                Cell::Missing(m) => (None, Some(m)),
                _ => (c.number(r), None),
            };
            Observation {
                code: code.to_owned(),
                name: name(code).unwrap_or_default(),
                indicator,
                column: c.name().to_owned(),
                label,
                year,
                value,
                decimals: c.decimals(),
                marker,
                unit,
                source: e.file_name.clone(),
            }
        })
        .collect()
}

/// Two files giving the same indicators of the same year for a territory: the tidy table
/// keeps the first file's values until the user keeps one of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overlap {
    /// The year both files give.
    pub year: Option<u16>,
    /// The file whose values the tidy table keeps (read first).
    pub kept: String,
    /// The file whose values it leaves out.
    pub left: String,
    /// Values both give.
    pub values: usize,
    /// Of those, values that differ.
    pub differing: usize,
}

/// The long table of `place` in `extracts`, indicators named by `names`: its rows under a
/// former code (a file older than a merger) are written under its code and name of today. A
/// value two files give (same territory, indicator and year) is kept once, from the first;
/// the overlaps so resolved come with the table.
pub fn gather(
    extracts: &[Extract],
    place: &Place,
    labels: Option<&Dictionary>,
    names: &[Naming],
) -> (Vec<Observation>, Vec<Overlap>) {
    let mut all = long(extracts, &|_| Some(place.name.clone()), labels, names);
    all.retain(|o| place.own_codes().any(|c| c == o.code));
    for o in &mut all {
        o.code.clone_from(&place.code);
    }
    let mut seen: std::collections::HashMap<(String, String, Option<u16>), usize> = std::collections::HashMap::new();
    let mut kept: Vec<Observation> = Vec::with_capacity(all.len());
    let mut overlaps: Vec<Overlap> = Vec::new();
    for o in all {
        let key = (o.code.clone(), o.indicator.clone(), o.year);
        let Some(&at) = seen.get(&key) else {
            seen.insert(key, kept.len());
            kept.push(o);
            continue;
        };
        let first = &kept[at];
        if first.source == o.source {
            // One file giving a value twice (two columns of one indicator): both stay.
            kept.push(o);
            continue;
        }
        let differs = first.value != o.value || first.marker != o.marker;
        match overlaps.iter_mut().find(|v| v.year == o.year && v.kept == first.source && v.left == o.source) {
            Some(v) => {
                v.values += 1;
                v.differing += usize::from(differs);
            }
            None => overlaps.push(Overlap {
                year: o.year,
                kept: first.source.clone(),
                left: o.source.clone(),
                values: 1,
                differing: usize::from(differs),
            }),
        }
    }
    (kept, overlaps)
}

/// An indicator's value in one file beside its value the year before, in the tidy table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Moved {
    /// The file of the later value.
    pub source: String,
    /// The indicator.
    pub indicator: String,
    /// What it measures, from the dictionary.
    pub label: Option<String>,
    /// Its unit.
    pub unit: Option<String>,
    /// The year before and its value.
    pub before: (u16, f64),
    /// The file's year and its value.
    pub after: (u16, f64),
    /// The digits the source writes after the decimal sign.
    #[serde(default)]
    pub decimals: u8,
}

impl Moved {
    /// The change in percent of the earlier value; `None` from zero.
    pub fn percent(&self) -> Option<f64> {
        (self.before.1 != 0.0).then(|| (self.after.1 - self.before.1) / self.before.1.abs() * 100.0)
    }
}

/// Each value of the tidy table beside the same indicator's value in the latest year before
/// it: what moved from one vintage to the next, in the table's order.
pub fn moves(observations: &[Observation]) -> Vec<Moved> {
    observations
        .iter()
        .filter_map(|o| {
            let (year, value) = (o.year?, o.value?);
            let before = observations
                .iter()
                .filter(|p| p.indicator == o.indicator && p.code == o.code)
                .filter_map(|p| Some((p.year.filter(|y| *y < year)?, p.value?)))
                .max_by_key(|(y, _)| *y)?;
            Some(Moved {
                source: o.source.clone(),
                indicator: o.indicator.clone(),
                label: o.label.clone(),
                unit: o.unit.clone(),
                before,
                after: (year, value),
                decimals: o.decimals,
            })
        })
        .collect()
}

/// The long table's header, following schema.data.gouv.fr's naming (no accents, snake case).
pub const LONG_HEADER: [&str; 8] =
    ["code_territoire", "territoire", "indicateur", "libelle", "annee", "valeur", "unite", "source"];

/// What each column of the long table holds, as a schema titles it.
pub fn long_title(column: &str) -> Option<&'static str> {
    let at = LONG_HEADER.iter().position(|h| *h == column)?;
    Some(
        [
            "Code Insee du territoire",
            "Nom du territoire",
            "Indicateur (sans son millésime)",
            "Ce que mesure l’indicateur",
            "Année",
            "Valeur",
            "Unité",
            "Fichier source",
        ][at],
    )
}

/// A value as the clean CSVs write it: decimal point, the source's precision, or its marker.
fn written(o: &Observation) -> String {
    o.value.map_or_else(|| o.marker.map_or("", format::written).to_owned(), |v| format::plain_number(v, o.decimals))
}

/// The long table as CSV (UTF-8, comma, decimal point).
pub fn long_csv(observations: &[Observation]) -> String {
    let mut out = CsvOut::new();
    out.text_row(LONG_HEADER);
    for o in observations {
        let year = o.year.map(|y| y.to_string()).unwrap_or_default();
        let value = written(o);
        out.row([
            Field::Text(&o.code),
            Field::Text(&o.name),
            Field::Text(&o.indicator),
            Field::Text(o.label.as_deref().unwrap_or_default()),
            Field::Value(&year),
            Field::Value(&value),
            Field::Text(o.unit.as_deref().unwrap_or_default()),
            Field::Text(&o.source),
        ]);
    }
    out.finish()
}

/// The long table's rows written the French way, for the page.
pub fn long_fr(observations: &[Observation]) -> Vec<Vec<String>> {
    observations
        .iter()
        .map(|o| {
            let value = match (o.value, o.marker) {
                (Some(v), _) => format::number_with(v, o.decimals),
                (None, Some(m)) => format::marker(m).to_owned(),
                (None, None) => String::new(),
            };
            vec![
                o.code.clone(),
                o.name.clone(),
                o.indicator.clone(),
                o.label.clone().unwrap_or_default(),
                o.year.map(|y| y.to_string()).unwrap_or_default(),
                value,
                o.unit.clone().unwrap_or_default(),
                o.source.clone(),
            ]
        })
        .collect()
}

/// The wide form as CSV: one row per territory and year, one column per indicator.
pub fn wide_csv(observations: &[Observation]) -> String {
    let mut indicators: Vec<&str> = Vec::new();
    let mut keys: Vec<(&str, &str, Option<u16>)> = Vec::new();
    for o in observations {
        if !indicators.contains(&o.indicator.as_str()) {
            indicators.push(&o.indicator);
        }
        let key = (o.code.as_str(), o.name.as_str(), o.year);
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    let mut out = CsvOut::new();
    out.text_row(["code_territoire", "territoire", "annee"].into_iter().chain(indicators.iter().copied()));
    for (code, name, year) in &keys {
        let year_text = year.map(|y| y.to_string()).unwrap_or_default();
        let values: Vec<String> = indicators
            .iter()
            .map(|indicator| {
                observations
                    .iter()
                    .find(|o| o.code == *code && o.year == *year && o.indicator == *indicator)
                    .map(written)
                    .unwrap_or_default()
            })
            .collect();
        out.row(
            [Field::Text(code), Field::Text(name), Field::Value(&year_text)]
                .into_iter()
                .chain(values.iter().map(|v| Field::Value(v))),
        );
    }
    out.finish()
}

/// The line over years of column `column`'s indicator for `place`, from the extracts that
/// hold its rows; `None` with fewer than two years. `label` titles it in words.
pub fn evolution(extracts: &[Extract], place: &Place, request: &ChartRequest, names: &[Naming]) -> Option<Drawn> {
    let (column, label) = (request.column.as_str(), request.label.as_deref());
    let observations = gather(extracts, place, None, names).0;
    // The column read in one of the files: its indicator, whatever the vintage.
    let indicator = observations.iter().find(|o| o.column == column)?.indicator.clone();
    let points = series(&observations, &place.code, &indicator);
    if points.len() < 2 {
        return None;
    }
    let decimals = observations.iter().filter(|o| o.indicator == indicator).map(|o| o.decimals).max().unwrap_or(0);
    let text = |year: u16, value: Option<f64>| {
        value.map(|v| format::number_with(v, decimals)).unwrap_or_else(|| {
            let missing = observations.iter().find(|o| o.indicator == indicator && o.year == Some(year));
            match format::marker(missing.and_then(|o| o.marker).unwrap_or(Marker::Empty)) {
                // An empty cell says nothing: the sentence and the data say the value is missing.
                "" => "valeur manquante".to_owned(),
                said => said.to_owned(),
            }
        })
    };
    let mut sources: Vec<String> =
        extracts.iter().filter_map(|e| crate::engine::read::source::describe(&e.file_name)).collect::<Vec<_>>();
    sources.dedup();
    let (first, last) = (points[0].0, points[points.len() - 1].0);
    let spec = BarChart {
        title: label.map_or_else(|| indicator.clone(), chart::over_years),
        subtitle: format!("{indicator} · {} ({}) · {first}–{last}", place.name, place.code),
        unit: request.unit.clone(),
        source: format!("Source : {}", sources.join(" ; ")),
        horizontal: false,
        bars: points
            .iter()
            .map(|&(year, value)| Bar1 { label: year.to_string(), value, text: text(year, value), highlight: true })
            .collect(),
        ..BarChart::default()
    }
    // A line runs over the years: its points keep their order.
    .edited(&Edits { order: Order::Natural, ..request.edits.clone() });
    let alt = chart::alt::evolution_alternative(&spec, &place.name);
    Some(Drawn {
        option: chart::option::line_option(&spec).to_string(),
        height: chart::option::height(&spec),
        alt,
        data: spec.bars.iter().map(|b| (b.label.clone(), spec.with_unit(&b.text))).collect(),
        values: points.iter().map(|(_, v)| *v).collect(),
        title: spec.title.clone(),
        subtitle: spec.subtitle.clone(),
        source: spec.source.clone(),
        note: spec.note.clone(),
    })
}

/// The years an indicator has a value in, with the value: a line over years.
pub fn series(observations: &[Observation], code: &str, indicator: &str) -> Vec<(u16, Option<f64>)> {
    let mut points: Vec<(u16, Option<f64>)> = observations
        .iter()
        .filter(|o| o.code == code && o.indicator == indicator)
        .filter_map(|o| Some((o.year?, o.value)))
        .collect();
    points.sort_by_key(|(y, _)| *y);
    points.dedup_by_key(|(y, _)| *y);
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_cell_is_said_missing_in_the_line_s_words() {
        let a = extract("cc_filosofi_2019_COM.csv", "CODGEO;PIMP19;X\n59522;;1\n59339;55,1;2\n");
        let b = extract("cc_filosofi_2021_COM.csv", "CODGEO;PIMP21;X\n59522;71,0;1\n59339;56,0;2\n");
        let place = Place { code: "59522".into(), name: "Sailly-lez-Lannoy".into(), ..Place::default() };
        let request = ChartRequest { column: "PIMP21".into(), ..ChartRequest::default() };
        let drawn = evolution(&[a, b], &place, &request, &[]).unwrap();
        assert!(
            drawn.alt.starts_with("PIMP à Sailly-lez-Lannoy : valeur manquante en 2019, 71,0 en 2021."),
            "{}",
            drawn.alt
        );
    }

    #[test]
    fn the_same_year_in_two_files_is_kept_once_and_reported() {
        let a = extract("cc_filosofi_2020_COM.csv", "CODGEO;MED20;NB20\n59522;29440;765\n");
        let b = extract("cc_filosofi_2020_COM (1).csv", "CODGEO;MED20;NB20\n59522;29440;766\n");
        let place = Place { code: "59522".into(), name: "Sailly-lez-Lannoy".into(), ..Place::default() };
        let (observations, overlaps) = gather(&[a, b], &place, None, &[]);
        assert_eq!(observations.len(), 2, "each value once");
        assert!(observations.iter().all(|o| o.source == "cc_filosofi_2020_COM.csv"));
        assert_eq!(
            overlaps,
            [Overlap {
                year: Some(2020),
                kept: "cc_filosofi_2020_COM.csv".into(),
                left: "cc_filosofi_2020_COM (1).csv".into(),
                values: 2,
                differing: 1,
            }]
        );
    }
    use crate::engine::read::workspace::Workspace;
    use crate::engine::territory::filter;

    fn extract(name: &str, csv: &str) -> Extract {
        let ws = Workspace::load(name, csv.as_bytes(), &mut ()).unwrap();
        let rows =
            filter::rows_for(ws.table(), crate::engine::territory::levels::geo_column(ws.table()).unwrap(), "59522");
        Extract::new(name, ws.table().take(&rows))
    }

    fn sailly(code: &str) -> Option<String> {
        (code == "59522").then(|| "Sailly-lez-Lannoy".to_owned())
    }

    #[test]
    fn two_vintages_make_one_long_table() {
        let extracts = [
            extract(
                "cc_filosofi_2019_COM.CSV",
                "CODGEO;NBMENFISC19;MED19;PIMP19\r\n59522;759;28570;\r\n01001;322;23970;48.5\r\n",
            ),
            extract(
                "cc_filosofi_2020_COM.csv",
                "CODGEO;NBMENFISC20;MED20;PIMP20\n59522;765;29440;s\n01001;331;24820;50,1\n",
            ),
        ];
        let meta = "COD_VAR;LIB_VAR;LIB_VAR_LONG\nMED19;Médiane du niveau vie (€);Médiane du niveau de vie (€)\n";
        let labels = Dictionary::read("meta.csv", meta.as_bytes()).unwrap();
        let obs = long(&extracts, &sailly, Some(&labels), &[]);
        assert_eq!(obs.len(), 6);
        let med: Vec<_> = obs.iter().filter(|o| o.indicator == "MED").map(|o| (o.year, o.value)).collect();
        assert_eq!(med, [(Some(2019), Some(28_570.0)), (Some(2020), Some(29_440.0))]);
        let m = obs.iter().find(|o| o.indicator == "MED").unwrap();
        assert_eq!((m.label.as_deref(), m.unit.as_deref()), (Some("Médiane du niveau de vie (€)"), Some("€")));
        assert_eq!(series(&obs, "59522", "MED"), [(2019, Some(28_570.0)), (2020, Some(29_440.0))]);
        let csv = long_csv(&obs);
        assert!(csv.starts_with("code_territoire,territoire,indicateur,libelle,annee,valeur,unite,source\n"));
        assert!(csv.contains(
            "59522,Sailly-lez-Lannoy,MED,Médiane du niveau de vie (€),2020,29440,€,cc_filosofi_2020_COM.csv\n"
        ));
        assert!(csv.contains("59522,Sailly-lez-Lannoy,PIMP,,2020,s,,cc_filosofi_2020_COM.csv\n"), "{csv}");
        assert_eq!(
            wide_csv(&obs),
            "code_territoire,territoire,annee,NBMENFISC,MED,PIMP\n\
             59522,Sailly-lez-Lannoy,2019,759,28570,\n\
             59522,Sailly-lez-Lannoy,2020,765,29440,s\n"
        );
    }

    #[test]
    fn each_value_is_set_beside_the_year_before() {
        let extracts = [
            extract("cc_filosofi_2019_COM.csv", "CODGEO;MED19;PIMP19\n59522;28570;s\n"),
            extract("cc_filosofi_2021_COM.csv", "CODGEO;MED21;PIMP21\n59522;29860;71,0\n"),
            extract("cc_filosofi_2020_COM.csv", "CODGEO;MED20;PIMP20\n59522;29440;70,5\n"),
        ];
        let place = Place { code: "59522".into(), name: "Sailly-lez-Lannoy".into(), ..Place::default() };
        let (observations, _) = gather(&extracts, &place, None, &[]);
        let moved: Vec<_> =
            moves(&observations).into_iter().map(|m| (m.source, m.indicator, m.before, m.after)).collect();
        assert_eq!(
            moved,
            [
                ("cc_filosofi_2021_COM.csv".into(), "MED".into(), (2020, 29_440.0), (2021, 29_860.0)),
                ("cc_filosofi_2021_COM.csv".into(), "PIMP".into(), (2020, 70.5), (2021, 71.0)),
                ("cc_filosofi_2020_COM.csv".into(), "MED".into(), (2019, 28_570.0), (2020, 29_440.0)),
            ],
            "a secret value has nothing to move from; years need not come in order"
        );
        let m = &moves(&observations)[0];
        assert!((m.percent().unwrap() - 1.4266).abs() < 1e-3);
    }

    #[test]
    fn a_line_over_the_years() {
        let extracts = [
            extract("cc_filosofi_2019_COM.CSV", "CODGEO;MED19\r\n59522;28570\r\n"),
            extract("cc_filosofi_2020_COM.csv", "CODGEO;MED20\n59522;29440\n"),
        ];
        let place = Place { code: "59522".into(), name: "Sailly-lez-Lannoy".into(), ..Place::default() };
        let request = |column: &str, label: Option<&str>| ChartRequest {
            column: column.into(),
            kind: chart::ChartKind::Evolution,
            label: label.map(str::to_owned),
            ..ChartRequest::default()
        };
        let drawn = evolution(&extracts, &place, &request("MED20", Some("Médiane du niveau de vie (€)")), &[]).unwrap();
        assert_eq!(
            drawn.alt,
            "Médiane du niveau de vie (€) à Sailly-lez-Lannoy : 28\u{202F}570 en 2019, 29\u{202F}440 en 2020. \
             De 2019 à 2020 : +3 %. Source : Insee, Filosofi 2019 ; Insee, Filosofi 2020."
        );
        let option: serde_json::Value = serde_json::from_str(&drawn.option).unwrap();
        assert_eq!(option["series"][0]["type"], "line");
        assert_eq!(option["xAxis"]["data"], serde_json::json!(["2019", "2020"]));
        assert_eq!(option["series"][0]["data"][1]["value"], 29_440.0);
        assert!(evolution(&extracts[..1], &place, &request("MED19", None), &[]).is_none(), "one year is no line");
    }

    #[test]
    fn a_year_column_wins_and_names_without_a_vintage_stay() {
        let e = extract("caf_2022.csv", "CODGEO;ANNEE;NB_ALLOC\n59522;2021;312\n59522;2022;320\n");
        let obs = long(&[e], &sailly, None, &[]);
        let points: Vec<_> = obs.iter().map(|o| (o.indicator.as_str(), o.year, o.value)).collect();
        assert_eq!(points, [("NB_ALLOC", Some(2021), Some(312.0)), ("NB_ALLOC", Some(2022), Some(320.0))]);
    }
}
