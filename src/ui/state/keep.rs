//! The dossier kept on the device (`public/store.js`, IndexedDB): each file as the browser
//! holds it, and the settings ([`Saved`]) as one JSON text. Nothing leaves the device.
//! Storage refused or full is said in `error`, once; the work in progress is untouched. A leaf:
//! the restore that applies what is kept is [`super::restore`]'s.

use crate::engine::dossier::saved::{self, Saved};
use crate::engine::read::ReadOptions;
use crate::protocol::PackedFile;
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
    fn load_all() -> js_sys::Promise;
    #[wasm_bindgen(js_namespace = carnetStore, js_name = clear)]
    fn clear() -> js_sys::Promise;
}

/// The largest file kept on the device: above it (a file streamed for one commune), the
/// dossier keeps its name and the file is to be opened again after a reload.
pub const FILE_AT_MOST: u64 = 256 << 20;

/// Where a refusal is said.
pub type Said = RwSignal<Option<String>>;

/// Why the dossier could not be kept, in French.
fn refused(error: &JsValue) -> String {
    let name = error.as_string().unwrap_or_default();
    let why = if name == "QuotaExceededError" { "l’espace de stockage est plein" } else { "le navigateur le refuse" };
    format!(
        "Ce dossier n’a pas pu être gardé sur cet appareil ({why}) : votre travail en cours n’est pas touché, \
         mais il ne sera pas retrouvé au prochain chargement de la page."
    )
}

/// Runs a storage promise, saying once in `error` if it fails.
fn run(error: Said, promise: js_sys::Promise) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = JsFuture::from(promise).await {
            error.set(Some(refused(&e)));
        }
    });
}

/// Keeps a file of the dossier with the corrections it was read with, unless it is larger
/// than [`FILE_AT_MOST`].
pub fn file(error: Said, file: &File, options: ReadOptions) {
    if file.size() as u64 <= FILE_AT_MOST {
        run(error, put_file(file, &serde_json::to_string(&options).unwrap_or_default()));
    }
}

/// Forgets a file of the dossier.
pub fn forget_file(error: Said, name: &str) {
    run(error, delete_file(name));
}

/// Keeps the settings.
pub fn settings(error: Said, saved: &Saved) {
    if let Ok(json) = serde_json::to_string(saved) {
        run(error, put_state(&json));
    }
}

/// The settings kept (when of a version this build reads) and the files kept, with the
/// corrections each was read with; `None` when storage cannot be read.
pub async fn load() -> Option<(Option<Saved>, Vec<(File, Option<ReadOptions>)>)> {
    let kept = JsFuture::from(load_all()).await.ok()?;
    let get = |key: &str| js_sys::Reflect::get(&kept, &JsValue::from_str(key)).unwrap_or(JsValue::NULL);
    let settings = get("state")
        .as_string()
        .and_then(|json| serde_json::from_str::<Saved>(&json).ok())
        .filter(|k| k.version <= saved::VERSION);
    let files = js_sys::Array::from(&get("files"))
        .iter()
        .filter_map(|entry| {
            let file: File = js_sys::Reflect::get(&entry, &"file".into()).ok()?.dyn_into().ok()?;
            let options = js_sys::Reflect::get(&entry, &"options".into()).ok()?.as_string();
            Some((file, options.and_then(|o| serde_json::from_str(&o).ok())))
        })
        .collect();
    Some((settings, files))
}

/// Loads the page again: it starts from what the device keeps.
fn start_afresh() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Forgets the whole dossier, then starts the page afresh.
pub fn forget(error: Said) {
    wasm_bindgen_futures::spawn_local(async move {
        match JsFuture::from(clear()).await {
            Ok(_) => start_afresh(),
            Err(e) => error.set(Some(refused(&e))),
        }
    });
}

/// Opens a dossier file in place of the dossier on screen: the device's copy is replaced by
/// it, then the page starts again from that copy.
pub fn open(error: Said, settings: &Saved, files: &[PackedFile]) {
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
            Ok(_) => start_afresh(),
            Err(e) => error.set(Some(refused(&e))),
        }
    });
}
