//! `gate`: a gated step done while its gate did not hold (an installment
//! unpaid, a field missing) at the instant it was done, and not overridden.

use std::path::Path;

use crate::engine::gate::unmet;
use crate::engine::schedule::Schedule;
use crate::finding::{Code, Finding};
use crate::model::order::Order;
use crate::yaml::Route;

use super::Context;

pub(super) fn check(ctx: &Context<'_>, rel: &Path, order: &Order, out: &mut Vec<Finding>) {
    let Some((_, workflow)) = ctx.config.workflow_of(order.workflow.as_deref()) else {
        return;
    };
    for (id, record) in &order.steps {
        if let Some(given) = &record.overridden
            && !ctx.config.people.contains_key(&given.by)
        {
            out.push(
                Finding::error(
                    Code::UnknownPerson,
                    rel,
                    format!("`{}` is not a person of ordo.yaml", given.by),
                )
                .at(Route::keys(&["steps", id, "override", "by"]))
                .label("unknown person"),
            );
        }
    }
    // Only a done step with a gate and no override needs the schedule.
    let gated: Vec<_> = workflow
        .steps
        .iter()
        .filter_map(|step| {
            let gate = step.gate.as_ref()?;
            let record = order.steps.get(&step.id)?;
            let done = record.done.as_ref()?;
            record.overridden.is_none().then_some((step, gate, done))
        })
        .collect();
    if gated.is_empty() {
        return;
    }
    let Some(calendars) = ctx.calendars else {
        return;
    };
    let Some(schedule) = Schedule::of(ctx.config, calendars, order) else {
        return;
    };
    for (step, gate, done) in gated {
        // The credit approval is judged over the customer's orders (`credit-limit`).
        let missing = unmet(ctx.config, &schedule, order, gate, (done, ctx.tz), None);
        if missing.is_empty() {
            continue;
        }
        let list: Vec<String> = missing.iter().map(ToString::to_string).collect();
        out.push(
            Finding::error(
                Code::Gate,
                rel,
                format!(
                    "step {} ({}) was done {done} before its gate held: {}",
                    step.id,
                    step.title,
                    list.join("; ")
                ),
            )
            .at(Route::keys(&["steps", &step.id, "done"]))
            .label("gate not held")
            .help(format!(
                "if it was decided so, record who decided, when and why: override: {{by: PERSON, at: WHEN, reason: TEXT}} on steps.{}",
                step.id
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::test_kit::{CONTROLLED_ORDER, Desk, controlled_config, findings, order};

    #[test]
    fn a_gated_step_done_before_its_gate_held_is_an_error_unless_overridden() {
        let desk = Desk::new(&controlled_config());
        let now = "2026-11-20T12:00";
        assert!(findings(&desk, &order("O-1", CONTROLLED_ORDER), now).is_empty());
        // The deposit came after the goods left.
        let paid_late = CONTROLLED_ORDER.replace(
            "amount: 3, received: 2026-11-03T11:00",
            "amount: 3, received: 2026-11-05T11:00",
        );
        assert_eq!(
            findings(&desk, &order("O-1", &paid_late), now),
            ["gate at steps.S3.done"]
        );
        let no_address =
            CONTROLLED_ORDER.replace("ship_to: {name: W, address: 1 Road, contact: Mr Li}\n", "");
        assert_eq!(
            findings(&desk, &order("O-1", &no_address), now),
            ["gate at steps.S3.done"]
        );
        let overridden = paid_late.replace(
            "S3: {done: 2026-11-04T10:00:00+08:00, by: ann}",
            "S3: {done: 2026-11-04T10:00:00+08:00, by: ann, override: {by: ann, at: 2026-11-04T09:00:00+08:00, reason: regular customer}}",
        );
        assert!(findings(&desk, &order("O-1", &overridden), now).is_empty());
    }
}
