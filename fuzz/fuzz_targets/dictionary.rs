//! Fuzzes the reader of INSEE variable dictionaries (`meta_….CSV`): any bytes give a
//! dictionary or a typed error, never a panic.
#![no_main]

use carnet::engine::tidy::dictionary::Dictionary;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(dictionary) = Dictionary::read("meta.csv", bytes) {
        let _ = dictionary.label("MED20");
    }
});
