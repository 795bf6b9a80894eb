//! Links into Carnet. `?src=<address>` opens a CSV file, or a recipe and the file beside it,
//! from an address — after saying which, since it is the one request that leaves the page.
//! `#carnet=<code>` restores a shared view (read settings, commune, chart): the recipe travels
//! compressed in the fragment, which no server sees.

use crate::engine::dossier::recipe::{MAX_BYTES as RECIPE_MAX_BYTES, Recipe, RecipeError};
use crate::ui::share::recipe;
use crate::ui::state::AppState;
use crate::ui::widgets::fetch::FetchError;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = carnetShare, js_name = pack, catch)]
    async fn pack(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = carnetShare, js_name = unpack, catch)]
    async fn unpack(code: &str) -> Result<JsValue, JsValue>;
}

/// The longest fragment a share link carries (`public/share.js` refuses longer ones).
const MAX_CODE: usize = 32 * 1024;

/// The fragment's prefix.
const FRAGMENT: &str = "#carnet=";

/// The address a `?src=` link asks to open, made absolute.
pub fn source() -> Option<String> {
    let location = web_sys::window()?.location();
    let params = web_sys::UrlSearchParams::new_with_str(&location.search().ok()?).ok()?;
    let src = params.get("src").filter(|s| !s.trim().is_empty())?;
    web_sys::Url::new_with_base(&src, &location.href().ok()?).ok().map(|u| u.href())
}

/// Whether a fetched file is a recipe rather than data.
pub fn is_recipe(file: &web_sys::File) -> bool {
    file.name().to_lowercase().ends_with(".json") || file.type_().contains("json")
}

/// Reads a recipe file.
pub async fn read_recipe(file: &web_sys::File) -> Result<Recipe, FetchError> {
    // A file far larger than a recipe is refused before it is read.
    let bytes = file.size() as usize;
    if bytes > RECIPE_MAX_BYTES {
        return Err(FetchError::BadRecipe(crate::ui::messages::recipe_error(&RecipeError::TooLarge { bytes })));
    }
    let text = gloo::file::futures::read_as_text(&gloo::file::Blob::from(file.clone()))
        .await
        .map_err(|e| FetchError::BadRecipe(e.to_string()))?;
    Recipe::from_json(&text).map_err(|e| FetchError::BadRecipe(crate::ui::messages::recipe_error(&e)))
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
    let code = pack(&recipe.to_json()).await.map_err(|e| format!("{e:?}"))?.as_string().unwrap_or_default();
    if code.len() > MAX_CODE {
        return Err(crate::ui::messages::VIEW_TOO_LARGE_FOR_A_LINK.to_owned());
    }
    let location = web_sys::window().ok_or("pas de fenêtre")?.location();
    let base = format!(
        "{}{}",
        location.origin().map_err(|e| format!("{e:?}"))?,
        location.pathname().map_err(|e| format!("{e:?}"))?
    );
    Ok(format!("{base}{FRAGMENT}{code}"))
}

/// The recipe a shared link carries, if the page was opened from one.
pub async fn shared() -> Option<Result<Recipe, String>> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let code = hash.strip_prefix(FRAGMENT)?;
    Some(match unpack(code).await {
        Ok(text) => {
            Recipe::from_json(&text.as_string().unwrap_or_default()).map_err(|e| crate::ui::messages::shared_error(&e))
        }
        Err(_) => Err(crate::ui::messages::BROKEN_LINK.to_owned()),
    })
}
