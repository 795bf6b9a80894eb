//! An INSEE variable dictionary (`meta_*.CSV`: `COD_VAR;LIB_VAR;LIB_VAR_LONG;…`): the labels
//! of a file's columns, matched across vintages (`MED19` in the dictionary labels `MED20`).
//!
//! ```
//! use carnet::engine::tidy::dictionary::Dictionary;
//! let d = Dictionary::read("meta.csv", "COD_VAR;LIB_VAR\nMED19;Médiane du niveau vie (€)\n".as_bytes()).unwrap();
//! assert_eq!(d.label("MED20").unwrap().title, "Médiane du niveau vie (€)");
//! assert_eq!(d.label("CODGEO"), None);
//! ```

use crate::engine::error::{ErrorKind, Result};
use crate::engine::read::workspace::Workspace;
use crate::engine::table::{Cell, Column};
use crate::engine::text::fold;
use crate::engine::vintage::{pattern, shift_year};
use std::borrow::Cow;
use std::collections::HashMap;

/// A variable's labels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// The short label (`LIB_VAR`).
    pub title: String,
    /// The long label (`LIB_VAR_LONG`), when it says more.
    pub description: Option<String>,
}

impl Label {
    /// What the variable is, in the most words the dictionary has: the long label, else the
    /// short one.
    pub fn words(&self) -> &str {
        self.description.as_deref().unwrap_or(&self.title)
    }

    /// The unit the label ends with (`… (€)`, `… (%)`, `… (en euros)`), from the short label,
    /// else the long one; only units a value is written with (INSEE's `(princ)`, `(dnbt)` are
    /// no units).
    ///
    /// ```
    /// use carnet::engine::tidy::dictionary::Label;
    /// let med = Label { title: "Médiane du niveau vie (€)".into(), description: None };
    /// assert_eq!(med.unit().as_deref(), Some("€"));
    /// let pop = Label { title: "Population en 1999 (dnbt)".into(), description: None };
    /// assert_eq!(pop.unit(), None);
    /// ```
    pub fn unit(&self) -> Option<String> {
        fn of(text: &str) -> Option<String> {
            let inner = text.trim_end().strip_suffix(')')?;
            let unit = inner[inner.rfind('(')? + 1..].trim();
            let unit = unit.strip_prefix("en ").unwrap_or(unit).trim();
            match unit {
                "€" | "euros" | "euro" => Some("€".to_owned()),
                "%" | "pourcentage" => Some("%".to_owned()),
                "km²" | "m²" | "ha" | "ans" | "années" | "jours" | "heures" | "habitants" | "hab./km²" => {
                    Some(unit.to_owned())
                }
                _ => None,
            }
        }
        of(&self.title).or_else(|| self.description.as_deref().and_then(of))
    }

    /// The label written for the year `20{from}`, said of `20{to}` (`Population en 2021` →
    /// `Population en 2020`).
    fn of_year(&self, from: u8, to: u8) -> Self {
        Self {
            title: shift_year(&self.title, from, to),
            description: self.description.as_deref().map(|d| shift_year(d, from, to)),
        }
    }
}

/// The labels of a dictionary's variables.
#[derive(Clone, Debug, Default)]
pub struct Dictionary {
    /// The labels asked for when this dictionary has none (Carnet's own): after its exact
    /// codes and its patterns.
    base: Option<&'static Dictionary>,
    /// By variable code, as written.
    exact: HashMap<String, Label>,
    /// By code with its vintage blanked (`MED19` → `MED##`, `P21_POP` → `P##_POP`), with the
    /// vintage of the label kept, when that is unambiguous.
    patterns: HashMap<String, (Label, u8)>,
}

/// The header names of the code, short label and long label columns (folded).
const CODE: &[&str] = &["cod_var", "code_var", "variable", "code"];
const TITLE: &[&str] = &["lib_var", "libelle", "libelle_var", "label"];
const LONG: &[&str] = &["lib_var_long", "libelle_long"];
/// Modalities: a row with one is a value's label, not the variable's.
const MODALITY: &[&str] = &["cod_mod"];

impl Dictionary {
    /// Reads a dictionary file (any encoding and separator Carnet reads).
    ///
    /// # Errors
    /// When the file cannot be read, or has no variable-code and label columns
    /// ([`ErrorKind::NotADictionary`]).
    pub fn read(file_name: &str, bytes: &[u8]) -> Result<Self> {
        let ws = Workspace::load(file_name, bytes, &mut ())?;
        let table = ws.table();
        let find = |names: &[&str]| {
            table.columns().iter().find(|c| names.contains(&fold(c.name()).replace(' ', "_").as_str()))
        };
        let (Some(code), Some(title)) = (find(CODE), find(TITLE)) else {
            return Err(ErrorKind::NotADictionary.into());
        };
        let long = find(LONG);
        let modality = find(MODALITY);
        let text = |c: &Column, r: usize| match c.cell(r) {
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Missing(_) => String::new(),
            other => crate::engine::format::plain(other),
        };
        let mut dictionary = Self::default();
        let mut patterns: HashMap<String, Option<(Label, u8)>> = HashMap::new();
        for r in 0..table.rows() {
            let (name, short) = (text(code, r), text(title, r));
            if name.is_empty() || short.is_empty() || modality.is_some_and(|m| !text(m, r).is_empty()) {
                continue;
            }
            let description = long.map(|l| text(l, r)).filter(|d| !d.is_empty() && *d != short);
            let label = Label { title: short, description };
            if let Some((blanked, year)) = pattern(&name) {
                // Two vintages of one variable agree (their years aside); two variables
                // sharing a pattern do not.
                patterns
                    .entry(blanked)
                    .and_modify(|known| {
                        if known.as_ref().is_none_or(|(k, y)| k.of_year(*y, year) != label) {
                            *known = None;
                        }
                    })
                    .or_insert_with(|| Some((label.clone(), year)));
            }
            dictionary.exact.entry(name).or_insert(label);
        }
        dictionary.patterns = patterns.into_iter().filter_map(|(k, v)| Some((k, v?))).collect();
        if dictionary.exact.is_empty() {
            return Err(ErrorKind::NotADictionary.into());
        }
        Ok(dictionary)
    }

    /// The dictionary a file's double header gives: each column's code with the label above
    /// it. Empty labels are left out.
    pub fn of_labels<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> Self {
        let mut dictionary = Self::default();
        for (code, label) in pairs.filter(|(c, l)| !c.is_empty() && !l.is_empty()) {
            let label = Label { title: label.to_owned(), description: None };
            if let Some((blanked, year)) = pattern(code) {
                dictionary.patterns.entry(blanked).or_insert_with(|| (label.clone(), year));
            }
            dictionary.exact.entry(code.to_owned()).or_insert(label);
        }
        dictionary
    }

    /// This dictionary, completed by `base` for the variables it does not label.
    #[must_use]
    pub fn over(mut self, base: &Self) -> Self {
        for (k, v) in &base.exact {
            self.exact.entry(k.clone()).or_insert_with(|| v.clone());
        }
        for (k, v) in &base.patterns {
            self.patterns.entry(k.clone()).or_insert_with(|| v.clone());
        }
        self
    }

    /// This dictionary, asking `base` for what it does not label: its own labels, exact or of
    /// another vintage, come first; `base` answers for its own codes, and for another vintage
    /// of them only when the code says enough ([`Self::label_of_insee`]).
    #[must_use]
    pub fn on(mut self, base: &'static Self) -> Self {
        self.base = Some(base);
        self
    }

    /// Variables labelled.
    pub fn len(&self) -> usize {
        self.exact.len()
    }

    /// Whether it labels nothing.
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty()
    }

    /// The labels of column `name`: its own, else those of the same variable in another
    /// vintage, their year made `name`'s (`P19_POP` « Population en 2019 » labels `P21_POP`
    /// « Population en 2021 »).
    pub fn label(&self, name: &str) -> Option<Cow<'_, Label>> {
        if let Some(label) = self.exact.get(name) {
            return Some(Cow::Borrowed(label));
        }
        let own = pattern(name).and_then(|(blanked, year)| {
            let (label, from) = self.patterns.get(&blanked)?;
            Some(if *from == year { Cow::Borrowed(label) } else { Cow::Owned(label.of_year(*from, year)) })
        });
        own.or_else(|| self.base?.label_of_insee(name))
    }

    /// The labels of column `name` when it is one of this dictionary's codes, or another vintage
    /// of one whose code says enough (three characters at least besides the year: `MED`, `P##_POP`,
    /// not `HT` or `D1`, which a file of any producer may use).
    pub fn label_of_insee(&self, name: &str) -> Option<Cow<'_, Label>> {
        if let Some(label) = self.exact.get(name) {
            return Some(Cow::Borrowed(label));
        }
        let (blanked, year) = pattern(name)?;
        if blanked.chars().filter(|c| *c != '#' && *c != '_').count() < 3 {
            return None;
        }
        let (label, from) = self.patterns.get(&blanked)?;
        Some(if *from == year { Cow::Borrowed(label) } else { Cow::Owned(label.of_year(*from, year)) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const META: &str = "COD_VAR;LIB_VAR;LIB_VAR_LONG;COD_MOD;LIB_MOD;TYPE_VAR;LONG_VAR\r\n\
        NBMENFISC19;Nombre de ménages fiscaux;Nombre de ménages fiscaux;;;NUM;7\r\n\
        MED19;Médiane du niveau vie (€);Médiane du niveau de vie (€);;;NUM;5\r\n\
        TP60AGE119;Taux de pauvreté-moins de 30 ans (%);Taux de pauvreté des personnes dans les ménages dont le référent fiscal a moins de 30 ans (%);;;NUM;2\r\n\
        D119;1er décile du niveau de vie (€);1er décile du niveau de vie (€);;;NUM;5\r\n\
        CODGEO;Code géographique;Code géographique;01001;L'Abergement-Clémenciat;CHAR;5\r\n\
        CODGEO;Code géographique;Code géographique;01002;L'Abergement-de-Varey;CHAR;5\r\n";

    #[test]
    fn labels_match_across_vintages() {
        let d = Dictionary::read("meta_cc_filosofi_2019_COM.CSV", META.as_bytes()).unwrap();
        assert_eq!(d.len(), 4, "modality rows are not variables");
        let med = d.label("MED20").unwrap();
        assert_eq!(med.title, "Médiane du niveau vie (€)");
        assert_eq!(med.description.as_deref(), Some("Médiane du niveau de vie (€)"));
        assert_eq!(
            d.label("NBMENFISC19").unwrap().description,
            None,
            "a long label equal to the short one adds nothing"
        );
        assert_eq!(d.label("D120").unwrap().title, "1er décile du niveau de vie (€)");
        assert!(d.label("TP60AGE120").is_some());
        assert_eq!(d.label("CODGEO"), None);
    }

    #[test]
    fn carnet_s_own_labels_answer_last_and_only_for_codes_that_say_enough() {
        let builtin = crate::engine::tidy::builtin::labels();
        let user = Dictionary::read("meta.csv", "COD_VAR;LIB_VAR\nHT23;Montant HT 2023\n".as_bytes()).unwrap();
        let layered = user.on(builtin);
        assert_eq!(layered.label("HT24").unwrap().title, "Montant HT 2024", "the user's pattern before Carnet's codes");
        let own = Dictionary::default().on(builtin);
        assert_eq!(own.label("HT22"), None, "a budget file's HT22 is no hotel count");
        assert_eq!(own.label("MED19").unwrap().words(), "Médiane du niveau de vie (€)");
        assert_eq!(own.label("P19_POP").unwrap().words(), "Population en 2019");
        assert_eq!(own.label("D99_POP").unwrap().title, "Population en 1999 (dnbt)");
        assert_eq!(own.label("D99_POP").unwrap().unit(), None, "INSEE's (dnbt) is no unit");
    }

    #[test]
    fn a_data_file_is_not_a_dictionary() {
        let err = Dictionary::read("f.csv", b"CODGEO;MED20\n59522;29440\n").unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::NotADictionary));
    }
}
