//! A chart of the dossier as data.gouv.fr publishes charts: its image beside the data, a
//! *fiche descriptive* (what it shows, its sources, its method, its date) and the fields of the
//! *réutilisation* that links it to the dataset (title, description, type « Visualisation »,
//! image).
//!
//! ```
//! use carnet::engine::chart::Drawn;
//! use carnet::engine::publish::reuse;
//! let drawn = Drawn { title: "MED".into(), alt: "MED : 28 570 en 2019.".into(), source: "Source : Insee".into(), ..Drawn::default() };
//! let sheet = reuse::sheet(1, &drawn, "2026-12-04", "Revenus à Sailly-lez-Lannoy");
//! assert!(sheet.contains("- **Type** : Visualisation"));
//! assert_eq!(reuse::image(1, &drawn).file, "graphique_dossier_1.png");
//! ```

use super::dataset::{Resource, ResourceType};
use super::readme::inline;
use crate::engine::chart::Drawn;
use std::fmt::Write;

/// How the files of the dossier's charts begin.
pub const PREFIX: &str = "graphique_dossier_";

/// The name of the `n`-th chart's files, without extension.
fn stem(n: usize) -> String {
    format!("{PREFIX}{n}")
}

/// How the kit lists the `n`-th chart's image, PNG (for print) or SVG (for the web).
fn picture(n: usize, drawn: &Drawn, format: &str, what: &str) -> Resource {
    Resource {
        file: format!("{}.{format}", stem(n)),
        title: format!("Graphique {n} : {} ({})", drawn.title, format.to_uppercase()),
        description: format!("{} {what} faite avec Carnet ; sa fiche : {}.md.", drawn.alt, stem(n)),
        kind: ResourceType::Documentation,
        format: format.to_owned(),
    }
}

/// How the kit lists the `n`-th chart's PNG image.
pub fn image(n: usize, drawn: &Drawn) -> Resource {
    picture(n, drawn, "png", "Image PNG")
}

/// How the kit lists the `n`-th chart's SVG image.
pub fn vector(n: usize, drawn: &Drawn) -> Resource {
    picture(n, drawn, "svg", "Image vectorielle (SVG)")
}

/// How the kit lists the `n`-th chart's page: a self-contained HTML file (chart, source, data
/// table) to open on any screen or to put on the commune's website.
pub fn page(n: usize, drawn: &Drawn) -> Resource {
    picture(n, drawn, "html", "Page HTML autonome (graphique, source et tableau des données)")
}

/// How the kit lists the `n`-th chart's sheet.
pub fn sheet_resource(n: usize, drawn: &Drawn) -> Resource {
    Resource {
        file: format!("{}.md", stem(n)),
        title: format!("Fiche du graphique {n} : {}", drawn.title),
        description: "Ce que montre le graphique, ses sources, sa méthode, sa date, et les champs de sa \
                      réutilisation sur data.gouv.fr."
            .to_owned(),
        kind: ResourceType::Documentation,
        format: "md".to_owned(),
    }
}

/// The `n`-th chart's sheet (Markdown), made `made` (ISO 8601), for the dataset titled
/// `dataset`.
pub fn sheet(n: usize, drawn: &Drawn, made: &str, dataset: &str) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# Graphique {n} : {}\n", inline(&drawn.title));
    let _ = writeln!(md, "## Ce qu’il montre\n\n{}\n", inline(&drawn.alt));
    let _ = writeln!(md, "## Données\n\n| Libellé | Valeur |\n|---|---|");
    for (label, value) in &drawn.data {
        let _ = writeln!(md, "| {} | {} |", inline(label), inline(value));
    }
    let _ = writeln!(md, "\n## Sources et méthode\n");
    let _ = writeln!(md, "- **Sources** : {}", inline(drawn.source.trim_start_matches("Source : ")));
    let _ = writeln!(
        md,
        "- **Méthode** : valeurs telles que les sources les publient, sans correction ni estimation ; graphique \
         fait avec Carnet {} dans le navigateur.",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(md, "- **Date** : {}", crate::engine::calendar::in_words(made).unwrap_or_else(|| made.to_owned()));
    let _ = writeln!(md, "\n## Réutilisation sur data.gouv.fr\n");
    let _ = writeln!(md, "Champs à saisir pour publier ce graphique comme réutilisation du jeu de données :\n");
    let _ = writeln!(md, "- **Titre** : {}", inline(&drawn.title));
    let _ = writeln!(md, "- **Description** : {}", inline(&drawn.alt));
    let _ = writeln!(md, "- **Type** : Visualisation");
    let _ = writeln!(md, "- **Image** : `{}.png` (aussi en SVG : `{}.svg`)", stem(n), stem(n));
    let _ = writeln!(md, "- **Page autonome** : `{}.html` (à ouvrir ou à intégrer à un site)", stem(n));
    let _ = writeln!(md, "- **Jeu de données lié** : {}", inline(dataset));
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_escapes_what_a_file_named() {
        let drawn = Drawn {
            title: "<script>alert(1)</script>".into(),
            alt: "a | b".into(),
            data: vec![("x | y".into(), "1".into())],
            source: "Source : fichier <b>.csv".into(),
            ..Drawn::default()
        };
        let md = sheet(2, &drawn, "2026-12-04", "Jeu");
        assert!(!md.contains("<script>"), "{md}");
        assert!(md.contains("| x \\| y | 1 |"), "{md}");
    }
}
