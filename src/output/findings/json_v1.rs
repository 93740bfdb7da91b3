//! The JSON format of `ordo validate`, version 1 (documented in docs/json.md). Its
//! fields are frozen: additions get a new version, nothing is renamed in place.

use serde::Serialize;

use super::located::Placed;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    summary: Summary,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    orders: usize,
    files: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'static str,
    severity: &'static str,
    message: &'a str,
    label: Option<&'a str>,
    help: Option<&'a str>,
    file: String,
    /// The YAML path of the node, e.g. `steps.ORD-02.by`; null for file-level findings.
    path: Option<String>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

/// Renders the findings as one JSON document.
pub fn render(
    placed: &[Placed<'_>],
    errors: usize,
    warnings: usize,
    orders: usize,
    files: usize,
) -> String {
    let report = Report {
        version: 1,
        summary: Summary {
            errors,
            warnings,
            orders,
            files,
        },
        findings: placed
            .iter()
            .map(|p| JsonFinding {
                code: p.finding.code.as_str(),
                severity: p.finding.severity.as_str(),
                message: &p.finding.message,
                label: Some(p.finding.label.as_str()).filter(|l| !l.is_empty()),
                help: p.finding.help.as_deref(),
                file: p.finding.file.display().to_string().replace('\\', "/"),
                path: match &p.finding.place {
                    ordo_core::finding::Place::Route(route, _) => Some(route.to_string()),
                    _ => None,
                },
                line: p.line,
                column: p.column,
                end_line: p.end_line,
                end_column: p.end_column,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}
