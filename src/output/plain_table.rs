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

/// Writes the same text as [`plain`] and [`render`] give for `headers` and
/// `rows`, laid out directly when there is no terminal width to wrap to and no
/// cell spans lines: a report of half a million rows as comfy-table cells
/// takes gigabytes. `rows` is walked twice (widths, then lines). `false`, with
/// nothing written, when the table needs comfy-table.
pub fn render_direct<'r, R, C>(headers: &[&str], rows: R, out: &mut dyn Write) -> io::Result<bool>
where
    R: Iterator<Item = C> + Clone,
    C: Iterator<Item = Cow<'r, str>>,
{
    if plain(headers).width().is_some() {
        return Ok(false);
    }
    let simple = |text: &str| !text.contains(['\n', '\r', '\t']);
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in rows.clone() {
        for (i, cell) in row.enumerate() {
            if !simple(&cell) {
                return Ok(false);
            }
            match widths.get_mut(i) {
                Some(width) => *width = (*width).max(cell.width()),
                None => return Ok(false),
            }
        }
    }
    if !headers.iter().all(|h| simple(h)) {
        return Ok(false);
    }
    let mut line = String::new();
    let mut write_line = |cells: &mut dyn Iterator<Item = Cow<'_, str>>, out: &mut dyn Write| {
        line.clear();
        line.push(' ');
        for (i, width) in widths.iter().enumerate() {
            if i > 0 {
                line.push(' ');
            }
            let cell = cells.next().unwrap_or_default();
            line.push(' ');
            line.push_str(&cell);
            line.extend(std::iter::repeat_n(' ', width - cell.width() + 1));
        }
        out.write_all(line.trim_end().as_bytes())?;
        out.write_all(b"\n")
    };
    write_line(&mut headers.iter().map(|h| Cow::Borrowed(*h)), out)?;
    let dashes: Vec<String> = widths.iter().map(|w| "-".repeat(w + 2)).collect();
    writeln!(out, " {}", dashes.join(" "))?;
    for row in rows {
        write_line(&mut row.into_iter(), out)?;
    }
    Ok(true)
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
        assert!(laid_out, "no terminal in tests");
        assert_eq!(String::from_utf8(direct).expect("UTF-8"), render(&table));
    }
}
