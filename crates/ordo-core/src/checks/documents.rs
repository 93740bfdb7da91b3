//! `documents`: the documents of an order or a customer are of declared kinds
//! and logged by known people, and a step that needs kinds of document was
//! done only once they had arrived (on the order or on its customer).

use std::cmp::Ordering;
use std::path::Path;

use chrono_tz::Tz;

use crate::finding::{Code, Finding};
use crate::i18n::Lang;
use crate::model::Customer;
use crate::model::config::{Config, Step};
use crate::model::moment::Moment;
use crate::model::order::{Document, Order};
use crate::model::status::applies;
use crate::yaml::Route;

use super::Context;

pub fn check(ctx: &Context<'_>, rel: &Path, order: &Order, out: &mut Vec<Finding>) {
    check_logged(ctx.config, rel, &order.documents, out);
    let Some((name, workflow)) = ctx.config.workflow_of(order.workflow.as_deref()) else {
        return;
    };
    // Without its customer's file (reported on its own) what the customer
    // keeps is unknown: a document is not called missing on a guess.
    let Some(customer) = ctx.customer_records.get(&order.customer) else {
        return;
    };
    for step in workflow.steps.iter().filter(|s| !s.needs.is_empty()) {
        let Some(done) = order.steps.get(&step.id).and_then(|r| r.done) else {
            continue;
        };
        if !applies(step, order, name) {
            continue;
        }
        let missing = missing(
            ctx.config,
            order,
            Some(customer),
            step,
            Some(&done),
            ctx.tz,
            Lang::En,
        );
        if missing.is_empty() {
            continue;
        }
        out.push(
            Finding::error(
                Code::Document,
                rel,
                format!(
                    "step {} ({}) was done {done} without {} it needs",
                    step.id,
                    step.title,
                    missing.join(", ")
                ),
            )
            .at(Route::keys(&["steps", &step.id, "done"]))
            .label(format!("needs {}", missing.join(", ")))
            .help("record the documents with `ordo attach`, dated when they arrived"),
        );
    }
}

/// Checks each logged document (of an order or a customer, under
/// `documents`): its kind is declared, its address is http(s), and who logged
/// it is a person of the ledger.
pub fn check_logged(config: &Config, rel: &Path, documents: &[Document], out: &mut Vec<Finding>) {
    for (i, document) in documents.iter().enumerate() {
        let at = || Route::keys(&["documents"]).index(i);
        if !config.documents.contains_key(&document.kind) {
            let kinds: Vec<&str> = config.documents.keys().map(String::as_str).collect();
            out.push(
                Finding::error(
                    Code::Document,
                    rel,
                    format!(
                        "`{}` is not a kind of document of this ledger",
                        document.kind
                    ),
                )
                .at(at().key("kind"))
                .label("not declared")
                .help(if kinds.is_empty() {
                    "declare the kinds under `documents` in ordo.yaml".to_owned()
                } else {
                    format!("kinds: {}", kinds.join(", "))
                }),
            );
        }
        if is_address(&document.reference)
            && !crate::model::pattern::is_web_address(&document.reference)
        {
            out.push(
                Finding::error(
                    Code::Document,
                    rel,
                    format!(
                        "`{}` is an address of another kind than http or https",
                        document.reference
                    ),
                )
                .at(at().key("ref"))
                .label("not http(s)")
                .help("give the document's http(s) address, or its path in the ledger's folder"),
            );
        }
        if let Some(by) = &document.by
            && !config.people.contains_key(by)
        {
            out.push(
                Finding::error(
                    Code::UnknownPerson,
                    rel,
                    format!("`{by}` is not a person of ordo.yaml"),
                )
                .at(at().key("by"))
                .label("unknown person"),
            );
        }
    }
}

/// The kinds `step` needs that neither the order nor its customer has a
/// document of, received by `by` when given; each as "kind (title)", the title
/// in `lang`.
pub fn missing(
    config: &Config,
    order: &Order,
    customer: Option<&Customer>,
    step: &Step,
    by: Option<&Moment>,
    tz: Tz,
    lang: Lang,
) -> Vec<String> {
    let kept = customer.map(|c| c.documents.as_slice()).unwrap_or_default();
    step.needs
        .iter()
        .filter(|kind| {
            !order.documents.iter().chain(kept).any(|d| {
                d.kind == **kind
                    && by.is_none_or(|by| d.received.cmp_in(by, tz) != Ordering::Greater)
            })
        })
        .map(|kind| match config.documents.get(kind) {
            Some(k) => format!("{kind} ({})", k.title.get(lang)),
            None => kind.clone(),
        })
        .collect()
}

/// What is wrong with a step's `needs` in `ordo.yaml`: each entry's index and
/// the problem.
pub fn config_problems(config: &Config, step: &Step) -> Vec<(usize, String)> {
    step.needs
        .iter()
        .enumerate()
        .filter(|(_, kind)| !config.documents.contains_key(*kind))
        .map(|(i, kind)| (i, format!("`{kind}` is not declared under `documents`")))
        .collect()
}

/// Whether a document's `ref` is an address (`scheme://…`) rather than a path
/// in the ledger's repository.
pub fn is_address(reference: &str) -> bool {
    reference.split_once("://").is_some_and(|(scheme, rest)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && !rest.is_empty()
    })
}

/// The order's documents that name a path, each with the finding to give when
/// no file is there. Whether a file exists is asked on every run (a cached
/// verdict on the order cannot know), so the check itself is the caller's.
pub fn local_references(rel: &Path, documents: &[Document]) -> Vec<(String, Finding)> {
    documents
        .iter()
        .enumerate()
        .filter(|(_, d)| !is_address(&d.reference))
        .map(|(i, d)| {
            let finding = Finding::error(
                Code::Document,
                rel,
                format!(
                    "the {} document `{}` is not a file in the ledger's folder",
                    d.kind, d.reference
                ),
            )
            .at(Route::keys(&["documents"]).index(i).key("ref"))
            .label("no such file")
            .help("commit the file at that path (from the ledger's folder), or give its address");
            (d.reference.clone(), finding)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::test_kit::{CONTROLLED_ORDER, Desk, controlled_config, findings, order};

    #[test]
    fn a_step_that_needs_a_document_is_done_only_once_it_arrived() {
        let desk = Desk::new(&controlled_config());
        let now = "2026-11-20T12:00";
        let arrived_late = CONTROLLED_ORDER.replace(
            "received: 2026-11-03T09:00:00+08:00, by: ann}",
            "received: 2026-11-06T09:00:00+08:00, by: ann}",
        );
        assert_eq!(
            findings(&desk, &order("O-1", &arrived_late), now),
            ["document at steps.S3.done"]
        );
        // A kind the ledger does not declare, logged by a stranger.
        let odd = CONTROLLED_ORDER.replace(
            "documents:\n",
            "documents:\n  - {kind: poster, ref: https://x.example/p.pdf, received: 2026-11-03T09:00:00+08:00, by: zed}\n",
        );
        assert_eq!(
            findings(&desk, &order("O-1", &odd), now),
            [
                "document at documents[0].kind",
                "unknown-person at documents[0].by"
            ]
        );
    }
}
