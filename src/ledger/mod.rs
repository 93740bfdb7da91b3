//! The ledger on disk: finding its root, listing its files, reading and checking
//! each one into the model.

pub mod agenda_cache;
pub mod cache;
pub mod discover;
pub mod files;
pub mod open;
pub mod pass;
pub mod read;
pub mod revision;
pub mod source;
