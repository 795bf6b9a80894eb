//! The button that shows and hides a part of the page (`aria-expanded`, `aria-controls`).

use leptos::prelude::*;

/// Toggles `open`; the part it shows has the id `controls`.
#[component]
pub fn DisclosureButton(
    /// The button's text.
    label: &'static str,
    /// The id of the part shown.
    controls: &'static str,
    /// Whether the part is shown.
    open: RwSignal<bool>,
    /// The button's class (`secondary`, `primary`).
    #[prop(default = "secondary")]
    class: &'static str,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class=class
            aria-expanded=move || open.get().to_string()
            aria-controls=controls
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {label}
        </button>
    }
}
