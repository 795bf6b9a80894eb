//! Le portrait: one page presenting the territory's key figures to someone who has never seen
//! Carnet — the figures with their sentences and comparisons, the map of the EPCI's communes,
//! the sources — to read on a phone, print on A4 or download as one HTML file. It opens in
//! place of the working page (`#portrait` in the address, so that the browser's « Précédent »
//! comes back to the dossier).

mod chooser;
mod figure;

use crate::ui::chart::panel::chart_svg_of;
use crate::ui::messages;
use crate::ui::state::AppState;
use crate::ui::widgets::download;
use chooser::FigureChooser;
use figure::{DrawnChart, FigureCard};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The address fragment of the portrait.
const HASH: &str = "#portrait";

thread_local! {
    /// Whether Carnet added the `#portrait` entry to the history (« Précédent » then leaves it);
    /// a reload or a pasted address did not, and closing replaces the address instead.
    static PUSHED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Opens or closes the portrait, the address following; the focus goes to the portrait's title,
/// or back to the button that opened it.
pub fn open(state: AppState, open: bool) {
    if state.portrait_open.get_untracked() != open {
        state.portrait_open.set(open);
    }
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let here = location.hash().unwrap_or_default();
    if open && here != HASH {
        PUSHED.set(location.set_hash(HASH).is_ok());
    } else if !open && here == HASH {
        if PUSHED.replace(false) {
            let _ = window.history().and_then(|h| h.back());
        } else {
            let address =
                format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
            let _ = window
                .history()
                .and_then(|h| h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address)));
        }
    }
    window.scroll_to_with_x_and_y(0.0, 0.0);
    let target = if open { "portrait-title" } else { "portrait-open" };
    gloo::timers::callback::Timeout::new(0, move || {
        let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(target));
        if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = element.focus();
        }
    })
    .forget();
}

/// Follows the address: `#portrait` opens the portrait (a reload, « Précédent », « Suivant »).
pub fn follow(state: AppState) {
    let Some(window) = web_sys::window() else { return };
    let sync = move || {
        let open = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default() == HASH;
        if state.portrait_open.get_untracked() != open {
            state.portrait_open.set(open);
        }
    };
    sync();
    let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(sync);
    let _ = window.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// Opens the portrait again once the files it waited for give the territory's rows.
pub fn reopen(state: AppState) {
    Effect::new(move || {
        let has_rows = state.selected.with(|s| matches!(s, Some(Ok(_))));
        if has_rows && state.portrait_waiting.get_untracked() {
            state.portrait_waiting.set(false);
            open(state, true);
        }
    });
}

/// The way into the portrait, at the end of the charts' step.
#[component]
pub fn PortraitEntry() -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = move || match state.selected.get() {
        Some(Ok(s)) => Some(s.place.name.clone()),
        _ => None,
    };
    view! {
        <div class="portrait-entry" hidden=move || name().is_none()>
            <h3>"Le portrait du territoire"</h3>
            <p class="hint">
                "Une page qui présente les chiffres clés à qui n’a jamais vu Carnet : chaque chiffre en une phrase, "
                "comparé aux territoires dont la commune fait partie, la carte des communes voisines, les sources. "
                "À lire sur un téléphone, à imprimer, à télécharger."
            </p>
            <button type="button" id="portrait-open" on:click=move |_| open(state, true)>
                {move || format!("Voir le portrait {}", crate::engine::text::of(&name().unwrap_or_default(), None))}
            </button>
        </div>
    }
}

/// Downloads the portrait as one HTML file, its charts as SVG images inside it.
fn download_page(portrait: &crate::engine::portrait::Portrait) -> Result<(), download::DownloadError> {
    let svg = |d: &crate::engine::chart::Drawn| chart_svg_of(&d.option, 640, d.height, "");
    let charts: Vec<Option<String>> = portrait.figures.iter().map(|f| f.chart.as_ref().and_then(svg)).collect();
    let map = portrait.map.as_ref().and_then(|d| chart_svg_of(&d.option, 800, d.height, &d.source));
    let html = crate::engine::portrait::page::html(portrait, &charts, map.as_deref());
    let name = format!("portrait_{}.html", crate::engine::chart::export::safe_name(&portrait.place.name));
    download::save(&name, "text/html;charset=utf-8", &html)
}

/// The portrait's page.
#[component]
pub fn PortraitView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let failed: RwSignal<Option<String>> = RwSignal::new(None);
    let shared: RwSignal<Option<String>> = RwSignal::new(None);
    let copy_link = move |_| {
        wasm_bindgen_futures::spawn_local(async move {
            match crate::ui::share::link::share(state).await {
                Ok(url) => crate::ui::widgets::clipboard::copy(url.clone(), move |copied| {
                    shared.set(Some(if copied {
                        "Lien copié. Qui l’ouvre voit ce portrait dès qu’il a ouvert les mêmes fichiers publics de \
                         son côté : les fichiers ne voyagent pas dans le lien, aucun serveur ne le lit."
                            .to_owned()
                    } else {
                        format!("Copiez ce lien : {url}")
                    }));
                }),
                Err(e) => failed.set(Some(format!("Le lien n’a pas pu être préparé : {e}"))),
            }
        });
    };
    let has_rows = move || state.selected.with(|s| matches!(s, Some(Ok(_))));
    let body = move || match state.portrait.get() {
        // A link opened on the portrait: its files are to be opened first.
        None if !has_rows() => {
            // Every file the link's recipe was made from (each vintage draws a year of the
            // figures), but those already open.
            let read: Vec<String> = state.dossier.with(|d| d.sources.iter().map(|s| s.file_name.clone()).collect());
            let awaited: Vec<String> =
                state.expected.with(|e| e.iter().map(|x| x.file_name.clone()).filter(|f| !read.contains(f)).collect());
            let files = awaited.into_iter().map(|f| view! { <li>{f}</li> }).collect_view();
            view! {
                <section class="portrait-waiting" aria-labelledby="portrait-title">
                    <h2 id="portrait-title" tabindex="-1">"Le portrait attend ses fichiers"</h2>
                    <p>
                        "Ce portrait se construit dans votre navigateur à partir de fichiers publics, que rien "
                        "n’envoie nulle part. Ouvrez-les dans le dossier ; le portrait s’affiche dès qu’ils sont lus."
                    </p>
                    <ul>{files}</ul>
                    <button type="button" on:click=move |_| {
                        state.portrait_waiting.set(true);
                        open(state, false);
                    }>"Ouvrir les fichiers"</button>
                </section>
            }
            .into_any()
        }
        None => view! { <p class="hint" role="status">"Portrait en préparation…"</p> }.into_any(),
        Some(Err(failure)) => {
            view! { <p class="error" role="alert">{messages::error(&failure.file_name, &failure.error)}</p> }.into_any()
        }
        Some(Ok(portrait)) => {
            let figures = portrait
                .figures
                .iter()
                .enumerate()
                .map(|(i, f)| view! { <FigureCard figure=f.clone() at=i place=portrait.place.name.clone() /> })
                .collect_view();
            let map = portrait.map.clone().map(|d| {
                view! {
                    <section class="portrait-map" aria-labelledby="portrait-map-title">
                        <h3 id="portrait-map-title">{d.title.clone()}</h3>
                        <p class="hint">{d.subtitle.clone()}</p>
                        <DrawnChart drawn=d.clone() id="portrait-map".to_owned() titled_by_page=true />
                        <p class="figure-source">
                            {crate::engine::chart::option::source_line(&d.source, d.note.as_deref())}
                        </p>
                    </section>
                }
            });
            let sources = portrait.sources.iter().map(|s| view! { <li>{s.line()}</li> }).collect_view();
            let p = portrait.clone();
            let save = move |_| failed.set(download_page(&p).err().map(|e| messages::download_error(&e)));
            view! {
                <header class="portrait-head">
                    <h2 id="portrait-title" tabindex="-1">{portrait.title.clone()}</h2>
                    <p class="portrait-subtitle">{portrait.subtitle.clone()}</p>
                </header>
                <div class="portrait-actions no-print">
                    <button type="button" on:click=move |_| {
                        if let Some(w) = web_sys::window() {
                            let _ = w.print();
                        }
                    }>"Imprimer le portrait"</button>
                    <button type="button" class="secondary" on:click=save>"Télécharger le portrait (page HTML)"</button>
                    <button type="button" class="secondary" on:click=copy_link>"Copier le lien du portrait"</button>
                </div>
                <p class="hint" role="status">{move || shared.get()}</p>
                <p class="error" role="alert" hidden=move || failed.get().is_none()>{move || failed.get()}</p>
                <div class="no-print">
                    <FigureChooser portrait=portrait.clone() />
                </div>
                <div class="figures">{figures}</div>
                {map}
                <section class="portrait-sources" aria-labelledby="portrait-sources-title">
                    <h3 id="portrait-sources-title">"Sources"</h3>
                    <ul>{sources}</ul>
                    <p class="hint">{format!("Portrait réalisé avec Carnet le {}.", portrait.made)}</p>
                </section>
            }
            .into_any()
        }
    };
    view! {
        <main class="wrap portrait" hidden=move || !state.portrait_open.get() aria-labelledby="portrait-title">
            <p class="no-print">
                <button type="button" class="secondary" on:click=move |_| open(state, false)>"← Revenir au dossier"</button>
            </p>
            {body}
        </main>
    }
}
