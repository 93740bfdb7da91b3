//! GitHub Actions workflow commands: one `::error` or `::warning` line per finding,
//! printed after the human log (annotations in addition to the log, never instead),
//! and a notice of how many GitHub will not show.

use super::located::Placed;
use ordo_core::finding::Severity;

/// How many annotations of each kind GitHub shows for one step.
const SHOWN_PER_STEP: usize = 10;

/// One annotation line per finding, its file under `prefix` (the ledger's
/// folder in the repository, `""` at its root).
pub fn annotations(placed: &[Placed<'_>], prefix: &str) -> String {
    let mut out = String::new();
    let (mut errors, mut warnings) = (0usize, 0usize);
    for p in placed {
        let kind = match p.finding.severity {
            Severity::Error => {
                errors += 1;
                "error"
            }
            Severity::Warning => {
                warnings += 1;
                "warning"
            }
        };
        let file = format!(
            "{prefix}{}",
            p.finding.file.display().to_string().replace('\\', "/")
        );
        out.push_str(&format!(
            "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            property(&file),
            p.line,
            p.column,
            p.end_line,
            p.end_column,
            property(p.finding.code.as_str()),
            data(&p.finding.message),
        ));
    }
    let hidden_errors = errors.saturating_sub(SHOWN_PER_STEP);
    let hidden_warnings = warnings.saturating_sub(SHOWN_PER_STEP);
    if hidden_errors + hidden_warnings > 0 {
        out.push_str(&format!(
            "::notice title=ordo::{hidden_errors} errors and {hidden_warnings} warnings are not annotated: GitHub shows {SHOWN_PER_STEP} of each per step. The log above lists all {} findings.\n",
            errors + warnings
        ));
    }
    out
}

/// Escapes a message (the text after `::`).
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_per_the_workflow_command_rules() {
        assert_eq!(data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
