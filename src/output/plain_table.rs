//! The plain text table every command uses: columns separated by two spaces, a
//! dashed line under the header, and wrapping to the terminal's width when there
//! is one. ASCII only, so it pastes anywhere.

use std::borrow::Cow;
use std::io::{self, Write};

use comfy_table::{ContentArrangement, ContentLineStyle, LineStyle, Table, TableStyle};
use unicode_width::UnicodeWidthStr;

const PLAIN: TableStyle = TableStyle::new()
    .header_lines(ContentLineStyle::new(' ', ' ', ' '))
    .content_lines(ContentLineStyle::new(' ', ' ', ' '))
    .header_separator(LineStyle::new(' ', '-', ' ', ' '));

/// A new table with these column headers.
pub fn plain(headers: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(PLAIN)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.to_vec());
    table
}

/// The table as text, without the padding comfy-table leaves at line ends.
pub fn render(table: &Table) -> String {
    let mut text = String::new();
    for line in table.lines() {
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

/// The terminal's width, when standard output is one.
pub fn terminal_width() -> Option<usize> {
    plain(&[]).width().map(usize::from)
}

/// Writes the same text as [`plain`] and [`render`] give for `headers` and
/// `rows`, laid out directly with every column whole: a report of half a
/// million rows as comfy-table cells takes gigabytes. `rows` is walked twice
/// (widths, then lines). `false`, with nothing written, when a cell spans
/// lines and the table needs comfy-table.
pub fn render_direct<'r, R, C>(headers: &[&str], rows: R, out: &mut dyn Write) -> io::Result<bool>
where
    R: Iterator<Item = C> + Clone,
    C: Iterator<Item = Cow<'r, str>>,
{
    let simple = |text: &str| !text.contains(['\n', '\r', '\t']);
    if !headers.iter().all(|h| simple(h)) {
        return Ok(false);
    }
    let Some(widths) = natural_widths(headers, rows.clone(), &simple) else {
        return Ok(false);
    };
    let shown: Vec<(usize, usize)> = widths.into_iter().enumerate().collect();
    write_columns(headers, rows, &shown, out).map(|()| true)
}

/// The widest heading or cell of each column; `None` when a cell fails
/// `accept` or a row has more cells than there are headings.
pub fn natural_widths<'r, R, C>(
    headers: &[&str],
    rows: R,
    accept: &dyn Fn(&str) -> bool,
) -> Option<Vec<usize>>
where
    R: Iterator<Item = C>,
    C: Iterator<Item = Cow<'r, str>>,
{
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.enumerate() {
            if !accept(&cell) {
                return None;
            }
            let width = widths.get_mut(i)?;
            *width = (*width).max(cell.width());
        }
    }
    Some(widths)
}

/// Writes the columns `shown` (index, width) of `headers` and `rows`, each cell
/// cut with `...` to its width and kept on its line.
pub fn write_columns<'r, R, C>(
    headers: &[&str],
    rows: R,
    shown: &[(usize, usize)],
    out: &mut dyn Write,
) -> io::Result<()>
where
    R: Iterator<Item = C>,
    C: Iterator<Item = Cow<'r, str>>,
{
    let mut line = String::new();
    let mut cells: Vec<Cow<'r, str>> = Vec::new();
    let mut write_line = |cells: &[Cow<'_, str>], out: &mut dyn Write| {
        line.clear();
        line.push(' ');
        for (n, (i, width)) in shown.iter().enumerate() {
            if n > 0 {
                line.push(' ');
            }
            let cell = cells.get(*i).map_or("", |c| c.as_ref());
            let flat = if cell.contains(['\n', '\r', '\t']) {
                Cow::Owned(cell.replace(['\n', '\r', '\t'], " "))
            } else {
                Cow::Borrowed(cell)
            };
            let cell = super::report::fit::clip(&flat, *width);
            line.push(' ');
            line.push_str(&cell);
            line.extend(std::iter::repeat_n(
                ' ',
                width.saturating_sub(cell.width()) + 1,
            ));
        }
        out.write_all(line.trim_end().as_bytes())?;
        out.write_all(b"\n")
    };
    let heads: Vec<Cow<'_, str>> = headers.iter().map(|h| Cow::Borrowed(*h)).collect();
    write_line(&heads, out)?;
    let dashes: Vec<String> = shown.iter().map(|(_, w)| "-".repeat(w + 2)).collect();
    writeln!(out, " {}", dashes.join(" "))?;
    for row in rows {
        cells.clear();
        cells.extend(row);
        write_line(&cells, out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_direct_layout_is_comfy_tables() {
        let headers = ["order", "标题", "n", "empty"];
        let rows: Vec<Vec<String>> = vec![
            vec![
                "202606-BJX-003".into(),
                "生产完成".into(),
                "79".into(),
                String::new(),
            ],
            vec![
                "A".into(),
                "Production completed".into(),
                "7".into(),
                String::new(),
            ],
            vec!["".into(), "x".into(), "12345".into(), String::new()],
        ];
        let mut table = plain(&headers);
        for row in &rows {
            table.add_row(row.clone());
        }
        let mut direct = Vec::new();
        let laid_out = render_direct(
            &headers,
            rows.iter()
                .map(|r| r.iter().map(|c| Cow::Borrowed(c.as_str()))),
            &mut direct,
        )
        .expect("written to memory");
        assert!(laid_out, "every cell on one line");
        assert_eq!(String::from_utf8(direct).expect("UTF-8"), render(&table));
    }
}
