//! data.gouv.fr's vocabularies (licence, frequency and granularity ids, zone ids) and its rules
//! for tags, as udata defines them.

use crate::engine::text::fold;

/// Licence Ouverte / Open Licence 2.0, the default for public bodies.
pub const LICENCE_OUVERTE: &str = "lov2";

/// Licence ids with their titles; the first two are the ones a public body may use without
/// approval (CRPA D.323-2-1), offered first.
pub const LICENCES: &[(&str, &str)] = &[
    ("lov2", "Licence Ouverte / Open Licence version 2.0"),
    ("odc-odbl", "Open Data Commons Open Database License (ODbL)"),
    ("fr-lo", "Licence Ouverte / Open Licence (version 1.0)"),
    ("odc-by", "Open Data Commons Attribution License"),
    ("odc-pddl", "Open Data Commons Public Domain Dedication and License (PDDL)"),
    ("cc-by", "Creative Commons Attribution"),
    ("cc-by-sa", "Creative Commons Attribution Share-Alike"),
    ("cc-zero", "Creative Commons CCZero"),
    ("notspecified", "Licence non spécifiée"),
    ("other-at", "Autre (Attribution)"),
    ("other-open", "Autre (Ouverte)"),
    ("other-pd", "Autre (Domaine public)"),
];

/// Update frequency ids with their French labels, as udata 17 defines them
/// (`UpdateFrequency`), the usual ones for public statistics first.
pub const FREQUENCIES: &[(&str, &str)] = &[
    ("annual", "Annuelle"),
    ("punctual", "Ponctuelle"),
    ("irregular", "Sans régularité"),
    ("unknown", "Inconnue"),
    ("biennial", "Tous les deux ans"),
    ("triennial", "Tous les trois ans"),
    ("quadrennial", "Tous les quatre ans"),
    ("quinquennial", "Tous les cinq ans"),
    ("decennial", "Tous les dix ans"),
    ("semiannual", "Deux fois par an"),
    ("threeTimesAYear", "Trois fois par an"),
    ("quarterly", "Trimestrielle"),
    ("bimonthly", "Tous les deux mois"),
    ("monthly", "Mensuelle"),
    ("semimonthly", "Deux fois par mois"),
    ("threeTimesAMonth", "Trois fois par mois"),
    ("biweekly", "Toutes les deux semaines"),
    ("weekly", "Hebdomadaire"),
    ("semiweekly", "Deux fois par semaine"),
    ("threeTimesAWeek", "Trois fois par semaine"),
    ("fiveTimesAWeek", "Cinq fois par semaine"),
    ("daily", "Quotidienne"),
    ("semidaily", "Deux fois par jour"),
    ("threeTimesADay", "Trois fois par jour"),
    ("severalTimesADay", "Plusieurs fois par jour"),
    ("twelveHours", "Toutes les douze heures"),
    ("trihourly", "Toutes les trois heures"),
    ("bihourly", "Toutes les deux heures"),
    ("hourly", "Toutes les heures"),
    ("thirtyMinutes", "Toutes les trente minutes"),
    ("fifteenMinutes", "Toutes les quinze minutes"),
    ("tenMinutes", "Toutes les dix minutes"),
    ("fiveMinutes", "Toutes les cinq minutes"),
    ("oneMinute", "Toutes les minutes"),
    ("continuous", "Temps réel"),
    ("bidecennial", "Tous les vingt ans"),
    ("tridecennial", "Tous les trente ans"),
    ("never", "Jamais"),
    ("notPlanned", "Non planifiée"),
    ("other", "Autre"),
];

/// The granularity of a territory's data, by its level.
pub fn granularity(level: crate::engine::territory::Level) -> &'static str {
    use crate::engine::territory::Level;
    match level {
        Level::Iris | Level::Commune => "fr:commune",
        Level::Epci => "fr:epci",
        Level::Departement => "fr:departement",
        Level::Region => "fr:region",
        Level::France => "country",
    }
}

/// Spatial granularity ids with their French labels (data.gouv.fr's geographic levels).
pub const GRANULARITIES: &[(&str, &str)] = &[
    ("fr:commune", "Commune"),
    ("fr:iris", "Iris (quartiers Insee)"),
    ("fr:epci", "Intercommunalité (EPCI)"),
    ("fr:canton", "Canton"),
    ("fr:arrondissement", "Arrondissement"),
    ("fr:departement", "Département"),
    ("fr:region", "Région"),
    ("fr:collectivite", "Collectivité d’outre-mer"),
    ("country", "Pays"),
    ("country-subset", "Sous-ensemble de pays"),
    ("country-group", "Groupement de pays"),
    ("poi", "Point d’intérêt"),
    ("other", "Autre"),
];

/// The shortest tag data.gouv.fr keeps.
pub const TAG_MIN: usize = 3;
/// The longest tag data.gouv.fr keeps.
pub const TAG_MAX: usize = 96;

/// Whether `id` is in the vocabulary `list`.
pub fn knows(list: &[(&str, &str)], id: &str) -> bool {
    list.iter().any(|(known, _)| *known == id)
}

/// The label of `id` in `list`, else the id itself.
pub fn label<'a>(list: &'a [(&'a str, &'a str)], id: &'a str) -> &'a str {
    list.iter().find(|(known, _)| *known == id).map_or(id, |(_, label)| label)
}

/// A tag as data.gouv.fr stores it: lower case, no accents, words joined by `-`.
///
/// ```
/// use carnet::engine::publish::vocabulary::tag;
/// assert_eq!(tag("Besoins sociaux"), "besoins-sociaux");
/// assert_eq!(tag("  Niveau de vie — 2020 "), "niveau-de-vie-2020");
/// ```
pub fn tag(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// Whether `zone` is a well-formed data.gouv.fr zone id for a French territory.
///
/// ```
/// use carnet::engine::publish::vocabulary::is_zone;
/// assert!(is_zone("fr:commune:59522") && is_zone("fr:commune:2A004") && is_zone("country:fr"));
/// assert!(!is_zone("fr:commune:5952") && !is_zone("59522"));
/// ```
pub fn is_zone(zone: &str) -> bool {
    // On bytes: a code may hold any character, and slicing a `str` inside one would panic.
    let digits = |s: &[u8], n: usize| s.len() == n && s.iter().all(u8::is_ascii_digit);
    let departement = |s: &[u8]| digits(s, 2) || s == b"2A" || s == b"2B" || (digits(s, 3) && s.starts_with(b"97"));
    let code_of = |s: &[u8], n: usize| s.len() == n && departement(&s[..2]) && digits(&s[2..], n - 2);
    match zone.split_once(':').and_then(|(country, rest)| Some((country, rest.split_once(':')?))) {
        Some(("fr", ("commune", code))) => code_of(code.as_bytes(), 5),
        Some(("fr", ("iris", code))) => code_of(code.as_bytes(), 9),
        Some(("fr", ("epci", code))) => digits(code.as_bytes(), 9),
        Some(("fr", ("departement", code))) => departement(code.as_bytes()),
        Some(("fr", ("region", code))) => digits(code.as_bytes(), 2),
        _ => zone == "country:fr",
    }
}

/// The media type of a file format.
pub fn mime(format: &str) -> &'static str {
    match format {
        "csv" => "text/csv",
        "json" => "application/json",
        "md" => "text/markdown",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "html" => "text/html",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_codes() {
        assert!(is_zone("fr:commune:97411"));
        assert!(is_zone("fr:epci:200093201"));
        assert!(is_zone("fr:departement:2B") && is_zone("fr:departement:974") && is_zone("fr:region:32"));
        assert!(!is_zone("fr:commune:59522x") && !is_zone("fr:epci:20009320") && !is_zone("fr:ville:59522"));
        assert!(!is_zone("fr:commune:é9522") && !is_zone("fr:commune:aé92x"), "no panic on a multi-byte character");
    }

    #[test]
    fn tags_and_labels() {
        assert_eq!(tag("Sailly-lez-Lannoy"), "sailly-lez-lannoy");
        assert_eq!(tag("Saint-Étienne"), "saint-etienne");
        assert_eq!(tag("---"), "");
        assert_eq!(label(LICENCES, "lov2"), "Licence Ouverte / Open Licence version 2.0");
        assert!(knows(FREQUENCIES, "annual") && !knows(FREQUENCIES, "yearly"));
        assert_eq!(FREQUENCIES.len(), 40, "udata 17's UpdateFrequency has 40 ids");
        assert!(!knows(FREQUENCIES, "fourTimesADay"), "a legacy id udata rewrites");
    }
}
