//! `ordo export`: the ledger as typed tables for analytics engines (DuckDB,
//! Spark, BigQuery): one table per kind of record, every row keyed by
//! `order_id` and stamped with the as-of instant and the ledger's commit, so
//! tables join and daily snapshots stack. Rows are made order by order; the
//! writers (Parquet, JSON Lines, CSV) live with the CLI.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use rust_decimal::Decimal;

mod records;
mod rows;
mod step_rows;

pub use rows::{OrderRows, Row, Rows, common_values, order_rows};
pub use step_rows::approval_rows;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Text,
    Bool,
    Int,
    /// Hours and other measures that are not money.
    Float,
    /// A calendar day.
    Date,
    /// An instant, written with the ledger's offset at that instant.
    At,
    /// The same instant in UTC.
    Utc,
    /// Money: exact, at the export's money scale.
    Money,
    /// Quantities, unit prices and percentages: exact, at six decimals.
    Quantity,
}

/// How a field of a table is written: one column, or a moment's three.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    One(Type),
    /// A day or an instant as the file gives it: `NAME_date` (the day in the
    /// ledger's timezone), `NAME_at` and `NAME_utc` (null for a bare day).
    Moment,
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub ty: Type,
}

/// The scale of [`Type::Quantity`] columns.
pub const QUANTITY_SCALE: u32 = 6;

/// A value of a row; `Null` fits every type. Text borrows from the
/// configuration where it can (step ids, titles, roles: repeated in
/// millions of rows), so a row makes few strings of its own.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Text(Cow<'a, str>),
    Bool(bool),
    Int(i64),
    Float(f64),
    Date(NaiveDate),
    /// An instant with the offset it is written with (the ledger's, or UTC).
    Instant(DateTime<FixedOffset>),
    Decimal(Decimal),
}

impl<'a> Value<'a> {
    pub fn text(text: impl Into<Cow<'a, str>>) -> Value<'a> {
        Value::Text(text.into())
    }

    pub fn opt_text(text: Option<impl Into<Cow<'a, str>>>) -> Value<'a> {
        text.map_or(Value::Null, |t| Value::Text(t.into()))
    }

    pub fn utc(at: DateTime<Utc>) -> Value<'a> {
        Value::Instant(at.fixed_offset())
    }
}

/// The tables, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    Orders,
    Lines,
    Steps,
    Installments,
    Payments,
    Amendments,
    Incidents,
    Holds,
    Documents,
    Progress,
    Sla,
}

/// How many columns fields take (a moment three).
const fn width(fields: &[(&str, Kind)]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < fields.len() {
        n += match fields[i].1 {
            Kind::One(_) => 1,
            Kind::Moment => 3,
        };
        i += 1;
    }
    n
}

/// The columns every row starts with.
const COMMON: &[(&str, Kind)] = &[
    ("order_id", Kind::One(Type::Text)),
    ("as_of", Kind::Moment),
    ("commit", Kind::One(Type::Text)),
];

impl Table {
    pub const ALL: [Table; 11] = [
        Table::Orders,
        Table::Lines,
        Table::Steps,
        Table::Installments,
        Table::Payments,
        Table::Amendments,
        Table::Incidents,
        Table::Holds,
        Table::Documents,
        Table::Progress,
        Table::Sla,
    ];

    /// The table's name (as `as_str`, for the command line's choices).
    pub fn as_str(self) -> &'static str {
        self.name()
    }

    pub fn name(self) -> &'static str {
        match self {
            Table::Orders => "orders",
            Table::Lines => "lines",
            Table::Steps => "steps",
            Table::Installments => "installments",
            Table::Payments => "payments",
            Table::Amendments => "amendments",
            Table::Incidents => "incidents",
            Table::Holds => "holds",
            Table::Documents => "documents",
            Table::Progress => "progress",
            Table::Sla => "sla",
        }
    }

    pub fn parse(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The table's own fields, after the common ones.
    fn fields(self) -> &'static [(&'static str, Kind)] {
        use Kind::{Moment, One};
        use Type::*;
        match self {
            Table::Orders => &[
                ("customer", One(Text)),
                ("owner", One(Text)),
                ("workflow", One(Text)),
                ("status", One(Text)),
                ("stage", One(Text)),
                ("state_reason", One(Text)),
                ("received", Moment),
                ("channel", One(Text)),
                ("priority", One(Text)),
                ("kind", One(Text)),
                ("requested_delivery", One(Date)),
                ("confirmation_sent", Moment),
                ("confirmation_signed", One(Date)),
                ("contract_number", One(Text)),
                ("contract_signed", One(Date)),
                ("currency", One(Text)),
                ("total", One(Money)),
                ("paid", One(Money)),
                ("outstanding", One(Money)),
                ("lines", One(Int)),
                ("delivered", Moment),
                ("delivered_on_time", One(Bool)),
            ],
            Table::Lines => &[
                ("line", One(Int)),
                ("sku", One(Text)),
                ("description", One(Text)),
                ("qty", One(Quantity)),
                ("unit", One(Text)),
                ("unit_price", One(Quantity)),
                ("currency", One(Text)),
            ],
            Table::Steps => &[
                ("step", One(Text)),
                ("position", One(Int)),
                ("title", One(Text)),
                ("role", One(Text)),
                ("state", One(Text)),
                ("planned", Moment),
                ("due", Moment),
                ("basis", One(Text)),
                ("basis_text", One(Text)),
                ("done", Moment),
                ("by", One(Text)),
                ("skipped", One(Text)),
                ("late", One(Bool)),
                ("days_late", One(Int)),
                ("overdue", One(Bool)),
                ("update_last", Moment),
                ("update_due", Moment),
                ("update_overdue", One(Bool)),
            ],
            Table::Installments => &[
                ("installment", One(Text)),
                ("position", One(Int)),
                ("percent", One(Quantity)),
                ("currency", One(Text)),
                ("amount", One(Money)),
                ("paid", One(Money)),
                ("outstanding", One(Money)),
                ("due", Moment),
                ("basis", One(Text)),
                ("tracked_by", One(Text)),
                ("days_late", One(Int)),
                ("overdue", One(Bool)),
            ],
            Table::Payments => &[
                ("payment", One(Int)),
                ("installment", One(Text)),
                ("currency", One(Text)),
                ("amount", One(Money)),
                ("received", Moment),
                ("note", One(Text)),
            ],
            Table::Amendments => &[
                ("amendment", One(Int)),
                ("made", Moment),
                ("by", One(Text)),
                ("channel", One(Text)),
                ("summary", One(Text)),
                ("impact", One(Text)),
                ("reconfirmed", One(Date)),
                ("rebaseline", One(Text)),
                ("review_done", Moment),
                ("review_by", One(Text)),
            ],
            Table::Incidents => &[
                ("incident", One(Int)),
                ("kind", One(Text)),
                ("opened", Moment),
                ("summary", One(Text)),
                ("resolution", One(Text)),
                ("resolved", Moment),
                ("open", One(Bool)),
            ],
            Table::Holds => &[
                ("hold", One(Int)),
                ("from", Moment),
                ("to", Moment),
                ("reason", One(Text)),
                ("open", One(Bool)),
            ],
            Table::Documents => &[
                ("document", One(Int)),
                ("kind", One(Text)),
                ("ref", One(Text)),
                ("received", Moment),
                ("by", One(Text)),
                ("note", One(Text)),
            ],
            Table::Progress => &[
                ("update", One(Int)),
                ("reported", Moment),
                ("by", One(Text)),
                ("step", One(Text)),
                ("status", One(Text)),
                ("expect", Moment),
            ],
            Table::Sla => &[
                ("policy", One(Text)),
                ("incident", One(Int)),
                ("priority", One(Text)),
                ("clock", One(Text)),
                ("start", Moment),
                ("stop", Moment),
                ("target_hours", One(Float)),
                ("elapsed_hours", One(Float)),
                ("deadline", Moment),
                ("state", One(Text)),
                ("note", One(Text)),
            ],
        }
    }

    /// How many columns every table starts with (see [`common_values`]).
    pub const COMMON_COLUMNS: usize = width(COMMON);

    /// How many columns a row of the table holds after the common ones.
    pub fn width(self) -> usize {
        width(self.fields())
    }

    /// Every column of the table, in order.
    pub fn columns(self) -> Vec<Column> {
        let mut out = Vec::new();
        for (name, kind) in COMMON.iter().chain(self.fields()) {
            match kind {
                Kind::One(ty) => out.push(Column {
                    name: (*name).to_owned(),
                    ty: *ty,
                }),
                Kind::Moment => {
                    for (suffix, ty) in [("date", Type::Date), ("at", Type::At), ("utc", Type::Utc)]
                    {
                        out.push(Column {
                            name: format!("{name}_{suffix}"),
                            ty,
                        });
                    }
                }
            }
        }
        out
    }
}

/// The scale of [`Type::Money`] columns: four decimals (every ISO currency
/// fits), or more when `ordo.yaml` gives a currency more minor units.
pub fn money_scale(config: &crate::model::Config) -> u32 {
    config
        .minor_units
        .values()
        .copied()
        .chain([4])
        .max()
        .unwrap_or(4)
        .min(crate::model::money::MAX_DECIMALS)
}
