//! Chart settings → an Apache ECharts option, built with `charming`.
//!
//! Numbers reach the page as numbers; the French formatting is done by the page through
//! `Intl.NumberFormat('fr-FR')`, named in the option by the [`FR_VALUE`] and [`FR_PARAMS`]
//! placeholders that `public/charts.js` turns into functions. Labels are plain text: the page
//! never renders them as HTML.

use charming::Chart;
use charming::component::{Axis, Grid, Title};
use charming::datatype::DataPointItem;
use charming::element::{AxisLabel, AxisType, Color, ItemStyle, Label, LabelPosition, TextStyle, Tooltip, Trigger};
use charming::series::Bar;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// Placeholder for a formatter taking a value: `(value) => fr.format(value)`.
pub const FR_VALUE: &str = "{carnet:fr-value}";
/// Placeholder for a formatter taking ECharts' params: `(p) => fr.format(p.value)`.
pub const FR_PARAMS: &str = "{carnet:fr-params}";

/// The default palette: Okabe–Ito, safe for the common colour-vision deficiencies.
pub const PALETTE: [&str; 8] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
/// The colour of bars that are not highlighted.
pub const MUTED: &str = "#8A9BB0";

/// One bar.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bar1 {
    /// The bar's label (a territory's name).
    pub label: String,
    /// Its value; `None` for a secret or missing value, drawn as a gap.
    pub value: Option<f64>,
    /// Whether this is the territory of interest.
    pub highlight: bool,
}

/// A bar chart's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BarChart {
    /// The title.
    pub title: String,
    /// The subtitle (the indicator's code, the territory…).
    pub subtitle: String,
    /// The source line (`Source : Insee, Filosofi 2020`).
    pub source: String,
    /// The bars, in order.
    pub bars: Vec<Bar1>,
}

/// Builds the ECharts option of a bar chart.
pub fn bar_option(chart: &BarChart) -> Value {
    let data: Vec<DataPointItem> = chart
        .bars
        .iter()
        .map(|b| {
            let colour = if b.highlight || chart.bars.len() == 1 { PALETTE[0] } else { MUTED };
            let item = match b.value {
                Some(v) => DataPointItem::new(v),
                None => DataPointItem::new("-"),
            };
            item.name(b.label.as_str()).item_style(ItemStyle::new().color(Color::from(colour)))
        })
        .collect();
    let option = Chart::new()
        .title(
            Title::new()
                .text(chart.title.as_str())
                .subtext(chart.subtitle.as_str())
                .left(16)
                .top(8)
                .text_style(TextStyle::new().font_size(18).color("#1b1b1b"))
                .subtext_style(TextStyle::new().font_size(13).color("#3a3a3a")),
        )
        .title(
            Title::new()
                .text(chart.source.as_str())
                .left(16)
                .bottom(6)
                .text_style(TextStyle::new().font_size(12).font_weight("normal").color("#3a3a3a")),
        )
        .grid(Grid::new().left(72).right(24).top(80).bottom(56).contain_label(true))
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(chart.bars.iter().map(|b| b.label.clone()).collect())
                .axis_label(AxisLabel::new().color("#1b1b1b")),
        )
        .y_axis(Axis::new().type_(AxisType::Value).axis_label(AxisLabel::new().formatter(FR_VALUE).color("#3a3a3a")))
        .series(
            Bar::new()
                .name(chart.title.as_str())
                .label(Label::new().show(true).position(LabelPosition::Top).formatter(FR_PARAMS).color("#1b1b1b"))
                .data(data),
        );
    let mut value = serde_json::to_value(&option).unwrap_or(Value::Null);
    // What charming does not model: a value formatter for tooltips, the ARIA description.
    if let Some(obj) = value.as_object_mut() {
        obj.insert(
            "tooltip".into(),
            json!({ "trigger": "item", "valueFormatter": FR_VALUE, "renderMode": "richText" }),
        );
        obj.insert("aria".into(), json!({ "enabled": true, "decal": { "show": false } }));
        obj.insert("color".into(), json!(PALETTE));
        if let Some(series) = obj.get_mut("series").and_then(|s| s.get_mut(0)).and_then(Value::as_object_mut) {
            series.insert("barMaxWidth".into(), json!(96));
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> BarChart {
        BarChart {
            title: "Médiane du niveau de vie (€)".into(),
            subtitle: "Sailly-lez-Lannoy (59522)".into(),
            source: "Source : Insee, Filosofi 2020".into(),
            bars: vec![Bar1 { label: "<img src=x onerror=alert(1)>".into(), value: Some(29440.0), highlight: true }],
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
