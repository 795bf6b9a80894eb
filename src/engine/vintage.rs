//! Vintages: INSEE suffixes a variable with its year's last two digits (`MED19`, `MED20`,
//! `MED21`); without the suffix, the three are one indicator over three years. Every floor
//! that matches a variable across vintages asks here.
//!
//! ```
//! use carnet::engine::vintage;
//! assert_eq!(vintage::stem("MED20"), Some("MED"));
//! assert_eq!(vintage::indicator("MED20", Some(2020)), "MED");
//! assert_eq!(vintage::position(["CODGEO", "MED21"].into_iter(), "MED20"), Some(1));
//! assert_eq!(vintage::series("cc_filosofi_2022_COM.csv"), vintage::series("cc_filosofi_2021_COM.csv"));
//! ```

/// A variable code without its two-digit vintage suffix (`NBMENFISC20` → `NBMENFISC`,
/// `D120` → `D1`), when it has one and something is left.
pub fn stem(name: &str) -> Option<&str> {
    let b = name.as_bytes();
    let n = b.len();
    (n >= 3 && b[n - 1].is_ascii_digit() && b[n - 2].is_ascii_digit() && b[..n - 2].iter().any(u8::is_ascii_alphabetic))
        .then(|| &name[..n - 2])
}

/// A variable code with its two-digit vintage blanked, and that vintage: `MED21` → (`MED##`,
/// 21), `D121` → (`D1##`, 21); the census writes the year after its first letters: `P21_POP`
/// → (`P##_POP`, 21). `None` for a code without one (`CODGEO`).
pub fn pattern(name: &str) -> Option<(String, u8)> {
    let b = name.as_bytes();
    // The census: one to four letters, the year, an underscore.
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    if (1..=4).contains(&letters) && b.len() > letters + 3 && b[letters + 2] == b'_' {
        let year = &name[letters..letters + 2];
        if year.bytes().all(|c| c.is_ascii_digit())
            && let Ok(yy) = year.parse::<u8>()
        {
            return Some((format!("{}##{}", &name[..letters], &name[letters + 2..]), yy));
        }
    }
    let stem = stem(name)?;
    Some((format!("{stem}##"), name[stem.len()..].parse().ok()?))
}

/// `text` with the year of vintage `from` written as that of `to` wherever it stands as a year
/// (four digits, no digit on either side; `99` is 1999, `21` is 2021): a label written for
/// 2021 said of 2020.
///
/// ```
/// assert_eq!(carnet::engine::vintage::shift_year("Population en 2021 (princ)", 21, 20), "Population en 2020 (princ)");
/// assert_eq!(carnet::engine::vintage::shift_year("Code 120215", 21, 20), "Code 120215");
/// ```
pub fn shift_year(text: &str, from: u8, to: u8) -> String {
    let (from, to) = (full_year(from), full_year(to));
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (at, _) in years(text).into_iter().filter(|(_, year)| *year == from) {
        out.push_str(&text[last..at]);
        out.push_str(&to.to_string());
        last = at + 4;
    }
    out.push_str(&text[last..]);
    out
}

/// The years written in `text`: the byte offset and value of each 19xx or 20xx standing alone
/// (no digit on either side).
///
/// ```
/// assert_eq!(carnet::engine::vintage::years("RP2010, RP2015 et 2021 ; code 120215"), [(2, 2010), (10, 2015), (18, 2021)]);
/// ```
pub fn years(text: &str) -> Vec<(usize, u16)> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(3))
        .filter(|&at| {
            let w = &b[at..at + 4];
            (w.starts_with(b"19") || w.starts_with(b"20"))
                && w.iter().all(u8::is_ascii_digit)
                && (at == 0 || !b[at - 1].is_ascii_digit())
                && !b.get(at + 4).is_some_and(u8::is_ascii_digit)
        })
        .filter_map(|at| Some((at, text[at..at + 4].parse().ok()?)))
        .collect()
}

/// The year of a two-digit vintage: `21` is 2021, `99` is 1999.
pub fn full_year(yy: u8) -> u16 {
    (if yy >= 50 { 1900 } else { 2000 }) + u16::from(yy)
}

/// The indicator the column `name` of a file of `year` measures: its stem when its suffix is
/// that year's (`MED20` in 2020 → `MED`), else the name itself (`P21_POP`, `MED20` in 2019).
pub fn indicator(name: &str, year: Option<u16>) -> &str {
    match (year, stem(name)) {
        (Some(year), Some(stem)) if name.ends_with(&format!("{:02}", year % 100)) => stem,
        _ => name,
    }
}

/// Whether the column `column` measures `indicator` (`MED20` and `MED`, or `P21_POP` and
/// itself).
pub fn measures(column: &str, indicator: &str) -> bool {
    column == indicator || stem(column) == Some(indicator)
}

/// Where `name` stands among `names`: itself, else the one name of another vintage of the
/// same variable (`MED20` finds `MED21`); `None` when absent or when several could be meant.
pub fn position<'a>(mut names: impl Iterator<Item = &'a str> + Clone, name: &str) -> Option<usize> {
    names.clone().position(|n| n == name).or_else(|| {
        let s = stem(name)?;
        let mut same = names.by_ref().enumerate().filter(|(_, n)| stem(n) == Some(s));
        match (same.next(), same.next()) {
            (Some((at, _)), None) => Some(at),
            _ => None,
        }
    })
}

/// The series a file belongs to: its name in lower case with its years blanked
/// (`cc_filosofi_2021_COM.csv` and `CC_FILOSOFI_2022_COM.CSV` → `cc_filosofi_####_com.csv`), so
/// that next year's file is found as the same source.
pub fn series(file_name: &str) -> String {
    let lower = file_name.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        let year = digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
        out.push_str(if year { "####" } else { digits });
        digits.clear();
    };
    for c in lower.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_blank_the_vintage_wherever_insee_writes_it() {
        assert_eq!(pattern("MED21"), Some(("MED##".to_owned(), 21)));
        assert_eq!(pattern("TP60AGE120"), Some(("TP60AGE1##".to_owned(), 20)));
        assert_eq!(pattern("P21_POP"), Some(("P##_POP".to_owned(), 21)));
        assert_eq!(pattern("P21_POP0014"), Some(("P##_POP0014".to_owned(), 21)), "the census' year, not the ages");
        assert_eq!(pattern("C15_MENPSEUL"), Some(("C##_MENPSEUL".to_owned(), 15)));
        assert_eq!(pattern("DISP_MED18"), Some(("DISP_MED##".to_owned(), 18)));
        assert_eq!(pattern("CODGEO"), None);
        assert_eq!(pattern("42"), None);
    }

    #[test]
    fn next_year_s_file_is_of_the_same_series() {
        assert_eq!(series("cc_filosofi_2021_COM.csv"), "cc_filosofi_####_com.csv");
        assert_eq!(series("CC_FILOSOFI_2022_COM.CSV"), series("cc_filosofi_2021_COM.csv"));
        assert_eq!(series("base-cc-evol-struct-pop-2021.csv"), "base-cc-evol-struct-pop-####.csv");
        assert_ne!(series("export_59.csv"), series("export_62.csv"), "a département is not a year");
        assert_eq!(series("FILO2021_DEC_COM.csv"), "filo####_dec_com.csv");
    }

    #[test]
    fn stems() {
        assert_eq!(stem("NBMENFISC20"), Some("NBMENFISC"));
        assert_eq!(stem("D120"), Some("D1"));
        assert_eq!(stem("P21_POP"), None);
        assert_eq!(stem("2020"), None);
        assert_eq!(stem("Aé20"), Some("Aé"));
    }

    #[test]
    fn an_indicator_drops_only_its_own_years_suffix() {
        assert_eq!(indicator("MED21", Some(2021)), "MED");
        assert_eq!(indicator("MED21", Some(2019)), "MED21");
        assert_eq!(indicator("MED21", None), "MED21");
        assert!(measures("MED21", "MED") && measures("P21_POP", "P21_POP") && !measures("MED21", "ME"));
    }

    #[test]
    fn a_name_is_found_in_another_vintage_only_when_one_column_can_be_meant() {
        let names = ["CODGEO", "MED21", "D121", "D921"];
        assert_eq!(position(names.into_iter(), "CODGEO"), Some(0));
        assert_eq!(position(names.into_iter(), "MED20"), Some(1));
        assert_eq!(position(names.into_iter(), "Q120"), None);
        assert_eq!(position(["MED20", "MED21"].into_iter(), "MED19"), None);
    }
}
