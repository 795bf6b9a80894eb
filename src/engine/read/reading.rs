//! A file read as its bytes arrive, in order, chunk by chunk (as a browser streams a file).
//!
//! With communes picked, the territory-first scan runs on each chunk as it comes, so reading
//! the file and scanning it overlap; without, the whole table is typed as the chunks come. The
//! result is the one [`Workspace::load_for`] gives on the whole bytes. A file small enough is
//! kept whole, to be read again for another commune or with corrections; a larger one only
//! streams through, never held whole.
//!
//! ```
//! use carnet::engine::read::reading::Reading;
//! let mut file = String::from("CODGEO;MED\n");
//! for i in 0..50_000 { file.push_str(&format!("{:05};{i}\n", 1000 + i)); }
//! let codes = ["01500".to_owned()];
//! let mut reading = Reading::new("f.csv", file.len() as u64, Default::default(), Some(&codes), true);
//! for chunk in file.as_bytes().chunks(65_536) {
//!     reading.push(chunk, &mut ());
//! }
//! let (workspace, kept) = reading.finish(&mut ());
//! assert_eq!(workspace.unwrap().detection().rows, 50_000);
//! assert_eq!(kept.unwrap(), file.as_bytes());
//! ```

use crate::engine::error::{ErrorKind, Result};
use crate::engine::progress::Progress;
use crate::engine::read::decode;
use crate::engine::read::stream::{HEAD_BYTES, Stream};
use crate::engine::read::whole::Typing;
use crate::engine::read::workspace::Workspace;
use crate::engine::read::{FOCUS_MIN_BYTES, ReadOptions};
use std::mem::MaybeUninit;

/// A read under way.
pub struct Reading {
    file_name: String,
    size: u64,
    options: ReadOptions,
    focus: Option<Vec<String>>,
    /// Whether the file is kept whole.
    keep: bool,
    /// The bytes so far: all of them when kept, else the head until the scan starts.
    bytes: Vec<u8>,
    /// A chunk that is not kept, while it is scanned.
    scratch: Vec<u8>,
    /// Bytes received.
    received: u64,
    scan: Scan,
}

/// Where the territory-first scan stands.
enum Scan {
    /// Waiting for the head, which decides whether it applies.
    Head,
    /// Under way, fed each chunk.
    On(Box<Stream>),
    /// A file read whole, typed as its chunks come.
    Typing(Box<Typing>),
    /// Not for this file: it is read whole at the end.
    Off,
    /// A file not kept whose head says it is no text table (an archive, a document, binary
    /// bytes): the reason, given at the end instead of "too large to stream".
    Refused(crate::engine::Error),
}

impl Reading {
    /// Starts reading `file_name`, of `size` bytes, keeping besides a sample only the rows of
    /// the communes `focus` when it is given; `keep` holds the whole file in memory (a file not
    /// kept can only be read for communes).
    pub fn new(file_name: &str, size: u64, options: ReadOptions, focus: Option<&[String]>, keep: bool) -> Self {
        let capacity = if keep { size } else { HEAD_BYTES as u64 };
        Self {
            file_name: file_name.to_owned(),
            size,
            options,
            focus: focus.map(<[String]>::to_vec),
            keep,
            bytes: Vec::with_capacity(usize::try_from(capacity).unwrap_or(0)),
            scratch: Vec::new(),
            received: 0,
            scan: if focus.is_some() || keep { Scan::Head } else { Scan::Off },
        }
    }

    /// Takes the next chunk of the file.
    pub fn push(&mut self, chunk: &[u8], progress: &mut dyn Progress) {
        self.push_with(chunk.len(), |to| to.write_copy_of_slice(chunk), progress);
    }

    /// Takes the next `len` bytes of the file, which `fill` writes into the memory it is given
    /// and returns (as a typed array's `copy_to_uninit` does): no byte is written twice.
    ///
    /// # Panics
    /// If `fill` returns other memory than it was given.
    pub fn push_with(
        &mut self,
        len: usize,
        fill: impl FnOnce(&mut [MaybeUninit<u8>]) -> &mut [u8],
        progress: &mut dyn Progress,
    ) {
        let holding = self.keep || matches!(self.scan, Scan::Head);
        let into = if holding { &mut self.bytes } else { &mut self.scratch };
        if !holding {
            into.clear();
        }
        let at = into.len();
        into.reserve(len);
        let spare = &mut into.spare_capacity_mut()[..len];
        let given = spare.as_ptr().cast::<u8>();
        let filled = fill(spare);
        assert!(filled.len() == len && std::ptr::eq(filled.as_ptr(), given), "filled other memory");
        // SAFETY: `filled` is the spare capacity's first `len` bytes (same address and length),
        // and a `&mut [u8]` over them proves they are initialised.
        unsafe { into.set_len(at + len) };
        self.received += len as u64;
        let chunk = if holding { &self.bytes[at..] } else { &self.scratch[..] };
        match &mut self.scan {
            Scan::On(stream) => stream.feed(chunk, progress),
            Scan::Typing(typing) => typing.feed(chunk, progress),
            Scan::Head if self.bytes.len() >= HEAD_BYTES || self.received >= self.size => self.start_scan(progress),
            Scan::Head | Scan::Off | Scan::Refused(_) => progress.report(self.received.min(self.size), self.size, 0),
        }
    }

    /// The head is in: starts the territory-first scan on it, if it applies.
    fn start_scan(&mut self, progress: &mut dyn Progress) {
        let head = &self.bytes[..self.bytes.len().min(HEAD_BYTES)];
        if !self.keep
            && let Err(refused) = super::encoding_of(head, self.options)
        {
            progress.report(self.received.min(self.size), self.size, 0);
            self.scan = Scan::Refused(refused);
            return;
        }
        let encoding = match self.options.encoding {
            Some(forced) => Some(forced),
            None => decode::detect(head).ok(),
        };
        let large = self.size > FOCUS_MIN_BYTES as u64;
        if self.focus.is_none() {
            // Read whole: typed as its chunks come, when its head is a text table.
            let typing =
                encoding.filter(|_| large).and_then(|e| Typing::start(&self.bytes, self.size, e, self.options));
            self.scan = match typing {
                Some(mut typing) => {
                    typing.feed(&self.bytes, progress);
                    Scan::Typing(Box::new(typing))
                }
                None => {
                    progress.report(self.received.min(self.size), self.size, 0);
                    Scan::Off
                }
            };
            return;
        }
        let stream = self
            .focus
            .as_deref()
            .filter(|_| large)
            .and_then(|codes| Stream::start(&self.bytes, self.size, encoding?, self.options, codes));
        self.scan = match stream {
            Some(mut stream) => {
                stream.feed(&self.bytes, progress);
                if !self.keep {
                    self.bytes = Vec::new();
                }
                Scan::On(Box::new(stream))
            }
            None => {
                progress.report(self.received.min(self.size), self.size, 0);
                Scan::Off
            }
        };
    }

    /// The file as its head alone reads, once the head is in, for a file larger than its head
    /// read whole: what was detected there and the first rows, for the page to show while the
    /// rest is read. `None` before the head is in, for another file, or when the head alone
    /// does not read (an archive, a workbook).
    pub fn glimpse(&self) -> Option<Workspace> {
        if !self.keep || self.focus.is_some() || self.size <= HEAD_BYTES as u64 || self.bytes.len() < HEAD_BYTES {
            return None;
        }
        let head = &self.bytes[..HEAD_BYTES];
        let head = &head[..memchr::memrchr(b'\n', head)? + 1];
        Workspace::load_with(&self.file_name, head, self.options, &mut ()).ok()
    }

    /// Whether the read cannot end well: a file not kept whole that cannot be streamed either
    /// (UTF-16, no commune code column). Reading the rest is then useless.
    pub fn hopeless(&self) -> bool {
        !self.keep && matches!(self.scan, Scan::Off | Scan::Refused(_))
    }

    /// Ends the read: the workspace, and the whole file when it was kept.
    ///
    /// # Errors
    /// Those of [`Workspace::load_for`]; [`ErrorKind::TooLargeToStream`] for a file not kept
    /// that could not be streamed.
    pub fn finish(mut self, progress: &mut dyn Progress) -> (Result<Workspace>, Option<Vec<u8>>) {
        if !self.keep {
            let result = match self.scan {
                Scan::On(stream) => Workspace::from_stream(&self.file_name, *stream),
                Scan::Refused(error) => Err(error),
                Scan::Head | Scan::Off | Scan::Typing(_) => Err(ErrorKind::TooLargeToStream { size: self.size }.into()),
            };
            return (result, None);
        }
        if matches!(self.scan, Scan::Head) {
            self.start_scan(&mut ());
        }
        let bytes = self.bytes;
        // The head decided the encoding; the whole file may say otherwise (an ASCII head, then
        // accented letters in Windows-1252), and then it is read again.
        let result = match self.scan {
            Scan::On(stream)
                if self.received == self.size
                    && super::encoding_of(&bytes, self.options).ok() == Some(stream.encoding()) =>
            {
                Workspace::from_stream(&self.file_name, *stream)
            }
            Scan::Typing(typing)
                if self.received == self.size
                    && super::encoding_of(&bytes, self.options).ok() == Some(typing.encoding()) =>
            {
                // Given up (quotes the scan and the parser count apart): the reference path.
                Workspace::from_typing(&self.file_name, *typing, &bytes)
                    .unwrap_or_else(|| Workspace::load_parsed(&self.file_name, &bytes, self.options))
            }
            _ => Workspace::load_for(&self.file_name, &bytes, self.options, self.focus.as_deref(), progress),
        };
        (result, Some(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::read::decode::Encoding;

    /// An INSEE-like file of `rows` rows, in Windows-1252 when `accent_at` puts an accented
    /// name on that row.
    fn national(rows: usize, accent_at: usize) -> Vec<u8> {
        let mut text = String::from("CODGEO;LIBGEO;P21_POP\r\n");
        for r in 0..rows {
            let code = if r == rows / 2 { "59522".to_owned() } else { format!("{:02}{:03}", 1 + r % 95, r % 1000) };
            let name = if r == accent_at { "Sailly-lez-Lannoy é".to_owned() } else { format!("Commune {r}") };
            text.push_str(&format!("{code};{name};{},{}\r\n", 1000 + r, r % 10));
        }
        text.push_str("Source : Insee\r\n");
        encoding_rs::WINDOWS_1252.encode(&text).0.into_owned()
    }

    fn read_in_chunks(bytes: &[u8], chunk: usize, keep: bool) -> (Result<Workspace>, Option<Vec<u8>>) {
        let codes = ["59522".to_owned()];
        let mut reading = Reading::new("f.csv", bytes.len() as u64, ReadOptions::default(), Some(&codes), keep);
        for c in bytes.chunks(chunk) {
            reading.push(c, &mut ());
        }
        reading.finish(&mut ())
    }

    fn same_as_whole(bytes: &[u8], keep: bool) {
        let codes = ["59522".to_owned()];
        let whole = Workspace::load_for("f.csv", bytes, ReadOptions::default(), Some(&codes), &mut ()).unwrap();
        for chunk in [1_000, 65_536, 409_600, bytes.len()] {
            let (ws, kept) = read_in_chunks(bytes, chunk, keep);
            let ws = ws.unwrap();
            assert_eq!(ws.detection(), whole.detection(), "chunks of {chunk}");
            assert_eq!(ws.set_aside(), whole.set_aside());
            assert_eq!(kept.as_deref(), keep.then_some(bytes));
        }
    }

    #[test]
    fn chunks_read_as_the_whole_file() {
        let bytes = national(20_000, 3);
        assert!(bytes.len() > FOCUS_MIN_BYTES);
        same_as_whole(&bytes, true);
        same_as_whole(&bytes, false);
    }

    #[test]
    fn an_ascii_head_with_accents_further_on_is_read_again_in_windows_1252() {
        let bytes = national(20_000, 19_000);
        let (ws, _) = read_in_chunks(&bytes, 65_536, true);
        assert_eq!(ws.unwrap().detection().encoding, Encoding::Windows1252);
        same_as_whole(&bytes, true);
    }

    #[test]
    fn a_file_read_whole_is_typed_as_its_chunks_come() {
        // Accents in the head, then only after it (read again in Windows-1252 at the end).
        for accent_at in [3, 19_000] {
            let bytes = national(20_000, accent_at);
            let whole = Workspace::load("f.csv", &bytes, &mut ()).unwrap();
            for chunk in [1_000, 65_536, 409_600] {
                let mut reading = Reading::new("f.csv", bytes.len() as u64, ReadOptions::default(), None, true);
                bytes.chunks(chunk).for_each(|c| reading.push(c, &mut ()));
                assert!(matches!(reading.scan, Scan::Typing(_)), "typed as it came");
                let (ws, kept) = reading.finish(&mut ());
                let ws = ws.unwrap();
                assert_eq!(ws.detection(), whole.detection(), "chunks of {chunk}");
                assert_eq!((ws.lines(), ws.set_aside()), (whole.lines(), whole.set_aside()));
                assert_eq!(ws.preview(20_000), whole.preview(20_000));
                assert_eq!(kept.as_deref(), Some(&bytes[..]));
            }
        }
    }

    #[test]
    fn the_head_alone_says_what_the_whole_file_will() {
        let bytes = national(20_000, 3);
        let mut reading = Reading::new("f.csv", bytes.len() as u64, ReadOptions::default(), None, true);
        let mut chunks = bytes.chunks(100_000);
        reading.push(chunks.next().unwrap(), &mut ());
        assert!(reading.glimpse().is_none(), "not before the head is in");
        chunks.by_ref().take(2).for_each(|c| reading.push(c, &mut ()));
        let glimpse = reading.glimpse().expect("the head is in");
        chunks.for_each(|c| reading.push(c, &mut ()));
        let (ws, _) = reading.finish(&mut ());
        let (seen, whole) = (glimpse.detection(), ws.unwrap().detection().clone());
        assert_eq!(
            (seen.encoding, seen.dialect, seen.layout.header_line),
            (whole.encoding, whole.dialect, whole.layout.header_line)
        );
        assert_eq!(
            seen.columns.iter().map(|c| (&c.name, c.kind)).collect::<Vec<_>>(),
            whole.columns.iter().map(|c| (&c.name, c.kind)).collect::<Vec<_>>()
        );
        assert!(seen.rows < whole.rows);
        assert_eq!(glimpse.preview(3), Workspace::load("f.csv", &bytes, &mut ()).unwrap().preview(3));
        // With a commune picked, the rows come at once: no glimpse.
        let codes = ["59522".to_owned()];
        let mut reading = Reading::new("f.csv", bytes.len() as u64, ReadOptions::default(), Some(&codes), true);
        reading.push(&bytes, &mut ());
        assert!(reading.glimpse().is_none());
    }

    #[test]
    fn a_small_file_or_no_commune_is_read_whole() {
        let bytes = national(100, 3);
        same_as_whole(&bytes, true);
        let mut reading = Reading::new("f.csv", bytes.len() as u64, ReadOptions::default(), None, true);
        reading.push(&bytes, &mut ());
        let (ws, _) = reading.finish(&mut ());
        assert!(!ws.unwrap().detection().sampled);
    }

    #[test]
    fn a_file_not_kept_that_cannot_stream_says_so_early() {
        let mut text = String::from("\u{FEFF}A;B\r\n");
        (0..40_000).for_each(|i| text.push_str(&format!("{i};x\r\n")));
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let codes = ["59522".to_owned()];
        let mut reading = Reading::new("f.csv", bytes.len() as u64, ReadOptions::default(), Some(&codes), false);
        for c in bytes.chunks(65_536) {
            reading.push(c, &mut ());
            if reading.hopeless() {
                break;
            }
        }
        assert!(reading.hopeless());
        let (ws, kept) = reading.finish(&mut ());
        assert!(matches!(ws.unwrap_err().kind(), ErrorKind::TooLargeToStream { .. }));
        assert!(kept.is_none());
    }

    #[test]
    fn a_large_document_not_kept_is_named_for_what_it_is() {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.resize(600_000, b'x');
        let codes = ["59522".to_owned()];
        let mut reading = Reading::new("rapport.csv", bytes.len() as u64, ReadOptions::default(), Some(&codes), false);
        for c in bytes.chunks(65_536) {
            reading.push(c, &mut ());
            if reading.hopeless() {
                break;
            }
        }
        assert!(reading.hopeless(), "nothing more to read");
        let (ws, _) = reading.finish(&mut ());
        assert_eq!(ws.unwrap_err().kind(), &ErrorKind::Document { format: "pdf".into() });
    }
}
