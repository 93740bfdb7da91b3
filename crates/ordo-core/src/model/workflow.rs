//! The workflows of `ordo.yaml`: their steps, with role, requirements, due
//! rule and the conditions under which a step applies.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::amount::Amount;
use super::due::{Anchor, DueRule};
use super::duration::Duration;
use super::enums::{Channel, KindFilter, OneOrMany, Priority};

/// A workflow: the ordered steps an order goes through.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Workflow")]
pub struct Workflow {
    /// What the workflow is for.
    pub title: super::Title,
    /// The step that records delivery to the customer, for the on-time delivery
    /// rate of `ordo monthly` (compared with `requested_delivery`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_step: Option<String>,
    /// The step that records the order's review (completeness, credit, stock and
    /// lead time), shown as the result, reviewer and date of the review form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_step: Option<String>,
    /// The step that closes the order (`close: ORD-16`): once it is done, the
    /// steps still open are follow-ups (the next-order call) that keep their
    /// due dates on the agenda but do not keep the order open, and `monthly`'s
    /// cycle time ends here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close: Option<String>,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// A milestone of an order.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Step",
    example = serde_json::json!({
        "id": "ORD-08", "title": "Production completed", "role": "purchasing",
        "requires": ["ORD-04"], "due": {"after": "ORD-04", "offset": "contract.production_time"},
        "notify": ["purchasing-manager", "sales-manager"], "remind": "1wd"
    })
)]
pub struct Step {
    /// The step's id, unique in its workflow; orders record steps under it.
    #[schemars(pattern(r"^[A-Za-z0-9][A-Za-z0-9_-]*$"))]
    pub id: String,
    /// What has happened when the step is done.
    pub title: super::Title,
    /// The role whose people may mark the step done.
    pub role: String,
    /// Steps that must be done or skipped first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// When the step falls due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<DueRule>,
    /// Roles or people invited to the step's calendar event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notify: Vec<String>,
    /// How long before the due date to remind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remind: Option<Duration>,
    /// The step applies only to orders matching every entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<When>,
    /// Kinds of document (declared under `documents`) the order must have
    /// received before the step is done; `advance` refuses the step until then.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(example = serde_json::json!(["artwork", "specs"]))]
    pub needs: Vec<String>,
    /// How often the step's progress is reported while it is open and ready
    /// (进度更新周期): `1w` weekly, `1d` daily, `1wd` every working day on the
    /// step's calendar. `overdue` and `upcoming` list an update that is missing,
    /// counted from the last `progress` record on the step (or from when the
    /// step became ready); the calendar carries a recurring reminder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = serde_json::json!("1w"), example = serde_json::json!("1wd"))]
    pub updates: Option<Duration>,
    /// Events the step must be done before, if they happen: `confirmation.sent`,
    /// `confirmation.signed`, `contract.signed`, `dates.<name>` or another step's
    /// id (its `done`). `validate` warns (`done-before`) when one happened while
    /// the step was not yet done, e.g. a delivery date promised to the customer
    /// before the design review of a custom order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(example = serde_json::json!(["confirmation.sent"]))]
    pub done_before: Vec<Anchor>,
    /// The step applies only to orders that record it (e.g. a credit approval,
    /// which the `credit-limit` check asks for when an order goes over the limit).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
    /// What must hold before the step is done: `advance` refuses it, naming
    /// each unmet condition, unless told `--override --reason`; `validate`
    /// reports a step done while its gate did not hold (`gate`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<Gate>,
    /// What the step promises the customer: `delivery` (a delivery date, as the
    /// confirmation does); once it is done, `validate` warns (`lead-time`) when
    /// the delivery milestone falls after the requested delivery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promises: Option<Promise>,
    /// Who else is told once the step is this late: `{after: 1wd, to:
    /// sales-manager}` adds the role's people (or the person) to its overdue
    /// row and its calendar event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalate: Option<Escalate>,
}

/// An escalation: once a step is `after` late, `to` (roles or people) join
/// its assignees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Escalate {
    /// How late the step is before it escalates (counted from its due date,
    /// on the step's calendar for working time).
    pub after: Duration,
    /// The roles or people it escalates to.
    pub to: OneOrMany<String>,
}

/// What a step promises the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Promise {
    /// A delivery date.
    Delivery,
}

/// What must hold before a step is done.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    example = serde_json::json!({"paid": ["first"]}),
    example = serde_json::json!({"paid": ["due"], "complete": ["shipment.tracking"]}),
    example = serde_json::json!({"paid": ["first"], "approved": "credit"})
)]
pub struct Gate {
    /// Installments paid in full by then: a name, `first`, `last`, or `due`
    /// (every installment due by then: a prepaid order ships paid, one on
    /// credit terms need not wait).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paid: Vec<String>,
    /// Fields the order must hold: `lines` (each with sku, description,
    /// quantity and unit price), `ship_to` (name, address and contact) or one of
    /// its fields, `requested_delivery`, `contract.payment_terms`,
    /// `contract.signed`, `contract.number`, `contract.production_time`,
    /// `confirmation.sent`, `confirmation.signed`, `shipment.carrier`,
    /// `shipment.tracking`, `dates.NAME`, or `documents.KIND` (a document of that
    /// kind received by then).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub complete: Vec<String>,
    /// Approvals done by then when the order needs them: `credit` (the
    /// credit approval step under `credit`, when the customer's exposure is
    /// over its limit with this order, now or when it was reviewed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved: Option<Approval>,
}

/// An approval a gate can wait for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Approval {
    /// The credit approval, needed when the order takes its customer over the
    /// credit limit.
    Credit,
}

/// A condition on order fields; every entry given must match.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Condition",
    example = serde_json::json!({"kind": "custom"}),
    example = serde_json::json!({"total": {"over": 500000}})
)]
pub struct When {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<OneOrMany<KindFilter>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<OneOrMany<Priority>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<OneOrMany<Channel>>,
    /// Customer codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<OneOrMany<String>>,
    /// Owners (people keys).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<OneOrMany<String>>,
    /// Workflow names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workflow: Option<OneOrMany<String>>,
    /// The order total (quantity times unit price over its lines), in the
    /// order's own currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Bounds>,
    /// The day the order was received, as its file gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<DateBounds>,
    /// The delivery date the customer asked for; an order without one does not
    /// match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_delivery: Option<DateBounds>,
}

/// Bounds on an amount; every bound given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Amount bounds", example = serde_json::json!({"over": 500000}))]
pub struct Bounds {
    /// More than this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub over: Option<Amount>,
    /// This or more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<Amount>,
    /// Less than this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub under: Option<Amount>,
    /// This or less.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<Amount>,
}

impl Bounds {
    pub fn hold(&self, value: Decimal) -> bool {
        self.over.is_none_or(|b| value > b.0)
            && self.at_least.is_none_or(|b| value >= b.0)
            && self.under.is_none_or(|b| value < b.0)
            && self.at_most.is_none_or(|b| value <= b.0)
    }
}

/// Bounds on a date; every bound given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Date bounds", example = serde_json::json!({"on_or_after": "2026-01-01"}))]
pub struct DateBounds {
    /// Earlier than this day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<NaiveDate>,
    /// This day or earlier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_or_before: Option<NaiveDate>,
    /// Later than this day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<NaiveDate>,
    /// This day or later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_or_after: Option<NaiveDate>,
}

impl DateBounds {
    pub fn hold(&self, day: NaiveDate) -> bool {
        self.before.is_none_or(|b| day < b)
            && self.on_or_before.is_none_or(|b| day <= b)
            && self.after.is_none_or(|b| day > b)
            && self.on_or_after.is_none_or(|b| day >= b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_strict_or_inclusive_as_named() {
        let amount = |text: &str| Some(Amount(text.parse().expect("decimal")));
        let over = Bounds {
            over: amount("500000"),
            ..Bounds::default()
        };
        assert!(!over.hold("500000".parse().expect("decimal")));
        assert!(over.hold("500000.01".parse().expect("decimal")));
        let between = Bounds {
            at_least: amount("100"),
            at_most: amount("200"),
            ..Bounds::default()
        };
        assert!(between.hold(100.into()) && between.hold(200.into()));
        assert!(!between.hold(99.into()) && !between.hold(201.into()));
        let under = Bounds {
            under: amount("10"),
            ..Bounds::default()
        };
        assert!(under.hold(9.into()) && !under.hold(10.into()));
    }

    #[test]
    fn date_bounds_are_strict_or_inclusive_as_named() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 6, d).expect("date");
        let window = DateBounds {
            on_or_after: Some(day(10)),
            before: Some(day(20)),
            ..DateBounds::default()
        };
        assert!(window.hold(day(10)) && window.hold(day(19)));
        assert!(!window.hold(day(9)) && !window.hold(day(20)));
        let open = DateBounds {
            after: Some(day(10)),
            on_or_before: Some(day(20)),
            ..DateBounds::default()
        };
        assert!(!open.hold(day(10)) && open.hold(day(11)) && open.hold(day(20)));
    }
}
