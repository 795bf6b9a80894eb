//! The tidy table: the commune's rows in every file read so far (several vintages), as one
//! long table to download, long or wide.

use crate::engine::tidy::compile::LONG_HEADER;
use crate::ui::messages;
use crate::ui::state::AppState;
use crate::ui::widgets::download;
use leptos::prelude::*;

/// The tidy table of the commune's rows over the files read, once there are two.
#[component]
pub fn CompiledPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The table names its own territory: while another's is computed, it is still this one's.
    let compiled =
        move || state.place.with(Option::is_some).then(|| state.dossier.with(|d| d.compiled.clone())).flatten();
    let error = RwSignal::new(None::<String>);
    let hint = move || {
        (state.place.with(Option::is_some) && state.dossier.with(|d| d.compiled.is_none())).then(|| {
            view! {
                <p class="hint">
                    "Pour suivre un indicateur d’une année à l’autre, ajoutez au dossier d’autres millésimes du même fichier "
                    "(par exemple Filosofi 2019, 2020 et 2021) : Carnet en fera un seul tableau."
                </p>
            }
        })
    };
    // Outside the table drawn anew with each answer: the form keeps what the user chose.
    let has_table = move || state.dossier.with(|d| d.compiled.is_some()) && state.place.with(Option::is_some);
    view! {
        {hint}
        <Show when=has_table>
            <crate::ui::table::naming::IndicatorNames />
        </Show>
        {move || compiled().map(|c| {
            let head = LONG_HEADER.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view();
            let body = c
                .rows
                .iter()
                .map(|row| {
                    let cells = row
                        .iter()
                        .enumerate()
                        .map(|(i, v)| view! { <td class:num=i == 5>{v.clone()}</td> })
                        .collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            let title = format!(
                "Tableau compilé : {} pour {}, d’après {}",
                messages::count(c.rows.len() as u64, "valeur", "valeurs"),
                c.name,
                messages::count(c.files.len() as u64, "fichier", "fichiers")
            );
            let stem = format!("compilation_{}", c.code);
            let (long, wide) = (c.long_csv.clone(), c.wide_csv.clone());
            let (long_name, wide_name) = (format!("{stem}_long.csv"), format!("{stem}_large.csv"));
            let save = move |name: String, text: String| {
                error.set(download::save(&name, "text/csv;charset=utf-8", &text).err().map(|e| messages::download_error(&e)));
            };
            view! {
                <div class="compiled">
                    <div class="table-scroll" role="region" aria-labelledby="compiled-caption" tabindex="0">
                        <table class="data">
                            <caption id="compiled-caption">{title}</caption>
                            <thead><tr>{head}</tr></thead>
                            <tbody>{body}</tbody>
                        </table>
                    </div>
                    <div class="downloads">
                        <button type="button" on:click=move |_| save(long_name.clone(), long.clone())>
                            "Télécharger le tableau compilé (format long, CSV)"
                        </button>
                        " "
                        <button type="button" class="secondary" on:click=move |_| save(wide_name.clone(), wide.clone())>
                            "Télécharger le tableau compilé (format large, CSV)"
                        </button>
                        <p class="hint">
                            "Format long : une ligne par valeur (territoire, indicateur sans son suffixe d’année, année, valeur, unité, source). "
                            "Format large : une ligne par année, une colonne par indicateur."
                        </p>
                        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                    </div>
                </div>
            }
        })}
    }
}
