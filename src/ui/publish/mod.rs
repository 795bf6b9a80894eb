//! The "Publier" step: data.gouv.fr's fields prefilled from the data, each checked as it is
//! typed; the quality score the platform will compute; a guide to fill its form field by
//! field; and the kit's files, one by one or as one ZIP.
//!
//! The rules, the description and the files all come from `engine::publish`: this module only
//! shows them and sends the user's fields to the worker.

pub(crate) mod downloads;
mod fields;
mod form;
mod guide;
mod quality;

use crate::engine::publish::check::{self, Field, Problem};
use crate::engine::publish::dataset::Dataset;
use crate::engine::publish::readme;
use crate::ui::state::AppState;
use crate::ui::widgets::disclosure::DisclosureButton;
use downloads::KitDownloads;
use form::DatasetForm;
use guide::Guide;
use leptos::prelude::*;
use quality::QualityScore;

/// The form's problems, computed once per edit and shared by its parts.
#[derive(Clone, Copy)]
struct Problems(Memo<Vec<Problem>>);

impl Problems {
    /// The problems of one field.
    fn of(self, field: Field) -> Vec<Problem> {
        self.0.with(|all| all.iter().filter(|p| p.field == field).cloned().collect())
    }
}

/// Applies an edit to the dataset; while the user has not written in the description, it is
/// written again from the other fields.
fn edit(state: AppState, change: impl FnOnce(&mut Dataset)) {
    let Some(Ok(selected)) = state.selected.get_untracked() else { return };
    let auto = state.description_auto.get_untracked();
    state.dataset.update(|d| {
        if let Some(d) = d {
            change(d);
            if auto {
                d.description = readme::description(&selected.facts, d, &crate::clock::today());
            }
        }
    });
}

/// The step's content, opened by the "Publier" button.
#[component]
pub fn PublishPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    // Fields for the rows on the page: none while other rows are asked for, or after a failure.
    let ready = move || state.dataset.with(Option::is_some) && matches!(state.selected.get(), Some(Ok(_)));
    let problems =
        Problems(Memo::new(move |_| state.dataset.with(|d| d.as_ref().map(check::check).unwrap_or_default())));
    provide_context(problems);
    view! {
        <p class="hint" hidden=ready>
            "Choisissez une commune dans un fichier chargé pour préparer la publication de ses données."
        </p>
        <div hidden=move || !ready()>
            <p>
                "Carnet prépare tout ce que demande data.gouv.fr : les champs du formulaire, la documentation, "
                "le schéma des données et les fichiers à déposer."
            </p>
            <DisclosureButton label="Publier" controls="publish-form" open=open class="primary" />
        </div>
        // Built when opened: the rows of a commune come first.
        <div id="publish-form" class="publish" hidden=move || !open.get() || !ready()>
            {move || {
                open.get()
                    .then(|| {
                        view! {
                            <DatasetForm />
                            <QualityScore />
                            <KitDownloads />
                            <Guide />
                        }
                    })
            }}
        </div>
    }
}
