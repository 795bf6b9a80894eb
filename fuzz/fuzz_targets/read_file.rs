//! Fuzzes the detect-and-parse entry point: any bytes, read whole, territory-first and as they
//! arrive in chunks, must give a table or an error, never a panic, and never lose a row between
//! the paths.
#![no_main]

use carnet::engine::read::reading::Reading;
use carnet::engine::read::ReadOptions;
use carnet::engine::read::workspace::Workspace;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let whole = Workspace::load("f.csv", bytes, &mut ());
    let codes = ["59522".to_owned()];
    let focused = Workspace::load_for("f.csv", bytes, ReadOptions::default(), Some(&codes), &mut ());
    if let (Ok(w), Ok(f)) = (&whole, &focused) {
        assert_eq!(w.detection().rows + w.detection().set_aside, f.detection().rows + f.detection().set_aside);
        let _ = w.preview(20);
    }
    // The same bytes fed in chunks of a size the input picks.
    let chunk = 1 + usize::from(bytes.first().copied().unwrap_or(0)) * 97;
    let mut reading = Reading::new("f.csv", bytes.len() as u64, ReadOptions::default(), Some(&codes), true);
    for c in bytes.chunks(chunk) {
        reading.push(c, &mut ());
    }
    let (chunked, kept) = reading.finish(&mut ());
    assert_eq!(kept.as_deref(), Some(bytes));
    match (&focused, &chunked) {
        (Ok(f), Ok(c)) => assert_eq!(f.detection(), c.detection()),
        (Err(_), Err(_)) => {}
        _ => panic!("the chunked read and the whole read disagree"),
    }
});
