//! `lead-time`: once a delivery date is promised (the confirmation sent, or a
//! step that `promises: delivery` done), the delivery milestone's firm or
//! forecast date must not fall after the date the customer asked for. The
//! warning names both dates; `ordo explain` gives the chain behind the first.

use std::path::Path;

use crate::engine::due::Basis;
use crate::engine::schedule::Schedule;
use crate::finding::{Code, Finding};
use crate::model::order::Order;
use crate::yaml::Route;

use super::Context;

pub(super) fn check(ctx: &Context<'_>, rel: &Path, order: &Order, out: &mut Vec<Finding>) {
    let Some(requested) = order.requested_delivery else {
        return;
    };
    let Some((_, workflow)) = ctx.config.workflow_of(order.workflow.as_deref()) else {
        return;
    };
    let Some(delivery) = workflow.delivery_step.as_deref() else {
        return;
    };
    // What promised the date, and where.
    let promise = order
        .confirmation
        .as_ref()
        .and_then(|c| c.sent)
        .map(|_| {
            (
                "the confirmation sent".to_owned(),
                Route::keys(&["confirmation", "sent"]),
            )
        })
        .or_else(|| {
            workflow
                .steps
                .iter()
                .filter(|s| s.promises.is_some())
                .find(|s| order.steps.get(&s.id).is_some_and(|r| r.done.is_some()))
                .map(|s| {
                    (
                        format!("step {} done", s.id),
                        Route::keys(&["steps", &s.id, "done"]),
                    )
                })
        });
    let Some((promised_by, route)) = promise else {
        return;
    };
    let Some(calendars) = ctx.calendars else {
        return;
    };
    let Some(schedule) = Schedule::of(ctx.config, calendars, order) else {
        return;
    };
    let Some(line) = schedule.line(delivery).filter(|l| l.state.is_open()) else {
        return;
    };
    let Ok(due) = &line.due else {
        return;
    };
    let (Some(point), false) = (due.point, matches!(due.basis, Basis::Waiting { .. })) else {
        return;
    };
    if point.date() <= requested {
        return;
    }
    out.push(
        Finding::warning(
            Code::LeadTime,
            rel,
            format!(
                "delivery ({delivery}) falls on {} ({}), after the requested delivery {requested} \
                 promised with {promised_by}",
                point.date(),
                due.basis.label()
            ),
        )
        .at(route)
        .label(format!("delivery {} after {requested}", point.date()))
        .help(format!(
            "`ordo explain {} {delivery}` shows why; agree a new date with the customer \
             (an amendment with `--reconfirmed`) or shorten the chain",
            order.id
        )),
    );
}

#[cfg(test)]
mod tests {
    use crate::test_kit::{Desk, WORKFLOW_CONFIG, findings, order};

    #[test]
    fn a_promised_delivery_the_schedule_cannot_meet_is_a_warning_at_the_promise() {
        let config =
            WORKFLOW_CONFIG.replace("    title: W\n", "    title: W\n    delivery_step: S3\n");
        let desk = Desk::new(&config);
        let now = "2026-11-20T12:00";
        // Registered 11-02: making falls due 11-09, shipping 11-10.
        let promise = |requested: &str| {
            order(
                "O-1",
                &format!(
                    "requested_delivery: {requested}\nconfirmation: {{sent: 2026-11-02T12:00:00+08:00, via: email}}\nsteps:\n  S1: {{done: 2026-11-02T10:00:00+08:00, by: ann}}\n"
                ),
            )
        };
        assert_eq!(
            findings(&desk, &promise("2026-11-06"), now),
            ["lead-time at confirmation.sent"]
        );
        assert!(findings(&desk, &promise("2026-11-12"), now).is_empty());
        // Nothing promised yet: the requested date is only asked for.
        let asked = order("O-1", "requested_delivery: 2026-11-06\n");
        assert!(findings(&desk, &asked, now).is_empty());
    }
}
