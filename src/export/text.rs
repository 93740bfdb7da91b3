//! A table as JSON Lines or CSV: every column in every row (JSON `null`, an
//! empty CSV field), dates as `YYYY-MM-DD`, instants as RFC 3339 with their
//! offset, amounts as exact decimal text (a JSON string, so no reader turns
//! them into binary floats).

use std::io::Write;

use super::{Inexact, TableWriter, io_error};
use ordo_core::reports::tables::{Column, Table, Value};

/// The text of a value, `None` for null; JSON quoting is the caller's.
fn text(value: &Value) -> Option<String> {
    Some(match value {
        Value::Null => return None,
        Value::Text(t) => t.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        // Debug keeps the point (`24.0`), so a reader never takes hours for integers.
        Value::Float(f) => format!("{f:?}"),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Instant(at) => at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        Value::Decimal(d) => d.to_string(),
    })
}

pub struct JsonLines<W: Write> {
    /// Each own column's name as a JSON key with its comma and colon.
    keys: Vec<String>,
    /// What follows `order_id` in every line: the shared columns.
    common: String,
    out: W,
}

impl<W: Write> JsonLines<W> {
    pub fn new(out: W, columns: &[Column], common: &[Value]) -> Self {
        let key = |c: &Column| format!(",{}:", serde_json::Value::String(c.name.clone()));
        let own = Table::COMMON_COLUMNS;
        let mut shared = String::new();
        for (column, value) in columns[1..own].iter().zip(common) {
            shared.push_str(&key(column));
            json_value(&mut shared, value);
        }
        JsonLines {
            keys: columns[own..].iter().map(key).collect(),
            common: shared,
            out,
        }
    }
}

/// A value as JSON: decimals, days and instants as strings.
fn json_value(line: &mut String, value: &Value) {
    match value {
        Value::Null => line.push_str("null"),
        Value::Bool(_) | Value::Int(_) => line.push_str(&text(value).unwrap_or_default()),
        // JSON has no NaN or infinity; no measure produces one.
        Value::Float(f) if f.is_finite() => line.push_str(&format!("{f:?}")),
        Value::Float(_) => line.push_str("null"),
        other => {
            line.push_str(&serde_json::Value::String(text(other).unwrap_or_default()).to_string())
        }
    }
}

impl<W: Write + Send> TableWriter for JsonLines<W> {
    fn write(&mut self, order_id: &str, rows: Vec<Vec<Value>>) -> Result<(), String> {
        let id = serde_json::Value::String(order_id.to_owned()).to_string();
        let mut line = String::with_capacity(1024);
        for row in rows {
            line.clear();
            line.push_str("{\"order_id\":");
            line.push_str(&id);
            line.push_str(&self.common);
            for (i, key) in self.keys.iter().enumerate() {
                line.push_str(key);
                json_value(&mut line, row.get(i).unwrap_or(&Value::Null));
            }
            line.push_str("}\n");
            self.out
                .write_all(line.as_bytes())
                .map_err(|e| io_error(&e))?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<Inexact, String> {
        self.out.flush().map_err(|e| io_error(&e))?;
        Ok(Inexact::default())
    }
}

pub struct Csv<W: Write> {
    /// The text of the shared columns after `order_id`.
    common: Vec<String>,
    out: csv::Writer<W>,
}

impl<W: Write> Csv<W> {
    pub fn new(out: W, columns: &[Column], common: &[Value]) -> Result<Self, String> {
        let mut out = csv::Writer::from_writer(out);
        out.write_record(columns.iter().map(|c| c.name.as_str()))
            .map_err(csv_error)?;
        Ok(Csv {
            common: common.iter().map(|v| text(v).unwrap_or_default()).collect(),
            out,
        })
    }
}

impl<W: Write + Send> TableWriter for Csv<W> {
    fn write(&mut self, order_id: &str, rows: Vec<Vec<Value>>) -> Result<(), String> {
        let mut record = csv::StringRecord::new();
        for row in rows {
            record.clear();
            record.push_field(order_id);
            for value in &self.common {
                record.push_field(value);
            }
            for value in &row {
                record.push_field(&text(value).unwrap_or_default());
            }
            self.out.write_record(&record).map_err(csv_error)?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<Inexact, String> {
        self.out.flush().map_err(|e| io_error(&e))?;
        Ok(Inexact::default())
    }
}

fn csv_error(error: csv::Error) -> String {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => io_error(&e),
        other => format!("{other:?}"),
    }
}
