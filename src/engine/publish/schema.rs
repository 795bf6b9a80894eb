//! The Frictionless Table Schema (v1, as schema.data.gouv.fr uses it) of a clean CSV, and the
//! `datapackage.json` tying the CSV to it.
//!
//! Each field gets the Table Schema type of its column and, for French codes, a pattern every
//! value of the table matches; the secret and not-available markers the clean CSV writes are
//! the schema's `missingValues`.

use super::csv::{NOT_AVAILABLE, SECRET};
use crate::engine::infer::{CodeKind, ColumnKind};
use crate::engine::table::{Cell, Column, Table};
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
fn description(kind: ColumnKind) -> Option<&'static str> {
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

/// The Table Schema of `table` as the clean CSV writes it.
pub fn table_schema(table: &Table) -> Value {
    let fields: Vec<Value> = table.columns().iter().map(|c| field(c, table.rows())).collect();
    json!({
        "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
        "fields": fields,
        "missingValues": ["", SECRET, NOT_AVAILABLE],
    })
}

fn field(column: &Column, rows: usize) -> Value {
    let kind = column.kind();
    let mut field = json!({ "name": column.name(), "type": field_type(kind) });
    if let Some(text) = description(kind) {
        field["description"] = json!(text);
    }
    if let ColumnKind::Code(code) = kind {
        let pattern = code_pattern(code);
        let all_match = (0..rows).all(|r| match column.cell(r) {
            Cell::Text(v) => code.accepts(v),
            _ => true,
        });
        if all_match {
            field["constraints"] = json!({ "pattern": pattern });
        }
    }
    let example = (0..rows).map(|r| column.cell(r)).find(|c| !matches!(c, Cell::Missing(_)));
    if let Some(example) = example {
        field["example"] = json!(super::csv::cell(example));
    }
    field
}

/// The `datapackage.json` of one clean CSV `path` described by the schema file `schema_path`.
pub fn data_package(name: &str, title: &str, path: &str, schema_path: &str) -> Value {
    json!({
        "name": slug(name),
        "title": title,
        "licenses": [{
            "name": "etalab-2.0",
            "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
            "title": "Licence Ouverte / Open Licence version 2.0"
        }],
        "resources": [{
            "name": slug(path.trim_end_matches(".csv")),
            "path": path,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema_path,
        }],
    })
}

/// A Frictionless name: lower case, digits, `-`, `_`, `.`.
pub fn slug(text: &str) -> String {
    let folded = crate::engine::territory::fold(text);
    let slug: String =
        folded.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '.' { c } else { '-' }).collect();
    slug.trim_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::workspace::Workspace;

    #[test]
    fn fields_have_types_patterns_and_examples() {
        let ws =
            Workspace::load("f.csv", "CODGEO;NB;PART;an\n59522;765;12,5 %;2020\n2A004;s;nd;2021\n".as_bytes(), &mut ())
                .unwrap();
        let s = table_schema(ws.table());
        assert_eq!(s["missingValues"], json!(["", "s", "nd"]));
        assert_eq!(
            s["fields"][0],
            json!({
                "name": "CODGEO", "type": "string", "example": "59522",
                "description": "Code Insee de la commune (5 caractères, 2A/2B en Corse)",
                "constraints": { "pattern": "^(\\d{2}|2[AB])\\d{3}$" },
            })
        );
        assert_eq!(s["fields"][1]["type"], "integer");
        assert_eq!(s["fields"][2]["type"], "number");
        assert_eq!(s["fields"][3]["type"], "year");
    }

    #[test]
    fn odd_codes_drop_the_pattern() {
        let ws = Workspace::load("f.csv", b"Codes_Insee;N\n59522;1\nXXXXX;2\n", &mut ()).unwrap();
        // Two values, one not a code: below the quorum, the column is text.
        assert!(table_schema(ws.table())["fields"][0].get("constraints").is_none());
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("cc_filosofi_2020_COM_59522"), "cc-filosofi-2020-com-59522");
        assert_eq!(slug("Sailly-lez-Lannoy — Médiane"), "sailly-lez-lannoy-mediane");
    }
}
