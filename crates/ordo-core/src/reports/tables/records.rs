//! One order's rows of the tables of what it records (payments, amendments,
//! incidents, holds, documents, progress) and of its SLA measurements.

use super::rows::{OrderRows, moment, money, point};
use super::{Table, Value};
use crate::engine::point::Point;
use crate::engine::sla::measure;
use crate::model::order::Order;
use crate::model::sla_policy::Clock;
use crate::reports::Book;

pub(super) fn add<'a>(
    book: &Book<'a>,
    order: &Order,
    currency: Option<&str>,
    wants: &dyn Fn(Table) -> bool,
    out: &mut OrderRows<'a>,
) {
    let tz = book.tz;
    // Each table's rows are made only when it is written.
    out.reserve(
        wants,
        [
            (Table::Payments, order.payments.len()),
            (Table::Amendments, order.amendments.len()),
            (Table::Incidents, order.incidents.len()),
            (Table::Holds, order.holds.len()),
            (Table::Documents, order.documents.len()),
            (Table::Progress, order.progress.len()),
        ],
    );
    let position = |i: usize| Value::Int(i as i64 + 1);
    for (i, p) in order
        .payments
        .iter()
        .enumerate()
        .filter(|_| wants(Table::Payments))
    {
        let mut row = out.rows[Table::Payments as usize].row();
        row.extend([
            position(i),
            Value::text(p.installment.clone()),
            Value::opt_text(currency.map(str::to_owned)),
            money(
                p.amount.0,
                book.config.decimals_of(order.currency.as_deref()),
            ),
        ]);
        row.extend(moment(Some(&p.received), tz));
        row.push(Value::opt_text(p.note.clone()));
    }
    for (i, a) in order
        .amendments
        .iter()
        .enumerate()
        .filter(|_| wants(Table::Amendments))
    {
        let mut row = out.rows[Table::Amendments as usize].row();
        row.push(position(i));
        row.extend(moment(Some(&a.at.0), tz));
        row.extend([
            Value::text(a.by.clone()),
            Value::opt_text(a.channel.map(|c| c.as_str())),
            Value::text(a.summary.clone()),
            Value::text(a.impact.as_str()),
            a.reconfirmed.map_or(Value::Null, Value::Date),
            Value::opt_text((!a.rebaseline.is_empty()).then(|| a.rebaseline.join(","))),
        ]);
        let review = a.review.as_ref();
        row.extend(moment(review.map(|r| &r.done), tz));
        row.push(Value::opt_text(review.map(|r| r.by.clone())));
    }
    for (i, incident) in order
        .incidents
        .iter()
        .enumerate()
        .filter(|_| wants(Table::Incidents))
    {
        let mut row = out.rows[Table::Incidents as usize].row();
        row.extend([position(i), Value::text(incident.kind.as_str())]);
        row.extend(moment(Some(&incident.opened.0), tz));
        row.extend([
            Value::text(incident.summary.clone()),
            Value::opt_text(incident.resolution.map(|r| r.as_str())),
        ]);
        row.extend(moment(incident.resolved.as_ref(), tz));
        row.push(Value::Bool(incident.resolved.is_none()));
    }
    for (i, hold) in order
        .holds
        .iter()
        .enumerate()
        .filter(|_| wants(Table::Holds))
    {
        let mut row = out.rows[Table::Holds as usize].row();
        row.push(position(i));
        row.extend(moment(Some(&hold.from), tz));
        row.extend(moment(hold.to.as_ref(), tz));
        row.extend([
            Value::text(hold.reason.clone()),
            Value::Bool(hold.to.is_none()),
        ]);
    }
    for (i, d) in order
        .documents
        .iter()
        .enumerate()
        .filter(|_| wants(Table::Documents))
    {
        let mut row = out.rows[Table::Documents as usize].row();
        row.extend([
            position(i),
            Value::text(d.kind.clone()),
            Value::text(d.reference.clone()),
        ]);
        row.extend(moment(Some(&d.received), tz));
        row.extend([
            Value::opt_text(d.by.clone()),
            Value::opt_text(d.note.clone()),
        ]);
    }
    for (i, p) in order
        .progress
        .iter()
        .enumerate()
        .filter(|_| wants(Table::Progress))
    {
        let mut row = out.rows[Table::Progress as usize].row();
        row.push(position(i));
        row.extend(moment(Some(&p.at.0), tz));
        row.extend([
            Value::text(p.by.clone()),
            Value::opt_text(p.step.clone()),
            Value::text(p.status.clone()),
        ]);
        row.extend(moment(p.expect.as_ref(), tz));
    }
    let hours = |span: chrono::Duration| span.num_seconds() as f64 / 3600.0;
    let instant = |at: Option<chrono::DateTime<chrono_tz::Tz>>| point(at.map(Point::At));
    let measured = if wants(Table::Sla) {
        measure(book.config, book.calendars, book.now, order)
    } else {
        Vec::new()
    };
    out.reserve(wants, [(Table::Sla, measured.len())]);
    for m in measured {
        let mut row = out.rows[Table::Sla as usize].row();
        row.extend([
            Value::text(m.policy.id.clone()),
            m.incident.map_or(Value::Null, position),
            Value::text(m.priority.as_str()),
            Value::text(match m.policy.clock {
                Clock::Working => "working",
                Clock::Calendar => "calendar",
            }),
        ]);
        row.extend(instant(m.start));
        row.extend(instant(m.stop));
        row.extend([
            Value::Float(hours(m.target)),
            m.elapsed.map_or(Value::Null, |e| Value::Float(hours(e))),
        ]);
        row.extend(instant(m.deadline));
        row.extend([
            Value::text(m.state.as_str()),
            Value::opt_text((!m.flags.is_empty()).then(|| m.flags.join("; "))),
        ]);
    }
}
