//! `payment-terms`: installments add up to 100%, their due rules make sense, and
//! payments name a real installment without paying more than it asks.

use std::path::Path;

use rust_decimal::Decimal;

use crate::finding::{Code, Finding};
use crate::model::customer::PaymentTerm;
use crate::model::due::{Anchor, DueRule};
use crate::model::money;
use crate::model::order::Order;
use crate::yaml::Route;

use super::Context;

/// What is wrong with a due rule given the steps and installments it may name;
/// each problem comes with the key it concerns.
pub(super) fn due_rule_problems(
    rule: &DueRule,
    is_step: &dyn Fn(&str) -> bool,
    installments: &[&str],
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(problem) = rule.shape_problem() {
        out.push(("", problem));
    }
    for (key, anchor) in [("after", &rule.after), ("before", &rule.before)] {
        if let Some(Anchor::Step(id)) = anchor
            && !is_step(id)
        {
            out.push((
                key,
                format!("`{id}` is not a step of the workflow, nor a known anchor"),
            ));
        }
    }
    if let Some(name) = &rule.payment
        && !installments.is_empty()
        && !installments.contains(&name.as_str())
    {
        out.push((
            "payment",
            format!(
                "`{name}` is not an installment of the payment terms ({})",
                installments.join(", ")
            ),
        ));
    }
    out
}

/// Checks a list of payment terms (an order's or a customer's default ones).
pub(super) fn check_terms(
    rel: &Path,
    route: &Route,
    terms: &[PaymentTerm],
    steps: &[&str],
    code: Code,
    out: &mut Vec<Finding>,
) {
    if terms.is_empty() {
        return;
    }
    // Each percentage is at most 100, yet a sum of many is checked all the same.
    let total = terms
        .iter()
        .try_fold(Decimal::ZERO, |sum, t| sum.checked_add(t.percent.0));
    if let Some(total) = total.filter(|t| *t != Decimal::ONE_HUNDRED) {
        out.push(
            Finding::error(
                code,
                rel,
                format!("the installments add up to {total}%, not 100%"),
            )
            .at_key(route.clone())
            .label(format!("{total}%"))
            .help("make the percentages of the installments add up to 100"),
        );
    }
    let names: Vec<&str> = terms.iter().map(|t| t.name.as_str()).collect();
    for (i, term) in terms.iter().enumerate() {
        let at = route.clone().index(i);
        if names[..i].contains(&term.name.as_str()) {
            out.push(
                Finding::error(
                    code,
                    rel,
                    format!("installment `{}` is listed twice", term.name),
                )
                .at(at.clone().key("name"))
                .label("repeated"),
            );
        }
        for (key, problem) in due_rule_problems(&term.due, &|id| steps.contains(&id), &names) {
            let place = if key.is_empty() {
                at.clone().key("due")
            } else {
                at.clone().key("due").key(key)
            };
            out.push(Finding::error(code, rel, problem).at(place).label("here"));
        }
        if term.due.payment.is_some() {
            out.push(
                Finding::error(
                    code,
                    rel,
                    "an installment cannot fall due with another installment",
                )
                .at(at.key("due").key("payment"))
                .label("circular")
                .help("anchor the installment on a date or a step instead"),
            );
        }
    }
}

pub(super) fn check(ctx: &Context<'_>, rel: &Path, order: &Order, out: &mut Vec<Finding>) {
    let steps: Vec<&str> = ctx
        .config
        .workflow_of(order.workflow.as_deref())
        .map(|(_, w)| w.steps.iter().map(|s| s.id.as_str()).collect())
        .unwrap_or_default();
    let terms = order
        .contract
        .as_ref()
        .map(|c| c.payment_terms.as_slice())
        .unwrap_or_default();
    let terms_route = Route::keys(&["contract", "payment_terms"]);
    check_terms(rel, &terms_route, terms, &steps, Code::PaymentTerms, out);
    steps_without_their_installment(ctx, rel, order, terms, out);

    let names: Vec<&str> = terms.iter().map(|t| t.name.as_str()).collect();
    for (i, payment) in order.payments.iter().enumerate() {
        if names.contains(&payment.installment.as_str()) {
            continue;
        }
        out.push(
            Finding::error(
                Code::PaymentTerms,
                rel,
                format!(
                    "payment for `{}`, which is not an installment of the contract",
                    payment.installment
                ),
            )
            .at(Route::root().key("payments").index(i).key("installment"))
            .label("unknown installment")
            .help(if names.is_empty() {
                "the order has no contract.payment_terms to pay against".to_owned()
            } else {
                format!("installments: {}", names.join(", "))
            }),
        );
    }
    // Overflows are the loader's `amount-range` findings.
    let (Ok(total), Ok(paid)) = (money::total(order), money::paid(order)) else {
        return;
    };
    if paid <= total {
        return;
    }
    // The payment that takes the sum over the total carries the finding.
    let mut sum = Decimal::ZERO;
    let over = order
        .payments
        .iter()
        .position(|p| {
            sum += p.amount.0;
            sum > total
        })
        .unwrap_or(0);
    out.push(
        Finding::error(
            Code::PaymentTerms,
            rel,
            format!(
                "payments total {} but the order totals {}",
                paid.normalize(),
                total.normalize()
            ),
        )
        .at(Route::root().key("payments").index(over).key("amount"))
        .label("overpaid")
        .help("a payment beyond one installment pays the others; check the amounts"),
    );
}

/// A step that falls due with an installment (`due: {payment: NAME}`) the
/// order's terms do not have would never fall due, and nothing would say so.
fn steps_without_their_installment(
    ctx: &Context<'_>,
    rel: &Path,
    order: &Order,
    terms: &[PaymentTerm],
    out: &mut Vec<Finding>,
) {
    // Terms not written yet: those steps wait for them, which they say.
    if terms.is_empty() {
        return;
    }
    let Some((name, workflow)) = ctx.config.workflow_of(order.workflow.as_deref()) else {
        return;
    };
    let names: Vec<&str> = terms.iter().map(|t| t.name.as_str()).collect();
    for step in &workflow.steps {
        let Some(installment) = step.due.as_ref().and_then(|d| d.payment.as_deref()) else {
            continue;
        };
        if !crate::model::status::applies(step, order, name)
            || crate::model::customer::installment_index(terms, installment).is_some()
        {
            continue;
        }
        out.push(
            Finding::error(
                Code::PaymentTerms,
                rel,
                format!(
                    "step {} ({}) falls due with installment `{installment}`, which this order's \
                     terms do not have ({}): it would never fall due",
                    step.id,
                    step.title,
                    names.join(", ")
                ),
            )
            .at(Route::keys(&["contract", "payment_terms"]))
            .label(format!("no `{installment}`"))
            .help(format!(
                "name one of the installments `{installment}`, or let the workflow's step name \
                 `payment: first` or `payment: last`"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::test_kit::{Desk, WORKFLOW_CONFIG, findings, order};

    #[test]
    fn installments_add_up_to_the_whole_and_payments_name_one_of_them() {
        let desk = Desk::new(WORKFLOW_CONFIG);
        let now = "2026-11-20T12:00";
        let terms = |balance: u32, paid_to: &str| {
            order(
                "O-1",
                &format!(
                    "lines:\n  - {{sku: A, qty: 1, unit: pcs, unit_price: 10}}\ncontract:\n  payment_terms:\n    - {{name: deposit, percent: 30, due: {{after: S1}}}}\n    - {{name: balance, percent: {balance}, due: {{after: S3}}}}\npayments:\n  - {{installment: {paid_to}, amount: 1, received: 2026-11-05}}\n"
                ),
            )
        };
        assert!(findings(&desk, &terms(70, "deposit"), now).is_empty());
        assert_eq!(
            findings(&desk, &terms(60, "rest"), now),
            [
                "payment-terms at contract.payment_terms",
                "payment-terms at payments[0].installment"
            ]
        );
    }
}
