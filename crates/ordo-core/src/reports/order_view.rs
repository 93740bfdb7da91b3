//! One order as `show` and the site's order page present it (its JSON is a
//! format of its own, written from this view): header,
//! totals, every applicable step with planned / due (basis) / done / by, the
//! installments, and the order's amendments, incidents and holds as recorded.

use chrono::NaiveDate;

use super::Book;
use crate::engine::point::Point;
use crate::engine::schedule::{Schedule, StepState};
use crate::engine::updates::{UpdateDue, latest_expected, next_update};
use crate::model::Customer;
use crate::model::money::format as money;
use crate::model::order::{Amendment, Document, Hold, Incident, Line, Order, Progress, Shipment};

#[derive(Debug, Clone)]
pub struct OrderView<'o> {
    pub id: String,
    pub customer: String,
    pub customer_name: Option<String>,
    pub owner: String,
    pub status: String,
    /// The title of the step the order stands at: what is next.
    pub stage: Option<String>,
    /// The title of the step done last, with its day: what happened last.
    pub last_done: Option<String>,
    pub state_reason: Option<String>,
    pub workflow: String,
    pub received: String,
    pub channel: String,
    pub priority: String,
    pub kind: String,
    pub requested_delivery: Option<NaiveDate>,
    pub currency: String,
    pub total: String,
    pub paid: String,
    pub outstanding: String,
    pub lines: &'o [Line],
    pub steps: Vec<StepView>,
    pub installments: Vec<InstallmentView>,
    /// Payments applied to another installment than the one they name.
    pub carried: Vec<Carried>,
    pub amendments: &'o [Amendment],
    pub incidents: &'o [Incident],
    /// Carrier, tracking number and expected delivery, once booked.
    pub shipment: Option<&'o Shipment>,
    pub documents: &'o [Document],
    pub progress: &'o [Progress],
    pub holds: &'o [Hold],
}

#[derive(Debug, Clone)]
pub struct StepView {
    pub id: String,
    pub title: String,
    pub role: String,
    /// `done`, `skipped`, `ready` or `blocked`.
    pub state: &'static str,
    /// The open steps a blocked one waits for.
    pub after: Vec<String>,
    pub planned: Option<String>,
    pub due: Option<String>,
    /// `firm`, `forecast`, `waiting`, `none` or `error`.
    pub basis: &'static str,
    /// The basis in words (`forecast (via ORD-13)`), or why there is no date.
    pub basis_text: String,
    pub done: Option<String>,
    pub by: Option<String>,
    pub skipped: Option<String>,
    /// While the step is open: the kinds of document it needs that have not
    /// arrived, as "kind (title)".
    pub needs: Vec<String>,
    /// While the step is ready and asks for progress updates: when the next
    /// one is due, in words.
    pub update: Option<String>,
    /// Whether that update is missing as of now.
    pub update_late: bool,
    /// While the step is open: the date the latest progress update expects
    /// it done, in words.
    pub expected: Option<String>,
    /// Done after its due date, or open past it as of now.
    pub late: bool,
    pub days: Days,
}

/// The days of a step, for a timeline.
#[derive(Debug, Clone, Copy, Default)]
pub struct Days {
    pub planned: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct InstallmentView {
    pub name: String,
    pub percent: String,
    pub amount: String,
    pub paid: String,
    pub outstanding: String,
    pub due: Option<String>,
    pub basis: String,
}

#[derive(Debug, Clone)]
pub struct Carried {
    pub from: Option<String>,
    pub to: String,
    pub amount: String,
}

/// The view of `order`; `None` when its workflow is unknown.
pub fn view<'o>(
    book: &Book<'_>,
    order: &'o Order,
    customer: Option<&Customer>,
) -> Option<OrderView<'o>> {
    let schedule = book.schedule(order)?;
    Some(view_of(book, order, &schedule, customer))
}

/// The same from the order's schedule.
pub fn view_of<'o>(
    book: &Book<'_>,
    order: &'o Order,
    schedule: &Schedule<'_>,
    customer: Option<&Customer>,
) -> OrderView<'o> {
    let tz = book.tz;
    let decimals = book.config.decimals_of(order.currency.as_deref());
    let cash = |amount| money(amount, decimals);
    let steps = schedule
        .steps
        .iter()
        .map(|line| {
            let record = line.record;
            let (due_point, basis, basis_text) = match &line.due {
                Ok(c) => (
                    c.point,
                    c.basis.kind(),
                    book.basis(order.workflow.as_deref(), &c.basis),
                ),
                Err(e) => (None, "error", e.to_string()),
            };
            let done = record.and_then(|r| r.done);
            let late = line.lateness(book.now, tz).is_some_and(|l| l.late);
            let update = next_update(order, line, book.calendars).map(|u| {
                let every = line
                    .step
                    .updates
                    .as_ref()
                    .map(|d| crate::i18n::duration(book.lang, d))
                    .unwrap_or_default();
                update_text(book, book.step_ref(line.step), &every, &u)
            });
            StepView {
                id: line.step.id.clone(),
                title: book.title(line.step).to_owned(),
                role: line.step.role.clone(),
                state: line.state.kind(),
                after: match &line.state {
                    StepState::Blocked(on) => on.clone(),
                    _ => Vec::new(),
                },
                planned: record
                    .and_then(|r| r.planned)
                    .map(|p| Point::from_moment(&p, tz).to_string()),
                due: due_point.map(|p| p.to_string()),
                basis,
                basis_text,
                done: done.map(|d| Point::from_moment(&d, tz).to_string()),
                by: record.and_then(|r| r.by.clone()),
                skipped: record.and_then(|r| r.skipped.clone()),
                needs: if line.state.is_open() {
                    crate::checks::documents::missing(
                        book.config,
                        order,
                        customer,
                        line.step,
                        None,
                        tz,
                        book.lang,
                    )
                } else {
                    Vec::new()
                },
                update: update.as_ref().map(|u| u.0.clone()),
                update_late: update.is_some_and(|u| u.1),
                expected: if line.state.is_open() {
                    expected(book, order, &line.step.id, book.step_ref(line.step))
                } else {
                    None
                },
                late,
                days: Days {
                    planned: record.and_then(|r| r.planned).map(|m| m.local_date(tz)),
                    due: due_point.map(|p| p.date()),
                    done: done.map(|m| m.local_date(tz)),
                },
            }
        })
        .collect();
    let installments = schedule
        .installments
        .iter()
        .map(|i| {
            let (due, basis) = match &i.due {
                Ok(c) => (
                    c.point.map(|p| p.to_string()),
                    book.basis(order.workflow.as_deref(), &c.basis),
                ),
                Err(e) => (None, e.to_string()),
            };
            InstallmentView {
                name: i.term.name.clone(),
                percent: i.term.percent.to_string(),
                amount: cash(i.amount),
                paid: cash(i.paid),
                outstanding: cash(i.outstanding),
                due,
                basis,
            }
        })
        .collect();
    OrderView {
        id: order.id.clone(),
        customer: order.customer.clone(),
        customer_name: customer.map(|c| c.name.clone()),
        owner: order.owner.clone(),
        status: book.t(&format!("status-{}", schedule.status.as_str())),
        stage: schedule.stage.map(|s| book.title(s).to_owned()),
        last_done: schedule
            .last_done()
            .map(|(step, day)| format!("{} ({day})", book.title(step))),
        state_reason: order.state_reason.clone(),
        workflow: schedule.workflow_name.to_owned(),
        received: Point::from_moment(&order.received.0, tz).to_string(),
        channel: book.t(&format!("channel-{}", order.channel)),
        priority: book.t(&format!("priority-{}", order.priority)),
        kind: book.t(&format!("order-kind-{}", order.kind)),
        requested_delivery: order.requested_delivery,
        currency: order
            .currency
            .clone()
            .or_else(|| book.config.currency.clone())
            .unwrap_or_default(),
        total: cash(schedule.total),
        paid: cash(schedule.paid),
        outstanding: cash((schedule.total - schedule.paid).max(rust_decimal::Decimal::ZERO)),
        lines: &order.lines,
        steps,
        installments,
        carried: schedule
            .carried
            .iter()
            .map(|c| Carried {
                from: c.from.clone(),
                to: c.to.clone(),
                amount: cash(c.amount),
            })
            .collect(),
        amendments: &order.amendments,
        incidents: &order.incidents,
        shipment: order.shipment.as_ref(),
        documents: &order.documents,
        progress: &order.progress,
        holds: &order.holds,
    }
}

/// When a step's next progress update is due, in words, and whether it is
/// missing as of now.
fn update_text(book: &Book<'_>, step: &str, every: &str, update: &UpdateDue) -> (String, bool) {
    let due = update.due.to_string();
    let text = match update.last {
        Some(last) => book.tr(
            "order-update-due",
            &[
                ("step", step.into()),
                ("every", every.into()),
                ("due", due.as_str().into()),
                ("last", last.to_string().as_str().into()),
            ],
        ),
        None => book.tr(
            "order-update-due-first",
            &[
                ("step", step.into()),
                ("every", every.into()),
                ("due", due.as_str().into()),
            ],
        ),
    };
    let Some(days) = update.due.days_late(book.now, book.tz) else {
        return (text, false);
    };
    let text = book.tr(
        "order-update-late",
        &[("text", text.as_str().into()), ("days", days.into())],
    );
    (text, true)
}

/// The date the latest progress update on an open step expects it done.
fn expected(book: &Book<'_>, order: &Order, step: &str, named: &str) -> Option<String> {
    let update = latest_expected(order, step, book.tz)?;
    let expect = update.expect.as_ref()?;
    Some(
        book.tr(
            "order-expected",
            &[
                ("step", named.into()),
                (
                    "expect",
                    Point::from_moment(expect, book.tz)
                        .to_string()
                        .as_str()
                        .into(),
                ),
                ("by", update.by.as_str().into()),
                (
                    "at",
                    Point::from_moment(&update.at.0, book.tz)
                        .to_string()
                        .as_str()
                        .into(),
                ),
            ],
        ),
    )
}
