//! Reading: a file's bytes → a typed table, with everything detected on the way.
//!
//! [`decode`] (bytes → text) → [`dialect`] (separator, line endings) → [`layout`] (title
//! lines, header, footnotes) → [`parse`] (fields, into one buffer per column) → [`infer`]
//! (column kinds, then typed columns) → [`workspace`] (the file read: detection and table): the
//! reference path. [`whole`] gives the same table sooner: rows split on the file's bytes by
//! [`scan`], numbers typed as they come. [`scan`] and [`stream`] are also the territory-first
//! path (only a sample and the chosen communes' rows are parsed), [`reading`] feeds a file
//! chunk by chunk to either, and [`source`] tells the producer and vintage a file's name gives. A workbook or an archive is
//! first opened by [`container`] to the text of its sheet or member.

pub mod container;
pub mod decode;
pub mod dialect;
pub mod infer;
pub mod layout;
pub mod parse;
pub mod reading;
pub mod rebuild;
pub mod scan;
pub mod source;
pub mod stream;
pub mod whole;
pub mod workspace;

use crate::engine::error::{ErrorKind, Result};
use crate::engine::table::{ColumnKind, DecimalSign};
use decode::Encoding;
use dialect::{Dialect, Separator};
use layout::Layout;
use parse::{Parsed, SetAside};
use serde::{Deserialize, Serialize};

/// A column as the detection summary shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnInfo {
    /// Name from the header.
    pub name: String,
    /// Detected kind.
    pub kind: ColumnKind,
    /// Cells with no value (empty, secret or not available).
    pub missing: usize,
    /// Cells marked secret.
    pub secret: usize,
    /// Cells marked not available.
    pub not_available: usize,
    /// Cells marked not significant (`ns`) or not applicable (`so`).
    #[serde(default)]
    pub not_published: usize,
    /// Codes whose lost leading zeros were restored.
    pub repaired: usize,
    /// Values of a code column that are not well-formed codes.
    pub odd: usize,
}

/// The user's corrections to what was detected; `None` keeps the detection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadOptions {
    /// The text encoding.
    pub encoding: Option<Encoding>,
    /// The field separator.
    pub separator: Option<Separator>,
    /// The header's physical line, from 1.
    pub header_line: Option<u64>,
    /// The decimal sign of every numeric column.
    pub decimal: Option<DecimalSign>,
    /// In a workbook, the sheet to read (an index among its worksheets).
    #[serde(default)]
    pub sheet: Option<u16>,
    /// In an archive, the table to read (an index among its tables).
    #[serde(default)]
    pub member: Option<u16>,
}

/// Everything detected while reading a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    /// The text encoding.
    pub encoding: Encoding,
    /// Separator and line endings.
    pub dialect: Dialect,
    /// Header line, titles and footnotes.
    pub layout: Layout,
    /// The decimal sign of the numeric columns, if any has decimals.
    pub decimal: Option<DecimalSign>,
    /// Data rows kept.
    pub rows: usize,
    /// Data rows set aside.
    pub set_aside: usize,
    /// Whether only a sample (and the focus's rows) was typed: column counts cover those rows.
    pub sampled: bool,
    /// In a UTF-8 file, the first lines holding Windows-1252 bytes (read as such).
    pub mixed_lines: Vec<u64>,
    /// The columns.
    pub columns: Vec<ColumnInfo>,
    /// The workbook or archive the table was read in, and which part of it.
    #[serde(default)]
    pub container: Option<container::Opened>,
    /// The commune code rebuilt from two columns, when it was split.
    #[serde(default)]
    pub rebuilt: Option<rebuild::Rebuilt>,
}

/// Rows parsed into columns whatever the focus, for detection and preview.
pub(crate) const SAMPLE_ROWS: usize = 1_000;

/// Below this size a file is read whole even with a focus: it is fast anyway.
pub(crate) const FOCUS_MIN_BYTES: usize = 256 * 1024;

/// What reading found, before typing.
pub(crate) struct Read {
    pub(crate) dialect: Dialect,
    pub(crate) layout: Layout,
    /// The rows parsed (all of them, or the sample and the focus's).
    pub(crate) parsed: Parsed,
    /// Data rows in the file.
    pub(crate) rows: usize,
    pub(crate) set_aside: Vec<SetAside>,
}

/// The encoding `bytes` are read in: the user's, else the one detected.
///
/// # Errors
/// See [`decode::detect`]: an encoding given in `options` skips the text checks, not the
/// archive and empty-file checks.
pub(crate) fn encoding_of(bytes: &[u8], options: ReadOptions) -> Result<Encoding> {
    match (options.encoding, decode::detect(bytes)) {
        (_, Err(e))
            if matches!(e.kind(), ErrorKind::Archive { .. } | ErrorKind::Document { .. } | ErrorKind::Empty) =>
        {
            Err(e)
        }
        (Some(forced), _) => Ok(forced),
        (None, found) => found,
    }
}
