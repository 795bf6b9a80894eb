//! The table step: the commune's rows, the standardization steps, the tidy table across
//! files, and the explorer of the whole file.

pub mod compiled;
pub mod explorer;
pub mod naming;
pub mod selection;
pub mod steps;
