//! Bytes → text: recognise what the bytes are, then decode them to UTF-8.
//!
//! Detection prefers an answer over no answer: anything that is text gets an encoding.
//! Only empty files, archives and binary files are refused.
//!
//! ```
//! use carnet::engine::read::decode::{self, Encoding};
//! let bytes = b"CODGEO;LIBGEO\n59522;Sailly-lez-Lannoy\xe9\n";
//! let found = decode::detect(bytes).unwrap();
//! assert_eq!(found, Encoding::Windows1252);
//! assert!(decode::decode(bytes, found).ends_with("Lannoyé\n"));
//! ```

use crate::engine::error::{ErrorKind, Position, Result};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A text encoding Carnet reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Encoding {
    /// UTF-8 without byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-8 with some lines in Windows-1252 (files pasted together): each byte that is not
    /// UTF-8 is read as Windows-1252.
    MixedUtf8,
    /// Windows-1252, the superset of ISO-8859-1 that Excel writes on French Windows.
    Windows1252,
    /// ISO-8859-15 (Latin-9: `€` at 0xA4); never guessed, chosen by the user.
    Iso8859_15,
    /// UTF-16 little-endian (Excel's "Texte Unicode").
    Utf16Le,
    /// UTF-16 big-endian.
    Utf16Be,
}

impl Encoding {
    /// The encoding's standard label (WHATWG), for metadata; the words the user reads are in
    /// `ui::messages`.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => "utf-8",
            Encoding::MixedUtf8 => "utf-8+windows-1252",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Iso8859_15 => "iso-8859-15",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
        }
    }
}

/// How many leading bytes are examined for binary content.
const SNIFF_LEN: usize = 64 * 1024;

/// Recognises the encoding of `bytes`.
///
/// # Errors
/// [`ErrorKind::Empty`] for a file of blanks, [`ErrorKind::Archive`] for a ZIP (or `.xlsx`),
/// gzip or legacy `.xls` file, [`ErrorKind::Document`] for a PDF or an image,
/// [`ErrorKind::Binary`] for other non-text content.
pub fn detect(bytes: &[u8]) -> Result<Encoding> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ErrorKind::Empty.into());
    }
    if let Some(format) = archive_format(bytes) {
        return Err(ErrorKind::Archive { format: format.to_owned() }.into());
    }
    if let Some(format) = document_format(bytes) {
        return Err(ErrorKind::Document { format: format.to_owned() }.into());
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Ok(Encoding::Utf8Bom);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Ok(Encoding::Utf16Le);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Ok(Encoding::Utf16Be);
    }
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if let Some(utf16) = utf16_without_bom(head) {
        return Ok(utf16);
    }
    if let Some(offset) = head.iter().position(|&b| is_binary_byte(b)) {
        return Err(ErrorKind::Binary { position: position_of(bytes, offset) }.into());
    }
    // A sequence cut by the end of `bytes` (the head of a larger file) is still UTF-8.
    Ok(match std::str::from_utf8(bytes) {
        Ok(_) => Encoding::Utf8,
        Err(e) if e.error_len().is_none() => Encoding::Utf8,
        // Accented letters written both ways: a file pasted together from two sources (looked
        // for at both ends, where pasted parts begin and end).
        Err(_)
            if has_utf8_letters(&bytes[..bytes.len().min(MIXED_SNIFF)])
                || has_utf8_letters(&bytes[bytes.len().saturating_sub(MIXED_SNIFF)..]) =>
        {
            Encoding::MixedUtf8
        }
        Err(_) => Encoding::Windows1252,
    })
}

/// Decodes `bytes` in `encoding`, dropping any byte-order mark.
///
/// Undecodable sequences become U+FFFD; UTF-8 input without BOM is borrowed, not copied.
/// UTF-8 input that is valid is borrowed, not copied; a byte that is not UTF-8 is read as
/// Windows-1252 rather than lost (it is what such bytes are, in French files).
pub fn decode(bytes: &[u8], encoding: Encoding) -> Cow<'_, str> {
    let codec = match encoding {
        Encoding::Utf8 | Encoding::Utf8Bom | Encoding::MixedUtf8 => {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            return match std::str::from_utf8(bytes) {
                Ok(text) => Cow::Borrowed(text),
                Err(_) => Cow::Owned(mixed(bytes)),
            };
        }
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252,
        Encoding::Iso8859_15 => encoding_rs::ISO_8859_15,
        Encoding::Utf16Le => encoding_rs::UTF_16LE,
        Encoding::Utf16Be => encoding_rs::UTF_16BE,
    };
    codec.decode_with_bom_removal(bytes).0
}

/// How much of each end of a file is searched for UTF-8 letters among Windows-1252 bytes.
const MIXED_SNIFF: usize = 1 << 20;

/// Whether `bytes` hold a well-formed multi-byte UTF-8 character.
fn has_utf8_letters(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|c| !c.valid().is_ascii())
}

/// UTF-8 with the bytes that are not UTF-8 read as Windows-1252.
fn mixed(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.push_str(&encoding_rs::WINDOWS_1252.decode_without_bom_handling(chunk.invalid()).0);
    }
    text
}

/// The physical lines (from 1) holding bytes that are not UTF-8, at most `limit` of them.
pub fn non_utf8_lines(bytes: &[u8], limit: usize) -> Vec<u64> {
    let mut lines = Vec::new();
    let (mut offset, mut counted, mut line) = (0usize, 0usize, 1u64);
    for chunk in bytes.utf8_chunks() {
        offset += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            line += memchr::memchr_iter(b'\n', &bytes[counted..offset]).count() as u64;
            counted = offset;
            if lines.last() != Some(&line) {
                lines.push(line);
                if lines.len() == limit {
                    break;
                }
            }
        }
        offset += chunk.invalid().len();
    }
    lines
}

fn archive_format(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Some("zip")
    } else if bytes.starts_with(b"\x1F\x8B") {
        Some("gzip")
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        Some("xls")
    } else {
        None
    }
}

/// Documents and images people rename `.csv` by mistake, by their first bytes.
fn document_format(bytes: &[u8]) -> Option<&'static str> {
    [(&b"%PDF-"[..], "pdf"), (&b"\x89PNG\r\n\x1A\n"[..], "png"), (&b"\xFF\xD8\xFF"[..], "jpeg"), (&b"GIF8"[..], "gif")]
        .into_iter()
        .find_map(|(magic, format)| bytes.starts_with(magic).then_some(format))
}

/// UTF-16 saved without BOM shows as text with a NUL byte at every other position.
fn utf16_without_bom(head: &[u8]) -> Option<Encoding> {
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    if odd * 10 >= pairs * 9 && even == 0 {
        Some(Encoding::Utf16Le)
    } else if even * 10 >= pairs * 9 && odd == 0 {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Control bytes no text file holds (tab, line feeds, form feed and SUB are allowed).
fn is_binary_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0E..=0x19 | 0x1B..=0x1F)
}

fn position_of(bytes: &[u8], offset: usize) -> Position {
    let before = &bytes[..offset];
    let line = memchr::memchr_iter(b'\n', before).count() as u64 + 1;
    Position { byte: offset as u64, line, column: 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! detects {
        ($name:ident, $bytes:expr, $expected:expr) => {
            #[test]
            fn $name() {
                assert_eq!(detect($bytes).map_err(|e| e.kind().clone()), $expected);
            }
        };
    }

    detects!(plain_ascii_is_utf8, b"CODGEO;MED20\n01001;24820\n", Ok(Encoding::Utf8));
    detects!(utf8_accents, "LIBGEO\nSaint-Étienne\n".as_bytes(), Ok(Encoding::Utf8));
    detects!(utf8_bom, b"\xEF\xBB\xBFCODGEO\n", Ok(Encoding::Utf8Bom));
    detects!(utf8_cut_at_the_end, "Saint-É".as_bytes().split_last().unwrap().1, Ok(Encoding::Utf8));
    detects!(windows_1252_accents, b"LIBGEO\nSaint-\xc9tienne\n", Ok(Encoding::Windows1252));
    detects!(utf16le_bom, b"\xFF\xFEC\0O\0", Ok(Encoding::Utf16Le));
    detects!(utf16be_bom, b"\xFE\xFF\0C\0O", Ok(Encoding::Utf16Be));
    detects!(utf16le_without_bom, b"C\0O\0D\0G\0E\0O\0\n\0", Ok(Encoding::Utf16Le));
    detects!(empty, b"", Err(ErrorKind::Empty));
    detects!(blank_lines, b"\r\n\n  \n", Err(ErrorKind::Empty));
    detects!(zip, b"PK\x03\x04\x14\0\0\0", Err(ErrorKind::Archive { format: "zip".into() }));
    detects!(gzip, b"\x1F\x8B\x08\0", Err(ErrorKind::Archive { format: "gzip".into() }));
    detects!(pdf, b"%PDF-1.7\n%\xE2\xE3", Err(ErrorKind::Document { format: "pdf".into() }));
    detects!(png, b"\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR", Err(ErrorKind::Document { format: "png".into() }));
    detects!(
        binary,
        b"a;b\n\x01\x02\x03",
        Err(ErrorKind::Binary { position: Position { byte: 4, line: 2, column: 0 } })
    );

    #[test]
    fn windows_1252_decodes_euro_and_accents() {
        let text = decode(b"M\xe9diane (\x80)", Encoding::Windows1252);
        assert_eq!(text, "Médiane (€)");
    }

    #[test]
    fn mixed_files_read_both_ways() {
        let bytes = b"LIBGEO\nSaint-\xc3\x89tienne\nSaint-\xc9tienne\nLy\xc3\xa9\n\xe9\xe9\n";
        assert_eq!(detect(bytes).unwrap(), Encoding::MixedUtf8);
        assert_eq!(decode(bytes, Encoding::MixedUtf8), "LIBGEO\nSaint-Étienne\nSaint-Étienne\nLyé\néé\n");
        assert_eq!(non_utf8_lines(bytes, 10), [3, 5]);
        assert_eq!(decode(b"\xa4", Encoding::Iso8859_15), "€");
    }

    #[test]
    fn bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFa;b", Encoding::Utf8Bom), "a;b");
        assert_eq!(decode(b"\xFF\xFEa\0;\0b\0", Encoding::Utf16Le), "a;b");
    }

    #[test]
    fn utf8_is_borrowed() {
        assert!(matches!(decode(b"a;b", Encoding::Utf8), Cow::Borrowed(_)));
    }
}
