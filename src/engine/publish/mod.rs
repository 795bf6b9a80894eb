//! What leaves Carnet: the clean CSV and the kit that publishes it on data.gouv.fr.
//!
//! [`facts`] gathers what the data says about itself; [`dataset`] proposes data.gouv.fr's
//! fields from it, which the user edits and [`check`] checks against the platform's rules
//! ([`vocabulary`]); [`readme`] writes the description, [`schema`] the Table Schema and data
//! package, [`quality`] foresees the platform's quality score, [`reuse`] describes each chart
//! of the dossier, and [`kit`] gathers the files.

pub mod check;
pub mod csv;
pub mod dataset;
pub mod facts;
pub mod kit;
pub mod quality;
pub mod readme;
pub mod reuse;
pub mod schema;
pub mod vocabulary;
