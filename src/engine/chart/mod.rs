//! Charts: a territory's rows → chart specs ([`BarChart`], the kinds a file offers) →
//! ECharts options ([`option`]), French text alternatives ([`alt`]) and exports ([`export`]).
//! [`draw`] charts one file's rows, [`series`] several indicators or territories at once.
//!
//! Numbers reach the page as numbers; the French formatting is done by the page through
//! `Intl.NumberFormat('fr-FR')`, named in the option by the [`FR_VALUE`] and [`FR_PARAMS`]
//! placeholders that `public/charts.js` turns into functions. Labels are plain text: the page
//! never renders them as HTML.

pub mod alt;
pub mod draw;
pub mod export;
pub mod map;
pub mod option;
pub mod series;

use crate::engine::table::ColumnKind;
use serde::{Deserialize, Serialize};

/// Placeholder for a formatter taking a value: `(value) => fr.format(value)`.
pub const FR_VALUE: &str = "{carnet:fr-value}";
/// Placeholder for a formatter taking ECharts' params: `(p) => fr.format(p.value)`.
pub const FR_PARAMS: &str = "{carnet:fr-params}";

/// The default palette: Okabe–Ito, safe for the common colour-vision deficiencies.
pub const PALETTE: [&str; 8] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
/// The colour of bars that are not highlighted.
pub const MUTED: &str = "#8A9BB0";

/// One bar.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bar1 {
    /// The bar's label (a territory's name).
    pub label: String,
    /// Its value; `None` for a secret or missing value, drawn as a gap.
    pub value: Option<f64>,
    /// Its value as the page writes it (`29 440`, `s`): it moves with the bar when the bars
    /// are reordered.
    pub text: String,
    /// Whether this is the territory of interest.
    pub highlight: bool,
}

/// Which chart to draw of a numeric column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChartKind {
    /// The commune's value.
    #[default]
    Commune,
    /// The communes of its EPCI ranked, the commune highlighted.
    Ranking,
    /// The commune's value over the years of the files compiled, as a line.
    Evolution,
    /// The commune beside its EPCI, département, région and France.
    Levels,
    /// Several indicators, a group of bars each, a bar per territory.
    Grouped,
    /// Several indicators stacked, a bar per territory.
    Stacked,
    /// Several indicators as shares of their sum (100 %), a bar per territory.
    Percent,
    /// Several indicators as the parts of a ring, for the commune.
    Donut,
    /// The commune's population by age and sex (census files).
    Pyramid,
    /// The communes of its EPCI on a map, coloured by the indicator, the commune outlined.
    Map,
}

impl ChartKind {
    /// The id the page's select uses.
    pub fn id(self) -> &'static str {
        match self {
            Self::Commune => "commune",
            Self::Ranking => "ranking",
            Self::Evolution => "evolution",
            Self::Levels => "levels",
            Self::Grouped => "grouped",
            Self::Stacked => "stacked",
            Self::Percent => "percent",
            Self::Donut => "donut",
            Self::Pyramid => "pyramid",
            Self::Map => "map",
        }
    }

    /// The kind of an id, `Commune` for an unknown one.
    pub fn from_id(id: &str) -> Self {
        match id {
            "ranking" => Self::Ranking,
            "evolution" => Self::Evolution,
            "levels" => Self::Levels,
            "grouped" => Self::Grouped,
            "stacked" => Self::Stacked,
            "percent" => Self::Percent,
            "donut" => Self::Donut,
            "pyramid" => Self::Pyramid,
            "map" => Self::Map,
            _ => Self::Commune,
        }
    }

    /// Whether the chart shows several indicators (`ChartRequest::columns`).
    pub fn several_columns(self) -> bool {
        matches!(self, Self::Grouped | Self::Stacked | Self::Percent | Self::Donut)
    }

    /// The chart that suits a column of kind `column`: with several files of the same
    /// indicator, a line over the years; when the file has rows of the levels above the
    /// commune, the commune beside them; a share, the ranking among the communes of the
    /// EPCI (when there is one); otherwise the commune's value.
    pub fn proposed(column: ColumnKind, several_years: bool, levels: bool, has_epci: bool) -> Self {
        if several_years {
            Self::Evolution
        } else if levels {
            Self::Levels
        } else if matches!(column, ColumnKind::Percent(_)) && has_epci {
            Self::Ranking
        } else {
            Self::Commune
        }
    }
}

/// A chart ready for the page: the ECharts option, the height it needs, a French text
/// alternative and its data as rows of (label, value written the French way).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Drawn {
    /// The ECharts option, as JSON.
    pub option: String,
    /// The height in CSS pixels the chart reads well at.
    pub height: u32,
    /// What the chart shows, in one or two French sentences.
    pub alt: String,
    /// The chart's data: label and value written the French way, in the chart's order.
    pub data: Vec<(String, String)>,
    /// The same values as numbers (`None`: secret or missing), for the data's CSV.
    pub values: Vec<Option<f64>>,
    /// The chart's title, for its files.
    pub title: String,
    /// The subtitle (the territory, the years).
    pub subtitle: String,
    /// The source line.
    pub source: String,
    /// The user's note, written after the source.
    pub note: Option<String>,
}

/// A bar chart's settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BarChart {
    /// The title.
    pub title: String,
    /// The subtitle (the indicator's code, the territory…).
    pub subtitle: String,
    /// The source line (`Source : Insee, Filosofi 2020`).
    pub source: String,
    /// The bars, in order.
    pub bars: Vec<Bar1>,
    /// Bars laid horizontally, first at the top (for rankings and long labels).
    pub horizontal: bool,
    /// The values' unit (`€`, `%`), written after each number.
    pub unit: Option<String>,
    /// The value axis's name.
    pub axis: Option<String>,
    /// A note under the chart, after the source.
    pub note: Option<String>,
    /// Black and dark blue on white, heavier lines: for print and low vision.
    pub contrast: bool,
    /// A line's axis narrowed to its values, with a break drawn on it.
    pub narrowed: bool,
}

/// What the page asks to chart.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartRequest {
    /// The column charted.
    pub column: String,
    /// Which chart.
    pub kind: ChartKind,
    /// What the column measures, in words (from a variable dictionary): the default title.
    pub label: Option<String>,
    /// The user's edits.
    pub edits: Edits,
    /// The indicators of a chart of several (`column` first among them).
    #[serde(default)]
    pub columns: Vec<String>,
    /// The values' unit, from the label (`€`, `%`).
    #[serde(default)]
    pub unit: Option<String>,
}

/// A chart's title in words for column `column` of a file of `year`: the label, with the year
/// after it when the label names none — the column's own vintage when its code has one
/// (`MED21` → `Médiane du niveau de vie (€) en 2021`; `P15_POP` « Population en 2015 » as is).
///
/// ```
/// use carnet::engine::chart::dated;
/// assert_eq!(dated("Médiane du niveau de vie (€)", "MED20", Some(2020)), "Médiane du niveau de vie (€) en 2020");
/// assert_eq!(dated("Population en 2015", "P15_POP", Some(2021)), "Population en 2015");
/// assert_eq!(dated("Part des impôts (%)", "PIMPOT19", Some(2021)), "Part des impôts (%) en 2019");
/// ```
pub fn dated(label: &str, column: &str, year: Option<u16>) -> String {
    let own = crate::engine::vintage::pattern(column).map(|(_, yy)| crate::engine::vintage::full_year(yy));
    match own.or(year) {
        Some(year) if crate::engine::vintage::years(label).is_empty() => format!("{label} en {year}"),
        _ => label.to_owned(),
    }
}

/// A label written for one year, for a line over several: its « en 2021 » left out.
///
/// ```
/// use carnet::engine::chart::over_years;
/// assert_eq!(over_years("Nombre de personnes de 0 à 14 ans en 2021"), "Nombre de personnes de 0 à 14 ans");
/// assert_eq!(over_years("Médiane du niveau de vie (€)"), "Médiane du niveau de vie (€)");
/// ```
pub fn over_years(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut last = 0;
    for (at, _) in crate::engine::vintage::years(label) {
        if label[last..at].ends_with(" en ") {
            out.push_str(&label[last..at - 4]);
            last = at + 4;
        }
    }
    out.push_str(&label[last..]);
    out
}

/// The order of the bars.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Order {
    /// As the chart kind orders them (a ranking: highest first).
    #[default]
    Natural,
    /// Highest first.
    Descending,
    /// Lowest first.
    Ascending,
}

/// What the user changed on a chart, as Datawrapper lets one: every field optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edits {
    /// The title.
    #[serde(default)]
    pub title: Option<String>,
    /// The subtitle.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// A note under the chart.
    #[serde(default)]
    pub note: Option<String>,
    /// The value axis's name.
    #[serde(default)]
    pub axis: Option<String>,
    /// The values' unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// The bars' order.
    #[serde(default)]
    pub order: Order,
    /// The high-contrast palette.
    #[serde(default)]
    pub contrast: bool,
    /// The INSEE code of the commune a ranking highlights, when not the one picked.
    #[serde(default)]
    pub highlight: Option<String>,
    /// A line's value axis narrowed to its values (it no longer starts at zero, and a break
    /// on the axis says so). Bars always start at zero.
    #[serde(default)]
    pub narrowed: bool,
    /// A map of every commune of the département, not only the EPCI's (left out of the recipe
    /// when off).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub whole_departement: bool,
}

impl Edits {
    /// The edits kept when the chart shows another indicator: all but the texts written for
    /// the one before (title, subtitle, axis name, unit), which follow the new indicator.
    #[must_use]
    pub fn for_another_indicator(&self) -> Self {
        Self { title: None, subtitle: None, axis: None, unit: None, ..self.clone() }
    }
}

/// The indicators a council shows first, by their code without vintage, best first: a median
/// income, a poverty rate, a population; then the first chartable column.
const HEADLINES: [&str; 8] = ["MED", "DISP_MED", "DEC_MED", "TP60", "DISP_TP60", "P_POP", "PMUN", "POP"];

/// The column of `chartable` a council puts first (the median for Filosofi, not a count of
/// households): a median income, a poverty rate, a population; else the first.
pub fn headline(chartable: &[String]) -> Option<&String> {
    HEADLINES
        .iter()
        .find_map(|h| chartable.iter().find(|c| crate::engine::vintage::measures(c, h) || census_stem(c) == Some(h)))
        .or_else(|| chartable.first())
}

/// A census variable without its year prefix (`P21_POP` → `P_POP`).
fn census_stem(column: &str) -> Option<&'static str> {
    let b = column.as_bytes();
    (b.len() > 4
        && b[0] == b'P'
        && b[1].is_ascii_digit()
        && b[2].is_ascii_digit()
        && b[3] == b'_'
        && &column[4..] == "POP")
        .then_some("P_POP")
}

impl BarChart {
    /// The chart with the user's edits; blank texts leave the defaults.
    pub fn edited(mut self, edits: &Edits) -> Self {
        let set = |field: &mut String, value: &Option<String>| {
            if let Some(v) = value.as_ref().map(|v| v.trim()).filter(|v| !v.is_empty()) {
                *field = v.to_owned();
            }
        };
        set(&mut self.title, &edits.title);
        set(&mut self.subtitle, &edits.subtitle);
        let text = |v: &Option<String>| v.as_ref().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        self.note = text(&edits.note).or(self.note);
        self.axis = text(&edits.axis).or(self.axis);
        self.unit = text(&edits.unit).or(self.unit);
        self.contrast = edits.contrast;
        self.narrowed = edits.narrowed;
        let key = |b: &Bar1| b.value.unwrap_or(f64::NEG_INFINITY);
        match edits.order {
            Order::Natural => {}
            // Missing values last either way.
            Order::Descending => self.bars.sort_by(|a, b| key(b).total_cmp(&key(a))),
            Order::Ascending => self.bars.sort_by(|a, b| {
                let k = |x: &Bar1| x.value.unwrap_or(f64::INFINITY);
                k(a).total_cmp(&k(b))
            }),
        }
        self
    }

    /// A value as the page writes it, with the unit.
    pub fn with_unit(&self, text: &str) -> String {
        match &self.unit {
            Some(unit) if !text.is_empty() && text.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '-') => {
                format!("{text}\u{a0}{unit}")
            }
            _ => text.to_owned(),
        }
    }

    /// The value formatter placeholders, with the unit when there is one.
    fn formatters(&self) -> (String, String) {
        match &self.unit {
            Some(unit) => (format!("{{carnet:fr-value:{unit}}}"), format!("{{carnet:fr-params:{unit}}}")),
            None => (FR_VALUE.to_owned(), FR_PARAMS.to_owned()),
        }
    }
}

/// The high-contrast colours: the chosen territory in black, the others dark blue.
pub const CONTRAST: (&str, &str) = ("#000000", "#1F4E79");

/// Numeric columns that have a value in `table`, in order: those a chart can show.
pub fn chartable(table: &crate::engine::table::Table) -> Vec<String> {
    table
        .columns()
        .iter()
        .filter(|c| c.kind().is_numeric() && (0..table.rows()).any(|r| c.number(r).is_some()))
        .map(|c| c.name().to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::alt::*;
    use super::option::*;
    use super::*;

    #[test]
    fn proposed_kinds() {
        let share = ColumnKind::Percent(crate::engine::table::DecimalSign::Comma);
        assert_eq!(ChartKind::proposed(ColumnKind::Integer, true, true, true), ChartKind::Evolution);
        assert_eq!(ChartKind::proposed(share, false, true, true), ChartKind::Levels);
        assert_eq!(ChartKind::proposed(share, false, false, true), ChartKind::Ranking);
        assert_eq!(ChartKind::proposed(share, false, false, false), ChartKind::Commune);
        assert_eq!(ChartKind::proposed(ColumnKind::Integer, false, false, true), ChartKind::Commune);
    }

    #[test]
    fn edits_change_texts_order_unit_and_colours() {
        let mut ranking = chart();
        ranking.bars = vec![
            Bar1 { label: "A".into(), value: Some(2.0), highlight: false, ..Bar1::default() },
            Bar1 { label: "B".into(), value: None, highlight: false, ..Bar1::default() },
            Bar1 { label: "C".into(), value: Some(3.0), highlight: true, ..Bar1::default() },
        ];
        let edits = Edits {
            title: Some("Niveau de vie médian".into()),
            subtitle: Some("  ".into()),
            note: Some("Valeurs 2020.".into()),
            axis: Some("Euros par an".into()),
            unit: Some("€".into()),
            order: Order::Ascending,
            contrast: true,
            highlight: None,
            narrowed: false,
            whole_departement: false,
        };
        let edited = ranking.edited(&edits);
        assert_eq!(edited.title, "Niveau de vie médian");
        assert_eq!(edited.subtitle, "Sailly-lez-Lannoy (59522)", "a blank edit keeps the default");
        let labels: Vec<&str> = edited.bars.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["A", "C", "B"], "missing values last");
        assert_eq!(edited.with_unit("29\u{202F}440"), "29\u{202F}440\u{a0}€");
        assert_eq!(edited.with_unit("secret"), "secret");
        let o = bar_option(&edited);
        assert_eq!(o["title"][0]["text"], "Niveau de vie médian");
        assert_eq!(o["title"][1]["text"], "Source : Insee, Filosofi 2020 · Valeurs 2020.");
        assert_eq!(o["yAxis"]["axisLabel"]["formatter"], "{carnet:fr-value:€}");
        assert_eq!(o["yAxis"]["name"], "Euros par an");
        assert_eq!(o["series"][0]["label"]["formatter"], "{carnet:fr-params:€}");
        assert_eq!(o["series"][0]["data"][1]["itemStyle"]["color"], CONTRAST.0, "the highlighted bar in black");
        assert_eq!(o["series"][0]["data"][0]["itemStyle"]["color"], CONTRAST.1);
        assert_eq!(o["aria"]["decal"]["show"], true);
    }

    #[test]
    fn a_line_starts_at_zero_unless_narrowed_and_then_shows_a_break() {
        let line = BarChart {
            bars: vec![bar("2019", Some(28_570.0), "", true), bar("2021", Some(29_860.0), "", true)],
            ..chart()
        };
        let o = super::option::line_option(&line);
        assert_eq!(o["yAxis"]["min"], 0);
        assert!(o.get("graphic").is_none());
        let narrowed = line.edited(&Edits { narrowed: true, ..Edits::default() });
        let o = super::option::line_option(&narrowed);
        assert_eq!((o["yAxis"]["scale"].clone(), o["yAxis"].get("min")), (serde_json::json!(true), None));
        assert_eq!(o["graphic"]["elements"].as_array().map(Vec::len), Some(2), "the break on the axis");
    }

    #[test]
    fn the_headline_is_a_median_not_a_count() {
        let cols = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            headline(&cols(&["NBMENFISC21", "NBPERSMENFISC21", "MED21", "PIMP21"])).map(String::as_str),
            Some("MED21")
        );
        assert_eq!(headline(&cols(&["P21_H0014", "P21_POP"])).map(String::as_str), Some("P21_POP"));
        assert_eq!(headline(&cols(&["A", "B"])).map(String::as_str), Some("A"));
        let edits = Edits { title: Some("t".into()), contrast: true, ..Edits::default() }.for_another_indicator();
        assert_eq!((edits.title, edits.contrast), (None, true), "a title follows the indicator, the colours stay");
    }

    fn bar(label: &str, value: Option<f64>, text: &str, highlight: bool) -> Bar1 {
        Bar1 { label: label.into(), value, text: text.into(), highlight }
    }

    fn chart() -> BarChart {
        BarChart {
            title: "Médiane du niveau de vie (€)".into(),
            subtitle: "Sailly-lez-Lannoy (59522)".into(),
            source: "Source : Insee, Filosofi 2020".into(),
            bars: vec![bar("<img src=x onerror=alert(1)>", Some(29440.0), "29\u{202F}440", true)],
            horizontal: false,
            ..BarChart::default()
        }
    }

    #[test]
    fn bar_option_has_values_titles_and_formatters() {
        let o = bar_option(&chart());
        assert_eq!(o["series"][0]["type"], "bar");
        assert_eq!(o["series"][0]["data"][0]["value"], 29440.0);
        assert_eq!(o["title"][0]["text"], "Médiane du niveau de vie (€)");
        assert_eq!(o["title"][1]["text"], "Source : Insee, Filosofi 2020");
        assert_eq!(o["yAxis"]["axisLabel"]["formatter"], FR_VALUE);
        assert_eq!(o["series"][0]["label"]["formatter"], FR_PARAMS);
        assert_eq!(o["tooltip"]["renderMode"], "richText");
        assert_eq!(o["aria"]["enabled"], true);
    }

    #[test]
    fn rankings_lie_down_first_at_the_top() {
        let mut c = chart();
        c.horizontal = true;
        c.bars.push(Bar1 { label: "Lannoy".into(), value: Some(20000.0), highlight: false, ..Bar1::default() });
        let o = bar_option(&c);
        assert_eq!(o["yAxis"]["type"], "category");
        assert_eq!(o["yAxis"]["inverse"], true);
        assert_eq!(o["series"][0]["data"][1]["itemStyle"]["color"], MUTED);
        assert_eq!(height(&c), 320);
    }

    #[test]
    fn text_alternatives_in_french() {
        let c = chart();
        assert_eq!(
            text_alternative(&c, None),
            "Médiane du niveau de vie (€) à <img src=x onerror=alert(1)> : 29\u{202F}440. Source : Insee, Filosofi 2020."
        );
        let ranking = BarChart {
            horizontal: true,
            bars: vec![
                bar("Lannoy", Some(31000.0), "31 000", false),
                bar("Sailly-lez-Lannoy", Some(29440.0), "29 440", true),
                bar("Roubaix", Some(15000.0), "15 000", false),
                bar("Toufflers", None, "secret", false),
            ],
            ..chart()
        };
        let expected = "Sailly-lez-Lannoy se classe 2e sur 3 communes de la MEL pour Médiane du niveau de vie (€) (29 440). \
             La valeur la plus haute est celle de Lannoy (31 000), la plus basse celle de Roubaix (15 000). \
             1 commune(s) sans valeur (secret statistique ou non disponible). Source : Insee, Filosofi 2020.";
        assert_eq!(text_alternative(&ranking, Some("de la MEL")), expected);
        // Lowest first on screen: the sentence is the same.
        let ascending = ranking.clone().edited(&Edits { order: Order::Ascending, ..Edits::default() });
        assert_eq!(ascending.bars[0].label, "Roubaix");
        assert_eq!(text_alternative(&ascending, Some("de la MEL")), expected);
    }

    #[test]
    fn labels_stay_plain_text() {
        let o = bar_option(&chart());
        assert_eq!(o["xAxis"]["data"][0], "<img src=x onerror=alert(1)>");
    }

    #[test]
    fn missing_value_is_a_gap_not_zero() {
        let mut c = chart();
        c.bars[0].value = None;
        assert_eq!(bar_option(&c)["series"][0]["data"][0]["value"], "-");
    }
}
