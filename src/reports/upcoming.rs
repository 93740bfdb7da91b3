//! `ordo upcoming [--within 7d]`: the to-do list: steps and unpaid installments
//! falling due in the window, and reminders (`remind`) that fall in it.

use super::{Book, tracked_by_step};
use crate::engine::arith::apply;
use crate::engine::due::Basis;
use crate::engine::point::Point;
use crate::model::Duration;
use crate::model::status::Status;
use crate::output::report::{Report, Section, col};

struct Row {
    when: Point,
    kind: &'static str,
    order: String,
    customer: String,
    step: String,
    title: String,
    assignee: String,
    due: Point,
    basis: String,
}

pub fn report(
    book: &Book<'_>,
    within: &Duration,
) -> Result<Report, crate::engine::calendar::OutOfRange> {
    let calendar = book
        .calendars
        .get(None)
        .map_err(|_| crate::engine::calendar::OutOfRange {
            calendar: "default".into(),
            year: 0,
            covered: String::new(),
        })?;
    let end = apply(Point::At(book.now), within, true, calendar)?.overdue_from(book.tz);
    let in_window = |p: Point| {
        let at = p.start(book.tz);
        p.overdue_from(book.tz) > book.now && at <= end
    };
    let mut rows = Vec::new();
    for (order, schedule) in book.schedules() {
        if !matches!(schedule.status, Status::Open) {
            continue;
        }
        for line in schedule.steps.iter().filter(|l| l.state.is_open()) {
            let Ok(due) = &line.due else { continue };
            let Some(point) = due.point else { continue };
            if matches!(due.basis, Basis::Waiting { .. }) {
                continue;
            }
            let base = |when: Point, kind: &'static str| Row {
                when,
                kind,
                order: order.id.clone(),
                customer: order.customer.clone(),
                step: line.step.id.clone(),
                title: line.step.title.clone(),
                assignee: book.assignee(order, line.step),
                due: point,
                basis: due.basis.label(),
            };
            if in_window(point) {
                rows.push(base(point, "due"));
            }
            if let Some(remind) = &line.step.remind {
                let cal = book
                    .calendars
                    .get(line.step.due.as_ref().and_then(|d| d.calendar.as_deref()))
                    .ok();
                if let Some(at) = cal.and_then(|c| apply(point, remind, false, c).ok())
                    && in_window(at)
                {
                    rows.push(base(at, "reminder"));
                }
            }
        }
        for installment in &schedule.installments {
            if installment.outstanding.is_zero()
                || tracked_by_step(&schedule, &installment.term.name)
            {
                continue;
            }
            let Ok(due) = &installment.due else { continue };
            let Some(point) = due.point else { continue };
            if in_window(point) && !matches!(due.basis, Basis::Waiting { .. }) {
                rows.push(Row {
                    when: point,
                    kind: "payment",
                    order: order.id.clone(),
                    customer: order.customer.clone(),
                    step: format!("payment:{}", installment.term.name),
                    title: format!(
                        "Payment `{}`: {} outstanding",
                        installment.term.name,
                        crate::commands::common::money(installment.outstanding)
                    ),
                    assignee: order.owner.clone(),
                    due: point,
                    basis: due.basis.label(),
                });
            }
        }
    }
    rows.sort_by_key(|r| (r.when.start(book.tz), r.order.clone(), r.step.clone()));
    let mut section = Section::new(
        "rows",
        "",
        &[
            col("when", "when"),
            col("kind", "kind"),
            col("order", "order"),
            col("customer", "customer"),
            col("step", "step"),
            col("title", "title"),
            col("assignee", "assignee"),
            col("due", "due"),
            col("basis", "basis"),
        ],
    );
    for r in &rows {
        section.push(vec![
            r.when.to_string().into(),
            r.kind.into(),
            r.order.clone().into(),
            r.customer.clone().into(),
            r.step.clone().into(),
            r.title.clone().into(),
            r.assignee.clone().into(),
            r.due.to_string().into(),
            r.basis.clone().into(),
        ]);
    }
    Ok(Report {
        name: "upcoming",
        title: format!("Upcoming within {within}"),
        as_of: book.as_of(),
        notes: vec![format!(
            "{} items until {}",
            rows.len(),
            end.format("%Y-%m-%d %H:%M")
        )],
        sections: vec![section],
        invalid: Vec::new(),
    })
}
