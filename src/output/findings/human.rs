//! The human format: rustc-like diagnostics rendered through miette. Each finding
//! becomes a `miette::Diagnostic`; [`RustcHandler`] lays it out as
//! `error[code]: message`, `--> file:line:col`, the source line with the span
//! underlined and labelled, and `= help:` lines.

use std::fmt::{self, Write as _};

use miette::{Diagnostic, LabeledSpan, NamedSource, ReportHandler, Severity as MietteSeverity};
use owo_colors::{OwoColorize, Style};
use unicode_width::UnicodeWidthStr;

use super::located::Placed;
use ordo_core::finding::Severity;
use ordo_core::yaml::Span;

/// A placed finding seen as a miette diagnostic.
struct FindingDiagnostic<'a> {
    placed: &'a Placed<'a>,
    source: Option<NamedSource<String>>,
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.placed.finding.message)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.placed.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.placed.finding.code))
    }

    fn severity(&self) -> Option<MietteSeverity> {
        Some(match self.placed.finding.severity {
            Severity::Error => MietteSeverity::Error,
            Severity::Warning => MietteSeverity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.placed
            .finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.placed.span?;
        let label = Some(self.placed.finding.label.clone()).filter(|l| !l.is_empty());
        Some(Box::new(std::iter::once(LabeledSpan::new(
            label,
            span.start,
            span.len(),
        ))))
    }
}

/// Lays out a diagnostic the way rustc does.
pub struct RustcHandler {
    pub color: bool,
    /// The file name and position shown on the `-->` line.
    location: String,
    /// The source line that holds the start of the label.
    line: Option<Span>,
}

impl RustcHandler {
    fn style(&self, style: Style) -> Style {
        if self.color { style } else { Style::new() }
    }
}

impl ReportHandler for RustcHandler {
    fn debug(&self, diagnostic: &dyn Diagnostic, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (word, tone) = match diagnostic.severity() {
            Some(MietteSeverity::Warning) => ("warning", Style::new().yellow().bold()),
            _ => ("error", Style::new().red().bold()),
        };
        let gutter_style = self.style(Style::new().blue().bold());
        let code = diagnostic
            .code()
            .map(|c| format!("[{c}]"))
            .unwrap_or_default();
        writeln!(
            f,
            "{}{} {}",
            format!("{word}{code}").style(self.style(tone)),
            ":".style(self.style(Style::new().bold())),
            diagnostic
                .to_string()
                .style(self.style(Style::new().bold()))
        )?;

        let label = diagnostic.labels().and_then(|mut l| l.next());
        let contents = match (&self.line, diagnostic.source_code()) {
            (Some(line), Some(source)) => source
                .read_span(&(line.start, line.len()).into(), 0, 0)
                .ok(),
            _ => None,
        };
        let line_no = contents.as_ref().map(|c| c.line() + 1);
        let width = line_no.map_or(1, |n| n.to_string().len());
        let pad = " ".repeat(width);
        writeln!(f, "{pad}{} {}", "-->".style(gutter_style), self.location)?;
        if let (Some(label), Some(contents), Some(line_no)) = (&label, &contents, line_no) {
            let data = String::from_utf8_lossy(contents.data());
            let first = data.lines().next().unwrap_or_default();
            let line_start = contents.span().offset();
            let start = label.offset().saturating_sub(line_start).min(first.len());
            let end = (label.offset() + label.len())
                .saturating_sub(line_start)
                .clamp(start, first.len());
            let before = first.get(..start).unwrap_or_default().replace('\t', " ");
            let marked = first.get(start..end).unwrap_or_default();
            let carets = "^".repeat(marked.width().max(1));
            writeln!(f, "{pad} {}", "|".style(gutter_style))?;
            writeln!(
                f,
                "{} {} {}",
                format!("{line_no:>width$}").style(gutter_style),
                "|".style(gutter_style),
                first.trim_end()
            )?;
            let text = label.label().map(|l| format!(" {l}")).unwrap_or_default();
            writeln!(
                f,
                "{pad} {} {}{}",
                "|".style(gutter_style),
                " ".repeat(before.width()),
                format!("{carets}{text}").style(self.style(tone))
            )?;
            writeln!(f, "{pad} {}", "|".style(gutter_style))?;
        }
        if let Some(help) = diagnostic.help() {
            writeln!(
                f,
                "{pad} {} {}",
                "=".style(gutter_style),
                format!("help: {help}").trim_end()
            )?;
        }
        Ok(())
    }
}

/// Renders one placed finding in the human format.
pub fn render(placed: &Placed<'_>, text: Option<&str>, color: bool) -> String {
    let file = placed.finding.file.display().to_string();
    let diagnostic = FindingDiagnostic {
        placed,
        source: text.map(|t| NamedSource::new(file.clone(), t.to_owned())),
    };
    let location = if placed.span.is_some() {
        format!("{file}:{}:{}", placed.line, placed.column)
    } else {
        file
    };
    let line = placed.span.zip(text).map(|(span, text)| {
        let start = text[..span.start.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        Span::new(start, end)
    });
    let handler = RustcHandler {
        color,
        location,
        line,
    };
    let mut out = String::new();
    let _ = write!(out, "{}", Adapter(&handler, &diagnostic));
    out
}

struct Adapter<'a>(&'a RustcHandler, &'a dyn Diagnostic);

impl fmt::Display for Adapter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.debug(self.1, f)
    }
}

/// The closing count: `2 errors, 1 warning in 314 orders`.
pub fn summary(errors: usize, warnings: usize, orders: usize, files: usize) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let others = files.saturating_sub(orders);
    let mut text = format!(
        "{}, {} in {}",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(orders, "order")
    );
    if others > 0 {
        text.push_str(&format!(" and {}", plural(others, "other file")));
    }
    text
}

/// Renders every finding (sorted by place) followed by nothing else: the text a
/// command prints when findings stop it.
pub fn render_all(
    findings: &[ordo_core::finding::Finding],
    sources: &std::collections::HashMap<std::path::PathBuf, String>,
    color: bool,
) -> String {
    let placed = super::located::place_all(findings, sources);
    let mut text = String::new();
    for p in &placed {
        let source = sources.get(&p.finding.file).map(String::as_str);
        text.push_str(&render(p, source, color));
        text.push('\n');
    }
    text
}
