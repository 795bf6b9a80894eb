//! The requests that follow the state: a commune and a file → the commune's rows; new rows →
//! the column and kind of chart (the engine's proposal until the user picks one); the chart's
//! settings → its chart.

use crate::engine::ErrorKind;
use crate::engine::chart::{ChartKind, ChartRequest};
use crate::engine::dossier::recipe::DossierChart;
use crate::engine::dossier::sources::Contribution;
use crate::engine::tidy::compile::Naming;
use crate::engine::tidy::standardize::Step;
use crate::protocol::UiToWorker;
use crate::ui::state::requests;
use crate::ui::state::worker::EngineHandle;
use crate::ui::state::{AppState, LoadState};
use leptos::prelude::*;

/// Sets up the effects that send those requests.
pub fn follow(state: AppState, engine: EngineHandle) {
    // A commune picked and a file shown: ask for the commune's rows.
    Effect::new(move || {
        let Some(place) = state.place.get() else {
            return;
        };
        // A file too large to read whole is read again for the commune.
        let retry = matches!(state.load.get(), LoadState::Failed { ref error, .. }
            if matches!(error.kind(), ErrorKind::TooLargeWithoutCommune { .. }));
        let loaded = matches!(state.load.get_untracked(), LoadState::Loaded(_));
        // The load already asked for this commune's rows.
        let asked =
            state.focused.get_value().is_some_and(|(id, code)| state.selected.is_latest(id) && code == place.code);
        if retry {
            requests::retry(state, engine);
        } else if loaded && !asked {
            requests::select(state, engine, place);
        }
    });
    // The dossier's steps in force or its indicators' names changed: its rows are asked again
    // (the request carries them) and come back as they leave them.
    Effect::new(move |previous: Option<(Vec<Step>, Vec<Naming>)>| {
        let settings = (state.steps_applied(), state.names.get());
        if previous.is_some() {
            requests::refresh(state, engine);
        }
        settings
    });
    // The recipe's sources: the worker matches each file with the one it replaces.
    Effect::new(move |previous: Option<()>| {
        let expected = state.expected.get();
        if previous.is_some() || !expected.is_empty() {
            let id = engine.with_value(crate::ui::state::worker::Engine::next_id);
            engine.with_value(|e| e.send(UiToWorker::Expect { id, expected }));
        }
    });
    // The dossier changed (a file, a territory, a name): the charts kept are drawn again from
    // it, so that each follows the dossier of today.
    Effect::new(move || {
        state.dossier.track();
        let charts: Vec<_> = state.charts.with_untracked(|c| c.iter().map(DossierChart::undrawn).collect());
        if !charts.is_empty() {
            let id = engine.with_value(crate::ui::state::worker::Engine::next_id);
            state.redraw_id.set_value(id);
            engine.with_value(|e| e.send(UiToWorker::Redraw { id, charts }));
        }
    });
    // The portrait open, new rows or other figures chosen: the portrait is drawn again.
    Effect::new(move || {
        let (open, request) = (state.portrait_open.get(), state.portrait_request.get());
        let has_rows = state.selected.with(|s| matches!(s, Some(Ok(_))));
        state.dossier.track();
        if open && has_rows {
            let id = engine.with_value(|e| state.portrait.start(e, true));
            let today = crate::clock::today();
            engine.with_value(|e| e.send(UiToWorker::Portrait { id, request, today }));
        }
    });
    // Files too large to keep, streamed for another territory: read again for this one.
    Effect::new(move || {
        let dossier = state.dossier.get();
        for source in dossier.sources.iter().filter(|s| s.contribution == Contribution::Reread) {
            requests::reread(state, engine, &source.file_name);
        }
    });
    // A load over: the next file waiting.
    Effect::new(move || {
        if !matches!(state.load.get(), LoadState::Loading { .. }) && state.waiting.get_untracked() > 0 {
            requests::next(state, engine);
        }
    });
    // New rows: keep the charted column if it is still there, else take the one a council
    // shows first (a median, not a count of households).
    Effect::new(move || {
        let Some(Ok(selected)) = state.selected.get() else {
            return;
        };
        // The column charted when the dossier was kept, once its file is back.
        let restored = state.restored_chart.get_value().filter(|c| selected.chartable.contains(c));
        if let Some(column) = restored {
            state.restored_chart.set_value(None);
            state.chart_column.set(Some(column));
        }
        let current = state.chart_column.get_untracked();
        if current.as_ref().is_none_or(|c| !selected.chartable.contains(c)) {
            state.chart_column.set(crate::engine::chart::headline(&selected.chartable).cloned());
        }
        // Until the user picks a kind of chart, the engine's proposal for the column (several
        // years of it, a line; the file's rows of the levels above, a comparison; a share, the
        // ranking among the EPCI's communes). A kind these rows cannot make (chosen for another
        // file) gives way to the proposal.
        if !state.chart_kind_chosen.get_untracked() || !selected.kinds.contains(&state.chart_kind.get_untracked()) {
            let column = state.chart_column.get_untracked();
            let at = selected.chartable.iter().position(|c| Some(c) == column.as_ref());
            let kind = at.and_then(|i| selected.proposed.get(i).copied()).unwrap_or(ChartKind::Commune);
            state.chart_kind.set(kind);
        }
    });
    // A column to chart for the current rows: ask for its chart.
    Effect::new(move || {
        let Some(Ok(selected)) = state.selected.get() else { return };
        let kind = state.chart_kind.get();
        let edits = state.chart_edits.get();
        let Some(column) = state.chart_column.get() else {
            return;
        };
        // A chart of several indicators starts from the one chosen and the next two (or those
        // before it, for the last ones).
        let mut columns = if kind.several_columns() { state.chart_columns.get() } else { Vec::new() };
        if kind.several_columns() && columns.len() < 2 && state.chart_columns.with_untracked(Vec::is_empty) {
            let at = selected.chartable.iter().position(|c| *c == column).unwrap_or(0);
            let (before, after) = selected.chartable.split_at(at);
            columns = after.iter().chain(before.iter().rev()).take(3).cloned().collect();
            state.chart_columns.set(columns.clone());
        }
        {
            let id = engine.with_value(|e| state.chart.start(e, true));
            let request = ChartRequest { column, kind, edits, columns, ..ChartRequest::default() };
            engine.with_value(|e| e.send(UiToWorker::Chart { id, request }));
        }
    });
}
