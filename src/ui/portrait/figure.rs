//! A key figure as the portrait shows it: its label, its value and year, the sentence, the
//! levels beside it, its small chart with its data as a table.

use crate::engine::chart::Drawn;
use crate::engine::portrait::Figure;
use crate::ui::chart::data::ChartData;
use crate::ui::chart::panel::{dispose_chart, render_chart};
use leptos::html::Div;
use leptos::prelude::*;

/// An ECharts chart of `drawn`, described by its text alternative, with its data in a table
/// that opens below it. `id` names it on the page.
#[component]
pub fn DrawnChart(
    drawn: Drawn,
    id: String,
    /// The page carries the title and source line: the chart keeps the plot alone.
    #[prop(optional)]
    titled_by_page: bool,
) -> impl IntoView {
    let mount: NodeRef<Div> = NodeRef::new();
    let option = drawn.option.clone();
    let height = drawn.height;
    Effect::new(move || {
        if let Some(el) = mount.get() {
            let _ = el.style(("height", format!("{height}px")));
            render_chart(&el, &option);
        }
    });
    on_cleanup(move || {
        if let Some(el) = mount.get_untracked() {
            dispose_chart(&el);
        }
    });
    // The values the keyboard shows, read out (`public/charts.js` writes them there).
    let tip = format!("{id}-tip");
    view! {
        <figure class="portrait-chart">
            <div
                class="chart"
                id=id
                tabindex="0"
                role="img"
                aria-label=drawn.alt.clone()
                data-live=tip.clone()
                data-titles=titled_by_page.then_some("page")
                node_ref=mount
            ></div>
            <p id=tip class="sr-only" aria-live="polite"></p>
            <ChartData drawn=drawn.clone() summary="Voir les données" />
        </figure>
    }
}

/// One figure's card.
#[component]
pub fn FigureCard(
    figure: Figure,
    at: usize,
    /// The territory's name, for its own value beside the levels'.
    place: String,
) -> impl IntoView {
    let heading = format!("figure-{at}");
    let labelled = heading.clone();
    let year = figure.year.map(|y| format!("en {y}")).unwrap_or_default();
    let unit = figure.unit.clone();
    let compared = figure
        .compared
        .iter()
        .map(|c| {
            let value = c
                .value
                .map_or_else(|| "—".to_owned(), |v| crate::engine::format::number_in(v, c.decimals, unit.as_deref()));
            let year = c.year.map(|y| format!(" ({y})")).unwrap_or_default();
            view! {
                <li>
                    <span class="compared-name">{format!("{}{year}", c.name)}</span>
                    <span class="compared-value">{value}</span>
                </li>
            }
        })
        .collect_view();
    // Compared in another year than the figure's: the territory's own value that year first.
    let then = figure.compared.first().filter(|c| c.year != figure.year).and_then(|c| {
        let own = figure.history.iter().find(|p| p.year == c.year)?;
        let value = crate::engine::format::number_in(own.value?, own.decimals, figure.unit.as_deref());
        let year = c.year.map(|y| format!(" ({y})")).unwrap_or_default();
        Some(view! {
            <li>
                <span class="compared-name">{format!("{place}{year}")}</span>
                <span class="compared-value">{value}</span>
            </li>
        })
    });
    let has_compared = !figure.compared.is_empty();
    let chart = figure.chart.clone().map(|d| view! { <DrawnChart drawn=d id=format!("portrait-chart-{at}") /> });
    view! {
        <article class="figure-card" aria-labelledby=labelled>
            <h3 id=heading>{figure.label.clone()}</h3>
            <p class="figure-value">
                <span class="value">{figure.value.clone()}</span>
                <span class="year">{year}</span>
            </p>
            <p class="figure-sentence">{figure.sentence.clone()}</p>
            <ul class="compared" hidden=!has_compared aria-label="Comparaisons">
                {then}
                {compared}
            </ul>
            {chart}
            <p class="figure-source">{format!("Source : {}", figure.source)}</p>
        </article>
    }
}
