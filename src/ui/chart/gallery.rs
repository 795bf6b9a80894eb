//! The dossier's charts: the chart on screen kept in a list, each one shown again (its file,
//! indicator, kind and edits) to look at or export, or removed.

use crate::engine::dossier::recipe::{ChartSettings, DossierChart};
use crate::ui::messages;
use crate::ui::state::AppState;
use leptos::prelude::*;

/// The chart on screen, as the dossier keeps it.
fn current(state: AppState) -> Option<DossierChart> {
    let drawn = state.chart.get_untracked().and_then(Result::ok)?;
    Some(DossierChart {
        file: state.file_name(),
        title: drawn.title.clone(),
        drawn: Some((*drawn).clone()),
        made: crate::clock::today(),
        settings: ChartSettings {
            column: state.chart_column.get_untracked()?,
            kind: state.chart_kind.get_untracked(),
            edits: state.chart_edits.get_untracked(),
            columns: state.chart_columns.get_untracked(),
        },
    })
}

/// Draws a kept chart again: its file shown, then its settings.
fn show(state: AppState, chart: &DossierChart) {
    let s = &chart.settings;
    if chart.file.is_some() && chart.file != state.file_name() {
        // Its column is charted once its file's rows are back.
        state.restored_chart.set_value(Some(s.column.clone()));
        state.show(chart.file.as_deref());
    } else {
        state.chart_column.set(Some(s.column.clone()));
    }
    state.chart_kind_chosen.set(true);
    state.chart_kind.set(s.kind);
    state.chart_edits.set(s.edits.clone());
    state.chart_columns.set(s.columns.clone());
}

/// « Ajouter ce graphique au dossier » and the list of the charts kept.
#[component]
pub fn ChartGallery() -> impl IntoView {
    let state = expect_context::<AppState>();
    let drawn = move || matches!(state.chart.get(), Some(Ok(_)));
    let add = move |_| {
        if let Some(chart) = current(state) {
            state.charts.update(|charts| {
                if !charts.iter().any(|c| c.file == chart.file && c.settings == chart.settings) {
                    charts.push(chart);
                }
            });
        }
    };
    let items = move || {
        state
            .charts
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, chart)| {
                let kind = messages::chart_kind(chart.settings.kind, "de l’EPCI");
                let from = chart.file.clone().unwrap_or_default();
                let label = chart.title.clone();
                let (show_label, remove_label) = (format!("Afficher « {label} »"), format!("Retirer « {label} » du dossier"));
                let kept = chart.clone();
                view! {
                    <li class="kept-chart">
                        <p>
                            <strong>{format!("{}. {}", i + 1, chart.title)}</strong>
                            <span class="hint">{format!(" — {kind}, {}, {from}", chart.settings.column)}</span>
                        </p>
                        <div class="source-actions">
                            <button type="button" class="secondary" aria-label=show_label on:click=move |_| show(state, &kept)>
                                "Afficher"
                            </button>
                            <button
                                type="button"
                                class="secondary"
                                aria-label=remove_label
                                on:click=move |_| state.charts.update(|c| {
                                    c.remove(i);
                                })
                            >
                                "Retirer"
                            </button>
                        </div>
                    </li>
                }
            })
            .collect_view()
    };
    let count = move || state.charts.with(Vec::len);
    let some = move || count() > 0;
    view! {
        <div class="gallery" role="region" aria-labelledby="gallery-title">
            <h3 id="gallery-title">
                {move || format!("Les graphiques du dossier : {}", messages::count(count() as u64, "graphique", "graphiques"))}
            </h3>
            <button type="button" on:click=add disabled=move || !drawn()>
                "Ajouter ce graphique au dossier"
            </button>
            <p class="hint" hidden=some>
                "Gardez ici les graphiques que vous voulez publier ou présenter : chacun garde son fichier, son indicateur, son type et ses réglages."
            </p>
            <ol class="source-list" hidden=move || !some()>{items}</ol>
        </div>
    }
}
