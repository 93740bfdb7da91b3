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
use crate::output::report::{Cell, Report, Section, col};

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

pub fn report(book: &Book<'_>, month: Month) -> Report {
    let tz = book.tz;
    let schedules: Vec<_> = book.schedules().collect();
    let received_in = |o: &Order| month.contains(o.received.0.local_date(tz));

    let received: Vec<&Order> = schedules
        .iter()
        .map(|(o, _)| *o)
        .filter(|o| received_in(o))
        .collect();
    let cancelled = received
        .iter()
        .filter(|o| o.state == Some(State::Cancelled))
        .count();
    let mut completed = Vec::new();
    let mut workload = 0usize;
    for (order, schedule) in &schedules {
        let done = completed_on(order, schedule, tz);
        let started = order.received.0.local_date(tz) <= month.last;
        let finished_before = done.is_some_and(|d| d < month.first);
        let cancelled = order.state == Some(State::Cancelled);
        if started && !finished_before && !cancelled {
            workload += 1;
        }
        if let Some(day) = done.filter(|d| month.contains(*d)) {
            completed.push((*order, day));
        }
    }
    let cycle_days: Vec<i64> = completed
        .iter()
        .map(|(o, day)| (*day - o.received.0.local_date(tz)).num_days())
        .collect();

    let mut delivered = 0usize;
    let mut on_time = 0usize;
    for (order, schedule) in &schedules {
        let Some(step) = book
            .config
            .workflow_of(order.workflow.as_deref())
            .and_then(|(_, w)| w.delivery_step.as_deref())
        else {
            continue;
        };
        let Some(day) = schedule
            .line(step)
            .and_then(|l| l.record)
            .and_then(|r| r.done)
            .map(|m| m.local_date(tz))
            .filter(|d| month.contains(*d))
        else {
            continue;
        };
        let Some(requested) = order.requested_delivery else {
            continue;
        };
        delivered += 1;
        if day <= requested {
            on_time += 1;
        }
    }
    let delivered_in_month = schedules
        .iter()
        .filter(|(o, s)| {
            book.config
                .workflow_of(o.workflow.as_deref())
                .and_then(|(_, w)| w.delivery_step.as_deref())
                .and_then(|step| s.line(step))
                .and_then(|l| l.record)
                .and_then(|r| r.done)
                .is_some_and(|m| month.contains(m.local_date(tz)))
        })
        .count();
    let incidents: Vec<(&Order, &crate::model::order::Incident)> = schedules
        .iter()
        .flat_map(|(o, _)| o.incidents.iter().map(move |i| (*o, i)))
        .filter(|(_, i)| month.contains(i.opened.0.local_date(tz)))
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
        completed.len().into(),
        "every applicable step done or skipped; the last done in the month".into(),
    ]);
    summary.push(vec![
        "completion rate %".into(),
        pct(completed.len(), workload),
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

    let mut late: BTreeMap<(String, String), (String, usize, usize, i64)> = BTreeMap::new();
    for (order, schedule) in &schedules {
        for line in &schedule.steps {
            if line.state != StepState::Done {
                continue;
            }
            let Some(done) = line.record.and_then(|r| r.done) else {
                continue;
            };
            if !month.contains(done.local_date(tz)) {
                continue;
            }
            let Ok(due) = &line.due else { continue };
            let Some(point) = due.point else { continue };
            if matches!(due.basis, Basis::Waiting { .. } | Basis::None) {
                continue;
            }
            let done_point = Point::from_moment(&done, tz);
            let is_late = done_point.start(tz) >= point.overdue_from(tz);
            let days = (done_point.date() - point.date()).num_days().max(0);
            let entry = late
                .entry((schedule.workflow_name.to_owned(), line.step.id.clone()))
                .or_insert_with(|| (line.step.title.clone(), 0, 0, 0));
            entry.1 += 1;
            if is_late {
                entry.2 += 1;
                entry.3 += days;
            }
            let _ = order;
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
            workflow.into(),
            step.into(),
            title.into(),
            done.into(),
            late_count.into(),
            pct(late_count, done),
            Cell::Float(days as f64 / late_count as f64),
        ]);
    }
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, incident) in &incidents {
        *kinds.entry(incident.kind.as_str()).or_default() += 1;
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
    }
}
