//! The kit's downloads: the ZIP, and each file alone. The worker builds the files from the
//! fields as they stand; the chart on screen and the recipe travel with them.

use super::Problems;
use crate::engine::chart::Drawn;
use crate::engine::dossier::recipe::DossierChart;
use crate::engine::publish::dataset::Resource;
use crate::engine::publish::kit::{self, Attachment};
use crate::engine::publish::reuse;
use crate::engine::publish::vocabulary;
use crate::protocol::{Kit, UiToWorker};
use crate::ui::chart::panel::PageScripts;
use crate::ui::messages;
use crate::ui::state::AppState;
use crate::ui::state::worker::EngineHandle;
use crate::ui::widgets::download;
use leptos::prelude::*;

/// Which download the latest kit request is for.
#[derive(Clone, Debug, PartialEq)]
enum Want {
    Zip,
    File(String),
}

/// How the files made on the page are listed: the chart on screen, if one is drawn, the
/// recipe, and each chart kept in the dossier (its images, its page and its sheet).
pub fn attachment_resources(state: AppState) -> Vec<Resource> {
    let drawn = state.chart.with(|c| matches!(c, Some(Ok(_))));
    let chart = state.chart_column.get().filter(|_| drawn).map(|column| kit::chart_resource(&column));
    let kept = state.charts.with(|charts| {
        kept(charts)
            .flat_map(|(n, _, d)| {
                [reuse::image(n, d), reuse::vector(n, d), reuse::page(n, d), reuse::sheet_resource(n, d)]
            })
            .collect::<Vec<_>>()
    });
    chart.into_iter().chain([kit::recipe_resource()]).chain(kept).collect()
}

/// The charts kept in the dossier with their drawing, numbered from 1.
fn kept(charts: &[DossierChart]) -> impl Iterator<Item = (usize, &DossierChart, &Drawn)> {
    charts.iter().filter_map(|c| Some((c, c.drawn.as_ref()?))).enumerate().map(|(i, (c, d))| (i + 1, c, d))
}

/// The files made on the page, with their bytes: the chart as PNG at twice its size on
/// screen (for print), the recipe, and each chart kept (PNG drawn off screen, SVG, its
/// standalone page when the `scripts` it carries could be fetched, sheet).
fn attachments(state: AppState, scripts: Option<&PageScripts>) -> Vec<Attachment> {
    let recipe = crate::ui::share::recipe::current(state);
    let title = state.dataset.with_untracked(|d| d.as_ref().map(|d| d.title.clone())).unwrap_or_default();
    let mut out: Vec<Attachment> = untrack(|| attachment_resources(state))
        .into_iter()
        .filter(|r| !r.file.starts_with(reuse::PREFIX))
        .filter_map(|resource| {
            let bytes = match resource.format.as_str() {
                "png" => crate::ui::chart::panel::png(&*state.chart.get_untracked().and_then(Result::ok)?, 2.0)?,
                _ => recipe.to_json().into_bytes(),
            };
            Some(Attachment { resource, bytes })
        })
        .collect();
    state.charts.with_untracked(|charts| {
        for (n, chart, drawn) in kept(charts) {
            if let Some(bytes) = crate::ui::chart::panel::png_of(drawn) {
                out.push(Attachment { resource: reuse::image(n, drawn), bytes });
            }
            if let Some(svg) = crate::ui::chart::panel::svg_of(drawn) {
                out.push(Attachment { resource: reuse::vector(n, drawn), bytes: svg.into_bytes() });
            }
            if let Some(scripts) = scripts {
                out.push(Attachment {
                    resource: reuse::page(n, drawn),
                    bytes: scripts.page(drawn, &chart.made).into_bytes(),
                });
            }
            let sheet = reuse::sheet(n, drawn, &chart.made, &title).into_bytes();
            out.push(Attachment { resource: reuse::sheet_resource(n, drawn), bytes: sheet });
        }
    });
    out
}

/// The ZIP button and one button per file.
#[component]
pub fn KitDownloads() -> impl IntoView {
    let state = expect_context::<AppState>();
    let engine = expect_context::<EngineHandle>();
    let problems = expect_context::<Problems>();
    let want = StoredValue::new(None::<Want>);
    let error = RwSignal::new(None::<String>);
    let blocked = move || problems.0.with(|p| !p.is_empty());

    let request = move |wanted: Want| {
        let Some(dataset) = state.dataset.get_untracked() else { return };
        let id = engine.with_value(|e| state.kit.start(e, true));
        want.set_value(Some(wanted));
        error.set(None);
        // The kept charts' pages carry ECharts: fetched from the app's own files first.
        let kept = state.charts.with_untracked(|c| c.iter().any(|c| c.drawn.is_some()));
        wasm_bindgen_futures::spawn_local(async move {
            let scripts =
                if kept { crate::ui::chart::panel::scripts().await.map_err(|e| error.set(Some(e))).ok() } else { None };
            let message = UiToWorker::Kit {
                id,
                dataset: Box::new(dataset),
                attachments: attachments(state, scripts.as_ref()),
                today: crate::clock::today(),
            };
            engine.with_value(|e| e.send(message));
        });
    };
    // The kit came back: save what was asked for.
    Effect::new(move || {
        let Some(reply) = state.kit.get() else { return };
        let Some(wanted) = want.get_value() else { return };
        want.set_value(None);
        let saved = match reply {
            Ok(kit) => match &*kit {
                Kit::Built { files, zip } => {
                    let file = match &wanted {
                        Want::Zip => Some(zip),
                        Want::File(name) => files.iter().find(|f| &f.name == name),
                    };
                    match file {
                        Some(f) => {
                            let format = f.name.rsplit_once('.').map_or("", |(_, ext)| ext);
                            download::save_bytes(&f.name, vocabulary::mime(format), &f.bytes)
                                .map_err(|e| messages::download_error(&e))
                        }
                        None => Err("Ce fichier ne fait pas partie du dossier.".to_owned()),
                    }
                }
                Kit::Refused(p) => Err(format!(
                    "Rien n’a été écrit : {}.",
                    messages::count(p.len() as u64, "champ est à corriger", "champs sont à corriger")
                )),
            },
            Err(f) => Err(messages::error(&f.file_name, &f.error)),
        };
        error.set(saved.err());
    });

    let files = move || {
        let Some(Ok(selected)) = state.selected.get() else { return Vec::new() };
        kit::written(&selected.facts)
    };
    view! {
        <section class="kit" aria-labelledby="kit-title">
            <h3 id="kit-title">"Les fichiers à déposer"</h3>
            <p>
                "Le dossier contient le CSV nettoyé, son schéma (Table Schema), le datapackage.json, "
                "la documentation (README.md), les champs de data.gouv.fr pour son API (datagouv.json), "
                "le graphique affiché et la recette Carnet."
            </p>
            <p class="error" role="alert" hidden=move || !blocked()>
                "Corrigez d’abord les champs signalés ci-dessus : Carnet n’écrit pas de métadonnées que data.gouv.fr refuserait."
            </p>
            <button type="button" class="primary" on:click=move |_| request(Want::Zip) disabled=blocked>
                "Télécharger tout (ZIP)"
            </button>
            <ul class="kit-files">
                {move || {
                    files()
                        .into_iter()
                        .map(|name| {
                            let wanted = name.clone();
                            view! {
                                <li>
                                    <button type="button" on:click=move |_| request(Want::File(wanted.clone())) disabled=blocked>
                                        {format!("Télécharger {name}")}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </section>
    }
}
