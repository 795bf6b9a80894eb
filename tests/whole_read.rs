//! The whole-table read (rows split on the file's bytes, numbers typed as they come) gives the
//! workspace the reference path gives (the text decoded, parsed into raw columns, then typed):
//! same detection, rows, lines, set-aside rows and cells, on every real file of `tests/data`
//! (a workbook's sheet as Carnet writes it out) and on ugly generated ones.

use carnet::engine::read::container;
use carnet::engine::read::decode::Encoding;
use carnet::engine::read::dialect::Separator;
use carnet::engine::read::workspace::Workspace;
use carnet::engine::read::{Detection, ReadOptions};
use std::path::Path;

/// What a workspace detected, without the offsets (bytes of the file on one path, of the
/// decoded text on the other).
fn detected(ws: &Workspace) -> Detection {
    let mut d = ws.detection().clone();
    (d.layout.start, d.layout.end) = (0, 0);
    d
}

fn assert_same(name: &str, bytes: &[u8], options: ReadOptions) {
    let fast = Workspace::load_with(name, bytes, options, &mut ()).unwrap();
    let reference = Workspace::load_parsed(name, bytes, options).unwrap();
    assert_eq!(detected(&fast), detected(&reference), "{name}");
    assert_eq!(fast.lines(), reference.lines(), "{name}");
    let reasons = |ws: &Workspace| ws.set_aside().iter().map(|s| (s.line, s.reason.clone())).collect::<Vec<_>>();
    assert_eq!(reasons(&fast), reasons(&reference), "{name}");
    let (a, b) = (fast.table(), reference.table());
    assert_eq!(a.rows(), b.rows(), "{name}");
    for (x, y) in a.columns().iter().zip(b.columns()) {
        assert_eq!((x.name(), x.kind(), x.decimals()), (y.name(), y.kind(), y.decimals()), "{name}");
        for r in 0..b.rows() {
            assert_eq!(x.cell(r), y.cell(r), "{name}: {} row {r}", x.name());
        }
    }
}

#[test]
fn every_real_file_reads_alike() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/insee");
    let mut read = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "README.md" {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        match container::open(&bytes, ReadOptions::default()).unwrap() {
            // The sheet Carnet reads: UTF-8 text with `;`, as the workspace reads it.
            Some(unwrapped) => {
                let options = if unwrapped.written {
                    ReadOptions {
                        encoding: Some(Encoding::Utf8),
                        separator: Some(Separator::Semicolon),
                        ..ReadOptions::default()
                    }
                } else {
                    ReadOptions::default()
                };
                assert_same(&name, &unwrapped.bytes, options);
            }
            None => assert_same(&name, &bytes, ReadOptions::default()),
        }
        read += 1;
    }
    assert_eq!(read, 13, "every file of tests/data/insee");
}

/// A national-like file with everything that sends a column down the reference path, late.
fn ugly() -> Vec<u8> {
    let mut text = String::from("Revenus 2021;;;;;;;\r\nSource : Insee;;;;;;;\r\n\r\n");
    text.push_str("CODGEO;LIBGEO;POP;MED;TP;PART;CODE;AN\r\n");
    for r in 0..40_000 {
        let late = r > 30_000;
        let code = if r == 700 { "1001".to_owned() } else { format!("{:02}{:03}", 1 + r % 95, r % 1000) };
        let name = match r % 5 {
            0 => format!("\"Saint-Rémy; lès {r}\""),
            1 => format!("\"Ligne\r\nsur deux {r}\""),
            _ => format!("Commune {r}"),
        };
        let pop = if late && r % 101 == 0 { format!("{} {:03}", r / 1000, r % 1000) } else { r.to_string() };
        let med = match r % 11 {
            0 => "s".to_owned(),
            1 => "-9999".to_owned(),
            2 => " 1234,5 ".to_owned(),
            _ => format!("{},{}", 18_000 + r % 9_000, r % 10),
        };
        let tp =
            if late && r % 53 == 0 { format!("{},{} %", r % 40, r % 10) } else { format!("{},{}", r % 40, r % 10) };
        let part = if r == 39_000 { "c".to_owned() } else { "nd".to_owned() };
        let other = if r == 35_000 { "007".to_owned() } else { (100 + r).to_string() };
        let year = if r == 39_999 { "2200".to_owned() } else { (1990 + r % 30).to_string() };
        if r == 900 {
            text.push_str("59522;décalée;1\r\n");
        }
        text.push_str(&format!("{code};{name};{pop};{med};{tp};{part};{other};{year}\r\n"));
    }
    text.push_str("\r\nSource : Insee, Filosofi 2021;;;;;;;\r\nChamp : France;;;;;;;\r\n");
    encoding_rs::WINDOWS_1252.encode(&text).0.into_owned()
}

#[test]
fn an_ugly_file_reads_alike() {
    assert_same("ugly.csv", &ugly(), ReadOptions::default());
}

#[test]
fn the_same_file_in_utf8_with_a_bom_and_commas_reads_alike() {
    let text = encoding_rs::WINDOWS_1252.decode(&ugly()).0.replace(';', "\t");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    assert_same("ugly.tsv", &bytes, ReadOptions::default());
}

#[test]
fn a_head_of_short_rows_then_long_ones_reads_alike() {
    let mut text = String::from("CODGEO;NOTE;NB\r\n");
    (0..3).for_each(|r| text.push_str(&format!("{:05};{r};{r}\r\n", 1000 + r)));
    (0..200).for_each(|r| text.push_str(&format!("{:05};{};{r}\r\n", 2000 + r, "x".repeat(20_000))));
    assert_same("long.csv", text.as_bytes(), ReadOptions::default());
}

#[test]
fn secrets_first_then_numbers_and_a_class_c_read_alike() {
    let mut text = String::from("CODGEO;A;B;C\r\n");
    for r in 0..30_000 {
        let a = if r < 2_000 { "s".to_owned() } else { r.to_string() };
        let b = if r == 29_000 { "c" } else { "nd" };
        let c = if r % 2 == 0 { "-" } else { "-12,5" };
        text.push_str(&format!("{:05};{a};{b};{c}\r\n", 1000 + r));
    }
    assert_same("secrets.csv", text.as_bytes(), ReadOptions::default());
}

#[test]
fn whole_numbers_grouped_by_commas_in_a_file_of_points_read_alike_and_right() {
    let mut text = String::from("CODGEO;POP;TX;AMB\r\n");
    for r in 0..30_000 {
        let pop =
            if r % 3 == 0 { format!("{},{:03},{:03}", 1 + r % 9, r % 1000, r % 997) } else { (r * 7).to_string() };
        text.push_str(&format!("{:05};{pop};{}.{};1,{:03}\r\n", 1000 + r, r % 40, r % 10, r % 1000));
    }
    assert_same("points.csv", text.as_bytes(), ReadOptions::default());
    let ws = Workspace::load("points.csv", text.as_bytes(), &mut ()).unwrap();
    let pop = ws.table().column("POP").unwrap();
    assert_eq!(pop.cell(0), carnet::engine::table::Cell::Integer(1_000_000));
    assert_eq!(pop.cell(3), carnet::engine::table::Cell::Integer(4_003_003));
    // `1,234` alone in a file of points: thousands, not 1.
    assert_eq!(ws.table().column("AMB").unwrap().cell(234), carnet::engine::table::Cell::Integer(1_234));
}
