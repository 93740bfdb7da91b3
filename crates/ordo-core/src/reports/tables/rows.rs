//! One order's rows of the orders, lines, steps and installments tables (the
//! records it lists are in `records`).

use chrono::Utc;
use chrono_tz::Tz;

use super::step_rows::step_rows;
use super::{Table, Value};
use crate::engine::due::Basis;
use crate::engine::point::Point;
use crate::engine::schedule::Schedule;
use crate::model::Moment;
use crate::model::order::Order;
use crate::reports::{Book, tracking_step};

/// An order's rows of every table. A row holds the table's own columns:
/// the common ones (`order_id`, the as-of instant, the commit) are the
/// writer's to add, from `order_id` here and [`common_values`].
#[derive(Debug, Default, Clone)]
pub struct OrderRows<'a> {
    pub order_id: String,
    pub rows: [Rows<'a>; Table::ALL.len()],
    /// What credit control needs of the order, when the steps table is made
    /// and a workflow dates the credit approval: the export adds the approval
    /// of the orders whose customer's exposure asks for it (see
    /// [`approval_rows`]).
    pub exposure: Option<Box<crate::checks::credit::Exposure>>,
}

impl OrderRows<'_> {
    /// Room for the rows each wanted table of `sizes` will get.
    pub(super) fn reserve(
        &mut self,
        wants: &dyn Fn(Table) -> bool,
        sizes: impl IntoIterator<Item = (Table, usize)>,
    ) {
        for (table, rows) in sizes {
            if wants(table) {
                self.rows[table as usize].reserve(table, rows);
            }
        }
    }
}

/// One order's rows of one table, one after another in a single buffer: an
/// export makes millions of rows, and one allocation per row was a large
/// part of its time.
#[derive(Debug, Default, Clone)]
pub struct Rows<'a> {
    values: Vec<Value<'a>>,
    /// Where each row ends in `values`.
    ends: Vec<usize>,
}

impl<'a> Rows<'a> {
    /// A new row, ended when the returned builder is dropped.
    pub fn row(&mut self) -> Row<'_, 'a> {
        Row { rows: self }
    }

    /// Room for `rows` more rows of the table, so making them never moves
    /// the ones made.
    pub fn reserve(&mut self, table: Table, rows: usize) {
        self.values.reserve(rows * table.width());
        self.ends.reserve(rows);
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The rows, in the order they were made.
    pub fn iter(&self) -> impl Iterator<Item = &[Value<'a>]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.values[start..end])
    }
}

/// A row being made; it ends when dropped.
pub struct Row<'r, 'a> {
    rows: &'r mut Rows<'a>,
}

impl<'a> Row<'_, 'a> {
    pub fn push(&mut self, value: Value<'a>) {
        self.rows.values.push(value);
    }

    pub fn extend(&mut self, values: impl IntoIterator<Item = Value<'a>>) {
        self.rows.values.extend(values);
    }
}

impl Drop for Row<'_, '_> {
    fn drop(&mut self) {
        self.rows.ends.push(self.rows.values.len());
    }
}

/// The values of the common columns after `order_id`, the same in every
/// row of an export: the as-of instant and the commit.
pub fn common_values(now: chrono::DateTime<Tz>, commit: Option<&str>) -> Vec<Value<'static>> {
    let mut values: Vec<Value<'static>> = point(Some(Point::At(now))).into();
    values.push(Value::opt_text(commit.map(str::to_owned)));
    values
}

/// An amount of money with at least its currency's decimals (`1500.00`),
/// never fewer digits than it has.
pub(super) fn money<'a>(amount: rust_decimal::Decimal, decimals: u32) -> Value<'a> {
    let mut amount = amount.normalize();
    if amount.scale() < decimals {
        amount.rescale(decimals);
    }
    Value::Decimal(amount)
}

/// A quantity, unit price or percentage without trailing zeros.
pub(super) fn quantity<'a>(amount: rust_decimal::Decimal) -> Value<'a> {
    Value::Decimal(amount.normalize())
}

/// A moment's three values: the day, the instant with the ledger's offset,
/// the instant in UTC (the last two null for a bare day).
pub(super) fn moment<'a>(value: Option<&Moment>, tz: Tz) -> [Value<'a>; 3] {
    point(value.map(|m| Point::from_moment(m, tz)))
}

pub(super) fn point<'a>(value: Option<Point>) -> [Value<'a>; 3] {
    match value {
        None => [Value::Null, Value::Null, Value::Null],
        Some(Point::Day(day)) => [Value::Date(day), Value::Null, Value::Null],
        Some(Point::At(at)) => [
            Value::Date(at.date_naive()),
            Value::Instant(at.fixed_offset()),
            Value::utc(at.with_timezone(&Utc)),
        ],
    }
}

/// The rows of `order` as of the book's "now", of every table or `only` one. An order whose workflow is unknown (which
/// `validate` reports) has no rows.
pub fn order_rows<'a>(book: &Book<'a>, order: &Order, only: Option<Table>) -> OrderRows<'a> {
    let wants = |table: Table| only.is_none_or(|t| t == table);
    let mut out = OrderRows {
        order_id: order.id.clone(),
        ..OrderRows::default()
    };
    let Some(schedule) = book.schedule(order) else {
        return out;
    };
    let tz = book.tz;
    let currency = order
        .currency
        .clone()
        .or_else(|| book.config.currency.clone());
    let decimals = book.config.decimals_of(order.currency.as_deref());
    out.reserve(
        &wants,
        [
            (Table::Orders, 1),
            (Table::Lines, order.lines.len()),
            (Table::Steps, schedule.steps.len()),
            (Table::Installments, schedule.installments.len()),
        ],
    );
    if wants(Table::Orders) {
        order_row(
            book,
            order,
            &schedule,
            out.rows[Table::Orders as usize].row(),
        );
    }
    for (i, line) in order
        .lines
        .iter()
        .enumerate()
        .filter(|_| wants(Table::Lines))
    {
        let mut row = out.rows[Table::Lines as usize].row();
        row.extend([
            Value::Int(i as i64 + 1),
            Value::text(line.sku.clone()),
            Value::opt_text(line.description.clone()),
            quantity(line.qty.0),
            Value::opt_text(line.unit.clone()),
            quantity(line.unit_price.0),
            Value::opt_text(currency.clone()),
        ]);
    }
    // As the agenda has it: open, awaiting payment (money owed falls due
    // whatever the steps say), or closed with a follow-up still to do.
    let open = crate::model::status::is_open(book.config, order);
    if wants(Table::Steps) {
        step_rows(
            book,
            order,
            &schedule,
            open,
            None,
            &mut out.rows[Table::Steps as usize],
        );
        if book.config.approval_is_dated() {
            out.exposure = Some(Box::new(crate::checks::credit::Exposure::with_status(
                book.config,
                tz,
                std::path::PathBuf::new(),
                order,
                Some(schedule.status),
            )));
        }
    }
    for (i, installment) in schedule
        .installments
        .iter()
        .enumerate()
        .filter(|_| wants(Table::Installments))
    {
        let name = &installment.term.name;
        let (due, basis) = match &installment.due {
            Ok(c) => (c.point, c.basis.kind().to_owned()),
            Err(e) => (None, format!("error: {e}")),
        };
        let firm = installment
            .due
            .as_ref()
            .is_ok_and(|c| c.basis == Basis::Firm);
        let passed = due.filter(|d| book.now >= d.overdue_from(tz));
        let owed = !installment.outstanding.is_zero();
        let tracked = tracking_step(&schedule, name).map(str::to_owned);
        let mut row = out.rows[Table::Installments as usize].row();
        row.extend([
            Value::text(name.clone()),
            Value::Int(i as i64 + 1),
            quantity(installment.term.percent.0),
            Value::opt_text(currency.clone()),
            money(installment.amount, decimals),
            money(installment.paid, decimals),
            money(installment.outstanding, decimals),
        ]);
        row.extend(point(due));
        row.extend([
            Value::text(basis),
            Value::opt_text(tracked),
            match (due, owed && firm) {
                (Some(due), true) => Value::Int(due.days_until(book.now).max(0)),
                (Some(_), false) => Value::Int(0),
                (None, _) => Value::Null,
            },
            Value::Bool(open && owed && firm && passed.is_some()),
        ]);
    }
    super::records::add(book, order, currency.as_deref(), &wants, &mut out);
    out
}

fn order_row<'a>(book: &Book<'a>, order: &Order, schedule: &Schedule<'_>, mut row: Row<'_, 'a>) {
    let tz = book.tz;
    let decimals = book.config.decimals_of(order.currency.as_deref());
    let delivered = book
        .config
        .workflow_of(Some(schedule.workflow_name))
        .and_then(|(_, w)| w.delivery_step.as_ref())
        .and_then(|step| order.steps.get(step)?.done.as_ref());
    let on_time = delivered
        .zip(order.requested_delivery)
        .map(|(done, requested)| done.local_date(tz) <= requested);
    row.extend([
        Value::text(order.customer.clone()),
        Value::text(order.owner.clone()),
        Value::text(schedule.workflow_name.to_owned()),
        Value::text(schedule.status.as_str()),
        Value::opt_text(schedule.stage.map(|s| s.id.clone())),
        Value::opt_text(order.state_reason.clone()),
    ]);
    row.extend(moment(Some(&order.received.0), tz));
    row.extend([
        Value::text(order.channel.as_str()),
        Value::text(order.priority.as_str()),
        Value::text(order.kind.as_str()),
        order.requested_delivery.map_or(Value::Null, Value::Date),
    ]);
    let confirmation = order.confirmation.as_ref();
    row.extend(moment(confirmation.and_then(|c| c.sent.as_ref()), tz));
    row.extend([
        confirmation
            .and_then(|c| c.signed)
            .map_or(Value::Null, Value::Date),
        Value::opt_text(order.contract.as_ref().and_then(|c| c.number.clone())),
        order
            .contract
            .as_ref()
            .and_then(|c| c.signed)
            .map_or(Value::Null, Value::Date),
        Value::opt_text(
            order
                .currency
                .clone()
                .or_else(|| book.config.currency.clone()),
        ),
        money(schedule.total, decimals),
        money(schedule.paid, decimals),
        money(
            (schedule.total - schedule.paid).max(rust_decimal::Decimal::ZERO),
            decimals,
        ),
        Value::Int(order.lines.len() as i64),
    ]);
    row.extend(moment(delivered, tz));
    row.push(on_time.map_or(Value::Null, Value::Bool));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_back_one_by_one_as_they_were_made() {
        let mut rows = Rows::default();
        rows.row().extend([Value::Int(1), Value::text("a")]);
        // A row without values is still a row.
        drop(rows.row());
        let mut third = rows.row();
        third.push(Value::Bool(true));
        third.extend([Value::Null, Value::Int(3)]);
        drop(third);
        let back: Vec<Vec<Value>> = rows.iter().map(<[Value]>::to_vec).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(
            format!("{back:?}"),
            format!(
                "{:?}",
                vec![
                    vec![Value::Int(1), Value::text("a")],
                    vec![],
                    vec![Value::Bool(true), Value::Null, Value::Int(3)],
                ]
            )
        );
    }
}
