//! Findings as text: `human` (rustc-like, with the source lines), `json_v1`
//! (versioned, documented in docs/json.md) and `github` (annotations).
//! `located` turns a finding's route into a line and column first.

pub mod github;
pub mod human;
pub mod json_v1;
pub mod located;
