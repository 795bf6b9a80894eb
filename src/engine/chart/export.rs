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

/// The chart as one HTML page that works opened from disk.
pub fn standalone_html(drawn: &Drawn, scripts: &Scripts<'_>) -> String {
    let rows: String = drawn
        .data
        .iter()
        .map(|(label, value)| format!("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n", escape(label), escape(value)))
        .collect();
    format!(
        r#"<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Carnet {version}">
<title>{title}</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1b1b; max-width: 60rem; margin: 1rem auto; padding: 0 1rem; line-height: 1.5; }}
.chart {{ width: 100%; height: {height}px; }}
table {{ border-collapse: collapse; margin-top: 0.5rem; }}
th, td {{ border-bottom: 1px solid #cdd3db; padding: 0.25rem 0.75rem; text-align: left; }}
td {{ text-align: right; font-variant-numeric: tabular-nums; }}
summary {{ cursor: pointer; font-weight: 600; }}
</style>
</head>
<body>
<figure>
<div class="chart" id="chart" role="img" aria-label="{alt}"></div>
<figcaption>{alt_text}</figcaption>
</figure>
<details>
<summary>Voir les données du graphique</summary>
<table>
<caption>{title}. {source}</caption>
<thead><tr><th scope="col">Territoire</th><th scope="col">Valeur</th></tr></thead>
<tbody>
{rows}</tbody>
</table>
</details>
<script type="application/json" id="carnet-option">{option}</script>
<script>{echarts}</script>
<script>{locale}</script>
<script>{mount}</script>
<script>carnetCharts.render(document.getElementById("chart"), document.getElementById("carnet-option").textContent);</script>
</body>
</html>
"#,
        version = env!("CARGO_PKG_VERSION"),
        title = escape(&drawn.title),
        height = drawn.height,
        alt = escape(&drawn.alt),
        alt_text = escape(&drawn.alt),
        source = escape(&drawn.source),
        rows = rows,
        option = json_in_html(&drawn.option),
        echarts = script(scripts.echarts),
        locale = script(scripts.locale),
        mount = script(scripts.mount),
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
            source: "Source : Insee, Filosofi 2020".to_owned(),
        }
    }

    #[test]
    fn data_csv_has_numbers_and_blanks() {
        assert_eq!(data_csv(&drawn()), "territoire,valeur\n<img src=x onerror=alert(1)>,29440\nLannoy,\n");
    }

    #[test]
    fn names_from_files_stay_text_in_the_page() {
        let scripts = Scripts { echarts: "var e = '</script><script>alert(2)</script>';", locale: "", mount: "" };
        let html = standalone_html(&drawn(), &scripts);
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("<title>&lt;img src=x onerror=alert(1)&gt;</title>"));
        assert!(html.contains(r#"<th scope="row">&lt;img src=x onerror=alert(1)&gt;</th><td>29"#));
        assert!(html.contains(r#"{"title":[{"text":"\u003cimg src=x onerror=alert(1)\u003e"}]"#));
        assert_eq!(html.matches("</script>").count(), 5, "only the page's own script elements close");
        assert!(html.contains("role=\"img\" aria-label=\"&lt;img"));
    }
}
