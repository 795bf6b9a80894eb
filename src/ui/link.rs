//! Links into Carnet. `?src=<address>` opens a CSV file, or a recipe and the file beside it,
//! from an address — after saying which, since it is the one request that leaves the page.
//! `#carnet=<code>` restores a shared view (read settings, commune, chart): the recipe travels
//! compressed in the fragment, which no server sees.

use super::recipe;
use super::state::AppState;
use crate::engine::dossier::recipe::Recipe;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = carnetShare, js_name = pack, catch)]
    async fn pack(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = carnetShare, js_name = unpack, catch)]
    async fn unpack(code: &str) -> Result<JsValue, JsValue>;
}

/// The fragment's prefix.
const FRAGMENT: &str = "#carnet=";

/// Why a file could not be fetched from an address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The request did not get an answer: offline, refused by the server's CORS rules or by
    /// the page's own policy.
    Unreachable,
    /// The server answered with an error status.
    Status(u16),
    /// The address leads to a web page, not a file.
    WebPage,
    /// A recipe that Carnet cannot read.
    BadRecipe(String),
}

/// The address a `?src=` link asks to open, made absolute.
pub fn source() -> Option<String> {
    let location = web_sys::window()?.location();
    let params = web_sys::UrlSearchParams::new_with_str(&location.search().ok()?).ok()?;
    let src = params.get("src").filter(|s| !s.trim().is_empty())?;
    web_sys::Url::new_with_base(&src, &location.href().ok()?).ok().map(|u| u.href())
}

/// Fetches `url` as a `File` named after the address's last segment.
pub async fn fetch_file(url: &str) -> Result<web_sys::File, FetchError> {
    let window = web_sys::window().ok_or(FetchError::Unreachable)?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| FetchError::Unreachable)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| FetchError::Unreachable)?;
    if !response.ok() {
        return Err(FetchError::Status(response.status()));
    }
    let kind = response.headers().get("content-type").ok().flatten().unwrap_or_default();
    if kind.starts_with("text/html") {
        return Err(FetchError::WebPage);
    }
    let blob = JsFuture::from(response.blob().map_err(|_| FetchError::Unreachable)?)
        .await
        .map_err(|_| FetchError::Unreachable)?;
    let name = file_name(url);
    let options = web_sys::FilePropertyBag::new();
    options.set_type(&kind);
    web_sys::File::new_with_blob_sequence_and_options(&js_sys::Array::of1(&blob), &name, &options)
        .map_err(|_| FetchError::Unreachable)
}

/// The last segment of an address's path, decoded (`…/cc_filosofi_2020_COM.csv?x` →
/// `cc_filosofi_2020_COM.csv`).
fn file_name(url: &str) -> String {
    let path = web_sys::Url::new(url).map(|u| u.pathname()).unwrap_or_default();
    let last = path.rsplit('/').next().unwrap_or_default();
    js_sys::decode_uri_component(last)
        .ok()
        .and_then(|s| s.as_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "fichier.csv".to_owned())
}

/// Whether a fetched file is a recipe rather than data.
pub fn is_recipe(file: &web_sys::File) -> bool {
    file.name().to_lowercase().ends_with(".json") || file.type_().contains("json")
}

/// Reads a recipe file.
pub async fn read_recipe(file: &web_sys::File) -> Result<Recipe, FetchError> {
    let text = gloo::file::futures::read_as_text(&gloo::file::Blob::from(file.clone()))
        .await
        .map_err(|e| FetchError::BadRecipe(e.to_string()))?;
    Recipe::from_json(&text).map_err(|e| FetchError::BadRecipe(super::messages::recipe_error(&e)))
}

/// The address of the data file beside a recipe fetched from `recipe_url`.
pub fn beside(recipe_url: &str, file_name: &str) -> Option<String> {
    let encoded = js_sys::encode_uri_component(file_name).as_string()?;
    web_sys::Url::new_with_base(&encoded, recipe_url).ok().map(|u| u.href())
}

/// A link to this page that restores the current view once its file is loaded.
pub async fn share(state: AppState) -> Result<String, String> {
    let mut recipe = recipe::current(state);
    recipe.publication = None; // the publication fields would make the link long; the recipe file keeps them
    let code = pack(&recipe.to_json()).await.map_err(|e| format!("{e:?}"))?;
    let location = web_sys::window().ok_or("pas de fenêtre")?.location();
    let base = format!(
        "{}{}",
        location.origin().map_err(|e| format!("{e:?}"))?,
        location.pathname().map_err(|e| format!("{e:?}"))?
    );
    Ok(format!("{base}{FRAGMENT}{}", code.as_string().unwrap_or_default()))
}

/// The recipe a shared link carries, if the page was opened from one.
pub async fn shared() -> Option<Result<Recipe, String>> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let code = hash.strip_prefix(FRAGMENT)?;
    Some(match unpack(code).await {
        Ok(text) => {
            Recipe::from_json(&text.as_string().unwrap_or_default()).map_err(|e| super::messages::recipe_error(&e))
        }
        Err(_) => Err("le lien est incomplet ou abîmé".to_owned()),
    })
}
