//! What the integration tests share: the real files of `tests/data/` and the commune of the
//! examples.

use carnet::engine::territory::{Named, Place};
use std::path::PathBuf;

/// The bytes of `tests/data/<path>`. A missing file fails the test: the data ships with the
/// project (see `tests/data/README.md`).
#[allow(dead_code)] // not every test file reads real files
pub fn data(path: &str) -> Vec<u8> {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(path);
    std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e} (the test data ships with the project)", full.display()))
}

/// Sailly-lez-Lannoy with the levels it belongs to and a few communes of its EPCI.
pub fn sailly() -> Place {
    Place {
        level: carnet::engine::territory::Level::Commune,
        code: "59522".into(),
        name: "Sailly-lez-Lannoy".into(),
        epci: Some(Named { code: "200093201".into(), name: "Métropole Européenne de Lille".into(), liaison: None }),
        departement: Named { code: "59".into(), name: "Nord".into(), liaison: None },
        region: Named { code: "32".into(), name: "Hauts-de-France".into(), liaison: None },
        peers: ["59522:Sailly-lez-Lannoy", "59332:Lannoy", "59512:Roubaix", "59602:Toufflers", "59350:Lille"]
            .map(|p| {
                let (code, name) = p.split_once(':').unwrap_or_default();
                Named { code: code.into(), name: name.into(), liaison: None }
            })
            .to_vec(),
        former_codes: vec![],
        merged_peers: Default::default(),
        region_departements: ["02", "59", "60", "62", "80"].map(String::from).to_vec(),
    }
}
