//! The chart panel: a column to chart, the ECharts canvas, and its mount.

use super::messages;
use super::state::AppState;
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
}

/// Picks a numeric column of the commune's rows and shows its chart.
#[component]
pub fn ChartPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let mount: NodeRef<Div> = NodeRef::new();
    let chartable = move || match state.selected.get() {
        Some(Ok(s)) => s.chartable.clone(),
        _ => Vec::new(),
    };

    Effect::new(move || {
        let Some(el) = mount.get() else { return };
        match state.chart.get() {
            Some(Ok(option)) => render_chart(&el, &option),
            _ => dispose_chart(&el),
        }
    });

    view! {
        <div class="chart-panel" hidden=move || chartable().is_empty()>
            <label for="chart-column">"Indicateur à représenter"</label>
            <select
                id="chart-column"
                on:change=move |ev| state.chart_column.set(Some(event_target_value(&ev)))
                prop:value=move || state.chart_column.get().unwrap_or_default()
            >
                {move || {
                    chartable()
                        .into_iter()
                        .map(|c| view! { <option value=c.clone()>{c.clone()}</option> })
                        .collect_view()
                }}
            </select>
            <figure class="chart-figure">
                <div class="chart" node_ref=mount></div>
                <figcaption class="sr-only">
                    {move || state.chart_column.get().map(|c| format!("Graphique en barres de l’indicateur {c}"))}
                </figcaption>
            </figure>
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
