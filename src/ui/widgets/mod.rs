//! Small pieces every step uses: a disclosure button, a download, a fetch of an address.

pub mod disclosure;
pub mod download;
pub mod fetch;
