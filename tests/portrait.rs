//! Le portrait on the real files: Sailly-lez-Lannoy from Filosofi 2019, 2020 and 2021 (communes)
//! and Filosofi 2020 at département level; the map of its EPCI's communes from the contours the
//! app ships.

mod common;

use carnet::engine::chart::{ChartKind, ChartRequest, Edits};
use carnet::engine::dossier::session::Session;
use carnet::engine::portrait::PortraitRequest;
use carnet::engine::read::ReadOptions;
use carnet::engine::territory::levels::Level;

fn dossier() -> Session {
    let mut session = Session::default();
    for file in
        ["cc_filosofi_2019_COM.CSV", "cc_filosofi_2020_COM.csv", "cc_filosofi_2021_COM.csv", "cc_filosofi_2020_DEP.csv"]
    {
        session.read(file, common::data(&format!("insee/{file}")), ReadOptions::default()).unwrap();
    }
    let contours = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/contours/59.json")).unwrap();
    session.add_contours(&contours).unwrap();
    let mut sailly = common::sailly();
    // As the official list says it: « le Nord ».
    sailly.departement.liaison = Some(2);
    session.select(&sailly, "2026-12-05").unwrap();
    session
}

#[test]
fn the_median_over_three_years_beside_the_nord_the_same_year() {
    let session = dossier();
    let portrait = session.portrait(&PortraitRequest::default(), "2026-12-05").unwrap();
    assert_eq!(portrait.title, "Sailly-lez-Lannoy en chiffres");
    let med = portrait.figures.iter().find(|f| f.key == "MED").expect("the median is a key figure");
    assert_eq!(portrait.figures[0].key, "MED", "the median comes first");
    assert_eq!((med.value.as_str(), med.year, med.column.as_str()), ("29\u{202f}860\u{a0}€", Some(2021), "MED21"));
    let years: Vec<(Option<u16>, Option<f64>)> = med.history.iter().map(|p| (p.year, p.value)).collect();
    assert_eq!(years, [(Some(2019), Some(28_570.0)), (Some(2020), Some(29_440.0)), (Some(2021), Some(29_860.0))]);
    // The département's file is of 2020: the Nord is compared with Sailly in 2020, never with 2021.
    assert_eq!(med.compared.len(), 1);
    assert_eq!(
        (med.compared[0].level, med.compared[0].year, med.compared[0].value),
        (Level::Departement, Some(2020), Some(20_750.0))
    );
    assert_eq!(
        med.sentence,
        "En 2021, la moitié des habitants de Sailly-lez-Lannoy vivent dans un ménage dont le niveau de vie (le revenu \
         disponible par unité de consommation) dépasse 29\u{202f}860\u{a0}€ par an. C’est 1,4\u{a0}% de plus qu’en 2020 \
         (29\u{202f}440\u{a0}€). Pour comparaison, en 2020 : 29\u{202f}440\u{a0}€ à Sailly-lez-Lannoy et \
         20\u{202f}750\u{a0}€ dans le Nord."
    );
    assert_eq!(med.chart.as_ref().unwrap().data.len(), 3, "a line over the three years");
    assert!(portrait.figures.len() <= 6 && portrait.figures.len() >= 3, "{}", portrait.figures.len());
    assert!(
        portrait
            .sources
            .iter()
            .any(|s| s.publication == "Insee, Filosofi 2021" && s.licence.contains("Licence Ouverte"))
    );
    // No figure of the portrait sums communes: every comparison is a row a file gives.
    assert!(portrait.figures.iter().flat_map(|f| &f.compared).all(|c| c.level == Level::Departement));
}

#[test]
fn the_map_colours_the_communes_of_the_epci_and_outlines_sailly() {
    let session = dossier();
    let portrait = session.portrait(&PortraitRequest::default(), "2026-12-05").unwrap();
    let map = portrait.map.expect("the contours of the Nord are there");
    let option: serde_json::Value = serde_json::from_str(&map.option).unwrap();
    assert_eq!(option["carnetMap"]["geoJSON"]["features"].as_array().unwrap().len(), 5);
    let data = option["series"][0]["data"].as_array().unwrap();
    let sailly = data.iter().find(|d| d["name"] == "Sailly-lez-Lannoy").unwrap();
    assert_eq!(
        (sailly["value"].as_f64(), &sailly["itemStyle"]["borderWidth"]),
        (Some(29_860.0), &serde_json::json!(3))
    );
    assert!(map.title.starts_with("Médiane du niveau de vie"), "{}", map.title);
    assert!(map.source.contains("Insee, Filosofi 2021") && map.source.contains("IGN, Admin Express COG 2018"));
}

#[test]
fn the_clerk_chooses_the_figures_and_their_order() {
    let session = dossier();
    let all = session.portrait(&PortraitRequest::default(), "2026-12-05").unwrap();
    let keys: Vec<String> = all.choices.iter().map(|c| c.key.clone()).collect();
    assert!(keys.contains(&"NBMENFISC".to_owned()) && keys.contains(&"MED".to_owned()), "{keys:?}");
    let asked = PortraitRequest { figures: vec!["NBMENFISC".into(), "MED".into()] };
    let portrait = session.portrait(&asked, "2026-12-05").unwrap();
    let order: Vec<&str> = portrait.figures.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(order, ["NBMENFISC", "MED"]);
}

#[test]
fn the_map_of_the_whole_departement_on_request() {
    let mut session = Session::default();
    session
        .read("cc_filosofi_2021_COM.csv", common::data("insee/cc_filosofi_2021_COM.csv"), ReadOptions::default())
        .unwrap();
    let contours = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/contours/59.json")).unwrap();
    session.add_contours(&contours).unwrap();
    let mut sailly = common::sailly();
    sailly.departement.liaison = Some(2);
    let selected = session.select(&sailly, "2026-12-05").unwrap();
    assert!(selected.kinds.contains(&ChartKind::Map));
    let request = |whole_departement| ChartRequest {
        column: "MED21".into(),
        kind: ChartKind::Map,
        edits: Edits { whole_departement, ..Edits::default() },
        ..ChartRequest::default()
    };
    let epci = session.chart(request(false)).unwrap();
    assert_eq!(epci.data.len(), 5, "the EPCI's communes of the fixture");
    let nord = session.chart(request(true)).unwrap();
    assert!(nord.data.len() >= 640, "{} communes of the Nord", nord.data.len());
    assert!(nord.alt.starts_with(&format!("Carte des {} communes du Nord", nord.data.len())), "{}", nord.alt);
    assert_eq!(nord.subtitle, "Communes du Nord · Sailly-lez-Lannoy en évidence");
    let option: serde_json::Value = serde_json::from_str(&nord.option).unwrap();
    let data = option["series"][0]["data"].as_array().unwrap();
    let valued = data.iter().filter(|d| d["value"].is_number()).count();
    assert!(valued >= 600, "{valued} communes of the Nord with a median");
    assert_eq!(data.iter().filter(|d| d["itemStyle"]["borderWidth"] == 3).count(), 1, "Sailly alone outlined");
}
