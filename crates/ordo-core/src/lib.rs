//! The pure core of ordo: the typed ledger model, decoding ledger files from
//! their text, the due-date engine (working calendars, durations, due rules,
//! schedules, SLA clocks), the checks behind `ordo validate`, and the rows of
//! every report. Nothing here reads a file, the environment or the clock, or
//! prints: texts and "now" come in as arguments, findings and rows go out.

pub mod checks;
pub mod document;
pub mod engine;
pub mod finding;
pub mod i18n;
pub mod layout;
pub mod model;
pub mod reports;
pub mod schema;
pub mod suggest;
#[cfg(test)]
mod test_kit;
pub mod yaml;
