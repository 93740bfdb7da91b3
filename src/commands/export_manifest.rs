//! `export.json`, written beside the tables: what the export holds (each
//! table's file, rows and typed columns), as of when, from which commit, and
//! what it left out.

use chrono::DateTime;
use chrono_tz::Tz;

use crate::export::ExportFormat;
use crate::export::{Inexact, Setting};
use ordo_core::reports::report::{Invalid, Stamp};
use ordo_core::reports::tables::{QUANTITY_SCALE, Table, Type};

/// The version of the tables' layout; bumped when a column changes meaning
/// or is removed (added columns keep it).
pub(crate) const LAYOUT_VERSION: u32 = 1;

pub(crate) fn manifest(
    format: ExportFormat,
    as_of: DateTime<Tz>,
    stamp: Option<&Stamp>,
    written: &[(Table, usize, Inexact)],
    invalid: &[Invalid],
    setting: &Setting<'_>,
) -> String {
    let tables: serde_json::Map<String, serde_json::Value> = written
        .iter()
        .map(|(table, rows, inexact)| {
            let columns: Vec<serde_json::Value> = table
                .columns()
                .iter()
                .map(|c| serde_json::json!({"name": c.name, "type": type_name(c.ty, setting)}))
                .collect();
            (
                table.name().to_owned(),
                serde_json::json!({
                    "file": format!("{}.{}", table.name(), format.extension()),
                    "rows": rows,
                    "columns": columns,
                    "inexact": inexact.columns,
                }),
            )
        })
        .collect();
    let value = serde_json::json!({
        "ordo_export": LAYOUT_VERSION,
        "format": format.extension(),
        "as_of": as_of.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "timezone": setting.tz,
        "commit": stamp.map(|s| s.commit.clone()),
        "dirty": stamp.map(|s| s.dirty),
        "tables": tables,
        "left_out": invalid,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// A column's type as SQL names it (the Parquet file's logical type).
pub(crate) fn type_name(ty: Type, setting: &Setting<'_>) -> String {
    match ty {
        Type::Text => "VARCHAR".into(),
        Type::Bool => "BOOLEAN".into(),
        Type::Int => "BIGINT".into(),
        Type::Float => "DOUBLE".into(),
        Type::Date => "DATE".into(),
        Type::At | Type::Utc => "TIMESTAMP WITH TIME ZONE".into(),
        Type::Money => format!("DECIMAL(38,{})", setting.money_scale),
        Type::Quantity => format!("DECIMAL(38,{QUANTITY_SCALE})"),
    }
}
