//! A table as JSON Lines or CSV: every column in every row (JSON `null`, an
//! empty CSV field), dates as `YYYY-MM-DD`, instants as RFC 3339 with their
//! offset, amounts as exact decimal text (a JSON string, so no reader turns
//! them into binary floats).

use std::borrow::Cow;
use std::io::Write;

use super::{Inexact, TableWriter, WriteFailure};
use ordo_core::reports::tables::{Column, Rows, Table, Value};

/// The text of a value, `None` for null; JSON quoting is the caller's.
fn text<'v>(value: &'v Value<'_>) -> Option<Cow<'v, str>> {
    Some(Cow::Owned(match value {
        Value::Null => return None,
        Value::Text(t) => return Some(Cow::Borrowed(t.as_ref())),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        // Debug keeps the point (`24.0`), so a reader never takes hours for integers.
        Value::Float(f) => format!("{f:?}"),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Instant(at) => at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        Value::Decimal(d) => d.to_string(),
    }))
}

pub(crate) struct JsonLines<W: Write> {
    /// Each own column's name as a JSON key with its comma and colon.
    keys: Vec<Vec<u8>>,
    /// What follows `order_id` in every line: the shared columns.
    common: Vec<u8>,
    out: W,
}

impl<W: Write> JsonLines<W> {
    pub(crate) fn new(out: W, columns: &[Column], common: &[Value<'_>]) -> Self {
        let key = |c: &Column| {
            let mut key = b",".to_vec();
            json_string(&mut key, &c.name);
            key.push(b':');
            key
        };
        let own = Table::COMMON_COLUMNS;
        let mut shared = Vec::new();
        for (column, value) in columns[1..own].iter().zip(common) {
            shared.extend_from_slice(&key(column));
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
fn json_value(line: &mut Vec<u8>, value: &Value<'_>) {
    match value {
        Value::Null => line.extend_from_slice(b"null"),
        Value::Bool(_) | Value::Int(_) => {
            line.extend_from_slice(text(value).unwrap_or_default().as_bytes())
        }
        // JSON has no NaN or infinity; no measure produces one.
        Value::Float(f) if f.is_finite() => line.extend_from_slice(format!("{f:?}").as_bytes()),
        Value::Float(_) => line.extend_from_slice(b"null"),
        other => json_string(line, &text(other).unwrap_or_default()),
    }
}

/// `text` as a JSON string, quoted and escaped (by serde_json).
fn json_string(line: &mut Vec<u8>, text: &str) {
    // Writing a string into a Vec cannot fail.
    let _ = serde_json::to_writer(line, text);
}

impl<W: Write + Send> TableWriter for JsonLines<W> {
    fn write(&mut self, order_id: &str, rows: &Rows<'_>) -> Result<(), WriteFailure> {
        let mut id = Vec::new();
        json_string(&mut id, order_id);
        let mut line = Vec::with_capacity(1024);
        for row in rows.iter() {
            line.clear();
            line.extend_from_slice(b"{\"order_id\":");
            line.extend_from_slice(&id);
            line.extend_from_slice(&self.common);
            for (i, key) in self.keys.iter().enumerate() {
                line.extend_from_slice(key);
                json_value(&mut line, row.get(i).unwrap_or(&Value::Null));
            }
            line.extend_from_slice(b"}\n");
            self.out.write_all(&line)?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<Inexact, WriteFailure> {
        self.out.flush()?;
        Ok(Inexact::default())
    }
}

pub(crate) struct Csv<W: Write> {
    /// The text of the shared columns after `order_id`.
    common: Vec<String>,
    out: csv::Writer<W>,
}

impl<W: Write> Csv<W> {
    pub(crate) fn new(
        out: W,
        columns: &[Column],
        common: &[Value<'_>],
    ) -> Result<Self, WriteFailure> {
        let mut out = csv::Writer::from_writer(out);
        out.write_record(columns.iter().map(|c| c.name.as_str()))
            .map_err(csv_error)?;
        Ok(Csv {
            common: common
                .iter()
                .map(|v| text(v).unwrap_or_default().into_owned())
                .collect(),
            out,
        })
    }
}

impl<W: Write + Send> TableWriter for Csv<W> {
    fn write(&mut self, order_id: &str, rows: &Rows<'_>) -> Result<(), WriteFailure> {
        let mut record = csv::StringRecord::new();
        for row in rows.iter() {
            record.clear();
            record.push_field(order_id);
            for value in &self.common {
                record.push_field(value);
            }
            for value in row {
                record.push_field(&text(value).unwrap_or_default());
            }
            self.out.write_record(&record).map_err(csv_error)?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<Inexact, WriteFailure> {
        self.out.flush()?;
        Ok(Inexact::default())
    }
}

fn csv_error(error: csv::Error) -> WriteFailure {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => e.into(),
        other => WriteFailure::failed(format!("{other:?}")),
    }
}
