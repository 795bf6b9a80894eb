//! The names of the tidy table's indicators, for the whole dossier: an indicator renamed
//! (`MED` → `mediane_niveau_vie`), two given one name (merged), one vintage named apart (split).

use crate::engine::tidy::compile::Naming;
use crate::ui::state::AppState;
use leptos::prelude::*;

/// The form naming an indicator or one of its vintages, and the names given.
#[component]
pub fn IndicatorNames() -> impl IntoView {
    let state = expect_context::<AppState>();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let options = move || {
        let indicators = state.dossier.with(|d| d.compiled.as_ref().map(|c| c.indicators.clone())).unwrap_or_default();
        let mut out = Vec::new();
        for (indicator, columns) in indicators {
            out.push((indicator.clone(), format!("{indicator} ({})", columns.join(", "))));
            if columns.len() > 1 {
                out.extend(columns.into_iter().map(|c| (c.clone(), format!("— {c} seulement"))));
            }
        }
        out
    };
    // The choice on screen: the one picked while it is offered, else the first.
    let current = move || {
        let (picked, offered) = (from.get(), options());
        if offered.iter().any(|(v, _)| *v == picked) {
            picked
        } else {
            offered.first().map(|(v, _)| v.clone()).unwrap_or_default()
        }
    };
    let add = move |_| {
        let (f, t) = (untrack(current), to.get_untracked().trim().to_owned());
        if !f.is_empty() && !t.is_empty() && f != t {
            state.names.update(|n| n.push(Naming { from: f, to: t.clone() }));
            // The indicator keeps the focus of the form under its new name.
            from.set(t);
            to.set(String::new());
        }
    };
    let given = move || {
        state
            .names
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, n)| {
                let label = format!("Annuler le nom « {} » donné à {}", n.to, n.from);
                view! {
                    <li>
                        {format!("{} → {} ", n.from, n.to)}
                        <button
                            type="button"
                            class="secondary"
                            aria-label=label
                            on:click=move |_| state.names.update(|n| {
                                n.remove(i);
                            })
                        >
                            "Annuler"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="naming">
            <legend>"Nommer les indicateurs du dossier"</legend>
            <p class="hint">
                "Un nom vaut pour tous les fichiers. Donner à deux indicateurs le même nom les réunit ; "
                "nommer un seul millésime le sépare de sa série."
            </p>
            <div class="naming-row">
                <label for="naming-from">"Indicateur ou millésime"</label>
                // Drawn anew with its options: the choice on screen is always one offered.
                {move || {
                    let chosen = current();
                    let options = options()
                        .into_iter()
                        .map(|(value, text)| {
                            let selected = value == chosen;
                            view! { <option value=value prop:selected=selected>{text}</option> }
                        })
                        .collect_view();
                    view! {
                        <select id="naming-from" on:change=move |ev| from.set(event_target_value(&ev))>
                            {options}
                        </select>
                    }
                }}
                <label for="naming-to">"Nouveau nom"</label>
                <input
                    id="naming-to"
                    type="text"
                    prop:value=move || to.get()
                    on:input=move |ev| to.set(event_target_value(&ev))
                />
                <button type="button" on:click=add>"Nommer"</button>
            </div>
            <ul class="naming-list">{given}</ul>
        </fieldset>
    }
}
