//! The requests that follow the state: a commune and a file → the commune's rows; new rows →
//! the column and kind of chart (the engine's proposal until the user picks one); the chart's
//! settings → its chart.

use crate::engine::ErrorKind;
use crate::engine::chart::{ChartKind, ChartRequest};
use crate::protocol::UiToWorker;
use crate::ui::state::requests;
use crate::ui::state::worker::EngineHandle;
use crate::ui::state::{AppState, LoadState};
use leptos::prelude::*;

/// Sets up the effects that send those requests.
pub fn follow(state: AppState, engine: EngineHandle) {
    // A commune picked and a file loaded: ask for the commune's rows.
    Effect::new(move || {
        let Some(place) = state.place.get() else {
            return;
        };
        // A file too large to keep is read again for the new commune.
        let reread = match state.load.get() {
            LoadState::Loaded(l) => l.streamed && l.detection.rows > 0,
            LoadState::Failed { error, .. } => matches!(error.kind(), ErrorKind::TooLargeWithoutCommune { .. }),
            _ => false,
        };
        let loaded = matches!(state.load.get_untracked(), LoadState::Loaded(_));
        // The load already asked for this commune's rows.
        let asked =
            state.focused.get_value().is_some_and(|(id, code)| state.selected.is_latest(id) && code == place.code);
        if reread && !asked {
            requests::reread(state, engine);
        } else if loaded && !asked {
            requests::select(state, engine, place);
        }
    });
    // New rows: keep the charted column if it is still there, else take the first.
    Effect::new(move || {
        let Some(Ok(selected)) = state.selected.get() else {
            return;
        };
        let current = state.chart_column.get_untracked();
        if current.as_ref().is_none_or(|c| !selected.chartable.contains(c)) {
            state.chart_column.set(selected.chartable.first().cloned());
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
            let request = ChartRequest { column, kind, label: None, edits, columns };
            engine.with_value(|e| e.send(UiToWorker::Chart { id, request }));
        }
    });
}
