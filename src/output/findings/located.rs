//! Findings placed in their files: a route becomes a byte span, a line and a
//! column. This is the only place routes meet text.

use std::collections::HashMap;
use std::path::PathBuf;

use ordo_core::finding::{Finding, Part, Place};
use ordo_core::yaml::{LineIndex, Span, locate};

/// A finding with its position in the file's text.
#[derive(Debug, Clone)]
pub struct Placed<'a> {
    pub finding: &'a Finding,
    pub span: Option<Span>,
    /// 1-based; 1:1 for findings about a whole file.
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// Places every finding and sorts them by file, line and column.
pub fn place_all<'a>(
    findings: &'a [Finding],
    sources: &HashMap<PathBuf, String>,
) -> Vec<Placed<'a>> {
    let mut placed: Vec<Placed<'a>> = findings
        .iter()
        .map(|finding| place(finding, sources.get(&finding.file).map(String::as_str)))
        .collect();
    placed.sort_by(|a, b| {
        (&a.finding.file, a.line, a.column, a.finding.code).cmp(&(
            &b.finding.file,
            b.line,
            b.column,
            b.finding.code,
        ))
    });
    placed
}

fn place<'a>(finding: &'a Finding, text: Option<&str>) -> Placed<'a> {
    let whole = Placed {
        finding,
        span: None,
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
    };
    let Some(text) = text else { return whole };
    let span = match &finding.place {
        Place::File => return whole,
        Place::Span(span) => *span,
        Place::Route(route, part) => {
            let found = locate(text, route);
            match (part, found.key) {
                (Part::Key, Some(key)) => key,
                (Part::Value, Some(key)) if !found.exact => key,
                _ => first_line(text, found.value),
            }
        }
    };
    let index = LineIndex::new(text);
    let (line, column) = index.line_col(text, span.start);
    let (end_line, end_column) = index.line_col(text, span.end);
    Placed {
        finding,
        span: Some(span),
        line,
        column,
        end_line,
        end_column,
    }
}

/// Trims a span to its first line: a label under a whole mapping says nothing more.
fn first_line(text: &str, span: Span) -> Span {
    let end = text[span.start..span.end.min(text.len())]
        .find('\n')
        .map_or(span.end, |i| span.start + i);
    Span::new(span.start, end.max(span.start))
}
