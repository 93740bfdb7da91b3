//! `verbal-unconfirmed` and `amendment-review`: a verbal order needs the customer's
//! written confirmation, and a structural change needs a new review (SOP).

use std::cmp::Ordering;
use std::path::Path;

use crate::finding::{Code, Finding};
use crate::model::enums::{Channel, Impact};
use crate::model::order::Order;
use crate::yaml::Route;

use super::Context;

pub(super) fn check(ctx: &Context<'_>, rel: &Path, order: &Order, out: &mut Vec<Finding>) {
    if order.channel == Channel::Verbal
        && order.confirmation.as_ref().and_then(|c| c.signed).is_none()
        && order.state != Some(crate::model::enums::State::Cancelled)
    {
        out.push(
            Finding::warning(
                Code::VerbalUnconfirmed,
                rel,
                "a verbal order has no written confirmation from the customer",
            )
            .at(Route::keys(&["channel"]))
            .label("taken verbally")
            .help("get the customer's signed or stamped confirmation and record it as `confirmation.signed`"),
        );
    }
    for (i, amendment) in order.amendments.iter().enumerate() {
        let at = Route::root().key("amendments").index(i);
        if amendment.impact != Impact::Structural {
            continue;
        }
        match &amendment.review {
            None => out.push(
                Finding::error(
                    Code::AmendmentReview,
                    rel,
                    format!("structural amendment `{}` has no review", amendment.summary),
                )
                .at(at.key("impact"))
                .label("structural")
                .help("a change of structure or main components is reviewed again like a custom order: record `review: {done: ..., by: ...}`"),
            ),
            Some(review) if review.done.cmp_in(&amendment.at.0, ctx.tz) == Ordering::Less => out.push(
                Finding::error(
                    Code::AmendmentReview,
                    rel,
                    format!("the review of `{}` is dated before the amendment", amendment.summary),
                )
                .at(at.key("review").key("done"))
                .label("before the amendment")
                .help("the review must come after the change it reviews"),
            ),
            Some(review) => {
                if let Some(policy) = &ctx.config.amendments
                    && ctx.config.people.contains_key(&review.by)
                    && !ctx.config.may_act_as(&review.by, &policy.review_role)
                {
                    out.push(
                        Finding::error(
                            Code::Role,
                            rel,
                            format!(
                                "{} does not hold the role `{}` that reviews structural amendments",
                                review.by, policy.review_role
                            ),
                        )
                        .at(at.key("review").key("by"))
                        .label(format!("lacks the role `{}`", policy.review_role)),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_kit::{Desk, WORKFLOW_CONFIG, findings, order};

    const NOW: &str = "2026-11-20T12:00";

    #[test]
    fn a_structural_amendment_is_reviewed_again_after_it_was_made() {
        let desk = Desk::new(WORKFLOW_CONFIG);
        let amendment = "amendments:\n  - {at: 2026-11-03T10:00:00+08:00, by: ann, summary: new handle, impact: structural";
        let unreviewed = order("O-1", &format!("{amendment}}}\n"));
        assert_eq!(
            findings(&desk, &unreviewed, NOW),
            ["amendment-review at amendments[0].impact"]
        );
        let before = order(
            "O-1",
            &format!("{amendment}, review: {{done: 2026-11-02T10:00:00+08:00, by: ann}}}}\n"),
        );
        assert_eq!(
            findings(&desk, &before, NOW),
            ["amendment-review at amendments[0].review.done"]
        );
        let reviewed = order(
            "O-1",
            &format!("{amendment}, review: {{done: 2026-11-04T10:00:00+08:00, by: ann}}}}\n"),
        );
        assert!(findings(&desk, &reviewed, NOW).is_empty());
    }

    #[test]
    fn a_verbal_order_waits_for_the_customers_written_confirmation() {
        let desk = Desk::new(WORKFLOW_CONFIG);
        let mut verbal = order("O-1", "");
        verbal.channel = crate::model::enums::Channel::Verbal;
        assert_eq!(
            findings(&desk, &verbal, NOW),
            ["verbal-unconfirmed at channel"]
        );
        let mut signed = order(
            "O-1",
            "confirmation: {sent: 2026-11-02T12:00:00+08:00, via: email, signed: 2026-11-03}\n",
        );
        signed.channel = crate::model::enums::Channel::Verbal;
        assert!(findings(&desk, &signed, NOW).is_empty());
    }
}
