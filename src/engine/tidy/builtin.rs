//! The labels Carnet knows without being told: INSEE's dictionaries of its main series
//! (census key figures and « dossier complet », Filosofi at commune and IRIS level, salaries),
//! shipped in `dictionaries/` and cut down to their variables at build time (`build.rs`). A
//! dictionary the user reads, or one a file brings, wins over them.
//!
//! ```
//! let labels = carnet::engine::tidy::builtin::labels();
//! assert_eq!(labels.label("MED21").unwrap().words(), "Médiane du niveau de vie (€)");
//! assert_eq!(labels.label("P20_POP").unwrap().words(), "Population en 2020");
//! ```

use super::dictionary::Dictionary;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/dictionaries.rs"));

/// The built-in labels, read once.
pub fn labels() -> &'static Dictionary {
    static LABELS: OnceLock<Dictionary> = OnceLock::new();
    LABELS.get_or_init(|| {
        DICTIONARIES
            .iter()
            .filter_map(|(name, text)| Dictionary::read(name, text.as_bytes()).ok())
            .reduce(|first, next| first.over(&next))
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_dictionary_reads() {
        for (name, text) in DICTIONARIES {
            let d = Dictionary::read(name, text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(d.len() >= 20, "{name}: {} variables", d.len());
        }
        assert!(labels().len() > 1_900, "{}", labels().len());
    }

    #[test]
    fn the_main_series_are_labelled_in_words_with_their_units() {
        let l = labels();
        let med = l.label("MED20").unwrap();
        assert_eq!(med.words(), "Médiane du niveau de vie (€)");
        assert_eq!(med.unit().as_deref(), Some("€"));
        assert_eq!(l.label("PIMP19").unwrap().unit().as_deref(), Some("%"));
        assert_eq!(l.label("NBMENFISC21").unwrap().words(), "Nombre de ménages fiscaux");
        assert_eq!(l.label("P21_POP0014").unwrap().words(), "Nombre de personnes de 0 à 14 ans en 2021");
        assert_eq!(l.label("P19_POP0014").unwrap().words(), "Nombre de personnes de 0 à 14 ans en 2019");
        assert_eq!(l.label("SNHM20").unwrap().words(), "Salaire net horaire moyen en 2020 (€)");
        assert!(l.label("DISP_MED18").unwrap().words().contains("Médiane"), "the IRIS files too");
        assert_eq!(l.label("CODGEO"), None, "a commune's modality rows label no column");
    }
}
