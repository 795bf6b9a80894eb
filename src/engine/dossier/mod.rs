//! The dossier: what the worker keeps between requests ([`session`]) and the recipe that
//! replays it on next year's files ([`recipe`]).

pub mod recipe;
pub mod saved;
pub mod session;
pub mod sources;
