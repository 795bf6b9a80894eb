//! The whole table read straight into typed columns. Every row is split on the file's own
//! bytes (no decoded copy of the file is made), each column of numbers is typed as its cells
//! come ([`Tally`]: each cell read once), the other columns are kept as text and typed at the
//! end as [`infer`] decides. The kinds are guessed from the first rows and checked on every
//! cell: a column the fast reading does not cover (grouped thousands, percents, a decimal sign
//! that changes, codes written as numbers) is read again from the bytes and typed by the
//! reference path. The table is the one [`super::parse`] then [`infer::build`] give, sooner.
//!
//! ```
//! use carnet::engine::read::workspace::Workspace;
//! use carnet::engine::table::Cell;
//! let mut file = String::from("CODGEO;P21_POP;TP60\n");
//! for i in 0..30_000 { file.push_str(&format!("{:05};{};{},{}\n", 1000 + i, i, i % 40, i % 10)); }
//! let ws = Workspace::load("f.csv", file.as_bytes(), &mut ()).unwrap();
//! assert_eq!(ws.table().column("TP60").unwrap().cell(12), Cell::Decimal(12.2, 1));
//! ```

use super::decode::{self, Encoding};
use super::dialect::{Dialect, Separator};
use super::infer::{self, Inference, tally::Tally};
use super::layout::Layout;
use super::parse::{Parsed, RawColumn, SetAside};
use super::scan::Rows;
use super::stream::{Head, Stream};
use super::{ReadOptions, SAMPLE_ROWS};
use crate::engine::progress::Progress;
use crate::engine::table::{CodeKind, Column, ColumnKind, DecimalSign, Marker, Table};
use csv_core::{ReadRecordResult, ReaderBuilder};
use std::borrow::Cow;

/// Bytes fed to the scan between two progress reports.
const CHUNK: usize = 1 << 20;

/// A whole table read, with what was found on the way.
pub(crate) struct Whole {
    pub dialect: Dialect,
    pub layout: Layout,
    pub table: Table,
    pub inferences: Vec<Inference>,
    /// Physical line of each row of the table.
    pub lines: Vec<u64>,
    /// Data rows in the file (more than the table's when it holds some communes' only).
    pub rows: usize,
    pub set_aside: Vec<SetAside>,
}

/// Reads the whole table of `bytes`, or `None` when this path does not apply (see
/// [`Typing::start`]; quotes the scan and the parser would count apart): the reference path
/// then reads the file.
pub(crate) fn read(
    bytes: &[u8],
    encoding: Encoding,
    options: ReadOptions,
    progress: &mut dyn Progress,
) -> Option<Whole> {
    let mut typing = Typing::start(bytes, bytes.len() as u64, encoding, options)?;
    for chunk in bytes.chunks(CHUNK) {
        typing.feed(chunk, progress);
    }
    typing.finish(bytes)
}

/// A whole read under way, fed the file's bytes as they come: a file is typed while the
/// browser is still reading it.
pub(crate) struct Typing {
    stream: Stream<Columns>,
    header: Vec<String>,
    encoding: Encoding,
    options: ReadOptions,
}

impl Typing {
    /// Prepares to read a file of `size` bytes whose first bytes are `head`; `None` when this
    /// path does not apply: see [`Head::read`]; a decimal sign the user chose; a file over 4 GB.
    pub(crate) fn start(head: &[u8], size: u64, encoding: Encoding, options: ReadOptions) -> Option<Self> {
        if options.decimal.is_some() || size > u64::from(u32::MAX) {
            return None;
        }
        let head = Head::read(head, size, encoding, options)?;
        let sample = head.sample();
        let guesses = infer::columns(&sample.header, &sample.columns, None);
        let header = head.header.clone();
        // Room for the rows the head's row length foretells (a tenth more), never more than
        // twice the file's size in values whatever the head says.
        let size = size as usize;
        let head_bytes: usize = head.records.iter().skip(1).map(|(_, r)| r.len() + 2).sum();
        let head_rows = head.records.len().saturating_sub(1) as f64;
        let expected = (size as f64 / head_bytes.max(1) as f64 * head_rows * 1.1) as usize;
        let expected = expected.min(size / (4 * header.len().max(1)));
        let columns = Columns::typing(&sample, &guesses, expected, head.dialect.separator, text_encoding(encoding));
        let stream = Stream::with(head, encoding, options, &[], columns);
        Some(Self { stream, header, encoding, options })
    }

    /// Takes the next chunk of the file (chunks come in order, from its first byte).
    pub(crate) fn feed(&mut self, chunk: &[u8], progress: &mut dyn Progress) {
        self.stream.feed(chunk, progress);
    }

    /// The encoding read with.
    pub(crate) fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Ends the read, every chunk fed; `bytes`, the whole file, is read again for the columns
    /// the tallies could not type. `None` when quotes made the scan and the parser disagree.
    pub(crate) fn finish(self, bytes: &[u8]) -> Option<Whole> {
        let Self { stream, header, encoding, options } = self;
        let (dialect, layout, scanner) = stream.end();
        let (rows, set_aside, columns) = (scanner.rows, scanner.set_aside, scanner.sink);
        if columns.odd {
            return None;
        }
        let text = text_encoding(encoding);
        let Columns { builders, lines, .. } = columns;
        let refetch = |wanted: &[usize]| -> Option<Vec<RawColumn>> {
            let head = Head::read(bytes, bytes.len() as u64, encoding, options)?;
            let columns = Columns::picking(header.len(), wanted, head.dialect.separator, text);
            let (.., columns) = scan(bytes, head, encoding, options, columns, &mut ());
            let mut builders = columns.builders;
            Some(wanted.iter().map(|&c| std::mem::replace(&mut builders[c], Builder::Skip).into_raw(text)).collect())
        };
        let (table_columns, inferences) = type_columns(&header, builders, text, refetch)?;
        let table = Table::try_new(table_columns, rows).ok()?;
        Some(Whole { dialect, layout, table, inferences, lines, rows, set_aside })
    }
}

/// Scans the table `head` found in `bytes` into `columns`: the dialect, the layout (footnotes
/// found), the rows of the right width and the rows set aside.
fn scan(
    bytes: &[u8],
    head: Head,
    encoding: Encoding,
    options: ReadOptions,
    columns: Columns,
    progress: &mut dyn Progress,
) -> (Dialect, Layout, usize, Vec<SetAside>, Columns) {
    let mut stream = Stream::with(head, encoding, options, &[], columns);
    for chunk in bytes.chunks(CHUNK) {
        stream.feed(chunk, progress);
    }
    let (dialect, layout, scanner) = stream.end();
    (dialect, layout, scanner.rows, scanner.set_aside, scanner.sink)
}

/// Decides every column's kind (as [`infer::columns`] would on the whole text) and builds it.
/// `refetch` reads the raw text of some columns again, for those the tallies could not type.
fn type_columns(
    header: &[String],
    builders: Vec<Builder>,
    text: Encoding,
    refetch: impl Fn(&[usize]) -> Option<Vec<RawColumn>>,
) -> Option<(Vec<Column>, Vec<Inference>)> {
    let mut builders: Vec<Builder> = builders.into_iter().map(|b| b.finish(text)).collect();
    // The tallies that cannot tell are read again as text.
    let undecided: Vec<usize> = (0..builders.len())
        .filter(|&c| matches!(&builders[c], Builder::Numbers(t) if t.inference(&header[c], None).is_none()))
        .collect();
    if !undecided.is_empty() {
        for (c, raw) in undecided.iter().zip(refetch(&undecided)?) {
            builders[*c] = Builder::Raw(raw);
        }
    }
    let first_of = |c: usize, hint| match &builders[c] {
        Builder::Numbers(t) => t.inference(&header[c], hint),
        Builder::Raw(raw) => Some(infer::column(&header[c], raw, hint)),
        Builder::Text { .. } | Builder::Skip => None,
    };
    let first: Vec<Inference> = (0..builders.len()).map(|c| first_of(c, None)).collect::<Option<_>>()?;
    let inferences: Vec<Inference> = match infer::hint(&first) {
        Some(hint) => first
            .iter()
            .enumerate()
            .map(|(c, i)| if i.ambiguous_sign { first_of(c, Some(hint)) } else { Some(*i) })
            .collect::<Option<_>>()?,
        None => first,
    };
    // A tally whose values were parsed with another sign than the one decided: read again.
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(builders.len());
    let mut again = Vec::new();
    for (c, (builder, inference)) in builders.into_iter().zip(&inferences).enumerate() {
        let name = header[c].clone();
        columns.push(match builder {
            Builder::Numbers(t) => t.column(name, inference),
            Builder::Raw(raw) => Some(infer::build::column(name, inference, &raw)),
            Builder::Text { .. } | Builder::Skip => None,
        });
        if columns[c].is_none() {
            again.push(c);
        }
    }
    if !again.is_empty() {
        for (c, raw) in again.iter().zip(refetch(&again)?) {
            columns[*c] = Some(infer::build::column(header[*c].clone(), &inferences[*c], &raw));
        }
    }
    Some((columns.into_iter().collect::<Option<_>>()?, inferences))
}

/// The encoding of the text after any byte-order mark.
fn text_encoding(encoding: Encoding) -> Encoding {
    if encoding == Encoding::Utf8Bom { Encoding::Utf8 } else { encoding }
}

/// One column being filled.
#[derive(Debug)]
enum Builder {
    /// A column of numbers, typed as it comes.
    Numbers(Tally),
    /// A column kept as text: the cells' bytes back to back, and where each ends.
    Text { bytes: Vec<u8>, ends: Vec<u32> },
    /// Text decoded, to be typed by the reference path.
    Raw(RawColumn),
    /// Not wanted.
    Skip,
}

impl Builder {
    /// Takes the cell at `at` in `record` (up to the next `sep`); returns where the next starts.
    fn take(&mut self, record: &[u8], at: usize, sep: u8, text: Encoding) -> usize {
        if let Self::Numbers(tally) = self {
            return tally.take(record, at, sep, &|b| decode::decode(b, text));
        }
        let end = memchr::memchr(sep, &record[at.min(record.len())..]).map_or(record.len(), |i| at + i);
        self.push(&record[at.min(end)..end], text);
        end + 1
    }

    fn push(&mut self, cell: &[u8], text: Encoding) {
        match self {
            Self::Numbers(tally) => tally.push(cell, &|b| decode::decode(b, text)),
            Self::Text { bytes, ends } => {
                bytes.extend_from_slice(cell);
                ends.push(bytes.len() as u32);
            }
            Self::Raw(_) | Self::Skip => {}
        }
    }

    /// Text decoded; numbers left as they are.
    fn finish(self, text: Encoding) -> Self {
        match self {
            Self::Text { .. } => Self::Raw(self.into_raw(text)),
            other => other,
        }
    }

    /// The cells of a text column, decoded.
    fn into_raw(self, text: Encoding) -> RawColumn {
        let Self::Text { bytes, ends } = self else { return RawColumn::default() };
        let utf8 = matches!(text, Encoding::Utf8 | Encoding::MixedUtf8);
        if bytes.is_ascii() || (utf8 && std::str::from_utf8(&bytes).is_ok()) {
            let offsets = std::iter::once(0).chain(ends.iter().map(|&e| e as usize)).collect();
            // Checked just above.
            let text = String::from_utf8(bytes).unwrap_or_default();
            return RawColumn { text, offsets };
        }
        let mut start = 0;
        let cells: Vec<Cow<'_, str>> = ends
            .iter()
            .map(|&end| {
                let cell = decode::decode(&bytes[start..end as usize], text);
                start = end as usize;
                cell
            })
            .collect();
        RawColumn::from_cells(cells.iter().map(AsRef::as_ref))
    }
}

/// The rows' cells, column by column.
#[derive(Debug)]
struct Columns {
    sep: u8,
    text: Encoding,
    builders: Vec<Builder>,
    lines: Vec<u64>,
    /// A quoted row the parser splits into another number of fields than the scan counted.
    odd: bool,
    /// Fields of a quoted row, back to back, and where each ends.
    scratch: (Vec<u8>, Vec<usize>),
}

impl Columns {
    /// Columns typed as they come: numbers where the first rows show numbers (and no header
    /// announces codes), text elsewhere.
    /// `rows` is the rows expected.
    fn typing(sample: &Parsed, guesses: &[Inference], rows: usize, separator: Separator, text: Encoding) -> Self {
        let header = &sample.header;
        let builders = header
            .iter()
            .zip(guesses)
            .zip(&sample.columns)
            .map(|((name, guess), cells)| {
                let coded = CodeKind::from_header(name).is_some() || CodeKind::generic_header(name);
                // A column of secrets at first may hold numbers further on.
                let markers = || cells.iter().all(|c| Marker::of(c).is_some_and(|_| !Marker::numeric_only(c)));
                match guess.kind {
                    _ if coded => Builder::Text { bytes: Vec::new(), ends: Vec::new() },
                    ColumnKind::Decimal(sign) => Builder::Numbers(Tally::new(sign, rows)),
                    ColumnKind::Integer | ColumnKind::Year => {
                        Builder::Numbers(Tally::new(guess.sign.unwrap_or(DecimalSign::Comma), rows))
                    }
                    ColumnKind::Text if markers() => Builder::Numbers(Tally::new(DecimalSign::Comma, rows)),
                    _ => Builder::Text { bytes: Vec::new(), ends: Vec::new() },
                }
            })
            .collect();
        Self::with(builders, separator, text)
    }

    /// Only the columns `wanted`, as text.
    fn picking(width: usize, wanted: &[usize], separator: Separator, text: Encoding) -> Self {
        let builders = (0..width)
            .map(|c| {
                if wanted.contains(&c) { Builder::Text { bytes: Vec::new(), ends: Vec::new() } } else { Builder::Skip }
            })
            .collect();
        Self::with(builders, separator, text)
    }

    fn with(builders: Vec<Builder>, separator: Separator, text: Encoding) -> Self {
        Self {
            sep: separator.byte(),
            text,
            builders,
            lines: Vec::with_capacity(SAMPLE_ROWS),
            odd: false,
            scratch: (Vec::new(), Vec::new()),
        }
    }

    /// Splits a row holding quotes as the reference parser does (`csv-core`).
    fn quoted(&mut self, record: &[u8]) {
        let (out, ends) = &mut self.scratch;
        out.resize(record.len().max(1), 0);
        ends.resize(self.builders.len() + 1, 0);
        let mut reader = ReaderBuilder::new().delimiter(self.sep).build();
        let (mut pos, mut outlen, mut endlen) = (0, 0, 0);
        loop {
            let (result, nin, nout, nend) = reader.read_record(&record[pos..], &mut out[outlen..], &mut ends[endlen..]);
            (pos, outlen, endlen) = (pos + nin, outlen + nout, endlen + nend);
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::Record | ReadRecordResult::End => break,
                // More fields than the scan counted, or than the record's length allows.
                ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {
                    self.odd = true;
                    return;
                }
            }
        }
        if endlen != self.builders.len() {
            self.odd = true;
            return;
        }
        let mut start = 0;
        for (builder, &end) in self.builders.iter_mut().zip(&ends[..endlen]) {
            builder.push(&out[start..end], self.text);
            start = end;
        }
    }
}

impl Rows for Columns {
    fn row(&mut self, line: u64, record: &[u8], quoted: bool) {
        self.lines.push(line);
        if quoted {
            return self.quoted(record);
        }
        let mut at = 0;
        for builder in &mut self.builders {
            at = builder.take(record, at, self.sep, self.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::read::workspace::Workspace;
    use crate::engine::table::{Cell, Marker};

    /// Reads `text` (in Windows-1252) by both paths, checks the whole path applied and gave
    /// what the reference path gives; returns the table.
    fn same(text: &str) -> Table {
        let bytes = encoding_rs::WINDOWS_1252.encode(text).0.into_owned();
        let encoding = decode::detect(&bytes).unwrap();
        let whole = read(&bytes, encoding, ReadOptions::default(), &mut ()).expect("the whole path applies");
        let reference = Workspace::load_parsed("f.csv", &bytes, ReadOptions::default()).unwrap();
        let kinds = |i: &[Inference]| i.iter().map(|i| (i.kind, i.repaired, i.odd)).collect::<Vec<_>>();
        let detected: Vec<_> = reference.detection().columns.iter().map(|c| (c.kind, c.repaired, c.odd)).collect();
        assert_eq!(kinds(&whole.inferences), detected);
        let (a, b) = (&whole.table, reference.table());
        for (x, y) in a.columns().iter().zip(b.columns()) {
            assert_eq!((x.name(), x.kind(), x.decimals()), (y.name(), y.kind(), y.decimals()));
            for r in 0..b.rows() {
                assert_eq!(x.cell(r), y.cell(r), "{} row {r}", x.name());
            }
        }
        assert_eq!(whole.lines, reference.lines());
        whole.table
    }

    fn file(header: &str, rows: usize, row: impl Fn(usize) -> String) -> String {
        let mut text = format!("{header}\r\n");
        (0..rows).for_each(|r| text.push_str(&format!("{}\r\n", row(r))));
        text
    }

    #[test]
    fn numbers_markers_and_text_are_typed_as_they_come() {
        let t = same(&file("CODGEO;LIBGEO;NB;TP;X", 3_000, |r| {
            format!("{:05};Commune é {r};{r};{},{};{}", 1000 + r, r % 50, r % 7, if r % 3 == 0 { "s" } else { "-9999" })
        }));
        assert_eq!(t.column("TP").unwrap().cell(8), Cell::Decimal(8.1, 1));
        assert_eq!(t.column("X").unwrap().cell(0), Cell::Missing(Marker::Secret));
        assert_eq!(t.column("LIBGEO").unwrap().cell(2), Cell::Text("Commune é 2"));
    }

    #[test]
    fn a_late_cell_the_fast_reading_does_not_cover_sends_its_column_to_the_reference_path() {
        // Grouped thousands, a percent, a word, a point after commas, three decimals, a lost
        // zero (codes by value), a year column that stops being years: all after the sample.
        same(&file("CODGEO;A;B;C;D;E;F;an", 3_000, |r| {
            let late = r > 2_500;
            format!(
                "{:05};{};{};{};{};{};{};{}",
                1000 + r,
                if late && r % 97 == 0 { "29 440".to_owned() } else { r.to_string() },
                if late && r % 89 == 0 { "12,5 %".to_owned() } else { format!("{},5", r % 9) },
                if r == 2_999 { "n/c?".to_owned() } else { (r % 13).to_string() },
                if late && r % 7 == 0 { format!("{}.25", r) } else { format!("{},5", r % 5) },
                if late { format!("1,{:03}", r % 1000) } else { format!("{}", r % 11) },
                if r == 2_998 { "0123".to_owned() } else { format!("{}", 100 + r) },
                if r == 2_999 { "3000".to_owned() } else { format!("{}", 1900 + r % 100) },
            )
        }));
    }

    #[test]
    fn quoted_fields_and_set_aside_rows() {
        same(&file("CODGEO;NOM;TP", 2_000, |r| match r % 400 {
            7 => format!("{:05};\"Saint-Denis; La Réunion\";\"22,6\"", 1000 + r),
            8 => format!("{:05};trop;de;champs", 1000 + r),
            9 => format!("{:05};\"ligne\r\ncoupée\";1,5", 1000 + r),
            _ => format!("{:05};Nom {r};{},{}", 1000 + r, r % 30, r % 10),
        }));
    }

    #[test]
    fn ambiguous_columns_follow_the_file_as_on_the_whole_text() {
        same(&file("CODGEO;AMB;DEC", 2_000, |r| format!("{:05};1,{:03};{}.5", 1000 + r, r % 1000, r)));
        same(&file("CODGEO;AMB;DEC", 2_000, |r| format!("{:05};1,{:03};{},5", 1000 + r, r % 1000, r)));
    }

    #[test]
    fn titles_footnotes_and_an_all_secret_start() {
        let mut text = String::from("Revenus 2021\r\nSource : Insee\r\n\r\n");
        text.push_str(&file("CODGEO;MED", 3_000, |r| {
            format!("{:05};{}", 1000 + r, if r < 1_500 { "s".to_owned() } else { r.to_string() })
        }));
        text.push_str("\r\nNote : s = secret statistique\r\n");
        same(&text);
    }
}
