//! The explorer: the whole file as a table to search, filter by column and sort, scrolling
//! smoothly through 35,000 rows — only the rows in view are in the page, fetched from the
//! worker a slice at a time.

use crate::engine::format;
use crate::engine::tidy::explore::{Query, Sort};
use crate::protocol::{Page, UiToWorker};
use crate::ui::messages;
use crate::ui::state::worker::EngineHandle;
use crate::ui::state::{AppState, LoadState};
use crate::ui::widgets::disclosure::DisclosureButton;
use gloo::timers::callback::Timeout;
use leptos::html::Div;
use leptos::prelude::*;
use std::sync::Arc;

/// The height of a row, in CSS pixels (the stylesheet gives rows this height).
const ROW_HEIGHT: f64 = 32.0;
/// Columns the explorer shows at most (a sort and a filter each).
const SHOWN_COLUMNS: usize = 60;

/// Rows fetched at a time.
const SLICE: usize = 240;
/// Rows drawn above and below those in view.
const MARGIN: usize = 12;
/// Milliseconds a search waits for the typing to pause.
const DEBOUNCE_MS: u32 = 250;

/// The explorer's state.
#[derive(Clone, Copy)]
struct Explorer {
    query: RwSignal<Query>,
    page: RwSignal<Option<Arc<Page>>>,
    error: RwSignal<Option<String>>,
    scroll: RwSignal<f64>,
    height: RwSignal<f64>,
}

/// The explorer section: a button opens it; it then follows the file loaded.
#[component]
pub fn ExplorerPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let engine = expect_context::<EngineHandle>();
    let open = RwSignal::new(false);
    let ex = Explorer {
        query: RwSignal::new(Query::default()),
        page: RwSignal::new(None),
        error: RwSignal::new(None),
        scroll: RwSignal::new(0.0),
        height: RwSignal::new(448.0),
    };
    let loaded = move || match state.load.get() {
        LoadState::Loaded(l) => Some(l),
        _ => None,
    };
    let fetch = move |offset: usize| {
        let id = engine.with_value(|e| state.explored.start(e, true));
        let query = ex.query.get_untracked();
        engine.with_value(|e| e.send(UiToWorker::Explore { id, query, offset, count: SLICE }));
    };
    // Replies come through the app's state.
    Effect::new(move || {
        if let Some(reply) = state.explored.get() {
            match reply {
                Ok(page) => {
                    ex.page.set(Some(page));
                    ex.error.set(None);
                }
                Err(f) => ex.error.set(Some(messages::error(&f.file_name, &f.error))),
            }
        }
    });
    // A new file: its own search, filters and order.
    Effect::new(move || {
        state.load_id.track();
        ex.query.set(Query::default());
    });
    // A new file or a new query: start from the top.
    Effect::new(move || {
        let _ = ex.query.get();
        let is_loaded = loaded().is_some();
        if open.get() && is_loaded {
            ex.page.set(None);
            ex.scroll.set(0.0);
            fetch(0);
        }
    });
    // Scrolled outside the slice held: fetch the slice around the rows in view.
    Effect::new(move || {
        let (top, height) = (ex.scroll.get(), ex.height.get());
        let Some(page) = ex.page.get_untracked() else { return };
        let first = (top / ROW_HEIGHT) as usize;
        let last = ((top + height) / ROW_HEIGHT) as usize + 1;
        let (from, to) = (first.saturating_sub(MARGIN), (last + MARGIN).min(page.total));
        if from < page.offset || to > page.offset + page.rows.len() {
            fetch(from.saturating_sub(SLICE / 3));
        }
    });
    view! {
        <div class="explorer" hidden=move || loaded().is_none()>
            <DisclosureButton label="Explorer tout le fichier" controls="explorer-body" open=open />
            <div id="explorer-body" hidden=move || !open.get()>
                // Built anew for each file: its search box and filters start empty.
                {move || {
                    state.load_id.track();
                    open.get().then(|| view! { <ExplorerTable ex=ex /> })
                }}
            </div>
        </div>
    }
}

/// The search box, the table and its status.
#[component]
fn ExplorerTable(ex: Explorer) -> impl IntoView {
    let state = expect_context::<AppState>();
    let scroller: NodeRef<Div> = NodeRef::new();
    let pending = StoredValue::new_local(None::<Timeout>);
    // A file of thousands of columns shows its first ones; the search covers them all.
    let columns = move || match state.load.get() {
        LoadState::Loaded(l) => l.detection.columns.iter().take(SHOWN_COLUMNS).cloned().collect(),
        _ => Vec::new(),
    };
    let hidden = move || match state.load.get() {
        LoadState::Loaded(l) => {
            messages::explorer_columns_not_shown(l.detection.columns.len().saturating_sub(SHOWN_COLUMNS))
        }
        _ => None,
    };
    let debounced = move |change: Box<dyn FnOnce(&mut Query)>| {
        let mut next = ex.query.get_untracked();
        change(&mut next);
        pending.set_value(Some(Timeout::new(DEBOUNCE_MS, move || ex.query.set(next))));
    };
    let on_search = move |ev| {
        let text = event_target_value(&ev);
        debounced(Box::new(move |q| q.search = text));
    };
    let on_scroll = move |_| {
        if let Some(el) = scroller.get() {
            ex.scroll.set(f64::from(el.scroll_top()));
            ex.height.set(f64::from(el.client_height()));
        }
    };
    let status = move || match (ex.page.get(), ex.error.get()) {
        (_, Some(e)) => e,
        (None, None) => "Préparation du tableau…".to_owned(),
        (Some(p), None) if p.total == p.rows_in_file => {
            format!("{} : toutes les lignes du fichier.", messages::count(p.total as u64, "ligne", "lignes"))
        }
        (Some(p), None) => format!(
            "{} sur {} correspondent.",
            messages::count(p.total as u64, "ligne", "lignes"),
            format::integer(p.rows_in_file as i64)
        ),
    };
    let header = move || {
        columns()
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let name = c.name.clone();
                let sorted = move || ex.query.with(|q| q.sort.filter(|s| s.column == i));
                let aria = move || match sorted() {
                    Some(Sort { descending: false, .. }) => "ascending",
                    Some(Sort { descending: true, .. }) => "descending",
                    None => "none",
                };
                let arrow = move || match sorted() {
                    Some(Sort { descending: false, .. }) => " ▲",
                    Some(Sort { descending: true, .. }) => " ▼",
                    None => "",
                };
                // Ascending, then descending, then the file's order.
                let cycle = move |_| {
                    ex.query.update(|q| {
                        q.sort = match q.sort {
                            Some(Sort { column, descending: false }) if column == i => {
                                Some(Sort { column: i, descending: true })
                            }
                            Some(Sort { column, descending: true }) if column == i => None,
                            _ => Some(Sort { column: i, descending: false }),
                        }
                    })
                };
                view! {
                    <th scope="col" aria-sort=aria class:num=c.kind.is_numeric()>
                        <button type="button" class="sort" on:click=cycle aria-label=format!("Trier par {name}")>
                            {name.clone()}
                            <span aria-hidden="true">{arrow}</span>
                        </button>
                    </th>
                }
            })
            .collect_view()
    };
    let filters = move || {
        columns()
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let on_input = move |ev| {
                    let text = event_target_value(&ev);
                    debounced(Box::new(move |q| {
                        q.filters.retain(|(c, _)| *c != i);
                        q.filters.push((i, text));
                    }));
                };
                view! {
                    <td>
                        <input type="search" class="filter" aria-label=format!("Filtrer la colonne {}", c.name) on:input=on_input />
                    </td>
                }
            })
            .collect_view()
    };
    let numeric = Memo::new(move |_| columns().iter().map(|c| c.kind.is_numeric()).collect::<Vec<bool>>());
    // The rows in view (and a margin), among those of the slice held; and the rows above
    // and below them, drawn as two spacers.
    let window = Memo::new(move |_| {
        let (top, height) = (ex.scroll.get(), ex.height.get());
        ex.page.with(|p| {
            let p = p.as_ref()?;
            let first = ((top / ROW_HEIGHT) as usize).saturating_sub(MARGIN).max(p.offset);
            let last = (((top + height) / ROW_HEIGHT) as usize + MARGIN).min(p.offset + p.rows.len()).max(first);
            Some((first, last, p.total))
        })
    });
    let spacer = move |above: bool| {
        move || {
            let (first, last, total) = window.get().unwrap_or_default();
            let rows = if above { first } else { total.saturating_sub(last) };
            format!("{}px", rows as f64 * ROW_HEIGHT)
        }
    };
    // Keyed by row and slice: scrolling adds and removes rows, it does not draw them all again.
    let visible = move || {
        let slice = ex.page.with(|p| p.as_ref().map_or(0, |p| Arc::as_ptr(p) as usize));
        window.get().map(|(first, last, _)| (first..last).map(|r| (r, slice)).collect::<Vec<_>>()).unwrap_or_default()
    };
    let row = move |(r, _): (usize, usize)| {
        let Some(page) = ex.page.get_untracked() else { return ().into_any() };
        let i = r - page.offset;
        let cells = page.rows[i]
            .iter()
            .zip(numeric.get_untracked())
            .map(|(v, num)| view! { <td class:num=num>{v.clone()}</td> })
            .collect_view();
        view! {
            <tr class="row" aria-rowindex=r + 3>
                <th scope="row">{format::integer(page.lines[i] as i64)}</th>
                {cells}
            </tr>
        }
        .into_any()
    };
    let row_count = move || ex.page.with(|p| p.as_ref().map_or(2, |p| p.total + 2));
    // Busy while the rows shown answer an older query.
    let busy = move || {
        let current = ex.query.get();
        ex.page.with(|p| p.as_ref().is_none_or(|p| p.query != current)).to_string()
    };
    view! {
        <div class="explorer-controls">
            <label for="explorer-search">"Rechercher dans le tableau"</label>
            <input id="explorer-search" type="search" on:input=on_search aria-describedby="explorer-status" />
            <p id="explorer-status" class="hint" role="status">{status}</p>
        </div>
        {move || hidden().map(|text| view! { <p class="hint">{text}</p> })}
        <div class="explorer-scroll" node_ref=scroller on:scroll=on_scroll tabindex="0" role="region" aria-labelledby="explorer-caption">
            <table class="data explorer-table" aria-rowcount=row_count aria-busy=busy>
                <caption id="explorer-caption">"Tout le fichier"</caption>
                <thead>
                    <tr aria-rowindex="1">
                        <th scope="col">"Ligne"</th>
                        {header}
                    </tr>
                    <tr aria-rowindex="2" class="filters">
                        <td></td>
                        {filters}
                    </tr>
                </thead>
                <tbody>
                    <tr class="spacer" aria-hidden="true" style:height=spacer(true)></tr>
                    <For each=visible key=|k| *k children=row />
                    <tr class="spacer" aria-hidden="true" style:height=spacer(false)></tr>
                </tbody>
            </table>
        </div>
    }
}
