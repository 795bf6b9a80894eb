//! What is kept between two requests — the file read, the commune's rows, the variable
//! dictionary, the rows kept from each file, the standardization steps — and what the page
//! is shown of them: a commune's rows standardized, documented and compiled, a slice of the
//! explorer, a chart, the publication kit.
//!
//! The worker only reads files and carries messages; everything it answers comes from here,
//! so that it is tested natively.
//!
//! ```
//! use carnet::engine::dossier::session::Session;
//! use carnet::engine::territory::Place;
//! use carnet::engine::read::ReadOptions;
//! let csv = b"CODGEO;LIBGEO;MED20\n59522;Sailly-lez-Lannoy;29440\n";
//! let mut session = Session::default();
//! session.read("f.csv", csv.to_vec(), ReadOptions::default()).unwrap();
//! let place = Place { code: "59522".into(), name: "Sailly-lez-Lannoy".into(), ..Place::default() };
//! let selected = session.select(&place, "2026-11-28").unwrap();
//! assert_eq!(selected.chartable, ["MED20"]);
//! assert!(selected.csv.starts_with("CODGEO,LIBGEO,MED20\n59522,"));
//! ```

use crate::engine::chart::{self, ChartKind, ChartRequest, Drawn};
use crate::engine::chart::{chartable, series};
use crate::engine::dossier::compiled;
pub use crate::engine::dossier::compiled::Compiled;
use crate::engine::dossier::recipe::{ChartSettings, DossierChart, Expected};
use crate::engine::dossier::report::{self, Compared};
use crate::engine::dossier::sources::{Source, SourceView};
use crate::engine::portrait::{self, Portrait, PortraitRequest, Valued};
use crate::engine::publish::check::Problem;
use crate::engine::publish::dataset::Dataset;
use crate::engine::publish::facts::Facts;
use crate::engine::publish::kit::{self, Attachment, KitFile};
use crate::engine::publish::readme;
use crate::engine::read::workspace::Workspace;
use crate::engine::read::{ReadOptions, workspace};
use crate::engine::table::ColumnKind;
use crate::engine::table::Table;
use crate::engine::territory::Place;
use crate::engine::territory::contours::{Atlas, Contours, departement_of};
use crate::engine::territory::levels::{self, Level, Total};
use crate::engine::territory::selection::Selection;
use crate::engine::tidy::builtin;
use crate::engine::tidy::compile::{self, Extract, Naming};
use crate::engine::tidy::dictionary::Dictionary;
use crate::engine::tidy::explore::{self, Query};
use crate::engine::tidy::standardize::{self, Effect, Step, StepError};
use crate::engine::vintage;
use crate::engine::{ErrorKind, Result};
use serde::{Deserialize, Serialize};

/// What the page shows of a commune's rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Selected {
    /// The commune.
    pub place: Place,
    /// The file the rows come from.
    pub file_name: String,
    /// Its rows, written the French way.
    pub rows: Vec<Vec<String>>,
    /// The source line of each row.
    pub lines: Vec<u64>,
    /// The level of each row: the commune's, then its EPCI's, département's… when the file
    /// has them.
    pub levels: Vec<Level>,
    /// The totals of the levels the file lacks, computed from its communes for counts.
    pub totals: Vec<Total>,
    /// Those totals as rows of the file's columns, written the French way.
    pub total_rows: Vec<Vec<String>>,
    /// Numeric columns that have a value for the commune, in table order.
    pub chartable: Vec<String>,
    /// What each column measures, in words, when a dictionary says: under the file's names
    /// and, after a rename step, under the new ones (the rows and the chart list both ask here).
    pub words: std::collections::BTreeMap<String, String>,
    /// The kinds of chart these rows can make, in the order the page offers them.
    pub kinds: Vec<ChartKind>,
    /// The kind of chart that suits each chartable column (same order), until the user picks
    /// one.
    pub proposed: Vec<ChartKind>,
    /// The clean CSV.
    pub csv: String,
    /// What the publication kit is built from (the CSV's name included).
    pub facts: Facts,
    /// The standardization steps and what each changed.
    pub steps: Vec<AppliedStep>,
    /// The data.gouv.fr fields proposed from the facts, description included.
    pub proposal: Dataset,
}

/// What the page shows, sent whole with every request for a territory's rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct View {
    /// The territory.
    pub place: Place,
    /// The standardization steps in force, in order.
    pub steps: Vec<Step>,
    /// The file to show in detail; `None` keeps the one shown (the last read).
    #[serde(default)]
    pub source: Option<String>,
    /// The names given to the tidy table's indicators.
    #[serde(default)]
    pub names: Vec<Naming>,
}

/// A standardization step as applied to the rows kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppliedStep {
    /// The step.
    pub step: Step,
    /// What it changed, in French words; `None` when it did not apply.
    pub effect: Option<String>,
    /// Why it could not apply; `None` for a step that applied, or that waits behind one
    /// that could not.
    pub error: Option<StepError>,
}

/// A slice of the explorer's rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// The query it answers.
    pub query: Query,
    /// Rows the query keeps, in all.
    pub total: usize,
    /// Rows in the file.
    pub rows_in_file: usize,
    /// The position of the first row of the slice.
    pub offset: usize,
    /// The rows, written the French way.
    pub rows: Vec<Vec<String>>,
    /// The source line of each.
    pub lines: Vec<u64>,
}

/// The publication kit, or why it was not built.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Kit {
    /// Its files, one by one and as one ZIP.
    Built {
        /// The files.
        files: Vec<KitFile>,
        /// All of them in one ZIP.
        zip: KitFile,
    },
    /// The dataset's problems: nothing was written.
    Refused(Vec<Problem>),
}

/// The rows kept, as the steps leave them: what the clean CSV and the kit publish.
struct Published {
    selection: Selection,
    effects: Vec<Effect>,
}

/// The dossier as the page lists it: its sources, the one shown, the tidy table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dossier {
    /// Every file read, in the order read.
    pub sources: Vec<SourceView>,
    /// The file shown in detail (its rows, chart and explorer).
    pub current: Option<String>,
    /// The tidy table of the territory over the sources, when two or more hold its rows.
    pub compiled: Option<Compiled>,
    /// The sources the recipe expects that no file takes the place of yet.
    #[serde(default)]
    pub awaited: Vec<String>,
    /// Every source as a recipe expects it next year: its name, settings and columns.
    #[serde(default)]
    pub expected: Vec<Expected>,
}

/// Everything kept between requests.
#[derive(Default)]
pub struct Session {
    sources: Vec<Source>,
    /// The source shown in detail, an index in `sources`.
    current: Option<usize>,
    /// The territory chosen.
    place: Option<Place>,
    /// The totals computed for the levels the current file lacks.
    totals: Vec<Total>,
    published: Option<Published>,
    /// The explorer's last query and the rows it keeps, in its order.
    explored: Option<(Query, Vec<usize>)>,
    /// The labels the user's dictionary and the files gave.
    dictionary: Option<Dictionary>,
    /// Those over Carnet's built-in labels, made when first asked for.
    labels: std::cell::OnceCell<Dictionary>,
    /// The standardization steps, applied to the rows kept from every file.
    steps: Vec<Step>,
    /// The user's names of the tidy table's indicators.
    names: Vec<Naming>,
    /// The sources the recipe in force expects.
    expected: Vec<Expected>,
    /// The communes' contours read so far, for maps.
    atlas: Atlas,
    /// The départements whose contours were asked for.
    asked: std::collections::BTreeSet<String>,
}

impl Session {
    /// Takes a file the worker has read, `size` bytes: `bytes` kept (to read it again for
    /// another territory) unless it streamed. A file of the same name replaces the one read
    /// before; the file becomes the one shown.
    pub fn loaded(&mut self, ws: Workspace, bytes: Option<Vec<u8>>, options: ReadOptions, size: u64) {
        // An archive's dictionary, then a double header's labels, label the columns they
        // name that no dictionary read before labels.
        if let Some((name, bytes)) = ws.dictionary()
            && let Ok(read) = Dictionary::read(name, bytes)
        {
            self.add_labels(read);
        }
        let d = ws.detection();
        if !d.layout.labels.is_empty() {
            let codes = d.columns.iter().map(|c| c.name.as_str());
            self.add_labels(Dictionary::of_labels(codes.zip(d.layout.labels.iter().map(String::as_str))));
        }
        let mut source = Source::new(ws, bytes, options, size);
        source.filter(self.place.as_ref(), &self.steps);
        let at = match self.sources.iter().position(|s| s.file_name() == source.file_name()) {
            Some(at) => {
                self.sources[at] = source;
                at
            }
            None => {
                self.sources.push(source);
                self.sources.len() - 1
            }
        };
        self.show_source(Some(at));
    }

    /// Reads a whole file held in memory (tests, benchmarks).
    ///
    /// # Errors
    /// Why the file cannot be read.
    pub fn read(&mut self, file_name: &str, bytes: Vec<u8>, options: ReadOptions) -> Result<&Workspace> {
        let ws = Workspace::load_with(file_name, &bytes, options, &mut ())?;
        let size = bytes.len() as u64;
        self.loaded(ws, Some(bytes), options, size);
        Ok(&self.sources[self.current.expect("just set")].workspace)
    }

    /// Takes the file `file_name` out of the dossier.
    pub fn remove(&mut self, file_name: &str) {
        let Some(at) = self.sources.iter().position(|s| s.file_name() == file_name) else { return };
        self.sources.remove(at);
        let current = match self.current {
            Some(c) if c == at => self.sources.len().checked_sub(1),
            Some(c) if c > at => Some(c - 1),
            other => other,
        };
        self.show_source(current);
    }

    /// Shows the source at `at` in detail: what was kept of the one shown before goes.
    fn show_source(&mut self, at: Option<usize>) {
        if at != self.current {
            (self.published, self.explored) = (None, None);
            self.totals.clear();
        }
        self.current = at;
    }

    /// The source shown.
    fn current(&self) -> Option<&Source> {
        self.current.and_then(|c| self.sources.get(c))
    }

    /// Sets the variable dictionary the user read: its labels win over those files gave.
    pub fn set_dictionary(&mut self, dictionary: Dictionary) {
        self.dictionary = Some(match &self.dictionary {
            Some(before) => dictionary.over(before),
            None => dictionary,
        });
        self.labels = std::cell::OnceCell::new();
    }

    /// Labels that came with a file, for the columns no dictionary labels yet.
    fn add_labels(&mut self, labels: Dictionary) {
        self.dictionary = Some(match self.dictionary.take() {
            Some(before) => before.over(&labels),
            None => labels,
        });
        self.labels = std::cell::OnceCell::new();
    }

    /// Every label in force: the user's dictionary, then the files', then Carnet's own.
    fn labels(&self) -> &Dictionary {
        self.labels.get_or_init(|| self.dictionary.clone().unwrap_or_default().on(builtin::labels()))
    }

    /// What each source follows (last year's file of its series, or the recipe's).
    fn follows(&self) -> Vec<Option<report::Follows>> {
        self.sources
            .iter()
            .map(|s| report::follows(s.file_name(), &s.columns(), self.compared(), &self.expected))
            .collect()
    }

    /// The sources as the change report compares them.
    fn compared(&self) -> impl Iterator<Item = Compared<'_>> {
        self.sources.iter().map(|s| Compared { file_name: s.file_name(), columns: s.columns() })
    }

    /// Adds a département's contours (a file of `public/contours/`): the communes of an EPCI
    /// within it can then be mapped.
    ///
    /// # Errors
    /// What is wrong with the file, in words.
    pub fn add_contours(&mut self, text: &str) -> std::result::Result<(), String> {
        self.atlas.add(Contours::parse(text)?);
        Ok(())
    }

    /// The départements whose contours a map of `place`'s EPCI needs and that were not asked for
    /// yet: each is asked for once.
    pub fn contours_wanted(&mut self, place: &Place) -> Vec<String> {
        let mut wanted: Vec<String> = place
            .peers
            .iter()
            .map(|p| departement_of(&p.code).to_owned())
            .filter(|d| !self.asked.contains(d))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        self.asked.extend(wanted.iter().cloned());
        wanted
    }

    /// The contours of département `code` could not be had: they are asked for again next time.
    pub fn contours_missing(&mut self, code: &str) {
        self.asked.remove(code);
    }

    /// Sets the sources the recipe in force expects (none: no recipe).
    pub fn expect(&mut self, expected: Vec<Expected>) {
        self.expected = expected;
    }

    /// The dossier as the page lists it: each source with what it follows, and what the
    /// recipe still waits for.
    pub fn dossier(&self) -> Dossier {
        let sources: Vec<SourceView> =
            self.sources.iter().zip(self.follows()).map(|(s, follows)| SourceView { follows, ..s.view() }).collect();
        let taken: Vec<&str> = sources
            .iter()
            .filter_map(|s| s.follows.as_ref().filter(|f| f.from_recipe).map(|f| f.was.as_str()))
            .chain(sources.iter().map(|s| s.file_name.as_str()))
            .collect();
        let awaited = report::awaited(&self.expected, &taken).into_iter().map(str::to_owned).collect();
        let expected = self
            .sources
            .iter()
            .map(|s| Expected { file_name: s.file_name().to_owned(), read: s.options(), columns: s.columns() })
            .collect();
        Dossier {
            current: self.current().map(|s| s.file_name().to_owned()),
            compiled: self.compiled(),
            awaited,
            expected,
            sources,
        }
    }

    /// The rows of the view's territory in the source it shows, as [`Session::select`] gives
    /// them, every source filtered for it with the view's steps in force. Applying a view
    /// twice gives the same rows.
    ///
    /// # Errors
    /// See [`Session::select`].
    pub fn show(&mut self, view: &View, today: &str) -> Result<Selected> {
        self.steps.clone_from(&view.steps);
        self.names.clone_from(&view.names);
        if let Some(name) = &view.source
            && let Some(at) = self.sources.iter().position(|s| s.file_name() == name)
        {
            self.show_source(Some(at));
        }
        self.select(&view.place, today)
    }

    /// The rows of `place` in the source shown, standardized and documented; every source is
    /// filtered for it first. The description proposed is dated `today` (ISO 8601).
    ///
    /// # Errors
    /// No file read, or a streamed file that does not hold the commune (the page reads it
    /// again), or the commune has no rows.
    pub fn select(&mut self, place: &Place, today: &str) -> Result<Selected> {
        self.place = Some(place.clone());
        for source in &mut self.sources {
            source.filter(Some(place), &self.steps);
        }
        let current = self.current.and_then(|c| self.sources.get(c)).ok_or(ErrorKind::NoFileLoaded)?;
        let ws = &current.workspace;
        if !ws.holds(&place.code) {
            return Err(ErrorKind::NoFileLoaded.into());
        }
        let selection = match (&current.selection, Selection::of(ws, place)) {
            (Some(selection), _) => selection.clone(),
            (None, Err(error)) => {
                self.published = None;
                self.totals.clear();
                return Err(error);
            }
            (None, Ok(selection)) => selection,
        };
        let (published, steps) = standardized(&selection, &self.steps);
        // Two sources or more: the dossier's tidy table is what gets published.
        let facts = match self.tidy(place) {
            Some((facts, _)) => facts,
            None => facts(ws, &published, self.labels()),
        };
        let mut proposal = Dataset::propose(&facts);
        proposal.description = readme::description(&facts, &proposal, today);
        let totals = self.totals(ws, &selection);
        let several = self.extracts().len() >= 2;
        let table = &selection.table;
        let chartable = chartable(table);
        let own = place.level.max(Level::Commune);
        let above = selection.levels.iter().any(|l| *l > own);
        let mapped = place.peers.iter().any(|p| self.atlas.has(departement_of(&p.code)));
        let kinds = kinds(ws.table(), &selection, &chartable, above || !totals.is_empty(), several, mapped);
        let proposed = chartable
            .iter()
            .map(|name| {
                let kind = table.column(name).map_or(ColumnKind::Text, |c| c.kind());
                ChartKind::proposed(kind, several, above, own == Level::Commune && place.epci.is_some())
            })
            .collect();
        let selected = Selected {
            place: place.clone(),
            file_name: ws.file_name().to_owned(),
            rows: workspace::rows_fr(table, table.rows()),
            lines: selection.lines.clone(),
            levels: selection.levels.clone(),
            total_rows: levels::total_rows(ws.table(), &totals),
            totals: totals.clone(),
            words: words(table, &published, self.labels()),
            chartable,
            csv: String::from_utf8_lossy(&crate::engine::publish::csv::write(&published.selection.table)).into_owned(),
            facts,
            kinds,
            proposed,
            steps,
            proposal,
        };
        self.published = Some(published);
        self.totals = totals;
        Ok(selected)
    }

    /// The totals of the levels above the commune that the file lacks, for its counts (a
    /// column the dictionary or its name says is one).
    fn totals(&self, ws: &Workspace, selection: &Selection) -> Vec<Total> {
        let table = ws.table();
        let counts: Vec<bool> = table
            .columns()
            .iter()
            .map(|c| {
                let label = self.labels().label(c.name()).map(|l| l.words().to_owned());
                levels::additive(c.name(), c.kind(), label.as_deref())
            })
            .collect();
        let national = counts.contains(&true) && ws.is_whole() && levels::national(table);
        let unkept = levels::FranceMemo::default();
        let france = self.current().map_or(&unkept, |s| &s.france);
        levels::totals(table, &selection.place, &selection.levels, &counts, national, france)
    }

    /// The territory's rows in each source that has some, with the dossier's steps.
    fn extracts(&self) -> Vec<Extract> {
        self.sources.iter().filter_map(|s| s.extract.clone()).collect()
    }

    /// The tidy table of the territory over the sources, when two or more hold its rows.
    fn compiled(&self) -> Option<Compiled> {
        compiled::shown(&self.sources, self.place.as_ref()?, Some(self.labels()), &self.names)
    }

    /// `count` rows of the whole file from `offset`, as `query` filters and sorts them.
    ///
    /// # Errors
    /// No file read, or a streamed file (too large to explore).
    pub fn explore(&mut self, query: Query, offset: usize, count: usize) -> Result<Page> {
        let at = self.current.ok_or(ErrorKind::NoFileLoaded)?;
        let source = self.sources.get_mut(at).ok_or(ErrorKind::NoFileLoaded)?;
        // A file read for some communes only is read again whole, from the bytes kept.
        if !source.workspace.is_whole() {
            source.take_whole()?;
            self.explored = None;
        }
        let ws = &self.sources[at].workspace;
        if self.explored.as_ref().is_none_or(|(q, _)| *q != query) {
            self.explored = Some((query.clone(), explore::view(ws.table(), &query)));
        }
        let rows = self.explored.as_ref().map(|(_, rows)| rows.as_slice()).unwrap_or_default();
        let slice = &rows[offset.min(rows.len())..(offset + count).min(rows.len())];
        let table = ws.table().take(slice);
        Ok(Page {
            query,
            total: rows.len(),
            rows_in_file: ws.table().rows(),
            offset,
            rows: workspace::rows_fr(&table, table.rows()),
            lines: slice.iter().map(|&r| ws.lines()[r]).collect(),
        })
    }

    /// The publication kit of the commune's rows as published, with `dataset`'s fields.
    ///
    /// # Errors
    /// No commune's rows.
    pub fn kit(&self, dataset: &Dataset, attachments: &[Attachment], today: &str) -> Result<Kit> {
        let (Some(source), Some(published)) = (self.current(), &self.published) else {
            return Err(ErrorKind::NoFileLoaded.into());
        };
        let place = &published.selection.place;
        let mut attachments = attachments.to_vec();
        let (facts, csv) = match self.tidy(place) {
            Some((facts, csv)) => {
                // Beside the tidy table, each source's rows as its clean CSV.
                attachments.splice(0..0, compiled::extracts(&self.sources, place));
                (facts, csv)
            }
            None => (
                facts(&source.workspace, published, self.labels()),
                crate::engine::publish::csv::write(&published.selection.table),
            ),
        };
        Ok(match kit::files(&facts, dataset, &csv, &attachments, today) {
            Ok(files) => {
                Kit::Built { zip: KitFile { name: kit::zip_name(&facts), bytes: kit::zip(&files, today) }, files }
            }
            Err(problems) => Kit::Refused(problems),
        })
    }

    /// The facts and the clean CSV of the territory's tidy table, when two sources or more
    /// hold its rows.
    fn tidy(&self, place: &Place) -> Option<(Facts, Vec<u8>)> {
        compiled::published(&self.sources, place, Some(self.labels()), &self.names)
    }

    /// The chart `request` asks for, of the commune's rows.
    ///
    /// # Errors
    /// The column cannot be charted (not numeric, no value, fewer than two years).
    pub fn chart(&self, request: ChartRequest) -> Result<Drawn> {
        self.chart_in(self.current(), request)
    }

    /// A chart of `request` drawn from `source`.
    fn chart_in(&self, source: Option<&Source>, mut request: ChartRequest) -> Result<Drawn> {
        // The dictionary's long label says best what the indicator is.
        let labelled = self.labels().label(&request.column);
        request.unit = labelled.as_ref().and_then(|l| l.unit());
        request.label = labelled.map(|l| l.words().to_owned());
        // Several indicators of one vintage are named without it (« Nombre de personnes de 0 à
        // 14 ans »); of several vintages, with it (P15_POP, P21_POP: two populations).
        let vintages: std::collections::HashSet<Option<u8>> =
            request.columns.iter().map(|c| vintage::pattern(c).map(|(_, year)| year)).collect();
        let label = |column: &str| {
            self.labels().label(column).map_or_else(
                || column.to_owned(),
                |l| if vintages.len() > 1 { l.words().to_owned() } else { crate::engine::chart::over_years(l.words()) },
            )
        };
        let (ws, selection) = (source.map(|s| &s.workspace), source.and_then(|s| s.selection.as_ref()));
        let drawn = match (request.kind, ws, selection) {
            (ChartKind::Map, Some(ws), Some(sel)) => {
                // Every commune of the département: the file's rows beyond the EPCI's.
                let whole = if request.edits.whole_departement { source.and_then(Source::whole) } else { None };
                chart::map::draw(whole.unwrap_or(ws), sel, &request, &self.atlas)
            }
            (ChartKind::Evolution, _, Some(sel)) => {
                compile::evolution(&self.extracts(), &sel.place, &request, &self.names)
            }
            (kind, Some(ws), Some(sel)) if kind.several_columns() || kind == ChartKind::Pyramid => {
                series::of_selection(
                    ws.table(),
                    sel,
                    &self.totals,
                    &request,
                    &label,
                    crate::engine::read::source::line(ws.file_name()),
                )
            }
            (_, Some(ws), Some(sel)) => chart::draw::draw(ws, sel, &request, &self.totals),
            _ => None,
        };
        drawn.ok_or_else(|| {
            // A value for the territory, but no row of the levels above it to compare with: a
            // median, a rate or a share is not summed from the communes (counts are).
            let has_value = selection.is_some_and(|s| {
                s.table.column(&request.column).is_some_and(|c| (0..s.table.rows()).any(|r| c.number(r).is_some()))
            });
            if request.kind == ChartKind::Levels && has_value {
                ErrorKind::NoComparison { column: request.column }.into()
            } else if request.kind == ChartKind::Donut
                && request.columns.len() >= 2
                && selection.is_some_and(|s| s.levels.contains(&Level::Commune))
            {
                // Named in words, as the chart would have named them.
                ErrorKind::NotAWhole { columns: request.columns.iter().map(|c| label(c)).collect() }.into()
            } else {
                ErrorKind::NotChartable { column: request.column }.into()
            }
        })
    }

    /// The portrait of the territory chosen, from every source's rows for it and for the levels
    /// above it, with the figures `request` asks for; the map of its first figure over the
    /// communes of the EPCI when the contours are there.
    ///
    /// # Errors
    /// No territory chosen, or no source holds its rows.
    pub fn portrait(&self, request: &PortraitRequest, today: &str) -> Result<Portrait> {
        let place = self.place.as_ref().ok_or(ErrorKind::NoFileLoaded)?;
        let labels = self.labels();
        let mut values: Vec<Valued> = Vec::new();
        for source in &self.sources {
            let (Some(selection), Some(extract)) = (&source.selection, &source.extract) else { continue };
            // The steps keep the rows (they rename, convert, drop columns): each row keeps its level.
            if extract.table.rows() != selection.levels.len() {
                continue;
            }
            for (r, level) in selection.levels.iter().enumerate() {
                let name = |_: &str| None;
                values.extend(
                    compile::row(extract, r, &name, Some(labels), &self.names)
                        .into_iter()
                        .map(|observation| Valued { level: *level, observation }),
                );
            }
        }
        if values.is_empty() {
            return Err(ErrorKind::NoFileLoaded.into());
        }
        let mut portrait = portrait::build(place, &values, request, today);
        // The first figure that is no count (a map of raw counts says where people live).
        let mapped =
            portrait.figures.iter().filter(|f| !f.count && f.history.last().is_some_and(|p| p.value.is_some()));
        portrait.map = mapped.into_iter().find_map(|f| {
            let source = self.sources.iter().find(|s| s.file_name() == f.file)?;
            let labelled = labels.label(&f.column);
            let request = ChartRequest {
                column: f.column.clone(),
                kind: ChartKind::Map,
                unit: labelled.as_ref().and_then(|l| l.unit()),
                label: labelled.map(|l| l.words().to_owned()),
                ..ChartRequest::default()
            };
            chart::map::draw(&source.workspace, source.selection.as_ref()?, &request, &self.atlas)
        });
        if portrait.map.is_some() {
            portrait.sources.push(portrait::SourceNote {
                publication: "IGN, Admin Express COG 2018 (contours des communes, simplifiés)".to_owned(),
                file: format!("contours/{}.json", departement_of(&place.code)),
                licence: "Licence Ouverte 2.0 (Etalab)".to_owned(),
            });
        }
        Ok(portrait)
    }

    /// Each kept chart drawn again from the dossier as it stands (the territory, the vintages,
    /// the names of today): from its file, or from the file that took its place (next year's),
    /// then kept under that file with its columns under that file's vintage. `None` for a chart
    /// no file can draw now.
    pub fn redraw(&self, charts: &[DossierChart]) -> Vec<Option<DossierChart>> {
        let follows = self.follows();
        charts
            .iter()
            .map(|chart| {
                let (source, changes) = match &chart.file {
                    None => (self.current(), None),
                    Some(name) => match self.sources.iter().find(|s| s.file_name() == name) {
                        Some(s) => (Some(s), None),
                        None => {
                            let (s, f) = self
                                .sources
                                .iter()
                                .zip(&follows)
                                .find_map(|(s, f)| f.as_ref().filter(|f| f.was == *name).map(|f| (s, f)))?;
                            (Some(s), Some(f.changes.clone()))
                        }
                    },
                };
                let map = |c: &String| changes.as_ref().and_then(|ch| ch.map(c)).unwrap_or(c).to_owned();
                let settings = ChartSettings {
                    column: map(&chart.settings.column),
                    columns: chart.settings.columns.iter().map(map).collect(),
                    ..chart.settings.clone()
                };
                let request = ChartRequest {
                    column: settings.column.clone(),
                    kind: settings.kind,
                    edits: settings.edits.clone(),
                    columns: settings.columns.clone(),
                    ..ChartRequest::default()
                };
                let drawn = self.chart_in(source, request).ok()?;
                Some(DossierChart {
                    file: source.map(|s| s.file_name().to_owned()),
                    title: drawn.title.clone(),
                    drawn: Some(drawn),
                    settings,
                    made: chart.made.clone(),
                })
            })
            .collect()
    }

    /// The name of the file read, for messages.
    pub fn file_name(&self) -> &str {
        self.current().map_or("", Source::file_name)
    }
}

/// What each column of `table` (the rows as read) and of the rows as published measures, in
/// words, by name: a renamed column is labelled under the name the file gave it.
fn words(table: &Table, published: &Published, labels: &Dictionary) -> std::collections::BTreeMap<String, String> {
    let read = table.columns().iter().map(|c| (c.name().to_owned(), c.name().to_owned()));
    let renamed = published
        .selection
        .table
        .columns()
        .iter()
        .map(|c| (c.name().to_owned(), standardize::origin(&published.effects, c.name())));
    read.chain(renamed).filter_map(|(name, origin)| Some((name, labels.label(&origin)?.words().to_owned()))).collect()
}

/// The facts of the rows as published, their columns labelled by the dictionary.
fn facts(ws: &Workspace, published: &Published, labels: &Dictionary) -> Facts {
    let mut facts = Facts::of(ws, &published.selection);
    facts.label_with(labels, &published.effects);
    facts
}

/// The kinds of chart the commune's rows can make: its value always; the ranking of its
/// EPCI's communes; the comparison with the levels above it (`levels`: rows of the file, or sums);
/// the line over the years with files compiled; charts of several indicators with two or
/// more; the age pyramid with a census file's age bands for both sexes.
fn kinds(
    table: &Table,
    selection: &Selection,
    chartable: &[String],
    levels: bool,
    compiled: bool,
    mapped: bool,
) -> Vec<ChartKind> {
    let place = &selection.place;
    let several = chartable.len() >= 2;
    let pyramid = series::pyramid(table).is_some();
    // The commune's row (the one a donut is drawn from): parts of one whole there.
    let commune = selection.levels.iter().position(|l| *l == Level::Commune);
    let whole = several && commune.is_some_and(|r| series::offers_whole(&selection.table, r));
    [
        (ChartKind::Commune, true),
        (ChartKind::Ranking, place.level <= Level::Commune && place.epci.is_some() && !place.peers.is_empty()),
        (ChartKind::Levels, levels),
        (ChartKind::Evolution, compiled),
        (ChartKind::Grouped, several),
        (ChartKind::Stacked, several),
        (ChartKind::Percent, several),
        (ChartKind::Donut, whole),
        (ChartKind::Pyramid, pyramid),
        // A file of communes: one of départements has no commune to colour.
        (
            ChartKind::Map,
            mapped
                && levels::file_level(table).is_none()
                && place.level <= Level::Epci
                && place.epci.is_some()
                && !place.peers.is_empty(),
        ),
    ]
    .into_iter()
    .filter_map(|(kind, offered)| offered.then_some(kind))
    .collect()
}

/// The rows kept as `steps` leave them, and each step's outcome. A step that cannot apply
/// leaves the table as the steps before it made it; the steps after it wait.
fn standardized(selection: &Selection, steps: &[Step]) -> (Published, Vec<AppliedStep>) {
    let (table, effects, error) = match standardize::apply(&selection.table, steps) {
        Ok((table, effects)) => (table, effects, None),
        Err(error) => {
            let at = error.step();
            match standardize::apply(&selection.table, &steps[..at]) {
                Ok((table, effects)) => (table, effects, Some(error)),
                // Cannot happen (the same steps applied up to `at`); publish the rows as read.
                Err(_) => (selection.table.clone(), Vec::new(), Some(error)),
            }
        }
    };
    let report = steps
        .iter()
        .enumerate()
        .map(|(i, step)| AppliedStep {
            step: step.clone(),
            effect: effects.get(i).map(standardize::report),
            error: error.clone().filter(|e| e.step() == i),
        })
        .collect();
    (Published { selection: Selection { table, ..selection.clone() }, effects }, report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::dossier::sources::Contribution;

    const FILOSOFI_2019: &str = "CODGEO;LIBGEO;MED19\n59522;Sailly-lez-Lannoy;28570\n59339;Lannoy;20560\n";
    const FILOSOFI_2020: &str = "CODGEO;LIBGEO;MED20\n59522;Sailly-lez-Lannoy;29440\n59339;Lannoy;21090\n";

    const TODAY: &str = "2026-11-28";

    fn sailly() -> Place {
        Place { code: "59522".into(), name: "Sailly-lez-Lannoy".into(), ..Place::default() }
    }

    fn read(session: &mut Session, name: &str, csv: &str) {
        session.read(name, csv.as_bytes().to_vec(), ReadOptions::default()).unwrap();
    }

    #[test]
    fn steps_apply_and_a_failing_one_says_why() {
        let mut s = Session::default();
        read(&mut s, "cc_filosofi_2020_COM.CSV", FILOSOFI_2020);
        let steps = vec![
            Step::Rename { column: "MED20".into(), to: "mediane".into() },
            Step::Drop { column: "absente".into() },
            Step::Drop { column: "LIBGEO".into() },
        ];
        let selected = s.show(&View { place: sailly(), steps, source: None, names: vec![] }, TODAY).unwrap();
        // The rename applied; the drop after the failing step waits.
        assert!(selected.csv.starts_with("CODGEO,LIBGEO,mediane\n"), "{}", selected.csv);
        assert_eq!(selected.steps[0].error, None);
        assert!(selected.steps[0].effect.is_some());
        assert_eq!(selected.steps[1].error, Some(StepError::NoSuchColumn { step: 1, column: "absente".into() }));
        assert_eq!((selected.steps[2].effect.as_ref(), selected.steps[2].error.as_ref()), (None, None));
    }

    #[test]
    fn a_view_carries_its_steps_and_shown_twice_gives_the_same_rows() {
        let mut s = Session::default();
        let view =
            View { place: sailly(), steps: vec![Step::Drop { column: "LIBGEO".into() }], source: None, names: vec![] };
        read(&mut s, "cc_filosofi_2019_COM.CSV", FILOSOFI_2019);
        s.show(&view, TODAY).unwrap();
        read(&mut s, "cc_filosofi_2020_COM.CSV", FILOSOFI_2020);
        let first = s.show(&view, TODAY).unwrap();
        assert!(first.csv.starts_with("CODGEO,MED20\n"), "{}", first.csv);
        assert_eq!(s.dossier().compiled.as_ref().map(|c| c.files.len()), Some(2));
        assert_eq!(s.show(&view, TODAY).unwrap(), first);
        // Without the step, the column is back; the 2019 file can be shown again.
        let back = View { steps: vec![], source: Some("cc_filosofi_2019_COM.CSV".into()), ..view };
        let shown = s.show(&back, TODAY).unwrap();
        assert!(shown.csv.starts_with("CODGEO,LIBGEO,MED19\n"), "{}", shown.csv);
        assert_eq!(s.dossier().current.as_deref(), Some("cc_filosofi_2019_COM.CSV"));
    }

    #[test]
    fn indicators_are_renamed_merged_and_split_for_the_whole_dossier() {
        let mut s = Session::default();
        read(&mut s, "cc_filosofi_2019_COM.CSV", FILOSOFI_2019);
        read(&mut s, "cc_filosofi_2020_COM.CSV", FILOSOFI_2020);
        read(&mut s, "cc_filosofi_2021_COM.CSV", &FILOSOFI_2020.replace("MED20", "MED21").replace("29440", "29860"));
        let names = vec![
            Naming { from: "MED".into(), to: "mediane_niveau_vie".into() },
            Naming { from: "MED21".into(), to: "mediane_2021".into() },
        ];
        let view = View { place: sailly(), steps: vec![], source: None, names };
        s.show(&view, TODAY).unwrap();
        let compiled = s.dossier().compiled.unwrap();
        let med = "Médiane du niveau de vie (€)";
        assert!(
            compiled.long_csv.contains(&format!(",mediane_niveau_vie,{med},2019,28570,€,")),
            "{}",
            compiled.long_csv
        );
        assert!(compiled.long_csv.contains(&format!(",mediane_niveau_vie,{med},2020,29440,€,")));
        assert!(compiled.long_csv.contains(&format!(",mediane_2021,{med},2021,29860,€,")), "one vintage split off");
        assert_eq!(
            compiled.indicators,
            [
                ("mediane_niveau_vie".to_owned(), vec!["MED19".to_owned(), "MED20".to_owned()]),
                ("mediane_2021".to_owned(), vec!["MED21".to_owned()])
            ]
        );
        let line =
            s.chart(ChartRequest { column: "MED19".into(), kind: ChartKind::Evolution, ..ChartRequest::default() });
        assert_eq!(line.unwrap().values, [Some(28570.0), Some(29440.0)], "the line follows the name given");
    }

    #[test]
    fn files_read_before_the_territory_all_join_the_tidy_table() {
        let mut s = Session::default();
        read(&mut s, "cc_filosofi_2019_COM.CSV", FILOSOFI_2019);
        read(&mut s, "cc_filosofi_2020_COM.CSV", FILOSOFI_2020);
        read(&mut s, "notes.csv", "titre;valeur\nun;1\n");
        let waiting = s.dossier();
        assert_eq!(waiting.sources.len(), 3);
        assert!(waiting.sources.iter().all(|v| v.contribution == Contribution::Waiting));
        assert!(waiting.compiled.is_none());
        // The file shown has no territory column: its failure blocks nothing else.
        assert!(s.select(&sailly(), TODAY).is_err());
        let dossier = s.dossier();
        assert_eq!(dossier.sources[2].contribution, Contribution::NoTerritoryColumn);
        let compiled = dossier.compiled.expect("two files hold the commune");
        // Labelled in words by Carnet's own dictionaries, with the unit.
        assert!(compiled.long_csv.contains("MED,Médiane du niveau de vie (€),2019,28570,€"), "{}", compiled.long_csv);
        assert!(compiled.long_csv.contains("MED,Médiane du niveau de vie (€),2020,29440,€"), "{}", compiled.long_csv);
        // Read again under the same name, a file replaces itself; removed, it leaves.
        read(&mut s, "cc_filosofi_2020_COM.CSV", FILOSOFI_2020);
        assert_eq!(s.dossier().sources.len(), 3);
        s.remove("cc_filosofi_2019_COM.CSV");
        s.remove("notes.csv");
        let dossier = s.dossier();
        assert_eq!(dossier.sources.len(), 1);
        assert_eq!(dossier.current.as_deref(), Some("cc_filosofi_2020_COM.CSV"));
        assert!(dossier.compiled.is_none());
    }

    #[test]
    fn dictionary_labels_survive_renames() {
        let mut s = Session::default();
        read(&mut s, "cc_filosofi_2020_COM.CSV", FILOSOFI_2020);
        let meta = "COD_VAR;LIB_VAR;LIB_VAR_LONG\nMED20;Médiane;Médiane du niveau de vie (€)\n";
        s.set_dictionary(Dictionary::read("meta.csv", meta.as_bytes()).unwrap());
        let steps = vec![Step::FieldNames, Step::Rename { column: "med20".into(), to: "mediane".into() }];
        let selected = s.show(&View { place: sailly(), steps, source: None, names: vec![] }, TODAY).unwrap();
        let field = selected.facts.fields.iter().find(|f| f.name == "mediane").unwrap();
        assert_eq!(field.title.as_deref(), Some("Médiane"));
        assert_eq!(field.description.as_deref(), Some("Médiane du niveau de vie (€)"));
    }

    #[test]
    fn two_files_compile_even_under_a_former_code() {
        let mut s = Session::default();
        // The 2019 file knows the commune under the code it had before a merger.
        read(&mut s, "cc_filosofi_2019_COM.CSV", &FILOSOFI_2019.replace("59522", "59999"));
        let merged = Place { former_codes: vec!["59999".into()], ..sailly() };
        s.select(&merged, TODAY).unwrap();
        assert!(s.dossier().compiled.is_none(), "one file: nothing to compile");
        read(&mut s, "cc_filosofi_2020_COM.CSV", FILOSOFI_2020);
        let selected = s.select(&merged, TODAY).unwrap();
        assert!(selected.proposed.iter().all(|k| *k == ChartKind::Evolution), "two years: a line is proposed");
        let compiled = s.dossier().compiled.expect("two files");
        assert_eq!(compiled.files.len(), 2);
        let (med, csv) = ("Médiane du niveau de vie (€)", &compiled.long_csv);
        assert!(csv.contains(&format!("59522,Sailly-lez-Lannoy,MED,{med},2019,28570")), "{csv}");
        assert!(csv.contains(&format!("59522,Sailly-lez-Lannoy,MED,{med},2020,29440")), "{csv}");
        assert!(!compiled.long_csv.contains("59999"));
        let line =
            s.chart(ChartRequest { column: "MED20".into(), kind: ChartKind::Evolution, ..ChartRequest::default() });
        assert_eq!(line.unwrap().values, [Some(28570.0), Some(29440.0)]);
    }

    fn sailly_in_mel() -> Place {
        use crate::engine::territory::Named;
        let named = |code: &str, name: &str| Named { code: code.into(), name: name.into(), liaison: None };
        Place {
            epci: Some(named("200093201", "Métropole Européenne de Lille")),
            // INSEE's liaisons, as territoires.tsv ships them: « du Nord », « des Hauts-de-France ».
            departement: Named { liaison: Some(2), ..named("59", "Nord") },
            region: Named { liaison: Some(4), ..named("32", "Hauts-de-France") },
            peers: vec![named("59339", "Lannoy"), named("59522", "Sailly-lez-Lannoy")],
            ..sailly()
        }
    }

    #[test]
    fn a_file_of_several_levels_compares_the_commune_with_them() {
        let mut s = Session::default();
        let csv = "codgeo;libgeo;taux_natalite
59522;Sailly-lez-Lannoy;9,4
59339;Lannoy;11,0
                   200093201;Métropole Européenne de Lille;12,9
59;Nord;11,5
32;Hauts-de-France;11,0
FR;France;10,7
";
        read(&mut s, "natalite.csv", csv);
        let selected = s.select(&sailly_in_mel(), TODAY).unwrap();
        assert_eq!(selected.levels, [Level::Commune, Level::Epci, Level::Departement, Level::Region, Level::France]);
        assert!(selected.totals.is_empty(), "a rate is never summed");
        assert_eq!(selected.proposed, [ChartKind::Levels], "the file's levels: a comparison is proposed");
        assert!(selected.csv.contains("\nFR,France,10.7\n"), "the file's comparison rows are published");
        let request =
            ChartRequest { column: "taux_natalite".into(), kind: ChartKind::Levels, ..ChartRequest::default() };
        let drawn = s.chart(request).unwrap();
        assert_eq!(drawn.values, [Some(9.4), Some(12.9), Some(11.5), Some(11.0), Some(10.7)]);
        assert_eq!(
            drawn.alt,
            "taux_natalite : 9,4 à Sailly-lez-Lannoy, contre 12,9 pour la Métropole Européenne de Lille, \
             11,5 pour le Nord, 11,0 pour les Hauts-de-France, 10,7 pour la France. Source : fichier natalite.csv."
        );
    }

    #[test]
    fn the_epci_as_the_territory_publishes_its_own_row() {
        let mut s = Session::default();
        let csv = "codgeo;libgeo;taux_natalite\n59522;Sailly-lez-Lannoy;9,4\n\
                   200093201;Métropole Européenne de Lille;12,9\n59;Nord;11,5\n32;Hauts-de-France;11,0\nFR;France;10,7\n";
        read(&mut s, "natalite.csv", csv);
        let commune = sailly_in_mel();
        let epci = Place {
            level: Level::Epci,
            code: "200093201".into(),
            name: "Métropole Européenne de Lille".into(),
            former_codes: vec![],
            merged_peers: Default::default(),
            ..commune.clone()
        };
        let selected = s.select(&epci, TODAY).unwrap();
        assert_eq!(selected.levels, [Level::Epci, Level::Departement, Level::Region, Level::France]);
        assert_eq!(selected.proposal.zones, ["fr:epci:200093201"]);
        assert_eq!(selected.proposal.granularity, "fr:epci");
        assert!(
            selected
                .proposal
                .description_short
                .contains("l’intercommunalité Métropole Européenne de Lille (SIREN 200093201)"),
            "{}",
            selected.proposal.description_short
        );
        assert!(!selected.csv.contains("59522"), "the commune's row is not the EPCI's");
        assert_eq!(selected.proposed, [ChartKind::Levels]);
        assert!(!selected.kinds.contains(&ChartKind::Ranking), "an EPCI is not ranked among communes");
        let request =
            ChartRequest { column: "taux_natalite".into(), kind: ChartKind::Levels, ..ChartRequest::default() };
        assert!(s.chart(request).unwrap().alt.starts_with(
            "taux_natalite : 12,9 à la Métropole Européenne de Lille, contre 11,5 pour le Nord, 11,0 pour les"
        ));
        let mut dataset = selected.proposal.clone();
        dataset.description = readme::description(&selected.facts, &dataset, TODAY);
        assert!(matches!(s.kit(&dataset, &[], TODAY).unwrap(), Kit::Built { .. }));
        // Back to the commune: the same rows as before.
        assert_eq!(s.select(&commune, TODAY).unwrap().levels[0], Level::Commune);
    }

    #[test]
    fn counts_of_the_epci_are_summed_and_marked() {
        let mut s = Session::default();
        read(
            &mut s,
            "cc_filosofi_2020_COM.CSV",
            "CODGEO;LIBGEO;NBMENFISC20;MED20
59522;Sailly-lez-Lannoy;759;29440
59339;Lannoy;1093;21090
",
        );
        let selected = s.select(&sailly_in_mel(), TODAY).unwrap();
        assert_eq!(selected.levels, [Level::Commune]);
        assert_eq!(selected.totals.len(), 1);
        assert_eq!(
            selected.total_rows[0][..3],
            ["200093201", "Métropole Européenne de Lille (somme calculée de 2 communes)", "1\u{202F}852"]
        );
        assert_eq!(selected.total_rows[0][3], "", "a median is not summed");
        assert_eq!(selected.proposed, [ChartKind::Commune, ChartKind::Commune], "no level rows in the file");
        assert!(!selected.csv.contains("200093201"), "computed rows stay out of the clean CSV");
        let request = ChartRequest { column: "NBMENFISC20".into(), kind: ChartKind::Levels, ..ChartRequest::default() };
        assert_eq!(s.chart(request).unwrap().values, [Some(759.0), Some(1852.0)]);
        let request = ChartRequest { column: "MED20".into(), kind: ChartKind::Levels, ..ChartRequest::default() };
        assert!(s.chart(request).is_err(), "nothing to compare a median with");
    }

    #[test]
    fn a_census_file_makes_an_age_pyramid_and_charts_of_several_indicators() {
        let mut s = Session::default();
        let csv = "CODGEO;LIBGEO;P21_POP;P21_H0014;P21_H1529;P21_H30P;P21_F0014;P21_F1529;P21_F30P\n\
                   59522;Sailly-lez-Lannoy;1936;180;150;640;170;160;636\n59339;Lannoy;1700;1;1;1;1;1;1\n";
        read(&mut s, "base-cc-evol-struct-pop-2021.csv", csv);
        let selected = s.select(&sailly_in_mel(), TODAY).unwrap();
        assert!(selected.kinds.contains(&ChartKind::Pyramid));
        assert!(selected.kinds.contains(&ChartKind::Stacked));
        assert!(!selected.kinds.contains(&ChartKind::Evolution));
        let pyramid =
            s.chart(ChartRequest { column: "P21_POP".into(), kind: ChartKind::Pyramid, ..ChartRequest::default() });
        let pyramid = pyramid.unwrap();
        assert_eq!(pyramid.values, [Some(180.0), Some(170.0), Some(150.0), Some(160.0), Some(640.0), Some(636.0)]);
        assert_eq!(pyramid.data[0], ("0-14 ans · Hommes".to_owned(), "180".to_owned()));
        // Men and women of each band, stacked for the commune and the EPCI's sum.
        let columns = vec!["P21_H0014".to_owned(), "P21_F0014".to_owned()];
        let request =
            ChartRequest { column: columns[0].clone(), kind: ChartKind::Percent, columns, ..ChartRequest::default() };
        let drawn = s.chart(request).unwrap();
        assert!(
            drawn.alt.starts_with(
                "Nombre d'hommes de 0 à 14 ans, Nombre de femmes de 0 à 14 ans — Sailly-lez-Lannoy : \
                              Nombre d'hommes de 0 à 14 ans 51,4\u{a0}%, Nombre de femmes de 0 à 14 ans 48,6\u{a0}%"
            ),
            "{}",
            drawn.alt
        );
        assert!(
            drawn
                .alt
                .contains("Métropole Européenne de Lille (somme calculée) : Nombre d'hommes de 0 à 14 ans 51,4\u{a0}%"),
            "{}",
            drawn.alt
        );
        let one = ChartRequest {
            column: "P21_POP".into(),
            kind: ChartKind::Donut,
            columns: vec!["P21_POP".into()],
            ..ChartRequest::default()
        };
        assert!(s.chart(one).is_err(), "one indicator is no donut");
        // A donut of parts of one whole only: men's and women's bands are not named after the
        // population (INSEE's bands of P21_POP are, `series::whole`'s test).
        let bands: Vec<String> = ["P21_H0014", "P21_F0014"].map(String::from).into();
        let two = ChartRequest {
            column: bands[0].clone(),
            kind: ChartKind::Donut,
            columns: bands.clone(),
            ..ChartRequest::default()
        };
        let err = s.chart(two).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::NotAWhole { columns } if columns[0] == "Nombre d'hommes de 0 à 14 ans"),
            "{err}"
        );
        assert!(!selected.kinds.contains(&ChartKind::Donut), "no parts named after a total: no donut offered");
    }

    #[test]
    fn explore_and_kit_need_a_file() {
        let mut s = Session::default();
        assert!(s.explore(Query::default(), 0, 10).is_err());
        assert!(s.kit(&Dataset::propose(&crate::engine::publish::facts::example()), &[], "2026-11-28").is_err());
        read(&mut s, "f.csv", FILOSOFI_2020);
        assert_eq!(s.explore(Query::default(), 1, 10).unwrap().rows.len(), 1);
    }
}
