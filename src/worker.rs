//! The web worker: reads the file the UI sends, runs the engine, posts progress and results.
//!
//! Heavy work happens here so that the page never freezes; the parsed table stays here and
//! only what the page shows crosses back.

use crate::engine::territory::Place;
use crate::engine::workspace::{self, ReadOptions, Selection, Workspace};
use crate::engine::{Error, ErrorKind};
use crate::protocol::{Loaded, RequestId, Selected, Stage, StructuredClone, UiToWorker, WorkerToUi};
use gloo::worker::{HandlerId, Registrable, Worker, WorkerScope};
use js_sys::Uint8Array;
use web_sys::{File, FileReaderSync};

/// Rows of the file shown in the preview.
const PREVIEW_ROWS: usize = 20;
/// Bytes read from the file at a time (each read reports progress).
const READ_CHUNK: f64 = 32.0 * 1024.0 * 1024.0;

/// Registers the worker; the entry point of the `worker` binary.
pub fn start() {
    console_error_panic_hook::set_once();
    EngineWorker::registrar().encoding::<StructuredClone>().register();
}

/// The worker's state: the last file (its bytes, to read it again for another commune), what
/// was read of it, and the last commune kept.
pub struct EngineWorker {
    source: Option<Source>,
    workspace: Option<Workspace>,
    selection: Option<Selection>,
}

/// A file's bytes and how it was read.
struct Source {
    name: String,
    bytes: Vec<u8>,
    options: ReadOptions,
}

impl Worker for EngineWorker {
    type Message = ();
    type Input = UiToWorker;
    type Output = WorkerToUi;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        Self { source: None, workspace: None, selection: None }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, who: HandlerId) {
        let reply = match msg {
            UiToWorker::Load { id, file, options, focus } => {
                self.load(id, &file, options, focus, &|m| scope.respond(who, m))
            }
            UiToWorker::Select { id, place } => self.select(id, place),
            UiToWorker::Chart { id, column } => self.chart(id, &column),
        };
        scope.respond(who, reply);
    }
}

impl EngineWorker {
    fn load(
        &mut self,
        id: RequestId,
        file: &File,
        options: ReadOptions,
        focus: Option<(RequestId, Place)>,
        post: &dyn Fn(WorkerToUi),
    ) -> WorkerToUi {
        self.source = None;
        self.workspace = None;
        self.selection = None;
        let file_name = file.name();
        let started = js_sys::Date::now();
        let bytes = match read(file, &|done, total| {
            post(WorkerToUi::Progress { id, stage: Stage::Reading, done, total, rows: 0 })
        }) {
            Ok(bytes) => bytes,
            Err(reason) => {
                return WorkerToUi::Failed { id, file_name, error: Error::new(ErrorKind::Unreadable { reason }) };
            }
        };
        let mut progress =
            |done, total, rows| post(WorkerToUi::Progress { id, stage: Stage::Parsing, done, total, rows });
        let read_at = js_sys::Date::now();
        let codes: Option<Vec<String>> = focus.as_ref().map(|(_, place)| vec![place.code.clone()]);
        match Workspace::load_for(&file_name, &bytes, options, codes.as_deref(), &mut progress) {
            Ok(ws) => {
                let loaded = Loaded {
                    file_name: file_name.clone(),
                    size: bytes.len() as u64,
                    detection: ws.detection().clone(),
                    preview: ws.preview(PREVIEW_ROWS),
                    set_aside: ws.set_aside().to_vec(),
                    options,
                    timings: (read_at - started, js_sys::Date::now() - read_at),
                };
                self.workspace = Some(ws);
                self.source = Some(Source { name: file_name, bytes, options });
                let loaded = WorkerToUi::Loaded { id, loaded: Box::new(loaded) };
                match focus {
                    Some((select_id, place)) => {
                        post(loaded);
                        self.select(select_id, place)
                    }
                    None => loaded,
                }
            }
            Err(error) => WorkerToUi::Failed { id, file_name, error },
        }
    }

    fn select(&mut self, id: RequestId, place: Place) -> WorkerToUi {
        // Read for another commune: read the kept bytes again for this one.
        if let (Some(ws), Some(src)) = (&self.workspace, &self.source)
            && !ws.holds(&place.code)
        {
            let codes = [place.code.clone()];
            match Workspace::load_for(&src.name, &src.bytes, src.options, Some(&codes), &mut ()) {
                Ok(ws) => self.workspace = Some(ws),
                Err(error) => return WorkerToUi::Failed { id, file_name: src.name.clone(), error },
            }
        }
        let Some(ws) = &self.workspace else {
            return WorkerToUi::Failed { id, file_name: String::new(), error: ErrorKind::NoFileLoaded.into() };
        };
        match ws.select(&place) {
            Ok(selection) => {
                let table = &selection.table;
                let chartable = table
                    .columns()
                    .iter()
                    .filter(|c| c.kind().is_numeric() && (0..table.rows()).any(|r| c.number(r).is_some()))
                    .map(|c| c.name().to_owned())
                    .collect();
                let csv_name = ws.clean_csv_name(&selection);
                let selected = Selected {
                    place,
                    rows: workspace::rows_fr(table, table.rows()),
                    lines: selection.lines.clone(),
                    chartable,
                    csv: String::from_utf8_lossy(&ws.clean_csv(&selection)).into_owned(),
                    metadata_name: csv_name.replace(".csv", ".metadata.json"),
                    csv_name,
                    metadata: ws.metadata(&selection),
                };
                self.selection = Some(selection);
                WorkerToUi::Selected { id, selected: Box::new(selected) }
            }
            Err(error) => {
                self.selection = None;
                WorkerToUi::Failed { id, file_name: ws.file_name().to_owned(), error }
            }
        }
    }

    fn chart(&self, id: RequestId, column: &str) -> WorkerToUi {
        let option = self.workspace.as_ref().zip(self.selection.as_ref()).and_then(|(ws, sel)| ws.chart(sel, column));
        match option {
            Some(option) => WorkerToUi::Charted { id, option: option.to_string() },
            None => WorkerToUi::Failed {
                id,
                file_name: self.workspace.as_ref().map(|w| w.file_name().to_owned()).unwrap_or_default(),
                error: ErrorKind::NotChartable { column: column.to_owned() }.into(),
            },
        }
    }
}

/// Reads a whole file in chunks, reporting bytes read.
fn read(file: &File, progress: &dyn Fn(u64, u64)) -> Result<Vec<u8>, String> {
    let reader = FileReaderSync::new().map_err(|e| format!("{e:?}"))?;
    let size = file.size();
    let mut bytes = Vec::with_capacity(size as usize);
    let mut start = 0.0;
    while start < size {
        let end = (start + READ_CHUNK).min(size);
        let blob = file.slice_with_f64_and_f64(start, end).map_err(|e| format!("{e:?}"))?;
        let buffer = reader.read_as_array_buffer(&blob).map_err(|e| format!("{e:?}"))?;
        let chunk = Uint8Array::new(&buffer);
        let at = bytes.len();
        bytes.resize(at + chunk.length() as usize, 0);
        chunk.copy_to(&mut bytes[at..]);
        start = end;
        progress(start as u64, size as u64);
    }
    Ok(bytes)
}
