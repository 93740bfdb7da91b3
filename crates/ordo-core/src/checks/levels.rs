//! The severities a ledger sets per finding code under `checks:` in
//! `ordo.yaml`; findings that mean a file cannot be used keep theirs.

use crate::finding::{Finding, Severity};
use crate::model::Config;
use crate::model::config::Level;

/// Applies the severities configured under `checks:`; `off` drops a finding.
pub fn apply(config: &Config, findings: &mut Vec<Finding>) {
    findings.retain_mut(|finding| {
        if !finding.code.is_adjustable() {
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

#[cfg(test)]
mod tests {
    use super::apply;
    use crate::finding::{Code, Finding, Severity};
    use crate::test_kit::config;

    #[test]
    fn a_ledger_raises_lowers_or_drops_a_code_but_never_one_that_makes_a_file_unusable() {
        let config =
            config("checks:\n  lead-time: error\n  verbal-unconfirmed: off\n  id-mismatch: off\n");
        let rel = std::path::Path::new("o.yaml");
        let mut findings = vec![
            Finding::warning(Code::LeadTime, rel, "late"),
            Finding::warning(Code::VerbalUnconfirmed, rel, "verbal"),
            Finding::error(Code::IdMismatch, rel, "wrong file"),
            Finding::warning(Code::Future, rel, "untouched"),
        ];
        apply(&config, &mut findings);
        let seen: Vec<(Code, Severity)> = findings.iter().map(|f| (f.code, f.severity)).collect();
        assert_eq!(
            seen,
            [
                (Code::LeadTime, Severity::Error),
                (Code::IdMismatch, Severity::Error),
                (Code::Future, Severity::Warning)
            ]
        );
    }
}
