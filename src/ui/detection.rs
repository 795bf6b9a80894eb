//! What the worker detected in the file, and a preview of its first rows.

use super::messages;
use super::state::{AppState, LoadState};
use crate::engine::format;
use crate::protocol::Loaded;
use leptos::prelude::*;
use std::sync::Arc;

fn loaded(state: AppState) -> Option<Arc<Loaded>> {
    match state.load.get() {
        LoadState::Loaded(l) => Some(l),
        _ => None,
    }
}

/// The "Format détecté" region.
#[component]
pub fn DetectionSummary() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        loaded(state).map(|l| {
            let d = &l.detection;
            let header = if d.layout.title_lines.is_empty() {
                format!("ligne {}", d.layout.header_line)
            } else {
                format!(
                    "ligne {} (au-dessus : {})",
                    d.layout.header_line,
                    messages::count(d.layout.title_lines.len() as u64, "ligne de titre", "lignes de titre")
                )
            };
            let set_aside = (d.set_aside > 0).then(|| {
                let rows = l
                    .set_aside
                    .iter()
                    .map(|s| {
                        view! {
                            <li>
                                {format!("Ligne {} : {}", format::integer(s.line as i64), messages::set_aside(&s.reason))}
                                <code>{s.text.chars().take(120).collect::<String>()}</code>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="set-aside" role="alert">
                        <p>
                            {format!(
                                "{} de côté, rien n’est perdu : voici où et pourquoi.",
                                messages::count(d.set_aside as u64, "ligne mise", "lignes mises"),
                            )}
                        </p>
                        <ul>{rows}</ul>
                    </div>
                }
            });
            let footnotes = (!d.layout.footnotes.is_empty()).then(|| {
                view! {
                    <dt>"Notes sous le tableau"</dt>
                    <dd>{d.layout.footnotes.join(" · ")}</dd>
                }
            });
            view! {
                <section class="detected" aria-labelledby="detected-title">
                    <h3 id="detected-title">"Format détecté"</h3>
                    <dl class="facts">
                        <dt>"Fichier"</dt>
                        <dd>{format!("{} ({})", l.file_name, messages::size(l.size))}</dd>
                        <dt>"Encodage"</dt>
                        <dd>{messages::encoding(d.encoding)}</dd>
                        <dt>"Séparateur"</dt>
                        <dd>{messages::separator(d.dialect.separator)}</dd>
                        <dt>"Décimale"</dt>
                        <dd>{messages::decimal(d.decimal)}</dd>
                        <dt>"En-tête"</dt>
                        <dd>{header}</dd>
                        <dt>"Fins de ligne"</dt>
                        <dd>{messages::line_ending(d.dialect.line_ending)}</dd>
                        <dt>"Taille"</dt>
                        <dd>
                            {format!(
                                "{}, {}",
                                messages::count(d.rows as u64, "ligne", "lignes"),
                                messages::count(d.columns.len() as u64, "colonne", "colonnes"),
                            )}
                        </dd>
                        {footnotes}
                    </dl>
                    {set_aside}
                </section>
            }
        })
    }
}

/// The first rows of the file, with each column's detected type.
#[component]
pub fn Preview() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        loaded(state).map(|l| {
            let columns = &l.detection.columns;
            let numeric: Vec<bool> = columns.iter().map(|c| c.kind.is_numeric()).collect();
            let head = columns
                .iter()
                .map(|c| {
                    view! {
                        <th scope="col">
                            {c.name.clone()}
                            <span class="kind">{messages::kind(c.kind)}</span>
                        </th>
                    }
                })
                .collect_view();
            let body = l
                .preview
                .iter()
                .map(|row| {
                    let cells = row
                        .iter()
                        .zip(&numeric)
                        .map(|(cell, &num)| view! { <td class:num=num>{cell.clone()}</td> })
                        .collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            view! {
                <div class="table-scroll" role="region" aria-labelledby="preview-caption" tabindex="0">
                    <table class="data">
                        <caption id="preview-caption">
                            {format!("Aperçu : les {} premières lignes", l.preview.len())}
                        </caption>
                        <thead>
                            <tr>{head}</tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            }
        })
    }
}
