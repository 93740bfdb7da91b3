//! Reports as GitHub-flavoured Markdown, for a CI job summary.

use ordo_core::reports::report::Report;

pub fn render(report: &Report) -> String {
    let mut out = format!("## {}\n\n_as of {}", report.title, report.as_of);
    if let Some(stamp) = &report.commit {
        let short = stamp.commit.get(..12).unwrap_or(&stamp.commit);
        out.push_str(&format!(", ledger at commit `{short}`"));
        if stamp.dirty {
            out.push_str(" with uncommitted changes");
        }
    }
    out.push_str("_\n");
    for section in &report.sections {
        out.push('\n');
        if !section.title.is_empty() {
            out.push_str(&format!("### {}\n\n", section.title));
        }
        if section.rows.is_empty() {
            out.push_str("_None._\n");
            continue;
        }
        let headings: Vec<String> = section.columns.iter().map(|c| escape(c.heading)).collect();
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
    super::notes(report, &mut out, "> ");
    out
}

fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
