//! Where the table sits in the text: title lines above the header, footnotes below it.
//!
//! The table's width is the field count most sample lines share. The header is the first
//! line of that width whose cells are mostly filled (an Excel title row re-saved as CSV has
//! the full width but one filled cell). Trailing lines that read as notes (`Source : Insee`)
//! are footnotes, kept and shown, never parsed as data.
//!
//! ```
//! use carnet::engine::read::{dialect::Separator, layout};
//! let text = "Revenus 2020\n\nCODGEO;MED\n01001;24820\nSource : Insee\n";
//! let l = layout::detect(text, Separator::Semicolon);
//! assert_eq!(l.header_line, 3);
//! assert_eq!(&text[l.start..l.end], "CODGEO;MED\n01001;24820\n");
//! assert_eq!(l.footnotes, ["Source : Insee"]);
//! ```

use crate::engine::read::dialect::{Separator, count_fields, logical_lines};
use serde::{Deserialize, Serialize};

/// The table's place in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    /// The header's physical line, from 1.
    pub header_line: u64,
    /// Byte offset in the text where the header starts.
    pub start: usize,
    /// Byte offset in the text where the table ends (footnotes excluded).
    pub end: usize,
    /// The table's width: fields in the header.
    pub width: usize,
    /// Non-blank lines above the header (titles, notes), in order.
    pub title_lines: Vec<String>,
    /// Notes below the table, in order.
    pub footnotes: Vec<String>,
    /// A double header's labels: the line of words above the line of codes that names the
    /// columns (INSEE: « Code géographique » above `CODGEO`), one per column; empty otherwise.
    #[serde(default)]
    pub labels: Vec<String>,
}

const HEAD_LINES: usize = 200;
const TAIL_BYTES: usize = 8 * 1024;
const TAIL_LINES: usize = 20;

/// Finds the table in `text`. Never fails: without any better guess the first line is the
/// header and the table runs to the end.
pub fn detect(text: &str, separator: Separator) -> Layout {
    let sep = separator.byte();
    let head: Vec<(usize, &str)> = lines_with_offsets(text).take(HEAD_LINES).collect();
    let width = modal_width(head.iter().map(|(_, l)| *l), sep);
    let header = head
        .iter()
        .find(|(_, line)| {
            !line.trim().is_empty() && count_fields(line.as_bytes(), sep) == width && mostly_filled(line, sep)
        })
        .or_else(|| head.iter().find(|(_, line)| !line.trim().is_empty()))
        .map_or(0, |&(offset, _)| offset);
    // A line of words, then a line of codes: the codes name the columns, the words say them.
    let next = head.iter().skip_while(|(o, _)| *o <= header).find(|(_, l)| !l.trim().is_empty());
    let (header, labels, labels_at) = match (head.iter().find(|(o, _)| *o == header), next) {
        (Some(&(words_at, words)), Some(&(codes_at, codes)))
            if count_fields(codes.as_bytes(), sep) == count_fields(words.as_bytes(), sep)
                && is_codes_line(codes, sep)
                && split(words, sep).iter().any(|c| c.contains(|ch: char| ch == ' ' || !ch.is_ascii())) =>
        {
            (codes_at, split(words, sep), Some(words_at))
        }
        _ => (header, Vec::new(), None),
    };
    let title_lines = head
        .iter()
        .take_while(|(offset, _)| *offset < header)
        .filter(|(offset, _)| Some(*offset) != labels_at)
        .map(|(_, line)| line.trim_end_matches(char::from(sep)).trim())
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect();
    let (end, footnotes) = footnotes(text, header, sep, width);
    Layout {
        header_line: physical_line(text, header),
        start: header,
        end,
        width: count_fields(first_line(&text[header..]).as_bytes(), sep),
        title_lines,
        footnotes,
        labels,
    }
}

/// Whether a line names columns by codes (`CODGEO;LIBGEO;P21_POP`): every filled cell an
/// identifier of letters, digits and underscores starting with a letter, most cells filled.
fn is_codes_line(line: &str, sep: u8) -> bool {
    let cells = split(line, sep);
    let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
    filled.len() * 2 >= cells.len()
        && filled.len() >= 2
        && filled.iter().all(|c| {
            // INSEE's codes: upper case, digits and underscores (`CODGEO`, `P21_POP`), two
            // letters at least; never a missing-value marker.
            c.len() <= 40
                && c.len() >= 2
                && c.starts_with(|ch: char| ch.is_ascii_uppercase())
                && c.chars().all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '_')
                && crate::engine::table::Marker::of(c).is_none()
        })
        && filled.iter().enumerate().all(|(i, c)| !filled[..i].contains(c))
}

/// A line's cells, unquoted and trimmed.
fn split(line: &str, sep: u8) -> Vec<String> {
    let mut reader =
        csv::ReaderBuilder::new().delimiter(sep).has_headers(false).flexible(true).from_reader(line.as_bytes());
    reader
        .records()
        .next()
        .and_then(Result::ok)
        .map(|r| r.iter().map(|c| c.trim().to_owned()).collect())
        .unwrap_or_default()
}

/// The table with its header on physical line `line` (from 1), as the user chose. A line past
/// the end puts the header on the last line.
pub fn with_header(text: &str, separator: Separator, line: u64) -> Layout {
    let sep = separator.byte();
    let start = offset_of_line(text, line.max(1));
    let title_lines = lines_with_offsets(&text[..start])
        .map(|(_, l)| l.trim_end_matches(char::from(sep)).trim())
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let width = count_fields(first_line(&text[start..]).as_bytes(), sep);
    let (end, footnotes) = footnotes(text, start, sep, width);
    Layout { header_line: physical_line(text, start), start, end, width, title_lines, footnotes, labels: Vec::new() }
}

/// The byte offset where physical line `line` (from 1) starts.
fn offset_of_line(text: &str, line: u64) -> usize {
    // Past the end: the last non-empty line.
    line_start(text.as_bytes(), line).unwrap_or_else(|| text.trim_end().rfind(['\n', '\r']).map_or(0, |p| p + 1))
}

/// The byte offset where physical line `line` (from 1) starts in `bytes`, counting lines as
/// [`physical_line`] does; `None` past the end. Works on raw bytes of ASCII-compatible
/// encodings as well as on text.
pub(crate) fn line_start(bytes: &[u8], line: u64) -> Option<usize> {
    let mut current = 1;
    let mut i = 0;
    while current < line && i < bytes.len() {
        match bytes[i] {
            b'\n' => current += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => current += 1,
            _ => {}
        }
        i += 1;
    }
    (current == line.max(1)).then_some(i)
}

/// The field count shared by most non-blank lines, preferring counts above one.
fn modal_width<'a>(lines: impl Iterator<Item = &'a str>, sep: u8) -> usize {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let n = count_fields(line.as_bytes(), sep);
        match counts.iter_mut().find(|(w, _)| *w == n) {
            Some((_, seen)) => *seen += 1,
            None => counts.push((n, 1)),
        }
    }
    counts.into_iter().max_by_key(|&(w, seen)| (w > 1, seen, w)).map_or(1, |(w, _)| w)
}

fn mostly_filled(line: &str, sep: u8) -> bool {
    let fields: Vec<&[u8]> = line.as_bytes().split(|&b| b == sep).collect();
    let filled = fields.iter().filter(|f| !f.iter().all(u8::is_ascii_whitespace)).count();
    filled * 2 >= fields.len()
}

/// The notes closing `tail` (the end of a file, starting on a line boundary) below a table
/// `width` fields wide: where the table ends in `tail`, and the notes in order.
pub fn trailing_notes(tail: &str, separator: Separator, width: usize) -> (usize, Vec<String>) {
    footnotes(tail, 0, separator.byte(), width)
}

/// Trailing note lines: (where the table ends, the notes in order).
fn footnotes(text: &str, header: usize, sep: u8, width: usize) -> (usize, Vec<String>) {
    let mut from = text.len().saturating_sub(TAIL_BYTES).max(header);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    // Start the tail on a line boundary (the header's own line when the text is short).
    if from > header {
        from = text[from..].find('\n').map_or(text.len(), |i| from + i + 1);
    }
    let tail: Vec<(usize, &str)> = lines_with_offsets(&text[from..]).map(|(o, l)| (from + o, l)).collect();
    let mut end = text.len();
    let mut notes = Vec::new();
    for &(offset, line) in tail.iter().rev().take(TAIL_LINES) {
        if offset <= header {
            break;
        }
        if line.trim().is_empty() || line.bytes().all(|b| b == sep || b.is_ascii_whitespace()) {
            end = offset;
        } else if is_note(line, sep, width) {
            notes.push(line.trim_end_matches(|c: char| c as u32 == u32::from(sep)).trim().to_owned());
            end = offset;
        } else {
            break;
        }
    }
    notes.reverse();
    (end, notes)
}

/// Words notes below statistical tables start with (folded).
const NOTE_WORDS: [&str; 10] =
    ["source", "champ", "note", "lecture", "avertissement", "remarque", "definition", "unite", "donnees", "traitement"];

/// A note is one filled first cell, the rest empty, that reads as a note: it opens with a word
/// notes open with, a `*` or a `(1)` call, or holds a colon. A data row with blank cells does
/// not (`é a;` stays a row).
fn is_note(line: &str, sep: u8, width: usize) -> bool {
    let mut cells = line.split(char::from(sep));
    let first = cells.next().unwrap_or("").trim().trim_matches('"');
    let rest_empty = cells.all(|c| c.trim().is_empty());
    let folded = crate::engine::text::fold(first);
    let opens_like_a_note = NOTE_WORDS.iter().any(|w| folded.starts_with(w))
        || first.starts_with('*')
        || first.starts_with('(')
        || first.contains(':');
    rest_empty && opens_like_a_note && (count_fields(line.as_bytes(), sep) < width || width > 1)
}

fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let base = text.as_ptr() as usize;
    logical_lines(text).map(move |l| (l.as_ptr() as usize - base, l))
}

fn first_line(text: &str) -> &str {
    logical_lines(text).next().unwrap_or("")
}

/// The physical line (from 1) at byte `offset`: `\r\n`, `\n` and `\r` each end a line.
pub fn physical_line(text: &str, offset: usize) -> u64 {
    let before = &text.as_bytes()[..offset];
    let lf = memchr::memchr_iter(b'\n', before).count();
    let cr_alone = memchr::memchr_iter(b'\r', before).filter(|&i| before.get(i + 1) != Some(&b'\n')).count();
    (lf + cr_alone) as u64 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! header {
        ($name:ident, $text:expr, $line:expr, $titles:expr, $notes:expr) => {
            #[test]
            fn $name() {
                let l = detect($text, Separator::Semicolon);
                assert_eq!(l.header_line, $line, "header line");
                assert_eq!(l.title_lines, $titles as [&str; _], "titles");
                assert_eq!(l.footnotes, $notes as [&str; _], "footnotes");
            }
        };
    }

    header!(plain, "CODGEO;MED\n01001;1\n01002;2\n", 1, [], []);
    header!(
        observatoire_export,
        "Indicateur : Médiane\nUnité : €\nMillésime : 2020\n\ncodgeo;libgeo;an;med\n01001;A;2020;1\n01002;B;2020;2\n",
        5,
        ["Indicateur : Médiane", "Unité : €", "Millésime : 2020"],
        []
    );
    header!(
        excel_padded_title,
        "Revenus 2020;;\n;;\nCODGEO;LIBGEO;MED\n01001;A;1\n01002;B;2\nSource : Insee, Filosofi;;\n",
        3,
        ["Revenus 2020"],
        ["Source : Insee, Filosofi"]
    );
    header!(sparse_rows_are_data, "CODGEO;A;B;C\r\n01001;322;;\r\n01002;113;;\r\n", 1, [], []);
    header!(
        footnotes_and_blank_tail,
        "CODGEO;MED\n01001;1\n01002;2\n\nSource : Insee\nChamp : France\n\n",
        1,
        [],
        ["Source : Insee", "Champ : France"]
    );

    header!(data_row_with_blank_cells_is_not_a_note, "col0;col1\nA;A\né a; \n", 1, [], []);

    #[test]
    fn a_line_of_labels_then_a_line_of_codes() {
        let text =
            "Populations\n\nCode géographique;Libellé;Population 2021\nCODGEO;LIBGEO;P21_POP\n59522;Sailly;1936\n";
        let l = detect(text, Separator::Semicolon);
        assert_eq!((l.header_line, l.title_lines.clone()), (4, vec!["Populations".to_owned()]));
        assert_eq!(l.labels, ["Code géographique", "Libellé", "Population 2021"]);
        assert!(text[l.start..].starts_with("CODGEO;"));
        // Codes on the second line of a file whose header is itself codes: data, not a header.
        assert!(detect("CODGEO;TYPE\nA1;B2\n", Separator::Semicolon).labels.is_empty());
        // Words, then a first row of words or markers: data.
        for text in [
            "Nom;Région;Médiane (€)\nAix;PACA;s\n",
            "Libellé;Catégorie\nHommes;Cadres\nFemmes;Ouvriers\n",
            "Commune;Département;Valeur 2020;Valeur 2021\nLILLE;NORD;ND;ND\n",
            "Zone;Classe énergie\nABIS;A\n",
        ] {
            assert!(detect(text, Separator::Semicolon).labels.is_empty(), "{text}");
        }
    }

    #[test]
    fn table_excludes_footnotes() {
        let text = "CODGEO;MED\n01001;1\nSource : Insee\n";
        let l = detect(text, Separator::Semicolon);
        assert_eq!(&text[l.start..l.end], "CODGEO;MED\n01001;1\n");
        assert_eq!(l.width, 2);
    }

    #[test]
    fn header_chosen_by_the_user() {
        let text = "Titre\r\nCODGEO;MED\r\n01001;1\r\n";
        let l = with_header(text, Separator::Semicolon, 2);
        assert_eq!((l.header_line, l.width, l.title_lines.clone()), (2, 2, vec!["Titre".to_owned()]));
        assert_eq!(&text[l.start..l.end], "CODGEO;MED\r\n01001;1\r\n");
        assert_eq!(with_header(text, Separator::Semicolon, 1).header_line, 1);
        assert_eq!(with_header(text, Separator::Semicolon, 99).header_line, 3);
    }

    #[test]
    fn physical_lines_count_every_ending() {
        assert_eq!(physical_line("a\r\nb\rc\nd", 7), 4);
    }
}
