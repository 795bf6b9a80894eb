//! Files that hold a table inside rather than being one: a workbook (XLSX, XLS, XLSB, ODS) or a
//! ZIP archive as INSEE ships its files (a CSV or a workbook per level, and `meta_`
//! dictionaries). [`open`] finds which part to read — the sheet with territory codes, the
//! commune-level member — and gives it as the text the reader knows, saying what it chose
//! ([`Opened`]) so that the user can choose another. What is opened is bounded: member sizes,
//! compression ratio, cells.
//!
//! ```
//! use carnet::engine::read::container;
//! assert!(container::open(b"CODGEO;MED\n59522;29860\n", Default::default()).unwrap().is_none());
//! assert!(container::by_name("base-cc-filosofi-2021.xlsx") && !container::by_name("f.csv"));
//! ```

pub mod archive;
pub mod workbook;

use super::ReadOptions;
pub use crate::engine::error::{ContainerFormat as Format, ContainerProblem as Problem};
use crate::engine::error::{ErrorKind, Result};
use serde::{Deserialize, Serialize};
use std::io::Cursor;

/// What a container held and which part of it was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opened {
    /// The container's format.
    pub format: Format,
    /// Its parts a table can be read from: a workbook's sheets, an archive's tables.
    pub parts: Vec<String>,
    /// The part read, an index in `parts`.
    pub part: usize,
    /// Whether the user chose it (else Carnet did).
    pub chosen: bool,
    /// Inside an archive, the workbook member read and its sheets.
    #[serde(default)]
    pub inner: Option<Box<Opened>>,
    /// An archive's variable dictionary (its `meta_` member), read with the table.
    #[serde(default)]
    pub dictionary: Option<String>,
    /// An archive's tables of other levels (EPCI, départements, régions) whose rows joined the
    /// communes' as comparisons.
    #[serde(default)]
    pub levels: Vec<String>,
}

/// A container opened: the text of the part read, and what was chosen.
pub struct Unwrapped {
    /// The table's bytes: a sheet written as UTF-8 text with `;`, or an archive member as is.
    pub bytes: Vec<u8>,
    /// Whether `bytes` is a sheet Carnet wrote (its encoding and separator are known).
    pub written: bool,
    /// What was chosen.
    pub opened: Opened,
    /// The archive's dictionary member: its name and bytes.
    pub dictionary: Option<(String, Vec<u8>)>,
}

/// The most bytes a container's parts may inflate to.
pub const MAX_BYTES: u64 = 512 << 20;
/// The largest compression ratio of a part (XML of empty styled cells deflates hundreds of
/// times; a bomb, thousands).
pub const MAX_RATIO: u64 = 1_000;

/// Whether a file's name says it is a container (read whole, never streamed).
pub fn by_name(file_name: &str) -> bool {
    let lower = file_name.to_lowercase();
    [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".zip"].iter().any(|ext| lower.ends_with(ext))
}

/// What `bytes` are, when a container: by their first bytes, then, for a ZIP, by its members.
///
/// # Errors
/// [`ErrorKind::Document`] for a ZIP of another kind of document (a Numbers or Word file).
pub fn format(bytes: &[u8]) -> Result<Option<Format>> {
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        // An XLS, or an XLSX sealed with a password (Excel stores those in the same envelope).
        return Ok(Some(Format::Xls));
    }
    if !(bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")) {
        return Ok(None);
    }
    let Ok(zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // A damaged ZIP: the archive reader says why.
        return Ok(Some(Format::Zip));
    };
    let has = |name: &str| zip.index_for_name(name).is_some();
    Ok(Some(if has("xl/workbook.xml") {
        Format::Xlsx
    } else if has("xl/workbook.bin") {
        Format::Xlsb
    } else if has("content.xml") && has("mimetype") {
        Format::Ods
    } else if has("Index/Document.iwa") {
        return Err(ErrorKind::Document { format: "numbers".into() }.into());
    } else if has("word/document.xml") {
        return Err(ErrorKind::Document { format: "docx".into() }.into());
    } else {
        Format::Zip
    }))
}

/// Opens `bytes` when they are a container: the part `options` names, else the one Carnet
/// chooses. `None` for any other file (a text table, or what the reader refuses in words).
///
/// # Errors
/// [`ErrorKind::Container`] when the container cannot give a table (damaged, sealed with a
/// password, too large, nothing readable inside).
pub fn open(bytes: &[u8], options: ReadOptions) -> Result<Option<Unwrapped>> {
    Ok(match format(bytes)? {
        None => None,
        Some(Format::Zip) => Some(archive::open(bytes, options)?),
        Some(format) => Some(workbook::open(bytes, format, options.sheet)?),
    })
}

/// Checks a ZIP's members against the bounds before a reader takes them: what each member
/// inflates to is counted (a ZIP may declare sizes it does not hold), stopping at the bounds.
///
/// # Errors
/// [`ErrorKind::Container`] with [`Problem::TooLarge`] naming the member past the bounds.
pub(crate) fn bounded(bytes: &[u8], format: Format) -> Result<()> {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(mut member) = zip.by_index(i) else { continue };
        let name = member.name().to_owned();
        let compressed = member.compressed_size().max(1);
        let left = MAX_BYTES - total;
        let too_large = || problem(format, Problem::TooLarge { member: name.clone() });
        // An XLSX sheet is looked into: two cells far apart make a reader allocate every cell
        // between them.
        let sheet = format == Format::Xlsx && name.starts_with("xl/worksheets/") && name.ends_with(".xml");
        let inflated = if sheet {
            let mut xml = Vec::new();
            let n = (&mut member).take(left + 1).read_to_end(&mut xml).unwrap_or(0) as u64;
            if n <= left && workbook::span(&xml) > workbook::MAX_CELLS as u64 {
                return Err(too_large());
            }
            n
        } else {
            std::io::copy(&mut (&mut member).take(left + 1), &mut std::io::sink()).unwrap_or(0)
        };
        total += inflated.min(left);
        if inflated > left || (inflated > 1 << 20 && inflated / compressed > MAX_RATIO) {
            return Err(too_large());
        }
    }
    Ok(())
}

/// The error of `format` failing with `problem`.
pub(crate) fn problem(format: Format, problem: Problem) -> crate::engine::Error {
    ErrorKind::Container { format, problem }.into()
}

/// Workbooks and archives made in memory, for the tests of this floor and those above.
#[cfg(test)]
pub(crate) mod made {
    use std::io::Write;

    /// A ZIP of `members`, deflated.
    pub fn zip(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in members {
            w.start_file(*name, options).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// A cell of a made sheet: text, or a number.
    pub enum Cell<'a> {
        T(&'a str),
        N(f64),
    }

    /// An XLSX of `sheets` (name, rows), its text cells inline.
    pub fn xlsx(sheets: &[(&str, Vec<Vec<Cell<'_>>>)]) -> Vec<u8> {
        let mut types = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
        );
        let mut book = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
        );
        let mut rels = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        );
        let mut parts: Vec<(String, String)> = Vec::new();
        for (i, (name, rows)) in sheets.iter().enumerate() {
            let n = i + 1;
            types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
            book.push_str(&format!(r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#));
            rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
            let mut xml = String::from(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
            );
            for (r, row) in rows.iter().enumerate() {
                xml.push_str(&format!(r#"<row r="{}">"#, r + 1));
                for (c, cell) in row.iter().enumerate() {
                    let at = format!("{}{}", (b'A' + c as u8) as char, r + 1);
                    match cell {
                        Cell::T("") => {}
                        Cell::T(t) => xml.push_str(&format!(r#"<c r="{at}" t="inlineStr"><is><t>{t}</t></is></c>"#)),
                        Cell::N(v) => xml.push_str(&format!(r#"<c r="{at}"><v>{v}</v></c>"#)),
                    }
                }
                xml.push_str("</row>");
            }
            xml.push_str("</sheetData></worksheet>");
            parts.push((format!("xl/worksheets/sheet{n}.xml"), xml));
        }
        types.push_str("</Types>");
        book.push_str("</sheets></workbook>");
        rels.push_str("</Relationships>");
        let root = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
        let mut members: Vec<(&str, &[u8])> = vec![
            ("[Content_Types].xml", types.as_bytes()),
            ("_rels/.rels", root.as_bytes()),
            ("xl/workbook.xml", book.as_bytes()),
            ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ];
        members.extend(parts.iter().map(|(n, x)| (n.as_str(), x.as_bytes())));
        zip(&members)
    }
}

#[cfg(test)]
mod tests {
    use super::made::{Cell::*, xlsx, zip};
    use super::*;
    use crate::engine::read::workspace::Workspace;
    use crate::engine::table::{Cell as Value, CodeKind, ColumnKind};

    /// An INSEE-like workbook: a documentation sheet, then the communes' sheet under two
    /// title lines, a code stored as a number, a source line under the table.
    fn filosofi() -> Vec<u8> {
        xlsx(&[
            ("Documentation", vec![vec![T("Revenus et pauvreté des ménages en 2021")], vec![T("Champ : France")]]),
            (
                "COM",
                vec![
                    vec![T("Revenus localisés sociaux et fiscaux 2021")],
                    vec![T("")],
                    vec![T("CODGEO"), T("LIBGEO"), T("MED21"), T("TP6021")],
                    vec![N(1001.0), T("L'Abergement-Clémenciat"), N(24820.0), T("s")],
                    vec![T("59522"), T("Sailly-lez-Lannoy"), N(29860.0), N(4.5)],
                    vec![T("59339"), T("Lannoy; ville"), N(21090.0), N(27.25)],
                    vec![T("Source : Insee-DGFiP, Filosofi 2021")],
                ],
            ),
        ])
    }

    #[test]
    fn the_sheet_with_communes_is_read_as_a_table() {
        let ws = Workspace::load("base-cc-filosofi-2021.xlsx", &filosofi(), &mut ()).unwrap();
        let opened = ws.detection().container.clone().expect("a workbook");
        assert_eq!((opened.format, opened.part, opened.chosen), (Format::Xlsx, 1, false));
        assert_eq!(opened.parts, ["Documentation", "COM"]);
        let d = ws.detection();
        assert_eq!((d.rows, d.layout.header_line), (3, 3));
        assert_eq!(d.layout.footnotes, ["Source : Insee-DGFiP, Filosofi 2021"]);
        let t = ws.table();
        assert_eq!(t.columns()[0].kind(), ColumnKind::Code(CodeKind::Commune));
        assert_eq!(t.columns()[0].cell(0), Value::Text("01001"), "a code stored as a number is repaired");
        assert_eq!(d.columns[0].repaired, 1);
        assert_eq!(t.columns()[1].cell(2), Value::Text("Lannoy; ville"));
        assert_eq!(t.column("MED21").unwrap().number(1), Some(29_860.0));
        assert_eq!(t.column("TP6021").unwrap().number(2), Some(27.25));
        assert!(matches!(t.column("TP6021").unwrap().kind(), ColumnKind::Decimal(_)));
    }

    #[test]
    fn another_sheet_when_the_user_says_so() {
        let options = ReadOptions { sheet: Some(0), ..ReadOptions::default() };
        let ws = Workspace::load_with("f.xlsx", &filosofi(), options, &mut ()).unwrap();
        let opened = ws.detection().container.clone().unwrap();
        assert_eq!((opened.part, opened.chosen, ws.detection().rows), (0, true, 1), "the documentation, as it is");
        let options = ReadOptions { sheet: Some(7), ..ReadOptions::default() };
        let err = Workspace::load_with("f.xlsx", &filosofi(), options, &mut ()).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Container { format: Format::Xlsx, problem: Problem::NoSuchPart(7) });
    }

    #[test]
    fn an_archive_gives_its_commune_table_and_its_dictionary() {
        let com = b"CODGEO;MED19\n59522;28570\n";
        let epci = b"CODGEO;MED19\n200093201;23550\n";
        let dep = b"CODGEO;MED19\r\n59;21240\r\n";
        let other = b"CODGEO;AUTRE\n32;1\n";
        let meta = b"COD_VAR;LIB_VAR\nMED19;M\xe9diane\n";
        let archive = zip(&[
            ("base-cc-filosofi-2019_CSV/cc_filosofi_2019_EPCI.CSV", epci),
            ("base-cc-filosofi-2019_CSV/cc_filosofi_2019_COM.CSV", com),
            ("base-cc-filosofi-2019_CSV/meta_cc_filosofi_2019_COM.CSV", meta),
            ("base-cc-filosofi-2019_CSV/cc_filosofi_2019_DEP.CSV", dep),
            ("base-cc-filosofi-2019_CSV/cc_filosofi_2019_REG.CSV", other),
            ("base-cc-filosofi-2019_CSV/workbook.xlsx", &filosofi()),
        ]);
        let ws = Workspace::load("base-cc-filosofi-2019_CSV.zip", &archive, &mut ()).unwrap();
        let opened = ws.detection().container.clone().unwrap();
        assert_eq!(opened.parts.len(), 5, "the dictionary is not a table: {:?}", opened.parts);
        assert!(opened.parts[opened.part].ends_with("_COM.CSV"));
        assert_eq!(opened.dictionary.as_deref(), Some("base-cc-filosofi-2019_CSV/meta_cc_filosofi_2019_COM.CSV"));
        assert_eq!(ws.dictionary().map(|(_, b)| b.len()), Some(meta.len()));
        assert_eq!(ws.table().column("MED19").unwrap().number(0), Some(28_570.0));
        // The EPCI's and the département's tables join as comparisons; the régions' has other
        // columns and stays apart.
        assert_eq!(opened.levels.len(), 2, "{:?}", opened.levels);
        let level = ws.table().column("NIVGEO").unwrap();
        let levels: Vec<String> = (0..3).map(|r| crate::engine::format::plain(level.cell(r))).collect();
        assert_eq!(levels, ["COM", "DEP", "EPCI"]);
        let med: Vec<Option<f64>> = (0..3).map(|r| ws.table().column("MED19").unwrap().number(r)).collect();
        assert_eq!(med, [Some(28_570.0), Some(21_240.0), Some(23_550.0)], "each level's own median");
        // The workbook inside, its sheet chosen in turn.
        let at = opened.parts.iter().position(|p| p.ends_with(".xlsx")).unwrap() as u16;
        let ws =
            Workspace::load_with("a.zip", &archive, ReadOptions { member: Some(at), ..Default::default() }, &mut ())
                .unwrap();
        let opened = ws.detection().container.clone().unwrap();
        assert!(opened.chosen);
        assert_eq!(opened.inner.map(|i| i.part), Some(1));
        assert_eq!(ws.detection().rows, 3);
    }

    #[test]
    fn what_cannot_be_opened_says_why() {
        let kind = |bytes: &[u8]| Workspace::load("f.xlsx", bytes, &mut ()).unwrap_err().kind().clone();
        assert!(matches!(kind(b"PK\x03\x04garbage"), ErrorKind::Container { problem: Problem::Damaged(_), .. }));
        assert_eq!(kind(&zip(&[("Index/Document.iwa", b"x")])), ErrorKind::Document { format: "numbers".into() });
        assert_eq!(
            kind(&zip(&[("notes/lisez-moi.pdf", b"%PDF-")])),
            ErrorKind::Container { format: Format::Zip, problem: Problem::NothingToRead }
        );
        assert_eq!(kind(b"%PDF-1.7\n"), ErrorKind::Document { format: "pdf".into() });
        // A sheet of zeros deflated a thousand times and more: refused before it is inflated.
        let mut bomb = filosofi();
        let zeros = vec![b'0'; 64 << 20];
        bomb = {
            let mut a = zip::ZipArchive::new(Cursor::new(bomb.as_slice())).unwrap();
            let mut members: Vec<(String, Vec<u8>)> = Vec::new();
            for i in 0..a.len() {
                let mut f = a.by_index(i).unwrap();
                let mut b = Vec::new();
                std::io::Read::read_to_end(&mut f, &mut b).unwrap();
                members.push((f.name().to_owned(), b));
            }
            members.push(("xl/worksheets/sheet9.xml".into(), zeros));
            let refs: Vec<(&str, &[u8])> = members.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
            zip(&refs)
        };
        assert!(matches!(kind(&bomb), ErrorKind::Container { problem: Problem::TooLarge { .. }, .. }));
    }
}
