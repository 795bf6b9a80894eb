//! The page's handle on the worker: sends requests with fresh ids and hands replies to the
//! app state, dropping those that answer a request since replaced.

use crate::protocol::{Json, RequestId, UiToWorker, WorkerToUi};
use crate::worker::EngineWorker;
use gloo::worker::{Spawnable, WorkerBridge};
use leptos::prelude::{LocalStorage, StoredValue};
use std::cell::Cell;
use std::rc::Rc;

/// Where Trunk puts the worker's loader script (relative, so any sub-path works).
const WORKER_LOADER: &str = "./worker_loader.js";

/// The worker handle, shared through context.
pub type EngineHandle = StoredValue<Engine, LocalStorage>;

/// The worker connection. Keep it alive: dropping it ends the worker.
#[derive(Clone)]
pub struct Engine {
    bridge: Rc<WorkerBridge<EngineWorker>>,
    next_id: Rc<Cell<RequestId>>,
}

impl Engine {
    /// Spawns the worker; `on_reply` receives every message it sends.
    pub fn spawn(on_reply: impl Fn(WorkerToUi) + 'static) -> Self {
        let mut spawner = EngineWorker::spawner();
        let mut spawner = spawner.encoding::<Json>();
        spawner.callback(on_reply).with_loader(true);
        Self { bridge: Rc::new(spawner.spawn(WORKER_LOADER)), next_id: Rc::new(Cell::new(1)) }
    }

    /// A fresh request id.
    pub fn next_id(&self) -> RequestId {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        id
    }

    /// Sends a request.
    pub fn send(&self, request: UiToWorker) {
        self.bridge.send(request);
    }
}
