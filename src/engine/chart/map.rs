//! A map of the communes of the territory's EPCI coloured by an indicator: quantile classes
//! in one hue (safe for every colour vision), a legend in French, the commune picked outlined
//! and named, a tooltip per commune and the values as a table beside it. The contours come
//! from the app's own files ([`Atlas`]); the option carries them as GeoJSON under
//! `carnetMap`, which `public/charts.js` registers before drawing.

use super::{Bar1, BarChart, ChartRequest, Drawn};
use crate::engine::format;
use crate::engine::read::workspace::Workspace;
use crate::engine::territory::contours::Atlas;
use crate::engine::territory::selection::Selection;
use crate::engine::territory::{Named, filter, levels};
use serde_json::{Value, json};

/// The classes' colours, light to dark (ColorBrewer « Blues », one hue).
const BLUES: [&str; 5] = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
/// The colour of a commune without a value (missing or secret).
const NO_VALUE: &str = "#bdbdbd";
/// How many classes a map has at most.
const CLASSES: usize = 5;

/// The map of `request.column` over the communes of the selection's EPCI (or of its
/// département, when the edits ask for it) whose contours are in `atlas`, the commune picked
/// (or the one the edits highlight) outlined. `read` holds the rows of those communes. `None`
/// without an EPCI, or when fewer than two of the communes can be drawn or none has a value.
pub fn draw(read: &Workspace, selection: &Selection, request: &ChartRequest, atlas: &Atlas) -> Option<Drawn> {
    let place = &selection.place;
    let epci = place.epci.as_ref()?;
    let table = read.table();
    let col = table.column(&request.column).filter(|c| c.kind().is_numeric())?;
    let rows = filter::index(table, levels::geo_column(table)?);
    let chosen = super::draw::highlighted(place, &request.edits);
    // The communes shown: the EPCI's, or every one of the département the contours know (the
    // commune picked under its code of today, the others as the contours name them).
    let (area, of): (Vec<Named>, String) = if request.edits.whole_departement {
        let mut all: Vec<Named> = atlas
            .communes_of(&place.departement.code)
            .into_iter()
            .filter(|(code, _)| !place.former_codes.contains(code))
            .map(|(code, name)| Named { code, name, liaison: None })
            .collect();
        match all.iter_mut().find(|n| n.code == place.code) {
            Some(own) => own.name.clone_from(&place.name),
            None if place.level <= crate::engine::territory::Level::Commune => {
                all.push(Named { code: place.code.clone(), name: place.name.clone(), liaison: None });
            }
            None => {}
        }
        (all, place.departement.of())
    } else {
        (place.peers.clone(), epci.of())
    };
    let names = unique_names(&area);
    let former = |p: &Named| {
        if p.code == place.code {
            place.former_codes.as_slice()
        } else {
            place.merged_peers.get(&p.code).map_or(&[][..], Vec::as_slice)
        }
    };
    let asked: Vec<(&str, &str, &[String])> =
        area.iter().zip(&names).map(|(p, name)| (p.code.as_str(), name.as_str(), former(p))).collect();
    let drawing = atlas.geojson(&asked);
    if drawing.drawn.len() < 2 {
        return None;
    }
    let bars: Vec<Bar1> = area
        .iter()
        .zip(&names)
        .filter(|(p, _)| drawing.drawn.contains(&p.code))
        .map(|(p, name)| {
            let row = rows.get(p.code.as_str()).copied();
            Bar1 {
                label: name.clone(),
                value: row.and_then(|r| col.number(r)),
                text: row.map_or_else(|| "absente du fichier".to_owned(), |r| format::cell(col.cell(r))),
                highlight: p.code == chosen.code,
            }
        })
        .collect();
    if bars.iter().all(|b| b.value.is_none()) {
        return None;
    }
    let year = crate::engine::read::source::year(read.file_name());
    let label = request.label.as_deref();
    let missing = bars.iter().filter(|b| b.value.is_none()).count();
    let spec = BarChart {
        title: label.map_or_else(|| request.column.clone(), |l| super::dated(l, &request.column, year)),
        subtitle: if area.iter().any(|p| p.code == chosen.code) {
            format!("Communes {of} · {} en évidence", chosen.name)
        } else {
            format!("Communes {of}")
        },
        unit: request.unit.clone().filter(|_| !matches!(col.kind(), crate::engine::table::ColumnKind::Percent(_))),
        source: format!(
            "{} · Contours : {}",
            crate::engine::read::source::line(read.file_name()),
            short(&drawing.source)
        ),
        note: (missing > 0).then(|| "En gris : valeur absente ou couverte par le secret statistique".to_owned()),
        bars,
        ..BarChart::default()
    }
    .edited(&request.edits);
    let values: Vec<f64> = spec.bars.iter().filter_map(|b| b.value).collect();
    let breaks = breaks(&values, CLASSES);
    let name = format!(
        "carnet-{}-{}",
        if request.edits.whole_departement { &place.departement.code } else { &epci.code },
        drawing.drawn.len()
    );
    let mut option = map_option(&spec, &breaks, &name, drawing.latitude, drawing.in_the_east(&chosen.code));
    if let Some(obj) = option.as_object_mut() {
        obj.insert("carnetMap".into(), json!({ "name": name, "geoJSON": drawing.geojson }));
    }
    // The table beside the map: highest first, missing values last.
    let mut sorted: Vec<&Bar1> = spec.bars.iter().collect();
    sorted.sort_by(|a, b| b.value.unwrap_or(f64::NEG_INFINITY).total_cmp(&a.value.unwrap_or(f64::NEG_INFINITY)));
    let alt = alternative(&spec, &breaks, &of, &chosen.name);
    // What screen readers hear of the map, on its element (ECharts writes it there).
    option["aria"] = json!({ "enabled": true, "label": { "description": alt } });
    Some(Drawn {
        alt,
        data: sorted.iter().map(|b| (b.label.clone(), spec.with_unit(&b.text))).collect(),
        values: sorted.iter().map(|b| b.value).collect(),
        option: option.to_string(),
        height: 560,
        title: spec.title.clone(),
        subtitle: spec.subtitle.clone(),
        source: spec.source.clone(),
        note: spec.note.clone(),
    })
}

/// The contours' source as a source line says it (« IGN, Admin Express COG 2018 »).
fn short(source: &str) -> &str {
    source.split(", simplifié").next().unwrap_or(source)
}

/// The communes' names, each once: a name two communes share gets its code.
fn unique_names(peers: &[Named]) -> Vec<String> {
    peers
        .iter()
        .map(|p| {
            if peers.iter().filter(|q| q.name == p.name).count() > 1 {
                format!("{} ({})", p.name, p.code)
            } else {
                p.name.clone()
            }
        })
        .collect()
}

/// The bounds between at most `classes` classes holding about as many communes each (quantiles),
/// rounded to a hundredth of the values' spread written with one significant digit (29 860 and
/// 19 500: to the hundred), each once, strictly between the lowest and the highest value.
///
/// ```
/// use carnet::engine::chart::map::breaks;
/// let values: Vec<f64> = (0..100).map(|i| 20_000.0 + 100.0 * f64::from(i)).collect();
/// assert_eq!(breaks(&values, 5), [22_000.0, 24_000.0, 26_000.0, 28_000.0]);
/// assert!(breaks(&[3.0, 3.0, 3.0], 5).is_empty());
/// let rates: Vec<f64> = (0..50).map(|i| 1.0 + 0.037 * f64::from(i)).collect();
/// assert_eq!(breaks(&rates, 5), [1.4, 1.7, 2.1, 2.5]);
/// ```
pub fn breaks(values: &[f64], classes: usize) -> Vec<f64> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    let (Some(&low), Some(&high)) = (sorted.first(), sorted.last()) else { return Vec::new() };
    if high <= low || classes < 2 {
        return Vec::new();
    }
    // Rounded by a whole power of ten (multiplied, not divided, below 1: 1.2 stays 1.2, never
    // 1.2000000000000002).
    let exponent = (high - low).log10().floor() as i32 - 1;
    let round = |v: f64| {
        if exponent < 0 {
            let by = 10_f64.powi(-exponent);
            (v * by).round() / by
        } else {
            let by = 10_f64.powi(exponent);
            (v / by).round() * by
        }
    };
    let mut out: Vec<f64> = Vec::new();
    for i in 1..classes {
        let at = (sorted.len() * i / classes).min(sorted.len() - 1);
        let bound = round(sorted[at]);
        if bound > low && bound <= high && out.last().is_none_or(|b| bound > *b) {
            out.push(bound);
        }
    }
    out
}

/// The colour of class `i` of `n`, spread over the palette.
fn colour(i: usize, n: usize) -> &'static str {
    if n <= 1 { BLUES[3] } else { BLUES[(i * (BLUES.len() - 1)) / (n - 1)] }
}

/// The legend's words for each class: « moins de 22 000 € », « de 22 000 à moins de 24 000 € »,
/// « 28 000 € ou plus ».
fn class_labels(spec: &BarChart, breaks: &[f64]) -> Vec<String> {
    let n = breaks.len() + 1;
    let w = |v: f64| spec.with_unit(&format::number(v));
    (0..n)
        .map(|i| match (i.checked_sub(1).map(|j| breaks[j]), breaks.get(i)) {
            (None, Some(&hi)) => format!("moins de {}", w(hi)),
            (Some(lo), Some(&hi)) => format!("de {} à moins de {}", format::number(lo), w(hi)),
            (Some(lo), None) => format!("{} ou plus", w(lo)),
            (None, None) => "toutes les communes".to_owned(),
        })
        .collect()
}

/// The ECharts option: titles and source line, a `map` series of the communes, a legend of
/// the classes.
fn map_option(spec: &BarChart, breaks: &[f64], name: &str, latitude: f64, east: bool) -> Value {
    let (value_format, _) = spec.formatters();
    let source = super::option::source_line(&spec.source, spec.note.as_deref());
    let chart = super::option::titled(&spec.title, &spec.subtitle, &source);
    let mut option = serde_json::to_value(&chart).unwrap_or(Value::Null);
    let n = breaks.len() + 1;
    let pieces: Vec<Value> = class_labels(spec, breaks)
        .into_iter()
        .enumerate()
        .map(|(i, label)| {
            let mut piece = json!({ "label": label, "color": colour(i, n) });
            if i > 0 {
                piece["gte"] = json!(breaks[i - 1]);
            }
            if let Some(hi) = breaks.get(i) {
                piece["lt"] = json!(hi);
            }
            piece
        })
        .collect();
    let data: Vec<Value> = spec
        .bars
        .iter()
        .map(|b| {
            let mut item = json!({ "name": b.label, "value": b.value.map_or(json!("-"), |v| json!(v)) });
            if b.highlight {
                item["itemStyle"] = json!({ "borderColor": "#000000", "borderWidth": 3 });
                item["label"] = json!({
                    "show": true, "formatter": "{b}", "color": "#000000", "fontWeight": "bold",
                    "backgroundColor": "rgba(255,255,255,0.9)", "padding": [2, 4], "borderRadius": 2,
                    // Towards the middle of the map, so that the name stays on it.
                    "align": if east { "right" } else { "left" },
                });
            }
            item
        })
        .collect();
    if let Some(obj) = option.as_object_mut() {
        obj.insert(
            "tooltip".into(),
            json!({ "trigger": "item", "valueFormatter": value_format, "renderMode": "richText" }),
        );
        obj.insert("aria".into(), json!({ "enabled": true }));
        obj.insert(
            "visualMap".into(),
            json!({
                "type": "piecewise", "pieces": pieces, "left": 16, "bottom": 40, "orient": "vertical",
                "itemWidth": 18, "itemHeight": 12, "itemGap": 6, "textStyle": { "color": "#1b1b1b", "fontSize": 12 },
                "seriesIndex": 0, "selectedMode": false,
            }),
        );
        obj.insert(
            "series".into(),
            json!([{
                "type": "map", "map": name, "name": spec.title, "roam": false, "selectedMode": false,
                // A degree of longitude is shorter than one of latitude, by the cosine of the latitude.
                "aspectScale": latitude.to_radians().cos().clamp(0.3, 1.0),
                // Placed by `public/charts.js` once the chart's width is known (its shape kept).
                "layoutCenter": ["58%", "50%"], "layoutSize": "70%",
                "itemStyle": { "areaColor": NO_VALUE, "borderColor": "#ffffff", "borderWidth": 0.8 },
                "emphasis": { "label": { "show": true, "color": "#000000" }, "itemStyle": { "areaColor": "#E69F00" } },
                "data": data,
            }]),
        );
    }
    option
}

/// The map in words: what it colours, its classes, the commune picked, the highest and the
/// lowest.
fn alternative(spec: &BarChart, breaks: &[f64], of: &str, chosen: &str) -> String {
    let with_values: Vec<&Bar1> = spec.bars.iter().filter(|b| b.value.is_some()).collect();
    let mut text = format!(
        "Carte des {} communes {} colorées selon « {} », en {} classe{} de même effectif : {}.",
        spec.bars.len(),
        of,
        spec.title,
        breaks.len() + 1,
        if breaks.is_empty() { "" } else { "s" },
        class_labels(spec, breaks).join(" ; "),
    );
    if let Some(own) = spec.bars.iter().find(|b| b.label == chosen) {
        text.push_str(&format!(" {chosen} : {}.", spec.with_unit(&own.text)));
    }
    let key = |b: &&Bar1| b.value.unwrap_or(f64::NAN);
    if let (Some(high), Some(low)) = (
        with_values.iter().max_by(|a, b| key(a).total_cmp(&key(b))),
        with_values.iter().min_by(|a, b| key(a).total_cmp(&key(b))),
    ) {
        text.push_str(&format!(
            " La plus haute : {} ({}) ; la plus basse : {} ({}).",
            high.label,
            spec.with_unit(&high.text),
            low.label,
            spec.with_unit(&low.text)
        ));
    }
    let missing = spec.bars.len() - with_values.len();
    if missing > 0 {
        text.push_str(&format!(" {missing} commune{} sans valeur (en gris).", if missing > 1 { "s" } else { "" }));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::chart::ChartKind;
    use crate::engine::territory::Place;
    use crate::engine::territory::contours::Contours;

    fn square(x: i64) -> String {
        format!("[[[{x},506000,10,0,0,10,-10,0,0,-10]]]")
    }

    #[test]
    fn the_communes_of_the_epci_coloured_by_class_with_the_commune_outlined() {
        let file = format!(
            r#"{{"departement":"59","source":"IGN, Admin Express COG 2018, simplifié par X","scale":10000,"communes":[["59001","A",{}],["59002","B",{}],["59003","C",{}]]}}"#,
            square(0),
            square(20),
            square(40)
        );
        let mut atlas = Atlas::default();
        atlas.add(Contours::parse(&file).unwrap());
        let csv = b"CODGEO;LIBGEO;MED21\n59001;A;20000\n59002;B;s\n59003;C;30000\n";
        let ws = Workspace::load("cc_filosofi_2021_COM.csv", csv, &mut ()).unwrap();
        let peer = |c: &str, n: &str| Named { code: c.into(), name: n.into(), liaison: None };
        let place = Place {
            code: "59003".into(),
            name: "C".into(),
            epci: Some(Named {
                code: "200093201".into(), name: "Métropole Européenne de Lille".into(), liaison: None
            }),
            peers: vec![peer("59001", "A"), peer("59002", "B"), peer("59003", "C"), peer("59004", "<b>D</b>")],
            ..Place::default()
        };
        let selection = Selection::of(&ws, &place).unwrap();
        let request = ChartRequest {
            column: "MED21".into(),
            kind: ChartKind::Map,
            label: Some("Médiane du niveau de vie (€)".into()),
            unit: Some("€".into()),
            ..ChartRequest::default()
        };
        let drawn = draw(&ws, &selection, &request, &atlas).unwrap();
        let option: Value = serde_json::from_str(&drawn.option).unwrap();
        assert_eq!(option["carnetMap"]["geoJSON"]["features"].as_array().unwrap().len(), 3);
        let data = option["series"][0]["data"].as_array().unwrap();
        assert_eq!(data[1]["value"], "-");
        assert_eq!(data[2]["itemStyle"]["borderWidth"], 3);
        assert_eq!(data[2]["label"]["align"], "right", "C lies east: its name reads leftwards");
        assert_eq!(drawn.data[0], ("C".to_owned(), "30\u{202f}000\u{a0}€".to_owned()));
        assert!(drawn.source.ends_with("Contours : IGN, Admin Express COG 2018"), "{}", drawn.source);
        assert!(drawn.alt.contains("Carte des 3 communes de la Métropole Européenne de Lille"), "{}", drawn.alt);
        assert!(drawn.alt.contains("1 commune sans valeur"), "{}", drawn.alt);
        assert_eq!(drawn.note.as_deref(), Some("En gris : valeur absente ou couverte par le secret statistique"));

        // A neighbour that merged another commune since the contours' vintage: both outlines.
        let merged = Place { merged_peers: [("59002".to_owned(), vec!["59004".to_owned()])].into(), ..place };
        let file =
            file.replace(r#"["59003","C""#, r#"["59004","D",[[[60,506000,10,0,0,10,-10,0,0,-10]]]],["59003","C""#);
        let mut atlas = Atlas::default();
        atlas.add(Contours::parse(&file).unwrap());
        let selection = Selection::of(&ws, &merged).unwrap();
        let drawn = draw(&ws, &selection, &request, &atlas).unwrap();
        let option: Value = serde_json::from_str(&drawn.option).unwrap();
        let features = option["carnetMap"]["geoJSON"]["features"].as_array().unwrap();
        let b = features.iter().find(|f| f["properties"]["code"] == "59002").unwrap();
        assert_eq!(b["geometry"]["coordinates"].as_array().unwrap().len(), 2, "B and the commune it merged");
    }
}
