//! The levels of French territories, from the IRIS to France.

use crate::engine::text::fold;
use serde::{Deserialize, Serialize};

/// A territory level, from the smallest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    /// A part of the commune (IRIS).
    Iris,
    /// The commune.
    #[default]
    Commune,
    /// Its EPCI.
    Epci,
    /// Its département.
    Departement,
    /// Its région.
    Region,
    /// France.
    France,
}

impl Level {
    /// The level a level column's value names (`COM`, `epci`, `Département`, `FRANCE`…).
    pub fn from_value(value: &str) -> Option<Self> {
        Some(match fold(value).replace(' ', "").as_str() {
            "iris" => Self::Iris,
            "com" | "commune" | "communes" => Self::Commune,
            "epci" | "intercommunalite" | "interco" => Self::Epci,
            "dep" | "departement" | "departements" => Self::Departement,
            "reg" | "region" | "regions" => Self::Region,
            "fr" | "fra" | "france" | "pays" | "nation" | "fe" | "fm" | "franceentiere" | "francemetropolitaine" => {
                Self::France
            }
            _ => return None,
        })
    }
}
