//! The app's state: one struct of signals, provided through context. Replies from the worker
//! flow in through [`AppState::receive`]; components read the signals they show.

pub mod follow;
pub mod keep;
pub mod latest;
pub mod requests;
pub mod restore;
pub mod worker;

use crate::engine::Error;
use crate::engine::chart::{ChartKind, Drawn, Edits};
use crate::engine::dossier::recipe::{DossierChart, Expected, Recipe};
use crate::engine::dossier::saved::{self, Saved};
use crate::engine::publish::dataset::Dataset;
use crate::engine::publish::kit::KitFile;
use crate::engine::publish::readme;
use crate::engine::read::ReadOptions;
use crate::engine::territory::{Place, Territories};
use crate::engine::tidy::compile::Naming;
use crate::engine::tidy::standardize::Step;
use crate::protocol::{Dossier, Kit, Loaded, Page, Portrait, PortraitRequest, RequestId, Selected, Stage, WorkerToUi};
pub use latest::Failure;
use latest::Latest;
use leptos::prelude::*;
use std::collections::VecDeque;
use std::sync::Arc;
use web_sys::File;

/// How far a load has got.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadState {
    /// No file yet.
    Idle,
    /// The worker is reading a file.
    Loading {
        /// The file's name.
        file_name: String,
        /// Reading or parsing.
        stage: Stage,
        /// Bytes done.
        done: u64,
        /// Bytes in all.
        total: u64,
        /// Rows parsed so far.
        rows: u64,
    },
    /// The file was read.
    Loaded(Arc<Loaded>),
    /// The file could not be read.
    Failed {
        /// The file's name.
        file_name: String,
        /// Why.
        error: Error,
    },
}

/// The official geography, once its asset has been fetched.
#[derive(Clone, Debug)]
pub enum Geography {
    /// Being fetched.
    Pending,
    /// Ready.
    Ready(Arc<Territories>),
    /// Could not be fetched or read.
    Failed(String),
}

/// All the app's signals.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The file shown in detail: the one read last, or the one the user chose in the list
    /// (kept to read it again with corrections).
    pub file: StoredValue<Option<File>, LocalStorage>,
    /// The user's corrections to the detection of that file.
    pub options: RwSignal<ReadOptions>,
    /// The file being read, or the one shown.
    pub load: RwSignal<LoadState>,
    /// While a large file is read, what its head alone showed.
    pub glimpse: RwSignal<Option<Arc<Loaded>>>,
    /// The dossier as the worker last described it: its sources and tidy table.
    pub dossier: RwSignal<Arc<Dossier>>,
    /// The dossier's files with the corrections each was read with: to read one again (for
    /// another territory, when it was too large to keep) and to show it again.
    pub files: StoredValue<Vec<(File, ReadOptions)>, LocalStorage>,
    /// What reading each of them showed (detection, preview).
    pub reads: StoredValue<Vec<Arc<Loaded>>>,
    /// Files picked and waiting for their turn, with the corrections to read them with.
    pub queue: StoredValue<VecDeque<(File, Option<ReadOptions>)>, LocalStorage>,
    /// How many are waiting.
    pub waiting: RwSignal<usize>,
    /// Files of the dossier kept by name only (too large to keep): to be opened again.
    pub to_reopen: RwSignal<Vec<String>>,
    /// Why the dossier cannot be kept on the device, once storage refused it.
    pub kept_error: RwSignal<Option<String>>,
    /// The dossier packed into one file, to download.
    pub packed: Latest<Arc<KitFile>>,
    /// Why a dossier file could not be opened, in French.
    pub unpack_error: RwSignal<Option<String>>,
    /// The column charted when the dossier was kept, charted again once its file is back.
    pub restored_chart: StoredValue<Option<String>>,
    /// The id of the latest load request.
    pub load_id: RwSignal<RequestId>,
    /// The geography.
    pub geography: RwSignal<Geography>,
    /// The commune picked.
    pub place: RwSignal<Option<Place>>,
    /// The commune's rows, or why they could not be kept.
    pub selected: Latest<Arc<Selected>>,
    /// The select that rides with the latest load: its id and commune code.
    pub focused: StoredValue<Option<(RequestId, String)>>,
    /// The column charted.
    pub chart_column: RwSignal<Option<String>>,
    /// Which chart to draw.
    pub chart_kind: RwSignal<ChartKind>,
    /// Whether the user (or a recipe) chose the kind of chart: Carnet stops proposing one.
    pub chart_kind_chosen: RwSignal<bool>,
    /// The user's edits to the chart.
    pub chart_edits: RwSignal<Edits>,
    /// The indicators a chart of several shows.
    pub chart_columns: RwSignal<Vec<String>>,
    /// The chart, or why it could not be built.
    pub chart: Latest<Arc<Drawn>>,
    /// The charts kept in the dossier.
    pub charts: RwSignal<Vec<DossierChart>>,
    /// The latest request to draw the kept charts again: an older answer is dropped.
    pub redraw_id: StoredValue<RequestId>,
    /// The data.gouv.fr fields as the user is editing them.
    pub dataset: RwSignal<Option<Dataset>>,
    /// Whether the description follows the other fields (the user has not written in it).
    pub description_auto: RwSignal<bool>,
    /// The proposal `dataset` was last based on, and its commune's code: the base the user's
    /// edits are carried over from when new rows of the same commune come.
    pub proposed: StoredValue<Option<(String, Dataset)>>,
    /// The explorer's latest slice of rows, or why there is none.
    pub explored: Latest<Arc<Page>>,
    /// The standardization steps, those undone included (for redo).
    pub steps: RwSignal<Vec<Step>>,
    /// The names given to the tidy table's indicators.
    pub names: RwSignal<Vec<Naming>>,
    /// How many of `steps` apply (the others were undone).
    pub applied: RwSignal<usize>,
    /// The recipe opened (from a file or a link), applied to the files read after it.
    pub recipe: RwSignal<Option<Recipe>>,
    /// The sources that recipe expects: each file read is matched with the one it replaces.
    pub expected: RwSignal<Vec<Expected>>,
    /// The variable dictionary read: its file name and how many variables it labels.
    pub dictionary: Latest<(String, usize)>,
    /// The latest publication kit, or why it could not be built.
    pub kit: Latest<Arc<Kit>>,
    /// Whether the portrait is shown in place of the working page.
    pub portrait_open: RwSignal<bool>,
    /// The figures the clerk chose for the portrait, in order (none: Carnet's choice).
    pub portrait_request: RwSignal<PortraitRequest>,
    /// The latest portrait, or why there is none.
    pub portrait: Latest<Arc<Portrait>>,
    /// Whether the portrait waits for its files (opened from a link): it opens again when
    /// they have given the territory's rows.
    pub portrait_waiting: RwSignal<bool>,
}

impl AppState {
    /// Fresh state.
    pub fn new() -> Self {
        Self {
            file: StoredValue::new_local(None),
            options: RwSignal::new(ReadOptions::default()),
            load: RwSignal::new(LoadState::Idle),
            glimpse: RwSignal::new(None),
            dossier: RwSignal::new(Arc::default()),
            files: StoredValue::new_local(Vec::new()),
            reads: StoredValue::new(Vec::new()),
            queue: StoredValue::new_local(VecDeque::new()),
            waiting: RwSignal::new(0),
            kept_error: RwSignal::new(None),
            to_reopen: RwSignal::new(Vec::new()),
            restored_chart: StoredValue::new(None),
            packed: Latest::new(),
            unpack_error: RwSignal::new(None),
            load_id: RwSignal::new(0),
            geography: RwSignal::new(Geography::Pending),
            place: RwSignal::new(None),
            selected: Latest::new(),
            focused: StoredValue::new(None),
            chart_column: RwSignal::new(None),
            chart_kind: RwSignal::new(ChartKind::Commune),
            chart_kind_chosen: RwSignal::new(false),
            chart_edits: RwSignal::new(Edits::default()),
            chart_columns: RwSignal::new(Vec::new()),
            chart: Latest::new(),
            charts: RwSignal::new(Vec::new()),
            redraw_id: StoredValue::new(0),
            dataset: RwSignal::new(None),
            description_auto: RwSignal::new(true),
            proposed: StoredValue::new(None),
            explored: Latest::new(),
            steps: RwSignal::new(Vec::new()),
            applied: RwSignal::new(0),
            names: RwSignal::new(Vec::new()),
            recipe: RwSignal::new(None),
            expected: RwSignal::new(Vec::new()),
            dictionary: Latest::new(),
            kit: Latest::new(),
            portrait_open: RwSignal::new(false),
            portrait_request: RwSignal::new(PortraitRequest::default()),
            portrait: Latest::new(),
            portrait_waiting: RwSignal::new(false),
        }
    }

    /// Shows the file `name` of the dossier in detail (its detection, its rows); `None`: no
    /// file is left.
    pub fn show(&self, name: Option<&str>) {
        let file = name.and_then(|n| self.files.with_value(|f| f.iter().find(|(g, _)| g.name() == n).cloned()));
        let read = name.and_then(|n| self.reads.with_value(|r| r.iter().find(|l| l.file_name == n).cloned()));
        // The rows riding with the last load were another file's.
        self.focused.set_value(None);
        match (file, read) {
            (Some((file, options)), Some(read)) => {
                self.file.set_value(Some(file));
                self.options.set(options);
                self.load.set(LoadState::Loaded(read));
            }
            _ => {
                self.file.set_value(None);
                self.load.set(LoadState::Idle);
                self.selected.clear();
                self.chart.clear();
                self.kit.clear();
            }
        }
    }

    /// The name of the file shown, without tracking it.
    pub fn file_name(&self) -> Option<String> {
        self.file.with_value(|f| f.as_ref().map(File::name))
    }

    /// The dossier's settings as the page holds them (tracked).
    pub fn saved(&self) -> Saved {
        let chart_column = self.chart_column.get();
        Saved {
            version: saved::VERSION,
            order: self.dossier.with(|d| d.sources.iter().map(|s| s.file_name.clone()).collect()),
            shown: self.dossier.with(|d| d.current.clone()),
            place: self.place.get(),
            steps: self.steps.get(),
            applied: self.applied.get(),
            names: self.names.get(),
            chart_kind: chart_column.is_some().then(|| self.chart_kind.get()),
            chart_column,
            chart_kind_chosen: self.chart_kind_chosen.get(),
            chart_edits: self.chart_edits.get(),
            chart_columns: self.chart_columns.get(),
            charts: self.charts.get(),
            expected: self.expected.get(),
            dataset: self.dataset.get(),
            proposed: self.proposed.get_value(),
            description_auto: self.description_auto.get(),
        }
    }

    /// The steps in force.
    pub fn steps_applied(&self) -> Vec<Step> {
        self.steps.with(|s| s[..self.applied.get().min(s.len())].to_vec())
    }

    /// The steps in force, without tracking them.
    pub fn steps_applied_untracked(&self) -> Vec<Step> {
        self.steps.with_untracked(|s| s[..self.applied.get_untracked().min(s.len())].to_vec())
    }

    /// Adds a step after those in force (the undone ones are forgotten).
    pub fn add_step(&self, step: Step) {
        let n = self.applied.get_untracked();
        self.steps.update(|s| {
            s.truncate(n);
            s.push(step);
        });
        self.applied.set(n + 1);
    }

    /// Sets the publication fields for new rows: the user's edits carried over to the new
    /// proposal when the rows are the same commune's; on the first rows after a recipe made
    /// for this commune, the recipe's fields (all of them on the same file, those that do
    /// not depend on the vintage on another); otherwise the proposal.
    fn take_proposal(&self, selected: &Selected) {
        let (code, proposal) = (&selected.place.code, &selected.proposal);
        let facts = &selected.facts;
        let previous = self.proposed.get_value().filter(|(c, _)| c == code);
        let same_commune = previous.is_some();
        let recipe = self.recipe.with_untracked(|r| {
            r.as_ref()
                .filter(|r| r.territory.as_ref() == Some(code))
                .and_then(|r| Some((r.file_name.clone(), r.publication.clone()?)))
        });
        let current = self.dataset.get_untracked();
        let mut dataset = match (previous, current, recipe) {
            (Some((_, base)), Some(current), _) => current.rebase(&base, proposal.clone()),
            (None, _, Some((file, saved))) if file == facts.file_name => saved,
            (None, _, Some((_, saved))) => saved.settings_over(proposal.clone()),
            _ => proposal.clone(),
        };
        // The description follows the other fields unless the user wrote it.
        let written = readme::description(facts, &dataset, &crate::clock::today());
        let auto = if same_commune {
            self.description_auto.get_untracked()
        } else {
            dataset.description == written || dataset.description == proposal.description
        };
        if auto {
            dataset.description = written;
        }
        self.description_auto.set(auto);
        self.proposed.set_value(Some((code.clone(), proposal.clone())));
        self.dataset.set(Some(dataset));
    }

    /// Takes a message from the worker; replies to superseded requests are dropped.
    pub fn receive(&self, message: WorkerToUi) {
        match message {
            WorkerToUi::Progress { id, stage, done, total, rows } if id == self.load_id.get_untracked() => {
                self.load.update(|l| {
                    if let LoadState::Loading { stage: s, done: d, total: t, rows: r, .. } = l {
                        (*s, *d, *t, *r) = (stage, done, total, rows);
                    }
                });
            }
            WorkerToUi::Glimpsed { id, loaded } if id == self.load_id.get_untracked() => {
                if matches!(self.load.get_untracked(), LoadState::Loading { .. }) {
                    user_timing(GLIMPSED);
                    self.glimpse.set(Some(Arc::new(*loaded)));
                }
            }
            WorkerToUi::Loaded { id, loaded } if id == self.load_id.get_untracked() => {
                user_timing(LOADED);
                self.glimpse.set(None);
                let loaded = Arc::new(*loaded);
                let name = loaded.file_name.clone();
                self.to_reopen.update(|r| r.retain(|n| *n != name));
                self.reads.update_value(|r| {
                    r.retain(|l| l.file_name != name);
                    r.push(loaded.clone());
                });
                if let Some(file) = self.file.get_value() {
                    let options = loaded.options;
                    keep::file(self.kept_error, &file, options);
                    self.files.update_value(|f| {
                        f.retain(|(g, _)| g.name() != name);
                        f.push((file, options));
                    });
                }
                self.load.set(LoadState::Loaded(loaded));
            }
            WorkerToUi::Dossier { dossier, .. } => {
                if dossier.current != self.file_name()
                    && !matches!(self.load.get_untracked(), LoadState::Loading { .. })
                {
                    self.show(dossier.current.as_deref());
                }
                self.dossier.set(Arc::new(*dossier));
            }
            WorkerToUi::Selected { id, selected } if self.selected.is_latest(id) => {
                user_timing(ROWS_RECEIVED);
                self.take_proposal(&selected);
                self.kit.clear();
                self.selected.answer(id, Ok(Arc::new(*selected)));
            }
            WorkerToUi::DictionaryRead { id, file_name, variables } => {
                self.dictionary.answer(id, Ok((file_name, variables)));
            }
            WorkerToUi::Explored { id, page } => {
                self.explored.answer(id, Ok(Arc::new(*page)));
            }
            WorkerToUi::Kitted { id, kit } => {
                self.kit.answer(id, Ok(Arc::new(*kit)));
            }
            WorkerToUi::Charted { id, drawn } => {
                self.chart.answer(id, Ok(Arc::new(*drawn)));
            }
            WorkerToUi::Portrayed { id, portrait } => {
                self.portrait.answer(id, Ok(Arc::new(*portrait)));
            }
            WorkerToUi::Redrawn { id, charts } if id == self.redraw_id.get_value() => {
                // Each chart as the dossier draws it today; one it cannot draw stays as kept.
                // (A chart kept or removed since the request: the answer is for another list.)
                self.charts.update(|kept| {
                    if kept.len() != charts.len() {
                        return;
                    }
                    for (chart, redrawn) in kept.iter_mut().zip(charts) {
                        if let Some(redrawn) =
                            redrawn.filter(|r| r.made == chart.made && r.settings.kind == chart.settings.kind)
                        {
                            *chart = redrawn;
                        }
                    }
                });
            }
            WorkerToUi::Packed { id, file } => {
                self.packed.answer(id, Ok(Arc::new(file)));
            }
            WorkerToUi::Unpacked { result, .. } => match result {
                Ok((saved, files)) => keep::open(self.kept_error, &saved, &files),
                Err(e) => self.unpack_error.set(Some(crate::ui::messages::dossier_error(&e))),
            },
            WorkerToUi::Together(messages) => messages.into_iter().for_each(|m| self.receive(m)),
            WorkerToUi::Failed { id, file_name, error } => {
                let failure = Failure { file_name, error };
                if id == self.load_id.get_untracked() {
                    self.glimpse.set(None);
                    let Failure { file_name, error } = failure;
                    self.load.set(LoadState::Failed { file_name, error });
                } else if self.selected.answer(id, Err(failure.clone())) {
                    self.kit.clear();
                } else {
                    // Whichever request it answers, if it is still the latest of its kind.
                    let _ = self.chart.answer(id, Err(failure.clone()))
                        || self.explored.answer(id, Err(failure.clone()))
                        || self.dictionary.answer(id, Err(failure.clone()))
                        || self.portrait.answer(id, Err(failure.clone()))
                        || self.kit.answer(id, Err(failure));
                }
            }
            _ => {}
        }
    }
}

/// The User Timing marks the browser benchmark and the browser's performance panel read: set
/// when a commune's rows reach the page…
const ROWS_RECEIVED: &str = "carnet:rows-received";
/// … when what a large file's head shows reaches the page, its rest still being read.
const GLIMPSED: &str = "carnet:glimpsed";
/// … when a file read reaches the page.
const LOADED: &str = "carnet:loaded";

/// Sets a User Timing mark.
fn user_timing(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}
