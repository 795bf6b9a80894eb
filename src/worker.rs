//! The web worker: reads the file the UI sends, runs the engine, posts progress and results.
//!
//! Heavy work happens here so that the page never freezes; the parsed table stays here and
//! only what the page shows crosses back. A load reads the file in chunks and yields between
//! them, so a cancel request is heard; a large file with a commune picked streams through the
//! engine and is never held whole.

use crate::engine::chart::{ChartKind, ChartRequest};
use crate::engine::compile::{self, Extract};
use crate::engine::decode;
use crate::engine::dictionary::Dictionary;
use crate::engine::explore::{self, Query};
use crate::engine::publish::dataset::Dataset;
use crate::engine::publish::facts::Facts;
use crate::engine::publish::kit::{self, Attachment, KitFile};
use crate::engine::publish::readme;
use crate::engine::standardize::{self, Step, StepError};
use crate::engine::stream::{HEAD_BYTES, Stream, TAIL_BYTES};
use crate::engine::territory::Place;
use crate::engine::workspace::{self, ReadOptions, Selection, Workspace};
use crate::engine::{Error, ErrorKind};
use crate::protocol::{
    AppliedStep, Compiled, Kit, Loaded, Page, RequestId, Selected, Stage, StructuredClone, UiToWorker, WorkerToUi,
};
use gloo::timers::future::TimeoutFuture;
use gloo::worker::{HandlerId, Registrable, Worker, WorkerScope};
use js_sys::Uint8Array;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use web_sys::{File, FileReaderSync};

/// Rows of the file shown in the preview.
const PREVIEW_ROWS: usize = 20;
/// Bytes read from the file at a time when it is read whole (each read reports progress and
/// may be cancelled; one read is fastest for the usual files).
const READ_CHUNK: u64 = 64 << 20;
/// Bytes streamed through the engine at a time.
const STREAM_CHUNK: u64 = 16 << 20;
/// Above this size, a file with a commune picked streams through the engine.
const STREAM_ABOVE: u64 = 64 << 20;
/// Above this size, a file is only read for a picked commune.
const WHOLE_AT_MOST: u64 = 256 << 20;

/// Registers the worker; the entry point of the `worker` binary.
pub fn start() {
    console_error_panic_hook::set_once();
    EngineWorker::registrar().encoding::<StructuredClone>().register();
}

/// The worker: its state is shared with the load under way.
pub struct EngineWorker {
    state: Rc<RefCell<State>>,
    /// The id of the last load the UI cancelled.
    cancelled: Rc<Cell<RequestId>>,
}

/// The last file, what was read of it, the last commune kept, and the variable dictionary.
#[derive(Default)]
struct State {
    source: Option<Source>,
    workspace: Option<Workspace>,
    selection: Option<Selection>,
    dictionary: Option<Dictionary>,
    /// The explorer's last query and the rows it keeps, in its order.
    explored: Option<(Query, Vec<usize>)>,
    /// The rows kept from each file read (the last commune of each), for the tidy table.
    extracts: Vec<Extract>,
    /// The standardization steps, applied to the rows kept from every file.
    steps: Vec<Step>,
    /// The rows kept, as the steps leave them: what the clean CSV and the kit publish.
    published: Option<Selection>,
}

impl State {
    /// The facts of the selection, its columns labelled by the dictionary if there is one.
    fn facts(&self, ws: &Workspace, selection: &Selection) -> Facts {
        let mut facts = ws.facts(selection);
        if let Some(d) = &self.dictionary {
            facts.label_with(d);
        }
        facts
    }
}

/// A file and how it was read: its bytes are kept to read it again for another commune,
/// unless it was streamed.
struct Source {
    name: String,
    bytes: Option<Vec<u8>>,
    options: ReadOptions,
}

impl Worker for EngineWorker {
    type Message = ();
    type Input = UiToWorker;
    type Output = WorkerToUi;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        Self { state: Rc::default(), cancelled: Rc::default() }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, who: HandlerId) {
        match msg {
            UiToWorker::Load { id, file, options, focus } => {
                let (state, cancelled, scope) = (self.state.clone(), self.cancelled.clone(), scope.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let post = |m| scope.respond(who, m);
                    let reply = load(&state, &cancelled, id, &file, options, focus, &post).await;
                    post(reply);
                });
            }
            UiToWorker::Cancel { id } => self.cancelled.set(id),
            UiToWorker::Select { id, place } => scope.respond(who, self.state.borrow_mut().select(id, place)),
            UiToWorker::Chart { id, request } => scope.respond(who, self.state.borrow().chart(id, request)),
            UiToWorker::Dictionary { id, file } => {
                let state = self.state.clone();
                let scope = scope.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let file_name = file.name();
                    let reply = match gloo::file::futures::read_as_bytes(&gloo::file::Blob::from(file)).await {
                        Ok(bytes) => match Dictionary::read(&file_name, &bytes) {
                            Ok(dictionary) => {
                                let variables = dictionary.len();
                                state.borrow_mut().dictionary = Some(dictionary);
                                WorkerToUi::DictionaryRead { id, file_name, variables }
                            }
                            Err(error) => WorkerToUi::Failed { id, file_name, error },
                        },
                        Err(e) => WorkerToUi::Failed {
                            id,
                            file_name,
                            error: ErrorKind::Unreadable { reason: e.to_string() }.into(),
                        },
                    };
                    scope.respond(who, reply);
                });
            }
            UiToWorker::Explore { id, query, offset, count } => {
                scope.respond(who, self.state.borrow_mut().explore(id, query, offset, count));
            }
            UiToWorker::ClearCompiled => self.state.borrow_mut().extracts.clear(),
            UiToWorker::Steps { id, steps } => {
                let mut state = self.state.borrow_mut();
                state.steps = steps;
                // The rows kept are published anew; without rows, the steps wait for them.
                if let Some(place) = state.selection.as_ref().map(|s| s.place.clone()) {
                    let reply = state.select(id, place);
                    scope.respond(who, reply);
                }
            }
            UiToWorker::Kit { id, dataset, attachments, today } => {
                scope.respond(who, self.state.borrow().kit(id, &dataset, &attachments, &today));
            }
        }
    }
}

/// The rows kept as `steps` leave them, and each step's description and effect (or why it
/// could not apply: the steps after it wait).
fn standardized(selection: &Selection, steps: &[Step]) -> (Selection, Vec<AppliedStep>) {
    let mut applied = steps.len();
    let outcome = loop {
        match standardize::apply(&selection.table, &steps[..applied]) {
            Ok(done) => break Some(done),
            Err(e) => {
                let at = match e {
                    StepError::NoSuchColumn { step, .. }
                    | StepError::DuplicateName { step, .. }
                    | StepError::EmptyName { step } => step,
                };
                if at >= applied {
                    break None;
                }
                applied = at;
            }
        }
    };
    let (table, effects) = outcome.unwrap_or_else(|| (selection.table.clone(), Vec::new()));
    let report = steps
        .iter()
        .enumerate()
        .map(|(i, step)| AppliedStep {
            step: step.clone(),
            description: standardize::describe(step),
            effect: effects.get(i).map(standardize::report),
        })
        .collect();
    (Selection { table, ..selection.clone() }, report)
}

/// Why reading stopped early.
enum Stop {
    Cancelled,
    Unreadable(String),
}

/// Reads `file` and answers the load `id`: progress, then the detection, then (with a focus)
/// the commune's rows under the focus's id.
async fn load(
    state: &RefCell<State>,
    cancelled: &Cell<RequestId>,
    id: RequestId,
    file: &File,
    options: ReadOptions,
    focus: Option<(RequestId, Place)>,
    post: &dyn Fn(WorkerToUi),
) -> WorkerToUi {
    // A new file: only the dictionary, the extracts compiled and the steps stay.
    let (dictionary, extracts, steps) = {
        let mut s = state.borrow_mut();
        (s.dictionary.take(), std::mem::take(&mut s.extracts), std::mem::take(&mut s.steps))
    };
    *state.borrow_mut() = State { dictionary, extracts, steps, ..State::default() };
    let file_name = file.name();
    let size = file.size() as u64;
    let failed = |error: ErrorKind| WorkerToUi::Failed { id, file_name: file_name.clone(), error: Error::new(error) };
    let codes: Option<Vec<String>> = focus.as_ref().map(|(_, place)| codes_for(place));
    if codes.is_none() && size > WHOLE_AT_MOST {
        return failed(ErrorKind::TooLargeWithoutCommune { size });
    }
    let started = js_sys::Date::now();
    let stop = |s: Stop| match s {
        Stop::Cancelled => failed(ErrorKind::Cancelled),
        Stop::Unreadable(reason) => failed(ErrorKind::Unreadable { reason }),
    };
    let (result, bytes, engine_ms) = match &codes {
        Some(codes) if size > STREAM_ABOVE => match stream(file, id, options, codes, cancelled, post).await {
            Ok(Some(ws)) => (ws, None, 0.0),
            Ok(None) => return failed(ErrorKind::TooLargeToStream { size }),
            Err(s) => return stop(s),
        },
        _ => {
            let bytes = match read(file, id, cancelled, post).await {
                Ok(bytes) => bytes,
                Err(s) => return stop(s),
            };
            let read_at = js_sys::Date::now();
            let mut progress =
                |done, total, rows| post(WorkerToUi::Progress { id, stage: Stage::Parsing, done, total, rows });
            let ws = Workspace::load_for(&file_name, &bytes, options, codes.as_deref(), &mut progress);
            (ws, Some(bytes), js_sys::Date::now() - read_at)
        }
    };
    let ws = match result {
        Ok(ws) => ws,
        Err(error) => return WorkerToUi::Failed { id, file_name, error },
    };
    let total_ms = js_sys::Date::now() - started;
    let loaded = Loaded {
        file_name: file_name.clone(),
        size,
        detection: ws.detection().clone(),
        preview: ws.preview(PREVIEW_ROWS),
        set_aside: ws.set_aside().to_vec(),
        options,
        streamed: bytes.is_none(),
        timings: (total_ms - engine_ms, engine_ms),
        memory: wasm_memory(),
    };
    {
        let mut s = state.borrow_mut();
        s.workspace = Some(ws);
        s.source = Some(Source { name: file_name, bytes, options });
    }
    let loaded = WorkerToUi::Loaded { id, loaded: Box::new(loaded) };
    match focus {
        Some((select_id, place)) => {
            post(loaded);
            state.borrow_mut().select(select_id, place)
        }
        None => loaded,
    }
}

/// The codes whose rows a read for `place` keeps: the commune's (and those it had before a
/// merger), and its EPCI's for comparison.
fn codes_for(place: &Place) -> Vec<String> {
    std::iter::once(place.code.clone())
        .chain(place.former_codes.iter().cloned())
        .chain(place.peers.iter().map(|p| p.code.clone()))
        .collect()
}

/// Lets the worker hear messages (a cancel) between two chunks.
async fn pause(id: RequestId, cancelled: &Cell<RequestId>) -> Result<(), Stop> {
    TimeoutFuture::new(0).await;
    if cancelled.get() == id { Err(Stop::Cancelled) } else { Ok(()) }
}

/// Reads bytes `start..end` of a file into `into`.
fn read_slice(reader: &FileReaderSync, file: &File, start: u64, end: u64, into: &mut Vec<u8>) -> Result<(), Stop> {
    let unreadable = |e: wasm_bindgen::JsValue| Stop::Unreadable(format!("{e:?}"));
    let blob = file.slice_with_f64_and_f64(start as f64, end as f64).map_err(unreadable)?;
    let buffer = reader.read_as_array_buffer(&blob).map_err(unreadable)?;
    let chunk = Uint8Array::new(&buffer);
    if into.is_empty() {
        // One copy, no zero-filling first.
        *into = chunk.to_vec();
    } else {
        let at = into.len();
        into.resize(at + chunk.length() as usize, 0);
        chunk.copy_to(&mut into[at..]);
    }
    Ok(())
}

/// Reads a whole file in chunks, reporting bytes read.
async fn read(
    file: &File,
    id: RequestId,
    cancelled: &Cell<RequestId>,
    post: &dyn Fn(WorkerToUi),
) -> Result<Vec<u8>, Stop> {
    let reader = FileReaderSync::new().map_err(|e| Stop::Unreadable(format!("{e:?}")))?;
    let size = file.size() as u64;
    let mut bytes = Vec::new();
    let mut start = 0;
    while start < size {
        let end = (start + READ_CHUNK).min(size);
        read_slice(&reader, file, start, end, &mut bytes)?;
        start = end;
        post(WorkerToUi::Progress { id, stage: Stage::Reading, done: start, total: size, rows: 0 });
        if start < size {
            pause(id, cancelled).await?;
        }
    }
    Ok(bytes)
}

/// Streams a large file through the engine for `codes`, never holding it whole. `Ok(None)`
/// when it cannot be read this way (UTF-16, no commune code column).
async fn stream(
    file: &File,
    id: RequestId,
    options: ReadOptions,
    codes: &[String],
    cancelled: &Cell<RequestId>,
    post: &dyn Fn(WorkerToUi),
) -> Result<Option<Result<Workspace, Error>>, Stop> {
    let reader = FileReaderSync::new().map_err(|e| Stop::Unreadable(format!("{e:?}")))?;
    let size = file.size() as u64;
    let (mut head, mut tail) = (Vec::new(), Vec::new());
    read_slice(&reader, file, 0, size.min(HEAD_BYTES as u64), &mut head)?;
    read_slice(&reader, file, size.saturating_sub(TAIL_BYTES as u64), size, &mut tail)?;
    let encoding = match options.encoding {
        Some(e) => e,
        None => match decode::detect(&head) {
            Ok(e) => e,
            Err(error) => return Ok(Some(Err(error))),
        },
    };
    let Some(mut stream) = Stream::start(&head, &tail, size, encoding, options, codes) else { return Ok(None) };
    let mut chunk = Vec::with_capacity(STREAM_CHUNK as usize);
    let mut progress = |done, total, rows| post(WorkerToUi::Progress { id, stage: Stage::Parsing, done, total, rows });
    let mut start = 0;
    while start < size {
        let end = (start + STREAM_CHUNK).min(size);
        chunk.clear();
        read_slice(&reader, file, start, end, &mut chunk)?;
        stream.feed(&chunk, &mut progress);
        start = end;
        pause(id, cancelled).await?;
    }
    Ok(Some(Workspace::from_stream(&file.name(), stream)))
}

/// The worker's WebAssembly memory, in bytes.
fn wasm_memory() -> u64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as u64
}

impl State {
    fn select(&mut self, id: RequestId, place: Place) -> WorkerToUi {
        // Read for another commune: read the kept bytes again for this one.
        if let (Some(ws), Some(Source { name, bytes: Some(bytes), options })) = (&self.workspace, &self.source)
            && !ws.holds(&place.code)
        {
            match Workspace::load_for(name, bytes, *options, Some(&codes_for(&place)), &mut ()) {
                Ok(ws) => self.workspace = Some(ws),
                Err(error) => return WorkerToUi::Failed { id, file_name: name.clone(), error },
            }
        }
        let Some(ws) = &self.workspace else {
            return WorkerToUi::Failed { id, file_name: String::new(), error: ErrorKind::NoFileLoaded.into() };
        };
        if !ws.holds(&place.code) {
            // A streamed file: the page reads it again for this commune.
            return WorkerToUi::Failed {
                id,
                file_name: ws.file_name().to_owned(),
                error: ErrorKind::NoFileLoaded.into(),
            };
        }
        match ws.select(&place) {
            Ok(selection) => {
                let table = &selection.table;
                let chartable = table
                    .columns()
                    .iter()
                    .filter(|c| c.kind().is_numeric() && (0..table.rows()).any(|r| c.number(r).is_some()))
                    .map(|c| c.name().to_owned())
                    .collect();
                let (published, steps) = standardized(&selection, &self.steps);
                let facts = self.facts(ws, &published);
                let extract = Extract::new(ws.file_name(), selection.table.clone());
                self.extracts.retain(|e| e.file_name != extract.file_name);
                self.extracts.push(extract);
                let compiled = self.compiled(&place);
                let mut proposal = Dataset::propose(&facts);
                proposal.description = readme::description(&facts, &proposal, &crate::clock::today());
                let selected = Selected {
                    place,
                    rows: workspace::rows_fr(table, table.rows()),
                    lines: selection.lines.clone(),
                    chartable,
                    csv: String::from_utf8_lossy(&ws.clean_csv(&published)).into_owned(),
                    facts,
                    compiled,
                    steps,
                    proposal,
                };
                self.selection = Some(selection);
                self.published = Some(published);
                WorkerToUi::Selected { id, selected: Box::new(selected) }
            }
            Err(error) => {
                self.selection = None;
                WorkerToUi::Failed { id, file_name: ws.file_name().to_owned(), error }
            }
        }
    }

    /// The extracts holding rows of `place`.
    fn holding(&self, place: &Place) -> Vec<Extract> {
        self.extracts
            .iter()
            .filter(|e| {
                crate::engine::filter::commune_column(&e.table)
                    .is_some_and(|c| !crate::engine::filter::rows_for(&e.table, c, &place.code).is_empty())
            })
            .cloned()
            .collect()
    }

    /// The tidy table of `place` over the files read, when two or more hold its rows.
    fn compiled(&self, place: &Place) -> Option<Compiled> {
        let holding = self.holding(place);
        if holding.len() < 2 {
            return None;
        }
        let name = |code: &str| {
            std::iter::once((place.code.as_str(), place.name.as_str()))
                .chain(place.peers.iter().map(|p| (p.code.as_str(), p.name.as_str())))
                .find(|(c, _)| *c == code)
                .map(|(_, n)| n.to_owned())
        };
        let observations: Vec<_> = compile::long(&holding, &name, self.dictionary.as_ref())
            .into_iter()
            .filter(|o| o.code == place.code)
            .collect();
        Some(Compiled {
            files: holding.iter().map(|e| e.file_name.clone()).collect(),
            rows: compile::long_fr(&observations),
            long_csv: compile::long_csv(&observations),
            wide_csv: compile::wide_csv(&observations),
        })
    }

    fn explore(&mut self, id: RequestId, query: Query, offset: usize, count: usize) -> WorkerToUi {
        let failed = |file_name: &str, error: ErrorKind| WorkerToUi::Failed {
            id,
            file_name: file_name.to_owned(),
            error: error.into(),
        };
        let Some(ws) = &self.workspace else { return failed("", ErrorKind::NoFileLoaded) };
        // A file read for some communes only is read again whole, from the bytes kept.
        if !ws.is_whole() {
            let Some(Source { name, bytes: Some(bytes), options }) = &self.source else {
                return failed(ws.file_name(), ErrorKind::TooLargeToExplore);
            };
            match Workspace::load_with(name, bytes, *options, &mut ()) {
                Ok(whole) => self.workspace = Some(whole),
                Err(error) => return WorkerToUi::Failed { id, file_name: name.clone(), error },
            }
            self.explored = None;
        }
        let Some(ws) = &self.workspace else { return failed("", ErrorKind::NoFileLoaded) };
        if self.explored.as_ref().is_none_or(|(q, _)| *q != query) {
            self.explored = Some((query.clone(), explore::view(ws.table(), &query)));
        }
        let rows = self.explored.as_ref().map(|(_, rows)| rows.as_slice()).unwrap_or_default();
        let slice = &rows[offset.min(rows.len())..(offset + count).min(rows.len())];
        let table = ws.table().take(slice);
        let page = Page {
            query,
            total: rows.len(),
            rows_in_file: ws.table().rows(),
            offset,
            rows: workspace::rows_fr(&table, table.rows()),
            lines: slice.iter().map(|&r| ws.lines()[r]).collect(),
        };
        WorkerToUi::Explored { id, page: Box::new(page) }
    }

    fn kit(&self, id: RequestId, dataset: &Dataset, attachments: &[Attachment], today: &str) -> WorkerToUi {
        let (Some(ws), Some(sel)) = (&self.workspace, &self.published) else {
            return WorkerToUi::Failed { id, file_name: String::new(), error: ErrorKind::NoFileLoaded.into() };
        };
        let facts = self.facts(ws, sel);
        let kit = match kit::files(&facts, dataset, &ws.clean_csv(sel), attachments, today) {
            Ok(files) => {
                let zip = KitFile { name: kit::zip_name(&facts), bytes: kit::zip(&files, today) };
                Kit::Built { files, zip }
            }
            Err(problems) => Kit::Refused(problems),
        };
        WorkerToUi::Kitted { id, kit: Box::new(kit) }
    }

    fn chart(&self, id: RequestId, mut request: ChartRequest) -> WorkerToUi {
        // The dictionary's long label says best what the indicator is.
        request.label = self
            .dictionary
            .as_ref()
            .and_then(|d| d.label(&request.column))
            .map(|l| l.description.as_ref().unwrap_or(&l.title).clone());
        let drawn = match (request.kind, &self.workspace, &self.selection) {
            (ChartKind::Evolution, _, Some(sel)) => compile::evolution(&self.holding(&sel.place), &sel.place, &request),
            (_, Some(ws), Some(sel)) => ws.chart(sel, &request),
            _ => None,
        };
        let column = request.column.as_str();
        match drawn {
            Some(drawn) => WorkerToUi::Charted { id, drawn: Box::new(drawn) },
            None => WorkerToUi::Failed {
                id,
                file_name: self.workspace.as_ref().map(|w| w.file_name().to_owned()).unwrap_or_default(),
                error: ErrorKind::NotChartable { column: column.to_owned() }.into(),
            },
        }
    }
}
