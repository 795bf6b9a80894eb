//! The metadata file that travels with the clean CSV: what the data is, where it comes
//! from, which territory it covers, and each column's type (Table Schema type names).

use crate::engine::infer::{CodeKind, ColumnKind};
use crate::engine::table::{Cell, Table};
use crate::engine::territory::Place;
use crate::engine::workspace::Detection;
use serde_json::{Value, json};

/// What the metadata is built from.
pub struct Sources<'a> {
    /// The source file's name.
    pub file_name: &'a str,
    /// What was detected when it was read.
    pub detection: &'a Detection,
    /// The territory the rows were filtered to.
    pub place: &'a Place,
    /// The name of the clean CSV the metadata describes.
    pub output_name: &'a str,
}

/// Builds the metadata of `table` (the filtered rows).
pub fn build(table: &Table, src: &Sources<'_>) -> Value {
    let p = src.place;
    let title = format!("{} — {} ({})", stem(src.file_name), p.name, p.code);
    let description = format!(
        "Extrait du fichier « {} » limité à la commune de {} (code INSEE {}, {}). \
         {} ligne(s) sur {} lues, {} colonnes. Fichier converti en UTF-8, séparateur virgule, \
         point décimal ; les codes sont conservés en texte ; « s » marque le secret statistique.",
        src.file_name,
        p.name,
        p.code,
        p.departement.name,
        table.rows(),
        src.detection.rows,
        table.columns().len(),
    );
    let columns: Vec<Value> = table
        .columns()
        .iter()
        .map(|c| {
            let example = (0..table.rows()).map(|r| c.cell(r)).find(|cell| !matches!(cell, Cell::Missing(_)));
            let mut field = json!({
                "name": c.name(),
                "type": super::schema::field_type(c.kind()),
                "example": example.map(super::csv::cell),
            });
            if let ColumnKind::Code(CodeKind::Commune) = c.kind() {
                field["description"] = json!("Code INSEE de la commune (5 caractères)");
                field["constraints"] = json!({ "pattern": "^([013-9]\\d|2[AB1-9])\\d{3}$" });
            }
            field
        })
        .collect();
    let d = src.detection;
    json!({
        "generator": format!("Carnet {}", env!("CARGO_PKG_VERSION")),
        "title": title,
        "description": description,
        "source": {
            "publication": crate::engine::source::describe(src.file_name),
            "file": src.file_name,
            "encoding": d.encoding.label(),
            "separator": char::from(d.dialect.separator.byte()).to_string(),
            "header_line": d.layout.header_line,
            "rows": d.rows,
            "rows_set_aside": d.set_aside,
        },
        "territory": {
            "level": "commune",
            "code": p.code,
            "name": p.name,
            "epci": p.epci,
            "departement": p.departement,
            "region": p.region,
            "spatial": { "zones": [p.zone()], "granularity": "fr:commune" },
        },
        "resource": {
            "file": src.output_name,
            "format": "csv",
            "encoding": "utf-8",
            "separator": ",",
            "rows": table.rows(),
            "missingValues": ["", super::csv::SECRET, super::csv::NOT_AVAILABLE],
        },
        "columns": columns,
    })
}

/// A file name without its extension.
fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// The clean CSV's file name: `<source stem>_<code>.csv`.
pub fn output_name(file_name: &str, code: &str) -> String {
    let stem: String = stem(file_name)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect();
    format!("{stem}_{code}.csv")
}
