//! Sharing and replaying: `?src=` and `#carnet=` links, the recipe file, their notices.

pub mod link;
pub mod panel;
pub mod recipe;
