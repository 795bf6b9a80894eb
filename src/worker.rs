//! The web worker: reads the file the UI sends, runs the engine, posts progress and results.
//!
//! Heavy work happens here so that the page never freezes; the parsed table stays here and
//! only what the page shows crosses back. A load reads the file in chunks and yields to other
//! messages every 50 ms, so a cancel request is heard; a large file with a commune picked streams through the
//! engine and is never held whole.

use crate::engine::dossier::saved::{self, DossierError, SavedFile};
use crate::engine::dossier::session::Session;
use crate::engine::progress::Progress;
use crate::engine::publish::kit::KitFile;
use crate::engine::read::ReadOptions;
use crate::engine::read::reading::Reading;
use crate::engine::read::workspace::Workspace;
use crate::engine::tidy::dictionary::Dictionary;
use crate::engine::{Error, ErrorKind};
use crate::protocol::{Json, Loaded, PackedFile, RequestId, Stage, UiToWorker, View, WorkerToUi};
use gloo::timers::future::TimeoutFuture;
use gloo::worker::{HandlerId, Registrable, Worker, WorkerScope};
use js_sys::{ArrayBuffer, Uint8Array};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, ReadableStreamByobReader, ReadableStreamDefaultReader, ReadableStreamReadResult};

/// Rows of the file shown in the preview.
const PREVIEW_ROWS: usize = 20;
/// The buffer a file is read into, chunk after chunk (the browser fills it in part, a few
/// hundred kilobytes at a time).
const READ_BUFFER: u32 = 4 << 20;
/// The least time between two progress messages.
const PROGRESS_EVERY_MS: f64 = 50.0;
/// Above this size, a file with a commune picked streams through the engine, never held whole.
const STREAM_ABOVE: u64 = 64 << 20;
/// Above this size, a file is only read for a picked commune.
const WHOLE_AT_MOST: u64 = 256 << 20;

/// Registers the worker; the entry point of the `worker` binary.
pub fn start() {
    console_error_panic_hook::set_once();
    EngineWorker::registrar().encoding::<Json>().register();
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

/// The rows of the view in the file shown, as the reply to select `id`, with the dossier they
/// leave.
fn select(session: &mut Session, id: RequestId, view: &View) -> WorkerToUi {
    load_contours(session, &view.place);
    let result = session.show(view, &crate::clock::today());
    let rows =
        reply(id, session.file_name(), result, |selected| WorkerToUi::Selected { id, selected: Box::new(selected) });
    WorkerToUi::Together(vec![dossier(session, id), rows])
}

/// Reads the contours the place's map needs from the app's own files (`contours/NN.json`, one
/// per département, each asked once), synchronously: the worker answers its requests in order,
/// so the map is offered with the rows it follows. A file that cannot be had leaves no map.
fn load_contours(session: &mut Session, place: &crate::engine::territory::Place) {
    for departement in session.contours_wanted(place) {
        let text = web_sys::XmlHttpRequest::new().ok().and_then(|xhr| {
            xhr.open_with_async("GET", &format!("contours/{departement}.json"), false).ok()?;
            xhr.send().ok()?;
            if xhr.status().ok()? == 200 { xhr.response_text().ok().flatten() } else { None }
        });
        match text.map(|t| session.add_contours(&t)) {
            Some(Ok(())) => {}
            // Offline before the file was ever kept: asked for again with the next territory.
            None => session.contours_missing(&departement),
            Some(Err(reason)) => web_sys::console::warn_1(&format!("contours/{departement}.json : {reason}").into()),
        }
    }
}

/// The dossier, sent beside the reply to request `id`.
fn dossier(session: &Session, id: RequestId) -> WorkerToUi {
    WorkerToUi::Dossier { id, dossier: Box::new(session.dossier()) }
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
            UiToWorker::Remove { id, file_name } => {
                let mut session = self.session.borrow_mut();
                session.remove(&file_name);
                respond(dossier(&session, id));
            }
            UiToWorker::Expect { id, expected } => {
                let mut session = self.session.borrow_mut();
                session.expect(expected);
                respond(dossier(&session, id));
            }
            UiToWorker::Redraw { id, charts } => {
                let charts = self.session.borrow().redraw(&charts);
                respond(WorkerToUi::Redrawn { id, charts });
            }
            UiToWorker::Select { id, view } => respond(select(&mut self.session.borrow_mut(), id, &view)),
            UiToWorker::Chart { id, request } => {
                let session = self.session.borrow();
                let drawn = session.chart(request);
                respond(reply(id, session.file_name(), drawn, |drawn| WorkerToUi::Charted {
                    id,
                    drawn: Box::new(drawn),
                }));
            }
            UiToWorker::Portrait { id, request, today } => {
                let session = self.session.borrow();
                let portrait = session.portrait(&request, &today);
                respond(reply(id, session.file_name(), portrait, |portrait| WorkerToUi::Portrayed {
                    id,
                    portrait: Box::new(portrait),
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
            UiToWorker::Pack { id, saved, files, today } => {
                let files: Vec<SavedFile> =
                    files.into_iter().map(|f| SavedFile { name: f.name, options: f.options, bytes: f.bytes }).collect();
                let bytes = saved::pack(&saved, &files, &today);
                let name = format!("dossier_carnet_{today}.zip");
                respond(WorkerToUi::Packed { id, file: KitFile { name, bytes } });
            }
            UiToWorker::Unpack { id, file } => {
                let scope = scope.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let result = match gloo::file::futures::read_as_bytes(&gloo::file::Blob::from(file)).await {
                        Ok(bytes) => saved::unpack(&bytes).map(|(saved, files)| {
                            let files = files
                                .into_iter()
                                .map(|f| PackedFile { name: f.name, options: f.options, bytes: f.bytes })
                                .collect();
                            (Box::new(saved), files)
                        }),
                        Err(_) => Err(DossierError::NotAZip),
                    };
                    scope.respond(who, WorkerToUi::Unpacked { id, result });
                });
            }
            UiToWorker::Explore { id, query, offset, count } => {
                let mut session = self.session.borrow_mut();
                let page = session.explore(query, offset, count);
                respond(reply(id, session.file_name(), page, |page| WorkerToUi::Explored { id, page: Box::new(page) }));
            }
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

/// Reads `file` and answers the load `id`: progress, then the detection (with a focus, in one
/// message with the commune's rows, under the focus's id).
async fn load(
    session: &RefCell<Session>,
    cancelled: &Cell<RequestId>,
    id: RequestId,
    file: &File,
    options: ReadOptions,
    focus: Option<(RequestId, View)>,
    post: &dyn Fn(WorkerToUi),
) -> WorkerToUi {
    let file_name = file.name();
    let size = file.size() as u64;
    let failed = |error: ErrorKind| WorkerToUi::Failed { id, file_name: file_name.clone(), error: Error::new(error) };
    let codes: Option<Vec<String>> =
        focus.as_ref().map(|(_, view)| crate::engine::territory::levels::codes_to_read(&view.place));
    if codes.is_none() && size > WHOLE_AT_MOST {
        return failed(ErrorKind::TooLargeWithoutCommune { size });
    }
    let started = js_sys::Date::now();
    // Kept whole when it fits, to be read again for another commune or with corrections; a
    // workbook or an archive is always read whole.
    let keep = codes.is_none() || size <= STREAM_ABOVE || crate::engine::read::container::by_name(&file_name);
    let mut reading = Reading::new(&file_name, size, options, codes.as_deref(), keep);
    let glimpse = |ws: Workspace| {
        let loaded = Loaded { glimpse: true, ..described(&ws, size, options, (js_sys::Date::now() - started, 0.0)) };
        post(WorkerToUi::Glimpsed { id, loaded: Box::new(loaded) });
    };
    if let Err(s) = read(file, &mut reading, id, cancelled, post, &glimpse).await {
        return match s {
            Stop::Cancelled => failed(ErrorKind::Cancelled),
            Stop::Unreadable(reason) => failed(ErrorKind::Unreadable { reason }),
        };
    }
    let read_at = js_sys::Date::now();
    let (result, bytes) = reading.finish(&mut Throttled::new(id, post));
    let engine_ms = js_sys::Date::now() - read_at;
    let ws = match result {
        Ok(ws) => ws,
        Err(error) => return WorkerToUi::Failed { id, file_name, error },
    };
    let total_ms = js_sys::Date::now() - started;
    let loaded =
        Loaded { streamed: bytes.is_none(), ..described(&ws, size, options, (total_ms - engine_ms, engine_ms)) };
    session.borrow_mut().loaded(ws, bytes, options, size);
    let loaded = WorkerToUi::Loaded { id, loaded: Box::new(loaded) };
    match focus {
        Some((select_id, view)) => {
            let selected = select(&mut session.borrow_mut(), select_id, &view);
            WorkerToUi::Together(vec![loaded, selected])
        }
        None => WorkerToUi::Together(vec![loaded, dossier(&session.borrow(), id)]),
    }
}

/// What the page is told of a file read into `ws`.
fn described(ws: &Workspace, size: u64, options: ReadOptions, timings: (f64, f64)) -> Loaded {
    Loaded {
        file_name: ws.file_name().to_owned(),
        size,
        detection: ws.detection().clone(),
        preview: ws.preview(PREVIEW_ROWS),
        set_aside: ws.set_aside().to_vec(),
        options,
        streamed: false,
        timings,
        memory: wasm_memory(),
        glimpse: false,
    }
}

/// Reads `file` into `reading` from its byte stream, reporting progress; `glimpse` is given
/// what the file's head alone reads, once it is in (see [`Reading::glimpse`]); a cancel is
/// heard between two chunks. The browser reads ahead while the engine scans a chunk (a synchronous
/// whole read, then the scan, took a third longer). A stream that ends before the file's size
/// is an error, never a shorter table.
async fn read(
    file: &File,
    reading: &mut Reading,
    id: RequestId,
    cancelled: &Cell<RequestId>,
    post: &dyn Fn(WorkerToUi),
    glimpse: &dyn Fn(Workspace),
) -> Result<(), Stop> {
    let mut glimpsed = false;
    let mut stream = ByteStream::open(file).map_err(unreadable)?;
    let size = file.size() as u64;
    let mut received = 0u64;
    let mut progress = Throttled::new(id, post);
    let mut yielded = js_sys::Date::now();
    while let Some(chunk) = stream.next().await? {
        received += u64::from(chunk.length());
        reading.push_with(chunk.length() as usize, |to| chunk.copy_to_uninit(to), &mut progress);
        if reading.hopeless() {
            stream.cancel();
            return Ok(());
        }
        if !glimpsed && let Some(ws) = reading.glimpse() {
            glimpsed = true;
            glimpse(ws);
        }
        // A read the browser can answer at once settles without leaving the task: give the
        // page's messages (a cancel) their turn now and then.
        if js_sys::Date::now() - yielded >= PROGRESS_EVERY_MS {
            TimeoutFuture::new(0).await;
            yielded = js_sys::Date::now();
        }
        if cancelled.get() == id {
            stream.cancel();
            return Err(Stop::Cancelled);
        }
    }
    if received != size {
        return Err(Stop::Unreadable(format!("{received} octets lus sur {size}")));
    }
    Ok(())
}

/// A file's byte stream, read into one buffer used again for every chunk where the browser
/// allows it (a file of any size then leaves no garbage behind: a fresh buffer per chunk piled
/// up hundreds of megabytes before the collector ran), else chunk by chunk as it hands them
/// over (browsers whose `Blob.stream()` is not a byte stream, such as Safari before 2025).
enum ByteStream {
    /// Read into `buffer`, which each read hands back in its chunk.
    Reused { reader: ReadableStreamByobReader, buffer: ArrayBuffer },
    /// Read as given.
    Given(ReadableStreamDefaultReader),
}

impl ByteStream {
    fn open(file: &File) -> Result<Self, wasm_bindgen::JsValue> {
        let stream = file.stream();
        Ok(match ReadableStreamByobReader::new(&stream) {
            Ok(reader) => Self::Reused { reader, buffer: ArrayBuffer::new(READ_BUFFER) },
            Err(_) => Self::Given(ReadableStreamDefaultReader::new(&stream)?),
        })
    }

    /// The next chunk, `None` at the end; valid until the next call.
    async fn next(&mut self) -> Result<Option<Uint8Array>, Stop> {
        let promise = match self {
            Self::Reused { reader, buffer } => reader.read_with_array_buffer_view(&Uint8Array::new(buffer)),
            Self::Given(reader) => reader.read(),
        };
        let result: ReadableStreamReadResult = JsFuture::from(promise).await.map_err(unreadable)?.unchecked_into();
        if result.get_done() == Some(true) {
            return Ok(None);
        }
        let chunk: Uint8Array = result.get_value().dyn_into().map_err(unreadable)?;
        if let Self::Reused { buffer, .. } = self {
            // The view given was detached; the chunk holds the same memory.
            *buffer = chunk.buffer();
        }
        Ok(Some(chunk))
    }

    /// Stops reading.
    fn cancel(&self) {
        let _ = match self {
            Self::Reused { reader, .. } => reader.cancel(),
            Self::Given(reader) => reader.cancel(),
        };
    }
}

/// A browser error while reading.
fn unreadable(e: wasm_bindgen::JsValue) -> Stop {
    Stop::Unreadable(format!("{e:?}"))
}

/// Progress posted to the page at most every [`PROGRESS_EVERY_MS`], and at the end.
struct Throttled<'a> {
    id: RequestId,
    post: &'a dyn Fn(WorkerToUi),
    last: f64,
}

impl<'a> Throttled<'a> {
    fn new(id: RequestId, post: &'a dyn Fn(WorkerToUi)) -> Self {
        Self { id, post, last: 0.0 }
    }
}

impl Progress for Throttled<'_> {
    fn report(&mut self, done: u64, total: u64, rows: u64) {
        let now = js_sys::Date::now();
        if now - self.last >= PROGRESS_EVERY_MS || done >= total {
            self.last = now;
            let stage = if rows > 0 { Stage::Parsing } else { Stage::Reading };
            (self.post)(WorkerToUi::Progress { id: self.id, stage, done, total, rows });
        }
    }
}

/// The worker's WebAssembly memory, in bytes.
fn wasm_memory() -> u64 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<ArrayBuffer>()
        .byte_length() as u64
}
