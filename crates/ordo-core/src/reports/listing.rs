//! `ordo list`: orders with status, stage and next due date, filtered.

use super::Book;
use crate::engine::schedule::Schedule;
use crate::model::order::Order;
use crate::reports::report::{Cell, Report, Section, col};

/// Which orders to keep; an empty list keeps all.
#[derive(Debug, Default, Clone)]
pub struct Filters {
    pub status: Vec<String>,
    pub customer: Vec<String>,
    pub owner: Vec<String>,
    pub priority: Vec<String>,
    pub workflow: Vec<String>,
}

fn keeps(wanted: &[String], value: &str) -> bool {
    wanted.is_empty() || wanted.iter().any(|w| w == value)
}

/// An order's row, or `None` when the filters leave it out or its workflow is
/// unknown (`validate` reports that).
pub fn row(book: &Book<'_>, order: &Order, filters: &Filters) -> Option<Vec<Cell>> {
    row_of(book, order, &book.schedule(order)?, filters)
}

/// The same from the order's schedule.
pub fn row_of(
    book: &Book<'_>,
    order: &Order,
    schedule: &Schedule<'_>,
    filters: &Filters,
) -> Option<Vec<Cell>> {
    let keep = keeps(&filters.status, schedule.status.as_str())
        && keeps(&filters.customer, &order.customer)
        && keeps(&filters.owner, &order.owner)
        && keeps(&filters.priority, order.priority.as_str())
        && keeps(&filters.workflow, schedule.workflow_name);
    if !keep {
        return None;
    }
    let (due, step, basis) = match schedule.next_due() {
        Some((line, due)) => (
            due.point.map(|p| p.to_string()),
            Some(line.step.id.clone()),
            Some(due.basis.label_in(book.lang)),
        ),
        None => (None, None, None),
    };
    Some(vec![
        order.id.clone().into(),
        order.customer.clone().into(),
        book.t(&format!("status-{}", schedule.status.as_str()))
            .into(),
        schedule.stage.map(|s| book.title(s).to_owned()).into(),
        due.into(),
        step.into(),
        basis.into(),
        order.owner.clone().into(),
        book.t(&format!("priority-{}", order.priority)).into(),
    ])
}

/// The report around the rows, sorted by order id.
pub fn report(book: &Book<'_>, mut rows: Vec<Vec<Cell>>) -> Report {
    rows.sort_by_key(|row| row.first().map(Cell::text));
    let mut section = Section::new(
        "rows",
        "",
        &[
            col("order"),
            col("customer"),
            col("status"),
            col("stage"),
            col("next_due"),
            col("step"),
            col("basis"),
            col("owner"),
            col("priority"),
        ],
    );
    let count = rows.len();
    section.rows = rows;
    Report {
        name: "list",
        title: book.t("report-list"),
        as_of: book.as_of(),
        sections: vec![section],
        notes: vec![book.tr("note-list", &[("count", count.into())])],
        invalid: Vec::new(),
        commit: None,
        lang: book.lang,
    }
}
