//! Reports as GitHub-flavoured Markdown, for a CI job summary.

use std::io::{self, Write};

use super::view::View;
use ordo_core::i18n::{heading, t, tr};

pub(crate) fn write(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let report = view.report;
    let lang = report.lang;
    let as_of = tr(lang, "as-of", &[("when", report.as_of.as_str().into())]);
    write!(out, "## {}\n\n_{}", escape(&report.title), escape(&as_of))?;
    if let Some(stamp) = &report.commit {
        let short = stamp.commit.get(..12).unwrap_or(&stamp.commit);
        let at = tr(
            lang,
            "at-commit",
            &[("commit", format!("`{short}`").as_str().into())],
        );
        write!(out, ", {at}")?;
        if stamp.dirty {
            write!(out, " {}", t(lang, "dirty"))?;
        }
    }
    writeln!(out, "_")?;
    for (section, rows) in view.sections() {
        writeln!(out)?;
        if !section.title.is_empty() {
            writeln!(out, "### {}\n", escape(&section.title))?;
        }
        if rows.is_empty() {
            writeln!(out, "_{}_", escape(&t(lang, "none")))?;
            continue;
        }
        let headings: Vec<String> = section
            .columns
            .iter()
            .map(|c| escape(&heading(lang, c.heading)))
            .collect();
        writeln!(out, "| {} |", headings.join(" | "))?;
        writeln!(
            out,
            "|{}",
            section.columns.iter().map(|_| " --- |").collect::<String>()
        )?;
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| escape(&c.text())).collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
    }
    super::notes(view, out, "> ", escape)
}

/// Text that renders as itself: every character Markdown (with GitHub's tables,
/// strikethrough and autolinks) or HTML could read as syntax is backslash-escaped,
/// the backslash first, so `a\|b` stays one cell and `<b>` is not a tag.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
