//! The one entry point the worker calls: raw file → detection → typed table → the rows of a
//! territory → chart, clean CSV and the facts its publication kit is built from.
//!
//! ```
//! use carnet::engine::workspace::Workspace;
//! let ws = Workspace::load("f.csv", b"CODGEO;MED20\r\n01001;24820\r\n59522;29440\r\n", &mut ()).unwrap();
//! assert_eq!(ws.detection().rows, 2);
//! assert_eq!(ws.preview(1)[0], ["01001", "24\u{202F}820"]);
//! ```

use super::chart::{self, Bar1, BarChart, ChartKind, ChartRequest, Drawn, Edits};
use super::decode::{self, Encoding};
use super::dialect::Separator;
use super::dialect::{self, Dialect};
use super::error::{ErrorKind, Result};
use super::filter;
use super::format;
use super::infer::{ColumnKind, DecimalSign, Marker};
use super::layout::{self, Layout};
use super::levels::{Level, Total};
use super::parse::{self, Parsed, SetAside};
use super::progress::Progress;
use super::publish::{self, facts::Facts};
use super::stream::Stream;
use super::table::{Column, Table};
use super::territory::{Named, Place};
use serde::{Deserialize, Serialize};

/// A column as the detection summary shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnInfo {
    /// Name from the header.
    pub name: String,
    /// Detected kind.
    pub kind: ColumnKind,
    /// Cells with no value (empty, secret or not available).
    pub missing: usize,
    /// Cells marked secret.
    pub secret: usize,
    /// Cells marked not available.
    pub not_available: usize,
    /// Codes whose lost leading zeros were restored.
    pub repaired: usize,
    /// Values of a code column that are not well-formed codes.
    pub odd: usize,
}

/// The user's corrections to what was detected; `None` keeps the detection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadOptions {
    /// The text encoding.
    pub encoding: Option<Encoding>,
    /// The field separator.
    pub separator: Option<Separator>,
    /// The header's physical line, from 1.
    pub header_line: Option<u64>,
    /// The decimal sign of every numeric column.
    pub decimal: Option<DecimalSign>,
}

/// Everything detected while reading a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    /// The text encoding.
    pub encoding: Encoding,
    /// Separator and line endings.
    pub dialect: Dialect,
    /// Header line, titles and footnotes.
    pub layout: Layout,
    /// The decimal sign of the numeric columns, if any has decimals.
    pub decimal: Option<DecimalSign>,
    /// Data rows kept.
    pub rows: usize,
    /// Data rows set aside.
    pub set_aside: usize,
    /// Whether only a sample (and the focus's rows) was typed: column counts cover those rows.
    pub sampled: bool,
    /// In a UTF-8 file, the first lines holding Windows-1252 bytes (read as such).
    pub mixed_lines: Vec<u64>,
    /// The columns.
    pub columns: Vec<ColumnInfo>,
}

/// A file read into a table.
#[derive(Clone, Debug)]
pub struct Workspace {
    file_name: String,
    detection: Detection,
    /// Every row, or, read with a focus, the sample rows then the focus's rows.
    table: Table,
    lines: Vec<u64>,
    set_aside: Vec<SetAside>,
    /// The commune codes the file was read for, when only their rows were kept.
    focus: Option<Vec<String>>,
}

/// Rows parsed into columns whatever the focus, for detection and preview.
pub(crate) const SAMPLE_ROWS: usize = 1_000;

/// The rows of one commune.
#[derive(Clone, Debug)]
pub struct Selection {
    /// The commune.
    pub place: Place,
    /// Its rows.
    pub table: Table,
    /// The physical line of each row in the source file.
    pub lines: Vec<u64>,
    /// The level of each row: the commune's (or its IRIS'), then those of its EPCI,
    /// département, région and France the file has, for comparison.
    pub levels: Vec<Level>,
}

impl Workspace {
    /// Reads `bytes`, the content of the file `file_name`, detecting everything.
    ///
    /// # Errors
    /// See [`Workspace::load_with`].
    pub fn load(file_name: &str, bytes: &[u8], progress: &mut dyn Progress) -> Result<Self> {
        Self::load_with(file_name, bytes, ReadOptions::default(), progress)
    }

    /// Reads `bytes` with the user's corrections in `options`.
    ///
    /// # Errors
    /// See [`decode::detect`] (an encoding given in `options` skips the text checks, not the
    /// archive check); also [`ErrorKind::NoRows`] for a header without rows and
    /// [`ErrorKind::NoValidRows`] when every row had to be set aside.
    pub fn load_with(file_name: &str, bytes: &[u8], options: ReadOptions, progress: &mut dyn Progress) -> Result<Self> {
        Self::load_for(file_name, bytes, options, None, progress)
    }

    /// Reads `bytes` keeping, besides a sample, only the rows of the communes `focus` (the
    /// territory-first path, several times faster on a national file). Without a commune code
    /// column, or with `focus` at `None`, every row is kept.
    ///
    /// # Errors
    /// See [`Workspace::load_with`].
    pub fn load_for(
        file_name: &str,
        bytes: &[u8],
        options: ReadOptions,
        focus: Option<&[String]>,
        progress: &mut dyn Progress,
    ) -> Result<Self> {
        let encoding = encoding_of(bytes, options)?;
        if let Some(codes) = focus
            && bytes.len() > FOCUS_MIN_BYTES
            && let Some(mut stream) = Stream::start(bytes, bytes.len() as u64, encoding, options, codes)
        {
            stream.feed(bytes, progress);
            return Self::from_stream(file_name, stream);
        }
        let text = decode::decode(bytes, encoding);
        let mut dialect = dialect::detect(&text);
        if let Some(separator) = options.separator {
            dialect.separator = separator;
        }
        let layout = match options.header_line {
            Some(line) => layout::with_header(&text, dialect.separator, line),
            None => layout::detect(&text, dialect.separator),
        };
        let mut parsed = parse::parse(&text[layout.start..layout.end], layout.header_line, dialect.separator, progress);
        let set_aside = std::mem::take(&mut parsed.set_aside);
        let rows = parsed.rows();
        let mixed_lines =
            if encoding == Encoding::MixedUtf8 { decode::non_utf8_lines(bytes, MIXED_LINES_SHOWN) } else { Vec::new() };
        Self::assemble(
            file_name,
            encoding,
            Read { dialect, layout, parsed, rows, set_aside },
            options,
            None,
            mixed_lines,
        )
    }

    /// Finishes a territory-first read fed with the whole file.
    ///
    /// # Errors
    /// [`ErrorKind::NoRows`] for a header without rows, [`ErrorKind::NoValidRows`] when every
    /// row had to be set aside.
    pub fn from_stream(file_name: &str, stream: Stream) -> Result<Self> {
        let (encoding, options, codes) = (stream.encoding(), stream.options(), stream.codes().to_vec());
        Self::assemble(file_name, encoding, stream.finish(), options, Some(codes), Vec::new())
    }

    /// Types the parsed rows and gathers what was detected.
    fn assemble(
        file_name: &str,
        encoding: Encoding,
        read: Read,
        options: ReadOptions,
        focus: Option<Vec<String>>,
        mixed_lines: Vec<u64>,
    ) -> Result<Self> {
        let Read { dialect, layout, parsed, rows, set_aside } = read;
        if rows == 0 {
            return Err(if set_aside.is_empty() {
                ErrorKind::NoRows { header_line: layout.header_line }
            } else {
                ErrorKind::NoValidRows { set_aside: set_aside.len() as u64 }
            }
            .into());
        }
        let (table, inferences) = Table::from_parsed(&parsed.header, &parsed.columns, parsed.rows(), options.decimal)
            .expect("the parser keeps only rows of the header's width");
        let detection = Detection {
            encoding,
            dialect,
            layout,
            decimal: decimal_sign(&table),
            rows,
            set_aside: set_aside.len(),
            sampled: focus.is_some(),
            mixed_lines,
            columns: table
                .columns()
                .iter()
                .zip(&inferences)
                .map(|(c, i)| ColumnInfo {
                    name: c.name().to_owned(),
                    kind: c.kind(),
                    missing: c.values().null_count(),
                    secret: c.count(Marker::Secret),
                    not_available: c.count(Marker::NotAvailable),
                    repaired: i.repaired,
                    odd: i.odd,
                })
                .collect(),
        };
        Ok(Self { file_name: file_name.to_owned(), detection, table, lines: parsed.lines, set_aside, focus })
    }

    /// Whether the table holds every row of the file (it was not read for some communes only).
    pub fn is_whole(&self) -> bool {
        self.focus.is_none()
    }

    /// The physical line of each row of the table.
    pub fn lines(&self) -> &[u64] {
        &self.lines
    }

    /// Whether the rows of commune `code` were kept (always, unless read with another focus).
    pub fn holds(&self, code: &str) -> bool {
        self.focus.as_ref().is_none_or(|codes| codes.iter().any(|c| c == code))
    }

    /// The source file's name.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// What was detected.
    pub fn detection(&self) -> &Detection {
        &self.detection
    }

    /// The whole table.
    pub fn table(&self) -> &Table {
        &self.table
    }

    /// The rows set aside, in file order.
    pub fn set_aside(&self) -> &[SetAside] {
        &self.set_aside
    }

    /// The first `rows` rows, each cell written the French way.
    pub fn preview(&self, rows: usize) -> Vec<Vec<String>> {
        rows_fr(&self.table, rows)
    }

    /// Keeps the rows of the commune `place`.
    ///
    /// # Errors
    /// [`ErrorKind::NoCommuneColumn`] when no column holds commune codes;
    /// [`ErrorKind::CommuneNotFound`] when no row holds the commune's code.
    pub fn select(&self, place: &Place) -> Result<Selection> {
        super::levels::geo_column(&self.table).ok_or(ErrorKind::NoCommuneColumn)?;
        let kept = super::levels::rows(&self.table, place);
        if kept.is_empty() {
            return Err(ErrorKind::CommuneNotFound { code: place.code.clone() }.into());
        }
        let rows: Vec<usize> = kept.iter().map(|(r, _)| *r).collect();
        Ok(Selection {
            place: place.clone(),
            table: self.table.take(&rows),
            lines: rows.iter().map(|&r| self.lines[r]).collect(),
            levels: kept.into_iter().map(|(_, level)| level).collect(),
        })
    }

    /// The clean CSV of a selection.
    pub fn clean_csv(&self, selection: &Selection) -> Vec<u8> {
        publish::csv::write(&selection.table)
    }

    /// What the publication kit needs to know of a selection.
    pub fn facts(&self, selection: &Selection) -> Facts {
        Facts::gather(&self.file_name, &self.detection, &selection.place, &selection.table)
    }

    /// A chart of the selection's numeric column `request.column`: the commune's value; the
    /// communes of its EPCI ranked (those the file has); or the commune beside its EPCI,
    /// département, région and France (the file's rows, and `totals` computed for counts).
    /// Titled by `request.label` when there is one (the column's code then stands in the
    /// subtitle) and edited by `request.edits`. `None` when the column holds no number.
    pub fn chart(&self, selection: &Selection, request: &ChartRequest, totals: &[Total]) -> Option<Drawn> {
        let (column, kind, label) = (request.column.as_str(), request.kind, request.label.as_deref());
        let col = selection.table.column(column).filter(|c| c.kind().is_numeric())?;
        let place = &selection.place;
        let bar = |c: &Column, r: usize, label: &str, highlight: bool| Bar1 {
            label: label.to_owned(),
            value: c.number(r),
            text: format::cell(c.cell(r)),
            highlight,
        };
        let bars: Vec<Bar1> = match kind {
            // Over several files: see `compile::evolution`; several series: `series::of_selection`.
            ChartKind::Evolution
            | ChartKind::Grouped
            | ChartKind::Stacked
            | ChartKind::Percent
            | ChartKind::Donut
            | ChartKind::Pyramid => return None,
            ChartKind::Commune => (0..selection.table.rows())
                .filter(|&r| selection.levels[r] <= Level::Commune)
                .map(|r| bar(col, r, &place.name, true))
                .collect(),
            ChartKind::Levels => {
                let at = self.table.columns().iter().position(|c| c.name() == column)?;
                let mut bars: Vec<(Level, Bar1)> = (0..selection.table.rows())
                    .filter(|&r| selection.levels[r] != Level::Iris)
                    .map(|r| {
                        let level = selection.levels[r];
                        (level, bar(col, r, &super::levels::name_of(place, level), level == Level::Commune))
                    })
                    .collect();
                for t in totals.iter().filter(|t| t.counts.get(at) == Some(&true)) {
                    let value = t.values[at];
                    let text = value.map_or_else(|| "somme incomplète".to_owned(), format::number);
                    let label = format!("{} (somme calculée)", t.name);
                    bars.push((t.level, Bar1 { label, value, text, highlight: false }));
                }
                if bars.len() < 2 {
                    return None;
                }
                bars.sort_by_key(|(level, _)| *level);
                bars.into_iter().map(|(_, b)| b).collect()
            }
            ChartKind::Ranking => {
                let chosen = highlighted(place, &request.edits);
                let all = self.table.column(column)?;
                let rows = filter::index(&self.table, super::levels::geo_column(&self.table)?);
                let mut found: Vec<Bar1> = place
                    .peers
                    .iter()
                    .filter_map(|peer| {
                        Some(bar(all, *rows.get(peer.code.as_str())?, &peer.name, peer.code == chosen.code))
                    })
                    .collect();
                // Highest first; missing values last.
                found.sort_by(|a, b| b.value.partial_cmp(&a.value).unwrap_or(std::cmp::Ordering::Equal));
                found
            }
        };
        let mut subtitle = match (kind, &place.epci) {
            (ChartKind::Ranking, Some(epci)) => {
                format!("Communes de {} · {} en évidence", epci.name, highlighted(place, &request.edits).name)
            }
            (ChartKind::Levels, _) => format!("{} et les territoires dont elle fait partie", place.name),
            _ => format!("{} ({})", place.name, place.code),
        };
        if label.is_some() {
            subtitle = format!("{column} · {subtitle}");
        }
        let spec = BarChart {
            title: label.unwrap_or(column).to_owned(),
            subtitle,
            source: super::source::line(&self.file_name),
            horizontal: matches!(kind, ChartKind::Ranking | ChartKind::Levels),
            bars,
            ..BarChart::default()
        }
        .edited(&request.edits);
        let alt = match kind {
            ChartKind::Levels => chart::levels_alternative(&spec),
            _ => chart::text_alternative(&spec, place.epci.as_ref().map(|e| e.name.as_str())),
        };
        let data = spec.bars.iter().map(|b| (b.label.clone(), spec.with_unit(&b.text))).collect();
        Some(Drawn {
            option: chart::bar_option(&spec).to_string(),
            height: chart::height(&spec),
            alt,
            data,
            values: spec.bars.iter().map(|b| b.value).collect(),
            title: spec.title.clone(),
            source: spec.source.clone(),
        })
    }
}

/// The commune a ranking highlights: the one the edits name among the EPCI's, else the one
/// picked.
fn highlighted(place: &Place, edits: &Edits) -> Named {
    edits
        .highlight
        .as_deref()
        .and_then(|code| place.peers.iter().find(|p| p.code == code))
        .cloned()
        .unwrap_or_else(|| Named { code: place.code.clone(), name: place.name.clone() })
}

/// What reading found, before typing.
pub(crate) struct Read {
    pub(crate) dialect: Dialect,
    pub(crate) layout: Layout,
    /// The rows parsed (all of them, or the sample and the focus's).
    pub(crate) parsed: Parsed,
    /// Data rows in the file.
    pub(crate) rows: usize,
    pub(crate) set_aside: Vec<SetAside>,
}

/// The encoding `bytes` are read in: the user's, else the one detected.
///
/// # Errors
/// See [`decode::detect`]: an encoding given in `options` skips the text checks, not the
/// archive and empty-file checks.
pub(crate) fn encoding_of(bytes: &[u8], options: ReadOptions) -> Result<Encoding> {
    match (options.encoding, decode::detect(bytes)) {
        (_, Err(e)) if matches!(e.kind(), ErrorKind::Archive { .. } | ErrorKind::Empty) => Err(e),
        (Some(forced), _) => Ok(forced),
        (None, found) => found,
    }
}

/// Lines in Windows-1252 listed for a mixed file.
const MIXED_LINES_SHOWN: usize = 20;

/// Below this size a file is read whole even with a focus: it is fast anyway.
pub(crate) const FOCUS_MIN_BYTES: usize = 256 * 1024;

/// The first `rows` rows of `table`, written the French way.
pub fn rows_fr(table: &Table, rows: usize) -> Vec<Vec<String>> {
    (0..rows.min(table.rows())).map(|r| table.columns().iter().map(|c| format::cell(c.cell(r))).collect()).collect()
}

/// The decimal sign most decimal columns use.
fn decimal_sign(table: &Table) -> Option<DecimalSign> {
    let (mut comma, mut point) = (0, 0);
    for c in table.columns() {
        match c.kind() {
            ColumnKind::Decimal(DecimalSign::Comma) | ColumnKind::Percent(DecimalSign::Comma) => comma += 1,
            ColumnKind::Decimal(DecimalSign::Point) | ColumnKind::Percent(DecimalSign::Point) => point += 1,
            _ => {}
        }
    }
    match (comma, point) {
        (0, 0) => None,
        (c, p) if c >= p => Some(DecimalSign::Comma),
        _ => Some(DecimalSign::Point),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_older_than_a_merger_gives_the_merged_communes_rows() {
        // A commune nouvelle keeping code 01015 and absorbing 01340: a file from before the
        // merger lists both parts, each under its own code, and both are kept.
        let ws =
            Workspace::load("rp_2015.csv", b"CODGEO;POP\n01014;100\n01340;250\n01016;30\n01015;80\n", &mut ()).unwrap();
        let merged =
            Place { code: "09999".into(), former_codes: vec!["01015".into(), "01340".into()], ..Place::default() };
        assert_eq!(ws.select(&merged).unwrap().lines, [3, 5]);
        assert!(ws.select(&Place { code: "09999".into(), ..Place::default() }).is_err());
    }
}
