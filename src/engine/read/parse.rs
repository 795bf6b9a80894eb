//! Fields out of the text: a `csv-core` driver that fills one compact buffer per column.
//!
//! Rows whose field count differs from the header's are set aside with their line and
//! reason, never dropped: rows read = rows kept + rows set aside.
//!
//! ```
//! use carnet::engine::read::{dialect::Separator, parse};
//! let p = parse::parse("CODGEO;MED\n01001;24820\n01002\n", 1, Separator::Semicolon, &mut ());
//! assert_eq!(p.header, ["CODGEO", "MED"]);
//! assert_eq!(p.columns[1].get(0), "24820");
//! assert_eq!(p.set_aside[0].line, 3);
//! ```

use crate::engine::progress::Progress;
use crate::engine::read::dialect::Separator;
use csv_core::{ReadRecordResult, ReaderBuilder};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// One column's raw text: all cells in one buffer, Arrow-style offsets between them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawColumn {
    /// The cells, back to back.
    pub text: String,
    /// `offsets[i]..offsets[i + 1]` is cell `i`; starts with 0.
    pub offsets: Vec<usize>,
}

/// A column being filled: bytes first, checked as UTF-8 once at the end.
#[derive(Clone, Debug)]
struct ColumnBuilder {
    bytes: Vec<u8>,
    offsets: Vec<usize>,
}

impl ColumnBuilder {
    fn new() -> Self {
        Self { bytes: Vec::new(), offsets: vec![0] }
    }

    fn push(&mut self, cell: &[u8]) {
        self.bytes.extend_from_slice(cell);
        self.offsets.push(self.bytes.len());
    }

    /// Cells are cut from a `&str` at ASCII separators and quotes, so the buffer is UTF-8;
    /// were it not, each cell is repaired on its own rather than trusted.
    fn finish(self) -> RawColumn {
        match String::from_utf8(self.bytes) {
            Ok(text) => RawColumn { text, offsets: self.offsets },
            Err(e) => {
                let bytes = e.into_bytes();
                let cells: Vec<_> =
                    self.offsets.windows(2).map(|w| String::from_utf8_lossy(&bytes[w[0]..w[1]])).collect();
                RawColumn::from_cells(cells.iter().map(|c| c.as_ref()))
            }
        }
    }
}

impl RawColumn {
    fn new() -> Self {
        Self { text: String::new(), offsets: vec![0] }
    }

    fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.offsets.push(self.text.len());
    }

    /// A column of the given cells (for tests and examples).
    pub fn from_cells<'a>(cells: impl IntoIterator<Item = &'a str>) -> Self {
        let mut column = Self::new();
        for cell in cells {
            column.push(cell);
        }
        column
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Whether the column has no cell.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Cell `i`.
    ///
    /// # Panics
    /// If `i` is out of bounds.
    pub fn get(&self, i: usize) -> &str {
        &self.text[self.offsets[i]..self.offsets[i + 1]]
    }

    /// Iterates over the cells.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// Why a row was set aside.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum SetAsideReason {
    /// The row has more or fewer fields than the header.
    FieldCount {
        /// Fields in the header.
        expected: usize,
        /// Fields in the row.
        found: usize,
    },
    /// A quote opened on this line is never closed: the row swallowed the lines after it.
    UnclosedQuote {
        /// Physical lines the row spans.
        spans: u64,
    },
}

/// A row that could not be kept, with where it was and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAside {
    /// The row's first physical line in the file, from 1.
    pub line: u64,
    /// Why it was set aside.
    pub reason: SetAsideReason,
    /// The row's text, cut to [`SetAside::MAX_TEXT`] bytes.
    pub text: String,
}

impl SetAside {
    /// How much of a set-aside row's text is kept.
    pub const MAX_TEXT: usize = 2_000;
}

/// A parsed table of raw text cells.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Column names as written in the header (trimmed, made unique and non-empty).
    pub header: Vec<String>,
    /// One raw column per header field, all of the same length.
    pub columns: Vec<RawColumn>,
    /// Physical line (from 1) of each kept row.
    pub lines: Vec<u64>,
    /// Rows set aside, in file order.
    pub set_aside: Vec<SetAside>,
}

impl Parsed {
    /// Number of rows kept.
    pub fn rows(&self) -> usize {
        self.lines.len()
    }
}

/// Bytes of text between two progress reports.
const CHUNK: usize = 1 << 20;

/// Parses `table` (header first), whose first line is physical line `first_line` of the file.
pub fn parse(table: &str, first_line: u64, separator: Separator, progress: &mut dyn Progress) -> Parsed {
    let mut parsed = Builder::default();
    let input = table.as_bytes();
    let mut from = 0;
    let mut line = first_line;
    // A quote never closed swallows the rest of the file: its line is set aside and the
    // lines after it are read again on their own.
    while let Some((rest, rest_line)) = run(&mut parsed, &input[from..], line, separator, progress) {
        from += rest;
        line = rest_line;
    }
    progress.report(input.len() as u64, input.len() as u64, parsed.rows() as u64);
    parsed.finish()
}

/// Parses `input` into `parsed`; when the last record holds a quote never closed, sets its
/// first line aside and returns where the next line starts, with its physical line.
fn run(
    parsed: &mut Builder,
    input: &[u8],
    first_line: u64,
    separator: Separator,
    progress: &mut dyn Progress,
) -> Option<(usize, u64)> {
    let mut reader = ReaderBuilder::new().delimiter(separator.byte()).build();
    let newline = if memchr::memchr(b'\n', input).is_some() { b'\n' } else { b'\r' };
    let mut out = vec![0u8; 4096];
    let mut ends = vec![0usize; 64];
    let (mut pos, mut outlen, mut endlen) = (0usize, 0usize, 0usize);
    let mut record_start = 0usize;
    let mut lines = LineCounter { newline, counted: 0, line: first_line };
    let mut next_report = CHUNK;
    loop {
        // Past the end, an empty input tells csv-core to finish the last record, then `End`.
        let chunk = &input[pos..((pos / CHUNK + 1) * CHUNK).min(input.len())];
        let at_end = chunk.is_empty();
        let (result, nin, nout, nend) = reader.read_record(chunk, &mut out[outlen..], &mut ends[endlen..]);
        pos += nin;
        outlen += nout;
        endlen += nend;
        match result {
            ReadRecordResult::InputEmpty if !at_end => {
                if pos >= next_report {
                    progress.report(pos as u64, input.len() as u64, parsed.rows() as u64);
                    next_report = pos + CHUNK;
                }
            }
            ReadRecordResult::OutputFull => out.resize(out.len() * 2, 0),
            ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            ReadRecordResult::Record => {
                let raw = &input[record_start..pos];
                // csv-core skips line endings and blank lines before a record.
                let content = record_start + raw.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
                let line = lines.at(input, content);
                let record = &input[content..pos];
                let unclosed = memchr::memchr_iter(b'"', record).count() % 2 == 1;
                if unclosed && parsed.header.is_some() {
                    let first = memchr::memchr(newline, record).map_or(record.len(), |i| i + 1);
                    parsed.set_aside(line, &record[..first], SetAsideReason::UnclosedQuote { spans: 1 });
                    return (content + first < input.len()).then_some((content + first, line + 1));
                }
                parsed.accept(&out[..outlen], &ends[..endlen], record, line);
                record_start = pos;
                outlen = 0;
                endlen = 0;
            }
            ReadRecordResult::InputEmpty | ReadRecordResult::End => return None,
        }
    }
}

/// Parses records already split apart (header first), each with its physical line: the
/// territory-first path hands over only the rows it keeps.
pub fn parse_records<'a>(records: impl IntoIterator<Item = (u64, &'a str)>, separator: Separator) -> Parsed {
    let mut reader = ReaderBuilder::new().delimiter(separator.byte()).build();
    let mut out = vec![0u8; 4096];
    let mut ends = vec![0usize; 64];
    let mut parsed = Builder::default();
    for (line, record) in records {
        let input = record.as_bytes();
        reader.reset();
        let (mut pos, mut outlen, mut endlen) = (0usize, 0usize, 0usize);
        loop {
            let (result, nin, nout, nend) = reader.read_record(&input[pos..], &mut out[outlen..], &mut ends[endlen..]);
            pos += nin;
            outlen += nout;
            endlen += nend;
            match result {
                ReadRecordResult::OutputFull => out.resize(out.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::Record => {
                    parsed.accept(&out[..outlen], &ends[..endlen], input, line);
                    break;
                }
                ReadRecordResult::End => break,
            }
        }
    }
    parsed.finish()
}

/// Physical line numbers, counted lazily up to each record's first byte.
struct LineCounter {
    newline: u8,
    counted: usize,
    line: u64,
}

impl LineCounter {
    /// The physical line of byte `offset`; offsets must not decrease between calls.
    fn at(&mut self, input: &[u8], offset: usize) -> u64 {
        self.line += memchr::memchr_iter(self.newline, &input[self.counted..offset]).count() as u64;
        self.counted = offset;
        self.line
    }
}

/// A parse under way.
#[derive(Default)]
struct Builder {
    header: Option<Vec<String>>,
    columns: Vec<ColumnBuilder>,
    lines: Vec<u64>,
    set_aside: Vec<SetAside>,
}

impl Builder {
    fn rows(&self) -> usize {
        self.lines.len()
    }

    /// Takes one record: the first becomes the header, the others rows or set-aside rows.
    fn accept(&mut self, out: &[u8], ends: &[usize], raw: &[u8], line: u64) {
        let fields = ends.iter().scan(0, |start, &end| {
            let field = &out[*start..end];
            *start = end;
            Some(field)
        });
        if self.header.is_none() {
            let header = unique_names(fields.map(|f| String::from_utf8_lossy(f).trim().to_owned()));
            self.columns = vec![ColumnBuilder::new(); header.len()];
            self.header = Some(header);
            return;
        }
        let width = self.columns.len();
        // Quotes come in pairs, escaped ones too: an odd count means one never closed.
        let unclosed = memchr::memchr_iter(b'"', raw).count() % 2 == 1;
        if ends.len() == width && !unclosed {
            for (column, field) in self.columns.iter_mut().zip(fields) {
                column.push(field);
            }
            self.lines.push(line);
            return;
        }
        let reason = if unclosed {
            SetAsideReason::UnclosedQuote { spans: memchr::memchr_iter(b'\n', trim_line_end(raw)).count() as u64 + 1 }
        } else {
            SetAsideReason::FieldCount { expected: width, found: ends.len() }
        };
        self.set_aside(line, raw, reason);
    }

    /// Sets a row aside with its line and reason, keeping the start of its text.
    fn set_aside(&mut self, line: u64, raw: &[u8], reason: SetAsideReason) {
        let text = trim_line_end(raw);
        let cut = floor_char_boundary(text, SetAside::MAX_TEXT);
        self.set_aside.push(SetAside { line, reason, text: String::from_utf8_lossy(&text[..cut]).into_owned() });
    }

    fn finish(self) -> Parsed {
        Parsed {
            header: self.header.unwrap_or_default(),
            columns: self.columns.into_iter().map(ColumnBuilder::finish).collect(),
            lines: self.lines,
            set_aside: self.set_aside,
        }
    }
}

fn trim_line_end(raw: &[u8]) -> &[u8] {
    let end = raw.iter().rposition(|b| !matches!(b, b'\r' | b'\n')).map_or(0, |i| i + 1);
    &raw[..end]
}

fn floor_char_boundary(text: &[u8], max: usize) -> usize {
    let mut cut = text.len().min(max);
    while cut < text.len() && cut > 0 && (text[cut] & 0xC0) == 0x80 {
        cut -= 1;
    }
    cut
}

/// Header names: blanks become `colonne_N` (N from 1), repeats get `_2`, `_3`… In time linear
/// in the number of names, whatever they are (a header of 100,000 columns, or of one name
/// repeated, must not hold the tab).
fn unique_names(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    // The next suffix to try for each repeated name.
    let mut next: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<String> = Vec::new();
    for (i, name) in names.enumerate() {
        let base = if name.is_empty() { format!("colonne_{}", i + 1) } else { name };
        let mut candidate = base.clone();
        if taken.contains(&candidate) {
            let n = next.entry(base.clone()).or_insert(2);
            loop {
                candidate = format!("{base}_{n}");
                *n += 1;
                if !taken.contains(&candidate) {
                    break;
                }
            }
        }
        taken.insert(candidate.clone());
        out.push(candidate);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Parsed {
        parse(text, 1, Separator::Semicolon, &mut ())
    }

    fn cells(p: &Parsed) -> Vec<Vec<&str>> {
        (0..p.rows()).map(|r| p.columns.iter().map(|c| c.get(r)).collect()).collect()
    }

    #[test]
    fn reads_rows_and_lines() {
        let p = parse_str("CODGEO;MED20\r\n01001;24820\r\n01002;s\r\n");
        assert_eq!(p.header, ["CODGEO", "MED20"]);
        assert_eq!(cells(&p), [["01001", "24820"], ["01002", "s"]]);
        assert_eq!(p.lines, [2, 3]);
    }

    #[test]
    fn quoted_fields_and_escaped_quotes() {
        let p = parse_str("nom;note\n\"Saint-Denis; La Réunion\";\"dit \"\"ok\"\"\"\n");
        assert_eq!(cells(&p), [["Saint-Denis; La Réunion", "dit \"ok\""]]);
    }

    #[test]
    fn blank_lines_keep_line_numbers() {
        let p = parse_str("a;b\n\n1;2\n\n\n3;4\n");
        assert_eq!(p.lines, [3, 6]);
    }

    #[test]
    fn multiline_quoted_field_counts_its_lines() {
        let p = parse_str("a;b\n1;\"x\ny\"\n2;z\n");
        assert_eq!(cells(&p), [["1", "x\ny"], ["2", "z"]]);
        assert_eq!(p.lines, [2, 4]);
    }

    #[test]
    fn ragged_rows_are_set_aside_with_line_and_counts() {
        let p = parse_str("a;b;c\n1;2;3\n4;5\n6;7;8;9\n10;11;12");
        assert_eq!(p.rows(), 2);
        assert_eq!(
            p.set_aside.iter().map(|s| (s.line, s.reason.clone(), s.text.as_str())).collect::<Vec<_>>(),
            [
                (3, SetAsideReason::FieldCount { expected: 3, found: 2 }, "4;5"),
                (4, SetAsideReason::FieldCount { expected: 3, found: 4 }, "6;7;8;9"),
            ]
        );
    }

    #[test]
    fn unclosed_quote_sets_its_line_aside_and_the_rest_is_read() {
        let p = parse_str("a;b\n1;\"oops\n2;3\n4;5\n");
        assert_eq!(cells(&p), [["2", "3"], ["4", "5"]]);
        assert_eq!(p.lines, [3, 4]);
        assert_eq!(p.set_aside.len(), 1);
        assert_eq!((p.set_aside[0].line, p.set_aside[0].text.as_str()), (2, "1;\"oops"));
        assert_eq!(p.set_aside[0].reason, SetAsideReason::UnclosedQuote { spans: 1 });
    }

    #[test]
    fn unclosed_quote_at_the_start() {
        let p = parse_str("a;b\r\n\"1;x\r\n2;\"y\"\r\n\"3;z\r\n4;w\r\n");
        assert_eq!(cells(&p), [["2", "y"], ["4", "w"]]);
        assert_eq!(p.set_aside.iter().map(|s| s.line).collect::<Vec<_>>(), [2, 4]);
    }

    #[test]
    fn records_parse_like_text() {
        let records = [(1, "CODGEO;NOM"), (4, "59522;\"Sailly; lez\""), (9, "01001"), (10, "2A004;\"a\nb\"")];
        let p = parse_records(records, Separator::Semicolon);
        assert_eq!(cells(&p), [["59522", "Sailly; lez"], ["2A004", "a\nb"]]);
        assert_eq!(p.lines, [4, 10]);
        assert_eq!(p.set_aside[0].line, 9);
    }

    #[test]
    fn header_names_are_made_unique() {
        let p = parse_str("CODGEO; ;CODGEO\n1;2;3\n");
        assert_eq!(p.header, ["CODGEO", "colonne_2", "CODGEO_2"]);
    }

    #[test]
    fn large_input_reports_progress_and_keeps_every_row() {
        let mut text = String::from("CODGEO;MED\n");
        for i in 0..200_000 {
            text.push_str(&format!("{:05};{}\n", i % 100_000, i));
        }
        let mut reports = 0;
        let p = parse(&text, 1, Separator::Semicolon, &mut |_, _, _| reports += 1);
        assert_eq!(p.rows(), 200_000);
        assert_eq!(p.columns[1].get(199_999), "199999");
        assert!(reports > 2);
    }
}
