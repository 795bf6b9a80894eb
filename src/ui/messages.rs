//! Every French sentence the user reads about the data lives here: one exhaustive `match`
//! per engine type, so a new error kind cannot reach the page without words.

use crate::engine::chart::ChartKind;
use crate::engine::dossier::recipe::{Changes, RecipeError};
use crate::engine::dossier::report::Follows;
use crate::engine::dossier::saved::DossierError;
use crate::engine::dossier::sources::Contribution;
use crate::engine::format;
use crate::engine::publish::check::Issue;
use crate::engine::publish::quality::Criterion;
use crate::engine::publish::vocabulary;
use crate::engine::read::container::{Format, Opened, Problem};
use crate::engine::read::decode::Encoding;
use crate::engine::read::dialect::{LineEnding, Separator};
use crate::engine::read::parse::SetAsideReason;
use crate::engine::table::{ColumnKind, DecimalSign};
use crate::engine::territory::Place;
use crate::engine::territory::levels::Level;
use crate::engine::tidy::compile::{Moved, Overlap};
use crate::engine::tidy::standardize::{Step, StepError};
use crate::engine::{Error, ErrorKind};
use crate::ui::widgets::download::DownloadError;
use crate::ui::widgets::fetch::FetchError;

/// What Carnet reads, said after a refusal.
const READABLE: &str = "Carnet lit les fichiers CSV (texte, colonnes séparées par «\u{a0};\u{a0}», «\u{a0},\u{a0}», une \
     tabulation ou «\u{a0}|\u{a0}»), les classeurs Excel (.xlsx, .xls) et OpenDocument (.ods), et les archives ZIP de \
     l’Insee : exportez les données dans l’un de ces formats depuis leur source, puis chargez ce fichier.";

/// A container's format in words, with its article.
pub fn container_format(format: Format) -> &'static str {
    match format {
        Format::Xlsx => "un classeur Excel (.xlsx)",
        Format::Xlsb => "un classeur Excel binaire (.xlsb)",
        Format::Xls => "un classeur Excel 97-2003 (.xls)",
        Format::Ods => "un classeur OpenDocument (.ods)",
        Format::Zip => "une archive ZIP",
    }
}

/// What a workbook or an archive held and which part was read, for the detection's summary:
/// « Classeur Excel (.xlsx), feuille « COM » ».
pub fn opened(o: &Opened) -> String {
    let what = container_format(o.format);
    let what = what.strip_prefix("un ").or_else(|| what.strip_prefix("une ")).unwrap_or(what);
    let mut first = what.chars();
    let what: String = first.next().map(|c| c.to_uppercase().chain(first).collect()).unwrap_or_default();
    let part = o.parts.get(o.part).map(String::as_str).unwrap_or_default();
    let mut text = match o.format {
        Format::Zip => format!("{what}, fichier « {part} »"),
        _ => format!("{what}, feuille « {part} »"),
    };
    if let Some(inner) = &o.inner {
        text.push_str(&format!(
            ", feuille « {} »",
            inner.parts.get(inner.part).map(String::as_str).unwrap_or_default()
        ));
    }
    text
}

/// Why that part was read, and what came with it, for the detection's evidence.
pub fn opened_why(o: &Opened) -> Vec<String> {
    let mut out = Vec::new();
    let parts = if o.format == Format::Zip { "fichiers de données" } else { "feuilles" };
    let name = o.parts.get(o.part).map(String::as_str).unwrap_or_default();
    let all = o.parts.iter().map(|p| format!("« {p} »")).collect::<Vec<_>>().join(", ");
    out.push(match (o.chosen, o.format) {
        (true, Format::Zip) => format!(
            "Fichier « {name} » lu, comme demandé ({} : {all}).",
            count(o.parts.len() as u64, "fichier de données", parts)
        ),
        (true, _) => format!("Feuille « {name} » lue, comme demandé ({} : {all}).", count(o.parts.len() as u64, "feuille", parts)),
        (false, Format::Zip) => format!(
            "Fichier « {name} » lu : celui des communes, ou le premier ({} : {all}). Choisissez-en un autre avec « Fichier de l’archive lu ».",
            count(o.parts.len() as u64, "fichier de données", "fichiers de données")
        ),
        (false, _) => format!(
            "Feuille « {name} » lue : celle qui contient le plus de codes de communes ({} : {all}). Choisissez-en une autre avec « Feuille lue ».",
            count(o.parts.len() as u64, "feuille", "feuilles")
        ),
    });
    if let Some(inner) = &o.inner {
        out.extend(opened_why(inner));
    }
    if !o.levels.is_empty() {
        let names = o.levels.iter().map(|l| format!("« {l} »")).collect::<Vec<_>>().join(", ");
        out.push(format!(
            "Lignes des autres niveaux ajoutées depuis {names} : leurs propres valeurs servent de comparaison \
             (une médiane ne s’additionne pas)."
        ));
    }
    if let Some(d) = &o.dictionary {
        out.push(format!(
            "Dictionnaire des variables de l’archive (« {d} ») chargé : les indicateurs sont nommés en mots."
        ));
    }
    out
}

/// Why a workbook or an archive gives no table.
fn container(file: &str, format: Format, problem: &Problem) -> String {
    let what = container_format(format);
    let part = if format == Format::Zip { "fichier" } else { "feuille" };
    match problem {
        Problem::Protected => format!(
            "Le fichier « {file} » est {what} protégé par un mot de passe : Carnet ne peut pas l’ouvrir. Ouvrez-le dans \
             votre tableur, enregistrez-en une copie sans mot de passe, puis chargez cette copie."
        ),
        Problem::Damaged(detail) => format!(
            "Le fichier « {file} » se présente comme {what}, mais il est abîmé ou incomplet (détail : {detail}). \
             Téléchargez-le à nouveau depuis sa source."
        ),
        Problem::TooLarge { member } => format!(
            "Le fichier « {file} » ({what}) contient « {member} », qui une fois décompressé dépasserait {} ou se \
             décompresse de façon anormale : Carnet ne l’ouvre pas, pour ne pas bloquer le navigateur.",
            size(crate::engine::read::container::MAX_BYTES)
        ),
        Problem::NothingToRead => format!("Le fichier « {file} » est {what} sans aucun tableau à lire. {READABLE}"),
        Problem::NoSuchPart(i) => format!("Le fichier « {file} » ({what}) n’a pas de {part} numéro {}.", i + 1),
    }
}

/// The message for an error about file `file`.
pub fn error(file: &str, error: &Error) -> String {
    match error.kind() {
        ErrorKind::Unreadable { reason } => format!(
            "Le navigateur n’a pas pu lire le fichier « {file} » (il a peut-être été déplacé ou supprimé depuis). Détail : {reason}"
        ),
        ErrorKind::NoFileLoaded => "Chargez d’abord un fichier CSV.".to_owned(),
        ErrorKind::TooLargeToExplore => format!(
            "« {file} » est trop volumineux pour être exploré en entier dans le navigateur : Carnet n’en a gardé \
             que les lignes de la commune choisie."
        ),
        ErrorKind::NotADictionary => format!(
            "« {file} » n’est pas un dictionnaire des variables : il lui faut une colonne de codes (COD_VAR) \
             et une colonne de libellés (LIB_VAR), comme les fichiers « meta_… » de l’Insee."
        ),
        ErrorKind::NoComparison { column } => format!(
            "« {column} » ne s’additionne pas (une médiane, un taux ou une part) : la valeur de l’EPCI, du \
             département ou de la région doit venir de leur propre ligne, et « {file} » n’en a pas. Ajoutez le \
             fichier de ce niveau (l’archive de l’Insee le contient), ou choisissez un autre type de graphique."
        ),
        ErrorKind::NotAWhole { columns } => format!(
            "Un anneau montre les parts d’un tout : {} ne forment pas un tout (ce ne sont ni des parts dont le \
             total fait 100\u{a0}%, ni des effectifs dont la somme figure dans une colonne du fichier, comme les \
             tranches d’âge de la population). Choisissez de tels indicateurs, ou un graphique en barres.",
            columns.iter().map(|c| format!("« {c} »")).collect::<Vec<_>>().join(", ")
        ),
        ErrorKind::NotChartable { column } => {
            format!("La colonne « {column} » ne contient aucun nombre pour cette commune : rien à représenter.")
        }
        ErrorKind::Cancelled => format!("Lecture de « {file} » annulée."),
        ErrorKind::TooLargeWithoutCommune { size: bytes } => format!(
            "Le fichier « {file} » fait {} : trop pour être lu en entier dans le navigateur. Choisissez d’abord \
             la commune (étape 2) : le fichier sera lu par morceaux et seules ses lignes seront gardées.",
            size(*bytes)
        ),
        ErrorKind::TooLargeToStream { size: bytes } => format!(
            "Le fichier « {file} » fait {} : trop pour être lu en entier, et il ne peut pas être lu par morceaux \
             (encodage UTF-16 ou pas de colonne de codes commune). Enregistrez-le en UTF-8 ou découpez-le.",
            size(*bytes)
        ),
        ErrorKind::Empty => {
            format!("Le fichier « {file} » est vide : il ne contient aucune ligne à lire.")
        }
        ErrorKind::Binary { position } => format!(
            "Le fichier « {file} » n’est pas un fichier texte : il contient des octets binaires à la ligne {} (octet {}). \
             Vérifiez qu’il s’agit bien d’un fichier CSV.",
            format::integer(position.line as i64),
            format::integer(position.byte as i64)
        ),
        ErrorKind::Archive { format } => {
            let what = match format.as_str() {
                "zip" => "une archive ZIP",
                "xls" => "un classeur Excel (.xls)",
                "gzip" => "une archive compressée gzip",
                _ => "une archive",
            };
            format!(
                "Le fichier « {file} » est {what} trop volumineuse pour être ouverte dans le navigateur, ou d’un format \
                 que Carnet ne décompresse pas. Extrayez-en le fichier de données, puis chargez-le."
            )
        }
        ErrorKind::Container { format, problem } => container(file, *format, problem),
        ErrorKind::Document { format } => {
            let what = match format.as_str() {
                "pdf" => "un document PDF",
                "png" => "une image PNG",
                "jpeg" => "une image JPEG",
                "gif" => "une image GIF",
                "numbers" => "un classeur Numbers (Apple)",
                "docx" => "un document Word",
                _ => "un document",
            };
            format!("Le fichier « {file} » est {what}, pas un tableau de données. {READABLE}")
        }
        ErrorKind::NoRows { header_line } => format!(
            "Le fichier « {file} » n’a pas de données : son en-tête (ligne {header_line}) n’est suivi d’aucune ligne."
        ),
        ErrorKind::NoValidRows { set_aside } => format!(
            "Aucune ligne du fichier « {file} » n’a pu être lue : les {} lignes de données ont été mises de côté \
             (nombre de colonnes différent de l’en-tête, ou guillemet jamais fermé).",
            format::integer(*set_aside as i64)
        ),
        ErrorKind::NoCommuneColumn => format!(
            "Le fichier « {file} » n’a pas de colonne de codes commune (comme CODGEO) : \
             impossible d’y retrouver les lignes d’une commune."
        ),
        ErrorKind::CommuneNotFound { code } => {
            format!("La commune de code {code} n’apparaît dans aucune ligne du fichier « {file} ».")
        }
    }
}

/// Why a row was set aside.
pub fn set_aside(reason: &SetAsideReason) -> String {
    match reason {
        SetAsideReason::FieldCount { expected, found } => {
            format!("{found} colonne{} au lieu de {expected}", if *found > 1 { "s" } else { "" })
        }
        SetAsideReason::UnclosedQuote { spans: 1 } => {
            "guillemet ouvert jamais fermé : ligne mise de côté, les suivantes sont lues sans elle".to_owned()
        }
        SetAsideReason::UnclosedQuote { spans } => {
            format!("guillemet ouvert jamais fermé sur {} lignes", format::integer(*spans as i64))
        }
    }
}

/// An encoding's name.
pub fn encoding(encoding: Encoding) -> &'static str {
    match encoding {
        Encoding::Utf8 => "UTF-8",
        Encoding::Utf8Bom => "UTF-8 avec BOM",
        Encoding::MixedUtf8 => "UTF-8 mêlé de Windows-1252",
        Encoding::Windows1252 => "Windows-1252",
        Encoding::Iso8859_15 => "ISO-8859-15",
        Encoding::Utf16Le => "UTF-16 LE",
        Encoding::Utf16Be => "UTF-16 BE",
    }
}

/// A separator's name.
pub fn separator(separator: Separator) -> &'static str {
    match separator {
        Separator::Semicolon => "point-virgule",
        Separator::Comma => "virgule",
        Separator::Tab => "tabulation",
        Separator::Pipe => "barre verticale",
    }
}

/// A line ending's name.
pub fn line_ending(ending: LineEnding) -> &'static str {
    match ending {
        LineEnding::Lf => "LF (Unix)",
        LineEnding::CrLf => "CRLF (Windows)",
        LineEnding::Cr => "CR (Mac ancien)",
    }
}

/// A decimal sign's name.
pub fn decimal(sign: Option<DecimalSign>) -> &'static str {
    match sign {
        Some(DecimalSign::Comma) => "virgule",
        Some(DecimalSign::Point) => "point",
        None => "aucune (nombres entiers)",
    }
}

/// A column kind's name.
pub fn kind(kind: ColumnKind) -> &'static str {
    crate::engine::publish::readme::kind_name(kind)
}

/// What is wrong with a field of the publication form.
pub fn problem(issue: &Issue) -> String {
    match issue {
        Issue::Missing => "Ce champ est obligatoire.".to_owned(),
        Issue::TooLong { max, len } => format!(
            "{} de trop : data.gouv.fr en accepte {} au plus (ici {}).",
            count((len - max) as u64, "caractère", "caractères"),
            format::integer(*max as i64),
            format::integer(*len as i64)
        ),
        Issue::NotASlug { tag, slug } => {
            format!(
                "Le mot-clé « {tag} » serait enregistré « {slug} » : écrivez-le ainsi (minuscules, sans accents, mots reliés par des tirets)."
            )
        }
        Issue::TagLength { tag } => format!(
            "Le mot-clé « {tag} » doit compter de {} à {} caractères : data.gouv.fr refuse les plus courts.",
            vocabulary::TAG_MIN,
            vocabulary::TAG_MAX
        ),
        Issue::DuplicateTag { tag } => format!("Le mot-clé « {tag} » apparaît deux fois."),
        Issue::UnknownId { id } => {
            format!("« {id} » n’est pas un identifiant connu de data.gouv.fr : choisissez dans la liste.")
        }
        Issue::NotADate { text } => format!("« {text} » n’est pas une date valide (attendu : AAAA-MM-JJ)."),
        Issue::EndsBeforeStart => "La fin de la période couverte précède son début.".to_owned(),
        Issue::NotAZone { zone } => format!(
            "« {zone} » n’est pas un identifiant de territoire de data.gouv.fr (exemples : fr:commune:59522, fr:epci:200093201, fr:departement:59)."
        ),
        Issue::NotAContact => {
            "Indiquez une adresse électronique (nom@domaine.fr) ou une adresse web (https://…).".to_owned()
        }
    }
}

/// A kind of chart as the page offers it; `epci` names the commune's EPCI as it follows
/// « de » (« de la Métropole Européenne de Lille »).
pub fn chart_kind(kind: ChartKind, epci: &str) -> String {
    match kind {
        ChartKind::Commune => "Valeur de la commune".to_owned(),
        ChartKind::Ranking => format!("Classement des communes {epci}"),
        ChartKind::Levels => "Comparaison avec l’EPCI, le département, la région, la France".to_owned(),
        ChartKind::Evolution => "Évolution d’une année à l’autre (fichiers compilés)".to_owned(),
        ChartKind::Grouped => "Barres groupées : plusieurs indicateurs".to_owned(),
        ChartKind::Stacked => "Barres empilées : plusieurs indicateurs".to_owned(),
        ChartKind::Percent => "Barres à 100 % : la part de chaque indicateur".to_owned(),
        ChartKind::Donut => "Anneau : la part de chaque indicateur".to_owned(),
        ChartKind::Pyramid => "Pyramide des âges".to_owned(),
        ChartKind::Map => format!("Carte des communes {epci}"),
    }
}

/// Why a standardization step cannot apply.
pub fn step_error(error: &StepError) -> String {
    match error {
        StepError::NoSuchColumn { column, .. } => {
            format!("ne s’applique pas : la colonne « {column} » n’est pas (ou plus) dans le fichier")
        }
        StepError::DuplicateName { name, .. } => {
            format!("ne s’applique pas : deux colonnes s’appelleraient « {name} »")
        }
        StepError::EmptyName { .. } => "ne s’applique pas : le nouveau nom est vide".to_owned(),
    }
}

/// A share link that is too long, or whose content inflates past its cap, or is damaged.
pub const BROKEN_LINK: &str = "Ce lien est trop long ou abîmé : Carnet s’ouvre sans lui.";

/// Why the recipe a share link carries cannot be used.
pub fn shared_error(error: &RecipeError) -> String {
    format!("Ce lien de partage ne peut pas être lu : {}.", recipe_error(error))
}

/// Why a recipe cannot be used.
pub fn recipe_error(error: &RecipeError) -> String {
    match error {
        RecipeError::NotARecipe(detail) => format!("ce n’est pas une recette Carnet ({detail})"),
        RecipeError::NotCarnet => {
            "ce n’est pas une recette Carnet (le champ « format » ne vaut pas « carnet »)".to_owned()
        }
        RecipeError::TooLarge { bytes } => format!(
            "elle pèse {}, bien plus qu’une recette (quelques kilo-octets) : Carnet ne la lit pas",
            size(*bytes as u64)
        ),
        RecipeError::TooNew(v) => format!(
            "cette recette vient d’une version plus récente de Carnet (format {v}) : ouvrez-la avec cette version"
        ),
    }
}

/// A standardization step, in French words.
pub fn step(step: &Step) -> String {
    match step {
        Step::FieldNames => "Noms de colonnes au format schema.data.gouv.fr".to_owned(),
        Step::Rename { column, to } => format!("Renommer « {column} » en « {to} »"),
        Step::Renames { names } => {
            format!(
                "Renommer {} d’après le dictionnaire des variables",
                count(names.len() as u64, "colonne", "colonnes")
            )
        }
        Step::Drop { column } => format!("Retirer la colonne « {column} »"),
        Step::AsText { column } => format!("Garder « {column} » en texte"),
    }
}

/// A territory level, as a table names it.
pub fn level(level: Level) -> &'static str {
    match level {
        Level::Iris => "IRIS",
        Level::Commune => "Commune",
        Level::Epci => "EPCI",
        Level::Departement => "Département",
        Level::Region => "Région",
        Level::France => "France",
    }
}

/// What a file of the dossier (its rows at `level`) gives the territory chosen, in words.
pub fn contribution(contribution: &Contribution, place: Option<&Place>, level: Option<Level>) -> String {
    let name = place.map_or("", |p| p.name.as_str());
    match contribution {
        Contribution::Waiting => "En attente du choix de la commune.".to_owned(),
        Contribution::Rows { levels, indicators, .. }
            if place.is_some_and(|p| levels.first().is_some_and(|l| *l > p.level.max(Level::Commune))) =>
        {
            // A file of départements (…) gives the commune the row of its own.
            let (p, level) = (place.expect("checked"), levels[0]);
            let of = match level {
                Level::Epci => p.epci.as_ref().map_or_else(|| "de son EPCI".to_owned(), |e| e.of()),
                Level::Departement => p.departement.of(),
                Level::Region => p.region.of(),
                _ => "de la France".to_owned(),
            };
            format!(
                "Ce fichier n’a pas de ligne pour {} : il apporte celle {} ({}).",
                p.designation(),
                of,
                count(*indicators as u64, "indicateur chiffré", "indicateurs chiffrés")
            )
        }
        Contribution::Rows { rows, levels, indicators } => {
            let levels: Vec<String> = levels.iter().map(|l| self::level(*l).to_lowercase()).collect();
            format!(
                "Apporte {} pour {name} ({}) et {}.",
                count(*rows as u64, "ligne", "lignes"),
                levels.join(", "),
                count(*indicators as u64, "indicateur chiffré", "indicateurs chiffrés")
            )
        }
        Contribution::NoTerritoryColumn => {
            "Ne peut pas servir : aucune colonne ne contient de codes de communes. Les autres fichiers n’en sont pas gênés."
                .to_owned()
        }
        Contribution::NoRows => match place {
            Some(p) if p.level > Level::Commune && level.is_some_and(|l| l <= Level::Commune) => format!(
                "Ce fichier donne une ligne par commune : il n’a pas de ligne pour {}. Carnet n’additionne pas \
                 ses communes (une médiane ou un taux ne s’additionne pas) : ajoutez le fichier de ce niveau.",
                p.designation()
            ),
            Some(p) if p.level > Level::Commune => {
                format!("Aucune ligne pour {} ni pour les niveaux au-dessus dans ce fichier.", p.designation())
            }
            _ => format!("Aucune ligne pour {name} ni pour son EPCI, son département ou sa région dans ce fichier."),
        },
        Contribution::Reread => "Relecture du fichier pour ce territoire…".to_owned(),
    }
}

/// How a file's columns differ from the file it follows, in words; `None` when they are the
/// same. A long list of variables is cut after a few.
pub fn changes(c: &Changes) -> Option<String> {
    let few = |names: Vec<String>| {
        let n = names.len();
        let shown: Vec<String> = names.into_iter().take(4).collect();
        if n > shown.len() { format!("{}… ({n} en tout)", shown.join(", ")) } else { shown.join(", ") }
    };
    let mut parts = Vec::new();
    if !c.vintages.is_empty() {
        let pairs = c.vintages.iter().map(|(a, b)| format!("{a} → {b}")).collect();
        parts.push(format!("même variable, autre millésime : {}", few(pairs)));
    }
    if !c.new.is_empty() {
        parts.push(format!("nouvelles colonnes : {}", few(c.new.clone())));
    }
    if !c.missing.is_empty() {
        parts.push(format!("colonnes absentes : {}", few(c.missing.clone())));
    }
    if !c.retyped.is_empty() {
        let kinds = c.retyped.iter().map(|(n, a, b)| format!("{n} ({} → {})", kind(*a), kind(*b))).collect();
        parts.push(format!("type changé : {}", few(kinds)));
    }
    (!parts.is_empty()).then(|| parts.join(" ; "))
}

/// Which file a file of the dossier takes the place of, and how its columns changed.
pub fn follows(f: &Follows, own: &str) -> String {
    let was = if f.was == own {
        "Fichier attendu par la recette".to_owned()
    } else if f.from_recipe {
        format!("Prend la place de « {} » dans la recette", f.was)
    } else {
        format!("Fait suite à « {} »", f.was)
    };
    match changes(&f.changes) {
        Some(changes) => format!("{was} : {changes}."),
        None => format!("{was} : mêmes colonnes."),
    }
}

/// One indicator's move from the year before, in words: « MED : 29 440 en 2020 → 29 860 en
/// 2021 (+1,4 %) ».
pub fn moved(m: &Moved) -> String {
    let unit = m.unit.as_deref().map(|u| format!("\u{a0}{u}")).unwrap_or_default();
    let change = m
        .percent()
        .map(|p| format!(" ({}{} %)", if p > 0.0 { "+" } else { "" }, format::number((p * 10.0).round() / 10.0)))
        .unwrap_or_default();
    // Words, not codes: the label when there is one.
    let what = m.label.clone().unwrap_or_else(|| m.indicator.clone());
    format!(
        "{what} : {}{unit} en {} → {}{unit} en {}{change}",
        format::number_with(m.before.1, m.decimals),
        m.before.0,
        format::number_with(m.after.1, m.decimals),
        m.after.0
    )
}

/// What moved in one file from the year before, counted: « Depuis 2020 : 12 en hausse, 3 en
/// baisse, 1 stable ».
pub fn moved_summary(moves: &[&Moved]) -> String {
    let up = moves.iter().filter(|m| m.after.1 > m.before.1).count();
    let down = moves.iter().filter(|m| m.after.1 < m.before.1).count();
    let same = moves.len() - up - down;
    let since = moves.iter().map(|m| m.before.0).min().unwrap_or_default();
    let parts: Vec<String> =
        [(up, "en hausse", "en hausse"), (down, "en baisse", "en baisse"), (same, "stable", "stables")]
            .into_iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|(n, one, many)| format!("{n} {}", if n > 1 { many } else { one }))
            .collect();
    format!("Ce qui a bougé depuis {since} : {}", parts.join(", "))
}

/// Two files giving the same values, in words, with what the tidy table does meanwhile.
pub fn overlap(o: &Overlap) -> String {
    let year = o.year.map(|y| format!(" pour {y}")).unwrap_or_default();
    let differ = match o.differing {
        0 => "toutes identiques".to_owned(),
        n => format!("dont {} {}", format::integer(n as i64), if n > 1 { "diffèrent" } else { "diffère" }),
    };
    format!(
        "« {} » et « {} » donnent les mêmes indicateurs{year} ({}, {differ}). Le tableau compilé garde pour l’instant \
         les valeurs de « {} ». Lequel garder dans le dossier ?",
        o.kept,
        o.left,
        count(o.values as u64, "valeur", "valeurs"),
        o.kept
    )
}

/// Why a file is not a dossier Carnet can open, in words.
pub fn dossier_error(e: &DossierError) -> String {
    let why = match e {
        DossierError::NotAZip => "ce n’est pas un fichier ZIP, ou il est abîmé".to_owned(),
        DossierError::NoManifest => {
            "ce ZIP n’est pas un dossier exporté par Carnet (il n’a pas de carnet-dossier.json)".to_owned()
        }
        DossierError::BadManifest(reason) => format!("sa description carnet-dossier.json est illisible ({reason})"),
        DossierError::TooNew(v) => {
            format!("il vient d’une version plus récente de Carnet (format {v}) : mettez la page à jour")
        }
        DossierError::TooManyFiles(n) => {
            format!(
                "il contient {n} fichiers, plus que les {} qu’un dossier peut compter",
                crate::engine::dossier::saved::MAX_FILES
            )
        }
        DossierError::TooLarge { member } => {
            format!(
                "« {member} » dépasse la taille qu’un dossier peut contenir (512 Mo en tout, ou un taux de compression anormal)"
            )
        }
        DossierError::Missing(member) => format!("le fichier « {member} » qu’il annonce manque dans le ZIP"),
    };
    format!("Ce dossier ne peut pas être ouvert : {why}. Le dossier en cours n’est pas touché.")
}

/// The level of a file's rows, in words: « communes », « IRIS ».
pub fn rows_level(level: Option<Level>) -> &'static str {
    match level {
        Some(Level::Iris) => "une ligne par IRIS",
        Some(Level::Commune) => "une ligne par commune",
        Some(Level::Epci) => "une ligne par EPCI",
        Some(Level::Departement) => "une ligne par département",
        Some(Level::Region) => "une ligne par région",
        Some(Level::France) => "France entière",
        None => "niveau géographique non reconnu",
    }
}

/// What the clean CSV changed so that no spreadsheet runs a cell as a formula, or `None`.
pub fn neutralized(columns: &[(String, usize)]) -> Option<String> {
    let cells: usize = columns.iter().map(|(_, n)| n).sum();
    (cells > 0).then(|| {
        let names: Vec<String> = columns.iter().map(|(c, _)| format!("« {c} »")).collect();
        format!(
            "{} par « = », « + », « - », « @ », une tabulation ou un retour chariot : Carnet {} pour les \
             tableurs (une apostrophe devant), {} {}.",
            count(cells as u64, "cellule commençait", "cellules commençaient"),
            if cells > 1 { "les a neutralisées" } else { "l’a neutralisée" },
            if columns.len() > 1 { "colonnes" } else { "colonne" },
            names.join(", ")
        )
    })
}

/// The columns a table leaves out, or `None` when it shows them all.
pub fn columns_not_shown(hidden: usize) -> Option<String> {
    (hidden > 0).then(|| {
        if hidden == 1 {
            "… et 1 colonne de plus, non affichée ici pour garder la page rapide : elle est dans le CSV et dans \
             l’explorateur."
                .to_owned()
        } else {
            format!(
                "… et {} colonnes de plus, non affichées ici pour garder la page rapide : elles sont toutes dans \
                 le CSV et dans l’explorateur.",
                format::integer(hidden as i64)
            )
        }
    })
}

/// The columns the explorer leaves out, or `None` when it shows them all.
pub fn explorer_columns_not_shown(hidden: usize) -> Option<String> {
    match hidden {
        0 => None,
        1 => Some(
            "La dernière colonne n’est pas affichée ici, pour garder la page rapide : la recherche la parcourt \
             et le CSV nettoyé la contient."
                .to_owned(),
        ),
        n => Some(format!(
            "Les {} dernières colonnes ne sont pas affichées ici, pour garder la page rapide : la recherche les \
             parcourt toutes et le CSV nettoyé les contient.",
            format::integer(n as i64)
        )),
    }
}

/// A view too rich to travel in a link.
pub const VIEW_TOO_LARGE_FOR_A_LINK: &str = "Cette vue est trop riche pour tenir dans un lien : téléchargez la \
     recette (carnet.json) et envoyez-la, elle garde tout.";

/// Why one of the app's own files (the commune list, ECharts) could not be loaded.
pub fn own_file_error(path: &str, error: &FetchError) -> String {
    let why = match error {
        FetchError::Status(code) => format!("le serveur a répondu par une erreur ({code})"),
        _ => "la connexion a échoué".to_owned(),
    };
    format!("Carnet n’a pas pu charger son fichier « {path} » ({why}) : rechargez la page.")
}

/// Why a download did not start.
pub fn download_error(error: &DownloadError) -> String {
    format!("Le téléchargement a échoué : {}", error.0)
}

/// Why a file could not be fetched from the address `url`.
pub fn fetch_error(url: &str, error: &FetchError) -> String {
    match error {
        FetchError::Unreachable => format!(
            "Le navigateur n’a pas pu télécharger « {url} » : la connexion a échoué, ou le serveur n’autorise pas \
             d’autres sites à lire ses fichiers (CORS), ou l’adresse n’est ni sur ce site ni sur data.gouv.fr. \
             Téléchargez le fichier vous-même puis ouvrez-le avec « Fichier CSV à ouvrir »."
        ),
        FetchError::Status(404) => {
            format!("« {url} » est introuvable sur son serveur (erreur 404) : vérifiez le lien.")
        }
        FetchError::Status(code) => {
            format!("Le serveur de « {url} » a répondu par une erreur ({code}) : réessayez plus tard.")
        }
        FetchError::WebPage => {
            format!("« {url} » mène à une page web, pas à un fichier CSV : le lien doit désigner le fichier lui-même.")
        }
        FetchError::BadRecipe(why) => format!("« {url} » ne peut pas servir de recette : {why}."),
        FetchError::Scheme(scheme) => format!(
            "Carnet n’ouvre par lien que des adresses « http: » ou « https: » ; celle-ci commence par « {scheme}: ». \
             Rien n’a été ouvert."
        ),
        FetchError::TooLarge(_) => format!(
            "« {url} » pèse plus de {}, ce que Carnet télécharge au plus par lien : téléchargez-le vous-même \
             puis ouvrez-le avec « Fichier CSV à ouvrir ».",
            size(crate::ui::widgets::fetch::MAX_BYTES)
        ),
    }
}

/// A quality criterion: what data.gouv.fr checks, and what to do when it is not met.
pub fn criterion(c: Criterion) -> (&'static str, &'static str) {
    match c {
        Criterion::License => ("Licence renseignée", "Choisissez une licence."),
        Criterion::TemporalCoverage => {
            ("Couverture temporelle renseignée", "Indiquez le début de la période couverte.")
        }
        Criterion::Spatial => ("Couverture spatiale renseignée", "Indiquez le territoire couvert."),
        Criterion::UpdateFrequency => {
            ("Fréquence de mise à jour renseignée", "Choisissez une fréquence autre que « Inconnue ».")
        }
        Criterion::UpdatedOnTime => (
            "Données à jour selon la fréquence annoncée",
            "Avec une fréquence connue, les données publiées aujourd’hui sont à jour.",
        ),
        Criterion::Description => ("Description de plus de 100 caractères", "Rédigez une description plus complète."),
        Criterion::OpenFormat => ("Au moins un fichier dans un format ouvert", "Joignez les données en CSV."),
        Criterion::ResourcesAvailable => (
            "Tous les fichiers disponibles",
            "Déposez chaque fichier sur data.gouv.fr (il les héberge alors lui-même).",
        ),
        Criterion::ResourcesDocumented => {
            ("Fichiers documentés", "Joignez une documentation (README) ou décrivez chaque fichier.")
        }
    }
}

/// A size in bytes, in French units.
pub fn size(bytes: u64) -> String {
    const KO: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 2 {
        format!("{bytes} octet")
    } else if b < KO {
        format!("{bytes} octets")
    } else if b < KO * KO {
        format!("{} Ko", format::number((b / KO).round()))
    } else if b < KO * KO * KO {
        format!("{} Mo", format::number((b / KO / KO * 10.0).round() / 10.0))
    } else {
        format!("{} Go", format::number((b / KO / KO / KO * 10.0).round() / 10.0))
    }
}

/// A duration in milliseconds, in words: "0,12 s", "moins d’un centième de seconde".
pub fn duration(ms: f64) -> String {
    if ms < 10.0 {
        "moins d’un centième de seconde".to_owned()
    } else {
        format!("{} s", format::number((ms / 10.0).round() / 100.0))
    }
}

/// "1 ligne", "2 lignes".
pub fn count(n: u64, singular: &str, plural: &str) -> String {
    format!("{} {}", format::integer(n as i64), if n > 1 { plural } else { singular })
}

/// An indicator as a list names it: its words, then its code (`Médiane du niveau de vie (€) ·
/// MED20`); the code alone when nothing says what it measures.
pub fn indicator(code: &str, label: &str) -> String {
    if label.is_empty() { code.to_owned() } else { format!("{label} · {code}") }
}
