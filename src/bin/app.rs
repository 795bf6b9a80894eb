//! The page: mounts the Leptos app.

fn main() {
    #[cfg(target_arch = "wasm32")]
    carnet::ui::start();
}
