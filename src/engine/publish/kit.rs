//! The publication kit: every file data.gouv.fr needs, one by one and as one ZIP.
//!
//! The kit is only built from a dataset that passes [`check`]: bad or missing metadata is
//! reported in the form, never written into the files.

use super::check::{self, Problem};
use super::dataset::{Dataset, Resource, ResourceType};
use super::facts::Facts;
use super::{readme, schema};
use serde::{Deserialize, Serialize};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// One file of the kit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KitFile {
    /// Its name.
    pub name: String,
    /// Its content.
    #[serde(with = "crate::engine::carry")]
    pub bytes: Vec<u8>,
}

/// A file made on the page (a chart image, the recipe) with the resource describing it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    /// How data.gouv.fr lists it; its `file` names it in the kit.
    pub resource: Resource,
    /// Its content.
    #[serde(with = "crate::engine::carry")]
    pub bytes: Vec<u8>,
}

/// The files Carnet writes from the data and the fields, after the clean CSV.
pub const WRITTEN: [&str; 4] = ["schema.json", "datapackage.json", "README.md", "datagouv.json"];

/// The names of the files written from the data and the fields, in the kit's order.
pub fn written(facts: &Facts) -> Vec<String> {
    std::iter::once(facts.csv_name.clone()).chain(WRITTEN.map(str::to_owned)).collect()
}

/// How the kit lists the chart of `column`, as an image made on the page.
pub fn chart_resource(column: &str) -> Resource {
    Resource {
        file: format!("graphique_{}.png", crate::engine::chart::export::safe_name(column)),
        title: format!("Graphique : {column}"),
        description: "Graphique fait avec Carnet à partir des données (image PNG).".to_owned(),
        kind: ResourceType::Documentation,
        format: "png".to_owned(),
    }
}

/// How the kit lists the recipe.
pub fn recipe_resource() -> Resource {
    Resource {
        file: "carnet.json".to_owned(),
        title: "Recette Carnet".to_owned(),
        description: "Les réglages de lecture, le territoire, le graphique et ces métadonnées : \
                      pour refaire ce travail avec Carnet sur le millésime suivant."
            .to_owned(),
        kind: ResourceType::Other,
        format: "json".to_owned(),
    }
}

/// The name of the ZIP holding the whole kit.
pub fn zip_name(facts: &Facts) -> String {
    format!("{}_datagouv.zip", facts.csv_name.trim_end_matches(".csv"))
}

/// The kit's files, in the order of the form: the clean CSV, its schema, the data package,
/// the README, the API payload, then the attachments.
///
/// # Errors
/// The dataset's problems, when it has any.
pub fn files(
    facts: &Facts,
    dataset: &Dataset,
    csv: &[u8],
    attachments: &[Attachment],
    today: &str,
) -> Result<Vec<KitFile>, Vec<Problem>> {
    let mut dataset = dataset.clone();
    for a in attachments {
        if !dataset.resources.iter().any(|r| r.file == a.resource.file) {
            dataset.resources.push(a.resource.clone());
        }
    }
    let problems = check::check(&dataset);
    if !problems.is_empty() {
        return Err(problems);
    }
    let json = |value: serde_json::Value| {
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text.into_bytes()
    };
    let file = |name: &str, bytes: Vec<u8>| KitFile { name: name.to_owned(), bytes };
    let [schema_json, package_json, readme_md, datagouv_json] = WRITTEN;
    let mut out = vec![
        file(&facts.csv_name, csv.to_vec()),
        file(schema_json, json(schema::table_schema(facts, &dataset, today))),
        file(package_json, json(schema::data_package(facts, &dataset))),
        file(readme_md, readme::readme(&dataset).into_bytes()),
        file(datagouv_json, json(dataset.to_api())),
    ];
    out.extend(attachments.iter().map(|a| file(&a.resource.file, a.bytes.clone())));
    Ok(out)
}

/// The files as one ZIP (deflated), each dated `today` (ISO 8601).
pub fn zip(files: &[KitFile], today: &str) -> Vec<u8> {
    let mut options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    if let Some((y, m, d)) = check::date(today)
        && let Ok(time) = zip::DateTime::from_date_and_time(y, m, d, 12, 0, 0)
    {
        options = options.last_modified_time(time);
    }
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for f in files {
        // Writing into memory only fails on a duplicate name, which the kit never has.
        if writer.start_file(f.name.as_str(), options).is_ok() {
            let _ = writer.write_all(&f.bytes);
        }
    }
    writer.finish().map(Cursor::into_inner).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::publish;
    use crate::engine::publish::dataset::ResourceType;
    use crate::engine::read::workspace::Workspace;
    use crate::engine::territory::Place;
    use crate::engine::territory::selection::Selection;
    use std::io::Read;

    fn kit(attachments: &[Attachment]) -> Result<Vec<KitFile>, Vec<Problem>> {
        let ws = Workspace::load(
            "cc_filosofi_2020_COM.csv",
            "CODGEO;NBMENFISC20;MED20\n59522;765;29440\n01001;s;s\n".as_bytes(),
            &mut (),
        )
        .unwrap();
        let place = Place { code: "59522".into(), name: "Sailly-lez-Lannoy".into(), ..Place::default() };
        let sel = Selection::of(&ws, &place).unwrap();
        let facts = Facts::gather(ws.file_name(), ws.detection(), &place, &sel.table);
        let mut dataset = Dataset::propose(&facts);
        dataset.description = readme::description(&facts, &dataset, "2026-11-28");
        files(&facts, &dataset, &publish::csv::write(&sel.table), attachments, "2026-11-28")
    }

    #[test]
    fn the_kit_holds_every_file_and_zips() {
        let png = Attachment {
            resource: Resource {
                file: "graphique_MED20.png".into(),
                title: "Graphique : MED20".into(),
                description: String::new(),
                kind: ResourceType::Documentation,
                format: "png".into(),
            },
            bytes: vec![0x89, b'P', b'N', b'G'],
        };
        let files = kit(&[png]).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "cc_filosofi_2020_COM_59522.csv",
                "schema.json",
                "datapackage.json",
                "README.md",
                "datagouv.json",
                "graphique_MED20.png"
            ]
        );
        assert_eq!(files[0].bytes, b"CODGEO,NBMENFISC20,MED20\n59522,765,29440\n");
        let api: serde_json::Value = serde_json::from_slice(&files[4].bytes).unwrap();
        assert_eq!(api["resources"][3]["file"], "graphique_MED20.png", "the attachment is listed as a resource");
        assert!(String::from_utf8_lossy(&files[3].bytes).starts_with("# Revenus, pauvreté et niveau de vie"));

        let zipped = zip(&files, "2026-11-28");
        let mut archive = zip::ZipArchive::new(Cursor::new(zipped)).unwrap();
        assert_eq!(archive.len(), 6);
        let mut csv = String::new();
        archive.by_name("cc_filosofi_2020_COM_59522.csv").unwrap().read_to_string(&mut csv).unwrap();
        assert_eq!(csv, "CODGEO,NBMENFISC20,MED20\n59522,765,29440\n");
        let entry = archive.by_index(0).unwrap();
        let time = entry.last_modified().unwrap();
        assert_eq!((time.year(), time.month(), time.day()), (2026, 11, 28));
    }

    #[test]
    fn a_dataset_with_problems_writes_nothing() {
        let bad = Attachment {
            resource: Resource {
                file: "x.png".into(),
                title: String::new(),
                description: String::new(),
                kind: ResourceType::Documentation,
                format: "png".into(),
            },
            bytes: vec![],
        };
        let problems = kit(&[bad]).unwrap_err();
        assert_eq!(problems.len(), 1);
    }
}
