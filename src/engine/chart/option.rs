//! Chart specs → ECharts options (through `charming` for the bars): bars, lines, their height.

use super::{BarChart, CONTRAST, MUTED, PALETTE};
use charming::Chart;
use charming::component::{Axis, Grid, Title};
use charming::datatype::DataPointItem;
use charming::element::{AxisLabel, AxisType, Color, ItemStyle, Label, LabelPosition, TextStyle, Tooltip, Trigger};
use charming::series::Bar;
use serde_json::{Value, json};

/// The height a bar chart reads well at.
pub fn height(chart: &BarChart) -> u32 {
    if chart.horizontal { (140 + 22 * chart.bars.len() as u32).max(320) } else { 420 }
}

/// The source line, and the user's note after it.
pub fn source_line(source: &str, note: Option<&str>) -> String {
    match note {
        Some(note) => format!("{source} · {note}"),
        None => source.to_owned(),
    }
}

/// A chart with Carnet's titles: the title and subtitle at the top, the source line at the
/// bottom.
pub(crate) fn titled(title: &str, subtitle: &str, source: &str) -> Chart {
    Chart::new()
        .title(
            Title::new()
                .text(title)
                .subtext(subtitle)
                .left(16)
                .top(8)
                .text_style(TextStyle::new().font_size(18).color("#1b1b1b"))
                .subtext_style(TextStyle::new().font_size(13).color("#3a3a3a")),
        )
        .title(
            Title::new()
                .text(source)
                .left(16)
                .bottom(6)
                .text_style(TextStyle::new().font_size(12).font_weight("normal").color("#3a3a3a")),
        )
}

/// Builds the ECharts option of a bar chart.
pub fn bar_option(chart: &BarChart) -> Value {
    let (value_format, label_format) = chart.formatters();
    let (main, muted) = if chart.contrast { CONTRAST } else { (PALETTE[0], MUTED) };
    let source = source_line(&chart.source, chart.note.as_deref());
    let data: Vec<DataPointItem> = chart
        .bars
        .iter()
        .map(|b| {
            let colour = if b.highlight || chart.bars.len() == 1 { main } else { muted };
            let item = match b.value {
                Some(v) => DataPointItem::new(v),
                None => DataPointItem::new("-"),
            };
            item.name(b.label.as_str()).item_style(ItemStyle::new().color(Color::from(colour)))
        })
        .collect();
    let option = titled(&chart.title, &chart.subtitle, &source)
        .grid(Grid::new().left(72).right(24).top(80).bottom(56).contain_label(true))
        .tooltip(Tooltip::new().trigger(Trigger::Item));
    let categories = Axis::new()
        .type_(AxisType::Category)
        .data(chart.bars.iter().map(|b| b.label.clone()).collect())
        .axis_label(AxisLabel::new().color("#1b1b1b"));
    let mut values = Axis::new()
        .type_(AxisType::Value)
        .axis_label(AxisLabel::new().formatter(value_format.as_str()).color("#3a3a3a"));
    if let Some(name) = &chart.axis {
        values = values.name(name.as_str());
    }
    let (option, position) = if chart.horizontal {
        // The first bar at the top.
        (option.x_axis(values).y_axis(categories.inverse(true)), LabelPosition::Right)
    } else {
        (option.x_axis(categories).y_axis(values), LabelPosition::Top)
    };
    let option = option.series(
        Bar::new()
            .name(chart.title.as_str())
            .label(Label::new().show(true).position(position).formatter(label_format.as_str()).color("#1b1b1b"))
            .data(data),
    );
    let mut value = serde_json::to_value(&option).unwrap_or(Value::Null);
    // What charming does not model: a value formatter for tooltips, the ARIA description.
    if let Some(obj) = value.as_object_mut() {
        obj.insert(
            "tooltip".into(),
            json!({ "trigger": "item", "valueFormatter": value_format, "renderMode": "richText" }),
        );
        // High contrast also draws patterns on the bars, for those who do not see the colours.
        obj.insert("aria".into(), json!({ "enabled": true, "decal": { "show": chart.contrast } }));
        if chart.horizontal {
            obj.insert(
                "grid".into(),
                json!({ "left": 16, "right": 64, "top": 80, "bottom": 48, "containLabel": true }),
            );
        }
        obj.insert("color".into(), json!(PALETTE));
        if chart.contrast {
            // Heavier text and axis lines for print and low vision.
            obj.insert("textStyle".into(), json!({ "fontSize": 14, "color": "#000000" }));
        }
        if let Some(series) = obj.get_mut("series").and_then(|s| s.get_mut(0)).and_then(Value::as_object_mut) {
            series.insert("barMaxWidth".into(), json!(96));
        }
    }
    value
}

/// The break drawn at the foot of a value axis that does not start at zero: two short slanted
/// strokes across the axis line, as printed charts mark it.
fn axis_break() -> Value {
    let stroke = |dy: i32| {
        json!({
            "type": "line",
            "left": AXIS_AT - 6,
            "bottom": 62 + dy,
            "shape": { "x1": 0, "y1": 6, "x2": 10, "y2": 0 },
            "style": { "stroke": "#1b1b1b", "lineWidth": 2 },
            "silent": true,
        })
    };
    json!({ "elements": [stroke(0), stroke(6)] })
}

/// Where a narrowed line's value axis stands, in pixels from the left (its labels before it).
const AXIS_AT: i32 = 80;

/// Builds the ECharts option of a line over years: `chart.bars` are the years, in order.
pub fn line_option(chart: &BarChart) -> Value {
    let mut value = bar_option(&BarChart { horizontal: false, ..chart.clone() });
    if let Some(series) = value.get_mut("series").and_then(|s| s.get_mut(0)).and_then(Value::as_object_mut) {
        series.insert("type".into(), json!("line"));
        series.remove("barMaxWidth");
        series.insert("symbolSize".into(), json!(10));
        series.insert("connectNulls".into(), json!(false));
        let colour = if chart.contrast { CONTRAST.0 } else { PALETTE[0] };
        series.insert("lineStyle".into(), json!({ "width": 3, "color": colour }));
        series.insert("itemStyle".into(), json!({ "color": colour }));
        if let Some(data) = series.get_mut("data").and_then(Value::as_array_mut) {
            for point in data.iter_mut().filter_map(Value::as_object_mut) {
                point.remove("itemStyle");
            }
        }
    }
    // From zero, as bars; narrowed to the values when the user asks, a break on the axis
    // saying it does not start at zero.
    if chart.narrowed {
        if let Some(axis) = value.get_mut("yAxis").and_then(Value::as_object_mut) {
            axis.insert("scale".into(), json!(true));
        }
        if let Some(obj) = value.as_object_mut() {
            // The axis at a known place, for the break to sit on it.
            obj.insert(
                "grid".into(),
                json!({ "left": AXIS_AT, "right": 24, "top": 80, "bottom": 56, "containLabel": false }),
            );
            obj.insert("graphic".into(), axis_break());
        }
    } else if let Some(axis) = value.get_mut("yAxis").and_then(Value::as_object_mut) {
        axis.insert("min".into(), json!(0));
    }
    value
}
