//! Generates Carnet's built-in variable labels from INSEE's own dictionaries (`dictionaries/`,
//! shipped byte for byte): each `meta_*` file is cut down to its variables (`COD_VAR;LIB_VAR;
//! LIB_VAR_LONG`, no modality rows: the 35,000 communes and 16,000 IRIS they list weigh
//! megabytes and label no column), written to `OUT_DIR`, and listed in `dictionaries.rs` for
//! `engine::tidy::builtin` to read with the engine's own dictionary reader.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

/// The dictionaries, in the order they label a variable (the first that has it).
const DICTIONARIES: &[&str] =
    &["meta_dossier_complet.csv", "meta_BASE_TD_FILO_IRIS_2021_DISP.csv", "meta_BASE_TD_FILO_IRIS_2021_DEC.csv"];

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=dictionaries");
    println!("cargo:rerun-if-changed=build.rs");
    let mut listing = String::from(
        "/// INSEE's dictionaries shipped with Carnet, cut down to their variables at build time, in\n\
         /// the order they label: (file name, `COD_VAR;LIB_VAR;LIB_VAR_LONG` as CSV).\n\
         pub const DICTIONARIES: &[(&str, &str)] = &[\n",
    );
    for name in DICTIONARIES {
        let path = Path::new("dictionaries").join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{}: INSEE writes it in UTF-8", path.display()));
        let variables = variables(&text).unwrap_or_else(|why| panic!("{}: {why}", path.display()));
        let target = Path::new(&out).join(name);
        fs::write(&target, variables).expect("OUT_DIR is writable");
        writeln!(listing, "    ({name:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/{name}\"))),").unwrap();
    }
    listing.push_str("];\n");
    fs::write(Path::new(&out).join("dictionaries.rs"), listing).expect("OUT_DIR is writable");
}

/// The variable rows of a `meta_` file (`;`-separated, no quotes) as CSV with a header.
fn variables(text: &str) -> Result<String, String> {
    let mut lines = text.lines().map(|l| l.trim_end_matches('\r'));
    let header: Vec<&str> = lines.next().ok_or("empty")?.trim_start_matches('\u{feff}').split(';').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).ok_or(format!("no {name} column"));
    let (code, title, long, modality) = (at("COD_VAR")?, at("LIB_VAR")?, at("LIB_VAR_LONG")?, at("COD_MOD")?);
    let mut out = String::from("COD_VAR;LIB_VAR;LIB_VAR_LONG\n");
    for line in lines.filter(|l| !l.is_empty()) {
        let fields: Vec<&str> = line.split(';').collect();
        let field = |i: usize| fields.get(i).copied().unwrap_or("").trim();
        if field(code).is_empty() || !field(modality).is_empty() {
            continue;
        }
        let quoted = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        writeln!(out, "{};{};{}", quoted(field(code)), quoted(field(title)), quoted(field(long))).unwrap();
    }
    Ok(out)
}
