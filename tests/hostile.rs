//! Hostile files: each is read into a table or refused with a typed error — never a panic, never
//! a freeze. The browser tests (`tests/browser/trust.test.mjs`) check the French words and the
//! time in the release build; here the engine's answer is pinned.

use carnet::engine::ErrorKind;
use carnet::engine::read::workspace::Workspace;

fn read(bytes: &[u8]) -> Result<Workspace, ErrorKind> {
    Workspace::load("hostile.csv", bytes, &mut ()).map_err(|e| e.kind().clone())
}

#[test]
fn a_pdf_renamed_csv_is_named_a_pdf() {
    let pdf =
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\nstream\n\x00\x01\x02\x03endstream\n";
    assert_eq!(read(pdf).err(), Some(ErrorKind::Document { format: "pdf".into() }));
}

#[test]
fn a_file_of_nul_bytes_is_refused_as_binary() {
    assert!(matches!(read(&[0u8; 4096]), Err(ErrorKind::Binary { .. })));
}

#[test]
fn invalid_utf8_inside_a_utf8_file_is_read_and_its_lines_named() {
    let mut bytes = "CODGEO;LIBGEO;MED20\n59522;Sailly-lez-Lannoy é;29440\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"59350;Lille \xe9\xff\xfe;21000\n");
    let ws = read(&bytes).expect("read");
    assert_eq!(ws.detection().rows, 2);
    assert_eq!(ws.detection().mixed_lines, [3]);
}

#[test]
fn a_hundred_thousand_columns_are_read() {
    let header: Vec<String> = (0..100_000).map(|i| format!("C{i}")).collect();
    let row: Vec<&str> = (0..100_000).map(|_| "1").collect();
    let text = format!("{}\n{}\n{}\n", header.join(";"), row.join(";"), row.join(";"));
    let ws = read(text.as_bytes()).expect("read");
    assert_eq!((ws.detection().rows, ws.detection().columns.len()), (2, 100_000));
}

#[test]
fn a_hundred_thousand_columns_of_one_name_get_names_of_their_own() {
    let header = vec!["A"; 100_000].join(";");
    let row = vec!["1"; 100_000].join(";");
    let ws = read(format!("{header}\n{row}\n").as_bytes()).expect("read");
    let names: Vec<&str> = ws.detection().columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!((names[0], names[1], names[99_999]), ("A", "A_2", "A_100000"));
}

#[test]
fn a_five_megabyte_cell_is_read_whole() {
    let text = format!("CODGEO;NOTE\n59522;{}\n", "é".repeat(2_500_000));
    let ws = read(text.as_bytes()).expect("read");
    assert_eq!(ws.detection().rows, 1);
}
