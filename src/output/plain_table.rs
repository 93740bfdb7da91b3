//! The plain text table every command uses: columns separated by two spaces, a
//! dashed line under the header, and wrapping to the terminal's width when there
//! is one. ASCII only, so it pastes anywhere.

use comfy_table::{ContentArrangement, ContentLineStyle, LineStyle, Table, TableStyle};

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
