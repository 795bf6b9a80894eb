//! The territory-first path: when the commune is known before the file is read, every row is
//! split and counted on the raw bytes, but only the commune's rows (and a sample, for detection
//! and preview) are decoded, parsed into columns and typed. Rows of the wrong width are still
//! set aside with their line, so nothing is lost silently.
//!
//! Works on encodings where line breaks, quotes, separators and digits are single ASCII bytes
//! (UTF-8, Windows-1252), with `\n` or `\r\n` line endings.
//!
//! ```
//! use carnet::engine::dialect::Separator;
//! use carnet::engine::scan::{self, Focus};
//! let bytes = b"CODGEO;MED\n01001;1\n59522;2\n01002;3\n";
//! let codes = ["59522".to_owned()];
//! let decode = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
//! let s = scan::scan(bytes, 1, Separator::Semicolon, 2, &Focus { column: 0, codes: &codes }, 1, &decode, &mut ());
//! assert_eq!(s.rows, 3);
//! assert_eq!(s.kept, [(3, &b"59522;2"[..])]);
//! assert_eq!(s.sample, [(2, &b"01001;1"[..])]);
//! ```

use super::dialect::{Separator, count_fields};
use super::parse::{SetAside, SetAsideReason};
use super::progress::Progress;

/// Which rows to keep: those whose column `column` holds one of `codes`.
pub struct Focus<'a> {
    /// The code column's index.
    pub column: usize,
    /// The codes to keep, as the file writes them.
    pub codes: &'a [String],
}

/// A record: its first physical line (from 1) and its raw bytes, line ending excluded.
pub type Record<'a> = (u64, &'a [u8]);

/// What a scan found.
#[derive(Debug, Default)]
pub struct Scanned<'a> {
    /// The header record.
    pub header: Option<Record<'a>>,
    /// The first data records, for detection and preview.
    pub sample: Vec<Record<'a>>,
    /// The records of the focus (those in the sample included).
    pub kept: Vec<Record<'a>>,
    /// Data rows of the right width, in all.
    pub rows: usize,
    /// Rows of the wrong width, their text decoded.
    pub set_aside: Vec<SetAside>,
}

/// Bytes between two progress reports.
const REPORT_EVERY: usize = 4 << 20;

/// Scans `table` (header first, starting on physical line `first_line`), with `width` fields
/// per row, keeping the first `sample` rows and the rows of `focus`; `decode` turns a
/// set-aside row's bytes into text.
#[allow(clippy::too_many_arguments)]
pub fn scan<'a>(
    table: &'a [u8],
    first_line: u64,
    separator: Separator,
    width: usize,
    focus: &Focus<'_>,
    sample: usize,
    decode: &dyn Fn(&[u8]) -> String,
    progress: &mut dyn Progress,
) -> Scanned<'a> {
    let sep = separator.byte();
    let mut out = Scanned::default();
    let base = table.as_ptr() as usize;
    let mut next_report = REPORT_EVERY;
    for (line, record) in records(table, first_line) {
        let at = record.as_ptr() as usize - base;
        if at >= next_report {
            progress.report(at as u64, table.len() as u64, out.rows as u64);
            next_report = at + REPORT_EVERY;
        }
        if out.header.is_none() {
            out.header = Some((line, record));
            continue;
        }
        let quotes = memchr::memchr_iter(b'"', record).count();
        let fields = if quotes > 0 { count_fields(record, sep) } else { memchr::memchr_iter(sep, record).count() + 1 };
        if fields != width || quotes % 2 == 1 {
            out.set_aside.push(set_aside(line, record, width, fields, quotes % 2 == 1, decode));
            continue;
        }
        out.rows += 1;
        if out.sample.len() < sample {
            out.sample.push((line, record));
        }
        let code = field(record, sep, focus.column, quotes > 0);
        let code = code.trim_ascii();
        if focus.codes.iter().any(|c| c.as_bytes() == code) {
            out.kept.push((line, record));
        }
    }
    progress.report(table.len() as u64, table.len() as u64, out.rows as u64);
    out
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

/// Field `index` of a record, its quotes removed.
fn field(record: &[u8], sep: u8, index: usize, quoted: bool) -> Vec<u8> {
    if !quoted {
        return record.split(|&b| b == sep).nth(index).unwrap_or_default().to_vec();
    }
    let mut current = Vec::new();
    let mut n = 0;
    let mut in_quotes = false;
    let mut i = 0;
    while i < record.len() {
        let b = record[i];
        match b {
            b'"' if in_quotes && record.get(i + 1) == Some(&b'"') => {
                current.push(b'"');
                i += 1;
            }
            b'"' => in_quotes = !in_quotes,
            b if b == sep && !in_quotes => {
                if n == index {
                    return current;
                }
                n += 1;
                current.clear();
            }
            b => current.push(b),
        }
        i += 1;
    }
    if n == index { current } else { Vec::new() }
}

/// Splits bytes into records with their physical line: a line break inside quotes does not
/// end a record; blank lines are skipped (and counted). Lines end with `\n` or `\r\n`.
pub fn records(bytes: &[u8], first_line: u64) -> impl Iterator<Item = Record<'_>> {
    let mut pos = 0;
    let mut line = first_line;
    std::iter::from_fn(move || {
        while pos < bytes.len() {
            let (start, start_line) = (pos, line);
            let mut quotes = 0;
            let end = loop {
                let nl = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
                quotes += memchr::memchr_iter(b'"', &bytes[pos..nl]).count();
                pos = nl + 1;
                line += 1;
                if quotes % 2 == 0 || nl >= bytes.len() {
                    break nl;
                }
            };
            let record = &bytes[start..end];
            let record = record.strip_suffix(b"\r").unwrap_or(record);
            if !record.trim_ascii().is_empty() {
                return Some((start_line, record));
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lossy(b: &[u8]) -> String {
        String::from_utf8_lossy(b).into_owned()
    }

    #[test]
    fn records_keep_quoted_line_breaks_and_lines() {
        let r: Vec<_> = records(b"a;b\r\n\r\n1;\"x\r\ny\"\r\n2;z", 5).collect();
        assert_eq!(r, [(5, &b"a;b"[..]), (7, &b"1;\"x\r\ny\""[..]), (9, &b"2;z"[..])]);
    }

    #[test]
    fn quoted_codes_are_found() {
        assert_eq!(field(b"\"Ajaccio; Corse\";\"2A004\";1", b';', 1, true), b"2A004");
        assert_eq!(field(b"a;b;c", b';', 2, false), b"c");
        assert_eq!(field(b"a;b", b';', 5, false), b"");
    }

    #[test]
    fn ragged_rows_are_set_aside_not_kept() {
        let codes = ["59522".to_owned()];
        let focus = Focus { column: 0, codes: &codes };
        let s = scan(b"C;M\n59522;1;x\n59522;2\n", 1, Separator::Semicolon, 2, &focus, 10, &lossy, &mut ());
        assert_eq!(s.rows, 1);
        assert_eq!(s.kept, [(3, &b"59522;2"[..])]);
        assert_eq!(s.set_aside[0].line, 2);
        assert_eq!(s.set_aside[0].reason, SetAsideReason::FieldCount { expected: 2, found: 3 });
    }
}
