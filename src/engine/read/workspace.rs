//! The one entry point the worker calls: raw file → detection → typed table → the rows of a
//! territory → chart, clean CSV and the facts its publication kit is built from.
//!
//! ```
//! use carnet::engine::read::workspace::Workspace;
//! let ws = Workspace::load("f.csv", b"CODGEO;MED20\r\n01001;24820\r\n59522;29440\r\n", &mut ()).unwrap();
//! assert_eq!(ws.detection().rows, 2);
//! assert_eq!(ws.preview(1)[0], ["01001", "24\u{202F}820"]);
//! ```

use super::decode::{self, Encoding};
use super::stream::Stream;
use super::{ColumnInfo, Detection, FOCUS_MIN_BYTES, Read, ReadOptions, dialect, encoding_of, infer, layout, parse};
use crate::engine::error::{ErrorKind, Result};
use crate::engine::format;
use crate::engine::progress::Progress;
use crate::engine::read::parse::SetAside;
use crate::engine::read::whole::{Typing, Whole};
use crate::engine::table::{ColumnKind, DecimalSign, Marker, Table};

/// A file read into a table.
#[derive(Clone, Debug)]
pub struct Workspace {
    file_name: String,
    detection: Detection,
    /// Every row, or, read with a focus, the sample rows then the focus's rows.
    table: Table,
    lines: Vec<u64>,
    set_aside: Vec<SetAside>,
    /// The commune codes the file was read for, when only their rows were kept.
    focus: Option<Vec<String>>,
    /// The variable dictionary that came with the table (an archive's `meta_` member): its
    /// name and bytes.
    dictionary: Option<(String, Vec<u8>)>,
}

impl Workspace {
    /// Reads `bytes`, the content of the file `file_name`, detecting everything.
    ///
    /// # Errors
    /// See [`Workspace::load_with`].
    pub fn load(file_name: &str, bytes: &[u8], progress: &mut dyn Progress) -> Result<Self> {
        Self::load_with(file_name, bytes, ReadOptions::default(), progress)
    }

    /// Reads `bytes` with the user's corrections in `options`.
    ///
    /// # Errors
    /// See [`decode::detect`] (an encoding given in `options` skips the text checks, not the
    /// archive check); also [`ErrorKind::NoRows`] for a header without rows and
    /// [`ErrorKind::NoValidRows`] when every row had to be set aside.
    pub fn load_with(file_name: &str, bytes: &[u8], options: ReadOptions, progress: &mut dyn Progress) -> Result<Self> {
        Self::load_for(file_name, bytes, options, None, progress)
    }

    /// Reads `bytes` keeping, besides a sample, only the rows of the communes `focus` (the
    /// territory-first path, several times faster on a national file). Without a commune code
    /// column, or with `focus` at `None`, every row is kept.
    ///
    /// # Errors
    /// See [`Workspace::load_with`].
    pub fn load_for(
        file_name: &str,
        bytes: &[u8],
        options: ReadOptions,
        focus: Option<&[String]>,
        progress: &mut dyn Progress,
    ) -> Result<Self> {
        if let Some(unwrapped) = super::container::open(bytes, options)? {
            // A sheet Carnet wrote is UTF-8 text with `;`; an archive's CSV is read as any file.
            let inner = ReadOptions {
                sheet: None,
                member: None,
                ..if unwrapped.written {
                    ReadOptions {
                        encoding: Some(Encoding::Utf8),
                        separator: Some(dialect::Separator::Semicolon),
                        ..options
                    }
                } else {
                    options
                }
            };
            // Read whole: a workbook is in memory anyway, and another territory then needs no
            // second opening (the focus only saves time on text read as it streams).
            let mut ws = Self::load_for(file_name, &unwrapped.bytes, inner, None, progress)?;
            if unwrapped.written {
                // A sheet's title and note cells, said as words, not as the text Carnet wrote.
                let words = |line: &mut String| {
                    *line = line.split(';').map(str::trim).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" ");
                };
                ws.detection.layout.title_lines.iter_mut().for_each(words);
                ws.detection.layout.footnotes.iter_mut().for_each(words);
            }
            ws.detection.container = Some(unwrapped.opened);
            ws.dictionary = unwrapped.dictionary;
            return Ok(ws);
        }
        let encoding = encoding_of(bytes, options)?;
        if let Some(codes) = focus
            && bytes.len() > FOCUS_MIN_BYTES
            && let Some(mut stream) = Stream::start(bytes, bytes.len() as u64, encoding, options, codes)
        {
            stream.feed(bytes, progress);
            return Self::from_stream(file_name, stream);
        }
        let mixed_lines = mixed_lines(bytes, encoding);
        if let Some(whole) = super::whole::read(bytes, encoding, options, progress) {
            return Self::assemble(file_name, encoding, whole, None, mixed_lines);
        }
        Self::parsed(file_name, bytes, encoding, options, progress, mixed_lines)
    }

    /// Finishes a whole read fed with the file's bytes as they came (`bytes`, the whole
    /// file, is read again for columns the fast reading did not cover); `None` when the
    /// reference path must read it instead.
    pub(crate) fn from_typing(file_name: &str, typing: Typing, bytes: &[u8]) -> Option<Result<Self>> {
        let encoding = typing.encoding();
        let whole = typing.finish(bytes)?;
        let mixed_lines = mixed_lines(bytes, encoding);
        Some(Self::assemble(file_name, encoding, whole, None, mixed_lines))
    }

    /// Reads `bytes` by the reference path, whatever the file: the whole text decoded, parsed
    /// into raw columns, then typed. [`Workspace::load_with`] gives the same workspace, sooner
    /// (the tests and the benchmark compare them).
    ///
    /// # Errors
    /// See [`Workspace::load_with`].
    pub fn load_parsed(file_name: &str, bytes: &[u8], options: ReadOptions) -> Result<Self> {
        let encoding = encoding_of(bytes, options)?;
        let mixed_lines = mixed_lines(bytes, encoding);
        Self::parsed(file_name, bytes, encoding, options, &mut (), mixed_lines)
    }

    /// The reference path: the text decoded, parsed, typed.
    fn parsed(
        file_name: &str,
        bytes: &[u8],
        encoding: Encoding,
        options: ReadOptions,
        progress: &mut dyn Progress,
        mixed_lines: Vec<u64>,
    ) -> Result<Self> {
        let text = decode::decode(bytes, encoding);
        let mut dialect = dialect::detect(&text);
        if let Some(separator) = options.separator {
            dialect.separator = separator;
        }
        let layout = match options.header_line {
            Some(line) => layout::with_header(&text, dialect.separator, line),
            None => layout::detect(&text, dialect.separator),
        };
        let mut parsed = parse::parse(&text[layout.start..layout.end], layout.header_line, dialect.separator, progress);
        let set_aside = std::mem::take(&mut parsed.set_aside);
        let rows = parsed.rows();
        Self::typed(file_name, encoding, Read { dialect, layout, parsed, rows, set_aside }, options, None, mixed_lines)
    }

    /// Finishes a territory-first read fed with the whole file.
    ///
    /// # Errors
    /// [`ErrorKind::NoRows`] for a header without rows, [`ErrorKind::NoValidRows`] when every
    /// row had to be set aside.
    pub fn from_stream(file_name: &str, stream: Stream) -> Result<Self> {
        let (encoding, options, codes) = (stream.encoding(), stream.options(), stream.codes().to_vec());
        Self::typed(file_name, encoding, stream.finish(), options, Some(codes), Vec::new())
    }

    /// Types the parsed rows, then gathers what was detected.
    fn typed(
        file_name: &str,
        encoding: Encoding,
        read: Read,
        options: ReadOptions,
        focus: Option<Vec<String>>,
        mixed_lines: Vec<u64>,
    ) -> Result<Self> {
        let Read { dialect, layout, parsed, rows, set_aside } = read;
        let (table, inferences) = infer::build::table(&parsed.header, &parsed.columns, parsed.rows(), options.decimal)
            .expect("the parser keeps only rows of the header's width");
        let whole = Whole { dialect, layout, table, inferences, lines: parsed.lines, rows, set_aside };
        Self::assemble(file_name, encoding, whole, focus, mixed_lines)
    }

    /// Gathers what was detected around a typed table.
    fn assemble(
        file_name: &str,
        encoding: Encoding,
        whole: Whole,
        focus: Option<Vec<String>>,
        mixed_lines: Vec<u64>,
    ) -> Result<Self> {
        let Whole { dialect, layout, table, inferences, lines, rows, set_aside } = whole;
        if rows == 0 {
            return Err(if set_aside.is_empty() {
                ErrorKind::NoRows { header_line: layout.header_line }
            } else {
                ErrorKind::NoValidRows { set_aside: set_aside.len() as u64 }
            }
            .into());
        }
        let (table, rebuilt) = match super::rebuild::rebuild(&table) {
            Some((table, rebuilt)) => (table, Some(rebuilt)),
            None => (table, None),
        };
        let detection = Detection {
            encoding,
            dialect,
            layout,
            decimal: decimal_sign(&table),
            rows,
            set_aside: set_aside.len(),
            sampled: focus.is_some(),
            mixed_lines,
            columns: table
                .columns()
                .iter()
                .zip(&inferences)
                .map(|(c, i)| ColumnInfo {
                    name: c.name().to_owned(),
                    kind: c.kind(),
                    missing: c.values().null_count(),
                    secret: c.count(Marker::Secret),
                    not_available: c.count(Marker::NotAvailable),
                    not_published: c.count(Marker::NotSignificant) + c.count(Marker::NotApplicable),
                    repaired: i.repaired,
                    odd: i.odd,
                })
                .collect(),
            container: None,
            rebuilt,
        };
        Ok(Self { file_name: file_name.to_owned(), detection, table, lines, set_aside, focus, dictionary: None })
    }

    /// Whether the table holds every row of the file (it was not read for some communes only).
    pub fn is_whole(&self) -> bool {
        self.focus.is_none()
    }

    /// The physical line of each row of the table.
    pub fn lines(&self) -> &[u64] {
        &self.lines
    }

    /// Whether the rows of commune `code` were kept (always, unless read with another focus).
    pub fn holds(&self, code: &str) -> bool {
        self.focus.as_ref().is_none_or(|codes| codes.iter().any(|c| c == code))
    }

    /// The source file's name.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// What was detected.
    pub fn detection(&self) -> &Detection {
        &self.detection
    }

    /// The variable dictionary that came with the table (an archive's `meta_` member).
    pub fn dictionary(&self) -> Option<(&str, &[u8])> {
        self.dictionary.as_ref().map(|(n, b)| (n.as_str(), b.as_slice()))
    }

    /// The whole table.
    pub fn table(&self) -> &Table {
        &self.table
    }

    /// The rows set aside, in file order.
    pub fn set_aside(&self) -> &[SetAside] {
        &self.set_aside
    }

    /// The first `rows` rows, each cell written the French way.
    pub fn preview(&self, rows: usize) -> Vec<Vec<String>> {
        rows_fr(&self.table, rows)
    }
}

/// Lines in Windows-1252 listed for a mixed file.
const MIXED_LINES_SHOWN: usize = 20;

/// In a UTF-8 file with Windows-1252 lines, the first of those lines (none for another encoding).
fn mixed_lines(bytes: &[u8], encoding: Encoding) -> Vec<u64> {
    if encoding == Encoding::MixedUtf8 { decode::non_utf8_lines(bytes, MIXED_LINES_SHOWN) } else { Vec::new() }
}

/// The first `rows` rows of `table`, written the French way.
pub fn rows_fr(table: &Table, rows: usize) -> Vec<Vec<String>> {
    (0..rows.min(table.rows())).map(|r| table.columns().iter().map(|c| format::cell(c.cell(r))).collect()).collect()
}

/// The decimal sign most decimal columns use.
fn decimal_sign(table: &Table) -> Option<DecimalSign> {
    let (mut comma, mut point) = (0, 0);
    for c in table.columns() {
        match c.kind() {
            ColumnKind::Decimal(DecimalSign::Comma) | ColumnKind::Percent(DecimalSign::Comma) => comma += 1,
            ColumnKind::Decimal(DecimalSign::Point) | ColumnKind::Percent(DecimalSign::Point) => point += 1,
            _ => {}
        }
    }
    match (comma, point) {
        (0, 0) => None,
        (c, p) if c >= p => Some(DecimalSign::Comma),
        _ => Some(DecimalSign::Point),
    }
}
