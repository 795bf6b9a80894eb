//! The dossier: its files ([`sources`]), what the worker keeps between requests and answers
//! ([`session`]), the tidy table across the files ([`compiled`]), the recipe that replays it on
//! next year's files ([`recipe`]) with what changed ([`report`]), and the settings kept on the device and in a dossier file
//! ([`saved`]).

pub mod compiled;
pub mod recipe;
pub mod report;
pub mod saved;
pub mod session;
pub mod sources;
