//! Property tests: random tables written in random dialects read back identical, detection
//! finds the dialect, and no input whatever makes the engine panic.

#![cfg(not(target_arch = "wasm32"))]
use carnet::engine::read::ReadOptions;
use carnet::engine::read::decode::Encoding;
use carnet::engine::read::dialect::{self, Separator};
use carnet::engine::read::parse;
use carnet::engine::read::workspace::Workspace;
use proptest::prelude::*;

fn separator() -> impl Strategy<Value = Separator> {
    prop::sample::select(Separator::ALL.to_vec())
}

/// Writes cells as CSV, quoting what needs it (RFC 4180).
fn write(rows: &[Vec<String>], sep: Separator, eol: &str) -> String {
    let sep_char = char::from(sep.byte());
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                if c.contains(['"', '\n', '\r', sep_char]) || (c.is_empty() && row.len() == 1) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.clone()
                }
            })
            .collect();
        out.push_str(&cells.join(&sep_char.to_string()));
        out.push_str(eol);
    }
    out
}

fn table(cell: impl Strategy<Value = String> + Clone) -> impl Strategy<Value = Vec<Vec<String>>> {
    (1usize..6, 1usize..12).prop_flat_map(move |(cols, rows)| {
        let header = (0..cols).map(|i| format!("col{i}")).collect::<Vec<_>>();
        prop::collection::vec(prop::collection::vec(cell.clone(), cols), rows).prop_map(move |mut body| {
            body.insert(0, header.clone());
            body
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_cells_read_back_identical(
        rows in table("[a-zé0-9 ;,|\t\"\n\r€-]{0,8}"),
        sep in separator(),
        crlf in any::<bool>(),
    ) {
        let text = write(&rows, sep, if crlf { "\r\n" } else { "\n" });
        let parsed = parse::parse(&text, 1, sep, &mut ());
        prop_assert!(parsed.set_aside.is_empty(), "{:?}", parsed.set_aside);
        let cells: Vec<Vec<String>> = (0..parsed.rows())
            .map(|r| parsed.columns.iter().map(|c| c.get(r).to_owned()).collect())
            .collect();
        // (A lone empty cell is written `""`, so its row is not a blank line.)
        prop_assert_eq!(cells, rows[1..].to_vec());
    }

    #[test]
    fn detection_finds_the_dialect(
        // Rows of blanks only at the end are spreadsheet padding, not data: none here.
        rows in table("[a-zA-Zé0-9 ]{1,8}").prop_filter("two columns, two rows, no blank row", |t| {
            t[0].len() >= 2 && t.len() >= 3 && t.iter().all(|r| r.iter().any(|c| !c.trim().is_empty()))
        }),
        sep in separator(),
        crlf in any::<bool>(),
        windows_1252 in any::<bool>(),
    ) {
        let text = write(&rows, sep, if crlf { "\r\n" } else { "\n" });
        let bytes = if windows_1252 { encoding_rs::WINDOWS_1252.encode(&text).0.into_owned() } else { text.clone().into_bytes() };
        prop_assert_eq!(dialect::detect(&text).separator, sep);
        let ws = Workspace::load("f.csv", &bytes, &mut ()).unwrap();
        prop_assert_eq!(ws.detection().dialect.separator, sep);
        prop_assert_eq!(ws.detection().rows + ws.detection().set_aside, rows.len() - 1);
        prop_assert_eq!(ws.detection().columns.len(), rows[0].len());
        if windows_1252 && text.contains('é') {
            prop_assert_eq!(ws.detection().encoding, Encoding::Windows1252);
        }
    }

    #[test]
    fn no_input_makes_the_engine_panic(bytes in prop::collection::vec(any::<u8>(), 0..2_000), focus in any::<bool>()) {
        let codes = ["59522".to_owned()];
        let focus = focus.then_some(&codes[..]);
        if let Ok(ws) = Workspace::load_for("f.csv", &bytes, ReadOptions::default(), focus, &mut ()) {
            prop_assert!(ws.detection().rows > 0);
            let _ = ws.preview(20);
        }
    }

    #[test]
    fn csv_like_noise_never_panics_and_loses_no_row(
        lines in prop::collection::vec("[0-9a-z;,\"é\\- ]{0,30}", 1..40),
        sep in separator(),
    ) {
        let text = lines.join("\n");
        let options = ReadOptions { separator: Some(sep), ..ReadOptions::default() };
        if let Ok(ws) = Workspace::load_with("f.csv", text.as_bytes(), options, &mut ()) {
            let d = ws.detection();
            prop_assert!(d.rows + d.set_aside <= lines.len());
        }
    }
}

#[test]
fn large_streamed_noise_never_panics() {
    // Past the size where the territory-first path applies, with quotes opened and never closed.
    let mut text = String::from("CODGEO;MED\n");
    for i in 0..40_000 {
        text.push_str(&format!("{:05};{}\n", i % 99_999, if i % 997 == 0 { "\"open" } else { "1,5" }));
    }
    let codes = ["00042".to_owned()];
    let ws = Workspace::load_for("f.csv", text.as_bytes(), ReadOptions::default(), Some(&codes), &mut ()).unwrap();
    let full = Workspace::load("f.csv", text.as_bytes(), &mut ()).unwrap();
    assert_eq!(ws.detection().rows, full.detection().rows);
    assert_eq!(ws.set_aside().len(), full.set_aside().len());
}
