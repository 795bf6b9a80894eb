//! The commune's rows, written the French way, and their downloads.

use crate::engine::format;
use crate::engine::territory::levels::Level;
use crate::protocol::Selected;
use crate::ui::messages;
use crate::ui::state::{AppState, LoadState};
use crate::ui::widgets::download;
use leptos::prelude::*;
use std::sync::Arc;

/// Columns the commune's table shows at most.
const SHOWN_COLUMNS: usize = 300;

/// Shows the rows kept for the commune, or why there are none.
#[component]
pub fn SelectionPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || match state.selected.get() {
        Some(Ok(selected)) => view! { <Rows selected=selected /> }.into_any(),
        Some(Err(f)) => {
            view! { <p class="error" role="alert">{messages::error(&f.file_name, &f.error)}</p> }.into_any()
        }
        None => {
            let waiting = state.place.get().is_some() && !matches!(state.load.get(), LoadState::Loaded(_));
            waiting
                .then(|| view! { <p class="hint">"Chargez un fichier pour voir les lignes de cette commune."</p> })
                .into_any()
        }
    }
}

/// The rows of one commune, one column per row (the file's columns read down).
#[component]
fn Rows(
    /// The commune's rows and downloads.
    selected: Arc<Selected>,
) -> impl IntoView {
    let columns = match expect_context::<AppState>().load.get_untracked() {
        LoadState::Loaded(l) => l.detection.columns.clone(),
        _ => Vec::new(),
    };
    // Rows of the levels above the commune: each column says its level; Carnet's sums follow.
    let compared = selected.levels.iter().any(|l| *l > Level::Commune) || !selected.totals.is_empty();
    let head = selected
        .lines
        .iter()
        .zip(&selected.levels)
        .map(|(line, level)| {
            let line = format!("Ligne {}", format::integer(*line as i64));
            let text = if compared { format!("{} · {line}", messages::level(*level)) } else { line };
            view! { <th scope="col">{text}</th> }
        })
        .chain(
            selected
                .totals
                .iter()
                .map(|t| view! { <th scope="col">{format!("{} · somme calculée", messages::level(t.level))}</th> }),
        )
        .collect_view();
    // A file of thousands of columns shows its first ones: the page stays quick.
    let hidden = messages::columns_not_shown(columns.len().saturating_sub(SHOWN_COLUMNS));
    let body = columns
        .iter()
        .take(SHOWN_COLUMNS)
        .enumerate()
        .map(|(i, c)| {
            let values = selected
                .rows
                .iter()
                .chain(&selected.total_rows)
                .map(|row| view! { <td class:num=c.kind.is_numeric()>{row.get(i).cloned().unwrap_or_default()}</td> })
                .collect_view();
            // Words beside the code: what the column measures, when a dictionary says.
            let words = selected.words.get(&c.name).cloned();
            view! {
                <tr>
                    <th scope="row">
                        <span class="code">{c.name.clone()}</span>
                        {words.map(|w| view! { <span class="words">{w}</span> })}
                    </th>
                    {values}
                </tr>
            }
        })
        .collect_view();
    // The territory's own rows (a commune's, or its IRIS'), then those of the levels above.
    let own = selected.levels.iter().filter(|l| **l <= selected.place.level.max(Level::Commune)).count();
    let others = selected.levels.len() - own + selected.totals.len();
    let mut title = format!(
        "{} ({}) : {}",
        selected.place.name,
        selected.place.code,
        messages::count(own as u64, "ligne", "lignes")
    );
    if others > 0 {
        title += &format!(" et {others} de comparaison");
    }
    let sums = (!selected.totals.is_empty()).then(|| {
        view! {
            <p class="hint">
                "Les sommes calculées par Carnet additionnent les communes du fichier pour les comptages seulement "
                "(ménages, population, allocataires…) : les médianes, déciles, taux et parts ne s’additionnent pas et restent vides. "
                "Une somme est « incomplète » quand la valeur d’une commune est sous secret statistique. "
                "Elles ne font pas partie du CSV nettoyé."
            </p>
        }
    });
    let error = RwSignal::new(None::<String>);
    let save = move |name: String, mime: &'static str, content: String| {
        error.set(download::save(&name, mime, &content).err().map(|e| messages::download_error(&e)));
    };
    let neutralized = messages::neutralized(&selected.facts.neutralized);
    let csv = selected.clone();
    view! {
        <div class="selection">
            <div class="table-scroll tall" role="region" aria-labelledby="rows-caption" tabindex="0">
                <table class="data rows">
                    <caption id="rows-caption">{title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Colonne"</th>
                            {head}
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            {hidden.map(|text| view! { <p class="hint">{text}</p> })}
            {sums}
            <div class="downloads">
                <button
                    type="button"
                    on:click=move |_| save(csv.facts.csv_name.clone(), "text/csv;charset=utf-8", csv.csv.clone())
                >
                    "Télécharger le CSV nettoyé"
                </button>
                <p class="hint">
                    "CSV en UTF-8, séparateur virgule, point décimal ; codes conservés en texte ; « s » = secret statistique. "
                    "Le schéma, la documentation et les champs de data.gouv.fr sont à l’étape « Publier »."
                </p>
                {neutralized.map(|text| view! { <p class="notice neutralized">{text}</p> })}
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </div>
        </div>
    }
}
