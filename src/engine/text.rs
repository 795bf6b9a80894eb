//! Text helpers shared by every floor: cells trimmed, names folded for matching.
//!
//! ```
//! use carnet::engine::text::fold;
//! assert_eq!(fold("Sailly-lez-Lannoy"), "sailly lez lannoy");
//! assert_eq!(fold("St-Étienne"), "saint etienne");
//! ```

/// Folds a name for matching: lower case, accents off, punctuation to spaces, `st` → `saint`.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' => out.push('i'),
            'ô' | 'ö' | 'ó' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'ÿ' => out.push('y'),
            'ç' => out.push('c'),
            'ñ' => out.push('n'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            c if c.is_alphanumeric() => out.push(c),
            _ => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
        }
    }
    let words: Vec<&str> = out
        .split_whitespace()
        .map(|w| match w {
            "st" => "saint",
            "ste" => "sainte",
            w => w,
        })
        .collect();
    words.join(" ")
}

/// Trims spaces around a cell: the ASCII ones fast, the others (no-break spaces) when the
/// cell's ends are not ASCII.
pub fn trim(cell: &str) -> &str {
    let t = cell.trim_ascii();
    let b = t.as_bytes();
    if b.first().is_some_and(|&c| c >= 0x80) || b.last().is_some_and(|&c| c >= 0x80) { t.trim() } else { t }
}

/// `name` as it follows « de » in a French sentence. `liaison` is INSEE's TNCC code where it
/// has one (régions, départements: 0 « de », 1 « d’ », 2 « du », 3 « de la », 4 and 6
/// « des », 5 « de l’ »); otherwise the form is worked out from the name: an EPCI named for
/// its kind is feminine (« de la Métropole… », « de la CC du Pays… »), a name starting with a
/// vowel elides (« d’Annecy »), « Le », « La », « Les » contract (« du Havre »).
///
/// ```
/// use carnet::engine::text::of;
/// assert_eq!(of("Nord", Some(2)), "du Nord");
/// assert_eq!(of("Ain", Some(5)), "de l’Ain");
/// assert_eq!(of("Hauts-de-France", Some(4)), "des Hauts-de-France");
/// assert_eq!(of("Métropole Européenne de Lille", None), "de la Métropole Européenne de Lille");
/// assert_eq!(of("CC Pévèle-Carembault", None), "de la CC Pévèle-Carembault");
/// assert_eq!(of("Eurométropole de Strasbourg", None), "de l’Eurométropole de Strasbourg");
/// assert_eq!(of("Grenoble-Alpes-Métropole", None), "de Grenoble-Alpes-Métropole");
/// assert_eq!(of("Annecy", None), "d’Annecy");
/// assert_eq!(of("Le Havre", None), "du Havre");
/// ```
pub fn of(name: &str, liaison: Option<u8>) -> String {
    match liaison {
        Some(0) => return format!("de {name}"),
        Some(1) => return format!("d’{name}"),
        Some(2) => return format!("du {name}"),
        Some(3) => return format!("de la {name}"),
        Some(4 | 6) => return format!("des {name}"),
        Some(5) => return format!("de l’{name}"),
        _ => {}
    }
    if let Some(article) = epci_article(name) {
        return format!("de {article}{name}");
    }
    if let Some(rest) = name.strip_prefix("Le ") {
        return format!("du {rest}");
    }
    if let Some(rest) = name.strip_prefix("Les ") {
        return format!("des {rest}");
    }
    let vowel = name.chars().next().is_some_and(|c| "AEIOUYÂÀÉÈÊËÎÏÔÖÛÜaeiouy".contains(c));
    if vowel { format!("d’{name}") } else { format!("de {name}") }
}

/// `name` with its article, as French writes it after « pour » or « contre »; `liaison` as in
/// [`of`].
///
/// ```
/// use carnet::engine::text::the;
/// assert_eq!(the("Nord", Some(2)), "le Nord");
/// assert_eq!(the("Somme", Some(3)), "la Somme");
/// assert_eq!(the("Ain", Some(5)), "l’Ain");
/// assert_eq!(the("Hauts-de-France", Some(4)), "les Hauts-de-France");
/// assert_eq!(the("Paris", Some(0)), "Paris");
/// assert_eq!(the("Métropole Européenne de Lille", None), "la Métropole Européenne de Lille");
/// assert_eq!(the("Grenoble-Alpes-Métropole", None), "Grenoble-Alpes-Métropole");
/// ```
pub fn the(name: &str, liaison: Option<u8>) -> String {
    match liaison {
        Some(2) => return format!("le {name}"),
        Some(3) => return format!("la {name}"),
        Some(4 | 6) => return format!("les {name}"),
        Some(5) => return format!("l’{name}"),
        Some(_) => return name.to_owned(),
        None => {}
    }
    match epci_article(name) {
        Some(article) => format!("{article}{name}"),
        None => name.to_owned(),
    }
}

/// The article of an EPCI named for its kind (« la Métropole… », « la CC… », « l’Eurométropole… »);
/// `None` for a name of its own (« Grenoble-Alpes-Métropole »).
fn epci_article(name: &str) -> Option<&'static str> {
    match name.split([' ', '-']).next().unwrap_or_default() {
        "CC" | "CA" | "CU" | "Communauté" | "Métropole" => Some("la "),
        "Eurométropole" => Some("l’"),
        _ => None,
    }
}
