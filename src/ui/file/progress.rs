//! The progress bar of a load, and the error when a load fails.

use crate::engine::{ErrorKind, format};
use crate::protocol::Stage;
use crate::ui::messages;
use crate::ui::state::requests;
use crate::ui::state::worker::EngineHandle;
use crate::ui::state::{AppState, LoadState};
use leptos::prelude::*;

/// Shows how far the worker has read, or why it could not.
#[component]
pub fn LoadProgress() -> impl IntoView {
    let state = expect_context::<AppState>();
    let engine = expect_context::<EngineHandle>();
    move || match state.load.get() {
        LoadState::Loading { file_name, stage, done, total, rows } => {
            let what = match stage {
                Stage::Reading => "Lecture",
                Stage::Parsing => "Analyse",
            };
            let text = format!(
                "{what} de « {file_name} » : {} sur {}{}",
                messages::size(done),
                messages::size(total),
                if rows > 0 { format!(" · {} lignes", format::integer(rows as i64)) } else { String::new() }
            );
            view! {
                <div class="progress" role="status">
                    <progress aria-label="Progression de la lecture" max=total.max(1) value=done></progress>
                    <p>
                        {text}
                        <button type="button" class="secondary" on:click=move |_| requests::cancel(state, engine)>
                            "Annuler la lecture"
                        </button>
                    </p>
                </div>
            }
            .into_any()
        }
        LoadState::Failed { file_name, error } if matches!(error.kind(), ErrorKind::Cancelled) => {
            view! { <p class="notice" role="status">{messages::error(&file_name, &error)}</p> }.into_any()
        }
        LoadState::Failed { file_name, error } => {
            view! { <p class="error" role="alert">{messages::error(&file_name, &error)}</p> }.into_any()
        }
        _ => ().into_any(),
    }
}
