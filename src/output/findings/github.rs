//! GitHub Actions workflow commands: one `::error` or `::warning` line per finding,
//! printed after the human log (annotations in addition to the log, never instead).

use super::located::Placed;
use ordo_core::finding::Severity;

/// One annotation line per finding.
pub fn annotations(placed: &[Placed<'_>]) -> String {
    let mut out = String::new();
    for p in placed {
        let kind = match p.finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!(
            "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            property(&p.finding.file.display().to_string().replace('\\', "/")),
            p.line,
            p.column,
            p.end_line,
            p.end_column,
            property(p.finding.code.as_str()),
            data(&p.finding.message),
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
