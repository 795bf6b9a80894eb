//! The form's controls: a label, the control, a hint and the field's problems in French, tied
//! together by `aria-describedby` and `aria-invalid`.

use super::{Problems, edit};
use crate::engine::publish::check::Field;
use crate::ui::messages;
use crate::ui::state::AppState;
use leptos::prelude::*;

/// The text of `field` in the dataset being edited, and its setter.
fn bound_text(field: Field) -> (Signal<String>, Callback<String>) {
    let state = expect_context::<AppState>();
    let value = Signal::derive(move || {
        state.dataset.with(|d| d.as_ref().and_then(|d| field.text(d).cloned()).unwrap_or_default())
    });
    let set = Callback::new(move |v: String| {
        edit(state, |d| {
            if let Some(text) = field.text_mut(d) {
                *text = v;
            }
        })
    });
    (value, set)
}

/// The items of the list `field` in the dataset being edited, and their setter.
fn bound_list(field: Field) -> (Signal<Vec<String>>, Callback<Vec<String>>) {
    let state = expect_context::<AppState>();
    let value = Signal::derive(move || {
        state.dataset.with(|d| d.as_ref().and_then(|d| field.list(d).cloned()).unwrap_or_default())
    });
    let set = Callback::new(move |v: Vec<String>| {
        edit(state, |d| {
            if let Some(list) = field.list_mut(d) {
                *list = v;
            }
        })
    });
    (value, set)
}

/// The problems of `field`, under its control, announced as they change.
fn problem_list(id: &str, field: Field) -> impl IntoView + use<> {
    let problems = expect_context::<Problems>();
    view! {
        <div class="field-problems" id=format!("{id}-problems") role="status">
            {move || {
                problems
                    .of(field)
                    .into_iter()
                    .map(|p| view! { <p class="error">{messages::problem(&p.issue)}</p> })
                    .collect_view()
            }}
        </div>
    }
}

/// Whether `field` has a problem, for `aria-invalid`.
fn invalid(field: Field) -> impl Fn() -> &'static str + Copy {
    let problems = expect_context::<Problems>();
    move || if problems.of(field).is_empty() { "false" } else { "true" }
}

/// The ids describing control `id`: its hint and counter when it has them, its problems.
fn described_by(id: &str, hint: bool, counter: bool) -> String {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if counter {
        ids.push(format!("{id}-count"));
    }
    ids.push(format!("{id}-problems"));
    ids.join(" ")
}

/// A text field: one line, or `rows` lines.
#[component]
pub fn TextField(
    /// The element id.
    #[prop(into)]
    id: String,
    /// The visible label.
    label: String,
    /// The field checked, and by default the dataset's text it shows and sets.
    field: Field,
    /// The value shown, when not the field's text.
    #[prop(optional)]
    value: Option<Signal<String>>,
    /// Called with each new value, when not setting the field's text.
    #[prop(optional)]
    set: Option<Callback<String>>,
    /// A hint under the label.
    #[prop(optional, into)]
    hint: Option<String>,
    /// The input type (`text`, `date`, `email`), for one line.
    #[prop(default = "text")]
    kind: &'static str,
    /// Visible lines: a multi-line field.
    #[prop(optional)]
    rows: Option<u32>,
    /// A character limit shown as a counter.
    #[prop(optional)]
    limit: Option<usize>,
) -> impl IntoView {
    let (bound_value, bound_set) = bound_text(field);
    let (value, set) = (value.unwrap_or(bound_value), set.unwrap_or(bound_set));
    let described = described_by(&id, hint.is_some(), limit.is_some());
    let counter = limit.map(|max| move || format!("{} / {} caractères", value.with(|v| v.chars().count()), max));
    let control = match rows {
        Some(rows) => view! {
            <textarea
                id=id.clone()
                rows=rows
                prop:value=move || value.get()
                on:input=move |ev| set.run(event_target_value(&ev))
                aria-invalid=invalid(field)
                aria-describedby=described
            ></textarea>
        }
        .into_any(),
        None => view! {
            <input
                id=id.clone()
                type=kind
                prop:value=move || value.get()
                on:input=move |ev| set.run(event_target_value(&ev))
                aria-invalid=invalid(field)
                aria-describedby=described
            />
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            {control}
            {counter.map(|c| view! { <p class="counter" id=format!("{id}-count")>{c}</p> })}
            {problem_list(&id, field)}
        </div>
    }
}

/// A comma-separated list as its items, trimmed, blanks dropped.
fn items(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// A list typed as one line, its items separated by commas. The text stays as typed (a
/// trailing comma or space included) while it means the same list; the list is set as it
/// is typed.
#[component]
pub fn ListField(
    /// The element id.
    #[prop(into)]
    id: String,
    /// The visible label.
    label: String,
    /// The list field checked, shown and set.
    field: Field,
    /// A hint under the label (how to separate the items).
    hint: &'static str,
) -> impl IntoView {
    let (value, set) = bound_list(field);
    let text = RwSignal::new(value.with_untracked(|v| v.join(", ")));
    // The list changed elsewhere (new rows, a recipe): the text shows it.
    Effect::new(move || {
        let list = value.get();
        if text.with_untracked(|t| items(t)) != list {
            text.set(list.join(", "));
        }
    });
    let typed = Callback::new(move |t: String| {
        let list = items(&t);
        text.set(t);
        set.run(list);
    });
    view! { <TextField id=id label=label field=field value=Signal::from(text) set=typed hint=hint /> }
}

/// A choice among a vocabulary's ids, shown by their labels.
#[component]
pub fn SelectField(
    /// The element id.
    #[prop(into)]
    id: String,
    /// The visible label.
    label: &'static str,
    /// The field checked.
    field: Field,
    /// The ids and labels offered.
    options: &'static [(&'static str, &'static str)],
) -> impl IntoView {
    let (value, set) = bound_text(field);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id.clone()
                prop:value=move || value.get()
                on:change=move |ev| set.run(event_target_value(&ev))
                aria-invalid=invalid(field)
                aria-describedby=format!("{id}-problems")
            >
                {options
                    .iter()
                    .map(|(id, label)| view! { <option value=*id>{format!("{label} ({id})")}</option> })
                    .collect_view()}
            </select>
            {problem_list(&id, field)}
        </div>
    }
}
