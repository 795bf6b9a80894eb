//! The files step: picking files, the load's progress, what was detected and its corrections.

pub mod detection;
pub mod picker;
pub mod progress;
pub mod sources;
