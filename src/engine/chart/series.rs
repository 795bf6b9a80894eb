//! Charts of several series: indicators compared across territories (grouped bars), the parts
//! of a whole (stacked bars, 100 % bars, a donut) and a census file's age pyramid.
//!
//! Like [`crate::engine::chart`], the ECharts option is built here, in plain Rust, from values
//! already read; numbers reach the page as numbers and are written the French way by the
//! formatter placeholders `public/charts.js` revives.
//!
//! ```
//! use carnet::engine::chart::series::{Layout, Series, SeriesChart};
//! let chart = SeriesChart {
//!     title: "Population par âge".into(),
//!     layout: Layout::Donut,
//!     categories: vec!["0-14 ans".into(), "15-29 ans".into()],
//!     series: vec![Series { name: "Sailly-lez-Lannoy".into(), values: vec![Some(350.0), Some(290.0)] }],
//!     ..SeriesChart::default()
//! };
//! let option = chart.option();
//! assert_eq!(option["series"][0]["type"], "pie");
//! assert_eq!(option["series"][0]["data"][1]["name"], "15-29 ans");
//! ```

use crate::engine::chart::{self, CONTRAST, ChartKind, ChartRequest, Drawn, Edits, FR_PARAMS, FR_VALUE, PALETTE};
use crate::engine::format;
use crate::engine::table::{ColumnKind, Table};
use crate::engine::territory::levels::{self, Level, Total};
use crate::engine::territory::selection::Selection;
use charming::component::{Axis, Grid, Legend};
use charming::datatype::DataPointItem;
use charming::element::{AxisLabel, AxisType, Label, LabelPosition, Orient};
use charming::series::{Bar, Pie};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// Placeholder for an axis formatter writing a number without its sign (the pyramid's men).
pub const FR_ABS: &str = "{carnet:fr-abs}";
/// Placeholder for a label formatter writing ECharts' params' value without its sign.
pub const FR_ABS_PARAMS: &str = "{carnet:fr-abs-params}";
/// Placeholder for a donut's label: the slice's name and its share, the French way.
pub const FR_SHARE_PARAMS: &str = "{carnet:fr-share-params}";

/// How the series are laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Layout {
    /// One group of bars per category, one bar per series.
    #[default]
    Grouped,
    /// One bar per category, the series stacked.
    Stacked,
    /// Stacked, each bar the whole (100 %): the series' shares.
    Percent,
    /// The first series' values as the parts of a ring.
    Donut,
    /// Categories are age bands, from the youngest; the first series (men) to the left, the
    /// second (women) to the right.
    Pyramid,
}

/// One series: a name (a territory, a sex, an indicator) and a value per category.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// Its name, in the legend.
    pub name: String,
    /// Its value in each category; `None` for a secret or missing value.
    pub values: Vec<Option<f64>>,
}

/// A chart of several series.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SeriesChart {
    /// The title.
    pub title: String,
    /// The subtitle.
    pub subtitle: String,
    /// The source line.
    pub source: String,
    /// How the series are laid out.
    pub layout: Layout,
    /// The categories (groups, bars, slices or age bands), in order.
    pub categories: Vec<String>,
    /// The series.
    pub series: Vec<Series>,
    /// The values' unit.
    pub unit: Option<String>,
    /// The value axis's name.
    pub axis: Option<String>,
    /// A note after the source.
    pub note: Option<String>,
    /// High contrast: darker colours and patterns.
    pub contrast: bool,
}

impl SeriesChart {
    /// The chart with the user's edits (the order of bars does not apply: categories keep
    /// their meaning's order — age bands, territories from the commune up).
    pub fn edited(mut self, edits: &Edits) -> Self {
        let text = |v: &Option<String>| v.as_ref().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        self.title = text(&edits.title).unwrap_or(self.title);
        self.subtitle = text(&edits.subtitle).unwrap_or(self.subtitle);
        self.note = text(&edits.note).or(self.note);
        self.axis = text(&edits.axis).or(self.axis);
        self.unit = text(&edits.unit).or(self.unit);
        self.contrast = edits.contrast;
        self
    }

    /// The values as drawn: shares of each category's total for 100 % bars (a category with
    /// a missing value has none), the values otherwise.
    fn drawn_values(&self) -> Vec<Vec<Option<f64>>> {
        if self.layout != Layout::Percent {
            return self.series.iter().map(|s| s.values.clone()).collect();
        }
        let totals: Vec<Option<f64>> = (0..self.categories.len())
            .map(|i| self.series.iter().map(|s| s.values.get(i).copied().flatten()).sum::<Option<f64>>())
            .collect();
        self.series
            .iter()
            .map(|s| {
                s.values
                    .iter()
                    .zip(&totals)
                    .map(|(v, t)| match (v, t) {
                        (Some(v), Some(t)) if *t != 0.0 => Some((v / t * 1000.0).round() / 10.0),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }

    /// The unit values are written with.
    fn shown_unit(&self) -> Option<&str> {
        if self.layout == Layout::Percent { Some("%") } else { self.unit.as_deref() }
    }

    /// A value as the page writes it, with its unit.
    fn text(&self, value: Option<f64>) -> String {
        value.map_or_else(|| "valeur manquante".to_owned(), |v| format::number_in(v, 0, self.shown_unit()))
    }

    /// The ECharts option.
    pub fn option(&self) -> Value {
        let (value_format, label_format) = match self.shown_unit() {
            Some(unit) => (format!("{{carnet:fr-value:{unit}}}"), format!("{{carnet:fr-params:{unit}}}")),
            None => (FR_VALUE.to_owned(), FR_PARAMS.to_owned()),
        };
        let source = chart::option::source_line(&self.source, self.note.as_deref());
        let colours: Vec<&str> =
            if self.contrast { vec![CONTRAST.0, CONTRAST.1, "#7F7F7F", "#B0B0B0"] } else { PALETTE.to_vec() };
        let values = self.drawn_values();
        let mut option = chart::option::titled(&self.title, &self.subtitle, &source)
            // Clicking a name in the legend shows or hides its series.
            .legend(Legend::new().top(64).left(16).orient(Orient::Horizontal));
        if self.layout == Layout::Donut {
            let data: Vec<DataPointItem> = self
                .categories
                .iter()
                .zip(values.first().map(Vec::as_slice).unwrap_or_default())
                .map(|(name, v)| DataPointItem::new(v.unwrap_or(0.0)).name(name.as_str()))
                .collect();
            option = option.series(
                Pie::new()
                    .name(self.series.first().map_or("", |s| s.name.as_str()))
                    .radius(vec!["40%", "68%"])
                    .center(vec!["50%", "58%"])
                    .label(Label::new().show(true).formatter(FR_SHARE_PARAMS))
                    .data(data),
            );
        } else {
            let pyramid = self.layout == Layout::Pyramid;
            let horizontal = pyramid;
            let categories = Axis::new()
                .type_(AxisType::Category)
                .data(self.categories.clone())
                .axis_label(AxisLabel::new().color("#1b1b1b"));
            let mut axis = Axis::new().type_(AxisType::Value).axis_label(
                AxisLabel::new().formatter(if pyramid { FR_ABS } else { value_format.as_str() }).color("#3a3a3a"),
            );
            if pyramid {
                // Both sides on one scale, with room for the labels at the bars' ends.
                let widest = values.iter().flatten().flatten().fold(0.0_f64, |m, v| m.max(v.abs()));
                let side = nice(widest * 1.25);
                axis = axis.min(-side).max(side);
            }
            if let Some(name) = &self.axis {
                axis = axis.name(name.as_str());
            }
            option = if horizontal {
                option.x_axis(axis).y_axis(categories)
            } else {
                option.x_axis(categories).y_axis(axis)
            };
            option = option.grid(Grid::new().left(16).right(32).top(104).bottom(48).contain_label(true));
            let stacked = matches!(self.layout, Layout::Stacked | Layout::Percent | Layout::Pyramid);
            for (i, (s, vals)) in self.series.iter().zip(&values).enumerate() {
                // The pyramid's first series (men) goes to the left.
                let sign = if pyramid && i == 0 { -1.0 } else { 1.0 };
                let data: Vec<DataPointItem> = vals
                    .iter()
                    .map(|v| match v {
                        Some(v) => DataPointItem::new(sign * v),
                        None => DataPointItem::new("-"),
                    })
                    .collect();
                let position = match (self.layout, horizontal) {
                    (Layout::Grouped, _) => LabelPosition::Top,
                    (_, true) => {
                        if i == 0 {
                            LabelPosition::Left
                        } else {
                            LabelPosition::Right
                        }
                    }
                    _ => LabelPosition::Inside,
                };
                let mut bar = Bar::new().name(s.name.as_str()).data(data).label(
                    Label::new()
                        .show(true)
                        .position(position)
                        .formatter(if pyramid { FR_ABS_PARAMS } else { label_format.as_str() })
                        .color("#1b1b1b"),
                );
                if stacked {
                    bar = bar.stack("total");
                }
                option = option.series(bar);
            }
        }
        let mut value = serde_json::to_value(&option).unwrap_or(Value::Null);
        if let Some(obj) = value.as_object_mut() {
            let tooltip_format = if self.layout == Layout::Pyramid { FR_ABS } else { value_format.as_str() };
            obj.insert(
                "tooltip".into(),
                json!({ "trigger": if self.layout == Layout::Donut { "item" } else { "axis" },
                        "valueFormatter": tooltip_format, "renderMode": "richText" }),
            );
            obj.insert("aria".into(), json!({ "enabled": true, "decal": { "show": self.contrast } }));
            obj.insert("color".into(), json!(colours));
            // A donut names its slices around it: no legend to run over it.
            if self.layout == Layout::Donut {
                obj.remove("legend");
            }
            // On a narrow screen the legend pages rather than running over the chart.
            if let Some(legend) = obj.get_mut("legend").and_then(Value::as_object_mut) {
                legend.insert("type".into(), json!("scroll"));
                legend.insert("right".into(), json!(16));
            }
            if self.contrast {
                obj.insert("textStyle".into(), json!({ "fontSize": 14, "color": "#000000" }));
            }
            if let Some(series) = obj.get_mut("series").and_then(Value::as_array_mut) {
                for s in series.iter_mut().filter_map(Value::as_object_mut) {
                    if s.get("type") == Some(&json!("bar")) {
                        s.insert("barMaxWidth".into(), json!(72));
                        // Inside a stacked bar, labels white on the colours, hidden when too small.
                        if matches!(self.layout, Layout::Stacked | Layout::Percent) {
                            s.insert("label".into(), json!({ "show": true, "position": "inside", "formatter": label_format, "color": "#ffffff", "fontWeight": "bold" }));
                            s.insert("labelLayout".into(), json!({ "hideOverlap": true }));
                        }
                    }
                }
            }
            if self.layout == Layout::Donut
                && let Some(data) = value.pointer_mut("/series/0/data").and_then(Value::as_array_mut)
            {
                // A missing slice is left out rather than drawn as zero.
                let missing: Vec<usize> = self.series.first().map_or(Vec::new(), |s| {
                    s.values.iter().enumerate().filter(|(_, v)| v.is_none()).map(|(i, _)| i).collect()
                });
                let mut i = 0;
                data.retain(|_| {
                    let keep = !missing.contains(&i);
                    i += 1;
                    keep
                });
            }
        }
        value
    }

    /// The height the chart reads well at.
    pub fn height(&self) -> u32 {
        match self.layout {
            Layout::Donut => 440,
            Layout::Pyramid => (160 + 34 * self.categories.len() as u32).max(380),
            _ => 460,
        }
    }

    /// A French text alternative: every value, by category then series (a donut's with its
    /// share).
    pub fn alternative(&self) -> String {
        let values = self.drawn_values();
        if self.layout == Layout::Donut {
            let first = values.first().cloned().unwrap_or_default();
            let total: f64 = first.iter().flatten().sum();
            let parts: Vec<String> = self
                .categories
                .iter()
                .zip(&first)
                .map(|(category, v)| match v {
                    Some(v) if total > 0.0 => {
                        let share = (v / total * 1000.0).round() / 10.0;
                        format!("{category} : {} ({}\u{a0}%)", self.text(Some(*v)), format::number(share))
                    }
                    _ => format!("{category} : {}", self.text(*v)),
                })
                .collect();
            let name = self.series.first().map_or("", |s| s.name.as_str());
            return format!("{} à {name} — {}. {}.", self.title, parts.join(" ; "), self.source);
        }
        let parts: Vec<String> = self
            .categories
            .iter()
            .enumerate()
            .map(|(i, category)| {
                let cells: Vec<String> = self
                    .series
                    .iter()
                    .zip(&values)
                    .map(|(s, v)| format!("{} {}", s.name, self.text(v.get(i).copied().flatten())))
                    .collect();
                if self.series.len() == 1 {
                    format!("{category} : {}", self.text(values[0].get(i).copied().flatten()))
                } else {
                    format!("{category} : {}", cells.join(", "))
                }
            })
            .collect();
        format!("{} — {}. {}.", self.title, parts.join(" ; "), self.source)
    }

    /// The chart for the page: option, height, text alternative and data.
    pub fn drawn(&self) -> Drawn {
        let values = self.drawn_values();
        let mut data = Vec::new();
        let mut numbers = Vec::new();
        for (i, category) in self.categories.iter().enumerate() {
            for (s, v) in self.series.iter().zip(&values) {
                let v = v.get(i).copied().flatten();
                let label = if self.series.len() == 1 { category.clone() } else { format!("{category} · {}", s.name) };
                data.push((label, self.text(v)));
                numbers.push(v);
            }
        }
        Drawn {
            option: self.option().to_string(),
            height: self.height(),
            alt: self.alternative(),
            data,
            values: numbers,
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            source: self.source.clone(),
            note: self.note.clone(),
        }
    }
}

/// The title of a chart of several indicators and the names of its parts: the words their
/// labels share at the start, once, and what is left of each (« Nombre de personnes » : « 0 à
/// 14 ans », « 15 à 29 ans »…); the labels joined when they share fewer than two words.
///
/// ```
/// use carnet::engine::chart::series::shared;
/// let (title, parts) = shared(vec!["Nombre de personnes de 0 à 14 ans".into(), "Nombre de personnes de 15 à 29 ans".into()]);
/// assert_eq!((title.as_str(), parts[1].as_str()), ("Nombre de personnes", "15 à 29 ans"));
/// let (title, _) = shared(vec!["MED20".into(), "PIMP20".into()]);
/// assert_eq!(title, "MED20, PIMP20");
/// ```
pub fn shared(labels: Vec<String>) -> (String, Vec<String>) {
    const LINKS: &[&str] = &["de", "d’", "d'", "des", "du", "à", "en", "-", ":", "–"];
    let words: Vec<Vec<&str>> = labels.iter().map(|l| l.split(' ').collect()).collect();
    let mut common = words.first().map_or(0, Vec::len);
    for w in words.iter().skip(1) {
        common = common.min(w.iter().zip(&words[0]).take_while(|(a, b)| a == b).count());
    }
    // Every part keeps a word of its own.
    common = common.min(words.iter().map(|w| w.len().saturating_sub(1)).min().unwrap_or(0));
    let mut head: Vec<&str> = words.first().map(|w| w[..common].to_vec()).unwrap_or_default();
    while head.last().is_some_and(|w| LINKS.contains(w)) {
        head.pop();
    }
    if labels.len() < 2 || head.len() < 2 {
        return (labels.join(", "), labels);
    }
    let parts = words.iter().map(|w| w[common..].join(" ")).collect();
    (head.join(" "), parts)
}

/// Whether `columns` are parts of one whole in row `row` of `table`, as a donut needs: shares
/// (percentage columns) making 100 % (±5), or counts named after their total — INSEE's way:
/// `P21_POP0014`, `P21_POP1529`… of `P21_POP` — whose sum is that total (±1 %: INSEE rounds
/// each part).
pub fn whole(table: &Table, row: usize, columns: &[&str]) -> bool {
    let parts: Vec<&crate::engine::table::Column> = columns.iter().filter_map(|c| table.column(c)).collect();
    if parts.len() < 2 || parts.len() != columns.len() {
        return false;
    }
    let Some(sum) = parts.iter().map(|c| c.number(row)).sum::<Option<f64>>() else { return false };
    if parts.iter().all(|c| matches!(c.kind(), ColumnKind::Percent(_))) {
        return (95.0..=105.0).contains(&sum);
    }
    if parts.iter().any(|c| matches!(c.kind(), ColumnKind::Percent(_))) || sum <= 0.0 {
        return false;
    }
    table.columns().iter().filter(|t| t.kind().is_numeric() && !matches!(t.kind(), ColumnKind::Percent(_))).any(
        |total| {
            columns.iter().all(|c| c.len() > total.name().len() && c.starts_with(total.name()))
                && total.number(row).is_some_and(|t| ((t - sum) / sum).abs() <= 0.01)
        },
    )
}

/// Whether a donut can be offered for row `row`: some counts of the file add up to another of
/// its columns (INSEE names the parts after their total: `P21_POP0014`… of `P21_POP`), or two
/// shares at least are there to choose from.
pub fn offers_whole(table: &Table, row: usize) -> bool {
    let numeric: Vec<&crate::engine::table::Column> =
        table.columns().iter().filter(|c| c.kind().is_numeric()).collect();
    if numeric.iter().filter(|c| matches!(c.kind(), ColumnKind::Percent(_))).count() >= 2 {
        return true;
    }
    numeric.iter().any(|total| {
        let family: Vec<&str> = numeric
            .iter()
            .map(|c| c.name())
            .filter(|n| n.len() > total.name().len() && n.starts_with(total.name()))
            .collect();
        family.len() >= 2 && whole(table, row, &family)
    })
}

/// A round number at least `v` for an axis's end: 1, 2, 2.5 or 5 times a power of ten.
fn nice(v: f64) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * power).find(|n| *n >= v).unwrap_or(10.0 * power)
}

/// The chart of several series `request` asks for, of the commune's rows: the indicators
/// `request.columns` (named by `label`) across the commune and the levels above it that the
/// file has or Carnet summed (`totals`, on `table`'s columns); or the commune's age pyramid.
/// `None` when there is nothing to draw (fewer than two indicators, no age bands).
pub fn of_selection(
    table: &Table,
    selection: &Selection,
    totals: &[Total],
    request: &ChartRequest,
    label: &dyn Fn(&str) -> String,
    source: String,
) -> Option<Drawn> {
    let place = &selection.place;
    let commune = selection.levels.iter().position(|l| *l == Level::Commune)?;
    let value = |column: &str, row: usize| selection.table.column(column).and_then(|c| c.number(row));
    let (layout, categories, series, title) = match request.kind {
        ChartKind::Pyramid => {
            let bands = pyramid(table)?;
            let men = bands.iter().map(|(_, m, _)| value(m, commune)).collect();
            let women = bands.iter().map(|(_, _, w)| value(w, commune)).collect();
            let series =
                vec![Series { name: "Hommes".into(), values: men }, Series { name: "Femmes".into(), values: women }];
            let categories = bands.iter().map(|b| b.0.clone()).collect();
            (Layout::Pyramid, categories, series, "Population par sexe et âge".to_owned())
        }
        kind => {
            let columns: Vec<&str> =
                request.columns.iter().map(String::as_str).filter(|c| selection.table.column(c).is_some()).collect();
            if columns.len() < 2 {
                return None;
            }
            // The territories: the commune, then the levels above it the file has, then Carnet's sums.
            let mut territories: Vec<(String, Vec<Option<f64>>)> = (0..selection.table.rows())
                .filter(|&r| selection.levels[r] >= Level::Commune && (kind != ChartKind::Donut || r == commune))
                .map(|r| (levels::name_of(place, selection.levels[r]), columns.iter().map(|c| value(c, r)).collect()))
                .collect();
            if kind != ChartKind::Donut {
                for t in totals {
                    let sums: Vec<Option<f64>> = columns
                        .iter()
                        .map(|c| table.columns().iter().position(|x| x.name() == *c).and_then(|i| t.values[i]))
                        .collect();
                    if sums.iter().any(Option::is_some) {
                        territories.push((format!("{} (somme calculée)", t.name), sums));
                    }
                }
            }
            let (title, indicators) = shared(columns.iter().map(|c| label(c)).collect());
            match kind {
                ChartKind::Grouped => {
                    let series = territories.into_iter().map(|(name, values)| Series { name, values }).collect();
                    (Layout::Grouped, indicators, series, title)
                }
                ChartKind::Donut => {
                    // Parts of one whole only: never a pie of unrelated numbers.
                    if !whole(&selection.table, commune, &columns) {
                        return None;
                    }
                    let (name, values) = territories.into_iter().next()?;
                    (Layout::Donut, indicators, vec![Series { name, values }], title)
                }
                _ => {
                    let layout = if kind == ChartKind::Percent { Layout::Percent } else { Layout::Stacked };
                    let series = indicators
                        .iter()
                        .enumerate()
                        .map(|(i, name)| Series {
                            name: name.clone(),
                            values: territories.iter().map(|(_, v)| v[i]).collect(),
                        })
                        .collect();
                    (layout, territories.into_iter().map(|(name, _)| name).collect(), series, title)
                }
            }
        }
    };
    let chart = SeriesChart {
        title,
        subtitle: format!("{} ({})", place.name, place.code),
        source,
        layout,
        categories,
        series,
        ..SeriesChart::default()
    }
    .edited(&request.edits);
    Some(chart.drawn())
}

/// A census file's age pyramid: each band's label and its men's and women's columns,
/// youngest first; `None` without the same bands for both sexes.
pub fn pyramid(table: &Table) -> Option<Vec<(String, &str, &str)>> {
    let bands = |sex| age_bands(table.columns().iter().filter(|c| c.kind().is_numeric()).map(|c| c.name()), sex);
    let (men, women) = (bands('H'), bands('F'));
    if men.is_empty() || men.iter().map(|b| &b.0).ne(women.iter().map(|b| &b.0)) {
        return None;
    }
    Some(men.into_iter().zip(women).map(|((label, m), (_, w))| (label, m, w)).collect())
}

/// The age bands of a census file's columns for one sex (`P21_H0014`, `P21_F90P`…): each
/// band's label and column, youngest first, following one another from 0 to an open band
/// ("90 ans ou plus"). A file with several sets of bands (`P21_H0014`… and `P21_H0019`,
/// `P21_H2064`, `P21_H65P`) gives the finest that covers every age; none gives an empty list.
pub fn age_bands<'a>(columns: impl Iterator<Item = &'a str>, sex: char) -> Vec<(String, &'a str)> {
    // (from, to — `None` for "and over" —, column)
    let bands: Vec<(u32, Option<u32>, &str)> = columns
        .filter_map(|name| {
            let (vintage, tail) = name.strip_prefix('P')?.split_once('_')?;
            if vintage.len() != 2 || !vintage.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let tail = tail.strip_prefix(sex)?;
            let from: u32 = tail.get(..2)?.parse().ok()?;
            let to = match tail.get(2..)? {
                "P" => None,
                to if to.len() == 2 => Some(to.parse::<u32>().ok().filter(|t| *t > from)?),
                _ => return None,
            };
            Some((from, to, name))
        })
        .collect();
    /// The chain of bands from `from` to an open band, the narrowest band first.
    fn chain<'a>(bands: &[(u32, Option<u32>, &'a str)], from: u32) -> Option<Vec<(u32, Option<u32>, &'a str)>> {
        let mut next: Vec<_> = bands.iter().filter(|b| b.0 == from).collect();
        next.sort_by_key(|b| b.1.unwrap_or(u32::MAX));
        next.into_iter().find_map(|&band| match band.1 {
            None => Some(vec![band]),
            Some(to) => chain(bands, to + 1).map(|rest| std::iter::once(band).chain(rest).collect()),
        })
    }
    chain(&bands, 0)
        .unwrap_or_default()
        .into_iter()
        .map(|(from, to, name)| {
            let label = match to {
                Some(to) => format!("{from}-{to} ans"),
                None => format!("{from} ans ou plus"),
            };
            (label, name)
        })
        .collect()
}

#[cfg(test)]
mod whole_tests {
    use super::*;
    use crate::engine::read::workspace::Workspace;

    fn table(csv: &str) -> Table {
        Workspace::load("t.csv", csv.as_bytes(), &mut ()).unwrap().table().clone()
    }

    #[test]
    fn a_donut_takes_parts_of_one_whole_only() {
        let t = table(
            "CODGEO;P21_POP;P21_POP0014;P21_POP1529;P21_POP30P;MED21
59522;1936;350;310;1276;29860
",
        );
        assert!(whole(&t, 0, &["P21_POP0014", "P21_POP1529", "P21_POP30P"]), "bands of the population");
        assert!(!whole(&t, 0, &["P21_POP0014", "P21_POP1529"]), "two bands are no whole");
        assert!(!whole(&t, 0, &["P21_POP", "MED21"]), "a count and a median");
        assert!(offers_whole(&t, 0));
        let shares = table(
            "CODGEO;A;B;C
59522;40,5 %;59,5 %;12 %
",
        );
        assert!(whole(&shares, 0, &["A", "B"]), "shares making 100 %");
        assert!(!whole(&shares, 0, &["A", "B", "C"]), "112 % is no whole");
        let filosofi = table(
            "CODGEO;NBMENFISC21;NBPERSMENFISC21;MED21
59522;772;2019;29860
",
        );
        assert!(!offers_whole(&filosofi, 0), "households, people and a median make no donut");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(layout: Layout) -> SeriesChart {
        SeriesChart {
            title: "Ménages".into(),
            source: "Source : Insee".into(),
            layout,
            categories: vec!["Sailly-lez-Lannoy".into(), "Lannoy".into()],
            series: vec![
                Series { name: "Propriétaires".into(), values: vec![Some(600.0), Some(300.0)] },
                Series { name: "Locataires".into(), values: vec![Some(200.0), None] },
            ],
            ..SeriesChart::default()
        }
    }

    #[test]
    fn grouped_bars_have_a_series_each_and_a_legend() {
        let o = chart(Layout::Grouped).option();
        assert_eq!(o["series"].as_array().unwrap().len(), 2);
        assert_eq!(o["series"][1]["name"], "Locataires");
        assert_eq!(o["series"][1]["data"][1]["value"], "-", "a missing value is a gap, not zero");
        assert!(o["series"][0].get("stack").is_none());
        assert!(o["legend"].is_object());
        assert_eq!(o["tooltip"]["renderMode"], "richText");
    }

    #[test]
    fn percent_bars_are_shares_of_a_whole() {
        let c = chart(Layout::Percent);
        let o = c.option();
        assert_eq!(o["series"][0]["stack"], "total");
        assert_eq!(o["series"][0]["data"][0]["value"], 75.0);
        assert_eq!(o["series"][1]["data"][0]["value"], 25.0);
        assert_eq!(o["series"][0]["data"][1]["value"], "-", "a whole with a missing part has no shares");
        assert_eq!(o["yAxis"]["axisLabel"]["formatter"], "{carnet:fr-value:%}");
        assert_eq!(
            c.alternative(),
            "Ménages — Sailly-lez-Lannoy : Propriétaires 75\u{a0}%, Locataires 25\u{a0}% ; \
             Lannoy : Propriétaires valeur manquante, Locataires valeur manquante. Source : Insee."
        );
    }

    #[test]
    fn a_donut_leaves_out_missing_slices() {
        let mut c = chart(Layout::Donut);
        c.categories = vec!["Propriétaires".into(), "Locataires".into(), "Logés gratuitement".into()];
        c.series = vec![Series { name: "Sailly-lez-Lannoy".into(), values: vec![Some(600.0), Some(200.0), None] }];
        let o = c.option();
        assert_eq!(o["series"][0]["radius"], json!(["40%", "68%"]));
        assert_eq!(o["series"][0]["data"].as_array().unwrap().len(), 2);
        assert_eq!(c.drawn().data[2], ("Logés gratuitement".to_owned(), "valeur manquante".to_owned()));
        assert_eq!(o["series"][0]["label"]["formatter"], FR_SHARE_PARAMS);
        assert_eq!(
            c.alternative(),
            "Ménages à Sailly-lez-Lannoy — Propriétaires : 600 (75\u{a0}%) ; Locataires : 200 (25\u{a0}%) ; \
             Logés gratuitement : valeur manquante. Source : Insee."
        );
    }

    #[test]
    fn a_pyramid_puts_men_left_written_without_sign() {
        let c = SeriesChart {
            layout: Layout::Pyramid,
            categories: vec!["0-14 ans".into(), "15-29 ans".into()],
            series: vec![
                Series { name: "Hommes".into(), values: vec![Some(180.0), Some(150.0)] },
                Series { name: "Femmes".into(), values: vec![Some(170.0), Some(160.0)] },
            ],
            ..SeriesChart::default()
        };
        let o = c.option();
        assert_eq!(o["series"][0]["data"][0]["value"], -180.0);
        assert_eq!(o["series"][1]["data"][0]["value"], 170.0);
        assert_eq!(o["xAxis"]["axisLabel"]["formatter"], FR_ABS);
        assert_eq!((o["xAxis"]["min"].as_f64(), o["xAxis"]["max"].as_f64()), (Some(-250.0), Some(250.0)));
        assert_eq!(o["yAxis"]["data"][1], "15-29 ans");
        assert!(c.alternative().contains("0-14 ans : Hommes 180, Femmes 170"));
    }

    #[test]
    fn names_from_files_stay_text() {
        let mut c = chart(Layout::Grouped);
        c.categories[0] = "<img src=x onerror=alert(1)>".into();
        assert_eq!(c.option()["xAxis"]["data"][0], "<img src=x onerror=alert(1)>");
        assert_eq!(c.option()["tooltip"]["renderMode"], "richText");
    }

    #[test]
    fn census_age_bands_in_order() {
        let columns = [
            "CODGEO",
            "P21_POP",
            "P21_H1529",
            "P21_H0014",
            "P21_F0014",
            "P21_H3089",
            "P21_H90P",
            "P21_H3044",
            "P21_H4589",
            "P21_H0019",
            "P21_H2064",
            "P21_H65P",
        ];
        let bands = age_bands(columns.into_iter(), 'H');
        let labels: Vec<&str> = bands.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["0-14 ans", "15-29 ans", "30-44 ans", "45-89 ans", "90 ans ou plus"]);
        assert_eq!(bands[3].1, "P21_H4589");
        // Without an open band, no pyramid.
        assert!(age_bands(["P21_F0014", "P21_F1529"].into_iter(), 'F').is_empty());
    }
}
