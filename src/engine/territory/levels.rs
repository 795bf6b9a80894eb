//! Territory levels in a file: which column holds the territories' codes; which rows are the
//! commune's (or its IRIS'), which are its EPCI's, département's, région's and France's; and,
//! for a level the file lacks, its total computed from the communes — for counts only.
//!
//! A row is taken for a level only when nothing else can be meant: `32` is the Gers and the
//! Hauts-de-France, so a département or région row needs the file's level or name column to
//! agree (a département code that is no région code is enough alone). Medians, deciles,
//! rates and shares are never summed nor averaged: a total of those does not exist.
//!
//! ```
//! use carnet::engine::territory::levels::{self, Level};
//! use carnet::engine::territory::{Named, Place};
//! use carnet::engine::read::workspace::Workspace;
//! let csv = "codgeo;libgeo;taux_pauvrete\n59522;Sailly-lez-Lannoy;7,5\n59;Nord;18,9\n\
//!            32;Hauts-de-France;18,0\nFR;France;14,6\n";
//! let ws = Workspace::load("f.csv", csv.as_bytes(), &mut ()).unwrap();
//! let place = Place {
//!     code: "59522".into(),
//!     departement: Named { code: "59".into(), name: "Nord".into(), liaison: None },
//!     region: Named { code: "32".into(), name: "Hauts-de-France".into(), liaison: None },
//!     ..Place::default()
//! };
//! let kept: Vec<Level> = levels::rows(ws.table(), &place).into_iter().map(|(_, l)| l).collect();
//! assert_eq!(kept, [Level::Commune, Level::Departement, Level::Region, Level::France]);
//! ```

use crate::engine::table::{Cell, Column, Table};
use crate::engine::table::{CodeKind, ColumnKind};
use crate::engine::territory::Place;
use crate::engine::text::fold;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

pub use super::level::Level;

/// The codes files give France.
const FRANCE_CODES: &[&str] = &["fr", "fra", "france", "fe", "fm", "fxx", "frm", "metro"];
/// The names files give France (folded).
const FRANCE_NAMES: &[&str] =
    &["france", "france entiere", "france metropolitaine", "france hors mayotte", "ensemble de la france"];

/// The name of `place`'s territory of level `level`.
pub fn name_of(place: &Place, level: Level) -> String {
    match level {
        Level::Iris | Level::Commune => place.name.clone(),
        Level::Epci => place.epci.as_ref().map(|e| e.name.clone()).unwrap_or_else(|| "EPCI".to_owned()),
        Level::Departement => place.departement.name.clone(),
        Level::Region => place.region.name.clone(),
        Level::France => "France".to_owned(),
    }
}

/// The name of `place`'s territory at `level` with its article, as French writes it after
/// « pour » or « contre »: « la Métropole Européenne de Lille », « le Nord », « les
/// Hauts-de-France », « la France ».
pub fn the(place: &Place, level: Level) -> String {
    match level {
        Level::Iris | Level::Commune => place.name.clone(),
        Level::Epci => place.epci.as_ref().map_or_else(|| "l’EPCI".to_owned(), super::Named::the),
        Level::Departement => place.departement.the(),
        Level::Region => place.region.the(),
        Level::France => "la France".to_owned(),
    }
}

/// The codes whose rows a read for `place` keeps: its own (and former ones), its EPCI's
/// communes (to rank them and sum their counts), and the codes its EPCI, département, région
/// and France may have in a file of several levels.
pub fn codes_to_read(place: &Place) -> Vec<String> {
    const FRANCE_WRITTEN: &[&str] = &["FR", "FRA", "FRANCE", "France", "FE", "FM", "FXX", "FRM", "METRO"];
    let above = [place.epci.as_ref().map(|e| e.code.as_str()), Some(&place.departement.code), Some(&place.region.code)];
    place
        .own_codes()
        .chain(place.peers.iter().map(|p| p.code.as_str()))
        .chain(above.into_iter().flatten().filter(|c| !c.is_empty()))
        .chain(FRANCE_WRITTEN.iter().copied())
        .map(str::to_owned)
        .collect()
}

/// The column holding the territories' codes: a column of IRIS codes; else of commune codes;
/// else a column named as one (`codgeo`…) that mixes levels (`59522`, `200093201`, `59`, `FR`);
/// else a column of EPCI, département or région codes (a file of one of those levels).
pub fn geo_column(table: &Table) -> Option<usize> {
    let columns = table.columns();
    let kind_is = |k| columns.iter().position(|c| c.kind() == ColumnKind::Code(k));
    // A file of IRIS names their commune too: its rows are the IRIS'.
    kind_is(CodeKind::Iris)
        .or_else(|| kind_is(CodeKind::Commune))
        .or_else(|| {
            columns.iter().position(|c| {
                c.kind() == ColumnKind::Text
                    && matches!(CodeKind::from_header(c.name()), Some(CodeKind::Commune | CodeKind::Iris))
                    && (0..table.rows()).any(|r| matches!(c.cell(r), Cell::Text(v) if CodeKind::Commune.accepts(v)))
            })
        })
        .or_else(|| kind_is(CodeKind::Epci))
        .or_else(|| kind_is(CodeKind::Departement))
        .or_else(|| kind_is(CodeKind::Region))
}

/// The level of a file's rows when its column of codes is of one level above the commune
/// (a file of départements…); `None` for communes, IRIS or mixed levels.
pub fn file_level(table: &Table) -> Option<Level> {
    // A column of levels (`NIVGEO`) says each row's: the file mixes them.
    if level_column(table).is_some() {
        return None;
    }
    match table.columns()[geo_column(table)?].kind() {
        ColumnKind::Code(CodeKind::Epci) => Some(Level::Epci),
        ColumnKind::Code(CodeKind::Departement) => Some(Level::Departement),
        ColumnKind::Code(CodeKind::Region) => Some(Level::Region),
        _ => None,
    }
}

/// The column naming each row's level (`niveau`, `NIVGEO`, `type_geo`…), if any.
fn level_column(table: &Table) -> Option<&Column> {
    const NAMES: &[&str] = &["niveau", "nivgeo", "niveaugeo", "niveaugeographique", "typegeo", "echelle", "echelon"];
    table.columns().iter().find(|c| c.kind() == ColumnKind::Text && NAMES.contains(&header_key(c.name()).as_str()))
}

/// The column naming each row's territory (`LIBGEO`, `libelle`, `nom`…), if any.
fn name_column(table: &Table) -> Option<&Column> {
    table.columns().iter().find(|c| {
        let key = header_key(c.name());
        c.kind() == ColumnKind::Text && (key.starts_with("lib") || key.starts_with("nom") || key == "territoire")
    })
}

/// A header compared without case, accents or separators.
fn header_key(name: &str) -> String {
    fold(name).chars().filter(char::is_ascii_alphanumeric).collect()
}

/// The rows of `place` in `table` and their level, commune rows first (under its code, else
/// under the codes it had before a merger; an IRIS file's rows by their first five
/// characters), then its EPCI's, département's, région's and France's, each at most once.
/// Empty without a territory column.
pub fn rows(table: &Table, place: &Place) -> Vec<(usize, Level)> {
    let Some(mut geo) = geo_column(table) else { return Vec::new() };
    // A commune with no IRIS of its own in a file of IRIS (`ZZZZZZZZZ` for the communes not cut
    // into IRIS): its row by the commune column.
    let own = |c: Cell<'_>| matches!(c, Cell::Text(v) if place.own_codes().any(|o| v.starts_with(o)));
    if table.columns()[geo].kind() == ColumnKind::Code(CodeKind::Iris)
        && !(0..table.rows()).any(|r| own(table.columns()[geo].cell(r)))
        && let Some(commune) = table.columns().iter().position(|c| c.kind() == ColumnKind::Code(CodeKind::Commune))
    {
        geo = commune;
    }
    let codes = &table.columns()[geo];
    let code = |r: usize| if let Cell::Text(c) = codes.cell(r) { c } else { "" };
    let iris = codes.kind() == ColumnKind::Code(CodeKind::Iris);
    let of = |own: &str| -> Vec<(usize, Level)> {
        (0..table.rows())
            .filter_map(|r| match code(r) {
                c if c == own => Some((r, Level::Commune)),
                c if iris && c.len() == 9 && c.starts_with(own) => Some((r, Level::Iris)),
                _ => None,
            })
            .collect()
    };
    // A file of one level above the commune (départements…) has the row of the territory's
    // département (…), and no commune row.
    let only = file_level(table);
    // A territory above the commune is found among the levels below, its own first.
    let commune = place.level <= Level::Commune && only.is_none();
    let mut kept = if commune { of(&place.code) } else { Vec::new() };
    if commune && kept.is_empty() {
        // A file older than a merger: the rows of the communes it merged, each as it was.
        kept = place.former_codes.iter().flat_map(|c| of(c)).collect();
        kept.sort_unstable();
    }
    if commune && kept.is_empty() {
        return kept;
    }
    let (levels, names) = (level_column(table), name_column(table));
    fn text(c: Option<&Column>, r: usize) -> Option<&str> {
        c.and_then(|c| if let Cell::Text(v) = c.cell(r) { Some(v) } else { None })
    }
    let said = |r: usize| text(levels, r).and_then(Level::from_value);
    let named = |r: usize, name: &str| {
        text(names, r).is_some_and(|n| {
            let (n, name) = (fold(n), fold(name));
            !name.is_empty() && (n == name || n.ends_with(&format!(" {name}")))
        })
    };
    let region_codes: HashSet<&str> = REGION_CODES.iter().copied().collect();
    let mut found: Vec<(usize, Level)> = Vec::new();
    for r in 0..table.rows() {
        let c = code(r);
        let level = if let Some(level) = only {
            let own = match level {
                Level::Epci => place.epci.as_ref().map(|e| e.code.as_str()),
                Level::Departement => Some(place.departement.code.as_str()),
                _ => Some(place.region.code.as_str()),
            };
            (own == Some(c)).then_some(level)
        } else if let Some(level) = said(r) {
            // The file says the level: the code must be this commune's one of that level.
            let own = match level {
                Level::Epci => place.epci.as_ref().map(|e| e.code.as_str()),
                Level::Departement => Some(place.departement.code.as_str()),
                Level::Region => Some(place.region.code.as_str()),
                Level::France => Some(c),
                Level::Commune | Level::Iris => None,
            };
            (own == Some(c) && !c.is_empty()).then_some(level)
        } else if place.epci.as_ref().is_some_and(|e| e.code == c) {
            Some(Level::Epci)
        } else if c == place.departement.code && (named(r, &place.departement.name) || !region_codes.contains(c)) {
            Some(Level::Departement)
        } else if c == place.region.code && named(r, &place.region.name) {
            Some(Level::Region)
        } else if france_code(c)
            || (!CodeKind::Commune.accepts(c)
                && text(names, r).is_some_and(|n| FRANCE_NAMES.contains(&fold(n).as_str())))
        {
            Some(Level::France)
        } else {
            None
        };
        if let Some(level) = level.filter(|l| *l > Level::Commune && found.iter().all(|(_, f)| f != l)) {
            found.push((r, level));
        }
    }
    found.sort_by_key(|(_, l)| *l);
    if place.level > Level::Commune {
        found.retain(|(_, l)| *l >= place.level);
        if found.first().is_none_or(|(_, l)| *l != place.level) {
            return Vec::new();
        }
    }
    kept.extend(found);
    kept
}

/// Whether a row's code is one files give France (`FR`, `FRANCE`, `METRO`…). Only a short
/// code that starts with a letter is folded: a national file's 35,000 commune codes are not.
fn france_code(code: &str) -> bool {
    code.len() <= 6
        && code.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && FRANCE_CODES.contains(&fold(code).as_str())
}

/// The codes of the régions (all of them are also département codes).
const REGION_CODES: &[&str] =
    &["01", "02", "03", "04", "06", "11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"];

/// Whether a column may be summed over communes: a count. Shares, rates, medians, deciles,
/// means and ratios may not; a column whose name or label says neither is not summed either.
///
/// ```
/// use carnet::engine::table::{ColumnKind, DecimalSign};
/// use carnet::engine::territory::levels::additive;
/// assert!(additive("NBMENFISC20", ColumnKind::Integer, Some("Nombre de ménages fiscaux")));
/// assert!(additive("P21_POP", ColumnKind::Decimal(DecimalSign::Point), None));
/// assert!(!additive("MED20", ColumnKind::Integer, Some("Médiane du niveau vie (€)")));
/// assert!(!additive("NB_moyen", ColumnKind::Decimal(DecimalSign::Point), None));
/// ```
pub fn additive(name: &str, kind: ColumnKind, label: Option<&str>) -> bool {
    if !matches!(kind, ColumnKind::Integer | ColumnKind::Decimal(_)) {
        return false;
    }
    let name = fold(name).replace(' ', "_");
    let label = label.map(fold).unwrap_or_default();
    const NOT_IN_NAME: &[&str] =
        &["med", "moy", "tx", "taux", "part", "pct", "ratio", "dens", "evol", "indice", "rang"];
    const NOT_IN_LABEL: &[&str] = &[
        "median",
        "moyen",
        "taux",
        "part ",
        "rapport",
        "indice",
        "decile",
        "quartile",
        "pourcentage",
        "ratio",
        "densite",
        "par habitant",
        "pour 1",
        "evolution",
        "variation",
        "%",
    ];
    if NOT_IN_NAME.iter().any(|w| name.split('_').any(|part| part.starts_with(w)))
        || NOT_IN_LABEL.iter().any(|w| label.contains(w))
    {
        return false;
    }
    let census = |n: &str| {
        let b = n.as_bytes();
        b.len() > 4 && matches!(b[0], b'p' | b'c') && b[1].is_ascii_digit() && b[2].is_ascii_digit() && b[3] == b'_'
    };
    name.starts_with("nb")
        || name.starts_with("pop")
        || census(&name)
        || ["nombre", "population", "effectif"].iter().any(|w| label.starts_with(w))
}

/// A level's total computed from the communes' rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Total {
    /// The level.
    pub level: Level,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// The communes summed.
    pub communes: usize,
    /// Per column of the table: the sum, or `None` when the column is not a count or a
    /// commune's value is missing (secret): a partial sum is not a total.
    pub values: Vec<Option<f64>>,
    /// Per column: whether it is a count (summed).
    pub counts: Vec<bool>,
}

/// France's sums over a national file, kept from one territory to the next (they do not
/// depend on it): a national table of 35,000 communes × 100 columns takes some 50 ms to sum.
/// Its owner makes a new one when the table changes; a change of the columns summed is seen.
#[derive(Debug, Default)]
pub struct FranceMemo(std::cell::RefCell<Option<Kept>>);

/// The columns summed, and their sums.
type Kept = (Vec<bool>, Vec<Option<f64>>);

impl FranceMemo {
    /// The sums of `rows` for the columns `additive` marks, computed once for those columns.
    fn sums(&self, table: &Table, rows: &[usize], additive: &[bool]) -> Vec<Option<f64>> {
        if let Some((kept_for, sums)) = self.0.borrow().as_ref()
            && kept_for == additive
        {
            return sums.clone();
        }
        let sums = sums(table, rows, additive);
        *self.0.borrow_mut() = Some((additive.to_vec(), sums.clone()));
        sums
    }
}

/// The sums of `rows` of `table` for the columns `additive` marks (`None`: not a count, or a
/// value missing).
fn sums(table: &Table, rows: &[usize], additive: &[bool]) -> Vec<Option<f64>> {
    table
        .columns()
        .iter()
        .zip(additive)
        .map(|(c, &add)| if add { rows.iter().map(|&r| c.number(r)).sum::<Option<f64>>() } else { None })
        .collect()
}

/// The totals of the levels above `place` that `table` lacks (`present`), for the columns
/// `additive` marks: the EPCI's from its communes' rows; the département's, région's and
/// France's only from a file of every commune (`national`), France's kept in `france`.
pub fn totals(
    table: &Table,
    place: &Place,
    present: &[Level],
    additive: &[bool],
    national: bool,
    france: &FranceMemo,
) -> Vec<Total> {
    let Some(geo) = geo_column(table) else { return Vec::new() };
    if !additive.contains(&true) {
        return Vec::new();
    }
    let codes = &table.columns()[geo];
    // Commune rows, but for the arrondissements of Paris, Lyon and Marseille: the city's own
    // row counts them already.
    let communes: Vec<(usize, &str)> = (0..table.rows())
        .filter_map(|r| match codes.cell(r) {
            Cell::Text(c) if CodeKind::Commune.accepts(c) && !arrondissement(c) => Some((r, c)),
            _ => None,
        })
        .collect();
    let mut wanted: Vec<(Level, String, String, Vec<usize>)> = Vec::new();
    if let Some(epci) = place.epci.as_ref().filter(|_| !present.contains(&Level::Epci) && !place.peers.is_empty()) {
        let rows: Vec<usize> =
            communes.iter().filter(|(_, c)| place.peers.iter().any(|p| p.code == *c)).map(|(r, _)| *r).collect();
        // Every commune of the EPCI, or no total.
        if rows.len() == place.peers.len() {
            wanted.push((Level::Epci, epci.code.clone(), epci.name.clone(), rows));
        }
    }
    if national {
        let d = &place.departement;
        if !present.contains(&Level::Departement) && !d.code.is_empty() {
            let rows = communes.iter().filter(|(_, c)| departement(c) == d.code).map(|(r, _)| *r).collect();
            wanted.push((Level::Departement, d.code.clone(), d.name.clone(), rows));
        }
        let g = &place.region;
        if !present.contains(&Level::Region) && !place.region_departements.is_empty() {
            let rows = communes
                .iter()
                .filter(|(_, c)| place.region_departements.iter().any(|d| d == departement(c)))
                .map(|(r, _)| *r)
                .collect();
            wanted.push((Level::Region, g.code.clone(), g.name.clone(), rows));
        }
        if !present.contains(&Level::France) {
            wanted.push((Level::France, "FR".into(), "France".into(), communes.iter().map(|(r, _)| *r).collect()));
        }
    }
    wanted
        .into_iter()
        .filter(|(_, _, _, rows)| !rows.is_empty())
        .map(|(level, code, name, rows)| Total {
            level,
            code,
            name,
            communes: rows.len(),
            values: if level == Level::France {
                france.sums(table, &rows, additive)
            } else {
                sums(table, &rows, additive)
            },
            counts: additive.to_vec(),
        })
        // Nothing summed (a commune's value under secret in every count): no total to show.
        .filter(|t| t.values.iter().any(Option::is_some))
        .collect()
}

/// The département of a commune code: its first two characters, three overseas.
fn departement(code: &str) -> &str {
    if code.starts_with("97") { &code[..3] } else { &code[..2] }
}

/// The totals as rows of `table`'s columns, written the French way: the code and the name
/// (marked as computed) in the territory and name columns, each sum in its column; an empty
/// cell for a column that is no count, `incomplet` where a commune's value is missing.
pub fn total_rows(table: &Table, totals: &[Total]) -> Vec<Vec<String>> {
    let geo = geo_column(table);
    let name = name_column(table).map(Column::name);
    totals
        .iter()
        .map(|t| {
            table
                .columns()
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    if Some(i) == geo {
                        t.code.clone()
                    } else if Some(c.name()) == name {
                        format!("{} (somme calculée de {} communes)", t.name, t.communes)
                    } else {
                        match (t.values.get(i).copied().flatten(), t.values.get(i).is_some_and(|_| t.counts[i])) {
                            (Some(v), _) => crate::engine::format::number(v),
                            (None, true) => "incomplet".to_owned(),
                            (None, false) => String::new(),
                        }
                    }
                })
                .collect()
        })
        .collect()
}

/// A municipal arrondissement of Paris, Lyon or Marseille.
fn arrondissement(code: &str) -> bool {
    let n: u32 = code.parse().unwrap_or(0);
    (75101..=75120).contains(&n) || (69381..=69389).contains(&n) || (13201..=13216).contains(&n)
}

/// Whether `table` holds every commune of France: commune rows from at least 90
/// départements and 30,000 communes.
pub fn national(table: &Table) -> bool {
    let Some(geo) = geo_column(table) else { return false };
    let codes = &table.columns()[geo];
    let mut departements = HashSet::new();
    let mut communes = 0;
    for r in 0..table.rows() {
        if let Cell::Text(c) = codes.cell(r)
            && CodeKind::Commune.accepts(c)
        {
            communes += 1;
            departements.insert(departement(c));
        }
    }
    communes >= 30_000 && departements.len() >= 90
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_territory_above_the_commune_finds_its_own_row_then_those_above() {
        let ws = crate::engine::read::workspace::Workspace::load(
            "natalite.csv",
            "codgeo;libgeo;taux\n59522;Sailly-lez-Lannoy;9,4\n200093201;Métropole Européenne de Lille;12,9\n\
             59;Nord;11,5\n32;Hauts-de-France;11,0\nFR;France;10,7\n"
                .as_bytes(),
            &mut (),
        )
        .unwrap();
        let named =
            |code: &str, name: &str| super::super::Named { code: code.into(), name: name.into(), liaison: None };
        let epci = Place {
            level: Level::Epci,
            code: "200093201".into(),
            name: "Métropole Européenne de Lille".into(),
            epci: Some(named("200093201", "Métropole Européenne de Lille")),
            departement: named("59", "Nord"),
            region: named("32", "Hauts-de-France"),
            ..Place::default()
        };
        let levels: Vec<Level> = rows(ws.table(), &epci).into_iter().map(|(_, l)| l).collect();
        assert_eq!(levels, [Level::Epci, Level::Departement, Level::Region, Level::France]);
        let nord =
            Place { level: Level::Departement, code: "59".into(), name: "Nord".into(), epci: None, ..epci.clone() };
        let levels: Vec<Level> = rows(ws.table(), &nord).into_iter().map(|(_, l)| l).collect();
        assert_eq!(levels, [Level::Departement, Level::Region, Level::France]);
        let france = Place { level: Level::France, code: "FR".into(), name: "France".into(), ..nord.clone() };
        assert_eq!(rows(ws.table(), &france), [(4, Level::France)], "France alone, its own row");
        // A file of communes only has no row for the EPCI.
        let communes =
            crate::engine::read::workspace::Workspace::load("c.csv", b"codgeo;x\n59522;1\n59339;2\n", &mut ()).unwrap();
        assert!(rows(communes.table(), &epci).is_empty());
    }
    use crate::engine::read::workspace::Workspace;
    use crate::engine::territory::Named;

    fn named(code: &str, name: &str) -> Named {
        Named { code: code.into(), name: name.into(), liaison: None }
    }

    fn sailly() -> Place {
        Place {
            code: "59522".into(),
            name: "Sailly-lez-Lannoy".into(),
            epci: Some(named("200093201", "Métropole Européenne de Lille")),
            departement: named("59", "Nord"),
            region: named("32", "Hauts-de-France"),
            region_departements: ["02", "59", "60", "62", "80"].map(String::from).to_vec(),
            peers: vec![named("59339", "Lannoy"), named("59522", "Sailly-lez-Lannoy")],
            ..Place::default()
        }
    }

    fn table(csv: &str) -> Table {
        Workspace::load("f.csv", csv.as_bytes(), &mut ()).unwrap().table().clone()
    }

    fn levels(csv: &str) -> Vec<Level> {
        rows(&table(csv), &sailly()).into_iter().map(|(_, l)| l).collect()
    }

    const OBSERVATOIRE: &str = "codgeo;libgeo;an;taux_natalite\n\
        59339;Lannoy;2021;11,0\n59522;Sailly-lez-Lannoy;2021;9,4\n200093201;Métropole Européenne de Lille;2021;12,9\n\
        32;Gers;2021;7,1\n59;Nord;2021;11,5\n32;Hauts-de-France;2021;11,0\nFR;France;2021;10,7\n";

    #[test]
    fn every_level_of_a_mixed_file_is_found() {
        assert_eq!(geo_column(&table(OBSERVATOIRE)), Some(0));
        let kept = rows(&table(OBSERVATOIRE), &sailly());
        assert_eq!(
            kept,
            [(1, Level::Commune), (2, Level::Epci), (4, Level::Departement), (5, Level::Region), (6, Level::France)]
        );
    }

    #[test]
    fn a_region_code_needs_its_name_or_level() {
        // Without names, `32` may be the Gers: no région row; `59` is no région code: the Nord.
        let csv = "codgeo;taux\n59522;9,4\n32;7,1\n59;11,5\n";
        assert_eq!(levels(csv), [Level::Commune, Level::Departement]);
        let csv = "codgeo;niveau;taux\n59522;COM;9,4\n32;DEP;7,1\n32;REG;11,0\n59;DEP;11,5\nFRANCE;FRANCE;10,7\n";
        assert_eq!(levels(csv), [Level::Commune, Level::Departement, Level::Region, Level::France]);
        let rows = rows(&table(csv), &sailly());
        assert_eq!(rows[2], (2, Level::Region), "the REG row, not the Gers");
    }

    #[test]
    fn a_departement_that_lost_its_zero_is_not_france() {
        let ain = Place {
            code: "01001".into(),
            departement: named("01", "Ain"),
            region: named("84", "Auvergne-Rhône-Alpes"),
            ..Place::default()
        };
        let t = table("codgeo;libgeo;taux\n01001;L'Abergement-Clémenciat;9,4\n1;Ain;8,0\nFR;France;10,7\n");
        let kept: Vec<Level> = rows(&t, &ain).into_iter().map(|(_, l)| l).collect();
        assert_eq!(kept, [Level::Commune, Level::France]);
    }

    #[test]
    fn iris_rows_are_the_communes() {
        let csv = "IRIS;LIBIRIS;P21_POP\n595220000;Sailly-lez-Lannoy;1923\n590090101;Villeneuve-d'Ascq Centre;2500\n";
        assert_eq!(levels(csv), [Level::Iris]);
    }

    #[test]
    fn a_commune_only_file_keeps_the_commune() {
        assert_eq!(levels("CODGEO;MED20\n59522;29440\n59339;20000\n"), [Level::Commune]);
        assert!(levels("CODGEO;MED20\n59339;20000\n").is_empty());
    }

    #[test]
    fn counts_are_summed_never_rates_nor_partial() {
        let t = table("CODGEO;NBMENFISC20;MED20\n59522;759;29440\n59339;1093;21090\n59009;s;20000\n");
        let add: Vec<bool> = t.columns().iter().map(|c| additive(c.name(), c.kind(), None)).collect();
        assert_eq!(add, [false, true, false]);
        let totals = totals(&t, &sailly(), &[Level::Commune], &add, false, &FranceMemo::default());
        assert_eq!(totals.len(), 1, "not national: the EPCI only");
        assert_eq!((totals[0].level, totals[0].communes), (Level::Epci, 2));
        assert_eq!(totals[0].values, [None, Some(1852.0), None]);
        let shown = total_rows(&t, &totals);
        assert_eq!(shown, [["200093201", "1\u{202F}852", ""]]);
        // A secret value in the group: no total of that column (here, none at all).
        let t = table("CODGEO;NBMENFISC20;NB2\n59522;759;1\n59339;s;2\n");
        assert_eq!(
            super::totals(&t, &sailly(), &[], &[false, true, true], false, &FranceMemo::default())[0].values,
            [None, None, Some(3.0)]
        );
        assert!(super::totals(&t, &sailly(), &[], &[false, true, false], false, &FranceMemo::default()).is_empty());
        // A missing member: no EPCI total at all.
        let t = table("CODGEO;NBMENFISC20\n59522;759\n");
        assert!(super::totals(&t, &sailly(), &[], &[false, true], false, &FranceMemo::default()).is_empty());
        // Present in the file: not computed.
        let t = table("CODGEO;NBMENFISC20\n59522;759\n59339;1093\n");
        assert!(super::totals(&t, &sailly(), &[Level::Epci], &[false, true], false, &FranceMemo::default()).is_empty());
    }

    #[test]
    fn national_totals_by_departement_region_and_france() {
        let mut csv = String::from(
            "CODGEO;P21_POP\n75056;2100000\n75101;16000\n59522;1923\n59339;1700\n62001;500\n2A004;70000\n",
        );
        for d in 1..=95 {
            for n in 0..320 {
                csv.push_str(&format!("{d:02}{:03};1\n", 600 + n));
            }
        }
        let t = table(&csv);
        assert!(national(&t));
        let totals = totals(&t, &sailly(), &[Level::Commune], &[false, true], true, &FranceMemo::default());
        let by: Vec<(Level, usize, Option<f64>)> = totals.iter().map(|t| (t.level, t.communes, t.values[1])).collect();
        assert_eq!(by[0], (Level::Epci, 2, Some(3623.0)));
        assert_eq!(by[1], (Level::Departement, 322, Some(3623.0 + 320.0)));
        assert_eq!(by[2], (Level::Region, 5 * 320 + 3, Some(3623.0 + 500.0 + 5.0 * 320.0)));
        // Every commune row but Paris's 1st arrondissement: Paris's own row counts it.
        assert_eq!((by[3].0, by[3].1), (Level::France, t.rows() - 1));
        // France's sums are kept for the next territory, and made again for other columns.
        let memo = FranceMemo::default();
        let france = |additive: &[bool]| {
            let all = super::totals(&t, &sailly(), &[Level::Commune], additive, true, &memo);
            all.into_iter().find(|t| t.level == Level::France).map(|t| t.values)
        };
        let first = france(&[false, true]);
        assert_eq!(first, Some(vec![None, Some(2_100_000.0 + 3623.0 + 500.0 + 70_000.0 + 95.0 * 320.0)]));
        assert_eq!(france(&[false, true]), first);
        assert_eq!(france(&[true, true]), Some(vec![None, first.unwrap()[1]]), "codes are text: no sum");
    }

    #[test]
    fn additivity_by_name_and_label() {
        use crate::engine::table::DecimalSign;
        let dec = ColumnKind::Decimal(DecimalSign::Comma);
        assert!(additive("NB_allocataires", ColumnKind::Integer, None));
        assert!(additive("C21_ACT1564", dec, None));
        assert!(additive("x", ColumnKind::Integer, Some("Nombre de naissances")));
        assert!(!additive("TP6020", dec, Some("Taux de pauvreté-Ensemble (%)")));
        assert!(!additive("D120", ColumnKind::Integer, Some("1er décile du niveau de vie (€)")));
        assert!(!additive("PIMP20", ColumnKind::Percent(DecimalSign::Point), None));
        assert!(!additive("nb_naissances_pour_1000", dec, Some("Naissances pour 1 000 habitants")));
        assert!(!additive("valeur", ColumnKind::Integer, None), "saying nothing: not summed");
    }
}
