//! The web worker: reads the file the UI sends, runs the engine, posts progress and results.
//!
//! Heavy work happens here so that the page never freezes; the parsed table stays here and
//! only what the page shows crosses back. A load reads the file in chunks and yields between
//! them, so a cancel request is heard; a large file with a commune picked streams through the
//! engine and is never held whole.

use crate::engine::decode;
use crate::engine::dictionary::Dictionary;
use crate::engine::session::Session;
use crate::engine::stream::{HEAD_BYTES, Stream, TAIL_BYTES};
use crate::engine::territory::Place;
use crate::engine::workspace::{ReadOptions, Workspace};
use crate::engine::{Error, ErrorKind};
use crate::protocol::{Loaded, RequestId, Stage, StructuredClone, UiToWorker, WorkerToUi};
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

/// The worker: the session is shared with the load under way.
pub struct EngineWorker {
    session: Rc<RefCell<Session>>,
    /// The id of the last load the UI cancelled.
    cancelled: Rc<Cell<RequestId>>,
}

/// The reply to request `id`: its value, or why it failed (about `file_name`).
fn reply<T>(id: RequestId, file_name: &str, result: Result<T, Error>, ok: impl FnOnce(T) -> WorkerToUi) -> WorkerToUi {
    match result {
        Ok(value) => ok(value),
        Err(error) => WorkerToUi::Failed { id, file_name: file_name.to_owned(), error },
    }
}

/// The rows of `place` in the file read, as the reply to select `id`.
fn select(session: &mut Session, id: RequestId, place: &Place) -> WorkerToUi {
    let result = session.select(place, &crate::clock::today());
    reply(id, session.file_name(), result, |selected| WorkerToUi::Selected { id, selected: Box::new(selected) })
}

impl Worker for EngineWorker {
    type Message = ();
    type Input = UiToWorker;
    type Output = WorkerToUi;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        Self { session: Rc::default(), cancelled: Rc::default() }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, who: HandlerId) {
        let respond = |m| scope.respond(who, m);
        match msg {
            UiToWorker::Load { id, file, options, focus } => {
                let (session, cancelled, scope) = (self.session.clone(), self.cancelled.clone(), scope.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let post = |m| scope.respond(who, m);
                    let reply = load(&session, &cancelled, id, &file, options, focus, &post).await;
                    post(reply);
                });
            }
            UiToWorker::Cancel { id } => self.cancelled.set(id),
            UiToWorker::Select { id, place } => respond(select(&mut self.session.borrow_mut(), id, &place)),
            UiToWorker::Chart { id, request } => {
                let session = self.session.borrow();
                let drawn = session.chart(request);
                respond(reply(id, session.file_name(), drawn, |drawn| WorkerToUi::Charted {
                    id,
                    drawn: Box::new(drawn),
                }));
            }
            UiToWorker::Dictionary { id, file } => {
                let (session, scope) = (self.session.clone(), scope.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let file_name = file.name();
                    let read = gloo::file::futures::read_as_bytes(&gloo::file::Blob::from(file))
                        .await
                        .map_err(|e| Error::new(ErrorKind::Unreadable { reason: e.to_string() }))
                        .and_then(|bytes| Dictionary::read(&file_name, &bytes));
                    let answer = reply(id, &file_name, read, |dictionary| {
                        let variables = dictionary.len();
                        session.borrow_mut().set_dictionary(dictionary);
                        WorkerToUi::DictionaryRead { id, file_name: file_name.clone(), variables }
                    });
                    scope.respond(who, answer);
                });
            }
            UiToWorker::Explore { id, query, offset, count } => {
                let mut session = self.session.borrow_mut();
                let page = session.explore(query, offset, count);
                respond(reply(id, session.file_name(), page, |page| WorkerToUi::Explored { id, page: Box::new(page) }));
            }
            UiToWorker::ClearCompiled => self.session.borrow_mut().clear_extracts(),
            UiToWorker::Steps { steps } => self.session.borrow_mut().set_steps(steps),
            UiToWorker::Kit { id, dataset, attachments, today } => {
                let session = self.session.borrow();
                let kit = session.kit(&dataset, &attachments, &today);
                respond(reply(id, session.file_name(), kit, |kit| WorkerToUi::Kitted { id, kit: Box::new(kit) }));
            }
        }
    }
}

/// Why reading stopped early.
enum Stop {
    Cancelled,
    Unreadable(String),
}

/// Reads `file` and answers the load `id`: progress, then the detection, then (with a focus)
/// the commune's rows under the focus's id.
async fn load(
    session: &RefCell<Session>,
    cancelled: &Cell<RequestId>,
    id: RequestId,
    file: &File,
    options: ReadOptions,
    focus: Option<(RequestId, Place)>,
    post: &dyn Fn(WorkerToUi),
) -> WorkerToUi {
    // A new file: only the dictionary, the extracts compiled and the steps stay.
    session.borrow_mut().forget_file();
    let file_name = file.name();
    let size = file.size() as u64;
    let failed = |error: ErrorKind| WorkerToUi::Failed { id, file_name: file_name.clone(), error: Error::new(error) };
    let codes: Option<Vec<String>> = focus.as_ref().map(|(_, place)| crate::engine::levels::codes_to_read(place));
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
    session.borrow_mut().loaded(ws, bytes, options);
    let loaded = WorkerToUi::Loaded { id, loaded: Box::new(loaded) };
    match focus {
        Some((select_id, place)) => {
            post(loaded);
            select(&mut session.borrow_mut(), select_id, &place)
        }
        None => loaded,
    }
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
