//! Reports as aligned text tables (comfy-table), fitted to the terminal's width.

use std::borrow::Cow;

use crate::output::plain_table::{plain, render as lines, render_direct};
use ordo_core::i18n::{heading, t, tr};
use ordo_core::reports::report::Report;

pub fn render(report: &Report) -> String {
    let lang = report.lang;
    let as_of = tr(lang, "as-of", &[("when", report.as_of.as_str().into())]);
    let mut out = format!("{} ({as_of})\n", report.title);
    for section in &report.sections {
        out.push('\n');
        if !section.title.is_empty() {
            out.push_str(&format!("{}\n", section.title));
        }
        if section.rows.is_empty() {
            out.push_str(&format!(
                "  ({})\n",
                t(lang, "none").trim_end_matches(['.', '。'])
            ));
            continue;
        }
        let headings: Vec<String> = section
            .columns
            .iter()
            .map(|c| heading(lang, c.heading))
            .collect();
        let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
        let cells = section
            .rows
            .iter()
            .map(|row| row.iter().map(|c| Cow::Owned(c.text())));
        match render_direct(&headings, cells) {
            Some(text) => out.push_str(&text),
            None => {
                let mut table = plain(&headings);
                for row in &section.rows {
                    table.add_row(row.iter().map(|c| c.text()).collect::<Vec<_>>());
                }
                out.push_str(&lines(&table));
            }
        }
    }
    super::notes(report, &mut out, "", str::to_owned);
    out
}
