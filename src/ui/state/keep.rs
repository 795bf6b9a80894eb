//! The dossier kept on the device (`public/store.js`, IndexedDB): each file as the browser
//! holds it, and the settings — territory, steps, chart, publication fields — as one JSON
//! text, restored on the next visit until the user forgets the dossier. Nothing leaves the
//! device. Storage refused or full is said once; the work in progress is untouched.

use crate::engine::dossier::saved::{self, Saved};
use crate::engine::read::ReadOptions;
use crate::protocol::PackedFile;
use crate::ui::state::worker::EngineHandle;
use crate::ui::state::{AppState, Geography, requests};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::File;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = carnetStore, js_name = putFile)]
    fn put_file(file: &File, options: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_namespace = carnetStore, js_name = deleteFile)]
    fn delete_file(name: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_namespace = carnetStore, js_name = putState)]
    fn put_state(json: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_namespace = carnetStore, js_name = load)]
    fn load() -> js_sys::Promise;
    #[wasm_bindgen(js_namespace = carnetStore, js_name = clear)]
    fn clear() -> js_sys::Promise;
}

/// Why the dossier could not be kept, in French.
fn refused(error: &JsValue) -> String {
    let name = error.as_string().unwrap_or_default();
    let why = if name == "QuotaExceededError" { "l’espace de stockage est plein" } else { "le navigateur le refuse" };
    format!(
        "Ce dossier n’a pas pu être gardé sur cet appareil ({why}) : votre travail en cours n’est pas touché, \
         mais il ne sera pas retrouvé au prochain chargement de la page."
    )
}

/// Runs a storage promise, saying once on the page if it fails.
fn run(state: AppState, promise: js_sys::Promise) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = JsFuture::from(promise).await {
            state.kept_error.set(Some(refused(&error)));
        }
    });
}

/// Keeps a file of the dossier with the corrections it was read with.
pub fn file(state: AppState, file: &File, options: ReadOptions) {
    run(state, put_file(file, &serde_json::to_string(&options).unwrap_or_default()));
}

/// Forgets a file of the dossier.
pub fn forget_file(state: AppState, name: &str) {
    run(state, delete_file(name));
}

/// Forgets the whole dossier, then starts the page afresh.
pub fn forget(state: AppState) {
    wasm_bindgen_futures::spawn_local(async move {
        match JsFuture::from(clear()).await {
            Ok(_) => {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }
            Err(error) => state.kept_error.set(Some(refused(&error))),
        }
    });
}

/// The settings as the page holds them.
pub fn settings(state: AppState) -> Saved {
    let chart_column = state.chart_column.get();
    Saved {
        version: saved::VERSION,
        order: state.dossier.with(|d| d.sources.iter().map(|s| s.file_name.clone()).collect()),
        shown: state.dossier.with(|d| d.current.clone()),
        territory: state.place.with(|p| p.as_ref().map(|p| p.code.clone())),
        steps: state.steps.get(),
        applied: state.applied.get(),
        chart_kind: chart_column.is_some().then(|| state.chart_kind.get()),
        chart_column,
        chart_kind_chosen: state.chart_kind_chosen.get(),
        chart_edits: state.chart_edits.get(),
        chart_columns: state.chart_columns.get(),
        charts: state.charts.get(),
        dataset: state.dataset.get(),
        proposed: state.proposed.get_value(),
        description_auto: state.description_auto.get(),
    }
}

/// Opens a dossier file in place of the dossier on screen: the device's copy is replaced by
/// it, then the page starts again from that copy.
pub fn open(state: AppState, settings: &Saved, files: &[PackedFile]) {
    let json = serde_json::to_string(settings).unwrap_or_default();
    let files: Vec<(File, String)> = files
        .iter()
        .filter_map(|f| {
            let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(f.bytes.as_slice()));
            let file = File::new_with_u8_array_sequence(&parts, &f.name).ok()?;
            Some((file, serde_json::to_string(&f.options).unwrap_or_default()))
        })
        .collect();
    wasm_bindgen_futures::spawn_local(async move {
        let stored = async {
            JsFuture::from(clear()).await?;
            for (file, options) in &files {
                JsFuture::from(put_file(file, options)).await?;
            }
            JsFuture::from(put_state(&json)).await
        };
        match stored.await {
            Ok(_) => {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }
            Err(error) => state.kept_error.set(Some(refused(&error))),
        }
    });
}

/// The settings as the page holds them, without tracking them.
pub fn settings_untracked(state: AppState) -> Saved {
    untrack(|| settings(state))
}

/// Restores the dossier kept, then keeps every change of it.
pub fn follow(state: AppState, engine: EngineHandle) {
    let restored = RwSignal::new(false);
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(kept) = JsFuture::from(load()).await {
            restore(state, engine, &kept);
        }
        restored.set(true);
    });
    Effect::new(move |last: Option<Option<String>>| {
        let json = serde_json::to_string(&settings(state)).ok();
        if restored.get()
            && last.as_ref().is_some_and(|l| *l != json)
            && let Some(json) = &json
        {
            run(state, put_state(json));
        }
        json
    });
}

/// Applies what `kept` (`{ state, files }` from `store.js`) holds.
fn restore(state: AppState, engine: EngineHandle, kept: &JsValue) {
    let get = |key: &str| js_sys::Reflect::get(kept, &JsValue::from_str(key)).unwrap_or(JsValue::NULL);
    let settings: Option<Saved> = get("state")
        .as_string()
        .and_then(|json| serde_json::from_str(&json).ok())
        .filter(|k: &Saved| k.version <= saved::VERSION);
    let mut files: Vec<(File, Option<ReadOptions>)> = js_sys::Array::from(&get("files"))
        .iter()
        .filter_map(|entry| {
            let file: File = js_sys::Reflect::get(&entry, &"file".into()).ok()?.dyn_into().ok()?;
            let options = js_sys::Reflect::get(&entry, &"options".into()).ok()?.as_string();
            Some((file, options.and_then(|o| serde_json::from_str(&o).ok())))
        })
        .collect();
    let Some(k) = settings else {
        if !files.is_empty() {
            requests::queue(state, engine, files);
        }
        return;
    };
    // In the order read; the file shown last, to be shown again.
    let rank = |name: &str| {
        let at = k.order.iter().position(|n| n == name).unwrap_or(usize::MAX - 1);
        if k.shown.as_deref() == Some(name) { usize::MAX } else { at }
    };
    files.sort_by_key(|(f, _)| rank(&f.name()));
    state.steps.set(k.steps);
    state.applied.set(k.applied);
    state.chart_kind_chosen.set(k.chart_kind_chosen);
    if let Some(kind) = k.chart_kind {
        state.chart_kind.set(kind);
    }
    state.chart_edits.set(k.chart_edits);
    state.chart_columns.set(k.chart_columns);
    state.charts.set(k.charts);
    state.restored_chart.set_value(k.chart_column);
    state.dataset.set(k.dataset);
    state.proposed.set_value(k.proposed);
    state.description_auto.set(k.description_auto);
    if let Some(code) = k.territory {
        // The commune, once the geography is there.
        Effect::new(move |done: Option<bool>| {
            if done == Some(true) {
                return true;
            }
            let Geography::Ready(territories) = state.geography.get() else { return false };
            if state.place.get_untracked().is_none() {
                state.place.set(territories.place(&code));
            }
            true
        });
    }
    requests::queue(state, engine, files);
}
