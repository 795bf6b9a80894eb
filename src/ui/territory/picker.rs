//! The commune combobox (WAI-ARIA 1.2 pattern): type a name, an INSEE or a postal code, pick
//! a suggestion with the mouse or the arrow keys and Entrée.

use crate::engine::territory::Hit;
use crate::ui::state::{AppState, Geography};
use leptos::prelude::*;
use web_sys::KeyboardEvent;

/// Suggestions shown at most.
const SUGGESTIONS: usize = 8;

/// A suggestion as shown.
#[derive(Clone, Debug, PartialEq)]
struct Suggestion {
    code: String,
    label: String,
    detail: String,
}

fn suggestion(hit: Hit<'_>, departement: Option<&str>) -> Suggestion {
    let c = hit.commune;
    let mut detail = format!("{} · {}", departement.unwrap_or(&c.departement), c.postcodes.join(", "));
    if let Some(name) = hit.via {
        detail = format!("dont {name} (commune déléguée ou associée) · {detail}");
    }
    Suggestion { code: c.code.clone(), label: format!("{} ({})", c.name, c.code), detail }
}

/// Picks the commune of interest.
#[component]
pub fn CommunePicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);

    let suggestions = Memo::new(move |_| {
        let q = query.get();
        match state.geography.get() {
            Geography::Ready(t) => t
                .search(&q, SUGGESTIONS)
                .into_iter()
                .map(|hit| suggestion(hit, t.departement_name(&hit.departement)))
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        }
    });
    let expanded = move || open.get() && !suggestions.with(Vec::is_empty);
    // A commune set from elsewhere (a recipe, a shared link) shows in the field.
    Effect::new(move || {
        if let Some(place) = state.place.get() {
            let shown = format!("{} ({})", place.name, place.code);
            if query.get_untracked() != shown {
                query.set(shown);
            }
        }
    });

    let pick = move |code: String| {
        if let Geography::Ready(t) = state.geography.get_untracked()
            && let Some(place) = t.place(&code)
        {
            query.set(format!("{} ({})", place.name, place.code));
            state.place.set(Some(place));
        }
        open.set(false);
        active.set(None);
    };
    let on_key = move |ev: KeyboardEvent| {
        let n = suggestions.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" => {
                let chosen = active.get().or((n == 1).then_some(0));
                if let Some(s) = chosen.and_then(|i| suggestions.with(|s| s.get(i).cloned())) {
                    ev.prevent_default();
                    pick(s.code);
                }
            }
            "Escape" => {
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };
    let status = move || match state.geography.get() {
        Geography::Pending => "Chargement de la liste des communes…".to_owned(),
        Geography::Failed(e) => format!("La liste des communes n’a pas pu être chargée : {e}"),
        Geography::Ready(t) => {
            if !query.get().trim().is_empty() && suggestions.with(Vec::is_empty) && state.place.get().is_none() {
                "Aucune commune ne correspond.".to_owned()
            } else {
                format!("{} communes disponibles.", crate::engine::format::integer(t.len() as i64))
            }
        }
    };

    view! {
        <div class="combo">
            <label for="commune-input">"Commune"</label>
            <p class="hint" id="commune-hint">"Nom, code Insee ou code postal (ex. « Sailly », 59522, 59390)."</p>
            <input
                id="commune-input"
                type="text"
                role="combobox"
                autocomplete="off"
                spellcheck="false"
                aria-autocomplete="list"
                aria-controls="commune-options"
                aria-describedby="commune-hint commune-status"
                aria-expanded=move || expanded().to_string()
                aria-activedescendant=move || active.get().filter(|_| expanded()).map(|i| format!("commune-option-{i}"))
                prop:value=move || query.get()
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    open.set(true);
                    active.set(None);
                }
                on:keydown=on_key
                on:focus=move |_| open.set(true)
                on:blur=move |_| open.set(false)
            />
            <ul id="commune-options" role="listbox" aria-label="Communes proposées" hidden=move || !expanded()>
                {move || {
                    suggestions
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, s)| {
                            let code = s.code.clone();
                            view! {
                                <li
                                    id=format!("commune-option-{i}")
                                    role="option"
                                    aria-selected=move || (active.get() == Some(i)).to_string()
                                    class:active=move || active.get() == Some(i)
                                    on:mousedown=move |ev| {
                                        ev.prevent_default();
                                        pick(code.clone());
                                    }
                                >
                                    <span class="option-label">{s.label}</span>
                                    <span class="option-detail">{s.detail}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <p id="commune-status" class="hint" aria-live="polite">{status}</p>
        </div>
    }
}
