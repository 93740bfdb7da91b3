//! One order's rows of the steps table: every applicable step with its due
//! date, lateness and next progress update, and the credit approval an order
//! awaits (which only the whole ledger tells).

use super::Value;
use super::rows::{Rows, moment, point};
use crate::engine::due::Basis;
use crate::engine::point::Point;
use crate::engine::schedule::Schedule;
use crate::engine::updates::next_update;
use crate::model::order::Order;
use crate::reports::Book;

/// The steps table's rows of a schedule (or of its step `only`); `open`:
/// whether the order has anything left to do, so a late step is overdue.
pub(super) fn step_rows<'a>(
    book: &Book<'a>,
    order: &Order,
    schedule: &Schedule<'_>,
    open: bool,
    only: Option<&str>,
    rows: &mut Rows<'a>,
) {
    let tz = book.tz;
    // The workflow's steps as the configuration holds them: their ids,
    // titles and roles are borrowed by every row, not copied.
    let configured = book
        .config
        .workflow_of(Some(schedule.workflow_name))
        .map(|(_, w)| w.steps.as_slice())
        .unwrap_or_default();
    for line in schedule
        .steps
        .iter()
        .filter(|l| only.is_none_or(|id| id == l.step.id))
    {
        // The schedule's lines are the configured workflow's steps, by position.
        let Some(step) = configured.get(line.index) else {
            continue;
        };
        let record = line.record;
        let (due, basis, basis_text) = match &line.due {
            Ok(c) => (c.point, Some(c.basis.clone()), c.basis.label()),
            Err(e) => (None, None, format!("error: {e}")),
        };
        let done = record
            .and_then(|r| r.done.as_ref())
            .map(|d| Point::from_moment(d, tz));
        let lateness = line.lateness(book.now, tz);
        let overdue = open
            && line.state.is_open()
            && basis == Some(Basis::Firm)
            && due.is_some_and(|d| book.now >= d.overdue_from(tz));
        let mut row = rows.row();
        row.extend([
            Value::text(step.id.as_str()),
            Value::Int(line.index as i64 + 1),
            Value::text(step.title.get(crate::i18n::Lang::En)),
            Value::text(step.role.as_str()),
            Value::text(line.state.kind()),
        ]);
        row.extend(moment(record.and_then(|r| r.planned.as_ref()), tz));
        row.extend(point(due));
        row.extend([
            basis
                .as_ref()
                .map_or(Value::text("error"), |b| Value::text(b.kind())),
            Value::text(basis_text),
        ]);
        row.extend(point(done));
        row.extend([
            Value::opt_text(record.and_then(|r| r.by.clone())),
            Value::opt_text(record.and_then(|r| r.skipped.clone())),
            lateness.map_or(Value::Null, |l| Value::Bool(l.late)),
            lateness.map_or(Value::Null, |l| Value::Int(l.days)),
            Value::Bool(overdue),
        ]);
        // The progress update the step asks for next, as `overdue` and
        // `upcoming` list it (`update:STEP`).
        let update = open
            .then(|| next_update(order, line, book.calendars))
            .flatten();
        row.extend(point(update.as_ref().and_then(|u| u.last)));
        row.extend(point(update.as_ref().map(|u| u.due)));
        row.push(Value::Bool(
            update.is_some_and(|u| book.now >= u.due.overdue_from(tz)),
        ));
    }
}

/// The steps table's row of the credit approval an open order awaits (its
/// customer over the limit, which only the whole ledger tells): an optional
/// step is on a schedule only once recorded, so it is put there for this.
pub fn approval_rows<'a>(book: &Book<'a>, order: &Order) -> Rows<'a> {
    let mut rows = Rows::default();
    let Some(credit) = &book.config.credit else {
        return rows;
    };
    if order.steps.contains_key(&credit.approval_step)
        || !crate::model::status::is_open(book.config, order)
    {
        return rows;
    }
    let mut awaiting = order.clone();
    awaiting.steps.insert(
        credit.approval_step.clone(),
        crate::model::order::StepRecord::default(),
    );
    if let Some(schedule) = book.schedule(&awaiting) {
        step_rows(
            book,
            &awaiting,
            &schedule,
            true,
            Some(&credit.approval_step),
            &mut rows,
        );
    }
    rows
}
