//! The dossier's files: each with what was detected, its vintage and level, its rows, and
//! what it gives the commune chosen; one to show in detail, any to remove; the files
//! waiting their turn; and « Oublier ce dossier », which empties the device's copy.

use crate::ui::messages;
use crate::ui::state::AppState;
use crate::ui::state::requests;
use crate::ui::state::worker::EngineHandle;
use leptos::prelude::*;

/// Opens a dossier exported from Carnet (by a colleague, or on another device).
#[component]
pub fn DossierPicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let engine = expect_context::<EngineHandle>();
    view! {
        <crate::ui::file::picker::SmallFilePicker
            id="dossier-input"
            title="Dossier Carnet exporté (facultatif)"
            hint="Le fichier ZIP « dossier_carnet_… » qu’exporte Carnet : ses fichiers, sa commune, ses étapes, ses graphiques et ses champs de publication remplacent le dossier en cours."
            accept=".zip,application/zip"
            on_file=Callback::new(move |file| requests::unpack(state, engine, file))
        />
        {move || state.unpack_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
}

/// The list of the dossier's files.
#[component]
pub fn SourcesPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let engine = expect_context::<EngineHandle>();
    let place = move || state.place.get();
    // « Remplacer »: the file picked in the hidden input takes the place of this one.
    let replacing = StoredValue::new(None::<String>);
    let replace_input = NodeRef::<leptos::html::Input>::new();
    let on_replace = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let input: web_sys::HtmlInputElement = ev.target().expect("an input").unchecked_into();
        if let (Some(old), Some(file)) = (replacing.get_value(), input.files().and_then(|f| f.get(0))) {
            requests::remove(state, engine, &old);
            requests::open(state, engine, vec![file]);
        }
        input.set_value("");
    };
    let items = move || {
        let dossier = state.dossier.get();
        let place = place();
        dossier
            .sources
            .iter()
            .map(|s| {
                let name = s.file_name.clone();
                let current = dossier.current.as_ref() == Some(&name);
                let title = s.publication.clone().unwrap_or_else(|| name.clone());
                let facts = format!(
                    "{} — {}, {}, {}, {}",
                    name,
                    messages::rows_level(s.level),
                    messages::count(s.rows as u64, "ligne", "lignes"),
                    messages::count(s.columns as u64, "colonne", "colonnes"),
                    messages::size(s.size),
                );
                let gives = messages::contribution(&s.contribution, place.as_ref(), s.level);
                let unkept = (s.size > crate::ui::state::keep::FILE_AT_MOST).then(|| {
                    view! {
                        <p class="hint">
                            "Trop volumineux pour être gardé sur cet appareil : il faudra le rouvrir après un rechargement de la page."
                        </p>
                    }
                });
                let serves = matches!(s.contribution, crate::engine::dossier::sources::Contribution::Rows { .. });
                let follows = s.follows.as_ref().map(|f| {
                    view! { <p class="source-follows">{messages::follows(f, &name)}</p> }
                });
                let moves: Vec<_> =
                    dossier.compiled.iter().flat_map(|c| c.moved.iter()).filter(|m| m.source == name).collect();
                let moved = (!moves.is_empty()).then(|| {
                    let items = moves.iter().map(|m| view! { <li>{messages::moved(m)}</li> }).collect_view();
                    view! {
                        <details class="source-moved">
                            <summary>{messages::moved_summary(&moves)}</summary>
                            <ul>{items}</ul>
                        </details>
                    }
                });
                let (show_name, remove_name, replace_name) = (name.clone(), name.clone(), name.clone());
                view! {
                    <li class="source" class:current=current class:idle=!serves>
                        <p class="source-title">
                            <strong>{title}</strong>
                            {current.then(|| view! { <span class="badge">"affiché"</span> })}
                        </p>
                        <p class="hint">{facts}</p>
                        <p class="source-gives">{gives}</p>
                        {follows}
                        {moved}
                        {unkept}
                        <div class="source-actions">
                            {(!current).then(|| view! {
                                <button
                                    type="button"
                                    class="secondary"
                                    aria-label=format!("Afficher {show_name}")
                                    on:click=move |_| state.show(Some(&show_name))
                                >
                                    "Afficher"
                                </button>
                            })}
                            <button
                                type="button"
                                class="secondary"
                                aria-label=format!("Remplacer {replace_name} par un autre fichier")
                                on:click=move |_| {
                                    replacing.set_value(Some(replace_name.clone()));
                                    if let Some(input) = replace_input.get() {
                                        input.click();
                                    }
                                }
                            >
                                "Remplacer"
                            </button>
                            <button
                                type="button"
                                class="secondary"
                                aria-label=format!("Retirer {remove_name} du dossier")
                                on:click=move |_| requests::remove(state, engine, &remove_name)
                            >
                                "Retirer"
                            </button>
                        </div>
                    </li>
                }
            })
            .collect_view()
    };
    let waiting = move || {
        let n = state.waiting.get();
        (n > 0).then(|| {
            view! {
                <p class="hint" role="status">
                    {format!("{} en attente de lecture.", messages::count(n as u64, "fichier", "fichiers"))}
                </p>
            }
        })
    };
    let overlaps = move || {
        state
            .dossier
            .get()
            .compiled
            .iter()
            .flat_map(|c| c.overlaps.iter())
            .map(|o| {
                let (kept, left) = (o.kept.clone(), o.left.clone());
                let (keep_kept, keep_left) = (kept.clone(), left.clone());
                let (drop_left, drop_kept) = (left.clone(), kept.clone());
                view! {
                    <div class="overlap" role="group" aria-label=format!("Doublon : {kept} et {left}")>
                        <p>{messages::overlap(o)}</p>
                        <button type="button" on:click=move |_| requests::remove(state, engine, &drop_left)>
                            {format!("Garder « {keep_kept} »")}
                        </button>
                        " "
                        <button type="button" class="secondary" on:click=move |_| requests::remove(state, engine, &drop_kept)>
                            {format!("Garder « {keep_left} »")}
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    let awaited = move || {
        let (names, some) = state.dossier.with(|d| (d.awaited.clone(), !d.sources.is_empty()));
        (!names.is_empty()).then(|| {
            view! {
                <p class="notice awaited" role="status">
                    {format!(
                        "La recette attend {}: {} (ou le même fichier d’une autre année).",
                        if some { "aussi " } else { "" },
                        names.iter().map(|n| format!("« {n} »")).collect::<Vec<_>>().join(", ")
                    )}
                </p>
            }
        })
    };
    let confirming = RwSignal::new(false);
    let export_error = RwSignal::new(None::<String>);
    // The dossier packed: downloaded as it comes.
    Effect::new(move || match state.packed.get() {
        Some(Ok(file)) => {
            let saved = crate::ui::widgets::download::save_bytes(&file.name, "application/zip", &file.bytes);
            export_error.set(saved.err().map(|e| messages::download_error(&e)));
        }
        Some(Err(f)) => export_error.set(Some(messages::error(&f.file_name, &f.error))),
        None => {}
    });
    let reopen = move || {
        let names = state.to_reopen.get();
        (!names.is_empty()).then(|| {
            view! {
                <p class="warning" role="status">
                    {format!(
                        "À rouvrir pour compléter le dossier (trop volumineux pour être gardés sur cet appareil) : {}.",
                        names.join(", ")
                    )}
                </p>
            }
        })
    };
    view! {
        {reopen}
        {awaited}
        <Show when=move || state.dossier.with(|d| !d.sources.is_empty())>
            <div class="sources" role="region" aria-labelledby="sources-title">
                <h3 id="sources-title">
                    {move || {
                        let n = state.dossier.with(|d| d.sources.len());
                        format!("Le dossier : {}", messages::count(n as u64, "fichier", "fichiers"))
                    }}
                </h3>
                <ul class="source-list">{items}</ul>
                <input
                    type="file"
                    class="visually-hidden-input"
                    tabindex="-1"
                    aria-label="Fichier qui remplace un fichier du dossier"
                    accept=crate::ui::file::picker::ACCEPTED
                    node_ref=replace_input
                    on:change=on_replace
                />
                {overlaps}
                {waiting}
                <p class="hint">
                    "Le dossier est gardé sur cet appareil, dans ce navigateur : fichiers, commune, étapes, graphique et "
                    "champs de publication sont retrouvés au prochain chargement de la page. Rien n’est envoyé."
                </p>
                {move || state.kept_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <p>
                    <button type="button" class="secondary" on:click=move |_| requests::pack(state, engine)>
                        "Exporter le dossier (un fichier ZIP à transmettre)"
                    </button>
                </p>
                {move || export_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button type="button" class="secondary" on:click=move |_| confirming.set(true)>
                            "Oublier ce dossier"
                        </button>
                    }
                >
                    <div class="confirm" role="group" aria-labelledby="forget-question">
                        <p id="forget-question">
                            "Effacer de cet appareil les fichiers, la commune, les étapes, le graphique et les champs de publication ?"
                        </p>
                        <button type="button" on:click=move |_| crate::ui::state::keep::forget(state.kept_error)>
                            "Oui, oublier ce dossier"
                        </button>
                        " "
                        <button type="button" class="secondary" on:click=move |_| confirming.set(false)>
                            "Annuler"
                        </button>
                    </div>
                </Show>
            </div>
        </Show>
    }
}
