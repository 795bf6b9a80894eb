//! The territory-first read gives the same rows, lines, counts and set-aside rows as reading
//! the whole file, on an ugly generated file: Windows-1252, title rows, quoted fields with
//! separators and line breaks, ragged rows, codes without their leading zero, footnotes.

use carnet::engine::publish;
use carnet::engine::read::workspace::Workspace;
use carnet::engine::territory::Place;
use carnet::engine::territory::selection::Selection;

fn ugly_file() -> Vec<u8> {
    let mut text = String::from("Revenus 2020;;;\r\nSource : Insee;;;\r\n\r\nCODGEO;LIBGEO;MED;PART\r\n");
    for r in 0..12_000 {
        let code = match r {
            500 => "59522".to_owned(),
            700 => "1001".to_owned(),
            _ => format!("{:02}{:03}", 2 + r % 90, r % 1000),
        };
        let name = match r % 5 {
            0 => format!("\"Saint-Rémy; lès {r}\""),
            1 => format!("\"Ligne\r\nsur deux {r}\""),
            _ => format!("Commune {r}"),
        };
        if r == 900 {
            text.push_str("59522;décalée;1\r\n");
        }
        text.push_str(&format!("{code};{name};{};{},{}\r\n", 20_000 + r, r % 100, r % 10));
    }
    text.push_str("\r\nSource : Insee, Filosofi 2020;;;\r\nChamp : France;;;\r\n");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(bytes.len() > 300_000, "large enough for the territory-first path");
    bytes.into_owned()
}

fn place(code: &str) -> Place {
    Place { code: code.into(), name: code.into(), ..Place::default() }
}

#[test]
fn same_rows_as_the_whole_read() {
    let bytes = ugly_file();
    let full = Workspace::load("f.csv", &bytes, &mut ()).unwrap();
    for code in ["59522", "01001", "45123"] {
        let codes = [code.to_owned()];
        let focused = Workspace::load_for("f.csv", &bytes, Default::default(), Some(&codes), &mut ()).unwrap();
        let (d, f) = (full.detection(), focused.detection());
        assert!(f.sampled);
        assert_eq!(
            (f.rows, f.set_aside, f.encoding, f.dialect),
            (d.rows, d.set_aside, d.encoding, d.dialect),
            "{code}"
        );
        assert_eq!(
            (f.layout.header_line, &f.layout.title_lines, &f.layout.footnotes),
            (4, &d.layout.title_lines, &d.layout.footnotes)
        );
        assert_eq!(focused.set_aside(), full.set_aside());
        let kinds = |d: &carnet::engine::read::Detection| d.columns.iter().map(|c| c.kind).collect::<Vec<_>>();
        assert_eq!(kinds(f), kinds(d));
        let (a, b) = (Selection::of(&full, &place(code)).unwrap(), Selection::of(&focused, &place(code)).unwrap());
        assert_eq!(a.lines, b.lines, "{code}");
        assert_eq!(publish::csv::write(&a.table), publish::csv::write(&b.table), "{code}");
    }
    assert_eq!(full.detection().layout.footnotes, ["Source : Insee, Filosofi 2020", "Champ : France"]);
    assert_eq!(full.set_aside()[0].text, "59522;décalée;1");
}

#[test]
fn streamed_in_chunks_like_a_file_larger_than_memory() {
    use carnet::engine::read::decode::{self, Encoding};
    use carnet::engine::read::stream::{HEAD_BYTES, Stream};
    let bytes = ugly_file();
    let full = Workspace::load("f.csv", &bytes, &mut ()).unwrap();
    let codes = ["59522".to_owned()];
    let encoding = decode::detect(&bytes[..HEAD_BYTES]).unwrap();
    assert_eq!(encoding, Encoding::Windows1252);
    for chunk in [4_093, 65_536, 1 << 20] {
        let mut stream =
            Stream::start(&bytes[..HEAD_BYTES], bytes.len() as u64, encoding, Default::default(), &codes).unwrap();
        let mut reports = 0;
        for c in bytes.chunks(chunk) {
            stream.feed(c, &mut |_, _, _| reports += 1);
        }
        let ws = Workspace::from_stream("f.csv", stream).unwrap();
        assert_eq!(ws.detection().rows, full.detection().rows, "chunks of {chunk}");
        assert_eq!(ws.set_aside(), full.set_aside(), "chunks of {chunk}");
        assert_eq!(ws.detection().layout.footnotes, full.detection().layout.footnotes);
        let (a, b) = (Selection::of(&full, &place("59522")).unwrap(), Selection::of(&ws, &place("59522")).unwrap());
        assert_eq!(
            (&a.lines, publish::csv::write(&a.table)),
            (&b.lines, publish::csv::write(&b.table)),
            "chunks of {chunk}"
        );
        assert!(reports >= bytes.len() / chunk);
    }
}

#[test]
fn read_as_it_arrives_in_chunks_of_any_size() {
    use carnet::engine::read::reading::Reading;
    let bytes = ugly_file();
    let codes = ["59522".to_owned()];
    let whole = Workspace::load_for("f.csv", &bytes, Default::default(), Some(&codes), &mut ()).unwrap();
    for keep in [true, false] {
        for chunk in [1, 777, 8_191, 65_536, 300_000] {
            let mut reading = Reading::new("f.csv", bytes.len() as u64, Default::default(), Some(&codes), keep);
            let mut rows_seen = 0;
            for c in bytes.chunks(chunk) {
                reading.push(c, &mut |_, _, rows| rows_seen = rows);
            }
            let (ws, kept) = reading.finish(&mut ());
            let ws = ws.unwrap();
            assert_eq!(ws.detection(), whole.detection(), "chunks of {chunk}, kept {keep}");
            assert_eq!(ws.set_aside(), whole.set_aside());
            let (a, b) =
                (Selection::of(&whole, &place("59522")).unwrap(), Selection::of(&ws, &place("59522")).unwrap());
            assert_eq!((&a.lines, publish::csv::write(&a.table)), (&b.lines, publish::csv::write(&b.table)));
            assert_eq!(kept.is_some(), keep);
            assert!(rows_seen > 10_000, "progress counts rows as they come");
        }
    }
}
