//! The territories above the commune — its EPCI, its département, its région — offered as the
//! dossier's territory in one click, and the way back to the commune.

use crate::engine::territory::{Level, Place};
use crate::ui::state::{AppState, Geography};
use leptos::prelude::*;

/// The level's name as the choice says it.
fn level_name(level: Level) -> &'static str {
    match level {
        Level::Epci => "intercommunalité",
        Level::Departement => "département",
        Level::Region => "région",
        Level::France => "pays",
        Level::Iris | Level::Commune => "commune",
    }
}

/// « Choisir plutôt : la Métropole Européenne de Lille, le Nord, les Hauts-de-France ».
#[component]
pub fn AboveChoice() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The commune the territories above were offered from.
    let commune = RwSignal::new(None::<Place>);
    Effect::new(move || {
        if let Some(place) = state.place.get().filter(|p| p.level == Level::Commune) {
            commune.set(Some(place));
        }
    });
    let choices = move || {
        let Geography::Ready(t) = state.geography.get() else { return Vec::new() };
        let Some(from) = commune.get() else { return Vec::new() };
        let current = state.place.get();
        std::iter::once(from.clone())
            .chain(t.above(&from.code))
            .filter(|p| current.as_ref().is_none_or(|c| c.level != p.level || c.code != p.code))
            .collect()
    };
    view! {
        <Show when=move || !choices().is_empty()>
            <div class="above" role="group" aria-labelledby="above-label">
                <span id="above-label" class="hint">"Ou choisir comme territoire : "</span>
                {move || {
                    choices()
                        .into_iter()
                        .map(|place| {
                            let label = format!("{} ({})", place.name, level_name(place.level));
                            let aria = format!("Choisir {} comme territoire", place.designation());
                            view! {
                                <button
                                    type="button"
                                    class="secondary"
                                    aria-label=aria
                                    on:click=move |_| state.place.set(Some(place.clone()))
                                >
                                    {label}
                                </button>
                            }
                        })
                        .collect_view()
                }}
            </div>
        </Show>
    }
}
