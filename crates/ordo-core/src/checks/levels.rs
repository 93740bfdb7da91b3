//! The severities a ledger sets per finding code under `checks:` in
//! `ordo.yaml`; findings that mean a file cannot be used keep theirs.

use crate::finding::{Finding, Severity};
use crate::model::Config;
use crate::model::config::Level;

/// Applies the severities configured under `checks:`; `off` drops a finding.
pub fn apply(config: &Config, findings: &mut Vec<Finding>) {
    findings.retain_mut(|finding| {
        if finding.code.is_fatal() {
            return true;
        }
        match config.checks.get(finding.code.as_str()) {
            Some(Level::Off) => false,
            Some(Level::Error) => {
                finding.severity = Severity::Error;
                true
            }
            Some(Level::Warning) => {
                finding.severity = Severity::Warning;
                true
            }
            None => true,
        }
    });
}
