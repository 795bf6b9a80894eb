//! The CSV dialect: field separator and line endings, guessed from a sample of the text.
//!
//! The separator is the candidate that splits the most sample lines into the same number
//! (above one) of fields. A `;` file full of decimal commas splits into a varying number of
//! fields on `,`, so it is never read as comma-separated.
//!
//! ```
//! use carnet::engine::read::dialect::{self, Separator};
//! let d = dialect::detect("CODGEO;MED\n01004;48,0\n01005;s\n");
//! assert_eq!(d.separator, Separator::Semicolon);
//! ```

use serde::{Deserialize, Serialize};

/// A field separator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Separator {
    /// `;`, the French spreadsheet default.
    Semicolon,
    /// `,`.
    Comma,
    /// A tab.
    Tab,
    /// `|`.
    Pipe,
}

impl Separator {
    /// Every separator, in order of preference when two score the same.
    pub const ALL: [Separator; 4] = [Self::Semicolon, Self::Comma, Self::Tab, Self::Pipe];

    /// The separator's byte.
    pub fn byte(self) -> u8 {
        match self {
            Self::Semicolon => b';',
            Self::Comma => b',',
            Self::Tab => b'\t',
            Self::Pipe => b'|',
        }
    }
}

/// The line ending that dominates the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineEnding {
    /// `\n` (Unix).
    Lf,
    /// `\r\n` (Windows).
    CrLf,
    /// `\r` alone (classic Mac OS).
    Cr,
}

/// A detected dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dialect {
    /// The field separator.
    pub separator: Separator,
    /// The dominant line ending.
    pub line_ending: LineEnding,
}

/// How much of the text the detection looks at.
const SAMPLE_BYTES: usize = 256 * 1024;
const SAMPLE_LINES: usize = 200;

/// Guesses the dialect of `text`. Never fails: a file without any separator is read as
/// one `;`-separated column.
pub fn detect(text: &str) -> Dialect {
    let sample = sample(text);
    let lines: Vec<&str> = logical_lines(sample).filter(|l| !l.trim().is_empty()).take(SAMPLE_LINES).collect();
    let separator = Separator::ALL
        .into_iter()
        .map(|sep| (sep, score(&lines, sep.byte())))
        .fold((Separator::Semicolon, (0, 0)), |best, cur| if cur.1 > best.1 { cur } else { best })
        .0;
    Dialect { separator, line_ending: line_ending(sample) }
}

/// The score of a separator: (lines sharing the most common field count, that count), with
/// a count of one scoring nothing.
fn score(lines: &[&str], sep: u8) -> (usize, usize) {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for line in lines {
        let n = count_fields(line.as_bytes(), sep);
        match counts.iter_mut().find(|(fields, _)| *fields == n) {
            Some((_, seen)) => *seen += 1,
            None => counts.push((n, 1)),
        }
    }
    counts.into_iter().filter(|&(fields, _)| fields > 1).map(|(fields, seen)| (seen, fields)).max().unwrap_or((0, 0))
}

/// Counts the fields of one logical line, honouring double quotes.
pub(crate) fn count_fields(line: &[u8], sep: u8) -> usize {
    // Most lines have no quote: their separators are counted at SIMD speed.
    if memchr::memchr(b'"', line).is_none() {
        return memchr::memchr_iter(sep, line).count() + 1;
    }
    let mut fields = 1;
    let mut quoted = false;
    for &b in line {
        if b == b'"' {
            quoted = !quoted;
        } else if b == sep && !quoted {
            fields += 1;
        }
    }
    fields
}

/// Splits text into logical lines: a line break inside double quotes does not end a line.
pub(crate) fn logical_lines(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut quoted = false;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            match b {
                b'"' => quoted = !quoted,
                b'\n' | b'\r' if !quoted => {
                    let line = &text[start..i - 1];
                    if b == b'\r' && bytes.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                    start = i;
                    return Some(line);
                }
                _ => {}
            }
        }
        if start < bytes.len() {
            let line = &text[start..];
            start = bytes.len();
            return Some(line);
        }
        None
    })
}

fn sample(text: &str) -> &str {
    if text.len() <= SAMPLE_BYTES {
        return text;
    }
    let mut end = SAMPLE_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // Drop the last, probably cut, line.
    let cut = text[..end].rfind('\n').unwrap_or(end);
    &text[..cut]
}

fn line_ending(sample: &str) -> LineEnding {
    let bytes = sample.as_bytes();
    let crlf = memchr::memmem::find_iter(bytes, b"\r\n").count();
    let lf = memchr::memchr_iter(b'\n', bytes).count() - crlf;
    let cr = memchr::memchr_iter(b'\r', bytes).count() - crlf;
    if crlf >= lf && crlf >= cr && crlf > 0 {
        LineEnding::CrLf
    } else if cr > lf {
        LineEnding::Cr
    } else {
        LineEnding::Lf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! detects {
        ($name:ident, $text:expr, $sep:expr, $ending:expr) => {
            #[test]
            fn $name() {
                assert_eq!(detect($text), Dialect { separator: $sep, line_ending: $ending });
            }
        };
    }

    detects!(
        semicolon_with_decimal_commas,
        "CODGEO;PIMP20;TP6020\n01004;48,0;17,0\n01005;s;s\n01006;52,5;s\n",
        Separator::Semicolon,
        LineEnding::Lf
    );
    detects!(
        comma_with_quoted_decimal_commas,
        "CODGEO,TP60\r\n01004,\"22,6\"\r\n01005,\"17,1\"\r\n",
        Separator::Comma,
        LineEnding::CrLf
    );
    detects!(tab, "a\tb\tc\r1\t2\t3\r", Separator::Tab, LineEnding::Cr);
    detects!(pipe, "a|b\n1|2\n", Separator::Pipe, LineEnding::Lf);
    detects!(
        title_rows_above_header,
        "Revenus 2020\nSource : Insee\n\nCODGEO;LIBGEO;MED\n01001;L'Abergement;24820\n01002;L'Abergement-de-Varey;23220\n",
        Separator::Semicolon,
        LineEnding::Lf
    );
    detects!(single_column, "CODGEO\n01001\n01002\n", Separator::Semicolon, LineEnding::Lf);

    #[test]
    fn quoted_line_break_stays_in_its_line() {
        let lines: Vec<_> = logical_lines("a;\"b\nc\"\r\nd;e").collect();
        assert_eq!(lines, ["a;\"b\nc\"", "d;e"]);
    }
}
