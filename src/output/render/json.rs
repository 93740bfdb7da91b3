//! Reports as JSON, version 1 (docs/json.md): sections keyed by name, rows as
//! objects keyed by column.

use serde_json::{Map, Value, json};

use crate::output::report::Report;

pub fn render(report: &Report) -> String {
    let mut sections = Map::new();
    for section in &report.sections {
        let rows: Vec<Value> = section
            .rows
            .iter()
            .map(|row| {
                let object: Map<String, Value> = section
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(c, cell)| {
                        (
                            c.key.to_owned(),
                            serde_json::to_value(cell).unwrap_or(Value::Null),
                        )
                    })
                    .collect();
                Value::Object(object)
            })
            .collect();
        sections.insert(section.key.to_owned(), Value::Array(rows));
    }
    let document = json!({
        "version": 1,
        "report": report.name,
        "title": report.title,
        "as_of": report.as_of,
        "sections": sections,
        "notes": report.notes,
        "invalid": report.invalid,
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
