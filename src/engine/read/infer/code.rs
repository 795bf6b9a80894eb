//! French codes: what a code column holds, recognised by its header and its values.
//!
//! A code column is never read as a number: `01001` keeps its zero and `2A004` its letter.

use crate::engine::table::CodeKind;

impl CodeKind {
    /// The number of characters a code of this kind has, when fixed.
    pub fn width(self) -> Option<usize> {
        match self {
            Self::Commune | Self::PostalCode => Some(5),
            Self::Iris => Some(9),
            Self::Region => Some(2),
            Self::Epci | Self::Siren => Some(9),
            Self::Siret => Some(14),
            Self::Departement | Self::Other => None,
        }
    }

    /// Whether `code` is a well-formed code of this kind.
    pub fn accepts(self, code: &str) -> bool {
        let b = code.as_bytes();
        match self {
            Self::Commune => is_commune(b),
            Self::Iris => b.len() == 9 && is_commune(&b[..5]) && digits(&b[5..]),
            Self::Departement => is_departement(b),
            Self::Region => b.len() == 2 && digits(b),
            Self::Epci => b.len() == 9 && digits(b) && b[0] == b'2',
            Self::Siren => b.len() == 9 && digits(b) && luhn(b),
            Self::Siret => b.len() == 14 && digits(b) && luhn(b),
            Self::PostalCode => b.len() == 5 && digits(b),
            Self::Other => !b.is_empty() && digits(b),
        }
    }

    /// The code kind a header announces, compared without case, accents or separators.
    pub fn from_header(name: &str) -> Option<Self> {
        let key: String = crate::engine::text::fold(name).chars().filter(char::is_ascii_alphanumeric).collect();
        Some(match key.as_str() {
            "codgeo" | "codeinsee" | "codesinsee" | "insee" | "inseecom" | "codecommune" | "codcom" | "com"
            | "depcom" | "codecommuneinsee" | "codeinseecommune" | "codgeocom" => Self::Commune,
            "iris" | "codeiris" | "codiris" | "codgeoiris" => Self::Iris,
            "dep" | "codedep" | "codedepartement" | "departement" | "coddep" | "codgeodep" => Self::Departement,
            "reg" | "codereg" | "coderegion" | "region" | "codreg" => Self::Region,
            "epci" | "codeepci" | "sirenepci" | "codepci" => Self::Epci,
            "siren" => Self::Siren,
            "siret" => Self::Siret,
            "codepostal" | "cp" | "codespostaux" | "postcode" => Self::PostalCode,
            _ => return None,
        })
    }

    /// Whether a header names a column of territory codes without saying which level (`Code`,
    /// `Code géographique`, `COG`): its values tell ([`CodeKind::by_values`]).
    pub fn generic_header(name: &str) -> bool {
        let key: String = crate::engine::text::fold(name).chars().filter(char::is_ascii_alphanumeric).collect();
        matches!(
            key.as_str(),
            "code"
                | "codes"
                | "codegeo"
                | "codegeographique"
                | "codegographique"
                | "cog"
                | "codeterritoire"
                | "codezone"
                | "codeunite"
                | "codeinseeduterritoire"
                | "territoire"
                | "codgeo2"
                | "geo"
        ) || key.starts_with("codecommune")
            || key.starts_with("codgeo")
            || key.starts_with("codeinsee")
    }

    /// The level of territory codes `values` are, when nine in ten or more are codes of one
    /// level (lost leading zeros counted as codes): EPCI (SIREN, checksum verified), IRIS,
    /// commune, région (a few dozen two-digit codes), département.
    pub fn by_values<'a>(values: impl Iterator<Item = &'a str> + Clone) -> Option<Self> {
        let count = values.clone().count();
        // Régions: a few dozen codes, all of régions (today's and those before 2016).
        const REGIONS: [&str; 34] = [
            "01", "02", "03", "04", "06", "11", "21", "22", "23", "24", "25", "26", "27", "28", "31", "32", "41", "42",
            "43", "44", "52", "53", "54", "72", "73", "74", "75", "76", "82", "83", "84", "91", "93", "94",
        ];
        let regions = count <= 40 && values.clone().all(|v| REGIONS.contains(&v));
        // Départements: a leading zero, Corsica or an overseas code among them (not row numbers).
        let telling = values.clone().any(|v| matches!(v.as_bytes(), [b'0', _] | [b'2', b'A' | b'B'] | [b'9', b'7', _]));
        [Self::Epci, Self::Iris, Self::Commune, Self::Region, Self::Departement].into_iter().find(|kind| {
            if (*kind == Self::Region && !regions) || (*kind == Self::Departement && !telling) {
                return false;
            }
            let good = values
                .clone()
                .filter(|v| match kind {
                    Self::Epci => kind.accepts(v) && Self::Siren.accepts(v),
                    _ => kind.accepts(v) || kind.repair(v).is_some(),
                })
                .count();
            count > 0 && good * 100 >= count * 90
        })
    }

    /// Pads a code that lost its leading zeros in a spreadsheet (`1001` → `01001`), when its
    /// kind has a width and the padded code is well formed.
    pub fn repair(self, code: &str) -> Option<String> {
        let width = match self {
            Self::Departement if code.len() == 1 => 2,
            kind => kind.width()?,
        };
        if code.len() >= width || code.is_empty() || !digits(code.as_bytes()) {
            return None;
        }
        let padded = format!("{code:0>width$}");
        self.accepts(&padded).then_some(padded)
    }
}

fn digits(b: &[u8]) -> bool {
    !b.is_empty() && b.iter().all(u8::is_ascii_digit)
}

/// `01001`, `2A004`, `97411`; no département is `00` (so `59` padded is no commune).
fn is_commune(b: &[u8]) -> bool {
    b.len() == 5
        && (digits(b) || (b[0] == b'2' && matches!(b[1], b'A' | b'B') && digits(&b[2..])))
        && !b.starts_with(b"00")
}

fn is_departement(b: &[u8]) -> bool {
    match b {
        [b'2', b'A' | b'B'] => true,
        [d1, d2] => d1.is_ascii_digit() && d2.is_ascii_digit() && b != b"00" && b != b"20",
        [b'9', b'7', d] => (b'1'..=b'8').contains(d),
        _ => false,
    }
}

/// The Luhn checksum used by SIREN and SIRET numbers.
fn luhn(b: &[u8]) -> bool {
    let sum: u32 = b
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(d - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! accepts {
        ($name:ident, $kind:expr, [$($ok:expr),*], [$($bad:expr),*]) => {
            #[test]
            fn $name() {
                $(assert!($kind.accepts($ok), "{} should be accepted", $ok);)*
                $(assert!(!$kind.accepts($bad), "{} should be refused", $bad);)*
            }
        };
    }

    accepts!(commune, CodeKind::Commune, ["01001", "2A004", "2B033", "97411", "59522"], ["1001", "2C004", "590090101"]);
    accepts!(iris, CodeKind::Iris, ["590090101", "2A0040101"], ["59009010", "5900901AB"]);
    accepts!(departement, CodeKind::Departement, ["01", "2A", "59", "974"], ["00", "20", "979", "1"]);
    accepts!(siren, CodeKind::Siren, ["215905225", "200093201"], ["215905226", "21590522"]);
    accepts!(siret, CodeKind::Siret, ["21590522500011"], ["21590522500019"]);
    accepts!(epci, CodeKind::Epci, ["200093201"], ["100093201"]);

    #[test]
    fn headers() {
        assert_eq!(CodeKind::from_header("CODGEO"), Some(CodeKind::Commune));
        assert_eq!(CodeKind::from_header("Codes_Insee"), Some(CodeKind::Commune));
        assert_eq!(CodeKind::from_header("INSEE_COM"), Some(CodeKind::Commune));
        assert_eq!(CodeKind::from_header("code_iris"), Some(CodeKind::Iris));
        assert_eq!(CodeKind::from_header("DEP"), Some(CodeKind::Departement));
        assert_eq!(CodeKind::from_header("Code postal"), Some(CodeKind::PostalCode));
        assert_eq!(CodeKind::from_header("MED20"), None);
    }

    #[test]
    fn lost_zeros_are_repaired() {
        assert_eq!(CodeKind::Commune.repair("1001"), Some("01001".into()));
        assert_eq!(CodeKind::Departement.repair("1"), Some("01".into()));
        assert_eq!(CodeKind::PostalCode.repair("1000"), Some("01000".into()));
        assert_eq!(CodeKind::Commune.repair("59522"), None);
        assert_eq!(CodeKind::Commune.repair("abc"), None);
    }
}
