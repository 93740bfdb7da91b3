//! `unknown-customer`, `unknown-person`, `unknown-workflow`, `unknown-step`: every
//! name an order uses must exist in the ledger.

use std::path::Path;

use crate::finding::{Code, Finding};
use crate::model::order::Order;
use crate::suggest::closest;
use crate::yaml::Route;

use super::Context;

pub(super) fn check(ctx: &Context<'_>, rel: &Path, order: &Order, out: &mut Vec<Finding>) {
    if !ctx.customers.contains(&order.customer) {
        let known: Vec<&str> = ctx.customers.iter().map(String::as_str).collect();
        let mut finding = Finding::error(
            Code::UnknownCustomer,
            rel,
            format!("customer `{}` has no file in customers/", order.customer),
        )
        .at(Route::keys(&["customer"]))
        .label("not a customer code");
        finding.help = Some(match closest(&order.customer, &known) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("add customers/{}.yaml, or use a known code", order.customer),
        });
        out.push(finding);
    }

    // The route is built only for a finding: most names are known.
    let person = |name: &str, route: &dyn Fn() -> Route, out: &mut Vec<Finding>| {
        if !ctx.config.people.contains_key(name) {
            let known: Vec<&str> = ctx.config.people.keys().map(String::as_str).collect();
            let mut finding = Finding::error(
                Code::UnknownPerson,
                rel,
                format!("`{name}` is not one of the people in ordo.yaml"),
            )
            .at(route())
            .label("unknown person");
            finding.help = Some(match closest(name, &known) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "people are the keys under `people:` in ordo.yaml".to_owned(),
            });
            out.push(finding);
        }
    };
    person(&order.owner, &|| Route::keys(&["owner"]), out);
    for (id, record) in &order.steps {
        if let Some(by) = &record.by {
            person(by, &|| Route::keys(&["steps", id, "by"]), out);
        } else if record.done.is_some() || record.skipped.is_some() {
            out.push(
                Finding::error(
                    Code::UnknownPerson,
                    rel,
                    format!("step {id} is closed but does not say by whom"),
                )
                .at_key(Route::keys(&["steps", id]))
                .label("no `by`")
                .help("add `by: <person>` for whoever did or skipped the step"),
            );
        }
    }
    for (i, amendment) in order.amendments.iter().enumerate() {
        let at = || Route::root().key("amendments").index(i);
        person(&amendment.by, &|| at().key("by"), out);
        if let Some(review) = &amendment.review {
            person(&review.by, &|| at().key("review").key("by"), out);
        }
    }

    let Some((name, workflow)) = ctx.config.workflow_of(order.workflow.as_deref()) else {
        let wanted = order.workflow.as_deref().unwrap_or_default();
        let known: Vec<&str> = ctx.config.workflows.keys().map(String::as_str).collect();
        out.push(
            Finding::error(
                Code::UnknownWorkflow,
                rel,
                format!("workflow `{wanted}` is not defined in ordo.yaml"),
            )
            .at(Route::keys(&["workflow"]))
            .label("unknown workflow")
            .help(match closest(wanted, &known) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("workflows: {}", known.join(", ")),
            }),
        );
        return;
    };
    let ids: Vec<&str> = workflow.steps.iter().map(|s| s.id.as_str()).collect();
    for id in order.steps.keys() {
        if !ids.contains(&id.as_str()) {
            let mut finding = Finding::error(
                Code::UnknownStep,
                rel,
                format!("step `{id}` is not a step of workflow `{name}`"),
            )
            .at_key(Route::keys(&["steps", id]))
            .label("unknown step");
            finding.help = Some(match closest(id, &ids) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the steps of `{name}` are {}", ids.join(", ")),
            });
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_kit::{Desk, WORKFLOW_CONFIG, findings, order};

    #[test]
    fn every_name_an_order_uses_is_one_the_ledger_knows() {
        let desk = Desk::new(WORKFLOW_CONFIG);
        let now = "2026-11-20T12:00";
        assert!(findings(&desk, &order("O-1", ""), now).is_empty());
        let mut stranger = order(
            "O-1",
            "steps:\n  S9: {done: 2026-11-02T10:00:00+08:00, by: zed}\n",
        );
        stranger.customer = "D".into();
        assert_eq!(
            findings(&desk, &stranger, now),
            [
                "unknown-customer at customer",
                "unknown-person at steps.S9.by",
                "unknown-step at steps.S9"
            ]
        );
        let lost = order("O-1", "workflow: nowhere\n");
        assert_eq!(
            findings(&desk, &lost, now),
            ["unknown-workflow at workflow"]
        );
    }
}
