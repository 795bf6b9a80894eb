//! `cargo bench`: the engine's throughput on an INSEE-like national file, stage by stage.
//!
//! The file is generated, not committed: 35,000 communes × 100 columns, `;`-separated,
//! Windows-1252, decimal commas, secret cells, CRLF — about 35 MB. Each figure is the median
//! of several runs. `CARNET_BENCH_PROFILE=1` runs the whole load alone, over and over, for a profiler.

use carnet::engine::read::stream::Stream;
use carnet::engine::read::workspace::Workspace;
use carnet::engine::read::{decode, dialect, layout, parse};
use carnet::engine::territory::Place;
use carnet::engine::territory::selection::Selection;
use carnet::engine::tidy::explore::{self, Query, Sort};
use std::hint::black_box;
use std::time::{Duration, Instant};

const ROWS: usize = 35_000;
const COLUMNS: usize = 100;
const RUNS: usize = 7;

/// An INSEE-like national file in Windows-1252 (~34 MB, as the bench file).
fn national() -> Vec<u8> {
    let mut text = String::from("CODGEO;LIBGEO");
    for c in 2..COLUMNS {
        text.push_str(&format!(";P21_IND{c}"));
    }
    text.push_str("\r\n");
    for r in 0..ROWS {
        let code = if r == 0 { "59522".to_owned() } else { format!("{:02}{:03}", 1 + r % 95, r % 1000) };
        let name = if r % 3 == 0 { format!("Saint-Rémy-lès-Chevreuse {r}") } else { format!("Commune {r}") };
        text.push_str(&code);
        text.push(';');
        text.push_str(&name);
        for c in 2..COLUMNS {
            if c % 7 == 0 {
                text.push_str(";s");
            } else {
                // Weighted census values carry decimals, as INSEE publishes them.
                let whole = (r * 31 + c * 17) % 10_000;
                let fraction = (r * 7_919 + c * 104_729) % 100_000;
                text.push_str(&format!(";{whole},{fraction:05}"));
            }
        }
        text.push_str("\r\n");
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    bytes.into_owned()
}

fn median(mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

/// The median time of `run` on inputs `prepare` makes anew for each run, untimed.
fn median_with<T>(mut prepare: impl FnMut() -> T, mut run: impl FnMut(T)) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let input = prepare();
            let t = Instant::now();
            run(input);
            t.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn report(stage: &str, bytes: usize, time: Duration) {
    let mb = bytes as f64 / 1e6;
    println!("{stage:<34} {:>8.1} ms {:>8.0} MB/s", time.as_secs_f64() * 1e3, mb / time.as_secs_f64());
}

fn main() {
    // `cargo test --benches` runs this binary with `--bench` absent: keep it quick then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let bytes = national();
    // `CARNET_BENCH_PROFILE=1 cargo bench --bench engine`: the whole load only, over and over,
    // for a profiler (`perf record`) to see it alone.
    if std::env::var_os("CARNET_BENCH_PROFILE").is_some_and(|v| v == "list") {
        let tsv =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/target/generated/territoires.tsv")).unwrap();
        for _ in 0..50 {
            black_box(carnet::engine::territory::Territories::parse(&tsv).unwrap());
        }
        return;
    }
    if std::env::var_os("CARNET_BENCH_PROFILE").is_some() {
        for _ in 0..20 {
            black_box(Workspace::load("f.csv", &bytes, &mut ()).unwrap());
        }
        return;
    }
    println!(
        "INSEE-like file: {ROWS} rows × {COLUMNS} columns, {:.1} MB, Windows-1252, `;`, decimal commas",
        bytes.len() as f64 / 1e6
    );
    println!("{:<34} {:>11} {:>13}", "stage (median of 7)", "time", "throughput");

    let encoding = decode::detect(&bytes).unwrap();
    report("detect encoding", bytes.len(), median(|| _ = black_box(decode::detect(black_box(&bytes)))));
    let text = decode::decode(&bytes, encoding);
    report("decode Windows-1252 → UTF-8", bytes.len(), median(|| _ = black_box(decode::decode(&bytes, encoding))));
    let d = dialect::detect(&text);
    report(
        "detect dialect + layout",
        bytes.len(),
        median(|| _ = black_box(layout::detect(&text, dialect::detect(&text).separator))),
    );
    let l = layout::detect(&text, d.separator);
    report(
        "parse (csv-core → columns)",
        bytes.len(),
        median(|| _ = black_box(parse::parse(&text[l.start..l.end], 1, d.separator, &mut ()))),
    );
    report(
        "reference path (decode, parse, type)",
        bytes.len(),
        median(|| _ = black_box(Workspace::load_parsed("f.csv", &bytes, Default::default()).unwrap())),
    );
    report(
        "whole load (bytes → typed table)",
        bytes.len(),
        median(|| _ = black_box(Workspace::load("f.csv", &bytes, &mut ()).unwrap())),
    );
    let codes = ["59522".to_owned()];
    report(
        "territory-first load (one commune)",
        bytes.len(),
        median(|| {
            _ = black_box(Workspace::load_for("f.csv", &bytes, Default::default(), Some(&codes), &mut ()).unwrap())
        }),
    );
    let start = || Stream::start(&bytes, bytes.len() as u64, encoding, Default::default(), &codes).unwrap();
    report("  of which: scan every row", bytes.len(), median(|| start().feed(black_box(&bytes), &mut ())));
    report(
        "  of which: type sample + rows",
        bytes.len(),
        median_with(
            || {
                let mut stream = start();
                stream.feed(&bytes, &mut ());
                stream
            },
            |stream| _ = black_box(Workspace::from_stream("f.csv", stream).unwrap()),
        ),
    );
    let ws = Workspace::load("f.csv", &bytes, &mut ()).unwrap();
    let place = Place { code: "59522".into(), name: "Sailly-lez-Lannoy".into(), ..Place::default() };
    report("select one commune", bytes.len(), median(|| _ = black_box(Selection::of(&ws, &place).unwrap())));

    // The official commune list the page reads at start-up (issue 18, goal 6), as the build
    // ships it (`scripts/build-territories.mjs` writes it before each Trunk build).
    let list = concat!(env!("CARGO_MANIFEST_DIR"), "/target/generated/territoires.tsv");
    match std::fs::read_to_string(list) {
        Ok(tsv) => {
            let time = median(|| _ = black_box(carnet::engine::territory::Territories::parse(&tsv).unwrap()));
            report("commune list (territoires.tsv)", tsv.len(), time);
        }
        Err(_) => println!("commune list: {list} not built yet (trunk build, or node scripts/build-territories.mjs)"),
    }

    // Changing the territory once the table is built (issue 18, goal 3: ≤ 16 ms): the session's
    // whole answer for another commune — its rows, steps, documentation, clean CSV.
    let mut session = carnet::engine::dossier::session::Session::default();
    session.read("f.csv", bytes.clone(), Default::default()).unwrap();
    let mut at = 0;
    // Communes of the generated file (row r holds the code 1 + r % 95, r % 1000).
    let communes: Vec<Place> = [0_usize, 1, 2, 500, 1_001, 20_000, 34_999]
        .iter()
        .map(|&r| {
            let code = if r == 0 { "59522".to_owned() } else { format!("{:02}{:03}", 1 + r % 95, r % 1000) };
            Place { name: code.clone(), code, ..Place::default() }
        })
        .collect();
    let change = median(|| {
        at = (at + 1) % communes.len();
        assert!(black_box(session.select(&communes[at], "2026-12-05")).is_ok());
    });
    println!("{:<34} {:>8.1} ms", "change territory (whole table)", change.as_secs_f64() * 1e3);
    // The explorer over the whole national table (goal 4: each ≤ 50 ms).
    let table = ws.table();
    for (name, query) in [
        ("explorer: search « sailly »", Query { search: "sailly".into(), ..Query::default() }),
        ("explorer: filter LIBGEO « saint »", Query { filters: vec![(1, "saint".into())], ..Query::default() }),
        (
            "explorer: sort a numeric column",
            Query { sort: Some(Sort { column: 5, descending: true }), ..Query::default() },
        ),
    ] {
        let time = median(|| _ = black_box(explore::view(table, &query)));
        println!("{name:<34} {:>8.1} ms", time.as_secs_f64() * 1e3);
    }
}
