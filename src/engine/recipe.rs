//! The recipe ("carnet"): how a file was read, for which territory, which chart and which
//! publication fields — one versioned JSON file the user keeps, to do the same work on next
//! year's file.
//!
//! ```
//! use carnet::engine::recipe::Recipe;
//! let recipe = Recipe::new("cc_filosofi_2020_COM.csv", Default::default());
//! let text = recipe.to_json();
//! assert!(text.contains("\"format\": \"carnet\""));
//! assert_eq!(Recipe::from_json(&text).unwrap(), recipe);
//! ```

use super::chart::{ChartKind, Edits};
use super::publish::dataset::Dataset;
use super::standardize::Step;
use super::workspace::ReadOptions;
use serde::{Deserialize, Serialize};

/// The `format` field of every recipe.
pub const FORMAT: &str = "carnet";
/// The version of the recipe format this build writes.
pub const VERSION: u32 = 1;

/// The chart the user settled on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartSettings {
    /// The column charted.
    pub column: String,
    /// Which chart.
    pub kind: ChartKind,
    /// The user's edits.
    #[serde(default)]
    pub edits: Edits,
}

/// Everything needed to redo the work on a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recipe {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format's version.
    pub version: u32,
    /// The file the recipe was made on.
    pub file_name: String,
    /// The user's corrections to the detection.
    pub read: ReadOptions,
    /// The commune's INSEE code.
    pub territory: Option<String>,
    /// The standardization steps.
    #[serde(default)]
    pub steps: Vec<Step>,
    /// The chart.
    pub chart: Option<ChartSettings>,
    /// The data.gouv.fr fields.
    pub publication: Option<Dataset>,
}

/// Why a text is not a recipe Carnet can use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecipeError {
    /// Not JSON of the recipe's shape.
    NotARecipe(String),
    /// A recipe from a newer Carnet.
    TooNew(u32),
}

impl Recipe {
    /// A recipe for `file_name` read with `read`, nothing else chosen yet.
    pub fn new(file_name: &str, read: ReadOptions) -> Self {
        Self {
            format: FORMAT.to_owned(),
            version: VERSION,
            file_name: file_name.to_owned(),
            read,
            territory: None,
            steps: Vec::new(),
            chart: None,
            publication: None,
        }
    }

    /// The recipe as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Reads a recipe.
    ///
    /// # Errors
    /// [`RecipeError`] when the text is not a recipe of a version this build reads.
    pub fn from_json(text: &str) -> Result<Self, RecipeError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| RecipeError::NotARecipe(e.to_string()))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(RecipeError::NotARecipe("le champ « format » ne vaut pas « carnet »".into()));
        }
        match value.get("version").and_then(serde_json::Value::as_u64) {
            Some(v) if v > u64::from(VERSION) => return Err(RecipeError::TooNew(v as u32)),
            _ => {}
        }
        serde_json::from_value(value).map_err(|e| RecipeError::NotARecipe(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_json_is_refused() {
        assert!(matches!(Recipe::from_json("{\"a\": 1}"), Err(RecipeError::NotARecipe(_))));
        assert!(matches!(Recipe::from_json("pas du json"), Err(RecipeError::NotARecipe(_))));
        let newer = Recipe::new("f.csv", ReadOptions::default()).to_json().replace("\"version\": 1", "\"version\": 7");
        assert_eq!(Recipe::from_json(&newer), Err(RecipeError::TooNew(7)));
    }
}
