//! A chart's data as a table that opens under it: what the chart shows, readable without it.

use crate::engine::chart::Drawn;
use leptos::prelude::*;

/// « Voir les données » (`summary`): the chart's labels and values, captioned by its title.
#[component]
pub fn ChartData(drawn: Drawn, summary: &'static str) -> impl IntoView {
    let rows = drawn
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
            <summary>{summary}</summary>
            <table class="data rows">
                <caption>{format!("Données du graphique : {}", drawn.title)}</caption>
                <thead>
                    <tr>
                        // Territories, years, age bands, communes or indicator · territory.
                        <th scope="col">"Libellé"</th>
                        <th scope="col">"Valeur"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}
