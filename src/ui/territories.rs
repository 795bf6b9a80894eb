//! Fetches the geography asset shipped with the app (same origin) and parses it with the engine.

use super::state::{AppState, Geography};
use crate::engine::territory::Territories;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The asset, next to `index.html`.
const ASSET: &str = "territoires.tsv";

/// Starts fetching the geography into `state.geography`.
pub fn fetch(state: AppState) {
    wasm_bindgen_futures::spawn_local(async move {
        let geography = match text(ASSET).await.and_then(|tsv| Territories::parse(&tsv)) {
            Ok(t) => Geography::Ready(Arc::new(t)),
            Err(e) => Geography::Failed(e),
        };
        state.geography.set(geography);
    });
}

async fn text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("pas de fenêtre")?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|e| format!("{e:?}"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|e| format!("{e:?}"))?;
    if !response.ok() {
        return Err(format!("{url} : HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|e| format!("{e:?}"))?).await.map_err(|e| format!("{e:?}"))?;
    text.as_string().ok_or_else(|| format!("{url} : contenu illisible"))
}
