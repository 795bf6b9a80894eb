//! Reading a file territory-first, in chunks: a file larger than memory streams through, only
//! the commune's rows and a sample are kept. The head (first bytes) decides the dialect and the
//! header line; the chunks go through a [`Scanner`] as they come, but for the file's last bytes,
//! held back until the end is there, where footnotes are looked for.
//!
//! ```
//! use carnet::engine::read::{decode::Encoding, stream::Stream, workspace::Workspace};
//! let mut file = String::from("CODGEO;MED\n");
//! for i in 0..50_000 { file.push_str(&format!("{:05};{i}\n", 1000 + i)); }
//! let bytes = file.as_bytes();
//! let codes = ["01500".to_owned()];
//! let mut s = Stream::start(&bytes[..262_144], bytes.len() as u64, Encoding::Utf8, Default::default(), &codes).unwrap();
//! for chunk in bytes.chunks(100_000) { s.feed(chunk, &mut ()); }
//! let ws = Workspace::from_stream("f.csv", s).unwrap();
//! assert_eq!(ws.detection().rows, 50_000);
//! ```

use crate::engine::progress::Progress;
use crate::engine::read::decode::{self, Encoding};
use crate::engine::read::dialect::{self, Dialect, LineEnding};
use crate::engine::read::infer;
use crate::engine::read::layout::{self, Layout};
use crate::engine::read::parse;
use crate::engine::read::scan::{self, Kept, Rows, Scanner};
use crate::engine::read::{Read, ReadOptions, SAMPLE_ROWS};
use crate::engine::table::{CodeKind, ColumnKind};

/// How much of the file's start decides the dialect and the header.
pub const HEAD_BYTES: usize = 256 * 1024;
/// How much of the file's end is looked at for footnotes.
pub const TAIL_BYTES: usize = 8 * 1024;

/// A streamed read under way: territory-first with [`Kept`] rows.
pub struct Stream<S = Kept> {
    encoding: Encoding,
    options: ReadOptions,
    codes: Vec<String>,
    dialect: Dialect,
    layout: Layout,
    /// Absolute offset of the table's first byte (its header's).
    start: u64,
    size: u64,
    /// Bytes fed so far.
    fed: u64,
    /// Where the file's last bytes start: they are held back in `tail` until the end.
    hold: u64,
    tail: Vec<u8>,
    /// Whether the end has been read and the table's end found.
    closed: bool,
    scanner: Scanner<S>,
}

impl Stream<Kept> {
    /// Prepares to read a file of `size` bytes whose first bytes are `head`, keeping the rows
    /// of `codes`. `None` when this path does not apply: see [`Head::read`]; also without a
    /// commune code column.
    pub fn start(head: &[u8], size: u64, encoding: Encoding, options: ReadOptions, codes: &[String]) -> Option<Self> {
        let head = Head::read(head, size, encoding, options)?;
        let sep = head.dialect.separator;
        // The code column: named so by the header, else the first whose values are commune codes.
        let column =
            head.header.iter().position(|h| CodeKind::from_header(h) == Some(CodeKind::Commune)).or_else(|| {
                let sample = head.sample();
                let kinds = infer::columns(&sample.header, &sample.columns, None);
                kinds.iter().position(|i| i.kind == ColumnKind::Code(CodeKind::Commune))
            })?;
        // A spreadsheet may have dropped the leading zero: look for `1001` as well as `01001`.
        let mut wanted = codes.to_vec();
        wanted.extend(codes.iter().map(|c| c.trim_start_matches('0').to_owned()).filter(|c| !codes.contains(c)));
        let rows = Kept::new(sep, column, &wanted, SAMPLE_ROWS);
        Some(Self::with(head, encoding, options, codes, rows))
    }

    /// Ends the read: parses the header, the sample and the kept rows.
    pub(crate) fn finish(self) -> Read {
        let text = text_of(self.text_encoding());
        let (dialect, layout, s) = self.end();
        let last_sampled = s.sink.sample.last().map_or(0, |(l, _)| *l);
        let records: Vec<(u64, String)> = s
            .header
            .iter()
            .chain(&s.sink.sample)
            .chain(s.sink.kept.iter().filter(|(l, _)| *l > last_sampled))
            .map(|(l, r)| (*l, text(r)))
            .collect();
        let mut parsed = parse::parse_records(records.iter().map(|(l, r)| (*l, r.as_str())), dialect.separator);
        let mut set_aside = s.set_aside;
        set_aside.append(&mut parsed.set_aside);
        set_aside.sort_by_key(|a| a.line);
        Read { dialect, layout, parsed, rows: s.rows, set_aside }
    }
}

impl<S: Rows> Stream<S> {
    /// Prepares to read the table `head` found, handing its rows to `rows`.
    pub(crate) fn with(head: Head, encoding: Encoding, options: ReadOptions, codes: &[String], rows: S) -> Self {
        let scanner = Scanner::new(head.dialect.separator, head.header.len(), head.layout.header_line, rows);
        Self {
            encoding,
            options,
            codes: codes.to_vec(),
            dialect: head.dialect,
            layout: head.layout,
            start: head.start,
            size: head.size,
            fed: 0,
            hold: head.size.saturating_sub(TAIL_BYTES as u64),
            tail: Vec::new(),
            closed: false,
            scanner,
        }
    }

    /// Takes the next chunk of the file (chunks come in order, from its first byte).
    pub fn feed(&mut self, chunk: &[u8], progress: &mut dyn Progress) {
        let (from, to) = (self.fed, self.fed + chunk.len() as u64);
        self.fed = to;
        self.scan(chunk, from, self.hold);
        if to > self.hold {
            self.tail.extend_from_slice(&chunk[(self.hold.max(from) - from) as usize..]);
        }
        if self.fed >= self.size {
            self.close();
        }
        progress.report(to.min(self.size), self.size, self.scanner.rows as u64);
    }

    /// Scans the part of `bytes` (at offset `at` in the file) that lies in the table and
    /// before `until`.
    fn scan(&mut self, bytes: &[u8], at: u64, until: u64) {
        let (a, b) = (at.max(self.start), (at + bytes.len() as u64).min(until));
        if a < b {
            let text = text_of(self.text_encoding());
            self.scanner.feed(&bytes[(a - at) as usize..(b - at) as usize], &text);
        }
    }

    /// The file's end is read (or will not come): finds the footnotes in the bytes held back
    /// and scans the table's last rows.
    fn close(&mut self) {
        if std::mem::replace(&mut self.closed, true) {
            return;
        }
        let tail = std::mem::take(&mut self.tail);
        let text = text_of(self.text_encoding());
        let tail_end = self.hold + tail.len() as u64;
        let (end, footnotes) = table_end(&tail, tail_end, self.dialect.separator, self.layout.width, &text);
        self.layout.end = end as usize;
        self.layout.footnotes = footnotes;
        self.scan(&tail, self.hold, end);
    }

    /// The encoding of the text after any byte-order mark.
    fn text_encoding(&self) -> Encoding {
        if self.encoding == Encoding::Utf8Bom { Encoding::Utf8 } else { self.encoding }
    }

    /// The encoding read with.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The corrections read with.
    pub fn options(&self) -> ReadOptions {
        self.options
    }

    /// The codes whose rows are kept.
    pub fn codes(&self) -> &[String] {
        &self.codes
    }

    /// Ends the scan: the dialect, the layout (footnotes found) and the scanner with its rows.
    pub(crate) fn end(mut self) -> (Dialect, Layout, Scanner<S>) {
        self.close();
        let text = text_of(self.text_encoding());
        self.scanner.finish(&text);
        (self.dialect, self.layout, self.scanner)
    }
}

/// What a file's first bytes say of its table: dialect, layout, header and first records.
pub(crate) struct Head {
    /// Separator and line endings.
    pub dialect: Dialect,
    /// Titles and header line; `start` is the header's offset in the file's bytes, `end` its
    /// size (the footnotes are looked for at the end).
    pub layout: Layout,
    /// The header's offset in the file's bytes.
    pub start: u64,
    /// The file's size.
    pub size: u64,
    /// The header's names.
    pub header: Vec<String>,
    /// The records of the head, the header first, with their physical line.
    pub records: Vec<scan::Record>,
    text_encoding: Encoding,
}

impl Head {
    /// Reads the start of a file of `size` bytes. `None` when a streamed read does not apply:
    /// UTF-16, `\r` line endings, a head without a line break.
    pub(crate) fn read(head: &[u8], size: u64, encoding: Encoding, options: ReadOptions) -> Option<Self> {
        let (skip, text_encoding) = match encoding {
            Encoding::Utf8Bom => (3, Encoding::Utf8),
            Encoding::Utf8 | Encoding::MixedUtf8 | Encoding::Windows1252 | Encoding::Iso8859_15 => (0, encoding),
            Encoding::Utf16Le | Encoding::Utf16Be => return None,
        };
        let text = text_of(text_encoding);
        let head = &head[skip.min(head.len())..head.len().min(HEAD_BYTES)];
        let head = &head[..memchr::memrchr(b'\n', head)? + 1];
        let head_text = text(head);
        let mut dialect = dialect::detect(&head_text);
        if let Some(separator) = options.separator {
            dialect.separator = separator;
        }
        if dialect.line_ending == LineEnding::Cr {
            return None;
        }
        let in_head = match options.header_line {
            Some(line) => layout::with_header(&head_text, dialect.separator, line),
            None => layout::detect(&head_text, dialect.separator),
        };
        let header_at = layout::line_start(head, in_head.header_line)?;
        let start = (skip + header_at) as u64;
        let records = scan::records(&head[header_at..], in_head.header_line);
        let mut this = Self {
            dialect,
            layout: Layout { start: start as usize, end: size as usize, footnotes: Vec::new(), ..in_head },
            start,
            size,
            header: Vec::new(),
            records,
            text_encoding,
        };
        this.header = this.parse(1).header;
        Some(this)
    }

    /// The header and the first `SAMPLE_ROWS` data records of the head, parsed.
    pub(crate) fn sample(&self) -> parse::Parsed {
        self.parse(SAMPLE_ROWS + 1)
    }

    fn parse(&self, records: usize) -> parse::Parsed {
        let text = text_of(self.text_encoding);
        let first: Vec<(u64, String)> = self.records.iter().take(records).map(|(l, r)| (*l, text(r))).collect();
        parse::parse_records(first.iter().map(|(l, r)| (*l, r.as_str())), self.dialect.separator)
    }
}

/// Bytes in `encoding` (no byte-order mark) to text.
fn text_of(encoding: Encoding) -> impl Fn(&[u8]) -> String {
    move |b| decode::decode(b, encoding).into_owned()
}

/// Where the table ends (absolute offset; footnotes excluded), and the footnotes, from the
/// file's last bytes `tail`.
fn table_end(
    tail: &[u8],
    size: u64,
    sep: dialect::Separator,
    width: usize,
    text: &dyn Fn(&[u8]) -> String,
) -> (u64, Vec<String>) {
    let tail_start = size - tail.len() as u64;
    // Start on a line boundary.
    let Some(from) = memchr::memchr(b'\n', tail).map(|i| i + 1) else { return (size, Vec::new()) };
    let tail_text = text(&tail[from..]);
    let (end, notes) = layout::trailing_notes(&tail_text, sep, width);
    if notes.is_empty() {
        return (size, notes);
    }
    // The notes start on a line boundary: as many line breaks before it in the bytes.
    let lines = memchr::memchr_iter(b'\n', &tail_text.as_bytes()[..end]).count();
    let at = if lines == 0 {
        from
    } else {
        memchr::memchr_iter(b'\n', &tail[from..]).nth(lines - 1).map_or(tail.len(), |i| from + i + 1)
    };
    (tail_start + at as u64, notes)
}
