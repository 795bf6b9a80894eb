//! Saves text or bytes as a file on the user's machine (a Blob URL: nothing leaves the page).

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Why the browser would not start a download (its own words, for the message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DownloadError(pub String);

/// Offers `content` for download as `file_name` with MIME type `mime`.
pub fn save(file_name: &str, mime: &str, content: &str) -> Result<(), DownloadError> {
    save_parts(file_name, mime, &js_sys::Array::of1(&content.into()))
}

/// Offers `bytes` for download as `file_name` with MIME type `mime`.
pub fn save_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), DownloadError> {
    save_parts(file_name, mime, &js_sys::Array::of1(&js_sys::Uint8Array::from(bytes)))
}

fn save_parts(file_name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), DownloadError> {
    start(file_name, mime, parts).map_err(DownloadError)
}

fn start(file_name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(parts, &options).map_err(|e| format!("{e:?}"))?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("pas de document")?;
    let a: HtmlAnchorElement = document.create_element("a").map_err(|e| format!("{e:?}"))?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // The click has started the download; the URL can go a little later.
    let revoke = url.clone();
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = Url::revoke_object_url(&revoke);
    })
    .forget();
    Ok(())
}
