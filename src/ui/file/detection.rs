//! What the worker detected in the file, each finding with a control to correct it, and a
//! preview of the first rows.

use crate::engine::format;
use crate::engine::publish;
use crate::engine::read::ReadOptions;
use crate::engine::read::container::{Format, Opened};
use crate::engine::read::decode::Encoding;
use crate::engine::read::dialect::Separator;
use crate::engine::table::DecimalSign;
use crate::protocol::Loaded;
use crate::ui::messages;
use crate::ui::state::requests;
use crate::ui::state::worker::EngineHandle;
use crate::ui::state::{AppState, LoadState};
use crate::ui::widgets::download;
use leptos::prelude::*;
use std::sync::Arc;

/// Set-aside rows listed on the page (all are in the download).
const SET_ASIDE_SHOWN: usize = 50;

/// The file read, or, while a large one is read, what its head showed.
fn loaded(state: AppState) -> Option<Arc<Loaded>> {
    match state.load.get() {
        LoadState::Loaded(l) => Some(l),
        LoadState::Loading { .. } => state.glimpse.get(),
        _ => None,
    }
}

/// The "Format détecté" region: a one-line summary, the controls to correct each finding,
/// the evidence, and the rows set aside.
#[component]
pub fn DetectionSummary() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || loaded(state).map(|l| view! { <Detected loaded=l /> })
}

#[component]
fn Detected(
    /// The file as read.
    loaded: Arc<Loaded>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let engine = expect_context::<EngineHandle>();
    let d = &loaded.detection;
    // A sheet of a workbook has no encoding nor separator of its own: Carnet wrote its text.
    let sheet = d.container.as_ref().is_some_and(|c| c.format != Format::Zip || c.inner.is_some());
    let text = if sheet {
        String::new()
    } else {
        format!(
            "Encodage : {} · Séparateur : {} · ",
            messages::encoding(d.encoding),
            messages::separator(d.dialect.separator)
        )
    };
    let summary = format!(
        "{}{text}Décimale : {} · En-tête : ligne {} · {}, {}",
        d.container.as_ref().map(|c| format!("{} · ", messages::opened(c))).unwrap_or_default(),
        messages::decimal(d.decimal),
        d.layout.header_line,
        if loaded.glimpse {
            "lignes en cours de lecture".to_owned()
        } else {
            messages::count(d.rows as u64, "ligne", "lignes")
        },
        messages::count(d.columns.len() as u64, "colonne", "colonnes"),
    );
    // The sheet or the archive's file read, to choose another.
    let parts = |o: &Opened, id: &'static str, label: &'static str, set: fn(&mut ReadOptions, u16)| {
        let options = o
            .parts
            .iter()
            .enumerate()
            .map(|(i, p)| view! { <option value=i.to_string() selected=i == o.part>{p.clone()}</option> })
            .collect_view();
        let on_change = move |ev: leptos::ev::Event| {
            if let Ok(i) = event_target_value(&ev).parse::<u16>() {
                requests::correct(state, engine, |o| set(o, i));
            }
        };
        view! {
            <label for=id>{label}</label>
            <select id=id on:change=on_change>{options}</select>
        }
    };
    let container_choice = d.container.as_ref().map(|c| {
        let sheet_of = if c.format == Format::Zip { c.inner.as_deref() } else { Some(c) };
        view! {
            <div class="overrides">
                {(c.format == Format::Zip).then(|| parts(c, "fmt-member", "Fichier de l’archive lu", |o, i| {
                    o.member = Some(i);
                    o.sheet = None;
                }))}
                {sheet_of.map(|s| parts(s, "fmt-sheet", "Feuille lue", |o, i| o.sheet = Some(i)))}
            </div>
        }
    });
    let encodings = [
        Encoding::Utf8,
        Encoding::Utf8Bom,
        Encoding::MixedUtf8,
        Encoding::Windows1252,
        Encoding::Iso8859_15,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
    ];
    let encoding_options = encodings
        .iter()
        .enumerate()
        .map(|(i, &e)| view! { <option value=i.to_string() selected=e == d.encoding>{messages::encoding(e)}</option> })
        .collect_view();
    let separator_options = Separator::ALL
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            view! { <option value=i.to_string() selected=s == d.dialect.separator>{messages::separator(s)}</option> }
        })
        .collect_view();
    let decimals = [DecimalSign::Comma, DecimalSign::Point];
    let decimal_options = decimals
        .iter()
        .enumerate()
        .map(|(i, &s)| view! { <option value=i.to_string() selected=Some(s) == d.decimal>{messages::decimal(Some(s))}</option> })
        .collect_view();
    let pick = |ev: &leptos::ev::Event| event_target_value(ev).parse::<usize>().ok();
    let on_encoding = move |ev| {
        if let Some(e) = pick(&ev).and_then(|i| encodings.get(i).copied()) {
            requests::correct(state, engine, |o| o.encoding = Some(e));
        }
    };
    let on_separator = move |ev| {
        if let Some(s) = pick(&ev).and_then(|i| Separator::ALL.get(i).copied()) {
            requests::correct(state, engine, |o| o.separator = Some(s));
        }
    };
    let on_decimal = move |ev| {
        if let Some(s) = pick(&ev).and_then(|i| decimals.get(i).copied()) {
            requests::correct(state, engine, |o| o.decimal = Some(s));
        }
    };
    let on_header = move |ev| {
        if let Ok(line) = event_target_value(&ev).trim().parse::<u64>()
            && line >= 1
        {
            requests::correct(state, engine, |o| o.header_line = Some(line));
        }
    };
    let corrected = loaded.options != Default::default();
    let reset = move |_| requests::correct(state, engine, |o| *o = Default::default());

    view! {
        <section class="detected" aria-labelledby="detected-title" aria-busy=loaded.glimpse.then_some("true")>
            <h3 id="detected-title">"Format détecté"</h3>
            <p class="summary">{summary}</p>
            <p
                hidden=true
                class="timings"
                data-read-ms=loaded.timings.0
                data-engine-ms=loaded.timings.1
                data-memory=loaded.memory
            ></p>
            <p class="hint">
                {if loaded.glimpse {
                    format!(
                        "Fichier « {} » ({}) : format détecté sur ses premières lignes, le reste est en cours de lecture. ",
                        loaded.file_name,
                        messages::size(loaded.size),
                    )
                } else {
                    format!(
                        "Fichier « {} » ({}), lu en {}. ",
                        loaded.file_name,
                        messages::size(loaded.size),
                        messages::duration(loaded.timings.0 + loaded.timings.1)
                    )
                }}
                "Si une détection est fausse, corrigez-la : le fichier est relu aussitôt."
            </p>
            {container_choice}
            <div class="overrides" hidden=sheet>
                <label for="fmt-encoding">"Encodage"</label>
                <select id="fmt-encoding" on:change=on_encoding>{encoding_options}</select>
                <label for="fmt-separator">"Séparateur"</label>
                <select id="fmt-separator" on:change=on_separator>{separator_options}</select>
            </div>
            <div class="overrides">
                <label for="fmt-decimal">"Décimale"</label>
                <select id="fmt-decimal" on:change=on_decimal>
                    <option value="" disabled=true selected=d.decimal.is_none()>"aucune (nombres entiers)"</option>
                    {decimal_options}
                </select>
                <label for="fmt-header">"Ligne d’en-tête"</label>
                <input id="fmt-header" type="number" min="1" inputmode="numeric" value=d.layout.header_line.to_string() on:change=on_header />
            </div>
            {corrected.then(|| view! { <button type="button" class="secondary" on:click=reset>"Revenir à la détection automatique"</button> })}
            <Evidence loaded=loaded.clone() />
            {(!loaded.glimpse).then(|| view! { <SetAsideRows loaded=loaded.clone() /> })}
        </section>
    }
}

/// What the detection rests on: title lines, footnotes, line endings, secrets, repaired codes.
#[component]
fn Evidence(
    /// The file as read.
    loaded: Arc<Loaded>,
) -> impl IntoView {
    let d = &loaded.detection;
    let mut facts: Vec<String> = d.container.as_ref().map(messages::opened_why).unwrap_or_default();
    if d.container.is_none() {
        facts.push(format!("Fins de ligne : {}.", messages::line_ending(d.dialect.line_ending)));
    }
    if !d.mixed_lines.is_empty() {
        let lines: Vec<String> = d.mixed_lines.iter().map(|l| format::integer(*l as i64)).collect();
        facts.push(format!(
            "Fichier UTF-8 dont certaines lignes sont en Windows-1252 ({} {}{}) : leurs accents sont lus comme tels.",
            if lines.len() > 1 { "lignes" } else { "ligne" },
            lines.join(", "),
            if d.mixed_lines.len() >= 20 { "…" } else { "" }
        ));
    }
    if !d.layout.title_lines.is_empty() {
        facts.push(format!("Au-dessus de l’en-tête, ignoré : « {} ».", d.layout.title_lines.join(" / ")));
    }
    if !d.layout.footnotes.is_empty() {
        facts.push(format!("Sous le tableau, ignoré : « {} ».", d.layout.footnotes.join(" / ")));
    }
    let secret: usize = d.columns.iter().map(|c| c.secret).sum();
    let not_available: usize = d.columns.iter().map(|c| c.not_available).sum();
    if secret > 0 && d.sampled {
        facts.push(
            "Cellules sous secret statistique (« s ») : gardées comme telles, jamais comptées comme zéro.".to_owned(),
        );
    } else if secret > 0 {
        facts.push(format!(
            "{} sous secret statistique (« s »), jamais comptées comme zéro.",
            messages::count(secret as u64, "cellule", "cellules")
        ));
    }
    if not_available > 0 && d.sampled {
        facts.push("Cellules non disponibles (« nd », « - », -9999…) : gardées comme telles.".to_owned());
    } else if not_available > 0 {
        facts.push(format!(
            "{} (« nd », « - », -9999…).",
            messages::count(not_available as u64, "cellule non disponible", "cellules non disponibles")
        ));
    }
    if let Some(r) = &d.rebuilt {
        facts.push(format!(
            "Code commune reconstitué : « {} » + « {} » (59 + 522 → 59522), comme dans les autres fichiers.",
            r.departement, r.commune
        ));
    }
    if !d.layout.labels.is_empty() {
        facts.push(
            "Double en-tête : une ligne de libellés au-dessus d’une ligne de codes. Les codes nomment les colonnes,              les libellés les décrivent (dans les graphiques, la publication)."
                .to_owned(),
        );
    }
    let not_published: usize = d.columns.iter().map(|c| c.not_published).sum();
    if not_published > 0 {
        facts.push(format!(
            "{} (« ns ») ou sans objet (« so ») : gardées comme telles.",
            messages::count(not_published as u64, "cellule non significative", "cellules non significatives")
        ));
    }
    for c in &d.columns {
        if c.repaired > 0 {
            facts.push(format!(
                "{} : {} (1001 → 01001).",
                c.name,
                messages::count(
                    c.repaired as u64,
                    "code sans son zéro initial, rétabli",
                    "codes sans leur zéro initial, rétablis"
                )
            ));
        }
        if c.odd > 0 {
            facts.push(format!(
                "{} : {}.",
                c.name,
                messages::count(
                    c.odd as u64,
                    "valeur qui n’est pas un code valide, gardée telle quelle",
                    "valeurs qui ne sont pas des codes valides, gardées telles quelles"
                )
            ));
        }
    }
    view! {
        <ul class="evidence">{facts.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
    }
}

/// The rows that could not be kept: where, why, and a download of all of them.
#[component]
fn SetAsideRows(
    /// The file as read.
    loaded: Arc<Loaded>,
) -> impl IntoView {
    let n = loaded.detection.set_aside;
    (n > 0).then(|| {
        let rows = loaded
            .set_aside
            .iter()
            .take(SET_ASIDE_SHOWN)
            .map(|s| {
                view! {
                    <li>
                        {format!("Ligne {} : {}", format::integer(s.line as i64), messages::set_aside(&s.reason))}
                        <code>{s.text.chars().take(120).collect::<String>()}</code>
                    </li>
                }
            })
            .collect_view();
        let more = (n > SET_ASIDE_SHOWN).then(|| {
            view! { <p>{format!("… et {} de plus, toutes dans le téléchargement.", format::integer((n - SET_ASIDE_SHOWN) as i64))}</p> }
        });
        let error = RwSignal::new(None::<String>);
        let save = move |_| {
            let csv = publish::csv::set_aside(&loaded.set_aside, messages::set_aside);
            let name = format!("{}_lignes_mises_de_cote.csv", loaded.file_name.trim_end_matches(".csv"));
            let text = String::from_utf8_lossy(&csv).into_owned();
            error.set(download::save(&name, "text/csv;charset=utf-8", &text).err().map(|e| messages::download_error(&e)));
        };
        view! {
            <div class="set-aside" role="alert">
                <p>
                    {format!(
                        "{} de côté, rien n’est perdu : voici où et pourquoi.",
                        messages::count(n as u64, "ligne mise", "lignes mises"),
                    )}
                </p>
                <ul>{rows}</ul>
                {more}
                <button type="button" class="secondary" on:click=save>"Télécharger les lignes mises de côté (CSV)"</button>
                {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
            </div>
        }
    })
}

/// The first rows of the file, with each column's detected type.
#[component]
pub fn Preview() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        loaded(state).map(|l| {
            // A file of thousands of columns shows its first ones: the page stays quick.
            let columns = &l.detection.columns[..l.detection.columns.len().min(SHOWN_COLUMNS)];
            let hidden = messages::columns_not_shown(l.detection.columns.len() - columns.len());
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
                        <caption id="preview-caption">{match l.preview.len() {
                            1 => "Aperçu : la première ligne".to_owned(),
                            n => format!("Aperçu : les {n} premières lignes"),
                        }}</caption>
                        <thead>
                            <tr>{head}</tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
                {hidden.map(|text| view! { <p class="hint">{text}</p> })}
            }
        })
    }
}

/// Columns the preview shows at most.
const SHOWN_COLUMNS: usize = 60;
