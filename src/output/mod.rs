//! Turning findings into text: human (rustc-like), JSON (versioned) and GitHub
//! annotations. One renderer per format; the checks never print.

pub mod github;
pub mod human;
pub mod json;
pub mod located;
pub mod render;
pub mod table;
