//! The standardization steps of the published file: the list of steps with what each changed,
//! controls to add one, undo and redo. The worker applies them to the rows kept.

use crate::engine::tidy::standardize::{self, Step};
use crate::ui::messages;
use crate::ui::state::AppState;
use crate::ui::widgets::disclosure::DisclosureButton;
use leptos::prelude::*;

/// The steps panel, under the commune's rows.
#[component]
pub fn StepsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let columns = move || match state.selected.get() {
        Some(Ok(s)) => s.facts.fields.iter().map(|f| f.name.clone()).collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    let applied = move || match state.selected.get() {
        Some(Ok(s)) => s.steps.clone(),
        _ => Vec::new(),
    };
    // The names the dictionary's labels give the columns, when one is loaded.
    let labelled = move || match state.selected.get() {
        Some(Ok(s)) => {
            let columns: Vec<(&str, Option<&str>)> =
                s.facts.fields.iter().map(|f| (f.name.as_str(), f.title.as_deref())).collect();
            standardize::names_from_labels(&columns)
        }
        _ => Vec::new(),
    };
    let rename_from = RwSignal::new(String::new());
    let rename_to = RwSignal::new(String::new());
    let drop_column = RwSignal::new(String::new());
    let text_column = RwSignal::new(String::new());
    let chosen = move |signal: RwSignal<String>| {
        let c = signal.get_untracked();
        if c.is_empty() { columns().first().cloned().unwrap_or_default() } else { c }
    };
    let options =
        move || columns().into_iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view();
    let open = RwSignal::new(false);
    let can_undo = move || state.applied.get() > 0;
    let can_redo = move || state.applied.get() < state.steps.with(Vec::len);
    view! {
        <section class="steps-panel" aria-labelledby="steps-title" hidden=move || columns().is_empty()>
            <h3 id="steps-title">"Mise en forme du fichier publié"</h3>
            <p class="hint">
                "Le CSV nettoyé est déjà en UTF-8, séparé par des virgules, avec le point décimal, les dates ISO, "
                "les codes en texte et « s » pour le secret. Ces étapes règlent ses noms et ses colonnes ; "
                "elles s’appliquent aussi aux fichiers suivants et sont gardées dans la recette."
            </p>
            <ol class="steps-list">
                {move || applied().into_iter().map(|a| view! {
                    <li>
                        <span class="step-name">{messages::step(&a.step)}</span>
                        " — "
                        {match (a.effect, a.error) {
                            (Some(effect), _) => view! { <span>{effect}</span> }.into_any(),
                            (None, Some(error)) => view! { <span class="error-text">{messages::step_error(&error)}</span> }.into_any(),
                            (None, None) => view! { <span class="error-text">"en attente : une étape précédente ne s’applique pas"</span> }.into_any(),
                        }}
                    </li>
                }).collect_view()}
            </ol>
            <DisclosureButton label="Ajouter une étape" controls="step-controls" open=open />
            // Built when opened: two lists of every column are not needed to see the rows.
            <div class="step-controls" id="step-controls" hidden=move || !open.get()>
                {move || open.get().then(|| view! {
                        <button type="button" class="secondary" on:click=move |_| state.add_step(Step::FieldNames)>
                            "Noms de colonnes au format schema.data.gouv.fr"
                        </button>
                        {move || {
                            let names = labelled();
                            (!names.is_empty()).then(|| {
                                let count = messages::count(names.len() as u64, "colonne", "colonnes");
                                let examples: Vec<String> = names.iter().take(3).map(|(a, b)| format!("{a} → {b}")).collect();
                                let more = if names.len() > 3 { " …" } else { "" };
                                view! {
                                    <div class="step-form">
                                        <button type="button" class="secondary" on:click=move |_| state.add_step(Step::Renames { names: names.clone() })>
                                            {format!("Renommer {count} d’après le dictionnaire")}
                                        </button>
                                        <p class="hint">{format!("Par exemple : {}{more}", examples.join(", "))}</p>
                                    </div>
                                }
                            })
                        }}
                        <div class="step-form">
                            <label for="rename-from">"Colonne à renommer"</label>
                            <select id="rename-from" on:change=move |ev| rename_from.set(event_target_value(&ev))>{options}</select>
                            <label for="rename-to">"Nouveau nom"</label>
                            <input id="rename-to" type="text" prop:value=move || rename_to.get() on:input=move |ev| rename_to.set(event_target_value(&ev)) />
                            <button type="button" class="secondary" on:click=move |_| {
                                let to = rename_to.get_untracked();
                                if !to.trim().is_empty() {
                                    state.add_step(Step::Rename { column: chosen(rename_from), to });
                                    rename_to.set(String::new());
                                    rename_from.set(String::new());
                                }
                            }>"Renommer"</button>
                        </div>
                        <div class="step-form">
                            <label for="drop-column">"Colonne à retirer du fichier publié"</label>
                            <select id="drop-column" on:change=move |ev| drop_column.set(event_target_value(&ev))>{options}</select>
                            <button type="button" class="secondary" on:click=move |_| {
                                state.add_step(Step::Drop { column: chosen(drop_column) });
                                drop_column.set(String::new());
                            }>"Retirer"</button>
                        </div>
                        <div class="step-form">
                            <label for="text-column">"Colonne à garder en texte"</label>
                            <select id="text-column" on:change=move |ev| text_column.set(event_target_value(&ev))>{options}</select>
                            <button type="button" class="secondary" on:click=move |_| {
                                state.add_step(Step::AsText { column: chosen(text_column) });
                                text_column.set(String::new());
                            }>"Garder en texte"</button>
                        </div>
                })}
            </div>
            <div class="undo-redo">
                <button type="button" class="secondary" disabled=move || !can_undo() on:click=move |_| state.applied.update(|n| *n = n.saturating_sub(1))>
                    "Annuler la dernière étape"
                </button>
                <button type="button" class="secondary" disabled=move || !can_redo() on:click=move |_| state.applied.update(|n| *n += 1)>
                    "Rétablir l’étape annulée"
                </button>
            </div>
        </section>
    }
}
