//! `ordo overdue`: open, applicable steps (and unpaid installments no open step
//! tracks, and progress updates a running step asks for) whose firm due date
//! has passed; with `forecast`, also steps whose
//! forecast date has passed, as knock-ons of the late step they wait for.

use std::cmp::Reverse;

use super::Book;
use super::agenda::{Agenda, What};
use crate::engine::due::Basis;
use crate::engine::point::Point;
use crate::reports::report::{Cell, Report, Section, col};

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
    /// When it became overdue.
    late_from: chrono::DateTime<chrono_tz::Tz>,
    basis: String,
    days_late: i64,
    priority: String,
}

pub fn report(book: &Book<'_>, agendas: &[Agenda], filters: &Filters) -> Report {
    let mut rows = Vec::new();
    for agenda in agendas {
        let keep_order = (filters.owner.is_empty() || filters.owner.contains(&agenda.owner))
            && (filters.customer.is_empty() || filters.customer.contains(&agenda.customer))
            && (filters.priority.is_empty()
                || filters
                    .priority
                    .iter()
                    .any(|p| p == agenda.priority.as_str()));
        if !keep_order {
            continue;
        }
        for item in &agenda.items {
            let basis = match &item.basis {
                Basis::Firm => item.basis.label_in(book.lang),
                b if b.is_forecast() && filters.forecast => item.basis.label_in(book.lang),
                _ => continue,
            };
            if book.now < item.due.overdue_from(book.tz) {
                continue;
            }
            let row = |step: String, title: String, role: String, assignee: String| Row {
                order: agenda.order.clone(),
                customer: agenda.customer.clone(),
                step,
                title,
                role,
                assignee,
                due: item.due,
                late_from: item.due.overdue_from(book.tz),
                basis: basis.clone(),
                days_late: item.due.days_until(book.now).max(0),
                priority: book.t(&format!("priority-{}", agenda.priority)),
            };
            match &item.what {
                What::Step(id) => {
                    let Some(step) = agenda.step(book.config, id) else {
                        continue;
                    };
                    if !filters.role.is_empty() && !filters.role.contains(&step.role) {
                        continue;
                    }
                    rows.push(row(
                        id.clone(),
                        book.title(step).to_owned(),
                        step.role.clone(),
                        book.assignee(&agenda.owner, step),
                    ));
                }
                What::Update { step: id, last } => {
                    let Some(step) = agenda.step(book.config, id) else {
                        continue;
                    };
                    if !filters.role.is_empty() && !filters.role.contains(&step.role) {
                        continue;
                    }
                    rows.push(row(
                        format!("update:{id}"),
                        book.update_title(step, *last),
                        step.role.clone(),
                        book.assignee(&agenda.owner, step),
                    ));
                }
                // Installments have no role: a role filter leaves them out.
                What::Payment {
                    name,
                    percent,
                    outstanding,
                    decimals,
                } if filters.role.is_empty() && item.basis == Basis::Firm => {
                    rows.push(row(
                        format!("payment:{name}"),
                        book.tr(
                            "payment-outstanding",
                            &[
                                ("name", name.into()),
                                ("percent", percent.to_string().as_str().into()),
                                (
                                    "amount",
                                    crate::model::money::format(*outstanding, *decimals)
                                        .as_str()
                                        .into(),
                                ),
                            ],
                        ),
                        String::new(),
                        agenda.owner.clone(),
                    ));
                }
                What::Payment { .. } => {}
            }
        }
    }
    // Compared by reference: cloning the ids per comparison shows at 20,000 rows.
    rows.sort_by(|a, b| {
        (Reverse(a.days_late), a.late_from, &a.order, &a.step).cmp(&(
            Reverse(b.days_late),
            b.late_from,
            &b.order,
            &b.step,
        ))
    });

    let mut section = Section::new(
        "rows",
        "",
        &[
            col("order"),
            col("customer"),
            col("step"),
            col("title"),
            col("role"),
            col("assignee"),
            col("due"),
            col("basis"),
            col("days_late"),
            col("priority"),
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
        title: book.t("report-overdue"),
        as_of: book.as_of(),
        notes: vec![book.tr(
            "note-overdue",
            &[("rows", rows.len().into()), ("orders", orders.len().into())],
        )],
        sections: vec![section],
        invalid: Vec::new(),
        commit: None,
        lang: book.lang,
    }
}
