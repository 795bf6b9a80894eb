//! The data engine: plain Rust, free of browser types, tested and benchmarked natively.
//!
//! Data flows one way: [`decode`] (bytes → text) → [`dialect`] (separator) → [`layout`]
//! (header line) → [`parse`] (fields) → [`infer`] (column types) → [`table`] (Arrow columns)
//! → [`filter`] → [`chart`] / [`publish`]. [`workspace`] is the one entry point the worker calls.

pub mod chart;
pub mod compile;
pub mod decode;
pub mod dialect;
pub mod dictionary;
pub mod error;
pub mod explore;
pub mod export;
pub mod filter;
pub mod format;
pub mod infer;
pub mod layout;
pub mod levels;
pub mod parse;
pub mod progress;
pub mod publish;
pub mod reading;
pub mod recipe;
pub mod scan;
pub mod series;
pub mod session;
pub mod source;
pub mod standardize;
pub mod stream;
pub mod table;
pub mod territory;
pub mod workspace;

pub use error::{Error, ErrorKind, Result};
