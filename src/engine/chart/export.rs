//! A chart's exports that are text: its data as CSV, and a self-contained HTML page a commune
//! can put on its website — the chart, its text alternative and its data table, with ECharts
//! inside, so that it opens from disk with no request to any server.
//!
//! Everything from the user's files (names, titles) is escaped: a cell reading
//! `<img src=x onerror=alert(1)>` stays text.

use crate::engine::chart::Drawn;
use crate::engine::csv_out::{CsvOut, Field};

/// `text` in characters safe in a file name everywhere: ASCII letters and digits, `-` and
/// `_`; anything else becomes `_`.
///
/// ```
/// assert_eq!(carnet::engine::chart::export::safe_name("Part (%) 2020"), "Part_____2020");
/// ```
pub fn safe_name(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

/// The file name, without extension, of the chart of `column` for commune `code`.
pub fn chart_stem(column: &str, code: &str) -> String {
    format!("graphique_{}_{code}", safe_name(column))
}

/// The scripts the page embeds, as text: ECharts, its French locale and Carnet's mount
/// (`public/charts.js`).
pub struct Scripts<'a> {
    /// `echarts.min.js`.
    pub echarts: &'a str,
    /// `langFR.js`.
    pub locale: &'a str,
    /// `charts.js`.
    pub mount: &'a str,
}

/// The chart's data as CSV: `territoire,valeur`, numbers with a decimal point, empty when
/// secret or missing.
pub fn data_csv(drawn: &Drawn) -> String {
    let mut out = CsvOut::new();
    out.text_row(["territoire", "valeur"]);
    for ((label, _), value) in drawn.data.iter().zip(&drawn.values) {
        let value = value.map(|v| v.to_string()).unwrap_or_default();
        out.row([Field::Text(label), Field::Value(&value)]);
    }
    out.finish()
}

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A script's text made safe inside a `<script>` element: no `</script` can close it early.
fn script(text: &str) -> String {
    text.replace("</script", "<\\/script").replace("<!--", "<\\!--")
}

/// JSON made safe inside a `<script type="application/json">` element.
fn json_in_html(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// What is written under a chart in every export: the source, the user's note, the day it
/// was made (`made`, ISO 8601) — as text, unescaped.
pub fn credit(drawn: &Drawn, made: &str) -> String {
    let source = crate::engine::chart::option::source_line(&drawn.source, drawn.note.as_deref());
    match crate::engine::calendar::in_words(made) {
        Some(day) => format!("{source} · Graphique réalisé avec Carnet le {day}."),
        None => source,
    }
}

/// The data table's rows, escaped.
fn rows(drawn: &Drawn) -> String {
    drawn
        .data
        .iter()
        .map(|(label, value)| format!("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n", escape(label), escape(value)))
        .collect()
}

/// The chart as one HTML page that works opened from disk, made on `made` (ISO 8601). The title,
/// the source and the data table are the page's own text, so that they wrap on a phone (320 px)
/// as on a screen (1,200 px); the canvas holds the plot alone.
pub fn standalone_html(drawn: &Drawn, scripts: &Scripts<'_>, made: &str) -> String {
    let subtitle = if drawn.subtitle.is_empty() {
        String::new()
    } else {
        format!("<p class=\"subtitle\">{}</p>\n", escape(&drawn.subtitle))
    };
    let style = format!(
        r#"h1 {{ font-size: 1.35rem; line-height: 1.25; margin: 0.5rem 0 0.25rem; }}
.subtitle {{ margin: 0; color: #3a3a3a; }}
figure {{ margin: 0; }}
.chart {{ width: 100%; height: {height}px; }}
.credit {{ font-size: 0.875rem; color: #3a3a3a; margin: 0.25rem 0 1rem; }}
table {{ border-collapse: collapse; width: 100%; }}
caption {{ text-align: left; font-weight: 600; padding-bottom: 0.25rem; }}
th, td {{ border-bottom: 1px solid #cdd3db; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }}
td {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
"#,
        height = drawn.height.saturating_sub(64).max(240),
    );
    let body = format!(
        r#"<main>
<h1>{title}</h1>
{subtitle}<figure>
<div class="chart" id="chart" data-titles="page" aria-describedby="chart-alt"></div>
<figcaption>
<p class="alt" id="chart-alt">{alt}</p>
<p class="credit">{credit}</p>
</figcaption>
</figure>
<table>
<caption>Données du graphique</caption>
<thead><tr><th scope="col">Libellé</th><th scope="col">Valeur</th></tr></thead>
<tbody>
{rows}</tbody>
</table>
</main>
<script type="application/json" id="carnet-option">{option}</script>
<script>{echarts}</script>
<script>{locale}</script>
<script>{mount}</script>
<script>carnetCharts.render(document.getElementById("chart"), document.getElementById("carnet-option").textContent);</script>
"#,
        title = escape(&drawn.title),
        alt = escape(&drawn.alt),
        credit = escape(&credit(drawn, made)),
        rows = rows(drawn),
        option = json_in_html(&drawn.option),
        echarts = script(scripts.echarts),
        locale = script(scripts.locale),
        mount = script(scripts.mount),
    );
    document(&drawn.title, 75.0, &style, &body)
}

/// A standalone HTML document in French titled `title` (text, escaped here): Carnet's reading
/// style (system fonts, dark ink on white, `width` rem at most, words that wrap anywhere on a
/// phone), then `style`, then `body` (HTML).
pub fn document(title: &str, width: f64, style: &str, body: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Carnet {version}">
<title>{title}</title>
<style>
*, *::before, *::after {{ box-sizing: border-box; }}
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1b1b; background: #fff; max-width: {width}rem; margin: 0 auto; padding: 0.75rem; line-height: 1.5; overflow-wrap: anywhere; }}
{style}</style>
</head>
<body>
{body}</body>
</html>
"#,
        version = env!("CARGO_PKG_VERSION"),
        title = escape(title),
    )
}

/// The HTML a commune's website takes in a « bloc HTML » (WordPress, Drupal, SPIP, Joomla…):
/// the chart's image `image` (its PNG, uploaded beside it), its text alternative, source and
/// date, and its data table — no script, no style sheet, no outside address.
pub fn embed_html(drawn: &Drawn, image: &str, made: &str) -> String {
    format!(
        "<figure style=\"margin:0;max-width:100%\">\n\
         <img src=\"{image}\" alt=\"{alt}\" style=\"max-width:100%;height:auto\">\n\
         <figcaption>{credit}</figcaption>\n\
         </figure>\n\
         <details>\n<summary>Voir les données du graphique</summary>\n\
         <table>\n<caption>{title}</caption>\n\
         <thead><tr><th scope=\"col\">Libellé</th><th scope=\"col\">Valeur</th></tr></thead>\n\
         <tbody>\n{rows}</tbody>\n</table>\n</details>\n",
        image = escape(image),
        alt = escape(&drawn.alt),
        credit = escape(&credit(drawn, made)),
        title = escape(&drawn.title),
        rows = rows(drawn),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn() -> Drawn {
        let evil = "<img src=x onerror=alert(1)>";
        Drawn {
            option: format!(r#"{{"title":[{{"text":"{evil}"}}],"series":[{{"data":[1]}}]}}"#),
            height: 420,
            alt: format!("{evil} à Sailly-lez-Lannoy : 29\u{202F}440."),
            data: vec![(evil.to_owned(), "29\u{202F}440".to_owned()), ("Lannoy".to_owned(), "secret".to_owned())],
            values: vec![Some(29_440.0), None],
            title: evil.to_owned(),
            subtitle: evil.to_owned(),
            source: "Source : Insee, Filosofi 2020".to_owned(),
            note: Some(evil.to_owned()),
        }
    }

    #[test]
    fn data_csv_has_numbers_and_blanks() {
        assert_eq!(data_csv(&drawn()), "territoire,valeur\n<img src=x onerror=alert(1)>,29440\nLannoy,\n");
    }

    #[test]
    fn names_from_files_stay_text_in_the_page() {
        let scripts = Scripts { echarts: "var e = '</script><script>alert(2)</script>';", locale: "", mount: "" };
        let html = standalone_html(&drawn(), &scripts, "2026-12-05");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("<h1>&lt;img src=x onerror=alert(1)&gt;</h1>"));
        assert!(html.contains("<p class=\"subtitle\">&lt;img"));
        assert!(html.contains(
            "Source : Insee, Filosofi 2020 · &lt;img src=x onerror=alert(1)&gt; · Graphique réalisé avec Carnet le 5 décembre 2026."
        ));
        assert!(html.contains("<title>&lt;img src=x onerror=alert(1)&gt;</title>"));
        assert!(html.contains(r#"<th scope="row">&lt;img src=x onerror=alert(1)&gt;</th><td>29"#));
        assert!(html.contains(r#"{"title":[{"text":"\u003cimg src=x onerror=alert(1)\u003e"}]"#));
        assert_eq!(html.matches("</script>").count(), 5, "only the page's own script elements close");
        assert!(html.contains("<p class=\"alt\" id=\"chart-alt\">&lt;img"));
    }

    #[test]
    fn the_embed_has_no_script_and_escapes_every_text() {
        let html = embed_html(&drawn(), "graphique\"><script>.png", "2026-12-05");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img src=x"), "{html}");
        assert!(html.starts_with("<figure"));
        assert!(html.contains("<img src=\"graphique&quot;&gt;&lt;script&gt;.png\" alt=\"&lt;img"));
        assert!(html.contains("<figcaption>Source : Insee, Filosofi 2020 · &lt;img"));
        assert!(html.contains("<th scope=\"row\">&lt;img src=x onerror=alert(1)&gt;</th><td>29\u{202F}440</td>"));
        assert!(!html.contains("http"), "no outside address");
    }
}
