//! The dataset's fields and its files', in the order of data.gouv.fr's form.

use super::fields::{ListField, SelectField, TextField};
use super::{Problems, edit};
use crate::engine::publish::check::{DESCRIPTION_SHORT_MAX, Field, TITLE_MAX};
use crate::engine::publish::dataset::{Resource, ResourceType};
use crate::engine::publish::vocabulary::{FREQUENCIES, GRANULARITIES, LICENCES};
use crate::ui::state::AppState;
use leptos::prelude::*;

/// The dataset's fields.
#[component]
pub fn DatasetForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let problems = expect_context::<Problems>();
    let regenerate = move |_| {
        state.description_auto.set(true);
        edit(state, |_| {});
    };
    // The files' fields are built again only when the number of files changes: typing in
    // one of them keeps its focus.
    let resources = Memo::new(move |_| state.dataset.with(|d| d.as_ref().map_or(0, |d| d.resources.len())));
    let description_note = move || {
        if state.description_auto.get() {
            "Écrite par Carnet d’après les données et les autres champs ; elle suit vos modifications tant que vous ne la retouchez pas."
        } else {
            "Vous avez retouché la description : elle ne suit plus les autres champs."
        }
    };
    let errors = move || problems.0.with(Vec::len);
    view! {
        <form class="dataset-form" aria-labelledby="dataset-form-title" on:submit=|ev| ev.prevent_default()>
            <h3 id="dataset-form-title">"Le jeu de données"</h3>
            <p class="form-status" role="status">
                {move || match errors() {
                    0 => "Tous les champs respectent les règles de data.gouv.fr.".to_owned(),
                    n => format!(
                        "{} à corriger avant de télécharger les fichiers.",
                        crate::ui::messages::count(n as u64, "champ", "champs")
                    ),
                }}
            </p>
            <TextField
                id="ds-title"
                label="Titre".into()
                field=Field::Title
                limit=TITLE_MAX
            />
            <TextField
                id="ds-short"
                label="Description courte".into()
                hint="Une phrase, affichée dans les résultats de recherche."
                field=Field::DescriptionShort
                limit=DESCRIPTION_SHORT_MAX
            />
            <TextField
                id="ds-description"
                label="Description (Markdown)".into()
                hint="Ce qu’est la donnée, comment elle est produite, ses colonnes, un glossaire, l’historique et un contact ; c’est aussi le fichier README.md."
                field=Field::Description
                set=Callback::new(move |v: String| {
                    state.description_auto.set(false);
                    edit(state, |d| d.description = v);
                })
                rows=14
            />
            <p class="hint">{description_note}</p>
            <button type="button" on:click=regenerate hidden=move || state.description_auto.get()>
                "Réécrire la description d’après les données"
            </button>
            <ListField
                id="ds-tags"
                label="Mots-clés".into()
                hint="Séparés par des virgules ; en minuscules, sans accents, mots reliés par des tirets."
                field=Field::Tags
            />
            <SelectField
                id="ds-license"
                label="Licence"
                field=Field::License
                options=LICENCES
            />
            <SelectField
                id="ds-frequency"
                label="Fréquence de mise à jour"
                field=Field::Frequency
                options=FREQUENCIES
            />
            <fieldset>
                <legend>"Couverture temporelle"</legend>
                <TextField
                    id="ds-start"
                    label="Début".into()
                    kind="date"
                    field=Field::TemporalStart
                />
                <TextField
                    id="ds-end"
                    label="Fin".into()
                    kind="date"
                    field=Field::TemporalEnd
                />
            </fieldset>
            <fieldset>
                <legend>"Couverture spatiale"</legend>
                <ListField
                    id="ds-zones"
                    label="Territoires".into()
                    hint="Identifiants data.gouv.fr séparés par des virgules (fr:commune:59522, fr:epci:200093201…)."
                    field=Field::Zones
                />
                <SelectField
                    id="ds-granularity"
                    label="Granularité"
                    field=Field::Granularity
                    options=GRANULARITIES
                />
            </fieldset>
            <fieldset>
                <legend>"Contact (section « Contact » de la description)"</legend>
                <TextField
                    id="ds-producer"
                    label="Producteur".into()
                    hint="Par exemple : Mairie de Sailly-lez-Lannoy."
                    field=Field::Producer
                />
                <TextField
                    id="ds-contact"
                    label="Adresse électronique ou site web".into()
                    field=Field::Contact
                />
            </fieldset>
            <h3>"Les fichiers"</h3>
            {move || (0..resources.get()).map(|i| view! { <ResourceFields index=i /> }).collect_view()}
        </form>
    }
}

/// The fields of resource `index`.
#[component]
fn ResourceFields(
    /// The resource's position.
    index: usize,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let get = move |f: fn(&Resource) -> String| {
        Signal::derive(move || {
            state.dataset.with(|d| d.as_ref().and_then(|d| d.resources.get(index)).map(f).unwrap_or_default())
        })
    };
    let file = get(|r| r.file.clone());
    let kind = move || {
        state.dataset.with(|d| match d.as_ref().and_then(|d| d.resources.get(index)).map(|r| r.kind) {
            Some(ResourceType::Main) => "données principales",
            Some(ResourceType::Documentation) => "documentation",
            _ => "autre",
        })
    };
    view! {
        <fieldset class="resource">
            <legend>{move || format!("{} ({})", file.get(), kind())}</legend>
            <TextField
                id=format!("res-{index}-title")
                label=format!("Titre du fichier {}", index + 1)
                field=Field::ResourceTitle(index)
            />
            <TextField
                id=format!("res-{index}-description")
                label=format!("Description du fichier {}", index + 1)
                field=Field::ResourceDescription(index)
                rows=3
            />
        </fieldset>
    }
}
