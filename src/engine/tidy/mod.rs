//! Tidying a territory's rows: the variable dictionary that labels them, the standardization
//! steps of the published file, the one long table across files and vintages, and the
//! explorer's queries over a whole file.

pub mod builtin;
pub mod compile;
pub mod dictionary;
pub mod explore;
pub mod standardize;
