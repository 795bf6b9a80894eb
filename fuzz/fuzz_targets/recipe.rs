//! Fuzzes the recipe reader, the path every recipe file, `?src=` recipe and share link takes on
//! the Rust side: any text gives a recipe or a typed error, never a panic, and a recipe read
//! is written back to a recipe that reads the same.
#![no_main]

use carnet::engine::dossier::recipe::Recipe;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(recipe) = Recipe::from_json(&text) {
        let again = Recipe::from_json(&recipe.to_json()).expect("a recipe written by Carnet reads back");
        assert_eq!(again.to_json(), recipe.to_json());
    }
});
