//! The latest request of one kind and its answer. Each request gets a fresh id; a reply
//! carrying an older id answers a request since replaced, and is dropped — one rule for every
//! kind of request instead of an id signal and a reply signal side by side.

use super::worker::Engine;
use crate::engine::Error;
use crate::protocol::RequestId;
use leptos::prelude::*;

/// A failed request: the file concerned and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// The file's name.
    pub file_name: String,
    /// Why.
    pub error: Error,
}

/// The answer to the latest request of a kind: none yet, a value, or a failure.
pub type Reply<T> = Option<Result<T, Failure>>;

/// The latest request of one kind: its id and its reply, read like a signal.
pub struct Latest<T: Send + Sync + 'static> {
    id: RwSignal<RequestId>,
    reply: RwSignal<Reply<T>>,
}

impl<T: Send + Sync + 'static> Clone for Latest<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Latest<T> {}

impl<T: Clone + Send + Sync + 'static> Latest<T> {
    /// No request yet.
    pub fn new() -> Self {
        Self { id: RwSignal::new(0), reply: RwSignal::new(None) }
    }

    /// Starts a request: the id to send it under. `keep` leaves the reply shown until the
    /// answer comes; otherwise it is cleared at once.
    pub fn start(&self, engine: &Engine, keep: bool) -> RequestId {
        let id = engine.next_id();
        self.own(id, keep);
        id
    }

    /// Makes `id`, taken elsewhere (a select riding with a load), the latest request.
    pub fn own(&self, id: RequestId, keep: bool) {
        self.id.set(id);
        if !keep {
            self.reply.set(None);
        }
    }

    /// Whether `id` is the latest request's.
    pub fn is_latest(&self, id: RequestId) -> bool {
        id == self.id.get_untracked()
    }

    /// Takes the answer to request `id`; `false` (and nothing changes) when it is not the latest.
    pub fn answer(&self, id: RequestId, reply: Result<T, Failure>) -> bool {
        let latest = self.is_latest(id);
        if latest {
            self.reply.set(Some(reply));
        }
        latest
    }

    /// Forgets the reply shown.
    pub fn clear(&self) {
        self.reply.set(None);
    }

    /// The reply (tracked).
    pub fn get(&self) -> Reply<T> {
        self.reply.get()
    }

    /// The reply, untracked.
    pub fn get_untracked(&self) -> Reply<T> {
        self.reply.get_untracked()
    }

    /// Reads the reply in place (tracked).
    pub fn with<R>(&self, f: impl FnOnce(&Reply<T>) -> R) -> R {
        self.reply.with(f)
    }
}

impl<T: Clone + Send + Sync + 'static> Default for Latest<T> {
    fn default() -> Self {
        Self::new()
    }
}
