//! The chart panel: an indicator and a kind of chart to pick, the ECharts canvas, its French
//! text alternative and its data as a table.

use crate::engine::chart::ChartKind;
use crate::ui::chart::data::ChartData;
use crate::ui::messages;
use crate::ui::state::AppState;
use crate::ui::widgets::fetch;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `public/charts.js`: renders an option (JSON) into an element, French formatting included.
    #[wasm_bindgen(js_namespace = carnetCharts, js_name = render)]
    pub(crate) fn render_chart(element: &web_sys::HtmlElement, option: &str);
    /// `public/charts.js`: removes the chart from an element.
    #[wasm_bindgen(js_namespace = carnetCharts, js_name = dispose)]
    pub(crate) fn dispose_chart(element: &web_sys::HtmlElement);
    /// `public/charts.js`: the chart in an element drawn as SVG, `credit` under it, if it has one.
    #[wasm_bindgen(js_namespace = carnetCharts, js_name = svg)]
    fn chart_svg(element: &web_sys::HtmlElement, credit: &str) -> Option<String>;
    /// `public/charts.js`: a chart drawn off screen from its option, as PNG bytes.
    #[wasm_bindgen(js_namespace = carnetCharts, js_name = pngOf)]
    fn chart_png_of(option: &str, width: u32, height: u32, ratio: f64, credit: &str) -> Option<js_sys::Uint8Array>;
    /// `public/charts.js`: a chart drawn from its option as SVG.
    #[wasm_bindgen(js_namespace = carnetCharts, js_name = svgOf)]
    pub(crate) fn chart_svg_of(option: &str, width: u32, height: u32, credit: &str) -> Option<String>;
    /// `public/charts.js`: the chart in an element as PNG bytes, `credit` under it, if it has one.
    #[wasm_bindgen(js_namespace = carnetCharts, js_name = png)]
    fn chart_png(element: &web_sys::HtmlElement, ratio: f64, credit: &str) -> Option<js_sys::Uint8Array>;
}

/// The id of the element holding the chart.
const CHART_ID: &str = "carnet-chart";

/// The element holding the chart.
fn chart_element() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    web_sys::window()?.document()?.get_element_by_id(CHART_ID)?.dyn_into().ok()
}

/// The line under a chart in its files: source, note, and the day it is made (today).
fn credit(drawn: &crate::engine::chart::Drawn) -> String {
    crate::engine::chart::export::credit(drawn, &crate::clock::today())
}

/// A chart drawn off screen from `drawn`, as PNG bytes at twice 800 px wide (for print).
pub fn png_of(drawn: &crate::engine::chart::Drawn) -> Option<Vec<u8>> {
    chart_png_of(&drawn.option, 800, drawn.height, 2.0, &credit(drawn)).map(|bytes| bytes.to_vec())
}

/// A chart drawn from `drawn` as SVG, 800 px wide.
pub fn svg_of(drawn: &crate::engine::chart::Drawn) -> Option<String> {
    chart_svg_of(&drawn.option, 800, drawn.height, &credit(drawn))
}

/// The chart on screen (`drawn`) as PNG bytes at `ratio` times its displayed size, if one is drawn.
pub fn png(drawn: &crate::engine::chart::Drawn, ratio: f64) -> Option<Vec<u8>> {
    chart_png(&chart_element()?, ratio, &credit(drawn)).map(|bytes| bytes.to_vec())
}

/// The chart on screen (`drawn`) as an SVG document, if one is drawn.
pub fn svg(drawn: &crate::engine::chart::Drawn) -> Option<String> {
    chart_svg(&chart_element()?, &credit(drawn))
}

/// The chartable columns with the name the page shows for each: its words and its code.
fn named(selected: &crate::engine::dossier::session::Selected) -> Vec<(String, String)> {
    selected
        .chartable
        .iter()
        .map(|code| (code.clone(), messages::indicator(code, selected.words.get(code).map_or("", String::as_str))))
        .collect()
}

/// Picks a numeric column of the commune's rows and a kind of chart, and shows the chart.
#[component]
pub fn ChartPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let mount: NodeRef<Div> = NodeRef::new();
    let chartable = move || match state.selected.get() {
        Some(Ok(s)) => named(&s),
        _ => Vec::new(),
    };
    let drawn = move || state.chart.get().and_then(Result::ok);
    // The kinds of chart the rows can make, named for the page.
    let kinds = move || match state.selected.get() {
        Some(Ok(s)) => {
            let epci = s.place.epci.as_ref().map_or_else(|| "de l’EPCI".to_owned(), |e| e.of());
            s.kinds.iter().map(|k| (k.id(), messages::chart_kind(*k, &epci))).collect()
        }
        _ => Vec::new(),
    };
    let several = move || state.chart_kind.get().several_columns();

    Effect::new(move || {
        let Some(el) = mount.get() else { return };
        match drawn() {
            Some(d) => {
                let _ = el.style(("height", format!("{}px", d.height)));
                render_chart(&el, &d.option);
            }
            None => dispose_chart(&el),
        }
    });
    let on_kind = move |ev| {
        state.chart_kind_chosen.set(true);
        state.chart_kind.set(ChartKind::from_id(&event_target_value(&ev)));
    };

    view! {
        <div class="chart-panel" hidden=move || chartable().is_empty()>
            <div class="chart-controls">
                <div>
                    <label for="chart-column">"Indicateur à représenter"</label>
                    <select
                        id="chart-column"
                        on:change=move |ev| {
                            // The title written for the indicator before gives way to this one's.
                            state.chart_edits.update(|e| *e = e.for_another_indicator());
                            state.chart_column.set(Some(event_target_value(&ev)));
                        }
                        prop:value=move || state.chart_column.get().unwrap_or_default()
                    >
                        {move || {
                            chartable()
                                .into_iter()
                                .map(|(c, name)| {
                                    // Options come after the value: each says whether it is the one chosen.
                                    let chosen = state.chart_column.get_untracked().as_deref() == Some(c.as_str());
                                    view! { <option value=c selected=chosen>{name}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div>
                    <label for="chart-kind">"Type de graphique"</label>
                    <select id="chart-kind" on:change=on_kind prop:value=move || state.chart_kind.get().id()>
                        {move || {
                            // Options come after the value: each says whether it is the one chosen.
                            let current = state.chart_kind.get_untracked().id();
                            kinds()
                                .into_iter()
                                .map(|(id, name)| view! { <option value=id selected=id == current>{name}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
            </div>
            {move || several().then(|| view! { <IndicatorChoice /> })}
            <crate::ui::chart::edit::ChartEditor />
            <ChartExports />
            <figure class="chart-figure" aria-describedby="chart-alt">
                // ECharts names the element itself (its ARIA description); the keys are said
                // beside it, and each value the arrows reach is read out.
                <div
                    class="chart"
                    id=CHART_ID
                    node_ref=mount
                    tabindex="0"
                    aria-describedby="chart-keys"
                    data-live="chart-tip"
                ></div>
                <p id="chart-keys" class="hint">
                    "Au clavier : placez-vous sur le graphique, les flèches gauche et droite en montrent les valeurs une à une."
                </p>
                <p id="chart-tip" class="sr-only" aria-live="polite"></p>
                <figcaption id="chart-alt" class="chart-alt">{move || drawn().map(|d| d.alt.clone())}</figcaption>
            </figure>
            {move || drawn().map(|d| view! { <ChartData drawn=(*d).clone() summary="Voir les données du graphique" /> })}
        </div>
        <p class="hint" hidden=move || !chartable().is_empty()>
            "Choisissez une commune (ou son intercommunalité, son département, sa région) pour représenter ses indicateurs."
        </p>
        {move || match state.chart.get() {
            Some(Err(f)) => Some(view! { <p class="error" role="alert">{messages::error(&f.file_name, &f.error)}</p> }),
            _ => None,
        }}
    }
}

/// The indicators a chart of several shows: a check box per numeric column.
#[component]
fn IndicatorChoice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let chartable = move || match state.selected.get() {
        Some(Ok(s)) => named(&s),
        _ => Vec::new(),
    };
    let toggle = move |column: String, on: bool| {
        state.chart_columns.update(|chosen| {
            chosen.retain(|c| *c != column);
            if on {
                chosen.push(column);
            }
        });
    };
    view! {
        <fieldset class="indicators">
            <legend>"Indicateurs à représenter ensemble (deux ou plus)"</legend>
            <div class="indicator-list">
                {move || {
                    chartable()
                        .into_iter()
                        .map(|(c, shown)| {
                            let name = c.clone();
                            let checked = move || state.chart_columns.with(|chosen| chosen.contains(&name));
                            let column = c.clone();
                            view! {
                                <label class="indicator">
                                    <input
                                        type="checkbox"
                                        prop:checked=checked
                                        on:change=move |ev| toggle(column.clone(), event_target_checked(&ev))
                                    />
                                    {shown}
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </div>
        </fieldset>
    }
}

/// What the high-definition PNG's name ends with.
const HIGH: &str = "@2x";

/// The name of the chart's files, without extension: its indicator and its territory.
fn file_stem(state: AppState) -> String {
    let column = state.chart_column.get().unwrap_or_default();
    let code = state.place.get().map(|p| p.code).unwrap_or_default();
    crate::engine::chart::export::chart_stem(&column, &code)
}

/// The chart's downloads: PNG at 1× and 2×, SVG, its data as CSV, a self-contained HTML page.
#[component]
fn ChartExports() -> impl IntoView {
    use crate::engine::chart::export;
    use crate::ui::widgets::download::{self, DownloadError};
    let state = expect_context::<AppState>();
    let error = RwSignal::new(None::<String>);
    let stem = move || untrack(|| file_stem(state));
    let report = move |result: Result<(), DownloadError>| error.set(result.err().map(|e| messages::download_error(&e)));
    let none = || Err(DownloadError("aucun graphique affiché".to_owned()));
    let save_png = move |ratio: f64, suffix: &'static str| {
        let result = match state.chart.get_untracked().and_then(Result::ok).and_then(|d| png(&d, ratio)) {
            Some(bytes) => download::save_bytes(&format!("{}{suffix}.png", stem()), "image/png", &bytes),
            None => none(),
        };
        report(result);
    };
    let save_svg = move |_| {
        let result = match state.chart.get_untracked().and_then(Result::ok).and_then(|d| svg(&d)) {
            Some(text) => download::save(&format!("{}.svg", stem()), "image/svg+xml", &text),
            None => none(),
        };
        report(result);
    };
    let drawn = move || state.chart.get_untracked().and_then(Result::ok);
    let save_csv = move |_| {
        let result = match drawn() {
            Some(d) => download::save(&format!("{}.csv", stem()), "text/csv;charset=utf-8", &export::data_csv(&d)),
            None => none(),
        };
        report(result);
    };
    let save_html = move |_| {
        let Some(d) = drawn() else { return report(none()) };
        let name = format!("{}.html", stem());
        wasm_bindgen_futures::spawn_local(async move {
            match scripts().await {
                Ok(scripts) => {
                    let html = scripts.page(&d, &crate::clock::today());
                    report(download::save(&name, "text/html;charset=utf-8", &html));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <div class="chart-exports" role="group" aria-label="Télécharger le graphique">
            <button type="button" class="secondary" on:click=move |_| save_png(1.0, "")>"Télécharger en PNG"</button>
            <button type="button" class="secondary" on:click=move |_| save_png(2.0, HIGH)>
                "Télécharger en PNG haute définition (2×)"
            </button>
            <button type="button" class="secondary" on:click=save_svg>"Télécharger en SVG"</button>
            <button type="button" class="secondary" on:click=save_csv>"Télécharger les données du graphique (CSV)"</button>
            <button type="button" class="secondary" on:click=save_html>"Télécharger la page HTML autonome"</button>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
        <Embed />
    }
}

/// The code a commune's website takes: the chart's PNG (2×) with its text alternative, source,
/// date and data, for a « bloc HTML » — with the steps to put it there.
#[component]
fn Embed() -> impl IntoView {
    use crate::engine::chart::export;
    let state = expect_context::<AppState>();
    let status = RwSignal::new(String::new());
    // The PNG « haute définition » the exports above download.
    let image = move || format!("{}{HIGH}.png", file_stem(state));
    let snippet = move || {
        state.chart.get().and_then(Result::ok).map(|d| export::embed_html(&d, &image(), &crate::clock::today()))
    };
    let on_copy = move |_| {
        let Some(text) = snippet() else { return };
        crate::ui::widgets::clipboard::copy(text, move |ok| {
            status.set(if ok {
                "Code copié : collez-le dans un bloc « HTML personnalisé » de votre site.".to_owned()
            } else {
                "Le navigateur n’a pas permis de copier : sélectionnez le code et copiez-le (Ctrl+C).".to_owned()
            });
        });
    };
    view! {
        <details class="embed">
            <summary>"Intégrer le graphique au site de la commune"</summary>
            <ol class="embed-steps">
                <li>
                    "Téléchargez l’image en PNG haute définition (2×) et déposez-la dans la médiathèque du site, sous son nom : "
                    <code>{image}</code>
                    "."
                </li>
                <li>
                    "Copiez ce code et collez-le dans un bloc « HTML personnalisé » de la page (WordPress, Drupal, SPIP, Joomla…). "
                    "Si le site range l’image à une autre adresse, mettez celle-ci à la place du nom après "
                    <code>"src="</code>
                    "."
                </li>
            </ol>
            <label for="embed-code">"Code à intégrer (image, texte alternatif, source et données ; sans script)"</label>
            <textarea id="embed-code" readonly rows="6" prop:value=move || snippet().unwrap_or_default()></textarea>
            <button type="button" class="secondary" on:click=on_copy>"Copier le code à intégrer"</button>
            <p role="status" class="hint">{move || status.get()}</p>
        </details>
    }
}

/// The scripts a standalone chart page carries, fetched from the app's own files.
pub struct PageScripts {
    echarts: String,
    locale: String,
    mount: String,
}

impl PageScripts {
    /// The standalone HTML page of `drawn`, made on `made` (ISO 8601).
    pub fn page(&self, drawn: &crate::engine::chart::Drawn, made: &str) -> String {
        crate::engine::chart::export::standalone_html(
            drawn,
            &crate::engine::chart::export::Scripts { echarts: &self.echarts, locale: &self.locale, mount: &self.mount },
            made,
        )
    }
}

/// Fetches ECharts, its French locale and the mounting script from the app's own files.
///
/// # Errors
/// Why one of them could not be fetched, in French.
pub async fn scripts() -> Result<PageScripts, String> {
    let own =
        |path: &'static str| async move { fetch::text(path).await.map_err(|e| messages::own_file_error(path, &e)) };
    Ok(PageScripts {
        echarts: own("echarts.min.js").await?,
        locale: own("langFR.js").await?,
        mount: own("charts.js").await?,
    })
}
