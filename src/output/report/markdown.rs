//! Reports as GitHub-flavoured Markdown, for a CI job summary.

use ordo_core::i18n::{heading, t, tr};
use ordo_core::reports::report::Report;

pub fn render(report: &Report) -> String {
    let lang = report.lang;
    let as_of = tr(lang, "as-of", &[("when", report.as_of.as_str().into())]);
    let mut out = format!("## {}\n\n_{}", escape(&report.title), escape(&as_of));
    if let Some(stamp) = &report.commit {
        let short = stamp.commit.get(..12).unwrap_or(&stamp.commit);
        let at = tr(
            lang,
            "at-commit",
            &[("commit", format!("`{short}`").as_str().into())],
        );
        out.push_str(&format!(", {at}"));
        if stamp.dirty {
            out.push_str(&format!(" {}", t(lang, "dirty")));
        }
    }
    out.push_str("_\n");
    for section in &report.sections {
        out.push('\n');
        if !section.title.is_empty() {
            out.push_str(&format!("### {}\n\n", escape(&section.title)));
        }
        if section.rows.is_empty() {
            out.push_str(&format!("_{}_\n", escape(&t(lang, "none"))));
            continue;
        }
        let headings: Vec<String> = section
            .columns
            .iter()
            .map(|c| escape(&heading(lang, c.heading)))
            .collect();
        out.push_str(&format!("| {} |\n", headings.join(" | ")));
        out.push_str(&format!(
            "|{}\n",
            section.columns.iter().map(|_| " --- |").collect::<String>()
        ));
        for row in &section.rows {
            let cells: Vec<String> = row.iter().map(|c| escape(&c.text())).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    }
    super::notes(report, &mut out, "> ", escape);
    out
}

/// Text that renders as itself: every character Markdown (with GitHub's tables,
/// strikethrough and autolinks) or HTML could read as syntax is backslash-escaped,
/// the backslash first, so `a\|b` stays one cell and `<b>` is not a tag.
pub fn escape(text: &str) -> String {
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
