//! The dataset's description in Markdown, laid out as data.gouv.fr's guide "Bien documenter un
//! jeu de données" asks: what the data is, how it was produced (source, method, the cleaning
//! done, limits such as the statistical secret), the data model, a glossary, the changelog and
//! a contact. It is the dataset's description on data.gouv.fr and the kit's `README.md`.

use super::dataset::Dataset;
use super::facts::Facts;
use super::vocabulary::{self, FREQUENCIES, LICENCES};
use crate::engine::format;
use crate::engine::table::{CodeKind, ColumnKind};
use crate::engine::territory::Level;
use std::fmt::Write;

/// A column kind's name, in French.
pub fn kind_name(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Code(CodeKind::Commune) => "code commune",
        ColumnKind::Code(CodeKind::Iris) => "code IRIS",
        ColumnKind::Code(CodeKind::Departement) => "code département",
        ColumnKind::Code(CodeKind::Region) => "code région",
        ColumnKind::Code(CodeKind::Epci) => "SIREN d’EPCI",
        ColumnKind::Code(CodeKind::Siren) => "SIREN",
        ColumnKind::Code(CodeKind::Siret) => "SIRET",
        ColumnKind::Code(CodeKind::PostalCode) => "code postal",
        ColumnKind::Code(CodeKind::Other) => "code",
        ColumnKind::Integer => "entier",
        ColumnKind::Decimal(_) => "décimal",
        ColumnKind::Percent(_) => "pourcentage",
        ColumnKind::Year => "année",
        ColumnKind::Date(_) => "date",
        ColumnKind::Boolean => "oui/non",
        ColumnKind::Text => "texte",
    }
}

/// The description of `dataset`, built from `facts` and its other fields; `today` (ISO 8601)
/// dates the changelog's first entry.
pub fn description(facts: &Facts, dataset: &Dataset, today: &str) -> String {
    let mut md = String::new();
    let p = &facts.place;
    let source = facts.publication.as_deref().unwrap_or("un fichier fourni par l’utilisateur");
    if !dataset.description_short.trim().is_empty() {
        let _ = writeln!(md, "{}\n", inline(&dataset.description_short));
    }

    md.push_str("## Les données\n\n");
    let commune = p.level <= Level::Commune;
    let territory = if commune {
        let mut territory = format!("la commune de {} (code Insee {}", inline(&p.name), p.code);
        for level in [&p.departement.name, &p.region.name] {
            if !level.is_empty() {
                let _ = write!(territory, ", {}", inline(level));
            }
        }
        territory.push(')');
        territory
    } else {
        inline(&p.designation())
    };
    let _ = writeln!(
        md,
        "Un fichier CSV, {} : {} et {}, pour {territory}.",
        code(&facts.csv_name),
        count(facts.rows, "ligne", "lignes"),
        count(facts.fields.len(), "colonne", "colonnes"),
    );
    if let Some(epci) = p.epci.as_ref().filter(|_| commune) {
        let _ =
            writeln!(md, "La commune appartient à l’intercommunalité {} (SIREN {}).", inline(&epci.name), epci.code);
    }
    let _ = writeln!(
        md,
        "\nLe fichier est en UTF-8, séparé par des virgules, avec le point comme séparateur décimal ; \
         les codes sont écrits en texte, zéros initiaux compris. Son schéma (Table Schema) est `schema.json`.\n"
    );
    let _ = writeln!(md, "- **Mise à jour** : {}", vocabulary::label(FREQUENCIES, &dataset.frequency).to_lowercase());
    let _ = writeln!(md, "- **Licence** : {}", vocabulary::label(LICENCES, &dataset.license));
    if let Some((a, b)) = facts.years {
        let years = if a == b { format!("{a}") } else { format!("{a} à {b}") };
        let _ = writeln!(md, "- **Période couverte** : {years}");
    }

    md.push_str("\n## Production\n\n");
    let version = env!("CARGO_PKG_VERSION");
    if let [one] = &facts.sources[..] {
        let _ = writeln!(
            md,
            "- **Source** : {source}, fichier {} ({} de données).",
            code(&one.file_name),
            count(one.rows_read, "ligne", "lignes")
        );
        let _ = writeln!(
            md,
            "- **Méthode** : lignes {} extraites et mises en forme avec Carnet {version}, dans le navigateur :",
            if commune { "de la commune" } else { "du territoire" }
        );
        for step in steps(facts) {
            let _ = writeln!(md, "  - {step} ;");
        }
        let _ = writeln!(
            md,
            "  - lignes dont le code {} est {} conservées : {} sur {}.",
            if commune { "commune" } else { "du territoire" },
            p.code,
            format::integer(facts.rows as i64),
            format::integer(one.rows_read as i64)
        );
    } else {
        md.push_str("- **Sources** :\n");
        for (i, o) in facts.sources.iter().enumerate() {
            let end = if i + 1 == facts.sources.len() { '.' } else { ';' };
            let _ = writeln!(
                md,
                "  - {}, fichier {} ({} de données){end}",
                inline(o.publication.as_deref().unwrap_or("un fichier fourni par l’utilisateur")),
                code(&o.file_name),
                count(o.rows_read, "ligne", "lignes")
            );
        }
        let _ = writeln!(
            md,
            "- **Méthode** : lignes du territoire extraites de chaque fichier avec Carnet {version}, dans le \
             navigateur, puis réunies en une table longue : une ligne par indicateur et par année, un même \
             indicateur d’un millésime à l’autre sous un seul nom (`MED19`, `MED20` → `MED`)."
        );
    }
    if !facts.notes.is_empty() {
        let notes: Vec<String> = facts.notes.iter().map(|n| format!("« {} »", inline(n))).collect();
        let _ = writeln!(md, "- **Ce que la source écrit autour de son tableau** : {}.", notes.join(" ; "));
    }
    md.push_str("- **Limites** : les valeurs sont celles que publie la source, sans correction ni estimation.");
    let secret = facts.secret_cells();
    if secret > 0 {
        let _ = write!(
            md,
            " {} couvertes par le secret statistique sont notées `s` : la source ne les diffuse pas \
             (trop peu de ménages ou de personnes) ; ce ne sont ni des zéros ni des oublis.",
            count(secret, "cellule", "cellules")
        );
    }
    md.push('\n');

    md.push_str("\n## Modèle des données\n\n| Colonne | Type | Description | Exemple |\n|---|---|---|---|\n");
    for f in &facts.fields {
        // The long label says it all when there is one.
        let text = match (&f.description, &f.title) {
            (Some(d), _) | (None, Some(d)) => d.clone(),
            (None, None) => super::schema::description(f.kind).unwrap_or_default().to_owned(),
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            code(&f.name),
            kind_name(f.kind),
            cell(&text),
            f.example.as_deref().map(cell).unwrap_or_default()
        );
    }

    md.push_str("\n## Glossaire\n\n");
    for (term, meaning) in glossary(facts) {
        let _ = writeln!(md, "- **{term}** : {meaning}");
    }

    md.push_str("\n## Historique des modifications\n\n");
    let _ = writeln!(md, "- {today} : première publication, d’après {source}.");

    let who: Vec<&str> =
        [dataset.producer.trim(), dataset.contact.trim()].into_iter().filter(|s| !s.is_empty()).collect();
    if !who.is_empty() {
        let _ = write!(md, "\n## Contact\n\n{}\n", inline(&who.join(" — ")));
    }
    md
}

/// The kit's `README.md`: the title, then the description.
pub fn readme(dataset: &Dataset) -> String {
    format!("# {}\n\n{}", inline(&dataset.title), dataset.description)
}

/// What was done to the source, in the order it was done.
fn steps(facts: &Facts) -> Vec<String> {
    let mut steps = Vec::new();
    if !facts.encoding.eq_ignore_ascii_case("utf-8") {
        steps.push(format!("texte converti de l’encodage {} en UTF-8", facts.encoding));
    }
    if facts.header_line > 1 {
        let titles = facts.header_line - 1;
        steps.push(format!(
            "{} au-dessus de l’en-tête",
            count(titles as usize, "ligne de titre écartée", "lignes de titre écartées")
        ));
    }
    if facts.separator != ',' {
        steps.push(format!("séparateur « {} » remplacé par la virgule", facts.separator.escape_default()));
    }
    if facts.decimal_comma {
        steps.push("virgule décimale remplacée par le point".to_owned());
    }
    if facts.repaired > 0 {
        steps.push(format!("{} ayant perdu leur zéro initial rétablis", count(facts.repaired, "code", "codes")));
    }
    if facts.set_aside > 0 {
        steps.push(format!(
            "{} mises de côté à la lecture (nombre de colonnes ou guillemets incorrects)",
            count(facts.set_aside, "ligne", "lignes")
        ));
    }
    steps.push(
        "marques de secret statistique et de valeur non disponible, non significative ou sans objet écrites `s`, \
         `nd`, `ns` et `so`"
            .to_owned(),
    );
    if !facts.neutralized.is_empty() {
        let cells: usize = facts.neutralized.iter().map(|(_, n)| n).sum();
        let columns: Vec<String> = facts.neutralized.iter().map(|(c, _)| code(c)).collect();
        steps.push(format!(
            "{} par `=`, `+`, `-`, `@`, une tabulation ou un retour chariot, {} d’une apostrophe pour qu’aucun \
             tableur ne {} comme une formule ({} {})",
            count(cells, "cellule de texte commençant", "cellules de texte commençant"),
            if cells > 1 { "précédées" } else { "précédée" },
            if cells > 1 { "les exécute" } else { "l’exécute" },
            if columns.len() > 1 { "colonnes" } else { "colonne" },
            columns.join(", ")
        ));
    }
    steps
}

/// The terms the reader may not know: codes, markers, the publication's own.
fn glossary(facts: &Facts) -> Vec<(String, String)> {
    let mut terms = Vec::new();
    if let Some(name) = facts.commune_field() {
        terms.push((
            format!("Code Insee ({})", code(name)),
            "identifiant de la commune au code officiel géographique (5 caractères, 2A/2B en Corse) ; \
             différent du code postal."
                .to_owned(),
        ));
    }
    if facts.place.epci.is_some() {
        terms.push((
            "EPCI".to_owned(),
            "établissement public de coopération intercommunale (métropole, communauté urbaine, \
             d’agglomération ou de communes), identifié par son numéro SIREN."
                .to_owned(),
        ));
    }
    if facts.secret_cells() > 0 {
        terms.push((
            "`s` (secret statistique)".to_owned(),
            "valeur que la source ne diffuse pas pour protéger les personnes quand trop peu sont concernées."
                .to_owned(),
        ));
    }
    terms.push(("`nd`".to_owned(), "valeur non disponible dans la source.".to_owned()));
    terms
        .push(("`ns`".to_owned(), "valeur non significative : trop peu d’observations pour être diffusée.".to_owned()));
    terms.push(("`so`".to_owned(), "sans objet : l’indicateur ne s’applique pas à ce territoire.".to_owned()));
    if let Some(p) = crate::engine::read::source::publication(&facts.file_name) {
        terms.extend(p.glossary.iter().map(|(t, m)| ((*t).to_owned(), (*m).to_owned())));
    }
    terms
}

/// `n` followed by the right form of a noun.
fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{} {}", format::integer(n as i64), if n > 1 { plural } else { singular })
}

/// Text from a file or a user, made safe for one line of Markdown: no line breaks, and the
/// characters that would start markup or HTML escaped.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' | '\n' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Text for a table cell: one line, pipes escaped, no markup.
fn cell(text: &str) -> String {
    inline(text)
}

/// A code span showing `text` as it is: one line, delimited by more backticks than it holds,
/// pipes escaped for tables (GitHub-flavoured Markdown splits cells before reading spans).
fn code(text: &str) -> String {
    let text = text.replace(['\r', '\n'], " ").replace('|', "\\|");
    let mut run = 0;
    let longest = text.chars().fold(0, |longest, c| {
        run = if c == '`' { run + 1 } else { 0 };
        longest.max(run)
    });
    let fence = "`".repeat(longest + 1);
    // A span starting or ending with a backtick needs a space inside its fences.
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        crate::engine::publish::facts::example()
    }

    fn dataset() -> Dataset {
        let mut d = Dataset::propose(&facts());
        d.producer = "Mairie de Sailly-lez-Lannoy".into();
        d.contact = "mairie@example.fr".into();
        d
    }

    #[test]
    fn the_cells_neutralized_for_spreadsheets_are_listed() {
        let mut f = facts();
        f.neutralized = vec![("LIBGEO".into(), 2)];
        let md = description(&f, &dataset(), "2026-11-28");
        assert!(md.contains("2 cellules de texte commençant par `=`, `+`, `-`, `@`, une tabulation ou un retour chariot, précédées d’une apostrophe pour qu’aucun tableur ne les exécute"), "{md}");
        assert!(md.contains("(colonne `LIBGEO`)"), "{md}");
    }

    #[test]
    fn sections_in_the_guide_s_order() {
        let md = description(&facts(), &dataset(), "2026-11-28");
        let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s} missing in\n{md}"));
        assert!(at("## Les données") < at("## Production"));
        assert!(at("## Production") < at("## Modèle des données"));
        assert!(at("## Modèle des données") < at("## Glossaire"));
        assert!(at("## Glossaire") < at("## Historique des modifications"));
        assert!(at("## Historique") < at("## Contact"));
        assert!(md.starts_with("Revenus, pauvreté et niveau de vie de la commune de Sailly-lez-Lannoy (Nord)"));
        at("Un fichier CSV, `cc_filosofi_2020_COM_59522.csv` : 1 ligne et 3 colonnes, pour la commune de \
            Sailly-lez-Lannoy (code Insee 59522, Nord, Hauts-de-France).");
        at("- **Licence** : Licence Ouverte / Open Licence version 2.0");
        at("- **Mise à jour** : annuelle");
        at(
            "- **Source** : Insee, Filosofi 2020, fichier `cc_filosofi_2020_COM.csv` (34\u{202F}932 lignes de données).",
        );
        at("  - texte converti de l’encodage windows-1252 en UTF-8 ;");
        at("  - séparateur « ; » remplacé par la virgule ;");
        at("  - virgule décimale remplacée par le point ;");
        at("1 cellule couverte");
        at("| `CODGEO` | code commune | Code Insee de la commune (5 caractères, 2A/2B en Corse) | 59522 |");
        at("| `MED20` | entier |  | 29440 |");
        at("- 2026-11-28 : première publication, d’après Insee, Filosofi 2020.");
        at("Mairie de Sailly-lez-Lannoy — mairie@example.fr");
        assert!(md.len() > 100);
    }

    #[test]
    fn user_text_cannot_inject_markup() {
        let mut f = facts();
        f.fields[1].name = "<img src=x onerror=alert(1)>|x".into();
        f.fields[1].example = Some("a\nb".into());
        f.fields[2].example = Some("<script>".into());
        let md = description(&f, &dataset(), "2026-11-28");
        // In a code span, `<` is shown as it is; outside one it is escaped.
        assert!(md.contains("| `<img src=x onerror=alert(1)>\\|x` | entier |  | a b |"), "{md}");
        assert!(md.contains("| \\<script\\> |"), "{md}");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a"), "`` `a ``");
    }

    #[test]
    fn no_contact_section_without_a_contact() {
        let mut d = dataset();
        d.producer.clear();
        d.contact.clear();
        assert!(!description(&facts(), &d, "2026-11-28").contains("## Contact"));
    }
}
