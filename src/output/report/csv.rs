//! Reports as CSV: each section is a header row (the column keys) and its rows;
//! sections are separated by a blank line. A one-section report is plain CSV.

use ordo_core::reports::report::Report;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for (i, section) in report.sections.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut writer = csv::Writer::from_writer(Vec::new());
        let _ = writer.write_record(section.columns.iter().map(|c| c.key));
        for row in &section.rows {
            let _ = writer.write_record(row.iter().map(|c| c.text()));
        }
        out.push_str(&String::from_utf8_lossy(
            &writer.into_inner().unwrap_or_default(),
        ));
    }
    out
}
