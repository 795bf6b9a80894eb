//! Fuzzes the detect-and-parse entry point: any bytes, read whole and territory-first, must
//! give a table or an error, never a panic, and never lose a row between the two paths.
#![no_main]

use carnet::engine::workspace::{ReadOptions, Workspace};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let whole = Workspace::load("f.csv", bytes, &mut ());
    let codes = ["59522".to_owned()];
    let focused = Workspace::load_for("f.csv", bytes, ReadOptions::default(), Some(&codes), &mut ());
    if let (Ok(w), Ok(f)) = (&whole, &focused) {
        assert_eq!(w.detection().rows + w.detection().set_aside, f.detection().rows + f.detection().set_aside);
        let _ = w.preview(20);
    }
});
