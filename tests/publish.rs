//! The kit Carnet writes for data.gouv.fr passes the real validators: `frictionless validate`
//! (PyPI `frictionless`, installed by `scripts/test`) on the data package of Sailly-lez-Lannoy's
//! Filosofi 2020 rows, failing on a CSV that breaks its schema; and `tests/validators/datagouv.py`,
//! udata's rules written down apart from the engine, on `datagouv.json`.

use carnet::engine::publish::{self, facts::Facts};
use carnet::engine::publish::{dataset::Dataset, kit, readme};
use carnet::engine::read::workspace::Workspace;
use carnet::engine::territory::selection::Selection;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{data, sailly};

fn frictionless(dir: &Path) -> Option<(bool, String)> {
    let out = Command::new("frictionless").arg("validate").arg("datapackage.json").current_dir(dir).output();
    match out {
        Ok(out) => Some((out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())),
        Err(_) if std::env::var_os("CARNET_REQUIRE_FRICTIONLESS").is_some() => panic!("frictionless is not installed"),
        Err(_) => {
            eprintln!("skipped: frictionless not installed (scripts/test installs it)");
            None
        }
    }
}

fn udata_rules(dir: &Path) -> Option<(bool, String)> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/validators/datagouv.py");
    let out = Command::new("python3").arg(script).arg(dir.join("datagouv.json")).output().ok()?;
    Some((
        out.status.success(),
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)),
    ))
}

/// Writes the kit of Sailly-lez-Lannoy's rows of `bytes` into `dir`; returns the CSV's name.
fn write_package(bytes: &[u8], name: &str, dir: &Path) -> String {
    let ws = Workspace::load(name, bytes, &mut ()).unwrap();
    let sel = Selection::of(&ws, &sailly()).unwrap();
    let facts = Facts::of(&ws, &sel);
    let mut dataset = Dataset::propose(&facts);
    dataset.description = readme::description(&facts, &dataset, "2026-11-28");
    let files = kit::files(&facts, &dataset, &publish::csv::write(&sel.table), &[], "2026-11-28").unwrap();
    std::fs::create_dir_all(dir).unwrap();
    for f in files {
        std::fs::write(dir.join(&f.name), f.bytes).unwrap();
    }
    facts.csv_name
}

/// Both validators accept the kit in `dir`, which is then removed.
fn assert_valid(dir: &Path) {
    if let Some((valid, report)) = frictionless(dir) {
        assert!(valid, "{report}");
    }
    let (valid, report) = udata_rules(dir).expect("python3 runs the udata rules");
    assert!(valid, "{report}");
    std::fs::remove_dir_all(dir).ok();
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("carnet-{name}-{}", std::process::id()))
}

#[test]
fn filosofi_package_is_valid() {
    let bytes = data("insee/cc_filosofi_2020_COM.csv");
    let dir = temp("valid");
    write_package(&bytes, "cc_filosofi_2020_COM.csv", &dir);
    assert_valid(&dir);
}

#[test]
fn every_kind_validates() {
    let text = "Titre\r\nCODGEO;LIBGEO;DEP;an;date;rural;part;med\r\n\
                59522;Sailly-lez-Lannoy;59;2021;31/12/2021;oui;12,5 %;29 440,5\r\n\
                2A004;\"Ajaccio; Corse\";2A;2021;01/01/2022;non;nd;s\r\n";
    let dir = temp("kinds");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    write_package(&bytes, "kinds.csv", &dir);
    assert_valid(&dir);
}

#[test]
fn the_validator_catches_a_broken_file() {
    let dir = temp("broken");
    let csv = write_package(b"CODGEO;NB\n59522;765\n", "broken.csv", &dir);
    std::fs::write(dir.join(csv), "CODGEO,NB\n59522,beaucoup\n").unwrap();
    if let Some((valid, report)) = frictionless(&dir) {
        assert!(!valid, "{report}");
    }
    // The udata rules catch a bad licence and a tag data.gouv.fr would rewrite.
    let path = dir.join("datagouv.json");
    let mut api: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    api["dataset"]["license"] = "etalab-2.0".into();
    api["dataset"]["tags"][0] = "Besoins sociaux".into();
    std::fs::write(&path, api.to_string()).unwrap();
    let (valid, report) = udata_rules(&dir).expect("python3 runs the udata rules");
    assert!(!valid && report.contains("license") && report.contains("Besoins sociaux"), "{report}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The kit's generated files for a fixed input, compared byte for byte with `tests/golden/`.
/// After an intended change, `CARNET_BLESS=1 cargo test --test publish` writes them anew; the
/// diff is then reviewed like code.
#[test]
fn generated_files_match_the_golden_copies() {
    let text = "Données Filosofi : revenus 2020\r\nCODGEO;LIBGEO;NBMENFISC20;MED20;PIMP20;TP6020\r\n\
                59522;Sailly-lez-Lannoy;765;29440;s;s\r\n59009;Villeneuve-d'Ascq;28 031;21 630;52,5;18,2\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let ws = Workspace::load("cc_filosofi_2020_COM.csv", &bytes, &mut ()).unwrap();
    let sel = Selection::of(&ws, &sailly()).unwrap();
    let mut facts = Facts::of(&ws, &sel);
    let meta = "COD_VAR;LIB_VAR;LIB_VAR_LONG\nMED19;Médiane du niveau vie (€);Médiane du niveau de vie (€)\n\
                NBMENFISC19;Nombre de ménages fiscaux;Nombre de ménages fiscaux\n";
    facts.label_with(&carnet::engine::tidy::dictionary::Dictionary::read("meta.csv", meta.as_bytes()).unwrap(), &[]);
    let mut dataset = Dataset::propose(&facts);
    dataset.producer = "Mairie de Sailly-lez-Lannoy".into();
    dataset.contact = "mairie@sailly-lez-lannoy.fr".into();
    dataset.description = readme::description(&facts, &dataset, "2026-11-28");
    let files = kit::files(&facts, &dataset, &publish::csv::write(&sel.table), &[], "2026-11-28").unwrap();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    for f in files {
        let path = golden.join(&f.name);
        if std::env::var_os("CARNET_BLESS").is_some() {
            std::fs::create_dir_all(&golden).unwrap();
            std::fs::write(&path, &f.bytes).unwrap();
            continue;
        }
        let expected =
            std::fs::read(&path).unwrap_or_else(|_| panic!("{} missing: run with CARNET_BLESS=1", path.display()));
        assert!(expected == f.bytes, "{} differs from its golden copy:\n{}", f.name, String::from_utf8_lossy(&f.bytes));
    }
}

/// Filosofi 2019, 2020 and 2021, read before the commune is chosen, publish as one dossier:
/// the tidy table holds the three years with the source's values, the metadata covers
/// 2019–2021, the README names the three sources, each source's rows ride beside it, and
/// both validators accept the kit.
#[test]
fn a_dossier_of_three_vintages_publishes_its_tidy_table() {
    use carnet::engine::dossier::session::{Kit, Session};
    use carnet::engine::read::ReadOptions;
    let mut session = Session::default();
    for name in ["cc_filosofi_2019_COM.CSV", "cc_filosofi_2021_COM.csv", "cc_filosofi_2020_COM.csv"] {
        session.read(name, data(&format!("insee/{name}")), ReadOptions::default()).unwrap();
    }
    let selected = session.select(&sailly(), "2026-12-04").unwrap();
    assert_eq!(selected.facts.years, Some((2019, 2021)));
    assert_eq!(selected.facts.sources.len(), 3);
    let compiled = session.dossier().compiled.expect("three files hold Sailly-lez-Lannoy");
    for (year, median) in [(2019, 28570), (2020, 29440), (2021, 29860)] {
        // Labelled in words and units by Carnet's own dictionaries, no dictionary read.
        let line = format!("59522,Sailly-lez-Lannoy,MED,Médiane du niveau de vie (€),{year},{median},€,");
        assert!(compiled.long_csv.contains(&line), "{line} in\n{}", compiled.long_csv);
    }
    let mut dataset = selected.proposal.clone();
    assert_eq!((dataset.temporal_start.as_str(), dataset.temporal_end.as_str()), ("2019-01-01", "2021-12-31"));
    dataset.description = readme::description(&selected.facts, &dataset, "2026-12-04");
    let Kit::Built { files, .. } = session.kit(&dataset, &[], "2026-12-04").unwrap() else {
        panic!("the proposal passes udata's rules")
    };
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names[0], "dossier_59522_2019-2021.csv");
    for source in ["cc_filosofi_2019_COM_59522.csv", "cc_filosofi_2020_COM_59522.csv", "cc_filosofi_2021_COM_59522.csv"]
    {
        assert!(names.contains(&source), "{source} in {names:?}");
    }
    let text = |name: &str| String::from_utf8(files.iter().find(|f| f.name == name).unwrap().bytes.clone()).unwrap();
    let readme = text("README.md");
    for source in ["Insee, Filosofi 2019", "Insee, Filosofi 2020", "Insee, Filosofi 2021"] {
        assert!(readme.contains(&format!("  - {source}, fichier `cc_filosofi_")), "{source} in\n{readme}");
    }
    assert!(readme.contains("Insee, Filosofi 2019, 2020 et 2021"), "{readme}");
    let tidy = text("dossier_59522_2019-2021.csv");
    assert!(tidy.starts_with("code_territoire,territoire,indicateur,libelle,annee,valeur,unite,source\n"));
    let dir = temp("dossier");
    std::fs::create_dir_all(&dir).unwrap();
    for f in &files {
        std::fs::write(dir.join(&f.name), &f.bytes).unwrap();
    }
    assert_valid(&dir);
}
