//! Fetches the geography asset shipped with the app (same origin) and parses it with the engine.

use crate::engine::territory::Territories;
use crate::ui::messages;
use crate::ui::state::{AppState, Geography};
use crate::ui::widgets::fetch;
use leptos::prelude::*;
use std::sync::Arc;

/// The asset, next to `index.html`.
const ASSET: &str = "territoires.tsv";

/// Starts fetching the geography into `state.geography`.
pub fn fetch(state: AppState) {
    wasm_bindgen_futures::spawn_local(async move {
        let geography = match fetch::text(ASSET)
            .await
            .map_err(|e| messages::own_file_error(ASSET, &e))
            .and_then(|tsv| Territories::parse(&tsv))
        {
            Ok(t) => Geography::Ready(Arc::new(t)),
            Err(e) => Geography::Failed(e),
        };
        state.geography.set(geography);
    });
}
