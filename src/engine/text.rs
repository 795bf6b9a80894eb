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
