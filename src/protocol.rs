//! The messages between the UI and the worker, shared by both binaries.
//!
//! Each request carries an id; the worker answers it with any number of
//! [`WorkerToUi::Progress`] messages and exactly one final reply carrying the same id. A load
//! with a focus is also a select: its rows come as a second final reply, under the focus's own
//! id, in the same message as the first ([`WorkerToUi::Together`]: the page shows both at once).
//! The UI drops replies to requests it has since replaced. Messages cross as JSON ([`Json`]).

use crate::engine::Error;
use crate::engine::carry;
use crate::engine::chart::{ChartRequest, Drawn};
use crate::engine::dossier::recipe::{DossierChart, Expected};
use crate::engine::dossier::saved::{DossierError, Saved};
pub use crate::engine::dossier::session::{AppliedStep, Compiled, Dossier, Kit, Page, Selected, View};
pub use crate::engine::portrait::{Portrait, PortraitRequest};
use crate::engine::publish::dataset::Dataset;
use crate::engine::publish::kit::{Attachment, KitFile};
use crate::engine::read::parse::SetAside;
use crate::engine::read::{Detection, ReadOptions};
use crate::engine::tidy::explore::Query;
use gloo::worker::Codec;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

/// Identifies a request and its replies.
pub type RequestId = u32;

/// A request from the UI to the worker.
#[derive(Serialize, Deserialize)]
pub enum UiToWorker {
    /// Read this file (it crosses to the worker without being copied).
    Load {
        /// The request's id.
        id: RequestId,
        /// The file the user picked.
        #[serde(with = "carried")]
        file: web_sys::File,
        /// The user's corrections to the detection.
        options: ReadOptions,
        /// The view already chosen (its commune, its steps), with the id its rows will be sent
        /// under: only the commune's rows need parsing, and they come without another request.
        focus: Option<(RequestId, View)>,
    },
    /// The rows of the view's commune, with its steps.
    Select {
        /// The request's id.
        id: RequestId,
        /// The commune, the steps, whether the tidy table starts again.
        view: View,
    },
    /// Take a file out of the dossier; the reply is the dossier as it is left.
    Remove {
        /// The request's id.
        id: RequestId,
        /// The file's name.
        file_name: String,
    },
    /// The sources the recipe in force expects (none: no recipe); the reply is the dossier,
    /// each file with the one it takes the place of.
    Expect {
        /// The request's id.
        id: RequestId,
        /// The sources.
        expected: Vec<Expected>,
    },
    /// Draw the charts kept in the dossier again, from the dossier as it stands.
    Redraw {
        /// The request's id.
        id: RequestId,
        /// The charts (without their drawing).
        charts: Vec<DossierChart>,
    },
    /// Pack the dossier into one file: its settings and its files' bytes.
    Pack {
        /// The request's id.
        id: RequestId,
        /// The settings.
        saved: Box<Saved>,
        /// The files, in order.
        files: Vec<PackedFile>,
        /// The local date, ISO 8601.
        today: String,
    },
    /// Open a dossier file.
    Unpack {
        /// The request's id.
        id: RequestId,
        /// The file picked.
        #[serde(with = "carried")]
        file: web_sys::File,
    },
    /// Stop the load `id` (its reply is then a failure of kind `Cancelled`).
    Cancel {
        /// The load's id.
        id: RequestId,
    },
    /// Chart a numeric column of the selected rows.
    Chart {
        /// The request's id.
        id: RequestId,
        /// The column, the kind of chart and the user's edits.
        request: ChartRequest,
    },
    /// Read this variable dictionary; it labels the columns of every file from now on.
    Dictionary {
        /// The request's id.
        id: RequestId,
        /// The dictionary file.
        #[serde(with = "carried")]
        file: web_sys::File,
    },
    /// A slice of the whole file's rows, as the explorer's query keeps and orders them.
    Explore {
        /// The request's id.
        id: RequestId,
        /// Search, filters, order.
        query: Query,
        /// The first row wanted, in the query's order.
        offset: usize,
        /// How many rows.
        count: usize,
    },
    /// The portrait of the territory chosen, with the figures asked for.
    Portrait {
        /// The request's id.
        id: RequestId,
        /// The figures, in order (none: Carnet's choice).
        request: PortraitRequest,
        /// The local date, ISO 8601.
        today: String,
    },
    /// Build the publication kit of the selected rows.
    Kit {
        /// The request's id.
        id: RequestId,
        /// The dataset's fields as the user left them.
        dataset: Box<Dataset>,
        /// Files made on the page (chart image, recipe).
        attachments: Vec<Attachment>,
        /// The local date, ISO 8601.
        today: String,
    },
}

/// A file of a dossier file, its bytes beside the message.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PackedFile {
    /// Its name.
    pub name: String,
    /// The corrections it was read with.
    pub options: ReadOptions,
    /// Its bytes.
    #[serde(with = "crate::engine::carry")]
    pub bytes: Vec<u8>,
}

/// Which stage a load is at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Reading the file's bytes.
    Reading,
    /// Parsing them.
    Parsing,
}

/// What the UI shows of a loaded file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Loaded {
    /// The file's name.
    pub file_name: String,
    /// Its size in bytes.
    pub size: u64,
    /// What was detected.
    pub detection: Detection,
    /// The first rows, written the French way.
    pub preview: Vec<Vec<String>>,
    /// The rows set aside, with their line and reason.
    pub set_aside: Vec<SetAside>,
    /// The corrections the file was read with.
    pub options: ReadOptions,
    /// Whether the file streamed through the engine (too large to keep): reading it for
    /// another commune means reading it again.
    pub streamed: bool,
    /// Milliseconds spent reading the file (with a commune picked, its rows are sought as the
    /// bytes come), then finishing the read in the engine.
    pub timings: (f64, f64),
    /// The worker's WebAssembly memory after the load, in bytes.
    pub memory: u64,
    /// Whether only the file's head was read yet: what it shows while the rest is read.
    #[serde(default)]
    pub glimpse: bool,
}

/// A message from the worker to the UI.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum WorkerToUi {
    /// A load is under way.
    Progress {
        /// The load's id.
        id: RequestId,
        /// Its stage.
        stage: Stage,
        /// Bytes done.
        done: u64,
        /// Bytes in all.
        total: u64,
        /// Rows parsed so far.
        rows: u64,
    },
    /// A large file's head was read, the rest is being read: what the head shows.
    Glimpsed {
        /// The load's id.
        id: RequestId,
        /// What the head holds.
        loaded: Box<Loaded>,
    },
    /// A file was read.
    Loaded {
        /// The request's id.
        id: RequestId,
        /// What it holds.
        loaded: Box<Loaded>,
    },
    /// A commune's rows were kept.
    Selected {
        /// The request's id.
        id: RequestId,
        /// The rows and their downloads.
        selected: Box<Selected>,
    },
    /// The dossier changed (a file read or removed, a territory chosen): its sources, the one
    /// shown, the tidy table. Sent beside the reply of the request that changed it.
    Dossier {
        /// The request's id.
        id: RequestId,
        /// The dossier.
        dossier: Box<Dossier>,
    },
    /// A chart, ready to draw.
    Charted {
        /// The request's id.
        id: RequestId,
        /// The option, its height, its text alternative and its data.
        drawn: Box<Drawn>,
    },
    /// The portrait of the territory.
    Portrayed {
        /// The request's id.
        id: RequestId,
        /// Its figures, sentences, charts, map and sources.
        portrait: Box<Portrait>,
    },
    /// A variable dictionary was read.
    DictionaryRead {
        /// The request's id.
        id: RequestId,
        /// The dictionary's file name.
        file_name: String,
        /// Variables it labels.
        variables: usize,
    },
    /// Rows for the explorer.
    Explored {
        /// The request's id.
        id: RequestId,
        /// The slice.
        page: Box<Page>,
    },
    /// The publication kit.
    Kitted {
        /// The request's id.
        id: RequestId,
        /// The files, or the problems that stopped them.
        kit: Box<Kit>,
    },
    /// The charts kept, drawn again: each one under the file it was drawn from, or `None`
    /// when no file of the dossier can draw it now.
    Redrawn {
        /// The request's id.
        id: RequestId,
        /// The charts, in the order asked.
        charts: Vec<Option<DossierChart>>,
    },
    /// The dossier as one file.
    Packed {
        /// The request's id.
        id: RequestId,
        /// The file.
        file: KitFile,
    },
    /// A dossier file opened: its settings and files, or why it cannot be.
    Unpacked {
        /// The request's id.
        id: RequestId,
        /// The settings and the files.
        result: Result<(Box<Saved>, Vec<PackedFile>), DossierError>,
    },
    /// Replies taken in one go, so that the page shows them at once (a file read and its
    /// commune's rows).
    Together(Vec<WorkerToUi>),
    /// A request failed.
    Failed {
        /// The request's id.
        id: RequestId,
        /// The file concerned.
        file_name: String,
        /// Why.
        error: Error,
    },
}

/// Messages cross as one JSON string (quick to write, to clone and to read, where a tree of
/// JavaScript objects costs milliseconds each way), followed by the JavaScript objects they
/// carry ([`carried`]: files, passed, not copied) and their bytes (the publication kit's files,
/// the chart image given to it: `Uint8Array`s, through [`engine::carry`](crate::engine::carry)),
/// never written out as numbers. JSON has no NaN nor infinity: one in an `Option<f64>` arrives
/// as `None`, a missing value.
#[derive(Debug)]
pub struct Json;

thread_local! {
    /// The objects of the message being written or read, in order.
    static CARRIED: RefCell<Vec<JsValue>> = const { RefCell::new(Vec::new()) };
}

/// Bytes in a message travel among the objects it carries, as `Uint8Array`s.
struct Beside;

impl carry::Carrier for Beside {
    fn put(&self, bytes: &[u8]) -> u64 {
        CARRIED.with_borrow_mut(|carried| {
            carried.push(js_sys::Uint8Array::from(bytes).into());
            carried.len() as u64 - 1
        })
    }

    fn take(&self, place: u64) -> Option<Vec<u8>> {
        let object = CARRIED.with_borrow(|carried| carried.get(usize::try_from(place).ok()?).cloned())?;
        object.dyn_into::<js_sys::Uint8Array>().ok().map(|a| a.to_vec())
    }
}

impl Codec for Json {
    fn encode<I: Serialize>(input: I) -> JsValue {
        CARRIED.with_borrow_mut(Vec::clear);
        let json = carry::with(Rc::new(Beside), || serde_json::to_string(&input))
            .unwrap_or_else(|e| wasm_bindgen::throw_str(&format!("message encoding: {e}")));
        let message = js_sys::Array::of1(&JsValue::from(json));
        for object in CARRIED.take() {
            message.push(&object);
        }
        message.into()
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        let message: js_sys::Array = input.unchecked_into();
        CARRIED.set(message.iter().skip(1).collect());
        let json = message.get(0).as_string().unwrap_or_default();
        let decoded = carry::with(Rc::new(Beside), || serde_json::from_str(&json));
        CARRIED.with_borrow_mut(Vec::clear);
        decoded.unwrap_or_else(|e| wasm_bindgen::throw_str(&format!("message decoding: {e}")))
    }
}

/// A JavaScript object in a message (`#[serde(with = "carried")]`): written as its place
/// among the objects the message carries beside its JSON.
pub mod carried {
    use super::CARRIED;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};
    use wasm_bindgen::{JsCast, JsValue};

    /// Puts `object` beside the message, writing its place.
    pub fn serialize<T: AsRef<JsValue>, S: Serializer>(object: &T, serializer: S) -> Result<S::Ok, S::Error> {
        let place = CARRIED.with_borrow_mut(|carried| {
            carried.push(object.as_ref().clone());
            carried.len() - 1
        });
        serializer.serialize_u64(place as u64)
    }

    /// Takes the object at the place written.
    pub fn deserialize<'de, T: JsCast, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        let place = usize::deserialize(deserializer)?;
        CARRIED
            .with_borrow(|carried| carried.get(place).cloned())
            .map(JsCast::unchecked_into)
            .ok_or_else(|| D::Error::custom(format!("no object carried at {place}")))
    }
}
