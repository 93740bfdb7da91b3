//! `ordo overdue`: open, applicable steps (and unpaid installments no open step
//! tracks) whose firm due date has passed; with `forecast`, also steps whose
//! forecast date has passed, as knock-ons of the late step they wait for.

use std::cmp::Reverse;

use super::{Book, tracked_by_step};
use crate::engine::due::Basis;
use crate::engine::point::Point;
use crate::model::status::Status;
use crate::output::report::{Cell, Report, Section, col};

/// Which rows to keep.
#[derive(Debug, Default, Clone)]
pub struct Filters {
    pub forecast: bool,
    pub owner: Vec<String>,
    pub role: Vec<String>,
    pub customer: Vec<String>,
    pub priority: Vec<String>,
}

struct Row {
    order: String,
    customer: String,
    step: String,
    title: String,
    role: String,
    assignee: String,
    due: Point,
    basis: String,
    days_late: i64,
    priority: String,
}

pub fn report(book: &Book<'_>, filters: &Filters) -> Report {
    let mut rows = Vec::new();
    for (order, schedule) in book.schedules() {
        if schedule.status != Status::Open {
            continue;
        }
        let keep_order = (filters.owner.is_empty() || filters.owner.contains(&order.owner))
            && (filters.customer.is_empty() || filters.customer.contains(&order.customer))
            && (filters.priority.is_empty()
                || filters
                    .priority
                    .iter()
                    .any(|p| p == order.priority.as_str()));
        if !keep_order {
            continue;
        }
        for line in schedule.steps.iter().filter(|l| l.state.is_open()) {
            let Ok(due) = &line.due else { continue };
            let Some(point) = due.point else { continue };
            let basis = match &due.basis {
                Basis::Firm => "firm".to_owned(),
                Basis::Forecast { through } if filters.forecast => {
                    format!("forecast: knock-on of {through}")
                }
                _ => continue,
            };
            if book.now < point.overdue_from(book.tz) {
                continue;
            }
            if !filters.role.is_empty() && !filters.role.contains(&line.step.role) {
                continue;
            }
            rows.push(Row {
                order: order.id.clone(),
                customer: order.customer.clone(),
                step: line.step.id.clone(),
                title: line.step.title.clone(),
                role: line.step.role.clone(),
                assignee: book.assignee(order, line.step),
                due: point,
                basis,
                days_late: point.days_until(book.now).max(0),
                priority: order.priority.to_string(),
            });
        }
        if !filters.role.is_empty() {
            continue;
        }
        for installment in &schedule.installments {
            if installment.outstanding.is_zero()
                || tracked_by_step(&schedule, &installment.term.name)
            {
                continue;
            }
            let Ok(due) = &installment.due else { continue };
            let (Some(point), Basis::Firm) = (due.point, &due.basis) else {
                continue;
            };
            if book.now < point.overdue_from(book.tz) {
                continue;
            }
            rows.push(Row {
                order: order.id.clone(),
                customer: order.customer.clone(),
                step: format!("payment:{}", installment.term.name),
                title: format!(
                    "Payment `{}` ({}%): {} outstanding",
                    installment.term.name,
                    installment.term.percent,
                    crate::commands::common::money(installment.outstanding)
                ),
                role: String::new(),
                assignee: order.owner.clone(),
                due: point,
                basis: "firm".into(),
                days_late: point.days_until(book.now).max(0),
                priority: order.priority.to_string(),
            });
        }
    }
    rows.sort_by_key(|r| {
        (
            Reverse(r.days_late),
            r.due.overdue_from(book.tz),
            r.order.clone(),
            r.step.clone(),
        )
    });

    let mut section = Section::new(
        "rows",
        "",
        &[
            col("order", "order"),
            col("customer", "customer"),
            col("step", "step"),
            col("title", "title"),
            col("role", "role"),
            col("assignee", "assignee"),
            col("due", "due"),
            col("basis", "basis"),
            col("days_late", "days late"),
            col("priority", "priority"),
        ],
    );
    for r in &rows {
        section.push(vec![
            r.order.clone().into(),
            r.customer.clone().into(),
            r.step.clone().into(),
            r.title.clone().into(),
            Cell::from(Some(r.role.clone()).filter(|s| !s.is_empty())),
            r.assignee.clone().into(),
            r.due.to_string().into(),
            r.basis.clone().into(),
            r.days_late.into(),
            r.priority.clone().into(),
        ]);
    }
    let orders: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.order.as_str()).collect();
    Report {
        name: "overdue",
        title: "Overdue".into(),
        as_of: book.as_of(),
        notes: vec![format!("{} overdue in {} orders", rows.len(), orders.len())],
        sections: vec![section],
        invalid: Vec::new(),
    }
}
