//! `ordo monthly [--month YYYY-MM]`: the SOP's monthly order analysis: orders
//! received and completed, completion rate, average processing cycle, on-time
//! delivery rate, incident rate, and the steps most often late. The rules behind
//! each figure are in docs/reports.md.

use chrono::{Datelike, NaiveDate};

use super::Book;
use crate::engine::due::Basis;
use crate::engine::point::Point;
use crate::engine::schedule::{Schedule, StepState};
use crate::model::enums::{IncidentKind, State};
use crate::model::order::Order;
use crate::model::status::Status;
use crate::reports::report::{Cell, Report, Section, col, col_as};

mod tally;
pub use tally::Tally;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Month {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Month {
    pub fn parse(text: &str) -> Option<Month> {
        let first = NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d").ok()?;
        Some(Month::of(first))
    }

    pub fn of(day: NaiveDate) -> Month {
        let first = day.with_day(1).unwrap_or(day);
        let last = crate::engine::arith::month_end(first);
        Month { first, last }
    }

    /// The month before the one holding `day`.
    pub fn previous(day: NaiveDate) -> Month {
        Month::of(Month::of(day).first.pred_opt().unwrap_or(day))
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.first <= day && day <= self.last
    }

    pub fn label(&self) -> String {
        self.first.format("%Y-%m").to_string()
    }

    /// The `count` months that end with this one, oldest first.
    pub fn trailing(self, count: usize) -> Vec<Month> {
        let mut months = vec![self];
        while months.len() < count {
            let earliest = months[months.len() - 1];
            months.push(Month::previous(earliest.first));
        }
        months.reverse();
        months
    }

    /// The days from the first of `months` to the last, as one span.
    pub fn span(months: &[Month]) -> Option<Month> {
        Some(Month {
            first: months.first()?.first,
            last: months.last()?.last,
        })
    }
}

/// The day an order was completed: the day its workflow's closing step was
/// done, else the latest `done` of its steps, once every step is closed
/// (processing is complete also while money is still owed: that is
/// receivables, not processing; a follow-up after the close is neither).
fn completed_on(
    order: &Order,
    schedule: &Schedule<'_>,
    close: Option<&str>,
    tz: chrono_tz::Tz,
) -> Option<NaiveDate> {
    if !matches!(schedule.status, Status::Done | Status::AwaitingPayment) {
        return None;
    }
    if let Some(closed) = close
        .and_then(|close| schedule.line(close))
        .and_then(|l| l.record)
        .and_then(|r| r.done)
    {
        return Some(closed.local_date(tz));
    }
    schedule
        .steps
        .iter()
        .filter_map(|l| l.record.and_then(|r| r.done))
        .map(|m| m.local_date(tz))
        .max()
        .or_else(|| Some(order.received.0.local_date(tz)))
}

/// What the analysis of a month reads of one order.
#[derive(Debug, Clone)]
pub struct Part {
    received: NaiveDate,
    cancelled: bool,
    completed: Option<NaiveDate>,
    /// The day its workflow's delivery step was done.
    delivered: Option<NaiveDate>,
    requested: Option<NaiveDate>,
    /// The day and kind of each incident opened in the span.
    incidents: Vec<(NaiveDate, IncidentKind)>,
    /// Its steps done in the span that had a due date.
    done: Vec<DoneStep>,
}

/// A step done in the span. It names the step by position (in the ledger's
/// workflows, then in its workflow) rather than by copies of its names: a
/// ledger's parts hold millions of these, and the report names the step in
/// its own language.
#[derive(Debug, Clone, Copy)]
struct DoneStep {
    day: NaiveDate,
    workflow: u32,
    step: u32,
    late: bool,
    days_late: i32,
}

/// What `order` adds to the analysis of the months in `span` (one month, or
/// several for a trend); `None` when its workflow is unknown.
pub fn part(book: &Book<'_>, order: &Order, span: Month) -> Option<Part> {
    let schedule = book.schedule(order)?;
    Some(part_of(book, order, &schedule, span))
}

/// The same from the order's schedule, made once by a caller that needs it
/// for more.
pub fn part_of(book: &Book<'_>, order: &Order, schedule: &Schedule<'_>, span: Month) -> Part {
    let tz = book.tz;
    let delivered = book
        .config
        .workflow_of(order.workflow.as_deref())
        .and_then(|(_, w)| w.delivery_step.as_deref())
        .and_then(|step| schedule.line(step))
        .and_then(|l| l.record)
        .and_then(|r| r.done)
        .map(|m| m.local_date(tz));
    let workflow = book
        .config
        .workflows
        .keys()
        .position(|name| name == schedule.workflow_name);
    let steps = workflow.and_then(|_| book.config.workflows.get(schedule.workflow_name));
    let mut done = Vec::new();
    for line in &schedule.steps {
        if line.state != StepState::Done {
            continue;
        }
        let Some(when) = line.record.and_then(|r| r.done) else {
            continue;
        };
        if !span.contains(when.local_date(tz)) {
            continue;
        }
        let Ok(due) = &line.due else { continue };
        let Some(point) = due.point else { continue };
        if matches!(due.basis, Basis::Waiting { .. } | Basis::None) {
            continue;
        }
        let (Some(workflow), Some(step)) = (
            workflow,
            steps.and_then(|w| w.steps.iter().position(|s| s.id == line.step.id)),
        ) else {
            continue;
        };
        let done_point = Point::from_moment(&when, tz);
        let days_late = (done_point.date() - point.date()).num_days().max(0);
        done.push(DoneStep {
            day: when.local_date(tz),
            workflow: workflow as u32,
            step: step as u32,
            late: point.missed_by(&done_point, tz),
            days_late: i32::try_from(days_late).unwrap_or(i32::MAX),
        });
    }
    Part {
        received: order.received.0.local_date(tz),
        cancelled: order.state == Some(State::Cancelled),
        completed: completed_on(order, schedule, steps.and_then(|w| w.close.as_deref()), tz),
        delivered,
        requested: order.requested_delivery,
        incidents: order
            .incidents
            .iter()
            .map(|i| (i.opened.0.local_date(tz), i.kind))
            .filter(|(day, _)| span.contains(*day))
            .collect(),
        done,
    }
}

/// The headline figures of one month (the SOP's 月度订单分析报表).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub received: usize,
    /// Of those received, how many were since cancelled.
    pub cancelled: usize,
    pub completed: usize,
    /// Orders open at some time in the month (received by its end, not
    /// finished before it, not cancelled).
    pub workload: usize,
    pub completion_pct: Option<f64>,
    pub average_cycle_days: Option<f64>,
    /// Delivered in the month with a requested delivery date, and of those on time.
    pub delivered: usize,
    pub on_time: usize,
    pub on_time_pct: Option<f64>,
    pub delivered_in_month: usize,
    pub incidents: usize,
    pub incident_pct: Option<f64>,
    /// Incidents of kind `complaint` (SOP 004's 客户投诉率), per order delivered.
    pub complaints: usize,
    pub complaint_pct: Option<f64>,
}

/// `num` as a percentage of `den`; none of nothing.
fn percent(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| 100.0 * num as f64 / den as f64)
}

/// A step most often late in a month: done how often, late how often and
/// by how many days in all.
#[derive(Debug, Clone, PartialEq)]
pub struct LateStep<'c> {
    pub workflow: &'c str,
    /// The workflow's and the step's titles in the book's language.
    pub workflow_title: &'c str,
    pub step: &'c str,
    pub title: &'c str,
    pub done: usize,
    pub late: usize,
    pub days_late: i64,
}

impl LateStep<'_> {
    pub fn late_pct(&self) -> Option<f64> {
        percent(self.late, self.done)
    }

    pub fn average_days_late(&self) -> f64 {
        self.days_late as f64 / self.late.max(1) as f64
    }
}

/// How many steps the report lists, most often late first.
pub const LATE_STEPS: usize = 10;

/// The steps late in the month counted in `tally`, most often late first
/// (then by workflow and step), at most [`LATE_STEPS`].
pub fn late_steps<'c>(book: &Book<'c>, tally: &Tally) -> Vec<LateStep<'c>> {
    let workflows: Vec<_> = book.config.workflows.iter().collect();
    let mut late: Vec<LateStep<'c>> = tally
        .steps
        .iter()
        .filter(|(_, counted)| counted.late > 0)
        .filter_map(|(&(w, s), counted)| {
            let (name, workflow) = workflows.get(w as usize)?;
            let step = workflow.steps.get(s as usize)?;
            Some(LateStep {
                workflow: name.as_str(),
                workflow_title: workflow.title.get(book.lang),
                step: step.id.as_str(),
                title: book.title(step),
                done: counted.done,
                late: counted.late,
                days_late: counted.days_late,
            })
        })
        .collect();
    late.sort_by(|a, b| {
        b.late
            .cmp(&a.late)
            .then_with(|| (a.workflow, a.step).cmp(&(b.workflow, b.step)))
    });
    late.truncate(LATE_STEPS);
    late
}

/// The report of a month counted in `tally`.
pub fn report(book: &Book<'_>, tally: &Tally) -> Report {
    let f = tally.figures();
    let label = tally.month.label();
    let float = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Float);
    let mut summary = Section::new(
        "summary",
        "",
        &[col("metric"), col("value"), col_as("basis", "counted")],
    );
    summary.push(vec![
        book.t("metric-received").into(),
        f.received.into(),
        book.tr(
            "metric-received-basis",
            &[
                ("month", label.as_str().into()),
                ("cancelled", f.cancelled.into()),
            ],
        )
        .into(),
    ]);
    summary.push(vec![
        book.t("metric-completed").into(),
        f.completed.into(),
        book.t("metric-completed-basis").into(),
    ]);
    summary.push(vec![
        book.t("metric-completion").into(),
        float(f.completion_pct),
        book.tr(
            "metric-completion-basis",
            &[("workload", f.workload.into())],
        )
        .into(),
    ]);
    summary.push(vec![
        book.t("metric-cycle").into(),
        float(f.average_cycle_days),
        book.t("metric-cycle-basis").into(),
    ]);
    summary.push(vec![
        book.t("metric-on-time").into(),
        float(f.on_time_pct),
        book.tr(
            "metric-on-time-basis",
            &[
                ("on_time", f.on_time.into()),
                ("delivered", f.delivered.into()),
            ],
        )
        .into(),
    ]);
    summary.push(vec![
        book.t("metric-incidents").into(),
        float(f.incident_pct),
        book.tr(
            "metric-incidents-basis",
            &[
                ("incidents", f.incidents.into()),
                ("delivered", f.delivered_in_month.into()),
            ],
        )
        .into(),
    ]);
    summary.push(vec![
        book.t("metric-complaints").into(),
        float(f.complaint_pct),
        book.tr(
            "metric-complaints-basis",
            &[
                ("complaints", f.complaints.into()),
                ("delivered", f.delivered_in_month.into()),
            ],
        )
        .into(),
    ]);

    let mut steps = Section::new(
        "late_steps",
        book.t("section-late_steps"),
        &[
            col("workflow"),
            col("step"),
            col("title"),
            col("done"),
            col("late"),
            col("late_pct"),
            col("average_days_late"),
        ],
    );
    for step in late_steps(book, tally) {
        steps.push(vec![
            step.workflow.to_owned().into(),
            step.step.to_owned().into(),
            step.title.to_owned().into(),
            step.done.into(),
            step.late.into(),
            float(step.late_pct()),
            Cell::Float(step.average_days_late()),
        ]);
    }
    let mut notes = Vec::new();
    if !tally.incidents.is_empty() {
        let list: Vec<String> = tally
            .incidents
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        notes.push(book.tr(
            "note-monthly-incidents",
            &[("list", list.join(", ").as_str().into())],
        ));
    }
    Report {
        name: "monthly",
        title: book.tr("report-monthly", &[("month", label.as_str().into())]),
        as_of: book.as_of(),
        sections: vec![summary, steps],
        notes,
        invalid: Vec::new(),
        commit: None,
        lang: book.lang,
    }
}
