//! `done_before`: a step that must be done before an event of the order (a
//! delivery date promised in the confirmation, another step) is reported when
//! the event happened while the step was still open.

use std::cmp::Ordering;
use std::path::Path;

use crate::finding::{Code, Finding};
use crate::model::config::Step;
use crate::model::due::Anchor;
use crate::model::moment::Moment;
use crate::model::order::Order;
use crate::model::status::applies;
use crate::yaml::Route;

use super::Context;

pub(super) fn check(ctx: &Context<'_>, rel: &Path, order: &Order, out: &mut Vec<Finding>) {
    let Some((name, workflow)) = ctx.config.workflow_of(order.workflow.as_deref()) else {
        return;
    };
    for step in workflow.steps.iter().filter(|s| !s.done_before.is_empty()) {
        if !applies(step, order, name) {
            continue;
        }
        let record = order.steps.get(&step.id);
        if record.is_some_and(|r| r.skipped.is_some()) {
            continue;
        }
        let done = record.and_then(|r| r.done);
        for event in &step.done_before {
            let Some((when, route)) = happened(order, event) else {
                continue;
            };
            let late = done
                .as_ref()
                .is_none_or(|d| d.cmp_in(&when, ctx.tz) == Ordering::Greater);
            if !late {
                continue;
            }
            let message = match &done {
                None => format!(
                    "{event} happened ({when}) while step {} ({}) was not done; it must come first",
                    step.id, step.title
                ),
                Some(d) => format!(
                    "step {} ({}) was done {d}, after {event} ({when}); it must come first",
                    step.id, step.title
                ),
            };
            out.push(
                Finding::warning(Code::DoneBefore, rel, message)
                    .at(route)
                    .label(format!("before {}", step.id))
                    .help(format!(
                        "the workflow has {} done before {event}: record why in an amendment or incident, and check the dates",
                        step.id
                    )),
            );
        }
    }
}

/// When the order records that `anchor` happened, and where.
fn happened(order: &Order, anchor: &Anchor) -> Option<(Moment, Route)> {
    Some(match anchor {
        Anchor::ConfirmationSent => (
            order.confirmation.as_ref()?.sent?,
            Route::keys(&["confirmation", "sent"]),
        ),
        Anchor::ConfirmationSigned => (
            Moment::Date(order.confirmation.as_ref()?.signed?),
            Route::keys(&["confirmation", "signed"]),
        ),
        Anchor::ContractSigned => (
            Moment::Date(order.contract.as_ref()?.signed?),
            Route::keys(&["contract", "signed"]),
        ),
        Anchor::Date(name) => (*order.dates.get(name)?, Route::keys(&["dates", name])),
        Anchor::Step(id) => (
            order.steps.get(id)?.done?,
            Route::keys(&["steps", id, "done"]),
        ),
        Anchor::Received | Anchor::RequestedDelivery => return None,
    })
}

/// What is wrong with a step's `done_before` in `ordo.yaml` (anchors that do
/// not parse are schema findings already): each entry's index and the problem.
pub(super) fn config_problems(step: &Step, is_step: &dyn Fn(&str) -> bool) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, event) in step.done_before.iter().enumerate() {
        match event {
            Anchor::Received | Anchor::RequestedDelivery => out.push((
                i,
                format!("`{event}` is not an event a step can come before; give confirmation.sent, confirmation.signed, contract.signed, dates.<name> or a step"),
            )),
            Anchor::Step(id) if *id == step.id => {
                out.push((i, format!("step `{}` cannot be done before itself", step.id)))
            }
            Anchor::Step(id) if !is_step(id) => {
                out.push((i, format!("`{id}` is not a step of this workflow")))
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::test_kit::{CONTROLLED_ORDER, Desk, controlled_config, findings, order};

    #[test]
    fn an_event_that_happened_while_the_step_was_open_is_reported() {
        let desk = Desk::new(&controlled_config());
        let now = "2026-11-20T12:00";
        // The confirmation went out a day before shipping was done.
        let promised_early =
            CONTROLLED_ORDER.replace("sent: 2026-11-05T09:00", "sent: 2026-11-03T09:00");
        assert_eq!(
            findings(&desk, &order("O-1", &promised_early), now),
            ["done-before at confirmation.sent"]
        );
    }
}
