//! Carnet opens a French territory's public data in the browser.
//!
//! Three rooms with one-way doors:
//! - [`engine`]: plain Rust, no browser types — bytes → table → transforms → chart / publication kit;
//! - `worker` (wasm only): runs the engine off the UI thread;
//! - `ui` (wasm only): Leptos components over the worker's replies.
//!
//! `protocol` (wasm only) holds the messages the UI and the worker exchange; `clock` the date.

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod clock;
#[cfg(target_arch = "wasm32")]
pub mod protocol;
#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod worker;
