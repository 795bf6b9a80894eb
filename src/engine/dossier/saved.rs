//! The dossier as it is kept: its settings ([`Saved`]: the order of the files, the territory,
//! the steps, the charts, the publication fields), kept on the device between visits, and the
//! dossier file a colleague opens to carry on ([`pack`], [`unpack`]: a ZIP of the source files
//! as they were picked and a `carnet-dossier.json` manifest). What an opened file may hold is
//! bounded: its members, their sizes, their compression ratio.
//!
//! ```
//! use carnet::engine::dossier::saved::{pack, unpack, Saved, SavedFile};
//! let saved = Saved { version: 1, order: vec!["a.csv".into()], ..Saved::default() };
//! let files = [SavedFile { name: "a.csv".into(), options: Default::default(), bytes: b"CODGEO;X\n59522;1\n".to_vec() }];
//! let zip = pack(&saved, &files, "2026-12-04");
//! let (back, files_back) = unpack(&zip).unwrap();
//! assert_eq!((back, files_back.len()), (saved, 1));
//! ```

use super::recipe::DossierChart;
use crate::engine::chart::{ChartKind, Edits};
use crate::engine::publish::dataset::Dataset;
use crate::engine::read::ReadOptions;
use crate::engine::tidy::standardize::Step;
use serde::{Deserialize, Serialize};
use std::io::{Cursor, Read};

/// The version of the settings this build writes; settings of a later version are not read.
pub const VERSION: u32 = 1;
/// The manifest's name in a dossier file.
pub const MANIFEST: &str = "carnet-dossier.json";
/// The `format` field of a manifest.
pub const FORMAT: &str = "carnet-dossier";
/// The most files a dossier file may hold.
pub const MAX_FILES: usize = 100;
/// The most bytes its files may hold once uncompressed.
pub const MAX_BYTES: u64 = 512 << 20;
/// The largest compression ratio of a member (a CSV deflates 5 to 20 times; a bomb thousands).
pub const MAX_RATIO: u64 = 200;

/// The dossier's settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    /// The version of these settings.
    pub version: u32,
    /// The files, in the order read.
    pub order: Vec<String>,
    /// The file shown.
    pub shown: Option<String>,
    /// The territory, whole (a commune, or an EPCI, a département, a région chosen instead).
    pub place: Option<crate::engine::territory::Place>,
    /// The standardization steps, those undone included.
    pub steps: Vec<Step>,
    /// How many of them apply.
    pub applied: usize,
    /// The names given to the tidy table's indicators.
    pub names: Vec<crate::engine::tidy::compile::Naming>,
    /// The column charted.
    pub chart_column: Option<String>,
    /// Its kind of chart.
    pub chart_kind: Option<ChartKind>,
    /// Whether the user chose that kind.
    pub chart_kind_chosen: bool,
    /// The chart's edits.
    pub chart_edits: Edits,
    /// The indicators of a chart of several.
    pub chart_columns: Vec<String>,
    /// The charts kept in the dossier.
    pub charts: Vec<DossierChart>,
    /// The sources the recipe in force expects.
    pub expected: Vec<super::recipe::Expected>,
    /// The publication fields.
    pub dataset: Option<Dataset>,
    /// The proposal the fields were edited from, and its commune.
    pub proposed: Option<(String, Dataset)>,
    /// Whether the description follows the other fields.
    pub description_auto: bool,
}

/// A source file in a dossier file.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedFile {
    /// Its name.
    pub name: String,
    /// The corrections it was read with.
    pub options: ReadOptions,
    /// Its bytes, as picked.
    pub bytes: Vec<u8>,
}

/// The manifest of a dossier file.
#[derive(Serialize, Deserialize)]
struct Manifest {
    format: String,
    settings: Saved,
    files: Vec<(String, ReadOptions)>,
}

/// Why a file is not a dossier Carnet can open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DossierError {
    /// Not a ZIP, or a damaged one.
    NotAZip,
    /// A ZIP without Carnet's manifest.
    NoManifest,
    /// A manifest Carnet cannot read (the JSON reader's words).
    BadManifest(String),
    /// Settings from a later Carnet.
    TooNew(u32),
    /// More files than [`MAX_FILES`].
    TooManyFiles(usize),
    /// Files larger than [`MAX_BYTES`] in all, or compressed more than [`MAX_RATIO`] times.
    TooLarge {
        /// The member that passed the bounds.
        member: String,
    },
    /// A file the manifest lists is not in the ZIP.
    Missing(String),
}

/// The dossier file: the manifest, then each source file stored as picked (deflated).
pub fn pack(saved: &Saved, files: &[SavedFile], today: &str) -> Vec<u8> {
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        settings: Saved { version: VERSION, ..saved.clone() },
        files: files.iter().map(|f| (f.name.clone(), f.options)).collect(),
    };
    let mut members = vec![crate::engine::publish::kit::KitFile {
        name: MANIFEST.to_owned(),
        bytes: serde_json::to_vec_pretty(&manifest).unwrap_or_default(),
    }];
    // Each file under `fichiers/`, numbered: two files may share a name in no folder.
    members.extend(
        files
            .iter()
            .enumerate()
            .map(|(i, f)| crate::engine::publish::kit::KitFile { name: member(i, &f.name), bytes: f.bytes.clone() }),
    );
    crate::engine::publish::kit::zip(&members, today)
}

/// The member holding the `i`-th file.
fn member(i: usize, name: &str) -> String {
    let safe: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect();
    format!("fichiers/{:03}_{safe}", i + 1)
}

/// Reads a dossier file: its settings and its files, in order.
///
/// # Errors
/// See [`DossierError`].
pub fn unpack(bytes: &[u8]) -> Result<(Saved, Vec<SavedFile>), DossierError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| DossierError::NotAZip)?;
    let manifest = read_member(&mut archive, MANIFEST, super::recipe::MAX_BYTES as u64, &mut 0)
        .map_err(|e| if e == DossierError::Missing(MANIFEST.to_owned()) { DossierError::NoManifest } else { e })?;
    let manifest: Manifest = serde_json::from_slice(&manifest).map_err(|e| DossierError::BadManifest(e.to_string()))?;
    if manifest.format != FORMAT {
        return Err(DossierError::NoManifest);
    }
    if manifest.settings.version > VERSION {
        return Err(DossierError::TooNew(manifest.settings.version));
    }
    if manifest.files.len() > MAX_FILES {
        return Err(DossierError::TooManyFiles(manifest.files.len()));
    }
    let mut total = 0;
    let files = manifest
        .files
        .iter()
        .enumerate()
        .map(|(i, (name, options))| {
            let bytes = read_member(&mut archive, &member(i, name), MAX_BYTES, &mut total)?;
            Ok(SavedFile { name: name.clone(), options: *options, bytes })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((manifest.settings, files))
}

/// The bytes of member `name`, counted in `total`, which may not pass `limit`; a member
/// inflating more than [`MAX_RATIO`] times stops there.
fn read_member(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
    total: &mut u64,
) -> Result<Vec<u8>, DossierError> {
    let too_large = || DossierError::TooLarge { member: name.to_owned() };
    let mut file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Err(DossierError::Missing(name.to_owned())),
        Err(_) => return Err(DossierError::NotAZip),
    };
    // The sizes the ZIP declares are checked first, then what inflating gives (a ZIP may lie).
    let allowed =
        (limit - (*total).min(limit)).min(file.compressed_size().max(1).saturating_mul(MAX_RATIO).max(1 << 16));
    if file.size() > allowed {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    let read = (&mut file).take(allowed + 1).read_to_end(&mut bytes).map_err(|_| DossierError::NotAZip)?;
    if read as u64 > allowed {
        return Err(too_large());
    }
    *total += read as u64;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in members {
            writer.start_file(*name, options).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn a_dossier_round_trips_with_its_settings_and_files() {
        let saved = Saved {
            order: vec!["a.csv".into(), "a.csv".into()],
            steps: vec![Step::FieldNames],
            applied: 1,
            ..Saved::default()
        };
        let files = [
            SavedFile { name: "a.csv".into(), options: ReadOptions::default(), bytes: b"x;y\n1;2\n".to_vec() },
            SavedFile { name: "a.csv".into(), options: ReadOptions::default(), bytes: b"other".to_vec() },
        ];
        let (back, files_back) = unpack(&pack(&saved, &files, "2026-12-04")).unwrap();
        assert_eq!(back, Saved { version: VERSION, ..saved });
        assert_eq!(files_back, files, "two files of one name both come back, in order");
    }

    #[test]
    fn what_is_not_a_dossier_says_why() {
        assert_eq!(unpack(b"CODGEO;X\n"), Err(DossierError::NotAZip));
        assert_eq!(unpack(&zip_of(&[("a.csv", b"x")])), Err(DossierError::NoManifest));
        assert!(matches!(unpack(&zip_of(&[(MANIFEST, b"{")])), Err(DossierError::BadManifest(_))));
        let later = format!(r#"{{"format":"{FORMAT}","settings":{{"version":99}},"files":[]}}"#);
        assert_eq!(unpack(&zip_of(&[(MANIFEST, later.as_bytes())])), Err(DossierError::TooNew(99)));
        let missing = format!(r#"{{"format":"{FORMAT}","settings":{{}},"files":[["a.csv",{{}}]]}}"#);
        assert_eq!(
            unpack(&zip_of(&[(MANIFEST, missing.as_bytes())])),
            Err(DossierError::Missing("fichiers/001_a.csv".into()))
        );
    }

    #[test]
    fn a_bomb_stops_at_the_ratio() {
        let manifest = format!(r#"{{"format":"{FORMAT}","settings":{{}},"files":[["a.csv",{{}}]]}}"#);
        let zeros = vec![b'0'; 64 << 20];
        let err = unpack(&zip_of(&[(MANIFEST, manifest.as_bytes()), ("fichiers/001_a.csv", &zeros)]));
        assert_eq!(err, Err(DossierError::TooLarge { member: "fichiers/001_a.csv".into() }));
    }
}
