//! Where a file comes from, as its name tells: the source line of charts and metadata
//! ("Source : Insee, Filosofi 2020").
//!
//! ```
//! use carnet::engine::source;
//! assert_eq!(source::line("cc_filosofi_2020_COM.csv"), "Source : Insee, Filosofi 2020");
//! assert_eq!(source::line("mes_donnees.csv"), "Source : fichier mes_donnees.csv");
//! ```

/// The producer and publication a file name points to, with its year if it has one.
pub fn describe(file_name: &str) -> Option<String> {
    let name = file_name.to_lowercase();
    let year = year(&name);
    let publication = if name.contains("filosofi") {
        "Insee, Filosofi"
    } else if name.starts_with("base-cc") || name.starts_with("base_cc") || name.contains("_rp") {
        "Insee, recensement de la population"
    } else if name.contains("caf") || name.contains("allocataires") {
        "Caisse d’allocations familiales (CAF)"
    } else if name.contains("observatoire") {
        "Observatoire des territoires"
    } else {
        return None;
    };
    Some(match year {
        Some(y) => format!("{publication} {y}"),
        None => publication.to_owned(),
    })
}

/// The source line: the publication when the name tells it, else the file's name.
pub fn line(file_name: &str) -> String {
    match describe(file_name) {
        Some(publication) => format!("Source : {publication}"),
        None => format!("Source : fichier {file_name}"),
    }
}

/// The first year (1900–2099) standing alone in a name.
fn year(name: &str) -> Option<&str> {
    let b = name.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let alone = |j: Option<&u8>| j.is_none_or(|c| !c.is_ascii_digit());
        let candidate = &name[i..i + 4];
        ((candidate.starts_with("19") || candidate.starts_with("20"))
            && candidate.bytes().all(|c| c.is_ascii_digit())
            && alone(i.checked_sub(1).and_then(|k| b.get(k)))
            && alone(b.get(i + 4)))
        .then_some(candidate)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_publications() {
        assert_eq!(describe("cc_filosofi_2019_COM.CSV").as_deref(), Some("Insee, Filosofi 2019"));
        assert_eq!(
            describe("base-cc-evol-struct-pop-2021.csv").as_deref(),
            Some("Insee, recensement de la population 2021")
        );
        assert_eq!(
            describe("caf_allocataires_2022.csv").as_deref(),
            Some("Caisse d’allocations familiales (CAF) 2022")
        );
        assert_eq!(describe("export.csv"), None);
        assert_eq!(describe("filosofi_59522.csv").as_deref(), Some("Insee, Filosofi"), "59522 is no year");
    }
}
