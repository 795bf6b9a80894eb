//! The real INSEE Filosofi files of `tests/data/insee/`, read end to end. A missing file
//! fails: the data ships with the project.

use carnet::engine::chart;
use carnet::engine::chart::{ChartKind, ChartRequest};
use carnet::engine::publish::{self, facts::Facts};
use carnet::engine::read::decode::Encoding;
use carnet::engine::read::dialect::{LineEnding, Separator};
use carnet::engine::read::workspace::Workspace;
use carnet::engine::table::Cell;
use carnet::engine::table::{CodeKind, ColumnKind, DecimalSign, Marker};
use carnet::engine::territory::Place;
use carnet::engine::territory::selection::Selection;

mod common;
use common::{data, sailly};

fn load(name: &str) -> Workspace {
    Workspace::load(name, &data(&format!("insee/{name}")), &mut ()).expect("the real file reads")
}

#[test]
fn ranking_among_the_epci_communes() {
    let ws = load("cc_filosofi_2020_COM.csv");
    let sel = Selection::of(&ws, &sailly()).unwrap();
    let drawn = chart::draw::draw(&ws, &sel, &request("MED20", ChartKind::Ranking, None), &[]).unwrap();
    let option: serde_json::Value = serde_json::from_str(&drawn.option).unwrap();
    let labels: Vec<&str> = option["yAxis"]["data"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    // MED20: Sailly 29 440, Toufflers 27 800, Lille 20 000, Lannoy 19 360, Roubaix 14 520.
    assert_eq!(labels, ["Sailly-lez-Lannoy", "Toufflers", "Lille", "Lannoy", "Roubaix"]);
    assert!(drawn.alt.starts_with("Sailly-lez-Lannoy se classe 1re sur 5 communes"), "{}", drawn.alt);
    assert!(drawn.alt.contains("la plus basse celle de Roubaix (14\u{202F}520)"), "{}", drawn.alt);
    assert!(drawn.alt.contains("sur 5 communes de la Métropole Européenne de Lille"), "{}", drawn.alt);
    assert_eq!(drawn.data.len(), 5);
    // Another commune of the EPCI highlighted: the sentence is about it.
    let mut lannoy = request("MED20", ChartKind::Ranking, None);
    lannoy.edits.highlight = Some("59332".into());
    let drawn = chart::draw::draw(&ws, &sel, &lannoy, &[]).unwrap();
    assert!(drawn.alt.starts_with("Lannoy se classe 4e sur 5 communes"), "{}", drawn.alt);
    let option: serde_json::Value = serde_json::from_str(&drawn.option).unwrap();
    assert_eq!(option["title"][0]["subtext"], "Communes de la Métropole Européenne de Lille · Lannoy en évidence");
}

#[test]
fn filosofi_2020_detection() {
    let ws = load("cc_filosofi_2020_COM.csv");
    let d = ws.detection();
    assert_eq!(d.encoding, Encoding::Utf8);
    assert_eq!(d.dialect.separator, Separator::Semicolon);
    assert_eq!(d.dialect.line_ending, LineEnding::Lf);
    assert_eq!(d.layout.header_line, 1);
    assert_eq!(d.decimal, Some(DecimalSign::Comma));
    assert_eq!(d.rows, 34_929);
    assert_eq!(d.set_aside, 0);
    assert_eq!(d.columns.len(), 28);
    assert_eq!(d.columns[0].kind, ColumnKind::Code(CodeKind::Commune));
    assert_eq!(d.columns[1].kind, ColumnKind::Integer, "NBMENFISC20");
    assert_eq!(d.columns[4].kind, ColumnKind::Decimal(DecimalSign::Comma), "PIMP20");
}

#[test]
fn filosofi_2020_sailly_row() {
    let ws = load("cc_filosofi_2020_COM.csv");
    let sel = Selection::of(&ws, &sailly()).unwrap();
    assert_eq!(sel.table.rows(), 1);
    assert_eq!(sel.lines, [22_317]);
    let t = &sel.table;
    assert_eq!(t.column("CODGEO").unwrap().cell(0), Cell::Text("59522"));
    assert_eq!(t.column("NBMENFISC20").unwrap().cell(0), Cell::Integer(765));
    assert_eq!(t.column("NBPERSMENFISC20").unwrap().cell(0), Cell::Integer(1995));
    assert_eq!(t.column("MED20").unwrap().cell(0), Cell::Integer(29_440));
    assert_eq!(t.column("PIMP20").unwrap().cell(0), Cell::Missing(Marker::Secret));
    assert_eq!(t.column("RD20").unwrap().cell(0), Cell::Missing(Marker::Secret));

    let csv = String::from_utf8(publish::csv::write(&sel.table)).unwrap();
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("CODGEO,NBMENFISC20,NBPERSMENFISC20,MED20,PIMP20,"));
    assert_eq!(lines.next().unwrap(), "59522,765,1995,29440,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s");
    let facts = Facts::of(&ws, &sel);
    assert_eq!(facts.csv_name, "cc_filosofi_2020_COM_59522.csv");
    assert_eq!((facts.rows, facts.rows_read), (1, 34_929));
    assert_eq!(facts.years, Some((2020, 2020)));
    assert_eq!(facts.fields[3].name, "MED20");
    assert_eq!(facts.fields[3].example.as_deref(), Some("29440"));
    assert_eq!(facts.secret_cells(), 24, "every cell after NBMENFISC20, NBPERSMENFISC20 and MED20 is secret");
    let dataset = carnet::engine::publish::dataset::Dataset::propose(&facts);
    assert_eq!(dataset.zones, ["fr:commune:59522"]);

    let drawn = chart::draw::draw(&ws, &sel, &request("MED20", ChartKind::Commune, None), &[]).unwrap();
    let chart: serde_json::Value = serde_json::from_str(&drawn.option).unwrap();
    assert_eq!(chart["series"][0]["data"][0]["value"], 29_440.0);
    assert_eq!(drawn.alt, "MED20 à Sailly-lez-Lannoy : 29\u{202F}440. Source : Insee, Filosofi 2020.");
    assert!(
        chart::draw::draw(&ws, &sel, &request("CODGEO", ChartKind::Commune, None), &[]).is_none(),
        "a code column is not charted"
    );
    let labelled =
        chart::draw::draw(&ws, &sel, &request("MED20", ChartKind::Commune, Some("Médiane du niveau de vie (€)")), &[])
            .unwrap();
    assert_eq!(
        labelled.alt,
        "Médiane du niveau de vie (€) en 2020 à Sailly-lez-Lannoy : 29\u{202F}440. Source : Insee, Filosofi 2020."
    );
    let option: serde_json::Value = serde_json::from_str(&labelled.option).unwrap();
    assert_eq!(option["title"][0]["subtext"], "MED20 · Sailly-lez-Lannoy (59522)");
}

#[test]
fn filosofi_2019_secret_cells_are_empty_not_zero() {
    let ws = load("cc_filosofi_2019_COM.CSV");
    let d = ws.detection();
    assert_eq!(d.dialect.line_ending, LineEnding::CrLf);
    assert_eq!(d.rows, 34_930);
    assert_eq!(d.set_aside, 0);
    let sel = Selection::of(&ws, &sailly()).unwrap();
    let t = &sel.table;
    assert_eq!(t.column("NBMENFISC19").unwrap().cell(0), Cell::Integer(759));
    assert_eq!(t.column("NBPERSMENFISC19").unwrap().cell(0), Cell::Integer(1986));
    assert_eq!(t.column("MED19").unwrap().cell(0), Cell::Integer(28_570));
    assert_eq!(t.column("PIMP19").unwrap().cell(0), Cell::Missing(Marker::Empty));
    let csv = String::from_utf8(publish::csv::write(&sel.table)).unwrap();
    assert!(csv.lines().nth(1).unwrap().starts_with("59522,759,1986,28570,,"));
}

#[test]
fn corsica_codes_stay_text() {
    let ws = load("cc_filosofi_2020_COM.csv");
    let ajaccio = Place { code: "2A004".into(), name: "Ajaccio".into(), ..Place::default() };
    let sel = Selection::of(&ws, &ajaccio).unwrap();
    assert_eq!(sel.table.column("CODGEO").unwrap().cell(0), Cell::Text("2A004"));
    let first = ws.table().column("CODGEO").unwrap().cell(0);
    assert_eq!(first, Cell::Text("01001"), "the leading zero is kept");
}

#[test]
fn territory_first_read_gives_the_same_rows() {
    let bytes = data("insee/cc_filosofi_2020_COM.csv");
    let full = Workspace::load("f.csv", &bytes, &mut ()).unwrap();
    let codes = ["59522".to_owned()];
    let focused = Workspace::load_for("f.csv", &bytes, Default::default(), Some(&codes), &mut ()).unwrap();
    assert_eq!(focused.detection().rows, full.detection().rows);
    assert_eq!(
        focused.detection().columns,
        full.detection()
            .columns
            .iter()
            .map(|c| {
                // Counts of secret cells are over the rows parsed: the sample and the commune's.
                let mut c = c.clone();
                let f = focused.detection().columns.iter().find(|f| f.name == c.name).unwrap();
                (c.missing, c.secret, c.not_available) = (f.missing, f.secret, f.not_available);
                c
            })
            .collect::<Vec<_>>()
    );
    assert!(focused.table().rows() < 1_100, "only the sample and the commune are parsed");
    assert_eq!(focused.preview(3), full.preview(3));
    let (a, b) = (Selection::of(&full, &sailly()).unwrap(), Selection::of(&focused, &sailly()).unwrap());
    assert_eq!(a.lines, b.lines);
    assert_eq!(publish::csv::write(&a.table), publish::csv::write(&b.table));
    assert!(focused.holds("59522") && !focused.holds("01002"));
    assert!(focused.detection().sampled && !full.detection().sampled);
}

/// A chart request without edits.
fn request(column: &str, kind: ChartKind, label: Option<&str>) -> ChartRequest {
    ChartRequest { column: column.into(), kind, label: label.map(str::to_owned), ..ChartRequest::default() }
}
