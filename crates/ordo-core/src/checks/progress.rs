//! `progress`: each update names a step of the order's workflow (when it
//! names one) and a person of the ledger.

use std::path::Path;

use crate::finding::{Code, Finding};
use crate::model::order::Order;
use crate::yaml::Route;

use super::Context;

pub(super) fn check(ctx: &Context<'_>, rel: &Path, order: &Order, out: &mut Vec<Finding>) {
    let workflow = ctx.config.workflow_of(order.workflow.as_deref());
    for (i, update) in order.progress.iter().enumerate() {
        let at = || Route::keys(&["progress"]).index(i);
        if let (Some(step), Some((name, workflow))) = (&update.step, workflow)
            && !workflow.steps.iter().any(|s| s.id == *step)
        {
            out.push(
                Finding::error(
                    Code::UnknownStep,
                    rel,
                    format!("`{step}` is not a step of workflow {name}"),
                )
                .at(at().key("step"))
                .label("unknown step"),
            );
        }
        if !ctx.config.people.contains_key(&update.by) {
            out.push(
                Finding::error(
                    Code::UnknownPerson,
                    rel,
                    format!("`{}` is not a person of ordo.yaml", update.by),
                )
                .at(at().key("by"))
                .label("unknown person"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_kit::{Desk, WORKFLOW_CONFIG, findings, order};

    #[test]
    fn an_update_names_a_step_of_the_workflow_and_a_person_of_the_ledger() {
        let desk = Desk::new(WORKFLOW_CONFIG);
        let now = "2026-11-20T12:00";
        let known = order(
            "O-1",
            "progress:\n  - {at: 2026-11-03T10:00:00+08:00, by: bo, step: S2, status: half made}\n",
        );
        assert!(findings(&desk, &known, now).is_empty());
        let unknown = order(
            "O-1",
            "progress:\n  - {at: 2026-11-03T10:00:00+08:00, by: zed, step: S9, status: half made}\n",
        );
        assert_eq!(
            findings(&desk, &unknown, now),
            [
                "unknown-step at progress[0].step",
                "unknown-person at progress[0].by"
            ]
        );
    }
}
