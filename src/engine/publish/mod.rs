//! What leaves Carnet: the clean CSV and the metadata describing it.

pub mod csv;
pub mod metadata;
pub mod schema;
