//! The data engine: plain Rust, free of browser types, tested and benchmarked natively.
//!
//! Floors, each importing only those below it:
//! - leaves: [`error`], [`progress`], [`carry`] (bytes in messages), [`text`] (trimming,
//!   folding accents), [`calendar`] (days since 1970 ↔ dates), [`vintage`] (`MED19`, `MED20` →
//!   one indicator);
//! - [`table`]: the columnar table (Apache Arrow arrays) and the kinds of its columns;
//! - [`format`]: cells written the French way and the way published files write them;
//!   [`csv_out`]: every CSV Carnet writes, with no cell a spreadsheet would run;
//! - [`read`]: bytes → a typed table (decode → dialect → layout → parse → infer), whole or
//!   territory first, streamed or kept;
//! - [`territory`]: the official geography, the levels of a file's rows, a territory's rows;
//! - [`chart`]: a territory's rows → chart specs → ECharts options, text alternatives, exports;
//! - [`tidy`]: the variable dictionary, standardization steps, the tidy table across files
//!   and vintages, the explorer's queries;
//! - [`publish`]: the data.gouv.fr kit;
//! - [`dossier`]: the recipe and the session, the one entry point the worker calls.

pub mod calendar;
pub mod carry;
pub mod chart;
pub mod csv_out;
pub mod dossier;
pub mod error;
pub mod format;
pub mod portrait;
pub mod progress;
pub mod publish;
pub mod read;
pub mod table;
pub mod territory;
pub mod text;
pub mod tidy;
pub mod vintage;

pub use error::{Error, ErrorKind, Result};
