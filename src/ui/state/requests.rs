//! The requests the page sends to the worker, with the state changes that go with them.

use crate::engine::read::ReadOptions;
use crate::engine::territory::Place;
use crate::protocol::{Stage, UiToWorker, View};
use crate::ui::state::worker::Engine;
use crate::ui::state::worker::EngineHandle;
use crate::ui::state::{AppState, LoadState};
use leptos::prelude::*;
use web_sys::File;

/// Reads a newly picked file, detecting everything afresh but for the read settings of a
/// recipe opened before it.
pub fn open(state: AppState, engine: EngineHandle, file: File) {
    state.file.set_value(Some(file));
    state.options.set(state.recipe.with_untracked(|r| r.as_ref().map(|r| r.read)).unwrap_or_default());
    read(state, engine);
}

/// Reads the current file again with one more correction.
pub fn correct(state: AppState, engine: EngineHandle, change: impl FnOnce(&mut ReadOptions)) {
    state.options.update(change);
    read(state, engine);
}

/// Reads the current file again as it is (for another commune, when it was too large to keep).
pub fn reread(state: AppState, engine: EngineHandle) {
    read(state, engine);
}

/// The view the page shows for `place`: the steps in force go with it.
fn view(state: AppState, place: Place, fresh: bool) -> View {
    View { place, steps: state.steps_applied_untracked(), fresh }
}

/// Asks for the rows of `place` in the file read.
pub fn select(state: AppState, engine: EngineHandle, place: Place) {
    let id = engine.with_value(|e| state.selected.start(e, false));
    state.chart.clear();
    let view = view(state, place, false);
    engine.with_value(|e| e.send(UiToWorker::Select { id, view }));
}

/// Asks for the rows of the commune picked again (the steps changed, or the tidy table starts
/// again from this file alone: `fresh`), keeping those shown until they come. During a load,
/// the rows riding with it were asked with the view of its start: they are no longer taken
/// for an answer, and the commune's rows are asked again, with this view, once it is read.
pub fn refresh(state: AppState, engine: EngineHandle, fresh: bool) {
    let loaded = matches!(state.load.get_untracked(), LoadState::Loaded(_));
    if matches!(state.load.get_untracked(), LoadState::Loading { .. }) {
        state.focused.set_value(None);
    }
    let Some(place) = state.place.get_untracked().filter(|_| loaded) else { return };
    let id = engine.with_value(|e| state.selected.start(e, true));
    let view = view(state, place, fresh);
    engine.with_value(|e| e.send(UiToWorker::Select { id, view }));
}

/// Reads a variable dictionary; its labels then document the columns.
pub fn dictionary(state: AppState, engine: EngineHandle, file: File) {
    let id = engine.with_value(|e| state.dictionary.start(e, false));
    engine.with_value(|e| e.send(UiToWorker::Dictionary { id, file }));
}

/// Stops the load under way.
pub fn cancel(state: AppState, engine: EngineHandle) {
    let id = state.load_id.get_untracked();
    engine.with_value(|e| e.send(UiToWorker::Cancel { id }));
}

/// Sends the current file and corrections to the worker.
fn read(state: AppState, engine: EngineHandle) {
    let Some(file) = state.file.get_value() else { return };
    let id = engine.with_value(Engine::next_id);
    state.load_id.set(id);
    state.selected.clear();
    state.chart.clear();
    state.load.set(LoadState::Loading {
        file_name: file.name(),
        stage: Stage::Reading,
        done: 0,
        total: file.size() as u64,
        rows: 0,
    });
    let options = state.options.get_untracked();
    // The commune already picked comes back with the file: no second round trip.
    let focus =
        state.place.get_untracked().map(|place| (engine.with_value(Engine::next_id), view(state, place, false)));
    if let Some((select_id, view)) = &focus {
        state.selected.own(*select_id, true);
        state.focused.set_value(Some((*select_id, view.place.code.clone())));
    }
    engine.with_value(|e| e.send(UiToWorker::Load { id, file, options, focus }));
}
