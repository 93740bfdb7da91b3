//! `calendar-range`: a due date of the order needs a day outside the years its
//! working calendar lists. The engine refuses to guess holidays it was not told.

use std::collections::BTreeSet;
use std::path::Path;

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
        let Err(DueError::Range(error)) = due else {
            return;
        };
        if !seen.insert((error.calendar.clone(), error.year)) {
            return;
        }
        let (what, route) = place();
        out.push(
            Finding::error(
                Code::CalendarRange,
                rel,
                format!(
                    "the due date of {what} needs {} in calendar `{}`, which lists only {}",
                    error.year, error.calendar, error.covered
                ),
            )
            .at_key(route)
            .label(format!("reaches {}", error.year))
            .help(format!(
                "add {} and its holidays and make-up workdays to calendars.{} in ordo.yaml",
                error.year, error.calendar
            )),
        );
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
