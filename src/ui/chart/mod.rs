//! The chart step: the panel (indicator, kind, canvas, text alternative, data, exports) and
//! its editor.

pub mod data;
pub mod edit;
pub mod gallery;
pub mod panel;
