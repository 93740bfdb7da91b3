//! The ledger on disk: finding its root, listing its files, reading and checking
//! each one into the model.

pub mod agenda_cache;
pub mod blocked;
pub mod cache;
pub mod discover;
pub mod files;
pub mod git_ids;
pub mod ids;
#[allow(clippy::module_inception)] // `ledger::ledger::Ledger`: the type has a file of its own.
pub mod ledger;
pub mod log;
pub mod opened;
pub mod pass;
pub mod read;
pub mod revision;
pub mod source;
pub mod stamp;
mod stream;
