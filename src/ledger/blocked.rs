//! What keeps a command from going on: findings, with the texts that show
//! them; and the files a pass over the orders left out.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ordo_core::finding::Finding;

/// Findings that stop a command, with the texts needed to show them.
#[derive(Debug, Default)]
pub struct Blocked {
    pub findings: Vec<Finding>,
    pub sources: HashMap<PathBuf, String>,
}

impl Blocked {
    /// What is wrong, in a line: the first finding.
    pub fn first_problem(&self) -> String {
        self.findings.first().map_or_else(
            || "cannot be read".to_owned(),
            |f| format!("{}: {}", f.code, f.message),
        )
    }

    pub fn from(findings: Vec<Finding>, rel: &Path, text: Option<&str>) -> Self {
        let mut sources = HashMap::new();
        if let Some(text) = text {
            sources.insert(rel.to_path_buf(), text.to_owned());
        }
        Blocked { findings, sources }
    }
}

/// A file a pass over the orders left out, and why.
pub type LeftOut = (PathBuf, Blocked);
