//! Reports as aligned text tables (comfy-table), fitted to the terminal's width.

use crate::output::plain_table::{plain, render as lines};
use ordo_core::reports::report::Report;

pub fn render(report: &Report) -> String {
    let mut out = format!("{} (as of {})\n", report.title, report.as_of);
    for section in &report.sections {
        out.push('\n');
        if !section.title.is_empty() {
            out.push_str(&format!("{}\n", section.title));
        }
        if section.rows.is_empty() {
            out.push_str("  (none)\n");
            continue;
        }
        let headings: Vec<&str> = section.columns.iter().map(|c| c.heading).collect();
        let mut table = plain(&headings);
        for row in &section.rows {
            table.add_row(row.iter().map(|c| c.text()).collect::<Vec<_>>());
        }
        out.push_str(&lines(&table));
    }
    super::notes(report, &mut out, "", str::to_owned);
    out
}
