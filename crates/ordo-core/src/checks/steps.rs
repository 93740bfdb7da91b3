//! `role` and `order`: a step is done by someone who holds its role, only after the
//! steps it requires, and not dated before them.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::path::Path;

use crate::finding::{Code, Finding};
use crate::model::config::Step;
use crate::model::order::Order;
use crate::model::status::{applies, is_closed};
use crate::yaml::Route;

use super::Context;

pub(super) fn check(ctx: &Context<'_>, rel: &Path, order: &Order, out: &mut Vec<Finding>) {
    let Some((name, workflow)) = ctx.config.workflow_of(order.workflow.as_deref()) else {
        return;
    };
    let by_id: HashMap<&str, &Step> = workflow
        .steps
        .iter()
        .rev()
        .map(|s| (s.id.as_str(), s))
        .collect();
    for step in &workflow.steps {
        let Some(record) = order.steps.get(&step.id) else {
            continue;
        };
        // Built only for a finding: most steps have none.
        let route = || Route::keys(&["steps", &step.id]);
        if record.done.is_some() && record.skipped.is_some() {
            out.push(
                Finding::error(
                    Code::Order,
                    rel,
                    format!("step {} is marked both done and skipped", step.id),
                )
                .at_key(route())
                .label("done and skipped")
                .help("keep `done` if it happened, or `skipped` if it did not"),
            );
        }
        let Some(done) = &record.done else { continue };
        if let Some(by) = &record.by
            && ctx.config.people.contains_key(by)
            && !ctx.config.may_act_as(by, &step.role)
        {
            let holders = ctx.config.who_may_act_as(&step.role);
            out.push(
                Finding::error(
                    Code::Role,
                    rel,
                    format!(
                        "{by} does not hold the role `{}` that step {} ({}) needs",
                        step.role, step.id, step.title
                    ),
                )
                .at(route().key("by"))
                .label(format!("lacks the role `{}`", step.role))
                .help(if holders.is_empty() {
                    format!(
                        "nobody holds `{}`: give the role to someone in ordo.yaml",
                        step.role
                    )
                } else {
                    format!("people who may do it: {}", holders.join(", "))
                }),
            );
        }
        if !applies(step, order, name) {
            continue;
        }
        for required in &step.requires {
            let Some(req_step) = by_id.get(required.as_str()) else {
                continue;
            };
            if !applies(req_step, order, name) {
                continue;
            }
            if !is_closed(order, required) {
                out.push(
                    Finding::error(
                        Code::Order,
                        rel,
                        format!(
                            "step {} is done but the step it requires, {required} ({}), is not",
                            step.id, req_step.title
                        ),
                    )
                    .at(route().key("done"))
                    .label(format!("done before {required}"))
                    .help(format!("record {required} as done or skipped first")),
                );
            } else if let Some(req_done) = order.steps.get(required).and_then(|r| r.done.as_ref())
                && done.cmp_in(req_done, ctx.tz) == Ordering::Less
            {
                out.push(
                    Finding::error(
                        Code::Order,
                        rel,
                        format!(
                            "step {} is dated {done}, before {required} ({}) which it requires, done {req_done}",
                            step.id, req_step.title
                        ),
                    )
                    .at(route().key("done"))
                    .label(format!("before {required}"))
                    .help(format!("a step cannot be done before {required}: check both dates")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_kit::{Desk, WORKFLOW_CONFIG, findings_of, order};

    const NOW: &str = "2026-11-20T12:00";

    #[test]
    fn a_step_is_done_by_its_role_after_the_steps_it_requires() {
        let desk = Desk::new(WORKFLOW_CONFIG);
        let right = order(
            "O-1",
            "steps:\n  S1: {done: 2026-11-02T10:00:00+08:00, by: ann}\n  S2: {done: 2026-11-03T10:00:00+08:00, by: bo}\n",
        );
        assert!(findings_of(&desk, &right, NOW, "role").is_empty());
        assert!(findings_of(&desk, &right, NOW, "order").is_empty());
        // Bo makes; he does not register.
        let wrong_role = order(
            "O-1",
            "steps:\n  S1: {done: 2026-11-02T10:00:00+08:00, by: bo}\n",
        );
        assert_eq!(
            findings_of(&desk, &wrong_role, NOW, "role"),
            ["role at steps.S1.by"]
        );
        // Making before registering, and making dated before registering.
        let early = order(
            "O-1",
            "steps:\n  S2: {done: 2026-11-03T10:00:00+08:00, by: bo}\n",
        );
        assert_eq!(
            findings_of(&desk, &early, NOW, "order"),
            ["order at steps.S2.done"]
        );
        let backdated = order(
            "O-1",
            "steps:\n  S1: {done: 2026-11-04T10:00:00+08:00, by: ann}\n  S2: {done: 2026-11-03T10:00:00+08:00, by: bo}\n",
        );
        assert_eq!(
            findings_of(&desk, &backdated, NOW, "order"),
            ["order at steps.S2.done"]
        );
    }
}
