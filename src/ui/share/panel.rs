//! Links and recipes on the page: the notice of a `?src=` link (which address it will fetch,
//! then what came of it) or of a shared view; the recipe file to open; the share link and the
//! recipe to take away.

use crate::engine::dossier::recipe::Recipe;
use crate::ui::file::picker::SmallFilePicker;
use crate::ui::messages;
use crate::ui::share::link;
use crate::ui::share::recipe;
use crate::ui::state::AppState;
use crate::ui::state::requests;
use crate::ui::state::worker::EngineHandle;
use crate::ui::widgets::download;
use crate::ui::widgets::fetch::{self, FetchError};
use leptos::prelude::*;

/// Where a `?src=` link stands.
#[derive(Clone, Debug, PartialEq)]
enum Source {
    /// Waiting for the user to agree to fetch this address.
    Asked(String),
    /// Fetching it.
    Fetching(String),
    /// Fetched; the file is being read.
    Opened(String),
    /// Could not be fetched.
    Failed(String, FetchError),
}

/// Fetches the address of a `?src=` link: a CSV is opened; a recipe is applied, then the file
/// beside it is fetched and opened.
async fn fetch(state: AppState, engine: EngineHandle, url: String, status: RwSignal<Option<Source>>) {
    status.set(Some(Source::Fetching(url.clone())));
    let file = match fetch::file(&url).await {
        Ok(file) => file,
        Err(e) => return status.set(Some(Source::Failed(url, e))),
    };
    if !link::is_recipe(&file) {
        requests::open(state, engine, vec![file]);
        return status.set(Some(Source::Opened(url)));
    }
    let recipe = match link::read_recipe(&file).await {
        Ok(recipe) => recipe,
        Err(e) => return status.set(Some(Source::Failed(url, e))),
    };
    let Some(data) = link::beside(&url, &recipe.file_name) else {
        return status.set(Some(Source::Failed(url, FetchError::BadRecipe("elle ne nomme aucun fichier".into()))));
    };
    recipe::apply(state, recipe);
    status.set(Some(Source::Fetching(data.clone())));
    match fetch::file(&data).await {
        Ok(file) => {
            requests::open(state, engine, vec![file]);
            status.set(Some(Source::Opened(data)));
        }
        Err(e) => status.set(Some(Source::Failed(data, e))),
    }
}

/// What a shared view restores, in words.
fn restored(recipe: &Recipe) -> String {
    let mut parts = Vec::new();
    if let Some(code) = &recipe.territory {
        parts.push(format!("la commune {code}"));
    }
    if let Some(chart) = &recipe.chart {
        parts.push(format!("le graphique de {}", chart.column));
    }
    if recipe.read != Default::default() {
        parts.push("les réglages de lecture".to_owned());
    }
    let what = if parts.is_empty() { "les réglages".to_owned() } else { parts.join(", ") };
    format!(
        "Ce lien restaure {what}. Ouvrez le fichier « {} » (étape 1) pour retrouver la vue : il reste sur votre ordinateur.",
        recipe.file_name
    )
}

/// What came of an action: a status line, or an alert.
fn outcome(status: RwSignal<Option<Result<String, String>>>) -> Option<AnyView> {
    status.get().map(|r| match r {
        Ok(text) => view! { <p class="hint" role="status">{text}</p> }.into_any(),
        Err(text) => view! { <p class="error" role="alert">{text}</p> }.into_any(),
    })
}

/// The notice of a link the page was opened from.
#[component]
pub fn LinkNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let engine = expect_context::<EngineHandle>();
    // An address Carnet would not fetch (`javascript:`, `data:`…) is refused at once, in words.
    let source = RwSignal::new(link::source().map(|url| match fetch::checked(&url) {
        Ok(_) => Source::Asked(url),
        Err(e) => Source::Failed(url, e),
    }));
    let shared = RwSignal::new(None::<Result<String, String>>);
    wasm_bindgen_futures::spawn_local(async move {
        match link::shared().await {
            Some(Ok(r)) => {
                shared.set(Some(Ok(restored(&r))));
                recipe::apply(state, r);
            }
            Some(Err(e)) => shared.set(Some(Err(e))),
            None => {}
        }
    });
    let go = move |_| {
        if let Some(Source::Asked(url)) = source.get_untracked() {
            wasm_bindgen_futures::spawn_local(fetch(state, engine, url, source));
        }
    };
    view! {
        {move || match source.get() {
            Some(Source::Asked(url)) => Some(view! {
                <section class="notice link-notice" aria-labelledby="link-title">
                    <h2 id="link-title">"Ouvrir un fichier par lien"</h2>
                    <p>
                        "Ce lien demande d’ouvrir le fichier à l’adresse "<code class="address">{url}</code>". "
                        "Carnet va le télécharger depuis cette adresse (et, si c’est une recette, le fichier de données "
                        "placé à côté d’elle) : c’est la seule demande qui quitte cette page. Rien n’est envoyé."
                    </p>
                    <button type="button" class="primary" on:click=go>"Ouvrir ce fichier"</button>
                </section>
            }.into_any()),
            Some(Source::Fetching(url)) => Some(view! {
                <p class="notice" role="status">{format!("Téléchargement de « {url} »…")}</p>
            }.into_any()),
            Some(Source::Opened(url)) => Some(view! {
                <p class="notice" role="status">{format!("Fichier téléchargé depuis « {url} ».")}</p>
            }.into_any()),
            Some(Source::Failed(url, e)) => Some(view! {
                <p class="error" role="alert">{messages::fetch_error(&url, &e)}</p>
            }.into_any()),
            None => None,
        }}
        {move || shared.get().map(|r| match r {
            Ok(text) => view! { <p class="notice" role="status">{text}</p> }.into_any(),
            Err(text) => view! { <p class="error" role="alert">{text}</p> }.into_any(),
        })}
    }
}

/// Opens a recipe file (`carnet.json`): its settings apply to the file read next.
#[component]
pub fn RecipePicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = RwSignal::new(None::<Result<String, String>>);
    let on_file = Callback::new(move |file: web_sys::File| {
        wasm_bindgen_futures::spawn_local(async move {
            let name = file.name();
            match link::read_recipe(&file).await {
                Ok(r) => {
                    status.set(Some(Ok(format!("Recette « {name} » ouverte. {}", restored(&r)))));
                    recipe::apply(state, r);
                }
                Err(e) => status.set(Some(Err(messages::fetch_error(&name, &e)))),
            }
        });
    });
    view! {
        <SmallFilePicker
            id="recipe-input"
            title="Recette Carnet (facultatif)"
            hint="Le fichier carnet.json gardé d’une fois précédente : il refait la lecture, le choix de la commune, le graphique et les champs de publication sur le nouveau fichier."
            accept=".json,application/json"
            on_file=on_file
        />
        {move || outcome(status)}
    }
}

/// The share link and the recipe to take away.
#[component]
pub fn SharePanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = RwSignal::new(None::<Result<String, String>>);
    let copy_link = move |_| {
        wasm_bindgen_futures::spawn_local(async move {
            let result = match link::share(state).await {
                Ok(url) => {
                    let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
                    let copied = match clipboard {
                        Some(c) => wasm_bindgen_futures::JsFuture::from(c.write_text(&url)).await.is_ok(),
                        None => false,
                    };
                    if copied {
                        Ok("Lien copié. Il garde la commune, le graphique et les réglages ; la personne qui l’ouvre \
                            charge le même fichier de son côté (le fichier ne voyage pas dans le lien)."
                            .to_owned())
                    } else {
                        Ok(format!("Copiez ce lien : {url}"))
                    }
                }
                Err(e) => Err(format!("Le lien n’a pas pu être préparé : {e}")),
            };
            status.set(Some(result));
        });
    };
    let save_recipe = move |_| {
        let text = recipe::current(state).to_json();
        if let Err(e) = download::save("carnet.json", "application/json", &text) {
            status.set(Some(Err(messages::download_error(&e))));
        }
    };
    let ready = move || matches!(state.selected.get(), Some(Ok(_)));
    view! {
        <div class="share" hidden=move || !ready()>
            <h3>"Garder et partager"</h3>
            <button type="button" class="secondary" on:click=copy_link>"Copier le lien de cette vue"</button>
            " "
            <button type="button" class="secondary" on:click=save_recipe>"Télécharger la recette (carnet.json)"</button>
            {move || outcome(status)}
        </div>
    }
}
