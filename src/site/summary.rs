//! The site's summary pages as their templates take them: home, people, a
//! person, the orders, the monthly analysis and the service levels.

use std::collections::BTreeMap;

use askama::Template;
use ordo_core::reports::Book;
use ordo_core::reports::listing::ListRow;
use ordo_core::reports::report::Invalid;

use super::charts::Chart;
use super::pages::{CustomerGroup, DueView, Group, PriorityRow, TableView};
use super::templates::{Frame, Framed, framed};
use ordo_core::reports::sla::Breach;

#[derive(Template)]
#[template(path = "home.html")]
pub(crate) struct Home<'a> {
    pub f: Frame<'a>,
    /// Overdue rows, and the orders they are of.
    pub overdue_count: usize,
    pub overdue_orders: usize,
    pub overdue_by_person: Vec<Group>,
    pub overdue_by_customer: Vec<CustomerGroup>,
    pub customers_more: String,
    pub upcoming_days: i64,
    /// Upcoming rows: all of them counted, the first shown.
    pub upcoming_count: usize,
    pub upcoming: Vec<&'a DueView>,
    pub upcoming_more: String,
    pub open_orders: usize,
    pub sla: Option<TableView>,
    pub month: Option<TableView>,
    pub month_title: &'a str,
    pub invalid: &'a [Invalid],
    /// How many of `validate`'s errors are listed (all are counted).
    pub errors_listed: usize,
}

/// A row of the people page.
pub(crate) struct PersonRow<'a> {
    pub key: &'a str,
    pub file: &'a str,
    /// The person's roles, by their titles in the site's language.
    pub roles: Vec<String>,
    pub overdue: usize,
    pub upcoming: usize,
}

#[derive(Template)]
#[template(path = "people.html")]
pub(crate) struct People<'a> {
    pub f: Frame<'a>,
    pub list: Vec<PersonRow<'a>>,
    pub upcoming_days: i64,
}

/// Who a person's page is of.
pub(crate) struct Person<'a> {
    pub name: &'a str,
    pub email: &'a str,
    /// The person's roles, by their titles in the site's language.
    pub roles: Vec<String>,
    pub file: &'a str,
}

#[derive(Template)]
#[template(path = "person.html")]
pub(crate) struct PersonPage<'a> {
    pub f: Frame<'a>,
    pub person: Person<'a>,
    pub upcoming_days: i64,
    pub overdue: Vec<&'a DueView>,
    pub upcoming: Vec<&'a DueView>,
    pub overdue_more: String,
    pub upcoming_more: String,
    /// The orders they own that have a page.
    pub owned: &'a [String],
}

#[derive(Template)]
#[template(path = "orders.html")]
pub(crate) struct Orders<'a> {
    pub f: Frame<'a>,
    pub rows: Vec<OrderRow>,
    pub closed_months: u32,
}

/// A row of the orders page, as it prints an order's `list` row.
#[derive(Debug, Default)]
pub(crate) struct OrderRow {
    pub order: String,
    pub customer: String,
    pub status: String,
    pub last_done: String,
    pub stage: String,
    pub next_due: String,
    /// The next step's id, and its title in the page's language.
    pub step: String,
    pub step_title: String,
    pub basis: String,
    pub owner: String,
    pub priority: String,
    /// Days the next step is past its due date, when it is.
    pub late: Option<i64>,
    /// The total and what is still owed, with the currency; the day the
    /// customer asked for delivery.
    pub total: String,
    pub outstanding: String,
    pub requested: String,
}

/// An amount with its currency, in the currency's decimals.
pub(crate) fn money(
    book: &Book<'_>,
    currency: Option<&str>,
    amount: rust_decimal::Decimal,
) -> String {
    let decimals = book.config.decimals_of(currency);
    let amount = ordo_core::model::money::format(amount, decimals);
    match currency {
        Some(currency) => format!("{currency} {amount}"),
        None => amount,
    }
}

impl OrderRow {
    /// From the order's typed row, in the book's language.
    pub(crate) fn of(book: &Book<'_>, row: &ListRow) -> OrderRow {
        let next = row.next.as_ref();
        OrderRow {
            order: row.order.clone(),
            customer: row.customer.clone(),
            status: book.t(&format!("status-{}", row.status.as_str())),
            stage: row.stage_title(book).unwrap_or_default(),
            last_done: row.last_done_text(book).unwrap_or_default(),
            next_due: next
                .and_then(|n| n.due)
                .map(|p| p.to_string())
                .unwrap_or_default(),
            step: next.map(|n| n.step.clone()).unwrap_or_default(),
            step_title: row
                .next_title(book)
                .or_else(|| next.map(|n| n.step.clone()))
                .unwrap_or_default(),
            basis: next
                .map(|n| book.basis(Some(&row.workflow), &n.basis))
                .unwrap_or_default(),
            owner: row.owner.clone(),
            priority: book.t(&format!("priority-{}", row.priority)),
            late: next
                .and_then(|n| n.due)
                .and_then(|due| due.days_late(book.now, book.tz)),
            total: money(book, row.currency.as_deref(), row.total),
            outstanding: money(book, row.currency.as_deref(), row.outstanding),
            requested: row
                .requested_delivery
                .map(|d| d.to_string())
                .unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "search.html")]
pub(crate) struct Search<'a> {
    pub f: Frame<'a>,
    /// How many orders the index holds, and how many results are shown.
    pub searchable: usize,
    pub limit: usize,
    pub closed_months: u32,
}

#[derive(Template)]
#[template(path = "monthly.html")]
pub(crate) struct Monthly<'a> {
    pub f: Frame<'a>,
    pub month: String,
    pub charts: Vec<Chart>,
    pub trend: TableView,
    pub report_title: &'a str,
    pub summary: Option<TableView>,
    pub late_steps: Vec<LateStepRow>,
    pub notes: &'a [String],
}

/// A step most often late, as the monthly page shows it: by its title, its
/// id in a tooltip.
pub(crate) struct LateStepRow {
    pub workflow: String,
    pub workflow_title: String,
    pub step: String,
    pub title: String,
    pub done: usize,
    pub late: usize,
    pub late_pct: String,
    pub average_days_late: String,
}

impl LateStepRow {
    pub(crate) fn of(step: &ordo_core::reports::monthly::LateStep<'_>) -> LateStepRow {
        use ordo_core::reports::report::Cell;
        LateStepRow {
            workflow: step.workflow.to_owned(),
            workflow_title: step.workflow_title.to_owned(),
            step: step.step.to_owned(),
            title: step.title.to_owned(),
            done: step.done,
            late: step.late,
            late_pct: step.late_pct().map_or(Cell::Empty, Cell::Float).text(),
            average_days_late: Cell::Float(step.average_days_late()).text(),
        }
    }
}

#[derive(Template)]
#[template(path = "sla.html")]
pub(crate) struct Sla<'a> {
    pub f: Frame<'a>,
    pub summary: Option<TableView>,
    pub by_month: Option<TableView>,
    pub charts: Vec<Chart>,
    pub breaches: Vec<&'a Breach>,
    pub breaches_more: String,
    /// Policies' titles in the page's language, by their English titles.
    pub policy_titles: BTreeMap<&'a str, &'a str>,
    pub by_priority_month: Vec<PriorityRow>,
    pub month_labels: Vec<String>,
    pub notes: &'a [String],
}

/// A row of the customers page: what one customer owes, aged.
pub(crate) struct CustomerRow<'a> {
    pub code: &'a str,
    pub limit: String,
    pub total: String,
    /// The buckets' sums: not due, 1–30, 31–60, 61–90, over 90 days late.
    pub by_age: Vec<String>,
    /// Days late of the oldest unpaid installment, when one is late.
    pub late: Option<i64>,
    pub open: usize,
}

#[derive(Template)]
#[template(path = "customers.html")]
pub(crate) struct Customers<'a> {
    pub f: Frame<'a>,
    pub currency: &'a str,
    pub ages: Vec<String>,
    pub rows: Vec<CustomerRow<'a>>,
    /// Orders left out of the sums (a currency without a rate), named.
    pub left_out: Vec<String>,
    /// Order files that could not be read: what they owe is in no sum.
    pub unreadable: usize,
}

/// An installment on a customer's page.
pub(crate) struct OwedRow<'a> {
    pub order: &'a str,
    /// The installment's name, and as a reader names it.
    pub installment: &'a str,
    pub installment_title: String,
    pub due: String,
    pub late: Option<i64>,
    pub age: String,
    pub outstanding: String,
    pub in_ledger: String,
}

#[derive(Template)]
#[template(path = "customer.html")]
pub(crate) struct CustomerPage<'a> {
    pub f: Frame<'a>,
    pub code: &'a str,
    pub currency: &'a str,
    pub limit: String,
    pub total: String,
    pub ages: Vec<String>,
    pub by_age: Vec<String>,
    pub owed: Vec<OwedRow<'a>>,
    pub left_out: &'a [String],
    /// The customer's orders with a page, as the orders page lists them.
    pub orders: Vec<&'a OrderRow>,
    /// Order files that could not be read (whose they are is unknown).
    pub unreadable: usize,
}

framed!(
    Home,
    People,
    PersonPage,
    Orders,
    Search,
    Monthly,
    Sla,
    Customers,
    CustomerPage
);

impl Sla<'_> {
    fn policy_title<'p>(&'p self, english: &'p str) -> &'p str {
        self.policy_titles.get(english).copied().unwrap_or(english)
    }

    fn priority(&self, priority: &str) -> String {
        self.f.common.words.tr(&format!("priority-{priority}"), &[])
    }
}
