//! The plain text table every command uses: columns separated by two spaces, a
//! dashed line under the header, and wrapping to the terminal's width when there
//! is one. ASCII only, so it pastes anywhere.

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

/// The same text as [`plain`] and [`render`] give for `headers` and `rows`,
/// laid out directly when there is no terminal width to wrap to and no cell
/// spans lines: a report of half a million rows as comfy-table cells takes
/// gigabytes. `rows` is walked twice (widths, then lines). `None` when the
/// table needs comfy-table.
pub fn render_direct<'r, R, C>(headers: &[&str], rows: R) -> Option<String>
where
    R: Iterator<Item = C> + Clone,
    C: Iterator<Item = std::borrow::Cow<'r, str>>,
{
    if plain(headers).width().is_some() {
        return None;
    }
    let simple = |text: &str| !text.contains(['\n', '\r', '\t']);
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in rows.clone() {
        for (i, cell) in row.enumerate() {
            if !simple(&cell) {
                return None;
            }
            match widths.get_mut(i) {
                Some(width) => *width = (*width).max(cell.width()),
                None => return None,
            }
        }
    }
    if !headers.iter().all(|h| simple(h)) {
        return None;
    }
    let mut text = String::new();
    let mut line = String::new();
    let mut push_line = |cells: &mut dyn Iterator<Item = std::borrow::Cow<'_, str>>,
                         text: &mut String| {
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
        text.push_str(line.trim_end());
        text.push('\n');
    };
    push_line(
        &mut headers.iter().map(|h| std::borrow::Cow::Borrowed(*h)),
        &mut text,
    );
    let dashes: Vec<String> = widths.iter().map(|w| "-".repeat(w + 2)).collect();
    text.push(' ');
    text.push_str(&dashes.join(" "));
    text.push('\n');
    for row in rows {
        push_line(&mut row.into_iter(), &mut text);
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

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
        let direct = render_direct(
            &headers,
            rows.iter()
                .map(|r| r.iter().map(|c| Cow::Borrowed(c.as_str()))),
        )
        .expect("no terminal in tests");
        assert_eq!(direct, render(&table));
    }
}
