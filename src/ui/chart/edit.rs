//! Editing a chart, as Datawrapper lets one: title, subtitle, note, axis name, unit, order,
//! high-contrast colours. Every field starts blank: the chart keeps its defaults until one is
//! written. The edits travel with the chart request and are kept in the recipe.

use crate::engine::chart::{ChartKind, Edits, Order};
use crate::ui::state::AppState;
use crate::ui::widgets::disclosure::DisclosureButton;
use leptos::prelude::*;

/// One text field of the edits.
#[component]
fn EditText(
    /// The element id.
    id: &'static str,
    /// The label.
    label: &'static str,
    /// Reads the field.
    get: fn(&Edits) -> Option<String>,
    /// Writes it.
    set: fn(&mut Edits, Option<String>),
) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="edit-field">
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                prop:value=move || state.chart_edits.with(|e| get(e).unwrap_or_default())
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    state.chart_edits.update(|e| set(e, (!text.trim().is_empty()).then_some(text)));
                }
            />
        </div>
    }
}

/// The editing controls, opened by a button.
#[component]
pub fn ChartEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let order_id = move || match state.chart_edits.with(|e| e.order) {
        Order::Natural => "natural",
        Order::Descending => "descending",
        Order::Ascending => "ascending",
    };
    view! {
        <div class="chart-editor">
            <DisclosureButton label="Modifier le graphique" controls="chart-edits" open=open />
            <div id="chart-edits" class="chart-edits" hidden=move || !open.get()>
                <p class="hint">"Laissez un champ vide pour garder le texte proposé. Les changements s’appliquent à la sortie du champ."</p>
                <EditText id="edit-title" label="Titre" get=|e| e.title.clone() set=|e, v| e.title = v />
                <EditText id="edit-subtitle" label="Sous-titre" get=|e| e.subtitle.clone() set=|e, v| e.subtitle = v />
                <EditText id="edit-note" label="Note (après la source)" get=|e| e.note.clone() set=|e, v| e.note = v />
                <EditText id="edit-axis" label="Nom de l’axe des valeurs" get=|e| e.axis.clone() set=|e, v| e.axis = v />
                <EditText id="edit-unit" label="Unité (€, %, habitants…)" get=|e| e.unit.clone() set=|e, v| e.unit = v />
                // A line runs over the years, a pyramid over the ages, several indicators keep
                // theirs: one order each.
                <div
                    class="edit-field"
                    hidden=move || {
                        let kind = state.chart_kind.get();
                        matches!(kind, ChartKind::Evolution | ChartKind::Pyramid | ChartKind::Map) || kind.several_columns()
                    }
                >
                    <label for="edit-order">"Ordre des barres"</label>
                    <select
                        id="edit-order"
                        prop:value=order_id
                        on:change=move |ev| {
                            let order = match event_target_value(&ev).as_str() {
                                "descending" => Order::Descending,
                                "ascending" => Order::Ascending,
                                _ => Order::Natural,
                            };
                            state.chart_edits.update(|e| e.order = order);
                        }
                    >
                        <option value="natural">"Ordre proposé"</option>
                        <option value="descending">"Valeurs décroissantes"</option>
                        <option value="ascending">"Valeurs croissantes"</option>
                    </select>
                </div>
                // A ranking highlights the commune picked, or another of the EPCI.
                {move || {
                    let peers = match (state.chart_kind.get(), state.selected.get()) {
                        (ChartKind::Ranking, Some(Ok(s))) => s.place.peers.clone(),
                        _ => Vec::new(),
                    };
                    (!peers.is_empty()).then(|| {
                        let current = state.chart_edits.with_untracked(|e| e.highlight.clone());
                        let picked = state.place.with_untracked(|p| p.as_ref().map(|p| p.code.clone())).unwrap_or_default();
                        let options = peers
                            .into_iter()
                            .map(|p| {
                                let chosen = current.as_deref().unwrap_or(&picked) == p.code;
                                view! { <option value=p.code.clone() selected=chosen>{p.name.clone()}</option> }
                            })
                            .collect_view();
                        view! {
                            <div class="edit-field">
                                <label for="edit-highlight">"Commune mise en évidence"</label>
                                <select
                                    id="edit-highlight"
                                    on:change=move |ev| {
                                        let code = event_target_value(&ev);
                                        state.chart_edits.update(|e| e.highlight = (code != picked).then_some(code));
                                    }
                                >
                                    {options}
                                </select>
                            </div>
                        }
                    })
                }}
                <EditCheck
                    id="edit-contrast"
                    label="Contraste élevé (noir et bleu foncé, pour l’impression)"
                    get=|e| e.contrast
                    set=|e, on| e.contrast = on
                />
                <Show when=move || state.chart_kind.get() == crate::engine::chart::ChartKind::Map>
                    <EditCheck
                        id="edit-whole-departement"
                        label="Toutes les communes du département (sinon, celles de l’intercommunalité)"
                        get=|e| e.whole_departement
                        set=|e, on| e.whole_departement = on
                    />
                </Show>
                <Show when=move || state.chart_kind.get() == crate::engine::chart::ChartKind::Evolution>
                    <EditCheck
                        id="edit-narrowed"
                        label="Resserrer l’axe sur les valeurs (il ne part plus de zéro ; une coupure le signale)"
                        get=|e| e.narrowed
                        set=|e, on| e.narrowed = on
                    />
                </Show>
                <button type="button" class="secondary" on:click=move |_| state.chart_edits.set(Edits::default())>
                    "Revenir au graphique proposé"
                </button>
            </div>
        </div>
    }
}

/// A yes/no edit of the chart: a checkbox and its label.
#[component]
fn EditCheck(
    /// The checkbox's id.
    id: &'static str,
    /// What it does, in words.
    label: &'static str,
    /// Whether the edits have it.
    get: fn(&Edits) -> bool,
    /// Gives it to the edits, or takes it away.
    set: fn(&mut Edits, bool),
) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="edit-check">
            <input
                id=id
                type="checkbox"
                prop:checked=move || state.chart_edits.with(get)
                on:change=move |ev| state.chart_edits.update(|e| set(e, event_target_checked(&ev)))
            />
            <label for=id>{label}</label>
        </div>
    }
}
