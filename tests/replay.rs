//! A dossier's recipe replayed next year, on the real Filosofi files: the recipe made on 2019
//! and 2020 expects the series; 2021 read alone takes the place of 2020, says how its columns
//! changed, and the kept charts are drawn again from it, under its vintage.

use carnet::engine::chart::ChartKind;
use carnet::engine::dossier::recipe::{ChartSettings, DossierChart, Recipe};
use carnet::engine::dossier::session::{Session, View};
use carnet::engine::read::ReadOptions;

mod common;
use common::{data, sailly};

const TODAY: &str = "2026-12-05";

fn read(session: &mut Session, name: &str) {
    session.read(name, data(&format!("insee/{name}")), ReadOptions::default()).unwrap();
}

fn chart(file: &str, column: &str, kind: ChartKind) -> DossierChart {
    DossierChart {
        file: Some(file.into()),
        title: column.into(),
        settings: ChartSettings { column: column.into(), kind, edits: Default::default(), columns: vec![] },
        drawn: None,
        made: TODAY.into(),
    }
}

#[test]
fn last_year_s_recipe_takes_next_year_s_file() {
    // Last year: 2019 and 2020, the commune, a bar of the 2020 median kept.
    let mut before = Session::default();
    read(&mut before, "cc_filosofi_2019_COM.CSV");
    read(&mut before, "cc_filosofi_2020_COM.csv");
    before.select(&sailly(), TODAY).unwrap();
    let mut recipe = Recipe::new("cc_filosofi_2020_COM.csv", ReadOptions::default());
    recipe.sources = before.dossier().expected;
    recipe.charts = vec![chart("cc_filosofi_2020_COM.csv", "MED20", ChartKind::Commune)];
    let recipe = Recipe::from_json(&recipe.to_json()).unwrap();
    assert_eq!(recipe.expected().len(), 2, "the recipe expects both sources");

    // This year: the recipe opened, then 2021 alone.
    let mut session = Session::default();
    session.expect(recipe.expected());
    assert_eq!(session.dossier().awaited, ["cc_filosofi_2020_COM.csv"], "the series, by its latest file");
    read(&mut session, "cc_filosofi_2021_COM.csv");
    let view = View { place: sailly(), steps: vec![], source: None, names: vec![] };
    session.show(&view, TODAY).unwrap();
    let dossier = session.dossier();
    assert!(dossier.awaited.is_empty(), "2021 takes the series' place: {:?}", dossier.awaited);
    let follows = dossier.sources[0].follows.as_ref().expect("2021 follows the recipe's 2020");
    assert_eq!((follows.was.as_str(), follows.from_recipe), ("cc_filosofi_2020_COM.csv", true));
    assert!(follows.changes.vintages.contains(&("MED20".to_owned(), "MED21".to_owned())), "{follows:?}");
    assert!(follows.changes.missing.is_empty(), "every 2020 variable is in 2021: {follows:?}");

    let redrawn = session.redraw(&recipe.charts);
    let chart = redrawn[0].as_ref().expect("the 2020 chart is drawn from 2021");
    assert_eq!(chart.file.as_deref(), Some("cc_filosofi_2021_COM.csv"), "kept under next year's file");
    assert_eq!(
        (chart.settings.column.as_str(), chart.title.as_str()),
        ("MED21", "Médiane du niveau de vie (€) en 2021"),
        "titled in words for next year"
    );
    assert_eq!(chart.drawn.as_ref().unwrap().values, [Some(29_860.0)], "Sailly-lez-Lannoy's 2021 median");
}

#[test]
fn a_new_vintage_joins_its_series_and_says_what_moved() {
    let mut session = Session::default();
    read(&mut session, "cc_filosofi_2019_COM.CSV");
    read(&mut session, "cc_filosofi_2020_COM.csv");
    session.select(&sailly(), TODAY).unwrap();
    read(&mut session, "cc_filosofi_2021_COM.csv");
    let dossier = session.dossier();
    let f2021 = dossier.sources[2].follows.as_ref().expect("2021 follows 2020 in the dossier");
    assert_eq!((f2021.was.as_str(), f2021.from_recipe), ("cc_filosofi_2020_COM.csv", false));
    let compiled = dossier.compiled.expect("three vintages");
    let med: Vec<_> = compiled.moved.iter().filter(|m| m.indicator == "MED").map(|m| (m.before, m.after)).collect();
    assert_eq!(med, [((2019, 28_570.0), (2020, 29_440.0)), ((2020, 29_440.0), (2021, 29_860.0))]);
    // An evolution chart kept follows the vintages of today.
    let line = chart("cc_filosofi_2021_COM.csv", "MED21", ChartKind::Evolution);
    let drawn = session.redraw(&[line]);
    assert_eq!(drawn[0].as_ref().and_then(|c| c.drawn.as_ref()).map(|d| d.values.len()), Some(3), "three years");
}
