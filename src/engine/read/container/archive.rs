//! A ZIP archive as INSEE ships its files: one table per level (`…_COM`, `…_EPCI`, `…_DEP`…),
//! as CSV or workbooks, beside `meta_` dictionaries. The member read is the user's, else the
//! commune-level one, else the first table; its dictionary comes with it.

use super::{Format, Opened, Problem, Unwrapped, bounded, problem};
use crate::engine::error::Result;
use std::io::{Cursor, Read};

/// The extensions of the members a table can be read from.
const TABLES: [&str; 8] = [".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"];
/// The largest dictionary read with a table.
const DICTIONARY_AT_MOST: u64 = 32 << 20;

/// A member's name without its folders, in lower case.
fn base(name: &str) -> String {
    name.rsplit('/').next().unwrap_or(name).to_lowercase()
}

/// Whether a member is a variable dictionary (`meta_…`, `dictionnaire…`).
fn is_dictionary(name: &str) -> bool {
    let b = base(name);
    b.starts_with("meta_") || b.starts_with("meta-") || b.contains("dictionnaire") || b.contains("metadonnees")
}

/// Whether a member's name says it holds communes (`…_COM.CSV`, `…-com.xlsx`, `communes…`).
fn is_communes(name: &str) -> bool {
    let b = base(name);
    let stem = b.rsplit_once('.').map_or(b.as_str(), |(s, _)| s);
    stem.split(['_', '-', ' ', '.']).any(|w| w == "com" || w == "communes" || w == "commune")
}

/// Opens the archive in `bytes`: the member `options.member` (an index among its tables), or
/// the one Carnet chooses, read as its own kind (a CSV as is, a workbook's sheet as text).
///
/// # Errors
/// [`crate::engine::ErrorKind::Container`]: damaged, too large, or no table inside.
pub fn open(bytes: &[u8], options: super::super::ReadOptions) -> Result<Unwrapped> {
    let damaged = |e: &dyn std::fmt::Display| problem(Format::Zip, Problem::Damaged(e.to_string()));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    bounded(bytes, Format::Zip)?;
    let names: Vec<String> = zip
        .file_names()
        .filter(|n| !n.ends_with('/') && !n.starts_with("__MACOSX/") && !base(n).starts_with('.'))
        .map(str::to_owned)
        .collect();
    let mut tables: Vec<String> =
        names.iter().filter(|n| !is_dictionary(n) && TABLES.iter().any(|e| base(n).ends_with(e))).cloned().collect();
    tables.sort();
    let (part, chosen) = match options.member {
        Some(i) if usize::from(i) < tables.len() => (usize::from(i), true),
        Some(i) => return Err(problem(Format::Zip, Problem::NoSuchPart(i.into()))),
        None => (tables.iter().position(|n| is_communes(n)).unwrap_or(0), false),
    };
    let name = tables.get(part).cloned().ok_or_else(|| problem(Format::Zip, Problem::NothingToRead))?;
    let member = read(&mut zip, &name, super::MAX_BYTES)?;
    // The dictionary of this member (`meta_` + its name), else the archive's only one.
    let dictionaries: Vec<&String> = names.iter().filter(|n| is_dictionary(n)).collect();
    let own = format!("meta_{}", base(&name));
    let dictionary = dictionaries
        .iter()
        .find(|d| base(d) == own)
        .or_else(|| (dictionaries.len() == 1).then(|| &dictionaries[0]))
        .map(|d| (*d).clone());
    let dictionary = match dictionary {
        Some(d) => Some((d.clone(), read(&mut zip, &d, DICTIONARY_AT_MOST)?)),
        None => None,
    };
    let (bytes, written, inner) = match super::format(&member)? {
        Some(Format::Zip) => return Err(problem(Format::Zip, Problem::NothingToRead)),
        Some(format) => {
            let sheet = super::workbook::open(&member, format, options.sheet)?;
            (sheet.bytes, true, Some(Box::new(sheet.opened)))
        }
        None => (member, false, None),
    };
    Ok(Unwrapped {
        bytes,
        written,
        opened: Opened {
            format: Format::Zip,
            parts: tables,
            part,
            chosen,
            inner,
            dictionary: dictionary.as_ref().map(|(n, _)| n.clone()),
        },
        dictionary,
    })
}

/// The bytes of member `name`, at most `limit` of them once inflated.
fn read(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, limit: u64) -> Result<Vec<u8>> {
    let too_large = || problem(Format::Zip, Problem::TooLarge { member: name.to_owned() });
    let mut file = zip.by_name(name).map_err(|e| problem(Format::Zip, Problem::Damaged(e.to_string())))?;
    if file.size() > limit {
        return Err(too_large());
    }
    let mut out = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0));
    let read = (&mut file)
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| problem(Format::Zip, Problem::Damaged(e.to_string())))?;
    if read as u64 > limit {
        return Err(too_large());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_are_told_by_their_names() {
        assert!(is_communes("base-cc-filosofi-2019_CSV/cc_filosofi_2019_COM.CSV"));
        assert!(is_communes("FILO2019_DEC_COM.xlsx") && !is_communes("cc_filosofi_2019_EPCI.CSV"));
        assert!(!is_communes("comparateur.csv"));
        assert!(is_dictionary("meta_cc_filosofi_2019_COM.CSV") && !is_dictionary("cc_filosofi_2019_COM.CSV"));
    }
}
