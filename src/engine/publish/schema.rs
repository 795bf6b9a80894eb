//! The Frictionless Table Schema (v1, as schema.data.gouv.fr uses it) of a clean CSV, and the
//! `datapackage.json` tying the CSV to it.
//!
//! Each field gets the Table Schema type of its column and, for French codes, a pattern every
//! value of the table matches; the secret and not-available markers the clean CSV writes are
//! the schema's `missingValues`.

use super::dataset::Dataset;
use super::facts::{Facts, FieldFacts};
use crate::engine::format::MISSING;
use crate::engine::table::{CodeKind, ColumnKind};
use serde_json::{Value, json};

/// The Table Schema type of a column kind.
pub fn field_type(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Integer => "integer",
        ColumnKind::Decimal(_) | ColumnKind::Percent(_) => "number",
        ColumnKind::Year => "year",
        ColumnKind::Date(_) => "date",
        ColumnKind::Boolean => "boolean",
        ColumnKind::Code(_) | ColumnKind::Text => "string",
    }
}

/// The pattern a code kind's values match (a regular expression, anchored).
pub fn code_pattern(kind: CodeKind) -> &'static str {
    match kind {
        CodeKind::Commune => "^(\\d{2}|2[AB])\\d{3}$",
        CodeKind::Iris => "^(\\d{2}|2[AB])\\d{7}$",
        CodeKind::Departement => "^(\\d{2}|2[AB]|97[1-8])$",
        CodeKind::Region => "^\\d{2}$",
        CodeKind::Epci => "^2\\d{8}$",
        CodeKind::Siren => "^\\d{9}$",
        CodeKind::Siret => "^\\d{14}$",
        CodeKind::PostalCode => "^\\d{5}$",
        CodeKind::Other => "^\\d+$",
    }
}

/// A French description of what a column holds, when its kind says it.
pub fn description(kind: ColumnKind) -> Option<&'static str> {
    Some(match kind {
        ColumnKind::Code(CodeKind::Commune) => "Code Insee de la commune (5 caractères, 2A/2B en Corse)",
        ColumnKind::Code(CodeKind::Iris) => "Code IRIS (9 caractères)",
        ColumnKind::Code(CodeKind::Departement) => "Code du département",
        ColumnKind::Code(CodeKind::Region) => "Code de la région",
        ColumnKind::Code(CodeKind::Epci) => "Numéro SIREN de l’EPCI",
        ColumnKind::Code(CodeKind::Siren) => "Numéro SIREN",
        ColumnKind::Code(CodeKind::Siret) => "Numéro SIRET",
        ColumnKind::Code(CodeKind::PostalCode) => "Code postal",
        ColumnKind::Percent(_) => "Pourcentage (valeur en %)",
        _ => return None,
    })
}

/// The Table Schema of the clean CSV `facts` describes, with the catalogue's metadata from
/// `dataset`; `today` (ISO 8601) is its creation date.
pub fn table_schema(facts: &Facts, dataset: &Dataset, today: &str) -> Value {
    let fields: Vec<Value> = facts.fields.iter().map(field).collect();
    let mut schema = json!({
        "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
        "name": slug(facts.csv_name.trim_end_matches(".csv")),
        "title": dataset.title,
        "description": dataset.description_short,
        "countryCode": "FR",
        "keywords": dataset.tags,
        "sources": sources(facts),
        "created": today,
        "lastModified": today,
        "version": "1.0.0",
        "fields": fields,
        "missingValues": MISSING,
    });
    if let Some(licence) = licence(&dataset.license) {
        schema["licenses"] = json!([licence]);
    }
    if !dataset.producer.trim().is_empty() {
        schema["contributors"] = json!([{ "title": dataset.producer.trim(), "role": "author" }]);
    }
    schema
}

fn field(f: &FieldFacts) -> Value {
    let mut field = json!({ "name": f.name, "type": field_type(f.kind) });
    if let Some(title) = &f.title {
        field["title"] = json!(title);
    }
    if let Some(text) = f.description.as_deref().or_else(|| description(f.kind)) {
        field["description"] = json!(text);
    }
    if let Some(example) = &f.example {
        field["example"] = json!(example);
    }
    match f.kind {
        ColumnKind::Code(code) if f.well_formed => field["constraints"] = json!({ "pattern": code_pattern(code) }),
        ColumnKind::Integer if f.non_negative => field["constraints"] = json!({ "minimum": 0 }),
        _ => {}
    }
    field
}

/// The source of the data, for the `sources` key.
fn sources(facts: &Facts) -> Value {
    let title = |o: &super::facts::Origin| o.publication.clone().unwrap_or_else(|| format!("Fichier {}", o.file_name));
    facts.sources.iter().map(|o| json!({ "title": title(o) })).collect()
}

/// A data.gouv.fr licence id as a Frictionless licence, when it has an open definition.
fn licence(id: &str) -> Option<Value> {
    let (name, path, title) = match id {
        "lov2" => (
            "etalab-2.0",
            "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
            "Licence Ouverte / Open Licence version 2.0",
        ),
        "odc-odbl" => (
            "ODbL-1.0",
            "https://opendatacommons.org/licenses/odbl/1-0/",
            "Open Data Commons Open Database License 1.0",
        ),
        "fr-lo" => ("etalab-1.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence", "Licence Ouverte 1.0"),
        "odc-by" => ("ODC-By-1.0", "https://opendatacommons.org/licenses/by/1-0/", "Open Data Commons Attribution"),
        "odc-pddl" => ("PDDL-1.0", "https://opendatacommons.org/licenses/pddl/1-0/", "Open Data Commons PDDL"),
        "cc-by" => ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/", "Creative Commons Attribution 4.0"),
        "cc-by-sa" => (
            "CC-BY-SA-4.0",
            "https://creativecommons.org/licenses/by-sa/4.0/",
            "Creative Commons Attribution Share-Alike 4.0",
        ),
        "cc-zero" => ("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/", "Creative Commons CCZero"),
        _ => return None,
    };
    Some(json!({ "name": name, "path": path, "title": title }))
}

/// The `datapackage.json` tying the clean CSV to its schema file `schema.json`.
pub fn data_package(facts: &Facts, dataset: &Dataset) -> Value {
    let mut package = json!({
        "name": slug(facts.csv_name.trim_end_matches(".csv")),
        "title": dataset.title,
        "description": dataset.description_short,
        "keywords": dataset.tags,
        "sources": sources(facts),
        "resources": [{
            "name": slug(facts.csv_name.trim_end_matches(".csv")),
            "title": dataset.resources.first().map(|r| r.title.as_str()).unwrap_or_default(),
            "path": facts.csv_name,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": "schema.json",
        }],
    });
    if let Some(licence) = licence(&dataset.license) {
        package["licenses"] = json!([licence]);
    }
    package
}

/// A Frictionless name: lower case, digits, `-`, `_`, `.`.
pub fn slug(text: &str) -> String {
    let folded = crate::engine::text::fold(text);
    let slug: String =
        folded.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '.' { c } else { '-' }).collect();
    slug.trim_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::read::workspace::Workspace;
    use crate::engine::territory::Place;
    use crate::engine::territory::selection::Selection;

    fn schema_of(file: &str, csv: &str, code: &str) -> Value {
        let ws = Workspace::load(file, csv.as_bytes(), &mut ()).unwrap();
        let place = Place { code: code.into(), name: "Sailly-lez-Lannoy".into(), ..Place::default() };
        let sel = Selection::of(&ws, &place).unwrap();
        let facts = Facts::gather(ws.file_name(), ws.detection(), &place, &sel.table);
        table_schema(&facts, &Dataset::propose(&facts), "2026-11-28")
    }

    #[test]
    fn fields_have_types_patterns_and_examples() {
        let s = schema_of(
            "cc_filosofi_2020_COM.csv",
            "CODGEO;NB;PART;an\n59522;765;12,5 %;2020\n59522;s;nd;2021\n",
            "59522",
        );
        assert_eq!(s["missingValues"], json!(["", "s", "nd", "ns", "so"]));
        assert_eq!(
            s["fields"][0],
            json!({
                "name": "CODGEO", "type": "string", "example": "59522",
                "description": "Code Insee de la commune (5 caractères, 2A/2B en Corse)",
                "constraints": { "pattern": "^(\\d{2}|2[AB])\\d{3}$" },
            })
        );
        assert_eq!(
            s["fields"][1],
            json!({ "name": "NB", "type": "integer", "example": "765", "constraints": { "minimum": 0 } })
        );
        assert_eq!(s["fields"][2]["type"], "number");
        assert_eq!(s["fields"][3]["type"], "year");
        assert_eq!(s["licenses"][0]["name"], "etalab-2.0");
        assert_eq!(s["sources"], json!([{ "title": "Insee, Filosofi 2020" }]));
        assert_eq!((s["countryCode"].as_str(), s["created"].as_str()), (Some("FR"), Some("2026-11-28")));
    }

    #[test]
    fn odd_codes_and_negative_counts_drop_their_constraint() {
        let s = schema_of("f.csv", "Codes_Insee;N\n59522;-1\n59522;2\n01001;3\n01002;4\n1003;5\n", "59522");
        assert_eq!(s["fields"][0]["constraints"]["pattern"], "^(\\d{2}|2[AB])\\d{3}$");
        assert!(s["fields"][1].get("constraints").is_none(), "{}", s["fields"][1]);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("cc_filosofi_2020_COM_59522"), "cc-filosofi-2020-com-59522");
        assert_eq!(slug("Sailly-lez-Lannoy — Médiane"), "sailly-lez-lannoy-mediane");
    }
}
