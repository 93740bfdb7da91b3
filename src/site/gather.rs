//! The site's one pass over the orders: everything every page needs is taken
//! from each order as it is read (in parallel), and the order's own page is
//! written then, so no order is held after its turn.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration as Span, NaiveDate};
use ordo_core::engine::schedule::Schedule;
use ordo_core::engine::sla::measure;
use ordo_core::model::enums::Priority;
use ordo_core::model::order::Order;
use ordo_core::model::status::{Status, is_open, status};
use ordo_core::reports::Book;
use ordo_core::reports::agenda::Agenda;
use ordo_core::reports::calendar;
use ordo_core::reports::monthly::{self, Month};
use ordo_core::reports::sla::Breach;
use ordo_core::reports::{listing, receivables, sla};

use super::feeds::{Placed, Spool};
use super::search::{Rows, Spot};

/// What one order's page writer reports.
pub(crate) enum Page {
    Written,
    NotPublished,
    Failed(String),
}

pub(crate) struct Options<'a> {
    pub trend: Month,
    /// A done or cancelled order with nothing recorded since this day has no
    /// page and no part in the trend's months: only its SLA is measured.
    pub horizon: NaiveDate,
    pub by_priority: sla::Options,
    pub by_month: sla::Options,
    pub write_page: &'a (dyn Fn(&Book<'_>, &Order, &Schedule<'_>) -> Page + Sync),
    pub spool: &'a Spool,
    pub search: &'a Rows,
}

#[derive(Default)]
pub(crate) struct Gathered<'c> {
    pub agendas: Vec<Agenda>,
    /// The trend's months, counted so far.
    pub trend: Vec<monthly::Tally>,
    pub by_priority: sla::Measured<'c>,
    pub by_month: sla::Measured<'c>,
    /// The same by month, for each priority apart.
    pub by_priority_month: BTreeMap<Priority, sla::Measured<'c>>,
    pub breaches: Vec<Breach>,
    /// Where the open orders' calendar events were set aside.
    pub events: Vec<Placed>,
    /// `list` rows of the orders with a page.
    pub listed: Vec<listing::ListRow>,
    pub pages: BTreeSet<String>,
    /// Order ids with a page, by owner.
    pub owned: BTreeMap<String, Vec<String>>,
    pub failures: Vec<String>,
    /// Open and on-hold orders.
    pub open: usize,
    /// The installments still owed, of every order not cancelled.
    pub owed: Vec<receivables::Owed>,
    /// Every order's row of the search index, set aside.
    pub found: Vec<Spot>,
}

impl<'c> Gathered<'c> {
    /// Nothing gathered yet; each of `months` counted from nothing.
    pub(crate) fn new(months: &[Month]) -> Self {
        Gathered {
            trend: months.iter().map(|m| monthly::Tally::new(*m)).collect(),
            ..Gathered::default()
        }
    }

    pub(crate) fn add(mut self, book: &Book<'c>, order: &Order, options: &Options<'_>) -> Self {
        // One schedule serves every page and report; an open order's explains
        // its dates, for the calendar's descriptions. An order whose workflow
        // is unknown is `validate`'s to report.
        let known = book.config.workflow_of(order.workflow.as_deref());
        // The status without a due date, once: it says which schedule to make.
        let status = known.map(|(name, workflow)| status(book.config, order, name, workflow).0);
        // Every order is found by the search, whatever else it has.
        match options.search.add(book, order, status) {
            Ok(spot) => self.found.push(spot),
            Err(why) => self.failures.push(why.to_string()),
        }
        let Some(status) = status else {
            return self;
        };
        // Open, awaiting payment, or closed with a follow-up to do: something
        // dated is still to happen (as every report's agenda has it).
        let open = is_open(book.config, order);
        if !open
            && matches!(status, Status::Done | Status::Cancelled)
            && !recorded_since(book, order, options.horizon)
        {
            self.measure(book, order, options);
            return self;
        }
        let schedule = if open {
            book.explained(order)
        } else {
            book.schedule(order)
        };
        let Some(schedule) = schedule else {
            return self;
        };
        if open {
            self.open += usize::from(schedule.status == Status::Open);
            if let Some(agenda) =
                Agenda::from_schedule(book.config, book.calendars, order, &schedule)
            {
                self.agendas.push(agenda);
            }
            let events = calendar::events_of(book, order, &schedule);
            match options.spool.add(&order.id, events) {
                Ok(placed) => self.events.extend(placed),
                Err(why) => self.failures.push(why.to_string()),
            }
        }
        self.owed.extend(receivables::owed(book, order, &schedule));
        let part = monthly::part_of(book, order, &schedule, options.trend);
        for month in &mut self.trend {
            month.add(&part);
        }
        self.measure(book, order, options);
        match (options.write_page)(book, order, &schedule) {
            Page::Written => {
                self.pages.insert(order.id.clone());
                self.owned
                    .entry(order.owner.clone())
                    .or_default()
                    .push(order.id.clone());
                if let Some(row) =
                    listing::row_of(book, order, &schedule, &listing::Filters::default())
                {
                    self.listed.push(row);
                }
            }
            Page::NotPublished => {}
            Page::Failed(why) => self.failures.push(why),
        }
        self
    }

    /// The order's SLA measurements: counted, and kept when breached lately.
    fn measure(&mut self, book: &Book<'c>, order: &Order, options: &Options<'_>) {
        let recent = book.now - Span::days(30);
        for m in measure(book.config, book.calendars, book.now, order) {
            if m.stop.is_none_or(|stop| stop >= recent)
                && let Some(breach) = Breach::of(&m)
            {
                self.breaches.push(breach);
            }
            self.by_priority
                .count(book, order, &m, &options.by_priority);
            self.by_priority_month.entry(m.priority).or_default().count(
                book,
                order,
                &m,
                &options.by_month,
            );
            self.by_month.count(book, order, &m, &options.by_month);
        }
    }

    pub(crate) fn merge(mut self, other: Self) -> Self {
        self.agendas.extend(other.agendas);
        self.trend = self
            .trend
            .into_iter()
            .zip(other.trend)
            .map(|(mine, theirs)| mine.merge(theirs))
            .collect();
        self.by_priority = self.by_priority.merge(other.by_priority);
        self.by_month = self.by_month.merge(other.by_month);
        for (priority, measured) in other.by_priority_month {
            let mine = self.by_priority_month.remove(&priority).unwrap_or_default();
            self.by_priority_month
                .insert(priority, mine.merge(measured));
        }
        self.breaches.extend(other.breaches);
        self.events.extend(other.events);
        self.listed.extend(other.listed);
        self.pages.extend(other.pages);
        for (owner, ids) in other.owned {
            self.owned.entry(owner).or_default().extend(ids);
        }
        self.failures.extend(other.failures);
        self.open += other.open;
        self.owed.extend(other.owed);
        self.found.extend(other.found);
        self
    }

    /// Puts what the parallel pass gathered in a fixed order, so the same
    /// ledger always gives the same bytes.
    pub(crate) fn settle(&mut self) {
        self.agendas.sort_by(|a, b| a.order.cmp(&b.order));
        self.breaches
            .sort_by(|a, b| (&a.policy, &a.order).cmp(&(&b.policy, &b.order)));
        super::feeds::sort(&mut self.events);
        for ids in self.owned.values_mut() {
            ids.sort();
        }
        self.owed.sort_by(|a, b| {
            (&a.customer, &a.order, &a.installment).cmp(&(&b.customer, &b.order, &b.installment))
        });
        self.failures.sort();
    }
}

/// Whether `order` recorded anything (received, a step done, an incident
/// opened) on or after `day`.
fn recorded_since(book: &Book<'_>, order: &Order, day: NaiveDate) -> bool {
    let tz = book.tz;
    std::iter::once(order.received.0.local_date(tz))
        .chain(
            order
                .steps
                .values()
                .filter_map(|r| r.done)
                .map(|m| m.local_date(tz)),
        )
        .chain(order.incidents.iter().map(|i| i.opened.0.local_date(tz)))
        .any(|recorded| recorded >= day)
}
