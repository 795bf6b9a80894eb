//! The territory-first path: when the commune is known before the file is read, every row is
//! split and counted on the raw bytes, but only the commune's rows (and a sample, for detection
//! and preview) are kept for decoding, parsing and typing. Rows of the wrong width are still
//! set aside with their line, so nothing is lost silently.
//!
//! A [`Scanner`] takes the bytes in chunks of any size (a record may straddle two chunks), so a
//! file larger than memory streams through it.
//!
//! Works on encodings where line breaks, quotes, separators and digits are single ASCII bytes
//! (UTF-8, Windows-1252), with `\n` or `\r\n` line endings.
//!
//! ```
//! use carnet::engine::read::dialect::Separator;
//! use carnet::engine::read::scan::{Kept, Scanner};
//! let kept = Kept::new(Separator::Semicolon, 0, &["59522".to_owned()], 1);
//! let mut s = Scanner::new(Separator::Semicolon, 2, 1, kept);
//! s.feed(b"CODGEO;MED\n01001;1\n595", &|b| String::from_utf8_lossy(b).into_owned());
//! s.feed(b"22;2\n01002;3\n", &|b| String::from_utf8_lossy(b).into_owned());
//! s.finish(&|b| String::from_utf8_lossy(b).into_owned());
//! assert_eq!(s.rows, 3);
//! assert_eq!(s.sink.kept, [(3, b"59522;2".to_vec())]);
//! assert_eq!(s.sink.sample, [(2, b"01001;1".to_vec())]);
//! ```

use crate::engine::read::dialect::{Separator, count_fields};
use crate::engine::read::parse::{SetAside, SetAsideReason};
use std::borrow::Cow;
use std::collections::HashSet;

/// A record: its first physical line (from 1) and its raw bytes, line ending excluded.
pub type Record = (u64, Vec<u8>);

/// What a [`Scanner`] does with each data row of the right width.
pub trait Rows {
    /// Takes the record of a data row (line ending excluded) that starts on physical `line`;
    /// `quoted` when it holds a double quote.
    fn row(&mut self, line: u64, record: &[u8], quoted: bool);
}

/// The territory-first rows: the first ones (a sample, for detection and preview) and those
/// whose code column holds one of the codes.
#[derive(Debug)]
pub struct Kept {
    sep: u8,
    column: usize,
    codes: HashSet<Vec<u8>>,
    sample_size: usize,
    /// The first data records.
    pub sample: Vec<Record>,
    /// The records of the focus (those in the sample included).
    pub kept: Vec<Record>,
}

impl Kept {
    /// Keeps `sample` first rows and those whose column `column` holds one of `codes`.
    pub fn new(separator: Separator, column: usize, codes: &[String], sample: usize) -> Self {
        Self {
            sep: separator.byte(),
            column,
            codes: codes.iter().map(|c| c.as_bytes().to_vec()).collect(),
            sample_size: sample,
            sample: Vec::new(),
            kept: Vec::new(),
        }
    }
}

impl Rows for Kept {
    fn row(&mut self, line: u64, record: &[u8], quoted: bool) {
        if self.sample.len() < self.sample_size {
            self.sample.push((line, record.to_vec()));
        }
        let code = field(record, self.sep, self.column, quoted);
        if self.codes.contains(code.trim_ascii()) {
            self.kept.push((line, record.to_vec()));
        }
    }
}

/// Splits records out of chunks of bytes, counts the rows, hands those of the right width to
/// its [`Rows`] and sets aside the others.
#[derive(Debug)]
pub struct Scanner<S = Kept> {
    sep: u8,
    width: usize,
    /// The physical line the next record starts on.
    line: u64,
    /// The start of a record the last chunk cut.
    carry: Vec<u8>,
    /// The header record.
    pub header: Option<Record>,
    /// Data rows of the right width, in all.
    pub rows: usize,
    /// Rows of the wrong width, their text decoded.
    pub set_aside: Vec<SetAside>,
    /// What is done with the rows.
    pub sink: S,
}

impl<S: Rows> Scanner<S> {
    /// A scanner for a table `width` fields wide whose first record (the header) is on
    /// physical line `first_line`, handing its rows to `sink`.
    pub fn new(separator: Separator, width: usize, first_line: u64, sink: S) -> Self {
        Self {
            sep: separator.byte(),
            width,
            line: first_line,
            carry: Vec::new(),
            header: None,
            rows: 0,
            set_aside: Vec::new(),
            sink,
        }
    }

    /// Takes the next chunk; `decode` turns a set-aside row's bytes into text.
    pub fn feed(&mut self, chunk: &[u8], decode: &dyn Fn(&[u8]) -> String) {
        let rest = if self.carry.is_empty() {
            chunk
        } else {
            match self.complete_carried(chunk, decode) {
                Some(rest) => rest,
                None => return,
            }
        };
        let used = self.records(rest, false, decode);
        self.carry.extend_from_slice(&rest[used..]);
    }

    /// Completes the record the last chunk's end cut with the start of `chunk`: the rest of
    /// `chunk`, or `None` when the record goes on past it (all of it is then carried). The
    /// record mostly ends at the chunk's first line break: only that line is copied, not the
    /// whole chunk; a record already over several lines (a quoted line break) takes it whole.
    fn complete_carried<'c>(&mut self, chunk: &'c [u8], decode: &dyn Fn(&[u8]) -> String) -> Option<&'c [u8]> {
        let mut carry = std::mem::take(&mut self.carry);
        if memchr::memchr(b'\n', &carry).is_none() {
            let line = memchr::memchr(b'\n', chunk).map_or(chunk.len(), |i| i + 1);
            carry.extend_from_slice(&chunk[..line]);
            let used = self.records(&carry, false, decode);
            carry.drain(..used);
            if carry.is_empty() {
                self.carry = carry;
                return Some(&chunk[line..]);
            }
            carry.extend_from_slice(&chunk[line..]);
        } else {
            carry.extend_from_slice(chunk);
        }
        let used = self.records(&carry, false, decode);
        carry.drain(..used);
        self.carry = carry;
        None
    }

    /// Ends the input: a last record without a line break, or with a quote never closed,
    /// is taken as it is.
    pub fn finish(&mut self, decode: &dyn Fn(&[u8]) -> String) {
        let rest = std::mem::take(&mut self.carry);
        self.records(&rest, true, decode);
    }

    /// Takes the whole records of `bytes` (all of them when `last`); returns the bytes used.
    fn records(&mut self, bytes: &[u8], last: bool, decode: &dyn Fn(&[u8]) -> String) -> usize {
        let mut pos = 0;
        while let Some(r) = next_record(bytes, pos, last) {
            if !r.record.trim_ascii().is_empty() {
                self.take(self.line, r.record, r.quotes, decode);
            }
            self.line += r.lines;
            pos = r.next;
        }
        pos
    }

    fn take(&mut self, line: u64, record: &[u8], quotes: usize, decode: &dyn Fn(&[u8]) -> String) {
        if self.header.is_none() {
            self.header = Some((line, record.to_vec()));
            return;
        }
        let fields =
            if quotes > 0 { count_fields(record, self.sep) } else { memchr::memchr_iter(self.sep, record).count() + 1 };
        if fields != self.width || quotes % 2 == 1 {
            self.set_aside.push(set_aside(line, record, self.width, fields, quotes % 2 == 1, decode));
            return;
        }
        self.rows += 1;
        self.sink.row(line, record, quotes > 0);
    }
}

fn set_aside(
    line: u64,
    record: &[u8],
    width: usize,
    found: usize,
    unclosed: bool,
    decode: &dyn Fn(&[u8]) -> String,
) -> SetAside {
    let spans = memchr::memchr_iter(b'\n', record).count() as u64 + 1;
    let reason = if unclosed || spans > 1 {
        SetAsideReason::UnclosedQuote { spans }
    } else {
        SetAsideReason::FieldCount { expected: width, found }
    };
    let mut text = decode(&record[..record.len().min(SetAside::MAX_TEXT)]);
    text.truncate(text.trim_end_matches('\u{FFFD}').len());
    SetAside { line, reason, text }
}

/// Field `index` of a record, its quotes removed (borrowed when it has none).
fn field(record: &[u8], sep: u8, index: usize, quoted: bool) -> Cow<'_, [u8]> {
    if !quoted {
        return Cow::Borrowed(record.split(|&b| b == sep).nth(index).unwrap_or_default());
    }
    let mut current = Vec::new();
    let mut n = 0;
    let mut in_quotes = false;
    let mut i = 0;
    while i < record.len() {
        match record[i] {
            b'"' if in_quotes && record.get(i + 1) == Some(&b'"') => {
                current.push(b'"');
                i += 1;
            }
            b'"' => in_quotes = !in_quotes,
            b if b == sep && !in_quotes => {
                if n == index {
                    return Cow::Owned(current);
                }
                n += 1;
                current.clear();
            }
            b => current.push(b),
        }
        i += 1;
    }
    Cow::Owned(if n == index { current } else { Vec::new() })
}

/// One record found in a buffer.
struct Found<'a> {
    /// Its bytes, line ending excluded.
    record: &'a [u8],
    /// Double quotes in it.
    quotes: usize,
    /// Physical lines it spans, its line ending included.
    lines: u64,
    /// Where the next record starts.
    next: usize,
}

/// The record starting at `pos`: lines are joined while a quote is open. Without `last`, a
/// record the buffer's end may cut is not returned.
fn next_record(bytes: &[u8], pos: usize, last: bool) -> Option<Found<'_>> {
    if pos >= bytes.len() {
        return None;
    }
    let (mut p, mut quotes, mut lines) = (pos, 0, 0);
    let mut first_end = None;
    let end = loop {
        let (line_end, next) = match memchr::memchr(b'\n', &bytes[p..]) {
            Some(i) => (p + i, p + i + 1),
            None if last => (bytes.len(), bytes.len()),
            None => return None,
        };
        quotes += memchr::memchr_iter(b'"', &bytes[p..line_end]).count();
        first_end.get_or_insert((line_end, next));
        p = next;
        lines += 1;
        if quotes % 2 == 0 {
            break line_end;
        }
        // A quote never closed (by the end, or within many lines): its first line alone is
        // the record, set aside; the lines after it are read on their own.
        if (p >= bytes.len() && last) || lines >= MAX_RECORD_LINES {
            let (first, next) = first_end.unwrap_or((line_end, next));
            let record = &bytes[pos..first];
            let record = record.strip_suffix(b"\r").unwrap_or(record);
            let quotes = memchr::memchr_iter(b'"', record).count().max(1);
            return Some(Found { record, quotes, lines: 1, next });
        }
    };
    let record = &bytes[pos..end];
    Some(Found { record: record.strip_suffix(b"\r").unwrap_or(record), quotes, lines, next: p })
}

/// Lines a quoted record may span before its quote is taken as never closed.
const MAX_RECORD_LINES: u64 = 10_000;

/// Splits bytes into records with their physical line, as a [`Scanner`] does: a line break
/// inside quotes does not end a record; blank lines are skipped (and counted).
pub fn records(bytes: &[u8], first_line: u64) -> Vec<Record> {
    let (mut out, mut pos, mut line) = (Vec::new(), 0, first_line);
    while let Some(r) = next_record(bytes, pos, true) {
        if !r.record.trim_ascii().is_empty() {
            out.push((line, r.record.to_vec()));
        }
        line += r.lines;
        pos = r.next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lossy(b: &[u8]) -> String {
        String::from_utf8_lossy(b).into_owned()
    }

    fn scan_in_chunks(bytes: &[u8], chunk: usize) -> Scanner<Kept> {
        let mut s =
            Scanner::new(Separator::Semicolon, 2, 1, Kept::new(Separator::Semicolon, 0, &["59522".to_owned()], 2));
        for c in bytes.chunks(chunk) {
            s.feed(c, &lossy);
        }
        s.finish(&lossy);
        s
    }

    #[test]
    fn records_keep_quoted_line_breaks_and_lines() {
        let r = records(b"a;b\r\n\r\n1;\"x\r\ny\"\r\n2;z", 5);
        assert_eq!(r, [(5, b"a;b".to_vec()), (7, b"1;\"x\r\ny\"".to_vec()), (9, b"2;z".to_vec())]);
    }

    #[test]
    fn quoted_codes_are_found() {
        assert_eq!(&*field(b"\"Ajaccio; Corse\";\"2A004\";1", b';', 1, true), b"2A004");
        assert_eq!(&*field(b"a;b;c", b';', 2, false), b"c");
        assert_eq!(&*field(b"a;b", b';', 5, false), b"");
    }

    #[test]
    fn any_chunking_gives_the_same_scan() {
        let bytes = b"C;M\r\n59522;1;x\r\n\r\n59522;\"a\r\nb\"\r\n01001;\"c;d\"\r\n59522;3\r\n01002;\"open";
        let whole = scan_in_chunks(bytes, bytes.len());
        assert_eq!(whole.rows, 3);
        assert_eq!(whole.sink.kept, [(4, b"59522;\"a\r\nb\"".to_vec()), (7, b"59522;3".to_vec())]);
        assert_eq!(whole.set_aside.iter().map(|s| s.line).collect::<Vec<_>>(), [2, 8]);
        assert_eq!(whole.set_aside[1].reason, SetAsideReason::UnclosedQuote { spans: 1 });
        for chunk in 1..bytes.len() {
            let s = scan_in_chunks(bytes, chunk);
            assert_eq!(
                (s.rows, &s.sink.kept, &s.sink.sample, &s.set_aside),
                (whole.rows, &whole.sink.kept, &whole.sink.sample, &whole.set_aside),
                "chunks of {chunk}"
            );
        }
    }

    #[test]
    fn a_quote_left_open_over_many_lines_is_read_alike_in_any_chunks() {
        let mut bytes = b"C;M\r\n59522;\"open\r\n".to_vec();
        for i in 0..MAX_RECORD_LINES + 50 {
            bytes.extend_from_slice(format!("{:05};{i}\r\n", 1000 + i % 90_000).as_bytes());
        }
        bytes.extend_from_slice(b"59522;end\r\n");
        let whole = scan_in_chunks(&bytes, bytes.len());
        assert_eq!(whole.set_aside[0].line, 2);
        assert_eq!(whole.sink.kept.last().map(|(_, r)| r.as_slice()), Some(&b"59522;end"[..]));
        for chunk in [1_000, 4_096, 65_536] {
            let s = scan_in_chunks(&bytes, chunk);
            assert_eq!(
                (s.rows, &s.sink.kept, &s.set_aside),
                (whole.rows, &whole.sink.kept, &whole.set_aside),
                "chunks of {chunk}"
            );
        }
    }

    #[test]
    fn an_unclosed_quote_does_not_swallow_the_file() {
        let bytes = b"C;M\r\n\"59522;1\r\n59522;2\r\n01001;3\r\n";
        for chunk in 1..bytes.len() {
            let s = scan_in_chunks(bytes, chunk);
            assert_eq!(s.rows, 2, "chunks of {chunk}");
            assert_eq!(s.sink.kept, [(3, b"59522;2".to_vec())]);
            assert_eq!(s.set_aside[0].line, 2);
            assert_eq!(s.set_aside[0].reason, SetAsideReason::UnclosedQuote { spans: 1 });
        }
    }
}
