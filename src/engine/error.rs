//! Errors that stop a file from being read at all.
//!
//! Problems confined to some rows never become an [`Error`]: those rows are set aside with
//! their line and reason (see [`crate::engine::read::parse::SetAside`]) so nothing is lost silently.
//! The kinds carry data, not prose: the UI turns each into a French sentence in one place.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where something sits in the source file.
///
/// `byte` counts from 0 in the raw bytes; `line` and `column` count from 1, `line` being the
/// physical line of the file (a quoted field may span several) and `column` the field index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Offset in the raw file, from 0.
    pub byte: u64,
    /// Physical line, from 1.
    pub line: u64,
    /// Field index, from 1 (0 when the whole line is concerned).
    pub column: u64,
}

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The browser could not read the file (moved, deleted or locked since it was picked).
    Unreadable {
        /// The browser's own words.
        reason: String,
    },
    /// A request needed a file and none is loaded.
    NoFileLoaded,
    /// The column asked for a chart holds no number.
    NotChartable {
        /// The column's name.
        column: String,
    },
    /// The column has a value for the territory but the file has no row of the levels above
    /// it, and the column is no count Carnet may sum (a median, a rate): nothing to compare.
    NoComparison {
        /// The column's name.
        column: String,
    },
    /// A donut of indicators that are no parts of one whole: neither shares making 100 % nor
    /// counts adding up to a total of the file.
    NotAWhole {
        /// The indicators chosen, in words when a dictionary names them.
        columns: Vec<String>,
    },
    /// The user stopped the load.
    Cancelled,
    /// A file given as a variable dictionary has no variable-code and label columns.
    NotADictionary,
    /// The file was streamed for one commune (too large to keep): it cannot be explored whole.
    TooLargeToExplore,
    /// The file is too large to read whole and no commune was picked to read it for.
    TooLargeWithoutCommune {
        /// The file's size in bytes.
        size: u64,
    },
    /// The file is too large to read whole and cannot be streamed (UTF-16, or no column of
    /// commune codes).
    TooLargeToStream {
        /// The file's size in bytes.
        size: u64,
    },
    /// The file has no bytes, or only blank lines.
    Empty,
    /// The file holds bytes no text file has (a NUL byte outside UTF-16).
    Binary {
        /// Where the first such byte sits.
        position: Position,
    },
    /// The file is an archive or a spreadsheet, not a CSV.
    Archive {
        /// What it was recognised as (`"zip"`, `"gzip"`, `"xls"`).
        format: String,
    },
    /// A workbook or an archive that gives no table.
    Container {
        /// What it is.
        format: ContainerFormat,
        /// Why.
        problem: ContainerProblem,
    },
    /// The file is a document or an image (a PDF, a PNG…), not a table.
    Document {
        /// What it was recognised as (`"pdf"`, `"png"`, `"jpeg"`, `"gif"`).
        format: String,
    },
    /// The file has a header but no data row.
    NoRows {
        /// The header line.
        header_line: u64,
    },
    /// No column holds commune INSEE codes, so rows cannot be kept by commune.
    NoCommuneColumn,
    /// The commune's code appears in no row of the file.
    CommuneNotFound {
        /// The INSEE code looked for.
        code: String,
    },
    /// Every data row was set aside: nothing could be read as a table.
    NoValidRows {
        /// How many rows were set aside.
        set_aside: u64,
    },
}

/// The kinds of files holding a table inside.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContainerFormat {
    /// Excel 2007 and later.
    Xlsx,
    /// Excel binary workbook (2007 and later).
    Xlsb,
    /// Excel 97–2003 (BIFF).
    Xls,
    /// OpenDocument spreadsheet (LibreOffice, collectivités).
    Ods,
    /// A ZIP archive of files.
    Zip,
}

/// Why a container gives no table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContainerProblem {
    /// Sealed with a password.
    Protected,
    /// Damaged or not what its first bytes say (the reader's words).
    Damaged(String),
    /// A part inflates past the bounds (see `read::container`), or a sheet holds too
    /// many cells.
    TooLarge {
        /// The part.
        member: String,
    },
    /// No sheet or member holds a table.
    NothingToRead,
    /// The part asked for is not there.
    NoSuchPart(usize),
}

/// An error that stops a file from being read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Error(Box<ErrorKind>);

impl Error {
    /// Wraps a kind.
    pub fn new(kind: ErrorKind) -> Self {
        Self(Box::new(kind))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Where it went wrong, when one place is to blame.
    pub fn position(&self) -> Option<Position> {
        match *self.0 {
            ErrorKind::Binary { position } => Some(position),
            ErrorKind::NoRows { header_line } => Some(Position { line: header_line, ..Position::default() }),
            _ => None,
        }
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Self::new(kind)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            ErrorKind::Unreadable { reason } => write!(f, "unreadable file: {reason}"),
            ErrorKind::NoFileLoaded => write!(f, "no file loaded"),
            ErrorKind::NotChartable { column } => write!(f, "column {column} holds no number"),
            ErrorKind::NoComparison { column } => write!(f, "column {column} has no row of the levels above"),
            ErrorKind::NotAWhole { columns } => write!(f, "{} are no parts of one whole", columns.join(", ")),
            ErrorKind::Cancelled => write!(f, "cancelled"),
            ErrorKind::TooLargeToExplore => write!(f, "streamed file: too large to explore whole"),
            ErrorKind::NotADictionary => write!(f, "no COD_VAR and LIB_VAR columns: not a variable dictionary"),
            ErrorKind::TooLargeWithoutCommune { size } => write!(f, "{size} bytes: pick a commune first"),
            ErrorKind::TooLargeToStream { size } => write!(f, "{size} bytes and not streamable"),
            ErrorKind::Empty => write!(f, "empty file"),
            ErrorKind::Binary { position } => {
                write!(f, "binary content at byte {} (line {})", position.byte, position.line)
            }
            ErrorKind::Archive { format } => write!(f, "{format} archive, not a CSV file"),
            ErrorKind::Container { format, problem } => write!(f, "{format:?}: {problem:?}"),
            ErrorKind::Document { format } => write!(f, "{format} document, not a CSV file"),
            ErrorKind::NoRows { header_line } => {
                write!(f, "header on line {header_line} but no data row")
            }
            ErrorKind::NoCommuneColumn => write!(f, "no column of commune codes"),
            ErrorKind::CommuneNotFound { code } => write!(f, "commune {code} not in the file"),
            ErrorKind::NoValidRows { set_aside } => {
                write!(f, "all {set_aside} rows were set aside")
            }
        }
    }
}

impl std::error::Error for Error {}

/// The result type of the engine.
pub type Result<T, E = Error> = std::result::Result<T, E>;
