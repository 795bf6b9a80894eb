//! The portrait as one self-contained HTML file: its text is the page's own (it wraps on a
//! phone, prints on A4), each chart an SVG image inside the file (`data:` address: an image
//! runs no script), no script, no outside address.

use super::Portrait;
use crate::engine::chart::export::escape;

/// The page of `portrait`; `charts` holds each figure's chart as SVG (same order, `None`
/// where a figure has none or it could not be drawn), `map` the map's.
pub fn html(portrait: &Portrait, charts: &[Option<String>], map: Option<&str>) -> String {
    let mut figures = String::new();
    for (i, f) in portrait.figures.iter().enumerate() {
        let year = f.year.map(|y| format!(" <span class=\"year\">en {y}</span>")).unwrap_or_default();
        figures.push_str(&format!(
            "<article class=\"figure\">\n<h2>{}</h2>\n<p class=\"value\">{}{year}</p>\n<p>{}</p>\n",
            escape(&f.label),
            escape(&f.value),
            escape(&f.sentence)
        ));
        if let (Some(Some(svg)), Some(chart)) = (charts.get(i), &f.chart) {
            figures.push_str(&format!("<img src=\"{}\" alt=\"{}\">\n", svg_uri(svg), escape(&chart.alt)));
        }
        figures.push_str(&format!("<p class=\"source\">Source : {}</p>\n</article>\n", escape(&f.source)));
    }
    let map = match (map, &portrait.map) {
        (Some(svg), Some(drawn)) => {
            let rows: String = drawn
                .data
                .iter()
                .map(|(k, v)| format!("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n", escape(k), escape(v)))
                .collect();
            format!(
                "<section class=\"map\">\n<h2>{title}</h2>\n<p>{subtitle}</p>\n<img src=\"{uri}\" alt=\"{alt}\">\n\
                 <p class=\"source\">{source}</p>\n<details><summary>Valeurs par commune</summary>\n<table>\n<thead><tr>\
                 <th scope=\"col\">Commune</th><th scope=\"col\">Valeur</th></tr></thead>\n<tbody>\n{rows}</tbody>\n\
                 </table>\n</details>\n</section>\n",
                title = escape(&drawn.title),
                subtitle = escape(&drawn.subtitle),
                uri = svg_uri(svg),
                alt = escape(&drawn.alt),
                source = escape(&drawn.source),
            )
        }
        _ => String::new(),
    };
    let sources: String = portrait.sources.iter().map(|s| format!("<li>{}</li>\n", escape(&s.line()))).collect();
    let style = r#"h1 { font-size: 1.6rem; margin: 0.5rem 0 0; }
h2 { font-size: 1.1rem; margin: 0 0 0.25rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; margin: 1rem 0; }
.figure, .map { border: 1px solid #cdd3db; border-radius: 6px; padding: 0.75rem; break-inside: avoid; }
.value { font-size: 1.6rem; font-weight: 700; margin: 0; color: #084887; }
.year { font-size: 1rem; font-weight: 400; color: #3a3a3a; }
.source, .made { font-size: 0.875rem; color: #3a3a3a; }
img { max-width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #cdd3db; padding: 0.2rem 0.4rem; text-align: left; }
td { text-align: right; font-variant-numeric: tabular-nums; }
@media print { body { max-width: none; padding: 0; } details { display: none; } @page { size: A4; margin: 14mm; } }
"#;
    let body = format!(
        r#"<main>
<h1>{title}</h1>
<p>{subtitle}</p>
<div class="figures">
{figures}</div>
{map}<section>
<h2>Sources</h2>
<ul>
{sources}</ul>
<p class="made">Portrait réalisé avec Carnet le {made}, à partir des fichiers publics nommés ci-dessus.</p>
</section>
</main>
"#,
        title = escape(&portrait.title),
        subtitle = escape(&portrait.subtitle),
        made = escape(&portrait.made),
    );
    crate::engine::chart::export::document(&portrait.title, 60.0, style, &body)
}

/// An SVG as a `data:` address, every byte but the unreserved ones percent-encoded.
fn svg_uri(svg: &str) -> String {
    let mut out = String::from("data:image/svg+xml;charset=utf-8,");
    for b in svg.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b' ' | b'/' | b':' | b'=' | b',') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::portrait::{PortraitRequest, Valued, build};
    use crate::engine::territory::Place;
    use crate::engine::territory::levels::Level;
    use crate::engine::tidy::compile::Observation;

    #[test]
    fn hostile_names_are_written_as_text_and_images_run_nothing() {
        let place = Place { code: "59522".into(), name: "<script>alert(1)</script>".into(), ..Place::default() };
        let observation = Observation {
            code: "59522".into(),
            name: String::new(),
            indicator: "X".into(),
            column: "X21".into(),
            label: Some("\"><img src=x onerror=alert(2)>".into()),
            year: Some(2021),
            value: Some(3.0),
            decimals: 0,
            marker: None,
            unit: None,
            source: "a<b>.csv".into(),
        };
        let portrait =
            build(&place, &[Valued { level: Level::Commune, observation }], &PortraitRequest::default(), "2026-12-05");
        let page = html(&portrait, &[Some("<svg><script>alert(3)</script></svg>".into())], None);
        assert!(!page.contains("<script"), "{page}");
        assert!(!page.contains("<img src=x"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; en chiffres"));
        assert!(page.contains("a&lt;b&gt;.csv"));
        assert!(svg_uri("<a href=\"#\">").starts_with("data:image/svg+xml;charset=utf-8,%3Ca href=%22%23%22%3E"));
    }
}
