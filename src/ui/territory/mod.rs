//! The territory step: the official geography shipped with the app and the commune picker.

pub mod above;
pub mod geography;
pub mod picker;
