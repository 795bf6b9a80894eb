//! A ZIP archive as INSEE ships its files: one table per level (`…_COM`, `…_EPCI`, `…_DEP`…),
//! as CSV or workbooks, beside `meta_` dictionaries. The member read is the user's, else the
//! commune-level one, else the first table; its dictionary comes with it. Read on the communes'
//! table, the tables of the other levels with the same columns join it, each row marked with its
//! level (`NIVGEO`): their own values (a département's true median, never a sum) are the
//! comparisons.

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
    let (bytes, written, inner, levels) = match super::format(&member)? {
        Some(Format::Zip) => return Err(problem(Format::Zip, Problem::NothingToRead)),
        Some(format) => {
            let sheet = super::workbook::open(&member, format, options.sheet)?;
            (sheet.bytes, true, Some(Box::new(sheet.opened)), Vec::new())
        }
        None => {
            let siblings: Vec<(String, &'static str)> = levels_of(&name, &tables);
            let mut read_siblings = Vec::new();
            for (sibling, level) in siblings {
                read_siblings.push((sibling.clone(), level, read(&mut zip, &sibling, super::MAX_BYTES)?));
            }
            // No sibling: the member as it is, not decoded for nothing.
            match (!read_siblings.is_empty()).then(|| merged(&member, &read_siblings)).flatten() {
                Some((text, joined)) => (text.into_bytes(), true, None, joined),
                None => (member, false, None, Vec::new()),
            }
        }
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
            levels,
        },
        dictionary,
    })
}

/// The level tokens of INSEE's member names, with the level each one is.
const LEVELS: [(&str, &str); 6] =
    [("epci", "EPCI"), ("dep", "DEP"), ("reg", "REG"), ("fe", "FR"), ("fm", "FR"), ("metro", "FR")];

/// The tables of other levels beside the communes' table `name` (`…_COM.CSV` → `…_EPCI.CSV`,
/// `…_DEP.CSV`, `…_REG.CSV`), with their level.
fn levels_of(name: &str, tables: &[String]) -> Vec<(String, &'static str)> {
    let tokens =
        |n: &str| -> Vec<String> { n.to_lowercase().split(['_', '-', '.', ' ', '/']).map(str::to_owned).collect() };
    let own = tokens(name);
    let Some(at) = own.iter().position(|t| t == "com") else { return Vec::new() };
    tables
        .iter()
        .filter(|t| *t != name)
        .filter_map(|t| {
            let other = tokens(t);
            let same =
                other.len() == own.len() && other.iter().zip(&own).enumerate().all(|(i, (a, b))| i == at || a == b);
            let level = LEVELS.iter().find(|(token, _)| other.get(at).is_some_and(|o| o == token))?.1;
            same.then(|| (t.clone(), level))
        })
        .collect()
}

/// The communes' table `member` with the rows of `siblings` (other levels' tables of the same
/// header) after its own, as `;` UTF-8 text with a `NIVGEO` column saying each row's level; the
/// members joined. `None` when the communes' table is not `;` text or no sibling has its header.
fn merged(member: &[u8], siblings: &[(String, &'static str, Vec<u8>)]) -> Option<(String, Vec<String>)> {
    use crate::engine::read::{decode, dialect, layout};
    let text =
        |bytes: &[u8]| -> Option<String> { Some(decode::decode(bytes, decode::detect(bytes).ok()?).into_owned()) };
    let own = text(member)?;
    let sep = dialect::detect(&own).separator;
    if sep != dialect::Separator::Semicolon {
        return None;
    }
    let table = |t: &str| -> (layout::Layout, String, Vec<String>) {
        let l = layout::detect(t, sep);
        let body = &t[l.start..l.end];
        // Logical lines: a quoted field may hold a line break.
        let mut lines = dialect::logical_lines(body).filter(|l| !l.trim().is_empty());
        let header = lines.next().unwrap_or_default().to_owned();
        let rows = lines.map(str::to_owned).collect();
        (l, header, rows)
    };
    let (l, header, rows) = table(&own);
    let width = dialect::count_fields(header.as_bytes(), b';');
    let mut out = String::with_capacity(own.len() + own.len() / 10);
    for title in &l.title_lines {
        out.push_str(title);
        out.push('\n');
    }
    out.push_str(&header);
    out.push_str(";NIVGEO\n");
    let push = |rows: &[String], level: &str, out: &mut String| {
        for row in rows.iter().filter(|r| dialect::count_fields(r.as_bytes(), b';') == width) {
            out.push_str(row);
            out.push(';');
            out.push_str(level);
            out.push('\n');
        }
    };
    push(&rows, "COM", &mut out);
    let mut joined = Vec::new();
    for (name, level, bytes) in siblings {
        let Some(t) = text(bytes) else { continue };
        let (_, their_header, their_rows) = table(&t);
        if their_header.trim() == header.trim() {
            push(&their_rows, level, &mut out);
            joined.push(name.clone());
        }
    }
    for note in &l.footnotes {
        out.push_str(note);
        out.push('\n');
    }
    (!joined.is_empty()).then_some((out, joined))
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
