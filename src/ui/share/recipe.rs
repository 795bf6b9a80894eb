//! The recipe on the page: the current one (to save or share: the dossier's sources, territory,
//! steps, names, charts and publication fields), and applying one (opened from a file or a
//! link) to the files read after it — each matched with the source it takes the place of.

use crate::engine::dossier::recipe::{ChartSettings, DossierChart, Recipe};
use crate::ui::state::{AppState, Geography, LoadState};
use leptos::prelude::*;

/// The recipe of what is on the page now.
pub fn current(state: AppState) -> Recipe {
    let file_name = match state.load.get_untracked() {
        LoadState::Loaded(l) => l.file_name.clone(),
        _ => state.recipe.with_untracked(|r| r.as_ref().map(|r| r.file_name.clone()).unwrap_or_default()),
    };
    let mut recipe = Recipe::new(&file_name, state.options.get_untracked());
    recipe.columns = match state.load.get_untracked() {
        LoadState::Loaded(l) => l.detection.columns.iter().map(|c| (c.name.clone(), c.kind)).collect(),
        _ => state.recipe.with_untracked(|r| r.as_ref().map(|r| r.columns.clone()).unwrap_or_default()),
    };
    let place = state.place.get_untracked();
    recipe.territory = place.as_ref().map(|p| p.code.clone());
    recipe.place = place.filter(|p| p.level != crate::engine::territory::Level::Commune);
    recipe.sources = state
        .dossier
        .with_untracked(|d| state.expected.with_untracked(|e| crate::engine::dossier::recipe::carried(&d.expected, e)));
    recipe.names = state.names.get_untracked();
    recipe.charts = state.charts.with_untracked(|c| c.iter().map(DossierChart::undrawn).collect());
    recipe.steps = untrack(|| state.steps_applied());
    recipe.chart = state.chart_column.get_untracked().map(|column| ChartSettings {
        column,
        kind: state.chart_kind.get_untracked(),
        edits: state.chart_edits.get_untracked(),
        columns: state.chart_columns.get_untracked(),
    });
    recipe.publication = state.dataset.get_untracked();
    // Made from the portrait: the link opens on it, with the figures chosen.
    recipe.portrait = state.portrait_open.get_untracked().then(|| state.portrait_request.get_untracked());
    recipe
}

/// Applies `recipe`: its read settings wait for the next file, its commune is picked as soon
/// as the commune list is there, its chart is drawn once the rows come, its publication fields
/// replace the proposal.
pub fn apply(state: AppState, recipe: Recipe) {
    state.options.set(recipe.read);
    state.applied.set(recipe.steps.len());
    state.steps.set(recipe.steps.clone());
    if let Some(chart) = &recipe.chart {
        state.chart_column.set(Some(chart.column.clone()));
        state.chart_kind.set(chart.kind);
        state.chart_kind_chosen.set(true);
        state.chart_edits.set(chart.edits.clone());
        state.chart_columns.set(chart.columns.clone());
    }
    state.names.set(recipe.names.clone());
    state.charts.set(recipe.charts.clone());
    state.expected.set(recipe.expected());
    // An EPCI, a département, a région: the territory comes whole.
    if recipe.place.is_some() {
        state.place.set(recipe.place.clone());
    }
    // A portrait's link: the portrait opens, and shows its figures once the files are read.
    state.portrait_request.set(recipe.portrait.clone().unwrap_or_default());
    if recipe.portrait.is_some() {
        state.portrait_open.set(true);
    }
    // Its publication fields are taken on the next rows of its commune.
    state.proposed.set_value(None);
    state.recipe.set(Some(recipe));
}

/// Picks the recipe's commune once the geography is ready.
pub fn follow(state: AppState) {
    Effect::new(move || {
        let Some(code) =
            state.recipe.with(|r| r.as_ref().filter(|r| r.place.is_none()).and_then(|r| r.territory.clone()))
        else {
            return;
        };
        if let Geography::Ready(t) = state.geography.get()
            && state.place.with_untracked(|p| p.as_ref().is_none_or(|p| p.code != code))
            && let Some(place) = t.place(&code)
        {
            state.place.set(Some(place));
        }
    });
}

/// How the file read differs from the one the recipe was made on, and the chart's column on
/// this file's vintage.
#[component]
pub fn RecipeChanges() -> impl IntoView {
    let state = expect_context::<AppState>();
    let changes = Memo::new(move |_| {
        let LoadState::Loaded(l) = state.load.get() else { return None };
        state.recipe.with(|r| {
            let r = r.as_ref().filter(|r| !r.columns.is_empty())?;
            let file: Vec<_> = l.detection.columns.iter().map(|c| (c.name.clone(), c.kind)).collect();
            Some((r.file_name.clone(), crate::engine::dossier::recipe::compare(&r.columns, &file)))
        })
    });
    // The recipe's chart column, under this file's vintage.
    Effect::new(move || {
        let Some((_, c)) = changes.get() else { return };
        if let Some(mapped) = state.chart_column.get_untracked().as_deref().and_then(|col| c.map(col)) {
            state.chart_column.set(Some(mapped.to_owned()));
        }
        let columns = state.chart_columns.get_untracked();
        let mapped: Vec<String> = columns.iter().map(|col| c.map(col).unwrap_or(col).to_owned()).collect();
        if mapped != columns {
            state.chart_columns.set(mapped);
        }
    });
    move || {
        changes.get().map(|(name, c)| {
            let text = match crate::ui::messages::changes(&c) {
                None => {
                    format!("Mêmes colonnes que le fichier de la recette (« {name} ») : elle s’applique telle quelle.")
                }
                Some(changes) => format!("Par rapport au fichier de la recette (« {name} ») : {changes}."),
            };
            view! { <p class="notice recipe-changes" role="status">{text}</p> }
        })
    }
}
