//! The quality score data.gouv.fr will compute, criterion by criterion, with what is missing.

use crate::engine::publish::quality::{self, CRITERIA};
use crate::ui::messages;
use crate::ui::state::AppState;
use leptos::prelude::*;

/// The foreseen score and its criteria.
#[component]
pub fn QualityScore() -> impl IntoView {
    let state = expect_context::<AppState>();
    let assessment = Memo::new(move |_| state.dataset.with(|d| d.as_ref().map(quality::assess).unwrap_or_default()));
    let score = move || assessment.with(|a| quality::score(a));
    view! {
        <section class="quality" aria-labelledby="quality-title">
            <h3 id="quality-title">
                {move || format!("Score de qualité prévu sur data.gouv.fr : {} / {}", score(), CRITERIA.len())}
            </h3>
            <ul class="criteria">
                {move || {
                    assessment
                        .get()
                        .into_iter()
                        .map(|(c, met)| {
                            let (name, todo) = messages::criterion(c);
                            view! {
                                <li class:met=met class:missing=!met>
                                    <span class="mark" aria-hidden="true">{if met { "✓" } else { "✗" }}</span>
                                    <span class="sr-only">{if met { "Rempli : " } else { "Manquant : " }}</span>
                                    {name}
                                    {(!met).then(|| view! { <span class="todo">{format!(" — {todo}")}</span> })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <p class="hint">
                "« Tous les fichiers disponibles » et « à jour » sont acquis une fois les fichiers déposés sur data.gouv.fr."
            </p>
        </section>
    }
}
