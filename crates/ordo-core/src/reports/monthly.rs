//! `ordo monthly [--month YYYY-MM]`: the SOP's monthly order analysis: orders
//! received and completed, completion rate, average processing cycle, on-time
//! delivery rate, incident rate, and the steps most often late. The rules behind
//! each figure are in docs/reports.md.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::Book;
use crate::engine::due::Basis;
use crate::engine::point::Point;
use crate::engine::schedule::{Schedule, StepState};
use crate::model::enums::State;
use crate::model::order::Order;
use crate::model::status::Status;
use crate::reports::report::{Cell, Report, Section, col};

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
}

/// The day an order was completed: the latest `done` of its steps, once done.
fn completed_on(order: &Order, schedule: &Schedule<'_>, tz: chrono_tz::Tz) -> Option<NaiveDate> {
    if schedule.status != Status::Done {
        return None;
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
    /// The kinds of the incidents opened in the month.
    incidents: Vec<String>,
    /// Its steps done in the month that had a due date.
    done: Vec<DoneStep>,
}

#[derive(Debug, Clone)]
struct DoneStep {
    workflow: String,
    step: String,
    title: String,
    late: bool,
    days_late: i64,
}

/// What `order` adds to the analysis of `month`; `None` when its workflow is
/// unknown.
pub fn part(book: &Book<'_>, order: &Order, month: Month) -> Option<Part> {
    let tz = book.tz;
    let schedule = book.schedule(order)?;
    let delivered = book
        .config
        .workflow_of(order.workflow.as_deref())
        .and_then(|(_, w)| w.delivery_step.as_deref())
        .and_then(|step| schedule.line(step))
        .and_then(|l| l.record)
        .and_then(|r| r.done)
        .map(|m| m.local_date(tz));
    let mut done = Vec::new();
    for line in &schedule.steps {
        if line.state != StepState::Done {
            continue;
        }
        let Some(when) = line.record.and_then(|r| r.done) else {
            continue;
        };
        if !month.contains(when.local_date(tz)) {
            continue;
        }
        let Ok(due) = &line.due else { continue };
        let Some(point) = due.point else { continue };
        if matches!(due.basis, Basis::Waiting { .. } | Basis::None) {
            continue;
        }
        let done_point = Point::from_moment(&when, tz);
        done.push(DoneStep {
            workflow: schedule.workflow_name.to_owned(),
            step: line.step.id.clone(),
            title: line.step.title.clone(),
            late: done_point.start(tz) >= point.overdue_from(tz),
            days_late: (done_point.date() - point.date()).num_days().max(0),
        });
    }
    Some(Part {
        received: order.received.0.local_date(tz),
        cancelled: order.state == Some(State::Cancelled),
        completed: completed_on(order, &schedule, tz),
        delivered,
        requested: order.requested_delivery,
        incidents: order
            .incidents
            .iter()
            .filter(|i| month.contains(i.opened.0.local_date(tz)))
            .map(|i| i.kind.as_str().to_owned())
            .collect(),
        done,
    })
}

pub fn report(book: &Book<'_>, month: Month, parts: &[Part]) -> Report {
    let received: Vec<&Part> = parts
        .iter()
        .filter(|p| month.contains(p.received))
        .collect();
    let cancelled = received.iter().filter(|p| p.cancelled).count();
    let mut workload = 0usize;
    let mut cycle_days: Vec<i64> = Vec::new();
    let mut delivered = 0usize;
    let mut on_time = 0usize;
    let mut delivered_in_month = 0usize;
    for p in parts {
        let started = p.received <= month.last;
        let finished_before = p.completed.is_some_and(|d| d < month.first);
        if started && !finished_before && !p.cancelled {
            workload += 1;
        }
        if let Some(day) = p.completed.filter(|d| month.contains(*d)) {
            cycle_days.push((day - p.received).num_days());
        }
        if let Some(day) = p.delivered.filter(|d| month.contains(*d)) {
            delivered_in_month += 1;
            if let Some(requested) = p.requested {
                delivered += 1;
                if day <= requested {
                    on_time += 1;
                }
            }
        }
    }
    let incidents: Vec<&str> = parts
        .iter()
        .flat_map(|p| p.incidents.iter().map(String::as_str))
        .collect();

    let pct = |num: usize, den: usize| {
        if den == 0 {
            Cell::Empty
        } else {
            Cell::Float(100.0 * num as f64 / den as f64)
        }
    };
    let mut summary = Section::new(
        "summary",
        "",
        &[
            col("metric", "metric"),
            col("value", "value"),
            col("basis", "how it is counted"),
        ],
    );
    summary.push(vec![
        "orders received".into(),
        received.len().into(),
        format!(
            "received in {} ({cancelled} since cancelled)",
            month.label()
        )
        .into(),
    ]);
    summary.push(vec![
        "orders completed".into(),
        cycle_days.len().into(),
        "every applicable step done or skipped; the last done in the month".into(),
    ]);
    summary.push(vec![
        "completion rate %".into(),
        pct(cycle_days.len(), workload),
        format!("completed / {workload} orders open at some time in the month").into(),
    ]);
    summary.push(vec![
        "average processing cycle (days)".into(),
        if cycle_days.is_empty() {
            Cell::Empty
        } else {
            Cell::Float(cycle_days.iter().sum::<i64>() as f64 / cycle_days.len() as f64)
        },
        "received to completed, orders completed in the month".into(),
    ]);
    summary.push(vec![
        "on-time delivery rate %".into(),
        pct(on_time, delivered),
        format!("delivered by requested_delivery: {on_time} of {delivered} delivered in the month")
            .into(),
    ]);
    summary.push(vec![
        "incident rate %".into(),
        pct(incidents.len(), delivered_in_month),
        format!(
            "{} incidents opened / {delivered_in_month} orders delivered in the month",
            incidents.len()
        )
        .into(),
    ]);

    let mut late: BTreeMap<(&str, &str), (&str, usize, usize, i64)> = BTreeMap::new();
    for step in parts.iter().flat_map(|p| &p.done) {
        let entry = late
            .entry((step.workflow.as_str(), step.step.as_str()))
            .or_insert((step.title.as_str(), 0, 0, 0));
        entry.1 += 1;
        if step.late {
            entry.2 += 1;
            entry.3 += step.days_late;
        }
    }
    let mut late: Vec<_> = late.into_iter().filter(|(_, v)| v.2 > 0).collect();
    late.sort_by(|a, b| b.1.2.cmp(&a.1.2).then_with(|| a.0.cmp(&b.0)));
    let mut steps = Section::new(
        "late_steps",
        "Steps most often late",
        &[
            col("workflow", "workflow"),
            col("step", "step"),
            col("title", "title"),
            col("done", "done"),
            col("late", "late"),
            col("late_pct", "late %"),
            col("average_days_late", "avg days late"),
        ],
    );
    for ((workflow, step), (title, done, late_count, days)) in late.into_iter().take(10) {
        steps.push(vec![
            workflow.to_owned().into(),
            step.to_owned().into(),
            title.to_owned().into(),
            done.into(),
            late_count.into(),
            pct(late_count, done),
            Cell::Float(days as f64 / late_count as f64),
        ]);
    }
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for kind in &incidents {
        *kinds.entry(kind).or_default() += 1;
    }
    let mut notes = Vec::new();
    if !kinds.is_empty() {
        let list: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        notes.push(format!("incidents by kind: {}", list.join(", ")));
    }
    Report {
        name: "monthly",
        title: format!("Monthly order analysis {}", month.label()),
        as_of: book.as_of(),
        sections: vec![summary, steps],
        notes,
        invalid: Vec::new(),
        commit: None,
    }
}
