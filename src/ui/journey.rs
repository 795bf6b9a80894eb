//! The journey as steps with their state — files, territory, table, charts, publication — a
//! bar at the top of the page: each step says where it stands and takes the reader there, the
//! one to do next marked as the current step.

use crate::engine::dossier::session::Kit;
use crate::ui::messages;
use crate::ui::state::AppState;
use leptos::prelude::*;

/// One step: its name, where it is on the page, what it says of its state, whether it is done.
struct Stage {
    name: &'static str,
    anchor: &'static str,
    state: String,
    done: bool,
}

/// The steps as the state stands.
fn stages(state: AppState) -> Vec<Stage> {
    let files = state.dossier.with(|d| d.sources.len());
    let place = state.place.get();
    let selected = state.selected.get().and_then(Result::ok);
    let kept = state.charts.with(Vec::len);
    let shown = state.chart.get().is_some_and(|c| c.is_ok());
    let kit = state.kit.get().is_some_and(|k| matches!(k.as_deref(), Ok(Kit::Built { .. })));
    let indicators = selected.as_ref().map(|s| s.chartable.len());
    vec![
        Stage {
            name: "Fichiers",
            anchor: "#step-file",
            state: if files == 0 {
                "à charger".to_owned()
            } else {
                messages::count(files as u64, "fichier", "fichiers")
            },
            done: files > 0,
        },
        Stage {
            name: "Territoire",
            anchor: "#step-commune",
            state: place.as_ref().map_or_else(|| "à choisir".to_owned(), |p| p.name.clone()),
            done: place.is_some(),
        },
        Stage {
            name: "Tableau",
            anchor: "#step-table",
            state: match indicators {
                Some(n) => messages::count(n as u64, "indicateur", "indicateurs"),
                None => "après le territoire".to_owned(),
            },
            done: indicators.is_some(),
        },
        Stage {
            name: "Graphiques",
            anchor: "#step-chart",
            state: match (kept, shown) {
                (0, true) => "1 affiché".to_owned(),
                (0, false) => "à faire".to_owned(),
                (n, _) => messages::count(n as u64, "gardé", "gardés"),
            },
            done: kept > 0 || shown,
        },
        Stage {
            name: "Publication",
            anchor: "#step-publish",
            state: if kit { "fichiers prêts".to_owned() } else { "à préparer".to_owned() },
            done: kit,
        },
    ]
}

/// The bar of steps.
#[component]
pub fn Journey() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <nav class="journey" aria-label="Étapes du dossier">
            <ol>
                {move || {
                    let stages = stages(state);
                    let next = stages.iter().position(|s| !s.done);
                    stages
                        .into_iter()
                        .enumerate()
                        .map(|(i, s)| {
                            let current = next == Some(i);
                            let mark = if s.done { " ✓" } else { "" };
                            view! {
                                <li class:done=s.done class:current=current>
                                    <a href=s.anchor aria-current=current.then_some("step")>
                                        <span class="journey-number" aria-hidden="true">{format!("{}", i + 1)}</span>
                                        <span class="journey-name">{s.name}</span>
                                        <span class="journey-state">
                                            <span class="sr-only">{if s.done { " : fait, " } else { " : " }}</span>
                                            {s.state}
                                            <span aria-hidden="true">{mark}</span>
                                        </span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </nav>
    }
}
