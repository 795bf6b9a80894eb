//! The dossier kept on the device, restored when the page opens, then kept at every change:
//! its files queued again in the order read (the file shown last), its territory, its steps,
//! names, charts and publication fields.

use crate::engine::dossier::saved::Saved;
use crate::engine::read::ReadOptions;
use crate::ui::state::worker::EngineHandle;
use crate::ui::state::{AppState, keep, requests};
use leptos::prelude::*;
use web_sys::File;

/// Restores the dossier kept, then keeps every change of its settings.
pub fn follow(state: AppState, engine: EngineHandle) {
    let restored = RwSignal::new(false);
    wasm_bindgen_futures::spawn_local(async move {
        if let Some((settings, files)) = keep::load().await {
            restore(state, engine, settings, files);
        }
        restored.set(true);
    });
    Effect::new(move |last: Option<Saved>| {
        let saved = state.saved();
        if restored.get() && last.as_ref().is_some_and(|l| *l != saved) {
            keep::settings(state.kept_error, &saved);
        }
        saved
    });
}

/// Applies the settings kept and reads the files kept again.
fn restore(
    state: AppState,
    engine: EngineHandle,
    settings: Option<Saved>,
    mut files: Vec<(File, Option<ReadOptions>)>,
) {
    let Some(k) = settings else {
        if !files.is_empty() {
            requests::queue(state, engine, files);
        }
        return;
    };
    // In the order read; the file shown last, to be shown again.
    let rank = |name: &str| {
        let at = k.order.iter().position(|n| n == name).unwrap_or(usize::MAX - 1);
        if k.shown.as_deref() == Some(name) { usize::MAX } else { at }
    };
    files.sort_by_key(|(f, _)| rank(&f.name()));
    // Files too large to keep: to be opened again.
    let back: Vec<String> = files.iter().map(|(f, _)| f.name()).collect();
    state.to_reopen.set(k.order.iter().filter(|n| !back.contains(n)).cloned().collect());
    state.steps.set(k.steps);
    state.applied.set(k.applied);
    state.names.set(k.names);
    state.chart_kind_chosen.set(k.chart_kind_chosen);
    if let Some(kind) = k.chart_kind {
        state.chart_kind.set(kind);
    }
    state.chart_edits.set(k.chart_edits);
    state.chart_columns.set(k.chart_columns);
    state.charts.set(k.charts);
    state.expected.set(k.expected);
    state.restored_chart.set_value(k.chart_column);
    state.dataset.set(k.dataset);
    state.proposed.set_value(k.proposed);
    state.description_auto.set(k.description_auto);
    // The territory is kept whole: it needs no geography to come back.
    if k.place.is_some() {
        state.place.set(k.place);
    }
    requests::queue(state, engine, files);
}
