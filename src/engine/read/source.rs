//! Where a file comes from, as its name tells: the source line of charts and metadata
//! ("Source : Insee, Filosofi 2020").
//!
//! ```
//! use carnet::engine::read::source;
//! assert_eq!(source::line("cc_filosofi_2020_COM.csv"), "Source : Insee, Filosofi 2020");
//! assert_eq!(source::line("mes_donnees.csv"), "Source : fichier mes_donnees.csv");
//! ```

/// A publication a file name points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Publication {
    /// Producer and series, as a source line names them ("Insee, Filosofi").
    pub name: &'static str,
    /// What it is about, as a title says it ("Revenus, pauvreté et niveau de vie").
    pub theme: &'static str,
    /// Keywords for a catalogue, already slugs.
    pub tags: &'static [&'static str],
    /// Terms its readers may need explained.
    pub glossary: &'static [Term],
    /// The vintage, when the name has one.
    pub year: Option<u16>,
}

/// A term and its meaning.
pub type Term = (&'static str, &'static str);

/// A publication recognised by its file name.
struct Known {
    /// Whether a lower-cased file name is one of its files.
    test: fn(&str) -> bool,
    name: &'static str,
    theme: &'static str,
    tags: &'static [&'static str],
    glossary: &'static [Term],
}

const KNOWN: &[Known] = &[
    Known {
        test: |n| n.contains("filosofi"),
        name: "Insee, Filosofi",
        theme: "Revenus, pauvreté et niveau de vie",
        tags: &["insee", "filosofi", "revenus", "pauvrete", "niveau-de-vie"],
        glossary: &[
            (
                "Ménage fiscal",
                "ensemble des personnes inscrites dans un même logement sur les déclarations de revenus.",
            ),
            (
                "Niveau de vie",
                "revenu disponible du ménage (après impôts et prestations sociales) divisé par le nombre \
                 d’unités de consommation : 1 pour le premier adulte, 0,5 pour chaque autre personne de \
                 14 ans ou plus, 0,3 pour chaque enfant de moins de 14 ans.",
            ),
            ("Médiane", "valeur qui partage la population en deux moitiés : la moitié a moins, l’autre plus."),
            (
                "Taux de pauvreté",
                "part des personnes dont le niveau de vie est inférieur à 60 % du niveau de vie médian de \
                 la France métropolitaine.",
            ),
            (
                "Décile",
                "D1 : niveau de vie sous lequel se situent les 10 % les plus modestes ; D9 : niveau de vie \
                 au-dessus duquel se situent les 10 % les plus aisés.",
            ),
        ],
    },
    Known {
        test: |n| n.contains("salaire"),
        name: "Insee, salaires et revenus d’activité",
        theme: "Travail et revenus d’activité",
        tags: &["insee", "salaires", "revenus"],
        glossary: &[],
    },
    Known {
        test: |n| n.starts_with("base-cc") || n.starts_with("base_cc") || n.contains("_rp"),
        name: "Insee, recensement de la population",
        theme: "Recensement de la population",
        tags: &["insee", "recensement", "population"],
        glossary: &[(
            "Population municipale",
            "personnes ayant leur résidence habituelle sur le territoire de la commune.",
        )],
    },
    Known {
        test: |n| n.contains("caf") || n.contains("allocataires"),
        name: "Caisse d’allocations familiales (CAF)",
        theme: "Allocataires et prestations de la CAF",
        tags: &["caf", "allocataires", "prestations-sociales"],
        glossary: &[(
            "Allocataire",
            "personne qui perçoit au moins une prestation versée par la CAF au titre de son foyer.",
        )],
    },
    Known {
        test: |n| n.contains("observatoire"),
        name: "Observatoire des territoires",
        theme: "Indicateurs de l’Observatoire des territoires",
        tags: &["observatoire-des-territoires", "indicateurs"],
        glossary: &[],
    },
];

/// The publication `file_name` comes from, when its name tells it.
pub fn publication(file_name: &str) -> Option<Publication> {
    let lower = file_name.to_lowercase();
    let k = KNOWN.iter().find(|k| (k.test)(&lower))?;
    Some(Publication { name: k.name, theme: k.theme, tags: k.tags, glossary: k.glossary, year: year(&lower) })
}

/// The producer and publication a file name points to, with its year if it has one.
pub fn describe(file_name: &str) -> Option<String> {
    let p = publication(file_name)?;
    Some(match p.year {
        Some(y) => format!("{} {y}", p.name),
        None => p.name.to_owned(),
    })
}

/// The publications several files come from, each named once with its vintages: « Insee,
/// Filosofi 2019, 2020 et 2021 ; fichier notes.csv ».
///
/// ```
/// use carnet::engine::read::source::describe_all;
/// let names = ["cc_filosofi_2019_COM.CSV", "cc_filosofi_2021_COM.csv", "cc_filosofi_2020_COM.csv"];
/// assert_eq!(describe_all(&names), "Insee, Filosofi 2019, 2020 et 2021");
/// assert_eq!(describe_all(&["a.csv", "cc_filosofi_2020_COM.csv"]), "fichier a.csv ; Insee, Filosofi 2020");
/// ```
pub fn describe_all(file_names: &[&str]) -> String {
    let mut groups: Vec<(String, Vec<u16>)> = Vec::new();
    for name in file_names {
        let (key, year) = match publication(name) {
            Some(p) => (p.name.to_owned(), p.year),
            None => (format!("fichier {name}"), None),
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, years)) => years.extend(year),
            None => groups.push((key, year.into_iter().collect())),
        }
    }
    let named: Vec<String> = groups
        .into_iter()
        .map(|(name, mut years)| {
            years.sort_unstable();
            years.dedup();
            let mut years: Vec<String> = years.iter().map(u16::to_string).collect();
            match years.pop() {
                None => name,
                Some(last) if years.is_empty() => format!("{name} {last}"),
                Some(last) => format!("{name} {} et {last}", years.join(", ")),
            }
        })
        .collect();
    named.join(" ; ")
}

/// The source line: the publication when the name tells it, else the file's name.
pub fn line(file_name: &str) -> String {
    match describe(file_name) {
        Some(publication) => format!("Source : {publication}"),
        None => format!("Source : fichier {file_name}"),
    }
}

/// The first year (1900–2099) standing alone in a name.
pub fn year(name: &str) -> Option<u16> {
    let b = name.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let alone = |j: Option<&u8>| j.is_none_or(|c| !c.is_ascii_digit());
        // Bytes, not a `str` slice: `i` may fall inside a multi-byte character.
        let candidate = &b[i..i + 4];
        ((candidate.starts_with(b"19") || candidate.starts_with(b"20"))
            && candidate.iter().all(u8::is_ascii_digit)
            && alone(i.checked_sub(1).and_then(|k| b.get(k)))
            && alone(b.get(i + 4)))
        .then(|| candidate.iter().fold(0, |y, d| y * 10 + u16::from(d - b'0')))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_publications() {
        assert_eq!(describe("cc_filosofi_2019_COM.CSV").as_deref(), Some("Insee, Filosofi 2019"));
        assert_eq!(
            describe("base-cc-evol-struct-pop-2021.csv").as_deref(),
            Some("Insee, recensement de la population 2021")
        );
        assert_eq!(
            describe("base-cc-salaire-net-horaire-moyen-10.xls").as_deref(),
            Some("Insee, salaires et revenus d’activité"),
            "a key-figures base of another theme is no census"
        );
        assert_eq!(
            describe("caf_allocataires_2022.csv").as_deref(),
            Some("Caisse d’allocations familiales (CAF) 2022")
        );
        assert_eq!(describe("export.csv"), None);
        assert_eq!(describe("filosofi_59522.csv").as_deref(), Some("Insee, Filosofi"), "59522 is no year");
        assert_eq!(
            describe("Filosofi_été_2021.csv").as_deref(),
            Some("Insee, Filosofi 2021"),
            "accents before the year"
        );
        assert_eq!(
            publication("cc_filosofi_2020_COM.csv").map(|p| p.theme),
            Some("Revenus, pauvreté et niveau de vie")
        );
    }
}
