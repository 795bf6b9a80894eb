//! Small pieces every step uses: the clipboard, a disclosure button, a download, a fetch of an
//! address.

pub mod clipboard;
pub mod disclosure;
pub mod download;
pub mod fetch;
