//! `ordo list`: orders with status, stage and next due date, filtered.

use super::Book;
use chrono::NaiveDate;

use crate::engine::due::Basis;
use crate::engine::point::Point;
use crate::engine::schedule::Schedule;
use crate::model::enums::Priority;
use crate::model::order::Order;
use crate::model::status::Status;
use crate::reports::report::{Report, Section, col};

/// Which orders to keep; an empty list keeps all.
#[derive(Debug, Default, Clone)]
pub struct Filters {
    pub status: Vec<Status>,
    pub customer: Vec<String>,
    pub owner: Vec<String>,
    pub priority: Vec<Priority>,
    pub workflow: Vec<String>,
}

impl Filters {
    /// Whether an order's row passes every filter.
    pub fn keeps(&self, row: &ListRow) -> bool {
        keeps(&self.status, &row.status)
            && keeps::<str>(&self.customer, &row.customer)
            && keeps::<str>(&self.owner, &row.owner)
            && keeps(&self.priority, &row.priority)
            && keeps::<str>(&self.workflow, &row.workflow)
    }
}

fn keeps<T: PartialEq + ?Sized>(wanted: &[impl std::borrow::Borrow<T>], value: &T) -> bool {
    wanted.is_empty() || wanted.iter().any(|w| w.borrow() == value)
}

/// An order's row: what it is and where it stands, typed; the words are
/// made by [`report`] (or a page) in its language. Kept in `list`'s cache:
/// nothing in it depends on "now".
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ListRow {
    pub order: String,
    pub customer: String,
    pub owner: String,
    pub priority: Priority,
    pub status: Status,
    pub workflow: String,
    /// The step the order stands at (its earliest still open): what is next.
    pub stage: Option<String>,
    /// The step done last, and the day: what happened last.
    pub last_done: Option<(String, NaiveDate)>,
    /// The next step falling due, when, and on what basis.
    pub next: Option<Next>,
    /// The order's total and what of it is still to be paid, in `currency`
    /// (the order's, else the ledger's).
    // As text: a decimal's default form asks its reader what it holds, which
    // the cache's encoding cannot say.
    #[serde(with = "rust_decimal::serde::str")]
    pub total: rust_decimal::Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub outstanding: rust_decimal::Decimal,
    pub currency: Option<String>,
    /// The delivery date the customer asked for.
    pub requested_delivery: Option<NaiveDate>,
}

/// The next step falling due.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Next {
    pub step: String,
    pub due: Option<Point>,
    pub basis: Basis,
}

impl ListRow {
    /// The stage's title in the book's language.
    pub fn stage_title(&self, book: &Book<'_>) -> Option<String> {
        let (_, workflow) = book.config.workflow_of(Some(&self.workflow))?;
        let id = self.stage.as_deref()?;
        let step = workflow.steps.iter().find(|s| s.id == id)?;
        Some(book.title(step).to_owned())
    }

    /// The title of the next step falling due, in the book's language.
    pub fn next_title(&self, book: &Book<'_>) -> Option<String> {
        let (_, workflow) = book.config.workflow_of(Some(&self.workflow))?;
        let id = &self.next.as_ref()?.step;
        let step = workflow.steps.iter().find(|s| &s.id == id)?;
        Some(book.title(step).to_owned())
    }

    /// The last step done, in the book's language, with its day.
    pub fn last_done_text(&self, book: &Book<'_>) -> Option<String> {
        let (_, workflow) = book.config.workflow_of(Some(&self.workflow))?;
        let (id, day) = self.last_done.as_ref()?;
        let step = workflow.steps.iter().find(|s| &s.id == id)?;
        Some(format!("{} ({day})", book.title(step)))
    }
}

/// An order's row, or `None` when the filters leave it out or its workflow is
/// unknown (`validate` reports that).
pub fn row(book: &Book<'_>, order: &Order, filters: &Filters) -> Option<ListRow> {
    row_of(book, order, &book.schedule(order)?, filters)
}

/// The same from the order's schedule.
pub fn row_of(
    book: &Book<'_>,
    order: &Order,
    schedule: &Schedule<'_>,
    filters: &Filters,
) -> Option<ListRow> {
    let row = ListRow {
        order: order.id.clone(),
        customer: order.customer.clone(),
        owner: order.owner.clone(),
        priority: order.priority,
        status: schedule.status,
        workflow: schedule.workflow_name.to_owned(),
        stage: schedule.stage.map(|s| s.id.clone()),
        last_done: schedule
            .last_done()
            .map(|(step, day)| (step.id.clone(), day)),
        next: schedule.next_due().map(|(line, due)| Next {
            step: line.step.id.clone(),
            due: due.point,
            basis: due.basis.clone(),
        }),
        total: schedule.total,
        outstanding: (schedule.total - schedule.paid).max(rust_decimal::Decimal::ZERO),
        currency: order
            .currency
            .clone()
            .or_else(|| book.config.currency.clone()),
        requested_delivery: order.requested_delivery,
    };
    filters.keeps(&row).then_some(row)
}

/// The report around the rows, sorted by order id.
pub fn report(book: &Book<'_>, mut rows: Vec<ListRow>) -> Report {
    rows.sort_by(|a, b| a.order.cmp(&b.order));
    let mut section = Section::new(
        "rows",
        "",
        &[
            col("order"),
            col("customer"),
            col("status"),
            col("last_done"),
            col("stage"),
            col("next_due"),
            col("step"),
            col("basis"),
            col("owner"),
            col("priority"),
        ],
    );
    for r in &rows {
        let next = r.next.as_ref();
        section.push(vec![
            r.order.clone().into(),
            r.customer.clone().into(),
            book.t(&format!("status-{}", r.status.as_str())).into(),
            r.last_done_text(book).into(),
            r.stage_title(book).into(),
            next.and_then(|n| n.due).map(|p| p.to_string()).into(),
            next.map(|n| n.step.clone()).into(),
            next.map(|n| book.basis(Some(&r.workflow), &n.basis)).into(),
            r.owner.clone().into(),
            book.t(&format!("priority-{}", r.priority)).into(),
        ]);
    }
    let count = rows.len();
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

#[cfg(test)]
#[path = "listing_tests.rs"]
mod tests;
