//! The chart panel: an indicator and a kind of chart to pick, the ECharts canvas, its French
//! text alternative and its data as a table.

use super::messages;
use super::state::AppState;
use crate::engine::chart::ChartKind;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `public/charts.js`: renders an option (JSON) into an element, French formatting included.
    #[wasm_bindgen(js_namespace = carnetCharts, js_name = render)]
    fn render_chart(element: &web_sys::HtmlElement, option: &str);
    /// `public/charts.js`: removes the chart from an element.
    #[wasm_bindgen(js_namespace = carnetCharts, js_name = dispose)]
    fn dispose_chart(element: &web_sys::HtmlElement);
    /// `public/charts.js`: the chart in an element as PNG bytes, if it has one.
    #[wasm_bindgen(js_namespace = carnetCharts, js_name = png)]
    fn chart_png(element: &web_sys::HtmlElement, ratio: f64) -> Option<js_sys::Uint8Array>;
}

/// The id of the element holding the chart.
const CHART_ID: &str = "carnet-chart";

/// The chart on screen as PNG bytes at `ratio` times its displayed size, if one is drawn.
pub fn png(ratio: f64) -> Option<Vec<u8>> {
    use wasm_bindgen::JsCast;
    let element = web_sys::window()?.document()?.get_element_by_id(CHART_ID)?;
    chart_png(element.dyn_ref::<web_sys::HtmlElement>()?, ratio).map(|bytes| bytes.to_vec())
}

/// Picks a numeric column of the commune's rows and a kind of chart, and shows the chart.
#[component]
pub fn ChartPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let mount: NodeRef<Div> = NodeRef::new();
    let chartable = move || match state.selected.get() {
        Some(Ok(s)) => s.chartable.clone(),
        _ => Vec::new(),
    };
    let epci = move || match state.selected.get() {
        Some(Ok(s)) => s.place.epci.as_ref().map(|e| e.name.clone()),
        _ => None,
    };
    let drawn = move || state.chart.get().and_then(Result::ok);

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
        let kind = if event_target_value(&ev) == "ranking" { ChartKind::Ranking } else { ChartKind::Commune };
        state.chart_kind.set(kind);
    };

    view! {
        <div class="chart-panel" hidden=move || chartable().is_empty()>
            <div class="chart-controls">
                <div>
                    <label for="chart-column">"Indicateur à représenter"</label>
                    <select
                        id="chart-column"
                        on:change=move |ev| state.chart_column.set(Some(event_target_value(&ev)))
                        prop:value=move || state.chart_column.get().unwrap_or_default()
                    >
                        {move || {
                            chartable()
                                .into_iter()
                                .map(|c| {
                                    // Options come after the value: each says whether it is the one chosen.
                                    let chosen = state.chart_column.get_untracked().as_deref() == Some(c.as_str());
                                    view! { <option value=c.clone() selected=chosen>{c.clone()}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div>
                    <label for="chart-kind">"Type de graphique"</label>
                    <select
                        id="chart-kind"
                        on:change=on_kind
                        prop:value=move || {
                            if state.chart_kind.get() == ChartKind::Ranking { "ranking" } else { "commune" }
                        }
                    >
                        <option value="commune">"Valeur de la commune"</option>
                        {move || {
                            epci()
                                .map(|name| {
                                    view! { <option value="ranking">{format!("Classement des communes de {name}")}</option> }
                                })
                        }}
                    </select>
                </div>
            </div>
            <figure class="chart-figure" aria-describedby="chart-alt">
                <div class="chart" id=CHART_ID node_ref=mount></div>
                <figcaption id="chart-alt" class="chart-alt">{move || drawn().map(|d| d.alt.clone())}</figcaption>
            </figure>
            {move || {
                drawn()
                    .map(|d| {
                        let rows = d
                            .data
                            .iter()
                            .map(|(label, value)| {
                                view! {
                                    <tr>
                                        <th scope="row">{label.clone()}</th>
                                        <td class="num">{value.clone()}</td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        view! {
                            <details class="chart-data">
                                <summary>"Voir les données du graphique"</summary>
                                <table class="data rows">
                                    <caption>{format!("Données du graphique : {}", state.chart_column.get().unwrap_or_default())}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Territoire"</th>
                                            <th scope="col">"Valeur"</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            </details>
                        }
                    })
            }}
        </div>
        <p class="hint" hidden=move || !chartable().is_empty()>
            "Choisissez une commune dans un fichier chargé pour représenter ses indicateurs."
        </p>
        {move || match state.chart.get() {
            Some(Err(f)) => Some(view! { <p class="error" role="alert">{messages::error(&f.file_name, &f.error)}</p> }),
            _ => None,
        }}
    }
}
