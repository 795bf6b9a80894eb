//! A chart's French text alternative: what it shows, in sentences a screen reader reads.

use super::{Bar1, BarChart};

/// A French text alternative for a line over years.
pub fn evolution_alternative(chart: &BarChart, place: &str) -> String {
    let points: Vec<String> =
        chart.bars.iter().map(|b| format!("{} en {}", chart.with_unit(&b.text), b.label)).collect();
    let mut sentence = format!("{} à {place} : {}.", chart.title, points.join(", "));
    let valued: Vec<(&str, f64)> = chart.bars.iter().filter_map(|b| Some((b.label.as_str(), b.value?))).collect();
    if let (Some(&(from, a)), Some(&(to, b))) = (valued.first(), valued.last())
        && valued.len() >= 2
        && a != 0.0
    {
        let change = (b - a) / a.abs() * 100.0;
        let rounded = (change * 10.0).round() / 10.0;
        let sign = if rounded > 0.0 { "+" } else { "" };
        sentence.push_str(&format!(" De {from} à {to} : {sign}{} %.", crate::engine::format::number(rounded)));
    }
    format!("{sentence} {}.", chart.source)
}

/// A French text alternative for the commune beside the territories it belongs to; `named`
/// gives a bar's label with its article where it has one.
///
/// "Médiane du niveau de vie : 29 440 € à Sailly-lez-Lannoy, contre 24 000 € pour la
/// Métropole Européenne de Lille, 21 000 € pour le Nord… Source : …"
pub fn levels_alternative(chart: &BarChart, named: &dyn Fn(&str) -> Option<String>) -> String {
    let value = |b: &Bar1| if b.value.is_some() { chart.with_unit(&b.text) } else { "valeur manquante".to_owned() };
    let Some(commune) = chart.bars.iter().find(|b| b.highlight) else {
        return format!("{} : aucune valeur. {}.", chart.title, chart.source);
    };
    let others: Vec<String> = chart
        .bars
        .iter()
        .filter(|b| !b.highlight)
        .map(|b| format!("{} pour {}", value(b), named(&b.label).unwrap_or_else(|| b.label.clone())))
        .collect();
    // « à Sailly-lez-Lannoy », « à la Métropole Européenne de Lille », « au Nord », « aux Hauts-de-France ».
    let at = match named(&commune.label) {
        Some(the) => match (the.strip_prefix("le "), the.strip_prefix("les ")) {
            (Some(rest), _) => format!("au {rest}"),
            (_, Some(rest)) => format!("aux {rest}"),
            _ => format!("à {the}"),
        },
        None => format!("à {}", commune.label),
    };
    let mut sentence = format!("{} : {} {at}", chart.title, value(commune));
    if !others.is_empty() {
        sentence += &format!(", contre {}", others.join(", "));
    }
    format!("{sentence}. {}.", chart.source)
}

/// A French text alternative for a bar chart; `group` names the comparison group of a
/// ranking as it follows « communes » (« de la Métropole Européenne de Lille »). Ranks follow
/// the values, whatever order the bars are drawn in.
pub fn text_alternative(chart: &BarChart, group: Option<&str>) -> String {
    let text = |b: &Bar1| chart.with_unit(&b.text);
    let worded = |b: &Bar1| {
        if b.value.is_some() { text(b) } else { "valeur sous secret ou non disponible".to_owned() }
    };
    let Some(chosen) = chart.bars.iter().find(|b| b.highlight) else {
        return format!("{} : aucune valeur.", chart.title);
    };
    let name = &chosen.label;
    if !chart.horizontal || chart.bars.len() < 2 {
        return format!("{} à {} : {}. {}.", chart.title, name, worded(chosen), chart.source);
    }
    // Highest first; equal values keep the bars' order.
    let mut valued: Vec<&Bar1> = chart.bars.iter().filter(|b| b.value.is_some()).collect();
    valued.sort_by(|a, b| b.value.unwrap_or(0.0).total_cmp(&a.value.unwrap_or(0.0)));
    let mut sentence = match valued.iter().position(|b| std::ptr::eq(*b, chosen)) {
        Some(rank) => format!(
            "{name} se classe {}{} sur {} communes{} pour {} ({}).",
            rank + 1,
            if rank == 0 { "re" } else { "e" },
            valued.len(),
            group.map(|g| format!(" {g}")).unwrap_or_default(),
            chart.title,
            text(chosen)
        ),
        None => format!("{name} : {} pour {}.", worded(chosen), chart.title),
    };
    if let (Some(top), Some(bottom)) = (valued.first(), valued.last()) {
        sentence.push_str(&format!(
            " La valeur la plus haute est celle {} ({}), la plus basse celle {} ({}).",
            crate::engine::text::of(&top.label, None),
            text(top),
            crate::engine::text::of(&bottom.label, None),
            text(bottom)
        ));
    }
    let without = chart.bars.len() - valued.len();
    if without > 0 {
        sentence.push_str(&format!(" {without} commune(s) sans valeur (secret statistique ou non disponible)."));
    }
    format!("{sentence} {}.", chart.source)
}
