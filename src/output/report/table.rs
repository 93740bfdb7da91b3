//! Reports as aligned text tables (comfy-table), fitted to the terminal's width.

use std::borrow::Cow;
use std::io::{self, Write};

use super::view::View;
use crate::output::plain_table::{plain, render as lines, render_direct};
use ordo_core::i18n::{heading, t, tr};

pub fn write(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let report = view.report;
    let lang = report.lang;
    let as_of = tr(lang, "as-of", &[("when", report.as_of.as_str().into())]);
    writeln!(out, "{} ({as_of})", report.title)?;
    for (section, rows) in view.sections() {
        writeln!(out)?;
        if !section.title.is_empty() {
            writeln!(out, "{}", section.title)?;
        }
        if rows.is_empty() {
            writeln!(out, "  ({})", t(lang, "none").trim_end_matches(['.', '。']))?;
            continue;
        }
        let headings: Vec<String> = section
            .columns
            .iter()
            .map(|c| heading(lang, c.heading))
            .collect();
        let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
        let cells = rows.clone().map(|row| {
            row.iter()
                .map(|c| Cow::Owned(c.text()))
                .collect::<Vec<Cow<'_, str>>>()
                .into_iter()
        });
        if !render_direct(&headings, cells, out)? {
            let mut table = plain(&headings);
            for row in rows {
                table.add_row(row.iter().map(|c| c.text()).collect::<Vec<_>>());
            }
            out.write_all(lines(&table).as_bytes())?;
        }
    }
    super::notes(view, out, "", str::to_owned)
}
