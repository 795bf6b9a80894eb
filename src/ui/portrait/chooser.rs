//! The clerk's choice of the portrait's figures: a box per indicator the dossier has, and the
//! order of those shown (« Monter », « Descendre »).

use crate::engine::portrait::{Choice, Portrait};
use crate::ui::state::AppState;
use leptos::prelude::*;

/// The figures shown, in order, as the request to change starts from.
fn shown(portrait: &Portrait) -> Vec<String> {
    portrait.figures.iter().map(|f| f.key.clone()).collect()
}

/// Changes the figures asked for, starting from the last ones asked (two quick clicks both
/// count), else from those shown. The last figure stays: none would mean Carnet's choice.
fn change(state: AppState, portrait: &Portrait, edit: impl FnOnce(&mut Vec<String>)) {
    let asked = state.portrait_request.with_untracked(|r| r.figures.clone());
    let mut figures = if asked.is_empty() { shown(portrait) } else { asked };
    edit(&mut figures);
    if !figures.is_empty() {
        state.portrait_request.update(|r| r.figures = figures);
    }
}

/// « Choisir les chiffres du portrait ».
#[component]
pub fn FigureChooser(portrait: std::sync::Arc<Portrait>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let keys = shown(&portrait);
    let count = keys.len();
    // Those shown first, in their order; then the others, in the dossier's.
    let mut choices: Vec<&Choice> = portrait.choices.iter().collect();
    choices.sort_by_key(|c| keys.iter().position(|k| *k == c.key).unwrap_or(usize::MAX));
    let items = choices
        .into_iter()
        .map(|Choice { key, label, shown }| {
            let id = format!("portrait-choice-{}", crate::engine::chart::export::safe_name(key));
            let position = keys.iter().position(|k| k == key);
            let (p1, p2, p3) = (portrait.clone(), portrait.clone(), portrait.clone());
            let (k1, k2, k3) = (key.clone(), key.clone(), key.clone());
            let toggle = move |_| {
                let key = k1.clone();
                change(state, &p1, |f| match f.iter().position(|k| *k == key) {
                    Some(at) => {
                        f.remove(at);
                    }
                    None => f.push(key),
                });
            };
            let up = move |_| {
                let key = k2.clone();
                change(state, &p2, |f| {
                    if let Some(at) = f.iter().position(|k| *k == key).filter(|at| *at > 0) {
                        f.swap(at, at - 1);
                    }
                });
            };
            let down = move |_| {
                let key = k3.clone();
                change(state, &p3, |f| {
                    if let Some(at) = f.iter().position(|k| *k == key).filter(|at| at + 1 < f.len()) {
                        f.swap(at, at + 1);
                    }
                });
            };
            let moves = position.map(|at| {
                view! {
                    <button type="button" class="secondary small" aria-label=format!("Monter « {label} »") disabled=at == 0 on:click=up>
                        "Monter"
                    </button>
                    <button
                        type="button"
                        class="secondary small"
                        aria-label=format!("Descendre « {label} »")
                        disabled=at + 1 == count
                        on:click=down
                    >
                        "Descendre"
                    </button>
                }
            });
            view! {
                <li>
                    <input
                        type="checkbox"
                        id=id.clone()
                        prop:checked=*shown
                        disabled=*shown && count == 1
                        on:change=toggle
                    />
                    <label for=id>{format!("{label} ({key})")}</label>
                    {moves}
                </li>
            }
        })
        .collect_view();
    view! {
        <details class="portrait-chooser">
            <summary>"Choisir les chiffres du portrait et leur ordre"</summary>
            <p class="hint">"Les chiffres cochés paraissent dans l’ordre de la liste ; « Monter » et « Descendre » le changent."</p>
            <ul>{items}</ul>
            <button type="button" class="secondary" on:click=move |_| state.portrait_request.set(Default::default())>
                "Revenir au choix de Carnet"
            </button>
        </details>
    }
}
