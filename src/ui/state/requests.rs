//! The requests the page sends to the worker, with the state changes that go with them.

use crate::engine::read::ReadOptions;
use crate::engine::territory::Place;
use crate::protocol::{Stage, UiToWorker, View};
use crate::ui::state::worker::Engine;
use crate::ui::state::worker::EngineHandle;
use crate::ui::state::{AppState, LoadState};
use leptos::prelude::*;
use web_sys::File;

/// Adds newly picked files to the dossier, read one after the other in the order given,
/// detecting everything afresh but for the read settings of a recipe opened before them.
pub fn open(state: AppState, engine: EngineHandle, files: Vec<File>) {
    queue(state, engine, files.into_iter().map(|f| (f, None)).collect());
}

/// Adds files to the dossier, each with the corrections to read it with (`None`: detect).
pub fn queue(state: AppState, engine: EngineHandle, files: Vec<(File, Option<ReadOptions>)>) {
    state.queue.update_value(|q| q.extend(files));
    if !matches!(state.load.get_untracked(), LoadState::Loading { .. }) {
        next(state, engine);
    }
    state.waiting.set(state.queue.with_value(std::collections::VecDeque::len));
}

/// Reads the next file waiting, if any.
pub fn next(state: AppState, engine: EngineHandle) {
    let Some((file, options)) = state.queue.try_update_value(std::collections::VecDeque::pop_front).flatten() else {
        return;
    };
    state.waiting.set(state.queue.with_value(std::collections::VecDeque::len));
    // The settings of the source of its series the recipe expects, else the recipe's own.
    let name = file.name();
    let recipe = state
        .expected
        .with_untracked(|e| crate::engine::dossier::recipe::options_for(e, &name))
        .or_else(|| state.recipe.with_untracked(|r| r.as_ref().map(|r| r.read)));
    state.file.set_value(Some(file));
    state.options.set(options.or(recipe).unwrap_or_default());
    read(state, engine);
}

/// Packs the dossier (settings and files as picked) into one file to download.
pub fn pack(state: AppState, engine: EngineHandle) {
    let files = state.files.get_value();
    let saved = untrack(|| state.saved());
    let id = engine.with_value(|e| state.packed.start(e, false));
    wasm_bindgen_futures::spawn_local(async move {
        let mut packed = Vec::with_capacity(files.len());
        for (file, options) in files {
            let name = file.name();
            match gloo::file::futures::read_as_bytes(&gloo::file::Blob::from(file)).await {
                Ok(bytes) => packed.push(crate::protocol::PackedFile { name, options, bytes }),
                Err(e) => {
                    let error =
                        crate::engine::Error::new(crate::engine::ErrorKind::Unreadable { reason: e.to_string() });
                    state.packed.answer(id, Err(crate::ui::state::Failure { file_name: name, error }));
                    return;
                }
            }
        }
        let today = crate::clock::today();
        engine.with_value(|e| e.send(UiToWorker::Pack { id, saved: Box::new(saved), files: packed, today }));
    });
}

/// Opens a dossier file in place of the dossier on screen.
pub fn unpack(state: AppState, engine: EngineHandle, file: File) {
    state.unpack_error.set(None);
    let id = engine.with_value(Engine::next_id);
    engine.with_value(|e| e.send(UiToWorker::Unpack { id, file }));
}

/// Takes the file `name` out of the dossier (and off the device).
pub fn remove(state: AppState, engine: EngineHandle, name: &str) {
    state.files.update_value(|f| f.retain(|(g, _)| g.name() != name));
    state.reads.update_value(|r| r.retain(|l| l.file_name != name));
    crate::ui::state::keep::forget_file(state.kept_error, name);
    let id = engine.with_value(Engine::next_id);
    engine.with_value(|e| e.send(UiToWorker::Remove { id, file_name: name.to_owned() }));
}

/// Reads the current file again with one more correction.
pub fn correct(state: AppState, engine: EngineHandle, change: impl FnOnce(&mut ReadOptions)) {
    state.options.update(change);
    read(state, engine);
}

/// Reads the dossier's file `name` again as it was read (for another territory, when it was
/// too large to keep).
pub fn reread(state: AppState, engine: EngineHandle, name: &str) {
    let file = state.files.with_value(|f| f.iter().find(|(g, _)| g.name() == name).cloned());
    let queued = state.queue.with_value(|q| q.iter().any(|(g, _)| g.name() == name));
    if let Some((file, options)) = file.filter(|_| !queued) {
        queue(state, engine, vec![(file, Some(options))]);
    }
}

/// The view the page shows for `place`: the steps in force and the file shown go with it.
fn view(state: AppState, place: Place) -> View {
    View {
        place,
        steps: state.steps_applied_untracked(),
        source: state.file_name(),
        names: state.names.get_untracked(),
    }
}

/// Reads the file shown again as it is (read without a commune, it was too large).
pub fn retry(state: AppState, engine: EngineHandle) {
    read(state, engine);
}

/// Asks for the rows of `place` in the file read.
pub fn select(state: AppState, engine: EngineHandle, place: Place) {
    let id = engine.with_value(|e| state.selected.start(e, false));
    state.chart.clear();
    let view = view(state, place);
    engine.with_value(|e| e.send(UiToWorker::Select { id, view }));
}

/// Asks for the rows of the commune picked again (the steps changed), keeping those shown
/// until they come. During a load, the rows riding with it were asked with the view of its
/// start: they are no longer taken for an answer, and the commune's rows are asked again,
/// with this view, once it is read.
pub fn refresh(state: AppState, engine: EngineHandle) {
    let loaded = matches!(state.load.get_untracked(), LoadState::Loaded(_));
    if matches!(state.load.get_untracked(), LoadState::Loading { .. }) {
        state.focused.set_value(None);
    }
    let Some(place) = state.place.get_untracked().filter(|_| loaded) else { return };
    let id = engine.with_value(|e| state.selected.start(e, true));
    let view = view(state, place);
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
    // A load under way (a correction made from its head's glimpse) is stopped, not left to
    // finish after this one.
    if matches!(state.load.get_untracked(), LoadState::Loading { .. }) {
        cancel(state, engine);
    }
    state.glimpse.set(None);
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
    let focus = state.place.get_untracked().map(|place| (engine.with_value(Engine::next_id), view(state, place)));
    if let Some((select_id, view)) = &focus {
        state.selected.own(*select_id, true);
        state.focused.set_value(Some((*select_id, view.place.code.clone())));
    }
    engine.with_value(|e| e.send(UiToWorker::Load { id, file, options, focus }));
}
