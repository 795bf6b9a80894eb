//! The official geography: communes with their EPCI, département and région, and the
//! commune picker's matching.
//!
//! The data is the `territoires.tsv` asset built from `@etalab/decoupage-administratif`
//! (see `scripts/build-territories.mjs`).
//!
//! ```
//! use carnet::engine::territory::Territories;
//! let tsv = "level\tcode\tname\tdepartement\tregion\tepci\tpopulation\tpostcodes\tformer_codes\tparent\n\
//!            D\t59\tNord\t\t32\t\t\t\t\t\n\
//!            C\t59522\tSailly-lez-Lannoy\t59\t32\t200093201\t1923\t59390\t\t\n";
//! let t = Territories::parse(tsv).unwrap();
//! assert_eq!(t.search("sailly lez", 5)[0].code, "59522");
//! assert_eq!(t.search("59390", 5)[0].name, "Sailly-lez-Lannoy");
//! ```

pub mod contours;
pub mod filter;
pub mod level;
pub mod levels;
pub mod selection;

use crate::engine::text::fold;
pub use level::Level;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A current commune.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commune {
    /// INSEE code, 5 characters.
    pub code: String,
    /// Official name.
    pub name: String,
    /// Département code (`59`, `2A`, `974`).
    pub departement: String,
    /// Région code.
    pub region: String,
    /// SIREN of its EPCI, empty when it has none.
    pub epci: String,
    /// Municipal population.
    pub population: u32,
    /// Postal codes.
    pub postcodes: Vec<String>,
    /// INSEE codes it had before a merger.
    pub former_codes: Vec<String>,
    /// The name folded for matching (lower case, no accents, `saint` spelt out).
    key: String,
}

/// A level above the commune: code and name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    /// Official code (SIREN for an EPCI).
    pub code: String,
    /// Official name.
    pub name: String,
    /// How French links the name after « de », as INSEE codes it (TNCC: 0 « de », 1 « d’ »,
    /// 2 « du », 3 « de la », 4 « des », 5 « de l’ »); `None` where INSEE gives none (an
    /// EPCI, a commune) and the form is worked out from the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub liaison: Option<u8>,
}

impl Named {
    /// The name as it follows « de » in a French sentence: « du Nord », « de la Somme »,
    /// « de l’Ain », « des Hauts-de-France », « de la Métropole Européenne de Lille ».
    ///
    /// ```
    /// use carnet::engine::territory::Named;
    /// let nord = Named { code: "59".into(), name: "Nord".into(), liaison: Some(2) };
    /// assert_eq!(nord.of(), "du Nord");
    /// let mel = Named { code: "200093201".into(), name: "Métropole Européenne de Lille".into(), liaison: None };
    /// assert_eq!(mel.of(), "de la Métropole Européenne de Lille");
    /// ```
    pub fn of(&self) -> String {
        crate::engine::text::of(&self.name, self.liaison)
    }

    /// The name with its article: « le Nord », « la Somme », « l’Ain », « les
    /// Hauts-de-France », « la Métropole Européenne de Lille », « Paris ».
    pub fn the(&self) -> String {
        crate::engine::text::the(&self.name, self.liaison)
    }
}

/// A territory — a commune, or an EPCI, a département, a région — with the names of the
/// levels it belongs to: what travels to the worker and into the metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Its level: a commune unless said otherwise.
    #[serde(default, skip_serializing_if = "is_commune")]
    pub level: Level,
    /// INSEE code (SIREN for an EPCI).
    pub code: String,
    /// Official name.
    pub name: String,
    /// Its EPCI, if any (for an EPCI, itself).
    pub epci: Option<Named>,
    /// Its département.
    pub departement: Named,
    /// Its région.
    pub region: Named,
    /// The communes of its EPCI (itself included; an EPCI's own), by name: the commune's
    /// comparison group.
    #[serde(default)]
    pub peers: Vec<Named>,
    /// The INSEE codes the commune had before a merger: older files list its parts under them.
    #[serde(default)]
    pub former_codes: Vec<String>,
    /// The communes of its EPCI that merged others, with the codes those had: a map drawn from
    /// older contours joins their outlines.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub merged_peers: std::collections::BTreeMap<String, Vec<String>>,
    /// The départements of its région: a région's total is summed over their communes.
    #[serde(default)]
    pub region_departements: Vec<String>,
}

/// Whether a place is a commune (its level is then left out of the JSON).
fn is_commune(level: &Level) -> bool {
    *level == Level::Commune
}

impl Place {
    /// The data.gouv.fr zone id (`fr:commune:59522`, `fr:epci:200093201`, `fr:departement:59`,
    /// `fr:region:32`, `country:fr`).
    pub fn zone(&self) -> String {
        match self.level {
            Level::Iris | Level::Commune => format!("fr:commune:{}", self.code),
            Level::Epci => format!("fr:epci:{}", self.code),
            Level::Departement => format!("fr:departement:{}", self.code),
            Level::Region => format!("fr:region:{}", self.code),
            Level::France => "country:fr".to_owned(),
        }
    }

    /// The territory as a sentence names it, with its code: « la commune de Sailly-lez-Lannoy
    /// (code Insee 59522) », « l’intercommunalité Métropole Européenne de Lille (SIREN
    /// 200093201) », « le département du Nord (code 59) », « la région Hauts-de-France (code
    /// 32) ».
    pub fn designation(&self) -> String {
        let named = Named { code: self.code.clone(), name: self.name.clone(), liaison: self.own_liaison() };
        match self.level {
            Level::Iris | Level::Commune => format!("la commune de {} (code Insee {})", self.name, self.code),
            Level::Epci => format!("l’intercommunalité {} (SIREN {})", self.name, self.code),
            Level::Departement => format!("le département {} (code {})", named.of(), self.code),
            Level::Region => format!("la région {} (code {})", self.name, self.code),
            Level::France => "la France".to_owned(),
        }
    }

    /// How INSEE links this territory's own name after « de », for a département or a région.
    fn own_liaison(&self) -> Option<u8> {
        match self.level {
            Level::Departement => self.departement.liaison,
            Level::Region => self.region.liaison,
            _ => None,
        }
    }

    /// The codes the commune's rows may carry: its own, then those it had before a merger.
    pub fn own_codes(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.code.as_str()).chain(self.former_codes.iter().map(String::as_str))
    }
}

/// The geography: communes and the names of the levels above them.
#[derive(Clone, Debug, Default)]
pub struct Territories {
    communes: Vec<Commune>,
    by_code: HashMap<String, usize>,
    names: HashMap<(char, String), String>,
    /// How the names of régions and départements follow « de » (INSEE's TNCC).
    liaisons: HashMap<(char, String), u8>,
    /// Each département's région.
    parents: HashMap<String, String>,
    /// Communes déléguées and associées.
    delegated: Vec<Delegated>,
}

/// A commune déléguée or associée: a former commune that lives on inside a current one.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Delegated {
    name: String,
    /// The current commune's code.
    parent: String,
    key: String,
}

/// A commune the picker found, and the commune déléguée or associée whose name matched, if
/// that is how it was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit<'a> {
    /// The current commune.
    pub commune: &'a Commune,
    /// The name of the commune déléguée or associée that matched.
    pub via: Option<&'a str>,
}

impl std::ops::Deref for Hit<'_> {
    type Target = Commune;

    fn deref(&self) -> &Commune {
        self.commune
    }
}

impl Territories {
    /// Reads `territoires.tsv`.
    ///
    /// # Errors
    /// When the header is missing or a line has the wrong number of fields; the message names
    /// the line (from 1).
    pub fn parse(tsv: &str) -> Result<Self, String> {
        let mut lines = tsv.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.is_empty());
        match lines.next() {
            Some((_, header)) if header.starts_with("level\tcode\tname") => {}
            _ => return Err("territoires.tsv: header missing".into()),
        }
        let mut t = Territories::default();
        for (i, line) in lines {
            let f: Vec<&str> = line.split('\t').collect();
            // The 11th field, the liaison of a région's or a département's name, may be left out.
            let (f, liaison) = match f[..] {
                [ref head @ .., last] if head.len() == 10 => (head, last.parse::<u8>().ok()),
                _ => (&f[..], None),
            };
            let [level, code, name, departement, region, epci, population, postcodes, former, parent] = f[..] else {
                return Err(format!("territoires.tsv line {}: {} fields instead of 10 or 11", i + 1, f.len()));
            };
            let level = level.chars().next().unwrap_or('?');
            if level == 'L' {
                // A commune déléguée or associée: found by its name, it leads to its commune.
                t.delegated.push(Delegated { name: name.to_owned(), parent: parent.to_owned(), key: fold(name) });
                continue;
            }
            if level != 'C' {
                t.names.insert((level, code.to_owned()), name.to_owned());
                if let Some(liaison) = liaison {
                    t.liaisons.insert((level, code.to_owned()), liaison);
                }
                if level == 'D' {
                    t.parents.insert(code.to_owned(), region.to_owned());
                }
                continue;
            }
            let words = |s: &str| s.split_whitespace().map(str::to_owned).collect();
            t.by_code.insert(code.to_owned(), t.communes.len());
            t.communes.push(Commune {
                code: code.to_owned(),
                name: name.to_owned(),
                departement: departement.to_owned(),
                region: region.to_owned(),
                epci: epci.to_owned(),
                population: population.parse().unwrap_or(0),
                postcodes: words(postcodes),
                former_codes: words(former),
                key: fold(name),
            });
        }
        Ok(t)
    }

    /// Number of communes.
    pub fn len(&self) -> usize {
        self.communes.len()
    }

    /// Whether there is no commune.
    pub fn is_empty(&self) -> bool {
        self.communes.is_empty()
    }

    /// The commune whose current INSEE code is `code`.
    pub fn commune(&self, code: &str) -> Option<&Commune> {
        self.by_code.get(code).map(|&i| &self.communes[i])
    }

    /// The name of département `code`.
    pub fn departement_name(&self, code: &str) -> Option<&str> {
        self.names.get(&('D', code.to_owned())).map(String::as_str)
    }

    /// The name of région `code`.
    pub fn region_name(&self, code: &str) -> Option<&str> {
        self.names.get(&('R', code.to_owned())).map(String::as_str)
    }

    /// The codes of the départements of région `code`, in order.
    pub fn region_departements(&self, code: &str) -> Vec<String> {
        let mut out: Vec<String> = self.parents.iter().filter(|(_, r)| *r == code).map(|(d, _)| d.clone()).collect();
        out.sort();
        out
    }

    /// The name of the EPCI whose SIREN is `siren`.
    pub fn epci_name(&self, siren: &str) -> Option<&str> {
        self.names.get(&('E', siren.to_owned())).map(String::as_str)
    }

    /// The commune `code` with the names of its EPCI, département and région.
    pub fn place(&self, code: &str) -> Option<Place> {
        let c = self.commune(code)?;
        let named = |code: &str, name: Option<&str>| Named {
            code: code.to_owned(),
            name: name.unwrap_or_default().to_owned(),
            liaison: None,
        };
        let liaison = |level: char, code: &str| self.liaisons.get(&(level, code.to_owned())).copied();
        let members: Vec<&Commune> =
            if c.epci.is_empty() { Vec::new() } else { self.communes.iter().filter(|p| p.epci == c.epci).collect() };
        let merged_peers = members
            .iter()
            .filter(|p| !p.former_codes.is_empty())
            .map(|p| (p.code.clone(), p.former_codes.clone()))
            .collect();
        let mut peers: Vec<Named> = members.iter().map(|p| named(&p.code, Some(&p.name))).collect();
        peers.sort_by(|a, b| a.name.cmp(&b.name));
        Some(Place {
            level: Level::Commune,
            code: c.code.clone(),
            name: c.name.clone(),
            epci: (!c.epci.is_empty()).then(|| named(&c.epci, self.epci_name(&c.epci))),
            departement: Named {
                liaison: liaison('D', &c.departement),
                ..named(&c.departement, self.departement_name(&c.departement))
            },
            region: Named { liaison: liaison('R', &c.region), ..named(&c.region, self.region_name(&c.region)) },
            peers,
            former_codes: c.former_codes.clone(),
            merged_peers,
            region_departements: self.region_departements(&c.region),
        })
    }

    /// The territories above the commune `code` a user may choose instead: its EPCI, its
    /// département, its région and France, each as a place of its own.
    pub fn above(&self, code: &str) -> Vec<Place> {
        let Some(commune) = self.place(code) else { return Vec::new() };
        let epci = commune.epci.as_ref().map(|e| Place {
            level: Level::Epci,
            code: e.code.clone(),
            name: e.name.clone(),
            epci: Some(e.clone()),
            peers: commune.peers.clone(),
            former_codes: Vec::new(),
            ..commune.clone()
        });
        let departement = Place {
            level: Level::Departement,
            code: commune.departement.code.clone(),
            name: commune.departement.name.clone(),
            epci: None,
            peers: Vec::new(),
            former_codes: Vec::new(),
            merged_peers: std::collections::BTreeMap::new(),
            ..commune.clone()
        };
        let region = Place {
            level: Level::Region,
            code: commune.region.code.clone(),
            name: commune.region.name.clone(),
            ..departement.clone()
        };
        let france = Place { level: Level::France, code: "FR".to_owned(), name: "France".to_owned(), ..region.clone() };
        epci.into_iter().chain([departement, region, france]).collect()
    }

    /// Communes matching `query`, best first, at most `limit`.
    ///
    /// A query of digits (or `2A`/`2B`…) matches INSEE and postal codes by prefix, and the
    /// codes a commune had before a merger; otherwise names match ignoring case, accents,
    /// hyphens and `st`/`saint`: names starting with the query first, then names with a word
    /// starting with it, then names containing it; larger communes first among equals. The
    /// name of a commune déléguée or associée finds the commune it belongs to, after the
    /// communes of the same rank.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit<'_>> {
        let q = query.trim();
        if q.is_empty() {
            return Vec::new();
        }
        let is_code = q.chars().all(|c| c.is_ascii_digit() || matches!(c, 'A' | 'B' | 'a' | 'b'))
            && q.chars().next().is_some_and(|c| c.is_ascii_digit());
        let direct = |commune| Hit { commune, via: None };
        let mut hits: Vec<(u8, Hit<'_>)> = if is_code {
            let q = q.to_ascii_uppercase();
            self.communes
                .iter()
                .filter_map(|c| {
                    let rank = if c.code == q {
                        0
                    } else if c.code.starts_with(&q) {
                        2
                    } else if c.postcodes.iter().any(|p| p.starts_with(&q)) {
                        4
                    } else if c.former_codes.contains(&q) {
                        // A code from before a merger finds the commune it became.
                        6
                    } else {
                        return None;
                    };
                    Some((rank, direct(c)))
                })
                .collect()
        } else {
            let q = fold(q);
            let word = format!(" {q}");
            let rank = |key: &str| {
                if key.starts_with(&q) {
                    Some(if key.len() == q.len() { 0 } else { 2 })
                } else if key.contains(&word) {
                    Some(4)
                } else if key.contains(&q) {
                    Some(6)
                } else {
                    None
                }
            };
            let current = self.communes.iter().filter_map(|c| Some((rank(&c.key)?, direct(c))));
            let delegated = self.delegated.iter().filter_map(|d| {
                let commune = self.commune(&d.parent)?;
                Some((rank(&d.key)? + 1, Hit { commune, via: Some(d.name.as_str()) }))
            });
            current.chain(delegated).collect()
        };
        hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.population.cmp(&a.1.population)).then(a.1.code.cmp(&b.1.code)));
        // A commune found twice (by its name and a commune déléguée's) is shown once.
        let mut seen = std::collections::HashSet::new();
        hits.into_iter().filter(|(_, h)| seen.insert(h.commune.code.as_str())).take(limit).map(|(_, h)| h).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "# test\nlevel\tcode\tname\tdepartement\tregion\tepci\tpopulation\tpostcodes\tformer_codes\tparent\n\
        R\t32\tHauts-de-France\t\t\t\t\t\t\t\n\
        D\t59\tNord\t\t32\t\t\t\t\t\n\
        E\t200093201\tMétropole Européenne de Lille\t\t\t\t1194040\t\t\t\n\
        C\t59522\tSailly-lez-Lannoy\t59\t32\t200093201\t1923\t59390\t\t\n\
        C\t59523\tSailly-sur-la-Lys\t62\t32\t\t4000\t62840\t\t\n\
        C\t42218\tSaint-Étienne\t42\t84\t\t170000\t42000 42100\t\t\n\
        C\t2A004\tAjaccio\t2A\t94\t\t76320\t20000 20090\t20004\t\n\
        C\t01015\tArboys en Bugey\t01\t84\t\t700\t01300\t01340\t\n\
        L\t01015\tArbignieu\t01\t84\t\t\t\t\t01015\n\
        L\t01340\tMarcilly\t01\t84\t\t\t\t\t01015\n\
        L\t01340\tArboys\t01\t84\t\t\t\t\t01015\n";

    fn t() -> Territories {
        Territories::parse(TSV).unwrap()
    }

    #[test]
    fn a_place_knows_which_communes_of_its_epci_merged_others() {
        let tsv = "level\tcode\tname\tdepartement\tregion\tepci\tpopulation\tpostcodes\tformer_codes\tparent\n\
            E\t240100883\tCC de la Plaine de l'Ain\t\t\t\t\t\t\t\n\
            C\t01015\tArboys en Bugey\t01\t84\t240100883\t700\t01300\t01340\t\n\
            C\t01004\tAmbérieu-en-Bugey\t01\t84\t240100883\t14000\t01500\t\t\n";
        let place = Territories::parse(tsv).unwrap().place("01004").unwrap();
        assert_eq!(place.merged_peers, [("01015".to_owned(), vec!["01340".to_owned()])].into());
        assert!(place.former_codes.is_empty());
    }

    macro_rules! finds {
        ($name:ident, $query:expr, [$($code:expr),*]) => {
            #[test]
            fn $name() {
                let t = t();
                let codes: Vec<&str> = t.search($query, 10).into_iter().map(|h| h.commune.code.as_str()).collect();
                assert_eq!(codes, [$($code),*] as [&str; _]);
            }
        };
    }

    finds!(former_code_finds_the_commune_it_became, "20004", ["2A004"]);
    finds!(by_name_prefix_bigger_first, "Sailly", ["59523", "59522"]);
    finds!(by_folded_name, "sailly lez", ["59522"]);
    finds!(st_is_saint_without_accent, "st etienne", ["42218"]);
    finds!(by_word_inside, "lannoy", ["59522"]);
    finds!(by_code, "59522", ["59522"]);
    finds!(by_corsican_code, "2a004", ["2A004"]);
    finds!(by_postcode, "20090", ["2A004"]);
    finds!(nothing, "zzz", []);
    finds!(a_commune_deleguee_finds_its_commune, "Marcilly", ["01015"]);
    finds!(a_commune_is_found_once, "arboys", ["01015"]);

    #[test]
    fn a_hit_says_which_commune_deleguee_matched() {
        let t = t();
        let hits = t.search("marcilly", 5);
        assert_eq!((hits[0].code.as_str(), hits[0].via), ("01015", Some("Marcilly")));
        assert_eq!(t.search("arboys en", 5)[0].via, None);
    }

    #[test]
    fn levels_above() {
        let t = t();
        let c = t.commune("59522").unwrap();
        assert_eq!(t.epci_name(&c.epci), Some("Métropole Européenne de Lille"));
        assert_eq!(t.departement_name(&c.departement), Some("Nord"));
        assert_eq!(t.region_name(&c.region), Some("Hauts-de-France"));
        let p = t.place("59522").unwrap();
        assert_eq!(p.epci.as_ref().unwrap().name, "Métropole Européenne de Lille");
        assert_eq!(p.zone(), "fr:commune:59522");
        let above: Vec<(Level, String)> = t.above("59522").into_iter().map(|p| (p.level, p.code)).collect();
        let levels = [Level::Epci, Level::Departement, Level::Region, Level::France];
        assert_eq!(above.iter().map(|(l, _)| *l).collect::<Vec<_>>(), levels);
        assert_eq!(above[3].1, "FR");
    }

    #[test]
    fn bad_line_is_named() {
        let err = Territories::parse("level\tcode\tname\nC\t1\n").unwrap_err();
        assert!(err.contains("line 2"), "{err}");
    }
}
