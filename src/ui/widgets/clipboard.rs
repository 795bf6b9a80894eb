//! The clipboard: one helper for every « Copier » button.

/// Puts `text` on the clipboard; `done` hears whether it worked (a browser may refuse it
/// outside a secure page or without the user's gesture).
pub fn copy(text: String, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else { return done(false) };
    let promise = window.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}
