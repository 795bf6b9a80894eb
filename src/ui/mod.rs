//! The page: Leptos components over the app state, one folder per step of the journey —
//! [`file`] (the files and what was detected), [`territory`] (the commune), [`table`] (its rows,
//! the steps, the tidy table, the explorer), [`chart`], [`publish`] and [`share`] (links and
//! recipes) and [`portrait`] (the territory's page for its citizens) — over [`state`] (the signals and the worker's requests), [`widgets`] and
//! [`messages`] (every French sentence). No data logic here: the engine decides, the worker
//! runs it, the components show what comes back.

mod chart;
mod file;
mod journey;
pub mod messages;
mod portrait;
mod publish;
mod share;
mod state;
mod table;
mod territory;
mod widgets;

use chart::gallery::ChartGallery;
use chart::panel::ChartPanel;
use file::detection::{DetectionSummary, Preview};
use file::picker::{DictionaryPicker, FilePicker};
use file::progress::LoadProgress;
use file::sources::{DossierPicker, SourcesPanel};
use journey::Journey;
use leptos::prelude::*;
use portrait::{PortraitEntry, PortraitView};
use publish::PublishPanel;
use share::panel::{LinkNotice, RecipePicker, SharePanel};
use share::recipe::RecipeChanges;
use state::AppState;
use state::worker::{Engine, EngineHandle};
use table::compiled::CompiledPanel;
use table::explorer::ExplorerPanel;
use table::selection::SelectionPanel;
use table::steps::StepsPanel;
use territory::above::AboveChoice;
use territory::picker::CommunePicker;

/// Mounts the app; the entry point of the `app` binary.
pub fn start() {
    console_error_panic_hook::set_once();
    // The static page `index.html` paints while this code loads gives way to the app.
    if let Some(shell) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("shell")) {
        shell.remove();
    }
    leptos::mount::mount_to_body(App);
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    let engine: EngineHandle = StoredValue::new_local(Engine::spawn(move |reply| state.receive(reply)));
    provide_context(state);
    provide_context(engine);
    territory::geography::fetch(state);
    share::recipe::follow(state);
    state::follow::follow(state, engine);
    state::restore::follow(state, engine);
    portrait::follow(state);
    portrait::reopen(state);

    view! {
        <header class="banner">
            <div class="wrap">
                <h1>"Carnet"</h1>
                <p class="tagline">
                    "Les données publiques de votre commune, lues et mises en forme dans votre navigateur. "
                    "Aucun fichier n’est envoyé nulle part."
                </p>
            </div>
        </header>
        <div class="working" hidden=move || state.portrait_open.get()>
        <Journey />
        <main class="wrap">
            <LinkNotice />
            <section class="step" aria-labelledby="step-file">
                <h2 id="step-file">"Charger les fichiers"</h2>
                <FilePicker />
                <SourcesPanel />
                <div class="other-files">
                    <DictionaryPicker />
                    <RecipePicker />
                    <DossierPicker />
                </div>
                <LoadProgress />
                <DetectionSummary />
                <RecipeChanges />
                <Preview />
                <ExplorerPanel />
            </section>
            <section class="step" aria-labelledby="step-commune">
                <h2 id="step-commune">"Choisir le territoire"</h2>
                <CommunePicker />
                <AboveChoice />
                <div id="step-table" class="step-anchor">
                    <SelectionPanel />
                    <StepsPanel />
                    <CompiledPanel />
                </div>
            </section>
            <section class="step" aria-labelledby="step-chart">
                <h2 id="step-chart">"Représenter un indicateur"</h2>
                <ChartPanel />
                <ChartGallery />
                <PortraitEntry />
                <SharePanel />
            </section>
            <section class="step" aria-labelledby="step-publish">
                <h2 id="step-publish">"Publier sur data.gouv.fr"</h2>
                <PublishPanel />
            </section>
        </main>
        </div>
        <PortraitView />
        <footer class="wrap footer">
            <p>
                "Carnet fonctionne entièrement dans votre navigateur. "
                "Liste des communes : code officiel géographique (découpage administratif Etalab, Licence Ouverte)."
            </p>
        </footer>
    }
}
