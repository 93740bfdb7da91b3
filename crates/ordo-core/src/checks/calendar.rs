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

pub(super) fn check(ctx: &Context<'_>, rel: &Path, order: &Order, out: &mut Vec<Finding>) {
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
    sla_clocks(ctx, calendars, rel, order, out);
    if crate::model::status::status(ctx.config, order, name, workflow).0
        == crate::model::status::Status::Done
    {
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
                format!("{what} needs {year} in calendar `{calendar}`, which lists only {covered}"),
                format!("reaches {year}"),
                format!(
                    "add {year} and its holidays and make-up workdays to calendars.{calendar} in ordo.yaml"
                ),
            ),
            CalendarError::NoWorkingTime { calendar, from } => (
                format!(
                    "{what} cannot be counted: calendar `{calendar}` has no working time in the year from {from}"
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
            (
                format!("the due date of step {} ({})", l.step.id, l.step.title),
                route,
            )
        });
    }
    // Reminders are counted back from the due date on the step's calendar.
    for l in schedule.steps.iter().filter(|l| l.state.is_open()) {
        let (Some(remind), Ok(due)) = (&l.step.remind, &l.due) else {
            continue;
        };
        let Some(point) = due.point else { continue };
        let Ok(calendar) = calendars.get(l.step.due.as_ref().and_then(|d| d.calendar.as_deref()))
        else {
            continue;
        };
        if let Err(error) = crate::engine::arith::apply(point, remind, false, calendar) {
            let reminder: Result<Computed, DueError> = Err(DueError::Range {
                error,
                forecast: !matches!(due.basis, crate::engine::due::Basis::Firm),
            });
            report(&reminder, &|| {
                (
                    format!("the reminder of step {} ({})", l.step.id, l.step.title),
                    Route::keys(&["steps", &l.step.id]),
                )
            });
        }
    }
    for (i, l) in schedule.installments.iter().enumerate() {
        report(&l.due, &|| {
            (
                format!("the due date of installment `{}`", l.term.name),
                Route::keys(&["contract", "payment_terms"]).index(i),
            )
        });
    }
}

/// SLA working clocks that need a year their calendar does not list: the
/// measurement is not computable (never counted in wall time), on done orders
/// too, whose SLAs are still reported.
fn sla_clocks(
    ctx: &Context<'_>,
    calendars: &crate::engine::due::Calendars,
    rel: &Path,
    order: &Order,
    out: &mut Vec<Finding>,
) {
    for gap in crate::engine::sla::uncovered(ctx.config, calendars, order) {
        let route = match (gap.incident, gap.at_start) {
            (Some(i), start) => Route::root().key("incidents").index(i).key(if start {
                "opened"
            } else {
                "resolved"
            }),
            (None, start) => {
                let anchor = if start {
                    &gap.policy.start
                } else {
                    &gap.policy.stop
                };
                anchor
                    .as_ref()
                    .map_or_else(|| Route::keys(&["received"]), anchor_route)
            }
        };
        let what = match gap.incident {
            Some(i) => format!("SLA `{}` of incident {}", gap.policy.id, i + 1),
            None => format!("SLA `{}`", gap.policy.id),
        };
        let calendar = gap.error.calendar().to_owned();
        out.push(
            Finding::error(
                Code::CalendarRange,
                rel,
                format!("{what} cannot be measured: {}", gap.error),
            )
            .at(route)
            .label("outside the calendar")
            .help(format!(
                "its working clock counts the hours of calendar `{calendar}`; add the year and its holidays to calendars.{calendar} in ordo.yaml"
            )),
        );
    }
}

/// Where an anchor's value is recorded in an order.
fn anchor_route(anchor: &crate::model::due::Anchor) -> Route {
    use crate::model::due::Anchor;
    match anchor {
        Anchor::Received => Route::keys(&["received"]),
        Anchor::ConfirmationSent => Route::keys(&["confirmation", "sent"]),
        Anchor::ConfirmationSigned => Route::keys(&["confirmation", "signed"]),
        Anchor::ContractSigned => Route::keys(&["contract", "signed"]),
        Anchor::RequestedDelivery => Route::keys(&["requested_delivery"]),
        Anchor::Date(name) => Route::keys(&["dates", name]),
        Anchor::Step(id) => Route::keys(&["steps", id, "done"]),
    }
}

#[cfg(test)]
mod tests {
    use crate::test_kit::{Desk, WORKFLOW_CONFIG, findings, order};

    #[test]
    fn a_due_date_past_the_calendars_years_is_named_not_guessed() {
        // The calendar lists 2026 only; making, five working days after a
        // registration on 12-28, would fall in 2027.
        let desk = Desk::new(WORKFLOW_CONFIG);
        let late_in_year = order(
            "O-1",
            "steps:\n  S1: {done: 2026-12-28T10:00:00+08:00, by: ann}\n",
        );
        assert_eq!(
            findings(&desk, &late_in_year, "2026-12-30T12:00"),
            ["calendar-range at received"]
        );
        let early = order(
            "O-1",
            "steps:\n  S1: {done: 2026-11-02T10:00:00+08:00, by: ann}\n",
        );
        assert!(findings(&desk, &early, "2026-11-20T12:00").is_empty());
    }
}
