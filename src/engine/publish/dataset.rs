//! The data.gouv.fr dataset and its resources: the fields of its publication form, proposed
//! from the data, edited by the user, and written as the API payload (`datagouv.json`).
//!
//! Field names and ids are data.gouv.fr's (udata): licence `lov2`, frequency `annual`, zones
//! `fr:commune:59522`… so that what the user copies into the form, or posts with an API key,
//! is accepted as it is.

use super::facts::Facts;
use super::vocabulary;
use crate::engine::territory::Level;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// What a resource is, in data.gouv.fr's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ResourceType {
    /// The data itself.
    Main,
    /// Describes the data (README, schema, charts).
    Documentation,
    /// Anything else (the recipe).
    Other,
}

impl ResourceType {
    /// The id data.gouv.fr uses.
    pub fn id(self) -> &'static str {
        match self {
            Self::Main => "main",
            Self::Documentation => "documentation",
            Self::Other => "other",
        }
    }
}

/// One file of the dataset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    /// The file's name in the kit.
    pub file: String,
    /// Its title on data.gouv.fr.
    pub title: String,
    /// Its description (Markdown).
    pub description: String,
    /// Its type.
    pub kind: ResourceType,
    /// Its format, lower case (`csv`, `json`, `md`, `png`).
    pub format: String,
}

impl Resource {
    /// The media type of the resource's format.
    pub fn mime(&self) -> &'static str {
        vocabulary::mime(&self.format)
    }
}

/// The dataset's fields, in the order of data.gouv.fr's form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// Title (at most 350 characters).
    pub title: String,
    /// Short description (at most 200 characters).
    pub description_short: String,
    /// Description, Markdown (the kit's README).
    pub description: String,
    /// Keywords, as slugs.
    pub tags: Vec<String>,
    /// Licence id (`lov2`, `odc-odbl`…).
    pub license: String,
    /// Update frequency id (`annual`…).
    pub frequency: String,
    /// First day covered, ISO 8601 (`2020-01-01`).
    pub temporal_start: String,
    /// Last day covered, ISO 8601; may be empty.
    pub temporal_end: String,
    /// Spatial coverage: zone ids (`fr:commune:59522`).
    pub zones: Vec<String>,
    /// Spatial granularity id (`fr:commune`).
    pub granularity: String,
    /// Who publishes it (for the README's contact section); may be empty.
    pub producer: String,
    /// How to reach them (e-mail or web address); may be empty.
    pub contact: String,
    /// The files.
    pub resources: Vec<Resource>,
}

impl Dataset {
    /// The fields proposed from the facts of the clean CSV; the description is left to
    /// [`super::readme::description`], which reads the other fields.
    pub fn propose(facts: &Facts) -> Self {
        let place = &facts.place;
        let publication = crate::engine::read::source::publication(&facts.file_name);
        let year = facts.years.map(|(a, b)| if a == b { format!("{a}") } else { format!("{a}–{b}") });
        let theme = publication.map_or("Données publiques", |p| p.theme);
        let title = match &year {
            Some(y) => format!("{theme} à {} ({y})", place.name),
            None => format!("{theme} à {}", place.name),
        };
        let source = facts.publication.clone().unwrap_or_else(|| format!("le fichier {}", facts.file_name));
        let commune = place.level <= Level::Commune;
        let mut description_short = if commune {
            let mut text = format!("{theme} de la commune de {}", place.name);
            if !place.departement.name.is_empty() {
                text += &format!(" ({})", place.departement.name);
            }
            text
        } else {
            format!("{theme} : {}", place.designation())
        };
        description_short += &format!(", d’après {source}.");
        let mut tags: Vec<String> =
            publication.map(|p| p.tags.iter().map(|t| (*t).to_owned()).collect()).unwrap_or_default();
        for name in [&place.name, &place.departement.name] {
            let tag = vocabulary::tag(name);
            if tag.chars().count() >= vocabulary::TAG_MIN && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let (temporal_start, temporal_end) =
            facts.years.map_or_else(Default::default, |(a, b)| (format!("{a}-01-01"), format!("{b}-12-31")));
        let csv_title = match &year {
            Some(y) => format!("{theme} à {} ({y}), CSV", place.name),
            None => format!("{theme} à {}, CSV", place.name),
        };
        let resources = vec![
            Resource {
                file: facts.csv_name.clone(),
                title: csv_title,
                description: format!(
                    "Les lignes de {}, d’après {source} : UTF-8, séparateur virgule, point décimal. \
                     Schéma : schema.json.",
                    place.designation()
                ),
                kind: ResourceType::Main,
                format: "csv".into(),
            },
            Resource {
                file: "schema.json".into(),
                title: "Schéma des données (Table Schema)".into(),
                description: format!("Le type, le format et la description de chaque colonne de {}.", facts.csv_name),
                kind: ResourceType::Documentation,
                format: "json".into(),
            },
            Resource {
                file: "README.md".into(),
                title: "Documentation (README)".into(),
                description: "La description du jeu de données : source, méthode, modèle des données, glossaire."
                    .into(),
                kind: ResourceType::Documentation,
                format: "md".into(),
            },
        ];
        Self {
            title,
            description_short,
            description: String::new(),
            tags,
            license: vocabulary::LICENCE_OUVERTE.into(),
            frequency: if publication.is_some_and(|p| p.year.is_some()) { "annual" } else { "unknown" }.into(),
            temporal_start,
            temporal_end,
            zones: vec![place.zone()],
            granularity: vocabulary::granularity(place.level).into(),
            producer: String::new(),
            contact: String::new(),
            resources,
        }
    }

    /// These fields, edited by the user from the proposal `base`, carried over to `proposal`,
    /// the new proposal for the same commune (another step, another vintage, a dictionary):
    /// a field the user changed keeps their value, the others take the new proposal's. The
    /// files are the new proposal's; a file's title and description the user changed stay.
    pub fn rebase(&self, base: &Self, proposal: Self) -> Self {
        fn pick<T: PartialEq + Clone>(mine: &T, base: &T, new: T) -> T {
            if mine == base { new } else { mine.clone() }
        }
        let resources = proposal
            .resources
            .into_iter()
            .enumerate()
            .map(|(i, new)| match (self.resources.get(i), base.resources.get(i)) {
                (Some(mine), Some(old)) if mine.kind == new.kind && old.kind == new.kind => Resource {
                    title: pick(&mine.title, &old.title, new.title.clone()),
                    description: pick(&mine.description, &old.description, new.description.clone()),
                    ..new
                },
                _ => new,
            })
            .collect();
        Self {
            title: pick(&self.title, &base.title, proposal.title),
            description_short: pick(&self.description_short, &base.description_short, proposal.description_short),
            description: pick(&self.description, &base.description, proposal.description),
            tags: pick(&self.tags, &base.tags, proposal.tags),
            license: pick(&self.license, &base.license, proposal.license),
            frequency: pick(&self.frequency, &base.frequency, proposal.frequency),
            temporal_start: pick(&self.temporal_start, &base.temporal_start, proposal.temporal_start),
            temporal_end: pick(&self.temporal_end, &base.temporal_end, proposal.temporal_end),
            zones: pick(&self.zones, &base.zones, proposal.zones),
            granularity: pick(&self.granularity, &base.granularity, proposal.granularity),
            producer: pick(&self.producer, &base.producer, proposal.producer),
            contact: pick(&self.contact, &base.contact, proposal.contact),
            resources,
        }
    }

    /// These fields, saved in a recipe made on another file, over `proposal` (this file's):
    /// what does not depend on the vintage — keywords, licence, frequency, territories,
    /// granularity, producer, contact — is kept; the titles, descriptions, dates and files
    /// are this file's.
    pub fn settings_over(&self, proposal: Self) -> Self {
        Self {
            tags: self.tags.clone(),
            license: self.license.clone(),
            frequency: self.frequency.clone(),
            zones: self.zones.clone(),
            granularity: self.granularity.clone(),
            producer: self.producer.clone(),
            contact: self.contact.clone(),
            ..proposal
        }
    }

    /// The payload of data.gouv.fr's API: the dataset as `POST /api/1/datasets/` takes it
    /// (created private, as a draft), and each resource with the file to upload and the
    /// fields to set on it afterwards.
    pub fn to_api(&self) -> Value {
        let mut dataset = json!({
            "title": self.title,
            "description": self.description,
            "tags": self.tags,
            "license": self.license,
            "frequency": self.frequency,
            "spatial": { "zones": self.zones, "granularity": self.granularity },
            "private": true,
        });
        if !self.description_short.is_empty() {
            dataset["description_short"] = json!(self.description_short);
        }
        if !self.temporal_start.is_empty() {
            let mut coverage = json!({ "start": self.temporal_start });
            if !self.temporal_end.is_empty() {
                coverage["end"] = json!(self.temporal_end);
            }
            dataset["temporal_coverage"] = coverage;
        }
        let resources: Vec<Value> = self
            .resources
            .iter()
            .map(|r| {
                json!({
                    "file": r.file,
                    "fields": {
                        "title": r.title,
                        "description": r.description,
                        "type": r.kind.id(),
                        "format": r.format,
                        "mime": r.mime(),
                    },
                })
            })
            .collect();
        json!({
            "api": {
                "base": "https://www.data.gouv.fr/api/1",
                "steps": [
                    "POST /datasets/ with `dataset` (header X-API-KEY) → the dataset's id",
                    "for each resource: POST /datasets/{id}/upload/ with its `file` (multipart, field `file`) → the resource's id",
                    "then PUT /datasets/{id}/resources/{rid}/ with its `fields`",
                ],
            },
            "dataset": dataset,
            "resources": resources,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        crate::engine::publish::facts::example()
    }

    #[test]
    fn rebase_keeps_what_the_user_changed_and_follows_the_rest() {
        let base = Dataset::propose(&facts());
        let mut mine = base.clone();
        mine.title = "Revenus des habitants".into();
        mine.producer = "Mairie de Sailly-lez-Lannoy".into();
        mine.resources[0].description = "Nos lignes.".into();
        let mut other = facts();
        other.csv_name = "cc_filosofi_2021_COM_59522.csv".into();
        other.years = Some((2021, 2021));
        let proposal = Dataset::propose(&other);
        let rebased = mine.rebase(&base, proposal.clone());
        assert_eq!(rebased.title, "Revenus des habitants");
        assert_eq!(rebased.producer, "Mairie de Sailly-lez-Lannoy");
        assert_eq!(rebased.resources[0].description, "Nos lignes.");
        assert_eq!(rebased.resources[0].file, "cc_filosofi_2021_COM_59522.csv", "the file is the new one");
        assert_eq!(rebased.resources[0].title, proposal.resources[0].title, "an untouched title follows");
        assert_eq!(rebased.temporal_start, "2021-01-01");
        assert_eq!(base.clone().rebase(&base, proposal.clone()), proposal, "nothing changed: the new proposal");
    }

    #[test]
    fn a_recipe_on_another_vintage_keeps_its_settings_only() {
        let mut saved = Dataset::propose(&facts());
        saved.title = "Revenus 2020".into();
        saved.license = "odc-odbl".into();
        saved.contact = "mairie@example.fr".into();
        let mut other = facts();
        other.years = Some((2021, 2021));
        let proposal = Dataset::propose(&other);
        let kept = saved.settings_over(proposal.clone());
        assert_eq!((kept.license.as_str(), kept.contact.as_str()), ("odc-odbl", "mairie@example.fr"));
        assert_eq!(kept.title, proposal.title, "the title names this file's year");
        assert_eq!(kept.temporal_end, "2021-12-31");
    }

    #[test]
    fn proposal_for_filosofi() {
        let d = Dataset::propose(&facts());
        assert_eq!(d.title, "Revenus, pauvreté et niveau de vie à Sailly-lez-Lannoy (2020)");
        assert_eq!(
            d.description_short,
            "Revenus, pauvreté et niveau de vie de la commune de Sailly-lez-Lannoy (Nord), d’après Insee, Filosofi 2020."
        );
        assert_eq!(d.tags, ["insee", "filosofi", "revenus", "pauvrete", "niveau-de-vie", "sailly-lez-lannoy", "nord"]);
        assert_eq!((d.license.as_str(), d.frequency.as_str()), ("lov2", "annual"));
        assert_eq!((d.temporal_start.as_str(), d.temporal_end.as_str()), ("2020-01-01", "2020-12-31"));
        assert_eq!(d.zones, ["fr:commune:59522"]);
        assert_eq!(d.resources[0].kind, ResourceType::Main);
    }

    #[test]
    fn api_payload_uses_udata_names() {
        let mut d = Dataset::propose(&facts());
        d.description = "Une description.".into();
        d.temporal_end.clear();
        let api = d.to_api();
        assert_eq!(api["dataset"]["license"], "lov2");
        assert_eq!(api["dataset"]["temporal_coverage"], json!({ "start": "2020-01-01" }));
        assert_eq!(api["dataset"]["spatial"], json!({ "zones": ["fr:commune:59522"], "granularity": "fr:commune" }));
        assert_eq!(api["dataset"]["private"], true);
        assert_eq!(api["resources"][0]["fields"]["type"], "main",);
        assert_eq!(api["resources"][0]["fields"]["mime"], "text/csv");
        assert_eq!(api["resources"][2]["file"], "README.md");
    }

    #[test]
    fn a_file_of_unknown_origin_gets_neutral_fields() {
        let mut f = facts();
        f.file_name = "export.csv".into();
        f.publication = None;
        f.years = None;
        let d = Dataset::propose(&f);
        assert_eq!(d.title, "Données publiques à Sailly-lez-Lannoy");
        assert_eq!(d.frequency, "unknown");
        assert!(d.temporal_start.is_empty());
        assert_eq!(d.tags, ["sailly-lez-lannoy", "nord"]);
    }
}
