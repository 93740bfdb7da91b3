//! `calendar-range`: a due date of the order needs a day outside the years its
//! working calendar lists. The engine refuses to guess holidays it was not told.

use std::collections::BTreeSet;
use std::path::Path;

use crate::engine::calendar::CalendarError;
use crate::engine::due::{Computed, DueError};
use crate::engine::schedule::Schedule;
use crate::finding::{Code, Finding};
use crate::model::enums::State;
use crate::model::order::Order;
use crate::yaml::Route;

use super::Context;

pub fn check(ctx: &Context<'_>, rel: &Path, order: &Order, out: &mut Vec<Finding>) {
    let Some(calendars) = ctx.calendars else {
        return;
    };
    if order.state == Some(State::Cancelled) {
        return;
    }
    // A done order's dates are history; what still has to be computed is the
    // schedule of orders in progress.
    let Some((name, workflow)) = ctx.config.workflow_of(order.workflow.as_deref()) else {
        return;
    };
    if crate::model::status::status(order, name, workflow).0 == crate::model::status::Status::Done {
        return;
    }
    let Some(schedule) = Schedule::of(ctx.config, calendars, order) else {
        return;
    };
    let mut seen = BTreeSet::new();
    // A failing due date is named (what, where) only when it makes a finding.
    let mut report = |due: &Result<Computed, DueError>, place: &dyn Fn() -> (String, Route)| {
        let Err(DueError::Range { error, forecast }) = due else {
            return;
        };
        let year = match error {
            CalendarError::OutOfRange { year, .. } => *year,
            CalendarError::NoWorkingTime { .. } => i32::MIN,
        };
        if !seen.insert((error.calendar().to_owned(), year)) {
            return;
        }
        let (what, route) = place();
        let (message, label, help) = match error {
            CalendarError::OutOfRange {
                calendar,
                year,
                covered,
            } => (
                format!(
                    "the due date of {what} needs {year} in calendar `{calendar}`, which lists only {covered}"
                ),
                format!("reaches {year}"),
                format!(
                    "add {year} and its holidays and make-up workdays to calendars.{calendar} in ordo.yaml"
                ),
            ),
            CalendarError::NoWorkingTime { calendar, from } => (
                format!(
                    "the due date of {what} cannot be counted: calendar `{calendar}` has no working time in the year from {from}"
                ),
                "no working time".to_owned(),
                format!(
                    "check calendars.{calendar} in ordo.yaml: its weekend, holidays and hours leave no working time"
                ),
            ),
        };
        // A forecast that cannot be computed does not make the order wrong: it
        // warns; a date every anchor of which has happened is an error.
        let finding = if *forecast {
            Finding::warning(Code::CalendarRange, rel, format!("{message} (a forecast)"))
        } else {
            Finding::error(Code::CalendarRange, rel, message)
        };
        out.push(finding.at_key(route).label(label).help(help));
    };
    for l in &schedule.steps {
        report(&l.due, &|| {
            let route = if order.steps.contains_key(&l.step.id) {
                Route::keys(&["steps", &l.step.id])
            } else {
                Route::keys(&["received"])
            };
            (format!("step {} ({})", l.step.id, l.step.title), route)
        });
    }
    for (i, l) in schedule.installments.iter().enumerate() {
        report(&l.due, &|| {
            (
                format!("installment `{}`", l.term.name),
                Route::keys(&["contract", "payment_terms"]).index(i),
            )
        });
    }
}
