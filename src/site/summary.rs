//! The site's summary pages as their templates take them: home, people, a
//! person, the orders, the monthly analysis and the service levels.

use std::collections::BTreeMap;

use askama::Template;
use ordo_core::reports::report::Invalid;

use super::charts::Chart;
use super::gather::Breach;
use super::pages::{CustomerGroup, DueView, Group, PriorityRow, TableView};
use super::templates::{Frame, Framed, framed};

#[derive(Template)]
#[template(path = "home.html")]
pub struct Home<'a> {
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
}

/// A row of the people page.
pub struct PersonRow<'a> {
    pub key: &'a str,
    pub file: &'a str,
    pub roles: &'a [String],
    pub overdue: usize,
    pub upcoming: usize,
}

#[derive(Template)]
#[template(path = "people.html")]
pub struct People<'a> {
    pub f: Frame<'a>,
    pub list: Vec<PersonRow<'a>>,
    pub upcoming_days: i64,
}

/// Who a person's page is of.
pub struct Person<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub roles: &'a [String],
    pub file: &'a str,
}

#[derive(Template)]
#[template(path = "person.html")]
pub struct PersonPage<'a> {
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
pub struct Orders<'a> {
    pub f: Frame<'a>,
    pub rows: Vec<OrderRow>,
    pub closed_months: u32,
}

/// A row of the orders page: an order's `list` row.
#[derive(Debug, Default)]
pub struct OrderRow {
    pub order: String,
    pub customer: String,
    pub status: String,
    pub stage: String,
    pub next_due: String,
    pub step: String,
    pub basis: String,
    pub owner: String,
    pub priority: String,
}

impl OrderRow {
    /// From the cells of a `list` row, in its columns' order (a cell it lacks
    /// is left empty).
    pub fn of(cells: Vec<String>) -> OrderRow {
        let mut cells = cells.into_iter();
        let mut next = || cells.next().unwrap_or_default();
        OrderRow {
            order: next(),
            customer: next(),
            status: next(),
            stage: next(),
            next_due: next(),
            step: next(),
            basis: next(),
            owner: next(),
            priority: next(),
        }
    }
}

#[derive(Template)]
#[template(path = "monthly.html")]
pub struct Monthly<'a> {
    pub f: Frame<'a>,
    pub month: String,
    pub charts: Vec<Chart>,
    pub trend: TableView,
    pub report_title: &'a str,
    pub summary: Option<TableView>,
    pub late_steps: Option<TableView>,
    pub notes: &'a [String],
}

#[derive(Template)]
#[template(path = "sla.html")]
pub struct Sla<'a> {
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

framed!(Home, People, PersonPage, Orders, Monthly, Sla);

impl Sla<'_> {
    fn policy_title<'p>(&'p self, english: &'p str) -> &'p str {
        self.policy_titles.get(english).copied().unwrap_or(english)
    }

    fn priority(&self, priority: &str) -> String {
        self.f.common.words.tr(&format!("priority-{priority}"), &[])
    }
}
