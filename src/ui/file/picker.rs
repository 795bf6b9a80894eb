//! The file input and its drop zone.

use crate::ui::state::AppState;
use crate::ui::state::requests;
use crate::ui::state::worker::EngineHandle;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, File, HtmlInputElement};

/// The files of a `FileList`, in order.
fn all(list: Option<web_sys::FileList>) -> Vec<File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default()
}

/// Picks or receives dropped files, several at once, and adds them to the dossier.
#[component]
pub fn FilePicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let engine = expect_context::<EngineHandle>();
    let dragging = RwSignal::new(false);
    let chosen = RwSignal::new(None::<String>);

    let open = move |files: Vec<File>| {
        if files.is_empty() {
            return;
        }
        chosen.set(Some(files.iter().map(File::name).collect::<Vec<_>>().join(", ")));
        requests::open(state, engine, files);
    };
    let on_change = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = ev.target().expect("an input").unchecked_into();
        open(all(input.files()));
        // Picking the same file again must reload it.
        input.set_value("");
    };
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        open(all(ev.data_transfer().and_then(|d| d.files())));
    };

    view! {
        <div
            class="dropzone"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <label for="file-input" class="file-label">
                <span class="file-title">"Fichiers à ouvrir (CSV, classeurs, archives ZIP)"</span>
                <span class="hint">
                    "Choisissez un ou plusieurs fichiers, ou déposez-les ici, dans l’ordre que vous voulez : extraits Insee "
                    "(plusieurs millésimes), CAF, Observatoire des territoires… en CSV, en classeur Excel (.xlsx, .xls) ou "
                    "OpenDocument (.ods), ou l’archive ZIP telle que l’Insee la livre. Séparateur, encodage, feuille et "
                    "ligne d’en-tête sont détectés automatiquement."
                </span>
                <span class="file-button" aria-hidden="true">"Choisir des fichiers…"</span>
                <span class="file-name" aria-hidden="true">{move || chosen.get().unwrap_or_else(|| "Aucun fichier choisi".to_owned())}</span>
            </label>
            <input
                id="file-input"
                class="visually-hidden-input"
                type="file"
                multiple
                accept=crate::ui::file::picker::ACCEPTED
                on:change=on_change
            />
        </div>
    }
}

/// The files the pickers offer: text tables, workbooks, archives.
pub const ACCEPTED: &str = ".csv,.txt,.tsv,.xlsx,.xlsm,.xlsb,.xls,.ods,.zip,text/csv,text/plain,application/zip,\
     application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,\
     application/vnd.oasis.opendocument.spreadsheet";

/// A secondary file input, drawn like the main one but smaller: a title, a hint, a button.
#[component]
pub fn SmallFilePicker(
    /// The input's id.
    id: &'static str,
    /// Its label.
    title: &'static str,
    /// What the file is for.
    hint: &'static str,
    /// The file types offered.
    accept: &'static str,
    /// Called with the file picked.
    on_file: Callback<File>,
) -> impl IntoView {
    let chosen = RwSignal::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = ev.target().expect("an input").unchecked_into();
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            chosen.set(Some(file.name()));
            on_file.run(file);
        }
        input.set_value("");
    };
    let hint_id = format!("{id}-hint");
    view! {
        <div class="small-picker">
            <label for=id class="file-label">
                <span class="file-title">{title}</span>
            </label>
            <p class="hint" id=hint_id.clone()>{hint}</p>
            <label for=id class="file-label" aria-hidden="true">
                <span class="file-button secondary">"Choisir un fichier…"</span>
                <span class="file-name">{move || chosen.get().unwrap_or_else(|| "Aucun fichier choisi".to_owned())}</span>
            </label>
            <input id=id class="visually-hidden-input" type="file" accept=accept aria-describedby=hint_id on:change=on_change />
        </div>
    }
}

/// Picks an INSEE variable dictionary (`meta_….CSV`): its labels title and describe the
/// columns in the schema and the README.
#[component]
pub fn DictionaryPicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let engine = expect_context::<EngineHandle>();
    // A new dictionary documents the rows already kept: ask for them again.
    Effect::new(move || {
        if matches!(state.dictionary.get(), Some(Ok(_)))
            && let Some(Ok(selected)) = state.selected.get_untracked()
        {
            requests::select(state, engine, selected.place.clone());
        }
    });
    let status = move || match state.dictionary.get() {
        Some(Ok((name, n))) => Some(
            view! {
                <p class="hint" role="status">
                    {format!(
                        "Dictionnaire « {name} » : {}.",
                        crate::ui::messages::count(n as u64, "variable décrite", "variables décrites"),
                    )}
                </p>
            }
            .into_any(),
        ),
        Some(Err(f)) => Some(
            view! { <p class="error" role="alert">{crate::ui::messages::error(&f.file_name, &f.error)}</p> }.into_any(),
        ),
        None => None,
    };
    view! {
        <SmallFilePicker
            id="dictionary-input"
            title="Dictionnaire des variables (facultatif)"
            hint="Le fichier « meta_… » publié par l’Insee avec les données : ses libellés documentent les colonnes (schéma, README)."
            accept=".csv,.txt,text/csv,text/plain"
            on_file=Callback::new(move |file| requests::dictionary(state, engine, file))
        />
        {status}
    }
}
