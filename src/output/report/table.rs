//! Reports as aligned text tables: every column whole for a pipe or `--wide`,
//! fitted to a width (the terminal's, or `--width`) otherwise.

use std::borrow::Cow;
use std::io::{self, Write};

use super::fit::layout;
use super::view::View;
use crate::output::plain_table::{
    natural_widths, plain, render as lines, render_direct, write_columns,
};
use ordo_core::i18n::{heading, t, tr};

/// Writes the report; `width` fits its tables to that many columns.
pub(crate) fn write(view: &View<'_>, width: Option<usize>, out: &mut dyn Write) -> io::Result<()> {
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
        if let Some(width) = width {
            let keys: Vec<&str> = section.columns.iter().map(|c| c.key).collect();
            let natural = natural_widths(&headings, cells.clone(), &|_| true)
                .unwrap_or_else(|| headings.iter().map(|_| 0).collect());
            let fitted = layout(&keys, &headings, &natural, width);
            write_columns(&headings, cells, &fitted.shown, out)?;
            if !fitted.left_out.is_empty() {
                let names: Vec<&str> = fitted.left_out.iter().map(|i| headings[*i]).collect();
                writeln!(
                    out,
                    "  ({})",
                    tr(
                        lang,
                        "note-columns-left-out",
                        &[
                            ("columns", names.join(", ").as_str().into()),
                            ("width", width.into()),
                        ]
                    )
                )?;
            }
        } else if !render_direct(&headings, cells, out)? {
            let mut table = plain(&headings);
            table.set_content_arrangement(comfy_table::ContentArrangement::Disabled);
            for row in rows {
                table.add_row(row.iter().map(|c| c.text()).collect::<Vec<_>>());
            }
            out.write_all(lines(&table).as_bytes())?;
        }
    }
    super::notes(view, out, "", str::to_owned)
}
