//! Workbooks as INSEE publishes them, read from the real files of `tests/data/insee/`: the sheet
//! with the communes chosen, the double header (labels above codes) understood, codes kept as
//! text, a commune code split in two columns rebuilt, and the sheets of départements or EPCI
//! giving Sailly-lez-Lannoy its département's or EPCI's row.

use carnet::engine::format;
use carnet::engine::read::ReadOptions;
use carnet::engine::read::container::Format;
use carnet::engine::read::workspace::Workspace;
use carnet::engine::table::{CodeKind, ColumnKind};
use carnet::engine::territory::levels::Level;
use carnet::engine::territory::selection::Selection;

mod common;
use common::{data, sailly};

fn read(name: &str, sheet: Option<u16>) -> Workspace {
    let options = ReadOptions { sheet, ..ReadOptions::default() };
    Workspace::load_with(name, &data(&format!("insee/{name}")), options, &mut ())
        .unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// The cell of `column` in Sailly-lez-Lannoy's row at `level`, written the French way.
fn sailly_cell(ws: &Workspace, column: &str, level: Level) -> String {
    let s = Selection::of(ws, &sailly()).unwrap_or_else(|e| panic!("{}: {e:?}", ws.file_name()));
    let at = s.levels.iter().position(|l| *l == level).unwrap_or_else(|| panic!("no {level:?} row: {:?}", s.levels));
    format::cell(s.table.column(column).unwrap_or_else(|| panic!("no {column}")).cell(at))
}

#[test]
fn the_cog_workbook_opens_on_its_communes_under_their_codes() {
    let ws = read("table-appartenance-geo-communes-22.xlsx", None);
    let d = ws.detection();
    let opened = d.container.as_ref().unwrap();
    assert_eq!((opened.format, opened.parts[opened.part].as_str(), opened.chosen), (Format::Xlsx, "COM", false));
    assert_eq!((d.layout.header_line, d.rows), (6, 34_955), "the codes line names the columns");
    assert_eq!(d.layout.labels[..3], ["Code géographique", "Libellé géographique", "Département"]);
    let kinds: Vec<ColumnKind> = d.columns.iter().take(5).map(|c| c.kind).collect();
    let code = ColumnKind::Code;
    let expected = [
        code(CodeKind::Commune),
        ColumnKind::Text,
        code(CodeKind::Departement),
        code(CodeKind::Region),
        code(CodeKind::Epci),
    ];
    assert_eq!(kinds, expected, "codes as text, each of its level");
    assert_eq!(sailly_cell(&ws, "LIBGEO", Level::Commune), "Sailly-lez-Lannoy");
    assert_eq!(sailly_cell(&ws, "EPCI", Level::Commune), "200093201");
    assert_eq!(sailly_cell(&ws, "BV2012", Level::Commune), "59350");
    // Its own « Source(s) : » line names the publication, and its title lines go to the README.
    let facts = carnet::engine::publish::facts::Facts::of(&ws, &Selection::of(&ws, &sailly()).unwrap());
    assert_eq!(facts.publication.as_deref(), Some("Insee, Code officiel géographique"));
    assert_eq!(facts.notes[0], "Liste des communes au 1er janvier 2022");
}

#[test]
fn the_epci_workbook_gives_the_commune_its_epci_s_row() {
    let ws = read("EPCI_au_01-01-2024.xlsx", None);
    let opened = ws.detection().container.clone().unwrap();
    assert_eq!(opened.parts[opened.part], "Composition_communale");
    assert_eq!(sailly_cell(&ws, "LIBEPCI", Level::Commune), "Métropole Européenne de Lille");
    // The sheet of EPCI: one row per EPCI, the commune gets its own.
    let epci = read("EPCI_au_01-01-2024.xlsx", Some(0));
    assert_eq!(epci.detection().columns[0].kind, ColumnKind::Code(CodeKind::Epci));
    assert_eq!(sailly_cell(&epci, "NB_COM", Level::Epci), "95");
}

#[test]
fn the_populations_legales_rebuild_the_split_code_and_give_the_nord() {
    let ws = read("ensemble-populations-legales-2025.xlsx", None);
    let d = ws.detection();
    let opened = d.container.as_ref().unwrap();
    assert_eq!(opened.parts[opened.part], "Communes", "the largest sheet, none has whole codes");
    let rebuilt = d.rebuilt.as_ref().expect("Code département + Code commune");
    assert_eq!((rebuilt.departement.as_str(), rebuilt.commune.as_str()), ("Code département", "Code commune"));
    assert_eq!(sailly_cell(&ws, "Population municipale", Level::Commune), "1\u{202F}936");
    let departements = read("ensemble-populations-legales-2025.xlsx", Some(1));
    assert_eq!(sailly_cell(&departements, "Nom du département", Level::Departement), "Nord");
    assert_eq!(sailly_cell(&departements, "Population totale", Level::Departement), "2\u{202F}646\u{202F}988");
}

#[test]
fn an_old_xls_keeps_its_decimals_and_its_codes() {
    let ws = read("base-cc-salaire-net-horaire-moyen-10.xls", None);
    let d = ws.detection();
    let opened = d.container.as_ref().unwrap();
    assert_eq!((opened.format, opened.parts[opened.part].as_str()), (Format::Xls, "SALRE_COM"));
    assert_eq!(d.layout.header_line, 6);
    let lille = Selection::of(&ws, &carnet::engine::territory::Place { code: "59350".into(), ..sailly() }).unwrap();
    assert_eq!(format::cell(lille.table.column("SNHMT10").unwrap().cell(0)), "13,4");
    assert_eq!(format::cell(lille.table.column("EPCI").unwrap().cell(0)), "245900410");
    // Sailly-lez-Lannoy is not in this file's 5,073 communes: its département's sheet has the Nord.
    assert!(Selection::of(&ws, &sailly()).is_err());
    let dep = read("base-cc-salaire-net-horaire-moyen-10.xls", Some(4));
    assert_eq!(sailly_cell(&dep, "SNHMT10", Level::Departement), "12,6");
    let nouvelles = read("communes_nouvelles_2018.xls", None);
    assert_eq!((nouvelles.detection().layout.header_line, nouvelles.detection().rows), (1, 626));
    assert_eq!(format::cell(nouvelles.table().columns()[0].cell(0)), "01033");
}

#[test]
fn an_ods_of_a_million_empty_rows_reads_its_table_only() {
    let ws = read("utilitr_mes_donnees.ods", None);
    let d = ws.detection();
    assert_eq!(d.container.as_ref().map(|c| c.format), Some(Format::Ods));
    assert!(d.rows < 200, "{} rows: the repeated empty rows are not rows", d.rows);
    assert_eq!(format::cell(ws.table().columns()[2].cell(0)), "40\u{202F}710\u{202F}000");
}

#[test]
fn an_iris_workbook_gives_a_commune_its_iris() {
    let ws = read("BASE_TD_FILO_DISP_IRIS_2018.xlsx", None);
    let d = ws.detection();
    let opened = d.container.as_ref().unwrap();
    assert_eq!(opened.parts[opened.part], "IRIS_DISP");
    assert_eq!((d.layout.header_line, d.rows), (6, 12_395), "labels row 5, codes row 6");
    assert_eq!(d.layout.labels[6], "Médiane (€)");
    assert_eq!(d.columns[0].kind, ColumnKind::Code(CodeKind::Iris));
    let lille = carnet::engine::territory::Place { code: "59350".into(), name: "Lille".into(), ..sailly() };
    let s = Selection::of(&ws, &lille).unwrap();
    assert_eq!(s.levels.iter().filter(|l| **l == Level::Iris).count(), 93, "Lille's 93 IRIS");
    let iris = s.table.column("IRIS").unwrap();
    let first = (0..s.table.rows()).find(|&r| format::cell(iris.cell(r)) == "593500104").unwrap();
    assert_eq!(format::cell(s.table.column("DISP_MED18").unwrap().cell(first)), "26\u{202F}860");
    assert_eq!(format::cell(s.table.column("DISP_TP6018").unwrap().cell(first)), "17,6", "no float noise");
}
