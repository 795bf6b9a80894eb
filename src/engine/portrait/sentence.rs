//! One sentence in plain French per key figure, written from its numbers: what the figure
//! says of the territory, how it moved since the year before, and the same figure for the
//! levels the territory belongs to.

use super::{Compared, Point};
use crate::engine::format;
use crate::engine::table::Marker;
use crate::engine::territory::Place;
use crate::engine::territory::levels::Level;

/// What a sentence is written from.
pub struct Facts<'a> {
    /// The indicator without vintage (`MED`, `TP60`, `P_POP`).
    pub key: &'a str,
    /// What it measures, in words.
    pub label: &'a str,
    /// Its unit.
    pub unit: Option<&'a str>,
    /// The territory's values over the years, oldest first; the last one is the figure.
    pub history: &'a [Point],
    /// The same figure for the levels above, the same year.
    pub compared: &'a [Compared],
    /// Whether it counts (people, households): a count is not compared in words with a
    /// département's, which is only larger.
    pub count: bool,
}

/// Where the territory is, after a verb: « à Sailly-lez-Lannoy », « au Cateau-Cambrésis »,
/// « aux Lilas », « dans la Métropole Européenne de Lille », « dans le Nord », « en France ».
///
/// ```
/// use carnet::engine::portrait::sentence::at;
/// use carnet::engine::territory::Place;
/// let place = |name: &str| Place { code: "59001".into(), name: name.into(), ..Place::default() };
/// assert_eq!(at(&place("Sailly-lez-Lannoy")), "à Sailly-lez-Lannoy");
/// assert_eq!(at(&place("Le Cateau-Cambrésis")), "au Cateau-Cambrésis");
/// assert_eq!(at(&place("Les Lilas")), "aux Lilas");
/// ```
pub fn at(place: &Place) -> String {
    match place.level {
        Level::Iris | Level::Commune => {
            if let Some(rest) = place.name.strip_prefix("Le ") {
                format!("au {rest}")
            } else if let Some(rest) = place.name.strip_prefix("Les ") {
                format!("aux {rest}")
            } else {
                format!("à {}", place.name)
            }
        }
        level => level_at(place, level),
    }
}

/// Where a level above the commune is: « dans le Nord », « en France ».
pub fn level_at(place: &Place, level: Level) -> String {
    match level {
        Level::France => "en France".to_owned(),
        Level::Iris | Level::Commune => at(place),
        _ => format!("dans {}", crate::engine::territory::levels::the(place, level)),
    }
}

/// The territory after « des habitants »: « de Sailly-lez-Lannoy », « du Nord », « de la
/// Métropole Européenne de Lille ».
fn of_place(place: &Place) -> String {
    match place.level {
        Level::Epci => place.epci.as_ref().map_or_else(|| crate::engine::text::of(&place.name, None), |e| e.of()),
        Level::Departement => place.departement.of(),
        Level::Region => place.region.of(),
        Level::France => "de France".to_owned(),
        Level::Iris | Level::Commune => crate::engine::text::of(&place.name, None),
    }
}

/// Which of the figures Carnet words in a sentence of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Known {
    /// The median of the standard of living (Filosofi).
    Median,
    /// The poverty rate at 60 % of the median (Filosofi).
    Poverty,
    /// A population.
    Population,
    /// Any other.
    Other,
}

fn known(key: &str, label: &str) -> Known {
    // Exact keys and whole labels: « Taux de pauvreté-locataires » is a group's rate, DEC_MED
    // a median of declared income, not of the standard of living.
    let label = crate::engine::text::fold(bare(label));
    let key = key.to_ascii_uppercase();
    if matches!(key.as_str(), "MED" | "DISP_MED")
        || label == "mediane du niveau de vie"
        || label == "mediane du niveau vie"
    {
        Known::Median
    } else if matches!(key.as_str(), "TP60" | "DISP_TP60") || label == "taux de pauvrete" {
        Known::Poverty
    } else if matches!(key.as_str(), "P_POP" | "PMUN" | "POP" | "PTOT") || label == "population" {
        Known::Population
    } else {
        Known::Other
    }
}

/// The sentence of a figure for `place`.
pub fn sentence(place: &Place, facts: &Facts<'_>) -> String {
    let Some(last) = facts.history.last() else { return String::new() };
    let year = last.year.map(|y| format!("En {y}, ")).unwrap_or_default();
    let of = of_place(place);
    let Some(value) = last.value else {
        let why = match last.marker {
            Some(Marker::Secret) => "elle est couverte par le secret statistique",
            Some(Marker::NotSignificant) => "trop peu d’observations pour la publier",
            Some(Marker::NotApplicable) => "elle est sans objet pour ce territoire",
            _ => "le fichier ne la donne pas",
        };
        return capitalise(&format!(
            "{year}la valeur « {} » {} n’est pas connue : {why}.",
            bare(facts.label),
            at(place)
        ));
    };
    let shown = format::number_in(value, last.decimals, facts.unit);
    let mut text = match known(facts.key, facts.label) {
        Known::Median if place.level <= Level::Commune => format!(
            "{year}la moitié des habitants {of} vivent dans un ménage dont le niveau de vie (le revenu disponible \
             par unité de consommation) dépasse {shown} par an."
        ),
        Known::Median => format!("{year}le niveau de vie médian {} est de {shown} par an.", at(place)),
        Known::Poverty => format!("{year}{shown} des habitants {of} vivent sous le seuil de pauvreté."),
        Known::Population if place.level <= Level::Commune => {
            format!("{year}{} compte {} habitants.", place.name, format::number_with(value, last.decimals))
        }
        Known::Population => {
            format!("{year}{} habitants vivent {}.", format::number_with(value, last.decimals), at(place))
        }
        Known::Other => {
            // INSEE's « dont part des salaires… » is a part of the line above it in its tables.
            let label = bare(facts.label);
            let label = label.strip_prefix("dont ").unwrap_or(label);
            format!("{year}{} {} : {shown}.", lower_first(label), at(place))
        }
    };
    text = capitalise(&text);
    if let Some(moved) = moved(facts) {
        text.push(' ');
        text.push_str(&moved);
    }
    let compared: Vec<String> = facts
        .compared
        .iter()
        .filter_map(|c| {
            Some(format!("{} {}", format::number_in(c.value?, c.decimals, facts.unit), level_at(place, c.level)))
        })
        .collect();
    let year = facts.compared.first().and_then(|c| c.year);
    match facts.history.iter().find(|p| p.year == year && p.value.is_some()) {
        _ if compared.is_empty() || facts.count => {}
        Some(then) if year != last.year => {
            let own = format!(
                "{} {}",
                format::number_in(then.value.unwrap_or_default(), then.decimals, facts.unit),
                at(place)
            );
            let y = year.map(|y| format!(", en {y}")).unwrap_or_default();
            let all: Vec<String> = std::iter::once(own).chain(compared).collect();
            text.push_str(&format!(" Pour comparaison{y} : {}.", list(&all)));
        }
        _ => text.push_str(&format!(" Pour comparaison : {}.", list(&compared))),
    }
    text
}

/// How the figure moved since the year before it: « C’est 1,4 % de plus qu’en 2020
/// (29 440 €). », in points for a percentage.
fn moved(facts: &Facts<'_>) -> Option<String> {
    let [.., before, last] = facts.history else { return None };
    let (b, l) = (before.value?, last.value?);
    let year = before.year?;
    let was = format::number_in(b, before.decimals, facts.unit);
    if facts.unit == Some("%") {
        let points = l - b;
        if points.abs() < 0.05 {
            return Some(format!("C’est autant qu’en {year}."));
        }
        let n = format::number_with((points.abs() * 10.0).round() / 10.0, 1);
        let more = if points > 0.0 { "de plus" } else { "de moins" };
        let s = if points.abs() >= 2.0 { "s" } else { "" };
        return Some(format!("C’est {n} point{s} {more} qu’en {year} ({was})."));
    }
    if b == 0.0 {
        return None;
    }
    let percent = (l - b) / b.abs() * 100.0;
    if percent.abs() < 0.05 {
        return Some(format!("C’est autant qu’en {year} ({was})."));
    }
    let n = format::number_with((percent.abs() * 10.0).round() / 10.0, 1);
    let more = if percent > 0.0 { "de plus" } else { "de moins" };
    Some(format!("C’est {n}\u{a0}% {more} qu’en {year} ({was})."))
}

/// A label without the unit it ends with (« Médiane du niveau de vie (€) » → « Médiane du
/// niveau de vie »): the value carries it.
pub fn bare(label: &str) -> &str {
    // INSEE's « Taux de pauvreté-Ensemble (%) »: the whole population is what a rate says.
    let label = label.strip_suffix(" (%)").map_or(label, |l| l.strip_suffix("-Ensemble").unwrap_or(l));
    // Only a unit goes (« (€) », « (en euros) »); a qualifier stays (« (15-64 ans) »).
    const UNITS: [&str; 7] = ["(€)", "(%)", "(en €)", "(en %)", "(en euros)", "(euros)", "(nombre)"];
    UNITS.iter().find_map(|u| label.strip_suffix(u).map(str::trim_end)).unwrap_or(label)
}

/// « a », « a et b », « a, b et c ».
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} et {last}", rest.join(", ")),
    }
}

/// The label as it reads inside a sentence: its first letter lowered, unless the second is a
/// capital too (an acronym: « CAF »).
fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), label.chars().nth(1)) {
        (Some(first), Some(second)) if !second.is_uppercase() => first.to_lowercase().chain(chars).collect(),
        _ => label.to_owned(),
    }
}

/// The sentence with its first letter a capital.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::portrait::tests::sailly;

    fn point(year: u16, value: f64) -> Point {
        Point { year: Some(year), value: Some(value), decimals: 0, marker: None }
    }

    #[test]
    fn the_median_says_what_half_the_inhabitants_live_above() {
        let history = [point(2020, 29_440.0), point(2021, 29_860.0)];
        let compared = [Compared {
            level: Level::Departement,
            year: Some(2021),
            name: "Nord".into(),
            value: Some(21_500.0),
            decimals: 0,
        }];
        let facts = Facts {
            key: "MED",
            label: "Médiane du niveau de vie (€)",
            unit: Some("€"),
            history: &history,
            compared: &compared,
            count: false,
        };
        assert_eq!(
            sentence(&sailly(), &facts),
            "En 2021, la moitié des habitants de Sailly-lez-Lannoy vivent dans un ménage dont le niveau de vie (le \
             revenu disponible par unité de consommation) dépasse 29\u{202f}860\u{a0}€ par an. C’est 1,4\u{a0}% de plus \
             qu’en 2020 (29\u{202f}440\u{a0}€). Pour comparaison : 21\u{202f}500\u{a0}€ dans le Nord."
        );
    }

    #[test]
    fn a_rate_moves_in_points_and_a_secret_is_said() {
        let history = [
            Point { year: Some(2020), value: Some(7.9), decimals: 1, marker: None },
            Point { year: Some(2021), value: Some(8.2), decimals: 1, marker: None },
        ];
        let facts = Facts {
            key: "TP60",
            label: "Taux de pauvreté-Ensemble (%)",
            unit: Some("%"),
            history: &history,
            compared: &[],
            count: false,
        };
        assert_eq!(
            sentence(&sailly(), &facts),
            "En 2021, 8,2\u{a0}% des habitants de Sailly-lez-Lannoy vivent sous le seuil de pauvreté. C’est 0,3 point de \
             plus qu’en 2020 (7,9\u{a0}%)."
        );
        let secret = [Point { year: Some(2021), value: None, decimals: 0, marker: Some(Marker::Secret) }];
        let facts =
            Facts { key: "D1", label: "1er décile", unit: None, history: &secret, compared: &[], count: false };
        assert_eq!(
            sentence(&sailly(), &facts),
            "En 2021, la valeur « 1er décile » à Sailly-lez-Lannoy n’est pas connue : elle est couverte par le secret \
             statistique."
        );
    }

    #[test]
    fn a_group_s_rate_and_a_declared_median_are_not_read_as_the_whole_s() {
        let history = [Point { year: Some(2021), value: Some(18.0), decimals: 0, marker: None }];
        let facts = |key, label| Facts { key, label, unit: Some("%"), history: &history, compared: &[], count: false };
        let renters = sentence(&sailly(), &facts("TP60TOL2", "Taux de pauvreté-locataires (%)"));
        assert!(!renters.contains("seuil de pauvreté"), "{renters}");
        assert!(renters.starts_with("En 2021, taux de pauvreté-locataires à Sailly-lez-Lannoy : 18"), "{renters}");
        let declared = sentence(&sailly(), &facts("DEC_MED", "Médiane du revenu déclaré par UC (€)"));
        assert!(!declared.contains("niveau de vie"), "{declared}");
        assert_eq!(bare("Part des 15-64 ans (15-64 ans)"), "Part des 15-64 ans (15-64 ans)", "a qualifier stays");
    }

    #[test]
    fn other_figures_and_levels_read_as_french() {
        let history = [point(2021, 743.0)];
        let compared = [
            Compared { level: Level::Epci, year: Some(2021), name: "MEL".into(), value: Some(500_000.0), decimals: 0 },
            Compared {
                level: Level::France,
                year: Some(2021),
                name: "France".into(),
                value: Some(29_000_000.0),
                decimals: 0,
            },
        ];
        let facts = Facts {
            key: "NBMENFISC",
            label: "Nombre de ménages fiscaux",
            unit: None,
            history: &history,
            compared: &compared,
            count: false,
        };
        assert_eq!(
            sentence(&sailly(), &facts),
            "En 2021, nombre de ménages fiscaux à Sailly-lez-Lannoy : 743. Pour comparaison : 500\u{202f}000 dans la Métropole \
             Européenne de Lille et 29\u{202f}000\u{202f}000 en France."
        );
    }
}
