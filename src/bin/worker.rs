//! The web worker: reads files and runs the engine off the UI thread.

fn main() {
    #[cfg(target_arch = "wasm32")]
    carnet::worker::start();
}
