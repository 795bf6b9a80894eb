//! Progress reporting: the caller supplies a sink, the engine never calls into JavaScript.

/// Receives progress while a file is read.
pub trait Progress {
    /// `done` of `total` bytes have been read and `rows` rows parsed so far.
    fn report(&mut self, done: u64, total: u64, rows: u64);
}

/// No progress wanted.
impl Progress for () {
    fn report(&mut self, _done: u64, _total: u64, _rows: u64) {}
}

impl<F: FnMut(u64, u64, u64)> Progress for F {
    fn report(&mut self, done: u64, total: u64, rows: u64) {
        self(done, total, rows)
    }
}
