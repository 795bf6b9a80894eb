//! Le portrait: a territory's key figures as a citizen reads them — each with its label, unit,
//! year and source, beside the same figure for the EPCI, the département, the région and France
//! when a file gives their rows (never a sum of the communes: a median does not add up), a
//! small chart (the years when there are several), and one sentence in plain French written
//! from the numbers.
//!
//! Built from the values the dossier's files give the territory and the levels above it
//! ([`Valued`]); the clerk chooses which figures and in which order ([`PortraitRequest`]).

pub mod page;
pub mod sentence;

use crate::engine::chart::{self, Bar1, BarChart, Drawn};
use crate::engine::table::{ColumnKind, DecimalSign, Marker};
use crate::engine::territory::Place;
use crate::engine::territory::levels::{self, Level};
use crate::engine::tidy::compile::Observation;
use serde::{Deserialize, Serialize};

/// How many figures a portrait shows unless the clerk chooses.
pub const DEFAULT_FIGURES: usize = 6;

/// A value of the dossier with the level of the row it comes from.
#[derive(Clone, Debug)]
pub struct Valued {
    /// The level of its row: the territory's own, or one above it.
    pub level: Level,
    /// The value.
    pub observation: Observation,
}

/// Which figures the clerk wants, in order; empty: Carnet's choice.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortraitRequest {
    /// The indicators (without vintage: `MED`), in the order shown.
    pub figures: Vec<String>,
}

/// One year of a figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// The year.
    pub year: Option<u16>,
    /// The value; `None` when missing, then `marker` says why.
    pub value: Option<f64>,
    /// The digits its source wrote after the decimal sign.
    pub decimals: u8,
    /// Why the value is missing.
    pub marker: Option<Marker>,
}

/// The same figure for a level above the territory, the same year as the territory's value it
/// is compared with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Compared {
    /// The level.
    pub level: Level,
    /// The year of both values.
    pub year: Option<u16>,
    /// Its name (« Nord », « France »).
    pub name: String,
    /// Its value.
    pub value: Option<f64>,
    /// The digits its source wrote after the decimal sign.
    pub decimals: u8,
}

/// A key figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The indicator, without vintage (`MED`).
    pub key: String,
    /// The column of its latest value (`MED21`).
    pub column: String,
    /// What it measures, in words, without its unit.
    pub label: String,
    /// Its unit.
    pub unit: Option<String>,
    /// The year of the figure.
    pub year: Option<u16>,
    /// The figure written the French way, with its unit (« 29 860 € », « secret »).
    pub value: String,
    /// The territory's values, oldest first.
    pub history: Vec<Point>,
    /// The levels above: the figure's year when the files give it, else the latest year they
    /// and the territory share (never two years side by side).
    pub compared: Vec<Compared>,
    /// The figure in one French sentence.
    pub sentence: String,
    /// Its source line (« Insee, Filosofi 2021 »).
    pub source: String,
    /// The file of its latest value.
    pub file: String,
    /// Every file its values come from, the levels' too.
    pub files: Vec<String>,
    /// Its small chart: the years, else the levels; `None` for a lone value.
    pub chart: Option<Drawn>,
    /// Whether it counts (people, households): no map nor bars beside a département's total.
    #[serde(default)]
    pub count: bool,
}

/// An indicator the portrait can show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    /// The indicator.
    pub key: String,
    /// Its label.
    pub label: String,
    /// Whether the portrait shows it.
    pub shown: bool,
}

/// A source of the portrait, as its footer lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceNote {
    /// The publication (« Insee, Filosofi 2021 »), else the file's name.
    pub publication: String,
    /// The file read.
    pub file: String,
    /// Its licence, as far as Carnet knows it.
    pub licence: String,
}

impl SourceNote {
    /// The note as the portrait's list writes it: « Insee, Filosofi 2021 — fichier
    /// cc_filosofi_2021_COM.csv — Licence Ouverte 2.0 (Etalab) ».
    pub fn line(&self) -> String {
        if self.publication.ends_with(&self.file) {
            format!("{} — {}", self.publication, self.licence)
        } else {
            format!("{} — fichier {} — {}", self.publication, self.file, self.licence)
        }
    }
}

/// The portrait of a territory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Portrait {
    /// The territory.
    pub place: Place,
    /// « Sailly-lez-Lannoy en chiffres ».
    pub title: String,
    /// Where it lies: « Commune du Nord, membre de la Métropole Européenne de Lille ».
    pub subtitle: String,
    /// The figures, in order.
    pub figures: Vec<Figure>,
    /// Every indicator it could show, in the dossier's order.
    pub choices: Vec<Choice>,
    /// The sources of the figures shown.
    pub sources: Vec<SourceNote>,
    /// The map of the first figure over the communes of the EPCI, when the contours are there.
    pub map: Option<Drawn>,
    /// The date it was made, written the French way.
    pub made: String,
}

/// The indicators a portrait shows first, best first (their keys without vintage).
const FIRST: [&str; 9] = ["P_POP", "PMUN", "POP", "MED", "DISP_MED", "TP60", "DISP_TP60", "PIMP", "S80S20"];

/// An indicator's values, gathered.
struct Gathered<'a> {
    key: &'a str,
    own: Vec<&'a Observation>,
    above: Vec<(Level, &'a Observation)>,
}

/// The portrait of `place` from `values`, with the figures `request` asks for (else Carnet's
/// [`DEFAULT_FIGURES`]), made `today` (ISO 8601).
pub fn build(place: &Place, values: &[Valued], request: &PortraitRequest, today: &str) -> Portrait {
    let own = place.level.max(Level::Commune);
    let mut gathered: Vec<Gathered<'_>> = Vec::new();
    for v in values {
        let o = &v.observation;
        let at = match gathered.iter().position(|g| g.key == o.indicator) {
            Some(at) => at,
            None => {
                gathered.push(Gathered { key: &o.indicator, own: Vec::new(), above: Vec::new() });
                gathered.len() - 1
            }
        };
        if v.level == own {
            gathered[at].own.push(o);
        } else if v.level > own {
            gathered[at].above.push((v.level, o));
        }
    }
    gathered.retain(|g| g.own.iter().any(|o| o.value.is_some() || o.marker.is_some_and(|m| m != Marker::Empty)));
    let label = |g: &Gathered<'_>| {
        g.own
            .iter()
            .rev()
            .find_map(|o| o.label.clone())
            .map_or_else(|| g.key.to_owned(), |l| sentence::bare(&l).to_owned())
    };
    let chosen: Vec<usize> = if request.figures.is_empty() {
        let rank = |g: &Gathered<'_>| {
            let first = FIRST.iter().position(|f| *f == g.key);
            let labelled = g.own.iter().any(|o| o.label.is_some());
            // A figure the latest file keeps secret says little: last, unless a council expects it.
            let known = g.own.iter().max_by_key(|o| o.year).is_some_and(|o| o.value.is_some());
            (first.unwrap_or(usize::MAX), !known, !labelled)
        };
        let mut order: Vec<usize> = (0..gathered.len()).collect();
        order.sort_by_key(|&i| rank(&gathered[i]));
        order.truncate(DEFAULT_FIGURES);
        order
    } else {
        request.figures.iter().filter_map(|k| gathered.iter().position(|g| g.key == *k)).collect()
    };
    let figures: Vec<Figure> = chosen.iter().map(|&i| figure(place, &gathered[i], label(&gathered[i]))).collect();
    let mut sources: Vec<SourceNote> = Vec::new();
    for file in figures.iter().flat_map(|f| &f.files) {
        if !sources.iter().any(|s| s.file == *file) {
            sources.push(source_note(file));
        }
    }
    sources.sort_by(|a, b| a.publication.cmp(&b.publication));
    Portrait {
        title: format!("{} en chiffres", place.name),
        subtitle: situation(place),
        choices: gathered
            .iter()
            .enumerate()
            .map(|(i, g)| Choice { key: g.key.to_owned(), label: label(g), shown: chosen.contains(&i) })
            .collect(),
        figures,
        sources,
        map: None,
        made: crate::engine::calendar::in_words(today).unwrap_or_else(|| today.to_owned()),
        place: place.clone(),
    }
}

/// Where the territory lies, in words.
fn situation(place: &Place) -> String {
    match place.level {
        Level::Iris | Level::Commune => {
            let mut text = format!("Commune {}", place.departement.of());
            if let Some(epci) = &place.epci {
                text.push_str(&format!(", membre {}", epci.of()));
            }
            text
        }
        Level::Epci => format!("Intercommunalité {}", place.departement.of()),
        Level::Departement => format!("Département {}", place.region.of()),
        Level::Region => "Région".to_owned(),
        Level::France => "Pays".to_owned(),
    }
}

/// The source note of a file.
fn source_note(file: &str) -> SourceNote {
    let publication = crate::engine::read::source::describe(file);
    SourceNote {
        licence: if publication.is_some() {
            "Licence Ouverte 2.0 (Etalab)".to_owned()
        } else {
            "licence à vérifier auprès du producteur".to_owned()
        },
        publication: publication.unwrap_or_else(|| format!("fichier {file}")),
        file: file.to_owned(),
    }
}

/// One figure from its gathered values.
fn figure(place: &Place, g: &Gathered<'_>, label: String) -> Figure {
    let mut own: Vec<&Observation> = g.own.clone();
    own.sort_by_key(|o| o.year);
    let kind =
        |o: &Observation| if o.decimals == 0 { ColumnKind::Integer } else { ColumnKind::Decimal(DecimalSign::Comma) };
    let count = own.last().is_some_and(|o| levels::additive(&o.column, kind(o), o.label.as_deref()));
    // A file older than a merger gives a commune nouvelle the rows of the communes it merged:
    // their counts add up; a median or a rate of several communes is no value of the new one.
    let mut history: Vec<Point> = Vec::new();
    for year in own.iter().map(|o| o.year).collect::<std::collections::BTreeSet<_>>() {
        let rows: Vec<&&Observation> = own.iter().filter(|o| o.year == year).collect();
        let first = rows[0];
        let parts = rows.iter().map(|o| o.code.as_str()).collect::<std::collections::BTreeSet<_>>().len();
        let point = if parts <= 1 {
            Point { year, value: first.value, decimals: first.decimals, marker: first.marker }
        } else if count {
            let sum = rows.iter().map(|o| o.value).sum::<Option<f64>>();
            Point { year, value: sum, decimals: first.decimals, marker: None }
        } else {
            Point { year, value: None, decimals: first.decimals, marker: None }
        };
        history.push(point);
    }
    own.dedup_by_key(|o| o.year);
    let last = own.last().copied().expect("an indicator gathered has a value of its own");
    let unit = own.iter().rev().find_map(|o| o.unit.clone());
    // The latest year the territory and a level above both have a value.
    let shared = history
        .iter()
        .rev()
        .filter(|p| p.value.is_some())
        .find_map(|p| g.above.iter().any(|(_, a)| a.year == p.year && a.value.is_some()).then_some(p.year));
    let mut compared: Vec<Compared> = Vec::new();
    let mut files: Vec<String> = Vec::new();
    for o in &own {
        if !files.contains(&o.source) {
            files.push(o.source.clone());
        }
    }
    for level in [Level::Epci, Level::Departement, Level::Region, Level::France] {
        let found =
            g.above.iter().find(|(l, o)| *l == level && shared.is_some_and(|y| o.year == y) && o.value.is_some());
        if let Some((_, o)) = found {
            if !files.contains(&o.source) {
                files.push(o.source.clone());
            }
            compared.push(Compared {
                level,
                year: o.year,
                name: levels::name_of(place, level),
                value: o.value,
                decimals: o.decimals,
            });
        }
    }
    let facts = sentence::Facts {
        key: g.key,
        label: &label,
        unit: unit.as_deref(),
        history: &history,
        compared: &compared,
        count,
    };
    let latest = history.last().expect("a year of its own");
    let value = match latest.value {
        Some(v) => crate::engine::format::number_in(v, latest.decimals, unit.as_deref()),
        None => match crate::engine::format::marker(latest.marker.unwrap_or(Marker::Empty)) {
            "" => "non connue".to_owned(),
            said => said.to_owned(),
        },
    };
    let source =
        crate::engine::read::source::describe(&last.source).unwrap_or_else(|| format!("fichier {}", last.source));
    Figure {
        sentence: sentence::sentence(place, &facts),
        chart: small_chart(place, &label, unit.as_deref(), &history, if count { &[] } else { &compared }),
        count,
        key: g.key.to_owned(),
        column: last.column.clone(),
        year: last.year,
        file: last.source.clone(),
        files,
        value,
        history,
        compared,
        source,
        label,
        unit,
    }
}

/// The figure's small chart: a line over the years when it has two or more; else a bar for
/// the territory beside a bar for each level above; else none.
fn small_chart(
    place: &Place,
    label: &str,
    unit: Option<&str>,
    history: &[Point],
    compared: &[Compared],
) -> Option<Drawn> {
    let text = |value: Option<f64>, decimals: u8| {
        value.map_or_else(|| "valeur manquante".to_owned(), |v| crate::engine::format::number_with(v, decimals))
    };
    let over_years = history.iter().filter(|p| p.value.is_some()).count() >= 2;
    let bars: Vec<Bar1> = if over_years {
        history
            .iter()
            .filter_map(|p| {
                Some(Bar1 {
                    label: p.year?.to_string(),
                    value: p.value,
                    text: text(p.value, p.decimals),
                    highlight: true,
                })
            })
            .collect()
    } else if let Some(first) = compared.first() {
        let last = history.iter().find(|p| p.year == first.year)?;
        std::iter::once(Bar1 {
            label: place.name.clone(),
            value: last.value,
            text: text(last.value, last.decimals),
            highlight: true,
        })
        .chain(compared.iter().map(|c| Bar1 {
            label: c.name.clone(),
            value: c.value,
            text: text(c.value, c.decimals),
            highlight: false,
        }))
        .collect()
    } else {
        return None;
    };
    let spec = BarChart {
        title: String::new(),
        subtitle: String::new(),
        source: String::new(),
        unit: unit.map(str::to_owned),
        horizontal: !over_years,
        bars,
        ..BarChart::default()
    };
    let mut option = if over_years { chart::option::line_option(&spec) } else { chart::option::bar_option(&spec) };
    if let Some(obj) = option.as_object_mut() {
        // The card says what the chart shows: no title, no source line inside it.
        obj.remove("title");
        let grid = if over_years {
            serde_json::json!({ "left": 64, "right": 24, "top": 24, "bottom": 32, "containLabel": false })
        } else {
            serde_json::json!({ "left": 8, "right": 72, "top": 8, "bottom": 8, "containLabel": true })
        };
        obj.insert("grid".into(), grid);
    }
    let data: Vec<(String, String)> = spec.bars.iter().map(|b| (b.label.clone(), spec.with_unit(&b.text))).collect();
    let alt = if over_years {
        format!(
            "{label} {} : {}.",
            sentence::at(place),
            data.iter().map(|(k, v)| format!("{v} en {k}")).collect::<Vec<_>>().join(", ")
        )
    } else {
        format!("{label} : {}.", data.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", "))
    };
    // What screen readers hear of the chart: ECharts writes it on its element (its own
    // description of the series would replace the page's).
    option["aria"] = serde_json::json!({ "enabled": true, "label": { "description": alt } });
    Some(Drawn {
        option: option.to_string(),
        height: if over_years { 200 } else { (24 + 36 * spec.bars.len() as u32).max(96) },
        alt,
        values: spec.bars.iter().map(|b| b.value).collect(),
        data,
        title: label.to_owned(),
        subtitle: String::new(),
        source: String::new(),
        note: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::territory::Named;

    fn obs(
        indicator: &str,
        code: &str,
        year: u16,
        value: Option<f64>,
        label: Option<&str>,
        unit: Option<&str>,
    ) -> Observation {
        Observation {
            code: code.into(),
            name: String::new(),
            indicator: indicator.into(),
            column: format!("{indicator}{}", year % 100),
            label: label.map(str::to_owned),
            year: Some(year),
            value,
            decimals: 0,
            marker: value.is_none().then_some(Marker::Secret),
            unit: unit.map(str::to_owned),
            source: format!("cc_filosofi_{year}_COM.csv"),
        }
    }

    pub(super) fn sailly() -> Place {
        Place {
            code: "59522".into(),
            name: "Sailly-lez-Lannoy".into(),
            departement: Named { code: "59".into(), name: "Nord".into(), liaison: Some(2) },
            epci: Some(Named {
                code: "200093201".into(), name: "Métropole Européenne de Lille".into(), liaison: None
            }),
            ..Place::default()
        }
    }

    #[test]
    fn the_headline_figures_first_with_their_years_and_the_levels_of_the_same_year() {
        let med = Some("Médiane du niveau de vie (€)");
        let values = vec![
            Valued { level: Level::Commune, observation: obs("NBMENFISC", "59522", 2021, Some(743.0), None, None) },
            Valued { level: Level::Commune, observation: obs("MED", "59522", 2020, Some(29_440.0), med, Some("€")) },
            Valued { level: Level::Commune, observation: obs("MED", "59522", 2021, Some(29_860.0), med, Some("€")) },
            // The département's row of another year is no comparison; of the same year, it is.
            Valued { level: Level::Departement, observation: obs("MED", "59", 2020, Some(21_000.0), med, Some("€")) },
            Valued { level: Level::Departement, observation: obs("MED", "59", 2021, Some(21_500.0), med, Some("€")) },
        ];
        let portrait = build(&sailly(), &values, &PortraitRequest::default(), "2026-12-05");
        assert_eq!(portrait.title, "Sailly-lez-Lannoy en chiffres");
        assert_eq!(portrait.subtitle, "Commune du Nord, membre de la Métropole Européenne de Lille");
        let keys: Vec<&str> = portrait.figures.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["MED", "NBMENFISC"]);
        let med = &portrait.figures[0];
        assert_eq!(
            (med.label.as_str(), med.value.as_str(), med.year),
            ("Médiane du niveau de vie", "29\u{202f}860\u{a0}€", Some(2021))
        );
        assert_eq!(med.compared.len(), 1);
        assert_eq!((med.compared[0].value, med.compared[0].year), (Some(21_500.0), Some(2021)));
        assert!(med.sentence.contains("Pour comparaison : 21\u{202f}500\u{a0}€ dans le Nord."), "{}", med.sentence);
        assert_eq!(med.chart.as_ref().unwrap().data.len(), 2, "a line over 2020 and 2021");
        assert!(portrait.figures[1].chart.is_none(), "a lone value has no chart");
        let publications: Vec<&str> = portrait.sources.iter().map(|s| s.publication.as_str()).collect();
        assert_eq!(publications, ["Insee, Filosofi 2020", "Insee, Filosofi 2021"]);
        assert_eq!(portrait.made, "5 décembre 2026");

        let asked = PortraitRequest { figures: vec!["NBMENFISC".into(), "nope".into()] };
        let portrait = build(&sailly(), &values, &asked, "2026-12-05");
        assert_eq!(portrait.figures.len(), 1);
        assert!(portrait.choices.iter().any(|c| c.key == "MED" && !c.shown));
    }

    #[test]
    fn a_level_of_another_year_is_compared_with_the_territory_that_year() {
        let med = Some("Médiane du niveau de vie (€)");
        let values = vec![
            Valued { level: Level::Commune, observation: obs("MED", "59522", 2020, Some(29_440.0), med, Some("€")) },
            Valued { level: Level::Commune, observation: obs("MED", "59522", 2021, Some(29_860.0), med, Some("€")) },
            Valued { level: Level::Departement, observation: obs("MED", "59", 2020, Some(20_750.0), med, Some("€")) },
        ];
        let portrait = build(&sailly(), &values, &PortraitRequest::default(), "2026-12-05");
        let med = &portrait.figures[0];
        assert_eq!(med.compared[0].year, Some(2020));
        assert!(
            med.sentence.ends_with(
                "Pour comparaison, en 2020 : 29\u{202f}440\u{a0}€ à Sailly-lez-Lannoy et 20\u{202f}750\u{a0}€ dans le Nord."
            ),
            "{}",
            med.sentence
        );
    }

    #[test]
    fn a_commune_nouvelle_s_older_rows_add_up_for_counts_only() {
        let med = Some("Médiane du niveau de vie (€)");
        let households = Some("Nombre de ménages fiscaux");
        let values = vec![
            // 2015: the two communes it merged; 2021: the commune nouvelle.
            Valued { level: Level::Commune, observation: obs("MED", "59001", 2015, Some(20_000.0), med, Some("€")) },
            Valued { level: Level::Commune, observation: obs("MED", "59002", 2015, Some(30_000.0), med, Some("€")) },
            Valued { level: Level::Commune, observation: obs("MED", "59522", 2021, Some(29_860.0), med, Some("€")) },
            Valued {
                level: Level::Commune,
                observation: obs("NBMENFISC", "59001", 2015, Some(300.0), households, None),
            },
            Valued {
                level: Level::Commune,
                observation: obs("NBMENFISC", "59002", 2015, Some(400.0), households, None),
            },
            Valued {
                level: Level::Commune,
                observation: obs("NBMENFISC", "59522", 2021, Some(772.0), households, None),
            },
        ];
        let portrait = build(&sailly(), &values, &PortraitRequest::default(), "2026-12-05");
        let by = |key: &str| portrait.figures.iter().find(|f| f.key == key).unwrap();
        let years = |key: &str| by(key).history.iter().map(|p| p.value).collect::<Vec<_>>();
        assert_eq!(years("MED"), [None, Some(29_860.0)], "no median of two communes");
        assert_eq!(years("NBMENFISC"), [Some(700.0), Some(772.0)], "their households add up");
        assert!(by("NBMENFISC").count && !by("MED").count);
    }

    #[test]
    fn a_secret_figure_is_shown_as_such() {
        let values = vec![Valued { level: Level::Commune, observation: obs("D1", "59522", 2021, None, None, None) }];
        let portrait = build(&sailly(), &values, &PortraitRequest::default(), "2026-12-05");
        assert_eq!(portrait.figures[0].value, "secret");
        assert!(portrait.figures[0].chart.is_none());
    }
}
