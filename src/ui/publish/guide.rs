//! The guide: each field of data.gouv.fr's form, in its order, with the value to paste and a
//! "Copier" button.

use crate::engine::publish::dataset::{Dataset, Resource, ResourceType};
use crate::engine::publish::vocabulary::{self, FREQUENCIES, GRANULARITIES, LICENCES};
use crate::ui::state::AppState;
use crate::ui::widgets::clipboard::copy;
use leptos::prelude::*;

/// One line of the guide: where to paste, and what.
#[derive(Clone)]
struct Entry {
    /// The field's name in data.gouv.fr's form.
    label: String,
    /// What to paste or choose.
    value: String,
}

/// A resource type as data.gouv.fr's form names it.
fn resource_type(kind: ResourceType) -> &'static str {
    match kind {
        ResourceType::Main => "Fichier principal",
        ResourceType::Documentation => "Documentation",
        ResourceType::Other => "Autre",
    }
}

/// The guide's lines for `d` and the files made on the page, in the order of data.gouv.fr's
/// form.
fn entries(d: &Dataset, attached: &[Resource]) -> Vec<Entry> {
    let e = |label: &str, value: String| Entry { label: label.to_owned(), value };
    let mut out = vec![
        e("Titre", d.title.clone()),
        e("Description courte", d.description_short.clone()),
        e("Description", d.description.clone()),
        e("Mots-clés", d.tags.join(", ")),
        e("Licence", vocabulary::label(LICENCES, &d.license).to_owned()),
        e("Fréquence de mise à jour", vocabulary::label(FREQUENCIES, &d.frequency).to_owned()),
        e("Couverture temporelle : début", d.temporal_start.clone()),
        e("Couverture temporelle : fin", d.temporal_end.clone()),
        e("Couverture spatiale", d.zones.join(", ")),
        e("Granularité spatiale", vocabulary::label(GRANULARITIES, &d.granularity).to_owned()),
    ];
    for (i, r) in d.resources.iter().chain(attached).enumerate() {
        let n = i + 1;
        out.push(e(&format!("Fichier {n} : fichier à déposer"), r.file.clone()));
        out.push(e(&format!("Fichier {n} : titre"), r.title.clone()));
        out.push(e(&format!("Fichier {n} : type"), resource_type(r.kind).to_owned()));
        out.push(e(&format!("Fichier {n} : description"), r.description.clone()));
    }
    out
}

/// The guide.
#[component]
pub fn Guide() -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = RwSignal::new(String::new());
    let lines = move || {
        let attached = super::downloads::attachment_resources(state);
        state.dataset.with(|d| d.as_ref().map(|d| entries(d, &attached)).unwrap_or_default())
    };
    // Keyed by label and value: an edit redraws the lines it changed only.
    let line = move |Entry { label, value }: Entry| {
        let empty = value.is_empty();
        let (name, text) = (label.clone(), value.clone());
        let on_copy = move |_| {
            let name = name.clone();
            copy(text.clone(), move |ok| {
                status.set(if ok {
                    format!("« {name} » copié : collez-le dans le formulaire de data.gouv.fr.")
                } else {
                    format!("Le navigateur a refusé la copie de « {name} » : sélectionnez le texte et copiez-le.")
                });
            });
        };
        view! {
            <li>
                <span class="guide-label">{label.clone()}</span>
                <pre class="guide-value" tabindex="0">{if empty { "(vide)".to_owned() } else { value }}</pre>
                <button type="button" on:click=on_copy aria-label=format!("Copier : {label}") disabled=empty>
                    "Copier"
                </button>
            </li>
        }
    };
    view! {
        <section class="guide" aria-labelledby="guide-title">
            <h3 id="guide-title">"Remplir le formulaire de data.gouv.fr"</h3>
            <p>
                "Sur data.gouv.fr, « Publier sur data.gouv.fr » puis « Un jeu de données » : "
                "voici chaque champ dans l’ordre du formulaire, prêt à copier. "
                "Déposez ensuite chaque fichier du ZIP à l’étape « Fichiers »."
            </p>
            <ol class="guide-list">
                <For each=lines key=|e: &Entry| (e.label.clone(), e.value.clone()) children=line />
            </ol>
            <p class="sr-only" role="status">{move || status.get()}</p>
            <p class="hint" aria-hidden="true">{move || status.get()}</p>
        </section>
    }
}
